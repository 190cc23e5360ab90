"""The scenario database where the user running Goal Planner may not go: a folder on the way
that may not be opened, a folder that may not be written to, a home that is not theirs.

The command line runs in a process without the privilege to pass permissions (as root, its
capabilities dropped with ``setpriv``; as anyone else, as it is), so the folders' own
permissions decide, as for a server run by a service account.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def planner(prefix: list[str], env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture
def closed(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody but root may open."""
    folder = tmp_path / "closed"
    folder.mkdir()
    folder.chmod(0)
    yield folder
    folder.chmod(0o700)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder that may be read and not written to."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o700)


def said_once(run: subprocess.CompletedProcess) -> str:
    """The one line a command said, after checking it ended as the database cannot be used."""
    assert run.returncode == 1, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    (line,) = run.stderr.strip().splitlines()
    return line


def test_a_database_in_a_folder_that_may_not_be_opened_names_the_folder(unprivileged, closed):
    """PLANNER_DB in a folder the user may not open (a server run as another user with HOME
    left as it was) read "error: .../planner.duckdb: Permission denied. Fix: Check the path"
    (exit 2, as for bad input) on list and save: Python's stat failed before the store was
    opened. It is said as the database that cannot be reached, naming the folder."""
    env = {"PLANNER_DB": str(closed / "planner.duckdb")}
    for command in (["scenarios", "list"], ["scenarios", "save", str(SAMPLE), "--name", "Q3"]):
        line = said_once(planner(unprivileged, env, *command))
        assert f"cannot be reached: the folder {closed} may not be opened" in line, line
        assert "Fix: Set PLANNER_DB (or a command's --db) to a file in a folder" in line, line


def test_a_database_not_made_yet_in_a_folder_that_may_not_be_written_names_the_folder(
    unprivileged, read_only, tmp_path
):
    """A new PLANNER_DB in a read-only folder, and the default database under a home the
    user may not write to: 'cannot be opened: permission denied' of a file not there, with
    the fix to check 'the file's' permissions. It names the folder that may not be written."""
    home = read_only
    cases = [
        ({"PLANNER_DB": str(read_only / "new.duckdb")}, read_only),
        ({"PLANNER_DB": "", "HOME": str(home), "XDG_DATA_HOME": ""}, home),
    ]
    for env, folder in cases:
        run = planner(unprivileged, env, "scenarios", "save", str(SAMPLE), "--name", "Q3")
        line = said_once(run)
        assert f"cannot be made: the folder {folder} may not be written to." in line, line
        assert "Fix: Set PLANNER_DB (or a command's --db) to a file in a folder you may" in line
    assert list(read_only.iterdir()) == []


def test_a_sweep_of_a_folder_does_not_need_the_database(unprivileged, closed):
    """``scenarios sweep DATA_DIR`` looks for a saved scenario of that name first: with the
    database in a folder that may not be opened, it ended in 'Permission denied' where a
    sweep of a folder needs no database."""
    env = {"PLANNER_DB": str(closed / "planner.duckdb")}
    run = planner(
        unprivileged, env, "scenarios", "sweep", str(SAMPLE), "--target", "sales",
        "--steps", "2", "--time-limit", "2",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "130 %" in run.stdout, run.stdout
