"""The Check-in page's projects grid at company scale: rows of two lines at most.

At 150 teams x 1,500 projects three joint projects' teams needed four lines, and every
row of the grid took that height (95 px): five rows in view at 1440 x 900, where the
sample's grid shows eight. Measured in Chromium in bench/results.md ("The check-in's
Projects grid at 150 teams").
"""

from __future__ import annotations

import pandas as pd

from pages.checkin_editors import projects_row_height
from pages.ui import wrapping_rows


def _projects(teams: list[str], names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"project": names, "team": teams})


def test_a_few_long_joint_teams_do_not_make_every_row_four_lines_tall():
    """1,500 rows, three of them joint projects whose teams take four lines: every row
    holds two lines (the sample's 65 px), not four (95 px)."""
    names = [f"Discovery talk tracks for Manufacturing #{n}" for n in range(1500)]
    teams = ["Customer Success, NA East"] * 1497 + [
        "Product Marketing, NA East pod 2 + Sales Engineering, LATAM pod 3"
    ] * 3
    projects = _projects(teams, names)
    assert wrapping_rows((projects["project"], 32), (projects["team"], 20)) == 95  # as before
    assert projects_row_height(projects) == 65


def test_names_that_fit_on_one_line_keep_the_grid_s_own_height_and_two_lines_stay_two():
    """Short names: the grid's own row height (None); a name of two lines: 65 px, as before."""
    assert projects_row_height(_projects(["Brand"], ["Webinars"])) is None
    two = _projects(["Product Marketing + Sales Engineering"], ["SEO pillar pages: compliance"])
    assert projects_row_height(two) == 65
