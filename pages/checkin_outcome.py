"""The Check-in page's re-plan outcome: its cards and figures (one line of them pops up in
view), the re-plan's downloads, each goal at the end of the quarter, the odds, and the
changes against the baseline.

Not a page: app.py routes only the pages in ``pages.common.PAGES``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from pages.checkin_diff import show_diff
from pages.common import current_problem, remembered
from pages.solving import current_result
from pages.ui import (
    GROUPED_FIGURE,
    made_file_button,
    md,
    rows_height,
    wrapped_table,
    wrapping_rows,
)
from planner import Plan, Problem, Result
from planner.core.shared_words import CARRIED_ON, WITH_REPLAN, plural
from planner.core.shown_figures import percent, points_between
from planner.core.uncertainty import goal_odds
from planner.core.workbook import XLSX_MIME
from planner.interfaces import odds_changes
from planner.interfaces.checkin_tables import forecast_frame
from planner.interfaces.replan_exports import replan_workbook, rest_of_quarter_csv_text
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.checkin_goals import (
    GoalForecast,
    GoalProgress,
    pace_words,
    quarter_attainment,
    quarter_forecast,
)
from planner.scenarios.metrics import result_metrics
from planner.scenarios.plan_change import of_what_was_left, replan_apart
from planner.scenarios.quarter_end import NOTHING_LEFT, quarter_end
from planner.scenarios.replan_diff import COUNTED_CHANGES, ChangeKind, ReplanDiff, dropped_heading
from planner.scenarios.replan_idle import helped_goals, idle_explanations
from planner.scenarios.why_a_decimal import WHY_A_DECIMAL, forecast_decimals_words

#: What a reload keeps of a check-in: the records typed (kept where scenarios are kept, for
#: this browser and plan), not the re-plan, until the check-in is saved as a scenario.
CHECKIN_KEPT_WORDS = (
    "What you record here is kept for this browser and plan: a reload of the tab puts it "
    "back (press Re-plan again), until **Reset to the plan for this week** starts it again. "
    "Save it at the foot of the page, after the re-plan, to keep it as a scenario on the "
    "Scenarios page; records left unsaved for a month are dropped."
)
#: The same where the app cannot tell one browser from another (``streamlit run app.py``
#: gives no browser its mark): records kept for any browser would fill a colleague's tables.
CHECKIN_TAB_WORDS = (
    "What you record here lives in this tab until you save it (at the foot of the page, "
    "after the re-plan): a reload of the tab starts the check-in again from the plan."
)

#: The button at the quarter's last week: nothing is re-planned, the quarter's end recorded.
RECORD_END = "Record how the quarter ended"


def show_quarter_end(
    problem: Problem, progress: tuple[GoalProgress, ...], checkin: CheckIn
) -> None:
    """A check-in at the quarter's last week: how many goals were met, the quarter's goal
    attainment, each goal's KPI against its target, and that nothing is left to re-plan,
    in ``planner checkin``'s words (:mod:`planner.scenarios.quarter_end`)."""
    end = quarter_end(problem, progress)
    weeks = (float(checkin.weeks_elapsed), float(checkin.quarter_weeks))
    st.markdown(md(end.headline(*weeks)))
    if end.goals:
        st.markdown("\n".join(f"- {md(g.line())}" for g in end.goals))
    st.caption(NOTHING_LEFT)


def replan_odds(
    problem: Problem, checkin: CheckIn, replan: Problem, carried: Plan, plan: Plan
) -> pd.DataFrame:
    """Each goal's chance of reaching its quarter target, the baseline carried on and the
    re-plan (:func:`planner.interfaces.odds_changes.replan_odds_frame`), from the check-in's
    own figures: one argument per object the session keeps, for ``remembered``."""
    return odds_changes.replan_odds_frame(
        problem, checkin.achieved, replan, carried, plan, recorded=checkin.recorded
    )


