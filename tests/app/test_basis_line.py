"""The basis line ("Built on ... · unsaved changes: ...") tells the truth after a restore
and after a save.

Restored after a reload, work built on a saved scenario read "Built on the bundled sample
data" with every difference of the scenario from the sample as unsaved; and once saved,
"no unsaved changes" stood beside "Since the previous plan" listing the change just saved,
which read as if it were not.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from app_pages import assert_clean, button, open_routed, open_tab, unsaved_work_offers
from streamlit.testing.v1 import AppTest

from pages.kept import flush
from pages.ui import md
from planner.core.domain import Problem
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve


def _basis(app: AppTest) -> str:
    return next(
        c.value.replace("\\", "") for c in app.main.caption if c.value.startswith("Built on")
    )


def _with_capacity(problem: Problem, **multipliers: float) -> Problem:
    capacity = replace(problem.settings.capacity, multipliers=multipliers)
    return problem.replace(settings=problem.settings.with_changes(capacity=capacity))


@pytest.fixture
def loaded_q3_90(db) -> tuple[AppTest, Problem]:
    """Scenario #1 "Q3 90" (Marketing at 90 %) saved and loaded into the planner: the
    Scenarios page after the load, and the inputs saved."""
    sample = open_routed("pages/overview.py").session_state["problem"]
    saved = _with_capacity(sample, marketing=0.9)
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(saved, solve(saved), "Q3 90"))
    return button(open_routed("pages/scenarios.py"), "Load into the planner").click().run(), saved


def test_restored_work_is_built_on_the_scenario_it_was_built_on(loaded_q3_90):
    """Scenario #1 (Marketing at 90 %) loaded, Sales cut to 80 % on top: the line read
    "Built on the saved scenario #1 Q3 90 · unsaved changes: Sales capacity ...". Restored
    after a reload it read "Built on the bundled sample data" with Marketing's change as
    unsaved too. It reads as before the reload."""
    app, saved = loaded_q3_90
    assert_clean(app)
    app.session_state["problem"] = _with_capacity(saved, marketing=0.9, sales=0.8)
    app.run()
    assert_clean(app)
    left = _basis(app)
    assert left.startswith("Built on the saved scenario #1 Q3 90 · unsaved changes: Sales "), left
    flush()

    again = open_routed("pages/overview.py")
    button(again, "Restore it").click().run()
    assert_clean(again)
    assert _basis(again) == left


def test_a_save_says_the_change_since_the_previous_plan_is_in_it(db):
    """Marketing cut to 90 % and saved: the line read "no unsaved changes" while "Since the
    previous plan" under it listed what the cut did, as if it were not saved. The line says
    the change is in the scenario saved."""
    app = open_routed("pages/overview.py")
    app = open_tab(app.switch_page("pages/constraints.py").run(), "Capacity")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(90).run()
    app.switch_page("pages/plan.py").run()
    assert any("Since the previous plan" in i.value for i in app.info)
    app.switch_page("pages/scenarios.py").run()
    app.text_input[0].input("Q3 90")
    button(app, "Save scenario").click().run()
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    assert any("Since the previous plan" in i.value for i in app.info)
    assert _basis(app) == (
        "Built on the saved scenario #1 Q3 90 · no unsaved changes (the change since the "
        "previous plan, Marketing capacity 100 % → 90 %, is in it)"
    )


@pytest.fixture
def look_up_each_run(monkeypatch):
    """The basis's scenario looked up at every run (a page looks at most every 2 s)."""
    import pages.headline

    monkeypatch.setattr(pages.headline, "_BASIS_EVERY_S", 0.0)


def test_a_scenario_deleted_in_another_tab_is_no_longer_said_to_hold_the_inputs(
    db, look_up_each_run, loaded_q3_90
):
    """Tab A loaded #1; tab B deleted it. Every page of A read "Built on the saved scenario
    #1 Q3 90 · no unsaved changes" (the Export's files said so too), and A kept nothing for
    a reload: its inputs were saved, it thought, so a reload lost them without a word. The
    line now says the scenario was deleted and the inputs are unsaved, kept for a reload,
    and a new session is offered them."""
    app, _ = loaded_q3_90
    app.switch_page("pages/overview.py").run()
    assert _basis(app).startswith("Built on the saved scenario #1 Q3 90 · no unsaved changes")
    with ScenarioStore.open(db) as store:
        store.delete(1)
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    line = _basis(app)
    assert "no unsaved changes" not in line, line
    assert line.startswith(
        "Built on the saved scenario #1 Q3 90, deleted since (in another tab, or by another "
        "leader) · unsaved: save it on the Scenarios page to keep it by name ("
    ), line
    flush()
    again = open_routed("pages/overview.py")
    (offer,) = unsaved_work_offers(again)
    assert "Marketing capacity 100 % → 90 %" in offer, offer


def test_a_scenario_renamed_in_another_tab_is_named_as_it_is_now(
    db, look_up_each_run, loaded_q3_90
):
    """Tab A loaded #1 "Q3 90"; tab B renamed it "Q3 lean". A's pages named it by its old
    name, which the Scenarios list no longer shows."""
    app, _ = loaded_q3_90
    with ScenarioStore.open(db) as store:
        store.rename(1, "Q3 lean")
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    assert _basis(app).startswith("Built on the saved scenario #1 Q3 lean · no unsaved changes")


def test_inputs_saved_again_after_their_scenario_was_deleted_are_no_longer_unsaved(
    db, look_up_each_run, loaded_q3_90
):
    """Two servers on one database: A loaded #1, B deleted it, A saved the same inputs as #2.
    A's line read "Built on the saved scenario #2 Q3 90 again · unsaved: save it on the
    Scenarios page to keep it by name (kept across a reload)" over the notice "Saved
    scenario #2": the deleted basis was still taken for the one just saved."""
    app, _ = loaded_q3_90
    with ScenarioStore.open(db) as store:
        store.delete(1)
    app.switch_page("pages/plan.py").run()
    assert "deleted since" in _basis(app)
    app.switch_page("pages/scenarios.py").run()
    app.text_input[0].input("Q3 90 again")
    button(app, "Save scenario").click().run()
    assert_clean(app)
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    line = _basis(app)
    assert line.startswith("Built on the saved scenario #2 Q3 90 again · no unsaved changes"), line
    assert "unsaved:" not in line, line


def test_a_change_made_on_the_constraints_page_first_is_said_since_the_previous_plan(db):
    """A RevOps lead opened the Constraints page straight from a bookmark, cut Marketing to
    90 % and went to the Plan page: nothing said what the cut did, where the same cut made
    after a look at the Overview, or an edit made on the Data page, read "Since the previous
    plan: Goal attainment 85.6 % → ...". The Constraints page showed the plan before the
    cut too, so the Plan page says what changed since it."""
    app = open_tab(open_routed("pages/constraints.py"), "Capacity")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(90).run()
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    since = [i.value for i in app.info if "Since the previous plan" in i.value]
    assert len(since) == 1 and md("Goal attainment 85.6 % →") in since[0], since
