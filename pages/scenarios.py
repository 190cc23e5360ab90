"""Scenarios: save what-ifs, compare them side by side, and sweep capacity.

The page only renders and calls ``planner``: :mod:`planner.scenarios.storage` for the
saved scenarios, :mod:`planner.scenarios.compare` to compare them,
:mod:`planner.scenarios.whatif` for sweeps and marginal value,
:mod:`planner.interfaces.scenario_charts` for the charts. When the scenario
database cannot be used (locked by another program, damaged...), a banner
says so and everything else keeps working; nothing is saved. Each tab lives beside
the page: ``scenario_saved.py``, ``scenario_compare.py`` and ``scenario_capacity.py``
(which tab opens: ``scenario_tabs.py``).
"""

from __future__ import annotations

import streamlit as st

from pages.common import current_problem, require_router
from pages.headline import show_basis, show_headline
from pages.scenario_capacity import show_capacity_whatifs
from pages.scenario_compare import show_compare
from pages.scenario_save import NOTICE
from pages.scenario_saved import show_saved
from pages.scenario_tabs import TABS, tab_kept, tab_to_open
from pages.solving import current_result
from pages.store import scenario_store, storage_unavailable
from pages.ui import SCENARIOS_VIEW, show_next
from planner.scenarios.storage import StorageError

require_router()


def _notice() -> None:
    """A message from the action before the last rerun (st.rerun clears the page)."""
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(notice, icon=":material/check_circle:")


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

problem = current_problem()
# The heading and what the page is for before the plan, which a first visit may wait for.
st.title("Scenarios")
st.caption(
    "Save what-ifs with a note, compare any two side by side, and see what more or less "
    "capacity would change."
)
result = current_result()
_notice()
show_basis(problem, result)
with st.expander("The current plan", expanded=True):
    show_headline(problem, result)
store = scenario_store()
summaries = []
if store is not None:
    try:
        summaries = store.list()
    except StorageError as exc:
        storage_unavailable(exc)
        store = None
names = {s.scenario_id: s.name for s in summaries}

# Keyed, so that choosing what to compare (a rerun) keeps the Compare tab open; bound to the
# address (?scenarios-view=Compare), so that a link opens the tab it names (COMPARE_TAB).
tab_to_open()
saved_tab, compare_tab, capacity_tab = st.tabs(
    list(TABS), key=SCENARIOS_VIEW, on_change="rerun", bind="query-params"
)
tab_kept()
# The charts of a tab not open are left out: sent, a hidden tab's chart was never drawn
# (the browser lays out no closed tab), an empty box until the tab opened. A click on the
# tab runs the page again (on_change), which draws them then.
compare_open, capacity_open = compare_tab.open is not False, capacity_tab.open is not False

with saved_tab:
    show_saved(store, problem, result, summaries, names)
with compare_tab:
    show_compare(store, problem, result, summaries, names, compare_open)
with capacity_tab:
    show_capacity_whatifs(problem, result, charted=capacity_open)

show_next("checkin", "export")
