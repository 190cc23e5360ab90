"""One truth for every number: the same plan of the sample quarter read from each source
(`planner solve --json`, plan.csv, the metrics every page reads, the check-in's tables
and its re-plan) gives the same figures, rounded the same way."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import tomllib
from collections import defaultdict
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from builders import cli_printed

from planner.core.builder import load_problem
from planner.core.capacity import team_limit
from planner.core.cell_formats import percent_cell
from planner.core.plan_csv import read_plan_csv
from planner.core.shown_figures import (
    amount,
    amount_shown,
    amount_value,
    amounts_adding_up,
    chance,
    chance_change,
    gap_percent,
    hours,
    hours_value,
    percent,
    percent_value,
    week_hours,
)
from planner.core.status_words import status_label
from planner.core.writing import write_folder
from planner.interfaces.checkin_tables import tables_for
from planner.interfaces.cli import main
from planner.interfaces.exports import ROW_STATUS_WORDS
from planner.scenarios.metrics import plan_metrics
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.rest_of_quarter import replan_problem
from planner.solving.near_current_plan import EXACT_NOTE
from planner.solving.solver import solve

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
WITHOUT_WEEKS = ROOT / "data" / "sample-without-weeks"


def _solve(folder: Path, out: Path) -> dict:
    """`planner solve --json --out` once, its JSON object."""
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        assert main(["solve", str(folder), "--out", str(out), "--json"]) == 0
    return json.loads(text.getvalue())


@pytest.fixture(scope="module", params=[SAMPLE, WITHOUT_WEEKS], ids=["weeks", "no-weeks"])
def solved(request, tmp_path_factory):
    """One solve per data folder: its JSON, plan.csv's rows, the problem, the plan, plan.csv."""
    out = tmp_path_factory.mktemp("one-truth") / "plan.csv"
    summary = _solve(request.param, out)
    problem = load_problem(request.param)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return summary, rows, problem, read_plan_csv(out.read_text(encoding="utf-8")), out


def test_each_teams_planned_hours_are_plan_csvs_rows_and_the_metrics(solved):
    """A team's hours planned read the same in --json, in plan.csv's rows and on every page."""
    summary, rows, problem, plan = solved[:4]
    from_csv: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        if row["team_id"]:
            from_csv[row["team_id"]] += Decimal(row["effort_hours"])
    metrics = {t.team_id: t for t in plan_metrics(problem, plan).teams}
    for team in summary["metrics"]["teams"]:
        figures = metrics[team["team_id"]]
        assert team["planned_hours"] == pytest.approx(float(from_csv[team["team_id"]]))
        assert team["planned_hours"] == pytest.approx(float(figures.planned_hours))
        # The capacity in force is rule 5's limit, the calendar's weeks where they are given.
        limit = team_limit(problem, problem.team(team["team_id"]))
        assert team["capacity_hours"] == pytest.approx(float(limit))
        assert float(figures.in_force_hours) == pytest.approx(float(limit), abs=0.001)
        assert team["utilisation_pct"] == pytest.approx(
            100 * team["planned_hours"] / team["capacity_hours"], abs=1e-5
        )


def test_each_goals_forecast_is_plan_csvs_values_and_the_metrics(solved):
    """A goal's planned KPI and its % of target agree between --json, plan.csv and the pages."""
    summary, rows, problem, plan = solved[:4]
    from_csv: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        from_csv[row["goal_id"]] += Decimal(row["value"])
    metrics = {g.goal_id: g for g in plan_metrics(problem, plan).goals}
    odds = {g["goal_id"]: g for g in summary["goals"]}
    for goal in summary["metrics"]["goals"]:
        gid = goal["goal_id"]
        assert goal["planned"] == pytest.approx(float(from_csv[gid]))
        assert goal["planned"] == odds[gid]["planned"] == pytest.approx(float(metrics[gid].planned))
        assert goal["attainment_pct"] == pytest.approx(
            100 * goal["planned"] / goal["target"], abs=1e-5
        )


def test_counts_of_projects_planned_and_left_out_agree(solved):
    """Projects in the plan and left out: --json's counts, its metrics, plan.csv's rows."""
    summary, rows, problem, plan = solved[:4]
    planned = {r["project_id"] for r in rows if r["team_id"]}
    left_out = {r["project_id"] for r in rows if not r["team_id"]}
    assert summary["num_assigned"] == summary["metrics"]["num_planned"] == len(planned)
    assert summary["num_unassigned"] == summary["metrics"]["num_left_out"] == len(left_out)
    assert {p["project_id"] for p in summary["left_out"]} == left_out
    assert plan_metrics(problem, plan).num_planned == len(planned)


