"""Exchanges in weeks: planned projects out, a left-out one in, where the freed weeks hold it.

The week search (:mod:`planner.optimizer.week_search`) weighs its swaps in
quarter hours and carries out only the one that gains most; when that one's
weeks have no run for the project coming in, the move is undone and the
project stays out, although a swap that gains less would have fitted. The
neighbourhood search in weeks (:mod:`planner.optimizer.week_lns`) frees only
a few teams a step. So after both, valuable projects stay out of teams whose
weeks one or two of their projects could give up.

An exchange here puts a left-out project on a team in place of one or two
of that team's projects, each of which leaves the plan or moves to the
best-fitting other team with room for it (a mandatory one only moves). It is
looked at in weeks before it is made: with the projects going out given
back their weeks, the one coming in must have a run of weeks (rule 10), its
quarter hours and a project slot (rules 5-6). When its weeks have no run
even then, the team's other movable projects may move to other weeks of
their windows to open one (:meth:`~planner.optimizer.weeks.WeekRoom.repack`):
the time-wise ejection chain the exchanges otherwise miss (+0.45 % more on
the same quarters, every seed higher). Where no team that may own a project
going out has room for it, a *chain* moves it to one that gives up one of
its own projects (which leaves the plan) where its weeks then hold it
(+0.60 % more, every seed higher; weighed only once a pass
without them makes none). Each left-out project that
would gain, best first, takes its best such exchange; passes follow until
none gains. Only projects free of pins, dependencies and joint ownership
move, so rules 7, 11 and 12 hold as they are; a move is kept when the
search's score rises.

Its work is counted in exchanges weighed, not in seconds, so the same inputs
give the same plan. An exchange whose gain is bounded below the best one
found for the project is not weighed (a goal's term rises by no more than its
points a unit of KPI times the value added, and dropping a project never
raises one); each team's ways out are read once until an exchange is made:
the same plans to the end of the passes in about a third less CPU, and so more
passes in the same work. The neighbourhood search in weeks runs the passes before
its steps and after them: on generated 40 x 500 quarters in weeks (seeds 0-4,
the searches ending on their work) 1,585.85 became 1,602.18 on the mean
(+1.03 %, every seed higher), for 93,000-195,000 exchanges weighed a quarter
(bench/results.md "Exchanges in weeks"); with the re-packs and chains, 1,618.97
for 575,000-674,000 ("Exchanges by chains").
"""

from __future__ import annotations

import math
import time
from threading import Event

from planner.core.domain import Project
from planner.optimizer.local_search import LocalSearch

#: An exchange out as the passes weigh it: what it adds beside attainment, the project going
#: out, its new row or ``None`` when it leaves the plan, the most its move adds to its goal's
#: attainment term (:meth:`WeekSwaps._lift`) and what it adds there alone (:meth:`WeekSwaps._term`).
_Way = tuple[float, str, int | None, float, float]
#: A project a team may give up for a chain: its id, row, goal, what leaving adds to its goal's
#: attainment term alone (0 at most) and what it adds beside attainment.
_Give = tuple[str, int, str | None, float, float]
#: An exchange is not weighed when what it adds at most is this far below the best one found:
#: the bound and the gain are sums in floats in other orders.
_SLACK = 1e-9


