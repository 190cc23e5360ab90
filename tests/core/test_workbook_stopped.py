"""A workbook stopped as it is written (a Ctrl-C, a SIGTERM: `kill` during `planner
scenarios export` or `solve --out plan.xlsx`) leaves no sheet writer open and no
temporary file: the command's one line about being stopped is all a leader reads."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: A program that writes a two-sheet workbook and is stopped at its 400th cell written
#: as an object (a text cell kept from running as a formula), partway down sheet one:
#: it says so and ends, as the command line does.
_STOPPED = textwrap.dedent(
    """
    import os, sys
    import openpyxl.cell
    import pandas as pd
    from openpyxl.worksheet import _writer
    from planner.core.workbook_writing import workbook_bytes

    real, made = openpyxl.cell.WriteOnlyCell, []

    def cell(*args, **kwargs):
        made.append(1)
        if len(made) == 400:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    openpyxl.cell.WriteOnlyCell = cell
    frame = pd.DataFrame({"id": [f"=x{i}" for i in range(2000)], "hours": range(2000)})
    try:
        workbook_bytes([("one", frame), ("two", frame)])
    except KeyboardInterrupt:
        left = [path for path in _writer.ALL_TEMP_FILES if os.path.exists(path)]
        print(f"stopped; temporary files left: {len(left)}", file=sys.stderr)
    sys.exit(143)
    """
)


def test_a_workbook_stopped_as_it_is_written_leaves_no_traceback_and_no_temporary_file():
    """Stopped partway down a sheet, the sheet's writer was left open; collected as the
    program ended, it wrote its last tag to a file already closed: "Exception ignored in:
    <generator object WriteOnlyWorksheet._write_rows ...>" and a traceback (ValueError: I/O
    operation on closed file) under the command's "stopped: ..." line."""
    done = subprocess.run(
        [sys.executable, "-c", _STOPPED],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (143, "stopped; temporary files left: 0\n")
