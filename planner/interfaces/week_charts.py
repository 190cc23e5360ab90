"""The quarter's weeks on screen: a timeline of the plan and each team's weekly load.

Frames first (one row per mark, plain pandas, tested without a browser),
then charts that only map columns onto marks. Figures come from
:mod:`planner.core.weeks`, so the weeks and hours read the same here, in
plan.csv and in ``planner solve --json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import altair as alt
import pandas as pd

from planner.core.domain import Assignment, Plan, Problem
from planner.core.shared_words import plural
from planner.core.shown_figures import percent, share_percent, week_hours
from planner.core.weeks import run_weeks, team_weeks, weeks_words
from planner.explain.week_words import a_week
from planner.interfaces.charts import (
    GOAL_SCHEME,
    PERCENT_LABEL,
    PLANNED_SHARE,
    goal_labels,
    team_labels,
)
from planner.interfaces.plan_frames import FULL
from planner.scenarios.labels import stage_label

#: Timeline bars are coloured by one of these project fields.
COLOUR_BY = ("goal", "stage")
_LANE = " ·"
#: Pixels of a bar its label leaves free: the label's 4 px inset and a gap before the next.
_LABEL_PAD_PX = 8


def _bar_label(project_id: str, name: str) -> str:
    """``Spring webinar series · AW-02``: the whole name, then the id.

    The name first: a leader knows a project by it, and "AW-02 · Annual user confe…"
    led with the id the data gave it (the id after, to find it in the tables). Whole:
    the chart alone cuts it, to its bar's width; cut here to 28 characters as well, a
    short bar read "QBR program for Tec…..." (two cuts, two ellipses)."""
    return f"{name} · {project_id}"


def _week_label(problem: Problem, week: int) -> str:
    monday = problem.settings.calendar.monday(week)
    return f"W{week}" if monday is None else f"W{week} ({monday:%d %b})"


def _week_date(problem: Problem, week: int) -> str:
    """The Monday that starts ``week``, as a week axis writes it ("21 Jul"); "" without one."""
    monday = problem.settings.calendar.monday(week)
    return "" if monday is None else f"{monday.day} {monday:%b}"


def _week_axis(dates: dict[int, str], **kwargs: Any) -> tuple[str, alt.Axis]:
    """A week axis's title and axis: each week's number over its Monday's date ("4" over
    "21 Jul", as plan.xlsx's "Week starting" column), or the number alone without dates."""
    if not any(dates.values()):
        return "Week", alt.Axis(**kwargs)
    # Two lines a label: Vega draws a label given as an array one line per item.
    last = max(dates)
    labels = [[str(w), dates.get(w, "")] if w in dates else "" for w in range(last + 1)]
    return "Week (starting Monday)", alt.Axis(
        labelExpr=f"{labels}[datum.value] || datum.label", **kwargs
    )


#: A project without a goal, as the timeline's legend names it.
NO_GOAL = "(no goal)"


#: The columns of :func:`timeline_frame`, in order (an empty plan has them too).
_TIMELINE_COLUMNS = [
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
    "after_text",
    "row",
    "lane",
    "mandatory",
    "label",
    "hours_per_week_text",
    "stage_words",
    "department_words",
]


