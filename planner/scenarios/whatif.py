"""What-if scenarios: headline metrics, compare two scenarios, capacity sweeps.

A :class:`Scenario` is a named snapshot of inputs, settings and the plan
they produced. This module is pure domain logic: it never touches the
database (``planner.scenarios.storage`` saves and loads scenarios) and never imports
Streamlit.

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
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

from planner.checker import check_plan, objective_of
from planner.core.domain import DEPARTMENTS, Plan, Problem, Result, Status
from planner.core.settings import Settings, exact
from planner.solving.solver import solve

#: Longest name a scenario may have (it is shown in lists and charts).
MAX_NAME_LENGTH = 200
#: Longest note a scenario may have.
MAX_NOTE_LENGTH = 10_000

SweepProgress = Callable[[int, int], None]
"""Called with (points done, points in all) as a sweep or marginal analysis runs."""


# ---------------------------------------------------------------------------
# Value objects
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    """A scenario's headline figures, as listed and compared.

    ``attainment_pct`` is the goals' weighted mean attainment, each goal
    capped at 100 % as the objective counts it; ``utilisation_pct`` is all
    planned hours over all (what-if) capacity. Both are ``None`` without a
    plan or without goals/capacity; so are the counts without a plan.
    """

    status: Status
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    attainment_pct: float | None = None
    utilisation_pct: float | None = None
    num_assigned: int | None = None
    num_unassigned: int | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScenarioSummary:
    """One saved scenario as the list shows it: identity, lineage and metrics."""

    scenario_id: int
    name: str
    note: str
    created_at: datetime
    parent_id: int | None
    metrics: Metrics
    parent_name: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A named snapshot: inputs and settings (``problem``), the plan and its metrics.

    ``scenario_id`` and ``created_at`` are ``None`` until it is saved.
    ``plan`` is ``None`` when the solve found no plan (the metrics say why).
    """

    name: str
    problem: Problem
    plan: Plan | None
    metrics: Metrics
    note: str = ""
    parent_id: int | None = None
    scenario_id: int | None = None
    created_at: datetime | None = None

    def summary(self) -> ScenarioSummary:
        """The list row of a saved scenario."""
        if self.scenario_id is None or self.created_at is None:
            raise ValueError(f"scenario {self.name!r} is not saved yet")
        return ScenarioSummary(
            self.scenario_id, self.name, self.note, self.created_at, self.parent_id, self.metrics
        )


@dataclass(frozen=True)
class GoalAttainment:
    """How far a plan gets one goal: ``reached`` in the KPI's unit, ``percent`` of target.

    ``percent`` is not capped, so overshooting a goal shows; the objective
    counts at most 100 %.
    """

    goal_id: str
    name: str
    kpi: str
    target: Decimal
    reached: Decimal
    percent: float


@dataclass(frozen=True)
class TeamLoad:
    """A team's planned hours against its what-if capacity (capacity x multiplier)."""

    team_id: str
    name: str
    department: str
    hours: Decimal
    capacity: Decimal
    utilisation_pct: float | None


# ---------------------------------------------------------------------------
# Metrics of one plan
# ---------------------------------------------------------------------------


def check_name(name: str) -> str:
    """The name, exactly as given, if a scenario may be called that.

    Any text is kept exactly (quotes, commas, unicode, formula characters,
    SQL, control characters), but a name must show something.

    Raises
    ------
    ValueError
        When the name is blank or longer than :data:`MAX_NAME_LENGTH`.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError("A scenario needs a name: type one that is not blank.")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"A scenario name has at most {MAX_NAME_LENGTH} characters (this one has {len(name)})."
        )
    return name


def check_note(note: str) -> str:
    """The note, exactly as given, if it is at most :data:`MAX_NOTE_LENGTH` long."""
    if not isinstance(note, str):
        raise ValueError("A note is text.")
    if len(note) > MAX_NOTE_LENGTH:
        raise ValueError(f"A note has at most {MAX_NOTE_LENGTH} characters.")
    return note


def capacity_of(problem: Problem, team_id: str) -> Decimal:
    """A team's what-if capacity in hours: capacity x its multiplier (exact)."""
    team = problem.team(team_id)
    multiplier = exact(problem.settings.multiplier(team_id, team.department))
    return team.capacity_hours * Decimal(multiplier.numerator) / Decimal(multiplier.denominator)


