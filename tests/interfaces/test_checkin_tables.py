"""planner.interfaces.checkin_tables: the Check-in page's tables read back as a check-in."""

from __future__ import annotations

import math
from decimal import Decimal

import pandas as pd
import pytest
from builders import goal, problem, project, team

from planner.core.tables import MAX_HOURS, MAX_VALUE
from planner.interfaces.checkin_tables import (
    as_typed,
    checkin_from,
    number,
    prefill_fraction,
    settled_projects,
    tables_for,
)
from planner.scenarios.checkin import CheckIn
from planner.solving.solver import solve


def _tables():
    prob = problem(
        [team("content", name="Content")],
        [project("seo", goal_id="leads", name="SEO pages")],
        goals=[goal("leads", 100, kpi="MQLs", name="Leads")],
    )
    plan = solve(prob).plan
    assert plan is not None
    return tables_for(prob, plan, CheckIn(Decimal(6), Decimal(13)))


def test_a_figure_past_what_the_planner_reads_is_a_problem_naming_its_row():
    """A KPI achieved of 1e308 (pasted, or typed in the wrong unit) was taken as read: the
    page then stopped on an OverflowError drawing the pace chart, and a figure the
    check-in file refuses ("larger than the planner reads") was re-planned from. Both
    tables now refuse what the file refuses, naming the goal or team, and accept the
    largest figure the file reads."""
    for column, table, key, most in (
        ("achieved", "goals", "Leads (leads)", MAX_VALUE),
        ("hours_used", "hours", "Content (content)", MAX_HOURS),
    ):
        for typed in (1e308, float(most) * 10, float("inf")):
            frames = _tables()
            frames[table][column] = typed
            checkin, _, errors = checkin_from(6, 13, frames)
            assert checkin is None
            (error,) = errors
            assert error.startswith(f"{key}: ") and "larger than the planner reads" in error
            assert f"at most {most:,.0f}" in error and "units" in error
        frames = _tables()
        frames[table][column] = float(most)
        checkin, _, errors = checkin_from(6, 13, frames)
        assert checkin is not None and not errors


def test_a_kpi_pre_filled_reads_the_same_in_the_editor_the_pace_and_the_forecast():
    """The pre-fill kept a decimal where a whole unit would move the goal's forecast
    (232.5 SQLs), and the pace chart's "Achieved so far" and the forecast table read
    "233" beside it: one figure, two readings. A KPI that counts things is now pre-filled
    whole (every KPI of the sample: SQLs, customers, dollars), and the editor, the pace
    and the forecast read the one figure; the goal stays on track, and achieved +
    re-plan still adds up to the forecast as written.
    """
    from planner import load_problem
    from planner.core.shown_figures import amount_shown
    from planner.interfaces.checkin_charts import pace_frame
    from planner.interfaces.checkin_tables import forecast_frame
    from planner.scenarios.checkin_goals import Pace, goal_progress, quarter_forecast
    from planner.scenarios.on_plan import achieved_by_goal, on_plan
    from planner.scenarios.replan import carried_baseline
    from planner.scenarios.rest_of_quarter import replan_problem

    prob = load_problem("data/sample")
    plan = solve(prob).plan
    assert plan is not None
    with_decimals = 0
    for week in (2, 7, 8, 10):
        found = on_plan(prob, plan, Decimal(week), Decimal(13))
        typed = found.typed(prob)
        editor = tables_for(prob, plan, typed)["goals"].set_index("goal_id")["achieved"]
        progress = goal_progress(prob, typed, achieved_by_goal(prob, found.checkin))
        assert [g.goal_id for g in progress if g.pace is Pace.BEHIND] == []
        ids = [g.goal_id for g in progress]
        details = dict(zip(ids, pace_frame(progress)["detail"], strict=True))
        carried = carried_baseline(
            replan_problem(prob, plan, typed, max_changes=None, stability_weight=0.0), plan
        )
        ends = quarter_forecast(prob, typed, carried)
        rows = forecast_frame(ends, {f.goal_id: f for f in ends}).set_index("goal")
        for g in prob.goals:
            recorded = float(editor[g.goal_id])
            with_decimals += recorded >= 10 and recorded != int(recorded)
            assert details[g.goal_id].startswith(amount_shown(recorded) + " of "), (week, g)
            row = rows.loc[g.name]
            assert row["achieved"] == recorded, (week, g.goal_id)
            assert round(row["achieved"] + row["still_to_come"], 6) == row["forecast"]
    assert not with_decimals, "the sample's KPIs count things: pre-filled whole"


