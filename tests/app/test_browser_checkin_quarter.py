"""The Check-in page's "Weeks in the quarter" typed out of range, in a real browser.

As "Weeks elapsed" did (tests/app/test_browser_checkin_weeks.py): on a quarter planned
without weeks, 60 typed in the box stayed on screen in red (the browser's own check of its
bounds, 1 to 53; nothing reached the page), and Re-plan re-planned a 13-week quarter. The
page takes any figure and refuses one out of range in words.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import require_chromium, running_app
from checkin_page import ROUND_ONE, typed_in_box
from test_browser import assert_no_error

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on the sample without weeks, whose quarter's length the page may change."""
    db = tmp_path_factory.mktemp("app") / "planner.duckdb"
    with running_app(db, env={"PLANNER_DATA": str(ROUND_ONE)}) as url:
        yield url


@pytest.mark.parametrize("typed", ["60", "0"])
def test_weeks_in_the_quarter_out_of_range_is_refused_in_words(page, server, typed):
    """60 or 0 weeks: said with the range, and no Re-plan offered."""
    typed_in_box(page, server, "Weeks in the quarter", typed)
    said = f"Weeks in the quarter: {typed} is out of range; use a number from 1 to 53 weeks."
    page.get_by_test_id("stAlert").filter(has_text=said).wait_for()
    assert page.get_by_role("button", name="Re-plan", exact=True).count() == 0
    assert_no_error(page)
