"""``planner checkin`` when the baseline no longer fits the hours left: the sample in weeks
at week 6, the Mid-Market AEs at 800 h used (455 h planned by then) and a deal late."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def overspent(tmp_path_factory) -> Path:
    """The sample's plan as baseline.csv and the week-6 check-in as checkin.toml."""
    folder = tmp_path_factory.mktemp("overspent")
    baseline = folder / "baseline.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    return folder


def _checkin(folder: Path, capsys) -> Path:
    capsys.readouterr()
    args = ["checkin-template", str(SAMPLE), "--baseline", str(folder / "baseline.csv")]
    assert main([*args, "--weeks", "6"]) == 0
    text = capsys.readouterr().out
    text = re.sub(
        r'"CL-02" = \{[^}]*\}', '"CL-02" = { status = "in_progress", percent_done = 20 }', text
    )
    text = re.sub(r'"mm-ae" = [0-9.]+', '"mm-ae" = 800.0', text)
    path = folder / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_replan_names_the_week_too_short_for_the_work_in_progress(overspent, capsys):
    """It read "they need more hours than their teams have left" beside 525 h left for
    328 h of work in progress: week 7, the off-site cut by the hours used, is short."""
    checkin = _checkin(overspent, capsys)
    args = ["checkin", str(SAMPLE), "--baseline", str(overspent / "baseline.csv")]
    code = main([*args, "--checkin", str(checkin), "--out", str(overspent / "rest.csv")])
    assert code == 3
    err = capsys.readouterr().err
    assert "more hours than their teams have left" not in err
    assert (
        "No plan keeps every project in progress with its team: Mid-Market AEs has 40.3 h in "
        "week 7 (its hours there, cut by the hours used), but its projects in progress need "
        "46.9 h that week"
    ) in err


def test_the_baseline_carried_on_says_it_no_longer_fits_the_hours_left(overspent, capsys):
    checkin = _checkin(overspent, capsys)
    args = ["checkin", str(SAMPLE), "--baseline", str(overspent / "baseline.csv")]
    args += ["--checkin", str(checkin), "--unlock", "CL-09"]
    assert main([*args, "--out", str(overspent / "rest-unlocked.csv")]) == 0
    out = capsys.readouterr().out
    assert (
        "if we carry on, the baseline as it was no longer fits the hours left: Mid-Market AEs: "
        "728 h of "
        "work for 525 h left"
    ) in out
