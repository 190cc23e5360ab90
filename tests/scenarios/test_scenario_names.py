"""Scenario names that look the same are one name (SPEC "Scenarios"; names find scenarios).

Names are stored and shown exactly, but two that a reader cannot tell apart
(``café`` typed precomposed and decomposed, ``Q3`` and ``Q3`` with a
zero-width space or a no-break space) were two scenarios: the lists showed
the same name twice, and typing the name found neither or the wrong one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.core.loading import load_problem
from planner.scenarios.metrics import new_scenario
from planner.scenarios.storage import NameTakenError, ScenarioStore
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"


@pytest.fixture(scope="module")
def sample():
    """The sample quarter without weeks, solved once."""
    problem = load_problem(SAMPLE).problem
    return problem, solve(problem, time_limit_s=2)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("caf\u00e9 plan", "cafe\u0301 plan"),
        ("Q3", "Q3\u200b"),
        ("Q3 base", "Q3\u00a0base"),
        ("Q3", "\u202aQ3\u202c"),
        ("Q3", "Q\x003"),
    ],
)
def test_a_name_that_looks_like_a_saved_one_is_taken(sample, tmp_path, first, second):
    """Saving or renaming to a name that reads the same as a saved one is refused as taken,
    and the name as typed on a keyboard finds the saved scenario."""
    problem, result = sample
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        saved = store.save(new_scenario(problem, result, first))
        with pytest.raises(NameTakenError):
            store.save(new_scenario(problem, result, second))
        other = store.save(new_scenario(problem, result, "other"))
        with pytest.raises(NameTakenError):
            store.rename(other.scenario_id, second)
        assert store.find(second).scenario_id == saved.scenario_id
        assert store.has_name(second)
        assert sorted(s.name for s in store.list()) == sorted([first, "other"])
