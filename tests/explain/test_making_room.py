"""What it would take to bring in a project the weeks keep out: hours more, or work dropped.

Each claim is a plan: the one it describes is built and held to the independent checker,
and its figures to the Overview's (``plan_metrics``).
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from builders import goal, pin, problem, project, team

from planner.checker import check_plan
from planner.core.domain import Assignment, CalendarRow, Plan, Unassigned
from planner.core.loading import load_with_warnings
from planner.core.pairs import pair_of
from planner.core.shown_figures import percent
from planner.explain import explain_project
from planner.explain.making_room import hours_to_fit, room_by_dropping
from planner.scenarios.metrics import plan_metrics
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_project_the_weeks_keep_out_says_what_dropping_the_work_in_its_way_would_cost():
    """ "Content has no room for its 40 h a week in weeks 1-10" left a VP asking "what would
    I give up for it?". The benchmark report's explanation names the planned work whose
    weeks would make room and the goal attainment with it in their place; that plan keeps
    every rule, and its attainment is the Overview's."""
    sample = load_with_warnings(SAMPLE).problem
    result = solve(sample)
    assert result.plan is not None
    why = explain_project(sample, result, "AW-06")
    assert why.lines[2] == (
        "To make room on Content in weeks 1-8, the plan would take out 'SEO pillar pages: "
        "compliance automation hub' (22,000 website visitors) and 'Gated ebook: The CFO's "
        "guide to revenue forecasting' (300 MQLs): goal attainment 85.6 % → 84.1 % with it "
        "in their place."
    )
    room = room_by_dropping(sample, result.plan, "AW-06")
    assert room is not None and room.teams == ("content",) and room.run == range(1, 9)
    gone = {a.project_id for a in room.dropped}
    assert gone == {"AW-01", "LG-03"}
    pair = pair_of(sample, sample.project("AW-06"), sample.team("content"))
    swapped = Plan(
        (
            *(a for a in result.plan.assignments if a.project_id not in gone),
            Assignment("AW-06", "content", pair.share, pair.effort_hours, pair.value, False, 1, 8),
        ),
        (
            *(u for u in result.plan.unassigned if u.project_id != "AW-06"),
            *(Unassigned(p, "dropped") for p in sorted(gone)),
        ),
    )
    assert check_plan(sample, swapped) == []
    assert percent(plan_metrics(sample, result.plan).attainment_pct) == "85.6 %"
    assert percent(plan_metrics(sample, swapped).attainment_pct) == "84.1 %"


def test_dropping_nothing_that_may_be_dropped_makes_room_says_so():
    """A pinned project takes half the only team's every week, other work some more: what may
    be dropped frees too little for the launch, and the explanation says so rather than
    nothing."""
    quarter = problem(
        [team("m1", capacity=130, name="Content")],
        [
            project("kept", effort=65, value=5, goal_id="g1", duration_weeks=13),
            project("other", effort=39, value=3, goal_id="g1", duration_weeks=13),
            project("launch", effort=30, value=9, goal_id="g1", duration_weeks=3),
        ],
        goals=[goal("g1", 20)],
        rules=[pin("kept", "m1")],
    )
    result = solve(quarter)
    assert result.plan is not None
    assert result.plan.owners() == {"kept": {"m1"}, "other": {"m1"}}
    room = room_by_dropping(quarter, result.plan, "launch")
    assert room is not None and room.dropped == ()
    assert explain_project(quarter, result, "launch").lines[-1] == (
        "Taking out work planned on Content would not make room for it either: the work in its "
        "weeks that may be taken out (not pinned, mandatory or needed by other planned work) "
        "frees too few hours."
    )


def _joint_quarter(m1_week_2: Decimal = Decimal(5), s1_week_4: Decimal = Decimal(5)):
    """AEs free in weeks 1-3 and 5 h in week 4; Content 5 h in week 2 and free from week 3:
    a 3-week joint project of 10 h a week on each side has no run with room on both."""
    return problem(
        [team("s1", "sales", capacity=1300, name="AEs"), team("m1", capacity=1300, name="Content")],
        [project("abm", "nurturing", effort=60, value=5, joint=True, duration_weeks=3)],
        calendar=[
            CalendarRow("s1", 4, 4, s1_week_4),
            CalendarRow("s1", 5, 13, Decimal(0)),
            CalendarRow("m1", 1, 1, Decimal(0)),
            CalendarRow("m1", 2, 2, m1_week_2),
        ],
    )


