"""planner.interfaces.charts: the figures a leader sees, as numbers, and the charts' encodings.

The frames are tested on a toy plan written by hand (no solver): two
marketing teams, one sales team, two goals, one joint project, one
project left out. The charts are tested on what Vega-Lite receives.
"""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal

import pytest
from builders import goal, problem, project, team

from planner.core.domain import Assignment, Plan, Problem, Result, Status
from planner.core.settings import CapacitySettings
from planner.interfaces import charts, plan_frames

D = Decimal


def _result(plan: Plan | None, status: Status = Status.OPTIMAL, gap: float = 0.0) -> Result:
    return Result(status, plan, 1.0 if plan else None, 1.0 if plan else None, gap, 0.1)


def test_team_load_frame_counts_joint_shares_and_scales_capacity(toy, toy_plan):
    """A team's load is its share of joint work; its limit is capacity x multiplier x max use.

    The load chart is the first thing a leader reads after a what-if: the
    bar and the tick must be exactly what the solver was held to.
    """
    frame = plan_frames.team_load_frame(toy, toy_plan).set_index("team_id")
    assert list(frame.index) == ["content", "brand", "aes"]  # marketing first
    assert frame.loc["content", "planned_hours"] == 120  # 80 + 10 + 60 % of 50
    assert frame.loc["aes", "planned_hours"] == 80  # 40 % of 50 + 60
    assert frame.loc["brand", "planned_hours"] == 0
    assert frame.loc["content", "available_hours"] == 300  # 200 x 1.5
    assert frame.loc["content", "limit_hours"] == 150  # ... x 0.5
    assert frame.loc["aes", "limit_hours"] == 50
    # Utilisation is over the capacity in force, the number every page shows.
    assert frame.loc["content", "utilisation"] == pytest.approx(0.8)
    assert frame.loc["content", "free_hours"] == 30
    assert frame.loc["content", "num_projects"] == 3


def test_team_load_frame_without_a_plan_shows_capacity_and_no_load(toy):
    """An infeasible result still shows every team's capacity, with zero planned hours."""
    frame = plan_frames.team_load_frame(toy, None)
    assert len(frame) == 3
    assert frame["planned_hours"].sum() == 0


def test_team_with_no_capacity_has_no_utilisation(toy, toy_plan):
    """Zero capacity (e.g. a 0 % multiplier) gives NaN utilisation, not a division error."""
    cut = toy.replace(
        settings=toy.settings.with_changes(capacity=CapacitySettings(multipliers={"brand": 0}))
    )
    frame = plan_frames.team_load_frame(cut, toy_plan).set_index("team_id")
    assert math.isnan(frame.loc["brand", "utilisation"])


def test_stage_hours_frame_is_a_full_grid(toy, toy_plan):
    """Every team x stage cell is present, so the heatmap shows empty cells too."""
    frame = plan_frames.stage_hours_frame(toy, toy_plan)
    assert len(frame) == 3 * len(toy.settings.stages.order)
    cell = frame[(frame["team_id"] == "content") & (frame["stage"] == "awareness")].iloc[0]
    assert cell["hours"] == 90
    assert cell["num_projects"] == 2
    assert "SEO pages" in cell["projects"]
    assert frame["hours"].sum() == 200


def test_goal_frame_splits_attainment_by_department(toy, toy_plan):
    """A joint project's value counts for each department by its share."""
    frame = plan_frames.goal_frame(toy, toy_plan).set_index("goal_id")
    leads = frame.loc["leads"]
    assert leads["planned_value"] == 400  # 300 + 100 (joint, split 60/40)
    assert leads["marketing_value"] == 360
    assert leads["sales_value"] == 40
    assert leads["attainment"] == pytest.approx(0.8)
    assert leads["proposed_value"] == 600
    assert (leads["num_assigned"], leads["num_projects"]) == (2, 3)
    assert frame.loc["revenue", "attainment"] == 1


