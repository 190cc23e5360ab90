"""The fewest changes to a baseline, exactly: the what-if's second stage on a small quarter.

A leader who cuts a team's capacity wants the current plan moved as little
as the cut forces, as long as the plan stays within the tolerance of the best
score. One toy quarter shows each of the model's aims: the floor holds, the
fewest changes win over a better score, and among plans with as few changes
the better score wins.
"""

from __future__ import annotations

from builders import problem, project, team
from ortools.sat.python import cp_model

from planner.checker import check_plan, num_changes, objective_of
from planner.core.domain import Baseline, Problem
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.fewest_changes import fewest_changes_model
from planner.solving.plans import to_plan


def cut_quarter() -> Problem:
    """Brand's hours cut from 10 to 5: "x" (10 h) can no longer stay on brand.

    The current plan had x on brand and y on content. Now either x moves to
    content and y is dropped (2 changes, value 10), or x is dropped and y
    stays (1 change, value 9); "z" (5 h, value 1, new) fits on brand either way.
    """
    return problem(
        [team("brand", capacity=5), team("content", capacity=10)],
        [
            project("x", effort=10, value=10),
            project("y", effort=10, value=9),
            project("z", effort=5, value=1),
        ],
        baseline=Baseline({"x": frozenset({"brand"}), "y": frozenset({"content"})}),
    )


def solved(prob: Problem, floor: float, ceiling: float = 100.0):
    pairs = eligible_pairs(prob)
    planning = fewest_changes_model(prob, pairs, floor=floor, ceiling=ceiling)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(planning.model) == cp_model.OPTIMAL
    plan = to_plan(prob, planning.chosen(solver), planning.starts(solver))
    assert check_plan(prob, plan) == []
    return plan


def test_the_fewest_changes_win_over_a_better_score_within_the_floor():
    """Floor 9: dropping x (1 change) beats moving x and dropping y (2 changes, value 10 + 1)."""
    prob = cut_quarter()
    plan = solved(prob, floor=9)
    assert num_changes(prob, plan) == 1
    assert plan.owners()["y"] == frozenset({"content"})


def test_among_as_few_changes_the_better_score_wins():
    """With one change either way, z joins brand (a project added is no change): value 10."""
    prob = cut_quarter()
    plan = solved(prob, floor=9)
    assert plan.owners().get("z") == frozenset({"brand"})
    assert objective_of(prob, plan).total == 10


def test_the_floor_holds_even_when_it_costs_changes():
    """Floor 10.5: only x on content with z on brand (value 11) reaches it, at 2 changes."""
    prob = cut_quarter()
    plan = solved(prob, floor=10.5)
    assert objective_of(prob, plan).total >= 10.5
    assert num_changes(prob, plan) == 2


def test_a_change_budget_of_the_inputs_stays_a_rule():
    """A baseline with max_changes = 0 (rule 9) admits no change: below any floor it reaches,
    the model is infeasible rather than quietly ignoring the budget."""
    prob = cut_quarter()
    budget = prob.replace(baseline=Baseline(prob.baseline.owners, max_changes=0))
    planning = fewest_changes_model(budget, eligible_pairs(budget), floor=0, ceiling=100)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(planning.model) == cp_model.INFEASIBLE
