"""What reduced-cost fixing would leave to search on the 10 x 100 GAP instances.

Issue 14's GAP rows ask for at most half of HiGHS's gap; the 10 x 100 sizes miss it
(bench/results.md). Reduced-cost fixing (Nemhauser and Wolsey; Savelsbergh 1997 for
the GAP): with multipliers ``y`` whose Lagrangian bound is ``B``, forcing a pair to
the other side of its box costs the bound at least its reduced cost ``|r|``. So when
``|r| > B - incumbent`` no plan as good as the incumbent has the pair on that side,
and a search for a better plan may fix it. Two bounds are measured:

- the LP's (GLOP's duals, :mod:`planner.optimizer.lp_bound`: what the solve has);
- the knapsack Lagrangian: each project's "one team" row priced by ``u`` (from the
  LP's duals, improved by 150 subgradient steps towards the best known value), each
  team then a 0/1 knapsack solved exactly; forcing a pair in or out re-solves its
  team's knapsack (prefix and suffix tables), a stronger test than ``|r|``.

Per instance: both bounds, and the pairs left free or fixed to 1 (``kept``: those not
fixed to 0) at three incumbents: the warm start's plan, HiGHS's plan after
:data:`HIGHS_S` seconds from it (seed 0), and the best value the bench knows (the
ideal: no solve has it). Then, on the pairs the LP keeps at the best known value,
how far HiGHS (no gap tolerance) and CP-SAT (one worker) get in ``--time-limit``
seconds; and HiGHS for :data:`SECOND_S` seconds (seed 1) from HiGHS's plan on the
whole model against on the pairs the LP keeps at that plan (the second HiGHS's
situation in the solve).

Usage::

    python bench/gap_fixing.py --kinds D,E --seeds 0-4 --time-limit 10
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from ortools.linear_solver import pywraplp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BEST_KNOWN, load_average, parse_seeds, small_gap_arguments

from planner.core.domain import Problem
from planner.core.gap_literature import GapInstance, gap_instance, gap_to_problem
from planner.core.pairs import Pair
from planner.optimizer.cpsat import PlanningModel, cp_solver
from planner.optimizer.eligibility import eligible_pairs

#: HiGHS's seconds from the warm start for the second incumbent.
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.lp_bound import LpRelaxation, glop
from planner.optimizer.mip import solve_mip
from planner.optimizer.warm_start import warm_start

HIGHS_S = 4.0
#: HiGHS's seconds from that incumbent, on the whole model and on the pairs kept.
SECOND_S = 5.0
#: Subgradient steps for the knapsack Lagrangian (the step halves every 20).
STEPS = 150
#: Slack on every comparison with the bound: fix only what clears it by this much.
SAFE = 1e-6


def lp_reduced_costs(problem: Problem, pairs: tuple[Pair, ...]) -> tuple[float, np.ndarray]:
    """The LP's Lagrangian bound at GLOP's duals and each pair's reduced cost."""
    matrix = LpRelaxation(problem, pairs).build().freeze()
    duals = np.nan_to_num(np.asarray(glop(matrix.request(), None).dual_value, dtype=np.float64))
    found = []
    for y in (duals, -duals):  # the sign convention, as lp_bound's _answer
        side = np.where(y > 0, matrix.row_upper, matrix.row_lower)
        y = np.where((y != 0) & np.isfinite(side), y, 0.0)
        priced = np.bincount(
            matrix.cols, weights=matrix.coeffs * y[matrix.row_of], minlength=len(matrix.cost)
        )
        found.append((matrix.lagrangian_bound(y), (matrix.cost - priced)[: len(pairs)]))
    return min(found, key=lambda bound_costs: bound_costs[0])


def lp_kept(
    pairs: Sequence[Pair], reduced: np.ndarray, bound: float, incumbent: float
) -> np.ndarray:
    """The pairs not fixed to 0 by the LP's reduced costs at ``incumbent``; a project with a
    pair fixed to 1 keeps only that pair."""
    gap = bound - incumbent + SAFE
    zero = (reduced < 0) & (-reduced > gap)
    one = (reduced > 0) & (reduced > gap)
    projects = np.array([p.project_id for p in pairs])
    settled = np.isin(projects, projects[one])
    return ~zero & ~(settled & ~one)


def _kept(pairs: Sequence[Pair], mask: np.ndarray) -> tuple[Pair, ...]:
    return tuple(pair for pair, keep in zip(pairs, mask.tolist(), strict=True) if keep)


