"""Stronger bounds for the bench's quarters, computed offline and stored.

``bench/run.py`` measures a quarter's gap to the best bound it knows: the LP
relaxation's and the planner's own. Both are weak next to what a MIP solver
proves after a long run; this script gives HiGHS (``planner.optimizer.mip``:
the same formulation as the LP, its columns integer, one thread) a long time
limit on each instance and stores its dual bound in
``bench/quarter_bounds.json``, keyed by size, seed and a hash of the generated
files (``run.instance_key``), so a stored bound is only ever used for the very
instance it bounds. A bound is stored only when tighter than the one there.

Every stored bound is valid (a MIP dual bound of the maximisation, within
HiGHS's feasibility tolerances); a longer run only tightens it.

Usage::

    python bench/bounds.py --sizes M --seeds 0-4 --seconds 150
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import QUARTER_BOUNDS, SIZES, make_instance, parse_seeds  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="M")
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--seconds", type=float, default=150.0, help="HiGHS's limit a seed")
    args = parser.parse_args(argv)

    from planner.core.loading import load_with_warnings
    from planner.optimizer.exact_objective import plan_objective
    from planner.optimizer.lp_bound import lp_bound
    from planner.optimizer.mip import solve_mip

    stored = json.loads(QUARTER_BOUNDS.read_text()) if QUARTER_BOUNDS.exists() else {}
    with tempfile.TemporaryDirectory(prefix="planner-bounds-") as tmp:
        for name in args.sizes.split(","):
            size = SIZES[name]
            if size.gap:
                raise SystemExit(f"{name}: GAP instances are scored against plans, not bounds")
            for seed in parse_seeds(args.seeds):
                spec = make_instance(size, seed, Path(tmp))
                problem = load_with_warnings(spec["folder"]).problem
                lp = lp_bound(problem).bound
                started = time.perf_counter()
                mip = solve_mip(problem, time_limit_s=args.seconds)
                seconds = time.perf_counter() - started
                plan = plan_objective(problem, mip.chosen) if mip.chosen else None
                print(
                    f"{spec['key']}: LP {lp:.4f}, HiGHS bound {mip.bound}, plan {plan}, "
                    f"{mip.nodes} nodes, {seconds:.0f} s",
                    file=sys.stderr,
                )
                old = stored.get(spec["key"])
                if mip.bound is None or (old is not None and old["bound"] <= mip.bound):
                    continue
                stored[spec["key"]] = {
                    "bound": round(mip.bound, 6),
                    "lp_bound": round(lp, 6) if lp is not None else None,
                    "highs_plan": None if plan is None else round(plan, 6),
                    "seconds": round(seconds),
                    "nodes": mip.nodes,
                    "how": "HiGHS via planner.optimizer.mip.solve_mip, one thread, "
                    f"{args.seconds:g} s limit",
                    "date": time.strftime("%Y-%m-%d"),
                }
                QUARTER_BOUNDS.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
