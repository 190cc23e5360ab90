"""The goals a check-in found met, as its re-plan keeps them for its files and figures.

A goal met by the check-in leaves the re-plan (:func:`~planner.scenarios.rest_of_quarter.
replan_problem`) and its projects lose their goal, so that they score nothing toward it;
they still serve it, and the Check-in page counts their value toward it ("Re-plan adds")
and the goal at the quarter's end. A saved check-in keeps only the rest of the quarter,
and the quarter's plan it was made from may be deleted (its children stay), so each
met goal is kept with it: the goal as the quarter has it (full target), where it stands
among the quarter's goals, and the re-plan's projects that serve it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from planner.core.domain import Goal, Problem

if TYPE_CHECKING:
    from planner.scenarios.checkin import CheckIn


@dataclass(frozen=True)
class MetGoal:
    """A goal met at a check-in: ``goal`` as the quarter has it, its ``position`` among the
    quarter's goals (from 0), and the re-plan's ``project_ids`` that serve it."""

    goal: Goal
    position: int
    project_ids: tuple[str, ...] = ()


def met_goals(quarter: Problem, rest: Problem) -> tuple[MetGoal, ...]:
    """The goals of the ``quarter`` its re-plan ``rest`` left out (met at the check-in)."""
    kept = {g.goal_id for g in rest.goals}
    in_rest = [p.project_id for p in rest.projects]
    goal_of = {p.project_id: p.goal_id for p in quarter.projects}
    return tuple(
        MetGoal(g, position, tuple(p for p in in_rest if goal_of.get(p) == g.goal_id))
        for position, g in enumerate(quarter.goals)
        if g.goal_id not in kept
    )


def with_met_goals(rest: Problem, met: Sequence[MetGoal]) -> Problem:
    """``rest``, a check-in's re-plan problem, with each met goal back among its goals (where
    the quarter has it) and its projects under it: for the re-plan's files and its goals at
    the quarter's end alone, never to solve or score.

    Without it, a re-plan's plan.csv summed by goal read 0 for a met goal where the page
    read 477,700 expansion ARR $ on the sample, and a saved check-in's workbook left the
    goal out of its quarter's end.
    """
    goal_of = {p: m.goal.goal_id for m in met for p in m.project_ids}
    projects = tuple(
        replace(p, goal_id=goal_of[p.project_id])
        if p.goal_id is None and p.project_id in goal_of
        else p
        for p in rest.projects
    )
    goals = list(rest.goals)
    kept = {g.goal_id for g in goals}
    for m in sorted(met, key=lambda m: m.position):
        if m.goal.goal_id not in kept:
            goals.insert(min(m.position, len(goals)), m.goal)
    return rest.replace(projects=projects, goals=tuple(goals))


def met_goals_kept(
    rest: Problem,
    checkin: CheckIn | None,
    met: tuple[MetGoal, ...],
    parent: Callable[[], tuple[Problem, tuple[MetGoal, ...]] | None],
) -> tuple[tuple[MetGoal, ...], tuple[str, ...]]:
    """A saved check-in's met goals, and the ids of those no saved scenario has any more.

    A check-in saved before its met goals were kept (schema 10) has none, yet its re-plan
    ``rest`` lacks the goals it recorded a KPI for and found met: they are read from its
    ``parent`` (the inputs and met goals of the plan it re-planned), as a check-in keeps
    them since. With that parent deleted, their ids alone are left to name.
    """
    kept = {g.goal_id for g in rest.goals}
    lost = [] if checkin is None or met else [g for g in checkin.achieved if g not in kept]
    if not lost:
        return met, ()
    saved = parent()
    if saved is None:
        return (), tuple(lost)
    quarter = with_met_goals(*saved)
    found = tuple(m for m in met_goals(quarter, rest) if m.goal.goal_id in lost)
    ids = {m.goal.goal_id for m in found}
    return found, tuple(g for g in lost if g not in ids)


def unkept_words(goal_ids: Sequence[str]) -> str:
    """The met goals a check-in saved before they were kept cannot name (its parent is
    deleted), in the scenario's words."""
    goals = ", ".join(f"'{g}'" for g in goal_ids)
    noun = "goal" if len(goal_ids) == 1 else "goals"
    return (
        f"This check-in was saved before a check-in kept the goals it found met: {noun} "
        f"{goals}, met by then, {'is' if len(goal_ids) == 1 else 'are'} not among its goals "
        "at the quarter's end, and the plan it re-planned, which had "
        f"{'it' if len(goal_ids) == 1 else 'them'}, is deleted."
    )