def team_loads(problem: Problem, plan: Plan | None) -> dict[str, TeamLoad]:
    """Every team's planned hours and utilisation under ``plan`` (zero without a plan)."""
    hours = plan.team_load() if plan is not None else {}
    out = {}
    for team in problem.teams:
        capacity = capacity_of(problem, team.team_id)
        used = hours.get(team.team_id, Decimal(0))
        out[team.team_id] = TeamLoad(
            team.team_id,
            team.name,
            team.department,
            used,
            capacity,
            float(100 * used / capacity) if capacity > 0 else None,
        )
    return out


def goal_attainment(problem: Problem, plan: Plan | None) -> dict[str, GoalAttainment]:
    """Every goal's reached KPI and percent of target under ``plan``."""
    reached: dict[str, Decimal] = {g.goal_id: Decimal(0) for g in problem.goals}
    if plan is not None:
        for a in plan.assignments:
            goal_id = problem.project(a.project_id).goal_id
            if goal_id is not None and goal_id in reached:
                reached[goal_id] += a.value
    return {
        g.goal_id: GoalAttainment(
            g.goal_id,
            g.name,
            g.kpi,
            g.target,
            reached[g.goal_id],
            float(100 * reached[g.goal_id] / g.target),
        )
        for g in problem.goals
    }


def _mean_attainment(problem: Problem, plan: Plan) -> float | None:
    if not problem.goals:
        return None
    goals = goal_attainment(problem, plan)
    weighted = sum(
        (Fraction(g.weight) * min(Fraction(100), Fraction(goals[g.goal_id].percent)))
        for g in problem.goals
    )
    return float(weighted / sum(Fraction(g.weight) for g in problem.goals))


def _utilisation(problem: Problem, plan: Plan) -> float | None:
    loads = team_loads(problem, plan).values()
    capacity = sum((t.capacity for t in loads), Decimal(0))
    if capacity <= 0:
        return None
    return float(100 * sum((t.hours for t in loads), Decimal(0)) / capacity)


def headline_metrics(problem: Problem, result: Result) -> Metrics:
    """The figures a leader scans first: objective, attainment, utilisation, status."""
    plan = result.plan
    if plan is None:
        return Metrics(
            status=result.status,
            seconds=result.runtime_s,
            reasons=tuple(result.reasons),
        )
    return Metrics(
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        seconds=result.runtime_s,
        attainment_pct=_mean_attainment(problem, plan),
        utilisation_pct=_utilisation(problem, plan),
        num_assigned=len(plan.owners()),
        num_unassigned=len(plan.unassigned),
        reasons=tuple(result.reasons),
    )


def new_scenario(
    problem: Problem,
    result: Result,
    name: str,
    note: str = "",
    parent_id: int | None = None,
) -> Scenario:
    """A scenario to save: ``problem`` and the ``result`` of solving it.

    Raises
    ------
    ValueError
        When the name is blank or too long, or the note too long.
    """
    return Scenario(
        name=check_name(name),
        note=check_note(note),
        problem=problem,
        plan=result.plan,
        metrics=headline_metrics(problem, result),
        parent_id=parent_id,
    )


# ---------------------------------------------------------------------------
# Compare
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectChange:
    """A project whose owners differ between scenario A and scenario B.

    ``kind`` is ``moved`` (owned in both, by different teams), ``added``
    (owned only in B) or ``dropped`` (owned only in A). ``note`` says when
    the project is not in one scenario's inputs at all.
    """

    project_id: str
    name: str
    kind: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class TeamDelta:
    """A team's planned hours and utilisation in A and B (None: not in that scenario)."""

    team_id: str
    name: str
    department: str
    hours_a: Decimal | None
    hours_b: Decimal | None
    utilisation_a: float | None
    utilisation_b: float | None

    @property
    def delta_hours(self) -> Decimal:
        return (self.hours_b or Decimal(0)) - (self.hours_a or Decimal(0))


