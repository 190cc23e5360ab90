"""`--json` answers one object even when the command fails in a way nobody foresaw.

An operating-system error no command names (exit 2) and an internal error (exit 1)
printed their line on standard error and nothing on standard output: a script running
`planner solve ... --json` had no JSON to read, and no fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.interfaces.cli import build_parser, main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.parametrize(
    ("fault", "code", "status"),
    [
        (OSError(5, "Input/output error", "/mnt/q3/teams.csv"), 2, "invalid"),
        (RuntimeError("something nobody foresaw"), 1, "internal error"),
    ],
)
def test_a_fault_nobody_foresaw_still_answers_one_json_object_with_a_fix(
    fault, code, status, monkeypatch, capsys, tmp_path
):
    """The fault's words in the message, what to do in the fix, the exit status kept."""

    def failing(*_args, **_kwargs):
        raise fault

    build_parser()  # every command's module imported first: none keeps the stand-in
    monkeypatch.setattr("planner.interfaces.solve_cli.load", failing)
    out = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(out), "--json"]) == code
    captured = capsys.readouterr()
    answer = json.loads(captured.out)
    (problem,) = answer["problems"]
    assert answer["status"] == status and problem["fix"] and problem["message"]
    assert "Traceback" not in captured.err and not out.exists()
