"""A figure written in quotes in settings.toml or a check-in: `weeks_elapsed = "6"`.

TOML reads a quoted figure as text. The planner refused it as it should, but in words
that showed the figure itself as the way out: "'6' is not a number. Fix: Write a plain
number, e.g. 6." A leader who had typed 6 read that 6 was wrong and to write 6. The
message now says the quotes are the trouble and the line to write.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.settings_reading import parse_settings
from planner.scenarios.checkin_toml import read_checkin

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_quoted_setting_is_told_to_lose_its_quotes():
    with pytest.raises(InvalidInputError) as caught:
        parse_settings('[capacity]\nmax_utilization = "0.8"\n[solve]\ntime_limit_s = " 5 "\n')
    told = {i.column: i.message for i in caught.value.errors}
    assert told["capacity.max_utilization"] == (
        "'0.8' is in quotes, so it reads as text, not a number from 0 to 1: write it "
        "without the quotes (max_utilization = 0.8)."
    ), told
    assert "write it without the quotes (time_limit_s = 5)" in told["solve.time_limit_s"]


def test_a_quoted_checkin_figure_is_told_to_lose_its_quotes():
    problem = load_with_warnings(SAMPLE).problem
    text = (
        'weeks_elapsed = "6"\n[projects]\nAW-02 = { status = "in_progress", '
        'percent_done = "40" }\n[achieved]\nmqls = "500"\n'
    )
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(text, "week6.toml", problem)
    told = {i.column: i.message for i in caught.value.errors}
    assert told["weeks_elapsed"] == (
        "'6' is in quotes, so it reads as text, not a number: write it without the quotes "
        "(weeks_elapsed = 6)."
    ), told
    assert "(percent_done = 40)" in told["projects.AW-02.percent_done"], told
    assert "(mqls = 500)" in told["achieved.mqls"], told


def test_quoted_text_that_is_no_figure_is_told_as_before():
    with pytest.raises(InvalidInputError) as caught:
        parse_settings('[capacity]\nmax_utilization = "high"\n')
    (issue,) = caught.value.errors
    assert issue.message == "'high' is not a number from 0 to 1.", issue.message


def test_a_quoted_figure_typed_otherwise_is_told_both_and_the_line_to_write():
    """`time_limit_s = "１０"` (full-width digits, as an East Asian input method types them)
    read only "'１０' is not a number from 0.01 to 3600 s": neither the quotes nor the digits
    were named, where the same figure in a CSV cell names the digits and the figure to
    write. A check-in's `percent_done = "１００"` and `weeks_elapsed = "−6"` read the same."""
    with pytest.raises(InvalidInputError) as caught:
        parse_settings('[solve]\ntime_limit_s = "１０"\n')
    (issue,) = caught.value.errors
    assert issue.message == (
        "'１０' is in quotes, so it reads as text, not a number from 0.01 to 3600 s, and it "
        "is written in full-width digits: write it without the quotes as 10 "
        "(time_limit_s = 10)."
    ), issue.message
    problem = load_with_warnings(SAMPLE).problem
    text = (
        'weeks_elapsed = "６"\n[projects]\nAW-02 = { status = "in_progress", '
        'percent_done = "１００" }\n'
    )
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(text, "week6.toml", problem)
    told = {i.column: i.message for i in caught.value.errors}
    assert (
        "full-width digits: write it without the quotes as 6 (weeks_elapsed = 6)"
        in (told["weeks_elapsed"])
    ), told
    assert "(percent_done = 100)" in told["projects.AW-02.percent_done"], told


def test_a_quoted_figure_with_thousands_separators_is_told_the_figure_as_a_cell_is():
    """A check-in's `content = "1,000.5"` (hours copied from a spreadsheet, which shows the
    comma) read only "'1,000.5' is not a number. Fix: Write a plain number, e.g. 6.5", where
    teams.csv's cell says "(it has a thousands separator). Fix: Write it as 1000.5"; `"1 000"`
    and `"$1,000"` the same, and settings' `time_limit_s = "1,000"`."""
    problem = load_with_warnings(SAMPLE).problem
    text = (
        'weeks_elapsed = 6\n[hours_used]\ncontent = "1,000.5"\nsdr = "1 000"\n'
        '[achieved]\n"new-arr" = "$295,950"\n'
    )
    with pytest.raises(InvalidInputError) as caught:
        read_checkin(text, "week6.toml", problem)
    told = {i.column: i.message for i in caught.value.errors}
    assert told["hours_used.content"] == (
        "'1,000.5' is in quotes, so it reads as text, not a number, and it has a thousands "
        "separator: write it without the quotes as 1000.5 (content = 1000.5)."
    ), told
    assert "write it without the quotes as 1000 (sdr = 1000)" in told["hours_used.sdr"], told
    assert (
        "it has a currency sign; it has a thousands separator: write it without the quotes "
        "as 295950 (new-arr = 295950)" in told["achieved.new-arr"]
    ), told
    with pytest.raises(InvalidInputError) as caught:
        parse_settings('[solve]\ntime_limit_s = "1,000"\n')
    (issue,) = caught.value.errors
    assert "write it without the quotes as 1000 (time_limit_s = 1000)" in issue.message


def test_quoted_text_that_only_looks_like_a_figure_is_not_given_one():
    """'½' and '1.000.000,5.3' are no figure to write: told as before."""
    problem = load_with_warnings(SAMPLE).problem
    for written in ("½", "12.5.3"):
        with pytest.raises(InvalidInputError) as caught:
            read_checkin(
                f'weeks_elapsed = 6\n[hours_used]\ncontent = "{written}"\n', "w.toml", problem
            )
        (issue,) = caught.value.errors
        assert issue.message == f"'{written}' is not a number.", issue.message
