"""Goal Planner benchmarks: loading, model build and solve at company scale.

Generates instances with ``planner generate`` (so that loading and
validation are measured too) at sizes S (10 teams x 50 projects), M (40 x
500), L (150 x 3,000) and XL (300 x 10,000), plus GAP-style instances
(every pair its own effort and value, all projects mandatory) at 10 x 100 and
20 x 200. Each run happens in a fresh child process, which measures:

* loading and validation (``load_problem``);
* model build: eligible pairs and the full CP-SAT model, from scratch;
* the greedy baseline (exact objective of the plain greedy plan);
* the LP relaxation bound (GLOP), the limit no plan can beat;
* ``solve()`` end to end with the size's time limit: status, objective, best
  bound, gap, wall time, the overrun past the limit, and the part of the wall
  time spent after the search (translation, unassigned reasons, checker);
* the child's peak resident memory.

The table shows the median over the runs. It is printed, and written with the
command, the machine load and the targets to ``bench/results.md``.

Usage::

    python bench/run.py                      # everything, 3 runs (XL: 1 run)
    python bench/run.py --sizes S,M --runs 5
    python bench/run.py --quick              # S and M once; results.md untouched
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Size:
    name: str
    teams: int
    projects: int
    time_limit_s: float
    gap: str | None = None  # a GAP instance of this OR-Library type instead of a quarter


SIZES = {
    s.name: s
    for s in (
        Size("S", 10, 50, 10.0),
        Size("M", 40, 500, 5.0),
        Size("L", 150, 3_000, 30.0),
        Size("XL", 300, 10_000, 60.0),
        Size("GAP10", 10, 100, 10.0, gap="D"),
        Size("GAP20", 20, 200, 10.0, gap="D"),
        # The classic type of OR-Library's gap1-gap12 (issue 2's exactness claim).
        Size("GAPC60", 10, 60, 10.0, gap="C"),
        Size("GAPC100", 10, 100, 10.0, gap="C"),
    )
}
DEFAULT_SIZES = ("S", "M", "L", "XL", "GAP10", "GAP20", "GAPC60", "GAPC100")
#: XL takes minutes per run; one run is enough to show it completes within its memory.
XL_RUNS = 1


# ---------------------------------------------------------------------------
# One run, in a child process
# ---------------------------------------------------------------------------


class _Built(logging.Handler):
    """Catches solve()'s "model built in X s" log line: its preparation time."""

    seconds: float | None = None

    def emit(self, record: logging.LogRecord) -> None:
        match = re.match(r"model built in ([0-9.]+) s", record.getMessage())
        if match:
            self.seconds = float(match.group(1))


def run_once(folder: str, time_limit_s: float) -> dict[str, Any]:
    """Measure one instance end to end; every number is wall-clock seconds unless named."""
    from planner.core.loading import load_problem
    from planner.optimizer.cpsat import PlanningModel
    from planner.optimizer.eligibility import eligible_pairs
    from planner.optimizer.greedy import greedy_pairs, plan_objective
    from planner.optimizer.lp_bound import lp_bound
    from planner.solving.solver import solve

    out: dict[str, Any] = {}
    started = time.perf_counter()
    problem = load_problem(folder).problem
    out["load_s"] = time.perf_counter() - started

    # The solve first, on a cold process, as a user would see it.
    built = _Built()
    logging.getLogger("planner.solving.solver").addHandler(built)
    logging.getLogger("planner.solving.solver").setLevel(logging.INFO)
    started = time.perf_counter()
    result = solve(problem, time_limit_s=time_limit_s)
    wall = time.perf_counter() - started
    out.update(
        status=result.status.value,
        objective=result.objective,
        bound=result.bound,
        gap_pct=None if result.gap is None else 100 * result.gap,
        solve_s=wall,
        overrun_s=wall - time_limit_s,
        prepare_s=built.seconds,
        finish_s=wall - result.runtime_s,
        end_to_end_s=out["load_s"] + wall,
    )

    started = time.perf_counter()
    pairs = eligible_pairs(problem)
    model = PlanningModel(problem, pairs)
    out["build_s"] = time.perf_counter() - started
    out["pairs"] = len(pairs)
    del model

    started = time.perf_counter()
    plan = greedy_pairs(problem, pairs)
    out["greedy_s"] = time.perf_counter() - started
    out["greedy"] = plan_objective(problem, plan)

    relaxation = lp_bound(problem, pairs=pairs)
    out["lp_bound"] = relaxation.bound
    out["lp_s"] = relaxation.seconds
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


