"""The quarter's weeks on screen: a timeline of the plan and each team's weekly load.

Frames first (one row per mark, plain pandas, tested without a browser),
then charts that only map columns onto marks. Figures come from
:mod:`planner.core.weeks`, so the weeks and hours read the same here, in
plan.csv and in ``planner solve --json``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from planner.core.domain import MARKETING, SALES, Plan, Problem
from planner.core.text import percent
from planner.core.weeks import run_weeks, team_weeks, week_ranges

#: Timeline bars are coloured by one of these project fields.
COLOUR_BY = ("goal", "stage")
_DEPARTMENT_RANK = {MARKETING: 0, SALES: 1}
_LANE = " ·"


def _week_label(problem: Problem, week: int) -> str:
    monday = problem.settings.calendar.monday(week)
    return f"W{week}" if monday is None else f"W{week} ({monday:%d %b})"


def timeline_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """One row per (project, team) of the plan: when it runs, on which row of the timeline.

    Projects of one team that overlap in time go on separate lanes (``row``)
    so that no bar hides another; ``after`` lists the prerequisites it waits
    for (finish to start).
    """
    columns = [
        "project_id",
        "project",
        "team",
        "department",
        "goal",
        "stage",
        "start",
        "end",
        "end_edge",
        "weeks",
        "hours",
        "hours_per_week",
        "after",
        "row",
        "lane",
        "mandatory",
    ]
    if plan is None:
        return pd.DataFrame(columns=columns)
    goals = {g.goal_id: g.name for g in problem.goals}
    team_rank = {
        t.team_id: (_DEPARTMENT_RANK.get(t.department, 2), i) for i, t in enumerate(problem.teams)
    }
    runs = []
    for a in plan.assignments:
        span = run_weeks(problem, a)
        runs.append((a, span[0], span[-1]))
    runs.sort(key=lambda r: (team_rank[r[0].team_id], r[1], r[2], r[0].project_id))
    lanes: dict[str, list[int]] = {}  # team id -> the last week of each lane
    rows = []
    for a, start, end in runs:
        project, team = problem.project(a.project_id), problem.team(a.team_id)
        ends = lanes.setdefault(a.team_id, [])
        lane = next((i for i, last in enumerate(ends) if last < start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        weeks = end - start + 1
        rows.append(
            {
                "project_id": a.project_id,
                "project": project.name,
                "team": team.name,
                "department": team.department,
                "goal": goals.get(project.goal_id or "", "(no goal)"),
                "stage": project.stage,
                "start": start,
                "end": end,
                "end_edge": end + 1,
                "weeks": weeks,
                "hours": float(a.effort_hours),
                "hours_per_week": float(a.effort_hours) / weeks,
                "after": ", ".join(project.depends_on),
                "row": f"{team.name}{_LANE}{lane}",
                "lane": lane,
                "mandatory": project.mandatory,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def dependency_frame(timeline: pd.DataFrame) -> pd.DataFrame:
    """One row per (prerequisite bar, dependent bar) of the timeline: a link to draw."""
    columns = ["from_row", "to_row", "from_week", "to_week", "label"]
    if timeline.empty:
        return pd.DataFrame(columns=columns)
    by_project = {pid: group for pid, group in timeline.groupby("project_id")}
    rows = []
    for _, bar in timeline.iterrows():
        for needed in filter(None, (s.strip() for s in str(bar["after"]).split(","))):
            for _, before in by_project.get(needed, pd.DataFrame()).iterrows():
                rows.append(
                    {
                        "from_row": before["row"],
                        "to_row": bar["row"],
                        "from_week": before["end_edge"],
                        "to_week": bar["start"],
                        "label": f"{needed} → {bar['project_id']}",
                    }
                )
    return pd.DataFrame(rows, columns=columns).drop_duplicates()


def timeline_chart(
    problem: Problem, frame: pd.DataFrame, colour_by: str = "goal"
) -> alt.LayerChart:
    """Bars from start to end week, one lane per overlapping project, grouped by team.

    Dependencies are drawn as grey links from a prerequisite's end to its
    dependant's start, so the order of the work is visible.
    """
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {COLOUR_BY}")
    weeks = problem.num_weeks
    order = list(dict.fromkeys(frame["row"])) if not frame.empty else []
    label_expr = f"indexof(datum.label, '{_LANE}0') >= 0 ? split(datum.label, '{_LANE}')[0] : ''"
    y = alt.Y(
        "row:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            labelExpr=label_expr,
            labelOverlap=False,
            ticks=False,
            domain=False,
            labelLimit=200,
            labelFontWeight="bold",
        ),
    )
    x_scale = alt.Scale(domain=[1, weeks + 1], nice=False)
    x_axis = alt.Axis(
        values=list(range(1, weeks + 1)),
        labelExpr="'W' + datum.value",
        grid=True,
        title="Week",
    )
    if colour_by == "stage":
        colour = alt.Color(
            "stage:N",
            sort=list(problem.settings.stages.order),
            title="Stage",
            legend=alt.Legend(orient="top"),
        )
    else:
        colour = alt.Color(
            "goal:N", title="Goal", legend=alt.Legend(orient="top", columns=4, labelLimit=320)
        )
    bars = (
        alt.Chart(frame)
        .mark_bar(cornerRadius=3, height={"band": 0.8})
        .encode(
            x=alt.X("start:Q", scale=x_scale, axis=x_axis),
            x2="end_edge:Q",
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("project:N", title="Project"),
                alt.Tooltip("team:N", title="Team"),
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("stage:N", title="Stage"),
                alt.Tooltip("start:Q", title="Starts in week"),
                alt.Tooltip("end:Q", title="Ends in week"),
                alt.Tooltip("hours_per_week:Q", title="Hours a week", format=",.1f"),
                alt.Tooltip("after:N", title="After"),
            ],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4, fontSize=10, color="#1a1a1a")
        .encode(x="start:Q", y=y, text="project_id:N")
    )
    layers: list[alt.Chart] = [bars, labels]
    links = dependency_frame(frame)
    if not links.empty:
        layers.insert(
            0,
            alt.Chart(links)
            .mark_rule(color="#777777", strokeDash=[3, 2], strokeWidth=1.2)
            .encode(
                x=alt.X("from_week:Q", scale=x_scale),
                x2="to_week:Q",
                y=alt.Y("from_row:N", sort=order),
                y2="to_row:N",
                tooltip=alt.Tooltip("label:N", title="Finish to start"),
            ),
        )
    return alt.LayerChart(layer=layers).properties(
        width="container",
        height=alt.Step(18),
        title=alt.TitleParams(
            "When each project runs",
            subtitle="one bar per project and team; dashed links: finish to start",
        ),
    )


def week_load_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """One row per (team, week): planned hours, what it may plan, and whether it is full."""
    columns = [
        "team_id",
        "team",
        "department",
        "week",
        "week_label",
        "load",
        "limit",
        "utilisation",
        "full",
    ]
    if plan is None:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in team_weeks(problem, plan):
        team = problem.team(row.team_id)
        utilisation = row.utilisation
        rows.append(
            {
                "team_id": row.team_id,
                "team": team.name,
                "department": team.department,
                "week": row.week,
                "week_label": _week_label(problem, row.week),
                "load": float(row.load),
                "limit": float(row.limit),
                "utilisation": min(utilisation, 9.99),
                "full": row.load > 0 and utilisation >= 0.999,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def binding_summary(frame: pd.DataFrame, threshold: float = 0.9, limit: int = 6) -> list[str]:
    """Each team's fullest weeks in words, fullest teams first: "Content 99.2 % in weeks 5-6"."""
    out: list[tuple[float, str]] = []
    for team, rows in frame.groupby("team", sort=False):
        peak = float(rows["utilisation"].max())
        if peak < threshold:
            continue
        weeks = sorted(int(w) for w in rows.loc[rows["utilisation"] >= peak - 0.005, "week"])
        span = week_ranges(weeks)
        label = f"week {span}" if len(weeks) == 1 else f"weeks {span}"
        out.append((peak, f"{team} {percent(100 * peak)} in {label}"))
    out.sort(key=lambda item: -item[0])
    return [text for _, text in out[:limit]]


