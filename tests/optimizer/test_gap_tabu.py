"""The tabu search on a pure assignment's plan (planner/optimizer/gap_tabu.py)."""

from __future__ import annotations

import time

import numpy as np
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from planner.checker import check_plan
from planner.core.domain import Plan
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import assignments_of, plan_objective
from planner.optimizer.gap_polish import polish
from planner.optimizer.gap_tabu import oscillate, tabu_polish
from planner.optimizer.greedy import greedy_pairs


def test_the_search_passes_a_plan_that_no_shift_or_swap_improves():
    """A type D GAP of 3 teams x 12 projects: the greedy's plan polished by shifts and
    swaps is stuck at 385; going over a limit and back, the search finds a better plan
    (the point of it), which keeps every rule and plans the same projects."""
    problem = gap_to_problem(gap_instance("D", 3, 12, seed=0))
    pairs = eligible_pairs(problem)
    stuck = polish(problem, pairs, greedy_pairs(problem, pairs))
    assert plan_objective(problem, polish(problem, pairs, stuck)) == plan_objective(problem, stuck)
    found = tabu_polish(problem, pairs, stuck)
    before, after = plan_objective(problem, stuck), plan_objective(problem, found)
    assert before is not None and after is not None and after > before
    assert {p.project_id for p in found} == {p.project_id for p in stuck}
    assert check_plan(problem, Plan(assignments_of(problem, found, {}), ())) == []


def test_the_same_plan_and_seed_give_the_same_result():
    """The search ends on a number of steps, not the clock: a type E GAP searched twice
    from the same plan with the same seed gives the same plan (SPEC: the same answer
    twice)."""
    problem = gap_to_problem(gap_instance("E", 5, 25, seed=1))
    pairs = eligible_pairs(problem)
    start = greedy_pairs(problem, pairs)
    first = tabu_polish(problem, pairs, start, steps=150, seed=4)
    second = tabu_polish(problem, pairs, start, steps=150, seed=4)
    assert first == second


def test_a_deadline_already_past_takes_no_step():
    """On a loaded machine the search ends at its deadline, not later: with the
    deadline already past the plan comes back as shifts and swaps left it."""
    problem = gap_to_problem(gap_instance("D", 3, 12, seed=0))
    pairs = eligible_pairs(problem)
    stuck = polish(problem, pairs, greedy_pairs(problem, pairs))
    late = tabu_polish(problem, pairs, stuck, until=time.perf_counter() - 1.0)
    assert late == stuck
    assert plan_objective(problem, tabu_polish(problem, pairs, stuck)) > plan_objective(
        problem, stuck
    )


def test_a_plan_with_a_pair_outside_the_candidates_is_left_as_it_is():
    """A chosen pair the search was not given (no cell to score it in) leaves the plan
    untouched rather than guessing."""
    problem = gap_to_problem(gap_instance("D", 3, 12, seed=0))
    pairs = eligible_pairs(problem)
    start = greedy_pairs(problem, pairs)
    others = [p for p in pairs if p != start[0]]
    assert tabu_polish(problem, others, start) == list(start)


@st.composite
def assignments(draw):
    """A small GAP with a plan that fits: each team's limit is its load plus some slack;
    some pairs are not eligible (never the plan's own)."""
    m = draw(st.integers(2, 4))
    n = draw(st.integers(2, 10))
    cells = st.lists(st.integers(1, 30), min_size=m * n, max_size=m * n)
    effort = np.array(draw(cells), dtype=float).reshape(m, n)
    value = np.array(draw(cells), dtype=float).reshape(m, n)
    at = np.array(draw(st.lists(st.integers(0, m - 1), min_size=n, max_size=n)))
    barred = np.array(draw(st.lists(st.booleans(), min_size=m * n, max_size=m * n))).reshape(m, n)
    barred[at, np.arange(n)] = False
    value[barred], effort[barred] = -np.inf, np.inf
    load = np.zeros(m)
    np.add.at(load, at, effort[at, np.arange(n)])
    slack = np.array(draw(st.lists(st.integers(0, 15), min_size=m, max_size=m)), dtype=float)
    return value, effort, load + slack, at, draw(st.integers(0, 3))


@hsettings(max_examples=60, deadline=None)
@given(assignments())
def test_the_plan_found_keeps_every_limit_and_is_worth_at_least_the_start(case):
    """Moves may fill a team past its limit while searching; the plan returned never
    does, gives each project one eligible team, and is worth no less than the start."""
    value, effort, limit, at, seed = case
    n = len(at)
    found = oscillate(value, effort, limit, at, steps=40, seed=seed)
    assert found.shape == at.shape
    assert np.isfinite(value[found, np.arange(n)]).all()
    load = np.zeros(len(limit))
    np.add.at(load, found, effort[found, np.arange(n)])
    assert (load <= limit + 1e-9).all()
    assert value[found, np.arange(n)].sum() >= value[at, np.arange(n)].sum()