def test_a_joint_project_the_weeks_keep_out_says_the_hours_both_sides_need():
    """A joint project's "what it would take" was not said at all: its two teams' weeks
    must meet. The fewest hours are 5 h more for each team, in weeks 2-4; given them, the
    plan takes it."""
    quarter = _joint_quarter()
    result = solve(quarter)
    assert result.plan is not None and result.plan.owners() == {}
    fit = hours_to_fit(quarter, result.plan, "abm")
    assert fit is not None and fit.run == range(2, 5)
    assert explain_project(quarter, result, "abm").lines[1] == (
        "It would fit beside everything planned with 5 h more for AEs in week 4 (5 h) and "
        "5 h more for Content in week 2 (5 h), for a run in weeks 2-4; a re-plan may give "
        "those hours to other work."  # a quarter without goals: none to do more for
    )
    given = solve(_joint_quarter(Decimal(10), Decimal(10)))
    assert given.plan is not None and given.plan.owners() == {"abm": {"s1", "m1"}}


def _crossed_pairs(**weeks_of_m1: Decimal):
    """Two pairs hold the joint project's skills together: AEs with Content, SDRs with
    Demand Gen. AEs and Demand Gen have room in weeks 1-3 only, SDRs and Content in weeks
    8-10 only: each side has room in both runs, no pair in one."""
    zero = Decimal(0)
    return problem(
        [
            team("s1", "sales", capacity=1300, name="AEs", skills={"negotiation": 3}),
            team("s2", "sales", capacity=1300, name="SDRs", skills={"analytics": 3}),
            team("m1", "marketing", capacity=1300, name="Content", skills={"analytics": 3}),
            team("m2", "marketing", capacity=1300, name="Demand Gen", skills={"negotiation": 3}),
        ],
        [
            project(
                "abm",
                "nurturing",
                effort=60,
                value=5,
                goal_id="g1",
                joint=True,
                duration_weeks=3,
                required_skills={"negotiation": 3, "analytics": 3},
            )
        ],
        goals=[goal("g1", 10)],
        calendar=[
            CalendarRow("s1", 4, 13, zero),
            CalendarRow("m2", 4, 13, zero),
            CalendarRow("s2", 1, 7, zero),
            CalendarRow("s2", 11, 13, zero),
            CalendarRow("m1", 1, 7, weeks_of_m1.get("early", zero)),
            CalendarRow("m1", 11, 13, zero),
        ],
    )


def test_a_joint_project_whose_pairs_weeks_never_meet_says_so():
    """Each side had a team with room in weeks 1-3 and one in weeks 8-10, so the sides'
    weeks met, but the pairs that hold the skills were AEs (weeks 1-3) with Content (weeks
    8-10) and SDRs (weeks 8-10) with Demand Gen (weeks 1-3): the reason read "no start in
    weeks 1-13 has room for it on AEs, Content, SDRs and Demand Gen together". It says each
    pair's weeks; with Content given weeks 1-7, AEs and Content take it."""
    quarter = _crossed_pairs()
    result = solve(quarter)
    assert result.plan is not None
    (left_out,) = result.plan.unassigned
    assert left_out.reason == (
        "it needs a sales and a marketing owner who hold its skills together, in the same "
        "weeks, and no such pair has a run of 3 weeks with room on both: AEs has room for its "
        "share only in weeks 1-3 and Content only in weeks 8-10; SDRs has room for its share "
        "only in weeks 8-10 and Demand Gen only in weeks 1-3, when it could run for 3 weeks "
        "within weeks 1-13"
    )
    # The hours that would fit it name the pair: Content's alone are not enough.
    assert explain_project(quarter, result, "abm").lines[1] == (
        "It would fit beside everything planned with 30 h more for Content in weeks 1-3 (up "
        "to 10 h in a week), with AEs as its sales owner, for a run in weeks 1-3; a re-plan "
        "may give those hours to work that does more for the goals."
    )
    given = solve(_crossed_pairs(early=Decimal(100)))
    assert given.plan is not None and given.plan.owners() == {"abm": {"s1", "m1"}}


