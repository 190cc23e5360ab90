"""Inputs that load but that the objective would quietly ignore.

Every row can be valid and the plan still surprise a leader: a project with
no goal scores only through ``[weights] value``, which is 0 by default, so
such a project is left out of every plan however valuable it is. Said once,
at load time, with the two ways out.
"""

from __future__ import annotations

from planner.core.domain import Problem
from planner.core.errors import InputIssue, Severity
from planner.core.tables import PROJECTS


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
    shown = ", ".join(ignored[:5]) + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")
    some = "1 project has" if len(ignored) == 1 else f"{len(ignored)} projects have"
    return [
        InputIssue(
            PROJECTS,
            None,
            "goal_id",
            f"{some} a value but no goal ({shown}). A project scores through its goal; "
            "without one its value counts only with [weights] value above 0, which is 0 "
            "here, so the plan has no reason to include it.",
            "Give each a goal_id from goals.csv, or set value = 1 under [weights] in "
            "settings.toml so that values without a goal count as priority points.",
            Severity.WARNING,
        )
    ]
