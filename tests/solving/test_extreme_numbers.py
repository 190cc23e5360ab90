"""Numbers at the edges of what the loader accepts still solve (SPEC "Bad input").

Every cell and setting below is inside its range, yet together they once
made CP-SAT refuse the model ("Possible integer overflow in objective"),
which the command line reported as an internal error: values of a trillion
(the cap) weighted a million times.
"""

from __future__ import annotations

from builders import goal, problem, project, settings, team

from planner.checker import check_plan, objective_of
from planner.core import ranges
from planner.core.domain import Status
from planner.core.settings import Weights
from planner.core.tables import MAX_HOURS, MAX_VALUE
from planner.solving.solver import solve

TOP = ranges.WEIGHT.high
HUGE_VALUE = str(MAX_VALUE - MAX_VALUE / 10**15)  # 999,999,999,999.999
HUGE_HOURS = str(MAX_HOURS - MAX_HOURS / 10**12)  # 999,999,999.999


def _quarter(weights: Weights):
    teams = [team("a", capacity=MAX_HOURS), team("b", capacity=MAX_HOURS)]
    projects = [
        project(f"p{i}", effort=HUGE_HOURS if i % 2 else "0.001", value=HUGE_VALUE, goal_id="g")
        for i in range(12)
    ]
    goals = [goal("g", target=MAX_VALUE)]
    return problem(teams, projects, goals=goals, settings=settings(weights, time_limit_s=5))


def test_values_at_the_cap_weighted_at_the_top_weight_solve_and_check():
    """Value and attainment at the top weight over trillion-sized values: a checked plan,
    its objective the plan's own (the value term alone is exact)."""
    prob = _quarter(Weights(attainment=0, value=TOP, balance=0, fit=0, stability=0))
    result = solve(prob)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE), result.reasons
    assert check_plan(prob, result.plan) == []
    assert result.objective == float(objective_of(prob, result.plan).total)


def test_every_term_at_the_top_weight_over_values_at_the_cap_solves():
    """Every weight at its top at once: still a plan that passes the checker."""
    weights = Weights(attainment=TOP, value=TOP, balance=TOP, fit=TOP, stability=TOP)
    prob = _quarter(weights)
    result = solve(prob)
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE), result.reasons
    assert check_plan(prob, result.plan) == []
