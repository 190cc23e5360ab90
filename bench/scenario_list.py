"""The saved scenarios' list at company size: ``ScenarioStore.list`` (one query) timed, with
each scenario's goal weights read and the ones weighed apart found (``weighed_apart``).

Saves ``--scenarios`` scenarios of ``DATA`` in a database of its own, every third with one
goal's weight made 5 times larger (a what-if that weighs the goals otherwise), all with one
plan of ``DATA`` (planned once, ``--time-limit`` seconds). Then lists them ``--runs``
times and prints the median and the slowest list in milliseconds, how many scenarios are
weighed apart, and the machine's load. ``--code TREE`` times another tree's store (a
checkout of an older commit; it has no ``weighed_apart``, which is then not timed).

Usage::

    python bench/scenario_list.py DATA [--scenarios 20] [--runs 50] [--code TREE]

``DATA``: a folder such as ``planner generate DATA --teams 150 --projects 1500 --seed 0 --weeks``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--code" in sys.argv:  # the tree whose store is timed
    ROOT = Path(sys.argv[sys.argv.index("--code") + 1]).resolve()
sys.path.insert(0, str(ROOT))

from planner.core.loading import load_with_warnings  # noqa: E402
from planner.scenarios import scenario as scenarios  # noqa: E402
from planner.scenarios.storage import ScenarioStore  # noqa: E402
from planner.solving.solver import solve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--scenarios", type=int, default=20)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--code", type=Path, default=None)
    args = parser.parse_args()
    problem = load_with_warnings(args.data).problem
    solve_settings = replace(problem.settings.solve, time_limit_s=args.time_limit)
    problem = problem.replace(settings=problem.settings.with_changes(solve=solve_settings))
    result = solve(problem)
    first = problem.goals[0]
    heavier = problem.replace(
        goals=(replace(first, weight=first.weight * Decimal(5)), *problem.goals[1:])
    )
    apart = getattr(scenarios, "weighed_apart", None)
    with (
        tempfile.TemporaryDirectory() as folder,
        ScenarioStore.open(Path(folder) / "planner.duckdb") as store,
    ):
        for i in range(args.scenarios):
            inputs = heavier if i % 3 == 2 else problem
            store.save(scenarios.new_scenario(inputs, result, f"what-if {i}"))
        seconds = []
        found = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            listed = store.list()
            if apart is not None:
                found = len(apart(listed))
            seconds.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "teams": len(problem.teams),
                "scenarios": args.scenarios,
                "median_ms": round(statistics.median(seconds) * 1000, 1),
                "max_ms": round(max(seconds) * 1000, 1),
                "weighed_apart": found,
                "load": "/".join(f"{x:.2f}" for x in os.getloadavg()),
            }
        )
    )


if __name__ == "__main__":
    main()
