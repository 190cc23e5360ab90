"""Shared set-ups of the scenario tests: a generated quarter and its plan, the current
plan the what-if tests change.
"""

from __future__ import annotations

import pytest
from what_if_quarter import limited

from planner.core.domain import Problem
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
