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


def test_the_calendar_tab_says_how_to_write_a_hire_who_joins_a_team_in_week_6():
    """The VP Sales, sent to the Calendar tab for a new AE joining in week 6, read how to write
    a team that starts late (0 hours before it starts), not one that grows: the caption now
    gives that case too, and where to read the team's usual hours a week."""
    from app_pages import open_routed

    app = open_routed("pages/data.py")
    assert_clean(app)
    (said,) = [
        c.value.replace("\\", "")
        for c in app.caption
        if c.value.startswith("A team's hours in one week")
    ]
    assert "a hire who joins a team in week 6 (a row for weeks 6-13 with the team's usual" in said
    assert "the Plan page's \"A team's weeks\" draws" in said
