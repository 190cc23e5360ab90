"""Goal Planner's entry point: ``streamlit run app.py``.

It only routes. Each page in ``pages/`` renders and calls ``planner``; the
session's inputs and solved plan live in ``pages/common.py``. Pages that
other parts of the product add (Scenarios, Check-in) appear once their file
exists.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages.common import cached_result, current_problem, data_source, describe_status

HERE = Path(__file__).resolve().parent

st.set_page_config(
    page_title="Goal Planner",
    page_icon=":material/flag:",
    layout="wide",
    initial_sidebar_state="expanded",
)


def _page(path: str, title: str, icon: str, *, default: bool = False) -> st.Page | None:
    """A page of the app, or ``None`` when its file is not there (yet)."""
    if not (HERE / path).is_file():
        return None
    return st.Page(path, title=title, icon=icon, default=default)


_PAGES = [
    _page("pages/overview.py", "Overview", ":material/dashboard:", default=True),
    _page("pages/data.py", "Data", ":material/table:"),
    _page("pages/constraints.py", "Constraints", ":material/tune:"),
    _page("pages/plan.py", "Plan", ":material/assignment:"),
    _page("pages/scenarios.py", "Scenarios", ":material/compare_arrows:"),
    _page("pages/checkin.py", "Check-in", ":material/event_repeat:"),
    _page("pages/export.py", "Export", ":material/download:"),
]

page = st.navigation([p for p in _PAGES if p is not None])
page.run()

# After the page, so that it shows what the page just did.
with st.sidebar:
    st.caption(f"Data: {data_source()}")
    result = cached_result(current_problem())
    if result is not None:
        st.caption(f"Plan: {describe_status(result)}")
