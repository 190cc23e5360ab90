"""Why a re-plan for a goal that is behind changes nothing, in words a leader can act on.

A re-plan that keeps every baseline project where it is, while a goal is
behind its plan, looks like the tool did nothing. It did what it could: the
projects in progress stay with their teams (unless unlocked), and the work
left out that would help the goal needs hours its teams no longer have.
:func:`idle_explanations` says so per goal behind, naming the left-out
projects that would help it most and what each needs (hours on which team,
against that team's spare hours in the re-plan).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.core.capacity import team_limit
from planner.core.domain import Plan, Problem
from planner.core.pairs import pair_hours
from planner.core.shared_words import plural
from planner.core.shown_figures import amount, hours, percent
from planner.optimizer.eligibility import exclusion
from planner.scenarios.checkin_goals import GoalProgress, Pace
from planner.scenarios.replan_diff import COUNTED_CHANGES, ChangeKind, ReplanDiff

#: Left-out projects named per goal, the most valuable first.
MAX_HELPERS = 3


@dataclass(frozen=True)
class TeamNeed:
    """What one project would need of one team that may take it, and what the team has spare."""

    team_id: str
    team: str
    needed_hours: Fraction
    spare_hours: Fraction

    @property
    def fits(self) -> bool:
        return self.needed_hours <= self.spare_hours


@dataclass(frozen=True)
class Helper:
    """A left-out project that would add to a goal behind, and what it would need."""

    project_id: str
    name: str
    value: Decimal
    needs: tuple[TeamNeed, ...]
    reason: str = ""


def spare_hours(problem: Problem, plan: Plan) -> dict[str, Fraction]:
    """Team id -> hours it may still plan under ``plan`` (capacity in force minus load)."""
    load = plan.team_load()
    return {
        t.team_id: team_limit(problem, t) - Fraction(load.get(t.team_id, 0)) for t in problem.teams
    }


def helpers(problem: Problem, plan: Plan, goal_id: str) -> tuple[Helper, ...]:
    """The projects of ``goal_id`` that ``plan`` leaves out, most valuable first, with needs.

    ``problem`` is the re-plan's (the rest of the quarter); a project no team
    may take is not a helper.
    """
    spare = spare_hours(problem, plan)
    owned = plan.owners()
    reasons = {u.project_id: u.reason for u in plan.unassigned}
    found = []
    for project in problem.projects:
        if project.goal_id != goal_id or project.project_id in owned:
            continue
        needs = []
        for team in problem.teams:
            if exclusion(problem, project, team) is not None:
                continue
            hours = pair_hours(problem, project, team)
            needs.append(TeamNeed(team.team_id, team.name, hours, spare[team.team_id]))
        if needs:
            found.append(
                Helper(
                    project.project_id,
                    project.name,
                    project.value,
                    tuple(needs),
                    reasons.get(project.project_id, ""),
                )
            )
    found.sort(key=lambda h: (-h.value, h.project_id))
    return tuple(found[:MAX_HELPERS])


def idle_explanations(
    problem: Problem,
    plan: Plan,
    progress: Iterable[GoalProgress],
    in_progress: Collection[str],
    unlock: str = 'tick "May move" for one in the Projects table',
    helped: Collection[str] | None = None,
) -> list[str]:
    """Per goal behind its plan that the re-plan gives nothing: why it leaves it there.

    Parameters
    ----------
    problem
        The re-plan's problem (the rest of the quarter).
    plan
        The re-plan, which changed no baseline owner.
    progress
        Each goal at the check-in (:func:`~planner.scenarios.checkin_goals.goal_progress`).
    in_progress
        The projects in progress that stay with their teams (not unlocked).
    unlock
        How the leader lets one move, in the words of where they read this.
    helped
        The goals whose projects the re-plan moves or adds (:func:`helped_goals`): the
        rest are told whatever else moves. ``None``: the re-plan changed nothing.
    """
    out = []
    pinned = len(in_progress)
    owned = plan.owners()
    for goal in progress:
        if goal.pace is not Pace.BEHIND or (helped is not None and goal.goal_id in helped):
            continue
        text = f"'{goal.name}' is behind its plan ({percent(goal.percent_of_target)} of target"
        if goal.percent_planned is not None:
            text += f" with {percent(goal.percent_planned)} planned by now"
        text += "), yet the re-plan " + (
            "moves nothing: " if helped is None else "gives it nothing: "
        )
        if pinned:
            stay = "stays with its team" if pinned == 1 else "stay with their teams"
            text += f"the {plural(pinned, 'project')} in progress {stay} ({unlock}), and "
        found = helpers(problem, plan, goal.goal_id)
        if not found:
            own = [p.project_id for p in problem.projects if p.goal_id == goal.goal_id]
            if own and all(p in owned for p in own):
                # The re-plan holds only the work still to run (not what is done or
                # dropped): "all 3 of its projects" read wrong of a goal of 7.
                every = (
                    "its 1 project still to run is"
                    if len(own) == 1
                    else f"all {len(own)} of its projects still to run are"
                )
                out.append(text + f"{every} in the re-plan already and nothing else moves it.")
            else:
                out.append(text + "no project left out of the plan would add to it.")
            continue
        if all(not n.fits for h in found for n in h.needs):
            # The team that would take the first helper, and the hours it lacks: the list
            # alone left the leader to work out who is short, and by how much.
            first = _options(found[0])[0]
            text += (
                "the teams have too few spare hours for the work left out that would help it "
                f"({first.team} needs {hours(first.needed_hours - first.spare_hours)} more "
                "for the first): "
            )
        else:
            text += "the work left out that would help it: "
        out.append(text + "; ".join(_helper_words(h, goal.kpi) for h in found) + ".")
    return out


def helped_goals(problem: Problem, diff: ReplanDiff) -> frozenset[str] | None:
    """The goals whose projects the re-plan ``diff`` moves to another team or adds, for
    :func:`idle_explanations`; ``None`` when it moves, takes out and adds nothing."""
    if not diff.of_kind(*COUNTED_CHANGES, ChangeKind.ADDED):
        return None
    goal_of = {p.project_id: p.goal_id for p in problem.projects}
    given = diff.of_kind(ChangeKind.MOVED, ChangeKind.ADDED)
    return frozenset(g for c in given if (g := goal_of.get(c.project_id)))


def _options(helper: Helper) -> list[TeamNeed]:
    """The teams that may take ``helper``, the one it would need the fewest hours more of
    first (the most to spare when some have room): at most three, as they are said."""
    return sorted(helper.needs, key=lambda n: (n.needed_hours - n.spare_hours, n.team))[:3]


def _helper_words(helper: Helper, kpi: str) -> str:
    """``'Name' (+40,000 ARR saved $) needs 160 h of Customer Success (35 h spare)``."""
    options = " or ".join(
        f"{hours(n.needed_hours)} of {n.team} ({hours(max(n.spare_hours, Fraction(0)))} spare)"
        for n in _options(helper)
    )
    text = f"'{helper.name}' (+{amount(helper.value, kpi)}) needs {options}"
    if any(n.fits for n in helper.needs) and helper.reason:
        text += f", but {helper.reason.split(';')[0].strip()}"
    return text
