"""An id or a name far longer than anyone writes is refused, before the checks that read
every character of it.

A workbook of 3,000 team ids (or names) of 32,000 characters validated, in 21 s to two
and a half minutes: each id was read character by character for ones nobody can see.
An id (and each id of a list, a stage) has at most 200 characters, a name
or a KPI at most 1,000; longer is named by file, row and column, with the fix.
"""

from __future__ import annotations

import pytest
from builders import workbook_of
from loading_files import TINY_FOLDER, write_files

from planner.core import table_rows
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings, load_workbook
from planner.core.table_rows import MAX_ID_CHARS, MAX_NAME_CHARS


def _edited(tmp_path, file: str, old: str, new: str):
    files = dict(TINY_FOLDER)
    assert old in files[file]
    files[file] = files[file].replace(old, new)
    return write_files(tmp_path / "q3", files)


@pytest.fixture
def unread(monkeypatch):
    """The check for invisible characters may not run on a long id: it is refused first."""

    read = table_rows.identifier_problem

    def refuse(text: str, what: str = "id") -> str | None:
        if len(text) > MAX_ID_CHARS:
            raise AssertionError(f"a {len(text):,}-character {what} was read for them")
        return read(text, what)

    monkeypatch.setattr(table_rows, "identifier_problem", refuse)


LONG_ID = "T1-" + "x" * (MAX_ID_CHARS - 2)


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column"),
    [
        ("teams.csv", "T1,Brand", f"{LONG_ID},Brand", 2, "team_id"),
        ("projects.csv", "P3,Close", f"{LONG_ID},Close", 4, "project_id"),
        ("rules.csv", "P3,T2", f"P3,{LONG_ID}", 2, "team_id"),
        ("projects.csv", ",P2\n", f",P1; {LONG_ID}\n", 4, "depends_on"),
        ("teams.csv", "seo:4;", f"{'s' * 300}:4;", 2, "skills"),
        ("goals.csv", "G1,More MQLs", f"G1,{'M' * (MAX_NAME_CHARS + 1)}", 2, "name"),
    ],
)
def test_an_id_or_name_past_its_length_is_named_by_file_row_and_column(
    tmp_path, unread, file, old, new, row, column
):
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(_edited(tmp_path, file, old, new))
    [issue] = [i for i in raised.value.errors if i.file == file]
    assert (issue.row, issue.column) == (row, column)
    most = MAX_NAME_CHARS if column == "name" else MAX_ID_CHARS
    what = "a name" if column == "name" else "an id"
    assert issue.message.endswith(f" is longer than {what} may be: at most {most:,} characters.")
    assert len(issue.message) < 200 and "characters'" in issue.message, issue.message
    assert issue.fix.startswith("Shorten it")


def test_ids_and_names_at_their_length_and_long_lists_of_short_ids_are_read(tmp_path):
    long_id, name = "T" * MAX_ID_CHARS, "B" * MAX_NAME_CHARS
    folder = _edited(tmp_path, "teams.csv", "T1,Brand", f"{long_id},{name}")
    many = "P1" + "; P2" * 150  # a cell of 601 characters, each id short
    for file, old, new in (
        ("projects.csv", ",P2\n", f",{many}\n"),
        ("estimates.csv", "T1", long_id),
    ):
        text = (folder / file).read_text(encoding="utf-8")
        (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    problem = load_with_warnings(folder).problem
    assert problem.teams[0].team_id == long_id
    assert problem.teams[0].name == name
    assert set(problem.project("P3").depends_on) == {"P1", "P2"}


def test_three_hundred_long_team_ids_in_a_workbook_are_one_line(unread):
    teams = [["team_id", "department", "capacity_hours"]]
    teams += [[f"t{i}-" + "x" * 32_000, "marketing", 100] for i in range(300)]
    book = workbook_of(
        {
            "teams": teams,
            "projects": [["project_id", "stage", "effort_hours"], ["a", "awareness", 4]],
        }
    )
    with pytest.raises(InvalidInputError) as raised:
        load_workbook(book, "q3.xlsx")
    issues = raised.value.errors
    assert len(issues) == 300
    assert {(i.file, i.column) for i in issues} == {("q3.xlsx, sheet teams", "team_id")}
    assert [i.row for i in issues] == list(range(2, 302))
    assert issues[0].message == (
        "'t0-xxxxxxxxxxxxxxxxxxxxxxxxx…xxxxxxxx, 32,003 characters' is longer than an id may "
        "be: at most 200 characters."
    )
