"""The ``confidence`` objective term: plans that improve the odds of hitting the number."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from builders import VALUE_ONLY, goal, problem, project, settings, team

from planner.checker import check_plan, confidence_points, objective_of
from planner.core.domain import Problem, Status
from planner.core.generate import generate_problem, with_value_ranges
from planner.core.settings import Weights
from planner.core.uncertainty import goal_odds
from planner.optimizer.lp_bound import LpStatus, lp_bound
from planner.solving.solver import solve

D = Decimal
CONFIDENT = Weights(attainment=1, value=0, balance=0, fit=0.05, stability=0, confidence=1)
NOT_CONFIDENT = Weights(attainment=1, value=0, balance=0, fit=0.05, stability=0, confidence=0)


def bets(target: int, weights: Weights) -> Problem:
    """One team of 40 h; one big bet or four smaller ones, the same expected MQLs (100).

    The big bet is triangle (0, 100, 200); each small bet is (20, 25, 30); both
    means are 100, so attainment cannot tell them apart. The team is a little
    better at the big bet's skill, so without the confidence weight its fit
    bonus tips the plan towards the big bet.
    """
    small = [
        project(f"small{i}", effort=10, value=25, goal_id="mqls", value_low=D(20), value_high=D(30))
        for i in range(4)
    ]
    big = project(
        "big",
        effort=40,
        value=100,
        goal_id="mqls",
        value_low=D(0),
        value_high=D(200),
        required_skills={"events": 1},
    )
    return problem(
        [team("m", capacity=40, skills={"events": 3})],
        [big, *small],
        goals=[goal("mqls", target)],
        settings=settings(weights),
    )


def owned(problem_: Problem, weights: Weights) -> set[str]:
    result = solve(problem_.replace(settings=settings(weights)))
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert not check_plan(problem_, result.plan)
    return set(result.plan.owners())


def test_with_confidence_on_the_plan_spreads_its_bets_when_the_target_is_below_the_mean():
    """Target 90, mean 100: four smaller bets reach it ~99 % of the time, the big bet ~60 %.

    Both plans expect 100 MQLs, so attainment ties and the fit bonus picks the big bet. A
    leader who asks for the odds (confidence = 1) gets the plan that almost surely hits 90:
    the four independent bets' shortfalls mostly cancel, while the big one is a coin flip
    with a long left tail.
    """
    prob = bets(90, NOT_CONFIDENT)
    assert owned(prob, NOT_CONFIDENT) == {"big"}
    assert owned(prob, CONFIDENT) == {"small0", "small1", "small2", "small3"}
    big = goal_odds(prob, solve(prob.replace(settings=settings(NOT_CONFIDENT))).plan)["mqls"]
    spread = goal_odds(prob, solve(prob.replace(settings=settings(CONFIDENT))).plan)["mqls"]
    assert big.probability == pytest.approx(1 - 90**2 / (200 * 100))  # exact: one bet
    assert spread.probability > 0.98 > 0.6 > big.probability


def test_with_confidence_on_the_plan_takes_the_big_bet_when_only_a_long_shot_can_win():
    """Target 130, mean 100: the small bets can reach at most 120; only the big bet can hit 130.

    Better odds is not always "diversify": the term rewards the probability itself, so
    when the target is out of the safe plan's reach it takes the bet (~25 %) over the
    sure miss.
    """
    prob = bets(130, NOT_CONFIDENT)
    assert owned(prob, CONFIDENT) == {"big"}


def test_the_solver_and_the_checker_agree_on_the_confidence_term():
    """The model's own objective equals the checker's, confidence included, to the last digit.

    Both count the same fixed samples in their own code; a difference would mean the
    model optimises something other than what the plan is scored on.
    """
    prob = bets(90, CONFIDENT)
    result = solve(prob)
    assert result.breakdown is not None and result.breakdown.confidence > 0
    assert result.solver_objective == objective_of(prob, result.plan).total


def test_without_ranges_the_confidence_weight_changes_nothing():
    """A quarter without ranges plans and scores the same with confidence on (SPEC)."""
    base = generate_problem(6, 30, num_goals=4, seed=3)
    weights = Weights(confidence=2.0)
    off = solve(base.replace(settings=settings(Weights())))
    on = solve(base.replace(settings=settings(weights)))
    assert on.breakdown is not None and on.breakdown.confidence == 0
    assert on.objective == off.objective
    assert confidence_points(base, on.plan) == 0


def test_the_value_only_contract_holds_with_ranges():
    """Every weight but value at 0: the objective is the plain sum of values, ranges or not."""
    prob = with_value_ranges(generate_problem(6, 30, num_goals=4, seed=4), seed=4)
    result = solve(prob.replace(settings=settings(VALUE_ONLY)))
    assert result.plan is not None
    assert result.objective == float(sum(Fraction(a.value) for a in result.plan.assignments))
    assert result.breakdown is not None and result.breakdown.confidence == 0


def test_the_lp_bound_covers_the_confidence_term():
    """The LP bound stays an upper bound on every plan once the confidence term is on.

    The relaxation lets each sampled hit be fractional; a bound below the best plan would
    report a negative gap and a false "proven optimal".
    """
    prob = with_value_ranges(generate_problem(6, 30, num_goals=4, seed=5), seed=5)
    prob = prob.replace(settings=settings(Weights(confidence=1.0)))
    result = solve(prob)
    relaxed = lp_bound(prob)
    assert relaxed.status is LpStatus.OPTIMAL and relaxed.bound is not None
    assert result.objective is not None and result.objective <= relaxed.bound + 1e-6


def test_the_mip_counts_sampled_hits_as_whole_hits():
    """HiGHS on the same formulation also spreads the bets: a hit is 0 or 1 there too.

    With hits left fractional the MIP would score the big bet by its LP relaxation
    (a share of each sample's target) and could pick it.
    """
    from planner.optimizer.mip import solve_mip

    mip = solve_mip(bets(90, CONFIDENT), time_limit_s=20)
    assert {p.project_id for p in mip.chosen} == {"small0", "small1", "small2", "small3"}
