"""Words a CMO or a VP Sales reads on the pages: plain first, the file's key after.

Each test is a line that stopped a leader on the last walk.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed


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
