"""Ctrl-C on the command line: SPEC's exit 130 is the second one; the first keeps the best
plan so far. Never a traceback, whenever the key is pressed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)
from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "sample-without-weeks"

#: Run ``python -m planner`` with a Ctrl-C arriving while pandas is being read, as on a
#: loaded machine where starting takes seconds and the user presses it at once.
_CTRL_C_WHILE_STARTING = """
import builtins, runpy, sys
real_import = builtins.__import__
def ctrl_c_at_pandas(name, *args, **kwargs):
    if name == "pandas":
        raise KeyboardInterrupt
    return real_import(name, *args, **kwargs)
builtins.__import__ = ctrl_c_at_pandas
sys.argv = ["planner", "validate", sys.argv[1]]
runpy.run_module("planner", run_name="__main__")
"""


def test_a_ctrl_c_while_the_planner_starts_ends_in_words_not_a_traceback():
    """Starting takes a second or more (pandas, OR-Tools); a Ctrl-C then printed a page of
    traceback from inside pandas, where SPEC promises a short line and exit 130."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_STARTING, str(DATA)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == "interrupted; nothing was written."


def _ctrl_c_during(monkeypatch: pytest.MonkeyPatch) -> None:
    """The solve receives a real SIGINT halfway, as a leader's Ctrl-C during the search."""
    from planner.solving import solver

    real_solve = solver.solve

    def pressed(problem, **kwargs):
        signal.raise_signal(signal.SIGINT)
        return real_solve(problem, **kwargs)

    monkeypatch.setattr(solver, "solve", pressed)


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_first_ctrl_c_during_scenarios_save_saves_the_best_plan_so_far_and_says_so(
    json_flag, tmp_path, monkeypatch
):
    """One Ctrl-C during ``scenarios save`` ended it (exit 130) with nothing saved, where
    ``solve`` keeps the best plan so far: SPEC's exit 130 is for a second Ctrl-C."""
    _ctrl_c_during(monkeypatch)
    db = tmp_path / "s.duckdb"
    out, err = io.StringIO(), io.StringIO()
    args = ["scenarios", "--db", str(db), "save", str(DATA), "--name", "q3", "--time-limit", "2"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, *json_flag])
    assert code == 0, err.getvalue()
    assert "Ctrl-C again to quit" in err.getvalue()
    if json_flag:
        assert json.loads(out.getvalue())["stopped_by_user"] is True
    else:
        assert "stopped by the user: best plan so far" in out.getvalue()
    with ScenarioStore(db) as store:
        (saved,) = store.list()
    assert saved.name == "q3" and saved.metrics.status.has_plan


def test_a_first_ctrl_c_during_a_sweep_keeps_the_points_solved_so_far(tmp_path, monkeypatch):
    """One Ctrl-C during ``scenarios sweep`` ended it (exit 130) and the points already
    solved were lost; now the running solves keep their best plans, no other point starts
    (it shows the plan of a smaller capacity, which holds with more), and the table shows
    every point."""
    from planner.scenarios import whatif

    real_solve = whatif.solve
    pressed: list[bool] = []

    def solve_then_ctrl_c(problem, *, cancel=None, **kwargs):
        if not pressed:
            pressed.append(True)
            signal.raise_signal(signal.SIGINT)
            assert cancel is not None and cancel.wait(10)  # the handler runs in the main thread
        return real_solve(problem, cancel=cancel, **kwargs)

    monkeypatch.setattr(whatif, "solve", solve_then_ctrl_c)
    out, err = io.StringIO(), io.StringIO()
    args = ["scenarios", "--db", str(tmp_path / "s.duckdb"), "sweep", str(DATA)]
    args += ["--target", "sales", "--steps", "5", "--time-limit", "2", "--free"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code == 0, err.getvalue()
    assert "Ctrl-C again to quit" in err.getvalue()
    assert "stopped by the user: the plans found so far are shown" in err.getvalue()
    assert len(out.getvalue().splitlines()) == 1 + 5  # the header and every point
