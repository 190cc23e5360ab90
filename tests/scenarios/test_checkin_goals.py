"""A check-in's goals against target and time (planner.scenarios.checkin_goals): on
track, behind or missed, and each goal's forecast for the quarter's end.
"""

from __future__ import annotations

from fractions import Fraction

from builders import goal, problem, project, team
from checkin_cases import DONE, IN_PROGRESS, D, plan_of, progress, replan

from planner.scenarios.checkin import (
    CheckIn,
)
from planner.scenarios.checkin_goals import (
    Pace,
    goal_progress,
    pace_words,
    quarter_forecast,
)
from planner.solving.solver import solve

# -- progress against target and time -------------------------------------


def test_goal_is_behind_when_it_has_achieved_less_than_the_time_elapsed():
    """Half the quarter gone with 40 % of the target is behind; 50 % is on track."""
    prob = problem([team("m1")], [], goals=[goal("g", 100), goal("h", 100), goal("m", 100)])
    checkin = CheckIn(D("6.5"), achieved={"g": D(40), "h": D(50), "m": D(100)})
    paces = {g.goal_id: g.pace for g in goal_progress(prob, checkin)}
    assert paces == {"g": Pace.BEHIND, "h": Pace.ON_TRACK, "m": Pace.MET}


def test_at_the_quarter_s_end_a_goal_short_of_its_target_has_missed_it_even_on_plan():
    """A check-in at week 13 of 13 read "46.0 % / 46.0 % / 100.0 % on track" for a goal the
    plan had left at 46 % of its target: on its plan, yet the quarter was over without it."""
    prob = problem([team("m1")], [], goals=[goal("g", 100), goal("h", 100)])
    planned = {"g": Fraction(46), "h": Fraction(46)}
    over = CheckIn(D(13), achieved={"g": D(46), "h": D(100)})
    assert [g.pace for g in goal_progress(prob, over, planned)] == [Pace.MISSED, Pace.MET]
    assert [g.pace for g in goal_progress(prob, over)] == [Pace.MISSED, Pace.MET]
    before_the_end = CheckIn(D(12), achieved={"g": D(46), "h": D(40)})
    paces = [g.pace for g in goal_progress(prob, before_the_end, planned)]
    assert paces == [Pace.ON_TRACK, Pace.BEHIND]


def test_a_goal_that_reads_as_its_plan_by_now_is_on_track_not_behind():
    """A leader types 34,187 visitors where the plan had 34,187.4 by now: both read
    "34,187", so the goal is on track, not behind by less than a visitor. One that
    reads lower (34,136: 34.1 % of the target against the plan's 34.2 %) is behind.
    """
    prob = problem([team("m1")], [], goals=[goal("v", 100_000), goal("w", 100_000)])
    checkin = CheckIn(D("6"), achieved={"v": D(34187), "w": D(34136)})
    planned = {"v": Fraction("34187.4"), "w": Fraction("34187.4")}
    paces = {g.goal_id: g.pace for g in goal_progress(prob, checkin, planned)}
    assert paces == {"v": Pace.ON_TRACK, "w": Pace.BEHIND}


def test_a_goal_whose_percent_reads_as_its_plan_by_now_is_on_track():
    """A week-4 check-in written from one-decimal percents (6.3 % of 100,000 visitors typed
    as 6,300, the plan had 6,345 by now) read "6.3 % / 6.3 % ... behind": behind by less
    than the figures beside it show. Within their one decimal it is on track; a tenth of a
    point below is behind."""
    targets = {"visitors": 100_000, "pipeline": 11_000_000, "churn": 380_000}
    prob = problem([team("m1")], [], goals=[goal(g, t) for g, t in targets.items()])
    planned = {
        "visitors": Fraction(6345),
        "pipeline": Fraction(6_460_000),
        "churn": Fraction(100_000),
    }
    as_percents = {"visitors": D(6300), "pipeline": D(6_457_000), "churn": D(99_940)}
    progress = goal_progress(prob, CheckIn(D(4), achieved=as_percents), planned)
    assert {g.goal_id: g.pace for g in progress} == dict.fromkeys(targets, Pace.ON_TRACK)
    a_tenth_below = {"visitors": D(6200), "pipeline": D(6_446_000), "churn": D(99_560)}
    progress = goal_progress(prob, CheckIn(D(4), achieved=a_tenth_below), planned)
    assert {g.goal_id: g.pace for g in progress} == dict.fromkeys(targets, Pace.BEHIND)


def test_a_goal_clearly_ahead_of_its_plan_reads_ahead_with_by_how_much():
    """20,000 visitors where the plan had 13,575 by now read "20.0 % / 13.6 % ... on track":
    a leader wants to know it is ahead, and by how much. A lead the figures do not show
    (13,600 against 13,575: 13.6 % beside 13.6 %) and a count within half a customer of its
    plan stay on track."""
    prob = problem(
        [team("m1")],
        [],
        goals=[
            goal("v", 100_000, kpi="website visitors"),
            goal("w", 100_000),
            goal("n", 40, kpi="new customers"),
        ],
    )
    planned = {"v": Fraction(13_575), "w": Fraction(13_575), "n": Fraction("7.7")}
    checkin = CheckIn(D(6), achieved={"v": D(20_000), "w": D(13_600), "n": D(8)})
    v, w, n = goal_progress(prob, checkin, planned)
    assert (v.pace, w.pace, n.pace) == (Pace.AHEAD, Pace.ON_TRACK, Pace.ON_TRACK)
    assert v.ahead_by == 6.4
    assert pace_words(v) == "ahead of plan by 6,425 website visitors (6.4 % of the target)"
    assert (pace_words(w), w.ahead_by) == ("on track", None)
    # Against the straight line when no plan is given: 60 % at half the quarter.
    (straight,) = goal_progress(
        problem([team("m1")], [], goals=[goal("g", 100, kpi="MQLs")]),
        CheckIn(D("6.5"), achieved={"g": D(60)}),
    )
    assert pace_words(straight) == "ahead by 10 MQLs (10.0 % of the target)"


def test_goal_progress_reports_percent_of_target_and_of_time():
    """The chart plots both numbers; they must be what a leader would compute."""
    prob = problem([team("m1")], [], goals=[goal("g", 2600)])
    (g,) = goal_progress(prob, CheckIn(D("3.25"), achieved={"g": D(520)}))
    assert (g.percent_of_target, g.percent_expected) == (20.0, 25.0)
    assert g.remaining == D(2080)


def test_quarter_forecast_is_achieved_plus_what_the_plan_still_delivers():
    """After a re-plan a leader reads each goal's quarter end in its KPI unit: 5 MQLs
    achieved plus the 3 still to come from b is 8 of 10, 80 %.
    """
    prob = problem(
        [team("m1")],
        [
            project("a", effort=40, value=4, goal_id="g"),
            project("b", effort=40, value=6, goal_id="g"),
        ],
        goals=[goal("g", 10, kpi="MQLs")],
    )
    first = CheckIn(
        D(4), projects={"a": progress(DONE), "b": progress(IN_PROGRESS, 50)}, achieved={"g": D(5)}
    )
    rp = replan(prob, plan_of(prob, {"a": "m1", "b": "m1"}), first)
    (forecast,) = quarter_forecast(prob, first, solve(rp).plan)
    assert (forecast.kpi, forecast.achieved, forecast.still_to_come) == ("MQLs", D(5), D(3))
    assert (forecast.forecast, forecast.percent) == (D(8), 80.0)
