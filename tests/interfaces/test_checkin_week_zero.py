"""A check-in at week 0 that records work done, on the page as in the check-in file.

`planner checkin` refuses weeks_elapsed = 0 beside projects done and hours used ("The
check-in is at week 0, before the quarter starts, yet it records ..."). On the Check-in
page, Weeks elapsed set to 0 under tables pre-filled for week 6 went on to the re-plan,
which read "No plan meets every rule: at most 3 projects may change owner ... Allow 6"
(the whole quarter ahead, every team's hours on top of the work recorded). The page's
tables now hold the same rule, in the page's words.
"""

from __future__ import annotations

from decimal import Decimal

from planner.interfaces.checkin_tables import checkin_from, tables_for
from planner.scenarios.checkin import CheckIn
from planner.scenarios.on_plan import checkin_as_planned


def test_week_zero_beside_work_recorded_is_the_check_in_s_problem(solved_sample):
    problem, plan = solved_sample
    frames = tables_for(problem, plan, checkin_as_planned(problem, plan, Decimal(6)))
    checkin, _, errors = checkin_from(0, 13, frames)
    assert checkin is None
    (error,) = errors
    assert error.startswith(
        "The check-in is at week 0, before the quarter starts, yet it records 24 projects "
        "done or under way (AW-02, AW-07, LG-01 ...) and hours used by 10 teams"
    ), error
    assert error.endswith(
        "Set Weeks elapsed to the week the check-in is at, or press Reset to the plan for "
        "this week to start from nothing done."
    ), error


def test_week_zero_with_nothing_recorded_is_a_check_in(solved_sample):
    problem, plan = solved_sample
    frames = tables_for(problem, plan, CheckIn(Decimal(0), Decimal(13)))
    checkin, _, errors = checkin_from(0, 13, frames)
    assert errors == [] and checkin is not None
