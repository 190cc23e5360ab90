"""What-ifs against the current plan, and the same answer twice.

A what-if answers "what does this change cost?" only if the plan moves
because of the change, not because the solver wandered: the same inputs
must give the same plan, and a small change must move few projects.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import builders
import pytest

from planner.checker import check_plan, num_changes
from planner.core.domain import Baseline, Problem, Rule, RuleKind, Status
from planner.core.generate import generate_problem
from planner.core.loading import load_problem
from planner.core.words import plural
from planner.interfaces.cli import main
from planner.scenarios.relative import is_what_if, solve_relative
from planner.scenarios.relative_words import change_label, summary
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve


def limited(problem: Problem, seconds: float) -> Problem:
    s = problem.settings
    return problem.replace(settings=s.with_changes(solve=replace(s.solve, time_limit_s=seconds)))


@pytest.fixture(scope="module")
def quarter() -> tuple[Problem, object]:
    """A generated 12-team, 120-project quarter and its plan (the current plan).

    Solved with room to spare (it ends on its proof, about a second of CPU): at load 6
    a 4 s limit cut the proof short, and a later what-if at 100 % found the better plan
    and moved projects to reach it.
    """
    problem = limited(generate_problem(12, 120, seed=5), 30.0)
    result = solve(problem)
    assert result.plan is not None
    return problem, result


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
    import planner.solving.near as near

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


def test_the_summary_names_the_change_the_dropped_projects_and_a_goal(quarter):
    """The leader reads "5 % less marketing: N projects dropped (names), M moved, ..."."""
    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.95)
    relative = solve_relative(cut, current.plan, time_limit_s=6.0)
    line = summary(problem, cut, relative)
    assert line.startswith("5 % less marketing: ")
    for project in relative.dropped[:3]:
        assert project.name in line
    if relative.moved:
        assert f"{len(relative.moved)} moved" in line


def test_the_summary_names_every_goal_whose_attainment_moves(quarter):
    """A cut that costs two goals names both, biggest change first, never only the first."""
    from planner.core.text import percent
    from planner.scenarios.metrics import goal_attainment

    problem, current = quarter
    # 40 % less marketing: every marketing goal gives, whatever the clock allows the search.
    cut = with_capacity(problem, "marketing", 0.6)
    relative = solve_relative(cut, current.plan, time_limit_s=6.0)
    line = summary(problem, cut, relative)
    before = goal_attainment(problem, current.plan)
    after = goal_attainment(cut, relative.result.plan)
    moved = [
        (abs(after[g].percent - before[g].percent), after[g].name, g)
        for g in before
        if percent(before[g].percent) != percent(after[g].percent)
    ]
    assert len(moved) >= 2, "a 40 % marketing cut costs more than one goal"
    named = [label for _, label, _ in sorted(moved, reverse=True)[:4]]
    positions = [line.index(f"{label} ") for label in named]
    assert positions == sorted(positions)
    _, label, goal = max(moved)
    assert f"{label} {percent(before[goal].percent)} → {percent(after[goal].percent)}" in line
    # Named as the Overview names goals ("Marketing-qualified leads"), not by the KPI ("MQLs").
    assert after[goal].name != after[goal].kpi
    # Past the first four, the rest are counted: "and 1 more goal", never "1 more goals".
    more = len(moved) - 4
    if more > 0:
        assert line.endswith(f" and {more} more {'goal' if more == 1 else 'goals'}")


def test_one_goal_past_the_summary_s_four_is_one_more_goal(quarter, monkeypatch):
    """The Constraints page read "... and 1 more goals" under a 20 % marketing cut."""
    import planner.scenarios.relative_words as relative_module

    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.6)
    relative = solve_relative(cut, current.plan, time_limit_s=6.0)
    monkeypatch.setattr(relative_module, "GOALS_IN_SUMMARY", 1_000)
    full = summary(problem, cut, relative)
    num_goals = full.count(" → ") - full.count(": goal attainment ")  # the plan's own, first
    assert num_goals >= 2, full
    monkeypatch.setattr(relative_module, "GOALS_IN_SUMMARY", num_goals - 1)
    line = summary(problem, cut, relative)
    assert line.endswith(" and 1 more goal"), line


def test_change_label_reads_a_capacity_change_as_a_leader_says_it(quarter):
    """Multipliers become "20 % less marketing" and "10 % more sales"."""
    problem, _ = quarter
    less = with_capacity(problem, "marketing", 0.8)
    assert change_label(problem, less) == "20 % less marketing"
    assert change_label(less, with_capacity(less, "sales", 1.1)) == "10 % more sales"
    assert change_label(problem, problem) == "the change"


def test_change_label_names_any_other_change_in_the_leader_s_words(quarter):
    """A pin, a forbid or a lower max utilisation on the Constraints page was announced as
    "the change: 1 project moved, ...": which change? It is named as Compare names it,
    a pin or forbid by project and team name.
    """
    from planner.core.domain import Rule, RuleKind

    problem, _ = quarter
    settings = problem.settings
    capped = problem.replace(
        settings=settings.with_changes(capacity=replace(settings.capacity, max_utilization=0.9))
    )
    assert change_label(problem, capped) == "Max utilisation 100 % → 90 %"
    project, team = problem.projects[0], problem.teams[-1]
    pinned = problem.replace(
        rules=(*problem.rules, Rule(project.project_id, team.team_id, RuleKind.PIN))
    )
    assert change_label(problem, pinned) == f"'{project.name}' pinned to {team.name}"
    forbidden = problem.replace(
        rules=(*problem.rules, Rule(project.project_id, team.team_id, RuleKind.FORBID))
    )
    assert change_label(problem, forbidden) == f"{team.name} forbidden from '{project.name}'"
    assert change_label(pinned, problem) == f"'{project.name}' no longer pinned to {team.name}"
    both = with_capacity(capped, "marketing", 0.8)
    assert change_label(problem, both) == "20 % less marketing; Max utilisation 100 % → 90 %"
    # A goal's weight, set on the same page, by the goal's name and in the page's words.
    first = problem.goals[0]
    heavier = problem.replace(goals=(replace(first, weight=first.weight * 2), *problem.goals[1:]))
    assert change_label(problem, heavier) == (
        f"How much '{first.name}' matters {first.weight:g} → {first.weight * 2:g}"
    )


def test_cli_solve_with_a_baseline_moves_few_projects_and_reports_the_free_re_plan(
    tmp_path, capsys
):
    """``planner solve --baseline plan.csv`` re-plans against the current plan by default."""
    import json

    from planner.core.generate import generate_folder
    from planner.core.loading import load_problem

    data = generate_folder(tmp_path / "data", 12, 120, 8, 5)
    settings = load_problem(data).problem.settings
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


def test_the_projects_a_what_if_changes_say_why_it_dropped_or_added_them():
    """Constraints' 'Which projects change' listed a 20 % marketing cut's drops with their
    owners and no reason, where the Compare page says why: the what-if's own reason for
    leaving a dropped project out, and the current plan's for an added one ('Left out
    before: ...'). Team names, not ids."""
    from planner.core.domain import Assignment, Plan, Result, Unassigned
    from planner.scenarios.relative import RelativeResult, change_line, change_rows, plan_moves

    quarter = builders.problem(
        [builders.team("m1", name="Content"), builders.team("m2", name="Brand")],
        [builders.project(p, name=f"Project {p}") for p in ("p1", "p2", "p3")],
    )
    one = Decimal(1)

    def owned(project_id: str, team_id: str) -> Assignment:
        return Assignment(project_id, team_id, one, Decimal(10), one)

    before = Plan((owned("p1", "m1"), owned("p2", "m2")), (Unassigned("p3", "Brand has no room"),))
    after = Plan(
        (owned("p1", "m2"), owned("p3", "m2")),
        (Unassigned("p2", "it needs more than Brand has"),),
    )
    result = Result(Status.OPTIMAL, after, 1.0, 1.0, 0.0, 0.1)
    moved, dropped, added = plan_moves(before, after, quarter)
    relative = RelativeResult(result, result, before, 0.005, moved, dropped, added)
    assert change_rows(quarter, relative) == [
        {
            "change": "dropped",
            "project": "Project p2",
            "before": "Brand",
            "after": "",
            "why": "It needs more than Brand has",
        },
        {
            "change": "moved",
            "project": "Project p1",
            "before": "Content",
            "after": "Brand",
            "why": "",
        },
        {
            "change": "added",
            "project": "Project p3",
            "before": "",
            "after": "Brand",
            "why": "Left out before: Brand has no room",
        },
    ]
    rows = change_rows(quarter, relative)
    assert change_line(rows[0]) == "Project p2 (Brand → left out): It needs more than Brand has"
    assert change_line(rows[1]) == "Project p1 (Content → Brand)"


