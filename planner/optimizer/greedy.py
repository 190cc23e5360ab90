"""The greedy: a plan best gain per hour first, and how the warm start rounds the LP's choice.

``greedy_pairs`` is the fast greedy (and the baseline the benchmarks beat).
What ``solve()`` starts from is :func:`planner.optimizer.warm_start.warm_start`:
the LP relaxation's choice rounded by this greedy, then improved by the local
search (:class:`planner.optimizer.local_search.LocalSearch`; in weeks,
:mod:`planner.optimizer.week_search`).

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

The local search (its own module) inserts unassigned projects where they
fit, after moving one project of a full team elsewhere, or in place of a
project worth less (work on a goal already past its target is worth only its
fit).

Capacity is tracked in whole numbers (hours x the smallest power of ten that
makes them whole), so the plan is exactly within every limit; the scores that
only order the choices are floats, and the exact objective comes from the
checker.
"""

from __future__ import annotations

import heapq
import math
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from threading import Event

from planner.core.capacity import what_if_capacity
from planner.core.dependency_graph import prerequisites_first
from planner.core.domain import MARKETING, SALES, Goal, Problem, Project
from planner.core.pairs import Pair, converted
from planner.core.settings import exact
from planner.optimizer.formulation import Formulation
from planner.optimizer.local_search import GreedyState, LocalSearch, allowed_rows, out_for_good
from planner.optimizer.objective import fit_points_of
from planner.optimizer.week_lns import WeekNeighbourhoods
from planner.optimizer.weeks import WeekRoom

#: Called with a plan's pairs and its start weeks (project id -> week; empty without weeks).
RoundedCallback = Callable[[list[Pair], dict[str, int]], None]

#: Iterated local search: a budget of kicks from the local search's budget in seconds and
#: the number of pairs, not from the clock, so the same inputs give the same plan. A kick
#: and its descent cost about 1.4e-5 s per pair on the shared 2-core machine (0.05 s at 40 x
#: 500, 3,700 pairs), so this many pair-kicks per second of budget leaves room for CP-SAT:
#: 30 kicks in 1.2-1.9 s at M with 5 s (M seeds 2, 3, 7: gap 0.53-0.61 % -> 0.26-0.50 %,
#: against 6 kicks before), 7 at 150 x 3,000 with 30 s. Each kick drops 1 to
#: _KICK_SIZE projects of a team that one of the _KICK_FROM best left-out projects could use.
_KICK_PAIRS_PER_S = 30_000
#: Below this many pairs there are no kicks: CP-SAT proves such a quarter optimal in a
#: fraction of a second (the sample, 10 x 50), where 40 kicks would add 0.05-0.2 s.
_KICK_MIN_PAIRS = 1_000
#: The week-by-week search (``week_search.py``) keeps its kicks per second of budget.
WEEK_KICKS_PER_S = 2
#: A preference at least this close to 1 counts as "assigned whole".
_WHOLE = 1 - 1e-6


