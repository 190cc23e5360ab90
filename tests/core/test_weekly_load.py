"""Each team's planned hours week by week: the running sum equals adding every run's weeks."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from builders import problem, project, team
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.domain import Assignment, Plan
from planner.core.weeks import run_weeks, weekly_load

RUNS = st.lists(
    st.tuples(
        st.sampled_from(["m1", "s1"]),
        st.integers(1, 13),  # start week
        st.integers(1, 6),  # duration in weeks
        st.decimals(Decimal("0.5"), Decimal("400"), places=2),  # hours
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(RUNS)
def test_weekly_load_is_each_runs_hours_spread_over_its_weeks(runs):
    """Against the definition: every run adds its hours / its weeks to each of its weeks."""
    projects = [
        project(f"p{i}", effort=str(hours), duration_weeks=weeks)
        for i, (_, _, weeks, hours) in enumerate(runs)
    ]
    quarter = problem([team("m1"), team("s1", department="sales")], projects)
    plan = Plan(
        tuple(
            Assignment(
                f"p{i}", owner, Decimal(1), hours, Decimal(1), False, start, start + weeks - 1
            )
            for i, (owner, start, weeks, hours) in enumerate(runs)
        )
    )
    expected = {t: [Fraction(0)] * quarter.num_weeks for t in ("m1", "s1")}
    for a in plan.assignments:
        span = run_weeks(quarter, a)
        for week in span:
            if 1 <= week <= quarter.num_weeks:
                expected[a.team_id][week - 1] += Fraction(a.effort_hours) / len(span)
    assert weekly_load(quarter, plan) == expected
