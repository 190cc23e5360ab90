"""The Constraints page's raw weights, in a leader's words."""

from __future__ import annotations

from app_pages import PRIORITIES, assert_clean, open_routed, open_tab


def test_the_raw_weights_help_says_no_points(db):
    """Attainment's help read "Goal percentage points reached" and Confidence's "in points x
    the goal's weight": the planner's unit, not a leader's. Each now says % of target and
    chance in %."""
    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    assert_clean(app)
    helps = {n.label: n.help or "" for n in app.number_input}
    assert {"Attainment", "Confidence"} <= set(helps), helps
    assert not [label for label, said in helps.items() if "points" in said], helps
    assert "% of target" in helps["Attainment"]
