"""The fewest changes to a baseline plan, exactly: one CP-SAT model, two aims in order.

The second stage of a what-if against the current plan (see
:mod:`planner.scenarios.relative`) asks for the plan that moves or leaves out the
fewest of the baseline's projects among those whose objective reaches a
floor, and among those the best objective. On a small quarter CP-SAT proves
that in one search, with the aims combined lexicographically:

    minimise  ``spread x changes - objective``,  subject to  ``objective >= floor``,

where ``objective`` is the model's own (scaled, whole-number) objective
expression and ``spread`` exceeds what ``objective`` can vary above the floor,
so one change more always costs more than any gain in objective.

In weeks a third aim follows: among those plans, the most projects kept on their
teams in the week the baseline starts them (``Baseline.starts``). The current plan
already scores what a little more capacity allows, and the search started three
projects of the other department in other weeks for no gain, which the leader read
as the change's doing. The first two aims' expression is multiplied by one more
than the number of such projects, so the third only orders plans they tie.

The model's objective is a little below the exact one (attainment is floored
to millionths, utilisation rounded up), so a plan that reaches ``floor``
here reaches it in exact arithmetic too; the caller checks that anyway.
"""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.cpsat import PlanningModel

__all__ = ["fewest_changes_model"]


def fewest_changes_model(
    problem: Problem, pairs: tuple[Pair, ...], *, floor: float, ceiling: float
) -> PlanningModel:
    """``problem``'s model re-aimed: fewest changes to its baseline, objective >= ``floor``.

    Parameters
    ----------
    problem
        The inputs, with ``baseline`` = the owners of the plan to stay close to.
    pairs
        Its eligible pairs.
    floor
        The objective a plan must reach, in the objective's units.
    ceiling
        No plan's objective exceeds it (a bound, e.g. the free re-solve's).

    Returns
    -------
    PlanningModel
        The model of every hard rule whose CP-SAT objective is the fewest
        changes, then the best objective; its hints and translation work as
        for the usual model.
    """
    baseline = problem.baseline
    if baseline is None:
        raise ValueError("the fewest changes need a problem with a baseline plan")
    if baseline.max_changes is None:
        # A budget that cannot bind makes the formulation count each change (rule 9's
        # indicators) without a term or a rule of its own.
        problem = problem.replace(baseline=replace(baseline, max_changes=len(baseline.owners)))
    planning = PlanningModel(problem, pairs)
    model = planning.model
    objective = model.proto.objective
    # maximize(expr) is stored as minimize(-expr): the proto holds the negated coefficients.
    if objective.offset or objective.scaling_factor not in (-1.0, 0.0):
        raise ValueError("the planning model's objective is not a whole-number maximisation")
    terms: dict[int, int] = {i: -c for i, c in zip(objective.vars, objective.coeffs, strict=True)}
    variables = [model.get_int_var_from_proto_index(i) for i in terms]
    expression = cp_model.LinearExpr.weighted_sum(variables, list(terms.values()))
    scale = planning.objective_scale
    low = math.ceil(Fraction(floor) * scale)
    high = max(low, math.ceil(Fraction(ceiling) * scale) + 1)
    if terms:
        model.add(expression >= low)
    changes = cp_model.LinearExpr.sum(list(planning.variables.changed.values()))
    spread = high - low + 1
    kept = _kept_in_their_weeks(planning)
    model.minimize((len(kept) + 1) * (spread * changes - expression) - sum(kept))
    return planning


def _kept_in_their_weeks(planning: PlanningModel) -> list[cp_model.IntVar]:
    """One literal per project the baseline starts in a week it may still start in: true
    when the project's first owner (by id) starts it in that week. An owner changed is
    counted a change above; the credit only orders plans of as many changes."""
    baseline, starts = planning.problem.baseline, planning.formulation.starts
    if baseline is None or starts is None or not baseline.starts:
        return []
    v = planning.variables
    row_of = {(p.project_id, p.team_id): row for row, p in enumerate(v.pairs)}
    kept = []
    for project_id, week in sorted(baseline.starts.items()):
        owners = sorted(baseline.owners.get(project_id, ()))
        row = row_of.get((project_id, owners[0])) if owners else None
        column = None if row is None else starts.starts.get(row, {}).get(week)
        if column is not None:
            kept.append(v.columns[column])
    return kept
