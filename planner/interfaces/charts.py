"""What the app draws: a plan's figures as data frames, and Altair charts of them.

Frames come first and are plain pandas (one row per mark), so tests check
the numbers a leader sees without a browser; each ``*_chart`` function only
maps a frame's columns onto marks, colours and tooltips. Nothing here
imports Streamlit: the pages put these charts on screen.

Hours and values are Decimals in the domain and floats here: a chart needs
no more than a float's precision, and the exact figures stay in the plan.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Any, Final

import altair as alt
import pandas as pd

from planner.core import text
from planner.core.domain import DEPARTMENT_ORDER, DEPARTMENTS, MARKETING, SALES, Plan, Problem
from planner.core.parts import decimals_of, parts_adding_up
from planner.core.skill_words import skill_at
from planner.core.text import NO_FIGURE, amount, goal_amount_value, percent, percent_value
from planner.core.weeks import run_weeks, week_ranges
from planner.explain import NEAR_LIMIT, exclusions, own_estimates
from planner.explain.common import as_cell, join_names, project_hours, project_value
from planner.interfaces import vega
from planner.optimizer.eligibility import what_if_capacity
from planner.scenarios.language import stage_label
from planner.scenarios.metrics import plan_metrics

#: One colour per department, the same in every chart.
DEPARTMENT_COLOURS: dict[str, str] = {MARKETING: "#E07B39", SALES: "#3A6EA5"}
NO_GOAL = "(no goal)"

_DEPARTMENT_SCALE = alt.Scale(
    domain=list(DEPARTMENT_ORDER), range=[DEPARTMENT_COLOURS[d] for d in DEPARTMENT_ORDER]
)
#: Goal colours: one categorical scheme of distinct hues (no two blues, no pink beside
#: red), the same in every chart that colours by goal.
GOAL_SCHEME: Final = "tableau10"
#: A department or stage code as a label: "marketing" -> "Marketing" (Vega expression).
_TITLE_CASE = "upper(substring({0}, 0, 1)) + replace(substring({0}, 1), regexp('_', 'g'), ' ')"
#: Category labels (goal and team names) up to this many pixels before "…".
LABELS = alt.Axis(labelLimit=240)
#: Utilisation at or above this share of what a team may plan counts as full: where the
#: explanations say a team binds (:data:`~planner.explain.NEAR_LIMIT`), as a float for frames.
FULL = float(NEAR_LIMIT)
#: Most bars or rows a chart shows; a page summarises the rest (at 30 px a row, about
#: 800 px with title, legend and axes: measured 953 px with 25 rows at 150 teams).
MAX_CHART_ROWS = 20
#: The tallest a chart's plot area gets (pixels): rows get thinner before the chart gets
#: taller, so that with its title, legend and axes a chart stays under 1,000 px.
MAX_CHART_HEIGHT = 700


#: A share (0 to 1) as an axis or legend label: "40 %", as planner.core.text writes it.
PERCENT_LABEL = "round(datum.value * 100) + ' %'"


def row_step(num_rows: int, preferred: int = 30) -> alt.Step:
    """The height of one row: ``preferred`` px, thinner when that would pass the height cap."""
    return alt.Step(max(8, min(preferred, MAX_CHART_HEIGHT // max(num_rows, 1))))


#: The shortest a chart with rows gets (pixels), so one row still has room for its
#: labels, ticks and marks above the bar.
MIN_CHART_HEIGHT = 120


def rows_height(num_rows: int, preferred: int = 30, minimum: int = MIN_CHART_HEIGHT) -> int:
    """A chart's plot height for ``num_rows`` rows: :func:`row_step`'s rows, at least ``minimum``.

    One goal gets ``minimum`` pixels rather than a 30-pixel strip; many get thinner
    rows before the chart passes :data:`MAX_CHART_HEIGHT`.
    """
    step = row_step(num_rows, preferred).step
    return max(minimum, min(MAX_CHART_HEIGHT, max(num_rows, 1) * int(step)))


def binding_teams(load: pd.DataFrame, limit: int = MAX_CHART_ROWS) -> pd.DataFrame:
    """The ``limit`` teams that bind first: least room left for their size, in ``load``'s order.

    ``load`` is :func:`team_load_frame`'s (possibly filtered). A team with no
    room left (or over its limit) binds before one with room; among equals the
    more utilised first. With ``limit`` or fewer teams, ``load`` as it is.
    """
    if len(load) <= limit:
        return load
    room = load["free_hours"] / load["limit_hours"].where(load["limit_hours"] > 0)
    ranked = load.assign(_room=room.fillna(float("inf")), _util=-load["utilisation"].fillna(0))
    keep = ranked.sort_values(["_room", "_util"], kind="stable").index[:limit]
    return load.loc[sorted(keep)]


def goal_label(problem: Problem, goal_id: str | None) -> str:
    """A goal's name for display; ``(no goal)`` for a project without one."""
    if goal_id is None:
        return NO_GOAL
    goal = problem.goal_index.get(goal_id)
    return goal.name if goal is not None else goal_id


