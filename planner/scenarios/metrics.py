"""A scenario and the figures of its plan: headline metrics, goal attainment, team loads.

A :class:`Scenario` is a named snapshot of inputs, settings and the plan
they produced. This module is pure domain logic: it never touches the
database (:mod:`planner.scenarios.storage` saves and loads scenarios) and
never imports Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import Plan, Problem, Result, Status
from planner.core.settings import exact

#: Longest name a scenario may have (it is shown in lists and charts).
MAX_NAME_LENGTH = 200
#: Longest note a scenario may have.
MAX_NOTE_LENGTH = 10_000


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


def now() -> datetime:
    """The current time in UTC (a scenario's creation time)."""
    return datetime.now(UTC)
