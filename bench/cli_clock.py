"""Where ``planner solve --time-limit S`` spends its wall time: start-up, reading, the solve.

SPEC: the time limit is "a hard wall-clock bound for one solve"; docs/SPEC.md ("Command
line") says what counts: the solve, from its call, once the data is read and checked; the
program's start-up, reading the data and writing the plan and the report do not. Here each
folder is solved by the command itself in a fresh child process per run, as a leader runs
it, and the child times, in process: the imports before the command starts, reading and
checking the data (``cli.load``), the report's modules read before the search, the solve
(``solve_interruptibly``, its time limit's span) and the plan and report written after it.
The parent times the whole child from its start to its end: the wall a leader waits.

Usage::

    python bench/cli_clock.py FOLDER [FOLDER ...] --limits 5 --runs 2
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: The stages timed in a child: (module, attribute, name), each function wrapped.
_STAGES = (
    ("planner.interfaces.solve_cli", "load", "read"),
    ("planner.interfaces.solve_cli", "solve_interruptibly", "solve"),
    ("planner.interfaces.solve_cli", "_summary", "report"),
    ("planner.interfaces.solve_cli", "write_plan", "written"),
)


def _child(folder: str, limit: float, began: float) -> dict[str, Any]:
    import importlib

    imported = time.time() - began  # the interpreter's start-up to here (its clock, the wall)
    t0 = time.perf_counter()
    import planner.interfaces.cli as cli

    taken: dict[str, float] = defaultdict(float)
    spans: dict[str, tuple[float, float]] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                taken[name] += time.perf_counter() - start
                spans[name] = (start, time.perf_counter())

        return run

    for module_name, attribute, name in _STAGES:
        module = importlib.import_module(module_name)
        setattr(module, attribute, timed(name, getattr(module, attribute)))
    modules = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "plan.csv")
        argv = ["solve", folder, "--time-limit", f"{limit:g}", "--out", out, "--json"]
        saved = sys.stdout
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the command's report)
        main_began = time.perf_counter()
        try:
            code = cli.main(argv)
        finally:
            sys.stdout.close()
            sys.stdout = saved
        main_s = time.perf_counter() - main_began
    read_end = spans.get("read", (main_began, main_began))[1]
    solve_start = spans.get("solve", (read_end, read_end))[0]
    return {
        "code": code,
        "start-up": imported + modules,
        "stages": dict(taken),
        "between": solve_start - read_end,  # the report's modules read before the search
        "main": main_s,
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--limits", default="5")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, limit, began = args.child
        print(json.dumps(_child(folder, float(limit), float(began))))
        return
    print(f"load before: {os.getloadavg()}", flush=True)
    rows: dict[tuple[str, float], list[dict[str, Any]]] = defaultdict(list)
    for run in range(args.runs):
        for folder in args.folders:
            for limit in (float(x) for x in args.limits.split(",")):
                began = time.perf_counter()
                child = [sys.executable, __file__, "--child", folder, f"{limit}", f"{time.time()}"]
                done = subprocess.run(child, capture_output=True, text=True, check=False)
                wall = time.perf_counter() - began
                if done.returncode != 0:
                    print(done.stderr[-2000:], flush=True)
                    continue
                got = json.loads(done.stdout.strip().splitlines()[-1])
                got["wall"] = wall
                rows[folder, limit].append(got)
                stages = ", ".join(f"{k} {v:.2f}" for k, v in got["stages"].items())
                print(
                    f"run {run} {Path(folder).name} limit {limit:g}: wall {wall:.2f} s "
                    f"({wall - limit:+.2f}); start-up {got['start-up']:.2f}, {stages}, the "
                    f"report's modules before the search {got['between']:.2f}; exit "
                    f"{got['code']}; load {got['load']:.1f}",
                    flush=True,
                )
    print("| folder | limit | runs | wall mean / worst | start-up | read | solve | after it |")
    print("|---|---|---|---|---|---|---|---|")
    for (folder, limit), got in rows.items():
        walls = [g["wall"] for g in got]

        def mean(key: str, got: list[dict[str, Any]] = got) -> float:
            return statistics.mean(g["stages"].get(key, 0.0) for g in got)

        after = mean("report") + mean("written")
        print(
            f"| {Path(folder).name} | {limit:g} s | {len(got)} | {statistics.mean(walls):.2f} / "
            f"{max(walls):.2f} s | {statistics.mean(g['start-up'] for g in got):.2f} s | "
            f"{mean('read'):.2f} s | {mean('solve'):.2f} s | {after:.2f} s |"
        )
    print(f"load after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
