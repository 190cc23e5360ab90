"""Reading a data folder, or a zip of one, into raw text tables.

Finds the data files in a folder or a zip (names matched ignoring case, one folder
inside a zip looked into, links, metadata and other kinds of file told apart), and
reads each with :mod:`planner.core.csv_text`, which rejects what is not a
comma-separated UTF-8 text table. Sizes are checked before anything is read; each
problem becomes an :class:`~planner.core.errors.InputIssue` naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import pandas as pd

from planner.core.csv_text import parse_csv
from planner.core.decoding import looks_utf16
from planner.core.errors import InputIssue, InvalidInputError, Severity
from planner.core.file_kinds import (
    DATA_WORKBOOK_SUFFIXES,
    a_plan_not_data,
    folders_named_like_data,
    named_otherwise,
    not_a_data_zip,
    not_unpacked,
    os_reason,
    stored_as_links,
    written_by_the_planner,
)
from planner.core.identifiers import escaped
from planner.core.output import special_kind
from planner.core.pipes import PipeTimeout, is_pipe, read_pipe, waited_words
from planner.core.shared_words import joined
from planner.core.shown_figures import first_few
from planner.core.tables import (
    MAX_FILE_BYTES,
    MAX_SETTINGS_BYTES,
    MAX_ZIP_BYTES,
    MAX_ZIP_ENTRIES,
    RAW_FILES,
    REQUIRED_COLUMNS,
    SETTINGS_FILE,
    DataTables,
    issue,
    raise_on_errors,
    recognise_table,
    too_big,
)
from planner.core.typed_paths import told_unexpanded
from planner.core.zip_entries import (
    data_file_out_of_zip,
    folders_issue,
    inner_files_fix,
    leads_out,
    more_entries_than,
    unpacked_path,
)


def read_folder(folder: str | Path) -> DataTables:
    """Read a data folder's CSV files and ``settings.toml`` as raw text tables.

    File names are matched ignoring case. Other ``.csv`` files are ignored
    with a warning note.

    Raises
    ------
    InvalidInputError
        When the folder does not exist or a file cannot be read as CSV; every
        unreadable file is reported at once.
    """
    tables, issues, _ = collect_folder(folder)
    raise_on_errors(issues, tables.notes)
    return tables


def read_zip(data: bytes, name: str = "the zip file") -> DataTables:
    """Read a zip of a data folder (files at its root or in one folder).

    macOS metadata (``__MACOSX``, ``._*``) and hidden files are ignored.
    Sizes are checked before anything is unpacked, and unpacking stops at the
    caps, so a zip bomb costs no more memory than a file at the cap.

    Raises
    ------
    InvalidInputError
        When the bytes are not a readable zip or a file in it cannot be read.
    """
    tables, issues, _ = collect_zip(data, name)
    raise_on_errors(issues, tables.notes)
    return tables


@dataclass(frozen=True)
class _Entry:
    """A file found in a folder or a zip: its name, declared size and a bounded reader."""

    name: str
    size: int
    read: Callable[[int], bytes]
    #: A zip's member: the zip's name and the member's path in it (its size is declared).
    member: tuple[str, str] | None = None


_READ_ERRORS = (
    OSError,
    EOFError,
    RuntimeError,
    ValueError,
    NotImplementedError,
    zipfile.BadZipFile,
    zlib.error,
)


_GIVE_FOLDER = (
    "Give the folder that holds teams.csv (or an .xlsx workbook, or a .zip of the folder)."
)
#: Data given through a pipe (`planner validate <(cat q3.zip)`, `... | planner validate -`):
#: a folder is many files, and a workbook or zip is read in parts, where a pipe gives its
#: bytes once, front to back. It read "there is no such folder" for '-'.
_PIPED = (
    "a folder is many files, and a workbook or zip is read in parts, while a pipe gives "
    "its bytes once, front to back."
)
_SAVE_PIPED = (
    "Save the data to a file first (e.g. > q3.zip or > q3.xlsx) and give that file, or give "
    "the data folder."
)
#: The largest file without a data name that is looked into, to name what it holds.
_MOST_UNNAMED_BYTES = 64 * 2**20
#: Spreadsheet files that are not ``.xlsx``: named as such, not as "a file, not a folder".
_OTHER_BOOKS = frozenset({".xls", ".xlsb", ".ods", ".numbers", ".csv", ".tsv", ".txt"})


def collect_folder(folder: str | Path) -> tuple[DataTables, list[InputIssue], frozenset[str]]:
    """The data folder's tables, the problems with its files, and the files that could not
    be read; a path that is not a data folder is refused (:func:`_not_a_folder`)."""
    path = Path(folder)
    try:
        _not_a_folder(folder, path)
    except OSError as exc:
        raise unreachable(folder, exc) from None
    entries, special = _folder_entries(folder, path)
    tables, issues, unreadable = _tables_from(entries)
    return tables, [*special, *issues], unreadable | {i.file for i in special}


def _not_a_folder(folder: str | Path, path: Path) -> None:
    """Refuses ``folder`` when it is no data folder: nothing given, one data file, another
    program's file, standard input or a pipe, a file or a path to nothing."""
    if os.fspath(folder) == "":
        raise InvalidInputError(
            [issue("DATA_DIR", None, None, "no data folder was given.", _GIVE_FOLDER)]
        )
    if path.is_file() and path.name.strip().lower() in {*RAW_FILES, SETTINGS_FILE}:
        raise InvalidInputError(
            [
                issue(
                    escaped(str(folder)),
                    None,
                    None,
                    "is one data file, not the folder of them.",
                    f"Give the folder that holds it: {_holding_folder(path)}.",
                )
            ]
        )
    if path.is_file() and path.suffix.lower() in _OTHER_BOOKS:
        with path.open("rb") as handle:  # a plan.csv given as the data is said to be one
            plan = a_plan_not_data(escaped(str(folder)), handle.read(4096), uploaded=False)
        kind = f"is a {path.suffix.lower()} file; Goal Planner reads .xlsx workbooks, "
        kind += ".zip files of a data folder, and data folders."
        fix = "Save it as an Excel Workbook (.xlsx), or export each sheet as CSV UTF-8 into "
        other = issue(escaped(str(folder)), None, None, kind, fix + "one folder.")
        raise InvalidInputError([plan or other])
    if os.fspath(folder) == "-" and not path.exists():
        said = f"names standard input, but the data cannot be read from a pipe: {_PIPED}"
        raise InvalidInputError([issue("DATA_DIR -", None, None, said, _SAVE_PIPED)])
    if is_pipe(path):
        said = f"is a pipe, not a folder, and the data cannot be read from one: {_PIPED}"
        raise InvalidInputError([issue(escaped(str(folder)), None, None, said, _SAVE_PIPED)])
    if not path.is_dir():
        if path.is_file() and path.stat().st_size <= _MOST_UNNAMED_BYTES:
            with path.open("rb") as handle:
                data = handle.read(_MOST_UNNAMED_BYTES)
            if unnamed := named_otherwise(escaped(str(folder)), path.name, data):
                raise InvalidInputError([unnamed])
        what = f"{not_a_file(path) or 'is a file'}, not a folder." if path.exists() else None
        fix = _GIVE_FOLDER
        if what is None and path.is_symlink():
            what = f"{_broken_link(path)}."
        elif what is None:  # '~/q3' in quotes names a folder called '~': said so
            what, fix = told_unexpanded(_nothing_there(path), str(folder), fix)
        raise InvalidInputError([issue(escaped(str(folder)), None, None, what, fix)])