def test_weekly_limits_sum_to_the_quarters_capacity_in_force(solved):
    """Per week and per quarter a team's hours are one figure: the weeks add up to the quarter,
    and the weekly loads add up to the hours planned."""
    summary = solved[0]
    if summary["weeks"] is None:
        pytest.skip("a quarter without weeks has no weekly load")
    capacity = {t["team_id"]: t["capacity_hours"] for t in summary["metrics"]["teams"]}
    planned = {t["team_id"]: t["planned_hours"] for t in summary["metrics"]["teams"]}
    for team in summary["weeks"]["teams"]:
        weeks = len(team["limit_hours"])
        # Each week to 6 decimals, as every figure in --json.
        assert sum(team["limit_hours"]) == pytest.approx(
            capacity[team["team_id"]], abs=weeks * 1e-6
        )
        assert sum(team["load_hours"]) == pytest.approx(planned[team["team_id"]], abs=weeks * 1e-6)


def test_checkin_tables_capacity_in_force_is_the_plan_pages(solved):
    """The Check-in page's 'Capacity in force' is the capacity the Plan page gave the team."""
    summary, _, problem, plan = solved[:4]
    checkin = checkin_as_planned(problem, plan, Decimal(6))
    hours = tables_for(problem, plan, checkin)["hours"].set_index("team_id")
    shown = {t.team_id: t.shown_in_force for t in plan_metrics(problem, plan).teams}
    for team in summary["metrics"]["teams"]:
        # Written as every page writes the team's row: within an hour of its exact hours
        # (1,378.5 h in force reads 1,378, so that marketing's rows add up to 4,390 h).
        assert hours.loc[team["team_id"], "capacity_hours"] == float(shown[team["team_id"]])
        assert abs(float(shown[team["team_id"]]) - team["capacity_hours"]) < 1


def test_replan_at_week_6_has_the_calendars_weeks_left(solved):
    """The re-plan of a check-in at week 6 as planned gives each team the hours of its weeks
    7 to 13 (the calendar's: the holiday, the off-site, the writer's ramp-up), never more
    than its capacity in force less the hours it used: the limits the Plan page showed."""
    _, _, problem, plan = solved[:4]
    checkin = checkin_as_planned(problem, plan, Decimal(6))
    rest = replan_problem(problem, plan, checkin, max_changes=None, stability_weight=5)
    for team in problem.teams:
        limit = team_limit(problem, team)
        left = limit - Fraction(checkin.hours_used[team.team_id])
        rest_limit = team_limit(rest, rest.team(team.team_id))
        assert rest_limit <= left + Fraction(1, 1000)
        if problem.is_time_phased:
            weeks_left = sum(problem.week_hours[team.team_id][6:], Fraction(0))
            # Each week left is written to 0.001 h, rounded down.
            assert float(rest_limit) == pytest.approx(float(weeks_left), abs=0.01)
        else:
            assert float(rest_limit) == pytest.approx(float(left), abs=0.001)


def test_second_checkin_counts_a_team_left_empty_at_the_first_by_its_calendar(solved):
    """A second check-in pre-fills a team's hours used from the first check-in's, and a team
    left empty there counts the hours its weeks gave it until then: the re-plan took those
    weeks as spent. Content had 349 h in weeks 1-6 (44 + 3 x 55 + 2 x 70); teams.csv's
    900 h x 6/13 counted 415.38, so the second check-in said 66.38 h more were used."""
    _, _, problem, plan = solved[:4]
    first = checkin_as_planned(problem, plan, Decimal(6))
    left_empty = replace(
        first, hours_used={t: h for t, h in first.hours_used.items() if t != "content"}
    )
    spent = (
        sum(problem.week_hours["content"][:6], Fraction(0))
        if problem.is_time_phased
        else (Fraction(problem.team("content").capacity_hours) * Fraction(6, 13))
    )
    typed = replace(
        first, hours_used={**first.hours_used, "content": Decimal(str(round(float(spent), 3)))}
    )
    rest = replan_problem(problem, plan, left_empty, max_changes=None, stability_weight=5)
    replanned = solve(rest).plan
    second_empty = checkin_as_planned(problem, replanned, Decimal(10), since=left_empty)
    second_typed = checkin_as_planned(problem, replanned, Decimal(10), since=typed)
    assert float(second_empty.hours_used["content"]) == pytest.approx(
        float(second_typed.hours_used["content"]), abs=0.01
    )


