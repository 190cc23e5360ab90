"""Explanations in business terms: why there is no plan, why a project is left
out, why a team owns a project, and where capacity binds.

Every answer names teams, projects, skills and hours, never solver variables.

- :func:`explain_infeasibility` (and :func:`infeasibility_reasons`, its cheap
  front door that :func:`~planner.solver.solve` calls before every solve):
  cheap checks first (a forced project no team may take, a pin that breaks
  another rule, one team's or one department's forced hours above what it
  can plan), then CP-SAT with one assumption literal per rule group and
  ``sufficient_assumptions_for_infeasibility``, shrunk by deletion
  filtering. Each conflict comes with the smallest relaxations that remove
  it, cheapest first, computed by solving relaxations (e.g. minimum extra
  hours on the named teams), so that applying one really helps.
- :func:`explain_unassigned` / :func:`unassigned_reasons`: no eligible team,
  a missing prerequisite, or capacity that went to better work (which team
  could take it, what it would displace, what that would do to the
  objective). Pure arithmetic: it runs on every solve.
- :func:`explain_assignment`: each objective term's share of an assignment
  and the best alternative team, with why it was not chosen.
- :func:`capacity_pressure` and :func:`capacity_gain`: teams at their limit
  and what extra hours would buy (the latter re-solves, time-bounded).
- :func:`explain_project`: all of the above for one project, as text or
  markdown, for the Plan page and ``planner explain``.
"""

from __future__ import annotations

import enum
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import ClassVar

import numpy as np
from ortools.sat.python import cp_model

from planner.domain import (
    MARKETING,
    SALES,
    Assignment,
    Baseline,
    Plan,
    Problem,
    Project,
    Result,
    RuleKind,
    Team,
)
from planner.eligibility import (
    eligibility_mask,
    exclusion,
    pair_amounts,
    team_capacity,
    team_limit,
)
from planner.settings import StageSettings, exact

#: Rounds of "find conflicts, apply their first fixes" at most.
MAX_ROUNDS = 6
#: Fixes shown per conflict.
MAX_FIXES = 3
#: Seconds for one CP-SAT query while explaining (a core, a deletion test, a relaxation).
_QUERY_S = 1.0
#: A team at this share of what it may plan counts as at its limit.
NEAR_LIMIT = Fraction(95, 100)


# ---------------------------------------------------------------------------
# Words and numbers
# ---------------------------------------------------------------------------


def _fmt(amount: Decimal | Fraction | float | int) -> str:
    """Hours and values as a leader writes them: ``1,400``, ``12.5``."""
    return f"{float(amount):,.1f}".rstrip("0").rstrip(".")


def _signed(amount: Fraction | float) -> str:
    """An objective change: ``+12.35``, ``-0.4``."""
    text = f"{float(amount):+,.2f}"
    return "+0" if text in ("+0.00", "-0.00") else text


def _name(problem: Problem, project_id: str) -> str:
    return f"'{problem.project(project_id).name}'"


