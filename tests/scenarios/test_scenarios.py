"""Scenario logic: headline metrics, compare, capacity sweeps and marginal value."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from builders import VALUE_ONLY, forbid, goal, problem, project, settings, team

import planner.scenarios.whatif as scenarios
from planner.checker import check_plan
from planner.core.domain import Assignment, Plan, Problem, Result, Status, Unassigned
from planner.core.settings import CapacitySettings, Weights
from planner.interfaces.scenario_charts import project_changes_frame
from planner.interfaces.scenario_exports import comparison_sheets
from planner.interfaces.scenario_text import project_change_lines
from planner.scenarios.compare import compare
from planner.scenarios.scenario import headline_metrics, new_scenario
from planner.scenarios.whatif import (
    marginal_values,
    multipliers_between,
    solve_all,
    sweep,
    with_capacity,
)
from planner.solving.solver import solve

D = Decimal


def assigned(project_id: str, team_id: str, hours: float, value: float = 0) -> Assignment:
    return Assignment(project_id, team_id, D(1), D(str(hours)), D(str(value)))


def result_of(plan: Plan | None, objective: float | None = 0.0) -> Result:
    status = Status.OPTIMAL if plan is not None else Status.INFEASIBLE
    return Result(status, plan, objective, objective, 0.0 if plan else None, 0.1)


@pytest.fixture
def two_teams() -> Problem:
    """Two marketing teams, one sales team, five projects and two goals: easy to follow."""
    return problem(
        [team("m1", capacity=100), team("m2", capacity=50), team("s1", "sales", capacity=80)],
        [
            project("p1", effort=40, value=30, goal_id="leads"),
            project("p2", effort=30, value=20, goal_id="leads"),
            project("p3", "closing", effort=60, value=5, goal_id="deals"),
            project("p4", effort=20, value=10, goal_id="leads"),
        ],
        goals=[goal("leads", 50, weight=2), goal("deals", 10)],
    )


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------


def test_headline_metrics_cap_each_goal_and_weight_them(two_teams):
    """The list's 'goal attainment' must mean what the objective counts: capped, weighted."""
    plan = Plan(
        (assigned("p1", "m1", 40, 30), assigned("p2", "m2", 30, 20), assigned("p4", "m1", 20, 10)),
        (Unassigned("p3", "no capacity"),),
    )
    metrics = headline_metrics(two_teams, result_of(plan, 12.5))
    # leads: 60 of 50 -> capped at 100 %, weight 2; deals: 0 of 10, weight 1.
    assert metrics.attainment_pct == pytest.approx(200 / 3)
    assert metrics.utilisation_pct == pytest.approx(100 * 90 / 230)
    assert (metrics.num_assigned, metrics.num_unassigned) == (3, 1)
    assert metrics.objective == 12.5


def test_metrics_without_a_plan_say_so_instead_of_zero(two_teams):
    """An infeasible scenario must not list as '0 % attainment, 0 unassigned'."""
    metrics = headline_metrics(two_teams, result_of(None, None))
    assert metrics.status is Status.INFEASIBLE
    assert metrics.attainment_pct is None and metrics.num_unassigned is None


# ---------------------------------------------------------------------------
# Compare
# ---------------------------------------------------------------------------


def test_compare_finds_moved_added_and_dropped_projects_and_deltas(two_teams):
    """Leaders ask 'what changed?': every project move, load and goal shift must be right."""
    plan_a = Plan(
        (assigned("p1", "m1", 40, 30), assigned("p2", "m2", 30, 20), assigned("p3", "s1", 60, 5)),
        (Unassigned("p4", "x"),),
    )
    extra = project("p5", effort=10, value=10, goal_id="leads")
    problem_b = two_teams.replace(projects=(*two_teams.projects, extra))
    plan_b = Plan(
        (
            assigned("p1", "m2", 40, 30),
            assigned("p3", "s1", 60, 5),
            assigned("p4", "m1", 20, 10),
            assigned("p5", "m1", 10, 10),
        ),
        (Unassigned("p2", "y"),),
    )
    a = new_scenario(two_teams, result_of(plan_a, 10.0), "A")
    b = new_scenario(problem_b, result_of(plan_b, 12.5), "B")
    diff = compare(a, b)

    assert [(c.project_id, c.before, c.after) for c in diff.changes("moved")] == [
        ("p1", ("m1",), ("m2",))
    ]
    assert [(c.project_id, c.after) for c in diff.changes("added")] == [
        ("p4", ("m1",)),
        ("p5", ("m1",)),
    ]
    assert [c.note for c in diff.changes("added")] == ["", "not in A's inputs"]
    assert [(c.project_id, c.before) for c in diff.changes("left out")] == [("p2", ("m2",))]

    loads = {t.team_id: t for t in diff.teams}
    assert loads["m1"].delta_hours == D(30) - D(40)
    assert loads["m2"].delta_hours == D(40) - D(30)
    assert loads["s1"].delta_hours == 0
    goals = {g.goal_id: g for g in diff.goals}
    assert goals["leads"].percent_a == pytest.approx(100)  # 30 + 20 of 50
    assert goals["leads"].percent_b == pytest.approx(100)  # 30 + 10 + 10 of 50
    assert goals["deals"].delta_points == pytest.approx(0)
    assert diff.delta_objective == pytest.approx(2.5)
    assert diff.input_changes == {"projects.csv": (0, 1)}


