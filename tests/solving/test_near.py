"""The second stage of a what-if (planner/solving/near.py), on toy quarters.

A leader reads one count of changes to the plan in force: the one rule 9 and
the checker count. A project deleted from the data since the plan was made is
no change of that plan, and a stopped what-if stops every search it runs.
"""

from __future__ import annotations

from builders import problem, project, team

import planner.solving.near as near
from planner.checker import num_changes
from planner.core.domain import Baseline, Problem
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
    deleted from the data since the plan in force is not 'dropped' by the what-if,
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
