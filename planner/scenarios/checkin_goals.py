"""Each goal at a check-in: its pace now, and where it ends the quarter.

:func:`goal_progress` reads a goal's KPI achieved so far against its target
and the time elapsed, or against what its plan had delivered by now (met, ahead, on
track, behind, or missed once the quarter is over), which :func:`pace_words` words.
:func:`quarter_forecast` adds what a plan of the rest of the quarter delivers to what is
achieved, and :func:`quarter_attainment` weighs those forecasts as the Overview weighs goals:
the check-in's headline. :func:`planned_value` is what a plan adds to each goal.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import ZERO, Plan, Problem, capped_attainment
from planner.core.shown_figures import amount, amount_value, percent, percent_value, points_value
from planner.scenarios.checkin import CheckIn
from planner.scenarios.counting_goals import counting_goals


class Pace(enum.StrEnum):
    """A goal's progress against the time elapsed."""

    MET = "met"
    #: Clearly ahead of its plan by now: above it as both figures read (20.0 % against the
    #: plan's 13.6 %), not by a fraction the figures do not show.
    AHEAD = "ahead"
    ON_TRACK = "on track"
    BEHIND = "behind"
    #: The quarter is over and the target not reached: "on track" read at week 13 of 13
    #: beside 46 % of a target, because the plan's own projects had no more by then.
    MISSED = "missed"


@dataclass(frozen=True)
class GoalProgress:
    """One goal at the check-in.

    ``expected`` is where a goal on a straight line from 0 to its target
    would be now (target x share of the quarter elapsed); ``planned``, when
    the plan is known, is what the plan's own projects would have delivered
    by now (achieved_by_goal of
    :func:`~planner.scenarios.on_plan.checkin_as_planned`). A goal is
    *behind* when it has achieved less than its plan by now (less than the
    straight line when no plan is given), as the two figures read (34,187
    against 34,187.4 is on track), *ahead* when it has clearly more (it reads above
    it, in its unit and in percent of target), *met* when it has reached its target,
    *missed* when the quarter is over without it.
    """

    goal_id: str
    name: str
    kpi: str
    target: Decimal
    achieved: Decimal
    expected: Fraction
    pace: Pace
    planned: Fraction | None = None
    #: A count kept as pre-filled (:func:`kept_count`): ``achieved`` is the plan's figure
    #: it stands for (7.7), shown as the whole count written (8).
    whole: bool = False
    #: A KPI kept as pre-filled: the figure written (597 SQLs), which every page shows,
    #: where ``achieved`` is the plan's figure it stands for (596.815).
    written: Decimal | None = None

    @property
    def percent_of_target(self) -> float:
        return float(100 * Fraction(self.achieved) / Fraction(self.target))

    @property
    def percent_expected(self) -> float:
        """The share of the quarter elapsed, in percent: the straight line to the target."""
        return float(100 * self.expected / Fraction(self.target))

    @property
    def percent_planned(self) -> float | None:
        """What the plan would have delivered by now, in percent of the target."""
        return None if self.planned is None else float(100 * self.planned / Fraction(self.target))

    @property
    def ahead_by(self) -> float | None:
        """How far ahead a goal is, in points of its target as the two percentages read
        (20.0 % against 13.6 %: 6.4); ``None`` unless its pace is *ahead*."""
        if self.pace is not Pace.AHEAD:
            return None
        bar = self.percent_expected if self.percent_planned is None else self.percent_planned
        return points_value(bar, self.percent_of_target)

    @property
    def remaining(self) -> Decimal:
        """What is left of the target (0 when met)."""
        return max(self.target - self.achieved, ZERO)


def goal_progress(
    problem: Problem, checkin: CheckIn, planned: Mapping[str, Fraction] | None = None
) -> tuple[GoalProgress, ...]:
    """Each goal's KPI achieved against its target, the time elapsed and, if given, its plan.

    ``planned`` (goal id -> KPI the plan would have delivered by now, from
    achieved_by_goal of :func:`~planner.scenarios.on_plan.checkin_as_planned`) makes the
    pace "against its own plan"; without it
    the pace is against the straight line to the target. A KPI that counts things
    (:func:`counting_goals`) is on track at the whole number nearest its plan by now.
    """
    out = []
    counts = counting_goals(problem)
    for goal in problem.goals:
        achieved = checkin.achieved.get(goal.goal_id, ZERO)
        expected = Fraction(goal.target) * checkin.elapsed_share
        by_now = None if planned is None else planned.get(goal.goal_id, Fraction(0))
        if achieved >= goal.target:
            pace = Pace.MET
        elif checkin.elapsed_share >= 1:
            pace = Pace.MISSED
        elif _reads_above(
            achieved,
            expected if by_now is None else by_now,
            goal.target,
            whole=goal.goal_id in counts,
        ):
            pace = Pace.AHEAD
        elif _reads_at_least(
            achieved,
            expected if by_now is None else by_now,
            goal.target,
            whole=goal.goal_id in counts,
        ):
            pace = Pace.ON_TRACK
        else:
            pace = Pace.BEHIND
        out.append(
            GoalProgress(
                *(goal.goal_id, goal.name, goal.kpi, goal.target, achieved, expected, pace),
                by_now,
                kept_count(checkin, goal.goal_id, counts),
                checkin.recorded.get(goal.goal_id),
            )
        )
    return tuple(out)


