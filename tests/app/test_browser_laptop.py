"""The app on a laptop (1280 x 800, the sidebar open) and at 1440 x 900: every column and card.

A CMO on a laptop read the Overview's goals table up to "Attainme…": the
attainment was cut at the right edge and the Projects and Chance columns were
out of sight behind a scroll bar. On Constraints, the per-team table hid its
"In force (h)" column (where a capacity change shows) and the cards beside it
read "Projects in the …", "1 of 8 goals at tar…" and "Marketing capa…".
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_server import (
    app_tab,
    cut_card_text,
    hidden_table_width,
    require_chromium,
    rerun,
    settled,
)
from test_browser import cell_editor, enter_cell, first_row_reading

pytestmark = pytest.mark.browser
require_chromium("laptop-window test")

sync_api = pytest.importorskip("playwright.sync_api")

LAPTOP = {"width": 1280, "height": 800}
WIDE = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[object]:
    with app_tab(tmp_path_factory.mktemp("laptop") / "planner.duckdb", LAPTOP) as tab:
        yield tab


def opened(page, path: str, title: str) -> None:
    page.goto(f"{page.url_root}/{path}")
    page.get_by_role("heading", name=title, level=1).wait_for()
    settled(page, "document.querySelectorAll('[data-testid=\"stDataFrame\"] .dvn-scroller').length")


@pytest.mark.parametrize("size", [LAPTOP, WIDE], ids=["1280x800", "1440x900"])
def test_the_overview_s_goals_table_shows_every_column(page, size):
    page.set_viewport_size(size)
    opened(page, "", "Overview")
    page.get_by_text("Goals and planned attainment").wait_for()
    goals_table = hidden_table_width(page)[0]
    assert goals_table <= 0, f"{goals_table} px of the goals table out of sight"


@pytest.mark.parametrize("size", [LAPTOP, WIDE], ids=["1280x800", "1440x900"])
def test_constraints_shows_each_team_s_hours_in_force_and_whole_cards(page, size):
    page.set_viewport_size(size)
    opened(page, "constraints", "Constraints")
    page.get_by_text("Goal attainment", exact=True).first.wait_for()
    team_table = hidden_table_width(page)[0]
    assert team_table <= 0, f"{team_table} px of the per-team table out of sight"
    assert cut_card_text(page) == []


def chart_text_past_its_chart(page) -> list[str]:
    """Text of a chart (a legend's label, an axis title) lying more than 2 px past its chart.

    The charts are drawn as SVG: each text's box against its chart's box.
    """
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
          .flatMap(chart => { const box = chart.getBoundingClientRect();
            return [...chart.querySelectorAll('svg text')].filter(t => {
              const r = t.getBoundingClientRect();
              return r.width > 0 && (r.right > box.right + 2 || r.left < box.left - 2); })
            .map(t => t.textContent); })"""
    )


def test_the_plan_page_s_legends_and_axis_titles_read_whole_on_a_laptop(page):
    """The timeline's goal legend, four names a row, ran past the chart's right edge
    ("Grow website traffi…", "Sales-qualified lea…"), and the sales-vs-marketing chart's
    axis read "Share of the goal's planned hour"."""
    page.set_viewport_size(LAPTOP)
    opened(page, "plan", "Plan")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg text').length"
        " && document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]').length >= 6"
    )
    assert chart_text_past_its_chart(page) == []


def test_the_plan_page_s_legends_read_whole_in_a_1024_px_window(page):
    """At 1024 px beside the open sidebar the timeline's goal legend, two names a row, ran
    past the chart's right edge ("Grow website traffic from our", "Sales-qualified lead"):
    narrower than two names, it lists one a row. Coloured by stage, "Closing" and
    "Retention" ran past it the same way."""
    page.set_viewport_size({"width": 1024, "height": 900})
    try:
        opened(page, "plan", "Plan")
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg text')"
            ".length && document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')"
            ".length >= 6"
        )
        assert chart_text_past_its_chart(page) == []
        # The click's run over, every chart laid out again, not only the timeline's legend.
        with rerun(page):
            page.locator("[data-testid=stButtonGroup] button", has_text="stage").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[aria-label^=\"Timeline\"] svg text')]"
            ".some(t => t.textContent === 'Retention')"
        )
        assert chart_text_past_its_chart(page) == []
    finally:
        page.set_viewport_size(LAPTOP)


def _replanned_on_a_laptop(page) -> None:
    """The Check-in page at 1280 px after Re-plan, its tables drawn."""
    page.set_viewport_size(LAPTOP)
    opened(page, "checkin", "Check-in")
    page.get_by_role("button", name="Re-plan").click()
    page.get_by_text("Each goal at the end of the quarter").wait_for()
    settled(
        page, "document.querySelectorAll('[data-testid=\"stDataFrame\"] .dvn-scroller').length >= 2"
    )


