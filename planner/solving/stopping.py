"""Stopping a solve: the search stopped between two plans, the model built aside, and the
best plan handed back at once when the leader stops.

A stop must hand back the best plan so far within half a second at company
scale (150 teams x 3,000 projects), where CP-SAT can take as long to notice
``stop_search`` during its presolve and the model takes seconds to build. The
solve's steps therefore run on a helper thread (:func:`answer`) while the
caller watches the cancel flag: a plan that is translated and shown already
is handed back at once, and the helper winds down on its own.
"""

from __future__ import annotations

import atexit
import concurrent.futures.thread  # noqa: F401  (the pools' exit hook, registered first)
import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from ortools.sat.python import cp_model

from planner.core.domain import Problem, Result
from planner.optimizer.cpsat import PlanningModel, cp_solver
from planner.optimizer.warm_start import WarmStart

log = logging.getLogger(__name__)

#: How often a running search looks at the cancel flag (besides at each new plan).
_CANCEL_POLL_S = 0.05
#: How often :func:`answer` looks at the cancel flag: a stop's answer waits for it.
_STOP_POLL_S = 0.01
#: A cancelled search with no plan yet gets this long to find its first one.
_CANCEL_GRACE_S = 0.5


#: The cancel flags of solves under way on worker threads, set as the process ends.
_AT_EXIT: weakref.WeakSet[threading.Event] = weakref.WeakSet()


def stop_at_exit(cancel: threading.Event) -> threading.Event:
    """``cancel``, set when the process ends (Ctrl-C on the app's server), then returned.

    A solve on a worker thread otherwise ran on to its time limit after the server had
    stopped: Python waits for worker threads (a thread pool's are joined at exit,
    daemon or not), so Ctrl-C waited up to the limit for a page nobody would see.
    Stopped, a solve winds down within a moment, as after the leader's Stop.
    """
    _AT_EXIT.add(cancel)
    return cancel


def _stop_solves() -> None:
    for cancel in list(_AT_EXIT):
        cancel.set()


# Python's exit runs threading's hooks before it joins threads (atexit's only after), the
# last registered first: registered after the thread pools' own hook (imported above),
# this one runs before the pools wait for their workers. The hook is CPython's, not public
# (3.9 on): without it the solves are stopped at atexit, once the threads have ended.
getattr(threading, "_register_atexit", atexit.register)(_stop_solves)


def seeded_solver(problem: Problem) -> cp_model.CpSolver:
    """CP-SAT with the settings' workers and seed (one worker: the same answer twice), its
    log sent to the debug log."""
    solver = cp_solver()
    params = solver.parameters
    workers = problem.settings.solve.workers
    params.num_workers = max(1, workers)
    params.random_seed = problem.settings.solve.seed
    params.interleave_search = workers > 1
    params.log_search_progress = log.isEnabledFor(logging.DEBUG)
    params.log_to_stdout = False
    solver.log_callback = log.debug
    return solver


class _Counted(Protocol):
    """A solution callback that counts the plans found (the warm start's included)."""

    offset: int

    @property
    def num_solutions(self) -> int: ...


def answer(
    steps: Callable[[], Result],
    cancel: threading.Event | None,
    at_stop: Callable[[], Result | None],
    without_plan: Callable[[], Result | None] | None = None,
) -> Result:
    """``steps()``'s result; after a stop, ``at_stop()``'s plan as soon as it has one.

    Without ``cancel`` the steps run in the caller's thread. With it they run
    on a helper thread; once ``cancel`` is set, the first plan ``at_stop``
    offers (the best plan already shown, when the search has found nothing
    better) is the answer, and the helper finishes on its own (it stops
    within a moment: every step watches the same flag). When no plan has been found
    :data:`_CANCEL_GRACE_S` after the stop, ``without_plan()`` (``None`` once one has)
    is the answer: the warm start (the LP, the greedy plan) does not watch the flag,
    and a stop before it had a plan waited for it, 9-16 s at 300 x 10,000 in weeks.
    """
    if cancel is None:
        return steps()
    out: list[Result | BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            out.append(steps())
        except BaseException as exc:  # handed to the caller below
            out.append(exc)
        finally:
            done.set()

    # Not a daemon: a process that ends right after a stop waits the moment it takes the
    # steps to wind down, rather than pulling CP-SAT's threads from under it (an abort).
    # Said outright: a thread started from a daemon (a sweep's pool made on one) is a
    # daemon unless told otherwise.
    threading.Thread(target=run, name="solve-steps", daemon=False).start()
    stopped_at: float | None = None
    while not done.wait(_STOP_POLL_S):
        if cancel.is_set():
            kept = at_stop()
            if kept is not None:
                return kept
            now = time.perf_counter()
            stopped_at = now if stopped_at is None else stopped_at
            if without_plan is not None and now - stopped_at >= _CANCEL_GRACE_S:
                none = without_plan()
                if none is not None:
                    return none
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


@contextmanager
def stop_when_cancelled(
    solver: cp_model.CpSolver, callback: _Counted, cancel: threading.Event | None
) -> Iterator[None]:
    """Stop the search soon after ``cancel`` is set, even between two plans.

    The solution callback stops the search at the next plan, which on a hard
    instance may be long in coming. This watcher stops it at once when there
    is a plan to return, and after :data:`_CANCEL_GRACE_S` even when there is
    none yet (the warm start usually gives the first plan within
    milliseconds). ``stop_search`` is safe from any thread.
    """
    if cancel is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        cancelled_at: float | None = None
        while not done.wait(_CANCEL_POLL_S):
            if not cancel.is_set():
                continue
            now = time.perf_counter()
            cancelled_at = now if cancelled_at is None else cancelled_at
            has_plan = callback.num_solutions + callback.offset > 0
            if has_plan or now - cancelled_at >= _CANCEL_GRACE_S:
                # Repeated: a stop that lands before the search has started is lost.
                solver.stop_search()

    watcher = threading.Thread(target=watch, name="solve-cancel", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def build_model(
    warm: WarmStart, problem: Problem, give_up: Callable[[], bool] | None
) -> PlanningModel | None:
    """The CP-SAT model hinted with the warm start; ``None`` when ``give_up()`` says so first."""

    def build() -> PlanningModel:
        planning = PlanningModel(problem, warm.pairs, formulation=warm.formulation)
        planning.add_hints(warm.plan, warm.starts)
        return planning

    if give_up is None:
        return build()
    built: list[PlanningModel] = []
    done = threading.Event()

    def run() -> None:
        try:
            built.append(build())
        finally:
            done.set()

    # Not a daemon, as the solve's steps in :func:`answer`: a process that ends while a
    # model is built aside (a stop, or Ctrl-C on the server, gives up on it) waits for the
    # build to end. As a daemon, Python's exit stopped the thread inside OR-Tools' C++
    # ("terminate called without an active exception": the process aborted).
    threading.Thread(target=run, name="build-model", daemon=False).start()
    while not done.wait(_CANCEL_POLL_S):
        if give_up():
            return None
    if not built:
        return build()  # the helper failed: build here, so that its error surfaces
    return built[0]
