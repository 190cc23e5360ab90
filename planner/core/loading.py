"""Reading a data folder (CSV files and ``settings.toml``) into a validated Problem.

Two steps, so that files on disk and frames edited in the app share one
validator:

1. *Reading* (:func:`read_csv_text`, :func:`read_folder`, :func:`read_zip`)
   turns bytes into data frames of raw text cells. It rejects what is not a
   comma-separated UTF-8 text table: other encodings, binary files,
   semicolons, ragged rows, duplicate or missing headers, oversized files.
2. *Building* (:func:`build_problem`) turns those frames, or frames edited in
   the app's data editor, into a :class:`~planner.core.domain.Problem`. It checks
   every cell and every reference and raises one
   :class:`~planner.core.errors.InvalidInputError` listing every problem found,
   each located as a spreadsheet user finds it: file, row (header = row 1),
   column, what is wrong and the fix.

Limits, so that a bad upload cannot exhaust memory or reach the solver as an
absurd number: at most :data:`MAX_ROWS` data rows and :data:`MAX_FILE_BYTES`
bytes per file; hours at most :data:`MAX_HOURS`, values and targets at most
:data:`MAX_VALUE`, goal weights at most :data:`MAX_WEIGHT`, ``max_projects``
at most :data:`MAX_COUNT`; numbers have at most :data:`MAX_DECIMALS`
decimals and are read exactly as :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import json
import math
import numbers
import os
import re
import tempfile
import tomllib
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, TypeVar

import numpy as np
import pandas as pd

from planner.core.domain import (
    DEPARTMENTS,
    GOAL_OWNERS,
    MARKETING,
    SALES,
    Estimate,
    Goal,
    Problem,
    Project,
    Rule,
    RuleKind,
    Team,
)
from planner.core.errors import InputIssue, InvalidInputError, Severity
from planner.core.settings import Settings, StageSettings, parse_settings

_T = TypeVar("_T")

TEAMS = "teams.csv"
PROJECTS = "projects.csv"
GOALS = "goals.csv"
ESTIMATES = "estimates.csv"
RULES = "rules.csv"
SETTINGS_FILE = "settings.toml"

RAW_FILES: tuple[str, ...] = (TEAMS, PROJECTS, GOALS, ESTIMATES, RULES)
REQUIRED_FILES: tuple[str, ...] = (TEAMS, PROJECTS)

COLUMNS: dict[str, tuple[str, ...]] = {
    TEAMS: (
        "team_id",
        "name",
        "department",
        "capacity_hours",
        "skills",
        "stages",
        "max_projects",
    ),
    PROJECTS: (
        "project_id",
        "name",
        "goal_id",
        "stage",
        "effort_hours",
        "value",
        "required_skills",
        "mandatory",
        "joint",
        "sales_share",
        "depends_on",
    ),
    GOALS: ("goal_id", "name", "kpi", "target", "owner", "weight"),
    ESTIMATES: ("project_id", "team_id", "effort_hours", "value"),
    RULES: ("project_id", "team_id", "rule"),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    TEAMS: ("team_id", "department", "capacity_hours"),
    PROJECTS: ("project_id", "stage", "effort_hours"),
    GOALS: ("goal_id", "target"),
    ESTIMATES: ("project_id", "team_id"),
    RULES: ("project_id", "team_id", "rule"),
}

MAX_ROWS = 100_000
"""Data rows read per file (the header not counted)."""
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Bytes read per CSV file; a larger file is rejected before it is read."""
MAX_SETTINGS_BYTES = 1024 * 1024
"""Bytes read from ``settings.toml``."""
MAX_ZIP_BYTES = len(RAW_FILES) * MAX_FILE_BYTES + MAX_SETTINGS_BYTES
"""Bytes of an uploaded zip of a data folder."""
MAX_ZIP_ENTRIES = 1_000
"""Entries (files and folders) in an uploaded zip."""
MAX_HOURS = Decimal(10) ** 9
"""Largest capacity or effort in hours."""
MAX_VALUE = Decimal(10) ** 12
"""Largest project value or goal target, in the KPI's unit."""
MAX_WEIGHT = Decimal(10) ** 6
"""Largest goal weight."""
MAX_COUNT = 1_000_000
"""Largest ``max_projects``."""
MAX_DECIMALS = 3
"""Decimals allowed in hours, values, targets, weights and shares."""

_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_EXPONENT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:[,' ][0-9]{3})+(?:\.[0-9]*)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]*,[0-9]+")
_WHOLE = re.compile(r"[0-9]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NUMBER_FIX = (
    "Write a plain decimal such as {example} (no thousands separators or decimal commas, "
    "no units, no exponents)."
)
_SKILLS_FIX = (
    "Write skills as name:level separated by ';' with levels 1 to 5, e.g. seo:4; content:3."
)
_SAVE_AS_UTF8 = "Save it as UTF-8 (in Excel: File > Save As > CSV UTF-8 (Comma delimited))."
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


# ---------------------------------------------------------------------------
# Public value objects
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DataTables(Mapping[str, pd.DataFrame]):
    """The raw text tables of a data folder, by file name.

    ``frames`` holds the CSV files that are present (cells are the text as
    written, headers normalised to lower case); ``settings_text`` the text of
    ``settings.toml`` when present; ``notes`` warnings found while reading,
    such as files that are ignored.
    """

    frames: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    settings_text: str | None = None
    notes: tuple[InputIssue, ...] = ()

    def __getitem__(self, file: str) -> pd.DataFrame:
        return self.frames[file]

    def __iter__(self) -> Iterator[str]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)


@dataclass(frozen=True)
class LoadResult:
    """A valid problem and the warnings found on the way to it."""

    problem: Problem
    warnings: tuple[InputIssue, ...] = ()


# ---------------------------------------------------------------------------
# Reading bytes into raw text tables
# ---------------------------------------------------------------------------


def read_csv_text(data: bytes, file: str) -> pd.DataFrame:
    """Read one CSV file's bytes into a frame of raw text cells.

    Parameters
    ----------
    data
        The file's bytes: UTF-8, with or without a byte-order mark.
    file
        The file's name, used to locate problems (e.g. ``"teams.csv"``).

    Returns
    -------
    pandas.DataFrame
        One column per header (lower case, surrounding spaces removed), one
        row per data row in file order, so that spreadsheet row = position
        + 2. Every cell is the text as written (``NA`` stays ``"NA"``); blank
        lines are kept as rows of empty cells.

    Raises
    ------
    InvalidInputError
        When the bytes are not a comma-separated UTF-8 table, with every
        structural problem found.
    """
    issues: list[InputIssue] = []
    frame = _parse_csv(data, file, issues)
    if frame is None:
        raise InvalidInputError(issues)
    return frame


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
    tables, issues, _ = _read_folder(folder)
    _raise_on_errors(issues, tables.notes)
    return tables


