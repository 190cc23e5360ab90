"""A number on the command line reads as a number in a cell does (attack round 12).

`--time-limit １０` (full-width digits, as an East Asian input method types them) solved for
10 s, and so did `--time-limit 1_0` (Python's digit grouping), where the same figure in a
cell of teams.csv or in quotes in settings.toml is refused with the figure to write. Every
numeric flag took them: `--max-changes`, `--tolerance`, `--stability`, `generate --teams`
and `--seed`, `checkin-template --weeks`, `scenarios sweep --from` (`0.１０` read as 10 %)
and `--steps`. Each is refused now naming what is in the way and the plain figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import cli_refused

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


FLAGS = [
    ("solve", "--time-limit", "{v}"),
    ("solve", "--max-changes", "{v}"),
    ("solve", "--tolerance", "{v}"),
    ("solve", "--stability", "{v}"),
    ("generate", "--teams", "{v}"),
    ("generate", "--seed", "{v}"),
    ("checkin-template", "--weeks", "{v}"),
    ("sweep", "--from", "0.{v}"),
    ("sweep", "--steps", "{v}"),
    ("explain", "--capacity-budget", "{v}"),
]


def _argv(command: str, flag: str, value: str, tmp_path: Path) -> list[str]:
    if command == "generate":
        sizes = {"--teams": "4", "--projects": "5", "--seed": "0"}
        sizes[flag] = value
        return ["generate", str(tmp_path / "new"), *[w for kv in sizes.items() for w in kv]]
    if command == "checkin-template":
        return [command, str(SAMPLE), "--baseline", str(tmp_path / "base.csv"), flag, value]
    if command == "sweep":
        return ["scenarios", "sweep", str(SAMPLE), "--target", "sales", flag, value]
    if command == "explain":
        return ["explain", str(SAMPLE), "--capacity", flag, value]
    return [command, str(SAMPLE), "--out", str(tmp_path / "plan.csv"), flag, value]


@pytest.mark.parametrize(("command", "flag", "pattern"), FLAGS)
@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("１０", "it is written in full-width digits: write it as 10"),
        ("١٠", "it is written in digits of another script: write it as 10"),
        ("1_0", "it has '_' between its digits: write it as 10"),
    ],
)
def test_a_number_typed_otherwise_is_refused_on_every_flag_with_the_figure_to_write(
    command, flag, pattern, typed, said, tmp_path, capsys
):
    value = pattern.format(v=typed)
    err = cli_refused(_argv(command, flag, value, tmp_path), capsys)
    said = said.replace("as 10", f"as {pattern.format(v='10')}")
    assert f"argument {flag}: '{value}' is not " in err, err
    assert f"({said})" in err, err
    assert not (tmp_path / "plan.csv").exists() and not (tmp_path / "new").exists()


def test_a_plain_number_still_reads_with_spaces_around_it_and_in_exponent_notation(
    tmp_path, capsys
):
    """What the flags read before and cells read too stays read: the figure trimmed, and the
    exponent notation scripts write (`1e1`), as `1e400` is told to be out of range."""
    out = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(out), "--time-limit", " 1e0 "]) == 0
    assert out.exists()
    err = cli_refused(["solve", str(SAMPLE), "--out", str(out), "--time-limit", "1e400"], capsys)
    assert "'1e400' is out of range; use a number from 0.01 to 3600 s" in err


def test_a_cell_with_digit_grouping_is_told_the_figure_too(tmp_path):
    """`1_000` in a cell read only "is not a number": the rule lives with the other ways a
    figure is typed, so a cell and a flag say the same."""
    from planner.core.typed_numbers import why_typed_otherwise

    assert why_typed_otherwise("1_000") == " (it has '_' between its digits: write it as 1000)"
    assert why_typed_otherwise("１_０００") == (
        " (it is written in full-width digits; it has '_' between its digits: write it as 1000)"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["generate", "{tmp}/new", "--teams", "4.0", "--projects", "5"],
            "argument --teams: '4.0' has a decimal point: write it as 4 (a whole number from 2 "
            "to 500)",
        ),
        (
            ["scenarios", "sweep", str(SAMPLE), "--target", "sales", "--steps", "1e1"],
            "argument --steps: '1e1' is written with an exponent: write it as 10 (a whole "
            "number from 1 to 50)",
        ),
    ],
)
def test_a_whole_number_written_with_a_point_is_told_the_number_not_that_it_is_not_one(
    argv, said, tmp_path, capsys
):
    """`--teams 4.0` read "'4.0' is not a whole number from 2 to 500", which 4.0 is: a
    whole-number flag, like a TOML key, takes the number without a point, and says so."""
    err = cli_refused([word.replace("{tmp}", str(tmp_path)) for word in argv], capsys)
    assert said in err, err
    assert not (tmp_path / "new").exists()


def test_a_whole_number_setting_written_with_a_point_says_the_number_to_write(tmp_path):
    """`[calendar] weeks = 13.0` and `seed = 1e3` read "13.0 is not a whole number" and
    "1000.0 is not a whole number": a week in TOML has no decimal point (as a check-in's
    end_week says), and the fix now names the number."""
    from planner.core.errors import InvalidInputError
    from planner.core.settings_reading import parse_settings

    with pytest.raises(InvalidInputError) as raised:
        parse_settings("[calendar]\nweeks = 13.0\n[solve]\nseed = 1e3\n")
    said = {issue.column: (issue.message, issue.fix) for issue in raised.value.issues}
    assert said["calendar.weeks"] == (
        "13.0 has a decimal point: write it as 13 (a whole number from 1 to 53 weeks).",
        "Write calendar.weeks = 13.",
    )
    # 1e3 has no decimal point: it was said "1000.0 has a decimal point".
    assert said["solve.seed"] == (
        "1e3 is written with an exponent: write it as 1000 (a whole number from 0 to 2147483647).",
        "Write solve.seed = 1000.",
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("[solve]\nworkers = 4e0", "4e0 is written with an exponent: write it as 4"),
        ("[calendar]\nweeks = 1.3E1", "1.3E1 is written with an exponent: write it as 13"),
        # TOML's digit grouping is refused as a cell's is (tests/core/test_toml_numbers.py).
        (
            "[solve]\nseed = 2_000.0",
            "2_000.0 is not a plain decimal (it has '_' between its "
            "digits): write it as one (seed = 2000)",
        ),
        ("[solve]\ntime_limit_s = 1e400", "1e400 is out of range; use a number from 0.01"),
        ("[weights]\nstability = 1e300", "1e300 is out of range; use a number from 0 to"),
    ],
)
def test_a_setting_is_said_as_the_file_writes_it(line, said):
    """Every number setting is said as written: 1e400 read "inf is not finite", 1e300
    "1e+300", and a whole number with an exponent "has a decimal point"."""
    from planner.core.errors import InvalidInputError
    from planner.core.settings_reading import parse_settings

    with pytest.raises(InvalidInputError) as raised:
        parse_settings(line + "\n")
    (issue,) = raised.value.issues
    assert issue.message.startswith(said), issue.message


@pytest.mark.parametrize(
    ("subcommand", "flag"), [("sweep", "--from"), ("sweep", "--to"), ("marginal", "--step")]
)
def test_a_capacity_with_two_percent_signs_is_refused_not_read_as_one(subcommand, flag, capsys):
    """`--from 70%%` read as 70 %: every '%' at the end was stripped, not the one."""
    argv = ["scenarios", subcommand, str(SAMPLE), flag, "70%%"]
    if subcommand == "sweep":
        argv += ["--target", "sales"]
    err = cli_refused(argv, capsys)
    assert f"argument {flag}: '70%%' is not a capacity factor (e.g. 0.7 or 70%)" in err, err


def test_a_figure_in_brackets_is_said_to_read_below_0_not_to_be_written_so():
    """`(380)` in effort_hours read "write it as -380", then its fix "-380 h, less than any
    effort_hours may be": the figure below 0 is what it reads as, not what to write."""
    from planner.core.typed_numbers import why_typed_otherwise

    assert why_typed_otherwise("(380)") == (
        " (it is in brackets, as accounting writes a figure below 0: it reads as -380)"
    )


@pytest.mark.parametrize(
    ("flag", "typed", "said"),
    [
        ("--time-limit", "10s", "write 10 (a number from 0.01 to 3600 s)"),
        ("--time-limit", "2 min", "write 120 (a number from 0.01 to 3600 s)"),
        ("--time-limit", "2h", "7200, out of range; use a number from 0.01 to 3600 s"),
        ("--capacity-budget", "1.5m", "write 90 (a number from 0.01 to 86400 s)"),
    ],
)
def test_seconds_typed_with_their_unit_are_told_the_figure_to_write(
    flag, typed, said, tmp_path, capsys
):
    """`--time-limit 10s` read "'10s' is not a number from 0.01 to 3600 s", the unit the
    message itself writes after the range: the figure in seconds is said to write."""
    command = "explain" if flag == "--capacity-budget" else "solve"
    err = cli_refused(_argv(command, flag, typed, tmp_path), capsys)
    assert f"argument {flag}: '{typed}' has its unit written after it; the flag takes the" in err
    assert said in err, err
    assert not (tmp_path / "plan.csv").exists()
