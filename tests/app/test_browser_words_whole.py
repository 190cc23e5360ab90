"""The Overview's tables at 1024 px: every word of a cell, every heading, reads whole.

The goals table's rows are tall enough to wrap a long goal name, and the grid then wraps
any cell too narrow for a word by breaking the word itself: a CMO read the Owner column
as "Marketin" over "g". A heading wider than its column is cut: the projects' ranges read
"Share of the uncertaint". The grid draws on a canvas, so the words are measured here in
the font it draws with (Streamlit's Source Sans, 14 px) against the widths the page gives
its columns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit
from app_pages import assert_clean, open_routed
from app_server import require_chromium

pytestmark = pytest.mark.browser
require_chromium("words-whole test")

#: The grid's font and the padding on each side of a cell's text (st.dataframe's theme).
GRID_FONT = '14px "Source Sans"'
CELL_PADDING_PX = 8


def _source_sans() -> Path:
    media = Path(streamlit.__file__).parent / "static" / "static" / "media"
    return next(media.glob("SourceSansVF-Upright*.woff2"))


def _word_widths(browser, tmp_path: Path, words: set[str]) -> dict[str, float]:
    """Each word's width in px in the grid's font, measured by Chromium."""
    sheet = tmp_path / "measure.html"
    sheet.write_text(
        "<style>@font-face { font-family: 'Source Sans'; "
        f"src: url('{_source_sans().as_uri()}'); }}</style><p style=\"font: {GRID_FONT}\">x</p>"
    )
    tab = browser.new_page()
    try:
        tab.goto(sheet.as_uri())
        return tab.evaluate(
            """async ([font, words]) => {
              await document.fonts.load(font);
              const loaded = [...document.fonts].filter(f => f.status === 'loaded');
              if (!loaded.length) throw new Error('Source Sans did not load');
              const context = document.createElement('canvas').getContext('2d');
              context.font = font;
              return Object.fromEntries(words.map(w => [w, context.measureText(w).width]));
            }""",
            [GRID_FONT, sorted(words)],
        )
    finally:
        tab.close()


def test_the_goals_table_s_words_read_whole_in_a_1024_px_window(browser, tmp_path, db):
    app = open_routed("pages/overview.py")
    assert_clean(app)
    goals = next(d for d in app.dataframe if "Owner" in d.value.columns)
    widths = {
        name: column["width"]
        for name, column in json.loads(goals.proto.columns).items()
        if isinstance(column.get("width"), int) and column["type_config"]["type"] == "text"
    }
    assert {"Goal", "KPI", "Owner"} <= set(widths)
    cells = {name: {str(c) for c in goals.value[name]} for name in widths}
    words = {word for texts in cells.values() for text in texts for word in text.split()}
    measured = _word_widths(browser, tmp_path, words)
    broken = [
        f"{name}: {word!r} needs {measured[word] + 2 * CELL_PADDING_PX:.0f} px of {width}"
        for name, width in widths.items()
        for text in cells[name]
        for word in text.split()
        if measured[word] + 2 * CELL_PADDING_PX > width
    ]
    assert broken == []


def test_the_overview_s_table_headings_read_whole_in_a_1024_px_window(browser, tmp_path, db):
    """A heading is drawn after the cell's left padding and cut at the column's edge."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    assert len(app.dataframe) == 2  # the goals, and the first goal's projects' ranges
    labels = {
        column["label"]: column["width"]
        for table in app.dataframe
        for column in json.loads(table.proto.columns).values()
        if isinstance(column.get("width"), int)
    }
    measured = _word_widths(browser, tmp_path, set(labels))
    cut = [
        f"{label!r} needs {measured[label] + CELL_PADDING_PX:.0f} px of {width}"
        for label, width in labels.items()
        if measured[label] + CELL_PADDING_PX > width
    ]
    assert cut == []


#: The least width a progress bar needs beside its figure to tell 46 % from 107 %.
MIN_BAR_PX = 40
#: Streamlit's named column widths, in px.
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}


def test_each_progress_bar_on_the_overview_has_room_beside_its_figure(browser, tmp_path, db):
    """The goals table's Attainment bar, 75 px wide with its figure ("106.7 %") beside it,
    was a dot of a few pixels for 46.0 % and for 106.7 % alike: a bar that says nothing.
    Each bar left on the Overview has room to be read beside the widest figure it shows."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    bars = []
    for table in app.dataframe:
        for name, column in json.loads(table.proto.columns).items():
            if column.get("type_config", {}).get("type") != "progress":
                continue
            width = column.get("width", "medium")
            width = NAMED_WIDTHS.get(width, width)
            figures = [column["type_config"]["format"] % v for v in table.value[name]]
            bars.append((column["label"], width, max(figures, key=len)))
    measured = _word_widths(browser, tmp_path, {figure for _, _, figure in bars})
    squeezed = [
        f"{label}: {width - 3 * CELL_PADDING_PX - measured[figure]:.0f} px of bar"
        for label, width, figure in bars
        if width - 3 * CELL_PADDING_PX - measured[figure] < MIN_BAR_PX
    ]
    assert squeezed == []
