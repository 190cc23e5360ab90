"""The quarterly check-in: progress so far, and a re-plan that changes as little as it must.

Mid-quarter a leader records where things stand (a :class:`CheckIn`): each
project's status (not started, in progress with a share done, done, dropped),
each goal's KPI achieved so far, the weeks elapsed and, where known, the
hours each team has already used. From that:

- :func:`goal_progress` says, per goal, how far it is against its target and
  against the time elapsed (met, on track or behind);
- :func:`replan_problem` turns the quarter's problem and its baseline plan
  into the problem of *the rest of the quarter*, with the baseline attached
  (rule 9 and the ``stability`` weight) so the solver moves as few projects
  as it must;
- :func:`replan_diff` lists, project by project, what the re-plan keeps,
  moves, adds and leaves out, each with the reason in words.

How the rest of the quarter is represented (the domain insists that every
effort is > 0 and every target > 0, so nothing is modelled as "0 hours"):

done projects
    are taken out of the problem. Their hours are spent (they are inside the
    hours used, below) and their effect on the KPI is inside the KPI
    achieved, so keeping them would count both twice. A dependency on a done
    project is met. They cannot move, so they are never a change.
in-progress projects
    stay, pinned to their baseline team(s) unless the leader unlocks them,
    for what is left of them: effort and value (and every team-specific
    estimate of them) are scaled by ``1 - percent_done / 100``. The part
    done is spent and already counted in the KPI achieved, like a done
    project. An unlocked project keeps its remaining effort; handing it to
    another team is a change.
dropped projects
    are taken out. A project that has not started and depends on a dropped
    one can no longer be done and is taken out too (reported as blocked);
    one in progress keeps going without the dependency.
capacity
    each team's ``capacity_hours`` becomes what is left: capacity minus the
    team's hours used when given, else capacity times the share of the
    quarter still to come. A team's ``max_projects`` counts the quarter, so
    its done projects use up slots.
goals
    aim at what is left: ``target - achieved``, and their weight is scaled by
    the share of the target left (``weight x left / target``, to the three
    decimals a weight may have). With that scaling the re-plan's attainment
    term is the quarter's, with the KPI achieved so far counted as fixed: a
    unit of KPI earns what it earned at the start of the quarter, and a goal
    stops earning at its full target. Without it, a goal nearly met would
    earn a goal's full points for its last few percent and pull capacity
    away from goals that are behind. A goal already met is
    dropped from the re-plan (a tiny positive target instead would let one
    project "reach 100 %" and pull capacity towards a goal that needs
    nothing), and its projects lose their goal so they no longer score
    attainment (they still count as ``value`` points).
"""

from __future__ import annotations

import enum
import math
import tomllib
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from planner.core.domain import (
    Baseline,
    Estimate,
    Goal,
    Plan,
    Problem,
    Project,
    Rule,
    RuleKind,
    Team,
)
from planner.core.errors import InputIssue, InvalidInputError
from planner.optimizer.eligibility import exclusion

#: A quarter is thirteen weeks unless the check-in says otherwise.
QUARTER_WEEKS = Decimal(13)
#: Hours, values and targets keep the three decimals the data folder allows.
_PLACES = Decimal("0.001")
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
CHECKIN_FILE = "check-in"


class ProjectStatus(enum.StrEnum):
    """Where a project stands at the check-in."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class ProjectProgress:
    """One project's status; ``percent_done`` (0 to under 100) only when in progress."""

    status: ProjectStatus = ProjectStatus.NOT_STARTED
    percent_done: Decimal = _ZERO

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", ProjectStatus(self.status))
        object.__setattr__(self, "percent_done", Decimal(self.percent_done))
        if not _ZERO <= self.percent_done < _HUNDRED:
            raise ValueError("percent done must be at least 0 and under 100 (100 % is done)")
        if self.percent_done and self.status is not ProjectStatus.IN_PROGRESS:
            raise ValueError("only a project in progress has a percent done")

    @property
    def remaining(self) -> Decimal:
        """The share of the project's work still to do (1 when not started)."""
        return 1 - self.percent_done / _HUNDRED