# ---------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------


def team_load_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """One row per team: planned hours against its capacity in force.

    Read from :func:`~planner.scenarios.metrics.plan_metrics`, so the chart
    shows the same figures as every other page. Columns: ``team_id``,
    ``team``, ``department``, ``capacity_hours`` (the base, as in
    teams.csv), ``available_hours`` (after the what-if multiplier),
    ``limit_hours`` (the capacity in force: also after max utilisation,
    what the plan may use), ``planned_hours``, ``free_hours`` (capacity in
    force minus planned), ``utilisation`` (planned / capacity in force; NaN
    for a team with none), ``num_projects``, and ``planned_shown`` and
    ``limit_shown``, the planned hours and the capacity in force as every page
    shows them (a department's figures are their sum). Teams are grouped by
    department, marketing first.
    """
    figures = plan_metrics(problem, plan)
    rank = {team_id: i for i, team_id in enumerate(problem.team_order)}
    rows = []
    for t in sorted(figures.teams, key=lambda t: rank[t.team_id]):
        team = problem.team(t.team_id)
        limit = float(t.in_force_hours)
        planned = float(t.planned_hours)
        rows.append(
            {
                "team_id": t.team_id,
                "team": t.name,
                "department": t.department,
                "capacity_hours": float(t.base_hours),
                "available_hours": float(what_if_capacity(problem, team)),
                "limit_hours": limit,
                "planned_hours": planned,
                "free_hours": limit - planned,
                "utilisation": planned / limit if limit > 0 else float("nan"),
                "num_projects": t.num_projects,
                # Tooltips as every page writes them (99.9 %, never 100 % for 99.9); hours
                # as metrics shows them, so that a department's are the sum of its teams'.
                "planned_shown": float(t.shown_planned),
                "limit_shown": float(t.shown_in_force),
                "planned_text": text.hours(t.shown_planned),
                "limit_text": text.hours(t.shown_in_force),
                "base_text": text.hours(t.shown_base),
                "utilisation_text": percent(t.utilisation_pct),
            }
        )
    return pd.DataFrame(rows, columns=_TEAM_LOAD_COLUMNS)


_TEAM_LOAD_COLUMNS = [
    "team_id",
    "team",
    "department",
    "capacity_hours",
    "available_hours",
    "limit_hours",
    "planned_hours",
    "free_hours",
    "utilisation",
    "num_projects",
    "planned_shown",
    "limit_shown",
    "planned_text",
    "limit_text",
    "base_text",
    "utilisation_text",
]


def stage_hours_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """Every (team, stage) cell with the team's planned hours at that stage.

    The grid is complete (zero hours where a team has no project at a
    stage) so that a heatmap shows the empty cells too. Columns: ``team_id``,
    ``team``, ``department``, ``stage``, ``stage_index`` (its place in the
    funnel), ``hours``, ``num_projects`` and ``projects`` (names).
    """
    order = problem.settings.stages.order
    hours: dict[tuple[str, str], float] = defaultdict(float)
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in plan.assignments if plan is not None else ():
        project = problem.project(a.project_id)
        hours[a.team_id, project.stage] += float(a.effort_hours)
        names[a.team_id, project.stage].append(project.name)
    rows = []
    for team_id in problem.team_order:
        team = problem.team(team_id)
        for index, stage in enumerate(order):
            cell = (team_id, stage)
            rows.append(
                {
                    "team_id": team_id,
                    "team": team.name,
                    "department": team.department,
                    "stage": stage,
                    "stage_index": index,
                    "hours": hours.get(cell, 0.0),
                    "num_projects": len(names.get(cell, [])),
                    "projects": "; ".join(names.get(cell, [])),
                }
            )
    return pd.DataFrame(rows)


