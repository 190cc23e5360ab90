"""What a file given as a workbook or a zip really holds, when its name says otherwise.

A CSV renamed ``data.xlsx``, a zipped data folder renamed ``.xlsx``, a workbook
renamed ``.zip`` or an old ``.xls`` saved under the new name were reported as
"not a readable .xlsx workbook (BadZipFile)", "(KeyError)", or as a zip whose
teams.csv and projects.csv are missing: words that sent the leader looking for
the wrong thing. The bytes say what the file is; the message says it and the fix.
A workbook's hidden sheet is named too: it is read, though nobody sees it in Excel.
"""

from __future__ import annotations

import errno
import html
import io
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath

from planner.core.decoding import looks_utf16
from planner.core.errors import InputIssue, Severity
from planner.core.identifiers import escaped
from planner.core.tables import COLUMNS, PLAN_COLUMNS, issue
from planner.core.toml_text import toml_loads
from planner.core.workbook_size import MAX_WORKBOOK_PARTS
from planner.core.zip_entries import more_entries_than

#: Workbooks read as data: Excel workbooks, with macros (``.xlsm``) or without, and Excel
#: templates (``.xltx``, ``.xltm``: the same sheets). openpyxl reads their sheets' values;
#: macros are never run (nor kept).
DATA_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")

_ZIP = b"PK\x03\x04"
#: The header of Office 97-2003 files (.xls, .doc): OLE2 compound documents.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
#: A workbook saved with a password: Office wraps the encrypted .xlsx in an OLE2 file
#: whose streams are named (in UTF-16) EncryptionInfo and EncryptedPackage.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PASSWORD = (
    "Remove the password: in Excel, File > Info > Protect Workbook > Encrypt with Password, "
    "clear it and save (LibreOffice: File > Save As, untick Save with password)."
)

_LOCKED = "this workbook is protected with a password, so its sheets cannot be read."
#: A zip entry's general-purpose flag for an encrypted entry (APPNOTE 4.4.4, bit 0).
_ZIP_ENCRYPTED = 0x1
_LOCKED_ZIP = "this zip is protected with a password, so its files cannot be read."
_UNLOCK_ZIP = "Zip the files again without a password (e.g. right-click > Compress)."
_REBUILD_ZIP = "Zip the data folder again (e.g. right-click > Compress)."
_SAVE_XLSX = (
    "Save it from your spreadsheet as an Excel workbook (.xlsx), or export each sheet as CSV UTF-8."
)


def _kind(data: bytes) -> str | None:
    """``workbook``, ``csv zip``, ``ods``, ``xls``, ``xlsb``, ``encrypted`` (a workbook with a
    password), ``locked zip`` (a zip with a password), ``text`` or None (none of these)."""
    if data.startswith(_OLE2):
        return "encrypted" if _ENCRYPTED in data else "xls"
    if data.startswith(_ZIP):
        if more_entries_than(data, MAX_WORKBOOK_PARTS) is not None:
            return None  # neither read (ZipFile would read every entry to say so)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return None
        names = [PurePosixPath(i.filename.replace("\\", "/")) for i in infos]
        if any(info.flag_bits & _ZIP_ENCRYPTED for info in infos):
            # zip -e, 7-Zip's or Windows' "add a password": no part can be read without it
            # (read as "an internal error" from a workbook, per file as "check that you may
            # read it (its permissions)" from a data zip).
            workbook = any(n.parts[:1] == ("xl",) for n in names)
            return "encrypted" if workbook else "locked zip"
        if _ODS in data[:200]:
            return "ods"
        if any(n.parts[:1] == ("xl",) for n in names) and "[Content_Types].xml" in map(str, names):
            # An Excel Binary Workbook holds its sheets as .bin parts no .xlsx reader reads.
            return "xlsb" if PurePosixPath("xl/workbook.bin") in names else "workbook"
        if any(n.suffix.lower() == ".csv" and "__MACOSX" not in n.parts for n in names):
            return "csv zip"
        return None
    head = data[:4096]
    if not head.strip() or b"\x00" in head or looks_utf16(head):
        return None
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not merely a character cut at the 4,096th byte
            return None
    return "text"