def test_app_pages_show_the_figures_solve_json_gives(solved, tmp_path, monkeypatch):
    """The Overview's goal table and the Check-in page's hours table, opened on the same
    data (AppTest), read what `planner solve --json` gives, with the pages' one rounding:
    a goal's % of target to one decimal (88.5, not 88 or 88.46), hours to the whole hour."""
    from app_pages import assert_clean, open_routed

    summary, _, problem, plan = solved[:4]
    folder = SAMPLE if problem.is_time_phased else WITHOUT_WEEKS
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/overview.py")
    assert_clean(app)
    (goals,) = [d.value for d in app.dataframe if "Attainment" in d.value.columns]
    goals = goals.set_index("Goal")
    for goal in summary["metrics"]["goals"]:
        row = goals.loc[goal["name"]]
        assert row["Planned"] == amount_value(goal["planned"], goal["target"])
        assert row["Attainment"] == round(goal["attainment_pct"], 1)
    # Each goal's chance and its odds in words, as `planner solve` says them.
    said = " ".join(v.replace("\\", "") for v in app.markdown.values)
    for goal in summary["goals"]:
        if "Chance" in goals.columns:
            assert goals.loc[goal["name"], "Chance"] == chance(goal["probability"] / 100)
        assert goal["words"] in said, goal["words"]
    app.switch_page("pages/checkin.py").run()
    assert_clean(app)
    hours = app.session_state["checkin-tables"]["hours"].set_index("team_id")
    shown = {t.team_id: t.shown_in_force for t in plan_metrics(problem, plan).teams}
    for team in summary["metrics"]["teams"]:
        assert hours.loc[team["team_id"], "capacity_hours"] == float(shown[team["team_id"]])
    # The page's pre-fill is `planner checkin-template`'s at the same weeks elapsed (6 in
    # weeks, the middle of the quarter, 6.5, without), figure for figure.
    (weeks,) = [n.value for n in app.number_input if n.label == "Weeks elapsed"]
    template = io.StringIO()
    with contextlib.redirect_stdout(template):
        args = [
            "checkin-template",
            str(folder),
            "--baseline",
            str(solved[4]),
            "--weeks",
            str(weeks),
        ]
        assert main(args) == 0
    typed = tomllib.loads(template.getvalue())
    assert hours["hours_used"].to_dict() == pytest.approx(typed["hours_used"])
    achieved = app.session_state["checkin-tables"]["goals"].set_index("goal_id")["achieved"]
    assert achieved.to_dict() == pytest.approx(typed["achieved"])