def _runs_in_lanes(problem: Problem, plan: Plan) -> list[tuple[Assignment, int, int, int]]:
    """Each assignment with its first and last week and its lane: a team's runs in order
    of start, each on the first lane free by then, so that no bar hides another."""
    team_rank = {team_id: i for i, team_id in enumerate(problem.team_order)}
    runs = []
    for a in plan.assignments:
        span = run_weeks(problem, a)
        runs.append((a, span[0], span[-1]))
    runs.sort(key=lambda r: (team_rank[r[0].team_id], r[1], r[2], r[0].project_id))
    lanes: dict[str, list[int]] = {}  # team id -> the last week of each lane
    out = []
    for a, start, end in runs:
        ends = lanes.setdefault(a.team_id, [])
        lane = next((i for i, last in enumerate(ends) if last < start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        out.append((a, start, end, lane))
    return out


def timeline_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """One row per (project, team) of the plan: when it runs, on which row of the timeline.

    Projects of one team that overlap in time go on separate lanes (``row``)
    so that no bar hides another; ``after`` lists the prerequisites it waits
    for (finish to start).
    """
    if plan is None:
        return pd.DataFrame(columns=_TIMELINE_COLUMNS)
    goals, teams = goal_labels(problem), team_labels(problem)
    rows = []
    for a, start, end, lane in _runs_in_lanes(problem, plan):
        project, team = problem.project(a.project_id), problem.team(a.team_id)
        weeks = end - start + 1
        rows.append(
            {
                "project_id": a.project_id,
                "project": project.name,
                "team": teams[a.team_id],
                "department": team.department,
                "goal": goals.get(project.goal_id or "", NO_GOAL),
                "stage": project.stage,
                "start": start,
                "end": end,
                "end_edge": end + 1,
                "weeks": weeks,
                "hours": float(a.effort_hours),
                "hours_per_week": float(a.effort_hours) / weeks,
                "after": ", ".join(project.depends_on),
                # By name, as "Explain a project" names them (the ids draw the links).
                "after_text": ", ".join(f"'{problem.project(d).name}'" for d in project.depends_on),
                "row": f"{teams[a.team_id]}{_LANE}{lane}",
                "lane": lane,
                "mandatory": project.mandatory,
                "label": _bar_label(a.project_id, project.name),
                # To a tenth, as the reasons and the weekly load say a week's hours: whole,
                # 220 h over 7 weeks read "31 h" here and "31.4 h a week" in its reasons.
                "hours_per_week_text": a_week(Fraction(a.effort_hours) / weeks),
                "stage_words": stage_label(project.stage),
                "department_words": team.department.capitalize(),
            }
        )
    return pd.DataFrame(rows, columns=_TIMELINE_COLUMNS)


def dependency_frame(timeline: pd.DataFrame) -> pd.DataFrame:
    """One row per (prerequisite bar, dependent bar) of the timeline that runs finish to
    start: a link to draw."""
    columns = ["from_row", "to_row", "from_week", "to_week", "label"]
    if timeline.empty:
        return pd.DataFrame(columns=columns)
    # Plain records, not a group per project and ``iterrows``: 1.6 s at 3,000 projects.
    bars = timeline[["project_id", "row", "start", "end_edge", "after"]].to_dict("records")
    by_project: dict[str, list[dict[Any, Any]]] = {}
    for bar in bars:
        by_project.setdefault(str(bar["project_id"]), []).append(bar)
    rows = []
    for bar in bars:
        for needed in filter(None, (s.strip() for s in str(bar["after"]).split(","))):
            for before in by_project.get(needed, []):
                if before["end_edge"] > bar["start"]:
                    # Not finish to start (SPEC rule 12 orders two projects with durations
                    # only): drawn back from the quarter's end, it read as a rule broken.
                    continue
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


#: The most rows the timeline draws (overlapping projects of a team take a row each): at
#: 18 px a row, about 700 px, so that the chart stays under 1,000 px.
MAX_TIMELINE_ROWS = 38


def first_rows(
    frame: pd.DataFrame, teams: Sequence[str], max_rows: int = MAX_TIMELINE_ROWS
) -> pd.DataFrame:
    """The bars of ``teams`` (names, in that order) on the timeline, as many teams as fit.

    ``frame`` is :func:`timeline_frame`'s. Teams are taken in order while
    their rows fit ``max_rows``; the first team with bars is kept whatever its
    rows, so that the chart is never empty when there are bars to draw.
    """
    if frame.empty:
        return frame
    num_rows = frame.groupby("team")["lane"].max() + 1
    kept: list[str] = []
    used = 0
    for team in teams:
        if team not in num_rows.index:
            continue
        rows = int(num_rows[team])
        if kept and used + rows > max_rows:
            break
        kept.append(team)
        used += rows
    return frame[frame["team"].isin(kept)]


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
    y = _lanes(order)
    x_scale = alt.Scale(domain=[1, weeks + 1], nice=False)
    # The week's number (and its Monday), as the weekly load charts below write it.
    # Whole numbers: left to its own format Vega wrote "1.0 2.0 … 13.0" on a quarter's axis.
    title, x_axis = _week_axis(
        {w: _week_date(problem, w) for w in range(1, weeks + 1)},
        values=list(range(1, weeks + 1)),
        grid=True,
        format="d",
    )
    x_axis.title = title
    colour = _timeline_colour(problem, colour_by)
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
                alt.Tooltip("stage_words:N", title="Stage"),
                alt.Tooltip("start:Q", title="Starts in week"),
                alt.Tooltip("end:Q", title="Ends in week"),
                alt.Tooltip("hours_per_week_text:N", title="Hours a week"),
                alt.Tooltip("after_text:N", title="After"),
            ],
        )
    )
    # Each label ends within its bar (less its 4 px inset and a gap): at 150 teams a
    # two-week bar's "P0865 · SEO pillar pages f…" ran over the next bar's label.
    within_bar = f"max(0, (datum.end_edge - datum.start) * width / {weeks} - {_LABEL_PAD_PX})"
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4, fontSize=10, color="#1a1a1a", limit=alt.expr(within_bar))
        .encode(x="start:Q", y=y, text="label:N", tooltip=alt.Tooltip("project:N", title="Project"))
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
                y=alt.Y("from_row:N", sort=order, scale=alt.Scale(domain=order)),
                y2="to_row:N",
                tooltip=alt.Tooltip("label:N", title="Finish to start"),
            ),
        )
    return alt.LayerChart(layer=layers).properties(
        width="container",
        height=alt.Step(18),
        title=alt.TitleParams(
            "When each project runs",
            # "finish to start" is a scheduler's term: said as a leader reads the link.
            subtitle="one bar per project and team; dashed link: a project that must end "
            "before the next one starts",
        ),
    )


