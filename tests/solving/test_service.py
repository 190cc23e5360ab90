"""The app's solve service, without Streamlit: one solve per key, progress, stop, abandon."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from planner.checker import PlanCheckError, Violation, check_plan
from planner.core.domain import Problem, Result, Status, relative_gap
from planner.core.generate import generate_problem
from planner.solving.service import SolveService, fingerprint, tables_fingerprint
from planner.solving.solver import solve


def _big(seed: int, time_limit_s: float) -> Problem:
    """A generated quarter large enough that CP-SAT keeps improving for a while."""
    big = generate_problem(20, 200, seed=seed)
    solve_settings = replace(big.settings.solve, time_limit_s=time_limit_s)
    return big.replace(settings=big.settings.with_changes(solve=solve_settings))


def test_the_solve_service_runs_one_solve_per_key():
    """Two pages waiting for the same inputs share one solve and its result."""
    service = SolveService()
    problem = _big(21, 0.5)
    first = service.attach("k", problem)
    second = service.attach("k", problem)
    assert first is second
    result = first.future.result(timeout=10)
    service.release("k", first)
    service.release("k", second)
    assert service.num_solves == 1
    assert service.cached("k") is result


def test_stopping_a_solve_keeps_its_best_plan():
    """Stop ends the search at its next plan; the plan is kept and marked as stopped."""
    service = SolveService()
    job = service.attach("k", _big(22, 30.0))
    deadline = time.monotonic() + 20
    while job.progress is None and time.monotonic() < deadline:
        time.sleep(0.02)
    service.stop("k")
    result = job.future.result(timeout=20)
    service.release("k", job)
    assert result.status.has_plan
    assert result.runtime_s < 25
    assert service.was_stopped("k")
    service.forget("k")
    assert service.cached("k") is None


def test_a_solve_nobody_waits_for_is_dropped():
    """A page that moved on (a rerun with other inputs) does not leave its result behind."""
    service = SolveService(abandon_after_s=0.05)
    job = service.attach("k", _big(23, 30.0))
    service.release("k", job)
    deadline = time.monotonic() + 30
    while not job.future.done() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.abandoned
    assert service.cached("k") is None


def test_the_fingerprint_is_the_same_for_equal_inputs_and_differs_for_any_change():
    """The cache key: equal problems share a result; a changed setting never reuses one."""
    problem = generate_problem(4, 12, seed=1)
    again = generate_problem(4, 12, seed=1)
    assert problem is not again
    assert fingerprint(problem) == fingerprint(again)
    slower = problem.settings.with_changes(
        solve=replace(problem.settings.solve, time_limit_s=problem.settings.solve.time_limit_s + 1)
    )
    assert fingerprint(problem.replace(settings=slower)) != fingerprint(problem)


def test_a_what_if_s_fingerprint_writes_its_unchanged_tables_once(monkeypatch):
    """A capacity slider move changes the settings, not the tables: the key of the what-if
    digests the tables the problem before it shares (writing every table as CSV again took
    most of the key's time), and is the key an equal problem made afresh gets."""
    from planner.solving import service

    # A cache of its own, roomy: the module's keeps the latest 8 problems, and a solve an
    # earlier test left running on its service could push this one's out (written 3 times
    # in one CI run).
    monkeypatch.setattr(service, "_TABLES", [])
    monkeypatch.setattr(service, "_TABLES_KEPT", 1_000)
    problem = generate_problem(4, 12, seed=1)
    fingerprint(problem)
    written: list[int] = []
    real = service.problem_to_frames

    def counted(p):
        written.append(1)
        return real(p)

    monkeypatch.setattr(service, "problem_to_frames", counted)
    cut = problem.settings.with_changes(
        capacity=replace(problem.settings.capacity, multipliers={"marketing": 0.9})
    )
    what_if = problem.replace(settings=cut)
    key = fingerprint(what_if)
    assert written == []
    fresh = generate_problem(4, 12, seed=1).replace(settings=cut)
    assert fingerprint(fresh) == key and written == [1]
    assert key != fingerprint(problem)
    fewer = problem.replace(projects=problem.projects[:-1], settings=cut)
    assert fingerprint(fewer) != key and written == [1, 1]


def test_a_service_result_passes_the_checker():
    """The app shows what the service returns, so it holds every rule like any solve."""
    service = SolveService()
    problem = generate_problem(4, 12, seed=2)
    job = service.attach("k", problem)
    result = job.future.result(timeout=30)
    service.release("k", job)
    assert result.plan is not None and check_plan(problem, result.plan) == []


def test_relative_gap_is_zero_at_the_bound_and_relative_to_it():
    """One gap formula for the solver, the what-ifs and the app's progress box."""
    assert relative_gap(90.0, 90.0) == 0.0
    assert relative_gap(90.0, 100.0) == 0.1
    assert relative_gap(0.0, 0.0) == 0.0


def test_a_runner_s_outcome_is_kept_beside_its_result():
    """A what-if solved another way (against a current plan) keeps its detail for the page."""

    class Detailed:
        def __init__(self, result):
            self.result = result

    service = SolveService()
    problem = generate_problem(4, 12, seed=3)
    job = service.attach("k", problem, lambda progress, cancel: Detailed(solve(problem)))
    result = job.future.result(timeout=30)
    service.release("k", job)
    outcome = service.outcome("k")
    assert isinstance(outcome, Detailed) and outcome.result is result
    assert service.cached("k") is result
    service.forget("k")
    assert service.outcome("k") is None


def test_a_process_that_ends_stops_its_solves_instead_of_waiting_for_their_limit():
    """Ctrl-C on the app's server waited for every solve under way to reach its time limit:
    Python joins a thread pool's workers at exit, and the service's solves (and a sweep's
    points) ran on. The process's end now stops them as the leader's Stop does: a solve
    with an hour to go ends with the process (its wait allows ten minutes, for any load).
    """
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    script = textwrap.dedent(
        """
        import threading, time
        from dataclasses import replace
        from planner.core.generate import generate_problem
        from planner.scenarios.whatif import sweep
        from planner.solving.service import SolveService

        big = generate_problem(20, 200, seed=22)
        solve_settings = replace(big.settings.solve, time_limit_s=3600.0)
        big = big.replace(settings=big.settings.with_changes(solve=solve_settings))
        job = SolveService().attach("k", big)
        threading.Thread(target=sweep, args=(big, "sales", [0.9, 1.1]), daemon=True).start()
        deadline = time.monotonic() + 600
        while job.progress is None and time.monotonic() < deadline:
            time.sleep(0.02)
        print("searching", job.progress is not None, flush=True)
        """
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=root, env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().split() == ["searching", "True"]
    assert process.wait(timeout=600) == 0


def test_a_stopped_solve_winds_down_before_the_process_exits_even_from_a_daemon_thread():
    """A stop answers at once with the plan shown and leaves the solve's steps to wind down
    on their own thread, which the process's exit waits for. Started from a daemon thread
    (a sweep run on one: its pool's workers are daemons too), that thread was a daemon by
    inheritance, and Python's exit stopped it inside CP-SAT: the process aborted
    ("terminate called without an active exception", exit -6, about once in twenty runs
    of the test above)."""
    from planner.solving import stopping

    cancel = threading.Event()
    release = threading.Event()
    kept = Result.without_plan(Status.NO_PLAN, 0.0, ("stopped",))

    def steps() -> Result:
        cancel.set()
        release.wait(10)
        return kept

    answered = _from_a_daemon_thread(lambda: stopping.answer(steps, cancel, lambda: kept))
    assert answered == kept
    _assert_not_a_daemon("solve-steps", release)


def test_a_model_given_up_on_is_built_to_its_end_before_the_process_exits(monkeypatch):
    """A stop (or the server's end) gives up on a model being built aside and answers at
    once; the build ran on in a daemon thread, which Python's exit stopped inside
    OR-Tools' C++: the process aborted ("terminate called without an active exception",
    exit -6, seen once in the test above). The build's thread is not a daemon: the exit
    waits for it."""
    from planner.optimizer.warm_start import warm_start
    from planner.solving import stopping

    problem = generate_problem(4, 12, seed=1)
    warm = warm_start(problem, time_limit_s=5)
    release = threading.Event()
    real = stopping.PlanningModel

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(stopping, "PlanningModel", slow)
    given_up = _from_a_daemon_thread(lambda: stopping.build_model(warm, problem, lambda: True))
    assert given_up is None
    _assert_not_a_daemon("build-model", release)


def _from_a_daemon_thread(call: Callable[[], object]) -> object:
    """``call()``'s answer, called on a daemon thread: a thread it starts is a daemon too
    unless it says otherwise (as in a sweep's pool made on a daemon thread)."""
    answered: list[object] = []
    caller = threading.Thread(target=lambda: answered.append(call()), daemon=True)
    caller.start()
    caller.join(10)
    assert len(answered) == 1
    return answered[0]


def _assert_not_a_daemon(name: str, release: threading.Event) -> None:
    """The thread ``name`` still runs and is no daemon (the exit waits for it); then it is
    released and joined."""
    (thread,) = [t for t in threading.enumerate() if t.name == name]
    try:
        assert not thread.daemon
    finally:
        release.set()
        thread.join(10)


def test_a_solve_that_fails_says_what_it_solved_and_logs_its_traceback(caplog):
    """A plan the checker refused showed on the Data page once, under load, as "rule 5: sdr
    is planned 740.0 h over its 707.65 h" and nothing else: not which inputs were solved,
    nor against which current plan. The error now carries the solve's key and what its
    caller said of it (the session's data version, the plan it re-planned against), and
    the service logs it with its traceback."""
    service = SolveService()
    problem = _big(24, 1.0)

    def refused(progress, cancel) -> Result:
        raise PlanCheckError([Violation(5, "sdr is planned 740.0 h over its 707.65 h")])

    with caplog.at_level(logging.ERROR, logger="planner.solving.service"):
        job = service.attach("inputs@plan", problem, refused, about="data revision 4")
        with pytest.raises(PlanCheckError) as failed:
            job.future.result(timeout=10)
        service.release("inputs@plan", job)
    data = tables_fingerprint(problem)[:12]
    said = f"while solving inputs@plan (data revision 4), data {data}"
    assert failed.value.__notes__ == [said]
    (record,) = caplog.records
    assert said in record.getMessage()
    assert record.exc_info is not None and record.exc_info[1] is failed.value
    assert service.cached("inputs@plan") is None
