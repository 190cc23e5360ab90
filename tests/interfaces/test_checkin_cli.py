"""``planner checkin-template`` and ``planner checkin``: the flags as a leader types them."""

from __future__ import annotations

from pathlib import Path

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_weeks_typed_as_minus_zero_are_written_as_week_0(tmp_path, capsys):
    """`checkin-template ... --weeks -0` wrote `weeks_elapsed = -0.0` into the file the
    leader edits (a figure never reads "-0" anywhere else); it is week 0."""
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    capsys.readouterr()
    args = ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "-0"]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "weeks_elapsed = 0.0" in text and "-0" not in text
