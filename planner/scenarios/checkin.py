"""The quarterly check-in: progress so far, and a re-plan that changes as little as it must.

Mid-quarter a leader records where things stand (a :class:`CheckIn`): each
project's status (not started, in progress with a share done, done, dropped),
each goal's KPI achieved so far, the weeks elapsed and, where known, the
hours each team has already used. From that:

- :func:`goal_progress` says, per goal, how far it is against its target and
  against the time elapsed (met, on track or behind);
- :mod:`planner.scenarios.replan` turns the quarter's problem and its
  baseline plan into the problem of *the rest of the quarter* and lists what
  the re-plan changed;
- :mod:`planner.scenarios.checkin_toml` writes and reads a check-in as TOML.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_UP, Decimal
from fractions import Fraction

from planner.core.domain import Plan, Problem

#: A quarter is thirteen weeks unless the check-in says otherwise.
QUARTER_WEEKS = Decimal(13)
#: Hours, values and targets keep the three decimals the data folder allows.
PLACES = Decimal("0.001")
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
        g.goal_id: to_places(Fraction(g.target) * share, ROUND_UP)
        for g in problem.goals
    }
    return CheckIn(weeks, quarter, projects, achieved)


def to_places(amount: Fraction, rounding: str) -> Decimal:
    """A fraction as a decimal with the data folder's three places."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(
        PLACES, rounding=rounding
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
