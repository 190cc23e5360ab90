"""No plan in time because the quick first plan left out work that must be in it: said so.

A generated 150 x 1,500 quarter in weeks (seed 1) answered "no plan was found within the
time limit of 10 s: preparing the model took 10.0 s of it. Raise the time limit." at 10,
30 and 120 s alike: its quick first plan left a mandatory project out, and at that size
the full search needs about 180 s before it can start (and, begun at 300 s, found
nothing). The answer now names the project the first plan could not fit, the work that
took its team's room, and a fix a leader can make.

The quarter here has a plan (B on s1, A's sales side on s2); the greedy, placing A first
(each has two possible owners), gives A the less loaded s1, whose week 1 then lacks B's
16 h. As at company scale, the LP leaves the weeks out and nothing moves joint work.

The seconds a slow step takes at that scale are not waited here: the solver's clock is
moved on by them (:func:`solver_clock`), so each answer is the same on any machine. That a
slow build ends within its limit, on the real clock, is tests/solving/test_faults.py's.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from builders import pin, problem, project, settings, team

from planner.core.domain import Problem, Status
from planner.core.settings import CalendarSettings
from planner.explain.forced_left_out import Search
from planner.optimizer import warm_start as warm_start_module
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.warm_start import model_size
from planner.solving import limits, solver, stopping
from planner.solving.short_of_forced import first_plan_short


def _quarter() -> Problem:
    return problem(
        [
            team("s1", "sales", capacity=260),  # 20 h a week
            team("s2", "sales", capacity=130),  # 10 h a week
            team("m1", "marketing", capacity=1300),
        ],
        [
            project("A", "nurturing", effort=130, joint=True, mandatory=True, name="Joint push"),
            project(
                "B",
                "closing",
                effort=16,
                duration_weeks=1,
                due_week=1,
                mandatory=True,
                name="Kick-off deals",
            ),
            project("C", "closing", effort=13, value=5),
        ],
        rules=[pin("A", "m1")],
        settings=dataclasses.replace(settings(), calendar=CalendarSettings(weeks=13)),
    )


class _Clock:
    """The solver's clock (its ``time.perf_counter``), moved on by hand."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def perf_counter(self) -> float:
        return time.perf_counter() + self.skipped

    def sleep(self, seconds: float) -> None:
        """As if ``seconds`` went by, at once."""
        self.skipped += seconds


@pytest.fixture
def solver_clock(monkeypatch) -> _Clock:
    """The clock the solve reads its limit on (:mod:`planner.solving.solver`), faked."""
    clock = _Clock()
    monkeypatch.setattr(solver, "time", clock)
    return clock


@pytest.fixture
def as_at_scale(monkeypatch):
    """The LP without the weeks (as above 10,000 columns), no HiGHS beside it."""
    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)
    monkeypatch.setattr(warm_start_module, "_WEEKS_IPM_MAX_COLUMNS", 0)


def test_the_first_plan_leaves_the_forced_project_out(as_at_scale):
    warm = warm_start_module.warm_start(_quarter(), time_limit_s=1.0)
    assert warm.objective is None
    assert "B" not in {p.project_id for p in warm.plan}


def test_the_quarter_has_a_plan_the_search_finds(as_at_scale):
    result = solver.solve(_quarter(), time_limit_s=5.0)
    assert result.plan is not None, result.reasons
    assert result.plan.owners()["B"] == frozenset({"s1"})


def test_no_time_for_the_search_names_the_project_and_the_limit_it_needs(
    as_at_scale, monkeypatch, solver_clock
):
    """The warm start takes the limit, as at 150 x 1,500, where building the search
    would take about 27 s: the answer names 'Kick-off deals', the limit the search needs
    to start (not as a fix: the search that began at 300 s there found nothing), and the
    forced work the quick plan put on its teams, with the fix a leader can make."""
    real = solver.warm_start

    def slow(*args: Any, **kwargs: Any) -> Any:
        warm = real(*args, **kwargs)
        solver_clock.sleep(1.1)  # the local search up to the deadline, at company scale
        return warm

    monkeypatch.setattr(solver, "warm_start", slow)
    monkeypatch.setattr(limits, "_CP_SAT_S_PER_PAIR", 3.0)  # as if each pair took 3 s
    result = solver.solve(_quarter(), time_limit_s=1.0)
    assert result.status is Status.NO_PLAN
    (reason,) = result.reasons
    quarter = _quarter()
    needed = limits.search_limit_s(quarter, model_size(quarter, eligible_pairs(quarter)))
    assert needed > 1
    assert reason == (
        "no plan was found within the time limit of 1 s: the quick first plan could not "
        "fit 'Kick-off deals', which must be in the plan (mandatory, pinned, or needed by "
        "such work), beside the rest of that work, and at 3 teams x 3 projects the full "
        "search, which may find a plan with it, needs a time limit of at least about "
        f"{needed:,} s before it can start, and may find none even then. A plan may still "
        "exist: s1 and s2 also have 'Joint push' in that plan, which must be in it too; "
        "pinning it to another team leaves 'Kick-off deals' the room. Or plan the quarter "
        "in parts (a region or a department at a time)."
    ), reason
    assert "Raise the time limit" not in reason


def test_a_search_that_could_not_start_in_time_says_so(as_at_scale, monkeypatch, solver_clock):
    """The search's preparation outlasting the limit on a busy machine: the project is
    named, and the limit is not called too short for the search in general."""
    real = stopping.PlanningModel

    def too_slow(*args: Any, **kwargs: Any) -> Any:
        solver_clock.sleep(2)
        return real(*args, **kwargs)

    monkeypatch.setattr(stopping, "PlanningModel", too_slow)
    result = solver.solve(_quarter(), time_limit_s=1.0)
    assert result.status is Status.NO_PLAN
    (reason,) = result.reasons
    assert "could not fit 'Kick-off deals', which must be in the plan" in reason, reason
    assert "could not start within the limit on this busy machine" in reason, reason


def test_the_facts_name_the_work_left_out_its_teams_and_the_work_on_them(as_at_scale):
    """The solving layer hands back facts, not a sentence: 'Kick-off deals' left out, the
    two sales teams it may have, and 'Joint push', the forced work the quick plan put there
    (planner.explain.forced_left_out says them)."""
    quarter = _quarter()
    warm = warm_start_module.warm_start(quarter, time_limit_s=1.0)
    search = Search(needed_s=30, limit_s=1.0, elapsed_s=1.2)
    left = first_plan_short(quarter, warm.pairs, warm.plan, search)
    assert left is not None
    assert [p.project_id for p in left.missing] == ["B"]
    assert [t.team_id for t in left.teams] == ["s1", "s2"]
    assert [p.project_id for p in left.holding] == ["A"]
    assert (left.num_teams, left.num_projects, left.search) == (3, 3, search)


def test_no_facts_when_the_first_plan_holds_all_forced_work(as_at_scale):
    quarter = _quarter()
    warm = warm_start_module.warm_start(quarter, time_limit_s=1.0)
    whole = [p for p in eligible_pairs(quarter) if p.project_id == "B" and p.team_id == "s1"]
    plan = [*warm.plan, *whole]
    assert first_plan_short(quarter, warm.pairs, plan, Search(1, 1.0, 1.0)) is None
