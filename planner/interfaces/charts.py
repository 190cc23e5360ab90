"""What the app draws: Altair charts of a plan's figures.

Each ``*_chart`` function only maps a frame's columns onto marks, colours and
tooltips: the frames, plain pandas with one row per mark, are
:mod:`planner.interfaces.plan_frames`', so tests check the numbers a leader sees
without a browser. Nothing here imports Streamlit: the pages put these charts on
screen. The sizes (rows a chart shows, its height) and the department colours
are here, shared by the other charts' modules.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final

import altair as alt
import pandas as pd

from planner.core import shown_figures
from planner.core.domain import DEPARTMENT_ORDER, MARKETING, SALES, Problem
from planner.core.shared_words import OWN_HOURS_LABEL, plural
from planner.interfaces import vega

#: One colour per department, the same in every chart.
DEPARTMENT_COLOURS: dict[str, str] = {MARKETING: "#E07B39", SALES: "#3A6EA5"}

#: Goal colours: one categorical scheme of distinct hues (no two blues, no pink beside
#: red), the same in every chart that colours by goal.
GOAL_SCHEME: Final = "tableau10"
#: A department or stage code as a label: "marketing" -> "Marketing" (Vega expression).
_TITLE_CASE = "upper(substring({0}, 0, 1)) + replace(substring({0}, 1), regexp('_', 'g'), ' ')"
#: Category labels (goal and team names) up to this many pixels before "…".
LABELS = alt.Axis(labelLimit=240)
#: Most bars or rows a chart shows; a page summarises the rest (at 30 px a row, about
#: 800 px with title, legend and axes: measured 953 px with 25 rows at 150 teams).
MAX_CHART_ROWS = 20
#: The tallest a chart's plot area gets (pixels): rows get thinner before the chart gets
#: taller, so that with its title, legend and axes a chart stays under 1,000 px.
MAX_CHART_HEIGHT = 700


#: A share (0 to 1) as an axis or legend label: "40 %", as planner.core.shown_figures writes it.
PERCENT_LABEL = "round(datum.value * 100) + ' %'"
#: A tooltip's planned hours over capacity (the quarter's, or a week's), as the Overview's cards
#: say it ("84.7 % planned") and plan.xlsx heads it: it read "Utilisation", the planner's word.
PLANNED_SHARE = "Planned, % of capacity"


def chart_labels(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each id's label in a chart, from ``(id, name)`` pairs: its name, with the id after a
    name another one shares ("Pipeline (sqls)", "Pipeline (pipeline)").

    SPEC lets names repeat (the loader warns of it); a chart draws one bar or row per label,
    so two goals named "Pipeline" stacked into one bar of 185.8 % of target.
    """
    pairs = list(named)
    counts = Counter(name for _, name in pairs)
    return {key: f"{name} ({key})" if counts[name] > 1 else name for key, name in pairs}


def team_labels(problem: Problem) -> dict[str, str]:
    """Each team's label in a chart (:func:`chart_labels`), by team id."""
    return chart_labels((t.team_id, t.name) for t in problem.teams)


def goal_labels(problem: Problem) -> dict[str, str]:
    """Each goal's label in a chart (:func:`chart_labels`), by goal id."""
    return chart_labels((g.goal_id, g.name) for g in problem.goals)


