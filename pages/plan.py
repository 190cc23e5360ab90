"""Plan: who owns which project, each team's load, goal attainment and what is left out."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from pages.common import current_problem, remembered, require_router
from pages.headline import odds_list, odds_table, show_advanced, show_basis, show_headline
from pages.solving import current_result, kept_close, stopped_by_leader
from pages.ui import keep_ranges, md, show_chart, show_next, show_status, with_hours, wrapped_table
from pages.widths import TEAM_PX, team_width
from planner import Assignment, Plan, Problem, explain
from planner.core.domain import DEPARTMENTS
from planner.core.shared_words import counted, joined
from planner.core.shown_figures import contribution, contribution_value, hours, hours_value
from planner.interfaces import charts, plan_filters, plan_frames, week_charts
from planner.interfaces.exports import in_words
from planner.scenarios.labels import stage_label
from planner.scenarios.metrics import result_metrics
from planner.scenarios.why_a_decimal import WHY_A_DECIMAL, decimals_words

#: What a leader reads first, fitting a 1024 px window: who owns it, its hours, its value (in
#: its goal's KPI: "460 MQLs") and when it runs; the rest a click away (at 1024 px they
#: scrolled out of sight). The share (100 % but on a joint project's two rows, whose hours
#: say the split) waits there too: in its place the project's name reads whole at 1280 px.
#: The project's name first, its id after it to look it up by, as the Overview's ranges read.
FIRST_COLUMNS = ["project", "project_id", "team", "hours", "value", "weeks"]
MORE_COLUMNS = ["share", "goal", "stage", "department", "status", "joint", "mandatory"]
EVERY_COLUMN = [*FIRST_COLUMNS, *MORE_COLUMNS]
#: The first columns' widths in pixels, within the 766 px of a 1024 px window beside the open
#: sidebar (tests/app/test_narrow_window.py): the value as wide as its longest figure with its
#: unit ("400,000 expansion ARR $", as the Export's preview), the project's name what the
#: others leave; wider windows share their extra room among them. A longer name is cut:
#: double-click its cell to read it all. The others as wide as their longest text and
#: heading, no wider, and the table's whole 766 px used: with 52 px of weeks ("10-13") and
#: 764 px in all, "Partner co-marketing with Snowflake, HubSpot and Slack" was cut by 6 px.
FIRST_WIDTHS = {"project_id": 45, "team": TEAM_PX, "hours": 58, "value": 156}
FIRST_WIDTHS |= {"weeks": 46}
FIRST_WIDTHS["project"] = 766 - sum(FIRST_WIDTHS.values())
#: The filters' rows: Department beside Team, Stage beside Goal; a team's or a goal's name
#: ("Product Marketing, NA East pod 2", "Expansion ARR (net revenue retention)") reads whole
#: in its box at 1024 px.
FILTER_WIDTHS = (1, 2)
#: Where the charts, the weeks and the assignments stand when the inputs have no plan.
NO_PLAN_TO_SHOW = (
    "No plan yet, so no assignments, goal attainment or weeks to show: the status above "
    "says what stands in the way and what to change."
)
#: Up to this many left-out projects, a table that wraps (reasons in full); more, a
#: scrolling table with a panel for the selected row's reason.
WRAPPED_ROWS = 30
#: The scrolling Left out table's first columns in pixels, within the 766 px of a 1024 px
#: window beside the open sidebar less the 30 px of its row pickers: the value as wide as
#: "6,643 website visitors", the reason what the others leave (its whole text is in the
#: panel under the table, for the row picked).
LEFT_OUT_WIDTHS = {"project": 190, "project_id": 52, "value": 150}
LEFT_OUT_WIDTHS["reason"] = 766 - 30 - sum(LEFT_OUT_WIDTHS.values())

require_router()
problem = current_problem()
# The heading before the plan: a leader who opens the Plan page first (a bookmark, a link
# sent to her) saw a blank page for the first plan's 10-16 s at 150 teams, its progress box
# under the heading now, as on the Overview.
st.title("Plan")
st.caption(
    "Who owns which project and when it runs, each team's load week by week, and why a "
    "project is left out."
)
result = current_result()
plan = result.plan
stages = list(problem.settings.stages.order)

show_basis(problem, result)
show_status(
    result,
    kept_close(problem),
    weights=problem.settings.weights,
    stopped=stopped_by_leader(problem),
)
show_headline(problem, result)
show_advanced(problem, result)

# Filters: they narrow the tables and the charts below. Each choice is kept in the page's
# address (/plan?department=Sales): a CMO filtered the plan to Sales, reloaded the tab (or
# came back from the Overview) and found every team again. Team and Goal get two thirds of a
# row each: four filters side by side cut a picked name to "Website…" (1024 px) or
# "site visitors f…" (1440 px), so a leader could not read which team or goal she had picked.
# As the charts and tables label them: a name two share has the id after it.
team_labels, goal_labels = charts.team_labels(problem), charts.goal_labels(problem)
goal_options = plan_filters.goal_filter_options(problem)
# A value no filter offers (a team renamed since the address was copied): said, not dropped.
ASKED_UNKNOWN = plan_filters.unknown_filter_values(
    problem, {key: st.query_params.get_all(key) for key in plan_filters.FILTER_KEYS}
)
UNKNOWN = plan_filters.unknown_filter_words(
    ASKED_UNKNOWN, plan_filters.filter_values_meant(problem, ASKED_UNKNOWN)
)
if UNKNOWN is not None:
    st.warning(md(UNKNOWN), icon=":material/link_off:")
with st.container(border=True):
    cols = [*st.columns(FILTER_WIDTHS), *st.columns(FILTER_WIDTHS)]
    departments = cols[0].multiselect(
        "Department",
        list(charts.DEPARTMENT_ORDER),
        format_func=str.capitalize,  # "Marketing", as every label writes a department
        placeholder="All departments",
        key="department",
        bind="query-params",
    )
    team_names = cols[1].multiselect(
        "Team", list(team_labels.values()), placeholder="All teams", key="team", bind="query-params"
    )
    goal_names = cols[3].multiselect(
        "Goal",
        goal_options,
        placeholder="All goals",
        key="goal",
        bind="query-params",
    )
    stage_names = cols[2].multiselect(
        "Stage",
        stages,
        format_func=stage_label,
        placeholder="All stages",
        key="stage",
        bind="query-params",
    )
#: How the empty states name what they cover: "(in this filter)" read with no filter set.
IN_FILTER = " in this filter" if departments or team_names or goal_names or stage_names else ""
#: The filters as ``remembered`` compares them (by value): the tables below are made again
#: only when they or the plan change.
picked_filters = (tuple(departments), tuple(team_names), tuple(goal_names), tuple(stage_names))


def in_filter(assignment: Assignment) -> bool:
    """Whether the filters keep this assignment row."""
    project, team = problem.project(assignment.project_id), problem.team(assignment.team_id)
    return (
        (not departments or team.department in departments)
        and (not team_names or team_labels[team.team_id] in team_names)
        and (
            not goal_names
            or plan_frames.goal_label(problem, project.goal_id, goal_labels) in goal_names
        )
        and (not stage_names or project.stage in stage_names)
    )


# Every chart follows the filters: they draw the plan's rows that the filters keep.
# No filter: the plan itself, so that its frames are computed once (``remembered``).
filtered = bool(departments or team_names or goal_names or stage_names)
shown = (
    Plan(tuple(a for a in plan.assignments if in_filter(a)), plan.unassigned)
    if plan is not None and filtered
    else plan
)


def keep(frame: pd.DataFrame, **columns: list[str]) -> pd.DataFrame:
    """The rows whose value in each named column is among the chosen ones (none = all)."""
    mask = pd.Series(True, index=frame.index)
    for column, chosen in columns.items():
        if chosen and column in frame:
            mask &= frame[column].isin(chosen)
    return frame[mask]


def left_out_rows(problem: Problem, plan: Plan | None, *chosen: tuple[str, ...]) -> pd.DataFrame:
    """The projects left out that the filters ``chosen`` keep (departments, teams, goals,
    stages), their stage in words."""
    departments, team_names, goal_names, stage_names = (list(c) for c in chosen)
    left_out = keep(
        remembered(plan_frames.unassigned_frame, problem, plan), goal=goal_names, stage=stage_names
    )
    # A left-out project has no team: the department and team filters keep those that the
    # chosen departments or teams may own at their stage. The VP Sales, filtered on Sales, read
    # "Left out (18)" with marketing's awareness projects among them.
    choosers = [t for t in problem.teams if t.name in team_names] if team_names else []
    if choosers or departments:
        policy = problem.settings.stages
        left_out = left_out[
            [
                any(policy.allows(stage, d) for d in departments or DEPARTMENTS)
                and (not choosers or any(explain.takes_stage(problem, stage, t) for t in choosers))
                for stage in left_out["stage"]
            ]
        ]
    return left_out.assign(stage=left_out["stage"].map(stage_label))


#: The Left out table's columns, in order. What it would add and why it is left out first: the
#: reason came last, past the table's edge at 1440 px as at 1024 px, behind Goal, Stage and an
#: empty "Teams' own estimates"; with the project and its id the four fill a 1024 px window's
#: table.
LEFT_OUT_COLUMNS = [
    "project",
    "project_id",
    "value",
    "reason",
    "effort_hours",
    "goal",
    "stage",
    "estimates",
]


def left_out_table(problem: Problem, left_out: pd.DataFrame) -> Any:
    """The Left out table as drawn, hours and values in their units."""
    return with_hours(
        left_out,
        "effort_hours",
        amounts={
            "value": [
                plan_frames.goal_kpi(problem, problem.project(pid).goal_id)
                for pid in left_out["project_id"]
            ]
        },
    )


def assignments_in_words(problem: Problem, plan: Plan, *chosen: tuple[str, ...]) -> pd.DataFrame:
    """The plan's rows that the filters ``chosen`` keep (departments, teams, goals, stages),
    in a leader's words and figures."""
    departments, team_names, goal_names, stage_names = (list(c) for c in chosen)
    assigned = keep(
        remembered(plan_frames.assignments_frame, problem, plan),
        department=departments,
        team=team_names,
        goal=goal_names,
        stage=stage_names,
    )
    return in_words(assigned).assign(
        # Hours and values as every page writes them: whole from 10 on, thousands separators.
        hours=[hours_value(h) for h in assigned["hours"]],
        # A value as the data gives it (20.3 new customers), so a goal's rows add up to its
        # planned figure on the Overview (contribution_value).
        value=[contribution_value(v) for v in assigned["value"]],
        # A share as every percentage reads, one decimal with its space ("37.5 %", "60.0 %"):
        # whole, a 0.375 share read "38 %" beside plan.csv's 0.375.
        share=[100 * float(s) for s in assigned["share"]],
    )


