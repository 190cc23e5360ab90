"""The warm start for CP-SAT: a greedy plan, LP rounding and local search.

``greedy_pairs`` is the fast greedy (and the baseline the benchmarks beat);
``warm_start`` is what ``solve()`` starts from: the LP relaxation's choice
rounded by the greedy, then improved by local search (``_LocalSearch``).

Projects are taken best-first by their objective gain per hour (attainment
headroom left on their goal, value, fit), mandatory ones and their
prerequisites first; each goes to the eligible team with room that fits it
best and is least loaded. It keeps every hard rule it can see (capacity,
project caps, pins, dependencies, joint skill cover) but may leave a
mandatory project out when the greedy order paints itself into a corner;
CP-SAT repairs that.

Given a *preference* per pair (e.g. the LP relaxation's fractional choice),
it rounds that instead: the projects the preference assigns whole are taken
first, each by its preferred team, and the greedy fills what room is left.

The local search inserts unassigned projects where they fit, after moving
one project of a full team elsewhere, or in place of a project worth less
(work on a goal already past its target is worth only its fit).

Capacity is tracked in whole numbers (hours x the smallest power of ten that
makes them whole), so the plan is exactly within every limit; the scores that
only order the choices are floats, and the exact objective comes from the
checker.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from threading import Event
from typing import Any

from planner.core.domain import MARKETING, SALES, Problem, Project
from planner.core.settings import exact
from planner.optimizer.cpsat import fit_points_of
from planner.optimizer.eligibility import Pair, team_capacity
from planner.optimizer.formulation import Formulation
from planner.optimizer.weeks import WeekRoom

#: Share of the warm start's time that GLOP may take; the local search gets the rest.
_LP_SHARE = 0.8
#: Building and solving the LP takes about this long per pair (measured: 1.4-2.6 s at 84k
#: pairs, 25 s at 570k); with less time GLOP is not started.
_LP_S_PER_PAIR = 2.5e-5
#: Iterated local search: a budget of kicks from the local search's budget in seconds and
#: the number of pairs, not from the clock, so the same inputs give the same plan. A kick
#: and its descent cost about 1.4e-5 s per pair on the shared 2-core machine (0.05 s at 40 x
#: 500, 3,700 pairs), so this many pair-kicks per second of budget leaves room for CP-SAT:
#: 30 kicks in 1.2-1.9 s at M with 5 s (M seeds 2, 3, 7: gap 0.53-0.61 % -> 0.26-0.50 %,
#: against 6 kicks before), 7 at 150 x 3,000 with 30 s. Each kick drops 1 to
#: _KICK_SIZE projects of a team that one of the _KICK_FROM best left-out projects could use.
_KICK_PAIRS_PER_S = 30_000
#: The week-by-week search (``week_search.py``) keeps its kicks per second of budget.
_WEEK_KICKS_PER_S = 2
#: The kicks stop after this many in a row that found nothing better (a small quarter
#: reaches its local optimum in a few kicks; its time goes to CP-SAT's proof instead).
_KICK_STALL = 40
#: Ejection chains (the dearest moves) are tried for this many left-out projects per pass,
#: the most promising first; the cheaper moves for all of them.
_CHAIN_FROM = 25
_KICK_SIZE = 3
_KICK_FROM = 10
#: A preference at least this close to 1 counts as "assigned whole".
_WHOLE = 1 - 1e-6


class _Greedy:
    """The greedy's state: who has taken what, and each team's room left.

    Room is read from the formulation's packing rows (capacity and project
    caps: coefficient per pair, right-hand side per team), so the greedy
    keeps the same rules 5 and 6 as CP-SAT and the LP, in the same whole numbers.
    """

    def __init__(
        self,
        problem: Problem,
        pairs: Sequence[Pair],
        preference: Sequence[float] | None,
        formulation: Formulation | None = None,
    ) -> None:
        self.problem = problem
        self.pairs = pairs
        weights = problem.settings.weights
        self.w_attainment = float(exact(weights.attainment))
        self.w_value = float(exact(weights.value))
        self.w_fit = float(exact(weights.fit))
        rules = formulation or Formulation.packing_only(problem, tuple(pairs))
        scale = rules.hour_scale
        self.hours = rules.hours
        self.value = [float(p.value) for p in pairs]
        self.fit = fit_points_of(problem, pairs)
        self.preference = list(preference) if preference is not None else [0.0] * len(pairs)
        self.by_project: dict[str, list[int]] = defaultdict(list)
        for row, pair in enumerate(pairs):
            self.by_project[pair.project_id].append(row)
        self.free, self.slots = rules.team_room()
        self.limit = dict(self.free)
        self.capacity = {t.team_id: float(team_capacity(problem, t) * scale) for t in problem.teams}
        self.pins: dict[str, set[str]] = defaultdict(set)
        for project_id, team_id in problem.pins:
            self.pins[project_id].add(team_id)
        self.headroom = {g.goal_id: float(g.target) for g in problem.goals}
        self.chosen: dict[str, list[int]] = {}
        #: Weekly room (rules 10-12) when weeks matter: it picks each project's start week.
        self.weeks = WeekRoom(problem, pairs, self.hours, scale) if problem.is_time_phased else None

    # -- scoring ----------------------------------------------------------

    def _gain(self, project: Project, owners: list[int]) -> float:
        value = sum(self.value[r] for r in owners)
        gain = self.w_value * value + self.w_fit * sum(self.fit[r] for r in owners)
        goal = self.problem.goal_index.get(project.goal_id or "")
        if goal is not None and self.w_attainment:
            reached = min(value, max(self.headroom[goal.goal_id], 0.0))
            gain += self.w_attainment * float(goal.weight) * 100 * reached / float(goal.target)
        return gain

    def _fits(self, row: int) -> bool:
        team_id = self.pairs[row].team_id
        slots = self.slots[team_id]
        if self.hours[row] > self.free[team_id] or (slots is not None and slots <= 0):
            return False
        if self.weeks is not None:
            project = self.problem.project(self.pairs[row].project_id)
            return self.weeks.start_for(project, [row]) is not None
        return True

    def _rank(self, row: int) -> tuple[float, float, float]:
        """Preferred first, then the best fit, then the least loaded after taking it."""
        team_id = self.pairs[row].team_id
        capacity = self.capacity[team_id]
        used = self.limit[team_id] - self.free[team_id] + self.hours[row]
        load = used / capacity if capacity > 0 else 0.0
        return (self.preference[row], self.w_fit * self.fit[row], -load)

    # -- choosing owners ----------------------------------------------------

    def owners(self, project: Project) -> list[int] | None:
        """The best owners with room for ``project`` now (``None``: it cannot go)."""
        if project.project_id in self.chosen:
            return None
        if any(d not in self.chosen for d in project.depends_on):
            return None
        pins = self.pins.get(project.project_id)
        candidates = [
            row
            for row in self.by_project.get(project.project_id, [])
            if self._fits(row) and (not pins or self.pairs[row].team_id in pins or project.joint)
        ]
        if not project.joint:
            if not candidates:
                return None
            return [max(candidates, key=self._rank)]
        pair = self._joint_owners(project, candidates, pins)
        if pair is not None and self.weeks is not None and not self.weeks.start_for(project, pair):
            return None  # no week both teams have room in
        return pair

    def _joint_owners(
        self, project: Project, candidates: list[int], pins: set[str] | None
    ) -> list[int] | None:
        sides = []
        for department in (SALES, MARKETING):
            side = [r for r in candidates if self.pairs[r].department == department]
            pinned = [r for r in side if pins and self.pairs[r].team_id in pins]
            side = pinned or sorted(side, key=self._rank, reverse=True)
            if not side:
                return None
            sides.append(side)
        return self._covering_pair(project, sides[0], sides[1])

    def _covering_pair(
        self, project: Project, sales: list[int], marketing: list[int]
    ) -> list[int] | None:
        """The best sales team that a marketing team can complete, with the best such one.

        Rows arrive best first. Skills are bitmasks, so a demanding skill set that
        few teams hold costs no more to pair than an easy one.
        """
        skills = list(project.required_skills.items())
        full = (1 << len(skills)) - 1

        def held(row: int) -> int:
            team = self.problem.team(self.pairs[row].team_id)
            return sum(1 << i for i, (s, lvl) in enumerate(skills) if team.level(s) >= lvl)

        first_with: dict[int, int] = {}  # skill mask -> the best marketing row holding it
        for row in marketing:
            first_with.setdefault(held(row), row)
        position = {row: i for i, row in enumerate(marketing)}
        for row in sales:
            lacking = full & ~held(row)
            partners = [r for mask, r in first_with.items() if mask & lacking == lacking]
            if partners:
                return [row, min(partners, key=position.__getitem__)]
        return None

    def take(self, project: Project, owners: list[int]) -> None:
        if self.weeks is not None:
            start = self.weeks.start_for(project, owners)
            assert start is not None, "owners() only offers owners with a start week"
            self.weeks.take(project, owners, start)
        self.chosen[project.project_id] = owners
        for row in owners:
            team_id = self.pairs[row].team_id
            self.free[team_id] -= self.hours[row]
            slots = self.slots[team_id]
            if slots is not None:
                self.slots[team_id] = slots - 1
        if project.goal_id in self.headroom:
            self.headroom[project.goal_id] -= sum(self.value[r] for r in owners)

    # -- the passes ---------------------------------------------------------

    def run(
        self,
        deadline: float | None = None,
        cancel: Event | None = None,
        kicks: int = 0,
        stop_at: float | None = None,
        search: type[_LocalSearch] | None = None,
    ) -> list[Pair]:
        projects, search = self.problem.project_index, search or _LocalSearch
        must = _with_prerequisites(self.problem, [p for p in self.problem.projects if p.mandatory])
        pinned = _with_prerequisites(self.problem, [projects[p] for p, _ in self.problem.pins])
        # Pinned work first: it has no other owner, so others must not take its room.
        self._in_order(_topological(self.problem, pinned + must))
        self._in_order(_topological(self.problem, self._preferred_whole()))
        self._best_first(stop_at)
        if deadline is not None and (self.weeks is None or search is not _LocalSearch):
            search(self, deadline, cancel, kicks).run()  # _LocalSearch's moves see quarters
        return [self.pairs[row] for owners in self.chosen.values() for row in owners]

    def _preferred_whole(self) -> list[Project]:
        """Projects the preference assigns whole (a joint one: on both sides)."""
        whole = []
        for project in self.problem.projects:
            rows = self.by_project.get(project.project_id, [])
            share = sum(self.preference[r] for r in rows)
            if share >= (2 if project.joint else 1) * _WHOLE:
                whole.append(project)
        return whole

    def _in_order(self, projects: list[Project]) -> None:
        for project in projects:
            owners = self.owners(project)
            if owners is not None:
                self.take(project, owners)

    def _best_first(self, stop_at: float | None = None) -> None:
        """Lazy best-first: re-score a popped project, push it back if it fell behind.

        At ``stop_at`` (a ``perf_counter`` time) it stops where it is: the plan
        so far keeps every rule (the forced projects are placed before), it
        only leaves optional work out.
        """

        def late() -> bool:
            return stop_at is not None and time.perf_counter() > stop_at

        heap: list[tuple[float, int, str]] = []
        for i, project in enumerate(self.problem.projects):
            if i % 64 == 0 and late():
                return
            owners = self.owners(project)
            if owners is not None:
                heap.append((-self._density(project, owners), i, project.project_id))
        heapq.heapify(heap)
        waiting: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, project in enumerate(self.problem.projects):
            for needed in project.depends_on:
                waiting[needed].append((i, project.project_id))
        while heap:
            if late():
                return
            _, i, project_id = heapq.heappop(heap)
            project = self.problem.project(project_id)
            owners = self.owners(project)
            if owners is None:
                continue
            fresh = -self._density(project, owners)
            if heap and fresh > heap[0][0]:
                heapq.heappush(heap, (fresh, i, project_id))
                continue
            if fresh >= 0 and project_id not in waiting:
                continue  # adds nothing and unlocks nothing: keep the hours free
            self.take(project, owners)
            for j, dependent in waiting.get(project_id, []):
                follower = self.problem.project(dependent)
                follow = self.owners(follower)
                if follow is not None:
                    heapq.heappush(heap, (-self._density(follower, follow), j, dependent))

    def _density(self, project: Project, owners: list[int]) -> float:
        hours = sum(self.hours[r] for r in owners)
        return self._gain(project, owners) / max(hours, 1)


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
class _Move:
    """Assign ``row``'s project, first moving ``other`` to ``alt`` (or dropping it)."""

    gain: float
    row: int
    other: str | None = field(default=None, compare=False)
    alt: int | None = field(default=None, compare=False)


