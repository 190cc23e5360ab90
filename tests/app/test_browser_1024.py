"""The pages in a 1024 x 768 window beside the open sidebar: what a leader sees first.

At 1024 px the Overview left some 90 px empty under the odds chart's legend, the
columns' gap for side by side kept with the chart and the list one under the other;
the Constraints page's per-team table began at 765 px, past the window, under the
exact capacity boxes and the utilisation slider.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import app_tab, require_chromium, settled

pytestmark = pytest.mark.browser
require_chromium("1024 px window test")

sync_api = pytest.importorskip("playwright.sync_api")

WINDOW = {"width": 1024, "height": 768}
#: A table's heading row and each row of one line, in px.
ROW_PX = 35


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    with app_tab(tmp_path_factory.mktemp("window-1024") / "planner.duckdb", WINDOW) as tab:
        yield tab


def opened(page, path: str, title: str, window: dict[str, int] = WINDOW) -> None:
    page.set_viewport_size(window)
    page.goto(f"{page.url_root}/{path}")
    page.get_by_role("heading", name=title, level=1).wait_for()
    settled(page)


def test_the_overview_s_odds_list_follows_the_odds_legend_closely(page):
    """At 1024 px the odds chart and the list of odds go one under the other: the list
    began 93 px under the legend's last words (its column gap of 64 px and the chart's own
    margin), an empty band that read as the end of the section. It is under 60 px."""
    opened(page, "", "Overview")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg text').length"
    )
    gap = page.evaluate(
        """() => { const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
          const row = chart.closest('[data-testid="stHorizontalBlock"]');
          const legend = Math.max(...[...chart.querySelectorAll('svg text')]
            .map(t => t.getBoundingClientRect().bottom));
          const list = row.querySelector('ul').getBoundingClientRect();
          const left = list.left - chart.getBoundingClientRect().left;
          return {legend, list: list.top, left}; }"""
    )
    assert gap["left"] == 0, f"the chart and the list side by side: {gap}"
    assert 0 < gap["list"] - gap["legend"] < 60, gap


def test_the_constraints_per_team_table_starts_on_the_first_screen(page):
    """Constraints at 1024 x 768: the per-team table (each team's hours and its own
    capacity %) began at 765 px, its heading row past the window's edge; it follows the
    departments' sliders, its heading row and first two teams in view."""
    opened(page, "constraints", "Constraints")
    table = page.get_by_test_id("stDataFrame").first
    table.locator("td").first.wait_for(state="attached")
    box = table.bounding_box()
    assert box is not None
    assert box["y"] + 3 * ROW_PX <= WINDOW["height"], box


def shown_cells(table) -> tuple[list[str], list[str]]:
    """The headings and the first row's cells the grid ``table`` draws now, left to right
    (its accessibility table holds the columns in view)."""
    return table.evaluate(
        """t => [[...t.querySelectorAll('th')].map(th => th.textContent.trim()),
          [...t.querySelectorAll('tr[aria-rowindex="2"] td')].map(td => td.textContent)]"""
    )


def test_the_data_page_s_projects_keep_their_id_and_name_in_view_scrolled_sideways(page):
    """Data at 1024 px, the Projects tab: some 2,300 px of columns in 766 px. Effort and
    Value came after the goal and the funnel stage, the weeks last; scrolled to the right to
    reach them, a row's id and name scrolled out of sight, and which project a figure was
    for with them. The columns a leader edits most come first, and the id and the name stay
    in view however far the grid is scrolled, after the row's number (its Row column)."""
    opened(page, "data", "Data")
    page.get_by_role("tab", name="Projects (").click()
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    table.locator('tr[aria-rowindex="2"] td').first.wait_for(state="attached")
    headings, _ = shown_cells(table)
    assert headings[:5] == [
        "Row",
        "Project id",
        "Name",
        "Effort (hours)",
        "Value (in the goal's KPI unit)",
    ]
    table.evaluate(
        "t => { const s = t.querySelector('.dvn-scroller'); s.scrollLeft = s.scrollWidth; }"
    )
    page.wait_for_function(
        """t => [...t.querySelectorAll('th')].some(th => th.textContent.includes('Sales share'))""",
        arg=table.element_handle(),
    )
    headings, cells = shown_cells(table)
    assert headings[:3] == ["Row", "Project id", "Name"], headings
    assert cells[:3] == ["2", "AW-01", "SEO pillar pages: compliance automation hub"], cells


def names_cut(table) -> list[list]:
    """[column, text, lines it takes, lines its row shows] of each Project or Team in the plan
    cell of the grid ``table`` drawn now that its row cuts short.

    The grid draws on a canvas: each text is broken into lines at its column's drawn width
    less 8 px each side, in the grid's font, word by word as the grid wraps it; a row of
    35 px shows one line, a taller one (65 px and more) one more line each 20 px."""
    return table.evaluate(
        """t => { const context = document.createElement('canvas').getContext('2d');
          context.font = '14px ' + getComputedStyle(t).fontFamily;
          const canvas = t.querySelector('canvas');
          let fiber = canvas[Object.keys(canvas).find(k => k.startsWith('__reactFiber'))];
          let columns = null, rowHeight = null;
          while (fiber && (!columns || rowHeight === null)) {
            const props = fiber.memoizedProps || {};
            if (!columns && Array.isArray(props.columns) && props.columns.length
                && props.columns[0].width !== undefined) columns = props.columns;
            if (rowHeight === null && typeof props.rowHeight === 'number')
              rowHeight = props.rowHeight;
            fiber = fiber.return; }
          const shown = rowHeight < 65 ? 1 : 1 + Math.floor((rowHeight - 35) / 20);
          const lines = (text, room) => { let count = 1, line = '';
            for (const word of text.split(' ')) {
              const longer = line ? line + ' ' + word : word;
              if (line && context.measureText(longer).width > room) { count += 1; line = word; }
              else line = longer; }
            return count; };
          return [...t.querySelectorAll('td')].map(td => {
            const column = columns[+td.getAttribute('aria-colindex') - 1];
            if (!['Project', 'Team in the plan'].includes(column.title)) return null;
            const count = lines(td.textContent, column.width - 16);
            return count > shown ? [column.title, td.textContent, count, shown] : null;
          }).filter(cut => cut !== null); }"""
    )


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_check_in_reads_each_project_s_name_whole(page, width):
    """Check-in at 1024 px: the projects' names were cut at their 250 px column, "Q3
    webinar series on compliance automat" beside "SEO pillar pages: compliance automation",
    and a joint project's teams read "Demand Gen + SDR T". The rows are tall enough to wrap
    each name and team whole, at the top of the table and at its foot, and the table still
    fits the page: no sideways scroll."""
    opened(page, "checkin", "Check-in", {"width": width, "height": 800})
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    table.locator('tr[aria-rowindex="2"] td').first.wait_for(state="attached")
    settled(page)
    assert names_cut(table) == []
    table.evaluate(
        "t => { const s = t.querySelector('.dvn-scroller'); s.scrollTop = s.scrollHeight; }"
    )
    # The grid has drawn the rows scrolled to: its last row is in its accessibility table.
    page.wait_for_function(
        """t => { const grid = t.querySelector('table[aria-rowcount]');
          const last = grid && grid.getAttribute('aria-rowcount');
          return last && t.querySelector(`tr[aria-rowindex="${last}"] td`); }""",
        arg=table.element_handle(),
    )
    assert names_cut(table) == []
    sideways = table.evaluate(
        "t => { const s = t.querySelector('.dvn-scroller'); return s.scrollWidth - s.clientWidth; }"
    )
    assert sideways <= 0