@dataclass(frozen=True)
class CheckIn:
    """Progress recorded mid-quarter.

    ``projects`` maps a project id to its progress (absent = not started);
    ``achieved`` a goal id to the KPI reached so far (absent = 0);
    ``hours_used`` a team id to the hours it has spent on planned projects
    (absent = its capacity times the share of the quarter elapsed).
    """

    weeks_elapsed: Decimal = _ZERO
    quarter_weeks: Decimal = QUARTER_WEEKS
    projects: Mapping[str, ProjectProgress] = field(default_factory=dict)
    achieved: Mapping[str, Decimal] = field(default_factory=dict)
    hours_used: Mapping[str, Decimal] = field(default_factory=dict)
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "weeks_elapsed", Decimal(self.weeks_elapsed))
        object.__setattr__(self, "quarter_weeks", Decimal(self.quarter_weeks))
        object.__setattr__(self, "projects", dict(self.projects))
        object.__setattr__(self, "achieved", {k: Decimal(v) for k, v in self.achieved.items()})
        object.__setattr__(self, "hours_used", {k: Decimal(v) for k, v in self.hours_used.items()})
        if not self.quarter_weeks > 0:
            raise ValueError("the quarter must last more than 0 weeks")
        if not _ZERO <= self.weeks_elapsed <= self.quarter_weeks:
            raise ValueError(f"weeks elapsed must be between 0 and {self.quarter_weeks}")
        if any(v < 0 for v in self.achieved.values()):
            raise ValueError("a KPI achieved is at least 0")
        if any(v < 0 for v in self.hours_used.values()):
            raise ValueError("hours used are at least 0")

    @property
    def elapsed_share(self) -> Fraction:
        """The share of the quarter that is over (0 to 1)."""
        return Fraction(self.weeks_elapsed) / Fraction(self.quarter_weeks)

    def progress(self, project_id: str) -> ProjectProgress:
        """The project's recorded progress (not started when absent)."""
        return self.projects.get(project_id, ProjectProgress())

    def with_status(
        self, project_id: str, status: ProjectStatus | str, percent: float = 0
    ) -> CheckIn:
        """A copy with one project's progress recorded."""
        updated = dict(self.projects)
        updated[project_id] = ProjectProgress(ProjectStatus(status), Decimal(str(percent)))
        return replace(self, projects=updated)

    def ids_with(self, *statuses: ProjectStatus) -> frozenset[str]:
        """The ids of the projects recorded with one of ``statuses``."""
        return frozenset(p for p, s in self.projects.items() if s.status in statuses)


def checkin_as_planned(
    problem: Problem,
    plan: Plan,
    weeks_elapsed: Decimal | float,
    quarter_weeks: Decimal | float = QUARTER_WEEKS,
) -> CheckIn:
    """The check-in that would be recorded if everything had gone to plan.

    Each team spends its capacity evenly over the quarter and works through
    its projects in funnel order (then by id). A joint project is as far as
    the faster of its two teams and percentages round up, so no team is left
    with more work than time: re-planning this check-in keeps the plan. Every
    goal has achieved its target times the share of the quarter elapsed. It
    is a starting point for recording the real check-in: a leader changes
    only what differs.
    """
    weeks = Decimal(str(weeks_elapsed))
    quarter = Decimal(str(quarter_weeks))
    share = Fraction(weeks) / Fraction(quarter)
    stage_rank = {s: i for i, s in enumerate(problem.settings.stages.order)}
    by_team: dict[str, list[tuple[int, str, Decimal]]] = defaultdict(list)
    for a in plan.assignments:
        stage = problem.project(a.project_id).stage
        by_team[a.team_id].append((stage_rank.get(stage, 0), a.project_id, a.effort_hours))
    done_share: dict[str, Fraction] = {}
    for team_id, items in by_team.items():
        spent = Fraction(problem.team(team_id).capacity_hours) * share
        start = Fraction(0)
        for _, project_id, hours in sorted(items):
            part = min(Fraction(1), max(Fraction(0), (spent - start) / Fraction(hours)))
            done_share[project_id] = max(done_share.get(project_id, Fraction(0)), part)
            start += Fraction(hours)
    projects = {}
    for project_id in (p.project_id for p in problem.projects if p.project_id in done_share):
        part = done_share[project_id]
        if part >= 1:
            projects[project_id] = ProjectProgress(ProjectStatus.DONE)
        elif part > 0:
            percent = min(Decimal(99), Decimal(math.ceil(100 * part)))
            projects[project_id] = ProjectProgress(ProjectStatus.IN_PROGRESS, percent)
    achieved = {
        # Rounded up, so that a goal exactly on pace never reads as behind.
        g.goal_id: _decimal(Fraction(g.target) * share, ROUND_UP)
        for g in problem.goals
    }
    return CheckIn(weeks, quarter, projects, achieved)


def _decimal(amount: Fraction, rounding: str) -> Decimal:
    """A fraction as a decimal with the data folder's three places."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(
        _PLACES, rounding=rounding
    )


# ---------------------------------------------------------------------------
# Progress against target and time
# ---------------------------------------------------------------------------


class Pace(enum.StrEnum):
    """A goal's progress against the time elapsed."""

    MET = "met"
    ON_TRACK = "on track"
    BEHIND = "behind"


