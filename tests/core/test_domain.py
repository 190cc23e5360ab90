"""planner.core.domain: the objective's terms as every page lists them."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from planner.core.domain import ObjectiveBreakdown


def test_the_signed_terms_name_every_term_and_add_up_to_the_total():
    """The Plan page's "Score terms" line is ``signed()``: it once left confidence out, so
    with the confidence weight on the terms shown did not add up to the objective above
    them. Every field is named, penalties count negative, and the sum is the total."""
    breakdown = ObjectiveBreakdown(
        attainment=Fraction(500),
        value=Fraction(7),
        balance=Fraction(9),
        fit=Fraction(3, 2),
        stability=Fraction(2),
        confidence=Fraction(40),
    )
    signed = breakdown.signed()
    assert set(signed) == {f.name for f in dataclasses.fields(ObjectiveBreakdown)}
    assert signed["balance"] == -9 and signed["stability"] == -2 and signed["confidence"] == 40
    assert sum(signed.values()) == breakdown.total == Fraction(1075, 2)
