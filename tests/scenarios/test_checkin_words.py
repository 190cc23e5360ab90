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


def test_keep_the_plan_words_show_what_their_pts_are_on_a_goal_attainment():
    """ "Adds more than about 0.3 pts to the quarter's goal attainment": a CMO new to the
    Check-in page read "pts" as an abbreviation nothing on the page spelt out (points of
    what?). The sentence shows it on a goal attainment, as from 80 % to 80.3 %."""
    problem = load_problem(SAMPLE)
    said = keep_the_plan_words(problem, 5.0)
    assert said.startswith(
        "At 5, a project moves to another team only when the move raises the quarter's goal "
        "attainment (the weighted % of the Overview) by more than about 0.3 pts, as from "
        "80 % to 80.3 %; "
    ), said
    assert "as from 80 % to 81.2 %;" in keep_the_plan_words(problem, 20.0)
    assert "as from 80 % to 80.06 %;" in keep_the_plan_words(problem, 1.0)
