"""plan.xlsx made by openpyxl's workbook of cells and by its write-only one, in one run.

Each folder is solved once (``--time-limit`` s); then
:func:`planner.interfaces.exports.plan_workbook` makes its workbook ``--repeat`` times with
each writer, the writers taken in turn (their order swapped each time), timing CPU seconds
(``time.process_time``: the machine's load moves it less than the wall) and the wall. Both
workbooks are checked to hold the same cells (value and number format) before any time is
kept. The load (``os.getloadavg``) is printed before and after.

Usage::

    python bench/export_speed.py FOLDER [FOLDER ...] [--repeat 2]

``FOLDER``: ``data/sample``, or ``planner generate FOLDER --teams 100 --projects 5000
--weeks --ranges --seed N``.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from planner.core import workbook_writing  # noqa: E402
from planner.core.loading import load_with_warnings  # noqa: E402
from planner.interfaces import exports  # noqa: E402
from planner.solving.solver import solve  # noqa: E402

WRITERS = {
    "cells": functools.partial(workbook_writing.workbook_bytes, streamed=False),
    "write-only": functools.partial(workbook_writing.workbook_bytes, streamed=True),
}


def _cells(book: bytes) -> list[tuple[str, str, object, str]]:
    workbook = load_workbook(io.BytesIO(book))
    return [
        (sheet.title, c.coordinate, c.value, c.number_format)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=2, help="workbooks per writer and folder")
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()}", flush=True)
    cpu: dict[tuple[str, str], list[float]] = defaultdict(list)
    wall: dict[tuple[str, str], list[float]] = defaultdict(list)
    for folder in args.folders:
        problem = load_with_warnings(Path(folder)).problem
        result = solve(problem, time_limit_s=args.time_limit)
        rows = len(result.plan.assignments) if result.plan is not None else 0
        if not rows:  # a busy machine's solve may find none in time: nothing to time
            print(f"{folder}: no plan within {args.time_limit} s; left out", flush=True)
            continue
        made: dict[str, bytes] = {}
        for turn in range(args.repeat):
            order = list(WRITERS) if turn % 2 == 0 else list(WRITERS)[::-1]
            for label in order:
                exports.workbook_bytes = WRITERS[label]  # type: ignore[assignment]
                began, clock = time.process_time(), time.perf_counter()
                made[label] = exports.plan_workbook(problem, result)
                cpu[label, folder].append(time.process_time() - began)
                wall[label, folder].append(time.perf_counter() - clock)
        assert _cells(made["cells"]) == _cells(made["write-only"]), f"{folder}: cells differ"
        print(
            f"{folder}: {rows:,} plan rows, same cells; load {os.getloadavg()[0]:.1f}", flush=True
        )
    print("| folder | writer | workbooks | CPU s mean | worst | wall s mean | worst |")
    print("|---|---|---|---|---|---|---|")
    for (label, folder), seconds in cpu.items():
        walls = wall[label, folder]
        print(
            f"| {Path(folder).name} | {label} | {len(seconds)} | {statistics.mean(seconds):.2f} "
            f"| {max(seconds):.2f} | {statistics.mean(walls):.2f} | {max(walls):.2f} |"
        )
    print(f"load after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
