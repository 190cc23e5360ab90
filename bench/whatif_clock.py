"""Where a what-if's seconds go, and whether it keeps its time limit, at size.

The Constraints page's capacity slider re-plans against the current plan
(:func:`~planner.scenarios.relative.solve_relative`): the free re-solve, then the fewest
changes. Here, on a folder of data (``planner generate --teams 150 --projects 1500 --weeks
--ranges --seed 0``), the current plan is solved once, then each step of the slider
(a department's capacity at 95, 90, 85 % ...) is re-planned against it as the page does,
and each step of the what-if is timed: the free re-solve (stage 1), the fewest changes
(stage 2), the check of the current plan, the changes counted, the whole call from the
click, the solve's own seconds (``runtime_s``, what the status says) and the rows the page
draws of the changes (:func:`~planner.scenarios.relative.change_rows`). Mean and worst
of the whole call against the limit, and the load before and after.

With ``--peer``, each step is also re-solved plainly in the same run (:func:`solve` of the
changed inputs at the same limit, no second stage), before the what-if in even runs and
after it in odd ones, and timed from its call: the peer on the same cores at the same load.

Usage::

    python bench/whatif_clock.py DATA_FOLDER --department sales --steps 0.95,0.9,0.85 --runs 2
    python bench/whatif_clock.py DATA_FOLDER --peer --label "seed 1: "
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import planner.scenarios.relative as relative
from planner.checker import check_plan
from planner.core.loading import load_with_warnings
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve

#: Seconds each timed step took in the current what-if.
TAKEN: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, its seconds added to :data:`TAKEN` under ``name``."""

    def run(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TAKEN[name] += time.perf_counter() - began

    return run


def no_plan(result: Any, wall: float) -> str:
    """A step without a plan, said with its status and first reason."""
    reason = result.reasons[0] if result.reasons else "no reason given"
    return f"no plan ({result.status}) in {wall:.2f} s from the call: {reason}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--department", default="sales")
    parser.add_argument("--steps", default="0.95,0.9,0.85")
    parser.add_argument("--runs", type=int, default=1, help="times over the steps")
    parser.add_argument("--label", default="", help="printed at the start of each line")
    parser.add_argument(
        "--peer", action="store_true", help="also a plain re-solve of each step, same limit"
    )
    args = parser.parse_args()
    problem = load_with_warnings(args.folder).problem
    limit = problem.settings.solve.time_limit_s
    print(f"{args.label}load before: {os.getloadavg()}; limit {limit:g} s", flush=True)
    current = solve(problem)
    assert current.plan is not None
    print(f"{args.label}current plan: {current.runtime_s:.2f} s", flush=True)
    for name in ("solve", "solve_near", "_kept_as_it_is", "plan_moves"):
        setattr(relative, name, timed(name, getattr(relative, name)))
    walls: list[float] = []
    peers: list[float] = []

    def peer(run: int, factor: float, changed: Any) -> None:
        began = time.perf_counter()
        plain = solve(changed)
        wall = time.perf_counter() - began
        said = f"{args.label}run {run} {args.department} x{factor:g} peer (plain re-solve): "
        if plain.plan is None:  # as the what-if's own step, below
            print(f"{said}{no_plan(plain, wall)}", flush=True)
            return
        assert check_plan(changed, plain.plan) == []
        peers.append(wall)
        print(
            f"{said}{wall:.2f} s from the call (over the limit by {wall - limit:+.2f}), "
            f"runtime_s {plain.runtime_s:.2f}; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )

    for run in range(args.runs):
        for factor in (float(f) for f in args.steps.split(",")):
            changed = with_capacity(problem, args.department, factor)
            if args.peer and run % 2 == 0:
                peer(run, factor, changed)
            TAKEN.clear()
            began = time.perf_counter()
            rel = relative.solve_relative(changed, current.plan)
            wall = time.perf_counter() - began
            if rel.result.plan is None:
                # A cut no plan survives (a mandatory project's team left without room):
                # said, and not timed with the steps that plan.
                said = f"{args.label}run {run} {args.department} x{factor:g}: "
                print(f"{said}{no_plan(rel.result, wall)}", flush=True)
                if args.peer and run % 2 == 1:
                    peer(run, factor, changed)
                continue
            rows_began = time.perf_counter()
            rows = relative.change_rows(changed, rel)
            rows_s = time.perf_counter() - rows_began
            assert check_plan(changed, rel.result.plan) == []
            walls.append(wall)
            steps = ", ".join(f"{k} {v:.2f}" for k, v in TAKEN.items())
            print(
                f"{args.label}run {run} {args.department} x{factor:g}: {wall:.2f} s from the "
                f"click (over the limit by {wall - limit:+.2f}), runtime_s "
                f"{rel.result.runtime_s:.2f}; {steps}; change rows {rows_s:.2f} "
                f"({len(rows)}); {rel.num_changes} changes; load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            if args.peer and run % 2 == 1:
                peer(run, factor, changed)
    if peers and walls:
        print(
            f"{args.label}peer (plain re-solve): mean {statistics.mean(peers):.2f} s, worst "
            f"{max(peers):.2f} s of {len(peers)}; what-if / peer: mean "
            f"{statistics.mean(walls) / statistics.mean(peers):.3f}, worst "
            f"{max(walls) / max(peers):.3f}",
            flush=True,
        )
    if walls:
        print(
            f"{args.label}whole what-if: mean {statistics.mean(walls):.2f} s, worst "
            f"{max(walls):.2f} s of {len(walls)}; limit {limit:g} s; "
            f"load after {os.getloadavg()}",
            flush=True,
        )


if __name__ == "__main__":
    main()