def _reads_at_least(
    achieved: Decimal, bar: Fraction, target: Decimal, *, whole: bool = False
) -> bool:
    """Whether ``achieved`` is at least ``bar``, or reads the same where both are shown.

    A leader types a KPI as the app writes it (34,188 for 34,187.6): a goal whose
    figure reads as its plan by now is on track, not behind by a fraction of a unit.
    The pace is shown beside both figures in percent of target, to one decimal (the
    CLI's "6.3 % / 6.3 %", the chart's bar and tick): a goal whose percent reads as its
    plan's is on track too, not behind by less than the figures show (6,300 visitors
    written for 6.3 % of 100,000 where the plan had 6,345). A count (``whole``) is
    recorded in whole units: 8 or 7 new customers for the plan's 7.4 are on track.
    """
    if Fraction(achieved) >= (bar - Fraction(1, 2) if whole else bar):
        return True
    if amount_value(achieved, target) >= amount_value(bar, target):
        return True
    full = Fraction(target)
    shown_achieved = percent_value(100 * Fraction(achieved) / full)
    shown_bar = percent_value(100 * bar / full)
    return shown_achieved is not None and shown_bar is not None and shown_achieved >= shown_bar


def _reads_above(achieved: Decimal, bar: Fraction, target: Decimal, *, whole: bool = False) -> bool:
    """Whether ``achieved`` is clearly above ``bar``: more in the goal's unit and in percent
    of target as both are shown (13,600 visitors for the plan's 13,575 read 13.6 % beside
    13.6 %: on track, not ahead by 0.0 % of the target), and for a count by more than half
    a unit."""
    if whole and Fraction(achieved) <= bar + Fraction(1, 2):
        return False
    if amount_value(achieved, target) <= amount_value(bar, target):
        return False
    full = Fraction(target)
    shown_achieved = percent_value(100 * Fraction(achieved) / full)
    shown_bar = percent_value(100 * bar / full)
    return shown_achieved is not None and shown_bar is not None and shown_achieved > shown_bar


def pace_words(goal: GoalProgress) -> str:
    """A goal's pace as every surface words it: "met", "missed", "on track", "behind plan"
    ("behind" against the straight line when no plan is given) or "ahead of plan by 6,425
    website visitors (6.4 % of the target)" (the percentages of the target shown, less
    each other)."""
    against = "" if goal.percent_planned is None else " of plan"
    if goal.pace is Pace.BEHIND:
        return "behind plan" if goal.percent_planned is not None else "behind"
    if goal.pace is Pace.AHEAD:
        bar = goal.expected if goal.planned is None else goal.planned
        # The two amounts as shown, less each other: 20,000 against 13,575 visitors.
        lead = amount_value(goal.achieved, goal.target) - amount_value(bar, goal.target)
        # By how much in percent of the target, as the page's "% of target" reads it.
        return (
            f"ahead{against} by {amount(lead, goal.kpi)} ({percent(goal.ahead_by)} of the target)"
        )
    return goal.pace.value


