"""Opening a workbook read-only without openpyxl's pass over every sheet to size it.

openpyxl's read-only workbook sizes each sheet as it opens it, from the range the
sheet declares (``<dimension ref="A1:G11"/>``). A sheet that declares none (LibreOffice
scripts, exports from other programs) is parsed to its end to find that out, every
sheet, the ones the planner ignores too: a sheet formatted down to row 1,048,576 took
21.8 s to open. The planner never asks for the size (it does not trust it, and reads
each table's sheet to its last value: :func:`planner.core.workbook_cells._rows`), so sheets
are opened unsized.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet


class _UnsizedSheet(ReadOnlyWorksheet):
    """A read-only sheet whose size is unknown (openpyxl's own state after
    ``reset_dimensions()``), found without reading the sheet."""

    def _get_size(self) -> None:
        self._max_row = self._max_column = None


class _Reader(ExcelReader):
    """openpyxl's reader, read-only, its sheets opened unsized; chart sheets as it reads them."""

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            opened = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            opened.sheet_state = sheet.state
            self.wb._sheets.append(opened)


def open_read_only(data: bytes, *, data_only: bool) -> Any:
    """The workbook in ``data``, read-only, as ``openpyxl.load_workbook(..., read_only=True)``
    opens it but for each sheet's declared size, which is never read (see the module)."""
    reader = _Reader(io.BytesIO(data), read_only=True, data_only=data_only)
    reader.read()
    return reader.wb
