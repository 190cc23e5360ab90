"""planner.core.rounded_parts: the parts of a figure as shown add up to the figure as shown."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.rounded_parts import decimals_of, hours_adding_up, parts_adding_up
from planner.core.shown_figures import hours_value, percent_value


def test_parts_take_the_step_their_rounding_lost_by_the_largest_remainder():
    """50.25 and 45.25 read 50.3 and 45.3 on their own, 95.6 under a total of 95.5."""
    assert parts_adding_up([50.25, 45.25], 95.5, 1) == [50.3, 45.2]
    assert parts_adding_up([502.5, 452.5], 955, 0) == [503, 452]
    assert parts_adding_up([0.0, 88.46], 88.5, 1) == [0.0, 88.5]


def test_a_total_shown_below_its_parts_takes_the_step_off_a_part_not_a_zero():
    """A goal short of its target never reads 100 %: 60 + 39.97 reads 99.9, and so do the
    parts (60.0 and 39.9), never a part of 0 made negative."""
    assert parts_adding_up([60.0, 39.97], 99.9, 1) == [60.0, 39.9]
    assert parts_adding_up([0.0, 99.97], 99.9, 1) == [0.0, 99.9]


@given(st.lists(st.floats(min_value=0, max_value=500, allow_nan=False), min_size=1, max_size=4))
def test_parts_add_up_and_stay_within_a_step(parts):
    """Property: the parts add up to the total as shown, each within a step of the truth."""
    total = percent_value(sum(parts))
    assert total is not None
    shown = parts_adding_up(parts, total, 1)
    assert sum(shown) == pytest.approx(total)
    assert all(abs(s - p) < 0.1 + 1e-6 for s, p in zip(shown, parts, strict=True))


def test_decimals_of_a_figure_as_written():
    assert (decimals_of(2880), decimals_of(89.9), decimals_of(0.013)) == (0, 1, 3)


def test_hours_add_up_to_their_exact_sum_rounded_once():
    """The sample's sales teams' capacity, each rounded on its own, read 5,320 h where they
    have 5,319.1 h: the total reads its exact sum rounded once and the rows add up to it,
    the smallest remainder that was rounded up giving the hour back (SDR 984.6 h: 984 h)."""
    exact = [
        Fraction(984577, 1000),
        Fraction(1324615, 1000),
        Fraction(1040769, 1000),
        Fraction(787662, 1000),
        Fraction(1181492, 1000),
    ]
    shown = hours_adding_up(["sales"] * 5, exact)
    assert shown == [984, 1325, 1041, 788, 1181]
    assert sum(shown) == 5319 == round(sum(exact))


def test_hours_already_adding_up_keep_each_own_rounding():
    """Where each figure's own rounding adds up to its group's and the total's, nothing moves:
    small hours keep their decimal (7.5 h), as every page writes them."""
    assert hours_adding_up(["a", "a", "b"], [Fraction(15, 2), Fraction(5, 2), 200]) == [
        7.5,
        2.5,
        200,
    ]


@given(
    st.lists(
        st.tuples(st.sampled_from(["m", "s"]), st.fractions(min_value=10, max_value=5000)),
        min_size=1,
        max_size=12,
    )
)
def test_teams_hours_add_up_to_their_totals_rounded_once(teams):
    """Whole hours from 10 on: the figures add up to the total's exact sum rounded once,
    each department's within an hour of its exact sum, each team's within an hour of its."""
    groups = [g for g, _ in teams]
    exact = [x for _, x in teams]
    shown = hours_adding_up(groups, exact)
    assert sum(shown) == hours_value(sum(exact))
    for x, y in zip(exact, shown, strict=True):
        assert abs(y - x) < 1
    for g in set(groups):
        mine = [i for i, h in enumerate(groups) if h == g]
        assert abs(sum(shown[i] for i in mine) - sum(exact[i] for i in mine)) < 1


def test_departments_add_up_to_the_total_before_their_teams():
    """Two departments at 10.5 h and 10.5 h: each alone reads 11 h, 22 h for 21 h. The total
    is rounded once (21 h) and the departments share its hours, then their teams theirs."""
    shown = hours_adding_up(["m", "s"], [Fraction(21, 2), Fraction(21, 2)])
    assert sum(shown) == 21
    assert sorted(shown) == [10, 11]