def test_goal_attainment_frame_stacks_to_the_goals_attainment(toy, toy_plan):
    """The department bars of one goal add up to its total percentage of target."""
    frame = plan_frames.goal_attainment_frame(toy, toy_plan)
    leads = frame[frame["goal_id"] == "leads"]
    assert leads["percent"].sum() == pytest.approx(80)
    assert list(leads["total_percent"]) == pytest.approx([80, 80])


def _split_goal(marketing: tuple[str, str], sales: tuple[str, str]) -> tuple[Problem, Plan]:
    """One goal of 1,000 MQLs, one project and its (hours, value) for each department."""
    quarter = problem(
        [team("mkt", "marketing", 1000), team("sdr", "sales", 1000)],
        [
            project("a", "awareness", D(marketing[0]), D(marketing[1]), goal_id="mqls"),
            project("c", "closing", D(sales[0]), D(sales[1]), goal_id="mqls"),
        ],
        goals=[goal("mqls", 1000, name="MQLs", kpi="MQLs")],
    )
    plan = Plan(
        (
            Assignment("a", "mkt", D(1), D(marketing[0]), D(marketing[1])),
            Assignment("c", "sdr", D(1), D(sales[0]), D(sales[1])),
        ),
        (),
    )
    return quarter, plan


def test_a_goals_department_parts_read_as_they_add_up_to_the_goal():
    """Marketing's 50.25 % and sales's 45.25 % of one goal read 50.3 % and 45.3 % (95.6 %)
    under "95.5 % in total", and 503 + 453 MQLs under 955: the parts as shown now add up to
    the goal as every page shows it, each within one step of its exact figure."""
    frame = plan_frames.goal_attainment_frame(*_split_goal(("241", "502.5"), ("159", "452.5")))
    assert set(frame["total_text"]) == {"95.5 %"}
    percents = [float(t.removesuffix(" %")) for t in frame["percent_text"]]
    assert sum(percents) == pytest.approx(95.5)
    assert all(abs(p - e) < 0.1 for p, e in zip(percents, frame["percent"], strict=True))
    assert sum(int(t.replace(",", "")) for t in frame["value_text"]) == 955
    # The hours' split of the goal: 241 h and 159 h of 400 h read 60.3 % and 39.8 %, 100.1 %.
    shares = plan_frames.goal_effort_frame(*_split_goal(("241", "502.5"), ("159", "452.5")))
    assert sum(float(t.removesuffix(" %")) for t in shares["share_text"]) == pytest.approx(100)


def test_goal_effort_frame_shares_hours_and_groups_projects_without_goal(toy, toy_plan):
    """Who does the work per goal; work for no goal is shown as '(no goal)'."""
    frame = plan_frames.goal_effort_frame(toy, toy_plan)
    leads = frame[frame["goal"] == "Leads"].set_index("department")
    assert leads.loc["marketing", "hours"] == 110  # 80 + 30
    assert leads.loc["sales", "hours"] == 20
    assert leads["share"].sum() == pytest.approx(1)
    assert plan_frames.NO_GOAL in set(frame["goal"])


def test_assignment_and_unassigned_frames_list_the_plan(toy, toy_plan):
    """One row per (project, team) pair; the left-out project with its reason."""
    assigned = plan_frames.assignments_frame(toy, toy_plan)
    assert len(assigned) == 5
    assert set(assigned.loc[assigned["project_id"] == "close", "status"]) == {"pinned"}
    left = plan_frames.unassigned_frame(toy, toy_plan)
    assert list(left["project_id"]) == ["expo"]
    # A table cell reads as a sentence; the plan's own reason stays as written.
    assert left.iloc[0]["reason"] == "Capacity went to work that scores higher."
    assert toy_plan.unassigned[0].reason.startswith("capacity")


