"""A worksheet's cells as the text a user sees, and the cells that cannot be trusted.

:func:`sheet_rows` reads one sheet's rows as text (``1200`` not ``1200.0``, ``true``
for TRUE, a formula's binary noise as the cell shows it), with the cells that show an
error or a formula saved without its result (:data:`OddCells`, said by
:func:`odd_cell_issues`), and the problem of a sheet that cannot be read: a row too wide
or too far down, a damaged part (:data:`DAMAGED`), rows stored out of order
(:func:`out_of_order`). :mod:`planner.core.workbook` reads a workbook's sheets through
it; :func:`xml_text` is the other way, a cell's text as a worksheet holds it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from planner.core.csv_text import column_letter
from planner.core.errors import InputIssue
from planner.core.tables import MAX_ROWS
from planner.core.workbook_scan import Scanned

#: Columns read on a sheet: a table has a few dozen; a cell past this is a stray.
MAX_COLUMNS = 1_000

#: OOXML's escape for a character XML cannot hold in a cell's text (``_x0007_`` is BEL).
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: Characters a worksheet's XML cannot hold: controls other than tab, line feed and return.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: A number format of zeros alone ("000"): a whole number shown padded to that many digits,
#: as ids are kept ("007"). The cell holds 7, and the CSV file the same sheet is saved as
#: says 007: the team '007' of the calendar sheet was "not in the teams sheet", which
#: showed 007 too.
_PADDED = re.compile(r"0{2,}")


def xml_text(text: str) -> str:
    """``text`` as a worksheet cell holds it: each character XML cannot hold as its
    ``_xHHHH_`` escape, and a ``_xHHHH_`` typed as text with its ``_`` escaped, so that
    Excel and :func:`read_workbook` both read ``text`` back exactly."""
    text = _ESCAPE.sub(lambda m: "_x005F" + m[0], text)
    return _UNWRITABLE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def cell_text(value: Any, *, plain: bool = False) -> str:
    """A cell as the text a user sees: ``1200`` not ``1200.0``, ``true`` for TRUE; a number
    as a person writes it (:func:`_number_text`), in full if ``plain`` (a table's cell,
    read as a plain decimal)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return _number_text(value, plain=plain)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "_x" not in text:
        return text
    text = _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    # A character past U+FFFF escaped as its two UTF-16 halves reads as that character;
    # a half alone (a name cut in the middle of one) as U+FFFD, as a spreadsheet shows it:
    # kept, it could not be written to plan.csv or the terminal.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _number_text(value: float, *, plain: bool = False) -> str:
    """A finite number cell as a person writes it: ``1820``, ``0.05``, ``1e-320``, ``1e308``.

    As the spreadsheet shows it, 15 significant digits, so that a formula's binary noise
    (=5*13*40*0.7 is 1819.9999999999998) reads 1820, as its cell does; or fewer, the
    shortest that reads back as the value: a number too small for 15 digits (1e-320) read
    as 9.99988671826831e-321. Written out in full from 1e-7 up to 1e21, past that with its
    exponent (unless ``plain``): 1e-320 read as a decimal of 337 characters, 1e308 as
    309 digits.
    """
    number = min(
        (Decimal(repr(value)).normalize(), Decimal(format(value, ".15g")).normalize()),
        key=lambda d: len(d.as_tuple().digits),
    )
    if not number:
        return "0"
    if plain or -7 <= number.adjusted() < 21:
        return format(number, "f")
    digits = number.as_tuple().digits
    whole = "".join(map(str, digits[:1])) + (
        "." + "".join(map(str, digits[1:])) if digits[1:] else ""
    )
    return f"{'-' * (number < 0)}{whole}e{number.adjusted()}"


#: A cell whose text cannot be trusted: (row, column index) -> (message, fix).
OddCells = dict[tuple[int, int], tuple[str, str]]


