"""Solves for an interactive app: each distinct problem solved once, with progress, stoppable.

A result is kept under the problem's :func:`fingerprint` (data tables,
settings and baseline), so the same inputs never solve twice. Solves run on
a small thread pool, not in the caller's thread, so that a page can show
CP-SAT's progress (objective and bound) while it works, and so that a rerun
in the middle of a solve re-attaches to it instead of starting it again. A
solve that nobody waits for any more (the user moved a slider on) is
stopped and forgotten.

Nothing here knows about Streamlit: the app keeps one :class:`SolveService`
for all its sessions and draws the progress it reports.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import operator
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from planner.core.domain import Plan, Problem, Result
from planner.core.writing import problem_to_frames
from planner.solving.solver import Progress, ProgressCallback, solve
from planner.solving.stopping import stop_at_exit

log = logging.getLogger(__name__)

#: How long a solve nobody waits for lives on (a rerun re-attaches within it).
ABANDON_AFTER_S = 1.0


def fingerprint(problem: Problem) -> str:
    """A stable key for a problem: its tables as CSV, its settings as TOML, its baseline."""
    digest = _tables_digest(problem).copy()
    digest.update(problem.settings.to_toml().encode())
    if problem.baseline is not None:
        owners = sorted((k, sorted(v)) for k, v in problem.baseline.owners.items())
        digest.update(repr(owners).encode())
        digest.update(repr(problem.baseline.max_changes).encode())
    return digest.hexdigest()


def plan_fingerprint(plan: Plan | None) -> str:
    """A stable key for a plan: each assignment's project, team, share and weeks, sorted.

    A what-if re-planned against the current plan is kept under its inputs' key and this
    key of the plan it started from: the same inputs may have another current plan (one
    the leader kept), and a what-if of them against the one is not one against the other.
    """
    digest = hashlib.sha256()
    rows = () if plan is None else plan.assignments
    for row in sorted(
        (a.project_id, a.team_id, str(a.share), a.start_week or 0, a.end_week or 0) for a in rows
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def tables_fingerprint(problem: Problem) -> str:
    """A stable key for a problem's tables alone (the data, without settings or baseline)."""
    return str(_tables_digest(problem).hexdigest())


#: The latest problems' tables digested (:func:`fingerprint`), by the identity of their
#: tables: a capacity what-if keeps every table of the problem it changes, and writing them
#: all as CSV again took most of its fingerprint's time.
_TABLES: list[tuple[tuple[object, ...], Any]] = []
_TABLES_KEPT = 8
_TABLES_LOCK = threading.Lock()


def _tables_digest(problem: Problem) -> Any:
    """SHA-256 fed with ``problem``'s tables as CSV (a shared object: copy it to go on)."""
    tables = (
        problem.teams,
        problem.projects,
        problem.goals,
        problem.estimates,
        problem.rules,
        problem.calendar,
    )
    with _TABLES_LOCK:
        known = [d for t, d in _TABLES if all(map(operator.is_, t, tables))]
    if known:
        return known[0]
    digest = hashlib.sha256()
    for name, frame in sorted(problem_to_frames(problem).items()):
        digest.update(name.encode())
        digest.update(frame.to_csv(index=False).encode())
    with _TABLES_LOCK:
        _TABLES.append((tables, digest))
        del _TABLES[:-_TABLES_KEPT]
    return digest


class Outcome(Protocol):
    """A richer answer than a :class:`Result` (e.g. a what-if against a plan): it holds one."""

    @property
    def result(self) -> Result: ...


Runner = Callable[[ProgressCallback, threading.Event], "Result | Outcome"]
"""A solve to run on the service: (progress, cancel) -> a result, or an outcome holding one."""


@dataclass(eq=False)
class SolveJob:
    """One solve under way on the worker pool.

    ``progress`` is the solver's latest report (``None`` until the first
    one), ``best`` its latest report of a plan (a wait for a free solver does
    not hide the plan found before it); ``stopped`` says the user stopped it,
    ``abandoned`` that nobody waited for it any more.
    """

    future: concurrent.futures.Future[Result]
    time_limit_s: float
    started: float = field(default_factory=time.perf_counter)
    cancel: threading.Event = field(default_factory=threading.Event)
    progress: Progress | None = None
    best: Progress | None = None
    waiters: int = 0
    stopped: bool = False
    abandoned: bool = False


