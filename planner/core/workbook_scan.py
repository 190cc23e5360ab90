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
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                continue
            found: set[bytes] = set()
            last: int | None = 0
            with archive.open(info) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    text = tail + chunk
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
            if found:
                merges[info.filename] = tuple(sorted(r.decode("ascii") for r in found))
            if last is not None:
                last_rows[info.filename] = last
    return Scanned(formulas, merges, last_rows, hidden)


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
