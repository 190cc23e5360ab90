"""Writing a user's output file: checked first, written atomically, never half a file.

A plan (or any report) goes to the path the user named:

- the path is checked before any work is spent on it (:func:`check_output`):
  a missing folder, a folder in place of the file, or a folder we may not
  write to is reported in words, naming the path;
- the text goes to a temporary file with a unique name beside the target,
  is flushed to disk, and replaces the target in one step, so a reader (or
  a second ``planner`` writing the same file at the same moment) sees the
  old file or a whole new one, never a mix;
- a symbolic link is written through: the file it points to is replaced and
  the link stays a link.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.identifiers import escaped
from planner.core.slashes import slash_words
from planner.core.typed_paths import missing_folder_words
from planner.core.write_failures import write_failure


def _issue(path: Path, message: str, fix: str, flag: str) -> InvalidInputError:
    return InvalidInputError([InputIssue(f"{flag} {escaped(str(path))}", None, None, message, fix)])


def resolved(path: str | Path) -> Path:
    """The file a write to ``path`` lands in: a symlink's target, followed to the end."""
    return Path(os.path.realpath(os.fspath(path)))


#: The example file named inside a folder given as an output, by the kind its name asks
#: for: a folder named q3.xlsx or q3.zip was told to hold plan.csv, which compare and
#: generate refuse.
_INSIDE = {".xlsx": "plan.xlsx", ".zip": "quarter.zip"}


def _inside(given: Path, kind: str | None = None) -> str:
    """An example file in the folder ``given``, of the kind its name asks for (``kind``
    when the command writes one kind only), never of the folder's own name:
    "isdir.xlsx/isdir.xlsx" read as a slip of the keyboard."""
    name = f"plan{kind}" if kind else _INSIDE.get(given.suffix.lower(), "plan.csv")
    if name.lower() == given.name.lower():
        name = f"new-{name}"
    return escaped(str(given / name))


def check_output(
    path: str | Path,
    flag: str = "--out",
    inputs: Iterable[str | Path] = (),
    *,
    kind: str | None = None,
) -> Path:
    """The file a write to ``path`` will replace, if one can be written there.

    ``inputs`` are the files the command reads (its data files, settings,
    check-in): the output may not be one of them, through a link or not.
    ``kind`` (".xlsx") is the one kind of file the flag writes, for the example a
    fix offers; by default the kind the name asks for (a plan's .csv when none).

    Raises
    ------
    InvalidInputError
        Naming the path, what is wrong and the fix: its folder is missing or
        not a folder, the path is a folder or not a regular file, it is one
        of the inputs, or the folder or file may not be written.
    """
    given = Path(path)
    try:
        _check_name(path, given, flag, kind)
        target = resolved(given)
        _check_place(given, target, flag, inputs, kind)
    except InvalidInputError as refused:
        raise _as_typed(refused, given, os.fspath(path), flag) from None
    return target


def _as_typed(refused: InvalidInputError, given: Path, typed: str, flag: str) -> InvalidInputError:
    """``refused`` with the path named as typed: ``Path`` drops a ./ and a last slash, so
    ``--out ./data/../data/./teams.csv`` was named "--out data/../data/teams.csv"."""
    label, meant = f"{flag} {escaped(str(given))}", f"{flag} {escaped(typed)}"
    if label == meant:
        return refused
    return InvalidInputError(
        [replace(i, file=meant) if i.file == label else i for i in refused.issues]
    )