def test_the_hours_that_would_fit_a_project_are_never_asked_of_a_team_at_its_project_limit():
    """A generated quarter's project read "would fit beside everything planned with 5 h more
    for" a team that already owned its limit of 4 projects: no hours bring it in there.
    Content lacks 6 h but owns its 1 project; Brand lacks 15 h and is the one said."""
    quarter = problem(
        [
            team("m1", capacity=117, name="Content", max_projects=1),
            team("m2", capacity=65, name="Brand"),
        ],
        [
            project("kept", effort=13, value=5, goal_id="g1", duration_weeks=13),
            project("launch", effort=30, value=1, goal_id="g1", duration_weeks=3),
        ],
        goals=[goal("g1", 10)],
        rules=[pin("kept", "m1")],
    )
    result = solve(quarter)
    assert result.plan is not None and result.plan.owners() == {"kept": {"m1"}}
    fit = hours_to_fit(quarter, result.plan, "launch")
    assert fit is not None and set(fit.short) == {"m2"}
    assert sum(fit.short["m2"].values()) == 15


def test_a_swap_worth_under_a_tenth_of_a_point_says_what_changes_in_words():
    """A swap whose cost rounds away read "goal attainment 88.4 % → 88.4 % with it in its
    place", as if the figures had been left unfinished: the digits where they differ, or
    that the goals' progress does not change."""
    sample = load_with_warnings(SAMPLE).problem
    result = solve(sample)
    assert result.plan is not None
    room = room_by_dropping(sample, result.plan, "AW-06")
    assert room is not None
    close = replace(room, before=Fraction(8842, 100), after=Fraction(8838, 100))
    assert close.words(sample).endswith(
        ": goal attainment 88.42 % → 88.38 % with it in their place"
    )
    same = replace(room, before=Fraction(884, 10), after=Fraction(884, 10))
    said = same.words(sample)
    assert said.endswith(": no change in the goals' progress with it in their place"), said
    assert "88.4 % → 88.4 %" not in said


def test_in_a_quarter_without_goals_the_room_a_project_needs_is_said_in_value_and_hours(
    tmp_path,
):
    """The sample with no goals: the benchmark report kept out by Content's weeks had no
    line on what making room would cost (goal attainment has no meaning there) and one
    that other work "does more for the goals". It says what the swap gives up in the plan's
    value and hours, and that a re-plan may give the hours to other work."""
    folder = tmp_path / "no-goals"
    shutil.copytree(SAMPLE, folder)
    projects = folder / "projects.csv"
    with projects.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["goal_id"] = ""
    with projects.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (folder / "goals.csv").write_text("goal_id,name,kpi,target,weight\n", encoding="utf-8")
    quarter = load_with_warnings(folder).problem
    assert not quarter.goals
    result = solve(quarter)
    assert result.plan is not None and "AW-06" not in result.plan.owners()
    room = room_by_dropping(quarter, result.plan, "AW-06")
    assert room is not None and room.by_value and room.dropped
    planned = sum(Decimal(a.value) for a in result.plan.assignments)
    assert room.before == planned
    gone = sum(Decimal(a.value) for a in room.dropped)
    added = pair_of(quarter, quarter.project("AW-06"), quarter.team(room.teams[0])).value
    assert room.after == planned - gone + added
    lines = explain_project(quarter, result, "AW-06").lines
    said = [line for line in lines if line.startswith("To make room on")]
    assert len(said) == 1 and "the plan's value " in said[0], lines
    assert "(value " in said[0] and " h)" in said[0], said
    assert "points" not in said[0], said
    assert "goal attainment" not in " ".join(lines)
    assert "for the goals" not in " ".join(lines), lines


def test_weeks_with_room_that_hold_no_run_are_named_beside_the_weeks_without():
    """ "Content has no room ... in weeks 7-12" and then "20 h more for Content in weeks 9-12
    ..., for a run in weeks 9-13" left a VP to guess about week 13: the reason says week
    13 has room, and why that is not enough, so the hours asked for read as the rest."""
    quarter = problem(
        [team("m1", capacity=130, name="Content")],
        [
            project("kept", effort=120, value=9, goal_id="g1", duration_weeks=12, due_week=12),
            project("launch", effort=25, value=1, goal_id="g1", duration_weeks=5, earliest_week=7),
        ],
        goals=[goal("g1", 20)],
        rules=[pin("kept", "m1")],
    )
    result = solve(quarter)
    assert result.plan is not None and result.plan.owners() == {"kept": {"m1"}}
    assert explain_project(quarter, result, "launch").lines[:2] == (
        "Content has no room for its 5.0 h a week in weeks 7-12 (week 13 has room, but not 5 "
        "weeks in a row), when it must run for 5 weeks within weeks 7-13.",
        "It would fit beside everything planned with 20 h more for Content in weeks 9-12 (up "
        "to 5 h in a week), for a run in weeks 9-13; a re-plan may give those hours to work "
        "that does more for the goals.",
    )