def test_the_summary_opens_with_the_goal_attainment_before_and_after(quarter):
    """Constraints, marketing cut 10 %: the what-if banner named five goals' changes and the
    projects dropped, but not what a CMO asks first, the plan's goal attainment (85.6 % to
    79.0 %); the card below it read 79.0 % with nothing to compare it with. The line opens
    with it, as the Overview's "Since the previous plan" does."""
    from planner.core.text import percent, points_between
    from planner.scenarios.metrics import plan_metrics

    problem, current = quarter
    cut = with_capacity(problem, "marketing", 0.9)
    relative = solve_relative(cut, current.plan, time_limit_s=6.0)
    was = plan_metrics(problem, relative.baseline).attainment_pct
    now = plan_metrics(cut, relative.result.plan).attainment_pct
    assert percent(was) != percent(now), "a 10 % marketing cut costs attainment"
    assert summary(problem, cut, relative).startswith(
        f"10 % less marketing: goal attainment {percent(was)} → {percent(now)} "
        f"({points_between(was, now)}), "
    )


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
    import planner.solving.solver as solver_module

    prob = builders.problem(
        [builders.team("a"), builders.team("b")],
        [builders.project(f"p{i}", value=i + 1) for i in range(3)],
    )
    plan = solve(prob).plan
    assert plan is not None
    # The size check made to read this toy quarter as one that takes 7.2 s to prepare.
    monkeypatch.setattr(solver_module, "_PREPARE_S_PER_CANDIDATE", 7.2 / 6)
    short = solve_relative(prob, plan, time_limit_s=8.0).result
    assert short.status is Status.NO_PLAN and short.plan is None
    assert "of the 8 s time limit" in short.reasons[0]
    asked = _asked_limit(short.reasons[0])
    assert asked > 8
    assert solve_relative(prob, plan, time_limit_s=asked).result.plan is not None


