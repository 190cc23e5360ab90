"""An output named inside a file (``notes.txt/plan.csv``): one line naming the file in the
way, with a fix that can be done.

`solve --out notes.txt/plan.csv` read "/abs/path/notes.txt is not a folder. Fix: Give a file
path" (it was one); `notes.txt/sub/plan.csv` "its folder ... does not exist. Fix: Create the
folder first" (inside a file, it cannot be); `generate notes.txt/q` and `scenarios export
NAME notes.txt/q` "cannot be written (Not a directory) ... Fix: Give a path you may write to".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["solve", str(SAMPLE), "--time-limit", "1", "--out"], "notes.txt/plan.csv"),
        (["solve", str(SAMPLE), "--time-limit", "1", "--out"], "notes.txt/sub/plan.xlsx"),
        (["generate", "--teams", "3", "--projects", "6"], "notes.txt/q"),
        (["generate", "--teams", "3", "--projects", "6"], "notes.txt/sub/q.xlsx"),
        (["scenarios", "export", "Q3"], "notes.txt/q"),
        (["scenarios", "export", "Q3"], "notes.txt/sub/q.zip"),
    ],
)
def test_an_output_inside_a_file_names_the_file_in_the_way(
    args, out, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "db.duckdb"))
    if args[0] == "scenarios":
        assert main(["scenarios", "save", str(SAMPLE), "--name", "Q3", "--time-limit", "1"]) == 0
    Path("notes.txt").write_text("mine\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    assert main([*args, out]) == 2
    said = capsys.readouterr().err
    assert (
        "notes.txt is a file, not a folder, so nothing can be written inside it; nothing was "
        "written." in said
    ), said
    assert f"Fix: Write it into a folder instead, e.g. {out.rsplit('/', 1)[1]}." in said, said
    assert str(tmp_path) not in said  # the path as given, not resolved
    assert "Create the folder first" not in said and "Not a directory" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert Path("notes.txt").read_text() == "mine\n"
