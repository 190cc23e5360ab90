"""The Scenarios page through AppTest: the capacity sweep and the ranking of where extra hours
pay most, each as the command line gives it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from app_pages import assert_clean, button, chart_frames, open_routed
from scenarios_page import marketing_cut_kept_close
from streamlit.testing.v1 import AppTest

from pages.ui import SCENARIOS_VIEW, md
from planner.core.domain import Problem
from planner.core.shown_figures import hours
from planner.scenarios.storage import ScenarioStore


def _swept(steps: int, span: tuple[int, int] | None = None) -> AppTest:
    """The Scenarios page's sweep of marketing's capacity in ``steps`` steps over ``span``
    (% of it; the page's own range when not given), planned and drawn without an error."""
    app = open_routed("pages/scenarios.py")
    # Its tab open, as a leader's click leaves it: a closed tab's charts are not sent.
    app.query_params[SCENARIOS_VIEW] = "Capacity what-ifs"
    app = app.run()
    app.selectbox(key="sweep-target").set_value("marketing")
    if span is not None:
        app.slider(key="sweep-range").set_value(span)
    app.number_input(key="sweep-steps").set_value(steps)
    app = button(app, "Plan each step").click().run()
    assert_clean(app)
    return app


def test_steps_typed_out_of_range_are_refused_in_words(db):
    """20 steps typed (the page plans 2 to 15): the box's own bounds kept 20 on screen in red
    and never sent it, so "Plan each step" planned 7 steps beside a box reading 20. The value
    reaches the page, which says what to give, and offers no plan until it is in range."""
    app = open_routed("pages/scenarios.py")
    app.query_params[SCENARIOS_VIEW] = "Capacity what-ifs"
    app = app.run()
    for typed in (20, 1):
        app.number_input(key="sweep-steps").set_value(typed)
        app = app.run()
        assert_clean(app)
        said = [e.value for e in app.error]
        assert md(f"Steps: {typed} is out of range; use a whole number from 2 to 15.") in said
        assert not [b for b in app.button if b.label == "Plan each step"]


def test_sweep_and_marginal_value_chart_on_the_sample(db):
    """'What if marketing had more or less capacity?' answered on screen, never worse with more."""
    app = _swept(3, (80, 120))
    sweep = next(f for f in chart_frames(app) if "capacity_pct" in f.columns)
    assert list(sweep["capacity_pct"]) == [80, 100, 120]
    assert list(sweep["status"]) == ["optimal"] * 3
    assert list(sweep["objective"]) == sorted(sweep["objective"])
    # The table's hours have thousands separators (3,850 h, not 3850), the outcome is words.
    assert list(sweep["capacity_text"]) == [hours(h) for h in sweep["capacity_hours"]]
    assert list(sweep["status_words"]) == ["The best plan possible"] * 3
    # The department as every chart names it: "Marketing capacity", not "marketing capacity".
    # Of the plan it scales, as "% of this scenario's" under a saved one: "today" named none.
    spec = next(c.proto.spec for c in app.get("vega_lite_chart") if "capacity (%" in c.proto.spec)
    assert "Marketing capacity (% of the current plan's)" in spec, spec
    assert "marketing capacity" not in spec and "today" not in spec
    assert app.slider(key="sweep-range").label == "Capacity range (% of the current plan's)"
    # The legend lists the outcomes the sweep had: three optimal dots, one entry (four
    # entries, "No plan found in time" among them, read as if some plans had failed).
    assert _colour_domains(spec) == [["The best plan possible"]] * 2

    app = button(app, "Rank the teams").click().run()
    assert_clean(app)
    ranked = next(f for f in chart_frames(app) if "gain_per_100_hours" in f.columns)
    assert len(ranked) == 10
    assert list(ranked["gain"]) == sorted(ranked["gain"], reverse=True)
    assert (ranked["gain"] >= -1e-9).all()
    assert any("pays most" in s.value for s in app.success)
    _check_why_no_sales_team_gains(app, ranked)
    # The numbers under Advanced read in words: headings, hours and points as the page
    # writes them ("59 h", "+1.0 pts"), not the frame's columns ("extra_hours 59.0746").
    numbers = next(d for d in app.dataframe if "gain_per_100_hours" in d.value.columns)
    config = json.loads(numbers.proto.columns)
    shown = list(numbers.proto.column_order)
    labels = [config[c]["label"] for c in shown]
    assert labels == [
        "Rank",
        "Team",
        "Department",
        "Extra hours (+10 %)",
        "Goal attainment gained",
        "Score gain",
        "Per 100 h",
    ]
    # One outcome for every team is said once above the table, not in a column that ran
    # out of sight (tests/app/test_narrow_window.py).
    assert any(c.value == "Outcome, for every team: The best plan possible." for c in app.caption)
    assert config["gain_per_100_hours"]["help"] == "The score gain for each 100 extra hours"
    # In the words of `planner scenarios marginal`'s "score gain", not "the optimizer's".
    said = config["gain"]["help"]
    assert said.startswith("What the plan's score gains"), said
    assert "optimizer" not in said
    first = numbers.value.iloc[0]
    assert first["extra_text"].endswith(" h") and first["attainment_text"].endswith(" pts")
    assert first["department_words"] in ("Marketing", "Sales")
    # A handful of ticks on the gains axis, not one every 0.1 point across a wide page.
    spec = next(c.proto.spec for c in app.get("vega_lite_chart") if "pays most" in c.proto.spec)
    (axis,) = [e["axis"] for e in _encodings(json.loads(spec), "x") if "axis" in e]
    assert axis["tickCount"] <= 6


def _check_why_no_sales_team_gains(app: AppTest, ranked: pd.DataFrame) -> None:
    """A VP Sales read the chart's sales bars at 0 with no word why: a sentence says it, in
    the chart's extra hours and the Plan page's left-out reasons' hours a week."""
    import re

    from planner.solving.solver import solve

    (line,) = [m.value.replace("\\", "") for m in app.markdown if "No sales team" in m.value]
    assert line.startswith("No sales team gains from 10 % more: "), line
    found = re.search(
        r"\((.+?) needs (\S+ h) a week for \d+ weeks; (.+?) would get (\S+ h) more", line
    )
    assert found is not None, line
    project_name, a_week, team_name, extra = found.groups()
    sales = ranked[ranked["department"] == "sales"]
    assert (sales["attainment_points"] == 0).all()
    assert extra == sales.set_index("team")["extra_text"][team_name]
    problem: Problem = app.session_state["problem"]
    plan = solve(problem).plan
    assert plan is not None
    (left_out,) = [u for u in plan.unassigned if problem.project(u.project_id).name == project_name]
    assert f"{team_name} has no room for its {a_week} a week" in left_out.reason, left_out


def _quarter_with_limit(tmp_path: Path, monkeypatch, seconds: float) -> Path:
    """The sample with its time limit set to ``seconds``, opened by the app."""
    import shutil

    data = tmp_path / "quarter"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "sample", data)
    settings = data / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "time_limit_s = 10.0", f"time_limit_s = {seconds:.1f}"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("PLANNER_DATA", str(data))
    return data


