"""A CMO exports a what-if for the board, in a real browser: plan.xlsx says what it is.

She cut marketing to 90 % on Constraints, then downloaded plan.xlsx on Export. The
Summary's figures were the what-if's, with nothing in the file saying so: a board
would read them as the quarter's plan.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from app_server import app_tab, require_chromium, settled
from openpyxl import load_workbook

pytestmark = pytest.mark.browser
require_chromium("board workbook test")


def test_a_what_if_s_workbook_names_its_inputs_in_the_summary(tmp_path):
    with app_tab(tmp_path / "planner.duckdb", {"width": 1280, "height": 720}) as page:
        page.goto(f"{page.url_root}/constraints")
        page.get_by_role("heading", name="Constraints", level=1).wait_for()
        page.get_by_text("Exact capacity, up to 1,000 %").click()
        box = page.get_by_label("Marketing capacity (%)")
        box.fill("90")
        box.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stMain\"]').innerText"
            ".includes('unsaved changes: Marketing capacity 100 % → 90 %')"
        )
        settled(page)
        page.locator('[data-testid="stSidebarNav"]').get_by_text("Export", exact=True).click()
        page.get_by_role("heading", name="Export", level=1).wait_for()
        settled(page)
        page.get_by_text("built on the bundled sample quarter with Marketing capacity").wait_for()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download plan.xlsx").click()
        target = tmp_path / "plan.xlsx"
        download.value.save_as(target)
    summary = dict(load_workbook(BytesIO(target.read_bytes())).active.values)
    assert summary["Built on"] == "the bundled sample quarter with Marketing capacity 100 % → 90 %"


def test_a_check_in_s_re_plan_workbook_says_what_it_is_built_on(tmp_path):
    """The Export page's plan.xlsx has a "Built on" row, and so does `planner checkin --out
    rest.xlsx`; the Check-in page's "Download the re-plan (rest-of-quarter.xlsx)" had none, so the
    re-plan's file did not say which data it was made from."""
    with app_tab(tmp_path / "planner.duckdb", {"width": 1280, "height": 800}) as page:
        page.goto(f"{page.url_root}/checkin")
        page.get_by_role("heading", name="Check-in", level=1).wait_for()
        settled(page)
        page.get_by_role("button", name="Re-plan", exact=True).click()
        page.get_by_role("button", name="Download the re-plan (rest-of-quarter.xlsx)").wait_for()
        settled(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download the re-plan (rest-of-quarter.xlsx)").click()
        target = tmp_path / "rest.xlsx"
        download.value.save_as(target)
    rows = list(load_workbook(BytesIO(target.read_bytes()))["Summary"].values)
    assert rows[1][0] == "Status" and rows[2] == ("Built on", "the bundled sample quarter")
