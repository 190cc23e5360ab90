"""Tests for the synthetic problem generators (planner/generate.py)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.checker import check_plan
from planner.core.domain import (
    MARKETING,
    SALES,
    Assignment,
    Plan,
    Problem,
    Project,
    Team,
    Unassigned,
)
from planner.core.gap_instances import (
    GAP_VALUE_OFFSET,
    generate_gap_instance,
    generate_gap_problem,
)
from planner.core.generate import (
    GeneratedProblem,
    generate_folder,
    generate_instance,
    generate_problem,
)
from planner.core.generate_catalogue import GOAL_TEMPLATES
from planner.core.loading import load_with_warnings, write_folder


@pytest.fixture(scope="module")
def big_quarter() -> GeneratedProblem:
    """Large enough for the rates (joint, mandatory, effort ratio) to be stable."""
    return generate_instance(60, 3000, seed=11)


@pytest.fixture(scope="module")
def gap() -> GeneratedProblem:
    """A small GAP instance: 5 agents, 40 jobs."""
    return generate_gap_instance(5, 40, seed=3)


def _can_own(problem: Problem, project: Project, teams: tuple[Team, ...]) -> bool:
    """Rules 1, 3, 4 and the forbids of rule 7, written out independently of the model."""
    departments = sorted(t.department for t in teams)
    if departments != ([MARKETING, SALES] if project.joint else [teams[0].department]):
        return False
    policy = problem.settings.stages
    for team in teams:
        if not policy.allows(project.stage, team.department):
            return False
        if team.stages and project.stage not in team.stages:
            return False
        if (project.project_id, team.team_id) in problem.forbids:
            return False
    return all(
        any(t.level(skill) >= level for t in teams)
        for skill, level in project.required_skills.items()
    )


def _has_eligible_owner(problem: Problem, project: Project) -> bool:
    if project.joint:
        sales = [t for t in problem.teams if t.department == SALES]
        marketing = [t for t in problem.teams if t.department == MARKETING]
        return any(_can_own(problem, project, (s, m)) for s in sales for m in marketing)
    return any(_can_own(problem, project, (t,)) for t in problem.teams)


def _witness_plan(generated: GeneratedProblem) -> Plan:
    """The witness as a plan: forced projects owned as it says, the rest unassigned."""
    problem = generated.problem
    estimates = problem.estimate_index
    assignments = []
    for project_id, team_ids in generated.witness.items():
        project = problem.project(project_id)
        for team_id in team_ids:
            team = problem.team(team_id)
            estimate = estimates.get((project_id, team_id))
            effort = project.effort_hours
            value = project.value
            if estimate is not None:
                effort = estimate.effort_hours or effort
                value = estimate.value if estimate.value is not None else value
            share = project.share(team.department)
            assignments.append(
                Assignment(
                    project_id,
                    team_id,
                    share,
                    effort * share,
                    value * share,
                    pinned=(project_id, team_id) in problem.pins,
                )
            )
    unassigned = tuple(
        Unassigned(p.project_id, "not forced")
        for p in problem.projects
        if p.project_id not in generated.witness
    )
    return Plan(tuple(assignments), unassigned)


# --------------------------------------------------------------------------
# generate_problem
# --------------------------------------------------------------------------


def test_generate_problem_is_deterministic_per_seed():
    """A seed names a problem: benchmarks and bug reports must rebuild it exactly."""
    assert generate_problem(12, 200, seed=5) == generate_problem(12, 200, seed=5)
    assert generate_problem(12, 200, seed=5) != generate_problem(12, 200, seed=6)


def test_generate_problem_has_requested_sizes_and_half_sales_teams():
    """The CLI promises N teams, M projects and G goals; half the teams sell."""
    problem = generate_problem(11, 123, num_goals=5, seed=1)
    assert len(problem.teams) == 11
    assert len(problem.projects) == 123
    assert len(problem.goals) == 5
    departments = Counter(t.department for t in problem.teams)
    assert departments == {SALES: 5, MARKETING: 6}


def test_generate_problem_ids_are_unique(big_quarter):
    """IDs are keys in every file and table; duplicates would be invalid input."""
    problem = big_quarter.problem
    for ids in (
        [t.team_id for t in problem.teams],
        [p.project_id for p in problem.projects],
        [g.goal_id for g in problem.goals],
        [(e.project_id, e.team_id) for e in problem.estimates],
        [(r.project_id, r.team_id) for r in problem.rules],
    ):
        assert len(ids) == len(set(ids))


def test_generate_problem_references_exist(big_quarter):
    """Every goal, dependency, estimate and rule names something that exists."""
    problem = big_quarter.problem
    projects, teams, goals = problem.project_index, problem.team_index, problem.goal_index
    order = problem.settings.stages.order
    for project in problem.projects:
        assert project.goal_id is None or project.goal_id in goals
        assert project.stage in order
        assert all(dep in projects for dep in project.depends_on)
    for team in problem.teams:
        assert all(stage in order for stage in team.stages)
        assert all(skill == skill.strip().lower() for skill in team.skills)
    for item in (*problem.estimates, *problem.rules):
        assert item.project_id in projects
        assert item.team_id in teams


def test_generate_problem_dependencies_are_acyclic(big_quarter):
    """A dependency cycle would make every project on it impossible to assign."""
    problem = big_quarter.problem
    position = {p.project_id: i for i, p in enumerate(problem.projects)}
    dependent = [p for p in problem.projects if p.depends_on]
    assert dependent, "the generator should produce some dependencies"
    for project in dependent:
        assert all(position[dep] < position[project.project_id] for dep in project.depends_on)


def test_generate_problem_every_project_has_an_eligible_owner(big_quarter):
    """Each project can be owned by some team (or pair), counting stages, skills and forbids."""
    problem = big_quarter.problem
    missing = [p.project_id for p in problem.projects if not _has_eligible_owner(problem, p)]
    assert missing == []


def test_generate_problem_witness_covers_mandatory_and_pinned_projects(big_quarter):
    """Forced projects are exactly what the witness must place for the problem to be feasible."""
    problem = big_quarter.problem
    forced = {p.project_id for p in problem.projects if p.mandatory}
    forced |= {project_id for project_id, _ in problem.pins}
    assert forced
    assert set(big_quarter.witness) == forced


def test_generate_problem_witness_breaks_no_hard_rule(big_quarter):
    """The witness proves feasibility only if the independent checker accepts it."""
    assert check_plan(big_quarter.problem, _witness_plan(big_quarter)) == []


def test_generate_problem_forced_projects_have_no_dependencies(big_quarter):
    """A forced project's dependencies would be forced too and could break capacity."""
    problem = big_quarter.problem
    assert all(not problem.project(p).depends_on for p in big_quarter.witness)