def _point_limits(monkeypatch) -> list[float]:
    """Each sweep point's time limit, in the order the points are made."""
    from planner.scenarios import whatif

    limits: list[float] = []
    made = whatif._point_problem

    def point(problem: Problem, time_limit_s: float) -> Problem:
        limits.append(time_limit_s)
        return made(problem, time_limit_s)

    monkeypatch.setattr(whatif, "_point_problem", point)
    return limits


def test_a_sweep_point_has_the_settings_time_limit_as_on_the_command_line(
    db, tmp_path, monkeypatch
):
    """The app gave each sweep point at most 10 s where ``planner scenarios sweep`` gives it
    the settings' time limit: a quarter set to 30 s had its points cut to 10 s on the
    page alone. Both now follow solve_all's one rule (the settings' limit, cut to fit the
    whole sweep in its budget), and the page passes no cap of its own."""
    _quarter_with_limit(tmp_path, monkeypatch, 30.0)
    limits = _point_limits(monkeypatch)
    _swept(2)
    # Two points in the sweep's budget: each keeps the settings' 30 s.
    assert limits == [30.0, 30.0]


def test_the_app_and_the_command_line_give_a_sweep_the_same_budget(
    db, tmp_path, monkeypatch, capsys
):
    """The app's sweep had 60 s for all its points and ``planner scenarios sweep`` 120 s:
    on a quarter whose points need their time (here 50 s each, seven points on two cores)
    the app cut each point's limit to half the command line's, so the same sweep could
    read differently in the two. One budget now (whatif.SWEEP_BUDGET_S)."""
    from planner.interfaces.cli import main
    from planner.scenarios import whatif

    data = _quarter_with_limit(tmp_path, monkeypatch, 50.0)
    monkeypatch.setattr(whatif, "default_workers", lambda: 2)
    limits = _point_limits(monkeypatch)
    _swept(7)
    in_the_app, limits[:] = list(limits), []
    argv = ["scenarios", "sweep", str(data), "--target", "marketing", "--steps", "7", "--json"]
    assert main(argv) == 0
    capsys.readouterr()
    # Seven points, two at a time: four rounds of 30 s in 120 s, in both.
    assert in_the_app == limits == [30.0] * 7


