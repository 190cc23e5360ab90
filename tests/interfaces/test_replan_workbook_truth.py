"""A check-in's re-plan reads the same in its workbook (the Check-in page's download and
``planner checkin --out rest.xlsx``) as on the Check-in page and in ``planner checkin``."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from planner.core.cell_formats import percent_cell
from planner.interfaces.checkin_tables import forecast_frame
from planner.interfaces.odds_changes import replan_odds_frame
from planner.interfaces.replan_exports import replan_workbook
from planner.interfaces.scenario_exports import scenario_files
from planner.scenarios.checkin_goals import quarter_forecast
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import replan
from planner.scenarios.scenario import new_scenario


@pytest.fixture(scope="module")
def week_eight(solved_sample):
    """Week 8 as planned, each goal's KPI recorded 0.3 above the plan's (1,309.28 MQLs)."""
    problem, plan = solved_sample
    base = checkin_as_planned(problem, plan, Decimal(8))
    checkin = replace(base, achieved={k: v + Decimal("0.3") for k, v in base.achieved.items()})
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    book = replan_workbook(
        *(problem, checkin, outcome.problem, outcome.result, outcome.carried, plan, outcome.diff)
    )
    forecasts = quarter_forecast(problem, checkin, outcome.result.plan)
    page = forecast_frame(forecasts, {f.goal_id: f for f in forecasts})
    saved = new_scenario(
        outcome.problem, outcome.result, "Week 8", checkin=checkin, quarter=problem
    )
    return _goals(book), page, _goals(scenario_files(saved)["plan.xlsx"]), book


def _goals(book: bytes, sheet: str = "Goals") -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(book))[sheet].iter_rows(values_only=True))


def test_the_workbook_s_re_plan_adds_what_the_check_in_page_says_it_adds(week_eight):
    """The workbook said the re-plan adds 992 MQLs where the page said 991: the page writes
    the forecast less what was achieved, each as shown (1,309.28 recorded, as recorded:
    1,309.28 + 990.72 = 2,300), and the workbook rounded the re-plan's own figure alone.
    Every goal reads the page's figure."""
    rows, page, _, _ = week_eight
    header, *goals = rows
    adds = {row[0]: row[header.index("Re-plan adds")] for row in goals}
    shown = dict(zip(page["goal"], page["still_to_come"], strict=True))
    assert adds == {goal: shown[goal] for goal in adds}
    assert adds["Marketing-qualified leads"] == shown["Marketing-qualified leads"] == 990.72


def test_a_saved_check_in_s_workbook_reads_the_re_plan_adds_the_page_said(week_eight):
    """Saved as a child scenario, the check-in's plan.xlsx (Scenarios page's export,
    ``planner scenarios export``) read 992 MQLs where the Check-in page had said 991: the
    scenario keeps the rest of the quarter, and its workbook rounded the re-plan alone."""
    _, page, saved, _ = week_eight
    header, *goals = saved
    adds = {row[0]: row[header.index("Re-plan adds")] for row in goals}
    shown = dict(zip(page["goal"], page["still_to_come"], strict=True))
    assert adds == {goal: shown[goal] for goal in adds}
    assert adds["Marketing-qualified leads"] == 990.72


def test_the_workbook_s_re_plan_weights_read_as_a_leader_reads_a_weight(week_eight):
    """The weights read "Weight, for the target left 2.660": a thousandth, under words the
    page does not use. The heading says what the figure is as the Check-in page words it
    (each goal weighted by the share of its target still to reach), to two decimals."""
    rows, _, _, _ = week_eight
    header, *goals = rows
    assert "Weight × share of target still to reach" in header
    weights = [row[header.index("Weight × share of target still to reach")] for row in goals]
    assert all(round(w, 2) == w for w in weights), weights
    assert any(w != round(w) for w in weights)


