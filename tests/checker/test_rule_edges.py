"""The checker at each rule's edge: a week exactly full, a run ending on the quarter's last
week, a prerequisite ending the week before its successor starts.

Each test pairs a plan that breaks the rule by the least there is with the plan that
just keeps it, so a rule written one week or one hour off fails one of the two. Plans
are written by hand, as in test_checker.py; m1 has 130 h in a 13-week quarter
(10 h a week) unless a test says otherwise.
"""

from __future__ import annotations

from decimal import Decimal

from builders import forbid, goal, pin, problem, project, settings, team

from planner.checker import check_plan, confidence_points, objective_of
from planner.core.domain import Assignment, Baseline, CalendarRow, Plan, Problem, Unassigned
from planner.core.settings import CapacitySettings, Weights

D = Decimal


def a(
    project_id: str,
    team_id: str,
    effort: float = 10,
    start: int | None = None,
    end: int | None = None,
    *,
    value: float = 1,
) -> Assignment:
    """An assignment of a project to one team, worth 1 (the builders' default value)."""
    return Assignment(project_id, team_id, D(1), D(str(effort)), D(str(value)), False, start, end)


def rules_broken(prob: Problem, plan: Plan) -> set[int]:
    return {v.rule for v in check_plan(prob, plan)}


def test_rule_10_adds_up_two_projects_in_the_same_week():
    """6 h + 6 h in week 4 is 12 h of a 10 h week: rule 10, though each alone fits.

    Two one-week projects in different weeks keep it, and 6 h + 4 h in one week is
    exactly full.
    """
    p = problem(
        [team("m1", capacity=130)],
        [project("x", effort=6, duration_weeks=1), project("y", effort=6, duration_weeks=1)],
    )
    assert rules_broken(p, Plan((a("x", "m1", 6, 4, 4), a("y", "m1", 6, 4, 4)))) == {10}
    assert check_plan(p, Plan((a("x", "m1", 6, 4, 4), a("y", "m1", 6, 5, 5)))) == []
    full = problem(
        [team("m1", capacity=130)],
        [project("x", effort=6, duration_weeks=1), project("y", effort=4, duration_weeks=1)],
    )
    assert check_plan(full, Plan((a("x", "m1", 6, 4, 4), a("y", "m1", 4, 4, 4)))) == []


def test_rule_11_a_run_may_end_on_the_quarter_s_last_week_and_no_later():
    """Without a due week a 2-week project may run weeks 12-13 of 13, not 13-14."""
    p = problem([team("m1", capacity=1300)], [project("x", duration_weeks=2)])
    assert check_plan(p, Plan((a("x", "m1", 10, 12, 13),))) == []
    assert rules_broken(p, Plan((a("x", "m1", 10, 13, 14),))) == {11}


def test_rule_11_a_run_may_start_in_week_1_and_no_earlier():
    """Without an earliest week a 2-week project may run weeks 1-2, not weeks 0-1."""
    p = problem([team("m1", capacity=1300)], [project("x", duration_weeks=2)])
    assert check_plan(p, Plan((a("x", "m1", 10, 1, 2),))) == []
    assert 11 in rules_broken(p, Plan((a("x", "m1", 10, 0, 1),)))


def test_rule_11_a_run_with_only_an_end_or_only_a_start_is_reported():
    """A plan row giving one of start_week and end_week says no run: rule 11, either way."""
    p = problem([team("m1", capacity=1300)], [project("x", duration_weeks=2)])
    assert rules_broken(p, Plan((a("x", "m1", 10, None, 2),))) == {11}
    assert rules_broken(p, Plan((a("x", "m1", 10, 1, None),))) == {11}
    whole = problem([team("m1", capacity=1300)], [project("y")])
    assert rules_broken(whole, Plan((a("y", "m1", 10, None, 13),))) == {11}


def test_rule_12_holds_a_project_with_a_duration_after_its_prerequisite_alone():
    """A dependant without a duration runs the whole quarter beside its 2-week prerequisite.

    SPEC rule 12: only when both have a duration does one wait for the other
    (rule 8 alone applies otherwise).
    """
    p = problem(
        [team("m1", capacity=1300)],
        [project("first", duration_weeks=2), project("then", depends_on=("first",))],
    )
    assert check_plan(p, Plan((a("first", "m1", 10, 1, 2), a("then", "m1", 10, 1, 13)))) == []


def test_rule_12_reads_every_prerequisite_of_a_project():
    """Webinars need positioning and the deck: starting before the deck (the last one
    listed) has ended breaks rule 12, starting the week after both keeps it."""
    p = problem(
        [team("m1", capacity=1300)],
        [
            project("positioning", duration_weeks=1),
            project("deck", duration_weeks=3),
            project("webinars", duration_weeks=2, depends_on=("positioning", "deck")),
        ],
    )
    early = Plan((a("positioning", "m1", 10, 1, 1), a("deck", "m1", 10, 1, 3)))
    assert rules_broken(p, Plan((*early.assignments, a("webinars", "m1", 10, 3, 4)))) == {12}
    assert check_plan(p, Plan((*early.assignments, a("webinars", "m1", 10, 4, 5)))) == []


