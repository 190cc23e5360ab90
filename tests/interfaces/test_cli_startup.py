"""The command line reads its heavy libraries only when a command needs them.

``planner --help``, ``planner solve --help`` and a refused flag took about a second of
CPU (2 s on a loaded machine), nearly all of it importing pandas, OR-Tools and DuckDB
for commands that were not run. They answer from the parser alone now.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Run the command line in a fresh interpreter; print which heavy libraries it read.
_RUN = """
import sys
from planner.interfaces.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ("pandas", "numpy", "ortools", "duckdb", "pyarrow", "altair", "openpyxl")
print("READ", code, *sorted(name for name in heavy if name in sys.modules), file=sys.stderr)
"""


def _libraries_read(*args: str) -> tuple[int, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    words = done.stderr.strip().splitlines()[-1].split()
    assert words[0] == "READ", done.stderr
    return int(words[1]), words[2:]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["solve", "--help"], 0),
        (["scenarios", "sweep", "--help"], 0),
        (["checkin", "--help"], 0),
        (["solve", "data/sample", "--time-limit", "abc"], 2),
        (["solve", "data/sample", "--out", "-nan"], 2),
    ],
)
def test_help_and_a_refused_command_line_read_no_heavy_library(args, code):
    """Help and a mistake in the arguments answer without pandas, OR-Tools or DuckDB."""
    assert _libraries_read(*args) == (code, [])


def test_a_command_that_runs_still_reads_what_it_needs():
    """The check above can fail: validating a data folder reads it with pandas."""
    code, read = _libraries_read("validate", str(ROOT / "data" / "sample"))
    assert code == 0 and "pandas" in read
