"""The CP-SAT model: the formulation's rows, and one small method per objective term.

The hard rules are not written here: they are the rows of
:class:`~planner.optimizer.formulation.Formulation` (SPEC.md's rules 1-12, one
method each), which :func:`add_row` adds to the model one by one, optionally
behind an enforcement literal (the explanations switch rule groups on and off
that way).

Objective terms (``[weights]``): what each reads is
:class:`~planner.optimizer.objective.Objective`'s; ``_attainment``, ``_value``,
``_balance``, ``_fit``, ``_stability`` and ``_confidence`` scale it for CP-SAT.

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.core.uncertainty import RESOLUTION as SAMPLE_RESOLUTION
from planner.optimizer.formulation import Formulation, Row, decimal_scale
from planner.optimizer.objective import (
    GoalPairs,
    Objective,
    SampledGoal,
    TeamPairs,
)

__all__ = [
    "PlanningModel",
    "add_row",
    "cp_solver",
    "decimal_scale",
    "new_columns",
]

#: Attainment and utilisation are measured in millionths of the target or capacity.
RESOLUTION = 1_000_000
#: The objective's integer coefficients stay below this sum, far from int64 overflow.
_MAX_OBJECTIVE_MAGNITUDE = 10**15


def cp_solver() -> cp_model.CpSolver:
    """A CP-SAT solver that leaves Ctrl-C to Python: every search in the planner is one.

    By default CP-SAT puts its own SIGINT handler in place of Python's while it
    searches, and that handler works only on the thread that searches: the
    planner searches on helper threads, the signal lands on the main thread,
    and a Ctrl-C aborted the process (``std::bad_function_call``, exit 134).
    With it off, Python's handler sets the solve's stop flag (the command
    line's first Ctrl-C), which stops the search.
    """
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    return solver


def new_columns(model: cp_model.CpModel, formulation: Formulation) -> list[cp_model.IntVar]:
    """One variable per column of the formulation: the pairs' (0/1), then the auxiliary ones."""
    new_bool_var = model.new_bool_var
    # Pair variables are unnamed: names cost a third of the build at company scale
    # and nothing reads them (the translation goes through the pairs).
    columns = [new_bool_var("") for _ in range(formulation.num_pairs)]
    for c in formulation.columns:
        if (c.lower, c.upper) == (0, 1):
            columns.append(new_bool_var(c.name))
        else:
            columns.append(model.new_int_var(c.lower, c.upper, c.name))
    return columns


def add_row(
    model: cp_model.CpModel,
    row: Row,
    columns: Sequence[cp_model.IntVar],
    enforce: cp_model.IntVar | None = None,
) -> None:
    """Add one row of the formulation; with ``enforce``, only when that literal is true.

    A row without columns is decided: one that cannot hold makes the model
    infeasible (or its literal false).
    """
    if not row.cols:
        if not row.holds_at_zero():
            model.add_bool_or([] if enforce is None else [~enforce])
        return
    variables = [columns[c] for c in row.cols]
    if (
        enforce is None
        and row.lower is None
        and row.upper == 1
        and len(variables) > 1
        and all(c == 1 for c in row.coeffs)
    ):
        model.add_at_most_one(variables)
        return
    expr = cp_model.LinearExpr.weighted_sum(variables, row.coeffs)
    if row.lower is None:
        constraint = model.add(expr <= row.upper)
    elif row.upper is None:
        constraint = model.add(expr >= row.lower)
    elif row.lower == row.upper:
        constraint = model.add(expr == row.lower)
    else:
        constraint = model.add_linear_constraint(expr, row.lower, row.upper)
    if enforce is not None:
        constraint.only_enforce_if(enforce)


@dataclass
class Variables:
    """Decision variables: ``literals[i]`` is 1 when ``pairs[i]``'s team owns the project.

    ``columns`` holds every column of the formulation (pairs first);
    ``joint`` and ``changed`` the auxiliary ones by project.
    """

    formulation: Formulation
    columns: list[cp_model.IntVar]

    def __post_init__(self) -> None:
        self.pairs: tuple[Pair, ...] = self.formulation.pairs
        # Taken once: callers index it inside loops over every column (a slice per
        # call made hinting a quarter in weeks quadratic: minutes at L).
        self.literals: list[cp_model.IntVar] = self.columns[: self.formulation.num_pairs]

    @property
    def by_team(self) -> dict[str, list[int]]:
        return self.formulation.by_team

    @property
    def joint(self) -> dict[str, cp_model.IntVar]:
        return {p: self.columns[c] for p, c in self.formulation.joint.items()}

    @property
    def changed(self) -> dict[str, cp_model.IntVar]:
        return {p: self.columns[c] for p, c in self.formulation.changed.items()}

    def of(self, rows: Sequence[int]) -> list[cp_model.IntVar]:
        """The variables of the given columns."""
        columns = self.columns
        return [columns[row] for row in rows]


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
    ``variables`` its decision variables and ``objective_scale`` turns the
    solver's integer objective back into the objective's units. ``pairs`` may
    pass the eligible pairs, or ``formulation`` the rules already built over
    them, when the caller has them.
    """

    def __init__(
        self,
        problem: Problem,
        pairs: tuple[Pair, ...] | None = None,
        *,
        formulation: Formulation | None = None,
    ) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.formulation = formulation or Formulation.of(problem, pairs)
        self.variables = Variables(self.formulation, new_columns(self.model, self.formulation))
        #: Whole objective units per objective point: a power of ten, below 1 only when
        #: values at the loader's caps are weighted so that int64 would overflow.
        self.objective_scale: Fraction = Fraction(1)
        # Auxiliary variables and their coefficients, kept to complete hints.
        self._reached: list[tuple[cp_model.IntVar, list[int], list[int]]] = []
        #: The goal of each ``_reached`` entry.
        self._reached_goals: list[str] = []
        self._peak: tuple[cp_model.IntVar, list[tuple[list[int], list[int]]]] | None = None
        #: Per goal of the confidence term: its pair rows, their sampled millionths
        #: (rows x samples) and each (sample, hit variable).
        self._hits: list[tuple[list[int], np.ndarray, list[tuple[int, cp_model.IntVar]]]] = []
        self.add_constraints()
        self.add_objective()

    @property
    def num_pairs(self) -> int:
        """The pair variables (the model's size as leaders would count it)."""
        return self.formulation.num_pairs

    def add_constraints(self) -> None:
        """Every hard rule: the formulation's rows, as they are."""
        columns = self.variables.columns
        for row in self.formulation.rows:
            add_row(self.model, row, columns)

    # -- objective --------------------------------------------------------

    def add_objective(self) -> None:
        """Maximise the weighted terms of :class:`~planner.optimizer.objective.Objective`.

        Coefficients are scaled to whole numbers: attainment and utilisation in
        millionths, the whole objective by ``objective_scale``.
        """
        objective = Objective(self.formulation)
        build = {
            "attainment": lambda: self._attainment(objective.goals()),
            "value": self._value,
            "balance": lambda: self._balance(objective.teams(), objective.peak_share()),
            "fit": lambda: self._fit(objective.fit()),
            "stability": lambda: self._stability(objective.changed()),
            "confidence": lambda: self._confidence(objective.sampled(), objective.num_samples),
        }
        terms: list[tuple[Fraction, Term]] = []
        for name, weight in objective.weights.items():
            terms.extend((weight * t.unit, t) for t in build[name]() if t.exprs)
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

    def _attainment(self, goals: list[GoalPairs]) -> list[Term]:
        """Goal percentage points reached, each goal capped at 100 %, times its weight.

        A pair's part is its value in whole millionths of the target, rounded down.
        """
        v = self.variables
        memo: dict[tuple[Decimal, str], int] = {}
        terms: list[Term] = []
        for g in goals:
            goal_id, target = g.goal.goal_id, Fraction(g.goal.target)
            rows, parts = [], []
            for row, value in zip(g.rows, g.values, strict=True):
                millionths = memo.get((value, goal_id))
                if millionths is None:
                    millionths = min(RESOLUTION, math.floor(Fraction(value) * RESOLUTION / target))
                    memo[value, goal_id] = millionths
                if millionths:
                    rows.append(row)
                    parts.append(millionths)
            if not rows:
                continue
            reached = self.model.new_int_var(0, RESOLUTION, f"reached[{goal_id}]")
            self.model.add(reached <= cp_model.LinearExpr.weighted_sum(v.of(rows), parts))
            self._reached.append((reached, rows, parts))
            self._reached_goals.append(goal_id)
            unit = Fraction(g.goal.weight) * 100 / RESOLUTION
            terms.append(Term(unit, [reached], [1], RESOLUTION))
        return terms

    def _value(self) -> list[Term]:
        """The plain sum of the assigned projects' value (each team's share of it)."""
        v = self.variables
        scale = decimal_scale(p.value for p in v.pairs)
        rows = [r for r, p in enumerate(v.pairs) if p.value]
        coeffs = [int(v.pairs[r].value * scale) for r in rows]
        return [Term(Fraction(1, scale), v.of(rows), coeffs, sum(coeffs))]

    def _balance(self, teams: list[TeamPairs], peak_share: Fraction) -> list[Term]:
        """A penalty on the most loaded team's utilisation, in percentage points."""
        v = self.variables
        peak_limit = math.ceil(peak_share * RESOLUTION)
        # Each pair's share is rounded up, so a full team may read a little over its limit.
        most_pairs = max((len(rows) for rows in v.by_team.values()), default=0)
        top = peak_limit + most_pairs + 1
        peak = self.model.new_int_var(0, top, "peak_utilisation")
        loads: list[tuple[list[int], list[int]]] = []
        ratios: dict[Decimal, tuple[int, int]] = {}
        for t in teams:
            capacity = t.capacity
            shares = []
            for r in t.rows:
                effort = v.pairs[r].effort_hours
                ratio = ratios.get(effort)
                if ratio is None:
                    ratio = ratios[effort] = effort.as_integer_ratio()
                # ceil(effort x RESOLUTION / capacity), in whole numbers
                num = ratio[0] * RESOLUTION * capacity.denominator
                shares.append(-(-num // (ratio[1] * capacity.numerator)))
            self.model.add(peak >= cp_model.LinearExpr.weighted_sum(v.of(t.rows), shares))
            loads.append((t.rows, shares))
        self._peak = (peak, loads)
        return [Term(Fraction(-100, RESOLUTION), [peak], [1], top)]

    def _fit(self, points: list[int]) -> list[Term]:
        """A bonus for skill levels above the minimum and for a team's own stages."""
        v = self.variables
        rows = [r for r, n in enumerate(points) if n]
        coeffs = [points[r] for r in rows]
        return [Term(Fraction(1), v.of(rows), coeffs, sum(coeffs))]

    def _stability(self, changed: list[int]) -> list[Term]:
        """A penalty per baseline project that moves away from its baseline owners."""
        columns = self.variables.of(changed)
        return [Term(Fraction(-1), columns, [1] * len(columns), len(columns))]

    def _confidence(self, goals: list[SampledGoal], num_samples: int) -> list[Term]:
        """Goal weight x percentage of the fixed sampled outcomes in which the goal is reached.

        Sample average approximation (SPEC "Uncertain impact"): one boolean
        ``hit`` per goal with an uncertain project and per sample some plan can
        reach, which may be 1 only when the plan's sampled contributions in that
        sample (whole millionths of the target) reach the target.
        """
        v = self.variables
        terms: list[Term] = []
        for g in goals:
            # Written straight into the model's proto: one Python expression per term cost
            # 1.7 s at M (190,000 terms), the proto takes the whole rows at once.
            literal = np.array([v.literals[r].index for r in g.rows], dtype=np.int64)
            proto = self.model.proto
            hits: list[tuple[int, cp_model.IntVar]] = []
            for s in g.samples:
                column = g.drawn[:, s]
                nonzero = np.flatnonzero(column)
                hit = self.model.new_bool_var("")
                # sum(millionths x pair) - RESOLUTION x hit >= 0
                linear = proto.constraints.add().linear
                linear.vars.extend(literal[nonzero].tolist())
                linear.vars.append(hit.index)
                linear.coeffs.extend(column[nonzero].tolist())
                linear.coeffs.append(-SAMPLE_RESOLUTION)
                linear.domain.extend([0, int(column.sum())])
                hits.append((s, hit))
            self._hits.append((g.rows, g.drawn, hits))
            lits = [hit for _, hit in hits]
            unit = Fraction(g.goal.weight) * 100 / num_samples
            terms.append(Term(unit, lits, [1] * len(lits), len(lits)))
        return terms

    def attainment_parts(self) -> list[tuple[str, list[int], list[int]]]:
        """Per goal of the attainment term: its pair columns and their millionths of the target.

        ``reached[goal] <= min(RESOLUTION, sum(parts x pair))`` is the model's attainment.
        """
        return [
            (goal_id, rows, parts)
            for goal_id, (_, rows, parts) in zip(self._reached_goals, self._reached, strict=True)
        ]

    def reached_variables(self) -> dict[str, cp_model.IntVar]:
        """Goal id -> its attainment variable (millionths of the target, capped)."""
        return {
            goal_id: reached
            for goal_id, (reached, _, _) in zip(self._reached_goals, self._reached, strict=True)
        }

    # -- warm start -----------------------------------------------------------

    def add_hints(self, chosen: Iterable[Pair], starts: Mapping[str, int] | None = None) -> None:
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
        for rows, drawn, hits in self._hits:
            on = np.array([values[r] for r in rows], dtype=np.int64)
            sampled = on @ drawn
            for s, hit in hits:
                hints[hit.index] = int(sampled[s] >= SAMPLE_RESOLUTION)
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
            for project_id, moved in self.variables.changed.items():
                before = baseline.owners[project_id]
                hints[moved.index] = int(owners.get(project_id, set()) != set(before))
        if self.formulation.starts is not None:
            num_pairs = len(v.literals)
            for row, columns in self.formulation.starts.starts.items():
                start = (starts or {}).get(v.pairs[row].project_id) if values[row] else None
                for week, column in columns.items():
                    if column >= num_pairs:
                        hints[v.columns[column].index] = int(week == start)
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

    def starts(self, solver: cp_model.CpSolver) -> dict[str, int]:
        """Project id -> the start week of the solver's solution (empty without weeks)."""
        starts = self.formulation.starts
        if starts is None:
            return {}
        values = solver.response_proto.solution
        columns = self.variables.columns
        out: dict[str, int] = {}
        for row, pair in enumerate(self.variables.pairs):
            if values[columns[row].index]:
                start = starts.start_of(row, lambda c: bool(values[columns[c].index]))
                if start is not None:
                    out[pair.project_id] = start
        return out


def _objective_scale(units: list[Fraction], magnitudes: list[Fraction]) -> Fraction:
    """The power of ten that makes every term's unit whole, within int64's comfort.

    Below 1 (a tenth, a hundredth...) only when even whole units would pass
    :data:`_MAX_OBJECTIVE_MAGNITUDE`: values of a trillion weighted a million
    times. The coefficients are then rounded, as they are when a cap lowers it.
    """
    if not units:
        return Fraction(1)
    scale = Fraction(1)
    for unit in set(units):
        scale = max(scale, Fraction(_power_of_ten_for(unit)))
    scale = max(scale, Fraction(RESOLUTION))  # keep attainment and balance precise
    magnitude = sum(magnitudes, Fraction(0))
    while magnitude * scale > _MAX_OBJECTIVE_MAGNITUDE:
        scale /= 10
    return scale


def _power_of_ten_for(c: Fraction) -> int:
    """10**k for the smallest k with c * 10**k whole (capped at 10**9)."""
    for k in range(10):
        if (c * 10**k).denominator == 1:
            return 10**k
    return 10**9
