"""The LP relaxation: the limit no plan can beat, from OR-Tools' GLOP.

The linear program has the CP-SAT model's rules and objective (the rows of
:class:`~planner.optimizer.formulation.Formulation`, SPEC.md's hard rules, and
the ``[weights]`` terms), with each (project, team) choice ``x`` relaxed from
{0, 1} to [0, 1]. Its optimum is an upper bound on every
plan's objective as :func:`~planner.checker.objective_of` computes it: the
coefficients are the exact ones (attainment in exact percentage points,
utilisation against exact capacity), not the model's rounded millionths.

GLOP solves in floating point. So that its tolerances cannot push the bound
below the true optimum, the bound reported is not GLOP's objective but the
Lagrangian bound of GLOP's duals, evaluated in numpy:

    bound(y) = sum_i max(y_i lb_i, y_i ub_i) + sum_j max((c - A'y)_j l_j, (c - A'y)_j u_j)

which is a valid upper bound for *any* multipliers ``y`` (weak duality over
the variables' boxes) and equals the LP optimum at GLOP's optimal duals.

At company scale under a time limit the LP goes to PDLP, OR-Tools' first-order
method, instead (:data:`_PDLP_MIN_COLUMNS`): stopped by the clock, its iterates
are near-optimal values to round and multipliers whose Lagrangian bound still
holds, where GLOP, stopped by the clock, has neither.
"""

from __future__ import annotations

import enum
import logging
import math
import threading
import time
from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np
import ortools.linear_solver.linear_solver_pb2 as linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper as mbh

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.core.uncertainty import RESOLUTION as SAMPLE_RESOLUTION
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.formulation import Formulation
from planner.optimizer.objective import GoalPairs, Objective, TeamPairs

_INF = math.inf
log = logging.getLogger(__name__)

#: From this many columns on, an LP given a time limit goes to PDLP, not GLOP. GLOP's
#: time grows faster than the LP (2026-12-03, load 4-6: 23k columns 0.7 s, 80k 2.1 s,
#: 228k 14.4 s, 561k 52 s), so at 300 x 10,000 it no longer finished in a 60 s solve's
#: share (24-36 s) and the solve rounded no LP: 3.55 % from the LP optimum. PDLP in 28 s
#: of the same share: values 0.2 % below the optimum, a bound 0.5 % above it, and the
#: solve's plan 0.63 % from it (bench/results.md). Below this size GLOP's exact optimum
#: comes in seconds.
_PDLP_MIN_COLUMNS = 300_000
#: PDLP's values are rounded when its bound and their objective are at most this far apart
#: (relative): further apart they round worse than the greedy's own order (_first_order),
#: so only the bound is kept.
_PDLP_MAX_SPREAD = 0.3


