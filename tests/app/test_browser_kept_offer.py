"""In a 1024 x 768 window, reloaded with unsaved work kept: the offer to restore it leaves
the Constraints page's per-team table on the first screen, and in a phone's width its
line keeps a line's width. A module of its own: it needs its own server, on a database
holding the work, and one Playwright at a time.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from app_server import ROOT, app_tab, require_chromium, settled
from test_browser_1024 import ROW_PX, WINDOW, opened

from planner.core.loading import load_with_warnings
from planner.scenarios.storage import ScenarioStore

pytestmark = pytest.mark.browser
require_chromium("unsaved work offer test")

sync_api = pytest.importorskip("playwright.sync_api")


def test_the_per_team_table_starts_on_the_first_screen_under_the_unsaved_work_offered(
    tmp_path,
):
    """Reloaded with unsaved work kept, every page opens under the offer to restore it: a
    box of four lines over its two buttons, 208 px at 1024 x 768, and the Constraints
    page's per-team table began at 832 px, below the window. The offer is one line beside
    its buttons: the table's heading row and its first team are in view under it."""
    db = tmp_path / "planner.duckdb"
    sample = load_with_warnings(ROOT / "data" / "sample").problem
    first = replace(sample.teams[0], capacity_hours=500.0)
    with ScenarioStore.open(db) as store:
        store.keep_work(sample.replace(teams=(first, *sample.teams[1:])), "edited")
    with app_tab(db, WINDOW) as tab:
        opened(tab, "constraints", "Constraints")
        restore = tab.get_by_role("button", name="Restore it")
        restore.wait_for()
        table = tab.get_by_test_id("stDataFrame").first
        table.locator("td").first.wait_for(state="attached")
        settled(tab)
        offer = tab.locator(".st-key-kept-work").bounding_box()
        box = table.bounding_box()
        assert offer is not None and box is not None
        assert offer["height"] < 80, offer
        assert box["y"] + 2 * ROW_PX <= WINDOW["height"], box
        # A phone's width: the buttons go under the line, which keeps a line's width (held
        # beside them it was a column of letters).
        tab.set_viewport_size({"width": 420, "height": 700})
        line = tab.locator(".st-key-kept-work [data-testid='stMarkdown']").first
        sync_api.expect(line).to_be_visible()
        tab.wait_for_function(
            "() => document.querySelector('.st-key-kept-work').getBoundingClientRect().width < 420"
        )
        width = line.bounding_box()
        assert width is not None and width["width"] >= 250, width
