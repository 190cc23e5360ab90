"""The re-plan after a check-in: the rest of the quarter's problem, and what the re-plan changed.

- :func:`replan_problem` turns the quarter's problem and its baseline plan
  into the problem of *the rest of the quarter*, with the baseline attached
  (rule 9 and the ``stability`` weight) so the solver moves as few projects
  as it must;
- :func:`~planner.scenarios.replan_diff.replan_diff` lists, project by
  project, what the re-plan keeps, moves, adds and leaves out, each with
  the reason in words.

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

import time
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
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
    Result,
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
from planner.scenarios.checkin_goals import Pace, goal_progress, projected_attainment
from planner.scenarios.checkin_issues import checkin_issues
from planner.scenarios.late_work import past_due
from planner.scenarios.met_goals import met_goals, with_met_goals
from planner.scenarios.replan_diff import ReplanDiff, replan_diff
from planner.scenarios.replan_fit import overrun_teams, week_short
from planner.solving.limits import replan_after_s


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


def carried_baseline(problem: Problem, baseline_plan: Plan) -> Plan:
    """The baseline's owners for the projects still in ``problem``, at their remaining size.

    This is "change nothing" in the re-plan problem: compare a re-plan with it (e.g.
    with :func:`~planner.scenarios.checkin_goals.projected_attainment`). It may break a rule
    that the check-in made binding, such as the reduced capacity.
    """
    from planner.core.domain import Assignment
    from planner.core.pairs import pair_of

    assignments = []
    owners = baseline_plan.owners()
    for project in problem.projects:
        for team_id in sorted(owners.get(project.project_id, ())):
            if team_id not in problem.team_index:
                continue
            pair = pair_of(problem, project, problem.team(team_id))
            assignments.append(
                Assignment(project.project_id, team_id, pair.share, pair.effort_hours, pair.value)
            )
    return Plan(tuple(assignments))


def fewest_changes(problem: Problem, *, time_limit_s: float | None = None) -> int | None:
    """The fewest baseline projects that must change owner for a plan to exist.

    When a re-plan with a change budget is infeasible, this says how large a
    budget would do. It solves ``problem`` with no budget and only the
    ``stability`` term in the objective. ``None`` when no plan exists at all
    (or none is found in time); without a baseline, 0. If the solve stops at
    its time limit before proving the minimum, the number is an upper bound.
    """
    from planner.checker import num_changes
    from planner.core.settings import Weights
    from planner.solving.solver import solve

    if problem.baseline is None:
        return 0
    relaxed = problem.replace(
        baseline=replace(problem.baseline, max_changes=None),
        settings=problem.settings.with_changes(
            weights=Weights(attainment=0, value=0, balance=0, fit=0, stability=1)
        ),
    )
    result = solve(relaxed, time_limit_s=time_limit_s)
    if result.plan is None:
        return None
    return num_changes(relaxed, result.plan)


#: How far past its time limit the carried plan may take a solve (SPEC: a second at most).
_PAST_THE_LIMIT_S = 0.5
#: Weighing the baseline carried on takes at least this many times the seconds the rest of
#: the quarter took (this machine, now): at 40 x 500 in weeks, load 15-26, 1.0-6.3 times.
_CARRIED_PER_REST = 3.0


def carried_on_if_better(
    rest: Problem, result: Result, started: float, after_s: float = 0.0, rest_s: float = 0.0
) -> Result | None:
    """The baseline of ``rest`` carried on, when it keeps every rule of ``rest`` and scores
    above ``result``, a search that ended on the clock (``started``: its perf_counter start).

    A check-in that went to plan, on 200 teams x 6,000 projects at load 9, was re-planned
    with 551 changes to 94.5 % at quarter end beside "the baseline carried on: 94.9 %", and
    ``solve --baseline plan.csv --stability 5`` of that plan's own data gave 7.8 % with
    3,926 changes: changing nothing scored more, and is the fewest changes there are. Each
    project runs where the baseline put it (one in progress in the weeks it has left);
    ``None`` when one cannot, or the carried plan breaks a rule the inputs made binding.
    The left-out projects' reasons are weighed within the time limit, ``after_s`` kept
    (the re-plan's work after it, :func:`~planner.solving.limits.replan_after_s`).
    ``rest_s``: the seconds the rest of the quarter's problem took, this machine's pace
    now: it is weighed only when :data:`_CARRIED_PER_REST` times them fit too.
    """
    from planner.core.domain import Status
    from planner.core.pairs import pair_of
    from planner.optimizer.warm_start import plan_objective
    from planner.solving.limits import preparing_s
    from planner.solving.plans import checked_plan, plan_result

    baseline = rest.baseline
    if result.status is not Status.FEASIBLE or result.objective is None or baseline is None:
        return None  # a proven optimum is not beaten; without a plan, say why there is none
    deadline = started + rest.settings.solve.time_limit_s
    weighing_s = max(preparing_s(rest), _CARRIED_PER_REST * rest_s)
    if time.perf_counter() + weighing_s + after_s > deadline + _PAST_THE_LIMIT_S:
        # Weighing it would run the solve past its limit (200 x 6,000 at 10 s: 17.5 s). The
        # warm start tried the current plan first (optimizer.warm_start), so the search
        # started from it: re-planning that plan against itself made 0 changes without this.
        return None
    chosen = [
        pair_of(rest, rest.project(project_id), rest.team(team_id))
        for project_id, teams in baseline.owners.items()
        for team_id in sorted(teams)
        if team_id in rest.team_index
    ]
    starts: dict[str, int] = {}
    if rest.is_time_phased:
        for project_id in baseline.owners:
            project = rest.project(project_id)
            window, duration = rest.window(project), rest.duration(project)
            start = baseline.starts.get(project_id)
            if project_id in baseline.under_way and len(window) == duration:
                starts[project_id] = window.start
            elif start is not None and start in window and start + duration - 1 in window:
                starts[project_id] = start
            else:
                return None  # its run is over or moved: carrying on is no plan of its own
    objective = plan_objective(rest, chosen, starts)
    if objective is None or objective <= result.objective:
        return None
    plan, breakdown = checked_plan(rest, chosen, starts, reasons_until=deadline - after_s)
    return plan_result(
        Status.FEASIBLE,
        plan,
        breakdown,
        time.perf_counter() - started,  # the check above counts: the seconds are all of it
        bound=result.bound,
        num_variables=result.num_variables,
    )


@dataclass(frozen=True)
class Replan:
    """A check-in's re-plan and everything a leader reads about it.

    ``problem`` is the rest of the quarter (:func:`replan_problem`) and
    ``result`` its solve. ``carried`` is the baseline carried on unchanged,
    for comparison; ``projected_before`` and ``projected_after`` are each
    goal's percent of its quarter target at the end of the quarter with the
    carried baseline and with the re-plan (:func:`projected_attainment`).
    Without a plan, ``diff`` and ``num_changes`` are ``None`` and, when a
    change budget was the obstacle, ``fewest_changes`` says how large a
    budget would do.
    """

    problem: Problem
    result: Result
    carried: Plan
    projected_before: Mapping[str, float]
    projected_after: Mapping[str, float] = field(default_factory=dict)
    diff: ReplanDiff | None = None
    num_changes: int | None = None
    fewest_changes: int | None = None
    #: Teams the carried baseline loads past their hours left
    #: (:func:`~planner.scenarios.replan_fit.carried_overruns`).
    carried_overruns: tuple[str, ...] = ()
    #: Without a plan: the week too short for a team's work in progress (:func:`week_short`).
    short_week: str | None = None

    def why_no_plan(
        self, checkin: CheckIn, budget: int | None, unlocked: Collection[str], unlock_how: str
    ) -> str | None:
        """Without a plan: what stops it and the fix (:meth:`CheckIn.why_no_replan`), or ``None``.

        The page and the command line both say this. A re-plan the clock (or a stop) ended
        before a first plan, with no change budget found too small, searched nothing: no
        advice to let the work in progress move (a longer search may keep it), only the
        quarter over with work in progress, which no search changes.
        """
        from planner.core.domain import Status

        if self.result.status == Status.NO_PLAN and self.fewest_changes is None:
            return checkin.unfinished_at_the_end()
        return checkin.why_no_replan(
            budget, self.fewest_changes, unlocked, unlock_how, self.short_week
        )


def replan(
    problem: Problem,
    baseline_plan: Plan,
    checkin: CheckIn,
    *,
    max_changes: int | None,
    stability_weight: float,
    unlocked: Collection[str] = (),
    solve: Callable[..., Result] | None = None,
    planned: Mapping[str, Fraction] | None = None,
    asked_at: float | None = None,
) -> Replan:
    """Re-plan the rest of the quarter after a check-in: the one workflow of the CLI and the app.

    Parameters
    ----------
    problem, baseline_plan, checkin, max_changes, stability_weight, unlocked
        As for :func:`replan_problem`.
    solve
        How to solve the re-plan problem (default
        :func:`planner.solving.solver.solve`; the app passes its cached solve
        with progress): ``solve(rest, after_s=...)``, ``after_s`` the seconds to keep at the
        end of the limit for the work after it (:func:`~planner.solving.limits.replan_after_s`).
    planned
        Goal id -> what the baseline would have delivered by now
        (achieved_by_goal of :func:`~planner.scenarios.on_plan.checkin_as_planned`): the
        diff's reasons
        then say which goals are behind their plan.
    asked_at
        When the leader asked, on :func:`time.perf_counter` (default: this call). The
        default ``solve`` starts its clock there, so the rest of the quarter's problem
        counts against the time limit (at 100 teams x 5,000 projects in weeks, load 8-11,
        it took 0.5-0.9 s that were on no clock); a ``solve`` given starts its own, unless
        it was given the same moment.

    Raises
    ------
    InvalidInputError
        As :func:`replan_problem`.
    """
    from planner.checker import num_changes

    # One deadline: the rest of the quarter, the re-plan and the fewest changes after it.
    started = time.perf_counter() if asked_at is None else asked_at
    if solve is None:
        solve = _solve_from(started)
    rest, rest_s = _rest_timed(
        problem, baseline_plan, checkin, max_changes, stability_weight, unlocked
    )
    after_s = replan_after_s(rest)
    result = solve(rest, after_s=after_s)
    carried = carried_baseline(rest, baseline_plan)
    kept = carried_on_if_better(rest, result, started, after_s, rest_s)
    if kept is not None:
        result = kept
    before = projected_attainment(problem, checkin, carried)
    over = overrun_teams(rest, carried)
    overruns = tuple(said for _, said in over)
    if result.plan is None:
        budget = max_changes is not None
        return _without_a_plan(problem, rest, result, carried, before, overruns, started, budget)
    return Replan(
        rest,
        result,
        carried,
        before,
        projected_attainment(problem, checkin, result.plan),
        replan_diff(
            *(rest, baseline_plan, result.plan),
            checkin=checkin,
            original=problem,
            planned=planned,
            short={team_id for team_id, _ in over},
        ),
        num_changes(rest, result.plan),
        carried_overruns=overruns,
    )


def _rest_timed(
    problem: Problem,
    baseline_plan: Plan,
    checkin: CheckIn,
    max_changes: int | None,
    stability_weight: float,
    unlocked: Collection[str],
) -> tuple[Problem, float]:
    """The rest of the quarter (:func:`replan_problem`) and the seconds it took, this
    machine's pace now (:func:`carried_on_if_better`'s ``rest_s``)."""
    began = time.perf_counter()
    rest = replan_problem(
        problem,
        baseline_plan,
        checkin,
        max_changes=max_changes,
        stability_weight=stability_weight,
        unlocked=unlocked,
    )
    return rest, time.perf_counter() - began


def _solve_from(started: float) -> Callable[..., Result]:
    """:func:`planner.solving.solver.solve` with its clock started at ``started``."""
    from planner.solving.solver import solve as solve_now

    def run(rest: Problem, *, after_s: float) -> Result:
        return solve_now(rest, started=started, _after_s=after_s)

    return run


def _without_a_plan(
    problem: Problem,
    rest: Problem,
    result: Result,
    carried: Plan,
    before: Mapping[str, float],
    overruns: tuple[str, ...],
    started: float,
    budget: bool,
) -> Replan:
    """:func:`replan`'s answer when the re-plan found no plan; with a change ``budget``,
    the fewest changes that would let it, counted in what is left of the limit."""
    from planner.solving.deadline import Deadline

    # What is left of the limit, not a second limit: a re-plan the clock ended without
    # a plan took its whole limit, and the count of the fewest changes another.
    left = Deadline(rest.settings.solve.time_limit_s, started, time.perf_counter).stage_s()
    fewest = fewest_changes(rest, time_limit_s=left) if budget else None
    return Replan(
        rest,
        result,
        carried,
        before,
        fewest_changes=fewest,
        carried_overruns=overruns,
        short_week=week_short(rest, problem),
    )
