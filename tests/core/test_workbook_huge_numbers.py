"""A workbook's number cells of 1e308 or 1e-300 quoted as the cell shows them (attack round
23).

A table cell is read as the decimal it holds, written out in full, so that it is checked as
a plain decimal: a cell of 1e308 was then quoted as '1000000000000000000000000000…00000000,
309 characters' is too large for capacity_hours, where Excel shows 1E+308. The settings
sheet quoted its numbers so already; the tables now do too.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook
from planner.core.loading import load_workbook as load_book


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "column", "said"),
    [
        ("teams", "D2", 1e308, "capacity_hours", "'1e308' is too large for capacity_hours"),
        ("projects", "E2", 1.5e300, "effort_hours", "'1.5e300' is too large for effort_hours"),
        ("projects", "F2", 1e-300, "value", "'1e-300' has more than 3 decimals."),
        ("teams", "D2", -1e308, "capacity_hours", "must be at least 0, not -1e308."),
        ("calendar", "B2", 1e308, "week", "'1e308' is outside the quarter's weeks 1-13."),
    ],
)
def test_a_huge_or_tiny_number_cell_is_quoted_with_its_exponent(
    sample, sheet, cell, value, column, said
):
    book = load_workbook(io.BytesIO(data_workbook(sample)))
    if sheet == "calendar":
        book[sheet].append(["sdr", 1, 40])
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInputError) as caught:
        load_book(out.getvalue(), "q3.xlsx")
    (problem,) = caught.value.errors
    assert (problem.file, problem.row, problem.column) == (f"q3.xlsx, sheet {sheet}", 2, column)
    assert said in problem.message, problem.message
    assert "characters" not in problem.message
