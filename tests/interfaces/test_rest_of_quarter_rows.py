"""rest-of-quarter.csv keeps a row for every project of the plan checked in on: a leader
diffing it against plan.csv saw 8 projects vanish (7 done, 1 dropped) beside "0 changes".
Each row says what the check-in did to it, and the file still reads back as the re-plan."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from builders import checkin_template

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin``)
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.baseline_plan import read_plan_sheet
from planner.interfaces.cli import main
from planner.interfaces.replan_exports import replan_workbook, rest_of_quarter_rows
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import replan

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


def test_done_work_reads_no_reason_it_is_left_out(tmp_path, capsys):
    """The re-plan's Plan sheet put "done: it stays with Brand Marketing; its hours are
    spent" under "Why it is left out" for every project done: done work is not left out.
    Its status and "At the check-in" say done; the column is empty for it, in the CSV too,
    and a dropped project's still says why it is out."""
    baseline, template = checkin_template(tmp_path, capsys)
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(re.sub(r'(?m)^"CL-05" = .*$', '"CL-05" = "dropped"', template))
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    csv_path, xlsx_path = tmp_path / "rest.csv", tmp_path / "rest.xlsx"
    for out in (csv_path, xlsx_path):
        assert main([*args, "--max-changes", "3", "--out", str(out)]) == 0, capsys.readouterr()
    capsys.readouterr()

    header, *cells = openpyxl.load_workbook(xlsx_path)["Plan"].iter_rows(values_only=True)
    sheet = [dict(zip(header, row, strict=True)) for row in cells]
    done = [r for r in sheet if r["At the check-in"] == "done"]
    assert len({r["Project ID"] for r in done}) == 7
    assert all(r["Status"] == "Done" and not r["Why it is left out"] for r in done), done
    (dropped,) = [r for r in sheet if r["At the check-in"] == "dropped"]
    assert dropped["Why it is left out"] == "Dropped at the check-in."
    rows = _rows(csv_path)
    assert all(not r["reason"] for r in rows if r["at_checkin"] == "done")
    assert [r["reason"] for r in rows if r["at_checkin"] == "dropped"] == [
        "dropped at the check-in"
    ]


def test_a_re_plan_s_workbook_is_made_with_its_baseline_and_changes_only(solved_sample):
    """Made without the baseline and the re-plan's changes, the workbook's Plan sheet was
    the weeks left alone (31 rows where the CSV of the same check-in had 54): one layout,
    so the function takes them, and its Plan sheet holds the CSV's rows."""
    problem, plan = solved_sample
    checkin = checkin_as_planned(problem, plan, Decimal(6))
    outcome = replan(problem, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is not None and outcome.diff is not None
    made = (problem, checkin, outcome.problem, outcome.result, outcome.carried)
    with pytest.raises(TypeError):
        replan_workbook(*made)  # type: ignore[call-arg]
    book = replan_workbook(*made, plan, outcome.diff)
    rows = rest_of_quarter_rows(
        problem, outcome.problem, outcome.result.plan, plan, checkin, outcome.diff
    )
    sheet = list(openpyxl.load_workbook(io.BytesIO(book))["Plan"].iter_rows(values_only=True))
    assert len(sheet) - 1 == len(rows)
    assert len(rows) > len(outcome.result.plan.assignments) + len(outcome.result.plan.unassigned)
