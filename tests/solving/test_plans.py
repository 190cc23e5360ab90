"""A plan carried over from the one in force is weighed by the checker before it is kept."""

from __future__ import annotations

from builders import problem, project, settings, team

from planner.core.settings import Weights
from planner.optimizer.eligibility import pair_of
from planner.solving.plans import rule_keeping_objective

WEIGHTS = Weights(attainment=0, value=1, balance=0, fit=0, stability=0)


def _quarter():
    teams = [team("a", capacity=10), team("b", capacity=10)]
    projects = [project("p1", effort=10, value=5), project("p2", effort=10, value=3)]
    return problem(teams, projects, settings=settings(WEIGHTS))


def test_a_plan_keeping_every_rule_is_weighed_at_the_checkers_objective():
    quarter = _quarter()
    chosen = [
        pair_of(quarter, quarter.project("p1"), quarter.team("a")),
        pair_of(quarter, quarter.project("p2"), quarter.team("b")),
    ]

    assert rule_keeping_objective(quarter, chosen, {}) == 8


def test_a_plan_over_a_teams_capacity_is_not_weighed():
    quarter = _quarter()
    both_on_a = [pair_of(quarter, quarter.project(p), quarter.team("a")) for p in ("p1", "p2")]

    assert rule_keeping_objective(quarter, both_on_a, {}) is None


def test_a_project_left_out_scores_nothing():
    quarter = _quarter()
    chosen = [pair_of(quarter, quarter.project("p2"), quarter.team("b"))]

    objective = rule_keeping_objective(quarter, chosen, {})

    assert objective == 3
