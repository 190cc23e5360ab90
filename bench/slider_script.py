"""The Constraints page's script run after a capacity slider move, under AppTest: its CPU.

The server's half of ``bench/slider_redraw.py``, without a browser: a fresh process per
run (so the what-if was never solved and no figure is remembered) opens the app on the
Constraints page with the sample, moves the sales slider 100 % -> 95 % and times that
run: the process's CPU seconds (every thread: the page's and the two-stage solve's), the
page's own thread's CPU and the run's wall seconds. Several copies of the code (a folder
each, e.g. one made with ``git archive``) alternate, so that each sees the same load.

Usage::

    python bench/slider_script.py                        # this folder, 5 runs
    python bench/slider_script.py OLD_COPY . --runs 8    # alternating, 8 runs each
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one_run() -> dict[str, Any]:
    """In the code folder (the current directory): one slider move, timed."""
    root = Path.cwd()
    sys.path[:0] = [str(root), str(root / "tests")]
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    import pages.common

    original = PagesManager.__init__

    def routed(self: Any, *args: Any, **kwargs: Any) -> None:  # as tests/conftest.py
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)

    PagesManager.__init__ = routed  # type: ignore[method-assign]
    page_cpu: list[float] = []
    run_page = pages.common.run_page

    def timed(page: Any) -> None:
        started = time.thread_time()
        try:
            run_page(page)
        finally:
            page_cpu.append(time.thread_time() - started)

    pages.common.run_page = timed  # app.py imports it at each run
    app = AppTest.from_file(str(root / "app.py"), default_timeout=120)
    app.switch_page("pages/constraints.py")
    app.run()
    (slider,) = [s for s in app.slider if s.label == "Sales capacity"]
    load = os.getloadavg()[0]
    cpu, wall = _cpu(), time.perf_counter()
    slider.set_value(95).run()
    cpu, wall = _cpu() - cpu, time.perf_counter() - wall
    assert not app.exception, [e.value for e in app.exception]
    (card,) = [m.value for m in app.metric if m.label == "Sales capacity"]
    return {
        "code": str(root),
        "load": round(load, 2),
        "cpu": round(cpu, 3),
        "page_cpu": round(page_cpu[-1], 3),
        "wall": round(wall, 3),
        "sales_capacity": card,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("code", nargs="*", type=Path, default=[Path(".")], help="code folders")
    parser.add_argument("--runs", type=int, default=5, help="runs of each folder")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run()), flush=True)
        return
    rows: list[dict[str, Any]] = []
    for _ in range(args.runs):
        for code in args.code:  # alternating: each copy sees the same load
            # A database of its own: the slider's what-if is kept as unsaved work, which
            # went to the user's own scenario database.
            database = Path(tempfile.mkdtemp()) / "planner.duckdb"
            child = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--one"],
                cwd=code.resolve(),
                env={**os.environ, "PLANNER_DB": str(database)},
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]), flush=True)
    for code in args.code:
        mine = [r for r in rows if r["code"] == str(code.resolve())]
        print(
            f"\n{code} ({len(mine)} runs, load {min(r['load'] for r in mine):.1f}-"
            f"{max(r['load'] for r in mine):.1f}, sales capacity "
            f"{', '.join(sorted({r['sales_capacity'] for r in mine}))})"
        )
        for key in ("cpu", "page_cpu", "wall"):
            values = sorted(r[key] for r in mine)
            print(
                f"  {key:9s} median {statistics.median(values):6.3f}  "
                f"mean {statistics.mean(values):6.3f}  range {values[0]:.3f}-{values[-1]:.3f}"
            )


if __name__ == "__main__":
    main()
