"""A CMO asks which week of the quarter binds: the week most of her teams are full.

The Plan page's weekly heatmap outlined each full week in red, and the line under it
named team after team ("Brand & Comms weeks 2-12; Demand Gen weeks 2-5 and 8-13; ...").
At 40 teams the outlines ran from end to end and the week that binds could not be read at
a glance. The weeks with the most teams full now have their numbers in bold red under the
heatmap, and a line says which they are and how many teams are full in them.
"""

from __future__ import annotations

import json

from app_pages import assert_clean, chart_frames, open_routed
from app_server import ROOT

from planner.core.loading import load_with_warnings
from planner.core.weeks import weeks_words
from planner.interfaces import week_charts
from planner.solving.solver import solve

HEATMAP = "Weekly load against each week's hours"


def _heatmap_axis(app) -> dict:
    """The weekly heatmap's week axis, as the page sent it to the browser."""
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec.get("title")
        if isinstance(title, dict) and title.get("text") == HEATMAP:
            return spec["layer"][0]["encoding"]["x"]["axis"]
    raise AssertionError("no weekly heatmap on the Plan page")


def test_the_weeks_most_teams_are_full_are_named_and_marked_on_the_heatmap():
    """On the sample, counted from the plan itself: the weeks in which the most teams are at
    95 % of the week's hours or more are named under the heatmap with that count, and only
    their numbers are drawn in red under its columns."""
    app = open_routed("pages/plan.py")
    assert_clean(app)
    chart_frames(app)  # every spec the page sent is valid Vega-Lite, the marked axis too
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    weeks = week_charts.week_load_frame(problem, solve(problem).plan)
    counts = weeks[weeks["utilisation"] >= 0.95].groupby("week")["team"].nunique()
    busiest = sorted(int(w) for w, n in counts.items() if n == counts.max())
    assert 0 < len(busiest) < problem.num_weeks  # the sample has a week that stands out
    (line,) = [c.value.replace("\\", "") for c in app.caption if c.value.startswith("Most teams")]
    assert line.startswith(
        f"Most teams full: {weeks_words(busiest)}, {counts.max()} of the 10 teams at 95 % "
    ), line
    axis = _heatmap_axis(app)
    assert axis["labelColor"]["condition"]["test"] == f"indexof({busiest}, datum.value) >= 0"
    assert axis["labelColor"]["condition"]["value"] != axis["labelColor"]["value"]


def test_a_single_team_has_no_busiest_week_line():
    """Filtered on one team, "the most teams full" means nothing: no line, no red weeks."""
    app = open_routed("pages/plan.py")
    (team,) = [m for m in app.multiselect if m.label == "Team"]
    team.set_value(["Demand Gen"]).run()
    assert_clean(app)
    assert not [c for c in app.caption if c.value.startswith("Most teams")]
    assert "labelColor" not in _heatmap_axis(app)
