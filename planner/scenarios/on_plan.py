"""The check-in of a quarter that went to plan, and what the plan had delivered by now.

A leader records a check-in by changing what differs from the plan, so the
app and ``planner checkin-template`` pre-fill the check-in that everything
going to plan would give (:func:`checkin_as_planned`). Re-planning that
check-in unchanged must forecast exactly the plan's own figures, so its
three parts come from one number per project, its percent done:

- the percent done is the share of the project's run elapsed, as a leader
  reads it (one decimal, :func:`planner.core.shown_figures.percent_value`: never 0 for
  a project started, never 100 for one still running; rounded up, so that
  the work left is never more than the plan has left in its weeks);
- the KPI achieved is what the plan's projects deliver minus what the
  re-plan will still carry of them at that percent done, so "achieved + still
  to come" is the plan's value to the unit;
- the hours used are, likewise, the plan's hours minus what the re-plan
  still carries.

:func:`achieved_by_goal` of :func:`checkin_as_planned`'s check-in (what the plan had
delivered by now, against which a goal
is behind) is the same KPI figure, so an unchanged pre-fill is never behind
its own plan.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from planner.core.capacity import team_limit
from planner.core.domain import ZERO, Plan, Problem
from planner.core.errors import InvalidInputError
from planner.core.shown_figures import (
    PERCENT_DECIMALS,
    amount,
    amount_value,
    percent_value,
    rounded_short_of,
)
from planner.core.weeks import run_weeks, week_limits
from planner.scenarios.checkin import (
    QUARTER_WEEKS,
    CheckIn,
    ProjectProgress,
    ProjectStatus,
    done_shares,
    to_places,
    weeks_past,
)
from planner.scenarios.counting_goals import counting_goals
from planner.scenarios.replan import carried_baseline
from planner.scenarios.rest_of_quarter import replan_problem


@dataclass(frozen=True)
class OnPlan:
    """A check-in as planned (exact KPIs) and what the plan still brings each goal after it."""

    checkin: CheckIn
    #: Goal id -> the value the re-plan of :attr:`checkin` still carries for it.
    to_come: Mapping[str, Decimal]
    #: (project, team) -> the value that re-plan still carries of each of the plan's
    #: assignments (:func:`_still_carried`): :func:`kpi_left_at_pre_fill`'s figure for the
    #: pre-fill, which would otherwise build the rest of the quarter's problem again.
    value_left: Mapping[tuple[str, str], Decimal]

    def typed(self, problem: Problem) -> CheckIn:
        """The check-in with each KPI achieved (whole for a KPI that counts things, else
        see :func:`_as_typed`) and each team's hours used (see :func:`_hours_as_typed`)
        as a leader types them."""
        targets = {g.goal_id: g.target for g in problem.goals}
        counts = counting_goals(problem)
        achieved = {
            g: rounded_short_of(v, targets[g], 0)
            if g in counts
            else _as_typed(v, self.to_come.get(g, ZERO), targets[g])
            for g, v in self.checkin.achieved.items()
        }
        hours = {t: _hours_as_typed(h) for t, h in self.checkin.hours_used.items()}
        return replace(self.checkin, achieved=achieved, hours_used=hours)

    def typed_to_keep(self, problem: Problem) -> CheckIn:
        """:meth:`typed`, with the plan's figure each KPI stands for as written
        (``as_planned``, 7.7 beside 8 new customers, 596.815 beside 597 SQLs): the check-in file of
        ``planner checkin-template``, which a later check-in reads ``--since``
        (:func:`~planner.scenarios.checkin_since.counted`)."""
        typed = self.typed(problem)
        exact = self.checkin.achieved
        as_planned = {g: exact[g] for g in exact if typed.achieved.get(g) != exact[g]}
        ordered = {
            g.goal_id: as_planned[g.goal_id] for g in problem.goals if g.goal_id in as_planned
        }
        return replace(typed, as_planned=ordered)

    def with_plan_figures(self, problem: Problem, checkin: CheckIn) -> CheckIn:
        """``checkin`` with each KPI left at the pre-fill's figure (8 new customers for the
        plan's 7.7 by now, 597 SQLs for its 596.815) taken as the plan's own figure.

        A leader records customers won in whole units and other KPIs as the app writes
        them, and the pre-fill writes them so (:meth:`typed`); the plan's projects have
        delivered a part of one more or less. Kept as pre-filled, a KPI means "as planned":
        re-planned unchanged, the check-in forecasts exactly the plan's figures (38 of 40
        new customers, 95.0 %), where the whole number read 38 at 96.1 %, and its quarter's
        goal attainment "if we carry on" is the Overview's (87.733 % on a generated quarter,
        where its SQLs and new logos taken as typed made it 87.735 %). Every page shows
        the KPI as written (``recorded``).
        """
        typed = self.typed(problem).achieved
        achieved, recorded = dict(checkin.achieved), dict(checkin.recorded)
        for goal_id, exact in self.checkin.achieved.items():
            if (
                (written := checkin.achieved.get(goal_id, ZERO))
                == typed.get(goal_id, ZERO)
                != exact
            ):
                # The KPI as written, which a saved check-in's file writes: 0 too (a
                # plan's 0.231 new customers by now is pre-filled 0, and the file wrote 0.231).
                achieved[goal_id], recorded[goal_id] = exact, written
        if achieved == checkin.achieved:
            return checkin
        kept = {g: v for g, v in achieved.items() if v}
        return replace(
            checkin, achieved=kept, recorded={g: recorded[g] for g in kept if g in recorded}
        )


def checkin_as_planned(
    problem: Problem,
    plan: Plan,
    weeks_elapsed: Decimal | float,
    quarter_weeks: Decimal | float = QUARTER_WEEKS,
    *,
    since: CheckIn | None = None,
    typed: bool = False,
) -> CheckIn:
    """The check-in that would be recorded if everything had gone to plan.

    Each project of the plan is as far as its own run says
    (:func:`~planner.scenarios.checkin.done_shares`: the share of its weeks
    elapsed when the plan gives it weeks, else the share of the quarter),
    written to one decimal. Each goal has achieved, and each team spent, what
    the plan's projects deliver and need minus what the re-plan still
    carries of them at that percent done (see the module docstring), so a
    plan that aims at 94 % of a target is pre-filled short of it by exactly
    the part still to come, and re-planning this check-in keeps the plan and
    forecasts its figures. It is a starting point for recording the real
    check-in: a leader changes only what differs.

    Parameters
    ----------
    problem
        The quarter's inputs (its full capacities and targets).
    plan
        The plan the teams work to.
    since
        When ``plan`` is the re-plan of an earlier check-in: that check-in.
        Its done and dropped projects stay so, its KPIs and hours are the
        starting point, and the plan's projects (their remaining part)
        run from it to the end of the quarter.
    typed
        Each KPI achieved as a leader types it: a KPI that counts things
        (:func:`~planner.scenarios.counting_goals.counting_goals`) in whole units, the
        nearest (a forecast then within half a unit of the plan's); any other whole
        from 10 on, one decimal below, wherever the goal's forecast still reads the
        same percentage, more decimals where a unit is worth a point; and each
        team's hours used in whole hours, rounded down (a check-in to edit:
        the Check-in page, ``planner checkin-template``).
    """
    found = on_plan(problem, plan, weeks_elapsed, quarter_weeks, since=since)
    return found.typed(problem) if typed else found.checkin


def on_plan(
    problem: Problem,
    plan: Plan,
    weeks_elapsed: Decimal | float,
    quarter_weeks: Decimal | float = QUARTER_WEEKS,
    *,
    since: CheckIn | None = None,
) -> OnPlan:
    """:func:`checkin_as_planned`'s check-in, exact, with what is still to come for each goal.

    One computation for both forms of the check-in (the re-plan behind it is
    the expensive part: about a second at 3,000 projects).
    """
    weeks = Decimal(str(weeks_elapsed))
    quarter = Decimal(str(quarter_weeks))
    shares = done_shares(problem, plan, weeks, quarter, since=since)
    # What the plan still carried at ``since``: the re-plan's own figures when ``plan`` is
    # that re-plan, what was left of each project when it is the quarter's plan (whose
    # amounts are whole projects, the part done before ``since`` being in ``since``).
    at_since = None if since is None else _still_carried(problem, plan, since)
    if at_since is not None:
        still_in = {project_id for project_id, _ in at_since[0]}  # not removed at ``since``
        shares = {p: s for p, s in shares.items() if p in still_in}
    projects: dict[str, ProjectProgress] = {}
    if since is not None:
        # In the check-in's own order (its statuses' sets change order from run to run).
        gone = since.ids_with(ProjectStatus.DONE, ProjectStatus.DROPPED)
        projects.update({p: since.progress(p) for p in since.projects if p in gone})
    ends = planned_ends(problem, plan, weeks, since)
    for project_id in (p.project_id for p in problem.projects if p.project_id in shares):
        before = Fraction(0) if since is None else Fraction(since.progress(project_id).percent_done)
        percent = before + (100 - before) * shares[project_id]
        if percent >= 100:
            projects[project_id] = ProjectProgress(ProjectStatus.DONE)
        elif percent > 0:
            shown = _percent_up(percent)
            projects[project_id] = ProjectProgress(
                ProjectStatus.IN_PROGRESS, shown, ends.get(project_id)
            )
    recorded = CheckIn(weeks, quarter, projects)
    started = recorded.ids_with(ProjectStatus.IN_PROGRESS, ProjectStatus.DONE)
    value_left, effort_left = _still_carried(problem, plan, recorded)

    achieved = {
        g.goal_id: ZERO if since is None else since.achieved.get(g.goal_id, ZERO)
        for g in problem.goals
    }
    hours: dict[str, Fraction] = {  # marketing's teams first, as every page lists them
        team_id: _spent_before(team_id, problem, since) for team_id in problem.team_order
    }
    for a in plan.assignments:
        if a.project_id not in started or a.project_id not in shares:
            continue
        key = (a.project_id, a.team_id)
        value, effort = (
            (a.value, a.effort_hours)
            if at_since is None
            else (at_since[0].get(key, ZERO), at_since[1].get(key, ZERO))
        )
        goal_id = problem.project(a.project_id).goal_id
        if goal_id in achieved:
            achieved[goal_id] += value - value_left.get(key, ZERO)
        if a.team_id in hours:
            hours[a.team_id] += Fraction(effort - effort_left.get(key, ZERO))
    hours_used = {t: to_places(max(h, Fraction(0)), ROUND_DOWN) for t, h in hours.items()}
    achieved = {g: max(v, ZERO) for g, v in achieved.items()}
    to_come: dict[str, Decimal] = {g: ZERO for g in achieved}
    for (project_id, _), value in value_left.items():
        goal_id = problem.project(project_id).goal_id
        if goal_id in to_come:
            to_come[goal_id] += value
    return OnPlan(CheckIn(weeks, quarter, projects, achieved, hours_used), to_come, value_left)


def _percent_up(percent: Fraction) -> Decimal:
    """``percent`` (above 0, under 100) as a leader reads it: one decimal, rounded up
    (never to 100), so that the work it leaves is never more than the plan has left.

    Rounded to the nearest, 5 of a run's 6 weeks read 83.3 % and left 20.04 h of a
    120 h project for its last week, where its team had the plan's 20 h: a week the
    plan filled could not hold it, and the check-in re-planned unchanged found no plan.
    """
    step = 10**PERCENT_DECIMALS
    tenths = min(math.ceil(percent * step), 100 * step - 1)
    return Decimal(tenths).scaleb(-PERCENT_DECIMALS)


def planned_ends(
    problem: Problem, plan: Plan, weeks_elapsed: Decimal, since: CheckIn | None = None
) -> dict[str, int]:
    """Project id -> the week ``plan`` ends it in, when that is after ``weeks_elapsed``.

    A check-in as planned gives each project in progress this end week, where a leader
    changes it for one running late (a quarter planned in weeks only: without weeks
    every project runs to the quarter's end). The re-plan runs it on to that week, as it
    does a project whose check-in gives none. The end week an earlier check-in
    (``since``) gave a project stands: the quarter's own plan, which teams that kept it
    give, still has the week it was planned to end in.
    """
    if not problem.is_time_phased:
        return {}
    ends: dict[str, int] = {}
    for a in plan.assignments:
        if a.project_id in problem.project_index:
            end = run_weeks(problem, a)[-1]
            ends[a.project_id] = max(ends.get(a.project_id, end), end)
    for project_id, progress in ({} if since is None else since.projects).items():
        if progress.end_week is not None and project_id in ends:
            ends[project_id] = progress.end_week
    return {p: end for p, end in ends.items() if end > weeks_elapsed}


def _as_typed(exact: Decimal, to_come: Decimal, target: Decimal) -> Decimal:
    """A KPI achieved as a leader types it, as long as its figures read the same.

    Whole units from 10 on, one decimal below (as :func:`planner.core.shown_figures.amount`
    writes them), or the fewest decimals (up to three) with which the KPI so far and
    the quarter-end forecast (``exact`` + ``to_come``) still read the same percentages
    of ``target``: 40 new customers make 0.4 of one worth a point, 100,000 visitors do
    not. 118.8 SQLs by now of 311.9 pre-filled as 119 read 38.2 % so far beside the
    plan's 38.1 % by now, a goal ahead of a plan it kept to the letter.
    """
    shown = (percent_value(100 * exact / target), percent_value(100 * (exact + to_come) / target))
    whole = Decimal(str(amount_value(exact, target)))
    for rounded in (whole, *(rounded_short_of(exact, target, places) for places in (1, 2, 3))):
        reads = (
            percent_value(100 * rounded / target),
            percent_value(100 * (rounded + to_come) / target),
        )
        if reads == shown:
            return rounded
    return exact


def _hours_as_typed(exact: Decimal) -> Decimal:
    """Hours used as a leader types them: whole hours from 10 on, one decimal below.

    Whole, as every table writes hours (:func:`planner.core.shown_figures.hours_value`), not
    291.74; but rounded down (291): the hours left are then never fewer than the
    plan's work still to do needs, so re-planning the pre-fill unchanged keeps the plan.
    """
    step = Decimal(1) if exact >= 10 else Decimal("0.1")
    return exact.quantize(step, rounding=ROUND_DOWN)


def pre_filled_as(exact: Decimal, target: Decimal, written: Decimal) -> Decimal:
    """The plan's ``exact`` figure as the pre-fill writes it to ``written``'s decimals
    (8 new customers for 7.7; 38.17 new logos for 38.167; 597 SQLs for 596.815): a figure
    a check-in file holds equal to it is the pre-fill's, kept."""
    places = max(0, -int(written.normalize().as_tuple().exponent))
    return rounded_short_of(exact, target, places)


def _still_carried(
    problem: Problem, plan: Plan, checkin: CheckIn
) -> tuple[dict[tuple[str, str], Decimal], dict[tuple[str, str], Decimal]]:
    """(project, team) -> the value and the hours the re-plan of ``checkin`` still carries.

    The re-plan's own problem and its "change nothing" plan, so the figures are
    exactly what a re-plan keeping the plan forecasts, rounding and all.
    """
    # A project in progress at ``checkin`` that its re-plan (``plan``) left out carries
    # nothing: it is no project in progress of the re-plan's ("no team" refused it).
    owners, left_out = plan.owners(), {u.project_id for u in plan.unassigned}
    stopped = [
        p for p in checkin.ids_with(ProjectStatus.IN_PROGRESS) if p in left_out and p not in owners
    ]
    if stopped:
        kept = {p: s for p, s in checkin.projects.items() if p not in stopped}
        checkin = replace(checkin, projects=kept)
    rest = replan_problem(problem, plan, checkin, max_changes=None, stability_weight=0.0)
    carried = carried_baseline(rest, plan)
    value = {(a.project_id, a.team_id): a.value for a in carried.assignments}
    effort = {(a.project_id, a.team_id): a.effort_hours for a in carried.assignments}
    return value, effort


#: Projects named in a goal's sentence of :func:`kpi_left_at_pre_fill`; the rest are counted.
_NAMED = 3


def kpi_left_at_pre_fill(
    problem: Problem,
    plan: Plan,
    checkin: CheckIn,
    found: OnPlan,
    where: str = "in Goals: KPI so far",
) -> list[str]:
    """One sentence per goal whose KPI so far is still the pre-fill while its projects'
    progress is recorded otherwise: the forecast counts the difference twice, or leaves it out.

    ``found`` is :func:`on_plan`'s check-in for ``plan`` at the check-in's weeks (the
    pre-fill, as a leader reads it: :meth:`OnPlan.typed`). The pre-fill's KPI is what the
    plan's progress delivers; the re-plan counts what is left of each project as recorded.
    A project recorded 10 % done where the plan had 30 % adds 20 % of its value to the
    forecast a second time; one done early leaves the rest of its value out of both. A
    project dropped stops there (its part done stays in the KPI, nothing is to come).
    ``where``: where the leader types the KPI (the app's tab, the check-in file's table).
    """
    pre_fill = found.typed(problem)
    # A count kept as pre-filled is taken as the plan's figure (OnPlan.with_plan_figures).
    kept = [
        g
        for g in problem.goals
        if g.goal_id in checkin.achieved
        and checkin.achieved[g.goal_id]
        in (pre_fill.achieved.get(g.goal_id), found.checkin.achieved.get(g.goal_id))
    ]
    # Progress, not the end week: a later end week moves no KPI already reached (one past
    # the due week is said apart: what is left of it counts for nothing, by design).
    differing = [
        p.project_id
        for p in problem.projects
        if _done_part(checkin.progress(p.project_id)) != _done_part(pre_fill.progress(p.project_id))
        and checkin.progress(p.project_id).status is not ProjectStatus.DROPPED
    ]
    if not kept or not differing:
        return []
    values = _values_left(problem, plan, checkin, found, pre_fill)
    if values is None:
        return []  # a check-in the re-plan refuses: its own issues say why
    left_plan, left_now = values
    owners = plan.owners()
    out = []
    for goal in kept:
        of_goal = [p for p in differing if problem.project(p).goal_id == goal.goal_id]
        moved = [p for p in of_goal if p in owners]
        # Done though the plan never had it: its whole value is in neither figure.
        unplanned = [
            p
            for p in of_goal
            if p not in owners and checkin.progress(p).status is ProjectStatus.DONE
        ]
        twice = sum(
            (
                left_now.get((a.project_id, a.team_id), ZERO)
                - left_plan.get((a.project_id, a.team_id), ZERO)
                for a in plan.assignments
                if a.project_id in moved
            ),
            ZERO,
        ) - sum((problem.project(p).value for p in unplanned), ZERO)
        if not amount_value(abs(twice)):
            continue
        names = _progress_named(problem, checkin, pre_fill, owners, moved + unplanned)
        what = (
            f"counts about {amount(twice, goal.kpi)} twice"
            if twice > 0
            else f"leaves out about {amount(-twice, goal.kpi)}"
        )
        out.append(
            f"{goal.name}: the KPI so far is still the pre-fill "
            f"({amount(pre_fill.achieved[goal.goal_id], goal.kpi)}, as if everything went to "
            f"plan), but {'; '.join(names)}: the forecast {what}. Type the KPI reached {where}."
        )
    return out


def _values_left(
    problem: Problem, plan: Plan, checkin: CheckIn, found: OnPlan, pre_fill: CheckIn
) -> tuple[Mapping[tuple[str, str], Decimal], Mapping[tuple[str, str], Decimal]] | None:
    """(project, team) -> the value the re-plan still carries, as pre-filled and as
    ``checkin`` records it, for :func:`kpi_left_at_pre_fill`; None when the re-plan
    refuses the check-in."""
    weeks = (checkin.weeks_elapsed, checkin.quarter_weeks)
    try:
        # The pre-fill's projects at ``found``'s weeks are the check-in ``found`` re-planned:
        # its figures are kept (at 100 teams x 5,000 projects in weeks that problem took
        # 1.7-3.1 s to build), another problem's built anew.
        left_plan = (
            found.value_left
            if weeks == (found.checkin.weeks_elapsed, found.checkin.quarter_weeks)
            else _still_carried(problem, plan, CheckIn(*weeks, pre_fill.projects))[0]
        )
        left_now, _ = _still_carried(problem, plan, CheckIn(*weeks, checkin.projects))
    except InvalidInputError:
        return None
    return left_plan, left_now


def _progress_named(
    problem: Problem,
    checkin: CheckIn,
    pre_fill: CheckIn,
    owners: Mapping[str, frozenset[str]],
    differing: list[str],
) -> list[str]:
    """The first :data:`_NAMED` of a goal's ``differing`` projects, each with its progress
    recorded and the plan's (or that the plan did not have it), and how many more differ."""
    names = [
        f"'{problem.project(p).name}' is {_progress_words(checkin.progress(p), ' done')} "
        + (
            f"(the plan had {_progress_words(pre_fill.progress(p))})"
            if p in owners
            else "(the plan did not have it)"
        )
        for p in differing[:_NAMED]
    ]
    if len(differing) > _NAMED:
        names.append(f"{len(differing) - _NAMED} more differ")
    return names


def _done_part(progress: ProjectProgress) -> tuple[ProjectStatus, Decimal]:
    """A project's progress without its end week: its status and percent done."""
    return progress.status, progress.percent_done


def _progress_words(progress: ProjectProgress, done: str = "") -> str:
    """``done``, ``not started``, ``30 %`` (``done``: `` done`` after a percent), as the
    check-in's % done column reads it (85.7 %, 30 %)."""
    if progress.status is ProjectStatus.IN_PROGRESS:
        return f"{float(progress.percent_done):g} %{done}"
    return progress.status.value.replace("_", " ")


def _spent_before(team_id: str, problem: Problem, since: CheckIn | None) -> Fraction:
    """Hours a team had spent at the earlier check-in (0 without one)."""
    if since is None:
        return Fraction(0)
    if team_id in since.hours_used:
        return Fraction(since.hours_used[team_id])
    # The hours it could plan in the time that was over: rule 10's limits of the weeks
    # gone, else rule 5's limit times the share of the quarter gone.
    past = weeks_past(problem, since)
    if past:
        # The weeks the re-plan of ``since`` took as spent, with the calendar's hours
        # (a holiday, a hire's ramp-up): teams.csv's hours x the time share counted
        # Content's 900 h x 6/13 = 415.38 h for weeks 1-6 of the sample, which gave it 349.
        return sum(week_limits(problem, team_id)[:past], Fraction(0))
    return team_limit(problem, problem.team(team_id)) * since.elapsed_share


def achieved_by_goal(problem: Problem, checkin: CheckIn) -> dict[str, Fraction]:
    """Goal id -> the KPI achieved in ``checkin``, for every goal of ``problem`` (0 if none).

    With :func:`checkin_as_planned`'s check-in it is what the plan had delivered by then
    (against which a goal is behind): the pages and the check-in read it so.
    """
    return {g.goal_id: Fraction(checkin.achieved.get(g.goal_id, ZERO)) for g in problem.goals}