def assignments_table(assigned: pd.DataFrame) -> Any:
    """The Assignments table as drawn, hours and values in their units: every column, so
    that "Show every column" shows more of the same rows."""
    return with_hours(
        assigned.drop(columns=["team_id"]), "hours", amounts={"value": list(assigned["kpi"])}
    )


load = keep(
    remembered(plan_frames.team_load_frame, problem, shown), department=departments, team=team_names
)
heat = keep(
    remembered(plan_frames.stage_hours_frame, problem, shown),
    department=departments,
    team=team_names,
    stage=stage_names,
)
attainment = keep(
    remembered(plan_frames.goal_attainment_frame, problem, shown),
    goal=goal_names,
    department=departments,
)
split = keep(
    remembered(plan_frames.goal_effort_frame, problem, shown),
    goal=goal_names,
    department=departments,
)

at_scale = len(load) > charts.MAX_CHART_ROWS
#: The teams in the filters, with projects or without (the charts' "(of 150)").
num_in_filter = len(load)
#: The load that ranks the teams by room left: ``load`` itself, or the whole plan's.
ranked = load
#: The timeline's bars in the filters, and whether it is too tall for all of them: it then
#: shows the teams with the least room left (its caption says so), as at company scale.
# Under company scale too: a department of 20 teams at 40 teams had 88 rows of bars, a
# chart 1,805 px tall. As many rows as the timeline's height holds, whatever the filter.
timeline = (
    None
    if plan is None
    else keep(
        remembered(week_charts.timeline_frame, problem, plan),
        department=departments,
        team=team_names,
        goal=goal_names,
        stage=stage_names,
    )
)
too_tall = timeline is not None and timeline["row"].nunique() > week_charts.MAX_TIMELINE_ROWS
if at_scale:
    # At company scale: the departments, then the teams that bind first; the filters above
    # (a department, or teams typed into the Team box) show any other team.
    show_chart(charts.department_load_chart(load), width="stretch", alt="Load by department")
    if (goal_names or stage_names) and plan is not None:
        # A goal or a stage picked: the bars are that work's hours, but a team's room left is
        # the whole plan's (ranked by one goal's hours, a full team came last), and the teams
        # worth a row are those with work in the filter (not 150 teams, most with none).
        working = load.loc[load["num_projects"] > 0, "team_id"]
        whole = remembered(plan_frames.team_load_frame, problem, plan)
        ranked = whole[whole["team_id"].isin(working)]
        st.caption(md(charts.working_teams_words(len(ranked))))
    else:
        st.caption(
            f"The charts below show the {charts.MAX_CHART_ROWS} teams (of {len(load)}) with "
            "the least room left. Pick a department or type team names above to see others."
        )
    load = charts.binding_teams(load, ranked=None if ranked is load else ranked)
    ranked = ranked[ranked["team_id"].isin(load["team_id"])]  # the timeline's, of these
    # Every chart of these teams in the team chart's order, least room left first.
    heat = charts.in_team_order(
        heat[heat["team_id"].isin(load["team_id"])], load["team_id"], "team_id"
    )