def _check_name(path: str | Path, given: Path, flag: str, kind: str | None = None) -> None:
    """That the name ``path`` (``given`` as a path) is one of a file Goal Planner writes:
    not empty, not standard output, not a folder, not a kind of file it does not write."""
    if os.fspath(path) == "":  # Path("") is "." and was named so: "--out .: is not a file name"
        issue = InputIssue(
            f"{flag} ''",
            None,
            None,
            "is empty.",
            f"Give a file name, e.g. plan{_suffix(given, kind)}.",
        )
        raise InvalidInputError([issue])
    if os.fspath(path) == "-":
        # Standard output, by the Unix habit; it was written as a file named "-".
        raise _issue(
            given,
            "names standard output, but this output is a file (the summary goes to "
            "standard output).",
            f"Give a file name, e.g. plan{_suffix(given, kind)}.",
            flag,
        )
    if stream := standard_stream(given):
        raise _issue(given, *_stream_words(given, stream, kind), flag)
    if given.is_dir():
        raise _issue(
            given,
            "is a folder, not a file.",
            f"Name a file inside it, e.g. {_inside(given, kind)}.",
            flag,
        )
    typed = os.fspath(path)
    if slash := slash_words(
        typed,
        flag if flag.startswith("-") else None,
        made="it would be written",
        example=_inside(given, kind),
    ):
        # Path() drops the slash: "reports/" would be written as a file named reports,
        # "plan.csv/" over the file plan.csv. Said by the rule every file flag keeps.
        raise InvalidInputError([InputIssue(f"{flag} {escaped(typed)}", None, None, *slash)])
    if unread := _kind_unread(given):
        raise _issue(given, *unread, flag)
    if given.suffix.lower() in OTHER_SPREADSHEETS:
        # The text would be CSV under a spreadsheet's name: Excel warns that the
        # format and extension do not match, Numbers and LibreOffice refuse it.
        raise _issue(
            given,
            f"Goal Planner writes .csv files and .xlsx workbooks, not {given.suffix} files.",
            f"Name it {escaped(given.stem)}.xlsx for a workbook, or "
            f"{escaped(given.stem)}.csv for a CSV file.",
            flag,
        )


def _check_place(
    given: Path, target: Path, flag: str, inputs: Iterable[str | Path], kind: str | None = None
) -> None:
    """That the file ``given`` leads to (``target``) may be written: not a loop of links,
    in a folder that exists and takes files, not one of ``inputs``, not kept from writes."""
    if target.is_symlink():
        # realpath stops inside a loop of links: there is no file at its end to write
        # through to, and the write would replace the link itself with the plan.
        raise _issue(
            given,
            f"is a link to {escaped(os.readlink(given))} that leads back to itself "
            "(a loop of links).",
            "Point the link at a file, or give another path.",
            flag,
        )
    folder = target.parent
    if in_the_way := file_in_the_way(given):
        raise _issue(given, *in_the_way, flag)
    if not folder.exists():
        words = missing_folder_words(
            str(given), f"its folder {escaped(str(folder))} does not exist."
        )
        raise _issue(given, *words, flag)
    if not folder.is_dir():
        raise _issue(given, f"{escaped(str(folder))} is not a folder.", "Give a file path.", flag)
    if _holds_no_files(folder):
        raise _issue(given, *_no_files_here(folder, given, kind), flag)
    if target.exists():
        _check_replaceable(target, given, flag, inputs, kind)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _issue(
            given,
            f"the folder {escaped(str(folder))} may not be written to.",
            "Give a path in a folder you may write to.",
            flag,
        )


def standard_stream(path: Path) -> str | None:
    """``"standard output"`` or ``"standard error"`` when ``path`` is the file or pipe this
    process prints to (``/dev/stdout``, ``/proc/self/fd/1``, or ``plan.csv`` with ``>
    plan.csv``), else None. A terminal or ``/dev/null`` is a device, refused as one.

    ``solve --out /dev/stdout > report.txt`` replaced report.txt with the plan, and the
    summary, printed to the file it replaced, was lost without a word."""
    try:
        named = os.stat(path)
    except (OSError, ValueError):
        return None
    if stat.S_ISCHR(named.st_mode) or stat.S_ISBLK(named.st_mode) or stat.S_ISDIR(named.st_mode):
        return None
    for descriptor, stream in ((1, "standard output"), (2, "standard error")):
        try:
            printed = os.fstat(descriptor)
        except OSError:
            continue
        if (printed.st_dev, printed.st_ino) == (named.st_dev, named.st_ino):
            return stream
    return None


def _stream_words(given: Path, stream: str, kind: str | None = None) -> tuple[str, str]:
    """The message and fix for an output that is where ``stream`` goes."""
    if given.parent in (Path("/dev"), Path("/dev/fd")) or given.parts[:2] == ("/", "proc"):
        return (
            f"names {stream}, but this output is a file (the summary goes to standard output).",
            f"Give a file name, e.g. plan{_suffix(given, kind)}.",
        )
    return (
        f"is the file this command's {stream} is sent to (> {escaped(given.name)}): the "
        "output would replace what the command prints there, so nothing was written.",
        f"Send {stream} elsewhere, or give another file name, e.g. plan{_suffix(given, kind)}.",
    )


