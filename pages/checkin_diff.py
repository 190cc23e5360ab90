"""The Check-in page's tables of what the re-plan changes, adds and keeps.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. The rows and
their words are :func:`planner.interfaces.checkin_tables.diff_frame`'s; this lays
out the columns a leader reads.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import streamlit as st

from pages.ui import rows_height, wrapping_rows
from planner.interfaces.checkin_tables import diff_frame

#: The diff's columns: the project by name, its baseline and re-plan teams, and why. Widths
#: in px that add up to the 766 px of the page's column at 1024 px beside the open sidebar
#: (wider windows share out the rest): the Why at "large" (400 px) with the teams sized to
#: their names ran 68 px past the table's edge at 1280 px, the reason cut mid-sentence.
DIFF_COLUMNS: dict[str, Any] = {
    "change": st.column_config.TextColumn("Change", width=72),
    "project": st.column_config.TextColumn("Project", width=180),
    "before": st.column_config.TextColumn("Team in the plan", width=112),
    "after": st.column_config.TextColumn("Re-plan team", width=112),
    "why": st.column_config.TextColumn("Why", width=286),
}


#: Characters on one line of the Why, Project and team columns at their narrowest (above).
WHY_LINE, NAME_LINE, TEAM_LINE = 34, 22, 13


def show_diff(
    rows: Sequence[Any],
    names_of: Mapping[str, str],
    key: str,
    dropped_by_leader: Collection[str] = (),
) -> None:
    """One group of the diff as a table (its own key, so each group stays put).

    ``names_of`` maps a team id to the name the table shows; ``dropped_by_leader``: the
    projects the leader dropped, the only ones whose Change reads "dropped".
    """
    frame = diff_frame(rows, names_of, ["project_id", *DIFF_COLUMNS], dropped_by_leader)
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
