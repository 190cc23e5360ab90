"""A number written with a decimal comma in a TOML file (a what-if's ``sales = 0,8``, a
check-in's ``content = 12,5``), as a leader in most of Europe types it: it read "not valid
TOML (Expected newline or end of document after a statement (at line 2, column 10)). Fix:
Correct that line", the line looking right. The line is told the figure to write."""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.core.toml_text import toml_table


@pytest.mark.parametrize(
    ("line", "said", "fix"),
    [
        (
            "sales = 0,8",
            "line 2 writes sales = 0,8 with a decimal comma",
            "Write sales = 0.8 on line 2",
        ),
        (
            "  content = -12,5   # hours",
            "line 2 writes content = -12,5 with a decimal comma",
            "Write content = -12.5 on line 2",
        ),
        (
            "sdr = 1,000",
            "line 2 writes sdr = 1,000 with a comma",
            "Write sdr = 1000 if the comma separates thousands, or sdr = 1.000 if it stands",
        ),
    ],
)
def test_a_number_with_a_decimal_comma_is_told_the_figure_to_write(line, said, fix) -> None:
    with pytest.raises(InvalidInputError) as raised:
        toml_table(f"[capacity.multipliers]\n{line}\n", "what_if.toml")
    (issue,) = raised.value.issues
    assert issue.row == 2, issue
    assert said in issue.message, issue.message
    assert fix in issue.fix, issue.fix


def test_a_decimal_comma_inside_an_inline_table_is_told_the_figure_to_write() -> None:
    """A check-in template's line edited in place: `percent_done = 45,5` between the
    table's own commas read "Expected '=' after a key in a key/value pair (at line 2,
    column 56)"."""
    line = '"AW-02" = { status = "in_progress", percent_done = 45,5, end_week = 12 }  # note'
    with pytest.raises(InvalidInputError) as raised:
        toml_table(f"[projects]\n{line}\n", "week6.toml")
    (issue,) = raised.value.issues
    assert issue.row == 2, issue
    assert "line 2 writes percent_done = 45,5 with a decimal comma" in issue.message
    assert issue.fix == "Write percent_done = 45.5 on line 2."


@pytest.mark.parametrize(
    ("line", "said", "fix"),
    [
        (
            "time_limit_s = 10s",
            "line 2 writes time_limit_s = 10s with the unit 's' after the number",
            "Write the number alone on line 2: time_limit_s = 10 (in seconds)",
        ),
        (
            "time_limit_s = 1.5 h  # long",
            "line 2 writes time_limit_s = 1.5 h with the unit 'h'",
            "Write the seconds alone on line 2: time_limit_s = 5400.",
        ),
        (
            "weeks_elapsed = 6 weeks",
            "line 2 writes weeks_elapsed = 6 weeks with the unit 'weeks'",
            "Write the number alone on line 2: weeks_elapsed = 6.",
        ),
    ],
)
def test_a_number_with_its_unit_after_it_is_told_the_figure_to_write(line, said, fix) -> None:
    """`time_limit_s = 10s` read "not valid TOML (Expected newline or end of document after a
    statement (at line 2, column 18)). Fix: Correct that line", as a decimal comma did."""
    with pytest.raises(InvalidInputError) as raised:
        toml_table(f"[solve]\n{line}\n", "settings.toml")
    (issue,) = raised.value.issues
    assert issue.row == 2, issue
    assert said in issue.message, issue.message
    assert fix in issue.fix, issue.fix
