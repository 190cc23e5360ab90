"""A table of input problems is read without a hover: its rows wrap the message and
the fix, and its columns fit a 1,024-pixel window.

A RevOps lead who uploaded a projects.csv with value_low above value read "value_low
250 is above the proje" and "Make value_low at most 200 (the most likely value), or l":
each cell was one line, and the fix column ran past the page's right edge at 1,024
pixels. The wording was right; it could not be read.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def _one_long_problem() -> None:
    """A script for AppTest: one problem whose message and fix take several lines."""
    from pages.issue_tables import show_issues
    from planner.core.errors import InputIssue

    show_issues(
        [
            InputIssue(
                "projects.csv",
                53,
                "value_low",
                "value_low 250 is above the project's value 200.",
                "Make value_low at most 200 (the most likely value), or leave it empty.",
            )
        ]
    )


def _one_short_problem() -> None:
    """A script for AppTest: one problem that fits a line."""
    from pages.issue_tables import show_issues
    from planner.core.errors import InputIssue

    show_issues([InputIssue("teams.csv", 2, "name", "too long.", "Shorten it.")])


def test_a_long_problem_and_fix_get_rows_tall_enough_to_wrap_them():
    """The row is at least two lines tall, and over 64 px, the least at which the grid
    wraps a cell's text (a 54-px row stayed one line, cut off), so neither cell is cut
    off mid-word."""
    app = AppTest.from_function(_one_long_problem).run()
    assert not app.exception
    (table,) = app.dataframe
    assert table.proto.row_height > 64
    widths = [c.get("width") for c in json.loads(table.proto.columns).values() if "width" in c]
    # Every column sized, and together no wider than the page in a 1,024-pixel window.
    assert len(widths) == 5 and sum(widths) <= 768


def test_a_short_problem_keeps_the_one_line_rows():
    """Nothing to wrap: the table keeps Streamlit's own row height."""
    app = AppTest.from_function(_one_short_problem).run()
    assert not app.exception
    assert app.dataframe[0].proto.row_height == 0


def _two_tables_replaced() -> None:
    """A script for AppTest: edits to two tables leave rows of two others naming them."""
    from pages.issue_tables import show_issues
    from planner.core.errors import InputIssue

    unknown = "names the team 'brand', which teams.csv does not have."
    show_issues(
        [
            InputIssue("estimates.csv", 2, "team_id", unknown, "Use a team id of teams.csv."),
            InputIssue("estimates.csv", 3, "team_id", unknown, "Use a team id of teams.csv."),
            InputIssue("rules.csv", 3, "team_id", unknown, "Use a team id of teams.csv."),
        ],
        headline="Your edits were not applied.",
        replaced=("teams.csv", "projects.csv"),
    )


def test_two_replaced_tables_are_spoken_of_in_the_plural():
    """Edits to teams and projects read "the new teams.csv and the new projects.csv reads
    well, but 3 rows of the other tables do not match it": two tables are "them"."""
    app = AppTest.from_function(_two_tables_replaced).run()
    assert not app.exception
    (error,) = app.error
    assert (
        "The new teams.csv and the new projects.csv read well, but 3 rows of the other "
        "tables do not match them." in error.value.replace("\\", "")  # as it reads (md)
    )


def _a_long_column_name() -> None:
    """A script for AppTest: a warning at a column whose name is one long word."""
    from pages.issue_tables import show_issues
    from planner.core.errors import InputIssue

    show_issues(
        (),
        [
            InputIssue(
                "projects.csv",
                2,
                "duration_weeks",
                "after its prerequisite 'AW-04' (which ends in week 12 at the earliest) it can "
                "end in week 18 at the earliest, after the quarter's last week (13), so it "
                "cannot be planned.",
                "Shorten it or its prerequisites (duration_weeks), or start them earlier "
                "(earliest_week): the quarter has 13 weeks.",
            )
        ],
    )


def test_a_column_name_is_never_wrapped_mid_word():
    """The Data page's warnings at 1,280 x 720 read "duration_wee" over "ks": the column
    column was 95 px, the rows tall enough to wrap. A file's or a column's name is one word
    to find in the file: its column is as wide as its longest name needs (7.5 px a
    character at the grid's 14 px font, and the cell's padding), the room taken from the
    fix, so the table still fits a 1,024-pixel window."""
    app = AppTest.from_function(_a_long_column_name).run()
    assert not app.exception
    (table,) = app.dataframe
    assert table.proto.row_height > 64  # the rows wrap: a narrow column would break the word
    columns = json.loads(table.proto.columns)
    widths = {c["label"]: c["width"] for c in columns.values() if "width" in c}
    assert widths["column"] >= 16 + 7.5 * len("duration_weeks"), widths
    assert widths["file"] >= 16 + 7.5 * len("projects.csv"), widths
    assert sum(widths.values()) <= 768, widths