def _first_line(data: bytes) -> str:
    line = data[:200].decode("utf-8-sig", errors="replace").splitlines()[0].strip()
    return line if len(line) <= 60 else line[:60] + "…"


def not_a_workbook(data: bytes, book: str) -> InputIssue:
    """The problem with ``book``, given as an ``.xlsx`` workbook that openpyxl cannot read."""
    if not data:
        return _empty_file(book, "Save the workbook again from your spreadsheet")
    kind = _kind(data)
    if kind == "text":
        first = _first_line(data)
        return issue(
            book,
            None,
            None,
            f"this is text (CSV?), not an .xlsx workbook: its first line reads {first!r}.",
            "Give it the .csv name it was saved with (one file of a data folder, or one table "
            "to upload on the Data page), or save it from your spreadsheet as an Excel "
            "workbook (.xlsx).",
        )
    if kind == "csv zip":
        return issue(
            book,
            None,
            None,
            "this is a zip of CSV files, not an .xlsx workbook.",
            "Rename it to .zip: a zip of a data folder is read as it is.",
        )
    if kind == "encrypted":
        return issue(book, None, None, _LOCKED, _PASSWORD)
    if kind == "locked zip":
        return issue(book, None, None, _LOCKED_ZIP, _UNLOCK_ZIP)
    words = {
        "xls": "an Excel 97-2003 workbook (.xls), not an .xlsx workbook",
        "xlsb": "an Excel Binary Workbook (.xlsb), not an .xlsx workbook",
        "ods": "an OpenDocument spreadsheet (.ods), not an .xlsx workbook",
    }
    what = words.get(kind or "", "not a readable .xlsx workbook")
    return issue(book, None, None, f"this is {what}.", _SAVE_XLSX)


def named_otherwise(shown: str, name: str, data: bytes) -> InputIssue | None:
    """The problem with a file given as the data whose name does not say what it holds: a
    workbook or a data zip saved by a browser without its extension ('quarter', 'Q3
    data.download') read "is a file, not a folder". None: it holds neither."""
    kind = _kind(data)
    if kind not in ("workbook", "csv zip"):
        return None
    what, suffix = (
        ("an Excel workbook", ".xlsx")
        if kind == "workbook"
        else (
            "a zip of a data folder",
            ".zip",
        )
    )
    # "quarter." (its extension cut off after the dot) is quarter.xlsx, not quarter..xlsx.
    renamed = escaped(str(PurePosixPath(name.rstrip(".") or name).with_suffix(suffix)))
    return issue(
        shown,
        None,
        None,
        f"it holds {what}, but its name does not say so.",
        f"Rename it to {renamed}, and give that.",
    )


