"""A saved scenario and a comparison, exported as files a leader can send on.

The Scenarios page's download buttons and ``planner scenarios export`` /
``compare --out`` write these bytes (issue 13: "a saved scenario and a
comparison can be exported").
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.checker import check_plan
from planner.core.cell_formats import PERCENT_FORMAT
from planner.core.domain import CalendarRow
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv
from planner.core.shown_figures import percent, points_value
from planner.core.status_words import status_label
from planner.interfaces.scenario_exports import (
    comparison_sheets,
    comparison_workbook,
    scenario_zip,
)
from planner.scenarios.compare import compare
from planner.scenarios.input_changes import data_changes, input_changes
from planner.scenarios.scenario import new_scenario
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def base_and_cut():
    """The sample as given and with marketing at 80 %, each solved, as scenarios."""
    sample = load_with_warnings(SAMPLE).problem
    cut = with_capacity(sample, "marketing", 0.8)
    return (
        new_scenario(sample, solve(sample), "Q3 base", "as given"),
        new_scenario(cut, solve(cut), "Marketing -20%", "less marketing", parent_id=1),
    )


def test_a_scenario_zip_loads_back_to_its_inputs_and_plan(base_and_cut, tmp_path):
    """The zip is a data folder plus plan.csv, plan.xlsx and scenario.json: it reopens exactly."""
    _, cut = base_and_cut
    data = scenario_zip(cut, "Q3 base")
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    assert {"teams.csv", "projects.csv", "settings.toml", "plan.csv", "plan.xlsx"} <= names
    assert "scenario.json" in names
    archive.extractall(tmp_path)
    assert load_with_warnings(tmp_path).problem == cut.problem
    plan = read_plan_csv((tmp_path / "plan.csv").read_text("utf-8"))
    assert plan == cut.plan and check_plan(cut.problem, plan) == []
    info = json.loads((tmp_path / "scenario.json").read_text("utf-8"))
    assert (info["name"], info["note"], info["parent_name"]) == (
        "Marketing -20%",
        "less marketing",
        "Q3 base",
    )
    assert info["attainment_pct"] == pytest.approx(cut.metrics.attainment_pct)


def test_a_comparison_workbook_names_teams_and_reads_like_the_page(base_and_cut):
    """Owners by team name, goal attainment and points as the app writes them."""
    base, cut = base_and_cut
    diff = compare(base, cut)
    book = load_workbook(io.BytesIO(comparison_workbook(diff)), data_only=True)
    assert book.sheetnames == ["Summary", "Goals", "Teams", "Projects"]
    summary = {row[0]: row[1:] for row in book["Summary"].values}
    a, b, change = summary["Goal attainment (%, weighted)"]
    assert f"{100 * a:.1f} %" == percent(base.metrics.attainment_pct)
    assert f"{100 * b:.1f} %" == percent(cut.metrics.attainment_pct)
    assert change == points_value(base.metrics.attainment_pct, cut.metrics.attainment_pct) < 0
    # Both departments' share of capacity planned, named as the Scenarios page names it (it
    # read "Utilisation (%)", beside the Overview's "Marketing capacity · 84.7 % planned").
    a, b, _ = summary["Sales and Marketing, % planned"]
    assert f"{100 * a:.1f} %" == percent(base.metrics.utilisation_pct)
    assert "Utilisation (%)" not in summary
    # The outcome as the scenario list and plan.xlsx word it, not the solver's code.
    assert summary["Status"][:2] == (status_label("optimal"), status_label("optimal"))
    assert summary["Status"][0].startswith("The best plan possible")
    assert ("What differs", "", "", "Marketing capacity 100 % → 80 %") in [
        tuple("" if v is None else v for v in row) for row in book["Summary"].values
    ]
    team_names = {t.name for t in base.problem.teams}
    projects = list(book["Projects"].values)[1:]
    assert projects, "a 20 % marketing cut changes some owners"
    # A rescheduled project's weeks follow its owners ("Content, weeks 1-7").
    for row in (r for r in projects if r[0] != "rescheduled"):
        for owners in row[2:4]:
            assert {o.strip() for o in owners.split(",")} <= team_names | {"left out"}


def test_comparison_percentages_are_numbers_that_read_with_one_decimal(base_and_cut):
    """The Goals sheet showed 46.0 % as "46" beside 68.8 (a whole number took a whole
    format) and the Summary's change was the text "-4.2 pts", which a spreadsheet cannot
    sum or sort. Every percentage and change is a number whose format reads as the
    Scenarios page writes it (46.0, -4.2 pts)."""
    base, cut = base_and_cut
    book = load_workbook(io.BytesIO(comparison_workbook(diff := compare(base, cut))))
    for row in list(book["Goals"].iter_rows(min_row=2)):
        for cell in row[1:3]:
            assert isinstance(cell.value, int | float)
            assert cell.number_format == PERCENT_FORMAT
        change = row[3]
        assert isinstance(change.value, int | float)
        assert change.number_format.startswith("+#,##0.0")
    rows = {row[0].value: row for row in book["Summary"].iter_rows(min_row=2)}
    change = rows["Goal attainment (%, weighted)"][3]
    assert change.value == points_value(
        diff.metrics_a.attainment_pct, diff.metrics_b.attainment_pct
    )
    assert '" pts"' in change.number_format
    assert rows["Goal attainment (%, weighted)"][1].number_format == PERCENT_FORMAT
    assert rows["Projects in the plan"][1].number_format == "#,##0"


def test_comparison_changes_in_hours_and_counts_read_signed_as_the_page(base_and_cut):
    """The Scenarios page and ``planner scenarios compare`` write a team's change "+20 h"
    and the left-out count's "+4"; comparison.xlsx read "20" and "4", a figure rather than
    a change. Each change is a number whose format signs it (+20, -270, 0)."""
    base, cut = base_and_cut
    book = load_workbook(io.BytesIO(comparison_workbook(compare(base, cut))))
    for row in book["Teams"].iter_rows(min_row=2):
        positive, negative, zero = row[4].number_format.split(";")
        assert isinstance(row[4].value, int | float)
        assert (positive[0], negative[0], zero) == ("+", "-", "0"), row[4].number_format
        assert positive[1:] == negative[1:]
    rows = {row[0].value: row for row in book["Summary"].iter_rows(min_row=2)}
    for figure in ("Projects in the plan", "Projects left out"):
        assert rows[figure][3].number_format == "+#,##0;-#,##0;0"
        assert rows[figure][1].number_format == "#,##0"


def test_the_comparison_has_no_optimizer_points(base_and_cut):
    """A leader's file: goal attainment and hours; the objective is not in it."""
    base, cut = base_and_cut
    for _, frame in comparison_sheets(compare(base, cut)):
        text = " ".join(str(c) for c in frame.columns) + " ".join(
            str(v) for v in frame.to_numpy().ravel()
        )
        assert "objective" not in text.lower() and "points" not in text.lower()


