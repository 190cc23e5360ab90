"""The LP with the quarter's weeks (rules 10-12) at middle size, by HiGHS's interior point.

GLOP takes 30-120 s on the LP with the start columns of a 40 x 500 quarter in
weeks (31,000 columns), so the warm start there solved the LP without them
(0.25 s) for its bound alone: its rounding ignores the weeks and packs them
badly. HiGHS's interior point, without presolve and without crossover, solves
the same LP to its optimum in 2.6-3.6 s of CPU (M seeds 0-4; bench/results.md
"The LP with weeks by HiGHS's interior point"), and the LP's own choice, each
pair it gives at least half of a project at the start week it gives most,
is then a start for the greedy: 1.84 % higher after the same search on the
mean of M seeds 0-4, no seed lower. Without presolve, because HiGHS's postsolve
of an interior solution left its duals infeasible and the solve without a status.

:class:`WeeksLpBeside` runs it beside the warm start's own search, in a worker
process at the lowest priority (on a spare core), so that a stop ends it and a
slow HiGHS leaves that search as it was.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from ortools.math_opt import model_parameters_pb2, parameters_pb2, result_pb2

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.formulation import Formulation
from planner.optimizer.highs_process import POLL_S, run_highs
from planner.optimizer.lp_bound import LpBound, LpRelaxation, LpStatus
from planner.optimizer.mip import matrix_model

#: A pair the LP gives at least this much of its project is the start's.
CLAIM = 0.5


def weeks_lp(
    problem: Problem,
    formulation: Formulation,
    time_limit_s: float,
    stopped: Callable[[], bool] | None = None,
    run: Callable[..., bytes | None] = run_highs,
) -> tuple[LpBound, np.ndarray]:
    """The LP over ``formulation`` (with its start columns) by HiGHS's interior point, and
    every column's value (empty when it did not finish within ``time_limit_s`` or stopped).

    The bound is the Lagrangian bound of HiGHS's duals (safe against its tolerances).
    ``run`` solves the model (:func:`~planner.optimizer.highs_process.run_highs`'s
    arguments and answer): by default in a HiGHS worker process.
    """
    started = time.perf_counter()
    pairs = formulation.pairs
    relaxation = LpRelaxation(problem, pairs, formulation)
    lp = relaxation.build()
    if relaxation.infeasible:
        return LpBound(LpStatus.INFEASIBLE, None, time.perf_counter() - started, pairs), np.zeros(0)
    matrix = lp.freeze()
    params = parameters_pb2.SolveParametersProto()
    params.lp_algorithm = parameters_pb2.LP_ALGORITHM_BARRIER
    params.presolve = parameters_pb2.EMPHASIS_OFF
    params.highs.string_options["run_crossover"] = "off"
    raw = run(
        matrix_model(matrix, np.zeros(len(matrix.cost), dtype=bool)).SerializeToString(),
        params,
        model_parameters_pb2.ModelSolveParametersProto().SerializeToString(),
        started + time_limit_s,
        stopped,
    )
    unknown = LpBound(LpStatus.UNKNOWN, None, time.perf_counter() - started, pairs), np.zeros(0)
    if raw is None:
        return unknown
    result = result_pb2.SolveResultProto.FromString(raw)
    if result.termination.reason != result_pb2.TERMINATION_REASON_OPTIMAL or not result.solutions:
        return unknown
    solution = result.solutions[0]
    y = np.zeros(len(matrix.row_lower))
    dual = solution.dual_solution.dual_values
    y[np.asarray(dual.ids, dtype=np.int64)] = np.asarray(dual.values, dtype=np.float64)
    x = np.zeros(len(matrix.cost))
    primal = solution.primal_solution.variable_values
    x[np.asarray(primal.ids, dtype=np.int64)] = np.asarray(primal.values, dtype=np.float64)
    x = np.clip(np.nan_to_num(x), matrix.lower, matrix.upper)
    bound = min(matrix.lagrangian_bound(y), matrix.lagrangian_bound(-y))
    seconds = time.perf_counter() - started
    return LpBound(LpStatus.OPTIMAL, bound, seconds, pairs, np.clip(x[: len(pairs)], 0, 1)), x


def lp_start(
    problem: Problem, formulation: Formulation, values: np.ndarray
) -> tuple[list[float], dict[str, int]]:
    """The LP's own choice as the greedy's preference (1 for a pair it keeps, else 0) and
    start weeks: each pair given at least :data:`CLAIM` of its project, at the start week
    of its largest start column; of two such pairs, the one given more (the first on a
    tie); a joint project only when both its sides are given at one start week.
    """
    assert formulation.starts is not None
    pairs: tuple[Pair, ...] = formulation.pairs
    claims: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for row, pair in enumerate(pairs):
        if values[row] < CLAIM:
            continue
        columns: Mapping[int, int] = formulation.starts.starts.get(row, {})
        start = max(columns, key=lambda w: (values[columns[w]], -w)) if columns else None
        claims[pair.project_id].append((row, start))
    preference = [0.0] * len(pairs)
    starts: dict[str, int] = {}
    for project_id, claimed in claims.items():
        if problem.project(project_id).joint:
            weeks = {start for _, start in claimed}
            if len(claimed) == 2 and len(weeks) == 1 and None not in weeks:
                for row, _ in claimed:
                    preference[row] = 1.0
                week = weeks.pop()
                assert week is not None
                starts[project_id] = week
            continue
        row, start = max(claimed, key=lambda c: (values[c[0]], -c[0]))
        preference[row] = 1.0
        if start is not None:
            starts[project_id] = start
    return preference, starts


@dataclass(frozen=True)
class LpStart:
    """The LP with weeks' answer as a start: its bound and its own choice
    (:func:`lp_start`): the greedy's preference and the projects' start weeks."""

    bound: float
    preference: list[float]
    starts: dict[str, int]


def worker_command() -> list[str]:
    """The worker's command line (:mod:`planner.optimizer.week_lp_worker`)."""
    return [sys.executable, "-m", "planner.optimizer.week_lp_worker"]