def test_reasons_in_tables_read_as_sentences_and_keep_a_team_s_own_name(toy, toy_plan):
    """The Plan page's Left out table and the Explain panel's "Why not" table showed
    "it depends on ...", "the stage policy gives ..."; each cell now starts with a capital
    and ends with a full stop, while a reason that starts with a team's name keeps it."""
    from dataclasses import replace

    from planner.core.domain import Unassigned

    facts = plan_frames.project_facts(toy, toy_plan, "close")
    for why in facts["excluded"].values():
        assert why[0].isupper() and why.endswith("."), why
    lower = replace(toy.teams[2], name="brand team")
    named = toy.replace(teams=(*toy.teams[:2], lower))
    plan = Plan(toy_plan.assignments, (Unassigned("expo", "brand team has no room left"),))
    assert plan_frames.unassigned_frame(named, plan).iloc[0]["reason"] == (
        "brand team has no room left."
    )


def test_frames_of_an_empty_plan_have_their_columns(toy):
    """With no plan, the tables are empty but keep their columns (the pages filter them)."""
    assert list(plan_frames.assignments_frame(toy, None).columns)[:3] == [
        "project_id",
        "project",
        "goal",
    ]
    assert "reason" in plan_frames.unassigned_frame(toy, None).columns


def test_project_facts_names_owners_and_teams_ruled_out(toy, toy_plan):
    """Explaining a project lists who owns it and why each other team may not."""
    facts = plan_frames.project_facts(toy, toy_plan, "close")
    assert facts["owners"] == {"AEs": 60.0}
    assert "Content" in facts["excluded"]  # closing is sales work
    left = plan_frames.project_facts(toy, toy_plan, "expo")
    assert left["owners"] == {}
    assert left["reason"].startswith("capacity")  # as written: embedded in sentences


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def test_team_load_chart_marks_the_limit_and_colours_departments(toy, toy_plan):
    """Bars coloured by department with a fixed colour each, a tick at the limit, tooltips."""
    spec = charts.team_load_chart(plan_frames.team_load_frame(toy, toy_plan)).to_dict()
    bars, tick = _layers(spec)
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["field"] == "planned_hours"
    colour = bars["encoding"]["color"]
    assert colour["field"] == "department"
    assert colour["scale"]["domain"] == ["marketing", "sales"]
    assert tick["mark"]["type"] == "tick"
    assert tick["encoding"]["x"]["field"] == "limit_hours"
    tooltip_fields = {t["field"] for t in bars["encoding"]["tooltip"]}
    assert {"planned_text", "limit_text", "utilisation_text"} <= tooltip_fields


def test_stage_heatmap_orders_stages_as_the_funnel(toy, toy_plan):
    """Columns follow the funnel order, cells are coloured by hours and carry tooltips."""
    stages = toy.settings.stages.order
    spec = charts.stage_heatmap(plan_frames.stage_hours_frame(toy, toy_plan), stages).to_dict()
    cells, labels = _layers(spec)
    assert cells["encoding"]["x"]["sort"] == list(stages)
    assert cells["mark"]["type"] == "rect"
    assert cells["encoding"]["color"]["field"] == "hours"
    assert cells["encoding"]["tooltip"]
    assert labels["mark"]["type"] == "text"


def test_stage_heatmap_labels_hours_as_every_page_writes_them(toy, toy_plan):
    """A cell of 7.5 h (a joint project's share) read "8" in the heatmap while its tooltip
    and the Plan page's table said 7.5 h: the label rounded with Vega's own ",.0f". The
    labels are text written by planner.core.shown_figures, without the unit the axis title gives.
    """
    frame = plan_frames.stage_hours_frame(toy, toy_plan)
    frame.loc[frame.index[0], "hours"] = 7.5
    frame.loc[frame.index[1], "hours"] = 1240.4
    spec = charts.stage_heatmap(frame, toy.settings.stages.order).to_dict()
    _, labels = _layers(spec)
    assert "format" not in labels["encoding"]["text"]
    field = labels["encoding"]["text"]["field"]
    (rows,) = spec["datasets"].values()
    shown = {row["hours"]: row[field] for row in rows if row["hours"] > 0}
    assert shown[7.5] == "7.5" and shown[1240.4] == "1,240"


