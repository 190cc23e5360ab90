"""What a check-in's settings and records mean, in a leader's words.

The Check-in page and ``planner checkin`` say the same sentence from here: the
number that keeps the plan in goal attainment points, and the projects in
progress whose end week cannot hold the work left.
"""

from __future__ import annotations

from decimal import Decimal

from planner.core.domain import Problem


def _points(x: float) -> str:
    """Points of attainment as a leader reads them: one decimal, one figure below 0.1."""
    if x >= 0.1:
        return f"{x:.1f}"
    return f"{x:.1g}"


def keep_the_plan_words(problem: Problem, stability: float) -> str:
    """What the re-plan's ``stability`` weight means for ``problem``'s goals.

    The weight is what a move to another team costs in the objective, where a goal's
    percentage point counts its weight: the quarter's goal attainment (the Overview's
    weighted %) moves by the objective over the sum of the goals' weights. On the
    sample (weights 16.5 in all) 5 is about 0.3 points of that attainment.
    """
    shown = f"{stability:g}"
    if stability <= 0:
        return (
            f"At {shown}, projects move to another team whenever that helps the goals at "
            "all; the higher the number, the fewer moves."
        )
    weights = sum((g.weight for g in problem.goals), Decimal(0))
    per_point = float(weights) * problem.settings.weights.attainment
    if per_point <= 0:
        return (
            f"At {shown}, a project moves to another team only when the move scores more "
            "than that in the plan's terms (there is no goal attainment to weigh it "
            "against); 0 moves projects freely."
        )
    return (
        f"At {shown}, a project moves to another team only when the move adds more than "
        f"about {_points(stability / per_point)} points to the quarter's goal attainment "
        "(the weighted % of the Overview); 0 moves projects freely, and the higher the "
        "number, the fewer moves."
    )
