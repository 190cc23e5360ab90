"""A CMO of a 24-team company opens the Plan page: more than a chart or a table can hold.

The timeline cannot hold every team: it shows as many as fit and says they are "those with
the least room left". It took them in the charts' order instead, marketing's first: a
marketing team with hours to spare was drawn while a sales team at its limit was left off.
The projects left out are too many to wrap: their scrolling table put the reason last, past
its edge at 1440 px as at 1024 px.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from app_pages import assert_clean, chart_frames, open_routed, session_problem

from pages.ui import md
from planner.core.generate import generate_folder
from planner.interfaces import charts, plan_frames
from planner.interfaces.week_charts import MAX_TIMELINE_ROWS


@pytest.fixture
def company(monkeypatch, tmp_path):
    """A generated quarter in weeks, 24 teams and 240 projects, solved in at most 3 s."""
    folder = generate_folder(tmp_path / "data", 24, 240, 8, 0, weeks=True)
    settings = folder / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    assert "time_limit_s = 10.0" in text
    settings.write_text(text.replace("time_limit_s = 10.0", "time_limit_s = 3.0"), "utf-8")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    return folder


def test_the_timeline_at_scale_shows_the_teams_with_the_least_room_left(company):
    """Every team on the timeline has no more room left, for its size, than any team of the
    load chart that the timeline leaves out, and the line above it says how many it shows."""
    app = open_routed("pages/plan.py", timeout=180)
    assert_clean(app)
    frames = chart_frames(app)
    (load,) = [f for f in frames if "free_hours" in f and len(f) == 20]
    timeline = pd.concat([f for f in frames if "lane" in f])
    shown = set(timeline["team"])
    assert 0 < len(shown) < len(load)
    said = [c.value for c in app.caption if c.value.startswith("The timeline shows")]
    assert said == [
        md(
            f"The timeline shows {len(shown)} teams (of 24), those with the least room left. "
            "Pick teams above to see others."
        )
    ], said
    room = load.set_index("team")["free_hours"] / load.set_index("team")["limit_hours"]
    drawn = load[load["team"].isin(shown)]["team"]
    left_off = load[~load["team"].isin(shown)]["team"]
    assert room[drawn].max() <= room[left_off].min(), (room[drawn], room[left_off])


def test_the_left_out_table_puts_why_beside_the_project_within_a_1024_px_window(company):
    """The scrolling Left out table (over 30 projects) shows the project, its id, what it
    would add and why it is left out first, and those four columns fit the 766 px of a
    1024 px window's page with the row pickers' 30 px."""
    app = open_routed("pages/plan.py", timeout=180)
    assert_clean(app)
    (table,) = [
        t
        for t in app.dataframe
        if list(t.proto.column_order)[:1] == ["project"] and "reason" in t.proto.column_order
    ]
    order = list(table.proto.column_order)
    assert order[:4] == ["project", "project_id", "value", "reason"], order
    widths = {
        name: config["width"]
        for name, config in json.loads(table.proto.columns).items()
        if name in order[:4]
    }
    assert sum(widths.values()) + 30 <= 766, widths


def test_a_department_under_company_scale_has_a_timeline_as_tall_as_at_scale(company):
    """A CMO of the 24-team company picked Sales: 12 teams, under the 20 the charts hold,
    so the timeline drew every lane of every sales team, some 50 rows of 18 px (at 40 teams
    a department's timeline was 1,805 px tall). It holds as many rows as at company scale,
    the teams with the least room left, and says so."""
    app = open_routed("pages/plan.py", timeout=180)
    (department,) = [m for m in app.multiselect if m.label == "Department"]
    department.set_value(["sales"]).run(timeout=180)
    assert_clean(app)
    frames = chart_frames(app)
    timeline = pd.concat([f for f in frames if "lane" in f])
    assert set(timeline["department"]) == {"sales"}
    assert 0 < timeline["row"].nunique() <= MAX_TIMELINE_ROWS, timeline["row"].nunique()
    shown = timeline["team"].nunique()
    said = [c.value for c in app.caption if c.value.startswith("The timeline shows")]
    assert said == [
        md(
            f"The timeline shows {shown} teams (of 12), those with the least room left. "
            "Pick teams above to see others."
        )
    ], said
    # Its teams are the team chart's top rows: every chart draws the 12 least room left
    # first, as at company scale (in department order, the timeline's first team was the
    # team chart's fourth).
    (load,) = [f for f in frames if "free_hours" in f and len(f) == 12]
    _assert_least_room_first(load, frames)


def test_a_goal_picked_at_scale_charts_its_teams_with_the_least_room_in_the_whole_plan(company):
    """A CMO of the 24-team company picked her goal: the team charts ranked the teams by that
    goal's hours alone and called them "the 20 teams (of 24) with the least room left", so a
    team full of other work with a little of hers came after teams with none of her goal's
    work at all. They show the teams with work in her goal, those with the least room left
    in the whole plan, and say so."""
    from pages.solving import cached_result
    from pages.ui import md

    app = open_routed("pages/plan.py", timeout=180)
    problem = session_problem(app)
    plan = cached_result(problem).plan
    whole = plan_frames.team_load_frame(problem, plan).set_index("team_id")
    room = whole["free_hours"] / whole["limit_hours"]
    labels = charts.goal_labels(problem)
    teams_of = {
        goal_id: {
            a.team_id for a in plan.assignments if problem.project(a.project_id).goal_id == goal_id
        }
        for goal_id in labels
    }
    goal_id = max(teams_of, key=lambda g: len(teams_of[g]))
    working = teams_of[goal_id]
    assert 0 < len(working) < len(problem.teams)
    (goal,) = [m for m in app.multiselect if m.label == "Goal"]
    goal.set_value([labels[goal_id]]).run(timeout=180)
    assert_clean(app)
    (load,) = [f for f in chart_frames(app) if "free_hours" in f and "team_id" in f]
    shown = set(load["team_id"])
    assert shown <= working, shown - working
    assert len(shown) == min(len(working), charts.MAX_CHART_ROWS)
    left_off = working - shown
    if left_off:
        assert room[list(shown)].max() <= room[list(left_off)].min()
    said = [c.value for c in app.caption if c.value.startswith(("The charts below", "No team"))]
    assert said == [md(charts.working_teams_words(len(working)))], said


def _rooms(load: pd.DataFrame) -> pd.Series:
    return (load["free_hours"] / load["limit_hours"]).reset_index(drop=True)


def test_the_charts_at_scale_draw_their_teams_least_room_left_first(company):
    """The caption says the charts show the 20 teams "with the least room left", and the
    timeline drew them so; the team chart and the heatmaps drew them in department order,
    so the timeline's first teams were not the team chart's top rows. Every chart of the 20
    teams draws them least room left first."""
    app = open_routed("pages/plan.py", timeout=180)
    assert_clean(app)
    frames = chart_frames(app)
    (load,) = [f for f in frames if "free_hours" in f and len(f) == charts.MAX_CHART_ROWS]
    assert set(load["department"]) == {"marketing", "sales"}
    _assert_least_room_first(load, frames)


def _assert_least_room_first(load: pd.DataFrame, frames: list[pd.DataFrame]) -> None:
    """The team chart's ``load`` draws its teams least room left first, and every other
    chart of ``frames`` (the heatmaps, the timeline, the weekly load) in its order."""
    room = _rooms(load)
    assert room.is_monotonic_increasing, list(zip(load["team"], room, strict=True))
    order = list(load["team"])
    (heat,) = [f for f in frames if "stage" in f and "hours" in f and "lane" not in f]
    timeline = pd.concat([f for f in frames if "lane" in f])
    week = [f for f in frames if "week" in f and "team" in f and "lane" not in f]
    for drawn in [heat, timeline, *week]:
        teams = list(dict.fromkeys(drawn["team"]))
        assert teams == [t for t in order if t in teams], (teams, order)
    assert list(dict.fromkeys(timeline["team"])) == order[: timeline["team"].nunique()]


def test_marketing_picked_the_team_chart_s_legend_names_marketing_alone(company):
    """A CMO picked Marketing: the team load chart drew only marketing's teams and its
    legend listed Sales too."""
    app = open_routed("pages/plan.py", timeout=180)
    (department,) = [m for m in app.multiselect if m.label == "Department"]
    department.set_value(["marketing"]).run(timeout=180)
    assert_clean(app)
    domains = {}
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        for layer in spec.get("layer", [spec]):
            colour = layer.get("encoding", {}).get("color", {})
            if colour.get("field") == "department" and colour.get("legend") is not None:
                domains[json.dumps(spec.get("title"))] = colour["scale"]["domain"]
    assert any("Team load" in title for title in domains), domains
    assert all(d == ["marketing"] for d in domains.values()), domains


def test_the_timeline_counts_the_teams_it_chooses_from_as_the_charts_above_count_theirs(
    company,
):
    """A team with no project in the plan has no bar on the timeline: at 150 teams, one of
    them idle, the charts said "the 20 teams (of 150)" and the timeline under them "9 teams
    (of 149)", and a VP Sales asked which team had gone. The timeline says whose teams it
    chose from: those with projects in the plan."""
    teams = company / "teams.csv"
    with teams.open("a", encoding="utf-8") as f:
        f.write("IDLE,Idle team,marketing,500,,awareness,\n")
    app = open_routed("pages/plan.py", timeout=180)
    assert_clean(app)
    captions = [c.value for c in app.caption]
    assert any(c.startswith("The charts below show the 20 teams (of 25)") for c in captions)
    frames = chart_frames(app)
    shown = pd.concat([f for f in frames if "lane" in f])["team"].nunique()
    said = [c for c in captions if c.startswith("The timeline shows")]
    assert said == [
        md(
            f"The timeline shows {shown} teams (of the 24 with projects in the plan), those "
            "with the least room left. Pick teams above to see others."
        )
    ], said
