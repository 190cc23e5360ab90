"""The data folder's contract as data: file names, columns, limits, and the
raw tables read from a folder, a zip or the app's editors.

:mod:`planner.core.reading` and :mod:`planner.core.csv_text` turn bytes into these
tables, :mod:`planner.core.loading` builds a validated problem from them and
:mod:`planner.core.writing` writes a problem back.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from planner.core.domain import (
    Problem,
)
from planner.core.errors import InputIssue, InvalidInputError, Severity
from planner.core.ranges import MAX_CELLS as MAX_CELLS  # rows x columns read per file
from planner.core.ranges import MAX_ROWS as MAX_ROWS  # data rows read per file

TEAMS = "teams.csv"
PROJECTS = "projects.csv"
GOALS = "goals.csv"
ESTIMATES = "estimates.csv"
RULES = "rules.csv"
CALENDAR = "calendar.csv"
SETTINGS_FILE = "settings.toml"

RAW_FILES: tuple[str, ...] = (TEAMS, PROJECTS, GOALS, ESTIMATES, RULES, CALENDAR)
#: plan.csv's columns, in order (SPEC "Plan output"): here, below the reader, so that a
#: plan by any name beside the data is known for one (planner.core.file_kinds).
PLAN_COLUMNS = (
    "project_id",
    "project_name",
    "goal_id",
    "stage",
    "team_id",
    "team_name",
    "department",
    "share",
    "effort_hours",
    "value",
    "status",
    "reason",
    "start_week",
    "end_week",
)
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
        "value_low",
        "value_high",
        "required_skills",
        "mandatory",
        "joint",
        "sales_share",
        "depends_on",
        "duration_weeks",
        "earliest_week",
        "due_week",
    ),
    GOALS: ("goal_id", "name", "kpi", "target", "owner", "weight"),
    ESTIMATES: ("project_id", "team_id", "effort_hours", "value"),
    RULES: ("project_id", "team_id", "rule"),
    CALENDAR: ("team_id", "week", "capacity_hours"),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    TEAMS: ("team_id", "department", "capacity_hours"),
    PROJECTS: ("project_id", "stage", "effort_hours"),
    GOALS: ("goal_id", "target"),
    ESTIMATES: ("project_id", "team_id"),
    RULES: ("project_id", "team_id", "rule"),
    CALENDAR: ("team_id", "week", "capacity_hours"),
}

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

#: One line of a text file with its line ending (``\r\n``, ``\r`` or ``\n``), or the last.
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
#: The fix for a file that is not UTF-8 text.
SAVE_AS_UTF8 = "Save it as UTF-8 (in Excel: File > Save As > CSV UTF-8 (Comma delimited))."


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


def issue(
    file: str,
    row: int | None,
    column: str | None,
    message: str,
    fix: str = "",
    severity: Severity = Severity.ERROR,
    *,
    keyed: bool = False,
) -> InputIssue:
    """An :class:`InputIssue`, its fix and severity optional (an error with no fix)."""
    return InputIssue(file, row, column, message, fix, severity, keyed)


def too_big(file: str, size: int | None, limit: int) -> InputIssue:
    """The problem of a file past its byte cap, with the fix for that kind of file: a
    settings.toml of 4 MB was told to remove rows and split the data into scenarios."""
    size_text = f"has {size:,} bytes" if size is not None else "is too large"
    # The settings' cap names them too: `--settings what-if.cfg` is a settings file.
    if limit == MAX_SETTINGS_BYTES or file.strip().lower().endswith(".toml"):
        fix = "A settings file is a few dozen lines: keep only the settings you change (the "
        fix += "sections [solve], [capacity], [stages], [weights], [calendar]) and delete the rest."
    elif limit == MAX_ZIP_BYTES:
        fix = "Zip only the data folder's files (teams.csv, projects.csv ...)."
    else:
        fix = "Remove rows you do not plan with, or split the data into smaller scenarios."
    said = f"the file {size_text}; at most {limit:,} bytes ({limit / 2**20:.1f} MB) are read."
    return issue(file, None, None, said, fix)


def other_separator(header: Sequence[str], known: Collection[str] = ()) -> tuple[str, str] | None:
    """What is wrong, and the fix, when a CSV's header row read as one cell holding
    semicolons or tabs (a European Excel's "CSV" save, a tab-delimited one); else None.

    With ``known`` column names, only when a piece of that cell is one of them: a
    settings file given as a plan starts with a comment holding a semicolon."""
    if len(header) != 1 or not (";" in header[0] or "\t" in header[0]):
        return None
    separator = "semicolons" if ";" in header[0] else "tabs"
    pieces = {
        p.strip().lower() for p in header[0].split(";" if separator == "semicolons" else "\t")
    }
    if known and not pieces & set(known):
        return None
    return (
        f"the columns are separated by {separator}, not commas.",
        "Use commas between cells: save as CSV UTF-8 (Comma delimited), "
        "or set the list separator to a comma.",
    )


_SEPARATOR_LINE = re.compile(r'[\ufeff ]*"?sep=(.)"?[ \r\n]*', re.IGNORECASE)
_SEPARATOR_NAMES = {",": "a comma", ";": "a semicolon", "\t": "a tab", "|": "a bar"}


def separator_line(record: Sequence[str], row: int = 1) -> tuple[str, str] | None:
    """The message and the fix for a first row (row ``row``) that is a ``sep=,`` line,
    else None.

    Excel reads ``sep=,`` (or ``sep=;``) on a CSV file's first line as the separator its
    cells use and hides the line; some programs write it for Excel. Read as a row, it
    was "a title on row 1" above the header, which it is not.
    """
    found = _SEPARATOR_LINE.fullmatch(",".join(record))
    if found is None:
        return None
    separator = found.group(1)
    shown = "\\t" if separator == "\t" else separator
    name = _SEPARATOR_NAMES.get(separator, f"'{shown}'")
    return (
        f"this row is 'sep={shown}', the line that tells Excel the cells are separated by "
        f"{name}; it is not the header (the column names are on row {row + 1}), and Excel "
        "hides it.",
        f"Delete row {row} in a text editor such as Notepad (Excel does not show it), or "
        "open the file in Excel and save it again as CSV UTF-8 (Comma delimited), which "
        "does not write it.",
    )


def title_above_header(at: int) -> tuple[str, str]:
    """The message and the fix for a file whose column names are on row ``at``, under a
    title on row 1 ("Q3 projects,,,"): one problem, not one per row or per column."""
    return (
        f"the column names are on row {at}, under a title on row 1; the first row must be "
        "the header.",
        f"Delete {'row 1' if at == 2 else f'rows 1-{at - 1}'} so that the column names "
        "are the first row.",
    )


def past_the_caps(
    file: str, num_rows: int, cells: int, width: int, before: int = 0
) -> tuple[str, str] | None:
    """The message and fix of a file read past :data:`MAX_ROWS` rows or :data:`MAX_CELLS`
    cells with the ``before`` cells of the files read before it (its row ``width`` cells
    wide where it passed), else None. Reading costs by the cell, and columns nobody plans
    with cost the most."""
    if num_rows > MAX_ROWS:
        return (
            f"the file has more than {MAX_ROWS:,} data rows (rows with a value; empty rows "
            "are not counted).",
            f"Keep at most {MAX_ROWS:,} rows per file (remove rows you do not plan with).",
        )
    if before + cells <= MAX_CELLS:
        return None
    message, fix = too_many_cells(file, width)
    if before and cells <= MAX_CELLS:  # the files together, not this one alone
        message = (
            f"the data files hold more than {MAX_CELLS:,} cells together, past it in this "
            f"one ({width:,} columns wide where it passed)."
        )
    return message, fix


def too_many_cells(file: str, width: int | None) -> tuple[str, str]:
    """The message and fix of a table past :data:`MAX_CELLS`, ``width`` cells wide where
    it passed (when known)."""
    own = COLUMNS.get(file)
    columns = f"the columns the planner reads ({', '.join(own)})" if own else "its columns"
    wide = "" if width is None else f"; {width:,} columns wide where it passed them"
    return (
        f"the table holds more than {MAX_CELLS:,} cells (rows x columns{wide}).",
        f"Keep only {columns} and the rows you plan with: move notes to another file.",
    )


def raise_on_errors(issues: Iterable[InputIssue], notes: Iterable[InputIssue] = ()) -> None:
    """Raise :class:`InvalidInputError` with ``issues`` and ``notes``, in reading order, when
    ``issues`` hold an error; nothing when they hold warnings only."""
    found = list(issues)
    if any(i.severity is Severity.ERROR for i in found):
        raise InvalidInputError(sorted_issues([*found, *notes]))


_FILE_RANK = {SETTINGS_FILE: 0, **{f: i + 1 for i, f in enumerate(RAW_FILES)}}


def sorted_issues(issues: Iterable[InputIssue]) -> list[InputIssue]:
    """Issues in reading order: file by file, then row by row (stable within a row).

    A header's errors (a required column missing) come first, whatever the file: the
    rows of every file are read against them, so they are the first thing to fix.
    """
    return sorted(
        issues,
        key=lambda i: (
            not (i.row == 1 and i.severity is Severity.ERROR),
            _FILE_RANK.get(i.file, -1),
            i.row or 0,
        ),
    )


def normal_header(cell: object) -> str:
    """A header cell as the columns are named: lower case, trimmed, without a BOM. The
    dotted capital İ (a Turkish keyboard's capital i) is an i: 'PROJECT_İD' lowered to
    'project_i' and a combining dot, a column nobody knew."""
    return str(cell).replace("\ufeff", "").strip().lower().replace("i\u0307", "i")


def recognise_table(header: Iterable[str]) -> str | None:
    """Which data file a table is, from its header row (not its file name).

    The file whose required columns are all there and that shares the most
    columns with the header; ``None`` when no file's required columns are
    all present. ``rules.csv`` and ``estimates.csv`` both key on
    (project, team): a ``rule`` column makes it rules, else estimates.
    """
    columns = {normal_header(h) for h in header}
    best: tuple[int, int, str] | None = None
    for file, required in REQUIRED_COLUMNS.items():
        if not set(required) <= columns:
            continue
        score = (len(columns & set(COLUMNS[file])), len(required), file)
        if best is None or score[:2] > best[:2]:
            best = score
    return None if best is None else best[2]
