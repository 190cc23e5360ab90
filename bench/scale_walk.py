"""A VP Sales at company scale, in a real browser: every page and every what-if, timed.

Generates a quarter in weeks with impact ranges (``planner generate --weeks --ranges``:
150 teams and 1,500 projects by default) in a folder of its own, serves the app on it as a
leader would open it (``PLANNER_DATA``, ``streamlit run serve.py``, a database of its own),
then, in Debian's Chromium:

* each page at 1280 x 720 and 1920 x 1080: seconds from the click in the sidebar to the
  page's heading (first paint) and to the end of its script run (settled), its charts and
  their tallest, any exception box or chart Vega refused;
* the what-ifs, ``--runs`` times each, from the click to the answer on screen (the script
  run over): a step of the Sales capacity slider (100 % -> 95 % -> 90 % ...), a forbid and a
  pin (a row of the Pins and forbids table turned to "forbid" or to "pin", then Apply), and
  the Check-in page's Re-plan (each run with one more change allowed, so never a cached one);
* the figures: the headline cards of Overview, Plan and Scenarios, the Export page's
  plan.csv and plan.xlsx (their figures computed again by ``plan_metrics``), and
  ``planner solve --json`` on the same folder.

Usage::

    python bench/scale_walk.py                      # 150 x 1,500, 3 runs of each what-if
    python bench/scale_walk.py --teams 40 --projects 400 --runs 2 --shots shots

Prints one line per measurement, then a summary (mean and worst) with the machine's load
(``os.getloadavg``) before and after each part. Needs Playwright and Chromium
(``$CHROMIUM``, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.core.generate import generate_folder  # noqa: E402
from planner.core.loading import load_with_warnings  # noqa: E402
from planner.core.plan_csv import read_plan_csv  # noqa: E402
from planner.optimizer.eligibility import exclusion  # noqa: E402
from planner.scenarios.metrics import plan_metrics  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from slider_redraw import streamlit_served  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = ("Overview", "Data", "Constraints", "Plan", "Scenarios", "Check-in", "Export")
VIEWPORTS = ((1280, 720), (1920, 1080))
SETTLED = (
    "() => document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)
CHARTS = ".vega-embed canvas, .vega-embed svg.marks"
#: Pins and forbids rows (1: the first) of the generated rules.csv, each a pin: the first
#: three turned to forbids, the next three pinned to another team that may own the project.
FORBID_ROWS = (1, 2, 4)
PIN_ROWS = (5, 6, 7)


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, as ``uptime`` says them."""
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(data: Path, db: Path) -> Iterator[str]:
    """``streamlit run serve.py`` headless on ``data``, with its own database; its URL."""
    port = free_port()
    env = {**os.environ, "PLANNER_DATA": str(data), "PLANNER_DB": str(db)}
    env["PYTHONPATH"] = str(ROOT)
    with streamlit_served(str(ROOT / "serve.py"), ROOT, port, env):
        yield f"http://127.0.0.1:{port}"


def settle(page: Any, started: float) -> float:
    """Seconds from ``started`` to the end of the page's script run."""
    time.sleep(0.15)  # the run starts a moment after the click
    page.wait_for_function(SETTLED)
    return time.perf_counter() - started


def page_report(page: Any) -> dict[str, Any]:
    """What the page shows that can go wrong at size: exceptions, charts, Vega's refusals."""
    return {
        "exceptions": page.get_by_test_id("stException").count(),
        "charts": page.locator(CHARTS).count(),
        "tallest_chart_px": round(
            page.evaluate(
                f"() => Math.max(0, ...[...document.querySelectorAll('{CHARTS}')]"
                ".map(e => e.getBoundingClientRect().height))"
            )
        ),
        "vega_errors": page.evaluate(
            "() => [...document.querySelectorAll('.vega-embed .error, .vega-embed pre')]"
            ".map(e => e.innerText.slice(0, 200))"
        ),
        "page_px": page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0"
        ),
    }


def go_to(page: Any, title: str) -> dict[str, Any]:
    started = time.perf_counter()
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title, level=1).wait_for()
    painted = time.perf_counter() - started
    return {
        "page": title,
        "first_paint_s": round(painted, 2),
        "settled_s": round(settle(page, started), 2),
    }


