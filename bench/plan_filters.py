"""A CMO on the Plan page at company scale, in a real browser: opened first, then filtered.

Serves the app from ``--code`` (default: this tree; a copy of an older commit beside it
times both) on ``DATA`` (``PLANNER_DATA``, ``streamlit run serve.py``, a fresh server and a
database of its own for each run), then, in Debian's Chromium at each ``--widths``:

* the Plan page's address opened first, before any plan: seconds from the address to the
  page's heading (first paint) and to the end of its script run (settled: the first plan
  made);
* three picks in its filters, each from the click on the option to the end of the script
  run it starts: Department "Marketing", then a team typed into Team (``--team``), then a
  goal typed into Goal (``--goal``); after each, whether every picked name reads whole in
  its box (none cut to "Website…") and the line above the team charts.

Usage::

    python bench/plan_filters.py DATA --runs 3
    python bench/plan_filters.py DATA --code OLD_COPY --runs 3   # a git archive of an older commit

``DATA``: ``planner generate DATA --teams 150 --projects 1500 --weeks``. Prints one line a
measurement, then the mean and worst of each, with the machine's load (``os.getloadavg``).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from slider_redraw import streamlit_served  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SETTLED = (
    "() => document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)
#: The picked names that their filter's box cuts short or scrolls out of its left edge.
CUT_PICKS = """() => [...document.querySelectorAll('[data-testid="stMultiSelect"] [data-tag]')]
  .filter(tag => {
    const name = tag.querySelector('span[title]');
    const box = tag.closest('[data-testid="stMultiSelect"]').getBoundingClientRect();
    return name.scrollWidth > name.clientWidth + 1 || tag.getBoundingClientRect().left < box.left;
  }).map(tag => tag.getAttribute('aria-label'))"""


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settle(page: Any, started: float) -> float:
    time.sleep(0.15)  # the run starts a moment after the click
    page.wait_for_function(SETTLED)
    return round(time.perf_counter() - started, 2)


def pick(page: Any, label: str, typed: str, option: str) -> dict[str, Any]:
    """Type ``typed`` into the filter ``label`` and pick ``option``: click to settled."""
    box = page.get_by_test_id("stMultiSelect").filter(has_text=label)
    box.locator("input").fill(typed)
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for()
    started = time.perf_counter()
    choice.click()
    seconds = settle(page, started)
    page.keyboard.press("Escape")
    page.mouse.click(2, 2)  # leave the box, as a leader does once she has picked
    page.wait_for_timeout(300)
    line = page.get_by_text("The charts below show").all_inner_texts()
    return {"pick": label, "s": seconds, "cut": page.evaluate(CUT_PICKS), "line": line[:1]}


def one_run(browser: Any, code: Path, data: Path, width: int, args: Any) -> list[dict[str, Any]]:
    """A fresh server on ``data`` from ``code``; the Plan page opened first, then the picks."""
    port = free_port()
    env = {**os.environ, "PLANNER_DATA": str(data), "PYTHONPATH": str(code)}
    env["PLANNER_DB"] = str(Path(tempfile.mkdtemp()) / "planner.duckdb")
    with streamlit_served("serve.py", code, port, env):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(300_000)
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/plan")
        page.get_by_role("heading", name="Plan", level=1).wait_for()
        painted = round(time.perf_counter() - started, 2)
        rows = [{"open": "/plan", "paint_s": painted, "settled_s": settle(page, started)}]
        rows.append(pick(page, "Department", "Mark", "Marketing"))
        rows.append(pick(page, "Team", args.team, args.team))
        rows.append(pick(page, "Goal", args.goal, args.goal))
        page.close()
    for row in rows:
        row |= {"code": code.name, "width": width, "load": load()}
        print(json.dumps(row), flush=True)
    return rows


def summary(name: str, seconds: list[float]) -> str:
    return (
        f"{name}: mean {statistics.mean(seconds):.2f} s, worst {max(seconds):.2f} s "
        f"({', '.join(f'{s:.2f}' for s in seconds)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--widths", default="1440,1024")
    parser.add_argument("--team", default="Product Marketing, NA East pod 2")
    parser.add_argument("--goal", default="Website visitors from our ICP")
    args = parser.parse_args()
    code, data = args.code.resolve(), args.data.resolve()
    print(f"{code.name} on {data.name}; load {load()}", flush=True)
    rows: list[dict[str, Any]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(args.runs):
            for width in (int(w) for w in args.widths.split(",")):
                rows += one_run(browser, code, data, width, args)
        browser.close()
    for width in (int(w) for w in args.widths.split(",")):
        at = [r for r in rows if r["width"] == width]
        print(f"{code.name}, {width} px:")
        print("  " + summary("/plan first paint", [r["paint_s"] for r in at if "open" in r]))
        print("  " + summary("/plan settled", [r["settled_s"] for r in at if "open" in r]))
        for label in ("Department", "Team", "Goal"):
            picks = [r for r in at if r.get("pick") == label]
            cut = sum(bool(r["cut"]) for r in picks)
            print("  " + summary(f"pick {label}", [r["s"] for r in picks]) + f"; cut {cut}")


if __name__ == "__main__":
    main()
