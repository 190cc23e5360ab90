"""What the app draws about the odds of reaching each goal (SPEC "Uncertain impact").

Frames first (plain pandas, one row per mark, so tests read the numbers a
leader sees), then Altair charts that only map columns onto marks. Outcomes
are drawn as a percentage of each goal's target so goals in different units
share one axis; the tooltips give them in the KPI's own unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from planner.core import shown_figures
from planner.core.domain import Plan, Problem
from planner.core.editing import HEADINGS
from planner.core.shared_words import joined
from planner.core.shown_figures import chance
from planner.core.tables import PROJECTS
from planner.core.uncertainty import DRAWS, GoalOdds, goal_odds, odds_words
from planner.interfaces.charts import LABELS, goal_labels
from planner.scenarios.priorities import PRIORITY_NAMES, PRIORITY_WEIGHTS, priority_level

_ODDS_COLUMNS = [
    "goal_id",
    "goal",
    "kpi",
    "target",
    "planned",
    "expected",
    "probability",
    "p10",
    "p50",
    "p90",
    "best",
    "planned_pct",
    "p10_pct",
    "p50_pct",
    "p90_pct",
    "uncertain",
    "exact",
    "words",
    "chance_text",
    "p10_text",
    "p50_text",
    "p90_text",
    "planned_text",
    "target_text",
]


def odds_frame(
    problem: Problem, plan: Plan | None, odds: Mapping[str, GoalOdds] | None = None
) -> pd.DataFrame:
    """One row per goal: the chance (0-100) of reaching the target, P10/P50/P90, in words.

    ``odds`` may pass :func:`~planner.core.uncertainty.goal_odds`'s answer when
    the caller has it; without a plan every goal plans nothing.
    """
    if odds is None:
        odds = goal_odds(problem, plan if plan is not None else Plan(()))
    labels = goal_labels(problem)
    rows = []
    for goal in problem.goals:
        o = odds[goal.goal_id]
        unit = goal.kpi or ""
        rows.append(
            {
                "goal_id": goal.goal_id,
                "goal": labels[goal.goal_id],
                "kpi": goal.kpi,
                "target": o.target,
                "planned": o.planned,
                "expected": o.expected,
                "probability": 100 * o.probability,
                "p10": o.p10,
                "p50": o.p50,
                "p90": o.p90,
                "best": o.best,
                "planned_pct": o.attainment(o.planned),
                "p10_pct": o.attainment(o.p10),
                "p50_pct": o.attainment(o.p50),
                "p90_pct": o.attainment(o.p90),
                "uncertain": o.uncertain,
                # Worked out from the one range behind it (or none), not simulated.
                "exact": o.exact,
                "words": odds_words(goal, o),
                # The tooltips' figures, written as every page writes them.
                "chance_text": chance(o.probability),
                "p10_text": shown_figures.at_least(o.p10, unit, o.p10_step),
                "p50_text": shown_figures.outcome(o.p50, unit, o.target),
                "p90_text": shown_figures.at_least(o.p90, unit, o.p90_step),
                "planned_text": shown_figures.goal_amount(o.planned, unit, o.target),
                "target_text": shown_figures.amount(o.target, unit),
            }
        )
    return pd.DataFrame(rows, columns=_ODDS_COLUMNS)


#: The Data page's headings of a project's range (projects.csv's value_low, value_high).
RANGE_HEADINGS = (HEADINGS[PROJECTS]["value_low"][0], HEADINGS[PROJECTS]["value_high"][0])
#: What a project's range is, in a leader's words (the Overview, above each goal's odds).
RANGES_ARE = (
    "Each planned project's impact is a range: low, estimate and high (the Data page's "
    f"Projects table: {RANGE_HEADINGS[0]}, Value and {RANGE_HEADINGS[1]})."
)
#: What a chance at its edges means, in the words :func:`~planner.core.shown_figures.chance` writes.
CHANCE_EDGES = (
    'A chance reads "0 %" or "100 %" only when the target is out of reach or certain: '
    '"< 1 %" is possible but rare, "> 99 %" likely but not certain.'
)


def goal_named(goal: object) -> str:
    """A goal's name in a sentence of the Overview's odds, in quotes as What to do next sets
    it: "Low odds: New logos won (3 % chance, ...)" read as a sentence of its own, where
    "'New logos won' (3 % chance, ...)" reads as the goal it is."""
    return f"'{goal}'"


def odds_from(frame: pd.DataFrame) -> str:
    """Where each goal's odds come from, in a leader's words (the Overview, above the odds).

    A goal with two or more projects with a range is simulated (:data:`DRAWS` quarters,
    each chance true to within about 1 percentage point: bench/odds_precision.py; "within
    about 1 %" alone read as a share of the chance, 3 % as 2.97 to 3.03 %, and "percentage
    point" is a word the Overview keeps from leaders, so an example says it); one with a
    single range is worked out exactly from it, and one with none is reached or not. "The
    odds come from 20,000 simulated quarters" was said of the goals whose odds are exact too.
    ``frame`` is :func:`odds_frame`'s.
    """
    ranged = frame[frame["uncertain"]]
    simulated = [goal_named(g) for g in ranged[~ranged["exact"].astype(bool)]["goal"]]
    exact = [goal_named(g) for g in ranged[ranged["exact"].astype(bool)]["goal"]]
    fixed = [goal_named(g) for g in frame[~frame["uncertain"].astype(bool)]["goal"]]
    lines = [RANGES_ARE]
    how = (
        f"{DRAWS:,} simulated quarters, each project landing somewhere in its range, most "
        "often near its estimate (each chance true to within about 1 % either way: a 32 % "
        "chance is between 31 % and 33 %)"
    )
    if simulated:
        whose = "The odds" if not exact and not fixed else f"The odds of {joined(simulated)}"
        lines.append(f"{whose} come from {how}.")
    if exact:
        if not simulated and not fixed:
            why = "each goal has only one project with a range"
        elif len(exact) == 1:
            why = "only one of its projects has a range"
        else:
            why = "only one project of each has a range"
        whose = "The odds" if not simulated and not fixed else f"The odds of {joined(exact)}"
        lines.append(f"{whose} are worked out exactly: {why}.")
    if fixed:
        lines.append(
            f"{joined(fixed)} {'has' if len(fixed) == 1 else 'have'} no project with a range "
            "in the plan, so the target is reached or not: 100 % or 0 %."
        )
    if meaning := chance_meaning(frame):
        lines.append(meaning)
    lines.append(CHANCE_EDGES)
    return " ".join(lines)


def chance_meaning(frame: pd.DataFrame) -> str:
    """What a chance means, told on one of the plan's own goals: "What a chance means: New
    pipeline created, at 32 %, reaches 11,000,000 pipeline $ in about 3 of 10 quarters like
    this one, with this plan." "32 % chance" alone left a leader to work out what it promises.

    The goal told is the one whose chance is nearest an even bet, among those from 5 % to
    95 % (below, "about 0 of 10" says nothing; above, "10 of 10" reads as certain); "" when
    there is none. ``frame`` is :func:`odds_frame`'s.
    """
    ranged = frame[frame["uncertain"].astype(bool)]
    ranged = ranged[ranged["probability"].between(5, 95, inclusive="left")]
    if ranged.empty:
        return ""
    row = ranged.iloc[int((ranged["probability"] - 50).abs().to_numpy().argmin())]
    tenths = math.floor(float(row["probability"]) / 10 + 0.5)
    return (
        f"What a chance means: {goal_named(row['goal'])}, at {row['chance_text']}, reaches "
        f"{row['target_text']} in about {tenths} of 10 quarters like this one, with this plan."
    )


#: The chance below which a goal's odds are low enough to act on.
LOW_ODDS = 50.0


def odds_advice(frame: pd.DataFrame, confidence: float = 0.0) -> list[str]:
    """What to do about the goals at low odds, one line per kind ([] if none).

    A goal out of reach (even every project at the top of its range falls short) needs
    more work in the plan; no luck with its ranges can help it. A goal within reach
    but at low odds gains from more work and from the odds priority (``confidence``: its
    weight in force) where it can go further, and its widest ranges decide it.

    Its chance is below even, so its typical outcome falls short of the target: the goal is
    reached in the quarters where the widest ranges land high. Narrowing them cuts that
    upside: on the sample, halving the widest range of MQLs took its chance from 3.5 % to
    1.7 %, of pipeline from 32 % to 27 % (the advice had said to "firm up" those first).
    """
    uncertain = frame[frame["uncertain"]]
    # Out of reach is a chance of 0 (goal_odds decides it exactly; "best" is its float).
    out_of_reach = uncertain[uncertain["probability"] <= 0]
    low = _low_odds(frame)
    lines = []
    if len(out_of_reach):
        names = ", ".join(goal_named(g) for g in out_of_reach["goal"])
        lines.append(
            f"Out of reach with this plan: {names}. Even with every project at the top of "
            "its range they fall short, so only more projects in the plan close the gap "
            "(more capacity, or other projects: What to do next, above)."
        )
    if len(low):
        names = ", ".join(
            f"{goal_named(row['goal'])} ({_chance_short(row)})" for row in low.to_dict("records")
        )
        lines.append(
            f"Low odds: {names}. More projects for a goal raise its odds"
            + _odds_priority_words(confidence)
            + ". The projects with the widest ranges (the table below) decide most of the "
            "outcome. The goal is reached in the quarters where they land high in their "
            "ranges, and narrowing a range on its own cuts that upside. Projects that add "
            "about a goal's shortfall to the plan make it roughly an even bet."
        )
    return lines


def _chance_short(row: Mapping[Any, Any]) -> str:
    """A goal at low odds' chance and how far its typical outcome falls short of the
    target: "3 % chance, typically 257 MQLs short" (2,600 MQLs less 2,343, which its odds
    line reads "typically 2,340 MQLs"). "More projects raise them" said how, not how much: a
    plan whose typical outcome gains the shortfall is about an even bet.

    A target the odds line's figures can hold (a whole number of the power of ten its typical
    outcome is rounded to) reads those figures subtracted: the sample's pipeline, typically
    10,627,000 of 11,000,000 and read "typically 10,600,000", was "373,000 short", and a VP
    Sales subtracting the figures on the screen got 400,000. Any other target reads the
    typical outcome's own shortfall, to the figures an outcome keeps: the odds line's rounded
    figure subtracted from a target of 4,518,014 ARR $ read "typically 8,014 ARR $ short"
    (4,518,014 less "4,510,000") where the typical outcome was 5,962 short.
    """
    target, unit = float(row["target"]), row["kpi"] or ""
    p50 = float(row["p50"])
    step = shown_figures.outcome_step(p50)
    if step and (target / step).is_integer():
        short = target - shown_figures.outcome_value(p50, target)
    else:
        short = shown_figures.outcome_value(target - p50)
    if not short > 0:  # an even bet rounded: nothing to say of a shortfall
        return f"{row['chance_text']} chance"
    return f"{row['chance_text']} chance, typically {shown_figures.amount(short, unit)} short"


def goal_to_watch(frame: pd.DataFrame) -> str | None:
    """The goal whose projects' ranges the Overview's table shows first: the first that
    :func:`odds_advice` names at low odds, within reach (None when there is none).

    Its advice says "the projects with the widest ranges (the table below) decide most of
    the outcome", and the table showed the first goal with a range: on the sample, website
    traffic, out of reach, under "Low odds: Marketing-qualified leads (3 %), ...".
    """
    low = _low_odds(frame)
    return str(low["goal_id"].iloc[0]) if len(low) else None


def _low_odds(frame: pd.DataFrame) -> pd.DataFrame:
    """The goals within reach (every project at the top of its range reaches the target)
    whose chance is below :data:`LOW_ODDS`."""
    uncertain = frame[frame["uncertain"].astype(bool)]
    return uncertain[(uncertain["probability"] > 0) & (uncertain["probability"] < LOW_ODDS)]


def _odds_priority_words(confidence: float) -> str:
    """The odds priority in the low-odds advice, as far as it can go further: offered when
    off, Strong offered below it, and said to be at its strongest from Strong up."""
    name = PRIORITY_NAMES["confidence"]
    strongest = PRIORITY_WEIGHTS["confidence"]["strong"]
    if confidence >= strongest:
        at = "at" if priority_level("confidence", confidence) == "strong" else "above"
        return f" (the priority '{name}' is already {at} Strong)"
    how = "" if confidence <= 0 else " set to Strong"
    return (
        f", and so does the priority '{name}'{how} on the Constraints page, which puts the "
        "hours on fewer goals to hit those"
    )


def estimate_and_typical(frame: pd.DataFrame) -> str:
    """Why a goal's typical outcome differs from the plan's estimate, in one line ("" if none).

    The plan's estimate adds each project's most likely impact; the typical
    outcome is the middle of the simulated ones. With lopsided ranges (more
    room above the estimate than below) they part: "Planned 74,000" beside
    "typically 77,606 website visitors" needs this line, or it reads as a slip.
    """
    # Each figure as the goal's own line writes it (the typical outcome to three significant
    # figures, so "10,627,326" never sits below "typically 10,600,000"), and the goal that
    # parts most as a share of its target, whatever its unit.
    differ: list[tuple[float, str, str, str, bool, bool]] = []
    for row in frame[frame["uncertain"]].to_dict("records"):
        planned, typical, target = float(row["planned"]), float(row["p50"]), row["target"]
        shown_planned = shown_figures.goal_amount(planned, row["kpi"], target)
        shown_typical = shown_figures.outcome(typical, target=target)
        # Compared to the whole unit both read in (a decimal the estimate keeps for its % of
        # target, 26.3 of 40, is no difference from "typically 26").
        if shown_figures.amount(planned, target=target) != shown_typical:
            share = abs(typical - planned) / float(target) if target else abs(typical - planned)
            differ.append(
                (
                    share,
                    str(row["goal"]),
                    shown_planned,
                    shown_typical,
                    typical > planned,
                    bool(row["exact"]),
                )
            )
    if not differ:
        return ""
    _, goal, planned_text, typical_text, higher, exact = max(differ, key=lambda d: d[0])
    # A goal whose odds are worked out from its one range has no simulated outcomes.
    outcomes = "its possible outcomes" if exact else "the simulated outcomes"
    return (
        "Planned (the plan's estimate) adds up each project's most likely impact; the "
        f"typical outcome is the middle of {outcomes}. They differ because the "
        f"ranges are lopsided, with more room {'above' if higher else 'below'} the estimate: "
        f"{goal_named(goal)} typically lands {'higher' if higher else 'lower'} "
        f"({typical_text} against the estimate's {planned_text})."
    )


def odds_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Each goal's range of outcomes (P10-P90 bar, P50 tick) against its target.

    ``frame`` is :func:`odds_frame`'s. The bar holds 80 % of the outcomes;
    the diamond is the plan's point estimate; the dashed line is the target.
    """
    order = list(dict.fromkeys(frame["goal"]))
    y = alt.Y("goal:N", sort=order, title=None, axis=LABELS)
    tooltip = [
        alt.Tooltip("goal:N", title="Goal"),
        alt.Tooltip("chance_text:N", title="Chance to reach the target"),
        alt.Tooltip("p10_text:N", title="9 times in 10 at least"),
        alt.Tooltip("p50_text:N", title="Typical outcome"),
        alt.Tooltip("p90_text:N", title="1 time in 10 more than"),
        alt.Tooltip("planned_text:N", title="Plan's estimate"),
        alt.Tooltip("target_text:N", title="Target"),
    ]
    colour = alt.Color(
        "probability:Q",
        title="Chance to reach",
        # Below the chart, so the legend never squeezes the bars into a narrow column.
        legend=alt.Legend(
            orient="bottom",
            direction="horizontal",
            gradientLength=160,
            values=[0, 50, 100],
            labelExpr="datum.value + ' %'",
        ),
        scale=alt.Scale(domain=[0, 50, 100], range=["#C8553D", "#F2C14E", "#3A8E5C"]),
    )
    # Ticks every 25 % up to the widest range, "25 %" as the attainment chart beside it reads
    # them (its own read "0, 10, ... 120"), the target on a tick of its own.
    reach = [float(v) for v in (*frame["p90_pct"], *frame["planned_pct"]) if math.isfinite(v)]
    top = max([100.0, *reach])
    ticks = list(range(0, 25 * math.ceil(top / 25) + 1, 25))
    base = alt.Chart(frame)
    band = base.mark_bar(height=14, opacity=0.85, cornerRadius=3).encode(
        y=y,
        x=alt.X(
            "p10_pct:Q",
            title="Outcome, % of target",
            axis=alt.Axis(values=ticks, labelExpr="datum.value + ' %'"),
            scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
        ),
        x2="p90_pct:Q",
        color=colour,
        tooltip=tooltip,
    )
    median = base.mark_tick(color="#222222", thickness=2, size=18).encode(
        y=y, x="p50_pct:Q", tooltip=tooltip
    )
    point = base.mark_point(shape="diamond", filled=True, color="#222222", size=50).encode(
        y=y, x="planned_pct:Q", tooltip=tooltip
    )
    target = (
        alt.Chart(pd.DataFrame({"percent": [100.0]}))
        .mark_rule(color="#222222", strokeDash=[4, 3], strokeWidth=2)
        .encode(x="percent:Q")
    )
    return alt.LayerChart(layer=[band, median, point, target]).properties(
        width="container",
        height=alt.Step(30),
        # Streamlit pads a chart's bottom by 20 px unless its spec says otherwise: under the
        # legend's own padding that left 26 px empty inside the chart, under its last words.
        padding={"bottom": 0},
        title=alt.TitleParams(
            "The range each goal may land in",
            subtitle=[
                "bar: 8 times in 10 the goal lands inside it · tick: the typical outcome",
                "diamond: the plan's estimate · dashed line: the target",
            ],
        ),
    )