def _nothing_there(path: Path) -> str:
    """What is said of a data path that is not there: a workbook or a zip by its name's
    ending (``q3.xlsx`` read "there is no such folder"), else a folder."""
    kind = {".xlsx": "workbook", ".xlsm": "workbook", ".zip": "zip"}.get(path.suffix.lower())
    if kind is None:
        return "there is no such folder."
    return f"there is no such {kind} (no file of that name)."


def _holding_folder(path: Path) -> str:
    """The folder that holds the data file ``path``, as a leader reads it: its path, or
    "this folder" by its name when it is the current one ("Give the folder that holds
    it: ." read as a full stop)."""
    if path.parent != Path():
        return escaped(str(path.parent))
    name = Path.cwd().name
    here = f"this folder ('{escaped(name)}')" if name else "this folder"
    return f"{here}, given as a dot (.)"


def _reader(file: Path, listed: os.stat_result) -> Callable[[int], bytes]:
    """Reads ``file`` up to a limit, refusing it when it changed since it was ``listed``."""

    def read(limit: int) -> bytes:
        with file.open("rb") as handle:
            before = os.fstat(handle.fileno())
            data = _read_bounded(handle, limit)
            after = os.fstat(handle.fileno())
        if changed_while_read(listed, before, after, len(data), limit):
            raise ChangedWhileReadError(str(file))
        return data

    return read


