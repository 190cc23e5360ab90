"""The Scenarios page's tabs: the one the address names, in any case, and the one the
leader left when coming back from another page."""

from __future__ import annotations

import streamlit as st

from pages.common import arrived
from pages.ui import COMPARE_TAB, SCENARIOS_VIEW

#: The page's tabs, in order: the first is open when the address names none.
TABS = ("Saved scenarios", COMPARE_TAB[SCENARIOS_VIEW], "Capacity what-ifs")
#: Session key: the tab open when the page last ran (opened again on coming back to it).
_TAB_KEPT = "_scenarios_tab_kept"
#: Session key: the tab to open on the run :func:`tab_to_open` asks for.
_TAB_BACK = "_scenarios_tab_back"


def tab_to_open() -> None:
    """Before the tabs: open the tab the address names in any case (``?scenarios-view=compare``
    opened Saved scenarios, Streamlit matching the label exactly), or the tab the leader
    left, back on the page with no tab named by its address.

    Streamlit's navigation drops the address's query, so going to the Plan and back (the
    browser's Back gives the address the last word over the session) landed on Saved
    scenarios whatever was open; a tab's key cannot be set once the tabs are drawn, nor
    on this run (Back resets it to the address's), so the page runs again on the tab
    left, before its tabs are drawn. Drawn on Saved scenarios first and then on the tab
    left, a loaded server's browser could keep Saved scenarios: it moves drawn tabs to a
    new tab only if that tab is there when it redraws, and Saved scenarios' content comes
    before the other tabs. A link naming a tab (Saved scenarios, whose name Streamlit
    then takes off the address) opens that one."""
    asked = st.query_params.get(SCENARIOS_VIEW)
    named = [tab for tab in TABS if asked and tab.casefold() == asked.strip().casefold()]
    # On coming to the page only: Streamlit restores the tab left over the one a link names
    # (Saved scenarios, its default), and a click on a tab later leaves the address behind.
    if named and (named[0] != asked or arrived()):
        st.session_state[SCENARIOS_VIEW] = named[0]
    if (kept := st.session_state.pop(_TAB_BACK, None)) in TABS:
        st.session_state[SCENARIOS_VIEW] = kept
    elif arrived() and asked is None and (left := st.session_state.get(_TAB_KEPT)) in TABS[1:]:
        st.session_state[_TAB_BACK] = left
        st.rerun()


def tab_kept() -> None:
    """After the tabs: the tab open on this run, opened again on coming back to the page
    (:func:`tab_to_open`)."""
    st.session_state[_TAB_KEPT] = st.session_state.get(SCENARIOS_VIEW, TABS[0])
