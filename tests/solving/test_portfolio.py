"""HiGHS beside CP-SAT: on by default for pure assignments (GAP), and only there."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace

import pytest
from builders import goal, problem, project, settings, team
from ortools.sat.python import cp_model

from planner.checker import check_plan, objective_of
from planner.core.domain import Problem
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.core.settings import Weights
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.gap_polish import polish
from planner.optimizer.gap_tabu import tabu_polish
from planner.optimizer.greedy import greedy_pairs
from planner.optimizer.mip import MipBeside, MipResult
from planner.optimizer.warm_start import warm_start
from planner.solving import portfolio, search
from planner.solving.portfolio import (
    MIN_SECOND_S,
    PORTFOLIO_ENV,
    TABU_MAX_PAIRS,
    Portfolio,
    is_pure_assignment,
    portfolio_wanted,
)
from planner.solving.proof import SMALL_PAIRS
from planner.solving.solver import solve


@pytest.fixture(autouse=True)
def no_portfolio_choice(monkeypatch):
    """Each test starts from the default: no ``PLANNER_PORTFOLIO`` in the environment."""
    monkeypatch.delenv(PORTFOLIO_ENV, raising=False)


def gap_problem(kind: str = "D", teams: int = 10, jobs: int = 60) -> Problem:
    """A GAP of ``teams`` x ``jobs`` (every pair a candidate), with the default ``workers``."""
    return gap_to_problem(gap_instance(kind, teams, jobs, seed=0))


def two_teams_with_a_goal() -> Problem:
    """Two teams, two projects on one goal, the default weights: a quarter, not a GAP."""
    return problem(
        [team("T1"), team("T2", department="sales")],
        [project("P1", goal_id="G"), project("P2", goal_id="G")],
        goals=[goal("G", 1)],
        settings=settings(weights=Weights()),
    )


def test_a_gap_is_a_pure_assignment():
    """Types D and E as the literature defines them: value only, no goals, weeks or links."""
    assert is_pure_assignment(gap_problem("D"))
    assert is_pure_assignment(gap_problem("E"))


def test_a_quarter_with_goals_or_dependencies_is_not_a_pure_assignment():
    """Attainment caps, balance and dependencies are not sums over pairs: CP-SAT's ground."""
    quarter = two_teams_with_a_goal()
    assert not is_pure_assignment(quarter)
    gap = gap_problem()
    first, second, *rest = gap.projects
    linked = gap.replace(projects=(first, replace(second, depends_on=(first.project_id,)), *rest))
    assert not is_pure_assignment(linked)
    balanced = gap.replace(
        settings=replace(gap.settings, weights=replace(gap.settings.weights, balance=0.1))
    )
    assert not is_pure_assignment(balanced)


def test_highs_is_wanted_beside_cp_sat_on_a_pure_assignment_from_the_small_size_on():
    """By default only pure assignments of SMALL_PAIRS pairs and more (smaller ones keep
    their proof); ``PLANNER_PORTFOLIO`` turns it off ("0") or on for any model ("1")."""
    gap = gap_problem()
    assert portfolio_wanted(gap, SMALL_PAIRS)
    assert not portfolio_wanted(gap, SMALL_PAIRS - 1)
    assert not portfolio_wanted(two_teams_with_a_goal(), SMALL_PAIRS)


def test_the_environment_overrides_the_default(monkeypatch):
    """``PLANNER_PORTFOLIO=0`` gives CP-SAT alone (on its work budget: the same plan twice)."""
    monkeypatch.setenv(PORTFOLIO_ENV, "0")
    assert not portfolio_wanted(gap_problem(), SMALL_PAIRS)
    monkeypatch.setenv(PORTFOLIO_ENV, "1")
    assert portfolio_wanted(two_teams_with_a_goal(), 4)


