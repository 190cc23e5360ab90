"""A plan's figures as data frames: one row per mark, the numbers a leader sees.

Plain pandas, read by the pages' tables and by :mod:`planner.interfaces.charts`'
charts (which only map a frame's columns onto marks), so tests check the figures
without a browser. Hours and values are Decimals in the domain and floats here: a
chart needs no more than a float's precision, and the exact figures stay in the plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import pandas as pd

from planner.core import shown_figures
from planner.core.capacity import what_if_capacity
from planner.core.domain import (
    DEPARTMENT_ORDER,
    DEPARTMENTS,
    MARKETING,
    SALES,
    AssignmentStatus,
    Plan,
    Problem,
)
from planner.core.rounded_parts import decimals_of, parts_adding_up
from planner.core.shared_words import UP_TO_SHARE, joined, plural
from planner.core.shown_figures import NO_FIGURE, amount, goal_amount_value, percent, percent_value
from planner.core.skill_words import skill_at
from planner.core.weeks import run_weeks, week_ranges, weeks_words
from planner.explain import NEAR_LIMIT, exclusions, own_estimates
from planner.explain.project_figures import project_hours, project_value
from planner.explain.sentences import as_cell, as_cells, at_most, join_names
from planner.interfaces.charts import goal_labels, team_labels
from planner.scenarios.labels import stage_label
from planner.scenarios.metrics import plan_metrics

NO_GOAL = "(no goal)"
#: Utilisation at or above this share of what a team may plan counts as full: where the
#: explanations say a team binds (:data:`~planner.explain.NEAR_LIMIT`), as a float for frames.
FULL = float(NEAR_LIMIT)


def goal_label(
    problem: Problem, goal_id: str | None, labels: Mapping[str, str] | None = None
) -> str:
    """A goal's label for display (:func:`~planner.interfaces.charts.goal_labels`: its name,
    with its id after a name another goal shares); ``(no goal)`` for a project without one.
    ``labels``, when given, is ``goal_labels(problem)``, made once for a frame's rows."""
    if goal_id is None:
        return NO_GOAL
    return (goal_labels(problem) if labels is None else labels).get(goal_id, goal_id)


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
    labels = team_labels(problem)
    rows = []
    for t in sorted(figures.teams, key=lambda t: rank[t.team_id]):
        team = problem.team(t.team_id)
        limit = float(t.in_force_hours)
        planned = float(t.planned_hours)
        rows.append(
            {
                "team_id": t.team_id,
                "team": labels[t.team_id],
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
                "planned_text": shown_figures.hours(t.shown_planned),
                "limit_text": shown_figures.hours(t.shown_in_force),
                "base_text": shown_figures.hours(t.shown_base),
                "utilisation_text": percent(t.utilisation_pct),
            }
        )
    return pd.DataFrame(rows, columns=_TEAM_LOAD_COLUMNS)


def capacity_note(
    problem: Problem,
    plan: Plan | None,
    teams: Sequence[str] = (),
    label: str = "Capacity (the tick)",
) -> str | None:
    """Why the load chart's capacity (its tick) differs from a team's own hours in the
    Data page's Teams table, in words; ``None`` where no team's does. ``teams``: the team
    ids the chart shows (none = every team); ``label``: what the capacity is called where
    the note stands (the Check-in's hours table: its "Capacity" column).

    The tick is the team's hours in the quarter's weeks, the Calendar's where it has rows:
    the sample's Content read 944 h on the chart and 900 h on the Data page, with nothing
    saying why (its Calendar gives it 44 h in week 1 rising to 85 h a week from week 7).
    A team above its own hours is named with its weeks; the teams below, by the weeks the
    Calendar gives fewer hours; the capacity what-ifs and the share each team is planned up
    to are said when they move a tick too. Hours as the chart's tooltips write them.
    """
    figures = {t.team_id: t for t in plan_metrics(problem, plan).teams}
    labels = team_labels(problem)
    shown = [t for t in problem.team_order if not teams or t in teams]
    on_calendar = {row.team_id for row in problem.calendar}
    weeks = problem.num_weeks
    above, below, scaled = [], defaultdict(list), False
    for team_id in shown:
        t = figures[team_id]
        scaled = scaled or t.in_force_hours != t.quarter_hours
        if team_id not in on_calendar or t.quarter_hours == t.base_hours:
            continue
        quarter = t.shown_in_force if t.in_force_hours == t.quarter_hours else t.shown_quarter
        week_hours = problem.week_hours[team_id]
        if t.quarter_hours > t.base_hours:
            above.append(
                f"{labels[team_id]} has {shown_figures.hours(quarter)}, more than its own "
                f"{shown_figures.hours(t.shown_base)}: its Calendar rows give it "
                f"{_week_runs(week_hours)}"
            )
        else:
            even = Fraction(t.base_hours) / weeks
            fewer = [w for w, h in enumerate(week_hours, 1) if h < even]
            below[weeks_words(fewer)].append(labels[team_id])
    if not (above or below or scaled):
        return None
    lines = []
    if above or below:
        lines.append(
            # "the Calendar tab's where it has rows" read as a riddle to a CMO.
            f"{label} is a team's hours in the quarter's weeks, as the Calendar tab gives "
            "them in the weeks it has rows for the team, so it can differ from the team's "
            "own hours in the Data page's Teams table."
        )
    lines += [f"{line}." for line in above[:_ABOVE_NAMED]]
    if len(above) > _ABOVE_NAMED:
        lines.append(f"{plural(len(above) - _ABOVE_NAMED, 'more team')} too.")
    if below:
        # "and 1 more" takes the room of the name it hides: names up to one past the cap.
        groups = [
            f"{when} for "
            + join_names(names if len(names) <= _BELOW_NAMED + 1 else at_most(names, _BELOW_NAMED))
            for when, names in below.items()
        ]
        count = sum(len(names) for names in below.values())
        teams_word = plural(count, "team")
        if above:
            teams_word = "The other team" if count == 1 else f"The other {teams_word}"
        lines.append(
            f"{teams_word} "
            f"{'has' if count == 1 else 'have'} less than {'its' if count == 1 else 'their'} "
            f"own hours, for the weeks the Calendar gives fewer: {'; '.join(groups)}."
        )
    if scaled:
        lines.append(f"{label} is also after the capacity what-ifs and {UP_TO_SHARE}.")
    return " ".join(lines)


