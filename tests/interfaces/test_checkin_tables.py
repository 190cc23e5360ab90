"""planner.interfaces.checkin_tables: the Check-in page's tables read back as a check-in."""

from __future__ import annotations

from decimal import Decimal

from builders import goal, problem, project, team

from planner.core.tables import MAX_HOURS, MAX_VALUE
from planner.interfaces.checkin_tables import checkin_from, tables_for
from planner.scenarios.checkin import CheckIn
from planner.solving.solver import solve


def _tables():
    prob = problem(
        [team("content")],
        [project("seo", goal_id="leads")],
        goals=[goal("leads", 100, kpi="MQLs")],
    )
    plan = solve(prob).plan
    assert plan is not None
    return tables_for(prob, plan, CheckIn(Decimal(6), Decimal(13)))


def test_a_figure_past_what_the_planner_reads_is_a_problem_naming_its_row():
    """A KPI achieved of 1e308 (pasted, or typed in the wrong unit) was taken as read: the
    page then stopped on an OverflowError drawing the pace chart, and a figure the
    check-in file refuses ("larger than the planner reads") was re-planned from. Both
    tables now refuse what the file refuses, naming the goal or team, and accept the
    largest figure the file reads."""
    for column, table, key, most in (
        ("achieved", "goals", "leads", MAX_VALUE),
        ("hours_used", "hours", "content", MAX_HOURS),
    ):
        for typed in (1e308, float(most) * 10, float("inf")):
            frames = _tables()
            frames[table][column] = typed
            checkin, _, errors = checkin_from(6, 13, frames)
            assert checkin is None
            (error,) = errors
            assert error.startswith(f"{key}: ") and "larger than the planner reads" in error
            assert f"at most {most:,.0f}" in error and "units" in error
        frames = _tables()
        frames[table][column] = float(most)
        checkin, _, errors = checkin_from(6, 13, frames)
        assert checkin is not None and not errors