elif too_tall:
    # Fewer teams than the charts hold, too many for the timeline (Sales picked, 12 teams of
    # 24): it shows "those with the least room left", and every chart drew its teams in
    # department order, so the timeline's teams were not the team chart's top rows. They
    # draw least room left first, as at company scale (room in the whole plan's hours).
    if (goal_names or stage_names) and plan is not None:
        whole = remembered(plan_frames.team_load_frame, problem, plan)
        ranked = whole[whole["team_id"].isin(load["team_id"])]
    load = charts.binding_teams(load, limit=len(load), ranked=ranked)
    heat = charts.in_team_order(heat, load["team_id"], "team_id")
#: The charts draw their teams least room left first (else in department order).
by_room = at_scale or too_tall
left, right = st.columns(2, gap="large")
with left:
    show_chart(charts.team_load_spec(load), width="stretch", alt="Team load against capacity")
    if note := plan_frames.capacity_note(problem, shown, list(load["team_id"])):
        st.caption(md(note))
if plan is None:
    # A heat map of zeros coloured every cell as if hours were planned, the goal charts
    # were empty and the timeline said "No project in this filter is in the plan" with no
    # filter set: only the teams' capacity has something to show.
    right.info(NO_PLAN_TO_SHOW)
else:
    with right:
        show_chart(
            charts.stage_heatmap(
                heat.assign(stage=heat["stage"].map(stage_label)),
                [stage_label(s) for s in stages if not stage_names or s in stage_names],
            ),
            width="stretch",
            alt="Hours by team and funnel stage",
        )
    left, right = st.columns(2, gap="large")
    with left:
        show_chart(
            charts.goal_attainment_chart(attainment),
            width="stretch",
            alt="Goal attainment against target by department",
        )
    with right:
        show_chart(
            charts.goal_split_chart(split),
            width="stretch",
            alt="Sales vs marketing share of each goal's hours",
        )

    # The odds of each goal: the Overview's figures, from the same function. A leader reading
    # the plan saw attainment here and the chance of it only on the Overview.
    odds = keep(odds_table(problem, plan), goal=goal_names)
    if odds["uncertain"].any():
        st.subheader("Odds of hitting each target")
        st.caption(
            "The whole plan's odds (the department and team filters do not change them), as on "
            "the Overview, which says where they come from and what would raise them."
        )
        st.markdown(odds_list(odds))

    # The quarter's weeks: when each project runs, and each team's load week by week.
    st.subheader("Weeks")
    if not problem.is_time_phased:
        # A timeline of every bar from week 1 to 13 and thirteen alike weeks said nothing
        # the team chart above does not, and "which team's weeks hold it back" of no wait.
        st.caption(
            md(
                "No project has a duration or window of weeks and no team has its weeks on "
                "the Calendar, so every project runs the whole quarter with its hours spread "
                "evenly and each team's weeks are alike. With weeks, this part shows when "
                "each project runs and each team's load week by week. Give projects a "
                "duration, an earliest week or a due week (the Data page's Projects table), "
                "or teams their weeks (its Calendar table), to plan in weeks."
            )
        )
    else:
        assert timeline is not None
        # At company scale, the teams the charts above show, those that bind first first, as many
        # as fit the timeline's height: all 3,000 projects were a chart 20,000 px tall. Taken in
        # the charts' order, the first teams of the list (marketing's) were said to be "those
        # with the least room left".
        in_timeline = (
            week_charts.first_rows(timeline, charts.teams_by_room(ranked)) if by_room else timeline
        )
        if by_room:  # in the team chart's order, as the line above it says they were chosen
            in_timeline = charts.in_team_order(in_timeline, load["team"])
        if len(in_timeline) < len(timeline):
            st.caption(
                md(
                    charts.timeline_teams_words(
                        in_timeline["team"].nunique(),
                        timeline["team"].nunique(),
                        num_in_filter,
                        "this filter" if goal_names or stage_names else "the plan",
                    )
                )
            )
        timeline = in_timeline
        colour_by = st.segmented_control(
            "Colour the timeline by",
            list(week_charts.COLOUR_BY),
            default="goal",
            key="timeline_colour",
        )
        if timeline.empty:
            st.info(f"No project{IN_FILTER} is in the plan.")
        else:
            show_chart(
                week_charts.timeline_chart(problem, timeline, colour_by or "goal"),
                width="stretch",
                alt="Timeline: when each project runs, by team",
            )
            # The bars say when; a leader also asks why not sooner, which the chart cannot say.
            st.caption(
                "Why a project starts when it does, and which team's weeks hold it back: "
                "pick it under Explain a project, below."
            )
        week_load = keep(
            remembered(week_charts.week_load_frame, problem, plan),
            department=departments,
            team=team_names,
        )
        # The weeks most teams are full, counted over every team in the filters (the heatmap
        # shows those with the least room left, at company scale): the week that binds.
        busiest = week_charts.busiest_weeks(week_load)
        busiest_line = week_charts.busiest_words(week_load, busiest)
        if by_room:  # the teams of the charts above: 150 teams' weeks were 3,600 px tall
            week_load = charts.in_team_order(
                week_load[week_load["team"].isin(load["team"])], load["team"]
            )
        if not week_load.empty:
            show_chart(
                week_charts.week_load_heatmap(week_load, busiest),
                width="stretch",
                alt="Each team's load week by week against that week's hours",
            )
            if busiest_line:
                st.caption(md(busiest_line))
            full_weeks = week_charts.binding_summary(week_load)
            if full_weeks:
                st.caption(md(full_weeks))
            # Pills, not a select box: the page's first select box is "Explain a project".
            team_names_in_load = list(dict.fromkeys(week_load["team"]))
            # A pill's words are Markdown: a team's name is shown as typed (md).
            team_pick = st.pills(
                "A team's weeks",
                team_names_in_load,
                default=team_names_in_load[0],
                format_func=md,
                key="week_team",
            )
            if team_pick is not None:
                show_chart(
                    week_charts.team_week_chart(week_load, team_pick),
                    width="stretch",
                    alt=f"{team_pick}: planned hours per week against the week's hours",
                )

    # Assignments: the rows in words and their table kept while the plan and the filters
    # stay (``remembered``): at 150 teams a rerun (any widget) made them again, 2-5 s.
    assigned = remembered(assignments_in_words, problem, plan, *picked_filters)
    num_rows = len(assigned)
    num_projects = assigned["project_id"].nunique()
    st.subheader(f"Assignments ({counted((num_projects, 'project'), (num_rows, 'row'))})")
    if num_rows != num_projects:
        st.caption(
            "A joint project has two rows: one per owning team, each with its own hours "
            "(and its share, among every column)."
        )
    team_px = team_width(list(dict.fromkeys(assigned["team"])))
    every_column = st.toggle(
        "Show every column",
        key="plan-every-column",
        help="Also Share, Goal, Stage, Department, Status, Joint and Mandatory",
    )
    columns = EVERY_COLUMN if every_column else FIRST_COLUMNS
    st.dataframe(
        # Values in their goal's KPI ("460 MQLs"), as Left out below and the Export read.
        remembered(assignments_table, assigned),
        hide_index=True,
        column_order=columns,
        column_config={
            "project_id": st.column_config.TextColumn("ID", width=FIRST_WIDTHS["project_id"]),
            "project": st.column_config.TextColumn(
                "Project", width=FIRST_WIDTHS["project"] + FIRST_WIDTHS["team"] - team_px
            ),
            "goal": st.column_config.TextColumn("Goal", width="medium"),
            "stage": "Stage",
            "team": st.column_config.TextColumn("Team", width=team_px),
            "weeks": st.column_config.TextColumn(
                "Weeks",
                help="When it runs: its first to its last week, as on the timeline",
                width=FIRST_WIDTHS["weeks"],
            ),
            "department": "Department",
            "share": st.column_config.NumberColumn("Share", format="%.1f %%", width="small"),
            # "340 h", as Left out reads
            "hours": st.column_config.NumberColumn("Hours", width=FIRST_WIDTHS["hours"]),
            # "460 MQLs", the number underneath: no format (it would replace the unit)
            "value": st.column_config.NumberColumn(
                "Value",
                help="What the project adds to its goal, in the goal's KPI",
                width=FIRST_WIDTHS["value"],
            ),
            "status": "Status",
            "joint": st.column_config.CheckboxColumn("Joint"),
            "mandatory": st.column_config.CheckboxColumn("Mandatory"),
        },
    )
    # A goal of whole units read with a decimal says why, as the Overview's Goals table.
    goals_now = remembered(result_metrics, problem, result).goals
    if (why_a_decimal := decimals_words(problem, plan, goals_now)) is not None:
        st.caption(f"{WHY_A_DECIMAL}: {md(why_a_decimal)}")

