"""Export: the plan as SPEC's plan.csv, and the inputs as a data folder (zip)."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from pages.common import current_problem, remembered, require_router
from pages.headline import basis_line, built_on, odds_table, show_basis
from pages.solving import current_result, kept_close, stopped_by_leader
from pages.ui import data_downloads, made_file_button, md, show_next, show_status, with_hours
from pages.widths import TEAM_PX, team_width
from planner import Problem, Result
from planner.core.plan_csv import plan_csv_text
from planner.core.shown_figures import contribution, hours_value
from planner.core.uncertainty import goal_odds
from planner.core.workbook import XLSX_MIME
from planner.interfaces.exports import plan_sheet, plan_workbook
from planner.scenarios.labels import stage_label

#: The preview's first columns' widths in pixels (the Project's is what the others leave of
#: 764 px); the others take Streamlit's small width under "Show every column".
FIRST_WIDTHS = {"Team": TEAM_PX, "Hours": 54, "Value (KPI units)": 140, "Start week": 70}
FIRST_WIDTHS |= {"End week": 66, "Status": 58}
FIRST_WIDTHS["Project"] = 764 - sum(FIRST_WIDTHS.values())


def _goals_sheet_words(problem: Problem, result: Result) -> str:
    """What the workbook's Goals sheet holds: the odds only when the plan has them (a
    project planned for a goal with a range of impact), as :func:`plan_workbook` writes."""
    if odds_table(problem, result.plan)["uncertain"].any():
        return "planned attainment and the odds of each target"
    # Last year's data, every impact a single number: the sheet has no odds column.
    return md(
        "planned attainment against each target; with ranges of impact, the odds of each "
        "too: give projects a Lowest likely value and Highest likely value on the Data "
        "page's Projects table"
    )


require_router()
problem = current_problem()
st.title("Export")  # before the plan, which a first visit may wait for
st.caption(
    "Download the plan for the teams and the board (plan.csv or an Excel workbook), and the "
    "inputs it was made from."
)
result = current_result()
made_from = built_on(problem)

show_basis(problem, result)
show_status(
    result,
    kept_close(problem),
    weights=problem.settings.weights,
    stopped=stopped_by_leader(problem),
)

plan_col, data_col = st.columns(2, gap="large")
with plan_col, st.container(border=True):
    st.subheader("The plan: plan.csv or Excel")
    # The buttons first, then what the files hold: under the description the Excel button
    # sat at 770 px in a 1024 x 768 window, out of sight.
    if result.plan is None:
        st.info(
            "There is no plan to export: these inputs have none yet (the status above says why)."
        )
    else:
        st.download_button(
            "Download plan.csv",
            remembered(plan_csv_text, problem, result.plan).encode("utf-8"),
            file_name="plan.csv",
            mime="text/csv",
            type="primary",
            icon=":material/download:",
            on_click="ignore",  # no rerun: it would lose the next file
        )
        # plan.xlsx is made after the rest of the page is drawn (below), in this place.
        xlsx_slot = st.empty()
    st.markdown(
        "One row per project and the team that owns it (a joint project has two rows, "
        "one per team, each with its share), then one row per project left out with the "
        "reason. The Excel workbook has it too, with sheets of its own: Summary (the "
        f"headline figures, built on {md(made_from)}), Goals ("
        + _goals_sheet_words(problem, result)
        + "), Team load (each team against its capacity)"
        + (", Weekly load (each team, week by week)" if problem.is_time_phased else "")
        + ", Left out (each project with the reason) and, last, Score (analysts) "
        "(the plan's score, not a business figure). Text that a spreadsheet would run "
        "as a formula stays text."
    )
# The data workbook and zip are built when a button is pressed, not at every run: at 150
# teams x 3,000 projects the data workbook alone takes seconds of the server's time.
with data_col, st.container(border=True):
    st.subheader("The inputs: data folder (zip) or workbook")
    data_downloads(problem, "the inputs")
    st.markdown(
        "The data tables and settings this plan was made from. Upload the zip on the Data "
        "page to get exactly these inputs back (an analyst can also run it with "
        "`planner solve`)."
    )
    # The same words as the page's header: what the inputs are built on, with any change.
    line = basis_line(problem)
    st.caption(f"These inputs: {md(line[:1].lower() + line[1:])}")


def _week_texts(weeks: pd.Series) -> list[str]:
    """A week column of the preview: ``3`` (never ``3.0``), or empty for a left-out project.
    Read at once: a Series per cell took a second at 1,500 projects."""
    numbers = pd.to_numeric(weeks.replace("", None), errors="coerce")
    return ["" if pd.isna(number) else str(int(number)) for number in numbers]


def _preview(problem: Problem, result: Result) -> pd.DataFrame:
    """The preview's rows, in the page's words and figures (kept per plan: ``remembered``)."""
    assert result.plan is not None
    preview = plan_sheet(problem, result)
    # A value in its goal's unit ("460 MQLs"): bare, 22,000 and 460 read side by side
    # with nothing to say one is website visitors and the other MQLs.
    kpis = {g.goal_id: g.kpi for g in problem.goals}
    # A left-out project's row reads no value ("0 website visitors" read as a forecast).
    values = [
        # As the data gives it, as the Plan page and the file's Value cells (20.3, not 20).
        "" if status == "Left out" else contribution(v, kpis.get(g))
        for v, g, status in zip(
            preview["Value (KPI units)"], preview["Goal ID"], preview["Status"], strict=True
        )
    ]
    preview = preview.assign(Stage=preview["Stage"].map(stage_label))
    # Hours and values as every page writes them; narrow number columns, so the last
    # column is not cut off at the table's edge (the file keeps full precision).
    preview = preview.assign(
        Hours=[hours_value(h) for h in preview["Hours"]],
        Share=[100 * float(s) for s in preview["Share"]],
        # Whole week numbers as text; a left-out project's cells are empty (a number
        # column shows a missing week as "None").
        **{w: _week_texts(preview[w]) for w in ("Start week", "End week") if w in preview},
        **{"Value (KPI units)": values},
    )
    return preview.drop(columns=["Project ID", "Goal ID", "Team ID"])


def _preview_table(shown: pd.DataFrame) -> Any:
    """The preview as drawn, its hours in hours: every column, so that "Show every column"
    shows more of the same rows."""
    return with_hours(shown, "Hours")


if result.plan is not None:
    st.subheader("Preview of the plan")
    st.caption("The file keeps the ids beside the names so that it loads back; here, names only.")
    shown = remembered(_preview, problem, result)
    small = {"Share", "Hours", "Start week", "End week", "Status", "Department"}
    # Who owns it, its hours and value, and when: in view at 1024 px, where the file's
    # other columns scrolled sideways; they are one switch away, the same rows.
    first = ["Project", "Team", "Hours", "Value (KPI units)", "Start week", "End week", "Status"]
    team_px = team_width(dict.fromkeys(str(t) for t in shown["Team"] if t))
    every = st.toggle("Show every column", key="export-every-column")
    columns = list(shown.columns) if every else [c for c in first if c in shown]
    st.dataframe(
        remembered(_preview_table, shown),
        hide_index=True,
        column_order=columns,
        column_config={
            # The seven first columns fill the 764 px of a 1024 px window beside the open
            # sidebar, each other one as wide as its longest figure or heading ("400,000
            # expansion ARR $", "Start week"), the project's name the rest: at 1280 px all
            # but the longest names read whole (double-click a cell to read it all).
            # A longer team name than the sample's widens Team (pages.widths), the project's
            # name giving it the room.
            "Project": st.column_config.TextColumn(
                "Project", width=FIRST_WIDTHS["Project"] + TEAM_PX - team_px
            ),
            "Team": st.column_config.TextColumn("Team", width=team_px),
            "Goal": st.column_config.TextColumn("Goal", width="medium"),
            "Share": st.column_config.NumberColumn("Share", format="%.1f %%", width="small"),
            # "340 h"
            "Hours": st.column_config.NumberColumn("Hours", width=FIRST_WIDTHS["Hours"]),
            "Value (KPI units)": st.column_config.TextColumn(
                "Value", width=FIRST_WIDTHS["Value (KPI units)"]
            ),
            "Why it is left out": st.column_config.TextColumn("Why it is left out"),
            **{
                c: st.column_config.Column(c, width=FIRST_WIDTHS.get(c, "small"))
                for c in small - {"Share", "Hours"}
            },
        },
    )


def _plan_workbook(problem: Problem, result: Result, kept: float | None, made_from: str) -> bytes:
    # The Summary names the inputs: a what-if read as the quarter's plan to a board. The
    # odds are those the page holds for this plan (1.5 s more at 150 teams worked out again).
    assert result.plan is not None
    odds = remembered(goal_odds, problem, result.plan)
    return plan_workbook(problem, result, kept, built_on=made_from, odds=odds)


if result.plan is not None:
    # Made here, not on the click: a workbook the server cannot make is said in its place.
    # Once per plan shown (2-3 s at 150 teams x 1,500 projects: the page's tables are drawn
    # first).
    made_file_button(
        xlsx_slot,
        partial(remembered, _plan_workbook, problem, result, kept_close(problem), made_from),
        "plan.xlsx",
        "plan.csv above holds the same plan.",
        label="Download plan.xlsx",
        file_name="plan.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
    )

show_next("scenarios", "checkin")
