"""A write that failed, in words: the disk full, a quota, a permission, a read-only file
system, a file size limit (``ulimit -f``), or the temporary folder a workbook or a zip is
put together in. Every output (:mod:`~planner.core.output`, the command line's standard
output, the app's downloads) says a failure as :func:`write_failure` does.
"""

from __future__ import annotations

import errno
import tempfile

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; nothing was written."
    if exc.errno == errno.EDQUOT:
        return "the disk quota is used up; nothing was written."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; nothing was written."
    if exc.errno == errno.EROFS:
        return "the file system is read-only; nothing was written."
    if exc.errno == errno.EFBIG:
        return f"{too_large()}; nothing was written."
    return f"cannot be written ({exc.strerror or exc}); nothing was written."


def _os_fix(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "Free some space, or write to another disk."
    if exc.errno == errno.EFBIG:
        return too_large_fix()
    return "Give a path you may write to."


def write_failure(exc: OSError) -> tuple[str, str]:
    """What a failed write says, and its fix, as every output says them."""
    return _os_message(exc), _os_fix(exc)


def file_size_limit() -> int | None:
    """The largest file this process may write, in bytes (``ulimit -f``); None for none."""
    try:
        import resource
    except ImportError:  # not on every system
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def too_large() -> str:
    """Why a write failed with EFBIG, in words: "File too large" read as a fault of the
    path, where a shell's ``ulimit -f`` is what stops it."""
    if (limit := file_size_limit()) is not None:
        return f"the file would pass this process's file size limit (ulimit -f: {limit:,} bytes)"
    return "the file is larger than its file system holds"


def too_large_fix() -> str:
    """:func:`too_large`'s fix."""
    if file_size_limit() is not None:
        return "Raise the limit (ulimit -f unlimited in the shell that runs it) and run it again."
    return "Write to another disk."


def scratch_failure(exc: OSError, what: str) -> InvalidInputError:
    """``what`` ("the workbook") could not be put together in the temporary folder.

    openpyxl writes each sheet to a temporary file before it zips the workbook, and
    ``generate`` a folder before it zips it: their write errors named no file, or the
    temporary one as the output, and a workbook's read "standard output cannot be
    written". The temporary folder is named, with its fix (``TMPDIR`` chooses it).
    """
    folder = escaped(tempfile.gettempdir())
    said = f"{what} is put together here before it is written, and {_os_message(exc)}"
    if exc.errno == errno.EFBIG:
        fix = too_large_fix()
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "Free some space there, or set TMPDIR to a folder on a disk with room."
    else:
        fix = "Set TMPDIR to a folder you may write to."
    return InvalidInputError([InputIssue(f"temporary folder {folder}", None, None, said, fix)])


__all__ = [
    "file_size_limit",
    "scratch_failure",
    "too_large",
    "too_large_fix",
    "write_failure",
]
