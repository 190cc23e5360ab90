"""Work in progress that runs late: an end week too early for the work left, or past due.

A leader records a project 10 % done where the plan had 75 % by now; the check-in
still ends it in the plan's end week (the pre-fill's "Ends in week"), so its work
left is squeezed into the weeks to it, and the re-plan may find no plan until the
leader gives a later week. :func:`late_ends` finds those projects and the week the
plan's own pace would end them in. A project given an end week after its due week
(SPEC: its impact counts for the quarter only because it ends by then) brings the
quarter nothing more: :func:`past_due` lists them, and the re-plan counts no value
for what is left of them. A project marked done before its window's first week began
(:func:`done_before_window`) is kept done, as recorded (what happened outranks the plan),
and said.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from planner.core.domain import Plan, Problem
from planner.core.weeks import run_weeks
from planner.scenarios.checkin import CheckIn, ProjectStatus, weeks_past

_SLACK = Decimal("0.01")


@dataclass(frozen=True)
class LateEnd:
    """A project in progress whose end week leaves too few weeks for its work left."""

    project_id: str
    percent_done: Decimal
    #: The week it ends in: the check-in's end week, else the plan's.
    end_week: int
    #: The week it would end in at the plan's pace (may pass the quarter's last week).
    pace_end: int
    #: Its due week (``problem.window``'s last week).
    due_week: int


def _plan_runs(problem: Problem, plan: Plan) -> dict[str, range]:
    """Project id -> the weeks the plan runs it (the longest of a joint project's two)."""
    runs: dict[str, range] = {}
    for a in plan.assignments:
        if a.project_id in problem.project_index:
            run = run_weeks(problem, a)
            if a.project_id not in runs or len(run) > len(runs[a.project_id]):
                runs[a.project_id] = run
    return runs


def late_ends(problem: Problem, plan: Plan, checkin: CheckIn) -> tuple[LateEnd, ...]:
    """Projects in progress whose end week is before the week the plan's pace ends them.

    At the plan's pace a project does ``1 / weeks planned`` of its work a week, so the
    work left needs ``remaining x weeks planned`` weeks from the week after the check-in.
    Only where a later week can still be given (an end week before the quarter's last):
    a quarter planned without weeks has none.
    """
    if not problem.is_time_phased:
        return ()
    past = weeks_past(problem, checkin)
    last = problem.num_weeks
    runs = _plan_runs(problem, plan)
    out = []
    for project in problem.projects:
        progress = checkin.progress(project.project_id)
        run = runs.get(project.project_id)
        if progress.status is not ProjectStatus.IN_PROGRESS or run is None:
            continue
        end = progress.end_week if progress.end_week is not None else max(run[-1], past + 1)
        # Less a hundredth of a week: a percent done to one decimal (85.7 for 6 weeks of
        # 7) leaves its last week's work a hair over a week.
        needed = max(1, math.ceil(progress.remaining * len(run) - _SLACK))
        if end >= last or past + needed <= end:
            continue
        due = problem.window(project)[-1]
        out.append(LateEnd(project.project_id, progress.percent_done, end, past + needed, due))
    return tuple(out)


def past_due(problem: Problem, checkin: CheckIn) -> dict[str, tuple[int, int]]:
    """Project id -> (its end week, its due week), for each project in progress the
    check-in ends after its due week: what is left of it lands after the quarter."""
    if not problem.is_time_phased:
        return {}
    out = {}
    for project in problem.projects:
        progress = checkin.progress(project.project_id)
        if progress.status is ProjectStatus.IN_PROGRESS and progress.end_week is not None:
            due = problem.window(project)[-1]
            if progress.end_week > due:
                out[project.project_id] = (progress.end_week, due)
    return out


def done_before_window(problem: Problem, checkin: CheckIn) -> dict[str, range]:
    """Project id -> its window (``problem.window``), for each project marked done before
    the first week of its window began by the check-in (week 6 of a project that may start
    in week 8): done as recorded, which the plan did not foresee. Empty when weeks do not
    matter."""
    if not problem.is_time_phased:
        return {}
    begun = math.ceil(checkin.weeks_elapsed)  # the weeks begun: week 7 half-way at 6.5
    out = {}
    for project_id in sorted(checkin.ids_with(ProjectStatus.DONE)):
        project = problem.project_index.get(project_id)
        if project is not None and (window := problem.window(project))[0] > begun:
            out[project_id] = window
    return out