def test_a_portfolio_setting_that_is_neither_0_nor_1_is_said_once(monkeypatch, caplog):
    """PLANNER_PORTFOLIO=yes (or true, on) read as the default without a word: an operator
    who meant to turn HiGHS on saw nothing change and nothing said. The log says it once
    per value; " 1 " reads as 1."""
    monkeypatch.setenv(PORTFOLIO_ENV, "yes")
    with caplog.at_level(logging.WARNING, logger="planner.solving.portfolio"):
        assert not portfolio_wanted(two_teams_with_a_goal(), 4)
        assert not portfolio_wanted(two_teams_with_a_goal(), 4)
    (record,) = [r for r in caplog.records if "neither 0" in r.getMessage()]
    assert "PLANNER_PORTFOLIO='yes'" in record.getMessage()
    monkeypatch.setenv(PORTFOLIO_ENV, " 1 ")
    assert portfolio_wanted(two_teams_with_a_goal(), 4)


class _Counted(MipBeside):
    """HiGHS beside CP-SAT, counting its starts."""

    started = 0

    def __init__(self, *args, **kw):
        type(self).started += 1
        super().__init__(*args, **kw)


def test_a_pure_assignment_solve_runs_two_highs_instead_of_cp_sat(monkeypatch):
    """By default a GAP of 2,000 pairs is searched by two HiGHS (two seeds, both from the
    warm start's plan, more of their work on heuristics) and not by CP-SAT; the plan
    that wins passes the checker, its objective is the checker's.

    The solve has a minute, which no load takes whole before its search (at load 13, 2 s
    went to the warm start and no HiGHS started); each HiGHS two seconds of it, so that
    the test does not wait the minute."""
    seeds: list[int | None] = []
    hints: list[bool] = []
    efforts: list[float | None] = []

    class Seeded(MipBeside):
        def __init__(self, problem, pairs, hint, seconds, **kw):
            seeds.append(kw.get("seed"))
            efforts.append(kw.get("heuristic_effort"))
            hints.append(hint is not None)
            super().__init__(problem, pairs, hint, min(seconds, 2.0), **kw)

    searched: list[int] = []
    cp_sat_solve = cp_model.CpSolver.solve

    def counted(self, *args, **kw):
        searched.append(1)
        return cp_sat_solve(self, *args, **kw)

    monkeypatch.setattr(portfolio, "MipBeside", Seeded)
    monkeypatch.setattr(portfolio.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search.cp_model.CpSolver, "solve", counted)
    gap = gap_problem("D", 20, 100)
    assert len(gap.teams) * len(gap.projects) >= portfolio.HIGHS_ONLY_MIN_PAIRS
    result = solve(gap, time_limit_s=60.0)
    assert sorted(seeds) == [gap.settings.solve.seed, gap.settings.solve.seed + 1]
    assert hints == [True, True]
    assert efforts == [portfolio.HEURISTIC_EFFORT] * 2 and portfolio.HEURISTIC_EFFORT == 0.3
    assert searched == []  # CP-SAT made no search of its own
    assert result.plan is not None and check_plan(gap, result.plan) == []
    assert result.objective == float(objective_of(gap, result.plan).total)


def test_a_small_pure_assignment_or_one_without_a_warm_plan_keeps_cp_sat_beside_highs(
    monkeypatch,
):
    """Under HIGHS_ONLY_MIN_PAIRS pairs CP-SAT's neighbourhoods search beside one HiGHS
    (they cover most of the plan there); without a warm-start plan (none found in time,
    or none exists) too, so that a GAP no plan satisfies is still found out and explained."""
    monkeypatch.setattr(portfolio.os, "cpu_count", lambda: 2)
    gap = gap_problem("D", 20, 100)
    warm = warm_start(gap, time_limit_s=60.0)  # its work budget ends it (0.5 s at load 13)
    params = cp_model.CpSolver().parameters
    two = portfolio.mip_beside(gap, warm, 0.5, params)
    assert two is not None and not two.cp_sat and len(two.searches) == 2
    two.stop()
    beside = portfolio.mip_beside(gap, replace(warm, objective=None), 0.5, params)
    assert beside is not None and beside.cp_sat and len(beside.searches) == 1
    beside.stop()
    small = gap_problem("E")  # 10 x 60: 600 pairs
    small_warm = warm_start(small, time_limit_s=60.0)
    assert small_warm.objective is not None
    assert len(small_warm.pairs) < portfolio.HIGHS_ONLY_MIN_PAIRS
    one = portfolio.mip_beside(small, small_warm, 0.5, params)
    assert one is not None and one.cp_sat and len(one.searches) == 1
    one.stop()
    for stopped in (two, beside, one):
        found = stopped.result()
        assert found is not None and found.status == "stopped" and not found.chosen


