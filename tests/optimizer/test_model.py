"""Each hard rule and each objective term of SPEC.md, alone on a toy problem.

Every case solves with value-only weights unless the term under test needs
others, so the optimum is easy to see by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import VALUE_ONLY, estimate, forbid, goal, pin, problem, project, settings, team

from planner.core.domain import Baseline, Status
from planner.core.settings import CapacitySettings, StageSettings, Weights
from planner.optimizer.cpsat import PlanningModel, decimal_scale
from planner.solving.solver import solve


def owners(result):
    assert result.plan is not None, result.reasons
    return {p: set(ts) for p, ts in result.plan.owners().items()}


# -- rule 1: one owner, or one sales and one marketing team ---------------


def test_single_team_project_gets_at_most_one_owner():
    """Two teams that could both take a project never share it."""
    p = problem([team("m1"), team("m2")], [project("a")])
    assert owners(solve(p)) in ({"a": {"m1"}}, {"a": {"m2"}})


def test_joint_project_gets_one_sales_and_one_marketing_team():
    """Shared accountability: a joint project is owned by both departments."""
    p = problem(
        [team("m1"), team("s1", "sales"), team("s2", "sales")],
        [project("j", "nurturing", joint=True)],
    )
    result = owners(solve(p))
    assert len(result["j"]) == 2 and "m1" in result["j"]


def test_joint_project_without_a_sales_team_stays_unassigned():
    """A joint project with only marketing teams available cannot be half-owned."""
    p = problem([team("m1"), team("m2")], [project("j", "nurturing", joint=True)])
    result = solve(p)
    assert owners(result) == {}
    assert "sales" in result.plan.unassigned[0].reason


def test_joint_project_splits_effort_by_sales_share():
    """The sales team carries sales_share of the hours; the marketing team the rest."""
    p = problem(
        [team("m1", capacity=30), team("s1", "sales", capacity=70)],
        [project("j", "nurturing", effort=100, joint=True, sales_share=Decimal("0.7"))],
    )
    plan = solve(p).plan
    assert plan is not None
    assert plan.team_load() == {"m1": Decimal("30.0"), "s1": Decimal("70.0")}


def test_joint_project_over_one_sides_capacity_is_left_out():
    """If the marketing side cannot carry its share, the joint project is not planned."""
    p = problem(
        [team("m1", capacity=29), team("s1", "sales", capacity=100)],
        [project("j", "nurturing", effort=100, joint=True, sales_share=Decimal("0.7"))],
    )
    assert owners(solve(p)) == {}


# -- rule 2: mandatory ------------------------------------------------------


def test_mandatory_project_is_assigned_even_when_worth_less():
    """A mandatory project displaces a more valuable optional one."""
    p = problem(
        [team("m1", capacity=10)],
        [project("must", value=1, mandatory=True), project("nice", value=50)],
    )
    assert owners(solve(p)) == {"must": {"m1"}}


def test_mandatory_project_that_cannot_fit_makes_the_problem_infeasible():
    """Two mandatory projects that overflow the only team: no plan, with a reason."""
    p = problem(
        [team("m1", capacity=15)],
        [project("a", mandatory=True), project("b", mandatory=True)],
    )
    result = solve(p)
    assert result.status is Status.INFEASIBLE
    assert result.plan is None and result.reasons


# -- rule 3: stage policy and team stages ------------------------------------


def test_stage_policy_keeps_marketing_off_closing_work():
    """Closing belongs to sales by default: a marketing team never takes it."""
    p = problem([team("m1"), team("s1", "sales")], [project("c", "closing")])
    assert owners(solve(p)) == {"c": {"s1"}}


def test_stage_policy_is_editable_per_scenario():
    """Giving closing to marketing too lets the marketing team take it."""
    stages = StageSettings(owners={**StageSettings().owners, "closing": ("marketing",)})
    p = problem([team("m1")], [project("c", "closing")], settings=settings(stages=stages))
    assert owners(solve(p)) == {"c": {"m1"}}


def test_team_with_a_stages_list_only_takes_those_stages():
    """A team restricted to awareness never takes lead-generation work."""
    p = problem(
        [team("m1", stages=("awareness",)), team("m2")],
        [project("lg", "lead_generation")],
    )
    assert owners(solve(p)) == {"lg": {"m2"}}


# -- rule 4: skills -----------------------------------------------------------


def test_team_without_the_required_level_does_not_take_the_project():
    """seo 3 is needed; the team with seo 2 is passed over for the one with seo 4."""
    p = problem(
        [team("low", skills={"seo": 2}), team("high", skills={"seo": 4})],
        [project("a", required_skills={"seo": 3})],
    )
    assert owners(solve(p)) == {"a": {"high"}}


def test_joint_project_skills_may_come_from_either_team():
    """design is held by marketing and demo by sales: together they cover the project."""
    p = problem(
        [team("m1", skills={"design": 3}), team("s1", "sales", skills={"demo": 3})],
        [project("j", "qualification", joint=True, required_skills={"design": 2, "demo": 2})],
    )
    assert owners(solve(p)) == {"j": {"m1", "s1"}}


def test_joint_project_skill_held_by_neither_team_blocks_it():
    """If neither team of any pair holds a skill, the joint project is not planned."""
    p = problem(
        [team("m1", skills={"design": 3}), team("s1", "sales")],
        [project("j", "qualification", joint=True, required_skills={"demo": 1})],
    )
    assert owners(solve(p)) == {}


def test_joint_project_picks_the_pair_that_covers_the_skills():
    """Of two sales teams only one has the skill the marketing team lacks."""
    p = problem(
        [team("m1"), team("s1", "sales"), team("s2", "sales", skills={"demo": 2})],
        [project("j", "qualification", joint=True, required_skills={"demo": 2})],
    )
    assert owners(solve(p)) == {"j": {"m1", "s2"}}


# -- rule 5: capacity -----------------------------------------------------------


def test_capacity_is_never_exceeded():
    """Three 40 h projects and 100 h: only two fit."""
    p = problem([team("m1", capacity=100)], [project(x, effort=40) for x in "abc"])
    assert len(owners(solve(p))) == 2


def test_capacity_is_exact_with_decimals():
    """0.1 + 0.2 h fits a 0.3 h team exactly (no floating-point slack either way)."""
    p = problem(
        [team("m1", capacity="0.3")],
        [
            project("a", effort="0.1"),
            project("b", effort="0.2"),
            project("c", effort="0.001", value="0.5"),
        ],
    )
    assert set(owners(solve(p))) == {"a", "b"}


def test_capacity_multiplier_and_max_utilisation_scale_the_limit():
    """100 h x 0.8 (sales) x 0.5 = 40 h: one 40 h project fits, a second does not."""
    capacity = CapacitySettings(max_utilization=0.5, multipliers={"sales": 0.8})
    p = problem(
        [team("s1", "sales", capacity=100)],
        [project(x, "closing", effort=40) for x in "ab"],
        settings=settings(capacity=capacity),
    )
    assert len(owners(solve(p))) == 1


def test_team_multiplier_beats_its_departments():
    """A team's own multiplier (1.0) overrides its department's (0.1)."""
    capacity = CapacitySettings(multipliers={"sales": 0.1, "s1": 1.0})
    p = problem(
        [team("s1", "sales", capacity=100)],
        [project("a", "closing", effort=90)],
        settings=settings(capacity=capacity),
    )
    assert owners(solve(p)) == {"a": {"s1"}}


def test_team_specific_estimate_changes_the_hours():
    """A team that knows the work does it in 30 h instead of 60, so both fit."""
    p = problem(
        [team("m1", capacity=90)],
        [project("a", effort=60), project("b", effort=60)],
        estimates=[estimate("a", "m1", effort=30)],
    )
    assert set(owners(solve(p))) == {"a", "b"}


# -- rule 6: max projects ---------------------------------------------------------


def test_team_owns_at_most_max_projects():
    """Plenty of hours, but a cap of two projects."""
    p = problem([team("m1", capacity=1000, max_projects=2)], [project(x) for x in "abcd"])
    assert len(owners(solve(p))) == 2


# -- rule 7: pins and forbids ------------------------------------------------------


def test_pin_fixes_the_owner_against_the_objective():
    """Pinned to the team where it is worth less, it stays there."""
    p = problem(
        [team("m1"), team("m2")],
        [project("a")],
        estimates=[estimate("a", "m2", value=100)],
        rules=[pin("a", "m1")],
    )
    result = solve(p)
    assert owners(result) == {"a": {"m1"}}
    assert result.plan.assignments[0].pinned


def test_forbid_keeps_a_team_off_a_project():
    """The only able team is forbidden: the project stays unassigned with that reason."""
    p = problem([team("m1")], [project("a")], rules=[forbid("a", "m1")])
    result = solve(p)
    assert owners(result) == {}
    assert "forbid" in result.plan.unassigned[0].reason


def test_pin_on_a_team_that_may_not_take_the_project_is_infeasible():
    """A pin that contradicts the stage policy cannot hold."""
    p = problem(
        [team("m1"), team("s1", "sales")], [project("c", "closing")], rules=[pin("c", "m1")]
    )
    result = solve(p)
    assert result.status is Status.INFEASIBLE
    assert "stage policy" in " ".join(result.reasons)


# -- rule 8: dependencies -------------------------------------------------------------


def test_project_is_assigned_only_with_the_projects_it_depends_on():
    """b is worth 100 but needs a, and the two do not fit together (60 h on a 50 h team):
    b alone is not allowed, so the plan takes a alone, worth 1."""
    p = problem(
        [team("m1", capacity=50)],
        [project("a", effort=40, value=1), project("b", effort=20, value=100, depends_on=("a",))],
    )
    assert owners(solve(p)) == {"a": {"m1"}}


def test_dependency_chain_brings_its_prerequisite():
    """With room for both, the dependent project and its prerequisite are planned."""
    p = problem(
        [team("m1", capacity=60)],
        [project("a", effort=40, value=0), project("b", effort=20, value=100, depends_on=("a",))],
    )
    assert set(owners(solve(p))) == {"a", "b"}


# -- rule 9: change budget ----------------------------------------------------------------


def test_change_budget_zero_keeps_the_baseline():
    """A baseline that is feasible stays as it is with no changes allowed."""
    base = Baseline({"a": frozenset({"m1"})}, max_changes=0)
    p = problem(
        [team("m1"), team("m2")],
        [project("a")],
        estimates=[estimate("a", "m2", value=100)],
        baseline=base,
    )
    assert owners(solve(p)) == {"a": {"m1"}}


def test_change_budget_one_allows_one_move():
    """With a budget of one, only the better of two moves is made."""
    base = Baseline({"a": frozenset({"m1"}), "b": frozenset({"m1"})}, max_changes=1)
    p = problem(
        [team("m1"), team("m2")],
        [project("a"), project("b")],
        estimates=[estimate("a", "m2", value=100), estimate("b", "m2", value=50)],
        baseline=base,
    )
    assert owners(solve(p)) == {"a": {"m2"}, "b": {"m1"}}


# -- objective terms ---------------------------------------------------------------------


def test_value_term_prefers_more_value():
    """With value only, the more valuable of two exclusive projects wins."""
    p = problem([team("m1", capacity=10)], [project("a", value=5), project("b", value=7)])
    result = solve(p)
    assert owners(result) == {"b": {"m1"}}
    assert result.objective == 7


def test_attainment_caps_each_goal_at_its_target():
    """Over-delivering one goal is worth nothing: the second goal's project wins."""
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    p = problem(
        [team("m1", capacity=20)],
        [
            project("a1", value=100, goal_id="g1"),
            project("a2", value=100, goal_id="g1"),
            project("b", value=10, goal_id="g2"),
        ],
        goals=[goal("g1", 100), goal("g2", 100)],
        settings=settings(weights),
    )
    result = solve(p)
    assert set(owners(result)) in ({"a1", "b"}, {"a2", "b"})
    assert result.objective == pytest.approx(110)


