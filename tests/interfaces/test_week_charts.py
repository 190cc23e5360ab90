"""The quarter's weeks on screen: timeline and weekly-load frames, and the Plan page."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
from builders import problem, project, settings, team
from streamlit.testing.v1 import AppTest

from planner.core.domain import Assignment, CalendarRow, Plan, Result, Status
from planner.core.settings import CalendarSettings
from planner.interfaces import charts, plan_frames, week_charts
from planner.interfaces.exports import team_load_sheet, week_load_sheet
from planner.scenarios.metrics import result_metrics

ROOT = Path(__file__).resolve().parents[2]
D = Decimal


def _plan() -> tuple:
    """m1 runs a (weeks 1-2) then b (weeks 3-5, after a) and c (weeks 2-3) beside them."""
    p = problem(
        [team("m1", capacity=1300)],
        [
            project("a", effort=20, duration_weeks=2),
            project("b", effort=30, duration_weeks=3, depends_on=("a",)),
            project("c", effort=20, duration_weeks=2),
        ],
        calendar=[CalendarRow("m1", 4, 4, D(10))],
    )
    plan = Plan(
        (
            Assignment("a", "m1", D(1), D(20), D(1), False, 1, 2),
            Assignment("b", "m1", D(1), D(30), D(1), False, 3, 5),
            Assignment("c", "m1", D(1), D(20), D(1), False, 2, 3),
        )
    )
    return p, plan


def test_timeline_puts_overlapping_projects_on_separate_lanes():
    """c overlaps a and b, so it gets a lane of its own; b follows a on lane 0."""
    p, plan = _plan()
    frame = week_charts.timeline_frame(p, plan).set_index("project_id")
    assert frame.loc["a", "lane"] == frame.loc["b", "lane"] == 0
    assert frame.loc["c", "lane"] == 1
    assert (frame.loc["b", "start"], frame.loc["b", "end"], frame.loc["b", "end_edge"]) == (3, 5, 6)
    assert frame.loc["b", "hours_per_week"] == 10


def test_dependency_links_run_from_the_prerequisites_end_to_the_dependants_start():
    """The link a -> b starts where a's bar ends (week 3's left edge) and ends at b's start."""
    p, plan = _plan()
    links = week_charts.dependency_frame(week_charts.timeline_frame(p, plan))
    assert links[["from_week", "to_week", "label"]].values.tolist() == [[3, 3, "a → b"]]


def test_the_timeline_tooltip_names_a_projects_prerequisites():
    """Hovering the sample's SLA follow-up read "After: LG-04", an id where "Explain a
    project" names 'Trade show presence at SaaStr Annual': the tooltip names them too.
    """
    p, plan = _plan()
    p = p.replace(projects=tuple(replace(q, name=f"Launch {q.project_id}") for q in p.projects))
    frame = week_charts.timeline_frame(p, plan).set_index("project_id")
    assert frame.loc["b", "after_text"] == "'Launch a'" and frame.loc["a", "after_text"] == ""
    spec = week_charts.timeline_chart(p, frame.reset_index(), "goal").to_dict()
    tips = []
    for layer in spec["layer"]:
        tip = layer.get("encoding", {}).get("tooltip", [])
        tips += tip if isinstance(tip, list) else [tip]
    assert {"field": "after_text", "type": "nominal", "title": "After"} in tips
    assert not any(t.get("field") == "after" for t in tips)


def test_week_load_frame_marks_the_week_that_binds():
    """Week 4 has 10 h and b needs 10 h a week: full; the summary names it."""
    p, plan = _plan()
    frame = week_charts.week_load_frame(p, plan)
    week4 = frame[frame["week"] == 4].iloc[0]
    assert (week4["load"], week4["limit"], bool(week4["full"])) == (10, 10, True)
    assert week_charts.binding_summary(frame) == (
        "Full weeks (95 % of the week's hours or more, outlined in red): m1 week 4 (up to 100.0 %)"
    )


