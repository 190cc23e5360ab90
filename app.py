"""Goal Planner's pages and routing, served by ``make run`` through ``serve.py`` (which sends
a page's address with a part more to the page, lays out a narrow window's first paint and
gives each browser its mark): the way to serve it. ``streamlit run app.py`` serves the same
pages without those (Streamlit's own server runs no middleware): all unsaved work kept there
reads as the browser's own.

It routes (the page list is ``pages.common.PAGES``), says above every page
when ``PLANNER_DATA`` could not be opened, and shows the data's source and
the plan's status in the sidebar. Each page in ``pages/`` renders and calls
``planner``; the session's inputs live in ``pages/common.py``, its solved
plan and the current plan in ``pages/solving.py``. Pages that other parts
of the product add (Scenarios, Check-in) appear once their file exists.
"""

from __future__ import annotations

import streamlit as st

from pages.common import current_problem, data_source, navigation, run_page, start_problems
from pages.issue_tables import show_issues
from pages.kept import keep_changes, offer_kept_work
from pages.solving import cached_result, kept_close, stopped_by_leader
from pages.start import SAMPLE_SOURCE, source_help
from pages.store import warm_store
from pages.ui import NO_PLAN_YET, describe_status, md, narrow_layout, run_stoppable

page = navigation()
narrow_layout()
# PLANNER_DATA named data that cannot be opened: say so above every page, with each
# problem, until other data is imported or loaded (the session plans the sample meanwhile).
if (refused := start_problems()) is not None:
    where, problems = refused
    show_issues(
        problems,
        headline=f"PLANNER_DATA={where} could not be opened, so the app shows {SAMPLE_SOURCE} "
        "instead.",
    )
# The session's inputs as the last clicks left them, kept before the page (whose solve may
# take a while) and after it (a change the page made itself, even if it stopped or reran).
keep_changes()
# The unsaved work a reload or a restart left, offered above the page; looked up after the
# page has run, so that the database never holds up a first paint.
offer = st.container()
# The data's source and the plan's status under the page list: drawn before the page, so that
# a page that stops early (Check-in until Re-plan is pressed: ``st.stop`` ends the whole run)
# still has them, and again after it, so that they say what the page just did.
sidebar = st.sidebar.empty()


def show_sidebar() -> None:
    """The sidebar's lines: where the data came from, and the plan's status."""
    with sidebar.container():
        st.caption(f"Files loaded from {md(data_source())}", help=source_help(data_source()))
        problem = current_problem()
        result = cached_result(problem)
        if result is not None:
            # Stopped, as the page's banner says: it read "Kept close to the previous plan:
            # as few changes as possible" beside the banner's "Stopped on request".
            said = describe_status(result, kept_close(problem), stopped=stopped_by_leader(problem))
            st.caption(f"Plan: {said}")
        else:
            # Drawn over the line before it: while a new upload's plan was being made, the
            # sidebar read the previous plan's status ("planned in 0.09 s") under the new
            # files' name, until the solve was over.
            st.caption(NO_PLAN_YET)


show_sidebar()
try:
    run_stoppable(run_page, page)  # a page's stop_page ends the page, not this run
finally:
    keep_changes()
with offer:
    offer_kept_work(page.url_path)
show_sidebar()

warm_store()
