"""Check-in: record progress mid-quarter, see each goal against target and time, re-plan.

The page only renders and calls ``planner.scenarios.checkin`` (each goal's pace:
``checkin_goals``) and ``planner.scenarios.replan``: a baseline plan (saved or
this session's), the check-in recorded in three editable tables, each goal's
progress, a re-plan within a change budget, the diff against the baseline with
reasons, and a save of the check-in and its re-plan as a child scenario of the
baseline.
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from pages.checkin_baseline import WEEKS, choose_baseline
from pages.checkin_diff import show_diff
from pages.checkin_editors import VERSION, edit_projects, keep_tables, tables_to_edit
from pages.checkin_outcome import replan_downloads, replan_line, replan_odds
from pages.common import current_problem, fingerprint, remembered, require_router
from pages.headline import mark_saved, show_basis
from pages.solving import current_result
from pages.solving import solved as solve_cached
from pages.ui import (
    figure_column,
    md,
    rows_height,
    show_chart,
    show_issues,
    show_next,
    show_status,
    stop_page,
    wrapped_table,
    wrapping_rows,
)
from planner.core.domain import Plan, Problem
from planner.core.errors import InvalidInputError
from planner.core.ranges import MAX_CHANGES, QUARTER_WEEKS, STABILITY
from planner.core.text import percent, points_between
from planner.core.words import CARRIED_ON, OWN_HOURS_LABEL, WITH_REPLAN
from planner.interfaces import odds_charts
from planner.interfaces.checkin_charts import outlook_frame, pace_chart, pace_frame, weeks_label
from planner.interfaces.checkin_tables import (
    HOURS_USED_IN_WEEKS,
    as_typed,
    checkin_from,
    forecast_frame,
    hours_past_capacity,
    prefill_fraction,
    shares_of_one,
    tables_for,
    uncounted_percents,
)
from planner.scenarios.checkin import CHECKIN_FILE, CheckIn, ProjectStatus
from planner.scenarios.checkin_goals import (
    Pace,
    goal_progress,
    quarter_attainment,
    quarter_forecast,
)
from planner.scenarios.checkin_since import taken_back_lines, with_end_weeks_since
from planner.scenarios.checkin_toml import describe_checkin
from planner.scenarios.checkin_words import (
    checkin_problem_lines,
    keep_the_plan_words,
    late_work_lines,
    whole_counts_note,
)
from planner.scenarios.copies import saved_copy
from planner.scenarios.metrics import result_metrics
from planner.scenarios.on_plan import OnPlan, achieved_by_goal, kpi_left_at_pre_fill, on_plan
from planner.scenarios.plan_change import of_what_was_left, replan_apart
from planner.scenarios.replan import replan
from planner.scenarios.replan_diff import COUNTED_CHANGES, ChangeKind, dropped_heading
from planner.scenarios.replan_idle import helped_goals, idle_explanations
from planner.scenarios.scenario import MAX_NOTE_LENGTH, derived_name, new_scenario
from planner.scenarios.storage import StorageError


def _on_plan(
    problem: Problem, plan: Plan, weeks: Decimal, quarter: Decimal, since: CheckIn | None
) -> OnPlan:
    """:func:`~planner.scenarios.on_plan.on_plan`, with ``since`` in place to be ``remembered``.

    The pre-fill and the goals' pace share it: one re-plan (about a second at
    3,000 projects) per weeks elapsed, not one each and at every rerun.
    """
    return on_plan(problem, plan, weeks, quarter, since=since)


require_router()

#: The two chances of the odds table: the baseline carried on, and the re-plan.
ODDS_COLUMNS = (CARRIED_ON, WITH_REPLAN)


# ---------------------------------------------------------------------------
# The baseline
# ---------------------------------------------------------------------------

st.title("Check-in")
show_basis(current_problem())
st.caption(
    "Mid-quarter: record where each project and goal stands, see which goals are behind, "
    "and re-plan the rest of the quarter without throwing the plan in the air. The tables "
    "start as if everything went to plan by the weeks elapsed: change only what differs."
)

baseline, scenarios = choose_baseline()
problem, base_plan = baseline.problem, baseline.plan
teams = {t.team_id: t.name for t in problem.teams}
owners = base_plan.owners()
#: The check-in tables belong to one baseline; another baseline starts them afresh.
TABLES, OWNER = "checkin-tables", "checkin-tables-owner"
owner_key = (baseline.key, fingerprint(problem))


# ---------------------------------------------------------------------------
# The check-in tables
# ---------------------------------------------------------------------------

with st.container(border=True):
    cols = st.columns([1, 1, 2])
    quarter = cols[1].number_input(
        "Weeks in the quarter",
        min_value=float(QUARTER_WEEKS.low),
        max_value=float(QUARTER_WEEKS.high),
        value=float(problem.num_weeks),
        step=1.0,
        format="%g",  # 13 weeks, not 13.00
        key="checkin-quarter",
        # A quarter planned in weeks has its length in the data: another would misread
        # the weeks elapsed (week 3 of 10 is not week 3 of the plan's 13).
        disabled=problem.is_time_phased,
        help=f"Fixed: the plan is laid out over the quarter's {problem.num_weeks} weeks, set "
        "in the data ([calendar] weeks in settings.toml, or the workbook's settings sheet)."
        if problem.is_time_phased
        else None,
    )
    # In weeks the re-plan keeps weeks 1..N as they happened: a check-in ends a whole week.
    whole = problem.is_time_phased
    default = float(int(quarter) // 2) if whole else min(6.5, quarter)
    weeks = cols[0].number_input(
        "Weeks elapsed",
        min_value=0.0,
        max_value=float(quarter),
        value=min(st.session_state.get(WEEKS, default), float(quarter)),
        step=1.0 if whole else 0.5,
        format="%g",  # week 6.5, not 6.50
        key="checkin-weeks",
        help="Whole weeks: the plan's weeks 1 to N are kept as they happened, and weeks "
        "N+1 to the end are re-planned."
        if whole
        else None,
    )
    st.session_state[WEEKS] = weeks
    if whole and weeks != int(weeks):  # typed: the step is a whole week, the box takes any
        st.error(
            f"Week {weeks:g} is part-way through a week: the quarter is planned in whole "
            "weeks, and the re-plan keeps weeks 1 to N as they happened. Give week "
            f"{int(weeks)} (the last week over) or week {int(weeks) + 1}."
        )
        stop_page()
    cols[2].write("")
    prefill = cols[2].button(
        "Reset to the plan for this week",
        help="Statuses, % done, KPIs and hours as the baseline would have them by the weeks "
        "elapsed, replacing your edits (the tables keep them when the weeks elapsed change).",
        key="checkin-prefill",
    )
#: Whether the leader's records differ from the tables' pre-fill (set below, at each run).
EDITED = "checkin-tables-edited"
# The same baseline choice with other inputs (a Data page edit, a what-if): the tables are
# pre-filled again from the new plan, and records the leader had typed are replaced.
refilled = (
    not prefill
    and st.session_state.get(OWNER) not in (None, owner_key)
    and st.session_state[OWNER][0] == baseline.key
    and st.session_state.get(EDITED, False)
)
if prefill or st.session_state.get(OWNER) != owner_key:
    st.session_state[TABLES] = tables_for(
        problem,
        base_plan,
        remembered(
            _on_plan,
            problem,
            base_plan,
            Decimal(str(weeks)),
            Decimal(str(quarter)),
            baseline.since,
        ).typed(problem),
    )
    st.session_state[OWNER], st.session_state["checkin-tables-week"] = owner_key, weeks
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
# Another week elapsed keeps the leader's records: say which week they were pre-filled for.
if (filled := st.session_state.get("checkin-tables-week", weeks)) != weeks:
    st.warning(
        f"The tables were pre-filled for week {filled:g}: press **Reset to the plan for this "
        f"week** to fill them for week {weeks:g}, or keep your own records."
    )
if refilled:
    st.warning(
        "The baseline plan changed since you recorded the check-in (its inputs or settings "
        f"were edited): the tables were pre-filled again from it for week {weeks:g}, and "
        "your records were replaced. Record again what differs from the plan.",
        icon=":material/warning:",
    )
version = st.session_state.get(VERSION, 0)
source = st.session_state[TABLES]
# The figures a leader types as text (TYPED_COLUMNS), as the grids edit them.
typed_source = as_typed(source)
start = as_typed(tables_to_edit(typed_source, version))  # the records as typed, kept

tab_projects, tab_goals, tab_hours = st.tabs(["Projects", "Goals: KPI so far", "Hours used"])
with tab_projects:
    edited_projects = edit_projects(
        start["projects"],
        f"checkin-projects-{version}",
        problem.num_weeks if problem.is_time_phased else None,
    )
with tab_goals:
    filled_for = (Decimal(str(filled)), Decimal(str(quarter)), baseline.since)
    # Tables filled for a week past a quarter shortened since: the warning above says so.
    if filled <= quarter and (
        note := whole_counts_note(problem, remembered(_on_plan, problem, base_plan, *filled_for))
    ):
        st.caption(md(note))
    if (fraction := prefill_fraction(source["goals"])) is not None:
        st.caption(
            "Pre-filled with what the plan's own projects would have delivered by now, pro "
            f"rata: a count can read as a fraction ({md(fraction)}). Type what you reached."
        )
    edited_goals = st.data_editor(
        start["goals"],
        hide_index=True,
        disabled=["goal_id", "goal", "kpi", "target"],
        column_order=["goal", "kpi", "target", "achieved"],
        column_config={
            "goal": st.column_config.TextColumn("Goal", width="large"),
            "kpi": "KPI",
            # Written as "Achieved so far" pre-fills a figure beside it, digits only (it
            # also reads "9,700,000" typed): "11,000,000" sat beside "9700000".
            "target": st.column_config.NumberColumn("Target", format="plain"),
            # No grid minimum: it dropped the minus of "-5" (5 read); the check refuses it.
            # Text: a number grid read "1e12" as 112; the check refuses what is no figure.
            "achieved": figure_column("Achieved so far"),
        },
        key=f"checkin-goals-{version}",
        placeholder="",  # an empty cell reads empty, not "None"
    )
with tab_hours:
    # A VP Sales typed fewer hours for a team behind and re-planned: nothing changed, and
    # nothing said that in weeks the weeks left keep their own hours.
    st.caption(
        "Hours each team has spent so far on planned projects, out of its capacity in force. "
        "Leave a cell empty to count the share of the quarter elapsed instead."
        + (f" {HOURS_USED_IN_WEEKS}" if problem.is_time_phased else "")
    )
    edited_hours = st.data_editor(
        start["hours"],
        hide_index=True,
        disabled=["team_id", "team", "capacity_hours", "base_hours"],
        column_order=["team", "capacity_hours", "base_hours", "hours_used"]
        if source["hours"]["base_hours"].notna().any()
        else ["team", "capacity_hours", "hours_used"],
        column_config={
            "team": "Team",
            "capacity_hours": st.column_config.NumberColumn(
                "Capacity in force (h)",
                format="localized",
                help="Hours the team may plan this quarter: its weeks' hours (the calendar's "
                "where it has rows) x its capacity % on the Constraints page x the max "
                "utilisation",
            ),
            "base_hours": st.column_config.NumberColumn(
                f"{OWN_HOURS_LABEL} (h)",
                format="localized",
                help="The team's own hours in the Data page's Teams table, before the "
                "calendar's weeks, the capacity % and the max utilisation",
            ),
            # Text, read as typed: a number grid read "1e12" as 112 h without a word.
            "hours_used": figure_column("Hours used"),
        },
        key=f"checkin-hours-{version}",
        placeholder="",
    )

edited_tables = {"projects": edited_projects, "goals": edited_goals, "hours": edited_hours}
st.session_state[EDITED] = any(not edited_tables[t].equals(typed_source[t]) for t in edited_tables)
keep_tables(version, edited_tables)
checkin, unlocked, errors = checkin_from(weeks, quarter, edited_tables)
if checkin is not None and baseline.since is not None:
    first = baseline.since.weeks_elapsed
    if checkin.weeks_elapsed < first:
        checkin, errors = (
            None,
            [
                f"This baseline is the re-plan of a check-in at week {float(first):g}: "
                f"the weeks elapsed must be at least {float(first):g}."
            ],
        )
    else:  # "Ends in week" left empty: the end week the first check-in gave, as --since
        checkin = with_end_weeks_since(baseline.since, checkin)
        # What the first check-in recorded stands, as `planner checkin --since` holds it.
        undone, lower = taken_back_lines(problem, baseline.since, checkin)
        checkin, errors = (None, undone) if undone else (checkin, errors)
        if lower:
            st.warning("\n".join(f"- {md(line)}" for line in lower), icon=":material/warning:")
if checkin is None:
    st.error("**The check-in has problems:**\n" + "\n".join(f"- {md(e)}" for e in errors))
    stop_page()
if over := hours_past_capacity(edited_hours):
    st.warning(
        "More hours used than the capacity in force, so nothing is left for the weeks ahead: "
        + "; ".join(md(o) for o in over)
        + ". Check the figures in Hours used.",
        icon=":material/warning:",
    )
if uncounted := uncounted_percents(edited_projects):
    st.info(
        "% done counts only for a project in progress; not counted: "
        + "; ".join(md(u) for u in uncounted)
        + ". To count it, set the project's status to in progress.",
        icon=":material/info:",
    )
# 0.6 typed for 60 %: read as typed, said beside the other notes on % done.
# The plan's own % done, as it filled the tables, is not said (0.9 % half a week in).
pre_filled = (
    remembered(_on_plan, problem, base_plan, *filled_for).typed(problem)
    if filled <= quarter
    else None
)
if shares := shares_of_one(edited_projects, pre_filled):
    st.info(
        "% done is out of 100, not a share of 1, so these read as typed:\n"
        + "\n".join(f"- {md(s)}" for s in shares),
        icon=":material/info:",
    )
# A project running late with the plan's end week still set: said before the re-plan fails.
if late := late_work_lines(problem, base_plan, checkin):
    st.warning("\n".join(f"- {md(line)}" for line in late), icon=":material/schedule:")


# ---------------------------------------------------------------------------
# Progress against target and time
# ---------------------------------------------------------------------------

st.subheader("Goals against their plan")
# The plan's own pace: computed once per check-in weeks, not at each rerun (1 s at 3,000 projects).
found_on_plan = remembered(
    _on_plan, problem, base_plan, checkin.weeks_elapsed, checkin.quarter_weeks, baseline.since
)
# A count kept as pre-filled (8 new customers for the plan's 7.7) is the plan's figure.
checkin = found_on_plan.with_plan_counts(problem, checkin)
as_planned = found_on_plan.checkin
by_now = achieved_by_goal(problem, as_planned)
progress = goal_progress(problem, checkin, by_now)
# Once the quarter is over, the goals that missed (the chart's word): "0 of 8 behind" read well.
quarter_over = checkin.elapsed_share >= 1
behind = [g for g in progress if g.pace is (Pace.MISSED if quarter_over else Pace.BEHIND)]
figures = st.columns(4)
figures[0].metric(
    "Quarter elapsed",
    percent(100 * checkin.elapsed_share),
    help=f"Week {float(checkin.weeks_elapsed):g} of {float(checkin.quarter_weeks):g}",
    border=True,
)
label = "Goals missed" if quarter_over else "Goals behind plan"
figures[1].metric(label, f"{len(behind)} of {len(progress)}", border=True)
figures[2].metric("Projects done", len(checkin.ids_with(ProjectStatus.DONE)), border=True)
# Dropped beside in progress, as the save's summary counts them: the cards left them out.
figures[3].metric(
    "In progress",
    len(checkin.ids_with(ProjectStatus.IN_PROGRESS)),
    delta=f"{len(checkin.ids_with(ProjectStatus.DROPPED))} dropped",
    delta_color="off",
    delta_arrow="off",
    border=True,
)

replan_state = st.session_state.get("checkin-replan")
current_replan = None
#: A re-plan of this baseline choice made on other inputs (a Data page edit, a what-if).
replan_of_another_plan = False
if replan_state is not None and replan_state["baseline"] == baseline.key:
    if replan_state.get("owner") == owner_key:
        current_replan = replan_state
    else:
        replan_of_another_plan = True

frame = pace_frame(progress)
outlook = None
if current_replan is not None and current_replan["result"].plan is not None:
    before = current_replan["replan"].projected_before
    outlook = outlook_frame(problem, before, current_replan["replan"].projected_after)
if not progress:
    st.info(
        "This quarter has no goals (goals.csv is empty or absent), so there is no progress "
        "against targets to show. The projects and hours below still re-plan the rest of "
        "the quarter.",
        icon=":material/info:",
    )
else:
    show_chart(
        pace_chart(frame, checkin, outlook),
        width="stretch",
        alt="Each goal's KPI achieved as a share of its target, against what its plan had by now",
    )
    st.caption(
        "Bars: KPI achieved so far, as a share of the target. Black tick: what the plan's own "
        "projects would have delivered by now; a goal short of its tick is behind plan. Dashed "
        f"line: the share of the quarter gone ({weeks_label(checkin)})."
        + (" Dots: each goal's forecast at the end of the quarter." if outlook is not None else "")
    )
# A KPI left at the pre-fill beside progress recorded otherwise: the forecast counts it twice.
if twice := kpi_left_at_pre_fill(problem, base_plan, checkin, found_on_plan):
    st.warning("\n".join(f"- {md(line)}" for line in twice), icon=":material/warning:")


# ---------------------------------------------------------------------------
# Re-plan
# ---------------------------------------------------------------------------

st.subheader("Re-plan the rest of the quarter")
st.caption(
    # At the last week, as `planner checkin` says it: "the rest of the quarter" is empty.
    "No weeks are left in the quarter: nothing is re-planned. **Re-plan** records how the "
    "quarter ended (the goals' final figures below), to save beside its plan and compare."
    if quarter_over
    else "Done projects stay with their teams; projects in progress stay with their teams "
    "for the work left (unless unlocked); capacity is what is left; goals aim at the rest "
    "of their targets."
)
with st.container(border=True):
    controls = st.columns(3)
    hard = controls[0].toggle(
        "Limit the changes to the plan",
        value=True,
        key="checkin-hard",
        help="On: the re-plan moves at most the number of projects below to another team. "
        "Off: any number may move, each only when it does enough for the goals (right).",
    )
    max_changes = controls[0].number_input(
        "At most this many projects change owner",
        min_value=int(MAX_CHANGES.low),
        max_value=int(MAX_CHANGES.high),
        value=3,
        step=1,
        disabled=not hard,
        key="checkin-max-changes",
    )
    stability = controls[1].number_input(
        "How strongly to keep the plan",
        min_value=STABILITY.low,
        max_value=STABILITY.high,
        value=5.0,
        step=1.0,
        format="%g",
        key="checkin-stability",
        help="A project moves to another team only when the move adds more than this many "
        "points to the goals, each goal's percentage points times how much the goal matters "
        "(below: what that is in the quarter's goal attainment). 0: move projects freely; "
        "5: keep the plan unless a move clearly helps; higher: hardly ever move.",
    )
    controls[1].caption(md(keep_the_plan_words(problem, float(stability))))
    controls[2].write("")
    clicked = controls[2].button("Re-plan", type="primary", key="checkin-replan-button")

params = (checkin, unlocked, int(max_changes) if hard else None, float(stability))
if clicked:
    try:
        new_replan = replan(
            problem,
            base_plan,
            checkin,
            max_changes=params[2],
            stability_weight=params[3],
            unlocked=unlocked,
            solve=lambda rest: solve_cached(rest, show_progress=True),
            planned=by_now,
        )
    except InvalidInputError as exc:
        # The check-in's own records (a project in progress the plan has no team for) are
        # no problem "in the data": said as the check-in's other problems are.
        if all(e.file == CHECKIN_FILE for e in exc.errors):
            lines = checkin_problem_lines(problem, exc.errors)
            st.error("**The check-in has problems:**\n" + "\n".join(f"- {md(x)}" for x in lines))
        else:
            show_issues(exc.errors)
        stop_page()
    current_replan = {
        "baseline": baseline.key,
        "owner": owner_key,
        "params": params,
        "checkin": checkin,
        "problem": new_replan.problem,
        "result": new_replan.result,
        "replan": new_replan,
    }
    st.session_state["checkin-replan"] = current_replan
    st.session_state["checkin-replan-new"] = True
    st.rerun()

if current_replan is None:
    st.info(
        "The baseline plan changed since the last re-plan (its inputs or settings were "
        "edited): that re-plan was of another plan. Check the tables above, then press "
        "**Re-plan**."
        if replan_of_another_plan
        else "Record the check-in above, then press **Re-plan**.",
        icon=":material/info:",
    )
    stop_page()
if current_replan["params"] != params:
    st.warning(
        "The check-in or the limit on changes was edited since this re-plan: press "
        "**Re-plan** again.",
        icon=":material/update:",
    )
rp, result = current_replan["problem"], current_replan["result"]
budget = rp.baseline.max_changes if rp.baseline else None
show_status(result, label="Re-plan status")  # the sidebar has the plan in force's
if result.plan is None:
    fewest = current_replan["replan"].fewest_changes
    unlock_how = "Unlock some in the Projects table"
    advice = current_replan["checkin"].why_no_replan(
        budget, fewest, unlocked, unlock_how, current_replan["replan"].short_week
    )
    if advice is not None:
        st.warning(md(advice), icon=":material/lightbulb:")
    stop_page()

plan: Plan = result.plan
diff = current_replan["replan"].diff
changed = current_replan["replan"].num_changes
forecasts = quarter_forecast(problem, current_replan["checkin"], plan)
carried_ends = {
    f.goal_id: f
    for f in quarter_forecast(problem, current_replan["checkin"], current_replan["replan"].carried)
}
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
    changed if budget is None else f"{changed} of {budget}",
    help="Baseline projects moved to another team or taken out of the plan (the table "
    "below)" + (f", at most {budget} (the limit above)." if budget is not None else "."),
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
            f"and {points_between(quarter_end.achieved, quarter_end.forecast)} from the re-plan."
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


replan_downloads(problem, current_replan["checkin"], rp, result, current_replan["replan"].carried)

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
        *("goal", "percent", "baseline", "achieved", "still_to_come", "forecast", "target", "kpi"),
    ),
    column_config={
        "goal": st.column_config.TextColumn("Goal", width=145),
        "kpi": st.column_config.TextColumn("KPI", width=90),
        "achieved": st.column_config.NumberColumn(
            "So far", format="localized", help="The KPI achieved so far, as recorded above"
        ),
        "still_to_come": st.column_config.NumberColumn(
            "Re-plan adds", format="localized", help="What the re-plan delivers in the weeks left"
        ),
        "forecast": st.column_config.NumberColumn(
            "Forecast", format="localized", help="At the end of the quarter: so far + re-plan adds"
        ),
        "target": st.column_config.NumberColumn("Target", format="localized"),
        # "% of target" beside "If we carry on" read as a third figure, not the re-plan's.
        "percent": st.column_config.NumberColumn(
            WITH_REPLAN, format="%.1f %%", help="The forecast, % of target, with the re-plan"
        ),
        "baseline": st.column_config.NumberColumn(
            CARRIED_ON,
            format="%.1f %%",
            help="The forecast, % of target, with the baseline plan unchanged",
        ),
    },
    key="checkin-forecast",
)
if overruns := current_replan["replan"].carried_overruns:
    # "If we carry on" read 63.3 % beside the re-plan's 12.5 % as if keeping the plan
    # were an option: the baseline as it was no longer fits the hours left.
    st.caption(
        "**If we carry on** is the baseline as it was, and it no longer fits the hours left: "
        + "; ".join(md(o) for o in overruns)
        + ". The re-plan fits them."
    )
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
    if why := odds_charts.mid_quarter_odds(current_replan["checkin"]):
        st.caption(why)  # why lower than the Overview's
    # Chances and changes as every page writes them ("< 1 %", "no change"), wrapped.
    wrapped_table(odds_charts.odds_delta_view(odds_change, *ODDS_COLUMNS))

names_of = {**{t.team_id: t.name for t in rp.teams}, **teams}


# Changes (rule 9's count: an owner moved, baseline work taken out of the plan) and
# added work are two different things, shown apart; the leader's own drops a third.
changes = list(diff.of_kind(*COUNTED_CHANGES))
added = list(diff.of_kind(ChangeKind.ADDED))
dropped = list(diff.of_kind(ChangeKind.DROPPED))
st.markdown(
    f"**Changes: {len(changes)}** · owners moved or baseline work taken out of the plan"
    + (f" (at most {budget:,})" if budget is not None else "")
)
if changes:
    show_diff(changes, names_of, "checkin-diff-changes")
else:
    st.success("The re-plan keeps every baseline project where it is.", icon=":material/check:")
st.markdown(f"**Added: {len(added)}** · work the baseline did not have (not a change)")
if added:
    show_diff(added, names_of, "checkin-diff-added")
else:
    st.caption("Nothing added.")
if dropped:
    # The leader's own drops apart from work the weeks left no longer fit: "Dropped" alone
    # read as if the leader had dropped a project they had only marked not started.
    # Counts only, no user text: Markdown as written (through md() it read "**Out of...**").
    st.markdown(dropped_heading(dropped, current_replan["checkin"]))
    show_diff(dropped, names_of, "checkin-diff-dropped")
if st.toggle("Show projects that stay as they are", key="checkin-show-kept"):
    show_diff(list(diff.of_kind(ChangeKind.KEPT, ChangeKind.DONE)), names_of, "checkin-diff-kept")


# ---------------------------------------------------------------------------
# Save as a scenario built on the baseline
# ---------------------------------------------------------------------------

st.subheader("Save the check-in and its re-plan")
if scenarios is None:
    stop_page()
summary = describe_checkin(problem, current_replan["checkin"], by_now)
#: The scenario name last offered: the box still holding it was not typed in.
_NAME_OFFERED = "checkin-save-name-offered"
# The name offered follows the baseline; a name typed stays. Without a key, the box was a
# new one once the name offered changed: the baseline deleted on another server while the
# leader typed saved the check-in under the name offered, the one typed lost.
offered = f"Check-in week {float(checkin.weeks_elapsed):g}" + (
    "" if baseline.scenario_id is None else f" · {baseline.name}"
)
name_key = f"checkin-save-name-{baseline.key}"
if st.session_state.get(name_key) in (None, st.session_state.get(_NAME_OFFERED)):
    st.session_state[name_key] = offered
st.session_state[_NAME_OFFERED] = offered
with st.form("checkin-save"):
    name = st.text_input("Scenario name", max_chars=200, key=name_key)
    note = st.text_area("Note", placeholder="What happened, what we decided", max_chars=4000)
    st.caption(md(summary))
    # A placeholder: once the save below has saved this session's plan, it no longer says
    # "it is saved first" under the notice that it was.
    saved_first = st.empty()
    if baseline.scenario_id is None:
        saved_first.caption(
            "The baseline is this session's plan: it is saved first, and the check-in is "
            "built on it."
        )
    submitted = st.form_submit_button("Save, built on the baseline")
if submitted:
    try:
        parent = None
        parent_id = baseline.scenario_id
        if parent_id is None:
            parent = new_scenario(
                problem,
                current_result(),
                derived_name("Baseline of ", name),
                "Baseline of a check-in.",
            )
        # The check-in goes in its own table; the note keeps the leader's words and the
        # check-in in one sentence, within a note's length.
        words = "\n\n".join(part for part in (note.strip(), summary) if part)
        child = new_scenario(
            rp,
            result,
            name,
            words[:MAX_NOTE_LENGTH],
            parent_id=parent_id,
            checkin=current_replan["checkin"],
            quarter=problem,
        )
        # Saved already (a second click, or the same re-plan under the name it offers now).
        same = parent is None and saved_copy(scenarios, rp, result.plan, child.checkin, parent_id)
        saved_row = same or scenarios.save(child, new_parent=parent)  # both, or neither
    except (ValueError, StorageError) as exc:
        st.error(f"Not saved: {md(str(exc))}", icon=":material/error:")
    else:
        if parent is not None and saved_row.parent_id is not None:
            # This session's plan is now saved: Compare says so and sets it before its child.
            mark_saved(problem, saved_row.parent_id, parent.name)
            saved_first.caption(
                f"The baseline, this session's plan, is saved as #{saved_row.parent_id} "
                f"{md(parent.name)}: the check-in is built on it."
            )
        st.success(
            ("Already saved" if same else "Saved") + f" **{md(saved_row.name)}**, built on "
            f"**{md(saved_row.parent_name or baseline.name)}**.",
            icon=":material/check_circle:",
        )

show_next(
    "scenarios", "overview", labels={"scenarios": "Compare a saved check-in with its baseline"}
)
