"""``planner checkin --json`` gives each goal's odds with the keys ``planner solve --json`` does.

SPEC "Uncertain impact": a goal's odds in ``--json`` say whether they are ``exact`` and
``uncertain``. ``planner checkin --json`` gave a chance and words alone, so a script
reading both could not tell a certain 0 % from a drawn one after a check-in. One function
(:func:`planner.core.uncertainty.odds_json`) writes the entry for both now.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main


def _checkin_goals(quarter: Path, capsys, tmp_path: Path) -> dict[str, dict]:
    """The week-6 check-in of the sample without weeks, new logos met already (50 of 40)."""
    args = ["checkin-template", str(quarter / "data"), "--baseline"]
    assert main([*args, str(quarter / "baseline.csv"), "--weeks", "6"]) == 0
    written = capsys.readouterr().out
    text, found = re.subn(r'"new-logos" = [0-9.]+(?=  #)', '"new-logos" = 50', written)
    assert found == 1
    path = tmp_path / "checkin.toml"
    path.write_text(text, encoding="utf-8")
    args = ["checkin", str(quarter / "data"), "--baseline", str(quarter / "baseline.csv")]
    args += ["--checkin", str(path), "--out", str(tmp_path / "rest.csv"), "--json"]
    assert main(args) == 0
    return {g["goal_id"]: g for g in json.loads(capsys.readouterr().out)["goals"]}


def test_checkin_json_goals_have_every_odds_key_solve_json_goals_have(quarter, capsys, tmp_path):
    """Every key of a goal in ``solve --json`` (exact, uncertain, p10 ..., words) is in each
    goal of ``checkin --json``, under the one name solve gives it: the chance was also
    ``chance`` and the words ``odds_in_words``, the same figures under two names."""
    goals = _checkin_goals(quarter, capsys, tmp_path)
    out = tmp_path / "plan.csv"
    assert main(["solve", str(quarter / "data"), "--out", str(out), "--json"]) == 0
    solved = json.loads(capsys.readouterr().out)["goals"]
    for goal in goals.values():
        assert set(solved[0]) <= set(goal), set(solved[0]) - set(goal)
        assert not {"chance", "odds_in_words"} & set(goal), goal
        assert (
            goal["target"] == next(g for g in solved if g["goal_id"] == goal["goal_id"])["target"]
        )
    assert any(g["uncertain"] and not g["exact"] for g in goals.values())


def test_a_goal_met_by_the_checkin_is_certain_its_outcome_the_forecast(quarter, capsys, tmp_path):
    """New logos met by week 6 (50 of 40) is reached already: 100 %. Its outcome is what
    was achieved plus what the re-plan's work for it still adds, the figure its forecast
    gives in the same entry: it read 50 alone, planned 50 beside a forecast of 70.444."""
    met = _checkin_goals(quarter, capsys, tmp_path)["new-logos"]
    assert (met["probability"], met["words"]) == (100.0, "reached already")
    assert met["planned"] == met["forecast"]["forecast"] > 50.0
    assert 50.0 <= met["p10"] <= met["p50"] <= met["p90"]
    assert met["uncertain"] == bool(met["drivers"])
