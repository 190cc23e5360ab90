"""What to tell a leader when the scenario database cannot be used, in words they can act on.

:mod:`planner.scenarios.storage` raises
:class:`~planner.scenarios.storage.StorageUnavailableError` with these
messages: the file is locked by another program, damaged, on a full disk,
not permitted, or not a file at all.
"""

from __future__ import annotations

import errno
import itertools
import os
import sys
from pathlib import Path

from planner.core.identifiers import escaped
from planner.core.slashes import ends_in_slash, slash_words
from planner.core.typed_paths import variable_left

ENV_VAR = "PLANNER_DB"
# Where a leader names another file: the app reads the variable, a command also its --db.
ELSEWHERE = f"{ENV_VAR} (or a command's --db)"
MEMORY = ":memory:"


def default_path() -> Path:
    """Where scenarios live when ``PLANNER_DB`` is not set (see the store's module)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "goal-planner" / "planner.duckdb"


#: :func:`home_missing`'s folder when ``HOME`` is set but empty (no folder to name).
NO_HOME = Path("")


def home_missing(path: Path) -> tuple[str, Path] | None:
    """The variable and the folder that is not there, when the default database ``path``
    is not made for want of its home; else None.

    Its folders are made on a first save only under a home folder that exists:
    ``$XDG_DATA_HOME`` when set (``goal-planner`` is made in it), else ``$HOME``
    (``.local/share/goal-planner`` is made in it). A home that is not there (a service
    run with ``HOME=/nonexistent``, a variable mistyped) had those folders made under it
    without a word, where no one would look for the scenarios.
    """
    if sys.platform == "win32" or path != default_path().absolute() or path.exists():
        return None
    xdg = os.environ.get("XDG_DATA_HOME")
    if not (xdg and Path(xdg).is_absolute()) and os.environ.get("HOME", "~").strip() == "":
        # HOME= (empty) reads as the root folder: /.local/share/goal-planner/planner.duckdb.
        return "HOME", NO_HOME
    home = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home()
    if home.is_dir():
        return None
    return ("XDG_DATA_HOME" if xdg and Path(xdg).is_absolute() else "HOME"), home


def home_said(name: str, home: Path) -> str:
    """``NAME=FOLDER`` of :func:`home_missing`, as a message heads its problem."""
    return f"{name}=''" if home == NO_HOME else f"{name}={escaped(str(home))}"


def no_home_words(path: Path, name: str, home: Path) -> tuple[str, str]:
    """:func:`home_missing`'s problem (after ``NAME=FOLDER: ``) and fix."""
    if home == NO_HOME:
        return (
            f"is empty, so there is no home folder for the scenario database: it would be "
            f"made at {path}, under the root folder, where no one would look for it.",
            f"Set {name} to your home folder, or set {ENV_VAR} (or a command's --db) to the "
            "database file to use.",
        )
    made = path.parent.relative_to(home)
    if home.exists():
        # HOME=/etc/passwd read "the folder does not exist ... Fix: Create /etc/passwd".
        return (
            f"is a file, not a folder, so the scenario database {path} cannot be made: its "
            f"folders ({made}) are made only in a home folder.",
            f"Set {name} to a folder (your home folder), or set {ENV_VAR} to the database "
            "file to use.",
        )
    return (
        f"the folder does not exist, so the scenario database {path} is not made: its "
        f"folders ({made}) are made only in a home folder that exists.",
        f"Create {home} (or set {name} to a folder that exists), or set {ENV_VAR} to the "
        "database file to use.",
    )


def database_path() -> Path | str:
    """``$PLANNER_DB`` (``~`` expanded) when set, else :func:`default_path`.

    A path ending in a slash is kept as typed (a string: ``Path`` drops the slash), so that
    opening it is refused (:func:`db_slash_words`) as ``--db`` ending in one is.
    """
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured == MEMORY:
        return MEMORY
    if ends_in_slash(configured):
        return os.path.expanduser(configured)
    if configured:
        return Path(configured).expanduser()
    return default_path()


#: The longest path (bytes) Linux and macOS file systems take (PATH_MAX).
_PATH_MAX = 4095


