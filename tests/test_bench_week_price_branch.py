"""bench/week_price_branch.py: whole plans from the column generation's team plans.

The integer master over the columns is a plan only if each column keeps its own
team's rows and the master keeps every row that ties teams: these tests run the
script's own code on a two-project quarter and on generated 5 x 30 quarters in
weeks, and check its plans with the independent checker (they time nothing).
"""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from builders import VALUE_ONLY, problem, project, settings, team

from planner.core.domain import CalendarRow, Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.core.settings import Weights
from planner.optimizer import week_bound_stable
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import greedy_plan
from planner.optimizer.warm_start import plan_objective
from planner.optimizer.week_bound import decomposed

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


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


def one_team_in_sequence() -> Problem:
    """One team, 10 h a week; ``b`` (1 week) runs after ``a`` (2 weeks), both due by week 8."""
    return problem(
        [team("m1", capacity=130)],
        [
            project("a", effort=10, value=5, duration_weeks=2, due_week=8),
            project("b", effort=5, value=5, duration_weeks=1, due_week=8, depends_on=("a",)),
        ],
        calendar=[CalendarRow("m1", 1, 13, D(10))],
        settings=settings(VALUE_ONLY),
    )


def test_the_guarded_team_search_keeps_a_finish_to_start_row_within_one_team(bench):
    """From ``a`` in weeks 1-2 and ``b`` in week 3, prices that want ``a`` in week 3: the
    team search moves ``a`` alone only if it forgets the row that ``a``'s old start held
    (``b`` started by week 3 needs ``a`` started by week 1). The guarded search's column
    keeps every row of the team's own, and is worth no less than the one it started from."""
    prob = one_team_in_sequence()
    split = decomposed(prob)
    row = {p.project_id: r for r, p in enumerate(split.pairs)}
    a, b = row["a"], row["b"]
    hint = {a, split.start_columns[a][1], b, split.start_columns[b][3]}
    reduced = {j: 0.0 for j in split.blocks.columns[0]}
    reduced[a] = reduced[b] = 1.0
    reduced[split.start_columns[a][3]] = 5.0
    plain = bench.KeptRowsGreedy.install(week_bound_stable)
    try:
        guarded = week_bound_stable.TeamGreedy(split.pricing[0], split.blocks.local[0])
    finally:
        week_bound_stable.TeamGreedy = plain
    column = guarded.best(reduced, hint)
    assert not bench.breaks_own_rows(split.blocks.local[0], frozenset(column))
    assert not bench.breaks_own_rows(split.blocks.local[0], frozenset(hint))
    assert sum(reduced[j] for j in column) >= sum(reduced[j] for j in hint)


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
