"""Conflicts, and the cheap checks that find them by arithmetic alone.

A :class:`Conflict` is rules that cannot all hold, in words, with the fixes
that remove it. The checks here need no solver: a pin that cannot hold, a
project that must be assigned but that no team may take. Forced work over
what one team or one department may plan is :mod:`planner.explain.forced_loads`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.core.domain import MARKETING, SALES, Problem, Project, Team, other_department
from planner.core.pairs import uncovered_skills
from planner.core.skill_words import skill_missing
from planner.explain.changes import (
    MAX_FIXES,
    Change,
    DropDependency,
    DropPin,
    Fix,
    MakeOptional,
    RaiseSkill,
)
from planner.explain.forced_weeks import room_for_work_in_progress, work_left
from planner.explain.in_progress import in_progress, in_progress_with, pinned_to
from planner.explain.rules import (
    Blocker,
    blockers_text,
    eligible_teams,
    forced_projects,
    has_pair,
    no_eligible_team,
    pair_blockers,
)
from planner.explain.sentences import as_sentence, join_names, project_name
from planner.optimizer.eligibility import exclusion

#: How a conflict found only once the first fixes are made opens.
EVEN_THEN = "Even then: "
#: The words a conflict's summary may open with that are not a name (a team's, a project's).
_OPENERS = ("This ", "These ", "Mandatory ")


@dataclass(frozen=True)
class Conflict:
    """Rules that cannot all hold, in words, with the fixes that remove the conflict.

    ``fix_texts`` are the fixes in words, cheapest first (rendered against
    the problem the conflict was found in).
    """

    summary: str
    fixes: tuple[Fix, ...]
    fix_texts: tuple[str, ...]
    project_ids: frozenset[str] = frozenset()
    team_ids: frozenset[str] = frozenset()
    #: Found only once the first fix of every earlier conflict was applied.
    later: bool = False

    def sentence(self, said: Mapping[tuple[Change, ...], str] | None = None) -> str:
        """The conflict and its fixes: "... Add 140 h to Demand Gen, or make 'X' optional."

        ``said`` maps fixes told once already (ahead of the conflicts) to the words
        that point back to them ("the change above").
        """
        summary = self.summary
        if self.later:
            # "Even then: this rule cannot hold", not "Even then: This rule ...": the
            # explainer's own openers go lower case after it, a name keeps its capital.
            if summary.startswith(_OPENERS):
                summary = summary[0].lower() + summary[1:]
            summary = EVEN_THEN + summary
        if not self.fix_texts:
            return as_sentence(summary)
        merged = self._merged(said or {})
        return f"{as_sentence(summary)} {as_sentence(', or '.join(merged))}"

    def _merged(self, said: Mapping[tuple[Change, ...], str]) -> list[str]:
        """Fix texts, with single "make 'X' optional" alternatives said once."""
        texts: list[str] = []
        optional: list[str] = []
        for fix, text in zip(self.fixes, self.fix_texts, strict=True):
            if fix.changes in said:
                texts.append(said[fix.changes])
                continue
            if len(fix.changes) == 1 and isinstance(fix.changes[0], MakeOptional):
                optional.append(text.removeprefix("make ").removesuffix(" optional"))
                if len(optional) > 1:
                    continue
            texts.append(text)
        if len(optional) > 1:
            first = texts.index(f"make {optional[0]} optional")
            texts[first] = f"make {' or '.join(optional)} optional"
        return texts


def make_conflict(
    problem: Problem,
    summary: str,
    fixes: Iterable[Fix],
    project_ids: Iterable[str] = (),
    team_ids: Iterable[str] = (),
) -> Conflict:
    """A conflict with its fixes said once each, confirmed ones first, then cheapest first."""
    unique: dict[tuple[Change, ...], Fix] = {}
    for fix in fixes:
        if fix.changes and fix.changes not in unique:
            unique[fix.changes] = fix
    ordered = sorted(unique.values(), key=lambda f: (not f.solves_all, f.cost))[:MAX_FIXES]
    return Conflict(
        summary,
        tuple(ordered),
        tuple(f.describe(problem) for f in ordered),
        frozenset(project_ids),
        frozenset(team_ids),
    )


class Facts:
    """What the cheap checks ask again and again about one problem, computed once."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.forced = forced_projects(problem)
        self.eligible = eligible_teams(problem, self.forced)
        self.pins: dict[str, list[str]] = defaultdict(list)
        for project_id, team_id in sorted(problem.pins):
            if project_id in problem.project_index and team_id in problem.team_index:
                self.pins[project_id].append(team_id)


