"""What-ifs against the current plan, and the same answer twice.

A what-if answers "what does this change cost?" only if the plan moves
because of the change, not because the solver wandered: the same inputs
must give the same plan, and a small change must move few projects. The
words a what-if is told in are in test_relative_words.py.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import builders
import pytest
from what_if_quarter import limited

from planner.checker import check_plan, num_changes
from planner.core.domain import Baseline, Status
from planner.core.generate import generate_problem
from planner.interfaces.cli import main
from planner.scenarios.relative import is_what_if, solve_relative
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve


@pytest.mark.slow
def test_a_generated_m_quarter_solved_three_times_gets_the_same_owners_each_time():
    """Same inputs and settings, same plan: the search ends on work done, not on the clock.

    On a machine so busy that the clock ends the warm start or the search
    before their work budgets (SPEC "The same answer twice"), runs may differ:
    a solve that ran to near its limit (on a quiet machine it ends on its work
    in about 1.5 s of the 5) makes the test skip rather than measure the machine.
    """
    limit = 5.0
    problem = limited(generate_problem(40, 500, seed=3), limit)
    results = [solve(problem) for _ in range(3)]
    slowest = max(r.runtime_s for r in results)
    if slowest > 0.7 * limit:  # the warm start alone may run to 75 % of it on the clock
        pytest.skip(f"a solve took {slowest:.1f} s of {limit:.0f}: the clock may have ended it")
    owners = [r.plan.owners() for r in results]
    assert owners[0] == owners[1] == owners[2]


def test_unchanged_inputs_keep_the_plan_in_force(quarter):
    """Re-solving the same inputs against their own plan changes nothing."""
    problem, current = quarter
    relative = solve_relative(problem, current.plan, time_limit_s=4.0)
    assert relative.num_changes == 0
    assert relative.result.objective >= relative.free.objective * (1 - relative.tolerance)


def test_a_marketing_cut_moves_fewer_projects_than_the_free_re_solve_within_tolerance(quarter):
    """5 % less marketing: as good as the free re-plan within 0.5 %, with fewer changes."""
    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.95)
    relative = solve_relative(cut, current.plan, tolerance=0.005, time_limit_s=6.0)
    plan = relative.result.plan
    assert check_plan(cut, plan) == []
    assert relative.result.objective >= relative.free.objective * (1 - 0.005) - 1e-9
    moved, dropped, _added = relative.free_changes
    assert relative.num_changes <= moved + dropped
    anchored = cut.replace(baseline=Baseline(current.plan.owners()))
    assert relative.num_changes == num_changes(anchored, plan)


def test_a_what_if_reports_the_seconds_of_both_stages(quarter, monkeypatch):
    """`planner solve --baseline` read "seconds: 0.27" for a what-if that searched 2.6 s (a
    40 x 800 quarter in weeks at a 2 s limit, load 15): only the second stage (fewest moves)
    was counted, not the free re-plan before it. Here the free re-plan is made to report
    3 s: the what-if's own seconds include them."""
    import planner.scenarios.relative as relative_module

    def slow(*args, **kwargs):
        found = solve(*args, **kwargs)
        return replace(found, runtime_s=found.runtime_s + 3.0)

    monkeypatch.setattr(relative_module, "solve", slow)
    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.95)
    relative = solve_relative(cut, current.plan, tolerance=0.005, time_limit_s=4.0)
    assert relative.free.runtime_s >= 3.0
    assert relative.result.runtime_s > relative.free.runtime_s


def test_a_large_quarter_repairs_the_plan_in_force_within_tolerance(quarter, monkeypatch):
    """Above the small-quarter size the repair and the reverting decide (one exact search
    would take too long there): as good as the free re-plan within 0.5 %, no more changes.
    (The quarter stands in for a large one here.)"""
    import planner.solving.near_current_plan as near

    monkeypatch.setattr(near, "SMALL_PAIRS", 0)
    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.95)
    relative = solve_relative(cut, current.plan, tolerance=0.005, time_limit_s=6.0)
    assert check_plan(cut, relative.result.plan) == []
    assert relative.result.objective >= relative.free.objective * (1 - 0.005) - 1e-9
    moved, dropped, _added = relative.free_changes
    assert relative.num_changes <= moved + dropped
    assert near.EXACT_NOTE not in relative.result.reasons


