"""Problems on tens of thousands of rows (attack round 21): one id repeated 99,000 times was
99,000 lines ("used twice (rows 2 and 10)", "(rows 2 and 11)", ...), and 9,900 rows of one
problem scattered every tenth row were listed on a line of 68,359 characters. Each is one
line now, its rows shortened to the first runs and how many more."""

from __future__ import annotations

import shutil

import pytest
from builders import SAMPLE

from planner.core.errors import InputIssue, InvalidInputError, grouped_text, rows_listed
from planner.core.loading import load_with_warnings


def test_rows_past_the_first_runs_are_counted_not_listed():
    assert rows_listed([2, 3, 4, 6, 8]) == "2-4, 6, 8"
    assert rows_listed(range(12, 99_012, 10)) == (
        "12, 22, 32, 42, 52, 62, 72, 82, 92, 102, 112, 122 and 9,888 more"
    )
    assert rows_listed([*range(2, 30, 2)], shown=3) == "2, 4, 6 and 11 more"


@pytest.mark.parametrize(
    ("file", "rows", "said"),
    [
        (
            "goals.csv",
            "".join("visitors,x,y,100,marketing,1\n" for _ in range(20_000)),
            "goals.csv, rows 10-20009 (20000 rows), column goal_id: the goal_id 'visitors' is "
            "already the id of row 2.",
        ),
        (
            "calendar.csv",
            "".join(f"{t},1-13,5\n" for _ in range(2_000) for t in ("sdr", "mm-ae")),
            "calendar.csv, rows 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39 and 1,988 more "
            "(2000 rows), column week: team 'sdr' already has week 1 on row 2",
        ),
    ],
)
def test_one_problem_on_thousands_of_rows_is_one_short_line(tmp_path, file, rows, said):
    folder = tmp_path / "q"
    shutil.copytree(SAMPLE, folder)
    with (folder / file).open("a", encoding="utf-8", newline="") as out:
        out.write(rows)
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(folder)
    lines = [text for _, text in grouped_text(raised.value.issues)]
    assert any(line.startswith(said) for line in lines), lines[:3]
    assert len(lines) < 20
    assert max(len(line) for line in lines) < 1_000


def test_one_key_with_many_problems_is_named_once():
    """A check-in's ``[replan] unlock`` of 9,984 unknown ids read "9,984 keys (replan.unlock,
    replan.unlock, replan.unlock and 9,981 more)": one key, named once, its problems counted.
    Keys of one section each named once keep their list."""
    unlock = [
        InputIssue("checkin.toml", None, "replan.unlock", f"'ZZ{n}' is not a project in progress")
        for n in range(9_984)
    ]
    ((_, said),) = grouped_text(unlock)
    assert said.startswith("checkin.toml, key replan.unlock (9,984 problems): "), said
    assert said.count("replan.unlock") == 1, said
    keys = [
        InputIssue("checkin.toml", None, f"projects.ZZ{n}", "is not a project of the data")
        for n in (*range(4), 0)
    ]
    ((_, said),) = grouped_text(keys)
    assert said.startswith(
        "checkin.toml, 4 keys (projects.ZZ0, projects.ZZ1, projects.ZZ2 and 1 more), 5 problems: "
    ), said
