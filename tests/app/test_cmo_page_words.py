"""Words a CMO new to the app stumbled on, walking every page at 1280 x 720 (AppTest).

Each test is a place a leader stopped: a file's column name where the page heads it
otherwise, or an analyst's word for something a leader does.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed

from planner.core.editing import HEADINGS
from planner.core.loading import PROJECTS


def test_the_odds_name_the_range_s_columns_as_the_data_page_heads_them(db):
    """ "the Data page's Projects table, columns value_low, value and value_high": the
    Data page heads them "Lowest likely value", "Value (in the goal's KPI unit)" and
    "Highest likely value" now; the Overview names them so."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    said = " ".join(c.value.replace("\\", "") for c in app.caption)
    assert "value_low" not in said and "value_high" not in said
    low, high = HEADINGS[PROJECTS]["value_low"][0], HEADINGS[PROJECTS]["value_high"][0]
    assert f"the Data page's Projects table: {low}, Value and {high}" in said


def test_the_capacity_what_ifs_say_what_they_do_in_a_leader_s_words(db):
    """ "Run the sweep" and "Marginal value of capacity" are an analyst's words: the
    buttons and their lines say what happens ("Plan each step") and what is asked
    ("Where extra hours pay most", as the Overview says it)."""
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    labels = [b.label for b in app.button]
    said = " ".join(m.value for m in app.markdown)
    assert "Plan each step" in labels and "Run the sweep" not in labels
    assert "Where extra hours pay most" in said
    assert "Marginal" not in said and "sweep" not in " ".join(labels).lower()


def test_the_export_s_inputs_say_what_they_are_without_a_file_or_command_name_first(db):
    """ "The CSV files and settings.toml this plan was made from ... (or unzip it for
    `planner solve`)": a CMO stopped at a file name and a command. The line says what the
    inputs are and how to get them back in the app; the command is for an analyst, last."""
    app = open_routed("pages/export.py")
    assert_clean(app)
    (said,) = [m.value for m in app.markdown if "this plan was made from" in m.value]
    assert said.startswith("The data tables and settings this plan was made from.")
    assert "settings.toml" not in said
    assert said.index("Upload the zip on the Data page") < said.index("planner solve")


def test_the_raw_weights_panel_says_what_0_does_without_a_formula_s_word(db):
    """ "(0 turns a term off)": "term" is the formula's word; the panel says a weight of 0
    turns one off."""
    from app_pages import PRIORITIES, open_tab

    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    assert_clean(app)
    labels = [e.label for e in app.expander]
    assert "Advanced: the plan's score, its raw weights (0 turns one off)" in labels
    assert not [label for label in labels if "term" in label.split()]
