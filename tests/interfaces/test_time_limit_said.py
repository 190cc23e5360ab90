"""The time limit a plan was made in, said by ``planner solve`` as the app's status line says
it: a plan the clock stopped depends on its limit, and an app solve at 10 s and a CLI solve
at 20 s of one 40 x 400 quarter read 91.0 % and 95.0 % with nothing saying why."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from builders import cli_printed

from planner.core.generate import generate_problem
from planner.core.writing import write_folder


@pytest.fixture(scope="module")
def quarter(tmp_path_factory) -> Path:
    """A generated 20 x 200 quarter whose settings give a solve 1 s: CP-SAT is still
    improving its plan when the clock stops it (as ``tests/app/test_app.py``'s long solve)."""
    problem = generate_problem(20, 200, seed=11)
    solve_settings = replace(problem.settings.solve, time_limit_s=1.0)
    problem = problem.replace(settings=problem.settings.with_changes(solve=solve_settings))
    folder = tmp_path_factory.mktemp("quarter") / "data"
    write_folder(problem, folder)
    return folder


def test_solve_says_the_settings_time_limit_beside_a_plan_the_clock_stopped(quarter, tmp_path):
    """The status line of a plan short of proven best names the limit it had (the settings'
    1 s here), as the app's Plan status does: an analyst sees a 20 s run beside a leader's
    10 s one for what it is."""
    printed = cli_printed(["solve", str(quarter), "--out", str(tmp_path / "plan.csv")])
    status = printed.splitlines()[0]
    assert status.startswith("status: The best plan found in "), status
    assert " s (time limit 1 s); within " in status, status


def test_solve_json_gives_the_time_limit_it_was_given(quarter, tmp_path):
    """--json carries ``time_limit_s``: the --time-limit given, else the settings'."""
    out = str(tmp_path / "plan.csv")
    said = json.loads(
        cli_printed(["solve", str(quarter), "--out", out, "--json", "--time-limit", "2"])
    )
    assert said["time_limit_s"] == 2.0
    assert said["seconds"] <= 2.0 + 1.0
