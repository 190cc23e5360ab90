"""Stretch-goal confidence benchmarks (issue 16).

* The odds computation (:func:`planner.core.uncertainty.goal_odds`) on the
  sample's plan and on M (40 x 500) and L (150 x 3,000) plans: cold (every
  project drawn afresh) and warm (a re-solve: the draws are memoised),
  median of ``--runs``.
* ``solve()`` with ``[weights] confidence = 1`` on the sample and on M, over
  several seeds, beside the same solve with confidence off (the peer in the
  same run): status, objective, gap, seconds, and what the plan does to the
  odds (goal-weighted mean probability) and to attainment.

Generated quarters get ranges from :func:`planner.core.generate.with_value_ranges`.
The section it writes is kept in ``bench/results.md`` between its markers
(``bench/run.py`` keeps it when it rewrites the file).

Usage::

    python bench/confidence.py              # 3 seeds, 5 timing runs; updates results.md
    python bench/confidence.py --quick      # 1 seed, printed only
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from planner.core.domain import Assignment, Plan, Problem, Unassigned  # noqa: E402
from planner.core.generate import generate_problem, with_value_ranges  # noqa: E402
from planner.core.loading import load_with_warnings  # noqa: E402
from planner.core.uncertainty import (  # noqa: E402
    OBJECTIVE_SAMPLES,
    forget_draws,
    goal_odds,
)
from planner.optimizer.eligibility import eligible_pairs  # noqa: E402
from planner.optimizer.greedy import greedy_pairs  # noqa: E402
from planner.solving.solver import solve  # noqa: E402

BEGIN = "<!-- confidence: written by bench/confidence.py -->"
END = "<!-- /confidence -->"
#: The sample quarter without weeks: the figures recorded in results.md are its.
SAMPLE = HERE.parent / "data" / "sample-without-weeks"


def sample_problem() -> Problem:
    problem = load_with_warnings(SAMPLE).problem
    if not any(p.uncertain for p in problem.projects):
        problem = with_value_ranges(problem)
    return problem


def greedy_plan(problem: Problem) -> Plan:
    chosen = greedy_pairs(problem, eligible_pairs(problem))
    owned = {p.project_id for p in chosen}
    return Plan(
        tuple(
            Assignment(p.project_id, p.team_id, p.share, p.effort_hours, p.value) for p in chosen
        ),
        tuple(Unassigned(p.project_id, "") for p in problem.projects if p.project_id not in owned),
    )


def time_odds(name: str, problem: Problem, plan: Plan, runs: int) -> dict[str, object]:
    cold, warm = [], []
    for _ in range(runs):
        forget_draws()
        started = time.perf_counter()
        goal_odds(problem, plan)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        odds = goal_odds(problem, plan)
        warm.append(time.perf_counter() - started)
    bets = sum(len(o.drivers) for o in odds.values())
    return {
        "plan": name,
        "goals": len(odds),
        "uncertain projects": bets,
        "cold ms": 1000 * statistics.median(cold),
        "warm ms": 1000 * statistics.median(warm),
    }


def weighted_odds(problem: Problem, plan: Plan) -> tuple[float, float]:
    """Goal-weighted mean probability (points) and weighted attainment (points, capped)."""
    odds = goal_odds(problem, plan)
    total = sum(float(g.weight) for g in problem.goals)
    probability = sum(float(g.weight) * 100 * odds[g.goal_id].probability for g in problem.goals)
    attainment = sum(
        float(g.weight) * min(100.0, odds[g.goal_id].attainment(odds[g.goal_id].planned))
        for g in problem.goals
    )
    return probability / total, attainment / total


def solve_pair(name: str, problem: Problem, seed: int, limit: float) -> list[dict[str, object]]:
    rows = []
    for weight in (0.0, 1.0):
        settings = problem.settings
        settings = replace(
            settings,
            weights=replace(settings.weights, confidence=weight),
            solve=replace(settings.solve, seed=seed, time_limit_s=limit),
        )
        p = problem.replace(settings=settings)
        result = solve(p)
        assert result.plan is not None and result.breakdown is not None
        probability, attainment = weighted_odds(p, result.plan)
        rows.append(
            {
                "instance": name,
                "seed": seed,
                "confidence": weight,
                "status": result.status.value,
                "objective": result.objective,
                "gap %": 100 * (result.gap or 0.0),
                "seconds": result.runtime_s,
                "mean odds %": probability,
                "attainment %": attainment,
                "confidence term": float(result.breakdown.confidence),
            }
        )
        print(rows[-1], file=sys.stderr)
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    heads = list(rows[0])
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in rows:
        cells = []
        for h in heads:
            v = row[h]
            cells.append(f"{v:,.2f}" if isinstance(v, float) else str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1 seed, 1 run, printed only")
    parser.add_argument("--out", default=str(HERE / "results.md"))
    args = parser.parse_args(argv)
    seeds = 1 if args.quick else args.seeds
    runs = 1 if args.quick else args.runs
    started = time.time()
    load_before = load_average()

    sample = sample_problem()
    sized = {
        "M 40 x 500": with_value_ranges(generate_problem(40, 500, seed=0)),
        "L 150 x 3,000": with_value_ranges(generate_problem(150, 3_000, seed=0)),
    }
    sample_plan = solve(sample).plan
    assert sample_plan is not None
    timing = [time_odds("sample (solved)", sample, sample_plan, runs)]
    timing += [time_odds(name, p, greedy_plan(p), runs) for name, p in sized.items()]
    print(markdown(timing))

    solves: list[dict[str, object]] = []
    for seed in range(seeds):
        solves += solve_pair("sample", sample, seed, 10.0)
    for seed in range(seeds):
        m = with_value_ranges(generate_problem(40, 500, seed=seed), seed=seed)
        solves += solve_pair("M 40 x 500", m, seed, 5.0)
    print(markdown(solves))
    if args.quick:
        return 0

    command = "python bench/confidence.py " + " ".join(argv or sys.argv[1:])
    section = f"""{BEGIN}