class _LocalSearch:
    """Improve a greedy plan by moves a greedy cannot see, until none helps or time is up.

    For each unassigned project, best gain first, it tries to *insert* it
    where it fits; to *relocate* one project of a full team to another team
    with room and insert it in the hours freed; or to *swap* it for a project
    worth less on that team (a project on a goal already past its target is
    worth only its fit). Only projects free of pins, dependencies and joint
    ownership move; mandatory ones are never dropped.
    """

    def __init__(
        self, greedy: _Greedy, deadline: float, cancel: Event | None = None, kicks: int = 0
    ) -> None:
        self.g = greedy
        self.deadline = deadline
        self.cancel = cancel
        self.kicks = kicks
        self._chains = True
        problem = greedy.problem
        self.goal_of = {
            p.project_id: problem.goal_index.get(p.goal_id or "") for p in problem.projects
        }
        tied = {d for p in problem.projects for d in p.depends_on}
        tied |= {p.project_id for p in problem.projects if p.depends_on}
        tied |= set(greedy.pins)
        self.movable = {
            p.project_id for p in problem.projects if not p.joint and p.project_id not in tied
        }
        self.mandatory = {p.project_id for p in problem.projects if p.mandatory}
        self.on_team: dict[str, _Owned] = defaultdict(_Owned)
        for project_id, owners in greedy.chosen.items():
            for row in owners:
                self.on_team[greedy.pairs[row].team_id].add(project_id)
        # Each project's rows, best fit first: the first that fits is the best move target.
        self.by_fit = {
            project_id: sorted(rows, key=lambda r: -greedy.fit[r])
            for project_id, rows in greedy.by_project.items()
        }
        self.row_of = {(p.project_id, p.team_id): row for row, p in enumerate(greedy.pairs)}
        self._order = {p.project_id: i for i, p in enumerate(problem.projects)}
        #: While set, the shifts and swaps only move projects of these teams (see _perturb).
        self.focus: set[str] | None = None

    # -- objective deltas (floats: the exact objective is recomputed by the checker) --

    def _change(self, changes: list[tuple[str, float]]) -> float:
        """The attainment gained when each project's goal total changes by its delta."""
        g = self.g
        if not g.w_attainment:
            return 0.0
        by_goal: dict[str, float] = defaultdict(float)
        goals = {}
        for project_id, delta in changes:
            goal = self.goal_of[project_id]
            if goal is not None:
                by_goal[goal.goal_id] += delta
                goals[goal.goal_id] = goal
        gain = 0.0
        for goal_id, delta in by_goal.items():
            goal = goals[goal_id]
            target = float(goal.target)
            before = target - g.headroom[goal_id]
            after = before + delta
            scale = g.w_attainment * float(goal.weight) * 100 / target
            gain += scale * (min(target, after) - min(target, before))
        return gain

    def _worth(self, row: int) -> float:
        """What one pair adds beside attainment: value and fit."""
        g = self.g
        return g.w_value * g.value[row] + g.w_fit * g.fit[row]

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
        while improved and not self._over():
            improved = False
            for rank, project in enumerate(self._candidates()[:top]):
                if self._over():
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
        best = self._score()
        stalled = 0
        everyone = sorted(self.on_team)
        for _ in range(self.kicks):
            if self._over() or stalled >= _KICK_STALL:
                break
            wanted = self._candidates()[:_KICK_FROM]
            rows = [r for p in wanted for r in g.by_project[p.project_id]]
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
                    moves = [r for r in g.by_project[project_id] if r != held and g._fits(r)]
                    self._take(g.problem.project(project_id), rng.choice(moves or [held]))
            self._descend(top=_KICK_FROM)
            self.focus = None
            score = self._score()
            if score > best + 1e-9:
                best, stalled = score, 0
            else:
                self._restore(saved)
                stalled += 1
        self._descend()

    def _score(self) -> float:
        """The plan's objective as the moves see it (attainment, value and fit; floats)."""
        g = self.g
        total = 0.0
        if g.w_attainment:
            for goal in g.problem.goals:
                target = float(goal.target)
                reached = min(target, target - g.headroom[goal.goal_id])
                total += g.w_attainment * float(goal.weight) * 100 * reached / target
        return total + sum(self._worth(r) for rows in g.chosen.values() for r in rows)

    def _save(self) -> tuple[Any, ...]:
        g = self.g
        weeks = g.weeks.snapshot() if g.weeks is not None else None
        return dict(g.chosen), dict(g.free), dict(g.slots), dict(g.headroom), weeks

    def _restore(self, saved: tuple[Any, ...]) -> None:
        g = self.g
        g.chosen, g.free, g.slots, g.headroom = (dict(part) for part in saved[:4])
        if g.weeks is not None:
            g.weeks.restore(saved[4])
        self.on_team = defaultdict(_Owned)
        for project_id, owners in g.chosen.items():
            for row in owners:
                self.on_team[g.pairs[row].team_id].add(project_id)

    def _over(self) -> bool:
        return time.perf_counter() >= self.deadline or (
            self.cancel is not None and self.cancel.is_set()
        )

    def _candidates(self) -> list[Project]:
        g = self.g
        ranked = []
        for project in g.problem.projects:
            pid = project.project_id
            if pid in g.chosen or (pid not in self.movable and pid not in self.mandatory):
                continue
            if project.joint or project.depends_on:
                continue
            rows = g.by_project.get(pid)
            if not rows:
                continue
            best = max(self._change([(pid, g.value[r])]) + self._worth(r) for r in rows)
            if best > 0 or pid in self.mandatory:
                ranked.append((-(best + (1e9 if pid in self.mandatory else 0)), pid))
        ranked.sort()
        return [g.problem.project(pid) for _, pid in ranked]

    def _place(self, project: Project) -> bool:
        """Apply the best improving move that assigns ``project``; whether one was found."""
        g = self.g
        pid = project.project_id
        best = _Move(1e-9, -1)
        for row in g.by_project[pid]:
            team_id = g.pairs[row].team_id
            if g._fits(row):
                gain = self._change([(pid, g.value[row])]) + self._worth(row)
                best = max(best, _Move(gain, row))
                continue
            for other in self.on_team[team_id]:
                held = g.chosen[other][0]
                if other not in self.movable or g.free[team_id] + g.hours[held] < g.hours[row]:
                    continue
                # relocate ``other`` to the best-fitting team with room for it ...
                for alt in self.by_fit[other]:
                    if g.pairs[alt].team_id != team_id and g._fits(alt):
                        gain = self._change(
                            [(pid, g.value[row]), (other, g.value[alt] - g.value[held])]
                        )
                        gain += self._worth(row) + self._worth(alt) - self._worth(held)
                        best = max(best, _Move(gain, row, other, alt))
                        break
                # ... or drop it for this project
                if other not in self.mandatory:
                    gain = self._change([(pid, g.value[row]), (other, -g.value[held])])
                    gain += self._worth(row) - self._worth(held)
                    best = max(best, _Move(gain, row, other))
        if best.row < 0:
            return self._chains and self._chain(project)
        if best.other is not None:
            self._drop(best.other)
            if best.alt is not None:
                self._take(g.problem.project(best.other), best.alt)
        self._take(project, best.row)
        return True

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
        for row in g.by_project[pid]:
            team_id = g.pairs[row].team_id
            slots_i = g.slots[team_id]
            if slots_i is not None and slots_i <= 0:
                continue
            insert = self._change([(pid, g.value[row])]) + self._worth(row)
            for other in self.on_team[team_id]:
                if other not in self.movable:
                    continue
                (held,) = g.chosen[other]
                if g.free[team_id] + g.hours[held] < g.hours[row]:
                    continue
                for alt in g.by_project[other]:
                    k = g.pairs[alt].team_id
                    if k == team_id or g._fits(alt):
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
                if g.pairs[end].team_id != team_id and g._fits(end):
                    gain = self._change([(last, g.value[end] - g.value[held])])
                    options.append((gain + self._worth(end) - self._worth(held), end))
                    break
            if last not in self.mandatory:
                gain = self._change([(last, -g.value[held])]) - self._worth(held)
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
        for project_id in sorted(g.chosen, key=self._order.__getitem__):
            if self._over():
                return improved
            if project_id not in self.movable or project_id not in g.chosen:
                continue
            (held,) = g.chosen[project_id]
            team_id = g.pairs[held].team_id
            if focus is not None and team_id not in focus:
                continue
            best_gain = 1e-9
            best: tuple[int, str | None, int | None] | None = None
            for alt in g.by_project[project_id]:
                other_team = g.pairs[alt].team_id
                if other_team == team_id:
                    continue
                if g._fits(alt):
                    gain = self._change([(project_id, g.value[alt] - g.value[held])])
                    gain += self._worth(alt) - self._worth(held)
                    if gain > best_gain:
                        best_gain, best = gain, (alt, None, None)
                room = g.free[other_team] - g.hours[alt]
                for other in self.on_team[other_team]:
                    if other not in self.movable:
                        continue
                    (other_held,) = g.chosen[other]
                    if room + g.hours[other_held] < 0:
                        continue
                    back = self.row_of.get((other, team_id))
                    if back is None or g.free[team_id] + g.hours[held] < g.hours[back]:
                        continue
                    gain = self._change(
                        [
                            (project_id, g.value[alt] - g.value[held]),
                            (other, g.value[back] - g.value[other_held]),
                        ]
                    )
                    gain += self._worth(alt) - self._worth(held)
                    gain += self._worth(back) - self._worth(other_held)
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
        g = self.g
        (row,) = g.chosen.pop(project_id)
        team_id = g.pairs[row].team_id
        g.free[team_id] += g.hours[row]
        if g.slots[team_id] is not None:
            g.slots[team_id] += 1  # type: ignore[operator]
        goal = self.goal_of[project_id]
        if goal is not None:
            g.headroom[goal.goal_id] += g.value[row]
        self.on_team[team_id].discard(project_id)
        if g.weeks is not None:
            g.weeks.release(project_id, [row])
        if self.focus is not None:
            self.focus.add(team_id)


