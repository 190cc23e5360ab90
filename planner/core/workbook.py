"""Spreadsheets: a data folder as one ``.xlsx`` workbook, read.

Leaders live in spreadsheets (SPEC "Spreadsheets"). A workbook holds one
sheet per data file, named like the file without ``.csv`` (``teams``,
``projects``...), headers in row 1, and optionally a ``settings`` sheet of
``key``, ``value`` rows (``capacity.multipliers.marketing``, ``0.8``). It
is read exactly as a data folder: every cell becomes the text a user sees
(``1200``, ``true``), the loader validates it, and every problem names the
sheet, the row (as the spreadsheet numbers it) and the column.

Before openpyxl opens one, :mod:`planner.core.workbook_size` weighs it (what its parts
unpack to, the cells of its tables' sheets); each sheet's cells are read as text by
:mod:`planner.core.workbook_cells`. Writing one is :mod:`planner.core.workbook_writing`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from planner.core.csv_text import column_letter
from planner.core.errors import InputIssue, InvalidInputError, Severity, clipped
from planner.core.file_kinds import (
    DATA_WORKBOOK_SUFFIXES,
    bytes_before_a_workbook,
    hidden_sheet,
    not_a_workbook,
)
from planner.core.identifiers import escaped
from planner.core.settings_reading import (
    multipliers_despite,
    parse_settings,
    unknown_multipliers,
)
from planner.core.settings_sheet import in_sheet_words, settings_toml, split_key
from planner.core.shared_words import joined
from planner.core.sheet_margins import beside_the_table, hidden_cells
from planner.core.sheet_merges import unmerged
from planner.core.tables import (
    COLUMNS,
    RAW_FILES,
    REQUIRED_COLUMNS,
    REQUIRED_FILES,
    SETTINGS_FILE,
    DataTables,
)
from planner.core.workbook_cells import (
    DAMAGED,
    MAX_COLUMNS,
    OddCells,
    odd_cell_issues,
    out_of_order,
    sheet_formulas,
    sheet_part,
    sheet_rows,
)
from planner.core.workbook_scan import Scanned, scan_sheets
from planner.core.workbook_size import (
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_PARTS,
    tables_past_the_cell_cap,
    unpacked_bytes,
)
from planner.core.writing import text_frame
from planner.core.zip_entries import more_entries_than

SETTINGS_SHEET = "settings"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A data file named in a problem's text (``teams.csv``), as its sheet is named.
_DATA_FILE = re.compile(r"\b(" + "|".join(f.removesuffix(".csv") for f in RAW_FILES) + r")\.csv\b")


def is_workbook(path: str | Path) -> bool:
    """Whether ``path`` names an ``.xlsx`` workbook (by its suffix): what a plan is written as."""
    return Path(path).suffix.lower() == ".xlsx"


def reads_as_workbook(path: str | Path) -> bool:
    """Whether ``path`` names a workbook that is read as a data folder (``.xlsx``, ``.xlsm``,
    or an Excel template)."""
    return Path(path).suffix.lower() in DATA_WORKBOOK_SUFFIXES


def sheet_label(book: str, sheet: str) -> str:
    """How a problem's place is named: ``plan.xlsx, sheet teams``."""
    return f"{book}, sheet {sheet}"


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _sheet_twice(book: str, first: str, second: str, table: str) -> InputIssue:
    """Two sheets that are one table (``teams`` and ``TEAMS``: names are read ignoring case
    and the spaces around them): the second is not read."""
    return InputIssue(
        sheet_label(book, second),
        None,
        None,
        f"sheets '{escaped(first)}' and '{escaped(second)}' are both the {table} sheet "
        "(sheet names are read ignoring case and the spaces around them), so which to read "
        "is unclear.",
        f"Keep one {table} sheet: delete the other, or rename it (e.g. '{table} old') to "
        "keep it beside the data unread.",
    )


