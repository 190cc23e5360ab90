"""Shifts and swaps on a pure assignment's plan (planner/optimizer/gap_polish.py)."""

from __future__ import annotations

from planner.checker import check_plan
from planner.core.capacity import team_limit
from planner.core.domain import Plan
from planner.core.gap_instances import gap_problem
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import assignments_of, plan_objective
from planner.optimizer.gap_polish import polish
from planner.optimizer.greedy import greedy_pairs


def test_a_swap_is_taken_when_no_shift_fits():
    """Two full teams, each with the project the other is worth more on: only a swap
    gains, and it is taken (value 2 -> 10); the plan keeps every rule."""
    problem = gap_problem([10, 10], [[10, 10], [10, 10]], [[1, 5], [5, 1]])
    pairs = eligible_pairs(problem)
    by = {(p.project_id, p.team_id): p for p in pairs}
    plan = [by["J001", "A01"], by["J002", "A02"]]
    assert plan_objective(problem, plan) == 2
    polished = polish(problem, pairs, plan)
    assert sorted((p.project_id, p.team_id) for p in polished) == [
        ("J001", "A02"),
        ("J002", "A01"),
    ]
    assert plan_objective(problem, polished) == 10


def test_the_polished_plan_keeps_every_rule_and_no_shift_or_swap_gains():
    """On a GAP of type D the greedy's plan polished: checked, not worse, the same
    projects planned, and no single shift or swap within the teams' limits gains."""
    problem = gap_to_problem(gap_instance("D", 8, 60, seed=3))
    pairs = eligible_pairs(problem)
    plan = greedy_pairs(problem, pairs)
    before = plan_objective(problem, plan)
    polished = polish(problem, pairs, plan)
    after = plan_objective(problem, polished)
    assert before is not None and after is not None and after >= before
    assert {p.project_id for p in polished} == {p.project_id for p in plan}

    assert check_plan(problem, Plan(assignments_of(problem, polished, {}), ())) == []
    limit = {t.team_id: float(team_limit(problem, t)) for t in problem.teams}
    load = {t: 0.0 for t in limit}
    owner = {p.project_id: p for p in polished}
    for p in polished:
        load[p.team_id] += float(p.effort_hours)
    options: dict[str, list] = {}
    for p in pairs:
        options.setdefault(p.project_id, []).append(p)
    for pid, mine in owner.items():
        for other in options[pid]:
            if (
                other.team_id != mine.team_id
                and load[other.team_id] + float(other.effort_hours) <= limit[other.team_id]
            ):
                assert other.value <= mine.value  # no shift gains
    by = {(p.project_id, p.team_id): p for p in pairs}
    for p1 in polished:
        for p2 in polished:
            t1, t2 = p1.team_id, p2.team_id
            if t1 == t2 or (p2.project_id, t1) not in by or (p1.project_id, t2) not in by:
                continue
            q1, q2 = by[p2.project_id, t1], by[p1.project_id, t2]
            fits = (
                load[t1] - float(p1.effort_hours) + float(q1.effort_hours) <= limit[t1]
                and load[t2] - float(p2.effort_hours) + float(q2.effort_hours) <= limit[t2]
            )
            if fits:
                assert float(q1.value + q2.value - p1.value - p2.value) <= 1e-7  # no swap gains