#: What the Overview's "Share of uncertainty" column means, and what narrowing a range does:
#: it steadies a goal that typically lands above its target and cuts the upside of one that
#: typically falls short. "Narrowing the widest ranges first does the most for the odds" was
#: true of the first only, and the table opens on a goal at low odds (:func:`goal_to_watch`).
SHARE_OF_UNCERTAINTY = (
    "The project's part of the spread (variance) of the goal's outcome: the widest ranges "
    "decide most of it, for better or worse. Narrowing a range steadies a goal that "
    "typically lands above its target, and cuts the upside of one that typically falls short."
)


def drivers_frame(problem: Problem, odds: GoalOdds) -> pd.DataFrame:
    """The goal's uncertain projects, the one whose range matters most first.

    ``share`` is the project's part of the variance of the goal's outcome,
    in percent; ``low`` / ``value`` / ``high`` its range in the KPI's unit
    (its owners' shares and team-specific value applied), as shown: the estimate as the
    Plan page gives the project's value (:func:`~planner.core.shown_figures.contribution_value`),
    the ends of its range as every outcome reads, whole from 10 on (a range scaled to a
    team's own estimate read "116.666666666667" MQLs).
    """
    rows = [
        {
            "project_id": d.project_id,
            "project": problem.project(d.project_id).name,
            "low": shown_figures.amount_value(d.low),
            "value": shown_figures.contribution_value(d.mode),
            "high": shown_figures.amount_value(d.high),
            "share": 100 * d.share,
        }
        for d in odds.drivers
    ]
    return pd.DataFrame(rows, columns=["project_id", "project", "low", "value", "high", "share"])


