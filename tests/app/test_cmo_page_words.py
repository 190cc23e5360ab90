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