def test_a_solve_that_may_run_highs_starts_its_workers_before_the_warm_start(monkeypatch):
    """A worker's start (the OR-Tools import, 0.3-2 s) came out of HiGHS's own time in a
    fresh process: a pure assignment now starts two (HiGHS from the warm start, then
    from CP-SAT's plan) before its warm start; a quarter with goals starts none."""
    calls: list[str] = []
    monkeypatch.setattr(portfolio.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(portfolio, "prewarm", lambda count: calls.append(f"prewarm {count}"))
    from planner.solving import solver as solver_module

    def warm(*args, **kw):
        calls.append("warm start")
        return warm_start(*args, **kw)

    monkeypatch.setattr(solver_module, "warm_start", warm)
    solve(gap_problem("E"), time_limit_s=2)
    assert calls[:2] == ["prewarm 2", "warm start"]
    calls.clear()
    solve(two_teams_with_a_goal(), time_limit_s=2)
    assert calls == ["warm start"]


def test_no_highs_beside_when_turned_off_or_on_one_worker(monkeypatch):
    """``PLANNER_PORTFOLIO=0``, or ``workers = 1`` (one core asked for): CP-SAT alone."""
    monkeypatch.setattr(portfolio, "MipBeside", _Counted)
    monkeypatch.setattr(portfolio.os, "cpu_count", lambda: 2)
    _Counted.started = 0
    gap = gap_problem("E")
    one = gap.replace(settings=replace(gap.settings, solve=replace(gap.settings.solve, workers=1)))
    result = solve(one, time_limit_s=1)
    assert result.plan is not None and check_plan(one, result.plan) == []
    monkeypatch.setenv(PORTFOLIO_ENV, "0")
    result = solve(gap, time_limit_s=1)
    assert result.plan is not None and check_plan(gap, result.plan) == []
    assert _Counted.started == 0


def test_a_second_highs_starts_from_cp_sat_plan_and_the_better_plan_wins():
    """Once CP-SAT is done a second HiGHS (another seed) searches from its plan until the
    deadline; the portfolio's result is at least the better of the two by the checker's
    objective (shifts and swaps may improve it further).

    A GAP that HiGHS proves in moments (5 x 30: 1.6 s at load 17), each search given a
    minute: both end with a plan of their own on any machine (at load 20, 3 s ended with
    none to compare), and the first is still starting when the second is asked for."""
    gap = gap_to_problem(gap_instance("E", 5, 30, seed=0))
    warm = warm_start(gap, time_limit_s=60.0)
    first = MipBeside(gap, warm.pairs, warm.plan, time_limit_s=60.0)
    both = Portfolio(gap, warm.pairs, [first])
    both.after_search(warm.plan, time.perf_counter() + 60.0)
    assert len(both.searches) == 2
    result = both.result()
    assert result is not None and result.chosen
    found = [plan_objective(gap, s.result().chosen) for s in both.searches]
    assert plan_objective(gap, result.chosen) >= max(f for f in found if f is not None)


def test_no_second_highs_without_time_or_once_highs_has_ended():
    """Under MIN_SECOND_S left, or when the first HiGHS has ended (proved its plan): no second."""
    gap = gap_problem("E")
    warm = warm_start(gap, time_limit_s=1.0)
    first = MipBeside(gap, warm.pairs, warm.plan, time_limit_s=3)
    both = Portfolio(gap, warm.pairs, [first])
    both.after_search(warm.plan, time.perf_counter() + MIN_SECOND_S / 2)
    first.stop()
    first.result()
    both.after_search(warm.plan, time.perf_counter() + 5)
    assert len(both.searches) == 1


def test_a_stop_while_waiting_for_highs_stops_it_at_once():
    """The leader's stop frees the solver slot: HiGHS with two minutes left is not waited
    for, and is stopped (it ran on to its limit in the background, a core busy after the
    Stop). A run stopped ends "stopped" with no plan, one that ran on ends at its limit with
    one: what it says, not a clock, tells them apart."""
    gap = gap_problem("D", 20, 100)
    warm = warm_start(gap, time_limit_s=60.0)  # its work budget ends it (0.5 s at load 13)
    cancel = threading.Event()
    first = MipBeside(gap, warm.pairs, warm.plan, time_limit_s=120.0)
    both = Portfolio(gap, warm.pairs, [first], cancel)
    threading.Timer(0.3, cancel.set).start()
    assert both.result() is None  # no run had ended: no plan from HiGHS
    stopped = first.result()
    assert stopped is not None and stopped.status == "stopped" and not stopped.chosen


class _Ended:
    """A HiGHS run that has ended with ``plan``."""

    def __init__(self, plan):
        self.plan = plan

    def running(self):
        return False

    def stop(self):
        pass

    def result(self):
        return MipResult("TERMINATION_REASON_FEASIBLE", list(self.plan), None, 1.0)


def test_highs_plans_on_a_pure_assignment_come_back_polished_by_shifts_and_swaps(monkeypatch):
    """HiGHS's plans were not always at a local optimum: on a pure assignment the
    portfolio's plan is the best one after shifts and swaps, checked (under
    ``TABU_MAX_PAIRS`` pairs, then the tabu search from there); elsewhere (a quarter
    with goals) it is HiGHS's as it came."""
    monkeypatch.setattr(portfolio, "TABU_MAX_S", 60.0)  # its steps, not a loaded clock, end it
    gap = gap_problem("D", 8, 60)
    pairs = eligible_pairs(gap)
    assert len(pairs) < TABU_MAX_PAIRS
    plan = greedy_pairs(gap, pairs)
    found = Portfolio(gap, pairs, [_Ended(plan)]).result()
    assert found is not None
    polished = polish(gap, pairs, plan)
    searched = tabu_polish(gap, pairs, polished)
    assert plan_objective(gap, found.chosen) == plan_objective(gap, searched)
    assert plan_objective(gap, searched) > plan_objective(gap, polished)
    assert plan_objective(gap, polished) > plan_objective(gap, plan)
    larger = gap_problem("D", 20, 80)  # 1,600 pairs: shifts and swaps alone
    larger_pairs = eligible_pairs(larger)
    assert len(larger_pairs) >= TABU_MAX_PAIRS
    start = greedy_pairs(larger, larger_pairs)
    alone = Portfolio(larger, larger_pairs, [_Ended(start)]).result()
    assert alone is not None
    shifted = polish(larger, larger_pairs, start)
    assert plan_objective(larger, alone.chosen) == plan_objective(larger, shifted)
    beyond = plan_objective(larger, tabu_polish(larger, larger_pairs, shifted))
    assert beyond is not None and beyond > plan_objective(larger, shifted)  # what it left out
    quarter = two_teams_with_a_goal()
    quarter_pairs = eligible_pairs(quarter)
    kept = Portfolio(quarter, quarter_pairs, [_Ended(quarter_pairs[:1])]).result()
    assert kept is not None and kept.chosen == list(quarter_pairs[:1])


@pytest.mark.parametrize("chosen", ["", "0"])
def test_planner_portfolio_0_also_keeps_highs_from_beside_the_warm_start_in_weeks(
    monkeypatch, chosen
):
    """The LP with weeks by HiGHS beside the warm start answers in time or not with the
    machine's load, so its plan may differ from run to run: ``PLANNER_PORTFOLIO=0``, the
    switch to the same plan every run, keeps it from starting, as it keeps HiGHS from
    beside CP-SAT. By default a middle-sized quarter in weeks starts it."""
    from planner.core.generate import generate_instance
    from planner.core.generate_weeks import with_weeks
    from planner.optimizer import warm_start as warm_start_module

    started: list[object] = []

    def recorded(*args, **kwargs):
        started.append(args)
        return None  # no worker: the warm start goes on as without it

    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)  # as if middle-sized
    monkeypatch.setattr(warm_start_module, "_weeks_lp_beside", recorded)
    if chosen:
        monkeypatch.setenv(PORTFOLIO_ENV, chosen)
    prob = with_weeks(generate_instance(8, 80, 8, 1), 1)
    result = solve(prob, time_limit_s=5.0)
    assert result.plan is not None
    assert bool(started) is (chosen != "0")
