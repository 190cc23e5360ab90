"""Check-in: record progress mid-quarter, see each goal against target and time, re-plan.

The page only renders and calls ``planner.scenarios.checkin`` (each goal's pace:
``checkin_goals``) and ``planner.scenarios.replan``: a baseline plan (saved or
this session's), the check-in recorded in three editable tables, each goal's
progress, a re-plan within a change budget, the diff against the baseline with
reasons, and a save of the check-in and its re-plan as a child scenario of the
baseline.
"""

from __future__ import annotations

import time
from decimal import Decimal

import streamlit as st

from pages.checkin_baseline import WEEKS, choose_baseline
from pages.checkin_editors import (
    DRAFT_BACK,
    VERSION,
    draft_back,
    edit_projects,
    keep_draft,
    keep_edit,
    keep_tables,
    kept_words,
    start_from_draft,
    tables_to_edit,
)
from pages.checkin_outcome import (
    RECORD_END,
    show_quarter_end,
    show_replan_outcome,
)
from pages.checkin_save import save_checkin
from pages.common import current_problem, fingerprint, remembered, require_router
from pages.headline import show_basis
from pages.issue_tables import show_issues
from pages.solving import solved as solve_cached
from pages.ui import (
    COMPARE_TAB,
    GROUPED_FIGURE,
    figure_column,
    md,
    show_chart,
    show_next,
    show_status,
    stop_page,
)
from planner import InvalidInputError, Plan, Problem
from planner.core.ranges import MAX_CHANGES, STABILITY
from planner.core.shared_words import OWN_HOURS_LABEL, STABILITY_WORDS, plural
from planner.core.shown_figures import percent
from planner.interfaces.checkin_charts import outlook_frame, pace_chart, pace_frame, weeks_label
from planner.interfaces.checkin_tables import (
    HOURS_USED_IN_WEEKS,
    as_typed,
    checkin_from,
    hours_past_capacity,
    prefill_fraction,
    shares_of_one,
    tables_for,
    uncounted_percents,
)
from planner.interfaces.plan_frames import capacity_note
from planner.scenarios.checkin import CHECKIN_FILE, CheckIn, ProjectStatus
from planner.scenarios.checkin_goals import (
    Pace,
    goal_progress,
)
from planner.scenarios.checkin_replan import STARTING_REPLAN, started_at_words
from planner.scenarios.checkin_since import read_since, since_lines
from planner.scenarios.checkin_words import (
    checkin_problem_lines,
    done_before_window_lines,
    keep_the_plan_words,
    late_work_lines,
    may_move_words,
    quarter_weeks_refused,
    weeks_elapsed_refused,
    whole_counts_note,
)
from planner.scenarios.on_plan import OnPlan, achieved_by_goal, kpi_left_at_pre_fill, on_plan
from planner.scenarios.replan import replan


def _on_plan(
    problem: Problem, plan: Plan, weeks: Decimal, quarter: Decimal, since: CheckIn | None
) -> OnPlan:
    """:func:`~planner.scenarios.on_plan.on_plan`, with ``since`` in place to be ``remembered``.

    The pre-fill and the goals' pace share it: one re-plan (about a second at
    3,000 projects) per weeks elapsed, not one each and at every rerun.
    """
    return on_plan(problem, plan, weeks, quarter, since=since)


require_router()
#: When this run began: after a Re-plan click, the moment the leader asked. The re-plan's
#: time limit counts from it (the rest of the quarter included), as planner checkin's
#: counts from the check-in read, not from its solve's start on the worker thread.
asked = time.perf_counter()


# ---------------------------------------------------------------------------
# The baseline
# ---------------------------------------------------------------------------

st.title("Check-in")
# Said again once the weeks are known: at the quarter's last week it is no "mid-quarter".
# Under the title, as every page says what it is for, then what the plan is built on: the
# basis line sat between the title and the purpose here alone.
intro = st.empty()
# One sentence: a leader reads one or two (it was five, with how the tables start and what a
# reload keeps of them, which now stand over the tables).
intro.caption(
    "Mid-quarter: record where each project and goal stands, see which goals are behind, "
    "and re-plan the rest of the quarter without throwing the plan in the air."
)
show_basis(current_problem())