def test_generate_problem_pins_and_forbids_never_clash(big_quarter):
    """A project pinned to a team and forbidden to it would be infeasible by fiat."""
    problem = big_quarter.problem
    assert not problem.pins & problem.forbids
    pinned_projects = Counter(project_id for project_id, _ in problem.pins)
    assert max(pinned_projects.values()) == 1


def test_generate_problem_total_effort_is_120_to_140_percent_of_capacity(big_quarter):
    """Demand must exceed capacity so that the plan has to choose."""
    problem = big_quarter.problem
    effort = sum(p.effort_hours for p in problem.projects)
    capacity = sum(t.capacity_hours for t in problem.teams)
    assert Decimal("1.18") <= effort / capacity <= Decimal("1.42")


def test_generate_problem_rates_of_joint_and_mandatory_projects(big_quarter):
    """About 10 % joint and 5 % mandatory, as in a real quarter's plan."""
    projects = big_quarter.problem.projects
    joint = sum(p.joint for p in projects) / len(projects)
    mandatory = sum(p.mandatory for p in projects) / len(projects)
    assert 0.06 <= joint <= 0.14
    assert 0.02 <= mandatory <= 0.07


def test_generate_problem_joint_projects_sit_at_hand_off_stages(big_quarter):
    """A joint project needs both departments, so only stages both may own fit."""
    problem = big_quarter.problem
    owners = problem.settings.stages.owners
    for project in problem.projects:
        if project.joint:
            assert set(owners[project.stage]) == {SALES, MARKETING}


def test_generate_problem_spreads_projects_over_every_stage(big_quarter):
    """Every funnel stage has work, so both departments have their own projects."""
    problem = big_quarter.problem
    stages = Counter(p.stage for p in problem.projects)
    assert set(stages) == set(problem.settings.stages.order)
    assert min(stages.values()) > len(problem.projects) / 12


