"""Proving a small quarter optimal: goal and team cuts, CP-SAT's full relaxation, then HiGHS.

A quarter under :data:`SMALL_PAIRS` pairs (10 teams x 50 projects has 85-160),
not planned in weeks, has no neighbourhood search. Its LP relaxation is weak
where the goals' caps and the teams' hours are (bench/results.md, "Why S needs a
proof"), so :func:`prepare_proof` first adds the goal and packing cuts of
:mod:`planner.optimizer.envelope` (valid for every plan), and CP-SAT with its
full linear relaxation (``linearization_level`` 2) searches the model for
:data:`PROOF_WORK` units from the warm start. When that does not prove it,
HiGHS on the same formulation (:mod:`planner.optimizer.mip`, one thread, no
gap tolerance, from CP-SAT's plan) runs to its proof within the time left
(:func:`prove_after`), and :func:`settle` keeps CP-SAT's plan when it is as
good, HiGHS's when it is better. The cuts are separated in a fixed number of
rounds, CP-SAT ends on its work and HiGHS on one thread on its proof, so the
same inputs give the same plan.

HiGHS beside CP-SAT from the start (on the second core) was measured and left
out: OR-Tools 9.15's MathOpt passes neither a ``SolveInterrupter`` nor a
callback on to HiGHS (interrupted after 0.3 s, S seed 2 ran its whole 1.9 s),
so a HiGHS that CP-SAT's proof made useless ran on in the background (HiGHS
now runs in a worker process that a stop kills, :mod:`planner.optimizer.highs_process`,
but that was measured before); and at
the bench's usual load (7-8 on 2 cores) the two searches shared one core's
worth: S seeds 1 and 2 took 1.1 and 1.7 s of CPU against 0.85 and 1.5 s run
one after the other.
"""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.envelope import PROOF_ROUNDS, add_cuts, separate
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.lns import NeighbourhoodResult
from planner.optimizer.mip import MipResult, solve_mip

#: Below this many pairs a quarter (not in weeks) is small: CP-SAT gets its full linear
#: relaxation and HiGHS proves what CP-SAT does not (no neighbourhood search). Measured on
#: generated 10 x 50 quarters, seeds 0-14, from the solve's warm start: level 2 proved 13
#: of 15 in less deterministic time than the default level, and 10 of 15 within 0.1 units
#: against 6 (seeds 11-14: 0.11-0.21 units -> 0.065-0.081), without cuts; seed 4
#: 0.59 -> 0.14-0.2, seed 1 0.92 -> 0.39, seed 10 over 3 -> 0.84; seeds 7 and 8 took longer
#: (0.02 -> 0.03, 0.44 -> 0.80). Larger models (M, L, GAP) keep the default, and so do
#: quarters in weeks: the sample is proven in 0.06 units either way, and with level 2 a
#: what-if's free plan landed on other ties, from which the fewest-changes stage moved one
#: project more on 3 of 6 sales what-ifs (-20 % to +10 %: 4, 5 and 8 changes against 3, 4
#: and 7).
SMALL_PAIRS = 500
#: CP-SAT's work on a small quarter, with the cuts, before HiGHS takes over. With the goal
#: and packing cuts the hard S seeds (1, 2, 4, 8, 10 and 11 of seeds 15-39) take 0.01-0.4
#: units from the warm start; before, they took 0.1 units without cuts and then 0.15-0.64
#: with the goal cuts alone.
PROOF_WORK = 0.8
#: A proof with less time than this left is not started.
MIN_PROOF_S = 0.05
#: CP-SAT's own cut generation during a small quarter's proof (its ``cut_level``; CP-SAT's
#: default is 1). The goal and packing cuts already close what its generic cuts would:
#: measured on generated 10 x 50 quarters, seeds 0-39, from the solve's warm start with the
#: cuts in the model, level 0 proves all 40 in 0.83 deterministic units in all against 1.56
#: (seed 2 0.20 -> 0.13, seed 24 0.24 -> 0.09, the worst 0.24 -> 0.13), and CP-SAT's CPU in
#: all 1.95-2.0 s against 3.6-3.9 s in the same window (load 13); the same optima.
CUT_LEVEL = 0


def is_small(planning: PlanningModel) -> bool:
    """Whether ``planning`` is a small quarter's model (see :data:`SMALL_PAIRS`)."""
    return planning.num_pairs < SMALL_PAIRS


def prepare_proof(
    planning: PlanningModel, solver: cp_model.CpSolver, work: float, deadline: float
) -> int:
    """Set ``solver`` up for a small quarter's proof and add the cuts; how many were added.

    CP-SAT gets its full linear relaxation, none of its own cuts
    (:data:`CUT_LEVEL`) and at most :data:`PROOF_WORK` of ``work``; the goal
    and packing cuts are added to ``planning``'s model unless less than
    :data:`MIN_PROOF_S` is left before ``deadline`` (``perf_counter`` time),
    and the solver's clock is set to that deadline. The cuts hold for
    every plan, so the model keeps its plans and its optimum
    (:mod:`planner.optimizer.envelope`).
    """
    params = solver.parameters
    params.linearization_level = 2
    params.cut_level = CUT_LEVEL
    params.max_deterministic_time = min(work, PROOF_WORK)
    if deadline - time.perf_counter() <= MIN_PROOF_S:
        return 0
    cuts = separate(planning, PROOF_ROUNDS, deadline=deadline - MIN_PROOF_S)
    add_cuts(planning, cuts)
    params.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
    return len(cuts)


def prove_after(
    problem: Problem,
    planning: PlanningModel,
    solver: cp_model.CpSolver,
    seconds: float,
    cancel: threading.Event | None = None,
) -> NeighbourhoodResult | None:
    """HiGHS from CP-SAT's plan for at most ``seconds``; ``None`` without a proof in time.

    ``cancel`` (the leader's Stop) ends HiGHS at once, without a proof.
    """
    if seconds <= MIN_PROOF_S:
        return None
    mip = solve_mip(
        problem,
        time_limit_s=seconds,
        pairs=planning.variables.pairs,
        hint=planning.chosen(solver),
        exact=True,
        stopped=None if cancel is None else cancel.is_set,
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
    "CUT_LEVEL",
    "MIN_PROOF_S",
    "PROOF_WORK",
    "SMALL_PAIRS",
    "is_small",
    "prepare_proof",
    "prove_after",
    "settle",
]
