"""Why a small quarter (S, 10 x 50) needs a search to prove its optimum: where the LP is weak.

For each generated 10 x 50 quarter (``generate_problem(10, 50, seed)``, what
``planner generate`` writes for bench/run.py's S), in one process:

* the optimum: HiGHS on the planner's MIP with no gap tolerance
  (``planner.optimizer.mip``), its plan's objective from the checker;
* the LP relaxation's bound (``planner.optimizer.lp_bound``) and three
  tighter bounds on the same LP: each goal's capped attainment replaced by its
  concave envelope (*goal hull*: one column per choice among the goal's
  candidates), each team's packing rows by the convex hull of its packings
  (*team hull*: one column per maximal set of projects that fits the team's
  hours and project cap), and both; each as % above the optimum;
* with ``--cuts``: CP-SAT as the small-quarter proof runs it (one worker,
  ``linearization_level`` 2, no hint) to its proof, without and with the goal
  and packing cuts of ``planner/optimizer/envelope.py`` (with them, the solve's rounds
  and none of CP-SAT's own cuts): wall seconds, deterministic units, and the seconds
  the cuts took to separate.

Usage::

    python bench/small_bound.py --seeds 0-14 [--cuts]

Prints a markdown table; nothing is written.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


from planner.core.domain import Problem  # noqa: E402
from planner.core.generate import generate_problem  # noqa: E402
from planner.core.pairs import Pair  # noqa: E402
from planner.optimizer.cpsat import PlanningModel, cp_solver  # noqa: E402
from planner.optimizer.eligibility import eligible_pairs  # noqa: E402
from planner.optimizer.envelope import PROOF_ROUNDS, add_cuts, separate  # noqa: E402
from planner.optimizer.exact_objective import plan_objective  # noqa: E402
from planner.optimizer.lp_bound import LpRelaxation, glop, lp_bound  # noqa: E402
from planner.optimizer.mip import solve_mip  # noqa: E402
from planner.solving.proof import CUT_LEVEL  # noqa: E402

#: A goal or a team with more choices than this keeps its LP rows (no hull).
_MAX_COLUMNS = 200_000


def hull_bound(problem: Problem, pairs: tuple[Pair, ...], goals: bool, teams: bool) -> float:
    """The LP relaxation with the goals' envelopes and/or the teams' packing hulls added."""
    relaxation = LpRelaxation(problem, pairs)
    lp = relaxation.build()
    x = relaxation.x
    if goals:
        goal_of = {p.project_id: p.goal_id for p in problem.projects}
        targets = {g.goal_id: float(g.target) for g in problem.goals}
        for goal_id, reached in relaxation.reached.items():
            # One option per (project, side, value); at most one option per (project, side).
            groups: dict[tuple[str, str], dict[float, list[int]]] = defaultdict(
                lambda: defaultdict(list)
            )
            for r, pair in enumerate(pairs):
                if goal_of[pair.project_id] == goal_id and pair.value:
                    side = pair.department if problem.project(pair.project_id).joint else ""
                    groups[(pair.project_id, side)][float(pair.value)].append(r)
            per_group = [[None, *by_value] for by_value in groups.values()]
            if math.prod(len(g) for g in per_group) > _MAX_COLUMNS:
                continue
            links: list[dict[float, list[int]]] = [defaultdict(list) for _ in per_group]
            choices = []
            for combo in itertools.product(*per_group):
                total = sum(v for v in combo if v is not None)
                column = lp.var(0.0, 1.0)
                choices.append((column, min(100.0, 100 * total / targets[goal_id])))
                for k, value in enumerate(combo):
                    if value is not None:
                        links[k][value].append(column)
            lp.constrain([c for c, _ in choices], [1.0] * len(choices), 1.0, 1.0)
            for by_value, link in zip(groups.values(), links, strict=True):
                for value, rows in by_value.items():
                    cols = [x[r] for r in rows] + link[value]
                    lp.constrain(cols, [1.0] * len(rows) + [-1.0] * len(link[value]), 0.0, 0.0)
            cols = [reached] + [c for c, _ in choices]
            lp.constrain(cols, [1.0] + [-f for _, f in choices], -math.inf, 0.0)
    if teams:
        formulation = relaxation.formulation
        hours, most = formulation.team_room()
        for team_id, rows in formulation.by_team.items():
            loads = [formulation.hours[r] for r in rows]
            packings = _packings(loads, hours[team_id], most[team_id])
            if packings is None:
                continue
            columns = [lp.var(0.0, 1.0) for _ in packings]
            lp.constrain(columns, [1.0] * len(columns), 1.0, 1.0)
            members: dict[int, list[int]] = defaultdict(list)
            for column, packing in zip(columns, packings, strict=True):
                for k in packing:
                    members[k].append(column)
            for k, r in enumerate(rows):
                cols = [x[r], *members[k]]
                lp.constrain(cols, [1.0] + [-1.0] * len(members[k]), 0.0, 0.0)
    response = glop(lp.freeze().request(), None)
    return float(response.objective_value)


def _packings(hours: list[int], limit: int, most: int | None) -> list[list[int]] | None:
    """Every set of items within ``limit`` and ``most`` (``None``: over ``_MAX_COLUMNS``)."""
    most = len(hours) if most is None else most
    found: list[list[int]] = []
    chosen: list[int] = []

    def grow(i: int, used: int) -> bool:
        if i == len(hours):
            found.append(list(chosen))
            return len(found) <= _MAX_COLUMNS
        if len(chosen) < most and used + hours[i] <= limit and not grow_with(i, used):
            return False
        return grow(i + 1, used)

    def grow_with(i: int, used: int) -> bool:
        chosen.append(i)
        more = grow(i + 1, used + hours[i])
        chosen.pop()
        return more

    return found if grow(0, 0) else None


def proof(problem: Problem, pairs: tuple[Pair, ...], cuts: bool) -> str:
    """CP-SAT's proof as the small quarter runs it (no hint), with or without the cuts.

    With them, as the solve adds them (:data:`PROOF_ROUNDS` rounds) and without CP-SAT's
    own cuts (:data:`CUT_LEVEL`); without them, with CP-SAT's own.
    """
    planning = PlanningModel(problem, pairs)
    solver = cp_solver()
    note = ""
    if cuts:
        started = time.perf_counter()
        found = separate(planning, PROOF_ROUNDS)
        add_cuts(planning, found)
        note = f", {len(found)} cuts in {time.perf_counter() - started:.2f} s"
        solver.parameters.cut_level = CUT_LEVEL
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2
    solver.parameters.max_time_in_seconds = 30
    started = time.perf_counter()
    code = solver.solve(planning.model)
    seconds = time.perf_counter() - started
    units = solver.response_proto.deterministic_time
    return f"{solver.status_name(code).lower()} {seconds:.2f} s, {units:.3f} u{note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="0-14", help="e.g. 0-14 or 1,2,4")
    parser.add_argument("--cuts", action="store_true", help="also CP-SAT's proof with the cuts")
    args = parser.parse_args(argv)
    seeds: list[int] = []
    for part in args.seeds.split(","):
        low, _, high = part.partition("-")
        seeds += range(int(low), int(high or low) + 1)
    one, five, fifteen = os.getloadavg()
    print(f"load before: {one:.2f} / {five:.2f} / {fifteen:.2f}", file=sys.stderr)
    head = "| seed | pairs | optimum | HiGHS s (nodes) | LP % | goal hull % | team hull % "
    head += "| both % |"
    rule = "|---|---|---|---|---|---|---|---|"
    if args.cuts:
        head += " CP-SAT | CP-SAT with cuts |"
        rule += "---|---|"
    print(head)
    print(rule)
    for seed in seeds:
        problem = generate_problem(10, 50, seed=seed)
        pairs = eligible_pairs(problem)
        started = time.perf_counter()
        mip = solve_mip(problem, time_limit_s=60, pairs=pairs, exact=True)
        highs_s = time.perf_counter() - started
        optimum = plan_objective(problem, mip.chosen)
        assert optimum is not None and mip.status == "TERMINATION_REASON_OPTIMAL"
        lp = lp_bound(problem, pairs=pairs).bound
        assert lp is not None

        def pct(bound: float, optimum: float = optimum) -> str:
            return f"{100 * (bound - optimum) / optimum:.2f}"

        cells = [
            str(seed),
            str(len(pairs)),
            f"{optimum:,.2f}",
            f"{highs_s:.2f} ({mip.nodes})",
            pct(lp),
            pct(hull_bound(problem, pairs, True, False)),
            pct(hull_bound(problem, pairs, False, True)),
            pct(hull_bound(problem, pairs, True, True)),
        ]
        if args.cuts:
            cells += [proof(problem, pairs, False), proof(problem, pairs, True)]
        print("| " + " | ".join(cells) + " |", flush=True)
    one, five, fifteen = os.getloadavg()
    print(f"load after: {one:.2f} / {five:.2f} / {fifteen:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
