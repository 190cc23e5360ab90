"""Generated quarters in weeks: durations, windows, finish to start and a calendar.

:func:`with_weeks` turns a generated quarter (:mod:`planner.core.generate`)
into a time-phased one (SPEC "The quarter's weeks"), keeping it feasible.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Protocol

from planner.core.domain import CalendarRow, Problem


class GeneratedProblem(Protocol):
    """A generated problem and its feasibility witness (as planner.core.generate makes)."""

    @property
    def problem(self) -> Problem: ...

    @property
    def witness(self) -> Mapping[str, tuple[str, ...]]: ...


#: Stages whose impact must land early: pipeline needs weeks to convert, deals must close.
_EARLY_DUE = {"qualification": (9, 12), "closing": (10, 12), "nurturing": (10, 13)}
#: Stages that wait for something to launch first (positioning, content, a product release).
_LATE_START = {"awareness": (1, 5), "lead_generation": (2, 6)}


def with_weeks(generated: GeneratedProblem, seed: int = 0) -> Problem:
    """The generated quarter with weeks: durations, windows and a calendar per team.

    - Projects that are not forced (mandatory, pinned or a prerequisite of
      one) get a duration long enough that one owner's weekly share is at
      most about half a team's average week, and some a window: closing and
      qualification work due by weeks 9-12, top-of-funnel work that starts
      after a launch. Existing dependencies become finish to start.
    - Every team gets a holiday week (week 8 at 60 % of its hours); one
      team in four an off-site week; one in five a hire ramping up (weeks
      1-4 at 80 %, then 110 %).
    - Forced projects keep the whole quarter, and no week drops below the
      feasibility witness's even share, so the problem stays feasible.

    Uses its own ``random.Random(seed)``: the rest of the problem is unchanged.
    """
    problem = generated.problem
    rng = random.Random(seed)
    weeks = problem.settings.calendar.weeks
    forced = set(generated.witness)
    estimates = problem.estimate_index
    witness_hours: dict[str, Decimal] = {t.team_id: Decimal(0) for t in problem.teams}
    for project_id, owners in generated.witness.items():
        project = problem.project(project_id)
        for team_id in owners:
            estimate = estimates.get((project_id, team_id))
            effort = (
                estimate.effort_hours
                if estimate is not None and estimate.effort_hours is not None
                else project.effort_hours
            )
            witness_hours[team_id] += effort * project.share(problem.team(team_id).department)
    week_avg = (
        sum((t.capacity_hours for t in problem.teams), Decimal(0)) / len(problem.teams) / weeks
    )
    projects = []
    for project in problem.projects:
        if project.project_id in forced or week_avg <= 0:
            projects.append(project)
            continue
        shortest = max(1, math.ceil(float(project.effort_hours) / (0.5 * float(week_avg))))
        if shortest > weeks:
            projects.append(project)
            continue
        duration = rng.randint(shortest, min(weeks, shortest + 4))
        earliest, due = 1, weeks
        roll = rng.random()
        if project.stage in _EARLY_DUE and roll < 0.4:
            low, high = _EARLY_DUE[project.stage]
            due = max(duration, rng.randint(low, high))
        elif project.stage in _LATE_START and roll < 0.3:
            low, high = _LATE_START[project.stage]
            earliest = min(rng.randint(low, high), weeks - duration + 1)
        projects.append(
            replace(
                project,
                duration_weeks=duration,
                earliest_week=None if earliest == 1 else earliest,
                due_week=None if due == weeks else due,
            )
        )
    calendar = []
    for index, team in enumerate(problem.teams):
        week = team.capacity_hours / weeks
        floor = _rounded_up(witness_hours[team.team_id] / weeks)
        cuts: dict[int, Decimal] = {8: week * Decimal("0.6")}
        if index % 4 == 1:
            cuts[rng.randint(3, 11)] = week / 2  # an off-site
        if index % 5 == 2:
            for w in range(1, 5):
                cuts.setdefault(w, week * Decimal("0.8"))
            for w in range(5, weeks + 1):
                cuts.setdefault(w, week * Decimal("1.1"))
        for w, hours in sorted(cuts.items()):
            calendar.append(CalendarRow(team.team_id, w, w, max(floor, _rounded_up(hours))))
    return problem.replace(projects=tuple(projects), calendar=tuple(calendar))


def _rounded_up(hours: Decimal) -> Decimal:
    """Hours rounded up to one decimal (a calendar row as a leader writes it)."""
    return Decimal(math.ceil(hours * 10)) / 10