def _encodings(node: object, channel: str) -> list[dict]:
    """Every ``channel`` encoding anywhere in a Vega-Lite spec."""
    found: list[dict] = []
    if isinstance(node, dict):
        encoding = node.get("encoding")
        if isinstance(encoding, dict) and isinstance(encoding.get(channel), dict):
            found.append(encoding[channel])
        for value in node.values():
            found += _encodings(value, channel)
    elif isinstance(node, list):
        for value in node:
            found += _encodings(value, channel)
    return found


def _colour_domains(spec: str) -> list[list[str]]:
    return [e["scale"]["domain"] for e in _encodings(json.loads(spec), "color") if "scale" in e]


def test_the_sweep_table_counts_changes_and_added_projects_as_the_command_line_does(db, capsys):
    """`planner scenarios sweep data/sample --target marketing` lists, per point, the
    projects of the current plan moved or dropped ("changes") and the projects added; the
    app's table, the same sweep against the same plan, had neither column. A VP reading
    both could not tell how much of the plan each capacity would upset."""
    from planner.interfaces.cli import main

    app = _swept(3, (80, 120))
    table = next(d for d in app.dataframe if "capacity_text" in d.value.columns)
    config = json.loads(table.proto.columns)
    shown = list(table.proto.column_order)
    assert [config[c]["label"] for c in shown if c in ("changes", "added")] == [
        "Changes",
        "Added",
    ]
    app_rows = [
        [f"{row.capacity_pct:g} %", row.capacity_text, str(row.changes), str(row.added)]
        for row in table.value.itertuples()
    ]
    sample = str(Path(__file__).resolve().parents[2] / "data" / "sample")
    argv = ["scenarios", "sweep", sample, "--target", "marketing", "--from", "0.8"]
    assert main([*argv, "--to", "1.2", "--steps", "3"]) == 0
    printed = capsys.readouterr().out.splitlines()
    head = next(i for i, line in enumerate(printed) if line.startswith("capacity"))
    cli_rows = [[*line.split()[:4], *line.split()[-2:]] for line in printed[head + 1 :]]
    assert [[r[0] + " " + r[1], r[2] + " " + r[3], r[4], r[5]] for r in cli_rows] == app_rows
    assert app_rows[1][2:] == ["0", "0"]  # today's capacity changes nothing


