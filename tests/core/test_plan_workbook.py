"""Spreadsheets (SPEC "Spreadsheets"): the plan written as a workbook, plan.xlsx: the same
figures as the metrics and the pages, rounded as the app writes them, the weekly load,
the reasons in sentences; ``planner solve data.xlsx --out plan.xlsx``.
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pytest
from builders import SAMPLE
from openpyxl import load_workbook

from planner.checker import check_plan
from planner.core import cell_formats, shown_figures
from planner.core.cell_formats import percent_cell
from planner.core.domain import Status
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.plan_csv import plan_csv_text, read_plan_csv
from planner.core.shown_figures import amount_value, hours_value, outcome_value, percent_value
from planner.core.status_words import WEIGHED_GOALS, status_label, status_words
from planner.core.uncertainty import goal_odds
from planner.interfaces.cli import main
from planner.interfaces.exports import CAPACITY_FIGURE, plan_workbook
from planner.scenarios.metrics import result_metrics
from planner.solving.solver import solve


def test_the_plan_workbook_holds_the_same_figures_as_the_metrics(sample):
    """Plan rows as plan.csv has them, goals with attainment, team load, left out: one truth."""
    result = solve(sample)
    figures = result_metrics(sample, result)
    book = load_workbook(io.BytesIO(plan_workbook(sample, result)), data_only=True)
    assert book.sheetnames == [
        "Summary",
        "Plan",
        "Goals",
        "Team load",
        "Left out",
        "Score (analysts)",
    ]
    plan = list(book["Plan"].values)
    assert plan[0][:3] == ("Project ID", "Project", "Goal ID")
    assert len(plan) - 1 == figures.num_rows + figures.num_left_out
    hours = [row[plan[0].index("Hours")] for row in plan[1:]]
    assert all(isinstance(h, int | float) for h in hours)  # numbers stay numbers
    # Every Summary row is its metrics figure, rounded as the app writes it.
    assert figures.num_goals_met not in (0, len(figures.goals)) and figures.num_left_out > 0
    assert dict(book["Summary"].values) == {
        "Figure": "Value",
        "Status": status_label(figures.status.value),
        # Percentages as a spreadsheet keeps them: the share, reading "94.6 %".
        "Goal attainment (%, weighted, each goal capped at 100 %)": percent_cell(
            percent_value(figures.attainment_pct)
        ),
        "Goals at target": figures.num_goals_met,
        "Goals": len(figures.goals),
        "Projects in the plan": figures.num_planned,
        "Projects proposed": figures.num_projects,
        "Projects left out": figures.num_left_out,
        "Joint projects in the plan (two owners each)": figures.num_joint_planned,
        "Assignment rows": figures.num_rows,
        CAPACITY_FIGURE: hours_value(figures.in_force_hours),
        "Teams' own hours in the quarter (h)": hours_value(figures.base_hours),
        "Planned (h)": hours_value(figures.planned_hours),
        "Sales and Marketing, % planned": percent_cell(percent_value(figures.utilisation_pct)),
        **{
            f"{d.department.capitalize()}{figure}": value
            for d in figures.departments()
            for figure, value in (
                (" capacity (h)", float(d.shown_in_force_hours)),
                (" planned (h)", float(d.shown_planned_hours)),
                (", % planned", percent_cell(percent_value(d.utilisation_pct))),
            )
        },
    }
    # The planner's points on their own sheet, for analysts: never among the board's figures.
    score = dict(book["Score (analysts)"].values)
    assert score["The plan's score"] == round(figures.objective, 2)
    assert score["The best score possible"] == round(figures.bound, 2)
    assert "not a business figure" in score["What it is"]
    goals = list(book["Goals"].values)
    assert [row[6] for row in goals[1:]] == [
        percent_cell(percent_value(g.percent)) for g in figures.goals
    ]
    odds = goal_odds(sample, result.plan)
    header = goals[0]
    chance = header.index("Chance to reach target")
    assert [row[chance] for row in goals[1:]] == [
        float(odds[g.goal_id].probability) for g in figures.goals
    ]
    # The typical outcome is the median (P50), not the cautious P10 beside it.
    typical = header.index("Typical outcome")
    assert [row[typical] for row in goals[1:]] == [
        outcome_value(odds[g.goal_id].p50, odds[g.goal_id].target) for g in figures.goals
    ]
    short_by = header.index("Short by")
    # What is still missing to reach each target, in the KPI's unit (0 when met).
    missing = [max(g.target - g.planned, Decimal(0)) for g in figures.goals]
    assert any(m > 0 for m in missing)
    assert [row[short_by] for row in goals[1:]] == [amount_value(m) for m in missing]
    # Each team's planned, free hours and utilisation as the metrics give them.
    load = list(book["Team load"].values)
    columns = load[0]
    by_team = {row[0]: row for row in load[1:]}
    assert len(by_team) == len(figures.teams)
    for t in figures.teams:
        row = by_team[t.name]
        assert row[columns.index("Planned (h)")] == float(t.planned_hours), t.name
        assert row[columns.index("Free (h)")] == float(t.free_hours), t.name
        used = percent_cell(percent_value(t.utilisation_pct))
        assert row[columns.index("Planned (% of capacity)")] == used, t.name
    words = header.index("Odds in words")
    assert all("chance to reach" in row[words] for row in goals[1:])
    assert len(list(book["Left out"].values)) - 1 == figures.num_left_out


def test_solve_reads_a_workbook_and_writes_plan_xlsx(tmp_path, sample, capsys):
    """``planner solve data.xlsx --out plan.xlsx``: exit 0 and a plan workbook."""
    source = tmp_path / "quarter.xlsx"
    source.write_bytes(data_workbook(sample))
    out = tmp_path / "plan.xlsx"
    assert main(["solve", str(source), "--out", str(out)]) == 0
    assert "goal attainment:" in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == "Summary"


def test_a_quarter_in_weeks_exports_each_teams_weekly_load_with_week_numbers():
    """plan.xlsx of a weekly plan has a "Weekly load" sheet: a spreadsheet sums and filters it.

    Weeks are numbers, not text (a sort puts week 10 after week 9), each row's
    hours are the plan's, and every team's weeks add up to its planned hours.
    """
    weeks_sample = load_with_warnings(SAMPLE).problem
    result = solve(weeks_sample)
    assert result.plan is not None and check_plan(weeks_sample, result.plan) == []
    book = load_workbook(io.BytesIO(plan_workbook(weeks_sample, result)), data_only=True)
    assert "Weekly load" in book.sheetnames
    rows = list(book["Weekly load"].values)
    header, body = rows[0], rows[1:]
    week = header.index("Week")
    assert all(isinstance(row[week], int) for row in body)
    assert {row[week] for row in body} == set(range(1, weeks_sample.num_weeks + 1))
    planned = header.index("Planned (h)")
    figures = result_metrics(weeks_sample, result)
    by_team: dict[str, float] = {}
    for row in body:
        by_team[row[0]] = by_team.get(row[0], 0.0) + row[planned]
    for team in figures.teams:
        assert by_team[team.name] == pytest.approx(float(team.planned_hours), abs=0.01)
    # A week's hours are named as the Team load sheet names a quarter's ("Capacity (h)",
    # after what-ifs and max utilisation), not "May plan (h)"; they add up to it.
    capacity = header.index("Capacity (h)")
    room: dict[str, float] = {}
    for row in body:
        room[row[0]] = room.get(row[0], 0.0) + row[capacity]
    for team in figures.teams:
        assert room[team.name] == pytest.approx(float(team.in_force_hours), abs=0.01)
    # A week's utilisation is its planned hours in percent of its capacity (60 of 80 is 75.0).
    used = header.index("Planned (% of capacity)")
    assert any(row[planned] > 0 for row in body)
    for row in body:
        if row[capacity] > 0:
            shown = percent_value(100 * row[planned] / row[capacity])
            assert 100 * row[used] == pytest.approx(shown, abs=0.11), row


def test_the_weekly_load_sheet_lists_the_teams_in_the_team_load_sheet_s_order():
    """plan.xlsx's Team load sheet (and the Plan page's charts) read marketing first, Demand
    Gen at the top; its Weekly load sheet began with the SDR Team (teams.csv's order), so one
    workbook listed the same teams two ways."""
    weeks_sample = load_with_warnings(SAMPLE).problem
    book = load_workbook(io.BytesIO(plan_workbook(weeks_sample, solve(weeks_sample))))
    quarter = [row[0] for row in list(book["Team load"].values)[1:]]
    weekly = list(dict.fromkeys(row[0] for row in list(book["Weekly load"].values)[1:]))
    assert quarter[0] == "Demand Gen"
    assert weekly == quarter


def test_a_quarter_without_weeks_has_no_weekly_sheet(sample):
    """Round-1 data (every project the whole quarter) keeps plan.xlsx as it was."""
    book = load_workbook(io.BytesIO(plan_workbook(sample, solve(sample))), read_only=True)
    assert "Weekly load" not in book.sheetnames


def test_a_goal_just_short_of_target_never_reads_100_in_plan_xlsx():
    """99.97 % of a target is written 99.9 % in the workbook, as on every page: not met."""
    from builders import goal, problem, project, team

    prob = problem(
        [team("m", capacity=100)],
        [project("p", effort=10, value=9997, goal_id="g")],
        goals=[goal("g", 10_000, kpi="MQLs")],
    )
    result = solve(prob)
    assert result.plan is not None and check_plan(prob, result.plan) == []
    book = load_workbook(io.BytesIO(plan_workbook(prob, result)), data_only=True)
    goals = list(book["Goals"].values)
    assert goals[1][goals[0].index("Attainment (%)")] == 0.999  # reads "99.9 %"
    summary = dict(book["Summary"].values)
    assert summary["Goal attainment (%, weighted, each goal capped at 100 %)"] == 0.999
    # A percentage as a spreadsheet keeps one, the share with a % format, as the chance
    # beside it is: 99.9 under "#,##0.0" summed and charted as 99.9, not as 99.9 %.
    cell = book["Goals"].cell(row=2, column=goals[0].index("Attainment (%)") + 1)
    assert cell.number_format == "#,##0.0 %"


def test_plan_xlsx_rounds_each_figure_as_the_app_writes_it(sample):
    """A leader opening plan.xlsx reads the figures the app shows, never 59515.897.

    Planned amounts are whole units from 10 on (with thousands separators),
    hours too, a chance is the probability shown as whole percent ("17 %"), and
    the Plan sheet says "Lead generation" and "Planned", not plan.csv's codes.
    """
    result = solve(sample)
    book = load_workbook(io.BytesIO(plan_workbook(sample, result)))
    goals = book["Goals"]
    header = [c.value for c in goals[1]]
    planned = [row[header.index("Planned")] for row in goals.iter_rows(min_row=2)]
    assert all(c.value == int(c.value) and c.number_format == "#,##0" for c in planned)
    for row in goals.iter_rows(min_row=2):
        chance = row[header.index("Chance to reach target")]
        shown = shown_figures.chance(chance.value)
        if 0 < chance.value < 1 and shown not in ("< 1 %", "> 99 %"):
            assert chance.number_format.endswith("0 %")  # Excel: 0.166 reads 17 %
    plan = book["Plan"]
    columns = [c.value for c in plan[1]]
    rows = list(plan.iter_rows(min_row=2))
    assert {r[columns.index("Status")].value for r in rows} <= {"Planned", "Pinned", "Left out"}
    stages = {r[columns.index("Stage")].value for r in rows}
    assert "Lead generation" in stages and not any("_" in s for s in stages)
    assert {r[columns.index("Department")].value for r in rows} <= {"Marketing", "Sales", None}
    for r in rows:
        hours = r[columns.index("Hours")]
        assert hours.number_format == cell_formats.hours_format(hours.value)
    # A joint project's share keeps plan.csv's 0.5 and reads "50.0 %", as the pages write
    # it and every percentage reads: whole, a 0.375 share read "38 %".
    shares = [r[columns.index("Share")] for r in rows if r[columns.index("Share")].value]
    assert shares and all(c.number_format == "0.0 %" for c in shares)
    assert {c.value for c in shares} >= {1.0} and all(0 < c.value <= 1 for c in shares)


def test_spreadsheet_formats_round_as_the_text_functions():
    """The number formats show what shown_figures.amount, shown_figures.hours and
    shown_figures.chance print."""
    assert cell_formats.amount_format(59515.897) == "#,##0"
    assert cell_formats.amount_format(7.25) == "#,##0.0"
    assert cell_formats.amount_format(3) == "#,##0"
    assert cell_formats.hours_format(3850) == "#,##0"
    assert cell_formats.chance_format(0.166) == '[<0.005]"< 1 %";[>=0.995]"> 99 %";0 %'
    assert cell_formats.chance_format(1) == "0 %" and cell_formats.chance_format(0) == "0 %"
    assert cell_formats.number_format(0.35) == "#,##0.00"


def test_plan_xlsx_summary_writes_hours_whole_and_the_score_to_two_decimals():
    """The Summary sheet is what a leader forwards: capacity after the calendar reads
    9,709 h, the exact 9,709.285 h rounded once, which the Team load sheet's whole hours
    add up to as the cards add them (each row rounded on its own read 9,711 h); the
    planner's score, on the analysts' sheet, as the app's Advanced detail writes it
    (1,407.01)."""
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    book = load_workbook(io.BytesIO(plan_workbook(problem, result)))
    cells = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    assert cells["Status"].value == "The best plan possible"  # as the scenario list says
    capacity = cells[
        "Capacity (h, after what-ifs and the share of its hours each team is planned up to)"
    ]
    figures = result_metrics(problem, result)
    assert capacity.value == figures.shown_in_force_hours == 9709 != figures.in_force_hours
    rows = book["Team load"].iter_rows(min_row=2, values_only=True)
    assert capacity.value == sum(row[2] for row in rows)
    assert capacity.number_format == "#,##0"
    assert not [figure for figure in cells if "points" in str(figure)]  # the board's sheet
    scores = {row[0].value: row[1] for row in book["Score (analysts)"].iter_rows()}
    for name in (
        "The plan's score",
        "The best score possible",
    ):
        score = scores[name]
        assert score.value == round(score.value, 2)
        assert score.number_format in ("#,##0", "#,##0.0", "#,##0.00")


def test_plan_xlsx_reasons_read_as_sentences_while_plan_csv_keeps_the_plan_s_words():
    """plan.xlsx's Left out and Plan sheets wrote "it depends on 'Trade show presence ...',
    which is not in the plan" in a cell of its own; a cell reads as a sentence ("It
    depends ... plan."). plan.csv keeps the plan's reason as written (it is read back)."""
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    assert result.plan is not None
    lower = [u.reason for u in result.plan.unassigned if u.reason[0].islower()]
    assert lower, "the sample has reasons that start lower-case (it depends on ...)"
    book = load_workbook(io.BytesIO(plan_workbook(problem, result)))
    for name in ("Left out", "Plan"):
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        column = header.index("Why it is left out")
        cells = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
        reasons = [c for c in cells if c]
        assert len(reasons) == len(result.plan.unassigned), name
        assert all(r[0].isupper() and r.endswith(".") for r in reasons), (name, reasons)
    assert any(r.startswith("It depends on") for r in reasons)
    assert all(reason in plan_csv_text(problem, result.plan) for reason in lower)


def test_a_goal_planned_just_short_of_its_target_reads_its_decimal_in_the_goals_sheet():
    """A generated quarter's Overview and plan.xlsx read 'Planned 89' of a target of 90
    beside 99.9 %: 89.9 new customers floored so as not to read as the target. The Goals
    sheet keeps 89.9, and its format shows the decimal (a whole format would show 90)."""
    from builders import goal, problem, project, team

    quarter = problem(
        [team("m1", capacity=100), team("s1", "sales", capacity=100)],
        [project("p1", "closing", effort=10, value=89.9, goal_id="logos")],
        goals=[goal("logos", 90)],
    )
    book = load_workbook(io.BytesIO(plan_workbook(quarter, solve(quarter))))
    rows = list(book["Goals"].iter_rows())
    planned = rows[1][[c.value for c in rows[0]].index("Planned")]
    assert planned.value == 89.9
    assert planned.number_format == "#,##0.0"


def test_the_plan_sheet_names_each_row_s_goal_as_the_left_out_sheet_does(solved_sample):
    """A VP Sales filtered plan.xlsx's Plan sheet by goal and found only its id ("new-arr",
    "churn-saved") where the Left out sheet beside it reads "Closed-won new ARR". Each row
    names its goal beside the id, and the workbook still reads back as the same plan."""
    import csv

    from planner.interfaces.baseline_plan import read_plan_sheet

    problem, _ = solved_sample
    result = solve(problem)
    plan = result.plan
    data = plan_workbook(problem, result)
    rows = list(load_workbook(io.BytesIO(data), data_only=True)["Plan"].values)
    header = rows[0]
    assert header[2:4] == ("Goal ID", "Goal")
    for row in rows[1:]:
        assert row[3] == problem.goal_index[row[2]].name, row
    assert {"Closed-won new ARR", "Churn saved"} <= {row[3] for row in rows[1:]}
    text, _, _ = read_plan_sheet(data, "plan.xlsx")[:3]
    assert read_plan_csv(text).owners() == plan.owners()
    read = {(r["project_id"], r["team_id"], r["status"]) for r in csv.DictReader(io.StringIO(text))}
    written = csv.DictReader(io.StringIO(plan_csv_text(problem, plan)))
    assert read == {(r["project_id"], r["team_id"], r["status"]) for r in written}


def test_the_summary_status_says_how_close_to_the_best_a_plan_found_is():
    """A plan the clock stopped: plan.xlsx's Summary said "The best plan found" where the
    status line, `planner checkin` and `scenarios show` say how close to the best possible
    it is ("within 7.8 % of the best possible plan, ..."); a board reading the file had no
    word of it. Proven best, it reads as before."""
    sample = load_with_warnings(SAMPLE).problem
    result = solve(sample)
    stopped = replace(result, status=Status.FEASIBLE, gap=0.078)
    summary = dict(load_workbook(io.BytesIO(plan_workbook(sample, stopped))).active.values)
    assert summary["Status"] == status_words("feasible", 0.078)
    assert summary["Status"].endswith("within 7.8 % of the best possible plan, " + WEIGHED_GOALS)
    proven = dict(load_workbook(io.BytesIO(plan_workbook(sample, result))).active.values)
    assert proven["Status"] == status_label("optimal") == "The best plan possible"
