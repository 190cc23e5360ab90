"""The docs' shell lines run as a reader runs them, and what they leave in the folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"

needs_the_venv = pytest.mark.skipif(
    not (VENV / "bin" / "planner").exists() or shutil.which("bash") is None,
    reason="the docs' commands run .venv/bin/planner (made by make run or make test)",
)
#: A git checkout (``.git`` is a file in a worktree), whose .gitignore git can read.
IN_GIT = shutil.which("git") is not None and (ROOT / ".git").exists()
needs_git = pytest.mark.skipif(not IN_GIT, reason="a git checkout")

#: What run_lines puts in the folder itself: the project's venv and data, and the database.
SCAFFOLD = frozenset({".venv", "data", "planner.duckdb", "planner.duckdb.wal"})


def run_lines(lines: list[str], folder: Path) -> list[subprocess.CompletedProcess[str]]:
    """Each line by ``bash`` in ``folder``, which holds the project's ``.venv`` and ``data``
    (so that ``.venv/bin/planner ... data/sample`` reads as from the project folder) and
    nothing else; each must exit 0 without a traceback."""
    (folder / ".venv").symlink_to(VENV)
    (folder / "data").symlink_to(ROOT / "data")
    env = {**os.environ, "PLANNER_DB": str(folder / "planner.duckdb")}
    env.pop("PLANNER_DATA", None)
    done = []
    for line in lines:
        run = subprocess.run(
            ["bash", "-c", line], cwd=folder, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, (line, run.stdout[-2000:], run.stderr[-2000:])
        assert "Traceback" not in run.stderr, (line, run.stderr[-2000:])
        done.append(run)
    return done


def outputs(folder: Path) -> list[str]:
    """What the commands wrote in ``folder``, as git names it (a folder with its ``/``)."""
    return sorted(p.name + "/" * p.is_dir() for p in folder.iterdir() if p.name not in SCAFFOLD)


def not_ignored(names: list[str]) -> list[str]:
    """The names that the repository's .gitignore would not keep out of git at its top."""
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(names),
        capture_output=True,
        text=True,
    ).stdout.split()
    return [name for name in names if name not in ignored]
