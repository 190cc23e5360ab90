"""A check-in at the quarter's last week in words: what was achieved against each target,
and that nothing is left to re-plan (``planner.scenarios.quarter_end``)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner.checker import check_plan
from planner.core.loading import load_with_warnings
from planner.core.settings import SolveSettings
from planner.core.shown_figures import percent
from planner.scenarios.checkin_goals import goal_progress
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.on_plan import achieved_by_goal, checkin_as_planned
from planner.scenarios.quarter_end import NOTHING_LEFT, quarter_end
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample_quarter():
    """The bundled sample, solved on one worker: the quarter a leader checks in on."""
    prob = load_with_warnings(SAMPLE).problem
    prob = prob.replace(
        settings=replace(prob.settings, solve=SolveSettings(time_limit_s=5.0, workers=1))
    )
    result = solve(prob)
    assert result.plan is not None and check_plan(prob, result.plan) == []
    return prob, result.plan


def test_a_quarter_that_went_to_plan_ends_at_the_plan_s_figures(sample_quarter):
    """At week 13 of 13, everything done as planned: the quarter ended at the plan's own
    figures, which the Overview and the Plan page show (85.6 % weighted, 1 of 8 goals at
    target on the sample): the leader reads one number on every page."""
    prob, plan = sample_quarter
    checkin = checkin_as_planned(prob, plan, Decimal(13))
    by_now = achieved_by_goal(prob, checkin)
    end = quarter_end(prob, goal_progress(prob, checkin, by_now))
    metrics = plan_metrics(prob, plan)
    assert percent(end.attainment) == percent(metrics.attainment_pct)
    assert end.num_met == sum(g.percent >= 100 for g in metrics.goals) == 1
    assert end.headline(13, 13) == (
        f"The quarter is over (week 13 of 13): {end.num_met} of 8 goals met, goal attainment "
        f"{percent(metrics.attainment_pct)} (weighted as on the Overview)."
    )
    lines = {g.name: g.line() for g in end.goals}
    assert lines["Churn saved"] == (
        "Churn saved: 320,000 of 380,000 ARR saved $ (84.2 %; the plan had 84.2 %): "
        "missed, 60,000 ARR saved $ short"
    )
    assert lines["Closed-won new ARR"].endswith("(106.7 %; the plan had 106.7 %): met")
    assert "Nothing is left to re-plan" in NOTHING_LEFT


def test_a_goal_ahead_of_plan_at_the_end_reads_met_beside_what_the_plan_had(sample_quarter):
    """MQLs came in ahead of plan (2,700 of 2,600 where the plan had 2,300): the goal reads
    met, the count of goals met goes up by one, and the plan's figure stays beside it."""
    prob, plan = sample_quarter
    planned = checkin_as_planned(prob, plan, Decimal(13))
    by_now = achieved_by_goal(prob, planned)
    ahead = replace(planned, achieved={**planned.achieved, "mqls": Decimal(2700)})
    before = quarter_end(prob, goal_progress(prob, planned, by_now))
    after = quarter_end(prob, goal_progress(prob, ahead, by_now))
    assert after.num_met == before.num_met + 1
    (mqls,) = [g for g in after.goals if g.name == "Marketing-qualified leads"]
    assert mqls.line() == (
        "Marketing-qualified leads: 2,700 of 2,600 MQLs (103.8 %; the plan had 88.5 %): met"
    )
    assert after.attainment is not None and before.attainment is not None
    assert after.attainment > before.attainment


def test_a_check_in_saved_at_the_quarter_s_end_opens_again(sample_quarter, tmp_path, capsys):
    """Saved at week 13 of 13 with every project done, a check-in keeps no project to
    re-plan: read back, it was refused as "there are no projects: the file has no data
    rows", so neither the Scenarios page nor `planner scenarios show` could open it. It
    opens, at the quarter's attainment the check-in said."""
    from planner.scenarios.rest_of_quarter import replan_problem
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    prob, plan = sample_quarter
    checkin = checkin_as_planned(prob, plan, Decimal(13))
    rest = replan_problem(prob, plan, checkin, max_changes=3, stability_weight=5.0)
    assert rest.projects == ()
    result = solve(rest)
    assert result.plan is not None and check_plan(rest, result.plan) == []
    end = quarter_end(prob, goal_progress(prob, checkin, achieved_by_goal(prob, checkin)))
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        saved = store.save(new_scenario(rest, result, "Quarter end", checkin=checkin, quarter=prob))
        loaded = store.load(saved.scenario_id)
    assert loaded.problem.projects == () and loaded.checkin == checkin
    assert percent(loaded.metrics.attainment_pct) == percent(end.attainment)
    # `planner scenarios show` says how the quarter ended: no table of every team at 0 h of
    # 0 h left, nor a score of 0.00 of a re-plan of nothing.
    import planner.interfaces.scenario_cli  # noqa: F401  (registers ``scenarios``)
    from planner.interfaces.cli import main

    db = str(tmp_path / "planner.duckdb")
    assert main(["scenarios", "--db", db, "show", str(saved.scenario_id)]) == 0
    said = capsys.readouterr().out
    assert "goal attainment at quarter end (achieved so far + the re-plan): 85.6 %" in said
    assert "no weeks are left in the quarter: this check-in records how the quarter ended" in said
    assert "Demand Gen" not in said and "% planned" not in said and "0.00" not in said, said
    assert "Churn saved" in said


def test_a_check_in_at_the_quarter_s_end_compared_with_its_plan_says_how_it_ended(
    sample_quarter,
):
    """Beside its plan on the Scenarios page's Compare and in `planner scenarios compare`, a
    check-in saved at week 13 of 13 read "re-plans the rest of the quarter after a check-in
    at week 13 of 13", of a rest of the quarter with no week in it."""
    from planner.scenarios.compare import compare
    from planner.scenarios.rest_of_quarter import replan_problem
    from planner.scenarios.scenario import new_scenario

    prob, plan = sample_quarter
    checkin = checkin_as_planned(prob, plan, Decimal(13))
    rest = replan_problem(prob, plan, checkin, max_changes=3, stability_weight=5.0)
    parent = new_scenario(prob, solve(prob), "Q plan")
    child = new_scenario(rest, solve(rest), "Quarter end", checkin=checkin, quarter=prob)
    (said,) = compare(parent, child).settings_changes
    assert said.startswith(
        "Quarter end records how the quarter ended, at a check-in at week 13 of 13 (33 done"
    ), said
    assert "re-plans" not in said
