"""The Excel template a leader fills in (the Data page's "Download the template (Excel)").

A RevOps lead who had never seen the app built a quarter from it: its sheets had only
headers, with no word of the formats (``name:level`` skills, ``;`` lists, ``true`` /
``false``), and a calendar week typed ``5-8`` became a date. Each header now says its
format with an example in a comment, the columns with few answers offer them (data
validation), number columns ask for numbers, and the calendar's week column is text.
It still loads back, empty and filled, as it did.
"""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_workbook
from planner.core.settings import Settings
from planner.core.tables import RAW_FILES
from planner.core.workbook_writing import template_workbook, workbook_bytes
from planner.core.writing import template_frames


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(io.BytesIO(template_workbook()))


def _validations(sheet) -> dict[str, object]:
    """Column header -> the data validation over its cells below the header."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    out = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            assert cells.min_row == 2, cells
            assert cells.min_col == cells.max_col, cells
            out[headers[cells.coord.split(":")[0].rstrip("0123456789")]] = validation
    return out


def test_every_header_says_its_format_with_an_example(book):
    for file in RAW_FILES:
        sheet = book[file.removesuffix(".csv")]
        for cell in sheet[1]:
            assert cell.comment is not None, (file, cell.value)
            assert "e.g." in cell.comment.text or "example" in cell.comment.text.lower(), (
                file,
                cell.value,
                cell.comment.text,
            )
    teams, projects, calendar = book["teams"], book["projects"], book["calendar"]
    comment = {c.value: c.comment.text for c in teams[1]}
    assert "name:level" in comment["skills"] and "seo:4; content:3" in comment["skills"]
    assert ";" in comment["stages"]
    comment = {c.value: c.comment.text for c in projects[1]}
    assert "true" in comment["mandatory"] and "false" in comment["mandatory"]
    assert ";" in comment["depends_on"]
    comment = {c.value: c.comment.text for c in calendar[1]}
    assert "7-8" in comment["week"]


def test_columns_with_few_answers_offer_them_and_numbers_ask_for_numbers(book):
    teams = _validations(book["teams"])
    assert teams["department"].type == "list"
    assert teams["department"].formula1 == '"sales,marketing"'
    assert teams["capacity_hours"].type == "decimal"
    assert (teams["capacity_hours"].operator, teams["capacity_hours"].formula1) == (
        "greaterThanOrEqual",
        "0",
    )
    assert teams["max_projects"].type == "whole"
    projects = _validations(book["projects"])
    assert projects["stage"].formula1 == '"' + ",".join(Settings().stages.order) + '"'
    assert projects["mandatory"].formula1 == projects["joint"].formula1 == '"true,false"'
    for column in ("duration_weeks", "earliest_week", "due_week"):
        assert projects[column].type == "whole", column
        assert (projects[column].operator, projects[column].formula1) == (
            "greaterThanOrEqual",
            "1",
        )
    assert _validations(book["goals"])["owner"].formula1 == '"sales,marketing,shared"'
    assert _validations(book["rules"])["rule"].formula1 == '"pin,forbid"'
    calendar = _validations(book["calendar"])
    assert "week" not in calendar  # a number or a range: text
    assert calendar["capacity_hours"].type == "decimal"


def test_the_calendar_week_column_is_text_so_a_range_stays_a_range(book):
    """Typed into a column of the text format, "5-8" stays "5-8" (not the 8th of May)."""
    sheet = book["calendar"]
    letter = next(c.column_letter for c in sheet[1] if c.value == "week")
    assert sheet.column_dimensions[letter].number_format == "@"


def _filled(data: bytes) -> bytes:
    """``data`` with a small quarter typed into its sheets, as a leader fills it in."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["teams"].append(["growth", "Growth Marketing", "marketing", 260, "seo:4; content:3"])
    book["goals"].append(["mql", "Leads from the web", "MQLs", 500])
    book["projects"].append(
        ["P01", "Google Ads rebuild", "mql", "lead_generation", 200, 300, None, None, "seo:2"]
    )
    book["calendar"].append(["growth", "5-8", 10])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_loads_back_empty_and_filled_as_the_plain_one_does():
    """The plain template (headers and the default settings) and the dressed one load alike:
    empty, to the same messages; filled in the same way, to the same quarter and warnings."""
    plain = [(f.removesuffix(".csv"), frame) for f, frame in template_frames().items()]
    old = workbook_bytes([*plain, ("settings", _default_settings())])
    new = template_workbook()
    for data in (old, new):
        with pytest.raises(InvalidInputError) as empty:
            load_workbook(data, "template.xlsx")
        assert [i.message for i in empty.value.issues] == [
            i.message for i in _issues(old, "template.xlsx")
        ]
    dressed, before = (load_workbook(_filled(d), "template.xlsx") for d in (new, old))
    assert dressed.problem == before.problem and dressed.warnings == before.warnings
    loaded = dressed.problem
    (row,) = loaded.calendar
    assert (row.team_id, row.first_week, row.last_week) == ("growth", 5, 8)
    assert row.capacity_hours == Decimal(10)
    assert loaded.team("growth").skills


def _default_settings():
    from planner.core.workbook_writing import _settings_frame

    return _settings_frame(Settings())


def _issues(data: bytes, name: str):
    try:
        load_workbook(data, name)
    except InvalidInputError as exc:
        return exc.issues
    raise AssertionError("an empty template loads as no quarter")
