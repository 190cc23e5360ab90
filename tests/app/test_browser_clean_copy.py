"""In a real browser: a sentence copied from a page that names a goal in Hebrew reaches
the clipboard without the invisible isolates that set the name apart on the page.

Each right-to-left run of page text is isolated (``planner.core.unseen.right_to_left_isolated``)
so that the figures after it keep their order; copied as drawn (Ctrl+C), the two isolates
went with it, and a leader pasting "Low odds: ..." into an email pasted two invisible
marks around the name. ``make run`` serves the page with a copy that leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import require_chromium
from test_browser_right_to_left_names import GOAL, app_with_a_hebrew_goal, low_odds_drawn

pytestmark = pytest.mark.browser
require_chromium("copied text test")

sync_api = pytest.importorskip("playwright.sync_api")

#: Unicode's bidirectional isolates and their end.
ISOLATES = "\u2066\u2067\u2068\u2069"

#: Select the Overview's "Low odds: ..." line, as a leader's drag over it does.
_SELECT = """(goal) => {
  const line = [...document.querySelectorAll('p, li')]
    .find(e => e.innerText.startsWith('Low odds:') && e.innerText.includes(goal));
  if (!line) return null;
  const range = document.createRange();
  range.selectNodeContents(line);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with app_with_a_hebrew_goal(tmp_path_factory.mktemp("rtl"), entry="serve.py") as url:
        yield url


def test_a_sentence_naming_a_hebrew_goal_is_copied_without_invisible_marks(browser, server):
    with low_odds_drawn(browser, server, ["clipboard-read", "clipboard-write"]) as page:
        drawn = page.evaluate(_SELECT, GOAL)
        assert drawn is not None, "no 'Low odds' line names the goal"
        # The page still sets the name apart: its figures read after it.
        assert f"\u2067{GOAL}\u2069" in drawn
        page.keyboard.press("Control+C")
        text = page.evaluate("navigator.clipboard.readText()")
        assert text.startswith("Low odds:") and GOAL in text, text
        assert not set(ISOLATES) & set(text), [hex(ord(c)) for c in text if c in ISOLATES]
        html = page.evaluate(
            """async () => {
              for (const item of await navigator.clipboard.read()) {
                if (item.types.includes('text/html'))
                  return await (await item.getType('text/html')).text();
              }
              return null;
            }"""
        )
        assert html is not None and GOAL in html, html
        assert not set(ISOLATES) & set(html)
