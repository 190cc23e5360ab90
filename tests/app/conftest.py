"""The app tests' shared browser set-up: one Chromium per test module, a fresh context per test;
``downloads``, the files a page's download buttons hand the browser; and ``round_one``, the
app opened on the sample without weeks (the Check-in page's re-plan tests); ``sample``, the
bundled sample quarter as the app loads it (the AppTest page tests).

Playwright is imported inside the fixtures, so a module that asks for no browser runs
without it. ``page`` opens ``server``, the app on the bundled sample with a database of
its own (a module that needs other data defines its own ``server``, the URL of its
:func:`app_server.running_app`); ``page`` itself is a 1400 x 1000 tab that accepts
downloads, waits up to a minute and counts its script runs (:func:`app_server.rerun`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import streamlit as st
from app_server import CHROMIUM, ROOT, TIMEOUT_MS, require_chromium, running_app, watch_runs
from checkin_page import ROUND_ONE
from streamlit.delta_generator import DeltaGenerator

from planner.core.domain import Problem
from planner.core.loading import load_with_warnings


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium (or $CHROMIUM), headless, launched once for the module."""
    require_chromium("browser test")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on the bundled sample, served for the module with a database of its own; its
    URL. A module that needs other data or another entry defines its own."""
    with running_app(tmp_path_factory.mktemp("app") / "planner.duckdb") as url:
        yield url


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    """A tab of its own context (no cookies or session shared with another test)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    watch_runs(tab)
    yield tab
    context.close()


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Each download button's label -> the bytes it hands the browser (a workbook built
    on click, as the page defers it, is built here)."""
    files: dict[str, bytes] = {}
    offered = DeltaGenerator.download_button

    def download_button(self, label: str, data: object, *args, **kwargs):
        made = data() if callable(data) else data
        files[label] = made.encode("utf-8") if isinstance(made, str) else made
        return offered(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", download_button)
    # st.download_button is the main area's, bound when streamlit was imported.
    monkeypatch.setattr(st, "download_button", partial(download_button, st._main))
    return files


@pytest.fixture
def round_one(monkeypatch) -> Path:
    """The app opened on the sample without weeks (data/sample-without-weeks).

    The Check-in page's re-plan tests were set on that quarter's figures (Customer
    Success with room for churn work, Content's 900 h, LG-06 in the plan); the
    check-in in weeks is tests/test_weeks.py's and the first tests of test_checkin_page.py.
    """
    monkeypatch.setenv("PLANNER_DATA", str(ROUND_ONE))
    return ROUND_ONE


@pytest.fixture(scope="module")
def sample() -> Problem:
    """The bundled sample quarter, as the app loads it."""
    return load_with_warnings(ROOT / "data" / "sample").problem
