"""Where capacity binds: every team's load against its limit (what extra hours
would buy is :mod:`planner.scenarios.capacity_gain`, which solves again).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from planner.core.capacity import team_limit_shown
from planner.core.domain import Plan, Problem
from planner.core.pairs import pair_hours
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import percent
from planner.explain.free_hours import row_free
from planner.explain.rules import eligible_teams
from planner.explain.scoring import Scorer
from planner.explain.sentences import at_most, join_names, project_name

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
        planned = hours_text(self.load).removesuffix(" h")  # "600 of 600 h", the unit once
        # Its limit as its row on the Plan page reads it, and the free hours that row's
        # subtraction gives (1,378 h of Demand Gen's 1,378.5: its department's 4,390 h).
        limit = team_limit_shown(problem, team)
        free = row_free(problem, team, self.load)
        line = (
            f"{team.name} has {planned} of {hours_text(limit)} planned "
            f"({percent(100 * self.utilisation)}), {hours_text(free)} free"
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
        capped = scorer.at_project_limit(team)
        blocked = tuple(
            p
            for p in takers.get(tid, [])
            if capped or pair_hours(problem, problem.project(p), team) > scorer.free(tid)
        )
        binding = bool(blocked) or capped or (limit > 0 and load >= NEAR_LIMIT * limit)
        out.append(TeamPressure(tid, limit, load, scorer.count[tid], binding, blocked))
    out.sort(key=lambda p: (-p.utilisation, p.team_id))
    return tuple(out)