def _folder_entries(folder: str | Path, path: Path) -> tuple[list[_Entry], list[InputIssue]]:
    """The folder's files, each to be read when asked, and the problems seen while listing
    them (a file linked from outside, a data file's name on something that is no file)."""
    entries: list[_Entry] = []
    special: list[InputIssue] = []
    data_files = {*RAW_FILES, SETTINGS_FILE}
    try:
        for item in sorted(path.iterdir()):
            if item.is_file():
                listed = item.stat()
                entries.append(_Entry(item.name, listed.st_size, _reader(item, listed)))
                if (elsewhere := _read_from_outside(item, path)) is not None:
                    special.append(elsewhere)
            elif item.name.strip().lower() in data_files and _gone(item):
                name = item.name.strip().lower()
                special.append(issue(name, None, None, *VANISHED))
            elif item.name.strip().lower() in data_files and not _gone(item):
                # Named like a data file but not one: say what it is, never "missing",
                # and never open it (a FIFO or a device would block or never end).
                special.append(
                    issue(
                        item.name.strip().lower(),
                        None,
                        None,
                        f"{escaped(str(item))} {not_a_file(item)}, not a file.",
                        "Put the file itself in the folder (a link must point to a file)."
                        if item.is_symlink()
                        else f"Put the {item.name.strip().lower()} file itself in its place.",
                    )
                )
    except OSError as exc:
        said, where = f"the folder cannot be read ({os_reason(exc)}).", escaped(str(folder))
        raise InvalidInputError([issue(where, None, None, said, UNREADABLE_FIX)]) from None
    return entries, special


def _read_from_outside(item: Path, folder: Path) -> InputIssue | None:
    """A warning that data file ``item`` is a link to a file outside ``folder``, read from
    there: teams.csv linked to /etc/hostname read "the required column 'team_id' is
    missing" and "the column 'vm' is not one Goal Planner knows", naming neither the link
    nor the file it leads to. A link within the folder, or any other file: None."""
    name = item.name.strip().lower()
    if name not in {*RAW_FILES, SETTINGS_FILE} or not item.is_symlink():
        return None
    try:
        target, inside = item.resolve(strict=True), folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return None  # a loop or a link gone meanwhile: the reading says so
    if target.is_relative_to(inside):
        return None
    return issue(
        name,
        None,
        None,
        f"it is a link to {escaped(str(target))}, outside the data folder, and is read from there.",
        f"If that is not the {name} meant, put the file itself in the folder.",
        Severity.WARNING,
    )


def input_paths(data: str | Path, settings: str | Path | None = None) -> list[Path]:
    """The files a load of ``data`` (and ``settings``) reads.

    A data folder's files named like data files, or the workbook or zip
    itself, and the settings file: a command's output must never replace
    one of them (``--out data/projects.csv`` would overwrite the input).
    """
    path = Path(data)
    found = [] if settings is None else [Path(settings)]
    if not path.is_dir():
        return [path, *found]
    names = {*RAW_FILES, SETTINGS_FILE}
    # An unreadable folder fails the load itself, with its own message.
    with contextlib.suppress(OSError):
        found += [item for item in path.iterdir() if item.name.strip().lower() in names]
    return found