def test_compare_reads_a_project_whose_id_was_renamed_as_one_project_not_dropped_and_added():
    """A CMO renamed a project's id on the Data page (P-1 to SEO-1) and saved: Compare listed
    "SEO pages" as dropped ("not in B's inputs") and "SEO pages" as added ("not in A's
    inputs"). It is one project: with the same owner it is no change, and the inputs say it
    was renamed; moved as well, it is one move that says its id in A."""
    seo = project("P-1", effort=40, value=30, goal_id="leads", name="SEO pages")
    ads = project("P-2", effort=30, value=20, goal_id="leads", name="Paid ads")
    quarter = problem(
        [team("m1", capacity=100), team("m2", capacity=100)],
        [seo, ads],
        goals=[goal("leads", 50)],
    )
    renamed = quarter.replace(projects=(replace(seo, project_id="SEO-1"), ads))
    plan_a = Plan((assigned("P-1", "m1", 40, 30), assigned("P-2", "m2", 30, 20)), ())
    kept = Plan((assigned("SEO-1", "m1", 40, 30), assigned("P-2", "m2", 30, 20)), ())
    a = new_scenario(quarter, result_of(plan_a), "A")
    diff = compare(a, new_scenario(renamed, result_of(kept), "B"))
    assert diff.projects == ()
    assert diff.data_changes == ("Project 'SEO pages' renamed: id P-1 → SEO-1",)
    moved = Plan((assigned("SEO-1", "m2", 40, 30), assigned("P-2", "m2", 30, 20)), ())
    diff = compare(a, new_scenario(renamed, result_of(moved), "B"))
    assert [(c.project_id, c.kind, c.before, c.after, c.note) for c in diff.projects] == [
        ("SEO-1", "moved", ("m1",), ("m2",), "renamed: its id in A was P-1")
    ]


def test_compare_says_why_a_project_was_dropped_or_added_in_the_plans_own_words(two_teams):
    """Marketing at 80 %: the Compare page listed 7 projects dropped and 1 added with their
    owners and no reason; the plans had one for each (the Plan page's 'Why it is left out').
    A dropped project reads B's reason, an added one A's, a moved one B's for not keeping
    A's owner (the Plan page's "Why not ...")."""
    plan_a = Plan(
        (assigned("p1", "m1", 40, 30), assigned("p2", "m2", 30, 20)),
        (Unassigned("p3", "s1 has no room"), Unassigned("p4", "Brand has no room for its 20 h")),
    )
    plan_b = Plan(
        (assigned("p1", "m2", 40, 30), assigned("p4", "m1", 20, 10)),
        (Unassigned("p2", "Content has no room for its 30 h"), Unassigned("p3", "s1 has no room")),
    )
    # A joint project's reason starts in lower case: in a cell of its own it reads as one.
    joint = Unassigned("p2", "it needs both a sales and a marketing owner")
    plan_joint = Plan(plan_b.assignments, (joint, *plan_b.unassigned[1:]))
    joint_diff = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(two_teams, result_of(plan_joint), "B"),
    )
    diff = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(two_teams, result_of(plan_b), "B"),
    )
    assert {c.project_id: (c.kind, c.why) for c in diff.projects} == {
        "p1": ("moved", "Why not m1 in B: it could take it and the plan would be as good"),
        # m2 took p1 on in B: what p2's room went to, then B's reason.
        "p2": ("left out", "It makes room for 'p1'; Content has no room for its 30 h"),
        "p4": ("added", "A left it out: Brand has no room for its 20 h"),
    }
    assert joint_diff.changes("left out")[0].why == (
        "It makes room for 'p1'; it needs both a sales and a marketing owner"
    )
    sheets = dict(comparison_sheets(diff))
    assert list(sheets["Projects"]["Why"]) == [
        "Why not m1 in B: it could take it and the plan would be as good",
        "It makes room for 'p1'; Content has no room for its 30 h",
        "A left it out: Brand has no room for its 20 h",
    ]
    assert list(project_changes_frame(diff)["why"]) == [
        "Why not m1 in B: it could take it and the plan would be as good",
        "A left it out: Brand has no room for its 20 h",
        "It makes room for 'p1'; Content has no room for its 30 h",
    ]
    lines = project_change_lines(diff.projects)
    assert (
        "left out p2: m2 -> left out (It makes room for 'p1'; Content has no room for its 30 h)"
        in lines
    )


