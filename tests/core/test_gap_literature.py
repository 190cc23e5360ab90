"""GAP types D and E as the literature defines them (planner/core/gap_literature.py)."""

from __future__ import annotations

import math

import pytest

from planner.checker import check_plan, objective_of
from planner.core.domain import Status
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.solving.solver import solve


@pytest.mark.parametrize("kind", ["D", "E"])
def test_gap_instance_is_the_same_for_the_same_seed_and_differs_across_seeds(kind):
    """Benchmarks compare solvers on named seeds: an instance must be reproducible."""
    assert gap_instance(kind, 5, 20, seed=3) == gap_instance(kind, 5, 20, seed=3)
    assert gap_instance(kind, 5, 20, seed=3).cost != gap_instance(kind, 5, 20, seed=4).cost


def test_type_d_follows_its_definition():
    """Type D: a in 1..100, c = 111 - a + e with e in -10..10, b = 0.8 * sum(a) / m."""
    instance = gap_instance("D", 4, 50, seed=1)
    for a_row, c_row in zip(instance.effort, instance.cost, strict=True):
        assert all(1 <= a <= 100 for a in a_row)
        assert all(-10 <= c - (111 - a) <= 10 for a, c in zip(a_row, c_row, strict=True))
    for i, b in enumerate(instance.capacity):
        assert b == int(0.8 * sum(instance.effort[i]) / 4)


def test_type_e_follows_its_definition():
    """Type E: a = 1 - 10 ln(u) >= 1, c = 1000 / a - 10 u' (truncated), b = 0.8 * sum(a) / m."""
    instance = gap_instance("E", 4, 200, seed=2)
    for a_row, c_row in zip(instance.effort, instance.cost, strict=True):
        assert all(a >= 1 for a in a_row)
        pairs = zip(a_row, c_row, strict=True)
        assert all(math.floor(1000 / a) - 11 <= c <= 1000 / a for a, c in pairs)
    efforts = [a for row in instance.effort for a in row]
    assert 8 <= sum(efforts) / len(efforts) <= 13  # exponential with mean 10, plus 1, truncated
    for i, b in enumerate(instance.capacity):
        assert b == int(0.8 * sum(instance.effort[i]) / 4)


def test_gap_problem_best_plan_is_the_cheapest_assignment():
    """value = offset - cost, all mandatory: the objective gives the plan's cost back exactly."""
    instance = gap_instance("D", 3, 12, seed=0)
    problem = gap_to_problem(instance)
    result = solve(problem, time_limit_s=10)
    assert result.status is Status.OPTIMAL
    assert check_plan(problem, result.plan) == []
    owner = {a.project_id: int(a.team_id[1:]) - 1 for a in result.plan.assignments}
    cost = sum(instance.cost[owner[f"J{j + 1:03d}"]][j] for j in range(12))
    # value = offset - cost for each job, so the plan's score is num_jobs * offset - cost.
    objective = objective_of(problem, result.plan).total
    assert instance.num_jobs * instance.offset - objective == cost
    assert min(e.value for e in problem.estimates) >= 0
