"""What deeper moves would add on the 10 x 100 GAP instances: ejection chains of depth 3.

Issue 14's GAP rows ask for at most half of HiGHS's gap; the 10 x 100 sizes miss it
(bench/results.md). The planner's plans there are already local optima for shifts
and swaps (:mod:`planner.optimizer.gap_polish`). This solves each instance with the
planner (``--time-limit`` seconds), then searches the plan for the best of two moves
that shifts and swaps do not reach, until neither gains:

- a double shift: project j1 moves into j2's team, j2 to a third team;
- a 3-cycle: j1 into j2's team, j2 into j3's, j3 into j1's.

Each row: the instance, the planner's plan and the plan after the chains, as gaps to
the best plan the bench knows (bench/gap_best.json), and the moves taken. A chain that
gains nowhere says that deeper neighbourhoods of this kind will not close the gap.

Usage::

    python bench/gap_chains.py --kinds D,E --seeds 0-4 --time-limit 10
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BEST_KNOWN, parse_seeds, small_gap_arguments

from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.solving.solver import solve

_EPS = 1e-9


def _loads(effort: np.ndarray, at: np.ndarray) -> np.ndarray:
    load = np.zeros(effort.shape[0])
    np.add.at(load, at, effort[at, np.arange(len(at))])
    return load


def _best_chain(
    value: np.ndarray, effort: np.ndarray, limit: np.ndarray, at: np.ndarray
) -> tuple[float, tuple[int, int, int]]:
    """The best double shift or 3-cycle: (gain, (j1, j2, third team or -1 - j3))."""
    m, n = value.shape
    cols = np.arange(n)
    load = _loads(effort, at)
    here = value[at, cols]
    a, b = at[:, None], at[None, :]  # the teams of j1 (rows) and j2 (columns)
    # j1 into b with j2 leaving it; the gain before j2 lands anywhere.
    into_b = load[b] - effort[b, cols[None, :]] + effort[b, cols[:, None]] <= limit[b] + _EPS
    gain = value[b, cols[:, None]] - here[:, None] - here[None, :]
    best, move = 0.0, (-1, -1, -1)
    for c in range(m):  # double shifts: j2 into team c, which nobody leaves
        fits = load[c] + effort[c, cols] <= limit[c] + _EPS
        ok = into_b & fits[None, :] & (a != b) & (a != c) & (b != c)
        g = np.where(ok, gain + value[c, cols][None, :], -np.inf)
        if g.max() > best:
            j1, j2 = np.unravel_index(int(np.argmax(g)), g.shape)
            best, move = float(g.max()), (int(j1), int(j2), c)
    for j3 in range(n):  # 3-cycles: j2 into j3's team c, j3 into j1's team
        c = at[j3]
        fits = load[c] - effort[c, j3] + effort[c, cols] <= limit[c] + _EPS
        back = load[at] - effort[at, cols] + effort[at, j3] <= limit[at] + _EPS
        ok = into_b & fits[None, :] & back[:, None] & (a != b) & (b != c) & (a != c)
        closing = value[at, j3][:, None] - here[j3]  # j3 into j1's team
        g = np.where(ok, gain + value[c, cols][None, :] + closing, -np.inf)
        if g.max() > best:
            j1, j2 = np.unravel_index(int(np.argmax(g)), g.shape)
            best, move = float(g.max()), (int(j1), int(j2), -1 - j3)
    return best, move


def chains(value: np.ndarray, effort: np.ndarray, limit: np.ndarray, at: np.ndarray) -> int:
    """Take the best chain until none gains; the number taken."""
    taken = 0
    while True:
        gain, move = _best_chain(value, effort, limit, at)
        if gain <= 1e-7:
            return taken
        j1, j2, third = move
        if third >= 0:
            at[j1], at[j2] = at[j2], third
        else:
            j3 = -1 - third
            at[j1], at[j2], at[j3] = at[j2], at[j3], at[j1]
        assert (_loads(effort, at) <= limit + _EPS).all()
        taken += 1


def _gap(value: np.ndarray, at: np.ndarray, best: float) -> str:
    worth = float(value[at, np.arange(len(at))].sum())
    return f"{100 * (best - worth) / best:.3f} %"


def main() -> None:
    args = small_gap_arguments(__doc__)
    best_known = json.loads(BEST_KNOWN.read_text())
    print("| instance | planner gap | after chains | chains taken | chain search |")
    print("|---|---|---|---|---|")
    for kind in args.kinds.split(","):
        for seed in parse_seeds(args.seeds):
            instance = gap_instance(kind, 10, 100, seed)
            problem = gap_to_problem(instance)
            result = solve(problem, time_limit_s=args.time_limit)
            if result.plan is None:
                continue
            teams = [t.team_id for t in problem.teams]
            owner = {a.project_id: a.team_id for a in result.plan.assignments}
            at = np.array([teams.index(owner[p.project_id]) for p in problem.projects])
            value = np.array([[instance.offset - c for c in row] for row in instance.cost], float)
            effort = np.array(instance.effort, float)
            limit = np.array(instance.capacity, float)
            best = best_known[f"{kind}10x100s{seed}"]
            before = _gap(value, at, best)
            started = time.perf_counter()
            taken = chains(value, effort, limit, at)
            spent = time.perf_counter() - started
            after = _gap(value, at, best)
            print(f"| {kind}10x100 s{seed} | {before} | {after} | {taken} | {spent:.2f} s |")


if __name__ == "__main__":
    main()