def test_compare_says_why_a_moved_project_left_its_owner_in_a(two_teams):
    """A CMO compared two scenarios: the dropped and added projects had a Why, the moved
    ones none, in the app and in `planner scenarios compare`. A project B's leader forbade
    from m1 moves to m2: its Why is the forbid, as the Plan page says it of m1."""
    plan_a = Plan((assigned("p1", "m1", 40, 30),), ())
    plan_b = Plan((assigned("p1", "m2", 40, 30),), ())
    forbidden = two_teams.replace(rules=(forbid("p1", "m1"),))
    diff = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(forbidden, result_of(plan_b), "B"),
    )
    (moved,) = diff.changes("moved")
    assert moved.why.startswith("Why not m1 in B: "), moved.why
    assert "forbid" in moved.why, moved.why
    lines = project_change_lines(diff.projects)
    assert any(line.startswith("moved    p1: m1 -> m2 (Why not m1 in B: ") for line in lines)


def test_compare_does_not_say_a_forbidden_project_made_room(two_teams):
    """A CMO forbade Demand Gen its paid social retargeting and compared with the base: the
    project read "It makes room for 'Sponsored LinkedIn thought-leader ads'; no team may take
    it (Demand Gen: a leader's rule forbids it ...)", as if the plan had chosen to drop it.
    The rule left it out: B's reason comes first, then where its room went."""
    plan_a = Plan((assigned("p2", "m2", 30, 20),), (Unassigned("p4", "m2 has no room"),))
    plan_b = Plan(
        (assigned("p4", "m2", 20, 10),),
        (Unassigned("p2", "no team may take it (m2: a leader's rule forbids it)"),),
    )
    forbidden = two_teams.replace(rules=(forbid("p2", "m2"),))
    diff = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(forbidden, result_of(plan_b), "B"),
    )
    (left,) = diff.changes("left out")
    assert left.why == (
        "No team may take it (m2: a leader's rule forbids it); its room goes to 'p4'"
    ), left.why
    # Without the rule, the same plans read as the plan's choice, as before.
    chosen = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(two_teams, result_of(plan_b), "B"),
    )
    assert chosen.changes("left out")[0].why.startswith("It makes room for 'p4'; ")


def test_compare_names_a_project_with_the_same_owners_in_other_weeks(two_teams):
    """A VP Sales comparing the CMO's draft with their own asked which projects change owner
    or week: Compare listed owners only and read "Every project has the same owners in A
    and B" over a project moved from weeks 1-4 to weeks 3-6. A project whose owners are
    the same and whose weeks differ is rescheduled, with its weeks either side."""

    def plan(p1_weeks: tuple[int, int]) -> Plan:
        return Plan(
            (
                replace(assigned("p1", "m1", 40, 30), start_week=p1_weeks[0], end_week=p1_weeks[1]),
                replace(assigned("p4", "m2", 20, 10), start_week=1, end_week=13),
            ),
            (Unassigned("p2", ""), Unassigned("p3", "")),
        )

    diff = compare(
        new_scenario(two_teams, result_of(plan((1, 4))), "A"),
        new_scenario(two_teams, result_of(plan((3, 6))), "B"),
    )
    (change,) = diff.projects
    assert (change.project_id, change.kind) == ("p1", "rescheduled")
    assert change.owners_text("before") == "m1, weeks 1-4"
    assert change.owners_text("after") == "m1, weeks 3-6"
    assert "rescheduled p1: m1, weeks 1-4 -> m1, weeks 3-6" in project_change_lines(diff.projects)
    assert list(dict(comparison_sheets(diff))["Projects"]["Change"]) == ["rescheduled"]
    same = compare(
        new_scenario(two_teams, result_of(plan((1, 4))), "A"),
        new_scenario(two_teams, result_of(plan((1, 4))), "B"),
    )
    assert same.projects == ()


def test_compare_reads_b_s_attainment_against_a_weighed_as_b_weighs_the_goals(two_teams, capsys):
    """The CMO made a goal matter more and compared the bundled plan with the draft: Compare
    read "goal attainment -2.4 pts", A by its old weights against B by the new ones, while
    the Data and Plan pages' banner read the same change as +3.7 pts. The change is read
    against A weighed as B weighs the goals, and the page, the workbook and the command
    line say so, with A's figure by its own weights beside it."""
    from planner.core.shown_figures import percent, points_between, points_value
    from planner.interfaces.scenario_text import print_comparison
    from planner.scenarios.metrics import plan_metrics

    leads, deals = two_teams.goals
    heavier = two_teams.replace(goals=(leads, replace(deals, weight=D(9))))
    plan_a = Plan((assigned("p1", "m1", 40, 30),), (Unassigned("p2", ""), Unassigned("p3", "")))
    plan_b = Plan((assigned("p3", "s1", 60, 5),), (Unassigned("p1", ""), Unassigned("p2", "")))
    diff = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(heavier, result_of(plan_b), "B"),
    )
    a_now = plan_metrics(heavier, plan_a).attainment_pct
    b = diff.metrics_b.attainment_pct
    assert diff.attainment_a_by_b == pytest.approx(a_now)
    assert percent(a_now) != percent(diff.metrics_a.attainment_pct)
    assert diff.attainment_change == points_between(a_now, b)
    words = diff.attainment_words()
    assert words is not None and f"A's goal attainment is {percent(a_now)}" in words
    summary = dict(comparison_sheets(diff))["Summary"]
    row = summary[summary["Figure"].str.startswith("Goal attainment")].iloc[0]
    assert row["Change"] == points_value(a_now, b)
    print_comparison(diff)
    assert words in capsys.readouterr().out
    same = compare(
        new_scenario(two_teams, result_of(plan_a), "A"),
        new_scenario(two_teams, result_of(plan_b), "B"),
    )
    assert same.attainment_a_by_b is None and same.attainment_words() is None