def test_generate_problem_goal_targets_are_stretch_goals(big_quarter):
    """A target is reachable, but only when most of the goal's projects get done."""
    problem = big_quarter.problem
    totals: dict[str | None, Decimal] = {}
    for project in problem.projects:
        totals[project.goal_id] = totals.get(project.goal_id, Decimal(0)) + project.value
    for goal in problem.goals:
        assert Decimal("0.6") * totals[goal.goal_id] <= goal.target <= totals[goal.goal_id]


def test_generate_problem_without_goals_gives_priority_points():
    """With no goals, a value is a plain number (read as priority) and no project names a goal."""
    problem = generate_problem(4, 30, num_goals=0, seed=2)
    assert problem.goals == ()
    assert all(p.goal_id is None and 1 <= p.value <= 10 for p in problem.projects)


def test_generate_problem_without_goals_plans_its_priority_points():
    """``planner generate --goals 0`` made a quarter whose plan was empty: with the default
    weights a project without a goal scores nothing. Its settings count value instead."""
    from planner.solving.solver import solve

    problem = generate_problem(4, 30, num_goals=0, seed=2)
    assert problem.settings.weights.value == 1.0
    from planner.checker import check_plan

    result = solve(problem)
    assert result.plan is not None and result.plan.owners
    assert check_plan(problem, result.plan) == []


def test_the_goal_less_warning_says_what_the_plan_does_with_projects_it_still_plans():
    """With no goals the warning read "the plan has no reason to include it" while the plan
    held goal-less projects it took for the team-fit bonus. It now says their values do
    not count and that the plan may still take some of them for a good team fit; without
    a fit weight nothing draws them in, and it says so.
    """
    from planner.core.score_checks import goalless_projects
    from planner.solving.solver import solve

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    problem = sample.replace(
        goals=(), projects=tuple(dataclasses.replace(p, goal_id=None) for p in sample.projects)
    )
    pinned = {project_id for project_id, _ in problem.pins}
    plan = solve(problem).plan
    assert plan is not None
    chosen = [p for p in problem.projects if p.project_id in plan.owners()]
    assert [p for p in chosen if not p.mandatory and p.project_id not in pinned]
    (warning,) = goalless_projects(problem)
    assert "no reason to include" not in warning.message
    assert "their values do not count" in warning.message
    assert "team fit ([weights] fit)" in warning.message
    unfit = problem.replace(
        settings=problem.settings.with_changes(
            weights=dataclasses.replace(problem.settings.weights, fit=0.0)
        )
    )
    (warning,) = goalless_projects(unfit)
    assert warning.message.endswith("so the plan has no reason to include them.")


def test_generate_problem_more_goals_than_templates_have_unique_ids():
    """Asking for 20 goals repeats the KPIs per segment, each with its own id."""
    problem = generate_problem(6, 200, num_goals=20, seed=4)
    assert len({g.goal_id for g in problem.goals}) == 20


def test_generate_problem_with_a_thousand_goals_names_each_once():
    """Past the six segments the names repeated: planner generate --goals 1000 wrote
    'New pipeline created (FinServ)' 20 times, and validate warned 48 times that goals
    read as one on every page. Each goal has a name of its own."""
    problem = generate_problem(4, 1_000, num_goals=1_000, seed=1)
    names = [g.name for g in problem.goals]
    assert len(set(names)) == len(names) == 1_000
    assert "New pipeline created (FinServ 2)" in names


@pytest.mark.parametrize(("num_teams", "num_projects"), [(2, 5), (2, 8), (4, 12), (3, 20), (6, 40)])
def test_every_generated_goal_has_a_project_that_serves_it(num_teams, num_projects):
    """`planner generate q --teams 2 --projects 5` wrote 8 goals for 5 projects (40 seeds of
    40 with a goal no project serves), and small quarters of more projects often left one
    goal without any: its page read "0 of 10 deals" however the plan went. Every goal now
    has a project, and a quarter has at most one goal per project."""
    for seed in range(40):
        problem = generate_problem(num_teams, num_projects, seed=seed)
        served = {p.goal_id for p in problem.projects}
        assert len(problem.goals) == min(8, num_projects)
        assert [g.goal_id for g in problem.goals if g.goal_id not in served] == [], seed


