"""planner.core.domain: the objective's terms as every page lists them; a problem's indexes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

from builders import problem, project, team

from planner.core.domain import CalendarRow, ObjectiveBreakdown, capped_attainment


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


def test_dependents_name_each_project_s_dependents_in_the_data_s_order():
    """Rule 8 read from the prerequisite's side, written once: the explanations, the week
    neighbourhood search and the check-in's blocked projects each built this map."""
    data = problem(
        [team("m1")],
        [
            project("c", depends_on=("a", "b")),
            project("a"),
            project("b", depends_on=("a",)),
            project("d"),
        ],
    )
    assert data.dependents == {"a": ("c", "b"), "b": ("c",)}
    assert data.dependents.get("d", ()) == ()


def test_a_side_s_hours_are_the_project_s_effort_times_its_share():
    """The explanations say "its 60 h share of this joint project" from this one product;
    a project for one department carries all of its effort there."""
    joint = project("j", effort=100, joint=True, sales_share=Decimal("0.6"))
    assert (joint.hours_for("sales"), joint.hours_for("marketing")) == (60, 40)
    assert project("m", effort=100).hours_for("marketing") == 100


def test_a_team_s_quarter_hours_are_summed_once_per_problem():
    """Each team's limit, eligible pairs, explanations and figures ask for its quarter's hours
    (270 times in one capacity what-if on the sample): the sum of its weeks is made once, and
    it is the same exact figure every time."""
    quarter = problem(
        [team("m1", capacity=130), team("m2", capacity=100)],
        [project("x")],
        calendar=[CalendarRow("m1", 3, 3, Decimal(0))],  # m1: no hours in week 3
    )
    first = quarter.quarter_hours("m1")
    assert first == 120 and quarter.quarter_hours("m1") is first
    assert quarter.quarter_hours("m2") == 100
    assert quarter.quarter_hours("m2") is quarter.quarter_hours("m2")


def test_a_goal_s_attainment_counts_to_its_target_and_no_further():
    """The attainment term's cap, exact: 1/3 of a target is 100/3 %, twice it is 100 %."""
    assert capped_attainment(Fraction(1), Decimal(3)) == Fraction(100, 3)
    assert capped_attainment(Decimal("600"), Decimal("300")) == 100
    assert capped_attainment(Fraction(0), Fraction(7)) == 0


def test_a_team_may_own_up_to_its_max_projects():
    """Rule 6 for one team: ``max_projects`` projects and no more; no cap, any number."""
    capped, free = team("t", max_projects=2), team("u")
    assert capped.may_own(2) and not capped.may_own(3)
    assert free.may_own(10_000)
