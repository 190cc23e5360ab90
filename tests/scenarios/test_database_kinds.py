"""Issue 12 in the scenario store: a database that is a FIFO, a folder, under a file,
behind a loop of links or on a full disk is named as such.
"""

from __future__ import annotations

import os

import pytest
from robustness_cases import run_cli

# ---------------------------------------------------------------------------
# 8. Files that are not files (storage)
# ---------------------------------------------------------------------------


def test_a_scenario_database_that_is_a_fifo_is_named_as_such(tmp_path):
    """PLANNER_DB naming a FIFO says so, instead of hanging or a DuckDB error."""
    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    fifo = tmp_path / "db"
    os.mkfifo(fifo)
    with pytest.raises(StorageUnavailableError, match="named pipe"):
        ScenarioStore.open(fifo)
    code, _, stderr = run_cli(["scenarios", "--db", str(fifo), "list"])
    assert code == 1 and "named pipe" in stderr


def test_a_scenario_database_that_is_a_folder_names_both_ways_to_choose_a_file(tmp_path):
    """``--db FOLDER`` says it is a folder and names --db beside PLANNER_DB as the fix.

    It once said only "Set PLANNER_DB to a file path" to someone who had typed --db.
    """
    code, _, stderr = run_cli(["scenarios", "--db", str(tmp_path), "list"])
    assert code == 1
    assert "is a folder, not a file" in stderr
    assert "PLANNER_DB (or a command's --db) to a file path" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_scenario_database_under_a_file_or_a_loop_of_links_says_which(tmp_path):
    """PLANNER_DB=notes.txt/q3.duckdb read "cannot be used: [Errno 17] File exists";
    a link that leads back to itself, DuckDB's "Too many levels of symbolic links"."""
    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(tmp_path / "notes.txt" / "q3.duckdb")
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in str(refused.value)
    assert "Errno" not in str(refused.value)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(StorageUnavailableError, match="a loop of links"):
        ScenarioStore.open(tmp_path / "a")


def test_a_full_disk_under_the_scenario_database_is_named(tmp_path, monkeypatch):
    """DuckDB failing with ENOSPC: 'the disk is full', not DuckDB's words."""
    import errno

    import duckdb

    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(duckdb, "connect", full)
    with pytest.raises(StorageUnavailableError, match="the disk is full"):
        ScenarioStore.open(tmp_path / "s.duckdb")
