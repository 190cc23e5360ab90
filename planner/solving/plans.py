"""What a solve hands back: the chosen pairs as a checked plan, and the result around it.

``_to_plan`` is the one translation point from chosen pairs to the domain
plan; every plan leaves through ``_checked_plan`` (the independent checker)
and ``_result`` (the exact objective, bound and gap). ``_FirstPlan`` turns
the warm start's plan into a result on a background thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from fractions import Fraction

from planner.checker import PlanCheckError, check_plan, objective_of
from planner.core.domain import (
    Assignment,
    ObjectiveBreakdown,
    Plan,
    Problem,
    Result,
    Status,
    Unassigned,
)
from planner.explain import unassigned_reasons
from planner.optimizer.eligibility import Pair
from planner.optimizer.warm_start import WarmStart


class _FirstPlan:
    """The warm start's plan, translated, checked and scored on a background thread.

    ``ready`` is called with the result once it is done.
    """

    def __init__(
        self,
        problem: Problem,
        warm: WarmStart,
        started: float,
        ready: Callable[[Result], None] | None = None,
    ) -> None:
        self._problem = problem
        self._warm = warm
        self._started = started
        self._ready = ready
        self._done: Result | BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="first-plan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            result = _warm_result(self._problem, self._warm, self._started)
        except BaseException as exc:  # handed over in result()
            self._done = exc
            return
        self._done = result
        if self._ready is not None:
            self._ready(result)

    def result(self) -> Result:
        """The first plan's result, its runtime counted to now."""
        self._thread.join()
        if isinstance(self._done, BaseException):
            raise self._done
        assert self._done is not None
        return replace(self._done, runtime_s=time.perf_counter() - self._started)

    def plan_and_breakdown(self) -> tuple[Plan, ObjectiveBreakdown]:
        result = self.result()
        assert result.plan is not None and result.breakdown is not None
        return result.plan, result.breakdown


def _same_pairs(a: Iterable[Pair], b: Iterable[Pair]) -> bool:
    return {(p.project_id, p.team_id) for p in a} == {(p.project_id, p.team_id) for p in b}


def _warm_result(problem: Problem, warm: WarmStart, started: float) -> Result:
    """The warm start's plan as the result: feasible, its gap measured to the LP bound."""
    runtime = time.perf_counter() - started
    plan, breakdown = _checked_plan(problem, warm.plan, warm.starts)
    return _result(
        Status.FEASIBLE, plan, breakdown, runtime, bound=warm.bound, num_variables=len(warm.pairs)
    )


def _checked_plan(
    problem: Problem, chosen: Iterable[Pair], starts: Mapping[str, int] | None = None
) -> tuple[Plan, ObjectiveBreakdown]:
    """The chosen pairs as a plan, past the independent checker, and its exact objective.

    Raises
    ------
    PlanCheckError
        If the plan breaks a hard rule (a bug, never bad data).
    """
    plan = _to_plan(problem, chosen, starts or {})
    violations = check_plan(problem, plan)
    if violations:
        raise PlanCheckError(violations)
    return plan, objective_of(problem, plan)


def _result(
    status: Status,
    plan: Plan,
    breakdown: ObjectiveBreakdown,
    runtime: float,
    *,
    bound: float | None,
    num_variables: int,
    solver_objective: Fraction | None = None,
) -> Result:
    """A result with a plan: a proven optimum is its own bound; no bound sits below the plan."""
    objective = float(breakdown.total)
    if status is Status.OPTIMAL:
        bound = objective
    elif bound is not None:
        bound = max(objective, bound)
    return Result(
        status=status,
        plan=plan,
        objective=objective,
        bound=bound,
        gap=None if bound is None else _gap(objective, bound),
        runtime_s=runtime,
        breakdown=breakdown,
        num_variables=num_variables,
        solver_objective=solver_objective,
    )


def _gap(objective: float, bound: float) -> float:
    """Relative distance from the plan to the bound (0 = proven best)."""
    if bound == objective:
        return 0.0
    return abs(bound - objective) / max(abs(bound), 1e-9)


def _to_plan(
    problem: Problem, chosen: Iterable[Pair | Assignment], starts: Mapping[str, int]
) -> Plan:
    """The one translation point from the chosen pairs (CP-SAT's or the warm start's) to a plan.

    ``starts`` gives each project's start week (an assignment may carry its own); a
    project without one runs its whole window (every project, when weeks do not matter).
    """
    assignments = []
    for pair in chosen:
        project = problem.project(pair.project_id)
        window = problem.window(project)
        start = starts.get(pair.project_id)
        if start is None and isinstance(pair, Assignment) and pair.start_week is not None:
            start = pair.start_week
        if start is None:
            start = window[0]
        assignments.append(
            Assignment(
                project_id=pair.project_id,
                team_id=pair.team_id,
                share=pair.share,
                effort_hours=pair.effort_hours,
                value=pair.value,
                pinned=(pair.project_id, pair.team_id) in problem.pins,
                start_week=start,
                end_week=start + problem.duration(project) - 1,
            )
        )
    partial = Plan(tuple(assignments))
    reasons = unassigned_reasons(problem, partial)
    unassigned = tuple(Unassigned(project_id, reason) for project_id, reason in reasons.items())
    return Plan(tuple(assignments), unassigned)
