"""The Data page's six grids: each table's tab with its help, its rows numbered as the
file numbers them, and the edits kept as drafts until they are applied (pages/data.py).

A draft stays while the leader visits other pages; one begun before another page changed
its table (the Constraints page's pins, forbids and goal weights) is set aside, not
applied over that change.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pages.ui import column_config
from planner import Problem
from planner.core.editing import cells_as_text, without_empty_new_rows
from planner.core.loading import (
    CALENDAR,
    ESTIMATES,
    GOALS,
    PROJECTS,
    RAW_FILES,
    RULES,
    TEAMS,
)
from planner.core.shared_words import CALENDAR_HOURS_LABEL

TITLES = {
    TEAMS: "Teams",
    PROJECTS: "Projects",
    GOALS: "Goals",
    # As the Plan page's left-out table and plan.xlsx name them.
    ESTIMATES: "Teams' own estimates",
    RULES: "Rules",
    CALENDAR: "Calendar",
}
HELP = {
    TEAMS: "Sales and marketing teams: their own hours in the quarter (before the Calendar "
    "tab's weeks, which replace a week's share of it: the Constraints page's "
    f'"{CALENDAR_HOURS_LABEL}" shows each team\'s quarter with them), skills (name:level), '
    "the stages they work on (empty = all their department may own) and a project cap. "
    "Deleting a team deletes its calendar rows, estimates and rules too; changing a team's "
    "id renames it everywhere.",
    # Grouped as a leader fills a project in (what, who, when, how much), each column
    # by its heading, the file's column after it: listed in projects.csv's order, the
    # effort and value came between the stage and the skills, the weeks near the end.
    PROJECTS: "Proposed projects. "
    "**What:** its Name, the Goal (goal_id) it serves, its Funnel stage (stage), "
    "Mandatory (mandatory). "
    "**Who:** the Skills needed (required_skills) by the team that owns it; Joint (joint): "
    "it needs a sales and a marketing team, the Sales share (sales_share) of its hours on "
    "the sales one. "
    "**When:** Weeks it runs (duration_weeks), Starts no earlier than week (earliest_week), "
    "Done by week (due_week), empty = the whole quarter; Depends on (depends_on): projects "
    "it needs in the plan too, done before it starts where both have weeks. "
    "**How much:** Effort (effort_hours) in hours, Value (value) in the goal's KPI unit, "
    "Lowest and Highest likely value (value_low, value_high): the range the Overview's "
    "odds come from; one left empty is the Value itself (a lowest alone: it may fall short "
    "of its value, never beat it); both empty: certain. "
    "Deleting a project deletes its estimates and rules too; changing a project's id "
    "renames it everywhere.",
    GOALS: "The quarter's stretch goals: KPI, target in the KPI's unit, owner and weight "
    "(how much the goal matters: 2 counts twice as much as 1; empty = 1).",
    ESTIMATES: "A team's own effort or value for one project (a team that knows the work "
    "may do it in fewer hours or to more effect), overriding the project's own figures.",
    RULES: "Leaders' decisions: pin a project to a team, or forbid a team from it.",
    CALENDAR: "A team's hours in one week or a range of weeks (e.g. 7-8); a row for one "
    "week changes that week only (week 6 alone: 6; from week 6 on: 6-13). A holiday, an "
    "off-site, a ramp-up, a team that starts in week 6 (a row for weeks 1-5 with 0 hours), a "
    "hire who joins a team in week 6 (a row for weeks 6-13 with the team's usual hours a week "
    "plus the hire's). A week without a row gets the team's own hours in the quarter (Teams "
    "tab) spread "
    "evenly over the quarter's weeks: its usual hours a week, which the Plan page's \"A team's "
    'weeks" draws.',
}
#: The Projects grid's columns as a leader edits them most, its effort, value and weeks
#: first, the rest after (projects.csv keeps its own order). At 1024 px the grid is some
#: 2,300 px wide, and Effort and Value came after the goal and stage, the weeks last.
PROJECT_COLUMNS = (
    "project_id",
    "name",
    "effort_hours",
    "value",
    "value_low",
    "value_high",
    "due_week",
    "earliest_week",
    "duration_weeks",
    "mandatory",
    "goal_id",
    "stage",
    "required_skills",
    "depends_on",
    "joint",
    "sales_share",
)
#: Each grid's id and name, in view while the rest scroll sideways (which row it is), and
#: their widths: Streamlit pins columns only while they fill at most 60 % of the grid, 459
#: of 766 px at 1024 px beside the open sidebar (an id of 100 px and a name of 418 px were
#: not pinned). With the Row column's 50 px, 315 px is left for a name: the sample's
#: longest ("Partner co-marketing with Snowflake, HubSpot and Slack", 334 px) loses its last
#: word, its whole text in its cell.
PINNED = {
    TEAMS: {"team_id": 90, "name": 315},
    PROJECTS: {"project_id": 90, "name": 315},
    GOALS: {"goal_id": 90, "name": 315},
}


#: The grids' row numbers, as the file, a spreadsheet and every message that names a row
#: count them (the header is row 1, a table's first row is row 2). The grids showed no
#: numbers at all, and "Goals, row 4" had to be counted out by hand, from 1 or from 2.
FIRST_ROW = 2
#: The grids' Row column: as wide as "Row" and a four-digit row, pinned with the id and
#: name (their widths, :data:`PINNED`, leave it room under Streamlit's 60 %).
_ROW_COLUMN = {
    "label": "Row",
    "help": "The row's number as in the file or a spreadsheet (the header is row 1): the "
    "row a problem names.",
    "width": 50,
    "disabled": True,
}


#: How a grid's rows are added and deleted, under each table's own help: the narrow column
#: left of Row, empty until a row is pointed at, is where a row is ticked to be deleted, and
#: nothing said so.
ROWS_HELP = (
    "To delete rows, tick the box left of their Row number (it shows when the mouse is over the "
    "row) and press Delete; to add one, type in the empty row at the foot of the table. "
    "Nothing changes until you apply the edits."
)


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as its grid shows it: each row labelled with its number (:data:`FIRST_ROW`).
    A row added in the grid takes the next number; a deleted row's number goes with it."""
    shown = frame.copy(deep=False)
    shown.index = frame.index + FIRST_ROW
    return shown


