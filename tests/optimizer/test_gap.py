"""The planner solves the classic generalized assignment problem exactly.

With only teams, projects (all mandatory), an estimate for every pair and
value-only weights, a plan is a GAP solution. An independent MIP (SCIP,
written from the GAP's textbook formulation) gives the optimum to compare.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from ortools.linear_solver import pywraplp

from planner.checker import check_plan
from planner.core.domain import Problem, Status
from planner.core.gap_instances import generate_gap_problem
from planner.solving.solver import solve


def mip_optimum(problem: Problem) -> float:
    """max sum v_ij x_ij  s.t.  sum_i x_ij = 1,  sum_j a_ij x_ij <= b_i,  x binary."""
    mip = pywraplp.Solver.CreateSolver("SCIP")
    x = {}
    for e in problem.estimates:
        x[e.project_id, e.team_id] = mip.BoolVar(f"{e.project_id}_{e.team_id}")
    for p in problem.projects:
        mip.Add(sum(v for (j, _), v in x.items() if j == p.project_id) == 1)
    for t in problem.teams:
        mip.Add(
            sum(
                float(e.effort_hours) * x[e.project_id, e.team_id]
                for e in problem.estimates
                if e.team_id == t.team_id
            )
            <= float(t.capacity_hours)
        )
    mip.Maximize(sum(float(e.value) * x[e.project_id, e.team_id] for e in problem.estimates))
    assert mip.Solve() == pywraplp.Solver.OPTIMAL
    return round(mip.Objective().Value())


@pytest.mark.parametrize(
    ("num_teams", "num_projects", "seed"), [(5, 30, 0), (8, 40, 1), (10, 60, 2)]
)
def test_gap_optimum_matches_an_independent_mip(num_teams, num_projects, seed):
    """Proven optimal; objective = the chosen pairs' values = the MIP's optimum."""
    problem = generate_gap_problem(num_teams, num_projects, seed, kind="C")
    problem = problem.replace(
        settings=replace(problem.settings, solve=replace(problem.settings.solve, time_limit_s=30))
    )
    result = solve(problem)
    assert result.status is Status.OPTIMAL
    assert check_plan(problem, result.plan) == []
    chosen = sum(a.value for a in result.plan.assignments)
    assert result.objective == float(chosen) == result.solver_objective
    assert len(result.plan.assignments) == num_projects
    assert result.objective == mip_optimum(problem)