def read_zip(data: bytes) -> DataTables:
    """Read a zip of a data folder (files at its root or in one folder).

    macOS metadata (``__MACOSX``, ``._*``) and hidden files are ignored.
    Sizes are checked before anything is unpacked, and unpacking stops at the
    caps, so a zip bomb costs no more memory than a file at the cap.

    Raises
    ------
    InvalidInputError
        When the bytes are not a readable zip or a file in it cannot be read.
    """
    tables, issues, _ = _read_zip(data)
    _raise_on_errors(issues, tables.notes)
    return tables


# ---------------------------------------------------------------------------
# Building and validating the problem
# ---------------------------------------------------------------------------


def build_problem(
    tables: DataTables | Mapping[str, pd.DataFrame],
    settings: Settings | None = None,
    settings_text: str | None = None,
) -> LoadResult:
    """Validate raw tables and build the problem they describe.

    Parameters
    ----------
    tables
        File name -> frame, as read by :func:`read_folder` or edited in the
        app (names may omit ``.csv``; cells may be text, numbers, booleans,
        ``None`` or NaN, and are read as the text the user sees).
    settings
        The scenario's settings. When ``None``, ``settings_text`` is parsed,
        else the tables' own ``settings.toml`` text, else the defaults.
    settings_text
        TOML text of the settings, used when ``settings`` is ``None``.

    Returns
    -------
    LoadResult
        The problem and the warnings (unknown columns, stage-policy
        conflicts, ignored files...).

    Raises
    ------
    InvalidInputError
        Listing every error in every file (and the warnings), never only the
        first.
    """
    return _build(tables, settings, settings_text, SETTINGS_FILE, (), frozenset())


def load_problem(folder: str | Path, settings_path: str | Path | None = None) -> LoadResult:
    """Read and validate a data folder; ``settings_path`` overrides its settings.toml.

    Problems in reading the files and in their contents are reported together
    in one :class:`~planner.core.errors.InvalidInputError`.
    """
    tables, issues, unreadable = _read_folder(folder)
    settings_file = SETTINGS_FILE
    settings_text = None
    if settings_path is not None:
        path = Path(settings_path)
        settings_file = path.name or str(path)
        issues = [i for i in issues if i.file != SETTINGS_FILE]
        unreadable = unreadable - {SETTINGS_FILE}
        settings_text = _read_settings_file(path, settings_file, issues)
        if settings_text is None:
            unreadable = unreadable | {SETTINGS_FILE}
            settings_text = ""
    return _build(tables, None, settings_text, settings_file, issues, unreadable)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def template_frames() -> dict[str, pd.DataFrame]:
    """One empty frame per data file, with the file's columns in SPEC order."""
    return {file: _frame([], COLUMNS[file]) for file in RAW_FILES}


def problem_to_frames(problem: Problem) -> dict[str, pd.DataFrame]:
    """The problem's canonical data tables: one frame of text cells per file.

    Numbers are plain decimals without trailing zeros, skills
    ``name:level; ...``, booleans ``true``/``false`` and lists ``;``-separated,
    so that ``build_problem(problem_to_frames(p), p.settings).problem == p``.
    The baseline plan is not part of the data folder.
    """
    teams = [
        [
            t.team_id,
            t.name,
            t.department,
            _plain(t.capacity_hours),
            _skills_text(t.skills),
            "; ".join(t.stages),
            "" if t.max_projects is None else str(t.max_projects),
        ]
        for t in problem.teams
    ]
    projects = [
        [
            p.project_id,
            p.name,
            p.goal_id or "",
            p.stage,
            _plain(p.effort_hours),
            _plain(p.value),
            _skills_text(p.required_skills),
            _bool_text(p.mandatory),
            _bool_text(p.joint),
            _plain(p.sales_share),
            "; ".join(p.depends_on),
        ]
        for p in problem.projects
    ]
    goals = [
        [g.goal_id, g.name, g.kpi, _plain(g.target), g.owner, _plain(g.weight)]
        for g in problem.goals
    ]
    estimates = [
        [
            e.project_id,
            e.team_id,
            "" if e.effort_hours is None else _plain(e.effort_hours),
            "" if e.value is None else _plain(e.value),
        ]
        for e in problem.estimates
    ]
    rules = [[r.project_id, r.team_id, r.rule.value] for r in problem.rules]
    rows = {TEAMS: teams, PROJECTS: projects, GOALS: goals, ESTIMATES: estimates, RULES: rules}
    return {file: _frame(rows[file], COLUMNS[file]) for file in RAW_FILES}