def _unnumbered(frame: pd.DataFrame) -> pd.DataFrame:
    """A grid's table back in :func:`editable_frames`' labels (row 0 first)."""
    kept = frame.copy(deep=False)
    kept.index = frame.index - FIRST_ROW
    return kept


def _grid_columns(file: str, problem: Problem) -> dict[str, Any]:
    """The Data page's grid columns for ``file``, its id and name pinned (:data:`PINNED`)."""
    columns = column_config(file, problem)
    columns["_index"] = dict(_ROW_COLUMN)
    for column, most in PINNED.get(file, {}).items():
        if column in columns:
            width = columns[column].get("width")
            columns[column]["width"] = min(width, most) if isinstance(width, int) else most
            columns[column]["pinned"] = True
    return columns


#: Session key: the drafts of this revision (their tables, the tables they began on, and
#: the tables each grid was first drawn from).
DRAFTS = "data_drafts"


def drafts(
    rev: int, originals: dict[str, pd.DataFrame]
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """This revision's edited tables (empty after an Apply or an import), and the tables
    whose drafts were set aside because another page changed them since.

    The Constraints page changes pins and forbids and goal weights in place: a draft
    begun before would show the table without that change, and its Apply undo it.
    """
    saved = st.session_state.get(DRAFTS)
    if not saved or saved["revision"] != rev:
        saved = {"revision": rev, "frames": {}, "bases": {}, "drawn": {}}
        st.session_state[DRAFTS] = saved
    frames: dict[str, pd.DataFrame] = saved["frames"]
    bases: dict[str, pd.DataFrame] = saved["bases"]
    stale = [f for f in list(frames) if f in bases and not bases[f].equals(originals[f])]
    for file in stale:
        frames.pop(file)
        bases.pop(file)
        saved["drawn"].pop(file, None)
        st.session_state.pop(f"edit-{file}-{rev}", None)
    return frames, stale


def _grid_start(file: str, key: str, original: pd.DataFrame, drafts: dict[str, pd.DataFrame]):
    """The table ``file``'s grid (widget ``key``) starts from: its draft when the grid is
    drawn anew (back from another page), else the table it started from when first drawn.

    Kept for the grid's later runs: the draft back from another page gave way to the table
    the plan uses on the grid's next edit, and the grid, its data changed, began again from
    it, the draft and that edit dropped without a word (a deleted team back)."""
    drawn: dict[str, pd.DataFrame] = st.session_state[DRAFTS]["drawn"]
    if key not in st.session_state:
        drawn[file] = drafts.get(file, original)
    return drawn.get(file, original)


def keep_draft(file: str, edited: pd.DataFrame, base: pd.DataFrame) -> None:
    """Keep ``edited`` as ``file``'s draft, begun on the table as ``base`` shows it."""
    saved = st.session_state[DRAFTS]
    saved["frames"][file] = edited
    saved["bases"].setdefault(file, base)


def show_grids(
    problem: Problem,
    rev: int,
    originals: dict[str, pd.DataFrame],
    drafts: dict[str, pd.DataFrame],
    open_on: str | None,
) -> None:
    """The six tables' tabs, ``open_on``'s open, each grid's edits kept in ``drafts`` (an
    edit undone in its grid drops its draft)."""
    labels = [f"{TITLES[f]} ({len(originals[f]):,})" for f in RAW_FILES]
    tabs = st.tabs(labels, default=labels[RAW_FILES.index(open_on)] if open_on else None)
    for tab, file in zip(tabs, RAW_FILES, strict=True):
        with tab:
            st.caption(f"{HELP[file]}\n\n{ROWS_HELP}")
            key = f"edit-{file}-{rev}"
            # Back from another page: the editor starts again from the draft.
            base = _grid_start(file, key, originals[file], drafts)
            edited = st.data_editor(
                _numbered(base),
                key=key,
                num_rows="dynamic",
                hide_index=False,
                column_config=_grid_columns(file, problem),
                # The columns a leader edits most first; a column the file has beyond them after.
                column_order=(
                    [c for c in PROJECT_COLUMNS if c in base.columns]
                    + [c for c in base.columns if c not in PROJECT_COLUMNS]
                    if file == PROJECTS
                    else None
                ),
                width="stretch",
                # An empty cell takes the default, as in the CSV: blank, not "None".
                placeholder="",
            )
            # Each cell as its text: a draft drawn again is a grid of text columns.
            edited = cells_as_text(_unnumbered(edited), file)
            edited = without_empty_new_rows(edited, originals[file])
            if edited.equals(originals[file]):
                drafts.pop(file, None)
                st.session_state[DRAFTS]["bases"].pop(file, None)
            else:
                keep_draft(file, edited, originals[file])
