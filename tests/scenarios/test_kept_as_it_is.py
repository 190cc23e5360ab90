"""A what-if never answers with a plan that moves work and scores less than the current plan,
when the current plan still keeps every rule.

`planner solve data/sample --baseline plan.csv --time-limit 0.2`, nothing changed since
plan.csv: both stages ran out of time on the free re-solve's first plan, and the answer
moved or dropped 15 projects, goal attainment 85.6 % -> 63.8 %, under "Kept close to the
current plan: as few changes as possible" (0.5 s: 2 dropped, MQLs 88.5 % -> 59.2 %). The
same for the 100 % point of `scenarios sweep --budget 1`.
"""

from __future__ import annotations

from dataclasses import replace

from builders import forbid, goal, problem, project, settings, team

import planner.scenarios.free_replan_words as free_replan_words
import planner.scenarios.relative as relative
from planner.checker import check_plan
from planner.core.domain import Status
from planner.core.settings import Weights
from planner.solving.solver import solve

WEIGHTS = Weights(attainment=0, value=1, balance=0, fit=0, stability=0)


def _quarter():
    teams = [team("a", capacity=10), team("b", capacity=10)]
    projects = [project("p1", effort=10, value=5), project("p2", effort=10, value=5)]
    return problem(teams, projects, settings=settings(WEIGHTS))


def test_the_plan_in_force_is_kept_when_the_search_runs_out_of_time_on_a_worse_plan(
    monkeypatch,
):
    quarter = _quarter()
    baseline = solve(quarter).plan
    assert baseline is not None
    # The free re-solve's plan: as good, both projects on the other team (a search cut
    # short can end on any plan); the second stage, out of time, hands it back as it is.
    owners = {a.project_id: a.team_id for a in baseline.assignments}
    other = {"a": "b", "b": "a"}
    swapped = quarter.replace(rules=tuple(forbid(p, t) for p, t in owners.items()))
    free = solve(swapped)
    assert free.plan is not None and all(
        other[owners[a.project_id]] == a.team_id for a in free.plan.assignments
    )
    monkeypatch.setattr(relative, "solve_near", lambda problem, start, **kw: free)

    what_if = relative.solve_relative(quarter, baseline, free=free, time_limit_s=0.1)

    assert what_if.num_changes == 0 and not what_if.moved and not what_if.dropped
    assert what_if.result.plan is not None
    assert not check_plan(quarter, what_if.result.plan)
    assert what_if.result.objective == 10
    assert what_if.result.status in (Status.OPTIMAL, Status.FEASIBLE)


def test_a_free_re_plan_below_the_plan_in_force_says_its_search_ran_out_of_time(monkeypatch):
    """Beside the current plan kept, the free re-plan read "for goal attainment of 63.8 %
    (this plan: 85.6 %, within 0.5 % of the best plan these settings allow)": offered as
    the better plan a leader may take instead."""
    quarter = _quarter()
    baseline = solve(quarter).plan
    assert baseline is not None
    owners = {a.project_id: a.team_id for a in baseline.assignments}
    # A free plan with one project: the search stopped early.
    only = quarter.replace(rules=tuple(forbid("p2", t) for t in ("a", "b")))
    free = solve(only)
    assert free.plan is not None and len(free.plan.assignments) == 1
    monkeypatch.setattr(relative, "solve_near", lambda problem, start, **kw: free)

    what_if = relative.solve_relative(quarter, baseline, free=free, time_limit_s=0.1)
    words = free_replan_words.free_replan_words(quarter, what_if)

    assert what_if.num_changes == 0 and {a.team_id for a in what_if.result.plan.assignments} == set(
        owners.values()
    )
    assert "no better than this plan" in words and "ran out of time" in words
    assert "within" not in words


def test_a_plan_in_force_that_breaks_a_new_rule_is_not_kept(monkeypatch):
    """The changed inputs forbid what the current plan does: the search's answer stands."""
    quarter = _quarter()
    baseline = solve(quarter).plan
    assert baseline is not None
    owners = {a.project_id: a.team_id for a in baseline.assignments}
    changed = quarter.replace(rules=tuple(forbid(p, t) for p, t in owners.items()))
    free = solve(changed)
    monkeypatch.setattr(relative, "solve_near", lambda problem, start, **kw: free)

    what_if = relative.solve_relative(changed, baseline, free=free, time_limit_s=0.1)

    assert what_if.num_changes == 2
    assert what_if.result.plan is not None and not check_plan(changed, what_if.result.plan)