def test_the_overview_names_the_team_the_ranking_finds_extra_hours_pay_most_in(db):
    """A CMO read "Demand Gen is at capacity while 18 projects wait" on the Overview and
    "Extra capacity pays most in Marketing Ops" on this page: two answers to where to give
    hours. Once the teams are ranked, the Overview's step on full teams names the ranking's
    team in the same words, and says a full team is not the same as where hours pay most."""
    app = open_routed("pages/scenarios.py")
    app = button(app, "Rank the teams").click().run()
    assert_clean(app)
    (said,) = [s.value for s in app.success if "pays most" in s.value]
    best = said.split("**")[1]
    gain = said.split("**: ")[1].rstrip(".")
    # The sales teams wait for room too: the Overview says the page's line on them as well
    # (it named Marketing's team alone).
    (sales,) = [m.value.replace("\\", "") for m in app.markdown if "No sales team" in m.value]
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    text = " ".join(m.value for m in app.markdown).replace("\\", "")  # md() escapes
    assert "at capacity while" in text
    assert f"pay most in {best} ({gain}, the Scenarios page's ranking)" in text, text
    assert f"{sales[:-1]} (the Scenarios page's ranking)." in text, text


def test_the_ranking_of_a_plan_kept_close_measures_each_gain_as_the_command_line_does(db):
    """Marketing -20 % loaded, kept close to the sample's plan (76.9 %; afresh 77.2 %):
    "Rank the teams" gave every team, the sales teams whose hours stay unused among them,
    +0.3 pts, each team planned afresh and measured from the plan kept close. The gains
    are measured from the base planned as each team is, and the page says so in the words
    `planner scenarios marginal` prints."""
    from planner.interfaces.next_steps import measured_from_words
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.whatif import marginal_values

    cut, kept = marketing_cut_kept_close()
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(cut, kept, "Marketing -20%"))
    app = button(open_routed("pages/scenarios.py"), "Load into the planner").click().run()
    app.query_params[SCENARIOS_VIEW] = "Capacity what-ifs"  # its tab open: its chart sent
    app = button(app.run(), "Rank the teams").click().run()
    assert_clean(app)
    ranked = next(f for f in chart_frames(app) if "gain_per_100_hours" in f.columns)
    numbers = next(d for d in app.dataframe if "gain_per_100_hours" in d.value.columns).value
    assert min(numbers["attainment_points"]) == 0.0, numbers  # unused hours add nothing
    assert len(ranked) >= 1
    report = marginal_values(cut, 0.10, base=kept, baseline=kept.plan)
    said = measured_from_words(report)
    assert said is not None and said.startswith("each team's gain is measured from this plan")
    captions = [c.value.replace("\\", "") for c in app.caption]
    assert f"E{said[1:]}." in captions, captions


def test_a_sweep_step_without_a_plan_says_its_fix_in_the_data_page_s_words(db):
    """Marketing at 30 % of the sample has no plan, and the sweep table's note named files
    and columns a leader never sees: "Give it more weeks (duration_weeks) ... give its team
    more hours in those weeks (calendar.csv)". The app says them as its status banner does
    (the Data page's tables); ``planner scenarios sweep`` keeps the file names."""
    from planner.explain import for_reader

    app = _swept(2, (30, 35))
    table = next(d for d in app.dataframe if "capacity_text" in d.value.columns)
    notes = [str(n) for n in table.value["note"]]
    assert notes and all(n.startswith("no plan: ") for n in notes), notes
    said = " ".join(notes)
    for word in ("duration_weeks", "earliest_week", "due_week", ".csv"):
        assert word not in said, said
    assert "(the team's weeks on the Data page's Calendar table)" in said, said
    # The banner's words, one sentence for both: the CLI's with its places as the app says them.
    points = app.session_state["scenario_sweep"][1]
    assert notes == [for_reader(p.note, "app") for p in points]
    assert any("(calendar.csv)" in p.note for p in points)


def test_a_point_showing_a_smaller_capacity_s_plan_is_said_in_a_leader_s_words(db, monkeypatch):
    """Where a point's plan ran out of time with a worse plan than a point with less
    capacity, the caption under the sweep said "Where a solve ran out of time": the solver's
    word, beside a progress bar that now reads "Planning ... planned"."""
    from dataclasses import replace

    import pages.scenario_capacity as capacity
    from planner.scenarios import whatif

    def carried(*args, **kwargs):
        points = whatif.sweep(*args, **kwargs)
        return [*points[:-1], replace(points[-1], carried_from=points[0].factor)]

    monkeypatch.setattr(capacity, "sweep", carried)
    app = _swept(2, (80, 120))
    (said,) = [c.value for c in app.caption if "that plan is shown instead" in c.value]
    assert "solve" not in said.lower(), said


