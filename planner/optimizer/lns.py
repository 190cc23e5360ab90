"""Large neighbourhood search on the planner's own CP-SAT model, on a work budget.

Each step frees the pairs of a few teams, fixes every other pair to the
incumbent plan and lets CP-SAT (one worker, a deterministic work limit)
solve that sub-problem; a better plan becomes the incumbent. For the
generalized assignment problem this is the neighbourhood of a subset of
agents (Shaw's large neighbourhood search, 1998; the agent-pair moves of
the GAP heuristics are its smallest case): every reassignment among the
chosen teams, any number of projects at once, which shift, swap and ejection
chain moves see only a few at a time.

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

from ortools.sat.python import cp_model

from planner.optimizer.cpsat import PlanningModel
from planner.optimizer.eligibility import Pair

#: CP-SAT's deterministic work limit for one sub-problem (about 0.05-0.1 s on one core).
#: Measured on GAP E 20 x 200 with 1.2 units in all: 0.08 a step ended 4.9 % from the best
#: known plan, 0.02 at 0.9 % (more, smaller steps); 0.04 is between, since each step also
#: pays a copy of the model.
STEP_WORK = 0.04
#: Each step counts at least this much work, plus this much per pair: copying the model,
#: fixing its pairs and loading it into CP-SAT cost time that CP-SAT's own count leaves
#: out (measured 0.15-0.3 s a step at 4,000 pairs under load 10, where CP-SAT counted
#: 0.04 units), so the budget still ends the search before the clock does.
_MIN_STEP_WORK = 0.005
_STEP_WORK_PER_PAIR = 5e-6
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
    v = planning.variables
    pairs = v.pairs
    literals = v.literals
    row_of = {(p.project_id, p.team_id): row for row, p in enumerate(pairs)}
    on = [False] * len(pairs)
    for pair in chosen:
        on[row_of[(pair.project_id, pair.team_id)]] = True
    by_team = _rows_by_team(pairs)
    teams = sorted(by_team)
    neighbours = _neighbours(pairs, by_team)
    rng = random.Random(seed)
    size = _FIRST_TEAMS
    used = 0.0
    steps = 0
    improved = False
    planning.add_hints([p for p, taken in zip(pairs, on, strict=True) if taken])
    while len(teams) > 1 and used < work and time.perf_counter() < deadline:
        if cancel is not None and cancel.is_set():
            break
        free = _pick(teams, neighbours, min(size, len(teams)), rng)
        sub = planning.model.clone()
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
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = seed
        params.max_deterministic_time = min(STEP_WORK, work - used)
        params.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
        params.log_to_stdout = False
        code = solver.solve(sub)
        steps += 1
        overhead = _STEP_WORK_PER_PAIR * len(pairs)
        used += max(_MIN_STEP_WORK, solver.response_proto.deterministic_time) + overhead
        whole = len(free) == len(teams)  # every team free: the sub-problem is the problem
        if code == cp_model.OPTIMAL:
            took = solver.response_proto.deterministic_time
            if took < _GROW_BELOW * STEP_WORK:
                size = min(_MAX_TEAMS, size + 1)
        else:
            size = max(_MIN_TEAMS, size - 1)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        found = round(solver.objective_value)
        if found <= objective:
            if whole and code == cp_model.OPTIMAL:
                break  # the incumbent is proven optimal
            continue
        values = solver.response_proto.solution
        on = [bool(values[lit.index]) for lit in literals]
        objective = found
        improved = True
        planning.add_hints([p for p, taken in zip(pairs, on, strict=True) if taken])
        if on_better is not None:
            on_better(objective)
        if whole and code == cp_model.OPTIMAL:
            break
    plan = [p for p, taken in zip(pairs, on, strict=True) if taken]
    return NeighbourhoodResult(plan, objective, improved, steps, used)


def _rows_by_team(pairs: Sequence[Pair]) -> dict[str, list[int]]:
    by_team: dict[str, list[int]] = defaultdict(list)
    for row, pair in enumerate(pairs):
        by_team[pair.team_id].append(row)
    return dict(by_team)


def _neighbours(pairs: Sequence[Pair], by_team: dict[str, list[int]]) -> dict[str, list[str]]:
    """Each team's teams that could take one of its candidate projects, most shared first.

    Freeing teams that share no project frees nothing that could move
    between them, so a neighbourhood grows along shared projects.
    """
    teams_of: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        teams_of[pair.project_id].append(pair.team_id)
    out: dict[str, list[str]] = {}
    for team_id, rows in by_team.items():
        shared: dict[str, int] = defaultdict(int)
        for row in rows:
            for other in teams_of[pairs[row].project_id]:
                if other != team_id:
                    shared[other] += 1
        out[team_id] = sorted(shared, key=lambda t: (-shared[t], t))
    return out


def _pick(
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
