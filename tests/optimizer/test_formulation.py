"""The hard rules written once: rows per rule, and each compiled target against them.

The formulation is what the CP-SAT model, the LP bound, the explanations and
the greedy read; the checker is written apart, from SPEC.md. So the strongest
test is that the two agree on every plan of small random problems.
"""

from __future__ import annotations

import pytest
from builders import (
    VALUE_ONLY,
    forbid,
    pin,
    problem,
    project,
    settings,
    team,
)
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from ortools.sat.python import cp_model
from strategies import brute_force_best, every_plan, small_problems

from planner.checker import check_plan
from planner.core.domain import Baseline
from planner.core.settings import StageSettings
from planner.explain.relaxation import Kind, RelaxableGroup, Relaxation, _candidates
from planner.optimizer.cpsat import PlanningModel, add_row, new_columns
from planner.optimizer.formulation import (
    Formulation,
    Group,
    Row,
    capacity_row,
    max_projects_row,
    one_owner_row,
    week_rows_to,
)
from planner.optimizer.greedy import greedy_pairs
from planner.optimizer.lp_bound import LpStatus, lp_bound
from planner.optimizer.weeks import WeekLoads, add_run, week_capacity_rows


def kinds(formulation: Formulation) -> set[Kind]:
    return {row.group.kind for row in formulation.rows}


def rows_of(formulation: Formulation, kind: Kind) -> list[Row]:
    return [row for row in formulation.rows if row.group.kind is kind]


def holds(formulation: Formulation, owners_of: dict[str, tuple[str, ...]]) -> bool:
    """Whether a plan (project -> its teams) meets every row, auxiliary columns set to fit."""
    column = {(p.project_id, p.team_id): i for i, p in enumerate(formulation.pairs)}
    values = [0] * formulation.num_columns
    for project_id, team_ids in owners_of.items():
        for team_id in team_ids:
            if (project_id, team_id) not in column:
                return False  # not a variable at all: ruled out on its own
            values[column[(project_id, team_id)]] = 1
    for project_id, col in formulation.joint.items():
        values[col] = int(bool(owners_of.get(project_id)))
    baseline = formulation.problem.baseline
    for project_id, col in formulation.changed.items():
        assert baseline is not None
        values[col] = int(set(owners_of.get(project_id, ())) != set(baseline.owners[project_id]))
    for row in formulation.rows:
        activity = sum(c * values[j] for j, c in zip(row.cols, row.coeffs, strict=True))
        if row.lower is not None and activity < row.lower:
            return False
        if row.upper is not None and activity > row.upper:
            return False
    return True


# -- the rows of each rule --------------------------------------------------------


def test_every_rule_writes_rows_tagged_by_its_group():
    """Each rule group is visible in the data: what the explanations switch on and off."""
    prob = problem(
        [
            team("m1", capacity=15, max_projects=1),
            team("m2", capacity=15),
            team("s1", "sales", skills={"demo": 2}),
        ],
        [
            project("a", mandatory=True),
            project("b", depends_on=("a",)),
            project("j", "nurturing", joint=True, required_skills={"demo": 2}),
        ],
        rules=[pin("b", "m2")],
        baseline=Baseline({"a": frozenset({"m1"})}, max_changes=0),
    )
    f = Formulation.of(prob)
    assert kinds(f) == {
        Kind.ONE_OWNER,
        Kind.MANDATORY,
        Kind.JOINT_SKILLS,
        Kind.CAPACITY,
        Kind.MAX_PROJECTS,
        Kind.PIN,
        Kind.DEPENDENCY,
        Kind.CHANGED,
        Kind.CHANGE_BUDGET,
    }
    (mandatory,) = rows_of(f, Kind.MANDATORY)
    assert (mandatory.lower, mandatory.upper) == (1, 1)
    assert [f.pairs[c].project_id for c in mandatory.cols] == ["a", "a"]
    (dependency,) = rows_of(f, Kind.DEPENDENCY)
    assert dependency.group.a == "b" and dependency.group.b == "a"
    assert sorted(dependency.coeffs) == [-1, -1, 1, 1] and dependency.upper == 0
    (skill,) = rows_of(f, Kind.JOINT_SKILLS)
    assert skill.group.b == "demo" and skill.lower == 0
    assert f.joint["j"] in skill.cols