def test_a_problem_in_the_tables_names_the_goal_project_or_team_as_the_page_shows_it():
    """The tables show names (the ids are hidden): a problem named "leads:" pointed at a
    row the leader cannot see. It names the row as shown, with the id for the file."""
    frames = _tables()
    frames["goals"]["achieved"] = -1.0
    frames["hours"]["hours_used"] = -1.0
    frames["projects"]["status"] = "in progress"
    frames["projects"]["percent_done"] = 120.0
    checkin, _, errors = checkin_from(6, 13, frames)
    assert checkin is None
    assert errors == [
        "SEO pages (seo): % done must be 0 to 100 (100 % marks it done).",
        "Leads (leads): the KPI achieved cannot be negative.",
        "Content (content): hours used cannot be negative.",
    ]


def test_hours_used_are_pre_filled_in_whole_hours_and_the_unchanged_pre_fill_keeps_the_plan():
    """The Hours used tab pre-filled 291.74 beside capacities in whole hours: a record the
    leader types over, in a figure nobody keeps. It reads whole hours (one decimal below
    10), rounded down, so that re-planning the pre-fill unchanged, with no change allowed,
    still keeps every project of the plan where it is.
    """
    from planner import load_problem
    from planner.scenarios.on_plan import on_plan
    from planner.scenarios.replan import replan

    prob = load_problem("data/sample")
    plan = solve(prob).plan
    assert plan is not None
    with_decimals = 0
    for week in (3, 7):
        found = on_plan(prob, plan, Decimal(week), Decimal(13))
        typed = found.typed(prob)
        shown = tables_for(prob, plan, typed)["hours"].set_index("team_id")["hours_used"]
        for team_id, exact in found.checkin.hours_used.items():
            with_decimals += exact != int(exact)
            typed_hours = float(shown[team_id])
            step = 1 if exact >= 10 else 0.1
            assert typed_hours == float(typed.hours_used[team_id])
            assert round(typed_hours / step, 9) == int(round(typed_hours / step, 9)), team_id
            assert float(exact) - step < typed_hours <= float(exact), (week, team_id)
        outcome = replan(prob, plan, typed, max_changes=0, stability_weight=0)
        assert outcome.result.plan is not None, outcome.result.reasons
        kept = outcome.result.plan.owners()
        assert {p: kept.get(p) for p in outcome.problem.baseline.owners} == dict(
            outcome.problem.baseline.owners
        )
    assert with_decimals, "the sample's plan has hours used with decimals to pre-fill"


def test_an_end_week_is_read_for_work_in_progress_and_refused_outside_the_weeks_left():
    """ "Ends in week" is the week a project in progress ends in: 9 reads as week 9; a week
    not after the weeks elapsed, past the quarter or part-way is refused naming the
    project and the weeks to give; on a project not in progress it is left aside, as its
    % done is."""
    frames = _tables()
    frames["projects"]["status"] = "in progress"
    frames["projects"]["percent_done"] = 40.0
    frames["projects"]["end_week"] = 9.0
    checkin, _, errors = checkin_from(6, 13, frames)
    assert errors == [] and checkin is not None
    assert checkin.progress("seo").end_week == 9
    for typed, why in (
        (6.0, "is not after week 6, the weeks elapsed"),
        (14.0, "is past the end of the 13-week quarter"),
        (8.5, "is part-way through a week"),
    ):
        frames["projects"]["end_week"] = typed
        checkin, _, errors = checkin_from(6, 13, frames)
        assert checkin is None
        assert errors == [
            f"SEO pages (seo): Ends in week {typed:g} {why}; give a week from 7 to 13, or "
            "mark it done if its work is over."
        ]
    frames["projects"]["status"] = "done"
    checkin, _, errors = checkin_from(6, 13, frames)
    assert errors == [] and checkin is not None and checkin.progress("seo").end_week is None