def test_compare_reports_settings_changes_and_a_scenario_without_plan(two_teams):
    """Comparing against an infeasible what-if shows everything dropped and why it differs."""
    plan = Plan((assigned("p1", "m1", 40, 30),), (Unassigned("p2", ""), Unassigned("p3", "")))
    capacity = CapacitySettings(multipliers={"marketing": 0.5})
    squeezed = two_teams.replace(settings=two_teams.settings.with_changes(capacity=capacity))
    diff = compare(
        new_scenario(two_teams, result_of(plan, 1.0), "base"),
        new_scenario(squeezed, result_of(None, None), "squeezed"),
    )
    assert [c.project_id for c in diff.changes("left out")] == ["p1"]
    assert diff.delta_objective is None
    assert diff.metrics_b.status is Status.INFEASIBLE
    # In words, with names: what a leader reads, not a settings key.
    assert diff.settings_changes == ("Marketing capacity 100 % → 50 %",)
    assert all(g.percent_b is None for g in diff.goals)


def test_the_quarter_s_weeks_and_start_read_in_words_in_a_comparison(two_teams):
    """`calendar.first_monday: "2025-06-30" → (not set)` was a settings key and TOML text on
    the Compare page and in the CLI; a leader reads when the quarter starts and how long it
    runs."""
    import datetime

    from planner.core.settings import CalendarSettings
    from planner.scenarios.input_changes import settings_changes

    dated = CalendarSettings(weeks=12, first_monday=datetime.date(2025, 6, 30))
    planned = two_teams.replace(settings=two_teams.settings.with_changes(calendar=dated))
    assert settings_changes(planned, two_teams) == (
        "Weeks in the quarter 12 → 13",
        "Quarter starts Mon 30 Jun 2025 → not set",
    )


def test_identical_scenarios_compare_as_no_change(two_teams):
    """A compare that invents changes would send leaders chasing ghosts."""
    result = solve(two_teams)
    diff = compare(new_scenario(two_teams, result, "a"), new_scenario(two_teams, result, "b"))
    assert diff.projects == ()
    assert all(t.delta_hours == 0 for t in diff.teams)
    assert diff.delta_objective == 0
    assert diff.settings_changes == () and diff.input_changes == {}


# ---------------------------------------------------------------------------
# Capacity what-ifs
# ---------------------------------------------------------------------------


def test_with_capacity_scales_a_department_including_teams_with_their_own_multiplier(two_teams):
    """'Marketing -20 %' must hit every marketing team, even one already adjusted."""
    capacity = CapacitySettings(multipliers={"m2": 0.5, "sales": 1.1})
    base = two_teams.replace(settings=two_teams.settings.with_changes(capacity=capacity))
    scaled = with_capacity(base, "marketing", 0.8)
    s = scaled.settings
    assert s.multiplier("m1", "marketing") == pytest.approx(0.8)
    assert s.multiplier("m2", "marketing") == pytest.approx(0.4)
    assert s.multiplier("s1", "sales") == pytest.approx(1.1)
    assert with_capacity(base, "m2", 2).settings.multiplier("m2", "marketing") == 1.0
    assert with_capacity(base, "marketing", 1) == base
    with pytest.raises(ValueError, match="neither a department nor a team"):
        with_capacity(base, "finance", 1.2)


def test_multipliers_between_spans_the_range_evenly():
    """70 %-130 % in 7 steps must be exactly the 7 points a leader expects."""
    assert multipliers_between(0.7, 1.3, 7) == [0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3]
    assert multipliers_between(1.0, 1.0, 3) == [1.0]
    with pytest.raises(ValueError):
        multipliers_between(1.3, 0.7, 3)


