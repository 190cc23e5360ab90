"""A check-in at the quarter's last week, in a leader's words: what was achieved against
each target, and that nothing is left to re-plan.

At week 13 of 13 the Check-in page and ``planner checkin`` went on as mid-quarter: a
re-plan status, "Changes: 0", "Projects added: 0" and each goal's forecast as "achieved +
0 = achieved", with nothing that said how the quarter ended. The page and the command line
read the same sentences from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.domain import ZERO, Problem
from planner.core.shared_words import plural
from planner.core.shown_figures import amount_shown, amounts_adding_up, goal_row_values, percent
from planner.scenarios.checkin_goals import (
    GoalForecast,
    GoalProgress,
    Pace,
    quarter_attainment,
)

#: What is left to do at the quarter's end, on the page and the command line alike.
NOTHING_LEFT = (
    "Nothing is left to re-plan: no weeks are left in the quarter. The next quarter is "
    "planned from its own data."
)


@dataclass(frozen=True)
class GoalAtEnd:
    """One goal as the quarter ended: achieved and target as shown, in the goal's unit."""

    name: str
    kpi: str
    achieved: float
    target: float
    percent: float
    #: What the plan's own projects would have delivered by the quarter's end, % of target.
    planned_percent: float | None
    met: bool
    #: How far short of the target, as shown (0 when met).
    short: float

    def line(self) -> str:
        """``'Churn saved: 320,000 of 380,000 ARR saved $ (84.2 %; the plan had 84.2 %):
        missed, 60,000 ARR saved $ short'``."""
        plan = (
            ""
            if self.planned_percent is None
            else f"; the plan had {percent(self.planned_percent)}"
        )
        said = (
            f"{self.name}: {amount_shown(self.achieved)} of {amount_shown(self.target, self.kpi)}"
        )
        said += f" ({percent(self.percent)}{plan}): "
        return said + ("met" if self.met else f"missed, {amount_shown(self.short, self.kpi)} short")


@dataclass(frozen=True)
class QuarterEnd:
    """The quarter as a check-in at its last week found it."""

    goals: tuple[GoalAtEnd, ...]
    #: Goal attainment, weighted and capped as the Overview weighs it (None: no goal weighs).
    attainment: float | None

    @property
    def num_met(self) -> int:
        return sum(g.met for g in self.goals)

    def headline(self, weeks_elapsed: float, quarter_weeks: float) -> str:
        """``'The quarter is over (week 13 of 13): 1 of 8 goals met, goal attainment 85.6 %
        (weighted as on the Overview).'``"""
        said = f"The quarter is over (week {weeks_elapsed:g} of {quarter_weeks:g})"
        if not self.goals:
            return said + ": the quarter has no goals to report on."
        said += f": {self.num_met} of {plural(len(self.goals), 'goal')} met"
        if self.attainment is not None:
            said += f", goal attainment {percent(self.attainment)} (weighted as on the Overview)"
        return said + "."


def quarter_end(problem: Problem, progress: Sequence[GoalProgress]) -> QuarterEnd:
    """Each goal's KPI achieved against its target at the quarter's end (``progress``, from
    :func:`~planner.scenarios.checkin_goals.goal_progress` at its last week, with the plan's
    figures by then), and the quarter's goal attainment."""
    goals = []
    forecasts = []
    for g in progress:
        forecasts.append(GoalForecast(g.goal_id, g.name, g.kpi, g.target, g.achieved, ZERO))
        # As the forecast reads it: the figure written, a count kept as pre-filled whole.
        written = g.achieved if g.written is None else g.written
        _, _, shown = amounts_adding_up(written, written, g.target, as_recorded=True, whole=g.whole)
        target, short = goal_row_values(g.target, shown)
        goals.append(
            GoalAtEnd(
                *(g.name, g.kpi, shown, target, g.percent_of_target, g.percent_planned),
                met=g.pace is Pace.MET,
                short=0.0 if g.pace is Pace.MET else short,
            )
        )
    found = quarter_attainment(problem, tuple(forecasts))
    return QuarterEnd(tuple(goals), None if found is None else found.achieved)
