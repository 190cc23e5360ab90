"""The first plan's translation: once, whoever asks for it first and from whichever thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from planner import load_problem
from planner.optimizer.warm_start import warm_start
from planner.solving import plans
from planner.solving.plans import FirstPlan

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], threading.Event]:
    """``warm_result`` counted, each call held until the returned event is set."""
    calls: list[int] = []
    release = threading.Event()
    real = plans.warm_result

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        assert release.wait(10), "the test never released the translation"
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "warm_result", held)
    return calls, release


def _wait_for(calls: list[int], count: int) -> None:
    deadline = time.monotonic() + 10
    while len(calls) < count and time.monotonic() < deadline:
        time.sleep(0.005)


def test_a_start_while_another_thread_translates_the_lazy_plan_does_not_translate_it_again(
    counted: tuple[list[int], threading.Event],
) -> None:
    """A solve's result() takes a lazy plan; a wait for a solver's start() on another thread
    meanwhile once started a second translation of the same plan beside it."""
    calls, release = counted
    problem = load_problem(SAMPLE)
    shown: list[float | None] = []
    first = FirstPlan(
        problem,
        warm_start(problem, time_limit_s=5),
        time.perf_counter(),
        lambda result: shown.append(result.objective),
        lazy=True,
    )
    results: list[float | None] = []
    taker = threading.Thread(target=lambda: results.append(first.result().objective))
    taker.start()
    _wait_for(calls, 1)
    first.start()  # the other thread has it: nothing more to start
    second = threading.Thread(target=lambda: results.append(first.result().objective))
    second.start()
    release.set()
    taker.join(10)
    second.join(10)
    assert len(calls) == 1
    assert len(results) == 2 and results[0] == results[1] is not None
    assert shown == [results[0]]  # shown once, before either result() returned


def test_a_lazy_plan_started_is_translated_on_its_thread_and_result_waits_for_it(
    counted: tuple[list[int], threading.Event],
) -> None:
    calls, release = counted
    problem = load_problem(SAMPLE)
    first = FirstPlan(problem, warm_start(problem, time_limit_s=5), time.perf_counter(), lazy=True)
    first.start()
    first.start()
    _wait_for(calls, 1)
    release.set()
    assert first.result().plan is not None
    assert len(calls) == 1


def test_a_lazy_plan_whose_thread_cannot_start_is_still_translated_by_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """start() claimed the plan before its thread started: when the thread could not start
    ("can't start new thread", a loaded server), result() waited for a translation that
    never ran, for ever. The claim is given back, and result() translates it itself."""
    problem = load_problem(SAMPLE)
    first = FirstPlan(problem, warm_start(problem, time_limit_s=5), time.perf_counter(), lazy=True)

    def refused() -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(first._thread, "start", refused)
    with pytest.raises(RuntimeError):
        first.start()
    done: list[object] = []
    taker = threading.Thread(target=lambda: done.append(first.result().plan), daemon=True)
    taker.start()
    taker.join(30)
    assert done and done[0] is not None


def test_the_warm_starts_plan_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm start's plan was checked and scored by the warm start, then its translation
    checked and scored again (0.4-1 s each at 100 teams x 5,000 projects in weeks, load 16):
    the translation of the same assignments now keeps the warm start's answer, and a plan
    of other assignments is still checked."""
    from planner.checker import objective_of

    problem = load_problem(SAMPLE)
    warm = warm_start(problem, time_limit_s=1.0)
    assert warm.checked is not None and warm.objective is not None
    checks: list[int] = []
    real_check = plans.check_plan

    def counted_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        checks.append(1)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(plans, "check_plan", counted_check)
    result = plans.warm_result(problem, warm, time.perf_counter())
    assert checks == [] and result.plan is not None
    assert result.objective == warm.objective
    assert objective_of(problem, result.plan) == warm.checked.breakdown
    assert {a.project_id for a in result.plan.assignments} | {
        u.project_id for u in result.plan.unassigned
    } == {p.project_id for p in problem.projects}
    from planner.checker import PlanCheckError

    fewer = warm.plan[1:]  # another plan (a pinned project left out): checked, and refused
    with pytest.raises(PlanCheckError):
        plans.checked_plan(problem, fewer, warm.starts, checked=warm.checked)
    assert checks == [1]
