"""The re-plan a check-in makes (planner.scenarios.rest_of_quarter): done, dropped and running
projects, the capacity and goals left, the project slots, the budget attached.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import estimate, goal, problem, project, settings, team, with_status
from checkin_cases import DONE, DROPPED, IN_PROGRESS, D, plan_of, progress, replan

from planner.checker import check_plan
from planner.core.errors import InvalidInputError
from planner.core.settings import CapacitySettings, Weights
from planner.scenarios.checkin import (
    CheckIn,
    remaining_capacity,
    removed_projects,
)
from planner.scenarios.on_plan import checkin_as_planned
from planner.solving.solver import solve

# -- the re-plan problem -----------------------------------------------------


def test_done_project_leaves_the_problem_and_its_dependents_are_free(relay):
    """Done work is spent and counted in the KPI; a dependency on it is met."""
    prob, base = relay
    rp = replan(prob, base, CheckIn(projects={"a": progress(DONE)}))
    assert "a" not in rp.project_index
    assert rp.project("c").depends_on == ()
    assert "a" not in rp.baseline.owners


def test_dropped_project_blocks_dependents_that_have_not_started(relay):
    """Work that needs a dropped project cannot be done, so it leaves the re-plan too."""
    prob, base = relay
    rp = replan(prob, base, CheckIn(projects={"a": progress(DROPPED)}))
    assert {"a", "c"}.isdisjoint(rp.project_index)


def test_a_chain_of_dependents_of_a_dropped_project_leaves_the_re_plan_whole(relay):
    """a dropped blocks c, and c blocked blocks e (which depends on c): all three leave.

    A chain is as strong as its first link: a re-plan that kept e would plan
    work whose prerequisite nobody will do, and the checker's rule 8 would fail it.
    """
    prob, base = relay
    e = project("e", effort=10, value=1, goal_id="g", depends_on=("c",))
    prob = prob.replace(projects=(*prob.projects, e))
    removed = removed_projects(prob, CheckIn(projects={"a": progress(DROPPED)}))
    assert removed == {
        "a": "dropped",
        "c": "blocked: it depends on 'a', which was dropped",
        "e": "blocked: it depends on 'c', which was dropped",
    }
    rp = replan(prob, base, CheckIn(projects={"a": progress(DROPPED)}))
    assert {"a", "c", "e"}.isdisjoint(rp.project_index)


def test_dependent_already_in_progress_keeps_going_when_its_prerequisite_is_dropped(relay):
    """People have started: the leader's drop of the prerequisite does not cancel their work."""
    prob, base = relay
    checkin = CheckIn(projects={"a": progress(DROPPED), "c": progress(IN_PROGRESS, 50)})
    rp = replan(prob, base, checkin)
    assert rp.project("c").depends_on == ()


def test_in_progress_project_is_pinned_for_its_remaining_effort_and_value(relay):
    """A project 25 % done keeps its team and needs 75 % of its hours, and of its value."""
    prob, base = relay
    prob = prob.replace(estimates=(estimate("b", "m2", effort=20, value=8),))
    rp = replan(prob, base, CheckIn(projects={"b": progress(IN_PROGRESS, 25)}))
    assert (rp.project("b").effort_hours, rp.project("b").value) == (D(30), D(3))
    assert (rp.estimates[0].effort_hours, rp.estimates[0].value) == (D(15), D(6))
    assert ("b", "m1") in rp.pins


def test_unlocked_in_progress_project_may_move(relay):
    """The leader can free a started project; it keeps its remaining size but no pin."""
    prob, base = relay
    checkin = CheckIn(projects={"b": progress(IN_PROGRESS, 25)})
    rp = replan(prob, base, checkin, unlocked={"b"})
    assert rp.pins == frozenset()
    assert rp.project("b").effort_hours == D(30)


def test_capacity_shrinks_with_the_share_of_the_quarter_elapsed(relay):
    """At week 6.5 of 13 a team has half its hours left."""
    prob, base = relay
    rp = replan(prob, base, CheckIn(D("6.5")))
    assert [t.capacity_hours for t in rp.teams] == [D(50), D(50)]


