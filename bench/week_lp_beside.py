"""The LP with weeks beside the warm start (issue 15), when its worker gets a core.

A 10 s solve's warm start on M quarters in weeks (40 x 500; 7.5 s of budget),
run to the end of its work (the plan of a quiet machine, the same every run):
the greedy's own search, and beside it HiGHS's interior point on the LP with
the start columns in its worker process (planner/optimizer/week_lp.py), whose
own choice is searched in turn; the better plan is kept. ``--nice`` sets the
worker's niceness (the solve's is 19: on a loaded machine it then gets no
CPU; 0 lets it run here). Prints each search's objective (the checker's:
both plans keep every rule), the bound and the CPU seconds of the warm start
and of the worker. See bench/results.md "The LP with weeks beside the search".

Usage::

    python bench/week_lp_beside.py --seeds 0-4 --nice 0
"""

from __future__ import annotations

import argparse
import resource
import time

from week_quarters import WarmStartLines, add_seeds, quarters, seed_list


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_seeds(parser)
    parser.add_argument("--nice", type=int, default=0)
    args = parser.parse_args()

    from planner.optimizer import week_lp
    from planner.optimizer.warm_start import warm_start

    week_lp.WeeksLpBeside.nice = args.nice
    searches = WarmStartLines()
    for seed, problem in quarters(seed_list(args.seeds)):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started, cpu = time.perf_counter(), time.process_time()
        searches.restart()
        warm = warm_start(problem, time_limit_s=60.0, budget_s=7.5)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        worker = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print(
            f"seed {seed}: kept {warm.objective:.2f}, bound {warm.bound:.2f}, "
            f"{time.perf_counter() - started:.1f} s, CPU {time.process_time() - cpu:.1f} s, "
            f"worker CPU {worker:.1f} s; " + "; ".join(searches.messages),
            flush=True,
        )


if __name__ == "__main__":
    main()