def _names(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (``A; B and C`` when a name has a comma)."""
    if len(items) <= 1:
        return "".join(items)
    separator = "; " if any("," in item for item in items) else ", "
    return separator.join(items[:-1]) + " and " + items[-1]


def _count(n: int, noun: str) -> str:
    """``1 project``, ``2 projects``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


#: Sentences that start with one of these words get a capital; others start with a name.
_OWN_WORDS = frozenset(
    [
        "a",
        "add",
        "adding",
        "allow",
        "capacity",
        "even",
        "give",
        "it",
        "let",
        "lift",
        "make",
        "mandatory",
        "no",
        "the",
        "there",
        "these",
        "unpin",
        "why",
    ]
)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    if text.split(" ", 1)[0] in _OWN_WORDS:
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _team_hours(problem: Problem, project: Project, team: Team) -> Fraction:
    """Hours the team would carry for the project (estimate and share applied)."""
    effort, _ = pair_amounts(problem, project, team)
    return Fraction(effort * project.share(team.department))


def _team_value(problem: Problem, project: Project, team: Team) -> Fraction:
    _, value = pair_amounts(problem, project, team)
    return Fraction(value * project.share(team.department))


def _lacks_skills(project: Project, team: Team) -> bool:
    return any(team.level(s) < level for s, level in project.required_skills.items())


# ---------------------------------------------------------------------------
# Changes: concrete edits of the inputs that relax one rule
# ---------------------------------------------------------------------------


class Change:
    """One edit of the inputs that relaxes a rule; ``apply`` returns the edited problem.

    ``tier`` orders kinds of edits from cheap (a leader's own rule) to
    expensive (training a team in a new skill); ``size`` breaks ties.
    """

    tier: ClassVar[int] = 9

    def apply(self, problem: Problem) -> Problem:
        raise NotImplementedError

    def describe(self, problem: Problem) -> str:
        raise NotImplementedError

    @property
    def size(self) -> float:
        return 0.0


def _with_team(problem: Problem, team_id: str, **changes: object) -> Problem:
    teams = tuple(replace(t, **changes) if t.team_id == team_id else t for t in problem.teams)  # type: ignore[arg-type]
    return problem.replace(teams=teams)


def _with_project(problem: Problem, project_id: str, **changes: object) -> Problem:
    projects = tuple(
        replace(p, **changes) if p.project_id == project_id else p  # type: ignore[arg-type]
        for p in problem.projects
    )
    return problem.replace(projects=projects)


def _without_rule(problem: Problem, project_id: str, team_id: str, kind: RuleKind) -> Problem:
    rules = tuple(
        r
        for r in problem.rules
        if not (r.project_id == project_id and r.team_id == team_id and r.rule is kind)
    )
    return problem.replace(rules=rules)


@dataclass(frozen=True)
class AddCapacity(Change):
    """Raise a team's ``capacity_hours`` by ``hours``."""

    team_id: str
    hours: Decimal
    tier: ClassVar[int] = 2

    def apply(self, problem: Problem) -> Problem:
        team = problem.team(self.team_id)
        return _with_team(problem, self.team_id, capacity_hours=team.capacity_hours + self.hours)

    def describe(self, problem: Problem) -> str:
        return f"add {_fmt(self.hours)} h to {problem.team(self.team_id).name}"

    @property
    def size(self) -> float:
        return float(self.hours)


@dataclass(frozen=True)
class RaiseMaxProjects(Change):
    """Let a team take ``to`` projects."""

    team_id: str
    to: int
    tier: ClassVar[int] = 2

    def apply(self, problem: Problem) -> Problem:
        return _with_team(problem, self.team_id, max_projects=self.to)

    def describe(self, problem: Problem) -> str:
        team = problem.team(self.team_id)
        return f"let {team.name} take {_count(self.to, 'project')} instead of {team.max_projects}"

    @property
    def size(self) -> float:
        return float(self.to)


@dataclass(frozen=True)
class RaiseChangeBudget(Change):
    """Let ``to`` projects change owner from the baseline plan."""

    to: int
    tier: ClassVar[int] = 2

    def apply(self, problem: Problem) -> Problem:
        baseline = problem.baseline
        assert baseline is not None
        return problem.replace(baseline=Baseline(baseline.owners, self.to))

    def describe(self, problem: Problem) -> str:
        now = problem.baseline.max_changes if problem.baseline else 0
        return f"allow {_count(self.to, 'project')} to change owner instead of {now}"

    @property
    def size(self) -> float:
        return float(self.to)


@dataclass(frozen=True)
class DropPin(Change):
    """Remove the ``pin`` of a project to a team."""

    project_id: str
    team_id: str
    tier: ClassVar[int] = 1

    def apply(self, problem: Problem) -> Problem:
        return _without_rule(problem, self.project_id, self.team_id, RuleKind.PIN)

    def describe(self, problem: Problem) -> str:
        return f"unpin {_name(problem, self.project_id)} from {problem.team(self.team_id).name}"


@dataclass(frozen=True)
class DropForbid(Change):
    """Remove the ``forbid`` rule on a (project, team) pair."""

    project_id: str
    team_id: str
    tier: ClassVar[int] = 1

    def apply(self, problem: Problem) -> Problem:
        return _without_rule(problem, self.project_id, self.team_id, RuleKind.FORBID)

    def describe(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        return f"lift the rule that keeps {team} off {_name(problem, self.project_id)}"


@dataclass(frozen=True)
class AddTeamStage(Change):
    """Add a stage to a team's ``stages`` list."""

    team_id: str
    stage: str
    tier: ClassVar[int] = 3

    def apply(self, problem: Problem) -> Problem:
        team = problem.team(self.team_id)
        return _with_team(problem, self.team_id, stages=(*team.stages, self.stage))

    def describe(self, problem: Problem) -> str:
        return f"let {problem.team(self.team_id).name} work on {self.stage}"


@dataclass(frozen=True)
class DropDependency(Change):
    """Remove one project from another's ``depends_on``."""

    project_id: str
    needed: str
    tier: ClassVar[int] = 3

    def apply(self, problem: Problem) -> Problem:
        project = problem.project(self.project_id)
        kept = tuple(d for d in project.depends_on if d != self.needed)
        return _with_project(problem, self.project_id, depends_on=kept)

    def describe(self, problem: Problem) -> str:
        return (
            f"let {_name(problem, self.project_id)} go ahead without {_name(problem, self.needed)}"
        )


@dataclass(frozen=True)
class MakeOptional(Change):
    """Make a mandatory project optional."""

    project_id: str
    tier: ClassVar[int] = 4

    def apply(self, problem: Problem) -> Problem:
        return _with_project(problem, self.project_id, mandatory=False)

    def describe(self, problem: Problem) -> str:
        return f"make {_name(problem, self.project_id)} optional"


@dataclass(frozen=True)
class AllowStage(Change):
    """Let a department own work at a stage (the scenario's stage policy)."""

    stage: str
    department: str
    tier: ClassVar[int] = 5

    def apply(self, problem: Problem) -> Problem:
        stages = problem.settings.stages
        owners = dict(stages.owners)
        owners[self.stage] = (*owners.get(self.stage, ()), self.department)
        settings = problem.settings.with_changes(
            stages=StageSettings(order=stages.order, owners=owners)
        )
        return problem.replace(settings=settings)

    def describe(self, problem: Problem) -> str:
        return f"let {self.department} own {self.stage} work in the stage policy"


@dataclass(frozen=True)
class RaiseSkill(Change):
    """Give a team a skill at a level (training, a hire, a contractor)."""

    team_id: str
    skill: str
    level: int
    tier: ClassVar[int] = 6

    def apply(self, problem: Problem) -> Problem:
        team = problem.team(self.team_id)
        return _with_team(problem, self.team_id, skills={**team.skills, self.skill: self.level})

    def describe(self, problem: Problem) -> str:
        team = problem.team(self.team_id)
        now = team.level(self.skill)
        has = f"now {now}" if now else "none now"
        return f"give {team.name} {self.skill} at level {self.level} ({has})"

    @property
    def size(self) -> float:
        return float(self.level)


@dataclass(frozen=True)
class Fix:
    """Changes that together remove a conflict.

    ``solves_all`` is true when the solver confirmed that this fix alone
    makes a plan possible.
    """

    changes: tuple[Change, ...]
    solves_all: bool = False

    def apply(self, problem: Problem) -> Problem:
        for change in self.changes:
            problem = change.apply(problem)
        return problem

    @property
    def cost(self) -> tuple[int, float]:
        return (sum(c.tier for c in self.changes), sum(c.size for c in self.changes))

    def describe(self, problem: Problem) -> str:
        match self.changes:
            case (DropPin() as pin, MakeOptional() as made) if pin.project_id == made.project_id:
                return f"{pin.describe(problem)} and make it optional"
        optional = [c for c in self.changes if isinstance(c, MakeOptional)]
        capacity = [c for c in self.changes if isinstance(c, AddCapacity)]
        rest = [c for c in self.changes if not isinstance(c, MakeOptional | AddCapacity)]
        parts = []
        if capacity:
            parts.append(
                "add "
                + _names([f"{_fmt(c.hours)} h to {problem.team(c.team_id).name}" for c in capacity])
            )
        parts += [c.describe(problem) for c in rest]
        if optional:
            names = [_name(problem, c.project_id) for c in optional[:5]]
            if len(optional) > 5:
                names.append(f"{len(optional) - 5} more")
            parts.append("make " + _names(names) + " optional")
        return " and ".join(parts)


def _capacity_increase(problem: Problem, team: Team, extra: Fraction) -> Decimal | None:
    """Whole capacity hours that raise what ``team`` may plan by at least ``extra``."""
    s = problem.settings
    factor = exact(s.multiplier(team.team_id, team.department)) * exact(s.capacity.max_utilization)
    if factor <= 0 or extra <= 0:
        return None
    return Decimal(math.ceil(extra / factor))


# ---------------------------------------------------------------------------
# Why a pair is ruled out, with the edit that would rule it in
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Blocker:
    """One rule that keeps a team off a project, and the edit that lifts it."""

    reason: str
    change: Change | None


def pair_blockers(problem: Problem, project: Project, team: Team) -> list[Blocker]:
    """Every rule that keeps ``team`` off ``project`` on its own (empty when it may take it).

    For a joint project the skills are checked for the pair of teams, so they
    are not listed here.
    """
    out = []
    policy = problem.settings.stages
    stage = project.stage
    if not policy.allows(stage, team.department):
        allowed = " and ".join(policy.owners.get(stage, ())) or "no department"
        out.append(
            Blocker(
                f"the stage policy gives {stage} work to {allowed} only",
                AllowStage(stage, team.department),
            )
        )
    if team.stages and stage not in team.stages:
        out.append(
            Blocker(
                f"{team.name} only works on {', '.join(team.stages)}",
                AddTeamStage(team.team_id, stage),
            )
        )
    if (project.project_id, team.team_id) in problem.forbids:
        out.append(
            Blocker("a leader's rule forbids it", DropForbid(project.project_id, team.team_id))
        )
    if not project.joint:
        for skill, level in sorted(project.required_skills.items()):
            if team.level(skill) < level:
                out.append(
                    Blocker(
                        f"it lacks {skill} {level} (has {team.level(skill)})",
                        RaiseSkill(team.team_id, skill, level),
                    )
                )
    hours = _team_hours(problem, project, team)
    limit = team_limit(problem, team)
    if hours > limit:
        increase = _capacity_increase(problem, team, hours - limit)
        out.append(
            Blocker(
                f"it needs {_fmt(hours)} h, more than the {_fmt(limit)} h {team.name} can plan",
                AddCapacity(team.team_id, increase) if increase else None,
            )
        )
    return out


def blockers_text(blockers: Sequence[Blocker]) -> str:
    """The reasons in one phrase, each missing skill listed once after "it lacks"."""
    skills = [
        b.reason.removeprefix("it lacks ") for b in blockers if isinstance(b.change, RaiseSkill)
    ]
    reasons = [b.reason for b in blockers if not isinstance(b.change, RaiseSkill)]
    if skills:
        reasons.insert(
            len(reasons) - (1 if reasons and reasons[-1].startswith("it needs") else 0),
            "it lacks " + ", ".join(skills),
        )
    return _names(reasons)


def exclusions(problem: Problem, project_id: str) -> dict[str, str]:
    """Team id -> every reason that team may never own the project (eligible teams absent)."""
    project = problem.project(project_id)
    out = {}
    for team in problem.teams:
        reason = exclusion(problem, project, team)
        if reason is not None:
            blockers = pair_blockers(problem, project, team)
            out[team.team_id] = blockers_text(blockers) if blockers else reason
    return out


def _grouped(problem: Problem, excluded: Mapping[str, str]) -> str:
    """Teams with the same reason together, the closest calls (shortest reasons) first."""
    by_reason: dict[str, list[str]] = defaultdict(list)
    for team_id, reason in excluded.items():
        by_reason[reason].append(problem.team(team_id).name)
    ordered = sorted(by_reason.items(), key=lambda item: len(item[0]))
    return "; ".join(f"{', '.join(names)}: {reason}" for reason, names in ordered)


def no_eligible_team(
    problem: Problem, project_id: str, excluded: Mapping[str, str] | None = None
) -> str | None:
    """Why no team (or no sales/marketing pair) may take the project, if so.

    ``excluded`` is :func:`exclusions` of the project when the caller has it.
    """
    project = problem.project(project_id)
    if excluded is None:
        excluded = exclusions(problem, project_id)
    eligible = [t for t in problem.teams if t.team_id not in excluded]
    if not problem.teams:
        return "there are no teams"
    if not eligible:
        return f"no team may take it ({_grouped(problem, excluded)})"
    if project.joint:
        for department in (SALES, MARKETING):
            if not any(t.department == department for t in eligible):
                side = {
                    k: v for k, v in excluded.items() if problem.team(k).department == department
                }
                if not side:
                    return f"it is joint and there is no {department} team"
                return (
                    f"it is joint and no {department} team may take it ({_grouped(problem, side)})"
                )
        for skill, level in sorted(project.required_skills.items()):
            if not any(t.level(skill) >= level for t in eligible):
                return f"no team that may take it has {skill} at level {level}"
    return None


def _pair_fixes(problem: Problem, project: Project, teams: Iterable[Team]) -> list[Fix]:
    """For each team, the edits that would let it take the project; cheapest first."""
    fixes = []
    for team in teams:
        blockers = pair_blockers(problem, project, team)
        if blockers and all(b.change is not None for b in blockers):
            fixes.append(Fix(tuple(b.change for b in blockers if b.change is not None)))
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
    for skill, level in sorted(project.required_skills.items()):
        if not any(t.level(skill) >= level for t in eligible):
            best = max(eligible, key=lambda t: t.level(skill))
            raises.append(RaiseSkill(best.team_id, skill, level))
    return [Fix(tuple(raises))] if raises else []


# ---------------------------------------------------------------------------
# Infeasibility: conflicts and their fixes
# ---------------------------------------------------------------------------


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

    def sentence(self) -> str:
        """The conflict and its fixes: "... Add 140 h to Demand Gen, or make 'X' optional." """
        summary = self.summary
        if self.later:
            summary = "Even then: " + summary
        if not self.fix_texts:
            return _sentence(summary)
        return f"{_sentence(summary)} {_sentence(', or '.join(self._merged()))}"

    def _merged(self) -> list[str]:
        """Fix texts, with single "make 'X' optional" alternatives said once."""
        texts: list[str] = []
        optional: list[str] = []
        for fix, text in zip(self.fixes, self.fix_texts, strict=True):
            if len(fix.changes) == 1 and isinstance(fix.changes[0], MakeOptional):
                optional.append(text.removeprefix("make ").removesuffix(" optional"))
                if len(optional) > 1:
                    continue
            texts.append(text)
        if len(optional) > 1:
            first = texts.index(f"make {optional[0]} optional")
            texts[first] = f"make {' or '.join(optional)} optional"
        return texts


def _conflict(
    problem: Problem,
    summary: str,
    fixes: Iterable[Fix],
    project_ids: Iterable[str] = (),
    team_ids: Iterable[str] = (),
) -> Conflict:
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


@dataclass(frozen=True)
class InfeasibilityExplanation:
    """Why no plan exists: conflicts in the order found, each with its fixes.

    Each conflict after the first was found once the first fix of every
    earlier conflict was applied. ``complete`` is true when the solver
    confirmed that applying the first fix of every conflict makes a plan
    possible (see :meth:`repair`).
    """

    conflicts: tuple[Conflict, ...]
    complete: bool

    def repair(self, problem: Problem) -> Problem:
        """The problem with the first fix of every conflict applied."""
        for conflict in self.conflicts:
            if conflict.fixes:
                problem = conflict.fixes[0].apply(problem)
        return problem

    def sentences(self) -> list[str]:
        """One sentence per conflict (with its fixes), then a closing note."""
        out = [c.sentence() for c in self.conflicts]
        if not out and self.complete:
            return []
        if not out:
            return [
                "The rules conflict: no plan satisfies every mandatory project, pin, "
                "dependency, capacity and change budget at once."
            ]
        if self.complete and len(out) > 1:
            out.append("Doing the first suggestion of each makes a plan possible.")
        elif not self.complete:
            out.append("Other rules may still conflict once these are fixed.")
        return out

    def text(self) -> str:
        return "\n".join(self.sentences())

    def markdown(self) -> str:
        return "\n".join(f"- {s}" for s in self.sentences())


def _forced(problem: Problem) -> dict[str, str]:
    """Projects that every plan must assign -> why, in words.

    Mandatory and pinned projects, and everything they depend on.
    """
    why: dict[str, str] = {}
    queue: list[str] = []
    for project in problem.projects:
        if project.mandatory:
            why[project.project_id] = "it is mandatory"
            queue.append(project.project_id)
    for project_id, _ in sorted(problem.pins):
        if project_id in problem.project_index and project_id not in why:
            why[project_id] = "it is pinned"
            queue.append(project_id)
    while queue:
        current = queue.pop(0)
        for needed in problem.project(current).depends_on:
            if needed in problem.project_index and needed not in why:
                why[needed] = (
                    f"{_name(problem, current)}, which must be assigned, depends on it"
                    if why[current] != "it is mandatory"
                    else f"mandatory {_name(problem, current)} depends on it"
                )
                queue.append(needed)
    return why


def eligible_teams(problem: Problem, project_ids: Iterable[str]) -> dict[str, list[Team]]:
    """Project id -> the teams no rule rules out on its own (vectorised, for many projects)."""
    ids = list(dict.fromkeys(project_ids))
    if not ids:
        return {}
    sub = problem.replace(projects=tuple(problem.project(p) for p in ids))
    mask = eligibility_mask(sub)
    teams = problem.teams
    return {pid: [teams[j] for j in np.flatnonzero(mask[i])] for i, pid in enumerate(ids)}


def _has_pair(project: Project, eligible: Sequence[Team]) -> bool:
    """Whether some team (or a sales and marketing pair covering the skills) may take it."""
    if not project.joint:
        return bool(eligible)
    sales = [t for t in eligible if t.department == SALES]
    marketing = [t for t in eligible if t.department == MARKETING]
    if not sales or not marketing:
        return False
    return all(
        any(t.level(skill) >= level for t in eligible)
        for skill, level in project.required_skills.items()
    )


class _Facts:
    """What the cheap checks ask again and again about one problem, computed once."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.forced = _forced(problem)
        self.eligible = eligible_teams(problem, self.forced)
        self.pins: dict[str, list[str]] = defaultdict(list)
        for project_id, team_id in sorted(problem.pins):
            if project_id in problem.project_index and team_id in problem.team_index:
                self.pins[project_id].append(team_id)


def _label(problem: Problem, project_id: str, forced: Mapping[str, str]) -> str:
    project = problem.project(project_id)
    if project.mandatory:
        return f"Mandatory project {_name(problem, project_id)}"
    reason = forced.get(project_id, "")
    if reason == "it is pinned":
        return f"Pinned project {_name(problem, project_id)}"
    return f"{_name(problem, project_id)} ({reason})"


def _pin_conflicts(facts: _Facts) -> tuple[list[Conflict], set[str]]:
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
            conflicts.append(
                _conflict(
                    problem,
                    f"{_name(problem, project_id)} is pinned to "
                    f"{_names([t.name for t in teams])}, but {owners} owns it",
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
                continue
            fixes = []
            keep = [b.change for b in blockers if b.change is not None]
            if len(keep) == len(blockers):
                fixes.append(Fix(tuple(keep)))
            others = [
                t
                for t in facts.eligible[project_id]
                if t.team_id != team.team_id and t.department == team.department
            ]
            if project.mandatory and not others:
                fixes.append(Fix((DropPin(project_id, team.team_id), MakeOptional(project_id))))
            else:
                fixes.append(Fix((DropPin(project_id, team.team_id),)))
            reasons = blockers_text(blockers)
            conflicts.append(
                _conflict(
                    problem,
                    f"{_name(problem, project_id)} is pinned to {team.name}, but {reasons}",
                    fixes,
                    [project_id],
                    [team.team_id],
                )
            )
            reported.add(project_id)
    return conflicts, reported


def _unplaceable_conflicts(facts: _Facts, skip: set[str]) -> list[Conflict]:
    """Projects that must be assigned but that no team (or pair of teams) may take."""
    problem, forced = facts.problem, facts.forced
    conflicts = []
    for project_id in forced:
        project = problem.project(project_id)
        if project_id in skip or _has_pair(project, facts.eligible[project_id]):
            continue
        blocked = no_eligible_team(problem, project_id)
        if blocked is None:
            continue
        fixes = list(_eligibility_fixes(problem, project))
        pins = [t for p, t in sorted(problem.pins) if p == project_id]
        if pins:
            unpin: list[Change] = [DropPin(project_id, t) for t in pins]
            fixes.append(
                Fix((*unpin, MakeOptional(project_id)) if project.mandatory else tuple(unpin))
            )
        elif project.mandatory:
            fixes.append(Fix((MakeOptional(project_id),)))
        else:
            fixes.append(_drop_dependencies(problem, forced, project_id))
        conflicts.append(
            _conflict(
                problem,
                f"{_label(problem, project_id, forced)} cannot be assigned: {blocked}",
                fixes,
                [project_id],
            )
        )
    return conflicts


@dataclass(frozen=True)
class _Load:
    """A project that can only land on one team, with the hours it brings there."""

    project_id: str
    hours: Fraction
    pinned: bool


def _forced_loads(facts: _Facts) -> dict[str, list[_Load]]:
    """Team id -> forced projects that only that team may carry (pinned, or sole option)."""
    problem = facts.problem
    loads: dict[str, list[_Load]] = defaultdict(list)
    for project_id in facts.forced:
        project = problem.project(project_id)
        pinned = facts.pins.get(project_id, [])
        eligible = facts.eligible[project_id]
        departments = (SALES, MARKETING) if project.joint else (None,)
        for department in departments:
            side = [t for t in eligible if department is None or t.department == department]
            side_pins = [
                t for t in pinned if department is None or problem.team(t).department == department
            ]
            if side_pins:
                team = problem.team(side_pins[0])
                loads[team.team_id].append(
                    _Load(project_id, _team_hours(problem, project, team), True)
                )
            elif len(side) == 1:
                team = side[0]
                loads[team.team_id].append(
                    _Load(project_id, _team_hours(problem, project, team), False)
                )
    return loads


def _greedy_relief(loads: Sequence[_Load], need: Fraction, pinned: bool) -> list[_Load]:
    """The fewest loads (largest first) whose hours cover ``need``."""
    candidates = [x for x in loads if x.pinned == pinned]
    single = [x for x in candidates if x.hours >= need]
    if single:
        return [min(single, key=lambda x: x.hours)]
    chosen: list[_Load] = []
    freed = Fraction(0)
    for load in sorted(loads, key=lambda x: -x.hours):
        if freed >= need:
            break
        if load.pinned == pinned:
            chosen.append(load)
            freed += load.hours
    return chosen if freed >= need else []


def _unpin(facts: _Facts, loads: Sequence[_Load], team_id: str) -> Fix:
    """Unpin these projects from the team; a mandatory one no other team may take goes optional."""
    problem = facts.problem
    changes: list[Change] = [DropPin(x.project_id, team_id) for x in loads]
    for x in loads:
        project = problem.project(x.project_id)
        department = problem.team(team_id).department
        others = [
            t
            for t in facts.eligible[x.project_id]
            if t.team_id != team_id and (not project.joint or t.department == department)
        ]
        if project.mandatory and not others:
            changes.append(MakeOptional(x.project_id))
    return Fix(tuple(changes))


def _drop_dependencies(problem: Problem, forced: Mapping[str, str], project_id: str) -> Fix:
    """Let every project that must be assigned go ahead without ``project_id``."""
    return Fix(
        tuple(
            DropDependency(p.project_id, project_id)
            for p in problem.projects
            if project_id in p.depends_on and p.project_id in forced
        )
    )


def _team_load_conflicts(facts: _Facts) -> list[Conflict]:
    """One team must carry more hours (or projects) than it may."""
    problem, forced = facts.problem, facts.forced
    conflicts = []

    def note(x: _Load) -> str:
        if x.pinned:
            return ", pinned"
        if problem.project(x.project_id).mandatory:
            return ""
        return f", {forced[x.project_id]}"

    for team_id, loads in _forced_loads(facts).items():
        team = problem.team(team_id)
        hours = sum((x.hours for x in loads), Fraction(0))
        limit = team_limit(problem, team)
        listed = _names(
            [f"{_name(problem, x.project_id)} ({_fmt(x.hours)} h{note(x)})" for x in loads]
        )
        needed = [x for x in loads if not x.pinned and not problem.project(x.project_id).mandatory]
        what = (
            "work pinned to it or that no other team may take"
            if any(x.pinned for x in loads)
            else "work no other team may take"
        )
        optional = [x for x in loads if not x.pinned and problem.project(x.project_id).mandatory]
        ids = [x.project_id for x in loads]
        if hours > limit:
            need = hours - limit
            fixes = []
            increase = _capacity_increase(problem, team, need)
            if increase is not None:
                fixes.append(Fix((AddCapacity(team_id, increase),)))
            unpin = _greedy_relief(loads, need, pinned=True)
            if unpin:
                fixes.append(_unpin(facts, unpin, team_id))
            drop = _greedy_relief(optional, need, pinned=False)
            if drop:
                fixes.append(Fix(tuple(MakeOptional(x.project_id) for x in drop)))
            for x in sorted(needed, key=lambda x: x.hours):
                if x.hours >= need:
                    fixes.append(_drop_dependencies(problem, forced, x.project_id))
                    break
            conflicts.append(
                _conflict(
                    problem,
                    f"{team.name} can plan {_fmt(limit)} h but must carry {_fmt(hours)} h of "
                    f"{what}: {listed}",
                    fixes,
                    ids,
                    [team_id],
                )
            )
        if team.max_projects is not None and len(loads) > team.max_projects:
            extra = len(loads) - team.max_projects
            fixes = [Fix((RaiseMaxProjects(team_id, len(loads)),))]
            pinned = sorted((x for x in loads if x.pinned), key=lambda x: x.hours)
            if len(pinned) >= extra:
                fixes.append(_unpin(facts, pinned[:extra], team_id))
            if len(optional) >= extra:
                smallest = sorted(optional, key=lambda x: x.hours)[:extra]
                fixes.append(Fix(tuple(MakeOptional(x.project_id) for x in smallest)))
            conflicts.append(
                _conflict(
                    problem,
                    f"{team.name} takes at most {_count(team.max_projects, 'project')} but "
                    f"must take {len(loads)}, {what}: {listed}",
                    fixes,
                    ids,
                    [team_id],
                )
            )
    return conflicts


@dataclass(frozen=True)
class _DepartmentLoad:
    department: str
    projects: dict[str, Fraction]  # project id -> least hours it brings to the department
    teams: tuple[str, ...]  # the department's teams that may take at least one of them
    need: Fraction
    limit: Fraction


def _department_overloads(facts: _Facts) -> list[_DepartmentLoad]:
    """Departments whose forced projects need more hours than their teams may plan."""
    problem = facts.problem
    out = []
    for department in (SALES, MARKETING):
        projects: dict[str, Fraction] = {}
        helpers: set[str] = set()
        for project_id in facts.forced:
            project = problem.project(project_id)
            eligible = facts.eligible[project_id]
            pinned = [problem.team(t) for t in facts.pins.get(project_id, [])]
            if project.joint:
                side = [t for t in eligible if t.department == department]
                pinned = [t for t in pinned if t.department == department]
            else:
                if not eligible or any(t.department != department for t in eligible):
                    continue
                side = eligible
            options = pinned or side
            if not options:
                continue
            projects[project_id] = min(_team_hours(problem, project, t) for t in options)
            helpers.update(t.team_id for t in options)
        need = sum(projects.values(), Fraction(0))
        limit = sum((team_limit(problem, problem.team(t)) for t in helpers), Fraction(0))
        if need > limit and len(helpers) > 1:  # one team: the team's own check says it better
            ordered = tuple(t.team_id for t in problem.teams if t.team_id in helpers)
            out.append(_DepartmentLoad(department, projects, ordered, need, limit))
    return out


def _cheap_conflicts(facts: _Facts) -> list[Conflict]:
    """Pins that cannot hold and forced projects no team may take: arithmetic alone."""
    conflicts, pinned = _pin_conflicts(facts)
    conflicts += _unplaceable_conflicts(facts, pinned)
    return conflicts


def infeasibility_reasons(problem: Problem, time_limit_s: float = 5.0) -> list[str]:
    """Sentences that prove no plan exists, found by cheap checks (empty when none).

    When a cheap check finds a conflict, the full explanation (with fixes
    computed by the solver, within ``time_limit_s``) is returned; otherwise
    this costs a few passes over the data and returns ``[]``.
    """
    facts = _Facts(problem)
    if not (_cheap_conflicts(facts) or _department_overloads(facts) or _team_load_conflicts(facts)):
        return []
    return explain_infeasibility(problem, time_limit_s=time_limit_s).sentences()


def explain_infeasibility(
    problem: Problem, *, time_limit_s: float = 5.0
) -> InfeasibilityExplanation:
    """Why no plan exists, as conflicts in business terms, each with its fixes.

    Rounds: find conflicts (cheap checks, then CP-SAT assumption cores),
    apply the first fix of each, look again, until a plan is possible, the
    time is up or after :data:`MAX_ROUNDS` rounds.

    Parameters
    ----------
    problem
        A problem with no plan.
    time_limit_s
        Wall-clock budget for all CP-SAT queries together.
    """
    budget = _Budget(time_limit_s)
    conflicts: list[Conflict] = []
    current = problem
    complete = False
    for _ in range(MAX_ROUNDS):
        if budget.left() <= 0:
            complete = bool(conflicts) and _feasible(current, budget)
            break
        facts = _Facts(current)
        found = _cheap_conflicts(facts)
        if not found:
            found = _department_conflicts(facts, budget)
        if not found:
            found = _team_load_conflicts(facts)
        if not found:
            status, found = _core_conflicts(current, budget)
            if status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
                complete = _feasible(current, budget)
                break
            if status != cp_model.INFEASIBLE:
                break
        else:
            found = _checked(current, _sharpen(current, found, budget), budget)
        if conflicts and found:
            found = [replace(found[0], later=True), *found[1:]]
        conflicts += found
        if not found or not all(c.fixes for c in found):
            break
        for conflict in found:
            current = conflict.fixes[0].apply(current)
    else:
        # Out of rounds: say whether the fixes so far are enough.
        complete = bool(conflicts) and _feasible(current, budget)
    return InfeasibilityExplanation(tuple(conflicts), complete)


def _sharpen(problem: Problem, conflicts: list[Conflict], budget: _Budget) -> list[Conflict]:
    """Replace arithmetic shortfalls by the hours (and project caps) that make a plan possible.

    The cheap checks know each team's own shortfall; one relaxation with a
    slack on every named team's capacity (and project cap), all other rules
    kept, gives amounts that together leave no conflict, when there are such.
    """
    named = {
        (Kind.CAPACITY if isinstance(c, AddCapacity) else Kind.MAX_PROJECTS, c.team_id)
        for conflict in conflicts
        for fix in conflict.fixes
        for c in fix.changes
        if isinstance(c, AddCapacity | RaiseMaxProjects)
    }
    rx = budget.relaxation(problem) if named else None
    if rx is None:
        return conflicts
    relaxed = sorted(g for kind, team in named if (g := Group(kind, team)) in rx.lits)
    answer = rx.relax(set(rx.lits) - set(relaxed), relaxed, budget.query())
    if answer is None:
        return conflicts
    amounts = _changes_for(problem, rx, answer) or []
    out = []
    for conflict in conflicts:
        fixes = []
        for fix in conflict.fixes:
            teams = {
                c.team_id for c in fix.changes if isinstance(c, AddCapacity | RaiseMaxProjects)
            }
            if teams and len(teams) == len(fix.changes):
                mine = tuple(
                    c
                    for c in amounts
                    if isinstance(c, AddCapacity | RaiseMaxProjects)
                    and c.team_id in teams
                    and type(c) in {type(x) for x in fix.changes}
                )
                fix = Fix(mine, solves_all=True) if mine else fix
            fixes.append(fix)
        out.append(
            _conflict(problem, conflict.summary, fixes, conflict.project_ids, conflict.team_ids)
        )
    return out


def _checked(problem: Problem, conflicts: list[Conflict], budget: _Budget) -> list[Conflict]:
    """Keep the other fixes of each conflict only when the solver confirms them.

    Each alternative is tried with the first fix of every other conflict
    applied. A set of projects to make optional that is not enough is
    replaced by the fewest of the conflict's projects that is; other
    alternatives that do not help are dropped.
    """
    out = []
    for i, conflict in enumerate(conflicts):
        if budget.left() <= 0:
            out.append(conflict)
            continue
        base = problem
        for k, other in enumerate(conflicts):
            if k != i and other.fixes:
                base = other.fixes[0].apply(base)
        fixes: list[Fix] = []
        for position, fix in enumerate(conflict.fixes):
            if fix.solves_all:
                fixes.append(fix)
            elif budget.left() <= 0:
                if position == 0:
                    fixes.append(fix)
                break
            elif _feasible(fix.apply(base), budget):
                fixes.append(replace(fix, solves_all=True))
            elif all(isinstance(c, MakeOptional) for c in fix.changes):
                rx = budget.relaxation(base)
                groups = sorted(
                    g
                    for p in conflict.project_ids
                    if rx is not None and (g := Group(Kind.MANDATORY, p)) in rx.lits
                )
                answer = (
                    rx.relax(set(rx.lits) - set(groups), groups, budget.query())
                    if rx is not None
                    else None
                )
                changes = _changes_for(base, rx, answer) if rx is not None and answer else None
                if changes:
                    fixes.append(Fix(tuple(changes), solves_all=True))
                elif position == 0:
                    fixes.append(fix)
            elif position == 0:
                fixes.append(fix)  # not enough alone: the next round finds what is left
        if not any(f.solves_all for f in fixes):
            fixes = list(conflict.fixes)  # another conflict blocks every check: keep them all
        out.append(
            _conflict(problem, conflict.summary, fixes, conflict.project_ids, conflict.team_ids)
        )
    return out


def _feasible(problem: Problem, budget: _Budget) -> bool:
    """Whether every rule can hold at once (a quick CP-SAT check; ``False`` when unknown)."""
    rx = budget.relaxation(problem)
    if rx is None or budget.query() <= 0:
        return False
    status, _ = rx.check(rx.lits, budget.query())
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


# -- CP-SAT relaxation model --------------------------------------------------


class Kind(enum.StrEnum):
    """A group of hard rules that one assumption literal switches on."""

    MANDATORY = "mandatory"
    CAPACITY = "capacity"
    MAX_PROJECTS = "max_projects"
    PIN = "pin"
    FORBID = "forbid"
    STAGE_POLICY = "stage_policy"
    TEAM_STAGE = "team_stage"
    DEPENDENCY = "dependency"
    CHANGE_BUDGET = "change_budget"


#: Kinds relaxed by granting an amount (hours, projects, changes) rather than dropping a rule.
_AMOUNT_KINDS = (Kind.CAPACITY, Kind.MAX_PROJECTS, Kind.CHANGE_BUDGET)
#: Deletion filtering tries to drop these first, so that cores keep the rules leaders edit most.
_DELETION_ORDER = (
    Kind.TEAM_STAGE,
    Kind.STAGE_POLICY,
    Kind.FORBID,
    Kind.DEPENDENCY,
    Kind.CHANGE_BUDGET,
    Kind.MAX_PROJECTS,
    Kind.PIN,
    Kind.CAPACITY,
    Kind.MANDATORY,
)


@dataclass(frozen=True, order=True)
class Group:
    """One rule group: ``a`` and ``b`` name what it is about (see :meth:`describe`)."""

    kind: Kind
    a: str = ""
    b: str = ""

    def describe(self, problem: Problem) -> str:
        k = self.kind
        if k is Kind.MANDATORY:
            project = problem.project(self.a)
            return f"{_name(problem, self.a)} ({_fmt(project.effort_hours)} h) is mandatory"
        if k is Kind.CAPACITY:
            team = problem.team(self.a)
            return f"{team.name} can plan {_fmt(team_limit(problem, team))} h"
        if k is Kind.MAX_PROJECTS:
            team = problem.team(self.a)
            return f"{team.name} takes at most {_count(team.max_projects or 0, 'project')}"
        if k is Kind.PIN:
            return f"{_name(problem, self.a)} is pinned to {problem.team(self.b).name}"
        if k is Kind.FORBID:
            return f"a leader's rule keeps {problem.team(self.b).name} off {_name(problem, self.a)}"
        if k is Kind.STAGE_POLICY:
            return f"the stage policy keeps {self.b} out of {self.a} work"
        if k is Kind.TEAM_STAGE:
            team = problem.team(self.a)
            return f"{team.name} only works on {', '.join(team.stages)}"
        if k is Kind.DEPENDENCY:
            return f"{_name(problem, self.a)} depends on {_name(problem, self.b)}"
        budget = problem.baseline.max_changes if problem.baseline else 0
        return f"at most {_count(budget or 0, 'project')} may change owner from the baseline"


def _solver(seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = 1  # assumption cores need a single worker
    solver.parameters.log_search_progress = False
    return solver


def _relevant(problem: Problem) -> tuple[Project, ...]:
    """The projects that can make a problem infeasible.

    Any other project can always be left out: it is neither mandatory nor
    pinned, nothing that must be assigned depends on it, and it is not in the
    baseline plan (leaving one of those out counts as a change).
    """
    keep = set(_forced(problem))
    queue = [p for p in (problem.baseline.owners if problem.baseline else ()) if p not in keep]
    queue = [p for p in queue if p in problem.project_index]
    keep.update(queue)
    while queue:
        for needed in problem.project(queue.pop()).depends_on:
            if needed in problem.project_index and needed not in keep:
                keep.add(needed)
                queue.append(needed)
    return tuple(p for p in problem.projects if p.project_id in keep)


class _Relaxation:
    """The hard rules as a CP-SAT model, each rule group behind an assumption literal.

    Only the projects that can make the problem infeasible take part (see
    :func:`_relevant`); the rest are left out of every plan it considers.

    Pairs that a team lacks the skills for are left out (skills are not
    relaxed here); pairs ruled out by the stage policy, a team's stages or a
    forbid are variables that the group's literal forces to 0. Amount groups
    (capacity, project caps, change budget) also carry a slack variable that
    :meth:`relax` minimises.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        model = self.model = cp_model.CpModel()
        self.lits: dict[Group, cp_model.IntVar] = {}
        self.slacks: dict[Group, cp_model.IntVar] = {}
        self.projects = _relevant(problem)
        candidates = [
            (project, team, _team_hours(problem, project, team))
            for project in self.projects
            for team in problem.teams
            if project.joint or not _lacks_skills(project, team)
        ]
        self.hour_scale = _fraction_scale([h for _, _, h in candidates])
        self.x: dict[tuple[str, str], cp_model.IntVar] = {}
        self.by_project: dict[str, list[tuple[Team, cp_model.IntVar]]] = defaultdict(list)
        by_team: dict[str, list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        for project, team, hours in candidates:
            var = model.new_bool_var(f"x[{project.project_id},{team.team_id}]")
            self.x[(project.project_id, team.team_id)] = var
            self.by_project[project.project_id].append((team, var))
            by_team[team.team_id].append((var, int(hours * self.hour_scale)))
            for group in self._pair_groups(project, team):
                model.add_implication(self._lit(group), ~var)
        self.joint: dict[str, cp_model.IntVar] = {}
        self._one_owner()
        self._mandatory()
        self._capacity(by_team)
        self._max_projects(by_team)
        self._pins()
        self._dependencies()
        self._change_budget()
        self.by_index = {lit.index: g for g, lit in self.lits.items()}

    # -- building ---------------------------------------------------------

    def _lit(self, group: Group) -> cp_model.IntVar:
        if group not in self.lits:
            self.lits[group] = self.model.new_bool_var(f"{group.kind}[{group.a},{group.b}]")
        return self.lits[group]

    def _pair_groups(self, project: Project, team: Team) -> list[Group]:
        groups = []
        if not self.problem.settings.stages.allows(project.stage, team.department):
            groups.append(Group(Kind.STAGE_POLICY, project.stage, team.department))
        if team.stages and project.stage not in team.stages:
            groups.append(Group(Kind.TEAM_STAGE, team.team_id, project.stage))
        if (project.project_id, team.team_id) in self.problem.forbids:
            groups.append(Group(Kind.FORBID, project.project_id, team.team_id))
        return groups

    def assigned(self, project_id: str) -> cp_model.LinearExprT | None:
        """1 when the project is assigned; ``None`` when no team may ever take it."""
        if project_id in self.joint:
            return self.joint[project_id]
        owners = [v for _, v in self.by_project.get(project_id, ())]
        return cp_model.LinearExpr.sum(owners) if owners else None

    def _one_owner(self) -> None:
        for project in self.projects:
            owners = self.by_project.get(project.project_id, [])
            if not project.joint:
                if len(owners) > 1:
                    self.model.add_at_most_one(v for _, v in owners)
                continue
            both = self.model.new_bool_var(f"joint[{project.project_id}]")
            self.joint[project.project_id] = both
            for department in (SALES, MARKETING):
                side = [v for t, v in owners if t.department == department]
                self.model.add(cp_model.LinearExpr.sum(side) == both)
            for skill, level in project.required_skills.items():
                holders = [v for t, v in owners if t.level(skill) >= level]
                self.model.add(cp_model.LinearExpr.sum(holders) >= both)

    def _mandatory(self) -> None:
        for project in self.projects:
            if not project.mandatory:
                continue
            lit = self._lit(Group(Kind.MANDATORY, project.project_id))
            assigned = self.assigned(project.project_id)
            if assigned is None:
                self.model.add_bool_or([~lit])
            else:
                self.model.add(assigned == 1).only_enforce_if(lit)

    def _capacity(self, by_team: Mapping[str, list[tuple[cp_model.IntVar, int]]]) -> None:
        for team in self.problem.teams:
            items = by_team.get(team.team_id, [])
            total = sum(h for _, h in items)
            limit = math.floor(team_limit(self.problem, team) * self.hour_scale)
            if total <= limit:
                continue
            group = Group(Kind.CAPACITY, team.team_id)
            load = cp_model.LinearExpr.weighted_sum([v for v, _ in items], [h for _, h in items])
            self.model.add(load <= limit).only_enforce_if(self._lit(group))
            slack = self.model.new_int_var(0, total - limit, f"slack[{team.team_id}]")
            self.model.add(load <= limit + slack)
            self.slacks[group] = slack

    def _max_projects(self, by_team: Mapping[str, list[tuple[cp_model.IntVar, int]]]) -> None:
        for team in self.problem.teams:
            items = by_team.get(team.team_id, [])
            if team.max_projects is None or len(items) <= team.max_projects:
                continue
            group = Group(Kind.MAX_PROJECTS, team.team_id)
            count = cp_model.LinearExpr.sum([v for v, _ in items])
            self.model.add(count <= team.max_projects).only_enforce_if(self._lit(group))
            slack = self.model.new_int_var(0, len(items), f"extra_projects[{team.team_id}]")
            self.model.add(count <= team.max_projects + slack)
            self.slacks[group] = slack

    def _pins(self) -> None:
        for project_id, team_id in sorted(self.problem.pins):
            if project_id not in self.problem.project_index:
                continue
            if team_id not in self.problem.team_index:
                continue
            lit = self._lit(Group(Kind.PIN, project_id, team_id))
            var = self.x.get((project_id, team_id))
            if var is None:
                self.model.add_bool_or([~lit])
            else:
                self.model.add_implication(lit, var)

    def _dependencies(self) -> None:
        for project in self.projects:
            assigned = self.assigned(project.project_id)
            for needed in project.depends_on:
                if needed not in self.problem.project_index or assigned is None:
                    continue
                lit = self._lit(Group(Kind.DEPENDENCY, project.project_id, needed))
                prerequisite = self.assigned(needed)
                if prerequisite is None:
                    self.model.add(assigned == 0).only_enforce_if(lit)
                else:
                    self.model.add(assigned <= prerequisite).only_enforce_if(lit)

    def _change_budget(self) -> None:
        baseline = self.problem.baseline
        if baseline is None or baseline.max_changes is None:
            return
        changed = []
        for project_id, owners in baseline.owners.items():
            if project_id not in self.problem.project_index:
                continue
            moved = self.model.new_bool_var(f"changed[{project_id}]")
            for team, var in self.by_project.get(project_id, []):
                if team.team_id in owners:
                    self.model.add(moved >= 1 - var)
                else:
                    self.model.add(moved >= var)
            possible = {t.team_id for t, _ in self.by_project.get(project_id, [])}
            if not owners <= possible:
                self.model.add(moved == 1)
            changed.append(moved)
        if len(changed) <= baseline.max_changes:
            return
        group = Group(Kind.CHANGE_BUDGET)
        total = cp_model.LinearExpr.sum(changed)
        self.model.add(total <= baseline.max_changes).only_enforce_if(self._lit(group))
        slack = self.model.new_int_var(0, len(changed), "extra_changes")
        self.model.add(total <= baseline.max_changes + slack)
        self.slacks[group] = slack

    # -- queries ----------------------------------------------------------

    def check(
        self, groups: Iterable[Group], seconds: float
    ) -> tuple[cp_model.CpSolverStatus, list[Group]]:
        """Solve with ``groups`` switched on: the status and, if infeasible, a core."""
        groups = list(groups)
        self.model.clear_assumptions()
        self.model.add_assumptions([self.lits[g] for g in groups])
        solver = _solver(seconds)
        status = solver.solve(self.model)
        self.model.clear_assumptions()
        if status != cp_model.INFEASIBLE:
            return status, []
        core = [
            self.by_index[i]
            for i in solver.sufficient_assumptions_for_infeasibility()
            if i in self.by_index
        ]
        return status, core or groups

    def relax(
        self, hard: Iterable[Group], relaxed: Sequence[Group], seconds: float
    ) -> dict[Group, int] | None:
        """The least relaxation of ``relaxed`` that makes ``hard`` hold.

        For amount groups, the slack each needs (in model units); for the
        others, 1 for each group that must go. ``None`` when even dropping all
        of ``relaxed`` is not enough (or no answer came in time).
        """
        model = self.model.clone()
        model.clear_assumptions()
        for group in hard:
            model.add_bool_and([model.get_bool_var_from_proto_index(self.lits[group].index)])
        slacks: dict[Group, cp_model.IntVar] = {}
        kept: dict[Group, cp_model.IntVar] = {}
        terms: list[cp_model.LinearExprT] = []
        weights: list[int] = []
        for g in relaxed:
            if g.kind in _AMOUNT_KINDS:
                slacks[g] = model.get_int_var_from_proto_index(self.slacks[g].index)
                terms.append(slacks[g])
                # An extra project (or change) weighs like 100 extra hours.
                weights.append(1 if g.kind is Kind.CAPACITY else 100 * self.hour_scale)
            else:
                kept[g] = model.get_bool_var_from_proto_index(self.lits[g].index)
                terms.append(1 - kept[g])
                weights.append(1)
        model.minimize(cp_model.LinearExpr.weighted_sum(terms, weights))
        solver = _solver(seconds)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        answer = {g: v for g, var in slacks.items() if (v := int(solver.value(var))) > 0}
        answer.update({g: 1 for g, var in kept.items() if not solver.boolean_value(var)})
        return answer


def _fraction_scale(amounts: Sequence[Fraction]) -> int:
    """The smallest power of ten that makes every amount whole (hours have <= 3 decimals)."""
    scale = 1
    for amount in amounts:
        while (amount * scale).denominator != 1 and scale < 10**6:
            scale *= 10
    return scale


class _Budget:
    """The wall-clock budget of one explanation; every model build and CP-SAT query keeps to it.

    A relaxation model is only built when the time left covers twice the
    slowest build so far (estimated from its size before the first one).
    """

    #: Seconds per (project, team) candidate pair, to guess the first build's time.
    PAIR_S = 20e-6

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + max(0.05, seconds)
        self.build_s = 0.0

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def query(self, cap: float = _QUERY_S) -> float:
        """Seconds for the next CP-SAT query (<= 0: none left)."""
        return min(cap, self.left())

    def relaxation(self, problem: Problem) -> _Relaxation | None:
        """The relaxation model of ``problem``, or ``None`` when there is no time to build it."""
        guess = self.PAIR_S * len(_relevant(problem)) * len(problem.teams)
        if self.left() < 2 * max(self.build_s, guess) + 0.05:
            return None
        started = time.perf_counter()
        rx = _Relaxation(problem)
        self.build_s = max(self.build_s, time.perf_counter() - started)
        return rx


def _minimal_core(rx: _Relaxation, core: list[Group], budget: _Budget) -> list[Group]:
    """Deletion filtering: drop each group whose absence keeps the core infeasible."""
    rank = {k: i for i, k in enumerate(_DELETION_ORDER)}
    core = sorted(set(core), key=lambda g: (rank[g.kind], g))
    i = 0
    while i < len(core) and len(core) > 1:
        if budget.query() <= 0:
            break
        trial = core[:i] + core[i + 1 :]
        status, smaller = rx.check(trial, budget.query())
        if status == cp_model.INFEASIBLE:
            keep = set(smaller)
            core = [g for g in trial if g in keep]
        else:
            i += 1
    return core


def _changes_for(
    problem: Problem, rx: _Relaxation, relaxation: Mapping[Group, int]
) -> list[Change] | None:
    """Turn a relaxation of the model into edits of the inputs."""
    changes: list[Change] = []
    for group, amount in sorted(relaxation.items()):
        k = group.kind
        if k is Kind.CAPACITY:
            team = problem.team(group.a)
            increase = _capacity_increase(problem, team, Fraction(amount, rx.hour_scale))
            if increase is None:
                return None
            changes.append(AddCapacity(group.a, increase))
        elif k is Kind.MAX_PROJECTS:
            team = problem.team(group.a)
            changes.append(RaiseMaxProjects(group.a, (team.max_projects or 0) + amount))
        elif k is Kind.CHANGE_BUDGET:
            budget = problem.baseline.max_changes if problem.baseline else 0
            changes.append(RaiseChangeBudget((budget or 0) + amount))
        elif k is Kind.MANDATORY:
            changes.append(MakeOptional(group.a))
        elif k is Kind.PIN:
            changes.append(DropPin(group.a, group.b))
        elif k is Kind.FORBID:
            changes.append(DropForbid(group.a, group.b))
        elif k is Kind.STAGE_POLICY:
            changes.append(AllowStage(group.a, group.b))
        elif k is Kind.TEAM_STAGE:
            changes.append(AddTeamStage(group.a, group.b))
        elif k is Kind.DEPENDENCY:
            changes.append(DropDependency(group.a, group.b))
    return changes


_AMOUNT_CHANGES = (AddCapacity, RaiseMaxProjects, RaiseChangeBudget)


def _fixes_for_core(
    rx: _Relaxation, core: Sequence[Group], budget: _Budget, *, alternatives: bool = True
) -> list[Fix]:
    """For each kind of rule in the core, the least relaxation of that kind that helps.

    First with every other rule of the problem kept (a fix that makes a plan
    possible on its own); failing that, with only the core's other rules
    kept (a fix for this conflict; others remain).
    """
    problem = rx.problem
    everything = set(rx.lits)
    # Kind by kind; then, if no single kind of amount (hours, project caps,
    # changes) helps on its own, every amount in the core together.
    by_kind: dict[str, list[Group]] = defaultdict(list)
    for group in core:
        by_kind[group.kind].append(group)
    amounts = [g for g in core if g.kind in _AMOUNT_KINDS]
    if len({g.kind for g in amounts}) > 1:
        by_kind["amount"] = amounts
    fixes: list[Fix] = []
    for kind, groups in by_kind.items():
        if kind == "amount" and any(
            f.solves_all and all(type(c) in _AMOUNT_CHANGES for c in f.changes) for f in fixes
        ):
            continue
        if budget.query() <= 0:
            break
        relaxed = sorted(groups)
        whole = True
        answer = rx.relax(everything - set(relaxed), relaxed, budget.query())
        if answer is None and budget.query() > 0:
            whole = False
            rest = set(core) - set(relaxed)
            answer = rx.relax(rest, relaxed, budget.query())
        if not answer:
            continue
        changes = _changes_for(problem, rx, answer)
        if changes:
            fixes.append(Fix(tuple(changes), solves_all=whole))
        if not alternatives or kind == "amount" or kind in _AMOUNT_KINDS or len(answer) != 1:
            continue
        # Other single rules of the same kind that would do as well.
        hard = everything if whole else set(core)
        for group in relaxed:
            if group in answer or budget.query() <= 0 or len(fixes) > 2 * MAX_FIXES:
                continue
            status, _ = rx.check(hard - {group}, budget.query())
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                other = _changes_for(problem, rx, {group: 1})
                if other:
                    fixes.append(Fix(tuple(other), solves_all=whole))
    return fixes


def _core_summary(problem: Problem, core: Sequence[Group]) -> str:
    """The rules of a core in one sentence, most telling first.

    The common case, mandatory (or pinned) work against capacity, reads as
    "Mandatory projects ... need more hours than ... can plan", followed by
    the rules that keep other teams from helping.
    """
    order = {k: i for i, k in enumerate(reversed(_DELETION_ORDER))}
    core = sorted(core, key=lambda g: (order[g.kind], g))
    mandatory = [g for g in core if g.kind is Kind.MANDATORY]
    capacity = [g for g in core if g.kind is Kind.CAPACITY]
    if mandatory and capacity:
        shown = [
            f"{_name(problem, g.a)} ({_fmt(problem.project(g.a).effort_hours)} h)"
            for g in mandatory[:6]
        ]
        if len(mandatory) > 6:
            shown.append(f"{len(mandatory) - 6} more")
        work = _names(shown)
        noun = "projects" if len(mandatory) > 1 else "project"
        verb = "need" if len(mandatory) > 1 else "needs"
        teams = _names(
            [
                f"{problem.team(g.a).name} ({_fmt(team_limit(problem, problem.team(g.a)))} h)"
                for g in capacity
            ]
        )
        rest = [g.describe(problem) for g in core if g not in mandatory and g not in capacity]
        text = f"Mandatory {noun} {work} {verb} more hours than {teams} can plan"
        return text + (f", given that {'; '.join(rest)}" if rest else "")
    parts = [g.describe(problem) for g in core]
    return "These rules cannot all hold: " + "; ".join(parts)


def _ids(core: Iterable[Group]) -> tuple[set[str], set[str]]:
    projects: set[str] = set()
    teams: set[str] = set()
    for g in core:
        if g.kind in (Kind.MANDATORY, Kind.PIN, Kind.FORBID, Kind.DEPENDENCY):
            projects.add(g.a)
            if g.kind is Kind.DEPENDENCY:
                projects.add(g.b)
            elif g.b:
                teams.add(g.b)
        elif g.kind in (Kind.CAPACITY, Kind.MAX_PROJECTS, Kind.TEAM_STAGE):
            teams.add(g.a)
    return projects, teams


def _core_conflicts(
    problem: Problem, budget: _Budget
) -> tuple[cp_model.CpSolverStatus, list[Conflict]]:
    """One conflict from a CP-SAT assumption core, shrunk and with its fixes."""
    rx = budget.relaxation(problem)
    if rx is None or budget.query() <= 0:
        return cp_model.UNKNOWN, []
    status, core = rx.check(rx.lits, budget.query(2 * _QUERY_S))
    if status != cp_model.INFEASIBLE:
        return status, []
    core = _minimal_core(rx, core, budget)
    fixes = _fixes_for_core(rx, core, budget)
    if not fixes:
        # No time left for relaxations: dropping the whole core's rules always works.
        changes = _changes_for(problem, rx, dict.fromkeys(core, 1)) or []
        amounts = [c for c in changes if not isinstance(c, AddCapacity | RaiseMaxProjects)]
        fixes = [Fix(tuple(amounts))] if amounts else []
    projects, teams = _ids(core)
    return status, [_conflict(problem, _core_summary(problem, core), fixes, projects, teams)]


def _department_conflicts(facts: _Facts, budget: _Budget) -> list[Conflict]:
    """A department's forced hours above what its teams may plan, with solver-computed fixes.

    The fixes make a plan possible on their own (the solver says so). When
    they cannot (other rules conflict too) the conflict is left to the
    general search; when there is no time to ask the solver, the fix is the
    fewest mandatory projects whose hours cover the shortfall.
    """
    conflicts = []
    problem = facts.problem
    for overload in _department_overloads(facts):
        rx = budget.relaxation(problem)
        if rx is not None:
            groups = [
                g
                for t in overload.teams
                for k in (Kind.CAPACITY, Kind.MAX_PROJECTS)
                if (g := Group(k, t)) in rx.lits
            ]
            groups += [g for p in overload.projects if (g := Group(Kind.MANDATORY, p)) in rx.lits]
            fixes = [
                f for f in _fixes_for_core(rx, groups, budget, alternatives=False) if f.solves_all
            ]
            if not fixes:
                continue  # other rules conflict too: the general search explains them
        else:
            fixes = _shortfall_fixes(facts, overload)
        listed = sorted(overload.projects.items(), key=lambda kv: -kv[1])
        items = [f"{_name(problem, p)} {_fmt(h)} h" for p, h in listed[:4]]
        if len(listed) > 4:
            items.append(f"{len(listed) - 4} more")
        shown = _names(items)
        teams = overload.teams
        shown_teams = [problem.team(t).name for t in teams[:6]]
        if len(teams) > 6:
            shown_teams.append(f"{len(teams) - 6} more")
        team_names = _names(shown_teams)
        conflicts.append(
            _conflict(
                problem,
                f"Mandatory {overload.department} work needs at least {_fmt(overload.need)} h "
                f"({shown}), but the {overload.department} teams that may take it "
                f"({team_names}) can plan only {_fmt(overload.limit)} h",
                fixes,
                overload.projects,
                overload.teams,
            )
        )
    return conflicts


def _shortfall_fixes(facts: _Facts, overload: _DepartmentLoad) -> list[Fix]:
    """The fewest mandatory projects (largest first) whose hours cover a department's shortfall."""
    problem = facts.problem
    need = overload.need - overload.limit
    chosen: list[Change] = []
    freed = Fraction(0)
    for project_id, hours in sorted(overload.projects.items(), key=lambda kv: -kv[1]):
        if freed >= need:
            break
        if problem.project(project_id).mandatory and project_id not in facts.pins:
            chosen.append(MakeOptional(project_id))
            freed += hours
    return [Fix(tuple(chosen))] if freed >= need else []


# ---------------------------------------------------------------------------
# The objective, term by term, for small edits of a plan
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    """Objective terms (already weighted), signed: penalties count negative."""

    attainment: Fraction = Fraction(0)
    value: Fraction = Fraction(0)
    fit: Fraction = Fraction(0)
    balance: Fraction = Fraction(0)
    stability: Fraction = Fraction(0)

    @cached_property
    def total(self) -> Fraction:
        return self.attainment + self.value + self.fit + self.balance + self.stability

    def __neg__(self) -> Contribution:
        return Contribution(
            -self.attainment, -self.value, -self.fit, -self.balance, -self.stability
        )

    def terms(self) -> dict[str, Fraction]:
        """The non-zero terms by name."""
        names = ("attainment", "value", "fit", "balance", "stability")
        return {n: getattr(self, n) for n in names if getattr(self, n)}

    def describe(self) -> str:
        """``+12.35 (attainment +12.4, fit +0.05, balance -0.1)``."""
        terms = ", ".join(f"{n} {_signed(v)}" for n, v in self.terms().items())
        return f"{_signed(self.total)}" + (f" ({terms})" if terms else "")


_HUNDRED = Fraction(100)


@dataclass(frozen=True)
class _Add:
    """A (project, team) pair to add to a plan (see :meth:`_Scorer.add`)."""

    project_id: str
    team_id: str
    hours: Fraction
    value: Fraction
    fit: int
    goal_id: str | None


def _fit(problem: Problem, project: Project, team: Team) -> int:
    points = sum(
        team.level(s) - level
        for s, level in project.required_skills.items()
        if team.level(s) >= level
    )
    return points + (1 if team.stages and project.stage in team.stages else 0)


class _Scorer:
    """Exact objective changes for adding and removing a few pairs of a plan."""

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        self.plan = plan
        w = problem.settings.weights
        self.w_attainment = exact(w.attainment)
        self.w_value = exact(w.value)
        self.w_fit = exact(w.fit)
        self.w_balance = exact(w.balance)
        self.w_stability = exact(w.stability)
        self.owners = plan.owners()
        self.reached: dict[str, Fraction] = defaultdict(Fraction)
        self.load: dict[str, Fraction] = defaultdict(Fraction)
        self.count: dict[str, int] = defaultdict(int)
        self.on_team: dict[str, list[Assignment]] = defaultdict(list)
        self.of_project: dict[str, list[Assignment]] = defaultdict(list)
        self._amounts: dict[tuple[str, str], tuple[Fraction, Fraction, int, str | None]] = {}
        for a in plan.assignments:
            project, team = problem.project(a.project_id), problem.team(a.team_id)
            goal_id = project.goal_id
            hours, worth = Fraction(a.effort_hours), Fraction(a.value)
            self._amounts[(a.project_id, a.team_id)] = (
                hours,
                worth,
                _fit(problem, project, team),
                goal_id,
            )
            if goal_id is not None:
                self.reached[goal_id] += worth
            self.load[a.team_id] += hours
            self.count[a.team_id] += 1
            self.on_team[a.team_id].append(a)
            self.of_project[a.project_id].append(a)
        self._goals = {g.goal_id: (Fraction(g.target), Fraction(g.weight)) for g in problem.goals}
        self.capacity = {t.team_id: team_capacity(problem, t) for t in problem.teams}
        self.limit = {t.team_id: team_limit(problem, t) for t in problem.teams}
        self.utilisation = sorted(
            ((self._util(t, self.load[t]), t) for t in self.capacity), reverse=True
        )
        self._removal: dict[str, Contribution] = {}
        self._free: dict[str, Fraction] = {}
        self._displaceable: dict[str, list[tuple[Fraction, Assignment]]] = {}
        self.dependents: dict[str, list[str]] = defaultdict(list)
        for project in problem.projects:
            for needed in project.depends_on:
                self.dependents[needed].append(project.project_id)

    def _util(self, team_id: str, load: Fraction) -> Fraction:
        capacity = self.capacity[team_id]
        return 100 * load / capacity if capacity > 0 else Fraction(0)

    def free(self, team_id: str) -> Fraction:
        if team_id not in self._free:
            self._free[team_id] = self.limit[team_id] - self.load[team_id]
        return self._free[team_id]

    def delta(self, add: Sequence[_Add], remove: Sequence[Assignment]) -> Contribution:
        """The objective's change, term by term, when ``add`` and ``remove`` are applied."""
        goals: dict[str, Fraction] = {}
        loads: dict[str, Fraction] = {}
        value = Fraction(0)
        fit = 0
        for item in add:
            if item.goal_id is not None:
                goals[item.goal_id] = goals.get(item.goal_id, 0) + item.value
            loads[item.team_id] = loads.get(item.team_id, 0) + item.hours
            value += item.value
            fit += item.fit
        for a in remove:
            hours, worth, points, goal_id = self._amounts[(a.project_id, a.team_id)]
            if goal_id is not None:
                goals[goal_id] = goals.get(goal_id, 0) - worth
            loads[a.team_id] = loads.get(a.team_id, 0) - hours
            value -= worth
            fit -= points
        attainment = Fraction(0)
        if self.w_attainment:
            for goal_id, change in goals.items():
                if goal_id not in self._goals or not change:
                    continue
                target, weight = self._goals[goal_id]
                before = min(_HUNDRED, 100 * self.reached[goal_id] / target)
                after = min(_HUNDRED, 100 * (self.reached[goal_id] + change) / target)
                attainment += weight * (after - before)
        balance = Fraction(0)
        if self.w_balance:
            peak_before = self.utilisation[0][0] if self.utilisation else Fraction(0)
            peak_after = next((u for u, t in self.utilisation if t not in loads), Fraction(0))
            for team_id, change in loads.items():
                peak_after = max(peak_after, self._util(team_id, self.load[team_id] + change))
            balance = -self.w_balance * (peak_after - peak_before)
        return Contribution(
            attainment=self.w_attainment * attainment,
            value=self.w_value * value,
            fit=self.w_fit * fit,
            balance=balance,
            stability=(
                -self.w_stability * self._moves(add, remove) if self.w_stability else Fraction(0)
            ),
        )

    def add(self, project: Project, team: Team) -> _Add:
        """The pair ``(project, team)`` as an addition to the plan."""
        problem = self.problem
        return _Add(
            project.project_id,
            team.team_id,
            _team_hours(problem, project, team),
            _team_value(problem, project, team),
            _fit(problem, project, team),
            project.goal_id,
        )

    def _moves(self, add: Sequence[_Add], remove: Sequence[Assignment]) -> int:
        baseline = self.problem.baseline
        if baseline is None or not self.w_stability:
            return 0
        touched = {i.project_id for i in add} | {a.project_id for a in remove}
        moves = 0
        for project_id in touched & set(baseline.owners):
            before = self.owners.get(project_id, frozenset())
            gone = {a.team_id for a in remove if a.project_id == project_id}
            after = (before - gone) | {i.team_id for i in add if i.project_id == project_id}
            target = baseline.owners[project_id]
            moves += int(after != target) - int(before != target)
        return moves

    def removal(self, project_id: str) -> Contribution:
        """What the project's assignments add to the objective (what removing them costs)."""
        if project_id not in self._removal:
            self._removal[project_id] = -self.delta([], self.of_project.get(project_id, []))
        return self._removal[project_id]

    def displaceable(self, team_id: str) -> list[tuple[Fraction, Assignment]]:
        """Projects on the team the plan could drop, least contribution first.

        Not pinned, not mandatory, and nothing in the plan depends on them;
        each with what it adds to the objective.
        """
        if team_id not in self._displaceable:
            out = []
            for a in self.on_team.get(team_id, []):
                project = self.problem.project(a.project_id)
                if a.pinned or project.mandatory:
                    continue
                if any(d in self.owners for d in self.dependents.get(a.project_id, ())):
                    continue
                out.append((self.removal(a.project_id).total, a))
            out.sort(key=lambda x: (x[0], x[1].project_id))
            self._displaceable[team_id] = out
        return self._displaceable[team_id]


# ---------------------------------------------------------------------------
# Unassigned projects
# ---------------------------------------------------------------------------


class UnassignedKind(enum.StrEnum):
    NO_TEAM = "no eligible team"
    DEPENDENCY = "a prerequisite is out"
    CAPACITY = "capacity went to better work"
    NO_GAIN = "adds nothing to the objective"
    BETTER_PLAN = "a better plan may exist"


@dataclass(frozen=True)
class TeamOption:
    """One way to bring a left-out project into the plan.

    ``teams`` take it (one, or a sales and a marketing team for a joint
    project); ``displaced`` projects leave the plan to make room; ``change``
    is what that does to the objective, ``None`` when dropping
    lower-scoring work cannot make room; ``notes`` say it per team.
    """

    teams: tuple[str, ...]
    displaced: tuple[str, ...]
    change: Contribution | None
    notes: tuple[str, ...]

    def text(self) -> str:
        line = "; ".join(self.notes)
        if self.change is not None:
            line += f" (objective {self.change.describe()})"
        return line


@dataclass(frozen=True)
class UnassignedExplanation:
    """Why the plan leaves a project out."""

    project_id: str
    kind: UnassignedKind
    reason: str
    options: tuple[TeamOption, ...] = ()
    #: For a project no team may take: team id -> every reason that team may not.
    excluded: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return self.reason


@dataclass(frozen=True)
class _Side:
    """One team's part of bringing a project in."""

    add: _Add
    displaced: tuple[Assignment, ...]
    note: str
    possible: bool
    alone: Contribution | None  # what adding it, displacing nothing, would change


#: Seconds :func:`unassigned_reasons` weighs options before giving short reasons.
UNASSIGNED_TIME_S = 0.5
#: Teams per side weighed for a left-out project (those with the most free hours).
_MAX_TEAMS = 6
#: Objective changes smaller than this are rounding, not a better plan.
_TOLERANCE = Fraction(1, 10_000)


class _Unassigned:
    """Reasons for left-out projects, sharing one scorer over the plan."""

    def __init__(self, problem: Problem, plan: Plan, project_ids: Iterable[str]) -> None:
        self.problem = problem
        self.plan = plan
        self.scorer = _Scorer(problem, plan)
        self._eligible = eligible_teams(problem, project_ids)

    def eligible(self, project: Project) -> list[Team]:
        if project.project_id not in self._eligible:
            self._eligible.update(eligible_teams(self.problem, [project.project_id]))
        return self._eligible[project.project_id]

    def explain(self, project_id: str) -> UnassignedExplanation:
        problem = self.problem
        project = problem.project(project_id)
        if not _has_pair(project, self.eligible(project)):
            excluded = exclusions(problem, project_id)
            blocked = no_eligible_team(problem, project_id, excluded)
            return UnassignedExplanation(
                project_id,
                UnassignedKind.NO_TEAM,
                blocked or "no team may take it",
                excluded=excluded,
            )
        excluded = {}
        owners = self.scorer.owners
        missing = [d for d in project.depends_on if d not in owners]
        if missing:
            names = _names([_name(problem, d) for d in missing])
            verb = "is" if len(missing) == 1 else "are"
            return UnassignedExplanation(
                project_id,
                UnassignedKind.DEPENDENCY,
                f"it depends on {names}, which {verb} not in the plan",
                excluded=excluded,
            )
        options = self._options(project)
        return self._verdict(project, options, excluded)

    def quick(self, project_id: str) -> UnassignedExplanation:
        """A short reason, options not weighed: the teams that may take it and their room."""
        problem = self.problem
        project = problem.project(project_id)
        eligible = self.eligible(project)
        missing = [d for d in project.depends_on if d not in self.scorer.owners]
        if not _has_pair(project, eligible) or missing:
            return self.explain(project_id)
        s = self.scorer
        roomiest = sorted(eligible, key=lambda t: (-s.free(t.team_id), t.team_id))[:2]
        notes = [
            f"{t.name} has {_fmt(max(s.free(t.team_id), Fraction(0)))} h free for its "
            f"{_fmt(_team_hours(problem, project, t))} h"
            for t in roomiest
        ]
        return UnassignedExplanation(
            project_id,
            UnassignedKind.CAPACITY,
            "capacity went to work that scores higher: " + "; ".join(notes),
        )

    # -- options ----------------------------------------------------------

    def _side(self, project: Project, team: Team) -> _Side:
        """Adding the project to one team: what it brings, what must leave, or why it cannot."""
        s = self.scorer
        add = s.add(project, team)
        hours = add.hours
        free = s.free(team.team_id)
        room = f"{team.name} has {_fmt(max(free, Fraction(0)))} h free for its {_fmt(hours)} h"
        need_hours = hours - free
        need_slot = team.max_projects is not None and s.count[team.team_id] >= team.max_projects
        if need_hours <= 0 and not need_slot:
            return _Side(add, (), f"{team.name} has room ({_fmt(free)} h free)", True, None)
        if need_slot and need_hours <= 0:
            room = f"{team.name} is at its limit of {_count(team.max_projects or 0, 'project')}"
        alone = s.delta([add], [])
        gain = alone.total
        lower = []
        for total, a in s.displaceable(team.team_id):
            if total >= gain:
                break
            lower.append(a)
        chosen: list[Assignment] = []
        freed = Fraction(0)
        for a in sorted(lower, key=lambda a: (-a.effort_hours, a.project_id)):
            if freed >= need_hours and (chosen or not need_slot):
                break
            chosen.append(a)
            freed += Fraction(a.effort_hours)
        if freed >= need_hours and (chosen or not need_slot):
            dropped = _names([_name(self.problem, a.project_id) for a in chosen])
            return _Side(add, tuple(chosen), f"{room}: it would displace {dropped}", True, alone)
        if not lower:
            rest = "every project there adds more or is pinned or mandatory"
        else:
            rest = "dropping the lower-scoring projects there would not free enough room"
        return _Side(add, (), f"{room}; it would add {alone.describe()}, but {rest}", False, alone)

    def _shortlist(self, project: Project, teams: list[Team]) -> list[Team]:
        if len(teams) <= _MAX_TEAMS:
            return teams
        s = self.scorer
        roomiest = sorted(teams, key=lambda t: (-s.free(t.team_id), t.team_id))
        keep = roomiest[:_MAX_TEAMS]
        if project.joint:
            for skill, level in project.required_skills.items():
                holder = next((t for t in roomiest if t.level(skill) >= level), None)
                if holder is not None and holder not in keep:
                    keep.append(holder)
        return keep

    def _options(self, project: Project) -> list[TeamOption]:
        s = self.scorer
        eligible = self.eligible(project)
        sides: list[list[Team]] = (
            [
                [t for t in eligible if t.department == SALES],
                [t for t in eligible if t.department == MARKETING],
            ]
            if project.joint
            else [eligible]
        )
        # Many eligible teams (large companies): the ones with the most room say enough,
        # with, for a joint project, the roomiest holder of each skill it needs.
        sides = [self._shortlist(project, side) for side in sides]
        per_team = {t.team_id: self._side(project, t) for side in sides for t in side}
        combos: list[tuple[Team, ...]]
        if project.joint:
            combos = [
                (a, b)
                for a in sides[0]
                for b in sides[1]
                if all(max(a.level(k), b.level(k)) >= v for k, v in project.required_skills.items())
            ]
        else:
            combos = [(t,) for t in sides[0]]
        options = []
        for combo in combos:
            parts = [per_team[t.team_id] for t in combo]
            displaced: dict[tuple[str, str], Assignment] = {}
            for part in parts:
                for a in part.displaced:
                    for other in s.of_project[a.project_id]:
                        displaced[(other.project_id, other.team_id)] = other
            possible = all(p.possible for p in parts)
            if not possible:
                change = None
            elif len(parts) == 1 and parts[0].alone is not None and not displaced:
                change = parts[0].alone
            else:
                change = s.delta([p.add for p in parts], list(displaced.values()))
            options.append(
                TeamOption(
                    tuple(t.team_id for t in combo),
                    tuple(dict.fromkeys(p for p, _ in displaced)),
                    change,
                    tuple(p.note for p in parts),
                )
            )
        options.sort(
            key=lambda o: (o.change is None, -(o.change.total if o.change else 0), o.teams)
        )
        return options

    def _verdict(
        self, project: Project, options: list[TeamOption], excluded: Mapping[str, str]
    ) -> UnassignedExplanation:
        pid = project.project_id
        if not options:
            return UnassignedExplanation(
                pid,
                UnassignedKind.NO_TEAM,
                "no sales and marketing pair that may take it covers its skills together",
                excluded=excluded,
            )
        best = options[0]
        if project.joint:
            notes = dict.fromkeys(n for o in options[:2] for n in o.notes)
            shown = "; ".join(notes)
            if best.change is not None:
                shown += f" (objective {best.change.describe()})"
        else:
            shown = "; ".join(o.text() for o in options[:2])
        more = len(options) - 2
        if more > 0:
            shown += f" ({more} more option{'s' if more > 1 else ''}, none better)"
        if best.change is not None and best.change.total > _TOLERANCE:
            kind = UnassignedKind.BETTER_PLAN
            reason = f"a better plan may exist (this one is not proven best): {shown}"
        elif best.change is not None and not best.displaced:
            kind = UnassignedKind.NO_GAIN
            reason = f"adding it would not raise the objective{self._why_no_gain(project)}: {shown}"
        else:
            kind = UnassignedKind.CAPACITY
            reason = f"capacity went to work that scores higher: {shown}"
        return UnassignedExplanation(pid, kind, reason, tuple(options), excluded)

    def _why_no_gain(self, project: Project) -> str:
        goal = self.problem.goal_index.get(project.goal_id or "")
        if goal is not None and self.scorer.reached[goal.goal_id] >= Fraction(goal.target):
            return f" (goal '{goal.name}' is already at 100 %)"
        if goal is None and not project.value:
            return " (it has no goal and no value)"
        return ""


def explain_unassigned(problem: Problem, plan: Plan, project_id: str) -> UnassignedExplanation:
    """Why the plan leaves ``project_id`` out: no team, a prerequisite, or better work."""
    return _Unassigned(problem, plan, [project_id]).explain(project_id)


def unassigned_reasons(
    problem: Problem, plan: Plan, *, time_limit_s: float = UNASSIGNED_TIME_S
) -> dict[str, str]:
    """Project id -> why the plan leaves it out, for every project it leaves out.

    One pass over the plan for all of them; it runs on every solve, so it
    keeps to ``time_limit_s``: projects left when the time is up get a short
    reason (the teams that may take it and their free hours) instead of the
    weighed one (what it would displace and what it would add).
    """
    deadline = time.perf_counter() + time_limit_s
    owned = plan.owners()
    left = [p.project_id for p in problem.projects if p.project_id not in owned]
    explainer = _Unassigned(problem, plan, left)
    return {
        project_id: (
            explainer.explain(project_id)
            if time.perf_counter() < deadline
            else explainer.quick(project_id)
        ).text()
        for project_id in left
    }


def unassigned_reason(problem: Problem, plan: Plan, project_id: str) -> str:
    """Why the plan leaves the project out, in words."""
    return explain_unassigned(problem, plan, project_id).text()


# ---------------------------------------------------------------------------
# Why this team
# ---------------------------------------------------------------------------


class AlternativeKind(enum.IntEnum):
    """Why another team does not own a project, from closest call to ruled out."""

    LOWER = 0  # it could take it, for a lower objective
    CAPACITY = 1  # it may take it but has no room
    PAIR = 2  # with the other team of a joint project it would lack a skill
    RULE = 3  # a rule keeps it off (stage policy, team stages, skills, a forbid)


@dataclass(frozen=True)
class Alternative:
    """Another team for an assigned project and why the plan did not choose it.

    ``change`` is what moving the project there would do to the objective
    (only for :attr:`AlternativeKind.LOWER`).
    """

    team_id: str
    kind: AlternativeKind
    reason: str
    change: Contribution | None = None


@dataclass(frozen=True)
class AssignmentExplanation:
    """Why a team (or pair of teams) owns a project.

    ``alternatives`` lists every other team, closest call first.
    """

    project_id: str
    team_ids: tuple[str, ...]
    pinned: bool
    contribution: Contribution
    alternatives: tuple[Alternative, ...]
    lines: tuple[str, ...]

    @property
    def best_alternative(self) -> Alternative | None:
        return self.alternatives[0] if self.alternatives else None

    def text(self) -> str:
        return "\n".join(self.lines)


def explain_assignment(problem: Problem, plan: Plan, project_id: str) -> AssignmentExplanation:
    """Each objective term's share of an assignment, and the best team not chosen."""
    scorer = _Scorer(problem, plan)
    project = problem.project(project_id)
    mine = scorer.of_project.get(project_id, [])
    if not mine:
        raise ValueError(f"project {project_id!r} is not assigned in this plan")
    owners = tuple(a.team_id for a in mine)
    departments = {problem.team(t).department for t in owners}
    pinned = any(a.pinned for a in mine)
    contribution = scorer.removal(project_id)
    alternatives: list[tuple[tuple[object, ...], Alternative]] = []
    for team in problem.teams:
        if team.team_id in owners:
            continue
        replaced = (
            [a for a in mine if problem.team(a.team_id).department == team.department]
            if project.joint
            else list(mine)
        )
        if not replaced:
            continue
        alt = _alternative(problem, scorer, project, team, replaced, mine)
        rank = (
            alt.kind,
            -(alt.change.total if alt.change else 0),
            team.department not in departments,
            len(pair_blockers(problem, project, team)),
            team.team_id,
        )
        alternatives.append((rank, alt))
    ordered = tuple(alt for _, alt in sorted(alternatives, key=lambda x: x[0]))
    names = _names([problem.team(t).name for t in owners])
    hours = _names([f"{_fmt(a.effort_hours)} h" for a in mine])
    lines = [
        f"{_name(problem, project_id)} is owned by {names} ({hours})"
        + (", pinned by a leader's rule." if pinned else "."),
        f"It adds {contribution.describe()} to the objective"
        f"{_goal_note(problem, scorer, project)}.",
    ]
    for alt in ordered[:3]:
        lines.append(_sentence(f"Why not {problem.team(alt.team_id).name}: {alt.reason}"))
    return AssignmentExplanation(project_id, owners, pinned, contribution, ordered, tuple(lines))


def _goal_note(problem: Problem, scorer: _Scorer, project: Project) -> str:
    goal = problem.goal_index.get(project.goal_id or "")
    if goal is None:
        return ""
    percent = 100 * scorer.reached[goal.goal_id] / Fraction(goal.target)
    return f"; goal '{goal.name}' stands at {_fmt(percent)} % of target"


def _alternative(
    problem: Problem,
    scorer: _Scorer,
    project: Project,
    team: Team,
    replaced: list[Assignment],
    mine: list[Assignment],
) -> Alternative:
    tid = team.team_id
    blockers = pair_blockers(problem, project, team)
    rules = [b for b in blockers if not isinstance(b.change, AddCapacity)]
    if rules:
        return Alternative(tid, AlternativeKind.RULE, blockers_text(rules))
    if project.joint:
        partners = [a for a in mine if a not in replaced]
        held = [problem.team(a.team_id) for a in partners] + [team]
        lacking = [
            f"{k} {v}"
            for k, v in sorted(project.required_skills.items())
            if not any(t.level(k) >= v for t in held)
        ]
        if lacking:
            return Alternative(
                tid, AlternativeKind.PAIR, f"with its partner it would lack {_names(lacking)}"
            )
    hours = _team_hours(problem, project, team)
    free = scorer.free(tid)
    if hours > free:
        return Alternative(
            tid,
            AlternativeKind.CAPACITY,
            f"it has {_fmt(max(free, Fraction(0)))} h free and would need {_fmt(hours)} h",
        )
    if team.max_projects is not None and scorer.count[tid] >= team.max_projects:
        return Alternative(
            tid,
            AlternativeKind.CAPACITY,
            f"it is at its limit of {_count(team.max_projects, 'project')}",
        )
    change = scorer.delta([scorer.add(project, team)], replaced)
    if any(a.pinned for a in replaced):
        reason = (
            f"the project is pinned; moving it would change the objective by {change.describe()}"
        )
    elif change.total <= 0:
        reason = f"it could take it, but the objective would drop by {_signed(-change.total)[1:]}"
        reason += f" ({', '.join(f'{n} {_signed(v)}' for n, v in change.terms().items())})"
    else:
        reason = f"it could take it and raise the objective by {change.describe()}"
        reason += " (the plan may not be proven best)"
    return Alternative(tid, AlternativeKind.LOWER, reason, change)


# ---------------------------------------------------------------------------
# Where capacity binds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamPressure:
    """How close a team is to its limit, and which left-out work it cannot fit."""

    team_id: str
    limit: Fraction
    load: Fraction
    projects: int
    binding: bool
    blocked: tuple[str, ...]  # left-out projects it may take but has no room for

    @property
    def free(self) -> Fraction:
        return self.limit - self.load

    @property
    def utilisation(self) -> Fraction:
        return self.load / self.limit if self.limit > 0 else Fraction(0)

    def text(self, problem: Problem) -> str:
        team = problem.team(self.team_id)
        line = (
            f"{team.name} has {_fmt(self.load)} of {_fmt(self.limit)} h planned "
            f"({_fmt(100 * self.utilisation)} %), {_fmt(self.free)} h free"
        )
        if self.blocked:
            line += "; no room for " + _names([_name(problem, p) for p in self.blocked[:3]])
            if len(self.blocked) > 3:
                line += f" and {len(self.blocked) - 3} more"
        return line


def capacity_pressure(problem: Problem, plan: Plan) -> tuple[TeamPressure, ...]:
    """Every team's load against its limit, most loaded first.

    A team *binds* when it is at :data:`NEAR_LIMIT` or more of what it may
    plan, or at its project cap, or when a left-out project it may take does
    not fit in its free hours.
    """
    scorer = _Scorer(problem, plan)
    owned = plan.owners()
    left = [p.project_id for p in problem.projects if p.project_id not in owned]
    takers: dict[str, list[str]] = defaultdict(list)
    for project_id, teams in eligible_teams(problem, left).items():
        for t in teams:
            takers[t.team_id].append(project_id)
    out = []
    for team in problem.teams:
        tid = team.team_id
        limit, load = scorer.limit[tid], scorer.load[tid]
        capped = team.max_projects is not None and scorer.count[tid] >= team.max_projects
        blocked = tuple(
            p
            for p in takers.get(tid, [])
            if capped or _team_hours(problem, problem.project(p), team) > limit - load
        )
        binding = bool(blocked) or capped or (limit > 0 and load >= NEAR_LIMIT * limit)
        out.append(TeamPressure(tid, limit, load, scorer.count[tid], binding, blocked))
    out.sort(key=lambda p: (-p.utilisation, p.team_id))
    return tuple(out)


@dataclass(frozen=True)
class CapacityGain:
    """What extra hours on one team would buy, from a time-bounded re-solve."""

    team_id: str
    extra_hours: Decimal
    objective_before: float | None
    objective_after: float | None
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    status: str

    @property
    def gain(self) -> float | None:
        if self.objective_before is None or self.objective_after is None:
            return None
        return self.objective_after - self.objective_before

    def text(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        head = f"+{_fmt(self.extra_hours)} h for {team}"
        if self.gain is None:
            return f"{head}: no plan found within the time limit"
        line = f"{head} would change the objective by {_signed(self.gain)}"
        if self.added:
            line += "; it brings in " + _names([_name(problem, p) for p in self.added])
        if self.dropped:
            line += "; it leaves out " + _names([_name(problem, p) for p in self.dropped])
        if not self.added and not self.dropped:
            line += " (same projects, better spread)" if self.gain > 1e-9 else " (nothing new)"
        return line


def capacity_gain(
    problem: Problem,
    result: Result,
    team_id: str,
    *,
    extra_hours: Decimal | float | None = None,
    fraction: float = 0.1,
    time_limit_s: float = 2.0,
) -> CapacityGain:
    """Re-solve with more hours on one team and report what that buys.

    Parameters
    ----------
    extra_hours
        Capacity hours to add; default ``fraction`` of the team's capacity
        (rounded up to a whole hour).
    time_limit_s
        Bound for the re-solve.
    """
    from planner.solver import solve  # the solver imports this module

    team = problem.team(team_id)
    if extra_hours is None:
        extra = Decimal(math.ceil(team.capacity_hours * Decimal(str(fraction))))
    else:
        extra = Decimal(str(extra_hours))
    relaxed = AddCapacity(team_id, extra).apply(problem)
    after = solve(relaxed, time_limit_s=time_limit_s)
    before_owned = set(result.plan.owners()) if result.plan else set()
    after_owned = set(after.plan.owners()) if after.plan else set()
    order = [p.project_id for p in problem.projects]
    return CapacityGain(
        team_id,
        extra,
        result.objective,
        after.objective,
        tuple(p for p in order if p in after_owned - before_owned),
        tuple(p for p in order if p in before_owned - after_owned),
        after.status.value,
    )


# ---------------------------------------------------------------------------
# One project, every question
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectExplanation:
    """Everything the planner can say about one project, ready to render."""

    project_id: str
    headline: str
    lines: tuple[str, ...]
    assignment: AssignmentExplanation | None = None
    unassigned: UnassignedExplanation | None = None

    def text(self) -> str:
        return "\n".join([self.headline, *(f"- {line}" for line in self.lines)])

    def markdown(self) -> str:
        body = "\n".join(f"- {_md(line)}" for line in self.lines)
        return f"**{_md(self.headline)}**\n\n{body}"


def _md(text: str) -> str:
    """Escape the characters markdown would read as formatting."""
    for ch in "\\`*_[]<>#|$":
        text = text.replace(ch, "\\" + ch)
    return text


def explain_project(problem: Problem, result: Result, project_id: str) -> ProjectExplanation:
    """Why the plan treats ``project_id`` as it does.

    Assigned: its owners, each objective term's share and the best other
    team. Left out: the reason and the ways to bring it in. No plan: the
    conflicts that name it (or all of them).
    """
    project = problem.project(project_id)
    title = _name(problem, project_id)
    plan = result.plan
    if plan is None:
        reasons = [r for r in result.reasons if project.name in r] or list(result.reasons)
        return ProjectExplanation(project_id, f"{title}: there is no plan", tuple(reasons))
    if project_id in plan.owners():
        why = explain_assignment(problem, plan, project_id)
        owners = _names([problem.team(t).name for t in why.team_ids])
        lines = list(why.lines[1:])
        for tid in why.team_ids:
            pressure = next(p for p in capacity_pressure(problem, plan) if p.team_id == tid)
            lines.append(pressure.text(problem))
        return ProjectExplanation(
            project_id, f"{title} is owned by {owners}", (why.lines[0], *lines), assignment=why
        )
    left = explain_unassigned(problem, plan, project_id)
    lines = [_sentence(left.reason)]
    if left.kind is UnassignedKind.NO_TEAM and left.excluded:
        lines += [f"{problem.team(t).name}: {r}." for t, r in left.excluded.items()]
    return ProjectExplanation(
        project_id, f"{title} is not in the plan ({left.kind.value})", tuple(lines), unassigned=left
    )


__all__ = [
    "AddCapacity",
    "AddTeamStage",
    "AllowStage",
    "Alternative",
    "AlternativeKind",
    "AssignmentExplanation",
    "Blocker",
    "CapacityGain",
    "Change",
    "Conflict",
    "Contribution",
    "DropDependency",
    "DropForbid",
    "DropPin",
    "Fix",
    "Group",
    "InfeasibilityExplanation",
    "Kind",
    "MakeOptional",
    "ProjectExplanation",
    "RaiseChangeBudget",
    "RaiseMaxProjects",
    "RaiseSkill",
    "TeamOption",
    "TeamPressure",
    "UnassignedExplanation",
    "UnassignedKind",
    "blockers_text",
    "capacity_gain",
    "capacity_pressure",
    "exclusions",
    "explain_assignment",
    "explain_infeasibility",
    "explain_project",
    "explain_unassigned",
    "infeasibility_reasons",
    "no_eligible_team",
    "pair_blockers",
    "unassigned_reason",
    "unassigned_reasons",
]
