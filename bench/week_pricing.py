"""Price and repair on M quarters in weeks (issue 15): does a priced start beat the greedy's?

The warm start of a 40 x 500 quarter in weeks (10 s: 7.5 s of budget) is the
greedy's own order, the week search's 60 kicks and 2.6 units of the
neighbourhood search in weeks. Here it runs to the end of its work (the plan of
a quiet machine, the same every run) beside the same search from a *priced*
start:

1. prices: the LP's duals on the rows that tie teams together (one owner per
   project, mandatory work, dependencies, a joint project's sides, the goals'
   attainment, the peak), from the compact LP without weeks (``--duals
   compact``: 0.1-0.3 s, what the solve has) or from the LP with the start
   columns and weekly rows (``--duals weeks``: 30-120 s, offline);
2. pricing: each team's best plan of its own weeks at those prices (its pairs
   and start weeks under its weekly hours, its quarter and its project cap),
   CP-SAT with one worker and ``--pricing-units`` of deterministic work a team,
   as ``planner/optimizer/week_bound.py`` prices them for its bound;
3. repair: a project claimed by several teams goes to the one its price values
   most, a joint project only when both sides claim it at one start week; the
   greedy keeps each claimed project with its team at its priced start where it
   still fits (best gain per hour first, after its prerequisites: rule 12), then
   fills in as usual (``Greedy.run(kept_first=True)``);
4. the same week search and neighbourhood search (the same work) from there.

Both plans are scored by the exact objective (``plan_objective``: ``None`` when
the checker finds a broken rule). See bench/results.md "Price and repair".

The LP with weeks may also go to HiGHS through MathOpt (``--duals highs-ipm``:
interior point without presolve or crossover; ``highs-ipmEPS`` to a looser
optimality tolerance; ``highs-ipmx`` with crossover; ``highs-dual``: dual
simplex), be restricted to start weeks near the greedy's (``--restrict K``), and
its own values replace the pricing (``--lp-start 0.5``: each pair the LP gives at
least half of its project is claimed at its largest start column, and the same
repair and search follow). See bench/results.md "Week-aware prices in 4 s".

Usage::

    python bench/week_pricing.py --seeds 0-4 --duals compact --pricing-units 0.05
    python bench/week_pricing.py --seeds 0-4 --duals highs-ipm --lp-start 0.5
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import ortools.linear_solver.linear_solver_pb2 as linear_solver_pb2
from ortools.linear_solver.python import model_builder_helper as mbh
from ortools.math_opt import model_parameters_pb2, model_pb2, parameters_pb2
from ortools.math_opt.core.python import solver as math_opt_solver
from ortools.math_opt.python import callback, init_arguments, mathopt
from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.core.domain import Problem
from planner.core.generate import generate_folder
from planner.core.loading import load_with_warnings
from planner.core.pairs import Pair
from planner.optimizer import greedy as greedy_module
from planner.optimizer import week_bound
from planner.optimizer.cpsat import cp_solver
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.formulation import Formulation
from planner.optimizer.lp_bound import Lp, LpMatrix, LpRelaxation
from planner.optimizer.mip import matrix_model
from planner.optimizer.warm_start import warm_start, weeks_repack_work
from planner.optimizer.week_search import KICKS_FACTOR, WeekSearch

#: The warm start's budget at the solve's 10 s (limits.WARM_SHARE x 10).
BUDGET_S = 7.5
#: Pricing weights per point (rounded down: the team's plan, not a bound).
SCALE = 100_000


def linking_prices(
    problem: Problem, pairs: tuple[Pair, ...], duals: str, restrict: int | None = None
) -> np.ndarray:
    """Each LP column's objective less the LP's duals on the rows that tie teams together."""
    formulation, lp, matrix, _, y = solved_lp(
        problem, pairs, duals, restrict, weeks=duals != "compact"
    )
    if matrix.lagrangian_bound(-y) < matrix.lagrangian_bound(y):
        y = -y  # as week_bound.lp_duals signs them
    team = {t.team_id: i for i, t in enumerate(problem.teams)}
    team_of = [-1] * len(lp.lower)
    for row, pair in enumerate(pairs):
        team_of[row] = team[pair.team_id]
    if formulation.starts is not None:
        for row, columns in formulation.starts.starts.items():
            for column in columns.values():
                team_of[column] = team_of[row]
    price = np.asarray(lp.objective, dtype=np.float64).copy()
    for r, cols in enumerate(lp.cols):
        owners = {team_of[j] for j in cols}
        if (len(owners) == 1 and -1 not in owners) or y[r] == 0:
            continue  # a team's own row stays in its pricing problem
        for j, a in zip(cols, lp.coeffs[r], strict=True):
            price[j] -= y[r] * a
    return price[: len(pairs)]


def solved_lp(
    problem: Problem, pairs: tuple[Pair, ...], mode: str, restrict: int | None, *, weeks: bool
) -> tuple[Formulation, Lp, LpMatrix, np.ndarray, np.ndarray]:
    """The LP (with the start columns when ``weeks``), restricted as ``restrict`` says,
    solved by ``mode``'s solver (``highs-...``: HiGHS; else GLOP or PDLP): its
    formulation, LP, matrix, values and duals."""
    formulation = Formulation.of(problem, pairs, weeks=weeks)
    lp = LpRelaxation(problem, pairs, formulation).build()
    matrix = restricted(problem, pairs, formulation, lp.freeze(), restrict)
    if mode.startswith("highs"):
        x, y = highs_solve(matrix, mode.removeprefix("highs-"))
    else:
        x, y = or_solve(matrix, mode)
    return formulation, lp, matrix, x, y


def or_solve(matrix: LpMatrix, duals: str) -> tuple[np.ndarray, np.ndarray]:
    """GLOP's values and duals (``weeks``, ``compact``) or PDLP's to a tolerance (``pdlpEPS``)."""
    request = matrix.request()
    solver = "glop"
    if duals.startswith("pdlp"):  # first-order, to a loose tolerance: approximate duals
        solver = "pdlp"
        request.solver_type = linear_solver_pb2.MPModelRequest.PDLP_LINEAR_PROGRAMMING
        eps = duals.removeprefix("pdlp")
        request.solver_specific_parameters = (
            "termination_criteria { simple_optimality_criteria { "
            f"eps_optimal_relative: {eps} eps_optimal_absolute: {eps} }} }}"
        )
    answer = mbh.ModelSolverHelper(solver).solve_serialized_request(request.SerializeToString())
    response = linear_solver_pb2.MPSolutionResponse()
    response.ParseFromString(answer)
    x = np.asarray(response.variable_value, dtype=np.float64)
    return x, np.asarray(response.dual_value, dtype=np.float64)


def highs_solve(matrix: LpMatrix, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """HiGHS's values and duals through MathOpt: ``ipm`` (interior point, no presolve,
    no crossover), ``ipmEPS`` (the same to an optimality tolerance EPS), ``ipmx`` (with
    presolve and crossover) or ``dual`` (dual simplex)."""
    params = parameters_pb2.SolveParametersProto()
    if mode.startswith("ipm"):
        params.lp_algorithm = parameters_pb2.LP_ALGORITHM_BARRIER
        if mode != "ipmx":
            # HiGHS's postsolve of an interior solution leaves its duals infeasible
            # (it then reports no status): without presolve they are the solver's own.
            params.presolve = parameters_pb2.EMPHASIS_OFF
            params.highs.string_options["run_crossover"] = "off"
        if eps := mode.removeprefix("ipmx").removeprefix("ipm"):
            params.highs.double_options["ipm_optimality_tolerance"] = float(eps)
    else:
        params.lp_algorithm = parameters_pb2.LP_ALGORITHM_DUAL_SIMPLEX
    raw = math_opt_solver.solve(
        highs_model(matrix),
        mathopt.SolverType.HIGHS.value,
        init_arguments.StreamableSolverInitArguments().to_proto(),
        params,
        model_parameters_pb2.ModelSolveParametersProto(),
        None,
        callback.CallbackRegistration().to_proto(),
        None,
        None,
    )
    solution = raw.solutions[0]
    dual = solution.dual_solution.dual_values
    y = np.zeros(len(matrix.row_lower))
    y[np.asarray(dual.ids, dtype=np.int64)] = np.asarray(dual.values, dtype=np.float64)
    primal = solution.primal_solution.variable_values
    x = np.zeros(len(matrix.cost))
    x[np.asarray(primal.ids, dtype=np.int64)] = np.asarray(primal.values, dtype=np.float64)
    return x, y


def restricted(
    problem: Problem,
    pairs: tuple[Pair, ...],
    formulation: Formulation,
    matrix: LpMatrix,
    weeks: int | None,
) -> LpMatrix:
    """``matrix`` with each pair's start columns kept only within ``weeks`` of its project's
    start in the greedy's own plan (no search; a project it leaves out: its first
    2 x ``weeks`` + 1 starts), the others fixed at 0 (all kept when ``weeks`` is None)."""
    if weeks is None or formulation.starts is None:
        return matrix
    greedy = greedy_module.Greedy(problem, pairs, None, formulation)
    greedy.run()
    assert greedy.weeks is not None
    planned = greedy.weeks.start
    upper = matrix.upper.copy()
    for row, columns in formulation.starts.starts.items():
        if len(columns) < 2:
            continue
        ordered = sorted(columns)
        centre = planned.get(pairs[row].project_id, ordered[min(weeks, len(ordered) - 1)])
        for week, column in columns.items():
            if abs(week - centre) > weeks:
                upper[column] = 0.0
    return dataclasses.replace(matrix, upper=upper)


def lp_claims(
    problem: Problem,
    pairs: tuple[Pair, ...],
    mode: str,
    threshold: float,
    restrict: int | None = None,
) -> tuple[np.ndarray, dict[str, list[tuple[int, int | None]]]]:
    """The LP with weeks' own choice as claims (no pricing): each pair at ``threshold`` or
    more, at the start week of its largest start column; its ``x`` as the price. ``mode``:
    HiGHS's (``highs-...``) or GLOP's (``weeks``) or PDLP's (``pdlpEPS``)."""
    formulation, _, _, x, _ = solved_lp(problem, pairs, mode, restrict, weeks=True)
    assert formulation.starts is not None
    claims: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for row, pair in enumerate(pairs):
        if x[row] < threshold:
            continue
        columns = formulation.starts.starts.get(row, {})
        start = max(columns, key=lambda w: (x[columns[w]], -w)) if columns else None
        claims[pair.project_id].append((row, start))
    return x[: len(pairs)], claims


