"""A check-in pre-filled in whole customers: a KPI that counts things reads whole.

The Check-in page pre-filled "New logos won: 7.7 new customers" at week 6 (the plan's
projects' expectation, pro rata), and SQLs 232.5 at week 8: a VP Sales records deals
and customers won, never a part of one. A KPI counts things when its target and every
value toward it are whole numbers (data/sample: all eight goals); the pre-fill gives
the nearest whole number there, never up to the target when short of it, and a goal
recorded at the whole number nearest its plan by now is on track.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner.checker import check_plan
from planner.core.domain import Plan, Problem
from planner.scenarios.checkin_goals import Pace, goal_progress
from planner.scenarios.counting_goals import counting_goals
from planner.scenarios.on_plan import achieved_by_goal, on_plan
from planner.scenarios.replan import replan

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def quarter(solved_sample) -> tuple[Problem, Plan]:
    return solved_sample


def test_the_sample_s_goals_all_count_things_and_a_fraction_anywhere_makes_one_not(quarter):
    """New customers, MQLs, visitors and dollars are whole in the sample's targets and
    values; a goal in $M with a target of 2.5, or a project worth 2.5 customers, keeps
    its decimals (it is not a count)."""
    prob, _ = quarter
    assert counting_goals(prob) == frozenset(g.goal_id for g in prob.goals)
    goals = tuple(
        replace(g, target=Decimal("2.5")) if g.goal_id == "new-arr" else g for g in prob.goals
    )
    projects = tuple(
        replace(p, value=Decimal("2.5"), value_low=None, value_high=None)
        if p.project_id == "CL-09"
        else p
        for p in prob.projects
    )
    changed = prob.replace(goals=goals, projects=projects)
    assert {"new-arr", "new-logos"}.isdisjoint(counting_goals(changed))


def test_a_count_is_pre_filled_whole_and_reads_on_track(quarter):
    """Week by week, every KPI of the sample is pre-filled as a whole number (7.7 new
    customers at week 6 reads 8; 232.5 SQLs at week 8 reads 233, or 232 where 233 would
    pass the plan by more than half), and no goal reads behind its own plan."""
    prob, plan = quarter
    for week in range(1, 13):
        found = on_plan(prob, plan, Decimal(week), Decimal(13))
        typed = found.typed(prob)
        assert all(v == v.to_integral_value() for v in typed.achieved.values()), week
        for goal_id, exact in found.checkin.achieved.items():
            assert abs(typed.achieved[goal_id] - exact) <= Decimal("0.5"), (week, goal_id)
        by_now = achieved_by_goal(prob, found.checkin)
        behind = [g.goal_id for g in goal_progress(prob, typed, by_now) if g.pace is Pace.BEHIND]
        assert behind == [], week
    week6 = on_plan(prob, plan, Decimal(6), Decimal(13)).typed(prob)
    assert week6.achieved["new-logos"] == 8


def test_a_count_recorded_a_whole_unit_short_of_its_plan_is_behind(quarter):
    """The tolerance is the rounding of a count, no more: 7 new customers where the plan
    had 7.7 by now is behind plan."""
    prob, plan = quarter
    found = on_plan(prob, plan, Decimal(6), Decimal(13))
    by_now = achieved_by_goal(prob, found.checkin)
    typed = found.typed(prob)
    short = replace(typed, achieved={**typed.achieved, "new-logos": Decimal(7)})
    pace = {g.goal_id: g.pace for g in goal_progress(prob, short, by_now)}
    assert pace["new-logos"] is Pace.BEHIND


def test_a_count_kept_as_pre_filled_is_the_plans_figure_and_re_plans_to_the_plan(quarter):
    """Kept at the pre-fill's whole number, a count is the plan's own figure: re-planned
    unchanged, each goal forecasts exactly the plan's (the whole number taken as read gave
    new logos 28.3, "28 of 40 new customers (70.8 %)" where the plan says 70.0 %), the
    quarter end is the Overview's 85.6 %, and every table shows the count whole (8)."""
    from planner.interfaces.checkin_tables import forecast_frame
    from planner.scenarios.checkin_goals import quarter_attainment, quarter_forecast
    from planner.scenarios.metrics import plan_metrics

    prob, plan = quarter
    found = on_plan(prob, plan, Decimal(6), Decimal(13))
    typed = found.typed(prob)
    kept = found.with_plan_figures(prob, typed)
    assert kept.achieved == found.checkin.achieved
    outcome = replan(prob, plan, kept, max_changes=0, stability_weight=5)
    assert outcome.result.plan is not None
    assert check_plan(outcome.problem, outcome.result.plan) == []
    planned = {g.goal_id: g.planned for g in plan_metrics(prob, plan).goals}
    ends = quarter_forecast(prob, kept, outcome.result.plan)
    assert {f.goal_id: f.forecast for f in ends} == planned
    headline = quarter_attainment(prob, ends)
    assert headline is not None and f"{headline.forecast:.1f}" == "85.6"
    rows = forecast_frame(ends, {f.goal_id: f for f in ends}).set_index("goal")
    assert tuple(rows.loc["New logos won", ["achieved", "still_to_come", "forecast"]]) == (
        8.0,
        20.0,
        28.0,
    )
    # A count typed otherwise is the leader's: 9 new customers stays 9.
    nine = replace(typed, achieved={**typed.achieved, "new-logos": Decimal(9)})
    assert found.with_plan_figures(prob, nine).achieved["new-logos"] == 9


