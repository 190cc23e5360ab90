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
from planner.core.toml_text import WrittenFloat, toml_table


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
