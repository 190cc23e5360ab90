"""Small quarters proven optimal: CP-SAT's full relaxation, then goal cuts, then HiGHS.

Generated 10 x 50 quarters (issue 14's size S): seed 13 is proven by CP-SAT
within its small-quarter budget only with ``linearization_level`` 2 (0.065
units, 0.125 with the default); seed 2 takes CP-SAT about 0.8 units alone and
about 0.64 with the goal cuts, within :data:`proof.CUT_WORK`. With less work
after the cuts HiGHS proves it. The optima are HiGHS's from scratch, with the
checker's objective.
"""

from __future__ import annotations

import pytest

from planner.checker import check_plan, objective_of
from planner.core.domain import Status
from planner.core.generate import generate_problem
from planner.optimizer.mip import MipResult
from planner.solving import proof
from planner.solving.solver import solve

SEED_2_OPTIMUM = 1624.0869380180861
SEED_13_OPTIMUM = 1536.2620766963976


def _checked(prob, result) -> None:
    assert check_plan(prob, result.plan) == []
    assert result.objective == float(objective_of(prob, result.plan).total)


def _no_proof(monkeypatch) -> list[float]:
    """HiGHS that never proves anything (as when it runs out of time); its calls."""
    calls: list[float] = []

    def no_proof(_problem, *, time_limit_s, **_kwargs):
        calls.append(time_limit_s)
        return MipResult("TERMINATION_REASON_TIME_LIMIT", [], None, time_limit_s)

    monkeypatch.setattr(proof, "solve_mip", no_proof)
    return calls


def test_cp_sat_proves_a_small_quarter_within_its_budget_without_highs(monkeypatch):
    """Seed 13 is proven by CP-SAT alone: its full linear relaxation makes the proof short.

    HiGHS proves nothing here and is never asked: only CP-SAT's own proof
    can say optimal (with the default relaxation it needed 0.125 units, more
    than the small-quarter budget, and HiGHS did it).
    """
    calls = _no_proof(monkeypatch)
    prob = generate_problem(10, 50, seed=13)
    result = solve(prob, time_limit_s=20.0)
    assert result.status is Status.OPTIMAL
    assert result.gap == 0.0
    assert result.objective == pytest.approx(SEED_13_OPTIMUM, rel=1e-9)
    _checked(prob, result)
    assert calls == []


def _little_work_after_the_cuts(monkeypatch) -> None:
    """CP-SAT with the goal cuts gets too little work to prove seed 2: HiGHS's turn."""
    monkeypatch.setattr(proof, "CUT_WORK", 0.05)


def test_goal_cuts_let_cp_sat_prove_what_its_first_units_do_not(monkeypatch):
    """Seed 2 is not proven in the first units; with the goal cuts CP-SAT proves it, no HiGHS.

    The cuts only tighten CP-SAT's relaxation (every plan meets them), so the
    optimum is HiGHS's from scratch, and twice gives one plan.
    """
    calls = _no_proof(monkeypatch)
    separated: list[int] = []
    separate = proof.separate

    def counted(*args, **kwargs):
        cuts = separate(*args, **kwargs)
        separated.append(len(cuts))
        return cuts

    monkeypatch.setattr(proof, "separate", counted)
    prob = generate_problem(10, 50, seed=2)
    first = solve(prob, time_limit_s=20.0)
    again = solve(prob, time_limit_s=20.0)
    assert len(separated) == 2 and separated[0] > 0
    assert calls == []
    for result in (first, again):
        assert result.status is Status.OPTIMAL
        assert result.objective == pytest.approx(SEED_2_OPTIMUM, rel=1e-9)
        _checked(prob, result)
    assert first.plan.owners() == again.plan.owners()


def test_cp_sat_proving_in_its_first_units_separates_no_cuts(monkeypatch):
    """Seed 13 is proven before the cuts: easy quarters do not pay for separating them."""
    monkeypatch.setattr(proof, "separate", lambda *_a, **_k: pytest.fail("cuts separated"))
    prob = generate_problem(10, 50, seed=13)
    result = solve(prob, time_limit_s=20.0)
    assert result.status is Status.OPTIMAL
    _checked(prob, result)


def test_highs_proves_what_cp_sat_does_not_and_the_same_plan_comes_back(monkeypatch):
    """Seed 2 outlasts CP-SAT's work: HiGHS proves the optimum, and twice gives one plan."""
    _little_work_after_the_cuts(monkeypatch)
    prob = generate_problem(10, 50, seed=2)
    first = solve(prob, time_limit_s=20.0)
    again = solve(prob, time_limit_s=20.0)
    for result in (first, again):
        assert result.status is Status.OPTIMAL
        assert result.gap == 0.0
        assert result.objective == pytest.approx(SEED_2_OPTIMUM, rel=1e-9)
        _checked(prob, result)
    assert first.plan.owners() == again.plan.owners()


def test_without_highs_proof_the_plan_is_cp_sats_and_honestly_unproven(monkeypatch):
    """No proof in time: CP-SAT's checked plan, reported feasible with its gap, not optimal."""
    calls = _no_proof(monkeypatch)
    _little_work_after_the_cuts(monkeypatch)
    prob = generate_problem(10, 50, seed=2)
    result = solve(prob, time_limit_s=20.0)
    assert len(calls) == 1 and 0 < calls[0] < 20.0
    assert result.status is Status.FEASIBLE
    assert result.bound is not None and result.bound > result.objective
    assert result.objective <= SEED_2_OPTIMUM + 1e-9
    _checked(prob, result)
