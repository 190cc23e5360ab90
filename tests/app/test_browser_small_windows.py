"""The app in small windows: an 800 x 600 screen (the sidebar open) and a phone (390 px).

At 800 x 600 the Overview's four links to the next pages, side by side under "What to
do next", read "See the plan and", "Tweak capacity a", "Edit or upload t" and
"Export tl": each column was a quarter of the page, narrower than its words. On a
phone every page opened under the sidebar, which covered all but a strip of it, on
every page opened or reloaded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from app_server import app_tab, cut_filter_words, require_chromium, settled

pytestmark = pytest.mark.browser
require_chromium("small-window test")

sync_api = pytest.importorskip("playwright.sync_api")

SMALL = {"width": 800, "height": 600}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    with app_tab(tmp_path_factory.mktemp("small") / "planner.duckdb", SMALL) as tab:
        yield tab


def cut_page_links(page) -> list[str]:
    """The labels of the page's links to other pages that are cut short ("Export tl")."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPageLink"]'
              + ' [data-testid="stMarkdownContainer"]')]
          .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )


#: The sidebar's slide (open or shut) is over: no transition of it or in it runs.
SIDEBAR_STILL = (
    "(s => s && s.getAnimations({subtree: true}).length === 0)"
    "(document.querySelector('[data-testid=\"stSidebar\"]'))"
)


def sidebar_width(page) -> float:
    return page.evaluate(
        "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().width"
    )


@pytest.mark.parametrize("size", [SMALL, {"width": 900, "height": 700}], ids=["800", "900"])
def test_the_overview_s_links_to_the_next_pages_read_whole_in_a_small_window(page, size):
    """At 800 px the four links read "See the plan and" ... "Export tl"; each now keeps
    its words whole, going to the next line where the row is too narrow for all four."""
    page.set_viewport_size(size)
    page.goto(page.url_root)
    page.get_by_role("link", name="Export the plan").wait_for()
    settled(page)
    assert cut_page_links(page) == []


@pytest.mark.parametrize("path", ["", "plan"])
def test_a_phone_opens_on_the_page_not_under_the_sidebar(page, path):
    """On a 390 px phone the sidebar opened over the page on every load, leaving a strip
    of the Overview and the Plan in view; it now opens closed there (its button opens
    it), while a window as wide as 800 px still opens with it."""
    page.set_viewport_size(PHONE)
    try:
        page.goto(f"{page.url_root}/{path}")
        page.get_by_role("heading", level=1).wait_for()
        # The page's run over and the sidebar's slide, when it opens, too: it is read where
        # it stays (a fixed second read it mid-slide on a loaded machine).
        settled(page, SIDEBAR_STILL)
        assert sidebar_width(page) < 10
        page.set_viewport_size(SMALL)
        page.goto(f"{page.url_root}/{path}")
        page.get_by_role("heading", level=1).wait_for()
        # Open once its slide is over: a second's wait read it mid-slide on a loaded machine.
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stSidebar\"]')"
            ".getBoundingClientRect().width > 150"
        )
    finally:
        page.set_viewport_size(SMALL)


def plot_widths(page) -> list[int]:
    """Per chart on the page: the width of its plot (its grid), without names and legend."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')]
          .map(s => Math.max(0, ...[...s.querySelectorAll('g.role-axis-grid')]
            .map(g => Math.round(g.getBoundingClientRect().width))))"""
    )


def test_the_check_in_s_pace_chart_keeps_its_bars_readable_on_a_phone(page):
    """At 390 px the goals' names and the legend beside them left the bars 14 pixels: every
    goal a sliver at 0, the axis's figures one smear ("125%0%"). The legend sits above the
    bars, as on the other charts, and the bars have the rest of the width."""
    page.set_viewport_size(PHONE)
    try:
        page.goto(f"{page.url_root}/checkin")
        page.get_by_text("Quarter elapsed", exact=True).wait_for()
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg').length"
        )
        # The bars' width once the chart is laid out, not a second after it is drawn.
        with contextlib.suppress(sync_api.TimeoutError):
            page.wait_for_function(
                """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')]
                  .some(s => [...s.querySelectorAll('g.role-axis-grid')]
                    .some(g => g.getBoundingClientRect().width >= 120))""",
                timeout=30_000,
            )
        (width,) = plot_widths(page)
        assert width >= 120, width
    finally:
        page.set_viewport_size(SMALL)


def test_the_plan_s_filters_read_whole_in_a_small_window(page):
    """At 800 px the Plan's four filters side by side read "All departm▾": two a row now,
    each empty filter's words whole in its box."""
    page.set_viewport_size(SMALL)
    page.goto(f"{page.url_root}/plan")
    page.get_by_role("heading", name="Plan", level=1).wait_for()
    settled(page, "document.querySelectorAll('[data-testid=\"stMultiSelect\"] input').length >= 4")
    cut = cut_filter_words(page)
    assert cut == []
