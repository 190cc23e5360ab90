"""Issue 12 in the scenario store: a database that is a FIFO, a folder, under a file,
behind a loop of links or on a full disk is named as such.
"""

from __future__ import annotations

import os
from pathlib import Path

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


SAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "sample")


def _scenario_database(path) -> None:
    """A Goal Planner database at ``path``, with nothing saved in it."""
    from planner.scenarios.storage import ScenarioStore

    with ScenarioStore(path) as store:
        store.list()


def test_an_encrypted_database_is_named_as_one_and_left_as_it_is(tmp_path):
    """A DuckDB file locked with a key (DuckDB's encryption, by another program or by hand)
    read "cannot be used: Catalog Error: Cannot open encrypted database ... without a key"
    and "Check the file and its folder can be opened", which it could. It is named as an
    encrypted database Goal Planner does not open, with a file to use instead."""
    import duckdb

    db = tmp_path / "locked.duckdb"
    maker = duckdb.connect()
    maker.execute("SET force_mbedtls_unsafe = 'true'")  # no httpfs here to encrypt with
    maker.execute(f"ATTACH '{db}' AS locked (ENCRYPTION_KEY 'k')")
    maker.execute("CREATE TABLE locked.t (x INTEGER)")
    maker.close()
    before = db.read_bytes()
    for command in (["list"], ["show", "1"], ["save", SAMPLE, "--name", "q3", "--time-limit", "1"]):
        code, _, stderr = run_cli(["scenarios", "--db", str(db), *command])
        assert code == 1, stderr
        assert f"{db} is an encrypted DuckDB database (locked with a key," in stderr
        assert "Catalog Error" not in stderr and "can be opened" not in stderr
        assert "Fix: Set PLANNER_DB (or a command's --db) to another file" in stderr
    assert db.read_bytes() == before


def test_a_folder_where_the_databases_changes_file_goes_is_named(tmp_path):
    """A folder named like the database's changes file (q3.duckdb.wal, made by hand or by a
    sync tool) read "cannot be used: IO Error: Failure while replaying WAL file ...: Is a
    directory" and "Check the file and its folder can be opened". It names the folder, what
    DuckDB keeps there and the fix; the database and the folder are left as they are."""
    db = tmp_path / "q3.duckdb"
    _scenario_database(db)
    before = db.read_bytes()
    (tmp_path / "q3.duckdb.wal").mkdir()
    for command in (["list"], ["save", SAMPLE, "--name", "q3", "--time-limit", "1"]):
        code, _, stderr = run_cli(["scenarios", "--db", str(db), *command])
        assert code == 1, stderr
        assert "beside it is a folder named q3.duckdb.wal" in stderr
        assert "IO Error" not in stderr and "can be opened" not in stderr
        assert "Fix: Move the folder q3.duckdb.wal out of" in stderr
    assert db.read_bytes() == before and (tmp_path / "q3.duckdb.wal").is_dir()


@pytest.mark.skipif(not Path("/proc/self/environ").is_file(), reason="needs Linux's /proc")
def test_a_system_file_that_says_it_has_no_bytes_is_not_called_empty():
    """PLANNER_DB=/proc/self/environ (a file that says 0 bytes and reads as many): "an
    empty file (0 bytes) ... Fix: Delete the empty file". It is named as no database."""
    from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

    with pytest.raises(StorageUnavailableError) as refused:
        ScenarioStore.open(Path("/proc/self/environ"))
    said = str(refused.value)
    assert "empty" not in said and "not a DuckDB database" in said, said