def test_the_check_in_s_forecast_table_shows_if_we_carry_on_on_a_laptop(page):
    """Check-in, after Re-plan: "Each goal at the end of the quarter" read up to
    "Forecast, % of target"; "If we carry on, %", the baseline to compare the re-plan
    with, was out of sight behind a scroll bar."""
    _replanned_on_a_laptop(page)
    # Every table shown (the sample's re-plan changes nothing: no table of changes), the
    # check-in's own editor and the forecast, whole; a hidden tab's editor is 0 px wide.
    shown = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
          .filter(s => s.clientWidth > 0).map(s => s.scrollWidth - s.clientWidth)"""
    )
    assert len(shown) >= 2 and max(shown) <= 0, shown


def test_the_check_in_s_forecast_shows_every_goal_its_rows_wrapped(page):
    """Check-in, after Re-plan, at 1280 px: the forecast's goals read "Grow website traffic
    from o"; their rows made taller to wrap the names, the table stopped at some 400 px with
    three of the eight goals behind its own scroll bar. Every goal is in sight."""
    _replanned_on_a_laptop(page)
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
          .filter(s => s.clientWidth > 0).map(s => s.scrollHeight - s.clientHeight)"""
    )
    assert hidden and hidden[-1] <= 0, hidden  # the forecast, the page's last table


@pytest.mark.parametrize(
    "size", [LAPTOP, {"width": 1024, "height": 768}], ids=["1280x800", "1024x768"]
)
def test_the_check_in_s_changes_show_their_why_whole(page, size):
    """Check-in at week 6, a project in progress marked dropped, Re-plan: the tables of
    what the re-plan changes ran 68 px past their right edge at 1280 px, their Why (the
    reason a leader reads them for) cut at "Enterprise AEs has no room for its 26 h a week
    in weeks 8-" and the rest behind a scroll bar. Every table on the page shows every
    column whole."""
    page.set_viewport_size(size)
    try:
        opened(page, "checkin", "Check-in")
        row = first_row_reading(page, 0, "G2 and Capterra review campaign")
        cell_editor(page, 30, 1, row=row)  # its Status
        page.keyboard.type("dropped")
        enter_cell(page, page.locator("input:focus"))
        page.get_by_text("1 dropped").first.wait_for()
        page.get_by_role("button", name="Re-plan").click()
        page.get_by_text("Each goal at the end of the quarter").wait_for()
        # The dropped project's table, the page's last: its Why column drawn.
        settled(
            page,
            "[...document.querySelectorAll('[data-testid=\"stDataFrame\"] th')]"
            ".some(th => th.innerText.trim() === 'Why')",
        )
        shown = hidden_table_width(page)
        assert len(shown) >= 3 and max(shown) <= 0, shown
    finally:
        page.set_viewport_size(LAPTOP)


def cut_button_labels(page) -> list[str]:
    """The labels of the page's buttons that are cut short ("Download the curre…")."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] button')]
          .flatMap(b => [...b.querySelectorAll('[data-testid="stMarkdownContainer"]')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent))"""
    )


def test_the_data_page_s_download_buttons_read_whole_at_1024_px(page):
    """Data, 1024 px wide with the sidebar open: the downloads beside the upload read
    "Download the curre…" twice and "Download template…": the data folder (zip) and the
    workbook (Excel) could not be told apart. A button's label wraps instead."""
    page.set_viewport_size({"width": 1024, "height": 800})
    opened(page, "data", "Data")
    page.get_by_role("button", name="Download templates (zip)").wait_for()
    assert cut_button_labels(page) == []


def test_a_what_if_s_two_ways_read_whole_on_a_laptop(page):
    """Constraints at 1280 px, marketing cut 10 %: the what-if's two buttons, side by side
    in the right-hand column, read "Keep this plan" and "Re-plan from scratc…"."""
    page.set_viewport_size(LAPTOP)
    opened(page, "constraints", "Constraints")
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    slider.focus()
    for _ in range(2):  # 100 % -> 90 % in 5 % steps
        slider.press("ArrowLeft")
    sync_api.expect(slider).to_have_value("90")
    # Any copy: while a run redraws the page it can hold the last run's button beside its own.
    page.get_by_role("button", name="Re-plan from scratch instead").first.wait_for(timeout=120_000)
    # The second step's run: the two buttons read once it has drawn them.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stAlert\"]')]"
        ".some(e => e.innerText.includes('10 % less marketing'))"
    )
    settled(page)
    assert cut_button_labels(page) == []


def cut_page_links(page) -> list[str]:
    """The labels of the page's links to other pages that are cut short ("…workloac")."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPageLink"]'
              + ' [data-testid="stMarkdownContainer"]')]
          .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )


@pytest.mark.parametrize("size", [LAPTOP, WIDE], ids=["1280x800", "1440x900"])
def test_the_overview_s_links_to_the_next_pages_read_whole(page, size):
    """Overview at 1280 px, under What to do next: the first of its four links read "See the
    plan and workloac", its last letter cut by its column's edge."""
    page.set_viewport_size(size)
    try:
        opened(page, "", "Overview")
        page.get_by_role("link", name="Export the plan").wait_for()
        assert cut_page_links(page) == []
    finally:
        page.set_viewport_size(LAPTOP)


