"""A check-in pre-filled as planned and kept: every KPI is the plan's figure.

A generated quarter's SQLs and new logos do not count things (a project worth 3.5 SQLs):
the pre-fill writes them as a leader reads them (597 SQLs for the plan's 596.815, 38.17
new logos for 38.167). Taken as typed, the check-in's "if we carry on" read 87.735 % where
the Overview read 87.733 % of the same plan: one formula, fed the plan's figures on one
side and the pre-fill's rounded ones on the other. Kept as pre-filled, a KPI is the plan's
figure (``OnPlan.with_plan_figures``), as a count already was, and reads as written.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from planner.core.builder import load_problem
from planner.core.generate import generate_folder
from planner.core.shown_figures import amount_shown
from planner.interfaces.checkin_tables import forecast_frame
from planner.scenarios.checkin_goals import quarter_attainment, quarter_forecast
from planner.scenarios.counting_goals import counting_goals
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.on_plan import on_plan
from planner.scenarios.replan import carried_baseline
from planner.scenarios.rest_of_quarter import replan_problem
from planner.solving.solver import solve


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    """A quarter in weeks whose SQLs and new logos are not counts, and its plan."""
    folder = tmp_path_factory.mktemp("quarter") / "data"
    generate_folder(folder, 20, 200, seed=3, weeks=True)
    problem = load_problem(folder)
    plan = solve(problem).plan
    assert plan is not None
    return problem, plan


def test_an_unchanged_pre_fill_carried_on_is_the_overviews_goal_attainment(quarter):
    """Week 6, the pre-fill kept as typed: each goal ends the quarter at the plan's own
    figure and the quarter's goal attainment "if we carry on" is the Overview's, to the
    last digit (87.735 % against 87.733 % before), while every KPI not a count still reads
    as the pre-fill wrote it (597 SQLs, not the plan's 596.815)."""
    problem, plan = quarter
    found = on_plan(problem, plan, Decimal(6), Decimal(13))
    typed = found.typed(problem)
    not_counts = {
        g.goal_id
        for g in problem.goals
        if g.goal_id not in counting_goals(problem)
        and typed.achieved[g.goal_id] != found.checkin.achieved[g.goal_id]
    }
    assert not_counts, "the quarter should have a KPI pre-filled otherwise than the plan's"
    kept = found.with_plan_figures(problem, typed)
    assert kept.achieved == {g: v for g, v in found.checkin.achieved.items() if v}
    carried = carried_baseline(
        replan_problem(problem, plan, kept, max_changes=None, stability_weight=0.0), plan
    )
    ends = quarter_forecast(problem, kept, carried)
    planned = {g.goal_id: g.planned for g in plan_metrics(problem, plan).goals}
    assert {f.goal_id: f.forecast for f in ends} == planned
    headline = quarter_attainment(problem, ends)
    assert headline is not None
    assert headline.forecast == pytest.approx(plan_metrics(problem, plan).attainment_pct, abs=1e-9)
    rows = forecast_frame(ends, {f.goal_id: f for f in ends}).set_index("goal")
    for f in ends:
        if f.goal_id in not_counts:
            written = typed.achieved[f.goal_id]
            assert f.as_written == written
            assert amount_shown(rows.loc[f.name, "achieved"]) == amount_shown(float(written))


def test_a_kpi_typed_otherwise_than_the_pre_fill_is_the_leaders(quarter):
    """A figure the leader changed is the one counted: 10 SQLs more than the pre-fill stay."""
    problem, plan = quarter
    found = on_plan(problem, plan, Decimal(6), Decimal(13))
    typed = found.typed(problem)
    goal = next(g for g in problem.goals if g.goal_id not in counting_goals(problem))
    more = typed.achieved[goal.goal_id] + 10
    changed = found.with_plan_figures(
        problem, replace(typed, achieved={**typed.achieved, goal.goal_id: more})
    )
    assert changed.achieved[goal.goal_id] == more
    assert goal.goal_id not in changed.recorded


def test_a_check_in_file_read_since_counts_each_kpi_kept_as_the_plans_figure(quarter):
    """The template's file and a re-plan's saved check-in name the plan's figure each KPI
    written stands for (596.815 beside 597 SQLs, 38.167 beside 38.17 new logos), and a
    later check-in --since that file counts it, as it counted a whole count: read as typed,
    the second check-in started from 597 where the first re-plan had counted 596.815."""
    from planner.scenarios.checkin_since import counted
    from planner.scenarios.checkin_toml import parse_checkin
    from planner.scenarios.checkin_toml_writing import checkin_to_toml

    problem, plan = quarter
    found = on_plan(problem, plan, Decimal(6), Decimal(13))
    typed = found.typed(problem)
    exact = {g: v for g, v in found.checkin.achieved.items() if v}
    targets = {g.goal_id: g.target for g in problem.goals}
    kept = found.with_plan_figures(problem, typed)
    for checkin in (found.typed_to_keep(problem), kept):
        read = counted(parse_checkin(checkin_to_toml(checkin)), targets)
        assert read.achieved == exact
        assert read.recorded == {g: v for g, v in typed.achieved.items() if v != exact.get(g)}
