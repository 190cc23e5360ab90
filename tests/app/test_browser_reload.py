"""In a real browser: a Data edit or a check-in typed, a reload of the tab, and the work restored.

A leader edited the data, reloaded the tab (or the server restarted) and the app opened
on the sample again, the edit gone without a word. Playwright drives Debian's Chromium
(never a downloaded browser) against ``streamlit run app.py``.
"""

from __future__ import annotations

import re

import pytest
from app_server import TIMEOUT_MS, enabled_button, require_chromium, running_app, settled
from test_browser import (
    assert_no_error,
    cell_editor,
    enter_cell,
    first_row_reading,
    record_seven_percent_done,
)

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")

OFFER = "Your unsaved work from"


def test_an_applied_edit_survives_a_reload_and_a_restart(browser, tmp_path):
    db = tmp_path / "planner.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        with running_app(db) as url:
            page.goto(f"{url}/data")
            page.get_by_role("heading", name="Data", level=1).wait_for()
            settled(page)
            assert page.get_by_text(OFFER).count() == 0  # nothing kept yet
            editor = cell_editor(page, 110, 3)  # SDR Team's capacity_hours, past the Row
            editor.fill("500")
            sync_api.expect(editor).to_have_value("500")
            enter_cell(page, editor)
            apply = enabled_button(page, "Apply edits", TIMEOUT_MS)
            apply.click()
            page.get_by_text("Edits applied").first.wait_for()
            settled(page)

            page.reload()
            page.get_by_text(OFFER).wait_for()
            settled(page)
            offer = page.get_by_text(OFFER).inner_text()
            assert "SDR Team capacity 1,000 h → 500 h" in offer, offer
            page.get_by_role("button", name="Restore it").click()
            page.get_by_text("Your unsaved work is restored").first.wait_for()
            settled(page)
            sync_api.expect(page.get_by_text(OFFER)).to_have_count(0)
            page.get_by_test_id("stSidebar").get_by_text("edited").first.wait_for()
            page.get_by_test_id("stSidebarNav").get_by_text("Overview", exact=True).click()
            said = "unsaved changes: SDR Team capacity 1,000 h → 500 h (kept across a reload"
            page.get_by_text(said).wait_for()
            settled(page)
            assert_no_error(page)

        with running_app(db) as url:  # the server restarted
            page.goto(url)
            page.get_by_text(OFFER).wait_for()
            settled(page)
            page.get_by_role("button", name="Start from the bundled sample quarter").click()
            page.get_by_text("the unsaved work is discarded").first.wait_for()
            settled(page)
            # Retried until the rerun after the click has drawn the page (a busy machine).
            sync_api.expect(page.get_by_text(OFFER)).to_have_count(0)
            page.reload()
            page.get_by_role("heading", name="Overview", level=1).wait_for()
            settled(page)
            assert page.get_by_text(OFFER).count() == 0
            assert page.get_by_text("no unsaved changes").count() >= 1
            assert_no_error(page)
    finally:
        context.close()


def test_a_check_in_typed_survives_a_reload_of_the_tab(browser, tmp_path):
    """A VP Sales typed a check-in's records and reloaded the tab: the Check-in page read the
    plan's pre-fill again, every record gone (Streamlit's session ends with the tab). The
    records are kept where scenarios are kept, for this browser (``serve.py`` marks each
    one) and plan: the reload puts them back and says so."""
    db = tmp_path / "planner.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        with running_app(db, entry="serve.py") as url:
            page.goto(f"{url}/checkin")
            page.get_by_role("heading", name="Check-in", level=1).wait_for()
            settled(page)
            row = record_seven_percent_done(page)

            page.reload()
            page.get_by_role("heading", name="Check-in", level=1).wait_for()
            settled(page)
            page.get_by_text("Your check-in records for week 6").first.wait_for()
            table = page.get_by_test_id("stDataFrame").filter(visible=True).first
            sync_api.expect(table.locator(f"#glide-cell-2-{row - 1}")).to_have_text("7")
            assert_no_error(page)
    finally:
        context.close()


def test_the_weeks_elapsed_survive_a_reload_of_the_tab(browser, tmp_path):
    """A CMO set the weeks elapsed to 8, pressed Re-plan and reloaded the tab: the page, which
    says a reload puts back what is recorded, opened at week 6 again. The weeks elapsed are
    kept with the records, even where no table differs from the plan's pre-fill."""
    db = tmp_path / "planner.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        with running_app(db, entry="serve.py") as url:
            page.goto(f"{url}/checkin")
            page.get_by_role("heading", name="Check-in", level=1).wait_for()
            settled(page)
            weeks = page.get_by_label("Weeks elapsed", exact=True)
            sync_api.expect(weeks).to_have_value("6")
            weeks.fill("8")
            weeks.press("Enter")
            page.get_by_text("week 8 of 13").first.wait_for()
            settled(page)

            page.reload()
            page.get_by_role("heading", name="Check-in", level=1).wait_for()
            settled(page)
            sync_api.expect(page.get_by_label("Weeks elapsed", exact=True)).to_have_value("8")
            page.get_by_text("The weeks elapsed you set, 8, were kept").first.wait_for()
            assert_no_error(page)
    finally:
        context.close()


