"""Shared by the tests of why no plan (tests/explain/test_no_plan_rules.py,
test_no_plan_capacity.py): the solver's own explanation of a failed solve, and the
check that its first fix gives a plan.
"""

from __future__ import annotations

import pytest

import planner.explain.infeasible as infeasible_module
from planner.checker import check_plan
from planner.core.domain import Problem, Status
from planner.explain import (
    InfeasibilityExplanation,
    explain_infeasibility,
)
from planner.solving import solver as solver_module
from planner.solving.solver import solve


def infeasible(p: Problem) -> InfeasibilityExplanation:
    """Solve (it must fail); the solver's reasons are the sentences of the explanation it made.

    That explanation is the one read, not a second one made after the solve: each keeps to
    a wall-clock budget, and under load one of two could stop before it confirmed its fixes
    ("Other rules may still conflict once these are fixed.") where the other did not."""
    made: list[InfeasibilityExplanation] = []

    def kept(problem: Problem, **kwargs: float) -> InfeasibilityExplanation:
        made.append(explain_infeasibility(problem, **kwargs))
        return made[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(infeasible_module, "explain_infeasibility", kept)
        patch.setattr(solver_module, "explain_infeasibility", kept)
        result = solve(p)
    assert result.status is Status.INFEASIBLE, result.status
    assert made, "the solver said why without explaining"
    why = made[-1]
    assert why.conflicts, "an infeasible problem needs at least one conflict"
    assert list(result.reasons) == why.sentences()
    return why


def assert_repair_gives_a_plan(p: Problem, why: InfeasibilityExplanation) -> None:
    """The first fix of every conflict, applied, gives a valid plan."""
    assert why.complete
    repaired = why.repair(p)
    result = solve(repaired)
    assert result.plan is not None, result.reasons
    assert check_plan(repaired, result.plan) == []


def first_fix(why: InfeasibilityExplanation) -> tuple[object, ...]:
    return why.conflicts[0].fixes[0].changes
