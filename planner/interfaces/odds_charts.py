"""What the app draws about the odds of reaching each goal (SPEC "Uncertain impact").

Frames first (plain pandas, one row per mark, so tests read the numbers a
leader sees), then Altair charts that only map columns onto marks. Outcomes
are drawn as a percentage of each goal's target so goals in different units
share one axis; the tooltips give them in the KPI's own unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

import altair as alt
import pandas as pd

from planner.core import shown_figures
from planner.core.domain import Plan, Problem
from planner.core.editing import HEADINGS
from planner.core.shared_words import joined
from planner.core.shown_figures import chance, chance_change
from planner.core.tables import PROJECTS
from planner.core.uncertainty import DRAWS, Drawn, GoalOdds, goal_odds, odds_words
from planner.interfaces.charts import LABELS, chart_labels, goal_labels
from planner.scenarios.checkin import CheckIn
from planner.scenarios.met_goals import met_goals, with_met_goals
from planner.scenarios.odds import MET, chance_percent, reached_odds
from planner.scenarios.priorities import PRIORITY_NAMES, PRIORITY_WEIGHTS, priority_level
from planner.scenarios.scenario import Scenario

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
            + "; the projects with the widest ranges (the table below) decide most of the "
            "outcome, so they are the ones to watch: the goal is reached in the quarters "
            "where they land high in their ranges, and narrowing a range on its own cuts "
            "that upside. Projects that add about a goal's shortfall to the plan make it "
            "roughly an even bet."
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


#: Why a check-in's odds read lower than the Overview's at the start of the quarter.
MID_QUARTER_ODDS = (
    "Mid-quarter the odds narrow: what is achieved is certain and less uncertain work is "
    "left, so a goal whose forecast falls short of its target has less luck left to close "
    "the gap (and one above it, less to lose it) than at the start of the quarter, whose "
    "odds the Overview shows."
)


def mid_quarter_odds(*checkins: CheckIn | None) -> str | None:
    """:data:`MID_QUARTER_ODDS` beside odds drawn from these check-ins, when one of them is
    mid-quarter; ``None`` when none is (no check-in, or the quarter is over: no luck is left
    either way, and "mid-quarter" misread week 13 of 13)."""
    if any(c is not None and c.elapsed_share < 1 for c in checkins):
        return MID_QUARTER_ODDS
    return None


def prefilled_odds_note(
    odds: pd.DataFrame,
    at_start: Mapping[str, GoalOdds],
    checkin: CheckIn,
    as_planned: CheckIn,
) -> str | None:
    """Why a goal whose KPI so far is still the pre-fill reads a lower chance than at the
    start of the quarter (``at_start``: the plan's odds, as the Overview shows them), in
    words; ``None`` when no goal does.

    ``odds`` is :func:`replan_odds_frame`'s, ``checkin`` the check-in re-planned and
    ``as_planned`` the check-in as if everything went to plan (its pre-fill). On the sample
    at week 6 with nothing typed, New pipeline created read 0 % "if we carry on" where the
    Overview read 32 %, "out of reach": the pre-fill records its done projects at their
    estimates, and its chance at the start came from their ranges above them. The figure
    is the odds of the check-in as recorded; a leader who typed nothing read it as news.
    """
    fell = []
    for row in odds.to_dict("records"):
        goal_id, before = str(row["goal_id"]), float(row["before"])
        start = at_start.get(goal_id)
        done = checkin.achieved.get(goal_id, Decimal(0))
        if start is None or done <= 0 or done != as_planned.achieved.get(goal_id):
            continue  # typed by the leader, or nothing achieved yet: news, or no pre-fill
        then, now = chance(start.probability), chance(before / 100)
        if before < 100 * start.probability and then != now:
            fell.append(f"{goal_named(row['goal'])} {now}, {then} at the start")
        if len(fell) == 3:
            break
    if not fell:
        return None
    return (
        f"Left as pre-filled ({'; '.join(fell)}): a goal's KPI so far is then the plan's "
        f"estimate for the work done by week {float(checkin.weeks_elapsed):g}, and the odds "
        "take that work as having brought in exactly its estimate, none of the more its "
        "range allowed at the start of the quarter. That is the pre-fill, not news of the "
        "quarter: type what was really achieved so far for its odds as the quarter stands."
    )


def odds_delta_frame(
    problem_a: Problem,
    plan_a: Plan | None,
    problem_b: Problem,
    plan_b: Plan | None,
    *,
    achieved_a: Mapping[str, Decimal] | None = None,
    achieved_b: Mapping[str, Decimal] | None = None,
    recorded_b: Mapping[str, Decimal] | None = None,
) -> pd.DataFrame:
    """Per goal in either plan: the chance of reaching the target before (A) and after (B).

    ``change`` is in percentage points (``None`` when the goal is in only one of
    them). Projects draw the same outcomes in both (common random numbers), so
    the change is the plans' doing, not sampling noise. ``achieved_a`` or
    ``achieved_b``: that side is a check-in's re-plan (its targets are what was
    left), with what each goal had achieved by then: its odds read against the
    quarter's full target, and a goal met by then is reached already. ``recorded_b``: B's
    counts kept as pre-filled, as written (:attr:`~planner.scenarios.checkin.CheckIn.recorded`).
    """
    goals = {g.goal_id: g for g in (*problem_a.goals, *problem_b.goals)}
    sides_a = reached_odds(problem_a, plan_a, achieved_a, goals)
    sides_b = reached_odds(problem_b, plan_b, achieved_b, goals)
    labels = chart_labels((goal_id, goal.name) for goal_id, goal in goals.items())
    rows = []
    for goal_id, goal in goals.items():
        a, b = sides_a.get(goal_id), sides_b.get(goal_id)
        before, after = chance_percent(a), chance_percent(b)
        rows.append(
            {
                "goal_id": goal_id,
                "goal": labels[goal_id],
                "before": before,
                "after": after,
                "change": None if before is None or after is None else after - before,
                "words": ""
                if b is None
                else MET
                if isinstance(b, str)
                else odds_words(
                    goal,
                    b,
                    checked_in=achieved_b is not None,
                    achieved=""
                    if achieved_b is None
                    else _achieved_text(float(achieved_b.get(goal_id, 0)), goal_id, recorded_b),
                ),
                "uncertain": any(isinstance(x, GoalOdds) and x.uncertain for x in (a, b)),
            }
        )
    return pd.DataFrame(
        rows, columns=["goal_id", "goal", "before", "after", "change", "words", "uncertain"]
    )


def scenario_odds_frame(a: Scenario, b: Scenario) -> pd.DataFrame:
    """:func:`odds_delta_frame` of two saved scenarios, as Compare, ``planner scenarios
    compare`` and the comparison workbook give them: a check-in's re-plan reads
    against the quarter's targets, with what it had achieved by then."""
    return odds_delta_frame(
        a.problem,
        a.plan,
        b.problem,
        b.plan,
        achieved_a=a.checkin.achieved if a.checkin else None,
        achieved_b=b.checkin.achieved if b.checkin else None,
        recorded_b=b.checkin.recorded if b.checkin else None,
    )


