"""A what-if kept close to the current plan reads as one in plan.xlsx too.

A CMO raised marketing by 10 % on Constraints; the banner above the Export
buttons read "Kept close to the previous plan: as few changes as possible, within
0.5 % of the best plan these settings allow", and `planner solve --baseline` said
the same. The plan.xlsx for the board said "Status: Good: not proven best", as if
the clock had stopped the search short.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from planner.core.loading import load_with_warnings
from planner.core.status_words import KEPT_CLOSE_WORDS, status_words
from planner.interfaces.cli import main
from planner.interfaces.exports import plan_workbook
from planner.interfaces.scenario_exports import scenario_files
from planner.scenarios.relative import DEFAULT_TOLERANCE, solve_relative
from planner.scenarios.scenario import new_scenario
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def summary_status(workbook: bytes) -> object:
    rows = load_workbook(io.BytesIO(workbook), read_only=True)["Summary"].iter_rows(
        values_only=True
    )
    return dict((row[0], row[1]) for row in rows)["Status"]


def marketing_plus_10(problem):
    settings = problem.settings
    capacity = replace(settings.capacity, multipliers={"marketing": 1.1})
    return replace(problem, settings=replace(settings, capacity=capacity))


def test_planner_solve_against_a_baseline_writes_kept_close_in_the_workbook(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    assert main(["solve", str(SAMPLE), "--out", "plan.csv"]) == 0
    (tmp_path / "more.toml").write_text("[capacity.multipliers]\nmarketing = 1.1\n")
    args = ["solve", str(SAMPLE), "--settings", "more.toml", "--baseline", "plan.csv"]
    assert main([*args, "--out", "whatif.xlsx"]) == 0
    report = capsys.readouterr().out
    assert f"status: {KEPT_CLOSE_WORDS}" in report  # the report and the file agree
    assert summary_status((tmp_path / "whatif.xlsx").read_bytes()) == KEPT_CLOSE_WORDS


def test_a_saved_kept_close_scenario_exports_its_workbook_as_kept_close():
    sample = load_with_warnings(SAMPLE).problem
    more = marketing_plus_10(sample)
    kept = solve_relative(more, solve(sample).plan, tolerance=DEFAULT_TOLERANCE)
    assert kept.result.status.value == "feasible"  # short of proven best on purpose
    # Without the tolerance it is a plan the clock stopped short, in words, with how close.
    said = summary_status(plan_workbook(more, kept.result))
    assert said == status_words("feasible", kept.result.gap), said
    assert said.startswith("The best plan found; within ") and KEPT_CLOSE_WORDS not in said
    assert summary_status(plan_workbook(more, kept.result, kept.tolerance)) == KEPT_CLOSE_WORDS
    scenario = new_scenario(more, kept.result, "Marketing +10 %", kept_close=kept.tolerance)
    assert summary_status(scenario_files(scenario)["plan.xlsx"]) == KEPT_CLOSE_WORDS


def test_the_summary_names_the_inputs_the_plan_is_built_on_under_its_status():
    """A CMO exported a what-if for the board: the Summary read its figures with nothing
    saying they were "Marketing capacity 100 % → 90 %" and not the quarter's plan. The row
    under the status names the inputs, as the app's pages say them; without them there is
    no such row (``planner solve`` gives the data it read, ``test_cli``)."""
    sample = load_with_warnings(SAMPLE).problem
    result = solve(sample)
    words = "the saved scenario #1 Q3 base with Marketing capacity 100 % → 90 %"
    rows = list(
        load_workbook(io.BytesIO(plan_workbook(sample, result, built_on=words)), read_only=True)[
            "Summary"
        ].iter_rows(values_only=True)
    )
    assert rows[1][0] == "Status" and rows[2] == ("Built on", words)
    plain = load_workbook(io.BytesIO(plan_workbook(sample, result)), read_only=True)["Summary"]
    assert "Built on" not in [row[0] for row in plain.iter_rows(values_only=True)]
