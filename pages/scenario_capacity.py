"""The Scenarios page's "Capacity what-ifs" tab: a capacity sweep and each team's marginal value.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. The solves are
:mod:`planner.scenarios.whatif`'s, the rows and charts
:mod:`planner.interfaces.scenario_charts`'; this lays them out. A sweep runs against the
current plan, so its table counts each point's changes and added projects, as
``planner scenarios sweep`` lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from pages.common import fingerprint
from pages.ui import md, show_chart
from planner import Problem, Result
from planner.core.domain import DEPARTMENTS
from planner.core.shared_words import CURRENT_PLAN
from planner.core.shown_figures import capitalised
from planner.interfaces import scenario_charts as charts
from planner.interfaces.next_steps import (
    best_capacity,
    measured_from_words,
    nothing_planned,
    pays_most,
    ranking_lines,
)
from planner.scenarios.labels import department_label
from planner.scenarios.whatif import (
    SWEEP_BUDGET_S,
    MarginalReport,
    capacity_targets,
    cut_short_line,
    marginal_values,
    multipliers_between,
    sweep,
)

_SWEEP = "scenario_sweep"
#: The plan a sweep counts its changes against, as this page names it ("% of the current
#: plan's"): the plan the cards show, a what-if kept close included.
_MARGINAL = "scenario_marginal"


def capacity_ranking(problem: Problem) -> MarginalReport | None:
    """The ranking of capacity what-ifs the leader ran for these inputs, if any: the
    Overview's step on full teams takes its answer instead of a second opinion."""
    stored = st.session_state.get(_MARGINAL)
    if stored is None or stored[0] != fingerprint(problem):
        return None
    report: MarginalReport = stored[1]
    return report


def target_label(problem: Problem, target: str) -> str:
    """ "All of Marketing", or the team's name (with its id only if two teams share it)."""
    if target in DEPARTMENTS:
        return f"All of {department_label(target)}"
    name = problem.team(target).name
    shared = sum(team.name == name for team in problem.teams) > 1
    return f"{name} ({target})" if shared else name


def _progress_bar(text: str) -> tuple[Any, Callable[[int, int], None]]:
    bar = st.progress(0.0, text=text)

    def update(done: int, total: int) -> None:
        bar.progress(done / total, text=f"{text} {done}/{total} planned")

    return bar, update


def show_capacity_whatifs(problem: Problem, result: Result, *, charted: bool = True) -> None:
    """The sweep of one department's or team's capacity, then every team's marginal value;
    their charts only when ``charted`` (the tab is open: a closed tab's chart is not drawn)."""
    key = fingerprint(problem)
    _show_sweep(problem, result, key, charted)
    st.divider()
    _show_marginal_values(problem, result, key, charted)


def _show_sweep(problem: Problem, result: Result, key: str, charted: bool) -> None:
    """Pick whose capacity and the range, run the sweep, and show the last one run on these
    inputs (kept in the session: its chart and table survive the page's reruns)."""
    st.markdown(
        "**What if a team had more or fewer hours?** Plan the current inputs with one "
        "department's or team's capacity scaled, step by step."
    )
    sweep_cols = st.columns([2, 3, 1])
    target = sweep_cols[0].selectbox(
        "Whose capacity",
        capacity_targets(problem),
        format_func=partial(target_label, problem),
        key="sweep-target",
    )
    low, high = sweep_cols[1].slider(
        # As the what-if under a saved scenario says "% of this scenario's": "% of today"
        # beside it named no plan.
        "Capacity range (% of the current plan's)",
        30,
        200,
        (70, 130),
        5,
        format="%d %%",
        key="sweep-range",
    )
    # No min_value or max_value: the browser kept 20 typed on screen in red and never sent
    # it, so "Plan each step" planned 7 steps beside a box reading 20.
    steps = sweep_cols[2].number_input("Steps", value=7, step=1, key="sweep-steps")
    if not 2 <= steps <= 15:
        st.error(md(f"Steps: {steps} is out of range; use a whole number from 2 to 15."))
        return
    factors = multipliers_between(low / 100, high / 100, int(steps))
    request = (key, target, tuple(factors))
    if st.button("Plan each step", type="primary", key="sweep-run", icon=":material/show_chart:"):
        bar, update = _progress_bar("Planning")
        points = sweep(
            problem,
            target,
            factors,
            budget_s=SWEEP_BUDGET_S,
            progress=update,
            baseline=result.plan,
        )
        bar.empty()
        st.session_state[_SWEEP] = (request, points)
    stored = st.session_state.get(_SWEEP)
    if stored is None or stored[0][0] != key:
        return
    (_, swept_target, _), points = stored
    # Against the current plan, as the sweep ran: each point's changes and additions. Named
    # "the current plan", the one the cards show: after a what-if kept close, "the plan in
    # force" is the Constraints page's plan before it, whose changes its lines count (a
    # sweep's "1 change" at 100 % beside that page's "move 1, drop 8" for the same plan).
    frame = charts.sweep_frame(points, problem, result.plan, CURRENT_PLAN, reader="app")
    chart_target = (
        department_label(swept_target)
        if swept_target in DEPARTMENTS
        else problem.team(swept_target).name
    )
    if charted:
        show_chart(charts.sweep_chart(frame, chart_target), width="content")
    if any(p.carried_from is not None for p in points):
        st.caption(
            # Planning, as the button ("Plan each step") and the progress bar say it.
            "Where planning a step ran out of time with a worse plan than a step with less "
            "capacity, that plan is shown instead: it fits the larger capacity too."
        )
    _show_sweep_table(frame, against_plan=result.plan is not None)
    # Under the table, as the command line says it under its own.
    if cut := cut_short_line(points, f"{SWEEP_BUDGET_S:g} s", "Plan fewer steps."):
        st.caption(md(cut))