@pytest.mark.parametrize(("typed", "shown"), [("-0", "0"), ("0", "0"), ("-9", "-9")])
def test_an_end_week_before_the_quarter_is_said_as_a_leader_says_it(typed, shown):
    """ "-0" typed in "Ends in week" read "Ends in week -0 is not after week 6, the weeks
    elapsed": a minus before nought, and a week before the first said as if it were a week
    of the quarter. It reads as a figure does, and as the check-in file says it: before the
    quarter's first week."""
    frames = _tables()
    frames["projects"]["status"] = "in progress"
    frames["projects"]["percent_done"] = 40.0
    frames["projects"]["end_week"] = pd.Series([typed], dtype=object)
    checkin, _, errors = checkin_from(6, 13, frames)
    assert checkin is None
    assert errors == [
        f"SEO pages (seo): Ends in week {shown} is before the quarter's first week; give a "
        "week from 7 to 13, or mark it done if its work is over."
    ]


@pytest.mark.parametrize(
    ("typed", "fix"),
    [
        (",5", "write the week it ends in as a whole number."),
        ("9,", "write the week it ends in as a whole number."),
        ("7,0", "write 7 if that is the week meant."),
    ],
)
def test_a_week_typed_with_a_comma_is_told_a_week_not_a_fraction(typed, fix):
    """ ",5" in "Ends in week" was told "write .5 if that is the figure meant": half a
    week, which the same cell then refuses as part-way through a week. A week cell is
    told to write a week."""
    from planner.interfaces.checkin_tables import typed_problems

    frames = _tables()
    frames["projects"]["status"] = "in progress"
    frames["projects"]["end_week"] = pd.Series([typed], dtype=object)
    (said,) = typed_problems(frames)
    assert said.endswith(fix), said
    assert ".5 if" not in said, said


def test_an_end_week_is_read_as_every_typed_figure_is_to_three_decimals():
    """ "Ends in week" typed "7.0001": the typed-figure check (:func:`number`, three
    decimals) read it as 7.000 and let it through, then the end week's own ``float()``
    read 7.0001 and refused it as part-way through a week. One reading: week 7; a
    figure part-way at three decimals (7.001) is still refused."""
    assert number("7.0001") == Decimal("7.000")
    frames = _tables()
    frames["projects"]["status"] = "in progress"
    frames["projects"]["percent_done"] = 40.0
    frames["projects"]["end_week"] = "7.0001"
    checkin, _, errors = checkin_from(6, 13, frames)
    assert errors == [] and checkin is not None
    assert checkin.progress("seo").end_week == 7
    frames["projects"]["end_week"] = "7.001"
    checkin, _, errors = checkin_from(6, 13, frames)
    assert checkin is None
    assert errors == [
        "SEO pages (seo): Ends in week 7.001 is part-way through a week; give a week from 7 "
        "to 13, or mark it done if its work is over."
    ]


def test_an_infinite_end_week_or_kpi_is_a_problem_not_a_crash():
    """An "Ends in week" or KPI achieved of inf (or -inf), as a forged edit of the grid
    sends it: the Check-in page stopped on 'OverflowError: cannot convert float infinity
    to integer' (the end week's check, and the note on KPIs pre-filled with a decimal);
    each is refused naming its project or goal."""
    for typed in (float("inf"), float("-inf")):
        frames = _tables()
        frames["projects"]["status"] = "in progress"
        frames["projects"]["percent_done"] = 40.0
        frames["projects"]["end_week"] = typed
        checkin, _, errors = checkin_from(6, 13, frames)
        assert checkin is None
        assert errors == [
            f"SEO pages (seo): Ends in week {typed:g} is not a week; give a week from 7 to "
            "13, or mark it done if its work is over."
        ]
        frames = _tables()
        frames["goals"]["achieved"] = typed
        assert prefill_fraction(frames["goals"]) is None
        checkin, _, (error,) = checkin_from(6, 13, frames)
        assert checkin is None and error.startswith("Leads (leads): ")