def test_rule_10_reads_the_quarter_s_last_week():
    """A team away in week 13 (0 h) takes no work then; week 12 still holds 5 h."""
    p = problem(
        [team("m1", capacity=130)],
        [project("x", effort=5, duration_weeks=1)],
        calendar=[CalendarRow("m1", 13, 13, D(0))],
    )
    assert rules_broken(p, Plan((a("x", "m1", 5, 13, 13),))) == {10}
    assert check_plan(p, Plan((a("x", "m1", 5, 12, 12),))) == []


def test_rule_1_a_project_given_to_a_known_and_an_unknown_team_is_reported():
    """A hand-edited plan naming a team the data lack breaks rule 1 beside a known owner."""
    p = problem([team("m1")], [project("x")])
    assert rules_broken(p, Plan((a("x", "m1"), a("x", "m9")))) == {1}


def test_rule_5_reads_a_department_multiplier_and_a_team_s_own_before_it():
    """Marketing at 0.5 makes m1's 100 h 50 h: 60 h is over; m2's own 1.0 beats it."""
    halved = settings(capacity=CapacitySettings(multipliers={"marketing": 0.5, "m2": 1.0}))
    p = problem(
        [team("m1"), team("m2")],
        [project("x", effort=60), project("y", effort=60)],
        settings=halved,
    )
    assert rules_broken(p, Plan((a("x", "m1", 60), a("y", "m2", 60)))) == {5}
    assert check_plan(p, Plan((a("x", "m2", 60),), (Unassigned("y", "-"),))) == []


def test_rule_6_a_team_may_own_exactly_max_projects():
    """max_projects 2: two projects keep rule 6, three break it."""
    p = problem([team("m1", max_projects=2)], [project("x"), project("y"), project("z")])
    two = Plan((a("x", "m1"), a("y", "m1")), (Unassigned("z", "-"),))
    assert check_plan(p, two) == []
    assert rules_broken(p, Plan((a("x", "m1"), a("y", "m1"), a("z", "m1")))) == {6}


def test_rule_7_a_broken_pin_alone_and_a_used_forbid_alone_are_each_reported():
    """Each half of rule 7 on its own: x pinned to m1 but on m2; y forbidden on m2 but there."""
    p = problem(
        [team("m1"), team("m2")],
        [project("x"), project("y")],
        rules=[pin("x", "m1"), forbid("y", "m2")],
    )
    assert rules_broken(p, Plan((a("x", "m2"), a("y", "m1")))) == {7}
    assert rules_broken(p, Plan((a("x", "m1"), a("y", "m2")))) == {7}
    assert check_plan(p, Plan((a("x", "m1"), a("y", "m1")))) == []


def test_rule_9_a_plan_may_spend_exactly_its_change_budget():
    """A budget of 1: moving one baseline project keeps rule 9, moving two breaks it."""
    base = Baseline({"x": frozenset({"m1"}), "y": frozenset({"m1"})}, max_changes=1)
    p = problem([team("m1"), team("m2")], [project("x"), project("y")], baseline=base)
    assert check_plan(p, Plan((a("x", "m2"), a("y", "m1")))) == []
    assert rules_broken(p, Plan((a("x", "m2"), a("y", "m2")))) == {9}


def test_objective_fit_counts_levels_above_the_minimum_and_a_team_s_own_stage():
    """seo 4 where 2 is needed is 2 points, awareness among m1's stages 1 more: 3 at fit 1.

    m2 has seo exactly 2 and no stages list: 0 points.
    """
    fit_only = settings(Weights(attainment=0, value=0, balance=0, fit=1, stability=0))
    p = problem(
        [
            team("m1", skills={"seo": 4}, stages=("awareness",)),
            team("m2", skills={"seo": 2}),
        ],
        [project("x", required_skills={"seo": 2})],
        settings=fit_only,
    )
    assert objective_of(p, Plan((a("x", "m1"),))).fit == 3
    assert objective_of(p, Plan((a("x", "m2"),))).fit == 0


def test_confidence_counts_a_goal_reached_exactly_at_its_target():
    """A certain 10 on a target of 10 reaches it in every sample: goal weight 2 x 100 %.

    The goal counts for confidence through its uncertain project (left out of the
    plan); reaching the target exactly is reaching it.
    """
    p = problem(
        [team("m1")],
        [
            project("sure", value=10, goal_id="g1"),
            project("bet", value=1, value_low=0, value_high=2, goal_id="g1"),
        ],
        goals=[goal("g1", 10, weight=D(2))],
    )
    assert (
        confidence_points(p, Plan((a("sure", "m1", value=10),), (Unassigned("bet", "-"),))) == 200
    )