def test_the_compare_chart_reads_the_change_between_the_shown_figures():
    """94.64 % -> 89.86 % is charted as 94.6, 89.9 and -4.7 pts; a hair's move is 0, not -0."""
    from types import SimpleNamespace

    from planner.interfaces.scenario_charts import goal_delta_frame
    from planner.scenarios.compare import GoalDelta

    diff = SimpleNamespace(
        goals=(GoalDelta("g", "Goal", 94.64, 89.86), GoalDelta("h", "Other", 50.01, 49.99))
    )
    frame = goal_delta_frame(diff).set_index("goal_id")  # type: ignore[arg-type]
    assert (frame.loc["g", "percent_a"], frame.loc["g", "percent_b"]) == (94.6, 89.9)
    assert frame.loc["g", "delta_points"] == -4.7
    assert frame.loc["h", "delta_points"] == 0.0
    assert str(frame.loc["h", "delta_points"]) == "0.0"  # not "-0.0"


def test_a_teams_change_of_hours_is_the_change_of_the_exact_hours_everywhere(base_and_cut):
    """1,120.5 h to 1,000.4 h: comparison.xlsx's "Change (h)" held -121 (the difference of
    the rounded hours) beside Planned A/B cells holding the exact hours, whose B - A a
    leader's spreadsheet works out as -120.1, while `scenarios compare --json` said -120.1.
    One truth: the change of the exact hours, rounded once, so the workbook's change is
    its two columns' difference, the JSON's figure, and "-120 h" on the Compare tab and in
    the text; a change under an hour stays "-0.7 h" beside 740 h and 739 h."""
    from planner.interfaces.scenario_charts import team_delta_frame
    from planner.interfaces.scenario_text import comparison_json
    from planner.scenarios.compare import TeamDelta

    base, cut = base_and_cut
    D = Decimal
    teams = (
        TeamDelta("c", "Content", "marketing", D("1120.5"), D("1000.4"), None, None),
        TeamDelta("s", "SDR", "sales", D("739.6"), D("738.9"), None, None),
    )
    diff = replace(compare(base, cut), teams=teams)
    sheet = load_workbook(io.BytesIO(comparison_workbook(diff)))["Teams"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)}
    content = rows["Content"]
    assert content["Change (h)"] == pytest.approx(-120.1)
    assert content["Change (h)"] == pytest.approx(
        content["Planned in B (h)"] - content["Planned in A (h)"]
    )
    assert rows["SDR"]["Change (h)"] == pytest.approx(-0.7)
    as_json = {t["team_id"]: t["delta_hours"] for t in comparison_json(diff)["teams"]}
    assert as_json["c"] == content["Change (h)"]
    frame = team_delta_frame(diff).set_index("team_id")
    texts = ["hours_a_text", "hours_b_text", "delta_text"]
    assert list(frame.loc["c", texts]) == ["1,121 h", "1,000 h", "-120 h"]
    assert list(frame.loc["s", texts]) == ["740 h", "739 h", "-0.7 h"]


