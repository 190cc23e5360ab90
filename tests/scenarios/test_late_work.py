"""Work in progress running late at a check-in: the end week it needs, and past its due week.

A VP marked the G2 review campaign 10 % done at week 6 where the plan had 75 %, and
left its "Ends in week" at the plan's 7: its 90 % left was squeezed into week 7, the
re-plan found no plan ("let it end later"), and nothing said which week would do.
Another gave the demo environment refresh (due week 8: its pipeline must land this
quarter) week 10, and its 900,000 pipeline $ still counted in the forecast.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from builders import with_status

from planner.checker import check_plan
from planner.core.domain import Plan, Problem
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.checkin_goals import quarter_forecast
from planner.scenarios.checkin_words import late_work_lines
from planner.scenarios.late_work import late_ends, past_due
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import carried_baseline, replan
from planner.scenarios.rest_of_quarter import replan_problem

DATA = Path(__file__).resolve().parents[2] / "data"
IN_PROGRESS = ProjectStatus.IN_PROGRESS


@pytest.fixture(scope="module")
def quarter(solved_sample) -> tuple[Problem, Plan, CheckIn]:
    """The sample (in weeks), its plan and the week-6 check-in as planned."""
    prob, plan = solved_sample
    return prob, plan, checkin_as_planned(prob, plan, Decimal(6), Decimal(13), typed=True)


def test_the_pre_fill_itself_runs_late_nowhere(quarter):
    """Every week's as-planned check-in keeps each project to the plan's pace: 85.7 % done
    of a 7-week run (one decimal of 6/7) is not a week late."""
    prob, plan, _ = quarter
    for week in range(1, 13):
        checkin = checkin_as_planned(prob, plan, Decimal(week), Decimal(13), typed=True)
        assert late_ends(prob, plan, checkin) == (), week
        assert late_work_lines(prob, plan, checkin) == [], week


def test_a_project_late_at_the_plans_end_week_is_named_with_the_week_its_pace_needs(quarter):
    """G2 review campaign: planned weeks 4-7, 10 % done at week 6 and still ending in
    week 7. At the plan's pace its 90 % left takes 4 weeks: week 10 is the week to give."""
    prob, plan, checkin = quarter
    late = with_status(checkin, "AW-07", IN_PROGRESS, 10, end_week=7)
    (found,) = late_ends(prob, plan, late)
    assert (found.project_id, found.end_week, found.pace_end) == ("AW-07", 7, 10)
    (line,) = late_work_lines(prob, plan, late)
    assert line.startswith("'G2 and Capterra review campaign' is 10 % done but still ends in week")
    assert "takes until week 10 (4 weeks, not 1)" in line
    assert line.endswith("Set its Ends in week to 10.")
    # Given week 10, nothing is said, and the re-plan finds a plan.
    later = with_status(late, "AW-07", IN_PROGRESS, 10, end_week=10)
    assert late_work_lines(prob, plan, later) == []
    outcome = replan(prob, plan, later, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None


def test_value_left_of_a_project_ending_after_its_due_week_counts_nothing(quarter):
    """Demo environment refresh is due in week 8 (its pipeline must land this quarter);
    given week 10, what is left of it (half its 1,800,000 pipeline $) lands after the
    quarter: the re-plan's problem gives it no value, the forecast drops it, and the
    check-in says so. The checker still passes the re-plan."""
    prob, plan, checkin = quarter
    on_time = with_status(checkin, "QU-05", IN_PROGRESS, 50, end_week=8)
    after = with_status(checkin, "QU-05", IN_PROGRESS, 50, end_week=10)
    assert past_due(prob, after) == {"QU-05": (10, 8)}
    assert past_due(prob, on_time) == {}

    def pipeline(c: CheckIn) -> Decimal:
        rest = replan_problem(prob, plan, c, max_changes=None, stability_weight=0.0)
        ends = {f.goal_id: f for f in quarter_forecast(prob, c, carried_baseline(rest, plan))}
        return ends["pipeline"].still_to_come

    assert pipeline(on_time) - pipeline(after) == Decimal(900_000)
    rest = replan_problem(prob, plan, after, max_changes=None, stability_weight=0.0)
    assert rest.project("QU-05").value == 0
    (line,) = late_work_lines(prob, plan, after, "end_week to {week}")
    assert line.startswith(
        "'Demo environment refresh with industry data sets' ends in week 10, after its due "
        "week 8: what is left of it (900,000 pipeline $) lands after the quarter"
    )
    assert "Set its end_week to 8 or earlier to count it" in line
    outcome = replan(prob, plan, after, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    assert check_plan(outcome.problem, outcome.result.plan) == []


def test_planner_checkin_says_the_week_to_give_a_late_project(quarter, tmp_path, capsys):
    """The shell's check-in said "let it end later (its end week at the check-in)" on
    stderr, exit 3: its report now names the week, as the page does, in the file's words."""
    import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin``)
    from planner.core.plan_csv import plan_csv_text
    from planner.interfaces.cli import main
    from planner.scenarios.checkin_toml_writing import checkin_to_toml

    prob, plan, checkin = quarter
    baseline = tmp_path / "plan.csv"
    baseline.write_text(plan_csv_text(prob, plan), encoding="utf-8")
    path = tmp_path / "late.toml"
    late = with_status(checkin, "AW-07", IN_PROGRESS, 10, end_week=7)
    path.write_text(checkin_to_toml(late), encoding="utf-8")
    args = ["checkin", str(DATA / "sample"), "--baseline", str(baseline), "--checkin", str(path)]
    main([*args, "--out", str(tmp_path / "rest.csv")])
    out = capsys.readouterr().out
    assert "'G2 and Capterra review campaign' is 10 % done but still ends in week 7" in out
    assert "Set its end_week to 10." in out


def test_an_end_week_alone_is_not_said_to_count_the_kpi_twice(quarter):
    """The demo environment refresh given week 10 (due 8), 50 % done as the plan had it:
    the check-in also said "'Demo environment refresh ...' is 50 % done (the plan had
    50 %): the forecast leaves out about 900,000 pipeline $" beside the KPI left at the
    pre-fill. Its KPI so far is what the plan had; only its end week differs, and the
    sentence on its due week says what it costs."""
    from planner.scenarios.on_plan import kpi_left_at_pre_fill, on_plan

    prob, plan, checkin = quarter
    after = with_status(checkin, "QU-05", IN_PROGRESS, 50, end_week=10)
    found = on_plan(prob, plan, Decimal(6), Decimal(13))
    assert kpi_left_at_pre_fill(prob, plan, after, found) == []
    late = with_status(checkin, "AW-07", IN_PROGRESS, 10, end_week=10)
    (twice,) = kpi_left_at_pre_fill(prob, plan, late, found)
    assert "'G2 and Capterra review campaign' is 10 % done (the plan had 75 %)" in twice


def test_work_late_and_past_its_due_week_gets_one_piece_of_advice(quarter):
    """Demo environment refresh (due week 8) 10 % done at week 6, ending in week 9: one
    line said "Set its end_week to 11 (after its due week 8 ...)", the next "Set its
    end_week to 8 or earlier to count it, or mark it dropped". Past its due week its work
    left counts nothing whichever week it ends: one sentence says so, gives the week its
    pace needs or dropping it, and what counting it would take."""
    prob, plan, checkin = quarter
    late = with_status(checkin, "QU-05", IN_PROGRESS, 10, end_week=9)
    assert past_due(prob, late) == {"QU-05": (9, 8)}
    (found,) = late_ends(prob, plan, late)
    assert found.pace_end > 9
    (line,) = late_work_lines(prob, plan, late, "end_week to {week}")
    assert line.startswith(
        "'Demo environment refresh with industry data sets' is 10 % done and ends in week 9, "
        "after its due week 8: what is left of it ("
    )
    assert f"takes until week {found.pace_end} (" in line
    assert line.endswith(
        f"it counts nothing either way: set its end_week to {found.pace_end} or mark it "
        "dropped (to count it, it must end by week 8, its work left in 2 weeks)."
    )
    assert "or earlier to count it" not in line


def test_advice_past_the_quarters_end_sets_dropping_it_off_with_a_comma(quarter):
    """Work whose pace runs past the quarter read "set its end_week to 13 and expect its
    work left in fewer weeks or mark it dropped": two pieces of advice read as one. A comma
    sets the second apart, as the sentence for work late but not past its due week has it."""
    from planner.scenarios.checkin_words import _late_past_due
    from planner.scenarios.late_work import LateEnd

    prob, _plan, checkin = quarter
    late = with_status(checkin, "QU-05", IN_PROGRESS, 1, end_week=9)
    line = _late_past_due(
        prob, late, LateEnd("QU-05", Decimal(1), 9, 15, 8), (9, 8), {}, "end_week to {week}"
    )
    assert "set its end_week to 13 and expect its work left in fewer weeks, or mark it " in line
    assert "fewer weeks or mark" not in line