@dataclass(frozen=True)
class GoalProgress:
    """One goal at the check-in.

    ``expected`` is where a goal on a straight line from 0 to its target
    would be now (target x share of the quarter elapsed). A goal is *behind*
    when it has achieved less than that, *met* when it has reached its target.
    """

    goal_id: str
    name: str
    kpi: str
    target: Decimal
    achieved: Decimal
    expected: Fraction
    pace: Pace

    @property
    def percent_of_target(self) -> float:
        return float(100 * Fraction(self.achieved) / Fraction(self.target))

    @property
    def percent_expected(self) -> float:
        """The share of the quarter elapsed, in percent: where the goal should be."""
        return float(100 * self.expected / Fraction(self.target))

    @property
    def remaining(self) -> Decimal:
        """What is left of the target (0 when met)."""
        return max(self.target - self.achieved, _ZERO)


def goal_progress(problem: Problem, checkin: CheckIn) -> tuple[GoalProgress, ...]:
    """Each goal's KPI achieved against its target and against the time elapsed."""
    out = []
    for goal in problem.goals:
        achieved = checkin.achieved.get(goal.goal_id, _ZERO)
        expected = Fraction(goal.target) * checkin.elapsed_share
        if achieved >= goal.target:
            pace = Pace.MET
        elif Fraction(achieved) >= expected:
            pace = Pace.ON_TRACK
        else:
            pace = Pace.BEHIND
        out.append(
            GoalProgress(goal.goal_id, goal.name, goal.kpi, goal.target, achieved, expected, pace)
        )
    return tuple(out)


def planned_value(problem: Problem, plan: Plan) -> dict[str, Decimal]:
    """Goal id -> the value the plan's assigned projects add to it (by ``problem``'s goals)."""
    totals: dict[str, Decimal] = defaultdict(lambda: _ZERO)
    for a in plan.assignments:
        project = problem.project_index.get(a.project_id)
        if project is not None and project.goal_id is not None:
            totals[project.goal_id] += a.value
    return dict(totals)


def planned_attainment(problem: Problem, plan: Plan) -> dict[str, Fraction]:
    """Goal id -> percent of its target the plan reaches, capped at 100 as in the objective."""
    values = planned_value(problem, plan)
    return {
        g.goal_id: min(
            Fraction(100), 100 * Fraction(values.get(g.goal_id, _ZERO)) / Fraction(g.target)
        )
        for g in problem.goals
    }


def projected_attainment(problem: Problem, checkin: CheckIn, plan: Plan) -> dict[str, float]:
    """Goal id -> percent of the quarter's target reached at its end: achieved so far + plan.

    ``problem`` is the quarter's problem (its goals and their full targets);
    ``plan`` is a plan for the rest of the quarter, such as a re-plan or
    :func:`carried_baseline`, whose values are what is still to come. Not
    capped, so overshooting shows.
    """
    values = planned_value(problem, plan)
    return {
        g.goal_id: float(
            100
            * (
                Fraction(checkin.achieved.get(g.goal_id, _ZERO))
                + Fraction(values.get(g.goal_id, _ZERO))
            )
            / Fraction(g.target)
        )
        for g in problem.goals
    }


# ---------------------------------------------------------------------------
# The re-plan problem
# ---------------------------------------------------------------------------


def checkin_issues(problem: Problem, baseline_plan: Plan, checkin: CheckIn) -> list[InputIssue]:
    """Every way the check-in does not fit the problem and its baseline plan."""
    issues = []

    def issue(column: str, message: str, fix: str) -> None:
        issues.append(InputIssue(CHECKIN_FILE, None, column, message, fix))

    owners = baseline_plan.owners()
    for project_id, progress in checkin.projects.items():
        if project_id not in problem.project_index:
            issue(project_id, f"project '{project_id}' is not in the inputs.", "Remove it.")
        elif progress.status is ProjectStatus.IN_PROGRESS and project_id not in owners:
            issue(
                project_id,
                f"project '{project_id}' is in progress but the baseline plan gives it no team.",
                "Mark it not started, or re-plan from a baseline that assigns it.",
            )
    for goal_id in checkin.achieved:
        if goal_id not in problem.goal_index:
            issue(goal_id, f"goal '{goal_id}' is not in the inputs.", "Remove it.")
    for team_id in checkin.hours_used:
        if team_id not in problem.team_index:
            issue(team_id, f"team '{team_id}' is not in the inputs.", "Remove it.")
    for project_id, teams in owners.items():
        unknown = sorted(t for t in teams if t not in problem.team_index)
        if project_id in problem.project_index and unknown:
            issue(
                project_id,
                f"the baseline plan gives '{project_id}' to unknown team(s) {', '.join(unknown)}.",
                "Use a baseline plan made from these inputs.",
            )
    return issues


