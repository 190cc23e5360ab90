"""The scenario database's file deleted, moved or replaced while the app holds it open.

The app opens the database once per server and keeps it for every session; the file
itself is opened for each operation. Deleted under it, the next list read no scenarios
and the next save made a new, empty file in its place, without a word: a leader's saved
quarter gone from the Scenarios page as if never saved. Replaced by another planner's
database, "#1" loaded that database's first scenario in place of the one listed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from planner.core.domain import Problem, Result
from planner.core.loading import load_with_warnings
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore, StorageUnavailableError
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample() -> tuple[Problem, Result]:
    problem = load_with_warnings(SAMPLE).problem
    return problem, solve(problem)


def _saved(path: Path, sample: tuple[Problem, Result], *names: str) -> ScenarioStore:
    store = ScenarioStore.open(path)
    for name in names:
        store.save(new_scenario(*sample, name))
    return store


def test_a_database_deleted_while_open_is_said_gone_not_started_again_empty(tmp_path, sample):
    """The list and a save say the file is gone, with the fix; nothing is made in its place.
    Opened again (the page's Try again), a new database starts there, as on first use."""
    path = tmp_path / "q3" / "planner.duckdb"
    store = _saved(path, sample, "Q3 base")
    path.unlink()
    for act in (store.list, lambda: store.save(new_scenario(*sample, "Q3 lean"))):
        with pytest.raises(StorageUnavailableError) as raised:
            act()
        said = str(raised.value)
        assert "is no longer there: it was deleted or moved while it was open" in said, said
        assert "Put the file back" in said and "starts a new, empty one there" in said, said
        assert not path.exists()
    with ScenarioStore.open(path) as again:
        assert again.list() == []


def test_a_database_whose_folder_was_deleted_is_said_gone_not_in_duckdbs_words(tmp_path, sample):
    """Its folder removed, the list read "IO Error: Cannot open file ...: No such file or
    directory" with the fix to check the file can be opened."""
    path = tmp_path / "q3" / "planner.duckdb"
    store = _saved(path, sample)
    shutil.rmtree(path.parent)
    with pytest.raises(StorageUnavailableError) as raised:
        store.list()
    assert "is no longer there" in str(raised.value) and "IO Error" not in str(raised.value)


def test_a_database_replaced_by_another_file_is_not_read_as_the_one_opened(tmp_path, sample):
    """Another planner database moved in over it listed and loaded that database's
    scenarios under the ids the page showed; now neither, until it is opened again."""
    path = tmp_path / "planner.duckdb"
    store = _saved(path, sample, "Q3 base")
    _saved(tmp_path / "other.duckdb", sample, "Other A", "Other B").close()
    os.replace(tmp_path / "other.duckdb", path)
    for act in (store.list, lambda: store.load(1)):
        with pytest.raises(StorageUnavailableError) as raised:
            act()
        said = str(raised.value)
        assert "was replaced by another file while it was open" in said, said
        assert "nothing was read from it or changed in it" in said, said
    with ScenarioStore.open(path) as again:
        assert [s.name for s in again.list()] == ["Other B", "Other A"]


def test_the_same_file_changed_by_others_is_still_the_same_database(tmp_path, sample):
    """What the check does not catch: another process saving, a connection of another
    program writing, the file growing. Only another file in its place."""
    path = tmp_path / "planner.duckdb"
    store = _saved(path, sample, "Q3 base")
    with ScenarioStore.open(path) as other:
        other.save(new_scenario(*sample, "Q3 lean"))
    connection = duckdb.connect(str(path))
    connection.execute("CHECKPOINT")
    connection.close()
    assert [s.name for s in store.list()] == ["Q3 lean", "Q3 base"]
    store.save(new_scenario(*sample, "Q3 cut"))
    assert len(store.list()) == 3


def test_a_database_deleted_as_it_is_opened_is_said_gone_and_its_connection_closed(
    tmp_path, sample, monkeypatch
):
    """Deleted between DuckDB's opening it and the check of which file it is, the page read
    a bare "FileNotFoundError" and the connection stayed open. Now said as any database
    gone, and the connection is closed."""
    import planner.scenarios.database as database

    path = tmp_path / "planner.duckdb"
    _saved(path, sample, "Q3 base").close()
    opened = []
    real_connect = duckdb.connect

    def connect(*args, **kwargs):
        opened.append(real_connect(*args, **kwargs))
        return opened[-1]

    def gone(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", str(path))

    store = ScenarioStore.open(path)
    monkeypatch.setattr(database.duckdb, "connect", connect)
    monkeypatch.setattr(database.os, "stat", gone)
    store._identity = None  # as at the first open: only the check after DuckDB's
    with pytest.raises(StorageUnavailableError) as raised:
        store.list()
    assert "is no longer there" in str(raised.value), raised.value
    with pytest.raises(duckdb.ConnectionException):
        opened[-1].execute("SELECT 1")


def test_a_sqlite_file_copied_over_the_open_database_is_not_said_a_permission_problem(
    tmp_path, sample
):
    """Another program's SQLite file copied over the database in place (the same file, so
    not 'replaced'): DuckDB took it for an extension's file and refused to load one, which
    read 'cannot be opened: permission denied' with a fix to check its permissions. It is
    said as ScenarioStore.open says it of the same file: not a DuckDB database."""
    import sqlite3

    path = tmp_path / "planner.duckdb"
    store = _saved(path, sample, "Q3 base")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    with path.open("r+b") as handle:
        handle.write(other.read_bytes())
        handle.truncate()
    for act in (store.list, lambda: store.save(new_scenario(*sample, "Q3 lean"))):
        with pytest.raises(StorageUnavailableError) as raised:
            act()
        said = str(raised.value)
        assert "is damaged or is not a DuckDB database" in said, said
        assert "permission" not in said.lower(), said
    assert path.read_bytes() == other.read_bytes()
