"""plan.xlsx with and without lxml: ``plan_workbook`` timed whole and its writing alone.

openpyxl serialises a workbook's XML through lxml when it can import it, and through the
standard library's ElementTree otherwise. This times
:func:`planner.interfaces.exports.plan_workbook` on a solved quarter in two kinds of
worker process, one as the project's environment has it and one with ``--lxml`` (a folder
holding lxml) first on ``PYTHONPATH``, paired: each run starts both workers, one after the
other, their order swapped from one run to the next. Each worker reports openpyxl's own
``openpyxl.xml.LXML`` flag, the whole function, ``workbook_bytes`` (the sheets written as
cells and saved) and the save alone, the best of ``--repeat`` calls, and the machine's load.

The plan is solved once per data folder (``--time-limit`` s) and kept in ``--cache`` for
every worker, so that each times the same plan.

Usage::

    python bench/workbook_lxml.py DATA... --lxml LXML_DIR [--runs 3] [--repeat 2]

``DATA``: folders such as ``planner generate DATA --teams 150 --projects 1500 --seed 1
--weeks --ranges``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(into: dict[str, float], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - began

    return timed


def worker(data: Path, cache: Path, repeat: int) -> None:
    import openpyxl.xml

    from planner.core import workbook_writing
    from planner.core.loading import load_with_warnings
    from planner.interfaces import exports

    problem = load_with_warnings(data).problem
    with cache.open("rb") as file:
        result = pickle.load(file)
    best: dict[str, float] = {}
    size = 0
    written, saved = workbook_writing.workbook_bytes, workbook_writing._saved
    for _ in range(repeat):
        took: dict[str, float] = {}
        exports.workbook_bytes = _timed(took, "written", written)  # type: ignore[assignment]
        workbook_writing._saved = _timed(took, "saved", saved)  # type: ignore[assignment]
        began = time.perf_counter()
        size = len(exports.plan_workbook(problem, result))
        took["whole"] = time.perf_counter() - began
        for name, seconds in took.items():
            best[name] = min(best.get(name, seconds), seconds)
    print(
        json.dumps({"lxml": openpyxl.xml.LXML, "bytes": size, "load": os.getloadavg()[0], **best})
    )


def solved(data: Path, cache: Path, time_limit: float) -> None:
    if cache.exists():
        return
    from planner.core.loading import load_with_warnings
    from planner.solving.solver import solve

    result = solve(load_with_warnings(data).problem, time_limit_s=time_limit)
    with cache.open("wb") as file:
        pickle.dump(result, file)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="+")
    parser.add_argument("--lxml", type=Path, help="a folder holding lxml (pip install --target)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.data[0], args.worker, args.repeat)
        return
    if args.lxml is None:
        parser.error("--lxml is needed")
    for data in args.data:
        cache = args.cache / f"workbook-lxml-{data.resolve().name}.pickle"
        solved(data, cache, args.time_limit)
        seen: dict[bool, list[dict[str, float]]] = {False: [], True: []}
        for run in range(args.runs):
            for with_lxml in (False, True) if run % 2 == 0 else (True, False):
                env = dict(os.environ)
                paths = [str(ROOT), *([str(args.lxml.resolve())] if with_lxml else [])]
                env["PYTHONPATH"] = os.pathsep.join(paths[::-1])
                said = (
                    subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            str(data),
                            "--worker",
                            str(cache),
                            "--repeat",
                            str(args.repeat),
                        ],
                        env=env,
                        check=True,
                        capture_output=True,
                        text=True,
                    )
                    .stdout.strip()
                    .splitlines()[-1]
                )
                row = json.loads(said)
                assert row["lxml"] is with_lxml, row
                seen[with_lxml].append(row)
                print(
                    f"{data.name} run {run + 1} lxml {with_lxml!s:5}: "
                    f"whole {row['whole']:.2f} s, "
                    f"workbook_bytes {row['written']:.2f} s, save {row['saved']:.2f} s, "
                    f"{row['bytes']:,} bytes; load {row['load']:.1f}",
                    flush=True,
                )
        for name in ("whole", "written", "saved"):
            without = statistics.median(r[name] for r in seen[False])
            with_ = statistics.median(r[name] for r in seen[True])
            print(
                f"{data.name} median {name}: without {without:.2f} s, with {with_:.2f} s, "
                f"saves {(1 - with_ / without):.0%}",
                flush=True,
            )


if __name__ == "__main__":
    main()
