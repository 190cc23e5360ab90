"""The second stage of a what-if (planner/solving/near_current_plan.py), on toy quarters.

A leader reads one count of changes to the current plan: the one rule 9 and
the checker count. A project deleted from the data since the plan was made is
no change of that plan, and a stopped what-if stops every search it runs.
"""

from __future__ import annotations

import threading

import pytest
from builders import problem, project, team

import planner.solving.near_current_plan as near
from planner.checker import num_changes
from planner.core.domain import Baseline, Problem
from planner.optimizer.baseline_repair import reverted_plan
from planner.optimizer.eligibility import eligible_pairs
from planner.scenarios.relative import solve_relative
from planner.solving.solver import solve


def three_projects_and_a_fourth() -> tuple[Problem, Problem]:
    """Two marketing teams with room for everything; the quarter with ``gone`` and without."""
    teams = [team("a"), team("b")]
    kept = [project("p1"), project("p2"), project("p3")]
    full = problem(teams, [*kept, project("gone")])
    return full, problem(teams, kept)


def test_a_project_deleted_from_the_data_is_no_change_of_the_plan_in_force():
    """The what-if's moved and dropped projects are what the checker counts: a project
    deleted from the data since the current plan is not 'dropped' by the what-if,
    so the summary, the CLI and rule 9 read one number."""
    full, smaller = three_projects_and_a_fourth()
    in_force = solve(full).plan
    assert in_force is not None and "gone" in in_force.owners()
    relative = solve_relative(smaller, in_force, time_limit_s=5.0)
    anchored = smaller.replace(baseline=Baseline(in_force.owners()))
    assert relative.result.plan is not None and relative.free.plan is not None
    assert "gone" not in [m.project_id for m in relative.dropped]
    assert relative.num_changes == num_changes(anchored, relative.result.plan) == 0
    moved, dropped, _added = relative.free_changes
    assert moved + dropped == num_changes(anchored, relative.free.plan)


def test_a_baseline_that_only_lost_a_deleted_project_needs_no_search(monkeypatch):
    """solve_near counts changes as the checker does: a start that keeps every owner of
    the projects still in the data, and reaches the bound, is the answer at once (no
    CP-SAT search for changes that are not there), and the result says it is proven."""
    full, smaller = three_projects_and_a_fourth()
    in_force = solve(full).plan
    free = solve(smaller)
    assert in_force is not None and free.plan is not None and free.objective is not None
    owners = {**free.plan.owners(), "gone": in_force.owners()["gone"]}
    anchored = smaller.replace(baseline=Baseline(owners))
    searched: list[object] = []
    monkeypatch.setattr(near, "_fewest_changes", lambda *args: searched.append(args))
    result = near.solve_near(anchored, free.plan, floor=free.objective, bound=free.bound)
    assert searched == []
    assert result.plan is not None and result.plan.owners() == free.plan.owners()
    assert num_changes(anchored, result.plan) == 0
    assert near.EXACT_NOTE in result.reasons


def test_reverting_a_change_stops_when_cancelled():
    """reverted_plan puts a moved project back on its baseline team, unless stopped."""
    prob = problem([team("a"), team("b")], [project("p1")])
    pairs = eligible_pairs(prob)
    on_b = [p for p in pairs if p.team_id == "b"]
    baseline = {"p1": frozenset({"a"})}
    chosen, _ = reverted_plan(prob, pairs, baseline, on_b, 0.0, time_limit_s=5.0)
    assert [(p.project_id, p.team_id) for p in chosen] == [("p1", "a")]
    stop = threading.Event()
    stop.set()
    chosen, _ = reverted_plan(prob, pairs, baseline, on_b, 0.0, time_limit_s=5.0, cancel=stop)
    assert [(p.project_id, p.team_id) for p in chosen] == [("p1", "b")]


def test_a_cancelled_near_solve_stops_its_reverting_too(monkeypatch):
    """Stop on a large what-if reaches every search of the second stage, the repair and
    the reverting of the free plan included: the reverting used to run on to its own
    share of the time limit. (The reverting now runs only when nothing nearer reached
    the floor; when it runs, it is stopped too.)"""
    full, smaller = three_projects_and_a_fourth()
    in_force = solve(full).plan
    free = solve(smaller)
    assert in_force is not None and free.plan is not None and free.objective is not None
    monkeypatch.setattr(near, "SMALL_PAIRS", 0)  # the toy stands in for a large quarter
    seen: list[tuple[str, threading.Event | None]] = []

    def spy(name, search):
        def spied(*args, **kwargs):
            seen.append((name, kwargs.get("cancel")))
            return search(*args, **kwargs)

        return spied

    monkeypatch.setattr(near, "reverted_plan", spy("reverted", reverted_plan))
    monkeypatch.setattr(near, "nearby_plan", spy("repaired", near.nearby_plan))
    stop = threading.Event()
    stop.set()
    moved = {
        p: frozenset({"b"}) if t == frozenset({"a"}) else frozenset({"a"})
        for p, t in free.plan.owners().items()
    }
    anchored = smaller.replace(baseline=Baseline(moved))
    result = near.solve_near(
        anchored, free.plan, floor=free.objective, bound=free.bound, cancel=stop
    )
    assert result.plan is not None
    assert "repaired" in [name for name, _ in seen]
    assert all(event is stop for _, event in seen)


@pytest.mark.parametrize("note", [near.EXACT_NOTE, near.WEEKS_NOTE])
def test_how_a_what_if_was_kept_close_reads_in_a_leaders_words(note):
    """``planner scenarios show`` of a kept what-if read "reason: a small quarter: one
    search counted each change to the current plan and proved that no plan within the
    tolerance changes fewer projects": the optimizer's words. It says what was kept."""
    assert note.startswith("kept close to the current plan")
    for word in ("search", "tolerance", "solve", "repair", "proved"):
        assert word not in note, word
