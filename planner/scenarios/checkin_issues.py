"""Where a check-in does not fit the quarter's data and the baseline plan it was made from.

:func:`checkin_issues` lists every such place as an :class:`~planner.core.errors.InputIssue`
(ids not in the data, a project in progress the plan gives no team, an end week the
data cannot keep, a KPI or hours used too large to be anything but a typo), each with
its fix; nothing is re-planned from a check-in with issues.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction

from planner.core.domain import Plan, Problem
from planner.core.errors import InputIssue
from planner.core.identifiers import (
    IDENTIFIER_FIX,
    closest_id,
    escaped,
    form_alike,
    id_key,
    identifier_problem,
    ids_run_together,
)
from planner.core.shown_figures import amount, hours
from planner.scenarios.checkin import CHECKIN_FILE, CheckIn, ProjectStatus

#: A KPI achieved beyond this many times its target is a typo, not a goal beaten.
IMPLAUSIBLE_TARGETS = 100
#: Hours used beyond this many quarters' worth are a typo, not overtime (99,999 for 999).
IMPLAUSIBLE_QUARTERS = 2


def implausible_hours(problem: Problem, checkin: CheckIn) -> dict[str, str]:
    """Team id -> why its hours used cannot be right: more than twice its whole quarter.

    A slip of the keyboard (99,999 h for 999) leaves the team no hours and the re-plan
    infeasible, explained by pins and skills that are not the problem.
    """
    out = {}
    for team_id, used in checkin.hours_used.items():
        if team_id not in problem.team_index:
            continue
        quarter = problem.quarter_hours(team_id)
        if quarter > 0 and Fraction(used) > IMPLAUSIBLE_QUARTERS * quarter:
            out[team_id] = (
                f"{problem.team(team_id).name} used {hours(used)}, more than twice its "
                f"whole quarter ({hours(quarter)})."
            )
    return out


class _NotInData:
    """The check-in's ids that are no id of the data, each said with its likely cause: a
    name typed for the id, two ids run together, a hidden character or other capitals,
    or a check-in written for other data."""

    def __init__(
        self, problem: Problem, listed: Mapping[str, Collection[str]], issues: list[InputIssue]
    ) -> None:
        self.issues = issues
        self.keys = listed
        self.listed = {table: listed.get(table, ()) for table in ("projects", "hours_used")}
        # A table none of whose ids is in the data, in any form (two at least), is another
        # quarter's: "Remove it" on each told the leader to empty a wrong file line by line.
        # Names count as the data's: a table keyed by name is told its ids, not swapped.
        self.other_data = {
            table: len(given) > 1
            and not {id_key(i) for i in given} & {id_key(i) for i in [*ids, *named]}
            for (table, given), ids, named in zip(
                self.listed.items(),
                (problem.project_index, problem.team_index),
                ([p.name for p in problem.projects], [t.name for t in problem.teams]),
                strict=True,
            )
        }
        self.names = {
            "projects": {p.project_id: p.name for p in problem.projects},
            "achieved": {g.goal_id: g.name for g in problem.goals},
            "achieved_as_planned": {g.goal_id: g.name for g in problem.goals},
            "hours_used": {t.team_id: t.name for t in problem.teams},
        }
        self.by_key: dict[str, dict[str, str]] = {}
        self.asked = 0
        self.by_name: dict[str, dict[str, str]] = {}

    def near(self, table: str, given: str, ids: Collection[str]) -> str | None:
        """The id of ``ids`` spelled closest to ``given`` (escaped), for the first
        :data:`~planner.core.id_references.HINTED` unknown ids; none that ``table`` lists already
        ('new-logo' beside 'new-logos' is no 'new-logos' mistyped)."""
        # Read here: planner.core.id_references reads pandas (through cells), which the
        # command line's start (this module is read by checkin's) leaves for the command
        # that needs it, where a Ctrl-C while it loads ends in words.
        from planner.core.id_references import HINTED

        self.asked += 1
        near = closest_id(given, ids) if self.asked <= HINTED else None
        if near is None or near in self.keys.get(table, ()):
            return None
        return escaped(near)

    def issue(self, column: str, message: str, fix: str) -> None:
        """One issue of the check-in file, at ``column``, with its fix."""
        self.issues.append(InputIssue(CHECKIN_FILE, None, column, message, fix, keyed=True))

    def __call__(self, table: str, kind: str, given: str, ids: Collection[str]) -> None:
        """``given`` is no id of the data: said so, or that a hidden character is why."""
        issue = self.issue
        column, hidden = f"{table}.{escaped(given)}", identifier_problem(given, kind)
        # The data's ids keyed once, in any capitals (20,000 unknown ids once took minutes).
        if table not in self.by_key:
            self.by_key[table] = {id_key(i): i for i in reversed([*ids])}
            self.by_name[table] = {id_key(n): i for i, n in reversed(self.names[table].items())}
        meant = self.by_key[table].get(id_key(given))
        if hidden is None and meant is None and (named := self.by_name[table].get(id_key(given))):
            # Keyed as the pages show it, by name: "Remove it" threw the record away.
            message = f"'{escaped(given)}' is the name of {kind} {escaped(named)}, not its id."
            issue(column, message, f"Retype it as '{escaped(named)}'.")
            return
        if hidden is None and meant is None and (apart := ids_run_together(given, ids)):
            listed_ids = ", ".join(escaped(i) for i in apart)
            lines = " and ".join(f'"{escaped(i)}" = ...' for i in apart)
            message = (
                f"'{escaped(given)}' are {len(apart)} {kind} ids written as one key ({listed_ids})."
            )
            issue(column, message, f"Give each its own line: {lines}.")
            return
        if hidden is None and meant is None:
            remove = "Remove it."
            if self.other_data.get(table):
                remove = (
                    f"Give the check-in written for these inputs: none of the "
                    f"{len(self.listed[table]):,} {kind}s it lists is in them, so it reads as "
                    "written for other data."
                )
            elif (near := self.near(table, given, ids)) is not None:
                # 'mql' for 'mqls': "Remove it" threw away a KPI typed with a slip.
                message = f"{kind} '{escaped(given)}' is not in the inputs: did you mean '{near}'?"
                issue(
                    column,
                    message,
                    f"Retype it as '{near}' if that is the one meant; otherwise remove it.",
                )
                return
            issue(column, f"{kind} '{escaped(given)}' is not in the inputs.", remove)
            return
        # "Remove it" would throw away the leader's record of that project, goal or team.
        fix = IDENTIFIER_FIX if meant is None else f"Retype it as '{escaped(meant)}'."
        form = None if meant is None else form_alike(given, meant)
        too = {None: "capitals", "full-width characters": "full-width"}.get(form, form)
        exact = f"{kind} '{given}' is not in the inputs: ids are compared exactly, {too} too."
        issue(column, hidden or exact, fix)


def checkin_issues(
    problem: Problem, baseline_plan: Plan, checkin: CheckIn, *, replanned: bool = False
) -> list[InputIssue]:
    """Every way the check-in does not fit the problem and its baseline plan.

    ``replanned``: ``baseline_plan`` is the check-in's own re-plan (an earlier check-in,
    read against the re-plan a later one follows): a project in progress it leaves out
    is the re-plan's change, not the check-in's error ("in progress but the baseline plan
    gives it no team" refused every check-in after one that let such work move).
    """
    issues: list[InputIssue] = []
    listed = {
        "projects": checkin.projects,
        "achieved": checkin.achieved,
        "achieved_as_planned": checkin.as_planned,
        "hours_used": checkin.hours_used,
    }
    not_in_data = _NotInData(problem, listed, issues)
    issue = not_in_data.issue
    if (other_length := checkin.other_quarter_length(problem)) is not None:
        issue("quarter_weeks", *other_length)
    if (part := checkin.part_week(problem)) is not None:
        issue("weeks_elapsed", *part)

    owners = baseline_plan.owners()
    if replanned:
        owners = {**{u.project_id: frozenset() for u in baseline_plan.unassigned}, **owners}
    for project_id, progress in checkin.projects.items():
        if project_id not in problem.project_index:
            not_in_data("projects", "project", project_id, problem.project_index)
        elif progress.status is ProjectStatus.IN_PROGRESS and project_id not in owners:
            issue(
                f"projects.{project_id}",
                f"project '{project_id}' is in progress but the baseline plan gives it no team.",
                "Mark it not started, or re-plan from a baseline that assigns it.",
            )
        late = (
            _end_week_issue(problem, project_id, progress.end_week)
            if progress.end_week is not None and project_id in problem.project_index
            else None
        )
        if late is not None:
            issue(f"projects.{escaped(project_id)}.end_week", *late)
    for goal_id, achieved in checkin.achieved.items():
        if goal_id not in problem.goal_index:
            not_in_data("achieved", "goal", goal_id, problem.goal_index)
        elif achieved > IMPLAUSIBLE_TARGETS * (goal := problem.goal_index[goal_id]).target:
            # 999,999,999 visitors for 99,999 read as a goal met ten thousand times over.
            issue(
                f"achieved.{goal_id}",
                f"{amount(achieved, goal.kpi)} achieved is more than {IMPLAUSIBLE_TARGETS} "
                f"times the target of '{goal.name}' ({amount(goal.target, goal.kpi)}).",
                "Write the KPI achieved so far, in the goal's unit.",
            )
    for goal_id in checkin.as_planned:  # read, never ignored; in the file's order
        if goal_id not in problem.goal_index:
            not_in_data("achieved_as_planned", "goal", goal_id, problem.goal_index)
    for team_id in checkin.hours_used:
        if team_id not in problem.team_index:
            not_in_data("hours_used", "team", team_id, problem.team_index)
    for team_id, why in implausible_hours(problem, checkin).items():
        issue(f"hours_used.{team_id}", why, "Write the hours its planned projects took so far.")
    for project_id, teams in owners.items():
        unknown = sorted(t for t in teams if t not in problem.team_index)
        if project_id in problem.project_index and unknown:
            issue(
                project_id,
                f"the baseline plan gives '{project_id}' to unknown "
                f"{'team' if len(unknown) == 1 else 'teams'} {', '.join(unknown)}.",
                "Use a baseline plan made from these inputs.",
            )
    return issues


def ids_not_in_data(problem: Problem, listed: Mapping[str, Collection[str]]) -> list[InputIssue]:
    """The ids of a check-in's tables (``projects``, ``achieved``, ``achieved_as_planned``,
    ``hours_used``: table -> its ids) that are no id of ``problem``, each said as
    :func:`checkin_issues` says it.

    For a check-in that could not be read whole: a percent done of 150 hid a project id
    typed wrong until the percent was fixed, one problem a run, where the data files say
    every problem at once.
    """
    issues: list[InputIssue] = []
    not_in_data = _NotInData(problem, listed, issues)
    kinds = (
        ("projects", "project", problem.project_index),
        ("achieved", "goal", problem.goal_index),
        ("achieved_as_planned", "goal", problem.goal_index),
        ("hours_used", "team", problem.team_index),
    )
    for table, kind, index in kinds:
        for given in listed.get(table, ()):
            if given not in index:
                not_in_data(table, kind, given, index)
    return issues


def _end_week_issue(problem: Problem, project_id: str, end_week: int) -> tuple[str, str] | None:
    """The problem and its fix when a project's end week cannot be kept by these data.

    Without weeks the re-plan spreads every project's remaining work over the rest of
    the quarter: an end week would be read and then not kept, so it is refused.
    """
    name = escaped(problem.project(project_id).name)
    if not problem.is_time_phased:
        return (
            f"'{name}' ends in week {end_week}, but the data plans the quarter without weeks: "
            "the re-plan gives the work left of every project the rest of the quarter, "
            "so no end week can be kept.",
            "Leave out end_week (its work runs to the quarter's end), or plan the quarter "
            "in weeks: give projects a duration (duration_weeks) or teams their weeks "
            "(calendar.csv).",
        )
    if end_week > problem.num_weeks:
        return (
            f"'{name}' ends in week {end_week}, after the {problem.num_weeks}-week quarter "
            "the data plans.",
            f"Write an end week up to {problem.num_weeks}; work past the quarter is for "
            "the next one.",
        )
    return None