class Greedy:
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
        #: :attr:`hours`, :attr:`free` and :attr:`limit` are in ``1 / hour_scale`` hours.
        self.hour_scale = scale
        self.hours = rules.hours
        self.value = converted(map(attrgetter("value"), pairs), float)
        self.fit = fit_points_of(problem, pairs)
        #: Stability points a pair keeps (its project stays with its baseline owners).
        self.kept = kept_points(problem, pairs)
        self.starts = problem.baseline.starts if problem.baseline is not None else {}
        self.preference = list(preference) if preference is not None else [0.0] * len(pairs)
        #: Per row: its team and its project (the searches ask :meth:`fits` of every move).
        self.team_of = [p.team_id for p in pairs]
        self.project_of = converted(map(attrgetter("project_id"), pairs), problem.project)
        self.by_project: dict[str, list[int]] = defaultdict(list)
        rows: list[int] = []
        last = None
        for row, pair in enumerate(pairs):  # a project's pairs come together: one look-up
            if pair.project_id is not last:
                last = pair.project_id
                rows = self.by_project[last]
            rows.append(row)
        self.free, self.slots = rules.team_room()
        self.limit = dict(self.free)
        self.capacity = {
            t.team_id: float(what_if_capacity(problem, t) * scale) for t in problem.teams
        }
        #: Each project's rows whose team rule 7 (pins and forbids) lets own it: the only
        #: rows the greedy and the searches give it.
        self.allowed = allowed_rows(problem, pairs, self.by_project)
        self.headroom = {g.goal_id: float(g.target) for g in problem.goals}
        self.chosen: dict[str, list[int]] = {}
        #: Weekly room (rules 10-12) when weeks matter: it picks each project's start week.
        self.weeks = WeekRoom(problem, pairs, self.hours, scale) if problem.is_time_phased else None

    # -- scoring ----------------------------------------------------------

    def gain(self, project: Project, owners: list[int]) -> float:
        """What giving ``project`` to ``owners`` (pair rows) adds to the objective now, in
        floats: value, fit, the baseline kept, and attainment up to its goal's headroom."""
        value = sum(self.value[r] for r in owners)
        gain = self.w_value * value + self.w_fit * sum(self.fit[r] for r in owners)
        gain += sum(self.kept[r] for r in owners)  # 0.0 without a baseline: the same floats
        goal = self.problem.goal_index.get(project.goal_id or "")
        if goal is not None and self.w_attainment:
            reached = min(value, max(self.headroom[goal.goal_id], 0.0))
            gain += self.attainment_points(goal, reached)
        return gain

    def attainment_points(self, goal: Goal, reached: float) -> float:
        """The attainment term's points for ``reached`` of ``goal``'s KPI (capped by the
        caller), in floats: the moves' guide, as :mod:`planner.optimizer.objective`
        defines the term (the checker scores the plans they hand over exactly)."""
        return self.w_attainment * float(goal.weight) * 100 * reached / float(goal.target)

    def fits(self, row: int) -> bool:
        """Whether ``row``'s team has room for its project now: hours, a project slot and,
        when weeks matter, a run of weeks (:meth:`has_room` without the weeks)."""
        if not self.has_room(row):
            return False
        if self.weeks is not None:
            return self.weeks.fits(self.project_of[row], [row])
        return True

    def prerequisites_placed(self, project: Project) -> bool:
        """Rule 8 as the greedy keeps it: every project ``project`` depends on is placed."""
        return all(d in self.chosen for d in project.depends_on)

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
        if not self.prerequisites_placed(project):
            return None
        candidates = [r for r in self.allowed.get(project.project_id, []) if self.fits(r)]
        if not project.joint:
            if not candidates:
                return None
            return [max(candidates, key=self._rank)]
        pair = self._joint_owners(project, candidates)
        if pair is not None and self.weeks is not None and not self.weeks.start_for(project, pair):
            return None  # no week both teams have room in
        return pair

    def _joint_owners(self, project: Project, candidates: list[int]) -> list[int] | None:
        sides = []
        for department in (SALES, MARKETING):
            side = [r for r in candidates if self.pairs[r].department == department]
            side.sort(key=self._rank, reverse=True)
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
            return sum(1 << i for i, (s, lvl) in enumerate(skills) if team.holds(s, lvl))

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

    def take(self, project: Project, owners: list[int], start: int | None = None) -> None:
        """Assign ``project`` to ``owners`` (from ``start``, else its first week with room)."""
        if self.weeks is not None:
            kept = self.starts.get(project.project_id)
            if kept is not None:  # work under way at a check-in runs on from its first week left
                kept = max(kept, self.weeks.earliest(project))
            if start is None and kept is not None and self.weeks.room_at(project, owners, kept):
                start = kept  # where the current plan has it run, when those weeks have room
            if start is None:
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

    def snapshot(self) -> GreedyState:
        """The plan and the room it leaves, as they are now, for :meth:`restore`."""
        weeks = self.weeks.snapshot() if self.weeks is not None else None
        return GreedyState(
            dict(self.chosen), dict(self.free), dict(self.slots), dict(self.headroom), weeks
        )

    def restore(self, state: GreedyState) -> None:
        """Back to a :meth:`snapshot`: a search's moves that did not gain, undone."""
        self.chosen, self.free = dict(state.chosen), dict(state.free)
        self.slots, self.headroom = dict(state.slots), dict(state.headroom)
        if self.weeks is not None:
            assert state.weeks is not None, "a snapshot of the same greedy"
            self.weeks.restore(state.weeks)

    def release(self, project_id: str) -> list[int]:
        """Undo :meth:`take`: ``project_id`` leaves the plan; its owner rows are returned."""
        owners = self.chosen.pop(project_id)
        if self.weeks is not None:
            self.weeks.release(project_id, owners)
        for row in owners:
            team_id = self.pairs[row].team_id
            self.free[team_id] += self.hours[row]
            slots = self.slots[team_id]
            if slots is not None:
                self.slots[team_id] = slots + 1
        goal_id = self.problem.project(project_id).goal_id
        if goal_id in self.headroom:
            self.headroom[goal_id] += sum(self.value[r] for r in owners)
        return owners

    # -- the passes ---------------------------------------------------------

    def run(
        self,
        deadline: float | None = None,
        cancel: Event | None = None,
        kicks: int = 0,
        stop_at: float | None = None,
        search: type[LocalSearch] | None = None,
        rounded: RoundedCallback | None = None,
        neighbourhoods: tuple[float, float] | None = None,
        on_repacked: Callable[[int], None] | None = None,
        kept_first: bool = False,
    ) -> list[Pair]:
        """The greedy's plan, then ``search``'s moves until ``deadline`` (when given).

        ``kept_first``: the projects the preference assigns whole go first where it has
        them and, in weeks, when the current plan starts them (:meth:`_kept_runs`).

        ``neighbourhoods`` (work, deadline), in weeks: after the search, the
        large neighbourhood search (:mod:`planner.optimizer.week_lns`) with that
        much deterministic work, until that ``perf_counter`` time; it then calls
        ``on_repacked`` with the number of steps it took.
        """
        search = search or LocalSearch
        # Pinned work first, on its own: it has no other owner, so others (mandatory work
        # that has) must not take its room, nor its weeks.
        empty = self.snapshot()
        self.in_order(pinned_projects(self.problem))
        forced = forced_projects(self.problem)
        self.in_order(forced)
        if any(p.project_id not in self.chosen for p in forced):
            self._fewest_options_first(empty, forced)
        if any(p.project_id not in self.chosen for p in forced) and any(self.preference):
            self._forced_as_without_preference(empty, forced)
        # The preference's whole projects stop at ``stop_at`` as the best-first pass does
        # (150 x 1,500 at load 10: the LP's 1,300 placed 2 s past it); the current plan's
        # are kept whole whatever the clock: kept, it scored 94.9 % of goals where a re-plan
        # cut short scored 7.8 % (200 x 6,000, a re-plan of a plan against its own data).
        until = stop_at if self.problem.baseline is None else None
        if kept_first:
            self._kept_runs(self._preferred_whole(), until)
        else:
            self.in_order(topological(self.problem, self._preferred_whole()), until)
        self.best_first(stop_at)
        if rounded is not None:
            rounded(self.plan(), dict(self.weeks.start) if self.weeks is not None else {})
        # A search whose time is up is not set up: at 100 x 10,000 in weeks setting up the
        # local search and the neighbourhoods took 1.6 s past their deadline.
        searching = self.weeks is None or search is not LocalSearch
        if deadline is not None and time.perf_counter() < deadline and searching:
            if out_for_good(self, forced):
                # Forced work no move can bring back: whatever the search finds breaks a
                # rule, so its time goes to what follows (another start, the full search).
                return self.plan()
            moves = search(self, deadline, cancel, kicks)  # LocalSearch's moves see quarters
            moves.run()
            if neighbourhoods is not None and self.weeks is not None:
                work, until = neighbourhoods
                if time.perf_counter() >= until:
                    return self.plan()
                repack = WeekNeighbourhoods(moves)
                repack.run(work, until, cancel)
                if on_repacked is not None:
                    on_repacked(repack.steps)
        return self.plan()

    def _fewest_options_first(self, empty: GreedyState, forced: list[Project]) -> None:
        """The forced work again from the ``empty`` plan, the project with the fewest
        possible owners first, when the data's order left some of it out; the placing
        that leaves fewer out is kept.

        A joint project pinned on one side has its other side free: placed before a
        project pinned to one team, it may take that team's room (150 x 1,500 in weeks,
        seed 1: 2.4 h a week of the 17.4 h of a team's week 7, where the project pinned
        there needs 15.5 h a week), and nothing later moves pinned or joint work.
        """
        missed = sum(p.project_id not in self.chosen for p in forced)
        first = self.snapshot()
        self.restore(empty)
        ranked = sorted(forced, key=self._options)  # stable: the data's order among equals
        self.in_order(topological(self.problem, ranked, keep_order=True))
        if sum(p.project_id not in self.chosen for p in forced) >= missed:
            self.restore(first)

    def _forced_as_without_preference(self, empty: GreedyState, forced: list[Project]) -> None:
        """The forced work again from the ``empty`` plan as the greedy's own order places
        it (the preference set aside), when the preferred owners left some of it out; the
        placing that leaves fewer out is kept.

        A check-in's re-plan keeps the current plan first: its owners' rank put a joint
        project pinned on one side (its other side free) on the team whose room work in
        progress pinned there needed, and the plan kept broke a pin where the greedy's own
        order placed all of it. The start that won then moved 24 projects of the plan.
        """
        missed = sum(p.project_id not in self.chosen for p in forced)
        first = self.snapshot()
        preference = self.preference
        self.restore(empty)
        self.preference = [0.0] * len(preference)
        try:
            self.in_order(pinned_projects(self.problem))
            self.in_order(forced)
            if any(p.project_id not in self.chosen for p in forced):
                self._fewest_options_first(empty, forced)
        finally:
            self.preference = preference
        if sum(p.project_id not in self.chosen for p in forced) >= missed:
            self.restore(first)

    def _options(self, project: Project) -> int:
        """How many owners (a joint project: sales and marketing pairs) ``project`` may have."""
        rows = self.allowed.get(project.project_id, [])
        if not project.joint:
            return len(rows)
        options = 1
        for department in (SALES, MARKETING):
            options *= sum(1 for r in rows if self.pairs[r].department == department)
        return options

    def plan(self) -> list[Pair]:
        """The pairs chosen so far."""
        return [self.pairs[row] for owners in self.chosen.values() for row in owners]

    def _kept_runs(self, projects: list[Project], stop_at: float | None = None) -> None:
        """Keep ``projects`` (the current plan's, preferred whole) as they are where they fit.

        Best gain per hour first (so a team with less room keeps its most valuable
        work), each with its preferred owners at the start week the current plan
        gives it; then, for those that did not fit so, the rest of the preferred pass
        (:meth:`owners`: the preferred team at any start week, else the best other).
        So work on teams whose weeks did not change keeps its owners and weeks, and
        a joint project or a prerequisite that had to move in time does not crowd it out.
        At ``stop_at`` (a ``perf_counter`` time) it stops where it is, as :meth:`in_order`.
        """
        preferred: dict[str, list[int]] = {}
        for project in projects:  # rule 7's rows only: a pin since the current plan wins
            allowed = self.allowed.get(project.project_id, [])
            rows = [r for r in allowed if self.preference[r] >= _WHOLE]
            if len(rows) == (2 if project.joint else 1):
                preferred[project.project_id] = rows
        ranked = sorted(
            (p for p in projects if p.project_id in preferred),
            key=lambda p: -self._density(p, preferred[p.project_id]),
        )
        order = topological(self.problem, ranked, keep_order=True)
        for i, project in enumerate(order):
            if i % _CLOCK_EVERY == 0 and _past(stop_at):
                return
            kept = preferred[project.project_id]
            if project.project_id in self.chosen:
                continue  # placed already (pinned or mandatory work)
            if not self.prerequisites_placed(project):
                continue
            if not all(self.has_room(r) for r in kept):
                continue
            if project.joint and not self._covered(project, kept):
                continue  # its two teams no longer hold every skill between them
            start = self.starts.get(project.project_id)
            if self.weeks is not None and (
                start is None or not self.weeks.room_at(project, kept, start)
            ):
                continue
            self.take(project, kept, start)
        self.in_order(order + topological(self.problem, projects), stop_at)

    def _covered(self, project: Project, rows: list[int]) -> bool:
        """Whether a joint project's two ``rows`` (a sales and a marketing team) cover it."""
        sales = [r for r in rows if self.pairs[r].department == SALES]
        marketing = [r for r in rows if self.pairs[r].department == MARKETING]
        return self._covering_pair(project, sales, marketing) is not None

    def has_room(self, row: int) -> bool:
        """Whether ``row``'s team has the quarter's hours and a project slot for it (rules 5
        and 6 as the greedy and the searches keep them)."""
        team_id = self.team_of[row]
        slots = self.slots[team_id]
        return self.hours[row] <= self.free[team_id] and (slots is None or slots > 0)

    def _preferred_whole(self) -> list[Project]:
        """Projects the preference assigns whole (a joint one: on both sides)."""
        whole = []
        for project in self.problem.projects:
            rows = self.by_project.get(project.project_id, [])
            share = sum(self.preference[r] for r in rows)
            if share >= (2 if project.joint else 1) * _WHOLE:
                whole.append(project)
        return whole

    def in_order(self, projects: list[Project], stop_at: float | None = None) -> None:
        """Each of ``projects`` in the order given, to its best owners with room (if any).

        At ``stop_at`` (a ``perf_counter`` time) it stops where it is: given optional work
        only (the forced work is placed before), the plan so far keeps every rule.
        """
        for i, project in enumerate(projects):
            if i % _CLOCK_EVERY == 0 and _past(stop_at):
                return
            owners = self.owners(project)
            if owners is not None:
                self.take(project, owners)

    def best_first(self, stop_at: float | None = None) -> None:
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
        return self.gain(project, owners) / max(hours, 1)