def chances_by_goal(frame: pd.DataFrame | None) -> dict[str, tuple[float | None, float | None]]:
    """Each goal's chance (0 to 1) in A and B from :func:`odds_delta_frame`; empty when
    no goal is uncertain (every chance is then 0 or 1, and says nothing)."""
    if frame is None or not frame["uncertain"].any():
        return {}
    return {
        goal_id: (_share(before), _share(after))
        for goal_id, before, after in zip(
            frame["goal_id"], frame["before"], frame["after"], strict=True
        )
    }


def _share(percent: Any) -> float | None:
    return None if percent is None or pd.isna(percent) else float(percent) / 100


def odds_delta_view(
    frame: pd.DataFrame,
    before: str = "Chance before",
    after: str = "Chance after",
    *,
    after_first: bool = False,
) -> pd.DataFrame:
    """:func:`odds_delta_frame` (or :func:`replan_odds_frame`) as a leader reads it, in text.

    Chances as :func:`planner.core.shown_figures.chance` writes them everywhere ("< 1 %",
    never "0 %" for a possible outcome) and the change as
    :func:`planner.core.shown_figures.chance_change` does, in the whole points the two
    chances show ("no change", never "+0 pts"). ``before`` and ``after`` name
    the two chance columns; ``after_first`` puts ``after`` first (a re-plan before the
    baseline carried on, as the Check-in page's forecast and the re-plan's workbook lead
    with it), the change still that of ``after`` against ``before``.
    """
    rows = []
    for goal, raw_before, raw_after, words in zip(
        frame["goal"], frame["before"], frame["after"], frame["words"], strict=True
    ):
        a, b = _share(raw_before), _share(raw_after)
        rows.append(
            {
                "Goal": goal,
                before: chance(a),
                after: chance(b),
                "Change": chance_change(a, b),
                "After, in words": words,
            }
        )
    chances = [after, before] if after_first else [before, after]
    return pd.DataFrame(rows, columns=["Goal", *chances, "Change", "After, in words"])


