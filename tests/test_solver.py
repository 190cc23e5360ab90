"""solve() end to end: honest status, exact objective, true optimum, time limit.

Random small problems are checked against the independent checker and
against brute-force enumeration of every possible plan.
"""

from __future__ import annotations

import itertools
import threading
import time
from decimal import Decimal
from fractions import Fraction

import pytest
from builders import VALUE_ONLY, estimate, goal, problem, project, settings, team
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from planner.checker import check_plan, objective_of
from planner.domain import Assignment, Plan, Problem, Status, Unassigned
from planner.settings import Weights
from planner.solver import Progress, solve

STAGES = ("awareness", "nurturing", "qualification", "closing")
SKILLS = ("seo", "demo", "events")


@st.composite
def small_problems(draw, max_projects: int = 6, weights: Weights = VALUE_ONLY):
    """Up to 3 teams and a handful of projects touching every rule."""
    num_teams = draw(st.integers(1, 3))
    teams = []
    for i in range(num_teams):
        dept = draw(st.sampled_from(("sales", "marketing")))
        skills = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=2))
        teams.append(
            team(
                f"t{i}",
                dept,
                capacity=draw(st.integers(0, 60)),
                skills=skills,
                max_projects=draw(st.none() | st.integers(1, 3)),
            )
        )
    num_projects = draw(st.integers(1, max_projects))
    projects = []
    for i in range(num_projects):
        stage = draw(st.sampled_from(STAGES))
        joint = stage in ("nurturing", "qualification") and draw(st.booleans())
        deps = (
            draw(st.lists(st.sampled_from([f"p{j}" for j in range(i)]), max_size=1, unique=True))
            if i
            else []
        )
        projects.append(
            project(
                f"p{i}",
                stage,
                effort=draw(st.decimals(1, 40, places=1)),
                value=draw(st.decimals(0, 20, places=2)),
                goal_id=draw(st.sampled_from(("g1", "g2", None))),
                required_skills=draw(
                    st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 3), max_size=1)
                ),
                mandatory=draw(st.integers(0, 9)) == 0,
                joint=joint,
                sales_share=Decimal("0.4") if joint else Decimal("0.5"),
                depends_on=tuple(deps),
            )
        )
    estimates = []
    for p in projects:
        for t in teams:
            if draw(st.integers(0, 5)) == 0:
                estimates.append(
                    estimate(
                        p.project_id,
                        t.team_id,
                        effort=draw(st.integers(1, 30)),
                        value=draw(st.integers(0, 30)),
                    )
                )
    goals = [
        goal("g1", draw(st.integers(5, 40))),
        goal("g2", draw(st.integers(5, 40)), weight=Decimal(2)),
    ]
    return problem(teams, projects, goals=goals, estimates=estimates, settings=settings(weights))


def brute_force_best(prob: Problem) -> Fraction | None:
    """The best exact objective over every plan the checker accepts (None: no plan)."""
    options = []
    for p in prob.projects:
        choices: list[tuple[str, ...]] = [()]
        if p.joint:
            sales = [t.team_id for t in prob.teams if t.department == "sales"]
            marketing = [t.team_id for t in prob.teams if t.department == "marketing"]
            choices += [(s, m) for s in sales for m in marketing]
        else:
            choices += [(t.team_id,) for t in prob.teams]
        options.append(choices)
    best: Fraction | None = None
    for combo in itertools.product(*options):
        plan = _plan_of(prob, combo)
        if check_plan(prob, plan):
            continue
        value = objective_of(prob, plan).total
        best = value if best is None or value > best else best
    return best


