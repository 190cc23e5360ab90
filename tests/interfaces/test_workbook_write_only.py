"""plan.xlsx and the data workbook written row by row (openpyxl's write-only workbook) hold
what the workbook of cells held: every cell's value and number format, the bold headers,
text kept as text, the column widths and the frozen header row."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import pytest
from builders import SAMPLE
from openpyxl import load_workbook

from planner.core import workbook_writing
from planner.core.generate import generate_folder
from planner.core.loading import load_with_warnings
from planner.core.workbook_writing import data_workbook
from planner.interfaces import exports
from planner.solving.solver import solve


def _read(made: bytes) -> dict[str, Any]:
    """Each sheet as openpyxl reads it back: its cells, widths and frozen pane."""
    book = load_workbook(io.BytesIO(made))
    return {
        sheet.title: {
            "cells": [
                (c.coordinate, c.value, c.number_format, c.font.b, c.data_type, c.quotePrefix)
                for row in sheet.iter_rows()
                for c in row
            ],
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
            "frozen": sheet.freeze_panes,
        }
        for sheet in book.worksheets
    }


def _both(monkeypatch: pytest.MonkeyPatch, make: Any, where: Any) -> tuple[bytes, bytes]:
    """``make()`` with the workbook of cells, then written row by row."""
    made = []
    for streamed in (False, True):
        writer = functools.partial(workbook_writing.workbook_bytes, streamed=streamed)
        monkeypatch.setattr(where, "workbook_bytes", writer)
        made.append(make())
    return made[0], made[1]


@pytest.fixture(scope="module")
def quarter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated quarter in weeks, with ranges of impact (the Weekly load sheet and the
    goals' odds)."""
    folder = tmp_path_factory.mktemp("quarter")
    return generate_folder(folder / "q", 8, 60, seed=3, weeks=True, ranges=True)


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_plan_workbook_written_row_by_row_holds_every_cell_and_format(monkeypatch, quarter, which):
    problem = load_with_warnings(SAMPLE if which == "sample" else quarter).problem
    result = solve(problem, time_limit_s=5)
    whole, streamed = _both(monkeypatch, lambda: exports.plan_workbook(problem, result), exports)
    old, new = _read(whole), _read(streamed)
    assert list(new) == list(old)
    for title in old:
        assert new[title] == old[title], title
    formats = {f for sheet in new.values() for _, _, f, *_ in sheet["cells"]}
    assert "#,##0.0 %" in formats and "0.0 %" in formats  # the formats are there to lose
    if which == "generated":
        assert "Weekly load" in new and "Chance to reach target" in str(new["Goals"])
    assert all(sheet["frozen"] == "A2" for sheet in new.values())


def test_data_workbook_written_row_by_row_holds_every_cell(monkeypatch):
    problem = load_with_warnings(SAMPLE).problem
    whole, streamed = _both(monkeypatch, lambda: data_workbook(problem), workbook_writing)
    assert _read(streamed) == _read(whole)


def test_text_a_spreadsheet_would_run_stays_text_row_by_row():
    import pandas as pd

    frame = pd.DataFrame({"name": ["=SUM(A1)", "#N/A", "plain"], "hours": [1.5, 2, None]})
    made = workbook_writing.workbook_bytes([("One", frame)], formats={}, streamed=True)
    sheet = load_workbook(io.BytesIO(made))["One"]
    assert [(c.value, c.data_type, c.quotePrefix) for c in sheet["A"][1:]] == [
        ("=SUM(A1)", "s", True),
        ("#N/A", "s", True),
        ("plain", "s", False),
    ]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet["B2"].number_format != "General" and sheet["B4"].value is None
