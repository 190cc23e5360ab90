"""Outputs under a file size limit (``ulimit -f``), and the temporary folder a workbook is
put together in.

Under ``ulimit -f 4`` (4,096 bytes), `planner solve --out plan.xlsx`, `generate g.xlsx`,
`scenarios export` and `compare --out` read "standard output cannot be written: the file is
too large for its disk ... (files it wrote, such as --out, are whole)" above "Exception
ignored in: <generator object WorksheetWriter.get_stream ...> Traceback ... OSError: [Errno
27] File too large": openpyxl puts each sheet together in a temporary file, whose write
error names no file, so it was taken for standard output's. `generate g.zip` named its own
temporary folder as OUT_DIR ("OUT_DIR /tmp/tmp3s1rj_5s/data/teams.csv: cannot be
written"), and `--out plan.csv` said "cannot be written (File too large) ... Fix: Give a path
you may write to", as if the path were the trouble, not the limit.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
#: Bytes: under every file these commands write, over none of their reports.
LIMIT = 4096


def _limited(
    args: list[str], cwd: Path, scratch: Path, stdout: Any = subprocess.PIPE, most: int = LIMIT
) -> subprocess.CompletedProcess[str]:
    """``planner ARGS`` under ``ulimit -f`` (``most`` bytes), its temporary files in
    ``scratch``. Standard output and error are pipes, which the limit does not reach,
    unless ``stdout`` is a file."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (most, most))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)}
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
        check=False,
        preexec_fn=limit,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["generate", "g.xlsx", "--teams", "4", "--projects", "10"],
        ["solve", str(SAMPLE), "--out", "plan.xlsx", "--time-limit", "1"],
    ],
    ids=["generate", "solve"],
)
def test_a_workbook_its_temporary_folder_cannot_hold_names_that_folder_and_the_limit(
    tmp_path, args
):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    done = _limited(args, tmp_path, scratch)
    said = done.stderr
    assert done.returncode == 2, said
    assert "standard output" not in said
    assert "Traceback" not in said and "Exception ignored" not in said
    assert f"temporary folder {scratch}:" in said
    assert "ulimit -f" in said and "4,096 bytes" in said
    assert "nothing was written" in said and "Fix:" in said
    assert {p.name for p in tmp_path.iterdir()} == {"scratch"}  # no output, no temporary


def test_generated_data_its_temporary_folder_cannot_hold_is_not_said_of_out_dir(tmp_path):
    """The folder put together before it is zipped is the temporary one, not OUT_DIR."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    done = _limited(["generate", "g.zip", "--teams", "40", "--projects", "300"], tmp_path, scratch)
    said = done.stderr
    assert done.returncode == 2, said
    assert "OUT_DIR" not in said, said
    assert f"temporary folder {scratch}:" in said and "ulimit -f" in said, said
    assert not (tmp_path / "g.zip").exists()
    assert list(scratch.iterdir()) == []


def test_an_output_past_the_file_size_limit_says_the_limit_not_the_path(tmp_path):
    done = _limited(
        ["solve", str(SAMPLE), "--out", "plan.csv", "--time-limit", "1"], tmp_path, tmp_path
    )
    said = done.stderr
    assert done.returncode == 2, said
    assert "--out plan.csv:" in said
    assert "file size limit (ulimit -f: 4,096 bytes)" in said, said
    assert "Give a path you may write to" not in said
    assert "Fix: Raise the limit" in said
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary left


def test_standard_output_past_the_file_size_limit_says_the_limit(tmp_path):
    """``planner validate > report.txt`` under the limit read "the file is too large for its
    disk ... Fix: Free some space", where the disk had room."""
    with (tmp_path / "report.txt").open("w") as report:
        done = _limited(["validate", str(SAMPLE)], tmp_path, tmp_path, report, most=10)
    said = done.stderr
    assert done.returncode == 2, said
    assert "standard output cannot be written" in said
    assert "file size limit (ulimit -f: 10 bytes)" in said, said
    assert "for its disk" not in said and "Free some space" not in said
    assert "Traceback" not in said and "Exception ignored" not in said


def test_a_workbook_that_fails_in_the_temporary_folder_leaves_no_file_there(tmp_path, monkeypatch):
    """openpyxl's part-written sheet stayed in the temporary folder until the process
    ended: a server whose /tmp was full kept it fuller with each Download plan.xlsx
    clicked (and a server stopped by a signal left them for good)."""
    import errno
    import tempfile

    import pandas as pd
    from openpyxl.worksheet import _writer

    from planner.core.errors import InvalidInputError
    from planner.core.workbook_writing import workbook_bytes

    def full(self: object, *row: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # A workbook of cells writes its rows at the save, a write-only one row by row.
    monkeypatch.setattr(_writer.WorksheetWriter, "write_rows", full)
    monkeypatch.setattr(_writer.WorksheetWriter, "write_row", full)
    frame = pd.DataFrame({"a": range(50)})
    try:
        workbook_bytes([("One", frame), ("Two", frame)])
    except InvalidInputError as exc:
        said = str(exc.errors[0])
    else:
        pytest.fail("written anyway")
    assert said.startswith(f"temporary folder {tmp_path}: the workbook is put together here")
    assert "the disk is full; nothing was written" in said, said
    assert "Fix: Free some space there, or set TMPDIR" in said, said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["PYTHONUNBUFFERED=1", "buffered"])
