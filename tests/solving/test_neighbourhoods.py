"""Which neighbourhood search a solve runs: from the warm start, or after a first search."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from planner.solving.neighbourhoods import (
    FROM_HINT_MAX_PAIRS,
    FROM_HINT_MIN_PAIRS,
    from_warm_start,
)


def _warm(objective: float, bound: float) -> SimpleNamespace:
    """A warm start's figures, as from_warm_start reads them."""
    return SimpleNamespace(objective=objective, bound=bound)


@pytest.mark.parametrize(
    ("num_pairs", "expected"),
    [
        (FROM_HINT_MIN_PAIRS - 1, False),
        (FROM_HINT_MIN_PAIRS, True),
        (86_409, True),  # 150 x 3,000: the sub-models replace CP-SAT over the whole model
        (FROM_HINT_MAX_PAIRS, True),
        (FROM_HINT_MAX_PAIRS + 1, False),  # 300 x 10,000: reading the model costs seconds
    ],
)
def test_a_quarter_close_to_its_bound_is_searched_from_the_warm_start_within_the_sizes(
    num_pairs, expected
):
    """L (86,000 pairs) gets the sub-model steps; XL keeps its search over the whole model."""
    planning = SimpleNamespace(num_pairs=num_pairs)
    assert from_warm_start(planning, _warm(995.0, 1000.0)) is expected  # type: ignore[arg-type]


def test_a_warm_start_far_from_its_bound_gets_a_first_search():
    """A GAP instance's warm start is further off: the first search over the model helps there."""
    planning = SimpleNamespace(num_pairs=FROM_HINT_MIN_PAIRS)
    assert not from_warm_start(planning, _warm(900.0, 1000.0))  # type: ignore[arg-type]
