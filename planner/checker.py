"""The independent plan checker: SPEC.md's hard rules and objective, in code.

It shares no code with the solver model (it imports neither ``model`` nor
``eligibility``) and works in exact arithmetic, so a plan that passes it
obeys the contract whatever the solver did. Every solve goes through it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import (
    MARKETING,
    SALES,
    Estimate,
    ObjectiveBreakdown,
    Plan,
    Problem,
    Project,
)
from planner.core.settings import exact
from planner.core.uncertainty import RESOLUTION, OutcomeSamples


@dataclass(frozen=True)
class Violation:
    """One broken rule: its number in SPEC.md and what is wrong, in words."""

    rule: int
    message: str

    def __str__(self) -> str:
        return f"rule {self.rule}: {self.message}"


class PlanCheckError(AssertionError):
    """A solved plan breaks a hard rule: a bug in the planner, never in the data."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        super().__init__("plan breaks hard rules:\n" + "\n".join(f"- {v}" for v in violations))


def _quantities(
    estimates: dict[tuple[str, str], Estimate], project: Project, team_id: str
) -> tuple[Decimal, Decimal]:
    """The (effort, value) the pair carries before the share: estimates first."""
    effort, value = project.effort_hours, project.value
    estimate = estimates.get((project.project_id, team_id))
    if estimate is not None:
        if estimate.effort_hours is not None:
            effort = estimate.effort_hours
        if estimate.value is not None:
            value = estimate.value
    return effort, value


def _share(project: Project, department: str) -> Decimal:
    if not project.joint:
        return Decimal(1)
    return project.sales_share if department == SALES else 1 - project.sales_share


def check_plan(problem: Problem, plan: Plan) -> list[Violation]:
    """Every hard rule the plan breaks (an empty list means the plan is valid)."""
    out: list[Violation] = []
    teams = {t.team_id: t for t in problem.teams}
    projects = {p.project_id: p for p in problem.projects}
    settings = problem.settings
    estimates = {(e.project_id, e.team_id): e for e in problem.estimates}

    owners: dict[str, list[str]] = defaultdict(list)
    for a in plan.assignments:
        if a.project_id not in projects:
            out.append(Violation(1, f"unknown project {a.project_id!r} is assigned"))
            continue
        if a.team_id not in teams:
            out.append(Violation(1, f"{a.project_id} is assigned to unknown team {a.team_id!r}"))
            continue
        owners[a.project_id].append(a.team_id)
        project, team = projects[a.project_id], teams[a.team_id]
        effort, value = _quantities(estimates, project, a.team_id)
        share = _share(project, team.department)
        if (a.share, a.effort_hours, a.value) != (share, effort * share, value * share):
            out.append(
                Violation(
                    5,
                    f"{a.project_id}/{a.team_id} reports share {a.share}, {a.effort_hours} h and "
                    f"value {a.value}; the data give {share}, {effort * share} h, {value * share}",
                )
            )
    listed = Counter(u.project_id for u in plan.unassigned)
    for project_id in projects:
        times = listed[project_id] + (1 if project_id in owners else 0)
        if times != 1:
            out.append(Violation(1, f"{project_id} appears {times} times in the plan, not once"))

    # Rule 1: one owner, or one sales and one marketing team.
    for project_id, team_ids in owners.items():
        project = projects[project_id]
        departments = sorted(teams[t].department for t in team_ids)
        if project.joint and departments != sorted([SALES, MARKETING]):
            out.append(Violation(1, f"joint {project_id} is owned by {departments}"))
        if not project.joint and len(team_ids) != 1:
            out.append(Violation(1, f"{project_id} is owned by {len(team_ids)} teams"))

    # Rule 2: mandatory projects are assigned.
    for project in problem.projects:
        if project.mandatory and project.project_id not in owners:
            out.append(Violation(2, f"mandatory {project.project_id} is unassigned"))

    # Rule 3: stage policy and team stages.
    for project_id, team_ids in owners.items():
        project = projects[project_id]
        for team_id in team_ids:
            team = teams[team_id]
            if team.department not in settings.stages.owners.get(project.stage, ()):
                out.append(
                    Violation(3, f"{team_id} ({team.department}) owns {project.stage} {project_id}")
                )
            if team.stages and project.stage not in team.stages:
                out.append(Violation(3, f"{team_id} does not work on {project.stage}"))

    # Rule 4: skills, for a joint project held by at least one of its two teams.
    for project_id, team_ids in owners.items():
        project = projects[project_id]
        groups = [team_ids] if project.joint else [[t] for t in team_ids]
        for group in groups:
            for skill, level in project.required_skills.items():
                if not any(teams[t].skills.get(skill, 0) >= level for t in group):
                    out.append(
                        Violation(4, f"{'/'.join(group)} lack {skill} {level} for {project_id}")
                    )

    # Rule 5: capacity, and rule 6: number of projects.
    hours: dict[str, Fraction] = defaultdict(Fraction)
    counts: dict[str, int] = defaultdict(int)
    for a in plan.assignments:
        if a.team_id in teams:
            hours[a.team_id] += Fraction(a.effort_hours)
            counts[a.team_id] += 1
    for team_id, used in hours.items():
        team = teams[team_id]
        limit = (
            Fraction(team.capacity_hours)
            * exact(settings.multiplier(team_id, team.department))
            * exact(settings.capacity.max_utilization)
        )
        if used > limit:
            out.append(
                Violation(5, f"{team_id} is planned {float(used)} h over its {float(limit)} h")
            )
        if team.max_projects is not None and counts[team_id] > team.max_projects:
            out.append(Violation(6, f"{team_id} owns {counts[team_id]} > {team.max_projects}"))

    # Rule 7: pins and forbids.
    for rule in problem.rules:
        owned_by = owners.get(rule.project_id, [])
        if rule.rule == "pin" and rule.team_id not in owned_by:
            out.append(Violation(7, f"{rule.project_id} is pinned to {rule.team_id} but is not"))
        if rule.rule == "forbid" and rule.team_id in owned_by:
            out.append(Violation(7, f"{rule.team_id} owns {rule.project_id}, which is forbidden"))

    # Rule 8: dependencies.
    for project_id in owners:
        for needed in projects[project_id].depends_on:
            if needed not in owners:
                out.append(Violation(8, f"{project_id} is assigned but {needed} is not"))

    # Rule 9: change budget.
    baseline = problem.baseline
    if baseline is not None and baseline.max_changes is not None:
        moved = num_changes(problem, plan)
        if moved > baseline.max_changes:
            out.append(
                Violation(9, f"{moved} projects change owner; budget {baseline.max_changes}")
            )
    return out