@dataclass(frozen=True)
class GoalDelta:
    """A goal's attainment (percent of target, uncapped) in A and B."""

    goal_id: str
    name: str
    percent_a: float | None
    percent_b: float | None

    @property
    def delta_points(self) -> float:
        return (self.percent_b or 0.0) - (self.percent_a or 0.0)


@dataclass(frozen=True)
class Comparison:
    """Scenario B against scenario A: what moved, loads, goals and headline figures."""

    name_a: str
    name_b: str
    metrics_a: Metrics
    metrics_b: Metrics
    projects: tuple[ProjectChange, ...]
    teams: tuple[TeamDelta, ...]
    goals: tuple[GoalDelta, ...]
    settings_changes: tuple[str, ...] = ()
    input_changes: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def delta_objective(self) -> float | None:
        a, b = self.metrics_a.objective, self.metrics_b.objective
        return None if a is None or b is None else b - a

    def changes(self, kind: str) -> tuple[ProjectChange, ...]:
        """The project changes of one kind: ``moved``, ``added`` or ``dropped``."""
        return tuple(c for c in self.projects if c.kind == kind)


def compare(a: Scenario, b: Scenario) -> Comparison:
    """What changes from scenario ``a`` to scenario ``b``.

    Projects are matched by id, teams by id and goals by id, so scenarios
    with different inputs compare too: a project that exists in only one
    of them counts as added or dropped, with a note saying so.
    """
    owners_a = a.plan.owners() if a.plan else {}
    owners_b = b.plan.owners() if b.plan else {}
    projects_a = a.problem.project_index
    projects_b = b.problem.project_index
    changes = []
    for project_id in _ordered(list(projects_a) + list(projects_b)):
        before = owners_a.get(project_id, frozenset())
        after = owners_b.get(project_id, frozenset())
        if before == after:
            continue
        kind = "moved" if before and after else ("added" if after else "dropped")
        note = ""
        if project_id not in projects_a:
            note = f"not in {a.name}'s inputs"
        elif project_id not in projects_b:
            note = f"not in {b.name}'s inputs"
        project = projects_b.get(project_id) or projects_a[project_id]
        changes.append(
            ProjectChange(
                project_id, project.name, kind, tuple(sorted(before)), tuple(sorted(after)), note
            )
        )

    loads_a = team_loads(a.problem, a.plan)
    loads_b = team_loads(b.problem, b.plan)
    teams = []
    for team_id in _ordered(list(loads_a) + list(loads_b)):
        la, lb = loads_a.get(team_id), loads_b.get(team_id)
        ref = lb or la
        assert ref is not None
        teams.append(
            TeamDelta(
                team_id,
                ref.name,
                ref.department,
                la.hours if la else None,
                lb.hours if lb else None,
                la.utilisation_pct if la else None,
                lb.utilisation_pct if lb else None,
            )
        )

    goals_a = goal_attainment(a.problem, a.plan) if a.plan else {}
    goals_b = goal_attainment(b.problem, b.plan) if b.plan else {}
    goal_names = {g.goal_id: g.name for g in (*a.problem.goals, *b.problem.goals)}
    goals = [
        GoalDelta(
            goal_id,
            goal_names[goal_id],
            goals_a[goal_id].percent if goal_id in goals_a else None,
            goals_b[goal_id].percent if goal_id in goals_b else None,
        )
        for goal_id in _ordered([g.goal_id for g in (*a.problem.goals, *b.problem.goals)])
    ]
    return Comparison(
        a.name,
        b.name,
        a.metrics,
        b.metrics,
        tuple(changes),
        tuple(teams),
        tuple(goals),
        settings_changes=_settings_changes(a.problem.settings, b.problem.settings),
        input_changes=_input_changes(a.problem, b.problem),
    )


