"""The LP relaxation bound: never below the best plan, equal to it when the LP is integral."""

from __future__ import annotations

import math
import threading
from decimal import Decimal
from typing import ClassVar

import numpy as np
import ortools.linear_solver.linear_solver_pb2 as linear_solver_pb2
import pytest
from builders import VALUE_ONLY, SkippingClock, goal, pin, problem, project, settings, team
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from strategies import brute_force_best, small_problems

import planner.optimizer.lp_bound as lp_bound_module
from planner.core.domain import Baseline, Status
from planner.core.gap_instances import generate_gap_problem
from planner.core.generate import generate_problem
from planner.core.settings import Weights
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.lp_bound import LpRelaxation, LpStatus, lp_bound
from planner.solving.solver import solve

#: GLOP works in floating point; the bound may sit this far above an exact optimum.
TOLERANCE = 1e-6


# 25 quarters with a plan (some 40 drawn: three in five have one).
@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=5))
def test_lp_bound_is_never_below_the_best_plan_value_only(prob):
    """No plan beats the bound: the benchmarks measure every gap against it. A quarter
    without a whole plan is drawn again (a fractional plan may exist where no whole one
    does): a strategy drawing none would fail here, not pass on nothing."""
    best = brute_force_best(prob)
    assume(best is not None)
    relaxation = lp_bound(prob)
    assert relaxation.status is LpStatus.OPTIMAL
    assert relaxation.bound >= float(best) - TOLERANCE


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=5, weights=Weights()))
def test_lp_bound_is_never_below_the_best_plan_default_weights(prob):
    """The capped attainment, balance and fit terms are relaxed, never overstated."""
    best = brute_force_best(prob)
    relaxation = lp_bound(prob)
    if best is not None:
        assert relaxation.bound >= float(best) - TOLERANCE


def test_lp_bound_is_at_least_the_cp_sat_optimum_on_a_generated_quarter():
    """On a realistic quarter the bound sits just above the proven optimum."""
    prob = generate_problem(6, 30, 4, seed=3)
    result = solve(prob)
    assert result.status is Status.OPTIMAL
    relaxation = lp_bound(prob)
    assert result.objective - TOLERANCE <= relaxation.bound <= 1.1 * result.objective


def test_lp_bound_is_at_least_the_cp_sat_optimum_on_a_gap_instance():
    """GAP instances (every pair its own effort and value) are bounded too."""
    prob = generate_gap_problem(3, 9, seed=1)
    result = solve(prob)
    assert result.status is Status.OPTIMAL
    assert lp_bound(prob).bound >= result.objective - TOLERANCE


def test_lp_bound_equals_the_optimum_when_the_relaxation_is_integral():
    """Each project fits only its own team, with room to spare: the LP is the plan."""
    prob = problem(
        [team("m1", capacity=100), team("s1", "sales", capacity=100)],
        [
            project("a", effort=30, value=5),
            project("b", effort=40, value="7.5"),
            project("c", "closing", effort=50, value=11),
        ],
    )
    relaxation = lp_bound(prob)
    assert relaxation.status is LpStatus.OPTIMAL
    assert relaxation.bound == pytest.approx(23.5, abs=TOLERANCE)
    assert solve(prob).objective == pytest.approx(relaxation.bound, abs=TOLERANCE)
    assert np.allclose(relaxation.values, 1.0)


def test_lp_bound_caps_each_goal_at_its_target():
    """Value past a goal's target adds no attainment in the LP either."""
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    prob = problem(
        [team("m1", capacity=100)],
        [
            project("a", effort=10, value=30, goal_id="g"),
            project("b", effort=10, value=30, goal_id="g"),
        ],
        goals=[goal("g", 40)],
        settings=settings(weights),
    )
    assert lp_bound(prob).bound == pytest.approx(100, abs=TOLERANCE)


def test_lp_bound_of_a_problem_without_any_plan_is_infeasible():
    """A mandatory project that no team may take: not even a fractional plan exists."""
    prob = problem([team("m1")], [project("a", "closing", mandatory=True)])
    assert lp_bound(prob).status is LpStatus.INFEASIBLE
    pinned = problem([team("m1"), team("s1", "sales")], [project("a")], rules=[pin("a", "s1")])
    assert lp_bound(pinned).status is LpStatus.INFEASIBLE


