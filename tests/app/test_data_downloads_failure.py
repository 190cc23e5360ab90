"""The Data page's downloads when the server cannot make them.

The data's workbook and the template workbook were made on the click: a server started
under ``ulimit -f 8`` (or with a full temporary folder) downloaded nothing, Streamlit saying
"Failed to generate file for download" and the reason reaching the server's log only. They
are made as the page is drawn, after its tables, once per data (as the Export page's
plan.xlsx), and a file that cannot be made is said in its button's place.

openpyxl's sheet writer is made to fail as it fails there (it puts each sheet together in a
temporary file): the error goes through the same path as the real one.
"""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

from app_pages import (
    assert_clean,
    delete_and_apply,
    download_labels,
    error_words,
    failing_sheet_writer,
    session_problem,
)
from app_sessions import open_page
from openpyxl import load_workbook

from planner.core.loading import folder_zip

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app's pages/ sit next to app.py, outside the package
    sys.path.insert(0, str(ROOT))

ZIP = "Download the current data (zip)"
BOOK = "Download the current data (Excel)"
TEMPLATE = "Download the template (Excel)"


def test_workbooks_past_the_file_size_limit_are_said_in_their_buttons_places(monkeypatch):
    import resource

    limit = 8 * 1024
    monkeypatch.setattr(resource, "getrlimit", lambda _: (limit, limit))
    failing_sheet_writer(monkeypatch, errno.EFBIG, "File too large")
    app = open_page("pages/data.py")
    assert_clean(app)
    boxes = [e.value for e in app.error]
    assert len(boxes) == 2, boxes  # the data's workbook and the template, each in its place
    said = error_words(app)
    assert "The data workbook could not be made" in said, said
    assert "The template workbook could not be made" in said, said
    assert "file size limit (ulimit -f: 8,192 bytes)" in said, said
    assert "Raise the limit" in said and "whoever runs the planner" in said, said
    assert "The zip above holds the same data" in said, said
    assert "Traceback" not in said and "Errno" not in said
    labels = download_labels(app)
    assert BOOK not in labels and TEMPLATE not in labels
    assert ZIP in labels and "Download templates (zip)" in labels  # made in memory


def test_a_full_temporary_folder_is_said_with_its_fix_and_tried_again(monkeypatch, tmp_path):
    """A failure is not kept: once space is freed, the page makes the workbooks again."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    tries = failing_sheet_writer(monkeypatch, errno.ENOSPC, "No space left on device")
    app = open_page("pages/data.py")
    said = error_words(app)
    assert f"temporary folder {tmp_path}" in said, said
    assert "the disk is full" in said and "Free some space there" in said, said
    assert BOOK not in download_labels(app)
    assert list(tmp_path.iterdir()) == []  # no part-written sheet left behind
    monkeypatch.undo()
    assert tries
    app.run()
    assert_clean(app)
    assert not error_words(app)
    assert {ZIP, BOOK, TEMPLATE} <= set(download_labels(app))


def test_the_files_are_made_once_per_data_and_hold_the_data_shown(monkeypatch, downloads):
    """Made when the page is drawn, not on every rerun (the workbook takes 2-3 s at 150 teams
    x 1,500 projects): a rerun reuses them; an applied edit makes them again, of the new
    data."""
    from planner.core import loading

    made: list[int] = []
    real = loading.data_workbook

    def counted(problem):
        made.append(1)
        return real(problem)

    monkeypatch.setattr(loading, "data_workbook", counted)  # as the page's script imports it
    app = open_page("pages/data.py")
    assert_clean(app)
    assert len(made) == 1
    app.run()
    assert_clean(app)
    assert len(made) == 1
    teams = [t.team_id for t in session_problem(app).teams]
    delete_and_apply(app, "teams.csv", 0)
    assert_clean(app)
    assert len(made) == 2
    left = [t.team_id for t in session_problem(app).teams]
    assert left == teams[1:]
    book = load_workbook(io.BytesIO(downloads[BOOK]), read_only=True)
    header, *rows = book["teams"].iter_rows(values_only=True)
    assert [row[header.index("team_id")] for row in rows] == left
    assert downloads[ZIP] == folder_zip(session_problem(app))
