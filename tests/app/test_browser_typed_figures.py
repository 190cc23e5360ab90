"""A figure typed in the Data page's tables reaches the app as typed (Playwright, Chromium).

Attack round 13 typed ``1e12`` into a team's capacity_hours: the grid's number editor kept
only what a number may hold, and Apply edits gave SDR Team 112 h without a word (goal
attainment 85.6 % → 78.1 %). The tables' figures are edited as text now: what was typed
reaches the loader, whose message names the table, row and column and what to write.
"""

from __future__ import annotations

import pytest
from app_server import TIMEOUT_MS, enabled_button, require_chromium, rerun, settled
from test_browser import assert_no_error, cell_editor, check_in_refuses, enter_cell

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


def _type_capacity_and_apply(page, server: str, typed: str) -> None:
    """Type ``typed`` in the first team's (SDR Team's) capacity_hours and press Apply edits."""
    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Data", level=1).wait_for()
    settled(page)
    editor = cell_editor(page, 110, 3)  # SDR Team's capacity_hours, past the Row
    editor.fill("")
    editor.type(typed)
    sync_api.expect(editor).to_have_value(typed)
    enter_cell(page, editor)
    apply = enabled_button(page, "Apply edits", TIMEOUT_MS)
    # The click's run, over: the page read after it says what Apply did (a check that a
    # line is not there, made before the run began, held whatever Apply did).
    with rerun(page):
        apply.click()


def test_1e12_typed_as_a_capacity_is_refused_in_words_not_applied_as_112(page, server):
    """``1e12`` in SDR Team's capacity_hours: refused naming teams.csv, row 2 and the
    column, with the exponent said; no capacity change is applied."""
    _type_capacity_and_apply(page, server, "1e12")
    page.get_by_text("Your edits were not applied").first.wait_for()
    # The problems' table: its cells are drawn a moment after the message above it.
    problem = page.locator(
        "[id^='glide-cell-']", has_text="'1e12' is not a number (exponent notation"
    ).first
    problem.wait_for(state="attached")
    issues = page.get_by_test_id("stDataFrame").filter(has=problem)
    row = str(problem.get_attribute("id")).rsplit("-", 1)[1]  # glide-cell-<column>-<row>
    said = issues.locator(f"[id^='glide-cell-'][id$='-{row}']").all_inner_texts()
    assert said[:3] == ["teams.csv", "2", "Own hours in the quarter (capacity_hours)"], said
    assert page.get_by_text("1,000 h → 112 h").count() == 0
    assert page.get_by_text("Edits applied").count() == 0
    assert_no_error(page)


def test_a_plain_1000_typed_as_a_capacity_still_applies(page, server):
    """A plain figure applies as before: SDR Team's 1,000 h to 1,200 h."""
    _type_capacity_and_apply(page, server, "1200")
    page.get_by_text("1,000 h → 1,200 h").first.wait_for()
    assert page.get_by_text("Your edits were not applied").count() == 0
    assert_no_error(page)


def test_a_capacity_shows_grouped_and_a_grouped_figure_typed_applies(page, server):
    """The Data page's grids showed "1000" where every other page shows "1,000": the cell
    shows the figure grouped, its editor opens on it so, and a grouped figure typed applies
    as the figure it writes ("1,000 h → 1,100 h")."""
    import re

    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Data", level=1).wait_for()
    settled(page)
    editor = cell_editor(page, 110, 3)  # SDR Team's capacity_hours, past the Row
    shown = editor.input_value()
    assert re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", shown), shown
    more = f"{int(shown.replace(',', '')) + 100:,}"
    editor.fill("")
    editor.type(more)
    sync_api.expect(editor).to_have_value(more)
    enter_cell(page, editor)
    apply = enabled_button(page, "Apply edits", TIMEOUT_MS)
    with rerun(page):
        apply.click()
    page.get_by_text(f"{shown} h → {more} h").first.wait_for()
    assert page.get_by_text("Your edits were not applied").count() == 0
    assert_no_error(page)


def test_1e12_typed_as_a_goal_weight_is_refused_in_words(page, server):
    """The Constraints page's goal weights are read by the loader too: ``1e12`` typed as
    the first goal's weight reached it as 112 (the number editor's doing) and was refused as
    out of range, a figure the leader never typed. It reaches it as typed."""
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    with rerun(page):  # a settings tab's click runs the page, which draws that tab alone
        page.get_by_role("tab", name="Priorities and time limit").click()
    editor = cell_editor(page, 30, 1)  # the first goal's weight
    editor.fill("")
    editor.type("1e12")
    sync_api.expect(editor).to_have_value("1e12")
    enter_cell(page, editor)
    said = page.get_by_text("'1e12' is not a number (exponent notation").first
    said.wait_for()
    assert said.inner_text().startswith("Weight of Grow website traffic from our ICP: ")
    assert "Not applied; the weights stay." in said.inner_text()
    assert_no_error(page)


def test_1e12_typed_as_a_team_s_own_capacity_is_refused_not_read_as_112(page, server):
    """``1e12`` in Demand Gen's "Own %" reached the page as 112 and planned Demand Gen at
    112 % of its hours without a word. It reaches it as typed and is refused in words."""
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    page.get_by_text("Goal attainment", exact=True).first.wait_for()  # the page drawn whole
    settled(page)
    editor = cell_editor(page, 30, 3)  # Demand Gen's Own %
    editor.fill("")
    editor.type("1e12")
    sync_api.expect(editor).to_have_value("1e12")
    enter_cell(page, editor)
    page.get_by_text("Demand Gen's own capacity %: '1e12' is not a number").first.wait_for()
    settled(page)
    assert page.get_by_text("no unsaved changes").count() >= 1
    assert page.get_by_text("Demand Gen capacity 100 % → 112 %").count() == 0
    assert_no_error(page)


def test_1e12_typed_as_a_check_in_percent_done_is_refused_not_read_as_112(page, server):
    """``1e12`` in a project's "% done" on the Check-in page: the grid's number editor
    kept "112" and the page said "% done must be 0 to 99" of a figure nobody typed. The
    cell is text now: what was typed is refused in words, naming the grid, the project and
    the column, and no check-in is read from it."""
    check_in_refuses(
        page,
        server,
        "Projects",
        2,
        "1e12",
        "% done: '1e12' is not a number (exponent notation such as 1e6 is not allowed)",
    )
    assert page.get_by_text("The check-in has problems").count() >= 1
    assert page.get_by_text("Projects table, ").count() >= 1
    assert page.get_by_text("% done must be 0 to 100").count() == 0
    assert_no_error(page)
