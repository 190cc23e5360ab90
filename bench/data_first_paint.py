"""The Data page opened first, before any plan, at company size, in a real browser.

Serves the app on ``DATA`` (``PLANNER_DATA``, ``streamlit run serve.py``, a fresh server
and database per run, so the first plan is always still to make), opens its Data page
address in Debian's Chromium and times, from the request: the page's heading, its first
table (the Teams grid), and the end of its script run (the first plan made). Give several
code trees (a copy of an older commit made with ``git archive`` beside this one) to time
each in turn in the same window, run by run.

Usage::

    python bench/data_first_paint.py DATA [TREE ...] [--runs 3] [--width 1440]

``DATA``: a folder such as ``planner generate DATA --teams 150 --projects 1500 --weeks``.
Prints one line per run with the machine's load (``os.getloadavg``), then each tree's
mean and worst. Needs Playwright and Chromium (``$CHROMIUM``, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from scale_walk import SETTLED, free_port  # noqa: E402
from slider_redraw import streamlit_served  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: A grid of the page (st.data_editor), drawn.
GRID = '[data-testid="stDataFrame"]'


def one_run(browser: Any, code: Path, data: Path, width: int) -> tuple[float, float, float]:
    """A fresh server on ``data`` from ``code``: seconds to the heading, the first grid,
    and the end of the script run."""
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PLANNER_DATA": str(data), "PLANNER_DB": f"{home}/planner.duckdb"}
        env["PYTHONPATH"] = str(code)
        with streamlit_served(str(code / "serve.py"), code, port, env):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.set_default_timeout(180_000)
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/data")
            page.get_by_role("heading", name="Data", level=1).wait_for()
            heading = time.perf_counter() - started
            page.locator(GRID).first.wait_for()
            grid = time.perf_counter() - started
            time.sleep(0.15)
            page.wait_for_function(SETTLED)
            settled = time.perf_counter() - started
            context.close()
    return heading, grid, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("trees", type=Path, nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--width", type=int, default=1440)
    args = parser.parse_args()
    trees = [t.resolve() for t in args.trees] or [ROOT]
    data = args.data.resolve()
    times: dict[Path, list[tuple[float, float, float]]] = {t: [] for t in trees}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for run in range(1, args.runs + 1):
            for tree in trees:
                row = one_run(browser, tree, data, args.width)
                times[tree].append(row)
                heading, grid, settled = row
                print(
                    f"{tree.name} run {run}: heading {heading:.2f} s, first table {grid:.2f} s, "
                    f"run over (the plan made) {settled:.2f} s; load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
        browser.close()
    for tree, rows in times.items():
        tables = [grid for _, grid, _ in rows]
        overs = [settled for _, _, settled in rows]
        print(
            f"{tree.name}: first table mean {statistics.mean(tables):.2f} s, worst "
            f"{max(tables):.2f} s; run over mean {statistics.mean(overs):.2f} s, worst "
            f"{max(overs):.2f} s ({len(rows)} runs)"
        )


if __name__ == "__main__":
    main()
