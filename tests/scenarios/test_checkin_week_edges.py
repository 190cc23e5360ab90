"""A check-in at week N at its edges: work due in week N + 1 is still the quarter's.

m1 has 130 h in a 13-week quarter (10 h a week); the check-in is at week 6.
"""

from __future__ import annotations

from decimal import Decimal

from builders import problem, project, team

from planner.checker import check_plan
from planner.scenarios.checkin import CheckIn, removed_projects
from planner.scenarios.rest_of_quarter import replan_problem
from planner.solving.solver import solve


def test_a_project_due_the_week_after_the_checkin_is_re_planned_into_it():
    """Not started by week 6: one due in week 6 has passed, one due in week 7 runs in week 7."""
    quarter = problem(
        [team("m1", capacity=130)],
        [
            project("gone", effort=5, duration_weeks=1, due_week=6),
            project("next", effort=5, duration_weeks=1, due_week=7),
        ],
    )
    checkin = CheckIn(weeks_elapsed=Decimal(6))
    assert set(removed_projects(quarter, checkin)) == {"gone"}
    rest = replan_problem(
        quarter, solve(quarter).plan, checkin, max_changes=None, stability_weight=0.0
    )
    result = solve(rest)
    assert result.plan is not None and check_plan(rest, result.plan) == []
    assert [(a.project_id, a.start_week) for a in result.plan.assignments] == [("next", 7)]
