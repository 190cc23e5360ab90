"""In real browsers: the unsaved work one browser kept is offered to another as another
browser's, not as "Your unsaved work".

The work kept is the server's (one per scenario database): a colleague opening the app
in their own browser read "Your unsaved work from ... was kept" of a draft they never
made, and a Restore it took it up as theirs. ``make run`` gives each browser a mark in a
cookie, kept with the work, and the offer says whose it is; the work restored in another
browser is that browser's.
"""

from __future__ import annotations

import pytest
from app_server import CHROMIUM, require_chromium, rerun, running_app, settled, watch_runs
from test_browser import assert_no_error

pytestmark = pytest.mark.browser
require_chromium("unsaved work of another browser test")

sync_api = pytest.importorskip("playwright.sync_api")

SLIDER = "Plan each team up to this share of its hours"
KEPT = "Each team planned up to 100 % → 95 % of its hours"


def _offer(tab) -> str:
    tab.get_by_role("button", name="Restore it").wait_for()
    settled(tab)
    return str(tab.locator(".st-key-kept-work").inner_text())


def test_a_second_browser_is_told_the_work_offered_is_another_browser_s(tmp_path):
    with (
        running_app(tmp_path / "planner.duckdb", entry="serve.py") as url,
        sync_api.sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            mine = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
            mine.set_default_timeout(90_000)
            watch_runs(mine)
            mine.goto(f"{url}/constraints")
            mine.get_by_role("heading", name="Constraints", level=1).wait_for()
            settled(mine)
            slider = mine.get_by_role("slider", name=SLIDER)
            slider.focus()
            with rerun(mine):
                slider.press("ArrowLeft")
            mine.wait_for_timeout(1500)  # the change is written half a second after it
            mine.reload()
            own = _offer(mine)
            assert "Your unsaved work from" in own and KEPT in own, own
            assert_no_error(mine)

            # Another browser (its own cookies): the same work, said to be another's.
            theirs = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
            theirs.set_default_timeout(90_000)
            watch_runs(theirs)
            theirs.goto(url)
            other = _offer(theirs)
            assert "Unsaved work from another browser, from" in other and KEPT in other, other
            assert "Your unsaved work" not in other
            assert_no_error(theirs)

            # Restored there, it is that browser's work: a reload there offered it as
            # another browser's still, and the first browser's offer as its own.
            with rerun(theirs):
                theirs.get_by_role("button", name="Restore it").click()
            theirs.reload()
            restored = _offer(theirs)
            assert "Your unsaved work from" in restored and KEPT in restored, restored
            mine.reload()
            assert "Unsaved work from another browser, from" in _offer(mine)
            assert_no_error(theirs)
        finally:
            browser.close()
