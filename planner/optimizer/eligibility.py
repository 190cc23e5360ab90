"""Which team may take which project, and which rule keeps it off if not.

A (project, team) pair is *eligible* when no hard rule rules it out on its
own: the stage policy (and for joint work, a stage only one department may
own) and the team's stages (rule 3), skills (rule 4; for a joint project the
pair of teams covers the skills together, which the model handles), a forbid
(rule 7) and the team's capacity for this one project (rule 5). Only eligible
pairs become solver variables, and the reasons feed the explanations.

Each rule is one function returning a structured reason (:data:`RULES`);
:func:`exclusion` asks them of one pair, and planner/explain/rules.py words
their reasons. :func:`eligible_pairs` decides every pair at once with numpy
masks (one per rule) so that a company of 300 teams and 10,000 projects is
sorted in a fraction of a second. The two agree exactly (tests/optimizer/
test_eligibility.py): capacity is compared in whole numbers, never in floats.
The quantities the rules weigh are the domain's, which the figures read too: a
pair's hours (:mod:`planner.core.pairs`) and a team's limit (:mod:`planner.core.capacity`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from planner.core.capacity import team_limit
from planner.core.domain import MARKETING, SALES, Problem, Project, Team, other_department
from planner.core.pairs import Pair, pair_hours, pair_of, takes_stage, uncovered_skills

#: Whole numbers below this fit numpy's int64 with room to compare.
_INT64_SAFE = 2**62


# -- the rules, each written once ---------------------------------------------------
#
# One function a rule, each returning a structured reason (``None`` when the rule
# lets the pair through). The optimizer leaves a pair out when any gives one
# (:func:`exclusion`); the explanations word each reason and name the edit that
# lifts it (planner/explain/rules.py); the relaxation model holds the pair at 0
# under the rule's group (planner/optimizer/formulation.py).


@dataclass(frozen=True, slots=True)
class StagePolicy:
    """Rule 3: the stage policy gives the project's stage to other departments only."""

    stage: str
    department: str  # the team's, which the policy leaves out
    owners: tuple[str, ...]  # the departments that may own the stage


@dataclass(frozen=True, slots=True)
class JointStage:
    """Rule 3 for joint work: the stage is the team's department's alone, not the other's."""

    stage: str
    department: str  # the other department, which the policy leaves out


@dataclass(frozen=True, slots=True)
class TeamStages:
    """Rule 3: the team works on some stages only, not this project's."""

    team_id: str
    stage: str
    stages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Forbidden:
    """Rule 7: a leader's rule forbids the pair."""

    project_id: str
    team_id: str


@dataclass(frozen=True, slots=True)
class MissingSkills:
    """Rule 4 for a single-team project: (skill, level needed, team's level), by skill name.

    A joint project's skills are covered by its pair of teams together (the
    model's rule), so no single team of a joint project misses one here.
    """

    team_id: str
    missing: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class OverHours:
    """Rule 5 for the project alone: the team's hours for it exceed what it may plan."""

    team_id: str
    hours: Fraction
    limit: Fraction


Reason = StagePolicy | JointStage | TeamStages | Forbidden | MissingSkills | OverHours


def stage_policy(problem: Problem, project: Project, team: Team) -> StagePolicy | None:
    """Rule 3: the stage policy keeps the team's department off the project's stage."""
    policy = problem.settings.stages
    if policy.allows(project.stage, team.department):
        return None
    return StagePolicy(project.stage, team.department, tuple(policy.owners.get(project.stage, ())))


def joint_stage(problem: Problem, project: Project, team: Team) -> JointStage | None:
    """Only for a team its department's policy lets in: otherwise :func:`stage_policy` says it."""
    if not project.joint:
        return None
    policy = problem.settings.stages
    other = other_department(team.department)
    if not policy.allows(project.stage, team.department) or policy.allows(project.stage, other):
        return None
    return JointStage(project.stage, other)


def team_stages(problem: Problem, project: Project, team: Team) -> TeamStages | None:
    """Rule 3: the team works on some stages only (teams.csv), not the project's."""
    if not team.stages or project.stage in team.stages:
        return None
    return TeamStages(team.team_id, project.stage, team.stages)


def forbidden(problem: Problem, project: Project, team: Team) -> Forbidden | None:
    """Rule 7: a leader's ``forbid`` rule keeps the team off the project."""
    if (project.project_id, team.team_id) not in problem.forbids:
        return None
    return Forbidden(project.project_id, team.team_id)


def missing_skills(problem: Problem, project: Project, team: Team) -> MissingSkills | None:
    """Rule 4 for a single-team project: the skills the team lacks (a joint project's pair
    is checked together, by :func:`~planner.core.pairs.uncovered_skills`)."""
    if project.joint:
        return None
    missing = tuple((s, level, team.level(s)) for s, level in uncovered_skills(project, (team,)))
    return MissingSkills(team.team_id, missing) if missing else None


def over_hours(problem: Problem, project: Project, team: Team) -> OverHours | None:
    """Rule 5 for the project alone: its hours for the team exceed all the team may plan."""
    hours = pair_hours(problem, project, team)
    limit = team_limit(problem, team)
    return OverHours(team.team_id, hours, limit) if hours > limit else None


#: The rules in the order explanations name them.
RULES = (stage_policy, joint_stage, team_stages, forbidden, missing_skills, over_hours)


def exclusion(problem: Problem, project: Project, team: Team) -> Reason | None:
    """The first rule that keeps ``team`` off ``project`` (``None`` when it may own it)."""
    for rule in RULES:
        reason = rule(problem, project, team)
        if reason is not None:
            return reason
    return None


def reasons(problem: Problem, project: Project, team: Team) -> list[Reason]:
    """Every rule that keeps ``team`` off ``project`` on its own (empty when it may own it)."""
    return [r for rule in RULES if (r := rule(problem, project, team)) is not None]


