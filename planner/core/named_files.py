"""Files a user names on the command line besides the data: a baseline plan.csv, a check-in.

Read whole, bounded by the loader's cap, and refused in words when the path
is not a regular file: a folder or a device is named for what it is. A pipe
(``--checkin <(...)``, a named pipe) is read once as the file would be, within
a wait (:mod:`planner.core.pipes`): ``open()`` alone would wait for a writer
for good.
"""

from __future__ import annotations

from pathlib import Path

from planner.core.decoding import looks_utf16, saved_as
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.file_kinds import os_reason
from planner.core.identifiers import escaped
from planner.core.pipes import PipeTimeout, is_pipe, path_label, read_pipe, waited_words
from planner.core.reading import UNREADABLE_FIX, not_a_file
from planner.core.tables import MAX_FILE_BYTES
from planner.core.typed_paths import told_unexpanded


def read_named_text(path_text: str, what: str) -> tuple[str, str]:
    """A UTF-8 file's text (line breaks inside CSV cells kept as written) and its name.

    Parameters
    ----------
    path_text
        The path as the user gave it.
    what
        What the file is, in words ("baseline plan", "check-in"), for the messages.

    Raises
    ------
    InvalidInputError
        When the path is not a regular file, cannot be read, is too large or
        is not UTF-8 text, naming it.
    """
    data, name = read_named_bytes(path_text, what)
    return named_text(data, path_text, what), name


def read_named_bytes(path_text: str, what: str) -> tuple[bytes, str]:
    """A named file's bytes and its name; raises as :func:`read_named_text` does."""
    path = Path(path_text)
    if is_pipe(path):
        # --checkin <(...) or a named pipe: read once as the file would be, within a wait.
        try:
            data = read_pipe(path, MAX_FILE_BYTES)
        except PipeTimeout:
            raise _refused(path_text, *waited_words(what)) from None
        except OSError as exc:
            raise _refused(
                path_text,
                f"cannot read the {what} ({escaped(exc.strerror or str(exc))}).",
                f"Save the {what} to a file and give its path.",
            ) from None
        return _capped(data, path_text, what), path_label(path)
    kind = not_a_file(path)
    if kind is not None:
        # Named as typed: ``Path`` drops a last slash (``--baseline nope.csv/`` read "nope.csv
        # does not exist"), and a folder's last part alone ("dir: ... is a folder") could be
        # any folder of that name.
        said, fix = f"the {what} {escaped(path_text)} {kind}.", f"Give the path of the {what} file."
        if kind == "does not exist":  # '~/plan.csv' in quotes: said, with the path in full
            said, fix = told_unexpanded(said, path_text, fix)
        raise _refused(path_text, said, fix, label=escaped(path_text))
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        # What to do about a file there that may not be read: "Give the path of the
        # baseline plan file" sent the leader to a path they had given right.
        raise _refused(
            path_text, f"the {what} cannot be read ({os_reason(exc)}).", UNREADABLE_FIX
        ) from None
    return _capped(data, path_text, what), path_label(path)


def _capped(data: bytes, path_text: str, what: str) -> bytes:
    """``data``, refused when past :data:`MAX_FILE_BYTES`."""
    if len(data) > MAX_FILE_BYTES:
        raise _refused(
            path_text,
            f"the {what} has more than {MAX_FILE_BYTES:,} bytes "
            f"({MAX_FILE_BYTES // 2**20} MB); at most that many are read.",
            "Use a check-in written by planner checkin-template."
            if what == "check-in"
            else "Use the plan.csv or plan.xlsx the planner wrote.",
        )
    return data


def named_text(data: bytes, path_text: str, what: str) -> str:
    """The UTF-8 text of a named file's ``data`` (a byte-order mark is dropped)."""
    if data.startswith(b"PK\x03\x04"):
        # A workbook or a zip (plan.xlsx given as the check-in): not "save it as UTF-8".
        raise _refused(
            path_text,
            f"the {what} is a workbook or a zip, not a text file.",
            f"Give the {what} file the planner wrote"
            + (" (planner checkin-template writes one to edit)." if what == "check-in" else "."),
        )
    utf16 = _refused(
        path_text,
        f"the {what} is saved as UTF-16 text.",
        "Use the file the planner wrote, or save it as UTF-8.",
    )
    if looks_utf16(data[:4096]):
        # Without its byte-order mark, UTF-16 text decodes as UTF-8 with a zero byte
        # between letters: "not valid TOML (Found invalid character '\x00')".
        raise utf16
    try:
        # Every byte-order mark at its start: a file saved twice with one each.
        # And the end-of-file mark (Ctrl-Z) DOS programs write after the last line.
        return data.decode("utf-8-sig").lstrip("\ufeff").removesuffix("\x1a")
    except UnicodeDecodeError as exc:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise utf16 from None
        # Where, as a data file's cell says it: a leader looked through every line.
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        raise _refused(
            path_text,
            f"the {what} is not UTF-8 text: this line holds the byte 0x{data[exc.start]:02X} "
            f"(the file looks saved {saved_as(data[start : end if end >= 0 else None])}).",
            "Use the file the planner wrote, or save it as UTF-8 (in Notepad: File > Save "
            "As, Encoding UTF-8).",
            row=line,
        ) from None


def _refused(
    path_text: str, message: str, fix: str, row: int | None = None, label: str | None = None
) -> InvalidInputError:
    name = escaped(path_label(Path(path_text))) if label is None else label
    return InvalidInputError([InputIssue(name, row, None, message, fix)])