def odds_captions(
    problem: Problem, base_plan: Plan, checkin: CheckIn, as_planned: CheckIn, odds: pd.DataFrame
) -> None:
    """The odds table's captions: why odds narrow mid-quarter, and why a goal whose KPI so
    far is still the pre-fill reads a lower chance than the Overview's
    (:func:`~planner.interfaces.odds_changes.prefilled_odds_note`)."""
    if why := odds_changes.mid_quarter_odds(checkin):
        st.caption(why)  # why lower than the Overview's
    at_start = remembered(goal_odds, problem, base_plan)  # the Overview's, shared with it
    if note := odds_changes.prefilled_odds_note(odds, at_start, checkin, as_planned):
        st.caption(md(note))


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
    problem: Problem,
    checkin: CheckIn,
    rest: Problem,
    result: Result,
    carried: Plan | None,
    built_on: str | None,
    baseline: Plan,
    diff: ReplanDiff,
) -> DeltaGenerator | None:
    """The re-plan of the weeks left as plan.csv and plan.xlsx, side by side (``carried``:
    the baseline carried on, the workbook's "If we carry on"; ``built_on``: its Summary's
    "Built on" row, as the Export page's plan.xlsx has one; ``baseline`` and ``diff``: the
    plan checked in on and the re-plan against it, for the CSV's rows of the projects done
    or dropped and what the check-in did to each): plan.csv, and the place
    :func:`replan_workbook_button` fills with plan.xlsx."""
    plan: Plan | None = result.plan
    if plan is None:
        return None
    csv_column, xlsx_column = st.columns(2)
    csv_column.download_button(
        f"Download {_what_is_written(checkin)} (rest-of-quarter.csv)",
        # As planner checkin --out writes it: each row under its goal, a row for each
        # project done or dropped at the check-in too, and what the check-in did to it.
        rest_of_quarter_csv_text(problem, rest, plan, baseline, checkin, diff).encode("utf-8"),
        file_name="rest-of-quarter.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",  # no rerun: it would lose the next file
        key="checkin-replan-csv",
        help="The re-plan as plan.csv lays it out, as planner checkin --out writes it.",
    )
    # Made after the rest of the outcome is drawn (show_replan_outcome), in this place.
    return xlsx_column.empty()


def replan_workbook_button(
    slot: DeltaGenerator,
    problem: Problem,
    checkin: CheckIn,
    rest: Problem,
    result: Result,
    carried: Plan | None,
    built_on: str | None,
    odds: pd.DataFrame,
    baseline: Plan,
    diff: ReplanDiff,
    progress: tuple[GoalProgress, ...] = (),
) -> None:
    """The re-plan as plan.xlsx in ``slot`` (:func:`replan_downloads`' place for it), made
    as the page is drawn, once per re-plan, and a workbook the server cannot make said
    there (:func:`pages.ui.made_file_button`), not on the click where a failure said only
    Streamlit's "Failed to generate file for download". ``odds``: the page's
    (:func:`replan_odds`), not simulated again for the workbook; ``baseline`` and ``diff``:
    as :func:`replan_downloads` has them, its Plan sheet the CSV's rows; ``progress``: each
    goal's pace at the check-in, worded on its Quarter end sheet as on the chart."""
    # Pairs, not a dict: remembered compares a tuple of words by value, a dict by identity.
    paces = tuple((g.goal_id, pace_words(g)) for g in progress) if progress else None
    made = (problem, checkin, rest, result, carried, baseline, diff, built_on, odds, paces)
    made_file_button(
        slot,
        partial(remembered, replan_workbook, *made),
        "The re-plan's plan.xlsx",
        "Its plan.csv beside it holds the same re-plan.",
        label=f"Download {_what_is_written(checkin)} (rest-of-quarter.xlsx)",
        file_name="rest-of-quarter.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        key="checkin-replan-xlsx",
        help="The re-plan as a workbook: its Summary heads the quarter's end, then the weeks "
        "left; each goal at the quarter's end (as the table below), the plan, goals, team "
        "load, weekly load and projects left out.",
    )


def _what_is_written(checkin: CheckIn) -> str:
    # At the quarter's end nothing is re-planned: the files are how the quarter ended.
    return "how the quarter ended" if checkin.elapsed_share >= 1 else "the re-plan"


#: The two chances of the odds table: the baseline carried on, and the re-plan (shown
#: first, as the forecast above it and the re-plan's workbook lead with it).
ODDS_COLUMNS = (CARRIED_ON, WITH_REPLAN)