def test_a_week_off_reads_off_not_zero_percent_as_plan_xlsx_leaves_it_blank():
    """A week a team has no hours (a calendar row of 0 h: a holiday, an off-site) is off.

    The heatmap and the team's weekly chart labelled it "0.0 %", as a week with hours and
    nothing planned reads, while plan.xlsx's Weekly load sheet leaves its utilisation blank:
    a leader who had just given Content week 1 off on the Data page read it as an idle week.
    """
    p, plan = _plan()
    off = p.replace(calendar=(CalendarRow("m1", 1, 1, D(0)), CalendarRow("m1", 4, 4, D(10))))
    plan = Plan(
        (
            Assignment("a", "m1", D(1), D(20), D(1), False, 2, 3),
            Assignment("b", "m1", D(1), D(30), D(1), False, 4, 6),
            Assignment("c", "m1", D(1), D(20), D(1), False, 2, 3),
        )
    )
    frame = week_charts.week_load_frame(off, plan).set_index("week")
    assert (frame.loc[1, "limit"], frame.loc[1, "utilisation_text"]) == (0, "off")
    assert frame.loc[7, "utilisation_text"] == "0.0 %"  # hours, nothing planned
    sheet = week_load_sheet(off, Result(Status.FEASIBLE, plan, None, None, None, 0.0))
    sheet = sheet.set_index("Week")
    assert pd.isna(sheet.loc[1, "Planned (% of capacity)"])


def test_a_week_is_full_from_95_percent_as_a_team_is_full_over_the_quarter():
    """One meaning of "full" on every chart (plan_frames.FULL): a week at 96 % is outlined, one at
    94 % is not. At 99.9 % the sample's fullest weeks (99.7 and 99.8 %) had no outline while
    the legend promised one."""
    p, plan = _plan()
    for hours, full in ((D("10.4"), True), (D("10.7"), False)):
        roomier = p.replace(calendar=(CalendarRow("m1", 4, 4, hours),))
        week4 = week_charts.week_load_frame(roomier, plan).set_index("week").loc[4]
        assert bool(week4["full"]) is full, (hours, week4["utilisation"])


def _layers(spec: dict) -> dict[str, dict]:
    """A layered Vega-Lite spec's layers by mark type."""
    return {layer["mark"]["type"]: layer for layer in spec["layer"]}


def _rows(spec: dict, layer: dict) -> list[dict]:
    """The data rows a layer draws (its own dataset, else the chart's)."""
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def test_charts_build_for_either_colouring():
    """Goal or stage colouring colours the bars by that field, one bar per assignment, with
    the finish-to-start link beside them; the heatmap colours every team-week by its load.

    A chart whose colour ignored the choice, or that dropped a row, would still render.
    """
    p, plan = _plan()
    frame = week_charts.timeline_frame(p, plan)
    for colour in week_charts.COLOUR_BY:
        spec = week_charts.timeline_chart(p, frame, colour).to_dict()
        layers = _layers(spec)
        assert set(layers) == {"bar", "text", "rule"}
        bars = layers["bar"]
        assert bars["encoding"]["color"]["field"] == colour
        assert sorted(r["project_id"] for r in _rows(spec, bars)) == sorted(
            a.project_id for a in plan.assignments
        )
        assert [r["label"] for r in _rows(spec, layers["rule"])] == ["a → b"]
    load = week_charts.week_load_frame(p, plan)
    heatmap = week_charts.week_load_heatmap(load).to_dict()
    cells, outline = heatmap["layer"][:2]  # the filled cells, then the full weeks' outline
    assert cells["mark"]["type"] == outline["mark"]["type"] == "rect"
    assert cells["encoding"]["color"]["field"] == "utilisation"
    assert len(_rows(heatmap, cells)) == p.num_weeks == len(load)
    team = week_charts.team_week_chart(load, "m1").to_dict()
    assert set(_layers(team)) == {"bar", "tick"}
    # Its red bars are the heatmap's outlined weeks: the subtitle says what red means.
    assert "red: a full week (95 % of its hours or more)" in team["title"]["subtitle"]
    tips = {t["field"] for t in _layers(team)["bar"]["encoding"]["tooltip"]}
    assert "utilisation_text" in tips
    assert len(_rows(team, _layers(team)["bar"])) == p.num_weeks


def test_each_week_s_hours_are_a_dash_over_its_own_bar_the_first_and_last_weeks_too():
    """ "Demand Gen: hours a week" drew the week's hours as a step line from the middle of
    week 1 to the middle of week 13: half of each end bar stood outside it, week 13's bar
    read as past its hours. Each week now has its own dash (a tick per week, over its bar),
    and the subtitle says "dash"."""
    p, plan = _plan()
    load = week_charts.week_load_frame(p, plan)
    team = week_charts.team_week_chart(load, "m1").to_dict()
    dash = _layers(team)["tick"]
    assert dash["encoding"]["y"]["field"] == "limit"
    assert dash["encoding"]["x"]["field"] == "week" and dash["encoding"]["x"]["type"] == "ordinal"
    assert len(_rows(team, dash)) == p.num_weeks
    assert team["title"]["subtitle"].startswith("dash: the week's hours")


