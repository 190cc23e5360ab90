"""The solve queue: concurrent solves share the cores, honour their limits and can be cancelled.

Many leaders solving at once must not run more CP-SAT searches side by side
than the queue has slots (each search already uses every core), every one of
them must still get its plan, and a leader who gives up while waiting must
get control back at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from builders import problem, project, team
from ortools.sat.python import cp_model

from planner.checker import check_plan
from planner.core.domain import Problem, Result, Status
from planner.core.loading import load_with_warnings
from planner.solving.queue import (
    ENV_VAR,
    MAX_SLOTS,
    Admission,
    SolverQueue,
    default_slots,
    solver_queue,
)
from planner.solving.solver import Progress, solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample() -> Problem:
    """The bundled sample quarter: solves to optimality in about half a second."""
    return load_with_warnings(SAMPLE).problem


@pytest.fixture
def slots() -> Iterator[SolverQueue]:
    """The process's queue, put back to its own size after the test."""
    queue = solver_queue()
    before = queue.slots
    yield queue
    queue.resize(before)


@pytest.fixture
def searches(monkeypatch) -> dict[str, int]:
    """A counter hook on CP-SAT itself: how many searches run now, and at most."""
    counts = {"now": 0, "peak": 0, "total": 0}
    lock = threading.Lock()
    original = cp_model.CpSolver.solve

    def counting(self, model, callback=None):
        with lock:
            counts["now"] += 1
            counts["total"] += 1
            counts["peak"] = max(counts["peak"], counts["now"])
        try:
            return original(self, model, callback)
        finally:
            with lock:
                counts["now"] -= 1

    monkeypatch.setattr(cp_model.CpSolver, "solve", counting)
    return counts


@pytest.fixture
def admissions(monkeypatch) -> list[tuple[float | None, Admission]]:
    """Each wait for a slot of the queue: the deadline it was given, and how it ended."""
    seen: list[tuple[float | None, Admission]] = []
    original = SolverQueue.slot

    @contextmanager
    def recorded(self, **kwargs):
        with original(self, **kwargs) as admission:
            seen.append((kwargs.get("deadline"), admission))
            yield admission

    monkeypatch.setattr(SolverQueue, "slot", recorded)
    return seen


def tiny() -> Problem:
    """Two marketing teams and four projects: solved in milliseconds."""
    return problem(
        [team("m1", capacity=20), team("m2", capacity=15)],
        [project(f"p{i}", effort=5 + i, value=1 + i) for i in range(4)],
    )


def solve_in_thread(prob: Problem, **kwargs) -> tuple[threading.Thread, list[Result]]:
    out: list[Result] = []
    thread = threading.Thread(target=lambda: out.append(solve(prob, **kwargs)), daemon=True)
    thread.start()
    return thread, out


