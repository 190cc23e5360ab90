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
``_fit``, ``_stability``, ``_confidence``.

Hours and values are exact decimals; they are scaled to integers by the
smallest power of ten that makes every coefficient whole, so the value term
is exact. Attainment and utilisation are measured in millionths of their
base, and the whole objective is scaled by ``objective_scale``.

Building is linear in the number of eligible pairs and does its per-pair
arithmetic on whole numbers (no ``Fraction`` per pair): at 300 teams x
10,000 projects there are over half a million pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from planner.core.domain import MARKETING, SALES, Problem
from planner.core.settings import exact
from planner.core.uncertainty import RESOLUTION as SAMPLE_RESOLUTION
from planner.core.uncertainty import OutcomeSamples
from planner.optimizer.eligibility import Pair, eligible_pairs, team_capacity, team_limit

#: Attainment and utilisation are measured in millionths of the target or capacity.
RESOLUTION = 1_000_000
#: The objective's integer coefficients stay below this sum, far from int64 overflow.
_MAX_OBJECTIVE_MAGNITUDE = 10**15


def decimal_scale(amounts: Iterable[Decimal]) -> int:
    """The smallest power of ten that turns every amount into a whole number."""
    places = 0
    for amount in set(amounts):
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


def fit_points_of(problem: Problem, pairs: Sequence[Pair]) -> list[int]:
    """:func:`fit_points` of every pair at once (numpy over skills, not pairs)."""
    if not pairs:
        return []
    project_row = {p.project_id: i for i, p in enumerate(problem.projects)}
    team_col = {t.team_id: j for j, t in enumerate(problem.teams)}
    rows = np.fromiter((project_row[p.project_id] for p in pairs), np.int64, len(pairs))
    cols = np.fromiter((team_col[p.team_id] for p in pairs), np.int64, len(pairs))
    points = np.zeros(len(pairs), dtype=np.int64)
    skills = sorted({s for p in problem.projects for s in p.required_skills})
    for skill in skills:
        needed = np.array([p.required_skills.get(skill, 0) for p in problem.projects], np.int64)
        levels = np.array([t.level(skill) for t in problem.teams], dtype=np.int64)
        need, have = needed[rows], levels[cols]
        points += np.where((need > 0) & (have >= need), have - need, 0)
    stages = sorted({p.stage for p in problem.projects})
    stage_index = {s: k for k, s in enumerate(stages)}
    own = np.array([[bool(t.stages) and s in t.stages for t in problem.teams] for s in stages])
    project_stage = np.array([stage_index[p.stage] for p in problem.projects], dtype=np.int64)
    points += own[project_stage[rows], cols]
    return [int(x) for x in points]


@dataclass
class Variables:
    """Decision variables: ``x[pair]`` is 1 when the pair's team owns the project.

    ``literals[i]`` is the variable of ``pairs[i]``; ``by_project`` and
    ``by_team`` list the rows (indexes into ``pairs``) of each project and team.
    """

    model: cp_model.CpModel
    pairs: tuple[Pair, ...]
    x: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    literals: list[cp_model.IntVar] = field(default_factory=list)
    joint: dict[str, cp_model.IntVar] = field(default_factory=dict)
    by_project: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_team: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        new_bool_var = self.model.new_bool_var
        for row, pair in enumerate(self.pairs):
            # Unnamed: names cost a third of the build at company scale and
            # nothing reads them (the translation goes through ``pairs``).
            var = new_bool_var("")
            self.literals.append(var)
            self.x[(pair.project_id, pair.team_id)] = var
            self.by_project[pair.project_id].append(row)
            self.by_team[pair.team_id].append(row)

    def var(self, pair: Pair) -> cp_model.IntVar:
        return self.x[(pair.project_id, pair.team_id)]

    def of(self, rows: Iterable[int]) -> list[cp_model.IntVar]:
        """The variables of the given rows."""
        return [self.literals[row] for row in rows]

    def assigned(self, project_id: str) -> cp_model.LinearExprT:
        """1 when the project is assigned (to one team, or to a pair of teams)."""
        if project_id in self.joint:
            return self.joint[project_id]
        return _total(self.of(self.by_project.get(project_id, ())))


@dataclass(frozen=True)
class Term:
    """One objective term: ``unit x sum(coeffs[i] x exprs[i])`` with whole ``coeffs``.

    ``bound`` is an upper bound of ``|sum(coeffs[i] x exprs[i])|``; it keeps
    the scaled objective far from integer overflow.
    """

    unit: Fraction
    exprs: Sequence[cp_model.LinearExprT]
    coeffs: Sequence[int]
    bound: int


