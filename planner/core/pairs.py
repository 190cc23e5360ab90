"""A team on a project: its share of the work, and the hours and value it carries.

A pair's amounts are the team's own estimate (estimates.csv) where it gives one,
else the project's, times the team's department's share of a joint project. The
optimizer's variables, the explanations' hours and a re-plan's carried plan all
read them here, so that a pair weighs the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import Problem, Project, Team


@dataclass(frozen=True, slots=True)
class Pair:
    """One (project, team) pair with the team's hours and value."""

    project_id: str
    team_id: str
    department: str
    share: Decimal
    effort_hours: Decimal  # this team's hours: the pair's effort x share
    value: Decimal  # this team's part of the value: the pair's value x share


def pair_of(problem: Problem, project: Project, team: Team) -> Pair:
    """The pair's share, and its hours and value for the team (estimate and share applied)."""
    effort, value = problem.pair_amounts(project, team.team_id)
    share = project.share(team.department)
    return Pair(
        project.project_id, team.team_id, team.department, share, effort * share, value * share
    )


def pair_hours(problem: Problem, project: Project, team: Team) -> Fraction:
    """Hours the team would carry for the project: its estimate (or the project's) x share."""
    effort, _ = problem.pair_amounts(project, team.team_id)
    return Fraction(effort * project.share(team.department))
