"""Whether a what-if against a current plan keeps its time limit, two checkouts paired.

``planner solve CHANGED --baseline plan.csv --baseline-data BEFORE`` re-plans an edit of
the data against the plan made on it, as the Data and Constraints pages do (the data
before is known, so the current plan may be checked before the second stage to set its
floor). Here, per size and seed, a quarter in weeks is generated (``planner generate
--teams T --projects P --weeks --seed S``), its current plan solved once by the first
checkout (``--current-limit``), and the what-if (``--cut``: a department's or a team's
capacity scaled, sales at 90 % by default, written in the changed folder's settings) run
at each limit by each checkout in ``--trees`` (``name=folder``, each run a fresh process
of that checkout's ``planner``; their order alternates by seed), one after the other on
the same inputs.

Per run: the seconds the command reports (what SPEC's time limit bounds: from the data
read to the plan checked and explained), the what-if call's own wall time
(:func:`~planner.scenarios.relative.solve_relative`, timed in the process) and the
process's (start-up and reading the data too) past the limit, the changes against the
current plan (moved + left out) and the plan's goal attainment. Then per checkout, size
and limit: mean and worst past the limit, mean changes and attainment.

Usage::

    python bench/whatif_limit.py --trees main=../main-checkout,this=.
    python bench/whatif_limit.py --sizes 40x500 --seeds 0 --limits 3 --cut marketing:0.9

Prints Markdown tables and the load before and after; writes nothing but the generated
quarters and plans, in a temporary folder it removes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if sys.argv[1:2] != ["--child"]:  # a child imports the checkout its PYTHONPATH names
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_CALL = "what-if call s: "


def _child(argv: list[str]) -> None:
    """``planner`` run with ``argv`` from the checkout first on ``sys.path`` (the
    ``PYTHONPATH`` set), the what-if call itself timed (printed on stderr)."""
    import planner.scenarios.relative as relative
    from planner.__main__ import run

    solve_relative = relative.solve_relative

    def timed(*args: object, **kwargs: object) -> object:
        began = time.perf_counter()
        try:
            return solve_relative(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            print(f"{_CALL}{time.perf_counter() - began:.3f}", file=sys.stderr, flush=True)

    relative.solve_relative = timed  # type: ignore[assignment]
    sys.argv = ["planner", *argv]
    sys.exit(run())


def _cut_folder(before: Path, changed: Path, target: str, factor: float) -> None:
    """``before`` copied to ``changed`` with ``target``'s capacity multiplier set."""
    shutil.copytree(before, changed)
    settings = changed / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    table = "[capacity.multipliers]"
    assert table in text, "the generated settings have a multipliers table"
    settings.write_text(text.replace(table, f'{table}\n"{target}" = {factor}'), encoding="utf-8")


def _run(tree: Path, args: list[str]) -> tuple[dict[str, object], float, float]:
    """``planner`` of checkout ``tree`` run with ``args`` and ``--json``: its report, the
    process's wall seconds and the what-if call's (``nan`` without one)."""
    env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args, "--json"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    call = [float(x[len(_CALL) :]) for x in done.stderr.splitlines() if x.startswith(_CALL)]
    try:
        return json.loads(done.stdout), wall, call[0] if call else math.nan
    except json.JSONDecodeError:
        return {"error": (done.stdout + done.stderr)[-300:]}, wall, math.nan


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", default="this=.", help="name=folder,... (checkouts)")
    parser.add_argument("--sizes", default="40x500,150x1500")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--limits", default="3,5,10", help="the what-if's time limits, s")
    parser.add_argument("--current-limit", type=float, default=10.0)
    parser.add_argument("--cut", default="sales:0.9", help="TARGET:FACTOR")
    args = parser.parse_args()

    from planner.core.generate import generate_folder

    trees = [(n, Path(p)) for n, p in (t.split("=", 1) for t in args.trees.split(","))]
    target, factor = args.cut.rsplit(":", 1)
    limits = [float(x) for x in args.limits.split(",")]
    print(f"load before: {os.getloadavg()}", flush=True)
    rows = [
        "| size | seed | limit s | checkout | reported s past | call s past | process s past "
        "| changes | attainment % |",
        "|" + " --- |" * 9,
    ]
    runs: dict[tuple[str, str, float], list[tuple[float, float, float, int, float]]] = {}
    with tempfile.TemporaryDirectory() as root:
        for size in args.sizes.split(","):
            teams, projects = (int(x) for x in size.split("x"))
            for seed in (int(s) for s in args.seeds.split(",")):
                before, changed = Path(root) / f"{size}-{seed}", Path(root) / f"{size}-{seed}-cut"
                plan = Path(root) / f"{size}-{seed}-plan.csv"
                generate_folder(before, teams, projects, 8, seed, weeks=True)
                _cut_folder(before, changed, target, float(factor))
                limit_s = f"{args.current_limit:g}"
                made, _, _ = _run(
                    trees[0][1], ["solve", str(before), "--out", str(plan), "--time-limit", limit_s]
                )
                assert plan.exists(), made
                order = trees if seed % 2 == 0 else trees[::-1]
                for limit in limits:
                    for name, tree in order:
                        out = Path(root) / f"{size}-{seed}-{name}-out.csv"
                        found, wall, call = _run(
                            tree,
                            [
                                "solve", str(changed), "--baseline", str(plan),
                                "--baseline-data", str(before), "--out", str(out),
                                "--time-limit", f"{limit:g}",
                            ],
                        )  # fmt: skip
                        if "num_changes" not in found:  # no plan (or an error): said
                            found = {k: found.get(k) for k in ("status", "seconds", "error")}
                            rows.append(f"| {size} | {seed} | {limit:g} | {name} | {found} |")
                            print(rows[-1], flush=True)
                            continue
                        reported = float(found["seconds"]) - limit  # type: ignore[arg-type]
                        changes = int(found["num_changes"])  # type: ignore[call-overload]
                        metrics = found["metrics"]
                        assert isinstance(metrics, dict)
                        attainment = float(metrics["attainment_pct"])
                        runs.setdefault((name, size, limit), []).append(
                            (reported, call - limit, wall - limit, changes, attainment)
                        )
                        rows.append(
                            f"| {size} | {seed} | {limit:g} | {name} | {reported:+.2f} "
                            f"| {call - limit:+.2f} | {wall - limit:+.2f} | {changes} "
                            f"| {attainment:.2f} |"
                        )
                        print(rows[-1], flush=True)
    print(f"load after: {os.getloadavg()}")
    print()
    print("\n".join(rows))
    print()
    print(
        "| size | limit s | checkout | reported s past, mean / worst "
        "| call s past, mean / worst | process s past, mean / worst | changes, mean "
        "| attainment %, mean |"
    )
    print("|" + " --- |" * 8)
    for (name, size, limit), found in sorted(runs.items(), key=lambda r: (r[0][1], r[0][2])):
        cols = list(zip(*found, strict=True))
        print(
            f"| {size} | {limit:g} | {name} "
            f"| {statistics.mean(cols[0]):+.2f} / {max(cols[0]):+.2f} "
            f"| {statistics.mean(cols[1]):+.2f} / {max(cols[1]):+.2f} "
            f"| {statistics.mean(cols[2]):+.2f} / {max(cols[2]):+.2f} "
            f"| {statistics.mean(cols[3]):.1f} | {statistics.mean(cols[4]):.2f} |"
        )


if __name__ == "__main__":
    main()