def not_a_data_zip(data: bytes, where: str) -> InputIssue | None:
    """The problem with ``where``, given as a zip of a data folder, when it holds something
    else: a workbook, CSV text, an older spreadsheet, or no zip at all (None: a zip)."""
    if not data:
        return _empty_file(where, "Zip the data folder again (e.g. right-click > Compress)")
    kind = _kind(data)
    entries = _zip_entries(data) if kind is None else None
    if entries is not None and not any(not entry.is_dir() for entry in entries):
        # A zip of an empty folder, or of nothing: it was "not a readable zip file", of a
        # zip any tool opens, with the fix to zip the folder again, which gave the same.
        return issue(
            where,
            None,
            None,
            "the zip holds no files" + (" (only empty folders)." if entries else "."),
            "Zip the data folder's files themselves: teams.csv, projects.csv and the rest.",
        )
    if kind == "csv zip" or (kind is None and data.startswith(_ZIP) and _readable_zip(data)):
        return None
    if kind == "workbook":
        return issue(
            where,
            None,
            None,
            "this is an Excel workbook, not a zip of a data folder.",
            "Rename it to .xlsx: a workbook is read as it is.",
        )
    if kind == "text":
        return issue(
            where,
            None,
            None,
            f"this is text (CSV?), not a zip: its first line reads {_first_line(data)!r}.",
            "Give it the .csv name it was saved with, in a data folder; or zip the data "
            "folder again (e.g. right-click > Compress).",
        )
    if kind == "encrypted":
        return issue(where, None, None, _LOCKED, _PASSWORD)
    if kind == "locked zip":
        return issue(where, None, None, _LOCKED_ZIP, _UNLOCK_ZIP)
    if kind in ("xls", "xlsb", "ods"):
        old = {
            "xls": "an Excel 97-2003 workbook (.xls)",
            "xlsb": "an Excel Binary Workbook (.xlsb)",
        }.get(kind, "an OpenDocument spreadsheet")
        return issue(where, None, None, f"this is {old}, not a zip.", _SAVE_XLSX)
    if (before := _bytes_before_the_zip(data)) is not None:
        return issue(
            where,
            None,
            None,
            f"this is a self-extracting archive ({before} with a zip after it), not a zip.",
            "Unpack it with a zip tool (7-Zip or unzip opens it without running it), then "
            "zip the data folder again (e.g. right-click > Compress).",
        )
    return issue(where, None, None, "it is not a readable zip file.", _REBUILD_ZIP)


def bytes_before_a_workbook(data: bytes, book: str) -> InputIssue | None:
    """The problem with ``book`` when other bytes stand before its workbook (a program, or
    another file, the workbook appended to it): read from its end, as zip tools read a
    zip, it validated, and the planner read the workbook inside it. Excel does not open
    it. None: it starts as a workbook does (or holds none)."""
    if data.startswith(_ZIP) or (before := _bytes_before_the_zip(data)) is None:
        return None
    return issue(
        book,
        None,
        None,
        f"this is {before} with a workbook after it, not an .xlsx workbook (Excel does not "
        "open it).",
        "Give the workbook itself: open the original in your spreadsheet and save it as an "
        "Excel Workbook (.xlsx); a program that came with a workbook inside is not one to run.",
    )


#: What the first bytes of a self-extracting archive say its program is.
_PROGRAMS = {b"MZ": "a Windows program", b"\x7fELF": "a Linux program", b"#!": "a script"}


def _bytes_before_the_zip(data: bytes) -> str | None:
    """What stands before the zip in ``data`` (``a Windows program of 5,000 bytes``) when
    it is a self-extracting archive: a program a zip is appended to, which zip tools open.
    It read "not a readable zip file", with the fix to zip the folder again. None: no zip
    follows other bytes."""
    start = data.find(_ZIP)
    if start <= 0 or not _readable_zip(data):
        return None
    what = next((said for head, said in _PROGRAMS.items() if data.startswith(head)), "a file")
    return f"{what} of {start:,} bytes"


def _empty_file(where: str, fix: str) -> InputIssue:
    """An empty file given as a workbook or a zip: it read "not a readable .xlsx workbook"
    (or zip file), as if something in it were damaged."""
    return issue(
        where,
        None,
        None,
        "the file is empty (0 bytes), as a download or a save that did not finish leaves it.",
        f"{fix}, or download it again.",
    )


def _zip_entries(data: bytes) -> list[zipfile.ZipInfo] | None:
    """The entries (files and folders) of the zip ``data``, or None when it is none; an
    empty zip is its end record alone, which starts with PK 5 6."""
    if not data.startswith((_ZIP, b"PK\x05\x06")):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None


def _readable_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    return True


def hidden_sheet(where: str, state: str) -> InputIssue:
    """A warning: the data sheet ``where`` is hidden (``state``) yet read like any other.

    Its rows (pins and forbids, a team's hours) shape the plan unseen; a "very hidden"
    sheet cannot even be unhidden from Excel's menus.
    """
    how = (
        "Unhide it (right-click a sheet tab > Unhide) to see what the plan is made from."
        if state == "hidden"
        else "Excel's menus cannot unhide a 'very hidden' sheet: check its rows in the data "
        "as CSV files (the Data page's download, or planner scenarios export)."
    )
    return issue(
        where,
        None,
        None,
        "this sheet is hidden in the workbook, but its rows are read and planned with.",
        how,
        Severity.WARNING,
    )


