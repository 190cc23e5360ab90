"""HiGHS on the same formulation (planner/optimizer/mip.py), the bench's free-MIP peer."""

from __future__ import annotations

import time
from pathlib import Path

from planner.checker import check_plan, objective_of
from planner.core.domain import Status
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.core.loading import load_problem
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.mip import MipBeside, solve_mip
from planner.optimizer.warm_start import plan_objective
from planner.solving.solver import solve

#: Seconds that bound a proof of a tiny instance: never reached, even on a busy machine.
PROOF_LIMIT_S = 120.0


def test_highs_proves_the_same_optimum_as_the_planner_on_a_small_gap():
    """Same rules, same objective: on an instance both prove, the optima agree exactly.

    Both end on their proof (a fifth of a second each on an idle machine); the limits
    only bound them, generous so that a machine at load 20 proves too rather than
    compares a plan cut short by the clock.
    """
    problem = gap_to_problem(gap_instance("D", 3, 12, seed=0))
    mip = solve_mip(problem, time_limit_s=PROOF_LIMIT_S)
    assert mip.status == "TERMINATION_REASON_OPTIMAL"
    result = solve(problem, time_limit_s=PROOF_LIMIT_S)
    assert result.status is Status.OPTIMAL
    assert plan_objective(problem, mip.chosen) == result.objective


def test_highs_plan_on_the_sample_keeps_every_rule():
    """Joint projects, skills, goals and caps included: the MIP's plan passes the checker.

    The sample without weeks: the MIP plans owners, not start weeks (in weeks the portfolio
    stands aside, tests/solving/test_near_weeks.py)."""
    problem = load_problem(
        Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"
    ).problem
    mip = solve_mip(problem, time_limit_s=20)
    objective = plan_objective(problem, mip.chosen)
    assert objective is not None
    assert objective <= solve(problem, time_limit_s=20).objective + 1e-6


def test_highs_beside_ends_within_its_limit_when_asked_to_stop():
    """The portfolio asks HiGHS to stop once CP-SAT is done. MathOpt's HiGHS ignores the
    request (a run stopped after 0.5 s ran to its 60 s limit), so what holds is weaker:
    the stop is safe, the thread still ends on its own limit, and its plan passes the
    checker."""
    problem = gap_to_problem(gap_instance("D", 10, 100, seed=0))
    pairs = eligible_pairs(problem)
    started = time.perf_counter()
    beside = MipBeside(problem, pairs, None, time_limit_s=3)
    time.sleep(0.5)
    beside.stop()
    result = beside.result()
    assert result is not None
    assert time.perf_counter() - started < 3 + 5  # its limit, and a margin for a busy machine
    assert result.chosen and plan_objective(problem, result.chosen) is not None


def test_portfolio_solve_passes_the_checker(monkeypatch):
    """With HiGHS beside CP-SAT, whichever plan wins is checked and its objective is exact."""
    monkeypatch.setenv("PLANNER_PORTFOLIO", "1")
    problem = gap_to_problem(gap_instance("E", 5, 40, seed=1))
    result = solve(problem, time_limit_s=4)
    assert result.plan is not None
    assert check_plan(problem, result.plan) == []
    assert result.objective == float(objective_of(problem, result.plan).total)