def test_checkin_pages_replan_reads_as_planner_checkin(solved, tmp_path, monkeypatch):
    """The Check-in page's re-plan of its pre-fill and `planner checkin` of the template at
    the same weeks, with the page's budget of 3 changes: the same quarter-end attainment,
    achieved so far, changes and added projects, and each goal's forecast and % of target."""
    from app_pages import assert_clean, open_routed

    problem = solved[2]
    folder = SAMPLE if problem.is_time_phased else WITHOUT_WEEKS
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/checkin.py")
    (weeks,) = [n.value for n in app.number_input if n.label == "Weeks elapsed"]
    app = app.button(key="checkin-replan-button").click().run()
    assert_clean(app)
    cards = {m.label: m for m in app.metric}
    table = next(d.value for d in app.dataframe if "still_to_come" in d.value.columns)
    toml = tmp_path / "checkin.toml"
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        template = ["checkin-template", str(folder), "--baseline", str(solved[4])]
        assert main([*template, "--weeks", str(weeks)]) == 0
    toml.write_text(text.getvalue(), encoding="utf-8")
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        args = ["checkin", str(folder), "--baseline", str(solved[4]), "--checkin", str(toml)]
        args += ["--max-changes", "3", "--out", str(tmp_path / "rest.csv"), "--json"]
        assert main(args) == 0
    replanned = json.loads(text.getvalue())
    args[-3:] = ["--out", str(tmp_path / "rest-again.csv")]
    said = cli_printed(args)
    recorded = tomllib.loads(toml.read_text(encoding="utf-8"))["achieved"]
    assert {g["goal_id"]: g["achieved_recorded"] for g in replanned["goals"]} == recorded
    quarter = replanned["quarter_attainment"]
    assert cards["At quarter end"].value == f"{quarter['forecast']:.1f} %"
    assert f"{quarter['achieved']:.1f} % achieved so far" in cards["At quarter end"].proto.help
    assert cards["Of what was left"].value == f"{quarter['replan_of_what_was_left']:.1f} %"
    assert cards["Changes"].value == f"{replanned['num_changes']} of at most 3"
    assert cards["Projects added"].value == str(len(replanned["added"]))
    forecasts = {g["name"]: g["forecast"] for g in replanned["goals"]}
    typed_in = {g["name"]: g["achieved_recorded"] for g in replanned["goals"]}
    for _, row in table.iterrows():
        forecast = forecasts[row["goal"]]
        assert row["forecast"] == pytest.approx(forecast["forecast"])
        assert row["percent"] == round(forecast["percent_of_target"], 1)
        # The page's row is the one rounding of --json's exact figures, the text's too: the
        # count as recorded in the file (867 MQLs), where --json counts the plan's 866.81.
        shown = amounts_adding_up(
            forecast["achieved"],
            forecast["forecast"],
            forecast["target"],
            as_recorded=True,
            whole=forecast["whole"],
        )
        assert (row["achieved"], row["still_to_come"], row["forecast"]) == shown
        assert row["achieved"] == typed_in[row["goal"]]
        sum_line = " + ".join(amount_shown(x) for x in shown[:2]) + f" = {amount_shown(shown[2])}"
        assert f"  {row['goal']}: {sum_line} of " in said
        # A figure typed as the pre-fill wrote it (867 MQLs) reads as the exact one the plan
        # had by now (866.81): --json gives that, the page and the text the figure typed.
        assert row["achieved"] == pytest.approx(forecast["achieved"], abs=0.5)
        assert row["achieved"] + row["still_to_come"] == pytest.approx(forecast["forecast"])
    # The odds of each quarter target, carried on and re-planned, as the text says them.
    odds = [t.value for t in app.table if "If we carry on" in t.value.columns]
    by_name = {g["name"]: g for g in replanned["goals"]}
    assert len(odds) == any("chance_if_carried_on" in g for g in replanned["goals"])
    for table in odds:
        for _, row in table.iterrows():
            goal = by_name[row["Goal"].replace("\\", "")]
            before, after = goal["chance_if_carried_on"] / 100, goal["probability"] / 100
            cells = [str(row[c]).replace("\\", "") for c in table.columns[1:4]]
            # The re-plan first, as the forecast table above it; its change against carrying on.
            assert cells == [chance(after), chance(before), chance_change(before, after)]
            # The text in the same order: the re-plan, then carrying on and the change.
            line = f"; if we carry on {chance(before)} (the re-plan: "
            assert f"  {goal['name']}: {goal['words']}{line}{chance_change(before, after)})" in (
                said
            )


#: The funnel's sales end: the what-if's quarter keeps only the projects at these stages.
SALES_END = ("nurturing", "qualification", "closing", "retention")


def _sales_end_of(folder: Path, out: Path) -> Path:
    """``folder``'s quarter with only its projects at the funnel's sales end (and the goals,
    estimates and rules they keep): its teams, weeks and settings as they are, sales still
    short of hours, and solves proven best (or proven fewest changes) in a fraction of a
    second, far inside the time limit, so that two runs give one plan however loaded the
    machine is (on the whole sample, under heavy load, the two runs could end apart)."""
    whole = load_problem(folder)
    keep = {p.project_id for p in whole.projects if p.stage in SALES_END}
    while dropped := {p.project_id for p in whole.projects if p.project_id in keep} & {
        p.project_id for p in whole.projects if any(d not in keep for d in p.depends_on)
    }:
        keep -= dropped
    projects = tuple(p for p in whole.projects if p.project_id in keep)
    served = {p.goal_id for p in projects}
    write_folder(
        whole.replace(
            projects=projects,
            goals=tuple(g for g in whole.goals if g.goal_id in served),
            estimates=tuple(e for e in whole.estimates if e.project_id in keep),
            rules=tuple(r for r in whole.rules if r.project_id in keep),
        ),
        out,
    )
    return out


