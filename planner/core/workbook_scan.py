"""One streaming pass over a workbook's sheet XML before openpyxl reads it.

It finds what the cells alone do not say: whether formulas are there, merged
ranges, the last row with a value (a sheet formatted to row 1,048,576 is not
read to its end), and the rows and columns the spreadsheet hides.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hidden:
    """A sheet's hidden (or filtered-out) rows and hidden columns, numbered from 1."""

    rows: frozenset[int] = frozenset()
    columns: frozenset[int] = frozenset()


_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})"')
#: A cell's opening tag (``<c r="B7" t="s">``, or ``<x:c ...>`` with a namespace prefix);
#: ``\b`` keeps ``<col`` and ``<cols>`` out.
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*)>")
#: A row's or a column's tag, and its attributes (in any order, as programs write them).
_ROW_OR_COLUMN = re.compile(rb"<(row|col)\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden\s*=\s*["\'](?:1|true)["\']')
_NUMBER = {
    name: re.compile(rb"\b" + name + rb'\s*=\s*["\']([0-9]{1,7})["\']')
    for name in (b"r", b"min", b"max")
}
#: A worksheet's last column (XFD): a hidden range "to the end" goes no further.
_MAX_COLUMN = 16_384
_CELL_ROW = re.compile(rb'\br\s*=\s*["\'][A-Z]{1,3}([0-9]{1,7})["\']')
#: A row's opening tag (``<row r="7" spans="1:7">``, or ``<x:row ...>``).
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")


@dataclass(frozen=True)
class Scanned:
    """What one streaming pass over the sheets' XML tells before they are read."""

    #: Whether any sheet holds a formula (its text is read in a second pass).
    formulas: bool = False
    #: Each sheet part's merged ranges (``B2:B4``): their value is in the first cell only.
    merges: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Each sheet part's last row with a cell that is not empty by its tag (0: none), or
    #: absent when such a cell has no ``r`` reference to tell its row. Rows after it are
    #: formatting only.
    last_rows: Mapping[str, int] = field(default_factory=dict)
    #: Each sheet part's rows hidden in the spreadsheet (or filtered out) and hidden
    #: columns (1 for A): read all the same.
    hidden: Mapping[str, Hidden] = field(default_factory=dict)
    #: Each sheet part whose rows are not stored in rising order: (the row, the row it is
    #: stored after). openpyxl drops such a row without a word (:class:`_RowOrder`).
    disordered: Mapping[str, tuple[int, int]] = field(default_factory=dict)


def scan_sheets(data: bytes) -> Scanned:
    """Formulas, merged ranges and each sheet's last row with a cell, in one pass.

    The last row lets the reader stop there: a sheet formatted down to row 1,048,576
    took 5 s and 560 MB to read (openpyxl keeps every row element it has parsed) for
    a 2.5 MB workbook of 10 rows.
    """
    formulas = False
    merges: dict[str, tuple[str, ...]] = {}
    last_rows: dict[str, int] = {}
    hidden: dict[str, Hidden] = {}
    disordered: dict[str, tuple[int, int]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                continue
            found: set[bytes] = set()
            last: int | None = 0
            order = _RowOrder()
            with archive.open(info) as part:
                tail = b""
                start = 0  # where ``text`` starts in the part
                while chunk := part.read(1 << 20):
                    text = tail + chunk
                    order.read(text, start)
                    formulas = formulas or b"<f>" in text or b"<f " in text
                    found.update(_MERGE.findall(text))
                    if b"hidden" in text:  # else not one more pass over a million rows
                        was = hidden.get(info.filename, Hidden())
                        rows, columns = _hidden_in(text)
                        hidden[info.filename] = Hidden(was.rows | rows, was.columns | columns)
                    last = _last_cell_row(text, last)
                    # From the last tag's start, so that a tag cut by the chunk is read
                    # whole with the next one (merges are found again: a set).
                    cut = text.rfind(b"<")
                    tail = text[cut:] if cut >= len(text) - 4096 else chunk[-64:]
                    start += len(text) - len(tail)
            if order.first_out is not None:
                disordered[info.filename] = order.first_out
            if found:
                merges[info.filename] = tuple(sorted(r.decode("ascii") for r in found))
            if last is not None:
                last_rows[info.filename] = last
    return Scanned(formulas, merges, last_rows, hidden, disordered)


class _RowOrder:
    """The first row a sheet stores at or before the row stored before it.

    A spreadsheet stores rows in rising order; a program that wrote them otherwise (row 4,
    then row 3; row 3 twice) leaves openpyxl's reader dropping the row whose number goes
    back, without a word: a team missing, then named "not in the teams sheet" where a
    spreadsheet shows it. A tag read again at the start of the next chunk is read once.
    """

    def __init__(self) -> None:
        self.previous = 0
        self.read_to = 0  # the end, in the part, of the last row tag read
        self.first_out: tuple[int, int] | None = None

    def read(self, text: bytes, start: int) -> None:
        if self.first_out is not None or b"row" not in text:
            return
        for tag in _ROW.finditer(text):
            if start + tag.start() < self.read_to:
                continue
            self.read_to = start + tag.end()
            number = _NUMBER[b"r"].search(tag[1])
            if number is None:
                continue  # counted in turn by the reader
            row = int(number[1])
            if row <= self.previous:
                self.first_out = (row, self.previous)
                return
            self.previous = row


def _last_cell_row(text: bytes, last: int | None) -> int | None:
    """The last row of a cell in ``text`` or ``last``; None once a cell gives no row.

    A cell closed in its tag (``<c r="A9" s="3"/>``) holds no value: Excel writes the
    cells of a column formatted down the sheet so (other programs ``<c ...></c>``).
    """
    for tag in _CELL.finditer(text):
        if last is None:
            return None
        if tag[1].endswith(b"/") or text.startswith(b"</", tag.end()):
            continue  # closed in its tag, or closed with nothing inside: formatting only
        row = _CELL_ROW.search(tag[1])
        if row is None:
            return None
        last = max(last, int(row[1]))
    return last


def _hidden_in(text: bytes) -> tuple[set[int], set[int]]:
    """The rows and the columns (1 for A) whose tags in ``text`` say they are hidden."""
    rows: set[int] = set()
    columns: set[int] = set()
    for tag in _ROW_OR_COLUMN.finditer(text):
        if _HIDDEN.search(tag[2]) is None:
            continue
        found = {k: int(m[1]) for k, r in _NUMBER.items() if (m := r.search(tag[2]))}
        if tag[1] == b"row" and b"r" in found:
            rows.add(found[b"r"])
        elif tag[1] == b"col" and b"min" in found:
            high = min(found.get(b"max", found[b"min"]), _MAX_COLUMN)
            columns.update(range(found[b"min"], high + 1))
    return rows, columns
