"""What extra hours on one team would buy: a time-bounded re-solve.

:func:`capacity_gain`: 10 % more on a team (``planner explain --capacity``);
:func:`extra_hours`: any number of hours, over the weeks a project could run, re-planned
against the current plan (a goal's "What would N more hours buy?", the Overview's and
``planner explain --goal --extra-hours``).

It sits above the solver (it solves again), so it lives with the what-ifs,
not with the explanations, which the solver itself calls.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import Plan, Problem, Result, Status
from planner.core.ranges import CAPACITY_BUDGET, MIN_TIME_LIMIT_S, seconds_down
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import percent, points_between
from planner.explain.changes import AddCapacity
from planner.explain.sentences import at_most, join_names, project_name
from planner.scenarios.relative import ProjectMove, plan_moves, solve_relative
from planner.scenarios.scenario import headline_metrics
from planner.scenarios.whatif import carried_result
from planner.solving.limits import covers_preparing, shortest_limit_s
from planner.solving.solver import ProgressCallback, solve


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
    #: Goal attainment (%) before and after, as every page and the shell's marginal give it.
    attainment_before: float | None = None
    attainment_after: float | None = None

    @property
    def gain(self) -> float | None:
        if self.objective_before is None or self.objective_after is None:
            return None
        return self.objective_after - self.objective_before

    def text(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        head = f"+{hours_text(self.extra_hours)} for {team}"
        if self.gain is None:
            return f"{head}: no plan found within the time limit"
        parts = []
        if self.added:
            parts.append("brings in " + join_names([project_name(problem, p) for p in self.added]))
        if self.dropped:
            parts.append(
                "leaves out " + join_names([project_name(problem, p) for p in self.dropped])
            )
        if not parts:
            parts.append(
                "keeps the same projects with the work better spread"
                if self.gain > 1e-9
                else "changes nothing"
            )
        return f"{head} " + "; it ".join(parts) + self._attainment_words()

    def _attainment_words(self) -> str:
        """ ": goal attainment 85.6 % → 86.6 % (+1.0 pts)", or that it stays, as the
        Scenarios page's marginal values read it."""
        before, after = self.attainment_before, self.attainment_after
        if before is None or after is None:
            return ""
        change = points_between(before, after)
        if change == points_between(0, 0):
            return f" (goal attainment stays {percent(before)})"
        return f" (goal attainment {percent(before)} → {percent(after)}, {change})"


def capacity_gain(
    problem: Problem,
    result: Result,
    team_id: str,
    *,
    time_limit_s: float = 2.0,
) -> CapacityGain:
    """Re-solve with 10 % more hours on one team and report what that buys.

    The hours are 10 % of the team's quarter (the sum of its weeks), up to the thousandth
    of an hour, spread over its weeks (:class:`~planner.explain.changes.AddCapacity`);
    ``time_limit_s`` bounds the re-solve.
    """
    # The share itself, up to the thousandth of an hour (SPEC's 3 decimals), as the
    # Scenarios page's marginal values scale a team: a whole hour up read "+119 h"
    # beside their 118 h for the same "+10 %".
    share = problem.quarter_hours(team_id) * Fraction(1, 10)
    extra = Decimal(math.ceil(share * 1000)) / 1000
    relaxed = AddCapacity(team_id, extra).apply(problem)
    after = solve(relaxed, time_limit_s=time_limit_s)
    if result.plan is not None:
        # The current plan still holds with more hours: a re-solve the clock stopped with
        # less (under load) keeps it, as ``scenarios marginal`` does, never reading as a loss.
        after = carried_result(relaxed, after, result.plan) or after
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
        headline_metrics(problem, result).attainment_pct,
        headline_metrics(relaxed, after).attainment_pct,
    )


#: Teams not analysed that the text names before "and N more" (``not_analysed`` has all).
MAX_NAMED = 20


@dataclass(frozen=True)
class CapacityGains:
    """What extra hours would buy on each team analysed within a budget, and who was not."""

    gains: tuple[CapacityGain, ...]
    #: Teams whose re-solve the budget left no time for, in the order asked.
    not_analysed: tuple[str, ...]
    budget_s: float
    #: Seconds each re-solve may take: the budget that includes every team is this many
    #: times the teams.
    limit_s: float = 2.0

    def not_analysed_text(self, problem: Problem) -> str | None:
        """Which teams were not analysed and why, in plain words (``None``: every one was)."""
        if not self.not_analysed:
            return None
        # 179 names in one line at 200 teams: the count says the rest; --json lists them.
        names = join_names(at_most([problem.team(t).name for t in self.not_analysed], MAX_NAMED))
        num = len(self.gains) + len(self.not_analysed)
        enough = math.ceil(num * self.limit_s)
        return (
            f"Not analysed, because the {self.budget_s:g} s for all re-solves ran out first: "
            f"{names} ({len(self.not_analysed)} of {num} teams). Give the {num} re-solves at "
            f"least {enough:,} s together ({CAPACITY_BUDGET.name} {enough}) to include them."
        )


