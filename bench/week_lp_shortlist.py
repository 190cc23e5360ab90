"""The LP with weeks' worker alone, code against code (issue 15): its CPU, its answer.

For each generated M quarter in weeks (40 x 500, ``planner generate --weeks``, the
quarters of bench/weeks.py) and each ``--code`` (a checkout: e.g. a ``git archive`` of
main and one of a change to planner/optimizer/week_lp.py), the worker of the 10 s
solve's LP with weeks (``python -m planner.optimizer.week_lp_worker``) is run alone, as
a solve runs it but at the niceness ``--nice`` (0: it gets its share of a busy
machine), with a deadline far off; it prints the worker's CPU seconds (its own and its
threads', from the parent's ``RUSAGE_CHILDREN``: the measure that does not depend on
the machine's load), its wall seconds, its bound and how many projects its start
claims. With ``--searched`` the start is then searched as the warm start searches it
(the work of a 10 s solve, ending on its work: the plan of a quiet machine) by this
checkout's code: the greedy's own search left out (it is the same for every code).
See bench/results.md "The LP with weeks over a shortlist of the pairs".

Usage::

    python bench/week_lp_shortlist.py --seeds 0-4 --code main=<main> --code change=<change>
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from week_quarters import add_seeds, quarters, seed_list

HERE = Path(__file__).resolve()


def worker(root: str, problem: Any, pairs: Any, nice: int) -> tuple[float, float, Any]:
    """The worker of checkout ``root`` run on ``problem``: its CPU s, wall s and answer."""
    env = dict(os.environ, PYTHONPATH=str(Path(root).resolve()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "planner.optimizer.week_lp_worker"],
        input=pickle.dumps((problem, pairs, time.time() + 300.0, nice)),
        capture_output=True,
        env=env,
        cwd=str(Path(root).resolve()),
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, wall, pickle.loads(out.stdout)


def searched(problem: Any, answer: Any) -> float | None:
    """The LP's start searched with a 10 s solve's work, to the end of its work (this code)."""
    from planner.optimizer import warm_start as warm_start_module
    from planner.optimizer.week_lp import LpStart

    start = LpStart(*answer)

    class Answered:
        def __init__(self, *args: Any) -> None:
            self.deadline = time.perf_counter()

        def result(self, *args: Any, **kwargs: Any) -> LpStart:
            return start

        def stop(self) -> None:
            pass

    own, beside = warm_start_module._preferences, warm_start_module.WeeksLpBeside
    setattr(warm_start_module, "_preferences", lambda *args, **kwargs: [])  # noqa: B010
    setattr(warm_start_module, "WeeksLpBeside", Answered)  # noqa: B010
    try:
        warm = warm_start_module.warm_start(problem, time_limit_s=600.0, budget_s=7.5)
    finally:
        setattr(warm_start_module, "_preferences", own)  # noqa: B010
        setattr(warm_start_module, "WeeksLpBeside", beside)  # noqa: B010
    return warm.objective


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_seeds(parser)
    parser.add_argument("--code", action="append", help="NAME=DIR, a checkout (default: this)")
    parser.add_argument("--nice", type=int, default=0)
    parser.add_argument("--searched", action="store_true")
    args = parser.parse_args()
    codes = [c.split("=", 1) for c in (args.code or [f"this={HERE.parents[1]}"])]

    from planner.optimizer.eligibility import eligible_pairs

    for seed, problem in quarters(seed_list(args.seeds)):
        pairs = eligible_pairs(problem)
        for name, root in codes:
            cpu, wall, answer = worker(root, problem, pairs, args.nice)
            load = os.getloadavg()[0]
            if answer is None:
                print(f"seed {seed} {name}: no answer, CPU {cpu:.2f} s, load {load:.2f}")
                continue
            bound, preference, starts = answer
            said = "-" if bound is None else f"{bound:.2f}"
            line = (
                f"seed {seed} {name}: worker CPU {cpu:.2f} s, wall {wall:.2f} s "
                f"(load {load:.2f}), bound {said}, claims {int(sum(preference))}, "
                f"start weeks {len(starts)}"
            )
            if args.searched:
                score = searched(problem, answer)
                line += f", searched {score:.2f}" if score is not None else ", searched -"
            print(line, flush=True)


if __name__ == "__main__":
    main()
