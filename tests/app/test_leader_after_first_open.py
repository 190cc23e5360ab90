"""What a CMO and a VP Sales found after the first open: edits, what-ifs, check-ins, odds.

Each test is one step past the first reading (a page after a change, the odds of a
goal, a re-plan) and the figure or word that disagreed or did not read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pages import assert_clean, open_routed


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "planner.duckdb"
    monkeypatch.setenv("PLANNER_DB", str(path))
    return path


def _shown(app) -> list[str]:
    """The page's markdown and captions, as a leader reads them (Markdown escapes gone)."""
    return [e.value.replace("\\", "") for e in (*app.markdown, *app.caption)]


def test_the_odds_say_where_they_come_from_and_what_to_do_about_a_goal_at_low_odds():
    """The Overview's odds read "0 % chance to reach 100,000 website visitors" beside
    "3 %" for MQLs: a VP Sales could not tell a rounding from a goal out of reach, nor
    where the odds came from, nor what to do. The section now says the odds come from
    each project's range, which goals are out of reach (the best case named) and which
    are at low odds.
    """
    app = open_routed("pages/overview.py")
    assert_clean(app)
    shown = _shown(app)
    assert any(t.startswith("Each planned project's impact is a range") for t in shown)
    assert any("simulated quarters" in t for t in shown)
    visitors = next(t for t in shown if t.startswith("- **Grow website traffic"))
    assert "out of reach: 77,000 at most, every project at the top of its range" in visitors
    reach = next(t for t in shown if t.startswith("Out of reach with this plan:"))
    assert "Grow website traffic from our ICP" in reach and "New logos won" in reach
    low = next(t for t in shown if t.startswith("Low odds:"))
    assert "New pipeline created (32 %)" in low
