"""The Check-in page's projects table, as the leader edits it.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. The table's
figures and the check-in read back from it are
:mod:`planner.interfaces.checkin_tables`'; this lays out its columns, and keeps the
records typed where scenarios are kept (:mod:`planner.interfaces.checkin_draft`), so
that a reload of the tab puts them back.
"""

from __future__ import annotations

from contextlib import suppress

import pandas as pd
import streamlit as st

from pages.checkin_outcome import CHECKIN_KEPT_WORDS, CHECKIN_TAB_WORDS
from pages.first_paint import BROWSER_COOKIE, browser_mark
from pages.store import quiet_store
from pages.ui import figure_column, rows_height, wrapping_rows
from planner.interfaces.checkin_draft import (
    CheckinDraft,
    draft_key,
    draft_text,
    read_draft,
    tables_with_draft,
)
from planner.interfaces.checkin_tables import STATUS_OF, settled_projects
from planner.scenarios.storage import StorageError


def edit_projects(
    start: dict[str, pd.DataFrame], version: int, key: str, weeks: int | None
) -> pd.DataFrame:
    """The projects table to edit (``start["projects"]``): status, % done and, for a quarter
    of ``weeks`` weeks (``None``: not planned in weeks), the week a project in progress ends
    in; each edit kept as it comes in (:func:`keep_edit`)."""
    ends = ["end_week"] if weeks is not None else []
    projects = start["projects"]
    # Rows tall enough to wrap a long name whole on two lines (its column holds some 32
    # characters a line at 1024 px): cut at 250 px, "Q3 webinar series on compliance
    # automat" and "SEO pillar pages: compliance automation" could not be told apart. The
    # teams beside it wrap too ("Demand Gen + SDR Team" read "Demand Gen + SDR T"), two
    # lines in 150 px ("Product Marketing + Sales Engineering" took three in 130 px).
    tall = projects_row_height(projects)
    return st.data_editor(
        projects,
        hide_index=True,
        row_height=tall,
        # Eight rows of two lines in view, as ten of one were: the page's "auto" is 400 px.
        height="auto" if tall is None else min(rows_height(len(projects), tall), 558),
        disabled=["project_id", "project", "team"],
        # Leaders know work by name: the id stays in the table, hidden, to read the edit back.
        column_order=["project", "status", "percent_done", *ends, "unlock", "team"],
        column_config={
            # Widths that keep every column in sight at 1024 px (766 px of main area; Unlock
            # was once past the table's edge), the names taking what the others leave,
            # wrapped (``tall``).
            "project": st.column_config.TextColumn("Project", width=230),
            "team": st.column_config.TextColumn(
                "Team in the plan",
                help="Empty: not in the plan. A joint project's teams cut short: double-click the "
                "cell to read them whole",
                width=150,
            ),
            "status": st.column_config.SelectboxColumn(
                "Status", options=list(STATUS_OF), required=True, width=95
            ),
            # Text, not a NumberColumn, here and in "Ends in week": its editor kept only what
            # a number may hold ("1e12" read 112 %, without a word), dropped the minus of -5
            # and clamped 150 % to 99 %; what is typed reaches the page, whose check refuses
            # it by name (checkin_from).
            "percent_done": figure_column("% done", width=80, help="Only for projects in progress"),
            # A late project runs on to a later week: its work left spreads over the
            # weeks up to it, where the plan's end week left it too few. A part week typed
            # (8.5) reaches the page, which refuses it in words (checkin_from).
            "end_week": figure_column(
                "Ends in week",
                width=110,
                help="Only for projects in progress: the week its work will end in, as "
                "planned. Running late? Give the week it will take until; its work left "
                "is spread over the weeks up to it; after its due week, what is left of it "
                "lands after the quarter and counts for nothing in it. Empty: as planned.",
            ),
            # "Unlock" named the mechanism: the box lets the re-plan move the project.
            "unlock": st.column_config.CheckboxColumn(
                "May move",
                help="Tick to let the re-plan hand this project, already started, to another "
                "team for the work left, or leave it out of the plan when those hours do more "
                "for the goals elsewhere; unticked, it stays with its team.",
                width=95,  # "May move" and the grid's edit mark whole
            ),
        },
        key=key,
        placeholder="",  # "Ends in week" of a project not in progress reads empty, not "None"
        on_change=keep_edit,
        args=("projects", key, version, start),
    )


