"""What a solve hands back: the chosen pairs as a checked plan, and the result around it.

``to_plan`` turns chosen pairs into the domain plan (their assignments through
:func:`~planner.optimizer.exact_objective.assignments_of`, the one translation, which the
warm start's objective reads too); every plan leaves through ``checked_plan`` (the
independent checker) and ``plan_result`` (the exact objective, bound and gap).
``FirstPlan`` turns the warm start's plan into a result on a background thread.
"""

from __future__ import annotations

import math
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
    relative_gap,
)
from planner.core.pairs import Pair
from planner.explain import unassigned_explanations
from planner.optimizer.exact_objective import Checked, assignments_of
from planner.optimizer.formulation import Formulation
from planner.optimizer.warm_start import WarmStart


class FirstPlan:
    """A warm-start plan, translated, checked and scored on a background thread.

    ``ready`` is called with the result once it is done; a plan that breaks a
    rule (the LP's rounding may leave a mandatory project out) never is, and
    :meth:`result` raises its :class:`PlanCheckError`. ``lazy``: no thread, the
    plan is translated when :meth:`result` first asks for it (a solve nobody
    watches, whose search mostly finds a better plan: the translation would only
    take the search's turns at the GIL).
    """

    def __init__(
        self,
        problem: Problem,
        warm: WarmStart,
        started: float,
        ready: Callable[[Result], None] | None = None,
        *,
        reasons_until: float | None = None,
        lazy: bool = False,
    ) -> None:
        self._problem = problem
        self._warm = warm
        self._started = started
        self._ready = ready
        self._reasons_until = reasons_until
        self._done: Result | BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="first-plan", daemon=True)
        # Whether the translation was started (on the thread) or taken (by result());
        # set under the lock, so that a start() and a result() on two threads translate once.
        self._lock = threading.Lock()
        self._claimed = not lazy
        self._finished = threading.Event()
        if not lazy:
            self._thread.start()

    def _claim(self) -> bool:
        """Take the translation if nobody has yet; whether this call took it."""
        with self._lock:
            taken, self._claimed = not self._claimed, True
            return taken

    def start(self) -> None:
        """Translate a lazy plan now, on its thread, unless it was asked for already (a
        solve that waits for a free solver shows it meanwhile)."""
        with self._lock:
            if self._claimed:
                return
            self._claimed = True
            try:
                self._thread.start()
            except BaseException:  # no thread ("can't start new thread"): result() runs it
                self._claimed = False
                raise

    def same_plan(self, warm: WarmStart) -> bool:
        """Whether ``warm`` holds this plan (same pairs, same start weeks)."""
        return same_pairs(self._warm.plan, warm.plan) and self._warm.starts == warm.starts

    def _run(self) -> None:
        try:
            try:
                result = warm_result(
                    self._problem, self._warm, self._started, reasons_until=self._reasons_until
                )
            except BaseException as exc:  # handed over in result()
                self._done = exc
                return
            self._done = result
            if self._ready is not None:
                self._ready(result)
        finally:  # after ready, as the thread's join was: no progress after the result
            self._finished.set()

    def result(self) -> Result:
        """The first plan's result, its runtime counted to now."""
        if self._claim():  # lazy, and neither started nor asked for before
            self._run()
        else:  # on the thread, or by another caller's result()
            self._finished.wait()
        if isinstance(self._done, BaseException):
            raise self._done
        assert self._done is not None
        return replace(self._done, runtime_s=time.perf_counter() - self._started)

    def plan_and_breakdown(self) -> tuple[Plan, ObjectiveBreakdown]:
        result = self.result()
        assert result.plan is not None and result.breakdown is not None
        return result.plan, result.breakdown


class Shown:
    """The best plan a solve has ready to hand back, and the best objective its search reported.

    A stop hands back the ready plan at once unless the search has reported a
    better one, whose translation (seconds at company scale) it then waits for,
    or the solve waits for a free solver (it then says so itself, at once).
    """

    def __init__(self, started: float) -> None:
        self._lock = threading.Lock()
        self._started = started
        self._best: Result | None = None
        self._searched = -math.inf
        self._waiting = False
        self._coming = False

    def offer(self, result: Result) -> bool:
        """Keep ``result`` if it is better than the plan ready so far; whether it was kept."""
        assert result.objective is not None
        with self._lock:
            best = None if self._best is None else self._best.objective
            if best is not None and result.objective <= best:
                return False
            self._best = result
            return True

    def searched(self, objective: float, *, waiting: bool = False) -> None:
        """The search reported a plan of this objective, or that it waits for a solver."""
        with self._lock:
            self._waiting = waiting
            if not waiting:
                self._searched = max(self._searched, objective)

    def coming(self) -> None:
        """A plan was found and is being translated (the warm start's): one is on its way."""
        with self._lock:
            self._coming = True

    def none_found(self) -> bool:
        """Whether no plan at all has been found yet: none ready, translated or searched."""
        with self._lock:
            return self._best is None and not self._coming and self._searched == -math.inf

    def at_stop(self) -> Result | None:
        """The ready plan, unless the search reported a better one; ``None`` then or if none."""
        with self._lock:
            best = self._best
            if best is None or best.objective is None or self._waiting:
                return None
            if self._searched > best.objective + _SAME_OBJECTIVE * max(1.0, abs(best.objective)):
                return None
            return replace(best, runtime_s=time.perf_counter() - self._started)


