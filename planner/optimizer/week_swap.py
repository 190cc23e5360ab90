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
give the same plan. The neighbourhood search in weeks runs the passes before
its steps and after them: on generated 40 x 500 quarters in weeks (seeds 0-4,
the searches ending on their work) 1,585.85 became 1,602.18 on the mean
(+1.03 %, every seed higher), for 93,000-195,000 exchanges weighed a quarter
(bench/results.md "Exchanges in weeks"); with the re-packs and chains, 1,618.97
for 575,000-674,000 ("Exchanges by chains").
"""

from __future__ import annotations

import time
from threading import Event

from planner.core.domain import Project
from planner.optimizer.local_search import LocalSearch

#: An exchange out: (what it adds beside attainment, the project going out, its new row
#: or ``None`` when it leaves the plan).
_Out = tuple[float, str, int | None]


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

    #: Whether an exchange may move the team's other movable projects to other weeks of
    #: their windows to open a run for the project coming in (:meth:`WeekRoom.repack`).
    retiming = True
    #: Whether a project going out may move to a team that gives up one of its own for it.
    chains = True
    #: Whether the passes weigh chains now (:meth:`run`).
    _chaining = False

    def run(self, work: int, deadline: float, cancel: Event | None = None) -> None:
        """Passes until one makes no exchange, ``work`` exchanges are weighed, ``deadline``
        (a ``perf_counter`` time) or ``cancel``. Chains (:attr:`chains`) only once a pass
        without them makes none: they cost most to weigh, and a solve whose clock ends the
        passes has made the cheaper exchanges first."""
        search = self.search
        search._restore(search._save())  # each team's projects as the plan has them now
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

    def _outs(self, team_id: str) -> list[_Out]:
        """The ways each movable project of the team may leave it."""
        s, g = self.search, self.g
        outs: list[_Out] = []
        for other in s.on_team[team_id]:
            if other not in s.movable:
                continue
            (held,) = g.chosen[other]
            if other not in s.mandatory:
                outs.append((-s.worth[held], other, None))
            for alt in s.by_fit[other]:
                if s.team_of[alt] != team_id and g.fits(alt):
                    outs.append((s.worth[alt] - s.worth[held], other, alt))
                    break
        return outs

    def _exchange(self, project: Project, work: int) -> bool:
        """The best exchange that brings ``project`` in, made; whether one was."""
        s, g = self.search, self.g
        pid = project.project_id
        best_gain = 1e-9
        best: tuple[int, list[tuple[str, int | None]]] | None = None
        evicted: str | None = None
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
            for i, (worth, other, alt) in enumerate(outs):
                (held,) = g.chosen[other]
                moved = (0.0 if alt is None else g.value[alt]) - g.value[held]
                if room + g.hours[held] >= need:
                    self.weighed += 1
                    gain = s._change_two(pid, value, other, moved) + s.worth[row] + worth
                    if gain > best_gain and self._fits(project, row, [held]):
                        best_gain, best = gain, (row, [(other, alt)])
                for second_worth, second, second_alt in outs[i + 1 :]:
                    if second == other:
                        continue
                    (second_held,) = g.chosen[second]
                    if room + g.hours[held] + g.hours[second_held] < need:
                        continue
                    if self._same_team(alt, second_alt):
                        continue  # one team's room would be counted twice
                    self.weighed += 1
                    second_to = 0.0 if second_alt is None else g.value[second_alt]
                    gain = s._change(
                        [(pid, value), (other, moved), (second, second_to - g.value[second_held])]
                    )
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
        team_id = s.team_of[row]
        room, need, value = g.free[team_id], g.hours[row], g.value[row]
        best: tuple[float, str, int, str] | None = None
        # Each other team's projects it may give up, with their rows, and the least any adds
        # beside attainment (0 at most), read once a call.
        gives: dict[str, tuple[list[tuple[str, int]], float]] = {}
        for other in sorted(s.on_team[team_id]):
            if other not in s.movable:
                continue
            (held,) = g.chosen[other]
            if room + g.hours[held] < need:
                continue
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
                if to not in gives:
                    gives[to] = self._gives(to)
                candidates, least = gives[to]
                most = s._change_two(pid, value, other, moved) + s.worth[row] + s.worth[alt]
                if most - s.worth[held] - least <= best_gain:
                    continue
                for gone, gone_row in candidates:
                    if g.free[to] + g.hours[gone_row] < g.hours[alt]:
                        continue
                    self.weighed += 1
                    gain = s._change([(pid, value), (other, moved), (gone, -g.value[gone_row])])
                    gain += s.worth[row] + s.worth[alt] - s.worth[held] - s.worth[gone_row]
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

    def _gives(self, team_id: str) -> tuple[list[tuple[str, int]], float]:
        """The projects the team may give up (movable, not mandatory) with their rows, in
        order, and the least any of them adds beside attainment (0 at most)."""
        s, g = self.search, self.g
        gives = [
            (p, g.chosen[p][0])
            for p in sorted(s.on_team[team_id])
            if p in s.movable and p not in s.mandatory
        ]
        return gives, min([0.0, *(s.worth[r] for _, r in gives)])

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
