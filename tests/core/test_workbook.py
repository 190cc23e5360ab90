"""Spreadsheets (SPEC "Spreadsheets"): a workbook read exactly as a data folder,
data and plan written as workbooks, ``planner solve ... --out plan.xlsx``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builders import macro_enabled, workbook_of
from openpyxl import Workbook, load_workbook

from planner.checker import check_plan
from planner.core import cell_formats, text
from planner.core.cell_formats import percent_cell
from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, load_problem
from planner.core.loading import load_workbook as load_book
from planner.core.plan_csv import plan_csv_text, read_plan_csv
from planner.core.text import amount_value, hours_value, outcome_value, percent_value
from planner.core.uncertainty import goal_odds
from planner.core.words import status_label
from planner.interfaces.cli import main
from planner.interfaces.exports import plan_workbook
from planner.scenarios.metrics import result_metrics
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample():
    """The sample quarter without weeks (data/sample-without-weeks): the workbook as round 1
    had it; the bundled sample in weeks (``SAMPLE``) adds its weekly sheet below."""
    return load_problem(SAMPLE.parent / "sample-without-weeks").problem


_TEAMS = [
    ["team_id", "name", "department", "capacity_hours"],
    ["brand", "Brand", "marketing", 100],
    ["aes", "AEs", "sales", 120.5],
]
_PROJECTS = [
    ["project_id", "name", "stage", "effort_hours", "value", "mandatory"],
    ["ads", "Ads", "awareness", 40, 10, False],
    ["deal", "Deal", "closing", 60, 5, True],
]


def test_the_data_workbook_loads_back_to_the_same_problem(sample):
    """Export the inputs as .xlsx, read it back: the same teams, projects, goals and settings."""
    again = load_book(data_workbook(sample), "sample.xlsx").problem
    assert again == sample


def test_a_team_id_with_a_dot_keeps_its_multiplier_through_the_data_workbook():
    """The team 'emea.sales' at 0.5 was written as capacity.multipliers.emea.sales and read
    back as a team 'emea' holding {'sales': 0.5}: the app's own export was refused on
    import. A multiplier's (and a stage owner's) name is everything after its table."""
    teams = [*_TEAMS, ["emea.sales", "EMEA", "sales", 80], ["emea", "EMEA 2", "sales", 80]]
    settings = [
        ["key", "value"],
        ["capacity.multipliers.emea.sales", 0.5],
        ["capacity.multipliers.emea", 0.75],
    ]
    data = workbook_of({"teams": teams, "projects": _PROJECTS, "settings": settings})
    problem = load_book(data, "quarter.xlsx").problem
    assert problem.settings.capacity.multipliers == {"emea.sales": 0.5, "emea": 0.75}
    assert load_book(data_workbook(problem), "export.xlsx").problem == problem


def test_a_handmade_workbook_reads_like_a_data_folder():
    """Numbers typed as numbers, TRUE/FALSE as booleans, a settings sheet of key, value rows."""
    data = workbook_of(
        {
            "Teams": _TEAMS,
            "projects": _PROJECTS,
            "settings": [
                ["key", "value"],
                ["capacity.multipliers.marketing", 0.8],
                ["weights.balance", 0],
                ["stages.owners.nurturing", "marketing; sales"],
            ],
        }
    )
    problem = load_book(data, "quarter.xlsx").problem
    assert problem.team("aes").capacity_hours == pytest.approx(120.5)
    assert problem.project("deal").mandatory and not problem.project("ads").mandatory
    assert problem.settings.capacity.multipliers == {"marketing": 0.8}
    assert problem.settings.weights.balance == 0
    result = solve(problem)
    assert result.plan is not None and check_plan(problem, result.plan) == []


@pytest.mark.parametrize(
    ("order", "owners"),
    [
        ('["awareness", "closing"]', '["marketing", "sales"]'),
        ("awareness, closing", "marketing, sales"),
        ("['awareness'; 'closing']", "[marketing]"),
    ],
)
def test_a_list_setting_typed_as_toml_or_with_commas_reads_as_its_items(order, owners):
    """`stages.order` typed `["awareness", "closing"]` (as settings.toml writes it) or
    `awareness, closing` was one stage named so: every stages.owners row then read "'closing'
    is not in stages.order. Fix: Add it to order or drop it", the cell that was read wrong
    never named. A list cell reads its items between brackets, quotes and commas too."""
    data = workbook_of(
        {
            "teams": _TEAMS,
            "projects": _PROJECTS,
            "settings": [
                ["key", "value"],
                ["stages.order", order],
                ["stages.owners.awareness", owners],
                ["stages.owners.closing", "sales"],
            ],
        }
    )
    problem = load_book(data, "quarter.xlsx").problem
    assert problem.settings.stages.order == ("awareness", "closing")
    assert set(problem.settings.stages.owners["awareness"]) <= {"marketing", "sales"}


@pytest.mark.parametrize("order", ["[awareness, closing", "awareness, closing]"])
def test_a_list_setting_with_one_bracket_is_refused_at_its_row(order):
    """`stages.order` typed `[1,2` was read as two stages, '[1' and '2', and the errors then
    spoke of each team's stages: the cell itself is refused, at its row."""
    data = workbook_of(
        {
            "teams": _TEAMS,
            "projects": _PROJECTS,
            "settings": [["key", "value"], ["stages.order", order]],
        }
    )
    with pytest.raises(InvalidInputError) as caught:
        load_book(data, "quarter.xlsx")
    (error,) = caught.value.errors
    assert error.file == "quarter.xlsx, sheet settings"
    assert (error.row, error.column) == (2, "value")
    assert "one of its brackets only" in error.message and "[ and ]" in error.fix


