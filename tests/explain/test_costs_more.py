"""A project left out because a penalty outweighs what it adds, said so.

A small project on a big goal (5 of 10,000 visitors), with its team idle, was left out
"adding it would not move the goals: Brand has room (100 h free)", in plan.csv and
`planner explain`: it would move the goal; the workload balance it costs (the most
loaded team's utilisation, x 0.1) was more than the 0.05 points it adds.
"""

from __future__ import annotations

from builders import goal, problem, project, settings, team

from planner.core.settings import Weights
from planner.explain import UnassignedKind, explain_unassigned
from planner.solving.solver import solve


def _left_out(weights: Weights, target: float) -> tuple[UnassignedKind, str]:
    p = problem(
        [team("Brand", capacity=100)],
        [project("a", effort=10, value=5, goal_id="visits")],
        goals=[goal("visits", target, name="Visitors")],
        settings=settings(weights),
    )
    result = solve(p)
    assert result.plan is not None and [u.project_id for u in result.plan.unassigned] == ["a"]
    why = explain_unassigned(p, result.plan, "a")
    return why.kind, why.reason


def test_a_project_whose_balance_cost_outweighs_its_gain_says_what_it_would_add():
    weights = Weights(attainment=1, value=0, balance=0.1, fit=0, stability=0)
    kind, reason = _left_out(weights, 10_000)
    assert kind is UnassignedKind.COSTS_MORE
    assert "would not move the goals" not in reason
    assert "it would add 5 to 'Visitors'" in reason
    assert "workload balance" in reason and "[weights] balance" in reason
    assert "Brand has room (100 h free)" in reason


def test_a_project_that_adds_nothing_still_says_it_would_not_move_the_goals():
    """Value and attainment off: nothing to gain, and the old reason stands."""
    weights = Weights(attainment=0, value=0, balance=0.1, fit=0, stability=0)
    kind, reason = _left_out(weights, 10)
    assert kind is UnassignedKind.NO_GAIN
    assert reason.startswith("adding it would not move the goals")
