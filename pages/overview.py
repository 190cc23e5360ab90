"""Overview: the quarter's goals, how far the plan gets them, and what to do next."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages.common import current_problem, remembered, require_router
from pages.gap_hours import show_hours_offers
from pages.headline import odds_list, odds_table, show_advanced, show_basis, show_headline
from pages.scenario_capacity import capacity_ranking
from pages.solving import current_result, kept_close, relative_result, stopped_by_leader
from pages.ui import (
    GROUPED_FIGURE,
    PAGE_LINKS,
    md,
    rows_height,
    show_chart,
    show_status,
    wrapping_rows,
)
from planner.core.shared_words import plural
from planner.core.shown_figures import chance, goal_amount_value, goal_row_values, percent_value
from planner.core.uncertainty import goal_odds
from planner.interfaces import charts, odds_charts, plan_frames
from planner.interfaces.exports import GOAL_WEIGHT, GOAL_WEIGHT_HELP
from planner.interfaces.goal_gaps import goal_gaps
from planner.interfaces.next_steps import next_steps
from planner.scenarios.metrics import result_metrics
from planner.scenarios.why_a_decimal import WHY_A_DECIMAL, decimals_words

require_router()
problem = current_problem()
# The heading and the quarter's size before the plan: the app opens here, and at 150 teams
# the first plan's 10 s showed a blank page, the solve's progress box below them now.
st.title("Overview")
st.caption(
    "The quarter at a glance: how far the plan takes each goal, its odds of reaching the "
    "target, and what to do next."
)
st.caption(
    f"{plural(len(problem.goals), 'goal')} · "
    f"{plural(len(problem.projects), 'proposed project')} · {plural(len(problem.teams), 'team')}"
)
result = current_result()
plan = result.plan

show_basis(problem, result)
show_status(
    result,
    kept_close(problem),
    weights=problem.settings.weights,
    stopped=stopped_by_leader(problem),
)

# Headline figures: goal attainment first, in the KPIs' units (no optimizer points).
m = show_headline(problem, result)
show_advanced(problem, result, kept_close(problem))

# What to do next, right under the figures: below the goals, the odds and the attainment
# chart it sat at 1,516 px in a 1440 x 900 window (2,084 px at 1024 x 768), out of sight.
st.subheader("What to do next")
relative = relative_result(problem)  # the what-if, while it is not yet kept
from_scratch = (
    None
    if relative is None
    else remembered(result_metrics, problem, relative[0].free).attainment_pct
)
steps = next_steps(
    problem,
    result,
    kept_close=kept_close(problem) is not None,
    from_scratch_pct=from_scratch,
    ranking=capacity_ranking(problem),
)
st.markdown("\n".join(f"{i:d}. {md(step)}" for i, step in enumerate(steps, 1)))
next_pages = (
    ("pages/plan.py", "See the plan and workload", ":material/assignment:"),
    ("pages/constraints.py", "Tweak capacity and rules", ":material/tune:"),
    ("pages/data.py", "Edit or upload the data", ":material/table:"),
    ("pages/export.py", "Export the plan", ":material/download:"),
)
# Each link as wide as its words (and its icon): four equal columns cut the first at 1280 px
# beside the open sidebar ("See the plan and workloac").
with st.container(key=PAGE_LINKS):
    for column, (file, label, icon) in zip(
        st.columns([len(label) + 4 for _, label, _ in next_pages]), next_pages, strict=True
    ):
        column.page_link(file, label=label, icon=icon)

# Goals
st.subheader("Goals and planned attainment")
if not problem.goals:
    # In a leader's words: "priority points" and "the plan's score" are the planner's.
    by_value = (
        "so the plan puts first the projects of highest value (each project's Value on the "
        "Data page, read as its priority)"
        if problem.settings.weights.value > 0
        else "and no project's value counts, so the plan only spreads the work evenly and "
        "fits skills (to put first the projects of highest value, set Value under Advanced "
        "on the Constraints page)"
    )
    st.info(
        f"This quarter has no goals (goals.csv is empty or absent), {by_value}. Add goals "
        "with KPI targets on the Data page to plan for attainment and see the odds of each "
        "target.",
        icon=":material/info:",
    )
planned = [goal_amount_value(g.planned, g.target) for g in m.goals]
table = pd.DataFrame(
    {
        "Goal": [g.name for g in m.goals],
        "KPI": [g.kpi or "" for g in m.goals],
        "Owner": [g.owner.capitalize() for g in m.goals],
        GOAL_WEIGHT: [float(g.weight) for g in m.goals],
        # At the planned figure's precision, as the workbook's Goals sheet: a re-plan's
        # target left of 31.5 read "32" beside 20.3 planned.
        "Target": [goal_row_values(g.target, p)[0] for g, p in zip(m.goals, planned, strict=True)],
        "Planned": planned,
        # As every page shows it: one decimal, and a goal short of its target never 100 %.
        "Attainment": [percent_value(g.percent) for g in m.goals],
        "Projects": [f"{g.num_planned} of {g.num_projects}" for g in m.goals],
    }
)
#: The goals table's columns: the figures a leader reads first, then the KPI's unit, the
#: owner and the weight.
GOALS_ORDER = (
    "Goal",
    "Target",
    "Planned",
    "Attainment",
    "Chance",
    "KPI",
    "Owner",
    GOAL_WEIGHT,
    "Projects",
)
odds = remembered(goal_odds, problem, plan) if plan is not None else None
odds_frame = odds_table(problem, plan)
uncertain = bool(odds_frame["uncertain"].any())
if uncertain:
    table.insert(7, "Chance", [chance(p / 100) for p in odds_frame["probability"]])
# Rows tall enough to wrap the longest goal name (its column holds some 28 characters a
# line): "Expansion ARR (net revenue reter..." stopped at the column's edge at 1280 px.
tall = wrapping_rows((table["Goal"], 28))
# No goals: the note above says so, with no empty table under it.
if len(table):
    st.dataframe(
        table,
        hide_index=True,
        row_height=tall,
        height=rows_height(len(table), tall),
        # The figures first: at 1024 px beside the open sidebar the last columns scroll out of
        # sight, and Planned, Attainment and Chance were among them.
        column_order=[c for c in GOALS_ORDER if c in table.columns],
        column_config={
            # Every column within 764 px, the page's width at 1024 px beside the open sidebar
            # (tests/app/test_narrow_window.py); a longer goal name wraps (``tall``), and so
            # would a word wider than its column, broken inside: Owner at 70 px read "Marketin"
            # over "g" (tests/app/test_browser_words_whole.py).
            "Goal": st.column_config.TextColumn("Goal", width=196),
            "KPI": st.column_config.TextColumn("KPI", width=94),
            "Owner": st.column_config.TextColumn("Owner", width=80),
            GOAL_WEIGHT: st.column_config.NumberColumn(
                GOAL_WEIGHT, format="%g", width=50, help=GOAL_WEIGHT_HELP
            ),
            "Target": st.column_config.NumberColumn("Target", format=GROUPED_FIGURE, width=78),
            "Planned": st.column_config.NumberColumn("Planned", format=GROUPED_FIGURE, width=80),
            # A figure, no bar: beside "106.7 %" a 75 px column left a bar of 5 px, a dot for
            # 46.0 % and 106.7 % alike (the chart below draws the attainment to scale).
            "Attainment": st.column_config.NumberColumn("Attainment", format="%.1f %%", width=75),
            "Projects": st.column_config.TextColumn(
                "Projects", width=56, help="Projects in the plan, of the goal's projects"
            ),
            "Chance": st.column_config.TextColumn(
                "Chance",
                width=55,
                help="Chance of reaching the target, given each project's range of impact.",
            ),
        },
        width="stretch",
    )
# A goal of whole units read with a decimal (26.3 of 40 new customers) says why.
if (why_a_decimal := decimals_words(problem, plan, m.goals)) is not None:
    st.caption(f"{WHY_A_DECIMAL}: {md(why_a_decimal)}")
# Under the goals, each one short of its target: the left-out projects that would close its
# gap, what each adds and what keeps it out (a met goal shows nothing).
for gap in (remembered(goal_gaps, problem, plan) if plan is not None else {}).values():
    with st.expander(f"What would close the gap: {md(gap.name)}, {md(gap.short_words)}"):
        lines = gap.lines()
        if gap.projects:  # each project a line, then what it takes; the caution below them
            st.markdown("\n".join(f"- {md(line)}" for line in lines[:-2]))
            st.markdown(md(lines[-2]))
            st.caption(md(lines[-1]))
        else:
            st.markdown(md(lines[0]))
        if result.plan is not None:  # what more hours of a team it names would buy
            show_hours_offers(problem, result, gap)

st.subheader("Odds of hitting each target")
if not problem.goals:
    st.caption("No goals, so no targets to have odds of.")
elif plan is None:
    st.caption("No plan, so no odds yet: the status above says what stands in the way.")
elif not uncertain:
    st.caption(
        "Every project's impact is a single number, so each goal is either reached or not. "
        "Give projects a range (the Data page's Projects table: "
        f"{odds_charts.RANGE_HEADINGS[0]} and {odds_charts.RANGE_HEADINGS[1]}) to see the odds."
    )
else:
    st.caption(md(odds_charts.odds_from(odds_frame)))
    odds_left, odds_right = st.columns([1, 1], gap="large")
    with odds_left:
        show_chart(
            odds_charts.odds_chart(odds_frame),
            width="stretch",
            alt="Each goal's range of outcomes against its target",
        )
    with odds_right:
        st.markdown(odds_list(odds_frame))
        why = odds_charts.estimate_and_typical(odds_frame)
        if why:
            st.caption(md(why))
        confidence = float(problem.settings.weights.confidence)
        for advice in odds_charts.odds_advice(odds_frame, confidence):
            st.markdown(md(advice))
    assert odds is not None
    st.markdown("**Which projects' uncertainty matters most**")
    in_doubt = [g for g in problem.goals if odds[g.goal_id].uncertain]
    # The goal the advice above points at ("the table below"), first.
    watch = odds_charts.goal_to_watch(odds_frame)
    chosen = st.selectbox(
        "Goal",
        in_doubt,
        index=next((i for i, g in enumerate(in_doubt) if g.goal_id == watch), 0),
        format_func=lambda g: g.name,
        key="odds-goal",
        label_visibility="collapsed",
    )
    if chosen is not None:
        # The range's unit ("10,000 / 22,000 / 40,000" read without one), and the estimates
        # that are a team's own, not the Projects table's.
        st.caption(
            md(odds_charts.drivers_caption(problem, plan, chosen.goal_id, odds[chosen.goal_id]))
        )
        drivers = odds_charts.drivers_frame(problem, odds[chosen.goal_id])
        st.dataframe(
            drivers,
            hide_index=True,
            # The project's name first, its id after it, as the Plan page's tables read.
            column_order=["project", "project_id", "low", "value", "high", "share"],
            column_config={
                # Within the 764 px of a 1024 px window beside the open sidebar; at 1280 px
                # the extra room makes the longest names whole (double-click a cut cell).
                "project_id": st.column_config.TextColumn("ID", width=52),
                "project": st.column_config.TextColumn("Project", width=346),
                "low": st.column_config.NumberColumn("Low", format=GROUPED_FIGURE, width=74),
                "value": st.column_config.NumberColumn("Estimate", format=GROUPED_FIGURE, width=74),
                "high": st.column_config.NumberColumn("High", format=GROUPED_FIGURE, width=74),
                # Its heading within its 140 px: "Share of the uncertainty" read "Share of
                # the uncertaint" (tests/app/test_browser_words_whole.py).
                "share": st.column_config.ProgressColumn(
                    "Share of uncertainty",
                    width=140,
                    min_value=0.0,
                    max_value=100.0,
                    format="%.1f %%",  # as every share and percentage: one decimal
                    help=odds_charts.SHARE_OF_UNCERTAINTY,
                ),
            },
        )

if plan is not None:  # without one, an empty chart under "No plan, so no odds yet"
    show_chart(
        charts.goal_attainment_chart(remembered(plan_frames.goal_attainment_frame, problem, plan)),
        width="stretch",
        alt="Goal attainment against target, split by department",
    )
