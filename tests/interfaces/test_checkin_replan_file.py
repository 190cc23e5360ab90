"""A check-in file's ``[replan]`` unlock is checked as ``--unlock`` is, and a bad id in it is
named where it was written: the file and its key, not the command line."""

from __future__ import annotations

from pathlib import Path

import planner.interfaces.checkin_cli  # noqa: F401  (registers ``checkin`` and ``checkin-template``)
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_an_unknown_id_in_the_files_replan_unlock_is_named_by_the_file_and_key(tmp_path, capsys):
    baseline = tmp_path / "base.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    capsys.readouterr()
    assert main(["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]) == 0
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(capsys.readouterr().out + '\n[replan]\nunlock = ["NOPE"]\n')
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    assert main(args) == 2
    said = capsys.readouterr().err
    assert "checkin.toml, key replan.unlock: no project has the id 'NOPE'" in said, said
    assert "command line" not in said
    # Given on the command line, the same id is the command line's.
    assert main([*args, "--unlock", "NOPE"]) == 2
    assert "command line, --unlock: no project has the id 'NOPE'" in capsys.readouterr().err
