"""The Check-in page's re-plan outcome: its figures in one line that pops up in view,
and the re-plan's downloads.

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from planner.core.domain import Plan, Problem, Result
from planner.core.plan_csv import plan_csv_text
from planner.core.text import percent
from planner.core.words import plural
from planner.interfaces import odds_charts
from planner.interfaces.replan_exports import replan_workbook
from planner.scenarios.checkin import CheckIn
from planner.scenarios.replan import under_quarter_goals


def replan_odds(
    problem: Problem, checkin: CheckIn, replan: Problem, carried: Plan, plan: Plan
) -> pd.DataFrame:
    """Each goal's chance of reaching its quarter target, the baseline carried on and the
    re-plan (:func:`planner.interfaces.odds_charts.replan_odds_frame`), from the check-in's
    own figures: one argument per object the session keeps, for ``remembered``."""
    return odds_charts.replan_odds_frame(
        problem, checkin.achieved, replan, carried, plan, recorded=checkin.recorded
    )


def replan_line(changed: int, budget: int | None, added: int, at_quarter_end: float | None) -> str:
    """The outcome cards' figures in one sentence, shown in view as the re-plan comes in.

    At 1024 x 768 the Re-plan button sits at the window's foot and the cards come in below
    the fold: a leader who pressed it saw nothing change. The same figures as the cards.
    """
    limit = f" (at most {budget:,})" if budget is not None else ""
    line = f"Re-planned: {plural(changed, 'change')}{limit}, {plural(added, 'project')} added"
    if at_quarter_end is not None:
        line += f"; goal attainment at quarter end {percent(at_quarter_end)}"
    return line + ". See below."


def replan_downloads(
    problem: Problem, checkin: CheckIn, rest: Problem, result: Result, carried: Plan | None
) -> None:
    """The re-plan of the weeks left as plan.csv and plan.xlsx, side by side (``carried``:
    the baseline carried on, the workbook's "If we carry on")."""
    plan: Plan | None = result.plan
    if plan is None:
        return
    csv_column, xlsx_column = st.columns(2)
    csv_column.download_button(
        "Download the re-plan (plan.csv)",
        # Each row under its goal, one met at the check-in too, as "Re-plan adds" counts it.
        plan_csv_text(under_quarter_goals(rest, problem), plan).encode("utf-8"),
        file_name="rest-of-quarter.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",  # no rerun: it would lose the next file
        key="checkin-replan-csv",
        help="The re-plan as plan.csv lays it out, as planner checkin --out writes it.",
    )
    xlsx_column.download_button(
        "Download the re-plan (plan.xlsx)",
        # Built when the button is clicked, not on every rerun.
        partial(replan_workbook, problem, checkin, rest, result, carried),
        file_name="rest-of-quarter.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key="checkin-replan-xlsx",
        help="The re-plan as a workbook: its Summary heads the quarter's end, then the weeks "
        "left; each goal at the quarter's end (as the table below), the plan, goals, team "
        "load, weekly load and projects left out.",
    )
