"""What extra hours on one team would buy: a time-bounded re-solve.

It sits above the solver (it solves again), so it lives with the what-ifs,
not with the explanations, which the solver itself calls.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from planner.core.domain import Problem, Result
from planner.core.ranges import MIN_TIME_LIMIT_S, seconds_down
from planner.core.text import hours as hours_text
from planner.explain.common import join_names, project_name
from planner.solving.solver import solve


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
        return f"{head} " + "; it ".join(parts)


#: Hours are written to the thousandth (SPEC: at most 3 decimals); a grown week is cut down to it.
_THOUSANDTH = Decimal("0.001")


def _down(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(_THOUSANDTH, rounding=ROUND_FLOOR)


def with_more_hours(problem: Problem, team_id: str, extra: Decimal) -> Problem:
    """``problem`` with ``extra`` more hours in one team's quarter, spread as its weeks are.

    Every week grows by the same share, calendar.csv's weeks too, so a holiday
    stays a holiday; teams.csv's ``capacity_hours`` alone would reach only the
    weeks calendar.csv leaves out (none, for a team whose every week it gives).
    A team with no hours at all gets ``extra / weeks`` in each week. Grown hours
    are cut down to the thousandth, so the quarter gains ``extra`` less at most a
    thousandth of an hour a week.
    """
    quarter = problem.quarter_hours(team_id)
    if quarter > 0:
        factor = (quarter + Fraction(extra)) / quarter

        def grown(hours: Decimal) -> Decimal:
            return _down(Fraction(hours) * factor)

    else:
        each_week = Fraction(extra) / problem.num_weeks

        def grown(hours: Decimal) -> Decimal:
            return _down(Fraction(hours) + each_week)

    team = problem.team(team_id)
    # A week calendar.csv leaves out gets capacity_hours / weeks: with no hours at all,
    # capacity_hours itself is 0 or unused, and ``extra`` spreads over those weeks.
    capacity = grown(team.capacity_hours) if quarter > 0 else team.capacity_hours + extra
    teams = tuple(
        replace(t, capacity_hours=capacity) if t.team_id == team_id else t for t in problem.teams
    )
    calendar = tuple(
        replace(row, capacity_hours=grown(row.capacity_hours)) if row.team_id == team_id else row
        for row in problem.calendar
    )
    return problem.replace(teams=teams, calendar=calendar)


def capacity_gain(
    problem: Problem,
    result: Result,
    team_id: str,
    *,
    extra_hours: Decimal | float | None = None,
    fraction: float = 0.1,
    time_limit_s: float = 2.0,
) -> CapacityGain:
    """Re-solve with more hours on one team and report what that buys.

    Parameters
    ----------
    extra_hours
        Hours to add to the team's quarter, spread over its weeks
        (:func:`with_more_hours`); default ``fraction`` of its quarter's hours
        (the sum of its weeks, rounded up to a whole hour).
    time_limit_s
        Bound for the re-solve.
    """
    if extra_hours is None:
        extra = Decimal(math.ceil(problem.quarter_hours(team_id) * Fraction(str(fraction))))
    else:
        extra = Decimal(str(extra_hours))
    relaxed = with_more_hours(problem, team_id, extra)
    after = solve(relaxed, time_limit_s=time_limit_s)
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
    )


@dataclass(frozen=True)
class CapacityGains:
    """What extra hours would buy on each team analysed within a budget, and who was not."""

    gains: tuple[CapacityGain, ...]
    #: Teams whose re-solve the budget left no time for, in the order asked.
    not_analysed: tuple[str, ...]
    budget_s: float

    def not_analysed_text(self, problem: Problem, flag: str = "--capacity-budget") -> str | None:
        """Which teams were not analysed and why, in plain words (``None``: every one was)."""
        if not self.not_analysed:
            return None
        names = join_names([problem.team(t).name for t in self.not_analysed])
        return (
            f"Not analysed, because the {self.budget_s:g} s for all re-solves ran out first: "
            f"{names} ({len(self.not_analysed)} of "
            f"{len(self.gains) + len(self.not_analysed)} teams). "
            f"Give more seconds with {flag} to include them."
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
    """
    deadline = clock() + budget_s
    gains: list[CapacityGain] = []
    for i, team_id in enumerate(team_ids):
        left = deadline - clock()
        if left < time_limit_s / 2:
            return CapacityGains(tuple(gains), tuple(team_ids[i:]), budget_s)
        limit = max(MIN_TIME_LIMIT_S, seconds_down(min(time_limit_s, left)))
        gains.append(capacity_gain(problem, result, team_id, time_limit_s=limit))
    return CapacityGains(tuple(gains), (), budget_s)
