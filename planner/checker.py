"""The independent plan checker: SPEC.md's hard rules and objective, in code.

It shares no code with the optimizer (nothing from ``planner.optimizer``,
least of all its formulation of the rules) and works in exact arithmetic, so
a plan that passes it obeys the contract whatever the solver did. Every solve
goes through it. Each hard rule is one small function, listed in ``RULES``.

The rules the optimizer takes from ``planner.core`` are written here a second time, on
purpose: a pair's hours and value (an estimate first, then the share), a team's multiplier
(its own entry, then its department's), its limit and its weeks' hours, a project's window
and weeks, the objective. A mistake in the core's one writing then shows as a violation
rather than passing both; a clean-up that merges them into one would take that away.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
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
    Team,
)
from planner.core.settings import Settings, exact
from planner.core.uncertainty import RESOLUTION, OutcomeSamples


@dataclass(frozen=True)
class Violation:
    """One breach of a hard rule: its number in SPEC.md and what is wrong, in words."""

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


def _multiplier(settings: Settings, team: Team) -> Fraction:
    """SPEC's ``[capacity.multipliers]``: a department or a team id; a team's own entry
    beats its department's, and without either the team's hours stand (1)."""
    given = settings.capacity.multipliers
    if team.team_id in given:
        return exact(given[team.team_id])
    return exact(given.get(team.department, 1.0))


def _share(project: Project, department: str) -> Decimal:
    if not project.joint:
        return Decimal(1)
    return project.sales_share if department == SALES else 1 - project.sales_share


def check_plan(problem: Problem, plan: Plan) -> list[Violation]:
    """Every hard rule the plan breaks (an empty list means the plan is valid).

    The rules of SPEC.md written again from the spec alone, in exact arithmetic;
    :func:`planner.solve` passes each plan through it, so call it on a plan made or
    edited by hand.

    Parameters
    ----------
    problem
        The validated problem the plan is for.
    plan
        The plan to check (``Result.plan``, or one read from ``plan.csv``).

    Returns
    -------
    list[Violation]
        One :class:`Violation` per breach, with the rule's number in SPEC.md and what
        is wrong in words (a rule two teams break gives two); empty when the plan keeps
        every hard rule.
    """
    facts = _Facts.of(problem, plan)
    return [violation for rule in RULES for violation in rule(facts)]


@dataclass(frozen=True)
class _Facts:
    """What every rule reads: the problem, the plan, who owns what (known ids only) and
    each team's hours in each week (calendar.csv's row, else capacity_hours / weeks)."""

    problem: Problem
    plan: Plan
    teams: dict[str, Team]
    projects: dict[str, Project]
    owners: dict[str, list[str]]
    week_hours: dict[str, list[Fraction]]

    @classmethod
    def of(cls, problem: Problem, plan: Plan) -> _Facts:
        teams = {t.team_id: t for t in problem.teams}
        projects = {p.project_id: p for p in problem.projects}
        owners: dict[str, list[str]] = defaultdict(list)
        for a in plan.assignments:
            if a.project_id in projects and a.team_id in teams:
                owners[a.project_id].append(a.team_id)
        return cls(problem, plan, teams, projects, dict(owners), _week_hours(problem))

    def limit_factor(self, team_id: str) -> Fraction:
        """multiplier x max utilisation: what of a team's hours may be planned."""
        settings = self.problem.settings
        team = self.teams[team_id]
        return _multiplier(settings, team) * exact(settings.capacity.max_utilization)

    def quarter_limit(self, team_id: str) -> Fraction:
        """Rule 5's limit: the sum of the team's weeks (capacity_hours without a calendar)
        x multiplier x max utilisation."""
        return sum(self.week_hours[team_id], Fraction(0)) * self.limit_factor(team_id)

    def planned_hours(self) -> dict[str, Fraction]:
        """Team id -> the hours the plan gives it over the quarter (known teams only)."""
        hours: dict[str, Fraction] = defaultdict(Fraction)
        for a in self.plan.assignments:
            if a.team_id in self.teams:
                hours[a.team_id] += Fraction(a.effort_hours)
        return hours

    def over_quarter(self) -> set[str]:
        """Teams planned over their quarter (rule 5)."""
        return {t for t, used in self.planned_hours().items() if used > self.quarter_limit(t)}

    def window(self, project: Project) -> tuple[int, int]:
        """The (first, last) week a project may run: earliest_week (1) .. due_week (weeks)."""
        first = project.earliest_week if project.earliest_week is not None else 1
        last = (
            project.due_week
            if project.due_week is not None
            else self.problem.settings.calendar.weeks
        )
        return first, last


