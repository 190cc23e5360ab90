"""A CMO who never saw the app, on the sample: who does what, and when.

Each test is something they looked for and did not find, or found saying
something else than the page beside it.
"""

from __future__ import annotations

from pathlib import Path

from app_pages import assert_clean, open_routed

from planner.core.loading import load_problem
from planner.core.plan_csv import read_plan_csv
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_the_assignments_say_when_each_project_runs_as_plan_csv_does(tmp_path, monkeypatch):
    """Plan page: "who does what, and when?" The timeline's bars read "QU-02 · Competitive
    battlec…" between week ticks; the Assignments table below named the team, hours and
    value but no week, while plan.csv has each row's start and end week. The table now has
    the weeks each row runs, those of `planner solve`'s plan.csv."""
    monkeypatch.chdir(tmp_path)
    assert main(["solve", str(SAMPLE), "--out", "plan.csv"]) == 0
    sample = load_problem(SAMPLE).problem
    cli_plan = read_plan_csv((tmp_path / "plan.csv").read_text())
    expected = {
        (a.project_id, a.team_id): (
            f"{a.start_week}-{a.end_week}" if a.start_week != a.end_week else f"{a.start_week}"
        )
        for a in cli_plan.assignments
    }

    app = open_routed("pages/plan.py")
    assert_clean(app)
    assigned = app.dataframe[0].value
    names = {t.name: t.team_id for t in sample.teams}
    shown = {
        (row.project_id, names[row.team]): row.weeks for row in assigned.itertuples(index=False)
    }
    assert shown == expected
    assert shown[("AW-01", "content")] == "8-13"  # a project of the sample's second half