def _lanes(order: list[str]) -> alt.Y:
    """The timeline's rows in ``order``, each team's name on its first lane only."""
    label_expr = f"indexof(datum.label, '{_LANE}0') >= 0 ? split(datum.label, '{_LANE}')[0] : ''"
    # An explicit domain, not only a sort: layers with their own data union their
    # domains, and Vega-Lite drops a sort on a union (the teams came out alphabetical).
    return alt.Y(
        "row:N",
        sort=order,
        scale=alt.Scale(domain=order),
        title=None,
        axis=alt.Axis(
            labelExpr=label_expr,
            labelOverlap=False,
            ticks=False,
            domain=False,
            # A third of a phone's 320 px: 200 px of team names left its bars 100 px.
            labelLimit=alt.ExprRef(f"{_NARROW} ? {_NARROW_LANE_PX} : {_LANE_PX}"),
            labelFontWeight="bold",
        ),
    )


def _timeline_colour(problem: Problem, colour_by: str) -> alt.Color:
    """The bars' colour: by stage, in the stages' order, or by goal."""
    if colour_by == "stage":
        stage_words = "upper(substring(datum.label, 0, 1)) + "
        stage_words += "replace(substring(datum.label, 1), regexp('_', 'g'), ' ')"
        return alt.Color(
            "stage:N",
            sort=list(problem.settings.stages.order),
            title="Stage",
            scale=alt.Scale(scheme=GOAL_SCHEME),
            # One row of six stages is about 600 px: narrower, three a row ("Closi…" at 1024).
            legend=alt.Legend(
                orient="top",
                labelExpr=stage_words,
                columns=alt.ExprRef(f"width < {_ONE_ROW_OF_STAGES_PX} ? 3 : 0"),
            ),
        )
    return alt.Color(
        "goal:N",
        # The goals in the data's order, as every table and chart lists them: the legend
        # read them alphabetically ("Churn saved" first, "Grow website traffic" fourth).
        sort=[*goal_labels(problem).values(), NO_GOAL],
        title="Goal",
        scale=alt.Scale(scheme=GOAL_SCHEME),
        # Two goals a row: four ran past the chart's right edge on a 1280 px laptop
        # ("Grow website traffi…"); a goal's name is up to 230 px. One a row on a plot
        # narrower than two names (1024 px beside the sidebar: "Grow website traffic from our").
        # On a phone a name is cut to what the team names leave of the container (the legend
        # starts above the plot): at 320 px a name of up to 320 px ran past the right edge.
        legend=alt.Legend(
            orient="top",
            columns=alt.ExprRef(f"width < {_TWO_GOALS_PX} ? 1 : 2"),
            labelLimit=alt.ExprRef(f"{_NARROW} ? {_CONTAINER} - {_NARROW_ROOM_PX} : 320"),
        ),
    )