baseline, scenarios = choose_baseline()
problem, base_plan = baseline.problem, baseline.plan
#: The check-in tables belong to one baseline; another baseline starts them afresh.
TABLES, OWNER = "checkin-tables", "checkin-tables-owner"
owner_key = (baseline.key, fingerprint(problem))
# Records typed for this plan before a reload of the tab (or a visit from another baseline),
# kept where scenarios are kept: put back, at the weeks elapsed they were typed for.
draft = (
    draft_back(str(baseline.key), owner_key[1])
    if st.session_state.get(OWNER) != owner_key
    else None
)
if draft is not None:
    st.session_state[WEEKS] = draft.weeks
    st.session_state.pop("checkin-weeks", None)  # the box starts at the draft's week


# ---------------------------------------------------------------------------
# The check-in tables
# ---------------------------------------------------------------------------

#: The quarter's weeks the last run drew: a quarter shortened since moves the weeks elapsed.
QUARTER_SEEN = "checkin-quarter-seen"
with st.container(border=True):
    cols = st.columns([1, 1, 2])
    # No min_value or max_value, as "Weeks elapsed" below: refused in words.
    quarter = cols[1].number_input(
        "Weeks in the quarter",
        value=float(problem.num_weeks),
        step=1.0,
        format="%g",  # 13 weeks, not 13.00
        key="checkin-quarter",
        # A quarter planned in weeks has its length in the data: another would misread
        # the weeks elapsed (week 3 of 10 is not week 3 of the plan's 13).
        disabled=problem.is_time_phased,
        help="Fixed: the plan is laid out over the quarter's "
        f"{plural(problem.num_weeks, 'week')}, set in the data ([calendar] weeks in "
        "settings.toml, or the workbook's settings sheet)."
        if problem.is_time_phased
        else None,
    )
    if (not_a_quarter := quarter_weeks_refused(quarter)) is not None:
        st.error(md(not_a_quarter))
        stop_page()
    # In weeks the re-plan keeps weeks 1..N as they happened: a check-in ends a whole week.
    whole = problem.is_time_phased
    default = float(int(quarter) // 2) if whole else min(6.5, quarter)
    # The quarter shortened below the weeks elapsed: the box starts again at the quarter's
    # end (its maximum did that); a week typed past the quarter is refused below.
    shortened = st.session_state.get(QUARTER_SEEN, quarter) != quarter
    if shortened and st.session_state.get("checkin-weeks", 0.0) > quarter:
        st.session_state.pop("checkin-weeks", None)
    st.session_state[QUARTER_SEEN] = quarter
    # No min_value or max_value: the browser kept 14 typed in a 13-week quarter's box in red
    # and never sent it, and Re-plan re-planned at week 6; the page refuses it in words.
    weeks = cols[0].number_input(
        "Weeks elapsed",
        value=min(st.session_state.get(WEEKS, default), float(quarter)),
        step=1.0 if whole else 0.5,
        format="%g",  # week 6.5, not 6.50
        key="checkin-weeks",
        help="Whole weeks: the plan's weeks 1 to N are kept as they happened, and weeks "
        "N+1 to the end are re-planned."
        if whole
        else None,
    )
    # Typed: the step is a whole week, and the box takes any figure.
    if (not_a_week := weeks_elapsed_refused(weeks, quarter, whole=whole)) is not None:
        st.error(md(not_a_week))
        stop_page()
    st.session_state[WEEKS] = weeks
    cols[2].write("")
    prefill = cols[2].button(
        "Reset to the plan for this week",
        help="Statuses, % done, KPIs and hours as the plan you are checking in on would have "
        "them by the weeks elapsed, replacing your edits (the tables keep them when the weeks "
        "elapsed change).",
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
    and draft is None
)
# Another week elapsed, nothing recorded yet: the tables hold nothing of the leader's, so
# they follow the week (week 6's pre-fill stood for week 7 and refused its end weeks).
other_week = st.session_state.get("checkin-tables-week", weeks) != weeks
if (
    prefill
    or st.session_state.get(OWNER) != owner_key
    or (other_week and not st.session_state.get(EDITED, False))
):
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
        baseline.unlocked,  # a saved check-in opened again: its "May move" ticks
    )
    st.session_state[OWNER], st.session_state["checkin-tables-week"] = owner_key, weeks
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    st.session_state.pop(DRAFT_BACK, None)
    if draft is not None and not prefill:
        start_from_draft(st.session_state[VERSION], as_typed(st.session_state[TABLES]), draft)
if back := st.session_state.get(DRAFT_BACK):
    st.info(back, icon=":material/restore:")
# Another week elapsed keeps the leader's records: say which week they were pre-filled for.
if (filled := st.session_state.get("checkin-tables-week", weeks)) != weeks:
    st.warning(
        f"The tables were pre-filled for week {filled:g}: press **Reset to the plan for this "
        f"week** to fill them for week {weeks:g}, or keep your own records."
    )