def goal_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """One row per goal: target, planned contribution and attainment.

    ``planned_value`` sums the value of the goal's assigned projects (a
    joint project's value split by share); ``attainment`` is planned over
    target (may exceed 1; the objective caps it at 1); ``sales_value`` and
    ``marketing_value`` split it by the owning team's department;
    ``proposed_value`` is the value of every project proposed for the goal
    (at the projects' own figures), what doing all of them would reach.
    """
    return pd.DataFrame(_goal_rows(problem, plan), columns=_GOAL_COLUMNS)


def _goal_rows(problem: Problem, plan: Plan | None) -> list[dict[str, Any]]:
    """:func:`plan_metrics`' goals (the figures every page reads), split by department."""
    split: dict[tuple[str, str], float] = defaultdict(float)
    for a in plan.assignments if plan is not None else ():
        goal_id = problem.project(a.project_id).goal_id
        if goal_id is not None:
            split[goal_id, problem.team(a.team_id).department] += float(a.value)
    proposed: dict[str, float] = defaultdict(float)
    for project in problem.projects:
        if project.goal_id is not None:
            proposed[project.goal_id] += float(project.value)
    return [
        {
            "goal_id": g.goal_id,
            "goal": g.name,
            "kpi": g.kpi,
            "owner": g.owner,
            "weight": float(g.weight),
            "target": float(g.target),
            "planned_value": float(g.planned),
            "attainment": g.percent / 100,
            "marketing_value": split[g.goal_id, MARKETING],
            "sales_value": split[g.goal_id, SALES],
            "proposed_value": proposed[g.goal_id],
            "num_projects": g.num_projects,
            "num_assigned": g.num_planned,
        }
        for g in plan_metrics(problem, plan).goals
    ]


_GOAL_COLUMNS = [
    "goal_id",
    "goal",
    "kpi",
    "owner",
    "weight",
    "target",
    "planned_value",
    "attainment",
    "marketing_value",
    "sales_value",
    "proposed_value",
    "num_projects",
    "num_assigned",
]


def goal_attainment_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """Each goal's attainment split by department: one row per (goal, department).

    ``percent`` is the department's contribution as a percentage of the
    goal's target, so that a goal's rows stack up to its attainment.
    """
    rows = []
    for goal in _goal_rows(problem, plan):
        values = [goal[f"{department}_value"] for department in DEPARTMENT_ORDER]
        # The departments' parts as shown add up to the goal as every page shows it (50.1 %
        # and 45.7 % read 95.8 % beside the goal's 95.7 %; 2,538 + 343 MQLs, 2,881 of 2,880).
        total = goal_amount_value(goal["planned_value"], goal["target"])
        shown_values = parts_adding_up(values, total, decimals_of(total))
        shown_percents = parts_adding_up(
            [100 * v / goal["target"] for v in values],
            percent_value(100 * goal["attainment"]) or 0.0,
            text.PERCENT_DECIMALS,
        )
        for department, value, shown_value, shown_percent in zip(
            DEPARTMENT_ORDER, values, shown_values, shown_percents, strict=True
        ):
            rows.append(
                {
                    "goal_id": goal["goal_id"],
                    "goal": goal["goal"],
                    "kpi": goal["kpi"],
                    "department": department,
                    "value": value,
                    "target": goal["target"],
                    "percent": 100 * value / goal["target"],
                    # As every page shows it: a goal below target never reads 100.
                    "total_percent": percent_value(100 * goal["attainment"]),
                    "value_text": text.amount_shown(shown_value),
                    "target_text": amount(goal["target"]),
                    "percent_text": percent(shown_percent),
                    "total_text": percent(100 * goal["attainment"]),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "goal_id",
            "goal",
            "kpi",
            "department",
            "value",
            "target",
            "percent",
            "total_percent",
            "value_text",
            "target_text",
            "percent_text",
            "total_text",
        ],
    )