def test_a_cut_that_drops_more_planned_hours_than_it_takes_says_why(solved_sample):
    """Constraints, marketing 10 % less on the sample: the cards read marketing's planned
    hours falling from 3,720 h to 2,694 h, 1,026 h for a 439 h cut, and nothing said why.
    A line says it with the numbers, in a leader's words: a project needs its hours in
    every week it runs, so one that no longer fits drops whole."""
    from planner.core.text import hours
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.relative_words import hours_fall_words

    problem, plan = solved_sample
    cut = with_capacity(problem, "marketing", 0.9)
    relative = solve_relative(cut, plan, time_limit_s=10.0)
    assert relative.result.plan is not None
    was = plan_metrics(problem, relative.baseline).department("marketing")
    now = plan_metrics(cut, relative.result.plan).department("marketing")
    taken = was.shown_in_force_hours - now.shown_in_force_hours
    fall = was.shown_planned_hours - now.shown_planned_hours
    assert fall > taken > 0, "the sample's 10 % marketing cut drops more than it takes"
    words = hours_fall_words(problem, cut, relative)
    assert len(words) == 1, words
    line = words[0]
    assert line.startswith(
        f"Marketing plans {hours(fall)} less ({hours(was.shown_planned_hours)} → "
        f"{hours(now.shown_planned_hours)}) with {hours(taken)} less capacity: "
    ), line
    assert "every week it runs" in line and "drops whole" in line
    free = now.shown_in_force_hours - now.shown_planned_hours
    assert f"{hours(free)} of its {hours(now.shown_in_force_hours)}" in line
    # Sales kept its hours: nothing to say about it.
    assert "Sales" not in line
    # Unchanged inputs: no line at all.
    same = solve_relative(problem, plan, time_limit_s=10.0)
    assert hours_fall_words(problem, problem, same) == []


