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
    assert code == 2 and "as typed, not its value" in said, said
    assert f"Write the path out in full, e.g. {tmp_path / 'home'}/" in said, said
    assert "Create the folder first" not in said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("command", "typed"),
    [
        (["validate", "~/q3"], "~/q3"),
        (["validate", "$HOME/q3"], "$HOME/q3"),
        (["solve", str(DATA), "--out", "~/plan.csv"], "~/plan.csv"),
        (["solve", str(DATA), "--baseline", "~/plan.csv"], "~/plan.csv"),
        (["solve", str(DATA), "--settings", "$HOME/s.toml"], "$HOME/s.toml"),
        (["generate", "~/q3", "--teams", "3", "--projects", "5"], "~/q3"),
    ],
)
def test_a_path_the_shell_did_not_expand_is_told_so_with_the_path_to_try(
    tmp_path, monkeypatch, command, typed
):
    """A data folder, an input file or an output typed as `'~/q3'` or `'$HOME/q3'` (in
    quotes, or from a scheduler that expands nothing) read "there is no such folder" or
    "its folder .../~ does not exist": the ~ or the variable is said to be left as typed,
    with the path written out in full to try; nothing is written."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(command)
    said = err.getvalue()
    assert code == 2, said
    assert "the shell" in said or "as typed, not its value" in said, said
    written_out = typed.replace("~", str(home), 1).replace("$HOME", str(home), 1)
    assert f"Write the path out in full, e.g. {written_out}." in said, said
    assert "Create the folder first" not in said
    assert list(tmp_path.iterdir()) == []
