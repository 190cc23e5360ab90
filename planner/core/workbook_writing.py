"""Writing spreadsheets: frames as one ``.xlsx`` workbook, and a problem's data as one.

Text that a spreadsheet would run as a formula is written as a plain text cell
(SPEC "Spreadsheets"); numbers stay numbers, so a leader can sum them. The data
workbook is what :mod:`planner.core.workbook` reads back to the same problem.
"""

from __future__ import annotations

import contextlib
import gc
import io
import math
import os
import sys
import threading
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from planner.core.cell_formats import PERCENT_FORMAT, number_format, percent_cell
from planner.core.domain import Problem
from planner.core.identifiers import runs_as_formula
from planner.core.settings import Settings
from planner.core.workbook import SETTINGS_SHEET
from planner.core.workbook_cells import xml_text
from planner.core.write_failures import scratch_failure
from planner.core.writing import problem_to_frames, template_frames

#: A column's number format, from the cell's value (see :mod:`planner.core.shown_figures`).
CellFormat = Callable[[Any], str]


def workbook_bytes(
    sheets: Sequence[tuple[str, pd.DataFrame]],
    formats: Mapping[str, CellFormat] | None = None,
    row_formats: Mapping[str, Mapping[str, CellFormat]] | None = None,
    sheet_formats: Mapping[str, Mapping[str, CellFormat]] | None = None,
    dress: Callable[[Any], None] | None = None,
    streamed: bool | None = None,
) -> bytes:
    """An ``.xlsx`` workbook with one sheet per frame: headers in bold, row 1 frozen.

    Text cells a spreadsheet would run as a formula are stored as plain text
    (and shown with a leading apostrophe); numbers stay numbers; empty
    cells (``None``, NaN, ``""``) stay empty. With ``formats`` (a report,
    not data a leader edits), every number has a number format with
    thousands separators: ``formats`` (by column header) gives the one that
    rounds as the app does (:func:`~planner.core.cell_formats.amount_format`), any
    other number shows its own decimals. ``row_formats`` (by a row's first
    cell, then column header) overrides them for a sheet of figures, one per
    row, where a column holds percentages and counts alike. ``sheet_formats`` (by sheet
    title, then column header) overrides ``formats`` in one sheet: a week's hours keep
    a decimal where the quarter's are whole. ``dress`` is given the openpyxl workbook
    before it is saved (the template's comments and validations).

    Without ``dress`` (or with ``streamed``), the sheets are written row by row as they are
    made (openpyxl's write-only workbook): the same cells, formats, widths and frozen
    header, in about 0.6-0.9 of the CPU time a workbook of cells takes (bench/results.md).
    """
    laid = [_laid_out(title, frame, formats, row_formats, sheet_formats) for title, frame in sheets]
    if streamed is None:
        streamed = dress is None
    if not streamed:
        return _saved(lambda buffer, made: _whole(laid, dress, buffer))
    return _saved(lambda buffer, made: _streamed(laid, buffer, made))


class _Sheet:
    """A sheet's cells as written: the header, each row's values with their number formats
    (``None``: none) and text flags, and each column's width."""

    def __init__(self, title: str, header: list[str], widths: list[float]) -> None:
        self.title = title
        self.header = header
        self.widths = widths
        self.rows: list[list[tuple[Any, str | None, bool]]] = []


