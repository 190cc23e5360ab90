"""A row that repeats the column names is said once, as what it is.

Two exports pasted into one file (or a spreadsheet's header copied down with a
block of rows) put the header again mid-file. It read as a team called
'team_id' of department 'department': four errors ("'department' is not a
department", "'capacity_hours' is not a number", ...) for teams.csv, fourteen
for projects.csv, and none said the row was a header.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from tests.builders import workbook_of

HEADER = "team_id,name,department,capacity_hours"
TEAMS = [HEADER, "m1,Brand,marketing,100", "s1,Closers,sales,100", "s2,SDRs,sales,50"]
PROJECTS = "project_id,stage,effort_hours,value\nP1,awareness,10,5\n"


def _problems(folder: Path, teams: list[str]) -> list[tuple[int | None, str | None, str]]:
    (folder / "teams.csv").write_text("\n".join(teams) + "\n", encoding="utf-8")
    (folder / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(folder)
    return [(i.row, i.column, f"{i.message} Fix: {i.fix}") for i in raised.value.errors]


@pytest.mark.parametrize(
    ("teams", "row"),
    [
        ([*TEAMS[:2], HEADER, *TEAMS[2:]], 3),  # mid-file
        ([*TEAMS, HEADER], 5),  # at the end
        ([HEADER, *TEAMS], 2),  # twice at the top
        ([*TEAMS[:2], " Team_ID , NAME,department ,capacity_hours", *TEAMS[2:]], 3),
    ],
    ids=["mid-file", "at-the-end", "twice-at-the-top", "spaced-and-in-capitals"],
)
def test_a_row_repeating_the_header_is_one_problem_naming_its_row(tmp_path, teams, row):
    """One error at the row, saying it holds the column names, with the row to delete."""
    ((at, column, text),) = _problems(tmp_path, teams)
    assert (at, column) == (row, None)
    assert "column names" in text and f"Delete row {row}" in text
    assert "is not a department" not in text


def test_a_header_repeated_in_another_order_says_the_rows_under_it_may_be_shifted(tmp_path):
    """The rows pasted under it may follow its order, not row 1's: the fix says to check."""
    other_order = "name,team_id,capacity_hours,department"
    problems = _problems(tmp_path, [*TEAMS[:2], other_order, "Pods,p1,80,sales"])
    ((text,),) = [[t] for at, _, t in problems if at == 3]
    assert "another order" in text and "the header's order" in text
    assert {at for at, _, _ in problems} == {3, 4}  # the shifted row is said as it reads


def test_a_repeated_header_in_a_workbook_sheet_is_named_by_its_row(tmp_path):
    """The sheet is read into the same table as the CSV: the same one problem."""
    book = tmp_path / "q3.xlsx"
    book.write_bytes(
        workbook_of(
            {
                "teams": [
                    ["team_id", "department", "capacity_hours"],
                    ["m1", "marketing", 100],
                    ["team_id", "department", "capacity_hours"],
                    ["s1", "sales", 100],
                ],
                "projects": [["project_id", "stage", "effort_hours"], ["P1", "awareness", 10]],
            }
        )
    )
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(book)
    ((error),) = raised.value.errors
    assert (error.file, error.row) == ("q3.xlsx, sheet teams", 3)
    assert "column names" in error.message


def test_a_name_that_happens_to_be_a_column_name_is_not_a_header(tmp_path):
    """A team named 'name' in a row of real values loads: only whole rows of names count."""
    (tmp_path / "teams.csv").write_text(HEADER + "\nm1,name,marketing,100\n", encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    (team,) = load_with_warnings(tmp_path).problem.teams
    assert team.name == "name"
