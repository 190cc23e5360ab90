"""A fast greedy plan: the warm start for CP-SAT and the baseline benchmarks beat.

Projects are taken best-first by their objective gain per hour (attainment
headroom left on their goal, value, fit), mandatory ones and their
prerequisites first; each goes to the eligible team with room that fits it
best and is least loaded. It keeps every hard rule it can see (capacity,
project caps, pins, dependencies, joint skill cover) but may leave a
mandatory project out when the greedy order paints itself into a corner;
CP-SAT repairs that.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from fractions import Fraction

from planner.domain import MARKETING, SALES, Problem, Project
from planner.eligibility import Pair, team_capacity, team_limit
from planner.settings import exact


class _Greedy:
    def __init__(self, problem: Problem, pairs: tuple[Pair, ...]) -> None:
        self.problem = problem
        weights = problem.settings.weights
        self.w_attainment = exact(weights.attainment)
        self.w_value = exact(weights.value)
        self.w_fit = exact(weights.fit)
        self.w_balance = exact(weights.balance)
        self.by_project: dict[str, list[Pair]] = defaultdict(list)
        for pair in pairs:
            self.by_project[pair.project_id].append(pair)
        self.limit = {t.team_id: team_limit(problem, t) for t in problem.teams}
        self.free = dict(self.limit)
        self.capacity = {t.team_id: team_capacity(problem, t) for t in problem.teams}
        self.slots = {t.team_id: t.max_projects for t in problem.teams}
        self.headroom = {g.goal_id: Fraction(g.target) for g in problem.goals}
        self.chosen: dict[str, list[Pair]] = {}

    # -- scoring ----------------------------------------------------------

    def _fit(self, pair: Pair) -> int:
        project = self.problem.project(pair.project_id)
        team = self.problem.team(pair.team_id)
        points = sum(
            team.level(s) - lvl
            for s, lvl in project.required_skills.items()
            if team.level(s) >= lvl
        )
        return points + (1 if team.stages and project.stage in team.stages else 0)

    def _gain(self, project: Project, owners: list[Pair]) -> Fraction:
        value = sum((Fraction(p.value) for p in owners), Fraction(0))
        gain = self.w_value * value + self.w_fit * sum(self._fit(p) for p in owners)
        goal = self.problem.goal_index.get(project.goal_id or "")
        if goal is not None and self.w_attainment:
            reached = min(value, max(self.headroom[goal.goal_id], Fraction(0)))
            gain += (
                self.w_attainment * Fraction(goal.weight) * 100 * reached / Fraction(goal.target)
            )
        return gain

    def _fits(self, pair: Pair) -> bool:
        slots = self.slots[pair.team_id]
        return Fraction(pair.effort_hours) <= self.free[pair.team_id] and (
            slots is None or slots > 0
        )

    def _load_after(self, pair: Pair) -> Fraction:
        capacity = self.capacity[pair.team_id]
        if capacity <= 0:
            return Fraction(0)
        used = self.limit[pair.team_id] - self.free[pair.team_id]
        return (used + Fraction(pair.effort_hours)) / capacity

    def _rank(self, pair: Pair) -> tuple[Fraction, Fraction]:
        return (self.w_fit * self._fit(pair), -self._load_after(pair))

    # -- choosing owners ----------------------------------------------------

    def owners(self, project: Project) -> list[Pair] | None:
        """The best owners with room for ``project`` now (``None``: it cannot go)."""
        if project.project_id in self.chosen:
            return None
        if any(d not in self.chosen for d in project.depends_on):
            return None
        pins = {t for (p, t) in self.problem.pins if p == project.project_id}
        candidates = [
            pair
            for pair in self.by_project.get(project.project_id, [])
            if self._fits(pair) and (not pins or pair.team_id in pins or project.joint)
        ]
        if not project.joint:
            if not candidates:
                return None
            return [max(candidates, key=self._rank)]
        sides = []
        for department in (SALES, MARKETING):
            side = [p for p in candidates if p.department == department]
            pinned = [p for p in side if p.team_id in pins]
            side = pinned or sorted(side, key=self._rank, reverse=True)[:6]
            if not side:
                return None
            sides.append(side)
        for sales in sides[0]:
            for marketing in sides[1]:
                if self._covers(project, sales, marketing):
                    return [sales, marketing]
        return None

    def _covers(self, project: Project, *pairs: Pair) -> bool:
        teams = [self.problem.team(p.team_id) for p in pairs]
        return all(
            any(t.level(s) >= lvl for t in teams) for s, lvl in project.required_skills.items()
        )

    def take(self, project: Project, owners: list[Pair]) -> None:
        self.chosen[project.project_id] = owners
        for pair in owners:
            self.free[pair.team_id] -= Fraction(pair.effort_hours)
            slots = self.slots[pair.team_id]
            if slots is not None:
                self.slots[pair.team_id] = slots - 1
        if project.goal_id in self.headroom:
            self.headroom[project.goal_id] -= sum(Fraction(p.value) for p in owners)

    # -- the passes ---------------------------------------------------------

    def run(self) -> list[Pair]:
        projects = self.problem.project_index
        must = _with_prerequisites(self.problem, [p for p in self.problem.projects if p.mandatory])
        pinned = _with_prerequisites(self.problem, [projects[p] for p, _ in self.problem.pins])
        for project in _topological(self.problem, must + pinned):
            owners = self.owners(project)
            if owners is not None:
                self.take(project, owners)
        self._best_first()
        return [pair for owners in self.chosen.values() for pair in owners]

    def _best_first(self) -> None:
        """Lazy best-first: re-score a popped project, push it back if it fell behind."""
        heap: list[tuple[Fraction, int, str]] = []
        for i, project in enumerate(self.problem.projects):
            owners = self.owners(project)
            if owners is not None:
                heap.append((-self._density(project, owners), i, project.project_id))
        heapq.heapify(heap)
        waiting: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, project in enumerate(self.problem.projects):
            for needed in project.depends_on:
                waiting[needed].append((i, project.project_id))
        while heap:
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

    def _density(self, project: Project, owners: list[Pair]) -> Fraction:
        hours = sum((Fraction(p.effort_hours) for p in owners), Fraction(0))
        return self._gain(project, owners) / max(hours, Fraction(1, 1000))


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


def _topological(problem: Problem, projects: list[Project]) -> list[Project]:
    """Prerequisites before the projects that need them (input order otherwise)."""
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

    for project in problem.projects:
        if project.project_id in wanted:
            visit(project, frozenset())
    return order


def greedy_pairs(problem: Problem, pairs: tuple[Pair, ...]) -> list[Pair]:
    """The (project, team) pairs of a greedy plan over the eligible ``pairs``."""
    return _Greedy(problem, pairs).run()
