"""What a check-in's stability weight means, in a leader's words (scenarios.checkin_words)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner import load_problem
from planner.scenarios.checkin_words import keep_the_plan_words

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_keep_the_plan_words_without_goal_attainment_say_no_score():
    """With goal attainment weighted 0 the Check-in page and `planner checkin` said a move
    must "score more than that in the plan's terms": the optimizer's measure, which no
    leader reads. Without a share of the goals to give, the sentence says what the number
    does and no figure."""
    problem = load_problem(SAMPLE)
    weights = replace(problem.settings.weights, attainment=0.0)
    aimless = replace(problem, settings=replace(problem.settings, weights=weights))
    said = keep_the_plan_words(aimless, 5.0)
    assert said.startswith("At 5, the higher the number, the fewer projects move"), said
    for word in ("score", "terms", "points", "pts", "objective"):
        assert word not in said, (word, said)
    assert "about 0.3 pts" in keep_the_plan_words(problem, 5.0)