#: A report workbook beside the data is read up to this size to tell what it is.
_MOST_REPORT_BYTES = 16 * 2**20
#: A sheet's name in xl/workbook.xml (``<sheet name="Plan" sheetId="2" r:id="rId2"/>``).
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"')


def written_by_the_planner(name: str, size: int, read: Callable[[int], bytes]) -> bool:
    """Whether a file beside a quarter's data is one the planner wrote there.

    A plan by any name (plan.csv's own columns: ``whatif.csv``, ``rest-of-quarter.csv``)
    or a report workbook (plan.xlsx, comparison.xlsx: the sheets the planner writes),
    as ``planner scenarios export`` writes beside the data. Loading the folder again
    warned that they were not data files: nothing a leader could act on. ``read(n)``
    gives at most ``n`` bytes of the file.
    """
    suffix = PurePosixPath(name.lower()).suffix
    try:
        if suffix == ".csv":
            header = read(4096).decode("utf-8-sig", "replace").partition("\n")[0]
            return tuple(c.strip().lower() for c in header.split(",")[:12]) == PLAN_COLUMNS[:12]
        if suffix not in DATA_WORKBOOK_SUFFIXES or size > _MOST_REPORT_BYTES:
            return False
        data = read(_MOST_REPORT_BYTES)
        if more_entries_than(data, MAX_WORKBOOK_PARTS) is not None:
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 2**20:  # a sheet list, never megabytes
                return False
            book = archive.read(info)
    except (OSError, EOFError, KeyError, ValueError, RuntimeError, zipfile.BadZipFile, zlib.error):
        return False
    sheets = tuple(html.unescape(n.decode("utf-8", "replace")) for n in _SHEET_NAME.findall(book))
    return _report_sheets(sheets)


def holds_data(name: str, read: Callable[[int], bytes]) -> str | None:
    """What a file a plan would be written over holds when it is data a leader may have
    edited: a data table's columns (``teams.csv``'s), or a data workbook's sheets (teams
    and projects); None for anything else. ``read(n)`` gives at most ``n`` bytes of it.

    `solve --out our-quarter.xlsx` replaced the workbook `validate --workbook` had written
    for the leader to edit (a plan is replaced without --force; data never is).
    """
    suffix = PurePosixPath(name.lower()).suffix
    try:
        if suffix == ".csv":
            header = read(4096).decode("utf-8-sig", "replace").partition("\n")[0]
            found = {c.strip().strip('"').lower() for c in header.split(",")}
            if set(PLAN_COLUMNS[:12]) <= found:  # a plan (project_id, team_id, effort_hours)
                return None
            tables = [t for t, columns in COLUMNS.items() if set(columns[:3]) <= found]
            return f"{tables[0]}'s columns" if tables else None
        if suffix not in DATA_WORKBOOK_SUFFIXES:
            return None
        with zipfile.ZipFile(io.BytesIO(read(_MOST_REPORT_BYTES))) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 2**20:
                return None
            book = archive.read(info)
    except (OSError, EOFError, KeyError, ValueError, RuntimeError, zipfile.BadZipFile, zlib.error):
        return None
    sheets = {
        html.unescape(n.decode("utf-8", "replace")).strip().lower()
        for n in _SHEET_NAME.findall(book)
    }
    return "the data's teams and projects sheets" if {"teams", "projects"} <= sheets else None