def test_hours_used_per_team_beat_the_time_share(relay):
    """When a team reports its hours, those count, not the calendar; never below 0."""
    prob, base = relay
    rp = replan(prob, base, CheckIn(D("6.5"), hours_used={"m1": D(30), "m2": D(130)}))
    assert [t.capacity_hours for t in rp.teams] == [D(70), D(0)]


def test_hours_used_come_out_of_the_capacity_in_force():
    """Hours used are hours of planned work. With 80 % of 100 h plannable and 30 h used,
    50 h of planned work are left: 62.5 h of capacity at 80 %, not (100 - 30) x 80 % = 56 h.
    """
    prob = problem([team("m1")], [project("a")])
    prob = prob.replace(settings=prob.settings.with_changes(capacity=CapacitySettings(0.8)))
    rp = replan(prob, plan_of(prob, {}), CheckIn(D(4), hours_used={"m1": D(30)}))
    assert rp.team("m1").capacity_hours == D("62.5")


def test_prefill_with_more_capacity_than_listed_re_plans_with_no_change():
    """A what-if of 150 % capacity: the plan loads more hours than capacity_hours lists, and
    the pre-filled hours used (its own load so far) still leave it room for the rest.
    """
    prob = problem(
        [team("m1", capacity=100)],
        [project("a", effort=90, goal_id="g"), project("b", effort=60, goal_id="g")],
        goals=[goal("g", 10)],
    )
    prob = prob.replace(
        settings=prob.settings.with_changes(capacity=CapacitySettings(multipliers={"m1": 1.5}))
    )
    base = plan_of(prob, {"a": "m1", "b": "m1"})
    checkin = checkin_as_planned(prob, base, D("6.5"))
    assert checkin.hours_used == {"m1": D(75)}
    result = solve(replan(prob, base, checkin, max_changes=0))
    assert result.plan is not None and result.plan.owners() == base.owners()


def test_remaining_capacity_rounds_down_to_thousandths():
    """A third of the quarter left of 100 h is 66.666 h: never promise hours that are not there."""
    t = team("m1", capacity=100)
    assert remaining_capacity(t, CheckIn(D(13) / 3)) == D("66.666")


def test_goals_aim_at_what_is_left_and_met_goals_leave_the_re_plan():
    """Attainment in the re-plan is measured against the rest of each target."""
    prob = problem(
        [team("m1")],
        [project("a", goal_id="g"), project("b", goal_id="h")],
        goals=[goal("g", 100), goal("h", 100)],
    )
    checkin = CheckIn(D(5), achieved={"g": D(30), "h": D(120)})
    rp = replan(prob, plan_of(prob, {}), checkin)
    assert [(g.goal_id, g.target, g.weight) for g in rp.goals] == [("g", D(70), D("0.7"))]
    assert rp.project("b").goal_id is None


def test_a_unit_of_kpi_is_worth_the_same_before_and_after_the_checkin():
    """Scaling the weight with the target left keeps the economics of the quarter: a goal
    nearly met must not earn a whole goal's points for its last few percent.
    """
    prob = problem(
        [team("m1", capacity=10)],
        [project("near", goal_id="near", value=5), project("far", goal_id="far", value=10)],
        goals=[goal("near", 100), goal("far", 100)],
        settings=settings(Weights(attainment=1, value=0, balance=0, fit=0)),
    )
    checkin = CheckIn(D(5), achieved={"near": D(95), "far": D(30)}, hours_used={"m1": D(0)})
    rp = replan(prob, plan_of(prob, {}), checkin)
    assert solve(rp).plan.owners() == {"far": frozenset({"m1"})}


def test_done_projects_use_up_a_teams_project_slots():
    """max_projects counts the quarter: a team that finished two of three has one left."""
    prob = problem(
        [team("m1", capacity=1000, max_projects=3)],
        [project(p, effort=10) for p in "abcd"],
    )
    base = plan_of(prob, {"a": "m1", "b": "m1", "c": "m1"})
    rp = replan(prob, base, CheckIn(projects={"a": progress(DONE), "b": progress(DONE)}))
    assert rp.team("m1").max_projects == 1