def write_folder(problem: Problem, folder: str | Path) -> None:
    """Write the problem as a data folder: the five CSV files and settings.toml.

    Each file is written to a temporary name and then renamed, so a crash
    never leaves a half-written file behind.
    """
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    for name, data in _folder_files(problem).items():
        fd, tmp = tempfile.mkstemp(dir=path, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def folder_zip(problem: Problem) -> bytes:
    """The problem's data folder as zip bytes (files at the root, fixed timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _folder_files(problem).items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _folder_files(problem: Problem) -> dict[str, bytes]:
    files = {name: _csv_bytes(frame) for name, frame in problem_to_frames(problem).items()}
    files[SETTINGS_FILE] = problem.settings.to_toml().encode("utf-8")
    return files


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    # CRLF as the line end makes the writer quote any cell holding \r or \n.
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False, name=None))
    return text.getvalue().encode("utf-8")


def _frame(rows: list[list[str]], columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns), dtype=object)


def _plain(number: Decimal) -> str:
    """A decimal as plain text: no exponent, no trailing zeros (``1200``, ``0.5``)."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _skills_text(skills: Mapping[str, int]) -> str:
    return "; ".join(f"{name}:{level}" for name, level in skills.items())


def _bool_text(flag: bool) -> str:
    return "true" if flag else "false"


# ---------------------------------------------------------------------------
# Reading: implementation
# ---------------------------------------------------------------------------


def _issue(
    file: str,
    row: int | None,
    column: str | None,
    message: str,
    fix: str = "",
    severity: Severity = Severity.ERROR,
) -> InputIssue:
    return InputIssue(file, row, column, message, fix, severity)


def _raise_on_errors(issues: Iterable[InputIssue], notes: Iterable[InputIssue] = ()) -> None:
    found = list(issues)
    if any(i.severity is Severity.ERROR for i in found):
        raise InvalidInputError(_sorted([*found, *notes]))


def _mb(num_bytes: int) -> str:
    return f"{num_bytes / 2**20:.1f} MB"


def _too_big(file: str, size: int | None, limit: int) -> InputIssue:
    size_text = f"has {size:,} bytes" if size is not None else "is too large"
    return _issue(
        file,
        None,
        None,
        f"the file {size_text}; at most {limit:,} bytes ({_mb(limit)}) are read.",
        "Remove rows you do not plan with, or split the data into smaller scenarios.",
    )


def _parse_csv(data: bytes, file: str, issues: list[InputIssue]) -> pd.DataFrame | None:
    """Parse CSV bytes into a text frame, or append the problems and return None."""

    def fail(row: int | None, column: str | None, message: str, fix: str) -> None:
        issues.append(_issue(file, row, column, message, fix))

    if len(data) > MAX_FILE_BYTES:
        issues.append(_too_big(file, len(data), MAX_FILE_BYTES))
        return None
    text = _decode_text(data, file, issues)
    if text is None:
        return None
    if not text.strip():
        columns = COLUMNS.get(file)
        fix = "Put the column names on row 1"
        fix += f": {','.join(columns)}." if columns else "."
        if file not in REQUIRED_FILES:
            fix += " Or delete the file if you do not need it."
        fail(None, None, "the file is empty.", fix)
        return None

    records: list[list[str]] = []
    csv_error: str | None = None
    try:
        for record in csv.reader(_lines(text), strict=True):
            if len(records) > MAX_ROWS:
                fail(
                    None,
                    None,
                    f"the file has more than {MAX_ROWS:,} data rows.",
                    f"Keep at most {MAX_ROWS:,} rows per file (remove rows you do not plan with).",
                )
                return None
            records.append(record)
    except csv.Error as exc:
        csv_error = str(exc)

    header = records[0] if records else []
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        separator = "semicolons" if ";" in header[0] else "tabs"
        fail(
            1,
            None,
            f"the columns are separated by {separator}, not commas.",
            "Use commas between cells: save as CSV UTF-8 (Comma delimited), "
            "or set the list separator to a comma.",
        )
        return None
    if csv_error is not None:
        fail(len(records) + 1, None, *_csv_error_text(csv_error))
        return None
    if max(text) >= "\udc80" and _report_bad_bytes(records, file, issues):
        return None

    names = [_normal_header(cell) for cell in header]
    if not any(names):
        fail(1, None, "the header row is empty.", "Put the column names on row 1.")
        return None
    body = records[1:]
    keep: list[int] = []
    ok = True
    for index, name in enumerate(names):
        if name:
            keep.append(index)
        elif any(index < len(r) and r[index].strip() for r in body):
            letter = _column_letter(index)
            fail(
                1,
                letter,
                f"column {letter} has values but no name on the header row.",
                "Write the column's name on row 1, or delete the column.",
            )
            ok = False
    ok = _check_duplicate_headers([names[i] for i in keep], keep, file, issues) and ok
    needed = keep[-1] + 1
    for position, record in enumerate(body):
        row = position + 2
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            # Even empty extra cells count: an unquoted comma shifts every later cell.
            fail(
                row,
                None,
                f"the row has {len(record)} cells but the header has {len(header)} columns.",
                'Put quotes around cells that contain commas, e.g. "Smith, Jones", '
                "or remove the extra cells.",
            )
            ok = False
        elif len(record) < needed:
            fail(
                row,
                None,
                f"the row has {len(record)} cells but the header has {len(header)} columns.",
                "Add the missing cells; an empty cell still needs its comma.",
            )
            ok = False
    if not ok:
        return None
    rows = [
        [record[i] if i < len(record) else "" for i in keep]
        if any(c.strip() for c in record)
        else [""] * len(keep)
        for record in body
    ]
    return _frame(rows, [names[i] for i in keep])


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their ends (``\n``, ``\r\n`` or ``\r``), one at a time.

    Unlike ``io.StringIO``, which holds four bytes per character, this costs
    no memory beyond the text itself.
    """
    for match in _LINE.finditer(text):
        yield match.group()


def _decode_text(data: bytes, file: str, issues: list[InputIssue]) -> str | None:
    """UTF-8 text of the bytes (BOM dropped); other encodings are reported.

    Bytes that are not UTF-8 are kept as surrogate escapes so that the parser
    can name the row and column holding them.
    """
    head = data[:4096]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
        issues.append(_issue(file, None, None, "the file is saved as UTF-16 text.", _SAVE_AS_UTF8))
        return None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        issues.append(
            _issue(
                file,
                None,
                None,
                "the file is an Excel workbook (or another binary file), not CSV text.",
                "Open it in Excel and save it as CSV UTF-8 (Comma delimited).",
            )
        )
        return None
    if b"\x00" in data:
        issues.append(
            _issue(
                file,
                None,
                None,
                "the file holds binary data, not CSV text.",
                "Export the data as CSV UTF-8; do not rename other kinds of file to .csv.",
            )
        )
        return None
    return data.decode("utf-8-sig", errors="surrogateescape")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte of ASCII text is zero."""
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > 0.8 * len(odd) or even.count(0) > 0.8 * len(even)


def _report_bad_bytes(records: list[list[str]], file: str, issues: list[InputIssue]) -> bool:
    """Locate the first cell holding bytes that are not UTF-8; True when found."""
    names = [_normal_header(c) for c in records[0]] if records else []
    for position, record in enumerate(records):
        for index, cell in enumerate(record):
            if not any("\udc80" <= c <= "\udcff" for c in cell):
                continue
            raw = cell.encode("utf-8", errors="surrogateescape")
            shown = raw.decode("cp1252", errors="replace")
            bad = next(c for c in cell if "\udc80" <= c <= "\udcff")
            column = names[index] if position > 0 and index < len(names) else None
            if not column or any("\udc80" <= c <= "\udcff" for c in column):
                column = _column_letter(index)
            issues.append(
                _issue(
                    file,
                    position + 1,
                    column,
                    f"the file is not UTF-8 text: '{shown}' holds the byte "
                    f"0x{ord(bad) - 0xDC00:02X} (the file looks saved as Windows-1252 or Latin-1).",
                    _SAVE_AS_UTF8,
                )
            )
            return True
    return False


def _csv_error_text(error: str) -> tuple[str, str]:
    if "unexpected end of data" in error:
        return (
            "a quote opened on this row is never closed.",
            'Close the quoted cell with a second ", and write a quote inside a cell as "".',
        )
    if "expected after" in error:
        return (
            "a quoted cell has text after its closing quote.",
            'Put quotes around the whole cell and write a quote inside it as "", '
            'e.g. "The ""Big"" Deal".',
        )
    if "field larger than field limit" in error:
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters.",
            "Shorten the cell; check for a quote that is never closed.",
        )
    return (f"the row cannot be read as CSV ({error}).", "Check the commas and quotes on the row.")


def _normal_header(cell: object) -> str:
    return str(cell).replace("\ufeff", "").strip().lower()


def _column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _check_duplicate_headers(
    names: list[str], positions: list[int], file: str, issues: list[InputIssue]
) -> bool:
    where: dict[str, list[int]] = {}
    for name, position in zip(names, positions, strict=True):
        where.setdefault(name, []).append(position)
    ok = True
    for name, found in where.items():
        if len(found) > 1:
            letters = " and ".join(_column_letter(i) for i in found)
            issues.append(
                _issue(
                    file,
                    1,
                    name,
                    f"the column '{name}' appears {len(found)} times (columns {letters}).",
                    "Keep one of them; column names ignore case and surrounding spaces.",
                )
            )
            ok = False
    return ok


@dataclass(frozen=True)
class _Entry:
    """A file found in a folder or a zip: its name, declared size and a bounded reader."""

    name: str
    size: int
    read: Callable[[int], bytes]


_READ_ERRORS = (
    OSError,
    EOFError,
    RuntimeError,
    ValueError,
    NotImplementedError,
    zipfile.BadZipFile,
    zlib.error,
)


