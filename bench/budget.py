"""The planner's search on its work budget alone, with no clock: for comparing search changes.

``solve()`` ends on whichever comes first, its work budget or the clock; on the
shared machine the clock often does (E 20 x 200 at load 8), so a bench row mixes
the search's quality with the load. This script runs the same steps as
``solve()`` for quarters without weeks (the warm start on its budget, CP-SAT's
first search, the neighbourhood search) with every clock set far away, so each
figure depends only on the code and ``--scale`` (a multiple of the shipped work
budget): two versions of the search compare exactly, on any load.

Gaps as in ``bench/run.py``: quarters to the LP bound, GAP instances in cost to
the best plan in ``bench/gap_best.json``; objectives are the checker's.

Usage::

    python bench/budget.py --sizes M,GAP --seeds 0-4 --scale 2
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import BEST_KNOWN, GAP_SIZES, SIZES, make_instance, parse_seeds  # noqa: E402

#: A clock no search reaches: the budget ends each one.
_FAR_S = 1e6


def searched(problem: Any, limit: float, scale: float) -> tuple[float, float | None, int]:
    """The plan's exact objective, the LP bound and the neighbourhood steps, on the budget."""
    from ortools.sat.python import cp_model

    import planner.solving.search as search
    from planner.optimizer.exact_objective import plan_objective
    from planner.optimizer.lns import search_neighbourhoods
    from planner.optimizer.warm_start import warm_start
    from planner.solving.limits import WARM_SHARE
    from planner.solving.stopping import build_model

    budget = WARM_SHARE * limit
    warm = warm_start(problem, time_limit_s=_FAR_S, budget_s=budget)
    planning = build_model(warm, problem, None)
    assert planning is not None
    work = scale * search.DETERMINISTIC_PER_S * limit
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, problem.settings.solve.workers)
    solver.parameters.random_seed = problem.settings.solve.seed
    solver.parameters.max_deterministic_time = search.FIRST_SEARCH_SHARE * work
    code = solver.solve(planning.model)
    assert code in (cp_model.OPTIMAL, cp_model.FEASIBLE), solver.status_name(code)
    chosen, steps = planning.chosen(solver), 0
    if code == cp_model.FEASIBLE:
        better = search_neighbourhoods(
            planning,
            chosen,
            round(solver.objective_value),
            work=work - solver.response_proto.deterministic_time,
            deadline=time.perf_counter() + _FAR_S,
            seed=problem.settings.solve.seed,
        )
        chosen, steps = better.plan, better.steps
    objective = plan_objective(problem, chosen)
    assert objective is not None, "the search's plan breaks a rule"
    return objective, warm.bound, steps


def gap_pct(name: str, seed: int, problem: Any, objective: float, bound: float | None) -> float:
    """The gap in % as ``bench/run.py`` reports it (GAP: in cost, to the best known plan)."""
    size = SIZES[name]
    if not size.gap:
        assert bound is not None
        return 100 * (bound - objective) / abs(bound)
    from planner.core.gap_literature import gap_instance

    instance = gap_instance(size.gap, size.teams, size.projects, seed)
    total = instance.num_jobs * instance.offset
    best = max(objective, json.loads(BEST_KNOWN.read_text()).get(f"{name}s{seed}", objective))
    return 100 * ((total - objective) - (total - best)) / (total - best)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="M,GAP", help="names, or GAP for all six")
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--scale", type=float, default=1.0, help="multiple of the work budget")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    names = [g for n in names for g in (GAP_SIZES if n == "GAP" else (n,))]
    from planner.core.gap_literature import gap_instance, gap_to_problem
    from planner.core.loading import load_with_warnings

    with tempfile.TemporaryDirectory(prefix="planner-budget-") as tmp:
        for name in names:
            size = SIZES[name]
            gaps = []
            for seed in parse_seeds(args.seeds):
                spec = make_instance(size, seed, Path(tmp))
                if size.gap:
                    instance = gap_instance(size.gap, size.teams, size.projects, seed)
                    problem = gap_to_problem(instance)
                else:
                    problem = load_with_warnings(spec["folder"]).problem
                objective, bound, steps = searched(problem, size.time_limit_s, args.scale)
                gaps.append(gap_pct(name, seed, problem, objective, bound))
                print(
                    f"{name} seed {seed}: objective {objective:,.4f}, gap {gaps[-1]:.3f} %, "
                    f"{steps} steps",
                    flush=True,
                )
            mean = sum(gaps) / len(gaps)
            print(f"{name} x{args.scale:g}: mean {mean:.3f} %, worst {max(gaps):.3f} %", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
