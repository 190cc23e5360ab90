"""A KPI's unit after one of it: "1 new customer", never "1 new customers".

The sample's KPIs are plural nouns ("new customers", "MQLs", "website visitors"); a
plan, a check-in or a re-plan that brings exactly one of them read "1 new customers"
on the pages, the command line and the workbooks alike. Every amount is written
through :mod:`planner.core.shown_figures`, which now writes its unit for the number it follows.
"""

from __future__ import annotations

import pytest

from planner.core.shown_figures import amount, amount_shown, at_least, outcome, recorded, unit_after


@pytest.mark.parametrize(
    ("unit", "one"),
    [
        ("new customers", "new customer"),
        ("MQLs", "MQL"),
        ("website visitors", "website visitor"),
        ("opportunities", "opportunity"),
        ("demos booked", "demo booked"),
        ("pipeline $", "pipeline $"),
        ("ARR saved $", "ARR saved $"),
        ("expansion ARR $", "expansion ARR $"),
        ("business", "business"),
        ("status", "status"),
        ("boxes", "box"),
        ("", ""),
    ],
)
def test_a_unit_after_one_reads_singular(unit, one):
    """One of a plural noun reads singular; a unit that is no plural noun ("pipeline $",
    "ARR saved $", "business") reads as written, never a letter short."""
    assert unit_after(1, unit) == one


@pytest.mark.parametrize("number", [0, 2, 0.5, 1.5, 40, 1_000_000])
def test_a_unit_after_any_other_number_reads_as_written(number):
    """0, fractions and many are plural in English: "0.5 new customers", "0 MQLs"."""
    assert unit_after(number, "new customers") == "new customers"


def test_every_amount_writer_writes_one_in_the_singular():
    """The amount, the estimated outcome, the floor of a chance, a figure recorded and one
    already rounded all write "1 new customer", so a sentence reads right wherever it is."""
    assert amount(1, "new customers") == "1 new customer"
    assert amount(1.02, "new customers") == "1 new customer"  # shown as 1
    assert amount(1.2, "new customers") == "1.2 new customers"
    assert outcome(1, "MQLs") == "1 MQL"
    assert at_least(1, "MQLs") == "1 MQL"
    assert recorded(1, "website visitors") == "1 website visitor"
    assert recorded(1.25, "website visitors") == "1.25 website visitors"
    assert amount_shown(1.0, "new customers") == "1 new customer"
    assert amount(2, "new customers") == "2 new customers"


def test_the_odds_of_a_goal_of_one_new_customer_read_singular():
    """A goal of one flagship logo: its odds sentence wrote the unit itself after the
    target and the typical outcome, and read "chance to reach 1 new customers"."""
    from decimal import Decimal

    from planner.core.domain import Goal
    from planner.core.uncertainty import Driver, GoalOdds, odds_words

    goal = Goal("flagship", "Flagship logo", Decimal(1), "new customers")
    odds = GoalOdds(
        "flagship", 1.0, 1.0, 1.0, 0.6, 0.5, 1.0, 1.2, True, (Driver("P", 0.5, 1.0, 1.5, 1.0),)
    )
    words = odds_words(goal, odds)
    assert "chance to reach 1 new customer;" in words
    assert words.endswith("typically 1 new customer")


def test_the_odds_name_the_target_as_the_goal_s_row_does():
    """A generated quarter's SQLs read "274.5 of 311.1 SQLs (88.2 %); 3 % chance to reach
    311 SQLs": the odds named the target rounded on its own, the row at the planned
    figure's precision. Both now read 311.1, certain or not."""
    from dataclasses import replace
    from decimal import Decimal

    from planner.core.domain import Goal
    from planner.core.uncertainty import Driver, GoalOdds, odds_words

    goal = Goal("sqls", "Sales-qualified leads", Decimal("311.08"), "SQLs")
    # Its top reaches the target (274.5 + 40 of 311.08): a chance of 3 % is within reach.
    ranged = (Driver("QU-01", 20.0, 30.0, 70.0, 30.0),)
    uncertain = GoalOdds("sqls", 311.08, 274.5, 275.0, 0.03, 256.0, 279.0, 300.0, False, ranged)
    assert "3 % chance to reach 311.1 SQLs; " in odds_words(goal, uncertain)
    out_of_reach = replace(uncertain, probability=0.0, drivers=(replace(ranged[0], high=40.0),))
    assert "0 % chance to reach 311.1 SQLs (out of reach: " in odds_words(goal, out_of_reach)
    certain = GoalOdds("sqls", 311.08, 274.5, 274.5, 0.0, 274.5, 274.5, 274.5, True)
    assert odds_words(goal, certain).startswith("plans 274.5 of 311.1 SQLs: certain to fall")
    # A whole planned figure keeps the target's own rounding: 300 of 311 SQLs.
    whole = GoalOdds("sqls", 311.08, 300.0, 300.0, 0.0, 300.0, 300.0, 300.0, True)
    assert odds_words(goal, whole).startswith("plans 300 of 311 SQLs")