def week_load_heatmap(frame: pd.DataFrame) -> alt.LayerChart:
    """Each team's weekly load as a share of that week's hours; full weeks outlined."""
    order = list(dict.fromkeys(frame["team"]))
    base = alt.Chart(frame).encode(
        x=alt.X("week:O", title="Week", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("team:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
        tooltip=[
            alt.Tooltip("team:N", title="Team"),
            alt.Tooltip("week_label:N", title="Week"),
            alt.Tooltip("load:Q", title="Planned (h)", format=",.1f"),
            alt.Tooltip("limit:Q", title="May plan (h)", format=",.1f"),
            alt.Tooltip("utilisation:Q", title="Load", format=".0%"),
        ],
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "utilisation:Q",
            scale=alt.Scale(domain=[0, 1], range=["#f4f6f8", "#2f6f9f"], clamp=True),
            title="Load / hours",
            legend=alt.Legend(format=".0%", orient="top"),
        )
    )
    full = (
        base.transform_filter(alt.datum.full)
        .mark_rect(fill=None, stroke="#c0392b", strokeWidth=2)
        .encode()
    )
    text = base.mark_text(fontSize=9).encode(
        text=alt.Text("utilisation:Q", format=".0%"),
        color=alt.condition(alt.datum.utilisation > 0.6, alt.value("white"), alt.value("#333333")),
    )
    return alt.LayerChart(layer=[cells, full, text]).properties(
        width="container",
        height=alt.Step(24),
        title=alt.TitleParams(
            "Weekly load against each week's hours",
            subtitle="red outline: a full week, the one that binds",
        ),
    )


def team_week_chart(frame: pd.DataFrame, team: str) -> alt.LayerChart:
    """One team's planned hours per week (bars) against that week's hours (step line)."""
    data = frame[frame["team"] == team]
    base = alt.Chart(data).encode(
        x=alt.X("week:O", title="Week", axis=alt.Axis(labelAngle=0)),
        tooltip=[
            alt.Tooltip("week_label:N", title="Week"),
            alt.Tooltip("load:Q", title="Planned (h)", format=",.1f"),
            alt.Tooltip("limit:Q", title="May plan (h)", format=",.1f"),
        ],
    )
    bars = base.mark_bar().encode(
        y=alt.Y("load:Q", title="Hours"),
        color=alt.condition(alt.datum.full, alt.value("#c0392b"), alt.value("#2f6f9f")),
    )
    limit = base.mark_line(interpolate="step", color="#222222", strokeWidth=2).encode(y="limit:Q")
    return alt.LayerChart(layer=[bars, limit]).properties(
        width="container",
        height=220,
        title=alt.TitleParams(f"{team}: hours a week", subtitle="line: the week's hours"),
    )
