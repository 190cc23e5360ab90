"""A joint project neither side has a week for names each side's teams.

With the SDR Team at 0 h in week 7 (the Data page's calendar), "Account-based plays for the
top 200 target accounts" (joint, 12 weeks of 13) was left out because "neither side has a
week with room for its share", followed by two sales teams and "(and 4 more teams)": a VP
Sales read it as a sales problem alone, when a joint project needs a week both departments
have room in. The reason says each side's teams.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.core.loading import load_with_warnings
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def reasons(tmp_path_factory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("sdr-week-7") / "data"
    shutil.copytree(SAMPLE, data)
    with (data / "calendar.csv").open("a") as calendar:
        calendar.write("sdr,7,0\n")
    problem = load_with_warnings(data).problem
    plan = solve(problem).plan
    assert plan is not None
    return plan.left_out_reasons()


def test_neither_side_names_the_teams_of_each_side(reasons):
    """Each side by the teams able to take it: Sales Engineering (no prospecting) and Product
    Marketing (no marketing automation) have no partner holding what they lack, and named
    as short of room they read as a way in; the SDR Team, away in week 7, is the one sales
    team able to take it."""
    assert reasons["NU-04"] == (
        "it needs both a sales and a marketing owner, and neither side has a team able to "
        "take it with a week of room for its share: on the sales side, SDR Team has no room "
        "for its 18.3 h a week in week 7 (it has 0 h in week 7: no "
        "start in weeks 1-2 avoids that week, whatever else it plans); on the marketing side, "
        "Demand Gen has no room for its 18.3 h a week in weeks 7-13 "
        "(weeks 1-6 have room, but not 12 weeks in a row) and Marketing Ops has no room for its "
        "18.3 h a week in weeks 1-8 and 10-13 (week 9 has room, but "
        "not 12 weeks in a row), when it could run for 12 weeks within weeks 1-13"
    )


def test_a_joint_reason_says_share_once(reasons):
    """The lead says the teams' hours are each one's share of the project ("room for its
    share"); each team's hours said it again ("its 18.3 h a week share of this joint
    project"), three times in one reason of 140 words on the Overview."""
    joint = [why for why in reasons.values() if "needs both a sales and a marketing" in why]
    assert joint, "this quarter has joint projects left out for their weeks"
    assert [why for why in joint if "share of this joint project" in why] == []