def test_a_project_deleted_since_does_not_stop_the_plan_in_force_being_kept(monkeypatch):
    """A what-if after a project left the data: the rest of the current plan still stands."""
    quarter = _quarter()
    baseline = solve(quarter).plan
    assert baseline is not None
    owners = {a.project_id: a.team_id for a in baseline.assignments}
    fewer = quarter.replace(projects=tuple(p for p in quarter.projects if p.project_id != "p2"))
    swapped = fewer.replace(rules=(forbid("p1", owners["p1"]),))
    free = solve(swapped)
    assert free.plan is not None and free.plan.assignments[0].team_id != owners["p1"]
    monkeypatch.setattr(relative, "solve_near", lambda problem, start, **kw: free)

    what_if = relative.solve_relative(fewer, baseline, free=free, time_limit_s=0.1)

    assert what_if.num_changes == 0
    assert what_if.result.plan is not None and not check_plan(fewer, what_if.result.plan)
    assert [(a.project_id, a.team_id) for a in what_if.result.plan.assignments] == [
        ("p1", owners["p1"])
    ]


def test_a_what_if_kept_close_to_an_unproven_re_plan_does_not_claim_the_best_plan(monkeypatch):
    """At 150 teams the fresh re-plan of a 5 % sales cut stops on the clock (gap unknown,
    or 10 % from the bound), yet the banner and `planner solve --baseline` said the kept
    plan was "within 0.5 % of the best plan these settings allow", and the free re-plan's
    sentence repeated it. Only "within 0.5 % of the re-plan from scratch" is known then.
    """
    from planner.core.status_words import status_sentence

    quarter = _quarter()
    baseline = solve(quarter).plan
    assert baseline is not None
    proven = solve(quarter)
    assert proven.status is Status.OPTIMAL
    unproven = replace(proven, status=Status.FEASIBLE, bound=None, gap=None)
    monkeypatch.setattr(relative, "solve_near", lambda problem, start, **kw: unproven)

    what_if = relative.solve_relative(quarter, baseline, free=unproven, time_limit_s=0.1)
    words = free_replan_words.free_replan_words(quarter, what_if)
    assert "best plan these settings allow" not in words, words
    assert "the search stopped that re-plan before it could rule out a better one" in words

    for gap in (None, 0.099):
        said = status_sentence("feasible", 8.44, gap, 0.005)
        assert "best plan these settings allow" not in said, said
        assert "up to 0.5 % short of a re-plan from scratch, goals weighed by how much" in said
    # Beside a proven re-plan (the sample's: gap within the tolerance) the claim holds.
    # "within 0.5 %" beside "85.6 %" read as attainment points: it says what it is of, in
    # a leader's words ("the planner's ranking score" was the planner's own).
    said = status_sentence("feasible", 0.3, 0.003, 0.005)
    assert (
        "allowed to fall up to 0.5 % short of the best plan these settings allow, goals weighed "
        "by how much each matters (" in said
    ), said
    assert "ranking score" not in said, said


def test_the_free_re_plan_s_sentence_counts_one_project_in_the_singular():
    """ "…move 0, drop 0 and add 1 projects for goal attainment of …": the count of added
    projects reads "1 project" (and "2 projects") in the sentence a leader reads."""
    quarter = _quarter()
    baseline = solve(quarter).plan
    assert baseline is not None
    what_if = relative.solve_relative(quarter, baseline)
    one = free_replan_words.free_replan_words(quarter, replace(what_if, free_changes=(0, 0, 1)))
    two = free_replan_words.free_replan_words(quarter, replace(what_if, free_changes=(2, 1, 2)))
    assert "would add 1 project for goal attainment" in one, one
    assert "move 2, leave out 1 and add 2 projects for goal attainment" in two, two


def test_a_free_re_plan_as_high_in_goal_attainment_is_not_said_to_be_below_it(monkeypatch):
    """At 150 teams, a what-if at 3 s kept the plan in force and read "Re-planned from
    scratch ... for goal attainment of 67.4 %, below this plan's 67.4 %": the free plan
    scored less on its workloads, not on its goals (attack round 33). Both figures are said
    as they are, and the free plan as no better."""
    teams = [team("a", capacity=10), team("b", capacity=10)]
    projects = [project(p, effort=5, value=5, goal_id="g") for p in ("p1", "p2")]
    weights = Weights(attainment=1, value=0, balance=0.1, fit=0, stability=0)
    quarter = problem(teams, projects, goals=[goal("g", 10)], settings=settings(weights))
    baseline = solve(quarter).plan
    assert baseline is not None and len({a.team_id for a in baseline.assignments}) == 2
    # The free plan: both projects on one team, its goal as reached, its workloads uneven.
    free = solve(quarter.replace(rules=(forbid("p1", "b"), forbid("p2", "b"))))
    assert free.plan is not None and {a.team_id for a in free.plan.assignments} == {"a"}
    monkeypatch.setattr(relative, "solve_near", lambda problem, start, **kw: free)

    what_if = relative.solve_relative(quarter, baseline, free=free, time_limit_s=0.1)
    words = free_replan_words.free_replan_words(quarter, what_if)

    assert what_if.num_changes == 0
    assert "below" not in words, words
    assert "for goal attainment of 100.0 % (this plan: 100.0 %)" in words, words
    assert "ran out of time" in words, words