def test_one_sweep_step_from_one_factor_to_another_is_refused_not_cut_short():
    """`sweep --from 0.5 --to 1 --steps 1` solved 0.5 alone and printed it as the sweep:
    the upper end was dropped without a word. One step is one factor."""
    assert multipliers_between(0.8, 0.8, 1) == [0.8]
    with pytest.raises(ValueError, match="needs 2 steps or more"):
        multipliers_between(0.5, 1.0, 1)


@pytest.fixture
def tight() -> Problem:
    """Three marketing teams and ten projects: capacity decides how many fit; solves in ms."""
    efforts = [30, 25, 40, 20, 35, 15, 45, 10, 50, 28]
    values = [9, 7, 12, 5, 10, 4, 14, 3, 15, 8]
    return problem(
        [team("a", capacity=60), team("b", capacity=50), team("c", "sales", capacity=40)],
        [
            project(f"p{i}", "nurturing", effort=e, value=v, goal_id="g")
            for i, (e, v) in enumerate(zip(efforts, values, strict=True))
        ],
        goals=[goal("g", 80)],
        settings=settings(Weights(attainment=1, value=0.5, balance=0.1, fit=0, stability=0)),
    )


def test_sweep_never_shows_less_objective_for_more_capacity_when_solved_optimally(tight):
    """More people can never make the best plan worse; a sweep showing that would mislead."""
    points = sweep(tight, "marketing", multipliers_between(0.4, 1.6, 7), max_workers=2)
    assert [p.factor for p in points] == [0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6]
    assert all(p.metrics.status is Status.OPTIMAL for p in points)
    assert all(p.carried_from is None for p in points)
    objectives = [p.metrics.objective for p in points]
    assert objectives == sorted(objectives)
    assert objectives[0] < objectives[-1]  # the range matters on this instance
    hours = [p.in_force_hours for p in points]
    assert hours == sorted(hours) and hours[3] == D(110)
    # Each point's plan is valid for its own capacity.
    for point in points:
        scaled = with_capacity(tight, "marketing", point.factor)
        assert point.plan is not None and check_plan(scaled, point.plan) == []


def test_sweep_carries_a_better_plan_forward_when_a_point_stops_early(tight, monkeypatch):
    """A solve cut off by its time limit must not make extra capacity look harmful."""
    real = scenarios._solve_point

    def poor_at_high_capacity(p: Problem, *args: object, **kwargs: object) -> Result:
        result = real(p, *args, **kwargs)
        if p.settings.multiplier("a", "marketing") > 1.2:
            empty = Plan((), tuple(Unassigned(x.project_id, "stopped") for x in p.projects))
            return Result(Status.FEASIBLE, empty, 0.0, result.bound, 1.0, 0.1)
        return result

    monkeypatch.setattr(scenarios, "_solve_point", poor_at_high_capacity)
    points = sweep(tight, "marketing", [1.0, 1.2, 1.4], max_workers=1)
    last = points[-1]
    assert last.carried_from == 1.2
    assert last.metrics.status is Status.FEASIBLE
    assert last.metrics.objective >= points[1].metrics.objective
    assert check_plan(with_capacity(tight, "marketing", 1.4), last.plan) == []


def test_a_carried_plan_that_reaches_the_point_s_bound_reads_optimal_not_feasible(tight):
    """A point stopped early with a poor plan but a bound the plan carried from less capacity
    reaches: that plan is proven best there. It read 'feasible' beside a gap of 0.00 %, the
    pair that every solve's own result no longer shows."""
    best = solve(tight)
    assert best.plan is not None and best.objective is not None
    empty = Plan((), tuple(Unassigned(p.project_id, "stopped") for p in tight.projects))
    stopped = Result(Status.FEASIBLE, empty, 0.0, best.objective, 1.0, 0.1)
    carried = scenarios.carried_result(tight, stopped, best.plan)
    assert carried is not None
    assert (carried.status, carried.gap) == (Status.OPTIMAL, 0.0)
    assert carried.objective == best.objective and carried.plan == best.plan


def test_solve_all_cuts_each_limit_to_fit_the_total_budget(tight, monkeypatch):
    """A sweep of many points must end in bounded time, however long each solve could run."""
    limits = []

    def record(p: Problem, *_: object, **__: object) -> Result:
        limits.append((p.settings.solve.time_limit_s, p.settings.solve.workers))
        return result_of(None, None)

    monkeypatch.setattr(scenarios, "_solve_point", record)
    done = []
    solve_all(
        [tight] * 6,
        time_limit_s=10,
        budget_s=6,
        max_workers=2,
        progress=lambda n, total: done.append((n, total)),
    )
    # 6 solves on 2 workers = 3 rounds within 6 s: 2 s each, one core each.
    assert limits == [(2.0, 1)] * 6
    assert done[-1] == (6, 6)


