"""Stop at company scale: the quick first plan is shown early and handed back at once.

Issue 17: the progress box shows the first plan as soon as the warm start has
one (the LP's rounding, with its gap to the LP bound), not after the warm
start's local search; and Stop hands back the best plan shown within half a
second, not after CP-SAT notices the stop or a plan is translated again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from planner.checker import check_plan
from planner.core.domain import Status
from planner.core.generate import generate_problem
from planner.solving.solver import Progress, solve

#: The Stop button's target (seconds), with room for a machine busy with other solves.
STOP_S = 0.5


@pytest.fixture(scope="module")
def quarter():
    """40 teams x 500 projects with a 30 s limit: seconds of local search after the rounding."""
    prob = generate_problem(40, 500, 8, 1)
    return prob.replace(
        settings=replace(prob.settings, solve=replace(prob.settings.solve, time_limit_s=30.0))
    )


@pytest.mark.slow
def test_stop_at_the_quick_first_plan_hands_it_back_at_once(quarter):
    """The plan the box shows first is the one Stop returns, with the same gap, within 0.5 s."""
    cancel = threading.Event()
    seen: list[Progress] = []
    stopped_at: list[float] = []

    def progress(update: Progress) -> None:
        seen.append(update)
        if not update.waiting and not cancel.is_set():
            stopped_at.append(time.perf_counter())
            cancel.set()

    started = time.perf_counter()
    result = solve(quarter, progress=progress, cancel=cancel)
    returned = time.perf_counter()
    [first] = [p for p in seen if not p.waiting]
    print(
        f"figure: first plan shown after {stopped_at[0] - started:.2f} s, "
        f"stop returned after {(returned - stopped_at[0]) * 1000:.0f} ms"
    )
    assert first.first_plan and first.num_solutions == 1
    assert first.bound == first.bound, "the first plan comes with the LP's bound (its gap)"
    assert returned - stopped_at[0] < STOP_S
    assert result.status is Status.FEASIBLE
    assert check_plan(quarter, result.plan) == []
    assert result.objective == pytest.approx(first.objective)
    assert result.bound == pytest.approx(first.bound)


@pytest.mark.slow
def test_the_first_plan_is_shown_before_the_local_search_ends(quarter):
    """The rounding is shown first, and the warm start's improvement of it later, numbered on."""
    seen: list[tuple[float, Progress]] = []
    cancel = threading.Event()
    started = time.perf_counter()

    def progress(update: Progress) -> None:
        if not update.waiting:
            seen.append((time.perf_counter() - started, update))
        if len([p for _, p in seen if p.first_plan]) == 2:
            cancel.set()  # the warm start's own plan is in: no need to search

    result = solve(quarter, progress=progress, cancel=cancel)
    shown = [(t, p) for t, p in seen if p.first_plan]
    assert [p.num_solutions for _, p in shown] == [1, 2]
    (quick_s, quick), (warm_s, warm) = shown
    print(f"figure: rounded plan shown at {quick_s:.2f} s, improved plan at {warm_s:.2f} s")
    assert warm.objective > quick.objective
    assert result.objective == pytest.approx(warm.objective)
    assert check_plan(quarter, result.plan) == []
