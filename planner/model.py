"""The CP-SAT model: one small method per hard rule and per objective term.

Hard rules (SPEC.md "Hard rules") and where they live:

1. one owner, or one sales + one marketing team  -> ``_one_owner_per_project``
2. mandatory projects are assigned                -> ``_mandatory_projects``
3. stage policy and team stages                  -> eligibility (no variable)
4. skills                                         -> eligibility; ``_joint_skill_cover``
5. capacity                                       -> ``_team_capacity``
6. max projects                                   -> ``_team_max_projects``
7. pins and forbids                               -> ``_pins``; forbids by eligibility
8. dependencies                                   -> ``_dependencies``
9. change budget against a baseline               -> ``_change_budget``

Objective terms (``[weights]``): ``_attainment``, ``_value``, ``_balance``,
``_fit``, ``_stability``.

Hours and values are exact decimals; they are scaled to integers by the
smallest power of ten that makes every coefficient whole, so the value term
is exact. Attainment and utilisation are measured in millionths of their
base, and the whole objective is scaled by ``objective_scale``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from planner.domain import MARKETING, SALES, Problem
from planner.eligibility import Pair, eligible_pairs, team_capacity, team_limit
from planner.settings import exact

#: Attainment and utilisation are measured in millionths of the target or capacity.
RESOLUTION = 1_000_000
#: The objective's integer coefficients stay below this sum, far from int64 overflow.
_MAX_OBJECTIVE_MAGNITUDE = 10**15


def decimal_scale(amounts: Iterable[Decimal]) -> int:
    """The smallest power of ten that turns every amount into a whole number."""
    places = 0
    for amount in amounts:
        exponent = amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            places = max(places, -exponent)
    return 10**places


def fit_points(problem: Problem, pair: Pair) -> int:
    """Skill levels above the minimum, plus one when the stage is the team's own."""
    project = problem.project(pair.project_id)
    team = problem.team(pair.team_id)
    points = sum(
        team.level(skill) - level
        for skill, level in project.required_skills.items()
        if team.level(skill) >= level
    )
    if team.stages and project.stage in team.stages:
        points += 1
    return points