def _with_prerequisites(problem: Problem, projects: list[Project]) -> list[Project]:
    seen: dict[str, Project] = {}
    stack = list(projects)
    while stack:
        project = stack.pop()
        if project.project_id in seen:
            continue
        seen[project.project_id] = project
        stack.extend(problem.project(d) for d in project.depends_on if d in problem.project_index)
    return list(seen.values())


def _topological(
    problem: Problem, projects: list[Project], *, keep_order: bool = False
) -> list[Project]:
    """Prerequisites before the projects that need them; otherwise the data's order, or
    the given list's with ``keep_order``."""
    wanted = {p.project_id for p in projects}
    order: list[Project] = []
    done: set[str] = set()

    def visit(project: Project, path: frozenset[str]) -> None:
        if project.project_id in done or project.project_id in path:
            return
        for needed in project.depends_on:
            if needed in wanted:
                visit(problem.project(needed), path | {project.project_id})
        done.add(project.project_id)
        order.append(project)

    for project in projects if keep_order else problem.projects:
        if project.project_id in wanted:
            visit(project, frozenset())
    return order


def greedy_pairs(
    problem: Problem,
    pairs: Sequence[Pair],
    preference: Sequence[float] | None = None,
    *,
    improve_s: float = 0.0,
    cancel: Event | None = None,
    formulation: Formulation | None = None,
    budget_s: float | None = None,
    stop_at: float | None = None,
) -> list[Pair]:
    """The (project, team) pairs of a greedy plan over the eligible ``pairs``.

    ``preference`` (one number per pair, e.g. the LP relaxation's ``x``) makes
    it round that choice: projects preferred whole go first, each to its most
    preferred team with room, and the greedy fills the rest. With
    ``improve_s`` > 0 a local search then improves the plan for at most that
    many seconds (or until ``cancel`` is set); its iterated part does
    :data:`_KICK_PAIRS_PER_S` / (number of pairs) kicks per second of ``budget_s`` (default:
    ``improve_s``), a budget that does not depend on the machine's speed.
    ``formulation`` passes the rules over ``pairs`` when the caller has them.
    At ``stop_at`` (a ``perf_counter`` time) the greedy itself stops adding
    optional projects, so that a first plan at company scale keeps the time limit.
    """
    return greedy_plan(
        problem,
        pairs,
        preference,
        improve_s=improve_s,
        cancel=cancel,
        formulation=formulation,
        budget_s=budget_s,
        stop_at=stop_at,
    )[0]


def greedy_plan(
    problem: Problem,
    pairs: Sequence[Pair],
    preference: Sequence[float] | None = None,
    *,
    improve_s: float = 0.0,
    cancel: Event | None = None,
    formulation: Formulation | None = None,
    budget_s: float | None = None,
    stop_at: float | None = None,
    search: type[_LocalSearch] | None = None,
) -> tuple[list[Pair], dict[str, int]]:
    """:func:`greedy_pairs`, each project's start week (weeks matter) and ``search``'s class."""
    deadline = time.perf_counter() + improve_s if improve_s > 0 else None
    budget = improve_s if budget_s is None else budget_s
    if search is None:
        kicks = math.floor(_KICK_PAIRS_PER_S * budget / max(len(pairs), 1))
    else:  # the week search's moves cost more: its own budget (measured in warm_start.py)
        kicks = _WEEK_KICKS_PER_S * math.floor(budget)
    greedy = _Greedy(problem, pairs, preference, formulation)
    chosen = greedy.run(deadline, cancel, kicks, stop_at, search)
    return chosen, dict(greedy.weeks.start) if greedy.weeks is not None else {}