def test_a_goal_is_served_by_a_project_at_a_stage_it_is_about_where_one_can_be_spared():
    """A goal given a project is given one at a stage the goal is about (MQLs from lead
    generation, not from renewals), when a goal with projects to spare has one there."""
    problem = generate_problem(2, 5, seed=0)
    stages = {t.goal_id: t.stages for t in GOAL_TEMPLATES}
    assert all(p.stage in stages[p.goal_id or ""] for p in problem.projects[:2])


@pytest.mark.parametrize(("num_teams", "num_projects", "num_goals"), [(1, 10, 8), (4, -1, 8)])
def test_generate_problem_raises_on_sizes_out_of_range(num_teams, num_projects, num_goals):
    """A quarter needs a sales and a marketing team; negative sizes make no sense."""
    with pytest.raises(ValueError):
        generate_problem(num_teams, num_projects, num_goals)


@settings(max_examples=25, deadline=None)
@given(
    num_teams=st.integers(2, 14),
    num_projects=st.integers(0, 120),
    num_goals=st.integers(0, 10),
    seed=st.integers(0, 2**32),
)
def test_generate_problem_is_feasible_for_any_size_and_seed(
    num_teams, num_projects, num_goals, seed
):
    """Tiny and odd sizes too: every problem has eligible owners and a valid witness."""
    generated = generate_instance(num_teams, num_projects, num_goals, seed)
    problem = generated.problem
    assert len(problem.teams) == num_teams
    assert len(problem.projects) == num_projects
    assert all(_has_eligible_owner(problem, p) for p in problem.projects)
    assert check_plan(problem, _witness_plan(generated)) == []


# --------------------------------------------------------------------------
# generate_gap_problem
# --------------------------------------------------------------------------


def test_generate_gap_problem_is_deterministic_per_seed():
    """GAP benchmarks compare runs, so a seed must always give the same instance."""
    assert generate_gap_problem(4, 30, seed=9) == generate_gap_problem(4, 30, seed=9)
    assert generate_gap_problem(4, 30, seed=9) != generate_gap_problem(4, 30, seed=10)


def test_generate_gap_problem_every_pair_has_type_d_effort_and_value(gap):
    """Each (job, agent) pair has its own effort in 1..100 and value = C - cost >= 0."""
    problem = gap.problem
    assert len(problem.estimates) == len(problem.teams) * len(problem.projects)
    assert {(e.project_id, e.team_id) for e in problem.estimates} == {
        (p.project_id, t.team_id) for p in problem.projects for t in problem.teams
    }
    for estimate in problem.estimates:
        assert estimate.effort_hours is not None and 1 <= estimate.effort_hours <= 100
        assert estimate.value is not None and 0 <= estimate.value < GAP_VALUE_OFFSET


def test_generate_gap_problem_is_a_pure_assignment_problem(gap):
    """No goals, skills or stage limits: only capacity decides, and value is the objective."""
    problem = gap.problem
    assert problem.goals == () and problem.rules == ()
    assert all(p.mandatory and not p.joint and not p.required_skills for p in problem.projects)
    assert all(not t.skills and not t.stages and t.max_projects is None for t in problem.teams)
    assert all(_has_eligible_owner(problem, p) for p in problem.projects)
    weights = problem.settings.weights
    assert (weights.attainment, weights.value, weights.balance, weights.fit) == (0, 1, 0, 0)
    assert weights.stability == 0


def test_generate_gap_problem_witness_fits_capacities(gap):
    """Every job is mandatory, so the instance is feasible only if some assignment fits."""
    problem = gap.problem
    assert set(gap.witness) == {p.project_id for p in problem.projects}
    assert check_plan(problem, _witness_plan(gap)) == []


def test_generate_gap_problem_capacities_are_tighter_than_type_d():
    """Capacities about 85 % of type D's make the instance hard, not trivially loose."""
    generated = generate_gap_instance(8, 200, seed=1)
    problem = generated.problem
    estimates = problem.estimate_index
    for team in problem.teams:
        type_d = Decimal("0.8") * sum(
            estimates[(p.project_id, team.team_id)].effort_hours or 0 for p in problem.projects
        )
        type_d /= len(problem.teams)
        assert team.capacity_hours <= type_d