def test_goal_charts_stack_by_department_with_a_target_line(toy, toy_plan):
    """Attainment stacks departments against a 100 % rule; the split chart normalises hours."""
    spec = charts.goal_attainment_chart(plan_frames.goal_attainment_frame(toy, toy_plan)).to_dict()
    bars, target = _layers(spec)
    assert bars["encoding"]["x"]["stack"] == "zero"
    assert target["mark"]["type"] == "rule"
    assert bars["encoding"]["tooltip"]
    split = charts.goal_split_chart(plan_frames.goal_effort_frame(toy, toy_plan)).to_dict()
    assert split["encoding"]["x"]["stack"] == "normalize"
    assert split["encoding"]["color"]["field"] == "department"


def test_the_goal_charts_ticks_read_as_percent_as_the_charts_beside_them(toy, toy_plan):
    """On the Plan page the attainment chart's ticks read "0, 10, ... 110" under "% of
    target" beside the split chart's "0 %, 20 %, ..."; both read "80 %" now."""
    spec = charts.goal_attainment_chart(plan_frames.goal_attainment_frame(toy, toy_plan)).to_dict()
    bars, _ = _layers(spec)
    assert bars["encoding"]["x"]["axis"]["labelExpr"] == "datum.value + ' %'"
    split = charts.goal_split_chart(plan_frames.goal_effort_frame(toy, toy_plan)).to_dict()
    assert split["encoding"]["x"]["axis"]["labelExpr"] == charts.PERCENT_LABEL


def test_charts_module_does_not_import_streamlit():
    """planner/ never imports Streamlit: the charts must build in a plain Python process."""
    code = "import sys, planner.interfaces.charts; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_rows_height_keeps_one_row_readable_and_many_under_the_cap():
    """A chart of one goal was a 20-pixel strip under its legend, and one of 300 rows
    would run off the screen: one row gets the minimum height, a few rows their
    preferred step, many rows thinner ones up to the cap.
    """
    assert charts.rows_height(1) == charts.MIN_CHART_HEIGHT
    assert charts.rows_height(0) == charts.MIN_CHART_HEIGHT
    assert charts.rows_height(8, 34) == 8 * 34
    assert charts.rows_height(300) <= charts.MAX_CHART_HEIGHT


def test_no_chart_tooltip_rounds_a_figure_itself(toy, toy_plan):
    """A tooltip with Vega's own number format reads "8" for 7.5 h beside a table's
    "7.5 h": every chart's tooltips show text prepared by planner.core.shown_figures instead.
    """
    frame = plan_frames.team_load_frame(toy, toy_plan)
    specs = [
        charts.team_load_chart(frame).to_dict(),
        charts.department_load_chart(frame).to_dict(),
        charts.stage_heatmap(
            plan_frames.stage_hours_frame(toy, toy_plan), toy.settings.stages.order
        ).to_dict(),
    ]
    for spec in specs:
        for layer in _layers(spec):
            for tip in layer.get("encoding", {}).get("tooltip", []):
                assert "format" not in tip, tip


def test_the_teams_hours_in_teams_csv_have_one_name_on_the_chart_in_plan_xlsx_and_the_shell():
    """The sample's Customer Success read "Capacity 1,181 h · Base capacity 1,200 h" on the
    Plan page's tooltip and plan.xlsx's Team load and Summary, where the card's help and
    `planner solve` call the same 1,200 h and 4,400 h "the teams' own hours" (the name a
    leader understood where "base" had not been): one name everywhere. That name is the
    Data page's heading of the hours a leader types, "Own hours in the quarter": plan.xlsx
    read "Own hours (h, Teams table)" and the shell "the teams' own hours" for them.
    """
    import io
    from pathlib import Path

    from openpyxl import load_workbook

    from planner.core.loading import load_with_warnings
    from planner.interfaces.exports import plan_workbook
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    result = solve(sample)
    assert result.plan is not None
    spec = charts.team_load_chart(plan_frames.team_load_frame(sample, result.plan)).to_dict()
    titles = [t["title"] for t in spec["encoding"]["tooltip"]] if "encoding" in spec else []
    for layer in spec.get("layer", []):
        titles += [t["title"] for t in layer.get("encoding", {}).get("tooltip", [])]
    from planner.core.editing import HEADINGS

    typed = HEADINGS["teams.csv"]["capacity_hours"][0]
    assert typed == "Own hours in the quarter"
    assert typed in titles and not [t for t in titles if "Base" in t], titles
    book = load_workbook(io.BytesIO(plan_workbook(sample, result)))
    headers = [c.value for c in next(book["Team load"].iter_rows())]
    assert f"{typed} (h)" in headers and "Base capacity (h)" not in headers
    assert not [h for h in headers if "Teams table" in str(h)], headers
    figures = [row[0].value for row in book["Summary"].iter_rows()]
    assert "Teams' own hours in the quarter (h)" in figures and "Base capacity (h)" not in figures


