"""The Overview under its goals: each goal short of its target says what would close its gap
(planner.interfaces.goal_gaps), in the same words as ``planner explain --goal``."""

from __future__ import annotations

import re

from app_pages import SCORE_WORDS, assert_clean
from app_sessions import open_page

from pages.ui import md
from planner.interfaces.goal_gaps import ALONE

GAP = "What would close the gap: "
#: The solver's words besides the score's: none of them on a page a leader reads.
SOLVER_WORDS = re.compile(r"infeasib|\bslack\b|solver|CP-SAT|\bLP\b|\bMIP\b", re.IGNORECASE)


def test_each_goal_short_of_its_target_says_what_would_close_its_gap():
    app = open_page()
    assert_clean(app)
    goals = next(d.value for d in app.dataframe if "Attainment" in d.value.columns)
    short = [md(g) for g, a in zip(goals["Goal"], goals["Attainment"], strict=True) if a < 100]
    labels = [e.label for e in app.expander if e.label.startswith(GAP)]
    # One per goal short of its target, in the goals table's order; a met goal has none.
    assert [label.rpartition(", ")[0] for label in labels] == [GAP + g for g in short]
    assert not [label for label in labels if "Closed-won new ARR" in label]
    (mqls,) = [e for e in app.expander if e.label.startswith(GAP + md("Marketing-qualified"))]
    assert mqls.label == GAP + md("Marketing-qualified leads") + ", " + md("300 MQLs short")
    said = mqls.markdown[0].value
    assert said.startswith(
        "- " + md("'Google Ads restructure for high-intent keywords' (LG-02) would add 380 MQLs")
    )
    assert mqls.markdown[1].value == md(
        "The first alone would add 380 MQLs of the 300 missing, needing about 280 h of Demand Gen."
    )
    assert mqls.caption[0].value == md(ALONE)
    # In a leader's words: no score, points or bounds, in any of them.
    for label in labels:
        (box,) = [e for e in app.expander if e.label == label]
        texts = [m.value for m in box.markdown] + [c.value for c in box.caption]
        assert texts and not [t for t in texts if SCORE_WORDS.search(t) or SOLVER_WORDS.search(t)]