def projects_row_height(projects: pd.DataFrame) -> int | None:
    """The projects grid's row height (px): two lines at most, a long name wrapped whole.

    Every row takes the height of the tallest: at 150 teams, three joint projects' teams
    ("Demand Gen, NA West pod 2 + Enterprise AEs, NA East") took four lines, and every row
    of 1,500 was 95 px tall, five in view at 1440 x 900. Two lines hold every project's
    name and all but a few joint projects' teams, which a click on the cell shows whole.
    """
    return wrapping_rows((projects["project"], 32), (projects["team"], 20), most=2)


#: The grids' tables as last edited, and the tables they start from, each with the version
#: of the pre-fill they belong to (another week's or baseline's pre-fill starts afresh).
_LAST, _START = "checkin-tables-last", "checkin-tables-start"


def tables_to_edit(source: dict[str, pd.DataFrame], version: int) -> dict[str, pd.DataFrame]:
    """The tables the grids start from: the pre-fill ``source``, or the records as last
    typed when the leader comes back from another page.

    Streamlit forgets a grid's edits when a run does not draw it: a VP Sales who marked two
    projects late and one done, looked at the Export page and came back found the pre-fill
    again, with nothing to say the records were gone.
    """
    last = st.session_state.get(_LAST)
    if (
        last is not None
        and last[0] == version
        and f"checkin-projects-{version}" not in st.session_state
    ):
        st.session_state[_START] = last
    start = st.session_state.get(_START)
    return start[1] if start is not None and start[0] == version else source


def keep_edit(name: str, key: str, version: int, start: dict[str, pd.DataFrame]) -> None:
    """A grid's ``on_change``: the table ``name`` as its grid (``key``) has it now, kept for
    :func:`tables_to_edit` before the page runs.

    Streamlit calls it as the edit comes in, before the run the edit starts. A figure typed
    and another page clicked at once: the click stopped that run before it reached
    :func:`keep_tables`, and the figure was gone on return. (A click that comes in before
    the edit's run has begun cannot be helped here: Streamlit sends a page switch without
    the grids' states and keeps the newer request's, so the edit never reaches the app.)
    """
    change = st.session_state.get(key)
    if not isinstance(change, dict):
        return
    last = st.session_state.get(_LAST)
    tables = dict(last[1]) if last is not None and last[0] == version else dict(start)
    edited = start[name].copy()
    for row, cells in change.get("edited_rows", {}).items():
        for column, value in cells.items():
            if column in edited.columns:
                edited.loc[edited.index[int(row)], column] = value
    tables[name] = edited
    st.session_state[_LAST] = (version, tables)


#: Session key: the grids' version (a new version draws them afresh from their start).
VERSION = "checkin-editor-version"


def keep_tables(version: int, edited: dict[str, pd.DataFrame]) -> None:
    """Keep the tables as edited at this run, for :func:`tables_to_edit` on a later visit.

    A status changed in the grid leaves its row's % done as it was (a grid cannot change
    another cell): the grids are drawn again from the tables as edited, each row's % done
    as its status has it (:func:`settled_projects`), the leader's other records kept.
    """
    last = st.session_state.get(_LAST)
    before = last[1]["projects"] if last is not None and last[0] == version else None
    if (settled := settled_projects(edited["projects"], before)) is not None:
        st.session_state[_START] = (version + 1, {**edited, "projects": settled})
        st.session_state[VERSION] = version + 1
        st.rerun()
    st.session_state[_LAST] = (version, edited)


