"""A what-if's repair of the current plan (baseline_repair.nearby_plan) sheds the fewest projects.

A leader who cuts a department's hours by 5 % expects each team the cut leaves
short to give up the project or two that no longer fit, and every other team to
keep its work. The repair used to place the current plan's projects densest
first, so a short team lost its least dense work until the rest fitted: three
small projects where one larger one was enough (generated 40 x 500 quarters,
5 % less sales: 19-27 changes where 14-18 were forced; 150 x 3,000: 182 where
71 did).
"""

from __future__ import annotations

from collections import defaultdict

from planner.checker import check_plan
from planner.core.domain import Baseline, Problem
from planner.core.generate import generate_problem
from planner.core.pairs import Pair
from planner.optimizer.baseline_repair import _fewest_to_shed, nearby_plan
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import Greedy, greedy_pairs
from planner.scenarios.whatif import with_capacity
from planner.solving.plans import to_plan


def owners_of(chosen: list[Pair]) -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for pair in chosen:
        owners[pair.project_id].add(pair.team_id)
    return {p: frozenset(t) for p, t in owners.items()}


def sales_cut_against_greedy_plan(seed: int) -> Problem:
    """A generated 40 x 500 quarter with 5 % less sales, against the greedy's plan of the
    quarter as it was (a current plan made without a clock, so the same every run)."""
    problem = generate_problem(40, 500, seed=seed)
    owners = owners_of(greedy_pairs(problem, eligible_pairs(problem)))
    return with_capacity(problem, "sales", 0.95).replace(baseline=Baseline(owners))


def fewest_forced(problem: Problem) -> int:
    """Projects the cut forces off their teams at the least: for each team, the fewest of
    its projects in the current plan whose hours cover what it now lacks."""
    assert problem.baseline is not None
    pairs = eligible_pairs(problem)
    g = Greedy(problem, pairs, None)
    held: dict[str, list[int]] = defaultdict(list)
    for row, pair in enumerate(pairs):
        if pair.team_id in problem.baseline.owners.get(pair.project_id, ()):
            held[pair.team_id].append(g.hours[row])
    forced = 0
    for team_id, hours in held.items():
        over = sum(hours) - g.free[team_id]
        for size in sorted(hours, reverse=True):
            if over <= 0:
                break
            over -= size
            forced += 1
    return forced


def test_a_sales_cut_moves_or_drops_only_the_projects_the_short_teams_must_shed():
    """5 % less sales on a 40 x 500 quarter leaves 14 sales teams short, each by less than
    one of its projects: the repair changes 14 projects, one per short team (27 before),
    and its plan keeps every rule."""
    problem = sales_cut_against_greedy_plan(seed=1)
    assert problem.baseline is not None
    owners = problem.baseline.owners
    pairs = eligible_pairs(problem)
    chosen, objective = nearby_plan(problem, pairs, owners, float("-inf"), time_limit_s=60)
    after = owners_of(chosen)
    changed = [p for p, teams in owners.items() if after.get(p) != teams]
    assert objective is not None
    assert len(changed) == fewest_forced(problem) == 14
    assert check_plan(problem, to_plan(problem, chosen, {})) == []


def test_a_short_team_sheds_one_project_that_covers_the_gap_rather_than_two_smaller():
    """20 h short with projects of 25, 12 and 12 h: one project (25 h) goes, not the two
    that are worth less."""
    held = [("large", 25, 5.0), ("small-a", 12, 1.0), ("small-b", 12, 1.0)]
    assert _fewest_to_shed(held, 20, 0) == ["large"]


def test_among_as_few_projects_a_short_team_sheds_the_one_worth_least():
    """Two projects cover the gap alone: the one whose loss costs the goals less goes."""
    held = [("dear", 30, 8.0), ("cheap", 25, 2.0), ("small", 5, 0.1)]
    assert _fewest_to_shed(held, 20, 0) == ["cheap"]


def test_a_team_that_cannot_cover_its_gap_sheds_nothing_here():
    """When all of its projects do not cover the gap, the caller decides (None)."""
    assert _fewest_to_shed([("only", 5, 1.0)], 20, 0) is None
