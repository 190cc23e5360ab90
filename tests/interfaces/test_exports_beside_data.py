"""Every workbook the planner writes is known again beside the data it came from: a folder
holding its own exports loads without a warning about them (`planner scenarios export`
writes plan.xlsx beside the CSVs), and a workbook a leader added a sheet to is theirs."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from planner import load_problem, solve
from planner.core.file_kinds import written_by_the_planner
from planner.interfaces.exports import plan_workbook
from planner.interfaces.replan_exports import replan_workbook
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import replan

ROOT = Path(__file__).resolve().parents[2]


def _known(book: bytes) -> bool:
    return written_by_the_planner("plan.xlsx", len(book), lambda n: book[:n])


def test_plan_xlsx_in_weeks_and_without_them_is_known_as_the_planner_s(solved_sample):
    """The score's own sheet (the analysts') made plan.xlsx a workbook the folder's reader
    did not know: a scenario's export folder, loaded again, warned "this workbook is not
    read" about its own plan.xlsx."""
    problem, _ = solved_sample
    in_weeks = plan_workbook(problem, solve(problem))
    flat = load_problem(ROOT / "data" / "sample-without-weeks")
    without_weeks = plan_workbook(flat, solve(flat))
    assert "Weekly load" in openpyxl.load_workbook(io.BytesIO(in_weeks)).sheetnames
    assert _known(in_weeks) and _known(without_weeks)


def test_a_check_in_s_re_plan_workbook_is_known_as_the_planner_s(solved_sample):
    problem, plan = solved_sample
    checkin = checkin_as_planned(problem, plan, Decimal(8))
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    book = replan_workbook(
        *(problem, checkin, outcome.problem, outcome.result, outcome.carried, plan, outcome.diff)
    )
    assert "Quarter end" in openpyxl.load_workbook(io.BytesIO(book)).sheetnames
    assert _known(book)


@pytest.mark.parametrize("change", ["added", "renamed"])
def test_a_plan_xlsx_a_leader_changed_the_sheets_of_is_theirs(solved_sample, change):
    problem, _ = solved_sample
    workbook = openpyxl.load_workbook(io.BytesIO(plan_workbook(problem, solve(problem))))
    if change == "added":
        workbook.create_sheet("My notes")
    else:
        workbook["Goals"].title = "Q3 goals"
    edited = io.BytesIO()
    workbook.save(edited)
    assert not _known(edited.getvalue())


def test_a_plan_xlsx_written_before_its_score_sheet_was_renamed_is_still_the_planner_s(
    solved_sample,
):
    """The score's sheet was "Ranking score (analysts)", the solver's name; it is "Score
    (analysts)" now. A plan.xlsx written before, beside the data, is still the planner's own
    (no "this workbook is not read" about it), and the new one is too."""
    problem, _ = solved_sample
    workbook = openpyxl.load_workbook(io.BytesIO(plan_workbook(problem, solve(problem))))
    assert workbook.sheetnames[-1] == "Score (analysts)"
    workbook["Score (analysts)"].title = "Ranking score (analysts)"
    before = io.BytesIO()
    workbook.save(before)
    assert _known(before.getvalue())