# ---------------------------------------------------------------------------
# The parent: instances, runs, medians, the table
# ---------------------------------------------------------------------------


def make_instance(size: Size, root: Path) -> Path:
    folder = root / size.name
    if size.gap:
        from planner.core.gap_instances import generate_gap_problem
        from planner.core.loading import write_folder

        write_folder(generate_gap_problem(size.teams, size.projects, seed=0, kind=size.gap), folder)
    else:
        command = [sys.executable, "-m", "planner", "generate", str(folder)]
        command += ["--teams", str(size.teams), "--projects", str(size.projects)]
        subprocess.run(command, check=True, capture_output=True)
    return folder


def run_child(folder: Path, size: Size) -> dict[str, Any]:
    spec = json.dumps({"folder": str(folder), "time_limit_s": size.time_limit_s})
    done = subprocess.run(
        [sys.executable, __file__, "--child", spec], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def summarise(size: Size, runs: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {"size": size.name, "shape": f"{size.teams} x {size.projects:,}"}
    for key in runs[0]:
        if key != "status":
            row[key] = median(runs, key)
    statuses = Counter(r["status"] for r in runs)
    row["status"] = ", ".join(f"{s} x{n}" if len(runs) > 1 else s for s, n in statuses.items())
    row["runs"] = len(runs)
    row["limit_s"] = size.time_limit_s
    best = row.get("lp_bound")
    if best and row.get("greedy") is not None:
        row["greedy_gap_pct"] = 100 * (best - row["greedy"]) / best
    if best and row.get("objective") is not None:
        row["lp_gap_pct"] = 100 * (best - row["objective"]) / best
    return row


COLUMNS = (
    ("size", "size", "{}"),
    ("shape", "teams x projects", "{}"),
    ("runs", "runs", "{}"),
    ("pairs", "pairs", "{:,.0f}"),
    ("load_s", "load s", "{:.2f}"),
    ("build_s", "build s", "{:.2f}"),
    ("limit_s", "limit s", "{:.0f}"),
    ("solve_s", "solve s", "{:.2f}"),
    ("overrun_s", "overrun s", "{:+.2f}"),
    ("finish_s", "after search s", "{:.2f}"),
    ("status", "status", "{}"),
    ("objective", "objective", "{:,.2f}"),
    ("bound", "best bound", "{:,.2f}"),
    ("gap_pct", "gap %", "{:.3f}"),
    ("greedy", "greedy", "{:,.2f}"),
    ("greedy_gap_pct", "greedy gap %", "{:.2f}"),
    ("lp_bound", "LP bound", "{:,.2f}"),
    ("lp_s", "LP s", "{:.2f}"),
    ("peak_mb", "peak MB", "{:,.0f}"),
)


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| " + " | ".join(title for _, title, _ in COLUMNS) + " |",
        "|" + "|".join("---" for _ in COLUMNS) + "|",
    ]
    for row in rows:
        cells = []
        for key, _, fmt in COLUMNS:
            value = row.get(key)
            cells.append("-" if value is None else fmt.format(value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Each target of issue 7: met, or the measured distance to it."""
    out = []

    def line(name: str, ok: bool, detail: str) -> None:
        out.append(f"- {'MET' if ok else 'NOT MET'}: {name}: {detail}")

    if "S" in rows:
        s = rows["S"]
        optimal = s["status"].startswith("optimal") and "," not in s["status"]
        line(
            "S proven optimal in <= 0.5 s end to end in process",
            optimal and s["end_to_end_s"] <= 0.5,
            f"status {s['status']}, load + solve {s['end_to_end_s']:.2f} s (median)",
        )
    if "M" in rows:
        m = rows["M"]
        line(
            "M within 0.5 % of the bound in <= 5 s",
            m["gap_pct"] is not None and m["gap_pct"] <= 0.5 and m["solve_s"] <= 5.0 + 1.0,
            f"gap {m['gap_pct']:.3f} % after a {m['limit_s']:.0f} s limit "
            f"(solve {m['solve_s']:.2f} s wall)",
        )
    if "L" in rows:
        big = rows["L"]
        line(
            "L within 1 % in <= 30 s",
            big["gap_pct"] is not None and big["gap_pct"] <= 1.0,
            f"gap {big['gap_pct']:.3f} % (solve {big['solve_s']:.2f} s wall)",
        )
        line(
            "L model build <= 3 s",
            big["build_s"] <= 3.0,
            f"eligible pairs + full CP-SAT model {big['build_s']:.2f} s",
        )
    if "XL" in rows:
        xl = rows["XL"]
        line(
            "XL completes within 4 GB of memory",
            xl["status"] in ("optimal", "feasible") and xl["peak_mb"] <= 4096,
            f"status {xl['status']}, peak {xl['peak_mb']:,.0f} MB",
        )
    for name in ("L", "XL"):
        if name in rows:
            r = rows[name]
            line(
                f"{name} solve ends within its time limit + 1 s",
                r["overrun_s"] <= 1.0,
                f"overrun {r['overrun_s']:+.2f} s of which {r['finish_s']:.2f} s after the "
                "search (translation, unassigned reasons, checker)",
            )
    return out


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="S and M once; prints only")
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        spec = json.loads(args.child)
        print(json.dumps(run_once(spec["folder"], spec["time_limit_s"])))
        return 0

    names = ["S", "M"] if args.quick else [n.strip() for n in args.sizes.split(",") if n.strip()]
    runs = 1 if args.quick else args.runs
    unknown = [n for n in names if n not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; known: {', '.join(SIZES)}")
    started = time.time()
    load_before = load_average()
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        for name in names:
            size = SIZES[name]
            folder = make_instance(size, Path(tmp))
            count = min(runs, XL_RUNS) if name == "XL" else runs
            results = []
            for i in range(count):
                print(f"{name} run {i + 1}/{count} (load {load_average()})", file=sys.stderr)
                results.append(run_child(folder, size))
            rows[name] = summarise(size, results)
            rows[name]["raw"] = results
    load_after = load_average()
    minutes = (time.time() - started) / 60
    text = table(list(rows.values()))
    print(text)
    checks = targets(rows)
    print("\n".join(checks))
    if args.quick:
        return 0
    command = "python bench/run.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    report = RESULTS_TEMPLATE.format(
        command=command.strip(),
        date=time.strftime("%Y-%m-%d %H:%M"),
        machine=f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        load_before=load_before,
        load_after=load_after,
        minutes=minutes,
        table=text,
        targets="\n".join(checks),
        raw=json.dumps(
            {n: r["raw"] for n, r in rows.items()}, indent=1, default=lambda v: round(v, 4)
        ),
    )
    Path(args.out).write_text(report, encoding="utf-8")
    print(f"wrote {args.out} ({minutes:.1f} min)", file=sys.stderr)
    return 0


RESULTS_TEMPLATE = """# Benchmark results

Made by `{command}` on {date} ({machine}); the whole run took {minutes:.1f} min.
Load average (1 / 5 / 15 min) before: {load_before}; after: {load_after}. The
machine is shared with other engineers' test runs, so wall times are noisy:
compare within one run, and read the medians.

Columns: `load` = reading and validating the data folder; `build` = eligible
pairs and the full CP-SAT model, from scratch; `solve` = `solve()` end to end
with the size's time limit (`limit`), of which `after search` is the
translation to a plan, the unassigned projects' reasons and the checker;
`overrun` = solve wall time minus the limit; `gap` = the solve's reported gap
(its best bound is the lower of CP-SAT's and the LP relaxation's); `greedy` =
the plain greedy plan's exact objective and its distance to the LP bound;
`LP bound` = the LP relaxation (GLOP) solved to optimality, stand-alone;
`peak MB` = the child process's peak resident memory over the whole run.
Every size shows the median of its runs, except XL: one run (about 3 min).

{table}

## Targets (issue 7)

{targets}

## Raw runs

```json
{raw}
```
"""


if __name__ == "__main__":
    sys.exit(main())
