"""Where capacity binds: every team's load against its limit, and what extra
hours on one team would buy (a time-bounded re-solve).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.domain import Plan, Problem, Result
from planner.explain.changes import AddCapacity
from planner.explain.common import at_most, fmt, join_names, project_name, signed, team_hours
from planner.explain.rules import eligible_teams
from planner.explain.scoring import Scorer

#: A team at this share of what it may plan counts as at its limit.
NEAR_LIMIT = Fraction(95, 100)


@dataclass(frozen=True)
class TeamPressure:
    """How close a team is to its limit, and which left-out work it cannot fit."""

    team_id: str
    limit: Fraction
    load: Fraction
    projects: int
    binding: bool
    blocked: tuple[str, ...]  # left-out projects it may take but has no room for

    @property
    def free(self) -> Fraction:
        return self.limit - self.load

    @property
    def utilisation(self) -> Fraction:
        return self.load / self.limit if self.limit > 0 else Fraction(0)

    def text(self, problem: Problem) -> str:
        team = problem.team(self.team_id)
        line = (
            f"{team.name} has {fmt(self.load)} of {fmt(self.limit)} h planned "
            f"({fmt(100 * self.utilisation)} %), {fmt(self.free)} h free"
        )
        if self.blocked:
            names = [project_name(problem, p) for p in self.blocked]
            line += "; no room for " + join_names(at_most(names, 3))
        return line


def capacity_pressure(problem: Problem, plan: Plan) -> tuple[TeamPressure, ...]:
    """Every team's load against its limit, most loaded first.

    A team *binds* when it is at :data:`NEAR_LIMIT` or more of what it may
    plan, or at its project cap, or when a left-out project it may take does
    not fit in its free hours.
    """
    scorer = Scorer(problem, plan)
    owned = plan.owners()
    left = [p.project_id for p in problem.projects if p.project_id not in owned]
    takers: dict[str, list[str]] = defaultdict(list)
    for project_id, teams in eligible_teams(problem, left).items():
        for t in teams:
            takers[t.team_id].append(project_id)
    out = []
    for team in problem.teams:
        tid = team.team_id
        limit, load = scorer.limit[tid], scorer.load[tid]
        capped = team.max_projects is not None and scorer.count[tid] >= team.max_projects
        blocked = tuple(
            p
            for p in takers.get(tid, [])
            if capped or team_hours(problem, problem.project(p), team) > limit - load
        )
        binding = bool(blocked) or capped or (limit > 0 and load >= NEAR_LIMIT * limit)
        out.append(TeamPressure(tid, limit, load, scorer.count[tid], binding, blocked))
    out.sort(key=lambda p: (-p.utilisation, p.team_id))
    return tuple(out)


@dataclass(frozen=True)
class CapacityGain:
    """What extra hours on one team would buy, from a time-bounded re-solve."""

    team_id: str
    extra_hours: Decimal
    objective_before: float | None
    objective_after: float | None
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    status: str

    @property
    def gain(self) -> float | None:
        if self.objective_before is None or self.objective_after is None:
            return None
        return self.objective_after - self.objective_before

    def text(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        head = f"+{fmt(self.extra_hours)} h for {team}"
        if self.gain is None:
            return f"{head}: no plan found within the time limit"
        line = f"{head} would change the objective by {signed(self.gain)}"
        if self.added:
            line += "; it brings in " + join_names([project_name(problem, p) for p in self.added])
        if self.dropped:
            line += "; it leaves out " + join_names(
                [project_name(problem, p) for p in self.dropped]
            )
        if not self.added and not self.dropped:
            line += " (same projects, better spread)" if self.gain > 1e-9 else " (nothing new)"
        return line


def capacity_gain(
    problem: Problem,
    result: Result,
    team_id: str,
    *,
    extra_hours: Decimal | float | None = None,
    fraction: float = 0.1,
    time_limit_s: float = 2.0,
) -> CapacityGain:
    """Re-solve with more hours on one team and report what that buys.

    Parameters
    ----------
    extra_hours
        Capacity hours to add; default ``fraction`` of the team's capacity
        (rounded up to a whole hour).
    time_limit_s
        Bound for the re-solve.
    """
    from planner.solver import solve  # the solver imports this package

    team = problem.team(team_id)
    if extra_hours is None:
        extra = Decimal(math.ceil(team.capacity_hours * Decimal(str(fraction))))
    else:
        extra = Decimal(str(extra_hours))
    relaxed = AddCapacity(team_id, extra).apply(problem)
    after = solve(relaxed, time_limit_s=time_limit_s)
    before_owned = set(result.plan.owners()) if result.plan else set()
    after_owned = set(after.plan.owners()) if after.plan else set()
    order = [p.project_id for p in problem.projects]
    return CapacityGain(
        team_id,
        extra,
        result.objective,
        after.objective,
        tuple(p for p in order if p in after_owned - before_owned),
        tuple(p for p in order if p in before_owned - after_owned),
        after.status.value,
    )