# Left out


choosers = [t for t in problem.teams if t.name in team_names] if team_names else []
owners_words = joined(
    [t.name for t in choosers] if choosers else [d.capitalize() for d in departments]
)
left_out = remembered(left_out_rows, problem, plan, *picked_filters)
st.subheader("Left out" if plan is None else f"Left out ({len(left_out):,})")
if plan is not None and (choosers or departments):
    st.caption(f"The projects left out that {md(owners_words)} may own at their stage.")
if plan is None:
    # Not "there is no plan" a second time (the line at the top says it): the next step.
    st.info(
        "Until a plan is made every project is left out: pick one under Explain a project, "
        "below, to see which rule or team's hours hold it back."
    )
elif left_out.empty:
    st.success(f"Every project{IN_FILTER} is in the plan.")
elif len(left_out) <= WRAPPED_ROWS:
    # Few enough to read in full: names and reasons wrap instead of being cut.
    wrapped_table(
        pd.DataFrame(
            {
                "Project": left_out["project"],
                "ID": left_out["project_id"],
                "Stage": left_out["stage"],
                "Hours": [hours(h) for h in left_out["effort_hours"]],
                # In its goal's unit: one column holds website visitors, MQLs and ARR $.
                "Value": [
                    contribution(v, plan_frames.goal_kpi(problem, problem.project(pid).goal_id))
                    for pid, v in zip(left_out["project_id"], left_out["value"], strict=True)
                ],
                "Teams' own estimates": left_out["estimates"],
                "Why it is left out": left_out["reason"],
            }
        ),
        one_line=("ID",),
    )