def test_compare_chart_tooltips_read_as_the_pages_write_the_figures():
    """The compare chart's tooltip read "94.6" and "-4.7" (Vega's own ".1f"), the table
    beside it "94.6 %" and "-4.7 pts": the tooltip shows the text functions' words, and a
    team's change of hours is signed hours ("-7.5 h", "+40 h").
    """
    from types import SimpleNamespace

    from planner.interfaces.scenario_charts import goal_delta_chart, goal_delta_frame, signed_hours
    from planner.scenarios.compare import GoalDelta

    diff = SimpleNamespace(goals=(GoalDelta("g", "Goal", 94.64, 89.86),))
    frame = goal_delta_frame(diff)  # type: ignore[arg-type]
    row = frame.iloc[0]
    assert (row["percent_a_text"], row["percent_b_text"], row["delta_text"]) == (
        "94.6 %",
        "89.9 %",
        "-4.7 pts",
    )
    tips = goal_delta_chart(frame).to_dict()["layer"][0]["encoding"]["tooltip"]
    assert all("format" not in t for t in tips)
    assert (signed_hours(-7.5), signed_hours(40), signed_hours(0)) == ("-7.5 h", "+40 h", "0 h")


def test_the_compare_chart_says_what_its_points_are():
    """Scenarios, Compare: "Goal attainment: change from A to B" had an axis "Change, pts
    (B - A)" and bare ticks "0, 5, 10, 15": a CMO asked "points of what?". The chart says
    under its title that a bar is B's % of target less A's, in percentage points, as the
    cards beside it read "+2.1 pts" for 83.5 % -> 85.6 %."""
    from types import SimpleNamespace

    from planner.interfaces.scenario_charts import goal_delta_chart, goal_delta_frame
    from planner.scenarios.compare import GoalDelta

    diff = SimpleNamespace(goals=(GoalDelta("g", "Goal", 71.2, 88.5),))
    title = goal_delta_chart(goal_delta_frame(diff)).to_dict()["title"]  # type: ignore[arg-type]
    assert title["text"] == "Goal attainment: change from A to B"
    assert title["subtitle"] == "bar: B's % of target less A's, in percentage points (pts)"


