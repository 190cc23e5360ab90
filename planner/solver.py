"""One problem in, one result out: ``solve(problem) -> Result``.

The solve builds the CP-SAT model, runs it within the time limit, turns the
solver's values into the domain plan in one place (``_to_plan``) and passes
that plan through the independent checker before anyone sees it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from planner.checker import PlanCheckError, check_plan, objective_of
from planner.domain import (
    Assignment,
    Plan,
    Problem,
    Result,
    Status,
    Unassigned,
)
from planner.explain import explain_infeasibility, infeasibility_reasons, unassigned_reasons
from planner.greedy import greedy_pairs
from planner.model import PlanningModel

log = logging.getLogger(__name__)

#: CP-SAT needs a moment to stop and to hand over its solution.
_STOP_MARGIN_S = 0.05
#: An infeasible result is explained within what is left of the time limit, at least this.
_EXPLAIN_MIN_S = 0.3


@dataclass(frozen=True)
class Progress:
    """A solve's state each time CP-SAT finds a better plan."""

    objective: float
    bound: float
    seconds: float
    num_solutions: int


ProgressCallback = Callable[[Progress], None]


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        model: PlanningModel,
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
    ) -> None:
        super().__init__()
        self._model = model
        self._progress = progress
        self._cancel = cancel
        self._count = 0

    def on_solution_callback(self) -> None:
        self._count += 1
        if self._progress is not None:
            self._progress(
                Progress(
                    objective=_unscale(self._model, self.objective_value),
                    bound=_unscale(self._model, self.best_objective_bound),
                    seconds=self.wall_time,
                    num_solutions=self._count,
                )
            )
        if self._cancel is not None and self._cancel.is_set():
            self.stop_search()


def _unscale(model: PlanningModel, value: float) -> float:
    return value / model.objective_scale


def solve(
    problem: Problem,
    *,
    time_limit_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    """Assign projects to teams, maximising the weighted objective.

    Parameters
    ----------
    problem
        The teams, projects, goals, rules and settings.
    time_limit_s
        Wall-clock bound for the whole solve; defaults to the settings'
        ``solve.time_limit_s``. Building the model counts against it.
    progress
        Called with a :class:`Progress` each time a better plan is found.
    cancel
        When set, the search stops at the next solution and returns the best
        plan found so far.

    Returns
    -------
    Result
        Status, plan, exact objective, bound and gap. The plan has passed
        :func:`~planner.checker.check_plan`.

    Raises
    ------
    PlanCheckError
        If the solver's plan breaks a hard rule (a bug, never bad data).
    """
    started = time.perf_counter()
    limit = problem.settings.solve.time_limit_s if time_limit_s is None else time_limit_s

    reasons = infeasibility_reasons(problem, time_limit_s=max(_EXPLAIN_MIN_S, limit))
    if reasons:
        return Result(
            Status.INFEASIBLE,
            None,
            None,
            None,
            None,
            time.perf_counter() - started,
            reasons=tuple(reasons),
        )

    planning = PlanningModel(problem)
    planning.add_hints(greedy_pairs(problem, planning.variables.pairs))
    built = time.perf_counter() - started
    log.info("model built in %.3f s: %d pair variables", built, len(planning.variables.x))

    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, limit - built - _STOP_MARGIN_S)
    params.num_workers = problem.settings.solve.workers
    params.random_seed = problem.settings.solve.seed
    params.log_search_progress = log.isEnabledFor(logging.DEBUG)
    params.log_to_stdout = False
    solver.log_callback = log.debug

    callback = _Callback(planning, progress, cancel)
    code = solver.solve(planning.model, callback)
    runtime = time.perf_counter() - started
    num_vars = len(planning.variables.x)

    if code == cp_model.INFEASIBLE:
        return Result(
            Status.INFEASIBLE,
            None,
            None,
            None,
            None,
            runtime,
            reasons=tuple(
                explain_infeasibility(
                    problem, time_limit_s=max(_EXPLAIN_MIN_S, limit - runtime)
                ).sentences()
            ),
            num_variables=num_vars,
        )
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if code == cp_model.MODEL_INVALID:
            raise RuntimeError(f"invalid CP-SAT model: {planning.model.validate()}")
        return Result(
            Status.NO_PLAN,
            None,
            None,
            None,
            None,
            runtime,
            reasons=(f"no plan was found within the time limit of {limit:g} s",),
            num_variables=num_vars,
        )

    plan = _to_plan(problem, planning, solver)
    violations = check_plan(problem, plan)
    if violations:
        raise PlanCheckError(violations)
    breakdown = objective_of(problem, plan)
    objective = float(breakdown.total)
    status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE
    if status is Status.OPTIMAL:
        bound = objective
        gap = 0.0
    else:
        bound = max(objective, _unscale(planning, solver.best_objective_bound))
        gap = _gap(objective, bound)
    return Result(
        status=status,
        plan=plan,
        objective=objective,
        bound=bound,
        gap=gap,
        runtime_s=runtime,
        breakdown=breakdown,
        num_variables=num_vars,
        solver_objective=Fraction(round(solver.objective_value), planning.objective_scale),
    )


def _gap(objective: float, bound: float) -> float:
    """Relative distance from the plan to the bound (0 = proven best)."""
    if bound == objective:
        return 0.0
    return abs(bound - objective) / max(abs(bound), 1e-9)


def _to_plan(problem: Problem, planning: PlanningModel, solver: cp_model.CpSolver) -> Plan:
    """The one translation point from solver values to the domain plan."""
    assignments = [
        Assignment(
            project_id=pair.project_id,
            team_id=pair.team_id,
            share=pair.share,
            effort_hours=pair.effort_hours,
            value=pair.value,
            pinned=(pair.project_id, pair.team_id) in problem.pins,
        )
        for pair in planning.variables.pairs
        if solver.boolean_value(planning.variables.var(pair))
    ]
    partial = Plan(tuple(assignments))
    reasons = unassigned_reasons(problem, partial)
    unassigned = tuple(Unassigned(project_id, reason) for project_id, reason in reasons.items())
    return Plan(tuple(assignments), unassigned)