def db_path_too_long(given: str) -> tuple[str, str] | None:
    """``(said, fix)`` when a database path is longer than any file system takes: `save`
    read "File name too long. Fix: Check the path" and `list` "no scenario database at"
    it, where ``--db`` so long is told the most a path holds."""
    size = len(os.fsencode(given))
    if size <= _PATH_MAX:
        return None
    return (
        f"has {size:,} bytes; a path holds at most {_PATH_MAX:,}, so no database can be "
        "made or opened there. Nothing was made.",
        f"Set {ELSEWHERE} to a shorter path, e.g. ~/scenarios.duckdb.",
    )


def unexpanded_variable(given: str) -> tuple[str, str] | None:
    """``(said, fix)`` when a database path as typed holds a variable nothing replaced
    (``PLANNER_DB=$HOME/q3.duckdb`` in a service's or container's settings, which do not
    expand it) and is not there: the app made a folder named '$HOME' in its current
    folder and saved there. ``~`` is expanded (:func:`database_path`); a variable is not."""
    if (left := variable_left(given)) is None or os.path.lexists(os.path.expanduser(given)):
        return None
    variable, written_out = left
    said = (
        f"holds the variable {escaped(variable)} as typed, not its value (set "
        "where variables are not expanded, such as a service's or a container's "
        f"settings, or typed in single quotes), so it names a folder called "
        f"'{escaped(variable)}'. Nothing was made."
    )
    example = written_out or "~/scenarios.duckdb"
    return said, f"Write the path out in full, e.g. {escaped(example)}."


def db_slash_words(given: str, flag: str | None = None) -> tuple[str, str] | None:
    """``(said, fix)`` when a database path as typed ends in a slash and is no folder that
    is there: the app's ``PLANNER_DB`` and the command line's ``--db`` (``flag``), by the
    rule every file flag keeps (:func:`planner.core.slashes.slash_words`)."""
    return slash_words(
        given,
        flag,
        made="the database would be made",
        example=f"{escaped(given)}planner.duckdb",
        a_file="the database file",
    )


#: Where a DuckDB file says what it is: bytes 8 to 12 of its first block.
_DUCKDB_MAGIC = (8, b"DUCK")


def may_be_duckdb(path: Path) -> bool:
    """False when ``path`` is a file that surely is no DuckDB database (other data in it).

    A missing file is created; a file too short to tell is left to DuckDB,
    which names it as damaged.
    """
    start, magic = _DUCKDB_MAGIC
    try:
        with path.open("rb") as handle:
            head = handle.read(start + len(magic))
    except OSError:
        return True  # missing, or unreadable: DuckDB's own error says which
    return len(head) < start + len(magic) or head[start:] == magic


#: A DuckDB file's main header and its two database headers, before its blocks.
_HEADERS_BYTES = 3 * 4096


def cut_short(path: Path, block_size: int, used_blocks: int) -> tuple[int, int] | None:
    """``(size, needed)`` when ``path`` is too short to hold the ``used_blocks`` its
    database counts (a copy or download stopped part way, a disk that filled), else None.

    DuckDB reads a block when a query needs it: a database cut to half still listed its
    scenarios (the list's blocks come first) while showing one failed as damaged. Each
    block in use takes ``block_size`` bytes of its own after the headers, so a file shorter
    than that is cut short whichever blocks are free.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return None
    needed = _HEADERS_BYTES + used_blocks * block_size
    return (size, needed) if size < needed else None


def cut_short_message(path: Path | str, size: int, needed: int) -> str:
    """:func:`cut_short`'s file, in a leader's words."""
    return told(
        f"{describe(path)} is damaged: it is cut short, {size:,} bytes where its scenarios "
        f"take at least {needed:,} (a copy or download stopped part way, or a disk that "
        f"filled up), so they cannot all be read. It was left exactly as it is. {KEEP_WORKING}",
        "Put the whole file back (copy it again, or from a backup); or move it aside (or set "
        f"{ELSEWHERE} to another file) to start a new one, keeping the old file for recovery.",
    )


def describe(path: Path | str) -> str:
    """The database as a message names it."""
    return "The in-memory database" if path == MEMORY else f"The scenario database {path}"


#: Words in DuckDB's errors that mean the file is damaged or not a database.
DAMAGE_SIGNS = (
    "not a valid DuckDB database",
    "Corrupt",
    "checksum",
    "Could not read enough bytes",
    "INTERNAL Error",
    "FATAL Error",
    "database has been invalidated",
    "Serialization Error",
)


#: Words in DuckDB's errors that mean another process holds the file.
LOCK_SIGNS = ("Could not set lock", "Conflicting lock")


def is_locked(error: BaseException) -> bool:
    """Whether DuckDB's error says another process holds the file."""
    return any(sign in str(error) for sign in LOCK_SIGNS)


