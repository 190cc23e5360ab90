"""In a real browser: a goal named in Hebrew, in a sentence, leaves the sentence's order.

The Overview said "Low odds: לידים שיווקיים (3 %), ..." and Chromium drew it "Low odds:
(% 3) לידים שיווקיים": the neutral characters and digits after a right-to-left name took
its direction, so the goal's chance read reversed and before it. Each right-to-left run
of page text is isolated (``planner.core.unseen.right_to_left_isolated``); where the figure
is drawn is measured here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from app_server import ROOT, require_chromium, running_app, settled
from test_browser import assert_no_error
from test_hostile_names_on_pages import renamed

pytestmark = pytest.mark.browser
require_chromium("right-to-left names test")

sync_api = pytest.importorskip("playwright.sync_api")

GOAL = "לידים שיווקיים"


@contextmanager
def app_with_a_hebrew_goal(root: Path, entry: str = "app.py") -> Iterator[str]:
    """The app (``entry``) on the sample whose MQL goal, the one with low odds, is named
    :data:`GOAL`, with a database of its own under ``root``; its URL."""
    folder = root / "q3"
    shutil.copytree(ROOT / "data" / "sample", folder)
    renamed(folder / "goals.csv", "mqls", GOAL)
    env = {"PLANNER_DATA": str(folder)}
    with running_app(root / "planner.duckdb", env=env, entry=entry) as url:
        yield url


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with app_with_a_hebrew_goal(tmp_path_factory.mktemp("rtl")) as url:
        yield url


@contextmanager
def low_odds_drawn(browser, server: str, permissions: Sequence[str] = ()) -> Iterator[Any]:
    """A 1440 x 1000 tab of its own context (granted ``permissions``) on the Overview of
    ``server``, its "Low odds" line drawn and no error on the page."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        context.grant_permissions(list(permissions))
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.goto(server)
        page.get_by_text("Low odds:").first.wait_for()
        settled(page)
        assert_no_error(page)
        yield page
    finally:
        context.close()


#: Where the name's first letter and the "(" after it are drawn (their left edges, px).
_PLACES = """(goal) => {
  const line = [...document.querySelectorAll('p, li')]
    .find(e => e.innerText.startsWith('Low odds:') && e.innerText.includes(goal));
  if (!line) return null;
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(goal);
    const open = node.data.indexOf('(', at);
    if (at < 0 || open < 0) continue;
    const left = (i) => {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getBoundingClientRect().left;
    };
    return {name: Math.min(left(at), left(at + goal.length - 1)), open: left(open)};
  }
  return null;
}"""


def test_the_chance_after_a_hebrew_goal_name_reads_after_it(browser, server):
    with low_odds_drawn(browser, server) as page:
        places = page.evaluate(_PLACES, GOAL)
    assert places is not None, "no 'Low odds' line names the goal"
    assert places["open"] > places["name"], places
