"""The Check-in page's Projects grid at company scale, in Chromium: its row height and how
many rows show.

Serves ``serve.py`` of ``--code`` (default: this tree) on ``DATA`` (``PLANNER_DATA``, a
database of its own), opens ``/checkin`` at ``--width`` x 900 in Debian's Chromium
(headless, through Playwright) and, once the page has settled (its first plan made),
reads the Projects grid: its height, its row height (the grid's scrolled height less its
header, over its rows) and the rows it draws in view (the accessible table's rows, the
last one maybe in part), and the rows wholly in view (its height less the header, over a
row's). Printed as JSON.

Usage::

    python bench/checkin_grid_rows.py DATA --rows 1500 [--code TREE] [--port 8690]

``DATA``: a folder such as ``planner generate DATA --teams 150 --projects 1500 --weeks``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from slider_redraw import streamlit_served  # noqa: E402

SETTLED = (
    "() => document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)
GRID = """() => {
  const grid = document.querySelector('[data-testid="stDataFrame"]');
  const scroller = grid.querySelector('.dvn-scroller');
  return {height: grid.getBoundingClientRect().height, scrolled: scroller.scrollHeight,
          view: scroller.clientHeight,
          drawn: grid.querySelectorAll('table[role=grid] tbody tr').length};
}"""
#: The grid's header row (px), as pages/ui.py's _ROW_PX.
HEADER_PX = 35


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--rows", type=int, required=True, help="the projects in DATA")
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--port", type=int, default=8690)
    parser.add_argument("--width", type=int, default=1440)
    args = parser.parse_args()
    env = {**os.environ, "PLANNER_DATA": str(args.data), "PYTHONPATH": str(args.code)}
    env["PLANNER_DB"] = str(Path(tempfile.mkdtemp()) / "planner.duckdb")
    with streamlit_served("serve.py", args.code, args.port, env), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        page.set_default_timeout(300_000)
        page.goto(f"http://127.0.0.1:{args.port}/checkin")
        page.get_by_role("heading", name="Check-in", level=1).wait_for()
        time.sleep(1)
        page.wait_for_function(SETTLED)
        page.wait_for_selector('[data-testid="stDataFrame"] .dvn-scroller')
        time.sleep(2)  # the grid draws after the run
        grid = page.evaluate(GRID)
        browser.close()
    row = (grid["scrolled"] - HEADER_PX) / args.rows
    whole = int((grid["view"] - HEADER_PX) // row)
    print(json.dumps({**grid, "row_px": round(row, 1), "rows_whole_in_view": whole}))


if __name__ == "__main__":
    main()
