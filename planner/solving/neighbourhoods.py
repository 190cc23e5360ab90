"""Which neighbourhood search a solve runs, and from which plan.

A quarter's warm start is close to its LP bound (0.1-0.5 % at 40 x 500): the
neighbourhood search on sub-models improves it directly, with the whole work
budget (:func:`~planner.optimizer.lns.search_from_hint`). Elsewhere (GAP
instances, small models) a first CP-SAT search over the whole model runs first
and the neighbourhoods improve its plan on copies of the model
(:func:`~planner.optimizer.lns.search_neighbourhoods`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ortools.sat.python import cp_model

from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.lns import NeighbourhoodResult, search_from_hint, search_neighbourhoods
from planner.optimizer.warm_start import WarmStart

#: A warm start this close to the LP bound (a quarter's, typically 0.1-0.5 %) is improved
#: by the neighbourhood search alone, without a first search over the whole model; on
#: GAP instances the warm start is further off and the first search is what helps (GAP D
#: and E 20 x 200 ended at 1.1 and 3.1 % from the best known without it, 0.8 / 0.2 % with).
FROM_HINT_GAP = 0.01
#: ... and on a model this large: on smaller ones the first search proves plans optimal
#: (a GAP of 10 x 60 in its 30 s) where the neighbourhoods would not.
FROM_HINT_MIN_PAIRS = 2_000
#: ... and up to this many: a step's sub-model is built from the free teams' entries only
#: (:mod:`planner.optimizer.sub_model`), a few milliseconds at 150 x 3,000 (86,000 pairs),
#: where CP-SAT over the whole model did not improve on the warm start in its budget.
#: Above it (300 x 10,000) reading the model into arrays alone takes seconds.
FROM_HINT_MAX_PAIRS = 100_000


def from_warm_start(planning: PlanningModel, warm: WarmStart) -> bool:
    """Whether the neighbourhoods start from ``warm`` with no first search over the model.

    That is: the model has :data:`FROM_HINT_MIN_PAIRS` to :data:`FROM_HINT_MAX_PAIRS`
    pairs and the warm start is within :data:`FROM_HINT_GAP` of its LP bound.
    """
    if not FROM_HINT_MIN_PAIRS <= planning.num_pairs <= FROM_HINT_MAX_PAIRS:
        return False
    if warm.objective is None or warm.bound is None or warm.bound <= 0:
        return False
    return (warm.bound - warm.objective) <= FROM_HINT_GAP * warm.bound


def improve(
    planning: PlanningModel,
    solver: cp_model.CpSolver | None,
    work: float,
    deadline: float,
    cancel: threading.Event | None,
    on_better: Callable[[int], None],
) -> NeighbourhoodResult | None:
    """The neighbourhood search from ``solver``'s plan, or from the model's hint without one.

    From the hint it returns ``None`` when the model cannot be cut into
    sub-models (the caller then searches the whole model first).
    """
    seed = planning.problem.settings.solve.seed
    if solver is None:
        return search_from_hint(
            planning, work=work, deadline=deadline, seed=seed, cancel=cancel, on_better=on_better
        )
    return search_neighbourhoods(
        planning,
        planning.chosen(solver),
        round(solver.objective_value),
        work=work,
        deadline=deadline,
        seed=seed,
        cancel=cancel,
        on_better=on_better,
    )
