"""What the rules decide before any solve.

Which rules keep a team off a project (each with the edit that lifts it),
which teams may take a project at all, and which projects every plan must
assign.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.domain import MARKETING, SALES, Problem, Project, Team
from planner.core.pairs import uncovered_skills
from planner.core.shared_words import department_words, planned_up_to, stage_words, stages_words
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import hours_value, shown_decimals
from planner.core.skill_words import skill_missing, skill_words
from planner.explain.changes import (
    AddCapacity,
    AddTeamStage,
    AllowStage,
    Change,
    DropForbid,
    RaiseSkill,
    RestoreMultiplier,
    RestoreUtilization,
    capacity_increase,
    utilisation_behind,
    utilisation_words,
    zero_multiplier,
)
from planner.explain.free_hours import FIT_DECIMALS_MAX, fit_decimals, hours_to
from planner.explain.sentences import at_most, join_names, project_name
from planner.optimizer.eligibility import (
    Forbidden,
    JointStage,
    MissingSkills,
    Reason,
    StagePolicy,
    TeamStages,
    eligibility_mask,
    exclusion,
    reasons,
)
from planner.optimizer.greedy import forced_projects as optimizer_forced


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
    return [b for r in reasons(problem, project, team) for b in reason_blockers(problem, r)]


def why_not(problem: Problem, project: Project, team: Team) -> str | None:
    """The first rule that keeps ``team`` off ``project``, in words (``None`` when none does)."""
    reason = exclusion(problem, project, team)
    return None if reason is None else blockers_text(reason_blockers(problem, reason))


def reason_blockers(problem: Problem, reason: Reason) -> list[Blocker]:
    """One rule's reason in words, with the edit that lifts it (a missing skill each)."""
    if isinstance(reason, StagePolicy):
        stage = stage_words(reason.stage)
        # No owner at all reads "to no department", never "to no department only".
        given = (
            f"gives {stage} work to {department_words(reason.owners)} only"
            if reason.owners
            else f"lets no department own {stage} work"
        )
        return [Blocker(f"the stage policy {given}", AllowStage(reason.stage, reason.department))]
    if isinstance(reason, JointStage):
        return [
            Blocker(
                "it is joint and the stage policy lets only one department own "
                f"{stage_words(reason.stage)} work",
                AllowStage(reason.stage, reason.department),
            )
        ]
    if isinstance(reason, TeamStages):
        team = problem.team(reason.team_id)
        return [Blocker(only_works_on(team), AddTeamStage(reason.team_id, reason.stage))]
    if isinstance(reason, Forbidden):
        return [
            Blocker("a leader's rule forbids it", DropForbid(reason.project_id, reason.team_id))
        ]
    if isinstance(reason, MissingSkills):
        return [
            Blocker(
                f"it lacks {skill_missing(problem.skill_name(skill), level, has)}",
                RaiseSkill(reason.team_id, skill, level),
            )
            for skill, level, has in reason.missing
        ]
    team = problem.team(reason.team_id)
    return _capacity_blockers(problem, team, reason.hours, reason.limit)


def only_works_on(team: Team) -> str:
    """A team kept to some stages, in words: ``Brand only works on awareness``."""
    return f"{team.name} only works on {stages_words(team.stages)}"


def hours_over(hours: Fraction, limit: Fraction, shown: float) -> tuple[str, str]:
    """Hours over a limit in words that show it: ``60 h`` and ``50 h`` as hours are shown,
    the limit as its row reads it (``shown``: Demand Gen's 1,378.5 h reads 1,378 h on the
    Plan page, :func:`~planner.core.capacity.team_limit_shown`).

    Where those do not read as more than the limit (199.6 h against 199.55 h read
    "needs 200 h, more than the 200 h") both are written to the decimals every "free for"
    line uses (:func:`~planner.explain.free_hours.fit_decimals`): 199.6 h and 199.55 h, and
    200.04 h over 200 h (not "200.00 h", which no other sentence writes).
    """
    if hours_value(hours) > shown:
        return hours_text(hours), hours_text(shown)
    decimals = fit_decimals(limit, hours)
    return hours_to(hours, decimals), hours_to(limit, decimals)


def _written(text: str) -> Fraction:
    """The hours a figure such as "1,378.5 h" writes."""
    return Fraction(text.removesuffix(" h").replace(",", ""))


