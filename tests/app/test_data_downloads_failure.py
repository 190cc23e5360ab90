"""The Data page's downloads: made when first wanted, and said when the server cannot make them.

Made on the click alone, the data's workbook and the template workbook downloaded nothing on
a server started under ``ulimit -f 8`` (or with a full temporary folder): Streamlit said
"Failed to generate file for download", the reason reaching the server's log only. Made as
the page was drawn, every visit paid for the data workbook (0.4 s at 150 teams x 1,500
projects), though most never download it. Now the first click makes the file, and the rerun
it starts keeps it for the next clicks or says its failure in the button's place.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from app_pages import (
    assert_clean,
    delete_and_apply,
    download_labels,
    error_words,
    press_download,
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


def test_a_workbook_past_the_file_size_limit_is_said_in_its_buttons_place(past_file_size_limit):
    """Nothing fails as the page is drawn, where nothing is made; the click's rerun says
    the failure where the button was, and what can be downloaded meanwhile."""
    app = open_page("pages/data.py")
    assert_clean(app)
    assert not error_words(app)
    assert not past_file_size_limit.tries  # no workbook made for a visit
    assert {ZIP, BOOK, TEMPLATE} <= set(download_labels(app))
    press_download(app, BOOK)
    assert_clean(app)
    said = error_words(app)
    assert len(app.error) == 1, said
    assert "The data workbook could not be made" in said, said
    assert "The zip above holds the same data" in said, said
    past_file_size_limit.assert_said(said)
    labels = download_labels(app)
    assert BOOK not in labels
    assert ZIP in labels and TEMPLATE in labels and "Download templates (zip)" in labels
    press_download(app, TEMPLATE)
    said = error_words(app)
    assert "The template workbook could not be made" in said, said
    assert "The templates zip above holds the same tables' headers" in said, said
    assert BOOK in download_labels(app)  # said once: the next run offers it again


def test_a_full_temporary_folder_is_said_with_its_fix_and_tried_again(
    full_temporary_folder, monkeypatch
):
    """A failure is not kept: once space is freed, the next click makes the workbook."""
    app = press_download(open_page("pages/data.py"), BOOK)
    full_temporary_folder.assert_said(error_words(app))
    assert BOOK not in download_labels(app)
    assert full_temporary_folder.scratch is not None
    assert list(full_temporary_folder.scratch.iterdir()) == []  # no part-written sheet left
    tries = len(full_temporary_folder.tries)
    app.run()
    assert BOOK in download_labels(app) and not error_words(app)
    assert len(full_temporary_folder.tries) == tries  # offered again, not made again
    monkeypatch.undo()  # space freed
    press_download(app, BOOK)
    assert_clean(app)
    assert not error_words(app)
    assert BOOK in download_labels(app)


def test_the_workbook_is_made_on_the_first_click_once_per_data(monkeypatch):
    """Not as the page is drawn, nor at a rerun or an applied edit: on the first click for
    each data, which the next clicks reuse."""
    from pages import downloads

    made: list[int] = []
    real = downloads.data_workbook

    def counted(problem):
        made.append(1)
        return real(problem)

    monkeypatch.setattr(downloads, "data_workbook", counted)
    app = open_page("pages/data.py")
    app.run()
    assert_clean(app)
    assert made == []
    press_download(app, BOOK)
    assert_clean(app)
    assert len(made) == 1 and not error_words(app)
    press_download(app, BOOK)
    app.run()
    assert len(made) == 1
    delete_and_apply(app, "teams.csv", 0)
    assert_clean(app)
    assert len(made) == 1  # new data, not yet wanted
    press_download(app, BOOK)
    assert len(made) == 2


def test_the_files_downloaded_hold_the_data_shown(downloads):
    """After an applied edit, the workbook and the zip are the edited data's."""
    app = open_page("pages/data.py")
    teams = [t.team_id for t in session_problem(app).teams]
    delete_and_apply(app, "teams.csv", 0)
    press_download(app, BOOK)
    assert_clean(app)
    left = [t.team_id for t in session_problem(app).teams]
    assert left == teams[1:]
    book = load_workbook(io.BytesIO(downloads[BOOK]), read_only=True)
    header, *rows = book["teams"].iter_rows(values_only=True)
    assert [row[header.index("team_id")] for row in rows] == left
    assert downloads[ZIP] == folder_zip(session_problem(app))
