"""A real ``streamlit run app.py`` for the browser tests, and Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
#: How long a browser test waits for the app to show what it looks for.
TIMEOUT_MS = 60_000


def require_chromium(what: str) -> None:
    """Skip the module without Chromium, except under CI, where that is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI needs Chromium at {CHROMIUM} for the {what}", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


#: Streamlit's own mark of a finished script run, and its running indicator gone: a
#: JavaScript test of the page. The indicator alone is not enough: it shows only after a
#: moment, and a slider move once read as redrawn at 0.85 s where the script ran until 2.39 s
#: (bench/slider_redraw.py).
SETTLED = (
    "document.querySelector('[data-testid=\"stApp\"]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)


def settled(page, drawn: str = "true", arg: object = None, pause_ms: int = 0) -> None:
    """Wait until the page's script run is over (:data:`SETTLED`) and, at that same moment,
    the JavaScript test ``drawn`` of ``arg`` holds (e.g. its tables are there).

    ``pause_ms`` is waited first, where the run to wait for starts a moment after the action
    that asked for it (a double-click's second run): until then the page reads as settled.
    """
    if pause_ms:
        page.wait_for_timeout(pause_ms)
    page.wait_for_function(f"(arg) => {SETTLED} && ({drawn})", arg=arg)


def watch_runs(page) -> None:
    """Count the script runs the server ends for the tab ``page``, in ``page.runs_ended``:
    its ``script_finished`` messages on the tab's websocket, but for a run stopped for the
    next (a double-click's first, an ``st.rerun()``), which leaves the page to that next run.

    The page's own mark of a run (:data:`SETTLED`) cannot tell a run that has not begun yet
    from one that is over: the browser shows "notRunning" until the server says the run it
    asked for has started, 3 s after a slider's key on a machine at load 20. Call it before
    the tab opens the app (the first ``goto``); :func:`rerun` reads the count.
    """
    page.runs_ended = 0
    page.runs_ended_at_last_ask = 0

    def frame(payload: str | bytes) -> None:
        if not isinstance(payload, bytes):
            return
        message = ForwardMsg.FromString(payload)
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            page.runs_ended += 1

    def sent(payload: str | bytes) -> None:
        if isinstance(payload, bytes) and BackMsg.FromString(payload).HasField("rerun_script"):
            page.runs_ended_at_last_ask = page.runs_ended

    def watch(socket) -> None:
        socket.on("framereceived", frame)
        socket.on("framesent", sent)

    page.on("websocket", watch)


def answered(page, drawn: str = "true", arg: object = None, timeout_ms: float = 120_000) -> None:
    """Wait until the server has ended a script run since the page last asked for one (a
    click's, a key's; a double-click's second), then until the page is drawn and ``drawn``
    holds (:func:`settled`): every run the page asked for is over, however many it asked
    for and however the server merged them (:func:`watch_runs` must watch ``page``).

    A run the server ends at once stops the one before it without ending it
    (``FINISHED_EARLY_FOR_RERUN``): the run counted is the last one asked for, or a later one.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while page.runs_ended == page.runs_ended_at_last_ask:
        if time.monotonic() > deadline:
            raise AssertionError(f"no script run ended within {timeout_ms / 1000:g} s of the ask")
        page.wait_for_timeout(50)  # lets Playwright deliver the websocket's messages
    settled(page, drawn, arg)


@contextmanager
def rerun(page, drawn: str = "true", arg: object = None, timeout_ms: float = 120_000):
    """Around an action that starts a script run (a click, a key, a cell entered): wait, after
    it, until the server has ended a run begun since, then until the page is drawn and the
    JavaScript test ``drawn`` of ``arg`` holds (:func:`settled`). A page read after it is
    the action's, never the one before it (:func:`watch_runs` must watch ``page``).
    """
    if not hasattr(page, "runs_ended"):
        raise RuntimeError("rerun() needs watch_runs(page) before the page opened the app")
    before = page.runs_ended
    yield
    deadline = time.monotonic() + timeout_ms / 1000
    while page.runs_ended == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"no script run ended within {timeout_ms / 1000:g} s of it")
        page.wait_for_timeout(50)  # lets Playwright deliver the websocket's messages
    settled(page, drawn, arg)


def enabled_button(page, name: str, timeout_ms: float = 60_000):
    """The button ``name`` once the page's run has drawn it enabled: its locator.

    While Streamlit redraws a page it can hold a button twice for a moment (the last run's,
    greyed, and this run's): a plain role locator then matched both and Playwright's strict
    mode failed the test (once in CI, after a Data edit). The enabled one is waited for,
    then the run's end, by which the stale copy is gone.
    """
    button = page.get_by_role("button", name=name, disabled=False)
    button.first.wait_for(timeout=timeout_ms)
    settled(page)
    return button


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(
    db: Path, env: dict[str, str] | None = None, entry: str = "app.py"
) -> Iterator[str]:
    """The app served headless on 127.0.0.1 with its own scenario database; its URL.

    ``env`` adds environment variables (e.g. ``PLANNER_DATA``, the data to open on);
    ``entry`` is the file run (``serve.py``: as ``make run`` serves it).
    """
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / entry)]
    command += ["--server.headless", "true", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "PLANNER_DB": str(db), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(f"streamlit did not start:\n{output}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def app_tab(db: Path, viewport: dict[str, int], timeout_ms: int = 90_000) -> Iterator[object]:
    """One Chromium tab of width x height ``viewport`` on a fresh :func:`running_app`; the
    app's URL is the tab's ``url_root``."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with running_app(db) as url, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        tab = browser.new_page(viewport=viewport)
        tab.set_default_timeout(timeout_ms)
        watch_runs(tab)
        tab.url_root = url
        try:
            yield tab
        finally:
            browser.close()


def cut_card_text(page) -> list[str]:
    """The headline cards' texts that a card cuts short ("Marketing capa…", "85.6…")."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            '[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *,'
            + ' [data-testid="stMetricDelta"] *')]
          .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )


def hidden_table_width(page) -> list[int]:
    """Per table shown on the page (one in a tab not open is passed over): how many pixels
    of its columns lie past its right edge."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
          .filter(s => s.clientWidth > 0).map(s => s.scrollWidth - s.clientWidth)"""
    )


def cut_filter_words(page) -> list[str]:
    """The empty filters' words ("All departments") that their box cuts ("All departm…"),
    measured in the box's own font."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMultiSelect"] input')]
          .filter(input => {
            const style = getComputedStyle(input);
            const context = document.createElement('canvas').getContext('2d');
            context.font = style.font;
            const room = input.clientWidth - parseFloat(style.paddingLeft)
              - parseFloat(style.paddingRight);
            return context.measureText(input.placeholder).width > room;
          }).map(input => input.placeholder)"""
    )