#: The passes that stop at a deadline look at the clock once every this many projects.
_CLOCK_EVERY = 16


def _past(stop_at: float | None) -> bool:
    """Whether ``stop_at`` (a ``perf_counter`` time, ``None``: none) has passed."""
    return stop_at is not None and time.perf_counter() > stop_at


def kept_points(problem: Problem, pairs: Sequence[Pair]) -> list[float]:
    """Each pair's share of the stability term it keeps: the weight when its project stays
    with its baseline owner (half each for a joint project's two), else 0.

    The objective loses ``stability`` per baseline project whose owners change; scored
    per pair, keeping a project where the current plan has it is worth that much, so the
    greedy and the local search weigh a move off the baseline as the objective does.
    """
    weight = float(exact(problem.settings.weights.stability))
    baseline = problem.baseline
    if baseline is None or not weight:
        return [0.0] * len(pairs)
    return [
        weight / len(owners) if pair.team_id in owners else 0.0
        for pair in pairs
        for owners in [baseline.owners.get(pair.project_id, frozenset())]
    ]


def baseline_preference(problem: Problem, pairs: Sequence[Pair]) -> list[float] | None:
    """1 on the pairs of the current plan (``problem.baseline``), else 0; ``None`` without one.

    As a greedy's preference it keeps each baseline project with its owners where they
    still have room, before anything else is placed.
    """
    if problem.baseline is None:
        return None
    owners = problem.baseline.owners
    return [1.0 if p.team_id in owners.get(p.project_id, ()) else 0.0 for p in pairs]