def _tables(profit: np.ndarray, effort: Sequence[int], capacity: int) -> tuple[np.ndarray, ...]:
    """0/1 knapsack tables: ``before[j, w]`` the best of items ``< j`` within ``w``,
    ``after[j, w]`` of items ``>= j``."""
    n = len(profit)
    before = np.zeros((n + 1, capacity + 1))
    after = np.zeros((n + 1, capacity + 1))
    for j in range(n):
        before[j + 1] = before[j]
        a = effort[j]
        if profit[j] > 0 and a <= capacity:
            before[j + 1, a:] = np.maximum(before[j, a:], before[j, : capacity + 1 - a] + profit[j])
    for j in range(n - 1, -1, -1):
        after[j] = after[j + 1]
        a = effort[j]
        if profit[j] > 0 and a <= capacity:
            after[j, a:] = np.maximum(
                after[j + 1, a:], after[j + 1, : capacity + 1 - a] + profit[j]
            )
    return before, after


def knapsack_lagrangian(
    value: np.ndarray, effort: list[list[int]], capacity: list[int], u: np.ndarray
) -> tuple[float, np.ndarray]:
    """``L(u) = sum u + sum over teams of the best knapsack of (value - u)``, and its choice."""
    teams, projects = value.shape
    total = float(u.sum())
    take = np.zeros((teams, projects))
    for k in range(teams):
        before, _ = _tables(value[k] - u, effort[k], capacity[k])
        total += before[projects, capacity[k]]
        w = capacity[k]
        for j in range(projects - 1, -1, -1):
            if before[j + 1, w] != before[j, w]:
                take[k, j], w = 1, w - effort[k][j]
    return total, take


def _without(before: np.ndarray, after: np.ndarray, j: int, room: int) -> float:
    """The best knapsack within ``room`` without item ``j``."""
    return float(np.max(before[j, : room + 1] + after[j + 1, room::-1]))