def test_lp_bound_respects_the_change_budget_and_stability():
    """Rule 9 and the stability term: staying put is the only plan worth its budget."""
    weights = Weights(attainment=0, value=1, balance=0, fit=0, stability=5)
    prob = problem(
        [team("m1", capacity=10), team("m2", capacity=10)],
        [project("a", effort=10, value=3), project("b", effort=10, value=4)],
        settings=settings(weights),
        baseline=Baseline({"a": frozenset({"m1"})}, max_changes=0),
    )
    relaxation = lp_bound(prob)
    assert relaxation.bound == pytest.approx(7, abs=TOLERANCE)
    assert solve(prob).objective == pytest.approx(7)


def test_any_multipliers_give_a_bound_above_the_lp_optimum():
    """Why the reported bound is safe: weak duality holds for every multiplier vector."""
    prob = generate_problem(5, 25, 3, seed=0)
    pairs = eligible_pairs(prob)
    lp = LpRelaxation(prob, pairs).build().freeze()
    optimum = lp_bound(prob, pairs=pairs).bound
    rng = np.random.default_rng(0)
    for _ in range(20):
        y = rng.normal(0, 1, len(lp.row_lower))
        assert lp.lagrangian_bound(y) >= optimum - TOLERANCE
    assert lp.lagrangian_bound(np.zeros(len(lp.row_lower))) >= optimum - TOLERANCE


def test_lp_values_are_one_choice_per_pair_within_zero_and_one():
    """The rounding reads ``values`` pair by pair: the shapes must line up."""
    prob = generate_problem(4, 20, 3, seed=2)
    relaxation = lp_bound(prob)
    assert len(relaxation.values) == len(relaxation.pairs) == len(eligible_pairs(prob))
    assert ((relaxation.values >= 0) & (relaxation.values <= 1)).all()


def test_lp_bound_with_decimal_hours_keeps_capacity_exact():
    """Hours with three decimals fill a team to the last thousandth, no further."""
    prob = problem(
        [team("m1", capacity="10.001")],
        [project("a", effort="5.0005", value=1), project("b", effort="5.0005", value=1)],
        settings=settings(VALUE_ONLY),
    )
    assert lp_bound(prob).bound == pytest.approx(2, abs=TOLERANCE)
    tight = problem(
        [team("m1", capacity="10.000")],
        [project("a", effort="5.0005", value=1), project("b", effort="5.0005", value=1)],
    )
    assert lp_bound(tight).bound == pytest.approx(float(Decimal(10) / Decimal("5.0005")), rel=1e-6)


def test_a_company_scale_lp_under_a_time_limit_goes_to_pdlp_and_its_bound_holds(monkeypatch):
    """PDLP's answer is bounded from its own duals: never below GLOP's optimum, and
    approximate even when PDLP calls it optimal (within its tolerances only)."""
    prob = generate_problem(8, 60, 4, seed=5)
    exact = lp_bound(prob, time_limit_s=30)
    assert exact.status is LpStatus.OPTIMAL  # GLOP below the size
    monkeypatch.setattr(lp_bound_module, "_PDLP_MIN_COLUMNS", 1)
    first_order = lp_bound(prob, time_limit_s=30)
    assert first_order.status is LpStatus.APPROXIMATE and first_order.solved
    assert exact.bound - TOLERANCE <= first_order.bound <= exact.bound * (1 + 1e-3)
    assert len(first_order.values) == len(exact.pairs)
    assert ((first_order.values >= 0) & (first_order.values <= 1)).all()
    # without a time limit (the benchmarks' own bound) the LP stays GLOP's, exact
    assert lp_bound(prob).status is LpStatus.OPTIMAL


