"""A VP Sales, new to the app, asks what happens if an AE team is away for three weeks.

She went to Constraints, where the capacity what-ifs are, and found only percentages of
the whole quarter: nothing said that an off-site or a hire from week 6 is a few weeks'
hours on the Data page's Calendar tab, so the question seemed to have no answer.
"""

from __future__ import annotations

from app_pages import CAPACITY, assert_clean, open_routed, open_tab


def test_the_capacity_tab_says_where_a_few_weeks_off_or_a_hire_is_planned():
    """Under the per-team table: a line naming the Calendar tab, and a link to the Data page."""
    app = open_tab(open_routed("pages/constraints.py"), CAPACITY)
    assert_clean(app)
    captions = [c.value for c in app.caption]
    (line,) = [c for c in captions if c.startswith("Some weeks only")]
    assert "off-site" in line and "hire from week 6" in line
    assert "Data page's Calendar tab" in line
    links = {link.proto.page: link.proto.label for link in app.get("page_link")}
    assert links.get("data") == "Change a team's weeks", links
