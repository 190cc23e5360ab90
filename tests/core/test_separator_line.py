"""Excel's ``sep=,`` line above a CSV file's header, named for what it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("sep=,\r\n", "'sep=,', the line that tells Excel the cells are separated by a comma"),
        ("\ufeffsep=,\r\n", "'sep=,'"),
        ('"sep=,"\n', "'sep=,'"),
        ("SEP=;\n", "'sep=;', the line that tells Excel the cells are separated by a semicolon"),
    ],
)
@pytest.mark.parametrize("table", ["teams.csv", "estimates.csv"])
def test_a_separator_line_above_a_data_file_is_named_not_called_a_title(
    tmp_path, line, said, table
):
    """A CSV file whose first line is ``sep=,`` (Excel reads it as the separator and
    hides it) read "the column names are on row 2, under a title on row 1": it is no
    title, and the fix says where to delete it (Excel does not show it)."""
    folder = tmp_path / "q"
    shutil.copytree(SAMPLE, folder)
    path = folder / table
    path.write_text(line + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)
    (problem,) = caught.value.errors
    assert (problem.file, problem.row, problem.column) == (table, 1, None)
    assert said in problem.message and "title" not in problem.message
    assert "the column names are on row 2" in problem.message
    assert "Notepad" in problem.fix and "CSV UTF-8 (Comma delimited)" in problem.fix


def test_a_separator_line_above_a_baseline_plan_is_named_not_called_no_plan():
    """plan.csv with ``sep=,`` above its header read "this is not a plan: its first row has
    none of plan.csv's columns"."""
    text = "sep=,\r\nproject_id,team_id,share,effort_hours,value,status\r\na,m1,1,5,3,assigned\r\n"
    with pytest.raises(InvalidInputError) as caught:
        read_plan_csv(text, "base.csv")
    (problem,) = caught.value.issues
    assert (problem.file, problem.row) == ("base.csv", 1)
    assert "'sep=,'" in problem.message and "not a plan" not in problem.message
    assert "column names are on row 2" in problem.message