def file_in_the_way(path: Path) -> tuple[str, str] | None:
    """Why nothing can be written at ``path`` when a folder it names is a file
    (``notes.txt/plan.csv``), and the fix; None when there is no such file.

    It read "/abs/notes.txt is not a folder. Fix: Give a file path" (it was one), one level
    down "its folder does not exist. Fix: Create the folder first" (it cannot be, inside a
    file), and for a folder of files "cannot be written (Not a directory)".
    """
    for parent in path.parents:  # the nearest first
        if not parent.exists():
            continue
        if parent.is_dir():
            return None
        mode = parent.stat().st_mode
        kind = "a file" if stat.S_ISREG(mode) else f"a {special_kind(mode)}"
        return (
            f"{escaped(str(parent))} is {kind}, not a folder, so nothing can be written "
            "inside it; nothing was written.",
            f"Write it into a folder instead, e.g. {escaped(str(parent.parent / path.name))}.",
        )
    return None


#: Spreadsheet formats a plan is not written in (it would be CSV text under their name).
OTHER_SPREADSHEETS = frozenset([".xls", ".xlsm", ".xlsb", ".xltx", ".ods", ".numbers"])


def _kind_unread(given: Path) -> tuple[str, str] | None:
    """Why the kind of file ``given`` names cannot be read from its name, and the fix; None
    when it can. A file's kind is the part after the last dot of its name (a workbook for
    .xlsx, CSV otherwise): 'plan.xlsx.' has none after it and was written as CSV text under
    that name; '.csv' is all kind and no name, and was written as a hidden file."""
    name = given.name
    if name.endswith(".") and name.strip("."):
        meant = name.rstrip(".")
        if "." in meant.lstrip("."):
            fix = f"Name it {escaped(meant)} (without the dot at the end)."
        else:
            shown = escaped(meant)
            fix = f"Name it {shown}.csv for a CSV file, or {shown}.xlsx for a workbook."
        return (
            "ends in a dot, so its name says no kind of file (a file's kind is read after "
            "its last dot); it would be written as CSV text under that name.",
            fix,
        )
    if name.lower() in _KIND_NAMES:
        return (
            f"is only a kind of file with no name before it; it would be written as a hidden "
            f"file named {escaped(name)}.",
            f"Name it plan{escaped(name)}.",
        )
    return None


#: Names that are only a file's kind ('--out .csv'): every kind a user names an output by.
_KIND_NAMES = frozenset(
    [".csv", ".xlsx", ".zip", ".json", ".toml", ".tsv", ".txt", *sorted(OTHER_SPREADSHEETS)]
)


def _holds_no_files(folder: Path) -> bool:
    """Whether ``folder`` is on a file system of no disk (/proc, /sys: no blocks, no files),
    where no file can be made: a new one there failed as 'No such file or directory'.

    Only under /proc and /sys: some network and FUSE file systems also report no blocks
    and no files yet hold files, and an output there must not be refused before it is
    tried (the write itself still names a folder of no disk)."""
    try:
        resolved = Path(os.path.realpath(folder))
        stats = os.statvfs(resolved)
    except (OSError, AttributeError, ValueError):  # no statvfs (Windows): the write says
        return False
    system = resolved.parts[1:2] in (("proc",), ("sys",))
    return system and stats.f_blocks == 0 and stats.f_files == 0


def _no_files_here(folder: Path, given: Path, kind: str | None = None) -> tuple[str, str]:
    """The message and fix for an output in ``folder``, a folder no file can be made in."""
    return (
        f"its folder {escaped(str(folder))} is the system's view of the running machine, "
        "on no disk: not a place a file can be written; nothing was written.",
        f"Give a path in a folder on a disk, e.g. plan{_suffix(given, kind)}.",
    )


def _check_replaceable(
    target: Path, given: Path, flag: str, inputs: Iterable[str | Path], kind: str | None = None
) -> None:
    """Raise unless ``target``, a file that exists, may be replaced by the output: a regular
    file, writable, neither a scenario database nor one of the command's ``inputs``."""
    mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        raise _issue(
            given,
            "is a folder, not a file.",
            f"Name a file inside it, e.g. {_inside(given, kind)}.",
            flag,
        )
    if not stat.S_ISREG(mode):
        raise _issue(
            given,
            f"is a {special_kind(mode)}, not a regular file.",
            "Give the path of a regular file.",
            flag,
        )
    if not os.access(target, os.W_OK):
        raise _issue(given, "is read-only.", "Make it writable, or give another path.", flag)
    if _is_database(target):
        # A scenario database named by mistake (or given --force) would be lost whole.
        raise _issue(
            given,
            "is a DuckDB database (saved scenarios live in one); the output would replace "
            "it and every scenario in it.",
            f"Give another file name, e.g. plan{_suffix(given, kind)}.",
            flag,
        )
    for source in inputs:
        if _same_file(target, Path(source)):
            raise _issue(
                given,
                f"is an input of this command ({escaped(str(source))}); "
                "the output would replace it.",
                f"Give a file that is not one of the inputs, e.g. plan{_suffix(given, kind)}.",
                flag,
            )


