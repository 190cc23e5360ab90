"""A workbook's column widths: each column as wide as its longest text (8 to 60, plus 2),
read from the cells as saved, percentages and texts kept from running as formulas too."""

from __future__ import annotations

import io

import pandas as pd
from builders import problem, project, team
from openpyxl import load_workbook

from planner.core.cell_formats import PERCENT_FORMAT
from planner.core.workbook_writing import workbook_bytes
from planner.explain.sentences import as_cell, as_cells


def _widths_as_saved(made: bytes) -> dict[str, dict[str, float]]:
    """Each sheet's column widths as written, and as its saved cells say they should be."""
    book = load_workbook(io.BytesIO(made))
    found = {}
    for sheet in book.worksheets:
        for column in sheet.columns:
            texts = [len(str(c.value)) for c in column if c.value is not None]
            letter = column[0].column_letter
            wanted = min(max(max(texts, default=8), 8), 60) + 2
            found[f"{sheet.title}!{letter}"] = (sheet.column_dimensions[letter].width, wanted)
    return found


def test_each_column_is_as_wide_as_its_longest_saved_text():
    frame = pd.DataFrame(
        {
            "Project": ["A short one", "A name of more than sixty characters, " * 3, None],
            "Share": [94.6, 5.25, 100.0],  # saved as 0.946, 0.0525, 1
            "Note": ["=SUM(A1:A2)", "", "+1 555"],  # texts, never formulas
            "Empty": [None, None, None],
            "Hours": [12, 1234567, 3],
        }
    )
    made = workbook_bytes(
        [("Plan", frame), ("Nothing", pd.DataFrame())],
        formats={"Share": lambda _: PERCENT_FORMAT},
    )
    widths = _widths_as_saved(made)
    assert widths["Plan!A"] == (62, 62)  # capped at 60
    assert widths["Plan!B"] == (10, 10)  # "Share" and 0.0525: at least 8
    assert widths["Plan!C"] == (13, 13)  # "=SUM(A1:A2)" as text
    assert widths["Plan!E"] == (10, 10)
    assert all(width == wanted for width, wanted in widths.values()), widths
    assert widths["Nothing!A"] == (10, 10)  # a sheet with no columns has column A's default


def test_reasons_as_cells_read_as_each_cell_does():
    """The names a reason may start with are read once for many reasons; each reads as
    :func:`as_cell` makes it: a capital and a full stop, a team's name kept as written."""
    p = problem([team("sdr", name="sdr"), team("AEs")], [project("p1")])
    texts = ["it depends on 'Expo'", "sdr has no room", "  ", "Already.", "why not?", "aEs x"]
    cells = as_cells(p, texts)
    assert cells == [as_cell(p, text) for text in texts]
    assert cells == [
        "It depends on 'Expo'.",
        "sdr has no room.",
        "",
        "Already.",
        "Why not?",
        "AEs x.",  # not the team "AEs": a capital as any sentence
    ]
