"""The Overview's "What would N more hours of a team buy?" under a goal's gap
(pages/gap_hours.py): pressed, it re-plans and answers as ``planner explain --goal
--extra-hours`` does, and saves the what-if as a scenario the Scenarios page lists."""

from __future__ import annotations

from fractions import Fraction

from app_pages import SCORE_WORDS, assert_clean
from app_sessions import open_page
from builders import sample_copy

from pages.ui import md
from planner import load_problem
from planner.scenarios.storage import ScenarioStore

MQLS = "What would close the gap: " + md("Marketing-qualified leads")
ASK = md("What would 280 more hours of Demand Gen buy?")


def test_the_mql_box_re_plans_with_demand_gen_s_hours_and_saves_the_what_if(
    tmp_path, monkeypatch, db
):
    """MQLs' box offers Demand Gen the 280 h of its first left-out project; pressed, it
    re-plans (a status box says when it is done), answers in MQLs in a leader's words, and
    'Save as a scenario' stores its inputs and plan. The sample's limit is cut to 2 s."""
    data = sample_copy(tmp_path)
    settings = data / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("time_limit_s = 10.0", "time_limit_s = 2.0"),
        encoding="utf-8",
    )
    monkeypatch.setenv("PLANNER_DATA", str(data))
    app = open_page()
    assert_clean(app)
    (box,) = [e for e in app.expander if e.label.startswith(MQLS)]
    (hours,) = [n for n in box.number_input if n.label == md("Hours for Demand Gen")]
    assert hours.value == 280
    (ask,) = [b for b in box.button if b.label == ASK]
    ask.click().run()
    assert_clean(app)
    (box,) = [e for e in app.expander if e.label.startswith(MQLS)]
    (status,) = box.status
    assert status.label.startswith("Re-planned in ")
    said = [m.value for m in box.markdown if md("Demand Gen in weeks 1-4") in m.value]
    assert said and said[0].startswith(
        "- " + md("280 more hours of Demand Gen in weeks 1-4: Marketing-qualified leads 2,300 → ")
    )
    assert not SCORE_WORDS.search(said[0])
    (name,) = [t for t in box.text_input if t.label == "Scenario name"]
    assert name.value == "Demand Gen +280 h"  # not "+2.8E+2 h", the box's 280.0 as typed
    name.set_value("Demand Gen contractor")
    (save,) = [b for b in box.button if b.label == "Save as a scenario"]
    save.click().run()
    assert_clean(app)
    (box,) = [e for e in app.expander if e.label.startswith(MQLS)]
    assert [s.value for s in box.success] == [
        "Saved as scenario #1: "
        + md("Demand Gen contractor")
        + ". The Scenarios page compares it with the others."
    ]
    with ScenarioStore.open(db) as store:
        (saved,) = store.list()
        loaded = store.load(saved.scenario_id)
    # The hours are in its inputs: Demand Gen's quarter holds 280 h more (each of weeks 1-4
    # rounded up to the thousandth of an hour).
    assert loaded.name == "Demand Gen contractor" and loaded.plan is not None
    more = loaded.problem.quarter_hours("demand-gen") - load_problem(data).quarter_hours(
        "demand-gen"
    )
    assert 280 <= more < Fraction("280.01")
