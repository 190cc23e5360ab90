"""Whether a plain solve keeps its time limit at size, and which stage takes the seconds.

SPEC: a solve never runs past its time limit by more than a second. Here each folder
(``planner generate --teams 150 --projects 1500 [--weeks] --seed N``) is solved with
:func:`~planner.solving.solver.solve` at each limit, in a fresh child process per solve
(as ``planner solve`` is), optionally beside busy loops (``--hogs N``: ``N`` processes
spinning at nice 0 for the whole run, the load of other engineers' work). Each solve is
timed from its call to its return (the wall, against the limit: the lateness), and each
stage in it from the same start: the checks before any search, the warm start (the LP,
the greedy, the local search), building the model, the search, the plan's translation,
check and reasons. The plan is checked again by :func:`~planner.checker.check_plan`.

Usage::

    python bench/solve_clock.py FOLDER [FOLDER ...] --limits 5,10,30 --hogs 2 --runs 1
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: The stages timed in a child: (module, attribute, name), each function wrapped.
_STAGES = (
    ("planner.solving.solver", "infeasibility_said", "conflicts"),
    ("planner.solving.solver", "warm_start", "warm start"),
    ("planner.solving.solver", "build_model", "build"),
    ("planner.solving.solver", "search_in_slot", "search"),
    ("planner.solving.solver", "checked_plan", "translate"),
    ("planner.solving.plans", "warm_result", "first plan"),
    ("planner.optimizer.warm_start", "eligible_pairs", "pairs"),
    ("planner.optimizer.warm_start", "_relaxation", "LP"),
    ("planner.optimizer.warm_start", "lp_bound", "LP given"),
    ("planner.optimizer.lp_bound", "glop", "GLOP"),
    ("planner.optimizer.greedy", "Greedy.in_order", "greedy's passes"),
    ("planner.optimizer.greedy", "Greedy.best_first", "greedy's best first"),
    ("planner.optimizer.warm_start", "greedy_plan", "greedy"),
    ("planner.optimizer.warm_start", "checked_objective", "start's check"),
    ("planner.solving.plans", "assignments_of", "assignments"),
    ("planner.solving.plans", "unassigned_explanations", "reasons"),
    ("planner.solving.plans", "check_plan", "check"),
    ("planner.solving.plans", "objective_of", "objective"),
)
#: Steps taken many times in a solve, timed in total (seconds, count): each left-out
#: project's weighed reason and short one.
_TOTALS = (
    ("planner.explain.unassigned", "_Unassigned", "__init__", "reasons' setup"),
    ("planner.explain.unassigned", "_Unassigned", "explain", "weighed"),
    ("planner.explain.unassigned", "_Unassigned", "quick", "short"),
)


def _child(folder: str, limit: float) -> dict[str, Any]:
    """One solve of ``folder`` at ``limit``: its wall, and each stage's start and end."""
    import importlib

    from planner.checker import check_plan
    from planner.core.loading import load_with_warnings
    from planner.solving import solver

    problem = load_with_warnings(Path(folder)).problem
    began = [0.0]
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    #: The seconds a stage was given (its ``time_limit_s``, where it takes one).
    given: dict[str, list[float]] = defaultdict(list)

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter() - began[0]
            seconds = kwargs.get("time_limit_s", args[1] if name == "GLOP" else None)
            if seconds is not None:
                given[name].append(round(seconds, 2))
            try:
                return function(*args, **kwargs)
            finally:
                spans[name].append((start, time.perf_counter() - began[0]))

        return run

    for module_name, attribute, name in _STAGES:
        owner: Any = importlib.import_module(module_name)
        if "." in attribute:  # a method: Class.method
            class_name, attribute = attribute.split(".")
            owner = getattr(owner, class_name)
        setattr(owner, attribute, timed(name, getattr(owner, attribute)))
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0.0])

    def summed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                taken = time.perf_counter() - start
                total = totals[name]
                total[0] += taken
                total[1] += 1
                total[2] = max(total[2], taken)

        return run

    for module_name, class_name, attribute, name in _TOTALS:
        owner = getattr(importlib.import_module(module_name), class_name)
        setattr(owner, attribute, summed(name, getattr(owner, attribute)))
    gc_began = [0.0]

    def gc_timer(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_began[0] = time.perf_counter()
        elif info.get("generation") == 2:
            total = totals["gen-2 GC"]
            taken = time.perf_counter() - gc_began[0]
            total[0] += taken
            total[1] += 1
            total[2] = max(total[2], taken)

    gc.callbacks.append(gc_timer)
    began[0] = time.perf_counter()
    result = solver.solve(problem, time_limit_s=limit)
    wall = time.perf_counter() - began[0]
    if result.plan is not None:
        check_plan(problem, result.plan)
    return {
        "wall": wall,
        "runtime": result.runtime_s,
        "status": result.status.value,
        "objective": result.objective,
        "stages": {name: [(round(a, 2), round(b, 2)) for a, b in s] for name, s in spans.items()},
        "given": given,
        "totals": {name: (round(t, 3), n, round(m, 3)) for name, (t, n, m) in totals.items()},
    }


def _spin() -> None:
    while True:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--limits", default="5,10,30")
    parser.add_argument("--hogs", type=int, default=0, help="busy loops beside the solves")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--trees",
        default="",
        help="LABEL=FOLDER,...: the code to time, each a copy of the repository holding this "
        "script, taken in turn for each solve (default: this one)",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], float(args.child[1]))))
        return
    hogs = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(args.hogs)]
    here = Path(__file__).resolve().parent.parent
    trees = [tuple(t.split("=", 1)) for t in args.trees.split(",") if t] or [("", str(here))]
    late: dict[tuple[str, float], list[float]] = defaultdict(list)
    try:
        print(f"load before: {os.getloadavg()}; hogs {args.hogs}", flush=True)
        for _ in range(args.runs):
            for limit in (float(x) for x in args.limits.split(",")):
                for folder, (label, tree) in (
                    (folder, tree) for folder in args.folders for tree in trees
                ):
                    script = Path(tree) / "bench" / "solve_clock.py"
                    out = subprocess.run(
                        [sys.executable, str(script), "--child", folder, str(limit)],
                        capture_output=True,
                        text=True,
                        check=True,
                        cwd=tree,
                    )
                    row = json.loads(out.stdout.splitlines()[-1])
                    late[label, limit].append(row["wall"] - limit)
                    stages = "; ".join(
                        f"{name} "
                        + ",".join(f"{a:.2f}-{b:.2f}" for a, b in spans[:3])
                        + (f" (+{len(spans) - 3} more, to {spans[-1][1]:.2f})" * (len(spans) > 3))
                        + (f" given {row['given'][name]}" if row.get("given", {}).get(name) else "")
                        for name, spans in row["stages"].items()
                    )
                    stages += "; " + "; ".join(
                        f"{name} {t:.2f} s x{n} (max {m:.3f})"
                        for name, (t, n, m) in row["totals"].items()
                    )
                    print(
                        f"{label} {Path(folder).name} {limit:g} s: wall {row['wall']:.2f} "
                        f"(late {row['wall'] - limit:+.2f}) runtime {row['runtime']:.2f} "
                        f"{row['status']} {row['objective']}; load {os.getloadavg()[0]:.1f}; "
                        f"{stages}",
                        flush=True,
                    )
        for (label, limit), values in late.items():
            over = sum(v > 1.0 for v in values)
            print(
                f"{label} limit {limit:g} s: {len(values)} runs, "
                f"late mean {statistics.mean(values):+.2f} "
                f"worst {max(values):+.2f} s, more than 1 s late: {over}",
                flush=True,
            )
        print(f"load after: {os.getloadavg()}", flush=True)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


if __name__ == "__main__":
    main()
