"""Why a check-in finds no re-plan, in the words of its cause.

A leader forbade the team that holds an in-progress project (a rule added since the
plan): stderr named the rule, then closed with "No plan keeps every project in progress
with its team: they need more hours than their teams have left", which no hours fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_rule_against_a_project_in_progress_is_not_blamed_on_hours(tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    checkin = tmp_path / "week6.toml"
    args = ["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]
    capsys.readouterr()
    assert main(args) == 0
    checkin.write_text(capsys.readouterr().out, encoding="utf-8")
    rows = [r.split(",") for r in plan.read_text(encoding="utf-8").splitlines()[1:]]
    owner = next(r[4] for r in rows if r[0] == "AW-07")
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    with (data / "rules.csv").open("a", encoding="utf-8") as rules:
        rules.write(f"AW-07,{owner},forbid\n")

    args = ["checkin", str(data), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 3
    err = capsys.readouterr().err
    assert "forbids" in err
    assert "more hours than their teams have left" not in err
    assert "No plan keeps every project in progress with its team, for the reasons above" in err
    assert not (tmp_path / "rest.csv").exists()


def test_a_late_project_no_week_can_hold_is_said_once(tmp_path, capsys):
    """Week 6, the free-trial flow 40 % done (due by week 8): the re-plan had no plan and
    said it twice, the second time as 'These rules cannot all hold: 'Free-trial signup flow
    optimisation' is in progress with Marketing Ops. Unlock ...', one rule under a plural,
    after the sentence that already gave its hours a week and both fixes."""
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    args = ["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]
    capsys.readouterr()
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    lines = [
        '"LG-09" = { status = "in_progress", percent_done = 40 }'
        if line.startswith('"LG-09"')
        else line
        for line in lines
    ]
    checkin = tmp_path / "week6.toml"
    checkin.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 3
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "'Free-trial signup flow optimisation'" in line]
    assert len(said) == 1, err
    assert "Marketing Ops has no room for its 78.0 h a week in weeks 7-13" in said[0]
    assert "let it move (--unlock LG-09) so that another team may take it over" in said[0]
    assert "These rules cannot all hold" not in err


def test_a_re_plan_cut_short_by_the_clock_is_not_blamed_on_the_work_in_progress(
    tmp_path, capsys, monkeypatch
):
    """A 100-team, 5,000-project check-in at `--time-limit 1` found no plan in time and said
    "Raise the time limit to at least 4 s", then "No plan keeps every project in progress
    with its team, for the reasons above. Let some move with --unlock ID": no plan was
    searched, so nothing said the work in progress does not fit, and unlocking it would not
    help. The clock's reason is said alone (exit 3, nothing written)."""
    import planner.interfaces.checkin_cli as checkin_cli
    from planner.core.domain import Result, Status

    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    checkin = tmp_path / "week6.toml"
    checkin.write_text(capsys.readouterr().out, encoding="utf-8")
    clock = "no plan was searched: the time limit ran out. Raise the time limit to at least 4 s."

    def out_of_time(_problem, started=None, after_s=0.0):
        return Result.without_plan(Status.NO_PLAN, 1.0, (clock,)), False

    monkeypatch.setattr(checkin_cli, "solve_interruptibly", out_of_time)
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(checkin)]
    assert main([*args, "--out", str(tmp_path / "rest.csv")]) == 3
    err = capsys.readouterr().err
    assert clock in err
    assert "No plan keeps every project in progress" not in err
    assert "--unlock" not in err
    assert not (tmp_path / "rest.csv").exists()