def test_the_workbook_s_re_plan_hours_are_the_hours_left_not_teams_csv_s(week_eight):
    """The re-plan's Summary read "Weeks left: teams' own hours (h, teams.csv)" at the hours
    left in the weeks to come (thousands under teams.csv's), and its Team load sheet headed
    them "Own hours (h, teams.csv)" too. They are the hours left, headed so, and add up to
    the Summary's capacity for the weeks left."""
    *_, book = week_eight
    summary = dict(_goals(book, "Summary")[1:])
    assert not any("teams.csv" in str(figure) for figure in summary)
    header, *teams = _goals(book, "Team load")
    assert "Capacity left (h)" in header and "Own hours in the quarter (h)" not in header
    left = sum(row[header.index("Capacity left (h)")] for row in teams)
    assert (
        left
        == summary[
            "Weeks left: capacity (h, after what-ifs and the share of its hours each team is "
            "planned up to)"
        ]
    )
    # The share planned named as the Overview's cards name it, the department capitalised
    # ("Weeks left: utilisation (%)" read as another figure than the cards' "% planned").
    for figure in ("Sales and Marketing, % planned", "Marketing, % planned", "Sales, % planned"):
        assert isinstance(summary[f"Weeks left: {figure}"], float), figure


def test_the_re_plan_s_workbook_has_each_goal_at_quarter_end_as_the_page_shows_it(solved_sample):
    """A RevOps lead exported the re-plan for the board: its Goals sheet held only the weeks
    left ("Target left" 1,700 MQLs, "% of the target left" 69.5 %) and no goal's quarter
    end, the Check-in page's main table (900 so far + 1,182 = 2,082 of 2,600 MQLs, 80.1 %;
    if we carry on, 80.1 %). Its "Quarter end" sheet, after the Summary, reads the page's
    table, figure for figure, the baseline carried on beside it, and each quarter target's
    odds as the page's odds table says them (its Goals sheet's are of the target left)."""
    problem, plan = solved_sample
    base = checkin_as_planned(problem, plan, Decimal(7))
    achieved = {**base.achieved, "mqls": Decimal(900), "sqls": Decimal(180)}
    checkin = replace(base, achieved=achieved)
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    book = replan_workbook(
        *(problem, checkin, outcome.problem, outcome.result, outcome.carried, plan, outcome.diff)
    )
    assert openpyxl.load_workbook(io.BytesIO(book)).sheetnames[:3] == [
        "Summary",
        "Quarter end",
        "Plan",
    ]
    header, *rows = _goals(book, "Quarter end")
    carried = {f.goal_id: f for f in quarter_forecast(problem, checkin, outcome.carried)}
    page = forecast_frame(quarter_forecast(problem, checkin, outcome.result.plan), carried)
    page_columns = ("goal", "percent", "baseline", "achieved", "still_to_come", "forecast")
    page_columns += ("target", "kpi")
    assert header == (
        *("Goal", "With the re-plan (% of target)", "If we carry on (% of target)", "So far"),
        "Re-plan adds",
        *("Forecast", "Target", "KPI", "Chance to reach target", "Odds in words"),
    )
    # The % columns as a spreadsheet keeps a percentage: the share, reading "46.0 %".
    page[["percent", "baseline"]] = page[["percent", "baseline"]].map(percent_cell)
    shown = [tuple(row) for row in page[list(page_columns)].itertuples(index=False)]
    assert [row[:8] for row in rows] == shown
    mqls = rows[[row[0] for row in rows].index("Marketing-qualified leads")]
    assert mqls[3] == 900 and mqls[3] + mqls[4] == mqls[5]
    # The odds of each quarter target with the re-plan, as the page's odds table words them
    # ("< 1 % chance to reach 2,600 MQLs; 9 times in 10 at least 2,040, ...").
    odds = replan_odds_frame(
        problem, checkin.achieved, outcome.problem, outcome.carried, outcome.result.plan
    ).set_index("goal")
    for row in rows:
        assert row[8] == odds.at[row[0], "after"] / 100 and row[9] == odds.at[row[0], "words"]
    assert "chance to reach 2,600 MQLs" in mqls[9]  # the quarter's target, not the 1,700 left
    # The Summary's quarter-end attainment is what the sheet's goals add up to, as the page.
    summary = dict(_goals(book, "Summary")[1:])
    assert any(str(f).startswith("Goal attainment at quarter end") for f in summary)