@dataclass(frozen=True)
class BookSheets(Mapping[str, str]):
    """Each table's sheet by file name (``teams.csv`` -> ``Teams``), and the row of each
    setting on the settings sheet, so that a problem with a setting names its row."""

    titles: dict[str, str] = field(default_factory=dict)
    setting_rows: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, file: str) -> str:
        return self.titles[file]

    def __iter__(self) -> Iterator[str]:
        return iter(self.titles)

    def __len__(self) -> int:
        return len(self.titles)

    def setting_row(self, setting: str) -> int | None:
        """The row of ``setting`` (``solve.seed``), or of the first setting of a section."""
        if setting in self.setting_rows:
            return self.setting_rows[setting]
        for key, row in self.setting_rows.items():
            # A problem names a key as it can be shown: escaped ('se\u200bed'), cut short.
            section, name = split_key(key)
            if f"{section}.{clipped(escaped(name))}" == setting:
                return row
        return next((r for k, r in self.setting_rows.items() if k.startswith(setting + ".")), None)


def open_workbook(data: bytes, book: str) -> Any:
    """The workbook in ``data``, read-only, with the values its formulas last had.

    Raises :class:`InvalidInputError` naming ``book`` when the bytes are too large,
    unpack too large, or are not a readable ``.xlsx`` workbook.
    """
    from planner.core.workbook_opening import open_read_only  # openpyxl, when a workbook comes

    if len(data) > MAX_WORKBOOK_BYTES:
        raise InvalidInputError(
            [
                InputIssue(
                    book,
                    None,
                    None,
                    f"the workbook has {len(data):,} bytes; at most {MAX_WORKBOOK_BYTES:,} "
                    "are read.",
                    "Remove rows you do not plan with.",
                )
            ]
        )
    if (prefixed := bytes_before_a_workbook(data, book)) is not None:
        raise InvalidInputError([prefixed])
    if (many := more_entries_than(data, MAX_WORKBOOK_PARTS)) is not None:
        # Counted from the zip's end record: opening it reads every part's entry first.
        raise InvalidInputError(
            [
                InputIssue(
                    book,
                    None,
                    None,
                    f"the workbook holds {many} parts (sheets, pictures, styles...); at "
                    f"most {MAX_WORKBOOK_PARTS:,} are read.",
                    "Save it again from your spreadsheet, keeping only the data sheets.",
                )
            ]
        )
    unpacked = unpacked_bytes(data)
    if unpacked > MAX_WORKBOOK_BYTES:
        # Checked on the sizes the zip declares (reads stop there), before any part is read.
        raise InvalidInputError(
            [
                InputIssue(
                    book,
                    None,
                    None,
                    f"the workbook unpacks to {unpacked:,} bytes; at most "
                    f"{MAX_WORKBOOK_BYTES:,} are read.",
                    "Save it again from your spreadsheet, keeping only the data sheets.",
                )
            ]
        )
    tables = {Path(f).stem: f for f in RAW_FILES} | {SETTINGS_SHEET: SETTINGS_FILE}
    too_big = tables_past_the_cell_cap(data, tables)
    if too_big is not None:
        title, message, fix = too_big
        raise InvalidInputError([InputIssue(sheet_label(book, title), None, None, message, fix)])
    try:
        workbook = open_read_only(data, data_only=True)
    except DAMAGED:
        # Named as what it is: CSV text, a zipped folder, an .xls renamed .xlsx.
        raise InvalidInputError([not_a_workbook(data, book)]) from None
    return workbook


