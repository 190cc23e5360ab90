"""A project's hours past every team's quarter (attack round 24).

effort_hours 45658 (1 January 2025 as a spreadsheet stores it, in a column formatted as
dates) validated as hours; the project was only left out of the plan, "no team has the
hours". The rule: the hours one team would carry (the whole effort, a joint project's
larger share) past the most any team has in the quarter, times its multiplier, is a
warning on its effort_hours; a date's number is said to be one.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from builders import SAMPLE, sample_copy, set_cell

from planner import load_problem
from planner.core.effort_checks import (
    PastEveryTeam,
    past_every_team_beyond_rows,
    past_every_team_words,
)
from planner.core.loading import load_with_warnings
from planner.core.shown_figures import hours

# Row 2 is AW-01 (awareness; SEO:3, content:3): of the teams, only Content (944 h in its
# calendar weeks) has both skills. The sample's largest quarter is Demand Gen's 1,378.51 h.
ONLY = "the one team its stage, skills and rules allow is Content, with 944 h"


def effort_warnings(tmp_path, effort: str, settings: str = "", row: int = 2):
    data = sample_copy(tmp_path)
    set_cell(data / "projects.csv", row, "effort_hours", effort)
    if settings:
        toml = (data / "settings.toml").read_text(encoding="utf-8")
        head = "[capacity.multipliers]"
        lines = [settings if line.startswith(head) else line for line in toml.splitlines()]
        (data / "settings.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_with_warnings(data)
    return [w for w in loaded.warnings if w.column == "effort_hours"]


def test_a_date_stored_as_a_number_for_hours_is_warned_as_both(tmp_path):
    (warning,) = effort_warnings(tmp_path, "45658")
    assert (warning.file, warning.row) == ("projects.csv", 2)
    assert (
        f"45658 hours is more than any team that may take this project has in the quarter ({ONLY})"
    ) in warning.message, warning.message
    assert "stores the date 1 January 2025" in warning.message, warning.message
    assert "format the column as numbers" in warning.fix


@pytest.mark.parametrize(("effort", "warned"), [("944", False), ("944.001", True)])
def test_hours_past_the_largest_team_that_may_take_it_are_warned_at_the_edge(
    tmp_path, effort, warned
):
    said = effort_warnings(tmp_path, effort)
    assert bool(said) is warned, said
    assert all("stores the date" not in w.message for w in said)


def test_a_multiplier_that_gives_a_team_the_hours_is_counted(tmp_path):
    """Content x 2 has 1,888 h: 1,800 h fit it."""
    extra = "[capacity.multipliers]\ncontent = 2.0"
    assert effort_warnings(tmp_path, "1800", extra) == []


def test_a_team_of_another_department_or_without_the_skills_does_not_count(tmp_path):
    """1,000 h of AW-01 is less than Demand Gen's 1,379 h and Mid-Market's 1,325 h, but
    neither may take it (Demand Gen lacks the skills, a sales team the stage)."""
    (warning,) = effort_warnings(tmp_path, "1000")
    assert (
        f"1000 hours is more than any team that may take this project has in the quarter ({ONLY})"
        in (warning.message)
    ), warning.message
    assert "give that team the hours" in warning.fix


def test_a_pinned_project_is_held_to_its_team(tmp_path):
    """AW-02 (row 3) is pinned to Brand & Comms (689 h); Demand Gen could do it otherwise."""
    (warning,) = effort_warnings(tmp_path, "800", row=3)
    assert "the one team its stage, skills and rules allow is Brand & Comms, with 689 h" in (
        warning.message
    ), warning.message


def test_a_joint_projects_share_is_held_to_its_departments_teams(tmp_path):
    """NU-04 (row 23; nurturing, half for sales): 2,200 h put 1,100 on a sales team, and
    the sales teams that take nurturing work have 985 h at most (SDR Team)."""
    (warning,) = effort_warnings(tmp_path, "2200", row=23)
    assert warning.message.startswith(
        "2200 hours puts 1100 h on its sales team (its share as a joint project), more than "
        "any sales team that may take this project has in the quarter (the most: SDR Team, "
        "985 h, of the 2 sales teams its stage, skills and rules allow)"
    ), warning.message
    assert effort_warnings(tmp_path / "fits", "1900", row=23) == []


def test_the_sample_has_no_such_project():
    assert [w for w in load_with_warnings(SAMPLE).warnings if w.column == "effort_hours"] == []


def test_an_estimate_past_its_teams_quarter_is_warned_at_its_row(tmp_path):
    """estimates.csv row 3 (AW-08, Demand Gen, 300 h) at 45658: the project is left to its
    estimates, and the date's number validated without a word (attack round 25: files)."""
    data = sample_copy(tmp_path)
    set_cell(data / "estimates.csv", 3, "effort_hours", "45658")
    (warning,) = [w for w in load_with_warnings(data).warnings if w.file == "estimates.csv"]
    assert (warning.row, warning.column) == (3, "effort_hours")
    assert warning.message.startswith(
        "45658 hours is more than Demand Gen has in the quarter (1,379 h), so this estimate "
        "keeps it off the project."
    ), warning.message
    assert "stores the date 1 January 2025" in warning.message