class SolveService:
    """Solves problems once per key and remembers the results.

    One instance can serve every session of an app: results are frozen
    values, so sharing them is safe. ``num_solves`` counts the solves
    started, which tests use to prove a cache hit.

    Parameters
    ----------
    max_results
        Results kept, least recently used dropped first.
    workers
        Threads that run solves. :mod:`planner.solving.queue` decides how
        many searches run at once; enough threads here that every solve
        starts (and its time limit starts counting) as soon as it is asked for.
    abandon_after_s
        How long a solve nobody waits for lives on before it is stopped.
    """

    def __init__(
        self, max_results: int = 64, workers: int = 16, abandon_after_s: float = ABANDON_AFTER_S
    ) -> None:
        self._lock = threading.Lock()
        self._results: OrderedDict[str, Result] = OrderedDict()
        self._stopped: set[str] = set()
        self._jobs: dict[str, SolveJob] = {}
        self._outcomes: dict[str, Outcome] = {}
        self._max_results = max_results
        self._abandon_after_s = abandon_after_s
        self._pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="solve")
        self.num_solves = 0

    def cached(self, key: str) -> Result | None:
        """The stored result for ``key``, if any."""
        with self._lock:
            result = self._results.get(key)
            if result is not None:
                self._results.move_to_end(key)
            return result

    def was_stopped(self, key: str) -> bool:
        """Whether the stored result for ``key`` comes from a solve the user stopped."""
        with self._lock:
            return key in self._stopped

    def forget(self, key: str) -> None:
        """Drop the stored result for ``key`` (to solve it again)."""
        with self._lock:
            self._results.pop(key, None)
            self._stopped.discard(key)
            self._outcomes.pop(key, None)

    def outcome(self, key: str) -> Outcome | None:
        """The outcome behind the stored result for ``key``, when its runner returned one."""
        with self._lock:
            return self._outcomes.get(key)

    def attach(
        self, key: str, problem: Problem, run: Runner | None = None, *, about: str = ""
    ) -> SolveJob:
        """The solve of ``key`` under way, started now if there is none.

        ``run`` solves (default :func:`~planner.solving.solver.solve`); it may
        return an :class:`Outcome`, whose result becomes the stored result. ``about``
        says what the caller solves (which version of its data, against which plan): a
        solve that fails is logged with its traceback, its key and ``about``, and its
        error carries them as a note to whoever waits for it.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                job = self._start(key, problem, run, about)
            job.waiters += 1
            return job

    def release(self, key: str, job: SolveJob) -> None:
        """A caller stops waiting; a solve nobody waits for is stopped soon after."""
        with self._lock:
            job.waiters -= 1
            idle = job.waiters <= 0 and not job.future.done()
        if idle:
            timer = threading.Timer(self._abandon_after_s, self._abandon_if_idle, (key, job))
            timer.daemon = True
            timer.start()

    def stop(self, key: str) -> None:
        """Stop the solve of ``key`` at its next plan and keep the best plan so far."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None:
                job.stopped = True
                job.cancel.set()

    def _start(
        self, key: str, problem: Problem, run_solve: Runner | None, about: str = ""
    ) -> SolveJob:
        self.num_solves += 1
        future: concurrent.futures.Future[Result] = concurrent.futures.Future()
        job = SolveJob(future=future, time_limit_s=problem.settings.solve.time_limit_s)
        stop_at_exit(job.cancel)  # a server that stops does not wait for the solve

        def record(progress: Progress) -> None:
            if not progress.waiting:
                job.best = progress
            job.progress = progress

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                if run_solve is None:
                    outcome: Result | Outcome = solve(problem, progress=record, cancel=job.cancel)
                else:
                    outcome = run_solve(record, job.cancel)
            except BaseException as exc:  # handed to the waiting caller
                # A plan the checker refused is a bug that may show once in many runs (under
                # load): what was solved is said where the error is read, and logged.
                said = f"while solving {key}" + (f" ({about})" if about else "")
                said += f", data {tables_fingerprint(problem)[:12]}"
                exc.add_note(said)
                log.error("a solve failed %s", said, exc_info=exc)
                self._finish(key, job, None)
                future.set_exception(exc)
            else:
                if isinstance(outcome, Result):
                    result, kept = outcome, None
                else:
                    result, kept = outcome.result, outcome
                self._finish(key, job, result, kept)
                future.set_result(result)

        self._jobs[key] = job
        self._pool.submit(run)
        return job

    def _finish(
        self, key: str, job: SolveJob, result: Result | None, outcome: Outcome | None = None
    ) -> None:
        with self._lock:
            if self._jobs.get(key) is job:
                del self._jobs[key]
            if job.abandoned or result is None:
                return
            self._results[key] = result
            if outcome is not None:
                self._outcomes[key] = outcome
            self._results.move_to_end(key)
            if job.stopped:
                self._stopped.add(key)
            else:
                self._stopped.discard(key)
            while len(self._results) > self._max_results:
                old, _ = self._results.popitem(last=False)
                self._stopped.discard(old)
                self._outcomes.pop(old, None)

    def _abandon_if_idle(self, key: str, job: SolveJob) -> None:
        with self._lock:
            if job.waiters > 0 or job.future.done():
                return
            job.abandoned = True
            job.cancel.set()
            job.future.cancel()
            if self._jobs.get(key) is job:
                del self._jobs[key]