def eligible_pairs(problem: Problem) -> tuple[Pair, ...]:
    """Every (project, team) pair that no rule rules out on its own.

    Pairs come project by project, and within a project in team order. The
    result equals asking :func:`exclusion` of every pair, only faster.
    """
    mask = eligibility_mask(problem)
    teams = problem.teams
    dept_amounts = [_shared_amounts(p) for p in problem.projects]
    estimates = problem.estimate_index
    pairs = []
    rows, cols = np.nonzero(mask)
    for p, t in zip(rows.tolist(), cols.tolist(), strict=True):
        project, team = problem.projects[p], teams[t]
        if estimates and (project.project_id, team.team_id) in estimates:
            pairs.append(pair_of(problem, project, team))
        else:
            amounts = dept_amounts[p][team.department]
            pairs.append(Pair(project.project_id, team.team_id, team.department, *amounts))
    return tuple(pairs)


def eligibility_mask(problem: Problem) -> np.ndarray:
    """A projects x teams boolean matrix: ``True`` where :func:`exclusion` is ``None``."""
    projects, teams = problem.projects, problem.teams
    mask = _stage_mask(problem)
    _drop_forbidden(problem, mask)
    _drop_missing_skills(projects, teams, mask)
    _drop_over_capacity(problem, mask)
    # Team-specific estimates change a pair's hours: those few pairs are decided one by one.
    project_row = {p.project_id: i for i, p in enumerate(projects)}
    team_col = {t.team_id: j for j, t in enumerate(teams)}
    for project_id, team_id in problem.estimate_index:
        i, j = project_row.get(project_id), team_col.get(team_id)
        if i is not None and j is not None:
            mask[i, j] = exclusion(problem, projects[i], teams[j]) is None
    return mask


def _stage_mask(problem: Problem) -> np.ndarray:
    """Rule 3: the stage policy, joint work at single-department stages, team stages."""
    policy = problem.settings.stages
    stages = sorted({p.stage for p in problem.projects})
    by_stage = np.array(
        [[takes_stage(problem, stage, t) for t in problem.teams] for stage in stages],
        dtype=bool,
    ).reshape(len(stages), len(problem.teams))
    shared = np.array(
        [policy.allows(s, SALES) and policy.allows(s, MARKETING) for s in stages], dtype=bool
    )
    index = {s: i for i, s in enumerate(stages)}
    rows = np.array([index[p.stage] for p in problem.projects], dtype=np.int64)
    joint = np.array([p.joint for p in problem.projects], dtype=bool)
    mask = by_stage[rows] if len(rows) else np.zeros((0, len(problem.teams)), dtype=bool)
    mask &= (~joint | shared[rows])[:, None]
    return mask


def _drop_forbidden(problem: Problem, mask: np.ndarray) -> None:
    """Rule 7: forbid rules."""
    if not problem.forbids:
        return
    project_row = {p.project_id: i for i, p in enumerate(problem.projects)}
    team_col = {t.team_id: j for j, t in enumerate(problem.teams)}
    for project_id, team_id in problem.forbids:
        i, j = project_row.get(project_id), team_col.get(team_id)
        if i is not None and j is not None:
            mask[i, j] = False


def _drop_missing_skills(
    projects: Sequence[Project], teams: Sequence[Team], mask: np.ndarray
) -> None:
    """Rule 4 for single-team projects: every required skill at its level."""
    skills = sorted({s for p in projects if not p.joint for s in p.required_skills})
    for skill in skills:
        rows = [i for i, p in enumerate(projects) if not p.joint and skill in p.required_skills]
        needed = np.array([projects[i].required_skills[skill] for i in rows], dtype=np.int64)
        levels = np.array([t.level(skill) for t in teams], dtype=np.int64)
        mask[rows] &= levels[None, :] >= needed[:, None]


def _drop_over_capacity(problem: Problem, mask: np.ndarray) -> None:
    """Rule 5 for one project alone: its hours (x share) within the team's limit, exactly.

    Hours and limits are scaled by one common whole number, so that ``hours >
    limit`` is a comparison of whole numbers (hours are exact decimals).
    """
    projects, teams = problem.projects, problem.teams
    if not projects or not teams:
        return
    hours = {dept: [p.hours_for(dept) for p in projects] for dept in (SALES, MARKETING)}
    ratios = {d: [h.as_integer_ratio() for h in hs] for d, hs in hours.items()}
    scale = math.lcm(*(den for rs in ratios.values() for _, den in rs))
    limits = [team_limit(problem, t) for t in teams]
    for dept, rs in ratios.items():
        cols = [j for j, t in enumerate(teams) if t.department == dept]
        if not cols:
            continue
        scaled = [num * (scale // den) for num, den in rs]
        thresholds = [math.floor(limits[j] * scale) for j in cols]
        if max(scaled) < _INT64_SAFE:
            need = np.array(scaled, dtype=np.int64)
            room = np.array([min(x, _INT64_SAFE) for x in thresholds], dtype=np.int64)
        else:  # astronomically large hours: compare Python integers (slow, exact)
            need = np.array(scaled, dtype=object)
            room = np.array(thresholds, dtype=object)
        fits = need[:, None] <= room[None, :]
        mask[:, cols] &= fits.astype(bool)


def _shared_amounts(project: Project) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Department -> (share, hours, value) of a pair without a team-specific estimate."""
    if not project.joint:
        one = (Decimal(1), project.effort_hours, project.value)
        return {SALES: one, MARKETING: one}
    out = {}
    for dept in (SALES, MARKETING):
        share = project.share(dept)
        out[dept] = (share, project.effort_hours * share, project.value * share)
    return out