def cut_cells(page) -> list[list]:
    """[column, text, its width in px] of each cell of the page's tables that its column
    cuts short.

    A table is drawn on a canvas: each cell's text is measured in the table's font against
    its column's drawn width (read from the grid's own column list), less the cell's padding:
    8 px before a text, 8 px each side of a figure (drawn flush right).
    """
    return page.evaluate(
        """() => { const context = document.createElement('canvas').getContext('2d');
          return [...document.querySelectorAll('[data-testid="stDataFrame"]')].flatMap(table => {
            const canvas = table.querySelector('canvas');
            context.font = '14px ' + getComputedStyle(table).fontFamily;
            const key = Object.keys(canvas).find(k => k.startsWith('__reactFiber'));
            let fiber = canvas[key], columns = null;
            while (fiber && !columns) {
              const c = fiber.memoizedProps && fiber.memoizedProps.columns;
              if (Array.isArray(c) && c.length && c[0].width !== undefined) columns = c;
              fiber = fiber.return; }
            return [...table.querySelectorAll('td')].map(td => {
              const column = columns[+td.getAttribute('aria-colindex') - 1];
              const text = td.textContent, width = context.measureText(text).width;
              const padding = /^[-\\d,. %h]+$/.test(text) ? 16 : 8;
              return width + padding > column.width ? [column.title, text, width] : null;
            }).filter(cut => cut !== null);
          }); }"""
    )


def cut_project_names(page) -> list[str]:
    """The names in the page's tables' Project columns that their column cuts short."""
    return [text for column, text, _ in cut_cells(page) if column == "Project"]


@pytest.mark.parametrize("size", [{"width": 1024, "height": 800}, LAPTOP], ids=["1024", "1280"])
def test_the_plan_s_assignments_read_each_project_s_name_whole_on_a_laptop(page, size):
    """Plan at 1280 px: the assignments table read "Annual user conference "Elevate", k" and
    "Q3 webinar series on compliance au". Each value reads in its goal's KPI ("300,000
    expansion ARR $") and the share waits under Show every column: the name takes its
    room. At 1024 px the longest name was still cut by about 6 px."""
    page.set_viewport_size(size)
    try:
        opened(page, "plan", "Plan")
        name = "SEO pillar pages: compliance automation hub"
        page.get_by_text(name).first.wait_for(state="attached")
        assert cut_project_names(page) == []
    finally:
        page.set_viewport_size(LAPTOP)


def test_the_overview_s_uncertain_projects_read_their_names_whole_on_a_laptop(page):
    """Overview at 1280 px: "Which projects' uncertainty matters most" cut the longest
    project names at 300 px."""
    page.set_viewport_size(LAPTOP)
    opened(page, "", "Overview")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stDataFrame\"] .dvn-scroller').length >= 2"
    )
    drivers = page.get_by_test_id("stDataFrame").nth(1)
    drivers.scroll_into_view_if_needed()
    drivers.locator('td[aria-colindex="2"]').first.wait_for(state="attached")
    assert cut_project_names(page) == []


@pytest.mark.parametrize("size", [{"width": 1024, "height": 800}, LAPTOP], ids=["1024", "1280"])
def test_the_export_preview_gives_the_project_s_name_the_room_its_figures_leave(page, size):
    """Export at 1280 px: the preview cut every project's name at 175 px ("SEO pillar pages:
    compliance a", "Annual user conference "Eleva") while Hours, Start week, End week and
    Status had room to spare. Each of them is as wide as its longest figure or heading and
    the name takes the rest: names up to 250 px read whole, every figure whole."""
    page.set_viewport_size(size)
    try:
        opened(page, "export", "Export")
        page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
        page.locator('[data-testid="stDataFrame"] td').first.wait_for(state="attached")
        cut = cut_cells(page)
        assert [c for c in cut if c[0] != "Project" or c[2] <= 250] == []
    finally:
        page.set_viewport_size(LAPTOP)


def cut_widget_labels(page) -> list[str]:
    """The labels of the page's sliders that are cut short ("Plan each team up to this sh…")."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stSlider"]'
              + ' [data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"]')]
          .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )


def test_the_constraints_sliders_read_whole_on_a_laptop(page):
    """Constraints at 1280 px: the share of each team's hours the plan may fill is said in a
    leader's words ("Plan each team up to this share of its hours", where it read "Max
    utilisation of each team"), longer than before; it reads whole."""
    page.set_viewport_size(LAPTOP)
    opened(page, "constraints", "Constraints")
    page.get_by_text("Plan each team up to this share of its hours").wait_for()
    assert cut_widget_labels(page) == []
