"""In a real browser: a leader tabbing through the Plan page meets each chart's three buttons.

Streamlit gave every chart a toolbar of four buttons (Show data, Download as PNG, Copy
Vega-Lite spec, Fullscreen): the Plan's seven charts were 28 tab stops, and one of each
four copied the chart's spec, a developer's tool. The chart's figures as a table, its
picture for a deck and its full screen stay; the spec is not offered
(``pages.ui.NARROW_LAYOUT_CSS``).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from app_server import require_chromium, settled

pytestmark = pytest.mark.browser
require_chromium("chart toolbar test")

sync_api = pytest.importorskip("playwright.sync_api")

#: The focused element: the index of the chart it belongs to (-1: none), and its label.
_FOCUSED = """() => {
  const e = document.activeElement;
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .map(c => c.closest('[data-testid="stElementContainer"]'));
  const chart = charts.findIndex(c => c && c.contains(e));
  return [chart, e.getAttribute('aria-label') || e.tagName];
}"""

#: The labels of the buttons displayed in the charts' toolbars.
_CHART_BUTTONS_SHOWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
  .flatMap(c => [...c.closest('[data-testid="stElementContainer"]').querySelectorAll('button')])
  .filter(b => b.checkVisibility())
  .map(b => b.getAttribute('aria-label'))"""


def test_each_chart_of_the_plan_offers_its_table_picture_and_full_screen_and_no_spec(page, server):
    page.goto(f"{server}/plan")
    page.get_by_role("heading", name="Plan", level=1).wait_for()
    drawn = "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= 7"
    settled(page, drawn)
    charts = page.get_by_test_id("stVegaLiteChart").count()
    assert charts >= 7
    # Each chart's toolbar is drawn (its Show data button is there) before the walk.
    page.wait_for_function(
        '(n) => document.querySelectorAll(\'[data-testid="stElementContainer"] '
        'button[aria-label^="Show data"]\').length >= n',
        arg=charts,
    )

    stops: list[tuple[int, str]] = []
    for _ in range(300):  # the whole page, from its top until the focus comes round again
        page.keyboard.press("Tab")
        chart, label = page.evaluate(_FOCUSED)
        if label == "BODY" and stops:
            break
        stops.append((chart, label))
    else:
        pytest.fail(f"the focus never came round the page: {stops[-5:]}")

    per_chart = Counter(chart for chart, _ in stops if chart >= 0)
    assert per_chart == dict.fromkeys(range(charts), len(_KEPT)), stops
    for chart in range(charts):
        labels = [label for at, label in stops if at == chart]
        assert [_kept(label) for label in labels] == list(_KEPT), (chart, labels)
    # Nor offered to a mouse: no chart's toolbar shows the spec's button.
    assert page.get_by_role("button", name=re.compile("Copy Vega-Lite spec")).count() == 0
    shown = page.evaluate(_CHART_BUTTONS_SHOWN)
    assert len(shown) == len(_KEPT) * charts, shown
    assert all(_kept(label) for label in shown), shown


#: The buttons of a chart's toolbar a leader keeps, in their order.
_KEPT = ("Show data", "Download as PNG", "Fullscreen")


def _kept(label: str) -> str | None:
    return next((k for k in _KEPT if label.startswith(k)), None)
