"""A database file beside another copy's changes file (.wal) is said as such, with the fix.

DuckDB keeps a database's last changes in ``NAME.duckdb.wal`` until it folds them
in. A backup copied over a database that had unfolded changes (a process
killed, a laptop shut), or a database copied in beside an old ``.wal``, read
"cannot be used: IO Error: Failure while replaying WAL file ...: WAL does not
match database file." with the fix to check the file can be opened, which it
can: the ``.wal`` is the one to move aside.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from planner.scenarios.storage import ScenarioStore, StorageUnavailableError

#: A process that changes a database and ends without folding the change in: a .wal stays.
_LEAVE_A_WAL = (
    "import os, sys, duckdb; c = duckdb.connect(sys.argv[1]); "
    "c.execute('PRAGMA disable_checkpoint_on_shutdown'); "
    "c.execute(\"SET checkpoint_threshold = '1TB'\"); "
    "c.execute('INSERT INTO notes VALUES (2)'); os._exit(0)"
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _another_copys_wal(folder: Path) -> Path:
    """A changes file left by another database (``other.duckdb.wal``)."""
    other = folder / "other.duckdb"
    connection = duckdb.connect(str(other))
    connection.execute("CREATE TABLE notes (n INTEGER)")
    connection.close()
    subprocess.run([sys.executable, "-c", _LEAVE_A_WAL, str(other)], check=True)
    wal = Path(f"{other}.wal")
    assert wal.exists()
    return wal


def test_a_changes_file_of_another_copy_is_named_with_the_fix_and_nothing_is_touched(
    tmp_path,
):
    """The message names the .wal and says to move it aside; neither file is changed."""
    path = tmp_path / "planner.duckdb"
    ScenarioStore.open(path).close()
    wal = Path(f"{path}.wal")
    shutil.copy(_another_copys_wal(tmp_path), wal)
    before = (_sha256(path), _sha256(wal))
    with pytest.raises(StorageUnavailableError) as raised, ScenarioStore.open(path) as store:
        store.list()
    message = str(raised.value)
    assert f"{wal.name}" in message and "another copy of the database" in message
    assert "Move" in message.split("Fix:")[-1] and wal.name in message.split("Fix:")[-1]
    assert "IO Error" not in message
    assert (_sha256(path), _sha256(wal)) == before
    wal.rename(tmp_path / "aside.wal")  # the fix, done: the database opens again
    with ScenarioStore.open(path) as store:
        assert store.list() == []