def test_pdlp_stopped_far_from_its_bound_keeps_its_bound_but_is_not_rounded(monkeypatch):
    """Stopped early under load its values can be nowhere near the optimum: past the
    spread allowed between its bound and their objective the warm start must round the
    greedy's own order instead, so the LP gives no values. Its bound (from its duals)
    holds whatever they are, so it is kept: the plan's distance to the best stays known."""
    prob = generate_problem(20, 200, 5, seed=1)
    optimum = lp_bound(prob).bound
    monkeypatch.setattr(lp_bound_module, "_PDLP_MIN_COLUMNS", 1)
    monkeypatch.setattr(
        lp_bound_module, "_PDLP_MAX_SPREAD", 0.0
    )  # a first-order answer is never exact
    rough = lp_bound(prob, time_limit_s=0.001)
    assert rough.status is LpStatus.APPROXIMATE and not rough.solved
    assert len(rough.values) == 0
    assert rough.bound is not None and rough.bound >= optimum - TOLERANCE
    monkeypatch.setattr(lp_bound_module, "_PDLP_MAX_SPREAD", math.inf)
    anything = lp_bound(prob, time_limit_s=0.001)
    assert anything.status is LpStatus.APPROXIMATE and anything.solved
    assert anything.bound >= optimum - TOLERANCE


def test_the_lps_build_and_request_count_against_its_time_limit(monkeypatch):
    """At 150 x 1,500 on a busy machine GLOP was given 1.2 s and took 3.0 s: writing its
    request (0.6 s at load 10) came after the time left was counted, and GLOP reads the
    request and sets up outside its own limit (0.2-0.4 s at load 9-10, about as long as
    writing the request took). Both count now; with nothing left GLOP is not called at
    all (stopped by the clock it would have nothing to give). The seconds are not waited:
    the LP's clock is moved on by them."""
    clock = SkippingClock()
    monkeypatch.setattr(lp_bound_module, "time", clock)
    real_build, real_request = LpRelaxation.build, lp_bound_module.LpMatrix.request

    def slow_build(self):
        clock.skip(0.3)
        return real_build(self)

    def slow_request(self):
        clock.skip(0.3)
        return real_request(self)

    monkeypatch.setattr(LpRelaxation, "build", slow_build)
    monkeypatch.setattr(lp_bound_module.LpMatrix, "request", slow_request)
    real_glop = lp_bound_module.glop
    given: list[float | None] = []

    def recorded(request, time_limit_s):
        given.append(time_limit_s)
        return real_glop(request, time_limit_s)

    monkeypatch.setattr(lp_bound_module, "glop", recorded)
    prob = generate_problem(8, 60, 4, seed=5)
    assert lp_bound(prob, time_limit_s=0.8).status is LpStatus.UNKNOWN
    assert given == []  # 0.6 s writing, 0.3 s setting up: nothing left of 0.8 s
    assert lp_bound(prob, time_limit_s=30).status is LpStatus.OPTIMAL
    (seconds,) = given
    assert seconds is not None and seconds <= 30 - 0.9


class _Stubborn:
    """GLOP as it ran on a busy machine: past its own time limit, here until interrupted."""

    made: ClassVar[list[_Stubborn]] = []

    def __init__(self, solver: str) -> None:
        self.interrupted = threading.Event()
        _Stubborn.made.append(self)

    def solve_serialized_request(self, request: bytes) -> bytes:
        self.interrupted.wait(20)
        status = linear_solver_pb2.MPSOLVER_NOT_SOLVED
        return linear_solver_pb2.MPSolutionResponse(status=status).SerializeToString()

    def interrupt_solve(self) -> bool:
        self.interrupted.set()
        return True


def test_glop_past_its_own_time_limit_is_interrupted_at_it(monkeypatch):
    """GLOP looks at its time limit between iterations only, and not while it reads the
    request and sets up: here one that never stops on its own is interrupted once its
    time is up, and the LP is unknown."""
    _Stubborn.made.clear()
    monkeypatch.setattr(lp_bound_module.mbh, "ModelSolverHelper", _Stubborn)
    result = lp_bound(generate_problem(8, 60, 4, seed=5), time_limit_s=3.0)
    assert result.status is LpStatus.UNKNOWN
    (glop_run,) = _Stubborn.made
    assert glop_run.interrupted.is_set()