def _laid_out(
    title: str,
    frame: pd.DataFrame,
    formats: Mapping[str, CellFormat] | None,
    row_formats: Mapping[str, Mapping[str, CellFormat]] | None,
    sheet_formats: Mapping[str, Mapping[str, CellFormat]] | None,
) -> _Sheet:
    """One frame's sheet: every cell's value, number format and whether it is text a
    spreadsheet would read as something else, before a cell is made."""
    header = [xml_text(str(c)) for c in frame.columns]
    own_formats = {**(formats or {}), **(sheet_formats or {}).get(title, {})}
    by_column = [
        None if formats is None else own_formats.get(str(c), number_format) for c in frame.columns
    ]
    # Each column's widest text, read as its cells are laid out.
    widest: list[int | None] = [None] * max(len(frame.columns), 1)
    for j, heading in enumerate(header):
        _widen(widest, j, heading)
    sheet = _Sheet(title[:31], header, [])
    for row in frame.itertuples(index=False, name=None):
        by_cell = by_column
        if row_formats is not None and row and str(row[0]) in row_formats:
            own = row_formats[str(row[0])]
            by_cell = [own.get(str(c), f) for c, f in zip(frame.columns, by_column, strict=True)]
        cells: list[tuple[Any, str | None, bool]] = []
        for j, (raw, format_of) in enumerate(zip(row, by_cell, strict=True)):
            value = _cell_value(raw)
            shown: str | None = None
            as_text = False
            if format_of is not None and type(value) in (int, float):
                shown = format_of(value)
                if shown == PERCENT_FORMAT:
                    # The percentage points a page writes (94.6) as the share a
                    # spreadsheet's percentage is (0.946, reading "94.6 %"): it sums,
                    # averages and charts as a percentage, as a chance's cell does.
                    value = percent_cell(value)
            elif _typed_otherwise(value):
                # Text, never a formula or an error: the cell keeps what the user typed.
                as_text = True
            cells.append((value, shown, as_text))
            _widen(widest, j, value)
        sheet.rows.append(cells)
    sheet.widths = [min(max(8 if w is None else w, 8), 60) + 2 for w in widest]
    return sheet


def _whole(laid: Sequence[_Sheet], dress: Callable[[Any], None] | None, buffer: Any) -> None:
    """The sheets as openpyxl's workbook of cells, which ``dress`` can add to (comments and
    validations on the headers), saved into ``buffer``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for laid_out in laid:
        sheet = workbook.create_sheet(title=laid_out.title)
        sheet.append(laid_out.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            if _typed_otherwise(cell.value):
                cell.data_type = "s"
        # Row by row, each cell found by its number: ``sheet[n]`` and ``sheet.max_row``
        # look at every cell written so far (minutes for 3,000 projects' rows).
        for number, row in enumerate(laid_out.rows, start=2):
            sheet.append([value for value, _, _ in row])
            for j, (_, shown, as_text) in enumerate(row, start=1):
                if shown is not None:
                    sheet.cell(row=number, column=j).number_format = shown
                elif as_text:
                    cell = sheet.cell(row=number, column=j)
                    cell.data_type = "s"
                    cell.quotePrefix = True
        sheet.freeze_panes = "A2"
        for j, width in enumerate(laid_out.widths, start=1):
            sheet.column_dimensions[get_column_letter(j)].width = width
    if dress is not None:
        dress(workbook)
    workbook.save(buffer)


def _streamed(laid: Sequence[_Sheet], buffer: Any, made: list[Any]) -> None:
    """The same sheets written row by row as they are appended (openpyxl's write-only
    workbook): no cell is kept once written, and the save only gathers the sheets. Widths
    and the frozen header are set before the first row, as that mode needs."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for laid_out in laid:
        sheet = workbook.create_sheet(title=laid_out.title)
        made.append(sheet)
        sheet.freeze_panes = "A2"
        for j, width in enumerate(laid_out.widths, start=1):
            sheet.column_dimensions[get_column_letter(j)].width = width
        header = []
        # A sheet of no columns keeps its empty A1, bold, as the workbook of cells has it.
        headings: list[str | None] = [*laid_out.header] or [None]
        for value in headings:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            if _typed_otherwise(value):
                cell.data_type = "s"
            header.append(cell)
        sheet.append(header)
        for row in laid_out.rows:
            values: list[Any] = []
            for value, shown, as_text in row:
                if shown is None and not as_text:
                    values.append(value)
                    continue
                cell = WriteOnlyCell(sheet, value=value)
                if shown is not None:
                    cell.number_format = shown
                else:
                    cell.data_type = "s"
                    cell.quotePrefix = True
                values.append(cell)
            sheet.append(values)
    workbook.save(buffer)