@dataclass
class Variables:
    """Decision variables: ``x[pair]`` is 1 when the pair's team owns the project."""

    model: cp_model.CpModel
    pairs: tuple[Pair, ...]
    x: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    joint: dict[str, cp_model.IntVar] = field(default_factory=dict)
    by_project: dict[str, list[Pair]] = field(default_factory=lambda: defaultdict(list))
    by_team: dict[str, list[Pair]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for pair in self.pairs:
            key = (pair.project_id, pair.team_id)
            self.x[key] = self.model.new_bool_var(f"x[{pair.project_id},{pair.team_id}]")
            self.by_project[pair.project_id].append(pair)
            self.by_team[pair.team_id].append(pair)

    def var(self, pair: Pair) -> cp_model.IntVar:
        return self.x[(pair.project_id, pair.team_id)]

    def assigned(self, project_id: str) -> cp_model.LinearExprT:
        """1 when the project is assigned (to one team, or to a pair of teams)."""
        if project_id in self.joint:
            return self.joint[project_id]
        return sum(self.var(p) for p in self.by_project.get(project_id, ()))


class PlanningModel:
    """The CP-SAT model of one problem.

    Build it with ``PlanningModel(problem)``; ``model`` is the CP-SAT model,
    ``variables`` its decision variables and ``objective_scale`` /
    ``objective_offset`` turn the solver's integer objective back into the
    objective's units.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.variables = Variables(self.model, eligible_pairs(problem))
        self.hour_scale = decimal_scale(p.effort_hours for p in self.variables.pairs)
        self.objective_scale = 1
        self.objective_offset = Fraction(0)
        self._changed_cache: dict[str, cp_model.IntVar] | None = None
        self.add_constraints()
        self.add_objective()

    # -- hard rules -------------------------------------------------------

    def add_constraints(self) -> None:
        self._one_owner_per_project()
        self._mandatory_projects()
        self._joint_skill_cover()
        self._team_capacity()
        self._team_max_projects()
        self._pins()
        self._dependencies()
        self._change_budget()

    def _one_owner_per_project(self) -> None:
        """Rule 1: one team, or exactly one sales and one marketing team, or none."""
        v = self.variables
        for project in self.problem.projects:
            pairs = v.by_project.get(project.project_id, [])
            if not project.joint:
                if len(pairs) > 1:
                    self.model.add_at_most_one(v.var(p) for p in pairs)
                continue
            both = self.model.new_bool_var(f"joint[{project.project_id}]")
            v.joint[project.project_id] = both
            for department in (SALES, MARKETING):
                side = [v.var(p) for p in pairs if p.department == department]
                self._require(sum(side) == both)

    def _mandatory_projects(self) -> None:
        """Rule 2: every mandatory project is assigned."""
        for project in self.problem.projects:
            if project.mandatory:
                self._require(self.variables.assigned(project.project_id) == 1)

    def _joint_skill_cover(self) -> None:
        """Rule 4 for joint projects: each skill is held at level by one of the two teams."""
        v = self.variables
        for project in self.problem.projects:
            if not project.joint or not project.required_skills:
                continue
            pairs = v.by_project.get(project.project_id, [])
            for skill, level in project.required_skills.items():
                holders = [
                    v.var(p) for p in pairs if self.problem.team(p.team_id).level(skill) >= level
                ]
                self._require(sum(holders) >= v.joint[project.project_id])

    def _team_capacity(self) -> None:
        """Rule 5: a team's planned hours stay within capacity x multiplier x utilisation."""
        v = self.variables
        for team in self.problem.teams:
            pairs = v.by_team.get(team.team_id, [])
            if not pairs:
                continue
            limit = math.floor(team_limit(self.problem, team) * self.hour_scale)
            hours = [self._hours(p) for p in pairs]
            if sum(hours) > limit:
                self.model.add(
                    cp_model.LinearExpr.weighted_sum([v.var(p) for p in pairs], hours) <= limit
                )

    def _team_max_projects(self) -> None:
        """Rule 6: a team owns at most ``max_projects`` projects."""
        v = self.variables
        for team in self.problem.teams:
            pairs = v.by_team.get(team.team_id, [])
            if team.max_projects is not None and len(pairs) > team.max_projects:
                self.model.add(sum(v.var(p) for p in pairs) <= team.max_projects)

    def _pins(self) -> None:
        """Rule 7: a pinned team owns its project (forbids are left out of the pairs)."""
        for project_id, team_id in self.problem.pins:
            var = self.variables.x.get((project_id, team_id))
            if var is None:
                self.model.add_bool_or([])  # the pin cannot hold: no plan exists
            else:
                self.model.add(var == 1)

    def _dependencies(self) -> None:
        """Rule 8: a project is assigned only if every project it depends on is."""
        v = self.variables
        for project in self.problem.projects:
            for needed in project.depends_on:
                self._require(v.assigned(project.project_id) <= v.assigned(needed))

    def _change_budget(self) -> None:
        """Rule 9: at most ``max_changes`` baseline projects change owner."""
        baseline = self.problem.baseline
        if baseline is None or baseline.max_changes is None:
            return
        self._require(sum(self._changed().values()) <= baseline.max_changes)

    # -- objective --------------------------------------------------------

    def add_objective(self) -> None:
        """Maximise the weighted terms; coefficients are scaled to whole numbers."""
        w = self.problem.settings.weights
        terms: list[tuple[Fraction, cp_model.LinearExprT]] = []
        bounds: list[int] = []
        for weight, term in (
            (w.attainment, self._attainment),
            (w.value, self._value),
            (w.balance, self._balance),
            (w.fit, self._fit),
            (w.stability, self._stability),
        ):
            if weight:
                for c, e in term():
                    terms.append((exact(weight) * c, e))
                    bounds.append(_upper_bound(e))
        self.objective_scale = _objective_scale([c for c, _ in terms], bounds)
        if terms:
            self.model.maximize(
                cp_model.LinearExpr.weighted_sum(
                    [e for _, e in terms], [round(c * self.objective_scale) for c, _ in terms]
                )
            )

    def _attainment(self) -> list[tuple[Fraction, cp_model.LinearExprT]]:
        """Goal percentage points reached, each goal capped at 100 %, times its weight."""
        v = self.variables
        contributions: dict[str, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
        for pair in v.pairs:
            goal_id = self.problem.project(pair.project_id).goal_id
            if goal_id is None or goal_id not in self.problem.goal_index:
                continue
            target = self.problem.goal_index[goal_id].target
            millionths = min(
                RESOLUTION, math.floor(Fraction(pair.value) * RESOLUTION / Fraction(target))
            )
            if millionths:
                contributions[goal_id].append((millionths, v.var(pair)))
        terms: list[tuple[Fraction, cp_model.LinearExprT]] = []
        for goal in self.problem.goals:
            parts = contributions.get(goal.goal_id)
            if not parts:
                continue
            reached = self.model.new_int_var(0, RESOLUTION, f"reached[{goal.goal_id}]")
            self.model.add(
                reached
                <= cp_model.LinearExpr.weighted_sum([x for _, x in parts], [c for c, _ in parts])
            )
            terms.append((Fraction(goal.weight) * 100 / RESOLUTION, reached))
        return terms

    def _value(self) -> list[tuple[Fraction, cp_model.LinearExprT]]:
        """The plain sum of the assigned projects' value (each team's share of it)."""
        return [(Fraction(p.value), self.variables.var(p)) for p in self.variables.pairs if p.value]

    def _balance(self) -> list[tuple[Fraction, cp_model.LinearExprT]]:
        """A penalty on the most loaded team's utilisation, in percentage points."""
        v = self.variables
        peak_limit = math.ceil(exact(self.problem.settings.capacity.max_utilization) * RESOLUTION)
        # Each pair's share is rounded up, so a full team may read a little over its limit.
        most_pairs = max((len(ps) for ps in v.by_team.values()), default=0)
        peak = self.model.new_int_var(0, peak_limit + most_pairs + 1, "peak_utilisation")
        for team in self.problem.teams:
            pairs = v.by_team.get(team.team_id, [])
            capacity = team_capacity(self.problem, team)
            if not pairs or capacity <= 0:
                continue
            shares = [math.ceil(Fraction(p.effort_hours) * RESOLUTION / capacity) for p in pairs]
            self.model.add(
                peak >= cp_model.LinearExpr.weighted_sum([v.var(p) for p in pairs], shares)
            )
        return [(Fraction(-100, RESOLUTION), peak)]

    def _fit(self) -> list[tuple[Fraction, cp_model.LinearExprT]]:
        """A bonus for skill levels above the minimum and for a team's own stages."""
        terms: list[tuple[Fraction, cp_model.LinearExprT]] = []
        for pair in self.variables.pairs:
            points = fit_points(self.problem, pair)
            if points:
                terms.append((Fraction(points), self.variables.var(pair)))
        return terms

    def _stability(self) -> list[tuple[Fraction, cp_model.LinearExprT]]:
        """A penalty per baseline project that moves away from its baseline owners."""
        return [(Fraction(-1), changed) for changed in self._changed().values()]

    # -- warm start -----------------------------------------------------------

    def add_hints(self, chosen: Iterable[Pair]) -> None:
        """Hint CP-SAT with a plan (e.g. the greedy one) to start its search from."""
        v = self.variables
        picked = {(p.project_id, p.team_id) for p in chosen}
        for key, var in v.x.items():
            self.model.add_hint(var, key in picked)
        for project_id, both in v.joint.items():
            self.model.add_hint(
                both, any((project_id, p.team_id) in picked for p in v.by_project[project_id])
            )

    # -- helpers ----------------------------------------------------------

    def _require(self, constraint: Any) -> None:
        """Add a constraint; one that is already decided (no variables) is kept as such."""
        if isinstance(constraint, bool | np.bool_):
            if not constraint:
                self.model.add_bool_or([])  # cannot hold: no plan exists
            return
        self.model.add(constraint)

    def _hours(self, pair: Pair) -> int:
        return int(pair.effort_hours * self.hour_scale)

    def _changed(self) -> dict[str, cp_model.IntVar]:
        """One indicator per baseline project: 1 when its owners differ from the baseline."""
        if self._changed_cache is not None:
            return self._changed_cache
        baseline = self.problem.baseline
        changed: dict[str, cp_model.IntVar] = {}
        if baseline is not None:
            v = self.variables
            for project_id, owners in baseline.owners.items():
                if project_id not in self.problem.project_index:
                    continue
                moved = self.model.new_bool_var(f"changed[{project_id}]")
                for pair in v.by_project.get(project_id, []):
                    if pair.team_id in owners:
                        self.model.add(moved >= 1 - v.var(pair))
                    else:
                        self.model.add(moved >= v.var(pair))
                eligible = {p.team_id for p in v.by_project.get(project_id, [])}
                if not owners <= eligible:
                    self.model.add(moved == 1)  # a baseline owner is no longer possible
                changed[project_id] = moved
        self._changed_cache = changed
        return changed


def _upper_bound(expr: cp_model.LinearExprT) -> int:
    if isinstance(expr, cp_model.IntVar):
        return max(abs(v) for v in expr.proto.domain) if expr.proto.domain else 1
    return 1


def _objective_scale(coefficients: list[Fraction], bounds: list[int]) -> int:
    """The power of ten that makes the coefficients whole, within int64's comfort."""
    if not coefficients:
        return 1
    scale = 1
    for c in coefficients:
        scale = max(scale, _power_of_ten_for(c))
    scale = max(scale, RESOLUTION)  # keep attainment and balance precise
    magnitude = sum(abs(c) * b for c, b in zip(coefficients, bounds, strict=True))
    while scale > 1 and magnitude * scale > _MAX_OBJECTIVE_MAGNITUDE:
        scale //= 10
    return scale


def _power_of_ten_for(c: Fraction) -> int:
    """10**k for the smallest k with c * 10**k whole (capped at 10**9)."""
    for k in range(10):
        if (c * 10**k).denominator == 1:
            return 10**k
    return 10**9