def show_replan_outcome(
    problem: Problem,
    current_replan: dict[str, Any],
    progress: tuple[GoalProgress, ...],
    unlocked: frozenset[str],
    base_plan: Plan,
    as_planned: CheckIn,
    built_on: str | None = None,
) -> None:
    """A re-plan that found a plan: its cards, each goal at the end of the quarter, the
    odds, and what it changes against the baseline (``current_replan``, as the page keeps
    it; ``progress``: each goal's pace at the check-in; ``base_plan``: the baseline, and
    ``as_planned``: its pre-fill, the check-in as if everything went to plan; ``built_on``:
    what the baseline is built on, for the workbook)."""
    rp, result = current_replan["problem"], current_replan["result"]
    plan: Plan = result.plan
    diff = current_replan["replan"].diff
    forecasts = quarter_forecast(problem, current_replan["checkin"], plan)
    # At the quarter's last week nothing was re-planned: the goals' figures are above
    # (show_quarter_end); no cards of changes and work added, no "achieved + 0" table.
    over = current_replan["checkin"].elapsed_share >= 1
    if not over:
        _cards(problem, current_replan, forecasts)

    # One argument list for both: the slot's workbook is made from the same.
    made_from = (problem, current_replan["checkin"], rp, result, current_replan["replan"].carried)
    xlsx_slot = replan_downloads(*made_from, built_on, base_plan, diff)

    carried_ends = {
        f.goal_id: f
        for f in quarter_forecast(
            problem, current_replan["checkin"], current_replan["replan"].carried
        )
    }
    if over:
        _quarter_end_leftovers(
            current_replan, rp, made_from, built_on, base_plan, xlsx_slot, progress
        )
        return
    busy = current_replan["checkin"].ids_with(ProjectStatus.IN_PROGRESS)
    why_a_decimal = forecast_decimals_words(rp, plan, forecasts, busy)
    _goals_at_end(forecasts, carried_ends, current_replan["replan"].carried_overruns, why_a_decimal)
    # A goal behind that the re-plan gives nothing, whatever else it moves ("Changes 0 of 3" and
    # "no change" in every odds row read as the tool doing nothing): why, and what would help it
    # at what cost, as planner checkin says it.
    if idle := idle_explanations(
        rp,
        plan,
        progress,
        current_replan["checkin"].ids_with(ProjectStatus.IN_PROGRESS) - unlocked,
        helped=helped_goals(rp, diff),
    ):
        st.info("\n\n".join(md(line) for line in idle), icon=":material/info:")

    # Two simulations of 20,000 quarters (a second of CPU at 1,000 planned projects): once
    # per re-plan, not at every rerun of the page.
    odds_change = remembered(
        replan_odds, problem, current_replan["checkin"], rp, current_replan["replan"].carried, plan
    )
    if odds_change["uncertain"].any():
        st.markdown("**Odds of reaching each quarter target**")
        odds_captions(problem, base_plan, current_replan["checkin"], as_planned, odds_change)
        # Chances and changes as every page writes them ("< 1 %", "no change"), wrapped.
        wrapped_table(odds_changes.odds_delta_view(odds_change, *ODDS_COLUMNS, after_first=True))

    names_of = {
        **{t.team_id: t.name for t in rp.teams},
        **{t.team_id: t.name for t in problem.teams},
    }
    _changes(current_replan, names_of)
    if xlsx_slot is not None:  # last: seconds at 150 teams x 1,500 projects, the rest first
        replan_workbook_button(
            xlsx_slot, *made_from, built_on, odds_change, base_plan, diff, progress
        )


def _quarter_end_leftovers(
    current_replan: dict[str, Any],
    rp: Problem,
    made_from: tuple[Any, ...],
    built_on: str | None,
    base_plan: Plan,
    xlsx_slot: DeltaGenerator | None,
    progress: tuple[GoalProgress, ...] = (),
) -> None:
    """At the quarter's end: the work not done by then, and the record's workbook."""
    diff = current_replan["replan"].diff
    if dropped := list(diff.of_kind(ChangeKind.DROPPED)):
        st.markdown(dropped_heading(dropped, current_replan["checkin"]))
        names_of = {t.team_id: t.name for t in (*rp.teams, *made_from[0].teams)}
        mine = current_replan["checkin"].ids_with(ProjectStatus.DROPPED)
        show_diff(dropped, names_of, "checkin-diff-dropped", mine)
    if xlsx_slot is not None:
        problem, checkin, _, result, carried = made_from
        odds = remembered(replan_odds, problem, checkin, rp, carried, result.plan)
        made = (problem, checkin, rp, result, carried)
        replan_workbook_button(xlsx_slot, *made, built_on, odds, base_plan, diff, progress)


