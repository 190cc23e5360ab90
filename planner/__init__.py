"""Goal Planner: turn a quarter's stretch goals into a plan sales and marketing both own.

The public surface, for Python users::

    from planner import check_plan, load_problem, plan_metrics, solve

    problem = load_problem("data/sample")
    result = solve(problem)
    assert result.plan is not None  # None: no plan (result.reasons say why)
    assert check_plan(problem, result.plan) == []  # solve has already checked it
    figures = plan_metrics(problem, result.plan, result)
    print(f"goal attainment {figures.attainment_pct:.1f} %")
    for goal in figures.goals:  # GoalFigures: planned in the KPI's unit, percent of target
        print(goal.name, goal.planned, goal.kpi, f"{goal.percent:.1f} %")
    for team in figures.teams:  # TeamFigures: hours as every page shows them
        print(team.name, team.shown_planned, "of", team.shown_in_force, "h")

:class:`ProblemBuilder` makes a problem in code, validated like a data
folder. :func:`solve` calls ``progress`` (a :class:`ProgressCallback`) with a
:class:`Progress` at each better plan, and raises :class:`PlanCheckError`
should its plan break a hard rule (a bug, never the data); :func:`check_plan`
is that check, the rules of SPEC.md written again from the spec alone, for a
plan made or edited by hand (each :class:`Violation` names its rule). :func:`plan_metrics` gives the
figures of a plan as every page, the CLI and the exports show them
(:class:`PlanMetrics`: each goal's attainment, each team's load).
Everything else lives in the layers below, one way down:
``core`` (domain, settings, loading) <- ``checker`` <- ``optimizer`` <-
``explain`` <- ``solving`` <- ``scenarios`` <- ``interfaces``.

The names below are imported on first use, so that importing a lower layer
(``planner.core.domain``, say, in a worker process) does not load the
solver, pandas and OR-Tools with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.checker import PlanCheckError, Violation, check_plan
    from planner.core.builder import ProblemBuilder, load_problem
    from planner.core.domain import Assignment, Plan, Problem, Result, Status, Unassigned
    from planner.core.errors import InputWarning, InvalidInputError
    from planner.core.settings import Settings
    from planner.scenarios.metrics import GoalFigures, PlanMetrics, TeamFigures, plan_metrics
    from planner.solving.search import Progress, ProgressCallback
    from planner.solving.solver import solve

#: Public name -> the module that defines it.
_HOMES = {
    "Assignment": "planner.core.domain",
    "GoalFigures": "planner.scenarios.metrics",
    "InputWarning": "planner.core.errors",
    "InvalidInputError": "planner.core.errors",
    "Plan": "planner.core.domain",
    "PlanCheckError": "planner.checker",
    "PlanMetrics": "planner.scenarios.metrics",
    "Problem": "planner.core.domain",
    "ProblemBuilder": "planner.core.builder",
    "Progress": "planner.solving.search",
    "ProgressCallback": "planner.solving.search",
    "Result": "planner.core.domain",
    "Settings": "planner.core.settings",
    "Status": "planner.core.domain",
    "TeamFigures": "planner.scenarios.metrics",
    "Unassigned": "planner.core.domain",
    "Violation": "planner.checker",
    "check_plan": "planner.checker",
    "load_problem": "planner.core.builder",
    "plan_metrics": "planner.scenarios.metrics",
    "solve": "planner.solving.solver",
}

__all__ = [
    "Assignment",
    "GoalFigures",
    "InputWarning",
    "InvalidInputError",
    "Plan",
    "PlanCheckError",
    "PlanMetrics",
    "Problem",
    "ProblemBuilder",
    "Progress",
    "ProgressCallback",
    "Result",
    "Settings",
    "Status",
    "TeamFigures",
    "Unassigned",
    "Violation",
    "check_plan",
    "load_problem",
    "plan_metrics",
    "solve",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'planner' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
