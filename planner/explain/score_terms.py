"""The optimizer's score in words: each term's name and a change of the score signed."""

from __future__ import annotations

from fractions import Fraction

#: Each term of the optimizer's score, as the "Advanced: the planner's ranking score" panel
#: names it; the Constraints page's priorities (``scenarios.priorities.PRIORITY_NAMES``) take
#: their names from here.
TERM_NAMES = {
    "attainment": "Goal attainment",
    "value": "Total value",
    "balance": "Workload balance",
    "fit": "Skill fit",
    "stability": "Stability",
    "confidence": "Odds of hitting each target",
}


def signed(amount: Fraction | float) -> str:
    """A change of the optimizer's score, as the Advanced panel signs it: ``+12.35``, ``−0.40``."""
    x = float(amount)
    return f"−{-x:,.2f}" if f"{x:.2f}" not in ("0.00", "-0.00") and x < 0 else f"+{abs(x):,.2f}"