def test_the_attainment_chart_has_a_100_percent_tick_at_its_target_line(toy, toy_plan):
    """Half a page wide on the Plan page, the attainment chart's axis read "0 %, 40 %, 80 %"
    beside the dashed target line, and a goal past its target ran off the labelled scale:
    the ticks are every 25 % up to the fullest goal, 100 % among them."""
    frame = plan_frames.goal_attainment_frame(toy, toy_plan)
    bars, _ = _layers(charts.goal_attainment_chart(frame).to_dict())
    ticks = bars["encoding"]["x"]["axis"]["values"]
    assert 100 in ticks and ticks == list(range(0, ticks[-1] + 1, 25))
    assert ticks[-1] >= max(100.0, frame.groupby("goal")["percent"].sum().max())
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, ticks[-1] + charts.TARGET_ROOM]
    over = frame.assign(percent=frame["percent"] * 3)  # a goal at three times its share
    bars, _ = _layers(charts.goal_attainment_chart(over).to_dict())
    assert (
        bars["encoding"]["x"]["axis"]["values"][-1] >= over.groupby("goal")["percent"].sum().max()
    )


def test_the_attainment_chart_s_target_line_sits_inside_its_scale(toy, toy_plan):
    """With no goal past its target the scale ended at 100 %: the dashed target line was the
    plot's right edge, half its stroke cut off (the Plan page at 1024 px). The scale runs on
    past it, whatever the goals' attainment."""
    frame = plan_frames.goal_attainment_frame(toy, toy_plan)
    assert frame.groupby("goal")["percent"].sum().max() <= 100
    for shown in (frame, frame.assign(percent=frame["percent"] * 3)):
        spec = charts.goal_attainment_chart(shown).to_dict()
        bars, target = _layers(spec)
        low, high = bars["encoding"]["x"]["scale"]["domain"]
        assert target["mark"]["type"] == "rule"
        assert spec["datasets"][target["data"]["name"]] == [{"percent": 100.0}]
        assert low < 100 < high and bars["encoding"]["x"]["axis"]["values"][-1] < high


def test_teams_by_room_puts_the_team_that_binds_first_first_whatever_its_department():
    """At company scale the timeline shows as many teams as fit, "those with the least room
    left": it took them in the charts' order (marketing first), so a marketing team with
    room came before a full sales team. The teams come least room first, and the ones
    binding_teams keeps are the first of them."""
    import pandas as pd

    load = pd.DataFrame(
        {
            "team": ["Roomy marketing", "Full sales", "Half sales", "Idle marketing"],
            "free_hours": [80.0, 0.0, 50.0, 10.0],
            "limit_hours": [100.0, 100.0, 100.0, 0.0],
            "utilisation": [0.2, 1.0, 0.5, float("nan")],
        }
    )
    assert charts.teams_by_room(load) == [
        "Full sales",
        "Half sales",
        "Roomy marketing",
        "Idle marketing",
    ]
    kept = charts.binding_teams(load, limit=2)
    assert list(kept["team"]) == ["Full sales", "Half sales"]


