"""One rule for numbers: TOML's ``1_000`` and ``0x10`` are refused as a cell's are.

settings.toml read ``seed = 0x10`` as 16 and ``time_limit_s = 1_0`` as 10 s (both valid
TOML), and a check-in ``weeks_elapsed = 0x6`` as 6, where a CSV cell ``1_000``, a settings
sheet's and a flag's were refused. Now each is refused naming its key, with the line to
write; a number in a string or a comment stays as it is.
"""

from __future__ import annotations

import pytest
from builders import SAMPLE, sample_copy, set_cell

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.settings_reading import parse_settings
from planner.core.toml_text import WrittenOtherwise, toml_table
from planner.interfaces.cli import main
from planner.scenarios.checkin_toml import parse_checkin


def _issues(read, text: str) -> list[str]:
    with pytest.raises(InvalidInputError) as raised:
        read(text)
    return [f"{i.column}: {i.message} Fix: {i.fix}" for i in raised.value.issues]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("seed = 1_0", "solve.seed: 1_0 is not a plain decimal (it has '_' between its digits)"),
        ("seed = 0x10", "solve.seed: 0x10 is not a plain decimal (it is written in hexadecimal)"),
        ("seed = 0o17", "(it is written in octal): write it as one (seed = 15)"),
        ("workers = 0b11", "(it is written in binary): write it as one (workers = 3)"),
        ("time_limit_s = 1_0.5", "write it as one (time_limit_s = 10.5). Fix: Write"),
    ],
)
def test_a_setting_written_as_toml_allows_and_no_cell_does_is_refused(line, said):
    (issue,) = _issues(parse_settings, f"[solve]\n{line}\n")
    assert said in issue, issue


def test_the_plain_figure_out_of_range_says_the_range_too():
    (issue,) = _issues(parse_settings, "[solve]\ntime_limit_s = 0x1000\n")
    assert "(time_limit_s = 4096). 4096 is out of range; use a number from 0.01 to 3600 s" in (
        issue
    ), issue


def test_a_check_in_written_so_is_refused_at_its_key():
    text = (
        "weeks_elapsed = 0x6\n[projects]\n"
        '"P1" = { status = "in_progress", percent_done = 4_0, end_week = 0xC }\n'
    )
    issues = _issues(parse_checkin, text)
    assert any(i.startswith("weeks_elapsed: 0x6 is not a plain decimal") for i in issues), issues
    assert any("projects.P1.percent_done: 4_0" in i and "(percent_done = 40)" in i for i in issues)
    assert any("projects.P1.end_week: 0xC" in i and "(end_week = 12)" in i for i in issues)


def test_numbers_in_strings_comments_and_lists_are_left_as_toml_reads_them():
    table = toml_table(
        'a = "1_0 = 0x5"  # b = 1_0\nc = [1_0, 2]\nd = 1979-05-27\ne = 1e3\n'
        '[t]\n\'k = 0x1\' = 10\nm = """\nn = 1_0\n"""\n',
        "x.toml",
    )
    assert table["a"] == "1_0 = 0x5" and not isinstance(table["a"], WrittenOtherwise)
    assert table["c"] == [10, 2] and table["e"] == 1000.0
    assert table["t"] == {"k = 0x1": 10, "m": "n = 1_0\n"}
    assert str(table["d"]) == "1979-05-27"


def test_one_figure_is_refused_alike_by_a_cell_a_setting_and_a_flag(tmp_path, capsys):
    """1_000: the CSV cell, settings.toml and ``--time-limit`` each refuse it, each saying
    it has '_' between its digits and the figure to write."""
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 2, "capacity_hours", "1_000")
    with pytest.raises(InvalidInputError) as cell:
        load_with_warnings(data)
    (settings,) = _issues(parse_settings, "[solve]\ntime_limit_s = 1_000\n")
    with pytest.raises(SystemExit) as flag_exit:
        main(["solve", str(SAMPLE), "--time-limit", "1_000"])
    assert flag_exit.value.code == 2
    flag = capsys.readouterr().err
    for said in (str(cell.value), settings, flag):
        assert "it has '_' between its digits" in said, said
        assert "1000" in said, said


def test_a_check_in_percent_with_its_sign_and_a_week_with_its_letter_are_told_the_number():
    """``percent_done = "45%"`` and ``end_week = "W12"`` read only "is not a number" and "is
    not a week number": now the line to write."""
    text = (
        'weeks_elapsed = 6\n[projects]\n"P1" = { status = "in_progress", percent_done = "45%", '
        'end_week = "W12" }\n'
    )
    issues = _issues(parse_checkin, text)
    assert any(
        i.startswith("projects.P1.percent_done: '45%' is in quotes with a percent sign")
        and "write percent_done = 45." in i
        for i in issues
    ), issues
    assert any(
        i.startswith("projects.P1.end_week: 'W12' is not a week number") and "end_week = 12." in i
        for i in issues
    ), issues