def planned_value(problem: Problem, plan: Plan) -> dict[str, Decimal]:
    """Goal id -> the value the plan's assigned projects add to it (by ``problem``'s goals)."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for a in plan.assignments:
        project = problem.project_index.get(a.project_id)
        if project is not None and project.goal_id is not None:
            totals[project.goal_id] += a.value
    return dict(totals)


def projected_attainment(problem: Problem, checkin: CheckIn, plan: Plan) -> dict[str, float]:
    """Goal id -> percent of the quarter's target reached at its end: achieved so far + plan.

    ``problem`` is the quarter's problem (its goals and their full targets);
    ``plan`` is a plan for the rest of the quarter, such as a re-plan or
    :func:`carried_baseline`, whose values are what is still to come. Not
    capped, so overshooting shows.
    """
    values = planned_value(problem, plan)
    return {
        g.goal_id: float(
            100
            * (
                Fraction(checkin.achieved.get(g.goal_id, ZERO))
                + Fraction(values.get(g.goal_id, ZERO))
            )
            / Fraction(g.target)
        )
        for g in problem.goals
    }


@dataclass(frozen=True)
class GoalForecast:
    """Where one goal ends the quarter: achieved so far plus what a plan delivers in the rest.

    Amounts are in the goal's KPI unit; ``percent`` is of the quarter's
    target and is not capped, so overshooting shows.
    """

    goal_id: str
    name: str
    kpi: str
    target: Decimal
    achieved: Decimal
    still_to_come: Decimal
    #: A count kept as pre-filled (:func:`kept_count`): what was achieved reads whole.
    whole: bool = False
    #: A KPI kept as pre-filled: the figure written, where ``achieved`` is the plan's.
    written: Decimal | None = None

    @property
    def as_written(self) -> Decimal:
        """What was achieved as the check-in writes it: the figure written when kept as
        pre-filled (597 SQLs for the plan's 596.815), else the figure counted."""
        return self.achieved if self.written is None else self.written

    @property
    def forecast(self) -> Decimal:
        """The KPI at the end of the quarter."""
        return self.achieved + self.still_to_come

    @property
    def percent(self) -> float:
        return float(100 * Fraction(self.forecast) / Fraction(self.target))


def quarter_forecast(problem: Problem, checkin: CheckIn, plan: Plan) -> tuple[GoalForecast, ...]:
    """Each goal's quarter-end forecast after a check-in, in its KPI unit.

    ``problem`` is the quarter's problem (its goals, full targets and each
    project's goal); ``plan`` a plan for the rest of the quarter (the
    re-plan, or :func:`~planner.scenarios.replan.carried_baseline`), whose
    values are what is still to come.
    """
    values = planned_value(problem, plan)
    counts = counting_goals(problem)
    return tuple(
        GoalForecast(
            g.goal_id,
            g.name,
            g.kpi,
            g.target,
            checkin.achieved.get(g.goal_id, ZERO),
            values.get(g.goal_id, ZERO),
            kept_count(checkin, g.goal_id, counts),
            checkin.recorded.get(g.goal_id),
        )
        for g in problem.goals
    )


def kept_count(checkin: CheckIn, goal_id: str, counts: Collection[str]) -> bool:
    """Whether ``goal_id``'s KPI achieved is a count kept as pre-filled: the check-in holds
    the plan's figure it stands for (7.7) and the count as written (8, ``recorded``), which
    every surface shows. A count the leader changed reads as typed (SPEC "Check-in"):
    8.5 new customers read "9" beside their 21.3 % of target."""
    return goal_id in counts and goal_id in checkin.recorded


@dataclass(frozen=True)
class QuarterAttainment:
    """The quarter's goal attainment after a check-in, weighted as the Overview's.

    Each a weighted mean over the quarter's goals (weights of goals.csv) of
    the percent of its full target, each goal capped at 100 %:
    ``achieved`` counts only the KPI achieved so far, ``forecast`` adds what
    a plan of the rest of the quarter delivers. ``forecast - achieved`` are
    the points the rest of the quarter adds.
    """

    achieved: float
    forecast: float

    @property
    def added(self) -> float:
        """Points of attainment the rest of the quarter adds to what is achieved."""
        return self.forecast - self.achieved


def quarter_attainment(
    problem: Problem, forecasts: tuple[GoalForecast, ...]
) -> QuarterAttainment | None:
    """The check-in's headline: quarter-end attainment, weighted and capped as on the Overview.

    ``forecasts`` from :func:`quarter_forecast`. ``None`` when the goals
    weigh nothing.
    """
    weights = {g.goal_id: Fraction(g.weight) for g in problem.goals}
    total = sum(weights.values(), Fraction(0))
    if total <= 0:
        return None

    def weighted(amount: Callable[[GoalForecast], Decimal]) -> float:
        points = sum(
            (
                weights.get(f.goal_id, Fraction(0))
                * capped_attainment(Fraction(amount(f)), Fraction(f.target))
                for f in forecasts
            ),
            Fraction(0),
        )
        return float(points / total)

    return QuarterAttainment(weighted(lambda f: f.achieved), weighted(lambda f: f.forecast))
