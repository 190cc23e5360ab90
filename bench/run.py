"""Goal Planner benchmarks: loading, model build and solve at company scale, beside peers.

Generates instances with ``planner generate`` (so that loading and
validation are measured too) at sizes S (10 teams x 50 projects), M (40 x
500), L (150 x 3,000) and XL (300 x 10,000), several seeds each, plus
generalized assignment (GAP) instances of types D and E as the literature
defines them (``planner.core.gap_literature``) at 10 x 100, 20 x 100 and 20 x 200. Each
run happens in a fresh child process, which measures:

* loading and validation (``load_with_warnings``);
* ``solve()`` end to end with the size's time limit: status, objective, best
  bound, gap, wall time, the overrun past the limit, the part of the wall
  time spent after the search, and the peak memory up to then;
* two peers on the same instance, in the same child, with the same limit:
  HiGHS on the same formulation as a MIP (``planner.optimizer.mip``) and a
  plain CP-SAT model (the planner's model without the warm start); each
  peer's plan goes through the checker and its objective is the checker's;
* model build (eligible pairs and the full CP-SAT model), the plain greedy
  and the LP relaxation bound (GLOP), stand-alone.

Gaps are measured against one reference per instance: for the quarters the
best bound (the lowest of the LP bound and the planner's bound); for GAP
instances the best plan the bench knows (the best of this run's solvers and
``bench/gap_best.json``, which every run updates), in the literature's terms
(cost, which is minimised), with the distance to the LP bound beside it.

Usage::

    python bench/run.py                           # everything, 5 seeds (XL: 1)
    python bench/run.py --sizes S,M --seeds 0-9
    python bench/run.py --sizes GAP --no-peers     # the six GAP sizes, planner only
    python bench/run.py --quick                   # S, M and one GAP size, 2 seeds; printed only
"""

from __future__ import annotations

import argparse
import hashlib
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
BEST_KNOWN = HERE / "gap_best.json"
#: Stronger bounds of quarters computed offline (``bench/bounds.py``: HiGHS's dual bound
#: after a long run), by instance (size, seed and a hash of the generated files).
QUARTER_BOUNDS = HERE / "quarter_bounds.json"
#: Every child's result, appended as it ends (one JSON object a line).
RUNS_LOG = Path(tempfile.gettempdir()) / "planner-bench-runs.jsonl"


@dataclass(frozen=True)
class Size:
    name: str
    teams: int
    projects: int
    time_limit_s: float
    gap: str | None = None  # a GAP of this type (planner.core.gap_literature), not a quarter


