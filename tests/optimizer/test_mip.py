"""HiGHS on the same formulation (planner/optimizer/mip.py), the bench's free-MIP peer."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from planner.checker import check_plan, objective_of
from planner.core.domain import Status
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.core.loading import load_with_warnings
from planner.optimizer import highs_process
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.highs_process import close_workers, prewarm
from planner.optimizer.mip import MipBeside, solve_mip
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
    problem = load_with_warnings(
        Path(__file__).resolve().parents[2] / "data" / "sample-without-weeks"
    ).problem
    mip = solve_mip(problem, time_limit_s=20)
    objective = plan_objective(problem, mip.chosen)
    assert objective is not None
    assert objective <= solve(problem, time_limit_s=20).objective + 1e-6


def _highs_workers() -> list[int]:
    """The HiGHS worker processes this process has running (idle or busy)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # ended while listed
        if int(fields[1]) == os.getpid() and b"highs_worker" in cmdline:
            found.append(int(stat.parent.name))
    return found


def test_highs_beside_stops_at_once_when_asked_and_leaves_no_process(monkeypatch):
    """The portfolio stops HiGHS once CP-SAT is done or the leader presses Stop. MathOpt's
    HiGHS ignored the request (a run stopped after 0.5 s ran to its limit, the core busy
    all along): HiGHS now runs in a worker process that the stop kills. The worker HiGHS
    was given a 20 s instance in is killed (not answering, not handed back), the result
    has no plan, and once the idle workers are closed none is left behind."""
    asked = threading.Event()
    workers: list[highs_process._Worker] = []
    ask = highs_process._Worker.ask

    def asking(self, *args, **kwargs):
        workers.append(self)
        asked.set()
        return ask(self, *args, **kwargs)

    monkeypatch.setattr(highs_process._Worker, "ask", asking)
    problem = gap_to_problem(gap_instance("D", 20, 200, seed=0))
    pairs = eligible_pairs(problem)
    beside = MipBeside(problem, pairs, None, time_limit_s=20)
    assert asked.wait(timeout=60)
    beside.stop()
    result = beside.result()
    (worker,) = workers
    assert worker.process.returncode == -signal.SIGKILL  # killed, not run to its limit
    assert result is not None and result.status == "stopped" and not result.chosen
    close_workers()
    assert _highs_workers() == []


def test_highs_in_its_worker_keeps_its_time_limit_and_the_worker_serves_again(monkeypatch):
    """A worker is given what is left of the time limit as HiGHS's, answers, and is kept:
    the next HiGHS starts at once, in the same process.

    A GAP that HiGHS proves in moments (5 x 30: 1.6 s at load 17) with a minute each: a
    worker's start (its OR-Tools import, up to the whole of a short limit on a machine many
    times busier than its cores) and its answer both come within it on any machine.
    """
    given: list[float] = []
    ask = highs_process._Worker.ask

    def asked(self, model, params, model_params, deadline, stopped):
        answer = ask(self, model, params, model_params, deadline, stopped)
        given.append(params.time_limit.ToTimedelta().total_seconds())
        return answer

    monkeypatch.setattr(highs_process._Worker, "ask", asked)
    problem = gap_to_problem(gap_instance("E", 5, 30, seed=0))
    first = solve_mip(problem, time_limit_s=60.0)
    (worker,) = _highs_workers()
    again = solve_mip(problem, time_limit_s=60.0)
    assert _highs_workers() == [worker]
    assert len(given) == 2 and all(0 < seconds <= 60.0 for seconds in given), given
    for found in (first, again):
        assert found.chosen and plan_objective(problem, found.chosen) is not None
    close_workers()


def test_workers_started_ahead_serve_the_next_highs_without_a_new_start():
    """``prewarm`` starts workers whose OR-Tools import runs while the caller works on;
    the HiGHS solves that follow use them (no new process), and a second call with
    them idle starts none."""
    # Another test's HiGHS, stopped, hands its worker back to the pool when it answers: one
    # handed back between close_workers and prewarm left prewarm one worker to start.
    for thread in threading.enumerate():
        if thread.name == "highs-beside":
            thread.join(timeout=60)
    close_workers()
    others = set(_highs_workers())  # another test's HiGHS still running, if any
    prewarm(2)
    ahead = set(_highs_workers()) - others
    assert len(ahead) == 2
    prewarm(2)
    assert set(_highs_workers()) - others == ahead
    # A GAP HiGHS proves in moments, a minute for it and the workers' start on any machine.
    problem = gap_to_problem(gap_instance("E", 5, 30, seed=0))
    found = solve_mip(problem, time_limit_s=60.0)
    assert found.chosen and set(_highs_workers()) - others <= ahead
    close_workers()
    assert not ahead & set(_highs_workers())


def test_portfolio_solve_passes_the_checker(monkeypatch):
    """With HiGHS beside CP-SAT, whichever plan wins is checked and its objective is exact."""
    monkeypatch.setenv("PLANNER_PORTFOLIO", "1")
    problem = gap_to_problem(gap_instance("E", 5, 40, seed=1))
    result = solve(problem, time_limit_s=4)
    assert result.plan is not None
    assert check_plan(problem, result.plan) == []
    assert result.objective == float(objective_of(problem, result.plan).total)


def test_the_heuristic_effort_reaches_highs_and_a_proof_keeps_its_optimum(monkeypatch):
    """``heuristic_effort`` is HiGHS's ``mip_heuristic_effort`` in the request (none when
    not given: HiGHS's default), and HiGHS honours it: a bad value is refused (no plan),
    and with more effort a tiny GAP is still proved to the same optimum."""
    from planner.optimizer import mip as mip_module

    sent: list[dict[str, float]] = []
    real = mip_module.run_highs

    def recorded(model, params, *args, **kw):
        sent.append(dict(params.highs.double_options))
        return real(model, params, *args, **kw)

    monkeypatch.setattr(mip_module, "run_highs", recorded)
    problem = gap_to_problem(gap_instance("D", 3, 12, seed=0))
    plain = solve_mip(problem, time_limit_s=PROOF_LIMIT_S)
    more = solve_mip(problem, time_limit_s=PROOF_LIMIT_S, heuristic_effort=0.3)
    assert sent == [{}, {"mip_heuristic_effort": 0.3}]
    assert more.status == plain.status == "TERMINATION_REASON_OPTIMAL"
    assert plan_objective(problem, more.chosen) == plan_objective(problem, plain.chosen)
    refused = solve_mip(problem, time_limit_s=PROOF_LIMIT_S, heuristic_effort=-1.0)
    assert not refused.chosen
