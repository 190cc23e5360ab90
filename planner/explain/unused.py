"""Why hours a what-if adds stay unplanned, and what would make them usable.

"a contractor with 120 h: the 120 h it adds stay unplanned" left a CMO with no why
and no next step. For each team the what-if adds or gives more hours, the projects
still waiting are weighed with the rules the left-out reasons use
(:func:`~planner.explain.rules.pair_blockers`; a project the team may take is left to
the left-out reason 'Explain a project' gives): how many need more hours
than the team can plan, skills it lacks or stages it may not work on, and the edit
that brings the nearest of them within its reach.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from planner.core.capacity import team_limit
from planner.core.domain import Plan, Problem, Project, Team
from planner.core.shared_words import plural
from planner.explain.changes import (
    AddCapacity,
    AddTeamStage,
    AllowStage,
    DropForbid,
    RaiseSkill,
    RestoreMultiplier,
    RestoreUtilization,
)
from planner.explain.rule_words import prerequisites_left_out
from planner.explain.rules import Blocker, blockers_text, pair_blockers
from planner.explain.sentences import at_most, join_names, project_name
from planner.explain.weeks import WeekReasons

#: Teams whose unused hours are explained in one line; the rest are left to the pages.
TEAMS_TOLD = 2
#: Waiting projects a team may take by the rules named before "and N more".
NAMED = 3


def grown_teams(before: Problem, after: Problem) -> list[Team]:
    """The teams of ``after`` that are new or may plan more hours than in ``before``."""
    was = {t.team_id: t for t in before.teams}
    return [
        t
        for t in after.teams
        if t.team_id not in was or team_limit(after, t) > team_limit(before, was[t.team_id])
    ]


def _kind(blocker: Blocker) -> str:
    change = blocker.change
    if isinstance(change, RaiseSkill):
        return "skills"
    if isinstance(change, AddTeamStage | AllowStage):
        return "stages"
    if isinstance(change, DropForbid):
        return "forbidden"
    if isinstance(change, AddCapacity | RestoreMultiplier | RestoreUtilization) or (
        blocker.reason.startswith(("it needs", "even at full capacity"))
    ):
        return "hours"
    return "stages"


def _counted(team: Team, kinds: Counter[str]) -> list[str]:
    def words(kind: str, one: bool) -> str:
        need, are = ("needs", "is") if one else ("need", "are")
        return {
            "hours": f"{need} more hours than {team.name} can plan",
            "skills": f"{need} skills it lacks",
            "stages": f"{are} at a stage it may not work on",
            "forbidden": f"{are} forbidden to it by a leader's rule",
        }[kind]

    return [f"{n:,} {words(kind, n == 1)}" for kind, n in kinds.most_common()]


def _names(problem: Problem, projects: Sequence[Project]) -> str:
    return join_names(at_most([project_name(problem, p.project_id) for p in projects], NAMED))


def _open_words(problem: Problem, plan: Plan, team: Team, projects: list[Project]) -> list[str]:
    """Why the waiting ``projects`` no rule keeps from ``team`` still wait, by the left-out
    reasons' cheap checks: a prerequisite out of the plan, no week with room on the team
    (:class:`~planner.explain.weeks.WeekReasons`); the rest are left to Explain a project
    (weighing what each would displace takes seconds on a large quarter)."""
    if not projects:
        return []
    owners = plan.owners()
    weeks = WeekReasons(problem, plan) if problem.is_time_phased else None
    waits, no_week, rest = [], [], []
    for project in projects:
        if prerequisites_left_out(project, owners):
            waits.append(project)
        elif weeks is not None and weeks.blocked(project, [team], alone=project.joint):
            no_week.append(project)
        else:
            rest.append(project)
    said = []
    if no_week:
        n = len(no_week)
        said.append(
            f"{n:,} {'find' if n > 1 else 'finds'} no week with room on {team.name} "
            f"for {'their' if n > 1 else 'its'} hours a week ({_names(problem, no_week)})"
        )
    if waits:
        n = len(waits)
        said.append(
            f"{n:,} {'wait' if n > 1 else 'waits'} on a prerequisite not in the plan "
            f"({_names(problem, waits)})"
        )
    if rest:
        n = len(rest)
        said.append(
            f"{n:,} it may take {'are' if n > 1 else 'is'} left out for reasons of their own "
            f"({_names(problem, rest)}: 'Explain a project' on the Plan page, or "
            "planner explain, gives each)"
        )
    return said


def unused_team_words(problem: Problem, plan: Plan, team: Team, *, among: bool = False) -> str:
    """Why no waiting project goes to ``team`` in ``plan``, and the edit that brings the
    nearest within its reach. ``among`` other teams, in one clause with no ";" that names
    the team: "for SDR Team, of the 18 projects waiting, ..., and the nearest, 'X', is kept
    from it as ...: let ..., and it may take it"."""
    owners = plan.owners()
    waiting = [p for p in problem.projects if p.project_id not in owners]
    if not waiting:
        return "every project is in the plan already"
    blocked: dict[str, list[Blocker]] = {}
    kinds: Counter[str] = Counter()
    open_to_it = []
    for project in waiting:
        blockers = pair_blockers(problem, project, team)
        if blockers:
            blocked[project.project_id] = blockers
            kinds.update({_kind(b) for b in blockers})
        else:
            open_to_it.append(project)
    said = _counted(team, kinds)
    said += _open_words(problem, plan, team, open_to_it)
    line = f"of the {plural(len(waiting), 'project')} waiting, {join_names(said)}"
    if among:
        line = f"for {team.name}, {line}"
    if blocked:
        nearest, blockers = min(
            blocked.items(),
            key=lambda item: (len(item[1]), sum(b.change.size for b in item[1] if b.change)),
        )
        changes = join_names([b.change.describe(problem) for b in blockers if b.change])
        name, why = project_name(problem, nearest), blockers_text(blockers)
        if among:
            line += f", and the nearest, {name}, is kept from it as {why}" + (
                f": {changes}, and it may take it" if changes else ""
            )
        else:
            line += f"; the nearest, {name}: {why}" + (
                f"; {changes}, and it may take it" if changes else ""
            )
    return line


def unused_words(before: Problem, after: Problem, plan: Plan, teams: Sequence[Team] = ()) -> str:
    """:func:`unused_team_words` for each team the what-if grew (``teams``, by default
    :func:`grown_teams`), up to :data:`TEAMS_TOLD` of them; "" when none grew. Several
    teams are told one clause each, "; "-joined: "for SDR Team, ...; for Mid-Market AEs,
    ...", and no clause holds a ";" of its own."""
    grown = list(teams) or grown_teams(before, after)
    if len(grown) == 1:
        return unused_team_words(after, plan, grown[0])
    return "; ".join(unused_team_words(after, plan, t, among=True) for t in grown[:TEAMS_TOLD])


__all__ = ["grown_teams", "unused_team_words", "unused_words"]
