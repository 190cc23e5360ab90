"""The Data page's files, made on the first click, in a real browser: the click downloads.

The data workbook and zip are made when a leader first asks for them, not at every visit
(pages.downloads.file_on_demand): the first click must hand the browser the file itself, and a
second button pressed while the first click's rerun runs must too (a rerun on a download
once dropped the next file: a second Export button fetched nothing).
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from app_server import app_tab, require_chromium
from openpyxl import load_workbook

pytestmark = pytest.mark.browser
require_chromium("downloads on demand test")


def test_the_first_clicks_download_the_workbook_and_the_zip(tmp_path):
    with app_tab(tmp_path / "planner.duckdb", {"width": 1280, "height": 900}) as page:
        page.goto(f"{page.url_root}/data")
        page.get_by_role("heading", name="Data", level=1).wait_for()
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
        book = page.get_by_role("button", name="Download the current data (Excel)")
        folder = page.get_by_role("button", name="Download the current data (zip)")
        downloads: list = []
        page.on("download", lambda download: downloads.append(download))
        book.click()
        folder.click()  # at once: the workbook's click is still making it
        deadline = 60
        while len(downloads) < 2 and deadline:
            page.wait_for_timeout(1000)
            deadline -= 1
        files = {d.suggested_filename: d for d in downloads}
        assert set(files) == {"goal-planner-data.xlsx", "goal-planner-data.zip"}, list(files)
        files["goal-planner-data.xlsx"].save_as(tmp_path / "data.xlsx")
        files["goal-planner-data.zip"].save_as(tmp_path / "data.zip")
        assert not page.locator('[data-testid="stDownloadButtonError"]').count()
    sheets = load_workbook(BytesIO((tmp_path / "data.xlsx").read_bytes())).sheetnames
    assert {"teams", "projects", "goals"} <= set(sheets)
    assert "teams.csv" in zipfile.ZipFile(tmp_path / "data.zip").namelist()
