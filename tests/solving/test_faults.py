"""Faults a leader must survive: adversarial instances, huge inputs and a stop mid-solve.

SPEC: "A solve never runs past its time limit by more than a second." The
limit counts from the call, so building the model counts too. Every plan
that comes back, however the solve ended, has passed the checker.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest
from ortools.sat.python import cp_model

from planner.checker import check_plan
from planner.core.domain import Problem, Result, Status
from planner.core.gap_instances import generate_gap_problem
from planner.core.generate import generate_problem
from planner.solving.search import DETERMINISTIC_PER_S
from planner.solving.solver import Progress, solve

LIMIT_S = 2.0
#: SPEC's allowance past the time limit.
OVERRUN_S = 1.0


def figure(name: str, prob: Problem, result: Result, elapsed: float) -> None:
    """One line for docs/reliability.md (shown with ``pytest -s``)."""
    gap = "" if result.gap is None else f", gap {result.gap:.1%}"
    print(
        f"figure: {name}: {result.status.value}{gap}, {elapsed:.3f} s for a {LIMIT_S:g} s "
        f"limit (overrun {(elapsed - LIMIT_S) * 1000:+.0f} ms), {result.num_variables} pairs"
    )


def assert_honest(prob: Problem, result: Result, *, unknown_gap: bool = False) -> None:
    """Feasible with a true gap, optimal, or "no plan found"; a plan always checks.

    ``unknown_gap`` accepts a feasible plan with no bound at all (the warm start's plan
    when the LP relaxation did not finish in time): "gap unknown" is honest, a made-up
    gap would not be.
    """
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE, Status.NO_PLAN)
    if result.status is Status.NO_PLAN:
        assert result.plan is None and result.reasons
        return
    assert result.plan is not None and check_plan(prob, result.plan) == []
    assert result.objective is not None
    if unknown_gap and result.bound is None:
        assert result.gap is None
        return
    assert result.gap is not None and result.bound is not None
    assert result.gap >= 0 and result.bound >= result.objective - 1e-6


@dataclass
class Stages:
    """What each stage of one solve was given: the solve's start and limit, the warm
    start's ``stop_at``, each CP-SAT search's (asked at, seconds, work budget, work used)
    and each HiGHS run's deadline (``perf_counter`` times)."""

    started: float = 0.0
    limit: float = 0.0
    warm_stop_at: list[float] = field(default_factory=list)
    searches: list[tuple[float, float, float, float]] = field(default_factory=list)
    highs: list[float] = field(default_factory=list)

    def assert_kept_to_the_limit(self) -> None:
        """Every stage was handed the solve's deadline (or less), and CP-SAT its work budget
        (:data:`~planner.solving.search.DETERMINISTIC_PER_S` per second of the limit), which
        it kept: a stage given more than the limit fails, on any machine."""
        deadline = self.started + self.limit
        budget = DETERMINISTIC_PER_S * self.limit
        assert self.warm_stop_at and all(at <= deadline for at in self.warm_stop_at)
        for asked_at, seconds, work, used in self.searches:
            assert asked_at + seconds <= deadline, f"{seconds:.3f} s asked past the limit"
            assert 0 < work <= budget and used <= work * 1.05 + 0.01, (work, used, budget)
        # The work is counted across the searches: together they keep to the one budget.
        assert sum(used for *_, used in self.searches) <= budget * 1.05 + 0.01
        assert all(at <= deadline for at in self.highs)


@pytest.fixture
def stages(monkeypatch) -> Stages:
    """The stages of the next solve, as :class:`Stages` records them."""
    import planner.optimizer.mip as mip_module
    import planner.solving.solver as solver_module

    seen = Stages()
    begin = solver_module._Solve.__init__

    def started(self, problem, limit, *args, **kwargs):
        begin(self, problem, limit, *args, **kwargs)
        seen.started, seen.limit = self.started, limit

    warm = solver_module.warm_start

    def warm_start(*args, **kwargs):
        seen.warm_stop_at.append(kwargs["stop_at"])
        return warm(*args, **kwargs)

    search = cp_model.CpSolver.solve

    def searched(self, model, callback=None):
        asked = time.perf_counter(), self.parameters.max_time_in_seconds
        budget = self.parameters.max_deterministic_time
        status = search(self, model, callback)
        seen.searches.append((*asked, budget, self.response_proto.deterministic_time))
        return status

    run_highs = mip_module.run_highs

    def highs(model, params, model_params, deadline, *args, **kwargs):
        seen.highs.append(deadline)
        return run_highs(model, params, model_params, deadline, *args, **kwargs)

    monkeypatch.setattr(solver_module._Solve, "__init__", started)
    monkeypatch.setattr(solver_module, "warm_start", warm_start)
    monkeypatch.setattr(cp_model.CpSolver, "solve", searched)
    monkeypatch.setattr(mip_module, "run_highs", highs)
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hard_gap_instance_is_given_the_limit_and_no_more(seed, stages):
    """Type-D generalized assignment (20 teams x 200 mandatory projects) is CP-SAT's worst case.

    Its time limit is kept by what each stage is given, not measured against the load of
    the day: the warm start and HiGHS (a pure assignment this large is searched by HiGHS,
    not CP-SAT) are handed the solve's deadline, none more. On a busy machine the warm start
    may spend the limit: the plan then comes with no gap rather than a made-up one (at
    load 12 seed 1 did), or none (at load 20).
    """
    prob = generate_gap_problem(20, 200, seed, kind="D")
    started = time.perf_counter()
    result = solve(prob, time_limit_s=LIMIT_S)
    figure(f"GAP type D 20x200 seed {seed}", prob, result, time.perf_counter() - started)
    stages.assert_kept_to_the_limit()
    assert_honest(prob, result, unknown_gap=True)