#: CP-SAT's objective is the exact one scaled to whole numbers: this close counts as equal.
_SAME_OBJECTIVE = 1e-6
#: A bound this close to the plan's objective (relative) is float rounding: the plan is best.
_PROVEN = 1e-11


def same_pairs(a: Iterable[Pair], b: Iterable[Pair]) -> bool:
    return {(p.project_id, p.team_id) for p in a} == {(p.project_id, p.team_id) for p in b}


def warm_result(
    problem: Problem, warm: WarmStart, started: float, *, reasons_until: float | None = None
) -> Result:
    """The warm start's plan as the result: feasible, its gap measured to the LP bound."""
    runtime = time.perf_counter() - started
    plan, breakdown = checked_plan(
        problem,
        warm.plan,
        warm.starts,
        reasons_until=reasons_until,
        rules=warm.rules_without_weeks,
        pace=warm.eligibility_s,
        checked=warm.checked,
    )
    return plan_result(
        Status.FEASIBLE, plan, breakdown, runtime, bound=warm.bound, num_variables=len(warm.pairs)
    )


def checked_plan(
    problem: Problem,
    chosen: Iterable[Pair],
    starts: Mapping[str, int] | None = None,
    *,
    reasons_until: float | None = None,
    rules: Formulation | None = None,
    pace: float | None = None,
    checked: Checked | None = None,
) -> tuple[Plan, ObjectiveBreakdown]:
    """The chosen pairs as a plan, past the independent checker, and its exact objective.

    ``reasons_until``, ``rules`` and ``pace`` are as for :func:`to_plan`. ``checked``: the
    same pairs' assignments as the checker passed them already (the warm start's, with
    every other project left out): a plan of exactly those, each other project listed
    once as left out, is not checked a second time, and keeps that objective.

    Raises
    ------
    PlanCheckError
        If the plan breaks a hard rule (a bug, never bad data).
    """
    plan = to_plan(
        problem, chosen, starts or {}, reasons_until=reasons_until, rules=rules, pace=pace
    )
    if checked is not None and _checked_already(problem, plan, checked):
        return plan, checked.breakdown
    violations = check_plan(problem, plan)
    if violations:
        raise PlanCheckError(violations)
    return plan, objective_of(problem, plan)


def _checked_already(problem: Problem, plan: Plan, checked: Checked) -> bool:
    """Whether ``plan`` is the plan ``checked`` is of: the same assignments, in any order,
    and every other project listed once as left out (the only part the reasons add)."""
    if len(plan.assignments) != len(checked.assignments):
        return False
    if set(plan.assignments) != set(checked.assignments):
        return False
    owned = {a.project_id for a in plan.assignments}
    left_out = [u.project_id for u in plan.unassigned]
    rest = {p.project_id for p in problem.projects} - owned
    return len(left_out) == len(rest) and set(left_out) == rest


def plan_result(
    status: Status,
    plan: Plan,
    breakdown: ObjectiveBreakdown,
    runtime: float,
    *,
    bound: float | None,
    num_variables: int,
    solver_objective: Fraction | None = None,
) -> Result:
    """A result with a plan: a proven optimum is its own bound; no bound sits below the plan.

    A bound that differs from the plan's objective by rounding alone proves it: a chain of
    2,000 projects, every one planned, read "status: feasible" beside "gap: 0.00 %".
    """
    objective = float(breakdown.total)
    if bound is not None and bound - objective <= _PROVEN * max(1.0, abs(objective)):
        status = Status.OPTIMAL
    if status is Status.OPTIMAL:
        bound = objective
    elif bound is not None:
        bound = max(objective, bound)
    return Result(
        status=status,
        plan=plan,
        objective=objective,
        bound=bound,
        gap=None if bound is None else relative_gap(objective, bound),
        runtime_s=runtime,
        breakdown=breakdown,
        num_variables=num_variables,
        solver_objective=solver_objective,
    )


def to_plan(
    problem: Problem,
    chosen: Iterable[Pair | Assignment],
    starts: Mapping[str, int],
    *,
    reasons_until: float | None = None,
    rules: Formulation | None = None,
    pace: float | None = None,
) -> Plan:
    """The chosen pairs (CP-SAT's or the warm start's) as a plan, with the left-out reasons.

    ``starts`` gives each project's start week (an assignment may carry its own); a
    project without one starts in the first week of its window (every project runs the
    whole quarter when weeks do not matter).
    ``reasons_until`` (a ``perf_counter`` time: the solve's limit) ends the weighing of
    the left-out projects' reasons there, short reasons after it, however much of
    :data:`~planner.explain.UNASSIGNED_TIME_S` is left.
    ``rules``: the problem's rules without rules 10-12 over its eligible pairs, when built
    already (:attr:`WarmStart.rules_without_weeks`), for those reasons to check options by.
    ``pace``: the seconds finding the solve's eligible pairs took (:attr:`WarmStart.eligibility_s`),
    so that with ``reasons_until`` the reasons, and the plan's check after them, end by it
    (:func:`~planner.explain.unassigned_explanations`).
    """
    assignments = assignments_of(problem, chosen, starts)
    partial = Plan(assignments)
    reasons = unassigned_explanations(problem, partial, until=reasons_until, rules=rules, pace=pace)
    unassigned = tuple(
        Unassigned(project_id, why.text(), why.kind.value) for project_id, why in reasons.items()
    )
    return Plan(assignments, unassigned)
