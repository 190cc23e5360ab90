"""What the Scenarios page's AppTest tests share: saving the session's plan, another
what-if to save, and the sample's marketing cut kept close to its plan.
"""

from __future__ import annotations

from app_pages import button
from app_server import ROOT
from streamlit.testing.v1 import AppTest

from planner.core.domain import Problem, Result


def save_current(app: AppTest, name: str, note: str = "") -> AppTest:
    app.text_input[0].input(name)
    app.text_area[0].input(note)
    return button(app, "Save scenario").click().run()


def with_sales_at_90(app: AppTest) -> AppTest:
    """The session's inputs with Sales at 90 %: another plan to save (the same one twice is
    not saved again)."""
    from planner.scenarios.whatif import with_capacity

    app.session_state["problem"] = with_capacity(app.session_state["problem"], "sales", 0.9)
    return app.run()


def marketing_cut_kept_close() -> tuple[Problem, Result]:
    """The sample with marketing at 80 %, solved kept close to the sample's plan."""
    from planner.core.loading import load_with_warnings
    from planner.scenarios.relative import solve_relative
    from planner.scenarios.whatif import with_capacity
    from planner.solving.solver import solve

    sample = load_with_warnings(ROOT / "data" / "sample").problem
    base = solve(sample)
    assert base.plan is not None
    cut = with_capacity(sample, "marketing", 0.8)
    kept = solve_relative(cut, base.plan).result
    assert kept.status.value == "feasible"
    return cut, kept
