"""A workbook whose sheets are named like the CSV files (teams.csv) or nearly (project).

Each read "this sheet is not one of Goal Planner's tables, so it is ignored" beside "the
teams sheet is missing", and the fix listed the sheet names without saying which one to
rename.
"""

from __future__ import annotations

import openpyxl
import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings


def _book(path, titles):
    book = openpyxl.Workbook()
    book.remove(book.active)
    rows = {
        "teams": [["team_id", "department", "capacity_hours"], ["m1", "marketing", 100]],
        "projects": [["project_id", "stage", "effort_hours"], ["P1", "awareness", 10]],
    }
    for table, title in titles.items():
        sheet = book.create_sheet(title)
        for row in rows[table]:
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(("title", "table"), [("teams.csv", "teams"), ("Team", "teams")])
def test_a_sheet_named_nearly_like_a_table_says_which_to_rename(tmp_path, title, table):
    path = _book(tmp_path / "q3.xlsx", {"teams": title, "projects": "projects"})
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(path)
    (warning,) = [i for i in info.value.warnings if i.file.endswith(f"sheet {title}")]
    assert warning.fix.startswith(f"Rename it {table} if it holds that table.")


def test_a_sheet_unlike_any_table_keeps_the_list_of_names(tmp_path):
    path = _book(tmp_path / "q3.xlsx", {"teams": "teams", "projects": "projects"})
    book = openpyxl.load_workbook(path)
    book.create_sheet("Notes")
    book.save(path)
    loaded = load_with_warnings(path)
    (warning,) = [w for w in loaded.warnings if "Notes" in w.file]
    assert warning.fix.startswith("The sheets are teams, projects")
