"""The Check-in page's pace chart: each goal's KPI so far against its plan, as data and Altair.

Bars are what each goal has achieved as a share of its target, coloured by
pace (met, on track, behind; ahead where a goal is, missed once the quarter is over); a
black tick is what the plan's own projects would have delivered by now; a dashed line is
the share of the quarter gone; after a re-plan, dots are each goal's forecast
at the quarter's end, carried on and re-planned. Nothing here imports Streamlit.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from planner.core.domain import Problem
from planner.core.shown_figures import amount, amount_shown, percent, recorded, whole_value
from planner.interfaces.charts import chart_labels, goal_labels, rows_height
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_goals import GoalProgress, Pace, pace_words

#: One colour per pace, the same wherever pace is drawn.
PACE_COLOURS = {
    Pace.MET.value: "#2E7D32",
    Pace.AHEAD.value: "#5B9A3C",
    Pace.ON_TRACK.value: "#3A6EA5",
    Pace.BEHIND.value: "#C62828",
    Pace.MISSED.value: "#7B1F1F",
}
#: The forecasts' two plans, as the chart's legend names them.
CARRIED_ON, REPLANNED = "baseline, carried on", "re-plan"


def weeks_label(checkin: CheckIn) -> str:
    """``week 6.5 of 13``: the time gone, as the chart's line and the page's caption say it."""
    return f"week {float(checkin.weeks_elapsed):g} of {float(checkin.quarter_weeks):g}"


def _achieved_text(g: GoalProgress) -> str:
    """What a goal achieved so far, as the check-in's editor shows it."""
    if g.whole:
        return amount_shown(whole_value(g.achieved, g.target))
    return recorded(g.achieved if g.written is None else g.written)


def pace_frame(progress: Sequence[GoalProgress]) -> pd.DataFrame:
    """One row per goal: achieved, planned by now and expected, in % of target, with labels."""
    labels = chart_labels((g.goal_id, g.name) for g in progress)
    return pd.DataFrame(
        [
            {
                "goal": labels[g.goal_id],
                "pace": g.pace.value,
                # The pace as planner checkin words it, for the tooltip: "ahead of plan by
                # 6,425 website visitors (6.4 % of the target)".
                "pace_words": pace_words(g),
                "achieved": g.percent_of_target,
                "planned": g.percent_planned,
                "expected": g.percent_expected,
                # As recorded, as the check-in's editor shows it (232.5 SQLs read "233" here).
                # A count in whole units, as the editor pre-fills it (the plan's 7.7 reads 8).
                "detail": f"{_achieved_text(g)} of {amount(g.target, g.kpi)}",
                "achieved_text": percent(g.percent_of_target),
                "planned_text": percent(g.percent_planned),
            }
            for g in progress
        ],
        # A quarter without goals has no rows, and still these columns.
        columns=[
            *("goal", "pace", "pace_words", "achieved", "planned", "expected", "detail"),
            *("achieved_text", "planned_text"),
        ],
    )


def outlook_frame(
    problem: Problem, before: Mapping[str, float], after: Mapping[str, float]
) -> pd.DataFrame:
    """Each goal's forecast at the quarter's end (% of target), carried on and re-planned."""
    labels = goal_labels(problem)
    return pd.DataFrame(
        [
            {
                "goal": labels[g.goal_id],
                "plan": plan,
                "projected": value[g.goal_id],
                "projected_text": percent(value[g.goal_id]),
            }
            for g in problem.goals
            for plan, value in ((CARRIED_ON, before), (REPLANNED, after))
        ],
        columns=["goal", "plan", "projected", "projected_text"],
    )


def tick_step(widest: float, most: int = 10) -> int:
    """The pace axis's step in % of target: 25, or 50, 100, 250 ... when the bars reach so far
    that 25 % steps would give more than ``most`` ticks (a KPI typed in the wrong unit)."""
    step, factors = 25, itertools.cycle((2, 2, 2.5))
    while widest / step > most:
        step = int(step * next(factors))
    return step


def _paces_shown(frame: pd.DataFrame) -> list[str]:
    """The legend's paces: met, on track and behind always, ahead and missed where a goal has
    them."""
    shown = set(frame["pace"]) | {Pace.MET.value, Pace.ON_TRACK.value, Pace.BEHIND.value}
    return [pace for pace in PACE_COLOURS if pace in shown]


#: A chart's title and its one-line subtitle, in pixels.
_TITLE_PX = 44
#: A legend above the bars (its title and a row of entries), in pixels.
_LEGEND_PX = 48
#: Between the legends and the bars: room for the time gone's label ("week 6 of 13").
_LEGEND_GAP_PX = 16
#: The goals' names: whole from a tablet's width up; on a phone cut at this many pixels
#: ("Expansion ARR (net rev…"), so that the bars and the legends above them have the rest.
_PHONE_NAME_PX = 120


