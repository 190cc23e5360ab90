"""A leading '+' is read in every number cell, week cells included.

Hours, values and a project's weeks read "+5" as 5 (a spreadsheet shows a figure typed
so as the figure), while calendar.csv's week column refused "+1" as "not a week or a
range of weeks" and plan.csv's start_week refused "+3": one rule for one keystroke.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv
from planner.core.typed_numbers import without_plus

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

#: Every number column of the sample's files (calendar.csv's week included).
_NUMBER_COLUMNS = {
    "teams.csv": ("capacity_hours", "max_projects"),
    "projects.csv": (
        "effort_hours",
        "value",
        "value_low",
        "value_high",
        "sales_share",
        "duration_weeks",
        "earliest_week",
        "due_week",
    ),
    "goals.csv": ("target", "weight"),
    "estimates.csv": ("effort_hours", "value"),
    "calendar.csv": ("week", "capacity_hours"),
}


def _with_plus(folder: Path) -> Path:
    """The sample with a '+' before every figure of every number column."""
    data = Path(shutil.copytree(SAMPLE, folder))
    for name, columns in _NUMBER_COLUMNS.items():
        with (data / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        wanted = [rows[0].index(column) for column in columns]
        for row in rows[1:]:
            for index in wanted:
                row[index] = f"+{row[index]}" if row[index].strip() else row[index]
        with (data / name).open("w", encoding="utf-8", newline="") as file:
            csv.writer(file).writerows(rows)
    return data


def test_a_plus_before_every_figure_reads_as_the_figure_calendar_weeks_included(tmp_path):
    """The sample with '+' typed before every figure, a calendar week ('+1', '+7-8')
    among them, is the sample: nothing refused, the same teams' weeks and projects."""
    plus = load_with_warnings(_with_plus(tmp_path / "plus")).problem
    plain = load_with_warnings(SAMPLE).problem
    assert "+1" in (tmp_path / "plus" / "calendar.csv").read_text(encoding="utf-8")
    assert plus.calendar == plain.calendar
    assert plus.projects == plain.projects
    assert plus.teams == plain.teams
    assert plus.goals == plain.goals


def test_a_plus_week_outside_the_quarter_is_said_as_that_week(tmp_path):
    """'+20' is week 20, past a 13-week quarter: said so, as '20' is, not "not a week"."""
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    with (data / "calendar.csv").open("a", encoding="utf-8") as file:
        file.write("sdr,+20,40\n")
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(data)
    (issue,) = [i for i in info.value.issues if i.column == "week"]
    assert "is outside the quarter's weeks 1-13" in issue.message, issue.message


def test_a_plans_week_read_back_takes_a_plus_as_its_numbers_do():
    """plan.csv's start_week '+3' is week 3, as its effort_hours '+10' are 10 h."""
    text = (
        "project_id,team_id,share,effort_hours,value,status,reason,start_week,end_week\r\n"
        "a,m1,1,+10,1,assigned,,+3,+5\r\n"
    )
    (a,) = read_plan_csv(text).assignments
    assert (a.start_week, a.end_week) == (3, 5)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("+1", "1"), (" +7-8 ", "7-8"), ("++1", "++1"), ("+-1", "+-1"), ("+", "+"), ("+x", "+x")],
)
def test_one_plus_before_a_digit_is_dropped_and_nothing_else(typed, read):
    """Only the one '+' a number is written with goes: '++1' and '+-1' stay to be refused."""
    assert without_plus(typed) == read


def test_a_plus_before_a_skill_level_reads_as_the_level(tmp_path):
    """A skill level is a number in its list: 'prospecting:+4' is level 4, as '+4' hours are
    4 h; it was refused as "not a whole number from 1 to 5". '+-4' is still refused."""
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    teams = (data / "teams.csv").read_text(encoding="utf-8")
    (data / "teams.csv").write_text(teams.replace("prospecting:4", "prospecting: +4"), "utf-8")
    projects = (data / "projects.csv").read_text(encoding="utf-8")
    (data / "projects.csv").write_text(projects.replace("SEO:3", "SEO:+3"), encoding="utf-8")
    plain = load_with_warnings(SAMPLE).problem
    plus = load_with_warnings(data).problem
    assert plus.teams == plain.teams
    assert plus.projects == plain.projects
    (data / "teams.csv").write_text(teams.replace("prospecting:4", "prospecting:+-4"), "utf-8")
    with pytest.raises(InvalidInputError) as info:
        load_with_warnings(data)
    assert [(i.file, i.row, i.column) for i in info.value.issues] == [("teams.csv", 2, "skills")]