def sheet_rows(
    sheet: Any,
    formulas: Mapping[tuple[int, int], str],
    where: str,
    last: int | None = None,
    *,
    plain: bool = True,
) -> tuple[list[list[str]], OddCells, InputIssue | None]:
    """A sheet's cells as text, the cells that show an error or an uncalculated formula,
    and the problem of a row reaching past :data:`MAX_COLUMNS` (the sheet is not read).

    ``formulas`` are the sheet's formulas by (row, column index): a formula cell
    without a value was saved by a program that does not calculate (a script,
    some exports), so its result is unknown, not empty. Numbers are written out in full
    (``plain``: a table's, read as plain decimals) or as a person writes them.
    """
    rows: list[list[str]] = []
    odd: OddCells = {}
    try:
        for number, row in _rows(sheet, last):
            if len(row) > MAX_COLUMNS:
                return [], {}, _too_wide(row, number, where)
            if number > READ_ROWS:
                return [], {}, _too_far_down(row, number, where)
            rows.append(_row_texts(row, number, formulas, odd, plain=plain))
    except DAMAGED as exc:
        # A part a program wrote wrong or a download cut short: named, never a traceback.
        return [], {}, _damaged(where, len(rows) + 1, exc)
    # Spreadsheets keep formatting on empty rows and columns past the data: drop them.
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows, odd, None


def _row_texts(
    row: Sequence[Any],
    number: int,
    formulas: Mapping[tuple[int, int], str],
    odd: OddCells,
    *,
    plain: bool,
) -> list[str]:
    """One row's cells as text; a cell showing an error or an uncalculated formula goes
    in ``odd``."""
    texts = []
    for index, cell in enumerate(row):
        value = cell.value
        if value is None and (number, index) in formulas:
            odd[number, index] = _unsaved_formula(formulas[number, index])
            value = formulas[number, index]
        elif getattr(cell, "data_type", None) == "e":
            odd[number, index] = (
                f"the cell shows the error {shortened(str(value))}.",
                "Correct the formula in the spreadsheet, or type the value itself.",
            )
        text = cell_text(value, plain=plain)
        if _PADDED.fullmatch(getattr(cell, "number_format", None) or "") and text.isdigit():
            text = text.zfill(len(cell.number_format))
        texts.append(text)
    return texts


def _unsaved_formula(formula: str) -> tuple[str, str]:
    """The message and fix of a formula cell saved without its result. A formula without
    its text (a shared formula whose first cell, which holds the text, is missing, as some
    programs write them) was quoted as "the formula =", an empty formula."""
    if formula.strip() in ("", "="):
        return (
            "the cell holds a formula that was saved without its value or its text (as a "
            "shared formula is when the cell holding its text is missing), so what it shows "
            "cannot be read.",
            "Open the workbook in Excel or LibreOffice and save it again, or copy the column "
            "and paste it back as values (Paste Special > Values), or type the value itself.",
        )
    return (
        f"the cell holds the formula {shortened(formula)} but the workbook has no saved "
        "result for it (it was written by a program that does not calculate).",
        "Open the workbook in Excel or LibreOffice and save it, so that the "
        "results are stored, or type the value itself.",
    )


def _rows(sheet: Any, last: int | None = None) -> Iterable[tuple[int, Sequence[Any]]]:
    """The sheet's rows as it holds them, numbered; past the row cap only rows with a value;
    none after row ``last`` (its last row holding a cell, when known:
    :attr:`~planner.core.workbook_scan.Scanned.last_rows`).

    The range a sheet declares (``<dimension ref="A1:G11"/>``) is not trusted:
    declared too small it cut rows and columns off, declared to XFD1048576 it
    padded every row to 16,384 cells.
    """
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if last is not None and number > last:
            return
        if number <= READ_ROWS or any(_has_value(cell.value) for cell in row):
            yield number, row


def out_of_order(scanned: Scanned, sheet: Any, where: str) -> InputIssue | None:
    """The problem of a sheet whose rows are not stored in rising order, or None."""
    found = scanned.disordered.get(sheet_part(sheet))
    if found is None:
        return None
    row, after = found
    how = "twice" if row == after else f"after row {after}"
    return InputIssue(
        where,
        row,
        None,
        f"row {row} is stored {how} in the file, which a spreadsheet program never "
        "writes: the program that made the workbook wrote its rows so, and they cannot be "
        "read as the sheet shows them.",
        "Open the workbook in Excel or LibreOffice and save it again as an Excel Workbook "
        "(.xlsx), which stores the rows in order.",
    )


def sheet_part(sheet: Any) -> str:
    """The zip part that holds ``sheet`` (``xl/worksheets/sheet1.xml``)."""
    return str(getattr(sheet, "_worksheet_path", "")).lstrip("/")


def _has_value(value: Any) -> bool:
    return value is not None and bool(str(value).strip())