def _read_folder(folder: str | Path) -> tuple[DataTables, list[InputIssue], frozenset[str]]:
    path = Path(folder)
    if not path.is_dir():
        what = "is not a folder." if path.exists() else "there is no such folder."
        raise InvalidInputError(
            [_issue(str(folder), None, None, what, "Give the folder that holds teams.csv.")]
        )

    def reader(file: Path) -> Callable[[int], bytes]:
        def read(limit: int) -> bytes:
            with file.open("rb") as handle:
                return _read_bounded(handle, limit)

        return read

    entries: list[_Entry] = []
    try:
        for item in sorted(path.iterdir()):
            if item.is_file():
                entries.append(_Entry(item.name, item.stat().st_size, reader(item)))
    except OSError as exc:
        raise InvalidInputError(
            [_issue(str(folder), None, None, f"the folder cannot be read ({exc}).", "")]
        ) from None
    return _tables_from(entries)


def _read_zip(data: bytes) -> tuple[DataTables, list[InputIssue], frozenset[str]]:
    where = "the zip file"
    if len(data) > MAX_ZIP_BYTES:
        raise InvalidInputError([_too_big(where, len(data), MAX_ZIP_BYTES)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _READ_ERRORS:
        raise InvalidInputError(
            [
                _issue(
                    where,
                    None,
                    None,
                    "it is not a readable zip file.",
                    "Zip the data folder again (e.g. right-click > Compress).",
                )
            ]
        ) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InvalidInputError(
            [
                _issue(
                    where,
                    None,
                    None,
                    f"it holds {len(infos):,} entries; at most {MAX_ZIP_ENTRIES:,} are read.",
                    "Zip only the data folder.",
                )
            ]
        )
    known = {*RAW_FILES, SETTINGS_FILE}
    by_folder: dict[str, list[zipfile.ZipInfo]] = {}
    for info in infos:
        name = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or "__MACOSX" in name.parts or name.name.startswith("."):
            continue
        by_folder.setdefault(str(name.parent), []).append(info)
    with_data = sorted(
        folder
        for folder, members in by_folder.items()
        if any(_base_name(m).strip().lower() in known for m in members)
    )
    if len(with_data) > 1:
        shown = ", ".join("(root)" if f == "." else f for f in with_data)
        raise InvalidInputError(
            [
                _issue(
                    where,
                    None,
                    None,
                    f"it holds data files in more than one folder ({shown}).",
                    "Zip one data folder: its files at the root or in one folder.",
                )
            ]
        )
    chosen = by_folder.get(with_data[0], []) if with_data else []

    def reader(info: zipfile.ZipInfo) -> Callable[[int], bytes]:
        def read(limit: int) -> bytes:
            # Read at most limit bytes: the declared size of an entry may lie.
            with archive.open(info) as handle:
                return _read_bounded(handle, limit)

        return read

    with archive:
        return _tables_from([_Entry(_base_name(i), i.file_size, reader(i)) for i in chosen])


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
    notes: list[InputIssue] = []
    unreadable: set[str] = set()
    frames: dict[str, pd.DataFrame] = {}
    settings_text: str | None = None
    groups: dict[str, list[_Entry]] = {}
    stems = {Path(f).stem: f for f in (*RAW_FILES, SETTINGS_FILE)}
    for entry in entries:
        key = entry.name.strip().lower()
        stem, suffix = Path(key).stem, Path(key).suffix
        if key in RAW_FILES or key == SETTINGS_FILE:
            groups.setdefault(key, []).append(entry)
        elif suffix == ".csv":
            notes.append(
                _issue(
                    entry.name,
                    None,
                    None,
                    "this file is not one of Goal Planner's data files, so it is ignored.",
                    f"The data files are {', '.join(RAW_FILES)}.",
                    Severity.WARNING,
                )
            )
        elif stem in stems and suffix in (".xlsx", ".xls", ".ods", ".numbers", ".tsv", ".txt"):
            notes.append(
                _issue(
                    entry.name,
                    None,
                    None,
                    "only CSV files are read, so this file is ignored.",
                    f"Save it as CSV UTF-8 named {stems[stem]}.",
                    Severity.WARNING,
                )
            )
    for key, group in groups.items():
        if len(group) > 1:
            names = ", ".join(e.name for e in group)
            issues.append(
                _issue(key, None, None, f"there are {len(group)} files named so ({names}).", "")
            )
            unreadable.add(key)
            continue
        entry = group[0]
        limit = MAX_SETTINGS_BYTES if key == SETTINGS_FILE else MAX_FILE_BYTES
        if entry.size > limit:
            issues.append(_too_big(key, entry.size, limit))
            unreadable.add(key)
            continue
        try:
            data = entry.read(limit + 1)
        except _READ_ERRORS as exc:
            issues.append(_issue(key, None, None, f"the file cannot be read ({exc}).", ""))
            unreadable.add(key)
            continue
        if len(data) > limit:
            issues.append(_too_big(key, None, limit))
            unreadable.add(key)
        elif key == SETTINGS_FILE:
            settings_text = _settings_text(data, key, issues)
            if settings_text is None:
                unreadable.add(key)
        else:
            frame = _parse_csv(data, key, issues)
            if frame is None:
                unreadable.add(key)
            else:
                frames[key] = frame
    return DataTables(frames, settings_text, tuple(notes)), issues, frozenset(unreadable)


def _settings_text(data: bytes, file: str, issues: list[InputIssue]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        issues.append(_issue(file, None, None, "the file is not UTF-8 text.", _SAVE_AS_UTF8))
        return None


def _read_settings_file(path: Path, file: str, issues: list[InputIssue]) -> str | None:
    try:
        if not path.is_file():
            issues.append(
                _issue(file, None, None, f"there is no settings file at {path}.", "Check the path.")
            )
            return None
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            issues.append(_too_big(file, path.stat().st_size, MAX_SETTINGS_BYTES))
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        issues.append(_issue(file, None, None, f"the file cannot be read ({exc}).", ""))
        return None
    return _settings_text(data, file, issues)


# ---------------------------------------------------------------------------
# Building: implementation
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    """One file's rows as trimmed text, each with its spreadsheet row number."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, Mapping[str, str]], ...]


@dataclass(frozen=True)
class _Bounds:
    """The range of a numeric column, for checking and for the fix's example."""

    low: Decimal
    low_open: bool
    high: Decimal
    high_open: bool = False
    example: str = "12.5"


_CAPACITY = _Bounds(Decimal(0), False, MAX_HOURS, example="480")
_EFFORT = _Bounds(Decimal(0), True, MAX_HOURS, example="120.5")
_VALUE = _Bounds(Decimal(0), False, MAX_VALUE, example="2500")
_TARGET = _Bounds(Decimal(0), True, MAX_VALUE, example="500")
_WEIGHT = _Bounds(Decimal(0), True, MAX_WEIGHT, example="1")
_SHARE = _Bounds(Decimal(0), True, Decimal(1), high_open=True, example="0.4")
_MAX_PROJECTS = _Bounds(Decimal(1), False, Decimal(MAX_COUNT), example="3")


def _cell_text(value: object) -> str:
    """The text a user sees in a cell, whatever type the data editor gave it."""
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Decimal):
        if value.is_nan():
            return ""
        return _plain(value) if value.is_finite() else str(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return ""
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if number.is_integer() and abs(number) < 2**53:
            return str(int(number))
        return _plain(Decimal(repr(number)))
    return str(value)


def _file_key(name: object) -> str:
    key = str(name).strip().lower()
    return key if key.endswith(".csv") else f"{key}.csv"


def _tables_for_build(
    tables: Mapping[str, pd.DataFrame], issues: list[InputIssue]
) -> tuple[dict[str, _Table], set[str]]:
    """Normalise frames into trimmed text tables; returns them and the unusable files."""
    result: dict[str, _Table] = {}
    unusable: set[str] = set()
    for name, frame in tables.items():
        if frame is None:
            continue
        file = _file_key(name)
        if file not in RAW_FILES:
            issues.append(
                _issue(
                    str(name),
                    None,
                    None,
                    "this table is not one of Goal Planner's data files, so it is ignored.",
                    f"The data files are {', '.join(RAW_FILES)}.",
                    Severity.WARNING,
                )
            )
            continue
        if file in result or file in unusable:
            issues.append(_issue(file, None, None, "the table is given twice.", "Give it once."))
            unusable.add(file)
            continue
        table = _table(file, frame, issues)
        if table is None:
            unusable.add(file)
        else:
            result[file] = table
    for file in unusable:
        result.pop(file, None)
    return result, unusable


def _table(file: str, frame: pd.DataFrame, issues: list[InputIssue]) -> _Table | None:
    if len(frame) > MAX_ROWS:
        issues.append(
            _issue(
                file,
                None,
                None,
                f"the table has {len(frame):,} rows; at most {MAX_ROWS:,} are read.",
                "Remove rows you do not plan with.",
            )
        )
        return None
    names = [_normal_header(c) for c in frame.columns]
    cells = [[_cell_text(v).strip() for v in record] for record in frame.itertuples(False, None)]
    keep: list[int] = []
    ok = True
    for index, name in enumerate(names):
        if name:
            keep.append(index)
        elif any(record[index] for record in cells):
            letter = _column_letter(index)
            issues.append(
                _issue(
                    file,
                    1,
                    letter,
                    f"column {letter} has values but no name.",
                    "Name the column or delete it.",
                )
            )
            ok = False
    if not _check_duplicate_headers([names[i] for i in keep], keep, file, issues) or not ok:
        return None
    columns = tuple(names[i] for i in keep)
    rows = tuple(
        (position + 2, {names[i]: record[i] for i in keep})
        for position, record in enumerate(cells)
        if any(record)
    )
    return _Table(file, columns, rows)


class _Row:
    """One data row being read: typed access to its cells, problems collected.

    Columns missing from the file are reported once for the whole file, so
    here a missing required column only marks the row as not usable.
    """

    def __init__(
        self, file: str, number: int, cells: Mapping[str, str], issues: list[InputIssue]
    ) -> None:
        self.file = file
        self.number = number
        self.cells = cells
        self.issues = issues
        self.ok = True

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def error(self, column: str | None, message: str, fix: str) -> None:
        self.issues.append(_issue(self.file, self.number, column, message, fix))
        self.ok = False

    def warn(self, column: str | None, message: str, fix: str) -> None:
        self.issues.append(_issue(self.file, self.number, column, message, fix, Severity.WARNING))

    def required(self, column: str, fix: str) -> str | None:
        value = self.text(column)
        if value:
            return value
        if column in self.cells:
            self.error(column, f"{column} is empty.", fix)
        else:
            self.ok = False
        return None

    def decimal(
        self, column: str, bounds: _Bounds, default: Decimal | None, *, required: bool = False
    ) -> Decimal | None:
        raw = self.text(column)
        if not raw:
            if required:
                self.required(column, f"Write a number such as {bounds.example}.")
            return default
        fix = _NUMBER_FIX.format(example=bounds.example)
        if not _PLAIN_DECIMAL.fullmatch(raw):
            self.error(column, f"'{raw}' is not a number{_why_not_a_number(raw)}.", fix)
            return None
        value = Decimal(raw)
        fraction = raw.partition(".")[2].rstrip("0")
        if len(fraction) > MAX_DECIMALS:
            self.error(
                column,
                f"'{raw}' has more than {MAX_DECIMALS} decimals.",
                f"Round it to at most {MAX_DECIMALS} decimals.",
            )
            return None
        low, high = bounds.low, bounds.high
        if value < low or (bounds.low_open and value == low):
            relation = "more than" if bounds.low_open else "at least"
            self.error(
                column,
                f"{column} must be {relation} {_plain(low)}, not {raw}.",
                f"Write a number such as {bounds.example}.",
            )
            return None
        if value > high or (bounds.high_open and value == high):
            if bounds.high_open:
                message = f"{column} must be less than {_plain(high)}, not {raw}."
            else:
                message = f"'{raw}' is too large for {column} (at most {high:,.0f})."
            self.error(
                column, message, f"Check the units; write a number such as {bounds.example}."
            )
            return None
        return value

    def whole(self, column: str, bounds: _Bounds) -> int | None:
        value = self.decimal(column, bounds, None)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.error(
                column,
                f"'{self.text(column)}' is not a whole number.",
                f"Write a whole number such as {bounds.example}.",
            )
            return None
        return int(value)

    def boolean(self, column: str, default: bool) -> bool | None:
        raw = self.text(column).lower()
        if not raw:
            return default
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        self.error(
            column,
            f"'{self.text(column)}' is not true or false.",
            "Write true or false (yes/no and 1/0 work too); "
            f"leave it empty for the default ({_bool_text(default)}).",
        )
        return None

    def choice(
        self, column: str, options: tuple[str, ...], default: str | None, what: str
    ) -> str | None:
        listed = " or ".join([", ".join(options[:-1]), options[-1]])
        raw = self.text(column)
        if not raw:
            if default is None:
                self.required(column, f"Write {listed}.")
            return default
        if raw.lower() in options:
            return raw.lower()
        self.error(column, f"'{raw}' is not {what}.", f"Write {listed}.")
        return None

    def items(self, column: str) -> tuple[str, ...]:
        """A ';'-separated list: items trimmed, empty items and repeats dropped."""
        parts = (part.strip() for part in self.text(column).split(";"))
        return tuple(dict.fromkeys(part for part in parts if part))

    def skills(self, column: str) -> dict[str, int] | None:
        raw = self.text(column)
        result: dict[str, int] = {}
        if "," in raw:
            self.error(
                column,
                f"'{raw}' uses ',' in a skill list.",
                "Separate skills with ';', e.g. seo:4; content:3.",
            )
            return None
        ok = True
        for item in (part.strip() for part in raw.split(";")):
            if not item:
                continue
            name_text, _, level_text = item.partition(":")
            name, level_text = name_text.strip().lower(), level_text.strip()
            level = 1
            if not name:
                self.error(column, f"'{item}' has no skill name before ':'.", _SKILLS_FIX)
                ok = False
                continue
            if ":" in item:
                if not _WHOLE.fullmatch(level_text):
                    self.error(
                        column,
                        f"the level '{level_text}' of skill '{name}' is not a whole number "
                        "from 1 to 5.",
                        _SKILLS_FIX,
                    )
                    ok = False
                    continue
                level = int(level_text) if len(level_text) <= 6 else MAX_COUNT
                if not 1 <= level <= 5:
                    self.error(
                        column,
                        f"the level {level_text} of skill '{name}' is out of range "
                        "(levels are 1 to 5).",
                        _SKILLS_FIX,
                    )
                    ok = False
                    continue
            if name in result:
                self.error(column, f"the skill '{name}' is listed twice.", "List each skill once.")
                ok = False
                continue
            result[name] = level
        return result if ok else None


def _why_not_a_number(raw: str) -> str:
    lowered = raw.lower().lstrip("+-")
    if lowered in ("inf", "infinity", "nan", "∞"):
        return " (infinite and not-a-number values are not allowed)"
    if _EXPONENT.fullmatch(raw):
        return " (exponent notation such as 1e6 is not allowed)"
    if _THOUSANDS.fullmatch(raw):
        return " (it has a thousands separator)"
    if _DECIMAL_COMMA.fullmatch(raw):
        return " (it uses a decimal comma)"
    if raw.endswith("%"):
        return " (percent signs are not allowed)"
    return ""


class _Builder:
    """Checks every table against the contract and builds the domain objects.

    One method per file, then one per cross-file rule; each appends to
    ``issues`` and none stops at the first problem.
    """

    def __init__(self, settings: Settings, stages_known: bool, unreadable: Iterable[str]) -> None:
        self.settings = settings
        self.stages_known = stages_known
        self.unreadable = frozenset(unreadable)
        self.issues: list[InputIssue] = []
        order = settings.stages.order
        self.stage_names = {s.lower(): s for s in reversed(order)} | {s: s for s in order}
        # What later checks need to know of rows, even of rows with other errors.
        self.team_department: dict[str, str] = {}
        self.project_joint: dict[str, bool] = {}
        self.goals_present = False

    def build(self, tables: Mapping[str, _Table]) -> Problem | None:
        for file in REQUIRED_FILES:
            if file not in tables and file not in self.unreadable:
                self.issues.append(
                    _issue(
                        file,
                        None,
                        None,
                        f"{file} is missing.",
                        f"Add {file} with the columns {', '.join(COLUMNS[file])}.",
                    )
                )
        for table in tables.values():
            self._check_columns(table)
        self.goals_present = GOALS in tables
        team_ids = self._ids(tables, TEAMS, "team_id")
        project_ids = self._ids(tables, PROJECTS, "project_id")
        goal_ids = self._ids(tables, GOALS, "goal_id")

        teams = self._teams(tables.get(TEAMS))
        goals = self._goals(tables.get(GOALS))
        projects = self._projects(tables.get(PROJECTS), goal_ids)
        estimates = self._estimates(tables.get(ESTIMATES), project_ids, team_ids)
        rules = self._rules(tables.get(RULES), project_ids, team_ids)
        if any(i.severity is Severity.ERROR for i in self.issues):
            return None
        return Problem(
            teams=tuple(teams),
            projects=tuple(projects),
            goals=tuple(goals),
            estimates=tuple(estimates),
            rules=tuple(rules),
            settings=self.settings,
        )

    # -- structure --------------------------------------------------------

    def _check_columns(self, table: _Table) -> None:
        known = COLUMNS[table.file]
        for column in REQUIRED_COLUMNS[table.file]:
            if column not in table.columns:
                self.issues.append(
                    _issue(
                        table.file,
                        1,
                        column,
                        f"the required column '{column}' is missing.",
                        f"Add a {column} column to the header row (columns: {', '.join(known)}).",
                    )
                )
        for column in table.columns:
            if column not in known:
                close = difflib.get_close_matches(column, known, n=1, cutoff=0.5)
                hint = f"Did you mean '{close[0]}'? " if close else ""
                self.issues.append(
                    _issue(
                        table.file,
                        1,
                        column,
                        f"the column '{column}' is not one Goal Planner knows; it is kept "
                        "but not used.",
                        f"{hint}Known columns: {', '.join(known)}.",
                        Severity.WARNING,
                    )
                )
        if not table.rows and table.file in REQUIRED_FILES:
            what = "teams" if table.file == TEAMS else "projects"
            self.issues.append(
                _issue(
                    table.file,
                    None,
                    None,
                    f"there are no {what}: the file has no data rows.",
                    f"Add one row per {what[:-1]} below the header.",
                )
            )

    def _ids(self, tables: Mapping[str, _Table], file: str, column: str) -> set[str] | None:
        """Every id written in a file, or None when references into it can't be checked."""
        if file in self.unreadable or (file in REQUIRED_FILES and file not in tables):
            return None
        table = tables.get(file)
        if table is None:
            return set()
        return {cells[column] for _, cells in table.rows if cells.get(column)}

    def _rows(self, table: _Table | None) -> Iterator[_Row]:
        if table is None:
            return
        for number, cells in table.rows:
            yield _Row(table.file, number, cells, self.issues)

    def _identifier(self, row: _Row, column: str, seen: dict[str, int], what: str) -> str | None:
        value = row.required(column, f"Give every {what} an id.")
        if value is None:
            return None
        if value in seen:
            row.error(
                column,
                f"the {column} '{value}' is used twice (rows {seen[value]} and {row.number}).",
                f"Give each {what} its own id.",
            )
        else:
            seen[value] = row.number
        return value

    def _stage(self, row: _Row, column: str, text: str) -> str | None:
        if not self.stages_known:
            return text
        stage = self.stage_names.get(text) or self.stage_names.get(text.lower())
        if stage is None:
            row.error(
                column,
                f"'{text}' is not a funnel stage.",
                f"Use one of the stages in settings: {', '.join(self.settings.stages.order)}.",
            )
        return stage

    @staticmethod
    def _make(row: _Row, make: Callable[[], _T]) -> _T | None:
        # A safety net: the row checks should have caught what the domain rejects.
        try:
            return make()
        except (ValueError, TypeError) as exc:
            row.error(None, f"the row is not valid ({exc}).", "Check the row's values.")
            return None

    # -- one method per file -------------------------------------------------

    def _teams(self, table: _Table | None) -> list[Team]:
        teams: list[Team] = []
        seen: dict[str, int] = {}
        for row in self._rows(table):
            team_id = self._identifier(row, "team_id", seen, "team")
            department = row.choice("department", DEPARTMENTS, None, "a department")
            if team_id is not None and department is not None:
                self.team_department.setdefault(team_id, department)
            capacity = row.decimal("capacity_hours", _CAPACITY, None, required=True)
            skills = row.skills("skills")
            stages = self._team_stages(row, department)
            max_projects = row.whole("max_projects", _MAX_PROJECTS)
            if not row.ok:
                continue
            assert team_id is not None and department is not None
            assert capacity is not None and skills is not None
            team = self._make(
                row,
                partial(
                    Team,
                    team_id=team_id,
                    name=row.text("name") or team_id,
                    department=department,
                    capacity_hours=capacity,
                    skills=skills,
                    stages=stages,
                    max_projects=max_projects,
                ),
            )
            if team is not None:
                teams.append(team)
        return teams

    def _team_stages(self, row: _Row, department: str | None) -> tuple[str, ...]:
        stages: list[str] = []
        for item in row.items("stages"):
            stage = self._stage(row, "stages", item)
            if stage is None or stage in stages:
                continue
            stages.append(stage)
            owners = self.settings.stages.owners.get(stage, ())
            if self.stages_known and department is not None and department not in owners:
                row.warn(
                    "stages",
                    f"the stage policy does not let {department} teams own '{stage}' work, "
                    "so this team takes none there.",
                    "Remove the stage from the team's list, or change [stages.owners] in settings.",
                )
        return tuple(stages)

    def _goals(self, table: _Table | None) -> list[Goal]:
        goals: list[Goal] = []
        seen: dict[str, int] = {}
        for row in self._rows(table):
            goal_id = self._identifier(row, "goal_id", seen, "goal")
            target = row.decimal("target", _TARGET, None, required=True)
            owner = row.choice("owner", GOAL_OWNERS, "shared", "a goal owner")
            weight = row.decimal("weight", _WEIGHT, Decimal(1))
            if not row.ok:
                continue
            assert goal_id is not None and target is not None
            assert owner is not None and weight is not None
            goal = self._make(
                row,
                partial(
                    Goal,
                    goal_id=goal_id,
                    name=row.text("name") or goal_id,
                    target=target,
                    kpi=row.text("kpi"),
                    owner=owner,
                    weight=weight,
                ),
            )
            if goal is not None:
                goals.append(goal)
        return goals

    def _projects(self, table: _Table | None, goal_ids: set[str] | None) -> list[Project]:
        seen: dict[str, int] = {}
        pending: list[tuple[_Row, str | None, tuple[str, ...], Project | None]] = []
        for row in self._rows(table):
            project_id = self._identifier(row, "project_id", seen, "project")
            if project_id is not None and ";" in project_id:
                row.error(
                    "project_id",
                    f"the project_id '{project_id}' contains ';', which separates the ids "
                    "in depends_on lists.",
                    "Remove the ';' from the id.",
                )
            goal_id = row.text("goal_id") or None
            if goal_id is not None and goal_ids is not None and goal_id not in goal_ids:
                missing = "" if self.goals_present else " (there is no goals.csv)"
                row.error(
                    "goal_id",
                    f"the goal '{goal_id}' is not in goals.csv{missing}.",
                    f"Add goal '{goal_id}' to goals.csv, or leave goal_id empty.",
                )
            stage_text = row.required("stage", "Write the project's funnel stage.")
            stage = self._stage(row, "stage", stage_text) if stage_text else None
            effort = row.decimal("effort_hours", _EFFORT, None, required=True)
            value = row.decimal("value", _VALUE, Decimal(0))
            skills = row.skills("required_skills")
            mandatory = row.boolean("mandatory", False)
            joint = row.boolean("joint", False)
            if project_id is not None and joint is not None:
                self.project_joint.setdefault(project_id, joint)
            share = row.decimal("sales_share", _SHARE, Decimal("0.5"))
            if stage is not None and joint is not None:
                self._check_stage_policy(row, stage, joint)
            depends_on = row.items("depends_on")
            project = None
            if row.ok:
                assert project_id is not None and stage is not None and effort is not None
                assert value is not None and skills is not None and share is not None
                assert mandatory is not None and joint is not None
                project = self._make(
                    row,
                    partial(
                        Project,
                        project_id=project_id,
                        name=row.text("name") or project_id,
                        goal_id=goal_id,
                        stage=stage,
                        effort_hours=effort,
                        value=value,
                        required_skills=skills,
                        mandatory=mandatory,
                        joint=joint,
                        sales_share=share,
                        depends_on=depends_on,
                    ),
                )
            pending.append((row, project_id, depends_on, project))
        self._check_dependencies([(row, pid, deps) for row, pid, deps, _ in pending])
        return [p for row, _, _, p in pending if row.ok and p is not None]

    def _check_stage_policy(self, row: _Row, stage: str, joint: bool) -> None:
        if not self.stages_known:
            return
        owners = set(self.settings.stages.owners.get(stage, ())) & {SALES, MARKETING}
        if not owners:
            row.warn(
                "stage",
                f"the stage policy lets no department own '{stage}' work, so this project "
                "cannot be assigned.",
                "Give the stage an owner in [stages.owners] of the settings, or change the stage.",
            )
        elif joint and len(owners) < 2:
            (only,) = owners
            row.warn(
                "joint",
                f"the project is joint (it needs a sales and a marketing team) but the stage "
                f"policy lets only {only} own '{stage}' work, so it cannot be assigned.",
                "Make it not joint, move it to a stage both departments may own, or change "
                "[stages.owners] in the settings.",
            )

    def _check_dependencies(self, pending: list[tuple[_Row, str | None, tuple[str, ...]]]) -> None:
        """depends_on ids exist, no project depends on itself, no cycles."""
        rows: dict[str, _Row] = {}
        for row, project_id, _ in pending:
            if project_id is not None:
                rows.setdefault(project_id, row)
        graph: dict[str, list[str]] = {}
        for row, project_id, depends_on in pending:
            for dep in depends_on:
                if dep == project_id:
                    row.error(
                        "depends_on",
                        f"the project depends on itself ('{dep}').",
                        "Remove its own id from depends_on.",
                    )
                elif dep not in rows:
                    parts = [p.strip() for p in dep.split(",")]
                    fix = (
                        "Separate project ids with ';', e.g. P1; P2."
                        if len(parts) > 1 and all(p in rows for p in parts)
                        else f"Add project '{dep}' to projects.csv, or remove it from depends_on."
                    )
                    row.error("depends_on", f"the project '{dep}' is not in projects.csv.", fix)
                elif project_id is not None and rows[project_id] is row:
                    graph.setdefault(project_id, []).append(dep)
        for cycle in _cycles(graph, order=list(rows)):
            rows[cycle[0]].error(
                "depends_on",
                f"projects depend on each other in a cycle: {' -> '.join([*cycle, cycle[0]])}.",
                "Remove one of these dependencies.",
            )

    def _estimates(
        self, table: _Table | None, project_ids: set[str] | None, team_ids: set[str] | None
    ) -> list[Estimate]:
        estimates: list[Estimate] = []
        seen: dict[tuple[str, str], int] = {}
        for row in self._rows(table):
            project_id, team_id = self._pair(row, project_ids, team_ids)
            effort = row.decimal("effort_hours", _EFFORT, None)
            value = row.decimal("value", _VALUE, None)
            if project_id is not None and team_id is not None:
                pair = (project_id, team_id)
                if pair in seen:
                    row.error(
                        "team_id",
                        f"project '{project_id}' and team '{team_id}' already have an "
                        f"estimate on row {seen[pair]}.",
                        "Keep one estimate per project and team.",
                    )
                seen.setdefault(pair, row.number)
            if row.ok and effort is None and value is None:
                row.warn(
                    None,
                    "the estimate gives neither effort_hours nor value, so it changes nothing.",
                    "Fill in effort_hours or value, or delete the row.",
                )
            if row.ok:
                assert project_id is not None and team_id is not None
                estimates.append(Estimate(project_id, team_id, effort, value))
        return estimates

    def _pair(
        self, row: _Row, project_ids: set[str] | None, team_ids: set[str] | None
    ) -> tuple[str | None, str | None]:
        project_id = row.required("project_id", "Write the project's id.")
        team_id = row.required("team_id", "Write the team's id.")
        if project_id is not None and project_ids is not None and project_id not in project_ids:
            row.error(
                "project_id",
                f"the project '{project_id}' is not in projects.csv.",
                "Use a project_id from projects.csv (ids are compared exactly).",
            )
        if team_id is not None and team_ids is not None and team_id not in team_ids:
            row.error(
                "team_id",
                f"the team '{team_id}' is not in teams.csv.",
                "Use a team_id from teams.csv (ids are compared exactly).",
            )
        return project_id, team_id

    def _rules(
        self, table: _Table | None, project_ids: set[str] | None, team_ids: set[str] | None
    ) -> list[Rule]:
        rules: list[Rule] = []
        seen: dict[tuple[str, str], tuple[str, int]] = {}
        pins: dict[str, list[tuple[str, _Row]]] = {}
        for row in self._rows(table):
            project_id, team_id = self._pair(row, project_ids, team_ids)
            kind = row.choice("rule", tuple(k.value for k in RuleKind), None, "a rule")
            if project_id is None or team_id is None or kind is None:
                continue
            pair = (project_id, team_id)
            if pair in seen:
                earlier, earlier_row = seen[pair]
                if earlier == kind:
                    row.warn(
                        "rule",
                        f"the same rule is already on row {earlier_row}.",
                        "Delete one of the two rows.",
                    )
                else:
                    row.error(
                        "rule",
                        f"project '{project_id}' and team '{team_id}' are both pinned and "
                        f"forbidden (rows {earlier_row} and {row.number}).",
                        "Keep either the pin or the forbid rule.",
                    )
                continue
            seen[pair] = (kind, row.number)
            if kind == RuleKind.PIN:
                pins.setdefault(project_id, []).append((team_id, row))
            if row.ok:
                rules.append(Rule(project_id, team_id, RuleKind(kind)))
        for project_id, pinned in pins.items():
            self._check_pins(project_id, pinned)
        return rules

    def _check_pins(self, project_id: str, pinned: list[tuple[str, _Row]]) -> None:
        """A project is pinned to at most one team (joint: one sales and one marketing)."""
        joint = self.project_joint.get(project_id)
        if joint is None or len(pinned) < 2:
            return
        shown = ", ".join(f"{t} on row {r.number}" for t, r in pinned)
        last_row = pinned[-1][1]
        if not joint:
            last_row.error(
                "team_id",
                f"project '{project_id}' is pinned to more than one team ({shown}), but only "
                "one team can own it.",
                "Keep one pin, or make the project joint if it needs a sales and a marketing team.",
            )
            return
        departments = [self.team_department.get(t) for t, _ in pinned]
        if len(pinned) > 2 or (None not in departments and len(set(departments)) < 2):
            last_row.error(
                "team_id",
                f"joint project '{project_id}' is pinned to {shown}, but it is owned by "
                "exactly one sales team and one marketing team.",
                "Pin at most one sales team and one marketing team.",
            )


def _cycles(graph: Mapping[str, list[str]], order: list[str]) -> list[list[str]]:
    """One cycle per strongly connected group of projects, starting at its first project.

    Iterative Tarjan, so that a long chain of dependencies cannot overflow the
    Python stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = graph.get(node, [])
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    rank = {p: i for i, p in enumerate(order)}
    cycles = []
    for component in components:
        members = set(component)
        start = min(component, key=rank.__getitem__)
        cycles.append(_path_back(graph, start, members))
    return sorted(cycles, key=lambda c: rank[c[0]])


def _path_back(graph: Mapping[str, list[str]], start: str, members: set[str]) -> list[str]:
    """The shortest cycle through ``start`` inside one strongly connected group."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in graph.get(node, []):
                if nxt not in members or nxt in previous:
                    continue
                previous[nxt] = node
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                following.append(nxt)
        frontier = following
    return [start]  # unreachable for a strongly connected group


def _stages_despite(text: str, problems: Iterable[InputIssue]) -> StageSettings | None:
    """The funnel stages of settings that are invalid elsewhere, or None if they are unknown.

    A typo in ``[solve]`` must not hide a wrong stage name in projects.csv,
    so the ``[stages]`` table is read on its own when it is not the problem.
    """
    if any(i.column is None or i.column.startswith("stages") for i in problems):
        return None
    try:
        stages = tomllib.loads(text).get("stages")
        if stages is None:
            return StageSettings()
        return parse_settings(f"stages = {_inline_toml(stages)}\n").stages
    except (tomllib.TOMLDecodeError, InvalidInputError, TypeError, ValueError):
        return None


def _inline_toml(value: object) -> str:
    """TOML for a value read by tomllib (tables inline); JSON strings are TOML strings."""
    if isinstance(value, dict):
        items = (f"{json.dumps(str(k))} = {_inline_toml(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    raise TypeError(f"cannot write {value!r} as TOML")


_FILE_RANK = {SETTINGS_FILE: 0, **{f: i + 1 for i, f in enumerate(RAW_FILES)}}


def _sorted(issues: Iterable[InputIssue]) -> list[InputIssue]:
    """Issues in reading order: file by file, then row by row (stable within a row)."""
    return sorted(issues, key=lambda i: (_FILE_RANK.get(i.file, -1), i.row or 0))


def _build(
    tables: Mapping[str, pd.DataFrame],
    settings: Settings | None,
    settings_text: str | None,
    settings_file: str,
    read_issues: Iterable[InputIssue],
    unreadable: frozenset[str],
) -> LoadResult:
    issues = list(read_issues)
    if isinstance(tables, DataTables):
        issues += tables.notes
        if settings_text is None:
            settings_text = tables.settings_text
    stages_known = SETTINGS_FILE not in unreadable
    if settings is None:
        settings = Settings()
        if settings_text is not None and stages_known:
            try:
                settings = parse_settings(settings_text, settings_file)
            except InvalidInputError as exc:
                issues += exc.issues
                stages = _stages_despite(settings_text, exc.issues)
                stages_known = stages is not None
                settings = Settings(stages=stages) if stages is not None else settings
    frames, unusable = _tables_for_build(tables, issues)
    builder = _Builder(settings, stages_known, unreadable | unusable)
    problem = builder.build(frames)
    issues += builder.issues
    if problem is None or any(i.severity is Severity.ERROR for i in issues):
        raise InvalidInputError(_sorted(issues))
    warnings = tuple(i for i in _sorted(issues) if i.severity is Severity.WARNING)
    return LoadResult(problem, warnings)