SIZES = {
    s.name: s
    for s in (
        Size("S", 10, 50, 10.0),
        Size("M", 40, 500, 5.0),
        Size("L", 150, 3_000, 30.0),
        Size("XL", 300, 10_000, 60.0),
        Size("D10x100", 10, 100, 10.0, gap="D"),
        Size("D20x100", 20, 100, 10.0, gap="D"),
        Size("D20x200", 20, 200, 10.0, gap="D"),
        Size("E10x100", 10, 100, 10.0, gap="E"),
        Size("E20x100", 20, 100, 10.0, gap="E"),
        Size("E20x200", 20, 200, 10.0, gap="E"),
    )
}
GAP_SIZES = tuple(name for name, size in SIZES.items() if size.gap)
DEFAULT_SIZES = ("S", "M", "L", "XL", *GAP_SIZES)
DEFAULT_SEEDS = (0, 1, 2, 3, 4)
#: XL takes minutes per run (and its stand-alone LP over a minute): one seed unless told.
XL_SEEDS = (0,)


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


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(spec: dict[str, Any]) -> dict[str, Any]:
    """Measure one instance end to end; every number is wall-clock seconds unless named."""
    from planner.core.loading import load_with_warnings
    from planner.solving.solver import solve

    out: dict[str, Any] = {}
    started = time.perf_counter()
    cpu = time.process_time()
    if spec.get("gap"):
        from planner.core.gap_literature import gap_instance, gap_to_problem

        instance = gap_instance(spec["gap"], spec["teams"], spec["projects"], spec["seed"])
        problem = gap_to_problem(instance)
        out["offset_total"] = instance.num_jobs * instance.offset
    else:
        problem = load_with_warnings(spec["folder"]).problem
    out["load_s"] = time.perf_counter() - started
    out["load_cpu_s"] = time.process_time() - cpu
    limit = spec["time_limit_s"]

    # The solve first, on a cold process, as a user would see it.
    built = _Built()
    logging.getLogger("planner.solving.solver").addHandler(built)
    logging.getLogger("planner.solving.solver").setLevel(logging.INFO)
    started = time.perf_counter()
    cpu = time.process_time()
    result = solve(problem, time_limit_s=limit)
    wall = time.perf_counter() - started
    # CPU seconds of every thread: what the solve cost, less exposed to the machine's load.
    out["end_to_end_cpu_s"] = out["load_cpu_s"] + time.process_time() - cpu
    out.update(
        status=result.status.value,
        objective=result.objective,
        bound=result.bound,
        gap_pct=None if result.gap is None else 100 * result.gap,
        solve_s=wall,
        overrun_s=wall - limit,
        prepare_s=built.seconds,
        finish_s=wall - result.runtime_s,
        end_to_end_s=out["load_s"] + wall,
        solve_peak_mb=_peak_mb(),
    )
    if spec.get("portfolio"):
        # The same solve with HiGHS beside CP-SAT (opt-in: it ends on the clock).
        os.environ["PLANNER_PORTFOLIO"] = "1"
        started = time.perf_counter()
        both = solve(problem, time_limit_s=limit)
        out["portfolio_s"] = time.perf_counter() - started
        out["portfolio"] = both.objective
        del os.environ["PLANNER_PORTFOLIO"]
    if spec.get("peers", True):
        out.update(_peers(problem, limit, cpsat=spec.get("cpsat_peer", True)))
    out.update(_baselines(problem))
    out["peak_mb"] = _peak_mb()
    return out


def _peers(problem: Any, limit: float, cpsat: bool = True) -> dict[str, Any]:
    """HiGHS on the same formulation and (unless ``cpsat`` is false) a plain CP-SAT model,
    each with ``limit`` seconds."""
    from planner.optimizer.exact_objective import plan_objective
    from planner.optimizer.mip import solve_mip

    out: dict[str, Any] = {}
    started = time.perf_counter()
    highs = solve_mip(problem, time_limit_s=limit)
    out["highs_s"] = time.perf_counter() - started
    out["highs"] = plan_objective(problem, highs.chosen) if highs.chosen else None
    out["highs_bound"] = highs.bound
    out["highs_status"] = highs.status
    if cpsat:
        out.update(cpsat_peer(problem, limit))
    return out


def cpsat_peer(problem: Any, limit: float) -> dict[str, Any]:
    """The plain CP-SAT peer: the planner's model (its rules and objective; with weeks,
    its start columns too) given to CP-SAT alone, without the warm start, hints or the
    planner's own search, ``limit`` seconds from the model's build on.

    ``cpsat`` is the checker's objective of its plan (start weeks included), ``None``
    when it found none or its plan broke a rule (``cpsat_status`` says which).
    """
    from ortools.sat.python import cp_model

    from planner.optimizer.cpsat import PlanningModel
    from planner.optimizer.eligibility import eligible_pairs
    from planner.optimizer.exact_objective import plan_objective

    out: dict[str, Any] = {}
    started = time.perf_counter()
    planning = PlanningModel(problem, eligible_pairs(problem))
    out["cpsat_build_s"] = time.perf_counter() - started
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = problem.settings.solve.workers
    solver.parameters.random_seed = problem.settings.solve.seed
    solver.parameters.max_time_in_seconds = max(0.01, limit - (time.perf_counter() - started))
    code = solver.solve(planning.model)
    out["cpsat_s"] = time.perf_counter() - started
    found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    objective = (
        plan_objective(problem, planning.chosen(solver), planning.starts(solver)) if found else None
    )
    out["cpsat"] = objective
    out["cpsat_status"] = solver.status_name(code) + (
        " (its plan broke a rule)" if found and objective is None else ""
    )
    return out