@pytest.fixture(scope="module")
def what_if(solved, tmp_path_factory):
    """SPEC's what-if, sales at 90 % against the current plan, from the command line, on the
    quarter's sales end (:func:`_sales_end_of`): its data folder, its text (writing
    plan.xlsx), its --json and the workbook. Both runs' plans are proven, so they are one."""
    folder = tmp_path_factory.mktemp("what-if")
    data = _sales_end_of(
        SAMPLE if solved[2].is_time_phased else WITHOUT_WEEKS, folder / "sales-end"
    )
    _solve(data, folder / "plan.csv")
    settings = folder / "sales-90.toml"
    settings.write_text("[capacity.multipliers]\nsales = 0.9\n", encoding="utf-8")
    args = ["solve", str(data), "--settings", str(settings), "--baseline", str(folder / "plan.csv")]
    text = cli_printed([*args, "--out", str(folder / "what-if.xlsx")])
    summary = json.loads(cli_printed([*args, "--out", str(folder / "what-if.csv"), "--json"]))
    # Proven: the best plan possible, or no plan about as good changes fewer projects.
    assert summary["status"] == "optimal" or EXACT_NOTE in summary["reasons"], summary["reasons"]
    return data, text, summary, openpyxl.load_workbook(folder / "what-if.xlsx")


def _sheet(book, name: str) -> list[dict[str, object]]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if any(row)]


def test_what_ifs_figures_read_the_same_in_its_text_json_and_plan_xlsx(what_if):
    """Sales at 90 %: goal attainment, each goal's forecast, % of target and chance, the
    projects planned, the plan's, each department's and each team's hours read one figure in
    `planner solve`'s text, its --json and its plan.xlsx: the plan's hours their exact sum
    rounded once, which the teams' rows add up to (the sample's teams, each rounded on its
    own, read 9,711 h of capacity where they add up to 9,709.28 h)."""
    _, text, summary, book = what_if
    m = summary["metrics"]
    assert f"goal attainment: {percent(m['attainment_pct'])} weighted" in text
    assert f"projects: {m['num_planned']} of {m['num_projects']} in the plan" in text
    figures = {row["Figure"]: row["Value"] for row in _sheet(book, "Summary")}
    assert figures["Goal attainment (%, weighted, each goal capped at 100 %)"] == percent_cell(
        percent_value(m["attainment_pct"])
    )
    assert figures["Projects in the plan"] == m["num_planned"]
    assert figures["Projects left out"] == m["num_left_out"] == summary["num_unassigned"]
    # The plan's hours: its teams' hours as shown, added up, in the workbook and --json.
    for key, figure in [
        (
            "capacity_hours",
            "Capacity (h, after what-ifs and the share of its hours each team is planned up to)",
        ),
        ("planned_hours", "Planned (h)"),
        ("base_capacity_hours", "Teams' own hours in the quarter (h)"),
    ]:
        added = sum(t[f"{key}_shown"] for t in m["teams"])
        assert figures[figure] == m[f"{key}_shown"] == added == hours_value(m[key])
    for d in m["departments"]:
        side = d["department"].capitalize()
        assert figures[f"{side} capacity (h)"] == d["capacity_hours_shown"]
        assert figures[f"{side} planned (h)"] == d["planned_hours_shown"]
        assert figures[f"{side}, % planned"] == percent_cell(percent_value(d["utilisation_pct"]))
        capacity, own = d["capacity_hours_shown"], d["base_capacity_hours_shown"]
        own_words = (
            f" (the teams' own hours in the quarter: {hours(own)})" if own != capacity else ""
        )
        assert (
            f"{side} capacity: {hours(capacity)}{own_words}; planned "
            f"{hours(d['planned_hours_shown'])} ({percent(d['utilisation_pct'])})"
        ) in text
    loads = {row["Team"]: row for row in _sheet(book, "Team load")}
    for t in m["teams"]:
        row = loads[t["name"]]
        assert row["Capacity (h)"] == t["capacity_hours_shown"]
        assert abs(t["capacity_hours_shown"] - t["capacity_hours"]) < 1
        assert row["Planned (h)"] == t["planned_hours_shown"]
        assert abs(t["planned_hours_shown"] - t["planned_hours"]) < 1
        assert row["Planned (% of capacity)"] == percent_cell(percent_value(t["utilisation_pct"]))
    odds = {g["goal_id"]: g for g in summary["goals"]}
    goals = {row["Goal"]: row for row in _sheet(book, "Goals")}
    for g in m["goals"]:
        row, chance_pct = goals[g["name"]], odds[g["goal_id"]]["probability"]
        planned = amount(g["planned"], "", target=g["target"])
        said = f"  {g['name']}: {planned} of {amount(g['target'], g['kpi'])}"
        odds_said = (
            f"; {chance(chance_pct / 100)} chance" if odds[g["goal_id"]]["uncertain"] else ""
        )
        assert f"{said} ({percent(g['attainment_pct'])}){odds_said}" in text
        assert row["Planned"] == amount_value(g["planned"], g["target"])
        assert row["Attainment (%)"] == percent_cell(percent_value(g["attainment_pct"]))
        if odds[g["goal_id"]]["uncertain"]:
            assert row["Chance to reach target"] == pytest.approx(chance_pct / 100, abs=1e-9)


