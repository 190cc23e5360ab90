"""A totals row a leader added under a data table, in the data workbook or a CSV file.

A CMO summed the capacity under the teams sheet of the data workbook (the Data page's
download) and uploaded it again: "row 12, column department: department is empty. Fix:
Write sales or marketing", asking a totals row for a department; under the projects
sheet, "project_id is empty. Fix: Give every project an id"; under the goals sheet,
"Total" and a target read as a ninth goal, 0 % of 1,234 "however the plan goes",
lowering the plan's weighted attainment, with a warning about a goal nobody serves. A
totals row is now one error at its row, saying what it is, with the fix: delete it.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _problems(path: Path) -> list:
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(path)
    return raised.value.issues


@pytest.mark.parametrize(
    ("file", "row"),
    [
        ("teams.csv", "Total,,,9300,,,"),
        ("projects.csv", ",Total,,,12345,99999,,,,,,,,,,"),
        ("goals.csv", "Total,,,1234,,"),
        ("calendar.csv", "Grand total:,,1039.3"),
        ("estimates.csv", "TOTALS,,1200,"),
        # Labelled totals (attack round 34): each was a project told to "Write the
        # project's funnel stage", or a team its id and department.
        ("projects.csv", "Awareness total,,,,1200,50000,,,,,,,,,,"),
        ("projects.csv", "Subtotal: closing,,,,1200,,,,,,,,,,,"),
        ("teams.csv", ",Total capacity,,9400,,,"),
    ],
)
def test_a_totals_row_under_a_data_file_is_one_problem_saying_so(tmp_path, file, row):
    """One problem, at the row, naming it a totals row, and nothing planned with it."""
    shutil.copytree(SAMPLE, tmp_path / "q3")
    path = tmp_path / "q3" / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    number = len(text.splitlines()) + 1
    (issue,) = _problems(tmp_path / "q3")
    assert (issue.file, issue.row) == (file, number)
    assert "totals row" in issue.message, issue.message
    assert issue.fix == f"Delete row {number}: the planner adds the figures up itself."


def test_a_totals_row_with_a_formula_under_the_data_workbook_s_teams_sheet(tmp_path):
    """The data workbook as a leader saves it: "Total" and =SUM(...) under the capacities."""
    problem = load_with_warnings(SAMPLE).problem
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(problem)))
    sheet = book["teams"]
    last = sheet.max_row
    sheet.append(["Total", None, None, f"=SUM(D2:D{last})"])
    book.save(tmp_path / "data.xlsx")
    # Saved by a program that does not calculate, the formula is named too; Excel saves
    # its result, and then the totals row is the one problem.
    problems = [p for p in _problems(tmp_path / "data.xlsx") if "formula" not in p.message]
    assert [(p.row, p.column) for p in problems] == [(last + 1, "team_id")]
    assert "totals row" in problems[0].message


def test_a_goal_or_team_whose_id_reads_total_with_its_words_is_data(tmp_path):
    """A goal with the id 'total' and its name, KPI and owner is a goal, a project named
    'Sum' with an id a project, and a team 'total' has its calendar rows: only a word for a
    total beside figures, some cells left empty, is a totals row."""
    shutil.copytree(SAMPLE, tmp_path / "q3")
    goals = tmp_path / "q3" / "goals.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8") + "total,Total ARR,ARR $,1000,sales,1\n", "utf-8"
    )
    projects = tmp_path / "q3" / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    projects.write_text(text + "ZZ-01,Sum,total,closing,10,5,,,,,,,,,,\n", encoding="utf-8")
    teams = tmp_path / "q3" / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8") + "total,Total,sales,500,,,\n", "utf-8")
    calendar = tmp_path / "q3" / "calendar.csv"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "total,3,40\n", "utf-8")
    loaded = load_with_warnings(tmp_path / "q3")
    assert "total" in {g.goal_id for g in loaded.problem.goals}
    assert "total" in {t.team_id for t in loaded.problem.teams}
    assert not [w for w in loaded.warnings if "totals row" in w.message]
