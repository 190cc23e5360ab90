"""A terminal whose current folder was deleted or moved since it was opened there (the
quarter's folder removed in a file manager, a branch checked out without it): a path the
command line is given relative to it names no place, and is said so by its flag."""

from __future__ import annotations

from pathlib import Path

from robustness_cases import run_cli

SAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "sample")


def _in_a_folder_since_deleted(tmp_path: Path, monkeypatch) -> Path:
    gone = tmp_path / "q3"
    gone.mkdir()
    monkeypatch.chdir(gone)
    monkeypatch.setenv("PWD", str(gone))
    gone.rmdir()
    return gone


def test_a_relative_path_in_a_folder_since_deleted_is_refused_by_its_flag(tmp_path, monkeypatch):
    """`planner solve DATA` (its plan.csv here by default) read "error: No such file or
    directory. Fix: Check the path, that it is yours to read or write, and the disk": no
    path, no flag, and nothing said of the folder. It names the folder that is gone, the
    flag and the fix, before anything is read (exit 2)."""
    gone = _in_a_folder_since_deleted(tmp_path, monkeypatch)
    code, out, err = run_cli(["solve", SAMPLE, "--time-limit", "1"])
    assert code == 2, err
    assert f"the current folder, {gone}, is no longer there" in err
    assert "--out plan.csv names no place" in err
    assert "Fix: Go to a folder that exists (cd), or give --out as a full path" in err
    assert out == ""
    code, _, err = run_cli(["validate", "data", "--workbook", "w.xlsx"])
    assert code == 2 and "DATA_DIR data names no place" in err, err
    assert "--workbook w.xlsx names no place" in err


def test_full_paths_are_used_from_a_folder_since_deleted(tmp_path, monkeypatch):
    """Only paths that lean on the current folder are refused: full ones are read."""
    _in_a_folder_since_deleted(tmp_path, monkeypatch)
    code, out, err = run_cli(["validate", SAMPLE])
    assert code == 0, err
    assert "valid" in out


def test_a_planner_db_relative_to_a_folder_since_deleted_is_refused_by_its_name(
    tmp_path, monkeypatch
):
    """`PLANNER_DB=q3.duckdb planner scenarios list` there read "No scenario is saved yet:
    there is no scenario database at q3.duckdb" (exit 0), as if the file had never been
    made. It is refused as --db would be, naming PLANNER_DB; a --db given wins over it."""
    gone = _in_a_folder_since_deleted(tmp_path, monkeypatch)
    monkeypatch.setenv("PLANNER_DB", "q3.duckdb")
    code, out, err = run_cli(["scenarios", "list"])
    assert code == 2, out + err
    assert f"the current folder, {gone}, is no longer there" in err
    assert "PLANNER_DB q3.duckdb names no place" in err
    assert "or give PLANNER_DB as a full path" in err
    code, out, err = run_cli(["scenarios", "--db", str(tmp_path / "kept.duckdb"), "list"])
    assert code == 0 and "No scenario is saved yet" in out, err
