"""Proving a small quarter optimal: CP-SAT with its full relaxation, goal cuts, then HiGHS.

A quarter under :data:`SMALL_PAIRS` pairs (10 teams x 50 projects has 85-135),
not planned in weeks, has no neighbourhood search. CP-SAT with its full
linear relaxation (``linearization_level`` 2) searches it for
:data:`SEARCH_WORK` units and proves most such quarters optimal in that time.
When it does not, the LP relaxation is weak where the goals' caps are
(bench/results.md, "Why S needs a proof"): :func:`search_with_cuts` adds the
goal cuts of :mod:`planner.optimizer.envelope` and lets CP-SAT go on from its
plan for :data:`CUT_WORK` units; when that does not prove it either, HiGHS on
the same formulation (:mod:`planner.optimizer.mip`,
one thread, no gap tolerance, from CP-SAT's plan) runs to its proof within
the time left (:func:`prove_after`), and :func:`settle` keeps CP-SAT's plan
when it is as good, HiGHS's when it is better. CP-SAT ends on its work and
HiGHS on one thread on its proof, so the same inputs give the same plan.

HiGHS beside CP-SAT from the start (on the second core) was measured and left
out: OR-Tools 9.15's MathOpt passes neither a ``SolveInterrupter`` nor a
callback on to HiGHS (interrupted after 0.3 s, S seed 2 ran its whole 1.9 s),
so a HiGHS that CP-SAT's proof made useless ran on in the background; and at
the bench's usual load (7-8 on 2 cores) the two searches shared one core's
worth: S seeds 1 and 2 took 1.1 and 1.7 s of CPU against 0.85 and 1.5 s run
one after the other.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.envelope import PROOF_ROUNDS, add_cuts, separate
from planner.optimizer.lns import NeighbourhoodResult
from planner.optimizer.mip import MipResult, solve_mip
from planner.optimizer.warm_start import plan_objective

#: Below this many pairs a quarter (not in weeks) is small: CP-SAT gets its full linear
#: relaxation and HiGHS proves what CP-SAT does not (no neighbourhood search). Measured on
#: generated 10 x 50 quarters, seeds 0-14, from the solve's warm start: level 2 proved 13
#: of 15 in less deterministic time than the default level, and 10 of 15 within
#: :data:`SEARCH_WORK` against 6 (seeds 11-14: 0.11-0.21 units -> 0.065-0.081); seed 4
#: 0.59 -> 0.14-0.2, seed 1 0.92 -> 0.39, seed 10 over 3 -> 0.84; seeds 7 and 8 took longer
#: (0.02 -> 0.03, 0.44 -> 0.80). Larger models (M, L, GAP) keep the default, and so do
#: quarters in weeks: the sample is proven in 0.06 units either way, and with level 2 a
#: what-if's free plan landed on other ties, from which the fewest-changes stage moved one
#: project more on 3 of 6 sales what-ifs (-20 % to +10 %: 4, 5 and 8 changes against 3, 4
#: and 7).
SMALL_PAIRS = 500
#: CP-SAT's work on a small quarter before HiGHS takes over. Proofs that take longer take
#: 0.39-0.96 units (S seeds 1, 2, 4, 8, 10), where HiGHS needs 0.6-1.7 s: 0.25 units let
#: CP-SAT prove seed 4 (0.30 s of CPU against 0.65 s with HiGHS) but cost seeds 1 and 2
#: 0.2 s of CPU each before the same HiGHS proof (load 7-8).
SEARCH_WORK = 0.1
#: CP-SAT's work after the goal cuts, before HiGHS takes over. With the cuts the hard S
#: seeds (1, 2, 4, 8, 10) take 0.15-0.64 units (0.26-1.42 without): end to end, CPU seconds,
#: seeds 0-14 at load 13, 0.8 units took mean 0.36 s, worst 1.16 s against 0.45 s / 1.44 s
#: without the cuts (HiGHS proving after 0.1 units), every objective the same.
CUT_WORK = 0.7
#: A proof with less time than this left is not started.
MIN_PROOF_S = 0.05


def is_small(planning: PlanningModel) -> bool:
    """Whether ``planning`` is a small quarter's model (see :data:`SMALL_PAIRS`)."""
    return planning.num_pairs < SMALL_PAIRS


def search_with_cuts(
    planning: PlanningModel,
    solver: cp_model.CpSolver,
    callback: cp_model.CpSolverSolutionCallback,
    work: float,
    deadline: float,
) -> cp_model.CpSolverStatus | None:
    """CP-SAT again, from its plan, with the goal cuts added, for at most ``work`` units.

    Returns its status; ``None`` when there is nothing to add (no cut, no work or
    no time left) and the search was not run. The cuts hold for every plan, so
    the model keeps its plans and its optimum (:mod:`planner.optimizer.envelope`).
    """
    work = min(work, CUT_WORK)
    if work <= 0 or deadline - time.perf_counter() <= MIN_PROOF_S:
        return None
    cuts = separate(planning, PROOF_ROUNDS, packing=False)
    if not cuts:
        return None
    add_cuts(planning, cuts)
    planning.add_hints(planning.chosen(solver))
    params = solver.parameters
    params.max_deterministic_time = work
    params.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    return solver.solve(planning.model, callback)


def prove_after(
    problem: Problem, planning: PlanningModel, solver: cp_model.CpSolver, seconds: float
) -> NeighbourhoodResult | None:
    """HiGHS from CP-SAT's plan for at most ``seconds``; ``None`` without a proof in time."""
    if seconds <= MIN_PROOF_S:
        return None
    mip = solve_mip(
        problem,
        time_limit_s=seconds,
        pairs=planning.variables.pairs,
        hint=planning.chosen(solver),
        exact=True,
    )
    return settle(problem, planning, solver, mip)


def settle(
    problem: Problem,
    planning: PlanningModel,
    solver: cp_model.CpSolver,
    mip: MipResult | None,
) -> NeighbourhoodResult | None:
    """CP-SAT's plan proven by HiGHS, or HiGHS's better plan; ``None`` without a proof.

    CP-SAT's plan is kept when it is as good as HiGHS's optimum (HiGHS may
    pick another plan of the same objective); objectives are the checker's.
    """
    if mip is None or mip.status != "TERMINATION_REASON_OPTIMAL" or not mip.chosen:
        return None
    chosen = planning.chosen(solver)
    ours = plan_objective(problem, chosen)
    best = plan_objective(problem, mip.chosen)
    if ours is None or best is None:
        return None
    if best <= ours + 1e-9 * max(1.0, abs(ours)):
        return NeighbourhoodResult(chosen, round(solver.objective_value), False, 0, 0.0, True)
    objective = round(best * planning.objective_scale)
    return NeighbourhoodResult(mip.chosen, objective, True, 0, 0.0, proven=True)


__all__ = [
    "CUT_WORK",
    "MIN_PROOF_S",
    "SEARCH_WORK",
    "SMALL_PAIRS",
    "is_small",
    "prove_after",
    "search_with_cuts",
    "settle",
]
