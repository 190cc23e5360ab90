"""Large neighbourhood search on the planner's own CP-SAT model, on a work budget.

Each step frees the pairs of a few teams, fixes every other pair to the
incumbent plan and lets CP-SAT (one worker, a deterministic work limit)
solve that sub-problem; a better plan becomes the incumbent. For the
generalized assignment problem this is the neighbourhood of a subset of
agents (Shaw's large neighbourhood search, 1998; the agent-pair moves of
the GAP heuristics are its smallest case): every reassignment among the
chosen teams, any number of projects at once, which shift, swap and ejection
chain moves see only a few at a time.

A quarter's search starts from its warm start (:func:`search_from_hint`)
and each step solves a sub-model of the freed teams only
(:mod:`planner.optimizer.sub_model`): a few milliseconds to build, where a
copy of the whole model cost 0.05-0.3 s at 40 x 500; after a first search
over the whole model (GAP instances) a step fixes the other pairs in a copy.

The budget is counted in CP-SAT's deterministic time, and the teams are
drawn from a fixed seed, so the same inputs and budget give the same plan
on a busy machine too. The size of a neighbourhood adapts: one team more
after a sub-problem solved to optimality, one fewer after one that ran
out of its work limit.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from planner.core.pairs import Pair
from planner.optimizer.cpsat import PlanningModel, cp_solver
from planner.optimizer.sub_model import SubModel, SubModels

#: CP-SAT's deterministic work limit for one sub-problem (about 0.05-0.1 s on one core).
#: Measured on GAP E 20 x 200 with 1.2 units in all: 0.08 a step ended 4.9 % from the best
#: known plan, 0.02 at 0.9 % (more, smaller steps); 0.04 is between, since each step also
#: pays a copy of the model.
STEP_WORK = 0.04
#: The same for a sub-model step from a warm start close to its bound (a quarter's:
#: :func:`search_from_hint`). M seeds 0-4 with 1 unit in all, from the warm start: 0.005 /
#: 0.01 / 0.02 a step ended 0.260 / 0.267 / 0.264 % from the LP bound on average (80 / 64
#: / 48 steps); the neighbourhoods grow until CP-SAT no longer proves them in a step.
HINT_STEP_WORK = 0.005
#: ... for teams with up to this many candidate pairs each (M: 94); with more, a step's
#: sub-model is larger and its work limit grows in proportion. L (150 x 3,000, 576 pairs a
#: team) seeds 0, 2 and 3 with 6 units from the warm start: 0.005 / 0.01 / 0.02 / 0.03 a
#: step ended 0.716 / - / 0.684 / - (seed 2), - / 0.623 / 0.609 / 0.594 (seed 3) and
#: - / 0.321 / 0.298 / 0.303 % (seed 0) from the LP bound: with 0.005 most steps ran out
#: of work on two teams and the neighbourhoods never grew.
HINT_STEP_PAIRS = 100
#: Each step counts at least this much work, plus this much per pair: copying the model,
#: fixing its pairs and loading it into CP-SAT cost time that CP-SAT's own count leaves
#: out (measured 0.15-0.3 s a step at 4,000 pairs under load 10, where CP-SAT counted
#: 0.04 units), so the budget still ends the search before the clock does.
_MIN_STEP_WORK = 0.005
_STEP_WORK_PER_PAIR = 5e-6
#: A sub-model step counts at least this much CP-SAT work, plus building and loading the
#: sub-model: a fixed part and a part per entry (variable in a constraint). Measured at
#: 40 x 500, load 4-7: 10-20 ms to build a sub-model of 3-6 teams (1,500-3,500 entries),
#: 15-60 ms for CP-SAT to load and search it for 0.005 units; a step then counts about
#: 0.01-0.015 units, in line with what one CP-SAT worker does a second at that load.
_MIN_SUB_MODEL_WORK = 0.002
_SUB_MODEL_WORK = 0.006
_STEP_WORK_PER_ENTRY = 1.5e-6
#: Teams freed in the first neighbourhood, and the bounds of the adaptive size.
_FIRST_TEAMS = 3
_MIN_TEAMS = 2
_MAX_TEAMS = 12
#: A sub-problem that took less than this share of its work limit to prove optimal grows.
_GROW_BELOW = 0.5


@dataclass(frozen=True)
class NeighbourhoodResult:
    """The incumbent after the search: its pairs, CP-SAT objective and what it took."""

    plan: list[Pair]
    objective: int
    improved: bool
    steps: int
    work: float
    #: Whether the plan is proven optimal (by a MIP solver: see planner.solving.solver).
    proven: bool = False


def search_neighbourhoods(
    planning: PlanningModel,
    chosen: Sequence[Pair],
    objective: int,
    *,
    work: float,
    deadline: float,
    seed: int = 0,
    cancel: threading.Event | None = None,
    on_better: Callable[[int], None] | None = None,
) -> NeighbourhoodResult:
    """Improve ``chosen`` (a plan of ``planning`` whose CP-SAT objective is ``objective``).

    Parameters
    ----------
    planning
        The model; its hints are moved to each better plan found.
    chosen
        The incumbent plan's pairs (it must keep every rule).
    objective
        The incumbent's objective in the model's integer units.
    work
        The budget in CP-SAT deterministic time units, summed over the steps.
    deadline
        A ``perf_counter`` time after which no step starts and a running one stops.
    seed
        Seeds the choice of teams.
    cancel
        When set, the search stops after the current step.
    on_better
        Called with the new objective each time the incumbent improves.
    """
    pairs = planning.variables.pairs
    row_of = {(p.project_id, p.team_id): row for row, p in enumerate(pairs)}
    on = [False] * len(pairs)
    for pair in chosen:
        on[row_of[(pair.project_id, pair.team_id)]] = True
    planning.add_hints([p for p, taken in zip(pairs, on, strict=True) if taken])
    # Steps on copies of the whole model: on GAP instances (where this runs after a first
    # search) sub-model steps of this size ended further from the best known plans on
    # type E (0.49-0.57 % against 0.22-0.24 %, 2 seeds at load 10), so they stay here.
    search = _Search(planning, None, on, objective, seed, STEP_WORK)
    return search.run(work, deadline, cancel, on_better)


def search_from_hint(
    planning: PlanningModel,
    *,
    work: float,
    deadline: float,
    seed: int = 0,
    cancel: threading.Event | None = None,
    on_better: Callable[[int], None] | None = None,
) -> NeighbourhoodResult | None:
    """:func:`search_neighbourhoods` from the plan ``planning`` is hinted with.

    No search over the whole model is needed first: the hint (a complete
    plan, e.g. the warm start's) is the incumbent and every step is a
    sub-model (:mod:`planner.optimizer.sub_model`). ``None`` when the model
    cannot be cut into sub-models or its hint is not a complete plan; the
    caller then searches the whole model first.
    """
    literals = planning.variables.literals
    num_teams = len({p.team_id for p in planning.variables.pairs})
    per_team = len(literals) / max(1, num_teams)
    # Many candidates a team: most of a freed team's pairs are on projects that fixed
    # teams own; left out, a step has fewer variables (L seeds 2 and 3, 6 units: 0.685 ->
    # 0.672 and 0.606 -> 0.594 % from the LP bound). At M they are few and CP-SAT's
    # search is left as it was measured.
    large = per_team > HINT_STEP_PAIRS
    indices = [lit.index for lit in literals]
    reducer = SubModels.of(planning.model, indices, drop_held=large)
    if reducer is None:
        return None
    on = [bool(x) for x in reducer.values[indices]]
    step_work = HINT_STEP_WORK * max(1.0, per_team / HINT_STEP_PAIRS)
    search = _Search(planning, reducer, on, reducer.objective(), seed, step_work)
    return search.run(work, deadline, cancel, on_better)


class _Search:
    """The steps of one neighbourhood search, from the incumbent ``on`` (a flag per pair).

    With a ``reducer`` each step solves a sub-model of the freed teams only;
    without one, a copy of the whole model with the other pairs fixed.
    """

    def __init__(
        self,
        planning: PlanningModel,
        reducer: SubModels | None,
        on: list[bool],
        objective: int,
        seed: int,
        step_work: float,
    ) -> None:
        self.planning = planning
        self.step_work = step_work
        self.reducer = reducer
        self.on = on
        self.objective = objective
        self.seed = seed
        pairs = planning.variables.pairs
        self.by_team = rows_by_team(pairs)
        self.var_of_row = np.array([lit.index for lit in planning.variables.literals], np.int64)

    def run(
        self,
        work: float,
        deadline: float,
        cancel: threading.Event | None,
        on_better: Callable[[int], None] | None,
    ) -> NeighbourhoodResult:
        """Steps until the work or the clock runs out; the best plan found."""
        pairs = self.planning.variables.pairs
        teams = sorted(self.by_team)
        neighbours = team_neighbours(pairs, self.by_team)
        rng = random.Random(self.seed)
        size = _FIRST_TEAMS
        used = 0.0
        steps = 0
        improved = proven = False
        while len(teams) > 1 and used < work and time.perf_counter() < deadline:
            if cancel is not None and cancel.is_set():
                break
            free = pick_teams(teams, neighbours, min(size, len(teams)), rng)
            step_work = self.step_work
            code, searched, took, better = self._step(free, min(step_work, work - used), deadline)
            steps += 1
            used += took
            if code == cp_model.OPTIMAL:
                if searched < _GROW_BELOW * step_work:
                    size = min(_MAX_TEAMS, size + 1)
            else:
                size = max(_MIN_TEAMS, size - 1)
            if better:
                improved = True
                if on_better is not None:
                    on_better(self.objective)
            if len(free) == len(teams) and code == cp_model.OPTIMAL:
                proven = True  # every team was free: the sub-problem was the problem
                break
        if self.reducer is not None:
            self.on = [bool(x) for x in self.reducer.values[self.var_of_row]]
        plan = [p for p, taken in zip(pairs, self.on, strict=True) if taken]
        self.planning.add_hints(plan)
        return NeighbourhoodResult(plan, self.objective, improved, steps, used, proven)

    def _step(
        self, free: set[str], limit: float, deadline: float
    ) -> tuple[Any, float, float, bool]:
        """One sub-problem: CP-SAT's status and work, the work it counts, whether it improved."""
        literals = self.planning.variables.literals
        sub: SubModel | None = None
        if self.reducer is not None:
            freed = [r for t in sorted(free) for r in self.by_team[t]]
            sub = self.reducer.around(self.var_of_row[np.array(freed, dtype=np.int64)])
            model = sub.model
            overhead = _SUB_MODEL_WORK + _STEP_WORK_PER_ENTRY * sub.size
        else:
            model = _fixed_copy(self.planning.model, self.by_team, free, self.on, literals)
            overhead = _STEP_WORK_PER_PAIR * len(literals)
        solver = cp_solver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = self.seed
        params.max_deterministic_time = limit
        params.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
        params.log_to_stdout = False
        if sub is not None:
            # A sub-model is small and already reduced: CP-SAT's presolve cost more than it
            # saved (M seeds 0-4: the same mean gap, a step 40 % faster).
            params.cp_model_presolve = False
        code = solver.solve(model)
        deterministic = solver.response_proto.deterministic_time
        least = _MIN_STEP_WORK if sub is None else _MIN_SUB_MODEL_WORK
        took = max(least, deterministic) + overhead
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return code, deterministic, took, False
        values = solver.response_proto.solution
        if sub is not None and self.reducer is not None:
            full = self.reducer.take(sub, values)
            found = self.reducer.objective(full)
            if found <= self.objective:
                return code, deterministic, took, False
            self.reducer.keep(full)  # ``on`` is read from it when the search ends
        else:
            found = round(solver.objective_value)
            if found <= self.objective:
                return code, deterministic, took, False
            self.on = [bool(values[lit.index]) for lit in literals]
        self.objective = found
        return code, deterministic, took, True


def _fixed_copy(
    model: cp_model.CpModel,
    by_team: dict[str, list[int]],
    free: set[str],
    on: list[bool],
    literals: Sequence[cp_model.IntVar],
) -> cp_model.CpModel:
    """The whole model with every pair outside the ``free`` teams fixed as in ``on``."""
    sub = model.clone()
    variables = sub.proto.variables
    for team_id, rows in by_team.items():
        if team_id in free:
            continue
        for row in rows:
            domain = variables[literals[row].index].domain
            if on[row]:
                domain[0] = 1
            else:
                domain[1] = 0
    return sub


def rows_by_team(pairs: Sequence[Pair]) -> dict[str, list[int]]:
    """Each team's rows of ``pairs`` (its candidate projects), in the pairs' order."""
    by_team: dict[str, list[int]] = defaultdict(list)
    for row, pair in enumerate(pairs):
        by_team[pair.team_id].append(row)
    return dict(by_team)


def team_neighbours(pairs: Sequence[Pair], by_team: dict[str, list[int]]) -> dict[str, list[str]]:
    """Each team's teams that could take one of its candidate projects, most shared first.

    Freeing teams that share no project frees nothing that could move
    between them, so a neighbourhood grows along shared projects.
    """
    teams = sorted(by_team)
    team_index = {t: i for i, t in enumerate(teams)}
    project_index: dict[str, int] = {}
    on_team = np.array([team_index[p.team_id] for p in pairs], dtype=np.int64)
    on_project = np.array(
        [project_index.setdefault(p.project_id, len(project_index)) for p in pairs],
        dtype=np.int64,
    )
    # Candidates as a team x project matrix: shared[a, b] counts the projects both could take
    # (a product in floats, exact at these counts; at 150 x 3,000 a loop took 0.5 s).
    candidates = np.zeros((len(teams), len(project_index)), dtype=np.float64)
    np.add.at(candidates, (on_team, on_project), 1.0)
    shared = candidates @ candidates.T
    out: dict[str, list[str]] = {}
    for i, team_id in enumerate(teams):
        others = np.flatnonzero(shared[i] > 0)
        others = others[others != i]
        order = np.lexsort((others, -shared[i, others]))  # most shared first, then by id
        out[team_id] = [teams[j] for j in others[order]]
    return out


def pick_teams(
    teams: list[str], neighbours: dict[str, list[str]], size: int, rng: random.Random
) -> set[str]:
    """``size`` teams: one at random, then others drawn among the chosen ones' neighbours."""
    first = rng.choice(teams)
    free = {first}
    order = [first]
    while len(free) < size:
        near = [t for t in neighbours[rng.choice(order)] if t not in free]
        if not near:
            near = [t for t in teams if t not in free]
            if not near:
                break
        # Close neighbours are likelier, but any of them may come.
        team_id = near[min(len(near) - 1, int(rng.expovariate(1 / max(1.0, len(near) / 3))))]
        free.add(team_id)
        order.append(team_id)
    return free