def test_attainment_parts_are_each_goals_pairs_in_millionths_of_its_target():
    """What the goal cuts read (planner/optimizer/envelope.py): the model's own parts.

    A part is the pair's value in millionths of the target, rounded down and
    capped at the whole target; a goal without a valued project has none.
    """
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    p = problem(
        [team("m1", capacity=20), team("m2", capacity=20)],
        [
            project("a", value=1, goal_id="g1"),
            project("b", value=500, goal_id="g1"),
            project("c", value=0, goal_id="g2"),
        ],
        goals=[goal("g1", 3), goal("g2", 100)],
        settings=settings(weights),
    )
    planning = PlanningModel(p)
    pairs = planning.variables.pairs
    [(goal_id, rows, parts)] = planning.attainment_parts()
    assert goal_id == "g1"
    by_project = {pairs[r].project_id: part for r, part in zip(rows, parts, strict=True)}
    assert by_project == {"a": 333_333, "b": 1_000_000}
    assert len(rows) == 4  # both teams may take each of a and b
    assert set(planning.reached_variables()) == {"g1"}


def test_goal_weight_steers_attainment():
    """The goal weighted 3 gets the capacity over the goal weighted 1."""
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    p = problem(
        [team("m1", capacity=10)],
        [project("a", value=50, goal_id="g1"), project("b", value=50, goal_id="g2")],
        goals=[goal("g1", 100), goal("g2", 100, weight=Decimal(3))],
        settings=settings(weights),
    )
    assert owners(solve(p)) == {"b": {"m1"}}


