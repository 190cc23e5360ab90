"""Small quarters proven optimal: goal and team cuts, CP-SAT's full relaxation, then HiGHS.

Generated 10 x 50 quarters (issue 14's size S): seed 13 is proven by CP-SAT
within its small-quarter budget; seed 2 takes CP-SAT about 0.8 units alone and
about 0.2 with the goal and packing cuts, within :data:`proof.PROOF_WORK`. With
less work HiGHS proves it. The optima are HiGHS's from scratch, with the
checker's objective.
"""

from __future__ import annotations

import threading
import time

import pytest
from ortools.sat.python import cp_model

from planner.checker import check_plan, objective_of
from planner.core.domain import Status
from planner.core.generate import generate_problem
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.mip import MipResult
from planner.solving import plans, proof
from planner.solving.solver import solve
from planner.solving.stopping import seeded_solver

SEED_2_OPTIMUM = 1624.0869380180861
SEED_13_OPTIMUM = 1536.2620766963976


#: Each proof test's time limit. On a quiet machine every solve here ends on its proof
#: (or, with HiGHS refusing, on its work) in a few seconds.
LIMIT_S = 20.0


def _skip_if_the_clock_ended_it(*results) -> None:
    """Skip, saying so, when a solve ran to near its limit: the machine, not the proof, ended it.

    On a machine many times busier than its cores, a solve of these quarters can run out
    its 20 s before HiGHS (or CP-SAT's own proof) has its turn: "feasible" is then the
    machine's answer, not the planner's. A solve that ended early and unproven still fails.
    """
    slowest = max(r.runtime_s for r in results)
    if slowest > 0.7 * LIMIT_S:
        pytest.skip(f"a solve took {slowest:.1f} s of {LIMIT_S:.0f}: the clock may have ended it")


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
    """Seed 13 is proven by CP-SAT alone: its relaxation and the cuts make the proof short.

    HiGHS proves nothing here and is never asked: only CP-SAT's own proof
    can say optimal.
    """
    calls = _no_proof(monkeypatch)
    prob = generate_problem(10, 50, seed=13)
    result = solve(prob, time_limit_s=LIMIT_S)
    _skip_if_the_clock_ended_it(result)
    assert result.status is Status.OPTIMAL
    assert result.gap == 0.0
    assert result.objective == pytest.approx(SEED_13_OPTIMUM, rel=1e-9)
    _checked(prob, result)
    assert calls == []


def _little_work_after_the_cuts(monkeypatch) -> None:
    """CP-SAT with the cuts gets too little work to prove seed 2: HiGHS's turn."""
    monkeypatch.setattr(proof, "PROOF_WORK", 0.02)


def test_cuts_let_cp_sat_prove_a_hard_small_quarter_without_highs(monkeypatch):
    """Seed 2 takes CP-SAT 0.8 units alone; with the goal and packing cuts, within its budget.

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
    first = solve(prob, time_limit_s=LIMIT_S)
    again = solve(prob, time_limit_s=LIMIT_S)
    _skip_if_the_clock_ended_it(first, again)
    assert len(separated) == 2 and separated[0] > 0
    assert calls == []
    for result in (first, again):
        assert result.status is Status.OPTIMAL
        assert result.objective == pytest.approx(SEED_2_OPTIMUM, rel=1e-9)
        _checked(prob, result)
    assert first.plan.owners() == again.plan.owners()


@pytest.mark.parametrize("seed", [1, 2, 10])
def test_the_shipped_rounds_of_cuts_prove_the_hardest_small_quarters_in_little_work(
    monkeypatch, seed
):
    """The solve separates :data:`~planner.optimizer.envelope.PROOF_ROUNDS` rounds of cuts
    because their CP-SAT proof is short on the hardest generated 10 x 50 quarters (seeds 1,
    2 and 10 of 0-39: 0.078, 0.096 and 0.086 deterministic units, one worker, so the same
    on every machine): CP-SAT alone proves each within 0.11 units, HiGHS never asked.
    With 12 rounds' cuts seed 2 took 0.129 units: fewer rounds must not cost the proof."""
    calls = _no_proof(monkeypatch)
    monkeypatch.setattr(proof, "PROOF_WORK", 0.11)
    prob = generate_problem(10, 50, seed=seed)
    result = solve(prob, time_limit_s=LIMIT_S)
    _skip_if_the_clock_ended_it(result)
    assert calls == []
    assert result.status is Status.OPTIMAL
    _checked(prob, result)