def test_a_count_pre_filled_0_for_a_fraction_of_the_plan_is_saved_as_the_0_shown():
    """A goal whose plan has 0.231 new customers by week 1 is pre-filled 0, and a leader
    who keeps it sees 0; the saved check-in's file wrote 0.231, a figure the leader never
    saw nor typed (only a count above 0 was kept as written). It writes 0, with the plan's
    0.231 it stands for beside it, and the store keeps the 0 the page showed."""
    from planner import solve
    from planner.scenarios.checkin_toml_writing import checkin_to_toml
    from planner.scenarios.row_conversion import checkin_from_rows, checkin_rows
    from tests.builders import goal, problem, project, team

    prob = problem(
        [team("m")], [project("P", effort=10, value=3, goal_id="g")], goals=[goal("g", 10)]
    )
    plan = solve(prob).plan
    assert plan is not None
    found = on_plan(prob, plan, Decimal(1), Decimal(13))
    typed = found.typed(prob)
    assert (found.checkin.achieved["g"], typed.achieved["g"]) == (Decimal("0.231"), 0)
    kept = found.with_plan_figures(prob, typed)
    assert kept.achieved == {"g": Decimal("0.231")} and kept.recorded == {"g": 0}
    text = checkin_to_toml(kept)
    achieved = text[text.index("[achieved]") : text.index("[hours_used]")]
    assert '"g" = 0\n' in achieved and "0.231" not in achieved
    assert '[achieved_as_planned]\n"g" = 0.231' in text
    assert checkin_from_rows(*checkin_rows(kept)).recorded == {"g": 0}


def test_the_whole_counts_note_counts_only_counts_that_read_otherwise_than_the_plan(quarter):
    """Check-in, Goals: KPI so far at week 6 said "New logos won: 8 new customers, where
    the plan's projects would have 7.7 new customers by now; and 2 more counts": one of the
    two was SQLs, 153 for the plan's 153.005, which reads 153 either way. The note counts
    the one that reads otherwise. At week 3: 78 SQLs for the plan's 77.965 is not counted,
    374 MQLs for the plan's 374.36 is."""
    from planner.scenarios.checkin_words import whole_counts_note

    prob, plan = quarter
    note = whole_counts_note(prob, on_plan(prob, plan, Decimal(3), Decimal(13)))
    assert note is not None
    assert "New logos won: 4 new customers, where the plan's projects would have 3.8" in note
    assert "and 1 more count)" in note


def test_a_count_typed_with_a_part_reads_as_typed_on_every_surface(quarter):
    """SPEC: a count kept as pre-filled reads whole (8 for the plan's 7.7), a count changed
    reads as typed. A RevOps lead typed 8.5 new customers at week 6 (a logo shared with a
    partner): the forecast read "9 + 19.8 = 28.8", the pace "9 of 40 new customers" and the
    odds "the 9 achieved so far", beside 21.3 % of target, which is 8.5's. The page's
    table, the re-plan's workbook and ``planner checkin`` write the forecast with one
    function (:func:`forecast_frame`, :func:`amounts_adding_up`), the odds with another."""
    from planner.interfaces.checkin_charts import pace_frame
    from planner.interfaces.checkin_tables import forecast_frame
    from planner.interfaces.odds_changes import replan_odds_frame
    from planner.scenarios.checkin_goals import quarter_forecast

    prob, plan = quarter
    found = on_plan(prob, plan, Decimal(6), Decimal(13))
    typed = found.typed(prob)
    by_now = achieved_by_goal(prob, found.checkin)
    for written, shown in ((typed.achieved["new-logos"], "8"), (Decimal("8.5"), "8.5")):
        checkin = found.with_plan_figures(
            prob, replace(typed, achieved={**typed.achieved, "new-logos": written})
        )
        outcome = replan(prob, plan, checkin, max_changes=0, stability_weight=5)
        assert outcome.result.plan is not None
        ends = quarter_forecast(prob, checkin, outcome.result.plan)
        rows = forecast_frame(ends, {f.goal_id: f for f in ends}).set_index("goal")
        so_far, adds, total = rows.loc["New logos won", ["achieved", "still_to_come", "forecast"]]
        assert (so_far, round(so_far + adds, 3)) == (float(shown), total)
        assert rows.loc["Marketing-qualified leads", "achieved"] == 867  # kept: whole
        pace = pace_frame(goal_progress(prob, checkin, by_now)).set_index("goal")
        assert pace.loc["New logos won", "detail"] == f"{shown} of 40 new customers"
        odds = replan_odds_frame(
            prob,
            checkin.achieved,
            outcome.problem,
            outcome.carried,
            outcome.result.plan,
            recorded=checkin.recorded,
        ).set_index("goal")
        assert f"the {shown} new customers achieved so far" in odds.loc["New logos won", "words"]
