"""``planner explain DATA_DIR --plan PLAN_CSV``: the plan the leader has, explained as it is.

Without it explain solves again, and on a quarter whose solve stops at its time limit
(40 teams x 500 projects in weeks) the plan it explained left out 7 projects other than
plan.csv's 171. These tests hand explain a plan.csv that differs from any fresh solve
(a planned project taken out by hand), so only the file's plan can give its answers.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> Path:
    """The sample's plan.csv as planner solve --out writes it."""
    path = tmp_path_factory.mktemp("solved") / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(path)]) == 0
    return path


@pytest.fixture
def edited(solved: Path, tmp_path: Path) -> tuple[Path, str]:
    """The plan.csv with one planned project, owned by one team, taken out by hand."""
    rows = _rows(solved)
    owners: dict[str, int] = {}
    for row in rows:
        if row["team_id"]:
            owners[row["project_id"]] = owners.get(row["project_id"], 0) + 1
    taken = next(pid for pid, n in owners.items() if n == 1)
    for row in rows:
        if row["project_id"] == taken:
            row.update(team_id="", team_name="", department="", share="0", effort_hours="0")
            row.update(value="0", status="unassigned", reason="taken out by hand")
    path = tmp_path / "plan.csv"
    _write(path, rows)
    return path, taken


def test_plan_explains_the_file_s_plan_where_a_fresh_solve_would_plan_it(edited, capsys):
    """The project taken out of plan.csv is out of the plan explained, with a reason weighed
    on that plan, while the fresh solve explain made without --plan owns it."""
    path, taken = edited
    assert main(["explain", str(SAMPLE), taken]) == 0
    fresh = capsys.readouterr().out.splitlines()
    assert fresh[0].startswith("Explaining a plan made now: when planning stops at its time")
    assert fresh[0].endswith(
        "To explain the plan you have: planner explain DATA_DIR --plan plan.csv"
    )
    assert " is owned by " in fresh[1]
    assert main(["explain", str(SAMPLE), taken, "--plan", str(path)]) == 0
    mine = capsys.readouterr().out.splitlines()
    assert mine[0] == (
        f"Explaining the plan in {path} as it is (not planned again), under the data's own "
        "settings."
    )
    assert any(" is not in the plan (" in line for line in mine[1:3])


def test_plan_lists_the_file_s_left_out_projects_without_a_status(edited, capsys):
    """The whole plan: the file's left-out projects, the one taken out among them; no
    "status:" line (the file's plan was not solved here); --json names the plan explained."""
    path, taken = edited
    assert main(["explain", str(SAMPLE), "--plan", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"Explaining the plan in {path} as it is (not planned again), under the data's own "
        "settings."
    )
    assert "status:" not in out and f"- {taken} '" in out
    assert main(["explain", str(SAMPLE), "--plan", str(path), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["plan"] == "file" and answer["plan_file"] == str(path)
    left_out = {r["project_id"] for r in _rows(path) if r["status"] == "unassigned"}
    assert set(answer["unassigned"]) == left_out
    assert answer["unassigned"][taken] != "taken out by hand"  # weighed again on this plan
    assert main(["explain", str(SAMPLE), "--json"]) == 0
    fresh = json.loads(capsys.readouterr().out)
    assert fresh["plan"] == "solved" and fresh["plan_file"] is None
    assert taken not in fresh["unassigned"]


def test_plan_and_baseline_together_are_refused_in_words(solved, capsys):
    """One explains a plan as it is, the other plans again close to one: never both."""
    assert main(["explain", str(SAMPLE), "--plan", str(solved), "--baseline", str(solved)]) == 2
    err = capsys.readouterr().err
    assert "--plan explains a plan as it is and --baseline plans again close to one" in err
    assert "Fix: Give --plan PLAN_CSV to explain the plan you have" in err


def test_a_plan_that_breaks_the_data_s_rules_is_refused_naming_the_file(solved, tmp_path, capsys):
    """Data edited since the plan was made (a team's hours cut to 1): the plan breaks a rule
    of it, said with the file and the fix, exit 2, never explained as if it kept them."""
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    owner = next(r["team_id"] for r in _rows(solved) if r["team_id"])
    teams = _rows(data / "teams.csv")
    for row in teams:
        if row["team_id"] == owner:
            row["capacity_hours"] = "1"
    _write(data / "teams.csv", teams)
    assert main(["explain", str(data), "--plan", str(solved)]) == 2
    err = capsys.readouterr().err
    assert f"{solved}: the plan breaks a rule of this data: rule " in err
    assert "Fix: Explain it with the data and settings it was planned on" in err


def test_a_what_if_s_plan_explained_without_its_settings_is_said_so_with_the_flag_to_pass(
    tmp_path, capsys
):
    """A plan made with marketing at 90 % breaks no rule at full capacity, and --plan
    explained it under the data's own settings without a word (a project it left out read
    "a better plan may exist"). The first line names the settings it is explained under; a
    plan leaving out projects that fit with room is said to be probably made under other
    settings, with the --settings to pass (--json: other_settings); given them, it is not."""
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    cut = tmp_path / "cut.toml"
    text = (data / "settings.toml").read_text(encoding="utf-8")
    cut.write_text(
        text.replace("[capacity.multipliers]", "[capacity.multipliers]\nmarketing = 0.9", 1),
        encoding="utf-8",
    )
    plan = tmp_path / "cut.csv"
    assert main(["solve", str(data), "--settings", str(cut), "--out", str(plan)]) == 0
    capsys.readouterr()
    assert main(["explain", str(data), "--plan", str(plan)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"Explaining the plan in {plan} as it is (not planned again), under the data's own "
        "settings."
    )
    assert "was probably made under other settings" in lines[1], lines[1]
    # The projects by the names the answer's next lines use, each id beside to explain it
    # by, and the settings in the first line's words: "Under these settings NU-03 would fit".
    assert re.match(r"Under the data's own settings '[^']+' \([A-Z]{2}-\d{2}\)", lines[1]), lines[1]
    assert lines[1].endswith(
        f"pass them: planner explain DATA_DIR --plan {plan} --settings WHATIF.toml"
    )
    # --json says it too: a script reading the answer had no word of it.
    assert main(["explain", str(data), "--plan", str(plan), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["other_settings"] == [lines[1]]
    assert main(["explain", str(data), "--plan", str(plan), "--settings", str(cut)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"Explaining the plan in {plan} as it is (not planned again), under the settings in {cut}."
    )
    assert "made under other settings" not in out
    assert main(["explain", str(data), "--plan", str(plan), "--settings", str(cut), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["settings"] == f"the settings in {cut}" and answer["other_settings"] == []
