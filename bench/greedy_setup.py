"""The greedy's set-up at size: its seconds against the eligible pairs', and the same plans.

The warm start's greedy (:class:`planner.optimizer.greedy.Greedy`) sets up its room before
it places the first forced project: the packing rows (rules 5 and 6), the weekly room, the
fit points, each pair's value. Under a short limit on a busy machine that set-up cannot
stop, so it is timed here against finding the eligible pairs (the machine's pace now, which
the warm start reads too), in a fresh child process per code tree and quarter, the trees
taken in turn. Two set-ups are timed: without rules (``Formulation.packing_only``, as under
a short limit where no LP runs) and with the LP's rules handed over (``Formulation.of``).

Each child also rounds the greedy's own plan (no search, no clock: the same plan every
run) with both set-ups, and digests the plan (its pairs in order and start weeks) and the
set-up's state (hours, values, fit points, room, weekly room); the parent asserts that
every tree gives the same digests for a quarter.

Usage::

    python bench/greedy_setup.py FOLDER [FOLDER ...] --trees before=TREE,after=TREE --runs 3

``FOLDER``: ``planner generate FOLDER --teams 150 --projects 1500 [--weeks] --seed N``;
``TREE``: a copy of the repository (``git archive``), default this one.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def _state(greedy: Any) -> list[Any]:
    """What a greedy's set-up made, in lists and sorted items (for a digest)."""
    weeks = greedy.weeks
    return [
        greedy.hour_scale,
        greedy.hours,
        greedy.value,
        greedy.fit,
        greedy.kept,
        greedy.team_of,
        [p.project_id for p in greedy.project_of],
        list(greedy.by_project.items()),
        sorted(greedy.free.items()),
        sorted(greedy.slots.items()),
        sorted(greedy.capacity.items()),
        None if weeks is None else [weeks.unit, weeks.per_week, weeks.duration, weeks.free],
    ]


def _child(folder: str, repeat: int) -> dict[str, Any]:
    """Time the set-ups ``repeat`` times each after the pairs; round both plans once."""
    try:
        from planner.core.loading import load_with_warnings as load
    except ImportError:  # a tree from before it had that name
        from planner.core.loading import load_problem as load  # type: ignore[no-redef]
    from planner.optimizer.eligibility import eligible_pairs
    from planner.optimizer.formulation import Formulation
    from planner.optimizer.greedy import Greedy, greedy_plan

    problem = load(Path(folder)).problem
    out: dict[str, Any] = defaultdict(list)
    pairs: Any = None
    rules: Any = None
    made: dict[str, Any] = {}
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        pairs = eligible_pairs(problem)
        out["pairs"].append((time.perf_counter() - wall, time.process_time() - cpu))
        rules = Formulation.of(problem, pairs, weeks=False)
        for name, given in (("set-up", None), ("set-up, rules given", rules)):
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            made[name] = Greedy(problem, pairs, None, given)
            out[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    out["state"] = _digest([_state(greedy) for greedy in made.values()])
    for name, given in (("plan", None), ("plan, rules given", rules)):
        plan, starts = greedy_plan(problem, pairs, formulation=given)
        out[name] = _digest([[[p.project_id, p.team_id] for p in plan], sorted(starts.items())])
        out[name + " size"] = len(plan)
    out["pairs count"] = len(pairs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--trees", default="", help="LABEL=TREE,... (default: this one)")
    parser.add_argument("--runs", type=int, default=3, help="children per tree and quarter")
    parser.add_argument("--repeat", type=int, default=3, help="set-ups timed per child")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], int(args.child[1]))))
        return
    trees = [tuple(t.split("=", 1)) for t in args.trees.split(",") if t] or [("", str(ROOT))]
    print(f"load before: {os.getloadavg()}", flush=True)
    rows: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    digests: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for run in range(args.runs):
        for folder in args.folders:
            order = trees if run % 2 == 0 else trees[::-1]  # each tree first in turn
            for label, tree in order:
                env = dict(os.environ, PYTHONPATH=tree)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", folder, str(args.repeat)],
                    capture_output=True,
                    text=True,
                    check=False,
                    cwd=tree,
                    env=env,
                )
                if done.returncode:
                    sys.exit(f"{label} {folder}: {done.stderr}")
                row = json.loads(done.stdout.splitlines()[-1])
                rows[label, folder].append(row)
                digests[folder].add((row["state"], row["plan"], row["plan, rules given"]))
                print(
                    f"{label} {Path(folder).name}: pairs {row['pairs count']:,}, plans of "
                    f"{row['plan size']:,} / {row['plan, rules given size']:,} pairs; "
                    + "; ".join(
                        f"{name} "
                        + ", ".join(f"{wall:.3f} s ({cpu:.3f} CPU)" for wall, cpu in row[name])
                        for name in ("pairs", "set-up", "set-up, rules given")
                    )
                    + f"; load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    for folder, seen in digests.items():
        assert len(seen) == 1, f"{folder}: the trees' set-ups or plans differ: {seen}"
    print(f"same set-up state and plans in every tree: {len(digests)} quarters")
    print(
        "| quarter | code | pairs, CPU s mean | set-up / pairs, CPU: mean, worst | "
        "rules given / pairs: mean, worst |"
    )
    print("|---|---|---|---|---|")
    for (label, folder), found in rows.items():
        pairs = [cpu for row in found for _, cpu in row["pairs"]]
        ratios = {
            name: [
                cpu / p_cpu
                for row in found
                for (_, cpu), (_, p_cpu) in zip(row[name], row["pairs"], strict=True)
            ]
            for name in ("set-up", "set-up, rules given")
        }
        cells = " | ".join(f"{statistics.mean(r):.2f}, {max(r):.2f}" for r in ratios.values())
        print(f"| {Path(folder).name} | {label} | {statistics.mean(pairs):.3f} | {cells} |")
    print(f"load after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
