"""A Data page edit and `planner solve <edited data> --baseline plan.csv` are one re-plan:
the same plan and the same figures, kept close to the current plan on both."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path

from app_pages import assert_clean, grid_edit, open_routed
from app_server import ROOT
from streamlit.testing.v1 import AppTest

from pages.solving import solve_service
from planner.core.plan_csv import read_plan_csv
from planner.core.writing import folder_zip
from planner.interfaces.cli import main
from planner.scenarios.metrics import plan_metrics

SAMPLE = ROOT / "data" / "sample"


def _cli(*args: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "--json"]) == 0
    return json.loads(out.getvalue())


def _runs(plan) -> set[tuple[str, str, int | None]]:
    return {(a.project_id, a.team_id, a.start_week) for a in plan.assignments}


def _edit_on_the_page(table: str, column: str, row_of, value: float):
    """The Data page opened on the sample, one cell of ``table`` set to ``value`` (the row
    ``row_of(problem)``) and applied: the page, and its edited inputs with their plan."""
    solve_service.clear()
    app = open_routed("pages/data.py")
    app.session_state[f"edit-{table}-0"] = grid_edit(
        edited={row_of(app.session_state["problem"]): {column: value}}
    )
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    _, problem, result = app.session_state["plan_history"][-1]
    assert problem is app.session_state["problem"] and result.plan is not None
    return app, problem, result


def _solve_the_edit_on_the_command_line(
    app: AppTest, problem, tmp_path: Path, *extra: str
) -> tuple[dict, object]:
    """The current plan as the CLI writes it, the page's edited data as its zip, and
    `planner solve EDITED --baseline plan.csv` (with ``extra``): its summary and plan."""
    in_force = app.session_state["plan_in_force"].result.plan
    baseline = tmp_path / "plan.csv"
    _cli("solve", str(SAMPLE), "--out", str(baseline))
    assert _runs(read_plan_csv(baseline.read_text(encoding="utf-8"))) == _runs(in_force)
    edited = tmp_path / "edited"
    with zipfile.ZipFile(io.BytesIO(folder_zip(problem))) as archive:
        archive.extractall(edited)
    kept = tmp_path / "kept.csv"
    summary = _cli("solve", str(edited), "--baseline", str(baseline), "--out", str(kept), *extra)
    return summary, read_plan_csv(kept.read_text(encoding="utf-8"))


def _same_figures(summary: dict, problem, plan) -> None:
    page = plan_metrics(problem, plan).to_json()
    for figure in ("attainment_pct", "goals", "planned_hours_shown", "num_planned"):
        assert summary["metrics"][figure] == page[figure], figure


def _page_line(app: AppTest) -> str:
    line = next(i.value for i in app.info if i.value.startswith("Kept close to the previous"))
    return line.replace("\\", "").split("Kept close to the previous plan. ", 1)[1]


def test_an_edit_on_the_data_page_and_solve_baseline_give_one_plan(tmp_path: Path):
    """Mid-Market AEs cut to 840 h on the Data page, and the same data given to
    `planner solve --baseline plan.csv` with the current plan: the same owners and weeks,
    the same projects moved, dropped and added, the same goal attainment."""
    app, problem, result = _edit_on_the_page(
        "teams.csv", "capacity_hours", lambda p: [t.team_id for t in p.teams].index("mm-ae"), 840.0
    )
    summary, plan = _solve_the_edit_on_the_command_line(app, problem, tmp_path)
    assert _runs(plan) == _runs(result.plan)
    # The same figures: every goal's, the attainment, the hours.
    _same_figures(summary, problem, result.plan)
    # The same changes in the same words, after each one's name for the change.
    assert summary["num_moved"] + summary["num_dropped"] > 0, "the cut changes nothing"
    page_words = _page_line(app).split("Mid-Market AEs capacity 1,400 h → 840 h: ", 1)[1]
    assert summary["what_changed"] == f"against plan.csv: {page_words}"


def test_a_goal_target_edited_reads_the_plan_before_on_the_data_it_was_made_on(tmp_path: Path):
    """Website traffic's target 100,000 -> 60,000 on the Data page reads "goal attainment
    85.6 % → 87.5 %": the plan before on the data before. `solve --baseline plan.csv
    --baseline-data <the data before>` says the same words: without the data before, the
    command line had only the plan on the new target ("no project changes", no figures)."""
    app, problem, result = _edit_on_the_page(
        "goals.csv", "target", lambda p: [g.goal_id for g in p.goals].index("visitors"), 60000.0
    )
    summary, plan = _solve_the_edit_on_the_command_line(
        app, problem, tmp_path, "--baseline-data", str(SAMPLE)
    )
    assert _runs(plan) == _runs(result.plan)
    _same_figures(summary, problem, result.plan)
    words = _page_line(app)
    assert "goal attainment 85.6 % → 87.5 %" in words, words
    assert summary["what_changed"] == words
    assert summary["baseline_data"] == str(SAMPLE)


def test_a_goal_target_raised_past_its_projects_says_why_no_project_changes_on_the_page():
    """A CMO raised 'New logos won' to 60 new customers on the Data page and read "no
    project changes" with no why. The page's line says its projects reach 46 at most."""
    app, _, _ = _edit_on_the_page(
        "goals.csv", "target", lambda p: [g.goal_id for g in p.goals].index("new-logos"), 60.0
    )
    words = _page_line(app)
    assert "no project changes (even with every one of its projects in the plan" in words, words
    assert "would reach at most 46 new customers, short of the 60 new customers target" in words