class LpStatus(enum.StrEnum):
    """What the LP relaxation found."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"  # no plan exists: not even a fractional one
    #: PDLP's: a bound that holds, above the optimum, and its values when they are near
    #: enough to the optimum to round (within ``_PDLP_MAX_SPREAD`` of the bound; none else).
    APPROXIMATE = "approximate"
    #: The time limit hit first or GLOP gave up: neither a bound nor values.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class LpBound:
    """The LP relaxation's bound and, per eligible pair, its fractional choice.

    ``bound`` is ``None`` unless ``status`` is optimal or approximate;
    ``values[i]`` is the LP's ``x`` for ``pairs[i]`` (empty when there is no
    solution, or PDLP's was too rough to round).
    """

    status: LpStatus
    bound: float | None
    seconds: float
    pairs: tuple[Pair, ...] = ()
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def solved(self) -> bool:
        """Whether there are values to round and a bound (exact or approximate)."""
        answered = self.status in (LpStatus.OPTIMAL, LpStatus.APPROXIMATE)
        return answered and len(self.values) == len(self.pairs)


@dataclass
class Lp:
    """A maximisation LP over boxed columns, its rows kept as (columns, coefficients).

    The rows serve twice: to write GLOP's request and to evaluate the
    Lagrangian bound of any multipliers in numpy.
    """

    lower: list[float] = field(default_factory=list)  # columns
    upper: list[float] = field(default_factory=list)
    objective: list[float] = field(default_factory=list)
    cols: list[list[int]] = field(default_factory=list)  # rows
    coeffs: list[list[float]] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)

    def var(self, lower: float, upper: float, objective: float = 0.0) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.objective.append(objective)
        return len(self.lower) - 1

    def constrain(self, cols: list[int], coeffs: list[float], lower: float, upper: float) -> None:
        """``lower <= sum(coeffs[k] * x[cols[k]]) <= upper``."""
        self.cols.append(cols)
        self.coeffs.append(coeffs)
        self.row_lower.append(lower)
        self.row_upper.append(upper)

    def freeze(self) -> LpMatrix:
        """The rows as one compressed sparse matrix (numpy), for requests and pricing."""
        lengths = np.fromiter((len(c) for c in self.cols), np.int64, len(self.cols))
        size = int(lengths.sum())
        return LpMatrix(
            row_of=np.repeat(np.arange(len(lengths)), lengths),
            starts=np.concatenate(([0], np.cumsum(lengths))),
            cols=np.fromiter((j for c in self.cols for j in c), np.int64, size),
            coeffs=np.fromiter((a for c in self.coeffs for a in c), np.float64, size),
            lower=np.asarray(self.lower, dtype=np.float64),
            upper=np.asarray(self.upper, dtype=np.float64),
            cost=np.asarray(self.objective, dtype=np.float64),
            row_lower=np.asarray(self.row_lower, dtype=np.float64),
            row_upper=np.asarray(self.row_upper, dtype=np.float64),
        )


@dataclass(frozen=True)
class LpMatrix:
    """A maximisation LP ``max c'x : row_lower <= Ax <= row_upper, lower <= x <= upper``."""

    row_of: np.ndarray  # the row of each entry
    starts: np.ndarray  # row r's entries are [starts[r], starts[r + 1])
    cols: np.ndarray
    coeffs: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    cost: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray

    def request(self) -> linear_solver_pb2.MPModelRequest:
        """GLOP's request: one serialised message, far faster than a call per entry."""
        request = linear_solver_pb2.MPModelRequest()
        request.solver_type = linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING
        # Measured: the dual simplex solves these LPs about twice as fast as the default.
        request.solver_specific_parameters = "use_dual_simplex: true"
        model = request.model
        model.maximize = True
        add_var = model.variable.add
        for lower, upper, cost in zip(
            self.lower.tolist(), self.upper.tolist(), self.cost.tolist(), strict=True
        ):
            add_var(lower_bound=lower, upper_bound=upper, objective_coefficient=cost)
        add_row = model.constraint.add
        cols, coeffs, starts = self.cols.tolist(), self.coeffs.tolist(), self.starts.tolist()
        bounds = zip(self.row_lower.tolist(), self.row_upper.tolist(), strict=True)
        for r, (lower, upper) in enumerate(bounds):
            row = add_row(lower_bound=lower, upper_bound=upper)
            row.var_index.extend(cols[starts[r] : starts[r + 1]])
            row.coefficient.extend(coeffs[starts[r] : starts[r + 1]])
        return request

    def lagrangian_bound(self, y: np.ndarray) -> float:
        """An upper bound on the LP (so on every plan) for any multipliers ``y``."""
        side = np.where(y > 0, self.row_upper, self.row_lower)  # the bound y's sign prices
        usable = (y != 0) & np.isfinite(side)
        y = np.where(usable, y, 0.0)
        rows_part = float(np.dot(y[usable], side[usable]))
        priced = np.bincount(
            self.cols, weights=self.coeffs * y[self.row_of], minlength=len(self.cost)
        )
        reduced = self.cost - priced
        columns_part = float(np.maximum(reduced * self.lower, reduced * self.upper).sum())
        return rows_part + columns_part


def add_rows(request: linear_solver_pb2.MPModelRequest, lp: Lp, first: int) -> None:
    """``lp``'s rows from ``first`` on, appended to ``request`` (``lp``'s own up to ``first``).

    The rows as :meth:`LpMatrix.request` writes them (floats, the same values), so the
    request is the one ``lp.freeze().request()`` gives, without writing the others again.
    """
    add_row = request.model.constraint.add
    for r in range(first, len(lp.cols)):
        row = add_row(lower_bound=float(lp.row_lower[r]), upper_bound=float(lp.row_upper[r]))
        row.var_index.extend(int(j) for j in lp.cols[r])
        row.coefficient.extend(float(a) for a in lp.coeffs[r])


