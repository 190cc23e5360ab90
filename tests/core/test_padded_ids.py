"""Ids kept with their leading zeros by a number format (attack round 34).

A team id typed as 7 in a cell formatted "000" shows 007, and the CSV file the sheet is
saved as says 007; the workbook read it as 7, so the calendar's '007' (typed as text)
was "not in the teams sheet: did you rename '007' to '7'?", of a sheet showing 007.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.core.loading import data_workbook
from planner.core.loading import load_workbook as load_book


def _padded(sample) -> bytes:
    book = load_workbook(io.BytesIO(data_workbook(sample)))
    first = sample.teams[0].team_id
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.value == first:
                    cell.value = "007"
    teams = book["teams"]
    teams["A2"].value, teams["A2"].number_format = 7, "000"
    capacity = teams["D3"]
    capacity.number_format = "00000"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_number_cell_formatted_with_zeros_reads_as_the_sheet_shows_it(sample) -> None:
    loaded = load_book(_padded(sample), "q3.xlsx")

    assert loaded.problem.teams[0].team_id == "007"
    assert loaded.problem.teams[1].capacity_hours == sample.teams[1].capacity_hours
    assert not loaded.warnings
