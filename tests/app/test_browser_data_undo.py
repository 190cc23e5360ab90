"""The Data page's "Undo the last Apply" in a real browser (Playwright, Chromium): the grids
keep no history of their own (Ctrl+Z does nothing in them), so an Apply is taken back by
the button, and the table shows the hours as they were."""

from __future__ import annotations

import pytest
from app_server import TIMEOUT_MS, enabled_button, require_chromium, rerun, settled
from test_browser import assert_no_error, cell_editor, enter_cell

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


def first_team_hours(page) -> str:
    """SDR Team's own hours as the Teams grid draws them (glide's accessibility cells)."""
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    return table.locator("[id^='glide-cell-5-0']").first.inner_text().strip()


def test_an_applied_edit_is_undone_with_the_button_and_the_table_reads_as_before(page, server):
    """999 h applied to SDR Team, then "Undo the last Apply": the grid reads 1,000 h again,
    the page says the Apply was undone, and the button is off with nothing left to undo."""
    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Data", level=1).wait_for()
    settled(page)
    assert page.get_by_role("button", name="Undo the last Apply").is_disabled()
    editor = cell_editor(page, 110, 3)  # SDR Team's capacity_hours, past the Row
    editor.fill("999")
    sync_api.expect(editor).to_have_value("999")
    enter_cell(page, editor)
    with rerun(page):
        enabled_button(page, "Apply edits", TIMEOUT_MS).click()
    page.get_by_text("Files loaded from the bundled sample quarter, edited").first.wait_for()
    assert first_team_hours(page) == "999"
    with rerun(page):
        enabled_button(page, "Undo the last Apply", TIMEOUT_MS).click()
    page.get_by_text(
        "Last Apply undone, its changes taken back (SDR Team capacity 1,000 h → 999 h)"
    ).wait_for()
    assert first_team_hours(page) == "1,000"
    assert page.get_by_role("button", name="Undo the last Apply").is_disabled()
    assert_no_error(page)
