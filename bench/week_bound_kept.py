"""M's bound in weeks with the rows that tie two teams' weeks kept (issue 15).

Every Dantzig-Wolfe bound of bench/results.md "Weeks" so far left a joint
project's same-start rows and the finish-to-start rows between projects of
different teams out of the master (``relax={"window", "sequence"}``): a
relaxation, so no such bound falls below its converged master (1,678.36 on M
seed 0 after 94 rounds). Here the same stabilised column generation
(:func:`planner.optimizer.week_bound_stable.stable_week_bound`) runs twice from
one start plan, once with those rows left out and once with them kept as
linking rows over the columns (``relax=frozenset()``; what they say over the
columns and why they are valid: :mod:`planner.optimizer.week_bound`'s
docstring), the same number of rounds, and compares the masters (with no row
broken: a lower end of each Dantzig-Wolfe bound) and the proven ``L(y)``.

Three steps, so that the two bounds run side by side (one core each) from the
same plan::

    python bench/week_bound_kept.py plan --seed 0 --out PLAN.json
    nice -n 10 python bench/week_bound_kept.py bound --plan PLAN.json --rows kept --rounds 94
    nice -n 10 python bench/week_bound_kept.py bound --plan PLAN.json --rows relaxed --rounds 94

``pooled`` runs the rounds with the rows left out, solves the master over their
pool of columns both ways (the same columns: what keeping the rows costs that
master), then runs the rounds with the rows kept from that pool::

    nice -n 10 python bench/week_bound_kept.py pooled --plan PLAN.json --kept-seconds 600

``plan`` solves the generated M quarter (40 x 500 in weeks, as bench/weeks.py
makes it) for 10 s and writes the plan; ``bound`` prints one JSON line with the
master, the estimate, the proven bound, the rounds and the seconds (``--store``:
into bench/week_bounds.json where tighter than the bound stored for the same data).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from weeks import BOUNDS, SIZES, fingerprint, folder_for, load_average, stored_bounds  # noqa: E402

#: What ``--rows`` leaves out of the master.
RELAX = {"kept": frozenset[str](), "relaxed": frozenset({"window", "sequence"})}


def make_plan(size: str, seed: int, out: Path) -> dict[str, Any]:
    """The 10 s plan of the generated quarter: its pairs and start weeks."""
    from planner.core.loading import load_with_warnings
    from planner.solving.solver import solve

    with tempfile.TemporaryDirectory() as tmp:
        folder = folder_for(size, seed, Path(tmp))
        problem = load_with_warnings(folder).problem
        result = solve(problem, time_limit_s=SIZES[size][2])
        digest = fingerprint(folder)
    assert result.plan is not None
    plan = {
        "size": size,
        "seed": seed,
        "fingerprint": digest,
        "objective": result.objective,
        "solve_bound": result.bound,
        "assignments": [[a.project_id, a.team_id, a.start_week] for a in result.plan.assignments],
    }
    out.write_text(json.dumps(plan), encoding="utf-8")
    return {k: v for k, v in plan.items() if k != "assignments"}


def stored_plan(plan_file: Path) -> tuple[dict[str, Any], Any, Any, Any, dict[str, int]]:
    """The plan ``plan`` wrote, its quarter's problem (checked by its fingerprint), the
    eligible pairs, the plan's pairs among them and its start weeks."""
    from planner.core.loading import load_with_warnings
    from planner.optimizer.eligibility import eligible_pairs

    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = folder_for(plan["size"], plan["seed"], Path(tmp))
        assert fingerprint(folder) == plan["fingerprint"], "not the plan's quarter"
        problem = load_with_warnings(folder).problem
    pairs = eligible_pairs(problem)
    index = {(p.project_id, p.team_id): p for p in pairs}
    chosen = [index[(p, t)] for p, t, _ in plan["assignments"]]
    starts = {p: s for p, _, s in plan["assignments"] if s}
    return plan, problem, pairs, chosen, starts