def test_more_marketing_names_the_goals_it_raises_and_lowers_in_their_own_units(solved_sample):
    """10 % more marketing on the sample raises goal attainment and plans 70 fewer MQLs;
    the summary said "Marketing-qualified leads 88.5 % → 85.8 %" and nothing said why a
    leader who added capacity got fewer leads. A line names each goal up and down in its
    KPI (the difference of the amounts as shown) and says where the hours went."""
    from planner.core.text import amount, amount_value
    from planner.scenarios.metrics import goal_attainment
    from planner.scenarios.relative_words import goal_shift_words

    problem, plan = solved_sample
    more = with_capacity(problem, "marketing", 1.1)
    relative = solve_relative(more, plan, time_limit_s=10.0)
    assert relative.result.plan is not None
    was = goal_attainment(problem, relative.baseline)["mqls"]
    now = goal_attainment(more, relative.result.plan)["mqls"]
    assert now.planned < was.planned, "the sample's +10 % marketing plans fewer MQLs"
    fewer = amount_value(was.planned, was.target) - amount_value(now.planned, now.target)
    (line,) = goal_shift_words(problem, more, relative)
    up, down = line.split(". Down: ")
    assert up.startswith("Up: ")
    assert down.startswith(
        f"Marketing-qualified leads -{amount(fewer, 'MQLs')} "
        f"({amount(was.planned, '', was.target)} → {amount(now.planned, '', now.target)})"
    ), down
    assert (
        "so one goal can lose work that another gains more from, even with more capacity." in line
    )
    # The weight in a leader's words: "times its weight" alone was the optimizer's term.
    assert "times its weight: how much the goal matters)" in line
    # A cut: no "even with more capacity"; unchanged inputs: no line at all.
    cut = with_capacity(problem, "marketing", 0.9)
    (line,) = goal_shift_words(problem, cut, solve_relative(cut, plan, time_limit_s=10.0))
    assert "Down: " in line and "more capacity" not in line
    assert (
        goal_shift_words(problem, problem, solve_relative(problem, plan, time_limit_s=10.0)) == []
    )


def test_cli_solve_with_a_baseline_says_why_a_cut_drops_more_hours_than_it_takes(tmp_path, capsys):
    """``planner solve --settings cut.toml --baseline plan.csv`` on the sample, marketing at
    90 %: the shell reads the Constraints page's line on the hours, with the same numbers."""
    from planner.core.loading import load_problem

    sample = Path(__file__).parents[2] / "data" / "sample"
    plan_csv = tmp_path / "plan.csv"
    assert main(["solve", str(sample), "--out", str(plan_csv)]) == 0
    settings = load_problem(sample).problem.settings
    cut = tmp_path / "cut.toml"
    less = replace(settings.capacity, multipliers={"marketing": 0.9})
    cut.write_text(settings.with_changes(capacity=less).to_toml(), encoding="utf-8")
    capsys.readouterr()
    args = ["solve", str(sample), "--settings", str(cut), "--baseline", str(plan_csv)]
    assert main([*args, "--out", str(tmp_path / "new.csv")]) == 0
    out = capsys.readouterr().out
    assert "Marketing plans 1,026 h less (3,720 h → 2,694 h) with 439 h less capacity: " in out


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


