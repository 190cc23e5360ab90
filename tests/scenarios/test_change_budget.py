"""A re-plan's change budget and its diff: at most k owners change, done work never
moves, the stability weight, the reasons a change gives; over generated quarters too.
"""

from __future__ import annotations

import pytest
from builders import problem, project, team
from checkin_cases import DONE, DROPPED, IN_PROGRESS, D, _quiet, plan_of, progress, replan
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from planner.checker import check_plan, num_changes
from planner.core.domain import Plan, Problem, Status
from planner.core.generate import generate_problem
from planner.scenarios.checkin import (
    CheckIn,
    ProjectStatus,
)
from planner.scenarios.replan import fewest_changes
from planner.scenarios.replan_diff import ChangeKind, replan_diff
from planner.solving.solver import solve

# -- the change budget -----------------------------------------------------


@pytest.fixture
def poor_baseline() -> tuple[Problem, Plan]:
    """One team of 100 h: the baseline holds four 1-point projects, four 10-point ones wait."""
    prob = problem(
        [team("m1")],
        [project(f"lo{i}", effort=25, value=1) for i in range(4)]
        + [project(f"hi{i}", effort=25, value=10) for i in range(4)],
    )
    return prob, plan_of(prob, {f"lo{i}": "m1" for i in range(4)})


def test_change_budget_zero_keeps_the_baseline_where_it_is_feasible(poor_baseline):
    """People have started: with no changes allowed, the plan stays exactly as it was."""
    prob, base = poor_baseline
    result = solve(replan(prob, base, CheckIn(), max_changes=0))
    assert result.plan.owners() == base.owners()


@pytest.mark.parametrize("budget", [1, 2, 3])
def test_change_budget_k_never_changes_more_than_k_owners(poor_baseline, budget):
    """The unconstrained re-plan would swap all four; a budget of k allows k swaps only."""
    prob, base = poor_baseline
    free = solve(replan(prob, base, CheckIn()))
    assert num_changes(replan(prob, base, CheckIn()), free.plan) == 4
    rp = replan(prob, base, CheckIn(), max_changes=budget)
    result = solve(rp)
    assert num_changes(rp, result.plan) == budget
    assert result.objective == 4 + 9 * budget


def test_stability_weight_keeps_swaps_that_are_not_worth_it(poor_baseline):
    """A move that gains 9 points is not made when each move costs 10."""
    prob, base = poor_baseline
    result = solve(replan(prob, base, CheckIn(), stability=10))
    assert result.plan.owners() == base.owners()


def test_infeasible_budget_says_how_many_changes_would_do(relay):
    """m1 has 40 h left for 80 h of work: one project must go, and the leader is told so."""
    prob, base = relay
    rp = replan(prob, base, CheckIn(hours_used={"m1": D(60)}), max_changes=0)
    assert solve(rp).status is Status.INFEASIBLE
    assert fewest_changes(rp) == 1


def test_done_projects_never_move(relay):
    """Done work stays with the team that did it: not in the re-plan, shown as done in the diff."""
    prob, base = relay
    checkin = CheckIn(D(4), projects={"a": progress(DONE), "b": progress(IN_PROGRESS, 50)})
    rp = replan(prob, base, checkin)
    new = solve(rp).plan
    assert "a" not in new.owners()
    diff = replan_diff(rp, base, new, checkin=checkin, original=prob)
    done = diff.of_kind(ChangeKind.DONE)
    assert [(c.project_id, c.before) for c in done] == [("a", ("m1",))]
    assert new.owners()["b"] == frozenset({"m1"})


# -- the diff ------------------------------------------------------------------


def test_diff_counts_the_same_changes_as_rule_9(poor_baseline):
    """The page's "N changes" must be the number the budget bounds."""
    prob, base = poor_baseline
    rp = replan(prob, base, CheckIn(), max_changes=2)
    new = solve(rp).plan
    diff = replan_diff(rp, base, new)
    assert diff.num_changes == num_changes(rp, new) == 2
    assert len(diff.of_kind(ChangeKind.ADDED)) == 2
    assert all("makes room" in c.reason for c in diff.of_kind(ChangeKind.LEFT_OUT))


def test_moved_project_says_its_old_team_can_no_longer_take_it():
    """Leaders accept a move when they see why: here m1 has too few hours left for it."""
    prob = problem([team("m1"), team("m2")], [project("a", effort=60)])
    base = plan_of(prob, {"a": "m1"})
    rp = replan(prob, base, CheckIn(hours_used={"m1": D(50)}))
    new = solve(rp).plan
    (change,) = replan_diff(rp, base, new).changes
    assert change.kind is ChangeKind.MOVED
    assert change.after == ("m2",)
    assert "m1 can no longer take it" in change.reason


def test_added_project_says_its_goal_is_behind(relay):
    """The point of re-planning: work added for a lagging goal says so."""
    prob, base = relay
    prob = prob.replace(teams=(*prob.teams, team("m3")))
    checkin = CheckIn(D("6.5"), achieved={"g": D(2)}, hours_used={"m1": D(0), "m2": D(0)})
    rp = replan(prob, base, checkin)
    new = solve(rp).plan
    added = replan_diff(rp, base, new, checkin=checkin, original=prob).of_kind(ChangeKind.ADDED)
    assert [c.project_id for c in added] == ["d"]
    assert "behind (20.0 % of target" in added[0].reason  # rounded once, as everywhere


@st.composite
def quarters(draw):
    """A small generated quarter, its solved baseline and a random check-in on it."""
    prob = _quiet(
        generate_problem(
            draw(st.integers(2, 5)),
            draw(st.integers(3, 14)),
            draw(st.integers(1, 4)),
            draw(st.integers(0, 10_000)),
        )
    )
    base = solve(prob).plan
    assert base is not None
    owned = sorted(base.owners())
    statuses = draw(
        st.lists(st.sampled_from(list(ProjectStatus)), min_size=len(owned), max_size=len(owned))
    )
    projects = {}
    for project_id, status in zip(owned, statuses, strict=True):
        percent = draw(st.integers(0, 99)) if status is IN_PROGRESS else 0
        projects[project_id] = progress(status, percent)
    weeks = D(draw(st.integers(0, 26))) / 2
    achieved = {g.goal_id: g.target * D(draw(st.integers(0, 120))) / 100 for g in prob.goals}
    checkin = CheckIn(weeks, projects=projects, achieved=achieved)
    return (
        prob,
        base,
        checkin,
        draw(st.integers(0, 3)),
        draw(st.sets(st.sampled_from(owned or ["-"]))),
    )


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quarters())
def test_replan_of_any_checkin_respects_budget_done_and_pins(case):
    """Whatever the check-in: at most k owners change, done work is gone, started work stays."""
    prob, base, checkin, budget, unlocked = case
    rp = replan(prob, base, checkin, max_changes=budget, stability=1.0, unlocked=unlocked)
    result = solve(rp)
    if result.plan is None:
        assert result.status in (Status.INFEASIBLE, Status.NO_PLAN)
        return
    assert check_plan(rp, result.plan) == []
    assert num_changes(rp, result.plan) <= budget
    owners = result.plan.owners()
    assert checkin.ids_with(DONE, DROPPED).isdisjoint(owners)
    for project_id in checkin.ids_with(IN_PROGRESS) - unlocked:
        assert owners[project_id] == base.owners()[project_id]
    diff = replan_diff(rp, base, result.plan, checkin=checkin, original=prob)
    assert diff.num_changes == num_changes(rp, result.plan)