def highs_model(matrix: LpMatrix) -> model_pb2.ModelProto:
    """The LP as MathOpt's model (as ``mip.mip_model``'s, all columns real)."""
    return matrix_model(matrix, np.zeros(len(matrix.cost), dtype=bool))


def priced_claims(
    problem: Problem, pairs: tuple[Pair, ...], price: np.ndarray, units: float
) -> tuple[dict[str, list[tuple[int, int | None]]], float]:
    """Each project's claims (pair row, start week) by the teams' priced plans; the work."""
    split = week_bound.decomposed(problem, pairs)
    start_columns, pricing = split.start_columns, split.pricing
    week_of = {c: (row, week) for row, m in start_columns.items() for week, c in m.items()}
    claims: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    work = 0.0
    for _, team in sorted(pricing.items()):
        model = team.model.clone()
        own = {j: model.get_bool_var_from_proto_index(v.index) for j, v in team.vars.items()}
        weights = {j: math.floor(price[j] * SCALE) if j < len(pairs) else 0 for j in own}
        for j in team.droppable:
            if weights[j] <= 0:
                model.add(own[j] == 0)
        model.maximize(sum(w * own[j] for j, w in weights.items() if w))
        solver = cp_solver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 0
        solver.parameters.max_deterministic_time = units
        code = solver.solve(model)
        work += solver.response_proto.deterministic_time
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        chosen = {j for j, var in own.items() if solver.value(var)}
        started = {week_of[c][0]: week_of[c][1] for c in chosen if week_of.get(c, (c,))[0] != c}
        for row in sorted(c for c in chosen if c < len(pairs)):
            start = started.get(row)
            if start is None and len(start_columns.get(row, {})) == 1:
                start = next(iter(start_columns[row]))
            claims[pairs[row].project_id].append((row, start))
    return claims, work