def test_balance_term_spreads_load():
    """Equal value either way: the balance penalty puts one project on each team."""
    weights = Weights(attainment=0, value=1, balance=0.1, fit=0, stability=0)
    p = problem(
        [team("m1", capacity=100), team("m2", capacity=100)],
        [project("a", effort=50, value=100), project("b", effort=50, value=100)],
        settings=settings(weights),
    )
    result = owners(solve(p))
    assert {frozenset(t) for t in result.values()} == {frozenset({"m1"}), frozenset({"m2"})}


def test_fit_term_prefers_the_more_skilled_team():
    """Both teams qualify; fit sends the work to the one with more seo above the minimum."""
    weights = Weights(attainment=0, value=0, balance=0, fit=1, stability=0)
    p = problem(
        [team("m1", skills={"seo": 2}), team("m2", skills={"seo": 5})],
        [project("a", required_skills={"seo": 2})],
        settings=settings(weights),
    )
    assert owners(solve(p)) == {"a": {"m2"}}


def test_stability_term_keeps_projects_with_their_baseline_team():
    """A small value gain does not pay for moving a project off its baseline team."""
    weights = Weights(attainment=0, value=1, balance=0, fit=0, stability=5)
    p = problem(
        [team("m1"), team("m2")],
        [project("a", value=10)],
        estimates=[estimate("a", "m2", value=12)],
        baseline=Baseline({"a": frozenset({"m1"})}),
        settings=settings(weights),
    )
    assert owners(solve(p)) == {"a": {"m1"}}