def removed_projects(problem: Problem, checkin: CheckIn) -> dict[str, str]:
    """Project id -> why the re-plan leaves it out: done, dropped, or blocked by a dropped one."""
    removed = {p: "done" for p in checkin.ids_with(ProjectStatus.DONE)}
    removed.update({p: "dropped" for p in checkin.ids_with(ProjectStatus.DROPPED)})
    dropped = set(checkin.ids_with(ProjectStatus.DROPPED))
    changed = True
    while changed:  # a project blocked by a blocked project is blocked too
        changed = False
        for project in problem.projects:
            pid = project.project_id
            if pid in removed or checkin.progress(pid).status is not ProjectStatus.NOT_STARTED:
                continue
            blocker = next((d for d in project.depends_on if d in dropped), None)
            if blocker is not None:
                removed[pid] = f"blocked: it depends on '{blocker}', which was dropped"
                dropped.add(pid)
                changed = True
    return {p: r for p, r in removed.items() if p in problem.project_index}


def remaining_capacity(team: Team, checkin: CheckIn) -> Decimal:
    """Hours the team has left: capacity minus hours used, or the share of time left."""
    if team.team_id in checkin.hours_used:
        left = Fraction(team.capacity_hours - checkin.hours_used[team.team_id])
    else:
        left = Fraction(team.capacity_hours) * (1 - checkin.elapsed_share)
    return _decimal(left, ROUND_DOWN) if left > 0 else _ZERO


def replan_problem(
    problem: Problem,
    baseline_plan: Plan,
    checkin: CheckIn,
    *,
    max_changes: int | None,
    stability_weight: float,
    unlocked: Collection[str] = (),
) -> Problem:
    """The problem of the rest of the quarter, with the baseline plan attached.

    Parameters
    ----------
    problem
        The quarter's problem that ``baseline_plan`` was made for.
    baseline_plan
        The plan the teams have been working to.
    checkin
        Progress so far (see the module docstring for how each part is used).
    max_changes
        Rule 9: at most this many baseline projects still in the re-plan may
        change owner (``None``: no hard budget).
    stability_weight
        The ``stability`` weight: objective points lost per project moved.
    unlocked
        In-progress projects the leader lets the re-plan hand to another team.

    Returns
    -------
    Problem
        Done, dropped and blocked projects removed; in-progress ones pinned
        (unless unlocked) with their remaining effort and value; capacity
        and ``max_projects`` reduced to what is left; goals aiming at what is
        left of their targets, met goals removed; the baseline's owners with
        the change budget; the ``stability`` weight set.

    Raises
    ------
    InvalidInputError
        When the check-in names projects, goals or teams the problem lacks,
        or a project in progress that the baseline did not assign.
    """
    issues = checkin_issues(problem, baseline_plan, checkin)
    if issues:
        raise InvalidInputError(issues)
    removed = removed_projects(problem, checkin)
    owners = {p: t for p, t in baseline_plan.owners().items() if p in problem.project_index}
    progress = {g.goal_id: g for g in goal_progress(problem, checkin)}
    met = {g for g, p in progress.items() if p.pace is Pace.MET}

    projects = tuple(
        _remaining_project(p, checkin, removed, met)
        for p in problem.projects
        if p.project_id not in removed
    )
    estimates = tuple(
        _remaining_estimate(e, checkin) for e in problem.estimates if e.project_id not in removed
    )
    rules = [r for r in problem.rules if r.project_id not in removed]
    in_progress = checkin.ids_with(ProjectStatus.IN_PROGRESS) - set(unlocked)
    pinned = {(r.project_id, r.team_id) for r in rules if r.rule is RuleKind.PIN}
    for project_id in sorted(in_progress):
        for team_id in sorted(owners.get(project_id, ())):
            if (project_id, team_id) not in pinned:
                rules.append(Rule(project_id, team_id, RuleKind.PIN))

    done_by_team: dict[str, int] = defaultdict(int)
    for project_id, why in removed.items():
        if why == "done":
            for team_id in owners.get(project_id, ()):
                done_by_team[team_id] += 1
    teams = []
    for team in problem.teams:
        slots = team.max_projects
        if slots is not None and done_by_team[team.team_id]:
            slots -= done_by_team[team.team_id]
            if slots < 1:  # max_projects cannot be 0: forbid every project it does not keep
                rules += [
                    Rule(p.project_id, team.team_id, RuleKind.FORBID)
                    for p in projects
                    if (p.project_id, team.team_id) not in pinned
                    and not (p.project_id in in_progress and team.team_id in owners[p.project_id])
                ]
                slots = None
        teams.append(
            replace(team, capacity_hours=remaining_capacity(team, checkin), max_projects=slots)
        )

    goals = tuple(
        _remaining_goal(g, progress[g.goal_id].achieved)
        for g in problem.goals
        if g.goal_id not in met
    )
    settings = problem.settings.with_changes(
        weights=replace(problem.settings.weights, stability=float(stability_weight))
    )
    baseline = Baseline(
        {p: t for p, t in owners.items() if p not in removed}, max_changes=max_changes
    )
    return problem.replace(
        teams=tuple(teams),
        projects=projects,
        goals=goals,
        estimates=estimates,
        rules=tuple(rules),
        settings=settings,
        baseline=baseline,
    )


