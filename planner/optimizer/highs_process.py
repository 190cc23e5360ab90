"""HiGHS in a worker process, so that a stop ends it at once.

OR-Tools 9.15's MathOpt passes no interrupt on to HiGHS: a ``SolveInterrupter``
set after 0.5 s left a 6 s run to its limit, so the app's Stop did not stop a
pure assignment's HiGHS, nor a small quarter's proof, and the CPU stayed busy.
Here HiGHS runs in a worker process (:mod:`planner.optimizer.highs_worker`,
OR-Tools alone) and a stop kills it. A worker serves one solve at a time and
is kept for the next, so only the first HiGHS of a process pays its start
(the OR-Tools import: 0.3-0.4 s quiet, up to 2 s at load 10 on 2 cores); a
killed worker is not reused. Workers end when this process does (their stdin
closes; idle ones are also killed at exit), and one solving for a parent that
died ends at its time limit.
"""

from __future__ import annotations

import atexit
import datetime
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ortools.math_opt import parameters_pb2

#: The worker script, run by path: it imports OR-Tools only, not ``planner``.
WORKER = Path(__file__).with_name("highs_worker.py")
#: How often a wait for HiGHS looks at the stop.
POLL_S = 0.02
#: A worker not answering this long after its time limit is killed (HiGHS honours its
#: limit; this bounds a hung one).
GRACE_S = 1.0

_REQUEST = struct.Struct("<3Q")
_ANSWER = struct.Struct("<Q")


class _Worker:
    """One worker process and the pipes to it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.ready = False  # it says so (one byte) once OR-Tools is imported

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()

    def _receive(self, until: float, stopped: Callable[[], bool], ready: bool) -> bytes | None:
        """The next answer (or the ready byte), waiting until ``until`` at most; ``None`` when
        stopped, late or failed, the worker then killed."""
        assert self.process.stdout is not None
        stdout = self.process.stdout
        answer: list[bytes | None] = [None]

        def read() -> None:
            if ready:
                answer[0] = stdout.read(1) or None
                return
            head = stdout.read(_ANSWER.size)
            if len(head) == _ANSWER.size:
                (size,) = _ANSWER.unpack(head)
                body = stdout.read(size)
                answer[0] = body if len(body) == size and size else None

        reader = threading.Thread(target=read, name="highs-answer", daemon=True)
        reader.start()
        while reader.is_alive():
            if stopped() or time.perf_counter() > until:
                self.kill()  # the pipe closes: the reader ends
                reader.join()
                return None
            reader.join(POLL_S)
        if answer[0] is None:
            self.kill()
        return answer[0]

    def ask(
        self,
        model: bytes,
        params: parameters_pb2.SolveParametersProto,
        model_params: bytes,
        deadline: float,
        stopped: Callable[[], bool],
    ) -> bytes | None:
        """HiGHS's answer to one model, with the time left to ``deadline`` as its limit."""
        if not self.ready:
            self.ready = self._receive(deadline, stopped, ready=True) is not None
            if not self.ready:
                return None
        left = max(0.01, deadline - time.perf_counter())
        params.time_limit.FromTimedelta(datetime.timedelta(seconds=left))
        parts = (model, params.SerializeToString(), model_params)
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(_REQUEST.pack(*(len(p) for p in parts)) + b"".join(parts))
            self.process.stdin.flush()
        except OSError:
            self.kill()
            return None
        return self._receive(time.perf_counter() + left + GRACE_S, stopped, ready=False)


class _Pool:
    """Idle workers, one taken per HiGHS solve and given back when it answered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []

    def take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
        return _Worker()

    def give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def prewarm(self, count: int) -> None:
        """Start workers until ``count`` are idle (their start runs beside the caller)."""
        with self._lock:
            self._idle = [worker for worker in self._idle if worker.alive()]
            self._idle += [_Worker() for _ in range(count - len(self._idle))]

    def close(self) -> None:
        """Kill the idle workers (at exit; a worker in use is killed by its caller)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOL = _Pool()
atexit.register(_POOL.close)


def run_highs(
    model: bytes,
    params: parameters_pb2.SolveParametersProto,
    model_params: bytes,
    deadline: float,
    stopped: Callable[[], bool] | None = None,
) -> bytes | None:
    """HiGHS's ``SolveResultProto`` (serialized) for a MathOpt model, in a worker process.

    HiGHS's time limit is what is left to ``deadline`` (``perf_counter`` time)
    once a worker is ready (a new one counts its start against it); the worker
    is killed :data:`GRACE_S` after that limit, or as soon as ``stopped``
    (polled every :data:`POLL_S`) returns true. ``None``: stopped, or no answer.
    """
    worker = _POOL.take()
    answer = worker.ask(model, params, model_params, deadline, stopped or (lambda: False))
    if answer is not None and worker.alive():
        _POOL.give_back(worker)
    else:
        worker.kill()
    return answer


def prewarm(count: int = 1) -> None:
    """Start ``count`` workers now, unless they are idle already, for HiGHS solves to come.

    A worker's start (the OR-Tools import) then runs on a spare core while the
    caller prepares the model, instead of out of HiGHS's time limit: a solve
    that will run HiGHS beside CP-SAT calls it before its warm start.
    """
    _POOL.prewarm(count)


def close_workers() -> None:
    """Kill every idle worker now (tests; the process's exit does it too)."""
    _POOL.close()


__all__ = ["GRACE_S", "POLL_S", "WORKER", "close_workers", "prewarm", "run_highs"]