def test_what_ifs_distance_from_the_best_reads_as_the_pages_advanced_says_it(
    what_if, solved, tmp_path, monkeypatch
):
    """Sales at 90 % on the Constraints page, then the Overview (AppTest), and `planner solve
    --baseline` of the same what-if: the status, the goal attainment, projects and the
    departments' cards, each goal's row, and how far below the best possible score the plan
    may be. The shell said "at most 0.05 %" where the page's Advanced said "0.1 %"."""
    from app_pages import assert_clean, open_routed

    from pages.solving import solve_service

    folder, text, summary, _ = what_if
    m = summary["metrics"]
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    solve_service.clear()  # the current plan is the one this data gets, as on the CLI
    app = open_routed("pages/constraints.py")
    (slider,) = [s for s in app.slider if s.label == "Sales capacity"]
    slider.set_value(90).run()
    assert_clean(app)
    # The Constraints page: each team's hours in force, what changed and why hours fell.
    teams = next(e.value for e in app.data_editor if (e.key or "").startswith("cap-teams-"))
    in_force = dict(zip(teams["team"], teams["in_force_hours"], strict=True))
    assert in_force == {t["name"]: t["capacity_hours_shown"] for t in m["teams"]}
    plain = [e.value.replace("\\", "") for e in app.info] + [
        c.value.replace("\\", "") for c in app.caption
    ]
    if summary.get("what_changed"):
        assert any(summary["what_changed"] in said for said in plain), plain
    # Which goals the cut lowers, in their units (the command line said none of it).
    assert summary["goal_shifts"]
    for line in [
        *summary["goal_shifts"],
        *summary.get("hours_fall", []),
        *summary.get("hours_gain", []),
    ]:
        assert line in plain, (line, plain)
    app.switch_page("pages/overview.py").run()
    assert_clean(app)
    banners = (app.success, app.info, app.warning, app.error)
    banner = next(e.value for kind in banners for e in kind if "Plan status" in e.value)
    (status,) = [line for line in text.splitlines() if line.startswith("status: ")]
    # The same sentence but for the seconds each run took.
    said = banner.strip("*").removeprefix("Plan status: ")
    assert re.sub(r"[\d.]+ s\)", "s)", said) == re.sub(r"[\d.]+ s\)", "s)", status[8:])
    cards = {c.label: c for c in app.metric}
    assert cards["Goal attainment"].value == percent(m["attainment_pct"])
    assert cards["Projects in the plan"].value == f"{m['num_planned']:,}"
    for d in m["departments"]:
        card = cards[f"{d['department'].capitalize()} capacity"]
        assert card.value == hours(d["capacity_hours_shown"])
        assert card.delta == f"{percent(d['utilisation_pct'])} planned"
    (goals,) = [d.value for d in app.dataframe if "Attainment" in d.value.columns]
    goals = goals.set_index("Goal")
    for goal in m["goals"]:
        assert goals.loc[goal["name"], "Planned"] == amount_value(goal["planned"], goal["target"])
        assert goals.loc[goal["name"], "Attainment"] == percent_value(goal["attainment_pct"])
    advanced = next(v for v in app.markdown.values if "The planner ranks plans" in v)
    if summary["status"] == "optimal":  # the sample without weeks: the what-if is proven best
        assert "no plan can score more: proven the best" in advanced
        return
    shown = gap_percent(summary["gap"])
    # Kept close, the status line gives the tolerance; the distance is the analysts' line's.
    assert text.splitlines()[-1].endswith(f"; this plan measured at most {shown} below it)")
    assert f"so this plan measures at most {shown} below the best" in advanced
    # The status line's tolerance is a limit, said as one, and Advanced says the two apart:
    # "within 0.5 %" above "at most 0.4 % below the best" read to a CMO as one figure.
    assert "allowed to fall up to 0.5 % short of" in said and "within 0.5 %" not in said
    assert (
        "The status line's 0.5 % is not this distance but a limit: the most a plan kept" in advanced
    )