def need_beside_added(hours: Fraction, need: str, room: str, added: int) -> str:
    """``need`` (the written ``hours``) to the decimals that show the whole ``added`` hours
    beside it, rounded up, are the shortfall: a team away at a check-in read "it needs 128 h,
    more than the 0 h SDR Team can plan ... add 129 h" for 128.26 h of work; it reads "it
    needs 128.3 h". ``need`` as it is where the figures written already show it."""
    if math.ceil(_written(need) - _written(room)) == added:
        return need
    for places in range(1, FIT_DECIMALS_MAX + 1):
        if math.ceil(round(hours, places) - _written(room)) == added:
            return hours_to(hours, places)
    return need


def enough(problem: Problem, team: Team, hours: Fraction) -> Fraction:
    """Hours a team lacks as written beside their fix: the figure that is enough, rounded
    up as hours are shown (127.6 h short reads "needs 128 h more", beside "add 128 h"; it
    read 127.6 h rounded half up as 128 h beside "add 128 h", and 128.4 h as "needs 128 h
    more" beside the "add 129 h" that is enough). Where every hour added may be planned, the
    whole hours :func:`~planner.explain.changes.capacity_increase` adds."""
    if problem.settings.plannable_share(team.team_id, team.department) == 1:
        return Fraction(math.ceil(hours))
    step = Fraction(10) ** -shown_decimals(float(hours))
    return math.ceil(hours / step) * step


