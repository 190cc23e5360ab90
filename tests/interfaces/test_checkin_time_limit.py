"""`planner checkin --time-limit`, as every other command that plans takes it.

A script re-planning at a check-in within a budget typed `planner checkin ... --time-limit
3` as it types `solve`, `explain` and `scenarios save`, and read "unrecognized arguments:
--time-limit 3 (did you mean --stability?)": a flag that keeps the plan, not one that
bounds the search. The check-in's re-plan now takes the limit as `solve` does (over the
settings' time_limit_s), within the same range.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import planner.scenarios.replan as replan_module
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _args(tmp_path: Path, capsys) -> list[str]:
    plan, week6 = tmp_path / "plan.csv", tmp_path / "week6.toml"
    assert main(["solve", str(SAMPLE), "--out", str(plan), "--time-limit", "3"]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(plan), "--weeks", "6"]) == 0
    week6.write_text(capsys.readouterr().out, encoding="utf-8")
    return ["checkin", str(SAMPLE), "--baseline", str(plan), "--checkin", str(week6)]


def test_the_re_plan_searches_within_the_time_limit_given(tmp_path, capsys, monkeypatch):
    limits: list[float] = []
    real = replan_module.replan

    def watched(problem, *args, **kwargs):
        limits.append(problem.settings.solve.time_limit_s)
        return real(problem, *args, **kwargs)

    monkeypatch.setattr(replan_module, "replan", watched)
    args = _args(tmp_path, capsys)
    assert main([*args, "--out", str(tmp_path / "re.csv"), "--time-limit", "2.5"]) == 0
    assert limits == [2.5]
    assert (tmp_path / "re.csv").is_file()


def test_a_time_limit_out_of_range_is_refused_as_solve_refuses_it(tmp_path, capsys):
    args = _args(tmp_path, capsys)
    with pytest.raises(SystemExit) as ended:
        main([*args, "--out", str(tmp_path / "re.csv"), "--time-limit", "0"])
    assert ended.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error == (
        "planner checkin: error: argument --time-limit: '0' is out of range; use a number "
        "from 0.01 to 3600 s"
    ), error
    assert not (tmp_path / "re.csv").exists()