def test_the_department_chart_names_its_tick_capacity_and_its_rows_once(toy, toy_plan):
    """At company scale the Plan page opens on "Load by department": its tick read "what its
    teams may plan" under the cards' "Marketing capacity" and over the team chart's "tick =
    capacity", and a legend named its two rows a second time, 291 px for two bars."""
    spec = charts.department_load_chart(plan_frames.team_load_frame(toy, toy_plan)).to_dict()
    assert spec["title"]["subtitle"] == "bar = planned hours, tick = capacity"
    team_spec = charts.team_load_chart(plan_frames.team_load_frame(toy, toy_plan)).to_dict()
    assert team_spec["title"]["subtitle"] == spec["title"]["subtitle"]
    (bars,) = [layer for layer in _layers(spec) if "color" in layer.get("encoding", {})]
    assert bars["encoding"]["color"]["legend"] is None


def test_binding_teams_come_least_room_left_first_as_the_caption_says():
    """At company scale the Plan page's caption says the 20 teams were chosen as "the least
    room left", and the timeline draws them so: the team chart drew them in the load's own
    order, marketing first, so its top rows were not the teams that bind first. Picked by the
    whole plan's room (a goal picked), they come in that order too."""
    import pandas as pd

    load = pd.DataFrame(
        {
            "team_id": ["half_m", "full_s", "roomy_s", "idle_m"],
            "team": ["Half marketing", "Full sales", "Roomy sales", "Idle marketing"],
            "free_hours": [50.0, 0.0, 80.0, 10.0],
            "limit_hours": [100.0, 100.0, 100.0, 0.0],
            "utilisation": [0.5, 1.0, 0.2, float("nan")],
        }
    )
    kept = charts.binding_teams(load, limit=2)
    assert list(kept["team"]) == ["Full sales", "Half marketing"]
    assert list(kept["team"]) == charts.teams_by_room(load)[:2]
    # A goal picked: its hours on the bars, the whole plan's room to rank by.
    whole = load.assign(free_hours=[0.0, 50.0, 80.0, 10.0])
    kept = charts.binding_teams(load, limit=2, ranked=whole)
    assert list(kept["team"]) == ["Half marketing", "Full sales"]
    # The chart draws its rows in its frame's order.
    frame = pd.DataFrame({"team": ["A", "B", "C", "B", "A"], "x": range(5)})
    ordered = charts.in_team_order(frame, ["B", "A"])
    assert list(ordered["team"]) == ["B", "B", "A", "A", "C"]
    assert list(ordered["x"]) == [1, 3, 0, 4, 2]


def test_a_chart_s_department_legend_names_only_the_departments_it_draws(toy, toy_plan):
    """With only Marketing picked in the Plan page's Department filter, the team load chart's
    legend listed Sales too: its colour scale named both departments whatever it drew. Each
    department keeps its own colour."""
    load = plan_frames.team_load_frame(toy, toy_plan)
    marketing = load[load["department"] == "marketing"]
    assert len(marketing) and len(marketing) < len(load)
    for spec in (
        charts.team_load_chart(marketing).to_dict(),
        charts.team_load_spec(marketing),
    ):
        bars, _ = _layers(spec)
        scale = bars["encoding"]["color"]["scale"]
        assert scale["domain"] == ["marketing"], scale
        assert scale["range"] == [charts.DEPARTMENT_COLOURS["marketing"]]
    bars, _ = _layers(charts.team_load_spec(load))
    assert bars["encoding"]["color"]["scale"]["domain"] == ["marketing", "sales"]
    attainment = plan_frames.goal_attainment_frame(toy, toy_plan)
    bars, _ = _layers(
        charts.goal_attainment_chart(attainment[attainment["department"] == "sales"]).to_dict()
    )
    assert bars["encoding"]["color"]["scale"]["domain"] == ["sales"]
    split = plan_frames.goal_effort_frame(toy, toy_plan)
    spec = charts.goal_split_chart(split[split["department"] == "sales"]).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["sales"]
