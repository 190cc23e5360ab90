"""A careless leader's double-clicks and second tabs, in a real browser (Playwright, Chromium).

A double-click sends two events: the second stops the script run the first started. A save
must land once, under the name typed, whichever run gets to it. A second tab shows what
was saved when it was drawn: a click there acts on what it showed, or says why it cannot.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import (
    ROOT,
    answered,
    require_chromium,
    rerun,
    running_app,
    watch_runs,
)

from planner.scenarios.storage import ScenarioStore

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("double-clicks") / "planner.duckdb")


# ``page``: a tab of its own context in the module's one Chromium (tests/app/conftest.py).
@pytest.fixture(scope="module")
def server(database) -> Iterator[str]:
    with running_app(database) as url:
        yield url


def test_a_double_click_on_save_scenario_saves_it_once_under_its_name(page, server, database):
    """A name typed, then Save scenario double-clicked: nothing was saved and the page read
    "A scenario needs a name. Fix: Type one that is not blank." (4 tries of 4), the box
    cleared, the leader's name gone. The second click stopped the first one's run before
    it saved, and the box, cleared on submit, sent a blank name. Then, with the server busy,
    the two clicks' submissions merged into one whose name was the second's blank (2 runs of
    6 with both cores loaded); and a second run that found the first one's save read
    "Saved scenario #1 ('Q3 base') already has this name". It saves once, as typed, and
    says so."""
    page.goto(f"{server}/scenarios")
    page.get_by_role("heading", name="Scenarios", level=1).wait_for()
    answered(page)
    page.get_by_label("Name").first.fill("Q3 base")
    page.get_by_role("button", name="Save scenario").dblclick()
    # Both clicks' runs over, then the page read: a fixed pause once ran out on a loaded
    # machine before the second click's run began, and the alerts were read before it said.
    answered(page)
    said = page.get_by_test_id("stAlert").all_inner_texts()
    assert not [s for s in said if "needs a name" in s], said
    assert any("Saved scenario #1: Q3 base." in s for s in said), said
    with ScenarioStore.open(database) as store:
        assert [s.name for s in store.list()] == ["Q3 base"]


def test_a_scenario_deleted_in_another_tab_is_neither_loaded_nor_exported_in_its_place(
    page, server, database, tmp_path
):
    """Two tabs on the Scenarios page, both showing the newest scenario; the first deletes
    it. In the second, Export did nothing (its zip, made on the click, failed in the
    server's log only) and Load loaded #1, "Loaded #1 · Q3 base: every page now plans it",
    where the leader had the deleted one in front of them. Export now gives a zip saying
    why, and Load says the scenario was deleted and loads nothing."""
    import zipfile

    from planner.interfaces.cli import main

    lean = tmp_path / "lean"
    lean.mkdir()
    for path in (ROOT / "data" / "sample").iterdir():
        (lean / path.name).write_bytes(path.read_bytes())
    (lean / "settings.toml").write_text("[capacity.multipliers]\nsales = 0.8\n", encoding="utf-8")
    sample = str(ROOT / "data" / "sample")
    assert main(["scenarios", "--db", database, "save", sample, "--name", "Q3 first"]) == 0
    assert main(["scenarios", "--db", database, "save", str(lean), "--name", "Q3 lean"]) == 0
    with ScenarioStore.open(database) as store:
        newest = max(s.scenario_id for s in store.list())
    second = page.context.new_page()
    watch_runs(second)
    for tab in (page, second):
        tab.goto(f"{server}/scenarios")
        tab.get_by_role("heading", name="Scenarios", level=1).wait_for()
        answered(tab)
    # Each click's own run, over: the alerts are read from the page it drew.
    with rerun(page):
        page.get_by_role("button", name="Delete…").click()
    with rerun(page):
        page.get_by_role("button", name="Yes, delete").click()
    assert any(f"Deleted #{newest}." in s for s in page.get_by_test_id("stAlert").all_inner_texts())
    with second.expect_download() as download:
        second.get_by_role("button", name="Export this scenario (zip)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert archive.namelist() == ["NOT-EXPORTED.txt"]
        said = archive.read("NOT-EXPORTED.txt").decode()
        assert f"Scenario #{newest} (Q3 lean) was not exported" in said
    with rerun(second):
        second.get_by_role("button", name="Load into the planner").click()
    said = second.get_by_test_id("stAlert").all_inner_texts()
    assert any(
        f"#{newest} · Q3 lean was deleted meanwhile (in another tab, or by another leader), so "
        "nothing was loaded." in s
        for s in said
    ), said
    assert not [s for s in said if "Loaded #" in s], said