def read_workbook(data: bytes, book: str = "workbook.xlsx") -> tuple[DataTables, BookSheets]:
    """A workbook's data sheets as raw text tables, and each table's sheet name.

    Returns the tables keyed by file name (``teams.csv``...) as a data folder
    gives them, and file name -> sheet name, so that problems can name the
    sheet. Sheets that are not data tables are ignored with a warning.

    Raises
    ------
    InvalidInputError
        When the bytes are not a readable ``.xlsx`` workbook or too large.
    """
    workbook = open_workbook(data, book)
    reader = _BookReader(book, *_scanned(data))
    try:
        for sheet in workbook.worksheets:
            reader.read(sheet)
        for chart in workbook.chartsheets:
            reader.chart(chart.title)
    finally:
        workbook.close()
    return reader.tables()


#: Each data file by the name of its sheet (``teams``: ``teams.csv``).
_FILES = {Path(f).stem: f for f in RAW_FILES}
#: The sheets read: the data files' and the settings.
_TABLES = {*_FILES, SETTINGS_SHEET}


def _scanned(data: bytes) -> tuple[Scanned, dict[str, dict[tuple[int, int], str]]]:
    """What the workbook's parts say beyond the values (merges, hidden cells, rows stored
    out of order) and the formulas of its tables' sheets; nothing when a part is damaged:
    the values stand, only the words on formulas and merges are lost."""
    try:
        scanned = scan_sheets(data)
        formulas = sheet_formulas(data, _TABLES, scanned.last_rows) if scanned.formulas else {}
    except DAMAGED:
        return Scanned(), {}
    return scanned, formulas


