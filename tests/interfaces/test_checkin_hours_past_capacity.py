"""Hours used past a team's capacity in force, said by `planner checkin` as the page says it.

The Check-in page warns "More hours used than the team's capacity for the quarter, so
nothing is left for the weeks ahead: Demand Gen: 2,000 h used of 1,378 h"; `planner checkin`
given the same 2,000 h said nothing of it, and its re-plan read "No plan meets every rule ... Demand
Gen can plan 0 h" (only more than twice the quarter was refused). The command line now
warns at the file's key, with the page's figures.
"""

from __future__ import annotations

import re
from pathlib import Path

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _checkin(tmp_path: Path, capsys, used: str) -> str:
    plan, week6 = tmp_path / "plan.csv", tmp_path / "week6.toml"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    template = capsys.readouterr().out
    text, count = re.subn(r'(?m)^"demand-gen" = [0-9.]+', f'"demand-gen" = {used}', template)
    assert count == 1
    week6.write_text(text, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(week6)]
    main([*args, "--out", str(tmp_path / "re.csv")])
    return capsys.readouterr().err


def test_hours_used_past_the_capacity_in_force_are_warned_at_their_key(tmp_path, capsys):
    err = _checkin(tmp_path, capsys, "2000")
    (line,) = [x for x in err.splitlines() if "hours_used.demand-gen" in x]
    assert line.startswith("warning: "), line
    assert (
        "week6.toml, key hours_used.demand-gen: Demand Gen used 2,000 h, more than its "
        "capacity for the quarter (1,378 h), so nothing is left for it in the weeks ahead. "
        "Fix: Check the hours used"
    ) in line, line


def test_hours_used_within_the_capacity_are_not_warned(tmp_path, capsys):
    err = _checkin(tmp_path, capsys, "1000")
    assert "hours_used.demand-gen" not in err, err
