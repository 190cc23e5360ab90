"""Sub-models of a neighbourhood: the freed teams' pairs only, the rest as constants."""

from __future__ import annotations

import time

import numpy as np
import pytest
from ortools.sat.python import cp_model

from planner.checker import check_plan
from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.core.generate import generate_problem
from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import greedy_pairs
from planner.optimizer.lns import _fixed_copy, rows_by_team, search_from_hint
from planner.optimizer.sub_model import SubModels
from planner.solving.plans import to_plan


def _hinted(prob):
    """The model of ``prob`` hinted with the greedy plan, and that plan."""
    pairs = eligible_pairs(prob)
    start = greedy_pairs(prob, pairs)
    planning = PlanningModel(prob, pairs)
    planning.add_hints(start)
    return planning, start


def _quarter():
    """A generated quarter (goals, joint projects, balance and fit terms): 8 teams x 60."""
    return generate_problem(8, 60, seed=3)


def _solve(model):
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    code = solver.solve(model)
    return solver, code


def test_objective_of_the_hint_is_what_cp_sat_scores_for_that_plan():
    """The sub-models compare plans by this number, so it must be CP-SAT's own objective."""
    planning, start = _hinted(_quarter())
    literals = planning.variables.literals
    reducer = SubModels.of(planning.model, [lit.index for lit in literals])
    assert reducer is not None
    picked = {(p.project_id, p.team_id) for p in start}
    on = [(p.project_id, p.team_id) in picked for p in planning.variables.pairs]
    by_team = rows_by_team(planning.variables.pairs)
    solver, code = _solve(_fixed_copy(planning.model, by_team, set(), on, literals))
    assert code == cp_model.OPTIMAL
    assert reducer.objective() == round(solver.objective_value)
    # ... which is the checker's objective up to the model's rounding of shares.
    exact = plan_objective(planning.problem, start)
    assert exact is not None
    assert reducer.objective() / planning.objective_scale == pytest.approx(exact, abs=0.01)


@pytest.mark.parametrize("free_teams", [1, 2, 3])
def test_a_sub_model_has_the_same_optimum_as_the_whole_model_with_the_rest_fixed(free_teams):
    """Moving the fixed teams' contribution into the bounds changes nothing.

    The sub-model of a neighbourhood and a copy of the whole model with the
    other teams' pairs fixed are the same problem: their optima agree, and
    the sub-model's solution completed with the fixed pairs is a plan that
    passes the checker.
    """
    prob = _quarter()
    planning, start = _hinted(prob)
    literals = planning.variables.literals
    reducer = SubModels.of(planning.model, [lit.index for lit in literals])
    assert reducer is not None
    by_team = rows_by_team(planning.variables.pairs)
    free = set(sorted(by_team)[:free_teams])
    rows = np.array([r for t in sorted(free) for r in by_team[t]], dtype=np.int64)
    var_of_row = np.array([lit.index for lit in literals], dtype=np.int64)
    sub = reducer.around(var_of_row[rows])
    assert len(sub.free) < len(planning.model.proto.variables)

    solver, code = _solve(sub.model)
    assert code == cp_model.OPTIMAL
    full = reducer.take(sub, solver.response_proto.solution)
    picked = {(p.project_id, p.team_id) for p in start}
    on = [(p.project_id, p.team_id) in picked for p in planning.variables.pairs]
    whole, whole_code = _solve(_fixed_copy(planning.model, by_team, free, on, literals))
    assert whole_code == cp_model.OPTIMAL
    assert reducer.objective(full) == round(whole.objective_value)
    assert reducer.objective(full) >= reducer.objective()

    plan = [p for p, lit in zip(planning.variables.pairs, literals, strict=True) if full[lit.index]]
    assert check_plan(prob, to_plan(prob, plan, {})) == []


@pytest.mark.parametrize("kind", ["D", "E"])
def test_search_from_the_hint_never_scores_less_and_keeps_every_rule(kind):
    """Sub-model steps only ever take a better plan; every plan passes the checker."""
    prob = gap_to_problem(gap_instance(kind, 6, 40, seed=4))
    planning, start = _hinted(prob)
    before = plan_objective(prob, start)
    assert before is not None
    found = search_from_hint(planning, work=0.3, deadline=time.perf_counter() + 60)
    assert found is not None and found.steps > 0
    assert check_plan(prob, to_plan(prob, found.plan, {})) == []
    after = plan_objective(prob, found.plan)
    assert after is not None and after >= before
    assert found.objective / planning.objective_scale == pytest.approx(after, abs=0.01)


def test_search_from_the_hint_on_the_sample_quarter_improves_the_greedy_plan():
    """On a generated quarter the cheap steps find something the greedy plan left."""
    prob = _quarter()
    planning, start = _hinted(prob)
    before = plan_objective(prob, start)
    found = search_from_hint(planning, work=0.5, deadline=time.perf_counter() + 60)
    assert found is not None
    after = plan_objective(prob, found.plan)
    assert before is not None and after is not None and after > before
    assert check_plan(prob, to_plan(prob, found.plan, {})) == []


def test_a_model_with_an_enforced_constraint_is_not_cut():
    """Constraints the reduction does not understand leave the whole-model steps in charge."""
    model = cp_model.CpModel()
    x = model.new_bool_var("x")
    y = model.new_bool_var("y")
    model.add(x + y <= 1).only_enforce_if(y)
    model.maximize(x + y)
    model.add_hint(x, 1)
    model.add_hint(y, 0)
    assert SubModels.of(model, [x.index, y.index]) is None


