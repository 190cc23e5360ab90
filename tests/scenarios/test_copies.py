"""planner.scenarios.copies: a scenario saved already is found, not saved again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.core.loading import load_problem
from planner.scenarios.copies import saved_copy, saved_with_inputs
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore, StorageError
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


def test_the_newest_scenario_of_the_same_inputs_is_found_past_one_that_no_longer_reads(
    monkeypatch,
):
    """Restore it names the saved scenario that holds the work no longer kept: the newest
    of the same inputs and settings, whatever its plan. A newer scenario that no longer
    reads (stored inputs edited by hand, or deleted meanwhile) is passed over, not the end
    of the search: it hid the one that held the leader's work."""
    problem = load_problem(SAMPLE).problem
    result = solve(problem)
    store = ScenarioStore.open(":memory:")
    assert saved_with_inputs(store, problem) is None
    store.save(new_scenario(problem, result, "first"))
    second = store.save(new_scenario(problem, result, "second"))
    renamed = replace(problem.teams[0], name="Other")
    other = problem.replace(teams=(renamed, *problem.teams[1:]))
    broken = store.save(new_scenario(other, solve(other), "edited by hand"))
    found = saved_with_inputs(store, problem)
    assert found is not None and found.name == "second"
    found = saved_with_inputs(store, other)
    assert found is not None and found.scenario_id == broken.scenario_id
    assert saved_with_inputs(store, problem, newest=1) is None  # only "edited by hand" looked at

    load = store.load

    def no_longer_reads(scenario_id: int):
        if scenario_id in (broken.scenario_id, second.scenario_id):
            raise StorageError(f"Scenario {scenario_id} no longer validates.")
        return load(scenario_id)

    monkeypatch.setattr(store, "load", no_longer_reads)
    found = saved_with_inputs(store, problem)
    assert found is not None and found.name == "first"