def test_the_team_load_change_chart_says_which_scenarios_a_and_b_are(base_and_cut):
    """Compare's "Team load: change from A to B" had an axis "Change in planned hours
    (B - A)": which scenarios A and B were, the chart did not say. Under its title it says
    what a bar is and names A and B, as the goals' chart says what a point is."""
    from planner.interfaces.scenario_charts import team_delta_chart, team_delta_frame

    frame = team_delta_frame(compare(*base_and_cut))
    spec = team_delta_chart(frame, "#1 Q3 plan", "#2 Marketing cut").to_dict()
    assert spec["title"]["text"] == "Team load: change from A to B"
    assert spec["title"]["subtitle"] == [
        "bar: B's planned hours less A's (h)",
        "A: #1 Q3 plan · B: #2 Marketing cut",
    ]
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Change, h (B - A)"


def test_the_team_load_change_chart_names_the_plan_started_from_whole(base_and_cut):
    """Compare against the plan the session started from read "A: The plan you started
    from (the bundled … · B: Current plan": each name was cut at 40 characters, where the
    subtitle's line had room for twice as much at 1024 px. A name is cut at 60."""
    from planner.interfaces.scenario_charts import team_delta_chart, team_delta_frame

    started = "The plan you started from (the bundled sample quarter)"
    frame = team_delta_frame(compare(*base_and_cut))
    subtitle = team_delta_chart(frame, started, "Current plan").to_dict()["title"]["subtitle"]
    assert subtitle[1] == f"A: {started} · B: Current plan"
    long = "x" * 80
    subtitle = team_delta_chart(frame, long, long).to_dict()["title"]["subtitle"]
    assert subtitle[1] == f"A: {'x' * 59}… · B: {'x' * 59}…"


def _shown(cell) -> str:
    """A whole-number cell as its number format shows it (the sign's section, quotes off)."""
    if isinstance(cell.value, str):
        return cell.value
    sections = cell.number_format.split(";")
    section = sections[0] if cell.value > 0 else sections[1]
    return section.replace("#,##0", f"{abs(cell.value):,}").replace('"', "")


def test_the_comparison_export_has_each_goal_s_change_of_chance_as_the_page_words_it(
    base_and_cut,
):
    """The Scenarios page and ``planner scenarios compare`` give each goal's change of
    chance ("-3 pts", "up from 0 %"); comparison.xlsx had the two chances only. Its Goals
    sheet has the change beside them: whole points as numbers (reading "-3 pts", "+1 pt"),
    the page's words where the points say nothing ("no change", "up from 0 %")."""
    from planner.core.shown_figures import chance_change

    diff = compare(*base_and_cut)
    pairs = [(0.80, 0.77), (0.0, 0.004), (0.5, 0.5), (0.20, 0.21), (0.2, 0.201), (0.3, 0.52)]
    chances = {g.goal_id: pairs[i % len(pairs)] for i, g in enumerate(diff.goals)}
    book = load_workbook(io.BytesIO(comparison_workbook(diff, chances)))
    sheet = book["Goals"]
    head = [c.value for c in sheet[1]]
    assert head[-3:] == ["Chance in A", "Chance in B", "Change of chance"]
    by_name = {g.name: g.goal_id for g in diff.goals}
    seen = set()
    for row in sheet.iter_rows(min_row=2):
        cell = row[head.index("Change of chance")]
        before, after = chances[by_name[row[0].value]]
        assert _shown(cell) == chance_change(before, after)
        if isinstance(cell.value, int):
            assert cell.value == round(100 * after) - round(100 * before)  # points, not shares
        seen.add(_shown(cell))
    assert {"-3 pts", "up from 0 %", "no change", "+1 pt"} <= seen


