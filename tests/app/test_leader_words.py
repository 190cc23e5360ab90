"""Words a CMO or a VP Sales reads on the pages: plain first, the file's key after.

Each test is a line that stopped a leader on the last walk.
"""

from __future__ import annotations

from app_pages import PRIORITIES, assert_clean, open_routed, open_tab


def test_the_check_in_s_quarter_length_says_why_it_is_fixed_in_plain_words():
    """Check-in, "Weeks in the quarter" (greyed out) said only "The quarter planned in
    weeks has the data's length ([calendar] weeks)": a settings key where a leader asked
    why the box would not change. It says the plan is laid out over the quarter's 13
    weeks, then where the data sets them."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    (box,) = [w for w in app.number_input if w.label == "Weeks in the quarter"]
    assert box.disabled
    assert box.help.startswith("Fixed: the plan is laid out over the quarter's 13 weeks")


def test_the_advanced_panels_name_the_planner_s_ranking_score_not_the_optimizer():
    """The Advanced panel reads "the planner's ranking score", as `planner solve` says it;
    the Constraints page's raw weights were still headed "Advanced: the optimizer's raw
    weights" and the Plan page's project details "Details: the optimizer's arithmetic",
    the machine's name in a leader's view. Every panel's heading names the score."""
    constraints = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    assert_clean(constraints)
    plan = open_routed("pages/plan.py")
    plan.selectbox[-1].set_value("AW-01").run()
    assert_clean(plan)
    labels = [e.label for app in (constraints, plan) for e in app.expander]
    assert "Advanced: the ranking score's raw weights (0 turns a term off)" in labels
    assert "Details: the project's share of the ranking score" in labels
    assert not [label for label in labels if "optimizer" in label.lower()]