def _show_sweep_table(frame: pd.DataFrame, *, against_plan: bool) -> None:
    """The sweep's points, one row each; the changes and added columns only when the sweep
    ran against a current plan."""
    # A step without a plan read "None" (the table's empty cell) beside its "–" attainment.
    left_out = [
        "–" if pd.isna(n) else f"{int(n):,}"
        for n in frame["unassigned"]  # 1,204, as counted
    ]
    st.dataframe(
        # Goal attainment as every page writes it (94.6 %, never rounded up to 100 %).
        frame.assign(unassigned=left_out),
        hide_index=True,
        column_order=[
            "capacity_pct",
            "capacity_text",
            "attainment_text",
            "unassigned",
            *(["changes", "added"] if against_plan else []),
            "status_words",
            "note",
        ],
        column_config={
            "capacity_pct": st.column_config.NumberColumn("Capacity", format="%g %%"),
            # Hours and attainment as every page writes them (3,850 h; 94.6 %).
            "capacity_text": st.column_config.TextColumn("Hours"),
            "attainment_text": st.column_config.TextColumn("Goal attainment"),
            "unassigned": st.column_config.TextColumn("Left out"),
            "changes": st.column_config.NumberColumn(
                "Changes",
                format="%d",
                help=f"Projects of {CURRENT_PLAN} (the one the Overview shows) moved to "
                "other teams or left out of the plan",
            ),
            "added": st.column_config.NumberColumn(
                "Added",
                format="%d",
                help=f"Projects {CURRENT_PLAN} does not have (not a change)",
            ),
            "status_words": "Outcome",
            "note": "Note",
        },
    )


def _show_marginal_values(problem: Problem, result: Result, key: str, charted: bool) -> None:
    """Rank the teams by what 10 % more hours would do, and show the last ranking run on
    these inputs: the headline, the chart of the top teams and the numbers."""
    st.markdown(
        "**Where extra hours pay most:** for every team, what 10 % more hours would do "
        "for the plan, the others unchanged. Where does an extra hire pay most?"
    )
    if st.button("Rank the teams", key="marginal-run", icon=":material/leaderboard:"):
        bar, update = _progress_bar("Planning")
        base: Result | None = result if result.status.has_plan else None
        ranked = marginal_values(
            problem,
            0.10,
            base=base,
            budget_s=SWEEP_BUDGET_S,
            progress=update,
            baseline=result.plan,
        )
        bar.empty()
        st.session_state[_MARGINAL] = (key, ranked)
    report = capacity_ranking(problem)
    if report is None:
        return
    frame = charts.marginal_frame(report)
    # In the Overview's words too (next_steps): one answer to where hours pay most.
    if (best := best_capacity(report)) is not None:
        st.success(
            f"Extra capacity pays most in **{md(best.name)}**: {pays_most(best)}.",
            icon=":material/trending_up:",
        )
    # The sentence a VP reads beside the chart: each department's team that gains most, or
    # why none of its teams gains (the chart alone showed the sales teams at 0 unexplained).
    plan = result.plan if result.status.has_plan else None
    for line in ranking_lines(problem, plan, report, besides_best=best is not None):
        st.markdown(md(line))
    if (measured := measured_from_words(report)) is not None:
        # A plan kept close: the gains are not measured from it (`scenarios marginal` too).
        st.caption(md(capitalised(measured)) + ".")
    # Ranked best first; none when nothing was planned ("the 20 teams where capacity pays
    # most" was said over bars of 0 no plan had measured).
    top = frame.head(0 if nothing_planned(report) else charts.MAX_CHART_ROWS)
    if charted and len(top):
        show_chart(charts.marginal_chart(top, report.step), width="stretch")
    if 0 < len(top) < len(frame):
        st.caption(f"The {len(top)} teams (of {len(frame)}) where capacity pays most.")
    _show_marginal_numbers(frame)


def _show_marginal_numbers(frame: pd.DataFrame) -> None:
    """The ranking's figures, with the plan's score gain, folded away."""
    with st.expander("Advanced: the numbers, with the plan's score gain"):
        # Every column within the page at 1024 px: short headings, their units in their
        # help, and an Outcome every team shares said once above the table ("Score
        # gain per 100 …" was cut, its figures and Outcome out of sight, at 1280 px).
        outcomes = frame["status_words"].unique()
        if len(outcomes) == 1:
            st.caption(f"Outcome, for every team: {md(str(outcomes[0]))}.")
        # Headings in words and figures as the page writes them (59 h, +1.0 pts): it
        # showed the frame's own columns (extra_hours 59.0746, attainment_points 0.9557).
        st.dataframe(
            frame,
            hide_index=True,
            column_order=[
                "rank",
                "team",
                "department_words",
                "extra_text",
                "attainment_text",
                "gain",
                "gain_per_100_hours",
                *(["status_words"] if len(outcomes) > 1 else []),
            ],
            column_config={
                "rank": st.column_config.NumberColumn("Rank", format="%d"),
                "team": "Team",
                "department_words": "Department",
                "extra_text": "Extra hours (+10 %)",
                "attainment_text": "Goal attainment gained",
                "gain": st.column_config.NumberColumn(
                    "Score gain",
                    format="%.2f",
                    # As `planner scenarios marginal` heads the column ("score gain"):
                    # "the optimizer's score, for specialists" was not a leader's figure.
                    help="What the plan's score gains: goal attainment × how much each goal "
                    "matters, with small adjustments for even workloads and skill fit.",
                ),
                "gain_per_100_hours": st.column_config.NumberColumn(
                    "Per 100 h",
                    format="%.2f",
                    help="The score gain for each 100 extra hours",
                ),
                "status_words": "Outcome",
            },
        )
