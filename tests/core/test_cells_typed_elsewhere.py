"""Figures as other keyboards, locales and word processors type them.

A Japanese or Chinese input method types full-width digits ("１０００"); a word
processor or a copied web page turns a minus into the typographic minus sign
(U+2212, "−1000"); a French spreadsheet writes a thousand with a narrow no-break
space ("1 000", U+202F); a German one "1.000,5", with a dot between thousands and a
decimal comma; an export from a finance sheet keeps its currency ("$5,000"). The
planner reads none of them (SPEC: plain decimals), and said only "'１０００' is not a
number" of a cell that shows a number, with no reason and nothing to type instead.
Each now says what is in the way and the plain figure to write.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

TEAMS = "team_id,department,capacity_hours\nm1,marketing,{hours}\ns1,sales,480\n"
PROJECTS = "project_id,stage,effort_hours,value\nP1,nurturing,10,5\n"


def _told(tmp_path, hours: str):
    (tmp_path / "teams.csv").write_text(TEAMS.format(hours=hours), encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tmp_path)
    (error,) = [e for e in raised.value.errors if e.column == "capacity_hours"]
    assert (error.file, error.row) == ("teams.csv", 2)
    return error.message


@pytest.mark.parametrize(
    ("typed", "reason", "plain"),
    [
        ("１０００", "full-width digits", "1000"),
        ("١٠٠٠", "digits of another script", "1000"),
        ("𝟏𝟎𝟎𝟎", "digits of another script", "1000"),
        ("１２.５", "full-width digits", "12.5"),
        ("\u22121000", "typographic minus sign", "-1000"),
        ("1\u202f000", "thousands separator", None),
        ("1\u00a0000", "thousands separator", None),
        ("1.000,5", "dot between thousands and a decimal comma", "1000.5"),
        ("12.345.678,25", "dot between thousands and a decimal comma", "12345678.25"),
        ("$5,000", "currency sign", None),
        ("5000 €", "currency sign", None),
        ("£480", "currency sign", "480"),
    ],
)
def test_a_figure_typed_another_way_says_why_and_what_to_write(tmp_path, typed, reason, plain):
    message = _told(tmp_path, f'"{typed}"')
    assert "is not a number" in message and reason in message, message
    if plain is not None:
        assert f"write it as {plain}" in message, message


def test_a_figure_that_is_no_number_anywhere_is_told_as_before(tmp_path):
    """Text that no keyboard types as a number gets no reason it does not have."""
    message = _told(tmp_path, "lots")
    assert message.endswith("'lots' is not a number."), message


@pytest.mark.parametrize("raw", ["", " ", "\u3000"])
def test_text_of_no_characters_but_spaces_has_no_reason_to_give(raw):
    """A caller with a cell the readers did not strip: nothing to say, not an IndexError
    (its first character was looked for among the minus signs)."""
    from planner.core.typed_numbers import why_typed_otherwise

    assert why_typed_otherwise(raw) == ""


@pytest.mark.parametrize("hidden", ["\ufeff", "\u200b", "\u2060", "\u200e"])
def test_a_figure_holding_a_character_nobody_sees_says_which_and_what_to_write(tmp_path, hidden):
    """A BOM inside a cell (a file pasted after another that kept its BOM), a zero-width
    space or a word joiner read "'\\ufeff1000' is not a number. Fix: Write a plain decimal
    such as 480": which character, and the figure, were left to guess (attack round 14)."""
    message = _told(tmp_path, f"{hidden}1000")
    code = f"\\u{ord(hidden):04x}"
    assert f"(it holds a character nobody can see, {code}: write it as 1000)" in message, message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("-0e5", "0"),
        ("-0.0e3", "0"),
        ("-0E0", "0"),
        ("0e5", "0"),
        ("-1.5e1", "-15"),
        ("1e3", "1000"),
    ],
)
def test_a_zero_written_in_exponent_notation_is_meant_as_0_whatever_its_sign(typed, meant):
    """ "-0e5" is nought: the figure to write is 0, never "-0." (a minus before nothing)."""
    from planner.core.typed_numbers import meant_figure

    assert meant_figure(typed) == meant


@given(st.from_regex(r"[+-]?[0-9]{1,3}(?:[,' ][0-9]{3}){1,3}(?:\.[0-9]{0,3})?", fullmatch=True))
def test_a_thousands_separator_is_said_where_the_figure_meant_is_read(typed):
    """One pattern of a figure with thousands separators (planner.core.typed_numbers'
    THOUSANDS): a cell told "it has a thousands separator" is read as that figure without
    them ("1'000": 1000), never told so by one reading and left unread by the other."""
    from planner.core.not_a_number import why_not_a_number
    from planner.core.typed_numbers import meant_figure

    assert why_not_a_number(typed) == " (it has a thousands separator)"
    assert meant_figure(typed) == re.sub("[,' ]", "", typed)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [(",5", "0.5"), ("-,5", "-0.5"), ("+,25", "+0.25"), ("1,5", "1.5"), (",5000", "0.5000")],
)
def test_a_decimal_comma_before_any_digit_is_meant_with_its_0(typed, meant):
    """ ",5" in an hours cell was told "Write it as .5.": a figure nobody writes so, and
    read as a slip of its own; the figure meant is 0.5."""
    from planner.core.typed_numbers import meant_figure

    assert meant_figure(typed) == meant


def test_the_loader_says_a_decimal_comma_before_any_digit_as_the_figure_meant(tmp_path):
    (tmp_path / "teams.csv").write_text(TEAMS.format(hours='",5"'), encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tmp_path)
    (error,) = [e for e in raised.value.errors if e.column == "capacity_hours"]
    assert "(it uses a decimal comma)" in error.message, error.message
    assert error.fix == "Write it as 0.5.", error.fix
