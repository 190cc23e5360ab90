"""What a plan's distance to the best is measured on, said under the weights in force.

"within 0.5 % of the best plan these settings allow, goals weighed by how much each
matters" was the status line's under weights that count the projects' value alone
(``attainment = 0``): the goals' weights counted for nothing there.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from planner.core.domain import Status
from planner.core.loading import load_with_warnings
from planner.core.settings import Weights
from planner.core.status_words import WEIGHED_GOALS, measured_on, status_sentence, status_words
from planner.interfaces.cli import main
from planner.interfaces.exports import summary_sheet
from planner.scenarios.metrics import plan_metrics

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
VALUE_ONLY = Weights(attainment=0, value=1, balance=0, fit=0)
VALUE_WORDS = "measured on the projects' value in their KPI units"


def test_the_measure_follows_the_weights():
    assert measured_on() == measured_on(Weights()) == WEIGHED_GOALS
    assert measured_on(VALUE_ONLY) == VALUE_WORDS
    both = measured_on(Weights(value=1))
    assert both == f"{WEIGHED_GOALS} and the projects' value in their KPI units"
    assert measured_on(Weights(attainment=0, value=0, balance=1)) == "measured on the plan's score"


def test_a_plan_found_and_a_plan_kept_close_say_what_they_are_measured_on():
    found = status_sentence("feasible", 2.0, 0.012, weights=VALUE_ONLY)
    kept = status_sentence("feasible", 2.0, 0.001, 0.005, VALUE_ONLY)
    words = status_words("feasible", 0.012, weights=VALUE_ONLY)
    for said in (found, kept, words):
        assert VALUE_WORDS in said and "goals weighed" not in said, said
    assert WEIGHED_GOALS in status_sentence("feasible", 2.0, 0.012)


def test_plan_xlsx_status_says_the_value_measure():
    problem = load_with_warnings(SAMPLE).problem
    figures = plan_metrics(problem, None)
    found = replace(figures, status=Status.FEASIBLE, gap=0.02)
    sheet: pd.DataFrame = summary_sheet(found, weights=VALUE_ONLY)
    status = sheet.set_index(sheet.columns[0]).loc["Status"].iloc[0]
    assert VALUE_WORDS in status and "goals weighed" not in status


def test_solve_kept_close_under_value_weights_says_value(tmp_path, capsys):
    settings = tmp_path / "value.toml"
    settings.write_text("[weights]\nattainment = 0\nvalue = 1\n")
    baseline = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(baseline)]) == 0
    capsys.readouterr()
    out = tmp_path / "kept.csv"
    args = ["--settings", str(settings), "--baseline", str(baseline), "--out", str(out)]
    assert main(["solve", str(SAMPLE), *args]) == 0
    status = capsys.readouterr().out.splitlines()[0]
    assert status.startswith("status: Kept close to the previous plan")
    assert VALUE_WORDS in status and "goals weighed" not in status
