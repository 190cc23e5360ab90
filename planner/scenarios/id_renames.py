"""Ids renamed between two versions of the inputs (the Data page's "changing a project's
id renames it everywhere"), and a plan or the inputs carried over to the new ids."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from planner.core.domain import Plan, Problem
from planner.core.renames import renamed_rows


def renamed_projects(a: Problem, b: Problem) -> dict[str, str]:
    """Projects whose id changed from ``a`` to ``b``: A's id -> B's id.

    A project only A has and one only B has, of one name, each the only one of that name
    on its side: the Data page's rename of an id ("changing a project's id renames it
    everywhere"), which Compare listed as one project dropped and another added. Its id and
    name changed together, and nothing else, at its place in the table: renamed too
    (:func:`~planner.core.renames.renamed_in_place`). The same rule as the headline's
    "Since the previous plan" (:func:`~planner.scenarios.plan_change.plan_change`) and the
    Data page's follow-ups (:mod:`planner.core.edit_followups`).
    """
    return renamed_rows(
        a.projects,
        b.projects,
        lambda p: p.project_id,
        lambda p: p.name,
        lambda old, new: replace(old, project_id=new.project_id, name=new.name),
    )


def renamed_teams(a: Problem, b: Problem) -> dict[str, str]:
    """Teams whose id changed from ``a`` to ``b`` (A's id -> B's id), by the rule of
    :func:`renamed_projects`: the Data page's "changing a team's id renames it everywhere"."""
    return renamed_rows(
        a.teams,
        b.teams,
        lambda t: t.team_id,
        lambda t: t.name,
        lambda old, new: replace(old, team_id=new.team_id, name=new.name),
    )


#: (project renames, team renames) between two versions of the inputs: old id -> new id.
Renamed = tuple[Mapping[str, str], Mapping[str, str]]


def renamed_ids(before: Problem, after: Problem) -> tuple[dict[str, str], dict[str, str]]:
    """The projects and teams whose id alone an edit changed
    (:func:`~planner.scenarios.relative.is_edit_of`): the Data page renames an id
    everywhere, and the current plan still holds the old one."""
    return renamed_projects(before, after), renamed_teams(before, after)


def in_new_ids(plan: Plan, renamed: Renamed | None) -> Plan:
    """``plan`` with the renamed projects' and teams' ids (``renamed``) in their new ids."""
    if renamed is None or not (renamed[0] or renamed[1]):
        return plan
    projects, teams = renamed
    return replace(
        plan,
        assignments=tuple(
            replace(
                a,
                project_id=projects.get(a.project_id, a.project_id),
                team_id=teams.get(a.team_id, a.team_id),
            )
            for a in plan.assignments
        ),
        unassigned=tuple(
            replace(u, project_id=projects.get(u.project_id, u.project_id)) for u in plan.unassigned
        ),
    )


def in_team_ids(problem: Problem, renamed: Mapping[str, str]) -> Problem:
    """``problem`` with the teams ``renamed`` (old id -> new id) under their new ids, in
    every table and setting that names a team, as the Data page's rename leaves them."""
    if not renamed:
        return problem

    def new(team_id: str) -> str:
        return renamed.get(team_id, team_id)

    capacity = problem.settings.capacity
    multipliers = {new(k): v for k, v in capacity.multipliers.items()}
    return problem.replace(
        teams=tuple(replace(t, team_id=new(t.team_id)) for t in problem.teams),
        estimates=tuple(replace(e, team_id=new(e.team_id)) for e in problem.estimates),
        rules=tuple(replace(r, team_id=new(r.team_id)) for r in problem.rules),
        calendar=tuple(replace(c, team_id=new(c.team_id)) for c in problem.calendar),
        settings=problem.settings.with_changes(capacity=replace(capacity, multipliers=multipliers)),
    )
