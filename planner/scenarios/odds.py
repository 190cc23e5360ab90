"""Each goal's odds under a saved scenario's plan, a check-in's read against the quarter.

The figures behind the odds that the Scenarios page charts and the command
line writes (:mod:`planner.interfaces.odds_charts` draws them): here, with
the scenarios, so that reading a chance needs no charting library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal

from planner.core.domain import Plan, Problem
from planner.core.uncertainty import GoalOdds, goal_odds
from planner.scenarios.met_goals import with_met_goals
from planner.scenarios.scenario import Scenario

#: A check-in's goal met by the week of the check-in (no odds left to read).
MET = "reached already"


def reached_odds(
    problem: Problem,
    plan: Plan | None,
    achieved: Mapping[str, Decimal] | None,
    goals: Iterable[str],
) -> dict[str, GoalOdds | str]:
    """Each goal's odds under ``plan``; for a check-in's re-plan (``achieved`` given) read
    against the quarter's full target, a goal met by then :data:`MET`."""
    odds = goal_odds(problem, plan) if plan is not None else {}
    if achieved is None or plan is None:
        return dict(odds)
    out: dict[str, GoalOdds | str] = {}
    for goal_id in goals:
        o = odds.get(goal_id)
        if o is None:
            out[goal_id] = MET
            continue
        done = float(achieved.get(goal_id, Decimal(0)))
        out[goal_id] = replace(
            o,
            target=o.target + done,
            planned=o.planned + done,
            p10=o.p10 + done,
            p50=o.p50 + done,
            p90=o.p90 + done,
        )
    return out


def chance_percent(odds: GoalOdds | str | None) -> float | None:
    """The chance in percent; a goal reached already (``str``) is certain."""
    if odds is None:
        return None
    return 100.0 if isinstance(odds, str) else 100 * odds.probability


def scenario_chances(scenario: Scenario) -> dict[str, float | None]:
    """Each goal's chance (0 to 1) of its target under a saved scenario, as Compare reads
    it (a check-in against the quarter's targets, a goal met by then among them); empty
    when no goal is uncertain."""
    goals = [g.goal_id for g in with_met_goals(scenario.problem, scenario.met).goals]
    achieved = scenario.checkin.achieved if scenario.checkin else None
    sides = reached_odds(scenario.problem, scenario.plan, achieved, goals)
    if not any(isinstance(o, GoalOdds) and o.uncertain for o in sides.values()):
        return {}
    chances = {goal_id: chance_percent(sides.get(goal_id)) for goal_id in goals}
    return {goal_id: None if c is None else c / 100 for goal_id, c in chances.items()}
