"""A settings file or a check-in whose line holds a character nobody sees (attack round 14).

A byte-order mark pasted inside a value (`weeks_elapsed = \\ufeff6.0`), a zero-width space
before a key or a no-break space after a value read only "not valid TOML (Invalid value (at
line 9, column 17))": the line looks right, and the character in the way cannot be seen.
"""

from __future__ import annotations

import copy
import math
import pickle

import pytest

from planner.core.errors import InvalidInputError
from planner.core.settings_reading import parse_settings
from planner.core.toml_text import WrittenFloat, toml_table
from planner.scenarios.checkin_toml import parse_checkin


@pytest.mark.parametrize(
    ("text", "line", "column", "shown"),
    [
        ("weeks_elapsed = \ufeff6.0\n", 1, 17, "\\ufeff"),
        ("a = 1\n\u200bb = 2\n", 2, 1, "\\u200b"),
        ('[projects]\n"AW-01" = \u200b"done"\n', 2, 11, "\\u200b"),
        ('x = "a"\u00a0\n', 1, 8, "\\xa0"),
    ],
)
def test_a_character_nobody_sees_where_toml_stops_is_named(text, line, column, shown):
    with pytest.raises(InvalidInputError) as raised:
        toml_table(text, "week6.toml")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row) == ("week6.toml", line)
    assert issue.message.endswith(
        f": this line holds a character nobody can see there, {shown} (column {column})."
    ), issue.message
    assert issue.fix == f"Retype line {line} without it (it came with text pasted from elsewhere)."


def test_other_toml_errors_are_told_as_before():
    with pytest.raises(InvalidInputError) as raised:
        toml_table("a = = 1\n", "settings.toml")
    (issue,) = raised.value.issues
    assert "nobody can see" not in issue.message


@pytest.mark.parametrize("text", ["1e3", "0.8", "1_000.5", "-0.0", "inf", "nan"])
def test_a_number_that_keeps_its_text_is_copied_and_pickled_with_it(text):
    """A settings number keeps the text the file wrote it in (``seed = 1e3``), and a copy of
    it, or one a worker process is sent, is the same number with the same text: made again
    from the float alone it failed (a float has no text to keep)."""
    number = WrittenFloat(text)
    for again in (copy.copy(number), copy.deepcopy(number), pickle.loads(pickle.dumps(number))):
        assert isinstance(again, WrittenFloat)
        assert again.written == text.replace("_", "")
        assert math.isnan(again) if math.isnan(number) else again == number


LONG = "9" * 5000


@pytest.mark.parametrize(
    ("read", "text", "line"),
    [
        (parse_settings, f"[solve]\nseed = {LONG}\n", 2),
        (parse_settings, f"[solve]\nseed = 1_{LONG}\n", 2),
        (parse_checkin, f"weeks_elapsed = 6\n\n[projects.P1]\nend_week = {LONG}\n", 4),
    ],
)
def test_a_whole_number_past_pythons_digits_is_said_at_its_line(read, text, line):
    """A whole number of 5,000 digits: the TOML reader's int() raised ValueError past Python's
    4,300 digits, and planner validate ended in "internal error (ValueError ...)"."""
    with pytest.raises(InvalidInputError) as caught:
        read(text)

    [issue] = caught.value.issues
    assert issue.row == line and "digits, more than any figure here can be" in issue.message


def test_a_number_written_too_long_is_quoted_clipped():
    """A float of 5,000 digits is out of range, said as the file writes it but cut short: the
    message quoted all 5,000 characters."""
    with pytest.raises(InvalidInputError) as caught:
        parse_settings("[solve]\ntime_limit_s = 1" + "0" * 5000 + ".5\n")

    [issue] = caught.value.issues
    assert "is out of range" in issue.message and len(issue.message) < 200
