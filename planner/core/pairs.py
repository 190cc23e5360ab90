"""A team on a project: its share of the work, and the hours and value it carries.

A pair's amounts are the team's own estimate (estimates.csv) where it gives one,
else the project's, times the team's department's share of a joint project. The
optimizer's variables, the explanations' hours and a re-plan's carried plan all
read them here, so that a pair weighs the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from planner.core.domain import Problem, Project, Team


@dataclass(frozen=True, slots=True)
class Pair:
    """One (project, team) pair with the team's hours and value."""

    project_id: str
    team_id: str
    department: str
    share: Decimal
    effort_hours: Decimal  # this team's hours: the pair's effort x share
    value: Decimal  # this team's part of the value: the pair's value x share


def pair_of(problem: Problem, project: Project, team: Team) -> Pair:
    """The pair's share, and its hours and value for the team (estimate and share applied)."""
    effort, value = problem.pair_amounts(project, team.team_id)
    share = project.share(team.department)
    return Pair(
        project.project_id, team.team_id, team.department, share, effort * share, value * share
    )


def pair_hours(problem: Problem, project: Project, team: Team) -> Fraction:
    """Hours the team would carry for the project: its estimate (or the project's) x share."""
    effort, _ = problem.pair_amounts(project, team.team_id)
    return Fraction(effort * project.share(team.department))


def takes_stage(problem: Problem, stage: str, team: Team) -> bool:
    """Rule 3 for one team, the joint rule aside: the stage policy lets its department own
    ``stage``, and ``stage`` is one of the team's own (a team without stages takes every one
    its department may own)."""
    policy = problem.settings.stages
    return policy.allows(stage, team.department) and (not team.stages or stage in team.stages)


def uncovered_skills(project: Project, teams: Iterable[Team]) -> tuple[tuple[str, int], ...]:
    """Rule 4: the (skill, level) the project needs that none of ``teams`` holds, by name.

    A project's owners leave none: its one team, or a joint project's pair together.
    Eligibility (:mod:`planner.optimizer.eligibility`), the explanations and the input
    checks (:func:`may_take`) ask it.
    """
    held = tuple(teams)
    return tuple(
        (skill, level)
        for skill, level in sorted(project.required_skills.items())
        if not any(t.holds(skill, level) for t in held)
    )


def may_take(problem: Problem, project: Project, team: Team, pinned: Collection[str] = ()) -> bool:
    """Whether every rule but hours lets ``team`` own ``project`` (a joint project: its
    department's share): the stage policy and the team's stages, a forbid, a pin to other
    teams (``pinned``, the project's), and a single-team project's skills (a joint
    project's pair of teams covers the skills together, so no one team is held to them)."""
    if not takes_stage(problem, project.stage, team):
        return False
    if (project.project_id, team.team_id) in problem.forbids:
        return False
    # Pinned to other teams: of its department, for a joint project's share.
    if (
        pinned
        and team.team_id not in pinned
        and (not project.joint or any(_same_department(problem, t, team) for t in pinned))
    ):
        return False
    return project.joint or not uncovered_skills(project, (team,))


def _same_department(problem: Problem, team_id: str, team: Team) -> bool:
    """Whether the team ``team_id`` is of ``team``'s department (the set of a department's
    ids, made for each pin asked, cost 1.4 s of a load at 500 teams x 10,000 projects)."""
    other = problem.team_index.get(team_id)
    return other is not None and other.department == team.department


_Amount = TypeVar("_Amount")
_Converted = TypeVar("_Converted")


def converted(
    amounts: Iterable[_Amount], convert: Callable[[_Amount], _Converted]
) -> list[_Converted]:
    """``convert`` of each amount, worked out again only when the object changes.

    The pairs of one project share their amounts (the same objects, from
    :func:`~planner.optimizer.eligibility.eligible_pairs`), so a pass over the pairs in
    their order converts once per project and department: at 150 x 1,500, 1,700
    conversions of a ``Decimal`` where there are 42,000 pairs. The same object gives the
    same result, so the list is ``[convert(a) for a in amounts]``.
    """
    out: list[_Converted] = []
    append = out.append
    last: object = _NONE
    done: _Converted
    for amount in amounts:
        if amount is not last:
            last, done = amount, convert(amount)
        append(done)
    return out


def each_new(amounts: Iterable[_Amount]) -> Iterator[_Amount]:
    """``amounts`` without an object that repeats the one before it (as :func:`converted`)."""
    last: object = _NONE
    for amount in amounts:
        if amount is not last:
            last = amount
            yield amount


_NONE = object()