#: The width the page gives the chart (Vega's container): not the plot's ``width``, which
#: shrinks as the team names grow (a limit read from it would flip between two values).
_CONTAINER = "containerSize()[0]"
#: A container narrower than this (px) is a phone's: shorter team names, legend in its width.
_NARROW_PX = 480
_NARROW = f"{_CONTAINER} < {_NARROW_PX}"
#: The widest a team's name is drawn beside its lanes (px), on a wide page and on a phone.
_LANE_PX = 200
_NARROW_LANE_PX = 90
#: What a legend entry on a phone leaves of the container (px): the team names beside the
#: plot, the swatch, gaps and the page's margin.
_NARROW_ROOM_PX = _NARROW_LANE_PX + 60
#: Plot width (px) that holds two goals' names a row in the timeline's legend.
_TWO_GOALS_PX = 560
#: Plot width (px) that holds the six stages in one row of the timeline's legend.
_ONE_ROW_OF_STAGES_PX = 640


#: A week a team has no hours for planned projects (a calendar row of 0 h), as charts label it.
WEEK_OFF = "off"


def week_load_frame(problem: Problem, plan: Plan | None) -> pd.DataFrame:
    """One row per (team, week): planned hours, what it may plan, and whether it is full."""
    columns = [
        "team_id",
        "team",
        "department",
        "week",
        "week_label",
        "week_date",
        "load",
        "limit",
        "utilisation",
        "full",
        "load_text",
        "limit_text",
        "utilisation_text",
    ]
    if plan is None:
        return pd.DataFrame(columns=columns)
    rank = {team_id: i for i, team_id in enumerate(problem.team_order)}
    labels = {week: _week_label(problem, week) for week in range(1, problem.num_weeks + 1)}
    teams = team_labels(problem)
    rows = []
    # Teams in the one order of every chart (marketing first), each team's weeks in order.
    for row in sorted(team_weeks(problem, plan), key=lambda r: (rank[r.team_id], r.week)):
        team = problem.team(row.team_id)
        utilisation = row.utilisation
        rows.append(
            {
                "team_id": row.team_id,
                "team": teams[row.team_id],
                "department": team.department,
                "week": row.week,
                "week_label": labels.get(row.week) or _week_label(problem, row.week),
                "week_date": _week_date(problem, row.week),
                "load": float(row.load),
                "limit": float(row.limit),
                "utilisation": min(utilisation, 9.99),
                # Full as a team is full over the quarter (plan_frames.FULL): one meaning on every
                # chart. At 99.9 % the sample's fullest weeks (99.7-99.8 %) had no outline.
                "full": row.load > 0 and utilisation >= FULL,
                # Labels as every page writes them (99.9 %, never 100 % for 99.9); a week's
                # hours to a tenth, so that they give the utilisation beside them.
                "load_text": week_hours(row.load),
                "limit_text": week_hours(row.limit),
                # A week without hours (a holiday) is off, not "0.0 %" as an idle week
                # reads; plan.xlsx's Weekly load sheet leaves its utilisation blank.
                "utilisation_text": WEEK_OFF if row.limit == 0 else percent(100 * utilisation),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _dates_of(frame: pd.DataFrame) -> dict[int, str]:
    """Each week of a weekly-load frame and its Monday ("" without a first Monday)."""
    return {int(w): str(d) for w, d in zip(frame["week"], frame["week_date"], strict=True)}


def binding_summary(frame: pd.DataFrame, threshold: float = 0.9, limit: int = 8) -> str:
    """Which teams are full and in which weeks, in one sentence ("" when no week is near full).

    Full is the heatmap's red outline (:data:`plan_frames.FULL` of the week's hours): each team
    with a full week and every such week, the teams with the most full weeks first, as in
    "Customer Success weeks 1 and 6-13 (up to 99.3 %)". Naming only each team's single
    fullest week read "Customer Success 99.3 % in week 1" for a team outlined in red in
    nine weeks. Without a full week, the weeks at ``threshold`` or more, fullest first.
    """
    full = frame[frame["utilisation"] >= FULL]
    if full.empty:
        return _fullest_weeks(frame, threshold, limit)
    teams = [
        (
            len(rows),
            float(rows["utilisation"].max()),
            str(team),
            sorted(int(w) for w in rows["week"]),
        )
        for team, rows in full.groupby("team", sort=False)
    ]
    teams.sort(key=lambda item: (-item[0], -item[1]))
    words = [
        f"{team} {weeks_words(weeks)} (up to {percent(100 * peak)})"
        for _, peak, team, weeks in teams[:limit]
    ]
    if len(teams) > limit:
        words.append(f"and {len(teams) - limit} more teams (the chart above shows them)")
    return (
        f"Full weeks ({share_percent(FULL)} of the week's hours or more, outlined in red): "
        + "; ".join(words)
    )


def busiest_weeks(frame: pd.DataFrame) -> tuple[int, ...]:
    """The weeks in which the most teams of ``frame`` are full (the heatmap's red outlines,
    counted week by week): where the quarter's hours bind first.

    None (``()``) when no week has two teams full, or every week has as many: then no week
    stands out. At 40 teams the heatmap was red outlines from end to end and the line under
    it listed teams, so the week that binds could not be read at a glance.
    """
    counts = frame[frame["full"]].groupby("week")["team"].nunique()
    if counts.empty or counts.max() < 2:
        return ()
    most = int(counts.max())
    weeks = tuple(sorted(int(w) for w in counts.index[counts == most]))
    return () if len(weeks) == frame["week"].nunique() else weeks


def busiest_words(frame: pd.DataFrame, weeks: Sequence[int]) -> str:
    """:func:`busiest_weeks` in words: "Most teams full: weeks 10-11, 18 of the 40 teams at
    95 % of the week's hours or more in each (their numbers in red on the chart)"; "" for
    none."""
    if not weeks:
        return ""
    full = frame[frame["full"] & frame["week"].isin(weeks)]
    most = int(full.groupby("week")["team"].nunique().max())
    each, their = (" in each", "their numbers") if len(weeks) > 1 else ("", "its number")
    return (
        f"Most teams full: {weeks_words(weeks)}, {most:d} of the "
        f"{plural(frame['team'].nunique(), 'team')} at {share_percent(FULL)} of the week's hours "
        f"or more{each} ({their} in red on the chart)."
    )


def _fullest_weeks(frame: pd.DataFrame, threshold: float, limit: int) -> str:
    """No week is full: each team's fullest weeks at ``threshold`` or more, fullest first."""
    peaks = frame.groupby("team", sort=False)["utilisation"].max()
    peaks = peaks[peaks >= threshold]
    if peaks.empty:  # no week near full (mapping on no peaks gives text, not numbers)
        return ""
    near = frame[frame["team"].isin(peaks.index)]
    near = near[near["utilisation"] >= near["team"].map(peaks) - 0.005]
    weeks_of = {
        str(team): sorted(int(w) for w in rows)
        for team, rows in near.groupby("team", sort=False)["week"]
    }
    out: list[tuple[float, str]] = []
    for team, peak in peaks.items():
        weeks = weeks_of[str(team)]
        out.append((float(peak), f"{team} {percent(100 * float(peak))} in {weeks_words(weeks)}"))
    out.sort(key=lambda item: -item[0])
    fullest = "; ".join(text for _, text in out[:limit])
    return f"No week is full ({share_percent(FULL)} of its hours or more); the fullest: {fullest}"


#: The pixels a heatmap cell needs for its figure ("100.0 %" at 8 points, with a margin).
_FIGURE_PX = 36


#: Streamlit's axis labels in the app's light theme (.streamlit/config.toml), as drawn.
AXIS_LABEL_GREY = "#808495"
#: A full week's colour on every weekly chart: the heatmap's outline, the team's bar.
FULL_RED = "#c0392b"


def week_load_heatmap(frame: pd.DataFrame, busiest: Sequence[int] = ()) -> alt.LayerChart:
    """Each team's weekly load as a share of that week's hours; full weeks outlined, and the
    ``busiest`` weeks' numbers (:func:`busiest_weeks`) in bold red under the columns."""
    order = list(dict.fromkeys(frame["team"]))
    marked = {}
    if busiest:
        test = f"indexof({sorted(int(w) for w in busiest)}, datum.value) >= 0"
        marked = {
            "labelColor": {
                "condition": {"test": test, "value": FULL_RED},
                "value": AXIS_LABEL_GREY,
            },
            "labelFontWeight": {"condition": {"test": test, "value": "bold"}, "value": "normal"},
        }
    title, axis = _week_axis(_dates_of(frame), labelAngle=0, **marked)
    # The data on the layer, not on each part: Altair would hash each part's copy of it.
    base = alt.Chart().encode(
        x=alt.X("week:O", title=title, axis=axis),
        y=alt.Y("team:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
        tooltip=[
            alt.Tooltip("team:N", title="Team"),
            alt.Tooltip("week_label:N", title="Week"),
            alt.Tooltip("load_text:N", title="Planned"),
            alt.Tooltip("limit_text:N", title="Capacity"),
            alt.Tooltip("utilisation_text:N", title=PLANNED_SHARE),
        ],
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "utilisation:Q",
            scale=alt.Scale(domain=[0, 1], range=["#f4f6f8", "#2f6f9f"], clamp=True),
            title="Planned, % of the week's hours",
            # Vega cuts a legend title at 180 px: it read "Planned, % of the week's ho…".
            legend=alt.Legend(orient="top", labelExpr=PERCENT_LABEL, titleLimit=400),
        )
    )
    full = (
        base.transform_filter(alt.datum.full)
        .mark_rect(fill=None, stroke="#c0392b", strokeWidth=2)
        .encode()
    )
    # A figure is drawn only where its cell holds it: 52 weeks across 940 pixels ran every
    # "48.0 %" into the next. The width is the page's (a container's), known only in Vega.
    weeks = max(frame["week"].nunique(), 1)
    text = base.mark_text(fontSize=8).encode(
        text=alt.Text("utilisation_text:N"),
        color=alt.condition(alt.datum.utilisation > 0.6, alt.value("white"), alt.value("#333333")),
        opacity=alt.condition(f"width / {weeks} >= {_FIGURE_PX}", alt.value(1), alt.value(0)),
    )
    return alt.LayerChart(data=frame, layer=[cells, full, text]).properties(
        width="container",
        height=alt.Step(24),
        title=alt.TitleParams(
            "Weekly load against each week's hours",
            subtitle="red outline: a full week (95 % of its hours or more)"
            + (" · red week number: the most teams full" if busiest else ""),
        ),
    )


def team_week_chart(frame: pd.DataFrame, team: str) -> alt.LayerChart:
    """One team's planned hours per week (bars) against that week's hours (a dash over each)."""
    data = frame[frame["team"] == team]
    title, axis = _week_axis(_dates_of(frame), labelAngle=0)
    base = alt.Chart().encode(
        x=alt.X("week:O", title=title, axis=axis),
        tooltip=[
            alt.Tooltip("week_label:N", title="Week"),
            alt.Tooltip("load_text:N", title="Planned"),
            alt.Tooltip("limit_text:N", title="Capacity"),
            alt.Tooltip("utilisation_text:N", title=PLANNED_SHARE),
        ],
    )
    bars = base.mark_bar().encode(
        # No axis title: the chart's title says "hours a week", and the rotated "Hours"
        # stood past the chart's left edge on a laptop. The labels carry the unit: "100 h".
        y=alt.Y("load:Q", title=None, axis=alt.Axis(labelExpr="datum.label + ' h'")),
        color=alt.condition(alt.datum.full, alt.value("#c0392b"), alt.value("#2f6f9f")),
    )
    # A dash over each week's own bar: a step line ran from the middle of week 1 to the middle
    # of the last week, so those two bars stood half outside it, read as past their hours.
    limit = base.mark_tick(color="#222222", thickness=2).encode(y="limit:Q")
    return alt.LayerChart(data=data, layer=[bars, limit]).properties(
        width="container",
        height=220,
        title=alt.TitleParams(
            f"{team}: hours a week",
            subtitle="dash: the week's hours · red: a full week (95 % of its hours or more)",
        ),
    )
