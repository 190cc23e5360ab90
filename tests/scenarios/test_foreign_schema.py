"""PLANNER_DB at a DuckDB file that has a ``planner_schema`` table, or tables named as Goal
Planner's, written by another program (or damaged): refused in words, left byte for byte.

A file with tables and no ``planner_schema`` was already refused as another program's
(``test_storage.py``); one with the schema table of another shape, or our table names
with other columns, was read as ours.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from planner.scenarios.schema import SCHEMA_VERSION
from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

ROOT = Path(__file__).resolve().parents[2]

FOREIGN = {
    "the schema table without a version": [
        "CREATE TABLE planner_schema (name VARCHAR)",
        "INSERT INTO planner_schema VALUES ('x')",
    ],
    "a version in words": [
        "CREATE TABLE planner_schema (version VARCHAR)",
        "INSERT INTO planner_schema VALUES ('abc')",
    ],
    "a negative version": [
        "CREATE TABLE planner_schema (version INTEGER)",
        "INSERT INTO planner_schema VALUES (-3)",
    ],
    "a version that is not a number": [
        "CREATE TABLE planner_schema (version DOUBLE)",
        "INSERT INTO planner_schema VALUES ('nan')",
    ],
    "no version and other tables": [
        "CREATE TABLE planner_schema (version INTEGER)",
        "INSERT INTO planner_schema VALUES (NULL)",
        "CREATE TABLE scenarios (id INTEGER)",
    ],
    "the schema as a view": [f"CREATE VIEW planner_schema AS SELECT {SCHEMA_VERSION} AS version"],
    "our version and none of our tables": [
        "CREATE TABLE planner_schema (version INTEGER)",
        "INSERT INTO planner_schema VALUES (5)",
    ],
    "our table names with other columns": [
        "CREATE TABLE planner_schema (version INTEGER)",
        f"INSERT INTO planner_schema VALUES ({SCHEMA_VERSION})",
        "CREATE TABLE scenarios (id INTEGER, title VARCHAR)",
        "INSERT INTO scenarios VALUES (1, 'hello')",
    ],
}


def _made(path: Path, statements: list[str]) -> str:
    connection = duckdb.connect(str(path))
    for statement in statements:
        connection.execute(statement)
    connection.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", list(FOREIGN))
def test_a_database_with_our_names_in_another_shape_is_refused_and_left_untouched(tmp_path, case):
    """Each read in DuckDB's words ("Binder Error: Referenced column "version" not found",
    "Catalog Error: Table with name "planner_schema" already exists!") with the fix to
    check the file can be opened, or ended in Python's: "invalid literal for int()" (exit 2,
    and every page of the app failed), "internal error (KeyError: -2)". It is said as
    another program's file or a damaged one, with what is not Goal Planner's in it."""
    path = tmp_path / "theirs.duckdb"
    before = _made(path, FOREIGN[case])
    with pytest.raises(StorageUnavailableError) as raised:
        ScenarioStore.open(path)
    said = str(raised.value)
    assert "is not a Goal Planner database" in said, said
    assert "left as it is" in said and "Fix: Set PLANNER_DB" in said, said
    assert "Error:" not in said, said  # none of DuckDB's words
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_command_line_says_it_in_one_line_exit_1(tmp_path):
    path = tmp_path / "theirs.duckdb"
    before = _made(path, FOREIGN["a version in words"])
    for command in (["list"], ["save", str(ROOT / "data" / "sample"), "--name", "Q3"]):
        run = subprocess.run(
            [sys.executable, "-m", "planner", "scenarios", *command, "--db", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert run.returncode == 1, run.stderr
        (line,) = run.stderr.strip().splitlines()
        assert "is not a Goal Planner database" in line, line
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_our_own_files_of_every_version_still_open(tmp_path):
    """The shape check reads a file at each version as that version wrote it: a current file
    set back to each earlier version (its tables then have more columns than needed) opens
    and is brought up to date."""
    for version in range(1, SCHEMA_VERSION + 1):
        path = tmp_path / f"v{version}.duckdb"
        with ScenarioStore.open(path) as store, store._cursor() as cur:
            cur.execute("UPDATE planner_schema SET version = ?", [version])
        with ScenarioStore.open(path) as store:
            assert store.schema_version() == SCHEMA_VERSION
            assert store.list() == []