else:
    picked = st.dataframe(
        remembered(left_out_table, problem, left_out),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="plan-left-out",
        column_order=LEFT_OUT_COLUMNS,
        column_config={
            "project_id": st.column_config.TextColumn("ID", width=LEFT_OUT_WIDTHS["project_id"]),
            "project": st.column_config.TextColumn("Project", width=LEFT_OUT_WIDTHS["project"]),
            "goal": st.column_config.TextColumn("Goal", width="medium"),
            "stage": "Stage",
            "effort_hours": st.column_config.NumberColumn("Hours"),
            "value": st.column_config.NumberColumn(
                "Value",
                help="What the project would add to its goal, in the goal's KPI",
                width=LEFT_OUT_WIDTHS["value"],
            ),
            "estimates": st.column_config.TextColumn(
                "Teams' own estimates",
                width="medium",
                help="Where a team's own estimate differs from the project's hours or value",
            ),
            "reason": st.column_config.TextColumn(
                "Why it is left out", width=LEFT_OUT_WIDTHS["reason"]
            ),
        },
    )
    rows = picked.selection.rows if picked is not None else []
    if rows:
        chosen_row = left_out.iloc[rows[0]]
        with st.container(border=True):
            st.markdown(f"**{md(str(chosen_row['project']))}** is left out because:")
            st.markdown(keep_ranges(md(str(chosen_row["reason"]))))
    else:
        st.caption("Select a row to read its whole reason here.")

