"""Why a team owns a project: each objective term's share of the assignment and
every other team, closest call first, with why the plan did not choose it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from planner.core.domain import Assignment, Plan, Problem, Project, Team
from planner.core.pairs import pair_hours, uncovered_skills
from planner.core.shown_figures import amount, contribution, percent
from planner.core.shown_figures import hours as hours_text
from planner.core.skill_words import skill_at
from planner.explain.changes import AddCapacity
from planner.explain.free_hours import fit_decimals, free_shown, team_need
from planner.explain.in_progress import in_progress
from planner.explain.project_figures import team_value
from planner.explain.rule_words import at_project_limit_words
from planner.explain.rules import blockers_text, pair_blockers
from planner.explain.scoring import Contribution, Scorer
from planner.explain.sentences import as_sentence, join_names, project_name


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
    #: The optimizer's arithmetic (objective terms), for a "details" view only.
    details: tuple[str, ...] = ()

    def text(self) -> str:
        return "\n".join(self.lines)


def explain_assignment(problem: Problem, plan: Plan, project_id: str) -> AssignmentExplanation:
    """Each objective term's share of an assignment, and the best team not chosen."""
    scorer = Scorer(problem, plan)
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
        replaced = _replaced(problem, project, team, mine)
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
    names = join_names([problem.team(t).name for t in owners])
    hours = join_names([f"{hours_text(a.effort_hours)}" for a in mine])
    lines = [
        f"{project_name(problem, project_id)} is owned by {names} ({hours})"
        + (
            (
                ", in progress."
                if in_progress(problem, project_id)
                else ", pinned by a leader's rule."
            )
            if pinned
            else "."
        ),
        as_sentence(_brings(problem, scorer, project, mine)),
    ]
    for alt in ordered[:3]:
        lines.append(as_sentence(f"Why not {problem.team(alt.team_id).name}: {alt.reason}"))
    details = [f"Its share: {contribution.describe()}"]
    for alt in ordered[:3]:
        if alt.change is not None:
            details.append(
                f"Moving it to {problem.team(alt.team_id).name}: score {alt.change.describe()}"
            )
    return AssignmentExplanation(
        project_id, owners, pinned, contribution, ordered, tuple(lines), tuple(details)
    )


def why_not_teams(
    problem: Problem,
    plan: Plan,
    project_id: str,
    team_ids: list[str],
    scorer: Scorer | None = None,
) -> dict[str, str]:
    """Why the plan does not give an assigned project to each of ``team_ids``, in
    :func:`explain_assignment`'s words, asking only about those teams: a comparison of
    hundreds of moves at 150 teams took 3.7 s through every team's alternative.
    ``scorer``: the plan's :class:`Scorer`, shared by many projects of one plan."""
    scorer = scorer or Scorer(problem, plan)
    project = problem.project(project_id)
    mine = scorer.of_project.get(project_id, [])
    if not mine:
        raise ValueError(f"project {project_id!r} is not assigned in this plan")
    owners = {a.team_id for a in mine}
    whys = {}
    for team_id in team_ids:
        team = problem.team(team_id)
        replaced = _replaced(problem, project, team, mine)
        if team_id not in owners and replaced:
            whys[team_id] = _alternative(problem, scorer, project, team, replaced, mine).reason
    return whys


def _replaced(
    problem: Problem, project: Project, team: Team, mine: list[Assignment]
) -> list[Assignment]:
    """The owners ``team`` would take the project from: all of them, or for a joint
    project only its own department's side."""
    if not project.joint:
        return list(mine)
    return [a for a in mine if problem.team(a.team_id).department == team.department]


def _brings(problem: Problem, scorer: Scorer, project: Project, mine: list[Assignment]) -> str:
    """What the project brings to its goal in the KPI's unit, with its owners' own numbers."""
    value = sum((Fraction(a.value) for a in mine), Fraction(0))
    goal = problem.goal_index.get(project.goal_id or "")
    if goal is None:
        return f"it brings {amount(value)} of value (it serves no goal)"
    unit = goal.kpi
    target = Fraction(goal.target)
    reached = 100 * scorer.reached[goal.goal_id] / target
    # The owners' own estimate is what counts; the project's value is the one shown beside it.
    whose = "its owners' own" if len(mine) > 1 else "its owner's own"
    own = (
        f" ({whose} estimate; the project's is {contribution(project.value, unit)})"
        if value != Fraction(project.value)
        else ""
    )
    return (
        f"it brings {contribution(value, unit)}{own} to '{goal.name}' "
        f"({percent(100 * value / target)} "
        f"of its target); with it the plan reaches {percent(reached)} of that target"
    )