def _remaining_goal(goal: Goal, achieved: Decimal) -> Goal:
    """The goal of what is left: the rest of its target, its weight scaled to match.

    Scaling the weight by the share of the target left keeps a unit of the KPI
    worth what it was worth at the start of the quarter, and the goal's points
    capped where the whole target is reached.
    """
    left = goal.target - achieved
    weight = (goal.weight * left / goal.target).quantize(_PLACES, rounding=ROUND_HALF_UP)
    return replace(goal, target=left, weight=max(weight, _PLACES))


def _scaled(amount: Decimal, share: Decimal, *, effort: bool) -> Decimal:
    """``amount x share`` to three places: effort rounds down (and stays > 0), value evenly.

    Rounding the remaining effort down (by under a thousandth of an hour)
    means a team whose remaining work exactly fills its remaining capacity
    is never pushed over it by rounding.
    """
    if effort:
        return max((amount * share).quantize(_PLACES, rounding=ROUND_DOWN), _PLACES)
    return (amount * share).quantize(_PLACES, rounding=ROUND_HALF_UP)


def _remaining_project(
    project: Project, checkin: CheckIn, removed: Mapping[str, str], met: Collection[str]
) -> Project:
    changes: dict[str, Any] = {}
    progress = checkin.progress(project.project_id)
    if progress.status is ProjectStatus.IN_PROGRESS and progress.percent_done:
        changes["effort_hours"] = _scaled(project.effort_hours, progress.remaining, effort=True)
        changes["value"] = _scaled(project.value, progress.remaining, effort=False)
    if any(d in removed for d in project.depends_on):
        changes["depends_on"] = tuple(d for d in project.depends_on if d not in removed)
    if project.goal_id in met:
        changes["goal_id"] = None
    return replace(project, **changes) if changes else project


def _remaining_estimate(estimate: Estimate, checkin: CheckIn) -> Estimate:
    progress = checkin.progress(estimate.project_id)
    if progress.status is not ProjectStatus.IN_PROGRESS or not progress.percent_done:
        return estimate
    share = progress.remaining
    return replace(
        estimate,
        effort_hours=None
        if estimate.effort_hours is None
        else _scaled(estimate.effort_hours, share, effort=True),
        value=None if estimate.value is None else _scaled(estimate.value, share, effort=False),
    )


def carried_baseline(problem: Problem, baseline_plan: Plan) -> Plan:
    """The baseline's owners for the projects still in ``problem``, at their remaining size.

    This is "change nothing" in the re-plan problem: compare a re-plan with
    it (e.g. with :func:`planned_attainment`). It may break a rule that the
    check-in made binding, such as the reduced capacity.
    """
    from planner.core.domain import Assignment
    from planner.optimizer.eligibility import pair_amounts

    assignments = []
    owners = baseline_plan.owners()
    for project in problem.projects:
        for team_id in sorted(owners.get(project.project_id, ())):
            if team_id not in problem.team_index:
                continue
            team = problem.team(team_id)
            effort, value = pair_amounts(problem, project, team)
            share = project.share(team.department)
            assignments.append(
                Assignment(project.project_id, team_id, share, effort * share, value * share)
            )
    return Plan(tuple(assignments))


def fewest_changes(problem: Problem, *, time_limit_s: float | None = None) -> int | None:
    """The fewest baseline projects that must change owner for a plan to exist.

    When a re-plan with a change budget is infeasible, this says how large a
    budget would do. It solves ``problem`` with no budget and only the
    ``stability`` term in the objective. ``None`` when no plan exists at all
    (or none is found in time); without a baseline, 0. If the solve stops at
    its time limit before proving the minimum, the number is an upper bound.
    """
    from planner.checker import num_changes
    from planner.core.settings import Weights
    from planner.solving.solver import solve

    if problem.baseline is None:
        return 0
    relaxed = problem.replace(
        baseline=Baseline(problem.baseline.owners, max_changes=None),
        settings=problem.settings.with_changes(
            weights=Weights(attainment=0, value=0, balance=0, fit=0, stability=1)
        ),
    )
    result = solve(relaxed, time_limit_s=time_limit_s)
    if result.plan is None:
        return None
    return num_changes(relaxed, result.plan)