def unit_request(
    cost: list[float], rows: list[tuple[list[int], float, float]]
) -> linear_solver_pb2.MPModelRequest:
    """GLOP's request for ``max cost . x``, every ``x`` in [0, 1], rows ``(cols, lower, upper)``
    each ``lower <= sum of x[cols] <= upper``: the request :class:`Lp` writes for the same
    LP, without its matrix (the small LPs of :mod:`planner.optimizer.envelope`, by the hundred).
    """
    request = linear_solver_pb2.MPModelRequest()
    request.solver_type = linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING
    request.solver_specific_parameters = "use_dual_simplex: true"  # as Lp's request
    model = request.model
    model.maximize = True
    add_var = model.variable.add
    for c in cost:
        add_var(lower_bound=0.0, upper_bound=1.0, objective_coefficient=c)
    add_row = model.constraint.add
    for cols, lower, upper in rows:
        row = add_row(lower_bound=lower, upper_bound=upper)
        row.var_index.extend(cols)
        row.coefficient.extend([1.0] * len(cols))
    return request


class LpRelaxation:
    """Builds the LP: the formulation's rows with columns in [0, 1], then one method per term."""

    def __init__(
        self,
        problem: Problem,
        pairs: tuple[Pair, ...],
        formulation: Formulation | None = None,
    ) -> None:
        self.problem = problem
        self.pairs = pairs
        self.formulation = formulation or Formulation.of(problem, pairs)
        self.lp = Lp()
        self.x = [self.lp.var(0.0, 1.0) for _ in range(self.formulation.num_pairs)]
        self.x += [self.lp.var(float(c.lower), float(c.upper)) for c in self.formulation.columns]
        self.by_team = self.formulation.by_team
        #: Groups no fractional plan meets either (a row with nothing to meet it with).
        self.infeasible = bool(self.formulation.infeasible())
        #: Objective columns that are 0/1 in the plan (a sampled "goal reached"), for the MIP.
        self.binary: list[int] = []
        #: Goal id -> its attainment column (percentage points, capped at 100).
        self.reached: dict[str, int] = {}

    def build(self) -> Lp:
        self._hard_rules()
        objective = Objective(self.formulation)
        build = {
            "attainment": lambda w: self._attainment(w, objective.goals()),
            "value": self._value,
            "balance": lambda w: self._balance(w, objective.teams(), objective.peak_share()),
            "fit": lambda w: self._fit(w, objective.fit()),
            "stability": lambda w: self._stability(w, objective.changed()),
            "confidence": lambda w: self._confidence(w, objective),
        }
        for name, weight in objective.weights.items():
            build[name](float(weight))
        return self.lp

    def _hard_rules(self) -> None:
        """Every row of the formulation, in hours (not the rows' scaled units) for conditioning."""
        for row in self.formulation.rows:
            if not row.cols:
                continue  # decided: ``infeasible`` says whether it holds
            unit = float(row.unit)
            lower = -_INF if row.lower is None else row.lower / unit
            upper = _INF if row.upper is None else row.upper / unit
            self.lp.constrain(list(row.cols), [c / unit for c in row.coeffs], lower, upper)

    # -- objective terms: what each reads is Objective's; here in floats ---------

    def _attainment(self, weight: float, goals: list[GoalPairs]) -> None:
        """Percentage points per goal, capped at 100, times the goal's weight."""
        for g in goals:
            target = float(g.goal.target)
            coeffs = [100 * float(value) / target for value in g.values]
            reached = self.lp.var(0.0, 100.0, weight * float(g.goal.weight))
            self.reached[g.goal.goal_id] = reached
            cols = [self.x[r] for r in g.rows]
            self.lp.constrain([reached, *cols], [1.0] + [-c for c in coeffs], -_INF, 0.0)

    def _value(self, weight: float) -> None:
        for r, pair in enumerate(self.pairs):
            self.lp.objective[self.x[r]] += weight * float(pair.value)

    def _balance(self, weight: float, teams: list[TeamPairs], peak_share: Fraction) -> None:
        """The most loaded team's utilisation in points; no plan's peak is above 100 x util."""
        ceiling = 100 * float(peak_share)
        peak = self.lp.var(0.0, ceiling, -weight)
        for t in teams:
            per_hour = 100 / float(t.capacity)
            shares = [per_hour * float(self.pairs[r].effort_hours) for r in t.rows]
            self.lp.constrain(
                [peak] + [self.x[r] for r in t.rows], [1.0] + [-s for s in shares], 0.0, _INF
            )

    def _fit(self, weight: float, points: list[int]) -> None:
        for r, n in enumerate(points):
            self.lp.objective[self.x[r]] += weight * n

    def _stability(self, weight: float, changed: list[int]) -> None:
        for moved in changed:
            self.lp.objective[moved] -= weight

    def _confidence(self, weight: float, objective: Objective) -> None:
        """Each sampled ``hit`` in [0, 1], at most the sampled share of the target reached."""
        for g in objective.sampled():
            per_hit = weight * float(g.goal.weight) * 100 / objective.num_samples
            for s in g.samples:
                column = g.drawn[:, s]
                nonzero = np.flatnonzero(column)
                hit = self.lp.var(0.0, 1.0, per_hit)
                self.binary.append(hit)
                self.lp.constrain(
                    [hit] + [self.x[g.rows[i]] for i in nonzero],
                    [float(SAMPLE_RESOLUTION)] + [-float(column[i]) for i in nonzero],
                    -_INF,
                    0.0,
                )


