"""A plan kept in a spreadsheet with a totals row added at its foot, given back as the plan.

A VP Sales summed the Hours and Value columns of plan.xlsx under the table
("Total" in Project ID, =SUM(...) beside it) and gave the workbook back as the
baseline: it read "row 56, column share: the cell is empty. Fix: Write the team's
share as the planner wrote it", asking for a share on a row that is no project
(with "Total" one column over: "the project_id is empty ... Write the project's
id"). A totals row is now named as one, with the fix that works: delete it.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from builders import problem, project, team

from planner.core.errors import InvalidInputError
from planner.core.plan_csv import plan_csv_text, read_plan_csv
from planner.interfaces.baseline_plan import read_plan_sheet
from planner.interfaces.exports import plan_workbook
from planner.solving.solver import solve


@pytest.fixture
def planned():
    """Two projects planned on one team."""
    prob = problem([team("m1")], [project("a", effort=5, value=3), project("b", effort=4, value=2)])
    return prob, solve(prob)


@pytest.mark.parametrize(
    "total_row",
    [
        "Total,,,,,,,,9,5,,,,",
        ",Total,,,,,,,9,5,,,,",
        "Grand total:,,,,,,,,9,5,,,,",
        ",,,,,,,TOTALS,9,5,,,,",
        "Sum,,,,,,,,9,5,,,,",
    ],
)
def test_a_totals_row_under_a_plan_csv_is_named_as_one(planned, total_row):
    """One problem, at the totals row, saying what it is and to delete it: not a share,
    hours and value asked for as if it were a project."""
    prob, result = planned
    text = plan_csv_text(prob, result.plan) + total_row + "\r\n"
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "plan.csv")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row) == ("plan.csv", 4)
    assert "totals row" in issue.message
    assert issue.fix.startswith("Delete the row")


def test_a_totals_row_added_under_plan_xlsx_is_named_at_its_sheet_row(planned):
    """The workbook as Excel saves it: "Total" under the ids, =SUM(...) under the hours."""
    prob, result = planned
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(prob, result)))
    sheet = book["Plan"]
    last = sheet.max_row
    sheet.append(["Total", None, None, None, None, None, None, None, f"=SUM(I2:I{last})"])
    out = io.BytesIO()
    book.save(out)
    text, where, header_row = read_plan_sheet(out.getvalue(), "plan.xlsx")[:3]
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, where, header_row)
    (issue,) = raised.value.issues
    assert (issue.row, issue.column) == (last + 1, "project_id")
    assert "'Total'" in issue.message and "totals row" in issue.message


def test_a_project_whose_id_reads_total_still_reads_as_a_project():
    """A row with a status is a plan row, whatever its id: a project may be called "Sum"."""
    prob = problem([team("m1")], [project("Sum", effort=5, value=3)])
    plan = solve(prob).plan
    assert read_plan_csv(plan_csv_text(prob, plan)) == plan


@pytest.mark.parametrize(("project_id", "name"), [("Total", "Renewal push"), ("RN-01", "Totals")])
def test_a_project_whose_status_was_cleared_is_not_called_a_totals_row(project_id, name):
    """A real project called 'Total' (or named 'Totals') whose status a leader cleared has its
    team, stage and words beside the word: it is asked for its status, not called a totals
    row to delete, which would drop a project from the plan given back."""
    prob = problem([team("m1")], [project(project_id, effort=5, value=3, name=name)])
    text = plan_csv_text(prob, solve(prob).plan).replace(",assigned,", ",,")
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "plan.csv")
    (issue,) = raised.value.issues
    assert "totals row" not in issue.message, issue.message
    assert issue.column == "status", issue


def test_a_note_under_plan_xlsx_past_an_empty_row_is_named_as_a_note(planned):
    """'Agreed at the offsite' two rows under the Plan sheet read as a project asked for its
    share, hours and value ("the cell is empty"), three fixes that do not fit a note."""
    prob, result = planned
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(prob, result)))
    sheet = book["Plan"]
    below = sheet.max_row + 2
    sheet.cell(below, 1).value = "Agreed at the planning offsite"
    out = io.BytesIO()
    book.save(out)
    text, where, header_row = read_plan_sheet(out.getvalue(), "plan.xlsx")[:3]
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, where, header_row)
    (issue,) = raised.value.issues
    assert (issue.row, issue.column) == (below, "project_id")
    assert "a note, not one of its projects" in issue.message
    assert issue.fix.startswith(f"Delete row {below}")
