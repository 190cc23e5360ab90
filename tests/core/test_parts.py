"""planner.core.parts: the parts of a figure as shown add up to the figure as shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.parts import decimals_of, parts_adding_up
from planner.core.text import percent_value


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