def test_a_report_cut_short_by_the_limit_is_said_however_python_buffers_it(tmp_path, unbuffered):
    """With PYTHONUNBUFFERED=1 (set in many container images), `planner checkin-template ...
    > week6.toml` under the limit wrote the first 1,024 bytes of the template and exited 0
    without a word: Python's unbuffered text stream drops what a short write leaves over.
    `solve --help` (2 KB) shows it without a solve."""
    env_value = {"PYTHONUNBUFFERED": unbuffered} if unbuffered else {}

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env |= {"PYTHONPATH": str(ROOT), **env_value}
    with (tmp_path / "help.txt").open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "planner", "solve", "--help"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
            check=False,
            preexec_fn=limit,
        )
    assert done.returncode == 2, done.stderr
    assert "standard output cannot be written" in done.stderr
    assert "ulimit -f: 1,024 bytes" in done.stderr


@pytest.mark.parametrize("second_fails", [True, False], ids=["second-fails", "second-saves"])
def test_a_workbook_failing_beside_another_save_leaves_python_s_unraisable_hook(
    monkeypatch, second_fails
):
    """A failed save silences Python's hook for the exception openpyxl raises again on
    closing, then puts the hook back. A second download on a server while one failed (a
    full temporary folder fails every one) read the silent hook as the one to put back,
    and put it back after the first had restored the real one: every later unraisable
    exception in the app went unsaid. A save that did not fail put it back too.

    The first save is held in its clean-up until the second has begun (or a second has
    passed, when the second waits for the first); the second then waits for the first."""
    import errno
    import threading
    import types

    from planner.core import workbook_writing
    from planner.core.errors import InvalidInputError

    second_began, first_done = threading.Event(), threading.Event()

    class Workbook:
        def save(self, _buffer: object) -> None:
            if threading.current_thread().name == "second" and not second_fails:
                second_began.set()
                first_done.wait(1.0)
                return
            raise OSError(errno.ENOSPC, "No space left on device")

    def collect() -> int:
        if threading.current_thread().name == "first":
            second_began.wait(1.0)
        else:
            second_began.set()
            first_done.wait(1.0)
        return 0

    monkeypatch.setattr(workbook_writing, "gc", types.SimpleNamespace(collect=collect))

    def first_save() -> None:
        with pytest.raises(InvalidInputError):
            workbook_writing._saved(lambda buffer, _made: Workbook().save(buffer))
        first_done.set()

    def second_save() -> None:
        if second_fails:
            with pytest.raises(InvalidInputError):
                workbook_writing._saved(lambda buffer, _made: Workbook().save(buffer))
        else:
            workbook_writing._saved(lambda buffer, _made: Workbook().save(buffer))

    hook = sys.unraisablehook
    monkeypatch.setattr(sys, "unraisablehook", hook)  # put back even when this test fails
    first = threading.Thread(target=first_save, name="first")
    second = threading.Thread(target=second_save, name="second")
    first.start()
    while sys.unraisablehook is hook and first.is_alive():  # until the first is cleaning up
        pass
    second.start()
    first.join(10)
    second.join(10)
    assert sys.unraisablehook is hook


def test_a_workbook_failing_on_its_second_sheet_leaves_no_file_of_the_first(tmp_path, monkeypatch):
    """Written row by row, each sheet's temporary file is open from its first row: a failure
    on the second sheet left the first one's file behind."""
    import errno
    import tempfile

    import pandas as pd
    from openpyxl.worksheet import _writer

    from planner.core.errors import InvalidInputError
    from planner.core.workbook_writing import workbook_bytes

    written = _writer.WorksheetWriter.write_row

    def full_on_two(self: Any, xf: Any, row: Any, row_idx: int) -> None:
        if self.ws.title == "Two":
            raise OSError(errno.ENOSPC, "No space left on device")
        written(self, xf, row, row_idx)

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(_writer.WorksheetWriter, "write_row", full_on_two)
    frame = pd.DataFrame({"a": range(50)})
    with pytest.raises(InvalidInputError):
        workbook_bytes([("One", frame), ("Two", frame)])
    assert list(tmp_path.iterdir()) == []
