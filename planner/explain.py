"""Explanations in business terms: why no plan, why a project is left out."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from planner.domain import MARKETING, SALES, Plan, Problem
from planner.eligibility import exclusion


def _fmt(amount: Decimal | float) -> str:
    return f"{float(amount):,.1f}".rstrip("0").rstrip(".")


def exclusions(problem: Problem, project_id: str) -> dict[str, str]:
    """Team id -> why that team may never own the project (eligible teams absent)."""
    project = problem.project(project_id)
    out = {}
    for team in problem.teams:
        reason = exclusion(problem, project, team)
        if reason is not None:
            out[team.team_id] = reason
    return out


def _grouped(problem: Problem, excluded: dict[str, str]) -> str:
    by_reason: dict[str, list[str]] = defaultdict(list)
    for team_id, reason in excluded.items():
        by_reason[reason].append(problem.team(team_id).name)
    return "; ".join(f"{', '.join(names)}: {reason}" for reason, names in by_reason.items())


def no_eligible_team(problem: Problem, project_id: str) -> str | None:
    """Why no team (or no sales/marketing pair) may take the project, if so."""
    project = problem.project(project_id)
    excluded = exclusions(problem, project_id)
    eligible = [t for t in problem.teams if t.team_id not in excluded]
    if not eligible:
        return f"no team may take it ({_grouped(problem, excluded)})"
    if project.joint:
        for department in (SALES, MARKETING):
            if not any(t.department == department for t in eligible):
                side = {
                    k: v for k, v in excluded.items() if problem.team(k).department == department
                }
                return (
                    f"it is joint and no {department} team may take it ({_grouped(problem, side)})"
                )
        for skill, level in sorted(project.required_skills.items()):
            if not any(t.level(skill) >= level for t in eligible):
                return f"no eligible team has {skill} at level {level}"
    return None


def unassigned_reason(problem: Problem, plan: Plan, project_id: str) -> str:
    """Why the plan leaves the project out, in words."""
    blocked = no_eligible_team(problem, project_id)
    if blocked:
        return blocked
    project = problem.project(project_id)
    owners = plan.owners()
    missing = [d for d in project.depends_on if d not in owners]
    if missing:
        names = ", ".join(f"'{problem.project(d).name}'" for d in missing)
        return f"it depends on {names}, which the plan does not assign"
    excluded = exclusions(problem, project_id)
    candidates = [t for t in problem.teams if t.team_id not in excluded]
    load = plan.team_load()
    parts = []
    for team in candidates:
        free = team.capacity_hours - load.get(team.team_id, Decimal(0))
        if (
            team.max_projects is not None
            and sum(1 for a in plan.assignments if a.team_id == team.team_id) >= team.max_projects
        ):
            parts.append(f"{team.name} is at its limit of {team.max_projects} projects")
        else:
            parts.append(f"{team.name} has {_fmt(max(free, Decimal(0)))} h free")
    return (
        f"capacity went to work that scores higher: it needs {_fmt(project.effort_hours)} h; "
        + "; ".join(parts)
    )


def infeasibility_reasons(problem: Problem) -> list[str]:
    """Cheap checks that prove no plan exists, each a sentence a leader understands."""
    reasons = []
    for project in problem.projects:
        if project.mandatory:
            blocked = no_eligible_team(problem, project.project_id)
            if blocked:
                reasons.append(f"Mandatory project '{project.name}' cannot be assigned: {blocked}.")
    for project_id, team_id in sorted(problem.pins):
        project, team = problem.project(project_id), problem.team(team_id)
        reason = exclusion(problem, project, team)
        if reason is not None:
            reasons.append(f"'{project.name}' is pinned to {team.name}, but {reason}.")
    return reasons