#: Teams above their own hours named with their weeks, and teams below named per group of
#: weeks, before "and N more": at 150 teams the note stays a few lines.
_ABOVE_NAMED, _BELOW_NAMED = 3, 6


def _week_runs(week_hours: Sequence[Fraction]) -> str:
    """A team's hours in each week, runs of equal weeks together: "44.0 h in week 1, 55.0 h a
    week in weeks 2-4 and 85.0 h a week in weeks 5-13" (tenths, as the weekly chart)."""
    runs: list[tuple[Fraction, list[int]]] = []
    for week, hours in enumerate(week_hours, 1):
        if runs and runs[-1][0] == hours:
            runs[-1][1].append(week)
        else:
            runs.append((hours, [week]))
    return joined(
        [
            f"{shown_figures.week_hours(h)}{'' if len(w) == 1 else ' a week'} in {weeks_words(w)}"
            for h, w in runs
        ]
    )


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
    labels = team_labels(problem)
    for team_id in problem.team_order:
        team = problem.team(team_id)
        for index, stage in enumerate(order):
            cell = (team_id, stage)
            rows.append(
                {
                    "team_id": team_id,
                    "team": labels[team_id],
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
    labels = goal_labels(problem)
    return [
        {
            "goal_id": g.goal_id,
            "goal": labels[g.goal_id],
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
            shown_figures.PERCENT_DECIMALS,
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
                    "value_text": shown_figures.amount_shown(shown_value),
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
    shown = goal_labels(problem)
    for a in plan.assignments if plan is not None else ():
        project = problem.project(a.project_id)
        department = problem.team(a.team_id).department
        hours[goal_label(problem, project.goal_id, shown), department] += float(a.effort_hours)
    labels = list(shown.values())
    if any(p.goal_id is None for p in problem.projects):
        labels.append(NO_GOAL)
    rows = []
    for label in labels:
        total = sum(hours[label, d] for d in DEPARTMENTS)
        # The two shares as shown add up to 100.0 % (60.35 % and 39.65 % read 100.1 %).
        shares = parts_adding_up(
            [100 * hours[label, d] / total if total > 0 else 0.0 for d in DEPARTMENT_ORDER],
            100.0,
            shown_figures.PERCENT_DECIMALS,
        )
        for department, share in zip(DEPARTMENT_ORDER, shares, strict=True):
            value = hours[label, department]
            rows.append(
                {
                    "goal": label,
                    "department": department,
                    "hours": value,
                    "share": value / total if total > 0 else float("nan"),
                    "hours_text": shown_figures.hours(value),
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
    goals, teams = goal_labels(problem), team_labels(problem)
    for a in plan.assignments if plan is not None else ():
        project = problem.project(a.project_id)
        team = problem.team(a.team_id)
        rows.append(
            {
                "project_id": a.project_id,
                "project": project.name,
                "goal": goal_label(problem, project.goal_id, goals),
                "stage": project.stage,
                "team_id": a.team_id,
                "team": teams[a.team_id],
                "department": team.department,
                "share": float(a.share),
                "hours": float(a.effort_hours),
                "value": float(a.value),
                # The unit of the value: one column holds website visitors, MQLs and ARR $.
                "kpi": goal_kpi(problem, project.goal_id),
                # When it runs, as the timeline draws it and plan.csv's start and end weeks.
                "weeks": week_ranges(list(run_weeks(problem, a))),
                "status": (
                    AssignmentStatus.PINNED if a.pinned else AssignmentStatus.ASSIGNED
                ).value,
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
    unassigned = plan.unassigned if plan is not None else ()
    reasons = as_cells(problem, [u.reason for u in unassigned])
    goals = goal_labels(problem)
    for u, reason in zip(unassigned, reasons, strict=True):
        project = problem.project(u.project_id)
        rows.append(
            {
                "project_id": u.project_id,
                "project": project.name,
                "goal": goal_label(problem, project.goal_id, goals),
                "stage": project.stage,
                "effort_hours": float(project.effort_hours),
                "value": float(project.value),
                # The teams' own hours and value where they differ, as the reason quotes them.
                "estimates": own_estimates(problem, project),
                "joint": project.joint,
                # A cell reads as a sentence: "It depends on ...", not "it depends on ...".
                "reason": reason,
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
    need = (
        ", ".join(
            skill_at(problem.skill_name(s), lvl) for s, lvl in project.required_skills.items()
        )
        or "none"
    )
    details = [
        f"{stage_label(project.stage)} stage",
        # The project's own figures, a team's own estimate beside them where it differs.
        project_hours(problem, project),
        f"value {project_value(problem, project)}",
        f"goal: {goal_label(problem, project.goal_id)}",
        f"skills needed: {need}",
    ]
    if project.joint:
        details.append(f"joint, sales carries {percent(100 * project.sales_share)}")
    if project.mandatory:
        details.append("mandatory")
    if project.depends_on:
        names = [f"'{problem.project(p).name}'" for p in project.depends_on]
        details.append(f"depends on {join_names(names)}")
    return details