def is_read_only(error: BaseException) -> bool:
    """Whether the error says the file may be read but not written (a read-only disk, or
    no permission to write)."""
    text = str(error)
    return (
        getattr(error, "errno", None) in (errno.EROFS, errno.EACCES, errno.EPERM)
        or isinstance(error, PermissionError)
        or "Read-only file system" in text
        or "Permission denied" in text
        or "Operation not permitted" in text  # EPERM: a file marked immutable, some shares
    )


def told(problem: str, fix: str) -> str:
    """A message as every error of Goal Planner reads: what is wrong, then ``Fix:`` and what
    to do, last (``--json`` gives the fix as its own key, split at the last ``Fix:``)."""
    return f"{problem} Fix: {fix}"


def read_only_message(path: Path | str, error: BaseException, *, older: bool = False) -> str:
    """What a leader reads when a file that may only be read is to be written (or, when
    ``older``, brought up to date before it can be read): why, and what to do."""
    where = describe(path)
    text = str(error)
    disk = getattr(error, "errno", None) == errno.EROFS or "Read-only file system" in text
    why = "it is on a read-only disk" if disk else "you may not write to it"
    copy = f"Copy it to a folder you may write to and set {ELSEWHERE} to the copy."
    if older:
        return told(
            f"{where} cannot be read: it was written by an older Goal Planner and must be "
            f"brought up to date, but {why}. It was left as it is.",
            copy,
        )
    return told(
        f"{where} can be read but not changed: {why}. Saved scenarios can be listed, shown "
        "and loaded; nothing was changed.",
        f"To save, rename or delete, {copy[0].lower()}{copy[1:]}",
    )


def may_not_write(path: Path | str, refused: BaseException, *, older: bool = False) -> str:
    """Why a file opened only to read cannot be changed: another program holds it (it was
    opened to read beside programs that only read it), or it may not be written
    (:func:`read_only_message`)."""
    if is_locked(refused):
        return unavailable_message(path, refused)
    return read_only_message(path, refused, older=older)


#: What the app says it can still do without its saved scenarios.
KEEP_WORKING = "Nothing was changed; you can keep working, but scenarios are not saved."


def in_command_words(message: str) -> str:
    """:func:`unavailable_message` as a command says it: a command has ended, so
    :data:`KEEP_WORKING`, the app's words, reads "Nothing was changed." (`planner scenarios
    list` on a damaged file said "you can keep working, but scenarios are not saved")."""
    return message.replace(KEEP_WORKING, "Nothing was changed.")


def unavailable_message(
    path: Path | str, error: BaseException, *, waited_s: float | None = None
) -> str:
    """A message a leader can act on, from DuckDB's or the OS's error: what is wrong, then
    the fix (:func:`told`). ``waited_s``: how long the file held by another program was
    waited for, said with it (a command was silent for those seconds, then said only
    "in use")."""
    text = str(error)
    where = describe(path)
    said = _database_problem(path, error, text, where, waited_s) or _path_problem(
        path, error, text, where
    )
    if said is None:
        said = (
            f"{where} cannot be used: {text.splitlines()[0] if text else repr(error)}.",
            f"Check the file and its folder can be opened, or set {ELSEWHERE} to another file.",
        )
    problem, fix = said
    return told(f"{problem} {KEEP_WORKING}", fix)


