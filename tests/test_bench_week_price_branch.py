"""bench/week_price_branch.py: whole plans from the column generation's team plans.

The integer master over the columns is a plan only if each column keeps its own
team's rows and the master keeps every row that ties teams: these tests run the
script's own code on generated 5 x 30 quarters in weeks, and check its plans with the
independent checker (they time nothing). That the team search's columns keep their
team's rows is tests/optimizer/test_week_bound.py's.
"""

from __future__ import annotations

from types import ModuleType

import pytest
from builders import bench_script, small_quarter_in_weeks

from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import greedy_plan
from planner.optimizer.week_bound import decomposed


@pytest.fixture
def bench(monkeypatch) -> ModuleType:
    """bench/week_price_branch.py as a module."""
    return bench_script(monkeypatch, "week_price_branch")


@pytest.mark.parametrize("seed", [0, 7])
def test_the_integer_master_is_a_checked_plan_no_worse_than_its_start(bench, seed):
    """The two runs' columns, then HiGHS on the integer master: its plan passes the
    checker, scores in exact arithmetic what the master says it scores (the master prices
    a whole plan exactly), no less than the plan the columns started from (its columns are
    the hint) and no more than the master LP over the same columns."""
    prob = small_quarter_in_weeks(seed)
    pairs = eligible_pairs(prob)
    chosen, starts = greedy_plan(prob, pairs)
    start_value = plan_objective(prob, chosen, starts)
    assert start_value is not None
    pool, figures = bench.team_columns(
        prob, chosen, starts, pairs, relaxed_s=3.0, kept_s=3.0, pricing_s=0.05, max_pricing_s=0.2
    )
    assert figures["pool"] == len(pool) > 0
    split = decomposed(prob, pairs)
    assert not any(bench.breaks_own_rows(split.blocks.local[t], c) for t, c in pool)
    hint = bench.start_columns_of(prob, pairs, chosen, starts)
    found = bench.integer_master(prob, pairs, [*pool, *hint], hint, 30.0)
    assert found.broken == 0
    assert found.master is not None and found.objective is not None
    assert found.objective == pytest.approx(found.master, abs=1e-6)
    assert found.objective >= start_value - 1e-6
    assert found.master <= found.lp + 1e-6
    assert plan_objective(prob, found.chosen, found.starts) == pytest.approx(found.objective)
    same = bench.differences(prob, (chosen, starts), (chosen, starts))
    assert (same["added"], same["dropped"], same["owner_changed"], same["start_moved"]) == (
        0,
        0,
        0,
        0,
    )