def _cards(
    problem: Problem, current_replan: dict[str, Any], forecasts: tuple[GoalForecast, ...]
) -> None:
    """The outcome's four cards (changes, projects added, at quarter end, of what was
    left), its toast once as the re-plan comes in, and the captions under them."""
    rp, result = current_replan["problem"], current_replan["result"]
    budget = rp.baseline.max_changes if rp.baseline else None
    diff = current_replan["replan"].diff
    changed = current_replan["replan"].num_changes
    # The headline is the quarter's, weighted as the Overview's; the re-plan's own score
    # (on what was left of each target) is labelled for what it is beside it.
    quarter_end = quarter_attainment(problem, forecasts)
    rest_score = result_metrics(rp, result).attainment_pct
    outcome = st.columns(4)
    # Card labels short enough for a laptop's quarter-width card (they were cut off with "…").
    outcome[0].metric(
        # What the limit counts (rule 9): a project moved to another team, or baseline work taken
        # out. "Owner changes" read as moves over a change that only took a project out.
        "Changes",
        # "0 of 3" did not say that 3 is the most the re-plan may make: in the words of the
        # slider, the toast and the CLI ("at most 3").
        changed if budget is None else f"{changed} of at most {budget:,}",
        help="Projects of the plan you checked in on moved to another team or taken out of the "
        "plan (the table below)"
        + (f", at most {budget:,} (the limit above)." if budget is not None else "."),
        border=True,
    )
    outcome[1].metric("Projects added", len(diff.of_kind(ChangeKind.ADDED)), border=True)
    if quarter_end is not None:
        outcome[2].metric(
            "At quarter end",
            percent(quarter_end.forecast),
            help=(
                "Each goal's forecast at the end of the quarter (achieved so far + what the "
                "re-plan adds, the table below) as a share of its full target, capped at 100 % "
                "and weighted by goal, as on the Overview: "
                f"{percent(quarter_end.achieved)} achieved so far "
                f"and {points_between(quarter_end.achieved, quarter_end.forecast)} "
                "from the re-plan."
            ),
            border=True,
        )
    if st.session_state.pop("checkin-replan-new", False):  # once, as the re-plan comes in
        num_added = len(diff.of_kind(ChangeKind.ADDED))
        at_end = None if quarter_end is None else quarter_end.forecast
        st.toast(replan_line(changed, budget, num_added, at_end), icon=":material/event_repeat:")
    over = current_replan["checkin"].elapsed_share >= 1  # no weeks left: it read 0.0 %
    outcome[3].metric(
        "Of what was left",
        percent(None if over else rest_score),
        help="No weeks are left in the quarter: nothing is re-planned."
        if over
        else (
            "The re-plan's own attainment, of what was left of each target at the check-in "
            "(each goal weighted by the share of its target still to reach). "
            + (
                f"It is what adds the "
                f"{points_between(quarter_end.achieved, quarter_end.forecast)} to the "
                f"{percent(quarter_end.achieved)} achieved so far."
                if quarter_end is not None
                else ""
            )
        ),
        border=True,
    )
    if not over:  # the card's figure in a sentence a leader reads once
        st.caption(md(of_what_was_left(rest_score)))

    st.caption(
        md(
            replan_apart(
                remembered(result_metrics, current_problem(), current_result()),
                float(current_replan["checkin"].weeks_elapsed),
                float(current_replan["checkin"].quarter_weeks),
            )
        )
    )


