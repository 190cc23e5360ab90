"""The Check-in page's tables of what the re-plan changes, adds and keeps.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. The rows and
their words are :func:`planner.interfaces.checkin_tables.diff_frame`'s; this lays
out the columns a leader reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from pages.ui import rows_height, wrapping_rows
from planner.interfaces.checkin_tables import diff_frame

#: The diff's columns: the project by name, its baseline and re-plan teams, and why.
DIFF_COLUMNS: dict[str, Any] = {
    "change": "Change",
    "project": st.column_config.TextColumn("Project", width="medium"),
    "before": "Baseline team",
    "after": "Re-plan team",
    "why": st.column_config.TextColumn("Why", width="large"),
}


#: Characters on one line of the Why, Project and team columns at 1280 px, the sidebar open.
WHY_LINE, NAME_LINE, TEAM_LINE = 50, 26, 14


def show_diff(rows: Sequence[Any], names_of: Mapping[str, str], key: str) -> None:
    """One group of the diff as a table (its own key, so each group stays put).

    ``names_of`` maps a team id to the name the table shows.
    """
    frame = diff_frame(rows, names_of, ["project_id", *DIFF_COLUMNS])
    # Why a project left the plan is the line a leader reads: at 1280 px it stopped at
    # "...in weeks 8-11,". Rows as tall as the longest reason (or name) wrapped.
    tall = wrapping_rows(
        (frame["why"], WHY_LINE),
        (frame["project"], NAME_LINE),
        *((frame[teams], TEAM_LINE) for teams in ("before", "after")),
    )
    st.dataframe(
        frame,
        height=rows_height(len(frame), tall),
        hide_index=True,
        column_order=list(DIFF_COLUMNS),  # the project by name; its id kept, hidden
        column_config=DIFF_COLUMNS,
        key=key,
        row_height=tall,
    )
