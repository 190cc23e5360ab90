"""How much two runs of one what-if differ: the same inputs, the same current plan, twice.

A leader who asks the same what-if twice (the capacity slider moved away and back, the
page reloaded) expects the same answer. Here, for each size and seed, a quarter is
generated in weeks (``planner generate --teams T --projects P --weeks --seed S``), its
current plan solved once (``--current-limit``, 10 s), and one what-if (``--cut``, a
department's or team's capacity scaled: sales at 90 % by default) re-planned against it
twice at each limit (:func:`~planner.scenarios.relative.solve_relative`, as the app and
``planner solve --baseline`` do), the two runs one after the other in this process.

Each row: the changes each run makes against the current plan (moved or left out, what the
Scenarios page counts), how many projects the two runs' plans give to different teams
(kept: the plan shown; free: the free re-plan beside it), how many they start in other
weeks on the same teams, the two runs' scores and seconds. ``--portfolio 0`` sets
``PLANNER_PORTFOLIO=0`` (no HiGHS beside CP-SAT: SPEC "The same answer twice").

Usage::

    python bench/whatif_twice.py          # 40 x 500 and 150 x 1,500, seeds 0-2, 3 and 10 s
    python bench/whatif_twice.py --sizes 40x500 --seeds 0 --limits 3
    python bench/whatif_twice.py --portfolio 0 --cut marketing:0.9

Prints a Markdown table and the load before and after; writes nothing but the generated
quarters, in a temporary folder it removes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _owners_differ(a: object, b: object) -> tuple[int, int]:
    """(projects on other teams or in one plan only, projects on the same teams started in
    other weeks) between plans ``a`` and ``b``."""
    from planner.core.domain import Plan

    assert isinstance(a, Plan) and isinstance(b, Plan)
    oa, ob = a.owners(), b.owners()
    teams = sum(1 for p in set(oa) | set(ob) if oa.get(p) != ob.get(p))
    sa = {x.project_id: x.start_week for x in a.assignments}
    sb = {x.project_id: x.start_week for x in b.assignments}
    weeks = sum(1 for p in oa if oa.get(p) == ob.get(p) and sa.get(p) != sb.get(p))
    return teams, weeks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40x500,150x1500")
    parser.add_argument("--seeds", default="0-2", help="a range (0-2) or a list (0,3)")
    parser.add_argument("--limits", default="3,10", help="the what-if's time limits, s")
    parser.add_argument("--current-limit", type=float, default=10.0)
    parser.add_argument("--cut", default="sales:0.9", help="TARGET:FACTOR")
    parser.add_argument("--portfolio", choices=("0", "1"), help="PLANNER_PORTFOLIO")
    args = parser.parse_args()
    if args.portfolio is not None:
        os.environ["PLANNER_PORTFOLIO"] = args.portfolio

    from planner.core.generate import generate_folder
    from planner.core.loading import load_with_warnings
    from planner.scenarios.relative import solve_relative
    from planner.scenarios.whatif import with_capacity
    from planner.solving.solver import solve

    if "-" in args.seeds:
        first, last = args.seeds.split("-")
        seeds = list(range(int(first), int(last) + 1))
    else:
        seeds = [int(s) for s in args.seeds.split(",")]
    limits = [float(x) for x in args.limits.split(",")]
    target, factor = args.cut.rsplit(":", 1)
    print(f"load before: {os.getloadavg()}", flush=True)
    header = (
        "| size | seed | limit s | changes run 1 / 2 | kept: other teams | kept: other weeks "
        "| free: other teams | score 1 / 2 | s 1 / 2 |"
    )
    rows = [header, "|" + " --- |" * 9]
    differ: dict[tuple[str, float], list[int]] = {}
    with tempfile.TemporaryDirectory() as root:
        for size in args.sizes.split(","):
            teams, projects = (int(x) for x in size.split("x"))
            for seed in seeds:
                folder = Path(root) / f"{size}-{seed}"
                generate_folder(folder, teams, projects, 8, seed, weeks=True)
                problem = load_with_warnings(folder).problem
                current = solve(problem, time_limit_s=args.current_limit)
                assert current.plan is not None
                changed = with_capacity(problem, target, float(factor))
                for limit in limits:
                    runs, seconds = [], []
                    for _ in range(2):
                        began = time.perf_counter()
                        found = solve_relative(
                            changed, current.plan, time_limit_s=limit, before=problem
                        )
                        runs.append(found)
                        seconds.append(time.perf_counter() - began)
                    one, two = runs
                    if None in (one.result.plan, two.result.plan, one.free.plan, two.free.plan):
                        # Too short for the size at this load: said, as the what-if says it.
                        said = [r.result.reasons[0] if r.result.reasons else "" for r in runs]
                        rows.append(f"| {size} | {seed} | {limit:g} | no plan: {said[0][:80]} |")
                        print(rows[-1], flush=True)
                        continue
                    assert one.result.plan is not None and two.result.plan is not None
                    assert one.free.plan is not None and two.free.plan is not None
                    kept_teams, kept_weeks = _owners_differ(one.result.plan, two.result.plan)
                    free_teams, _ = _owners_differ(one.free.plan, two.free.plan)
                    differ.setdefault((size, limit), []).append(kept_teams)
                    rows.append(
                        f"| {size} | {seed} | {limit:g} | {one.num_changes} / {two.num_changes} "
                        f"| {kept_teams} | {kept_weeks} | {free_teams} "
                        f"| {one.result.objective:.2f} / {two.result.objective:.2f} "
                        f"| {seconds[0]:.1f} / {seconds[1]:.1f} |"
                    )
                    print(rows[-1], flush=True)
    print(f"load after: {os.getloadavg()}")
    print()
    print("\n".join(rows))
    print()
    print("| size | limit s | kept: other teams, mean / worst |")
    print("| --- | --- | --- |")
    for (size, limit), found in differ.items():
        print(f"| {size} | {limit:g} | {statistics.mean(found):.1f} / {max(found)} |")


if __name__ == "__main__":
    main()
