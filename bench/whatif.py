"""What-ifs against the plan in force: how much a capacity cut moves, and what it costs.

On generated M quarters (40 teams x 500 projects, several seeds), the
current plan is the quarter solved once. Each cut (marketing capacity
-5 % and -20 %) is then solved two ways:

* ``free``: from scratch, as a new problem (what the app did before what-ifs
  were relative to the plan in force);
* ``relative``: against the current plan (``planner.scenarios.relative``):
  first as good as the free re-solve within the tolerance, then with as few
  changes as possible.

Per cut and seed it reports the changes against the current plan (moved +
dropped, i.e. what rule 9 counts), the projects added, and the weighted
goal attainment of each way. It also solves the unchanged quarter a second
time and counts the projects whose owners differ from the first solve (the
same answer twice).

Usage::

    python bench/whatif.py                         # seeds 1-3, 5 s per solve
    python bench/whatif.py --seeds 1,2,3,4 --time-limit 10 --free-only
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.core.domain import Plan, Problem
from planner.core.generate import generate_problem
from planner.scenarios.metrics import headline_metrics
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve

CUTS = (0.95, 0.80)


def owners_diff(before: Plan, after: Plan) -> dict[str, int]:
    """Moved, dropped and added projects from ``before`` to ``after``."""
    a, b = before.owners(), after.owners()
    moved = sum(1 for p, t in a.items() if p in b and b[p] != t)
    dropped = sum(1 for p in a if p not in b)
    added = sum(1 for p in b if p not in a)
    return {"moved": moved, "dropped": dropped, "added": added, "changes": moved + dropped}


def _limited(problem: Problem, time_limit_s: float) -> Problem:
    s = problem.settings
    return problem.replace(
        settings=s.with_changes(solve=replace(s.solve, time_limit_s=time_limit_s))
    )


def run_seed(
    seed: int, time_limit_s: float, free_only: bool, tolerance: float
) -> list[dict[str, Any]]:
    problem = _limited(generate_problem(40, 500, seed=seed), time_limit_s)
    current = solve(problem)
    assert current.plan is not None
    again = solve(problem)
    assert again.plan is not None
    repeat = owners_diff(current.plan, again.plan)
    rows: list[dict[str, Any]] = []
    for factor in CUTS:
        cut = with_capacity(problem, "marketing", factor)
        free = solve(cut)
        assert free.plan is not None
        row: dict[str, Any] = {
            "seed": seed,
            "cut": f"-{round((1 - factor) * 100)} %",
            "repeat_changes": repeat["changes"] + repeat["added"],
            "base_attainment": headline_metrics(problem, current).attainment_pct,
            "free_objective": free.objective,
            "free_attainment": headline_metrics(cut, free).attainment_pct,
            **{f"free_{k}": v for k, v in owners_diff(current.plan, free.plan).items()},
        }
        if not free_only:
            from planner.scenarios.relative import solve_relative

            started = time.perf_counter()
            rel = solve_relative(cut, current.plan, tolerance=tolerance, free=free)
            row["rel_s"] = time.perf_counter() - started
            assert rel.result.plan is not None
            row["rel_objective"] = rel.result.objective
            row["rel_attainment"] = headline_metrics(cut, rel.result).attainment_pct
            row.update(
                {f"rel_{k}": v for k, v in owners_diff(current.plan, rel.result.plan).items()}
            )
        rows.append(row)
        print(row, flush=True)
    return rows


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def table(rows: list[dict[str, Any]], free_only: bool) -> str:
    keys = ["seed", "cut", "repeat_changes", "base_attainment", "free_changes", "free_added"]
    keys += ["free_attainment"]
    if not free_only:
        keys += ["rel_changes", "rel_moved", "rel_dropped", "rel_added", "rel_attainment"]
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(row.get(k)) for k in keys) + " |")
    for cut in {r["cut"] for r in rows}:
        of = [r for r in rows if r["cut"] == cut]
        med = {k: statistics.median(r[k] for r in of) for k in keys[2:] if of[0].get(k) is not None}
        lines.append(
            "| median | " + cut + " | " + " | ".join(_fmt(med.get(k)) for k in keys[2:]) + " |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--tolerance", type=float, default=0.005)
    parser.add_argument("--free-only", action="store_true", help="today's behaviour only")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()}", flush=True)
    rows: list[dict[str, Any]] = []
    for seed in (int(s) for s in args.seeds.split(",")):
        rows += run_seed(seed, args.time_limit, args.free_only, args.tolerance)
    print(table(rows, args.free_only))
    print(f"load: {os.getloadavg()}")


if __name__ == "__main__":
    main()
