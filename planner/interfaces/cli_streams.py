"""The command line's standard output and error: usable whatever the program was started with.

Closed (``2>&-``, ``>&-``), written unbuffered (PYTHONUNBUFFERED=1), read by a reader that
goes before the command ends (``| head -1``), on a full disk or a terminal narrower than
UTF-8: the command's words stay whole or are lost without changing its exit status, and
standard output that cannot be written is said as an output that cannot be written (exit
2). :mod:`planner.interfaces.cli`'s :func:`~planner.interfaces.cli.main` calls
:func:`standard_streams_ready` first.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import TextIO, cast

from planner.core.write_failures import too_large, too_large_fix


def standard_streams_ready() -> bool:
    """Standard output and error made usable for the run; False (said on standard error)
    when standard output is closed and nothing the command prints could be read."""
    if sys.stderr is None:
        # Started with standard error closed (``2>&-``): print(file=None) writes to standard
        # output, so every "error: ..." line landed in front of the --json object.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (for the run)
    if sys.stdout is None:
        # Started with standard output closed (``>&-``): every report vanished and the
        # end's flush read "internal error (AttributeError ...)", exit 1, after the work.
        print(
            "error: standard output is closed, so nothing the command prints could be read; "
            "nothing was run. Fix: Send it somewhere, e.g. > report.txt or > /dev/null.",
            file=sys.stderr,
        )
        return False
    sys.stdout = _buffered(sys.stdout)
    for stream in (sys.stdout, sys.stderr):
        # A terminal narrower than UTF-8 (PYTHONIOENCODING=ascii, a Latin-1 locale) ended
        # `solve` in "internal error (UnicodeEncodeError ...)" with no plan: what it cannot
        # show is escaped (東京 as \u6771\u4eac), as the data's control characters are.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if not isinstance(sys.stderr, _Diagnostics):
        sys.stderr = cast(TextIO, _Diagnostics(sys.stderr))
    return True


def as_written(text: str) -> str:
    """``text`` as standard output writes it: what its encoding cannot write escaped (東京
    as ``\\u6771\\u4eac`` under PYTHONIOENCODING=ascii), as :func:`standard_streams_ready`
    has it escaped. The tables measure their columns by it: sized for 東京's four columns,
    the twelve written pushed the rest of the row off its heading."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except (LookupError, UnicodeError):  # an encoding Python does not know: as it stands
        return text


class _Diagnostics:
    """Standard error, whose reader may go before the command ends.

    `planner solve data --time-limit 1_0 2>&1 | head -1` exited 1 at times, not the 2 of a
    wrong command line: head had gone when argparse wrote its second line, and the
    BrokenPipeError ended the run as a fault. What is written after the reader left goes
    to os.devnull (as Python's note on SIGPIPE does it), and the exit status stays the one
    the command gives.

    Standard error on a full disk (a script's ``>>run.log 2>&1``) is the same: its words
    are lost, the exit status stays the command's. `planner solve data --bogus 2>/dev/full`
    exited 1, a fault, where a wrong command line is 2, and `planner validate data
    >/dev/full 2>&1` exited 120 (Python's flush at exit), where standard output that cannot
    be written is 2.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:  # the reader gone (a broken pipe), or the disk full
            self._words_lost()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            self._words_lost()

    def _words_lost(self) -> None:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _buffered(stream: TextIO) -> TextIO:
    """``stream`` written through a buffer, line by line, when Python writes it unbuffered.

    With PYTHONUNBUFFERED=1 (many container images set it) a report is written straight to
    its file, and a short write (a ``ulimit -f``, a disk filling up) dropped the rest
    without an error: `checkin-template > week6.toml` wrote 1,024 bytes of the template and
    exited 0. A buffer writes the rest again and raises the error, said as every other
    failure of standard output is.
    """
    if not isinstance(getattr(stream, "buffer", None), io.FileIO):
        return stream
    return open(  # standard output, written for the rest of the run
        stream.fileno(),
        "w",
        buffering=1,
        encoding=stream.encoding,
        errors=stream.errors,
        closefd=False,
    )


#: What a failing disk answers a write (no file name: standard output's), in words.
_WRITE_FAILURES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for its disk",
    errno.EIO: "the disk answered with an input/output error",
}


def standard_output_failed(exc: OSError) -> bool:
    """Whether ``exc`` is standard output that cannot be written (``> /dev/full``).

    Files the commands write are named in their errors (:mod:`planner.core.output`);
    a write error without a file name is the report's, on standard output.
    """
    return exc.filename is None and exc.errno in _WRITE_FAILURES


def output_lost(exc: OSError) -> None:
    """Standard output cannot be written: said on stderr, exit 2 as an output that cannot
    be written (``--out`` on a full disk is the same). What the command wrote to files
    stands: each command writes its files before its report."""
    why = _WRITE_FAILURES[exc.errno] if exc.errno is not None else str(exc)
    fix = "Free some space, or send the output to another disk."
    if exc.errno == errno.EFBIG:  # a ``ulimit -f`` far more often than a file system's most
        why, fix = too_large(), too_large_fix()
    print(
        f"error: standard output cannot be written: {why}, so what the command prints there "
        f"is cut short (files it wrote, such as --out, are whole). Fix: {fix}",
        file=sys.stderr,
    )
    # What is still buffered goes nowhere, not to Python's flush at exit, which failed
    # again ("Exception ignored", exit 120).
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
