"""Two goals (or teams) the data gives one name keep their own figures in the charts.

A name repeated in its file is refused (SPEC), but a scenario saved before that rule still
loads with it, warned; the charts drew each by its name, so two goals named "Pipeline" (one
"Pipeline " with a trailing space, trimmed on loading) stacked into one bar of 185.8 % of
target on the Plan page, and two teams' bars were drawn on one row. Each chart's label
names one goal or team only. The folder is read as a saved scenario's tables are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_pages import assert_clean, chart_frames, routed_pages
from app_server import ROOT
from app_sessions import open_page
from test_hostile_names_on_pages import renamed

from pages import start
from planner.core.loading import LoadResult, build_problem, read_folder

IDS = {"goal": "goal_id", "team": "team_id"}


@pytest.fixture
def same_names(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "q3"
    shutil.copytree(ROOT / "data" / "sample", folder)
    renamed(folder / "goals.csv", "sqls", "Pipeline")
    renamed(folder / "goals.csv", "pipeline", "Pipeline ")
    renamed(folder / "teams.csv", "mm-ae", "Account Executives")
    renamed(folder / "teams.csv", "ent-ae", "Account Executives ")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setattr(start, "load_with_warnings", _as_saved)
    return folder


def _as_saved(folder: str) -> LoadResult:
    """The folder read as a saved scenario's tables: its repeated names warned, not refused."""
    return build_problem(read_folder(folder), stored=True)


def test_each_chart_label_names_one_goal_or_team(same_names):
    read = 0
    for page in routed_pages():
        app = open_page(page)
        assert_clean(app)
        for frame in chart_frames(app):
            for label, key in IDS.items():
                if label in frame.columns and key in frame.columns:
                    owners = frame.groupby(label)[key].nunique()
                    assert owners.max() == 1, (page, owners[owners > 1].to_dict())
                    read += 1
    assert read, "no chart held a goal or team with its id: the check read nothing"


def test_the_plan_page_filters_by_the_labels_the_charts_draw(same_names):
    """The Goal filter offers "Pipeline (sqls)" and "Pipeline (pipeline)", as the charts
    label them, and picking one keeps that goal's rows only."""
    app = open_page("pages/plan.py")
    (goals,) = [m for m in app.multiselect if m.label == "Goal"]
    assert {"Pipeline (sqls)", "Pipeline (pipeline)"} <= set(goals.options)
    goals.select("Pipeline (sqls)").run()
    assert_clean(app)
    kept = {
        goal_id
        for frame in chart_frames(app)
        if "goal" in frame.columns and "goal_id" in frame.columns
        for goal_id in frame["goal_id"]
    }
    assert kept == {"sqls"}