@dataclass
class _BookReader:
    """A workbook's sheets read one by one (:meth:`read`) into its tables (:meth:`tables`):
    each table's frame and sheet, the settings, the sheets ignored, and what was said."""

    book: str
    scanned: Scanned
    formulas: Mapping[str, Mapping[tuple[int, int], str]]
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    sheets: BookSheets = field(default_factory=BookSheets)
    notes: list[InputIssue] = field(default_factory=list)
    issues: list[InputIssue] = field(default_factory=list)
    settings_text: str | None = None
    ignored: list[str] = field(default_factory=list)
    #: An ignored sheet's row 1, as column names.
    headers: dict[str, set[str]] = field(default_factory=dict)
    #: Each table's sheet, by the table it is.
    seen: dict[str, str] = field(default_factory=dict)
    #: The tables a chart sheet is named as (:meth:`chart`).
    charts: list[str] = field(default_factory=list)

    def read(self, sheet: Any) -> None:
        """One sheet: a table's, the settings', or another (ignored)."""
        key = sheet.title.strip().lower()
        if key not in _TABLES:
            # Never read: a leader's notes or a 200,000-row CRM export beside the
            # tables is not held to a table's row and column caps.
            self.ignored.append(sheet.title)
            if len(self.ignored) <= _IGNORED_NAMED:
                self.headers[sheet.title] = _first_row(sheet)
            return
        if key in self.seen:
            # 'teams' and 'Teams ' (a copy renamed, or made by a program): a second
            # settings sheet read as each setting "written twice (rows 2 and 2)", a
            # second table's as "two sheets are named teams", naming neither as shown.
            self.issues.append(_sheet_twice(self.book, self.seen[key], sheet.title, key))
            return
        self.seen[key] = sheet.title
        where = sheet_label(self.book, sheet.title)
        rows, odd, too_wide = sheet_rows(
            sheet,
            self.formulas.get(sheet.title, {}),
            where,
            self.scanned.last_rows.get(sheet_part(sheet)),
            plain=key != SETTINGS_SHEET,  # a setting's number is quoted, not parsed
        )
        if too_wide is not None:
            self.issues.append(too_wide)
            return
        if disordered := out_of_order(self.scanned, sheet, where):
            self.issues.append(disordered)
            return
        if sheet.sheet_state != "visible":
            self.notes.append(hidden_sheet(where, sheet.sheet_state))
        if key == SETTINGS_SHEET:
            self.settings_text = settings_toml(rows, where, self.issues, self.sheets.setting_rows)
            self.sheets.titles[SETTINGS_FILE] = sheet.title
        else:
            self._table(sheet, _FILES[key], rows, odd, where)

    def chart(self, title: str) -> None:
        """A chart sheet: named as a table whose sheet there is none of, it is said to be a
        chart ("the teams sheet is missing" read beside it); any other is left unread."""
        key = title.strip().lower()
        if key not in _TABLES or key in self.seen:
            return
        self.charts.append(key)
        self.issues.append(
            InputIssue(
                sheet_label(self.book, title),
                None,
                None,
                f"this sheet is a chart, not the {key} table: the planner reads a table's "
                "rows from a sheet of cells.",
                f"Rename the chart sheet (e.g. '{key} chart') and name the sheet holding the "
                f"{key} rows {key}.",
            )
        )

    def _settings_despite(self) -> list[InputIssue]:
        """The settings sheet's own problems when another (a setting written on two rows, a
        sheet's) stops the reading: its bad values ('10 s', '90%') were named only once that
        row was fixed, a second round for the leader."""
        if self.settings_text is None:
            return []
        try:
            multipliers = parse_settings(self.settings_text, SETTINGS_FILE).capacity.multipliers
            said: list[InputIssue] = []
        except InvalidInputError as exc:
            multipliers, said = multipliers_despite(self.settings_text), list(exc.issues)
        # A multiplier for a team the teams sheet does not have, named this round too.
        if (teams := self._teams_written()) is not None:
            said += unknown_multipliers(multipliers, teams, lambda _: SETTINGS_FILE)
        return on_sheets(said, self.book, self.sheets)

    def _teams_written(self) -> list[tuple[str, str]] | None:
        """Each team id the teams sheet writes and its name (the id where none); None when
        the sheet was not read or has no team_id column."""
        frame = self.frames.get(RAW_FILES[0])
        if frame is None:
            return None
        # By position, the first of a name: a column written twice (refused on its own) is
        # two columns under one label, and frame[label] gave both.
        heads: dict[str, int] = {}
        for position, column in enumerate(frame.columns):
            heads.setdefault(str(column).strip().lower(), position)
        if "team_id" not in heads:
            return None
        ids = [str(v).strip() for v in frame.iloc[:, heads["team_id"]]]
        names = (
            [str(v).strip() for v in frame.iloc[:, heads["name"]]]
            if "name" in heads
            else [""] * len(ids)
        )
        return [(i, n or i) for i, n in zip(ids, names, strict=True) if i]

    def _table(
        self, sheet: Any, file: str, rows: list[list[str]], odd: OddCells, where: str
    ) -> None:
        """A data file's sheet, read as its table, with what its cells say beside it."""
        if not any(cell.strip() for row in rows for cell in row):
            # As an empty CSV file: one problem, not each required column missing.
            self.issues.append(_empty_sheet(where, file))
            return
        part = sheet_part(sheet)
        merged = self.scanned.merges.get(part, ())
        self.notes += unmerged(rows, merged, where) + beside_the_table(rows, where)
        self.notes += hidden_cells(rows, self.scanned.hidden.get(part), where, file)
        self.frames[file] = _frame(rows, where, self.issues)
        self.notes += odd_cell_issues(odd, self.frames[file].columns, where)
        self.sheets.titles[file] = sheet.title

    def tables(self) -> tuple[DataTables, BookSheets]:
        """The tables read, once every sheet is; raises with every problem found."""
        known_by = {
            f: REQUIRED_COLUMNS[f] if f in REQUIRED_FILES else COLUMNS[f] for f in RAW_FILES
        }
        missing = {Path(f).stem: known_by[f] for f in RAW_FILES if f not in self.frames}
        if self.settings_text is None:
            # 'settings - Table 1' (as Numbers names a sheet's table) was "ignored" with the
            # list of sheet names, the quarter planned with the default settings.
            missing[SETTINGS_SHEET] = ("key", "value")
        holding = _holding(self.headers, missing)
        notes = self.notes + _ignored_sheets(self.ignored, self.book, _FILES, holding, self.charts)
        # The settings or an optional table under another name, its own sheet missing: then
        # warned of, and still planned on the defaults or without it, unnoticed.
        # (Goals left out are told by the projects that name them.)
        optional = {Path(f).stem for f in RAW_FILES if f not in REQUIRED_FILES} - {"goals"}
        held = {t: table for t, table in holding.items() if table in optional | {SETTINGS_SHEET}}
        refused = {sheet_label(self.book, title) for title in held}
        notes = [n for n in notes if n.file not in refused]
        for title, table in held.items():
            alike = [t for t, other in held.items() if other == table]
            self.issues.append(_table_elsewhere(self.book, title, table, alike))
        if self.issues:
            raise InvalidInputError(self.issues + self._settings_despite() + notes)
        # A plan.xlsx or comparison.xlsx given as the data: its Goals sheet read as goals.csv.
        first = self.frames.get(RAW_FILES[0], pd.DataFrame())
        teams = {str(c).strip().lower() for c in first.columns}
        if "Summary" in self.ignored and "team_id" not in teams:
            why = "it is a report the planner wrote (its Summary sheet), not a quarter's data."
            fix = (
                "Give the data: its folder of CSV files, or the data workbook (teams, projects...)."
            )
            raise InvalidInputError([InputIssue(self.book, None, None, why, fix)])
        return DataTables(self.frames, self.settings_text, tuple(notes)), self.sheets