def test_capacity_row_is_exact_in_whole_numbers():
    """Hours with decimals become whole numbers: every target keeps capacity exact."""
    prob = problem(
        [team("m1", capacity="10.000")],
        [project("a", effort="5.0005"), project("b", effort="5.0005")],
    )
    f = Formulation.of(prob)
    (capacity,) = rows_of(f, Kind.CAPACITY)
    assert f.hour_scale == 10_000
    assert list(capacity.coeffs) == [50_005, 50_005]
    assert capacity.upper == 100_000 and capacity.unit == 10_000


def test_a_limit_that_cannot_bind_writes_no_row():
    """A team with room for all its candidates needs no capacity or cap row (smaller models)."""
    prob = problem([team("m1", capacity=100, max_projects=5)], [project("a"), project("b")])
    assert not rows_of(Formulation.of(prob), Kind.CAPACITY)
    assert not rows_of(Formulation.of(prob), Kind.MAX_PROJECTS)


def test_a_rules_row_over_any_columns_binds_only_where_the_room_is_short():
    """The neighbourhood search in weeks builds rules 1, 5, 6 and 10 over its own columns
    (a step's start choices) and the room the rest of the plan leaves, with the functions
    the formulation uses: each writes its rule's row for that room, and none where every
    column at once fits, so a rule reads the same in the whole model and in a step's."""
    assert one_owner_row("a", [3]) is None
    assert one_owner_row("a", [3, 4]) == Row(Group(Kind.ONE_OWNER, "a"), [3, 4], [1, 1], None, 1)
    assert capacity_row("t", [0, 1], [5, 6], 11, 10) is None
    assert capacity_row("t", [0, 1], [5, 6], 10, 10) == Row(
        Group(Kind.CAPACITY, "t"), [0, 1], [5, 6], None, 10, 10
    )
    assert max_projects_row("t", [0, 1], None) is None
    assert max_projects_row("t", [0, 1], 2) is None
    assert max_projects_row("t", [0, 1], 1) == Row(
        Group(Kind.MAX_PROJECTS, "t"), [0, 1], [1, 1], None, 1
    )
    loads: WeekLoads = {}
    add_run(loads, "t", 0, 1, 2, 3)  # weeks 1-2, 3 a week
    add_run(loads, "t", 1, 2, 2, 4)  # weeks 2-3, 4 a week
    rows: list[Row | None] = []
    week_capacity_rows(loads, {"t": [3, 6, 4]}, 1, week_rows_to(rows.append))
    assert rows == [Row(Group(Kind.WEEK_CAPACITY, "t", "2"), [0, 1], [3, 4], None, 6, 1)]


def test_a_pin_to_a_team_that_may_not_take_the_project_is_infeasible_in_the_data():
    """A row with nothing to meet it is decided: every target reports no plan."""
    prob = problem([team("m1"), team("s1", "sales")], [project("a")], rules=[pin("a", "s1")])
    f = Formulation.of(prob)
    assert f.infeasible() == [Group(Kind.PIN, "a", "s1")]


def test_excluded_pairs_are_held_at_zero_by_their_rule():
    """The explanations relax the stage policy, team stages and forbids: each is a row."""
    policy = StageSettings(owners={"awareness": ("marketing",)}, order=("awareness",))
    prob = problem(
        [team("m1", stages=("closing",)), team("s1", "sales")],
        [project("a")],
        rules=[forbid("a", "m1")],
        settings=settings(VALUE_ONLY, stages=policy),
    )
    f = Formulation.over(prob, _candidates(prob, prob.projects), excluded_pairs=True)
    groups = {row.group.kind: row.group for row in f.rows}
    assert (groups[Kind.STAGE_POLICY].a, groups[Kind.STAGE_POLICY].b) == ("awareness", "sales")
    assert (groups[Kind.TEAM_STAGE].a, groups[Kind.TEAM_STAGE].b) == ("m1", "awareness")
    assert (groups[Kind.FORBID].a, groups[Kind.FORBID].b) == ("a", "m1")
    excluding = (Kind.STAGE_POLICY, Kind.TEAM_STAGE, Kind.FORBID)
    assert all(
        row.upper == 0 and len(row.cols) == 1 for row in f.rows if row.group.kind in excluding
    )