def _achieved_text(done: float, goal_id: str, recorded: Mapping[str, Decimal] | None = None) -> str:
    """What a goal achieved by the check-in as its forecast line shows it: a count kept as
    pre-filled as written in ``recorded`` ("8", where the plan's figure it stands for is
    7.7), any other figure as recorded (8.5 new customers typed read "9"); "" for nothing."""
    if done <= 0:
        return ""
    written = (recorded or {}).get(goal_id)
    return shown_figures.recorded(done if written is None else written)


def replan_goal_odds(
    problem: Problem,
    achieved: Mapping[str, Decimal],
    replan: Problem,
    before: Plan,
    after: Plan,
    *,
    recorded: Mapping[str, Decimal] | None = None,
) -> dict[str, tuple[GoalOdds | None, GoalOdds, str]]:
    """After a check-in, per goal of the quarter: the odds with ``before`` carried on (None
    for a goal met already), the re-plan's odds read against the quarter's full target
    (with what was achieved so far), and those in words.

    ``replan`` is the re-plan problem (what is left of each target); ``before`` the
    baseline carried on and ``after`` the re-plan, both plans of ``replan``; ``achieved``
    what each goal has reached so far. A goal already met is certain. ``recorded``: the
    counts kept as pre-filled, as written (the check-in's ``recorded``). The Check-in
    page's odds (:func:`replan_odds_frame`) and ``planner checkin --json`` read these.
    """
    drawn: Drawn = {}  # the two plans share most projects: each is drawn once
    odds_a = goal_odds(replan, before, drawn=drawn)
    odds_b = goal_odds(replan, after, drawn=drawn)
    # A goal met already is certain, yet the re-plan's work for it still adds to it: its
    # outcome read the achieved figure alone (planned 120,000 website visitors beside the
    # forecast's 152,425 in one goal of checkin --json). Its projects are put back under
    # it (they left it, met, to score nothing) for its outcome at the quarter's end.
    met = with_met_goals(replan, met_goals(problem, replan))
    odds_met = goal_odds(met, after) if len(met.goals) > len(replan.goals) else {}
    out: dict[str, tuple[GoalOdds | None, GoalOdds, str]] = {}
    for goal in problem.goals:
        a, b = odds_a.get(goal.goal_id), odds_b.get(goal.goal_id)
        done = float(achieved.get(goal.goal_id, Decimal(0)))
        if a is None or b is None:  # met before the re-plan: nothing left to reach
            rest = odds_met.get(goal.goal_id)
            if rest is None:
                ends = (done,) * 3
                reached = GoalOdds(goal.goal_id, float(goal.target), done, done, 1.0, *ends, True)
            else:
                reached = replace(
                    rest,
                    target=float(goal.target),
                    planned=rest.planned + done,
                    expected=rest.expected + done,
                    probability=1.0,
                    p10=rest.p10 + done,
                    p50=rest.p50 + done,
                    p90=rest.p90 + done,
                )
            out[goal.goal_id] = (None, reached, MET)
            continue
        quarter = replace(
            b,
            target=float(goal.target),
            planned=b.planned + done,
            expected=b.expected + done,
            p10=b.p10 + done,
            p50=b.p50 + done,
            p90=b.p90 + done,
        )
        words = odds_words(
            goal,
            quarter,
            checked_in=True,
            achieved=_achieved_text(done, goal.goal_id, recorded),
        )
        out[goal.goal_id] = (a, quarter, words)
    return out


def replan_odds_frame(
    problem: Problem,
    achieved: Mapping[str, Decimal],
    replan: Problem,
    before: Plan,
    after: Plan,
    *,
    recorded: Mapping[str, Decimal] | None = None,
) -> pd.DataFrame:
    """After a check-in: each goal's chance of reaching its quarter target, before and after
    (:func:`replan_goal_odds`, in percent; a goal already met is 100 %). The words use the
    quarter's full target."""
    labels = goal_labels(problem)
    rows = []
    odds = replan_goal_odds(problem, achieved, replan, before, after, recorded=recorded)
    for goal_id, (a, b, words) in odds.items():
        rows.append(
            {
                "goal_id": goal_id,
                "goal": labels[goal_id],
                "before": 100 * (b if a is None else a).probability,
                "after": 100 * b.probability,
                "change": 100 * (b.probability - (b if a is None else a).probability),
                "words": words,
                "uncertain": b.uncertain or (a is not None and a.uncertain),
            }
        )
    return pd.DataFrame(
        rows, columns=["goal_id", "goal", "before", "after", "change", "words", "uncertain"]
    )
