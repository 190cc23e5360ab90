"""The goals' odds (``goal_odds``) drawn together against drawn project by project, in one run.

Each folder is solved once (``--time-limit`` s); then, ``--repeat`` times, the goals' odds
of its plan are taken two ways, their order swapped each time, both cold (no project's
draws kept from before):

* ``before``: each project's draws made on their own, the quantile taken draw by draw
  (``np.where`` over the draws) and the rows stacked, as ``planner.core.uncertainty`` did it
  before the draws were made together: written out below, its cache of 512 projects
  emptied before each call;
* ``after``: :func:`planner.core.uncertainty.goal_odds` as it is.

Both must give the same odds to the last bit (every goal's probability, P10, P50, P90)
before any time is kept. Then the plan's ``plan.xlsx`` (``plan_workbook``) is made once,
cold, to show the odds' share of it. A solve that finds no plan in time (a busy machine)
gives way to the greedy plan (its odds timed, no workbook). CPU seconds
(``time.process_time``: a shared machine's load moves them less than the wall) and the
wall are printed, with the load.

Usage::

    python bench/odds_speed.py FOLDER [FOLDER ...] [--repeat 3] [--time-limit 20]

``FOLDER``: ``planner generate FOLDER --teams 100 --projects 5000 --weeks --ranges --seed N``.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from confidence import greedy_plan  # noqa: E402

from planner.core import uncertainty  # noqa: E402
from planner.core.loading import load_with_warnings  # noqa: E402
from planner.interfaces.exports import plan_workbook  # noqa: E402
from planner.solving.solver import solve  # noqa: E402

# -- before: the draws project by project ------------------------------------------------


def _quantile_before(u: np.ndarray, low: float, mode: float, high: float) -> np.ndarray:
    width = high - low
    split = (mode - low) / width
    below = u < split
    root = np.sqrt(np.where(below, u * (mode - low), (1 - u) * (high - mode)) * width)
    return np.where(below, low + root, high - root)


@lru_cache(maxsize=512)
def _standard_before(project_id: str, peak: float, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng([seed, n, zlib.crc32(project_id.encode("utf-8"))])
    u = (rng.permutation(n) + rng.random(n)) / n
    z = _quantile_before(u, 0.0, peak, 1.0).astype(np.float32)
    z.flags.writeable = False
    return z


def _sampled_before(
    bets: Iterable[uncertainty.Bet], *, draws: int, seed: int, drawn: object = None
) -> np.ndarray:
    bets = list(bets)
    z = np.stack([_standard_before(b.project_id, _peak(b), draws, seed) for b in bets])
    widths = np.array([b.high - b.low for b in bets], dtype=np.float32)
    return sum(b.low for b in bets) + (widths @ z).astype(np.float64)


def _peak(bet: uncertainty.Bet) -> float:
    low, high = float(bet.project.low), float(bet.project.high)
    return (float(bet.project.value) - low) / (high - low)


AFTER = uncertainty.sampled_outcomes


def _odds(how: str, problem, plan) -> dict[str, uncertainty.GoalOdds]:  # type: ignore[no-untyped-def]
    uncertainty.forget_draws()
    _standard_before.cache_clear()
    uncertainty.sampled_outcomes = _sampled_before if how == "before" else AFTER  # type: ignore[assignment]
    try:
        return uncertainty.goal_odds(problem, plan)
    finally:
        uncertainty.sampled_outcomes = AFTER


def _timed(call: Callable[[], object]) -> tuple[object, float, float]:
    began, clock = time.process_time(), time.perf_counter()
    made = call()
    return made, time.process_time() - began, time.perf_counter() - clock


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=3, help="calls of each way per folder")
    parser.add_argument("--time-limit", type=float, default=20.0)
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()}", flush=True)
    cpu: dict[tuple[str, str], list[float]] = defaultdict(list)
    wall: dict[tuple[str, str], list[float]] = defaultdict(list)
    for folder in args.folders:
        problem = load_with_warnings(Path(folder)).problem
        result = solve(problem, time_limit_s=args.time_limit)
        plan = result.plan
        if plan is None:  # a busy machine's solve may find none in time: the greedy plan's odds
            print(f"{folder}: no plan within {args.time_limit} s; the greedy plan's", flush=True)
            plan = greedy_plan(problem)
        got: dict[str, dict[str, uncertainty.GoalOdds]] = {}
        for turn in range(args.repeat):
            for how in ("before", "after") if turn % 2 == 0 else ("after", "before"):
                odds, c, w = _timed(functools.partial(_odds, how, problem, plan))
                got[how] = odds  # type: ignore[assignment]
                cpu[how, folder].append(c)
                wall[how, folder].append(w)
        assert got["before"] == got["after"], f"{folder}: the odds differ"
        if result.plan is not None:
            uncertainty.forget_draws()
            _, c, w = _timed(functools.partial(plan_workbook, problem, result))
            cpu["plan.xlsx", folder].append(c)
            wall["plan.xlsx", folder].append(w)
        bets = sum(len(o.drivers) for o in got["after"].values())
        print(
            f"{folder}: {len(plan.assignments):,} plan rows, {bets:,} uncertain projects, "
            f"the same odds; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    print("| folder | what | calls | CPU s mean | worst | wall s mean | worst |")
    print("|---|---|---|---|---|---|---|")
    for (how, folder), seconds in cpu.items():
        walls = wall[how, folder]
        print(
            f"| {Path(folder).name} | {how} | {len(seconds)} | {statistics.mean(seconds):.2f} "
            f"| {max(seconds):.2f} | {statistics.mean(walls):.2f} | {max(walls):.2f} |"
        )
    for folder in args.folders:
        if ("before", folder) in cpu:
            ratio = statistics.mean(cpu["before", folder]) / statistics.mean(cpu["after", folder])
            print(f"{Path(folder).name}: before / after CPU, mean: {ratio:.2f}")
    print(f"load after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
