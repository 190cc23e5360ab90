"""Rows a leader hid (or filtered out) in a table's sheet are read, and said to be.

A leader hides the teams that were dissolved and the projects cut from the
quarter, or filters the projects sheet to this quarter's, and saves: Excel shows
only the rest, and the planner planned every row without a word (a 900-hour
team nobody could see took projects). The sheet's XML marks such rows
``hidden="1"``; a warning now names them, as a hidden sheet is named.

They stay planned: SPEC reads a workbook "exactly as ... a data folder", and a CSV
file saved from the sheet keeps its hidden and filtered-out rows; dropping them
would plan a quarter that differs from its own CSV files, and a filter left on
to look at one stage would drop every other project without a word. So the
warning says plainly that they are planned, names them by id, and says that
deleting a row is what leaves it out.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

from planner.core.loading import load_with_warnings
from planner.core.sheet_margins import hidden_rows

TEAMS = [
    ["team_id", "department", "capacity_hours"],
    ["m1", "marketing", 100],
    ["old", "marketing", 900],
    ["s1", "sales", 100],
]
PROJECTS = [
    ["project_id", "stage", "effort_hours", "value"],
    ["P1", "awareness", 10, 5],
    ["P2", "awareness", 10, 5],
]


def _book(path: Path, hidden: dict[str, list[int]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("teams", TEAMS), ("projects", PROJECTS)):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for number in hidden.get(title, []):
            sheet.row_dimensions[number].hidden = True
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def _hidden_warnings(path: Path) -> list[tuple[str, int | None, str]]:
    loaded = load_with_warnings(path)
    return [
        (w.file, w.row, f"{w.message} Fix: {w.fix}") for w in loaded.warnings if "hid" in w.message
    ]


def test_hidden_rows_of_a_table_are_read_and_named_with_the_fix(tmp_path):
    """The hidden team and project are planned, and each sheet says which rows were hidden."""
    path = _book(tmp_path / "q3.xlsx", {"teams": [3], "projects": [2, 3]})
    loaded = load_with_warnings(path)
    assert [t.team_id for t in loaded.problem.teams] == ["m1", "old", "s1"]  # read, as before
    said = {file: (row, text) for file, row, text in _hidden_warnings(path)}
    assert {file: row for file, (row, _) in said.items()} == {
        "q3.xlsx, sheet teams": 3,
        "q3.xlsx, sheet projects": 2,
    }
    teams_words, projects_words = (
        said["q3.xlsx, sheet teams"][1],
        said["q3.xlsx, sheet projects"][1],
    )
    assert "row 3 (team old) is hidden" in teams_words
    assert (
        "the planner still reads it" in teams_words
        and "team old can be given projects" in teams_words
    )
    assert "rows 2, 3 (projects P1, P2) are hidden" in projects_words
    assert "projects P1, P2 can be planned" in projects_words
    assert "a CSV file saved from this sheet keeps them too" in projects_words
    assert "delete the rows: hiding or filtering them does not" in projects_words


def test_many_hidden_rows_name_the_first_ids_and_count_the_rest(tmp_path):
    """Twelve hidden projects: the first ten ids and how many rows in all."""
    rows = [PROJECTS[0], *([f"P{i}", "awareness", 10, 5] for i in range(1, 13))]
    book = Workbook()
    book.remove(book.active)
    for title, table in (("teams", TEAMS), ("projects", rows)):
        sheet = book.create_sheet(title)
        for row in table:
            sheet.append(row)
    for number in range(2, 14):
        book["projects"].row_dimensions[number].hidden = True
    path = tmp_path / "q3.xlsx"
    book.save(path)
    ((_, row, text),) = _hidden_warnings(path)
    assert row == 2
    assert "rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ... (12 rows: projects P1, P2, P3" in text
    assert "P10, ...)" in text


def test_hidden_empty_rows_and_visible_sheets_say_nothing(tmp_path):
    """Rows hidden below the table (formatting) hold nothing to plan: no warning."""
    path = _book(tmp_path / "q3.xlsx", {"teams": [9, 10]})
    assert _hidden_warnings(path) == []


def test_a_hidden_column_of_a_table_is_read_and_named_with_its_header(tmp_path):
    """A hidden max_projects column (old values a leader hid rather than cleared) is read:
    one warning names its letter and header. Hidden columns past the table say nothing."""
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet("teams")
    for row in [[*TEAMS[0], "max_projects"], *([*r, 1] for r in TEAMS[1:])]:
        sheet.append(row)
    sheet.column_dimensions["D"].hidden = True
    sheet.column_dimensions["H"].hidden = True  # nothing in it
    projects = book.create_sheet("projects")
    for row in PROJECTS:
        projects.append(row)
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "q3.xlsx"
    path.write_bytes(out.getvalue())
    assert {t.max_projects for t in load_with_warnings(path).problem.teams} == {1}  # read
    ((file, row, text),) = _hidden_warnings(path)
    assert (file, row) == ("q3.xlsx, sheet teams", 1)
    assert "column D (max_projects) is hidden" in text and "still reads it" in text
    assert "delete the column: hiding it does not" in text


def test_hidden_rows_without_an_id_are_not_named_by_an_empty_one():
    """A hidden row whose team_id is empty read "row 3 (team ) is hidden ... team  can be
    given projects"; a hidden rules row beside an empty header cell read "row 2 ( x)". Only
    the ids written are named, in the number they are; no id, the rows' values are said."""
    teams = [
        ["team_id", "name", "department", "capacity_hours"],
        ["a", "A", "sales", "100"],
        ["", "Old", "sales", "50"],
    ]
    (alone,) = hidden_rows(teams, frozenset({3}), "Teams", "teams.csv")
    assert alone.message.startswith("row 3 is hidden in the spreadsheet")
    assert "its values count like the visible rows'" in alone.message
    (two,) = hidden_rows(teams, frozenset({2, 3}), "Teams", "teams.csv")
    assert two.message.startswith("rows 2, 3 (team a) are hidden")
    assert "team a can be given projects" in two.message
    rules = [["project_id", "team_id", "rule", ""], ["AW-01", "brand", "pin", "x"]]
    (rule,) = hidden_rows(rules, frozenset({2}), "Rules", "rules.csv")
    assert rule.message.startswith("row 2 is hidden in the spreadsheet")


def test_a_hidden_column_of_the_leader_s_own_is_said_once_as_not_used(tmp_path):
    """A hidden 'notes' column read "its values are used like a visible column's" beside the
    unknown column's "it is kept but not used": it is not used, and only that is said."""
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet("teams")
    for row in [[*TEAMS[0], "max_projects", "notes"], *([*r, 1, "call Bob"] for r in TEAMS[1:])]:
        sheet.append(row)
    sheet.column_dimensions["D"].hidden = True
    sheet.column_dimensions["E"].hidden = True
    projects = book.create_sheet("projects")
    for row in PROJECTS:
        projects.append(row)
    path = tmp_path / "q3.xlsx"
    book.save(path)
    ((_, _, text),) = _hidden_warnings(path)
    assert "column D (max_projects) is hidden" in text and "notes" not in text
    said = [str(w) for w in load_with_warnings(path).warnings if "notes" in str(w)]
    assert len(said) == 1 and "kept but not used" in said[0], said
