"""A Data page edit and `planner solve <edited data> --baseline plan.csv` are one re-plan:
the same plan and the same figures, kept close to the plan in force on both."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path

from app_pages import assert_clean, open_routed
from app_server import ROOT

from pages.solving import solve_service
from planner.core.plan_csv import read_plan_csv
from planner.core.writing import folder_zip
from planner.interfaces.cli import main
from planner.scenarios.metrics import plan_metrics


def _cli(*args: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "--json"]) == 0
    return json.loads(out.getvalue())


def _runs(plan) -> set[tuple[str, str, int | None]]:
    return {(a.project_id, a.team_id, a.start_week) for a in plan.assignments}


def test_an_edit_on_the_data_page_and_solve_baseline_give_one_plan(tmp_path: Path):
    """Mid-Market AEs cut to 840 h on the Data page, and the same data given to
    `planner solve --baseline plan.csv` with the plan in force: the same owners and weeks,
    the same projects moved, dropped and added, the same goal attainment."""
    solve_service.clear()
    app = open_routed("pages/data.py")
    in_force = app.session_state["plan_in_force"].result.plan
    teams = app.session_state["problem"].teams
    index = [t.team_id for t in teams].index("mm-ae")
    app.session_state["edit-teams.csv-0"] = {
        "edited_rows": {index: {"capacity_hours": 840.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    _, problem, result = app.session_state["plan_history"][-1]
    assert problem is app.session_state["problem"] and result.plan is not None
    # The plan in force as the CLI writes it, and the page's edited data as its zip.
    baseline = tmp_path / "plan.csv"
    _cli("solve", str(ROOT / "data" / "sample"), "--out", str(baseline))
    assert _runs(read_plan_csv(baseline.read_text(encoding="utf-8"))) == _runs(in_force)
    edited = tmp_path / "edited"
    with zipfile.ZipFile(io.BytesIO(folder_zip(problem))) as archive:
        archive.extractall(edited)
    kept = tmp_path / "kept.csv"
    summary = _cli("solve", str(edited), "--baseline", str(baseline), "--out", str(kept))
    plan = read_plan_csv(kept.read_text(encoding="utf-8"))
    assert _runs(plan) == _runs(result.plan)
    # The same figures: every goal's, the attainment, the hours.
    page = plan_metrics(problem, result.plan).to_json()
    for figure in ("attainment_pct", "goals", "planned_hours_shown", "num_planned"):
        assert summary["metrics"][figure] == page[figure], figure
    # The same changes in the same words, after each one's name for the change.
    line = next(i.value for i in app.info if i.value.startswith("Kept close to the previous"))
    assert summary["num_moved"] + summary["num_dropped"] > 0, "the cut changes nothing"
    page_words = line.replace("\\", "").split("Mid-Market AEs capacity 1,400 h → 840 h: ", 1)[1]
    assert summary["what_changed"] == f"against plan.csv: {page_words}"
