"""A ``[section`` header without its closing bracket in a settings file or a check-in.

A last line ``[solve`` read "line 36 gives [solve again, after a line above. Fix: Keep one
[solve": the reader stops at a section opened twice before it sees the missing bracket,
and neither the bracket nor the line that opened ``[solve]`` first was named.
"""

from __future__ import annotations

import pytest

from planner.core.errors import InvalidInputError
from planner.core.settings_reading import parse_settings
from planner.core.toml_text import toml_table


def test_a_section_without_its_bracket_is_told_the_bracket_to_write() -> None:
    """Alone, the header is told its closing bracket on its own line."""
    with pytest.raises(InvalidInputError) as raised:
        toml_table("[weights]\nfit = 1\n[solve  # the run\nseed = 1\n", "what_if.toml")
    (issue,) = raised.value.issues
    assert issue.row == 3, issue
    assert issue.message == "not valid TOML: line 3 opens the section [solve without its closing ]."
    assert issue.fix == "Write [solve] on line 3."


def test_a_section_without_its_bracket_opened_above_already_says_both() -> None:
    """Closed, the same header would be a section opened twice: both are said at once,
    with the line that opened it first, not "after a line above"."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings("[solve]\nseed = 1\n\n[weights]\nfit = 1\n[solve\n", "settings.toml")
    (issue,) = raised.value.issues
    assert (issue.file, issue.row) == ("settings.toml", 6), issue
    assert "line 6 opens the section [solve without its closing ], and line 1 opens " in (
        issue.message
    )
    assert issue.fix == (
        "Delete line 6, and move the settings under it to the [solve] section on line 1: "
        "a section is opened once."
    )


def test_a_section_opened_twice_with_its_brackets_is_still_said_as_a_repeat() -> None:
    """Both headers closed: the repeat, with the line that gave it first, as before."""
    with pytest.raises(InvalidInputError) as raised:
        parse_settings("[solve]\nseed = 1\n[solve]\n", "settings.toml")
    (issue,) = raised.value.issues
    assert "line 3 gives [solve] again, line 1 gives it already" in issue.message, issue