# ---------------------------------------------------------------------------
# What the re-plan changed
# ---------------------------------------------------------------------------


class ChangeKind(enum.StrEnum):
    """What happened to one project between the baseline and the re-plan."""

    KEPT = "kept"
    MOVED = "moved"
    LEFT_OUT = "left out"  # the baseline assigned it; the re-plan does not
    ADDED = "added"  # the baseline left it out; the re-plan assigns it
    DONE = "done"
    DROPPED = "dropped"  # dropped (or blocked) at the check-in

    @property
    def counts_as_change(self) -> bool:
        """Rule 9 counts moved and left-out baseline projects."""
        return self in (ChangeKind.MOVED, ChangeKind.LEFT_OUT)


@dataclass(frozen=True)
class ProjectChange:
    """One project's fate in the re-plan, with the reason in words."""

    project_id: str
    name: str
    kind: ChangeKind
    before: tuple[str, ...]
    after: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class ReplanDiff:
    """The re-plan against its baseline, project by project."""

    changes: tuple[ProjectChange, ...]

    @property
    def num_changes(self) -> int:
        """Baseline projects whose owners changed (what rule 9 bounds)."""
        return sum(1 for c in self.changes if c.kind.counts_as_change)

    def of_kind(self, *kinds: ChangeKind) -> tuple[ProjectChange, ...]:
        return tuple(c for c in self.changes if c.kind in kinds)


def replan_diff(
    problem: Problem,
    baseline_plan: Plan,
    new_plan: Plan,
    *,
    checkin: CheckIn | None = None,
    original: Problem | None = None,
) -> ReplanDiff:
    """Who moved, who was added and who was left out, and why.

    Parameters
    ----------
    problem
        The re-plan problem that ``new_plan`` solves (from :func:`replan_problem`).
    baseline_plan, new_plan
        The plan before and after the check-in.
    checkin
        When given, baseline projects missing from ``problem`` are reported
        as done or dropped with their reason, and added projects say how
        their goal is doing.
    original
        The quarter's problem, for the names and goals of projects the
        re-plan left out of ``problem``.
    """
    before = baseline_plan.owners()
    after = new_plan.owners()
    left_out = {u.project_id: u.reason for u in new_plan.unassigned}
    removed = removed_projects(original, checkin) if original and checkin else {}
    paces = {g.goal_id: g for g in goal_progress(original, checkin)} if original and checkin else {}
    gained = _gained_by_team(before, after)
    changes = []

    def name_of(project_id: str) -> str:
        for source in (problem, original):
            if source is not None and project_id in source.project_index:
                return source.project(project_id).name
        return project_id

    def team_names(team_ids: Iterable[str]) -> str:
        return " + ".join(
            problem.team(t).name if t in problem.team_index else t for t in sorted(team_ids)
        )

    for project_id in _ordered_ids(problem, original, before, after):
        old = before.get(project_id, frozenset())
        new = after.get(project_id, frozenset())
        row = (project_id, name_of(project_id))
        if project_id not in problem.project_index:
            if not old:
                continue
            why = removed.get(project_id, "no longer in the inputs")
            kind = ChangeKind.DONE if why == "done" else ChangeKind.DROPPED
            reason = (
                f"done: it stays with {team_names(old)}; its hours are spent"
                if kind is ChangeKind.DONE
                else f"{why} at the check-in"
            )
            changes.append(ProjectChange(*row, kind, _t(old), (), reason))
        elif old == new and old:
            changes.append(ProjectChange(*row, ChangeKind.KEPT, _t(old), _t(new)))
        elif old and new:
            reason = _moved_reason(problem, project_id, old, new, gained, team_names)
            changes.append(ProjectChange(*row, ChangeKind.MOVED, _t(old), _t(new), reason))
        elif old:
            reason = _left_out_reason(problem, project_id, old, gained, left_out, paces, original)
            changes.append(ProjectChange(*row, ChangeKind.LEFT_OUT, _t(old), (), reason))
        elif new:
            reason = _added_reason(problem, project_id, new, paces, team_names)
            changes.append(ProjectChange(*row, ChangeKind.ADDED, (), _t(new), reason))
    return ReplanDiff(tuple(changes))


def _t(teams: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(teams))


def _ordered_ids(
    problem: Problem,
    original: Problem | None,
    before: Mapping[str, frozenset[str]],
    after: Mapping[str, frozenset[str]],
) -> list[str]:
    ids = [p.project_id for p in (original or problem).projects]
    ids += [p.project_id for p in problem.projects]
    ids += sorted(before) + sorted(after)
    return list(dict.fromkeys(ids))