class PlanningModel:
    """The CP-SAT model of one problem.

    Build it with ``PlanningModel(problem)``; ``model`` is the CP-SAT model,
    ``variables`` its decision variables and ``objective_scale`` /
    ``objective_offset`` turn the solver's integer objective back into the
    objective's units. ``pairs`` may pass the eligible pairs when the caller
    already has them.
    """

    def __init__(self, problem: Problem, pairs: tuple[Pair, ...] | None = None) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        pairs = eligible_pairs(problem) if pairs is None else pairs
        self.variables = Variables(self.model, pairs)
        self.hour_scale = decimal_scale(p.effort_hours for p in pairs)
        #: Each pair's hours, times ``hour_scale`` (whole numbers).
        self.hours = [int(p.effort_hours * self.hour_scale) for p in pairs]
        self.objective_scale = 1
        self.objective_offset = Fraction(0)
        self._changed_cache: dict[str, cp_model.IntVar] | None = None
        # Auxiliary variables and their coefficients, kept to complete hints.
        self._reached: list[tuple[cp_model.IntVar, list[int], list[int]]] = []
        self._peak: tuple[cp_model.IntVar, list[tuple[list[int], list[int]]]] | None = None
        self._hits: list[tuple[cp_model.IntVar, list[int], list[int]]] = []
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
            rows = v.by_project.get(project.project_id, [])
            if not project.joint:
                if len(rows) > 1:
                    self.model.add_at_most_one(v.of(rows))
                continue
            both = self.model.new_bool_var(f"joint[{project.project_id}]")
            v.joint[project.project_id] = both
            for department in (SALES, MARKETING):
                side = v.of(r for r in rows if v.pairs[r].department == department)
                self._require(_total(side) == both)

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
            rows = v.by_project.get(project.project_id, [])
            for skill, level in project.required_skills.items():
                holders = v.of(
                    r for r in rows if self.problem.team(v.pairs[r].team_id).level(skill) >= level
                )
                self._require(_total(holders) >= v.joint[project.project_id])

    def _team_capacity(self) -> None:
        """Rule 5: a team's planned hours stay within capacity x multiplier x utilisation."""
        v = self.variables
        for team in self.problem.teams:
            rows = v.by_team.get(team.team_id, [])
            if not rows:
                continue
            limit = math.floor(team_limit(self.problem, team) * self.hour_scale)
            hours = [self.hours[r] for r in rows]
            if sum(hours) > limit:
                self.model.add(cp_model.LinearExpr.weighted_sum(v.of(rows), hours) <= limit)

    def _team_max_projects(self) -> None:
        """Rule 6: a team owns at most ``max_projects`` projects."""
        v = self.variables
        for team in self.problem.teams:
            rows = v.by_team.get(team.team_id, [])
            if team.max_projects is not None and len(rows) > team.max_projects:
                self.model.add(cp_model.LinearExpr.sum(v.of(rows)) <= team.max_projects)

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
        terms: list[tuple[Fraction, Term]] = []
        for weight, term in (
            (w.attainment, self._attainment),
            (w.value, self._value),
            (w.balance, self._balance),
            (w.fit, self._fit),
            (w.stability, self._stability),
            (w.confidence, self._confidence),
        ):
            if weight:
                terms.extend((exact(weight) * t.unit, t) for t in term() if t.exprs)
        self.objective_scale = _objective_scale(
            [unit for unit, _ in terms], [abs(unit) * t.bound for unit, t in terms]
        )
        exprs: list[cp_model.LinearExprT] = []
        coeffs: list[int] = []
        for unit, t in terms:
            scaled = unit * self.objective_scale
            exprs.extend(t.exprs)
            if scaled.denominator == 1:
                coeffs.extend(c * scaled.numerator for c in t.coeffs)
            else:  # the scale was capped for int64's sake: round each coefficient
                coeffs.extend(round(c * scaled) for c in t.coeffs)
        if exprs:
            self.model.maximize(cp_model.LinearExpr.weighted_sum(exprs, coeffs))

    def _attainment(self) -> list[Term]:
        """Goal percentage points reached, each goal capped at 100 %, times its weight."""
        v = self.variables
        goal_of = {
            p.project_id: self.problem.goal_index[p.goal_id]
            for p in self.problem.projects
            if p.goal_id is not None and p.goal_id in self.problem.goal_index
        }
        rows_of: dict[str, list[int]] = defaultdict(list)
        parts_of: dict[str, list[int]] = defaultdict(list)
        memo: dict[tuple[Decimal, str], int] = {}
        for row, pair in enumerate(v.pairs):
            goal = goal_of.get(pair.project_id)
            if goal is None:
                continue
            key = (pair.value, goal.goal_id)
            millionths = memo.get(key)
            if millionths is None:
                millionths = min(
                    RESOLUTION,
                    math.floor(Fraction(pair.value) * RESOLUTION / Fraction(goal.target)),
                )
                memo[key] = millionths
            if millionths:
                rows_of[goal.goal_id].append(row)
                parts_of[goal.goal_id].append(millionths)
        terms: list[Term] = []
        for goal in self.problem.goals:
            rows = rows_of.get(goal.goal_id)
            if not rows:
                continue
            parts = parts_of[goal.goal_id]
            reached = self.model.new_int_var(0, RESOLUTION, f"reached[{goal.goal_id}]")
            self.model.add(reached <= cp_model.LinearExpr.weighted_sum(v.of(rows), parts))
            self._reached.append((reached, rows, parts))
            terms.append(Term(Fraction(goal.weight) * 100 / RESOLUTION, [reached], [1], RESOLUTION))
        return terms

    def _value(self) -> list[Term]:
        """The plain sum of the assigned projects' value (each team's share of it)."""
        v = self.variables
        scale = decimal_scale(p.value for p in v.pairs)
        rows = [r for r, p in enumerate(v.pairs) if p.value]
        coeffs = [int(v.pairs[r].value * scale) for r in rows]
        return [Term(Fraction(1, scale), v.of(rows), coeffs, sum(coeffs))]

    def _balance(self) -> list[Term]:
        """A penalty on the most loaded team's utilisation, in percentage points."""
        v = self.variables
        peak_limit = math.ceil(exact(self.problem.settings.capacity.max_utilization) * RESOLUTION)
        # Each pair's share is rounded up, so a full team may read a little over its limit.
        most_pairs = max((len(rows) for rows in v.by_team.values()), default=0)
        top = peak_limit + most_pairs + 1
        peak = self.model.new_int_var(0, top, "peak_utilisation")
        loads: list[tuple[list[int], list[int]]] = []
        ratios: dict[Decimal, tuple[int, int]] = {}
        for team in self.problem.teams:
            rows = v.by_team.get(team.team_id, [])
            capacity = team_capacity(self.problem, team)
            if not rows or capacity <= 0:
                continue
            shares = []
            for r in rows:
                effort = v.pairs[r].effort_hours
                ratio = ratios.get(effort)
                if ratio is None:
                    ratio = ratios[effort] = effort.as_integer_ratio()
                # ceil(effort x RESOLUTION / capacity), in whole numbers
                num = ratio[0] * RESOLUTION * capacity.denominator
                shares.append(-(-num // (ratio[1] * capacity.numerator)))
            self.model.add(peak >= cp_model.LinearExpr.weighted_sum(v.of(rows), shares))
            loads.append((rows, shares))
        self._peak = (peak, loads)
        return [Term(Fraction(-100, RESOLUTION), [peak], [1], top)]

    def _fit(self) -> list[Term]:
        """A bonus for skill levels above the minimum and for a team's own stages."""
        v = self.variables
        points = fit_points_of(self.problem, v.pairs)
        rows = [r for r, n in enumerate(points) if n]
        coeffs = [points[r] for r in rows]
        return [Term(Fraction(1), v.of(rows), coeffs, sum(coeffs))]

    def _stability(self) -> list[Term]:
        """A penalty per baseline project that moves away from its baseline owners."""
        changed = list(self._changed().values())
        return [Term(Fraction(-1), changed, [1] * len(changed), len(changed))]

    def _confidence(self) -> list[Term]:
        """Goal weight x percentage of the fixed sampled outcomes in which the goal is reached.

        Sample average approximation (SPEC "Uncertain impact"): one boolean
        ``hit`` per goal with an uncertain project and per sample, which may
        be 1 only when the plan's sampled contributions in that sample (whole
        millionths of the target, :class:`~planner.core.uncertainty.OutcomeSamples`)
        reach the target. A sample that no plan can reach gets no variable.
        """
        v = self.variables
        samples = OutcomeSamples(self.problem)
        rows_of: dict[str, list[int]] = defaultdict(list)
        for row, pair in enumerate(v.pairs):
            goal_id = self.problem.project(pair.project_id).goal_id
            if goal_id is not None:
                rows_of[goal_id].append(row)
        terms: list[Term] = []
        for goal in samples.goals:
            rows = rows_of.get(goal.goal_id, [])
            if not rows:
                continue
            drawn = np.stack(
                [
                    samples.millionths(v.pairs[r].project_id, v.pairs[r].value, v.pairs[r].share)
                    for r in rows
                ]
            )
            hits: list[cp_model.IntVar] = []
            for s in range(samples.num_samples):
                column = drawn[:, s]
                if int(column.sum()) < SAMPLE_RESOLUTION:
                    continue  # not even every candidate together reaches the target
                picked = [rows[i] for i in np.flatnonzero(column)]
                coeffs = [int(c) for c in column[column > 0]]
                hit = self.model.new_bool_var("")
                self.model.add(
                    cp_model.LinearExpr.weighted_sum(v.of(picked), coeffs)
                    >= SAMPLE_RESOLUTION * hit
                )
                self._hits.append((hit, picked, coeffs))
                hits.append(hit)
            unit = Fraction(goal.weight) * 100 / samples.num_samples
            terms.append(Term(unit, hits, [1] * len(hits), len(hits)))
        return terms

    # -- warm start -----------------------------------------------------------

    def add_hints(self, chosen: Iterable[Pair]) -> None:
        """Hint CP-SAT with a plan (e.g. the greedy one) to start its search from.

        Every variable gets a hint, the auxiliary ones (goal attainment, peak
        utilisation, joint and changed indicators) included, so that a valid
        plan is a complete solution that CP-SAT can take as it is.
        """
        v = self.variables
        picked = {(p.project_id, p.team_id) for p in chosen}
        values = [(p.project_id, p.team_id) in picked for p in v.pairs]
        hints: dict[int, int] = {
            lit.index: int(on) for lit, on in zip(v.literals, values, strict=True)
        }
        owners: dict[str, set[str]] = defaultdict(set)
        for project_id, team_id in picked:
            owners[project_id].add(team_id)
        for project_id, both in v.joint.items():
            hints[both.index] = int(project_id in owners)
        for reached, rows, parts in self._reached:
            total = sum(c for r, c in zip(rows, parts, strict=True) if values[r])
            hints[reached.index] = min(RESOLUTION, total)
        for hit, rows, coeffs in self._hits:
            sampled = sum(c for r, c in zip(rows, coeffs, strict=True) if values[r])
            hints[hit.index] = int(sampled >= SAMPLE_RESOLUTION)
        if self._peak is not None:
            peak, loads = self._peak
            heaviest = max(
                (
                    sum(s for r, s in zip(rows, shares, strict=True) if values[r])
                    for rows, shares in loads
                ),
                default=0,
            )
            hints[peak.index] = heaviest
        baseline = self.problem.baseline
        if baseline is not None:
            for project_id, moved in self._changed().items():
                before = baseline.owners[project_id]
                hints[moved.index] = int(owners.get(project_id, set()) != set(before))
        self.model.clear_hints()
        hint = self.model.proto.solution_hint
        hint.vars.extend(hints.keys())
        hint.values.extend(hints.values())

    # -- reading the solution ---------------------------------------------------

    def chosen(self, solver: cp_model.CpSolver) -> list[Pair]:
        """The pairs the solver's solution assigns (read in one go, not a call per pair)."""
        values = solver.response_proto.solution
        return [
            pair
            for pair, lit in zip(self.variables.pairs, self.variables.literals, strict=True)
            if values[lit.index]
        ]

    # -- helpers ----------------------------------------------------------

    def _require(self, constraint: Any) -> None:
        """Add a constraint; one that is already decided (no variables) is kept as such."""
        if isinstance(constraint, bool | np.bool_):
            if not constraint:
                self.model.add_bool_or([])  # cannot hold: no plan exists
            return
        self.model.add(constraint)

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
                rows = v.by_project.get(project_id, [])
                for r in rows:
                    if v.pairs[r].team_id in owners:
                        self.model.add(moved >= 1 - v.literals[r])
                    else:
                        self.model.add(moved >= v.literals[r])
                eligible = {v.pairs[r].team_id for r in rows}
                if not owners <= eligible:
                    self.model.add(moved == 1)  # a baseline owner is no longer possible
                changed[project_id] = moved
        self._changed_cache = changed
        return changed


def _total(literals: list[cp_model.IntVar]) -> cp_model.LinearExprT:
    """The sum of the literals; a plain 0 when there are none, so rules on it stay decidable."""
    return cp_model.LinearExpr.sum(literals) if literals else 0


def _objective_scale(units: list[Fraction], magnitudes: list[Fraction]) -> int:
    """The power of ten that makes every term's unit whole, within int64's comfort."""
    if not units:
        return 1
    scale = 1
    for unit in set(units):
        scale = max(scale, _power_of_ten_for(unit))
    scale = max(scale, RESOLUTION)  # keep attainment and balance precise
    magnitude = sum(magnitudes, Fraction(0))
    while scale > 1 and magnitude * scale > _MAX_OBJECTIVE_MAGNITUDE:
        scale //= 10
    return scale


def _power_of_ten_for(c: Fraction) -> int:
    """10**k for the smallest k with c * 10**k whole (capped at 10**9)."""
    for k in range(10):
        if (c * 10**k).denominator == 1:
            return 10**k
    return 10**9
