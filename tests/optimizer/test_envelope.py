"""The goal and packing cuts (planner/optimizer/envelope.py): valid for every plan.

The cuts claim to hold for every plan of the model: a cut that one plan
breaks would let a small quarter's proof call a worse plan optimal. Checked
exhaustively on tiny generated quarters (every plan CP-SAT can enumerate).
"""

from __future__ import annotations

import numpy as np
import pytest
from ortools.sat.python import cp_model

from planner.core.generate import generate_problem
from planner.optimizer import envelope
from planner.optimizer.cpsat import RESOLUTION, PlanningModel, add_row, new_columns
from planner.optimizer.envelope import Cut, add_cuts, separate

TINY = [(4, 10, seed) for seed in range(6)] + [(4, 12, seed) for seed in range(3)]


class _Plans(cp_model.CpSolverSolutionCallback):
    """Collects the pair columns' values of every plan."""

    def __init__(self, literals: list[cp_model.IntVar]) -> None:
        super().__init__()
        self._literals = literals
        self.plans: list[list[int]] = []

    def on_solution_callback(self) -> None:
        self.plans.append([self.value(v) for v in self._literals])


def _every_plan(planning: PlanningModel) -> list[list[int]]:
    """Every assignment of the pair columns that meets the formulation's rows."""
    model = cp_model.CpModel()
    columns = new_columns(model, planning.formulation)
    for row in planning.formulation.rows:
        add_row(model, row, columns)
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    solver.parameters.num_workers = 1
    plans = _Plans(columns[: planning.num_pairs])
    assert solver.solve(model, plans) == cp_model.OPTIMAL
    return plans.plans


@pytest.mark.parametrize(("teams", "projects", "seed"), TINY)
def test_every_cut_holds_for_every_plan(teams, projects, seed):
    """A cut that some plan breaks would make a bound too low and a 'proof' wrong."""
    planning = PlanningModel(generate_problem(teams, projects, seed=seed))
    cuts = separate(planning)
    assert any(c.goal for c in cuts) and any(not c.goal for c in cuts), "both kinds cut"
    _assert_every_plan_meets(planning, cuts)


@pytest.mark.parametrize(("teams", "projects", "seed"), TINY[:4])
def test_packing_cuts_over_a_few_pairs_hold_for_every_plan(monkeypatch, teams, projects, seed):
    """A team with too many packings to enumerate gets cuts over a few of its pairs only.

    The pairs left out keep a 0 coefficient: a plan's other pairs still fit, so
    the cut holds whatever those pairs do.
    """
    monkeypatch.setattr(envelope, "MAX_PACKINGS", 1)
    monkeypatch.setattr(envelope, "MAX_LIFTED", 4)
    planning = PlanningModel(generate_problem(teams, projects, seed=seed))
    cuts = separate(planning)
    packing = [c for c in cuts if not c.goal]
    assert packing and all(len(c.cols) <= 4 for c in packing)
    _assert_every_plan_meets(planning, cuts)


def test_no_round_of_cuts_starts_after_the_deadline():
    """The small quarter's proof separates cuts inside the solve's time limit: with the
    deadline already past, no LP round starts and no cut comes back; with time, the same
    quarter gets cuts (more rounds, at least as many)."""
    import time

    planning = PlanningModel(generate_problem(*TINY[0]))
    assert separate(planning, deadline=time.perf_counter() - 1.0) == []
    first_round = separate(planning, 1)
    assert first_round and len(separate(planning)) >= len(first_round)


def _assert_every_plan_meets(planning: PlanningModel, cuts: list[Cut]) -> None:
    parts = {goal: (rows, p) for goal, rows, p in planning.attainment_parts()}
    plans = _every_plan(planning)
    assert len(plans) > 1
    for plan in plans:
        for cut in cuts:
            lhs = sum(c * plan[col] for col, c in zip(cut.cols, cut.coeffs, strict=True))
            if cut.goal:
                rows, p = parts[cut.goal]
                reached = min(RESOLUTION, sum(v * plan[r] for r, v in zip(rows, p, strict=True)))
                assert reached - lhs <= cut.rhs
            else:
                assert lhs <= cut.rhs


@pytest.mark.parametrize("seed", [0, 2, 5])
def test_the_cuts_keep_the_models_optimum(seed):
    """The model with the cuts has the same optimum as without: only its relaxation changes."""
    problem = generate_problem(4, 12, seed=seed)
    objectives = []
    for with_cuts in (False, True):
        planning = PlanningModel(problem)
        if with_cuts:
            add_cuts(planning, separate(planning))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(planning.model) == cp_model.OPTIMAL
        objectives.append(solver.objective_value)
    assert objectives[0] == objectives[1]


def test_lifting_keeps_the_inequality_for_every_set_and_is_tight():
    """Lifting frees the fixed columns of a cut found on a face; a coefficient too small
    would make it invalid, one too large would weaken it for nothing.

    A knapsack (hours 4, 3, 3, 2 within 7) with the cut x0 + x1 <= 1 found where
    x2 = 1 and x3 = 0: down-lifting x2 and up-lifting x3 must give an
    inequality every packing meets, with a packing that meets each lifted
    coefficient exactly.
    """
    hours, limit = np.array([4, 3, 3, 2]), 7
    subsets = (np.arange(16)[:, None] >> np.arange(4)) & 1
    sets = (subsets[subsets @ hours <= limit]).astype(bool)
    ones, zeros = np.array([0, 0, 1, 0], bool), np.array([0, 0, 0, 1], bool)
    coeffs = np.array([-1, -1, 0, 0])  # values(T) - coeffs(T) <= rhs with values 0
    values = np.zeros(len(sets), dtype=np.int64)
    rhs = envelope._lift(sets, values, coeffs, 1, ones, zeros)
    lhs = values - sets @ coeffs
    assert (lhs <= rhs).all()
    for k in (2, 3):  # each lifted coefficient is met by a set that has (or lacks) it
        assert (lhs[sets[:, k] == (k == 3)] == rhs).any()


@pytest.mark.parametrize(("teams", "projects", "seed"), [(10, 50, 1), (10, 50, 2), *TINY[:3]])
def test_the_points_answered_without_an_lp_give_the_same_cuts(monkeypatch, teams, projects, seed):
    """A goal's face below the cap and a team's pairs that fit at once skip their LPs: the
    cuts (and so CP-SAT's model and the plan) must be exactly those the LPs give."""
    planning = PlanningModel(generate_problem(teams, projects, seed=seed))
    answered = []
    for name in ("_on_the_line", "_fits_at_once"):
        shortcut = getattr(envelope, name)

        def counted(*args, _shortcut=shortcut):
            answered.append(_shortcut(*args))
            return answered[-1]

        monkeypatch.setattr(envelope, name, counted)
    quick = separate(planning, envelope.PROOF_ROUNDS)
    assert quick and any(answered), "some point is answered without its LP"
    monkeypatch.setattr(envelope, "_on_the_line", lambda *args: False)
    monkeypatch.setattr(envelope, "_fits_at_once", lambda *args: False)
    assert separate(planning, envelope.PROOF_ROUNDS) == quick
