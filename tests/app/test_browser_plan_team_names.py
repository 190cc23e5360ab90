"""The Plan page's Assignments and the Export's preview at 1024 px, for a company whose
team names are long.

Their Team column held the sample's longest name ("Product Marketing") and no more: at 40
teams every row read "Product Marketing, NA" or "Sales Engineering," with the region cut.
The grid draws on a canvas, so the names are measured here in the font it draws with
(Streamlit's Source Sans, 14 px) against the width the page gives the column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit
from app_pages import assert_clean, open_routed
from app_server import require_chromium

from planner.core.generate import generate_folder

pytestmark = pytest.mark.browser
require_chromium("team names test")

#: The grid's font and the padding on each side of a cell's text (st.dataframe's theme).
GRID_FONT = '14px "Source Sans"'
CELL_PADDING_PX = 8


def _text_widths(browser, tmp_path: Path, texts: set[str]) -> dict[str, float]:
    """Each text's width in px in the grid's font, measured by Chromium."""
    media = Path(streamlit.__file__).parent / "static" / "static" / "media"
    font = next(media.glob("SourceSansVF-Upright*.woff2"))
    sheet = tmp_path / "measure.html"
    sheet.write_text(
        "<style>@font-face { font-family: 'Source Sans'; "
        f"src: url('{font.as_uri()}'); }}</style><p style=\"font: {GRID_FONT}\">x</p>"
    )
    tab = browser.new_page()
    try:
        tab.goto(sheet.as_uri())
        return tab.evaluate(
            """async ([font, texts]) => {
              await document.fonts.load(font);
              if (![...document.fonts].some(f => f.status === 'loaded'))
                throw new Error('Source Sans did not load');
              const context = document.createElement('canvas').getContext('2d');
              context.font = font;
              return Object.fromEntries(texts.map(t => [t, context.measureText(t).width]));
            }""",
            [GRID_FONT, sorted(texts)],
        )
    finally:
        tab.close()


@pytest.mark.parametrize(
    ("page", "team", "marker"),
    [("pages/plan.py", "team", "weeks"), ("pages/export.py", "Team", "Start week")],
)
def test_every_team_name_reads_whole_in_the_plan_tables_at_1024_px(
    browser, tmp_path, monkeypatch, page, team, marker
):
    """A generated 24-team quarter: each team's name fits the Team column, and the first
    columns still fit the 766 px of a 1024 px window beside the open sidebar."""
    folder = generate_folder(tmp_path / "data", 24, 120, 8, 0)
    settings = folder / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("time_limit_s = 10.0", "time_limit_s = 3.0"), "utf-8")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed(page, timeout=180)
    assert_clean(app)
    table = next(d for d in app.dataframe if marker in d.proto.column_order)
    columns = json.loads(table.proto.columns)
    names = {str(name) for name in table.value[team] if name}
    assert max(len(name) for name in names) > len("Product Marketing")
    measured = _text_widths(browser, tmp_path, names)
    width = columns[team]["width"]
    cut = [n for n in names if measured[n] + 2 * CELL_PADDING_PX > width]
    assert cut == [], f"{len(cut)} team names wider than the column's {width} px: {cut[:3]}"
    first = list(table.proto.column_order)
    assert sum(columns[c]["width"] for c in first) <= 766
