"""The independent checker catches every broken hard rule and recomputes the objective.

Plans here are written by hand, not solved, so each test shows the checker
on its own: it is the spec that every solve is held to.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from builders import VALUE_ONLY, estimate, forbid, goal, pin, problem, project, settings, team

from planner.checker import check_plan, num_changes, objective_of
from planner.core.domain import Assignment, Baseline, Plan, Unassigned
from planner.core.settings import CapacitySettings, Weights

D = Decimal


def a(
    project_id: str,
    team_id: str,
    effort: float | str = 10,
    value: float | str = 1,
    share: str = "1",
) -> Assignment:
    return Assignment(project_id, team_id, D(share), D(str(effort)), D(str(value)))


def rules_broken(prob, plan):
    return {v.rule for v in check_plan(prob, plan)}


def test_valid_plan_has_no_violation():
    """A plan that keeps every rule passes clean."""
    p = problem([team("m1")], [project("x"), project("y")])
    assert check_plan(p, Plan((a("x", "m1"),), (Unassigned("y", "no room"),))) == []


def test_project_missing_from_the_plan_is_reported():
    """Every project appears once: assigned or listed as unassigned with a reason."""
    p = problem([team("m1")], [project("x"), project("y")])
    assert rules_broken(p, Plan((a("x", "m1"),))) == {1}


def test_two_owners_of_a_single_team_project_are_reported():
    """Rule 1: one owner only."""
    p = problem([team("m1"), team("m2")], [project("x")])
    assert 1 in rules_broken(p, Plan((a("x", "m1"), a("x", "m2"))))


def test_joint_project_with_two_marketing_teams_is_reported():
    """Rule 1: a joint project needs one team of each department."""
    p = problem([team("m1"), team("m2")], [project("j", "nurturing", joint=True)])
    plan = Plan((a("j", "m1", 5, "0.5", "0.5"), a("j", "m2", 5, "0.5", "0.5")))
    assert 1 in rules_broken(p, plan)


def test_unassigned_mandatory_project_is_reported():
    """Rule 2."""
    p = problem([team("m1")], [project("x", mandatory=True)])
    assert rules_broken(p, Plan((), (Unassigned("x", "?"),))) == {2}


def test_stage_policy_breach_is_reported():
    """Rule 3: marketing owning closing work."""
    p = problem([team("m1")], [project("c", "closing")])
    assert rules_broken(p, Plan((a("c", "m1"),))) == {3}


def test_team_outside_its_stages_is_reported():
    """Rule 3: a team restricted to awareness owning lead generation."""
    p = problem([team("m1", stages=("awareness",))], [project("x", "lead_generation")])
    assert rules_broken(p, Plan((a("x", "m1"),))) == {3}


def test_missing_skill_is_reported():
    """Rule 4: seo 3 needed, team has 2."""
    p = problem([team("m1", skills={"seo": 2})], [project("x", required_skills={"seo": 3})])
    assert rules_broken(p, Plan((a("x", "m1"),))) == {4}


def test_joint_skill_covered_by_the_partner_is_fine():
    """Rule 4 for joint work: the skill may come from either team."""
    p = problem(
        [team("m1"), team("s1", "sales", skills={"demo": 3})],
        [project("j", "qualification", joint=True, required_skills={"demo": 3})],
    )
    plan = Plan((a("j", "m1", 5, "0.5", "0.5"), a("j", "s1", 5, "0.5", "0.5")))
    assert check_plan(p, plan) == []


def test_over_capacity_is_reported_exactly():
    """Rule 5: 100.001 h on a 100 h team is over, 100 h is not."""
    p = problem(
        [team("m1", capacity=100)], [project("x", effort="100.001"), project("y", effort=100)]
    )
    over = Plan((a("x", "m1", "100.001"),), (Unassigned("y", "-"),))
    exact_fit = Plan((a("y", "m1", 100),), (Unassigned("x", "-"),))
    assert rules_broken(p, over) == {5}
    assert check_plan(p, exact_fit) == []


def test_misreported_hours_are_reported():
    """The plan's hours must be the data's (estimates and shares applied)."""
    p = problem([team("m1")], [project("x", effort=10)], estimates=[estimate("x", "m1", effort=4)])
    assert rules_broken(p, Plan((a("x", "m1", 10),))) == {5}
    assert check_plan(p, Plan((a("x", "m1", 4),))) == []


def test_max_utilization_lowers_the_quarter_a_team_may_plan():
    """Rule 5 at max_utilization 0.8: 90 h on a 100 h team is over (80 h is its limit).

    A leader who keeps a fifth of every team free for the unplanned must not get
    a plan that fills it; 80 h is exactly at the limit and passes.
    """
    capped = settings(VALUE_ONLY, capacity=CapacitySettings(max_utilization=0.8))
    p = problem(
        [team("m1", capacity=100)],
        [project("x", effort=90), project("y", effort=80)],
        settings=capped,
    )
    assert 5 in rules_broken(p, Plan((a("x", "m1", 90),), (Unassigned("y", "-"),)))
    assert check_plan(p, Plan((a("y", "m1", 80),), (Unassigned("x", "-"),))) == []


def test_a_misreported_value_is_reported():
    """The plan's value must be the data's: 99 reported for a project worth 3 is rule 5.

    Every goal figure and export sums these values; an inflated one would read
    as progress the plan does not make.
    """
    p = problem([team("m1")], [project("x", value=3)])
    assert rules_broken(p, Plan((a("x", "m1", value=99),))) == {5}
    assert check_plan(p, Plan((a("x", "m1", value=3),))) == []


def test_too_many_projects_are_reported():
    """Rule 6."""
    p = problem([team("m1", max_projects=1)], [project("x"), project("y")])
    assert rules_broken(p, Plan((a("x", "m1"), a("y", "m1")))) == {6}


def test_broken_pin_and_forbid_are_reported():
    """Rule 7: a pinned project elsewhere, a forbidden pair used."""
    p = problem(
        [team("m1"), team("m2")],
        [project("x"), project("y")],
        rules=[pin("x", "m1"), forbid("y", "m2")],
    )
    assert rules_broken(p, Plan((a("x", "m2"), a("y", "m2")))) == {7}


def test_dependency_breach_is_reported():
    """Rule 8: y needs x."""
    p = problem([team("m1")], [project("x"), project("y", depends_on=("x",))])
    assert rules_broken(p, Plan((a("y", "m1"),), (Unassigned("x", "-"),))) == {8}


def test_change_budget_breach_is_reported():
    """Rule 9: two baseline projects moved with a budget of one."""
    base = Baseline({"x": frozenset({"m1"}), "y": frozenset({"m1"})}, max_changes=1)
    p = problem([team("m1"), team("m2")], [project("x"), project("y")], baseline=base)
    plan = Plan((a("x", "m2"), a("y", "m2")))
    assert num_changes(p, plan) == 2
    assert rules_broken(p, plan) == {9}


def test_dropping_a_baseline_project_counts_as_a_change():
    """A project that leaves the plan changes owner (to nobody)."""
    base = Baseline({"x": frozenset({"m1"})}, max_changes=0)
    p = problem([team("m1")], [project("x")], baseline=base)
    assert rules_broken(p, Plan((), (Unassigned("x", "-"),))) == {9}


def test_objective_value_term_is_the_exact_sum():
    """With value-only weights the objective is the plain sum of values."""
    p = problem(
        [team("m1")],
        [project("x", value="0.1"), project("y", value="0.2")],
        settings=settings(VALUE_ONLY),
    )
    plan = Plan((a("x", "m1", value="0.1"), a("y", "m1", value="0.2")))
    assert objective_of(p, plan).total == Fraction(3, 10)


def test_objective_attainment_is_capped_and_weighted():
    """150 of a 100 target counts 100 points; 25 of 100 on a goal weighted 2 counts 50."""
    w = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    p = problem(
        [team("m1")],
        [project("x", value=150, goal_id="g1"), project("y", value=25, goal_id="g2")],
        goals=[goal("g1", 100), goal("g2", 100, weight=D(2))],
        settings=settings(w),
    )
    plan = Plan((a("x", "m1", value=150), a("y", "m1", value=25)))
    assert objective_of(p, plan).attainment == 150


def test_objective_balance_is_the_peak_utilisation_in_points():
    """30 h of 40 h is 75 %; with balance weight 0.1 the penalty is 7.5."""
    w = Weights(attainment=0, value=0, balance=0.1, fit=0, stability=0)
    p = problem(
        [team("m1", capacity=40), team("m2", capacity=100)],
        [project("x", effort=30)],
        settings=settings(w),
    )
    b = objective_of(p, Plan((a("x", "m1", 30),)))
    assert b.balance == Fraction(15, 2) and b.total == Fraction(-15, 2)


def test_objective_balance_reads_utilisation_of_the_capacity_in_force():
    """A what-if multiplier 1.5 makes m1's 40 h 60 h: 30 h is 50 %, a penalty of 5 at 0.1.

    Balance compares teams by the capacity a leader set for the scenario, as
    every page shows utilisation; the base 40 h would read 75 % and weigh 7.5.
    """
    w = Weights(attainment=0, value=0, balance=0.1, fit=0, stability=0)
    p = problem(
        [team("m1", capacity=40), team("m2", capacity=100)],
        [project("x", effort=30)],
        settings=settings(w, capacity=CapacitySettings(multipliers={"m1": 1.5})),
    )
    assert check_plan(p, Plan((a("x", "m1", 30),))) == []
    assert objective_of(p, Plan((a("x", "m1", 30),))).balance == 5
