"""HiGHS on the same formulation (planner/optimizer/mip.py), the bench's free-MIP peer."""

from __future__ import annotations

from pathlib import Path

from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.core.loading import load_problem
from planner.optimizer.greedy import plan_objective
from planner.optimizer.mip import solve_mip
from planner.solving.solver import solve


def test_highs_proves_the_same_optimum_as_the_planner_on_a_small_gap():
    """Same rules, same objective: on an instance both prove, the optima agree exactly."""
    problem = gap_to_problem(gap_instance("D", 3, 12, seed=0))
    mip = solve_mip(problem, time_limit_s=20)
    assert mip.status == "TERMINATION_REASON_OPTIMAL"
    assert plan_objective(problem, mip.chosen) == solve(problem, time_limit_s=20).objective


def test_highs_plan_on_the_sample_keeps_every_rule():
    """Joint projects, skills, goals and caps included: the MIP's plan passes the checker."""
    problem = load_problem(Path(__file__).parent.parent / "data" / "sample").problem
    mip = solve_mip(problem, time_limit_s=20)
    objective = plan_objective(problem, mip.chosen)
    assert objective is not None
    assert objective <= solve(problem, time_limit_s=20).objective + 1e-6
