"""How precise each goal's reported chance is (SPEC "Uncertain impact": within ±1 point).

For the sample's plan and generated quarters with ranges (their greedy plans), every goal
in doubt (a chance between 0.1 and 99.9 %) and of two or more uncertain projects (one is
exact): :func:`planner.core.uncertainty.goal_odds` over ``--seeds`` seeds, beside a plain
Monte Carlo peer written from SPEC alone (numpy's own triangular sampler, 20 times the
draws, one seed of its own) in the same run. Per goal: the default seed's chance, the
peer's, their difference; the spread (standard deviation) over the seeds, plain Monte
Carlo's standard error at :data:`~planner.core.uncertainty.DRAWS` draws and their ratio
(below 1: the stratified draws do better); the seed furthest from the seeds' mean.

The figures do not depend on the machine's load (no timings).

Usage::

    python bench/odds_precision.py              # 40 seeds; updates results.md
    python bench/odds_precision.py --quick      # 5 seeds, printed only
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from confidence import greedy_plan, load_average, markdown, write_section  # noqa: E402

from planner.core.domain import Plan, Problem  # noqa: E402
from planner.core.generate import generate_problem, with_value_ranges  # noqa: E402
from planner.core.loading import load_with_warnings  # noqa: E402
from planner.core.uncertainty import DRAWS, SEED, goal_odds  # noqa: E402
from planner.solving.solver import solve  # noqa: E402

BEGIN = "<!-- odds_precision: written by bench/odds_precision.py -->"
END = "<!-- /odds_precision -->"
SAMPLE = HERE.parent / "data" / "sample"


def plain_monte_carlo(problem: Problem, plan: Plan, draws: int, seed: int) -> dict[str, float]:
    """Each goal's chance with numpy's triangular sampler: a team's value scales its range,
    a joint project's owners share one outcome (SPEC "Uncertain impact"). A range from a
    value of 0 (0 to its high) has no ratio to scale by: each owner without a value of its
    own carries its share of it, one with a value of its own that value, certain."""
    rng = np.random.default_rng(seed)
    outcome: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(draws))
    factor: dict[str, float] = defaultdict(float)
    for a in plan.assignments:
        p = problem.project(a.project_id)
        if p.goal_id is None:
            continue
        if p.low == p.high or (p.value == 0 and a.value != 0):
            outcome[p.goal_id] += float(a.value)
        elif p.value == 0:  # a triangle (0, 0, high): its share of it
            factor[p.project_id] += float(a.share)
        else:
            factor[p.project_id] += float(a.value) / float(p.value)
    for project_id, f in factor.items():
        p = problem.project(project_id)
        assert p.goal_id is not None
        low, high = float(p.low), float(p.high)
        outcome[p.goal_id] += f * rng.triangular(low, float(p.value), high, draws)
    return {g.goal_id: float(np.mean(outcome[g.goal_id] >= float(g.target))) for g in problem.goals}


def measure(name: str, problem: Problem, plan: Plan, seeds: int) -> list[dict[str, object]]:
    default = goal_odds(problem, plan)
    runs = [goal_odds(problem, plan, seed=s) for s in range(1, seeds + 1)]
    peer = plain_monte_carlo(problem, plan, 20 * DRAWS, seed=12345)
    rows = []
    for goal_id, odds in default.items():
        chances = np.array([100 * r[goal_id].probability for r in runs])
        mean = float(chances.mean())
        if len(odds.drivers) < 2 or not 0.1 < mean < 99.9:
            continue  # exact, or (near) certain either way
        plain = 100 * np.sqrt(mean / 100 * (1 - mean / 100) / DRAWS)
        spread = float(chances.std(ddof=1))
        rows.append(
            {
                "quarter": name,
                "goal": goal_id,
                "bets": len(odds.drivers),
                "chance %": 100 * odds.probability,
                "peer %": 100 * peer[goal_id],
                "difference pts": 100 * odds.probability - 100 * peer[goal_id],
                "spread pts": spread,
                "plain MC pts": plain,
                "ratio": spread / plain,
                "furthest pts": float(np.abs(chances - mean).max()),
            }
        )
    return rows


def quarters(quick: bool) -> list[tuple[str, Problem, Plan]]:
    sample = load_with_warnings(SAMPLE).problem
    plan = solve(sample).plan
    assert plan is not None
    out = [("sample (solved)", sample, plan)]
    for seed in (1, 2) if not quick else (1,):
        generated = with_value_ranges(generate_problem(12, 120, seed=seed), seed=seed)
        out.append((f"12 x 120, seed {seed}", generated, greedy_plan(generated)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--quick", action="store_true", help="5 seeds, printed only")
    parser.add_argument("--out", default=str(HERE / "results.md"))
    args = parser.parse_args(argv)
    seeds = 5 if args.quick else args.seeds
    started = time.time()
    load_before = load_average()
    rows: list[dict[str, object]] = []
    for name, problem, plan in quarters(args.quick):
        rows += measure(name, problem, plan, seeds)
    table = markdown(rows)
    print(table)
    worst = max(abs(float(r["difference pts"])) for r in rows)  # type: ignore[arg-type]
    furthest = max(float(r["furthest pts"]) for r in rows)  # type: ignore[arg-type]
    ratios = [float(r["ratio"]) for r in rows]  # type: ignore[arg-type]
    print(f"worst difference {worst:.2f} pts; furthest seed {furthest:.2f} pts")
    if args.quick:
        return 0
    command = "python bench/odds_precision.py " + " ".join(argv or sys.argv[1:])
    section = f"""{BEGIN}
## How precise a goal's chance is

Made by `{command.strip()}` on {time.strftime("%Y-%m-%d %H:%M")} ({platform.machine()},
{os.cpu_count()} cores, Python {platform.python_version()}); {(time.time() - started) / 60:.1f} min.
Load average before: {load_before}; after: {load_average()} (no timings: the figures do
not depend on it).

Every goal in doubt with two or more uncertain projects: `chance` is the reported one
(`goal_odds`, {DRAWS:,} stratified draws, seed {SEED}), `peer` a plain Monte Carlo of
{20 * DRAWS:,} draws with numpy's triangular sampler in the same run; `spread` the
standard deviation of the chance over {seeds} other seeds, `plain MC` the standard error
of plain Monte Carlo at {DRAWS:,} draws, `furthest` the seed furthest from their mean
(all in percentage points).

{table}

Reading it: the reported chance is at most {worst:.2f} points from the peer's and no seed
is more than {furthest:.2f} points from the seeds' mean, inside SPEC's ±1 point. The
stratified draws' spread is {min(ratios):.1f} to {max(ratios):.1f} times plain Monte
Carlo's: each project's own distribution is near exact, a sum of many less so.
{END}
"""
    write_section(Path(args.out), section, BEGIN, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
