"""The LP with weeks' start in a process of its own (:class:`.week_lp.WeeksLpBeside`).

Run as ``python -m planner.optimizer.week_lp_worker``. It reads one pickled
``(problem, pairs, deadline, nice)`` on stdin (``deadline`` in ``time.time()``'s
seconds), lowers its priority by ``nice`` (19, the lowest: it takes only the CPU
nobody else wants, so the caller's search keeps its share of a busy machine), builds the rules
with the start columns, solves the LP by HiGHS's interior point in this process
and writes the pickled ``(bound, preference, starts)`` of
:func:`~planner.optimizer.week_lp.lp_start` on stdout, or ``None`` when HiGHS
did not reach the optimum by the deadline. Its parent kills it when it stops
waiting.
"""

from __future__ import annotations

import datetime
import os
import pickle
import signal
import sys
import time
from collections.abc import Callable

from ortools.math_opt import model_parameters_pb2, model_pb2, parameters_pb2
from ortools.math_opt.core.python import solver
from ortools.math_opt.python import callback, init_arguments, mathopt

from planner.optimizer.formulation import Formulation
from planner.optimizer.week_lp import lp_start, weeks_lp


def solve_here(
    model: bytes,
    params: parameters_pb2.SolveParametersProto,
    model_params: bytes,
    deadline: float,
    stopped: Callable[[], bool] | None = None,
) -> bytes | None:
    """HiGHS in this process (:func:`~planner.optimizer.highs_process.run_highs`'s
    arguments and answer), its time limit what is left to ``deadline``."""
    left = max(0.01, deadline - time.perf_counter())
    params.time_limit.FromTimedelta(datetime.timedelta(seconds=left))
    try:
        raw = solver.solve(
            model_pb2.ModelProto.FromString(model),
            mathopt.SolverType.HIGHS.value,
            init_arguments.StreamableSolverInitArguments().to_proto(),
            params,
            model_parameters_pb2.ModelSolveParametersProto.FromString(model_params),
            None,
            callback.CallbackRegistration().to_proto(),
            None,
            None,
        )
    except Exception:
        return None
    return bytes(raw.SerializeToString())


def main() -> None:
    # A Ctrl-C in the terminal reaches the whole process group: the parent decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    problem, pairs, deadline, nice = pickle.load(sys.stdin.buffer)
    if hasattr(os, "nice"):  # not on Windows: there it runs at its parent's priority
        os.nice(nice)
    rules = Formulation.of(problem, pairs, weeks=True)
    left = deadline - time.time()
    answer, values = weeks_lp(problem, rules, left, run=solve_here)
    out = None
    if answer.solved and answer.bound is not None:
        preference, starts = lp_start(problem, rules, values)
        out = (answer.bound, preference, starts)
    sys.stdout.buffer.write(pickle.dumps(out))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
