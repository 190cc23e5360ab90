"""A second check-in read against the first (``planner checkin --since``).

What a check-in records only grows: a project done stays done, work done and hours
spent only add up. A second check-in that says otherwise was re-planned without a
word: a project done at week 6 and "not_started" at week 9 (or left out of the file,
which reads as not started) went back into the plan to be done again, and 867 MQLs at
week 6 then 100 at week 9 forecast the quarter from 100.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from planner.core.domain import Problem
from planner.core.errors import InputIssue, Severity
from planner.core.identifiers import escaped
from planner.core.shown_figures import amount, hours
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.on_plan import pre_filled_as


@dataclass(frozen=True)
class _TakenBack:
    """What a second check-in takes back of the first: the projects done then and not now
    (with how each reads now), and the figures that went down, each as (its table:
    ``percent_done``, ``achieved`` or ``hours_used``; its project, goal or team; before;
    now)."""

    undone: tuple[tuple[str, ProjectStatus], ...]
    lower: tuple[tuple[str, str, Decimal, Decimal], ...]


def _taken_back(since: CheckIn, now: CheckIn) -> _TakenBack:
    """The one reading of what ``now`` takes back of ``since``: a project done stays done,
    work done, KPIs achieved and hours used only grow."""
    undone, lower = [], []
    for project_id, before in since.projects.items():
        after = now.progress(project_id)
        if before.status is ProjectStatus.DONE and after.status is not ProjectStatus.DONE:
            undone.append((project_id, after.status))
        elif (
            before.status is after.status is ProjectStatus.IN_PROGRESS
            and after.percent_done < before.percent_done
        ):
            lower.append(("percent_done", project_id, before.percent_done, after.percent_done))
    for table, earlier, figures in (
        ("achieved", since.achieved, now.achieved),
        ("hours_used", since.hours_used, now.hours_used),
    ):
        for key, before_figure in earlier.items():
            after_figure = figures.get(key)
            if after_figure is not None and after_figure < before_figure:
                lower.append((table, key, before_figure, after_figure))
    return _TakenBack(tuple(undone), tuple(lower))


@dataclass(frozen=True)
class SinceRead:
    """A check-in (``now``) read on the re-plan of an earlier one (``since``): the one
    reading the Check-in page (:func:`since_lines`) and ``planner checkin --since``
    (:func:`since_issues`) both say.

    ``checkin``: ``now`` with the end weeks ``since`` gave (:func:`with_end_weeks_since`),
    or ``None`` when ``now`` is at an earlier week than ``since``; ``taken``: what it takes
    back of ``since`` (nothing when it is earlier).
    """

    since: CheckIn
    now: CheckIn
    checkin: CheckIn | None
    taken: _TakenBack


def read_since(since: CheckIn, now: CheckIn) -> SinceRead:
    """``now`` read on the re-plan of the check-in ``since``: at ``since``'s week or later,
    with the end weeks ``since`` gave, and what it takes back of ``since`` (a project done
    stays done; work done, KPIs achieved and hours used only grow)."""
    if now.weeks_elapsed < since.weeks_elapsed:
        return SinceRead(since, now, None, _TakenBack((), ()))
    checkin = with_end_weeks_since(since, now)
    return SinceRead(since, now, checkin, _taken_back(since, checkin))


def since_issues(read: SinceRead, since_file: str, file: str) -> list[InputIssue]:
    """:func:`read_since`'s reading as ``planner checkin --since`` says it, of ``file`` (the
    check-in) read on ``since_file`` (the earlier one).

    An error for a check-in before the earlier one's week, and for a project done before
    that is not done now; a warning for work done, a KPI achieved or hours used that went
    down (a figure may be corrected, so it is said, not refused).
    """
    if read.checkin is None:
        return [since_after_issue(read.since, read.now.weeks_elapsed, since_file)]
    since, now = read.since, read.now
    week = f"week {since.weeks_elapsed.normalize():f} ({escaped(since_file)})"
    issues = []
    for project_id, status in read.taken.undone:
        shown = escaped(project_id)
        reads = status.value.replace("_", " ")
        listed = project_id in now.projects
        issues.append(
            InputIssue(
                file,
                None,
                f"projects.{shown}",
                f"'{shown}' was done at {week}, and reads {reads} here"
                + ("" if listed else " (a project not listed has not started)")
                + ": it would be planned again.",
                f'Write "{shown}" = "done": a project done stays done.',
                keyed=True,
            )
        )
    what = {"achieved": "a KPI achieved so far", "hours_used": "the hours used so far"}
    for table, key, before, after in read.taken.lower:
        shown = escaped(key)
        if table == "percent_done":
            column = f"projects.{shown}.percent_done"
            said = f"'{shown}' is {after.normalize():f} % done, less than the "
            said += f"{before.normalize():f} %"
        else:
            column = f"{table}.{shown}"
            said = f"{what[table]} for '{shown}' is {after.normalize():f}, less than the "
            said += f"{before.normalize():f}"
        issues.append(_less(file, column, f"{said} at {week}"))
    return issues


def since_after_issue(since: CheckIn, weeks: Decimal, since_file: str) -> InputIssue:
    """The earlier check-in (``since_file``) is at a later week than ``weeks``: the error
    ``planner checkin --since`` and ``planner checkin-template --since`` give."""
    return InputIssue(
        since_file,
        None,
        "weeks_elapsed",
        f"the earlier check-in is at week {since.weeks_elapsed.normalize():f}, after "
        f"week {weeks.normalize():f}.",
        "Give the check-in this one follows, or a later week.",
        keyed=True,
    )


def since_lines(problem: Problem, read: SinceRead) -> tuple[CheckIn | None, list[str], list[str]]:
    """:func:`read_since`'s reading as the Check-in page says it (plain text): the check-in
    to re-plan (``None`` when it cannot stand), why it cannot (a week before the earlier
    check-in's; a project done then and not now, which would be planned again), and the
    work done, KPIs and hours used that went down, to say beside it (a figure may be
    corrected: said, and read as typed). :func:`since_issues` says the same of files."""
    if read.checkin is None:
        first = read.since.weeks_elapsed
        return (
            None,
            [
                f"This baseline is the re-plan of a check-in at week {float(first):g}: "
                f"the weeks elapsed must be at least {float(first):g}."
            ],
            [],
        )
    undone, lower = _taken_back_lines(problem, read.since, read.taken)
    return (None if undone else read.checkin), undone, lower


def _taken_back_lines(
    problem: Problem, since: CheckIn, taken: _TakenBack
) -> tuple[list[str], list[str]]:
    """What a check-in takes back of ``since`` (``taken``), in the Check-in page's words."""
    week = f"the check-in of week {since.weeks_elapsed.normalize():f}"
    projects = {p.project_id: p.name for p in problem.projects}
    goals = {g.goal_id: g for g in problem.goals}
    teams = {t.team_id: t.name for t in problem.teams}
    errors = [
        f"'{projects.get(project_id, project_id)}' ({project_id}) was done at {week} and reads "
        f"{status.value.replace('_', ' ')} here: it would be planned again. Set its status "
        "back to done: a project done stays done."
        for project_id, status in taken.undone
    ]
    lower = []
    for table, key, before, after in taken.lower:
        if table == "percent_done":
            name = f"'{projects.get(key, key)}' ({key})"
            lower.append(
                f"{name} is {after.normalize():f} % done, less than the "
                f"{before.normalize():f} % at {week}"
            )
        elif table == "achieved" and (goal := goals.get(key)) is not None:
            lower.append(
                f"{goal.name}: {amount(after, goal.kpi)} so far, less than the "
                f"{amount(before, goal.kpi)} at {week}"
            )
        elif table == "hours_used":
            lower.append(
                f"{teams.get(key, key)}: {hours(after)} used, less than the "
                f"{hours(before)} at {week}"
            )
    return errors, [
        f"{line}; a figure so far only grows. Check it (keep it if the earlier one was wrong)."
        for line in lower
    ]


def _less(file: str, column: str, message: str) -> InputIssue:
    return InputIssue(
        file,
        None,
        column,
        f"{message}; a figure so far only grows.",
        "Check the figure (or the --since file); keep it if the earlier one was wrong.",
        Severity.WARNING,
        keyed=True,
    )


def with_end_weeks_since(since: CheckIn, now: CheckIn) -> CheckIn:
    """``now``, each project in progress without an end week keeping ``since``'s.

    The end week a leader gave a late project at the first check-in stands until a
    later one says otherwise. Against the re-plan of that check-in its baseline has it
    already; against the quarter's own plan (teams that kept it) the baseline still
    ends it where it was planned, often a week already past, and the re-plan squeezed
    its work left into the next week alone.
    """
    projects = dict(now.projects)
    for project_id, progress in now.projects.items():
        end = since.progress(project_id).end_week
        if (
            progress.status is ProjectStatus.IN_PROGRESS
            and progress.end_week is None
            and end is not None
            and now.weeks_elapsed < end <= now.quarter_weeks
        ):
            projects[project_id] = replace(progress, end_week=end)
    return replace(now, projects=projects)


def counted(checkin: CheckIn, targets: Mapping[str, Decimal]) -> CheckIn:
    """``checkin`` (read from a file) with each KPI still as pre-filled read as the plan's
    figure by now (its ``as_planned``), and the figure written kept in ``recorded``.

    A KPI as the pre-fill wrote it (the plan's 7.7 new customers as 8, its 596.815 SQLs
    as 597: :func:`pre_filled_as`, with the goal's target in ``targets``) is the figure
    its re-plan counted (``OnPlan.with_plan_figures``); read as typed, a check-in
    ``--since`` that file forecast 28.3 where the plan said 28. A KPI the leader changed
    reads as typed.
    """
    achieved, recorded = dict(checkin.achieved), dict(checkin.recorded)
    for goal_id, plan in checkin.as_planned.items():
        written, target = achieved.get(goal_id), targets.get(goal_id)
        if (
            target is not None
            and written is not None
            and written == pre_filled_as(plan, target, written)
        ):
            achieved[goal_id], recorded[goal_id] = plan, written
    return replace(checkin, achieved=achieved, as_planned={}, recorded=recorded)