def _is_database(path: Path) -> bool:
    """Whether ``path`` starts as a DuckDB file does (``DUCK`` after an 8-byte checksum)."""
    try:
        with path.open("rb") as file:
            return file.read(12)[8:] == b"DUCK"
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _suffix(path: Path, kind: str | None = None) -> str:
    """The kind of file an example name in a fix takes: ``kind`` when the command writes
    one kind only, else the one ``path`` names when it is a workbook or a zip, else a
    plan's .csv. A zip named for `scenarios export` over a scenario database read "e.g.
    plan.csv", a name export then refused as not a zip."""
    if kind:
        return kind
    named = path.suffix.lower()
    return named if named in (".xlsx", ".zip") else ".csv"


def special_kind(mode: int) -> str:
    """What a path that is neither a regular file nor a folder is, in words ("device")."""
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def write_atomic(
    path: str | Path, data: bytes, flag: str = "--out", *, replace: bool = True
) -> Path:
    """Write ``data`` to ``path`` all at once (see the module docstring).

    Without ``replace`` a file already at ``path``, or one another process puts
    there while this one writes, is kept and this write refused (:func:`_put`).

    Returns
    -------
    Path
        The file written (a symlink's target when ``path`` is a link).

    Raises
    ------
    InvalidInputError
        When the path cannot be written (:func:`check_output`'s reasons, or
        the disk is full, or the write is refused); the old file, if any,
        is left as it was and no temporary file stays behind.
    """
    target = check_output(path, flag)
    temporary = _staged_or_issue(target, data, Path(path), flag)
    try:
        _put(temporary, target, replace)
    except BaseException as exc:
        # A Ctrl-C too: one as the plan was put in place left its hidden temporary file.
        with suppress(OSError):
            os.unlink(temporary)
        if not isinstance(exc, OSError):
            raise
        if isinstance(exc, FileExistsError):
            raise _taken(Path(path), Path(path).name, flag) from None
        raise _issue(Path(path), *write_failure(exc), flag) from None
    return target


def _put(temporary: str, target: Path, replace: bool) -> None:
    """Move a staged file to ``target``; without ``replace`` only where no file is.

    Checking first and writing later let two ``planner generate`` runs started at
    once both find the folder empty and both write it, each saying it wrote its
    data: a hard link is made only where no file is, in one step, so the second
    finds the first's file (``FileExistsError``). Where links are not supported,
    the check is made as late as it can be.
    """
    if replace:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _taken(path: Path, name: str, flag: str) -> InvalidInputError:
    return _issue(
        path,
        f"{escaped(name)} was written there by another command meanwhile; this one wrote nothing.",
        "Name a new or empty folder or file, or add --force to overwrite.",
        flag,
    )


