"""What the tabu search after HiGHS adds on the 10 x 100 GAP instances, in the same solves.

Under 1,500 pairs each polished HiGHS plan of a pure assignment gets 200 steps of
:func:`planner.optimizer.gap_tabu.tabu_polish`. HiGHS ends on the clock, so two
solves of the same instance differ by more than the tabu search adds; this
measures it within each solve instead: every plan the tabu search is given and the
plan it returns are scored, and so is CP-SAT's plan (the second HiGHS's start).
Each row: the instance, the planner's plan (with the tabu search) and the plan it
would have had without it (the best of CP-SAT's plan and the polished HiGHS plans),
as gaps in cost to the best plan the bench knows (bench/gap_best.json), and the
tabu search's time.

Usage::

    python bench/gap_tabu.py --kinds D,E --seeds 0-4 --time-limit 10
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BEST_KNOWN, parse_seeds, small_gap_arguments

from planner.core.gap_literature import gap_instance, gap_to_problem
from planner.optimizer.exact_objective import plan_objective
from planner.solving import portfolio
from planner.solving.solver import solve


def main() -> None:
    args = small_gap_arguments(__doc__)
    best_known = json.loads(BEST_KNOWN.read_text())
    seen: dict[str, Any] = {}
    searched = portfolio.tabu_polish
    after_search = portfolio.Portfolio.after_search

    def tabu(problem, pairs, chosen, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        found = searched(problem, pairs, chosen, **kwargs)
        seen["seconds"] += time.perf_counter() - started
        seen["polished"].append(plan_objective(problem, chosen))
        seen["searched"].append(plan_objective(problem, found))
        return found

    def cp_sat_plan(self, plan, deadline):  # type: ignore[no-untyped-def]
        seen["cp_sat"] = plan_objective(self.problem, plan) if plan else None
        after_search(self, plan, deadline)

    portfolio.tabu_polish = tabu  # type: ignore[assignment]
    portfolio.Portfolio.after_search = cp_sat_plan  # type: ignore[method-assign]
    print("| instance | planner | without the tabu search | HiGHS plans it gained on | time |")
    print("|---|---|---|---|---|")
    for kind in args.kinds.split(","):
        for seed in parse_seeds(args.seeds):
            seen.update(seconds=0.0, polished=[], searched=[], cp_sat=None)
            instance = gap_instance(kind, 10, 100, seed)
            problem = gap_to_problem(instance)
            result = solve(problem, time_limit_s=args.time_limit)
            if result.objective is None:
                continue
            without = max(
                [v for v in (*seen["polished"], seen["cp_sat"]) if v is not None],
                default=None,
            )
            best = max(best_known[instance.name], result.objective)
            total = instance.num_jobs * instance.offset

            def gap(value: float | None, total: int = total, best: float = best) -> str:
                if value is None:
                    return "-"
                return f"{100 * ((total - value) - (total - best)) / (total - best):.3f} %"

            gained = sum(b > a for a, b in zip(seen["polished"], seen["searched"], strict=True))
            print(
                f"| {instance.name} | {gap(result.objective)} | {gap(without)} | "
                f"{gained} of {len(seen['polished'])} | {seen['seconds']:.2f} s |",
                flush=True,
            )


if __name__ == "__main__":
    main()
