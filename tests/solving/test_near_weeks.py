"""What-ifs against the current plan, and the HiGHS portfolio, on a quarter planned in weeks.

The bundled sample is planned in weeks, so every what-if on the Constraints
page is one. It is a small quarter: one CP-SAT search proves the fewest
changes (planner/optimizer/fewest_changes.py), and the result says so. On a
large quarter in weeks the quick repair (planner/optimizer/baseline_repair.py), which
weighs moves in quarter hours, stands aside for the current plan kept week by
week (baseline_repair.kept_in_weeks), and the result says that. HiGHS's plan has no
start weeks, so the portfolio stands aside, and the result says that too.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import planner.solving.near_current_plan as near
from planner.checker import check_plan, num_changes
from planner.core.domain import Baseline, ObjectiveBreakdown, Plan, Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.core.loading import load_with_warnings
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import greedy_plan
from planner.scenarios.relative import solve_relative
from planner.scenarios.whatif import with_capacity
from planner.solving.near_current_plan import EXACT_NOTE, WEEKS_NOTE, solve_near
from planner.solving.plans import checked_plan
from planner.solving.solver import PORTFOLIO_WEEKS_NOTE, solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample_in_weeks() -> tuple[Problem, object]:
    """The bundled sample (in weeks), one worker, and its plan (the current plan)."""
    problem = load_with_warnings(SAMPLE).problem
    s = problem.settings
    problem = problem.replace(
        settings=s.with_changes(solve=replace(s.solve, workers=1, time_limit_s=10.0))
    )
    assert problem.is_time_phased
    result = solve(problem)
    assert result.plan is not None
    return problem, result


def test_a_marketing_cut_in_weeks_keeps_rules_1_to_12_and_moves_no_more_than_the_free_plan(
    sample_in_weeks,
):
    """20 % less marketing: the plan keeps every weekly rule, stays within the tolerance of
    the free re-plan, changes no more projects than it, and says the count is proven."""
    problem, current = sample_in_weeks
    cut = with_capacity(problem, "marketing", 0.8)
    relative = solve_relative(cut, current.plan, tolerance=0.005, time_limit_s=10.0)
    plan = relative.result.plan
    assert plan is not None and check_plan(cut, plan) == []
    assert all(a.start_week is not None for a in plan.assignments)
    assert relative.result.objective >= relative.free.objective * (1 - 0.005) - 1e-9
    moved, dropped, _added = relative.free_changes
    assert relative.num_changes <= moved + dropped
    anchored = cut.replace(baseline=Baseline(current.plan.owners()))
    assert relative.num_changes == num_changes(anchored, plan)
    assert EXACT_NOTE in relative.result.reasons


def test_no_plan_in_weeks_with_one_change_fewer_reaches_the_tolerance(sample_in_weeks):
    """The count is the fewest there is: the plain solver, told by rule 9 to change one
    project fewer, proves that no such plan scores within the tolerance of the free re-plan.

    (The sample's what-ifs moved up to one project more than needed when a heuristic
    decided; see bench/results.md.)"""
    problem, current = sample_in_weeks
    cut = with_capacity(problem, "sales", 0.8)
    relative = solve_relative(cut, current.plan, tolerance=0.005, time_limit_s=10.0)
    assert relative.num_changes > 0
    floor = relative.free.objective * (1 - 0.005)
    owners = current.plan.owners()
    fewer = solve(cut.replace(baseline=Baseline(owners, max_changes=relative.num_changes - 1)))
    assert fewer.plan is None or (fewer.bound is not None and fewer.bound < floor)


def test_a_large_quarter_in_weeks_leaves_the_repair_out_and_says_why(sample_in_weeks, monkeypatch):
    """Above the small-quarter size the solve that counts changes decides: the repair
    weighs quarter hours, not weeks. (The sample stands in for a large quarter here.)"""
    problem, current = sample_in_weeks
    monkeypatch.setattr(near, "SMALL_PAIRS", 0)
    cut = with_capacity(problem, "marketing", 0.8)
    relative = solve_relative(cut, current.plan, tolerance=0.005, time_limit_s=10.0)
    plan = relative.result.plan
    assert plan is not None and check_plan(cut, plan) == []
    assert relative.result.objective >= relative.free.objective * (1 - 0.005) - 1e-9
    moved, dropped, _added = relative.free_changes
    assert relative.num_changes <= moved + dropped
    assert WEEKS_NOTE in relative.result.reasons


def _marketing_cut_in_weeks() -> tuple[Problem, Plan, ObjectiveBreakdown]:
    """A generated 20 x 200 quarter in weeks (709 pairs: above the small-quarter size) with
    its greedy current plan, cut to 90 % marketing; the greedy's own plan of the cut and
    its score: where a what-if's search starts."""
    problem = with_weeks(generate_instance(20, 200, seed=0), seed=0)
    chosen, starts = greedy_plan(problem, eligible_pairs(problem))
    current, _ = checked_plan(problem, chosen, starts)
    cut = with_capacity(problem, "marketing", 0.9)
    cut = cut.replace(baseline=Baseline(current.owners(), starts=starts))
    start, scored = checked_plan(cut, *greedy_plan(cut, eligible_pairs(cut)))
    return cut, start, scored


