"""plan.xlsx given back with its Plan sheet renamed ("Plan (2)", "Q3 plan", "Sheet1").

A leader who renamed the sheet, or copied it into a workbook of their own, read "the
workbook has no Plan sheet, so it holds no plan. Fix: Give the plan.csv or plan.xlsx the
planner wrote": the plan was there, under another name, and the fix sent them back to a
file they no longer had. The sheet that holds the plan is named, with the rename to make.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from builders import problem, project, team

from planner.core.errors import InvalidInputError
from planner.interfaces.baseline_plan import read_plan_sheet
from planner.interfaces.exports import plan_workbook
from planner.solving.solver import solve


@pytest.fixture
def plan_book() -> openpyxl.Workbook:
    prob = problem([team("m1")], [project("a", effort=5, value=3)])
    return openpyxl.load_workbook(io.BytesIO(plan_workbook(prob, solve(prob))))


def _refused(book: openpyxl.Workbook):
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInputError) as raised:
        read_plan_sheet(out.getvalue(), "plan.xlsx")
    (issue,) = raised.value.issues
    return issue


@pytest.mark.parametrize("name", ["Plan (2)", "Q3 plan", "Sheet1"])
def test_a_renamed_plan_sheet_is_named_with_the_rename_to_make(plan_book, name):
    plan_book["Plan"].title = name
    issue = _refused(plan_book)
    assert f"its sheet '{name}' holds a plan" in issue.message, issue.message
    assert issue.fix.startswith(f"Rename the sheet '{name}' to Plan"), issue.fix


def test_a_workbook_with_no_sheet_like_a_plan_still_says_it_holds_none(plan_book):
    del plan_book["Plan"]
    issue = _refused(plan_book)
    assert issue.message == "the workbook has no Plan sheet, so it holds no plan."


def test_two_renamed_plan_sheets_are_both_named(plan_book):
    """A leader who kept last quarter's plan beside this one, both renamed: each is named,
    and the fix asks for the one to read, not for a file the planner wrote."""
    plan_book["Plan"].title = "Q3 plan"
    plan_book.copy_worksheet(plan_book["Q3 plan"]).title = "Q2 plan"
    issue = _refused(plan_book)
    assert "its sheets 'Q3 plan' and 'Q2 plan' each hold a plan" in issue.message, issue.message
    assert issue.fix.startswith("Rename the sheet of the plan to read to Plan"), issue.fix


def test_a_sheet_of_estimates_or_rules_is_not_named_as_a_plan():
    """A data workbook (the Data page's download) kept without its rules sheet, given as
    the baseline: its estimates sheet names both ids, but it has no share, hours planned or
    status. It was named as the plan to rename; it holds none."""
    from planner.core.loading import data_workbook

    prob = problem([team("m1")], [project("a", effort=5, value=3)])
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(prob)))
    del book["rules"]
    issue = _refused(book)
    assert issue.message == "the workbook has no Plan sheet, so it holds no plan.", issue.message
