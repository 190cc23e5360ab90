"""The goal and packing cuts (planner/optimizer/envelope.py): valid for every plan.

The cuts claim to hold for every plan of the model: a cut that one plan
breaks would let a small quarter's proof call a worse plan optimal. Checked
exhaustively on tiny generated quarters (every plan CP-SAT can enumerate).
"""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from planner.core.generate import generate_problem
from planner.optimizer.cpsat import RESOLUTION, PlanningModel, add_row, new_columns
from planner.optimizer.envelope import add_cuts, separate

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
    assert cuts, "the LP's point is cut off on these quarters"
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
