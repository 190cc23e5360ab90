"""A CMO and a VP Sales walking the app for the first time: what surprised them."""

from __future__ import annotations

import pytest
from app_pages import assert_clean, open_routed

from pages.solving import solve_service
from pages.ui import md


def test_a_what_if_whose_re_plan_from_scratch_is_the_same_plan_offers_no_other_one(db):
    """Marketing at 95 %: the kept plan is the best plan these settings allow, so a re-plan
    from scratch gives the same owners and goal attainment. The page still offered "Re-plan
    from scratch instead" ("moves more projects"), and a CMO pressing it saw nothing change.
    It says what the two share instead, and offers the button only where they differ (90 %)."""
    solve_service.clear()  # another test may have made another plan the one in force
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(95).run()
    assert_clean(app)
    labels = [b.label for b in app.button]
    assert "Keep this plan" in labels and "Re-plan from scratch instead" not in labels
    said = " ".join(c.value for c in app.caption)
    # Shown literally: the sentence names projects, as the data writes them.
    assert md("A re-plan from scratch gives the same owners and goal attainment") in said
    next(s for s in app.slider if s.label == "Marketing capacity").set_value(90).run()
    assert_clean(app)
    assert "Re-plan from scratch instead" in [b.label for b in app.button]


@pytest.mark.parametrize(
    ("data", "weekly"), [("data/sample", True), ("data/sample-without-weeks", False)]
)
def test_the_export_page_names_every_sheet_of_the_workbook(data, weekly, db, monkeypatch):
    """Export said the workbook "adds the goals with their planned attainment, each team's
    load against its capacity and the projects left out": a VP Sales who opened it found a
    Summary first, the odds in Goals, and a Weekly load sheet the page never mentioned. It
    names each sheet, the weekly one only when the quarter is planned in weeks."""
    monkeypatch.setenv("PLANNER_DATA", data)
    solve_service.clear()
    app = open_routed("pages/export.py")
    assert_clean(app)
    text = " ".join(m.value for m in app.markdown)
    assert "Summary" in text and "odds" in text and "Left out" in text
    assert ("Weekly load" in text) is weekly


def test_the_check_in_s_next_step_compares_the_saved_check_in_rather_than_saving_again(db):
    """Check-in ended with "Next: Save it as a scenario and compare", under its own "Save as
    a child of the baseline". A VP Sales who followed it landed on Scenarios, whose save
    saves this session's plan, not the re-plan they had just made. The link says what
    the Scenarios page does for a check-in: compare it with its baseline."""
    app = open_routed("pages/checkin.py")
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    links = {link.proto.page: link.proto.label for link in app.get("page_link")}
    assert links["scenarios"] == "Compare a saved check-in with the plan it checked in on"
    assert not any(label.startswith("Save") for label in links.values())


def test_the_check_in_forecast_leads_with_each_goal_s_percent_of_target(db):
    """At 1,024 px with the sidebar open, "Each goal at the end of the quarter" showed
    Goal, KPI, So far, Re-plan adds and Forecast: the % of target and "If we carry on", the
    two figures a VP Sales reads it for, were behind a scroll bar. They come right after
    the goal, as the Overview's goals table puts Attainment and Chance before the KPI."""
    app = open_routed("pages/checkin.py")
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    (table,) = [d for d in app.dataframe if "percent" in d.value.columns and "baseline" in d.value]
    order = list(table.proto.column_order)
    assert order[:3] == ["goal", "percent", "baseline"]
    assert order.index("achieved") < order.index("still_to_come") < order.index("forecast")
