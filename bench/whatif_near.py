"""The second stage of a what-if alone, on stored inputs: before and after, paired.

``bench/whatif.py`` solves the current plan and the free re-plan each run, so two
versions of the code compare different plans on a loaded machine. Here they are solved
once per seed and size and stored (``--store``, pickled: a scratch folder, not for
sharing); each run then times only :func:`~planner.scenarios.relative.solve_relative`'s
second stage (``free=`` the stored re-plan, ``(1 - FREE_SHARE)`` of the limit), so the
code before and after a change (run from their own checkouts, the same ``--store``)
start from the same plans.

Per seed and cut: the free re-plan's changes against the current plan (moved +
dropped), the kept plan's, and the kept plan's score against the free re-plan's (%).
With ``--weeks`` the quarters are in weeks (durations, windows, a calendar per team), and
each line also counts the projects kept on their teams but started in other weeks. At the
end, per cut, the mean and worst over the seeds of the kept plan's changes and seconds.
With ``--peer`` also a plain peer in the same seconds: CP-SAT from scratch (``solve``)
with a stability weight of twice what the tolerance leaves per change of the free
re-plan, its changes and score against the free re-plan's.

Usage::

    python bench/whatif_near.py --teams 150 --projects 3000 --seeds 0,1,2 \\
        --time-limit 30 --cuts sales:0.95,sales:0.9,team:0.95 --store /tmp/whatif-store
    python bench/whatif_near.py --teams 150 --projects 1500 --weeks --time-limit 10 \
        --cuts team:0.95 --store /tmp/whatif-store
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whatif import limited, most_loaded_sales_team

from planner.checker import check_plan, num_changes, objective_of
from planner.core.domain import Baseline
from planner.core.generate import generate_instance, generate_problem
from planner.core.generate_weeks import with_weeks
from planner.scenarios.relative import DEFAULT_TOLERANCE, FREE_SHARE, solve_relative
from planner.scenarios.rest_of_quarter import baseline_starts
from planner.scenarios.whatif import with_capacity
from planner.solving.near_current_plan import rescheduled
from planner.solving.solver import solve


def stored(
    store: Path, teams: int, projects: int, seed: int, limit: float, cuts: str, weeks: bool = False
) -> Any:
    """The quarter, its current plan and each cut's free re-plan, solved once."""
    path = store / f"{teams}x{projects}{'-weeks' if weeks else ''}-seed{seed}-{limit:g}s.pickle"
    if path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    if weeks:
        generated = with_weeks(generate_instance(teams, projects, seed=seed), seed=seed)
        problem = limited(generated, limit)
    else:
        problem = limited(generate_problem(teams, projects, seed=seed), limit)
    current = solve(problem)
    assert current.plan is not None
    frees = {}
    for item in cuts.split(","):
        target, factor = item.split(":")
        if target == "team":
            target = most_loaded_sales_team(problem, current.plan)
        cut = with_capacity(problem, target, float(factor))
        frees[item] = (target, float(factor), solve(cut, time_limit_s=FREE_SHARE * limit))
    found = (problem, current, frees)
    store.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(found, f)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=150)
    parser.add_argument("--projects", type=int, default=3000)
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--cuts", default="sales:0.95,sales:0.9,team:0.95")
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--peer", action="store_true", help="also CP-SAT with a stability term")
    parser.add_argument("--stage-s", type=float, help="second stage seconds")
    parser.add_argument("--label", default="", help="printed at the start of each line")
    parser.add_argument("--weeks", action="store_true", help="quarters in weeks")
    args = parser.parse_args()
    print(f"{args.label}load: {os.getloadavg()}", flush=True)
    kept: dict[str, list[tuple[int, int, float]]] = {}
    for seed in (int(s) for s in args.seeds.split(",")):
        found = stored(
            args.store, args.teams, args.projects, seed, args.time_limit, args.cuts, args.weeks
        )
        problem, current, frees = found
        for item in args.cuts.split(","):
            target, factor, free = frees[item]
            cut = with_capacity(problem, target, factor)
            started = time.perf_counter()
            near_s = args.stage_s or (1 - FREE_SHARE) * args.time_limit
            rel = solve_relative(cut, current.plan, free=free, time_limit_s=near_s)
            seconds = time.perf_counter() - started
            assert rel.result.plan is not None and check_plan(cut, rel.result.plan) == []
            assert rel.result.objective is not None and free.objective is not None
            moved, dropped, _ = rel.free_changes
            vs_free = 100 * (rel.result.objective - free.objective) / abs(free.objective)
            weeks = rescheduled(anchored_on(cut, current.plan), rel.result.plan)
            kept.setdefault(item, []).append((rel.num_changes, weeks, seconds))
            print(
                f"{args.label}seed {seed} {target} x{factor:g}: free {moved + dropped}, kept "
                f"{rel.num_changes} ({len(rel.moved)} moved, {len(rel.dropped)} dropped, "
                f"{weeks} in other weeks), {vs_free:+.3f} % vs free, {seconds:.1f} s",
                flush=True,
            )
            if args.peer:
                peer(cut, current.plan, free, near_s, f"{args.label}seed {seed} {item}")
    print(f"{args.label}load: {os.getloadavg()}", flush=True)
    print(f"{args.label}| cut | changes mean / worst | other weeks mean / worst | s mean / worst |")
    for item, rows in kept.items():
        cells = [
            f"{sum(r[i] for r in rows) / len(rows):.1f} / {max(r[i] for r in rows):.1f}"
            for i in range(3)
        ]
        print(f"{args.label}| {item} | " + " | ".join(cells) + " |", flush=True)


def anchored_on(cut: Any, in_force: Any) -> Any:
    """The cut with the current plan as its baseline, as the what-if anchors it."""
    owners = {p: t for p, t in in_force.owners().items() if p in cut.project_index}
    return cut.replace(baseline=Baseline(owners, starts=baseline_starts(in_force)))


def peer(cut: Any, in_force: Any, free: Any, seconds: float, label: str) -> None:
    """CP-SAT from scratch with a stability term, in the kept plan's seconds."""
    owners = {p: t for p, t in in_force.owners().items() if p in cut.project_index}
    anchored = cut.replace(baseline=Baseline(owners, starts=baseline_starts(in_force)))
    unit = DEFAULT_TOLERANCE * abs(free.objective) / max(1, num_changes(anchored, free.plan))
    weights = replace(anchored.settings.weights, stability=2 * unit)
    weighted = anchored.replace(settings=anchored.settings.with_changes(weights=weights))
    started = time.perf_counter()
    result = solve(weighted, time_limit_s=seconds)
    took = time.perf_counter() - started
    if result.plan is None:
        print(f"{label} peer: no plan, {took:.1f} s", flush=True)
        return
    score = float(objective_of(anchored, result.plan).total)
    vs_free = 100 * (score - free.objective) / abs(free.objective)
    print(
        f"{label} peer: {num_changes(anchored, result.plan)} changes, {vs_free:+.3f} % vs "
        f"free, {took:.1f} s",
        flush=True,
    )


if __name__ == "__main__":
    main()
