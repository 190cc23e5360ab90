"""Chart sheets in the data workbook (attack round 30).

A leader who turns a table into a chart of it leaves a chart sheet where the table was:
the teams table moved to 'teams data' beside a chart sheet named teams read "the teams
sheet is missing" with "Rename it teams: ... the workbook has no teams sheet", where it
had one, a chart, and renaming the table's sheet so cannot be done beside it.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from planner.core.errors import InvalidInputError
from planner.core.loading import data_workbook
from planner.core.loading import load_workbook as load_book


def _with_chart(sample, title: str, *, move_table: bool) -> bytes:
    book = load_workbook(io.BytesIO(data_workbook(sample)))
    teams = book["teams"]
    if move_table:
        teams.title = "teams data"
    chart = BarChart()
    chart.add_data(Reference(teams, min_col=4, min_row=1, max_row=11), titles_from_data=True)
    book.create_chartsheet(title).add_chart(chart)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_chart_sheet_named_as_a_table_is_named_as_a_chart(sample):
    with pytest.raises(InvalidInputError) as caught:
        load_book(_with_chart(sample, "teams", move_table=True), "q3.xlsx")
    said = {(i.file, i.message, i.fix) for i in caught.value.errors}
    assert (
        "q3.xlsx, sheet teams",
        "this sheet is a chart, not the teams table: the planner reads a table's rows from a "
        "sheet of cells.",
        "Rename the chart sheet (e.g. 'teams chart') and name the sheet holding the teams "
        "rows teams.",
    ) in said, said
    moved = [i for i in caught.value.issues if i.file == "q3.xlsx, sheet teams data"]
    assert [i.fix for i in moved] == [
        "Rename it teams: it holds the teams table (its columns), once the chart sheet named "
        "teams is renamed."
    ]
    assert not any("sheet is missing" in i.message for i in caught.value.issues)


def test_a_chart_sheet_beside_the_tables_is_no_problem(sample):
    result = load_book(_with_chart(sample, "Capacity chart", move_table=False), "q3.xlsx")
    assert len(result.problem.teams) == len(sample.teams)
    assert not [w for w in result.warnings if "chart" in w.message]