def _broken_link(path: Path) -> str:
    """Why a link leads nowhere: its target is missing, or links lead back to themselves."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"is a link to {escaped(os.readlink(path))} that leads back to itself"
    return f"is a link to {escaped(os.readlink(path))}, which does not exist"


def not_a_file(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file ("is a folder"...), else None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return _broken_link(path)
        return "does not exist"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _broken_link(path)
        return f"cannot be looked at ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    return f"is a {special_kind(mode)}"


def collect_zip(
    data: bytes, where: str = "the zip file"
) -> tuple[DataTables, list[InputIssue], frozenset[str]]:
    """A zip of a data folder (``data``, its bytes) read as :func:`collect_folder` reads a
    folder; too large a zip, too many entries or a file of another kind named ``.zip`` is
    refused whole, ``where`` naming it."""
    if len(data) > MAX_ZIP_BYTES:
        raise InvalidInputError([too_big(where, len(data), MAX_ZIP_BYTES)])
    # Counted from the zip's end record before any look at its entries (each reads them all).
    if (many := more_entries_than(data, MAX_ZIP_ENTRIES)) is not None:
        raise InvalidInputError([_too_many_entries(where, many)])
    # A workbook, CSV text or an .xls renamed .zip is named as what it is.
    if (misnamed := not_a_data_zip(data, where)) is not None:
        raise InvalidInputError([misnamed])
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InvalidInputError([_too_many_entries(where, f"{len(infos):,}")])
    known = {*RAW_FILES, SETTINGS_FILE}
    by_folder: dict[str, list[zipfile.ZipInfo]] = {}
    folders: set[PurePosixPath] = set()  # every folder, listed or implied by a path
    for info in infos:
        name = PurePosixPath(info.filename.replace("\\", "/"))
        if "__MACOSX" in name.parts or name.name.startswith("."):
            continue
        if (outside := data_file_out_of_zip(info, name, known, where)) is not None:
            raise InvalidInputError([outside])  # read from the zip only, never from disk
        if leads_out(name):
            continue  # not a data file (one is named above), so never read
        name = unpacked_path(name)  # q3/x/../teams.csv is in q3 with the others
        folders.update((name, *name.parents) if info.is_dir() else name.parents)
        if not info.is_dir():
            by_folder.setdefault(str(name.parent), []).append(info)
    with_data = sorted(
        folder
        for folder, members in by_folder.items()
        if any(_base_name(m).strip().lower() in known for m in members)
    )
    if len(with_data) > 1:
        climbing = [
            m.filename
            for folder in with_data
            for m in by_folder[folder]
            if ".." in m.filename.replace("\\", "/").split("/")
            and _base_name(m).strip().lower() in known
        ]
        raise InvalidInputError([folders_issue(where, with_data, climbing)])
    names = sorted(_base_name(m) for members in by_folder.values() for m in members)
    inner = [n for n in names if n.lower().endswith((*DATA_WORKBOOK_SUFFIXES, ".zip"))]
    if not with_data and inner:  # "teams.csv is missing" would send the leader looking
        listed = first_few(inner, 3)
        what = f"it holds no data files (teams.csv, projects.csv ...), only {listed}."
        fix = inner_files_fix(inner)
        raise InvalidInputError([issue(where, None, None, what, fix)])
    chosen = by_folder.get(with_data[0], []) if with_data else []

    def reader(info: zipfile.ZipInfo) -> Callable[[int], bytes]:
        def read(limit: int) -> bytes:
            # Read at most limit bytes: the declared size of an entry may lie.
            with archive.open(info) as handle:
                return _read_bounded(handle, limit)

        return read

    with archive:
        kept, links = stored_as_links(archive, chosen, known)  # a link holds no data
        entries = [_Entry(_base_name(i), i.file_size, reader(i), (where, i.filename)) for i in kept]
        tables, issues, unreadable = _tables_from(entries)
    there, files = with_data[0] if with_data else ".", {e.name.strip().lower() for e in entries}
    odd = folders_named_like_data(folders, there, files, known)
    return tables, [*odd.values(), *links.values(), *issues], unreadable | set(links) | set(odd)


def _too_many_entries(where: str, many: str) -> InputIssue:
    """A zip of more entries (``many``: "200,000") than :data:`MAX_ZIP_ENTRIES`."""
    said = f"it holds {many} entries; at most {MAX_ZIP_ENTRIES:,} are read."
    return issue(where, None, None, said, "Zip only the data folder.")


def _read_bounded(handle: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes, read in chunks (``read(limit)`` would reserve all of it)."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = handle.read(min(2**20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _base_name(info: zipfile.ZipInfo) -> str:
    return PurePosixPath(info.filename.replace("\\", "/")).name


def _tables_from(entries: list[_Entry]) -> tuple[DataTables, list[InputIssue], frozenset[str]]:
    """Read the data files among ``entries``; every problem is collected.

    Returns the tables, the reading errors and the files that could not be
    read (so that the builder neither calls them missing nor checks
    references into them).
    """
    issues: list[InputIssue] = []
    unreadable: set[str] = set()
    frames: dict[str, pd.DataFrame] = {}
    settings_text: str | None = None
    groups, notes = _data_files(entries)
    used = 0  # cells read: the files together are held to the cap
    for key, group in groups.items():
        data = _data_bytes(key, group, issues)
        if data is None:
            unreadable.add(key)
        elif key == SETTINGS_FILE:
            settings_text = _settings_text(data, key, issues)
            if settings_text is None:
                unreadable.add(key)
        else:
            frame = parse_csv(data, key, issues, used)
            if frame is None:
                unreadable.add(key)
            else:
                frames[key], used = frame, used + frame.size + len(frame.columns)
    return DataTables(frames, settings_text, tuple(notes)), issues, frozenset(unreadable)


def _data_files(entries: list[_Entry]) -> tuple[dict[str, list[_Entry]], list[InputIssue]]:
    """The entries named as a data file (lower-case name -> entries), and notes on the
    files ignored: other CSV files, a data file saved in another format, a workbook."""
    notes: list[InputIssue] = []
    groups: dict[str, list[_Entry]] = {}
    stems = {Path(f).stem: f for f in (*RAW_FILES, SETTINGS_FILE)}
    for entry in entries:
        key = entry.name.strip().lower()
        if key in RAW_FILES or key == SETTINGS_FILE:
            groups.setdefault(key, []).append(entry)
    others: list[_Entry] = []  # CSV files by another name: told the name of what they hold
    for entry in entries:
        key = entry.name.strip().lower()
        stem, suffix = Path(key).stem, Path(key).suffix
        if key in RAW_FILES or key == SETTINGS_FILE:
            continue
        elif written_by_the_planner(entry.name, entry.size, entry.read):
            continue  # a plan or report the planner wrote beside the data (an export)
        elif suffix == ".csv":
            others.append(entry)
        elif stem in RAW_FILES and stem not in groups:
            # 'teams.csv.txt': Notepad adds .txt when it saves a text document, and Windows
            # hides it; the file was ignored without a word beside "teams.csv is missing".
            notes.append(
                issue(
                    entry.name,
                    None,
                    None,
                    f"its name ends in {suffix} after .csv, so it is not read as {stem} "
                    f"(Notepad adds {suffix} when it saves a text document, and Windows may "
                    "hide it).",
                    f"Rename it {stem}.",
                    Severity.WARNING,
                )
            )
        elif stem in stems and suffix in (".xlsx", ".xls", ".ods", ".numbers", ".tsv", ".txt"):
            notes.append(
                issue(
                    entry.name,
                    None,
                    None,
                    "only CSV files are read, so this file is ignored.",
                    f"Save it as CSV UTF-8 named {stems[stem]}.",
                    Severity.WARNING,
                )
            )
        elif suffix in DATA_WORKBOOK_SUFFIXES:
            # A leader who saved the quarter as a workbook beside (or instead of) the CSVs.
            notes.append(
                issue(
                    entry.name,
                    None,
                    None,
                    "this workbook is not read: a data folder's tables are its CSV files.",
                    "If it holds the quarter's data, give the workbook itself instead of the "
                    "folder.",
                    Severity.WARNING,
                )
            )
    # An optional table under another name is planned without too: a calendar saved as
    # 'weeks.csv' left every team's weeks even, with only 'The data files are ...'.
    missing = {f: REQUIRED_COLUMNS[f] for f in RAW_FILES if f not in groups}
    held = [
        _table_held(entry, missing) if number < _LOOKED_INTO else None
        for number, entry in enumerate(others)
    ]
    for entry, table in zip(others, held, strict=True):
        notes.append(
            issue(
                entry.name,
                None,
                None,
                "this file is not one of Goal Planner's data files, so it is ignored.",
                _rename_fix(
                    table, [e.name for e, t in zip(others, held, strict=True) if t == table]
                ),
                Severity.WARNING,
            )
        )
    return groups, notes


#: Other CSV files looked into for the table they hold, beside a missing data file.
_LOOKED_INTO = 10


def _table_held(entry: _Entry, missing: Mapping[str, Sequence[str]]) -> str | None:
    """The missing data file whose required columns the header of ``entry``, a CSV file by
    another name, names ('teams (1).csv', a browser's second download); None if none."""
    if not missing:
        return None
    try:
        head = entry.read(4096).decode("utf-8-sig", "replace").splitlines()[:1]
    except _READ_ERRORS:
        return None
    for separator in (",", ";", "\t"):
        names = {cell.strip().strip('"').lower() for cell in "".join(head).split(separator)}
        # The table its header is (a rules file's names hold an estimate's too).
        table = recognise_table(names)
        if table is not None and table in missing:
            return table
    return None


def _rename_fix(table: str | None, holders: Sequence[str]) -> str:
    """The fix for a CSV file by another name: to take the name of the missing data file
    ``table`` it holds, as a workbook's sheet 'Teams (2)' is told; else the data files'
    names. ``holders``: every file holding that table ('weeks.csv' and 'capacity.csv' were
    each told to be renamed calendar.csv): one of them is to be chosen."""
    if table is None:
        return f"The data files are {', '.join(RAW_FILES)}."
    stem = Path(table).stem
    if len(holders) > 1:
        return (
            f"Keep one of them as {table} (rename it), and delete or rename the others: "
            f"{joined([escaped(h) for h in holders])} each hold the {stem} table (its "
            f"columns), and the folder has no {table}."
        )
    return (
        f"Rename it {table}: it holds the {stem} table (its columns), and the folder has "
        f"no {table}."
    )


def _data_bytes(key: str, group: list[_Entry], issues: list[InputIssue]) -> bytes | None:
    """The one file named ``key``'s bytes, within its cap; None (with the problem) if not."""
    if len(group) > 1:
        names = ", ".join(escaped(e.name) for e in group)
        issues.append(
            issue(
                key,
                None,
                None,
                f"there are {len(group)} files named so ({names}); names ignore case.",
                "Keep one of them: delete or rename the others.",
            )
        )
        return None
    entry = group[0]
    limit = MAX_SETTINGS_BYTES if key == SETTINGS_FILE else MAX_FILE_BYTES
    if entry.size > limit:
        issues.append(_member_too_big(key, entry, limit) or too_big(key, entry.size, limit))
        return None
    try:
        data = entry.read(limit + 1)
    except FileNotFoundError:
        issues.append(issue(key, None, None, *VANISHED))
        return None
    except ChangedWhileReadError:
        issues.append(issue(key, None, None, *CHANGED_WHILE_READ))
        return None
    except _READ_ERRORS as exc:
        # A file of a zip that does not unpack (a byte changed in transit) has no
        # permissions to check: its zip is made again.
        issues.append(issue(key, None, None, *not_unpacked(exc, UNREADABLE_FIX)))
        return None
    if len(data) > limit:  # larger than it said
        issues.append(
            _member_too_big(key, entry, limit, declared=False) or too_big(key, None, limit)
        )
        return None
    return data


def _member_too_big(
    key: str, entry: _Entry, limit: int, *, declared: bool = True
) -> InputIssue | None:
    """The problem of a zip's member past its byte cap, naming the zip, the member and the
    cap: "the file has 1,073,741,824 bytes" named neither the zip nor where in it; None
    for a file of a folder."""
    if entry.member is None:
        return None
    book, path = entry.member
    size = f"declares {entry.size:,} bytes unpacked" if declared else "unpacks past that"
    cap = f"at most {limit:,} bytes ({limit / 2**20:.1f} MB) of {key} are read"
    fix = too_big(key, entry.size, limit).fix
    return issue(
        key,
        None,
        None,
        f"{escaped(path)} in {escaped(book)} {size}; {cap}.",
        f"If it is the file meant: {fix[:1].lower()}{fix[1:]} Otherwise zip the data folder "
        "again: a zip whose sizes are wrong is damaged.",
    )


_BOOK_SETTINGS = (
    "the file is a workbook, not settings TOML.",
    "Give a TOML file such as settings.toml, or the workbook itself as the data.",
)
_NOT_UTF8_SETTINGS = (
    "the file is not UTF-8 text.",
    "Save it as UTF-8 text (in Notepad: File > Save As, Encoding UTF-8).",
)


_UTF16_SETTINGS = (
    "the file is saved as UTF-16 text.",
    "Save it as UTF-8 text (in Notepad: File > Save As, Encoding UTF-8).",
)


def _settings_text(data: bytes, file: str, issues: list[InputIssue]) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or looks_utf16(data[:4096]):
        issues.append(issue(file, None, None, *_UTF16_SETTINGS))
        return None
    try:
        # Every byte-order mark at its start, as a data file's (a file saved twice with one
        # each read "a character nobody can see there, \ufeff (column 1)").
        return data.decode("utf-8-sig").lstrip("\ufeff").removesuffix("\x1a")  # and Ctrl-Z
    except UnicodeDecodeError:
        why, fix = _BOOK_SETTINGS if data.startswith(b"PK\x03\x04") else _NOT_UTF8_SETTINGS
        issues.append(issue(file, None, None, why, fix))
        return None


def read_settings_file(
    path: Path, file: str, issues: list[InputIssue], typed: str | None = None
) -> str | None:
    """The settings file's text, or None with its problem added to ``issues``.

    ``typed`` is the path as the user gave it, named where it is no file: ``Path`` drops
    a last slash (``--settings nope.toml/`` read "no settings file at nope.toml")."""
    shown = str(path) if typed is None else typed
    try:
        if is_pipe(path):
            # --settings <(printf ...): a shell's pipe, read once as the file would be.
            data = read_pipe(path, MAX_SETTINGS_BYTES)
            if len(data) > MAX_SETTINGS_BYTES:
                issues.append(too_big(file, None, MAX_SETTINGS_BYTES))
                return None
            return _settings_text(data, file, issues)
        if not path.is_file():
            what = not_a_file(path)
            fix = "Give the path of a TOML file."
            if what == "does not exist":
                said = f"there is no settings file at {escaped(shown)}."
                file, (message, fix) = shown, told_unexpanded(said, shown, fix)
            else:
                # Labelled with the path as given: a folder's own name ("data") read as a
                # problem of that folder, not of the settings named.
                file, message = shown, f"{what}, not a settings file."
            issues.append(issue(file, None, None, message, fix))
            return None
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            issues.append(too_big(file, path.stat().st_size, MAX_SETTINGS_BYTES))
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_SETTINGS_BYTES + 1)
    except PipeTimeout:
        issues.append(issue(file, None, None, *waited_words("settings")))
        return None
    except OSError as exc:
        said = f"the file cannot be read ({os_reason(exc)})."
        issues.append(issue(file, None, None, said, UNREADABLE_FIX))
        return None
    return _settings_text(data, file, issues)