def test_a_bad_cell_is_reported_by_sheet_row_and_column():
    """A leader fixes a workbook by sheet, row and column: every error names all three."""
    teams = [row[:] for row in _TEAMS]
    teams[2][3] = "lots"
    data = workbook_of({"teams": teams, "projects": _PROJECTS})
    with pytest.raises(InvalidInputError) as caught:
        load_book(data, "quarter.xlsx")
    (error,) = caught.value.errors
    assert error.file == "quarter.xlsx, sheet teams"
    assert error.row == 3 and error.column == "capacity_hours"


def test_an_unknown_setting_names_the_settings_sheet():
    """A typo in the settings sheet is an error about that sheet, not a crash."""
    data = workbook_of(
        {"teams": _TEAMS, "projects": _PROJECTS, "settings": [["capacity.max_utilisation", 0.9]]}
    )
    with pytest.raises(InvalidInputError) as caught:
        load_book(data, "quarter.xlsx")
    assert any(e.file == "quarter.xlsx, sheet settings" for e in caught.value.errors)


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        ("weeks", "Write calendar.weeks."),
        ("first_monday", "Write calendar.first_monday."),
        ("Time_Limit_S", "Write solve.time_limit_s."),
        ("quarter", "Write the section and the key, e.g. capacity.max_utilization."),
    ],
)
def test_a_setting_written_without_its_section_is_named_with_it(key, fix):
    """A leader typed 'weeks' (13) on the settings sheet: "'weeks' is not a setting. Fix:
    Write the section and the key, e.g. capacity.max_utilization", an example of another
    setting. A key that is one setting's name says that setting's full key."""
    data = workbook_of(
        {"teams": _TEAMS, "projects": _PROJECTS, "settings": [["key", "value"], [key, "13"]]}
    )
    with pytest.raises(InvalidInputError) as caught:
        load_book(data, "quarter.xlsx")
    (error,) = caught.value.errors
    assert (error.row, error.column, error.fix) == (2, "key", fix)


def test_a_workbook_problem_names_sheets_never_csv_files_it_does_not_have():
    """A leader who sent one workbook has no teams.csv to add or look in: a missing table is
    a missing sheet of that workbook, and a bad reference points at the sheet to look in."""
    rules = [["project_id", "team_id", "rule"], ["ads", "ghost", "forbid"]]
    data = workbook_of({"projects": _PROJECTS, "rules": rules})
    with pytest.raises(InvalidInputError) as caught:
        load_book(data, "quarter.xlsx")
    errors = caught.value.errors
    assert not any(".csv" in str(e) for e in errors), [str(e) for e in errors]
    missing = next(e for e in errors if "missing" in e.message)
    assert missing.file == "quarter.xlsx"
    assert missing.message == "the teams sheet is missing."
    assert missing.fix.startswith("Add the teams sheet with the columns team_id, name,")
    with pytest.raises(InvalidInputError) as caught:
        load_book(workbook_of({"teams": _TEAMS, "projects": _PROJECTS, "rules": rules}), "q.xlsx")
    (error,) = caught.value.errors
    assert error.file == "q.xlsx, sheet rules"
    assert error.message == "the team 'ghost' is not in the teams sheet."


