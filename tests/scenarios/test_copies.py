"""planner.scenarios.copies: a scenario saved already is found, not saved again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.core.loading import load_problem
from planner.scenarios.copies import saved_copy
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_the_same_inputs_and_plan_are_found_under_any_name_and_other_inputs_are_not():
    """A plan saved as "Q3 base" is the one a check-in on the same plan hangs under; the
    same plan with one team's hours changed is another scenario, and so is a child."""
    problem = load_problem(SAMPLE).problem
    result = solve(problem)
    assert result.plan is not None
    store = ScenarioStore.open(":memory:")
    assert saved_copy(store, problem, result.plan) is None
    saved = store.save(new_scenario(problem, result, "Q3 base"))
    found = saved_copy(store, problem, result.plan)
    assert found is not None and found.scenario_id == saved.scenario_id
    assert saved_copy(store, problem, result.plan, parent_id=saved.scenario_id) is None
    renamed = replace(problem.teams[0], name="Other")
    other = problem.replace(teams=(renamed, *problem.teams[1:]))
    assert saved_copy(store, other, result.plan) is None