def _database_problem(
    path: Path | str, error: BaseException, text: str, where: str, waited_s: float | None
) -> tuple[str, str] | None:
    """What :func:`unavailable_message` says, and the fix, when the database file is the
    trouble: in use, empty, damaged, or beside another copy's changes file; else None."""
    if is_locked(error):
        holder = ""
        if "PID" in text:
            holder = " (" + text[text.index("PID") :].split(")")[0] + ")"
        problem = f"{where} is in use by another program{holder}"
        problem += "." if waited_s is None else f", still after {waited_s:g} s of waiting."
        fix = (
            "Close that program (another Goal Planner window or command), or set "
            f"{ELSEWHERE} to use a different file."
        )
    elif any(sign in text for sign in DAMAGE_SIGNS) and _empty_file(path):
        # A save stopped as it made the file, or a file made by hand: "damaged" said to move
        # aside a file that holds nothing.
        problem = (
            f"{where} is an empty file (0 bytes): it holds no scenarios and is not a "
            "database, so it was left as it is."
        )
        fix = (
            "Delete the empty file and save again (planner scenarios save, or the Scenarios "
            f"page, makes the database there), or set {ELSEWHERE} to another file."
        )
    elif any(sign in text for sign in DAMAGE_SIGNS):
        problem = (
            f"{where} is damaged or is not a DuckDB database (DuckDB said: "
            f"{text.splitlines()[0][:200]}), so it was left exactly as it is."
        )
        fix = (
            f"Move it aside (or set {ELSEWHERE} to another file) to start a new one; keep "
            "the old file for recovery."
        )
    elif "WAL does not match" in text:
        # A backup copied over a database with changes not yet folded in (a process killed):
        # DuckDB refuses to replay the old copy's changes file onto it.
        wal = f"{Path(path).name}.wal"
        problem = (
            f"{where} has a changes file beside it, {wal}, that belongs to another copy of "
            "the database (a copy put in its place while it had changes not yet saved in "
            "it), so neither was opened and both were left as they are."
        )
        fix = (
            f"Move {wal} out of the folder (keep it: it holds that other copy's last "
            "changes), then try again."
        )
    elif "encrypted database" in text:
        # DuckDB's encryption (ATTACH ... ENCRYPTION_KEY): "Check the file and its folder
        # can be opened" sent a leader to look at a file that opened.
        problem = (
            f"{where} is an encrypted DuckDB database (locked with a key, by another program "
            "or by hand), which Goal Planner does not open, so it was left as it is."
        )
        fix = f"Set {ELSEWHERE} to another file, or move this one aside to start a new one."
    elif "WAL file" in text and Path(f"{path}.wal").is_dir():
        wal = escaped(f"{Path(path).name}.wal")
        problem = (
            f"{where} cannot be opened: beside it is a folder named {wal}, where DuckDB keeps "
            "the changes not yet written into the database, so both were left as they are."
        )
        fix = f"Move the folder {wal} out of {escaped(str(Path(path).parent))}, then try again."
    else:
        return None
    return problem, fix


def _path_problem(
    path: Path | str, error: BaseException, text: str, where: str
) -> tuple[str, str] | None:
    """What :func:`unavailable_message` says, and the fix, when the disk or the path is
    the trouble: full or read-only, a folder shut or in the way, a loop of links, no
    permission; else None."""
    if getattr(error, "errno", None) == errno.ENOSPC or "No space left" in text:
        problem = f"{where} cannot be written: the disk is full."
        fix = f"Free some space, or set {ELSEWHERE} to a file on another disk."
    elif getattr(error, "errno", None) == errno.EROFS or "Read-only file system" in text:
        if path != MEMORY and Path(path).exists():
            problem = f"{where} is on a read-only disk, and Goal Planner opens it to write."
            fix = f"Copy it to a folder you may write to and set {ELSEWHERE} to the copy."
        else:
            problem = f"{where} cannot be made: the disk is read-only."
            fix = f"Set {ELSEWHERE} to a file on a disk you may write to."
    elif _denied(error) and (closed := _closed_folder(path)) is not None:
        problem = (
            f"{where} cannot be reached: the folder {closed} may not be opened (no "
            "permission to look inside it)."
        )
        fix = f"Set {ELSEWHERE} to a file in a folder you may write to, or ask for access to it."
    elif _denied(error) and (kept := _folder_kept_from_you(path)) is not None:
        problem = f"{where} cannot be made: the folder {kept} may not be written to."
        fix = f"Set {ELSEWHERE} to a file in a folder you may write to."
    elif (blocking := _file_in_the_way(path, error)) is not None:
        problem = f"{where} cannot be made: {blocking} is a file, not a folder."
        fix = f"Set {ELSEWHERE} to a path in a folder."
    elif _folder_takes_no_files(path, error):
        problem = (
            f"{where} cannot be made: its folder {Path(path).parent} takes no new files "
            "(a system folder, such as /proc)."
        )
        fix = f"Set {ELSEWHERE} to a file in a folder of your own."
    elif (system := _folder_not_made(path, error)) is not None:
        problem = (
            f"{where} cannot be made: the folder {getattr(error, 'filename', None)} cannot be "
            f"made, as {system} takes no new folders (a system folder, such as /proc)."
        )
        fix = f"Set {ELSEWHERE} to a file in a folder of your own."
    elif getattr(error, "errno", None) == errno.ELOOP or "Too many levels of symbolic" in text:
        problem = f"{where} is a link that leads back to itself (a loop of links)."
        fix = f"Point the link at a file, or set {ELSEWHERE} to the file itself."
    elif _denied(error):
        problem = f"{where} cannot be opened: permission denied."
        fix = (
            "Check the file's and its folder's permissions, or set "
            f"{ELSEWHERE} to a file you may write."
        )
    else:
        return None
    return problem, fix