# -- the rows against the independent checker --------------------------------------


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=4))
def test_the_rows_accept_exactly_the_plans_the_checker_accepts(prob):
    """Written once, checked twice: over the eligible pairs the rows are SPEC.md's rules."""
    f = Formulation.of(prob)
    for owners, plan in every_plan(prob):
        assert holds(f, owners) == (not check_plan(prob, plan)), owners


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=4))
def test_the_explanations_rows_accept_exactly_the_plans_the_checker_accepts(prob):
    """Over every candidate pair, the exclusion rows stand in for eligibility's rules 3 and 7."""
    f = Formulation.over(prob, _candidates(prob, prob.projects), excluded_pairs=True)
    for owners, plan in every_plan(prob):
        assert holds(f, owners) == (not check_plan(prob, plan)), owners


def test_the_change_rows_count_moved_and_dropped_baseline_projects():
    """Rule 9's indicators: a move and a drop are changes, a new assignment is not."""
    prob = problem(
        [team("m1"), team("m2")],
        [project("a"), project("b"), project("c")],
        baseline=Baseline({"a": frozenset({"m1"}), "b": frozenset({"m1"})}, max_changes=1),
    )
    f = Formulation.of(prob)
    assert holds(f, {"a": ("m1",), "b": ("m1",), "c": ("m2",)})
    assert holds(f, {"a": ("m2",), "b": ("m1",)})
    assert not holds(f, {"a": ("m2",)})  # a moved and b dropped: two changes


# -- each compiled target ---------------------------------------------------------


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=4))
def test_cp_sat_over_the_rows_finds_the_brute_force_optimum(prob):
    """The CP-SAT target: the model compiled from the rows is exactly the rules."""
    best = brute_force_best(prob)
    model = PlanningModel(prob)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(model.model)
    if best is None:
        assert status == cp_model.INFEASIBLE
        return
    assert status == cp_model.OPTIMAL
    assert solver.objective_value / model.objective_scale == pytest.approx(float(best))


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=4))
def test_lp_over_the_rows_bounds_the_brute_force_optimum(prob):
    """The LP target: the relaxation of the same rows never cuts off the best plan."""
    best = brute_force_best(prob)
    relaxation = lp_bound(prob, formulation=Formulation.of(prob))
    if best is not None:
        assert relaxation.status is LpStatus.OPTIMAL
        assert relaxation.bound is not None
        assert relaxation.bound >= float(best) - 1e-6


def test_enforcement_literals_switch_a_group_off():
    """The explanations' target: a rule behind a false literal no longer binds."""
    prob = problem([team("m1", capacity=10)], [project("a", mandatory=True, effort=20)])
    f = Formulation.of(prob)
    model = cp_model.CpModel()
    columns = new_columns(model, f)
    (mandatory,) = rows_of(f, Kind.MANDATORY)
    assert not mandatory.cols  # the only team cannot take 20 h: no variable
    switch = model.new_bool_var("mandatory")
    add_row(model, mandatory, columns, switch)
    solver = cp_model.CpSolver()
    model.add_assumptions([switch])
    assert solver.solve(model) == cp_model.INFEASIBLE
    model.clear_assumptions()
    model.add(switch == 0)
    assert solver.solve(model) == cp_model.OPTIMAL