def test_a_team_s_weekly_hours_read_in_hours_on_their_axis():
    """ "Demand Gen: hours a week" drew its scale as bare 0, 50, 100 (its rotated "Hours"
    title was taken off: it stood past the chart's edge on a laptop). The labels carry the
    unit, as every page writes hours: "100 h"."""
    p, plan = _plan()
    team = week_charts.team_week_chart(week_charts.week_load_frame(p, plan), "m1").to_dict()
    axis = _layers(team)["bar"]["encoding"]["y"]["axis"]
    assert axis["labelExpr"] == "datum.label + ' h'", axis


def test_plan_page_shows_the_sample_timeline_and_weekly_load():
    """The Plan page draws one bar per assigned (project, team) and every team-week."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    app.switch_page("pages/plan.py").run()
    assert not app.exception, [e.value for e in app.exception]
    frames = []
    for chart in app.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            frames.append(pa.ipc.open_stream(dataset.data.data).read_pandas())
    problem_ = app.session_state["problem"]
    timeline = [f for f in frames if "lane" in f.columns]
    weeks = [f for f in frames if "utilisation" in f.columns and "week" in f.columns]
    assert timeline and set(timeline[0]["project_id"]) <= set(problem_.project_index)
    assert (timeline[0]["start"] <= timeline[0]["end"]).all()
    assert weeks and len(weeks[0]) == len(problem_.teams) * problem_.num_weeks


def test_charts_write_a_load_as_every_page_does_never_100_for_99_9():
    """794 of 800 h reads 99.3 % in the heatmap cell, its tooltip and "Fullest weeks".

    Altair's own ".0%" format rounded 99.9 % up to "100%" beside a caption that
    said 99.9 %: the cells now print text.percent's words.
    """
    p = problem(
        [team("se", department="sales", capacity=1300), team("mk", capacity=1300)],
        [
            project("a", "closing", effort=794, duration_weeks=1),
            project("b", effort=50, duration_weeks=1),
        ],
        calendar=[CalendarRow("se", 1, 1, D(800))],
    )
    plan = Plan(
        (
            Assignment("a", "se", D(1), D(794), D(1), False, 1, 1),
            Assignment("b", "mk", D(1), D(50), D(1), False, 1, 1),
        )
    )
    frame = week_charts.week_load_frame(p, plan)
    week_one = frame[(frame["team_id"] == "se") & (frame["week"] == 1)].iloc[0]
    assert week_one["utilisation_text"] == "99.3 %"
    assert "se week 1 (up to 99.3 %)" in week_charts.binding_summary(frame)
    spec = week_charts.week_load_heatmap(frame).to_dict()
    text_layer = spec["layer"][2]
    assert text_layer["encoding"]["text"]["field"] == "utilisation_text"
    # Marketing first, as in the team load chart, whatever the file order.
    assert list(dict.fromkeys(frame["team_id"])) == ["mk", "se"]


def test_timeline_names_each_bar_and_keeps_the_team_order():
    """A bar reads "a · Project a", not the id alone; the rows keep marketing first.

    The row order is the y scale's explicit domain: with dependency links on
    their own data, Vega-Lite dropped the sort and drew the teams alphabetically.
    """
    p = problem(
        [team("zs", department="sales", capacity=1300), team("am", capacity=1300)],
        [
            project("a", effort=20, duration_weeks=2),
            project("b", "closing", effort=20, duration_weeks=2, depends_on=("a",)),
        ],
    )
    plan = Plan(
        (
            Assignment("a", "am", D(1), D(20), D(1), False, 1, 2),
            Assignment("b", "zs", D(1), D(20), D(1), False, 3, 4),
        )
    )
    frame = week_charts.timeline_frame(p, plan)
    names = {pid: p.project(pid).name for pid in frame["project_id"]}
    # The name first, the id after: "AW-02 · Annual user confe…" led with the id.
    assert list(frame["label"]) == [f"{names[pid]} · {pid}" for pid in frame["project_id"]]
    spec = week_charts.timeline_chart(p, frame).to_dict()
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert bars["encoding"]["y"]["scale"]["domain"] == list(frame["row"])
    assert frame["team"].iloc[0] == p.team("am").name


def test_a_plan_with_no_full_week_has_no_fullest_weeks_to_name():
    """No team reaches 90 % in any week: the summary is empty, not a failed Plan page.

    A light plan (a what-if with much more capacity) broke the Plan page with
    "operation 'sub' not supported for dtype 'str'".
    """
    import pandas as pd

    frame = pd.DataFrame(
        {
            "team": ["Content", "Content", "SDR Team"],
            "week": [1, 2, 1],
            "utilisation": [0.1, 0.5, 0.3],
        }
    )
    assert week_charts.binding_summary(frame) == ""


def _utilisation_frame(weeks_of_team: dict[str, list[float]]):
    import pandas as pd

    return pd.DataFrame(
        [
            {"team": team, "week": week, "utilisation": share}
            for team, shares in weeks_of_team.items()
            for week, share in enumerate(shares, start=1)
        ]
    )


def test_the_full_weeks_name_every_week_outlined_in_red_not_only_the_fullest():
    """A VP Sales asked which of her teams are overloaded and in which weeks.

    The caption under the weekly heatmap read "Customer Success 99.3 % in week 1" for a team
    outlined in red in weeks 1 and 6-13 (97.4 %): only the weeks within half a point of the
    team's peak were named. It also named Sales Engineering at 91 %, a team with no full week.
    """
    frame = _utilisation_frame(
        {
            "Sales Engineering": [0.76, 0.61, 0.61, 0.61, 0.91, 0.91, 0.91, 0.91, 0.52],
            "Enterprise AEs": [0.47, 0.993, 0.993, 0.87, 0.87, 0.87, 0.52, 0.26, 0.87],
            "Customer Success": [0.993, 0.79, 0.79, 0.79, 0.62, 0.974, 0.974, 0.974, 0.974],
        }
    )
    assert week_charts.binding_summary(frame) == (
        "Full weeks (95 % of the week's hours or more, outlined in red): "
        "Customer Success weeks 1 and 6-9 (up to 99.3 %); Enterprise AEs weeks 2-3 (up to 99.3 %)"
    )


def test_without_a_full_week_the_summary_says_so_and_names_the_fullest():
    """90-95 % is busy, not full: the caption says no week is full, then the fullest weeks."""
    frame = _utilisation_frame({"SDR Team": [0.5, 0.93, 0.93], "Content": [0.91, 0.2, 0.2]})
    assert week_charts.binding_summary(frame) == (
        "No week is full (95 % of its hours or more); the fullest: "
        "SDR Team 93.0 % in weeks 2-3; Content 91.0 % in week 1"
    )


def test_past_its_limit_the_full_weeks_say_how_many_more_teams_are_full():
    """At company scale, 150 teams: the sentence names the most loaded and counts the rest."""
    frame = _utilisation_frame({f"Team {n}": [0.96] * n for n in range(1, 5)})
    words = week_charts.binding_summary(frame, limit=2)
    assert words.endswith(
        "Team 4 weeks 1-4 (up to 96.0 %); Team 3 weeks 1-3 (up to 96.0 %); "
        "and 2 more teams (the chart above shows them)"
    )


def test_the_weekly_load_legend_and_the_timeline_s_axis_read_as_the_other_week_charts():
    """The heatmap's legend read "Load / hours" (a ratio a leader had to decode) and the
    timeline's axis "W1 … W13" above a heatmap and a team chart whose week axis reads
    "1 … 13": one quarter, two ways to write its weeks. The legend says what the colour is,
    and every week axis reads the week's number under the title "Week".
    """
    p, plan = _plan()
    heatmap = week_charts.week_load_heatmap(week_charts.week_load_frame(p, plan)).to_dict()
    assert heatmap["layer"][0]["encoding"]["color"]["title"] == "Planned, % of the week's hours"
    # Whole: Vega cuts a legend's title at 180 px ("Planned, % of the week's ho…").
    assert heatmap["layer"][0]["encoding"]["color"]["legend"]["titleLimit"] >= 300
    spec = week_charts.timeline_chart(p, week_charts.timeline_frame(p, plan), "goal").to_dict()
    x = _layers(spec)["bar"]["encoding"]["x"]
    assert x["axis"]["title"] == "Week" and "labelExpr" not in x["axis"]
    # "1 … 13" as the others write them: Vega's own format drew "1.0 2.0 … 13.0".
    assert x["axis"]["format"] == "d"


def test_every_load_tooltip_and_sheet_names_the_share_planned_as_the_overview_does():
    """The weekly charts said "Load" and the team load chart "Utilisation" for planned hours
    over capacity, and plan.xlsx headed its Team load and Weekly load sheets "Utilisation
    (%)", beside the Overview's "Marketing capacity · 84.7 % planned": the planner's word,
    met nowhere else a leader reads. Every tooltip and both sheets now name it as planned,
    in % of capacity."""
    p, plan = _plan()
    frame = week_charts.week_load_frame(p, plan)
    heatmap = week_charts.week_load_heatmap(frame).to_dict()
    team = week_charts.team_week_chart(frame, frame["team"].iloc[0]).to_dict()
    load = charts.team_load_chart(plan_frames.team_load_frame(p, plan)).to_dict()
    for spec in (heatmap, team, load):
        titles = {
            t["field"]: t["title"]
            for layer in spec["layer"]
            for t in layer.get("encoding", {}).get("tooltip", [])
        }
        assert titles["utilisation_text"] == "Planned, % of capacity"
        assert not any("tilisation" in title or title == "Load" for title in titles.values())
    result = Result(Status.FEASIBLE, plan, None, None, None, 0.0)
    for sheet in (week_load_sheet(p, result), team_load_sheet(result_metrics(p, result))):
        assert "Planned (% of capacity)" in sheet.columns
        assert not any("tilisation" in column for column in sheet.columns)


def test_a_weeks_hours_read_as_its_utilisation_does_on_the_chart_and_in_plan_xlsx():
    """The sample's Demand Gen in week 5 read "Planned 106 h · Capacity 108 h · 98.8 %"
    (106 of 108 is 98.1 %), and in week 12 "108 h" of "108 h" at 99.8 %; plan.xlsx's
    Weekly load sheet showed the same whole hours. A week holds about a hundred hours, so
    a whole hour is a point of its utilisation: the week's hours read to a tenth, every
    week (a team's week the same hours week after week), on the heatmap's and the team's
    tooltips and in the sheet, and give the utilisation beside them within a tenth of a point.
    """
    from openpyxl import load_workbook

    from planner.core.loading import load_with_warnings
    from planner.core.shown_figures import percent
    from planner.interfaces.exports import plan_workbook
    from planner.solving.solver import solve

    sample = load_with_warnings(ROOT / "data" / "sample").problem
    result = solve(sample)
    assert result.plan is not None
    frame = week_charts.week_load_frame(sample, result.plan)
    week5 = frame[(frame["team"] == "Demand Gen") & (frame["week"] == 5)].iloc[0]
    assert (week5["load_text"], week5["limit_text"], week5["utilisation_text"]) == (
        "106.4 h",
        "107.7 h",
        "98.8 %",
    )
    # Every week: the hours as shown give the utilisation as shown, within a tenth of a
    # point (whole hours were up to 0.7 pt off), each to a tenth.
    places = set()
    for row in frame.itertuples():
        if row.limit > 0:
            planned = float(row.load_text.removesuffix(" h").replace(",", ""))
            capacity = float(row.limit_text.removesuffix(" h").replace(",", ""))
            shown = float(row.utilisation_text.removesuffix(" %"))
            assert abs(float(percent(100 * planned / capacity)[:-2]) - shown) <= 0.15, row
            places.add(len(row.limit_text.removesuffix(" h").partition(".")[2]))
    assert places == {1}
    pmm = frame[(frame["team"] == "Product Marketing") & (frame["week"] > 1)]
    assert set(pmm["limit_text"]) == {"61.5 h"}
    book = load_workbook(io.BytesIO(plan_workbook(sample, result)))
    rows = list(book["Weekly load"].iter_rows())
    header = [c.value for c in rows[0]]
    planned_at, capacity_at = header.index("Planned (h)"), header.index("Capacity (h)")
    cells = next(
        r for r in rows[1:] if r[0].value == "Demand Gen" and r[header.index("Week")].value == 5
    )
    assert cells[planned_at].number_format.startswith("#,##0.0;")
    assert cells[capacity_at].number_format.startswith("#,##0.0;")
    # The quarter's Team load sheet keeps whole hours, as the cards write them.
    team_rows = list(book["Team load"].iter_rows())
    team_header = [c.value for c in team_rows[0]]
    assert team_rows[1][team_header.index("Planned (h)")].number_format == "#,##0"


def test_a_bars_label_ends_within_its_bar():
    """At 150 teams a two-week bar's label ran on over the next bar's: "P0865 · SEO pillar
    pages f" under "P1834 · Customer story vi…". Each label's width is limited to its bar's
    (its weeks' share of the chart's width, less the label's inset)."""
    p, plan = _plan()
    spec = week_charts.timeline_chart(p, week_charts.timeline_frame(p, plan), "goal").to_dict()
    (text,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    limit = text["mark"].get("limit")
    assert isinstance(limit, dict), text["mark"]
    expr = limit["expr"]
    assert "datum.end_edge - datum.start" in expr and "width" in expr
    assert f"/ {p.num_weeks}" in expr


def test_with_a_first_monday_every_week_axis_reads_the_week_s_date():
    """The sample sets ``first_monday = "2025-06-30"`` "for dates on the charts", yet the
    timeline, the weekly load and a team's weeks read "1 … 13" only: a VP Sales asked which
    week of July week 4 is. Each week axis reads the week's number over its Monday's date
    (4 over 21 Jul), as plan.xlsx's "Week starting" column does; without a first Monday,
    the number alone, as before."""
    import datetime

    p, plan = _plan()
    calendar = replace(p.settings.calendar, first_monday=datetime.date(2025, 6, 30))
    dated = p.replace(settings=p.settings.with_changes(calendar=calendar))
    spec = week_charts.timeline_chart(dated, week_charts.timeline_frame(dated, plan)).to_dict()
    axis = _layers(spec)["bar"]["encoding"]["x"]["axis"]
    assert "['4', '21 Jul']" in axis["labelExpr"] and "['1', '30 Jun']" in axis["labelExpr"]
    assert axis["title"] == "Week (starting Monday)"
    frame = week_charts.week_load_frame(dated, plan)
    for chart in (week_charts.week_load_heatmap(frame), week_charts.team_week_chart(frame, "m1")):
        x = chart.to_dict()["layer"][0]["encoding"]["x"]
        assert "['4', '21 Jul']" in x["axis"]["labelExpr"], x
        assert x["title"] == "Week (starting Monday)"
    # No first Monday: numbers only.
    for chart in (
        week_charts.week_load_heatmap(week_charts.week_load_frame(p, plan)),
        week_charts.team_week_chart(week_charts.week_load_frame(p, plan), "m1"),
    ):
        x = chart.to_dict()["layer"][0]["encoding"]["x"]
        assert "labelExpr" not in x["axis"] and x["title"] == "Week"


def test_the_timeline_s_legend_lists_the_goals_in_the_data_s_order():
    """Coloured by goal, the sample's legend read "Churn saved, Closed-won new ARR,
    Expansion ARR ..." (alphabetical) beside goals tables and charts that all start with
    "Grow website traffic from our ICP": a leader matching colours searched the legend.
    It lists the goals as goals.csv orders them."""
    from planner.core.loading import load_with_warnings
    from planner.solving.solver import solve

    sample = load_with_warnings(ROOT / "data" / "sample").problem
    plan = solve(sample).plan
    spec = week_charts.timeline_chart(
        sample, week_charts.timeline_frame(sample, plan), "goal"
    ).to_dict()
    colour = _layers(spec)["bar"]["encoding"]["color"]
    assert colour["sort"][: len(sample.goals)] == [g.name for g in sample.goals]


def _label_shown(spec: dict, width: float) -> bool:
    """Whether the heatmap's figures are drawn at a chart ``width`` in pixels, as Vega
    evaluates the text layer's opacity test (``width`` is the chart's width signal)."""
    opacity = spec["layer"][2]["encoding"]["opacity"]
    test = opacity["condition"]["test"]
    assert set(test) <= set("width/>=0123456789. "), test  # arithmetic on width alone
    shown = eval(test, {"__builtins__": {}}, {"width": width})  # checked above
    return (opacity["condition"]["value"] if shown else opacity["value"]) > 0


def test_a_long_quarters_weekly_figures_are_drawn_only_where_they_fit():
    """A 52-week quarter on the Plan page wrote "48.0 %" in each of 52 cells of a 940-pixel
    chart, 15 pixels each: the figures ran into one another as one line of unreadable text
    ("0.0 %0.0 %0.0 %17.7 %..."). Each figure is drawn only where a cell is wide enough to
    hold it; the colour and the tooltip keep the figure where it is not."""
    weeks = {13: None, 26: None, 52: None}
    for count in weeks:
        p = problem(
            [team("mk", capacity=40 * count)],
            [project("a", effort=10 * count, duration_weeks=count)],
            settings=settings(calendar=CalendarSettings(weeks=count)),
        )
        plan = Plan((Assignment("a", "mk", D(1), D(10 * count), D(1), False, 1, count),))
        frame = week_charts.week_load_frame(p, plan)
        assert frame["week"].nunique() == count
        weeks[count] = week_charts.week_load_heatmap(frame).to_dict()
    # The Plan page's chart at a 1,400-pixel window is about 940 pixels wide; a laptop's
    # narrower window (1,024) about 600.
    assert _label_shown(weeks[13], 940) and _label_shown(weeks[13], 600)
    assert _label_shown(weeks[26], 1400) and not _label_shown(weeks[26], 600)
    assert not _label_shown(weeks[52], 940)
    assert weeks[52]["layer"][2]["encoding"]["text"]["field"] == "utilisation_text"


def test_no_link_is_drawn_backwards_where_finish_to_start_does_not_apply():
    """A project with weeks depending on one without (the sample's RE-04 on RE-01, which
    runs the whole quarter) may start before its prerequisite ends (SPEC rule 12 orders only
    two projects that both have a duration). The timeline drew the link anyway, from the
    quarter's end back to week 6, under "dashed links: finish to start", as if a rule were
    broken. Only links that run forward in time are drawn; a -> b still is."""
    p, plan = _plan()
    p = p.replace(
        projects=(
            *p.projects,
            project("w", effort=130),  # no duration: the whole quarter
            project("d", effort=20, duration_weeks=2, depends_on=("w",)),
        )
    )
    plan = Plan(
        (
            *plan.assignments,
            Assignment("w", "m1", D(1), D(130), D(1), False, 1, 13),
            Assignment("d", "m1", D(1), D(20), D(1), False, 6, 7),
        )
    )
    frame = week_charts.timeline_frame(p, plan).set_index("project_id")
    assert (frame.loc["w", "end_edge"], frame.loc["d", "start"]) == (14, 6)
    assert frame.loc["d", "after_text"] == "'w'"  # still named in the tooltip
    links = week_charts.dependency_frame(frame.reset_index())
    assert links[["from_week", "to_week", "label"]].values.tolist() == [[3, 3, "a → b"]]


def test_a_bar_s_label_is_cut_once_to_its_bar_with_one_ellipsis():
    """A short bar at 150 teams read "QBR program for Tec…...": the label was cut to 28
    characters in the data, then again to its bar by the chart, two ellipses. The data
    keeps the whole name (first) and id; the chart alone fits it to its bar."""
    name = "QBR program for Technology accounts"
    assert week_charts._bar_label("P0042", name) == f"{name} · P0042"
    assert week_charts._bar_label("QU-01", "Demo") == "Demo · QU-01"
    p = problem([team("am")], [project("a", effort=20, duration_weeks=2)])
    p = replace(p, projects=(replace(p.projects[0], name=name),))
    plan = Plan((Assignment("a", "am", D(1), D(20), D(1), False, 1, 2),))
    frame = week_charts.timeline_frame(p, plan)
    assert list(frame["label"]) == [f"{name} · a"] and "…" not in frame["label"].iloc[0]
    text = _layers(week_charts.timeline_chart(p, frame).to_dict())["text"]
    assert "end_edge - datum.start" in text["mark"]["limit"]["expr"]


def _at(expr: str, container: float) -> float:
    """A Vega ``a < b ? c : d`` expression on ``containerSize()[0]``, evaluated at a
    container ``container`` pixels wide."""
    test, _, choices = expr.replace("containerSize()[0]", str(container)).partition("?")
    yes, _, no = choices.partition(":")
    for part in (test, yes, no):
        assert set(part) <= set("<>-+/*0123456789. "), part  # arithmetic on numbers alone
    return float(eval(yes if eval(test, {"__builtins__": {}}) else no, {"__builtins__": {}}))


def test_on_a_phone_the_timeline_leaves_its_bars_the_width_and_its_legend_fits():
    """At 320 px the team names took 190 px (a limit of 200) and the goals' legend
    (names up to 320 px) ran past the right edge: bars unreadable, goals cut. Both
    limits follow the width the page gives the chart: on a phone the names take under a
    third of it and a goal's name fits in it; on a laptop they are as before."""
    p, plan = _plan()
    spec = week_charts.timeline_chart(p, week_charts.timeline_frame(p, plan), "goal").to_dict()
    lanes = _layers(spec)["bar"]["encoding"]["y"]["axis"]["labelLimit"]["expr"]
    legend = _layers(spec)["bar"]["encoding"]["color"]["legend"]["labelLimit"]["expr"]
    assert _at(lanes, 320) < 320 / 3 and _at(lanes, 1280) == 200
    assert _at(legend, 320) <= 320 - _at(lanes, 320) - 40 and _at(legend, 1280) == 320


def test_the_timeline_says_what_a_dashed_link_means_in_a_leader_s_words():
    """The timeline's subtitle read "dashed links: finish to start", a scheduler's term a
    CMO new to the app could not read; it says what the link means."""
    p = problem(
        [team("am", capacity=1300)],
        [
            project("a", effort=20, duration_weeks=2),
            project("b", effort=20, duration_weeks=2, depends_on=("a",)),
        ],
    )
    plan = Plan(
        (
            Assignment("a", "am", D(1), D(20), D(1), False, 1, 2),
            Assignment("b", "am", D(1), D(20), D(1), False, 3, 4),
        )
    )
    spec = week_charts.timeline_chart(p, week_charts.timeline_frame(p, plan)).to_dict()
    subtitle = spec["title"]["subtitle"]
    assert "finish to start" not in subtitle
    assert "dashed link: a project that must end before the next one starts" in subtitle


def test_the_busiest_weeks_are_those_with_the_most_teams_full_and_none_on_a_tie():
    """Weeks 2 and 3 have two teams full each, week 1 one: the busiest are 2 and 3. A week
    with a single team full, or every week as full as the next, has no week that stands out."""

    def frame(full: dict[str, list[int]]) -> pd.DataFrame:
        rows = [
            {"team": team, "week": week, "full": week in weeks}
            for team, weeks in full.items()
            for week in (1, 2, 3)
        ]
        return pd.DataFrame(rows)

    busy = frame({"a": [1, 2, 3], "b": [2, 3], "c": []})
    assert week_charts.busiest_weeks(busy) == (2, 3)
    assert week_charts.busiest_words(busy, (2, 3)).startswith(
        "Most teams full: weeks 2-3, 2 of the 3 teams at 95 % of the week's hours or more in each"
    )
    assert week_charts.busiest_weeks(frame({"a": [1], "b": [3]})) == ()
    assert week_charts.busiest_weeks(frame({"a": [1, 2, 3], "b": [1, 2, 3]})) == ()
    assert week_charts.busiest_words(busy, ()) == ""
    # The chart says what its red week numbers are, and has none without busiest weeks.
    marked = {**busy.to_dict("list"), "week_date": [""] * len(busy)}
    subtitle = week_charts.week_load_heatmap(pd.DataFrame(marked), (2, 3)).to_dict()["title"]
    assert subtitle["subtitle"].endswith(" · red week number: the most teams full")
    plain = week_charts.week_load_heatmap(pd.DataFrame(marked)).to_dict()["title"]
    assert "red week number" not in plain["subtitle"]


def test_the_timeline_reads_a_projects_hours_a_week_to_a_tenth_as_its_reasons_do():
    """The sample's Intent-data pilot (220 h over weeks 1-7) read "31 h" a week in the
    timeline's tooltip, where the reasons and the weekly load say a week's hours to a tenth
    ("its 31.4 h a week"); every bar of the sample's timeline now reads so."""
    from planner.core.loading import load_with_warnings
    from planner.core.shown_figures import week_hours
    from planner.solving.solver import solve

    sample = load_with_warnings(ROOT / "data" / "sample").problem
    result = solve(sample)
    assert result.plan is not None
    frame = week_charts.timeline_frame(sample, result.plan)
    for row in frame.to_dict("records"):
        assert row["hours_per_week_text"] == week_hours(row["hours"] / row["weeks"]), row
    texts = dict(zip(frame["project_id"], frame["hours_per_week_text"], strict=False))
    assert texts["NU-08"] == "31.4 h"
