"""The same formulation as a mixed-integer program, solved by HiGHS.

The LP relaxation (:mod:`planner.optimizer.lp_bound`) has every hard rule (the
formulation's rows) and every objective term with exact coefficients; making
the formulation's columns (pairs, joint and changed indicators) integer gives
the planning problem as a MIP. HiGHS ships with OR-Tools (through MathOpt), so this needs nothing
beyond it. The model goes to MathOpt as one ``ModelProto`` built in numpy,
not a call per entry. The plan it returns is the chosen pairs; its objective
is for the checker to compute, never HiGHS's floating-point one. HiGHS runs in
a worker process (:mod:`planner.optimizer.highs_process`), so that a stop
ends it: MathOpt passes no interrupt on to HiGHS.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.math_opt import (
    model_parameters_pb2,
    model_pb2,
    parameters_pb2,
    result_pb2,
    solution_pb2,
)

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.highs_process import run_highs
from planner.optimizer.lp_bound import LpMatrix, LpRelaxation


@dataclass(frozen=True)
class MipResult:
    """What HiGHS found: the chosen pairs (empty when none), its bound and the time it took."""

    status: str
    chosen: list[Pair]
    bound: float | None
    seconds: float
    nodes: int = 0


def mip_model(problem: Problem, pairs: tuple[Pair, ...]) -> model_pb2.ModelProto | None:
    """The planning MIP over ``pairs`` as MathOpt's model (``None``: no plan can exist).

    Variable ``i < len(pairs)`` is pair ``i``'s choice.
    """
    relaxation = LpRelaxation(problem, pairs)
    lp = relaxation.build()
    if relaxation.infeasible:
        return None
    matrix = lp.freeze()
    num_columns = len(matrix.cost)
    integer = np.zeros(num_columns, dtype=bool)
    integer[: relaxation.formulation.num_columns] = True  # the formulation's columns: whole
    integer[relaxation.binary] = True  # the confidence term's sampled hits
    return matrix_model(matrix, integer)


def matrix_model(matrix: LpMatrix, integer: np.ndarray) -> model_pb2.ModelProto:
    """``matrix`` (an LP's rows, frozen) as MathOpt's model, maximised, with the columns
    ``integer`` marks whole."""
    model = model_pb2.ModelProto()
    variables = model.variables
    variables.ids.extend(range(len(matrix.cost)))
    variables.lower_bounds.extend(matrix.lower.tolist())
    variables.upper_bounds.extend(matrix.upper.tolist())
    variables.integers.extend(integer.tolist())
    model.objective.maximize = True
    nonzero = np.flatnonzero(matrix.cost)
    model.objective.linear_coefficients.ids.extend(nonzero.tolist())
    model.objective.linear_coefficients.values.extend(matrix.cost[nonzero].tolist())
    rows = model.linear_constraints
    rows.ids.extend(range(len(matrix.row_lower)))
    rows.lower_bounds.extend(matrix.row_lower.tolist())
    rows.upper_bounds.extend(matrix.row_upper.tolist())
    order = np.lexsort((matrix.cols, matrix.row_of))  # MathOpt wants entries row-major, sorted
    entries = model.linear_constraint_matrix
    entries.row_ids.extend(matrix.row_of[order].tolist())
    entries.column_ids.extend(matrix.cols[order].tolist())
    entries.coefficients.extend(matrix.coeffs[order].tolist())
    return model


def solve_mip(
    problem: Problem,
    *,
    time_limit_s: float,
    pairs: tuple[Pair, ...] | None = None,
    hint: Sequence[Pair] | None = None,
    stopped: Callable[[], bool] | None = None,
    node_limit: int | None = None,
    exact: bool = False,
    seed: int | None = None,
    heuristic_effort: float | None = None,
) -> MipResult:
    """Solve the planning MIP with HiGHS within ``time_limit_s`` (building included).

    ``hint`` (a plan's pairs) is given to HiGHS as a starting solution;
    ``stopped`` (polled every few hundredths of a second) ends it early: its
    worker process is killed, and the result has no plan (status ``stopped``);
    ``node_limit`` ends it on a work budget rather than the clock (HiGHS on one
    thread is deterministic, so the same budget gives the same plan); ``exact``
    asks for a proof with no gap tolerance (HiGHS's default allows 0.01 %);
    ``seed`` is HiGHS's random seed (its default when ``None``): on GAP instances
    its plans at 8 s differ by up to several % from seed to seed;
    ``heuristic_effort`` is HiGHS's ``mip_heuristic_effort`` (the share of its
    work on primal heuristics; its default 0.05 when ``None``).
    """
    started = time.perf_counter()
    pairs = eligible_pairs(problem) if pairs is None else pairs
    model = mip_model(problem, pairs)
    if model is None:
        return MipResult("infeasible", [], None, time.perf_counter() - started)
    params = parameters_pb2.SolveParametersProto()
    if node_limit is not None:
        params.node_limit = node_limit
    if seed is not None:
        params.random_seed = seed
    if heuristic_effort is not None:
        params.highs.double_options["mip_heuristic_effort"] = heuristic_effort
    if exact:
        params.relative_gap_tolerance = 0.0
        params.absolute_gap_tolerance = 1e-9
    model_params = model_parameters_pb2.ModelSolveParametersProto()
    if hint is not None:
        picked = {(p.project_id, p.team_id) for p in hint}
        values = model_params.solution_hints.add().variable_values
        values.ids.extend(range(len(pairs)))
        values.values.extend(float((p.project_id, p.team_id) in picked) for p in pairs)
    raw = run_highs(
        model.SerializeToString(),
        params,
        model_params.SerializeToString(),
        started + time_limit_s,
        stopped,
    )
    if raw is None:  # stopped, or HiGHS failed: no plan from it
        return MipResult("stopped", [], None, time.perf_counter() - started)
    result = result_pb2.SolveResultProto.FromString(raw)
    status = result_pb2.TerminationReasonProto.Name(result.termination.reason)
    chosen: list[Pair] = []
    bound = None
    for solution in result.solutions:
        primal = solution.primal_solution
        if primal.feasibility_status != solution_pb2.SOLUTION_STATUS_FEASIBLE:
            continue
        values = dict(zip(primal.variable_values.ids, primal.variable_values.values, strict=True))
        chosen = [pair for row, pair in enumerate(pairs) if values.get(row, 0.0) > 0.5]
        bound = result.termination.objective_bounds.dual_bound
        break
    nodes = result.solve_stats.node_count
    return MipResult(status, chosen, bound, time.perf_counter() - started, nodes)


class MipBeside:
    """HiGHS on its own thread, beside another search (HiGHS releases the GIL while it runs).

    It starts at once; :meth:`result` waits for it. :meth:`stop` ends it within a
    few hundredths of a second (its worker process is killed: OR-Tools' MathOpt
    9.15 passes no interrupt on to HiGHS), without a plan.
    """

    def __init__(
        self,
        problem: Problem,
        pairs: tuple[Pair, ...],
        hint: Sequence[Pair] | None,
        time_limit_s: float,
        node_limit: int | None = None,
        seed: int | None = None,
        heuristic_effort: float | None = None,
    ) -> None:
        self._stop = threading.Event()
        self._result: MipResult | None = None

        def run() -> None:
            self._result = solve_mip(
                problem,
                time_limit_s=time_limit_s,
                pairs=pairs,
                hint=hint,
                stopped=self._stop.is_set,
                node_limit=node_limit,
                seed=seed,
                heuristic_effort=heuristic_effort,
            )

        self._thread = threading.Thread(target=run, name="highs-beside", daemon=True)
        self._thread.start()

    def running(self) -> bool:
        """Whether HiGHS is still searching."""
        return self._thread.is_alive()

    def stop(self) -> None:
        """Stop HiGHS now (safe from any thread): its worker process is killed."""
        self._stop.set()

    def result(self) -> MipResult | None:
        """HiGHS's result, once it has ended (``None`` if it failed)."""
        self._thread.join()
        return self._result


__all__ = ["MipBeside", "MipResult", "matrix_model", "mip_model", "solve_mip"]
