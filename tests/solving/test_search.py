"""The CP-SAT search of a solve: which quarters take which path."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quarters_without_weeks_or_beyond_the_tiny_size_keep_the_warm_start():
    """The tiny path is for quarters in weeks that CP-SAT proves alone: the sample without
    weeks keeps its own path (the small-quarter proof), and so does a 40 x 500 in weeks."""
    from planner.core.generate import generate_instance
    from planner.core.generate_weeks import with_weeks
    from planner.core.loading import load_with_warnings
    from planner.solving.search import is_tiny_in_weeks

    assert not is_tiny_in_weeks(load_with_warnings(ROOT / "data" / "sample-without-weeks").problem)
    assert not is_tiny_in_weeks(with_weeks(generate_instance(40, 500, 8, 0), 0))