def walk(
    browser: Any, url: str, width: int, height: int, shots: Path | None
) -> list[dict[str, Any]]:
    """Each page at ``width`` x ``height``: its timings and what it shows."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(300_000)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    started = time.perf_counter()
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for()
    painted = time.perf_counter() - started
    rows = [
        {
            "page": "(first open)",
            "first_paint_s": round(painted, 2),
            "settled_s": round(settle(page, started), 2),
            "load": load(),
            "viewport": f"{width}x{height}",
        }
    ]
    for title in PAGES:
        row = (
            go_to(page, title)
            | page_report(page)
            | {"load": load(), "viewport": f"{width}x{height}"}
        )
        rows.append(row)
        print(json.dumps(row), flush=True)
        if shots is not None:
            page.screenshot(path=str(shots / f"{width}-{title}.png"))
    rows[0]["console_errors"] = [c for c in console if "ERR_NAME_NOT_RESOLVED" not in c][:5]
    print(json.dumps(rows[0]), flush=True)
    page.close()
    return rows


def timed(page: Any, act: Any) -> float:
    started = time.perf_counter()
    act()
    return round(settle(page, started), 2)


def answer(page: Any) -> str:
    """The what-if's answer as the page says it: its status and its first sentence."""
    alerts = page.get_by_test_id("stAlert").filter(visible=True).all_inner_texts()
    return " | ".join(a.strip().replace("\n", " ")[:160] for a in alerts[:3])


def slider_steps(page: Any, url: str, runs: int) -> list[float]:
    """The Sales capacity slider one step down (5 %) ``runs`` times: click to answer."""
    go_to(page, "Constraints")
    seconds = []
    for _ in range(runs):
        slider = (
            page.get_by_test_id("stSlider").filter(has_text="Sales capacity").get_by_role("slider")
        )
        slider.focus()
        seconds.append(timed(page, lambda s=slider: s.press("ArrowLeft")))
        print(
            json.dumps(
                {"what_if": "slider", "s": seconds[-1], "load": load(), "answer": answer(page)}
            ),
            flush=True,
        )
    return seconds


def other_team(data: Path, row: int) -> str:
    """A team other than the one pinned in rules.csv's ``row`` that may own its project."""
    problem = load_with_warnings(data).problem
    rule = problem_rules(data)[row - 1]
    project = problem.project(rule["project_id"])
    return next(
        t.team_id
        for t in problem.teams
        if t.team_id != rule["team_id"] and exclusion(problem, project, t) is None
    )


def problem_rules(data: Path) -> list[dict[str, str]]:
    with (data / "rules.csv").open(encoding="utf-8") as rules:
        return list(csv.DictReader(rules))


def set_cell(page: Any, row: int, right: int, text: str) -> None:
    """The Pins and forbids table's ``row`` (1: the first), its cell ``right`` of the Rule
    cell, set to the option ``text`` finds."""
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 70, box["y"] + 53)  # the first row's Rule cell
    page.wait_for_function("() => document.activeElement?.closest('[data-testid=\"stDataFrame\"]')")
    for _ in range(row - 1):
        page.keyboard.press("ArrowDown")
    for _ in range(right):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.locator("input:focus").wait_for()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page, 0)


def pins_and_forbids(page: Any, data: Path, runs: int) -> dict[str, list[float]]:
    """A forbid (a pin turned to a forbid), then a pin (a pin moved to another team that
    may own the project), ``runs`` times each: from the click on Apply to the answer."""
    go_to(page, "Constraints")
    page.get_by_role("tab", name="Pins and forbids").click()
    settle(page, 0)
    out: dict[str, list[float]] = {"forbid": [], "pin": []}
    apply = page.get_by_role("button", name="Apply pins and forbids")
    for i in range(runs):
        for rule, rows in (("forbid", FORBID_ROWS), ("pin", PIN_ROWS)):
            row = rows[i % len(rows)]
            if rule == "forbid":
                set_cell(page, row, 0, "forbid")
            else:
                set_cell(page, row, 2, other_team(data, row))
            out[rule].append(timed(page, apply.click))
            print(
                json.dumps(
                    {"what_if": rule, "s": out[rule][-1], "load": load(), "answer": answer(page)}
                ),
                flush=True,
            )
    return out


def replans(page: Any, url: str, runs: int) -> list[float]:
    """The Check-in page's Re-plan, each run with one more change allowed."""
    go_to(page, "Check-in")
    seconds = []
    budget = page.get_by_test_id("stNumberInput").filter(has_text="At most this many")
    for i in range(runs):
        if i:
            budget.get_by_test_id("stNumberInputStepUp").click()
            settle(page, 0)
        button = page.get_by_role("button", name="Re-plan", exact=True)
        started = time.perf_counter()
        button.click()
        # The page reruns once the re-plan is in (a moment with no script running): its
        # toast ("Re-planned: 2 changes ...") says the answer is there.
        page.get_by_test_id("stToast").filter(has_text="Re-planned:").first.wait_for()
        seconds.append(round(settle(page, started), 2))
        print(
            json.dumps(
                {"what_if": "re-plan", "s": seconds[-1], "load": load(), "answer": answer(page)}
            ),
            flush=True,
        )
    return seconds


