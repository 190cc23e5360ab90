"""A note a leader writes under a table (attack round 34).

"Notes: hours from the HR sheet, 2 June" typed two rows under the teams sheet (or under
teams.csv, saved from a spreadsheet with its empty row) read as a team: "department is
empty. Fix: Write sales or marketing" and "capacity_hours is empty", fixes that do not
fit a note. Past an empty row, a row of one cell of a few words is warned of as a note
and not read; right under the data, or one word alone, it is still a row begun.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bad_input_cases import BASE, make_folder, text
from openpyxl import load_workbook

from planner.core.errors import InvalidInputError, Severity
from planner.core.loading import data_workbook, load_with_warnings
from planner.core.loading import load_workbook as load_book

NOTE = "Notes: hours from the HR sheet, 2 June"


def _teams_with(*lines: str) -> dict[str, str | bytes | None]:
    return {"teams.csv": text([*BASE["teams.csv"], *lines])}


def test_a_note_under_a_csv_table_past_an_empty_row_is_warned_of_and_not_read(
    tmp_path: Path,
) -> None:
    for name in ("a", "b"):
        tmp_path.joinpath(name).mkdir()
    plain = load_with_warnings(make_folder(tmp_path / "a", {})).problem
    folder = make_folder(tmp_path / "b", _teams_with(",,,,,,", f'"{NOTE}",,,,,,'))

    loaded = load_with_warnings(folder)

    assert loaded.problem.teams == plain.teams
    (note,) = loaded.warnings
    assert (note.file, note.row, note.column) == ("teams.csv", 5, "team_id")
    assert note.severity is Severity.WARNING
    assert "it is taken as a note, not as data" in note.message and NOTE in note.message
    assert "fill in its other cells" in note.fix


def test_a_note_under_a_sheet_is_named_at_its_sheet_and_row(sample) -> None:
    book = load_workbook(io.BytesIO(data_workbook(sample)))
    teams = book["teams"]
    below = teams.max_row + 3
    teams.cell(below, 1).value = NOTE
    book["projects"].cell(book["projects"].max_row + 2, 3).value = "values in KPI units"
    out = io.BytesIO()
    book.save(out)

    loaded = load_book(out.getvalue(), "q3.xlsx")

    assert loaded.problem.teams == sample.teams
    assert loaded.problem.projects == sample.projects
    notes = {(w.file, w.row, w.column) for w in loaded.warnings if "as a note" in w.message}
    assert notes == {
        ("q3.xlsx, sheet teams", below, "team_id"),
        ("q3.xlsx, sheet projects", len(sample.projects) + 3, "goal_id"),
    }


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param((f'"{NOTE}",,,,,,',), id="right under the data"),
        pytest.param((",,,,,,", "T3,,,,,,"), id="an id alone past an empty row"),
    ],
)
def test_a_row_begun_is_still_told_its_empty_cells(tmp_path: Path, lines: tuple[str]) -> None:
    folder = make_folder(tmp_path, _teams_with(*lines))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert {i.column for i in caught.value.errors} == {"department", "capacity_hours"}


@pytest.mark.parametrize(
    "note", ["source: RevOps", "Total", "Notes:", "* draft", "Updated Monday", "(draft)"]
)
def test_a_short_note_past_an_empty_row_that_is_plainly_no_id_is_not_read(
    tmp_path: Path, note: str
) -> None:
    """One or two words under a table past an empty row read as a team ("department is
    empty") where three were a note (attack round 36): a label ("source: RevOps"), a
    footnote's mark or a note's first word ("Total", "Updated") is no id."""
    folder = make_folder(tmp_path, _teams_with(",,,,,,", f'"{note}",,,,,,'))

    loaded = load_with_warnings(folder)

    assert [t.team_id for t in loaded.problem.teams] == ["T1", "T2"]
    (warned,) = loaded.warnings
    assert (warned.row, warned.column) == (5, "team_id")
    assert "it is taken as a note, not as data" in warned.message


@pytest.mark.parametrize("line", ["T3", "Brand 2", "sdr-emea", "NA"])
def test_an_id_alone_past_an_empty_row_is_still_a_row_begun(tmp_path: Path, line: str) -> None:
    folder = make_folder(tmp_path, _teams_with(",,,,,,", f"{line},,,,,,"))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert {i.column for i in caught.value.errors} == {"department", "capacity_hours"}