def _table_elsewhere(book: str, title: str, table: str, held: Sequence[str]) -> InputIssue:
    """A sheet of the settings' columns (key, value), or of an optional table's, under
    another name (``title``; ``held``: each sheet so holding ``table``), in a workbook
    without that sheet: refused, as planning on the default settings, or without the
    calendar or the rules, would go unnoticed."""
    settings = table == SETTINGS_SHEET
    what = "settings (key and value columns)" if settings else f"the {table} table (its columns)"
    without = "on the default settings" if settings else f"without its {table}"
    if len(held) > 1:
        others = joined([f"{escaped(t)!r}" for t in held])
        fix = (
            f"Rename one of them to {table} and delete or rename the others ({others} all "
            f"hold {'settings' if settings else 'it'}), or delete them all to plan {without}."
        )
    else:
        fix = f"Rename the sheet to {table} to plan with it, or delete it to plan {without}."
    return InputIssue(
        sheet_label(book, title),
        None,
        None,
        f"this sheet holds {what}, but only a sheet named {table} is read: the quarter would "
        f"be planned {without}.",
        fix,
    )


def _empty_sheet(where: str, file: str) -> InputIssue:
    """A table's sheet with nothing on it, said as an empty CSV file is."""
    fix = f"Put the column names on row 1: {', '.join(COLUMNS[file])}."
    if file not in REQUIRED_FILES:
        fix += " Or delete the sheet if you do not need it."
    return InputIssue(where, None, None, "the sheet is empty.", fix)


#: Ignored sheets named one by one; the rest in one warning.
_IGNORED_NAMED = 10


def _first_row(sheet: Any) -> set[str]:
    """A sheet's row 1 as column names (trimmed, lower case); empty if it cannot be read."""
    try:
        for row in sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True):
            return {str(v).strip().lower() for v in row if v is not None}
    except DAMAGED:
        pass
    return set()