def cards(page: Any, url: str, title: str) -> dict[str, str]:
    """The headline cards of ``title``'s page, label: value and delta."""
    go_to(page, title)
    found = {}
    for metric in page.get_by_test_id("stMetric").all():
        label = metric.get_by_test_id("stMetricLabel").inner_text().strip()
        value = metric.get_by_test_id("stMetricValue").inner_text().strip()
        delta = metric.get_by_test_id("stMetricDelta")
        found[label] = value + (f" ({delta.inner_text().strip()})" if delta.count() else "")
    return found


def figures(page: Any, url: str, data: Path, work: Path) -> dict[str, Any]:
    """The headline figures on every page, in the exports and in ``planner solve --json``."""
    shown = {title: cards(page, url, title) for title in ("Overview", "Plan", "Scenarios")}
    go_to(page, "Export")
    files = {}
    for name in ("plan.csv", "plan.xlsx"):
        with page.expect_download() as download:
            page.get_by_role("button", name=f"Download {name}").click()
        files[name] = Path(download.value.path()).read_bytes()
    problem = load_with_warnings(data).problem
    exported = plan_metrics(problem, read_plan_csv(files["plan.csv"].decode("utf-8")))
    book = load_workbook(io.BytesIO(files["plan.xlsx"]), read_only=True)
    summary = [
        [c for c in row if c is not None] for row in book["Summary"].iter_rows(values_only=True)
    ]
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "solve",
            str(data),
            "--json",
            "--out",
            str(work / "cli.csv"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    solved = json.loads(cli.stdout)["metrics"]

    def headline(m: dict[str, Any]) -> dict[str, Any]:
        keys = ("attainment_pct", "num_planned", "num_left_out", "num_goals_met")
        return {k: m[k] for k in keys} | {"planned_hours_shown": m["planned_hours_shown"]}

    return {
        "cards": shown,
        "plan.csv (plan_metrics)": headline(exported.to_json()),
        "plan.xlsx Summary": [r for r in summary if r][:12],
        "planner solve --json": headline(solved),
        "cli plan.csv same as app's": (work / "cli.csv").read_bytes() == files["plan.csv"],
    }


def summary(name: str, seconds: list[float]) -> str:
    if not seconds:
        return f"{name}: not measured"
    return (
        f"{name}: mean {statistics.mean(seconds):.2f} s, worst {max(seconds):.2f} s "
        f"({', '.join(f'{s:.2f}' for s in seconds)})"
    )


def _pages_summary(pages: list[dict[str, Any]]) -> None:
    print("\n## Summary")
    for row in pages:
        where = f"{row['viewport']:>9} {row['page']:<13}"
        print(
            f"{where} first paint {row['first_paint_s']:5.2f} s, settled {row['settled_s']:5.2f}"
            f" s, charts {row.get('charts', '-')}, tallest {row.get('tallest_chart_px', '-')} px,"
            f" exceptions {row.get('exceptions', 0)}, load {row['load']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teams", type=int, default=150)
    parser.add_argument("--projects", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="clicks of each what-if")
    parser.add_argument("--shots", type=Path, help="a folder for each page's screenshot")
    parser.add_argument(
        "--viewports",
        default=",".join(f"{w}x{h}" for w, h in VIEWPORTS),
        help="the window sizes the pages are walked at, e.g. 1440x900,1024x768",
    )
    parser.add_argument(
        "--pages-only", action="store_true", help="walk the pages, without the what-ifs"
    )
    args = parser.parse_args()
    viewports = [tuple(int(n) for n in v.split("x")) for v in args.viewports.split(",")]
    work = Path(tempfile.mkdtemp(prefix="scale-walk-"))
    data = generate_folder(
        work / "quarter", args.teams, args.projects, 8, args.seed, weeks=True, ranges=True
    )
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    print(f"{args.teams} x {args.projects} in weeks with ranges, seed {args.seed}; load {load()}")
    with serving(data, work / "planner.duckdb") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        pages = [row for w, h in viewports for row in walk(browser, url, w, h, args.shots)]
        if args.pages_only:
            browser.close()
            _pages_summary(pages)
            return
        tab = browser.new_page(viewport={"width": 1280, "height": 720})
        tab.set_default_timeout(300_000)
        tab.goto(url)
        tab.get_by_role("heading", level=1).first.wait_for()
        settle(tab, 0)
        agreed = figures(tab, url, data, work)
        print(json.dumps(agreed, indent=1, default=str), flush=True)
        loads = [load()]
        slider = slider_steps(tab, url, args.runs)
        loads.append(load())
        rules = pins_and_forbids(tab, data, args.runs)
        loads.append(load())
        replanned = replans(tab, url, args.runs)
        loads.append(load())
        browser.close()
    _pages_summary(pages)
    print(summary("capacity slider step", slider))
    print(summary("forbid", rules["forbid"]))
    print(summary("pin", rules["pin"]))
    print(summary("check-in re-plan", replanned))
    print("load (1/5/15 min) before and after each what-if:", " -> ".join(loads))


if __name__ == "__main__":
    main()
