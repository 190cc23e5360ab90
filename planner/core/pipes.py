"""A small file named on the command line that is a pipe: ``--settings <(printf ...)``.

A shell's process substitution gives the command a path such as ``/dev/fd/63``, which
is a pipe, not a regular file. A settings file, a baseline plan or a check-in is read
once from start to end, so such a pipe is read as the file would be: at most the
file's cap of bytes, and for at most :data:`PIPE_WAIT_S` seconds, so that a named pipe
nobody writes to (``mkfifo``) never leaves the command waiting for good.
"""

from __future__ import annotations

import os
import select
import stat
import time
from pathlib import Path

#: Seconds a pipe is waited on for its writer to finish.
PIPE_WAIT_S = 30.0


class PipeTimeout(Exception):
    """The pipe was not written to the end within the wait."""


def is_pipe(path: Path) -> bool:
    """Whether ``path`` is a pipe (a named pipe, or ``/dev/fd/N`` of a ``<(...)``)."""
    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False


def path_label(path: Path) -> str:
    """How messages name a file given on the command line: its name (``w6.toml``), or
    the whole path of a pipe (``/dev/fd/63``), whose name alone ("63") says nothing, and
    of a file reached through a descriptor: ``--baseline /dev/stdin < plan.csv`` was
    "stdin" where the same plan piped in was "/dev/stdin"."""
    if is_pipe(path) or not path.name or _names_a_descriptor(path):
        return str(path)
    return path.name


def _names_a_descriptor(path: Path) -> bool:
    """Whether ``path`` is one of the system's names for an open file (``/dev/stdin``,
    ``/dev/fd/3``, ``/proc/self/fd/0``), not the file's own."""
    return os.path.abspath(path).startswith(("/dev/", "/proc/"))


def read_pipe(path: Path, cap: int) -> bytes:
    """The bytes written to the pipe at ``path``, at most ``cap + 1`` of them (one more
    than is read tells the caller the file is too large).

    Opened without waiting for a writer, and each read only once the pipe says it has
    bytes or its writer is done: a named pipe no program writes to has no end.

    Raises
    ------
    PipeTimeout
        When the writer has not finished within :data:`PIPE_WAIT_S` seconds.
    OSError
        When the pipe cannot be opened or read.
    """
    deadline = time.monotonic() + PIPE_WAIT_S
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        chunks: list[bytes] = []
        size = 0
        while size <= cap:
            left = deadline - time.monotonic()
            if left <= 0 or not poller.poll(max(1, int(left * 1000))):
                if time.monotonic() >= deadline:
                    raise PipeTimeout
                continue
            try:
                chunk = os.read(fd, min(65536, cap + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                break  # the writer is done
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def waited_words(what: str) -> tuple[str, str]:
    """The message and fix for a pipe whose writer did not finish in time."""
    return (
        f"it is a named pipe (FIFO) or a shell's <(...), and nothing finished writing the "
        f"{what} into it within {PIPE_WAIT_S:g} s.",
        f"Start the program that writes into it first, or save the {what} to a file and "
        "give its path.",
    )
