"""A CMO and a VP Sales walking the app for the first time: what surprised them."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pages import assert_clean, open_routed

from pages.solving import solve_service


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    """A scenario database of the test's own."""
    path = tmp_path / "scenarios.duckdb"
    monkeypatch.setenv("PLANNER_DB", str(path))
    return path


def test_a_what_if_whose_re_plan_from_scratch_is_the_same_plan_offers_no_other_one(db):
    """Marketing at 95 %: the kept plan is the best plan these settings allow, so a re-plan
    from scratch gives the very same plan. The page still offered "Re-plan from scratch
    instead" ("moves more projects"), and a CMO pressing it saw nothing change. It says
    the two are one plan instead, and offers the button only where they differ (90 %)."""
    solve_service.clear()  # another test may have made another plan the one in force
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(95).run()
    assert_clean(app)
    labels = [b.label for b in app.button]
    assert "Keep this plan" in labels and "Re-plan from scratch instead" not in labels
    said = " ".join(c.value for c in app.caption)
    assert "A re-plan from scratch gives this same plan" in said
    next(s for s in app.slider if s.label == "Marketing capacity").set_value(90).run()
    assert_clean(app)
    assert "Re-plan from scratch instead" in [b.label for b in app.button]