def wait_until(predicate, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


@pytest.mark.parametrize("num_slots", [1, 2])
def test_concurrent_solves_never_run_more_searches_than_slots(slots, searches, sample, num_slots):
    """Six sessions solving at once: at most ``slots`` searches run, all six get a checked plan."""
    slots.resize(num_slots)
    prob = sample
    results: list[Result | BaseException] = []
    start = threading.Barrier(6)

    def session() -> None:
        try:
            start.wait()
            results.append(solve(prob, time_limit_s=60.0))
        except BaseException as exc:  # reported below
            results.append(exc)

    threads = [threading.Thread(target=session) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert len(results) == 6
    for result in results:
        assert isinstance(result, Result), result
        assert result.status is Status.OPTIMAL
        assert check_plan(prob, result.plan) == []
    assert searches["total"] == 6
    print(f"figure: 6 concurrent solves, {num_slots} slot(s): peak {searches['peak']} searches")
    # The hook sees the overlap the queue allows, and never more.
    assert searches["peak"] == num_slots
    assert slots.running == 0 and slots.waiting == 0


def test_a_waiting_solve_says_so_then_solves_when_a_slot_frees(slots, searches):
    """A leader whose solve is queued sees "waiting for a free solver", then gets the plan."""
    slots.resize(1)
    seen: list[Progress] = []
    with slots.slot() as admission:
        assert admission is Admission.GRANTED
        thread, out = solve_in_thread(tiny(), progress=seen.append, time_limit_s=30.0)
        wait_until(lambda: any(p.waiting for p in seen))
        assert searches["total"] == 0
    thread.join(timeout=30)
    [result] = out
    assert result.status is Status.OPTIMAL
    assert check_plan(tiny(), result.plan) == []
    waits = [p for p in seen if p.waiting]
    assert waits[0].ahead == 0 and waits[0].num_solutions == 0
    # The quick first plan may be reported while it waits; CP-SAT's plans come after.
    last_wait = max(i for i, p in enumerate(seen) if p.waiting)
    searched = [i for i, p in enumerate(seen) if not p.waiting and not p.first_plan]
    assert all(i > last_wait for i in searched)


def first_plan_status(result: Result) -> Status:
    """A first plan is not proven best unless its bound says so (tiny()'s LP bound does)."""
    assert result.bound is not None and result.objective is not None
    proven = result.bound - result.objective <= 1e-9 * max(1.0, abs(result.objective))
    return Status.OPTIMAL if proven else Status.FEASIBLE


def test_cancel_while_waiting_returns_promptly_with_the_first_plan(slots, searches, admissions):
    """Stopping a queued solve returns at once, with the best plan so far: the warm start.

    At once: while the slot it waits for is still held, and before its limit (an hour),
    the stop ended the wait, whatever the machine's load."""
    slots.resize(1)
    cancel = threading.Event()
    seen: list[Progress] = []
    with slots.slot():
        thread, out = solve_in_thread(
            tiny(), progress=seen.append, cancel=cancel, time_limit_s=3600.0
        )
        wait_until(lambda: any(p.waiting for p in seen), timeout_s=600)
        cancel.set()
        thread.join(timeout=600)
        assert not thread.is_alive(), "the stop did not end the wait for a slot"
    [result] = out
    assert [admission for _, admission in admissions] == [Admission.GRANTED, Admission.CANCELLED]
    assert result.status is first_plan_status(result)
    assert check_plan(tiny(), result.plan) == []
    assert result.bound >= result.objective and result.gap >= 0
    assert "stopped while it waited" in result.reasons[0]
    assert "solver" not in result.reasons[0]  # a leader reads it beside the plan
    assert searches["total"] == 0
    assert slots.waiting == 0


def test_a_wait_that_eats_the_time_limit_ends_within_it(slots, searches, admissions):
    """The limit a leader sets bounds their wait: the first plan, checked, said plainly, on time.

    On time: the wait was given up at a deadline within the limit, while the slot was still
    held (the solve returned inside the ``with``), on any machine."""
    slots.resize(1)
    with slots.slot():
        started = time.perf_counter()
        result = solve(tiny(), time_limit_s=0.6)
    (_, held), (deadline, admission) = admissions
    assert held is Admission.GRANTED and admission is Admission.TIMED_OUT
    assert deadline is not None and started < deadline <= started + 0.6
    assert result.status is first_plan_status(result)
    assert check_plan(tiny(), result.plan) == []
    assert result.bound >= result.objective and result.gap >= 0
    assert "busy with other plans" in result.reasons[0]
    # A leader reads it beside the plan: it read "the solver was busy ...: this is the
    # quick first plan, not searched".
    assert "solver" not in result.reasons[0] and "not searched" not in result.reasons[0]
    assert searches["total"] == 0


def test_cancel_set_before_the_call_still_returns_the_first_plan(slots):
    """With a free slot, a pre-set cancel stops at the first (warm-start) plan, as before."""
    slots.resize(1)
    cancel = threading.Event()
    cancel.set()
    result = solve(tiny(), cancel=cancel)
    assert result.status.has_plan
    assert check_plan(tiny(), result.plan) == []


def test_waiters_are_served_first_come_first_served():
    """A leader who asked first is served first, whatever the thread scheduler does."""
    queue = SolverQueue(1)
    order: list[int] = []
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with queue.slot():
            holding.set()
            release.wait(10)

    def take(i: int) -> None:
        with queue.slot() as admission:
            assert admission is Admission.GRANTED
            order.append(i)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    takers = []
    for i in range(5):
        takers.append(threading.Thread(target=take, args=(i,)))
        takers[-1].start()
        wait_until(lambda i=i: queue.waiting == i + 1)
    release.set()
    for thread in [holder, *takers]:
        thread.join(timeout=10)
    assert order == [0, 1, 2, 3, 4]
    assert queue.peak_running == 1 and queue.num_waited == 5


def test_a_deadline_or_cancel_gives_up_the_place_in_the_queue():
    """A solve that gives up must not block the ones behind it."""
    queue = SolverQueue(1)
    cancel = threading.Event()
    cancel.set()
    with queue.slot():
        with queue.slot(cancel=cancel) as admission:
            assert admission is Admission.CANCELLED
        with queue.slot(deadline=time.perf_counter() + 0.1) as admission:
            assert admission is Admission.TIMED_OUT
        assert queue.waiting == 0 and queue.running == 1
    with queue.slot(deadline=time.perf_counter()) as admission:
        # A free slot is taken even at the deadline: the caller decides what to do with it.
        assert admission is Admission.GRANTED


def test_slots_come_from_planner_max_solves_else_half_the_cores(monkeypatch):
    """Operators size the queue with PLANNER_MAX_SOLVES; a bad value falls back to the default."""
    monkeypatch.setenv(ENV_VAR, "3")
    assert default_slots() == 3
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    for bad in ("0", "-2", "many", ""):
        monkeypatch.setenv(ENV_VAR, bad)
        assert default_slots() == 4
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert default_slots() == 1
    with pytest.raises(ValueError):
        SolverQueue(0)


def test_a_planner_max_solves_past_any_size_is_capped_with_a_warning(monkeypatch, caplog):
    """PLANNER_MAX_SOLVES=99999999999999999999999 ended every solve in "internal error
    (ValueError: Stop argument for islice() ...)". It is capped, said in the log, and the
    queue admits at that size."""
    for huge in ("99999999999999999999999", str(MAX_SLOTS + 1)):
        monkeypatch.setenv(ENV_VAR, huge)
        with caplog.at_level(logging.WARNING, logger="planner.solving.queue"):
            assert default_slots() == MAX_SLOTS
        assert f"is more than {MAX_SLOTS}" in caplog.text
        with SolverQueue(default_slots()).slot() as admission:
            assert admission is Admission.GRANTED
    monkeypatch.setenv(ENV_VAR, str(MAX_SLOTS))
    assert default_slots() == MAX_SLOTS


def test_a_large_solve_waits_for_its_slot_before_the_warm_start(
    slots, searches, monkeypatch, admissions
):
    """At company scale the warm start is seconds of a core: it queues with the search.

    While another search holds the only slot, a 40 x 500 quarter runs no LP
    and no local search; when the wait eats its limit it still answers, on
    time, with the plain greedy's checked plan, said plainly.
    """
    import planner.solving.solver as solver_module
    from planner.core.generate import generate_problem

    prob = generate_problem(40, 500, seed=0)
    calls: list[float] = []
    original = solver_module.warm_start

    def counting(problem, **kwargs):
        calls.append(kwargs["time_limit_s"])
        return original(problem, **kwargs)

    monkeypatch.setattr(solver_module, "warm_start", counting)
    slots.resize(1)
    with slots.slot():
        started = time.perf_counter()
        result = solve(prob, time_limit_s=3.0)
    assert calls == [0.0]  # only the quick greedy, once the wait was given up
    # The wait ended at a deadline within the limit, the slot still held; the quick greedy
    # alone after it (SPEC's second past the limit: tests/solving/test_faults.py's bounds).
    (_, held), (deadline, admission) = admissions
    assert held is Admission.GRANTED and admission is Admission.TIMED_OUT
    assert deadline is not None and started < deadline <= started + 3.0
    assert result.status is Status.FEASIBLE
    assert check_plan(prob, result.plan) == []
    assert "busy with other plans" in result.reasons[0]
    assert searches["total"] == 0


def test_a_watched_tiny_quarter_in_weeks_translates_its_first_plan_only_if_kept(
    slots, sample, monkeypatch
):
    """The sample, watched as the app watches it (progress and a stop button): its proof ends
    before a progress box shows, so the greedy's plan is not translated on a thread beside
    it (each capacity slider move paid 0.02 s of CPU for a plan nobody saw), and the plan is
    the same as unwatched."""
    from planner.solving import plans

    slots.resize(1)
    translated: list[str] = []
    real = plans.warm_result

    def counted(*args, **kwargs):
        translated.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "warm_result", counted)
    watched = solve(sample, progress=lambda _: None, cancel=threading.Event())
    time.sleep(0.2)  # a translation's thread would have started by now
    assert translated == []
    alone = solve(sample)
    assert watched.status is alone.status is Status.OPTIMAL
    assert watched.plan == alone.plan


def test_a_tiny_quarter_in_weeks_shows_its_first_plan_while_it_waits_for_a_solver(
    slots, searches, sample
):
    """The sample waiting for a free solver (another leader's search holds it) still shows
    the greedy's plan at once, and a stop hands it back: the translation left for when the
    plan is kept starts when the wait does."""
    slots.resize(1)
    cancel = threading.Event()
    seen: list[Progress] = []
    with slots.slot():
        thread, out = solve_in_thread(
            sample, progress=seen.append, cancel=cancel, time_limit_s=30.0
        )
        # The stop comes once the solve waits: a stop while the model is still being built
        # (a loaded machine) hands back the first plan before any wait, and says no wait.
        wait_until(lambda: any(p.first_plan for p in seen) and any(p.waiting for p in seen))
        cancel.set()
        thread.join(timeout=5)
    [result] = out
    first = next(p for p in seen if p.first_plan)
    assert result.objective == pytest.approx(first.objective)
    assert check_plan(sample, result.plan) == []
    assert "stopped while it waited" in result.reasons[0]
    assert searches["total"] == 0