# Explain one project
st.subheader("Explain a project")
options = [p.project_id for p in problem.projects]
chosen = st.selectbox(
    "Project",
    options,
    index=None,
    # The name first, as the timeline's bars: a leader knows a project by its name.
    format_func=lambda pid: f"{problem.project(pid).name} · {pid}",
    # "When it runs" only where the data has weeks: without them every project runs the
    # whole quarter, and the answer below says no "when".
    placeholder="Pick a project to see who owns it"
    + (", when it runs and why" if problem.is_time_phased else " and why"),
)
if chosen is not None:
    project = problem.project(chosen)
    facts = plan_frames.project_facts(problem, plan, chosen)
    eligible: list[str] = facts["eligible"]  # type: ignore[assignment]
    excluded: dict[str, str] = facts["excluded"]  # type: ignore[assignment]
    details = plan_frames.project_details(problem, chosen)
    # The name, then its figures after a dot: a name with a colon ("Regional roadshow:
    # Chicago, ...") read "...: stage: Lead generation" after ": ".
    st.markdown(f"**{md(project.name)}** · " + md(" · ".join(details)))
    # One explanation: the box below says who owns it, or why it is left out.
    with st.container(border=True):
        why = explain.explain_project(problem, result, chosen)
        st.markdown(keep_ranges(why.markdown()))
        if why.details:
            # Advanced, as every panel of the score is headed (SPEC: for specialists).
            with st.expander("Advanced: the project's share of the plan's score"):
                st.markdown(why.details_markdown())
    st.markdown(f"**Teams that may take it:** {md(', '.join(eligible)) if eligible else 'none'}")
    if eligible and plan is not None and chosen not in plan.owners():
        # A VP Sales asked why a deal-stage project was left out, then what more hours would
        # buy: the answer is a tab away, said here (as `planner explain ID --capacity`).
        st.caption(
            "What more hours for these teams would buy: **Rank the teams** on the Scenarios "
            "page's Capacity what-ifs tab re-plans with 10 % more for each team in turn."
        )
    if excluded:
        with st.expander(f"Teams that may not take it ({len(excluded)}), and why"):
            # Wrapped: a reason is a sentence, read in full.
            wrapped_table(
                pd.DataFrame({"Team": list(excluded), "Why not": list(excluded.values())})
            )

show_next("constraints", "scenarios", "export")