if refilled:
    st.warning(
        "The plan you are checking in on changed since you recorded the check-in (its inputs "
        "or settings were edited): the tables were pre-filled again from it for week "
        f"{weeks:g}, and your records were replaced. Record again what differs from the plan.",
        icon=":material/warning:",
    )
version = st.session_state.get(VERSION, 0)
source = st.session_state[TABLES]
# The figures a leader types as text (TYPED_COLUMNS), as the grids edit them.
typed_source = as_typed(source)
start = as_typed(tables_to_edit(typed_source, version))  # the records as typed, kept

st.caption(
    "The tables start as if everything went to plan by the weeks elapsed: change only what "
    # A VP who reloaded the tab mid-way found week 6 and the plan's figures again, the
    # statuses and KPIs recorded gone without a word: the Data page says it of its edits.
    f"differs. {kept_words()}"
)
tab_projects, tab_goals, tab_hours = st.tabs(["Projects", "Goals: KPI so far", "Hours used"])
with tab_projects:
    edited_projects = edit_projects(
        start,
        version,
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
            # Written as "Achieved so far" pre-fills a figure beside it and reads one typed,
            # grouped by thousands ("9,700,000"); not "plain": its 20 decimals read
            # "100000.00000000001".
            "target": st.column_config.NumberColumn("Target", format=GROUPED_FIGURE),
            # No grid minimum: it dropped the minus of "-5" (5 read); the check refuses it.
            # Text: a number grid read "1e12" as 112; the check refuses what is no figure.
            "achieved": figure_column("Achieved so far"),
        },
        key=f"checkin-goals-{version}",
        placeholder="",  # an empty cell reads empty, not "None"
        on_change=keep_edit,
        args=("goals", f"checkin-goals-{version}", version, start),
    )
with tab_hours:
    # A VP Sales typed fewer hours for a team behind and re-planned: nothing changed, and
    # nothing said that in weeks the weeks left keep their own hours.
    st.caption(
        "Hours each team has spent so far on planned projects, out of its capacity for the "
        "quarter. "
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
            # Grouped by thousands, as "Hours used" pre-fills its figures beside them and
            # reads one typed ("1,379"), and as the goals grid writes its Target. Not
            # "plain": it writes 20 decimals, trimmed: 985 h read "985.0000000000001".
            "capacity_hours": st.column_config.NumberColumn(
                # "Capacity in force (h)" was the planner's word: the Plan page, the cards
                # and plan.xlsx's Team load say "Capacity".
                "Capacity (h)",
                format=GROUPED_FIGURE,
                help="The hours the team has this quarter for planned work: its weeks' hours "
                "(the Data page's Calendar tab's hours where it has a row for the week), after "
                "any capacity what-if on the Constraints page, up to the share of its hours "
                "each team is planned up to",
            ),
            "base_hours": st.column_config.NumberColumn(
                f"{OWN_HOURS_LABEL} (h)",
                format=GROUPED_FIGURE,
                help="The team's own hours in the Data page's Teams table, before the "
                "calendar's weeks, the capacity % and the share of its hours each team is "
                "planned up to",
            ),
            # Text, read as typed: a number grid read "1e12" as 112 h without a word.
            "hours_used": figure_column("Hours used"),
        },
        key=f"checkin-hours-{version}",
        placeholder="",
        on_change=keep_edit,
        args=("hours", f"checkin-hours-{version}", version, start),
    )
    # Content's 944 h beside its own 900 h, as on the Plan page's load chart: said why.
    if note := capacity_note(problem, base_plan, label="Capacity"):
        st.caption(md(note))

edited_tables = {"projects": edited_projects, "goals": edited_goals, "hours": edited_hours}
st.session_state[EDITED] = any(not edited_tables[t].equals(typed_source[t]) for t in edited_tables)
keep_tables(version, edited_tables)
# The weeks elapsed are a record too: a CMO set week 8, re-planned, reloaded the tab and
# found week 6 and the plan's pre-fill again, the page having said a reload puts it back.
keep_draft(weeks, edited_tables, st.session_state[EDITED] or weeks != default)
checkin, unlocked, errors = checkin_from(weeks, quarter, edited_tables)
if checkin is not None and baseline.since is not None:
    # "Ends in week" left empty: the end week the first check-in gave; what it recorded
    # stands, as `planner checkin --since` holds it.
    checkin, refused, lower = since_lines(problem, read_since(baseline.since, checkin))
    errors = refused or errors
    if lower:
        st.warning("\n".join(f"- {md(line)}" for line in lower), icon=":material/warning:")
