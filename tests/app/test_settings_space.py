"""Issue 12 in the app: the accepted settings space, edges included, solves, saves and
opens every page; no page renders a leader's text as markup.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from app_pages import routed_pages
from hypothesis import HealthCheck, given, settings
from robustness_cases import ROOT, SAMPLE, accepted_settings

from planner.checker import check_plan
from planner.core import ranges
from planner.core.generate import generate_problem
from planner.core.loading import load_with_warnings
from planner.core.ranges import Range
from planner.core.settings_reading import parse_settings

# ---------------------------------------------------------------------------
# The accepted settings space: solve, save and every page
# ---------------------------------------------------------------------------

PAGES = routed_pages()


def _title_of(page: str) -> str:
    """The title a routed page draws: its name in the app's navigation."""
    from pages.common import PAGES as NAVIGATION

    return next(title for file, title, _ in NAVIGATION if file == page)


TINY = generate_problem(3, 8, 2, seed=5)


TINY_TEAMS = tuple(t.team_id for t in TINY.teams)


def _edge_settings(edge: str) -> str:
    """Every range at its low (or high) edge at once."""
    pick = (lambda r: r.low) if edge == "low" else (lambda r: r.high)

    def value(r: Range) -> int | float:
        return int(pick(r)) if r.integer else float(pick(r))

    weights = "\n".join(
        f"{w} = {value(ranges.WEIGHT)!r}"
        for w in ("attainment", "value", "balance", "fit", "stability", "confidence")
    )
    return (
        f"[solve]\ntime_limit_s = {value(ranges.TIME_LIMIT)!r}\n"
        f"workers = {value(ranges.WORKERS)}\nseed = {value(ranges.SEED)}\n"
        f"[capacity]\nmax_utilization = {value(ranges.MAX_UTILIZATION)!r}\n"
        f'[capacity.multipliers]\nsales = {value(ranges.MULTIPLIER)!r}\n"{TINY_TEAMS[0]}" = '
        f"{value(ranges.MULTIPLIER)!r}\n[weights]\n{weights}\n"
    )


def _solve_save_and_open_every_page(text: str, db: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore
    from planner.solving.solver import solve

    problem = TINY.replace(settings=parse_settings(text))
    # The solve may not use an hour: the edges are about acceptance, not patience.
    solve_settings = replace(
        problem.settings.solve, time_limit_s=min(problem.settings.solve.time_limit_s, 2.0)
    )
    quick = problem.replace(settings=replace(problem.settings, solve=solve_settings))
    result = solve(quick)
    if result.plan is not None:
        assert check_plan(quick, result.plan) == []
    with ScenarioStore.open(db) as store:
        saved = store.save(new_scenario(quick, result, f"edge {store.count()}"))
        assert store.load(saved.scenario_id).problem.settings == quick.settings
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["problem"] = quick
    app.run()
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        # The page asked for ran to its title, not another page in its place.
        assert [t.value for t in app.title] == [_title_of(page)], page


@pytest.mark.parametrize("edge", ["low", "high"])
def test_settings_at_every_edge_solve_save_and_open_every_page(edge, tmp_path, monkeypatch):
    """The loader's edges are the widgets' edges: nothing it accepts breaks a page."""
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "s.duckdb"))
    _solve_save_and_open_every_page(_edge_settings(edge), tmp_path / "s.duckdb")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accepted_settings(TINY_TEAMS))
def test_any_accepted_settings_solve_save_and_open_every_page(text):
    """Inside the ranges, too: any settings the loader takes solve, save and render."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.duckdb"
        previous = os.environ.get("PLANNER_DB")
        os.environ["PLANNER_DB"] = str(db)
        try:
            _solve_save_and_open_every_page(text, db)
        finally:
            if previous is None:
                os.environ.pop("PLANNER_DB", None)
            else:
                os.environ["PLANNER_DB"] = previous


# ---------------------------------------------------------------------------
# 5. User text stays text (the app)
# ---------------------------------------------------------------------------

HOSTILE_TEXT = "**b** $x^2$ <b>h</b> :red[r] [l](http://e.x) `c` :material/home: &lt;i&gt;\n# H"


#: Pieces of HOSTILE_TEXT that would render as markup if they reached Markdown unescaped.
MARKUP = ("**b**", "$x^2$", "<b>", ":red[", "](http", "`c`", ":material/home:", "&lt;", "\n#")


def test_no_page_renders_user_text_as_markup(tmp_path, monkeypatch):
    """Names, goals, ids and the data source are shown literally on every page.

    A leader's project called ``$x^2$`` or ``<b>h</b>`` must read exactly so,
    not as LaTeX or HTML; one helper (``pages.ui.md``) escapes them all. Every page shows
    one of the names, escaped: a page that showed none would pass the markup check on
    nothing.
    """
    from streamlit.testing.v1 import AppTest

    from pages.ui import md

    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "s.duckdb"))
    problem = load_with_warnings(SAMPLE).problem
    hostile = problem.replace(
        projects=tuple(replace(p, name=HOSTILE_TEXT) for p in problem.projects),
        teams=tuple(replace(t, name=HOSTILE_TEXT) for t in problem.teams),
        goals=tuple(replace(g, name=HOSTILE_TEXT, kpi=HOSTILE_TEXT) for g in problem.goals),
    )
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["problem"] = hostile
    app.session_state["source"] = HOSTILE_TEXT
    app.run()
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        shown = []
        for kind in ("markdown", "caption", "error", "warning", "info", "success", "title"):
            for element in app.get(kind):
                text = str(getattr(element, "value", "") or getattr(element, "body", ""))
                assert not any(m in text for m in MARKUP), (page, kind, text)
                shown.append(text)
        assert any(md(HOSTILE_TEXT) in text for text in shown), page
        # Pills' options are Markdown in a browser: the Plan's "A team's weeks" showed a
        # team named "**b** $x^2$" in bold with a formula.
        for element in app.get("button_group"):
            for option in element.options:
                assert not any(m in str(option) for m in MARKUP), (page, element.label, option)
