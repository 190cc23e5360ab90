"""bench/week_alternate.py: rounds that fix the starts, the owners or all but a few teams.

A round's plan is kept only when it passes the independent checker and scores more:
these tests run the script's own code on generated 5 x 30 quarters in weeks from the
greedy's plan, and check what it returns with the checker (they time nothing).
"""

from __future__ import annotations

from fractions import Fraction
from types import ModuleType

import pytest
from builders import bench_script, small_quarter_in_weeks

from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import checked_objective
from planner.optimizer.greedy import greedy_plan


@pytest.fixture
def bench(monkeypatch) -> ModuleType:
    """bench/week_alternate.py as a module."""
    return bench_script(monkeypatch, "week_alternate")


def exact(problem, chosen, starts) -> Fraction:
    """The plan's objective in exact arithmetic; it must pass the independent checker."""
    checked = checked_objective(problem, chosen, starts)
    assert checked is not None
    return Fraction(checked.breakdown.total)


@pytest.mark.parametrize("seed", [0, 7])
def test_every_round_plan_kept_is_checked_and_no_worse_than_its_start(bench, seed):
    """From the greedy's plan, every kind of round: the best plan passes the checker,
    scores exactly what the tool says and no less than the start; the best never falls."""
    prob = small_quarter_in_weeks(seed)
    chosen, starts = greedy_plan(prob, eligible_pairs(prob))
    start = exact(prob, chosen, starts)
    out = bench.alternate(
        prob, chosen, starts, seconds=20.0, round_s={"a": 3.0, "b": 3.0, "c": 2.0}, c_rounds=2
    )
    assert out.start == start
    assert {r.kind for r in out.rounds} == {"a", "b", "c"}
    assert out.refused == 0
    assert exact(prob, out.chosen, out.starts) == out.best >= start
    bests = [float(start)] + [r.best for r in out.rounds]
    assert bests == sorted(bests)
    assert all(r.objective is not None and r.objective <= r.best + 1e-9 for r in out.rounds)
    # CP-SAT's bound is in its rounded units: within a point of the exact objective.
    assert all(r.bound >= r.objective - 1.0 for r in out.rounds)


def test_the_halves_fix_what_they_say(bench):
    """``a`` holds a planned project's other starts at 0 and leaves its owners free;
    ``b`` holds every pair but the plan's at 0; ``c`` fixes every pair of the other teams
    at the plan's value and none of the freed teams'."""
    prob = small_quarter_in_weeks(0)
    pairs = eligible_pairs(prob)
    chosen, starts = greedy_plan(prob, pairs)
    halves = bench.Halves(prob, pairs)
    var = halves.planning.variables.columns
    on = {halves.index[(p.project_id, p.team_id)] for p in chosen}
    a = halves.fixed("a", chosen, starts, set())
    assert not any(var[row].index in a for row in on)
    for row in on:
        pid = pairs[row].project_id
        for week, column in halves.start_columns[row].items():
            if week != starts[pid]:
                assert a[var[column].index] == 0
    b = halves.fixed("b", chosen, starts, set())
    assert all(b.get(var[row].index) == (None if row in on else 0) for row in range(len(pairs)))
    free = {halves.teams[0]}
    c = halves.fixed("c", chosen, starts, free)
    for row, pair in enumerate(pairs):
        if pair.team_id in free:
            assert var[row].index not in c
        else:
            assert c[var[row].index] == int(row in on)