if checkin is None:
    st.error("**The check-in has problems:**\n" + "\n".join(f"- {md(e)}" for e in errors))
    stop_page()
if over := hours_past_capacity(edited_hours):
    st.warning(
        "More hours used than the team's capacity for the quarter, so nothing is left for the "
        "weeks ahead: " + "; ".join(md(o) for o in over) + ". Check the figures in Hours used.",
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
# Done before its window began: kept as recorded (what happened outranks the plan), said.
if early := done_before_window_lines(problem, checkin):
    st.info("\n".join(f"- {md(line)}" for line in early), icon=":material/info:")


# ---------------------------------------------------------------------------
# Progress against target and time
# ---------------------------------------------------------------------------

st.subheader("Goals against their plan")
# The plan's own pace: computed once per check-in weeks, not at each rerun (1 s at 3,000 projects).
found_on_plan = remembered(
    _on_plan, problem, base_plan, checkin.weeks_elapsed, checkin.quarter_weeks, baseline.since
)
# A KPI kept as pre-filled (8 new customers for the plan's 7.7, 597 SQLs for its 596.815)
# is the plan's figure.
checkin = found_on_plan.with_plan_figures(problem, checkin)
as_planned = found_on_plan.checkin
by_now = achieved_by_goal(problem, as_planned)
progress = goal_progress(problem, checkin, by_now)
# Once the quarter is over, the goals that missed (the chart's word): "0 of 8 behind" read well.
quarter_over = checkin.elapsed_share >= 1
if quarter_over:
    intro.caption(
        "The quarter's last week: record where each project and goal ended, and read what "
        "was achieved against each target."
    )
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
        "projects would have delivered by now; a goal short of its tick is behind plan, one "
        "clearly past it ahead (by how much: hover over its bar). Dashed "
        f"line: the share of the quarter gone ({weeks_label(checkin)})."
        + (" Dots: each goal's forecast at the end of the quarter." if outlook is not None else "")
    )
# A KPI left at the pre-fill beside progress recorded otherwise: the forecast counts it twice.
if twice := kpi_left_at_pre_fill(problem, base_plan, checkin, found_on_plan):
    st.warning("\n".join(f"- {md(line)}" for line in twice), icon=":material/warning:")


# ---------------------------------------------------------------------------
# Re-plan
# ---------------------------------------------------------------------------

# At the last week "the rest of the quarter" is empty: what a leader needs then is how the
# quarter ended against each target, as `planner checkin` says it (it read as mid-quarter:
# a limit on changes, "Changes: 0", "Projects added: 0", "achieved + 0" forecasts).
if quarter_over:
    st.subheader("How the quarter ended")
    show_quarter_end(problem, progress, checkin)
else:
    st.subheader("Re-plan the rest of the quarter")
    st.caption(
        "Done projects stay with their teams; projects in progress stay with their teams "
        'for the work left (unless ticked "May move"); capacity is what is left; goals aim at '
        "the rest of their targets."
    )
# Said before the re-plan: a project let move may leave the plan, which only the saved
# check-in's note counted ("1 left out by the re-plan").
if not quarter_over and (risk := may_move_words(problem, unlocked)):
    st.info(md(risk), icon=":material/info:")
# The boxes start at what a saved check-in's re-plan was made with when it is the baseline
# (they read the page's defaults: a second re-plan was not the one saved), else at those
# defaults; set when the baseline changes, kept as the leader edits them afterwards.
saved_with = baseline.replan
start_controls = {
    "checkin-hard": saved_with is None or saved_with.max_changes is not None,
    "checkin-max-changes": saved_with.max_changes
    if saved_with is not None and saved_with.max_changes is not None
    else STARTING_REPLAN.max_changes,
    "checkin-stability": saved_with.stability
    if saved_with is not None and saved_with.stability is not None
    else STARTING_REPLAN.stability,
}
if st.session_state.get("checkin-controls-for") != baseline.key:
    st.session_state.update(start_controls)
    st.session_state["checkin-controls-for"] = baseline.key
for control, value in start_controls.items():
    # A run that stopped before the boxes forgets them: no value= on the widgets (it would
    # warn of a value set twice), so each starts from here again.
    st.session_state.setdefault(control, value)
