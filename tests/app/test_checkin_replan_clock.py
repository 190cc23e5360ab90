"""The Check-in page's re-plan counts its time limit from the Re-plan click, as
``planner checkin`` counts from the check-in read (docs/SPEC.md): the page's solve runs on
the solve service's worker thread, and its clock starts at the click, not there.
"""

from __future__ import annotations

from typing import Any

from app_pages import assert_clean, open_routed
from checkin_page import lagging, replan

import pages.solving
import planner.scenarios.replan


def test_the_replans_solve_counts_from_the_click_not_from_its_thread(round_one, db, monkeypatch):
    """The moment the page gives the re-plan (``asked_at``) is the one its solve starts its
    clock at (``started``), and it is before the re-plan was called: the rest of the
    quarter's problem, built before the solve, counts against the limit; the work after the
    solve is kept time for at its end."""
    asked: list[float | None] = []
    called: list[float] = []
    started: list[float | None] = []
    kept: list[float] = []
    real_replan, real_solve = planner.scenarios.replan.replan, pages.solving.solve

    def replan_watched(*args: Any, **kwargs: Any) -> Any:
        import time

        called.append(time.perf_counter())
        asked.append(kwargs.get("asked_at"))
        return real_replan(*args, **kwargs)

    def solve_watched(*args: Any, **kwargs: Any) -> Any:
        started.append(kwargs.get("started"))
        kept.append(kwargs.get("_after_s", 0.0))
        return real_solve(*args, **kwargs)

    app = lagging(open_routed("pages/checkin.py"))
    # No re-plan of this check-in kept from another test: its solve runs here.
    pages.solving.solve_service.clear()
    monkeypatch.setattr(planner.scenarios.replan, "replan", replan_watched)
    monkeypatch.setattr(pages.solving, "solve", solve_watched)
    app = replan(app)
    assert_clean(app)
    assert any("The best plan possible" in s.value for s in app.success)
    assert len(asked) == 1 and asked[0] is not None
    assert asked[0] < called[0]
    assert started == [asked[0]]
    # ... and it keeps time for the re-plan's work after it (the changes, the forecasts).
    assert len(kept) == 1 and kept[0] > 0
