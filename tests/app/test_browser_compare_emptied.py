"""In a real browser: a Compare picker emptied with its clear button.

The pickers of a fresh Compare tab (after a reload, or a save) offer a clear button; a
leader who cleared "B (after)" saw every figure go with nothing saying why. AppTest cannot
empty a selectbox (``set_value(None)`` keeps the old pick), so Chromium clicks it.
"""

from __future__ import annotations

import re

import pytest
from app_server import CHROMIUM, TIMEOUT_MS, require_chromium, running_app
from test_browser import assert_no_error, settled

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")

ASKED = "Pick a plan for B above to compare the two."


def test_an_emptied_compare_picker_says_what_to_pick(tmp_path):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            with running_app(tmp_path / "planner.duckdb") as url:
                page.goto(f"{url}/scenarios")
                page.get_by_role("heading", name="Scenarios", level=1).wait_for()
                settled(page)
                page.get_by_label("Name").fill("Q base")
                page.get_by_role("button", name="Save scenario").click()
                page.get_by_text(re.compile(r"Saved scenario #\d+: Q base")).wait_for()
                settled(page)
                page.get_by_text("A what-if built on this scenario: less or more capacity").click()
                page.get_by_role("button", name="Plan and save the what-if").click()
                page.get_by_text(re.compile(r"Saved and loaded #2")).first.wait_for()
                settled(page)

                # A fresh session opened on the Compare tab (a reload, a bookmark): both
                # pickers set, each with a clear button.
                page.goto(f"{url}/scenarios?scenarios-view=Compare")
                page.get_by_role("heading", name="Scenarios", level=1).wait_for()
                settled(page)
                picker = page.get_by_test_id("stSelectbox").filter(has_text="B (after)")
                picker.wait_for()
                settled(page)
                assert page.get_by_text("Outcome of A:").count() == 1  # compared
                assert page.get_by_text(ASKED).count() == 0
                picker.hover()
                picker.get_by_role("button", name="Clear value").click()
                page.get_by_text(ASKED).wait_for()
                settled(page)
                assert page.get_by_text("Outcome of A:").count() == 0
                assert_no_error(page)
        finally:
            browser.close()