def _plan_of(prob: Problem, combo: tuple[tuple[str, ...], ...]) -> Plan:
    estimates = prob.estimate_index
    assignments, unassigned = [], []
    for p, owners in zip(prob.projects, combo, strict=True):
        if not owners:
            unassigned.append(Unassigned(p.project_id, ""))
        for team_id in owners:
            t = prob.team(team_id)
            e = estimates.get((p.project_id, team_id))
            effort = e.effort_hours if e and e.effort_hours is not None else p.effort_hours
            value = e.value if e and e.value is not None else p.value
            share = p.share(t.department)
            assignments.append(
                Assignment(p.project_id, team_id, share, effort * share, value * share)
            )
    return Plan(tuple(assignments), tuple(unassigned))


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=8))
def test_every_solve_passes_the_checker_and_reports_an_honest_status(prob):
    """Property: a plan from solve() never breaks a rule; its objective is recomputed exactly."""
    result = solve(prob)
    assert result.status in (Status.OPTIMAL, Status.INFEASIBLE)
    if result.status is Status.OPTIMAL:
        assert check_plan(prob, result.plan) == []
        exact = objective_of(prob, result.plan).total
        assert result.objective == float(exact)
        assert result.solver_objective == exact  # value-only weights: the model is exact
    else:
        assert result.plan is None and result.reasons


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=5))
def test_solver_optimum_equals_brute_force_on_tiny_problems(prob):
    """CP-SAT's optimum equals the best of every plan enumerated by hand."""
    best = brute_force_best(prob)
    result = solve(prob)
    if best is None:
        assert result.status is Status.INFEASIBLE
    else:
        assert result.status is Status.OPTIMAL
        assert result.breakdown.total == best


DEFAULT_WEIGHTS = Weights()


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=5, weights=DEFAULT_WEIGHTS))
def test_default_weights_optimum_is_within_rounding_of_brute_force(prob):
    """With attainment, balance and fit on, the optimum matches enumeration to 1e-3 points."""
    best = brute_force_best(prob)
    result = solve(prob)
    if best is None:
        assert result.status is Status.INFEASIBLE
    else:
        assert result.status is Status.OPTIMAL
        assert result.objective == pytest.approx(float(best), abs=1e-3)


def test_eight_project_problem_matches_brute_force():
    """A fixed 8-project, 3-team case (65,536 plans) with joint work and dependencies."""
    prob = problem(
        [
            team("m1", capacity=40, skills={"seo": 3}),
            team("m2", capacity=30),
            team("s1", "sales", capacity=45, skills={"demo": 2}),
        ],
        [
            project("a", effort=20, value=5),
            project("b", effort=25, value=7, required_skills={"seo": 2}),
            project("c", "nurturing", effort=30, value=9, joint=True),
            project("d", "closing", effort=30, value=8),
            project("e", "closing", effort=20, value=6),
            project("f", "qualification", effort=10, value=3, depends_on=("c",)),
            project("g", effort=15, value=4, mandatory=True),
            project(
                "h", "qualification", effort=12, value=5, joint=True, required_skills={"demo": 2}
            ),
        ],
    )
    assert solve(prob).breakdown.total == brute_force_best(prob)


def test_progress_is_reported_and_cancel_stops_the_search():
    """The app shows progress while CP-SAT improves the plan, and can stop it."""
    seen: list[Progress] = []
    cancel = threading.Event()
    cancel.set()
    prob = problem(
        [team("m1", capacity=100)], [project(f"p{i}", effort=7 + i % 5, value=i) for i in range(30)]
    )
    result = solve(prob, progress=seen.append, cancel=cancel)
    assert seen and result.status in (Status.FEASIBLE, Status.OPTIMAL)
    assert check_plan(prob, result.plan) == []


def test_time_limit_is_honoured_on_a_hard_instance():
    """A hard knapsack-like instance returns within its limit plus a second."""
    teams = [team(f"m{i}", capacity=97 + i) for i in range(12)]
    projects = [
        project(f"p{i}", effort=11 + (i * 37) % 29, value=13 + (i * 53) % 41) for i in range(300)
    ]
    prob = problem(teams, projects, settings=settings(VALUE_ONLY, time_limit_s=1.0))
    started = time.perf_counter()
    result = solve(prob)
    assert time.perf_counter() - started < 2.0
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE, Status.NO_PLAN)
    if result.status is Status.FEASIBLE:
        assert result.gap is not None and result.gap >= 0 and result.bound >= result.objective
