"""The LP with the quarter's weeks by HiGHS's interior point, and its own choice as a start."""

from __future__ import annotations

import sys
import threading
import time
from typing import ClassVar

import numpy as np
import pytest
from load_watch import LoadWatch

from planner.core.domain import Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.optimizer import warm_start as warm_start_module
from planner.optimizer import week_lp as week_lp_module
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.formulation import Formulation
from planner.optimizer.lp_bound import LpStatus, lp_bound
from planner.optimizer.warm_start import warm_start
from planner.optimizer.week_lp import lp_start, weeks_lp


def generated_weeks(seed: int) -> Problem:
    """A generated quarter in weeks: durations, windows, dependencies, joint projects."""
    return with_weeks(generate_instance(8, 80, 8, seed), seed)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_interior_point_reaches_the_lp_with_weeks_optimum(seed):
    """HiGHS's bound is GLOP's optimum of the same LP (the duals' Lagrangian bound, so it
    holds whatever HiGHS's tolerances), and its values sit in the columns' boxes."""
    prob = generated_weeks(seed)
    rules = Formulation.of(prob, eligible_pairs(prob), weeks=True)
    answer, values = weeks_lp(prob, rules, time_limit_s=60.0)
    glop = lp_bound(prob, formulation=rules)
    assert answer.status is LpStatus.OPTIMAL and answer.bound is not None
    assert glop.bound is not None
    assert answer.bound == pytest.approx(glop.bound, rel=1e-6)
    assert answer.bound >= glop.bound - 1e-6  # a bound: never below the LP's optimum
    assert answer.solved and len(values) > rules.num_pairs
    assert np.all(values >= -1e-9) and np.all(answer.values <= 1 + 1e-9)


def test_no_time_no_answer():
    prob = generated_weeks(1)
    rules = Formulation.of(prob, eligible_pairs(prob), weeks=True)
    answer, values = weeks_lp(prob, rules, time_limit_s=0.0)
    assert answer.status is LpStatus.UNKNOWN and answer.bound is None and len(values) == 0


def test_the_start_keeps_each_pair_the_lp_gives_at_least_half_at_its_largest_week():
    prob = generated_weeks(1)
    rules = Formulation.of(prob, eligible_pairs(prob), weeks=True)
    assert rules.starts is not None
    pairs = rules.pairs
    rows = {}
    for row, pair in enumerate(pairs):
        rows.setdefault(pair.project_id, []).append(row)
    # A project of one owner with two teams and several start weeks; a joint project.
    single = next(
        pid
        for pid, rs in rows.items()
        if not prob.project(pid).joint
        and len(rs) >= 2
        and all(len(rules.starts.starts.get(r, {})) >= 2 for r in rs)
    )
    joint = next(pid for pid, rs in rows.items() if prob.project(pid).joint and len(rs) >= 2)
    values = np.zeros(rules.num_columns)
    first, second = rows[single][:2]
    weeks = sorted(rules.starts.starts[first])
    values[first], values[second] = 0.6, 0.4
    values[rules.starts.starts[first][weeks[0]]] = 0.2
    values[rules.starts.starts[first][weeks[1]]] = 0.4  # its largest start column
    sales, marketing = rows[joint][:2]
    values[sales] = values[marketing] = 1.0
    for row, week in ((sales, 0), (marketing, 1)):  # its two sides at different weeks
        starts = sorted(rules.starts.starts.get(row, {}))
        if len(starts) > week:
            values[rules.starts.starts[row][starts[week]]] = 1.0
    preference, starts = lp_start(prob, rules, values)
    assert preference[first] == 1.0 and preference[second] == 0.0
    assert starts[single] == weeks[1]
    sides = [sorted(rules.starts.starts.get(r, {})) for r in (sales, marketing)]
    if all(len(s) >= 2 for s in sides) and sides[0][0] != sides[1][1]:
        assert preference[sales] == preference[marketing] == 0.0 and joint not in starts
    assert sum(preference) == (1.0 if joint not in starts else 3.0)


