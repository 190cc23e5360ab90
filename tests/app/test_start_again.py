"""The Data page's way back to the bundled sample, asked first when work would be lost.

A CMO who loaded a scenario, saved one or uploaded data had no way back to the sample but
reloading the browser tab.
"""

from __future__ import annotations

from app_pages import assert_clean, button, grid_edit, open_routed, open_tab, session_problem
from streamlit.testing.v1 import AppTest

from planner.scenarios.kept_work import SAMPLE_SOURCE
from planner.scenarios.storage import ScenarioStore

#: The sample named by its one name, as the sidebar, the basis line and the toast name it.
START = f"Start again from {SAMPLE_SOURCE}"


def _edit_teams(app: AppTest, hours: float) -> AppTest:
    """Set the first team's capacity on the Data page's Teams editor (not yet applied)."""
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": hours}})
    return app.run()


def test_start_again_from_the_sample_asks_first_then_brings_the_sample_back():
    """On the untouched sample there is nothing to go back to (the button is off). After an
    applied edit, the button asks first and names what would be lost; Cancel keeps the edit;
    Yes brings back the sample's inputs, said so on the page."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    sample = session_problem(app)
    assert button(app, START).disabled
    app = _edit_teams(app, 500.0)
    button(app, "Apply edits").click().run()
    edited = session_problem(app)
    assert edited.teams[0].capacity_hours == 500 != sample.teams[0].capacity_hours
    assert not button(app, START).disabled
    button(app, START).click().run()
    assert_clean(app)
    (ask,) = [
        w.value for w in app.warning if "Start again from the bundled sample quarter?" in w.value
    ]
    assert "unsaved changes" in ask and "Scenarios page" in ask, ask
    assert session_problem(app) is edited  # asked, not done
    button(app, "Cancel").click().run()
    assert session_problem(app) is edited
    assert not any("Start again from" in w.value for w in app.warning)
    button(app, START).click().run()
    button(app, "Yes, start again").click().run()
    assert_clean(app)
    assert session_problem(app).teams == sample.teams
    assert any("Built on the bundled sample quarter" in c.value for c in app.caption)
    assert [t.value for t in app.toast] == ["Started again from the bundled sample quarter."]
    assert "no unsaved changes" in " ".join(c.value for c in app.caption)
    assert button(app, START).disabled


def test_unapplied_edits_are_named_before_they_are_lost():
    """A draft on the Data page is lost by starting again: the question names its table."""
    app = open_routed("pages/data.py")
    app = _edit_teams(app, 600.0)
    button(app, START).click().run()
    (ask,) = [
        w.value for w in app.warning if "Start again from the bundled sample quarter?" in w.value
    ]
    assert "unapplied edits in Teams" in ask, ask


def _save(app: AppTest, name: str) -> AppTest:
    """Save the current inputs and plan on the Scenarios page as ``name``."""
    app.switch_page("pages/scenarios.py").run()
    app.text_input(key="save-scenario-name").input(name)
    return button(app, "Save scenario").click().run()


def _cut(app: AppTest, department: str) -> AppTest:
    """A department's capacity cut to 90 % on the Constraints page."""
    app = open_tab(app.switch_page("pages/constraints.py").run(), "Capacity")
    (slider,) = [s for s in app.slider if s.label == f"{department} capacity"]
    return slider.set_value(90).run()


def test_a_save_after_starting_again_is_not_built_on_the_scenario_saved_before(db):
    """Scenario #1 saved (Marketing at 90 %), then Start again from the sample: the page
    read "Built on the bundled sample quarter" while the save form under it still read
    "Built on the saved scenario #1 Q3 90", and the next save, Sales cut on the sample,
    was listed as built on #1. The sample is built on no scenario: neither says so."""
    app = _save(_cut(open_routed("pages/overview.py"), "Marketing"), "Q3 90")
    assert_clean(app)
    app.switch_page("pages/data.py").run()
    button(app, START).click().run()
    if any(b.label == "Yes, start again" for b in app.button):
        button(app, "Yes, start again").click().run()
    assert_clean(app)
    app.switch_page("pages/scenarios.py").run()
    captions = [c.value.replace("\\", "") for c in app.caption]
    assert any(c.startswith("Built on the bundled sample quarter") for c in captions), captions
    assert "Built on the saved scenario #1 Q3 90" not in captions, captions
    app = _save(_cut(app, "Sales"), "Sales 90")
    assert_clean(app)
    with ScenarioStore.open(db) as store:
        assert store.summary(2).parent_id is None
