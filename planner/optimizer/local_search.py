"""The local search that improves the greedy's plan (:mod:`planner.optimizer.greedy`).

Moves a greedy cannot see: insert a left-out project where it fits, after
relocating one project of a full team, or in place of one worth less;
ejection chains of two moves; shifts and swaps among assigned projects;
and an iterated local search whose kicks ruin a few projects of one team
and descend again, kept when better.

Every move keeps rule 7 as the checker reads it: a project goes only to a
team its pins allow and no forbid rules out (:func:`allowed_rows`, the greedy's
reading too). Pinned,
joint and dependency-tied work never moves, so forced work the greedy left
out may be beyond every move (:func:`out_for_good`): the greedy then hands
its plan back without a search, and the time goes to what follows.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from threading import Event
from typing import Protocol

from planner.core.domain import Goal, Problem, Project
from planner.core.pairs import Pair
from planner.optimizer.weeks import WeekRoom


@dataclass(frozen=True)
class GreedyState:
    """The greedy's plan and room at one moment (``Greedy.snapshot``), for a search to
    go back to when its moves do not gain; here, not in the greedy's module, because
    the searches that keep it are imported by that module."""

    chosen: dict[str, list[int]]
    free: dict[str, int]
    slots: dict[str, int | None]
    headroom: dict[str, float]
    #: The week room's (free units, starts), when weeks matter.
    weeks: tuple[dict[str, list[int]], dict[str, int]] | None


class SearchedGreedy(Protocol):
    """The greedy's state and steps that the searches read and change: what
    :class:`planner.optimizer.greedy.Greedy` offers them.

    A protocol, not the class, since the greedy imports the searches to run
    them; mypy still checks each use here and that the greedy has them all.
    Rows index :attr:`pairs`; hours are in ``1 / hour_scale`` hours.
    """

    problem: Problem
    pairs: Sequence[Pair]
    #: Each project's pair rows.
    by_project: dict[str, list[int]]
    #: Per row: its hours, the goal's KPI it adds, its fit points and its stability points.
    hours: list[int]
    value: list[float]
    fit: list[int]
    kept: list[float]
    hour_scale: int
    w_attainment: float
    w_value: float
    w_fit: float
    #: Each project's rows whose team rule 7 lets own it (:func:`allowed_rows`).
    allowed: dict[str, list[int]]
    #: The plan: project id -> its owner rows; each team's free hours and project slots
    #: (``None``: no cap); each goal's KPI still below its target.
    chosen: dict[str, list[int]]
    free: dict[str, int]
    slots: dict[str, int | None]
    headroom: dict[str, float]
    #: The weekly room, when weeks matter.
    weeks: WeekRoom | None

    def attainment_points(self, goal: Goal, reached: float) -> float: ...

    def fits(self, row: int) -> bool: ...

    def has_room(self, row: int) -> bool: ...

    def take(self, project: Project, owners: list[int], start: int | None = None) -> None: ...

    def release(self, project_id: str) -> list[int]: ...

    def snapshot(self) -> GreedyState: ...

    def restore(self, state: GreedyState) -> None: ...


def room_for(need: int, free: int, slots: int | None) -> bool:
    """Rules 5 and 6 on a team's room as it would be once some projects left it: ``need``
    hours (in the greedy's whole units) fit in its ``free`` ones and a project slot is left
    (``slots`` ``None``: no cap). :func:`out_for_good` and the nearby search's moves ask it;
    :meth:`Greedy.has_room` keeps the same test inline on the room now (it is asked of every
    move: 0.09 us a call more through this function, measured on a 40 x 500 quarter)."""
    return need <= free and (slots is None or slots > 0)


def pinned_teams(problem: Problem) -> dict[str, set[str]]:
    """Project id -> the teams its ``pin`` rules name (a project without pins: none)."""
    pinned: dict[str, set[str]] = defaultdict(set)
    for project_id, team_id in problem.pins:
        pinned[project_id].add(team_id)
    return pinned


def pins_allow(problem: Problem, pins: Collection[str], pair: Pair) -> bool:
    """Rule 7's pins for one pair, written once: every pin on the pair's side names its team
    (a joint project has a sales and a marketing side, pinned apart; any other project one
    side). ``pins`` are the teams the pair's project is pinned to (:func:`pinned_teams`)."""
    if not pins:
        return True
    if not problem.project(pair.project_id).joint:
        return set(pins) <= {pair.team_id}
    teams = problem.team_index
    side = {t for t in pins if t in teams and teams[t].department == pair.department}
    return side <= {pair.team_id}


def allowed_rows(
    problem: Problem, pairs: Sequence[Pair], by_project: Mapping[str, list[int]]
) -> dict[str, list[int]]:
    """Rule 7 for the greedy and every search: each project's pair rows (``by_project``,
    rows of ``pairs``) whose team may own it, as the checker reads the rule. Each team it
    is pinned to must own it (:func:`pins_allow`), and no forbid names it. Eligible pairs
    leave forbidden ones out already; the greedy and the moves do not rely on it."""
    pinned = pinned_teams(problem)
    forbids = problem.forbids
    allowed = {}
    for project_id, rows in by_project.items():
        pins = pinned.get(project_id, set())
        allowed[project_id] = [
            row
            for row in rows
            if pins_allow(problem, pins, pairs[row])
            and (project_id, pairs[row].team_id) not in forbids
        ]
    return allowed


def fixed_projects(problem: Problem) -> set[str]:
    """The projects no move takes out of the plan, brings in (unless mandatory) or gives
    another team: joint ones, pinned ones and those tied by a dependency, either way."""
    fixed = set(problem.dependents)
    fixed |= {p.project_id for p in problem.projects if p.depends_on or p.joint}
    return fixed | {project_id for project_id, _ in problem.pins}


def out_for_good(g: SearchedGreedy, forced: Iterable[Project]) -> list[Project]:
    """The ``forced`` work (mandatory, pinned, or needed by such) left out of ``g``'s plan
    that no move of the search can bring back; while any is, no plan it reaches keeps
    every rule.

    A move brings back only a mandatory project that is not joint and needs no other
    (:meth:`LocalSearch.candidates`), to a team rule 7 allows (:func:`allowed_rows`); at
    most the room that team would have if every project a move may take off it left (the
    :func:`fixed_projects` stay). An estimate that errs towards searching.
    """
    out = [p for p in forced if p.project_id not in g.chosen]
    if not out:
        return []
    fixed = fixed_projects(g.problem)
    free, slots = dict(g.free), dict(g.slots)
    for project_id, owners in g.chosen.items():
        if project_id in fixed:
            continue
        for row in owners:
            team_id = g.pairs[row].team_id
            free[team_id] += g.hours[row]
            left = slots[team_id]
            slots[team_id] = None if left is None else left + 1

    def room(row: int) -> bool:
        team_id = g.pairs[row].team_id
        return room_for(g.hours[row], free[team_id], slots[team_id])

    return [
        p
        for p in out
        if not p.mandatory
        or p.joint
        or p.depends_on
        or not any(room(r) for r in g.allowed.get(p.project_id, []))
    ]


#: Ejection chains (the dearest moves) are tried for this many left-out projects per pass,
#: the most promising first; the cheaper moves for all of them.
_CHAIN_FROM = 25
_KICK_SIZE = 3
_KICK_FROM = 10
#: The kicks stop after this many in a row that found nothing better (a small quarter
#: reaches its local optimum in a few kicks; its time goes to CP-SAT's proof instead).
_KICK_STALL = 40


class _Owned(dict[str, None]):
    """A team's projects in the order they joined it: a set that iterates in that order.

    A plain ``set`` of ids iterates in the order of the strings' hashes, which
    change from process to process (``PYTHONHASHSEED``); moves of equal gain
    would then be chosen differently in each process, and the same inputs
    would give different plans across restarts.
    """

    def add(self, project_id: str) -> None:
        self[project_id] = None

    def discard(self, project_id: str) -> None:
        self.pop(project_id, None)


@dataclass(frozen=True, order=True)
class Move:
    """Assign ``row``'s project, first moving ``other`` to ``alt`` (or dropping it)."""

    gain: float
    row: int
    other: str | None = field(default=None, compare=False)
    alt: int | None = field(default=None, compare=False)


class LocalSearch:
    """Improve a greedy plan by moves a greedy cannot see, until none helps or time is up.

    For each unassigned project, best gain first, it tries to *insert* it
    where it fits; to *relocate* one project of a full team to another team
    with room and insert it in the hours freed; or to *swap* it for a project
    worth less on that team (a project on a goal already past its target is
    worth only its fit). Only projects free of pins, dependencies and joint
    ownership move; mandatory ones are never dropped.
    """

    def __init__(
        self, greedy: SearchedGreedy, deadline: float, cancel: Event | None = None, kicks: int = 0
    ) -> None:
        self.g = greedy
        self.deadline = deadline
        self.cancel = cancel
        self.kicks = kicks
        self._chains = True
        problem = greedy.problem
        #: Each project's goal (``None``: it serves none).
        self.goal_of = {
            p.project_id: problem.goal_index.get(p.goal_id or "") for p in problem.projects
        }
        fixed = fixed_projects(problem)
        self.movable = {p.project_id for p in problem.projects if p.project_id not in fixed}
        self.mandatory = {p.project_id for p in problem.projects if p.mandatory}
        self.on_team: dict[str, _Owned] = defaultdict(_Owned)
        for project_id, owners in greedy.chosen.items():
            for row in owners:
                self.on_team[greedy.pairs[row].team_id].add(project_id)
        #: Each project's rows that rule 7 allows: the only rows a move gives it.
        self.rows: dict[str, list[int]] = defaultdict(list, greedy.allowed)
        # Each project's rows, best fit first: the first that fits is the best move target.
        self.by_fit = {
            project_id: sorted(rows, key=lambda r: -greedy.fit[r])
            for project_id, rows in self.rows.items()
        }
        self.row_of = {
            (greedy.pairs[row].project_id, greedy.pairs[row].team_id): row
            for rows in self.rows.values()
            for row in rows
        }
        #: Per row: its team, and what it adds beside attainment (:meth:`_worth`), read
        #: once: the moves ask them hundreds of thousands of times a search at 40 x 500.
        self.team_of = [p.team_id for p in greedy.pairs]
        self.worth = [
            greedy.w_value * v + greedy.w_fit * f + k
            for v, f, k in zip(greedy.value, greedy.fit, greedy.kept, strict=True)
        ]
        #: Each project's goal id (``None``: it serves none); each goal's target and the
        #: attainment points one unit of its KPI adds (:meth:`_change`'s floats).
        self.goal_id_of = {
            pid: None if goal is None else goal.goal_id for pid, goal in self.goal_of.items()
        }
        self.goal_terms = {
            goal.goal_id: (float(goal.target), greedy.attainment_points(goal, 1.0))
            for goal in problem.goals
        }
        self._order = {p.project_id: i for i, p in enumerate(problem.projects)}
        #: While set, the shifts and swaps only move projects of these teams (see _perturb).
        self.focus: set[str] | None = None

    # -- objective deltas (floats: the exact objective is recomputed by the checker) --

    def _change(self, changes: list[tuple[str, float]]) -> float:
        """The attainment gained when each project's goal total changes by its delta."""
        g = self.g
        if not g.w_attainment:
            return 0.0
        goal_id_of = self.goal_id_of
        by_goal: dict[str, float] = {}
        for project_id, delta in changes:
            goal_id = goal_id_of[project_id]
            if goal_id is not None:
                by_goal[goal_id] = by_goal.get(goal_id, 0.0) + delta
        gain = 0.0
        headroom = g.headroom
        goal_terms = self.goal_terms
        for goal_id, delta in by_goal.items():
            target, scale = goal_terms[goal_id]
            before = target - headroom[goal_id]
            after = before + delta
            gain += scale * (min(target, after) - min(target, before))
        return gain

    def _change_one(self, project_id: str, delta: float) -> float:
        """:meth:`_change` of one project's delta, in the same floats."""
        goal_id = self.goal_id_of[project_id]
        if goal_id is None or not self.g.w_attainment:
            return 0.0
        target, scale = self.goal_terms[goal_id]
        before = target - self.g.headroom[goal_id]
        after = before + delta
        return 0.0 + scale * (min(target, after) - min(target, before))

    def _change_two(self, first: str, delta: float, second: str, other_delta: float) -> float:
        """:meth:`_change` of two projects' deltas (``first``'s goal first), in the same floats."""
        if not self.g.w_attainment:
            return 0.0
        goal_id_of = self.goal_id_of
        a, b = goal_id_of[first], goal_id_of[second]
        if a is None:
            return self._change_one(second, other_delta)
        if b is None:
            return self._change_one(first, delta)
        headroom, goal_terms = self.g.headroom, self.goal_terms
        if a == b:
            delta = 0.0 + delta + other_delta
        target, scale = goal_terms[a]
        before = target - headroom[a]
        gain = 0.0 + scale * (min(target, before + delta) - min(target, before))
        if a == b:
            return gain
        target, scale = goal_terms[b]
        before = target - headroom[b]
        return gain + scale * (min(target, before + other_delta) - min(target, before))

    def _worth(self, row: int) -> float:
        """What one pair adds beside attainment: value, fit, and keeping its baseline owner."""
        return self.worth[row]

    # -- moves ----------------------------------------------------------------------------

    #: Whether the search may move assigned projects between teams for their own sake
    #: (shifts, swaps, kicks). A search that counts changes of owner turns it off.
    reassigns = True

    def run(self) -> None:
        self._descend()
        if self.reassigns:
            self._perturb()

    def _descend(self, top: int | None = None) -> None:
        """Apply improving moves until none is left (a local optimum) or time is up.

        ``top`` limits the insertions tried to that many left-out projects, best first.
        """
        improved = True
        while improved and not self.should_stop():
            improved = False
            for rank, project in enumerate(self.candidates()[:top]):
                if self.should_stop():
                    return
                self._chains = rank < _CHAIN_FROM
                if self._place(project):
                    improved = True
            if self.reassigns and self._reassign():
                improved = True

    def _perturb(self) -> None:
        """Iterated local search: ruin a few projects of one team, descend again, keep if better.

        The team is drawn from those that could take a project still left
        out, or from every team when nothing is left out (every project
        mandatory, as in a GAP); the random draws come from a fixed seed, so
        the same inputs and budget give the same plan. After a kick the shifts
        and swaps look only at the teams the kick and its descent touched (a
        full pass costs most of a kick at 40 x 500); one full descent follows
        the last kick.
        """
        g = self.g
        rng = random.Random(0)
        best = self.score()
        stalled = 0
        everyone = sorted(self.on_team)
        for _ in range(self.kicks):
            if self.should_stop() or stalled >= _KICK_STALL:
                break
            wanted = self.candidates()[:_KICK_FROM]
            rows = [r for p in wanted for r in self.rows[p.project_id]]
            teams = sorted({g.pairs[r].team_id for r in rows}) or everyone
            if not teams:
                return  # an empty plan and nothing a kick could make room for
            team_id = rng.choice(teams)
            out = [p for p in self.on_team[team_id] if p in self.movable]
            out.sort(key=self._order.__getitem__)
            if not out:
                stalled += 1
                continue
            saved = self._save()
            self.focus = {team_id}
            for project_id in rng.sample(out, min(len(out), rng.randint(1, _KICK_SIZE))):
                (held,) = g.chosen[project_id]
                self._drop(project_id)
                if project_id in self.mandatory:  # it must stay: to another team with room
                    moves = [r for r in self.rows[project_id] if r != held and g.fits(r)]
                    self._take(g.problem.project(project_id), rng.choice(moves or [held]))
            self._descend(top=_KICK_FROM)
            self.focus = None
            score = self.score()
            if score > best + 1e-9:
                best, stalled = score, 0
            else:
                self._restore(saved)
                stalled += 1
        self._descend()

    def score(self) -> float:
        """The plan's objective as the moves see it (attainment, value, fit and stability;
        floats): a search that builds on this one keeps a step when it rises."""
        g = self.g
        total = 0.0
        if g.w_attainment:
            for goal in g.problem.goals:
                target = float(goal.target)
                reached = min(target, target - g.headroom[goal.goal_id])
                total += g.attainment_points(goal, reached)
        return total + sum(self._worth(r) for rows in g.chosen.values() for r in rows)

    def _save(self) -> GreedyState:
        return self.g.snapshot()

    def _restore(self, saved: GreedyState) -> None:
        g = self.g
        g.restore(saved)
        on_team: defaultdict[str, _Owned] = defaultdict(_Owned)
        self.on_team = on_team
        team_of = self.team_of
        for project_id, owners in g.chosen.items():
            for row in owners:
                on_team[team_of[row]][project_id] = None  # _Owned.add, without the call

    def should_stop(self) -> bool:
        """Whether the search must end now: past its deadline, or cancelled."""
        return time.perf_counter() >= self.deadline or (
            self.cancel is not None and self.cancel.is_set()
        )

    def candidates(self) -> list[Project]:
        """The left-out projects a move may place that would gain, best gain first and
        mandatory ones before all: the projects a search that builds on this one looks
        to bring in. Joint projects and those tied by a dependency are not among them."""
        g = self.g
        ranked = []
        for project in g.problem.projects:
            pid = project.project_id
            if pid in g.chosen or (pid not in self.movable and pid not in self.mandatory):
                continue
            if project.joint or project.depends_on:
                continue
            rows = self.rows.get(pid)
            if not rows:
                continue
            best = max(self._change_one(pid, g.value[r]) + self.worth[r] for r in rows)
            if best > 0 or pid in self.mandatory:
                ranked.append((-(best + (1e9 if pid in self.mandatory else 0)), pid))
        ranked.sort()
        return [g.problem.project(pid) for _, pid in ranked]

    def _place(self, project: Project) -> bool:
        """Apply the best improving move that assigns ``project``; whether one was found."""
        best = Move(1e-9, -1)
        for move in self._placing(project):
            best = max(best, move)
        if best.row < 0:
            return self._chains and self._chain(project)
        self._carry_out(project, best)
        return True

    def _placing(self, project: Project) -> Iterator[Move]:
        """Every move that assigns ``project``, with its gain: *insert* it where it fits;
        on a full team, first *relocate* one of its projects to the best-fitting team with
        room, or drop that project (*swap*). Read-only: the caller carries one out."""
        g = self.g
        pid = project.project_id
        for row in self.rows[pid]:
            team_id = g.pairs[row].team_id
            if g.fits(row):
                yield Move(self._change_one(pid, g.value[row]) + self.worth[row], row)
                continue
            for other in self.on_team[team_id]:
                held = g.chosen[other][0]
                if other not in self.movable or g.free[team_id] + g.hours[held] < g.hours[row]:
                    continue
                # relocate ``other`` to the best-fitting team with room for it ...
                for alt in self.by_fit[other]:
                    if g.pairs[alt].team_id != team_id and g.fits(alt):
                        gain = self._change_two(
                            pid, g.value[row], other, g.value[alt] - g.value[held]
                        )
                        gain += self.worth[row] + self.worth[alt] - self.worth[held]
                        yield Move(gain, row, other, alt)
                        break
                # ... or drop it for this project
                if other not in self.mandatory:
                    gain = self._change_two(pid, g.value[row], other, -g.value[held])
                    gain += self.worth[row] - self.worth[held]
                    yield Move(gain, row, other)

    def _carry_out(self, project: Project, move: Move) -> None:
        """Apply one of :meth:`_placing`'s moves."""
        if move.other is not None:
            self._drop(move.other)
            if move.alt is not None:
                self._take(self.g.problem.project(move.other), move.alt)
        self._take(project, move.row)

    def _chain(self, project: Project) -> bool:
        """An ejection chain of length two that assigns ``project``; whether one helped.

        ``project`` goes to a full team, one of that team's projects moves to a
        second full team, and one of the second team's projects moves to a
        team with room or, when it is worth less than what the chain gains
        (e.g. work on a goal already past its target), is dropped. This is the
        short form of Yagiura, Ibaraki and Glover's ejection chains for the
        generalized assignment problem.
        """
        g = self.g
        pid = project.project_id
        ejections: dict[str, list[tuple[float, str, int | None]]] = {}
        best_gain = 1e-9
        best: tuple[int, str, int, str, int | None] | None = None
        for row in self.rows[pid]:
            team_id = g.pairs[row].team_id
            slots_i = g.slots[team_id]
            if slots_i is not None and slots_i <= 0:
                continue
            insert = self._change_one(pid, g.value[row]) + self.worth[row]
            for other in self.on_team[team_id]:
                if other not in self.movable:
                    continue
                (held,) = g.chosen[other]
                if g.free[team_id] + g.hours[held] < g.hours[row]:
                    continue
                for alt in self.rows[other]:
                    k = g.pairs[alt].team_id
                    if k == team_id or g.fits(alt):
                        continue  # a move to a team with room is _place's simple relocation
                    if k not in ejections:
                        ejections[k] = self._ejections(k)
                    need = g.hours[alt] - g.free[k]
                    base = insert + self._worth(alt) - self._worth(held)
                    for gain, last, end in ejections[k]:
                        if base + gain <= best_gain:
                            break  # sorted best first: nothing further can win
                        (last_held,) = g.chosen[last]
                        if last == other or g.hours[last_held] < need:
                            continue
                        if end is not None and g.pairs[end].team_id == team_id:
                            continue
                        last_to = g.value[end] if end is not None else 0.0
                        exact_gain = self._change(
                            [
                                (pid, g.value[row]),
                                (other, g.value[alt] - g.value[held]),
                                (last, last_to - g.value[last_held]),
                            ]
                        )
                        exact_gain += self._worth(row) + self._worth(alt) - self._worth(held)
                        exact_gain += (self._worth(end) if end is not None else 0.0) - self._worth(
                            last_held
                        )
                        if exact_gain > best_gain:
                            best_gain, best = exact_gain, (row, other, alt, last, end)
                        break
        if best is None:
            return False
        row, other, alt, last, end = best
        self._drop(last)
        if end is not None:
            self._take(g.problem.project(last), end)
        self._drop(other)
        self._take(g.problem.project(other), alt)
        self._take(project, row)
        return True

    def _ejections(self, team_id: str) -> list[tuple[float, str, int | None]]:
        """The team's movable projects, each with the best way out: (gain, project, new row).

        The way out is a move to the best-fitting other team with room, or a
        drop (``None``) for a project that is not mandatory; best gain first.
        """
        g = self.g
        out: list[tuple[float, str, int | None]] = []
        for last in self.on_team[team_id]:
            if last not in self.movable:
                continue
            (held,) = g.chosen[last]
            options: list[tuple[float, int | None]] = []
            for end in self.by_fit[last]:
                if g.pairs[end].team_id != team_id and g.fits(end):
                    gain = self._change_one(last, g.value[end] - g.value[held])
                    options.append((gain + self._worth(end) - self._worth(held), end))
                    break
            if last not in self.mandatory:
                gain = self._change_one(last, -g.value[held]) - self.worth[held]
                options.append((gain, None))
            if options:
                best_gain, best_end = max(options, key=lambda o: o[0])
                out.append((best_gain, last, best_end))
        out.sort(key=lambda o: -o[0])
        return out

    def _reassign(self) -> bool:
        """One pass of *shift* and *swap* moves among assigned projects; whether any helped.

        A shift moves a project to another team with room for it; a swap
        trades two projects between their teams when both fit after the
        trade. Each project takes its best improving move. These are the
        classic neighbourhoods of the generalized assignment problem: they
        change who owns what without changing what is planned, so they find
        better fit (and, with team-specific estimates, more value or fewer
        hours) where insertions alone are stuck.
        """
        g = self.g
        improved = False
        focus = self.focus
        # Read once: this pass weighs every (project, team, swap partner) of the plan.
        team_of, worth, value, hours, free = self.team_of, self.worth, g.value, g.hours, g.free
        movable, chosen, row_of, on_team = self.movable, g.chosen, self.row_of, self.on_team
        change_one, change_two = self._change_one, self._change_two
        for project_id in sorted(chosen, key=self._order.__getitem__):
            if self.should_stop():
                return improved
            if project_id not in movable or project_id not in chosen:
                continue
            (held,) = chosen[project_id]
            team_id = team_of[held]
            if focus is not None and team_id not in focus:
                continue
            best_gain = 1e-9
            best: tuple[int, str | None, int | None] | None = None
            room_back = free[team_id] + hours[held]
            for alt in self.rows[project_id]:
                other_team = team_of[alt]
                if other_team == team_id:
                    continue
                moved = value[alt] - value[held]
                if g.fits(alt):
                    gain = change_one(project_id, moved)
                    gain += worth[alt] - worth[held]
                    if gain > best_gain:
                        best_gain, best = gain, (alt, None, None)
                room = free[other_team] - hours[alt]
                for other in on_team[other_team]:
                    if other not in movable:
                        continue
                    (other_held,) = chosen[other]
                    if room + hours[other_held] < 0:
                        continue
                    back = row_of.get((other, team_id))
                    if back is None or room_back < hours[back]:
                        continue
                    gain = change_two(project_id, moved, other, value[back] - value[other_held])
                    gain += worth[alt] - worth[held]
                    gain += worth[back] - worth[other_held]
                    if gain > best_gain:
                        best_gain, best = gain, (alt, other, back)
            if best is None:
                continue
            alt, swapped, back = best
            self._drop(project_id)
            if swapped is not None and back is not None:
                self._drop(swapped)
                self._take(g.problem.project(swapped), back)
            self._take(g.problem.project(project_id), alt)
            improved = True
        return improved

    def _take(self, project: Project, row: int) -> None:
        self.g.take(project, [row])
        team_id = self.g.pairs[row].team_id
        self.on_team[team_id].add(project.project_id)
        if self.focus is not None:
            self.focus.add(team_id)

    def _drop(self, project_id: str) -> None:
        (row,) = self.g.release(project_id)
        team_id = self.g.pairs[row].team_id
        self.on_team[team_id].discard(project_id)
        if self.focus is not None:
            self.focus.add(team_id)
