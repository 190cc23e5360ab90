"""planner.scenarios.copies: a scenario saved already is found, not saved again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.core.loading import load_with_warnings
from planner.scenarios.copies import saved_copy, saved_with_inputs
from planner.scenarios.scenario import new_scenario
from planner.scenarios.schema import SCHEMA_VERSION
from planner.scenarios.storage import ScenarioStore, StorageError
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_the_same_inputs_and_plan_are_found_under_any_name_and_other_inputs_are_not():
    """A plan saved as "Q3 base" is the one a check-in on the same plan hangs under; the
    same plan with one team's hours changed is another scenario, and so is a child."""
    problem = load_with_warnings(SAMPLE).problem
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
    problem = load_with_warnings(SAMPLE).problem
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


def _same_size(problem, result, count: int):
    """``count`` scenarios of ``result``'s plan, each on ``problem`` with one team renamed:
    not copies (other inputs), with as many projects planned."""
    for number in range(1, count + 1):
        team = replace(problem.teams[0], name=f"{problem.teams[0].name} ({number})")
        yield new_scenario(problem.replace(teams=(team, *problem.teams[1:])), result, f"S{number}")


def _reading(monkeypatch, store: ScenarioStore) -> list[int]:
    """The scenarios ``store`` reads back whole from now on."""
    read: list[int] = []
    load = store.load

    def counted(scenario_id: int):
        read.append(scenario_id)
        return load(scenario_id)

    monkeypatch.setattr(store, "load", counted)
    return read


def test_a_copy_is_found_among_scenarios_of_its_size_without_reading_one_back(monkeypatch):
    """Is this plan saved already? Every saved scenario with as many projects planned was
    read back whole to compare (1.4 s each at 150 teams x 1,500 projects, at every save of
    the Scenarios page): each scenario now keeps the key of its inputs, plan and check-in,
    and the store compares it in one query."""
    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    assert result.plan is not None
    store = ScenarioStore.open(":memory:")
    for scenario in _same_size(problem, result, 3):
        store.save(scenario)
    base = store.save(new_scenario(problem, result, "Q3 base"))
    read = _reading(monkeypatch, store)
    found = saved_copy(store, problem, result.plan)
    assert found is not None and found.scenario_id == base.scenario_id
    assert saved_copy(store, problem, result.plan, parent_id=base.scenario_id) is None
    assert saved_copy(store, problem, result.plan, among=[]) is None
    renamed = replace(problem.teams[0], name="Other")
    assert (
        saved_copy(store, problem.replace(teams=(renamed, *problem.teams[1:])), result.plan) is None
    )
    assert read == []


def test_a_saved_re_plan_is_found_with_its_check_in_and_parent_without_reading_it_back(
    monkeypatch,
):
    from decimal import Decimal

    from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
    from planner.scenarios.rest_of_quarter import replan_problem

    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    assert result.plan is not None
    running = sorted(result.plan.owners())[:2]
    checkin = CheckIn(
        weeks_elapsed=Decimal(6),
        projects={p: ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(40)) for p in running},
    )
    rest = replan_problem(problem, result.plan, checkin, max_changes=5, stability_weight=1.0)
    replanned = solve(rest)
    assert replanned.plan is not None
    store = ScenarioStore.open(":memory:")
    parent = new_scenario(problem, result, "Q3 base")
    child = store.save(
        new_scenario(rest, replanned, "week 6", checkin=checkin, quarter=problem),
        new_parent=parent,
    )
    read = _reading(monkeypatch, store)
    found = saved_copy(store, rest, replanned.plan, checkin, child.parent_id)
    assert found is not None and found.scenario_id == child.scenario_id
    assert saved_copy(store, rest, replanned.plan, None, child.parent_id) is None
    later = CheckIn(weeks_elapsed=Decimal(7), projects=checkin.projects)
    assert saved_copy(store, rest, replanned.plan, later, child.parent_id) is None
    assert read == []
    # What the key says is what reading the scenarios back and comparing them says.
    monkeypatch.undo()
    for summary in store.list():
        loaded = store.load(summary.scenario_id)
        assert loaded.plan is not None
        again = saved_copy(store, loaded.problem, loaded.plan, loaded.checkin, summary.parent_id)
        assert again is not None and again.scenario_id == summary.scenario_id


def test_a_database_saved_before_the_key_opens_and_still_finds_its_copies(tmp_path, monkeypatch):
    """A file of schema 11 has no key: it opens, its scenarios are compared by reading them
    back as before (the right answer, at the old cost), and one saved since is keyed."""
    import duckdb

    problem = load_with_warnings(SAMPLE).problem
    result = solve(problem)
    assert result.plan is not None
    path = tmp_path / "v11.duckdb"
    with ScenarioStore.open(path) as store:
        for scenario in _same_size(problem, result, 1):
            store.save(scenario)
        base = store.save(new_scenario(problem, result, "Q3 base"))
    connection = duckdb.connect(str(path))
    connection.execute("ALTER TABLE scenarios DROP COLUMN copy_key")
    connection.execute("UPDATE planner_schema SET version = 11")
    connection.close()
    with ScenarioStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        read = _reading(monkeypatch, store)
        found = saved_copy(store, problem, result.plan)
        assert found is not None and found.scenario_id == base.scenario_id
        assert base.scenario_id in read
        renamed = replace(problem.teams[0], name="Other")
        assert (
            saved_copy(store, problem.replace(teams=(renamed, *problem.teams[1:])), result.plan)
            is None
        )
        store.delete(base.scenario_id)
        assert saved_copy(store, problem, result.plan) is None
        again = store.save(new_scenario(problem, result, "Q3 base again"))
        read.clear()
        found = saved_copy(store, problem, result.plan)
        assert found is not None and found.scenario_id == again.scenario_id
        assert read == []  # keyed: found in the query, the older one not read