def test_a_file_that_is_not_a_workbook_is_an_input_error():
    """Garbage named .xlsx: a clear message with the fix, never a traceback."""
    with pytest.raises(InvalidInputError) as caught:
        load_book(b"not a zip at all", "broken.xlsx")
    assert "not an .xlsx workbook" in caught.value.errors[0].message


def test_formula_like_text_stays_text_and_comes_back_exactly(sample):
    """A name starting with '=' is a text cell in the workbook, never a formula."""
    team = sample.teams[0]
    renamed = sample.replace(
        teams=(team.__class__(**{**team.__dict__, "name": "=HYPERLINK(1)"}), *sample.teams[1:])
    )
    data = data_workbook(renamed)
    sheet = load_workbook(io.BytesIO(data))["teams"]
    cell = next(c for c in sheet["B"] if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"
    assert load_book(data).problem.team(team.team_id).name == "=HYPERLINK(1)"


@pytest.mark.parametrize("name", ["bell\x07name", "vertical\x0btab", "nul\x00", "a_x0041_b"])
def test_a_name_with_a_control_character_is_written_and_read_back_exactly(sample, name):
    """A name holding a BEL or a vertical tab (pasted from another program) validated, then
    'planner solve --out plan.xlsx', the data workbook's download and 'scenarios compare
    --out' ended in 'internal error (IllegalCharacterError ...)', exit 1. It is written as
    the _x0007_ escape Excel shows as the character, and read back exactly; a name that
    holds such an escape as text stays that text."""
    team = sample.teams[0]
    renamed = sample.replace(
        teams=(team.__class__(**{**team.__dict__, "name": name}), *sample.teams[1:])
    )
    assert load_book(data_workbook(renamed)).problem.team(team.team_id).name == name
    result = solve(renamed, time_limit_s=5)
    sheet = load_workbook(io.BytesIO(plan_workbook(renamed, result)))["Team load"]
    assert any(c.value is not None and "_x" in str(c.value) for c in sheet["A"])


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
        "Ranking score (analysts)",
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
        "Capacity (h, after what-ifs and max utilisation)": hours_value(figures.in_force_hours),
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
    score = dict(book["Ranking score (analysts)"].values)
    assert score["The planner's ranking score (points)"] == round(figures.objective, 2)
    assert score["The best score possible (points)"] == round(figures.bound, 2)
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
    assert any(g.short_by > 0 for g in figures.goals)
    assert [row[short_by] for row in goals[1:]] == [amount_value(g.short_by) for g in figures.goals]
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
        assert row[columns.index("Utilisation (%)")] == used, t.name
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


def test_solve_reads_a_macro_enabled_workbook_as_it_reads_an_xlsx(tmp_path, sample, capsys):
    """A leader's quarter.xlsm (Excel with macros) was refused for its extension ("is a
    .xlsm file; Goal Planner reads .xlsx workbooks"). Its sheets are read as an .xlsx's;
    its macros are never run. Bad input in it names its sheets as an .xlsx's do.
    """
    source = tmp_path / "quarter.xlsm"
    source.write_bytes(macro_enabled(data_workbook(sample)))
    assert load_problem(source).problem == sample
    out = tmp_path / "plan.csv"
    assert main(["solve", str(source), "--out", str(out)]) == 0
    assert "goal attainment:" in capsys.readouterr().out
    teams = [row[:] for row in _TEAMS]
    teams[1][2] = "finance"
    broken = tmp_path / "broken.XLSM"
    broken.write_bytes(macro_enabled(workbook_of({"teams": teams, "projects": _PROJECTS})))
    assert main(["validate", str(broken)]) == 2
    assert "broken.XLSM, sheet teams, row 2, column department" in capsys.readouterr().err


def test_solve_on_a_broken_workbook_exits_2_naming_the_sheet(tmp_path, capsys):
    """Bad input in a workbook is exit 2 with sheet, row and column on stderr."""
    teams = [row[:] for row in _TEAMS]
    teams[1][2] = "finance"
    source = tmp_path / "quarter.xlsx"
    source.write_bytes(workbook_of({"teams": teams, "projects": _PROJECTS}))
    assert main(["solve", str(source), "--out", str(tmp_path / "p.csv")]) == 2
    err = capsys.readouterr().err
    assert "quarter.xlsx, sheet teams, row 2, column department" in err


def test_a_quarter_in_weeks_exports_each_teams_weekly_load_with_week_numbers():
    """plan.xlsx of a weekly plan has a "Weekly load" sheet: a spreadsheet sums and filters it.

    Weeks are numbers, not text (a sort puts week 10 after week 9), each row's
    hours are the plan's, and every team's weeks add up to its planned hours.
    """
    weeks_sample = load_problem(SAMPLE).problem
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
    used = header.index("Utilisation (%)")
    assert any(row[planned] > 0 for row in body)
    for row in body:
        if row[capacity] > 0:
            shown = percent_value(100 * row[planned] / row[capacity])
            assert 100 * row[used] == pytest.approx(shown, abs=0.11), row


def test_the_weekly_load_sheet_lists_the_teams_in_the_team_load_sheet_s_order():
    """plan.xlsx's Team load sheet (and the Plan page's charts) read marketing first, Demand
    Gen at the top; its Weekly load sheet began with the SDR Team (teams.csv's order), so one
    workbook listed the same teams two ways."""
    weeks_sample = load_problem(SAMPLE).problem
    book = load_workbook(io.BytesIO(plan_workbook(weeks_sample, solve(weeks_sample))))
    quarter = [row[0] for row in list(book["Team load"].values)[1:]]
    weekly = list(dict.fromkeys(row[0] for row in list(book["Weekly load"].values)[1:]))
    assert quarter[0] == "Demand Gen"
    assert weekly == quarter


def test_a_quarter_without_weeks_has_no_weekly_sheet(sample):
    """Round-1 data (every project the whole quarter) keeps plan.xlsx as it was."""
    book = load_workbook(io.BytesIO(plan_workbook(sample, solve(sample))), read_only=True)
    assert "Weekly load" not in book.sheetnames


def test_calendar_weeks_are_written_as_numbers_and_ranges_as_text():
    """The data workbook's calendar sheet: week 7 is the number 7; "7-8" stays a range."""
    weeks_sample = load_problem(SAMPLE).problem
    book = load_workbook(io.BytesIO(data_workbook(weeks_sample)), data_only=True)
    rows = list(book["calendar"].values)
    week = rows[0].index("week")
    cells = [row[week] for row in rows[1:]]
    assert cells and all(isinstance(c, int) or (isinstance(c, str) and "-" in c) for c in cells)
    assert any(isinstance(c, int) for c in cells)
    assert load_book(data_workbook(weeks_sample)).problem == weeks_sample


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
        shown = text.chance(chance.value)
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
    # A joint project's share keeps plan.csv's 0.5 and reads "50 %", as the pages write it.
    shares = [r[columns.index("Share")] for r in rows if r[columns.index("Share")].value]
    assert shares and all(c.number_format == "0 %" for c in shares)
    assert {c.value for c in shares} >= {1.0} and all(0 < c.value <= 1 for c in shares)


def test_spreadsheet_formats_round_as_the_text_functions():
    """The number formats show what text.amount, text.hours and text.chance print."""
    assert cell_formats.amount_format(59515.897) == "#,##0"
    assert cell_formats.amount_format(7.25) == "#,##0.0"
    assert cell_formats.amount_format(3) == "#,##0"
    assert cell_formats.hours_format(3850) == "#,##0"
    assert cell_formats.chance_format(0.166) == '[<0.005]"< 1 %";[>=0.995]"> 99 %";0 %'
    assert cell_formats.chance_format(1) == "0 %" and cell_formats.chance_format(0) == "0 %"
    assert cell_formats.number_format(0.35) == "#,##0.00"


def _with_saved_results(book: bytes, results: dict[str, tuple[str, str]]) -> bytes:
    """``book`` with a saved result for some formula cells, as Excel stores them.

    ``results`` maps a cell (``D3``) to its result type (``n`` number, ``e`` error) and
    text; openpyxl writes formulas without a result, as a script would.
    """
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                for cell, (kind, value) in results.items():
                    text = re.sub(
                        rf'<c r="{cell}"([^>]*)><f>([^<]*)</f><v\s*/>',
                        rf'<c r="{cell}"\1 t="{kind}"><f>\2</f><v>{value}</v>',
                        text,
                    )
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def test_formula_cells_are_read_as_their_saved_results_and_named_when_there_is_none():
    """A formula Excel calculated reads as its result; one saved by a program that does not
    calculate has no result (it read as "capacity_hours is empty"), and one that shows an
    error (#DIV/0!, #N/A from a lookup) is no value at all, not a name "#N/A": each is
    named with the sheet, row, column and the formula, once.
    """
    teams = [
        _TEAMS[0],
        ["brand", "Brand", "marketing", "=500*2"],
        ["aes", "AEs", "sales", "=400*2"],
        ["pmm", "PMM", "marketing", "=1/0"],
        ["sdr", "=VLOOKUP(A5,X:Y,2)", "sales", 10],
    ]
    book = _with_saved_results(
        workbook_of({"teams": teams, "projects": _PROJECTS}),
        {"D3": ("n", "800"), "D4": ("e", "#DIV/0!"), "B5": ("e", "#N/A")},
    )
    with pytest.raises(InvalidInputError) as raised:
        load_book(book, "plan.xlsx")
    found = {(i.file, i.row, i.column): i for i in raised.value.issues}
    assert set(found) == {
        ("plan.xlsx, sheet teams", 2, "capacity_hours"),
        ("plan.xlsx, sheet teams", 4, "capacity_hours"),
        ("plan.xlsx, sheet teams", 5, "name"),
    }
    no_result = found["plan.xlsx, sheet teams", 2, "capacity_hours"]
    assert "=500*2" in no_result.message and "no saved result" in no_result.message
    assert "save it" in no_result.fix
    assert "#DIV/0!" in found["plan.xlsx, sheet teams", 4, "capacity_hours"].message
    assert "#N/A" in found["plan.xlsx, sheet teams", 5, "name"].message
    fixed = [_TEAMS[0], ["brand", "Brand", "marketing", 1000], teams[2]]
    plain = workbook_of({"teams": fixed, "projects": _PROJECTS})
    book = _with_saved_results(plain, {"D3": ("n", "800")})
    problem = load_book(book, "plan.xlsx").problem
    assert problem.team("aes").capacity_hours == 800


def test_merged_cells_down_a_column_give_each_row_the_value_and_across_columns_are_errors():
    """Leaders merge "sales" over the teams that share it; openpyxl reads the value in the
    first row only, so the others read as empty ("department is empty" on a cell that shows
    sales). A merge down one column gives every row its value, with a warning; a merge
    across columns has no one meaning and is an error naming the cells.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    teams = workbook.create_sheet("teams")
    for row in [*_TEAMS, ["se", "SEs", None, 80]]:
        teams.append(row)
    teams["C3"] = "sales"
    teams.merge_cells("C3:C4")
    projects = workbook.create_sheet("projects")
    for row in _PROJECTS:
        projects.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    loaded = load_book(buffer.getvalue(), "plan.xlsx")
    assert loaded.problem.team("se").department == "sales"
    # (the toy projects serve no goal: that warning is not this test's)
    (warning,) = [w for w in loaded.warnings if w.column != "goal_id"]
    assert (warning.file, warning.row, warning.column) == (
        "plan.xlsx, sheet teams",
        3,
        "department",
    )
    assert "C3:C4 are merged" in warning.message and "row 4" in warning.message
    projects.merge_cells("B2:C2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(InvalidInputError) as raised:
        load_book(buffer.getvalue(), "plan.xlsx")
    assert any(
        (i.file, i.row) == ("plan.xlsx, sheet projects", 2) and "B2:C2 are merged" in i.message
        for i in raised.value.errors
    )


def test_plan_xlsx_summary_writes_hours_whole_and_the_score_to_two_decimals():
    """The Summary sheet is what a leader forwards: capacity after the calendar reads
    9,711 h, the sum of the Team load sheet's whole hours as the cards add them (never
    9,709.285); the planner's score, on the analysts' sheet, as the app's Advanced detail
    writes it (1,407.01)."""
    problem = load_problem(SAMPLE).problem
    result = solve(problem)
    book = load_workbook(io.BytesIO(plan_workbook(problem, result)))
    cells = {row[0].value: row[1] for row in book["Summary"].iter_rows(min_row=2)}
    assert cells["Status"].value == "The best plan possible"  # as the scenario list says
    capacity = cells["Capacity (h, after what-ifs and max utilisation)"]
    figures = result_metrics(problem, result)
    assert capacity.value == figures.shown_in_force_hours == 9711 != figures.in_force_hours
    rows = book["Team load"].iter_rows(min_row=2, values_only=True)
    assert capacity.value == sum(row[2] for row in rows)
    assert capacity.number_format == "#,##0"
    assert not [figure for figure in cells if "points" in str(figure)]  # the board's sheet
    scores = {row[0].value: row[1] for row in book["Ranking score (analysts)"].iter_rows()}
    for name in (
        "The planner's ranking score (points)",
        "The best score possible (points)",
    ):
        score = scores[name]
        assert score.value == round(score.value, 2)
        assert score.number_format in ("#,##0", "#,##0.0", "#,##0.00")


def test_a_title_above_the_header_is_one_problem_naming_the_row_to_delete():
    """Leaders put a title on row 1 ("Our teams, Q3"): that read as three missing required
    columns, each with "add a team_id column"; it is one problem: delete row 1."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_titled_book(["Our teams, Q3"]), "plan.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("plan.xlsx, sheet teams", 1, None)
    assert "under a title on row 1" in issue.message and "Delete row 1" in issue.fix


