"""Exchanges in weeks (issue 15): the warm start's searches with and without them, to the end of
their work.

A 10 s solve's warm start on M quarters in weeks (40 x 500; 7.5 s of budget,
600 s of time so that no load stops it; no LP with weeks beside it), run to
the end of its work (the plan of a quiet machine, the same every run): the
greedy, the week search's 60 kicks, the exchanges of planned and left-out
projects (planner/optimizer/week_swap.py), 2.6 units of the neighbourhood
search in weeks, the exchanges again. ``--work
0`` leaves the exchanges out (the searches as before them); ``--no-retiming``
leaves out the exchanges that move the team's other runs in time; ``--unbounded`` weighs
every exchange, also those whose gain is bounded below the best one found. Prints each
seed's objective (the checker's: ``None`` would be a plan breaking a rule),
the exchanges made before and after the steps, the exchanges weighed, the
CPU seconds of the exchanges and of the whole warm start. See bench/results.md "Exchanges in weeks"
and "Exchanges that move the team's runs in time".

Usage::

    python bench/week_swap.py --seeds 0-4 --work 0
    python bench/week_swap.py --seeds 0-4 --no-retiming
    python bench/week_swap.py --seeds 0-4 --unbounded --work 1000000000
    python bench/week_swap.py --seeds 0-4
"""

from __future__ import annotations

import argparse
import time

from week_quarters import add_seeds, quarters, seed_list


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_seeds(parser)
    parser.add_argument(
        "--work", type=int, default=None, help="exchanges weighed (default: the solve's)"
    )
    parser.add_argument(
        "--no-retiming",
        action="store_true",
        help="exchanges without moving the team's other runs in time (as before them)",
    )
    parser.add_argument(
        "--unbounded",
        action="store_true",
        help="weigh every exchange, also those bounded below the best found (as before)",
    )
    parser.add_argument(
        "--no-chains",
        action="store_true",
        help="exchanges without chains (a project going out taking another team's place)",
    )
    args = parser.parse_args()

    from planner.optimizer import week_lns, week_swap
    from planner.optimizer.warm_start import warm_start

    if args.work is not None:
        week_lns.SWAP_WORK = args.work
    week_swap.WeekSwaps.retiming = not args.no_retiming
    week_swap.WeekSwaps.chains = not args.no_chains
    week_swap.WeekSwaps.bounded = not args.unbounded
    seen: list[week_lns.WeekNeighbourhoods] = []
    run = week_lns.WeekNeighbourhoods.run

    def kept(self: week_lns.WeekNeighbourhoods, *a: object, **k: object) -> None:
        seen.append(self)
        run(self, *a, **k)  # type: ignore[arg-type]

    week_lns.WeekNeighbourhoods.run = kept  # type: ignore[method-assign]
    swap_cpu = [0.0]
    swap = week_swap.WeekSwaps.run

    def timed(self: week_swap.WeekSwaps, *a: object, **k: object) -> None:
        cpu = time.process_time()
        swap(self, *a, **k)  # type: ignore[arg-type]
        swap_cpu[0] += time.process_time() - cpu

    week_swap.WeekSwaps.run = timed  # type: ignore[method-assign]
    objectives = []
    for seed, problem in quarters(seed_list(args.seeds)):
        seen.clear()
        swap_cpu[0] = 0.0
        cpu = time.process_time()
        warm = warm_start(problem, time_limit_s=600.0, budget_s=7.5, weeks_lp=False)
        cpu = time.process_time() - cpu
        (lns,) = seen
        objectives.append(warm.objective or 0.0)
        print(
            f"seed {seed}: {warm.objective:.2f}, exchanges {lns.swapped[0]} + {lns.swapped[1]} "
            f"({lns.weighed:,} weighed, CPU {swap_cpu[0]:.2f} s), steps {lns.steps}, "
            f"warm start CPU {cpu:.1f} s, of them retimed {lns.retimed}, chains {lns.chained}",
            flush=True,
        )
    print(f"mean {sum(objectives) / len(objectives):.2f}")


if __name__ == "__main__":
    main()
