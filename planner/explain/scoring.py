"""The objective, term by term, for small edits of a plan.

:class:`Scorer` gives the exact change of every objective term when a few
(project, team) pairs are added to a plan and a few assignments removed;
the explanations of left-out projects, of owners and of capacity use it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

import numpy as np

from planner.core.capacity import team_limit, what_if_capacity
from planner.core.domain import (
    Assignment,
    ObjectiveBreakdown,
    Plan,
    Problem,
    Project,
    Team,
    capped_attainment,
)
from planner.core.pairs import pair_of
from planner.core.settings import exact
from planner.core.uncertainty import RESOLUTION, OutcomeSamples
from planner.explain.score_terms import TERM_NAMES, signed
from planner.explain.weeks import WeekReasons
from planner.optimizer.objective import fit_points


@dataclass(frozen=True)
class Contribution:
    """A change of a plan's objective, term by term (already weighted), each signed.

    Not an :class:`~planner.core.domain.ObjectiveBreakdown`, on purpose: that is one
    plan's score, its penalties (balance, stability) held as the sizes SPEC names and
    subtracted by ``signed()``; a change can raise or lower any term, so each term here
    is the change of ``signed()``'s, as :meth:`between` says. :class:`Scorer` computes
    it without scoring either plan (the explanations ask thousands of times).
    """

    attainment: Fraction = Fraction(0)
    value: Fraction = Fraction(0)
    fit: Fraction = Fraction(0)
    balance: Fraction = Fraction(0)
    stability: Fraction = Fraction(0)
    confidence: Fraction = Fraction(0)

    @classmethod
    def between(cls, before: ObjectiveBreakdown, after: ObjectiveBreakdown) -> Contribution:
        """The change from one plan's score to another's: ``after`` minus ``before``, signed."""
        old, new = before.signed(), after.signed()
        return cls(**{name: new[name] - old[name] for name in new})

    @cached_property
    def total(self) -> Fraction:
        return sum(self.terms().values(), Fraction(0))

    def __neg__(self) -> Contribution:
        return Contribution(**{n: -v for n, v in self.terms().items()})

    def terms(self) -> dict[str, Fraction]:
        """The non-zero terms by name."""
        names = ("attainment", "value", "fit", "balance", "stability", "confidence")
        return {n: getattr(self, n) for n in names if getattr(self, n)}

    def describe(self) -> str:
        """``+12.35 (Goal attainment +12.40, Skill fit +0.05, Workload balance −0.10)``."""
        terms = ", ".join(f"{TERM_NAMES[n]} {signed(v)}" for n, v in self.terms().items())
        return signed(self.total) + (f" ({terms})" if terms else "")


@dataclass(frozen=True)
class Addition:
    """A (project, team) pair to add to a plan (see :meth:`Scorer.add`)."""

    project_id: str
    team_id: str
    hours: Fraction
    value: Fraction
    fit: int
    goal_id: str | None
    #: The team's part of the value (``value`` as a Decimal) and its share: what the
    #: confidence term's samples are drawn for.
    pair_value: Decimal = Decimal(0)
    share: Decimal = Decimal(1)


class Scorer:
    """Exact objective changes for adding and removing a few pairs of a plan."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        self.plan = plan
        w = problem.settings.weights
        self.w_attainment = exact(w.attainment)
        self.w_value = exact(w.value)
        self.w_fit = exact(w.fit)
        self.w_balance = exact(w.balance)
        self.w_stability = exact(w.stability)
        self.w_confidence = exact(w.confidence)
        self.owners = plan.owners()
        self.reached: dict[str, Fraction] = defaultdict(Fraction)
        self.load: dict[str, Fraction] = defaultdict(Fraction)
        self.count: dict[str, int] = defaultdict(int)
        self.on_team: dict[str, list[Assignment]] = defaultdict(list)
        self.of_project: dict[str, list[Assignment]] = defaultdict(list)
        self._amounts: dict[tuple[str, str], tuple[Fraction, Fraction, int, str | None]] = {}
        for a in plan.assignments:
            project, team = problem.project(a.project_id), problem.team(a.team_id)
            goal_id = project.goal_id
            hours, worth = Fraction(a.effort_hours), Fraction(a.value)
            self._amounts[(a.project_id, a.team_id)] = (
                hours,
                worth,
                fit_points(project, team),
                goal_id,
            )
            if goal_id is not None:
                self.reached[goal_id] += worth
            self.load[a.team_id] += hours
            self.count[a.team_id] += 1
            self.on_team[a.team_id].append(a)
            self.of_project[a.project_id].append(a)
        self._goals = {g.goal_id: (Fraction(g.target), Fraction(g.weight)) for g in problem.goals}
        self.capacity = {t.team_id: what_if_capacity(problem, t) for t in problem.teams}
        self.limit = {t.team_id: team_limit(problem, t) for t in problem.teams}
        self.utilisation = sorted(
            ((self._util(t, self.load[t]), t) for t in self.capacity), reverse=True
        )
        self._samples = OutcomeSamples(problem) if self.w_confidence else None
        #: Per goal of the confidence term: the plan's sampled sums (millionths of the target).
        self._sums: dict[str, np.ndarray] = {}
        if self._samples is not None:
            covered = {g.goal_id for g in self._samples.goals}
            self._sums = {g: np.zeros(self._samples.num_samples, np.int64) for g in covered}
            for a in plan.assignments:
                goal_id = problem.project(a.project_id).goal_id
                if goal_id in self._sums:
                    self._sums[goal_id] += self._samples.millionths(a.project_id, a.value, a.share)
        self._removal: dict[str, Contribution] = {}
        self._free: dict[str, Fraction] = {}
        self._displaceable: dict[str, list[tuple[Fraction, Assignment]]] = {}
        self.dependents = problem.dependents

    def _util(self, team_id: str, load: Fraction) -> Fraction:
        capacity = self.capacity[team_id]
        return 100 * load / capacity if capacity > 0 else Fraction(0)

    def at_project_limit(self, team: Team) -> bool:
        """Rule 6 on the plan: ``team`` already owns as many projects as it may."""
        return not team.may_own(self.count[team.team_id] + 1)

    def free(self, team_id: str) -> Fraction:
        if team_id not in self._free:
            self._free[team_id] = self.limit[team_id] - self.load[team_id]
        return self._free[team_id]

    @cached_property
    def weeks(self) -> WeekReasons | None:
        """The plan's room week by week, when the quarter is planned in weeks (else ``None``:
        the quarter's hours are then each week's)."""
        return WeekReasons(self.problem, self.plan) if self.problem.is_time_phased else None

    @cached_property
    def roomiest_rank(self) -> dict[str, int]:
        """Team id -> its place when every team is ordered most free hours first (ties by
        id): sorted once in exact hours, so that each left-out project's shortlist is a
        sort of small numbers."""
        order = sorted(self.limit, key=lambda t: (-self.free(t), t))
        return {team_id: place for place, team_id in enumerate(order)}

    def delta(self, add: Sequence[Addition], remove: Sequence[Assignment]) -> Contribution:
        """The objective's change, term by term, when ``add`` and ``remove`` are applied."""
        goals: dict[str, Fraction] = {}
        loads: dict[str, Fraction] = {}
        value = Fraction(0)
        fit = 0
        for item in add:
            if item.goal_id is not None:
                goals[item.goal_id] = goals.get(item.goal_id, 0) + item.value
            loads[item.team_id] = loads.get(item.team_id, 0) + item.hours
            value += item.value
            fit += item.fit
        for a in remove:
            hours, worth, points, goal_id = self._amounts[(a.project_id, a.team_id)]
            if goal_id is not None:
                goals[goal_id] = goals.get(goal_id, 0) - worth
            loads[a.team_id] = loads.get(a.team_id, 0) - hours
            value -= worth
            fit -= points
        attainment = Fraction(0)
        if self.w_attainment:
            for goal_id, change in goals.items():
                if goal_id not in self._goals or not change:
                    continue
                target, weight = self._goals[goal_id]
                before = capped_attainment(self.reached[goal_id], target)
                after = capped_attainment(self.reached[goal_id] + change, target)
                attainment += weight * (after - before)
        balance = Fraction(0)
        if self.w_balance:
            peak_before = self.utilisation[0][0] if self.utilisation else Fraction(0)
            peak_after = next((u for u, t in self.utilisation if t not in loads), Fraction(0))
            for team_id, change in loads.items():
                peak_after = max(peak_after, self._util(team_id, self.load[team_id] + change))
            balance = -self.w_balance * (peak_after - peak_before)
        return Contribution(
            attainment=self.w_attainment * attainment,
            value=self.w_value * value,
            fit=self.w_fit * fit,
            balance=balance,
            stability=(
                -self.w_stability * self._moves(add, remove) if self.w_stability else Fraction(0)
            ),
            confidence=self.w_confidence * self._confidence(add, remove),
        )

    def _confidence(self, add: Sequence[Addition], remove: Sequence[Assignment]) -> Fraction:
        """The change of the confidence points: goal weight x % of samples reaching the target.

        The same fixed samples the optimizer and the checker count over
        (:class:`~planner.core.uncertainty.OutcomeSamples`).
        """
        samples = self._samples
        if samples is None:
            return Fraction(0)
        changed: dict[str, np.ndarray] = {}
        moves = [(i.project_id, i.goal_id, i.pair_value, i.share, 1) for i in add]
        for a in remove:
            goal_id = self.problem.project(a.project_id).goal_id
            moves.append((a.project_id, goal_id, a.value, a.share, -1))
        for project_id, goal_id, pair_value, share, sign in moves:
            if goal_id in self._sums:
                drawn = samples.millionths(project_id, pair_value, share)
                changed[goal_id] = changed.get(goal_id, self._sums[goal_id]) + sign * drawn
        points = Fraction(0)
        for goal_id, after in changed.items():
            hits = int((after >= RESOLUTION).sum()) - int((self._sums[goal_id] >= RESOLUTION).sum())
            weight = self._goals[goal_id][1]
            points += weight * 100 * Fraction(hits, samples.num_samples)
        return points

    def add(self, project: Project, team: Team) -> Addition:
        """The pair ``(project, team)`` as an addition to the plan."""
        pair = pair_of(self.problem, project, team)
        return Addition(
            project.project_id,
            team.team_id,
            Fraction(pair.effort_hours),
            Fraction(pair.value),
            fit_points(project, team),
            project.goal_id,
            pair.value,
            pair.share,
        )

    def _moves(self, add: Sequence[Addition], remove: Sequence[Assignment]) -> int:
        baseline = self.problem.baseline
        if baseline is None or not self.w_stability:
            return 0
        touched = {i.project_id for i in add} | {a.project_id for a in remove}
        moves = 0
        for project_id in touched & set(baseline.owners):
            before = self.owners.get(project_id, frozenset())
            gone = {a.team_id for a in remove if a.project_id == project_id}
            after = (before - gone) | {i.team_id for i in add if i.project_id == project_id}
            target = baseline.owners[project_id]
            moves += int(after != target) - int(before != target)
        return moves

    def removal(self, project_id: str) -> Contribution:
        """What the project's assignments add to the objective (what removing them costs)."""
        if project_id not in self._removal:
            self._removal[project_id] = -self.delta([], self.of_project.get(project_id, []))
        return self._removal[project_id]

    def displaceable(self, team_id: str) -> list[tuple[Fraction, Assignment]]:
        """Projects on the team the plan could drop, least contribution first.

        Not pinned, not mandatory, and nothing in the plan depends on them;
        each with what it adds to the objective.
        """
        if team_id not in self._displaceable:
            out = []
            for a in self.on_team.get(team_id, []):
                project = self.problem.project(a.project_id)
                if a.pinned or project.mandatory:
                    continue
                if any(d in self.owners for d in self.dependents.get(a.project_id, ())):
                    continue
                out.append((self.removal(a.project_id).total, a))
            out.sort(key=lambda x: (x[0], x[1].project_id))
            self._displaceable[team_id] = out
        return self._displaceable[team_id]
