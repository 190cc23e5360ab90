"""The weeks a check-in re-plans, said the same by the CLI's saved check-in and the page.

``scenarios show`` of a check-in in a 13.5-week quarter read "the weeks left, 7-13.5" where
the Check-in page's note read "weeks 7-13": each wrote the range its own way.
"""

import pytest

from planner.core.weeks import weeks_after
from planner.interfaces.scenario_text import weeks_left
from planner.scenarios.plan_change import replan_apart


@pytest.mark.parametrize(
    ("elapsed", "quarter", "after"),
    [(6, 13, "7-13"), (6, 13.5, "7-13.5"), (0, 13, "1-13"), (12, 13, None), (6.5, 13, None)],
)
def test_the_weeks_a_check_in_re_plans(elapsed, quarter, after):
    assert weeks_after(elapsed, quarter) == after


@pytest.mark.parametrize(("elapsed", "quarter"), [(6, 13), (6, 13.5), (4, 12.5)])
def test_the_cli_and_the_page_name_the_same_weeks(elapsed, quarter):
    after = weeks_after(elapsed, quarter)
    assert f"the weeks left, {after}," in weeks_left(elapsed, quarter)
    assert f"This re-plan of weeks {after} lives" in replan_apart(None, elapsed, quarter)


def test_no_whole_week_to_start_from_reads_the_rest_of_the_quarter():
    assert "the rest of the quarter after week 6.5 of 13" in weeks_left(6.5, 13)
    assert "This re-plan of the rest of the quarter lives" in replan_apart(None, 6.5, 13)