def test_relaxation_core_names_the_conflicting_groups():
    """Cores come from the same rows: a mandatory project over a team's hours."""
    prob = problem(
        [team("m1", capacity=10)],
        [project("a", mandatory=True, effort=8), project("b", mandatory=True, effort=8)],
    )
    rx = Relaxation(prob)
    status, core = rx.check(rx.lits, 1.0)
    assert status == cp_model.INFEASIBLE
    assert set(core) <= {
        RelaxableGroup(Kind.MANDATORY, "a"),
        RelaxableGroup(Kind.MANDATORY, "b"),
        RelaxableGroup(Kind.CAPACITY, "m1"),
    }
    assert RelaxableGroup(Kind.CAPACITY, "m1") in core
    capacity = RelaxableGroup(Kind.CAPACITY, "m1")
    assert rx.relax(set(rx.lits) - {capacity}, [capacity], 1.0) == {capacity: 6 * rx.hour_scale}


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_projects=5))
def test_the_greedy_keeps_the_packing_rows(prob):
    """The greedy target: its room is the capacity and project-cap rows, so it never breaks them."""
    f = Formulation.of(prob)
    chosen = greedy_pairs(prob, f.pairs, formulation=f)
    picked = {(p.project_id, p.team_id) for p in chosen}
    on = [int((p.project_id, p.team_id) in picked) for p in f.pairs]
    for row in f.rows:
        if row.group.kind in (Kind.CAPACITY, Kind.MAX_PROJECTS):
            assert row.upper is not None, "a packing row has an upper side"
            assert sum(c * on[j] for j, c in zip(row.cols, row.coeffs, strict=True)) <= row.upper


def test_the_greedy_room_is_the_rows_right_hand_side():
    """Capacity and caps are read from the rows, never recomputed: one place to change them."""
    prob = problem(
        [team("m1", capacity="10.5", max_projects=1), team("m2", capacity=100)],
        [project("a", effort="6.25"), project("b", effort=6)],
    )
    f = Formulation.of(prob)
    hours, projects = f.team_room()
    (capacity,) = rows_of(f, Kind.CAPACITY)
    (cap,) = rows_of(f, Kind.MAX_PROJECTS)
    assert hours["m1"] == capacity.upper == 1050 and projects["m1"] == cap.upper == 1
    assert hours["m2"] == 10_000 and projects["m2"] is None  # rows that cannot bind
    assert Formulation.packing_only(prob, f.pairs).team_room() == (hours, projects)


def test_an_auxiliary_column_may_be_any_whole_number_range():
    """Rules to come (e.g. a start week) need integer columns: every target keeps their bounds."""
    prob = problem([team("m1")], [project("a", value=2)])
    f = Formulation.of(prob)
    week = f._column("start[a]", Kind.ONE_OWNER, "a", lower=1, upper=13)
    f.rows.append(Row(Group(Kind.ONE_OWNER, "a"), [week, 0], [1, 12], 13, None))
    assert f.bounds(week) == (1, 13) and f.bounds(0) == (0, 1)
    model = cp_model.CpModel()
    columns = new_columns(model, f)
    for row in f.rows:
        add_row(model, row, columns)
    solver = cp_model.CpSolver()
    model.maximize(columns[0] - columns[week])
    assert solver.solve(model) == cp_model.OPTIMAL
    assert (solver.value(columns[0]), solver.value(columns[week])) == (1, 1)
    relaxation = lp_bound(prob, formulation=f)
    assert relaxation.status is LpStatus.OPTIMAL


def test_a_rule_without_words_yet_is_named_plainly_and_offers_no_fix():
    """Adding a rule to the formulation first must not break the explanations.

    A group the explanations have no words or input edit for yet (here a
    kind they never relax) is named plainly and offers no fix.
    """
    prob = problem([team("m1", capacity=10)], [project("a", mandatory=True, effort=20)])
    unknown = RelaxableGroup(Kind.JOINT_SKILLS, "a", "demo")
    assert unknown.describe(prob) == "the joint skills rule on a and demo"
    rx = Relaxation(prob)
    assert rx.changes_for({unknown: 1}) is None
