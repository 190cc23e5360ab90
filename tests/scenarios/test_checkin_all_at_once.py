"""A check-in file's problems all at once, and a note that breaks its line (attack round 24).

A percent done of 150 hid a project id typed wrong and a team that is not in the data:
they were said only once the percent was fixed, one run each, where the data files say
every problem at once. A note holding a vertical tab was accepted, and broke the line it
was shown on; a line break in a note is fine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.scenarios.checkin_toml import parse_checkin, read_checkin

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

HEAD = "weeks_elapsed = 4\nquarter_weeks = 13\n"


@pytest.fixture(scope="module")
def sample():
    return load_with_warnings(SAMPLE).problem


def said(text: str, problem) -> list[tuple[str | None, str]]:
    with pytest.raises(InvalidInputError) as info:
        read_checkin(text, "week4.toml", problem)
    assert all(i.file == "week4.toml" for i in info.value.errors)
    return [(i.column, i.message) for i in info.value.errors]


def test_ids_not_in_the_data_are_said_beside_a_value_that_does_not_fit(sample):
    text = (
        HEAD
        + '[projects]\n"AW-02" = { status = "in_progress", percent_done = 150 }\n'
        + '"ZZ-01" = "done"\n'
        + "[achieved]\nmqls = nan\nfoo = 5\n"
        + "[hours_used]\nnobody = 5\ncontent = -100\n"
    )
    columns = [column for column, _ in said(text, sample)]
    assert "projects.AW-02.percent_done" in columns
    assert "achieved.mqls" in columns and "hours_used.content" in columns
    assert {"projects.ZZ-01", "achieved.foo", "hours_used.nobody"} <= set(columns), columns


def test_an_id_with_a_bad_status_is_told_both(sample):
    text = HEAD + '[projects]\n"ZZ-01" = "finished"\n'
    columns = [column for column, _ in said(text, sample)]
    assert columns.count("projects.ZZ-01") == 2, columns  # its status, and its id


@pytest.mark.parametrize(
    ("note", "words"),
    [
        ("a\\u000bb", "a vertical tab (U+000B)"),
        ("a\\u2028b", "a line separator (U+2028)"),
        ("a\\u0007b\\u0085", "the control character U+0007 and a next-line"),
    ],
)
def test_a_note_with_a_line_control_is_refused(sample, note, words):
    ((column, message),) = said(HEAD + f'note = "{note}"\n', sample)
    assert column == "note" and f"the note holds {words}" in message, message


def test_a_note_keeps_its_line_breaks_and_tabs(sample):
    read = read_checkin(HEAD + 'note = "first\\nsecond\\tthird\\r\\n"\n', "week4.toml", sample)
    assert read.checkin.note == "first\nsecond\tthird\r\n"


def test_a_saved_check_in_with_such_a_note_still_reads_back():
    """A re-plan saved before the note was checked carries its check-in as written."""
    assert parse_checkin(HEAD + 'note = "a\\u000bb"\n').note == "a\x0bb"