def test_the_hours_used_table_lists_the_teams_as_every_other_page_does():
    """Check-in's Hours used listed SDR Team first (teams.csv's order), where the cards, the
    Plan page, the Team load sheet and `planner solve` give Marketing's teams first, Demand
    Gen on top: a VP Sales looking for a team found it where no other table had it."""
    from planner import load_problem
    from planner.scenarios.metrics import plan_metrics

    prob = load_problem("data/sample")
    plan = solve(prob).plan
    assert plan is not None
    hours = tables_for(prob, plan, CheckIn(weeks_elapsed=Decimal(6)))["hours"]
    assert list(hours["team_id"]) == [t.team_id for t in plan_metrics(prob, plan).teams]
    assert hours["team"].iloc[0] == "Demand Gen"


def test_a_done_project_settles_at_100_percent_done_and_others_keep_what_was_typed():
    """A project marked done reads 100 % done with no end week (its old 40 % beside "done"
    read as work left); a % typed on a project not started yet is the leader's next record,
    kept; a table that reads right already needs nothing."""
    frame = pd.DataFrame(
        {
            "project_id": ["a", "b", "c"],
            "status": ["done", "not started", "in progress"],
            "percent_done": [40.0, 30.0, 50.0],
            "end_week": [9.0, math.nan, 10.0],
        }
    )
    settled = settled_projects(frame)
    assert settled is not None
    assert list(settled["percent_done"]) == [100.0, 30.0, 50.0]
    assert settled["end_week"].isna().tolist() == [True, True, False]
    assert settled_projects(settled) is None


def test_a_project_in_progress_typed_100_percent_done_is_done_not_refused():
    """A VP whose project finished early typed 100 in its "% done": the page refused it
    ("% done must be 0 to 99 (mark it done at 100 %)"), though 100 % was just what she
    typed. The row settles as done, with no end week, and the check-in counts it done."""
    frame = pd.DataFrame(
        {
            "project_id": ["a", "b"],
            "status": ["in progress", "in progress"],
            "percent_done": [100.0, 99.0],
            "end_week": [9.0, 10.0],
        }
    )
    settled = settled_projects(frame)
    assert settled is not None
    assert list(settled["status"]) == ["done", "in progress"]
    assert list(settled["percent_done"]) == [100.0, 99.0]
    assert settled["end_week"].isna().tolist() == [True, False]
    assert settled_projects(settled) is None
    frames = _tables()
    frames["projects"]["status"] = "in progress"
    frames["projects"]["percent_done"] = 100.0
    checkin, _, errors = checkin_from(6, 13, frames)
    assert errors == []
    assert checkin is not None
    assert checkin.progress("seo").status.value == "done"


def test_a_percent_under_1_the_pre_fill_wrote_itself_is_not_told_to_be_a_share():
    """A 53-week period checked in half a week in: the pre-fill wrote 0.9 % done for a
    project running the whole period, and the page told the leader "Write 90 for 90 %" of
    the app's own figure. Only a % done the leader typed is said; 0.6 typed still is.
    (0.4 of a week in, 0.75 % of the run, rounded up so as to leave no more work than
    the plan: 0.8 %.)"""
    from builders import settings

    from planner.core.domain import Assignment, Plan
    from planner.core.settings import CalendarSettings
    from planner.interfaces.checkin_tables import shares_of_one
    from planner.scenarios.on_plan import on_plan

    prob = problem(
        [team("content", capacity=2000)],
        [project("seo", effort=500, name="SEO pages")],
        settings=settings(calendar=CalendarSettings(weeks=53)),
    )
    plan = Plan((Assignment("seo", "content", Decimal(1), Decimal(500), Decimal(1)),))
    pre_filled = on_plan(prob, plan, Decimal("0.4"), Decimal(53)).typed(prob)
    projects = tables_for(prob, plan, pre_filled)["projects"]
    assert projects["percent_done"].tolist() == [0.8]
    assert shares_of_one(projects, pre_filled) == []
    typed = projects.assign(percent_done=[0.6])
    (said,) = shares_of_one(typed, pre_filled)
    assert said.startswith("SEO pages") and "Write 60 for 60 %" in said, said