def _week_hours(problem: Problem) -> dict[str, list[Fraction]]:
    """Team id -> hours in each week: calendar.csv's row, else capacity_hours / weeks."""
    weeks = problem.settings.calendar.weeks
    out = {
        t.team_id: [Fraction(t.capacity_hours) / weeks for _ in range(weeks)] for t in problem.teams
    }
    for row in problem.calendar:
        if row.team_id in out:
            for week in range(row.first_week, row.last_week + 1):
                out[row.team_id][week - 1] = Fraction(row.capacity_hours)
    return out


def _known_ids(f: _Facts) -> Iterator[Violation]:
    """Rule 1: a plan assigns known projects to known teams."""
    for a in f.plan.assignments:
        if a.project_id not in f.projects:
            yield Violation(1, f"unknown project {a.project_id!r} is assigned")
        elif a.team_id not in f.teams:
            yield Violation(1, f"{a.project_id} is assigned to unknown team {a.team_id!r}")


def _reported_amounts(f: _Facts) -> Iterator[Violation]:
    """Rule 5: each assignment reports the share, hours and value the data give it."""
    estimates = {(e.project_id, e.team_id): e for e in f.problem.estimates}
    for a in f.plan.assignments:
        if a.project_id not in f.projects or a.team_id not in f.teams:
            continue
        project, team = f.projects[a.project_id], f.teams[a.team_id]
        effort, value = _quantities(estimates, project, a.team_id)
        share = _share(project, team.department)
        if (a.share, a.effort_hours, a.value) != (share, effort * share, value * share):
            yield Violation(
                5,
                f"{a.project_id}/{a.team_id} reports share {a.share}, {a.effort_hours} h and "
                f"value {a.value}; the data give {share}, {effort * share} h, {value * share}",
            )


def _listed_once(f: _Facts) -> Iterator[Violation]:
    """Rule 1: every project appears once: assigned, or listed as unassigned."""
    listed = Counter(u.project_id for u in f.plan.unassigned)
    for project_id in f.projects:
        times = listed[project_id] + (1 if project_id in f.owners else 0)
        if times != 1:
            yield Violation(1, f"{project_id} appears {times} times in the plan, not once")


def _one_owner(f: _Facts) -> Iterator[Violation]:
    """Rule 1: one owner, or one sales and one marketing team."""
    for project_id, team_ids in f.owners.items():
        project = f.projects[project_id]
        departments = sorted(f.teams[t].department for t in team_ids)
        if project.joint and departments != sorted([SALES, MARKETING]):
            yield Violation(1, f"joint {project_id} is owned by {departments}")
        if not project.joint and len(team_ids) != 1:
            yield Violation(1, f"{project_id} is owned by {len(team_ids)} teams")


def _mandatory(f: _Facts) -> Iterator[Violation]:
    """Rule 2: mandatory projects are assigned."""
    for project in f.problem.projects:
        if project.mandatory and project.project_id not in f.owners:
            yield Violation(2, f"mandatory {project.project_id} is unassigned")