def lp_bound(
    problem: Problem,
    *,
    pairs: tuple[Pair, ...] | None = None,
    formulation: Formulation | None = None,
    time_limit_s: float | None = None,
) -> LpBound:
    """The LP relaxation's optimum: no plan of ``problem`` scores higher.

    Parameters
    ----------
    problem
        The teams, projects, goals, rules and settings.
    pairs
        The eligible pairs, when the caller already has them.
    formulation
        The hard rules over those pairs, when the caller already has them.
    time_limit_s
        Seconds the LP may take (no limit when ``None``: GLOP's exact optimum).

    Returns
    -------
    LpBound
        ``status`` optimal with ``bound`` (the Lagrangian bound of GLOP's duals,
        safe against its tolerances) and the fractional ``values``; or
        approximate (PDLP, at :data:`_PDLP_MIN_COLUMNS` columns and more under
        ``time_limit_s``: the Lagrangian bound of its last duals, and its last
        values when they are within :data:`_PDLP_MAX_SPREAD` of it);
        or infeasible (no plan exists); or unknown (the time limit hit first,
        with nothing to use).
    """
    started = time.perf_counter()
    if formulation is not None:
        pairs = formulation.pairs
    pairs = eligible_pairs(problem) if pairs is None else pairs
    relaxation = LpRelaxation(problem, pairs, formulation)
    lp = relaxation.build()
    if relaxation.infeasible:
        return LpBound(LpStatus.INFEASIBLE, None, time.perf_counter() - started, pairs)
    matrix = lp.freeze()
    writing = time.perf_counter()
    request = matrix.request()
    built = time.perf_counter()
    left = None
    if time_limit_s is not None:
        # The solver reads the request and sets up outside its own time limit, about as
        # long as writing it took (0.2-0.4 s at 43,000 columns, load 9-10).
        left = time_limit_s - (built - started) - (built - writing)
    first_order = left is not None and len(matrix.cost) >= _PDLP_MIN_COLUMNS
    if left is not None and left <= 0 and not first_order:
        # GLOP stopped by the clock has nothing to give: its time is not spent at all.
        return LpBound(LpStatus.UNKNOWN, None, built - started, pairs)
    response = (pdlp if first_order else glop)(request, left)
    seconds = time.perf_counter() - started
    log.debug(
        "LP: %d columns, %d rows; built in %.2f s, %s %.2f s: %s",
        len(matrix.cost),
        len(matrix.row_lower),
        built - started,
        "PDLP" if first_order else "GLOP",
        seconds - (built - started),
        linear_solver_pb2.MPSolverResponseStatus.Name(response.status),
    )
    if first_order:
        return _first_order(response, matrix, pairs, started)
    if response.status == linear_solver_pb2.MPSOLVER_INFEASIBLE:
        return LpBound(LpStatus.INFEASIBLE, None, seconds, pairs)
    if response.status != linear_solver_pb2.MPSOLVER_OPTIMAL:
        return LpBound(LpStatus.UNKNOWN, None, seconds, pairs)
    return _answer(LpStatus.OPTIMAL, response, matrix, pairs, started)


