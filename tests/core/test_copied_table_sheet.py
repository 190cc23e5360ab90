"""A table's sheet renamed as Excel names a copy ("teams (2)", "teams_old"): named as the
table it holds (attack round 16).

The workbook read "sheet Teams (2): this sheet is not one of Goal Planner's tables, so it is
ignored. Fix: The sheets are teams, projects, ..." beside "the teams sheet is missing":
the sheet holding the teams was there, under a name too far from "teams" to be suggested.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.loading import load_workbook as load_book

SAMPLE = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem


def _renamed(old: str, new: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(SAMPLE)))
    book[old].title = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("title", ["Teams (2)", "teams_old", "Sheet1"])
def test_a_sheet_holding_the_missing_teams_table_is_named_with_the_rename(title):
    with pytest.raises(InvalidInputError) as raised:
        load_book(_renamed("teams", title), "q3.xlsx")
    (ignored,) = [i for i in raised.value.issues if i.file == f"q3.xlsx, sheet {title}"]
    assert "holds the teams table" in ignored.fix or "holds the teams table" in ignored.message
    assert ignored.fix.startswith("Rename it teams"), ignored.fix


def test_a_copy_beside_the_table_itself_is_not_told_to_take_its_name():
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(SAMPLE)))
    book.copy_worksheet(book["teams"]).title = "Teams (2)"
    out = io.BytesIO()
    book.save(out)
    loaded = load_book(out.getvalue(), "q3.xlsx")
    (ignored,) = [w for w in loaded.warnings if w.file == "q3.xlsx, sheet Teams (2)"]
    assert not ignored.fix.startswith("Rename it"), ignored.fix


@pytest.mark.parametrize("title", ["Copy of goals", "goals (2)"])
def test_a_sheet_holding_the_missing_goals_table_is_named_with_the_rename(title):
    """Goals are optional, so a goals sheet renamed as Google Sheets names a copy was told only
    "The sheets are teams, projects, ...", above one "the goal 'visitors' is not in the goals
    sheet" per project: the sheet to rename was there, and nothing said so."""
    with pytest.raises(InvalidInputError) as raised:
        load_book(_renamed("goals", title), "q3.xlsx")
    (ignored,) = [i for i in raised.value.issues if i.file == f"q3.xlsx, sheet {title}"]
    assert ignored.fix.startswith("Rename it goals: it holds the goals table"), ignored.fix


def test_a_sheet_with_only_project_and_team_ids_is_not_told_it_is_the_estimates():
    """An optional table is known by all its columns: project_id and team_id alone are on a
    leader's notes or a plan pasted in, not only on estimates."""
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(SAMPLE)))
    del book["estimates"]
    book.create_sheet("Who does what").append(["project_id", "team_id", "note"])
    out = io.BytesIO()
    book.save(out)
    loaded = load_book(out.getvalue(), "q3.xlsx")
    (ignored,) = [w for w in loaded.warnings if w.file == "q3.xlsx, sheet Who does what"]
    assert not ignored.fix.startswith("Rename it"), ignored.fix


def test_goals_named_with_no_goals_sheet_are_one_problem_counting_the_rows():
    """Without its goals sheet the sample read 51 problems, one per project ("the goal
    'visitors' is not in the goals sheet"), above the one line that said which sheet to
    rename: one problem, on the first row, counts the rest and names the goals."""
    with pytest.raises(InvalidInputError) as raised:
        load_book(_renamed("goals", "Copy of goals"), "q3.xlsx")
    (error,) = raised.value.errors
    named = [p for p in SAMPLE.projects if p.goal_id]
    assert (error.file, error.row, error.column) == ("q3.xlsx, sheet projects", 2, "goal_id")
    assert f"{len(named) - 1} more rows name a goal too" in error.message, error.message
    assert error.fix.startswith("Add the goals sheet with the goals the projects name ("), error


def test_two_sheets_holding_the_missing_calendar_are_told_to_keep_one():
    """The calendar sheet kept as 'weeks' beside a copy named 'capacity': each was told
    "Rename it calendar", and doing so for one made the other's fix a second calendar sheet
    (attack round 33). Each is told to keep one of them under the table's name; the quarter
    is not planned without its calendar meanwhile (attack round 36)."""
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(SAMPLE)))
    book["calendar"].title = "weeks"
    book.copy_worksheet(book["weeks"]).title = "capacity"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInputError) as raised:
        load_book(out.getvalue(), "q3.xlsx")
    fixes = {i.file: i.fix for i in raised.value.errors}
    expected = (
        "Rename one of them to calendar and delete or rename the others ('weeks' and "
        "'capacity' all hold it), or delete them all to plan without its calendar."
    )
    assert fixes == {"q3.xlsx, sheet weeks": expected, "q3.xlsx, sheet capacity": expected}


@pytest.mark.parametrize(("table", "title"), [("rules", "Copy of rules"), ("calendar", "weeks")])
def test_an_optional_table_under_another_name_is_refused_not_left_out(table, title):
    """The rules sheet renamed 'Copy of rules' (its own gone) was warned of and the quarter
    planned without its pins and forbids, as the calendar without its weeks (attack round
    36): refused, naming the sheet to rename."""
    with pytest.raises(InvalidInputError) as raised:
        load_book(_renamed(table, title), "q3.xlsx")
    (error,) = raised.value.errors
    assert error.file == f"q3.xlsx, sheet {title}", error
    assert f"would be planned without its {table}" in error.message, error.message
    assert (
        error.fix
        == f"Rename the sheet to {table} to plan with it, or delete it to plan without its {table}."
    )


@pytest.mark.parametrize(
    "title", ["settings - Table 1", "Copy of settings", "Settings (Q3)", "config", "Setting"]
)
def test_a_sheet_holding_the_settings_under_another_name_is_refused_naming_it(title):
    """Numbers names a sheet's table 'settings - Table 1' on export: the settings sheet was
    "ignored" with the list of sheet names, and the quarter planned with the default
    settings (its weeks, weights and what-ifs gone); then a warning said which sheet held
    them, and the plan was still made on the defaults, which a leader does not notice
    (attack round 36). A sheet of the settings' columns (key, value) under another name,
    with no settings sheet, stops the reading until it is renamed or deleted."""
    with pytest.raises(InvalidInputError) as raised:
        load_book(_renamed("settings", title), "q3.xlsx")
    (error,) = raised.value.errors
    assert error.file == f"q3.xlsx, sheet {title}", error
    assert "planned on the default settings" in error.message, error.message
    assert error.fix.startswith("Rename the sheet to settings"), error.fix
    assert "or delete it to plan on the default settings" in error.fix, error.fix


def test_settings_under_another_name_beside_the_settings_sheet_are_only_ignored():
    """A copy kept beside the settings sheet itself is a leader's own: the settings sheet is
    read, the copy ignored with a warning."""
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(SAMPLE)))
    book.copy_worksheet(book["settings"]).title = "settings (old)"
    out = io.BytesIO()
    book.save(out)
    loaded = load_book(out.getvalue(), "q3.xlsx")
    assert [w.file for w in loaded.warnings] == ["q3.xlsx, sheet settings (old)"]
