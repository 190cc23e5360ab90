"""Forced work (pinned, mandatory) placed so that a project with one owner keeps its room.

A generated 150 x 1,500 quarter in weeks (seed 1) had a plan, yet no solve found one at
10, 30 or 120 s: the greedy placed its pinned work in the data's order, and 'P0492', a
joint project pinned to a marketing team with its sales side free, took 2.4 h a week of
'Mid-Market AEs, LATAM', whose week 7 of 17.4 h then lacked the 15.5 h a week of
'P1461', mandatory and pinned to that team alone. Every start of the warm start left
P1461 out, and the model was too large to build and search in the time, so the solve
ended with no plan. The same corner, small: 'joint' (pinned to m1, its sales side free)
comes first in the data and prefers s1, the less loaded; 'alone' has only s1.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from builders import pin, problem, project, settings, team

from planner.checker import check_plan
from planner.core.domain import CalendarRow, Problem
from planner.core.settings import CalendarSettings
from planner.optimizer import warm_start as warm_start_module
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import greedy_plan
from planner.optimizer.warm_start import warm_start
from planner.solving.plans import to_plan

D = Decimal


def cornered(*, mandatory: bool = True) -> Problem:
    """s1 has 10 h a week but 6 h in week 5; 'alone' needs 5 h every week on s1, and
    'joint' 2 h a week on its sales team, s1 or s2 (2 h a week: full with it)."""
    return problem(
        [
            team("s1", "sales", capacity=130),
            team("s2", "sales", capacity=26),
            team("m1", "marketing", capacity=1300),
        ],
        [
            project("joint", "nurturing", effort=52, joint=True, mandatory=mandatory),
            project("alone", "closing", effort=65, mandatory=mandatory),
            project("extra", "closing", effort=13, value=5),
        ],
        rules=[pin("joint", "m1"), pin("alone", "s1")],
        calendar=[CalendarRow("s1", 5, 5, D(6))],
        settings=dataclasses.replace(settings(), calendar=CalendarSettings(weeks=13)),
    )


def test_the_greedy_keeps_the_room_of_a_project_with_one_owner():
    prob = cornered()
    assert prob.is_time_phased
    pairs = eligible_pairs(prob)
    chosen, starts = greedy_plan(prob, pairs)
    owners = {(p.project_id, p.team_id) for p in chosen}
    assert ("alone", "s1") in owners
    assert {("joint", "s2"), ("joint", "m1")} <= owners  # the free side went to the other team
    assert check_plan(prob, to_plan(prob, chosen, starts)) == []


def test_the_warm_start_s_plan_keeps_every_rule(monkeypatch):
    """The quick first plan a large quarter keeps when no search can follow. There the LP
    leaves the weeks out and gives the bound only (a small quarter's LP, with its weeks,
    puts 'joint' on s2 and rounds a plan that keeps every rule): so here too."""
    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)
    prob = cornered()
    warm = warm_start(prob, time_limit_s=1.0)
    assert warm.objective is not None
    assert plan_objective(prob, warm.plan, warm.starts) == warm.objective


def test_pinned_optional_work_is_placed_the_same_way():
    """A pin forces the work in (rule 7) whether or not it is marked mandatory."""
    prob = cornered(mandatory=False)
    chosen, starts = greedy_plan(prob, eligible_pairs(prob))
    assert {"joint", "alone"} <= {p.project_id for p in chosen}
    assert check_plan(prob, to_plan(prob, chosen, starts)) == []
