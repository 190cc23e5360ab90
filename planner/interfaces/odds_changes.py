"""The odds of reaching each goal before and after: two saved scenarios side by side
(Compare, ``planner scenarios compare``, the comparison workbook) and a check-in's re-plan
against its baseline carried on (the Check-in page, ``planner checkin``, the re-plan's
workbook), and why a check-in's odds read otherwise than at the start of the quarter.

Frames of figures first (:func:`odds_delta_frame`, :func:`replan_odds_frame`), then the
table a leader reads (:func:`odds_delta_view`); the odds of one plan and their charts are
:mod:`~planner.interfaces.odds_charts`'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pandas as pd

from planner.core import shown_figures
from planner.core.domain import Plan, Problem
from planner.core.shown_figures import chance, chance_change
from planner.core.uncertainty import Drawn, GoalOdds, goal_odds, odds_words
from planner.interfaces.charts import chart_labels, goal_labels
from planner.interfaces.odds_charts import goal_named
from planner.scenarios.checkin import CheckIn
from planner.scenarios.met_goals import met_goals, with_met_goals
from planner.scenarios.odds import MET, chance_percent, reached_odds
from planner.scenarios.scenario import Scenario

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
                reached = replace(_over_the_quarter(rest, goal.target, done), probability=1.0)
            out[goal.goal_id] = (None, reached, MET)
            continue
        quarter = _over_the_quarter(b, goal.target, done)
        words = odds_words(
            goal,
            quarter,
            checked_in=True,
            achieved=_achieved_text(done, goal.goal_id, recorded),
        )
        out[goal.goal_id] = (a, quarter, words)
    return out


def _over_the_quarter(odds: GoalOdds, target: Decimal, done: float) -> GoalOdds:
    """``odds`` of what is left of a goal after a check-in, read against the quarter's full
    ``target``: ``done``, what it had achieved by then, added to every outcome."""
    return replace(
        odds,
        target=float(target),
        planned=odds.planned + done,
        expected=odds.expected + done,
        p10=odds.p10 + done,
        p50=odds.p50 + done,
        p90=odds.p90 + done,
    )


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