def test_the_comparison_export_has_the_page_s_changes_in_counts_and_edited_data(base_and_cut):
    """The page's cards say "Projects in the plan 24, -3" and "What differs in the inputs:
    ...; Teams: 1 edited"; the export left the counts' change blank and listed only the
    settings. It carries the same changes as the page.
    """
    base, _ = base_and_cut
    sample = base.problem
    first = replace(sample.teams[0], capacity_hours=sample.teams[0].capacity_hours / 2)
    edited = sample.replace(teams=(first, *sample.teams[1:]))
    smaller = new_scenario(edited, solve(edited), "Half a team")
    diff = compare(base, smaller)
    assert diff.data_changes == ("SDR Team capacity 1,000 h → 500 h",)
    book = load_workbook(io.BytesIO(comparison_workbook(diff)), data_only=True)
    rows = [tuple("" if v is None else v for v in row) for row in book["Summary"].values]
    summary = {row[0]: row[1:] for row in rows}
    a, b, change = summary["Projects in the plan"]
    assert change == b - a and change != 0
    a, b, change = summary["Projects left out"]
    assert change == b - a
    assert ("What differs", "", "", "SDR Team capacity 1,000 h → 500 h") in rows


def test_a_calendar_edit_is_said_among_what_differs_with_its_team_and_weeks(base_and_cut):
    """A leader gives Demand Gen week 9 off (a calendar row of 0 h) and saves it: Compare's
    "What differs in the inputs" and the basis line above every page said nothing, while
    three projects fell out of the plan. The team and its weeks are named, with the weeks
    as the leader wrote them.
    """
    base, _ = base_and_cut
    sample = base.problem
    week_off = sample.replace(
        calendar=(
            *sample.calendar,
            CalendarRow("demand-gen", 9, 9, Decimal(0)),
            CalendarRow("brand", 11, 12, Decimal(20)),
        )
    )
    # With the hours a week before and after, where one figure says them: "weeks 9-10 of
    # Content" left a CMO to remember what they had typed. A team's week to a tenth, as
    # SPEC "One way to write each figure" writes it and the weekly load chart shows it:
    # "108 h" read other hours than the chart's 107.7 h, and a RevOps lead's typed 61.5 h
    # a week read "62 h".
    # One week alone reads "that week only": a VP who meant "from week 9 on" sees it is not.
    assert data_changes(sample, week_off) == (
        "Calendar: week 9 of Demand Gen (107.7 h → 0 h, that week only), weeks 11-12 of "
        "Brand & Comms (53.8 h → 20.0 h a week)",
    )
    assert input_changes(sample, week_off) == data_changes(sample, week_off)
    diff = compare(base, new_scenario(week_off, solve(week_off), "Week 9 off"))
    assert diff.data_changes == data_changes(sample, week_off)
    # Rows split (weeks 2-4 written as 2 and 3-4) with the same hours change nothing a plan
    # reads: not said.
    split = []
    for row in sample.calendar:
        if (row.team_id, row.first_week, row.last_week) == ("content", 2, 4):
            split += [replace(row, last_week=2), replace(row, first_week=3)]
        else:
            split.append(row)
    assert len(split) == len(sample.calendar) + 1
    assert data_changes(sample, sample.replace(calendar=tuple(split))) == ()


def test_a_saved_scenario_s_plan_xlsx_names_the_scenario_it_is_built_on(base_and_cut):
    """A CMO exported the saved what-if 'Marketing -20%' from the Scenarios page and sent its
    plan.xlsx to the board: its Summary gave the what-if's figures with nothing saying they
    were one, where the Export page's plan.xlsx of the same scenario loaded reads "Built on:
    the saved scenario #2 Marketing -20%". It reads so here too."""
    _, cut = base_and_cut
    saved = replace(cut, scenario_id=2)
    archive = zipfile.ZipFile(io.BytesIO(scenario_zip(saved, "Q3 base")))
    summary = load_workbook(io.BytesIO(archive.read("plan.xlsx")))["Summary"]
    rows = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert rows.get("Built on") == "the saved scenario #2 Marketing -20%", rows
