"""One range per setting (planner/core/ranges.py): a value just past an edge is named as typed."""

from __future__ import annotations

import argparse

import pytest

from planner.core import ranges
from planner.core.errors import InvalidInputError
from planner.core.settings_reading import parse_settings


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[weights]\nvalue = 1000001", "1000001 is out of range"),
        ("[weights]\nvalue = 1000000.5", "1000000.5 is out of range"),
        ("[capacity]\nmax_utilization = 1.0000001", "1.0000001 is out of range"),
        ("[capacity]\nmax_utilization = -0.0000001", "-0.0000001 is out of range"),
        ("[capacity.multipliers]\nsales = 10.0000001", "10.0000001 is out of range"),
        ("[solve]\ntime_limit_s = 3600.001", "3600.001 is out of range"),
        ("[solve]\ntime_limit_s = 0.00999", "0.00999 is out of range"),
    ],
)
def test_a_value_just_past_an_edge_is_not_written_as_the_edge(text, shown):
    """`[weights] value = 1000001` read "1e+06 is out of range; use a number from 0 to
    1000000", and `max_utilization = 1.0000001` "1 is out of range; use a number from 0
    to 1": six significant digits wrote the value as the edge it is past, so the message
    refused what it asked for. The value now reads as written."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    assert shown in str(info.value)


def test_a_huge_value_past_an_edge_stays_short():
    """1e300 is not written out as 301 digits."""
    message = ranges.WEIGHT.problem(1e300)
    assert message is not None and message.startswith("1e+300 is out of range")


def test_a_whole_number_too_large_for_a_float_is_out_of_range_not_a_crash():
    """`--max-changes 1` and 400 zeros ended in a traceback, and `seed = ` the same digits
    in settings in an internal error: every check read the number as a float, which holds
    none that large. Both are out of range, said as written."""
    huge = "1" + "0" * 400
    with pytest.raises(argparse.ArgumentTypeError, match=r"out of range; use a whole number"):
        ranges.MAX_CHANGES.parse(huge)
    with pytest.raises(InvalidInputError) as info:
        parse_settings(f"[solve]\nseed = {huge}")
    assert "is out of range; use a whole number from 0" in str(info.value)
    assert ranges.SEED.problem(-(10**400)) is not None


def test_minus_zero_reads_as_zero_in_settings_and_on_the_command_line():
    """`max_utilization = -0.0` is accepted as 0, and read "the max utilisation is -0 %"
    in a no-plan answer; `--tolerance -0` read "within -0 % of the best plan" and
    `"tolerance_pct": -0.0` in --json. Both now keep 0 as 0."""
    settings = parse_settings("[capacity]\nmax_utilization = -0.0\n[weights]\nvalue = -0.0")
    assert str(settings.capacity.max_utilization) == "0.0"
    assert str(settings.weights.value) == "0.0"
    assert str(ranges.TOLERANCE.parse("-0")) == "0.0"
    assert str(ranges.TOLERANCE.parse(" -0.0 ")) == "0.0"


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ('[capacity]\nmax_utilization = "70%"', "Write 0.7 for 70 %"),
        ('[capacity]\nmax_utilization = " 85 % "', "Write 0.85 for 85 %"),
        ("[capacity]\nmax_utilization = 85", "Write 0.85 for 85 %"),
        ("[capacity]\nmax_utilization = 87.5", "Write 0.875 for 87.5 %"),
        ('[capacity]\nmax_utilization = "0,85"', "Write 0.85, with a decimal point"),
        ('[capacity.multipliers]\nsales = "90%"', "Write 0.9 for 90 %"),
        ("[capacity.multipliers]\nsales = 90", "Write 0.9 for 90 %"),
        ('[capacity.multipliers]\nsales = "1,5"', "Write 1.5, with a decimal point"),
    ],
)
def test_a_share_typed_as_a_percentage_is_told_the_share_to_write(text, fix):
    """`max_utilization = "70%"` (or 85, as the check-in's percent_done is written) read
    "is not a number from 0 to 1. Fix: Write a number from 0 to 1, e.g. 1": the fix a
    default the leader did not mean. Now the share meant."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    (problem,) = info.value.issues
    assert problem.fix.startswith(fix), problem.fix


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("[capacity]\nmax_utilization = 1000", "Write a number from 0 to 1, e.g. 1."),
        ('[capacity]\nmax_utilization = "high"', "Write a number from 0 to 1, e.g. 1."),
        ("[capacity.multipliers]\nsales = 2000", "Write a number from 0 to 10, e.g. 1."),
        ("[solve]\ntime_limit_s = 5000", "Write a number from 0.01 to 3600 s, e.g. 10."),
    ],
)
def test_a_value_that_is_no_percentage_keeps_the_ranges_fix(text, fix):
    """Past 100 % (or not a number at all) nothing is guessed; a range that is not a
    share (seconds) is never read as a percentage."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    assert info.value.issues[0].fix == fix


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[capacity]\nmax_utilization = 1e-320", "capacity.max_utilization: 1e-320 is above 0"),
        ("[capacity.multipliers]\nsales = 0.0004", "capacity.multipliers.sales: 0.0004 is above"),
    ],
)
def test_a_share_too_small_to_show_is_refused_with_the_range(text, said):
    """`max_utilization = 1e-320` validated, then read "the max utilisation is 0 %" (and a
    multiplier of 1e-320 "sets it to 0 %"): a share above 0 below the 0.1 % it is planned
    and shown in is refused, with the range from 0.001; 0 and 0.001 are taken."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings(text)
    (issue,) = info.value.issues
    assert said in str(issue) and "below 0.001 (0.1 %)" in issue.message
    assert "it would read as 0 %" in issue.message and "use 0, or a number from 0.001" in (
        issue.message
    )
    assert issue.fix.startswith("Write 0, or 0.001 or more")
    for edge in ("0", "0.001"):
        parse_settings(text.replace(text.rsplit("= ", 1)[1], edge))
