"""Spreadsheets (SPEC "Spreadsheets"): a workbook read exactly as a data folder and the
data written as a workbook; what a leader's spreadsheet holds (formulas, merged cells,
titles, lists typed in a cell) read or named by sheet, row and column. The plan written
as a workbook is in test_plan_workbook.py.
"""

from __future__ import annotations

import io

import pytest
from builders import SAMPLE, macro_enabled, workbook_of
from openpyxl import Workbook, load_workbook

from planner.checker import check_plan
from planner.core.errors import InvalidInputError
from planner.core.identifiers import escaped
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.loading import load_workbook as load_book
from planner.core.plan_csv import plan_csv_text
from planner.interfaces.cli import main
from planner.interfaces.exports import plan_workbook
from planner.solving.solver import solve

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


@pytest.mark.parametrize(
    "text", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
)
def test_an_id_or_name_written_as_an_error_value_comes_back_as_text(sample, text):
    """A name or id '#N/A' validated in a CSV file, then the data workbook (the Export
    page's, the Data page's download) stored it as the error #N/A, not as text, and its
    import was refused: "the cell shows the error #N/A". Such text is a text cell in
    every workbook written, and is read back exactly."""
    project, team = sample.projects[0], sample.teams[0]
    renamed = sample.replace(
        projects=(project.__class__(**{**project.__dict__, "name": text}), *sample.projects[1:]),
        teams=(team.__class__(**{**team.__dict__, "name": text}), *sample.teams[1:]),
    )
    data = data_workbook(renamed)
    cells = [c for c in load_workbook(io.BytesIO(data))["teams"]["B"] if c.value == text]
    assert [c.data_type for c in cells] == ["s"]
    again = load_book(data).problem
    assert again.project(project.project_id).name == text
    assert again.team(team.team_id).name == text
    result = solve(renamed, time_limit_s=5)
    sheet = load_workbook(io.BytesIO(plan_workbook(renamed, result)))["Team load"]
    assert {c.data_type for c in sheet["A"] if c.value == text} == {"s"}


@pytest.mark.parametrize("name", ["bell\x07name", "vertical\x0btab", "nul\x00", "a_x0041_b"])
def test_a_name_with_a_control_character_is_written_and_read_back_exactly(sample, name):
    """A name holding a BEL or a vertical tab (pasted from another program) validated, then
    'planner solve --out plan.xlsx', the data workbook's download and 'scenarios compare
    --out' ended in 'internal error (IllegalCharacterError ...)', exit 1. It is written as
    the _x0007_ escape Excel shows as the character, and read back as that character, which
    a name may not hold (it broke the line it was shown on): refused on its sheet, row and
    column. A name that holds such an escape as text stays that text."""
    team = sample.teams[0]
    renamed = sample.replace(
        teams=(team.__class__(**{**team.__dict__, "name": name}), *sample.teams[1:])
    )
    if name.isprintable():
        assert load_book(data_workbook(renamed)).problem.team(team.team_id).name == name
    else:
        with pytest.raises(InvalidInputError) as caught:
            load_book(data_workbook(renamed))
        (problem,) = caught.value.issues
        where = (problem.file, problem.row, problem.column)
        assert where == ("workbook.xlsx, sheet teams", 2, "name")
        assert f"'{escaped(name)}' holds" in problem.message
    result = solve(renamed, time_limit_s=5)
    sheet = load_workbook(io.BytesIO(plan_workbook(renamed, result)))["Team load"]
    assert any(c.value is not None and "_x" in str(c.value) for c in sheet["A"])


def test_solve_reads_a_macro_enabled_workbook_as_it_reads_an_xlsx(tmp_path, sample, capsys):
    """A leader's quarter.xlsm (Excel with macros) was refused for its extension ("is a
    .xlsm file; Goal Planner reads .xlsx workbooks"). Its sheets are read as an .xlsx's;
    its macros are never run. Bad input in it names its sheets as an .xlsx's do.
    """
    source = tmp_path / "quarter.xlsm"
    source.write_bytes(macro_enabled(data_workbook(sample)))
    assert load_with_warnings(source).problem == sample
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


def test_calendar_weeks_are_written_as_numbers_and_ranges_as_text():
    """The data workbook's calendar sheet: week 7 is the number 7; "7-8" stays a range."""
    weeks_sample = load_with_warnings(SAMPLE).problem
    book = load_workbook(io.BytesIO(data_workbook(weeks_sample)), data_only=True)
    rows = list(book["calendar"].values)
    week = rows[0].index("week")
    cells = [row[week] for row in rows[1:]]
    assert cells and all(isinstance(c, int) or (isinstance(c, str) and "-" in c) for c in cells)
    assert any(isinstance(c, int) for c in cells)
    assert load_book(data_workbook(weeks_sample)).problem == weeks_sample


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


def test_a_title_with_empty_rows_under_it_names_the_header_row_it_is_on():
    """A title, an empty row, then the header on row 3: the problem said 'the column names
    are on row 2' and 'Delete row 1', which leaves an empty first row and the same problem."""
    with pytest.raises(InvalidInputError) as info:
        load_book(_titled_book(["Our teams, Q3"], []), "plan.xlsx")
    (issue,) = info.value.errors
    assert "the column names are on row 3" in issue.message and "Delete rows 1-2" in issue.fix


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