def pace_chart(
    frame: pd.DataFrame, checkin: CheckIn, outlook: pd.DataFrame | None = None
) -> alt.LayerChart:
    """The goals' pace (``frame``: :func:`pace_frame`), the time gone and the forecasts."""
    goal_order = list(frame["goal"])
    # A tick every 25 % of target, however wide the chart: left to itself Vega-Lite puts
    # one every 40 pixels, some 26 ticks across a wide screen.
    widest = max([100.0, *frame["achieved"], *([] if outlook is None else outlook["projected"])])
    step = tick_step(widest)
    top = int(widest // step + 1) * step
    x_axis = alt.Axis(values=list(range(0, top + 1, step)), labelExpr="datum.value + ' %'")
    x_scale = alt.Scale(domain=[0, float(top)])
    paces = _paces_shown(frame)
    goal_axis = alt.Axis(
        labelLimit=alt.ExprRef(f"containerSize()[0] < 600 ? {_PHONE_NAME_PX} : 280")
    )
    colour = alt.Color(
        "pace:N",
        title="Pace against plan",
        # Above the bars, as on the other charts: beside them on a phone, with the goals'
        # names, it left the bars 14 pixels.
        legend=alt.Legend(orient="top", offset=_LEGEND_GAP_PX),
        # "missed" only once the quarter is over: mid-quarter no goal can have missed.
        scale=alt.Scale(domain=paces, range=[PACE_COLOURS[p] for p in paces]),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(height=14)
        .encode(
            x=alt.X("achieved:Q", title="% of target", axis=x_axis, scale=x_scale),
            y=alt.Y("goal:N", sort=goal_order, title=None, axis=goal_axis),
            color=colour,
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("pace_words:N", title="Pace"),
                alt.Tooltip("detail:N", title="Achieved so far"),
                alt.Tooltip("achieved_text:N", title="% of target"),
            ],
        )
    )
    plan_ticks = (
        alt.Chart(frame)
        .mark_tick(color="black", thickness=2, size=22)
        .encode(
            x=alt.X("planned:Q", scale=x_scale),
            y=alt.Y("goal:N", sort=goal_order),
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("planned_text:N", title="% the plan had by now"),
            ],
        )
    )
    layers: list[alt.Chart] = [bars, plan_ticks, *_time_gone(checkin, x_scale)]
    if outlook is not None:
        layers.append(_forecasts(outlook, x_scale, goal_order))
    # At least a readable strip for one goal, thinner rows before a tall chart for many.
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent")
        # After a re-plan, the two legends one under the other: side by side, a phone's
        # width cut the second off ("Forecast at quarter end" without "re-plan").
        .configure_legend(layout=alt.ExprRef("{top: {anchor: 'start', direction: 'vertical'}}"))
        .properties(
            # The app fits the whole chart in this height, title included: the title's
            # pixels on top of the rows', or they squeezed the goals' names into each other.
            height=rows_height(len(goal_order), 34)
            + _TITLE_PX
            + (_LEGEND_PX + _LEGEND_GAP_PX) * (1 if outlook is None else 2),
            # Titled as every chart of the app: it stood untitled under the metrics.
            title=alt.TitleParams(
                "Each goal's KPI so far against its plan",
                subtitle="bar = achieved so far, tick = what the plan had by now, "
                "dashed line = the time gone",
            ),
        )
    )


def _time_gone(checkin: CheckIn, x_scale: alt.Scale) -> list[alt.Chart]:
    """The pace chart's dashed line at the time gone, and its label ("week 6 of 13")."""
    elapsed = pd.DataFrame(
        [{"elapsed": 100 * float(checkin.elapsed_share), "label": weeks_label(checkin)}]
    )
    time_rule = (
        alt.Chart(elapsed)
        .mark_rule(strokeDash=[4, 4], color="#777")
        .encode(
            x=alt.X("elapsed:Q", scale=x_scale),
            tooltip=[alt.Tooltip("label:N", title="Time gone")],
        )
    )
    time_text = (
        alt.Chart(elapsed)
        .mark_text(align="left", dx=4, dy=-6, color="#555")
        .encode(x=alt.X("elapsed:Q", scale=x_scale), y=alt.value(0), text="label:N")
    )
    return [time_rule, time_text]


def _forecasts(outlook: pd.DataFrame, x_scale: alt.Scale, goal_order: list[str]) -> alt.Chart:
    """The pace chart's forecasts at quarter end after a re-plan (``outlook``: one point per
    goal and plan, :func:`outlook_frame`)."""
    return (
        alt.Chart(outlook)
        .mark_point(size=70, filled=True, opacity=0.9)
        .encode(
            x=alt.X("projected:Q", scale=x_scale),
            y=alt.Y("goal:N", sort=goal_order),
            shape=alt.Shape(
                "plan:N",
                title="Forecast at quarter end",
                legend=alt.Legend(orient="top", offset=_LEGEND_GAP_PX),
            ),
            color=alt.value("#555"),
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("plan:N", title="Forecast"),
                alt.Tooltip("projected_text:N", title="% of target"),
            ],
        )
    )
