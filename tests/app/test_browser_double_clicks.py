"""A careless leader's double-clicks, in a real browser (Playwright driving Chromium).

A double-click sends two events: the second stops the script run the first started. A save
must land once, under the name typed, whichever run gets to it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import CHROMIUM, require_chromium, running_app

from planner.scenarios.storage import ScenarioStore

TIMEOUT_MS = 60_000

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("double-clicks") / "planner.duckdb")


@pytest.fixture(scope="module")
def server(database) -> Iterator[str]:
    with running_app(database) as url:
        yield url


@pytest.fixture
def page(server) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        tab = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        yield tab
        chromium.close()


def settled(page) -> None:
    """The script run is over: the app says so, and its running indicator is gone."""
    page.wait_for_timeout(1_000)  # the second click's run starts a moment after the first's
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    )


def test_a_double_click_on_save_scenario_saves_it_once_under_its_name(page, server, database):
    """A name typed, then Save scenario double-clicked: nothing was saved and the page read
    "A scenario needs a name. Fix: Type one that is not blank." (4 tries of 4), the box
    cleared, the leader's name gone. The second click stopped the first one's run before
    it saved, and the box, cleared on submit, sent a blank name. It saves once, as typed."""
    page.goto(f"{server}/scenarios")
    settled(page)
    page.get_by_label("Name").first.fill("Q3 base")
    page.get_by_role("button", name="Save scenario").dblclick()
    settled(page)
    said = page.get_by_test_id("stAlert").all_inner_texts()
    assert not [s for s in said if "needs a name" in s], said
    assert any("Saved scenario #1: Q3 base." in s for s in said), said
    with ScenarioStore.open(database) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]