## Stretch-goal confidence (issue 16)

Made by `{command.strip()}` on {time.strftime("%Y-%m-%d %H:%M")} ({platform.machine()},
{os.cpu_count()} cores, Python {platform.python_version()}); {(time.time() - started) / 60:.1f} min.
Load average before: {load_before}; after: {load_average()}.

The odds of every goal in one plan (`goal_odds`, 20,000 stratified draws per
uncertain project, exact for goals with at most one), median of {runs}: `cold` draws
every project afresh, `warm` is a re-solve (the draws are memoised per project).

{markdown(timing)}

`solve()` with `[weights] confidence = 1` beside the same solve with it off
(attainment 1, balance 0.1, fit 0.05), per seed (the sample: CP-SAT's seed;
M: the generator's and CP-SAT's). `mean odds` is the goal-weighted mean
probability of reaching the target; `attainment` the goal-weighted planned
attainment (capped at 100 %); `confidence term` the objective's confidence
points ({OBJECTIVE_SAMPLES} sampled outcomes per goal).

{markdown(solves)}

Reading it: with confidence on, the sample's plans reach their targets with a
goal-weighted 54-59 % chance instead of 28 %, paying 6-10 points of attainment
(the plan stops spreading hours over goals it cannot reach for sure). On M the odds
are already high without it; on with the confidence-blind start kept when better,
they end level or higher (76.7 = 76.7, 83.5 vs 80.9, 86.0 vs 75.6). The reported gap
(6-11 %) is mostly the bound's: the LP and CP-SAT relax each sampled "goal reached"
to a fraction, which a plan cannot do. Odds at L take seconds because its 2,335
uncertain projects overflow the 512-project memo; the sample's re-solve needs 17 ms.
{END}
"""
    write_section(Path(args.out), section, BEGIN, END)
    return 0


def write_section(out: Path, section: str, begin: str, end: str) -> None:
    """``section`` (its ``begin`` to ``end`` markers included) at the end of ``out``, in
    place of the one an earlier run wrote there."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end) + "\n?", re.S)
    text = pattern.sub("", text).rstrip("\n") + "\n\n" + section
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
