"""Where a capacity slider move on the Constraints page spends its time, part by part.

The browser test (``tests/app/test_browser.py -k capacity_slider_resolves``) gives one
figure, key press to redrawn page. This splits it, on the same path (a fresh
``streamlit run app.py`` per run, the sample, sales 100 % -> 95 % by the arrow key, so
the what-if is solved every time), and can alternate several copies of the code (a
folder each, e.g. one made with ``git archive``) in the same window:

* ``first_msg``, ``script_finished``, ``metric``, ``settled``: seconds from the key press
  to the server's first message, to its end of the script run, to the Sales capacity
  card's new figure, to the running indicator gone (the test's figure);
* ``chart_lag``: the load chart's last change after the page says the run is over;
* ``msgs``/``bytes``: the run's messages to the browser (every element is sent again);
* ``mutations``: DOM changes outside the header; ``reembedded``: charts drawn anew (1
  when the chart's place in the page moved) rather than updated;
* ``server_cpu``, ``renderer_cpu``: CPU seconds of the server process and of Chromium's
  renderers during the move; ``tasks``/``js``: the page's main-thread task and
  JavaScript seconds (Chrome's Performance metrics).

Usage::

    python bench/slider_redraw.py                       # this folder, 3 runs
    python bench/slider_redraw.py OLD_COPY . --runs 5   # alternating, 5 runs each

Needs Chromium (``$CHROMIUM``, default /usr/bin/chromium) and Playwright; the machine's
load is printed with each run: on a shared machine compare only runs of one window.
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
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SETTLED = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
CHARTS = ".vega-embed canvas, .vega-embed svg.marks"
WATCH = r"""() => {
  document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks')
    .forEach(c => c.dataset.old = '1');
  window.__muts = 0; window.__done = 0; window.__chart = 0;
  new MutationObserver(ms => { for (const m of ms) {
    const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    if (!el) continue;
    if (m.attributeName === 'data-test-script-state'
        && el.getAttribute('data-test-script-state') === 'notRunning')
      window.__done = performance.now();
    if (el.closest('[data-testid="stVegaLiteChart"]')) window.__chart = performance.now();
    if (!el.closest('[data-testid="stStatusWidget"], [data-testid="stHeader"]'))
      window.__muts += 1;
  } }).observe(document.body,
    {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds of ``pids`` (all their threads)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def renderers() -> list[int]:
    """Chromium's renderer processes (the pages) started by this script's Playwright.

    Only this process's descendants: on a shared machine other Playwright browsers'
    renderers were counted too, and a move's renderer CPU once read -0.1 s.
    """
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat[1])
        commands[int(entry.name)] = command
    ours = {os.getpid()}
    for _ in range(10):  # python -> Playwright's driver -> Chromium -> its zygotes -> renderers
        ours |= {pid for pid, parent in parents.items() if parent in ours}
    return [pid for pid in ours if "--type=renderer" in commands.get(pid, "")]


@contextmanager
def streamlit_served(
    script: str, cwd: Path, port: int, env: dict[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    """``streamlit run script`` headless from ``cwd`` on 127.0.0.1:``port`` with ``env``,
    once its health check answers (bench/scale_walk.py serves the app through it too)."""
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    command += ["--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=20)


@contextmanager
def serving(code: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """``streamlit run app.py`` from ``code`` on ``port``, with a database of its own."""
    env = {**os.environ, "PLANNER_DB": str(Path(tempfile.mkdtemp()) / "planner.duckdb")}
    with streamlit_served("app.py", code, port, env) as server:
        yield server


def one_move(browser: Any, code: Path, port: int) -> dict[str, Any]:
    """Open the Constraints page on a fresh server, move the sales slider once, time it."""
    with serving(code, port) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        frames: list[tuple[float, int, str]] = []

        def listen(socket: Any) -> None:
            def received(payload: Any) -> None:
                if isinstance(payload, bytes | bytearray):
                    message = ForwardMsg()
                    message.ParseFromString(bytes(payload))
                    kind = message.WhichOneof("type") or "?"
                    frames.append((time.perf_counter(), len(payload), kind))

            socket.on("framereceived", received)

        page.on("websocket", listen)
        page.goto(f"http://127.0.0.1:{port}/constraints")
        page.get_by_role("heading", name="Constraints", level=1).wait_for()
        page.wait_for_function(SETTLED)
        page.wait_for_function(f"() => document.querySelectorAll('{CHARTS}').length >= 1")
        time.sleep(1.0)
        card = page.get_by_test_id("stMetric").filter(has_text="Sales capacity")
        before = card.inner_text()
        slider = page.get_by_role("slider").nth(1)  # sales capacity
        slider.focus()
        page.evaluate(WATCH)
        metrics = context.new_cdp_session(page)
        metrics.send("Performance.enable")

        def performance() -> dict[str, float]:
            return {
                m["name"]: m["value"] for m in metrics.send("Performance.getMetrics")["metrics"]
            }

        pages = renderers()
        server_cpu, renderer_cpu, perf = (
            cpu_seconds([server.pid]),
            cpu_seconds(pages),
            performance(),
        )
        seen = len(frames)
        load = os.getloadavg()[0]
        page_start = page.evaluate("() => performance.now()")
        start = time.perf_counter()
        slider.press("ArrowLeft")  # 100 % -> 95 %
        page.wait_for_function(
            "(before) => [...document.querySelectorAll('[data-testid=\"stMetric\"]')]"
            ".some(m => m.innerText.includes('Sales capacity') && m.innerText !== before)",
            arg=before,
        )
        metric = time.perf_counter() - start
        page.wait_for_function(SETTLED)
        page.wait_for_function(f"() => document.querySelectorAll('{CHARTS}').length >= 1")
        settled = time.perf_counter() - start
        time.sleep(1.0)  # what the browser still does after the test's figure
        server_cpu = cpu_seconds([server.pid]) - server_cpu
        renderer_cpu = cpu_seconds(pages) - renderer_cpu
        after = performance()
        done, chart, mutations, reembedded = page.evaluate(
            "() => [window.__done, window.__chart, window.__muts, [...document.querySelectorAll("
            "'.vega-embed canvas, .vega-embed svg.marks')].filter(c => !c.dataset.old).length]"
        )
        context.close()
    ours = frames[seen:]
    finished = [t - start for t, _, kind in ours if kind == "script_finished"]
    return {
        "code": str(code),
        "load": round(load, 2),
        "first_msg": round(ours[0][0] - start, 3) if ours else None,
        "script_finished": round(finished[0], 3) if finished else None,
        "metric": round(metric, 3),
        "settled": round(settled, 3),
        "chart_lag": round((chart - done) / 1000, 3) if done and chart else None,
        "page_done": round((done - page_start) / 1000, 3) if done else None,
        "msgs": len(ours),
        "bytes": sum(size for _, size, _ in ours),
        "mutations": mutations,
        "reembedded": reembedded,
        "server_cpu": round(server_cpu, 2),
        "renderer_cpu": round(renderer_cpu, 2),
        "tasks": round(after["TaskDuration"] - perf["TaskDuration"], 3),
        "js": round(after["ScriptDuration"] - perf["ScriptDuration"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("code", nargs="*", type=Path, default=[Path(".")], help="code folders")
    parser.add_argument("--runs", type=int, default=3, help="runs of each folder")
    parser.add_argument("--port", type=int, default=8650)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(args.runs):
            for code in args.code:  # alternating: each copy sees the same load
                rows.append(one_move(browser, code.resolve(), args.port))
                print(json.dumps(rows[-1]), flush=True)
        browser.close()
    for code in args.code:
        mine = [r for r in rows if r["code"] == str(code.resolve())]
        print(
            f"\n{code} ({len(mine)} runs, load {min(r['load'] for r in mine):.1f}-"
            f"{max(r['load'] for r in mine):.1f})"
        )
        for key in (
            "settled",
            "metric",
            "script_finished",
            "chart_lag",
            "msgs",
            "mutations",
            "reembedded",
            "server_cpu",
            "renderer_cpu",
            "tasks",
            "js",
        ):
            values = [r[key] for r in mine if r[key] is not None]
            if values:
                print(f"  {key:16s} mean {statistics.mean(values):9.3f}  worst {max(values):9.3f}")


if __name__ == "__main__":
    main()