#: What a damaged part raises inside openpyxl: XML that does not parse (a ``SyntaxError``),
#: a number or date cell that is not one, a shared string or style past the list, a cut zip,
#: and whatever else its parser meets in bytes it did not expect: a part with a password
#: (``RuntimeError``), a chart sheet without its relations (``AttributeError``). Any of
#: them is the file's, said as such; a list of the ones seen so far let the next one through
#: as "internal error ... a bug in Goal Planner".
DAMAGED = (Exception,)


def _damaged(where: str, number: int, exc: BaseException) -> InputIssue:
    """The problem of a sheet that cannot be read: its XML does not parse (no row can be
    named: the parser reads ahead), or a cell of row ``number`` is not what it declares."""
    detail = shortened(" ".join(str(exc).split()), 80)
    broken = isinstance(exc, SyntaxError)
    return InputIssue(
        where,
        None if broken else number,
        None,
        (
            "the sheet is damaged: its XML cannot be read"
            if broken
            else "a cell of this row is damaged"
        )
        + f" ({type(exc).__name__}: {detail}).",
        "Open the workbook in Excel or LibreOffice and save it again as an Excel Workbook "
        "(.xlsx), or download it again if it came from elsewhere.",
    )


#: The last row of a sheet read, its empty rows included: the header and twice the
#: :data:`MAX_ROWS` data rows a table may have (its rows with a value are counted against
#: that cap once read). Row 100,002 was refused as "past the 100,000 data rows a table may
#: have" below seven rows and a hundred thousand empty ones.
READ_ROWS = 2 * MAX_ROWS + 1


def _too_far_down(row: Sequence[Any], number: int, where: str) -> InputIssue:
    """A row with a value past :data:`READ_ROWS`."""
    index = next(i for i, cell in enumerate(row) if _has_value(cell.value))
    return InputIssue(
        where,
        number,
        column_letter(index),
        f"row {number:,} holds {shortened(cell_text(row[index].value), 30)!r}, past row "
        f"{READ_ROWS:,}, the last a table is read to (its empty rows included).",
        "Delete the empty rows above it, or the rows you do not plan with.",
    )


def _too_wide(row: Sequence[Any], number: int, where: str) -> InputIssue:
    """A row reaching past column :data:`MAX_COLUMNS`: its first value there, or formatting."""
    past = column_letter(MAX_COLUMNS - 1)
    for index in range(MAX_COLUMNS, len(row)):
        value = row[index].value
        if _has_value(value):
            return InputIssue(
                where,
                number,
                column_letter(index),
                f"the cell holds {shortened(cell_text(value), 30)!r}, past column {past}: "
                f"a table has at most {MAX_COLUMNS:,} columns.",
                "Move the value into the table or delete it, and delete the empty columns "
                "after the table's last one.",
            )
    return InputIssue(
        where,
        number,
        column_letter(len(row) - 1),
        f"the row has formatted cells out to column {column_letter(len(row) - 1)}, past column "
        f"{past}: a table has at most {MAX_COLUMNS:,} columns.",
        "Delete the empty columns after the table's last one (select them, then Delete), and save.",
    )


def shortened(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, the last an ellipsis, to quote a cell's value."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def odd_cell_issues(odd: OddCells, columns: Iterable[object], where: str) -> list[InputIssue]:
    """An error per odd cell of a data row inside the header's columns (others are ignored)."""
    header = [str(c) for c in columns]
    return [
        InputIssue(where, row, header[index], message, fix)
        for (row, index), (message, fix) in sorted(odd.items())
        if row > 1 and index < len(header) and header[index]
    ]


def sheet_formulas(
    data: bytes, tables: Collection[str], last_rows: Mapping[str, int]
) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas of each sheet named like one of ``tables`` (any case), by (row, column
    index), read without their saved values, up to each sheet's last row in ``last_rows``."""
    from planner.core.workbook_opening import open_read_only

    found: dict[str, dict[tuple[int, int], str]] = {}
    workbook = open_read_only(data, data_only=False)
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip().lower() not in tables:
                continue
            cells = found.setdefault(sheet.title, {})
            for number, row in _rows(sheet, last_rows.get(sheet_part(sheet))):
                if len(row) > MAX_COLUMNS or number > READ_ROWS:
                    break
                for index, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "f":
                        cells[number, index] = str(getattr(cell.value, "text", cell.value))
    finally:
        workbook.close()
    return found