def write_files_atomic(
    folder: str | Path, files: Mapping[str, bytes], flag: str, *, replace: bool = True
) -> Path:
    """Write several files into ``folder`` all or nothing (a data folder, an export).

    Every file is checked, then written in full under a temporary name beside
    its target; only when all of them are on disk is each renamed into place.
    A failure (a full disk) leaves the folder as it was: no file replaced, no
    temporary file left, and the folders made for the files removed again.
    Without ``replace``, a file that another process put in place meanwhile
    stops the write: the files this one had placed are taken back (:func:`_put`).

    Raises
    ------
    InvalidInputError
        As :func:`write_atomic`, naming the file that could not be written, or
        the folder when it cannot be created.
    """
    base = Path(folder)
    if os.fspath(folder) == "-":
        # Standard output, by the Unix habit, as for a file; it was made as a folder "-".
        raise _issue(
            base,
            "names standard output, but this output is a folder of files.",
            "Give a folder name, e.g. quarter/ (or a .zip file name).",
            flag,
        )
    if base.is_symlink() and not base.exists():
        # Making the folder said "cannot be written (File exists)": the link is in the way.
        why = "leads back to itself (a loop of links)" if resolved(base).is_symlink() else ""
        raise _issue(
            base,
            f"is a link to {escaped(os.readlink(base))} that {why or 'leads nowhere'}.",
            "Point the link at a folder, or name a new folder.",
            flag,
        )
    if in_the_way := file_in_the_way(base):
        raise _issue(base, *in_the_way, flag)
    made = [p for p in (base, *base.parents) if not p.exists()]
    staged: list[str] = []
    placed: list[Path] = []
    try:
        try:
            base.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _issue(base, *write_failure(exc), flag) from exc
        targets = {name: _member(base, name, flag) for name in files}
        for name, data in files.items():
            staged.append(_staged_or_issue(targets[name], data, base / name, flag))
        for temporary, name in zip(staged, files, strict=True):
            try:
                _put(temporary, targets[name], replace)
            except FileExistsError:
                raise _taken(base, name, flag) from None
            placed.append(targets[name])
    except BaseException as exc:
        for temporary in staged:
            with suppress(OSError):
                os.unlink(temporary)
        if not replace:  # only files that were not there before: take them back
            for target in placed:
                with suppress(OSError):
                    os.unlink(target)
        for folder_made in made:  # the deepest first; a folder holding anything stays
            with suppress(OSError):
                folder_made.rmdir()
        if isinstance(exc, OSError):
            raise _issue(base, *write_failure(exc), flag) from None
        raise
    return base


def _member(base: Path, name: str, flag: str) -> Path:
    """:func:`check_output` for the file ``name`` of the folder ``base``, a folder in its
    way said of the folder given ("is a folder. Fix: Name a file inside it, e.g.
    quarter/projects.csv/plan.csv" answered OUT_DIR quarter)."""
    if (base / name).is_dir():
        raise folder_in_the_way(base, name, flag)
    return check_output(base / name, flag)


def folder_in_the_way(base: Path, name: str, flag: str) -> InvalidInputError:
    """The problem with the folder ``base`` when it holds a folder named ``name``, where
    the file ``name`` is to be written (with or without ``--force``: a folder is never
    replaced)."""
    return _issue(
        base,
        f"holds a folder named {escaped(name)}, where this writes the file {escaped(name)}.",
        f"Move or rename that folder, or name another {flag}.",
        flag,
    )


#: The longest file name (bytes) a Linux or macOS file system takes, and what a temporary
#: name adds to the output's: a dot, a dot, mkstemp's 8 random characters, ".tmp".
_NAME_MAX, _TEMPORARY_ADDS = 255, 1 + 1 + 8 + 4


def _temporary_prefix(name: str) -> str:
    """``.NAME.``, the start of the temporary name beside the output ``name``, cut so the
    whole temporary name is one a file system takes: an output named with 255 bytes (the
    most a name may have) said "cannot be written (File name too long)"."""
    while len(os.fsencode(name)) > _NAME_MAX - _TEMPORARY_ADDS:
        name = name[:-1]
    return f".{name}."


def _staged_or_issue(target: Path, data: bytes, given: Path, flag: str) -> str:
    """``data`` in full and synced under a temporary name beside ``target``, with the
    permissions ``target`` has (a new file's when there is none); its name.

    A failure leaves no temporary file and is told by the path ``given``.
    """
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    except OSError:
        mode = _default_mode()
    temporary: str | None = None
    try:
        # Inside the try: a folder that passes every check but takes no new file
        # (/proc, a full inode table) is told by the path given, not the temporary name.
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=_temporary_prefix(target.name), suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
    except BaseException as exc:
        # A Ctrl-C as the file was written (its sync takes a moment) left the temporary file
        # beside the output, hidden, after "interrupted; nothing more was written."
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)
        if not isinstance(exc, OSError):
            raise
        if exc.errno == errno.ENOENT and target.parent.is_dir():  # a folder of no disk
            raise _issue(given, *_no_files_here(target.parent, given), flag) from None
        # From exc: a caller writing into a temporary folder says that folder instead.
        raise _issue(given, *write_failure(exc), flag) from exc
    return temporary


def write_text_atomic(path: str | Path, text: str) -> Path:
    """:func:`write_atomic` for UTF-8 text."""
    return write_atomic(path, text.encode("utf-8"))


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


__all__ = [
    "OTHER_SPREADSHEETS",
    "check_output",
    "file_in_the_way",
    "folder_in_the_way",
    "resolved",
    "write_atomic",
    "write_files_atomic",
    "write_text_atomic",
]