def test_team_with_no_slots_left_takes_nothing_new():
    """max_projects cannot be 0, so a full team is kept off every project by forbids."""
    prob = problem([team("m1", capacity=1000, max_projects=1)], [project("a"), project("b")])
    base = plan_of(prob, {"a": "m1"})
    rp = replan(prob, base, CheckIn(projects={"a": progress(DONE)}))
    assert ("b", "m1") in rp.forbids
    assert solve(rp).plan.owners() == {}


def test_a_full_team_keeps_its_own_project_in_progress():
    """m1 may now hold 2 projects and has finished a and c: its b in progress stays on m1.

    The forbids that keep a full team off new work must spare what it is
    already doing; a forbid beside the in-progress pin makes the re-plan
    infeasible for no reason a leader can act on.
    """
    prob = problem(
        [team("m1", capacity=1000, max_projects=3), team("m2", capacity=1000)],
        [project(p, effort=10) for p in "abcd"],
    )
    base = plan_of(prob, {"a": "m1", "b": "m1", "c": "m1"})
    # The leader lowers max_projects at the check-in: m1 is over its new limit already.
    lowered = prob.replace(teams=(replace(prob.teams[0], max_projects=2), prob.teams[1]))
    checkin = CheckIn(
        projects={"a": progress(DONE), "b": progress(IN_PROGRESS, 50), "c": progress(DONE)}
    )
    rp = replan(lowered, base, checkin)
    assert ("b", "m1") in rp.pins and ("b", "m1") not in rp.forbids
    assert ("d", "m1") in rp.forbids
    result = solve(rp)
    assert result.plan is not None and check_plan(rp, result.plan) == []
    assert result.plan.owners() == {"b": frozenset({"m1"}), "d": frozenset({"m2"})}


def test_baseline_budget_and_stability_weight_are_attached(relay):
    """Rule 9 and the stability term act only when the re-plan carries them."""
    prob, base = relay
    rp = replan(prob, base, CheckIn(projects={"a": progress(DONE)}), max_changes=2, stability=3)
    assert rp.baseline.max_changes == 2
    assert rp.baseline.owners == {"b": frozenset({"m1"}), "c": frozenset({"m2"})}
    assert rp.settings.weights.stability == 3.0


def test_checkin_about_unknown_projects_goals_or_teams_is_reported_at_once(relay):
    """A check-in recorded against other inputs must not quietly re-plan the wrong thing."""
    prob, base = relay
    checkin = CheckIn(
        projects={"zz": progress(DONE), "d": progress(IN_PROGRESS, 10)},
        achieved={"nope": D(1)},
        hours_used={"ghost": D(1)},
    )
    with pytest.raises(InvalidInputError) as caught:
        replan(prob, base, checkin)
    # Each named by its key in the check-in file, as its other problems are.
    columns = {i.column for i in caught.value.issues}
    assert columns == {"projects.zz", "projects.d", "achieved.nope", "hours_used.ghost"}


def test_a_dropped_project_blocks_a_long_chain_in_one_pass(monkeypatch):
    """Dropping the first project of a chain of 20,000 (each after the one before) took
    minutes: every project was looked at again for each link. Each is looked at about once,
    and every dependent reads blocked by its own prerequisite."""
    n = 2_000
    prob = problem(
        [team("m1", capacity=100)],
        [project(f"p{i}", depends_on=(f"p{i + 1}",) if i < n - 1 else ()) for i in range(n)],
    )
    looked: list[str] = []
    progress = CheckIn.progress
    monkeypatch.setattr(
        CheckIn, "progress", lambda self, pid: looked.append(pid) or progress(self, pid)
    )
    removed = removed_projects(prob, with_status(CheckIn(D(1)), f"p{n - 1}", DROPPED))
    assert len(removed) == n
    assert removed["p0"] == "blocked: it depends on 'p1', which was dropped"
    assert len(looked) < 3 * n