def test_a_saved_check_in_s_workbook_has_each_goal_at_quarter_end(solved_sample):
    """Saved as a child scenario, the check-in's plan.xlsx (Scenarios page's export,
    ``planner scenarios export``) has the Quarter end sheet too, reading the page's
    forecast (without "If we carry on": the baseline carried on is not kept)."""
    problem, plan = solved_sample
    checkin = checkin_as_planned(problem, plan, Decimal(8))
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    forecasts = quarter_forecast(problem, checkin, outcome.result.plan)
    page = forecast_frame(forecasts, {f.goal_id: f for f in forecasts})
    saved = new_scenario(
        outcome.problem, outcome.result, "Week 8", checkin=checkin, quarter=problem
    )
    header, *goals = _goals(scenario_files(saved)["plan.xlsx"], "Quarter end")
    assert "If we carry on (% of target)" not in header
    assert [row[0] for row in goals] == list(page["goal"])
    for column, heading in (("achieved", "So far"), ("forecast", "Forecast")):
        shown = dict(zip(page["goal"], page[column], strict=True))
        assert {row[0]: row[header.index(heading)] for row in goals} == shown, heading


def test_a_re_plan_s_weekly_load_starts_at_the_first_week_left(solved_sample):
    """A VP Sales opened the week-6 re-plan's workbook and read, on its Weekly load sheet,
    "Demand Gen, week 1: capacity 0 h" down to week 6 for every team: the weeks gone, which
    the re-plan gives no hours, read as teams with no hours. The sheet is the re-plan's
    weeks, 7-13, as its Summary's "Weeks left"; saved as a child scenario, the same."""
    problem, plan = solved_sample
    checkin = checkin_as_planned(problem, plan, Decimal(6))
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    book = replan_workbook(
        *(problem, checkin, outcome.problem, outcome.result, outcome.carried, plan, outcome.diff)
    )
    saved = new_scenario(
        outcome.problem, outcome.result, "Week 6", checkin=checkin, quarter=problem
    )
    for workbook in (book, scenario_files(saved)["plan.xlsx"]):
        header, *rows = _goals(workbook, "Weekly load")
        weeks = {row[header.index("Week")] for row in rows}
        assert weeks == set(range(7, problem.num_weeks + 1))
        assert len(rows) == len(problem.teams) * len(weeks)


def test_a_re_plan_s_odds_in_words_read_the_target_left_its_row_shows(solved_sample):
    """A week-6 re-plan's Goals sheet read "Target left 1,733.19" and "< 1 % chance to reach
    1,733 MQLs" on one row (and, checked in from the command line, "32" beside "reach 32.3
    new customers"): the words read the target left as the row shows it, beside what the
    re-plan adds."""
    from planner.core.shown_figures import amount_shown

    problem, plan = solved_sample
    checkin = checkin_as_planned(problem, plan, Decimal(6))
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None
    book = replan_workbook(
        *(problem, checkin, outcome.problem, outcome.result, outcome.carried, plan, outcome.diff)
    )
    header, *goals = _goals(book)
    said = {
        row[0]: (row[header.index("Target left")], row[header.index("Odds in words")])
        for row in goals
    }
    assert said["Marketing-qualified leads"][0] == 1733.19
    for goal in problem.goals:
        target, words = said[goal.name]
        assert f"chance to reach {amount_shown(target, goal.kpi)}" in words, (target, words)


def test_the_re_plan_s_workbook_words_each_goal_s_pace_as_planner_checkin_does(tmp_path):
    """The pace at the check-in ("ahead of plan by 6,425 website visitors (6.4 % of the target)",
    "behind plan") was in planner checkin's report, its --json and the page's chart, and
    nowhere in the re-plan's plan.xlsx: its Quarter end sheet has it, in the same words."""
    import json
    import re

    from builders import SAMPLE, cli_printed

    baseline = tmp_path / "plan.csv"
    cli_printed(["solve", str(SAMPLE), "--out", str(baseline)])
    template = cli_printed(
        ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]
    )
    typed = re.sub(r'(?m)^"visitors" = \d+', '"visitors" = 20000', template)
    typed = re.sub(r'(?m)^"sqls" = \d+', '"sqls" = 120', typed)
    checkin_file = tmp_path / "checkin.toml"
    checkin_file.write_text(typed, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin_file)]
    book = tmp_path / "rest.xlsx"
    cli_printed([*args, "--out", str(book)])
    said = {g["name"]: g["pace_words"] for g in json.loads(cli_printed([*args, "--json"]))["goals"]}
    assert said["Grow website traffic from our ICP"].startswith("ahead of plan by ")
    assert said["Sales-qualified leads"] == "behind plan"
    header, *rows = _goals(book.read_bytes(), "Quarter end")
    assert header[-1] == "Pace at the check-in"
    assert {row[0]: row[-1] for row in rows} == said
