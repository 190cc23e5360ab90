"""Restore it, once the work offered is gone from the database, says where it went (attack
round 16).

Two servers on one scenario database: A's what-if was kept and offered to A's reloaded
tab; B then made its own change (which replaced A's, one unsaved work per database) and
saved it as a scenario. A's Restore it read "no longer kept: it was saved as a scenario or
discarded since ... a saved scenario is on the Scenarios page": A's work was in no
scenario, and the Scenarios page held only B's. Restore now says whether a saved scenario
holds the work (naming it) or none does, with the changes to make again.
"""

from __future__ import annotations

from app_pages import apply_team_hours, assert_clean, button, open_routed, session_problem
from streamlit.testing.v1 import AppTest

from pages.kept import flush
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

RESTORE = "Restore it"


def _said(app: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in [*app.warning, *app.info]]


def test_work_replaced_by_another_servers_then_saved_is_said_to_be_in_no_scenario(db):
    tab_a = apply_team_hours(open_routed("pages/data.py"), 500.0)
    flush()
    reloaded_a = open_routed("pages/overview.py")
    opened = session_problem(reloaded_a)
    # B's own change replaces A's work, and B saves it as a scenario (which clears it).
    tab_b = apply_team_hours(tab_a, 600.0)
    flush()
    with ScenarioStore.open(db) as store:
        problem_b = session_problem(tab_b)
        store.save(new_scenario(problem_b, solve(problem_b), "B's 600 h"))
        store.discard_work()
        assert store.kept_work() is None
    button(reloaded_a, RESTORE).click().run()
    assert_clean(reloaded_a)
    assert session_problem(reloaded_a) == opened  # nothing restored
    said = _said(reloaded_a)
    (gone,) = [s for s in said if "offered here is no longer kept" in s]
    assert "no saved scenario holds it" in gone, gone
    assert "saved as a scenario or discarded since" not in gone, gone
    assert "SDR Team capacity 1,000 h → 500 h" in gone, gone  # what to make again


def test_work_saved_as_a_scenario_elsewhere_is_said_by_its_scenario(db):
    tab_a = apply_team_hours(open_routed("pages/data.py"), 500.0)
    flush()
    reloaded = open_routed("pages/overview.py")
    with ScenarioStore.open(db) as store:
        problem = session_problem(tab_a)
        store.save(new_scenario(problem, solve(problem), "Q3 at 500 h"))
        store.discard_work()
        assert store.kept_work() is None
    button(reloaded, RESTORE).click().run()
    assert_clean(reloaded)
    (gone,) = [s for s in _said(reloaded) if "offered here is no longer kept" in s]
    assert "saved as the scenario #1 Q3 at 500 h" in gone, gone