#: plan.xlsx's last sheet: the plan's score, for analysts, off the board's Summary, named
#: as the app's Advanced panel and the command line name it.
SCORE_SHEET = "Score (analysts)"
#: The same sheet in a plan.xlsx written before it was named so: still the planner's own.
_SCORE_SHEET_BEFORE = "Ranking score (analysts)"
#: Every sheet plan.xlsx may have, in the order the planner writes them: "Quarter end" in a
#: check-in's re-plan, "Weekly load" in a quarter planned in weeks, the score's sheet since
#: it left the Summary (a plan.xlsx written before has none).
_PLAN_SHEETS = (
    "Summary",
    "Quarter end",
    "Plan",
    "Goals",
    "Team load",
    "Weekly load",
    "Left out",
    SCORE_SHEET,
    _SCORE_SHEET_BEFORE,
)
#: The sheets every plan.xlsx has.
_PLAN_SHEETS_ALWAYS = ("Summary", "Plan", "Goals", "Team load", "Left out")
#: comparison.xlsx's sheets.
_COMPARISON_SHEETS = ("Summary", "Goals", "Teams", "Projects")


def _report_sheets(sheets: tuple[str, ...]) -> bool:
    """Whether ``sheets`` are those of a workbook the planner writes, in its order: one a
    leader added a sheet to (or renamed one of) is theirs, and named."""
    if sheets == _COMPARISON_SHEETS:
        return True
    planner_order = tuple(s for s in _PLAN_SHEETS if s in sheets)
    return sheets == planner_order and set(_PLAN_SHEETS_ALWAYS) <= set(sheets)


#: A TOML table's header line (``[solve]``, ``[capacity.multipliers]``, ``[projects]``).
_TOML_SECTION = re.compile(r"\[\s*[A-Za-z_][\w.\- ]*\]\s*(#.*)?")
_SETTINGS_SECTIONS = frozenset({"solve", "capacity", "stages", "weights", "calendar"})
_CHECKIN_KEYS = frozenset(
    {"weeks_elapsed", "quarter_weeks", "note", "projects", "achieved", "hours_used"}
)


def reported_as_toml(text: str, file: str, issues: list[InputIssue]) -> bool:
    """Whether ``file``, read as a CSV table, is a TOML file (a settings file or a check-in
    saved under a table's name, or uploaded as one); if so its problem is in ``issues``.

    It read "the columns are separated by semicolons" (a settings file whose first comment
    holds one) or as every required column missing: the fix sent the leader to Excel's
    list separator, for a file that belongs somewhere else.
    """
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if line and not line.startswith("#")), "")
    try:
        keys = set(toml_loads(text))
    except (ValueError, RecursionError):  # ValueError: not TOML, or a number past int()'s
        # A settings file with a typo further down is still one: its [section] says so.
        keys = {first.strip("[] ").partition(".")[0]} if _TOML_SECTION.fullmatch(first) else set()
    if not keys:
        return False
    columns = COLUMNS.get(file)
    table = f"the CSV table {file} (header row: {','.join(columns)})" if columns else "a CSV table"
    if keys & _CHECKIN_KEYS and not keys & _SETTINGS_SECTIONS:
        what = "a check-in (TOML: weeks_elapsed, [projects], [achieved])"
        where = "Give it to planner checkin --checkin FILE (the Check-in page records one)"
    elif keys <= _SETTINGS_SECTIONS:
        what = "a settings file (TOML: [solve], [capacity], [weights] ...)"
        where = (
            "Save it as settings.toml in the data folder (or its zip), or give it with "
            "--settings FILE"
        )
    else:
        what = "a TOML file (key = value lines)"
        where = "Settings belong in settings.toml in the data folder"
    message = f"this file reads as {what}, not as a CSV table."
    issues.append(issue(file, None, None, message, f"{where}; here goes {table}."))
    return True