def test_a_middle_sized_quarter_in_weeks_also_starts_from_the_lp_with_its_weeks(monkeypatch):
    """Above the size GLOP solves the LP with the start columns in its time, HiGHS's interior
    point does, beside the greedy's own search: its bound (tighter than the LP without them)
    is the solve's, its own choice at its weeks gives a plan that keeps every rule, and the
    better of the two plans is kept."""
    prob = generated_weeks(1)
    pairs = eligible_pairs(prob)
    without = lp_bound(prob, formulation=Formulation.of(prob, pairs, weeks=False)).bound
    with_weeks_lp = lp_bound(prob, formulation=Formulation.of(prob, pairs, weeks=True)).bound
    assert without is not None and with_weeks_lp is not None and with_weeks_lp < without - 1e-3
    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)  # as if middle-sized
    monkeypatch.setattr(warm_start_module, "_WEEKS_IPM_MAX_COLUMNS", 0)  # no HiGHS: as before
    own = warm_start(prob, time_limit_s=30.0, budget_s=2.0)
    assert own.bound == pytest.approx(without, rel=1e-9) and own.formulation is None
    monkeypatch.setattr(warm_start_module, "_WEEKS_IPM_MAX_COLUMNS", 150_000)
    searched = []
    plan_of = warm_start_module.greedy_plan

    def spied(*args, **kwargs):
        chosen = plan_of(*args, **kwargs)
        searched.append((kwargs.get("kept_first", False), chosen))
        return chosen

    monkeypatch.setattr(warm_start_module, "greedy_plan", spied)
    warm = warm_start(prob, time_limit_s=30.0, budget_s=2.0)
    assert [first for first, _ in searched] == [False, True]  # its own order, then the LP's
    assert plan_objective(prob, *searched[0][1]) == own.objective  # its own search: as before
    from_lp = plan_objective(prob, *searched[1][1])
    assert from_lp is not None  # the LP's start, repaired and searched, passes the checker
    assert warm.bound == pytest.approx(with_weeks_lp, rel=1e-6)
    assert warm.objective is not None and own.objective is not None
    assert warm.objective == max(own.objective, from_lp) <= warm.bound + 1e-6
    assert plan_objective(prob, warm.plan, warm.starts) == warm.objective


class _Recorded(week_lp_module.WeeksLpBeside):
    """The beside as in a solve, each instance kept to look at its worker afterwards."""

    made: ClassVar[list[week_lp_module.WeeksLpBeside]] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _Recorded.made.append(self)


#: Workers that never answer (they sleep), that fail, and that answer nonsense.
_WORKERS = {
    "slow": "import time; time.sleep(120)",
    "failed": "import sys; sys.exit(3)",
    "garbage": "import sys; sys.stdout.buffer.write(b'not a pickle')",
}


@pytest.mark.parametrize("worker", sorted(_WORKERS))
def test_a_highs_that_never_answers_leaves_the_plan_as_without_it(monkeypatch, worker):
    """HiGHS slow or failed: the greedy's own search, its plan and the bound of the LP
    without the start columns, exactly as without HiGHS; a slow worker is killed on time
    (SPEC: a solve is never more than a second late)."""
    prob = generated_weeks(1)
    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)
    monkeypatch.setattr(warm_start_module, "_WEEKS_IPM_MAX_COLUMNS", 0)
    before = warm_start(prob, time_limit_s=4.0, budget_s=2.0)
    monkeypatch.setattr(warm_start_module, "_WEEKS_IPM_MAX_COLUMNS", 150_000)
    monkeypatch.setattr(
        week_lp_module, "worker_command", lambda: [sys.executable, "-c", _WORKERS[worker]]
    )
    monkeypatch.setattr(warm_start_module, "WeeksLpBeside", _Recorded)
    _Recorded.made.clear()
    with LoadWatch() as step:
        warm = warm_start(prob, time_limit_s=4.0, budget_s=2.0)
    assert step.seconds <= 4.0 + 1.0 * step.per_core  # SPEC's second, on a busy machine too
    assert len(_Recorded.made) == 1 and not _Recorded.made[0].running()  # killed or ended
    assert (warm.plan, dict(warm.starts), warm.objective) == (
        before.plan,
        dict(before.starts),
        before.objective,
    )
    assert warm.bound == before.bound and warm.formulation is None