def _stages(f: _Facts) -> Iterator[Violation]:
    """Rule 3: the stage policy and each team's own stages."""
    policy = f.problem.settings.stages.owners
    for project_id, team_ids in f.owners.items():
        project = f.projects[project_id]
        for team_id in team_ids:
            team = f.teams[team_id]
            if team.department not in policy.get(project.stage, ()):
                yield Violation(
                    3, f"{team_id} ({team.department}) owns {project.stage} {project_id}"
                )
            if team.stages and project.stage not in team.stages:
                yield Violation(3, f"{team_id} does not work on {project.stage}")


def _skills(f: _Facts) -> Iterator[Violation]:
    """Rule 4: skills at level; for a joint project held by at least one of its two teams."""
    for project_id, team_ids in f.owners.items():
        project = f.projects[project_id]
        groups = [team_ids] if project.joint else [[t] for t in team_ids]
        for group in groups:
            for skill, level in project.required_skills.items():
                if not any(f.teams[t].skills.get(skill, 0) >= level for t in group):
                    yield Violation(4, f"{'/'.join(group)} lack {skill} {level} for {project_id}")


def _capacity(f: _Facts) -> Iterator[Violation]:
    """Rule 5: each team's planned hours within capacity x multiplier x max utilisation."""
    for team_id, used in f.planned_hours().items():
        limit = f.quarter_limit(team_id)
        if used > limit:
            yield Violation(5, f"{team_id} is planned {float(used)} h over its {float(limit)} h")


def _max_projects(f: _Facts) -> Iterator[Violation]:
    """Rule 6: a team owns at most ``max_projects`` projects."""
    counts = Counter(a.team_id for a in f.plan.assignments if a.team_id in f.teams)
    for team_id, count in counts.items():
        team = f.teams[team_id]
        if team.max_projects is not None and count > team.max_projects:
            yield Violation(6, f"{team_id} owns {count} > {team.max_projects}")


def _pins_and_forbids(f: _Facts) -> Iterator[Violation]:
    """Rule 7: pins and forbids hold."""
    for rule in f.problem.rules:
        owned_by = f.owners.get(rule.project_id, [])
        if rule.rule == "pin" and rule.team_id not in owned_by:
            yield Violation(7, f"{rule.project_id} is pinned to {rule.team_id} but is not")
        if rule.rule == "forbid" and rule.team_id in owned_by:
            yield Violation(7, f"{rule.team_id} owns {rule.project_id}, which is forbidden")


def _dependencies(f: _Facts) -> Iterator[Violation]:
    """Rule 8: a project is assigned only with every project it depends on."""
    for project_id in f.owners:
        for needed in f.projects[project_id].depends_on:
            if needed not in f.owners:
                yield Violation(8, f"{project_id} is assigned but {needed} is not")


def _change_budget(f: _Facts) -> Iterator[Violation]:
    """Rule 9: at most ``max_changes`` baseline projects change owner."""
    baseline = f.problem.baseline
    if baseline is None or baseline.max_changes is None:
        return
    moved = num_changes(f.problem, f.plan)
    if moved > baseline.max_changes:
        yield Violation(9, f"{moved} projects change owner; budget {baseline.max_changes}")


def _runs(f: _Facts) -> dict[str, tuple[int, int]]:
    """Project id -> the (first, last) week it runs, as the plan says (its whole window
    when the plan gives no weeks: a plan from before weeks existed)."""
    runs: dict[str, tuple[int, int]] = {}
    for a in f.plan.assignments:
        project = f.projects.get(a.project_id)
        if project is None or a.team_id not in f.teams or a.project_id in runs:
            continue
        if a.start_week is None or a.end_week is None:
            runs[a.project_id] = f.window(project)
        else:
            runs[a.project_id] = (a.start_week, a.end_week)
    return runs


