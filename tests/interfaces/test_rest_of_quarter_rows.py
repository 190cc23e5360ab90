"""rest-of-quarter.csv keeps a row for every project of the plan checked in on: a leader
diffing it against plan.csv saw 8 projects vanish (7 done, 1 dropped) beside "0 changes".
Each row says what the check-in did to it, and the file still reads back as the re-plan."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from builders import checkin_template

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin``)
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.baseline_plan import read_plan_sheet
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
WEEKS = ("start_week", "end_week")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_done_and_dropped_projects_keep_their_rows_with_what_the_checkin_did(tmp_path, capsys):
    baseline, template = checkin_template(tmp_path, capsys)
    checkin = tmp_path / "checkin.toml"
    # The leader drops CL-05 (in progress at week 6 in the plan).
    checkin.write_text(re.sub(r'(?m)^"CL-05" = .*$', '"CL-05" = "dropped"', template))
    rest = tmp_path / "rest-of-quarter.csv"
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main([*args, "--max-changes", "3", "--out", str(rest)]) == 0, capsys.readouterr()
    said = capsys.readouterr().out
    assert "changes (owners moved or taken out of the plan): 0" in said

    plan_rows, rest_rows = _rows(baseline), _rows(rest)
    # Not one project of plan.csv vanishes, and none comes twice.
    assert Counter(r["project_id"] for r in plan_rows) == Counter(
        r["project_id"] for r in rest_rows
    )
    by_id = {r["project_id"]: r for r in rest_rows}
    assert by_id["CL-05"]["at_checkin"] == by_id["CL-05"]["status"] == "dropped"
    assert by_id["CL-05"]["team_name"] == "Enterprise AEs"  # who held it
    assert by_id["CL-05"]["effort_hours"] == "0"  # no hours left to it
    done = {r["project_id"] for r in rest_rows if r["at_checkin"] == "done"}
    assert done == {"NU-01", "QU-01", "QU-02", "QU-06", "QU-07", "CL-04", "RE-05"}
    assert all(by_id[p]["status"] == "done" and by_id[p]["team_id"] for p in done)
    # Done: the weeks it ran as planned, by the team that did it.
    planned = {(r["project_id"], r["team_id"]): r for r in plan_rows}
    for row in rest_rows:
        if row["at_checkin"] == "done":
            before = planned[row["project_id"], row["team_id"]]
            assert (row["start_week"], row["end_week"]) == (
                before["start_week"],
                before["end_week"],
            )
    # 0 changes: every project still to run is kept where it was.
    words = Counter(r["at_checkin"] for r in rest_rows)
    assert set(words) == {"done", "dropped", "kept", "still left out"}, words
    out = [r for r in rest_rows if r["at_checkin"] == "still left out"]
    assert all(r["status"] == "unassigned" for r in out)

    # Read back as a later check-in's baseline, the file is the re-plan alone: done and
    # dropped projects are the past, not the plan.
    read = read_plan_csv(rest.read_text(encoding="utf-8"), "rest-of-quarter.csv")
    owners = read.owners()
    assert not (set(owners) & (done | {"CL-05"}))
    kept = {r["project_id"] for r in rest_rows if r["at_checkin"] == "kept"}
    assert set(owners) == kept


def test_the_workbook_plan_sheet_holds_the_csv_rows_and_what_the_checkin_did(tmp_path, capsys):
    """``--out rest.xlsx``'s Plan sheet had 31 rows (no done, no dropped) where the CSV of
    the same check-in had 54: both are made from one list of rows now."""
    baseline, template = checkin_template(tmp_path, capsys)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(re.sub(r'(?m)^"CL-05" = .*$', '"CL-05" = "dropped"', template))
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    csv_path, xlsx_path = tmp_path / "rest.csv", tmp_path / "rest.xlsx"
    for out in (csv_path, xlsx_path):
        assert main([*args, "--max-changes", "3", "--out", str(out)]) == 0, capsys.readouterr()
    capsys.readouterr()

    text, _, _, _ = read_plan_sheet(xlsx_path.read_bytes(), "rest.xlsx")
    sheet = list(csv.DictReader(io.StringIO(text)))
    rows = _rows(csv_path)
    assert len(sheet) == len(rows)

    def key(row: dict[str, str]) -> tuple[str, ...]:
        weeks = tuple(str(int(float(row[c]))) if row[c] else "" for c in WEEKS)
        status = row["status"].lower()
        return (row["project_id"], row["team_id"], status, row["at_checkin"], *weeks)

    assert sorted(map(key, sheet)) == sorted(map(key, rows))
    hours = {(r["project_id"], r["team_id"]): float(r["effort_hours"]) for r in rows}
    assert {(r["project_id"], r["team_id"]): float(r["effort_hours"]) for r in sheet} == hours
    assert len(sheet) == 54  # the sample at week 6 with CL-05 dropped, as the CSV
    done = {r["project_id"] for r in sheet if r["at_checkin"] == "done"}
    assert len(done) == 7
    assert [r["project_id"] for r in sheet if r["at_checkin"] == "dropped"] == ["CL-05"]
    # The sheet reads back as a later check-in's baseline as the CSV does: the re-plan alone.
    owners = read_plan_csv(text, "rest.xlsx").owners()
    assert owners == read_plan_csv(csv_path.read_text(encoding="utf-8"), "rest.csv").owners()
    assert not set(owners) & {"CL-05", "NU-01", "CL-04"}