def repaired(
    problem: Problem,
    pairs: tuple[Pair, ...],
    price: np.ndarray,
    claims: dict[str, list[tuple[int, int | None]]],
) -> float | None:
    """The greedy from the claims, then the warm start's week search and neighbourhoods."""
    preference = [0.0] * len(pairs)
    starts: dict[str, int] = {}
    for pid, claimed in claims.items():
        if problem.project(pid).joint:
            weeks = {start for _, start in claimed}
            if len(claimed) == 2 and len(weeks) == 1 and None not in weeks:
                for row, _ in claimed:
                    preference[row] = 1.0
                starts[pid] = weeks.pop()  # type: ignore[assignment]
            continue
        row, start = max(claimed, key=lambda c: (price[c[0]], -c[0]))
        preference[row] = 1.0
        if start is not None:
            starts[pid] = start
    greedy = greedy_module.Greedy(problem, pairs, preference, None)
    greedy.starts = starts
    kicks = greedy_module.WEEK_KICKS_PER_S * math.floor(BUDGET_S * KICKS_FACTOR)
    work = weeks_repack_work(problem, pairs, BUDGET_S)
    far = time.perf_counter() + 3600.0  # ends on its work, not the clock
    chosen = greedy.run(far, None, kicks, None, WeekSearch, None, (work, far), None, True)
    assert greedy.weeks is not None
    return plan_objective(problem, chosen, dict(greedy.weeks.start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument(
        "--duals",
        default="compact",
        help="compact (GLOP, no weeks), weeks (GLOP with the start columns) or pdlpEPS "
        "(PDLP with the start columns to a relative and absolute tolerance EPS, e.g. pdlp1e-2)",
    )
    parser.add_argument("--pricing-units", type=float, default=0.05)
    parser.add_argument(
        "--lp-start",
        type=float,
        default=None,
        help="no pricing: the LP with weeks' own values at least this (by --duals' "
        "solver) are the claims, at the start week of their largest start column",
    )
    parser.add_argument(
        "--restrict",
        type=int,
        default=None,
        help="the LP with weeks keeps each pair's start columns within this many weeks of "
        "the greedy's start for its project (the rest fixed at 0)",
    )
    parser.add_argument("--data", default=None, help="a folder for the generated quarters")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    root = Path(args.data or tempfile.mkdtemp())
    rows: list[tuple[float, float]] = []
    print(f"duals {args.duals}, pricing {args.pricing_units} units a team")
    print(
        "| seed | as the solve (greedy's order) | priced start | change | pricing units "
        "| prices s | s |"
    )
    print("|---|---|---|---|---|---|---|")
    for seed in seeds:
        folder = generate_folder(root / f"M-{seed}", 40, 500, seed=seed, weeks=True, force=True)
        problem = load_with_warnings(folder).problem
        pairs = eligible_pairs(problem)
        far = 3600.0
        base = warm_start(problem, time_limit_s=far, budget_s=BUDGET_S, repack_s=far).objective
        began = time.perf_counter()
        if args.lp_start is not None:
            price, claims = lp_claims(problem, pairs, args.duals, args.lp_start, args.restrict)
            lp_s, work = time.perf_counter() - began, 0.0
        else:
            price = linking_prices(problem, pairs, args.duals, args.restrict)
            lp_s = time.perf_counter() - began
            claims, work = priced_claims(problem, pairs, price, args.pricing_units)
        after = repaired(problem, pairs, price, claims)
        seconds = time.perf_counter() - began
        assert base is not None and after is not None, "every plan passes the checker"
        rows.append((base, after))
        change = 100 * (after - base) / base
        print(
            f"| {seed} | {base:,.2f} | {after:,.2f} | {change:+.2f} % "
            f"| {work:.2f} | {lp_s:.1f} | {seconds:.0f} |"
        )
    before = statistics.mean(b for b, _ in rows)
    now = statistics.mean(a for _, a in rows)
    worst = min(100 * (a - b) / b for b, a in rows)
    print(
        f"| mean | {before:,.2f} | {now:,.2f} | {100 * (now - before) / before:+.2f} % "
        f"(worst seed {worst:+.2f} %) | | | |"
    )


if __name__ == "__main__":
    main()
