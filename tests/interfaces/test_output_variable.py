"""An output path holding a variable nothing replaced (`--out '$HOME/plan.csv'`, as a script
or a scheduler's line in single quotes keeps it) was told "its folder .../$HOME does not
exist. Fix: Create the folder first": a folder named '$HOME'. It is told the variable and
the path written out in full; nothing is written."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from planner.interfaces.cli import main

DATA = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.mark.parametrize(
    "command",
    [
        ["solve", str(DATA), "--out", "$HOME/plan.csv"],
        ["generate", "${HOME}/q3", "--teams", "3", "--projects", "5"],
    ],
)
def test_an_output_under_a_variable_nothing_replaced_is_told_the_path_in_full(
    tmp_path, monkeypatch, command
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(command)
    said = err.getvalue()
    assert code == 2 and "a variable nothing replaced" in said, said
    assert f"Write the path out in full, e.g. {tmp_path / 'home'}/" in said, said
    assert "Create the folder first" not in said
    assert list(tmp_path.iterdir()) == []