def capacity_gains(
    problem: Problem,
    result: Result,
    team_ids: Sequence[str],
    *,
    time_limit_s: float = 2.0,
    budget_s: float,
    clock: Callable[[], float] = time.monotonic,
) -> CapacityGains:
    """:func:`capacity_gain` for each team in turn, all of them within ``budget_s`` seconds.

    A re-solve gets at most ``time_limit_s`` and at most the budget left; one
    starts only while at least half its limit is left (a re-solve of a large
    quarter in a sliver of time finds no plan and says nothing), so the
    budget is overrun by no more than one re-solve's setup. The teams the
    budget left no time for are named, not dropped silently.

    A re-solve gets at least the seconds preparing and checking a plan of the
    quarter's size takes (:func:`~planner.solving.limits.shortest_limit_s`),
    and starts only with that much left: on a large quarter, 2 s re-solves
    each read "no plan found within the time limit", a limit no flag changes.
    """
    per = max(time_limit_s, shortest_limit_s(problem))
    deadline = clock() + budget_s
    gains: list[CapacityGain] = []
    for i, team_id in enumerate(team_ids):
        left = deadline - clock()
        limit = max(MIN_TIME_LIMIT_S, seconds_down(min(per, left)))
        if left < per / 2 or not covers_preparing(problem, limit):
            return CapacityGains(tuple(gains), tuple(team_ids[i:]), budget_s, per)
        gains.append(capacity_gain(problem, result, team_id, time_limit_s=limit))
    return CapacityGains(tuple(gains), (), budget_s, per)


#: The most hours :func:`extra_hours` adds: a year of a team of fifty (the Overview's hours
#: box and ``explain --extra-hours`` stop there; a trillion hours in four weeks was planned).
MOST_EXTRA_HOURS = Decimal(100_000)


@dataclass(frozen=True)
class ExtraHours:
    """A team given ``hours`` more (over weeks ``weeks``, first and last, or its whole
    quarter) and the plan made for it against the current plan: ``problem`` holds the
    hours (in calendar.csv's rows, or teams.csv's and calendar.csv's), ``result`` its plan,
    checked as every plan is; ``moved``, ``dropped`` and ``added`` compare it with
    ``before`` (the current plan)."""

    team_id: str
    hours: Decimal
    weeks: tuple[int, int] | None
    problem: Problem
    result: Result
    before: Plan
    moved: tuple[ProjectMove, ...]
    dropped: tuple[ProjectMove, ...]
    added: tuple[ProjectMove, ...]

    @property
    def stopped(self) -> bool:
        """Whether the clock stopped the search before it proved this plan the best one: more
        time may find a better use of the hours."""
        return self.result.status is not Status.OPTIMAL


def extra_hours(
    problem: Problem,
    result: Result,
    team_id: str,
    hours: Decimal,
    *,
    weeks: tuple[int, int] | None = None,
    time_limit_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ExtraHours:
    """What ``hours`` more for ``team_id`` buy: the plan re-made with them, against the
    current plan (``result``'s) as every what-if is
    (:func:`~planner.scenarios.relative.solve_relative`, with no tolerance, as ``scenarios
    marginal`` plans each team's extra capacity: the best the hours allow, moving the fewest
    projects). The current plan still holds with more hours: a re-plan the clock stopped
    with less keeps it (:func:`~planner.scenarios.whatif.carried_result`).

    ``weeks``: the first and last week the hours come in (a quarter in weeks), else they
    spread as the team's weeks are (:class:`~planner.explain.changes.AddCapacity`).
    ``time_limit_s``: for the re-plan (default: the settings').

    Raises
    ------
    ValueError
        For a result without a plan, an unknown team, hours not above 0 or above
        :data:`MOST_EXTRA_HOURS`, or weeks outside the quarter.
    """
    if result.plan is None:
        raise ValueError("there is no plan to add hours to")
    if team_id not in problem.team_index:
        raise ValueError(f"no team has the id {team_id!r}")
    if not hours > 0:
        raise ValueError(f"the extra hours are a number above 0, not {hours}")
    if hours > MOST_EXTRA_HOURS:
        raise ValueError(f"the extra hours are at most {MOST_EXTRA_HOURS:,}, not {hours:,f}")
    if weeks is not None and not 1 <= weeks[0] <= weeks[1] <= problem.num_weeks:
        raise ValueError(f"weeks {weeks[0]}-{weeks[1]} are not weeks of the quarter")
    relaxed = AddCapacity(team_id, hours, weeks).apply(problem)
    relative = solve_relative(
        relaxed,
        result.plan,
        tolerance=0.0,
        time_limit_s=time_limit_s,
        progress=progress,
        cancel=cancel,
        before=problem,
    )
    after = relative.result
    after = carried_result(relaxed, after, result.plan) or after
    assert after.plan is not None  # the current plan, at worst
    moved, dropped, added = plan_moves(result.plan, after.plan, relaxed)
    return ExtraHours(team_id, hours, weeks, relaxed, after, result.plan, moved, dropped, added)