def test_without_cp_sat_s_own_cuts_the_proof_takes_less_work(monkeypatch):
    """With the goal and packing cuts in the model, CP-SAT's generic cuts cost more than they
    save: seed 2 is proven in less deterministic work at :data:`proof.CUT_LEVEL` than at
    CP-SAT's default level, with the same optimum (one worker, so the work is the same
    on every machine)."""
    work = {}
    shipped = proof.CUT_LEVEL
    for level in (shipped, 1):
        monkeypatch.setattr(proof, "CUT_LEVEL", level)
        prob = generate_problem(10, 50, seed=2)
        planning = PlanningModel(prob)
        solver = seeded_solver(prob)
        proof.prepare_proof(planning, solver, 2.0, time.perf_counter() + 60)
        solver.parameters.max_deterministic_time = 5.0
        assert solver.solve(planning.model) == cp_model.OPTIMAL
        assert solver.objective_value / planning.objective_scale == pytest.approx(
            SEED_2_OPTIMUM,
            rel=1e-5,  # the model's whole units, not the checker's exact sum
        )
        work[level] = solver.response_proto.deterministic_time
    assert work[shipped] < 0.5 * work[1]


def test_no_cuts_when_the_time_is_too_short_to_prove(monkeypatch):
    """Separating cuts with no time left for CP-SAT to use them would only delay the plan."""
    monkeypatch.setattr(proof, "separate", lambda *_a, **_k: pytest.fail("cuts separated"))
    planning = PlanningModel(generate_problem(10, 50, seed=2))
    solver = cp_model.CpSolver()
    deadline = time.perf_counter() + proof.MIN_PROOF_S / 2
    assert proof.prepare_proof(planning, solver, 2.0, deadline) == 0
    assert solver.parameters.max_deterministic_time == proof.PROOF_WORK


def test_highs_proves_what_cp_sat_does_not_and_the_same_plan_comes_back(monkeypatch):
    """Seed 2 outlasts CP-SAT's work: HiGHS proves the optimum, and twice gives one plan."""
    _little_work_after_the_cuts(monkeypatch)
    prob = generate_problem(10, 50, seed=2)
    first = solve(prob, time_limit_s=LIMIT_S)
    again = solve(prob, time_limit_s=LIMIT_S)
    _skip_if_the_clock_ended_it(first, again)
    for result in (first, again):
        assert result.status is Status.OPTIMAL
        assert result.gap == 0.0
        assert result.objective == pytest.approx(SEED_2_OPTIMUM, rel=1e-9)
        _checked(prob, result)
    assert first.plan.owners() == again.plan.owners()


def test_a_stop_during_highs_proof_ends_it_and_hands_back_cp_sats_plan(monkeypatch):
    """Stop pressed while HiGHS proves a small quarter: the proof ran on to its end (or the
    limit), the Stop unheard. It now ends at once: CP-SAT's checked plan, honestly
    unproven."""
    _little_work_after_the_cuts(monkeypatch)
    cancel = threading.Event()
    proofs: list[MipResult] = []
    real = proof.solve_mip

    def stop_then_prove(*args, **kwargs):
        cancel.set()  # the leader presses Stop as HiGHS starts
        proofs.append(real(*args, **kwargs))
        return proofs[-1]

    monkeypatch.setattr(proof, "solve_mip", stop_then_prove)
    prob = generate_problem(10, 50, seed=2)
    result = solve(prob, time_limit_s=LIMIT_S, cancel=cancel)
    _skip_if_the_clock_ended_it(result)
    (stopped,) = proofs
    assert stopped.status == "stopped" and stopped.seconds < 1.5
    assert result.status is Status.FEASIBLE
    _checked(prob, result)


def test_without_highs_proof_the_plan_is_cp_sats_and_honestly_unproven(monkeypatch):
    """No proof in time: CP-SAT's checked plan, reported feasible with its gap, not optimal."""
    calls = _no_proof(monkeypatch)
    _little_work_after_the_cuts(monkeypatch)
    prob = generate_problem(10, 50, seed=2)
    result = solve(prob, time_limit_s=LIMIT_S)
    _skip_if_the_clock_ended_it(result)
    assert len(calls) == 1 and 0 < calls[0] < LIMIT_S
    assert result.status is Status.FEASIBLE
    assert result.bound is not None and result.bound > result.objective
    assert result.objective <= SEED_2_OPTIMUM + 1e-9
    _checked(prob, result)


def test_an_unwatched_small_quarter_translates_its_first_plan_only_if_kept(monkeypatch):
    """A solve without progress or stop shows nobody the warm start's plan: it is translated
    only when the result needs it (seed 2's proof finds a better plan), not beside the proof,
    whose turns at the GIL it took. Watched, it is shown while CP-SAT searches."""
    calls: list[int] = []
    real = plans.warm_result

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "warm_result", counted)
    prob = generate_problem(10, 50, seed=2)
    result = solve(prob, time_limit_s=LIMIT_S)
    _skip_if_the_clock_ended_it(result)
    assert result.status is Status.OPTIMAL
    assert result.objective == pytest.approx(SEED_2_OPTIMUM, abs=1e-6)
    assert calls == []
    shown = []
    solve(prob, time_limit_s=LIMIT_S, progress=shown.append)
    waited = time.perf_counter()
    while not calls and time.perf_counter() - waited < 10:
        time.sleep(0.05)  # the translation's thread may end after the solve on a busy machine
    assert calls  # the LP's rounding, then the local search's plan when it differs
