"""What a re-plan changed, project by project: kept, moved, added, left out, done or dropped.

:func:`replan_diff` compares the baseline plan with the re-plan of the rest
of the quarter (:func:`planner.scenarios.rest_of_quarter.replan_problem`) and gives
each project's fate with its reason in words, as the Check-in page and
``planner checkin`` show it.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from planner.core.domain import Plan, Problem
from planner.core.shown_figures import percent
from planner.explain.rules import why_not
from planner.scenarios.checkin import CheckIn, ProjectStatus, removed_projects
from planner.scenarios.checkin_goals import GoalProgress, Pace, goal_progress
from planner.scenarios.out_of_plan import DROPPED_BY_YOU, NO_LONGER_FITS


class ChangeKind(enum.StrEnum):
    """What happened to one project between the baseline and the re-plan."""

    KEPT = "kept"
    MOVED = "moved"
    LEFT_OUT = "left out"  # the baseline assigned it; the re-plan does not
    ADDED = "added"  # the baseline left it out; the re-plan assigns it
    DONE = "done"
    DROPPED = "dropped"  # dropped (or blocked) at the check-in

    @property
    def counts_as_change(self) -> bool:
        """Rule 9 counts moved and left-out baseline projects."""
        return self in COUNTED_CHANGES


#: What counts against the change budget (rule 9): an owner moved, or baseline work left out.
COUNTED_CHANGES = (ChangeKind.MOVED, ChangeKind.LEFT_OUT)


@dataclass(frozen=True)
class ReplanChange:
    """One project's fate in the re-plan, with the reason in words."""

    project_id: str
    name: str
    kind: ChangeKind
    before: tuple[str, ...]
    after: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class ReplanDiff:
    """The re-plan against its baseline, project by project."""

    changes: tuple[ReplanChange, ...]

    @property
    def num_changes(self) -> int:
        """Baseline projects whose owners changed (what rule 9 bounds)."""
        return sum(1 for c in self.changes if c.kind.counts_as_change)

    def of_kind(self, *kinds: ChangeKind) -> tuple[ReplanChange, ...]:
        return tuple(c for c in self.changes if c.kind in kinds)


def replan_diff(
    problem: Problem,
    baseline_plan: Plan,
    new_plan: Plan,
    *,
    checkin: CheckIn | None = None,
    original: Problem | None = None,
    planned: Mapping[str, Fraction] | None = None,
    short: Collection[str] = (),
) -> ReplanDiff:
    """Who moved, who was added and who was left out, and why.

    Parameters
    ----------
    problem
        The re-plan problem that ``new_plan`` solves (from :func:`replan_problem`).
    baseline_plan, new_plan
        The plan before and after the check-in.
    checkin
        When given, baseline projects missing from ``problem`` are reported
        as done or dropped with their reason, and added projects say how
        their goal is doing.
    original
        The quarter's problem, for the names and goals of projects the
        re-plan left out of ``problem``.
    planned
        As for :func:`replan`: goals are behind their plan, not the straight line.
    short
        Teams whose hours left no longer hold the baseline as it was
        (:func:`~planner.scenarios.replan_fit.overrun_teams`): a project they give up
        says so first, not that it makes room for the work they take on instead.
    """
    before = baseline_plan.owners()
    after = new_plan.owners()
    left_out = {u.project_id: u.reason for u in new_plan.unassigned}
    removed = removed_projects(original, checkin) if original and checkin else {}
    paces = (
        {g.goal_id: g for g in goal_progress(original, checkin, planned)}
        if original and checkin
        else {}
    )
    gained = gained_by_team(before, after)
    changes = []

    def name_of(project_id: str) -> str:
        for source in (problem, original):
            if source is not None and project_id in source.project_index:
                return source.project(project_id).name
        return project_id

    def team_names(team_ids: Iterable[str]) -> str:
        return " + ".join(
            problem.team(t).name if t in problem.team_index else t for t in sorted(team_ids)
        )

    for project_id in _ordered_ids(problem, original, before, after):
        old = before.get(project_id, frozenset())
        new = after.get(project_id, frozenset())
        row = (project_id, name_of(project_id))
        if project_id not in problem.project_index:
            if old:
                why = removed.get(project_id, "no longer in the inputs")
                changes.append(_gone(row, old, why, team_names))
        elif old == new and old:
            changes.append(ReplanChange(*row, ChangeKind.KEPT, _t(old), _t(new)))
        elif old and new:
            reason = _moved_reason(problem, project_id, old, new, gained, team_names)
            changes.append(ReplanChange(*row, ChangeKind.MOVED, _t(old), _t(new), reason))
        elif old:
            reason = _left_out_reason(
                problem, project_id, old, gained, left_out, paces, original, short
            )
            changes.append(ReplanChange(*row, ChangeKind.LEFT_OUT, _t(old), (), reason))
        elif new:
            reason = _added_reason(problem, project_id, new, paces, team_names)
            changes.append(ReplanChange(*row, ChangeKind.ADDED, (), _t(new), reason))
    return ReplanDiff(tuple(changes))


def _gone(
    row: tuple[str, str], old: frozenset[str], why: str, team_names: Callable[[Iterable[str]], str]
) -> ReplanChange:
    """A baseline project no longer in the re-plan's inputs: done (its hours spent with
    its ``old`` teams) or dropped, ``why`` as the check-in said."""
    kind = ChangeKind.DONE if why == "done" else ChangeKind.DROPPED
    reason = (
        f"done: it stays with {team_names(old)}; its hours are spent"
        if kind is ChangeKind.DONE
        else f"{why} at the check-in"
    )
    return ReplanChange(*row, kind, _t(old), (), reason)


def _t(teams: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(teams))