def _slow_highs_recorded(monkeypatch) -> None:
    """HiGHS beside the warm start of any quarter in weeks, in a worker that never answers,
    each one :class:`_Recorded`."""
    monkeypatch.setattr(
        week_lp_module, "worker_command", lambda: [sys.executable, "-c", _WORKERS["slow"]]
    )
    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)
    monkeypatch.setattr(warm_start_module, "WeeksLpBeside", _Recorded)
    _Recorded.made.clear()


def test_a_cancel_stops_highs_beside_the_search(monkeypatch):
    """The leader's Stop during the warm start: its worker is killed, no wait for it."""
    prob = generated_weeks(1)
    _slow_highs_recorded(monkeypatch)
    cancel = threading.Event()
    timer = threading.Timer(0.5, cancel.set)
    with LoadWatch() as step:
        timer.start()
        warm = warm_start(prob, time_limit_s=30.0, budget_s=30.0, cancel=cancel)
        timer.join()
    assert step.seconds < 0.5 + 1.0 * step.per_core and warm.objective is not None
    assert len(_Recorded.made) == 1 and not _Recorded.made[0].running()


def test_a_cancel_ends_the_wait_for_highs(monkeypatch):
    """The leader's Stop once the greedy's own search is done and the warm start waits for
    HiGHS (its deadline 24 s away): the wait ends at once, the worker killed, the plan kept."""
    prob = generated_weeks(1)
    _slow_highs_recorded(monkeypatch)
    waits = []
    result = week_lp_module.WeeksLpBeside.result

    def waiting(self, until, stopped=None):
        waits.append(time.perf_counter())
        threading.Timer(0.3, cancel.set).start()  # pressed while it waits
        return result(self, until) if stopped is None else result(self, until, stopped)

    monkeypatch.setattr(_Recorded, "result", waiting)
    cancel = threading.Event()
    with LoadWatch() as step:
        warm = warm_start(prob, time_limit_s=30.0, budget_s=0.5, cancel=cancel)
    returned = time.perf_counter()
    assert len(waits) == 1 and returned - waits[0] < 0.3 + 0.5 * step.per_core
    assert warm.objective is not None and not _Recorded.made[0].running()


def test_the_worker_answers_the_lp_with_weeks_start():
    """The worker process's answer is :func:`lp_start` of :func:`weeks_lp` in this one."""
    prob = generated_weeks(2)
    pairs = eligible_pairs(prob)
    rules = Formulation.of(prob, pairs, weeks=True)
    answer, values = weeks_lp(prob, rules, time_limit_s=60.0)
    preference, starts = lp_start(prob, rules, values)
    beside = week_lp_module.WeeksLpBeside(prob, pairs, time.perf_counter() + 60.0)
    got = beside.result(time.perf_counter() + 60.0)
    assert got is not None and not beside.running()
    assert answer.bound is not None and got.bound == pytest.approx(answer.bound, rel=1e-6)
    assert got.preference == preference and got.starts == starts


def test_no_highs_when_its_share_of_the_time_is_too_short(monkeypatch):
    prob = generated_weeks(1)

    def never(*args, **kwargs):
        raise AssertionError("HiGHS started without the time to finish")

    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)
    monkeypatch.setattr(warm_start_module, "_IPM_S_PER_COLUMN", 1e9)
    monkeypatch.setattr(warm_start_module, "WeeksLpBeside", never)
    warm = warm_start(prob, time_limit_s=30.0, budget_s=2.0)
    assert warm.objective is not None and warm.bound is not None


def test_no_highs_for_a_quarter_without_weeks_nor_a_small_one_in_weeks(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("HiGHS started")

    monkeypatch.setattr(warm_start_module, "WeeksLpBeside", never)
    assert (
        warm_start(generate_instance(8, 80, 8, 1).problem, time_limit_s=30.0).objective is not None
    )
    assert warm_start(generated_weeks(1), time_limit_s=30.0).objective is not None