#: What to do about a file the system will not read (no permission, a disk error).
UNREADABLE_FIX = "Check that you may read it (its permissions), or copy it to a folder of your own."


def unreachable(given: str | Path, exc: OSError) -> InvalidInputError:
    """The data path when it cannot even be looked at: a folder on its way that may not be
    opened read "unreadable_dir/d: Permission denied. Fix: Check the path, that it is yours
    to read or write, and the disk", a fault no check had named."""
    said = f"cannot be reached ({os_reason(exc)})"
    if exc.errno in (errno.EACCES, errno.EPERM):
        said += ": you may not open a folder on its path"
    fix = "Check that you may open each folder on the path (its permissions), or copy the "
    fix += "data to a folder of your own."
    return InvalidInputError([issue(escaped(str(given)), None, None, f"{said}.", fix)])


#: A file listed in its folder and gone when read: a program that saves by replacing the
#: file (a spreadsheet, a sync client) leaves a moment when it is not there. Its
#: permissions, or its being no file, were the wrong things to say.
class ChangedWhileReadError(OSError):
    """A data file whose size or time of change moved while it was listed and read."""


def changed_while_read(
    listed: os.stat_result, before: os.stat_result, after: os.stat_result, read: int, limit: int
) -> bool:
    """Whether a file was written to between its listing and the end of its reading, or the
    ``read`` bytes (fewer than ``limit``: the whole file) are not the size it has: a program
    was still writing it."""
    marks = {(s.st_size, s.st_mtime_ns) for s in (listed, before, after)}
    return len(marks) > 1 or (read < limit and read != after.st_size)


#: A data file written to while it was read: its last row, cut short, read as "the row has
#: 2 cells but the header has 16 columns. Fix: Add the missing cells", or the whole file as
#: "the file is empty", sending the leader to fix a file that was whole a moment later.
CHANGED_WHILE_READ = (
    "the file changed while it was read (a program, a spreadsheet's save or a sync client "
    "was writing it), so what was read may be cut short.",
    "Run the command again once the program has finished writing it.",
)


VANISHED = (
    "the file was in the folder when it was listed and is gone now (another program "
    "moved or replaced it meanwhile).",
    "Run the command again once the file is in place (a spreadsheet or a sync client that "
    "saves by replacing the file may have been writing it).",
)


def _gone(path: Path) -> bool:
    """``path``, listed in its folder, is no longer there (and was no link)."""
    return not path.is_symlink() and not_a_file(path) == "does not exist"
