"""Pins that cannot hold, said where they are made: the Constraints page's Pins and forbids
and ``planner validate``.

A pin to a team another rule keeps off the project (the stage policy, the team's stages,
its skills, a forbid) was applied as a what-if, and the plan read "No plan meets every
rule". The same cheap check every solve makes (:mod:`planner.explain.conflicts`) finds it
before: each such pin with why, and the teams that could take the project instead.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from planner.core.domain import Problem, Rule, RuleKind
from planner.core.errors import InputIssue, Severity
from planner.core.tables import RULES
from planner.explain.conflicts import Facts, pin_conflicts
from planner.explain.forced_weeks import pins_without_room
from planner.explain.rules import pair_blockers
from planner.explain.sentences import join_names


def pins_that_cannot_hold(problem: Problem) -> dict[tuple[str, str], str]:
    """(project id, team id) -> why that pin cannot hold, as a solve says it ("'SEO hub' is
    pinned to SDR Team, but the stage policy gives awareness work to Marketing only; ..."),
    for every pin another rule keeps off its team."""
    conflicts, _ = pin_conflicts(Facts(problem))
    said: dict[tuple[str, str], str] = {}
    for conflict in conflicts:
        for project_id in conflict.project_ids:
            for team_id in conflict.team_ids:
                said.setdefault((project_id, team_id), conflict.summary)
    return said


def teams_that_may_own(problem: Problem, project_id: str) -> list[str]:
    """The names of the teams no rule keeps off the project on its own, in the teams' order."""
    project = problem.project(project_id)
    return [t.name for t in problem.teams if not pair_blockers(problem, project, t)]


#: How many teams a pin's fix names before counting the others: at 150 teams it named
#: 117, a warning of 3,000 characters.
TEAMS_NAMED = 5


def _first_teams(names: Sequence[str]) -> str:
    """``names`` joined, the first :data:`TEAMS_NAMED` of them and how many more teams."""
    if len(names) <= TEAMS_NAMED:
        return join_names(names)
    joiner = "; " if any("," in name for name in names[:TEAMS_NAMED]) else ", "
    rest = len(names) - TEAMS_NAMED
    return (
        f"{joiner.join(names[:TEAMS_NAMED])} and {rest:,} more {'team' if rest == 1 else 'teams'}"
    )


def pin_issues(
    problem: Problem,
    rows: Sequence[tuple[str, str, str]] | None = None,
    *,
    made: Collection[tuple[str, str]] | None = None,
    severity: Severity = Severity.ERROR,
    weeks: bool = False,
) -> tuple[InputIssue, ...]:
    """Each pin of ``problem`` that cannot hold as an issue of rules.csv: its row (header =
    row 1) of ``rows``, the table's (project id, team id, rule) in order (default: the
    problem's rules, as :func:`~planner.core.loading.problem_to_frames` writes them), why,
    and the fix: a team that may own the project, or the row deleted. ``made``: only these
    (project id, team id) pins, the ones just made."""
    cannot = pins_that_cannot_hold(problem)
    # ``weeks``: a pin whose team has no run of weeks for its project too (validate).
    in_weeks = {k: v for k, v in pins_without_room(problem).items() if k not in cannot}
    cannot.update(in_weeks if weeks else {})
    if made is not None:
        cannot = {pair: why for pair, why in cannot.items() if pair in made}
    if not cannot:
        return ()
    if rows is None:
        rows = [(r.project_id, r.team_id, r.rule.value) for r in problem.rules]
    issues = []
    for at, (project_id, team_id, kind) in enumerate(rows):
        if str(kind).strip().lower() != RuleKind.PIN.value:
            continue
        rule = Rule(str(project_id).strip(), str(team_id).strip(), RuleKind.PIN)
        why = cannot.pop((rule.project_id, rule.team_id), None)
        if why is None:
            continue
        able = [
            name
            for name in teams_that_may_own(problem, rule.project_id)
            if name != problem.team(rule.team_id).name
        ]
        fix = (
            f"Pin it to a team that may own it ({_first_teams(able)}), or delete the row."
            if able
            else "Delete the row: no team may own the project as the data stand."
        )
        if (rule.project_id, rule.team_id) in in_weeks:
            fix = (
                "Give the project more weeks (duration_weeks) or a wider window "
                "(earliest_week to due_week), give the team more hours in those weeks "
                "(calendar.csv), or delete the row."
            )
        issues.append(InputIssue(RULES, at + 2, "team_id", f"{why}.", fix, severity=severity))
    return tuple(issues)