def _capacity_blockers(
    problem: Problem, team: Team, hours: Fraction, limit: Fraction
) -> list[Blocker]:
    """A team short of hours: more capacity, or first its what-if multiplier of 0 back to 1.

    A department (or team) scaled to 0 in the scenario gains nothing from more
    hours, so the edit that helps is the multiplier itself.
    """
    shown = team_limit_shown(problem, team) if limit == team_limit(problem, team) else None
    need, room = hours_over(hours, limit, hours_value(limit) if shown is None else shown)
    reason = f"it needs {need}, more than the {room} {team.name} can plan"
    zeroed = zero_multiplier(problem, team)
    restore: Change
    if zeroed is not None:
        restore, why = RestoreMultiplier(zeroed), "its capacity is set to 0 %"
    elif problem.settings.capacity.max_utilization == 0 or utilisation_behind(problem, team, hours):
        # The leader's own cap first: at 10 %, "add 3,111 h" for a team that could carry it.
        restore, why = RestoreUtilization(), planned_up_to(utilisation_words(problem))
    else:
        increase = capacity_increase(problem, team, hours - limit)
        if increase and problem.settings.plannable_share(team.team_id, team.department) == 1:
            need = need_beside_added(hours, need, room, int(increase))
            reason = f"it needs {need}, more than the {room} {team.name} can plan"
        return [Blocker(reason, AddCapacity(team.team_id, increase) if increase else None)]
    out = [Blocker(f"{reason} ({why})", restore)]
    restored = restore.apply(problem)
    still = hours - team_limit(restored, team)
    if still > 0:
        increase = capacity_increase(restored, team, still)
        out.append(
            Blocker(
                f"even at full capacity it needs {hours_text(enough(restored, team, still))} more",
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
    return join_names(reasons)


def exclusions(problem: Problem, project_id: str) -> dict[str, str]:
    """Team id -> every reason that team may never own the project (eligible teams absent)."""
    project = problem.project(project_id)
    out = {}
    for team in problem.teams:
        blockers = pair_blockers(problem, project, team)
        if blockers:
            out[team.team_id] = blockers_text(blockers)
    return out


#: Reasons (each for one team or several) told in "no team may take it (...)"; the rest
#: are counted: ten teams' reasons ran a mandatory project's conflict to 1,500 characters.
REASONS_TOLD = 2


def _grouped(problem: Problem, project: Project, excluded: Mapping[str, str]) -> str:
    """Teams with the same reason together, the closest calls first: the fewest changes
    away, then the shortest reasons.

    The first :data:`REASONS_TOLD` reasons are told; the other teams are named and
    counted (the Plan page's Explain a project and planner explain give each reason).
    By length alone, a team one change away ("it needs 418 h, more than the 400 h
    Mid-Market AEs can plan (each team is planned up to 50 % of its hours)") was counted
    among "other reasons" behind teams lacking both a stage and a skill.
    """
    by_reason: dict[str, list[str]] = defaultdict(list)
    changes: dict[str, int] = {}
    for team_id, reason in excluded.items():
        team = problem.team(team_id)
        by_reason[reason].append(team.name)
        count = len(pair_blockers(problem, project, team))
        changes[reason] = min(changes.get(reason, count), count)
    ordered = sorted(by_reason.items(), key=lambda item: (changes[item[0]], len(item[0])))
    told = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in ordered[:REASONS_TOLD])
    rest = [name for _, names in ordered[REASONS_TOLD:] for name in names]
    if not rest:
        return told
    teams = "team" if len(rest) == 1 else "teams"
    return (
        f"{told}; and {len(rest)} more {teams} for other reasons ({join_names(at_most(rest, 3))})"
    )


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
        return f"no team may take it ({_grouped(problem, project, excluded)})"
    if project.joint:
        for department in (SALES, MARKETING):
            if not any(t.department == department for t in eligible):
                side = {
                    k: v for k, v in excluded.items() if problem.team(k).department == department
                }
                if not side:
                    return f"it is joint and there is no {department} team"
                told = _grouped(problem, project, side)
                return f"it is joint and no {department} team may take it ({told})"
        if uncovered := uncovered_skills(project, eligible):
            skill, level = uncovered[0]
            said = (
                f"no team that may take it has {skill_words(problem.skill_name(skill))} "
                f"at level {level}"
            )
            # The teams that have it are out for other reasons (hours, stages, rules): those
            # are what to change, not a skill some team already has.
            holders = {k: v for k, v in excluded.items() if problem.team(k).holds(skill, level)}
            if holders:
                told = _grouped(problem, project, holders)
                said += f" (the teams that have it may not take it: {told})"
            return said
    return None


def eligible_teams(problem: Problem, project_ids: Iterable[str]) -> dict[str, list[Team]]:
    """Project id -> the teams no rule rules out on its own (vectorised, for many projects)."""
    ids = list(dict.fromkeys(project_ids))
    if not ids:
        return {}
    sub = problem.replace(projects=tuple(problem.project(p) for p in ids))
    mask = eligibility_mask(sub)
    teams = problem.teams
    return {pid: [teams[j] for j in np.flatnonzero(mask[i])] for i, pid in enumerate(ids)}


def has_pair(project: Project, eligible: Sequence[Team]) -> bool:
    """Whether some team (or a sales and marketing pair covering the skills) may take it."""
    if not project.joint:
        return bool(eligible)
    sales = [t for t in eligible if t.department == SALES]
    marketing = [t for t in eligible if t.department == MARKETING]
    if not sales or not marketing:
        return False
    return not uncovered_skills(project, eligible)


def forced_projects(problem: Problem) -> dict[str, str]:
    """Projects that every plan must assign -> why, in words.

    Mandatory and pinned projects, and everything they depend on: the optimizer's
    forced work (rules 2, 7 and 8, :func:`~planner.optimizer.greedy.forced_projects`),
    written once there; here only its words. The mandatory projects first, then the
    pinned ones, then each prerequisite, said by a forced project that needs it (a
    mandatory one where one does).
    """
    forced = [p.project_id for p in optimizer_forced(problem)]  # prerequisites first
    order = {project_id: place for place, project_id in enumerate(forced)}
    why = {pid: "it is mandatory" for pid in forced if problem.project(pid).mandatory}
    pinned = {project_id for project_id, _ in problem.pins}
    why |= {pid: "it is pinned" for pid in sorted(pinned & order.keys() - why.keys())}
    # Dependents come after their prerequisites: from the last back, the ones nearest a
    # mandatory or pinned project first.
    for project_id in reversed(forced):
        if project_id in why:
            continue
        current = min(
            (d for d in problem.dependents.get(project_id, ()) if d in order),
            key=lambda d: (why.get(d) != "it is mandatory", d not in why, -order[d]),
        )
        why[project_id] = (
            f"mandatory {project_name(problem, current)} depends on it"
            if why.get(current) == "it is mandatory"
            else f"{project_name(problem, current)}, which must be assigned, depends on it"
        )
    return why