def _excel_tenth(value: float) -> str:
    """A week's hours as plan.xlsx's "#,##0.0;-#,##0.0;0" format shows the stored number."""
    if value == 0:
        return "0 h"
    return f"{Decimal(repr(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,.1f} h"


def test_each_teams_weeks_read_the_same_in_json_plan_xlsx_and_the_plan_page(
    solved, tmp_path, monkeypatch
):
    """Each team's hours planned and its capacity, week by week, in `planner solve --json`,
    plan.xlsx's Weekly load and the Plan page's weekly load (AppTest): one figure, to a tenth.
    --json gave 53.85 h for Brand & Comms's 53.846 h a week, 53.9 h at a tenth, where the
    page and the workbook read 53.8 h."""
    from app_pages import assert_clean, chart_frames, open_routed

    summary, _, problem = solved[:3]
    if not problem.is_time_phased:
        pytest.skip("a quarter without weeks has no weekly load")
    text = cli_printed(["solve", str(SAMPLE), "--out", str(tmp_path / "plan.xlsx")])
    assert "plan written to" in text
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    sheet = _sheet(book, "Weekly load")
    names = {t.team_id: t.name for t in problem.teams}
    from_json = {
        (names[t["team_id"]], week): figures
        for t in summary["weeks"]["teams"]
        for week, figures in enumerate(
            zip(t["load_hours"], t["limit_hours"], t["utilisation_pct"], strict=True), 1
        )
    }
    assert len(sheet) == len(from_json)
    for row in sheet:
        load, limit, used = from_json[(row["Team"], row["Week"])]
        assert _excel_tenth(row["Planned (h)"]) == week_hours(load)
        assert _excel_tenth(row["Capacity (h)"]) == week_hours(limit)
        assert row["Planned (% of capacity)"] == percent_cell(percent_value(used))
    monkeypatch.setenv("PLANNER_DATA", str(SAMPLE))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/plan.py")
    assert_clean(app)
    (weeks,) = [f for f in chart_frames(app) if "load_text" in f.columns][:1]
    assert len(weeks) == len(from_json)
    for _, row in weeks.iterrows():
        load, limit, used = from_json[(row["team"], int(row["week"]))]
        assert (row["load_text"], row["limit_text"]) == (week_hours(load), week_hours(limit))
        assert row["utilisation_text"] == ("off" if used is None else percent(used))
    # The team load chart: each team's hours planned and in force as --json's, as shown.
    (load,) = [f for f in chart_frames(app) if "limit_text" in f.columns and "team" in f][:1]
    teams = {t["name"]: t for t in summary["metrics"]["teams"]}
    for _, row in load.iterrows():
        team = teams[row["team"]]
        assert row["planned_text"] == hours(team["planned_hours_shown"])
        assert row["limit_text"] == hours(team["capacity_hours_shown"])
    # The timeline: each project's weeks as plan.csv gives them.
    (bars,) = [f for f in chart_frames(app) if "end_edge" in f.columns][:1]
    weeks_of = {
        (r["project_name"], r["team_name"]): (int(r["start_week"]), int(r["end_week"]))
        for r in solved[1]
        if r["team_id"]
    }
    assert len(bars) == len(weeks_of)
    for _, bar in bars.iterrows():
        assert (int(bar["start"]), int(bar["end"])) == weeks_of[(bar["project"], bar["team"])]


def test_export_pages_preview_reads_plan_csv_as_every_page_writes_it(solved, tmp_path, monkeypatch):
    """The Export page's preview (AppTest) and `planner solve`'s plan.csv, row for row: the
    project, its team, hours and value as every page writes them, its weeks and status."""
    from app_pages import assert_clean, open_routed

    _, rows, problem = solved[:3]
    folder = SAMPLE if problem.is_time_phased else WITHOUT_WEEKS
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/export.py")
    assert_clean(app)
    (preview,) = [d.value for d in app.dataframe if "Value (KPI units)" in d.value.columns]
    assert len(preview) == len(rows)
    for (_, shown), row in zip(preview.iterrows(), rows, strict=True):
        assert shown["Project"] == row["project_name"]
        assert shown["Team"] == row["team_name"]
        assert shown["Hours"] == hours_value(float(row["effort_hours"]))
        # In its goal's unit ("460 MQLs"), a left-out project's row with none.
        kpi = problem.goal_index[row["goal_id"]].kpi if row["goal_id"] else ""
        value = amount(float(row["value"]), kpi) if row["team_id"] else ""
        assert shown["Value (KPI units)"] == value
        for week in ("start_week", "end_week"):
            if week in row:
                assert shown[week.replace("_", " ").capitalize()] == row[week]
        assert shown["Status"] == ROW_STATUS_WORDS[row["status"]]