def test_a_title_above_a_header_other_sheets_refer_to_is_still_one_problem():
    """The teams sheet under a title while the rules sheet names a team: `planner solve
    book.xlsx` ended in "internal error (StopIteration)" (the held-back references looked
    for a missing team_id column, and the title's problem names none). It is the one
    problem, saying the references wait for the header."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_titled_book(["Our teams, Q3"], rules=True), "plan.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == ("plan.xlsx, sheet teams", 1, None)
    assert "under a title on row 1" in issue.message and "held back" in issue.message


def _titled_book(*above: list, rules: bool = False) -> bytes:
    """A workbook of teams and projects whose teams sheet has the rows ``above`` its header
    (and, with ``rules``, a rules sheet that names a team)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    teams = workbook.create_sheet("teams")
    for row in (*above, *_TEAMS):
        teams.append(row)
    projects = workbook.create_sheet("projects")
    for row in _PROJECTS:
        projects.append(row)
    if rules:
        sheet = workbook.create_sheet("rules")
        for row in (["project_id", "team_id", "rule"], ["ads", "brand", "pin"]):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_plan_xlsx_reasons_read_as_sentences_while_plan_csv_keeps_the_plan_s_words():
    """plan.xlsx's Left out and Plan sheets wrote "it depends on 'Trade show presence ...',
    which is not in the plan" in a cell of its own; a cell reads as a sentence ("It
    depends ... plan."). plan.csv keeps the plan's reason as written (it is read back)."""
    problem = load_problem(SAMPLE).problem
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


