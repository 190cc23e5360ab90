"""What a CMO or a VP Sales sees of each page before scrolling.

A leader opening the app asks "what should I do next?". The answer was the
Overview's last section, under the goals table, the odds and the attainment
chart: 1,516 px down in a 1440 x 900 window, 2,084 px at 1024 x 768.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed


def test_the_overview_says_what_to_do_next_right_under_its_figures():
    """The next steps come straight after the headline cards, before the goals table and
    the odds, so that they are on the first screen at 1440 x 900; the odds' advice that
    points to them says they are above."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    headings = [h.value for h in app.subheader]
    assert headings.index("What to do next") < headings.index("Goals and planned attainment")
    steps = next(m.value for m in app.markdown if m.value.startswith("1. "))
    assert "Demand Gen is at capacity" in steps
    # The page escapes its text as Markdown ("next\\, above"): read it as shown.
    shown = [m.value.replace("\\", "") for m in app.markdown]
    advice = [text for text in shown if "What to do next" in text]
    assert advice and all("What to do next, above" in a for a in advice), advice
