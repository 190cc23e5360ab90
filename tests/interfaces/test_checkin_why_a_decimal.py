"""A check-in's forecast of a whole count with a decimal (6 + 20.3 = 26.3 of 40 new
customers) says why, the same in `planner checkin`, its --json and its plan.xlsx."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
from builders import cli_printed

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_a_forecast_of_new_customers_with_a_decimal_says_why_on_every_surface(tmp_path):
    """Week 6 of the sample with 6 new customers won: "6 + 20.3 = 26.3 of 40 new customers"
    read with no word for the fraction of a customer. The 20.3 is the re-plan's pro-rata
    share of the work still to run (a project in progress adds the part of its value left):
    the report says so, naming such a project, and the workbook and --json say the same."""
    baseline = tmp_path / "plan.csv"
    cli_printed(["solve", str(SAMPLE), "--out", str(baseline)])
    template = cli_printed(
        ["checkin-template", str(SAMPLE), "--baseline", str(baseline), "--weeks", "6"]
    )
    typed = re.sub(r'(?m)^"new-logos" = 8\b', '"new-logos" = 6', template)
    assert typed != template
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(typed, encoding="utf-8")
    args = ["checkin", str(SAMPLE), "--baseline", str(baseline), "--checkin", str(checkin)]
    book = tmp_path / "replan.xlsx"
    out = cli_printed([*args, "--max-changes", "3", "--out", str(book)])
    assert "New logos won: 6 + 20.3 = 26.3 of 40 new customers (65.8 %" in out
    (line,) = [x for x in out.splitlines() if x.strip().startswith("Why a decimal: ")]
    said = line.strip().removeprefix("Why a decimal: ")
    assert said.startswith("26.3 new customers (New logos won) is an expected figure"), said
    assert "pro-rata share of the work still to run" in said
    # A project in progress, with the part of its value left.
    assert (
        "SMB self-serve to sales-assist conversion: 6.3 new customers, the part of it still to run"
        in said
    )
    # Said once, after the forecast it explains and before the odds.
    lines = out.splitlines()
    assert lines.index(line) > next(i for i, x in enumerate(lines) if "26.3 of 40" in x)
    assert lines.index(line) < next(i for i, x in enumerate(lines) if x.startswith("odds"))

    summary = openpyxl.load_workbook(book)["Summary"]
    rows = {r[0]: r[1] for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["Why a decimal"] == said
    report = json.loads(cli_printed([*args, "--max-changes", "3", "--json"]))
    assert report["why_a_decimal"] == said


def test_only_a_whole_target_forecast_with_a_decimal_is_explained():
    """26.3 of 40 new customers is explained; 26 of 40, and 26.3 of 40.5 (a target with a
    decimal of its own), are not: a word for nothing unusual reads as a warning."""
    from decimal import Decimal

    from builders import goal, problem, project, team

    from planner.core.domain import Assignment, Plan
    from planner.scenarios.checkin_goals import GoalForecast
    from planner.scenarios.why_a_decimal import forecast_decimals_words

    quarter = problem([team("t")], [project("p", value=9, goal_id="g")], goals=[goal("g", 40)])
    plan = Plan((Assignment("p", "t", Decimal(1), Decimal(10), Decimal("20.3")),))

    def said(target: str, to_come: str) -> str | None:
        f = GoalForecast(
            "g", "Logos", "new customers", Decimal(target), Decimal(6), Decimal(to_come)
        )
        return forecast_decimals_words(quarter, plan, (f,))

    why = said("40", "20.3")
    assert why is not None and why.startswith("26.3 new customers (Logos) is an expected")
    assert said("40", "20") is None
    assert said("40.5", "20.3") is None
