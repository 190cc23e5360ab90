"""Shared test set-up: the builders on the path, and AppTest routed as the server routes."""

import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from streamlit.runtime.pages_manager import PagesManager

sys.path.insert(0, str(Path(__file__).parent))

# Property tests assert what a plan, a figure or a message is, never how fast it came:
# Hypothesis's default 200 ms deadline per example is a timed unit test in disguise, and
# on a shared 2-core machine a slow example failed a rounding property that holds
# (speed is measured in bench/). Every property test runs without the deadline.
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")


def pytest_collection_modifyitems(items):
    """A real-browser test gets one more try, which the report counts ("1 rerun").

    Chromium against a real server on a shared 2-core machine: a redraw can come a moment
    later than any wait foresaw (a stale copy of a button once failed a test's strict
    locator in CI). A test that fails twice fails; the reruns in a report are the list of
    waits to make right. The other tests get no second try.
    """
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


@pytest.fixture(scope="session", autouse=True)
def planner_imported():
    """Every module of ``planner`` imported, and its public names read, before any test.

    A module binds the names it imports when it is first imported: one first imported
    inside a test that patched ``solver.solve`` (the command line imports the what-if's
    modules as it runs) kept the patch for the rest of the process. The Data page's
    what-if then re-planned with it: "rule 5: sdr is planned 740.0 h over its 707.65 h",
    the sample's plan handed back for other data, in whichever test ran after it in that
    worker (tests/test_robustness.py's
    ``test_a_patch_reaches_no_module_first_imported_under_it``).
    """
    import planner

    for found in pkgutil.walk_packages(planner.__path__, "planner."):
        if not found.name.endswith("__main__"):
            importlib.import_module(found.name)
    for name in planner.__all__:
        getattr(planner, name)


@pytest.fixture(autouse=True)
def routed_by_app(monkeypatch):
    """Every run goes through app.py's ``st.navigation``, as on the server.

    A server stops treating ``pages/`` as an old-style multipage app once
    app.py has run; AppTest forgets that before each run and would run a page
    on its own. (A first visit straight to a page is in test_browser.py.)
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        original(self, *args, **kwargs)

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def own_database(tmp_path_factory, monkeypatch):
    """Every test has a scenario database of its own (PLANNER_DB), unless it sets one:
    never the machine's, and nothing one test keeps (its unsaved work, its scenarios)
    reaches another's sessions."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path_factory.mktemp("db") / "planner.duckdb"))


@pytest.fixture(scope="session")
def solved_sample():
    """The bundled sample (in weeks) and its plan, solved once per test process.

    Both are frozen value objects: a test derives what it changes and shares the rest.
    """
    from planner import load_problem, solve

    problem = load_problem(Path(__file__).parents[1] / "data" / "sample")
    plan = solve(problem).plan
    assert plan is not None
    return problem, plan


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    """A scenario database of the test's own (PLANNER_DB), for the app and the CLI alike."""
    path = tmp_path / "planner.duckdb"
    monkeypatch.setenv("PLANNER_DB", str(path))
    return path


@pytest.fixture
def weighed_apart(db) -> Path:
    """``db`` with two saved scenarios of the solved sample: "Base", and "MQLs must hit",
    the same plan with marketing-qualified leads weighing 10 where the others weigh 2 (a
    what-if that weighs the goals apart, as the Scenarios page and `scenarios list` mark)."""
    from dataclasses import replace
    from decimal import Decimal

    from planner.core.loading import load_with_warnings
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore
    from planner.solving.solver import solve

    problem = load_with_warnings(Path(__file__).parents[1] / "data" / "sample").problem
    result = solve(problem)
    goals = tuple(
        replace(g, weight=Decimal(10)) if g.goal_id == "mqls" else g for g in problem.goals
    )
    with ScenarioStore.open(db) as store:
        store.save(new_scenario(problem, result, "Base"))
        store.save(new_scenario(problem.replace(goals=goals), result, "MQLs must hit"))
    return db


@pytest.fixture(scope="session")
def unprivileged() -> list[str]:
    """The words that run a command without root's privilege to pass permissions (none
    when not root): setpriv dropping every capability; skipped where it cannot."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, and no setpriv to drop root's privileges")
    prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-all"]
    if subprocess.run([*prefix, sys.executable, "-c", ""], check=False).returncode != 0:
        pytest.skip("setpriv cannot drop root's privileges here")
    return prefix
