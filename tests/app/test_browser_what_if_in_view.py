"""A leader who moves a capacity slider sees what it did without scrolling.

At 1024 x 768 with the sidebar open, the Constraints page stacks its results
under its settings (``pages.ui.NARROW_LAYOUT_CSS``): the what-if's line
("5 % less marketing: goal attainment 85.6 % → ...") sat about 1,050 px below
the sliders, out of sight, and the slider seemed to do nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import app_tab, require_chromium

pytestmark = pytest.mark.browser
require_chromium("what-if in view test")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    with app_tab(
        tmp_path_factory.mktemp("what-if") / "planner.duckdb", {"width": 1024, "height": 768}
    ) as tab:
        yield tab


def settled(page) -> None:
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    )


def what_if_lines(page) -> list[float]:
    """The top, in px from the window's top, of each what-if line the leader can see."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stAlert"]')]
          .filter(e => e.innerText.includes('less marketing') && e.offsetParent !== null)
          .map(e => e.getBoundingClientRect().top)"""
    )


@pytest.mark.parametrize("width", [1024, 1440])
def test_a_slider_s_what_if_reads_on_the_first_screen_and_once(page, width):
    """Moving marketing's slider to 95 % shows the what-if's line in the window, at 1024 px
    above the settings (the results are under them, with the line again) and at 1440 px
    beside them, once: one line in sight either way."""
    height = {1024: 768, 1440: 900}[width]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{page.url_root}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    slider.focus()
    slider.press("ArrowLeft")  # 100 % -> 95 %
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stAlert\"]')]"
        ".some(e => e.innerText.includes('less marketing'))"
    )
    settled(page)
    tops = what_if_lines(page)
    in_sight = [top for top in tops if 0 <= top < height - 60]
    assert len(in_sight) == 1, tops
    if width == 1440:  # side by side: the line above the settings is not drawn
        assert len(tops) == 1, tops
