"""Whether the LP with weeks arrives in a real solve (issue 15), several codes alternated.

Each solve runs in a child process on a generated M quarter in weeks (40 x 500,
``planner generate --weeks``, the quarters of bench/weeks.py), with the given
limit (10 s: M; 30 s: M30), its plan checked (rules 1-12). Besides the plan's
objective and the solve's seconds it prints the caller's CPU seconds (its own
threads: the worker's are not counted) and the warm start's debug lines on
the LP with weeks beside it: whether its answer was in, and when; when it
was, its start's plan against the greedy's own. ``--code`` names checkouts
of the repository (e.g. a ``git archive`` of main and a branch), solved one
after the other for each seed, in the order given, then reversed at the next
round; the summary gives each one's mean and per-seed objectives.

Usage::

    python bench/week_lp_arrival.py --limit 10 --seeds 0-4 --rounds 2 \
        --code main=<main checkout> --code branch=.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from week_quarters import WarmStartLines, add_seeds, quarter_folders, seed_list

HERE = Path(__file__).resolve()


def child(folder: str, limit: float) -> dict[str, Any]:
    """One solve in this process, with the warm start's debug lines kept."""
    kept = WarmStartLines()
    from planner.checker import check_plan
    from planner.core.loading import load_with_warnings
    from planner.solving.solver import solve

    problem = load_with_warnings(folder).problem
    kept.restart()
    cpu = time.process_time()
    result = solve(problem, time_limit_s=limit)
    cpu = time.process_time() - cpu
    checked = result.plan is not None and check_plan(problem, result.plan) == []
    return {
        "objective": result.objective,
        "bound": result.bound,
        "solve_s": result.runtime_s,
        "cpu_s": cpu,
        "checked": checked,
        "log": kept.lines,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=float, default=10.0)
    add_seeds(parser)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--code", action="append", help="NAME=DIR, a checkout (default: this)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], float(args.child[1]))))
        return
    seeds = seed_list(args.seeds)
    codes = [c.split("=", 1) for c in (args.code or [f"this={HERE.parents[1]}"])]
    runs: dict[str, dict[int, list[dict[str, Any]]]] = {name: {} for name, _ in codes}
    with quarter_folders(seeds) as folders:
        for turn in range(args.rounds):
            for seed in seeds:
                for name, root in codes if turn % 2 == 0 else codes[::-1]:
                    directory = str(Path(root).resolve())
                    env = dict(os.environ, PYTHONPATH=directory)
                    command = [sys.executable, str(HERE), "--child", str(folders[seed])]
                    out = subprocess.run(
                        [*command, str(args.limit)],
                        capture_output=True,
                        text=True,
                        env=env,
                        cwd=directory,
                        check=True,
                    )
                    run = json.loads(out.stdout.strip().splitlines()[-1])
                    run["load"] = f"{os.getloadavg()[0]:.2f}"
                    runs[name].setdefault(seed, []).append(run)
                    lp = "; ".join(f"{m} ({t} s)" for t, m in run["log"])
                    print(
                        f"{name} seed {seed}: {run['objective']:.2f}, {run['solve_s']:.2f} s, "
                        f"CPU {run['cpu_s']:.2f} s, load {run['load']}, "
                        f"checked {run['checked']}; {lp}",
                        flush=True,
                    )
    for name, by_seed in runs.items():
        means = [statistics.mean(r["objective"] for r in by_seed[s]) for s in seeds]
        seconds = [r["solve_s"] for s in seeds for r in by_seed[s]]
        arrived = sum(
            any("in at" in m and "not in" not in m for _, m in r["log"])
            for s in seeds
            for r in by_seed[s]
        )
        print(
            f"{name}: mean {statistics.mean(means):.2f} ("
            + " / ".join(f"{m:.2f}" for m in means)
            + f"), solve s mean {statistics.mean(seconds):.2f}, worst {max(seconds):.2f}, "
            f"LP in {arrived} of {len(seconds)}"
        )


if __name__ == "__main__":
    main()