def _empty_file(path: Path | str) -> bool:
    """Whether ``path`` is a file of 0 bytes."""
    try:
        if path == MEMORY or not Path(path).is_file() or Path(path).stat().st_size:
            return False
        with Path(path).open("rb") as handle:  # /proc/self/environ says 0 bytes, holds more
            return handle.read(1) == b""
    except OSError:
        return False


def _file_in_the_way(path: Path | str, error: BaseException) -> Path | None:
    """The file where the database's folder should be, when making that folder failed
    (``[Errno 17] File exists``, ``Not a directory``); else None."""
    if path == MEMORY or getattr(error, "errno", None) not in (errno.EEXIST, errno.ENOTDIR):
        return None
    return next((p for p in Path(path).parents if p.exists() and not p.is_dir()), None)


def _folder_takes_no_files(path: Path | str, error: BaseException) -> bool:
    """Whether making the file failed though its folder is there (DuckDB: "Cannot open
    file ...: No such file or directory", in /proc or /sys)."""
    if path == MEMORY or Path(path).exists() or not Path(path).parent.is_dir():
        return False
    return getattr(error, "errno", None) == errno.ENOENT or "No such file or directory" in str(
        error
    )


def _folder_not_made(path: Path | str, error: BaseException) -> Path | None:
    """The folder that is there but takes no new folders, when making the database's folder
    failed with "No such file or directory" (``[Errno 2] ... '/proc/self/a'``); else None."""
    if path == MEMORY or getattr(error, "errno", None) != errno.ENOENT:
        return None
    failed = getattr(error, "filename", None)
    if not failed or Path(path).parent.is_dir():
        return None
    return next((p for p in Path(failed).parents if p.is_dir()), None)


def _denied(error: BaseException) -> bool:
    """Whether the error is the system's "permission denied" (from Python or DuckDB)."""
    return isinstance(error, PermissionError) or "Permission" in str(error)


def _closed_folder(path: Path | str) -> Path | None:
    """The folder on the way to ``path`` that may not be opened (no search permission),
    the first from the root; None when every folder there may be opened."""
    if path == MEMORY:
        return None
    steps = [*reversed(Path(path).parents), Path(path)]
    for folder, inside in itertools.pairwise(steps):
        try:
            os.stat(inside)
        except PermissionError:
            return folder
        except OSError:
            return None  # missing from here on: nothing closed on the way
    return None


def _folder_kept_from_you(path: Path | str) -> Path | None:
    """For a database not made yet: the folder it is to be made in (its own, or the first
    that is there of those to make) when that folder may not be written to; else None."""
    if path == MEMORY or os.path.lexists(path):
        return None
    there = next((p for p in Path(path).parents if p.is_dir()), None)
    if there is None or os.access(there, os.W_OK | os.X_OK):
        return None
    return there