def _label(problem: Problem, project_id: str, forced: Mapping[str, str]) -> str:
    project = problem.project(project_id)
    if project.mandatory:
        return f"Mandatory project {project_name(problem, project_id)}"
    reason = forced.get(project_id, "")
    if reason == "it is pinned":
        if in_progress(problem, project_id):
            return f"Project in progress {project_name(problem, project_id)}"
        return f"Pinned project {project_name(problem, project_id)}"
    return f"{project_name(problem, project_id)} ({reason})"


def cheap_conflicts(facts: Facts) -> list[Conflict]:
    """Pins that cannot hold and forced projects no team may take: arithmetic alone."""
    conflicts, pinned = pin_conflicts(facts)
    conflicts += _unplaceable_conflicts(facts, pinned)
    return conflicts


def pin_conflicts(facts: Facts) -> tuple[list[Conflict], set[str]]:
    """Pins that cannot hold: two pins, or a pin another rule rules out."""
    problem = facts.problem
    conflicts = []
    reported: set[str] = set()
    for project_id, team_ids in facts.pins.items():
        project = problem.project(project_id)
        teams = [problem.team(t) for t in team_ids]
        too_many = len(teams) > 1 and (
            not project.joint or len(teams) > 2 or len({t.department for t in teams}) < len(teams)
        )
        if too_many:
            owners = "one team" if not project.joint else "one sales and one marketing team"
            fixes = [
                Fix(tuple(DropPin(project_id, o.team_id) for o in teams if o is not keep))
                for keep in teams
            ]
            if _taking_over_fails(problem, project, teams):
                # The leader's team has no room for the work left: unlocking it is never
                # enough. The unpin is, unless the team it is in progress with lacks room too.
                leaders, runners = _leaders_and_runners(problem, project_id, teams)
                dropped = teams if room_for_work_in_progress(problem, project, runners) else leaders
                fixes = [Fix(tuple(DropPin(project_id, o.team_id) for o in dropped))]
            conflicts.append(
                make_conflict(
                    problem,
                    _pinned_apart(problem, project, teams, owners),
                    fixes,
                    [project_id],
                    team_ids,
                )
            )
            reported.add(project_id)
            continue
        for team in teams:
            blockers = pair_blockers(problem, project, team)
            if not blockers:
                if len(teams) == 1 and (lacking := _no_partner(problem, project, team)):
                    fixes = [Fix((DropPin(project_id, team.team_id),))]
                    if project.mandatory and not other_teams(facts, project, team):
                        fixes = [Fix((DropPin(project_id, team.team_id), MakeOptional(project_id)))]
                    conflicts.append(
                        make_conflict(
                            problem,
                            f"{pinned_to(problem, project_id, team.name)}, but {lacking}",
                            fixes,
                            [project_id],
                            [team.team_id],
                        )
                    )
                    reported.add(project_id)
                continue
            lifted = _lifting(blockers)
            fixes = [lifted] if lifted is not None and _plausible(problem, team, lifted) else []
            if project.mandatory and not other_teams(facts, project, team):
                fixes.append(Fix((DropPin(project_id, team.team_id), MakeOptional(project_id))))
            else:
                fixes.append(Fix((DropPin(project_id, team.team_id),)))
            reasons = blockers_text(blockers)
            conflicts.append(
                make_conflict(
                    problem,
                    f"{pinned_to(problem, project_id, team.name)}, but {reasons}",
                    fixes,
                    [project_id],
                    [team.team_id],
                )
            )
            reported.add(project_id)
    return conflicts, reported


