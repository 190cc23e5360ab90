"""planner.optimizer.objective: the objective's terms as data, read by CP-SAT and the LP alike."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from builders import goal, problem, project, settings, team

from planner.core.generate import generate_problem
from planner.core.settings import CapacitySettings, Weights
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.formulation import Formulation
from planner.optimizer.objective import Objective, fit_points, fit_points_of

D = Decimal


def _quarter(weights: Weights):
    return problem(
        [
            team("content", "marketing", 100, skills={"seo": 4}, stages=("awareness",)),
            team("idle", "marketing", 0),
            team("aes", "sales", 50),
        ],
        [
            project("seo", "awareness", 40, 300, goal_id="leads", required_skills={"seo": 2}),
            project("free", "awareness", 10, 0, goal_id="leads"),
            project("close", "closing", 20, 30, goal_id="revenue"),
            project("misc", "awareness", 5, 7),
        ],
        goals=[goal("leads", 500), goal("revenue", 40, weight=3), goal("empty", 10)],
        settings=settings(weights, capacity=CapacitySettings(multipliers={"aes": 0.5})),
    )


def test_each_term_reads_the_pairs_and_inputs_the_objective_counts():
    """Attainment reads each goal's pairs with a value (a goal without one has no term), balance
    each team with pairs and capacity x multiplier (a team of 0 hours has none), fit each
    pair's points; only terms with a weight are built, in the order they are added."""
    prob = _quarter(Weights(attainment=1, value=0, balance=0.1, fit=0.05, stability=0))
    objective = Objective(Formulation.of(prob))
    assert list(objective.weights) == ["attainment", "balance", "fit"]
    assert objective.weights["fit"] == Fraction(1, 20)
    pairs = objective.pairs
    goals = {g.goal.goal_id: g for g in objective.goals()}
    assert set(goals) == {"leads", "revenue"}  # "free" has no value, "empty" no project
    assert [pairs[r].project_id for r in goals["leads"].rows] == ["seo"]  # content alone
    assert goals["revenue"].values == [D(30)]
    teams = {t.team.team_id: t for t in objective.teams()}
    assert set(teams) == {"content", "aes"} and teams["aes"].capacity == 25
    points = dict(zip(((p.project_id, p.team_id) for p in pairs), objective.fit(), strict=True))
    assert points["seo", "content"] == 2 + 1  # two levels above seo 2, its own stage
    assert objective.changed() == [] and objective.sampled() == []


def test_the_confidence_term_keeps_only_samples_some_plan_can_reach():
    """A goal with an uncertain project gets its pairs' sampled outcomes; a sample that not
    even every candidate together reaches is left out (no plan can count it)."""
    prob = _quarter(Weights(attainment=0, value=0, balance=0, fit=0, stability=0, confidence=1))
    projects = tuple(
        replace(p, value_low=D(100), value_high=D(700)) if p.project_id == "seo" else p
        for p in prob.projects
    )
    objective = Objective(Formulation.of(prob.replace(projects=projects)))
    (leads,) = objective.sampled()
    assert leads.goal.goal_id == "leads" and leads.drawn.shape[0] == len(leads.rows)
    reached = leads.drawn.sum(axis=0) >= 1_000_000
    assert leads.samples == [s for s in range(objective.num_samples) if reached[s]]
    assert 0 < len(leads.samples) < objective.num_samples


def test_the_busiest_team_s_ceiling_is_the_max_utilisation_for_cp_sat_and_the_lp_alike():
    """Rule 5 keeps every team within its max utilisation, so the balance term's peak is
    never above it: one figure, read by both the CP-SAT model and the LP bound."""
    prob = _quarter(Weights(attainment=0, value=1, balance=1))
    capped = prob.replace(
        settings=prob.settings.with_changes(
            capacity=replace(prob.settings.capacity, max_utilization=0.85)
        )
    )
    assert Objective(Formulation.of(prob)).peak_share() == 1
    assert Objective(Formulation.of(capped)).peak_share() == Fraction(85, 100)


def test_the_fit_points_of_many_pairs_are_each_pair_s_own():
    """The fit term is written once: the numpy form the optimizer reads gives each pair the
    points the explanations' scorer asks pair by pair (levels above the minimum, own stage)."""
    prob = generate_problem(12, 120, seed=3)
    pairs = eligible_pairs(prob)
    each = [fit_points(prob.project(p.project_id), prob.team(p.team_id)) for p in pairs]
    assert fit_points_of(prob, pairs) == each
    assert len(set(each)) > 3  # skills above the minimum and own stages both count here