def figures(found: Any) -> dict[str, Any]:
    """What a run of :func:`stable_week_bound` found, as the JSON line gives it."""
    return {
        "bound": found.bound,
        "proofs": found.proofs,
        "master": found.master if math.isfinite(found.master) else None,
        "estimate": found.estimate,
        "rounds": found.rounds,
        "columns": found.columns,
        "seconds": round(found.seconds, 1),
        "proof_seconds": round(found.proof_seconds, 1),
        "trace": [[r, round(m, 4), round(b, 4), round(s, 1)] for r, m, b, s in found.trace],
        "load": load_average(),
        "made": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def bound(plan_file: Path, rows: str, args: argparse.Namespace) -> dict[str, Any]:
    """The stabilised bound from the stored plan, with the rows kept or left out."""
    from planner.optimizer.week_bound_stable import stable_week_bound

    plan, problem, pairs, chosen, starts = stored_plan(plan_file)
    found = stable_week_bound(
        problem,
        chosen,
        starts,
        pairs=pairs,
        time_limit_s=args.seconds,
        max_rounds=args.rounds,
        pricing_s=args.pricing_s,
        max_pricing_s=args.max_pricing_s,
        final_pricing_s=args.final_pricing_s,
        relax=RELAX[rows],
    )
    return {
        "size": plan["size"],
        "seed": plan["seed"],
        "fingerprint": plan["fingerprint"],
        "rows": rows,
        "objective": plan["objective"],
        "solve_bound": plan["solve_bound"],
        **figures(found),
        "converged": found.converged,
        "method": (
            "Dantzig-Wolfe by team, joint same-start and sequence rows "
            + ("kept in the master" if rows == "kept" else "left out")
            + f": a box round the duals from the LP's, {found.rounds} rounds of local-search "
            f"pricing (CP-SAT {args.pricing_s:g}-{args.max_pricing_s:g} s a team when it finds "
            "nothing), then L(y) at the best duals with each team's pricing proven by CP-SAT "
            f"({args.final_pricing_s:g} s a team)"
        ),
    }


def master_over(problem: Any, pairs: Any, pool: Any, relax: frozenset[str]) -> float:
    """The master LP over ``pool`` (team, columns) with the rows ``relax`` leaves in."""
    from planner.optimizer.week_bound import MasterLp, decomposed

    split = decomposed(problem, pairs, relax)
    lp, blocks = split.lp, split.blocks
    master = MasterLp(
        lp, blocks.linking, blocks.entries, blocks.aux, blocks.cost, list(blocks.columns)
    )
    for t, column in pool:
        master.add(t, column)
    assert master.solve()
    return float(master.objective.Value())


def pooled(plan_file: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The same columns with the rows left out and kept: rounds with them left out, the
    master over their pool both ways, then rounds with them kept from that pool."""
    from planner.optimizer.week_bound_stable import stable_week_bound

    plan, problem, pairs, chosen, starts = stored_plan(plan_file)
    relaxed = stable_week_bound(
        problem,
        chosen,
        starts,
        time_limit_s=args.seconds,
        max_rounds=args.rounds,
        final_pricing_s=0.5,  # its proof is not the point here
        relax=RELAX["relaxed"],
        pairs=pairs,
        pricing_s=args.pricing_s,
        max_pricing_s=args.max_pricing_s,
    )
    assert relaxed.pool is not None
    over = {rows: master_over(problem, pairs, relaxed.pool, RELAX[rows]) for rows in RELAX}
    print("the relaxed run's pool, master:", json.dumps(over), file=sys.stderr, flush=True)
    kept = stable_week_bound(
        problem,
        chosen,
        starts,
        time_limit_s=args.kept_seconds,
        max_rounds=args.rounds,
        final_pricing_s=args.final_pricing_s,
        relax=RELAX["kept"],
        more_columns=relaxed.pool,
        pairs=pairs,
        pricing_s=args.pricing_s,
        max_pricing_s=args.max_pricing_s,
    )
    return {
        "size": plan["size"],
        "seed": plan["seed"],
        "fingerprint": plan["fingerprint"],
        "rows": "pooled",
        "objective": plan["objective"],
        "relaxed": {
            "master": relaxed.master,
            "estimate": relaxed.estimate,
            "rounds": relaxed.rounds,
            "columns": relaxed.columns,
            "seconds": round(relaxed.seconds, 1),
        },
        "pool_master": over,
        **figures(kept),
        "method": (
            "Dantzig-Wolfe by team, joint same-start and sequence rows kept in the master, "
            f"from the pool of {relaxed.rounds} rounds with them left out: a box round the "
            f"duals from the LP's, {kept.rounds} rounds of local-search pricing (CP-SAT "
            f"{args.pricing_s:g}-{args.max_pricing_s:g} s a team when it finds nothing), then "
            f"L(y) at the best duals with each team's pricing proven by CP-SAT "
            f"({args.final_pricing_s:g} s a team)"
        ),
    }


def store(entry: dict[str, Any]) -> str:
    """Into bench/week_bounds.json where tighter than the stored bound of the same data."""
    stored = stored_bounds()
    key = f"{entry['size']}-{entry['seed']}"
    kept = stored.get(key)
    same = kept is not None and kept["fingerprint"] == entry["fingerprint"]
    if same and kept is not None and kept["bound"] <= entry["bound"]:
        return f"kept the stored bound, as tight or tighter: {kept['bound']}"
    stored[key] = {k: v for k, v in entry.items() if k not in ("trace", "proofs")}
    BOUNDS.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")
    return f"stored {entry['bound']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=["plan", "bound", "pooled"])
    parser.add_argument("--size", default="M", choices=["M"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="plan: where to write the plan")
    parser.add_argument("--plan", type=Path, help="bound: the plan written by `plan`")
    parser.add_argument("--rows", choices=sorted(RELAX), default="kept")
    parser.add_argument("--rounds", type=int, default=94)
    parser.add_argument("--seconds", type=float, default=1080.0, help="rounds' time limit")
    parser.add_argument(
        "--kept-seconds", type=float, default=600.0, help="pooled: the kept rounds' time limit"
    )
    parser.add_argument("--pricing-s", type=float, default=0.25)
    parser.add_argument("--max-pricing-s", type=float, default=1.0)
    parser.add_argument("--final-pricing-s", type=float, default=3.0)
    parser.add_argument(
        "--store", action="store_true", help="bound: into bench/week_bounds.json where tighter"
    )
    args = parser.parse_args(argv)
    if args.step == "plan":
        print(json.dumps(make_plan(args.size, args.seed, args.out)), flush=True)
        return 0
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    logging.getLogger("planner.optimizer.week_bound_stable").setLevel(logging.INFO)
    entry = pooled(args.plan, args) if args.step == "pooled" else bound(args.plan, args.rows, args)
    print(json.dumps(entry), flush=True)
    if args.store:
        print(store(entry), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
