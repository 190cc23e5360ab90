"""Writing without --force never replaces a file, even one written while this run worked.

Two `planner generate q3 ...` runs started at once (another leader's, or a script run
twice) both found the folder empty, both generated, and both wrote it: exit 0 twice,
"wrote 40 teams, 2,000 projects" said to the first while the folder held the second's
60 teams. The check came seconds before the write; the write itself now refuses a file
in its place (a hard link is made only where no file is).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import planner.core.generate as generate
from planner.core.errors import InvalidInputError
from planner.core.output import write_atomic, write_files_atomic


def test_a_folder_written_meanwhile_is_kept_and_this_write_taken_back(tmp_path):
    folder = tmp_path / "q3"
    folder.mkdir()
    (folder / "b.csv").write_text("theirs\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        write_files_atomic(
            folder, {"a.csv": b"mine\n", "b.csv": b"mine\n"}, "OUT_DIR", replace=False
        )
    (issue,) = info.value.errors
    assert "b.csv" in issue.message and "--force" in issue.fix
    assert sorted(p.name for p in folder.iterdir()) == ["b.csv"]  # a.csv taken back
    assert (folder / "b.csv").read_text(encoding="utf-8") == "theirs\n"


def test_a_file_written_meanwhile_is_kept(tmp_path):
    out = tmp_path / "q3.zip"
    out.write_bytes(b"theirs")
    with pytest.raises(InvalidInputError):
        write_atomic(out, b"mine", "OUT_DIR", replace=False)
    assert out.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["q3.zip"]  # no temporary left
    write_atomic(out, b"mine", "OUT_DIR")  # replacing is still the default
    assert out.read_bytes() == b"mine"


def test_generate_refuses_a_folder_another_run_filled_while_it_generated(tmp_path, monkeypatch):
    """The other run's teams.csv lands between the check and the write."""
    folder = tmp_path / "q3"
    real = generate.generate_instance

    def meanwhile(*args, **kwargs):
        folder.mkdir(exist_ok=True)
        (folder / "teams.csv").write_text("theirs\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(generate, "generate_instance", meanwhile)
    with pytest.raises(InvalidInputError) as info:
        generate.generate_folder(folder, 4, 10)
    assert "another command" in info.value.errors[0].message
    assert sorted(p.name for p in folder.iterdir()) == ["teams.csv"]
    assert (folder / "teams.csv").read_text(encoding="utf-8") == "theirs\n"
    generate.generate_folder(folder, 4, 10, force=True)  # --force still overwrites
    assert (folder / "projects.csv").exists() and Path(folder / "teams.csv").stat().st_size > 7


def test_compare_without_force_keeps_a_workbook_written_while_it_compared(tmp_path, monkeypatch):
    """`scenarios compare A B --out cmp.xlsx` checked for cmp.xlsx before comparing and
    wrote over one that appeared meanwhile."""
    import planner.interfaces.scenario_exports as exports
    from planner.interfaces.cli import main

    data = tmp_path / "quarter"
    data.mkdir()
    teams = "team_id,department,capacity_hours\nm1,marketing,100\ns1,sales,100\n"
    projects = "project_id,stage,effort_hours,value\nP1,awareness,10,5\nP2,closing,10,5\n"
    (data / "teams.csv").write_text(teams, encoding="utf-8")
    (data / "projects.csv").write_text(projects, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    for name, limit in (("A", "10"), ("B", "11")):  # other inputs: the same are saved once
        save = ["scenarios", "--db", db, "save", str(data), "--name", name, "--time-limit", limit]
        assert main(save) == 0
    out = tmp_path / "cmp.xlsx"
    real = exports.comparison_workbook

    def meanwhile(*args, **kwargs):
        out.write_bytes(b"theirs")
        return real(*args, **kwargs)

    monkeypatch.setattr(exports, "comparison_workbook", meanwhile)
    assert main(["scenarios", "--db", db, "compare", "A", "B", "--out", str(out)]) == 2
    assert out.read_bytes() == b"theirs"
