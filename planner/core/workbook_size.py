"""A workbook weighed before openpyxl opens it: what its zip's parts unpack to, and the
cells its tables' sheets hold, counted in their XML (:func:`planner.core.workbook.open_workbook`
refuses one past :data:`MAX_WORKBOOK_BYTES` or :data:`~planner.core.tables.MAX_CELLS`).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Mapping

from planner.core.tables import MAX_CELLS, MAX_FILE_BYTES, RAW_FILES, too_many_cells

#: Largest workbook read (all its sheets together, as stored), and most its parts may
#: unpack to: no more XML than a workbook stored without compression holds.
MAX_WORKBOOK_BYTES = len(RAW_FILES) * MAX_FILE_BYTES
#: Most parts (entries of its zip: sheets, pictures, styles...) a workbook read may hold;
#: Excel writes a few per sheet, a few dozen in all for a quarter's data.
MAX_WORKBOOK_PARTS = 10_000


def unpacked_bytes(data: bytes) -> int:
    """What the workbook's parts declare they unpack to (0 when it is not a zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return 0


_SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\b([^>]*)>")
_RELATION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\b([^>]*)>")
#: A cell's opening tag that is not closed in itself: a cell that may hold a value.
_VALUE_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*(?<!/)>")


def _attribute(tag: bytes, name: bytes) -> str:
    found = re.search(rb"(?:^|\s)" + name + rb'\s*=\s*["\']([^"\']*)["\']', tag)
    return html.unescape(found[1].decode("utf-8", "replace")) if found else ""


def tables_past_the_cell_cap(data: bytes, tables: Mapping[str, str]) -> tuple[str, str, str] | None:
    """The sheet, problem and fix of a workbook whose tables' sheets (``tables``: a sheet's
    name in lower case -> its data file) hold more than :data:`MAX_CELLS` cells, one sheet
    or all together, counted in their XML (millions a second) before openpyxl reads them
    (some 55,000 a second: a 9 MB sheet of four million cells took 137 s and 560 MB to
    refuse; six sheets just under the cap, two minutes). Other sheets are not held to it;
    ``None`` when the tables are under the cap."""
    counted: dict[str, int] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            targets = {
                _attribute(tag, b"Id"): _attribute(tag, b"Target")
                for tag in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels"))
            }
            for tag in _SHEET.findall(archive.read("xl/workbook.xml")):
                title = _attribute(tag, b"name")
                target = targets.get(_attribute(tag, b"r:id"), "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if title.strip().lower() not in tables or part not in archive.namelist():
                    continue
                if sum(counted.values()) > MAX_CELLS:
                    break
                counted[title] = 0
                with archive.open(part) as xml:
                    tail = b""
                    while sum(counted.values()) <= MAX_CELLS and (chunk := xml.read(1 << 20)):
                        text = tail + chunk
                        cut = text.rfind(b"<")  # a tag cut by the chunk is counted whole next
                        counted[title] += len(_VALUE_CELL.findall(text, 0, cut))
                        tail = text[cut:]
    except Exception:  # any damage (as workbook_cells.DAMAGED): openpyxl names what is wrong
        return None
    if sum(counted.values()) <= MAX_CELLS:
        return None
    title, most = max(counted.items(), key=lambda item: item[1])
    message, fix = too_many_cells(tables[title.strip().lower()], None)
    if most <= MAX_CELLS:  # no one sheet, but the tables together
        ranked = sorted(counted.items(), key=lambda item: -item[1])
        # Counting stops at the cap: the sheet it stopped in holds at least its count.
        last = list(counted)[-1]
        sheets = ", ".join(f"{t} {'at least ' * (t == last)}{n:,}" for t, n in ranked if n)
        message = f"the tables hold more than {MAX_CELLS:,} cells together ({sheets})."
    return title, message, fix
