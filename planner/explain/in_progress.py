"""Work a check-in's re-plan keeps with its team because it is in progress (or locked),
told apart from a leader's pin."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from planner.core.domain import Problem
from planner.explain.sentences import project_name


def in_progress(problem: Problem, project_id: str) -> bool:
    """Whether a re-plan keeps the project with its team because it is in progress.

    Such a pin is the check-in's, not a leader's rule: it reads "in progress with",
    and its fix is to unlock the project, not to unpin it.
    """
    running = in_progress_with(problem, project_id)
    # A leader's pin to another team makes it a pinned project: its fix is to unpin it.
    return bool(running) and _pinned_to(problem.pins).get(project_id, frozenset()) <= running


@lru_cache(maxsize=4)
def _pinned_to(pins: frozenset[tuple[str, str]]) -> Mapping[str, frozenset[str]]:
    """Project id -> the teams ``pins`` fix it to. Read once per set of pins (a frozenset
    keeps its hash): scanning every pin for each project asked about took 8.7 s of a
    check-in's 3 s re-plan at 5,000 projects, 4,600 of them in progress."""
    found: dict[str, set[str]] = {}
    for project_id, team_id in pins:
        found.setdefault(project_id, set()).add(team_id)
    return {project_id: frozenset(teams) for project_id, teams in found.items()}


def in_progress_with(problem: Problem, project_id: str) -> frozenset[str]:
    """The teams a re-plan keeps the project with because it is in progress (none if not).

    A leader's own pin of the same project to another team stays a pin: the
    two read "pinned to Demand Gen, but it is in progress with Marketing Ops".
    """
    if problem.baseline is None or project_id not in problem.baseline.in_progress:
        return frozenset()
    return frozenset(problem.baseline.owners.get(project_id, frozenset()))


def locked(problem: Problem, project_id: str) -> bool:
    """Whether a check-in's re-plan keeps this work in progress with its team(s) by a lock.

    Work under way that the leader did not unlock: a leader's pin lifted from it
    does not free it, as the re-plan keeps it where it runs, so the fix unlocks it too
    ("unpin it and unlock it"). A loaded scenario has no lock apart from its pins.
    """
    baseline = problem.baseline
    return (
        baseline is not None
        and project_id in baseline.under_way
        and project_id not in baseline.unlocked
    )


def pinned_to(problem: Problem, project_id: str, teams: str) -> str:
    """``'X' is pinned to Content``, or ``'X' is in progress with Content`` at a check-in."""
    how = "is in progress with" if in_progress(problem, project_id) else "is pinned to"
    return f"{project_name(problem, project_id)} {how} {teams}"