def forced_projects(problem: Problem) -> list[Project]:
    """The projects every plan holds, prerequisites first: the mandatory and pinned ones
    (rules 2 and 7) and every project they depend on (rule 8)."""
    must = [p for p in problem.projects if p.mandatory]
    return topological(problem, with_prerequisites(problem, must + _pinned(problem)))


def pinned_projects(problem: Problem) -> list[Project]:
    """The pinned projects (rule 7) and every project they depend on (rule 8),
    prerequisites first: the forced work that has no other owner."""
    return topological(problem, with_prerequisites(problem, _pinned(problem)))


def _pinned(problem: Problem) -> list[Project]:
    projects = problem.project_index
    return [projects[p] for p, _ in sorted(problem.pins) if p in projects]


def with_prerequisites(problem: Problem, projects: list[Project]) -> list[Project]:
    """``projects`` and every project they depend on, directly or not."""
    seen: dict[str, Project] = {}
    stack = list(projects)
    while stack:
        project = stack.pop()
        if project.project_id in seen:
            continue
        seen[project.project_id] = project
        stack.extend(problem.project(d) for d in project.depends_on if d in problem.project_index)
    return list(seen.values())


def topological(
    problem: Problem, projects: list[Project], *, keep_order: bool = False
) -> list[Project]:
    """Prerequisites before the projects that need them; otherwise the data's order, or
    the given list's with ``keep_order``."""
    wanted = {p.project_id for p in projects}

    def needs(project_id: str) -> list[str]:
        return [d for d in problem.project(project_id).depends_on if d in wanted]

    roots = [p.project_id for p in (projects if keep_order else problem.projects)]
    return [
        problem.project(p) for p in prerequisites_first([r for r in roots if r in wanted], needs)
    ]


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
    search: type[LocalSearch] | None = None,
    rounded: RoundedCallback | None = None,
    neighbourhoods: float = 0.0,
    neighbourhoods_until: float | None = None,
    on_repacked: Callable[[int], None] | None = None,
    kept_first: bool = False,
    starts: Mapping[str, int] | None = None,
) -> tuple[list[Pair], dict[str, int]]:
    """:func:`greedy_pairs`, each project's start week (weeks matter) and ``search``'s class.

    ``rounded`` is called with the plan (and its start weeks) as the greedy
    leaves it, before the local search improves it. With weeks,
    ``neighbourhoods`` > 0 is the large neighbourhood search's work (CP-SAT's
    deterministic units): it runs after ``search``, until the same deadline or, when
    given, until ``neighbourhoods_until`` (a ``perf_counter`` time), and then calls
    ``on_repacked`` with the number of steps it took. ``kept_first``: the projects the
    preference assigns whole go first, each at its week in ``starts`` (default: the current
    plan's) where it fits (:meth:`Greedy.run`).
    """
    deadline = time.perf_counter() + improve_s if improve_s > 0 else None
    budget = improve_s if budget_s is None else budget_s
    lns = None
    if neighbourhoods > 0 and deadline is not None and problem.is_time_phased:
        lns = (neighbourhoods, deadline if neighbourhoods_until is None else neighbourhoods_until)
    if search is None:
        kicks = math.floor(_KICK_PAIRS_PER_S * budget / max(len(pairs), 1))
        if len(pairs) < _KICK_MIN_PAIRS:
            kicks = 0
    else:  # the week search's moves cost more: its own budget (week_search.KICKS_FACTOR)
        kicks = WEEK_KICKS_PER_S * math.floor(budget)
    greedy = Greedy(problem, pairs, preference, formulation)
    if starts is not None:
        greedy.starts = starts
    chosen = greedy.run(
        deadline, cancel, kicks, stop_at, search, rounded, lns, on_repacked, kept_first
    )
    return chosen, dict(greedy.weeks.start) if greedy.weeks is not None else {}