def _baselines(problem: Any) -> dict[str, Any]:
    """Model build, the plain greedy and the LP bound, each from scratch."""
    from planner.optimizer.cpsat import PlanningModel
    from planner.optimizer.eligibility import eligible_pairs
    from planner.optimizer.exact_objective import plan_objective
    from planner.optimizer.greedy import greedy_pairs
    from planner.optimizer.lp_bound import lp_bound

    out: dict[str, Any] = {}
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
    return out


# ---------------------------------------------------------------------------
# The parent: instances, runs, gaps, the table
# ---------------------------------------------------------------------------


def make_instance(size: Size, seed: int, root: Path) -> dict[str, Any]:
    spec: dict[str, Any] = {"time_limit_s": size.time_limit_s, "seed": seed}
    if size.gap:
        spec.update(gap=size.gap, teams=size.teams, projects=size.projects, code=code_digest())
        return spec
    folder = root / f"{size.name}-{seed}"
    command = [sys.executable, "-m", "planner", "generate", str(folder)]
    command += ["--teams", str(size.teams), "--projects", str(size.projects), "--seed", str(seed)]
    subprocess.run(command, check=True, capture_output=True)
    spec["folder"] = str(folder)
    spec["key"] = instance_key(size.name, seed, folder)
    return spec


def code_digest() -> str:
    """A hash of the planner's sources: a logged run is shared only with the same code.

    Without it a run logged by other code (another branch, or this one before an
    edit) was taken for this code's: the spec named only the instance.
    """
    digest = hashlib.sha256()
    root = HERE.parent / "planner"
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def instance_key(name: str, seed: int, folder: Path) -> str:
    """The size, the seed and a hash of the generated files: a stored bound's instance."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{name}s{seed}-{digest.hexdigest()[:12]}"


def stored_bound(spec: dict[str, Any]) -> float | None:
    """The offline bound stored for this exact instance (``bench/bounds.py``), if any."""
    if "key" not in spec or not QUARTER_BOUNDS.exists():
        return None
    entry = json.loads(QUARTER_BOUNDS.read_text()).get(spec["key"])
    return None if entry is None else float(entry["bound"])


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


SOLVERS = (
    ("planner", "objective"),
    ("planner + HiGHS", "portfolio"),
    ("HiGHS", "highs"),
    ("CP-SAT", "cpsat"),
)


def score(size: Size, run: dict[str, Any], best_known: dict[str, float]) -> None:
    """Each solver's gap (in %) to the instance's reference, added to ``run``."""
    if size.gap:
        # Costs: cost = n * offset - objective; the best known plan is the cheapest.
        total = run["offset_total"]
        key = f"{size.name}s{run['seed']}"
        seen = [run[k] for _, k in SOLVERS if run.get(k) is not None]
        best = max([*seen, best_known.get(key, -float("inf"))])
        best_known[key] = best
        best_cost = total - best
        run["reference"] = best
        run["lp_cost_gap_pct"] = 100 * (best_cost - (total - run["lp_bound"])) / best_cost
        for _, k in SOLVERS:
            value = run.get(k)
            run[f"{k}_ref_gap"] = (
                None if value is None else 100 * ((total - value) - best_cost) / best_cost
            )
        return
    bounds = [b for b in (run.get("lp_bound"), run.get("bound")) if b is not None]
    # The planner's gap to the LP bound (and its own) alone, beside the one to the best bound.
    lp_reference = min(bounds) if bounds else None
    value = run.get("objective")
    run["objective_lp_gap"] = (
        None
        if value is None or not lp_reference
        else 100 * (lp_reference - value) / abs(lp_reference)
    )
    if run.get("stored_bound") is not None:
        bounds.append(run["stored_bound"])
    reference = min(bounds) if bounds else None
    run["reference"] = reference
    for _, k in SOLVERS:
        value = run.get(k)
        run[f"{k}_ref_gap"] = (
            None if value is None or not reference else 100 * (reference - value) / abs(reference)
        )


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def summarise(size: Size, runs: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {"size": size.name, "shape": f"{size.teams} x {size.projects:,}"}
    row["seeds"] = len(runs)
    row["limit_s"] = size.time_limit_s
    statuses = Counter(r["status"] for r in runs)
    row["status"] = ", ".join(f"{s} x{n}" for s, n in statuses.items())
    for _, k in SOLVERS:
        gaps = [r[f"{k}_ref_gap"] for r in runs if r.get(f"{k}_ref_gap") is not None]
        missing = sum(1 for r in runs if r.get(f"{k}_ref_gap") is None and k in r)
        row[f"{k}_mean"] = _mean(gaps)
        row[f"{k}_worst"] = max(gaps) if gaps else None
        row[f"{k}_missing"] = missing if k != "objective" else 0
    planner, highs = row["objective_mean"], row["highs_mean"]
    if planner is not None and highs:
        row["ratio"] = planner / highs
    if row["portfolio_mean"] is not None and highs:
        row["portfolio_ratio"] = row["portfolio_mean"] / highs
    keys = ("solve_s", "end_to_end_s", "end_to_end_cpu_s", "overrun_s", "solve_peak_mb")
    for key in (*keys, "pairs", "lp_s"):
        values = [r[key] for r in runs if r.get(key) is not None]
        row[f"{key}_mean"] = _mean(values)
        row[f"{key}_worst"] = max(values) if values else None
    to_lp = [r["objective_lp_gap"] for r in runs if r.get("objective_lp_gap") is not None]
    row["objective_lp_mean"] = _mean(to_lp)
    row["objective_lp_worst"] = max(to_lp) if to_lp else None
    row["stored_bounds"] = sum(1 for r in runs if r.get("stored_bound") is not None)
    lp = [r["lp_cost_gap_pct"] for r in runs if r.get("lp_cost_gap_pct") is not None]
    row["lp_cost_gap_mean"] = _mean(lp)
    return row


def _fmt(value: Any, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def _pair(row: dict[str, Any], key: str) -> str:
    mean, worst = row.get(f"{key}_mean"), row.get(f"{key}_worst")
    text = "-" if mean is None else f"{mean:.3f} / {worst:.3f}"
    missing = row.get(f"{key}_missing") or 0
    return text + (f" ({missing} none)" if missing else "")


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| size | teams x projects | seeds | pairs | limit s | solve s mean / worst "
        "| overrun s worst | status | planner gap % mean / worst "
        "| planner + HiGHS gap % mean / worst | HiGHS gap % mean / worst "
        "| CP-SAT gap % mean / worst | planner / HiGHS | planner + HiGHS / HiGHS "
        "| LP bound gap % | peak MB worst |"
    )
    lines = [head, "|" + "|".join("---" for _ in range(head.count("|") - 1)) + "|"]
    for row in rows:
        cells = [
            row["size"],
            row["shape"],
            str(row["seeds"]),
            _fmt(row.get("pairs_mean"), "{:,.0f}"),
            _fmt(row.get("limit_s"), "{:.0f}"),
            _fmt(row.get("solve_s_mean"), "{:.2f}")
            + " / "
            + _fmt(row.get("solve_s_worst"), "{:.2f}"),
            _fmt(row.get("overrun_s_worst"), "{:+.2f}"),
            row["status"],
            _pair(row, "objective"),
            _pair(row, "portfolio"),
            _pair(row, "highs"),
            _pair(row, "cpsat"),
            _fmt(row.get("ratio"), "{:.2f}"),
            _fmt(row.get("portfolio_ratio"), "{:.2f}"),
            _fmt(row.get("lp_cost_gap_mean"), "{:.3f}"),
            _fmt(row.get("solve_peak_mb_worst"), "{:,.0f}"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(rows: dict[str, dict[str, Any]]) -> list[str]:
    """Each target of issue 14: met, or the measured distance to it."""
    out = []

    def line(name: str, ok: bool, detail: str) -> None:
        out.append(f"- {'MET' if ok else 'NOT MET'}: {name}: {detail}")

    def few(row: dict[str, Any]) -> str:
        return "" if row["seeds"] >= 5 else f" (only {row['seeds']} seeds: the target asks for 5)"

    def to_lp(row: dict[str, Any]) -> str:
        if not row.get("stored_bounds"):
            return ""
        return (
            f"; best bound = the lower of the LP bound, the planner's and HiGHS's stored "
            f"bound (bench/quarter_bounds.json, {row['stored_bounds']} of {row['seeds']} "
            f"seeds); to the LP bound alone: mean {row['objective_lp_mean']:.3f} %, "
            f"worst {row['objective_lp_worst']:.3f} %"
        )

    if "S" in rows:
        s = rows["S"]
        optimal = s["status"].startswith("optimal") and "," not in s["status"]
        line(
            "S optimal, <= 0.3 s end to end",
            optimal and s["end_to_end_s_worst"] <= 0.3 and s["seeds"] >= 5,
            f"status {s['status']}, load + solve mean {s['end_to_end_s_mean']:.2f} s, "
            f"worst {s['end_to_end_s_worst']:.2f} s (CPU mean {s['end_to_end_cpu_s_mean']:.2f} s, "
            f"worst {s['end_to_end_cpu_s_worst']:.2f} s){few(s)}",
        )
    if "M" in rows:
        m = rows["M"]
        line(
            "M at 5 s: mean <= 0.25 %, worst <= 0.5 % to the best bound",
            m["objective_mean"] <= 0.25 and m["objective_worst"] <= 0.5 and m["seeds"] >= 5,
            f"mean {m['objective_mean']:.3f} %, worst {m['objective_worst']:.3f} %{few(m)}"
            f"{to_lp(m)}",
        )
    if "L" in rows:
        big = rows["L"]
        line(
            "L at 30 s: mean <= 0.5 %",
            big["objective_mean"] <= 0.5 and big["seeds"] >= 5,
            f"mean {big['objective_mean']:.3f} %, worst {big['objective_worst']:.3f} %{few(big)}"
            f"{to_lp(big)}",
        )
    if "XL" in rows:
        xl = rows["XL"]
        line(
            "XL at 60 s: <= 1 %, peak memory <= 1.5 GB",
            xl["objective_worst"] is not None
            and xl["objective_worst"] <= 1.0
            and xl["solve_peak_mb_worst"] <= 1536,
            f"worst {_fmt(xl['objective_worst'], '{:.3f}')} %, peak "
            f"{xl['solve_peak_mb_worst']:,.0f} MB{few(xl)}",
        )
    gap_rows = [rows[n] for n in GAP_SIZES if n in rows]
    for row in gap_rows:
        for key, name in (("objective", "planner"), ("portfolio", "planner + HiGHS")):
            mean = row.get(f"{key}_mean")
            if mean is None:
                continue
            highs = row["highs_mean"]
            ok = mean <= 0.35 and highs is not None and mean <= 0.5 * highs
            ratio = None if not highs else mean / highs
            line(
                f"{row['size']} at 10 s ({name}): mean <= 0.35 % to the best known, "
                "<= half of HiGHS's gap",
                ok and row["seeds"] >= 5,
                f"mean {mean:.3f} % (worst {row[f'{key}_worst']:.3f} %), "
                f"HiGHS {_fmt(highs, '{:.3f}')} %, ratio {_fmt(ratio, '{:.2f}')}{few(row)}",
            )
    for name in ("S", "M", "L", "XL", *GAP_SIZES):
        if name in rows:
            r = rows[name]
            if r["overrun_s_worst"] > 1.0:
                line(f"{name} within its time limit + 1 s", False, f"{r['overrun_s_worst']:+.2f} s")
    return out


def _lock(spec: dict[str, Any]) -> Path:
    key = json.dumps(spec, sort_keys=True)
    digest = sum(ord(c) * (i + 1) for i, c in enumerate(key)) % 10**9
    return RUNS_LOG.with_suffix(f".{digest}.lock")


def _logged(spec: dict[str, Any]) -> dict[str, Any] | None:
    if not RUNS_LOG.exists():
        return None
    for text in RUNS_LOG.read_text(encoding="utf-8").splitlines():
        entry = json.loads(text)
        if entry["spec"] == spec:
            return dict(entry["run"])
    return None


def _shared_run(spec: dict[str, Any]) -> dict[str, Any] | None:
    """Two bench processes on the same GAP sizes share the work: same code, same instance.

    The spec holds the planner's :func:`code_digest`, so that only a run of the
    same code is shared.

    A GAP run already in the log is reused; one that another process is measuring
    (its lock file exists) is waited for. Quarters (folders in a temporary
    directory of their own) are always measured.
    """
    if not spec.get("gap"):
        return None
    done = _logged(spec)
    if done is not None:
        return done
    lock = _lock(spec)
    waited = 0.0
    while lock.exists() and waited < 600:
        time.sleep(2)
        waited += 2
        done = _logged(spec)
        if done is not None:
            return done
    lock.touch()
    return None


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def small_gap_arguments(doc: str) -> argparse.Namespace:
    """The flags of the scripts that measure what a step adds on the 10 x 100 GAP
    instances (bench/gap_chains.py, bench/gap_tabu.py): kinds, seeds and time limit."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--kinds", default="D,E")
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--time-limit", type=float, default=10.0)
    return parser.parse_args()