if quarter_over:
    # Nothing to limit or keep: the button records the quarter's end, to save and compare.
    hard = bool(st.session_state["checkin-hard"])
    max_changes = int(st.session_state["checkin-max-changes"])
    stability = float(st.session_state["checkin-stability"])
    clicked = st.button(RECORD_END, type="primary", key="checkin-replan-button")
else:
    with st.container(border=True):
        controls = st.columns(3)
        hard = controls[0].toggle(
            "Limit the changes to the plan",
            key="checkin-hard",
            help="On: the re-plan moves at most the number of projects below to another team. "
            "Off: any number may move, each only when it does enough for the goals (right).",
        )
        # No min_value or max_value on either box: -1 typed stayed on screen in red (the
        # browser's own check; nothing reached the page) and Re-plan used 3 or 5.
        max_changes = controls[0].number_input(
            "At most this many projects change owner",
            step=1,
            disabled=not hard,
            key="checkin-max-changes",
        )
        stability = controls[1].number_input(
            "How strongly to keep the plan",
            step=1.0,
            format="%g",
            key="checkin-stability",
            help=f"{STABILITY_WORDS[:1].upper()}{STABILITY_WORDS[1:]} (below: what that is in the "
            "quarter's goal attainment). 0: move projects freely; "
            "5: keep the plan unless a move clearly helps; higher: hardly ever move.",
        )
        # 1e-320 typed there planned as 0 (its part of the goals' score rounds to nothing),
        # where the command line and the settings refuse it: refused here too, in their words.
        stability_refused = STABILITY.problem(float(stability))
        if stability_refused is not None:
            controls[1].error(f"How strongly to keep the plan: {md(stability_refused)}")
        else:
            controls[1].caption(md(keep_the_plan_words(problem, float(stability))))
        if saved_with is not None:  # said as `planner checkin` says its file's [replan]
            controls[0].caption(md(started_at_words(saved_with)))
        changes_refused = MAX_CHANGES.problem(int(max_changes)) if hard else None
        if changes_refused is not None:
            controls[0].error(f"At most this many projects change owner: {md(changes_refused)}")
        controls[2].write("")
        clicked = controls[2].button(
            "Re-plan",
            type="primary",
            key="checkin-replan-button",
            disabled=stability_refused is not None or changes_refused is not None,
        )

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
            solve=lambda rest, *, after_s: solve_cached(
                rest, show_progress=True, asked_at=asked, after_s=after_s
            ),
            planned=by_now,
            asked_at=asked,
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

pressed = RECORD_END if quarter_over else "Re-plan"
if current_replan is None:
    st.info(
        "The plan you are checking in on changed since the last re-plan (its inputs or "
        "settings were edited): that re-plan was of another plan. Check the tables above, "
        f"then press **{pressed}**."
        if replan_of_another_plan
        else f"Press **{RECORD_END}** to keep these figures, then save them beside the plan "
        "you checked in on and compare the two on the Scenarios page."
        if quarter_over
        else "Record the check-in above, then press **Re-plan**.",
        icon=":material/info:",
    )
    stop_page()
if current_replan["params"] != params:
    st.warning(
        "The check-in or the limit on changes was edited since this re-plan: press "
        f"**{pressed}** again.",
        icon=":material/update:",
    )
rp, result = current_replan["problem"], current_replan["result"]
budget = rp.baseline.max_changes if rp.baseline else None
# The sidebar has the current plan's; the re-plan's weights are its own (its stability). At
# the quarter's end nothing was planned: a status of it would read as a re-plan made.
if not quarter_over or result.plan is None:
    show_status(result, label="Re-plan status", weights=rp.settings.weights)
if result.plan is None:
    unlock_how = 'Tick "May move" for some in the Projects table'
    # A re-plan the clock cut short is not blamed on the work in progress (as the CLI).
    advice = current_replan["replan"].why_no_plan(
        current_replan["checkin"], budget, unlocked, unlock_how
    )
    if advice is not None:
        st.warning(md(advice), icon=":material/lightbulb:")
    stop_page()

show_replan_outcome(
    problem, current_replan, progress, unlocked, base_plan, as_planned, baseline.built_on()
)


# ---------------------------------------------------------------------------
# Save as a scenario built on the baseline
# ---------------------------------------------------------------------------

save_checkin(baseline, scenarios, checkin, current_replan, by_now)

show_next(
    "scenarios",
    "overview",
    labels={"scenarios": "Compare a saved check-in with the plan it checked in on"},
    opening={"scenarios": COMPARE_TAB},  # the Compare tab, not the list
)