def _alternative(
    problem: Problem,
    scorer: Scorer,
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
        lacking = [skill_at(problem.skill_name(k), v) for k, v in uncovered_skills(project, held)]
        if lacking:
            return Alternative(
                tid, AlternativeKind.PAIR, f"with its partner it would lack {join_names(lacking)}"
            )
    pins = [problem.team(a.team_id).name for a in replaced if a.pinned]
    # A leader's pin is the reason the team is not the owner; room comes after it.
    pinned = (
        ""
        if not pins
        else f"the project is in progress with {join_names(pins)}"
        if in_progress(problem, project.project_id)
        else f"the project is pinned to {join_names(pins)}"
    )
    # After the pin, "it" read as the project ("...pinned to Brand; besides, it has no room"):
    # the team is named, and the hours are the project's.
    who = team.name if pinned else "it"
    hours = pair_hours(problem, project, team)
    free = scorer.free(tid)
    room = ""
    if hours > free:
        # As the left-out reasons say it: "for its 220 h", a team's own estimate beside the
        # project's hours ("for this project's 220 h (190 h for Demand Gen)").
        decimals = fit_decimals(free, hours)
        free_now = free_shown(problem, team, free, scorer.load[tid], decimals)
        need = team_need(project, team, hours, decimals=decimals)
        if pinned and not project.joint and need.startswith("its "):
            need = "the project's " + need.removeprefix("its ")
        room = f"{who} has {free_now} free for {need}"
    elif scorer.at_project_limit(team):
        room = at_project_limit_words(who, team)
    elif scorer.weeks is not None and not scorer.weeks.open_starts(project, team):
        # Free hours over the quarter, none in the weeks the project could run: "it could
        # take it and do a little more for the goals" stood beside "Optimal: best possible".
        weekly = scorer.weeks.blocked(project, [team], alone=True)
        room = (weekly or f"{who} has no run of weeks with room for it").replace(
            f"{team.name} has no room", f"{who} has no room", 1
        )
    if room:
        reason = f"{pinned}; besides, {room}" if pinned else room
        return Alternative(tid, AlternativeKind.CAPACITY, reason)
    change = scorer.delta([scorer.add(project, team)], replaced)
    if pinned:
        reason = pinned
    elif change.total == 0:
        reason = "it could take it and the plan would be as good"
    elif change.total < 0:
        reason = f"it could take it, but {_worse(problem, project, team, replaced, change)}"
    else:
        # "(the plan may not be proven best)" hedged and left a leader nothing to do: a
        # leader's pin (Constraints) is how to have the move the plan did not make.
        reason = f"it could take it {_better(change)}; to have that, pin the project to {team.name}"
    return Alternative(tid, AlternativeKind.LOWER, reason, change)


def _better(change: Contribution) -> str:
    """What moving the project there gains, in a leader's words: more for the goals only
    when the goals gain. A move that scored more on skill fit alone read "do a little more
    for the goals" beside the same goal attainment."""
    if change.attainment > 0 or (change.attainment == 0 and change.value > 0):
        return "and do a little more for the goals"
    gains = []
    if change.fit > 0:
        gains.append("its skills would fit the work better")
    if change.balance > 0:
        gains.append("the busiest team would be less busy")
    if change.stability > 0:
        gains.append("the project would stay where the current plan has it")
    if change.confidence > 0:
        gains.append("the odds of the targets would be better")
    said = join_names(gains) if gains else "the plan would score a little more"
    if change.attainment == change.value == 0:
        return f"for the same goals, and {said}"
    return f"with a little less for the goals, but {said}"


def _worse(
    problem: Problem,
    project: Project,
    team: Team,
    replaced: list[Assignment],
    change: Contribution,
) -> str:
    """Why moving the project there makes the plan worse, in a leader's words."""
    whys = []
    if change.attainment < 0 or change.value < 0:
        now = sum((Fraction(a.value) for a in replaced), Fraction(0))
        there = team_value(problem, project, team)
        goal = problem.goal_index.get(project.goal_id or "")
        unit = goal.kpi if goal is not None else ""
        if there < now:
            whys.append(
                f"it would bring {contribution(there, unit)} instead of {contribution(now, unit)}"
            )
        else:
            whys.append("the goals would get less")
    if change.balance < 0:
        whys.append("the busiest team would be busier")
    if change.fit < 0:
        whys.append("its skills fit the work less well")
    if change.stability < 0:
        whys.append("the project would move away from the current plan")
    return join_names(whys) if whys else "the plan would be slightly worse"
