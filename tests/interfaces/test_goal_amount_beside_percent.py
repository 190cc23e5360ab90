"""A goal's planned or forecast amount reads the % of target written beside it, and one
figure on every surface: the Overview, `planner solve`, plan.xlsx, the Check-in page's
forecast, `planner checkin`, its workbook and `planner scenarios show`.

Whole units from 10 on read "26 of 40 new customers (65.8 %)" for 26.3, a % that 26 is not
(65.0 %); the check-in's forecast kept the decimal (26.3), so a saved check-in read 26.3 on
the Check-in page and in its workbook, 26 in `planner scenarios show`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from builders import cli_printed, goal, problem, project, settings, team

from planner.core.loading import load_with_warnings, write_folder
from planner.core.shown_figures import amount_shown, goal_amount_value, percent
from planner.interfaces.cli import main
from planner.scenarios.storage import ScenarioStore

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _sheet(path: Path, name: str) -> list[dict[str, object]]:
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if any(row)]


@pytest.mark.parametrize(
    ("value", "target", "shown"),
    [
        (26.3, 40, 26.3),  # 26 reads 65.0 %, the goal 65.8 %
        (484.6, 520, 484.6),  # 485 reads 93.3 %, the goal 93.2 %
        (16.5, 40, 16.5),  # 17 reads 42.5 %, the goal 41.3 %
        (2300, 2600, 2300),  # whole: as it was
        (46000, 100000, 46000),
        (10_600_000.4, 11_000_000, 10_600_000),  # its whole number reads 96.4 % too
        (89.95, 90, 89.95),  # never rounded up to the target (89.9 read 99.9 %, 90 read 100)
        (7.7, 40, 7.7),  # below 10: one decimal, as before
    ],
)
def test_a_goals_amount_reads_its_percent_of_target(value, target, shown):
    assert goal_amount_value(value, target) == shown
    assert percent(100 * goal_amount_value(value, target) / target) == percent(100 * value / target)


@pytest.fixture
def fractional_folder(tmp_path) -> Path:
    """Two closing projects for 20.3 and 6 new customers of a target of 40: 26.3 planned."""
    folder = tmp_path / "quarter"
    write_folder(
        problem(
            [team("aes", "sales", 100, name="AEs")],
            [
                project("a", "closing", 30, "20.3", goal_id="logos", name="Close plan"),
                project("b", "closing", 30, 6, goal_id="logos", name="Deal desk"),
            ],
            goals=[goal("logos", 40, name="New logos", kpi="new customers")],
            settings=settings(),
        ),
        folder,
    )
    return folder


def test_a_plans_goal_reads_its_percent_in_solve_plan_xlsx_and_the_overview(
    fractional_folder, tmp_path, monkeypatch
):
    """26.3 of 40 new customers planned: `planner solve` read "26 of 40 new customers
    (65.8 %)", plan.xlsx's Goals sheet and the Overview's table 26 beside 65.8."""
    from app_pages import assert_clean, open_routed

    book = tmp_path / "plan.xlsx"
    text = cli_printed(["solve", str(fractional_folder), "--out", str(book)])
    assert "New logos: 26.3 of 40 new customers (65.8 %)" in text, text
    (row,) = _sheet(book, "Goals")
    assert (row["Planned"], row["Attainment (%)"]) == (26.3, 0.658)  # reads "65.8 %"
    monkeypatch.setenv("PLANNER_DATA", str(fractional_folder))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "planner.duckdb"))
    app = open_routed("pages/overview.py")
    assert_clean(app)
    (goals,) = [d.value for d in app.dataframe if "Attainment" in d.value.columns]
    assert goals[["Planned", "Attainment"]].values.tolist() == [[26.3, 65.8]]


def _checked_in(tmp_path: Path, db: Path) -> tuple[dict[str, dict], Path]:
    """Week 6 of the sample, 6 new customers and 700 MQLs so far: `planner checkin --json`'s
    forecast of each goal (by name) and its workbook; the check-in saved as the Check-in
    page saves it, as "Check-in week 6" (a child of "Q3 base")."""
    from planner.scenarios.checkin_toml import read_checkin
    from planner.scenarios.replan import replan
    from planner.scenarios.scenario import new_scenario
    from planner.solving.solver import solve

    baseline = tmp_path / "plan.csv"
    cli_printed(["solve", str(SAMPLE), "--out", str(baseline)])
    template = cli_printed(
        ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]
    )
    typed = re.sub(r'(?m)^"new-logos" = 8\b', '"new-logos" = 6', template)
    typed = re.sub(r'(?m)^"mqls" = 867\b', '"mqls" = 700', typed)
    assert typed.count(" = 6 ") + typed.count(" = 700 ") >= 2, typed
    checkin_file = tmp_path / "checkin.toml"
    checkin_file.write_text(typed, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin_file)]
    book = tmp_path / "replan.xlsx"
    cli_printed([*args, "--max-changes", "3", "--out", str(book)])
    out = json.loads(cli_printed([*args, "--max-changes", "3", "--json"]))

    sample = load_with_warnings(SAMPLE).problem
    base = solve(sample)
    assert base.plan is not None
    checkin = read_checkin(typed, "checkin.toml", sample).checkin
    outcome = replan(sample, base.plan, checkin, max_changes=3, stability_weight=5)
    parent = new_scenario(sample, base, "Q3 base")
    child = new_scenario(
        outcome.problem, outcome.result, "Check-in week 6", checkin=checkin, quarter=sample
    )
    ScenarioStore(db).save(child, new_parent=parent)
    return {g["name"]: g for g in out["goals"]}, book


