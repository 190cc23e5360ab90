"""A plan is written under a name that says what it is (attack round 21).

`planner solve data --out plan.txt` wrote plan.csv's text under .txt without a word (a
spreadsheet opens it as one column of text), and `--out plan` under no type at all; only a
list of other formats (.zip, .json, .xls...) was refused. Every --out that takes a plan
(`solve`, `checkin`) now takes a .csv or an .xlsx name, and refuses any other before the
solve, with the name to give; `scenarios compare --out` already took .xlsx alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.parametrize(
    ("name", "said", "fix"),
    [
        ("plan.txt", "not as a .txt file", "Name it plan.csv or plan.xlsx."),
        ("plan", "this name ends in neither", "Name it plan.csv or plan.xlsx."),
        ("plan.csv.bak", "not as a .bak file", "Name it plan.csv or plan.xlsx."),
        ("plan.dat", "not as a .dat file", "Name it plan.csv or plan.xlsx."),
    ],
)
def test_solve_refuses_a_plan_name_of_no_format_it_writes_before_solving(
    name, said, fix, tmp_path, capsys
):
    out = tmp_path / name
    assert main(["solve", str(SAMPLE), "--out", str(out), "--time-limit", "1"]) == 2
    err = capsys.readouterr().err
    assert "Goal Planner writes a plan as a .csv file or an .xlsx workbook" in err, err
    # The name to give keeps the folder typed: "Name it plan.csv" was the current folder.
    assert said in err and f"Fix: {fix.replace('plan.', f'{tmp_path}/plan.')}" in err, err
    assert "planned in" not in err and list(tmp_path.iterdir()) == []


def test_a_plan_name_in_capitals_is_still_written(tmp_path, capsys):
    out = tmp_path / "PLAN.CSV"
    assert main(["solve", str(SAMPLE), "--out", str(out), "--time-limit", "2"]) == 0
    assert out.read_text(encoding="utf-8").startswith("project_id,")


def test_checkin_refuses_the_same_names_as_solve(tmp_path, capsys):
    """The re-plan's --out goes through the same check: `checkin --out rest.txt` wrote CSV."""
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    capsys.readouterr()
    args = ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]
    assert main(args) == 0
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(capsys.readouterr().out, encoding="utf-8")
    out = tmp_path / "rest.txt"
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--out", str(out), "--json"]) == 2
    captured = capsys.readouterr()
    said = f"not as a .txt file. Fix: Name it {tmp_path}/rest.csv or {tmp_path}/rest.xlsx (--json"
    assert said in captured.err
    assert '"status": "invalid"' in captured.out and not out.exists()


@pytest.mark.parametrize(
    ("name", "fix"),
    [
        ("reports/plan.txt", "Name it reports/plan.csv or reports/plan.xlsx."),
        ("./-plan.txt", "Name it ./-plan.csv or ./-plan.xlsx."),
        ("v1.2/plan", "Name it v1.2/plan.csv or v1.2/plan.xlsx."),
    ],
)
def test_the_name_to_give_is_the_one_typed_with_its_folder(
    name, fix, tmp_path, monkeypatch, capsys
):
    """`--out reports/plan.txt` was told "Name it plan.csv", a file in the current folder,
    and `./-plan.txt` "-plan.csv", which reads as a flag; the folder is kept as typed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "v1.2").mkdir()
    assert main(["solve", str(SAMPLE), "--out", name, "--time-limit", "1"]) == 2
    assert f"Fix: {fix}" in capsys.readouterr().err
