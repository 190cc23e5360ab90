"""Where capacity binds: the full teams, what they cannot fit, and their load written
as every page writes it.
"""

from __future__ import annotations

from fractions import Fraction

from builders import (
    problem,
    project,
    team,
)

from planner.checker import check_plan
from planner.explain import (
    capacity_pressure,
    explain_project,
)
from planner.explain.capacity import TeamPressure
from planner.solving.solver import solve

# -- where capacity binds ------------------------------------------------------------------------


def test_capacity_pressure_flags_the_full_team_and_what_it_cannot_fit():
    """A full team that leaves work out binds; a half-empty one does not."""
    p = problem(
        [team("Brand", capacity=10), team("AEs", "sales", capacity=100)],
        [project("a", value=5), project("b", value=3), project("deal", "closing", effort=40)],
    )
    result = solve(p)
    pressure = {x.team_id: x for x in capacity_pressure(p, result.plan)}
    assert pressure["Brand"].binding and pressure["Brand"].blocked == ("b",)
    assert pressure["Brand"].utilisation == 1
    assert not pressure["AEs"].binding and pressure["AEs"].free == 60
    assert "Brand has 10 of 10 h planned (100.0 %), 0 h free; no room for 'b'" in pressure[
        "Brand"
    ].text(p)


def test_explanations_write_hours_as_every_page_writes_them():
    """The Plan page's table says "3,521 h" where an explanation said "3,520.6 h": hours
    in an explanation are planner.core.shown_figures's, whole from 10 on with thousands
    separators, so the same team reads the same hours everywhere.
    """
    p = problem(
        [team("Brand", capacity="3520.6"), team("AEs", "sales", capacity=100)],
        [project("a", effort="3520.6", value=5), project("b", effort="1200.4", value=3)],
    )
    result = solve(p)
    assert check_plan(p, result.plan) == []
    (brand,) = [x for x in capacity_pressure(p, result.plan) if x.team_id == "Brand"]
    line = brand.text(p)
    assert line.startswith("Brand has 3,521 of 3,521 h planned (100.0 %), 0 h free"), line
    why = explain_project(p, result, "b")
    words = " ".join([why.figures or "", *why.lines])
    assert "1,200 h" in words and "1200.4" not in words and "1,200.4" not in words, words


def test_capacity_pressure_lists_many_blocked_projects_with_one_and():
    """ "'A', 'B' and 'C' and 2 more" reads as a slip; lists read the same everywhere."""
    p = problem([team("Brand")], [project(x) for x in "ABCDE"])
    pressure = TeamPressure("Brand", Fraction(100), Fraction(100), 1, True, tuple("ABCDE"))
    assert pressure.text(p).endswith("; no room for 'A', 'B', 'C' and 2 more")


def test_capacity_pressure_writes_the_load_as_every_page_does():
    """794 of 800 h is 99.3 % on the Plan page and in `scenarios show`: `planner explain` too.

    It printed "(99.2 %)" (float formatting of 99.25) and "(98 %)" (no decimal).
    """
    p = problem([team("SE")], [project("a")])
    assert "(99.3 %)" in TeamPressure("SE", Fraction(800), Fraction(794), 1, True, ()).text(p)
    assert "(98.0 %)" in TeamPressure("SE", Fraction(100), Fraction(98), 1, True, ()).text(p)
