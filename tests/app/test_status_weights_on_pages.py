"""The pages' status words say what a plan's distance to the best is measured on, under
the weights in force (planner.core.status_words.measured_on).

Under weights that count the projects' value alone the Data page's kept-close status and
the progress box's summary said "goals weighed by how much each matters", where the
goals' weights count for nothing.
"""

from __future__ import annotations

from dataclasses import replace

from app_pages import assert_clean, grid_edit, open_routed

from pages.solving import solve_service
from pages.ui import ProgressBox
from planner.core.domain import Result, Status
from planner.core.settings import Weights
from planner.core.status_words import WEIGHED_GOALS

VALUE_ONLY = Weights(attainment=0, value=1, balance=0, fit=0)
VALUE_WORDS = "measured on the projects' value in their KPI units"


class _Job:
    time_limit_s = 10.0
    best = None
    progress = None


class _Status:
    """Records the box's collapsed label."""

    def __init__(self) -> None:
        self.labels: list[str] = []

    def update(self, *, label: str, state: str, expanded: bool) -> None:
        self.labels.append(label)


def test_the_progress_box_summary_says_the_value_measure():
    box = ProgressBox("key", _Job(), lambda key: None)  # type: ignore[arg-type]
    status = _Status()
    box._status = status  # type: ignore[assignment]
    result = Result(Status.FEASIBLE, None, objective=1.0, bound=1.0, gap=0.001, runtime_s=2.0)
    box.done(result, keep=True, kept_close=0.005, weights=VALUE_ONLY)
    (label,) = status.labels
    assert VALUE_WORDS in label and "goals weighed" not in label, label
    box.done(result, keep=True, kept_close=0.005)
    assert WEIGHED_GOALS in status.labels[-1]


def test_the_data_pages_kept_close_status_says_the_value_measure():
    solve_service.clear()
    app = open_routed("pages/data.py")
    problem = app.session_state["problem"]
    weights = replace(problem.settings, weights=VALUE_ONLY)
    app.session_state["problem"] = replace(problem, settings=weights)
    app.run()
    teams = app.session_state["problem"].teams
    index = [t.team_id for t in teams].index("brand")
    app.session_state[f"edit-teams.csv-{app.session_state['revision']}"] = grid_edit(
        edited={index: {"capacity_hours": 875.0}}
    )
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    said = " ".join(m.value for m in [*app.success, *app.info, *app.warning]).replace("\\", "")
    assert "Kept close to the previous plan" in said, said
    assert VALUE_WORDS in said and "goals weighed" not in said, said


def test_the_constraints_pages_what_if_status_says_the_value_measure():
    solve_service.clear()
    app = open_routed("pages/constraints.py")
    problem = app.session_state["problem"]
    app.session_state["problem"] = replace(
        problem, settings=replace(problem.settings, weights=VALUE_ONLY)
    )
    app.run()
    (slider,) = [s for s in app.slider if s.label == "Marketing capacity"]
    slider.set_value(80).run()
    assert_clean(app)
    said = " ".join(m.value for m in [*app.success, *app.info, *app.warning]).replace("\\", "")
    assert "Kept close to the previous plan" in said, said
    assert VALUE_WORDS in said and "goals weighed" not in said, said


def test_the_check_in_pages_re_plan_status_says_the_value_measure():
    """The Check-in page's "Re-plan status" is said under the re-plan's own weights: the
    sample's re-plan is proven best, so its words were never read. Under weights that count
    the projects' value alone, a re-plan the clock stopped short says how far from the best
    it may be measured on that value, not on goals weighed by how much each matters."""
    solve_service.clear()
    app = open_routed("pages/checkin.py")
    problem = app.session_state["problem"]
    app.session_state["problem"] = replace(
        problem, settings=replace(problem.settings, weights=VALUE_ONLY)
    )
    app.run()
    app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    made = app.session_state["checkin-replan"]
    assert made["problem"].settings.weights.attainment == 0  # the quarter's, kept
    # The clock stopping short is what a test cannot count on: the same re-plan, said so.
    result = made["result"]
    made["result"] = replace(result, status=Status.FEASIBLE, gap=0.02)
    app.session_state["checkin-replan"] = made
    app.run()
    assert_clean(app)
    (said,) = [m.value.replace("\\", "") for m in app.warning if "Re-plan status" in m.value]
    assert "within 2.0 % of the best possible plan" in said, said
    assert VALUE_WORDS in said and "goals weighed" not in said, said
