"""What "the same answer twice" costs: the shipped solve beside an open-ended one.

For each instance, in one child process: ``solve()`` as shipped (one CP-SAT
worker, a deterministic work budget, the neighbourhood search), twice, to
check that both runs give the same owners; then the same ``solve()`` with
the budget lifted and CP-SAT on every core without ``interleave_search``
(its own portfolio and neighbourhoods, ending on the clock: not repeatable).
Gaps as in ``bench/run.py``: quarters to the LP bound, GAP instances in cost
to the best plan in ``bench/gap_best.json``.

Usage::

    python bench/determinism.py --sizes M,E20x200 --seeds 0-2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import SIZES, make_instance, parse_seeds  # noqa: E402


def child(spec: dict[str, Any]) -> dict[str, Any]:
    from ortools.sat.python import cp_model

    import planner.solving.search as search_module
    import planner.solving.solver as solver_module
    from planner.core.loading import load_with_warnings

    if spec.get("gap"):
        from planner.core.gap_literature import gap_instance, gap_to_problem

        instance = gap_instance(spec["gap"], spec["teams"], spec["projects"], spec["seed"])
        problem = gap_to_problem(instance)
        total = instance.num_jobs * instance.offset
    else:
        problem = load_with_warnings(spec["folder"]).problem
        total = None
    limit = spec["time_limit_s"]
    out: dict[str, Any] = {"offset_total": total}
    for run in ("first", "second"):
        started = time.perf_counter()
        result = solve_once(solver_module, problem, limit)
        out[run] = result.objective
        out[f"{run}_s"] = time.perf_counter() - started
        out[f"{run}_owners"] = sorted((a.project_id, a.team_id) for a in result.plan.assignments)
        out["bound"] = result.bound
    # Open-ended: no work budget, every core, CP-SAT's own (non-deterministic) portfolio.
    original = cp_model.CpSolver.solve

    def free(self: Any, model: Any, callback: Any = None) -> Any:
        self.parameters.interleave_search = False
        self.parameters.num_workers = os.cpu_count() or 2
        return original(self, model, callback)

    search_module.DETERMINISTIC_PER_S = 1e6
    cp_model.CpSolver.solve = free  # type: ignore[method-assign]
    started = time.perf_counter()
    result = solve_once(solver_module, problem, limit)
    out["open"] = result.objective
    out["open_s"] = time.perf_counter() - started
    return out


def solve_once(solver_module: Any, problem: Any, limit: float) -> Any:
    return solver_module.solve(problem, time_limit_s=limit)


def gap(run: dict[str, Any], objective: float, known: float) -> float:
    """The gap in %: to the LP bound for a quarter, in cost to the best plan for a GAP."""
    if run["offset_total"] is None:
        return 100 * (run["bound"] - objective) / run["bound"]
    total = run["offset_total"]
    cost = total - max(known, run["first"], run["open"])
    return 100 * ((total - objective) - cost) / cost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="M,D20x100,E20x200")
    parser.add_argument("--seeds", default="0-2")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    best = json.loads((HERE / "gap_best.json").read_text())
    print(f"load before: {os.getloadavg()}", file=sys.stderr)
    print("| instance | same owners twice | shipped gap % | open-ended gap % | shipped s |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="planner-det-") as tmp:
        for name in args.sizes.split(","):
            size = SIZES[name]
            for seed in parse_seeds(args.seeds):
                spec = make_instance(size, seed, Path(tmp))
                done = subprocess.run(
                    [sys.executable, __file__, "--child", json.dumps(spec)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                run = json.loads(done.stdout.strip().splitlines()[-1])
                known = best.get(f"{name}s{seed}", -1e18)
                same = run["first_owners"] == run["second_owners"]
                print(
                    f"| {name} seed {seed} | {'yes' if same else 'NO'} "
                    f"| {gap(run, run['first'], known):.3f} | {gap(run, run['open'], known):.3f} "
                    f"| {run['first_s']:.2f} |",
                    flush=True,
                )
    print(f"load after: {os.getloadavg()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