def test_a_project_one_team_estimated_is_held_to_the_teams_without_one(tmp_path):
    """LG-06 (row 15; events:2, copywriting:2) has Demand Gen's 190 h estimate; Brand &
    Comms (689 h) may take it at its effort_hours. 45658 there validated without a word, as
    the project was left to its estimates (attack round 25: files)."""
    (warning,) = effort_warnings(tmp_path, "45658", row=15)
    assert warning.message.startswith(
        "45658 hours is more than any team that may take this project has in the quarter "
        "(the one team its stage, skills and rules allow without an estimate in "
        "estimates.csv is Brand & Comms, with 689 h), so only a team with an estimate can "
        "take it."
    ), warning.message
    assert "stores the date 1 January 2025" in warning.message
    assert "or an estimate in estimates.csv" in warning.fix


def test_a_project_only_its_estimating_team_may_take_is_left_to_the_estimate(tmp_path):
    """AW-08 (row 9; paid_search:3) only Demand Gen may take, and its estimate (300 h)
    holds: the project's own hours are carried by no team, so nothing is said."""
    assert effort_warnings(tmp_path, "45658", row=9) == []


@pytest.mark.parametrize(("most", "takers", "said"), [(777, 1, "with 389 h"), (2777, 3, "1,389 h")])
def test_the_largest_teams_hours_read_as_every_other_figure_of_hours(most, takers, said):
    """388.5 h read "with 388 h" here (a format that rounds halves to even) where
    `planner explain` and the pages read the same hours "389 h" (core.shown_figures.hours)."""
    project = load_problem(SAMPLE).projects[0]
    half = Fraction(most, 2)
    past = PastEveryTeam(project, Decimal(5000), None, half, "Content", takers, False)
    message, _fix = past_every_team_words(past)
    assert f"Content, {said}" in message, message
    assert said.endswith(hours(half)), hours(half)


def test_a_team_whose_weeks_are_all_in_calendar_csv_is_given_hours_there(tmp_path):
    """Content's 944 h are its four calendar.csv rows over all 13 weeks: the fix read "give
    that team the hours in teams.csv", where its capacity_hours counts for nothing."""
    (warning,) = effort_warnings(tmp_path, "1000")
    assert "give that team the hours in its rows of calendar.csv" in warning.fix, warning.fix
    assert "capacity_hours in teams.csv does not count" in warning.fix, warning.fix


def test_a_team_with_some_weeks_in_calendar_csv_is_given_hours_in_either_file(tmp_path):
    """AW-02 (row 3) is pinned to Brand & Comms: calendar.csv gives its week 1 only."""
    (warning,) = effort_warnings(tmp_path, "800", row=3)
    assert "the hours in teams.csv or in its rows of calendar.csv." in warning.fix, warning.fix


def test_a_team_without_calendar_rows_is_still_given_hours_in_teams_csv(tmp_path):
    data = sample_copy(tmp_path)
    (data / "calendar.csv").unlink()
    set_cell(data / "projects.csv", 2, "effort_hours", "1000")
    (warning,) = [w for w in load_with_warnings(data).warnings if w.column == "effort_hours"]
    assert warning.fix.endswith("give that team the hours in teams.csv."), warning.fix


@pytest.mark.parametrize(
    ("entry", "said", "fixed"),
    [
        ("content = 0", "with 0 h under content = 0 in [capacity.multipliers]", "takes them all"),
        ("marketing = 0.5", "with 472 h under marketing = 0.5", "raise marketing = 0.5 in"),
    ],
)
def test_a_multiplier_that_takes_a_teams_hours_is_named_with_the_hours(
    tmp_path, entry, said, fixed
):
    """`content = 0` (a what-if) read "with 0 h" and "give that team the hours in
    teams.csv", which no figure there could do."""
    warnings = effort_warnings(tmp_path, "500", f"[capacity.multipliers]\n{entry}")
    (warning,) = [w for w in warnings if w.row == 2]
    assert said in warning.message, warning.message
    assert fixed in warning.fix, warning.fix


def test_the_line_for_the_projects_past_the_rows_names_the_multipliers():
    """`marketing = 0.1` put 26 projects past their teams; the 16 beyond the rows were told
    only to "Check the units of effort_hours"."""
    (line,) = [past_every_team_beyond_rows(16, True)]
    assert "[capacity.multipliers]" in line.message and "the multipliers" in line.fix
    assert "multipliers" not in past_every_team_beyond_rows(16).fix
