"""planner.scenarios.metrics: one set of figures per plan, read by every page and export.

Tested on a toy plan written by hand: two marketing teams, one sales team,
two goals of different weight, one joint project, one project left out.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from builders import goal, problem, project, settings, team

from planner.checker import check_plan, objective_of
from planner.core.builder import load_problem
from planner.core.domain import Assignment, Plan, Problem, Result, Status, Unassigned
from planner.core.plan_csv import plan_csv_rows
from planner.core.settings import CapacitySettings, Weights, exact
from planner.core.shown_figures import hours_value
from planner.scenarios.metrics import plan_metrics, result_metrics
from planner.solving.solver import solve

D = Decimal


@pytest.fixture
def toy() -> Problem:
    """Content and Brand (marketing, x 1.5, max use 50 %), AEs (sales); one joint project."""
    return problem(
        [
            team("aes", "sales", 100, name="AEs"),
            team("content", "marketing", 200, name="Content"),
            team("brand", "marketing", 50, name="Brand"),
        ],
        [
            project("seo", "awareness", 80, 300, goal_id="leads", name="SEO pages"),
            project("abm", "nurturing", 50, 100, goal_id="leads", joint=True, sales_share=D("0.4")),
            project("close", "closing", 60, 40, goal_id="revenue", name="Close plan"),
            project("expo", "awareness", 90, 200, goal_id="leads", name="Expo"),
        ],
        goals=[
            goal("leads", 500, name="Leads", kpi="MQLs", weight=1),
            goal("revenue", 40, name="Revenue", kpi="ARR $", weight=3),
        ],
        settings=settings(
            capacity=CapacitySettings(max_utilization=0.5, multipliers={"marketing": 1.5})
        ),
    )


@pytest.fixture
def toy_plan() -> Plan:
    """SEO to Content, ABM shared by AEs (40 %) and Content (60 %), close to AEs; expo out."""
    return Plan(
        (
            Assignment("seo", "content", D(1), D(80), D(300)),
            Assignment("abm", "aes", D("0.4"), D(20), D(40)),
            Assignment("abm", "content", D("0.6"), D(30), D(60)),
            Assignment("close", "aes", D(1), D(60), D(40)),
        ),
        (Unassigned("expo", "capacity went to work that scores higher"),),
    )


def test_a_joint_project_is_one_project_with_two_rows(toy, toy_plan):
    """Projects are counted as projects, rows as rows: "3 of 4 projects", 4 assignment rows.

    A leader who counts 4 projects on one page and 3 on the next stops
    trusting both.
    """
    figures = plan_metrics(toy, toy_plan)
    assert figures.num_projects == 4
    assert figures.num_planned == 3
    assert figures.num_left_out == 1
    assert figures.num_joint_planned == 1
    assert figures.num_rows == 4
    assert figures.projects_text().startswith("3 of 4 projects in the plan")
    assert "4 assignment rows" in figures.projects_text()


def test_capacity_is_the_capacity_in_force_with_the_base_beside_it(toy, toy_plan):
    """Capacity = base x multiplier x max utilisation, what rule 5 lets the plan use."""
    figures = plan_metrics(toy, toy_plan)
    content = figures.team("content")
    assert content.base_hours == 200
    assert content.in_force_hours == 150  # 200 x 1.5 x 0.5
    assert content.capacity_changed
    assert content.planned_hours == 110
    assert content.free_hours == 40
    assert content.utilisation_pct == pytest.approx(100 * 110 / 150)
    aes = figures.team("aes")
    assert aes.in_force_hours == 50  # 100 x 1 x 0.5
    marketing = figures.department("marketing")
    assert marketing.in_force_hours == Decimal("187.5")
    assert marketing.base_hours == 250
    assert figures.in_force_hours == Decimal("237.5")
    assert [t.team_id for t in figures.teams] == ["content", "brand", "aes"]  # marketing first


def test_goal_attainment_is_in_the_kpis_unit_and_weighted_overall(toy, toy_plan):
    """Each goal in its KPI's unit and % of target; overall the weighted mean, capped at 100 %."""
    figures = plan_metrics(toy, toy_plan)
    leads = figures.goal("leads")
    assert leads.planned == 400  # 300 + 40 + 60: a joint project's value counts once
    assert leads.percent == pytest.approx(80)
    assert leads.target - leads.planned == 100
    assert leads.num_planned == 2 and leads.num_projects == 3
    revenue = figures.goal("revenue")
    assert revenue.percent == pytest.approx(100) and revenue.met
    assert figures.num_goals_met == 1
    assert figures.attainment_pct == pytest.approx((1 * 80 + 3 * 100) / 4)


def _checkers_attainment(prob: Problem, plan: Plan) -> float:
    """The checker's attainment term, from the plan in exact arithmetic, as a weighted mean."""
    term = objective_of(prob, plan).attainment / exact(prob.settings.weights.attainment)
    return float(term / sum((Fraction(g.weight) for g in prob.goals), Fraction(0)))


