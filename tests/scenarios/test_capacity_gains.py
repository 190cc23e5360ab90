"""What more hours buy (planner.scenarios.capacity_gain): the projects brought in, the
current plan kept when a re-solve stops with less, the budget and the teams left.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from builders import (
    SAMPLE,
    forbid,
    problem,
    project,
    team,
)

from planner.checker import objective_of
from planner.core.domain import Problem, Status
from planner.core.loading import load_with_warnings
from planner.scenarios.capacity_gain import CapacityGains, capacity_gain, capacity_gains
from planner.solving.solver import solve


#: A full team of 100 h: 'a' (100 h) is planned, 'b' (10 h) waits for 10 % more.
def _full_team() -> Problem:
    return problem(
        [team("Brand", capacity=100)], [project("a", effort=100, value=5), project("b", value=3)]
    )


def test_capacity_gain_reports_what_ten_more_hours_buy():
    """+10 % (10 h) on the full team brings the left-out project in; the objective rises by
    its value."""
    p = _full_team()
    result = solve(p)
    gain = capacity_gain(p, result, "Brand", time_limit_s=2)
    assert gain.added == ("b",) and gain.dropped == ()
    assert gain.gain == pytest.approx(3)
    assert gain.text(p) == "+10 h for Brand brings in 'b'"


def test_capacity_gain_keeps_the_plan_in_force_when_the_re_solve_stops_with_less(monkeypatch):
    """The current plan still holds with more hours. A re-solve stopped by its 2 s limit
    under load with a worse plan read "+10 h for Brand brings in 'b'; it leaves out 'a'",
    a loss from more hours, where ``scenarios marginal`` keeps the current plan and gives
    nothing lost: more hours never read as less, and both say the same."""
    import planner.scenarios.capacity_gain as capacity
    from planner.solving.plans import plan_result

    p = _full_team()
    result = solve(p)
    assert set(result.plan.owners()) == {"a"}

    def stopped_early(relaxed: Problem, **_: object):
        worse = solve(replace(relaxed, rules=(forbid("a", "Brand"),))).plan
        assert set(worse.owners()) == {"b"}
        return plan_result(
            Status.FEASIBLE, worse, objective_of(relaxed, worse), 2.0, bound=9.0, num_variables=2
        )

    monkeypatch.setattr(capacity, "solve", stopped_early)
    gain = capacity_gain(p, result, "Brand", time_limit_s=2)
    assert gain.added == () and gain.dropped == ()
    assert gain.gain == 0
    assert gain.text(p) == "+10 h for Brand changes nothing"


def test_capacity_gains_stop_when_the_budget_is_spent_and_name_the_teams_left():
    """Three full teams, a 3 s budget and 2 s re-solves: the first takes 2.5 s on the clock,
    so the second would start with 0.5 s, under half its limit; it and the third are named
    as not analysed, and no re-solve starts past the budget.
    """
    p = problem(
        [team("Brand", capacity=10), team("Content", capacity=10), team("Events", capacity=10)],
        [project("a", value=5), project("b", value=3)],
    )
    result = solve(p)
    ticks = iter([0.0, 0.0, 2.5])
    found = capacity_gains(
        p, result, ["Brand", "Content", "Events"], time_limit_s=2, budget_s=3, clock=ticks.__next__
    )
    assert [g.team_id for g in found.gains] == ["Brand"]
    assert found.not_analysed == ("Content", "Events")
    assert found.not_analysed_text(p) == (
        "Not analysed, because the 3 s for all re-solves ran out first: Content and Events "
        "(2 of 3 teams). Give the 3 re-solves at least 6 s together (--capacity-budget 6) to "
        "include them."
    )
    everyone = capacity_gains(p, result, ["Brand"], budget_s=60)
    assert everyone.not_analysed == () and everyone.not_analysed_text(p) is None


def test_capacity_gains_give_each_re_solve_the_time_preparing_a_plan_takes(monkeypatch):
    """On a quarter whose plan takes longer to prepare than a 2 s re-solve (150 teams x
    3,000 projects), every team read "no plan found within the time limit", a limit no
    flag changes. Each re-solve gets the seconds its size needs, starts only with them
    left, and the teams left over are named with a budget that includes them."""
    import planner.scenarios.capacity_gain as capacity
    import planner.solving.limits as stage_limits

    p = problem(
        [team("Brand", capacity=10), team("Content", capacity=10), team("Events", capacity=10)],
        [project("a", value=5), project("b", value=3)],
    )
    result = solve(p)
    monkeypatch.setattr(stage_limits, "preparing_s", lambda _problem: 4.5)
    limits: list[float] = []
    real = capacity.capacity_gain
    monkeypatch.setattr(
        capacity,
        "capacity_gain",
        lambda *a, time_limit_s, **k: limits.append(time_limit_s) or real(*a, **k),
    )
    # The third starts with 3 s left: past half of 5 s, but short of the 4.5 s to prepare.
    ticks = iter([0.0, 0.0, 5.0, 9.0])
    found = capacity_gains(
        p, result, ["Brand", "Content", "Events"], time_limit_s=2, budget_s=12, clock=ticks.__next__
    )
    assert limits == [5, 5] and [g.team_id for g in found.gains] == ["Brand", "Content"]
    assert found.not_analysed == ("Events",)
    assert "at least 15 s together (--capacity-budget 15)" in (found.not_analysed_text(p) or "")


def test_capacity_gains_name_twenty_teams_not_analysed_and_count_the_rest():
    """At 200 teams a small budget named 179 teams in one line of the explanation; it
    names 20 and counts the rest (the JSON's id list keeps every one)."""
    teams = [team(f"t{i:02}", capacity=10) for i in range(25)]
    p = problem(teams, [project("a", value=5)])
    found = CapacityGains((), tuple(t.team_id for t in teams), 1.0)
    text = found.not_analysed_text(p) or ""
    assert "t19 and 5 more (25 of 25 teams)" in text and "t20" not in text


def test_capacity_gain_asks_ten_percent_of_the_quarter_as_planned_in_weeks():
    """The default +10 % is of the team's quarter (the sum of its weeks), not of teams.csv's
    figure before the calendar: Content has 900 h there and 944 h in its weeks. It is 10 %
    itself, as the Scenarios page's "Extra hours (+10 %)" and ``scenarios marginal`` have
    it: rounded up to a whole hour, ``explain --capacity`` read "+95 h for Content" beside
    their 94 h, and "+119 h for Customer Success" beside their 118 h."""
    sample = load_with_warnings(SAMPLE).problem
    result = solve(sample, time_limit_s=10)
    gain = capacity_gain(sample, result, "content", time_limit_s=5)
    assert gain.extra_hours == Decimal("94.4")
    assert gain.text(sample).startswith("+94 h for Content")
    care = capacity_gain(sample, result, "cs", time_limit_s=5)
    assert care.extra_hours == Decimal("118.150")  # 118.149..., up to the thousandth
    assert care.text(sample).startswith("+118 h for Customer Success")
