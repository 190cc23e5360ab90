"""Names a CMO read cut short on a laptop: a goal's, a project's, a team's.

Each test is a table that stopped a leader on the walk at 1280 x 800 and 1024 x 768.
"""

from __future__ import annotations

from app_pages import assert_clean, open_routed


def test_the_overview_goals_table_shows_a_long_goal_name_whole():
    """Overview, "Goals and planned attainment" at 1280 px: "Expansion ARR (net revenue
    reter..." stopped at the Goal column's edge (196 px, some 28 characters: every column
    fits a 1024 px window). The rows are tall enough to wrap the longest name whole,."""
    app = open_routed("pages/overview.py")
    assert_clean(app)
    (goals,) = [d for d in app.dataframe if "Goal" in d.value.columns and "Target" in d.value]
    longest = max(len(g) for g in goals.value["Goal"])
    assert longest > 28  # the sample's "Expansion ARR (net revenue retention)"
    assert goals.proto.row_height > 64  # the grid wraps text only in rows taller than 64 px
    lines = -(-longest // 28)
    assert goals.proto.row_height >= 35 + 20 * (lines - 1)