def test_a_point_of_a_budget_gets_a_limit_in_hundredths_of_a_second(tight, monkeypatch):
    """`sweep --steps 5 --budget 2` told a point "no plan was found within the time limit of
    0.666667 s": each limit is cut from the budget in hundredths, rounded down."""
    limits = []

    def record(p: Problem, *_: object, **__: object) -> Result:
        limits.append(p.settings.solve.time_limit_s)
        return result_of(None, None)

    monkeypatch.setattr(scenarios, "solve", record)
    solve_all([tight] * 3, time_limit_s=10, budget_s=2, max_workers=1)
    assert limits and all(limit == round(limit, 2) <= 0.66 for limit in limits), limits


def test_solve_all_starts_no_solve_past_the_budget(tight, monkeypatch):
    """Each solve's limit bounds its search, not the model it builds first: 61 points of a
    large quarter ran a 3 s budget to 70 s. Past the budget no point starts; those left say
    so, and the sweep ends within the budget and one solve.
    """
    import time

    def slow(p: Problem, **_: object) -> Result:  # cancel=, as solve takes
        time.sleep(0.1)  # building a large model, which no time limit bounds
        return result_of(None, None)

    monkeypatch.setattr(scenarios, "solve", slow)
    started = time.perf_counter()
    results = solve_all([tight] * 20, time_limit_s=10, budget_s=0.3, max_workers=1)
    assert time.perf_counter() - started < 1.0  # 20 x 0.1 s = 2 s before
    assert len(results) == 20
    skipped = [r for r in results if r.status is Status.NO_PLAN]
    assert skipped and all("time budget" in r.reasons[0] for r in skipped)


def test_marginal_value_ranks_the_team_whose_extra_hours_pay_most(monkeypatch):
    """'Where does an extra hire pay most?' must point at the team that is the bottleneck."""
    p = problem(
        [
            team("big", capacity=100, skills={"seo": 3}),
            team("small", capacity=20),
            team("idle", "sales", capacity=50),
        ],
        [
            project("seo1", effort=100, value=50, required_skills={"seo": 3}),
            project("seo2", effort=10, value=40, required_skills={"seo": 3}),
            project("any", effort=20, value=5),
            project("gift", effort=2, value=7),
        ],
        settings=settings(VALUE_ONLY),
    )
    report = marginal_values(p, 0.10, max_workers=2)
    # Base: big does seo1 (50), small does gift (7).
    assert report.base.metrics.objective == pytest.approx(57)
    ranked = [(v.team_id, round(v.gain, 6)) for v in report.values]
    # big at 110 h fits seo1 and seo2 (+40); small at 22 h fits any and gift (+5);
    # the sales team cannot take awareness work (+0).
    assert ranked == [("big", 40), ("small", 5), ("idle", 0)]
    assert all(v.status is Status.OPTIMAL for v in report.values)
    assert {v.team_id: v.extra_hours for v in report.values} == {
        "big": D(10),
        "small": D(2),
        "idle": D(5),
    }


def test_a_department_s_hours_as_shown_are_its_exact_hours_rounded_once():
    """The sample's sales teams, each rounded on its own, read 985, 1,325, 1,041, 788 and
    1,181 h: 5,320 h on the Sales card, an hour more than their 5,319.1 h, and the plan's
    9,711 h beside its 9,709.28 h exact. The totals are rounded once (5,319 h, 9,709 h) and
    the rows add up to them (SDR 984 h), each within an hour of its exact hours, and the
    explanations write a team's hours as its row does (Demand Gen 1,378 h, never 1,379 h
    on the next page).
    """
    from pathlib import Path

    from planner.core.capacity import team_limit_shown
    from planner.core.loading import load_with_warnings
    from planner.core.shown_figures import hours, hours_value
    from planner.explain.capacity import capacity_pressure
    from planner.scenarios.metrics import plan_metrics
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    plan = solve(sample).plan
    assert plan is not None
    figures = plan_metrics(sample, plan)
    for department in ("marketing", "sales"):
        teams = [t for t in figures.teams if t.department == department]
        d = figures.department(department)
        assert d.shown_in_force_hours == sum(t.shown_in_force for t in teams)
        assert d.shown_planned_hours == sum(t.shown_planned for t in teams)
        assert abs(d.shown_in_force_hours - d.in_force_hours) < 1
        for t in teams:
            assert abs(t.shown_in_force - t.in_force_hours) < 1
            assert float(t.shown_in_force) == team_limit_shown(sample, sample.team(t.team_id))
    assert hours(figures.department("sales").shown_in_force_hours) == "5,319 h"
    assert hours(figures.department("marketing").shown_in_force_hours) == "4,390 h"
    assert figures.shown_in_force_hours == hours_value(figures.in_force_hours) == 9709
    assert figures.shown_in_force_hours == sum(
        d.shown_in_force_hours for d in figures.departments()
    )
    assert hours(figures.team("demand-gen").shown_in_force) == "1,378 h"
    said = {p.team_id: p.text(sample) for p in capacity_pressure(sample, plan)}
    assert said["demand-gen"].startswith("Demand Gen has 1,340 of 1,378 h planned")
    assert ", 38 h free" in said["demand-gen"]  # as its row subtracts: 1,378 - 1,340 h