def row_step(num_rows: int, preferred: int = 30) -> alt.Step:
    """The height of one row: ``preferred`` px, thinner when that would pass the height cap."""
    return alt.Step(max(8, min(preferred, MAX_CHART_HEIGHT // max(num_rows, 1))))


#: The shortest a chart with rows gets (pixels), so one row still has room for its
#: labels, ticks and marks above the bar.
MIN_CHART_HEIGHT = 120


def rows_height(num_rows: int, preferred: int = 30) -> int:
    """A chart's plot height for ``num_rows`` rows: :func:`row_step`'s rows, at least
    :data:`MIN_CHART_HEIGHT`.

    One goal gets :data:`MIN_CHART_HEIGHT` pixels rather than a 30-pixel strip; many get thinner
    rows before the chart passes :data:`MAX_CHART_HEIGHT`.
    """
    step = row_step(num_rows, preferred).step
    return max(MIN_CHART_HEIGHT, min(MAX_CHART_HEIGHT, max(num_rows, 1) * int(step)))


def binding_teams(
    load: pd.DataFrame, limit: int = MAX_CHART_ROWS, ranked: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ``limit`` teams that bind first: least room left for their size, in that order.

    ``load`` is :func:`plan_frames.team_load_frame`'s (possibly filtered). A team with no
    room left (or over its limit) binds before one with room; among equals the
    more utilised first. With ``limit`` or fewer teams, ``load`` as it is. In the order the
    page's caption says they were chosen by (and the timeline's): in ``load``'s, marketing
    first, the full sales teams of "the least room left" were the chart's last rows.

    ``ranked``, when given, is the load that ranks the teams, and only its teams are kept:
    the whole plan's load of the teams with work in a goal or a stage picked, where
    ``load`` holds that work's hours alone. A team's room left is the whole plan's: ranked
    by a goal's hours, a full team with a little of that goal's work came last.
    """
    if ranked is None:
        if len(load) <= limit:
            return load
        return load.loc[_by_room(load).index[:limit]]
    first = list(_by_room(ranked)["team_id"].iloc[:limit])
    return in_team_order(load[load["team_id"].isin(first)], first, "team_id")


def in_team_order(frame: pd.DataFrame, teams: Iterable[str], column: str = "team") -> pd.DataFrame:
    """``frame``'s rows in the order of their team in ``teams`` (its rows of one team in their
    order, those of a team not in ``teams`` last): a chart draws its rows in its frame's order,
    so the heatmaps and the timeline under the team chart read its teams in its order."""
    position = {team: i for i, team in enumerate(teams)}
    rank = frame[column].map(position).fillna(len(position))
    return frame.iloc[rank.reset_index(drop=True).sort_values(kind="stable").index]


def working_teams_words(num_teams: int, limit: int = MAX_CHART_ROWS) -> str:
    """What the team charts show at company scale with a goal or a stage picked
    (:func:`binding_teams` given ``ranked``): ``num_teams`` teams have work in it."""
    if not num_teams:
        return "No team has work in this filter in the plan."
    if num_teams <= limit:
        return (
            f"The charts below show the {plural(num_teams, 'team')} with work in this filter; "
            "their bars are this filter's hours."
        )
    return (
        f"The charts below show the {limit} teams (of the {num_teams:,} with work in this "
        "filter) with the least room left in the whole plan; their bars are this filter's "
        "hours. Pick a department or type team names above to see others."
    )


def timeline_teams_words(
    num_shown: int, num_with_work: int, num_teams: int, where: str = "the plan"
) -> str:
    """What the timeline shows when it cannot hold every team: ``num_shown`` of the
    ``num_with_work`` teams with projects in the filters, of ``num_teams`` in them. A team
    with no project has no bar: at 150 teams, one idle, the charts above said "(of 150)" and
    the timeline "(of 149)", one count read as two. ``where``: "this filter" when a goal or
    a stage is picked, whose work only some teams have."""
    of = (
        f"{num_with_work:,}"
        if num_with_work == num_teams
        else f"the {num_with_work:,} with projects in {where}"
    )
    return (
        f"The timeline shows {plural(num_shown, 'team')} (of {of}), those with the least "
        "room left. Pick teams above to see others."
    )


def teams_by_room(load: pd.DataFrame) -> list[str]:
    """The names of ``load``'s teams, the team that binds first first (as :func:`binding_teams`
    ranks them): the teams a chart too short for all of them shows."""
    return [str(team) for team in _by_room(load)["team"]]


def _by_room(load: pd.DataFrame) -> pd.DataFrame:
    """``load``'s rows, least room left for their size first, among equals the more utilised."""
    room = load["free_hours"] / load["limit_hours"].where(load["limit_hours"] > 0)
    ranked = load.assign(_room=room.fillna(float("inf")), _util=-load["utilisation"].fillna(0))
    return ranked.sort_values(["_room", "_util"], kind="stable")


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


def department_colour(
    title: str = "Department", departments: Iterable[str] | None = None
) -> alt.Color:
    """Bars coloured by department, each its colour in every chart, the legend on top
    naming it as a label ("Marketing").

    ``departments``, when given, are those the chart draws: the legend names only them (with
    Marketing picked on the Plan page, the team chart's legend named Sales too). None given
    (or none drawn), both.
    """
    drawn = set(departments) if departments is not None else set()
    domain = [d for d in DEPARTMENT_ORDER if d in drawn] or list(DEPARTMENT_ORDER)
    scale = alt.Scale(domain=domain, range=[DEPARTMENT_COLOURS[d] for d in domain])
    legend = alt.Legend(orient="top", labelExpr=_TITLE_CASE.format("datum.label"))
    return alt.Color("department:N", scale=scale, title=title, legend=legend)


def drawn_departments(frame: pd.DataFrame, column: str | None = None) -> tuple[str, ...]:
    """The departments of ``frame``'s rows, in :data:`DEPARTMENT_ORDER`: those whose
    ``column`` is above zero when a column is named (a bar of no width is not drawn)."""
    rows = frame if column is None else frame[frame[column] > 0]
    present = set(rows["department"])
    return tuple(d for d in DEPARTMENT_ORDER if d in present)


def department_tooltip(title: str = "Department") -> alt.Tooltip:
    """The department in a tooltip, as a label ("Marketing"): the chart must add
    :func:`with_department_label`'s field."""
    return alt.Tooltip("department_label:N", title=title)


def with_department_label(chart: alt.Chart) -> alt.Chart:
    """``chart`` with a ``department_label`` field: its department in Title case."""
    return chart.transform_calculate(department_label=_TITLE_CASE.format("datum.department"))


def team_load_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Planned hours per team as bars coloured by department, the limit as a black tick.

    ``frame`` is :func:`plan_frames.team_load_frame`'s.
    """
    chart = _team_load_layers(tuple(frame["team"]), drawn_departments(frame)).copy(deep=False)
    # The data on the layer, not on each part: Altair would hash each part's copy of it.
    chart.data = frame
    return chart


def team_load_spec(frame: pd.DataFrame) -> dict[str, Any]:
    """:func:`team_load_chart`'s spec as a page draws it (:func:`vega.vega_lite_spec`), its
    structure made once per order of the teams: a capacity what-if redraws the bars."""
    return vega.spec_on(_team_load_template(tuple(frame["team"]), drawn_departments(frame)), frame)


@lru_cache(maxsize=16)
def _team_load_template(order: tuple[str, ...], departments: tuple[str, ...]) -> dict[str, Any]:
    chart = _team_load_layers(order, departments).copy(deep=False)
    chart.data = vega.FRAME  # where the frame goes: the spec's keys in the same order
    return vega.vega_lite_spec(chart)


def _team_load_layers(order: tuple[str, ...], departments: tuple[str, ...]) -> alt.LayerChart:
    """:func:`team_load_chart` without its data, for teams in ``order`` of ``departments``."""
    base = with_department_label(alt.Chart()).encode(
        y=alt.Y("team:N", sort=list(order), title=None, axis=LABELS),
        tooltip=[
            alt.Tooltip("team:N", title="Team"),
            department_tooltip(),
            alt.Tooltip("planned_text:N", title="Planned"),
            alt.Tooltip("limit_text:N", title="Capacity"),
            alt.Tooltip("base_text:N", title=OWN_HOURS_LABEL),
            alt.Tooltip("utilisation_text:N", title=PLANNED_SHARE),
            alt.Tooltip("num_projects:Q", title="Projects"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("planned_hours:Q", title="Hours this quarter"),
        color=department_colour(departments=departments),
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
    """Planned hours per department against its capacity (the summary at scale).

    ``frame`` is :func:`plan_frames.team_load_frame`'s; its teams are summed by department.
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
    summed["planned_text"] = [shown_figures.hours(h) for h in summed["planned_shown"]]
    summed["limit_text"] = [shown_figures.hours(h) for h in summed["limit_shown"]]
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
    # No legend: the rows are named by department, and a legend over two bars named them
    # again (the chart 291 px tall for its two bars).
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("planned_hours:Q", title="Hours this quarter"),
        color=department_colour().legend(None),
    )
    limit = base.mark_tick(color="#222222", thickness=3, size=36).encode(x="limit_hours:Q")
    # The tick is the capacity, as the team chart under it, the department cards and the
    # tooltip name it: "what its teams may plan" named the same hours in other words.
    return alt.LayerChart(data=summed, layer=[bars, limit]).properties(
        width="container",
        height=alt.Step(44),
        title=alt.TitleParams(
            "Load by department", subtitle="bar = planned hours, tick = capacity"
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
    frame = frame.assign(hours_text=[shown_figures.hours(h) for h in frame["hours"]])
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


#: How far (points of % of target) the attainment chart's scale runs past its last tick, so
#: that a target line on that tick is drawn whole inside the plot.
TARGET_ROOM: Final = 5


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
                # Past the last tick: a goal past its target ended past the labelled scale,
                # and a scale ending at 100 % drew the dashed target on the plot's right
                # edge, half of it cut off (the Plan page at 1024 px).
                scale=alt.Scale(domain=[0, ticks[-1] + TARGET_ROOM], nice=False),
            ),
            color=department_colour("Delivered by", drawn_departments(frame, "percent")),
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
            color=department_colour("Hours by", drawn_departments(frame, "hours")),
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
