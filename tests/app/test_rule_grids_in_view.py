"""The Data page's Teams' own estimates and Rules grids and the Constraints page's pins and
forbids: every column in view at 1280 x 720, and the last two at 1024 px too (Chromium).

At 1280 x 720 the estimates grid hid 218 px (Effort and Value out of sight): its project
column was as wide as the longest "name (id)" of the sample's projects, some 475 px. At
1024 px the pins table hid 16 px and the Data page's Rules grid 12 px.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import app_tab, hidden_table_width, require_chromium, rerun, settled

pytestmark = pytest.mark.browser
require_chromium("rule-grids test")

sync_api = pytest.importorskip("playwright.sync_api")

LAPTOP = {"width": 1280, "height": 720}
NARROW = {"width": 1024, "height": 900}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    with app_tab(tmp_path_factory.mktemp("rule-grids") / "planner.duckdb", LAPTOP) as tab:
        yield tab


def _shown_table_hides(page, path: str, title: str, tab: str) -> list[int]:
    """Each table of ``path``'s tab ``tab``, opened: how many pixels of it are out of sight."""
    page.goto(f"{page.url_root}/{path}")
    page.get_by_role("heading", name=title, level=1).wait_for()
    settled(page)
    if path == "constraints":
        with rerun(page):  # a settings tab's click runs the page, which draws that tab alone
            page.get_by_role("tab", name=tab).click()
    else:
        page.get_by_role("tab", name=tab).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"] .dvn-scroller')]"
        ".some(s => s.clientWidth > 0)"
    )
    # The grid is drawn with its columns' default widths, then sized: read once two
    # readings half a second apart agree (one fixed 500 ms stood in for that).
    hidden: list[int] = []
    for _ in range(20):
        page.wait_for_timeout(500)
        now = hidden_table_width(page)
        if now == hidden:
            break
        hidden = now
    return hidden


ESTIMATES = ("data", "Data", "Teams' own estimates")
RULES = ("data", "Data", "Rules")
PINS = ("constraints", "Constraints", "Pins and forbids")


@pytest.mark.parametrize(
    ("table", "size"),
    [(ESTIMATES, LAPTOP), (RULES, LAPTOP), (RULES, NARROW), (PINS, LAPTOP), (PINS, NARROW)],
    ids=[
        "data-estimates-1280x720",
        "data-rules-1280x720",
        "data-rules-1024x900",
        "constraints-pins-1280x720",
        "constraints-pins-1024x900",
    ],
)
def test_every_column_of_the_project_and_team_grids_is_in_view(page, table, size):
    path, title, tab = table
    page.set_viewport_size(size)
    hidden = _shown_table_hides(page, path, title, tab)
    assert hidden and max(hidden) <= 0, f"{hidden} px out of sight in {title} → {tab}"
