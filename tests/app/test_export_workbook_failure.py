"""The Export page's plan.xlsx, and its inputs' workbook, when the server cannot make them.

A server started under ``ulimit -f 8`` (or with a full temporary folder): Download plan.xlsx
downloaded nothing and the page said nothing, the workbook being made on the click, its error
reaching the server's log only (docs/reliability.md, attack round 17). plan.xlsx is made when
the page is drawn, once per plan shown; the inputs' zip and workbook when first wanted (the
first click, whose rerun keeps them): a failure is said in the button's place.
"""

from __future__ import annotations

import csv
import io

from app_pages import (
    assert_clean,
    download_labels,
    error_words,
    open_routed,
    press_download,
    session_problem,
)
from openpyxl import load_workbook

XLSX = "Download plan.xlsx"
CSV = "Download plan.csv"
INPUTS = "Download the inputs (Excel)"


def test_a_workbook_past_the_file_size_limit_is_said_in_the_buttons_place(past_file_size_limit):
    app = open_routed("pages/export.py")
    assert_clean(app)
    said = error_words(app)
    assert "plan.xlsx could not be made" in said, said
    past_file_size_limit.assert_said(said)
    assert "plan.csv" in said  # the same plan, which can be downloaded
    assert XLSX not in download_labels(app)
    assert "Download plan.csv" in download_labels(app)


def test_a_full_temporary_folder_is_said_with_its_fix_and_tried_again(
    full_temporary_folder, monkeypatch
):
    """A failure is not kept: once space is freed, the page makes the workbook again."""
    app = open_routed("pages/export.py")
    full_temporary_folder.assert_said(error_words(app))
    assert XLSX not in download_labels(app)
    assert full_temporary_folder.scratch is not None
    assert list(full_temporary_folder.scratch.iterdir()) == []  # no part-written sheet left
    monkeypatch.undo()
    assert full_temporary_folder.tries
    app.run()
    assert_clean(app)
    assert not error_words(app)
    assert XLSX in download_labels(app)


def test_the_inputs_workbook_the_server_cannot_make_is_said_on_the_click(past_file_size_limit):
    """Not made for a visit: the first click makes it, and its rerun says the failure where
    the button was, the zip beside it offered."""
    app = open_routed("pages/export.py")
    tries = len(past_file_size_limit.tries)  # plan.xlsx's, as the page is drawn
    assert INPUTS in download_labels(app)
    press_download(app, INPUTS)
    assert_clean(app)
    assert len(past_file_size_limit.tries) > tries
    said = error_words(app)
    assert "The data workbook could not be made" in said, said
    assert "The zip above holds the same data" in said, said
    past_file_size_limit.assert_said(said)
    assert INPUTS not in download_labels(app)
    assert "Download the inputs (zip)" in download_labels(app)


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
    app = open_routed("pages/export.py")
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