def goal_effort_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """Who does the work for each goal: planned hours per (goal, department).

    ``share`` is the department's part of the goal's planned hours. Projects
    without a goal are grouped under ``(no goal)``. Goals with no planned
    hours have rows of zero hours and a NaN share.
    """
    hours: dict[tuple[str, str], float] = defaultdict(float)
    for a in plan.assignments if plan is not None else ():
        project = problem.project(a.project_id)
        department = problem.team(a.team_id).department
        hours[goal_label(problem, project.goal_id), department] += float(a.effort_hours)
    labels = [g.name for g in problem.goals]
    if any(p.goal_id is None for p in problem.projects):
        labels.append(NO_GOAL)
    rows = []
    for label in labels:
        total = sum(hours[label, d] for d in DEPARTMENTS)
        # The two shares as shown add up to 100.0 % (60.35 % and 39.65 % read 100.1 %).
        shares = parts_adding_up(
            [100 * hours[label, d] / total if total > 0 else 0.0 for d in DEPARTMENT_ORDER],
            100.0,
            text.PERCENT_DECIMALS,
        )
        for department, share in zip(DEPARTMENT_ORDER, shares, strict=True):
            value = hours[label, department]
            rows.append(
                {
                    "goal": label,
                    "department": department,
                    "hours": value,
                    "share": value / total if total > 0 else float("nan"),
                    "hours_text": text.hours(value),
                    "share_text": percent(share) if total > 0 else NO_FIGURE,
                }
            )
    return pd.DataFrame(rows)


def goal_kpi(problem: Problem, goal_id: str | None) -> str:
    """The KPI (its unit) of a goal, what a project's value counts; "" without one."""
    goal = problem.goal_index.get(goal_id or "")
    return goal.kpi if goal is not None and goal.kpi else ""


def assignments_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """The plan's (project, team) pairs as a table a leader can filter."""
    rows = []
    for a in plan.assignments if plan is not None else ():
        project = problem.project(a.project_id)
        team = problem.team(a.team_id)
        rows.append(
            {
                "project_id": a.project_id,
                "project": project.name,
                "goal": goal_label(problem, project.goal_id),
                "stage": project.stage,
                "team_id": a.team_id,
                "team": team.name,
                "department": team.department,
                "share": float(a.share),
                "hours": float(a.effort_hours),
                "value": float(a.value),
                # The unit of the value: one column holds website visitors, MQLs and ARR $.
                "kpi": goal_kpi(problem, project.goal_id),
                # When it runs, as the timeline draws it and plan.csv's start and end weeks.
                "weeks": week_ranges(list(run_weeks(problem, a))),
                "status": "pinned" if a.pinned else "assigned",
                "joint": project.joint,
                "mandatory": project.mandatory,
            }
        )
    return pd.DataFrame(rows, columns=_ASSIGNMENT_COLUMNS)


_ASSIGNMENT_COLUMNS = [
    "project_id",
    "project",
    "goal",
    "stage",
    "team_id",
    "team",
    "department",
    "share",
    "hours",
    "value",
    "kpi",
    "weeks",
    "status",
    "joint",
    "mandatory",
]


def unassigned_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """The projects the plan leaves out, with the plan's reason for each."""
    rows = []
    for u in plan.unassigned if plan is not None else ():
        project = problem.project(u.project_id)
        rows.append(
            {
                "project_id": u.project_id,
                "project": project.name,
                "goal": goal_label(problem, project.goal_id),
                "stage": project.stage,
                "effort_hours": float(project.effort_hours),
                "value": float(project.value),
                # The teams' own hours and value where they differ, as the reason quotes them.
                "estimates": own_estimates(problem, project),
                "joint": project.joint,
                # A cell reads as a sentence: "It depends on ...", not "it depends on ...".
                "reason": as_cell(problem, u.reason),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "project_id",
            "project",
            "goal",
            "stage",
            "effort_hours",
            "value",
            "estimates",
            "joint",
            "reason",
        ],
    )


def project_facts(problem: Problem, plan: Plan | None, project_id: str) -> dict[str, object]:
    """What the plan does with one project, and which teams could take it.

    Returns a dict with ``owners`` (team name -> hours, empty when
    unassigned), ``reason`` (why it is unassigned, else ``""``),
    ``eligible`` (names of the teams no rule rules out on their own) and
    ``excluded`` (team name -> why that team may not take it, as a table's
    cell reads it: a sentence).
    """
    owners = {}
    reason = ""
    if plan is not None:
        for a in plan.assignments:
            if a.project_id == project_id:
                owners[problem.team(a.team_id).name] = float(a.effort_hours)
        for u in plan.unassigned:
            if u.project_id == project_id:
                reason = u.reason
    excluded = exclusions(problem, project_id)
    return {
        "owners": owners,
        "reason": reason,
        "eligible": [t.name for t in problem.teams if t.team_id not in excluded],
        # Each a table cell: "The stage policy gives ...", not "the stage policy gives ...".
        "excluded": {problem.team(t).name: as_cell(problem, why) for t, why in excluded.items()},
    }


