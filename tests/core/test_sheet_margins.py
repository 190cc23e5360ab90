"""What a table's sheet holds beside its columns: said once, and only when it is there.

A title typed above the teams table ('Q3 teams' on row 1, the header on row 2) was
refused as it should be ('the column names are on row 2, under a title on row 1'),
and beside it came a warning for every column of the real header: "a value
('department') is beside the table, in a column with no name on row 1, so it is
not read": the table itself called notes beside the table.
"""

from __future__ import annotations

import pytest
from builders import workbook_of

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

HEADER = ["team_id", "department", "capacity_hours"]
PROJECTS = [["project_id", "stage", "effort_hours"], ["P1", "awareness", 10]]


def test_a_title_above_the_header_is_one_problem_without_warnings_beside_it(tmp_path):
    """The title is the one thing said: no column of the header is 'beside the table'."""
    path = tmp_path / "q3.xlsx"
    teams = [["Q3 teams"], HEADER, ["m1", "marketing", 100], ["s1", "sales", 100]]
    path.write_bytes(workbook_of({"teams": teams, "projects": PROJECTS}))
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(path)
    said = [(i.row, i.message) for i in raised.value.issues]
    assert len(said) == 1, said
    assert "under a title on row 1" in said[0][1]


def test_a_note_beside_a_table_is_still_named(tmp_path):
    """A value typed in D3 beside a sound table keeps its warning."""
    path = tmp_path / "q3.xlsx"
    teams = [HEADER, ["m1", "marketing", 100, "ask Ana"], ["s1", "sales", 100]]
    path.write_bytes(workbook_of({"teams": teams, "projects": PROJECTS}))
    (warning,) = [w for w in load_with_warnings(path).warnings if "beside the table" in w.message]
    assert (warning.row, warning.column) == (2, "D") and "ask Ana" in warning.message
