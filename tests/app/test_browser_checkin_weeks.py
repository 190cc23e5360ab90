"""The Check-in page's "Weeks elapsed" typed past the quarter, in a real browser (Playwright).

Attack round 32 typed 14, then -1, in the box of a 13-week quarter and pressed Enter: the
box kept the figure (the browser's own check of the widget's bounds, in red; nothing
reached the page), and Re-plan re-planned at week 6 beside a box reading 14. The page now
takes any figure and refuses one outside the quarter in words, with the weeks to give.
"""

from __future__ import annotations

import pytest
from app_server import require_chromium
from checkin_page import typed_in_box
from test_browser import assert_no_error

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("14", "Week 14 is past the end of the 13-week quarter"),
        ("-1", "Week -1 is before the start of the 13-week quarter"),
    ],
)
def test_weeks_elapsed_outside_the_quarter_is_refused_in_words_not_re_planned_at_week_6(
    page, server, typed, said
):
    """Past the quarter or before it: said with the weeks to give, and no Re-plan offered
    (it would re-plan at another week than the box shows)."""
    typed_in_box(page, server, "Weeks elapsed", typed)
    refusal = page.get_by_test_id("stAlert").filter(has_text=said)
    refusal.wait_for()
    assert "Give a week from 0 to 13" in refusal.inner_text()
    assert page.get_by_role("button", name="Re-plan", exact=True).count() == 0
    assert_no_error(page)


@pytest.mark.parametrize(
    ("box", "typed", "said"),
    [
        (
            "At most this many projects change owner",
            "-1",
            "-1 is out of range; use a whole number from 0 to 100000.",
        ),
        ("How strongly to keep the plan", "-1", "-1 is out of range; use a number from 0 to"),
    ],
)
def test_a_re_plan_setting_typed_out_of_range_is_refused_in_words(page, server, box, typed, said):
    """-1 typed in the re-plan's change limit or its "keep the plan" box stayed on screen in
    red (the box's own bounds; nothing reached the page) and Re-plan re-planned with 3 or 5:
    said with the range, and Re-plan is not offered until it is fixed."""
    typed_in_box(page, server, box, typed)
    page.get_by_test_id("stAlert").filter(has_text=f"{box}: {said}").wait_for()
    assert page.get_by_role("button", name="Re-plan", exact=True).is_disabled()
    assert_no_error(page)
