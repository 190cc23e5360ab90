"""The Export page's plan.xlsx takes the odds the page already has.

At 150 teams x 900 projects the odds of each goal (20,000 simulated quarters) take 1.5 s of
the server's time: the page worked them out for its words on the Goals sheet, then the
workbook worked them out again, the same figures, before its button showed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app_pages import assert_clean, download_labels
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app's pages/ sit next to app.py, outside the package
    sys.path.insert(0, str(ROOT))


def test_the_export_pages_workbook_takes_the_odds_the_page_worked_out(monkeypatch):
    """The workbook is made from the odds the page holds for this plan, not worked out
    again: a second working out fails the page here."""
    import planner.interfaces.exports as exports

    def again(*_args, **_kwargs):
        raise AssertionError("plan.xlsx worked the odds out again")

    monkeypatch.setattr(exports, "goal_odds", again)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    app.switch_page("pages/export.py").run()
    assert_clean(app)
    assert "Download plan.xlsx" in download_labels(app)
