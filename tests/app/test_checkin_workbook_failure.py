"""The Check-in page's re-plan as plan.xlsx when the server cannot make it.

As the Export page's plan.xlsx (tests/app/test_export_workbook_failure.py): made on the
click, "Download the re-plan (rest-of-quarter.xlsx)" on a server past its file size limit or with a
full temporary folder downloaded nothing, and Streamlit said only "Failed to generate file
for download" for 5 s, the reason in the server's log. The workbook is made when the
re-plan is drawn, once per re-plan, and a failure is said in the button's place.

openpyxl's sheet writer is made to fail as it fails there (it puts each sheet together in a
temporary file): the error goes through the same path as the real one.
"""

from __future__ import annotations

import csv
import errno
import io

from app_pages import (
    assert_clean,
    chart_frames,
    download_labels,
    error_words,
    failing_sheet_writer,
    open_routed,
)
from checkin_page import replan
from openpyxl import load_workbook

XLSX = "Download the re-plan (rest-of-quarter.xlsx)"
CSV = "Download the re-plan (rest-of-quarter.csv)"


def test_a_re_plan_workbook_the_server_cannot_make_is_said_and_made_once_space_is_freed(
    db, monkeypatch, tmp_path
):
    import tempfile

    scratch = tmp_path / "scratch"  # beside the test's database
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    tries = failing_sheet_writer(monkeypatch, errno.ENOSPC, "No space left on device")
    app = replan(open_routed("pages/checkin.py"))
    said = error_words(app)
    assert "The re-plan's plan.xlsx could not be made" in said, said
    assert f"temporary folder {scratch}" in said, said
    assert "the disk is full" in said and "Free some space there" in said, said
    assert "whoever runs the planner" in said and "plan.csv beside it" in said, said
    assert "Traceback" not in said and "Errno" not in said
    assert XLSX not in download_labels(app)
    assert CSV in download_labels(app)  # the same re-plan, which can be downloaded
    assert list(scratch.iterdir()) == []  # no part-written sheet left behind
    monkeypatch.undo()
    assert tries
    app.run()  # a failure is not kept: the next run tries again
    assert_clean(app)
    assert "could not be made" not in error_words(app)
    assert XLSX in download_labels(app)


def test_the_re_plan_workbook_is_made_once_per_re_plan_and_is_that_re_plans(
    db, monkeypatch, downloads
):
    """Made when the re-plan is drawn, not at every rerun of the page."""
    from pages import checkin_outcome

    made: list[int] = []
    real = checkin_outcome.replan_workbook

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(checkin_outcome, "replan_workbook", counted)
    app = replan(open_routed("pages/checkin.py"))
    assert_clean(app)
    assert len(made) == 1
    app.run()
    assert_clean(app)
    assert len(made) == 1
    book = load_workbook(io.BytesIO(downloads[XLSX]), read_only=True)
    assert book.sheetnames[:3] == ["Summary", "Quarter end", "Plan"]
    # Each goal's pace at the check-in, as the page's chart words it (pre-filled: on track).
    paces = {row[0]: row[-1] for row in book["Quarter end"].iter_rows(min_row=2, values_only=True)}
    (progress,) = [f for f in chart_frames(app) if "pace" in f.columns]
    assert list(paces.values()) == list(progress["pace_words"]), paces
    header, *rows = book["Plan"].iter_rows(values_only=True)
    in_book = {row[header.index("Project ID")] for row in rows}
    in_csv = {row["project_id"] for row in csv.DictReader(io.StringIO(downloads[CSV].decode()))}
    assert in_book and in_book == in_csv
