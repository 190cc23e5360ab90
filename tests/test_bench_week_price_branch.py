"""bench/week_price_branch.py: whole plans from the column generation's team plans.

The integer master over the columns is a plan only if each column keeps its own
team's rows and the master keeps every row that ties teams: these tests run the
script's own code on generated 5 x 30 quarters in weeks, and check its plans with the
independent checker (they time nothing). That the team search's columns keep their
team's rows is tests/optimizer/test_week_bound.py's.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from builders import settings

from planner.core.domain import Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.core.settings import Weights
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import greedy_plan
from planner.optimizer.warm_start import plan_objective
from planner.optimizer.week_bound import decomposed

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bench(monkeypatch) -> ModuleType:
    """bench/week_price_branch.py as a module."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts bench/ on it
    path = ROOT / "bench" / "week_price_branch.py"
    spec = importlib.util.spec_from_file_location("bench_week_price_branch", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def quarter_in_weeks(seed: int) -> Problem:
    """A generated 5 x 30 quarter in weeks (goals, balance and fit on)."""
    generated = generate_instance(5, 30, seed=seed)
    weights = Weights(attainment=1, value=0, balance=0.1, fit=0.05, stability=0)
    return with_weeks(generated, seed=seed).replace(settings=settings(weights))


@pytest.mark.parametrize("seed", [0, 7])
def test_the_integer_master_is_a_checked_plan_no_worse_than_its_start(bench, seed):
    """The two runs' columns, then HiGHS on the integer master: its plan passes the
    checker, scores in exact arithmetic what the master says it scores (the master prices
    a whole plan exactly), no less than the plan the columns started from (its columns are
    the hint) and no more than the master LP over the same columns."""
    prob = quarter_in_weeks(seed)
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