def _windows(f: _Facts) -> Iterator[Violation]:
    """Rule 11: inside earliest_week .. due_week, for exactly duration_weeks weeks; the
    owners of a joint project run it in the same weeks."""
    runs = _runs(f)
    for a in f.plan.assignments:
        project = f.projects.get(a.project_id)
        if project is None or a.team_id not in f.teams:
            continue
        if (a.start_week is None) != (a.end_week is None):
            yield Violation(11, f"{a.project_id}/{a.team_id} has only one of start and end")
        elif a.start_week is not None and runs[a.project_id] != (a.start_week, a.end_week):
            yield Violation(11, f"the owners of {a.project_id} run it in different weeks")
    for project_id, (start, end) in runs.items():
        project = f.projects[project_id]
        first, last = f.window(project)
        length = project.duration_weeks if project.duration_weeks is not None else last - first + 1
        if start < first or end > last:
            yield Violation(11, f"{project_id} runs weeks {start}-{end}, outside {first}-{last}")
        if end - start + 1 != length:
            yield Violation(11, f"{project_id} runs {end - start + 1} weeks, not its {length}")


def _weekly_capacity(f: _Facts) -> Iterator[Violation]:
    """Rule 10: each team's hours in each week within that week's hours x multiplier x
    max utilisation. A team already over its quarter (rule 5) is not reported week by week.

    Hours are summed per (team, run) as exact decimals first, then spread with a
    difference array of fractions: a few fractions per team, not one per project and week.
    """
    weeks = f.problem.settings.calendar.weeks
    runs = _runs(f)
    spans: dict[str, dict[tuple[int, int], Decimal]] = defaultdict(dict)
    for a in f.plan.assignments:
        if a.project_id in runs and a.team_id in f.teams:
            run = runs[a.project_id]
            spans[a.team_id][run] = spans[a.team_id].get(run, Decimal(0)) + a.effort_hours
    over = f.over_quarter()
    for team_id, by_run in spans.items():
        if team_id in over:
            continue
        change = [Fraction(0)] * (weeks + 2)
        for (start, end), hours in by_run.items():
            if start > weeks or end < max(1, start):
                continue  # outside the quarter: rule 11 says so
            per_week = Fraction(hours) / (end - start + 1)
            change[max(1, start)] += per_week
            change[min(weeks, end) + 1] -= per_week
        factor = f.limit_factor(team_id)
        used = Fraction(0)
        for week in range(1, weeks + 1):
            used += change[week]
            limit = f.week_hours[team_id][week - 1] * factor
            if used > limit:
                yield Violation(
                    10,
                    f"{team_id} is planned {float(used):.2f} h in week {week}, "
                    f"over its {float(limit):.2f} h",
                )


def _finish_to_start(f: _Facts) -> Iterator[Violation]:
    """Rule 12: when a project and its prerequisite both have a duration, it starts after
    the prerequisite has ended."""
    runs = _runs(f)
    for project_id in f.owners:
        project = f.projects[project_id]
        if project.duration_weeks is None or project_id not in runs:
            continue
        for needed in project.depends_on:
            before = f.projects.get(needed)
            if before is None or before.duration_weeks is None or needed not in runs:
                continue
            if runs[project_id][0] <= runs[needed][1]:
                yield Violation(
                    12,
                    f"{project_id} starts in week {runs[project_id][0]} but {needed} "
                    f"runs until week {runs[needed][1]}",
                )


#: SPEC.md's hard rules, one function each, in the order their violations are listed.
#: Adding a rule is one function and one line here (and the optimizer's formulation).
RULES: tuple[Callable[[_Facts], Iterable[Violation]], ...] = (
    _known_ids,  # 1
    _reported_amounts,  # 5: the plan's own figures
    _listed_once,  # 1
    _one_owner,  # 1
    _mandatory,  # 2
    _stages,  # 3
    _skills,  # 4
    _capacity,  # 5
    _max_projects,  # 6
    _pins_and_forbids,  # 7
    _dependencies,  # 8
    _change_budget,  # 9
    _weekly_capacity,  # 10
    _windows,  # 11
    _finish_to_start,  # 12
)


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
    week_hours = _week_hours(problem)
    for team_id, used in hours.items():
        team = teams[team_id]
        capacity = sum(week_hours[team_id], Fraction(0)) * _multiplier(problem.settings, team)
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
