"""What-ifs against the current plan: how much a capacity cut moves, and what it costs.

On generated M quarters (40 teams x 500 projects, several seeds), the
current plan is the quarter solved once. Each cut (marketing capacity
-5 % and -20 %) is then solved two ways:

* ``free``: from scratch, as a new problem (what the app did before what-ifs
  were relative to the current plan), in the app's share of the limit
  (``FREE_SHARE``);
* ``relative``: against the current plan (``planner.scenarios.relative``):
  first as good as the free re-solve within the tolerance, then with as few
  changes as possible, in the rest of the limit.

Per cut and seed it reports the changes against the current plan (moved +
dropped, i.e. what rule 9 counts), the projects added, and the weighted
goal attainment of each way. It also solves the unchanged quarter a second
time and counts the projects whose owners differ from the first solve (the
same answer twice).

``--teams``/``--projects`` set the size and ``--cuts`` the what-ifs: ``target:factor``
items, the target a department, a team id or ``team`` (the sales team the current plan
loads most). ``rel_vs_free`` is the relative plan's objective against the free
re-solve's, in percent (the tolerance allows down to -0.5).

Usage::

    python bench/whatif.py                         # seeds 1-3, 5 s per solve
    python bench/whatif.py --seeds 1,2,3,4 --time-limit 10 --free-only
    python bench/whatif.py --teams 150 --projects 3000 --seeds 0,1,2 --time-limit 30 \
        --cuts sales:0.95,sales:0.9,team:0.95      # the L what-ifs of bench/results.md
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
from planner.scenarios.relative import FREE_SHARE, solve_relative
from planner.scenarios.scenario import headline_metrics
from planner.scenarios.whatif import with_capacity
from planner.solving.solver import solve

CUTS = "marketing:0.95,marketing:0.80"


def owners_diff(before: Plan, after: Plan) -> dict[str, int]:
    """Moved, dropped and added projects from ``before`` to ``after``."""
    a, b = before.owners(), after.owners()
    moved = sum(1 for p, t in a.items() if p in b and b[p] != t)
    dropped = sum(1 for p in a if p not in b)
    added = sum(1 for p in b if p not in a)
    return {"moved": moved, "dropped": dropped, "added": added, "changes": moved + dropped}


def limited(problem: Problem, time_limit_s: float) -> Problem:
    s = problem.settings
    return problem.replace(
        settings=s.with_changes(solve=replace(s.solve, time_limit_s=time_limit_s))
    )


def most_loaded_sales_team(problem: Problem, plan: Plan) -> str:
    hours: dict[str, float] = {}
    for a in plan.assignments:
        hours[a.team_id] = hours.get(a.team_id, 0.0) + float(a.effort_hours)
    sales = [t for t in problem.teams if t.department == "sales"]
    return max(
        sales, key=lambda t: hours.get(t.team_id, 0.0) / max(float(t.capacity_hours), 1)
    ).team_id


def run_seed(
    seed: int,
    time_limit_s: float,
    free_only: bool,
    tolerance: float,
    size: tuple[int, int] = (40, 500),
    cuts: str = CUTS,
) -> list[dict[str, Any]]:
    problem = limited(generate_problem(*size, seed=seed), time_limit_s)
    current = solve(problem)
    assert current.plan is not None
    again = solve(problem)
    assert again.plan is not None
    repeat = owners_diff(current.plan, again.plan)
    rows: list[dict[str, Any]] = []
    for item in cuts.split(","):
        target, factor_text = item.split(":")
        factor = float(factor_text)
        if target == "team":
            target = most_loaded_sales_team(problem, current.plan)
        cut = with_capacity(problem, target, factor)
        free = solve(cut, time_limit_s=FREE_SHARE * time_limit_s)
        assert free.plan is not None
        row: dict[str, Any] = {
            "seed": seed,
            "cut": f"{target} -{round((1 - factor) * 100)} %",
            "what": item,
            "repeat_changes": repeat["changes"] + repeat["added"],
            "base_attainment": headline_metrics(problem, current).attainment_pct,
            "free_objective": free.objective,
            "free_attainment": headline_metrics(cut, free).attainment_pct,
            **{f"free_{k}": v for k, v in owners_diff(current.plan, free.plan).items()},
        }
        if not free_only:
            started = time.perf_counter()
            near_s = (1 - FREE_SHARE) * time_limit_s  # the split of the app's what-if
            rel = solve_relative(
                cut, current.plan, tolerance=tolerance, free=free, time_limit_s=near_s
            )
            row["rel_s"] = time.perf_counter() - started
            assert rel.result.plan is not None
            row["rel_objective"] = rel.result.objective
            row["rel_attainment"] = headline_metrics(cut, rel.result).attainment_pct
            assert rel.result.objective is not None and free.objective is not None
            row["rel_vs_free"] = 100 * (rel.result.objective - free.objective) / abs(free.objective)
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
        keys += ["rel_vs_free", "rel_s"]
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(row.get(k)) for k in keys) + " |")
    for cut in dict.fromkeys(r["what"] for r in rows):  # "team:0.95" for every seed's team
        of = [r for r in rows if r["what"] == cut]
        for name, pick in (("mean", statistics.mean), ("worst", max)):
            stat = {k: pick(r[k] for r in of) for k in keys[2:] if of[0].get(k) is not None}
            if name == "worst":  # the lowest scores, the most changes and seconds
                for k in ("base_attainment", "free_attainment", "rel_attainment", "rel_vs_free"):
                    if k in stat:
                        stat[k] = min(r[k] for r in of)
            lines.append(
                f"| {name} | {cut} | " + " | ".join(_fmt(stat.get(k)) for k in keys[2:]) + " |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--tolerance", type=float, default=0.005)
    parser.add_argument("--free-only", action="store_true", help="today's behaviour only")
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--cuts", default=CUTS, help="target:factor items, comma separated")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()}", flush=True)
    rows: list[dict[str, Any]] = []
    for seed in (int(s) for s in args.seeds.split(",")):
        rows += run_seed(
            seed,
            args.time_limit,
            args.free_only,
            args.tolerance,
            (args.teams, args.projects),
            args.cuts,
        )
    print(table(rows, args.free_only))
    print(f"load: {os.getloadavg()}")


if __name__ == "__main__":
    main()