def test_the_plan_page_s_filters_survive_a_reload_and_a_visit_to_another_page(browser, tmp_path):
    """A CMO filtered the Plan page to Sales, reloaded the tab (and went to the Overview and
    back) and found every team's load again, the filter gone without a word. A filter's
    choice is kept in the page's address."""
    db = tmp_path / "planner.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        with running_app(db, entry="serve.py") as url:
            page.goto(f"{url}/plan")
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            settled(page)
            page.get_by_label("Department", exact=True).click()
            page.get_by_role("option", name="Sales", exact=True).click()
            settled(page)
            chart = page.get_by_test_id("stVegaLiteChart").first
            sync_api.expect(chart).not_to_contain_text("Demand Gen")

            page.reload()
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            settled(page)
            sync_api.expect(page.get_by_test_id("stVegaLiteChart").first).not_to_contain_text(
                "Demand Gen"
            )
            page.get_by_test_id("stSidebarNav").get_by_text("Overview", exact=True).click()
            page.get_by_role("heading", name="Overview", level=1).wait_for()
            settled(page)
            page.get_by_test_id("stSidebarNav").get_by_text("Plan", exact=True).click()
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            settled(page)
            first = page.get_by_test_id("stVegaLiteChart").first
            sync_api.expect(first).to_contain_text("SDR Team")
            sync_api.expect(first).not_to_contain_text("Demand Gen")
            assert_no_error(page)
    finally:
        context.close()


def test_a_team_the_data_no_longer_has_in_the_plan_s_address_is_named(browser, tmp_path):
    """A VP opened a Plan address copied before a team was removed (and one a hand cut at a
    name's '&'): Streamlit dropped the names no filter offers without a word, and the page
    read as the whole plan where she asked for one team. The page names what it dropped;
    the names it has stay picked, and hundreds of names in the address read as a count."""
    db = tmp_path / "planner.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        with running_app(db, entry="serve.py") as url:
            page.goto(f"{url}/plan?team=Brand%20%26%20Comms&team=Field%20Events&team=SDR")
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            settled(page)
            alert = page.get_by_test_id("stAlert").filter(has_text="address asks for")
            sync_api.expect(alert).to_contain_text(
                "asks for team 'Field Events' and team 'SDR' (the filter's 'SDR Team'), which "
                "these data do not have as written"
            )
            team = page.get_by_test_id("stMultiSelect").nth(1)
            sync_api.expect(team).to_contain_text("Brand & Comms")
            assert_no_error(page)

            many = "&".join(f"team=T{n}" for n in range(300))
            page.goto(f"{url}/plan?{many}&department=Sales&stage=%E2%80%AEx%23%27")
            page.get_by_role("heading", name="Plan", level=1).wait_for()
            settled(page)
            alert = page.get_by_test_id("stAlert").filter(has_text="address asks for")
            sync_api.expect(alert).to_contain_text("team 'T0', team 'T1', team 'T2' and 298 others")
            sync_api.expect(page.get_by_test_id("stMultiSelect").first).to_contain_text("Sales")
            assert_no_error(page)
    finally:
        context.close()


def test_a_saved_check_in_is_not_offered_again_after_a_reload(browser, tmp_path):
    """A VP saved the check-in as a scenario and reloaded the tab: the page laid the records
    saved already over the plan again ("Your check-in records for week 6 were kept"), as if
    the check-in were still to save. Saved, the records kept for a reload are dropped."""
    db = tmp_path / "planner.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        with running_app(db, entry="serve.py") as url:
            page.goto(f"{url}/checkin")
            page.get_by_role("heading", name="Check-in", level=1).wait_for()
            settled(page)
            # Ahead of the plan (7 % done leaves the re-plan no room for the conference).
            row = first_row_reading(page, 1, "in progress")
            table = page.get_by_test_id("stDataFrame").filter(visible=True).first
            done = table.locator(f"#glide-cell-2-{row - 1}")
            editor = cell_editor(page, 30, 2, row=row)  # % done
            editor.fill("60")
            enter_cell(page, editor)
            sync_api.expect(done).to_have_text("60")
            settled(page)
            page.get_by_role("button", name="Re-plan", exact=True).click()
            page.get_by_text("Each goal at the end of the quarter").wait_for()
            settled(page)
            save = enabled_button(page, "Save, built on the plan you checked in on", TIMEOUT_MS)
            save.click()
            page.get_by_text(re.compile(r"^Saved .*, built on ")).first.wait_for()
            settled(page)

            page.reload()
            page.get_by_role("heading", name="Check-in", level=1).wait_for()
            settled(page)
            table = page.get_by_test_id("stDataFrame").filter(visible=True).first
            sync_api.expect(table.locator(f"#glide-cell-2-{row - 1}")).not_to_have_text("60")
            assert page.get_by_text("Your check-in records for week").count() == 0
            assert_no_error(page)
    finally:
        context.close()