def test_tolerance_zero_keeps_the_free_objective(quarter):
    """With no tolerance, the plan scores at least what the free re-solve scores."""
    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.9)
    relative = solve_relative(cut, current.plan, tolerance=0.0, time_limit_s=6.0)
    assert relative.result.objective >= relative.free.objective - 1e-9


def test_cli_solve_with_a_baseline_moves_few_projects_and_reports_the_free_re_plan(
    tmp_path, capsys
):
    """``planner solve --baseline plan.csv`` re-plans against the current plan by default."""
    import json

    from planner.core.generate import generate_folder
    from planner.core.loading import load_with_warnings

    data = generate_folder(tmp_path / "data", 12, 120, 8, 5)
    settings = load_with_warnings(data).problem.settings
    fast = settings.with_changes(solve=replace(settings.solve, time_limit_s=3.0))
    (data / "settings.toml").write_text(fast.to_toml(), encoding="utf-8")
    assert main(["solve", str(data), "--out", str(tmp_path / "plan.csv")]) == 0
    cut = tmp_path / "cut.toml"
    less = replace(fast.capacity, multipliers={"marketing": 0.95})
    cut.write_text(fast.with_changes(capacity=less).to_toml(), encoding="utf-8")
    capsys.readouterr()
    args = ["solve", str(data), "--settings", str(cut), "--baseline", str(tmp_path / "plan.csv")]
    assert main([*args, "--out", str(tmp_path / "new.csv"), "--json", "--tolerance", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tolerance_pct"] == 1
    assert out["num_changes"] == out["num_moved"] + out["num_dropped"]
    assert out["num_changes"] <= out["free"]["num_changes"]
    assert out["objective"] >= out["free"]["objective"] * 0.99 - 1e-9


def test_a_sweep_against_the_plan_in_force_keeps_it_where_capacity_is_unchanged(quarter):
    """Each sweep point re-plans against the current plan: at 100 % nothing moves.

    Only a proven current plan: at load 15 on 2 cores the quarter's solve ran to 27 s of
    its 30 and ended unproven, and the sweep at 100 % then rightly found a better plan.
    """
    from planner.scenarios.whatif import sweep

    problem, current = quarter
    if current.status is not Status.OPTIMAL:
        pytest.skip(
            f"the current plan is {current.status.value}, not proven, after "
            f"{current.runtime_s:.0f} s of 30: the machine is too busy for it to end on its proof"
        )
    points = sweep(problem, "marketing", [0.9, 1.0], time_limit_s=30.0, baseline=current.plan)
    at_100 = next(p for p in points if p.factor == 1.0)
    assert at_100.plan is not None
    assert at_100.plan.owners() == current.plan.owners()
    cut = next(p for p in points if p.factor == 0.9)
    assert check_plan(with_capacity(problem, "marketing", 0.9), cut.plan) == []


def test_a_what_if_with_no_plan_in_time_speaks_of_the_limit_it_was_given(quarter, monkeypatch):
    """A what-if against the current plan gives its first stage (the best plan) 60 % of
    the limit. When that stage found no plan, the answer read "no plan was found within the
    time limit of 3 s" for `solve --baseline --time-limit 5` (150 x 3,000 in weeks, busy
    machine): a limit the leader never set. It now names both."""
    import time

    from planner.solving import solver

    problem, plan = quarter
    real = solver.warm_start

    def slow(problem, **kwargs):  # the warm start eats its stage's whole limit
        warm = real(problem, **kwargs)
        time.sleep(0.7)
        return replace(warm, objective=None)

    monkeypatch.setattr(solver, "warm_start", slow)
    answer = solve_relative(problem, plan, time_limit_s=1.0)
    assert answer.result.status is Status.NO_PLAN
    said = answer.result.reasons[0]
    assert "0.6 s of the 1 s time limit" in said, said
    assert "within the time limit of 0.6 s" not in said


def test_a_what_if_changes_settings_rules_or_weights_never_the_data():
    """The Constraints page re-plans a change against the current plan only when it is a
    what-if of it: capacity, pins and how much a goal matters are; another project, or a
    check-in's re-plan (a baseline of its own), is a different quarter, planned afresh."""
    base = builders.problem(
        [builders.team("m1"), builders.team("s1", "sales")],
        [builders.project("a", goal_id="g"), builders.project("b", "closing", goal_id="g")],
        goals=[builders.goal("g", 10)],
    )
    capacity = replace(base.settings.capacity, max_utilization=0.8)
    assert is_what_if(base, base)
    assert is_what_if(base.replace(settings=base.settings.with_changes(capacity=capacity)), base)
    assert is_what_if(base.replace(rules=(builders.pin("a", "m1"),)), base)
    assert is_what_if(base.replace(goals=(replace(base.goals[0], weight=Decimal(3)),)), base)
    assert not is_what_if(base.replace(projects=(base.projects[0],)), base)
    assert not is_what_if(base.replace(goals=(replace(base.goals[0], target=Decimal(20)),)), base)
    assert not is_what_if(base.replace(baseline=Baseline({})), base)
    assert not is_what_if(base, base.replace(baseline=Baseline({})))


def _asked_limit(reason: str) -> int:
    import re

    found = re.search(r"at least (\d+) s", reason)
    assert found is not None, reason
    return int(found.group(1))


def test_a_what_if_too_short_for_its_size_asks_for_a_limit_that_is_enough(monkeypatch):
    """A what-if too short to prepare a plan in names a limit that prepares one.

    The free re-solve gets 60 % of the what-if's limit: at about 7 s of preparing,
    ``solve --baseline plan.csv --time-limit 8`` on 200 teams x 6,000 projects read
    "more than the time limit of 4.8 s allows. Raise the time limit to at least 8 s",
    a limit nobody set and a fix that was already in place.
    """
    import planner.solving.limits as limits_module

    prob = builders.problem(
        [builders.team("a"), builders.team("b")],
        [builders.project(f"p{i}", value=i + 1) for i in range(3)],
    )
    plan = solve(prob).plan
    assert plan is not None
    # The size check made to read this toy quarter as one that takes 7.2 s to prepare.
    monkeypatch.setattr(limits_module, "_PREPARE_S_PER_CANDIDATE", 7.2 / 6)
    short = solve_relative(prob, plan, time_limit_s=8.0).result
    assert short.status is Status.NO_PLAN and short.plan is None
    assert "of the 8 s time limit" in short.reasons[0]
    asked = _asked_limit(short.reasons[0])
    assert asked > 8
    assert solve_relative(prob, plan, time_limit_s=asked).result.plan is not None


def test_the_free_re_plan_gives_this_plan_only_with_the_same_owners_and_shares():
    """The Constraints page and `planner solve --baseline` both say "A re-plan from scratch
    gives the same owners and goal attainment" from one test of the two plans (each wrote
    its own copy of it)."""
    from planner.core.domain import Assignment, Plan, Result
    from planner.scenarios.relative import RelativeResult

    one = Decimal(1)
    kept = Plan((Assignment("p1", "m1", one, Decimal(10), one),))
    moved = Plan((Assignment("p1", "m2", one, Decimal(10), one),))

    def relative(free: Plan | None) -> RelativeResult:
        return RelativeResult(
            Result(Status.OPTIMAL, kept, 1.0, 1.0, 0.0, 0.1),
            Result(Status.OPTIMAL, free, 1.0, 1.0, 0.0, 0.1),
            kept,
            0.005,
        )

    assert relative(Plan(kept.assignments)).free_gives_this_plan
    assert not relative(moved).free_gives_this_plan
    assert not relative(None).free_gives_this_plan


def test_a_what_if_without_a_plan_keeps_a_project_s_name_that_reads_like_its_limit():
    """The first stage's "no plan within its limit" is worded of the what-if's whole limit
    where it is made, not by replacing words in the finished reasons: a mandatory project
    named "Launch within the time limit of 0.6 s" read "Launch in the 0.6 s of the 1 s time
    limit kept for finding the best plan (...)" in the reason that named it."""
    name = "Launch within the time limit of 0.6 s"
    before = builders.problem(
        [builders.team("m1"), builders.team("s1", department="sales")],
        [builders.project("P1", name=name, mandatory=True)],
    )
    in_force = solve(before, time_limit_s=5)
    assert in_force.plan is not None
    answer = solve_relative(
        with_capacity(before, "marketing", 0.0), in_force.plan, time_limit_s=1.0
    )
    assert answer.result.plan is None
    said = " ".join(answer.result.reasons)
    assert f"'{name}'" in said, said
    assert "time limit kept for finding the best plan" not in said, said
