"""Rules 6 and 8 as the reasons say them: a team's limit of projects, and the
prerequisites a plan leaves out."""

from __future__ import annotations

from collections.abc import Collection

from planner.core.domain import Project, Team
from planner.core.shared_words import plural


def prerequisites_left_out(project: Project, owned: Collection[str]) -> list[str]:
    """Rule 8 on a plan: the projects ``project`` depends on that are not among ``owned``
    (the plan's assigned project ids), in ``depends_on``'s order."""
    return [d for d in project.depends_on if d not in owned]


def at_project_limit_words(who: str, team: Team) -> str:
    """``Brand is at its limit of 2 projects`` (rule 6 on a plan), ``who`` the team's name
    or "it"."""
    return f"{who} is at its limit of {plural(team.max_projects or 0, 'project')}"


def project_limit_words(team: Team) -> str:
    """``Brand takes at most 2 projects``: rule 6 on a team, said when there is no plan."""
    return f"{team.name} takes at most {plural(team.max_projects or 0, 'project')}"