def test_a_large_quarter_in_weeks_keeps_the_plan_in_force_where_its_weeks_have_room():
    """A generated 20 x 200 quarter in weeks (709 pairs: above the small-quarter size), its
    greedy current plan, 10 % less marketing. From the greedy's own order on the cut (20
    changes), the current plan kept week by week, filled and searched with each change
    weighed, reaches the floor with 11: fewer than that start, in every rule. (The full
    solve with a stability weight, which decided before, kept the start's 20.)

    The search ends on its own in about 9 s on a quiet 2-core machine; the limit leaves it
    room on a loaded one (a 10 s limit kept the start's 20 when the cores were shared)."""
    cut, start, scored = _marketing_cut_in_weeks()
    floor = float(scored.total) * (1 - 0.005)
    result = solve_near(cut, start, floor=floor, time_limit_s=60.0)
    assert result.plan is not None and check_plan(cut, result.plan) == []
    assert result.objective is not None and result.objective >= floor
    assert num_changes(cut, result.plan) < num_changes(cut, start) == 20
    assert WEEKS_NOTE in result.reasons


def test_a_stop_while_the_plan_in_force_is_kept_gives_the_free_plan(monkeypatch):
    """A leader who stops the what-if while the current plan is being kept gets the free
    re-plan (as solve_relative promises), not the half-searched plan of that moment."""
    import threading

    from planner.optimizer import baseline_repair

    cut, start, scored = _marketing_cut_in_weeks()
    stop = threading.Event()

    def kept_then_stopped(*args, **kw):
        kept = baseline_repair.kept_in_weeks(*args, **kw)
        stop.set()
        return kept

    monkeypatch.setattr(near, "kept_in_weeks", kept_then_stopped)
    # A 10 % tolerance: a change weighs about 7 points, and the plan of that moment (about
    # 12 changes) would be kept, were it not for the stop.
    floor = float(scored.total) * (1 - 0.1)
    result = solve_near(cut, start, floor=floor, time_limit_s=10.0, cancel=stop)
    assert stop.is_set() and result.plan is not None
    assert result.plan.owners() == start.owners()


def test_unchanged_inputs_in_weeks_keep_the_plan_in_force(sample_in_weeks, monkeypatch):
    """Re-planning the same quarter in weeks against its own plan changes no owner, and
    spends no second search on it: no change and no better plan leave nothing to win."""
    problem, current = sample_in_weeks

    def searched(*args, **kw):
        raise AssertionError("a plan that changes nothing and scores the bound was searched")

    monkeypatch.setattr(near, "fewest_changes_model", searched)
    relative = solve_relative(problem, current.plan, time_limit_s=10.0)
    assert relative.num_changes == 0
    assert check_plan(problem, relative.result.plan) == []
    assert EXACT_NOTE in relative.result.reasons


def test_the_portfolio_stands_aside_in_weeks_and_says_so(sample_in_weeks, monkeypatch):
    """PLANNER_PORTFOLIO=1 on a quarter in weeks: CP-SAT alone plans (HiGHS's plan would have
    no start weeks), the plan passes the checker and the result gives the reason."""
    problem, current = sample_in_weeks
    monkeypatch.setenv("PLANNER_PORTFOLIO", "1")
    two = problem.replace(
        settings=problem.settings.with_changes(solve=replace(problem.settings.solve, workers=2))
    )
    result = solve(two)
    assert result.plan is not None and check_plan(two, result.plan) == []
    assert PORTFOLIO_WEEKS_NOTE in result.reasons
    assert result.objective == pytest.approx(current.objective)
    monkeypatch.delenv("PLANNER_PORTFOLIO")
    assert PORTFOLIO_WEEKS_NOTE not in solve(two).reasons


def test_a_large_quarter_in_weeks_weighs_its_reasons_before_the_limit(monkeypatch):
    """The kept plan's left-out reasons are weighed until half the finishing reserve
    before the limit, not up to it: the short reasons of the rest and the objective come
    after them. Weighed to the limit, the stage ran 0.3-1.6 s past it (150 x 1,500 in
    weeks, load 12). Read from the time handed to the reasons, not from this machine."""
    import time

    from planner.solving.limits import finish_reserve

    cut, start, scored = _marketing_cut_in_weeks()
    monkeypatch.setattr(near, "SMALL_PAIRS", 0)
    handed: list[float | None] = []
    to_plan = near.to_plan

    def reasons_until(*args, **kwargs):
        handed.append(kwargs.get("reasons_until"))
        return to_plan(*args, **kwargs)

    monkeypatch.setattr(near, "to_plan", reasons_until)
    limit = 4.0
    asked = time.perf_counter()
    floor = float(scored.total) * 0.99
    found = solve_near(cut, start, floor=floor, time_limit_s=limit)
    assert found.plan is not None and check_plan(cut, found.plan) == []
    assert handed, "no round's plan reached the floor: nothing was weighed"
    assert handed[0] is not None
    assert handed[0] <= asked + limit - finish_reserve(cut, limit) / 2 + 0.05