def test_a_saved_check_ins_forecast_reads_as_the_check_in_and_its_workbook_give_it(
    tmp_path, db, capsys
):
    """`planner checkin` (its --json and its workbook's Quarter end sheet) forecasts 26.3 new
    customers (65.8 %) and 2,133.5 MQLs (82.1 %); the check-in saved, `planner scenarios
    show` read "26 new customers" and "2,133 MQLs" beside the same 65.8 % and 82.1 %."""
    goals, book = _checked_in(tmp_path, db)
    forecasts = {name: g["forecast"] for name, g in goals.items()}
    assert forecasts["New logos won"]["forecast"] == 26.3  # the figure this test is about
    quarter_end = {r["Goal"]: r for r in _sheet(book, "Quarter end")}
    capsys.readouterr()
    assert main(["scenarios", "show", "Check-in week 6"]) == 0
    shown = capsys.readouterr().out
    for name, forecast in forecasts.items():
        # --json has the exact figure (2,133.49 MQLs), the rest as shown (2,133.5, 82.1 %).
        figure = goal_amount_value(forecast["forecast"], forecast["target"])
        assert quarter_end[name]["Forecast"] == figure
        (line,) = [line for line in shown.splitlines() if line.startswith(name)]
        expected = amount_shown(figure, forecast["kpi"])
        assert re.search(rf"\s{re.escape(expected)}\s", line), (expected, line)
        assert percent(forecast["percent_of_target"]) in line


def test_a_saved_check_ins_workbook_gives_each_goals_odds_as_the_check_in_s_does(
    tmp_path, db, capsys
):
    """The check-in's workbook (`planner checkin --out`, the Check-in page's download) gives
    each goal's chance of its quarter target and its odds in words on the Quarter end sheet;
    the same check-in saved and exported (`planner scenarios export`, the Scenarios page's
    zip) had the forecast without them, where `scenarios show` gives the chance."""
    goals, book = _checked_in(tmp_path, db)
    out = tmp_path / "exported"
    cli_printed(["scenarios", "export", "Check-in week 6", str(out)])
    checked = {r["Goal"]: r for r in _sheet(book, "Quarter end")}
    saved = {r["Goal"]: r for r in _sheet(out / "plan.xlsx", "Quarter end")}
    assert set(saved) == set(checked) == set(goals)
    for name, row in saved.items():
        for column in (
            "Chance to reach target",
            "Odds in words",
            "Forecast",
            "With the re-plan (% of target)",
        ):
            assert row.get(column) == checked[name][column], (name, column)
        assert row["Chance to reach target"] == pytest.approx(goals[name]["probability"] / 100)
        assert row["Odds in words"] == goals[name]["words"]
    # Why 26.3 new customers has a decimal, said in both Summaries alike.
    whys = [
        [
            r[1]
            for r in openpyxl.load_workbook(f)["Summary"].iter_rows(values_only=True)
            if r[0] == "Why a decimal"
        ]
        for f in (book, out / "plan.xlsx")
    ]
    assert whys[0] == whys[1] and len(whys[0]) == 1, whys
    assert "26.3 new customers (New logos won)" in whys[0][0]


def test_a_saved_check_ins_headline_says_it_is_the_quarters_as_its_workbook_does(
    tmp_path, db, capsys
):
    """`planner scenarios show` of a saved check-in read "utilisation, both departments:
    78.0 %" (the quarter: hours used + re-planned) above the weeks left's department lines
    (65.5 % and 85.4 %, together 76.2 %), one output with two figures for the same words.
    Its headline names the quarter, in the words and figures of its plan.xlsx Summary."""
    _checked_in(tmp_path, db)
    out = tmp_path / "exported"
    cli_printed(["scenarios", "export", "Check-in week 6", str(out)])
    summary = {r["Figure"]: r["Value"] for r in _sheet(out / "plan.xlsx", "Summary")}
    capsys.readouterr()
    assert main(["scenarios", "show", "Check-in week 6"]) == 0
    lines = capsys.readouterr().out.splitlines()
    attainment = summary[
        "Goal attainment at quarter end (%, achieved so far + the re-plan, weighted)"
    ]
    utilisation = summary["Sales and Marketing, % of the quarter planned (hours used + re-planned)"]
    planned = summary["Projects in the quarter's plan (done + re-planned)"]
    left_out = summary["Projects left out of the quarter's plan"]
    assert (
        f"goal attainment at quarter end (achieved so far + the re-plan): {100 * attainment:.1f} %"
        in lines
    )
    said = "Sales and Marketing, % of the quarter planned (hours used + re-planned)"
    assert f"{said}: {100 * utilisation:.1f} %" in lines
    assert (
        f"projects in the quarter's plan (done + re-planned): {planned}   left out: {left_out}"
        in lines
    )