def _gained_by_team(
    before: Mapping[str, frozenset[str]], after: Mapping[str, frozenset[str]]
) -> dict[str, list[str]]:
    """Team id -> projects it owns after the re-plan and did not before."""
    gained: dict[str, list[str]] = defaultdict(list)
    for project_id, teams in after.items():
        for team_id in sorted(teams - before.get(project_id, frozenset())):
            gained[team_id].append(project_id)
    return gained


def _moved_reason(
    problem: Problem,
    project_id: str,
    old: frozenset[str],
    new: frozenset[str],
    gained: Mapping[str, list[str]],
    team_names: Any,
) -> str:
    project = problem.project(project_id)
    text = f"from {team_names(old - new)} to {team_names(new - old)}"
    for team_id in sorted(old - new):
        if team_id not in problem.team_index:
            continue
        why_not = exclusion(problem, project, problem.team(team_id))
        if why_not is not None:
            return f"{text}: {problem.team(team_id).name} can no longer take it ({why_not})"
    taken = [p for t in sorted(old - new) for p in gained.get(t, ()) if p != project_id]
    if taken:
        names = ", ".join(f"'{problem.project(p).name}'" for p in taken)
        return f"{text}, which frees {team_names(old - new)} for {names}"
    return f"{text}: the re-plan scores higher this way (goals, fit or balance)"


def _left_out_reason(
    problem: Problem,
    project_id: str,
    old: frozenset[str],
    gained: Mapping[str, list[str]],
    left_out: Mapping[str, str],
    paces: Mapping[str, GoalProgress],
    original: Problem | None,
) -> str:
    parts = []
    goal_id = original.project(project_id).goal_id if original is not None else None
    if goal_id is not None and goal_id in paces and paces[goal_id].pace is Pace.MET:
        parts.append(f"its goal '{paces[goal_id].name}' is already met")
    taken = [p for t in sorted(old) for p in gained.get(t, ())]
    if taken:
        names = ", ".join(f"'{problem.project(p).name}'" for p in dict.fromkeys(taken))
        parts.append(f"it makes room for {names}")
    if left_out.get(project_id):
        parts.append(left_out[project_id])
    return "; ".join(parts)


def _added_reason(
    problem: Problem,
    project_id: str,
    new: frozenset[str],
    paces: Mapping[str, GoalProgress],
    team_names: Any,
) -> str:
    project = problem.project(project_id)
    text = f"{team_names(new)} takes it"
    goal_id = project.goal_id
    if goal_id is None or goal_id not in problem.goal_index:
        return text
    goal = problem.goal_index[goal_id]
    share = 100 * Fraction(project.value) / Fraction(goal.target)
    text += f": it adds {float(share):.0f} % of what is left of '{goal.name}'"
    pace = paces.get(goal_id)
    if pace is not None and pace.pace is Pace.BEHIND:
        text += (
            f", which is behind ({pace.percent_of_target:.0f} % of target with "
            f"{pace.percent_expected:.0f} % of the quarter gone)"
        )
    return text


# ---------------------------------------------------------------------------
# A check-in as TOML (the command line and saved scenarios)
# ---------------------------------------------------------------------------


