"""Two sheets that are one table by name ('teams' and 'Teams ', 'settings' and 'SETTINGS ';
attack round 23).

Sheet names are read ignoring case and the spaces around them. A second settings sheet
read as 18 problems, each setting "written twice (rows 2 and 2)"; a second teams sheet read
"two sheets are named teams", naming neither sheet as the leader sees it.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook
from planner.core.loading import load_workbook as load_book


@pytest.mark.parametrize(("table", "copy"), [("settings", "Settings "), ("teams", "Teams ")])
def test_a_second_sheet_of_one_table_is_refused_naming_both(sample, table, copy):
    book = load_workbook(io.BytesIO(data_workbook(sample)))
    book.copy_worksheet(book[table]).title = copy
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InvalidInputError) as caught:
        load_book(out.getvalue(), "q3.xlsx")
    (problem,) = caught.value.errors
    assert (problem.file, problem.row, problem.column) == (f"q3.xlsx, sheet {copy}", None, None)
    assert problem.message.startswith(
        f"sheets '{table}' and '{copy}' are both the {table} sheet (sheet names are read "
        "ignoring case and the spaces around them)"
    ), problem.message
    assert problem.fix.startswith(f"Keep one {table} sheet: delete the other, or rename it")
