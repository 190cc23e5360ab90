"""Inputs that load but that the objective would quietly ignore.

Every row can be valid and the plan still surprise a leader: a project with
no goal scores only through ``[weights] value``, which is 0 by default, so
its value counts for nothing (the plan takes it, if at all, for the fit
bonus alone). Said once, at load time, with the two ways out.
"""

from __future__ import annotations

from planner.core.domain import Problem
from planner.core.errors import InputIssue, Severity, first_few
from planner.core.settings import Settings
from planner.core.tables import PROJECTS, SETTINGS_FILE


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
            "settings.toml so that values without a goal count as priority points.",
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


def aimless_settings(settings: Settings) -> list[InputIssue]:
    """The warning of :func:`aimless_weights` as an input issue of settings.toml."""
    why = aimless_weights(settings)
    if why is None:
        return []
    return [
        InputIssue(
            SETTINGS_FILE,
            None,
            "weights.attainment",
            why,
            "Set attainment = 1 under [weights] (the default), or value = 1 to plan by value.",
            Severity.WARNING,
        )
    ]
