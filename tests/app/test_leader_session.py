"""A CMO and a VP Sales planning their quarter: what read differently from page to page.

Each test is one step of that session and what the leader should have seen.
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
from app_pages import assert_clean, open_routed
from streamlit.testing.v1 import AppTest


def _shown(app: AppTest, index: int) -> pd.DataFrame:
    """The cells of the page's ``index``-th table as the leader reads them.

    A table styled for display (hours as "340 h") sends its display text beside its
    numbers; a plain one shows its numbers.
    """
    styler = app.dataframe[index].proto.arrow_data.styler
    if styler.display_values:
        return pa.ipc.open_stream(io.BytesIO(styler.display_values)).read_pandas()
    return app.dataframe[index].value


def test_hours_read_with_their_unit_in_the_plan_s_tables_as_in_left_out():
    """Plan page: Assignments read "340" for SEO pillar pages' hours where Left out, just
    below, read "200 h" (and every card "4,391 h"). Every table reads hours one way, with
    the numbers kept underneath so that sorting by hours still sorts by size."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    assigned = app.dataframe[0].value
    shown = _shown(app, 0)
    row = assigned.index[assigned["project_id"] == "AW-01"][0]
    assert shown.loc[row, "hours"] == "340 h"
    assert assigned.loc[row, "hours"] == 340  # still a number: it sorts by size
    left_out = next(t for t in app.table if "Why it is left out" in t.value.columns)
    assert "200 h" in list(left_out.value["Hours"])


def test_the_export_preview_reads_hours_as_the_plan_page_does():
    """Export page, "Preview of the plan": Hours read "340" where the Plan page's tables
    read "340 h"."""
    app = open_routed("pages/export.py")
    assert_clean(app)
    shown = _shown(app, 0)
    assert "340 h" in list(shown["Hours"])
