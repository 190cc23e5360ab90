"""A process-wide queue in front of CP-SAT, so concurrent solves share the cores.

One CP-SAT search with ``workers = 0`` already uses every core. When many
sessions of the app (or the threads of a sweep) solve at once, running
their searches side by side only makes each slower and memory-hungrier,
so :func:`planner.solving.solver.solve` takes a *slot* of this queue around the
search. Solves beyond the slots wait in arrival order.

How many slots
    ``$PLANNER_MAX_SOLVES`` when set to a positive integer, else
    ``max(1, cores // 2)``: 1 on a 2-core server, where one search with
    ``workers = 0`` already runs a worker per core. More slots do not finish
    a burst of solves sooner (measured in ``docs/reliability.md``), but they
    do let two long solves share the limit instead of the second one
    waiting; raise it where leaders routinely run long solves side by side.

What the time limit means while waiting
    The limit counts from the call to ``solve``, not from the moment a slot
    is free: a leader who sets 10 s gets an answer within 10 s (+1 s),
    whatever else is running. The wait is reported through the solve's
    progress callback. A wait that eats the whole limit, or that the leader
    cancels (checked every :data:`POLL_S`), ends the solve with the warm
    start's plan (checked, with its gap to the LP bound and a reason saying
    it was not searched), or "no plan found" when that plan breaks a rule.

Only the search is queued: reading the data, building the model and the
greedy warm start run in the calling thread (they hold the GIL anyway), and
the cheap infeasibility checks never wait behind someone else's search.
"""

from __future__ import annotations

import enum
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice

log = logging.getLogger(__name__)

ENV_VAR = "PLANNER_MAX_SOLVES"
#: How often a waiting solve looks at its cancel flag and reports its wait.
POLL_S = 0.05

#: Called while waiting with (seconds waited, solves ahead in the queue).
WaitCallback = Callable[[float, int], None]


class Admission(enum.Enum):
    """How a wait for a slot ended."""

    GRANTED = "granted"
    CANCELLED = "cancelled"
    TIMED_OUT = "timed out"


#: The most slots PLANNER_MAX_SOLVES may ask for: past it a typo (an extra digit or
#: twenty) is no size for a queue, and past ``sys.maxsize`` the queue could not count them.
MAX_SLOTS = 1024


def default_slots() -> int:
    """``$PLANNER_MAX_SOLVES`` if it is a positive integer, else ``max(1, cores // 2)``.

    Capped at :data:`MAX_SLOTS`, with a warning.
    """
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        try:
            slots = int(configured)
        except ValueError:
            slots = 0
        if slots > MAX_SLOTS:
            log.warning("%s=%r is more than %d; using %d", ENV_VAR, configured, *[MAX_SLOTS] * 2)
            return MAX_SLOTS
        if slots >= 1:
            return slots
        log.warning("%s=%r is not a positive integer; using the default", ENV_VAR, configured)
    return max(1, (os.cpu_count() or 1) // 2)


class SolverQueue:
    """At most ``slots`` holders at a time; the others wait first come, first served."""

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("a solver queue needs at least one slot")
        self._slots = slots
        self._cond = threading.Condition()
        self._running = 0
        self._queue: deque[object] = deque()
        #: The most searches that ever ran at once (for the reliability figures).
        self.peak_running = 0
        #: How many solves had to wait for a slot.
        self.num_waited = 0

    @property
    def slots(self) -> int:
        return self._slots

    @property
    def running(self) -> int:
        """Searches holding a slot now."""
        with self._cond:
            return self._running

    @property
    def waiting(self) -> int:
        """Solves waiting for a slot now."""
        with self._cond:
            return len(self._queue)

    def resize(self, slots: int) -> None:
        """Change the number of slots; searches already running keep theirs."""
        if slots < 1:
            raise ValueError("a solver queue needs at least one slot")
        with self._cond:
            self._slots = slots
            self._cond.notify_all()

    def _admissible(self, ticket: object) -> bool:
        # The first ``free`` tickets in the queue may go: arrival order is kept.
        free = self._slots - self._running
        return free > 0 and ticket in islice(self._queue, free)

    @contextmanager
    def slot(
        self,
        *,
        deadline: float | None = None,
        cancel: threading.Event | None = None,
        on_wait: WaitCallback | None = None,
    ) -> Iterator[Admission]:
        """Hold a slot for the ``with`` block, waiting for one if need be.

        Parameters
        ----------
        deadline
            A :func:`time.perf_counter` moment after which waiting is given up.
        cancel
            When set, waiting is given up (within :data:`POLL_S`).
        on_wait
            Called about every :data:`POLL_S` while waiting, outside any lock,
            with the seconds waited so far and the number of solves ahead.

        Yields
        ------
        Admission
            ``GRANTED`` when the block holds a slot; otherwise why not (the
            block then runs without one and should not search).
        """
        ticket = object()
        began = time.perf_counter()
        waited = False
        admission = Admission.GRANTED
        with self._cond:
            self._queue.append(ticket)
        try:
            while True:
                with self._cond:
                    if self._admissible(ticket):
                        self._queue.remove(ticket)
                        self._running += 1
                        self.peak_running = max(self.peak_running, self._running)
                        break
                    if cancel is not None and cancel.is_set():
                        admission = Admission.CANCELLED
                    elif deadline is not None and time.perf_counter() >= deadline:
                        admission = Admission.TIMED_OUT
                    if admission is not Admission.GRANTED:
                        self._queue.remove(ticket)
                        self._cond.notify_all()
                        break
                    if not waited:
                        waited = True
                        self.num_waited += 1
                    ahead = self._queue.index(ticket)
                    pause = POLL_S
                    if deadline is not None:
                        pause = max(0.0, min(pause, deadline - time.perf_counter()))
                    self._cond.wait(pause)
                if on_wait is not None:
                    on_wait(time.perf_counter() - began, ahead)
        except BaseException:
            with self._cond:
                if ticket in self._queue:
                    self._queue.remove(ticket)
                    self._cond.notify_all()
            raise
        if waited:
            log.info("waited %.3f s for a solver slot: %s", time.perf_counter() - began, admission)
        if admission is not Admission.GRANTED:
            yield admission
            return
        try:
            yield admission
        finally:
            with self._cond:
                self._running -= 1
                self._cond.notify_all()


_queue: SolverQueue | None = None
_queue_lock = threading.Lock()


def solver_queue() -> SolverQueue:
    """The process's one queue, sized by :func:`default_slots` on first use."""
    global _queue
    with _queue_lock:
        if _queue is None:
            _queue = SolverQueue(default_slots())
        return _queue
