"""The rest of the quarter's problem, the one a check-in's re-plan solves.

:func:`replan_problem` turns the quarter's problem and its baseline plan into the problem
of *the rest of the quarter*, with the baseline attached (rule 9 and the ``stability``
weight) so the solver moves as few projects as it must (:func:`with_baseline`). Solving it
is :func:`planner.scenarios.replan.replan`; what the re-plan changed, project by project,
:func:`~planner.scenarios.replan_diff.replan_diff`.

How the rest of the quarter is represented (the domain insists that every
effort is > 0 and every target > 0, so nothing is modelled as "0 hours"):

done projects
    are taken out of the problem. Their hours are spent (they are inside the
    hours used, below) and their effect on the KPI is inside the KPI
    achieved, so keeping them would count both twice. A dependency on a done
    project is met. They cannot move, so they are never a change.
in-progress projects
    stay, pinned to their baseline team(s) unless the leader unlocks them,
    for what is left of them: effort and value (and every team-specific
    estimate of them) are scaled by ``1 - percent_done / 100``. The part
    done is spent and already counted in the KPI achieved, like a done
    project. An unlocked project keeps its remaining effort; handing it to
    another team is a change. In weeks it runs on from the week after the
    check-in to its end week: the check-in's ``end_week`` when the leader
    gives one (a late project, or one ending early), else its baseline's; one
    given an end week after its due week brings the quarter nothing more (its
    value left is 0: it lands after the quarter, SPEC's due_week). Two
    projects in progress are no longer held one after the other (rule 12).
dropped projects
    are taken out. A project that has not started and depends on a dropped
    one can no longer be done and is taken out too (reported as blocked);
    one in progress keeps going without the dependency.
capacity
    each team's ``capacity_hours`` becomes what is left: capacity minus the
    team's hours used when given, else capacity times the share of the
    quarter still to come. A team's ``max_projects`` counts the quarter, so
    its done projects use up slots.
goals
    aim at what is left: ``target - achieved``, and their weight is scaled by
    the share of the target left (``weight x left / target``, to the three
    decimals a weight may have). With that scaling the re-plan's attainment
    term is the quarter's, with the KPI achieved so far counted as fixed: a
    unit of KPI earns what it earned at the start of the quarter, and a goal
    stops earning at its full target. Without it, a goal nearly met would
    earn a goal's full points for its last few percent and pull capacity
    away from goals that are behind. A goal already met is
    dropped from the re-plan (a tiny positive target instead would let one
    project "reach 100 %" and pull capacity towards a goal that needs
    nothing), and its projects lose their goal so they no longer score
    attainment (they still count as ``value`` points).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, cast

from planner.core.domain import (
    ZERO,
    Baseline,
    CalendarRow,
    Estimate,
    Goal,
    Plan,
    Problem,
    Project,
    Rule,
    RuleKind,
    Team,
)
from planner.core.errors import InvalidInputError
from planner.scenarios.checkin import (
    PLACES,
    CheckIn,
    ProjectProgress,
    ProjectStatus,
    remaining_capacity,
    removed_projects,
    to_places,
    used_of_capacity,
    weeks_past,
)
from planner.scenarios.checkin_goals import Pace, goal_progress
from planner.scenarios.checkin_issues import checkin_issues
from planner.scenarios.late_work import past_due
from planner.scenarios.met_goals import met_goals, with_met_goals


def replan_problem(
    problem: Problem,
    baseline_plan: Plan,
    checkin: CheckIn,
    *,
    max_changes: int | None,
    stability_weight: float,
    unlocked: Collection[str] = (),
) -> Problem:
    """The problem of the rest of the quarter, with the baseline plan attached.

    Parameters
    ----------
    problem
        The quarter's problem that ``baseline_plan`` was made for.
    baseline_plan
        The plan the teams have been working to.
    checkin
        Progress so far (see the module docstring for how each part is used).
    max_changes
        Rule 9: at most this many baseline projects still in the re-plan may
        change owner (``None``: no hard budget).
    stability_weight
        The ``stability`` weight: objective points lost per project moved.
    unlocked
        In-progress projects the leader lets the re-plan hand to another team.

    Returns
    -------
    Problem
        Done, dropped and blocked projects removed; in-progress ones pinned
        (unless unlocked) with their remaining effort and value; capacity
        and ``max_projects`` reduced to what is left; goals aiming at what is
        left of their targets, met goals removed; the baseline's owners with
        the change budget; the ``stability`` weight set.

    Raises
    ------
    InvalidInputError
        When the check-in names projects, goals or teams the problem lacks,
        or a project in progress that the baseline did not assign.
    """
    issues = checkin_issues(problem, baseline_plan, checkin)
    if issues:
        raise InvalidInputError(issues)
    removed = removed_projects(problem, checkin)
    owners = {p: t for p, t in baseline_plan.owners().items() if p in problem.project_index}
    progress = {g.goal_id: g for g in goal_progress(problem, checkin)}
    met = {g for g, p in progress.items() if p.pace is Pace.MET}
    projects, estimates = _remaining_work(problem, checkin, removed, met)
    rules = [r for r in problem.rules if r.project_id not in removed]
    in_progress = checkin.ids_with(ProjectStatus.IN_PROGRESS) - set(unlocked)
    pinned = {(r.project_id, r.team_id) for r in rules if r.rule is RuleKind.PIN}
    pins = sorted((p, t) for p in in_progress for t in owners.get(p, ()) if (p, t) not in pinned)
    rules += [Rule(p, t, RuleKind.PIN) for p, t in pins]

    kept_by = {(p, t) for p in in_progress for t in owners.get(p, ())}
    teams, forbids = _remaining_teams(problem, checkin, removed, owners, projects, pinned | kept_by)
    rules += forbids
    goals = tuple(
        _remaining_goal(g, progress[g.goal_id].achieved)
        for g in problem.goals
        if g.goal_id not in met
    )
    rest = problem.replace(
        teams=tuple(teams),
        projects=projects,
        goals=goals,
        estimates=estimates,
        rules=tuple(rules),
    )
    rest = _in_the_weeks_left(problem, rest, baseline_plan, checkin)
    rest = with_baseline(
        rest, baseline_plan, max_changes=max_changes, stability_weight=stability_weight
    )
    return _with_work_under_way(rest, checkin, owners, pins, unlocked)


def _remaining_work(
    problem: Problem, checkin: CheckIn, removed: Mapping[str, str], met: Collection[str]
) -> tuple[tuple[Project, ...], tuple[Estimate, ...]]:
    """What is left of the projects not ``removed`` and of their estimates, for
    :func:`replan_problem`."""
    # In weeks, work in progress is not held after a prerequisite still in progress (rule
    # 12): both have started, and one running on to a later end week would push the other,
    # already under way, out of the weeks it must run in.
    running = checkin.ids_with(ProjectStatus.IN_PROGRESS) if problem.is_time_phased else frozenset()
    # Ending after its due week, what is left of a project lands after the quarter: its
    # impact counts for the quarter only because it ends by then (SPEC, due_week).
    after_due = frozenset(past_due(problem, checkin))
    projects = tuple(
        _remaining_project(p, checkin, removed, met, running, after_due)
        for p in problem.projects
        if p.project_id not in removed
    )
    estimates = tuple(
        _remaining_estimate(e, checkin, after_due)
        for e in problem.estimates
        if e.project_id not in removed
    )
    return projects, estimates


def _with_work_under_way(
    rest: Problem,
    checkin: CheckIn,
    owners: Mapping[str, Collection[str]],
    pins: Collection[tuple[str, str]],
    unlocked: Collection[str],
) -> Problem:
    """``rest`` whose baseline knows the work under way: the projects the re-plan's own
    ``pins`` keep (not a leader's: explanations call them in progress), those in progress
    that the baseline assigned, and which of those the leader ``unlocked``."""
    kept = frozenset(p for p, _ in pins)
    under_way = frozenset(checkin.ids_with(ProjectStatus.IN_PROGRESS)) & set(owners)
    return rest.replace(
        baseline=replace(
            cast(Baseline, rest.baseline),
            in_progress=kept,
            under_way=under_way,
            unlocked=under_way & frozenset(unlocked),
        )
    )


def under_quarter_goals(rest: Problem, quarter: Problem) -> Problem:
    """``rest``, a check-in's re-plan problem, with each project under its goal in the
    ``quarter`` and each goal met at the check-in back where the quarter has it: for the
    re-plan's files alone (plan.csv, the workbook's Plan and Left out sheets), never to
    solve or measure (:func:`~planner.scenarios.met_goals.with_met_goals`, as a saved
    check-in's files have it).
    """
    return with_met_goals(rest, met_goals(quarter, rest))


def _in_the_weeks_left(
    problem: Problem, rest: Problem, baseline_plan: Plan, checkin: CheckIn
) -> Problem:
    """``rest`` in the weeks that are left (:func:`_rest_of_quarter`); at week 0 the
    quarter is still whole, and work already in progress ends in the week the leader
    gives it. A quarter not in weeks is left as it is."""
    past = weeks_past(problem, checkin)
    if past:
        return _rest_of_quarter(problem, rest, baseline_plan, checkin, past)
    if not problem.is_time_phased:
        return rest
    return rest.replace(
        projects=tuple(_to_end_week(p, checkin.progress(p.project_id), 0) for p in rest.projects)
    )


def _remaining_teams(
    problem: Problem,
    checkin: CheckIn,
    removed: Mapping[str, str],
    owners: Mapping[str, Collection[str]],
    projects: tuple[Project, ...],
    kept: Collection[tuple[str, str]],
) -> tuple[list[Team], list[Rule]]:
    """Each team with the hours left and the project slots its done projects leave.

    ``kept``: the (project, team) pairs the re-plan keeps (pins, and in-progress
    work with its baseline team). A team whose done projects use up its slots
    (``max_projects`` cannot be 0) has no cap but a forbid on every project
    it does not keep: those rules come back with the teams.
    """
    done_by_team: dict[str, int] = defaultdict(int)
    for project_id, why in removed.items():
        if why == "done":
            for team_id in owners.get(project_id, ()):
                done_by_team[team_id] += 1
    teams, forbids = [], []
    for team in problem.teams:
        slots = team.max_projects
        if slots is not None and done_by_team[team.team_id]:
            slots -= done_by_team[team.team_id]
            if slots < 1:
                forbids += [
                    Rule(p.project_id, team.team_id, RuleKind.FORBID)
                    for p in projects
                    if (p.project_id, team.team_id) not in kept
                ]
                slots = None
        teams.append(
            replace(
                team,
                capacity_hours=remaining_capacity(
                    team, checkin, problem.settings.plannable_share(team.team_id, team.department)
                ),
                max_projects=slots,
            )
        )
    return teams, forbids


def with_baseline(
    problem: Problem,
    baseline_plan: Plan,
    *,
    max_changes: int | None = None,
    stability_weight: float | None = None,
) -> Problem:
    """``problem`` to be re-planned against ``baseline_plan``: rule 9 and the stability weight.

    Every re-plan goes through here: the check-in's (:func:`replan_problem`),
    ``planner solve --baseline`` and the Check-in page. Owners of projects no
    longer in ``problem`` are left out (they cannot move).

    Parameters
    ----------
    max_changes
        At most this many baseline projects change owner (``None``: no budget).
    stability_weight
        Objective points given up per project that changes owner; ``None``
        keeps the settings' ``stability`` weight.
    """
    owners = {p: teams for p, teams in baseline_plan.owners().items() if p in problem.project_index}
    if stability_weight is not None:
        weights = replace(problem.settings.weights, stability=float(stability_weight))
        problem = problem.replace(settings=problem.settings.with_changes(weights=weights))
    return problem.replace(
        baseline=Baseline(owners, max_changes=max_changes, starts=baseline_starts(baseline_plan))
    )


def baseline_starts(plan: Plan) -> dict[str, int]:
    """Project id -> its start week in ``plan`` (projects planned in weeks only)."""
    return {a.project_id: a.start_week for a in plan.assignments if a.start_week is not None}


def _rest_of_quarter(
    problem: Problem, rest: Problem, baseline_plan: Plan, checkin: CheckIn, past: int
) -> Problem:
    """The re-plan in weeks: weeks 1..past are over, the calendar holds for the weeks left.

    Weeks 1..past get no hours (their work happened as it happened); every
    later week keeps its hours from the quarter's calendar, scaled down when
    the hours a team reports having used leave it less. A project in
    progress runs on from week past+1 to the end week the check-in gives it,
    else for the weeks its baseline run had left (at least one); one not
    started starts after week ``past``.
    """
    weeks = problem.num_weeks
    # At the quarter's end its last week is over too (``past`` stops a week short of it,
    # so that the problem keeps a week): no hours, so no work lands in a week gone.
    over = checkin.weeks_elapsed >= weeks
    calendar: list[CalendarRow] = []
    teams = []
    for team in rest.teams:
        future = [Fraction(0 if over else h) for h in problem.week_hours[team.team_id][past:]]
        total = sum(future, Fraction(0))
        if team.team_id in checkin.hours_used and total > 0:
            quarter_team = problem.team(team.team_id)
            # The quarter's hours are the sum of its weeks (calendar.csv), which may
            # differ from capacity_hours.
            unused = problem.quarter_hours(team.team_id) - used_of_capacity(
                quarter_team,
                checkin,
                problem.settings.plannable_share(quarter_team.team_id, quarter_team.department),
            )
            if unused < total:
                future = [h * max(unused, Fraction(0)) / total for h in future]
        hours = [to_places(h, ROUND_DOWN) for h in future]
        calendar.append(CalendarRow(team.team_id, 1, past, Decimal(0)))
        calendar += [
            CalendarRow(team.team_id, week, week, h) for week, h in enumerate(hours, start=past + 1)
        ]
        teams.append(replace(team, capacity_hours=sum(hours, Decimal(0))))
    runs = {a.project_id: a.end_week for a in baseline_plan.assignments}
    projects = []
    for project in rest.projects:
        window = problem.window(project)
        due = window[-1]
        first = max(window[0], past + 1)
        progress = checkin.progress(project.project_id)
        if progress.status is ProjectStatus.IN_PROGRESS and progress.end_week is not None:
            projects.append(_to_end_week(project, progress, past))
            continue
        if progress.status is ProjectStatus.IN_PROGRESS:
            first = past + 1  # it has started: it runs on from the first week left
            end = runs.get(project.project_id) or due
            running = min(max(1, end - past), weeks - past)
            due = max(due, past + running)
            duration = running if project.duration_weeks is not None else None
        else:
            duration = project.duration_weeks
        projects.append(
            replace(
                project,
                duration_weeks=duration,
                earliest_week=first,
                due_week=due,
            )
        )
    return rest.replace(teams=tuple(teams), projects=tuple(projects), calendar=tuple(calendar))


def _to_end_week(project: Project, progress: ProjectProgress, past: int) -> Project:
    """A project in progress with the leader's end week: it runs from week ``past + 1`` to
    that week, its work left spread over them, past its due week if need be (later or
    earlier than planned). Any other project as it is."""
    end = progress.end_week
    if progress.status is not ProjectStatus.IN_PROGRESS or end is None:
        return project
    return replace(
        project,
        duration_weeks=None if project.duration_weeks is None else end - past,
        earliest_week=past + 1,
        due_week=end,
    )


def _remaining_goal(goal: Goal, achieved: Decimal) -> Goal:
    """The goal of what is left: the rest of its target, its weight scaled to match.

    Scaling the weight by the share of the target left keeps a unit of the KPI
    worth what it was worth at the start of the quarter, and the goal's points
    capped where the whole target is reached.
    """
    left = goal.target - achieved
    weight = (goal.weight * left / goal.target).quantize(PLACES, rounding=ROUND_HALF_UP)
    return replace(goal, target=left, weight=max(weight, PLACES))


def _scaled(amount: Decimal, share: Decimal, *, effort: bool) -> Decimal:
    """``amount x share`` to three places: effort rounds down (and stays > 0), value evenly.

    Rounding the remaining effort down (by under a thousandth of an hour)
    means a team whose remaining work exactly fills its remaining capacity
    is never pushed over it by rounding.
    """
    if effort:
        return max((amount * share).quantize(PLACES, rounding=ROUND_DOWN), PLACES)
    return (amount * share).quantize(PLACES, rounding=ROUND_HALF_UP)


def _remaining_project(
    project: Project,
    checkin: CheckIn,
    removed: Mapping[str, str],
    met: Collection[str],
    running: Collection[str] = (),
    after_due: Collection[str] = (),
) -> Project:
    """What is left of ``project``: its work and value left, its links to projects still
    to come (``running``: projects in progress, whose links between them are over). A
    project in ``after_due`` ends after its due week: its work left brings the quarter
    no value."""
    changes: dict[str, Any] = {}
    progress = checkin.progress(project.project_id)
    if progress.status is ProjectStatus.IN_PROGRESS and progress.percent_done:
        changes["effort_hours"] = _scaled(project.effort_hours, progress.remaining, effort=True)
        changes["value"] = _scaled(project.value, progress.remaining, effort=False)
        # The range shrinks with the work left (rounding keeps low <= value <= high).
        for bound in ("value_low", "value_high"):
            amount = getattr(project, bound)
            if amount is not None:
                changes[bound] = _scaled(amount, progress.remaining, effort=False)
    if project.project_id in after_due:
        changes["value"] = ZERO
        for bound in ("value_low", "value_high"):
            if getattr(project, bound) is not None:
                changes[bound] = ZERO
    under_way = project.project_id in running

    def over(needed: str) -> bool:
        return needed in removed or (under_way and needed in running)

    if any(over(d) for d in project.depends_on):
        changes["depends_on"] = tuple(d for d in project.depends_on if not over(d))
    if project.goal_id in met:
        changes["goal_id"] = None
    return replace(project, **changes) if changes else project


def _remaining_estimate(
    estimate: Estimate, checkin: CheckIn, after_due: Collection[str] = ()
) -> Estimate:
    if estimate.project_id in after_due and estimate.value is not None:
        estimate = replace(estimate, value=ZERO)
    progress = checkin.progress(estimate.project_id)
    if progress.status is not ProjectStatus.IN_PROGRESS or not progress.percent_done:
        return estimate
    share = progress.remaining
    return replace(
        estimate,
        effort_hours=None
        if estimate.effort_hours is None
        else _scaled(estimate.effort_hours, share, effort=True),
        value=None if estimate.value is None else _scaled(estimate.value, share, effort=False),
    )