def knapsack_drops(
    value: np.ndarray, effort: list[list[int]], capacity: list[int], u: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """How much ``L(u)`` falls when each pair is forced out (``out``) or in (``into``)."""
    teams, projects = value.shape
    out = np.zeros((teams, projects))
    into = np.zeros((teams, projects))
    for k in range(teams):
        profit, cap = value[k] - u, capacity[k]
        before, after = _tables(profit, effort[k], cap)
        best = before[projects, cap]
        for j in range(projects):
            out[k, j] = best - _without(before, after, j, cap)
            a = effort[k][j]
            if a <= cap:
                into[k, j] = best - (profit[j] + _without(before, after, j, cap - a))
            else:
                into[k, j] = np.inf
    return out, into


def lagrangian(
    instance: GapInstance, target: float
) -> tuple[float, float, np.ndarray, np.ndarray, np.ndarray]:
    """The knapsack Lagrangian at the LP's duals, its best after :data:`STEPS` subgradient
    steps towards ``target``, that best multipliers' choice and its drops."""
    value = np.array([[instance.offset - c for c in row] for row in instance.cost], float)
    effort = [list(row) for row in instance.effort]
    capacity = list(instance.capacity)
    teams, projects = value.shape
    lp = pywraplp.Solver.CreateSolver("GLOP")
    x = [[lp.NumVar(0, 1, "") for _ in range(projects)] for _ in range(teams)]
    rows = [lp.Add(sum(x[k][j] for k in range(teams)) == 1) for j in range(projects)]
    for k in range(teams):
        lp.Add(sum(effort[k][j] * x[k][j] for j in range(projects)) <= capacity[k])
    lp.Maximize(sum(value[k, j] * x[k][j] for k in range(teams) for j in range(projects)))
    lp.Solve()
    u = np.array([row.dual_value() for row in rows])
    at_duals, _ = knapsack_lagrangian(value, effort, capacity, u)
    best, best_u, step = at_duals, u.copy(), 1.0
    for k in range(STEPS):
        bound, take = knapsack_lagrangian(value, effort, capacity, u)
        if bound < best:
            best, best_u = bound, u.copy()
        slope = 1 - take.sum(axis=0)
        if not slope.any():
            break
        u = u - step * (bound - target) / float(slope @ slope) * slope
        if k % 20 == 19:
            step /= 2
    best, take = knapsack_lagrangian(value, effort, capacity, best_u)
    out, into = knapsack_drops(value, effort, capacity, best_u)
    return at_duals, best, take, out, into


def knapsack_kept(
    bound: float, take: np.ndarray, out: np.ndarray, into: np.ndarray, incumbent: float
) -> int:
    """The pairs the knapsack Lagrangian does not fix to 0 at ``incumbent``."""
    gap = bound - incumbent + SAFE
    zero = (take == 0) & (into > gap)
    one = (take == 1) & (out > gap)
    settled = one.any(axis=0)
    return int((~zero & ~(settled[None, :] & ~one)).sum())


def main() -> None:
    args = small_gap_arguments(__doc__)
    best_known = json.loads(BEST_KNOWN.read_text())
    print(f"load {load_average()}")
    print(
        "| instance | LP bound | knapsack bound (at LP duals) | best known "
        "| warm start | HiGHS 4 s | kept by LP: warm, HiGHS, best "
        "| kept by knapsack: warm, HiGHS, best |"
    )
    print("|---|---|---|---|---|---|---|---|")
    searches = []
    for kind in args.kinds.split(","):
        for seed in parse_seeds(args.seeds):
            instance = gap_instance(kind, 10, 100, seed)
            problem = gap_to_problem(instance)
            pairs = eligible_pairs(problem)
            target = best_known[instance.name]
            bound, reduced = lp_reduced_costs(problem, pairs)
            at_duals, lagrange, take, out, into = lagrangian(instance, target)
            warm = warm_start(problem, time_limit_s=args.time_limit)
            highs = solve_mip(problem, time_limit_s=HIGHS_S, pairs=pairs, hint=warm.plan, seed=0)
            found = plan_objective(problem, highs.chosen)
            if warm.objective is None or found is None:
                print(f"| {instance.name} | no plan from the warm start or HiGHS |")
                continue
            incumbents = (warm.objective, found, target)
            lp_counts = [int(lp_kept(pairs, reduced, bound, v).sum()) for v in incumbents]
            knap_counts = [knapsack_kept(lagrange, take, out, into, v) for v in incumbents]
            print(
                f"| {instance.name} | {bound:.1f} | {lagrange:.1f} ({at_duals:.1f}) | {target:.0f} "
                f"| {incumbents[0]:.0f} | {incumbents[1]:.0f} "
                f"| {', '.join(map(str, lp_counts))} | {', '.join(map(str, knap_counts))} |",
                flush=True,
            )
            searches.append((instance, problem, pairs, bound, reduced, target, highs.chosen))
    print()
    print(
        "| instance | kept at best | HiGHS exact on them | CP-SAT (1 worker) on them "
        "| kept at HiGHS 4 s | HiGHS 5 s whole | HiGHS 5 s kept |"
    )
    print("|---|---|---|---|---|---|---|")
    for instance, problem, pairs, bound, reduced, target, chosen in searches:
        kept = _kept(pairs, lp_kept(pairs, reduced, bound, target))
        started = time.perf_counter()
        exact = solve_mip(problem, time_limit_s=args.time_limit, pairs=kept, exact=True, seed=0)
        exact_s = time.perf_counter() - started
        model = PlanningModel(problem, kept)
        solver = cp_solver()
        solver.parameters.max_time_in_seconds = args.time_limit
        solver.parameters.num_workers = 1
        started = time.perf_counter()
        status = solver.status_name(solver.solve(model.model))
        cp_s = time.perf_counter() - started
        incumbent = plan_objective(problem, chosen) or 0.0  # a plan: found above
        second = _kept(pairs, lp_kept(pairs, reduced, bound, incumbent))
        whole = solve_mip(problem, time_limit_s=SECOND_S, pairs=pairs, hint=chosen, seed=1)
        part = solve_mip(problem, time_limit_s=SECOND_S, pairs=second, hint=chosen, seed=1)
        print(
            f"| {instance.name} | {len(kept)} "
            f"| {plan_objective(problem, exact.chosen) if exact.chosen else '-'} "
            f"({exact.status.removeprefix('TERMINATION_REASON_').lower()}, {exact_s:.1f} s) "
            f"| {plan_objective(problem, model.chosen(solver))} ({status.lower()}, {cp_s:.1f} s) "
            f"| {len(second)} | {plan_objective(problem, whole.chosen)} "
            f"| {plan_objective(problem, part.chosen)} |",
            flush=True,
        )
    print(f"load {load_average()}")


if __name__ == "__main__":
    main()