def test_the_summary_weighs_both_plans_as_the_goals_matter_now_when_a_weight_changes(
    solved_sample,
):
    """A CMO made website traffic matter 4 times instead of once. The Constraints what-if
    read "goal attainment 85.6 % → 83.2 % (-2.4 pts)": the plan before by the weights it
    had against the new plan by the new ones, so the change read as a loss while the
    Data and Plan pages' "Since the previous plan" read 79.5 % → 83.2 %, a gain. The
    line weighs both plans as the goals matter now and says what the plan before read."""
    from planner.core.text import percent, points_between
    from planner.scenarios.metrics import plan_metrics

    problem, plan = solved_sample
    first, *rest = problem.goals
    heavier = problem.replace(goals=(replace(first, weight=first.weight * 4), *rest))
    relative = solve_relative(heavier, plan, time_limit_s=6.0)
    assert relative.result.plan is not None
    then = plan_metrics(problem, relative.baseline).attainment_pct
    was = plan_metrics(heavier, relative.baseline).attainment_pct
    now = plan_metrics(heavier, relative.result.plan).attainment_pct
    assert percent(was) != percent(then), "the reweighting moves the plan before's figure"
    line = summary(problem, heavier, relative)
    assert (
        f"goal attainment {percent(was)} → {percent(now)} ({points_between(was, now)}) as the "
        f"goals matter now (the plan before read {percent(then)} by the weights it had)"
    ) in line


def test_more_capacity_that_changes_nothing_says_its_hours_stay_unplanned(solved_sample):
    """A VP Sales gave the SDR Team 10 % more and read "10 % more SDR Team: no project
    changes", and asked why. The line says the hours it adds (as the cards add them up)
    stay unplanned, the best plan with them being this one."""
    from planner.core.text import hours
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.whatif import with_capacity

    problem, plan = solved_sample
    more = with_capacity(problem, "sdr", 1.1)
    relative = solve_relative(more, plan, time_limit_s=6.0)
    assert relative.free_gives_this_plan and not relative.num_changes and not relative.added
    was = plan_metrics(problem, plan).department("sales").shown_in_force_hours
    now = plan_metrics(more, plan).department("sales").shown_in_force_hours
    assert summary(problem, more, relative).startswith(
        f"10 % more SDR Team: no project changes (the {hours(now - was)} it adds stay "
        "unplanned: with them the best plan is still this one; of the "
    )


def test_more_sales_that_gains_nothing_says_so_when_a_fresh_re_plan_moves_a_project(
    solved_sample,
):
    """A VP Sales asked what 10 % more sales capacity gains and read "10 % more sales: no
    project changes" beside "Re-planned from scratch, the plan would move 1 project ... for
    goal attainment of 85.6 % (this plan: 85.6 %)": nothing said the hours go unused nor
    that no plan gains from them. The fresh re-plan moves a project for the same goal
    attainment, so the line says the hours stay unplanned and what a fresh re-plan reaches."""
    from planner.core.text import hours, percent
    from planner.scenarios.metrics import plan_metrics

    problem, plan = solved_sample
    more = with_capacity(problem, "sales", 1.1)
    relative = solve_relative(more, plan, time_limit_s=6.0)
    assert relative.free.plan is not None and relative.result.plan is not None
    assert not relative.free_gives_this_plan and not relative.num_changes
    kept = plan_metrics(more, relative.result.plan).attainment_pct
    assert percent(plan_metrics(more, relative.free.plan).attainment_pct) == percent(kept)
    was = plan_metrics(problem, plan).department("sales").shown_in_force_hours
    now = plan_metrics(more, plan).department("sales").shown_in_force_hours
    assert summary(problem, more, relative).startswith(
        f"10 % more sales: no project changes (the {hours(now - was)} it adds stay "
        f"unplanned: re-planned from scratch with them, goal attainment is the same, "
        f"{percent(kept)}"
    )


