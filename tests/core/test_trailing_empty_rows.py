"""Empty rows a spreadsheet writes at the end of a CSV file (attack round 36): 100,000 rows of
commas, as Excel saves a sheet whose empty rows were formatted, read "the data files hold
more than 1,000,000 cells together", and 100,000 blank lines "the file has more than 100,000
data rows": rows with nothing in them, which the planner skips, counted against its caps."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_cases import BASE, make_folder, text

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings


@pytest.mark.parametrize("empty", [",,,,,,,,,,", ""], ids=["commas", "blank lines"])
def test_empty_rows_past_the_caps_at_the_end_of_a_file_are_skipped(
    tmp_path: Path, empty: str
) -> None:
    lines = [*BASE["projects.csv"], *[empty] * 100_001]
    loaded = load_with_warnings(make_folder(tmp_path, {"projects.csv": text(lines)}))
    assert [p.project_id for p in loaded.problem.projects] == ["P1", "P2", "P3"]


def test_a_row_after_empty_rows_is_named_by_its_own_row(tmp_path: Path) -> None:
    lines = [*BASE["goals.csv"], *[",,,,,"] * 3, "G3,Third,,0,,"]
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, {"goals.csv": text(lines)}))
    assert [(i.row, i.column) for i in caught.value.errors] == [(7, "target")]


def test_empty_rows_between_data_rows_are_not_counted_toward_the_row_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blank rows between data rows counted as data rows: 3 teams with 10 blank lines
    between them were past a cap of 5 rows. The cap counts the rows with a value, and
    says so when it is passed."""
    from planner.core import tables

    monkeypatch.setattr(tables, "MAX_ROWS", 5)
    spaced = [BASE["teams.csv"][0], BASE["teams.csv"][1], *[""] * 10, BASE["teams.csv"][2]]
    loaded = load_with_warnings(make_folder(_made(tmp_path / "a"), {"teams.csv": text(spaced)}))
    assert [t.team_id for t in loaded.problem.teams] == ["T1", "T2"]

    many = [*spaced, *[f"T{i},Team {i},sales,10,,," for i in range(3, 7)]]
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(_made(tmp_path / "b"), {"teams.csv": text(many)}))
    (said,) = caught.value.errors
    assert said.message == (
        "the file has more than 5 data rows (rows with a value; empty rows are not counted)."
    )


def _made(folder: Path) -> Path:
    folder.mkdir()
    return folder


def test_a_file_running_far_past_its_data_on_empty_rows_is_refused_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Empty rows between data rows are kept (the rows below keep their numbers), so they
    are bounded too: a million blank lines between two teams took 20 s and 470 MB before
    "the table has 1,000,010 rows" (counting them). Refused at twice the row cap, saying
    how many rows hold a value."""
    from planner.core import csv_text

    monkeypatch.setattr(csv_text, "MAX_SPACED_ROWS", 20)
    spaced = [BASE["teams.csv"][0], BASE["teams.csv"][1], *[""] * 30, BASE["teams.csv"][2]]
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, {"teams.csv": text(spaced)}))
    (said,) = caught.value.errors
    assert (said.file, said.row) == ("teams.csv", None)
    assert said.message.startswith("the file runs past row 20, most of its rows empty (2 rows")


def test_a_sheet_row_past_a_hundred_thousand_empty_rows_is_read(tmp_path: Path) -> None:
    """A data workbook's rules sheet with one more rule on row 150,000, empty rows above
    it: refused as "past the 100,000 data rows a table may have" for a table of two."""
    import io

    import openpyxl

    from planner.core.workbook_writing import data_workbook

    problem = load_with_warnings(make_folder(_made(tmp_path / "a"), {})).problem
    book = openpyxl.load_workbook(io.BytesIO(data_workbook(problem)))
    for column, value in enumerate(("P2", "T1", "forbid"), start=1):
        book["rules"].cell(row=150_000, column=column).value = value
    path = tmp_path / "q3.xlsx"
    book.save(path)

    rules = load_with_warnings(path).problem.rules
    assert [(r.project_id, r.team_id) for r in rules] == [("P3", "T2"), ("P2", "T1")]