def _typed_otherwise(value: Any) -> bool:
    """Whether a text cell would be stored as something else: a formula (``=SUM(A1)``),
    or one of a spreadsheet's error values (``#N/A``, ``#DIV/0!``), which openpyxl stores
    as that error for the text alone, so that an id ``#N/A`` read back as "the cell shows
    the error #N/A" and the data workbook was refused on import."""
    return isinstance(value, str) and (runs_as_formula(value) or value in _ERROR_TEXTS)


#: The texts a spreadsheet reads as its error values (openpyxl's ``ERROR_CODES``).
_ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def _widen(widest: list[int | None], column: int, value: Any) -> None:
    """``widest[column]``: the longest text of a value written in that column (``None``:
    none yet; an empty cell has no width)."""
    if value is not None:
        width = len(str(value))
        known = widest[column]
        if known is None or width > known:
            widest[column] = width


#: Held while a failed save has Python's unraisable hook silenced (:func:`_saved`): one at a
#: time, and a save that did not fail leaves the hook alone. A second failing beside the
#: first read the first's silent hook as Python's and put it back for good, as did a save
#: that did not fail: every later unraisable exception in the app went unsaid.
_SILENCED = threading.Lock()


def _saved(write: Callable[[Any, list[Any]], None]) -> bytes:
    """The workbook ``write`` makes and saves into a buffer, as bytes (``write`` is given the
    buffer and a list it adds each write-only sheet to as it opens it);
    :func:`~planner.core.write_failures.scratch_failure` when openpyxl cannot write the temporary
    file it puts each sheet together in (a full disk there, a ``ulimit -f``): that error
    names no file, so it was said as standard output's."""
    from openpyxl.worksheet import _writer  # the list of its temporary files

    buffer = io.BytesIO()
    failed: OSError | None = None
    hook: Any = None  # Python's own, while this save has it silenced
    left: list[str] = []
    made: list[Any] = []
    try:
        try:
            write(buffer, made)
        except OSError as exc:
            # openpyxl's sheet writer, let go with the traceback at the end of this block,
            # writes again on closing and fails again: Python printed that as "Exception
            # ignored in: <generator object WorksheetWriter.get_stream ...>" and a traceback
            # under the message. It is the same failure, said once.
            _SILENCED.acquire()
            hook, sys.unraisablehook = sys.unraisablehook, _unraised
            failed = OSError(exc.errno, exc.strerror)
            left = _part_written(exc, _writer.WorksheetWriter)
            # A write-only sheet's file is open from its first row: each one opened so far.
            opened = (getattr(getattr(sheet, "_writer", None), "out", None) for sheet in made)
            left += [out for out in opened if isinstance(out, str)]
            left = list(dict.fromkeys(left))
        except KeyboardInterrupt:  # a Ctrl-C, or a SIGTERM, as the sheets were written
            _let_go(made, _writer)
            raise
        made.clear()  # the sheets, and their open files, let go before they are collected
        if failed is not None:
            gc.collect()
    finally:
        if hook is not None:
            sys.unraisablehook = hook
            _SILENCED.release()
    if failed is not None:
        # The part-written sheet stayed until the process ended: a server whose temporary
        # folder was full kept it fuller with every download clicked.
        for path in left:
            with contextlib.suppress(OSError, ValueError):
                os.remove(path)
                _writer.ALL_TEMP_FILES.remove(path)
        raise scratch_failure(failed, "the workbook")
    return buffer.getvalue()


def _part_written(exc: BaseException, writer: type) -> list[str]:
    """The temporary files of the sheet writers ``exc`` was raised in: this save's only,
    never those of a save running beside it on another thread."""
    found: list[str] = []
    # From the frame below the caller's: reading the caller's own locals would keep the
    # exception alive in them past the end of its except block.
    trace = exc.__traceback__.tb_next if exc.__traceback__ is not None else None
    while trace is not None:
        owner = trace.tb_frame.f_locals.get("self")
        out = getattr(owner, "out", None)
        if isinstance(owner, writer) and isinstance(out, str):
            found.append(out)
        trace = trace.tb_next
    return list(dict.fromkeys(found))