def _no_partner(problem: Problem, project: Project, team: Team) -> str:
    """For a joint project pinned to ``team``: why no team of the other department may take
    it with ``team`` (the skills ``team`` lacks that no such team holds with it), or "".

    The sample's SLA dashboard pinned to Content read "This rule cannot hold: ... is pinned
    to Content. Unpin it": Content lacks analytics at level 3, and no sales team has it.
    """
    if not project.joint:
        return ""
    other = other_department(team.department)
    partners = [
        t for t in problem.teams if t.department == other and exclusion(problem, project, t) is None
    ]
    if not partners:
        return ""
    if any(not uncovered_skills(project, (team, p)) for p in partners):
        return ""
    lacks = uncovered_skills(project, (team,))
    absent = [(k, v) for k, v in lacks if not any(p.holds(k, v) for p in partners)]
    said = join_names(
        [skill_missing(problem.skill_name(k), v, team.level(k)) for k, v in absent or lacks]
    )
    held = "holds it" if len(absent or lacks) == 1 else "holds them" if absent else "holds them all"
    return f"it lacks {said}, and no {other} team that may take the {other} share {held}"


def _pinned_apart(problem: Problem, project: Project, teams: Sequence[Team], owners: str) -> str:
    """Pins to more teams than may own the project, in words.

    At a check-in, a leader's pin to one team and the work in progress with
    another read apart, with the hours a week the work has left and whether
    the pinned team has room for them: "'Trial flow' is pinned to Demand Gen,
    but it is in progress with Marketing Ops (130 h left: 65 h a week in
    weeks 7-8), and one team owns it"; "is in progress with Demand Gen and
    Marketing Ops" said of a pin the check-in never made.
    """
    project_id = project.project_id
    leaders, runners = _leaders_and_runners(problem, project_id, teams)
    if not leaders or not runners:
        names = join_names([t.name for t in teams])
        return f"{pinned_to(problem, project_id, names)}, but {owners} owns it"
    said = (
        f"{project_name(problem, project_id)} is pinned to "
        f"{join_names([t.name for t in leaders])}, but it is in progress with "
        f"{join_names([t.name for t in runners])} ({work_left(problem, project, runners)}), "
        f"and {owners} owns it"
    )
    room = _taking_over_fails(problem, project, teams)
    return f"{said}; {room}" if room is not None else said


def _leaders_and_runners(
    problem: Problem, project_id: str, teams: Sequence[Team]
) -> tuple[list[Team], list[Team]]:
    """The teams a leader pinned the project to, and those it is in progress with."""
    running = in_progress_with(problem, project_id)
    return (
        [t for t in teams if t.team_id not in running],
        [t for t in teams if t.team_id in running],
    )


def _taking_over_fails(problem: Problem, project: Project, teams: Sequence[Team]) -> str | None:
    """Why the teams a leader pinned work in progress to have no room for its weeks left."""
    leaders, runners = _leaders_and_runners(problem, project.project_id, teams)
    if not leaders or not runners:
        return None
    sides = {t.department for t in leaders}
    taking_over = [*leaders, *(t for t in runners if t.department not in sides)]
    return room_for_work_in_progress(problem, project, taking_over)