def test_a_title_with_empty_rows_under_it_names_the_header_row_it_is_on():
    """A title, an empty row, then the header on row 3: the problem said 'the column names
    are on row 2' and 'Delete row 1', which leaves an empty first row and the same problem."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_titled_book(["Our teams, Q3"], []), "plan.xlsx")
    (issue,) = info.value.errors
    assert "the column names are on row 3" in issue.message and "Delete rows 1-2" in issue.fix


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


def test_a_character_escaped_as_utf16_halves_reads_as_one_character_and_a_lone_half_as_a_mark():
    """A workbook writer that escapes a character past U+FFFF as its two UTF-16 halves
    (``_xD83D__xDE80_`` for a rocket), or cut a name in the middle of one (``_xD83D_``):
    the halves were read as two lone surrogates, the data validated, and 'planner solve'
    ended in 'internal error (UnicodeEncodeError ... surrogates not allowed)' writing
    plan.csv. The pair now reads as the rocket, a lone half as U+FFFD (the mark a
    spreadsheet shows for it)."""
    book = workbook_of(
        {
            "teams": [
                ["team_id", "department", "capacity_hours"],
                ["web", "marketing", 100],
            ],
            "projects": [
                ["project_id", "name", "stage", "effort_hours", "value"],
                ["P1", "Launch _xD83D__xDE80_", "awareness", 10, 5],
                ["P2", "Cut _xD83D_", "awareness", 10, 5],
                ["P3", "Odd _xDE80__xD83D_ order", "awareness", 10, 5],
            ],
        }
    )
    problem = load_book(book).problem
    names = [p.name for p in problem.projects]
    assert names == ["Launch \U0001f680", "Cut \ufffd", "Odd \ufffd\ufffd order"]
    plan_csv_text(problem, solve(problem, time_limit_s=5).plan).encode("utf-8")


@pytest.mark.parametrize("sheet", ["estimates", "projects"])
def test_an_empty_sheet_is_one_problem_as_an_empty_csv_file_is(sheet):
    """An empty estimates sheet read as two missing required columns (an empty projects
    sheet as four problems), where an empty estimates.csv is one: 'the file is empty',
    with the column names to put on row 1. The sheet says the same."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in (("teams", _TEAMS), ("projects", _PROJECTS), (sheet, [])):
        if title in workbook.sheetnames:
            workbook.remove(workbook[title])
        target = workbook.create_sheet(title)
        for row in rows:
            target.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(InvalidInputError) as info:
        load_book(buffer.getvalue(), "plan.xlsx")
    (issue,) = info.value.errors
    assert (issue.file, issue.row, issue.column) == (f"plan.xlsx, sheet {sheet}", None, None)
    assert issue.message == "the sheet is empty." and "project_id, " in issue.fix
    assert ("delete the sheet" in issue.fix) == (sheet == "estimates")


