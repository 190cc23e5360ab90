"""planner.interfaces.checkin_charts: the Check-in page's pace chart, as Vega-Lite receives it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from builders import goal, problem, project, team

from planner.interfaces.charts import rows_height
from planner.interfaces.checkin_charts import (
    CARRIED_ON,
    REPLANNED,
    outlook_frame,
    pace_chart,
    pace_frame,
    weeks_label,
)
from planner.scenarios.checkin import CheckIn
from planner.scenarios.checkin_goals import goal_progress


def _quarter():
    return problem(
        [team("content")],
        [project("seo", goal_id="leads"), project("ads", goal_id="visits")],
        goals=[goal("leads", 100, name="Leads", kpi="MQLs"), goal("visits", 40, name="Visits")],
    )


def test_the_pace_chart_reads_each_goal_against_its_plan_and_the_time_gone():
    """Leads is ahead of its plan at 130 % of target, Visits behind at 25 %: the x axis
    reaches past the furthest bar in steps of 25 %, each goal has its bar and its plan's
    tick, and the dashed line sits at the share of the quarter gone, labelled in weeks."""
    prob = _quarter()
    checkin = CheckIn(Decimal("6.5"), Decimal(13), achieved={"leads": 130, "visits": 10})
    progress = goal_progress(prob, checkin, {"leads": Fraction(50), "visits": Fraction(20)})
    frame = pace_frame(progress)
    assert list(frame["goal"]) == ["Leads", "Visits"]
    assert list(frame["achieved"]) == [130.0, 25.0] and list(frame["planned"]) == [50.0, 50.0]
    assert list(frame["achieved_text"]) == ["130.0 %", "25.0 %"]
    spec = pace_chart(frame, checkin).to_dict()
    bars, ticks, rule, label = spec["layer"]
    axis = bars["encoding"]["x"]["axis"]
    assert axis["values"] == [0, 25, 50, 75, 100, 125, 150]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 150.0]
    assert ticks["mark"]["type"] == "tick" and rule["mark"]["type"] == "rule"
    assert label["mark"]["type"] == "text" and label["encoding"]["text"]["field"] == "label"
    elapsed = spec["datasets"][rule["data"]["name"]]
    assert elapsed == [{"elapsed": 50.0, "label": "week 6.5 of 13"}]
    assert weeks_label(checkin) == "week 6.5 of 13"


def test_the_pace_chart_has_a_title_and_says_what_its_marks_are():
    """Check-in: every chart of the app had a title but the goals' pace, untitled under the
    metrics; what its bars, ticks and dashed line are was only in a caption below it."""
    prob = _quarter()
    checkin = CheckIn(Decimal(6), Decimal(13), achieved={"leads": 30, "visits": 10})
    progress = goal_progress(prob, checkin, {"leads": Fraction(50), "visits": Fraction(20)})
    spec = pace_chart(pace_frame(progress), checkin).to_dict()
    title = spec["title"]
    assert title["text"] == "Each goal's KPI so far against its plan"
    # Drawn in a fixed height, title included: the rows keep theirs, the title adds its own
    # (the title alone squeezed eight goals' names into each other).
    assert spec["height"] >= rows_height(2, 34) + 40
    assert "bar = achieved so far" in title["subtitle"]
    assert "tick = what the plan had by now" in title["subtitle"]


def test_the_legend_names_missed_only_once_a_goal_has_missed_its_target():
    """At the quarter's end a goal short of its target has missed it, in a colour of its
    own; mid-quarter the legend keeps its three paces (no goal can have missed yet)."""
    prob = _quarter()
    planned = {"leads": Fraction(50), "visits": Fraction(20)}
    over = CheckIn(Decimal(13), Decimal(13), achieved={"leads": 130, "visits": 10})
    colour = pace_chart(pace_frame(goal_progress(prob, over, planned)), over).to_dict()
    scale = colour["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == ["met", "on track", "behind", "missed"]
    assert len(set(scale["range"])) == 4
    mid = CheckIn(Decimal(6), Decimal(13), achieved={"leads": 130, "visits": 10})
    colour = pace_chart(pace_frame(goal_progress(prob, mid, planned)), mid).to_dict()
    assert colour["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "met",
        "on track",
        "behind",
    ]


def test_a_goal_ahead_of_its_plan_has_its_own_colour_and_the_cli_s_words_in_the_tooltip():
    """Leads at 40 % where the plan had 30 % by now read "on track" on the chart as in
    planner checkin: ahead, in a colour of its own, its tooltip saying by how much in the
    words the command's report uses."""
    prob = _quarter()
    planned = {"leads": Fraction(30), "visits": Fraction(20)}
    mid = CheckIn(Decimal(6), Decimal(13), achieved={"leads": 40, "visits": 8})
    frame = pace_frame(goal_progress(prob, mid, planned))
    assert list(frame["pace"]) == ["ahead", "behind"]
    assert list(frame["pace_words"]) == [
        "ahead of plan by 10 MQLs (10.0 % of the target)",
        "behind plan",
    ]
    bars = pace_chart(frame, mid).to_dict()["layer"][0]
    assert bars["encoding"]["color"]["scale"]["domain"] == ["met", "ahead", "on track", "behind"]
    assert len(set(bars["encoding"]["color"]["scale"]["range"])) == 4
    assert {"field": "pace_words", "title": "Pace", "type": "nominal"} in bars["encoding"][
        "tooltip"
    ]


def test_after_a_re_plan_the_chart_adds_both_forecasts_and_a_quarter_without_goals_has_none():
    """The forecasts are one dot per goal and plan (carried on, re-planned); the chart's
    axis stretches to the furthest forecast. No goals: an empty frame with its columns."""
    prob = _quarter()
    checkin = CheckIn(Decimal(6), Decimal(13))
    outlook = outlook_frame(prob, {"leads": 80.0, "visits": 40.0}, {"leads": 95.0, "visits": 160.0})
    assert list(outlook["plan"]) == [CARRIED_ON, REPLANNED, CARRIED_ON, REPLANNED]
    frame = pace_frame(goal_progress(prob, checkin))
    spec = pace_chart(frame, checkin, outlook).to_dict()
    assert len(spec["layer"]) == 5
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 175.0]
    empty = pace_frame(())
    assert empty.empty and "achieved" in empty.columns


def test_a_goal_far_past_its_target_keeps_the_axis_to_a_dozen_ticks():
    """A KPI achieved typed in the wrong unit (a million MQLs against a target of 100, or
    the largest figure the planner reads against a target of 0.001) put one tick every
    25 % from 0 to the bar: 40,000 ticks, and past some size the page stopped on an
    OverflowError or ran out of memory building the list. The step grows instead (25, 50,
    100, 250 ... %), so the axis has at most a dozen ticks and still reaches the bar."""
    for achieved, target in ((10**6, 100), (10**12, Decimal("0.001"))):
        shown = problem(
            [team("content")],
            [project("seo", goal_id="leads")],
            goals=[goal("leads", target, name="Leads", kpi="MQLs")],
        )
        checkin = CheckIn(Decimal(6), Decimal(13), achieved={"leads": Decimal(achieved)})
        frame = pace_frame(goal_progress(shown, checkin))
        bars = pace_chart(frame, checkin).to_dict()["layer"][0]
        values = bars["encoding"]["x"]["axis"]["values"]
        top = bars["encoding"]["x"]["scale"]["domain"][1]
        assert 3 <= len(values) <= 12, values
        assert values[0] == 0 and values[-1] == top >= frame["achieved"].max()
