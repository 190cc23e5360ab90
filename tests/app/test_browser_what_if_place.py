"""The Constraints page's settings stay under the pointer while the what-if's line comes and goes.

At 1024 x 768 the results stack under the settings and the what-if's line is drawn above
the tabs as well (``pages.ui.WHAT_IF_BESIDE_SETTINGS``). Before any change that place was
empty: marketing's first step down put the line, its button and caption there, and the
sliders jumped from 279 to 566 px, away from the pointer that had just moved one. The place
is held before a change and kept its height after.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import app_tab, require_chromium, rerun, settled

from planner.scenarios.storage import ScenarioStore

pytestmark = pytest.mark.browser
require_chromium("what-if place test")

sync_api = pytest.importorskip("playwright.sync_api")

NARROW = {"width": 1024, "height": 768}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    """A tab on the app; its scenario database is the tab's ``db``."""
    db = tmp_path_factory.mktemp("what-if-place") / "planner.duckdb"
    with app_tab(db, NARROW) as tab:
        tab.db = db
        yield tab


def wait_for_kept_marketing(db: Path, share: float, timeout_s: float = 90.0) -> None:
    """Wait until the server has kept the unsaved work, marketing at ``share``, in ``db``:
    it writes it beside the page, half a second after the change (later under load)."""
    deadline = time.monotonic() + timeout_s
    while True:
        with ScenarioStore.open(db) as store:
            work = store.kept_work()
        multipliers = {} if work is None else work.problem.settings.capacity.multipliers
        if multipliers.get("marketing") == share:
            return
        assert time.monotonic() < deadline, f"no unsaved work with marketing at {share} kept"
        time.sleep(0.1)


def slider_tops(page) -> list[float]:
    """The top of each slider's block (its label and track), in px from the window's top,
    once two readings half a second apart agree (the page still laid out under load)."""
    tops: list[float] = []
    for _ in range(20):
        now = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stSlider"]')]
              .map(e => Math.round(e.getBoundingClientRect().top))"""
        )
        if now == tops:
            break
        tops = now
        page.wait_for_timeout(500)
    return tops


def line_above_settings(page) -> str:
    return page.evaluate(
        """() => document.querySelector('.st-key-what-if-beside-settings [data-testid="stAlert"]')
          ?.innerText ?? ''"""
    )


def test_a_slider_stays_where_it_was_when_the_what_if_s_line_comes_and_goes(page):
    """Marketing 100 % -> 95 % -> 90 % -> 100 %: the line above the settings reads each
    what-if (and none back at 100 %), and no slider moves, in a 1024 x 768 window."""
    page.goto(f"{page.url_root}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    slider.wait_for()
    # Laid out as it stays: the results stack under the settings once their chart is drawn
    # (the narrow layout reads the chart's column), and the place above the tabs shows then.
    page.wait_for_function(
        """() => {
          const slot = document.querySelector('.st-key-what-if-beside-settings');
          return document.querySelector('[data-testid="stVegaLiteChart"] svg')
            && (!slot || getComputedStyle(slot).display !== 'none');
        }"""
    )
    before = slider_tops(page)
    assert len(before) == 3 and 0 < before[0] < NARROW["height"] - 40, before
    assert "less marketing" not in line_above_settings(page)
    for key, value in [("ArrowLeft", "95"), ("ArrowLeft", "90")]:
        slider.focus()
        slider.press(key)
        sync_api.expect(slider).to_have_value(value)
        page.wait_for_function(
            """(v) => (document.querySelector(
                  '.st-key-what-if-beside-settings [data-testid="stAlert"]')?.innerText ?? '')
                .includes(`${100 - v} % less marketing:`)""",
            arg=int(value),
        )
        settled(page)
        assert slider_tops(page) == before, f"at {value} %"
        # The brief line: the counts; the projects' and goals' names are under the settings.
        line = line_above_settings(page)
        assert "goal attainment 85.6 %" in line and "projects left out" in line, line
        assert "(" not in line.split("projects left out")[1], line
    for _ in range(2):
        slider.focus()
        slider.press("ArrowRight")
    sync_api.expect(slider).to_have_value("100")
    page.wait_for_function(
        """() => !(document.querySelector(
              '.st-key-what-if-beside-settings [data-testid="stAlert"]')?.innerText ?? '')
            .includes('less marketing')"""
    )
    settled(page)
    assert slider_tops(page) == before


def test_a_slider_stays_where_it_was_when_a_change_answers_the_unsaved_work_offered(page):
    """Reloaded with unsaved work kept (marketing at 95 %), the page opens under the box
    offering it; moving a slider answers the offer. The box went at once and the page moved
    up by its height (208 px) under the pointer; it stays until another page opens, its
    buttons off."""
    page.goto(f"{page.url_root}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    slider.focus()
    with rerun(page):  # its run, over: a page opened before it began would drop the change
        slider.press("ArrowLeft")  # 95 %, kept as the unsaved work
    sync_api.expect(slider).to_have_value("95")
    restore = page.get_by_role("button", name="Restore it")
    wait_for_kept_marketing(page.db, 0.95)  # then one reload offers it
    page.goto(f"{page.url_root}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    sync_api.expect(restore).to_be_enabled()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stVegaLiteChart\"] svg')")
    before = slider_tops(page)
    slider.focus()
    # The new session opens on the sample (100 %): 105 %, its own change, answers the offer.
    with rerun(page):  # the run the change starts, over
        slider.press("ArrowRight")
    sync_api.expect(slider).to_have_value("105")
    assert slider_tops(page) == before
    sync_api.expect(restore).to_be_disabled()
    page.get_by_test_id("stSidebarNav").get_by_text("Plan", exact=True).click()
    page.get_by_role("heading", name="Plan", level=1).wait_for()
    settled(page)
    assert restore.count() == 0
