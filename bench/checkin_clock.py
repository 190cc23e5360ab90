"""Whether a check-in's re-plan keeps its time limit at size, and where its seconds go.

SPEC: a solve never runs past its time limit by more than a second. A check-in's solve is
its re-plan: ``planner checkin DIR --baseline plan.csv --checkin ci.toml --time-limit S``.
Here each folder (``planner generate --teams 100 --projects 5000 --weeks --seed N``, its
plan from ``solve DIR --time-limit 20 --out planN.csv``, its check-in from
``checkin-template DIR --baseline planN.csv --weeks 6 > ciN.toml``, all three given as
``DIR,PLAN,CHECKIN``) is checked in on with the command itself, in a fresh child process
per run (as the command is), each stage timed: loading the data, the command's own work
before the re-plan (the check-in read, what the plan had delivered by now), the re-plan
from its call to its return (:func:`~planner.scenarios.replan.replan`: the rest of the
quarter's problem, its solve, the baseline carried on, the forecasts and the changes),
and the plan written; and the solve's own stages (the rules' conflicts, the eligible pairs,
the greedy, its check, the first plan). The command's clock starts once the check-in is
read: from then to the re-plan's return, against the limit, is the lateness.

The peer, in the same child after the check-in: a plain :func:`solve` of the same rest of
the quarter's problem at the same limit, timed from its call.

Usage::

    python bench/checkin_clock.py DIR,PLAN,CHECKIN [...] --limits 3,5 --runs 2 [--ways reserve,none]

``--ways reserve,none`` runs each quarter and limit both ways in turns (the order swapped
each run): as the re-plan is now, its solve keeping time for the work after it
(:func:`~planner.solving.limits.replan_after_s`), and as before, keeping none.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: The solve's own stages (as bench/solve_clock.py times them), summed over both solves.
_SOLVE_STAGES = (
    ("planner.solving.solver", "infeasibility_said", "conflicts"),
    ("planner.optimizer.warm_start", "eligible_pairs", "pairs"),
    ("planner.optimizer.warm_start", "greedy_plan", "greedy"),
    ("planner.optimizer.warm_start", "checked_objective", "start's check"),
    ("planner.solving.plans", "warm_result", "first plan"),
    ("planner.solving.solver", "checked_plan", "translate"),
)
#: The stages timed in a child: (module, attribute, name), each function wrapped.
_STAGES = (
    ("planner.interfaces.checkin_cli", "load", "load"),
    ("planner.interfaces.checkin_cli", "checkin_baseline", "baseline read"),
    ("planner.interfaces.checkin_cli", "_read_checkin", "check-in read"),
    ("planner.scenarios.on_plan", "on_plan", "on plan"),
    ("planner.scenarios.on_plan", "achieved_by_goal", "achieved"),
    ("planner.scenarios.on_plan", "kpi_left_at_pre_fill", "pre-fill"),
    ("planner.scenarios.replan", "replan", "re-plan"),
    ("planner.scenarios.replan", "replan_problem", "rest problem"),
    ("planner.solving.solver", "solve", "solve"),
    ("planner.scenarios.replan", "carried_on_if_better", "carried on"),
    ("planner.scenarios.replan", "projected_attainment", "forecasts"),
    ("planner.scenarios.replan", "replan_diff", "changes"),
    ("planner.interfaces.checkin_cli", "write_plan", "written"),
)


def _child(
    folder: str, plan: str, checkin: str, limit: float, refuse: bool, reserve: bool
) -> dict[str, Any]:
    import importlib

    if not reserve:  # the code before: the re-plan's solve keeps nothing for the work after it
        import planner.scenarios.replan as replan_module

        replan_module.replan_after_s = lambda _rest: 0.0

    if not refuse:  # --no-refusal: the solve's stages after its pairs measured, never refused
        import planner.solving.solver as solver_module

        solver_module.overruns_after_pairs = lambda *_args: False

    taken: dict[str, float] = defaultdict(float)
    #: When the check-in was read (the command's clock starts then) and the re-plan ended.
    moments: dict[str, float] = {}
    rest: list[Any] = []
    said: list[str] = []

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                out = function(*args, **kwargs)
            finally:
                ended = time.perf_counter()
                taken[name] += ended - began
                moments[name] = ended
            if name == "rest problem":
                rest.append(out)
            if name == "re-plan":
                said.extend(out.result.reasons[:1] if out.result.plan is None else [])
            return out

        return run

    solver_stages = [(m, a, f"solve: {n}") for m, a, n in _SOLVE_STAGES]
    for module_name, attribute, name in (*_STAGES, *solver_stages):
        module = importlib.import_module(module_name)
        owner: Any = module
        *path, last = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, last, timed(name, getattr(owner, last)))
    from planner.interfaces.cli import main
    from planner.solving.solver import solve

    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "plan.csv")
        argv = ["checkin", folder, "--baseline", plan, "--checkin", checkin]
        argv += ["--time-limit", f"{limit:g}", "--out", out, "--json"]
        load_before = os.getloadavg()[0]
        began = time.perf_counter()
        saved = sys.stdout
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the command's report)
        try:
            code = main(argv)
        finally:
            sys.stdout.close()
            sys.stdout = saved
        command_s = time.perf_counter() - began
        planned = os.path.exists(out)
    stages = dict(taken)  # before the peer's solve
    clocked = moments.get("re-plan", 0.0) - moments.get("check-in read", 0.0)
    # The solve's seconds once its eligible pairs were found, in times the pairs took
    # (planner.solving.limits' least of them, _LEAST_PER_ELIGIBILITY).
    pairs_s = stages.get("solve: pairs", 0.0)
    after_pairs = moments.get("solve", 0.0) - moments.get("solve: pairs", 0.0)
    per_pairs = after_pairs / pairs_s if pairs_s and "solve: pairs" in moments else 0.0
    peer_began = time.perf_counter()
    peer = solve(rest[0]) if rest else None
    peer_s = time.perf_counter() - peer_began
    return {
        "code": code,
        "planned": planned,
        "command_s": command_s,
        "stages": stages,
        "clocked_s": clocked,
        "after_pairs": per_pairs,
        "why": said[0] if said else "",
        "peer_s": peer_s,
        "peer_planned": peer is not None and peer.plan is not None,
        "load": load_before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quarters", nargs="*", help="DIR,PLAN,CHECKIN")
    parser.add_argument("--limits", default="3,5")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--no-refusal",
        action="store_true",
        help="never refuse a plan after the eligible pairs (limits.overruns_after_pairs): "
        "measures the seconds after them in times the pairs took, at every limit",
    )
    parser.add_argument(
        "--ways",
        default="reserve",
        help="reserve (the re-plan's solve keeps time for the work after it, as now), none "
        "(it keeps none, as before), or both in turns: reserve,none",
    )
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, plan, checkin, limit, refuse, way = args.child
        got = _child(folder, plan, checkin, float(limit), refuse == "refuse", way == "reserve")
        print(json.dumps(got))
        return
    print(f"load before: {os.getloadavg()}", flush=True)
    late: dict[tuple[str, float], list[float]] = defaultdict(list)
    ratios: list[float] = []
    peers: dict[tuple[str, float], list[float]] = defaultdict(list)
    ways = args.ways.split(",")
    for run in range(args.runs):
        for quarter in args.quarters:
            folder, plan, checkin = quarter.split(",")
            for limit, way in (
                (float(x), w)
                for x in args.limits.split(",")
                for w in ways[run % 2 :] + ways[: run % 2]
            ):
                refuse = "keep" if args.no_refusal else "refuse"
                child = [sys.executable, __file__, "--child", folder, plan, checkin, f"{limit}"]
                child += [refuse, way]
                done = subprocess.run(child, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    print(done.stderr[-2000:], flush=True)
                    continue
                got = json.loads(done.stdout.strip().splitlines()[-1])
                stages = got["stages"]
                replan_s = stages.get("re-plan", 0.0)
                clocked_s = got["clocked_s"]
                late[way, limit].append(clocked_s - limit)
                if got["after_pairs"] and got["planned"]:  # a solve refused after them: not
                    ratios.append(got["after_pairs"])
                peers[way, limit].append(got["peer_s"] - limit)
                steps = ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
                print(
                    f"run {run} {Path(folder).name} limit {limit:g} ({way}): on the clock "
                    f"{clocked_s:.2f} s ({clocked_s - limit:+.2f}), re-plan {replan_s:.2f} s, "
                    f"plan {got['planned']} (exit {got['code']}); "
                    f"command {got['command_s']:.2f} s; {steps}; the solve after its pairs "
                    f"{got['after_pairs']:.1f} times them; peer (plain solve of the "
                    f"rest) {got['peer_s']:.2f} s, plan {got['peer_planned']}; "
                    f"load {got['load']:.1f}" + (f"; {got['why']}" if got["why"] else ""),
                    flush=True,
                )
    for (way, limit), over in late.items():
        peer = peers[way, limit]
        print(
            f"{way}, limit {limit:g}: the check-in read to the re-plan's end, past the limit: mean "
            f"{statistics.mean(over):+.2f} s, "
            f"worst {max(over):+.2f} s of {len(over)}; peer mean "
            f"{statistics.mean(peer):+.2f} s, worst {max(peer):+.2f} s",
            flush=True,
        )
    if ratios:
        print(
            f"the solve after its pairs, in times the pairs took: mean "
            f"{statistics.mean(ratios):.1f}, worst {max(ratios):.1f} of {len(ratios)}",
            flush=True,
        )
    print(f"load after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