def test_an_incomplete_hint_is_not_an_incumbent():
    """Without a value for every variable there is no plan to hold the rest at."""
    model = cp_model.CpModel()
    x = model.new_bool_var("x")
    y = model.new_bool_var("y")
    model.add(x + y <= 1)
    model.maximize(x + y)
    model.add_hint(x, 1)
    assert SubModels.of(model, [x.index, y.index]) is None


def _whole_optimum(planning, by_team, free, values):
    """The optimum of the whole model with every team outside ``free`` fixed as in ``values``."""
    literals = planning.variables.literals
    on = [bool(values[lit.index]) for lit in literals]
    solver, code = _solve(_fixed_copy(planning.model, by_team, free, on, literals))
    assert code == cp_model.OPTIMAL
    return round(solver.objective_value)


@pytest.mark.parametrize("drop_held", [False, True])
def test_sub_models_after_a_kept_plan_score_as_the_whole_model_does(drop_held):
    """Each row's fixed part is kept up to date as plans are kept, not re-read from the model.

    After a better plan is kept, the next neighbourhood's sub-model (another
    set of teams) still has the optimum of the whole model with the new
    incumbent's other pairs fixed, with or without the pairs a project's
    owner already holds at 0; the plan it gives passes the checker.
    """
    prob = _quarter()
    planning, _ = _hinted(prob)
    literals = planning.variables.literals
    reducer = SubModels.of(planning.model, [lit.index for lit in literals], drop_held=drop_held)
    assert reducer is not None
    by_team = rows_by_team(planning.variables.pairs)
    var_of_row = np.array([lit.index for lit in literals], dtype=np.int64)
    teams = sorted(by_team)
    for free in ({teams[0], teams[1]}, {teams[1], teams[2], teams[3]}, {teams[0], teams[3]}):
        rows = np.array([r for t in sorted(free) for r in by_team[t]], dtype=np.int64)
        sub = reducer.around(var_of_row[rows])
        solver, code = _solve(sub.model)
        assert code == cp_model.OPTIMAL
        full = reducer.take(sub, solver.response_proto.solution)
        assert reducer.objective(full) == _whole_optimum(planning, by_team, free, reducer.values)
        assert reducer.objective(full) >= reducer.objective()
        reducer.keep(full)
    plan = [p for p, lit in zip(planning.variables.pairs, literals, strict=True) if full[lit.index]]
    assert check_plan(prob, to_plan(prob, plan, {})) == []


def test_pairs_held_at_zero_by_a_fixed_owner_are_left_out():
    """A freed team's pair on a project a fixed team owns cannot move: it is no variable.

    At 150 x 3,000 most of a freed team's candidates are such pairs; leaving
    them out makes each step smaller without changing what it can find.
    """
    prob = _quarter()
    planning, start = _hinted(prob)
    indices = [lit.index for lit in planning.variables.literals]
    kept = SubModels.of(planning.model, indices)
    dropped = SubModels.of(planning.model, indices, drop_held=True)
    assert kept is not None and dropped is not None
    by_team = rows_by_team(planning.variables.pairs)
    owners: dict[str, set[str]] = {}
    for p in start:
        owners.setdefault(p.project_id, set()).add(p.team_id)

    def held_of(team):
        """The team's candidates on one-owner projects that another team owns."""
        return [
            indices[r]
            for r in by_team[team]
            if not prob.project(planning.variables.pairs[r].project_id).joint
            and owners.get(planning.variables.pairs[r].project_id, {team}) != {team}
        ]

    team = max(sorted(by_team), key=lambda t: len(held_of(t)))
    held = held_of(team)
    assert held  # the greedy plan gives some of this team's candidates to other teams
    free = np.array([indices[r] for r in by_team[team]], dtype=np.int64)
    small, whole = dropped.around(free), kept.around(free)
    assert not set(held) & set(small.free.tolist())
    assert set(held) <= set(whole.free.tolist())
    (a, code_a), (b, code_b) = _solve(small.model), _solve(whole.model)
    assert code_a == code_b == cp_model.OPTIMAL
    assert round(a.objective_value) == round(b.objective_value)


def test_search_from_the_hint_with_many_candidates_a_team_is_repeatable_and_checked(monkeypatch):
    """Teams with hundreds of candidates (as at 150 x 3,000) take larger, leaner steps.

    The steps leave out the pairs fixed teams hold (the lean sub-models); the
    same inputs and budget give the same plan; it never scores less than the
    start and passes the checker.
    """
    prob = generate_problem(6, 400, seed=5)
    pairs = eligible_pairs(prob)
    assert len(pairs) / len({p.team_id for p in pairs}) > 100
    lean: list[bool] = []
    of = SubModels.of

    def spied(*args, drop_held=False, **kwargs):
        lean.append(drop_held)
        return of(*args, drop_held=drop_held, **kwargs)

    monkeypatch.setattr(SubModels, "of", staticmethod(spied))
    plans = []
    for _ in range(2):
        planning, start = _hinted(prob)
        found = search_from_hint(planning, work=0.3, deadline=time.perf_counter() + 60)
        assert found is not None and found.steps > 0
        assert check_plan(prob, to_plan(prob, found.plan, {})) == []
        before, after = plan_objective(prob, start), plan_objective(prob, found.plan)
        assert before is not None and after is not None and after >= before
        plans.append(sorted((p.project_id, p.team_id) for p in found.plan))
    assert lean == [True, True]
    assert plans[0] == plans[1]