def parse_seeds(text: str) -> tuple[int, ...]:
    seeds: list[int] = []
    for part in text.split(","):
        if "-" in part:
            low, high = part.split("-")
            seeds.extend(range(int(low), int(high) + 1))
        elif part.strip():
            seeds.append(int(part))
    return tuple(seeds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(DEFAULT_SIZES), help="names, or GAP for all six"
    )
    parser.add_argument("--seeds", default="0-4", help="e.g. 0-4 or 0,3,7")
    parser.add_argument("--xl-seeds", default="0")
    parser.add_argument("--no-peers", action="store_true", help="the planner only")
    parser.add_argument(
        "--highs-peer-only",
        action="store_true",
        help="HiGHS as the only peer (no plain CP-SAT model): a third less time a run",
    )
    parser.add_argument(
        "--portfolio",
        action="store_true",
        help="also solve with PLANNER_PORTFOLIO=1 (HiGHS beside CP-SAT)",
    )
    parser.add_argument("--quick", action="store_true", help="S, M, D10x100; 2 seeds; prints only")
    parser.add_argument(
        "--out", default=str(HERE / "results.md"), help="the results table (bench/results.md)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        spec = json.loads(args.child)
        shared = _shared_run(spec)  # a GAP instance another bench process measured
        line = json.dumps(shared if shared is not None else run_once(spec))
        if shared is None:
            # Also kept on disk, so that a long run that is stopped keeps what it measured.
            with RUNS_LOG.open("a", encoding="utf-8") as log_file:
                log_file.write(json.dumps({"spec": spec, "run": json.loads(line)}) + "\n")
            _lock(spec).unlink(missing_ok=True)
        print(line)
        return 0

    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    names = [g for n in names for g in (GAP_SIZES if n == "GAP" else (n,))]
    seeds = parse_seeds(args.seeds)
    if args.quick:
        names, seeds = ["S", "M", "D10x100"], (0, 1)
    unknown = [n for n in names if n not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; known: {', '.join(SIZES)}, GAP")
    best_known = json.loads(BEST_KNOWN.read_text()) if BEST_KNOWN.exists() else {}
    started = time.time()
    load_before = load_average()
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        for name in names:
            size = SIZES[name]
            runs = []
            for seed in parse_seeds(args.xl_seeds) if name == "XL" else seeds:
                spec = make_instance(size, seed, Path(tmp))
                spec["peers"] = not args.no_peers
                if args.highs_peer_only:
                    spec["cpsat_peer"] = False
                # The portfolio only runs up to 20,000 pairs: L and XL would solve twice alike.
                spec["portfolio"] = args.portfolio and name not in ("L", "XL")
                print(f"{name} seed {seed} (load {load_average()})", file=sys.stderr)
                run = run_child(spec)
                run["seed"] = seed
                run["stored_bound"] = stored_bound(spec)
                runs.append(run)
            for run in runs:
                score(size, run, best_known)
            rows[name] = summarise(size, runs)
            rows[name]["raw"] = runs
    # GAP gaps are to the best plan known: score again now that every run has been seen.
    for name, row in rows.items():
        if SIZES[name].gap:
            for run in row["raw"]:
                score(SIZES[name], run, best_known)
            rows[name] = {**summarise(SIZES[name], row["raw"]), "raw": row["raw"]}
    load_after = load_average()
    minutes = (time.time() - started) / 60
    text = table(list(rows.values()))
    print(text)
    checks = targets(rows)
    print("\n".join(checks))
    if any(SIZES[n].gap for n in rows):
        BEST_KNOWN.write_text(json.dumps(best_known, indent=1, sort_keys=True) + "\n")
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
    out = Path(args.out)
    if out.exists():  # sections other benchmarks keep in the file (e.g. bench/confidence.py)
        pattern = re.compile(r"<!-- (\w+): written by .*?<!-- /\1 -->", re.S)
        kept = [m.group(0) for m in pattern.finditer(out.read_text("utf-8"))]
        report = report.rstrip("\n") + "".join(f"\n\n{k}\n" for k in kept)
    out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out} ({minutes:.1f} min)", file=sys.stderr)
    return 0


RESULTS_TEMPLATE = """# Benchmark results

Made by `{command}` on {date} ({machine}); the whole run took {minutes:.1f} min.
Load average (1 / 5 / 15 min) before: {load_before}; after: {load_after}. The
machine is shared with other engineers' runs, so wall times are noisy and a
time-limited search gets less than its cores: compare within one run.

Every solver gets the same instance and the same time limit in the same child
process, one after the other: the planner (`solve()` end to end, as shipped:
deterministic), with `--portfolio` the planner again with `PLANNER_PORTFOLIO=1`
(HiGHS from the warm start on one core beside CP-SAT, up to 20,000 pairs; it
ends on the clock, so it is opt-in), HiGHS on the same formulation as a MIP
(`planner.optimizer.mip`, one thread) and the plain CP-SAT model (the planner's
model without the warm start, every core). Each plan passes the checker and
its objective is the checker's.

Gaps: for the quarters (S, M, L, XL), to the best bound (the lower of the LP
relaxation and the planner's own bound); for the GAP types D and E (minimising
cost; `planner.core.gap_literature`), to the cheapest plan the bench knows (this run's
solvers and `bench/gap_best.json`), in cost, with the LP bound's distance to
that plan beside it (`LP bound gap`: the most the true gap could add). Cells
are mean / worst over the seeds; `planner / HiGHS` (and `planner + HiGHS /
HiGHS`) is the ratio of the mean gaps (lower is better; the GAP target asks
for 0.5 or less); `(k none)` = that
peer found no plan on k seeds. `peak MB` is the planner's (measured before
the peers run).

{table}

## Targets (issue 14)

{targets}

## Raw runs

```json
{raw}
```
"""


if __name__ == "__main__":
    sys.exit(main())
