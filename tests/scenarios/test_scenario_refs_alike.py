"""A scenario reference typed in full-width (attack round 12): `scenarios show ＳＡＭＥ` and
`show '#１'` read "No saved scenario is named or numbered ..." with the three closest names by
spelling and no word of the one meant; it is named now, as an id in the
data is."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _said(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stopped:
        code = int(stopped.code or 0)
    return code, capsys.readouterr().err


def test_a_reference_in_full_width_names_the_scenario_meant(tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    for name in ("SAME", "Other one", "Q3 plan"):
        save = ["scenarios", "--db", db, "save", str(SAMPLE), "--name", name, "--time-limit", "1"]
        assert _said(save, capsys)[0] == 0
    code, err = _said(["scenarios", "--db", db, "show", "ＳＡＭＥ"], capsys)
    assert code == 2 and "Did you mean 'SAME'?" in err, err
    code, err = _said(["scenarios", "--db", db, "show", "#１"], capsys)
    assert code == 2 and "(it is written in full-width digits: write it as #1)" in err, err
