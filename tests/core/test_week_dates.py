"""A date typed where a week's number goes: a calendar row keyed by its week's Monday, a
project due on a day.

Capacity sheets are often kept by week-commencing date ('2025-07-14'), and a due date is
a date. With [calendar] first_monday set the planner knows which week each one is, yet
read "a spreadsheet turns a range typed as 7-8 into a date" (calendar.csv) or "is not a
number (it reads as a date ...)" (due_week): neither said the week to write.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"  # first Monday 2025-06-30


def _refused(tmp_path: Path, file: str, old: str, new: str):
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    text = (data / file).read_text(encoding="utf-8")
    assert old in text
    (data / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(data)
    (problem,) = raised.value.errors
    return problem


@pytest.mark.parametrize("typed", ["2025-07-14", "2025-07-14 00:00:00"])
def test_a_calendar_week_typed_as_its_monday_is_told_its_number(tmp_path, typed):
    problem = _refused(tmp_path, "calendar.csv", "sdr,1,61.5", f"sdr,{typed},61.5")
    assert (problem.file, problem.row, problem.column) == ("calendar.csv", 2, "week")
    assert problem.message == (
        f"'{typed}' is the Monday of week 3 (week 1 starts on 2025-06-30): a date, not a "
        "week number."
    ), problem.message
    assert problem.fix.startswith("Write 3: the week's number, not its date."), problem.fix


def test_a_date_that_is_no_monday_of_the_quarter_keeps_the_range_turned_date_words(tmp_path):
    """'2025-07-08' (a Tuesday: Excel's 7-8 as 8 July) is still said to be a range that a
    spreadsheet turned into a date."""
    problem = _refused(tmp_path, "calendar.csv", "sdr,1,61.5", "sdr,2025-07-08,61.5")
    assert "a spreadsheet turns a range typed as 7-8 into a date" in problem.message


@pytest.mark.parametrize(
    ("typed", "week"), [("2025-09-03", 10), ("2025-06-30", 1), ("2025-09-28", 13)]
)
def test_a_due_date_is_told_the_week_it_falls_in(tmp_path, typed, week):
    problem = _due(tmp_path, typed)
    assert problem.column == "due_week"
    assert problem.message == (
        f"'{typed}' is a date: it falls in week {week} of the quarter (week 1 starts on "
        "2025-06-30)."
    ), problem.message
    assert problem.fix == f"Write {week}: the week's number, not a date.", problem.fix


def _due(tmp_path: Path, typed: str, settings: str | None = None):
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    lines = (data / "projects.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].strip().split(",")
    assert header[-1] == "due_week"
    # The first project without weeks of its own: its due week is the last cell.
    at = next(i for i, line in enumerate(lines[1:], 1) if line.rstrip().endswith(",,,"))
    lines[at] = lines[at].rstrip() + typed + "\n"  # its empty last cell, due_week
    (data / "projects.csv").write_text("".join(lines), encoding="utf-8")
    if settings is not None:
        toml = (data / "settings.toml").read_text(encoding="utf-8")
        (data / "settings.toml").write_text(toml.replace(*settings.split("|")), encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(data)
    (problem,) = raised.value.errors
    assert problem.row == at + 1
    return problem


@pytest.mark.parametrize(
    ("typed", "settings"),
    [
        ("2025-10-01", None),  # after the quarter's last day
        ("2025-06-29", None),  # before its first Monday
        ("2025-09-03", 'first_monday = "2025-06-30"|# no first Monday'),
    ],
)
def test_a_date_outside_the_quarter_or_without_a_first_monday_says_it_reads_as_a_date(
    tmp_path, typed, settings
):
    problem = _due(tmp_path, typed, settings)
    assert "it reads as a date" in problem.message, problem.message


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("３-５", "(it is written in full-width digits: write it as 3-5)"),
        ("٣", "(it is written in digits of another script: write it as 3)"),
        ("3—5", "(its dash is the em dash '—', not the '-' key: write it as 3-5)"),
        ("3−5", "(its dash is the minus sign '−', not the '-' key: write it as 3-5)"),
        ("３－５", "(it is written in full-width digits; its dash is the full-width"),
        ("3\u200b", "(it holds a character nobody can see, \\u200b: write it as 3)"),
    ],
)
def test_a_week_typed_otherwise_is_told_the_week_to_write(tmp_path, typed, said):
    """A week typed with full-width digits (an input method left in full-width mode), an em
    dash or a minus sign (a word processor's) read only "is not a week or a range of
    weeks", where the same figure in a number cell is told what is in the way and the
    figure to write."""
    problem = _refused(tmp_path, "calendar.csv", "sdr,1,61.5", f"sdr,{typed},61.5")
    assert (problem.file, problem.row, problem.column) == ("calendar.csv", 2, "week")
    assert problem.message.startswith(f"'{typed}' is not a week or a range of weeks"), problem
    assert said in problem.message, problem.message


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [
        ("1-1000000", "'1-1000000'"),
        ("99999999999999999999", "'99999999999999999999'"),
        ("1000000-1", "'1000000-1'"),
        ("1-" + "9" * 5_000, "'1-99999999999999999999999999…99999999, 5,002 characters'"),
    ],
)
def test_a_calendar_week_of_many_digits_is_outside_the_quarter(tmp_path, typed, quoted):
    """A week of five digits or more read "is not a week or a range of weeks", where 1-14
    read "is outside the quarter's weeks 1-13": it is a week, one past the quarter; a week of
    5,000 digits is quoted cut short (int() refuses more than 4,300 digits)."""
    problem = _refused(tmp_path, "calendar.csv", "sdr,1,61.5", f"sdr,{typed},61.5")
    assert (problem.file, problem.row, problem.column) == ("calendar.csv", 2, "week")
    assert problem.message == f"{quoted} is outside the quarter's weeks 1-13.", problem
    assert problem.fix == "Write a week number 1-13, or a range such as 7-8."
