"""``planner solve EDITED --baseline plan.csv --baseline-data BEFORE``: the plan read on the
data it was made on, as the Data page re-plans an edit (a renamed id is the same team)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory) -> Path:
    """The sample's plan as ``plan.csv``, and the sample with Brand & Comms's id changed
    from ``brand`` to ``brand-comms`` in every table (the Data page's rename) as ``data``."""
    folder = tmp_path_factory.mktemp("renamed")
    assert main(["solve", str(SAMPLE), "--out", str(folder / "plan.csv")]) == 0
    data = folder / "data"
    shutil.copytree(SAMPLE, data)
    for name in ("teams.csv", "estimates.csv", "rules.csv", "calendar.csv"):
        path = data / name
        lines = path.read_text(encoding="utf-8").splitlines()
        cells = [line.split(",") for line in lines]
        path.write_text(
            "\n".join(",".join("brand-comms" if c == "brand" else c for c in row) for row in cells)
            + "\n",
            encoding="utf-8",
        )
    assert "brand-comms,Brand & Comms" in (data / "teams.csv").read_text(encoding="utf-8")
    return folder


def test_a_plan_naming_a_renamed_team_says_how_to_read_it_under_its_new_id(renamed, capsys):
    """Without the data before, the plan's team 'brand' is not in the data: refused, with
    the flag that reads the plan under the new id."""
    args = ["solve", str(renamed / "data"), "--baseline", str(renamed / "plan.csv")]
    assert main([*args, "--out", str(renamed / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert "team 'brand' is not in teams.csv" in err
    assert "If its id was changed since the plan was made, give the data the plan was " in err
    assert "made on with --baseline-data" in err
    assert not (renamed / "out.csv").exists()


@pytest.mark.parametrize("budget", [(), ("--max-changes", "0")])
def test_with_the_data_before_a_renamed_team_keeps_its_projects(renamed, capsys, budget):
    """With --baseline-data, Brand & Comms under its new id is the team that held its
    projects: nothing moves (kept close, or under a change budget of 0)."""
    out = renamed / f"out{len(budget)}.csv"
    args = ["solve", str(renamed / "data"), "--baseline", str(renamed / "plan.csv")]
    assert main([*args, "--baseline-data", str(SAMPLE), "--out", str(out), *budget]) == 0
    text = capsys.readouterr().out
    assert "changes against the baseline: 0 moved or left out" in text
    if not budget:
        assert "Team 'Brand & Comms' renamed: id brand → brand-comms: no project changes" in text
    before = read_plan_csv((renamed / "plan.csv").read_text(encoding="utf-8"))
    after = read_plan_csv(out.read_text(encoding="utf-8"))
    rename = {"brand": "brand-comms"}
    assert {(a.project_id, rename.get(a.team_id, a.team_id)) for a in before.assignments} == {
        (a.project_id, a.team_id) for a in after.assignments
    }


def test_the_data_before_needs_a_baseline(renamed, capsys):
    args = ["solve", str(renamed / "data"), "--baseline-data", str(SAMPLE), "--json"]
    assert main([*args, "--out", str(renamed / "x.csv")]) == 2
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["column"] for p in problems] == ["--baseline-data"]


def test_other_data_given_as_the_data_before_is_refused(renamed, tmp_path, capsys):
    """Another quarter's data (no project in common) is no earlier version of this one."""
    other = tmp_path / "other"
    assert main(["generate", str(other), "--teams", "3", "--projects", "5"]) == 0
    capsys.readouterr()
    args = ["solve", str(renamed / "data"), "--baseline", str(renamed / "plan.csv")]
    assert main([*args, "--baseline-data", str(other), "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "it shares no project with the data re-planned" in err
    assert not (tmp_path / "x.csv").exists()


def test_a_problem_in_the_data_before_is_named_as_that_data_s(renamed, tmp_path, capsys):
    broken = tmp_path / "broken"
    shutil.copytree(SAMPLE, broken)
    teams = broken / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8").replace(",700,", ",-5,"), encoding="utf-8")
    args = ["solve", str(renamed / "data"), "--baseline", str(renamed / "plan.csv")]
    assert main([*args, "--baseline-data", str(broken), "--out", str(tmp_path / "x.csv")]) == 2
    assert "--baseline-data teams.csv, row" in capsys.readouterr().err


def test_the_plan_is_never_written_into_the_data_before(renamed, tmp_path, capsys):
    before = tmp_path / "before"
    shutil.copytree(SAMPLE, before)
    args = ["solve", str(renamed / "data"), "--baseline", str(renamed / "plan.csv")]
    out = before / "projects.csv"
    kept = out.read_bytes()
    assert main([*args, "--baseline-data", str(before), "--out", str(out)]) == 2
    assert out.read_bytes() == kept


def test_a_plan_naming_a_renamed_project_says_how_to_read_it_under_its_new_id(tmp_path, capsys):
    """A renamed project without the data before got only "not in the data ... if it was
    deleted, nothing to do"; a renamed team's refusal points at --baseline-data: the
    project's warning now does too, and with the flag there is nothing to warn of."""
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "5"]) == 0
    data = Path(shutil.copytree(SAMPLE, tmp_path / "data"))
    projects = data / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    assert "\nAW-01," in text and "AW-01X" not in text
    projects.write_text(text.replace("\nAW-01,", "\nAW-01X,"), encoding="utf-8")
    capsys.readouterr()
    args = ["solve", str(data), "--baseline", str(plan), "--time-limit", "5"]
    assert main([*args, "--out", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err
    assert "project 'AW-01' is not in the data (projects.csv)" in err
    assert "If its id was changed since the plan was made, give the data the plan was " in err
    assert "made on with --baseline-data" in err
    assert main([*args, "--baseline-data", str(SAMPLE), "--out", str(tmp_path / "o.csv")]) == 0
    assert "AW-01" not in capsys.readouterr().err


def test_the_time_limit_of_this_run_is_no_edit_of_the_data_before(renamed, capsys):
    """`--time-limit 3` with the data before given as the same folder read "Time limit
    10 s → 3 s: no project changes", as if the data had been edited; without
    --baseline-data the same run reads "against plan.csv". The run's time limit is
    this run's on both sides: only the data's own edits are named."""
    plan = str(renamed / "plan.csv")
    said = []
    for before in ((), ("--baseline-data", str(SAMPLE))):
        out = renamed / f"limit{len(before)}.csv"
        args = ["solve", str(SAMPLE), "--baseline", plan, "--time-limit", "3", *before]
        assert main([*args, "--out", str(out), "--json"]) == 0
        said.append(json.loads(capsys.readouterr().out)["what_changed"])
    assert all("Time limit" not in line for line in said), said
    assert said[0] == said[1], said


def test_a_plan_naming_teams_by_their_names_is_told_the_ids(renamed, capsys):
    """A plan.csv whose team_id column was filled with the teams' names (as the pages show
    them) read "team 'Product Marketing' is not in teams.csv. Fix: Did you mean 'pmm'?":
    the team is in teams.csv, by that name. It says so, with the id to write."""
    plan = renamed / "plan.csv"
    lines = plan.read_text(encoding="utf-8").splitlines()
    named = renamed / "named.csv"
    named.write_text(
        "\n".join(
            line.replace(",pmm,Product Marketing,", ",Product Marketing,Product Marketing,")
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    args = ["solve", str(SAMPLE), "--baseline", str(named), "--out", str(renamed / "n.csv")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "team 'Product Marketing' is not in teams.csv" not in err, err
    assert "'Product Marketing' is the name of the team pmm, not its id" in err, err
    assert "Fix: Write 'pmm'" in err, err


def test_added_capacity_says_why_a_project_is_left_out(renamed, tmp_path, capsys):
    """Marketing Ops at 80 h a week from week 6, against the sample's plan: "1 project
    left out (...), 1 moved, 2 added" gave no reason where a cut gives one; the line after
    it says where the hours went and what the project left out made way for, in the text
    and in ``--json`` (``hours_gain``), as the Constraints page says it."""
    data = tmp_path / "hire"
    shutil.copytree(SAMPLE, data)
    with (data / "calendar.csv").open("a", encoding="utf-8") as calendar:
        calendar.write("mops,6-13,80\n")
    args = ["solve", str(data), "--baseline", str(renamed / "plan.csv")]
    args += ["--baseline-data", str(SAMPLE), "--out", str(tmp_path / "out.csv")]
    assert main(args) == 0
    text = capsys.readouterr().out
    (line,) = [x for x in text.splitlines() if x.startswith("Marketing has ")]
    assert "more capacity" in line and "The hours go to Marketing Ops, which takes on " in line
    assert " is left out" in line, line
    assert main([*args, "--json"]) == 0
    said = json.loads(capsys.readouterr().out)["hours_gain"]
    assert said == [line]
