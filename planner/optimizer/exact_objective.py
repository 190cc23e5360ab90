"""A chosen set of pairs as a plan: its assignments (the one translation from solver values
to the domain plan, :func:`assignments_of`), checked by the independent checker and scored
in exact arithmetic (:func:`checked_objective`, :func:`plan_objective`).

The warm start scores each of its plans here; the searches, the proof, a close re-plan and
the what-ifs weigh theirs by the same function, so that a plan's score is one figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.checker import ObjectiveBreakdown, check_plan, objective_of
from planner.core.domain import Assignment, Plan, Problem, Unassigned
from planner.core.pairs import Pair


@dataclass(frozen=True)
class Checked:
    """A plan's assignments that passed the checker (every project not among them left
    out), and their exact objective: a plan made of the same assignments is not checked
    again (:func:`~planner.solving.plans.checked_plan`)."""

    assignments: tuple[Assignment, ...]
    breakdown: ObjectiveBreakdown


def checked_objective(
    problem: Problem, chosen: Sequence[Pair], starts: Mapping[str, int] | None = None
) -> Checked | None:
    """The plan made of ``chosen`` past the checker, with its exact objective (``None`` if
    it breaks a rule). ``starts`` as for :func:`plan_objective`."""
    owned = {p.project_id for p in chosen}
    plan = Plan(
        assignments_of(problem, chosen, starts or {}),
        tuple(Unassigned(p.project_id, "") for p in problem.projects if p.project_id not in owned),
    )
    if check_plan(problem, plan):
        return None
    return Checked(plan.assignments, objective_of(problem, plan))


def plan_objective(
    problem: Problem, chosen: Sequence[Pair], starts: Mapping[str, int] | None = None
) -> float | None:
    """The exact objective of the plan made of ``chosen`` (``None`` if it breaks a rule).

    ``starts`` gives each project's start week (default: the first of its window).
    """
    checked = checked_objective(problem, chosen, starts)
    return None if checked is None else float(checked.breakdown.total)


def assignments_of(
    problem: Problem, chosen: Iterable[Pair | Assignment], starts: Mapping[str, int]
) -> tuple[Assignment, ...]:
    """The chosen pairs (CP-SAT's, the warm start's, a plan's own) as a plan's assignments.

    The one translation from solver values to the domain plan, for the warm start's
    objective and for :func:`planner.solving.plans.to_plan` alike. ``starts`` gives each
    project's start week (an assignment may carry its own); a project without one starts
    in the first week of its window (every project, when weeks do not matter). A pair is
    pinned when a leader's rule pins it.
    """
    assignments = []
    for pair in chosen:
        project = problem.project(pair.project_id)
        start = starts.get(pair.project_id)
        if start is None and isinstance(pair, Assignment) and pair.start_week is not None:
            start = pair.start_week
        run = problem.run(project, problem.window(project)[0] if start is None else start)
        assignments.append(
            Assignment(
                project_id=pair.project_id,
                team_id=pair.team_id,
                share=pair.share,
                effort_hours=pair.effort_hours,
                value=pair.value,
                pinned=(pair.project_id, pair.team_id) in problem.pins,
                start_week=run[0],
                end_week=run[-1],
            )
        )
    return tuple(assignments)