def test_several_teams_whose_added_hours_stay_unplanned_read_as_one_sentence(solved_sample):
    """ "10 % more sales" named two teams whose hours stay unplanned joined by "; " inside a
    bracket whose every team's words already held ";": "...; SDR Team: of the 18 projects
    waiting, ...; the nearest, ...; Mid-Market AEs: of the ...". Each team is introduced
    ("for SDR Team, of the ..."), and the only ";" in the bracket are the ones before each."""
    from planner.explain.unused import TEAMS_TOLD, grown_teams

    problem, plan = solved_sample
    more = with_capacity(problem, "sales", 1.1)
    relative = solve_relative(more, plan, time_limit_s=6.0)
    assert not relative.num_changes and not relative.added
    line = summary(problem, more, relative)
    bracket = line[line.index("(the ") : line.rindex(")")]
    told = grown_teams(problem, more)[:TEAMS_TOLD]
    assert len(told) == 2, told
    for team in told:
        assert f"; for {team.name}, of the " in bracket, bracket
    assert bracket.count(";") == len(told), bracket
    assert "the nearest, " in bracket and ", and it may take it" in bracket


def test_a_team_added_whose_hours_stay_unplanned_says_why_and_what_would_use_them(
    solved_sample,
):
    """'a contractor with 120 h' read "the 120 h it adds stay unplanned" with no why and no
    next step. The line counts the waiting projects by the rules that keep them from it
    (planner.explain's left-out reasons) and gives the edit that brings the nearest within
    its reach; made, that edit leaves no rule between the contractor and that project."""
    from decimal import Decimal

    from planner.core.domain import Team
    from planner.explain.rules import pair_blockers
    from planner.explain.unused import unused_team_words

    problem, plan = solved_sample
    contractor = Team(
        "contractor", "Contractor", "marketing", Decimal(120), {"content": 3, "copywriting": 3}
    )
    after = problem.replace(teams=(*problem.teams, contractor))
    relative = solve_relative(after, plan, time_limit_s=6.0)
    assert relative.free_gives_this_plan and not relative.added
    line = summary(problem, after, relative)
    owners = relative.result.plan.owners()
    waiting = [p for p in after.projects if p.project_id not in owners]
    short = [
        p
        for p in waiting
        if any(b.reason.startswith("it needs") for b in pair_blockers(after, p, contractor))
    ]
    assert f"of the {len(waiting)} projects waiting, {len(short)} need more hours than " in line
    assert "Contractor can plan" in line and "need skills it lacks" in line
    why = unused_team_words(after, relative.result.plan, contractor)
    assert why in line and ", and it may take it" in why
    nearest = min(
        (p for p in waiting if pair_blockers(after, p, contractor)),
        key=lambda p: (
            len(bs := pair_blockers(after, p, contractor)),
            sum(b.change.size for b in bs if b.change),
        ),
    )
    assert f"the nearest, '{nearest.name}'" in why
    edited = after
    for blocker in pair_blockers(after, nearest, contractor):
        assert blocker.change is not None and blocker.change.describe(after) in why
        edited = blocker.change.apply(edited)
    assert not pair_blockers(edited, edited.project(nearest.project_id), edited.team("contractor"))


def test_a_priority_change_with_the_same_capacity_does_not_say_more_capacity(solved_sample):
    """A CMO chose "Odds of hitting each target: some" on the sample: Sales-qualified leads
    up, website visitors down, and the line ended "... even with more capacity." though no
    team's hours had changed. Same hours read as no more capacity."""
    from dataclasses import replace

    from planner.scenarios.relative_words import goal_shift_words

    problem, plan = solved_sample
    weights = replace(problem.settings.weights, confidence=0.25)
    odds = problem.replace(settings=replace(problem.settings, weights=weights))
    (line,) = goal_shift_words(problem, odds, solve_relative(odds, plan, time_limit_s=10.0))
    assert "Up: " in line and "Down: " in line
    assert line.endswith("so one goal can lose work that another gains more from."), line


