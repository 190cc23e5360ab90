"""Why a team owns a project: each objective term's share of the assignment and
every other team, closest call first, with why the plan did not choose it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from planner.core.domain import Assignment, Plan, Problem, Project, Team
from planner.explain.changes import AddCapacity
from planner.explain.common import (
    as_sentence,
    fmt,
    join_names,
    plural,
    project_name,
    signed,
    team_hours,
)
from planner.explain.rules import blockers_text, pair_blockers
from planner.explain.scoring import Contribution, Scorer


class AlternativeKind(enum.IntEnum):
    """Why another team does not own a project, from closest call to ruled out."""

    LOWER = 0  # it could take it, for a lower objective
    CAPACITY = 1  # it may take it but has no room
    PAIR = 2  # with the other team of a joint project it would lack a skill
    RULE = 3  # a rule keeps it off (stage policy, team stages, skills, a forbid)


@dataclass(frozen=True)
class Alternative:
    """Another team for an assigned project and why the plan did not choose it.

    ``change`` is what moving the project there would do to the objective
    (only for :attr:`AlternativeKind.LOWER`).
    """

    team_id: str
    kind: AlternativeKind
    reason: str
    change: Contribution | None = None


@dataclass(frozen=True)
class AssignmentExplanation:
    """Why a team (or pair of teams) owns a project.

    ``alternatives`` lists every other team, closest call first.
    """

    project_id: str
    team_ids: tuple[str, ...]
    pinned: bool
    contribution: Contribution
    alternatives: tuple[Alternative, ...]
    lines: tuple[str, ...]

    @property
    def best_alternative(self) -> Alternative | None:
        return self.alternatives[0] if self.alternatives else None

    def text(self) -> str:
        return "\n".join(self.lines)


def explain_assignment(problem: Problem, plan: Plan, project_id: str) -> AssignmentExplanation:
    """Each objective term's share of an assignment, and the best team not chosen."""
    scorer = Scorer(problem, plan)
    project = problem.project(project_id)
    mine = scorer.of_project.get(project_id, [])
    if not mine:
        raise ValueError(f"project {project_id!r} is not assigned in this plan")
    owners = tuple(a.team_id for a in mine)
    departments = {problem.team(t).department for t in owners}
    pinned = any(a.pinned for a in mine)
    contribution = scorer.removal(project_id)
    alternatives: list[tuple[tuple[object, ...], Alternative]] = []
    for team in problem.teams:
        if team.team_id in owners:
            continue
        replaced = (
            [a for a in mine if problem.team(a.team_id).department == team.department]
            if project.joint
            else list(mine)
        )
        if not replaced:
            continue
        alt = _alternative(problem, scorer, project, team, replaced, mine)
        rank = (
            alt.kind,
            -(alt.change.total if alt.change else 0),
            team.department not in departments,
            len(pair_blockers(problem, project, team)),
            team.team_id,
        )
        alternatives.append((rank, alt))
    ordered = tuple(alt for _, alt in sorted(alternatives, key=lambda x: x[0]))
    names = join_names([problem.team(t).name for t in owners])
    hours = join_names([f"{fmt(a.effort_hours)} h" for a in mine])
    lines = [
        f"{project_name(problem, project_id)} is owned by {names} ({hours})"
        + (", pinned by a leader's rule." if pinned else "."),
        f"It adds {contribution.describe()} to the objective"
        f"{_goal_note(problem, scorer, project)}.",
    ]
    for alt in ordered[:3]:
        lines.append(as_sentence(f"Why not {problem.team(alt.team_id).name}: {alt.reason}"))
    return AssignmentExplanation(project_id, owners, pinned, contribution, ordered, tuple(lines))


def _goal_note(problem: Problem, scorer: Scorer, project: Project) -> str:
    goal = problem.goal_index.get(project.goal_id or "")
    if goal is None:
        return ""
    percent = 100 * scorer.reached[goal.goal_id] / Fraction(goal.target)
    return f"; goal '{goal.name}' stands at {fmt(percent)} % of target"


def _alternative(
    problem: Problem,
    scorer: Scorer,
    project: Project,
    team: Team,
    replaced: list[Assignment],
    mine: list[Assignment],
) -> Alternative:
    tid = team.team_id
    blockers = pair_blockers(problem, project, team)
    rules = [b for b in blockers if not isinstance(b.change, AddCapacity)]
    if rules:
        return Alternative(tid, AlternativeKind.RULE, blockers_text(rules))
    if project.joint:
        partners = [a for a in mine if a not in replaced]
        held = [problem.team(a.team_id) for a in partners] + [team]
        lacking = [
            f"{k} {v}"
            for k, v in sorted(project.required_skills.items())
            if not any(t.level(k) >= v for t in held)
        ]
        if lacking:
            return Alternative(
                tid, AlternativeKind.PAIR, f"with its partner it would lack {join_names(lacking)}"
            )
    hours = team_hours(problem, project, team)
    free = scorer.free(tid)
    room = ""
    if hours > free:
        room = f"it has {fmt(max(free, Fraction(0)))} h free and would need {fmt(hours)} h"
    elif team.max_projects is not None and scorer.count[tid] >= team.max_projects:
        room = f"it is at its limit of {plural(team.max_projects, 'project')}"
    pins = [problem.team(a.team_id).name for a in replaced if a.pinned]
    # A leader's pin is the reason the team is not the owner; room comes after it.
    pinned = f"the project is pinned to {join_names(pins)}" if pins else ""
    if room:
        reason = f"{pinned}; besides, {room}" if pinned else room
        return Alternative(tid, AlternativeKind.CAPACITY, reason)
    change = scorer.delta([scorer.add(project, team)], replaced)
    terms = ", ".join(f"{n} {signed(v)}" for n, v in change.terms().items())
    if pinned:
        reason = f"{pinned}; moving it would change the objective by {change.describe()}"
    elif change.total == 0:
        reason = "it could take it and the plan would score the same"
        reason += f" ({terms})" if terms else ""
    elif change.total < 0:
        drop = signed(-change.total)[1:]
        drop = "less than 0.01" if drop == "0" else drop
        reason = f"it could take it, but the objective would drop by {drop}"
        reason += f" ({terms})" if terms else ""
    else:
        reason = f"it could take it and raise the objective by {change.describe()}"
        reason += " (the plan may not be proven best)"
    return Alternative(tid, AlternativeKind.LOWER, reason, change)
