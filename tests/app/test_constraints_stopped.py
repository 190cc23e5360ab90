"""A plan the leader stops says it was stopped: a what-if on the Constraints page, and the
first plan of the inputs on the Overview and the Plan page.

"Stop and keep the best plan so far", pressed about a second into marketing at 115 % with
changes kept small, left the status reading "Kept close to the previous plan: as few
changes as possible ... (planned in 4.23 s)": no word of the Stop, and the fewest changes
had not been looked for to the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app_pages import assert_clean
from app_sessions import capacity_slider, open_page

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app's pages/ sit next to app.py, outside the package
    sys.path.insert(0, str(ROOT))
import pytest  # noqa: E402

from pages.solving import solve_service  # noqa: E402
from planner import solve  # noqa: E402
from planner.core.status_words import KEPT_CLOSE_WORDS, STOPPED_WORDS  # noqa: E402
from planner.solving.service import SolveService  # noqa: E402


@pytest.fixture(autouse=True)
def _no_stopped_plan_left_behind():
    """The solve service is one per process (st.cache_resource): a plan stopped here would
    be the next test's plan of the same inputs, so each test starts and ends without one."""
    solve_service.clear()
    yield
    solve_service.clear()


def _stop_at_the_first_plan(monkeypatch) -> None:
    """Every solve started from now on is stopped, as the button stops it, as soon as it
    reports its first plan (the what-if's free re-plan, before its fewest changes)."""
    attach = SolveService.attach

    def stopping(self, key, problem, run=None, *, about=""):
        if run is None:  # the first plan of the inputs: a plain solve

            def run(progress, cancel):
                return solve(problem, progress=progress, cancel=cancel)

        def stopped_run(progress, cancel):
            def report(said):
                progress(said)
                if not said.waiting and said.num_solutions >= 1:
                    self.stop(key)

            return run(report, cancel)

        return attach(self, key, problem, stopped_run, about=about)

    monkeypatch.setattr(SolveService, "attach", stopping)


def test_a_stopped_what_if_says_it_was_stopped_and_keeps_its_plan(monkeypatch):
    app = open_page("pages/constraints.py")
    _stop_at_the_first_plan(monkeypatch)
    capacity_slider(app, "marketing").set_value(115).run()
    assert_clean(app)
    statuses = [w.value for w in app.warning if "Plan status" in w.value]
    assert len(statuses) == 1, [w.value for w in app.warning] + [i.value for i in app.info]
    assert STOPPED_WORDS in statuses[0]
    assert KEPT_CLOSE_WORDS not in statuses[0]
    # The sidebar's line says one status with the banner.
    assert any(STOPPED_WORDS in c.value for c in app.sidebar.caption)
    # Drawn again (another click on the page), it still says so.
    app.run()
    assert any(STOPPED_WORDS in w.value for w in app.warning)
    # Kept, it is the plan found, not one kept close to the plan before it.
    next(b for b in app.button if b.label == "Keep this plan").click().run()
    assert_clean(app)
    said = [m.value for m in [*app.warning, *app.info, *app.success] if "Plan status" in m.value]
    assert said and KEPT_CLOSE_WORDS not in said[0], said


def test_a_first_plan_stopped_says_so_on_the_overview_and_the_plan_page(monkeypatch):
    """The first plan of the inputs becomes the plan in force: stopped a second in, the
    Overview and the Plan page read "The best plan found in 4.34 s", no word of the Stop."""
    _stop_at_the_first_plan(monkeypatch)
    app = open_page()
    assert_clean(app)
    assert any(STOPPED_WORDS in w.value for w in app.warning), [w.value for w in app.warning]
    app.switch_page("pages/plan.py").run()
    assert any(STOPPED_WORDS in w.value for w in app.warning), [w.value for w in app.warning]
    assert any(STOPPED_WORDS in c.value for c in app.sidebar.caption)
