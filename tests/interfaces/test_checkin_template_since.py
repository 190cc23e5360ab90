"""The second check-in's template says to give the first check-in again (`--since`).

`planner checkin-template --since week4.toml --weeks 8` wrote "give this file to planner
checkin --checkin", as the first template did. Given so, without `--since`, the week-8
re-plan read the plan by now from the week-4 re-plan alone: "New pipeline created: 96.4 %
/ 37.6 % / 61.5 %" for 96.4 % / 96.4 %, every goal's plan by now about half of what it
was, and "New logos won: 12 + 16.16 = 28.16 of 40 new customers" for 12 + 16 = 28.
"""

from __future__ import annotations

from pathlib import Path

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _template(capsys, *args: str) -> str:
    assert main(["checkin-template", str(SAMPLE), *args]) == 0
    return capsys.readouterr().out


def test_a_template_written_since_an_earlier_check_in_names_it_in_the_command_to_run(
    tmp_path, capsys
):
    plan, week4, replan4 = tmp_path / "plan.csv", tmp_path / "week 4.toml", tmp_path / "re4.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    first = _template(capsys, "--baseline", str(plan), "--weeks", "4")
    week4.write_text(first, encoding="utf-8")
    assert "planner checkin --checkin.\n" in first  # the first check-in has no --since
    args = ["checkin", str(SAMPLE), "--checkin", str(week4), "--baseline", str(plan)]
    assert main([*args, "--out", str(replan4)]) == 0
    capsys.readouterr()
    second = _template(capsys, "--baseline", str(replan4), "--since", str(week4), "--weeks", "8")
    head = second.split("\n\n")[0]
    assert f"planner checkin --checkin THIS_FILE --since '{week4}'" in head, head
    assert "--baseline" in head and str(replan4) in head, head