def os_reason(exc: OSError) -> str:
    """The system's refusal in words: "permission denied", not Python's "[Errno 13]
    Permission denied: 'q3/projects.csv'" (the file is named beside it already)."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return escaped(exc.strerror or str(exc))


def not_unpacked(exc: BaseException, unreadable_fix: str) -> tuple[str, str]:
    """Why a file of a zip did not unpack, and the fix: it cannot be read (``OSError``:
    ``unreadable_fix``), it is packed with a compression method Python's zipfile does not
    read (Deflate64, which Windows uses for large folders and 7-Zip offers), or it is
    damaged (a byte changed in transit, a size that lies: its zip is made again, as a file
    in a zip has no permissions to check)."""
    if isinstance(exc, OSError):
        return f"the file cannot be read ({os_reason(exc)}).", unreadable_fix
    if isinstance(exc, NotImplementedError):
        return (
            "the file is packed in the zip with a compression method Goal Planner cannot "
            "unpack (e.g. Deflate64, which Windows uses for large folders).",
            "Zip the data folder again with the usual compression (Deflate): e.g. "
            "right-click > Compress, or in 7-Zip choose the Deflate method.",
        )
    return (
        f"the file is damaged in the zip and cannot be unpacked ({exc}).",
        "Zip the data folder again (or download the zip again).",
    )


def stored_as_links(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], known: set[str]
) -> tuple[list[zipfile.ZipInfo], dict[str, InputIssue]]:
    """The entries to read, and the data files stored as links (by lower-case name).

    macOS's Compress and ``zip -y`` store a link as a link: the entry holds the path
    it points to, not the data. Read as the data, a linked teams.csv was a table
    whose one column was named '/srv/shared/teams.csv'.
    """
    kept: list[zipfile.ZipInfo] = []
    links: dict[str, InputIssue] = {}
    for info in infos:
        key = PurePosixPath(info.filename.replace("\\", "/")).name.strip().lower()
        is_link = info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)
        if key not in known or not is_link:
            kept.append(info)
            continue
        with archive.open(info) as handle:
            target = handle.read(1024).decode("utf-8", "replace")
        message = f"it is a link (to {escaped(target)}) in the zip, not the file itself."
        fix = (
            "Zip the data folder again with the files themselves, not links to them "
            "(copy the linked files into the folder first)."
        )
        links[key] = issue(key, None, None, message, fix)
    return kept, links


def folders_named_like_data(
    folders: set[PurePosixPath], there: str, files: set[str], known: set[str]
) -> dict[str, InputIssue]:
    """A folder in the data's folder named like a data file, with no such file beside it.

    Said as a folder, never "missing" (a folder on disk is named so too): a leader
    who sees teams.csv listed in the zip would look for a file that is there.
    """
    found: dict[str, InputIssue] = {}
    # Nearest first; one further down (old/teams.csv/ under the data at the root) read
    # "teams.csv is missing" beside a zip that lists old/teams.csv.
    for folder in sorted(folders, key=lambda f: (len(f.parts), f)):
        key = folder.name.strip().lower()
        below = there == "." or PurePosixPath(there) in folder.parents
        if not below or key not in known or key in files or key in found:
            continue
        said = f"{escaped(str(folder))} is a folder in the zip, not a file."
        fix = f"Put the {key} file itself in its place and zip the folder again."
        if str(folder.parent) != there:
            beside = "teams.csv" if key == "projects.csv" else "projects.csv"
            said += f" No {key} file is in the data's folder."
            fix = f"Put the {key} file itself beside {beside} and zip the folder again."
        found[key] = issue(key, None, None, said, fix)
    return found


def a_plan_not_data(name: str, data: bytes, uploaded: bool) -> InputIssue | None:
    """The problem of a plan the planner wrote (plan.csv's columns) given as the data, or
    ``None`` for any other file. ``uploaded``: on the Data page, as one of its tables.

    Uploaded, plan.csv was recognised as projects.csv by its header and read as 30
    problems, none saying it was a plan; as DATA_DIR it read "is a .csv file ... Save it
    as an Excel Workbook".
    """
    if not written_by_the_planner(name, len(data), lambda n: data[:n]):
        return None
    what = "one of the data's tables" if uploaded else "a quarter's data"
    message = f"it is a plan the planner wrote (plan.csv's columns), not {what}."
    if uploaded:
        fix = "Upload a data table (teams, projects, goals, estimates, rules, calendar) "
        fix += "or the whole data folder (a zip or a workbook)."
    else:
        fix = "Give the data: its folder of CSV files, a .zip of it or the data workbook; a "
        fix += "plan is given to re-plan against as --baseline."
    return issue(name, None, None, message, fix)