def _let_go(made: list[Any], writer: Any) -> None:
    """The write-only sheets ``made`` so far closed, and their temporary files removed, when
    the save is stopped: each sheet's writer was left open, and when Python collected it
    as the program ended, it wrote its last tag to a file already closed and printed
    "Exception ignored in: <generator object WriteOnlyWorksheet._write_rows ...>" and a
    traceback under "stopped: the planner was asked to end". ``writer``: openpyxl's sheet
    writer module (its list of temporary files)."""
    for sheet in made:
        sheet_writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(sheet_writer, "xf", None)):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()
        out = getattr(sheet_writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError, ValueError):
                os.remove(out)
                writer.ALL_TEMP_FILES.remove(out)
    made.clear()


def _unraised(_: Any) -> None:
    """An exception nobody could raise, let go (see :func:`_saved`)."""


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is pd.NA:
        return None
    if isinstance(value, str):
        # A control character (BEL, a vertical tab from a Mac export) has no place in a
        # worksheet's XML: written as the _x0007_ escape Excel shows as the character.
        return xml_text(value) if value else None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def typed(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """The frame with text number columns as numbers (empty cells stay empty)."""
    frame = frame.copy()
    for column in columns:
        if column in frame:
            frame[column] = pd.Series(
                [_number(v) for v in frame[column]], index=frame.index, dtype=object
            )
    return frame


def _number(text: object) -> object:
    if not isinstance(text, str) or not text.strip():
        return text
    try:
        number = Decimal(text.strip())
    except ArithmeticError:
        return text
    if not number.is_finite():
        return text
    return int(number) if number == number.to_integral_value() else float(number)


#: The data files' number columns: written as numbers so a spreadsheet can sum them.
DATA_NUMBER_COLUMNS = (
    "capacity_hours",
    "max_projects",
    "effort_hours",
    "value",
    "value_low",
    "value_high",
    "sales_share",
    "target",
    "weight",
    "duration_weeks",
    "earliest_week",
    "due_week",
    # calendar.csv: a single week is a number; a range ("7-8") stays text.
    "week",
)


def settings_rows(problem: Problem) -> pd.DataFrame:
    """The settings as ``key``, ``value`` rows (the ``settings`` sheet); lists ``;``-separated."""
    return _settings_frame(problem.settings)


def _settings_frame(settings: Settings) -> pd.DataFrame:
    rows: list[dict[str, object]] = []

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, Mapping):
                walk(name, value)
            elif isinstance(value, list):
                rows.append({"key": name, "value": "; ".join(str(v) for v in value)})
            else:
                rows.append({"key": name, "value": value})

    walk("", tomllib.loads(settings.to_toml()))
    return pd.DataFrame(rows, columns=["key", "value"])


def data_workbook(problem: Problem) -> bytes:
    """The inputs as one workbook: a sheet per data file and the settings; it loads back."""
    sheets = [
        (Path(file).stem, typed(frame, DATA_NUMBER_COLUMNS))
        for file, frame in problem_to_frames(problem).items()
    ]
    sheets.append((SETTINGS_SHEET, settings_rows(problem)))
    return workbook_bytes(sheets)


def template_workbook() -> bytes:
    """A workbook to fill in: a sheet per data file with its column headers (SPEC order)
    and a settings sheet of the defaults, as :func:`data_workbook` lays out the data, so
    that the filled-in workbook loads as the data. Each header says its format in a
    comment, and columns offer or check what they take
    (:func:`~planner.core.template_hints.dress_template`)."""
    from planner.core.template_hints import dress_template

    sheets = [(Path(file).stem, frame) for file, frame in template_frames().items()]
    sheets.append((SETTINGS_SHEET, _settings_frame(Settings())))
    files = {Path(file).stem: file for file in template_frames()}
    files[SETTINGS_SHEET] = "settings"
    return workbook_bytes(sheets, dress=lambda book: dress_template(book, files))
