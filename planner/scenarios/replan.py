"""The re-plan after a check-in, solved: :func:`replan`, the one workflow of the CLI and
the app, and :class:`Replan`, everything a leader reads about it.

The rest of the quarter's problem it solves is
:func:`~planner.scenarios.rest_of_quarter.replan_problem`; beside its plan stand the
baseline carried on unchanged (:func:`carried_baseline`, kept as the plan when it scores
more: :func:`carried_on_if_better`) and, without a plan under a change budget, the fewest
changes that would let one (:func:`fewest_changes`). What the re-plan changed, project by
project, is :func:`~planner.scenarios.replan_diff.replan_diff`."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from planner.core.domain import Plan, Problem, Result
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_goals import projected_attainment
from planner.scenarios.replan_diff import ReplanDiff, replan_diff
from planner.scenarios.replan_fit import overrun_teams, week_short
from planner.scenarios.rest_of_quarter import replan_problem
from planner.solving.limits import replan_after_s


def carried_baseline(problem: Problem, baseline_plan: Plan) -> Plan:
    """The baseline's owners for the projects still in ``problem``, at their remaining size.

    This is "change nothing" in the re-plan problem: compare a re-plan with it (e.g.
    with :func:`~planner.scenarios.checkin_goals.projected_attainment`). It may break a rule
    that the check-in made binding, such as the reduced capacity.
    """
    from planner.core.domain import Assignment
    from planner.core.pairs import pair_of

    assignments = []
    owners = baseline_plan.owners()
    for project in problem.projects:
        for team_id in sorted(owners.get(project.project_id, ())):
            if team_id not in problem.team_index:
                continue
            pair = pair_of(problem, project, problem.team(team_id))
            assignments.append(
                Assignment(project.project_id, team_id, pair.share, pair.effort_hours, pair.value)
            )
    return Plan(tuple(assignments))


def fewest_changes(problem: Problem, *, time_limit_s: float | None = None) -> int | None:
    """The fewest baseline projects that must change owner for a plan to exist.

    When a re-plan with a change budget is infeasible, this says how large a
    budget would do. It solves ``problem`` with no budget and only the
    ``stability`` term in the objective. ``None`` when no plan exists at all
    (or none is found in time); without a baseline, 0. If the solve stops at
    its time limit before proving the minimum, the number is an upper bound.
    """
    from planner.checker import num_changes
    from planner.core.settings import Weights
    from planner.solving.solver import solve

    if problem.baseline is None:
        return 0
    relaxed = problem.replace(
        baseline=replace(problem.baseline, max_changes=None),
        settings=problem.settings.with_changes(
            weights=Weights(attainment=0, value=0, balance=0, fit=0, stability=1)
        ),
    )
    result = solve(relaxed, time_limit_s=time_limit_s)
    if result.plan is None:
        return None
    return num_changes(relaxed, result.plan)


#: How far past its time limit the carried plan may take a solve (SPEC: a second at most).
_PAST_THE_LIMIT_S = 0.5


#: Weighing the baseline carried on takes at least this many times the seconds the rest of
#: the quarter took (this machine, now): at 40 x 500 in weeks, load 15-26, 1.0-6.3 times.
_CARRIED_PER_REST = 3.0


def carried_on_if_better(
    rest: Problem, result: Result, started: float, after_s: float = 0.0, rest_s: float = 0.0
) -> Result | None:
    """The baseline of ``rest`` carried on, when it keeps every rule of ``rest`` and scores
    above ``result``, a search that ended on the clock (``started``: its perf_counter start).

    A check-in that went to plan, on 200 teams x 6,000 projects at load 9, was re-planned
    with 551 changes to 94.5 % at quarter end beside "the baseline carried on: 94.9 %", and
    ``solve --baseline plan.csv --stability 5`` of that plan's own data gave 7.8 % with
    3,926 changes: changing nothing scored more, and is the fewest changes there are. Each
    project runs where the baseline put it (one in progress in the weeks it has left);
    ``None`` when one cannot, or the carried plan breaks a rule the inputs made binding.
    The left-out projects' reasons are weighed within the time limit, ``after_s`` kept
    (the re-plan's work after it, :func:`~planner.solving.limits.replan_after_s`).
    ``rest_s``: the seconds the rest of the quarter's problem took, this machine's pace
    now: it is weighed only when :data:`_CARRIED_PER_REST` times them fit too.
    """
    from planner.core.domain import Status
    from planner.core.pairs import pair_of
    from planner.optimizer.exact_objective import plan_objective
    from planner.solving.limits import preparing_s
    from planner.solving.plans import checked_plan, plan_result

    baseline = rest.baseline
    if result.status is not Status.FEASIBLE or result.objective is None or baseline is None:
        return None  # a proven optimum is not beaten; without a plan, say why there is none
    deadline = started + rest.settings.solve.time_limit_s
    weighing_s = max(preparing_s(rest), _CARRIED_PER_REST * rest_s)
    if time.perf_counter() + weighing_s + after_s > deadline + _PAST_THE_LIMIT_S:
        # Weighing it would run the solve past its limit (200 x 6,000 at 10 s: 17.5 s). The
        # warm start tried the current plan first (optimizer.warm_start), so the search
        # started from it: re-planning that plan against itself made 0 changes without this.
        return None
    chosen = [
        pair_of(rest, rest.project(project_id), rest.team(team_id))
        for project_id, teams in baseline.owners.items()
        for team_id in sorted(teams)
        if team_id in rest.team_index
    ]
    starts: dict[str, int] = {}
    if rest.is_time_phased:
        for project_id in baseline.owners:
            project = rest.project(project_id)
            window, duration = rest.window(project), rest.duration(project)
            start = baseline.starts.get(project_id)
            if project_id in baseline.under_way and len(window) == duration:
                starts[project_id] = window.start
            elif start is not None and start in window and start + duration - 1 in window:
                starts[project_id] = start
            else:
                return None  # its run is over or moved: carrying on is no plan of its own
    objective = plan_objective(rest, chosen, starts)
    if objective is None or objective <= result.objective:
        return None
    plan, breakdown = checked_plan(rest, chosen, starts, reasons_until=deadline - after_s)
    return plan_result(
        Status.FEASIBLE,
        plan,
        breakdown,
        time.perf_counter() - started,  # the check above counts: the seconds are all of it
        bound=result.bound,
        num_variables=result.num_variables,
    )


@dataclass(frozen=True)
class Replan:
    """A check-in's re-plan and everything a leader reads about it.

    ``problem`` is the rest of the quarter (:func:`replan_problem`) and
    ``result`` its solve. ``carried`` is the baseline carried on unchanged,
    for comparison; ``projected_before`` and ``projected_after`` are each
    goal's percent of its quarter target at the end of the quarter with the
    carried baseline and with the re-plan (:func:`projected_attainment`).
    Without a plan, ``diff`` and ``num_changes`` are ``None`` and, when a
    change budget was the obstacle, ``fewest_changes`` says how large a
    budget would do.
    """

    problem: Problem
    result: Result
    carried: Plan
    projected_before: Mapping[str, float]
    projected_after: Mapping[str, float] = field(default_factory=dict)
    diff: ReplanDiff | None = None
    num_changes: int | None = None
    fewest_changes: int | None = None
    #: Teams the carried baseline loads past their hours left
    #: (:func:`~planner.scenarios.replan_fit.carried_overruns`).
    carried_overruns: tuple[str, ...] = ()
    #: Without a plan: the week too short for a team's work in progress (:func:`week_short`).
    short_week: str | None = None

    def why_no_plan(
        self, checkin: CheckIn, budget: int | None, unlocked: Collection[str], unlock_how: str
    ) -> str | None:
        """Without a plan: what stops it and the fix (:meth:`CheckIn.why_no_replan`), or ``None``.

        The page and the command line both say this. A re-plan the clock (or a stop) ended
        before a first plan, with no change budget found too small, searched nothing: no
        advice to let the work in progress move (a longer search may keep it), only the
        quarter over with work in progress, which no search changes.
        """
        from planner.core.domain import Status

        if self.result.status == Status.NO_PLAN and self.fewest_changes is None:
            return checkin.unfinished_at_the_end()
        return checkin.why_no_replan(
            budget, self.fewest_changes, unlocked, unlock_how, self.short_week
        )


def replan(
    problem: Problem,
    baseline_plan: Plan,
    checkin: CheckIn,
    *,
    max_changes: int | None,
    stability_weight: float,
    unlocked: Collection[str] = (),
    solve: Callable[..., Result] | None = None,
    planned: Mapping[str, Fraction] | None = None,
    asked_at: float | None = None,
) -> Replan:
    """Re-plan the rest of the quarter after a check-in: the one workflow of the CLI and the app.

    Parameters
    ----------
    problem, baseline_plan, checkin, max_changes, stability_weight, unlocked
        As for :func:`replan_problem`.
    solve
        How to solve the re-plan problem (default
        :func:`planner.solving.solver.solve`; the app passes its cached solve
        with progress): ``solve(rest, after_s=...)``, ``after_s`` the seconds to keep at the
        end of the limit for the work after it (:func:`~planner.solving.limits.replan_after_s`).
    planned
        Goal id -> what the baseline would have delivered by now
        (achieved_by_goal of :func:`~planner.scenarios.on_plan.checkin_as_planned`): the
        diff's reasons
        then say which goals are behind their plan.
    asked_at
        When the leader asked, on :func:`time.perf_counter` (default: this call). The
        default ``solve`` starts its clock there, so the rest of the quarter's problem
        counts against the time limit (at 100 teams x 5,000 projects in weeks, load 8-11,
        it took 0.5-0.9 s that were on no clock); a ``solve`` given starts its own, unless
        it was given the same moment.

    Raises
    ------
    InvalidInputError
        As :func:`replan_problem`.
    """
    from planner.checker import num_changes

    # One deadline: the rest of the quarter, the re-plan and the fewest changes after it.
    started = time.perf_counter() if asked_at is None else asked_at
    if solve is None:
        solve = _solve_from(started)
    rest, rest_s = _rest_timed(
        problem, baseline_plan, checkin, max_changes, stability_weight, unlocked
    )
    after_s = replan_after_s(rest)
    result = solve(rest, after_s=after_s)
    carried = carried_baseline(rest, baseline_plan)
    kept = carried_on_if_better(rest, result, started, after_s, rest_s)
    if kept is not None:
        result = kept
    before = projected_attainment(problem, checkin, carried)
    over = overrun_teams(rest, carried)
    overruns = tuple(said for _, said in over)
    if result.plan is None:
        budget = max_changes is not None
        return _without_a_plan(problem, rest, result, carried, before, overruns, started, budget)
    return Replan(
        rest,
        result,
        carried,
        before,
        projected_attainment(problem, checkin, result.plan),
        replan_diff(
            *(rest, baseline_plan, result.plan),
            checkin=checkin,
            original=problem,
            planned=planned,
            short={team_id for team_id, _ in over},
        ),
        num_changes(rest, result.plan),
        carried_overruns=overruns,
    )


def _rest_timed(
    problem: Problem,
    baseline_plan: Plan,
    checkin: CheckIn,
    max_changes: int | None,
    stability_weight: float,
    unlocked: Collection[str],
) -> tuple[Problem, float]:
    """The rest of the quarter (:func:`replan_problem`) and the seconds it took, this
    machine's pace now (:func:`carried_on_if_better`'s ``rest_s``)."""
    began = time.perf_counter()
    rest = replan_problem(
        problem,
        baseline_plan,
        checkin,
        max_changes=max_changes,
        stability_weight=stability_weight,
        unlocked=unlocked,
    )
    return rest, time.perf_counter() - began


def _solve_from(started: float) -> Callable[..., Result]:
    """:func:`planner.solving.solver.solve` with its clock started at ``started``."""
    from planner.solving.solver import solve as solve_now

    def run(rest: Problem, *, after_s: float) -> Result:
        return solve_now(rest, started=started, _after_s=after_s)

    return run


def _without_a_plan(
    problem: Problem,
    rest: Problem,
    result: Result,
    carried: Plan,
    before: Mapping[str, float],
    overruns: tuple[str, ...],
    started: float,
    budget: bool,
) -> Replan:
    """:func:`replan`'s answer when the re-plan found no plan; with a change ``budget``,
    the fewest changes that would let it, counted in what is left of the limit."""
    from planner.solving.deadline import Deadline

    # What is left of the limit, not a second limit: a re-plan the clock ended without
    # a plan took its whole limit, and the count of the fewest changes another.
    left = Deadline(rest.settings.solve.time_limit_s, started, time.perf_counter).stage_s()
    fewest = fewest_changes(rest, time_limit_s=left) if budget else None
    return Replan(
        rest,
        result,
        carried,
        before,
        fewest_changes=fewest,
        carried_overruns=overruns,
        short_week=week_short(rest, problem),
    )
