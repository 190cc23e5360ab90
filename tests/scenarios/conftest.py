"""Shared set-ups of the scenario tests: a generated quarter and its plan, the current
plan the what-if tests change; a toy relay of four projects and its plan, the baseline
the check-in tests report against.
"""

from __future__ import annotations

import pytest
from builders import goal, problem, project, team
from checkin_cases import plan_of
from what_if_quarter import limited

from planner.core.domain import Plan, Problem
from planner.core.generate import generate_problem
from planner.solving.solver import solve


@pytest.fixture(scope="module")
def quarter() -> tuple[Problem, object]:
    """A generated 12-team, 120-project quarter and its plan (the current plan).

    Solved with room to spare (it ends on its proof, about a second of CPU): at load 6
    a 4 s limit cut the proof short, and a later what-if at 100 % found the better plan
    and moved projects to reach it.
    """
    problem = limited(generate_problem(12, 120, seed=5), 30.0)
    result = solve(problem)
    assert result.plan is not None
    return problem, result


@pytest.fixture
def relay() -> tuple[Problem, Plan]:
    """Two marketing teams of 100 h and a goal of 10 MQLs.

    ``a`` (40 h, 4 MQLs) and ``b`` (40 h, 4 MQLs) are on m1; ``c`` (60 h, 3
    MQLs, needs ``a``) is on m2; ``d`` (50 h, 5 MQLs) is left out.
    """
    prob = problem(
        [team("m1"), team("m2")],
        [
            project("a", effort=40, value=4, goal_id="g"),
            project("b", effort=40, value=4, goal_id="g"),
            project("c", effort=60, value=3, goal_id="g", depends_on=("a",)),
            project("d", effort=50, value=5, goal_id="g"),
        ],
        goals=[goal("g", 10)],
    )
    return prob, plan_of(prob, {"a": "m1", "b": "m1", "c": "m2"})
