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

from planner.core.domain import CalendarRow, Problem, Project


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
    - Every finish-to-start chain fits its windows (:func:`_chains_fit`): a
      project that could end only after its due week, once its prerequisites
      have run, is due later, and one whose chain overruns the quarter is
      shortened, as a leader planning a real quarter would write it.

    Uses its own ``random.Random(seed)``: the rest of the problem is unchanged.
    """
    problem = generated.problem
    rng = random.Random(seed)
    weeks = problem.settings.calendar.weeks
    forced = set(generated.witness)
    witness_hours: dict[str, Decimal] = {t.team_id: Decimal(0) for t in problem.teams}
    for project_id, owners in generated.witness.items():
        project = problem.project(project_id)
        for team_id in owners:
            effort, _ = problem.pair_amounts(project, team_id)
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
    projects = _chains_fit(projects, weeks, float(week_avg))
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


def _chains_fit(projects: list[Project], weeks: int, week_avg: float) -> list[Project]:
    """The projects with every finish-to-start chain inside its windows (rule 12 can hold).

    In dependency order, a project's earliest start is after its prerequisites'
    earliest ends. When it would then end after its due week, the due week
    moves later (to the quarter's end at most); when it would end after the
    quarter, its duration shrinks to the weeks left, as long as its weekly
    share stays within half an average week (as :func:`with_weeks` sizes
    durations); otherwise it runs the whole quarter beside its prerequisites
    (no duration, so no sequence applies). Without this, a few projects
    of each generated quarter could never be planned: ``planner validate``
    warned about them, and the LP without the weekly rows counted their value.
    """
    index = {p.project_id: i for i, p in enumerate(projects)}
    ends: dict[str, int] = {}

    def earliest_end(i: int, path: frozenset[str]) -> int:
        project = projects[i]
        if project.project_id in ends:
            return ends[project.project_id]
        if project.duration_weeks is None:
            return 0  # no sequence applies to it: it constrains nobody
        start = project.earliest_week or 1
        for needed in project.depends_on:
            j = index.get(needed)
            if j is not None and needed not in path and projects[j].duration_weeks is not None:
                start = max(start, earliest_end(j, path | {project.project_id}) + 1)
        duration = project.duration_weeks
        due = project.due_week or weeks
        shortest = max(1, math.ceil(float(project.effort_hours) / (0.5 * week_avg)))
        if start + shortest - 1 > weeks:
            project = replace(project, duration_weeks=None, earliest_week=None, due_week=None)
            end = 0
        else:
            duration = min(duration, weeks - start + 1)
            end = start + duration - 1
            if end > due:
                due = end
            project = replace(
                project,
                duration_weeks=duration,
                due_week=None if due == weeks else due,
            )
        projects[i] = project
        ends[project.project_id] = end
        return end

    projects = list(projects)
    for i in range(len(projects)):
        earliest_end(i, frozenset())
    return projects


def _rounded_up(hours: Decimal) -> Decimal:
    """Hours rounded up to one decimal (a calendar row as a leader writes it)."""
    return Decimal(math.ceil(hours * 10)) / 10