def _holding(
    headers: Mapping[str, set[str]], missing: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """Ignored sheet title -> the missing table whose columns its row 1 names ("teams (2)",
    "Copy of goals"): all of an optional table's (estimates' ids are on many a sheet)."""
    found: dict[str, str] = {}
    for title, names in headers.items():
        tables = [table for table, columns in missing.items() if set(columns) <= names]
        if len(tables) == 1:
            found[title] = tables[0]
    return found


def _ignored_sheets(
    titles: Sequence[str],
    book: str,
    files: Iterable[str],
    holding: Mapping[str, str],
    charts: Collection[str] = (),
) -> list[InputIssue]:
    """A warning per sheet that is not a table, for the first ten; the others in one.
    ``holding``: the sheets whose columns are a missing table's, told to take its name
    (once the chart sheet holding that name, of ``charts``, is renamed)."""
    names = [*files, SETTINGS_SHEET]
    fix = "The sheets are " + ", ".join(files) + " and settings."

    def rename(title: str) -> str:
        # A sheet named like the file (teams.csv) or nearly (project) read "ignored" beside
        # "the teams sheet is missing", which named no sheet to rename.
        key = title.strip().lower().removesuffix(".csv").strip()
        close = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
        if close:
            return f"Rename it {close[0]} if it holds that table. {fix}"
        if title in holding:  # named as Excel names a copy ("teams (2)"), or anyhow
            table = holding[title]
            holders = [t for t in titles if holding.get(t) == table]
            if len(holders) > 1:
                # 'weeks' and 'capacity' were each told "Rename it calendar".
                return (
                    f"Keep one of them as {table} (rename it), and delete or rename the "
                    f"others: {joined([f'{escaped(t)!r}' for t in holders])} each hold the "
                    f"{table} table (its columns), and the workbook has no {table} sheet."
                )
            if table in charts:
                return (
                    f"Rename it {table}: it holds the {table} table (its columns), once the "
                    f"chart sheet named {table} is renamed."
                )
            return (
                f"Rename it {table}: it holds the {table} table (its columns), and the "
                f"workbook has no {table} sheet."
            )
        return fix

    notes = [
        InputIssue(
            sheet_label(book, title),
            None,
            None,
            "this sheet is not one of Goal Planner's tables, so it is ignored.",
            rename(title),
            Severity.WARNING,
        )
        for title in titles[:_IGNORED_NAMED]
    ]
    rest = titles[_IGNORED_NAMED:]
    if rest:
        named = ", ".join(repr(t) for t in rest[:3]) + (" ..." if len(rest) > 3 else "")
        notes.append(
            InputIssue(
                book,
                None,
                None,
                f"{len(rest):,} more sheets ({named}) are not Goal Planner's tables, so they "
                "are ignored.",
                fix,
                Severity.WARNING,
            )
        )
    return notes


def read_sheet(
    data: bytes, book: str, title: str, merged_down: list[InputIssue] | None = None
) -> list[list[str]] | None:
    """The cells of sheet ``title`` (any case) as text, or None; raises as
    :func:`open_workbook` does, and for a cell showing an error or a formula without its
    result, a merge across columns below row 1, or a row too wide.

    Read as the tables' sheets are (:func:`read_workbook`): up to its last row holding a
    value, a merge down a column giving each row its value (as the sheet shows it); the
    warning that says so, naming the sheet, the cells and the fix, is added to
    ``merged_down`` when given.
    """
    workbook = open_workbook(data, book)
    try:
        scanned = scan_sheets(data)
    except DAMAGED:
        scanned = Scanned()
    try:
        named = [s for s in workbook.worksheets if s.title.strip().lower() == title.lower()]
        sheet = named[0] if named else None
        where = sheet_label(book, title if sheet is None else sheet.title)
        rows: list[list[str]] = []
        odd: OddCells = {}
        too_wide = None
        merged: Sequence[str] = ()
        if sheet is not None:
            formulas: Mapping[tuple[int, int], str] = {}
            if scanned.formulas:
                try:
                    formulas = sheet_formulas(data, {title.lower()}, scanned.last_rows)[sheet.title]
                except (*DAMAGED, KeyError):
                    formulas = {}
            last = scanned.last_rows.get(sheet_part(sheet))
            rows, odd, too_wide = sheet_rows(sheet, formulas, where, last)
            # Rows stored out of order are named as a row too wide is: the sheet is not read.
            too_wide = out_of_order(scanned, sheet, where) or too_wide
            merged = scanned.merges.get(sheet_part(sheet), ())
    finally:
        workbook.close()
    # A totals row a leader added (=SUM without its result) is said as one by the reader.
    odd = {at: said for at, said in odd.items() if not _totals_row(rows, at[0])}
    issues = [too_wide] if too_wide else odd_cell_issues(odd, rows[0] if rows else [], where)
    if sheet is not None and not issues:
        # Row 1 may be a title merged across (a plan's reader finds its header row).
        notes = unmerged(rows, merged, where)
        issues = [i for i in notes if i.severity is Severity.ERROR and (i.row or 0) > 1]
        if merged_down is not None:
            merged_down += [i for i in notes if i.severity is Severity.WARNING]
    if issues:
        raise InvalidInputError(issues)
    return None if sheet is None else rows


def _totals_row(rows: Sequence[Sequence[str]], number: int) -> bool:
    from planner.core.table_rows import totals_cell

    row = rows[number - 1] if number <= len(rows) else []
    return totals_cell({str(i): text for i, text in enumerate(row)}) is not None


def _frame(rows: list[list[str]], where: str, issues: list[InputIssue]) -> pd.DataFrame:
    """A sheet's rows as a text frame: row 1 is the header, columns past the last header go."""
    if not rows:
        return text_frame([], [])
    header = [h.strip().lower() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    # A column left blank between the table's (no header, no cell) carries nothing: dropped.
    keep = [i for i, h in enumerate(header) if h or any(r[i:] and r[i].strip() for r in rows)]
    seen: set[str] = set()
    for index, name in ((i, header[i]) for i in keep):
        if not name:
            issues.append(
                InputIssue(where, 1, column_letter(index), "a column has no header.", "Name it.")
            )
        elif name in seen:
            issues.append(InputIssue(where, 1, name, f"two columns are named {name}.", "Keep one."))
        seen.add(name)
    body = [[(row + [""] * len(header))[i] for i in keep] for row in rows[1:]]
    return text_frame(body, [header[i] for i in keep])


#: ranges.quoted_figure's words for a figure typed otherwise, as settings.toml has it.
_QUOTED_FIGURE = re.compile(
    r" is in quotes, so it reads as text, not (.+?), and (.+?): write it without the quotes "
    r"as (\S+) \(.+ = \S+\)\.$"
)


def on_sheets(
    issues: Iterable[InputIssue], book: str, sheets: Mapping[str, str]
) -> list[InputIssue]:
    """Problems the loader found in ``teams.csv``... renamed to the sheets they came from.

    A leader who gave a workbook has no ``teams.csv``: the texts name sheets
    too ("the team 'x' is not in the teams sheet"), and a missing table is
    the workbook's problem ("the teams sheet is missing").
    """

    def in_book(text: str) -> str:
        return _DATA_FILE.sub(lambda m: f"the {sheets.get(m[0], m[1])} sheet", text)

    out = []
    for i in issues:
        if i.file == SETTINGS_FILE and i.row is None and isinstance(sheets, BookSheets):
            i = replace(i, row=sheets.setting_row(i.column or ""))
        if i.file == SETTINGS_FILE and SETTINGS_FILE in sheets:
            # A cell has no quotes and no 'key = value' line (settings.toml's words).
            i = replace(
                i, message=_QUOTED_FIGURE.sub(r" is not \1: \2; write it as \3.", i.message)
            )
        if i.file in sheets:
            file = sheet_label(book, sheets[i.file])
        elif i.file in RAW_FILES:
            file = book
        else:
            file = i.file
        said = i.file == SETTINGS_FILE and SETTINGS_FILE in sheets
        message = in_sheet_words(in_book(i.message), of_settings=said)
        out.append(
            replace(
                i, file=file, message=message, fix=in_sheet_words(in_book(i.fix), of_settings=said)
            )
        )
    return out
