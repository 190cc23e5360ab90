"""The app when the scenario database sits in a folder the server's user may not open, or
is another program's DuckDB file with a table named as Goal Planner's.

A server started by a service account with HOME left as the administrator's (``sudo -u``
keeps it on many systems) looks for ``~/.local/share/goal-planner/planner.duckdb`` in a
folder it may not enter. The system's answer is stood in for here (the test may run as
root, whom no folder keeps out): ``os.stat`` of anything inside that folder is refused,
as the kernel refuses it; ``tests/scenarios/test_database_permissions.py`` runs the
command line with the real permissions.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import duckdb
import pytest
from app_pages import assert_clean
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", [None, "pages/scenarios.py", "pages/checkin.py"])
def test_a_database_in_a_folder_that_may_not_be_opened_is_said_not_a_crash(
    monkeypatch, tmp_path, page
):
    """Every page read "This app has encountered an error" (a PermissionError from the
    store's first look at the file). The pages plan as before; Scenarios and Check-in say
    the database cannot be reached, naming the folder."""
    closed = tmp_path / "home-of-another"
    closed.mkdir()
    stat = os.stat

    def refused(path, *args, **kwargs):
        if closed in Path(os.fsdecode(path)).parents:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", refused)
    monkeypatch.setenv("PLANNER_DB", str(closed / ".local" / "share" / "planner.duckdb"))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    if page is not None:
        app.switch_page(page).run()
    assert_clean(app)
    if page is not None:
        shown = " ".join(w.value for w in app.warning).replace("\\", "")
        assert "Saved scenarios are unavailable" in shown, shown
        assert f"cannot be reached: the folder {closed} may not be opened" in shown, shown


@pytest.mark.parametrize("page", ["pages/scenarios.py", "pages/checkin.py"])
def test_a_database_whose_schema_table_is_another_programs_is_said_not_a_crash(
    monkeypatch, tmp_path, page
):
    """A DuckDB file whose planner_schema holds text ("abc") stopped the page on "This app
    has encountered an error" (Python's int() of it). It is said as another program's."""
    path = tmp_path / "theirs.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE planner_schema (version VARCHAR)")
    connection.execute("INSERT INTO planner_schema VALUES ('abc')")
    connection.close()
    monkeypatch.setenv("PLANNER_DB", str(path))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    app.switch_page(page).run()
    assert_clean(app)
    shown = " ".join(w.value for w in app.warning).replace("\\", "")
    assert "is not a Goal Planner database" in shown, shown
