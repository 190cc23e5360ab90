"""bench/whatif_clock.py on a quarter where a step of the slider leaves no plan.

A small generated quarter in weeks (6 x 30, seed 0) has a mandatory project that a 10 %
sales cut leaves no room for: the what-if is rightly "no plan". The script stopped there
on a bare AssertionError, losing the steps after it; it now says the step has no plan and
goes on. Run in this process on seconds of solving; it times nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import planner.scenarios.relative as relative
from planner.interfaces.cli import main as planner_main

ROOT = Path(__file__).resolve().parents[1]


def test_a_step_with_no_plan_is_said_and_the_next_step_runs(tmp_path, monkeypatch, capsys):
    quarter = tmp_path / "q"
    args = ["generate", str(quarter), "--teams", "6", "--projects", "30", "--weeks"]
    assert planner_main(args) == 0
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts the project on it
    path = ROOT / "bench" / "whatif_clock.py"
    spec = importlib.util.spec_from_file_location("bench_whatif_clock", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    argv = ["whatif_clock.py", str(quarter), "--steps", "0.9,1", "--peer", "--runs", "2"]
    monkeypatch.setattr(sys, "argv", argv)
    for name in ("solve", "solve_near", "_kept_as_it_is", "plan_moves"):  # the script times
        monkeypatch.setattr(relative, name, getattr(relative, name))  # them: put them back
    capsys.readouterr()
    bench.main()
    out = capsys.readouterr().out
    assert "sales x0.9: no plan (infeasible)" in out
    assert "sales x0.9 peer (plain re-solve): no plan (infeasible)" in out
    assert "run 1 sales x1: " in out and "whole what-if: mean" in out
