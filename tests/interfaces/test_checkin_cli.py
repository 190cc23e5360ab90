"""``planner checkin-template`` and ``planner checkin``: the flags as a leader types them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.core.text import percent_value
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


def test_a_replan_written_as_xlsx_heads_the_quarter_end_the_report_prints(tmp_path, capsys):
    """``planner checkin --out rest.xlsx`` heads its Summary with the quarter-end attainment
    the report and ``--json`` give (83.8 % on the sample at week 6 with a late project and
    an MQL reading; here the MQL reading alone), not the re-plan's own attainment of what
    was left of each target (74.6 % there), which it printed as "Goal attainment" beside
    nothing to say so.
    """
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    args = ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]
    capsys.readouterr()
    assert main(args) == 0
    template = capsys.readouterr().out
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(template.replace('"mqls" = 867', '"mqls" = 700'), encoding="utf-8")
    out = tmp_path / "rest.xlsx"
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(out), "--json"]) == 0
    forecast = json.loads(capsys.readouterr().out)["quarter_attainment"]
    sheet = openpyxl.load_workbook(out, read_only=True)["Summary"]
    summary = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    headline = "Goal attainment at quarter end (%, achieved so far + the re-plan, weighted)"
    assert list(summary)[1] == headline
    assert summary[headline] == percent_value(forecast["forecast"])
    rest = "Weeks left: goal attainment of what was left of each target (%)"
    assert summary[rest] == percent_value(forecast["replan_of_what_was_left"])
