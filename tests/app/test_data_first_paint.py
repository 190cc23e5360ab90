"""A page opened first, before any plan: what it can show comes before the plan's solve.

At 150 teams the Data page showed no table until the first plan was made (some 10 s): the
plan's lines were drawn above the tables, and waited for the solve; the Overview, where
the app opens, showed nothing at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from app_sessions import new_app

from planner.core.loading import RAW_FILES

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app's pages/ sit next to app.py, outside the package
    sys.path.insert(0, str(ROOT))
import pages.solving  # noqa: E402


def test_opened_first_the_data_page_draws_every_table_before_the_plan_is_solved(
    monkeypatch: pytest.MonkeyPatch,
):
    """A solve that never answers stands for a long one: the page's run ends in it, and
    what the browser has by then is every table and the Apply button, not a title alone."""

    def still_solving(*args: object, **kwargs: object) -> None:
        raise RuntimeError("still solving")

    monkeypatch.setattr(pages.solving, "solved", still_solving)
    app = new_app()
    app.switch_page("pages/data.py").run()
    assert len(app.exception) == 1  # the solve that did not answer
    assert len(app.dataframe) == len(RAW_FILES)
    assert any(b.label == "Apply edits" for b in app.button)


def test_the_app_opens_on_the_overview_heading_before_its_first_plan(
    monkeypatch: pytest.MonkeyPatch,
):
    """The app opens on the Overview: at 150 teams it painted nothing, its heading
    included, for the 13 s its first plan took."""

    def still_solving(*args: object, **kwargs: object) -> None:
        raise RuntimeError("still solving")

    monkeypatch.setattr(pages.solving, "solved", still_solving)
    app = new_app().run()
    assert len(app.exception) == 1  # the solve that did not answer
    assert [t.value for t in app.title] == ["Overview"]
    assert any("proposed projects" in c.value for c in app.caption)


@pytest.mark.parametrize(
    ("page", "title"),
    [("pages/plan.py", "Plan"), ("pages/scenarios.py", "Scenarios"), ("pages/export.py", "Export")],
)
def test_a_page_opened_first_draws_its_heading_before_the_first_plan(
    monkeypatch: pytest.MonkeyPatch, page: str, title: str
):
    """A CMO who opened the Plan page first (a bookmark, a link sent to her) saw a blank
    page for the 10-16 s the first plan took at 150 teams; Scenarios and Export the same.
    The heading comes first, the solve's progress box under it."""

    def still_solving(*args: object, **kwargs: object) -> None:
        raise RuntimeError("still solving")

    monkeypatch.setattr(pages.solving, "solved", still_solving)
    app = new_app()
    app.switch_page(page).run()
    assert len(app.exception) == 1  # the solve that did not answer
    assert [t.value for t in app.title] == [title]