def drivers_caption(problem: Problem, plan: Plan, goal_id: str, odds: GoalOdds) -> str:
    """The line above :func:`drivers_frame`'s table: what its figures are, in the goal's unit,
    and which estimates are a team's own, not the Projects table's.

    The Overview says the ranges are the Data page's Projects table's "Lowest likely value,
    Value and Highest likely value"; a CMO read the Q3 webinar series there at 300 / 420 /
    560 MQLs and here at 329 / 460 / 613: Demand Gen, its owner, estimates 460, and its range
    is scaled to that (SPEC: a team-specific value scales low and high by the same ratio).
    """
    goal = problem.goal_index[goal_id]
    unit = f"{goal.kpi}, the goal's KPI" if goal.kpi else "the goal's KPI units"
    line = f"Low, estimate and high: each project's impact on the goal, in {unit}."
    owners: dict[str, list[str]] = {}
    for a in plan.assignments:
        owners.setdefault(a.project_id, []).append(a.team_id)
    own = []
    for d in odds.drivers:
        project = problem.project(d.project_id)
        teams = [
            problem.team(t).name
            for t in owners.get(d.project_id, [])
            if (e := problem.estimate_index.get((d.project_id, t))) is not None
            and e.value is not None
        ]
        if teams and shown_figures.contribution_value(d.mode) != shown_figures.contribution_value(
            project.value
        ):
            own.append(
                f"{project.name}: {shown_figures.contribution(d.mode, goal.kpi)} by the estimate "
                f"of {joined(teams)}, {shown_figures.contribution(project.value, goal.kpi)} in the "
                "Projects table"
            )
    if not own:
        return line
    return (
        f"{line} Where the team that owns a project has its own estimate (the Data page's "
        "Teams' own estimates), the table shows that estimate, its low and high scaled by "
        f"the same ratio: {'; '.join(own)}."
    )