#: Session keys: the draft's key this run, the text kept last, and the words said of a draft
#: put back (shown until the tables are filled afresh).
_DRAFT_KEY, _DRAFT_KEPT, DRAFT_BACK = (
    "checkin-draft-key",
    "checkin-draft-kept",
    "checkin-draft-back",
)


def _mark() -> str | None:
    """The browser's mark (``serve.py`` gives each one), or None (``streamlit run app.py``,
    AppTest): without one, records kept would fill another browser's tables."""
    browser = st.context.cookies.get(BROWSER_COOKIE)
    return browser_mark(browser) if isinstance(browser, str) else None


def kept_words() -> str:
    """What a reload keeps of the check-in, for this browser."""
    return CHECKIN_KEPT_WORDS if _mark() is not None else CHECKIN_TAB_WORDS


def draft_back(baseline_key: str, data_key: str) -> CheckinDraft | None:
    """The check-in records kept for this plan and browser (:func:`keep_draft`), read back
    from the scenario database; ``None`` when none are kept, it cannot be read, or the
    browser has no mark (nothing is kept for it then)."""
    mark = _mark()
    if mark is None:
        st.session_state[_DRAFT_KEY] = None
        return None
    key = st.session_state[_DRAFT_KEY] = draft_key(baseline_key, data_key, mark)
    store = quiet_store()
    try:
        found = None if store is None else store.checkin_draft(key)
    except StorageError:
        return None
    st.session_state[_DRAFT_KEPT] = None if found is None else found[0]
    if found is None:
        return None
    return read_draft(found[0])


def start_from_draft(version: int, tables: dict[str, pd.DataFrame], draft: CheckinDraft) -> None:
    """The grids of ``version`` start from ``tables`` (the pre-fill) with ``draft`` laid over."""
    laid = tables_with_draft(tables, draft)
    st.session_state[_START] = (version, laid)
    # Only the weeks elapsed kept (no record differs from the plan's): "records ... are
    # back in the tables below" and "Reset" would have pointed at nothing to undo.
    weeks_only = all(laid[t].equals(tables[t]) for t in tables)
    st.session_state[DRAFT_BACK] = (
        f"The weeks elapsed you set, {draft.weeks:g}, were kept when you left or reloaded "
        "the page: the tables below are the plan's for that week."
        if weeks_only
        else f"Your check-in records for week {draft.weeks:g} were kept when you left or "
        "reloaded the page, and are back in the tables below. Press **Reset to the plan "
        "for this week** to start again from the plan."
    )


def keep_draft(weeks: float, edited: dict[str, pd.DataFrame], differs: bool) -> None:
    """Keep the records as edited (``differs``: from the pre-fill) where scenarios are kept,
    so that a reload of the tab puts them back; records back at the pre-fill drop them.
    Written only when they changed; a database that cannot be written keeps the tab's."""
    key, kept = st.session_state.get(_DRAFT_KEY), st.session_state.get(_DRAFT_KEPT)
    store = quiet_store()
    if key is None or store is None:
        return
    text = draft_text(weeks, edited) if differs else None
    if text == kept:
        return
    with suppress(StorageError):
        if text is None:
            store.discard_checkin_draft(key)
        else:
            store.keep_checkin_draft(key, text, _mark())
        st.session_state[_DRAFT_KEPT] = text


def saved_draft_key() -> str | None:
    """The key of the records kept for this check-in (none: nothing kept for this browser),
    for the save to drop them in its own transaction: a reload then opens on the plan, not
    on records saved already. Records typed after the save are kept again
    (:func:`keep_draft` keeps only records that changed since)."""
    return st.session_state.get(_DRAFT_KEY)


def drop_saved_draft() -> None:
    """The check-in was saved already (a second click): its records kept for a reload are
    dropped, as the save drops them."""
    key, store = saved_draft_key(), quiet_store()
    if key is None or store is None:
        return
    with suppress(StorageError):
        store.discard_checkin_draft(key)
