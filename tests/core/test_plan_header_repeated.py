"""A plan.csv whose header is repeated below it (two plans pasted into one) is named so.

Read as a project 'project_id', the row was five problems, 'share' is not a number,
'effort_hours' is not a number..., none of them saying that it was a header.
"""

from __future__ import annotations

import pytest
from builders import problem, project, team

from planner.core.errors import InvalidInputError
from planner.core.plan_csv import plan_csv_text, read_plan_csv
from planner.solving.solver import solve


@pytest.fixture(scope="module")
def plan_text() -> str:
    prob = problem(
        [team("m1"), team("m2")],
        [project(f"p{i}", effort=10 + i, value=3 + i) for i in range(8)],
    )
    return plan_csv_text(prob, solve(prob).plan)


@pytest.mark.parametrize("shout", [False, True])
def test_a_header_repeated_below_the_plan_is_named_as_one(plan_text, shout):
    header, _, body = plan_text.partition("\n")
    again = header.upper() if shout else header
    rows = body.splitlines()
    text = "\n".join([header, *rows[:3], again, *rows[3:6]]) + "\n"
    with pytest.raises(InvalidInputError) as raised:
        read_plan_csv(text, "plan.csv")
    (issue,) = raised.value.errors
    assert (issue.file, issue.row, issue.column) == ("plan.csv", 5, None)
    assert issue.message.startswith("the row repeats the column names of the header")
    assert issue.fix == "Delete row 5."
