"""HiGHS's branch and bound on an M quarter in weeks, for its proven bound (issue 15).

The formulation with its start columns (rules 10-12, :mod:`planner.optimizer.formulation`)
and every objective term (:mod:`planner.optimizer.lp_bound`) with the pairs, start
columns and sampled hits whole is the planning problem as a MIP
(:func:`planner.optimizer.mip.mip_model`). HiGHS's dual bound on it, at any time, is
the best any plan of that quarter can score: its LP relaxation is the one the solve
reports as its bound, and the cuts and branching HiGHS adds only remove fractional
points. Each run solves the quarter first (``--limit`` s, the planner, its plan as
HiGHS's hint so that its incumbent prunes), then gives HiGHS ``--minutes`` on one
thread. The bound stored is HiGHS's dual bound plus ``SLACK`` (its tolerances are
1e-7 of feasibility and the rows are in hours), in ``bench/week_bounds.json`` only
where lower than the one kept for the same data (as ``bench/weeks.py --best-bounds``).

Usage::

    nice -n 10 python bench/week_mip_bound.py --seeds 0 --minutes 10
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from ortools.math_opt import model_parameters_pb2, parameters_pb2, result_pb2
from ortools.math_opt.core.python import solver as math_opt_solver
from ortools.math_opt.python import callback, init_arguments, mathopt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from weeks import BOUNDS, fingerprint, folder_for, load_average, stored_bounds  # noqa: E402

from planner.core.loading import load_with_warnings  # noqa: E402
from planner.optimizer.eligibility import eligible_pairs  # noqa: E402
from planner.optimizer.formulation import Formulation  # noqa: E402
from planner.optimizer.lp_bound import LpRelaxation  # noqa: E402
from planner.optimizer.mip import matrix_model  # noqa: E402
from planner.solving.solver import solve  # noqa: E402

#: Added to HiGHS's dual bound before it is stored: far above its tolerances' effect.
SLACK = 0.01


def mip_bound(folder: Path, minutes: float, limit: float, threads: int) -> dict[str, Any]:
    """HiGHS's dual bound on the quarter in ``folder`` after ``minutes``."""
    problem = load_with_warnings(folder).problem
    pairs = eligible_pairs(problem)
    result = solve(problem, time_limit_s=limit)
    assert result.plan is not None
    formulation = Formulation.of(problem, pairs)
    relaxation = LpRelaxation(problem, pairs, formulation)
    matrix = relaxation.build().freeze()
    integer = np.zeros(len(matrix.cost), dtype=bool)
    integer[: formulation.num_columns] = True
    integer[relaxation.binary] = True
    model = matrix_model(matrix, integer)
    # The plan as a hint: its pairs and their start columns.
    index = {(p.project_id, p.team_id): i for i, p in enumerate(pairs)}
    hint = np.zeros(formulation.num_columns)
    starts = formulation.starts.starts if formulation.starts is not None else {}
    for a in result.plan.assignments:
        row = index[(a.project_id, a.team_id)]
        hint[row] = 1.0
        column = starts.get(row, {}).get(a.start_week) if a.start_week else None
        if column is not None:
            hint[column] = 1.0
    planned = {a.project_id for a in result.plan.assignments}
    for c, column in enumerate(formulation.columns, start=len(pairs)):
        if column.name == f"joint[{column.about}]" and column.about in planned:
            hint[c] = 1.0  # both sides of a joint project: a plan assigns both or neither
    model_params = model_parameters_pb2.ModelSolveParametersProto()
    values = model_params.solution_hints.add().variable_values
    values.ids.extend(range(formulation.num_columns))
    values.values.extend(hint.tolist())
    params = parameters_pb2.SolveParametersProto()
    params.time_limit.FromTimedelta(datetime.timedelta(minutes=minutes))
    params.highs.int_options["threads"] = threads
    params.enable_output = True
    started = time.perf_counter()
    raw = math_opt_solver.solve(
        model,
        mathopt.SolverType.HIGHS.value,
        init_arguments.StreamableSolverInitArguments().to_proto(),
        params,
        model_params,
        None,
        callback.CallbackRegistration().to_proto(),
        None,
        None,
    )
    seconds = time.perf_counter() - started
    answer = raw
    bounds = answer.termination.objective_bounds
    return {
        "fingerprint": fingerprint(folder),
        "dual": bounds.dual_bound,
        "primal": bounds.primal_bound,
        "nodes": answer.solve_stats.node_count,
        "reason": result_pb2.TerminationReasonProto.Name(answer.termination.reason),
        "seconds": round(seconds, 1),
        "objective": result.objective,
        "solve_bound": result.bound,
        "columns": len(matrix.cost),
        "rows": len(matrix.row_lower),
    }


def store(seed: int, found: dict[str, Any], limit: float) -> None:
    """``found``'s bound as M-``seed``'s where lower than the one kept for the same data."""
    bound = found["dual"] + SLACK
    stored = stored_bounds()
    kept = stored.get(f"M-{seed}")
    if kept is not None and kept["fingerprint"] == found["fingerprint"] and kept["bound"] <= bound:
        print("M", seed, "not stored: kept", kept["bound"], flush=True)
        return
    stored[f"M-{seed}"] = {
        "bound": bound,
        "fingerprint": found["fingerprint"],
        "load": found["load"],
        "made": time.strftime("%Y-%m-%d %H:%M %Z"),
        "method": (
            "HiGHS's dual bound on the time-indexed MIP (the formulation with its "
            "start columns and every objective term; pairs, start columns and "
            f"sampled hits whole) after {found['seconds']:.0f} s on one thread, "
            f"{found['nodes']} nodes, the planner's {limit:g} s plan as its "
            f"hint, plus {SLACK:g}: every plan's score is at most its LP's at "
            "each open node"
        ),
        "objective": found["objective"],
        "seconds": found["seconds"],
        "solve_bound": found["solve_bound"],
        "nodes": found["nodes"],
        "previous": kept and {k: kept[k] for k in ("bound", "method") if k in kept},
    }
    BOUNDS.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--limit", type=float, default=10.0, help="the planner's solve, s")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            before = load_average()
            found = mip_bound(folder_for("M", seed, Path(tmp)), args.minutes, args.limit, 1)
            found["load"] = f"{before} -> {load_average()}"
            print("M", seed, json.dumps(found), flush=True)
            if args.no_write:
                continue
            store(seed, found, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