class WeeksLpBeside:
    """:func:`weeks_lp` and :func:`lp_start` in a process of their own, beside the caller.

    The worker (:mod:`planner.optimizer.week_lp_worker`) builds the rules with the
    start columns and runs HiGHS at the lowest priority, so it takes only the time
    a core has spare: on a busy machine the caller's own search keeps its share
    and HiGHS does not answer in time. It starts at once; :meth:`result` waits for
    the answer until a given time, :meth:`stop` kills the worker (within a few
    hundredths of a second). HiGHS's own time limit is ``deadline``.
    """

    #: The worker's niceness (19: the lowest priority, what a core has spare; 0: a fair share).
    nice = 19

    def __init__(self, problem: Problem, pairs: tuple[Pair, ...], deadline: float) -> None:
        self.deadline = deadline
        self._answer: LpStart | None = None
        root = str(Path(__file__).resolve().parents[2])  # the worker imports ``planner``
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        # The deadline in wall-clock time: ``perf_counter`` is not shared between processes.
        seconds = deadline - time.perf_counter()
        payload = pickle.dumps((problem, pairs, time.time() + seconds, self.nice))
        process = self._process

        def talk() -> None:
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(payload)
                process.stdin.close()
                data = process.stdout.read()
                answer = pickle.loads(data) if data else None
            except (OSError, ValueError, pickle.UnpicklingError, EOFError):
                return  # killed, or no answer
            if isinstance(answer, tuple) and len(answer) == 3:
                self._answer = LpStart(*answer)

        self._thread = threading.Thread(target=talk, name="weeks-lp-beside", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Kill the worker now, if it still runs."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def running(self) -> bool:
        """Whether the worker is still at work."""
        return self._process.poll() is None

    def result(self, until: float, stopped: Callable[[], bool] | None = None) -> LpStart | None:
        """The answer, waiting for it until ``until`` (a ``perf_counter`` time) at most, or
        until ``stopped`` (polled every :data:`POLL_S`) returns true; ``None`` when it is not
        there by then (the worker is then killed), or failed."""
        while self._thread.is_alive() and not (stopped is not None and stopped()):
            left = until - time.perf_counter()
            if left <= 0:
                break
            self._thread.join(min(POLL_S, left))
        if self._thread.is_alive():
            self.stop()
            self._thread.join()
            return None
        self.stop()
        return self._answer


__all__ = ["CLAIM", "LpStart", "WeeksLpBeside", "lp_start", "weeks_lp", "worker_command"]