def project_details(problem: Problem, project_id: str) -> list[str]:
    """The project's own figures in words, as "Explain a project" heads it.

    Its prerequisites by name, quoted as the reasons name them ("depends on
    'Trade show presence at SaaStr Annual'"), not by id ("depends on LG-04").
    """
    project = problem.project(project_id)
    need = ", ".join(skill_at(s, lvl) for s, lvl in project.required_skills.items()) or "none"
    details = [
        f"stage: {stage_label(project.stage)}",
        # The project's own figures, a team's own estimate beside them where it differs.
        project_hours(problem, project),
        f"value {project_value(problem, project)}",
        f"goal: {goal_label(problem, project.goal_id)}",
        f"skills needed: {need}",
    ]
    if project.joint:
        details.append(f"joint, sales carries {100 * project.sales_share:.0f} %")
    if project.mandatory:
        details.append("mandatory")
    if project.depends_on:
        names = [f"'{problem.project(p).name}'" for p in project.depends_on]
        details.append(f"depends on {join_names(names)}")
    return details


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def department_colour(title: str = "Department") -> alt.Color:
    """Bars coloured by department, each its colour in every chart, the legend on top
    naming it as a label ("Marketing")."""
    legend = alt.Legend(orient="top", labelExpr=_TITLE_CASE.format("datum.label"))
    return alt.Color("department:N", scale=_DEPARTMENT_SCALE, title=title, legend=legend)


def department_tooltip(title: str = "Department") -> alt.Tooltip:
    """The department in a tooltip, as a label ("Marketing"): the chart must add
    :func:`with_department_label`'s field."""
    return alt.Tooltip("department_label:N", title=title)


def with_department_label(chart: alt.Chart) -> alt.Chart:
    """``chart`` with a ``department_label`` field: its department in Title case."""
    return chart.transform_calculate(department_label=_TITLE_CASE.format("datum.department"))


