"""Capacity what-ifs: scale a department's or a team's capacity, sweeps, marginal values.

Capacity questions ("what if marketing had 20 % less?", "where does an
extra hire pay most?") are answered by solving the same problem with its
capacity scaled. Two facts make those answers trustworthy:

* Scaling capacity up only relaxes rule 5, and the balance term only gets
  cheaper for the same plan, so the *optimal* objective never falls as
  capacity grows.
* A plan for less capacity is therefore a valid plan for more capacity.
  When a point's solve stops at its time limit with a worse plan than a
  point with less capacity, :func:`sweep` carries that better plan over
  (checked by :func:`~planner.checker.check_plan` and scored by
  :func:`~planner.checker.objective_of`), so a chart never shows more
  capacity doing worse merely because a solve ran out of time.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial

from planner.checker import check_plan, objective_of
from planner.core import ranges
from planner.core.domain import DEPARTMENTS, Plan, Problem, Result, Status, Team
from planner.core.shared_words import CURRENT_PLAN
from planner.core.shown_figures import percent, points_value, share_percent
from planner.core.status_words import status_label
from planner.scenarios.metrics import capacity_of, goal_attainment, shown_capacity_of
from planner.scenarios.relative import FREE_SHARE, solve_relative
from planner.scenarios.scenario import Metrics, headline_metrics
from planner.solving.limits import covers_preparing, preparing_s, shortest_limit_s
from planner.solving.plans import plan_result
from planner.solving.solver import solve
from planner.solving.stopping import stop_at_exit

SweepProgress = Callable[[int, int], None]
"""Called with (points done, points in all) as a sweep or marginal analysis runs."""


# ---------------------------------------------------------------------------
# Capacity what-ifs
# ---------------------------------------------------------------------------


def capacity_targets(problem: Problem) -> list[str]:
    """What a capacity sweep can scale: each department with teams, then each team id."""
    departments = [d for d in DEPARTMENTS if any(t.department == d for t in problem.teams)]
    return departments + [t.team_id for t in problem.teams]


def with_capacity(problem: Problem, target: str, factor: float) -> Problem:
    """The problem with ``target``'s capacity scaled by ``factor`` on top of its what-ifs.

    ``target`` is a department (every team in it is scaled, including teams
    with their own multiplier) or a team id. ``factor`` 1 gives back an
    equal problem.

    Raises
    ------
    ValueError
        For an unknown target or a negative factor.
    """
    if not factor >= 0 or not math.isfinite(factor):
        raise ValueError(f"a capacity factor is a number >= 0, not {factor}")
    settings = problem.settings
    multipliers = dict(settings.capacity.multipliers)
    if target in DEPARTMENTS:
        teams = [t for t in problem.teams if t.department == target]
        multipliers[target] = _scaled(multipliers.get(target, 1.0), factor)
        for team in teams:
            if team.team_id in settings.capacity.multipliers:
                multipliers[team.team_id] = _scaled(multipliers[team.team_id], factor)
    elif target in problem.team_index:
        team = problem.team(target)
        multipliers[target] = _scaled(settings.multiplier(target, team.department), factor)
    else:
        raise ValueError(
            f"'{target}' is neither a department nor a team; choose one of "
            f"{', '.join(capacity_targets(problem))}"
        )
    if factor == 1:
        return problem
    capacity = replace(settings.capacity, multipliers=multipliers)
    return problem.replace(settings=settings.with_changes(capacity=capacity))


def _scaled(multiplier: float, factor: float) -> float:
    # Rounded so that 0.9 x 1.1 is 0.99, the number a leader would type; kept within
    # the multipliers' range, so that the what-if saves and opens like any settings file.
    # A capacity above 0 stays above 0 (at least the 0.1 % a share is planned in).
    scaled = ranges.MULTIPLIER.clamp(round(multiplier * factor, 9))
    return max(scaled, ranges.SMALLEST_SHARE) if scaled > 0 else scaled


def target_capacity(problem: Problem, target: str) -> Decimal:
    """Hours of what-if capacity ``target`` (department or team) has in ``problem``."""
    if target in DEPARTMENTS:
        ids = [t.team_id for t in problem.teams if t.department == target]
    else:
        ids = [target]
    # As the cards show a department's hours: the sum of its teams' as their rows show them.
    return sum((shown_capacity_of(problem, i) for i in ids), Decimal(0))


def multipliers_between(low: float, high: float, steps: int) -> list[float]:
    """``steps`` evenly spaced factors from ``low`` to ``high`` inclusive, rounded to 0.1 %."""
    if steps < 1:
        raise ValueError("a sweep needs at least one step")
    if not 0 <= low <= high:
        raise ValueError(f"need 0 <= from <= to, got {low} and {high}")
    if steps == 1:
        if low != high:  # one factor cannot run from low to high: the high end was dropped
            raise ValueError(
                f"one step is one capacity factor, so a sweep from {low:g} to {high:g} needs "
                "2 steps or more. Fix: Give 2 steps or more, or the same factor for both ends."
            )
        return [round(low, 3)]
    return sorted({round(low + (high - low) * i / (steps - 1), 3) for i in range(steps)})


#: A sweep row's note when the time budget for every level tried cut its search short: its
#: plan is the one found by then, not the best (6.6 % goal attainment read "The best plan
#: found" without a word).
CUT_LABEL = "A plan cut short by the time budget"
CUT_BY_BUDGET = (
    "cut short by the time budget for every level tried: not the best plan, a larger budget "
    "may do better"
)


def cut_short_line(points: Sequence[SweepPoint], budget: str, fix: str) -> str:
    """The line under a sweep's table when the time budget for every level tried cut some
    levels' searches short ("" when none): the command line's and the app's, the same words
    but for how each names the budget and the fix (``--budget 3 s``, ``Raise --budget``)."""
    if not (cut := sum(p.cut_by_budget for p in points)):
        return ""
    return (
        f"{cut} of {len(points)} capacity levels were cut short by the time budget for every "
        f"level tried ({budget}): their plans are the ones found by then, not the best. {fix}"
    )


@dataclass(frozen=True)
class SweepPoint:
    """One solve of a sweep: the capacity factor and what the plan reaches there.

    ``in_force_hours`` is the swept target's capacity in force at this factor, as
    the cards show it (:func:`target_capacity`). ``carried_from`` is the factor
    whose (better) plan is shown here because this point's own solve stopped at
    its time limit with a worse one.
    """

    factor: float
    in_force_hours: Decimal
    metrics: Metrics
    goals: dict[str, float] = field(default_factory=dict)
    plan: Plan | None = None
    carried_from: float | None = None
    #: Why there is no plan at this capacity, in the leader's words ("" with a plan).
    reason: str = ""
    #: The time budget for all the points cut this point's own time limit and its search
    #: ended before its plan was proven best (:func:`point_limits`).
    cut_by_budget: bool = False

    @property
    def note(self) -> str:
        """The sweep row's note: why it has no plan, whose better plan it shows, or that the
        time budget for all the points cut its search short."""
        if self.reason:
            return f"no plan: {self.reason}"
        if self.carried_from is not None:
            return f"plan of {share_percent(self.carried_from)} kept"
        return CUT_BY_BUDGET if self.cut_by_budget else ""

    def note_beside(
        self,
        in_force: float | None,
        changes: int | None,
        added: int | None,
        plan_name: str = CURRENT_PLAN,
    ) -> str:
        """The row's :attr:`note` beside the current plan (``in_force``: its goal attainment;
        ``changes`` and ``added``: this point's plan against it; ``plan_name``: that plan's
        name, as the reader's page names it).

        Every point is planned afresh (the curve is the free re-solve's), while the current plan
        may have been kept close to an earlier one: at 100 % the row read
        79.2 % with 1 change under cards reading 79.0 % for the same inputs, without a word.
        The row says so, with the current plan's figure.
        """
        if self.note or self.factor != 1 or not (changes or added) or in_force is None:
            return self.note
        # Not "today's capacity": the page's capacities are "% of the current plan's".
        return f"planned afresh at the same capacity; {plan_name} reads {percent(in_force)}"

    @property
    def outcome_words(self) -> str:
        """The row's outcome: the solve's status in words, or that the budget cut it short
        (never "The best plan found" for a search the budget ended)."""
        return CUT_LABEL if self.cut_by_budget else status_label(self.metrics.status.value)

    @property
    def capacity_text(self) -> str:
        """The point's capacity as its row reads: ``99.5 %`` (:func:`share_percent`)."""
        return share_percent(self.factor)


@dataclass(frozen=True)
class MarginalValue:
    """The objective gained when one team gets ``step`` more capacity."""

    team_id: str
    name: str
    department: str
    extra_hours: Decimal
    gain: float | None
    #: Goal attainment gained, in points between the two shown percentages.
    attainment_gain: float | None
    status: Status
    carried: bool = False

    @property
    def gain_per_100_hours(self) -> float | None:
        if self.gain is None or self.extra_hours <= 0:
            return None
        return self.gain * 100 / float(self.extra_hours)


@dataclass(frozen=True)
class MarginalReport:
    """The base solve and, for every team, the gain from more capacity, best first.

    ``measured_from``: the base planned as each team's point is (the free re-solve's
    score, kept as close to the current plan as that allows), when the gains are
    measured from it rather than from ``base``: a base kept close to the current plan
    scores below the free re-solve, and each team's gain read that difference too.
    """

    step: float
    base: SweepPoint
    values: tuple[MarginalValue, ...]
    measured_from: SweepPoint | None = None


def _point_problem(problem: Problem, time_limit_s: float) -> Problem:
    """One core per solve: points run side by side, one per core."""
    s = problem.settings
    return problem.replace(
        settings=s.with_changes(solve=replace(s.solve, time_limit_s=time_limit_s, workers=1))
    )


def _solve_point(
    problem: Problem,
    baseline: Plan | None = None,
    deadline: float | None = None,
    cancel: threading.Event | None = None,
) -> Result:
    # ``deadline`` is wall-clock time (time.time): a point that would start after it is not
    # solved, and one that starts before gets at most the time left. After ``cancel`` (a
    # first Ctrl-C) a running point keeps its best plan; no other starts.
    if cancel is not None and cancel.is_set():
        return Result.without_plan(Status.NO_PLAN, 0.0, ("not solved: stopped by the user",))
    if deadline is not None:
        left = deadline - time.time()
        if left < ranges.MIN_TIME_LIMIT_S:
            return Result.without_plan(
                Status.NO_PLAN,
                0.0,
                ("not solved: the time budget for all solves ran out before this one",),
            )
        s = problem.settings
        limit = min(s.solve.time_limit_s, ranges.seconds_down(left))
        problem = problem.replace(
            settings=s.with_changes(solve=replace(s.solve, time_limit_s=limit))
        )
    if baseline is None:
        return solve(problem, cancel=cancel)
    # Tolerance 0: a point keeps the free re-solve's objective (the curve and the gains stay
    # true) and, among plans that score as much, moves the fewest projects.
    return solve_relative(problem, baseline, tolerance=0.0, cancel=cancel).result


def default_workers() -> int:
    """Solves run side by side: one per core."""
    return max(1, os.cpu_count() or 1)


#: Wall-clock budget for a whole sweep or marginal analysis (kept with the CLI's ranges, so
#: that ``--help`` reads it without loading the solver).
SWEEP_BUDGET_S = ranges.SWEEP_BUDGET_S


def solve_all(
    problems: Sequence[Problem],
    *,
    time_limit_s: float | None = None,
    budget_s: float | None = None,
    max_workers: int | None = None,
    progress: SweepProgress | None = None,
    baseline: Plan | None = None,
    cancel: threading.Event | None = None,
) -> list[Result]:
    """Solve several problems side by side on threads (CP-SAT releases the GIL while it
    searches), one core each, within a total budget.

    Parameters
    ----------
    problems
        The problems, solved with one CP-SAT worker each.
    time_limit_s
        Limit per solve; defaults to each problem's own setting.
    budget_s
        Wall-clock budget for all of them: each solve's limit is cut so that
        ``ceil(len(problems) / max_workers)`` rounds fit in it.
    max_workers
        Solves at once (default: one per core).
    progress
        Called with (done, total) after each solve.
    baseline
        The current plan: each problem is then solved against it
        (:func:`~planner.scenarios.relative.solve_relative` with no tolerance:
        the free re-solve's objective, with the fewest projects moved).
    cancel
        Once set, running solves keep their best plan and no other starts.
    """
    if not problems:
        return []
    workers = min(max_workers or default_workers(), len(problems))
    limits = [limit for limit, _ in point_limits(problems, time_limit_s, budget_s, max_workers)]
    jobs = [_point_problem(p, limit) for p, limit in zip(problems, limits, strict=True)]
    results: list[Result | None] = [None] * len(jobs)
    # Each solve's limit bounds its search, not the model it builds first: on a large
    # problem the builds alone ran a 3 s budget to 70 s. Past the budget, no point starts.
    deadline = None if budget_s is None else time.time() + budget_s
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sweep") as pool:
        # The program's exit stops the points, as ``cancel`` does.
        stop = stop_at_exit(cancel or threading.Event())
        point = partial(_solve_point, deadline=deadline, cancel=stop)
        futures: dict[Future[Result], int] = {
            (pool.submit(point, job) if baseline is None else pool.submit(point, job, baseline)): i
            for i, job in enumerate(jobs)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(jobs))
    if budget_s is not None:
        # A point the budget's cut left too short to prepare a plan in is said so: its own
        # "Raise the time limit to at least 8 s" read so for a limit of 8 s.
        share = 1.0 if baseline is None else FREE_SHARE
        for i, (p, limit) in enumerate(zip(problems, limits, strict=True)):
            own = p.settings.solve.time_limit_s if time_limit_s is None else time_limit_s
            if covers_preparing(p, share * own) and not covers_preparing(p, share * limit):
                results[i] = _short_of_budget(p, limit, share, budget_s, len(problems), workers)
    return [r for r in results if r is not None]


def point_limits(
    problems: Sequence[Problem],
    time_limit_s: float | None,
    budget_s: float | None,
    max_workers: int | None = None,
) -> list[tuple[float, float]]:
    """Each point's time limit under the budget, and its own limit without it: so that
    ``ceil(len(problems) / max_workers)`` rounds fit in ``budget_s`` (:func:`solve_all`)."""
    if not problems:
        return []
    workers = min(max_workers or default_workers(), len(problems))
    rounds = math.ceil(len(problems) / workers)
    limits = []
    for p in problems:
        own = p.settings.solve.time_limit_s if time_limit_s is None else time_limit_s
        # A budget's cut is kept to a tenth of a second at least; a limit asked for under
        # it stands (0.01 s ran 0.1 s, and a quarter too large read "the time limit of 0.1 s").
        cut = None if budget_s is None else max(0.1, ranges.seconds_down(budget_s / rounds))
        limits.append((own if cut is None else min(own, cut), own))
    return limits


def _short_of_budget(
    problem: Problem, limit: float, share: float, budget_s: float, num: int, workers: int
) -> Result:
    """A point whose cut of the budget is too short to prepare a plan in, in words."""
    rounds = math.ceil(num / workers)
    kept = "" if share == 1 else f", {share * limit:g} s of it for finding the best plan"
    return Result.without_plan(
        Status.NO_PLAN,
        0.0,
        (
            f"no plan was searched: the budget of {budget_s:g} s for all {num} solves "
            f"({workers} at a time) leaves each {limit:g} s{kept}, and "
            f"{len(problem.teams):,} teams x {len(problem.projects):,} projects take about "
            f"{preparing_s(problem):.0f} s to prepare and check a plan. Give them at least "
            f"{rounds * shortest_limit_s(problem, share)} s together (--budget on the command "
            "line), or solve fewer of them.",
        ),
    )


def _point(problem: Problem, factor: float, capacity: Decimal, result: Result) -> SweepPoint:
    goals = goal_attainment(problem, result.plan) if result.plan else {}
    return SweepPoint(
        factor=factor,
        in_force_hours=capacity,
        metrics=headline_metrics(problem, result),
        goals={k: g.percent for k, g in goals.items()},
        plan=result.plan,
        reason="" if result.plan is not None else result.first_reason_alone(),
    )


def carried_result(problem: Problem, own: Result, better: Plan) -> Result | None:
    """``own`` with ``better`` (a plan for less capacity) when that scores higher here.

    Scored as every solve's plan is (:func:`~planner.solving.plans.plan_result`): a
    carried plan that reaches the point's own bound is proven optimal there.
    """
    if check_plan(problem, better):
        return None
    breakdown = objective_of(problem, better)
    if own.objective is not None and float(breakdown.total) <= own.objective:
        return None
    made = plan_result(
        Status.FEASIBLE,
        better,
        breakdown,
        own.runtime_s,
        bound=own.bound,
        num_variables=own.num_variables,
    )
    return replace(
        own,
        status=made.status,
        plan=better,
        objective=made.objective,
        bound=made.bound,
        gap=made.gap,
        breakdown=breakdown,
    )


def sweep(
    problem: Problem,
    target: str,
    factors: Sequence[float],
    *,
    time_limit_s: float | None = None,
    budget_s: float | None = None,
    max_workers: int | None = None,
    progress: SweepProgress | None = None,
    baseline: Plan | None = None,
    cancel: threading.Event | None = None,
) -> list[SweepPoint]:
    """Solve ``problem`` with ``target``'s capacity scaled by each factor.

    Parameters
    ----------
    problem
        The scenario's inputs; its own multipliers stay and are scaled.
    target
        A department (``sales``, ``marketing``) or a team id.
    factors
        Capacity factors, e.g. ``[0.7, 0.8, ..., 1.3]``.
    time_limit_s, budget_s, max_workers, progress, baseline, cancel
        As for :func:`solve_all`.

    Returns
    -------
    list of SweepPoint
        One per distinct factor, in increasing order. A point whose solve
        stopped early with a worse plan than a point with less capacity
        shows that plan instead (``carried_from``), so the objective never
        falls as capacity grows.
    """
    ordered = sorted(set(factors))
    problems = [with_capacity(problem, target, f) for f in ordered]
    results = solve_all(
        problems,
        time_limit_s=time_limit_s,
        budget_s=budget_s,
        max_workers=max_workers,
        progress=progress,
        baseline=baseline,
        cancel=cancel,
    )
    limits = point_limits(problems, time_limit_s, budget_s, max_workers)
    points: list[SweepPoint] = []
    best: tuple[float, float, Plan] | None = None  # (objective, factor, plan)
    for factor, p, result, (limit, own) in zip(ordered, problems, results, limits, strict=True):
        # Cut by the budget and not proven best: said on its row, never "the best plan found".
        cut = limit < own and result.status == Status.FEASIBLE
        carried_from = None
        if best is not None and (result.objective is None or best[0] > result.objective):
            carried = carried_result(p, result, best[2])
            if carried is not None:
                result, carried_from = carried, best[1]
        point = _point(p, factor, target_capacity(p, target), result)
        points.append(replace(point, carried_from=carried_from, cut_by_budget=cut))
        better_than_best = best is None or (result.objective or -math.inf) > best[0]
        if result.plan is not None and result.objective is not None and better_than_best:
            best = (result.objective, factor, result.plan)
    return points


def marginal_values(
    problem: Problem,
    step: float = 0.10,
    *,
    base: Result | None = None,
    time_limit_s: float | None = None,
    budget_s: float | None = None,
    max_workers: int | None = None,
    progress: SweepProgress | None = None,
    baseline: Plan | None = None,
    cancel: threading.Event | None = None,
) -> MarginalReport:
    """For every team, the objective gained from ``step`` (10 %) more capacity, best first
    (by the goal attainment gained, then the objective: :func:`_rank`).

    The base plan stays valid with more capacity, so a team's gain is never
    below what the base plan scores there; when a solve stops early with
    less, the base plan is kept (``carried``). Teams with equal gains keep
    the input order.

    Parameters
    ----------
    problem
        The scenario's inputs.
    step
        Extra capacity per team, as a share of its what-if capacity.
    base
        The result of solving ``problem``, if already at hand (else solved
        alongside the teams, under the same one-core limit). Against a ``baseline``
        and short of proven best (a plan kept close to the current plan), it is the
        report's ``base`` but is solved again beside the teams, as they are, to measure
        their gains from (``measured_from``).
    baseline
        The current plan, as for :func:`solve_all`.
    """
    if not step > 0:
        raise ValueError("the capacity step must be > 0")
    factor = 1 + step
    teams = list(problem.teams)
    problems = [with_capacity(problem, t.team_id, factor) for t in teams]
    # A base short of proven best (kept close to the current plan, or stopped by the
    # clock) is planned again as the teams' points are: a team's gain is then what its hours
    # add, not what planning afresh adds anyway (+0.3 pts for every team of the sample's
    # 20 % marketing cut kept close, the sales teams' hours unused).
    again = base is not None and baseline is not None and base.status is not Status.OPTIMAL
    jobs = problems if base is not None and not again else [problem, *problems]
    results = solve_all(
        jobs,
        time_limit_s=time_limit_s,
        budget_s=budget_s,
        max_workers=max_workers,
        progress=progress,
        baseline=baseline,
        cancel=cancel,
    )
    measured = results[0] if base is None or again else base
    if base is None or again:
        results = results[1:]
    all_capacity = sum((capacity_of(problem, t.team_id) for t in teams), Decimal(0))
    if base is not None and again and base.plan is not None:
        # The base as given, when it scores more than its second solve (a clock's cut).
        measured = carried_result(problem, measured, base.plan) or measured
    base_point = _point(problem, 1.0, all_capacity, base or measured)
    from_point = _point(problem, 1.0, all_capacity, measured) if again else None
    base_attainment = (from_point or base_point).metrics.attainment_pct
    values = [
        _marginal_value(problem, team, p, result, measured, base_attainment)
        for team, p, result in zip(teams, problems, results, strict=True)
    ]
    ranked = sorted(values, key=_rank)
    return MarginalReport(step, base_point, tuple(ranked), from_point)


def _marginal_value(
    problem: Problem,
    team: Team,
    more: Problem,
    result: Result,
    base: Result,
    base_attainment: float | None,
) -> MarginalValue:
    """What ``team``'s extra capacity (``more``, planned as ``result``) adds over ``base``
    (its goal attainment ``base_attainment``): the base plan kept when it scores more."""
    carried = False
    if base.plan is not None:
        better = carried_result(more, result, base.plan)
        if better is not None:
            result, carried = better, True
    metrics = headline_metrics(more, result)
    gain = (
        None
        if metrics.objective is None or base.objective is None
        else metrics.objective - base.objective
    )
    # The change between the two percentages as every page shows them ("85.6 % →
    # 85.9 %" is +0.3 pts), not of the unrounded figures (+0.2), as explain says it.
    attainment_gain = points_value(base_attainment, metrics.attainment_pct)
    return MarginalValue(
        team.team_id,
        team.name,
        team.department,
        capacity_of(more, team.team_id) - capacity_of(problem, team.team_id),
        gain,
        attainment_gain,
        metrics.status,
        carried,
    )


def _rank(value: MarginalValue) -> tuple[float, float]:
    """Best first by the goal attainment gained, the figure every page and the shell show
    (then by the optimizer's gain: its balance, fit and value terms); without goals, by the
    gain. By the gain alone, +0.7 pts ranked above +0.8 pts on the sample."""
    gain = value.gain if value.gain is not None else -math.inf
    points = value.attainment_gain if value.attainment_gain is not None else -math.inf
    return (-points, -gain)