def _first_order(
    response: linear_solver_pb2.MPSolutionResponse,
    matrix: LpMatrix,
    pairs: tuple[Pair, ...],
    started: float,
) -> LpBound:
    """PDLP's bound, approximate however it stopped, and its iterates when close enough to round.

    Its "optimal" is within its tolerances only; stopped early under load its
    values can be far from the optimum (300 x 10,000: 43 % between its
    Lagrangian bound and its values' objective after 15 s at load 7, 0.44 % at
    load 5), and rounding them then plans less than the greedy's own order.
    Rounded by the greedy on one such quarter (its own order: 3,542 points):
    3,505 at 52 % apart, 3,608 at 21 %, 3,627 at 13 %, 3,640 at 4 %.
    """
    columns, rows = len(response.variable_value), len(response.dual_value)
    answered = (columns, rows) == (len(matrix.cost), len(matrix.row_lower))
    if not answered or response.status == linear_solver_pb2.MPSOLVER_INFEASIBLE:
        return LpBound(LpStatus.UNKNOWN, None, time.perf_counter() - started, pairs)
    answer = _answer(LpStatus.APPROXIMATE, response, matrix, pairs, started)
    assert answer.bound is not None
    spread = abs(answer.bound - response.objective_value) / max(abs(answer.bound), 1e-9)
    if not spread <= _PDLP_MAX_SPREAD:
        # The bound holds for any duals: kept, so the plan's distance to the best is known.
        log.debug("PDLP's values are %.1f %% from its bound: not rounded", 100 * spread)
        return replace(answer, values=np.zeros(0))
    return answer


def _answer(
    status: LpStatus,
    response: linear_solver_pb2.MPSolutionResponse,
    matrix: LpMatrix,
    pairs: tuple[Pair, ...],
    started: float,
) -> LpBound:
    """The bound of the response's duals (safe against the solver's tolerances), its values."""
    duals = np.nan_to_num(np.asarray(response.dual_value, dtype=np.float64))
    # Sign conventions for a maximisation's duals differ: both signs give a valid bound,
    # the right one gives the LP optimum.
    bound = min(matrix.lagrangian_bound(duals), matrix.lagrangian_bound(-duals))
    values = np.nan_to_num(np.asarray(response.variable_value, dtype=np.float64)[: len(pairs)])
    return LpBound(
        status,
        bound,
        time.perf_counter() - started,
        pairs,
        np.clip(values, 0.0, 1.0),
    )


def glop(
    request: linear_solver_pb2.MPModelRequest, time_limit_s: float | None
) -> linear_solver_pb2.MPSolutionResponse:
    """GLOP's answer to ``request``, within ``time_limit_s`` when one is given (interrupted
    at it: stopped by the clock GLOP has no answer, so nothing is lost)."""
    return _solve(request, "glop", time_limit_s, interrupt=True)


def pdlp(
    request: linear_solver_pb2.MPModelRequest, time_limit_s: float | None
) -> linear_solver_pb2.MPSolutionResponse:
    """PDLP's answer to ``request`` (GLOP's request, re-addressed), within ``time_limit_s``."""
    request.solver_type = linear_solver_pb2.MPModelRequest.PDLP_LINEAR_PROGRAMMING
    request.solver_specific_parameters = ""  # GLOP's parameters are not PDLP's
    return _solve(request, "pdlp", time_limit_s)


def _solve(
    request: linear_solver_pb2.MPModelRequest,
    solver: str,
    time_limit_s: float | None,
    *,
    interrupt: bool = False,
) -> linear_solver_pb2.MPSolutionResponse:
    """The solver's answer; with ``time_limit_s`` and ``interrupt``, interrupted at the limit.

    GLOP looks at its time limit between iterations, not while it reads the request and
    sets up: on a busy machine it ran 0.15-0.5 s past it (150 x 1,500, load 9-10). The
    interrupt (the solver's own, from a timer thread: the solve lets go of the GIL) stops
    it at the limit, with no answer, as its limit would. Not PDLP: stopped by its own limit
    it answers with its last iterates, interrupted it may have none (with the interrupt,
    the tests' 0.01 s PDLP run, which needs its iterates, failed once under load).
    """
    helper = mbh.ModelSolverHelper(solver)
    timer = None
    if time_limit_s is not None:
        request.solver_time_limit_seconds = max(0.01, time_limit_s)
    if time_limit_s is not None and interrupt:
        timer = threading.Timer(request.solver_time_limit_seconds, helper.interrupt_solve)
        timer.daemon = True
        timer.start()
    data = request.SerializeToString()
    try:
        answer = helper.solve_serialized_request(data)
    finally:
        if timer is not None:
            timer.cancel()
    response = linear_solver_pb2.MPSolutionResponse()
    response.ParseFromString(answer)
    return response