def test_goal_attainment_is_the_checkers_attainment_term(toy, toy_plan):
    """One truth: the Overview's goal attainment is the term the checker recomputes for the
    objective, divided by the goals' weights (here a weight of 2 on attainment)."""
    weighted = replace(toy, settings=replace(toy.settings, weights=Weights(attainment=2)))
    shown = plan_metrics(weighted, toy_plan).attainment_pct
    assert shown == _checkers_attainment(weighted, toy_plan) == pytest.approx(95)


@pytest.mark.parametrize("folder", ["sample", "sample-without-weeks"])
def test_the_samples_goal_attainment_is_the_checkers_attainment_term(folder):
    """On the bundled quarters' solved plans (weeks, joint projects, capped goals)."""
    prob = load_problem(Path(__file__).resolve().parents[2] / "data" / folder)
    result = solve(prob)
    assert result.plan is not None
    assert result_metrics(prob, result).attainment_pct == _checkers_attainment(prob, result.plan)


def test_without_a_plan_there_is_capacity_but_no_attainment(toy):
    """An infeasible result still shows capacity; attainment and utilisation are unknown."""
    figures = result_metrics(toy, Result(Status.INFEASIBLE, None, None, None, None, 0.1))
    assert figures.num_planned == 0 and figures.num_left_out == 4
    assert figures.attainment_pct is None
    assert figures.utilisation_pct is None
    assert figures.in_force_hours == Decimal("237.5")


def test_the_json_figures_match_the_object(toy, toy_plan):
    """``planner solve --json`` prints these: the same numbers as the pages."""
    data = plan_metrics(toy, toy_plan).to_json()
    assert data["num_planned"] == 3 and data["num_assignment_rows"] == 4
    assert data["capacity_hours"] == 237.5
    assert data["attainment_pct"] == pytest.approx(95.0)
    goals = {g["goal_id"]: g for g in data["goals"]}  # type: ignore[attr-defined]
    assert goals["leads"]["planned"] == 400


def test_a_solved_plans_figures_agree_with_its_checked_plan(toy):
    """On a real solve the planned hours never exceed the capacity in force shown."""
    result = solve(toy)
    assert result.plan is not None and check_plan(toy, result.plan) == []
    figures = result_metrics(toy, result)
    assert figures.objective == result.objective
    for t in figures.teams:
        assert t.planned_hours <= t.in_force_hours


def test_a_plan_s_figures_are_computed_once_and_a_result_adds_its_own(toy, toy_plan):
    """A page's run asks for the same plan's figures from the cards, the team table, the
    load chart and the what-if's lines (12 times after one capacity slider move): computed
    once, the same figures; a result's status, score and seconds are its own; an equal but
    other problem (a new what-if) is computed afresh."""
    figures = plan_metrics(toy, toy_plan)
    assert plan_metrics(toy, toy_plan) is figures
    assert figures.status is Status.FEASIBLE and figures.objective is None
    assert figures.seconds == 0.0
    result = Result(Status.OPTIMAL, toy_plan, 12.5, 12.5, 0.0, 0.25)
    solved = result_metrics(toy, result)
    assert (solved.status, solved.objective, solved.bound, solved.gap, solved.seconds) == (
        Status.OPTIMAL,
        12.5,
        12.5,
        0.0,
        0.25,
    )
    assert solved.goals is figures.goals and solved.teams is figures.teams
    assert plan_metrics(toy, toy_plan).objective is None  # the result changed nothing shared
    other = toy.replace(settings=toy.settings)
    assert plan_metrics(other, toy_plan) is not figures
    assert plan_metrics(other, toy_plan) == figures


def test_planned_hours_as_shown_are_plan_csvs_column_added_up_and_rounded_once():
    """Three teams of 12.5 h each: plan.csv's effort_hours add up to 37.5 h, which reads
    38 h; each team rounded on its own would make the cards 39 h (or 36 h), a figure no
    spreadsheet summing plan.csv finds. The teams' rows still add up to the card, and
    each stays within an hour of its exact figure."""
    teams = [team("a", "marketing"), team("b", "marketing"), team("c", "sales")]
    toy = problem(teams, [project(f"p{t.team_id}", effort="12.5") for t in teams])
    plan = Plan(tuple(Assignment(f"p{t.team_id}", t.team_id, D(1), D("12.5"), D(1)) for t in teams))
    csv_total = sum(D(row["effort_hours"]) for row in plan_csv_rows(toy, plan))
    m = plan_metrics(toy, plan)
    assert csv_total == D("37.5")
    assert m.shown_planned_hours == D(38) == D(repr(hours_value(csv_total)))
    assert m.to_json()["planned_hours_shown"] == 38.0
    assert sum(t.shown_planned for t in m.teams) == m.shown_planned_hours
    assert all(abs(t.shown_planned - t.planned_hours) < 1 for t in m.teams)
    departments = m.departments()
    assert [d.shown_planned_hours for d in departments] == [
        sum(t.shown_planned for t in m.teams if t.department == d.department) for d in departments
    ]
    assert sum(d.shown_planned_hours for d in departments) == D(38)