def test_zero_weights_turn_every_term_off():
    """With every weight 0 any feasible plan is optimal, objective 0."""
    weights = Weights(attainment=0, value=0, balance=0, fit=0, stability=0)
    p = problem([team("m1")], [project("a", mandatory=True)], settings=settings(weights))
    result = solve(p)
    assert result.status is Status.OPTIMAL and result.objective == 0


# -- exactness ----------------------------------------------------------------------------


def test_decimal_scale_is_the_smallest_power_of_ten():
    """Hours with up to three decimals are scaled by 1000, whole hours by 1."""
    assert decimal_scale([Decimal("12"), Decimal("1.5"), Decimal("0.125")]) == 1000
    assert decimal_scale([Decimal("12"), Decimal("1E+2")]) == 1


def test_value_only_objective_is_exact_with_decimals():
    """The solver's own objective equals the exact sum of the chosen values."""
    p = problem(
        [team("m1", capacity="10.5"), team("s1", "sales", capacity="7.25")],
        [
            project("a", effort="3.333", value="0.001"),
            project("b", effort="7.167", value="1234.567"),
            project(
                "j",
                "nurturing",
                effort="7.5",
                value="99.999",
                joint=True,
                sales_share=Decimal("0.333"),
            ),
        ],
        settings=settings(VALUE_ONLY),
    )
    result = solve(p)
    assert result.status is Status.OPTIMAL
    exact_sum = sum(a.value for a in result.plan.assignments)
    assert result.solver_objective == exact_sum
    assert result.objective == float(exact_sum)
