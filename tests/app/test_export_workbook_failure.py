"""The Export page's plan.xlsx when the server cannot make it.

A server started under ``ulimit -f 8`` (or with a full temporary folder): Download plan.xlsx
downloaded nothing and the page said nothing, the workbook being made on the click, its error
reaching the server's log only (docs/reliability.md, attack round 17). The workbook is made
when the page is drawn, once per plan shown, and a failure is said in the button's place.

openpyxl's sheet writer is made to fail as it fails there (it puts each sheet together in a
temporary file): the error goes through the same path as the real one.
"""

from __future__ import annotations

import csv
import errno
import io
import sys
from pathlib import Path

from app_pages import (
    assert_clean,
    download_labels,
    error_words,
    failing_sheet_writer,
    session_problem,
)
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app's pages/ sit next to app.py, outside the package
    sys.path.insert(0, str(ROOT))

XLSX = "Download plan.xlsx"
CSV = "Download plan.csv"


def _export() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    app.switch_page("pages/export.py").run()
    return app


def test_a_workbook_past_the_file_size_limit_is_said_in_the_buttons_place(monkeypatch):
    import resource

    limit = 8 * 1024
    monkeypatch.setattr(resource, "getrlimit", lambda _: (limit, limit))
    failing_sheet_writer(monkeypatch, errno.EFBIG, "File too large")
    app = _export()
    assert_clean(app)
    said = error_words(app)
    assert "plan.xlsx could not be made" in said, said
    assert "file size limit (ulimit -f: 8,192 bytes)" in said, said
    assert "Raise the limit" in said and "whoever runs the planner" in said, said
    assert "plan.csv" in said  # the same plan, which can be downloaded
    assert XLSX not in download_labels(app)
    assert "Download plan.csv" in download_labels(app)
    assert "Traceback" not in said and "Errno" not in said


def test_a_full_temporary_folder_is_said_with_its_fix_and_tried_again(monkeypatch, tmp_path):
    """A failure is not kept: once space is freed, the page makes the workbook again."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    tries = failing_sheet_writer(monkeypatch, errno.ENOSPC, "No space left on device")
    app = _export()
    said = error_words(app)
    assert f"temporary folder {tmp_path}" in said, said
    assert "the disk is full" in said and "Free some space there" in said, said
    assert XLSX not in download_labels(app)
    assert list(tmp_path.iterdir()) == []  # no part-written sheet left behind
    monkeypatch.undo()
    assert tries
    app.run()
    assert_clean(app)
    assert not error_words(app)
    assert XLSX in download_labels(app)


def test_the_workbook_is_made_once_for_the_plan_shown_and_is_that_plans(monkeypatch, downloads):
    """Made when the page is drawn, not on every rerun (at 150 teams x 1,500 projects it
    takes 2-3 s): a toggle on the page reuses it, and it holds the plan the page shows."""
    from planner.interfaces import exports

    made: list[int] = []
    real = exports.plan_workbook

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(exports, "plan_workbook", counted)
    app = _export()
    assert_clean(app)
    assert len(made) == 1
    app.toggle(key="export-every-column").set_value(True).run()
    assert_clean(app)
    assert len(made) == 1
    book = load_workbook(io.BytesIO(downloads[XLSX]), read_only=True)
    header, *rows = book["Plan"].iter_rows(values_only=True)
    in_book = [row[header.index("Project ID")] for row in rows]
    in_csv = [row["project_id"] for row in csv.DictReader(io.StringIO(downloads[CSV].decode()))]
    assert in_book == in_csv and len(in_csv) >= len(session_problem(app).projects)