def checkin_to_toml(checkin: CheckIn) -> str:
    """TOML text that :func:`parse_checkin` reads back to an equal check-in."""
    lines = [
        f"weeks_elapsed = {_number(checkin.weeks_elapsed)}",
        f"quarter_weeks = {_number(checkin.quarter_weeks)}",
        f"note = {_string(checkin.note)}",
        "",
        "[projects]",
    ]
    for project_id, progress in checkin.projects.items():
        if progress.status is ProjectStatus.IN_PROGRESS:
            lines.append(
                f"{_string(project_id)} = {{ status = {_string(progress.status.value)}, "
                f"percent_done = {_number(progress.percent_done)} }}"
            )
        else:
            lines.append(f"{_string(project_id)} = {_string(progress.status.value)}")
    lines += ["", "[achieved]"]
    lines += [f"{_string(k)} = {_number(v)}" for k, v in checkin.achieved.items()]
    lines += ["", "[hours_used]"]
    lines += [f"{_string(k)} = {_number(v)}" for k, v in checkin.hours_used.items()]
    return "\n".join(lines) + "\n"


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _number(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return text if "." in text else text + ".0"


def parse_checkin(text: str, file: str = "checkin.toml") -> CheckIn:
    """Read a check-in from TOML text; every problem is reported at once.

    The file has ``weeks_elapsed``, ``quarter_weeks`` (default 13) and
    ``note`` at the top, then tables ``[projects]`` (id = status, or
    ``{ status = "in_progress", percent_done = 40 }``), ``[achieved]``
    (goal id = KPI so far) and ``[hours_used]`` (team id = hours).

    Raises
    ------
    InvalidInputError
        Naming every bad key.
    """
    try:
        data = tomllib.loads(text.lstrip("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(
            [InputIssue(file, None, None, f"not valid TOML ({exc}).", "Check the quoting.")]
        ) from None
    issues: list[InputIssue] = []

    def problem(key: str, message: str, fix: str) -> None:
        issues.append(InputIssue(file, None, key, message, fix))

    known = {"weeks_elapsed", "quarter_weeks", "note", "projects", "achieved", "hours_used"}
    for key in sorted(set(data) - known):
        problem(key, f"unknown key '{key}'.", f"Use only {', '.join(sorted(known))}.")

    def amount(value: object, key: str) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            problem(key, f"'{value}' is not a number.", "Write a plain number, e.g. 6.5.")
            return None
        return Decimal(value)

    weeks = amount(data.get("weeks_elapsed", 0), "weeks_elapsed")
    quarter = amount(data.get("quarter_weeks", QUARTER_WEEKS), "quarter_weeks")
    note = data.get("note", "")
    if not isinstance(note, str):
        problem("note", "the note must be text.", 'Quote it: note = "..."')
        note = ""

    def table(key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            problem(key, f"[{key}] must be a table.", f"Write it as a [{key}] section.")
            return {}
        return value

    projects: dict[str, ProjectProgress] = {}
    for project_id, raw in table("projects").items():
        key = f"projects.{project_id}"
        if isinstance(raw, dict):
            status, percent = raw.get("status"), raw.get("percent_done", 0)
        else:
            status, percent = raw, 0
        try:
            projects[project_id.strip()] = ProjectProgress(
                ProjectStatus(str(status)), Decimal(percent)
            )
        except (ValueError, TypeError, InvalidOperation) as exc:
            statuses = ", ".join(s.value for s in ProjectStatus)
            problem(key, f"{raw!r} is not a project status ({exc}).", f"Use one of {statuses}.")
    achieved = {
        k.strip(): v
        for k, raw in table("achieved").items()
        if (v := amount(raw, f"achieved.{k}")) is not None
    }
    hours = {
        k.strip(): v
        for k, raw in table("hours_used").items()
        if (v := amount(raw, f"hours_used.{k}")) is not None
    }
    if issues or weeks is None or quarter is None:
        raise InvalidInputError(issues)
    try:
        return CheckIn(weeks, quarter, projects, achieved, hours, note)
    except ValueError as exc:
        raise InvalidInputError(
            [InputIssue(file, None, None, f"{exc}.", "Correct the numbers.")]
        ) from None


# ---------------------------------------------------------------------------
# A check-in in a saved scenario's note
# ---------------------------------------------------------------------------

#: The line after which a saved re-plan's note carries its check-in as TOML.
NOTE_MARKER = "--- check-in (TOML) ---"


def describe_checkin(problem: Problem, checkin: CheckIn) -> str:
    """The check-in in one sentence a leader reads in a scenario list."""
    counts = {
        s: len(checkin.ids_with(s))
        for s in (ProjectStatus.DONE, ProjectStatus.IN_PROGRESS, ProjectStatus.DROPPED)
    }
    behind = [g for g in goal_progress(problem, checkin) if g.pace is Pace.BEHIND]
    text = (
        f"Check-in at week {_number(checkin.weeks_elapsed).removesuffix('.0')} of "
        f"{_number(checkin.quarter_weeks).removesuffix('.0')}: "
        f"{counts[ProjectStatus.DONE]} done, {counts[ProjectStatus.IN_PROGRESS]} in progress, "
        f"{counts[ProjectStatus.DROPPED]} dropped."
    )
    if behind:
        text += " Behind: " + "; ".join(
            f"{g.name} ({g.percent_of_target:.0f} % with {g.percent_expected:.0f} % of the "
            "quarter gone)"
            for g in behind
        )
        text += "."
    return text


def checkin_note(problem: Problem, checkin: CheckIn, note: str = "") -> str:
    """A saved re-plan's note: the leader's note, the check-in in words, then as TOML.

    :func:`checkin_from_note` reads the check-in back.
    """
    head = "\n\n".join(part for part in (note.strip(), describe_checkin(problem, checkin)) if part)
    return f"{head}\n\n{NOTE_MARKER}\n{checkin_to_toml(checkin)}"


def checkin_from_note(note: str) -> CheckIn | None:
    """The check-in a note written by :func:`checkin_note` carries (``None`` if none)."""
    _, marker, toml_text = note.partition(NOTE_MARKER)
    if not marker:
        return None
    try:
        return parse_checkin(toml_text, "note")
    except InvalidInputError:
        return None
