"""The spec a page draws: the chart Altair checks, without checking it again every run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from planner import load_problem, solve
from planner.core.uncertainty import goal_odds
from planner.interfaces import charts, odds_charts, plan_frames, week_charts
from planner.interfaces.vega import vega_lite_spec

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample_charts() -> dict[str, object]:
    """Every chart the Overview and Plan pages draw, on the solved sample."""
    problem = load_problem(SAMPLE)
    plan = solve(problem, time_limit_s=10).plan
    assert plan is not None
    load = plan_frames.team_load_frame(problem, plan)
    week_load = week_charts.week_load_frame(problem, plan)
    odds = odds_charts.odds_frame(problem, plan, goal_odds(problem, plan))
    return {
        "team load": charts.team_load_chart(load),
        "department load": charts.department_load_chart(load),
        "stage heatmap": charts.stage_heatmap(
            plan_frames.stage_hours_frame(problem, plan), list(problem.settings.stages.order)
        ),
        "goal attainment": charts.goal_attainment_chart(
            plan_frames.goal_attainment_frame(problem, plan)
        ),
        "goal split": charts.goal_split_chart(plan_frames.goal_effort_frame(problem, plan)),
        "timeline": week_charts.timeline_chart(
            problem, week_charts.timeline_frame(problem, plan), "goal"
        ),
        "week load": week_charts.week_load_heatmap(week_load),
        "a team's weeks": week_charts.team_week_chart(week_load, str(week_load["team"].iloc[0])),
        "odds": odds_charts.odds_chart(odds),
        "side by side": alt.hconcat(
            alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q"),
            alt.Chart(pd.DataFrame({"y": [3]})).mark_point().encode(y="y:Q"),
        ),
    }


def _by_order(spec: dict) -> str:
    """The spec as JSON with dataset names replaced by their order of first appearance."""
    text = json.dumps(spec, sort_keys=True)
    names: list[str] = []
    for found in re.finditer(r'"name": "(data-[0-9a-f]+)"', text):
        if found.group(1) not in names:
            names.append(found.group(1))
    for i, name in enumerate(names):
        text = text.replace(name, f"dataset-{i}")
    return text


def test_the_unchecked_spec_is_the_checked_one_with_its_data_as_frames(sample_charts):
    """Each page chart draws the spec Altair validates (theme "none", as Streamlit draws it)."""
    for title, chart in sample_charts.items():
        with alt.theme.enable("none"):
            checked = chart.to_dict()  # validates against the Vega-Lite schema
        ours = vega_lite_spec(chart)
        records = checked.pop("datasets")
        frames = ours.pop("datasets")
        assert _by_order(ours) == _by_order(checked), title
        assert [len(f) for f in frames.values()] == [len(r) for r in records.values()], title
        for frame, rows in zip(frames.values(), records.values(), strict=True):
            assert isinstance(frame, pd.DataFrame)
            assert all(set(row) <= set(frame.columns) for row in rows), title


def test_a_dataset_name_follows_the_data():
    """New numbers make a new name, so the browser never keeps a chart's old data."""
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    same = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    other = alt.Chart(pd.DataFrame({"x": [1, 3]})).mark_bar().encode(x="x:Q")
    renamed = alt.Chart(pd.DataFrame({"z": [1, 2]})).mark_bar().encode(x="z:Q")
    names = [next(iter(vega_lite_spec(c)["datasets"])) for c in (chart, same, other, renamed)]
    assert names[0] == names[1]
    assert len({names[0], names[2], names[3]}) == 3


def test_cells_pandas_cannot_hash_still_name_the_data_by_its_content():
    """A column of lists (a tooltip's items) is named from its text, not refused."""

    def chart(items: list[list[str]]) -> alt.Chart:
        frame = pd.DataFrame({"x": [1, 2], "items": items})
        return alt.Chart(frame).mark_bar().encode(x="x:Q")

    first = next(iter(vega_lite_spec(chart([["a"], ["b"]]))["datasets"]))
    again = next(iter(vega_lite_spec(chart([["a"], ["b"]]))["datasets"]))
    other = next(iter(vega_lite_spec(chart([["a"], ["c"]]))["datasets"]))
    assert first == again != other


def test_the_default_theme_adds_no_size_of_its_own():
    """Altair's default 300 px view is left out, as Streamlit's own conversion leaves it out."""
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q")
    assert alt.theme.active == "default"
    assert "config" not in vega_lite_spec(chart)
    assert chart.to_dict()["config"]["view"]["continuousHeight"] == 300


def test_the_team_load_spec_made_once_per_team_order_is_the_chart_s_own_spec():
    """A capacity slider move changes the load chart's bars, not its teams: the spec's
    structure is made once per order of the teams (Altair's objects and their conversion
    took 0.03 s of each move's page run), and each what-if's spec is, key for key, the
    spec of its chart built afresh, its own data under its own name."""
    from planner.scenarios.whatif import with_capacity

    problem = load_problem(SAMPLE)
    plan = solve(problem, time_limit_s=10).plan
    assert plan is not None
    drawn = []
    for what_if in (problem, with_capacity(problem, "sales", 0.8)):
        load = plan_frames.team_load_frame(what_if, plan)
        spec = charts.team_load_spec(load)
        fresh = vega_lite_spec(charts.team_load_chart(load))
        frames, fresh_frames = spec.pop("datasets"), fresh.pop("datasets")
        assert json.dumps(spec) == json.dumps(fresh)
        assert list(frames) == list(fresh_frames) and next(iter(frames.values())) is load
        spec["layer"].clear()  # a page that changed the spec it drew changes no later one
        drawn.append(next(iter(frames)))
    assert drawn[0] != drawn[1]  # the what-if's bars under a name of their own
    assert charts.team_load_spec(load)["layer"]