def test_scenarios_pages_list_reads_as_planner_scenarios_list(solved, tmp_path, monkeypatch):
    """A quarter and its sales-at-90 % what-if saved by `planner scenarios save`: the
    Scenarios page's list (AppTest) and `planner scenarios list --json` give each one's goal
    attainment, utilisation, projects left out and outcome alike."""
    from app_pages import assert_clean, open_routed

    problem = solved[2]
    folder = SAMPLE if problem.is_time_phased else WITHOUT_WEEKS
    db = tmp_path / "planner.duckdb"
    settings = tmp_path / "sales-90.toml"
    settings.write_text("[capacity.multipliers]\nsales = 0.9\n", encoding="utf-8")
    save = ["scenarios", "save", str(folder), "--db", str(db)]
    cli_printed([*save, "--name", "Q3 base"])
    cli_printed([*save, "--settings", str(settings), "--name", "Sales -10%"])
    listed = {
        s["name"]: s
        for s in json.loads(cli_printed(["scenarios", "list", "--db", str(db), "--json"]))
    }
    # Saved as it is, the quarter's figures are solve --json's, to the same six decimals.
    base = solved[0]["metrics"]
    for figure in ("attainment_pct", "utilisation_pct"):
        assert listed["Q3 base"][figure] == base[figure]
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    monkeypatch.setenv("PLANNER_DB", str(db))
    app = open_routed("pages/scenarios.py")
    assert_clean(app)
    table = next(d.value for d in app.dataframe if "attainment_pct" in d.value.columns)
    assert sorted(table["name"]) == sorted(listed)
    for _, row in table.iterrows():
        saved = listed[row["name"]]
        assert row["attainment_pct"] == percent(saved["attainment_pct"])
        assert row["utilisation_pct"] == percent(saved["utilisation_pct"])
        assert row["unassigned"] == saved["num_unassigned"]
        assert row["status"] == status_label(saved["status"])


def test_explain_capacity_and_marginal_give_each_teams_ten_percent_the_same_points(
    capsys, monkeypatch
):
    """`explain --capacity` said what 10 % more hours would bring in, never what it does to
    goal attainment, where `scenarios marginal` gave Content +0.2 pts: the raw difference
    of 85.62 % and 85.85 %, which every page shows as 85.6 % → 85.9 % (+0.3 pts). Both
    now give the change between the shown percentages, the same for every team.

    One truth is the same figure from solves that reach the best plan: each takes about
    0.2 s here, but under a load of 16 a 2 s re-solve stopped short (Demand Gen -1.8 pts
    beside +0.3 pts). The limits are a safety that a solve finishing early never reaches."""
    from planner.interfaces import explain_cli

    monkeypatch.setattr(explain_cli, "GAIN_TIME_LIMIT_S", 300.0)
    sample = str(Path(__file__).resolve().parents[2] / "data" / "sample")
    safety = ["--time-limit", "300"]
    assert (
        main(["explain", sample, "--capacity", "--json", *safety, "--capacity-budget", "3000"]) == 0
    )
    gains = json.loads(capsys.readouterr().out)["capacity_gains"]
    explained = {}
    for line in gains:
        found = re.search(
            r" for (.+?) (?:brings|leaves|keeps|changes).*\(goal attainment (.+)\)$", line
        )
        assert found, line
        words = found.group(2)
        explained[found.group(1)] = "0.0 pts" if words.startswith("stays") else words.split(", ")[1]
        if not words.startswith("stays"):
            before, after = re.findall(r"([\d.]+) %", words)
            assert f"{float(after) - float(before):+.1f} pts" == words.split(", ")[1]
    assert (
        main(["scenarios", "marginal", sample, "--free", "--json", *safety, "--budget", "3000"])
        == 0
    )
    marginal = json.loads(capsys.readouterr().out)
    assert {v["status"] for v in marginal["teams"]} == {"optimal"}
    names = {t.team_id: t.name for t in load_problem(sample).teams}
    points = {names[v["team_id"]]: v["attainment_gain"] for v in marginal["teams"]}
    assert len(explained) >= 5
    for team, words in explained.items():
        assert f"{points[team]:+.1f} pts".replace("+0.0", "0.0") == words, team
    assert explained["Content"] == "+0.3 pts"
