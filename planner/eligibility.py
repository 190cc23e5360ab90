"""Which team may take which project, and in words why not.

A (project, team) pair is *eligible* when no hard rule rules it out on its
own: the stage policy and the team's stages (rule 3), skills (rule 4; for a
joint project the pair of teams covers the skills together, which the model
handles), a forbid (rule 7) and the team's capacity for this one project
(rule 5). Only eligible pairs become solver variables, and the reasons feed
the explanations of unassigned projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.domain import MARKETING, SALES, Problem, Project, Team
from planner.settings import exact


@dataclass(frozen=True)
class Pair:
    """One eligible (project, team) pair with the team's hours and value."""

    project_id: str
    team_id: str
    department: str
    share: Decimal
    effort_hours: Decimal  # this team's hours: the pair's effort x share
    value: Decimal  # this team's part of the value: the pair's value x share


def team_limit(problem: Problem, team: Team) -> Fraction:
    """Hours a team may plan: capacity x multiplier x max utilisation (exact)."""
    s = problem.settings
    multiplier = exact(s.multiplier(team.team_id, team.department))
    return Fraction(team.capacity_hours) * multiplier * exact(s.capacity.max_utilization)


def team_capacity(problem: Problem, team: Team) -> Fraction:
    """What-if capacity (capacity x multiplier): the base of utilisation."""
    multiplier = exact(problem.settings.multiplier(team.team_id, team.department))
    return Fraction(team.capacity_hours) * multiplier


def pair_amounts(problem: Problem, project: Project, team: Team) -> tuple[Decimal, Decimal]:
    """The (effort, value) of one pair before the share: estimates beat defaults."""
    estimate = problem.estimate_index.get((project.project_id, team.team_id))
    effort = project.effort_hours
    value = project.value
    if estimate is not None:
        if estimate.effort_hours is not None:
            effort = estimate.effort_hours
        if estimate.value is not None:
            value = estimate.value
    return effort, value


def exclusion(problem: Problem, project: Project, team: Team) -> str | None:
    """Why ``team`` may never own ``project`` (``None`` when it may)."""
    policy = problem.settings.stages
    stage = project.stage
    if not policy.allows(stage, team.department):
        allowed = " and ".join(policy.owners.get(stage, ())) or "no department"
        return f"the stage policy gives {stage} work to {allowed} only"
    if project.joint and not (policy.allows(stage, SALES) and policy.allows(stage, MARKETING)):
        return f"it is joint, but the stage policy lets only one department own {stage} work"
    if team.stages and stage not in team.stages:
        return f"{team.name} only works on {', '.join(team.stages)}"
    if (project.project_id, team.team_id) in problem.forbids:
        return "a leader's rule forbids it"
    if not project.joint:
        missing = [
            f"{skill} {level} (has {team.level(skill)})"
            for skill, level in sorted(project.required_skills.items())
            if team.level(skill) < level
        ]
        if missing:
            return f"it lacks {', '.join(missing)}"
    effort, _ = pair_amounts(problem, project, team)
    hours = Fraction(effort * project.share(team.department))
    limit = team_limit(problem, team)
    if hours > limit:
        return f"it needs {_hours(hours)} h but {team.name} can plan only {_hours(limit)} h"
    return None


def eligible_pairs(problem: Problem) -> tuple[Pair, ...]:
    """Every (project, team) pair that no rule rules out on its own."""
    pairs = []
    for project in problem.projects:
        for team in problem.teams:
            if exclusion(problem, project, team) is None:
                effort, value = pair_amounts(problem, project, team)
                share = project.share(team.department)
                pairs.append(
                    Pair(
                        project.project_id,
                        team.team_id,
                        team.department,
                        share,
                        effort * share,
                        value * share,
                    )
                )
    return tuple(pairs)


def _hours(amount: Fraction) -> str:
    return f"{float(amount):,.1f}".rstrip("0").rstrip(".")