def num_changes(problem: Problem, plan: Plan) -> int:
    """Baseline projects (still in the problem) whose owners differ in ``plan``."""
    if problem.baseline is None:
        return 0
    ids = {p.project_id for p in problem.projects}
    owners = plan.owners()
    return sum(
        1
        for project_id, before in problem.baseline.owners.items()
        if project_id in ids and owners.get(project_id, frozenset()) != before
    )


def objective_of(problem: Problem, plan: Plan) -> ObjectiveBreakdown:
    """The objective's weighted terms, recomputed from the plan in exact arithmetic."""
    w = problem.settings.weights
    teams = {t.team_id: t for t in problem.teams}
    projects = {p.project_id: p for p in problem.projects}

    reached: dict[str, Fraction] = defaultdict(Fraction)
    total_value = Fraction(0)
    fit = Fraction(0)
    hours: dict[str, Fraction] = defaultdict(Fraction)
    for a in plan.assignments:
        project, team = projects[a.project_id], teams[a.team_id]
        total_value += Fraction(a.value)
        hours[a.team_id] += Fraction(a.effort_hours)
        if project.goal_id is not None:
            reached[project.goal_id] += Fraction(a.value)
        for skill, level in project.required_skills.items():
            if team.skills.get(skill, 0) >= level:
                fit += team.skills[skill] - level
        if team.stages and project.stage in team.stages:
            fit += 1

    attainment = Fraction(0)
    for goal in problem.goals:
        percent = min(Fraction(100), 100 * reached[goal.goal_id] / Fraction(goal.target))
        attainment += Fraction(goal.weight) * percent

    peak = Fraction(0)
    for team_id, used in hours.items():
        team = teams[team_id]
        capacity = Fraction(team.capacity_hours) * exact(
            problem.settings.multiplier(team_id, team.department)
        )
        if capacity > 0:
            peak = max(peak, 100 * used / capacity)

    return ObjectiveBreakdown(
        confidence=(
            exact(w.confidence) * confidence_points(problem, plan) if w.confidence else Fraction(0)
        ),
        attainment=exact(w.attainment) * attainment,
        value=exact(w.value) * total_value,
        balance=exact(w.balance) * peak,
        fit=exact(w.fit) * fit,
        stability=exact(w.stability) * num_changes(problem, plan),
    )


def confidence_points(problem: Problem, plan: Plan) -> Fraction:
    """Goal weight x percentage of the fixed sampled outcomes in which the goal is reached.

    Over the goals with an uncertain project (SPEC "Uncertain impact"); a goal
    is reached in a sample when its owners' sampled contributions, in whole
    millionths of the target, add up to the target. The samples are data (the
    same fixed draws the optimizer reads); the counting is this module's own.
    """
    samples = OutcomeSamples(problem)
    if not samples.goals:
        return Fraction(0)
    projects = {p.project_id: p for p in problem.projects}
    sums: dict[str, list[int]] = {g.goal_id: [0] * samples.num_samples for g in samples.goals}
    for a in plan.assignments:
        goal_id = projects[a.project_id].goal_id
        if goal_id not in sums:
            continue
        drawn = samples.millionths(a.project_id, a.value, a.share).tolist()
        sums[goal_id] = [x + y for x, y in zip(sums[goal_id], drawn, strict=True)]
    points = Fraction(0)
    for goal in samples.goals:
        reached = sum(1 for total in sums[goal.goal_id] if total >= RESOLUTION)
        points += Fraction(goal.weight) * 100 * Fraction(reached, samples.num_samples)
    return points
