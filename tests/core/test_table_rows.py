"""planner.core.table_rows: a raw table (a sheet, the app's editors) as the rows the build reads.

A column with values but no name is a problem at row 1 of its letter; an unnamed column
with nothing in it is dropped, as a CSV file's is (planner.core.csv_text, one rule for both).
"""

from __future__ import annotations

import pandas as pd

from planner.core.csv_text import named_columns
from planner.core.errors import InputIssue
from planner.core.table_rows import tables_for_build


def test_a_column_with_values_but_no_name_is_a_problem_at_its_letter():
    frame = pd.DataFrame(
        [["sdr", "Sales", "900", "note"]], columns=["team_id", "name", "capacity_hours", " "]
    )
    issues: list[InputIssue] = []
    tables, unusable = tables_for_build({"teams.csv": frame}, issues)
    assert unusable == {"teams.csv"} and tables == {}
    assert [(i.file, i.row, i.column, i.message, i.fix) for i in issues] == [
        ("teams.csv", 1, "D", "column D has values but no name.", "Name the column or delete it.")
    ]


def test_an_empty_column_without_a_name_is_dropped():
    frame = pd.DataFrame(
        [["sdr", "", "Sales", "900"]], columns=["team_id", "", "name", "capacity_hours"]
    )
    issues: list[InputIssue] = []
    tables, unusable = tables_for_build({"teams.csv": frame}, issues)
    assert issues == [] and unusable == set()
    assert tables["teams.csv"].columns == ("team_id", "name", "capacity_hours")


def test_named_columns_reads_a_short_row_as_empty_past_its_end():
    """A CSV row may be shorter than its header: it holds no value in the columns it lacks."""
    names = ["team_id", "", "name", ""]
    assert named_columns(names, [["sdr", "", "Sales"], ["ae", " x "]]) == ([0, 2], [1])
