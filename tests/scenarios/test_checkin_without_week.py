"""A check-in that does not say which week it is.

Without ``weeks_elapsed`` the file read as a check-in at week 0: a project marked done,
one 60 % through and 900 MQLs achieved were re-planned as if the whole quarter were
still ahead (every team's 13 weeks of hours on top of the work done), exit 0, and the
forecast added the two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.errors import InvalidInputError
from planner.scenarios.checkin_toml import parse_checkin

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
NO_WEEK = '[projects]\n"AW-01" = "done"\n[achieved]\n"mqls" = 900\n'


def test_a_check_in_without_its_week_is_refused_with_the_line_to_add():
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(NO_WEEK, "now.toml")
    (issue,) = info.value.errors
    assert issue.file == "now.toml" and issue.column == "weeks_elapsed"
    assert "weeks" in issue.message and "weeks_elapsed = 6" in issue.fix


def test_an_explicit_week_zero_still_reads():
    """Week 0 (a check-in before the quarter starts) is a week a leader may give: with
    a project dropped before the start and a KPI already counted, not work done."""
    before = '[projects]\n"AW-01" = "dropped"\n[achieved]\n"mqls" = 900\n'
    assert parse_checkin("weeks_elapsed = 0\n" + before).weeks_elapsed == 0


def test_the_command_line_writes_nothing_from_a_check_in_without_its_week(tmp_path, capsys):
    from planner.interfaces.cli import main

    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    checkin = tmp_path / "now.toml"
    checkin.write_text(NO_WEEK, encoding="utf-8")
    capsys.readouterr()
    out = tmp_path / "rest.csv"
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "now.toml, key weeks_elapsed" in err and "Traceback" not in err
    assert not out.exists()


def test_week_zero_with_work_done_is_refused_and_a_drop_before_the_start_is_not(tmp_path, capsys):
    """`weeks_elapsed = 0` with a project done and hours used was re-planned as if the
    whole quarter were still ahead, exit 0, every goal "on track"."""
    from planner.interfaces.cli import main

    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    checkin = tmp_path / "now.toml"
    out = tmp_path / "rest.csv"
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    checkin.write_text(
        'weeks_elapsed = 0\n[projects]\n"AW-01" = "done"\n[hours_used]\n"content" = 40\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "now.toml, key weeks_elapsed" in err and "Traceback" not in err
    assert "week 0, before the quarter starts" in err
    assert "1 project done or under way (AW-01) and hours used by 1 team (content)" in err
    assert not out.exists()

    checkin.write_text('weeks_elapsed = 0\n[projects]\n"AW-01" = "dropped"\n', encoding="utf-8")
    assert main([*args, "--out", str(out)]) == 0
    assert out.exists()
