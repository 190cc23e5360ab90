"""Overview: the quarter's goals, how far the plan gets them, and what to do next."""

from __future__ import annotations

import math

import streamlit as st

from pages.common import (
    current_problem,
    current_result,
    data_source,
    md,
    require_router,
    show_status,
)
from planner.core.uncertainty import goal_odds
from planner.interfaces import charts, odds_charts
from planner.scenarios.relative import floor_percent

require_router()
problem = current_problem()
result = current_result()
plan = result.plan

st.title("Overview")
st.caption(
    f"{len(problem.goals)} goals · {len(problem.projects)} proposed projects · "
    f"{len(problem.teams)} teams · data: {md(data_source())}"
)
show_status(result)

# Headline figures
departments = charts.department_load_frame(problem, plan).set_index("department")
num_assigned = len(plan.owners()) if plan is not None else 0
num_unassigned = len(plan.unassigned) if plan is not None else len(problem.projects)
num_mandatory = sum(1 for p in problem.projects if p.mandatory)
goals = charts.goal_frame(problem, plan)
num_met = int((goals["attainment"] >= 1).sum())
weighted_attainment = (
    (goals["attainment"].clip(upper=1) * goals["weight"]).sum() / goals["weight"].sum()
    if len(goals)
    else 0.0
)

shares = departments["effort_share"]
cols = st.columns(4)
cols[0].metric(
    "Projects in the plan",
    f"{num_assigned:,}",
    delta=f"of {len(problem.projects):,} · {num_unassigned:,} left out",
    delta_color="off",
    delta_arrow="off",
    help=(
        f"All {num_mandatory} mandatory projects are in; each project left out has its "
        "reason on the Plan page."
        if plan is not None
        else None
    ),
    border=True,
)
cols[1].metric(
    "Goals at target",
    f"{num_met} of {len(goals)}" if len(goals) < 100 else f"{num_met}",
    # Weighted by the goals' weights, as on the Scenarios page and in the objective.
    delta=f"{floor_percent(100 * weighted_attainment)} weighted attainment" if len(goals) else None,
    delta_color="off",
    delta_arrow="off",
    help="Goals whose planned contribution reaches the target (attainment capped at 100 %).",
    border=True,
)
for col, department in zip(cols[2:], charts.DEPARTMENT_ORDER, strict=True):
    row = departments.loc[department]
    share = row["effort_share"]
    col.metric(
        f"{department.capitalize()} utilisation",
        f"{row['utilisation']:.0%}" if row["available_hours"] > 0 else "no capacity",
        delta=f"{share:.0%} of the plan's effort" if share == share else "no planned effort",
        delta_color="off",
        delta_arrow="off",
        help=(
            f"{row['planned_hours']:,.0f} h planned of {row['available_hours']:,.0f} h "
            f"across {row['num_teams']} teams. The plan's effort splits "
            f"{shares['marketing']:.0%} marketing / {shares['sales']:.0%} sales."
        ),
        border=True,
    )

# Goals
st.subheader("Goals and planned attainment")
table = goals[
    ["goal", "kpi", "owner", "weight", "target", "planned_value", "attainment", "num_assigned"]
].copy()
# Rounded down: a goal at 99.6 % of its target must not read 100 %.
table["attainment"] = (100 * table["attainment"]).apply(math.floor)
table["num_assigned"] = [
    f"{a} of {n}" for a, n in zip(goals["num_assigned"], goals["num_projects"], strict=True)
]
odds = goal_odds(problem, plan) if plan is not None else None
odds_table = odds_charts.odds_frame(problem, plan, odds)
uncertain = bool(odds_table["uncertain"].any())
if uncertain:
    table.insert(7, "probability", odds_table["probability"].to_numpy())
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "goal": st.column_config.TextColumn("Goal", width="medium"),
        "kpi": "KPI",
        "owner": "Owner",
        "weight": st.column_config.NumberColumn("Weight", format="%g"),
        "target": st.column_config.NumberColumn("Target", format="localized"),
        "planned_value": st.column_config.NumberColumn("Planned", format="localized"),
        "attainment": st.column_config.ProgressColumn(
            "Attainment", min_value=0.0, max_value=100.0, format="%.0f%%"
        ),
        "num_assigned": st.column_config.TextColumn("Projects in plan"),
        "probability": st.column_config.ProgressColumn(
            "Chance to reach",
            min_value=0.0,
            max_value=100.0,
            format="%.0f%%",
            help="Chance of reaching the target, given each project's range of impact.",
        ),
    },
)

st.subheader("Odds of hitting each target")
if not uncertain:
    st.caption(
        "Every project's impact is a single number, so each goal is either reached or not. "
        "Give projects a range (value_low and value_high in projects.csv) to see the odds."
    )
else:
    odds_left, odds_right = st.columns([1, 1], gap="large")
    with odds_left:
        st.altair_chart(
            odds_charts.odds_chart(odds_table),
            width="stretch",
            alt="Each goal's range of outcomes against its target",
        )
    with odds_right:
        st.markdown(
            "\n".join(
                f"- **{md(row.goal)}**: {md(row.words)}"
                for row in odds_table.itertuples(index=False)
            )
        )
    assert odds is not None
    st.markdown("**Which projects' uncertainty matters most**")
    in_doubt = [g for g in problem.goals if odds[g.goal_id].uncertain]
    chosen = st.selectbox(
        "Goal",
        in_doubt,
        format_func=lambda g: g.name,
        key="odds-goal",
        label_visibility="collapsed",
    )
    if chosen is not None:
        drivers = odds_charts.drivers_frame(problem, odds[chosen.goal_id])
        st.dataframe(
            drivers,
            hide_index=True,
            column_config={
                "project_id": "ID",
                "project": st.column_config.TextColumn("Project", width="large"),
                "low": st.column_config.NumberColumn("Low", format="localized"),
                "value": st.column_config.NumberColumn("Estimate", format="localized"),
                "high": st.column_config.NumberColumn("High", format="localized"),
                "share": st.column_config.ProgressColumn(
                    "Share of the uncertainty",
                    min_value=0.0,
                    max_value=100.0,
                    format="%.0f%%",
                    help="The project's part of the spread (variance) of the goal's outcome: "
                    "narrowing the widest ranges first does the most for the odds.",
                ),
            },
        )

left, right = st.columns([1, 1], gap="large")
with left:
    st.altair_chart(
        charts.goal_attainment_chart(charts.goal_attainment_frame(problem, plan)),
        width="stretch",
        alt="Goal attainment against target, split by department",
    )
with right:
    st.subheader("What to do next")
    st.markdown(
        "\n".join(
            f"{i}. {md(step)}" for i, step in enumerate(charts.next_steps(problem, result), 1)
        )
    )
    st.page_link("pages/plan.py", label="See the plan and workload", icon=":material/assignment:")
    st.page_link("pages/constraints.py", label="Tweak capacity and rules", icon=":material/tune:")
    st.page_link("pages/data.py", label="Edit or upload the data", icon=":material/table:")
    st.page_link("pages/export.py", label="Export plan.csv", icon=":material/download:")
