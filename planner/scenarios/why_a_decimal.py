"""Why a goal counted in whole units reads a planned figure with a decimal: one sentence
for every page, the CLI and plan.xlsx."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from planner.core.domain import Plan, Problem, Project
from planner.core.shown_figures import (
    amount_shown,
    amounts_adding_up,
    contribution,
    goal_amount_value,
)
from planner.explain.sentences import join_names
from planner.scenarios.checkin_goals import GoalForecast
from planner.scenarios.metrics import GoalFigures

#: What :func:`decimals_words` answers, as a heading or the sentence's start.
WHY_A_DECIMAL = "Why a decimal"


def decimals_words(problem: Problem, plan: Plan | None, goals: Sequence[GoalFigures]) -> str | None:
    """Why a goal whose target is a whole number reads a planned figure with a decimal
    (26.3 of 40 new customers), in one sentence for every page, the CLI and plan.xlsx (after
    :data:`WHY_A_DECIMAL`); None when none does.

    A plan's figure adds up each planned project's expected impact as the data gives it,
    and the data may give one with a decimal (20.3 new customers): the figure keeps it, so
    that it reads its % of target (26 of 40 is 65.0 %, the goal 65.8 %) and never the
    target itself (89.9 of 90). A count a leader reads with no word for it reads as a
    mistake; rounded, it reads another % than the one beside it.
    """
    fractional = [
        (g, shown)
        for g in goals
        if _whole(g.target) and not _whole(shown := goal_amount_value(g.planned, g.target))
    ]
    if not fractional or plan is None:
        return None
    values = _project_values(plan)
    examples = []
    for g, _ in fractional:
        found = _with_a_decimal(problem, values, g.goal_id)
        if found is not None:
            examples.append(f"{found[0].name}: {contribution(found[1], g.kpi or '')}")
    figures = join_names([f"{amount_shown(shown, g.kpi)} ({g.name})" for g, shown in fractional])
    given = f" ({'; '.join(examples[:3])})" if examples else ""
    return (
        f"{figures} {'are' if len(fractional) > 1 else 'is an'} expected "
        f"figure{'s' if len(fractional) > 1 else ''}, the sum of each planned project's "
        f"expected impact as the data gives it, some with a decimal{given}. The % of target "
        "is of that figure."
    )


def forecast_decimals_words(
    rest: Problem,
    plan: Plan | None,
    forecasts: Sequence[GoalForecast],
    in_progress: Collection[str] = (),
) -> str | None:
    """:func:`decimals_words` for a check-in's quarter-end forecast (6 + 20.3 = 26.3 of 40
    new customers), as ``planner checkin``, the Check-in page and the re-plan's plan.xlsx say
    it (after :data:`WHY_A_DECIMAL`); None when every such forecast reads whole.

    What the re-plan adds is its projects' expected impact in the weeks left: a project in
    progress (``in_progress``) adds the share of its value still to run (``rest``, the
    re-plan's quarter, holds 6.3 of the 9 new customers the data gives it), so a whole count
    reads a decimal. The forecast keeps it as the plan's figures do, so that it reads its %
    of target. A saved check-in keeps ``rest`` alone: the example says what it knows there.
    """
    fractional = []
    for f in forecasts:
        total = amounts_adding_up(
            f.as_written, f.forecast, f.target, as_recorded=True, whole=f.whole
        )[2]
        if _whole(f.target) and not _whole(total):
            fractional.append((f, total))
    if not fractional or plan is None:
        return None
    values = _project_values(plan)
    examples = []
    for f, _ in fractional:
        found = _with_a_decimal(rest, values, f.goal_id)
        if found is not None:
            project, value = found
            still = ", the part of it still to run" if project.project_id in in_progress else ""
            examples.append(f"{project.name}: {contribution(value, f.kpi)}{still}")
    many = len(fractional) > 1
    figures = join_names([f"{amount_shown(total, f.kpi)} ({f.name})" for f, total in fractional])
    given = f" ({'; '.join(examples[:3])})" if examples else ""
    return (
        f"{figures} {'are' if many else 'is an'} expected figure{'s' if many else ''}: what "
        "was achieved so far plus the re-plan's pro-rata share of the work still to run, each "
        "planned project's expected impact as the data gives it for the part of it left, some "
        f"with a decimal{given}. The % of target is of that figure."
    )


def _project_values(plan: Plan) -> dict[str, Decimal]:
    """Each planned project's value, summed over its teams."""
    values: dict[str, Decimal] = {}
    for a in plan.assignments:
        values[a.project_id] = values.get(a.project_id, Decimal(0)) + a.value
    return values


def _with_a_decimal(
    problem: Problem, values: Mapping[str, Decimal], goal_id: str
) -> tuple[Project, Decimal] | None:
    """The first of the goal's planned projects, in the data's order, whose value has a
    decimal, with that value: the example a sentence names."""
    return next(
        (
            (p, values[p.project_id])
            for p in problem.projects
            if p.goal_id == goal_id and p.project_id in values and not _whole(values[p.project_id])
        ),
        None,
    )


def _whole(amount: Decimal | float) -> bool:
    return not math.isfinite(amount) or amount == int(amount)
