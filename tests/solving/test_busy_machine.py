"""A solve on a machine too busy for its limit says so at once, rather than answer late.

Once the eligible pairs are found, the greedy's forced and kept work, its check and the
first plan's translation cannot stop: a check-in at 100 teams x 5,000 projects with a 3 s
limit answered in 11-15 s at load 14-18. The seconds finding the pairs took measure the
machine now; the warm start's clock is moved on by hand here, not waited.
"""

from __future__ import annotations

import pytest
from builders import SkippingClock

from planner.core.domain import Status
from planner.core.generate import generate_problem
from planner.optimizer.eligibility import eligible_pairs
from planner.solving.limits import least_after_pairs_s, overruns_after_pairs
from planner.solving.solver import solve


@pytest.fixture
def slow_pairs(monkeypatch) -> list[float]:
    """Seconds the warm start's clock moves on while it finds the eligible pairs, and how
    often its greedy ran (appended to the list after the seconds)."""
    import planner.optimizer.warm_start as warm_start_module

    clock = SkippingClock()
    seen = [0.0]

    def slow(problem_):
        clock.skip(seen[0])
        return eligible_pairs(problem_)

    real_greedy = warm_start_module.greedy_plan

    def counted(*args, **kwargs):
        seen.append(1.0)
        return real_greedy(*args, **kwargs)

    monkeypatch.setattr(warm_start_module, "time", clock)
    monkeypatch.setattr(warm_start_module, "eligible_pairs", slow)
    monkeypatch.setattr(warm_start_module, "greedy_plan", counted)
    return seen


def test_pairs_found_too_slowly_for_the_limit_end_the_solve_at_once_in_words(slow_pairs):
    prob = generate_problem(8, 60, 4, seed=2)
    slow_pairs[0] = 4.0  # the rest takes at least 4 times that: past 5 s and its second
    result = solve(prob, time_limit_s=5.0)
    assert result.status is Status.NO_PLAN and result.plan is None
    assert len(slow_pairs) == 1  # no greedy ran
    (said,) = result.reasons
    assert said.startswith("no plan was searched: the computer is busy")
    assert "within the time limit of 5 s" in said and "at least 17 s" in said


def test_pairs_found_in_time_leave_the_solve_as_it_was(slow_pairs):
    prob = generate_problem(8, 60, 4, seed=2)
    plain = solve(prob, time_limit_s=5.0)
    slow_pairs[0] = 1.0  # 1 s and at least 4 s after it: inside 5 s and its second
    result = solve(prob, time_limit_s=5.0)
    assert result.plan is not None and plain.plan is not None
    assert len(slow_pairs) > 1  # the greedy ran
    assert result.objective == plain.objective


def test_the_rule_keeps_specs_second():
    assert least_after_pairs_s(2.0) == 8.0
    assert not overruns_after_pairs(1.0, 1.25, 5.0)  # 6 s: the limit and its second
    assert overruns_after_pairs(1.1, 1.25, 5.0)
    assert not overruns_after_pairs(0.0, 0.0, 0.1)


def test_a_what_ifs_first_stage_asks_for_the_whole_limit(slow_pairs):
    import re

    prob = generate_problem(8, 60, 4, seed=2)
    slow_pairs[0] = 4.0  # at least 4 + 16 s: 20 s of the stage's 60 % is 34 s in all
    result = solve(prob, time_limit_s=3.0, _limit_said="in the 3 s of the 5 s limit", _share=0.6)
    assert result.status is Status.NO_PLAN
    (said,) = result.reasons
    assert "in the 3 s of the 5 s limit" in said
    needed = re.search(r"at least (\d+) s", said)
    assert needed is not None and int(needed.group(1)) >= 17


def test_the_seconds_before_the_call_count_against_the_limit():
    """A check-in's rest of the quarter is worked out before its solve is called (0.5-0.9 s
    at 100 teams x 5,000 projects, load 8-11): asked ``started`` seconds ago, the solve's
    seconds count from then, and one asked longer ago than its limit searches nothing."""
    import time

    prob = generate_problem(8, 60, 4, seed=2)
    now = time.perf_counter()
    late = solve(prob, time_limit_s=5.0, started=now - 30.0)
    assert late.status is Status.NO_PLAN and late.plan is None
    (said,) = late.reasons
    assert said.startswith("no plan was searched: the computer is busy")
    assert "within the time limit of 5 s" in said
    assert late.runtime_s >= 30.0
    earlier = solve(prob, time_limit_s=5.0, started=time.perf_counter() - 1.0)
    assert earlier.plan is not None and earlier.runtime_s >= 1.0