def test_a_goal_named_in_a_workbook_without_a_goals_sheet_says_the_sheet_is_missing():
    """The loader's "(there is no goals.csv)" became "(there is no the goals sheet)" once
    the file was renamed to its sheet: a leader reads that the sheet is missing."""
    book = workbook_of(
        {
            "teams": [["team_id", "department", "capacity_hours"], ["brand", "marketing", 100]],
            "projects": [
                ["project_id", "goal_id", "stage", "effort_hours"],
                ["P1", "g1", "awareness", 10],
            ],
        }
    )
    with pytest.raises(InvalidInputError) as caught:
        load_book(book, "quarter.xlsx")
    (problem,) = caught.value.errors
    assert (problem.file, problem.row, problem.column) == (
        "quarter.xlsx, sheet projects",
        2,
        "goal_id",
    )
    assert "is not in the goals sheet (the goals sheet is missing)" in problem.message
    assert "no the" not in problem.message


def test_the_plan_sheet_names_each_row_s_goal_as_the_left_out_sheet_does(solved_sample):
    """A VP Sales filtered plan.xlsx's Plan sheet by goal and found only its id ("new-arr",
    "churn-saved") where the Left out sheet beside it reads "Closed-won new ARR". Each row
    names its goal beside the id, and the workbook still reads back as the same plan."""
    import csv

    from planner.interfaces.baseline_plan import plan_csv_from_workbook

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
    text, _, _ = plan_csv_from_workbook(data, "plan.xlsx")
    assert read_plan_csv(text).owners() == plan.owners()
    read = {(r["project_id"], r["team_id"], r["status"]) for r in csv.DictReader(io.StringIO(text))}
    written = csv.DictReader(io.StringIO(plan_csv_text(problem, plan)))
    assert read == {(r["project_id"], r["team_id"], r["status"]) for r in written}
