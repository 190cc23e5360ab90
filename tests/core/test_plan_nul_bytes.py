"""A NUL byte in a plan.csv is named by its row, as in a data file.

A data file's cell holding one is named by its row too (attack round 30); a plan.csv
read as the current plan took it: 'AW\\x00-01' read as a project no longer in the data,
dropped from the current plan with a warning, and the what-if planned against a plan
without it.
"""

from __future__ import annotations

import pytest
from builders import problem, project, team

from planner.core.errors import InvalidInputError
from planner.core.plan_csv import plan_csv_text, read_plan_csv
from planner.solving.solver import solve


@pytest.fixture(scope="module")
def plan_text() -> str:
    prob = problem([team("m1"), team("m2")], [project(f"p{i}", effort=10 + i) for i in range(5)])
    return plan_csv_text(prob, solve(prob).plan)


@pytest.mark.parametrize(("line", "at", "column"), [(2, 1, "project_id"), (4, 3, "team_id")])
def test_a_nul_byte_in_a_plan_row_is_named_by_its_row(plan_text, line, at, column):
    lines = plan_text.splitlines()
    header = lines[0].split(",")
    cells = lines[line].split(",")
    index = header.index(column)
    cells[index] = cells[index][:at] + "\x00" + cells[index][at:]
    lines[line] = ",".join(cells)
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv("\n".join(lines) + "\n", "plan.csv")
    (issue,) = raised.value.errors
    assert (issue.file, issue.row, issue.column) == ("plan.csv", line + 1, column)
    assert issue.message.startswith("the row holds a NUL byte")


def test_an_end_of_file_mark_after_the_last_row_is_no_row(plan_text):
    """Ctrl-Z, which DOS programs write after the last row, read as a row whose share, hours
    and value were each 'the cell is empty'."""
    assert read_plan_csv(plan_text + "\x1a", "plan.csv") == read_plan_csv(plan_text, "plan.csv")


@pytest.mark.parametrize("column", ["project_id", "stage", "status"])
def test_a_nul_byte_in_a_plan_header_is_named_by_its_column(plan_text, column):
    """A NUL in the header's 'project_id' read "required column is missing", and one in
    another name was told by its row alone: the column is named, by its letter and as
    written."""
    header, *rest = plan_text.split("\n")
    names = header.split(",")
    index = names.index(column)
    names[index] = column[:2] + "\x00" + column[2:]
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv("\n".join([",".join(names), *rest]), "plan.csv")
    (issue,) = raised.value.errors
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]
    assert (issue.file, issue.row, issue.column) == ("plan.csv", 1, letter)
    assert issue.message == (
        f"the column name '{column[:2]}\\x00{column[2:]}' holds a NUL byte (\\x00), which no "
        "text file holds: the file is damaged or not CSV text."
    )
    assert issue.fix.startswith("Use the plan.csv the planner wrote")