def test_a_sweep_s_hours_at_today_s_capacity_are_the_headline_s_capacity():
    """At 100 % a capacity sweep lists the hours the headline calls the department's capacity.

    The sample plans in weeks (a holiday week, a hire): sales has 5,319 h in force (its
    teams' exact hours added up, rounded once), and the sweep's table read teams.csv's
    5,500 h.
    """
    from pathlib import Path

    from planner.core.loading import load_with_warnings
    from planner.scenarios.metrics import plan_metrics

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    (today,) = sweep(sample, "sales", [1.0], max_workers=1)
    headline = plan_metrics(sample, today.plan).department("sales").shown_in_force_hours
    assert today.in_force_hours == headline == 5319


def test_a_sweep_point_without_a_plan_says_why_and_what_would_fix_it():
    """The sample's marketing at 70 %: the sweep's row read "infeasible" (the Scenarios
    page: "No plan meets every rule") with an empty note, while ``planner solve`` at the
    same capacity names the pin that cannot hold and how to lift it. The row says it too.
    """
    from planner.interfaces.scenario_charts import sweep_frame

    mandatory = problem(
        [team("m1", capacity=100)],
        [project("must", effort=80, value=1, mandatory=True)],
    )
    (short, enough) = sweep(mandatory, "marketing", [0.5, 1.0], max_workers=1)
    assert short.metrics.status is Status.INFEASIBLE and enough.metrics.status.has_plan
    assert short.reason == solve(with_capacity(mandatory, "marketing", 0.5)).reasons[0]
    assert "'must'" in short.reason and enough.reason == ""
    notes = list(sweep_frame([short, enough])["note"])
    assert notes == [f"no plan: {short.reason}", ""]


def test_a_project_without_owners_in_a_comparison_reads_left_out_as_every_page_says():
    """The comparison (the shell, the Scenarios page, its workbook) wrote "unassigned ->
    Demand Gen", plan.csv's code word, where the Plan page and the headline cards say
    "left out"."""
    from planner.scenarios.compare import ProjectChange

    added = ProjectChange("p1", "SEO", "added", (), ("m1",), after_names=("Content",))
    assert (added.owners_text("before"), added.owners_text("after")) == ("left out", "Content")


def test_a_project_only_one_side_has_is_noted_as_that_side_a_or_b_not_by_its_name():
    """Compare, the webinar series deleted in B (the current plan, saved as "Drop the webinar
    series"): its note read "not in Current plan's inputs", a capital mid-sentence and a name
    the leader never gave it. The table heads its columns "Owners in A" and "Owners in B",
    and the command line prints "A:" and "B:": the note names the side."""
    from pathlib import Path

    from planner.core.loading import load_with_warnings

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    without = sample.replace(projects=tuple(p for p in sample.projects if p.project_id != "LG-01"))
    without = without.replace(
        estimates=tuple(e for e in without.estimates if e.project_id != "LG-01")
    )
    a = new_scenario(sample, solve(sample), "Q3 base")
    b = new_scenario(without, solve(without), "Current plan")
    (dropped,) = [c for c in compare(a, b).changes("left out") if c.project_id == "LG-01"]
    assert dropped.note == "not in B's inputs"
    (added,) = [c for c in compare(b, a).changes("added") if c.project_id == "LG-01"]
    assert added.note == "not in A's inputs"


def test_marginal_value_ranks_by_the_goal_attainment_it_shows(monkeypatch):
    """The sample's ranking put Customer Success (+0.7 pts) above Sales Engineering (+0.8
    pts) under "best first": it ranked by the optimizer's score (its balance and fit terms,
    or here the plain value of a project without a goal) while the chart, the headline and
    the shell show goal attainment. With goals, the teams rank by the attainment gained."""
    p = problem(
        [team("a", capacity=10, skills={"seo": 1}), team("b", capacity=10, skills={"pr": 1})],
        [
            project("a0", effort=10, value=0, required_skills={"seo": 1}, mandatory=True),
            project("pa", effort=1, value=10, goal_id="g1", required_skills={"seo": 1}),
            project("b0", effort=10, value=0, required_skills={"pr": 1}, mandatory=True),
            project("pb", effort=1, value=50, required_skills={"pr": 1}),
        ],
        goals=[goal("g1", 100)],
        settings=settings(Weights(attainment=1, value=1, balance=0, fit=0)),
    )
    report = marginal_values(p, 0.10, max_workers=1)
    gains = {v.team_id: (round(v.attainment_gain, 6), round(v.gain, 6)) for v in report.values}
    # b's extra hour scores more (a project worth 50 points, no goal); a's reaches the goal.
    assert gains == {"a": (10, 20), "b": (0, 50)}
    assert [v.team_id for v in report.values] == ["a", "b"]