def test_a_quarter_searched_by_cp_sat_is_handed_the_deadline_and_one_work_budget(stages):
    """A quarter of 20 teams and 300 projects: the warm start, then CP-SAT and its
    neighbourhoods, each handed the solve's deadline, and CP-SAT's searches together held to
    one work budget (0.2 units a second of the limit), which ends them, not the clock.

    CP-SAT must have searched: with no search the budget's checks held of nothing, and a
    busy machine (load 21) began the search 2.4 s into a 4 s limit. The limit of 6 s leaves
    it room; the budget, not the clock, ends the search on a quiet machine."""
    prob = generate_problem(20, 300)
    result = solve(prob, time_limit_s=6.0)
    assert_honest(prob, result, unknown_gap=True)
    stages.assert_kept_to_the_limit()
    assert stages.searches, "CP-SAT never searched: the test proves nothing"
    assert sum(used for *_, used in stages.searches) > 0, stages.searches


@pytest.mark.slow
def test_big_generated_problem_is_told_its_limit_is_short_before_any_stage(stages):
    """A quarter far larger than any real one still answers on time, with no plan: its
    size alone says 2 s cannot prepare and check a plan of it (a figure per candidate pair,
    not a clock), so no stage starts and the answer names the limit to give."""
    prob = generate_problem(150, 3000)
    started = time.perf_counter()
    result = solve(prob, time_limit_s=LIMIT_S)
    figure("generate_problem(150, 3000)", prob, result, time.perf_counter() - started)
    assert_honest(prob, result, unknown_gap=True)
    assert result.status is Status.NO_PLAN
    assert "no plan was searched" in result.reasons[0], result.reasons
    assert "Raise the time limit to at least" in result.reasons[0], result.reasons
    assert stages.warm_stop_at == [] and stages.searches == [] and stages.highs == []


def test_a_limit_too_short_to_search_returns_at_once_without_a_search(monkeypatch):
    """When preparing eats the limit, no model is searched: the quick first plan, or no plan."""
    searches: list[int] = []
    monkeypatch.setattr(
        cp_model.CpSolver, "solve", lambda self, *a, **k: searches.append(1) or cp_model.UNKNOWN
    )
    prob = generate_problem(20, 300)
    started = time.perf_counter()
    result = solve(prob, time_limit_s=1e-6)
    elapsed = time.perf_counter() - started
    assert searches == []
    assert_honest(prob, result, unknown_gap=True)
    if result.status is Status.NO_PLAN:
        assert "preparing the model took" in result.reasons[0]
    assert elapsed < OVERRUN_S


def test_a_model_build_that_outlasts_the_limit_with_no_plan_in_hand_is_not_waited_for(
    monkeypatch,
):
    """No first plan (the warm start broke a rule) and a build slower than the limit: "no
    plan" at the limit, not after the build (a quarter in weeks once answered 4 minutes late).
    """
    import dataclasses

    import planner.solving.solver as solver_module
    import planner.solving.stopping as stopping

    real_warm_start = solver_module.warm_start

    def no_plan(*args, **kwargs):
        return dataclasses.replace(real_warm_start(*args, **kwargs), objective=None)

    class SlowModel(stopping.PlanningModel):
        def __init__(self, *args, **kwargs) -> None:
            time.sleep(LIMIT_S + 2 * OVERRUN_S)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(solver_module, "warm_start", no_plan)
    monkeypatch.setattr(stopping, "PlanningModel", SlowModel)
    prob = generate_problem(20, 300)
    started = time.perf_counter()
    result = solve(prob, time_limit_s=LIMIT_S)
    elapsed = time.perf_counter() - started
    assert result.status is Status.NO_PLAN and result.plan is None
    assert "preparing the model took" in result.reasons[0]
    assert elapsed <= LIMIT_S + OVERRUN_S, f"overran by {elapsed - LIMIT_S:.3f} s"


@pytest.mark.slow
def test_cancel_mid_solve_returns_promptly_with_the_best_plan_so_far():
    """The leader's Stop button: the search ends at once with the best plan so far, checked.

    The stop comes between two plans, as the search reports its second (or, on a machine
    too busy for a second within a minute, its first): the solve, given an hour, returns
    without searching on, with a plan at least as good as the best it reported. Nothing
    here is timed, so it asserts the same on any machine."""
    prob = generate_gap_problem(20, 200, 0, kind="D")
    cancel = threading.Event()
    seen: list[Progress] = []
    plans = threading.Semaphore(0)

    def progress(update: Progress) -> None:
        seen.append(update)
        if update.num_solutions:
            plans.release()

    def stop_between_plans() -> None:
        if plans.acquire(timeout=600):
            plans.acquire(timeout=60)  # a second plan: well into the search
            cancel.set()

    stopper = threading.Thread(target=stop_between_plans, daemon=True)
    stopper.start()
    out: list[Result] = []
    solving = threading.Thread(
        target=lambda: out.append(
            solve(prob, time_limit_s=3600.0, progress=progress, cancel=cancel)
        ),
        daemon=True,
    )
    solving.start()
    solving.join(timeout=900)
    assert cancel.is_set(), "no plan was found to cancel after"
    assert not solving.is_alive(), "the stop did not end the solve"
    (result,) = out
    assert result.status is Status.FEASIBLE
    assert_honest(prob, result)
    assert result.objective >= max(p.objective for p in seen if p.num_solutions) - 1e-6
