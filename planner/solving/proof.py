"""Proving a small quarter optimal: HiGHS beside CP-SAT, the plan chosen the same way each run.

A quarter under :data:`SMALL_PAIRS` pairs (10 teams x 50 projects has 85-135),
not planned in weeks, is proven optimal in one of two ways. CP-SAT with its full linear relaxation
(``linearization_level`` 2) proves most of them within a few hundredths of a
deterministic unit, some only after 0.4-1.0 units (S seeds 1, 2, 8, 10);
HiGHS on the same formulation (:mod:`planner.optimizer.mip`) proves those in
0.6-1.4 s. So on a machine with a core to spare HiGHS starts at once on one
core from the warm start (:class:`HighsProof`) while CP-SAT searches on the
other, and whichever way the proof comes, the plan is the one a sequential
run would give:

* CP-SAT proves its plan optimal within its work budget: that plan, HiGHS is
  stopped (CP-SAT ends on its work, not on the clock);
* otherwise, once HiGHS has proven its optimum (:func:`settle`): CP-SAT's
  plan when it is as good, HiGHS's when it is better (HiGHS on one thread
  ending on its proof is deterministic); without HiGHS's proof in time,
  CP-SAT's plan, unproven.

CP-SAT is never stopped because HiGHS finished first: its plan at the end of
its budget may differ from its plan at that moment, and the answer would then
depend on the machine's load.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence

from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.eligibility import Pair
from planner.optimizer.lns import NeighbourhoodResult
from planner.optimizer.mip import MipResult, solve_mip
from planner.optimizer.warm_start import plan_objective

#: Below this many pairs a quarter (not in weeks) is small: CP-SAT gets its full linear
#: relaxation and HiGHS proves what CP-SAT does not (no neighbourhood search). Measured on
#: generated 10 x 50 quarters, seeds 0-14: ``linearization_level`` 2 proved 13 of 15 in
#: less deterministic time than the default level (seed 1: 0.92 -> 0.39 units, seed 4:
#: 0.59 -> 0.14, seed 10: not in 3 units -> 0.84); seeds 7 and 8 took longer (0.02 ->
#: 0.03, 0.44 -> 0.80). Larger models (M, L, GAP) keep the default, and so do quarters in
#: weeks: the sample is proven in 0.06 units either way, and with level 2 a what-if's free
#: plan landed on other ties, from which the fewest-changes stage moved one project more
#: on 3 of 6 sales what-ifs (-20 % to +10 %: 4, 5 and 8 changes against 3, 4 and 7).
SMALL_PAIRS = 500
#: CP-SAT's work on a small quarter with HiGHS proving beside it: at about 2 s a unit on
#: this 2-core machine, about what HiGHS takes on the hard ones, so neither waits long.
SEARCH_WORK = 0.5
#: CP-SAT's work on a small quarter when HiGHS can only run after it (one core).
SEARCH_WORK_ALONE = 0.1
#: A proof with less time than this left is not started.
MIN_PROOF_S = 0.05
#: HiGHS starts beside CP-SAT once CP-SAT has searched this long without a proof: most
#: small quarters are proven in 0.01-0.08 units (0.05-0.15 s), where HiGHS would only
#: take the other core for nothing.
START_AFTER_S = 0.15


def is_small(planning: PlanningModel) -> bool:
    """Whether ``planning`` is a small quarter's model (see :data:`SMALL_PAIRS`)."""
    return planning.num_pairs < SMALL_PAIRS


def spare_core(workers: int) -> bool:
    """Whether HiGHS can run beside CP-SAT: one CP-SAT worker (0 or 1) and two cores or more.

    ``workers`` 1 is a leader's "one core": HiGHS then runs after CP-SAT.
    """
    return workers == 0 and (os.cpu_count() or 1) >= 2


class HighsProof:
    """HiGHS on its own thread, proving the optimum with no gap tolerance, from ``hint``.

    It starts after ``delay`` seconds unless :meth:`drop` comes first, so that
    the quarters CP-SAT proves at once never start it; :meth:`result` starts it
    at once if it has not started and waits for it. HiGHS releases the GIL
    while it runs; it ends at ``deadline`` (a ``perf_counter`` time) at the latest.

    A dropped HiGHS that has started runs on to its end in the background:
    OR-Tools 9.15's MathOpt does not pass a ``SolveInterrupter`` or a
    callback on to HiGHS (measured: interrupted after 0.3 s, S seed 2 ran
    its whole 1.9 s), so it cannot be stopped. :data:`START_AFTER_S` keeps
    that to the quarters CP-SAT needs tenths of a second for.
    """

    def __init__(
        self,
        problem: Problem,
        pairs: tuple[Pair, ...],
        hint: Sequence[Pair] | None,
        deadline: float,
        delay: float = 0.0,
    ) -> None:
        self._go = threading.Event()
        self._dropped = False
        self._lock = threading.Lock()
        self._result: MipResult | None = None

        def run() -> None:
            self._go.wait(delay)
            with self._lock:
                if self._dropped:
                    return
            seconds = deadline - time.perf_counter()
            if seconds > MIN_PROOF_S:
                self._result = solve_mip(
                    problem, time_limit_s=seconds, pairs=pairs, hint=hint, exact=True
                )

        self._thread = threading.Thread(target=run, name="highs-proof", daemon=True)
        self._thread.start()

    def drop(self) -> None:
        """No proof wanted: HiGHS does not start (one that has started ends on its own)."""
        with self._lock:
            self._dropped = True
        self._go.set()

    def result(self) -> MipResult | None:
        """HiGHS's result (started now if it had not), once it has ended; ``None``: none."""
        self._go.set()
        self._thread.join()
        return self._result


def prove_after(
    problem: Problem, planning: PlanningModel, solver: cp_model.CpSolver, seconds: float
) -> NeighbourhoodResult | None:
    """HiGHS after CP-SAT (one core), from CP-SAT's plan, for at most ``seconds``."""
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
    "MIN_PROOF_S",
    "SEARCH_WORK",
    "SEARCH_WORK_ALONE",
    "SMALL_PAIRS",
    "START_AFTER_S",
    "HighsProof",
    "is_small",
    "prove_after",
    "settle",
    "spare_core",
]
