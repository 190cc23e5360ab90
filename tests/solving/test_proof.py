"""Small quarters proven optimal: CP-SAT's full relaxation, HiGHS beside it, one answer.

Generated 10 x 50 quarters (issue 14's size S): seed 1 is proven by CP-SAT
within its small-quarter budget only with ``linearization_level`` 2; seed 2
is not (it takes about 1 unit), and HiGHS proves it.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from planner.checker import check_plan, objective_of
from planner.core.domain import Status
from planner.core.generate import generate_problem
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.mip import MipResult
from planner.solving import proof
from planner.solving.proof import HighsProof
from planner.solving.solver import solve

#: The checker's optimum of the generated 10 x 50 quarters (HiGHS and CP-SAT agree).
SEED_1_OPTIMUM = 1556.2211671213354
SEED_2_OPTIMUM = 1624.0869380180861


def _checked(prob, result) -> None:
    assert check_plan(prob, result.plan) == []
    assert result.objective == float(objective_of(prob, result.plan).total)


def test_cp_sat_proves_a_small_quarter_within_its_budget_without_highs(monkeypatch):
    """Seed 1 is proven by CP-SAT alone: the full linear relaxation makes its proof short.

    With the default relaxation it took 0.9 units, beyond the small-quarter
    budget; HiGHS proves nothing here, so only CP-SAT's own proof can say optimal.
    """

    def no_proof(*_args, **_kwargs):
        return MipResult("TERMINATION_REASON_TIME_LIMIT", [], None, 0.0)

    monkeypatch.setattr(proof, "solve_mip", no_proof)
    prob = generate_problem(10, 50, seed=1)
    result = solve(prob, time_limit_s=20.0)
    assert result.status is Status.OPTIMAL
    assert result.gap == 0.0
    assert result.objective == pytest.approx(SEED_1_OPTIMUM, rel=1e-9)
    _checked(prob, result)


def test_highs_proves_what_cp_sat_does_not_and_the_same_plan_comes_back():
    """Seed 2 outlasts CP-SAT's budget: HiGHS proves the optimum, and twice gives one plan.

    Whether HiGHS started beside CP-SAT or after it, the plan is chosen
    from CP-SAT's plan at the end of its budget and HiGHS's proof, so the
    same inputs give the same plan.
    """
    prob = generate_problem(10, 50, seed=2)
    first = solve(prob, time_limit_s=20.0)
    again = solve(prob, time_limit_s=20.0)
    for result in (first, again):
        assert result.status is Status.OPTIMAL
        assert result.objective == pytest.approx(SEED_2_OPTIMUM, rel=1e-9)
        _checked(prob, result)
    assert first.plan.owners() == again.plan.owners()


def test_on_one_core_highs_proves_after_cp_sat():
    """``workers = 1`` (a leader's one core): no HiGHS beside CP-SAT, the proof comes after."""
    prob = generate_problem(10, 50, seed=2)
    one_core = prob.replace(
        settings=prob.settings.with_changes(
            solve=replace(prob.settings.solve, workers=1, time_limit_s=20.0)
        )
    )
    assert not proof.spare_core(one_core.settings.solve.workers)
    result = solve(one_core)
    assert result.status is Status.OPTIMAL
    assert result.objective == pytest.approx(SEED_2_OPTIMUM, rel=1e-9)
    _checked(one_core, result)


def _recording(monkeypatch) -> list[float]:
    calls: list[float] = []

    def fake(_problem, *, time_limit_s, **_kwargs):
        calls.append(time_limit_s)
        return MipResult("TERMINATION_REASON_OPTIMAL", [], None, 0.0)

    monkeypatch.setattr(proof, "solve_mip", fake)
    return calls


def test_a_dropped_proof_never_starts_highs(monkeypatch):
    """CP-SAT proved the quarter before the delay: HiGHS never takes the other core."""
    calls = _recording(monkeypatch)
    prob = generate_problem(10, 50, seed=0)
    started = HighsProof(prob, eligible_pairs(prob), None, time.perf_counter() + 60, delay=60)
    started.drop()
    started._thread.join(timeout=5)
    assert not started._thread.is_alive()
    assert calls == []


def test_a_proof_asked_for_starts_at_once_and_keeps_the_deadline(monkeypatch):
    """CP-SAT ended unproven: HiGHS starts now (not after its delay), with the time left."""
    calls = _recording(monkeypatch)
    prob = generate_problem(10, 50, seed=0)
    deadline = time.perf_counter() + 30
    pending = HighsProof(prob, eligible_pairs(prob), None, deadline, delay=60)
    found = pending.result()
    assert found is not None and found.status == "TERMINATION_REASON_OPTIMAL"
    assert len(calls) == 1 and 25 < calls[0] <= 30
