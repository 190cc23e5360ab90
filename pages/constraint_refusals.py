"""The Constraints page's refused values: said under their box, and above the tabs when
the box's tab is not the one open.

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pages.common import current_problem
from pages.ui import md
from planner.core.ranges import Range

#: The settings tabs whose boxes may refuse a value (the Constraints page lists all four).
CAPACITY_TAB, PRIORITIES_TAB = "Capacity", "Priorities and time limit"
#: Session key: the number boxes' refused values, by box, said under it at the next run.
_REFUSED = "constraints_refused"


def sync(name: str) -> int:
    """The counter in the key of the widget ``name``: a new widget when it is bumped."""
    return int(st.session_state.get(f"cap-sync-{name}", 0))


def bump(name: str) -> None:
    """Draw the widget ``name`` anew, with the value in force."""
    st.session_state[f"cap-sync-{name}"] = sync(name) + 1


def value_refused(
    name: str, accepted: Range, value: float, label: str, kept: str, *, more: bool = False
) -> bool:
    """Whether a typed value is outside its range; if so, said, and the box drawn anew.

    The boxes take any number: with a ``min_value`` and ``max_value`` the browser kept
    -5 on screen in red and never sent it, so the box read -5 beside a plan at 100 %.
    Here the value reaches the page, which refuses it in words and draws the box again
    with the value in force (its key carries a counter bumped here). ``more``: another
    refusal of the same edit (a table's second team), said after the first."""
    why = accepted.problem(value)
    if why is None:
        return False
    say_refused(name, f"{label}: {why} It was not applied; the plan keeps {kept}.", more=more)
    return True


def say_refused(name: str, said: str, *, more: bool = False) -> None:
    """Keep ``said`` for :func:`show_refused` (after the edit's others, with ``more``: "-5"
    then "2000" typed in one box read both), and draw the widget ``name`` anew."""
    refusals = st.session_state.setdefault(_REFUSED, {})
    if more and name in refusals:
        said = f"{refusals[name][0]} {said}"
    refusals[name] = (said, current_problem())
    bump(name)


def _current() -> dict[str, str]:
    """Each refusal still in force (the inputs unchanged since): box name -> what it said."""
    refusals = st.session_state.get(_REFUSED, {})
    for name, (_, problem) in list(refusals.items()):
        if problem is not current_problem():
            del refusals[name]
    return {name: said for name, (said, _) in refusals.items()}


def show_refused(container: Any, name: str) -> None:
    """A refused value's message, under its box, until the inputs change.

    Not only at the next run: the browser may rerun the page again (a table's new copy
    drawn), and a message shown once was gone before a leader could read it.
    """
    if (said := _current().get(name)) is not None:
        container.error(md(said), icon=":material/block:")


def _tab_of(name: str) -> str:
    """The tab the box ``name`` is in: goal weights, priorities' weights and the time limit
    are under Priorities, capacity percents under Capacity."""
    if name == "goal-weights" or name.startswith(("weight-", "time-limit")):
        return PRIORITIES_TAB
    return CAPACITY_TAB


def show_refused_elsewhere(open_tab: str) -> None:
    """Above the tabs, each value refused in a tab other than ``open_tab``, naming its tab.

    A goal weight of -1 typed, then another tab clicked: the edit went with the click and
    was refused under the goal weights, in a tab no longer open, and the leader saw the
    weight back at 1 without a word.
    """
    for name, said in _current().items():
        if (tab := _tab_of(name)) != open_tab:
            st.error(f"On the **{tab}** tab: {md(said)}", icon=":material/block:")