def test_a_kpi_achieved_typed_with_the_app_s_own_thousands_commas_is_read():
    """The goals grid's Target reads 11,000,000 as every page writes a figure; a leader who
    typed "9,700,000" beside it was refused ("it has a thousands separator"). The app's own
    form, a comma every three digits, is read in that grid; a decimal comma ("1,5"), commas
    in other places ("97,00,000") are refused as before. The other grids read it too: Hours
    used refused "1,000" beside a goals grid that read "9,700,000"."""
    for typed, read in (("9,700,000", 9700000), ("1,000.5", Decimal("1000.5")), ("95", 95)):
        frames = _tables()
        frames["goals"]["achieved"] = pd.Series([typed], dtype=object)
        checkin, _, errors = checkin_from(6, 13, frames)
        assert checkin is not None and not errors, errors
        assert checkin.achieved["leads"] == read
    for table, column, typed in (
        ("goals", "achieved", "1,5"),
        ("goals", "achieved", "97,00,000"),
        ("goals", "achieved", "1,000,0"),
        ("hours", "hours_used", "1,00"),
    ):
        frames = _tables()
        frames[table][column] = pd.Series([typed], dtype=object)
        checkin, _, errors = checkin_from(6, 13, frames)
        assert checkin is None and len(errors) == 1 and f"'{typed}' is not a number" in errors[0]
    frames = _tables()
    frames["hours"]["hours_used"] = pd.Series(["1,000"], dtype=object)
    checkin, _, errors = checkin_from(6, 13, frames)
    assert checkin is not None and not errors, errors
    assert list(checkin.hours_used.values()) == [1000]


def test_a_figure_typed_with_a_point_and_no_decimals_is_read_after_the_page_groups_it():
    """A leader's "1000." in Hours used is a plain figure, kept as typed; the page groups
    the records it keeps by thousands when it draws them again (another page and back),
    "1,000.", and the app's own thousands form did not read that: "'1,000.' is not a
    number (it has a thousands separator); write 1000. if that is the figure meant",
    the figure the leader had typed."""
    frames = _tables()
    frames["hours"]["hours_used"] = pd.Series(["1000."], dtype=object)
    grouped = as_typed(frames)
    assert list(grouped["hours"]["hours_used"]) == ["1,000."]
    checkin, _, errors = checkin_from(6, 13, grouped)
    assert checkin is not None and not errors, errors
    assert list(checkin.hours_used.values()) == [1000]


def test_a_done_project_set_back_to_in_progress_keeps_its_status_for_its_percent_to_be_typed():
    """A done project set to "in progress" still reads the 100 % it held as done: it flipped
    back to done before the leader could type its % (the table read the 100 % as typed).
    Only a 100 typed over another figure settles the row as done."""
    before = pd.DataFrame(
        {
            "project_id": ["a", "b"],
            "status": ["done", "in progress"],
            "percent_done": [100.0, 40.0],
            "end_week": [math.nan, 9.0],
        }
    )
    edited = before.assign(status=["in progress", "in progress"], percent_done=[100.0, 40.0])
    assert settled_projects(edited, before) is None
    typed = edited.assign(percent_done=[100.0, 100.0])
    settled = settled_projects(typed, edited)
    assert settled is not None
    assert list(settled["status"]) == ["in progress", "done"]


def test_a_percent_typed_over_a_done_projects_100_takes_it_back_to_in_progress():
    """100 typed over a project's 40 marks it done; typing 40 again over that 100 is the
    leader taking it back: the row is in progress at 40 %, where the 40 was put back to 100
    without a word (and only setting the status first, then typing, undid the 100)."""
    before = pd.DataFrame(
        {
            "project_id": ["a", "b"],
            "status": ["done", "done"],
            "percent_done": [100.0, 100.0],
            "end_week": [math.nan, math.nan],
        }
    )
    typed = before.assign(percent_done=[40.0, 100.0])
    settled = settled_projects(typed, before)
    assert settled is not None
    assert list(settled["status"]) == ["in progress", "done"]
    assert list(settled["percent_done"]) == [40.0, 100.0]
    # A status set to done this run still reads its old % as the 100 % of a done project.
    was_going = before.assign(status=["in progress", "done"], percent_done=[40.0, 100.0])
    marked = settled_projects(was_going.assign(status=["done", "done"]), was_going)
    assert marked is not None and list(marked["percent_done"]) == [100.0, 100.0]
    assert list(marked["status"]) == ["done", "done"]
