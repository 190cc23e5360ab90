"""Goal Planner: turn a quarter's stretch goals into a plan sales and marketing both own.

The public surface, for Python users::

    from planner import load_problem, solve

    problem = load_problem("data/sample")
    result = solve(problem)
    print(result.status, result.objective)

:class:`ProblemBuilder` makes a problem in code, validated like a data
folder. Everything else lives in the layers below, one way down:
``core`` (domain, settings, loading) <- ``checker`` <- ``optimizer`` <-
``explain`` <- ``solving`` <- ``scenarios`` <- ``interfaces``.
"""

from planner.core.builder import ProblemBuilder, load_problem
from planner.core.domain import Assignment, Plan, Problem, Result, Status, Unassigned
from planner.core.errors import InputWarning, InvalidInputError
from planner.core.settings import Settings
from planner.solving.solver import solve

__all__ = [
    "Assignment",
    "InputWarning",
    "InvalidInputError",
    "Plan",
    "Problem",
    "ProblemBuilder",
    "Result",
    "Settings",
    "Status",
    "Unassigned",
    "load_problem",
    "solve",
]