def _unplaceable_conflicts(facts: Facts, skip: set[str]) -> list[Conflict]:
    """Projects that must be assigned but that no team (or pair of teams) may take."""
    problem, forced = facts.problem, facts.forced
    conflicts = []
    for project_id in forced:
        project = problem.project(project_id)
        if project_id in skip or has_pair(project, facts.eligible[project_id]):
            continue
        blocked = no_eligible_team(problem, project_id)
        if blocked is None:
            continue
        fixes = list(_eligibility_fixes(problem, project))
        pins = facts.pins.get(project_id, [])  # pins to known teams only
        if pins:
            unpin: list[Change] = [DropPin(project_id, t) for t in pins]
            fixes.append(
                Fix((*unpin, MakeOptional(project_id)) if project.mandatory else tuple(unpin))
            )
        elif project.mandatory:
            fixes.append(Fix((MakeOptional(project_id),)))
        else:
            fixes.append(dependencies_dropped(problem, forced, project_id))
        conflicts.append(
            make_conflict(
                problem,
                f"{_label(problem, project_id, forced)} cannot be assigned: {blocked}",
                fixes,
                [project_id],
            )
        )
    return conflicts


def _lifting(blockers: Sequence[Blocker]) -> Fix | None:
    """The edits that lift every blocker (``None`` when there are none or one has no edit)."""
    changes = [b.change for b in blockers if b.change is not None]
    return Fix(tuple(changes)) if blockers and len(changes) == len(blockers) else None


def _foreign(problem: Problem, team: Team, skill: str) -> bool:
    """Whether ``skill`` is the other department's craft: none of the team's own holds it.

    Training a sales team in a skill only marketing has (or the reverse) is
    not advice a leader can act on; the other department's teams are.
    """
    holders = {t.department for t in problem.teams if t.holds(skill, 1)}
    return bool(holders) and team.department not in holders


def _plausible(problem: Problem, team: Team, fix: Fix) -> bool:
    """Whether a fix that lets ``team`` take a project trains it in no other department's craft."""
    return not any(
        isinstance(c, RaiseSkill) and _foreign(problem, team, c.skill) for c in fix.changes
    )


def _pair_fixes(problem: Problem, project: Project, teams: Iterable[Team]) -> list[Fix]:
    """For each team, the edits that would let it take the project; cheapest first."""
    fixes = [
        fix
        for team in teams
        if (fix := _lifting(pair_blockers(problem, project, team))) is not None
        and _plausible(problem, team, fix)
    ]
    return sorted(fixes, key=lambda f: f.cost)


def _eligibility_fixes(problem: Problem, project: Project) -> list[Fix]:
    """Edits that give a project with no eligible team (or pair) one; cheapest first."""
    if not project.joint:
        return _pair_fixes(problem, project, problem.teams)[:2]
    eligible = [t for t in problem.teams if exclusion(problem, project, t) is None]
    fixes: list[Fix] = []
    missing_side = False
    for department in (SALES, MARKETING):
        if not any(t.department == department for t in eligible):
            missing_side = True
            side = [t for t in problem.teams if t.department == department]
            fixes += _pair_fixes(problem, project, side)[:2]
    if missing_side:
        return fixes
    raises: list[Change] = []
    for skill, level in uncovered_skills(project, eligible):
        own = [t for t in eligible if not _foreign(problem, t, skill)] or eligible
        best = max(own, key=lambda t: t.level(skill))
        raises.append(RaiseSkill(best.team_id, skill, level))
    return [Fix(tuple(raises))] if raises else []


def dependencies_dropped(problem: Problem, forced: Mapping[str, str], project_id: str) -> Fix:
    """Let every project that must be assigned go ahead without ``project_id``."""
    return Fix(
        tuple(
            DropDependency(p.project_id, project_id)
            for p in problem.projects
            if project_id in p.depends_on and p.project_id in forced
        )
    )


def other_teams(facts: Facts, project: Project, team: Team) -> list[Team]:
    """Teams other than ``team`` that may take its place on the project once it is unpinned.

    Any department the stage policy allows; for a joint project, only ``team``'s
    own side, since the other side keeps its owner.
    """
    return [
        t
        for t in facts.eligible[project.project_id]
        if t.team_id != team.team_id and (not project.joint or t.department == team.department)
    ]
