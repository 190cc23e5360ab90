"""The goals' odds at 150 teams: how long they take over several seeds, and how far they are
from a plain peer (SPEC "Uncertain impact").

For each seed, a generated quarter of ``--teams`` teams and ``--projects`` projects with
ranges (:func:`planner.core.generate.with_value_ranges`) and its greedy plan; then, ``--runs``
times, :func:`planner.core.uncertainty.goal_odds` cold (no project's draws kept from
before), CPU (``time.process_time``: a shared machine's load moves it less) and wall. Per
seed the mean and the worst, then over every seed. Beside them, each goal's chance against a
plain Monte Carlo written from SPEC alone (numpy's triangular sampler, ``--peer-draws``
draws, its own seed): the largest difference over the goals in doubt.

Usage::

    python bench/odds_teams.py                  # 150 x 3,000, seeds 0-2, 3 runs; updates results.md
    python bench/odds_teams.py --quick          # seed 0, 1 run, printed only
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from confidence import greedy_plan, load_average, markdown, write_section  # noqa: E402
from odds_precision import plain_monte_carlo  # noqa: E402

from planner.core.generate import generate_problem, with_value_ranges  # noqa: E402
from planner.core.uncertainty import forget_draws, goal_odds  # noqa: E402

BEGIN = "<!-- odds_teams: written by bench/odds_teams.py -->"
END = "<!-- /odds_teams -->"


def measure(teams: int, projects: int, seed: int, runs: int, peer_draws: int) -> dict[str, object]:
    problem = with_value_ranges(generate_problem(teams, projects, seed=seed), seed=seed)
    plan = greedy_plan(problem)
    cpu, wall = [], []
    for _ in range(runs):
        forget_draws()
        c, w = time.process_time(), time.perf_counter()
        odds = goal_odds(problem, plan)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    peer = plain_monte_carlo(problem, plan, peer_draws, seed=12345 + seed)
    doubt = [g for g, o in odds.items() if 0 < o.probability < 1]
    furthest = max((abs(100 * (odds[g].probability - peer[g])) for g in doubt), default=0.0)
    row = {
        "seed": seed,
        "uncertain projects": sum(len(o.drivers) for o in odds.values()),
        "goals in doubt": len(doubt),
        "CPU s mean": statistics.mean(cpu),
        "CPU s worst": max(cpu),
        "wall s mean": statistics.mean(wall),
        "wall s worst": max(wall),
        "furthest from peer, pts": furthest,
    }
    print(row, file=sys.stderr, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=150)
    parser.add_argument("--projects", type=int, default=3_000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-draws", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="seed 0, 1 run, printed only")
    parser.add_argument("--out", default=str(HERE / "results.md"))
    args = parser.parse_args(argv)
    seeds, runs = (1, 1) if args.quick else (args.seeds, args.runs)
    started, load_before = time.time(), load_average()
    rows = [
        measure(args.teams, args.projects, seed, runs, args.peer_draws) for seed in range(seeds)
    ]
    cpu = [float(r["CPU s mean"]) for r in rows]
    wall = [float(r["wall s mean"]) for r in rows]
    rows.append(
        {
            "seed": "all",
            "uncertain projects": "",
            "goals in doubt": sum(int(r["goals in doubt"]) for r in rows),
            "CPU s mean": statistics.mean(cpu),
            "CPU s worst": max(float(r["CPU s worst"]) for r in rows),
            "wall s mean": statistics.mean(wall),
            "wall s worst": max(float(r["wall s worst"]) for r in rows),
            "furthest from peer, pts": max(float(r["furthest from peer, pts"]) for r in rows),
        }
    )
    table = markdown(rows)
    print(table)
    if args.quick:
        return 0
    command = "python bench/odds_teams.py " + " ".join(argv or sys.argv[1:])
    section = f"""{BEGIN}
## The goals' odds at {args.teams} teams x {args.projects:,} projects, {seeds} seeds

Made by `{command.strip()}` on {time.strftime("%Y-%m-%d %H:%M")} ({platform.machine()},
{os.cpu_count()} cores, Python {platform.python_version()}); {(time.time() - started) / 60:.1f} min.
Load average before: {load_before}; after: {load_average()} (the wall moves with it, the
CPU less).

Each seed's generated quarter with ranges and its greedy plan: `goal_odds` cold (no draws
kept), {runs} calls, mean and worst; `furthest from peer` the largest difference of a goal
in doubt from a plain Monte Carlo of {args.peer_draws:,} draws (numpy's triangular sampler,
written from SPEC alone), whose own standard error is up to
{100 * 0.5 / args.peer_draws**0.5:.2f} points.

{table}
{END}
"""
    write_section(Path(args.out), section, BEGIN, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