def test_levels_the_budget_cut_short_are_counted_under_the_table_as_the_command_line_does(
    db, monkeypatch
):
    """Each row of a level whose search the sweep's time budget ended says so; the command
    line also counts them under its table ("4 of 4 capacity levels were cut short ...") and
    the page did not: it says it the same, with its own fix."""
    from dataclasses import replace

    import pages.scenario_capacity as capacity
    from planner.scenarios import whatif

    def cut(*args, **kwargs):  # the budget ended every level's search before its best
        return [replace(p, cut_by_budget=True) for p in whatif.sweep(*args, **kwargs)]

    monkeypatch.setattr(capacity, "sweep", cut)
    app = _swept(2, (80, 120))
    points = app.session_state["scenario_sweep"][1]
    assert all(p.cut_by_budget for p in points)
    said = [c.value for c in app.caption if "cut short" in c.value]
    # As every page text, shown through md(): Markdown's marks escaped, read as typed.
    assert said == [
        md(
            "2 of 2 capacity levels were cut short by the time budget for every level tried "
            f"({whatif.SWEEP_BUDGET_S:g} s): their plans are the ones found by then, not the "
            "best. Plan fewer steps."
        )
    ], said


def test_a_sweep_step_without_a_plan_shows_a_dash_for_its_projects_left_out(db):
    """A step with no plan (Sales at 30 %: a mandatory project no longer fits) showed
    "None" in the table's Left out column, beside "–" for its goal attainment, as it did at
    every step of 150 teams x 3,000 projects at the smallest time limit. It reads "–"."""
    app = open_routed("pages/scenarios.py")
    app.query_params[SCENARIOS_VIEW] = "Capacity what-ifs"
    app = app.run()
    app.selectbox(key="sweep-target").set_value("sales")
    app.slider(key="sweep-range").set_value((30, 100))
    app.number_input(key="sweep-steps").set_value(2)
    app = button(app, "Plan each step").click().run()
    assert_clean(app)
    (table,) = [d.value for d in app.dataframe if "capacity_pct" in d.value.columns]
    low, full = table.to_dict("records")
    assert low["attainment_text"] == "–" and low["unassigned"] == "–", low
    assert full["unassigned"] == "18", full


def test_a_ranking_where_nothing_was_planned_draws_no_bars(db, monkeypatch):
    """At 150 x 3,000 and the smallest time limit nothing was planned, and the ranking still
    drew a chart of 0-point bars under "The 20 teams (of 150) where capacity pays most."
    It says why no team could be ranked, and draws no bar; the numbers stay folded away."""
    from dataclasses import replace

    import pages.scenario_capacity
    from planner.core.domain import Status

    made = pages.scenario_capacity.marginal_values

    def unplanned(*args, **kwargs):
        report = made(*args, **kwargs)
        metrics = replace(report.base.metrics, status=Status.NO_PLAN)
        return replace(
            report,
            base=replace(report.base, metrics=metrics, reason="no plan was searched."),
            values=tuple(
                replace(v, gain=None, attainment_gain=None, status=Status.NO_PLAN)
                for v in report.values
            ),
        )

    monkeypatch.setattr(pages.scenario_capacity, "marginal_values", unplanned)
    app = open_routed("pages/scenarios.py")
    app.query_params[SCENARIOS_VIEW] = "Capacity what-ifs"
    app = button(app.run(), "Rank the teams").click().run()
    assert_clean(app)
    assert any("No team could be ranked" in m.value for m in app.markdown)
    assert not [f for f in chart_frames(app) if "attainment_points" in f.columns]
    assert not [c for c in app.caption if "where capacity pays most" in c.value]