# --------------------------------------------------------------------------
# Data folders: the bundled sample and generate_folder
# --------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample() -> Problem:
    """The bundled sample quarter, as the app opens on it."""
    return load_with_warnings(SAMPLE).problem


def test_sample_loads_without_errors_or_warnings():
    """The app opens on the sample: one bad cell would greet a first-time user with errors."""
    result = load_with_warnings(SAMPLE)
    assert result.warnings == ()
    problem = result.problem
    assert (len(problem.teams), len(problem.projects), len(problem.goals)) == (10, 51, 8)
    assert Counter(t.department for t in problem.teams) == {SALES: 5, MARKETING: 5}


def test_sample_names_with_commas_and_quotes_round_trip(sample):
    """Names with commas, quotes and apostrophes must survive the CSV quoting."""
    names = {p.name for p in sample.projects}
    assert 'Annual user conference "Elevate", keynote & expo booth' in names
    assert "Analyst relations briefings (Gartner, Forrester)" in names
    assert "Gated ebook: The CFO's guide to revenue forecasting" in names


def test_sample_every_project_has_an_eligible_owner(sample):
    """A project no team may own would sit unassigned forever and confuse leaders."""
    assert [p.project_id for p in sample.projects if not _has_eligible_owner(sample, p)] == []


def test_sample_is_tight_so_the_plan_has_to_choose(sample):
    """Demand well above capacity is what makes the sample worth optimising."""
    effort = sum(p.effort_hours for p in sample.projects)
    capacity = sum(t.capacity_hours for t in sample.teams)
    assert Decimal("1.25") <= effort / capacity <= Decimal("1.45")


def test_sample_mandatory_and_pinned_work_fits(sample):
    """The first solve a user sees must be a plan, not "infeasible"."""
    witness = GeneratedProblem(
        sample,
        {
            "AW-02": ("brand",),
            "NU-01": ("mops",),
            "QU-02": ("sdr", "pmm"),
            "CL-02": ("mm-ae",),
            "CL-04": ("se",),
            "RE-01": ("cs",),
        },
    )
    forced = {p.project_id for p in sample.projects if p.mandatory}
    forced |= {project_id for project_id, _ in sample.pins}
    assert set(witness.witness) == forced
    # The sample is planned in weeks: each forced project starts after the holiday week
    # (week 1, at 80 %) when its window lets it.
    plan = _witness_plan(witness)
    timed = []
    for a in plan.assignments:
        project = sample.project(a.project_id)
        starts = sample.starts(project)
        start = 2 if 2 in starts else starts[0]
        end = start + sample.duration(project) - 1
        timed.append(dataclasses.replace(a, start_week=start, end_week=end))
    assert check_plan(sample, Plan(tuple(timed), plan.unassigned)) == []


def test_generate_folder_loads_back_equal(tmp_path):
    """`planner generate` output is a valid data folder that loads to the same problem."""
    problem = generate_problem(9, 150, num_goals=10, seed=8)
    folder = generate_folder(tmp_path / "quarter", 9, 150, num_goals=10, seed=8)
    assert {f.name for f in folder.iterdir()} >= {"teams.csv", "projects.csv", "goals.csv"}
    result = load_with_warnings(folder)
    assert result.warnings == ()
    assert result.problem == problem


def test_gap_problem_written_as_folder_loads_back_equal(tmp_path):
    """GAP benchmarks run through the CLI too, so their one-stage settings must survive TOML."""
    problem = generate_gap_problem(4, 25, seed=2)
    write_folder(problem, tmp_path)
    assert load_with_warnings(tmp_path).problem == problem


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_generate_folder_in_weeks_has_no_project_its_sequences_shut_out(tmp_path, seed):
    """Each finish-to-start chain fits its windows, as in a quarter a leader would write:
    before, 2-4 projects of each 40 x 500 quarter could end only after their due week
    (``planner validate`` warned; no plan could hold them, but the LP without the weekly
    rows counted their value)."""
    folder = generate_folder(tmp_path / "quarter", 40, 500, seed=seed, weeks=True)
    result = load_with_warnings(folder)
    assert result.warnings == ()
    timed = [p for p in result.problem.projects if p.duration_weeks is not None]
    assert len(timed) > 400  # the pass shortens a few chains, it does not undo the weeks
