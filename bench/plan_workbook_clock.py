"""plan.xlsx at size: its CPU seconds in each code tree, and the same workbook from each.

Each folder is solved once here (``--time-limit``) and its result handed to a fresh child
process per code tree (pickled), the trees taken in turn; each child makes plan.xlsx with
:func:`~planner.interfaces.exports.plan_workbook` ``--repeat`` times and reports the CPU
seconds of each call (``time.process_time``: the machine's load moves it less than the wall)
and a digest of the workbook's parts but its save time (``docProps/core.xml``). The parent
asserts that every tree makes the same workbook for a folder.

Usage::

    python bench/plan_workbook_clock.py FOLDER [FOLDER ...] --trees before=TREE,after=TREE

``FOLDER``: ``planner generate FOLDER --teams 150 --projects 1500 --weeks --seed N``;
``TREE``: a copy of the repository (``git archive``), default this one.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load(folder: str) -> Any:
    try:
        from planner.core.loading import load_with_warnings as load
    except ImportError:  # a tree from before it had that name
        from planner.core.loading import load_problem as load  # type: ignore[no-redef]
    return load(Path(folder)).problem


def _child(folder: str, result_file: str, repeat: int) -> dict[str, Any]:
    from planner.interfaces.exports import plan_workbook

    problem = _load(folder)
    result = pickle.loads(Path(result_file).read_bytes())
    seconds, made = [], b""
    for _ in range(repeat):
        began = time.process_time()
        made = plan_workbook(problem, result)
        seconds.append(time.process_time() - began)
    with zipfile.ZipFile(io.BytesIO(made)) as book:
        parts = {n: book.read(n) for n in sorted(book.namelist()) if n != "docProps/core.xml"}
    digest = hashlib.sha256(b"".join(n.encode() + b"\0" + d for n, d in parts.items()))
    return {"cpu": seconds, "digest": digest.hexdigest()[:16], "bytes": len(made)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--trees", default="", help="LABEL=TREE,... (default: this one)")
    parser.add_argument("--runs", type=int, default=2, help="children per tree and folder")
    parser.add_argument("--repeat", type=int, default=2, help="workbooks made per child")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, result_file, repeat = args.child
        print(json.dumps(_child(folder, result_file, int(repeat))))
        return
    sys.path.insert(0, str(ROOT))
    from planner.solving.solver import solve

    trees = [tuple(t.split("=", 1)) for t in args.trees.split(",") if t] or [("", str(ROOT))]
    print(f"load before: {os.getloadavg()}", flush=True)
    cpu: dict[tuple[str, str], list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as scratch:
        for folder in args.folders:
            result = solve(_load(folder), time_limit_s=args.time_limit)
            result_file = Path(scratch) / "result.pickle"
            result_file.write_bytes(pickle.dumps(result))
            digests = set()
            for run in range(args.runs):
                for label, tree in trees if run % 2 == 0 else trees[::-1]:
                    child = [folder, str(result_file), str(args.repeat)]
                    done = subprocess.run(
                        [sys.executable, __file__, "--child", *child],
                        capture_output=True,
                        text=True,
                        check=False,
                        cwd=tree,
                        env=dict(os.environ, PYTHONPATH=tree),
                    )
                    if done.returncode:
                        sys.exit(f"{label} {folder}: {done.stderr}")
                    row = json.loads(done.stdout.splitlines()[-1])
                    cpu[label, folder] += row["cpu"]
                    digests.add(row["digest"])
                    print(
                        f"{label} {Path(folder).name}: "
                        + ", ".join(f"{s:.2f}" for s in row["cpu"])
                        + f" CPU s, {row['bytes']:,} bytes; load {os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
            assert len(digests) == 1, f"{folder}: the trees' workbooks differ"
    print(f"the same workbook from every tree: {len(args.folders)} folders")
    print("| folder | code | workbooks | CPU s mean | best | worst |")
    print("|---|---|---|---|---|---|")
    for (label, folder), seconds in cpu.items():
        print(
            f"| {Path(folder).name} | {label} | {len(seconds)} | {statistics.mean(seconds):.2f} "
            f"| {min(seconds):.2f} | {max(seconds):.2f} |"
        )
    print(f"load after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