def _goals_at_end(
    forecasts: tuple[GoalForecast, ...],
    carried_ends: dict[str, GoalForecast],
    overruns: tuple[str, ...],
    why_a_decimal: str | None = None,
) -> None:
    """Each goal at the end of the quarter, with the re-plan and with the baseline carried
    on (``carried_ends``), and why carrying on is no option when it no longer fits
    (``overruns``); why a whole count reads a decimal (``why_a_decimal``), as the CLI says."""
    st.markdown("**Each goal at the end of the quarter**")
    goals_at_end = forecast_frame(forecasts, carried_ends)
    # 145 px and 90 px: a goal's name and its KPI wrap, not cut, and every column fits at 1,024 px.
    tall = wrapping_rows((goals_at_end["goal"], 21), (goals_at_end["kpi"], 12))
    st.dataframe(
        goals_at_end,
        height=rows_height(len(goals_at_end), tall),
        row_height=tall,
        hide_index=True,
        # The % of target and the baseline's first, as the Overview's Attainment and Chance:
        # at 1,024 px they were behind the scroll bar. Short headings, the words in their help:
        # every column fits a 1280 px laptop beside the open sidebar (test_browser_laptop.py).
        column_order=(
            *(
                "goal",
                "percent",
                "baseline",
                "achieved",
                "still_to_come",
                "forecast",
                "target",
                "kpi",
            ),
        ),
        column_config={
            "goal": st.column_config.TextColumn("Goal", width=145),
            "kpi": st.column_config.TextColumn("KPI", width=90),
            "achieved": st.column_config.NumberColumn(
                "So far", format=GROUPED_FIGURE, help="The KPI achieved so far, as recorded above"
            ),
            "still_to_come": st.column_config.NumberColumn(
                "Re-plan adds",
                format=GROUPED_FIGURE,
                help="What the re-plan delivers in the weeks left",
            ),
            "forecast": st.column_config.NumberColumn(
                "Forecast",
                format=GROUPED_FIGURE,
                help="At the end of the quarter: so far + re-plan adds",
            ),
            "target": st.column_config.NumberColumn("Target", format=GROUPED_FIGURE),
            # "% of target" beside "If we carry on" read as a third figure, not the re-plan's.
            "percent": st.column_config.NumberColumn(
                WITH_REPLAN, format="%.1f %%", help="The forecast, % of target, with the re-plan"
            ),
            "baseline": st.column_config.NumberColumn(
                CARRIED_ON,
                format="%.1f %%",
                help="The forecast, % of target, with the plan you checked in on unchanged",
            ),
        },
        key="checkin-forecast",
    )
    if why_a_decimal is not None:
        # As planner checkin and the re-plan's plan.xlsx say it (6 + 20.3 = 26.3 of 40).
        st.caption(f"{WHY_A_DECIMAL}: {md(why_a_decimal)}")
    if overruns:
        # "If we carry on" read 63.3 % beside the re-plan's 12.5 % as if keeping the plan
        # were an option: the baseline as it was no longer fits the hours left.
        st.caption(
            "**If we carry on** is the plan you checked in on, as it was, and it no longer fits "
            "the hours left: " + "; ".join(md(o) for o in overruns) + ". The re-plan fits them."
        )


def _changes(current_replan: dict[str, Any], names_of: dict[str, str]) -> None:
    """What the re-plan changes against the baseline: the changes the limit counts, the
    work added, the leader's own drops, and on request the projects that stay."""
    rp = current_replan["problem"]
    budget = rp.baseline.max_changes if rp.baseline else None
    diff = current_replan["replan"].diff
    # Changes (rule 9's count: an owner moved, baseline work taken out of the plan) and
    # added work are two different things, shown apart; the leader's own drops a third.
    changes = list(diff.of_kind(*COUNTED_CHANGES))
    added = list(diff.of_kind(ChangeKind.ADDED))
    dropped = list(diff.of_kind(ChangeKind.DROPPED))
    st.markdown(
        f"**Changes: {len(changes)}** · owners moved or planned work taken out of the plan"
        + (f" (at most {budget:,})" if budget is not None else "")
    )
    if changes:
        show_diff(changes, names_of, "checkin-diff-changes")
    elif any(
        c.project_id not in current_replan["checkin"].ids_with(ProjectStatus.DROPPED)
        for c in dropped
    ):
        # "keeps every project of the plan where it is" read beside a project out of the plan
        # because its weeks no longer fit (listed below): true of what it can still run.
        st.success(
            "The re-plan moves no project: every one it can still run stays where it is.",
            icon=":material/check:",
        )
    else:
        st.success(
            "The re-plan keeps every project of the plan where it is.", icon=":material/check:"
        )
    st.markdown(
        f"**Added: {len(added)}** · work the plan you checked in on did not have (not a change)"
    )
    if added:
        show_diff(added, names_of, "checkin-diff-added")
    else:
        st.caption("Nothing added.")
    if dropped:
        # The leader's own drops apart from work the weeks left no longer fit: "Dropped" alone
        # read as if the leader had dropped a project they had only marked not started.
        # Counts only, no user text: Markdown as written (through md() it read "**Out of...**").
        st.markdown(dropped_heading(dropped, current_replan["checkin"]))
        mine = current_replan["checkin"].ids_with(ProjectStatus.DROPPED)
        show_diff(dropped, names_of, "checkin-diff-dropped", mine)
    if st.toggle("Show projects that stay as they are", key="checkin-show-kept"):
        show_diff(
            list(diff.of_kind(ChangeKind.KEPT, ChangeKind.DONE)), names_of, "checkin-diff-kept"
        )
