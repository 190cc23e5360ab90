"""Inputs that load but that the objective would quietly ignore.

Every row can be valid and the plan still surprise a leader: a project with
no goal scores only through ``[weights] value``, which is 0 by default, so
its value counts for nothing (the plan takes it, if at all, for the fit
bonus alone). Said once, at load time, with the two ways out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from planner.core.domain import Estimate, Goal, Problem, Project
from planner.core.errors import InputIssue, Severity
from planner.core.settings import Settings
from planner.core.shown_figures import amount, first_few
from planner.core.tables import GOALS, PROJECTS, SETTINGS_FILE

#: A target that the smallest of its projects passes this many times over is in another
#: unit than their values (100 typed for 100,000 visitors).
OUT_OF_SCALE = 50


@dataclass(frozen=True)
class OutOfScale:
    """A warning for the row of ``row_id`` (a goal's ``target``, a project's ``value``)."""

    row_id: str
    column: str
    message: str
    fix: str


def targets_out_of_scale(
    goals: Iterable[Goal], projects: Iterable[Project], estimates: Iterable[Estimate]
) -> list[OutOfScale]:
    """Goals whose every project with a value (a team's own value too) brings at least
    :data:`OUT_OF_SCALE` times the target (said on the goal's target), and otherwise the
    projects that alone bring that much (said on the project's value).

    A visitors target typed as 100 (in thousands) beside projects of 8,000 visitors, or one
    project's value typed with six zeros too many, loaded without a word; every page then
    read "24,000 of 100 website visitors (24,000.0 %)", and the goal weighed nothing.
    """
    projects = list(projects)
    goal_of = {p.project_id: p.goal_id for p in projects}
    values: dict[str, list[Decimal]] = {}
    for project in projects:
        if project.goal_id is not None and project.value > 0:
            values.setdefault(project.goal_id, []).append(project.value)
    for estimate in estimates:
        goal_id = goal_of.get(estimate.project_id)
        if goal_id in values and estimate.value is not None and estimate.value > 0:
            values[goal_id].append(estimate.value)
    found = []
    for goal in goals:
        smallest = min(values.get(goal.goal_id, ()), default=None)
        if smallest is not None and smallest >= OUT_OF_SCALE * goal.target:
            counted = sum(p.goal_id == goal.goal_id and p.value > 0 for p in projects)
            found.append(_goal_out_of_scale(goal, smallest, counted))
            continue
        for project in projects:
            if project.goal_id == goal.goal_id and project.value >= OUT_OF_SCALE * goal.target:
                times = int(project.value / goal.target)
                said = (
                    f"project '{project.project_id}' alone brings "
                    f"{amount(project.value, goal.kpi)}, {times:,} times the target of its goal "
                    f"'{goal.goal_id}' ({amount(goal.target, goal.kpi)}): it meets the goal "
                    "many times over on its own."
                )
                fix = (
                    "Check the value for extra digits, or for another unit than the goal's "
                    "target; if it is right, raise the target."
                )
                found.append(OutOfScale(project.project_id, "value", said, fix))
    return found


def _goal_out_of_scale(goal: Goal, smallest: Decimal, counted: int) -> OutOfScale:
    times = int(smallest / goal.target)
    each = (
        "its project with a value"
        if counted == 1
        else (f"each of its {counted} projects with a value")
    )
    said = (
        f"goal '{goal.goal_id}' has a target of {amount(goal.target, goal.kpi)}, but {each} "
        f"brings at least {amount(smallest, goal.kpi)} (with any team), {times:,} times the "
        "target: any one of them meets it, so the goal weighs almost nothing in the plan."
    )
    fix = (
        "Check that the target and the projects' values are in the same unit (100000, not "
        "100 for thousands); if the target really is this small, leave it."
    )
    return OutOfScale(goal.goal_id, "target", said, fix)


#: Goals no project serves named one by one, on their rows; the rest in one line.
UNSERVED_BY_ROW = 10


def goals_no_project_serves(goals: Iterable[Goal], projects: Iterable[Project]) -> list[Goal]:
    """The goals no project names in ``goal_id``.

    goals.csv ahead of projects.csv (a goal added, its projects not yet) loaded without a
    word; every page then read "0 of 10 deals (0.0 %) ... nothing in the plan adds to it",
    and the weighted attainment fell (85.6 % to 80.7 % on the sample with one such goal).
    """
    served = {p.goal_id for p in projects}
    return [goal for goal in goals if goal.goal_id not in served]


def unserved_goal_words(goal: Goal) -> tuple[str, str]:
    """The warning on the row of a goal no project serves: its message and fix."""
    named = f" ({goal.name})" if goal.name != goal.goal_id else ""
    message = (
        f"goal '{goal.goal_id}'{named} has no project: no row of projects.csv names it in "
        f"goal_id, so it reads 0 of {amount(goal.target, goal.kpi)} however the plan goes, "
        "and lowers the plan's weighted goal attainment."
    )
    fix = (
        f"Put {goal.goal_id} in the goal_id column of projects.csv for the projects that "
        "serve it, or delete this row if it is not a goal this quarter."
    )
    return message, fix


def unserved_goals_beyond_rows(goals: list[Goal]) -> InputIssue:
    """One warning for the goals no project serves past the first :data:`UNSERVED_BY_ROW`."""
    ids = [goal.goal_id for goal in goals]
    return InputIssue(
        GOALS,
        None,
        "goal_id",
        f"{len(ids):,} more goals have no project ({first_few(ids)}): each reads 0 of its "
        "target however the plan goes, and lowers the plan's weighted goal attainment.",
        "Put each goal's id in the goal_id column of projects.csv for the projects that "
        "serve it, or delete the goals that are not goals this quarter.",
        Severity.WARNING,
    )


def goals_no_project_moves(
    goals: Iterable[Goal], projects: Iterable[Project], estimates: Iterable[Estimate]
) -> list[tuple[Goal, list[str]]]:
    """The goals some project serves but none moves, each with the ids of its projects:
    every one is worth 0 to it (value, value_high and every team's estimated value 0 or
    empty).

    A goal whose projects were all written with value 0 (a column cleared, values still
    to come) loaded without a word, where a goal no project names is warned of; every
    page then read "nothing in the plan adds to it".
    """
    serving: dict[str, list[Project]] = {}
    for project in projects:
        if project.goal_id is not None:
            serving.setdefault(project.goal_id, []).append(project)
    valued = {e.project_id for e in estimates if e.value is not None and e.value > 0}
    unmoved = []
    for goal in goals:
        mine = serving.get(goal.goal_id, [])
        if mine and not any(
            p.value > 0 or (p.value_high or 0) > 0 or p.project_id in valued for p in mine
        ):
            unmoved.append((goal, [p.project_id for p in mine]))
    return unmoved


def unmoved_goal_words(goal: Goal, project_ids: list[str]) -> tuple[str, str]:
    """The warning on the row of a goal none of whose projects moves it: message and fix."""
    named = f" ({goal.name})" if goal.name != goal.goal_id else ""
    unit = goal.kpi or "of it"
    one = len(project_ids) == 1
    its = "its project" if one else f"its {len(project_ids):,} projects"
    message = (
        f"goal '{goal.goal_id}'{named} cannot move: {its} in projects.csv "
        f"({first_few(project_ids)}) {'adds' if one else 'add'} 0 {unit} to it (value 0 or "
        "empty, and no team's "
        f"estimate more), so it reads 0 of {amount(goal.target, goal.kpi)} however the plan "
        "goes, and lowers the plan's weighted goal attainment."
    )
    fix = (
        f"Write in projects.csv's value column what each of its projects adds to it, in "
        f"{unit}, or delete this row if it is not a goal this quarter."
    )
    return message, fix


def goalless_projects(problem: Problem) -> list[InputIssue]:
    """A warning when projects with a value serve no goal and value has no weight."""
    if problem.settings.weights.value > 0:
        return []
    pinned = {project_id for project_id, _ in problem.pins}
    ignored = [
        p.project_id
        for p in problem.projects
        if p.goal_id is None and p.value > 0 and not p.mandatory and p.project_id not in pinned
    ]
    if not ignored:
        return []
    shown = first_few(ignored)
    one = len(ignored) == 1
    some = "1 project has" if one else f"{len(ignored)} projects have"
    # The fit term still draws some in (a team with skills to spare, its own stage): the
    # plan holds them then, so "no reason to include" would not be true.
    outcome = (
        f"so {'its value does' if one else 'their values do'} not count: the plan may still "
        f"take {'it' if one else 'some of them'} for the small bonus of a good team fit "
        "([weights] fit), whatever the value"
        if problem.settings.weights.fit > 0
        else f"so the plan has no reason to include {'it' if one else 'them'}"
    )
    return [
        InputIssue(
            PROJECTS,
            None,
            "goal_id",
            f"{some} a value but no goal ({shown}). A project scores through its goal; "
            "without one its value counts only with [weights] value above 0, which is 0 "
            f"here, {outcome}.",
            "Give each a goal_id from goals.csv, or set value = 1 under [weights] in "
            "settings.toml so that a project's value counts toward the plan even without "
            "a goal.",
            Severity.WARNING,
        )
    ]


def aimless_weights(settings: Settings) -> str | None:
    """Why a plan under these weights would aim at nothing (``None`` when it aims at goals).

    With attainment, value and confidence all at 0 no project adds to the score:
    balance and fit only rank plans of the same work, so the best plan holds
    the mandatory and pinned projects and little else.
    """
    w = settings.weights
    if w.attainment > 0 or w.value > 0 or w.confidence > 0:
        return None
    return (
        "attainment, value and confidence are all 0 under [weights], so no project adds to "
        "the plan's score: the plan keeps the mandatory and pinned work and little else."
    )


def aimless_settings(settings: Settings, file: str = SETTINGS_FILE) -> list[InputIssue]:
    """The warning of :func:`aimless_weights` as an input issue of the settings ``file``
    (``--settings what-if.toml``'s name when given: it was said of settings.toml)."""
    why = aimless_weights(settings)
    if why is None:
        return []
    return [
        InputIssue(
            file,
            None,
            "weights.attainment",
            why,
            "Set attainment = 1 under [weights] (the default), or value = 1 to plan by value.",
            Severity.WARNING,
            keyed=True,
        )
    ]