def test_a_what_if_that_only_starts_projects_in_other_weeks_says_so(solved_sample):
    """A VP Sales cut the SDR Team's week 10 to 30 h and read "no project changes", with
    "Which projects change" right under it listing two projects rescheduled. The line
    counts and names the projects that start in other weeks, as that list does."""
    from planner.core.domain import CalendarRow
    from planner.scenarios.plan_change import rescheduled_runs

    problem, plan = solved_sample
    short = problem.replace(calendar=(*problem.calendar, CalendarRow("sdr", 10, 10, Decimal(30))))
    relative = solve_relative(short, plan, time_limit_s=6.0)
    assert not (relative.dropped or relative.moved or relative.added)
    runs = rescheduled_runs(relative.in_force, relative.result.plan, short)
    assert runs  # the week's cut moves work to other weeks, on the same teams
    names = "; ".join(short.project(p).name for p in runs)
    line = summary(problem, short, relative)
    assert "no project changes" not in line, line
    assert line == (
        f"Calendar: week 10 of SDR Team (76.9 h → 30.0 h a week): {len(runs)} rescheduled ({names})"
    )


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


def test_the_free_re_plan_names_only_the_changes_it_makes(solved_sample):
    """10 % more sales on the sample: a VP Sales read "Re-planned from scratch, the plan
    would move 1, drop 0 and add 0 projects, and start 5 others in other weeks". The
    sentence counts what the re-plan does, and nothing it does not."""
    from planner.scenarios.relative_words import free_replan_words

    problem, plan = solved_sample
    more = with_capacity(problem, "sales", 1.1)
    relative = solve_relative(more, plan, time_limit_s=6.0)
    moved, dropped, added = relative.free_changes
    assert not relative.free_gives_this_plan and moved and not (dropped or added)
    weeks = relative.free_rescheduled
    said = free_replan_words(more, relative)
    assert said.startswith(
        f"Re-planned from scratch, the plan would move {plural(moved, 'project')}, and start "
        f"{weeks} others in other weeks, for goal attainment of "
    ), said
    for zero in ("move 0", "drop 0", "add 0"):
        assert zero not in said, said


def test_a_department_s_unplanned_hours_read_without_its_lower_case_possessive(solved_sample):
    """The SDR Team's week 7 taken (an off-site): a VP Sales read "(1,333 h of sales's
    5,243 h now unplanned)", the department's key with an apostrophe. The line's subject
    is the department, by its name; the hours are its own."""
    from planner.core.domain import CalendarRow
    from planner.core.text import hours
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.relative_words import hours_fall_words

    problem, plan = solved_sample
    off = problem.replace(calendar=(*problem.calendar, CalendarRow("sdr", 7, 7, Decimal(0))))
    relative = solve_relative(off, plan, time_limit_s=6.0)
    (line,) = hours_fall_words(problem, off, relative)
    sales = plan_metrics(off, relative.result.plan).department("sales")
    unplanned = sales.shown_in_force_hours - sales.shown_planned_hours
    assert line.startswith("Sales plans "), line
    assert line.endswith(
        f"({hours(unplanned)} of its {hours(sales.shown_in_force_hours)} now unplanned)."
    ), line
    assert "sales's" not in line


def test_a_pin_to_the_team_that_already_owns_the_project_says_so():
    """A CMO pinned the webinar series (LG-01) to Demand Gen and read "'Q3 webinar series on
    compliance automation' pinned to Demand Gen: no project changes", and wondered whether
    the pin had been taken. Demand Gen already owned it in the plan: the line says so."""
    sample = load_problem(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    current = solve(sample)
    assert current.plan is not None and current.plan.owners()["LG-01"] == {"demand-gen"}
    pinned = sample.replace(rules=(*sample.rules, Rule("LG-01", "demand-gen", RuleKind.PIN)))
    line = summary(sample, pinned, solve_relative(pinned, current.plan))
    assert line == (
        "'Q3 webinar series on compliance automation' pinned to Demand Gen: no project "
        "changes (Demand Gen already owned it: the pin keeps it there)"
    )