def test_points_a_budget_leaves_too_short_to_prepare_a_plan_say_what_budget_is_enough(
    monkeypatch,
):
    """A sweep's point cut short by the budget names the budget, not the limit it has.

    ``scenarios sweep --time-limit 8 --budget 20`` on 200 teams x 6,000 projects gave
    each of 5 points 6.66 s (3 rounds of 2) and read "more than the time limit of
    6.66 s allows. Raise the time limit to at least 8 s" for --time-limit 8.
    """
    import planner.solving.limits as limits_module

    prob = problem(
        [team("a"), team("b")],
        [project(f"p{i}", value=i + 1) for i in range(3)],
        settings=settings(time_limit_s=8.0),
    )
    monkeypatch.setattr(limits_module, "_PREPARE_S_PER_CANDIDATE", 7.2 / 6)
    points = [prob] * 3
    short = scenarios.solve_all(points, budget_s=8.0, max_workers=1)
    assert all(r.plan is None for r in short)
    reason = short[0].reasons[0]
    assert "budget of 8 s" in reason and "--budget" in reason, reason
    asked = int(reason.split("at least ")[1].split(" s")[0])
    assert [
        r.plan is not None for r in scenarios.solve_all(points, budget_s=asked, max_workers=1)
    ] == [True] * 3


def test_a_goals_change_in_a_comparison_is_between_the_percentages_as_shown():
    """`scenarios compare --json` gave a goal's change from the unrounded figures (85.62 %
    to 85.85 %: 0.23) beside the Compare tab's chart and every page's 85.6 % → 85.9 %
    (+0.3 pts); it is now the shown difference, never "-0.0"."""
    from planner.scenarios.compare import GoalDelta

    assert GoalDelta("g", "G", 85.62, 85.85).delta_points == 0.3
    assert GoalDelta("g", "G", 85.62, 85.64).delta_points == 0.0
    assert str(GoalDelta("g", "G", 85.64, 85.62).delta_points) == "0.0"
    assert GoalDelta("g", "G", None, 50.0).delta_points == 50.0


def test_compare_says_first_that_b_edited_a_changed_project_s_own_row(two_teams):
    """A CMO compared a scenario with the sample: SEO pillar pages left out read "It makes
    room for ...; Content has no room for its 85.0 h a week", and a project rescheduled read
    no Why at all, where the analyst had squeezed its weeks on the Data page. A project whose
    own row B edited says so first, with what changed; one with the same row reads as before.
    """
    p1 = two_teams.project("p1")
    squeezed = replace(p1, effort_hours=Decimal(30), duration_weeks=2, due_week=6)
    edited = two_teams.replace(
        projects=tuple(squeezed if p.project_id == "p1" else p for p in two_teams.projects)
    )

    def plan(p1_weeks: tuple[int, int], hours: float) -> Plan:
        return Plan(
            (
                replace(
                    assigned("p1", "m1", hours, 30), start_week=p1_weeks[0], end_week=p1_weeks[1]
                ),
                replace(assigned("p4", "m2", 20, 10), start_week=1, end_week=13),
            ),
            (Unassigned("p2", ""), Unassigned("p3", "")),
        )

    diff = compare(
        new_scenario(two_teams, result_of(plan((1, 13), 40)), "A"),
        new_scenario(edited, result_of(plan((5, 6), 30)), "B"),
    )
    (change,) = diff.projects
    assert (change.project_id, change.kind) == ("p1", "rescheduled")
    assert change.why == (
        "Its row is edited in B (effort 40 h → 30 h, runs its whole window → 2 weeks, "
        "done by week 13 → 6)"
    )
    same = compare(
        new_scenario(two_teams, result_of(plan((1, 13), 40)), "A"),
        new_scenario(two_teams, result_of(plan((2, 13), 40)), "B"),
    )
    assert [c.why for c in same.projects] == [""]


def test_a_points_time_limit_under_a_tenth_of_a_second_is_kept(tight, monkeypatch):
    """`scenarios marginal --time-limit 0.01` gave each team 0.1 s, and told a quarter too
    large for it "more than the time limit of 0.1 s allows": the tenth of a second a budget's
    cut is kept to was put under the limit asked for too. The limit asked for stands; only a
    budget's cut has the floor."""
    limits = []

    def record(p: Problem, *_: object, **__: object) -> Result:
        limits.append(p.settings.solve.time_limit_s)
        return result_of(None, None)

    monkeypatch.setattr(scenarios, "_solve_point", record)
    solve_all([tight] * 3, time_limit_s=0.01, budget_s=120, max_workers=1)
    solve_all([tight] * 3, time_limit_s=0.01, max_workers=1)
    assert limits == [0.01] * 6
    # A budget cut past a tenth of a second is still given a tenth.
    limits.clear()
    solve_all([tight] * 40, time_limit_s=10, budget_s=1, max_workers=1)
    assert set(limits) == {0.1}
