"""``planner scenarios compare --json`` gives the change in goal attainment the text, the
app's Compare tab and comparison.xlsx give, when the two scenarios weigh the goals apart."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from planner.core.loading import load_with_warnings, write_folder
from planner.core.shown_figures import percent_value
from planner.interfaces.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _traffic_weighed_four_times(folder: Path) -> Path:
    """The sample with 'Grow website traffic from our ICP' weighing 4 (1 in the sample)."""
    sample = load_with_warnings(SAMPLE).problem
    goals = tuple(
        replace(g, weight=Decimal(4)) if g.goal_id == "visitors" else g for g in sample.goals
    )
    write_folder(sample.replace(goals=goals), folder)
    return folder


def test_compare_json_gives_the_goal_attainment_change_the_text_gives(db, capsys, tmp_path):
    """A CMO saved the quarter, made website traffic matter four times as much and saved it
    again. The app, `planner scenarios compare` and comparison.xlsx read goal attainment
    85.6 % → 83.2 % as "+3.7 pts" (A weighed as B weighs the goals: 79.5 %), but --json gave
    only the two scenarios' own figures, 85.62 and 83.16: a report built on it read -2.5 pts.
    It gives the change the text gives, and the figure of A it is read against."""
    heavier = _traffic_weighed_four_times(tmp_path / "traffic-x4")
    assert main(["scenarios", "save", str(SAMPLE), "--name", "Q3 base"]) == 0
    saved = ["scenarios", "save", str(heavier), "--name", "Traffic x4", "--parent", "Q3 base"]
    assert main(saved) == 0
    capsys.readouterr()
    assert main(["scenarios", "compare", "Q3 base", "Traffic x4"]) == 0
    text = capsys.readouterr().out
    (row,) = [line for line in text.splitlines() if line.startswith("goal attainment")]
    said = re.search(r"([+-]\d+\.\d) pts$", row)
    assert said is not None, row
    (weighed,) = re.findall(r"A's goal attainment is (\d+\.\d) %", text)
    assert main(["scenarios", "compare", "Q3 base", "Traffic x4", "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["attainment_change_points"] == float(said.group(1))
    assert percent_value(diff["a"]["attainment_as_b_weighs"]) == float(weighed)
    # The change is B's figure less A's figure weighed as B weighs the goals, as shown.
    a, b = diff["a"]["attainment_as_b_weighs"], diff["b"]["attainment_pct"]
    assert diff["attainment_change_points"] == round(percent_value(b) - percent_value(a), 1)
    assert diff["attainment_change_points"] > 0 > b - diff["a"]["attainment_pct"]


def test_compare_json_with_the_same_weights_reads_the_change_of_the_two_figures(
    db, capsys, tmp_path
):
    """The same weights: the change is the two scenarios' own figures apart, as shown."""
    assert main(["scenarios", "save", str(SAMPLE), "--name", "Q3 base"]) == 0
    sample = load_with_warnings(SAMPLE).problem
    capacity = sample.settings.capacity.__class__(multipliers={"marketing": 0.8})
    squeezed = tmp_path / "squeezed"
    write_folder(sample.replace(settings=sample.settings.with_changes(capacity=capacity)), squeezed)
    assert main(["scenarios", "save", str(squeezed), "--name", "Marketing -20%"]) == 0
    capsys.readouterr()
    assert main(["scenarios", "compare", "Q3 base", "Marketing -20%", "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["a"]["attainment_as_b_weighs"] is None
    a, b = diff["a"]["attainment_pct"], diff["b"]["attainment_pct"]
    assert diff["attainment_change_points"] == round(percent_value(b) - percent_value(a), 1) < 0