def _ordered(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _settings_changes(a: Settings, b: Settings) -> tuple[str, ...]:
    """Settings lines that differ, as ``key: A -> B`` (solve limits included)."""
    lines_a, lines_b = _settings_lines(a), _settings_lines(b)
    out = []
    for key in _ordered([*lines_a, *lines_b]):
        va, vb = lines_a.get(key, "(not set)"), lines_b.get(key, "(not set)")
        if va != vb:
            out.append(f"{key}: {va} -> {vb}")
    return tuple(out)


def _settings_lines(settings: Settings) -> dict[str, str]:
    out, section = {}, ""
    for line in settings.to_toml().splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif "=" in line:
            key, value = line.split("=", 1)
            out[f"{section}.{key.strip()}"] = value.strip()
    return out


def _input_changes(a: Problem, b: Problem) -> dict[str, tuple[int, int]]:
    """Per table, how many rows only A has and how many only B has (edited rows count in both)."""
    from planner.core.loading import problem_to_frames

    frames_a, frames_b = problem_to_frames(a), problem_to_frames(b)
    out = {}
    for file, frame_a in frames_a.items():
        rows_a = set(frame_a.itertuples(index=False, name=None))
        rows_b = set(frames_b[file].itertuples(index=False, name=None))
        if rows_a != rows_b:
            out[file] = (len(rows_a - rows_b), len(rows_b - rows_a))
    return out


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
    # Rounded so that 0.9 x 1.1 is 0.99, the number a leader would type.
    return round(multiplier * factor, 9)


def target_capacity(problem: Problem, target: str) -> Decimal:
    """Hours of what-if capacity ``target`` (department or team) has in ``problem``."""
    if target in DEPARTMENTS:
        ids = [t.team_id for t in problem.teams if t.department == target]
    else:
        ids = [target]
    return sum((capacity_of(problem, i) for i in ids), Decimal(0))


def multipliers_between(low: float, high: float, steps: int) -> list[float]:
    """``steps`` evenly spaced factors from ``low`` to ``high`` inclusive, rounded to 0.1 %."""
    if steps < 1:
        raise ValueError("a sweep needs at least one step")
    if not 0 <= low <= high:
        raise ValueError(f"need 0 <= from <= to, got {low} and {high}")
    if steps == 1:
        return [round(low, 3)]
    return sorted({round(low + (high - low) * i / (steps - 1), 3) for i in range(steps)})


@dataclass(frozen=True)
class SweepPoint:
    """One solve of a sweep: the capacity factor and what the plan reaches there.

    ``carried_from`` is the factor whose (better) plan is shown here because
    this point's own solve stopped at its time limit with a worse one.
    """

    factor: float
    capacity_hours: Decimal
    metrics: Metrics
    goals: dict[str, float] = field(default_factory=dict)
    plan: Plan | None = None
    carried_from: float | None = None


@dataclass(frozen=True)
class MarginalValue:
    """The objective gained when one team gets ``step`` more capacity."""

    team_id: str
    name: str
    department: str
    extra_hours: Decimal
    gain: float | None
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
    """The base solve and, for every team, the gain from more capacity, best first."""

    step: float
    base: SweepPoint
    values: tuple[MarginalValue, ...]


def _point_problem(problem: Problem, time_limit_s: float) -> Problem:
    """One core per solve: points run side by side, one per core."""
    s = problem.settings
    return problem.replace(
        settings=s.with_changes(solve=replace(s.solve, time_limit_s=time_limit_s, workers=1))
    )


def _solve_point(problem: Problem) -> Result:
    # Module level so that a process pool can pickle it.
    return solve(problem)


def default_workers() -> int:
    """Solves run side by side: one per core."""
    return max(1, os.cpu_count() or 1)


def _executor(kind: str, workers: int) -> Executor:
    if kind == "process":
        # Spawn, not fork: forking a process with threads (Streamlit, DuckDB)
        # can deadlock the child.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sweep")


def solve_all(
    problems: Sequence[Problem],
    *,
    time_limit_s: float | None = None,
    budget_s: float | None = None,
    max_workers: int | None = None,
    executor: str = "thread",
    progress: SweepProgress | None = None,
) -> list[Result]:
    """Solve several problems side by side, one core each, within a total budget.

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
    executor
        ``"thread"`` (CP-SAT releases the GIL while it searches) or
        ``"process"`` (spawned workers; the problems are pickled).
    progress
        Called with (done, total) after each solve.
    """
    if not problems:
        return []
    workers = min(max_workers or default_workers(), len(problems))
    rounds = math.ceil(len(problems) / workers)
    limits = []
    for p in problems:
        limit = p.settings.solve.time_limit_s if time_limit_s is None else time_limit_s
        if budget_s is not None:
            limit = min(limit, budget_s / rounds)
        limits.append(max(0.1, limit))
    jobs = [_point_problem(p, limit) for p, limit in zip(problems, limits, strict=True)]
    results: list[Result | None] = [None] * len(jobs)
    with _executor(executor, workers) as pool:
        futures: dict[Future[Result], int] = {
            pool.submit(_solve_point, job): i for i, job in enumerate(jobs)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(jobs))
    return [r for r in results if r is not None]


def _point(problem: Problem, factor: float, capacity: Decimal, result: Result) -> SweepPoint:
    goals = goal_attainment(problem, result.plan) if result.plan else {}
    return SweepPoint(
        factor=factor,
        capacity_hours=capacity,
        metrics=headline_metrics(problem, result),
        goals={k: g.percent for k, g in goals.items()},
        plan=result.plan,
    )


def _carried(problem: Problem, own: Result, better: Plan) -> Result | None:
    """``own`` with ``better`` (a plan for less capacity) when that scores higher here."""
    if check_plan(problem, better):
        return None
    breakdown = objective_of(problem, better)
    objective = float(breakdown.total)
    if own.objective is not None and objective <= own.objective:
        return None
    bound = None if own.bound is None else max(own.bound, objective)
    gap = None if bound is None else abs(bound - objective) / max(abs(bound), 1e-9)
    return replace(
        own,
        status=Status.FEASIBLE,
        plan=better,
        objective=objective,
        bound=bound,
        gap=gap,
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
    executor: str = "thread",
    progress: SweepProgress | None = None,
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
    time_limit_s, budget_s, max_workers, executor, progress
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
        executor=executor,
        progress=progress,
    )
    points: list[SweepPoint] = []
    best: tuple[float, float, Plan] | None = None  # (objective, factor, plan)
    for factor, p, result in zip(ordered, problems, results, strict=True):
        carried_from = None
        if best is not None and (result.objective is None or best[0] > result.objective):
            carried = _carried(p, result, best[2])
            if carried is not None:
                result, carried_from = carried, best[1]
        point = _point(p, factor, target_capacity(p, target), result)
        points.append(replace(point, carried_from=carried_from))
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
    executor: str = "thread",
    progress: SweepProgress | None = None,
) -> MarginalReport:
    """For every team, the objective gained from ``step`` (10 %) more capacity, best first.

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
        alongside the teams, under the same one-core limit).
    """
    if not step > 0:
        raise ValueError("the capacity step must be > 0")
    factor = 1 + step
    teams = list(problem.teams)
    problems = [with_capacity(problem, t.team_id, factor) for t in teams]
    jobs = problems if base is not None else [problem, *problems]
    results = solve_all(
        jobs,
        time_limit_s=time_limit_s,
        budget_s=budget_s,
        max_workers=max_workers,
        executor=executor,
        progress=progress,
    )
    if base is None:
        base, results = results[0], results[1:]
    all_capacity = sum((capacity_of(problem, t.team_id) for t in teams), Decimal(0))
    base_point = _point(problem, 1.0, all_capacity, base)
    base_attainment = base_point.metrics.attainment_pct
    values = []
    for team, p, result in zip(teams, problems, results, strict=True):
        carried = False
        if base.plan is not None:
            better = _carried(p, result, base.plan)
            if better is not None:
                result, carried = better, True
        metrics = headline_metrics(p, result)
        gain = (
            None
            if metrics.objective is None or base.objective is None
            else metrics.objective - base.objective
        )
        attainment_gain = (
            None
            if metrics.attainment_pct is None or base_attainment is None
            else metrics.attainment_pct - base_attainment
        )
        values.append(
            MarginalValue(
                team.team_id,
                team.name,
                team.department,
                capacity_of(p, team.team_id) - capacity_of(problem, team.team_id),
                gain,
                attainment_gain,
                metrics.status,
                carried,
            )
        )
    ranked = sorted(values, key=lambda v: -(v.gain if v.gain is not None else -math.inf))
    return MarginalReport(step, base_point, tuple(ranked))


def now() -> datetime:
    """The current time in UTC (a scenario's creation time)."""
    return datetime.now(UTC)
