"""The Constraints page: a change's what-if line in the first screen, whichever tab is open.

At 1024 x 768 the results stack under the settings; the what-if's line shows above the
tabs too. With Pins and forbids open the page stacks at every width, and that line was
hidden there: a change's effect sat some 1,040 px down, below the fold (Chromium).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import app_tab, require_chromium, rerun, settled

pytestmark = pytest.mark.browser
require_chromium("constraints result-in-view test")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    viewport = {"width": 1024, "height": 768}
    with app_tab(tmp_path_factory.mktemp("result-in-view") / "planner.duckdb", viewport) as tab:
        yield tab


def _what_if_lines_in_view(page) -> list[dict[str, float]]:
    """The boxes of the what-if lines ("20 % less marketing: goal attainment ...") shown
    within the window's first screen."""
    height = page.viewport_size["height"]
    lines = page.locator('[data-testid="stAlert"]').filter(has_text="less marketing")
    boxes = [lines.nth(i).bounding_box() for i in range(lines.count())]
    return [b for b in boxes if b is not None and b["y"] >= 0 and b["y"] + 40 <= height]


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024x768", "1280x800"])
def test_a_change_s_line_is_in_the_first_screen_with_the_pins_tab_open(page, size):
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{page.url_root}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(4):  # marketing 100 % -> 80 %
        slider.press("ArrowLeft")
    # The last step's line (each step is a run of its own: the first one's says 5 %).
    page.locator('[data-testid="stAlert"]').filter(has_text="20 % less marketing").first.wait_for(
        state="attached"
    )
    settled(page)
    with rerun(page):  # the tab's click runs the page, which draws that tab alone
        page.get_by_role("tab", name="Pins and forbids").click()
    page.get_by_role("button", name="Apply pins and forbids").wait_for()
    page.evaluate("() => window.scrollTo(0, 0)")
    # Read once the page is laid out at the top (it was read 500 ms after the scroll).
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stAlert"]')]
          .filter(e => e.innerText.includes('less marketing'))
          .some(e => { const box = e.getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.top + 40 <= innerHeight; })""",
        timeout=10_000,
    )
    assert _what_if_lines_in_view(page), "the what-if's line is not in the first screen"