class WeekSwaps:
    """Exchanges of planned and left-out projects over a week search's greedy."""

    def __init__(self, search: LocalSearch) -> None:
        g = search.g
        assert g.weeks is not None, "exchanges in weeks need the week room"
        self.search = search
        self.g = g
        self.weeks = g.weeks
        #: Exchanges weighed (the work), and made.
        self.weighed = 0
        self.made = 0
        #: Exchanges made with the team's other projects moved in time, and made as chains.
        self.retimed = 0
        self.chained = 0
        #: Each team's ways out (:meth:`_outs`) and projects it may give up (:meth:`_gives`),
        #: as the plan is: they read only the plan's owners, rooms and goal totals, which no
        #: exchange weighed and not made changes, so each is worked out once until one is made
        #: or another run begins.
        self._outs_of: dict[str, list[_Way]] = {}
        self._gives_of: dict[str, tuple[list[_Give], float]] = {}

    #: Whether an exchange may move the team's other movable projects to other weeks of
    #: their windows to open a run for the project coming in (:meth:`WeekRoom.repack`).
    retiming = True
    #: Whether a project going out may move to a team that gives up one of its own for it.
    chains = True
    #: Whether an exchange whose gain is bounded below the best one found is left unweighed
    #: (the same plans, fewer exchanges weighed: more passes in the same work).
    bounded = True
    #: Whether the passes weigh chains now (:meth:`run`).
    _chaining = False

    def run(self, work: int, deadline: float, cancel: Event | None = None) -> None:
        """Passes until one makes no exchange, ``work`` exchanges are weighed, ``deadline``
        (a ``perf_counter`` time) or ``cancel``. Chains (:attr:`chains`) only once a pass
        without them makes none: they cost most to weigh, and a solve whose clock ends the
        passes has made the cheaper exchanges first."""
        search = self.search
        search._restore(search._save())  # each team's projects as the plan has them now
        # And their ways out as it has them: the plan may have changed since the last run.
        self._outs_of.clear()
        self._gives_of.clear()
        self._chaining = False
        while self.weighed < work:
            made = self.made
            for project in search.candidates():
                if self.weighed >= work or time.perf_counter() >= deadline:
                    return
                if cancel is not None and cancel.is_set():
                    return
                if project.project_id not in self.g.chosen:
                    self._exchange(project, work)
            if self.made == made:
                if self._chaining or not self.chains:
                    return
                self._chaining = True

    def _outs(self, team_id: str) -> list[_Way]:
        """The ways each movable project of the team may leave it (read once until an exchange
        is made: :attr:`_outs_of`)."""
        known = self._outs_of.get(team_id)
        if known is not None:
            return known
        s, g = self.search, self.g
        outs: list[_Way] = []
        for other in s.on_team[team_id]:
            if other not in s.movable:
                continue
            (held,) = g.chosen[other]
            if other not in s.mandatory:
                outs.append((-s.worth[held], other, None, 0.0, self._term(other, -g.value[held])))
            for alt in s.by_fit[other]:
                if s.team_of[alt] != team_id and g.fits(alt):
                    moved = g.value[alt] - g.value[held]
                    way = (s.worth[alt] - s.worth[held], other, alt)
                    outs.append((*way, self._lift(other, alt), self._term(other, moved)))
                    break
        self._outs_of[team_id] = outs
        return outs

    def _exchange(self, project: Project, work: int) -> bool:
        """The best exchange that brings ``project`` in, made; whether one was."""
        s, g = self.search, self.g
        pid = project.project_id
        goal_of = s.goal_id_of
        goal = goal_of[pid]
        best_gain = 1e-9
        best: tuple[int, list[tuple[str, int | None]]] | None = None
        evicted: str | None = None
        slack = _SLACK if self.bounded else math.inf
        for row in s.rows[pid]:
            team_id = s.team_of[row]
            if g.fits(row) or (g.has_room(row) and self.retiming):
                gain = s._change_one(pid, g.value[row]) + s.worth[row]
                if gain > best_gain and (g.fits(row) or self._fits(project, row, [])):
                    best_gain, best = gain, (row, [])
                if g.fits(row):
                    continue
            outs = self._outs(team_id)
            room, need, value = g.free[team_id], g.hours[row], g.value[row]
            # What the exchange adds at most: the project coming in's own gain, and each
            # project going out's worth and the attainment its move could add (a goal's term
            # rises by no more than its points a unit of KPI times the value added); an
            # exchange that cannot beat the best one found is not weighed.
            coming = s._change_one(pid, value) + s.worth[row]
            for i, (worth, other, alt, lift, _) in enumerate(outs):
                (held,) = g.chosen[other]
                moved = (0.0 if alt is None else g.value[alt]) - g.value[held]
                most = coming + worth + lift
                # The attainment of it and ``other``'s move, as :meth:`LocalSearch._change`
                # sums it: a second project going out of a third goal adds its own term.
                both = s._change_two(pid, value, other, moved)
                if room + g.hours[held] >= need and most >= best_gain - slack:
                    self.weighed += 1
                    gain = both + s.worth[row] + worth
                    if gain > best_gain and self._fits(project, row, [held]):
                        best_gain, best = gain, (row, [(other, alt)])
                other_goal = goal_of[other]
                for second_worth, second, second_alt, second_lift, alone in outs[i + 1 :]:
                    if second == other:
                        continue
                    (second_held,) = g.chosen[second]
                    if room + g.hours[held] + g.hours[second_held] < need:
                        continue
                    if self._same_team(alt, second_alt):
                        continue  # one team's room would be counted twice
                    if most + second_worth + second_lift < best_gain - slack:
                        continue
                    self.weighed += 1
                    second_goal = goal_of[second]
                    if second_goal is None or not g.w_attainment:
                        gain = both
                    elif second_goal != goal and second_goal != other_goal:
                        gain = both + alone
                    else:
                        second_to = 0.0 if second_alt is None else g.value[second_alt]
                        changes = [(pid, value), (other, moved)]
                        gain = s._change([*changes, (second, second_to - g.value[second_held])])
                    gain += s.worth[row] + worth + second_worth
                    if gain > best_gain and self._fits(project, row, [held, second_held]):
                        best_gain, best = gain, (row, [(other, alt), (second, second_alt)])
            if self.weighed >= work:
                break
        if self._chaining and self.weighed < work:
            for row in s.rows[pid]:
                chain = self._chain(project, row, best_gain)
                if chain is not None:
                    best_gain, other, alt, evicted = chain
                    best = (row, [(other, alt)])
        return best is not None and self._make(project, *best, evicted=evicted)

    def _chain(
        self, project: Project, row: int, best_gain: float
    ) -> tuple[float, str, int, str] | None:
        """The best chain that brings ``project`` in on ``row`` and gains more than
        ``best_gain``: one of the team's movable projects goes to another team, which gives up
        one of its own (it leaves the plan) for it; (gain, the project moved, its new row,
        the project dropped), or ``None``."""
        s, g, weeks = self.search, self.g, self.weeks
        pid = project.project_id
        goal = s.goal_id_of[pid]
        team_id = s.team_of[row]
        room, need, value = g.free[team_id], g.hours[row], g.value[row]
        best: tuple[float, str, int, str] | None = None
        slack = _SLACK if self.bounded else math.inf
        for other in sorted(s.on_team[team_id]):
            if other not in s.movable:
                continue
            (held,) = g.chosen[other]
            if room + g.hours[held] < need:
                continue
            other_goal = s.goal_id_of[other]
            moving = g.problem.project(other)
            opens: bool | None = None  # whether ``project`` has a run once ``other`` leaves
            for alt in s.by_fit[other]:
                if opens is False:
                    break
                to = s.team_of[alt]
                if to == team_id or g.fits(alt):
                    continue  # a move to a team with room is one of the exchanges' own
                moved = g.value[alt] - g.value[held]
                # Dropping a project never raises attainment: what the chain gains at most,
                # less the least the dropped project is worth beside it.
                candidates, least = self._gives(to)
                both = s._change_two(pid, value, other, moved)
                most = both + s.worth[row] + s.worth[alt]
                if most - s.worth[held] - least <= best_gain:
                    continue
                for gone, gone_row, gone_goal, alone, gone_worth in candidates:
                    if g.free[to] + g.hours[gone_row] < g.hours[alt]:
                        continue
                    if most - s.worth[held] - gone_worth < best_gain - slack:
                        continue  # dropping ``gone`` never raises attainment: it cannot gain more
                    self.weighed += 1
                    # As :meth:`LocalSearch._change` sums it: a goal of its own adds its term.
                    if gone_goal is None or not g.w_attainment:
                        gain = both
                    elif gone_goal != goal and gone_goal != other_goal:
                        gain = both + alone
                    else:
                        drop = (gone, -g.value[gone_row])
                        gain = s._change([(pid, value), (other, moved), drop])
                    gain += s.worth[row] + s.worth[alt] - s.worth[held] - gone_worth
                    if gain <= best_gain:
                        continue
                    if not weeks.fits_without(moving, alt, [gone_row]):
                        continue
                    if opens is None:
                        opens = self._fits(project, row, [held])
                    if not opens:
                        break
                    best_gain, best = gain, (gain, other, alt, gone)
        return best

    def _lift(self, other: str, alt: int | None) -> float:
        """The most a project going out adds to its goal's attainment term (0 when it leaves
        the plan or moves to a row worth no more): points a unit of KPI times the value its
        move adds; its goal's term rises by no more, whatever the other changes."""
        if alt is None:
            return 0.0
        s, g = self.search, self.g
        goal_id = s.goal_id_of[other]
        added = g.value[alt] - g.value[g.chosen[other][0]]
        if goal_id is None or added <= 0 or not g.w_attainment:
            return 0.0
        return s.goal_terms[goal_id][1] * added

    def _term(self, project_id: str, delta: float) -> float:
        """What ``project_id``'s goal total changing by ``delta`` adds to the attainment, in
        the floats :meth:`LocalSearch._change` adds it in when no other change is of its goal."""
        goal_id = self.search.goal_id_of[project_id]
        if goal_id is None or not self.g.w_attainment:
            return 0.0
        target, scale = self.search.goal_terms[goal_id]
        before = target - self.g.headroom[goal_id]
        after = before + (0.0 + delta)
        return scale * (min(target, after) - min(target, before))

    def _fits(self, project: Project, row: int, held: list[int]) -> bool:
        """Whether ``project`` has a run on ``row`` once the projects on ``held`` are out of
        their weeks: as the team's other projects are, or (:attr:`retiming`) with them moved
        to other weeks of their windows (:meth:`WeekRoom.repack`)."""
        if self.weeks.fits_without(project, row, held):
            return True
        if not self.retiming:
            return False
        self.weighed += 1
        return self.weeks.repack(project, row, held, self._shifted(row, held)) is not None

    def _shifted(self, row: int, held: list[int]) -> list[int]:
        """The rows of the team's projects that may move in time: the movable ones (free of
        pins, dependencies and joint ownership) that stay."""
        s, g = self.search, self.g
        team_id = s.team_of[row]
        rows = (g.chosen[pid][0] for pid in s.on_team[team_id] if pid in s.movable)
        return sorted(r for r in rows if r not in held)

    def _gives(self, team_id: str) -> tuple[list[_Give], float]:
        """The projects the team may give up (movable, not mandatory) in order (:data:`_Give`),
        and the least any of them adds beside attainment (0 at most); read once until an
        exchange is made (:attr:`_gives_of`)."""
        known = self._gives_of.get(team_id)
        if known is not None:
            return known
        s, g = self.search, self.g
        gives: list[_Give] = []
        for p in sorted(s.on_team[team_id]):
            if p in s.movable and p not in s.mandatory:
                (row,) = g.chosen[p]
                drop = self._term(p, -g.value[row])
                gives.append((p, row, s.goal_id_of[p], drop, s.worth[row]))
        known = self._gives_of[team_id] = (gives, min([0.0, *(give[4] for give in gives)]))
        return known

    def _same_team(self, alt: int | None, second_alt: int | None) -> bool:
        """Whether both projects going out move, to one team (its room was looked at once)."""
        if alt is None or second_alt is None:
            return False
        return self.search.team_of[alt] == self.search.team_of[second_alt]

    def _make(
        self,
        project: Project,
        row: int,
        outs: list[tuple[str, int | None]],
        evicted: str | None = None,
    ) -> bool:
        """Carry out an exchange (``evicted`` leaves the plan first, for a chain); undone
        unless the search's score rises."""
        s, g = self.search, self.g
        before = s.score()
        saved = s._save()
        failed = False
        if evicted is not None:
            s._drop(evicted)
        for other, _ in outs:
            s._drop(other)
        for other, alt in outs:
            if alt is not None:
                failed |= not self._take(g.problem.project(other), alt)
        retimed = not failed and self.weeks.start_for(project, [row]) is None
        if retimed and self.retiming:  # the run it was weighed with, the others moved in time
            shifted = self._shifted(row, [])
            starts = self.weeks.repack(project, row, [], shifted)
            if starts is not None:
                rows = {g.pairs[r].project_id: r for r in shifted}
                self.weeks.retime({p: t for p, t in starts.items() if p in rows}, rows)
        failed |= not self._take(project, row)
        if failed or s.score() <= before + 1e-9:
            s._restore(saved)
            return False
        self.made += 1
        self._outs_of.clear()
        self._gives_of.clear()
        self.retimed += retimed
        self.chained += evicted is not None
        return True

    def _take(self, project: Project, row: int) -> bool:
        """Assign ``project`` on ``row`` at the start the week room picks; whether it had one."""
        s = self.search
        if self.weeks.start_for(project, [row]) is None:
            return False
        s._take(project, row)
        return True