def _ordered_ids(
    problem: Problem,
    original: Problem | None,
    before: Mapping[str, frozenset[str]],
    after: Mapping[str, frozenset[str]],
) -> list[str]:
    ids = [p.project_id for p in (original or problem).projects]
    ids += [p.project_id for p in problem.projects]
    ids += sorted(before) + sorted(after)
    return list(dict.fromkeys(ids))


def gained_by_team(
    before: Mapping[str, frozenset[str]], after: Mapping[str, frozenset[str]]
) -> dict[str, list[str]]:
    """Team id -> projects it owns ``after`` (the re-plan, or plan B) and did not
    ``before``: the work that a project it gives up made room for."""
    gained: dict[str, list[str]] = defaultdict(list)
    for project_id, teams in after.items():
        for team_id in sorted(teams - before.get(project_id, frozenset())):
            gained[team_id].append(project_id)
    return gained


def _moved_reason(
    problem: Problem,
    project_id: str,
    old: frozenset[str],
    new: frozenset[str],
    gained: Mapping[str, list[str]],
    team_names: Any,
) -> str:
    project = problem.project(project_id)
    text = f"from {team_names(old - new)} to {team_names(new - old)}"
    for team_id in sorted(old - new):
        if team_id not in problem.team_index:
            continue
        reason = why_not(problem, project, problem.team(team_id))
        if reason is not None:
            return f"{text}: {problem.team(team_id).name} can no longer take it ({reason})"
    taken = [p for t in sorted(old - new) for p in gained.get(t, ()) if p != project_id]
    if taken:
        names = ", ".join(f"'{problem.project(p).name}'" for p in taken)
        return f"{text}, which frees {team_names(old - new)} for {names}"
    return f"{text}: the re-plan scores higher this way (goals, fit or balance)"


def _left_out_reason(
    problem: Problem,
    project_id: str,
    old: frozenset[str],
    gained: Mapping[str, list[str]],
    left_out: Mapping[str, str],
    paces: Mapping[str, GoalProgress],
    original: Problem | None,
    short: Collection[str] = (),
) -> str:
    parts = []
    goal_id = original.project(project_id).goal_id if original is not None else None
    if goal_id is not None and goal_id in paces and paces[goal_id].pace is Pace.MET:
        parts.append(f"its goal '{paces[goal_id].name}' is already met")
    # A team whose hours left no longer hold the plan as it was had to give work up: "it
    # makes room for" the work it took on read as a choice, where work running late, or
    # more hours used, took the room first.
    held = [t for t in sorted(old) if t in short and t in problem.team_index]
    if held:
        teams = " and ".join(problem.team(t).name for t in held)
        parts.append(
            f"{teams} no longer {'has' if len(held) == 1 else 'have'} the hours "
            "for the plan as it was"
        )
    taken = [p for t in sorted(old) for p in gained.get(t, ())]
    if taken:
        names = ", ".join(f"'{problem.project(p).name}'" for p in dict.fromkeys(taken))
        parts.append(f"its room goes to {names}" if held else f"it makes room for {names}")
    if left_out.get(project_id):
        parts.append(left_out[project_id])
    return "; ".join(parts)


def _added_reason(
    problem: Problem,
    project_id: str,
    new: frozenset[str],
    paces: Mapping[str, GoalProgress],
    team_names: Any,
) -> str:
    project = problem.project(project_id)
    text = f"{team_names(new)} takes it"
    goal_id = project.goal_id
    if goal_id is None or goal_id not in problem.goal_index:
        return text
    goal = problem.goal_index[goal_id]
    share = 100 * Fraction(project.value) / Fraction(goal.target)
    text += f": it adds {percent(share)} of what is left of '{goal.name}'"
    pace = paces.get(goal_id)
    if pace is not None and pace.pace is Pace.BEHIND:
        text += f", which is behind ({percent(pace.percent_of_target)} of target with " + (
            f"{percent(pace.percent_expected)} of the quarter gone)"
            if pace.percent_planned is None
            else f"{percent(pace.percent_planned)} planned by now)"
        )
    return text


def dropped_heading(dropped: Sequence[ReplanChange], checkin: CheckIn) -> str:
    """The heading over the projects a check-in takes out: the leader's drops apart.

    "Dropped at the check-in" over a project the leader had only marked not started
    (its weeks no longer fit) read as if the leader had dropped it.
    """
    return f"**Out of the plan at the check-in: {len(dropped)}** · " + dropped_words(
        dropped, checkin
    )


#: The Change of a project a check-in takes out that the leader did not drop: its weeks
#: have passed, or a project it needs was dropped.
NO_LONGER_FITS_WORD = "no longer fits"


def change_word(change: ReplanChange, dropped_by_leader: Collection[str]) -> str:
    """One project's Change as the Check-in page, ``planner checkin`` and rest-of-quarter.csv
    write it: its kind, but "dropped" only for a project the leader dropped
    (``dropped_by_leader``); one whose weeks no longer fit "no longer fits" (the page's
    table read "dropped" beside a heading that said "no longer able to run in the weeks
    left")."""
    if change.kind is ChangeKind.DROPPED and change.project_id not in dropped_by_leader:
        return NO_LONGER_FITS_WORD
    return change.kind.value


def dropped_words(dropped: Sequence[ReplanChange], checkin: CheckIn) -> str:
    """The projects a check-in takes out, counted as :func:`dropped_heading` says them:
    "1 dropped by you, 1 no longer able to run in the weeks left"."""
    by_leader = checkin.ids_with(ProjectStatus.DROPPED)
    mine = sum(c.project_id in by_leader for c in dropped)
    parts = []
    if mine:
        parts.append(f"{mine} {DROPPED_BY_YOU}")
    if len(dropped) - mine:
        parts.append(f"{len(dropped) - mine} {NO_LONGER_FITS}")
    return ", ".join(parts)