def team_load_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Planned hours per team as bars coloured by department, the limit as a black tick.

    ``frame`` is :func:`team_load_frame`'s.
    """
    chart = _team_load_layers(tuple(frame["team"])).copy(deep=False)
    # The data on the layer, not on each part: Altair would hash each part's copy of it.
    chart.data = frame
    return chart


def team_load_spec(frame: pd.DataFrame) -> dict[str, Any]:
    """:func:`team_load_chart`'s spec as a page draws it (:func:`vega.vega_lite_spec`), its
    structure made once per order of the teams: a capacity what-if redraws the bars."""
    return vega.spec_on(_team_load_template(tuple(frame["team"])), frame)


@lru_cache(maxsize=16)
def _team_load_template(order: tuple[str, ...]) -> dict[str, Any]:
    chart = _team_load_layers(order).copy(deep=False)
    chart.data = vega.FRAME  # where the frame goes: the spec's keys in the same order
    return vega.vega_lite_spec(chart)


def _team_load_layers(order: tuple[str, ...]) -> alt.LayerChart:
    """:func:`team_load_chart` without its data, for teams in ``order``."""
    base = with_department_label(alt.Chart()).encode(
        y=alt.Y("team:N", sort=list(order), title=None, axis=LABELS),
        tooltip=[
            alt.Tooltip("team:N", title="Team"),
            department_tooltip(),
            alt.Tooltip("planned_text:N", title="Planned"),
            alt.Tooltip("limit_text:N", title="Capacity"),
            alt.Tooltip("base_text:N", title="Own hours (Teams table)"),
            alt.Tooltip("utilisation_text:N", title="Utilisation"),
            alt.Tooltip("num_projects:Q", title="Projects"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("planned_hours:Q", title="Hours this quarter"),
        color=department_colour(),
    )
    limit = base.mark_tick(color="#222222", thickness=3, size=26).encode(x="limit_hours:Q")
    return alt.LayerChart(layer=[bars, limit]).properties(
        width="container",
        height=row_step(len(order)),
        title=alt.TitleParams(
            "Team load against capacity", subtitle="bar = planned hours, tick = capacity"
        ),
    )


def department_load_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Planned hours per department against what its teams may plan (the summary at scale).

    ``frame`` is :func:`team_load_frame`'s; its teams are summed by department.
    """
    summed = (
        frame.groupby("department", sort=False)[
            ["planned_hours", "limit_hours", "planned_shown", "limit_shown"]
        ]
        .sum()
        .reset_index()
    )
    counts = frame.groupby("department", sort=False).size()
    summed["num_teams"] = [int(counts[d]) for d in summed["department"]]
    summed["full_teams"] = [
        int((frame[frame["department"] == d]["free_hours"] <= 0).sum())
        for d in summed["department"]
    ]
    # The sum of the teams' hours as shown: the department cards' figures.
    summed["planned_text"] = [text.hours(h) for h in summed["planned_shown"]]
    summed["limit_text"] = [text.hours(h) for h in summed["limit_shown"]]
    axis = alt.Axis(labelLimit=240, labelExpr=_TITLE_CASE.format("datum.label"))
    base = with_department_label(alt.Chart()).encode(
        y=alt.Y("department:N", sort=list(DEPARTMENT_ORDER), title=None, axis=axis),
        tooltip=[
            department_tooltip(),
            alt.Tooltip("num_teams:Q", title="Teams"),
            alt.Tooltip("full_teams:Q", title="Teams with no room left"),
            alt.Tooltip("planned_text:N", title="Planned"),
            alt.Tooltip("limit_text:N", title="Capacity"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("planned_hours:Q", title="Hours this quarter"), color=department_colour()
    )
    limit = base.mark_tick(color="#222222", thickness=3, size=36).encode(x="limit_hours:Q")
    return alt.LayerChart(data=summed, layer=[bars, limit]).properties(
        width="container",
        height=alt.Step(44),
        title=alt.TitleParams(
            "Load by department", subtitle="bar = planned hours, tick = what its teams may plan"
        ),
    )


#: A stage's column (px) that holds its name slanted at 30 degrees without touching the next.
_SLANTED_STAGE_PX = 26
#: A stage name's longest (px) before "…", upright or slanted.
_STAGE_LABEL_PX = 140


def _figure_px(label: str) -> float:
    """About how wide (px) a cell's figure is at 11 px, with room on each side: a digit
    half the font's size, a separator less ("1,070" 27.5 px, in the sample's 31 px)."""
    return sum(2.5 if c in ",." else 5.5 for c in label) + 3.0


def stage_heatmap(frame: pd.DataFrame, stages: tuple[str, ...] | list[str]) -> alt.LayerChart:
    """Planned hours of each team at each funnel stage, as a heatmap with labels.

    ``frame`` is :func:`stage_hours_frame`'s; ``stages`` the funnel order.
    """
    order = list(dict.fromkeys(frame["team"]))
    frame = frame.assign(hours_text=[text.hours(h) for h in frame["hours"]])
    # The cell's label, as the tooltip writes it (7.5, not Vega's "8"); the legend gives "Hours".
    frame = frame.assign(hours_label=[t.removesuffix(" h") for t in frame["hours_text"]])
    # Slanted names need a column of _SLANTED_STAGE_PX; narrower (12 stages in half a
    # laptop's page: 16 px), each ran into the next, and they stand upright. The width is
    # the page's (a container's), known only in Vega.
    columns = max(len(stages), 1)
    stage_axis = alt.Axis(
        labelAngle=alt.ExprRef(f"width / {columns} >= {_SLANTED_STAGE_PX} ? -30 : -90"),
        labelOverlap=False,
        labelLimit=_STAGE_LABEL_PX,
        orient="top",
        labelExpr=_TITLE_CASE.format("datum.label"),
    )
    base = (
        with_department_label(alt.Chart())
        .transform_calculate(stage_label=_TITLE_CASE.format("datum.stage"))
        .encode(
            x=alt.X("stage:N", sort=list(stages), title=None, axis=stage_axis),
            y=alt.Y("team:N", sort=order, title=None, axis=LABELS),
            tooltip=[
                alt.Tooltip("team:N", title="Team"),
                department_tooltip(),
                alt.Tooltip("stage_label:N", title="Stage"),
                alt.Tooltip("hours_text:N", title="Hours"),
                alt.Tooltip("num_projects:Q", title="Projects"),
                alt.Tooltip("projects:N", title="Which"),
            ],
        )
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("hours:Q", title="Hours", scale=alt.Scale(scheme="blues"))
    )
    peak = float(frame["hours"].max()) if len(frame) else 0.0
    # Every figure, or none: "410200130" read where three cells of 16 px held 410, 200, 130.
    widest = max((_figure_px(label) for label in frame["hours_label"]), default=0.0)
    labels = (
        base.transform_filter(alt.datum.hours > 0)
        .mark_text(fontSize=11)
        .encode(
            text=alt.Text("hours_label:N"),
            color=alt.condition(
                alt.datum.hours > peak * 0.6, alt.value("white"), alt.value("#222222")
            ),
            opacity=alt.condition(f"width / {columns} >= {widest:.1f}", alt.value(1), alt.value(0)),
        )
    )
    return alt.LayerChart(data=frame, layer=[cells, labels]).properties(
        width="container", height=row_step(len(order), 28), title="Hours by team and funnel stage"
    )


def goal_attainment_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Each goal's planned attainment, stacked by department, against a 100 % target line.

    ``frame`` is :func:`goal_attainment_frame`'s.
    """
    order = list(dict.fromkeys(frame["goal"]))
    # Ticks every 25 % up to the fullest goal, so that the target's own tick reads "100 %":
    # half a page wide on the Plan page, Vega's own ticks read "0 %, 40 %, 80 %" beside the
    # dashed target line. Labels that would overlap drop every other one: 0, 50, 100 stay.
    top = max([100.0, *frame.groupby("goal")["percent"].sum()])
    ticks = list(range(0, 25 * math.ceil(top / 25) + 1, 25))
    bars = (
        with_department_label(alt.Chart(frame))
        .mark_bar()
        .encode(
            y=alt.Y("goal:N", sort=order, title=None, axis=LABELS),
            # Its ticks read "80 %", as the split chart beside it and the odds chart do
            # ("0, 10, ... 110" beside "0 %, 20 %, ...").
            x=alt.X(
                "percent:Q",
                stack="zero",
                title="% of target",
                axis=alt.Axis(values=ticks, labelExpr="datum.value + ' %'"),
                # Up to the last tick: a goal past its target ended past the labelled scale.
                scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
            ),
            color=department_colour("Delivered by"),
            order=alt.Order("department:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("kpi:N", title="KPI"),
                department_tooltip("Delivered by"),
                alt.Tooltip("value_text:N", title="Planned"),
                alt.Tooltip("target_text:N", title="Target"),
                alt.Tooltip("percent_text:N", title="Of target"),
                alt.Tooltip("total_text:N", title="Goal in total"),
            ],
        )
    )
    target = (
        alt.Chart(pd.DataFrame({"percent": [100.0]}))
        .mark_rule(color="#222222", strokeDash=[4, 3], strokeWidth=2)
        .encode(x="percent:Q")
    )
    return alt.LayerChart(layer=[bars, target]).properties(
        width="container",
        height=row_step(len(order)),
        title=alt.TitleParams(
            "Goal attainment against target", subtitle="dashed line = target (100 %)"
        ),
    )


def goal_split_chart(frame: pd.DataFrame) -> alt.Chart:
    """Sales vs marketing share of each goal's planned hours, as 100 % bars.

    ``frame`` is :func:`goal_effort_frame`'s.
    """
    order = list(dict.fromkeys(frame["goal"]))
    return (
        with_department_label(alt.Chart(frame))
        .mark_bar()
        .encode(
            y=alt.Y("goal:N", sort=order, title=None, axis=LABELS),
            x=alt.X(
                "hours:Q",
                stack="normalize",
                # Short enough to sit under the plot beside long goal names on a laptop
                # (it read "Share of the goal's planned hour").
                title="% of its planned hours",
                # "40 %", as the text functions write a percentage (Vega's own "%" has no space).
                axis=alt.Axis(values=[0, 0.2, 0.4, 0.6, 0.8, 1], labelExpr=PERCENT_LABEL),
            ),
            color=department_colour("Hours by"),
            order=alt.Order("department:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                department_tooltip(),
                alt.Tooltip("hours_text:N", title="Hours"),
                alt.Tooltip("share_text:N", title="Share"),
            ],
        )
        .properties(
            width="container",
            height=row_step(len(order)),
            title="Who does the work: sales vs marketing per goal",
        )
    )
