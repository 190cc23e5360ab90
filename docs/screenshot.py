"""Screenshots of the app in a real browser (Playwright + Debian's Chromium).

    python docs/screenshot.py              # docs/plan-page.png
    python docs/screenshot.py --weeks
                                           # docs/timeline.png, docs/weekly-load.png
    python docs/screenshot.py --all OUT    # also every page, as OUT/<page>.png

It starts ``streamlit run app.py`` on a free port, opens each page on the
bundled sample, waits until the plan and its charts are drawn, and saves a
full-page PNG. No browser is downloaded: it drives /usr/bin/chromium (or
$CHROMIUM).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WIDTH = 1440
README_HEIGHT = 1420
#: url path -> (file name, how many charts the page draws)
PAGES = {
    "": ("overview", 1),
    "data": ("data", 0),
    "constraints": ("constraints", 1),
    "plan": ("plan", 7),
    "scenarios": ("scenarios", 0),
    "checkin": ("checkin", 0),
    "export": ("export", 0),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(folder: Path) -> dict[str, str]:
    """The app's environment: the bundled sample (no ``PLANNER_DATA``) and a database of
    its own in ``folder``, so that no saved or unsaved work of the user's is in the pictures."""
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_DATA"}
    env["PLANNER_DB"] = str(folder / "planner.duckdb")
    return env


@contextlib.contextmanager
def streamlit_server(port: int | None = None, timeout_s: float = 60) -> Iterator[str]:
    """Run ``streamlit run app.py`` headless on the sample; yield its URL; stop it afterwards."""
    port = port or free_port()
    folder = tempfile.TemporaryDirectory(prefix="planner-screenshots-")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=server_env(Path(folder.name)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.stdout else ""
                raise RuntimeError(f"streamlit did not start:\n{output}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        folder.cleanup()


def wait_until_drawn(page: Page, num_charts: int, timeout_ms: float = 30_000) -> None:
    """Wait for the page's script to finish and its charts to be drawn."""
    page.wait_for_selector("h1", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout_ms,
    )
    if num_charts:
        page.wait_for_function(
            f"() => document.querySelectorAll('.vega-embed canvas, .vega-embed svg')"
            f".length >= {num_charts}",
            timeout=timeout_ms,
        )
    page.wait_for_timeout(800)  # let the charts' transitions settle


def save(page: Page, target: Path) -> None:
    page.screenshot(path=str(target))
    print(f"saved {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", metavar="OUT", type=Path, help="also save every page here")
    parser.add_argument(
        "--weeks",
        action="store_true",
        help="save the timeline and the weekly load (of the bundled sample, in weeks)",
    )
    args = parser.parse_args()
    with streamlit_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
        for path, (name, num_charts) in PAGES.items():
            if args.all is None and name != "plan":
                continue
            page.set_viewport_size({"width": WIDTH, "height": 1000})
            page.goto(f"{url}/{path}")
            wait_until_drawn(page, num_charts)
            if name == "plan":
                # README's picture: the status, the filters and the four charts.
                page.set_viewport_size({"width": WIDTH, "height": README_HEIGHT})
                page.wait_for_timeout(500)
                if not args.weeks:
                    save(page, ROOT / "docs" / "plan-page.png")
                # The quarter's weeks: the timeline and the weekly load, each on its own.
                charts = page.locator('[data-testid="stVegaLiteChart"]')
                weeks = ((4, "timeline.png"), (5, "weekly-load.png")) if args.weeks else ()
                for index, file in weeks:
                    chart = charts.nth(index)
                    chart.scroll_into_view_if_needed()
                    page.wait_for_timeout(500)
                    chart.screenshot(path=str(ROOT / "docs" / file))
                    print(f"saved {ROOT / 'docs' / file}")
            if args.all is not None:
                # Streamlit scrolls inside its main block, not the page: grow the
                # window to the content's height so the screenshot shows all of it.
                height = page.evaluate(
                    "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
                )
                page.set_viewport_size({"width": WIDTH, "height": max(int(height), 600)})
                page.wait_for_timeout(500)
                args.all.mkdir(parents=True, exist_ok=True)
                save(page, args.all / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
