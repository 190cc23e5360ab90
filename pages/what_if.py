"""The Constraints page's what-if against the current plan: its line, what moved, keep it.

Not a page: :mod:`pages.constraints` draws it beside (or, in a narrow window, above and
under) its settings.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pages.solving import keep_as_plan_in_force, relative_result, stopped_by_leader
from pages.ui import md
from planner import Problem, Result
from planner.scenarios.free_replan_words import free_replan_words, same_plan_words
from planner.scenarios.relative import change_line, change_rows
from planner.scenarios.relative_words import (
    goal_shift_words,
    hours_fall_words,
    hours_gain_words,
    summary,
)


def show_what_changed(
    problem: Problem,
    result: Result,
    beside_settings: Any = None,
    *,
    lead: str = "",
    stacked: bool = False,
) -> bool:
    """The what-if (or Data page edit) against the current plan, in one line after
    ``lead``, with the free re-plan beside it; whether there was one to show.

    On the Constraints page the line is also drawn, brief (the counts without the names),
    in ``beside_settings``, above the settings' tabs, which shows only when the results
    stack under the settings (``pages.ui.WHAT_IF_BESIDE_SETTINGS``). ``stacked``: they stack
    at every width (the pins and forbids open), where both always show: the line is drawn
    there whole, and not again here (ten forbids of one project read the same long line
    above the tabs and under the table).
    """
    found = relative_result(problem)
    if found is None or result.plan is None:
        return False
    relative, before = found
    # Stopped, the fewest changes were not looked for to the end: kept, it is no plan kept
    # close (it read "Kept close to the previous plan: as few changes as possible").
    kept = None if stopped_by_leader(problem) else relative.tolerance
    line = lead + md(summary(before, problem, relative))
    if beside_settings is not None:
        brief = lead + md(summary(before, problem, relative, brief=not stacked))
        beside_settings.info(brief, icon=":material/compare_arrows:")
        # Kept from here too: the other button is some 1,000 px further down there.
        beside_settings.button(
            "Keep this plan",
            key="keep-beside-settings",
            help=_KEEP_HELP,
            on_click=keep_as_plan_in_force,
            args=(problem, result, kept),
        )
        beside_settings.caption(
            "Its figures, the team load and which projects change are below the settings."
        )
    if not (stacked and beside_settings is not None):
        st.info(line, icon=":material/compare_arrows:")
    for shift in [
        *goal_shift_words(before, problem, relative),
        *hours_fall_words(before, problem, relative),
        *hours_gain_words(before, problem, relative),
    ]:
        st.caption(md(shift))
    same = relative.free_gives_this_plan
    if not same:
        # The same plan: the line read "would move 0, drop 2 and add 1 projects for goal
        # attainment of 84.0 % (this plan: 84.0 %, within 0.5 % ...)" above "A re-plan from
        # scratch gives the same owners ...", the one fact said twice, the first time as a
        # riddle.
        st.caption(free_replan_words(problem, relative))
    rows = change_rows(problem, relative)
    if rows:
        with st.expander("Which projects change"):
            _changed_projects(rows)
    cols = st.columns(2)
    cols[0].button(
        "Keep this plan",
        help=_KEEP_HELP,
        on_click=keep_as_plan_in_force,
        args=(problem, result, kept),
    )
    if same:
        # At 95 % marketing the kept plan is the best one: "instead" offered the same plan.
        cols[1].caption(md(same_plan_words(problem, relative)))
    elif relative.free.plan is not None:
        cols[1].button(
            "Re-plan from scratch instead",
            help="Plan these settings from scratch (moves more projects).",
            on_click=keep_as_plan_in_force,
            args=(problem, relative.free),
        )
    return True


def _changed_projects(rows: list[dict[str, str]]) -> None:
    """The projects a what-if changes, a row each: a list when short, else a table."""
    if len(rows) <= _LISTED_ROWS:
        # A list reads in full in this narrow column: a grid (or a table) put the
        # owners and the reasons past its right edge, even at 1920 px.
        st.markdown(
            "\n".join(
                f"- **{md(row['change'].capitalize())}** · {md(change_line(row))}" for row in rows
            )
        )
    else:  # a long list scrolls
        st.dataframe(
            pd.DataFrame(rows, columns=["change", "project", "before", "after", "why"]),
            hide_index=True,
            column_config={
                "change": "Change",
                "project": st.column_config.TextColumn("Project", width="large"),
                "before": "Before",
                "after": "After",
                "why": st.column_config.TextColumn("Why", width="large"),
            },
        )


def show_no_what_if(beside_settings: Any, *, waiting: bool = False) -> None:
    """The what-if's place above the settings while there is none: the line a change draws
    there takes the place this holds (``pages.ui.NARROW_LAYOUT_CSS`` keeps its height), so
    the settings under it stay where the pointer is. At 1024 x 768 a slider's first move
    put the line above the tabs, and the sliders jumped down from 279 to 566 px.
    ``waiting``: the settings changed and wait for "Re-plan"."""
    beside_settings.info(
        "The settings changed: press Re-plan, under the settings, to see what they change."
        if waiting
        else "What a change does to the plan shows here: change a setting below.",
        icon=":material/compare_arrows:",
    )
    beside_settings.caption("The plan's figures and the team load are below the settings.")


#: What "Keep this plan" does, beside the settings and under the figures alike.
_KEEP_HELP = "Make it the current plan: later changes start from it."
#: Changes listed in sentences up to this many; a longer list scrolls in a grid.
_LISTED_ROWS = 30
