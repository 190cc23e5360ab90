"""The main path in a real browser: Playwright driving Debian's Chromium.

Starts ``streamlit run app.py`` on a free port, opens the app on the
sample, solves, sees the load chart drawn, downloads plan.csv and checks
every row of it against the independent checker; then moves a capacity
slider and times the re-solve and redraw. No browser is downloaded: the
test drives /usr/bin/chromium (or $CHROMIUM) and is skipped without it,
except under CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import re
import time

import pytest
from app_server import (
    ROOT,
    TIMEOUT_MS,
    enabled_button,
    require_chromium,
    rerun,
    settled,
)
from load_watch import LoadWatch

from planner.checker import check_plan
from planner.core.loading import load_with_warnings
from planner.core.plan_csv import read_plan_csv

pytestmark = pytest.mark.browser
require_chromium("browser test")

sync_api = pytest.importorskip("playwright.sync_api")


def exact_marketing_box(page):
    """The Constraints page's exact marketing capacity box, its expander opened."""
    exact = page.get_by_label("Marketing capacity (%)")
    for _ in range(3):  # a click while a run redraws the page can be lost: open it again
        if exact.is_visible():
            break
        page.get_by_text("Exact capacity, up to 1,000 %").click()
        settled(page)
        with contextlib.suppress(sync_api.TimeoutError):
            exact.wait_for(state="visible", timeout=5_000)
    return exact


def cell_editor(page, x: float, right: int, row: int = 1):
    """The editor of the first visible table's ``row`` (1: the first), ``right`` cells right
    of the cell at ``x`` px, opened with Enter (a key typed on the cell itself lost a "-")."""
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    editor = page.locator("input:focus, textarea:focus")
    # Under the heading row's 35 px, rows of 35 px, or taller where a table wraps its names.
    tall = row_height(table)
    for _ in range(3):  # a click while a run redraws the page can be lost: click again
        page.mouse.click(box["x"] + x, box["y"] + 35 + tall * (row - 1) + tall // 2)
        # The arrows only once the grid has the focus: after a tab's click they moved the
        # tabs instead, and no cell's editor ever opened.
        with contextlib.suppress(sync_api.TimeoutError):
            page.wait_for_function(
                "() => document.activeElement?.closest('[data-testid=\"stDataFrame\"]')",
                timeout=5_000,
            )
        if not page.evaluate(
            "() => !!document.activeElement?.closest('[data-testid=\"stDataFrame\"]')"
        ):
            box = table.bounding_box() or box  # the table moved (a tab opened): aim again
            continue
        for _ in range(right):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        with contextlib.suppress(sync_api.TimeoutError):
            editor.wait_for(timeout=5_000)
            break
    return editor


def row_height(table) -> int:
    """The height of the rows of the grid ``table`` (its ``row_height``), in px."""
    return table.evaluate(
        """t => { const canvas = t.querySelector('canvas');
          let fiber = canvas[Object.keys(canvas).find(k => k.startsWith('__reactFiber'))];
          while (fiber && typeof fiber.memoizedProps?.rowHeight !== 'number') fiber = fiber.return;
          return fiber ? fiber.memoizedProps.rowHeight : 35; }"""
    )


def first_row_reading(page, column: int, text: str) -> int:
    """The first visible table's first row (1: the first) whose cell in ``column`` (0: the
    first) reads ``text``, from the grid's accessibility cells (``glide-cell-<col>-<row>``).

    Rows follow the plan, and CP-SAT's two workers can return another plan of the same
    value on a loaded machine: the row of a project in progress is read, never assumed."""
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    cells = table.locator(f"[id^='glide-cell-{column}-']")
    cells.first.wait_for(state="attached")
    for index in range(cells.count()):
        cell = cells.nth(index)
        if cell.inner_text().strip() == text:
            return int(str(cell.get_attribute("id")).rsplit("-", 1)[1]) + 1
    raise AssertionError(f"no row reads {text!r} in column {column}")


def record_seven_percent_done(page) -> int:
    """On the Check-in page, type 7 in "% done" of the first project in progress and wait
    until the app has read it (its notes say "7 % done"); the row typed in (1: the first)."""
    row = first_row_reading(page, 1, "in progress")
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    done = table.locator(f"#glide-cell-2-{row - 1}")
    assert done.inner_text().strip() != "7"
    editor = cell_editor(page, 30, 2, row=row)  # % done
    editor.fill("7")
    enter_cell(page, editor)
    sync_api.expect(done).to_have_text("7")
    read = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"\b7 % done"))
    read.first.wait_for()
    settled(page)
    return row


def refused(page, refusal: str, timeout: float = 30_000) -> None:
    """Wait for ``refusal`` on the page; if it never shows, fail with what the page said and
    what the first visible table holds, so a failure on a loaded machine can be read."""
    try:
        page.get_by_text(refusal).first.wait_for(timeout=timeout)
    except sync_api.TimeoutError:
        alerts = page.get_by_test_id("stAlert").all_inner_texts()
        table = page.get_by_test_id("stDataFrame").filter(visible=True).first
        cells = table.locator("[id^='glide-cell-']").all_inner_texts()
        shown = f"alerts {alerts}; cells {cells[:40]}"
        raise AssertionError(f"{refusal!r} not shown; {shown}") from None


def check_in_refuses(page, server, tab: str, right: int, typed: str, refusal: str) -> None:
    """Type ``typed`` on the Check-in page's ``tab``, in the cell ``right`` of the first row
    in progress (projects) or the first row (goals), and wait for ``refusal``.

    The edit is made once more on a fresh page if the refusal never comes: under CI's load
    a typed cell was twice lost between the grid and the app (the official CI's failures
    of 2026-12-04 and the session before), and what this test guards is the refusal's
    words once the value arrives. A second loss fails, with what the page held."""
    for attempt in (1, 2):
        page.goto(f"{server}/checkin")
        page.get_by_role("heading", name="Check-in", level=1).wait_for()
        settled(page)
        projects = tab == "Projects"
        if not projects:  # the projects tab is open at first
            page.get_by_role("tab", name=tab).click()
            sync_api.expect(page.get_by_role("tab", name=tab)).to_have_attribute(
                "aria-selected", "true"
            )
            settled(page)
        # At week 6 the sample's plan has projects in progress (the user conference among them).
        row = first_row_reading(page, 1, "in progress") if projects else 1
        editor = cell_editor(page, 30, right, row=row)
        editor.fill("")
        editor.type(typed)
        sync_api.expect(editor).to_have_value(typed)
        enter_cell(page, editor)
        try:
            refused(page, refusal, timeout=20_000)
            settled(page)  # the page is read once the run that refused it is over
            return
        except AssertionError:
            if attempt == 2:
                raise


#: Resolves once the page has drawn two more frames: React has committed what the keys
#: before it typed (the grid's editor holds its value in React's state, not the input's).
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def enter_cell(page, editor) -> None:
    """Press Enter in a cell's ``editor`` until it closes: an Enter at once after the keys,
    or on a loaded machine, sometimes sent nothing and the typed value never reached the app.
    Each Enter waits for the page to have drawn what was typed, not for a fixed pause.

    The loss is the grid's (Glide Data Grid's overlay editor, inside Streamlit's
    ``st.data_editor``): every key it is given starts a zero-delay timer, and a digit's timer
    that runs after Enter or Tab has set the move closes the editor without saving, the old
    value kept and nothing sent to the server (glideapps/glide-data-grid pull request 1201).
    Three digits and Tab at once kept 2 of 6 on the Data page's Teams grid and 3 of 5 on
    the Check-in page's Projects grid; two drawn frames between the last key and Tab, 6 of 6."""
    for _ in range(3):
        page.evaluate(TWO_FRAMES)
        page.keyboard.press("Enter")
        with contextlib.suppress(sync_api.TimeoutError):
            editor.wait_for(state="detached", timeout=5_000)
            return


def go_to(page, title: str) -> None:
    """Open a page from the sidebar navigation and wait for it to render."""
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title, level=1).wait_for()
    settled(page)


CHARTS = ".vega-embed canvas, .vega-embed svg.marks"


def wait_for_charts(page, number: int) -> None:
    """Wait until at least ``number`` Vega-Lite charts are drawn."""
    page.wait_for_function(f"() => document.querySelectorAll('{CHARTS}').length >= {number}")


def assert_no_error(page) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.content()


def test_a_first_visit_straight_to_a_page_is_routed(page, server):
    """A bookmark to /plan on a freshly started server opens the Plan page inside the app.

    Must run first in this module (a new server): until app.py has run once,
    Streamlit would treat pages/ as an old-style multipage app, with every
    file of pages/ in the sidebar and widgets that forget their first input.
    """
    # Every sidebar menu the visitor sees on the way, sampled while the app starts.
    page.add_init_script(
        "window.navsSeen = []; setInterval(() => { const nav = document.querySelector("
        "'[data-testid=\"stSidebarNav\"]'); if (nav) window.navsSeen.push(nav.innerText); }, 25);"
    )
    page.goto(f"{server}/plan")
    page.get_by_role("heading", name="Plan", level=1).wait_for()
    settled(page)
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_text("Overview", exact=True).count() == 1
    assert nav.get_by_text("common", exact=True).count() == 0
    # Not even for a moment while app.py first imports (it showed for 3 s: "app, checkin,
    # common, constraints, ... store, ui").
    seen = page.evaluate("window.navsSeen")
    assert seen and not [menu for menu in seen if re.search(r"\bcommon\b|\bstore\b", menu)]
    # Its widgets work from the first click: filter the assignments on sales.
    heading = page.get_by_role("heading", name=re.compile(r"^Assignments \(\d+ projects?, "))
    before = heading.inner_text()
    page.get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name="Sales").click()
    page.wait_for_function(
        "(before) => [...document.querySelectorAll('h3')]"
        ".some(h => h.innerText.startsWith('Assignments (') && h.innerText !== before)",
        arg=before,
    )
    settled(page)
    assert_no_error(page)


def test_a_page_address_in_title_case_opens_the_page(page, server):
    """/Constraints (as the sidebar writes it) opens Constraints, not "Page not found".

    Streamlit matches addresses exactly; hidden alias pages switch to the page. A server
    knows them from the first run of app.py on: before it, only the pages/ folder's
    files (the first visitor after a restart who types /Constraints is told "Page not
    found" and sees the Overview), so the app is opened once first.
    """
    page.goto(server)
    page.get_by_role("heading", name="Overview", level=1).wait_for()
    page.goto(f"{server}/Constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    assert page.get_by_text("Page not found").count() == 0
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_text("Constraints", exact=True).count() == 1  # no alias in the sidebar
    assert_no_error(page)


def test_the_overview_opens_at_its_own_address_too(page, server):
    """/overview (the Overview's address in lower case, as the other pages' are) opens it.

    The default page is served at "/" and answered "Page not found" at /overview.
    """
    page.goto(server)  # the server knows the aliases from its first run on
    page.get_by_role("heading", name="Overview", level=1).wait_for()
    for address in ("overview", "Overview"):
        page.goto(f"{server}/{address}")
        page.get_by_role("heading", name="Overview", level=1).wait_for()
        settled(page)
        assert page.get_by_text("Page not found").count() == 0
        assert_no_error(page)


def test_solve_see_the_load_chart_and_download_a_valid_plan(page, server, tmp_path):
    """Open on the solved sample, solve, see the chart, download plan.csv: the checker passes."""
    page.goto(server)
    page.get_by_role("heading", name="Overview", level=1).wait_for()
    page.get_by_text("Plan status: The best plan possible").wait_for()
    assert_no_error(page)

    go_to(page, "Constraints")
    with rerun(page):  # the click's run over, not only the status of the plan opened on
        page.get_by_role("button", name="Re-plan", exact=True).click()
    page.get_by_text(re.compile(r"^(Up to date|Planned:)")).first.wait_for()
    wait_for_charts(page, 1)
    assert_no_error(page)

    go_to(page, "Plan")
    wait_for_charts(page, 4)
    assert_no_error(page)

    go_to(page, "Export")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download plan.csv").click()
    target = tmp_path / "plan.csv"
    download_info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    problem = load_with_warnings(ROOT / "data" / "sample").problem
    plan = read_plan_csv(text)
    assert check_plan(problem, plan) == []
    listed = {a.project_id for a in plan.assignments} | {u.project_id for u in plan.unassigned}
    assert listed == {p.project_id for p in problem.projects}
    assert all(u.reason for u in plan.unassigned)


def test_every_page_renders_without_error(page, server):
    """Data and Overview too: no exception box, no traceback, in a real browser."""
    page.goto(server)
    for title in ("Data", "Plan", "Export", "Constraints", "Overview"):
        go_to(page, title)
        assert_no_error(page)


def test_a_capacity_slider_resolves_and_redraws_within_a_second(page, server, record_property):
    """Moving the sales slider re-solves the sample and redraws the page in about a second."""
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    capacity = page.get_by_test_id("stMetric").filter(has_text="Sales capacity")
    before = capacity.inner_text()
    slider = page.get_by_role("slider").nth(1)  # sales capacity
    slider.focus()
    with LoadWatch() as load:
        started = time.perf_counter()
        slider.press("ArrowLeft")  # 100 % -> 95 %
        page.wait_for_function(
            "(before) => [...document.querySelectorAll('[data-testid=\"stMetric\"]')]"
            ".some(m => m.innerText.includes('Sales capacity') && m.innerText !== before)",
            arg=before,
        )
        settled(page)
        wait_for_charts(page, 1)
        seconds = time.perf_counter() - started
    record_property("resolve_redraw_s", round(seconds, 3))
    print(f"re-solve and redraw after a slider move: {seconds:.2f} s (load {load.per_core:.1f})")
    assert_no_error(page)
    # Target 1 s; 3 s on a machine with a core to spare, times how much busier this one was
    # while it ran (at load 20 on 2 cores the server and the browser each wait their turn
    # ten times over). The speed itself is measured by bench/slider_redraw.py.
    assert seconds < 3.0 * load.per_core, f"{seconds:.1f} s at a load of {load.per_core:.1f}"


def test_an_exact_capacity_moves_the_slider_and_keeping_the_plan_keeps_it(page, server):
    """A cut typed in the exact input stays cut: the slider shows it, "Keep this plan" keeps it.

    The slider once kept its old place in the browser, and the next click sent
    that old value back: the cut was undone behind the leader's back.
    """
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    exact = exact_marketing_box(page)
    exact.fill("80")
    exact.press("Enter")
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    sync_api.expect(slider).to_have_value("80", timeout=TIMEOUT_MS)
    keep = enabled_button(page, "Keep this plan", TIMEOUT_MS)
    # The checks below read the page the click's run draws: before that run began, the
    # slider and the box read 80 as well, and they held before anything was kept.
    with rerun(page):
        keep.click()
    page.get_by_text("Plan status:").first.wait_for()
    sync_api.expect(slider).to_have_value("80", timeout=TIMEOUT_MS)
    sync_api.expect(page.get_by_label("Marketing capacity (%)")).to_have_value("80")
    card = page.get_by_test_id("stMetric").filter(has_text="Marketing capacity").first
    from planner.core.shown_figures import hours
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.whatif import with_capacity
    from planner.solving.solver import solve

    cut = with_capacity(load_with_warnings(ROOT / "data" / "sample").problem, "marketing", 0.8)
    in_force = plan_metrics(cut, solve(cut).plan).department("marketing").shown_in_force_hours
    sync_api.expect(card.get_by_test_id("stMetricValue")).to_have_text(hours(in_force))
    assert page.get_by_text("more marketing").count() == 0
    assert_no_error(page)


def test_an_exact_capacity_out_of_range_reads_the_plan_s_value_again_with_why(page, server):
    """-5 typed in the exact box and Enter: the box kept "-5" in red (the browser's own
    check of the widget's minimum; nothing reached the page) beside a slider and a plan at
    100 %. The page refuses it in words and the box reads 100 again."""
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    exact = exact_marketing_box(page)
    exact.fill("-5")
    exact.press("Enter")
    page.get_by_text("-5 is out of range; use a number from 0 to 1000 %").wait_for()
    settled(page)
    sync_api.expect(page.get_by_label("Marketing capacity (%)")).to_have_value("100")
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    sync_api.expect(slider).to_have_value("100")
    assert_no_error(page)


def _pin_row_added(page, server):
    """The Constraints page's Pins and forbids tab, a row added (Apply enabled): its button."""
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    settled(page)
    with rerun(page):  # a settings tab's click runs the page, which draws that tab alone
        page.get_by_role("tab", name="Pins and forbids").click()
    rules = page.get_by_test_id("stDataFrame").filter(visible=True).first
    sync_api.expect(page.get_by_role("button", name="Apply pins and forbids")).to_be_disabled()
    rules.hover()
    with rerun(page):  # the row reaches the page: a run
        page.get_by_role("button", name="Add row").click()
    return enabled_button(page, "Apply pins and forbids", TIMEOUT_MS)


def test_a_half_filled_pin_is_refused_naming_its_row_not_held_back_by_the_grid(page, server):
    """A row added to the pins and forbids (its rule "pin", no project, no team yet): the
    grid held it back until every required cell was filled, so Apply stayed greyed with
    nothing said, and beside a complete row the half row vanished on Apply without a word.
    Now the row reaches the page, and Apply refuses it, naming its row."""
    apply = _pin_row_added(page, server)
    with rerun(page):  # the count below is read from the page the click's run drew whole
        apply.click()
    page.get_by_text("The pins and forbids were not applied.").wait_for()
    assert page.get_by_text("2 problems in the data").count() == 1
    assert_no_error(page)


def test_a_pin_row_added_then_another_tab_opened_is_still_there_to_apply(page, server):
    """Only the open settings tab is drawn: a row added to the pins and forbids, then the
    Capacity tab clicked and Pins and forbids again, is still in the table, to apply (the
    tab left is drawn once more, hidden, and keeps its rows)."""
    _pin_row_added(page, server)
    with rerun(page):
        page.get_by_role("tab", name="Capacity").click()
    page.get_by_text("Marketing capacity", exact=True).first.wait_for()
    # The tab's own run, over: until it began, the button the tab showed was the one the
    # Capacity tab's run left hidden, enabled whether or not the row was kept.
    with rerun(page):
        page.get_by_role("tab", name="Pins and forbids").click()
    enabled_button(page, "Apply pins and forbids", TIMEOUT_MS)
    assert_no_error(page)


def test_a_pin_row_added_then_another_page_visited_is_still_there_to_apply(page, server):
    """A CMO added a forbid row, looked at the Plan page before applying it and came back:
    the row was gone without a word (Streamlit forgets a grid's edits when another page is
    drawn). It is still in the table, to apply, as after another tab."""
    _pin_row_added(page, server)
    go_to(page, "Plan")
    go_to(page, "Constraints")
    with rerun(page):
        page.get_by_role("tab", name="Pins and forbids").click()
    enabled_button(page, "Apply pins and forbids", TIMEOUT_MS)
    assert_no_error(page)


def test_minus_five_in_a_team_s_own_capacity_is_refused_not_read_as_five(page, server):
    """-5 typed in Demand Gen's "Own %" cell: the grid's own minimum (0) dropped the minus
    sign, and Demand Gen was planned at 5 % of its hours at once (goal attainment -10.1
    pts) without a word. The page refuses it in words and keeps the department's."""
    page.goto(f"{server}/constraints")
    page.get_by_role("heading", name="Constraints", level=1).wait_for()
    page.get_by_text("Goal attainment", exact=True).first.wait_for()  # the page drawn whole
    settled(page)
    editor = cell_editor(page, 30, 3)  # Demand Gen's Own %
    editor.type("-5")
    sync_api.expect(editor).to_have_value("-5")
    enter_cell(page, editor)
    page.get_by_text("Demand Gen's own capacity %: -5 is out of range").wait_for()
    settled(page)
    assert page.get_by_text("no unsaved changes").count() >= 1
    assert page.get_by_text("Demand Gen capacity 100 % → 5 %").count() == 0
    assert_no_error(page)


def test_minus_five_hours_typed_on_the_data_page_is_refused_not_read_as_five(page, server):
    """-5 typed in the first team's capacity_hours on the Data page: the grid's minimum (0)
    dropped the minus sign, and Apply edits gave the team 5 h without a word. The edit
    reaches the page as typed and Apply refuses it, naming its row and column."""
    page.goto(f"{server}/data")
    page.get_by_role("heading", name="Data", level=1).wait_for()
    settled(page)
    editor = cell_editor(page, 110, 3)  # SDR Team's capacity_hours, past the Row
    editor.fill("-5")
    sync_api.expect(editor).to_have_value("-5")
    enter_cell(page, editor)
    apply = enabled_button(page, "Apply edits", TIMEOUT_MS)
    apply.click()
    page.get_by_text("1 problem in the data").wait_for()
    assert_no_error(page)


HEADLINE = ("Goal attainment", "Projects in the plan", "Marketing capacity", "Sales capacity")


def headline(page) -> dict[str, str]:
    """The headline figures as the page shows them (the value of each metric card)."""
    figures = {}
    for label in HEADLINE:
        card = page.get_by_test_id("stMetric").filter(has_text=label).first
        figures[label] = card.get_by_test_id("stMetricValue").inner_text().strip()
    return figures


def test_cut_marketing_by_20_percent_and_every_page_tells_the_same_story(page, server, tmp_path):
    """The main path: open, cut marketing capacity 20 %, read Overview, Plan and Scenarios.

    The project count, the capacity and the goal attainment read the same on
    every page, in the exported plan.csv and in plan.xlsx: one truth for every
    number, written by one function per quantity (94.6 % on a card is 94.6 %
    in a table, never 94 % in one place and 94.6 % in the next).
    """
    from io import BytesIO

    from openpyxl import load_workbook

    from planner.core.shown_figures import hours, hours_value, percent
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.relative import solve_relative
    from planner.scenarios.whatif import with_capacity
    from planner.solving.solver import solve

    # The figures the planner itself computes for that what-if, re-planned as the
    # Constraints page re-plans it: against the current plan (the first plan).
    sample = load_with_warnings(ROOT / "data" / "sample").problem
    cut = with_capacity(sample, "marketing", 0.8)
    figures = plan_metrics(cut, solve_relative(cut, solve(sample).plan).result.plan)
    expected = {
        "Goal attainment": percent(figures.attainment_pct),
        "Projects in the plan": f"{figures.num_planned:,}",
        "Marketing capacity": hours(figures.department("marketing").shown_in_force_hours),
        "Sales capacity": hours(figures.department("sales").shown_in_force_hours),
    }

    page.goto(server)
    page.get_by_role("heading", name="Overview", level=1).wait_for()
    settled(page)
    before = headline(page)

    go_to(page, "Constraints")
    slider = (
        page.get_by_test_id("stSlider").filter(has_text="Marketing capacity").get_by_role("slider")
    )
    slider.focus()
    for _ in range(4):  # 100 % -> 80 % in 5 % steps
        slider.press("ArrowLeft")
    sync_api.expect(slider).to_have_value("80", timeout=TIMEOUT_MS)
    # Each arrow key is a change of its own, solved on its own: until the last step's run
    # is drawn, a busy machine may still show a step on the way (85 %).
    card = page.get_by_test_id("stMetric").filter(has_text="Marketing capacity").first
    sync_api.expect(card.get_by_test_id("stMetricValue")).to_have_text(
        expected["Marketing capacity"], timeout=TIMEOUT_MS
    )
    settled(page)
    seen = {"Constraints": headline(page)}
    assert_no_error(page)
    for title in ("Overview", "Plan", "Scenarios"):
        go_to(page, title)
        if title != "Scenarios":
            wait_for_charts(page, 1)
        seen[title] = headline(page)
        assert_no_error(page)
    # Every page says what changed: the basis and the unsaved change, in names.
    assert page.get_by_text("Marketing capacity 100 % → 80 %").count() >= 1

    assert re.fullmatch(r"\d+\.\d %", expected["Goal attainment"])  # one decimal, not floored
    # The sample is planned in weeks: marketing's quarter is the sum of its teams' weeks
    # (the holiday week, the new writer), x 80 %, the teams' exact hours added up and
    # rounded once.
    marketing_teams = [t.team_id for t in sample.teams if t.department == "marketing"]
    weeks = hours_value(sum(sample.quarter_hours(team_id) for team_id in marketing_teams))
    assert expected["Marketing capacity"] == "3,512 h"
    for title, shown in seen.items():
        assert shown == expected, title
    assert before["Marketing capacity"] == f"{float(weeks):,.0f} h" == "4,390 h"

    # The exported plan.xlsx holds the same figures.
    go_to(page, "Export")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download plan.xlsx").click()
    target = tmp_path / "plan.xlsx"
    download_info.value.save_as(target)
    book = load_workbook(BytesIO(target.read_bytes()), data_only=True)
    summary = dict(book["Summary"].values)
    assert summary["Projects in the plan"] == figures.num_planned
    attainment = summary["Goal attainment (%, weighted, each goal capped at 100 %)"]
    assert percent(100 * attainment) == expected["Goal attainment"]  # the share: 0.856
    loads = list(book["Team load"].values)
    marketing = sum(row[2] for row in loads[1:] if row[1] == "Marketing")
    assert f"{marketing:,.0f} h" == expected["Marketing capacity"]
    header, *plan_rows = list(book["Plan"].values)
    team = header.index("Team ID")
    assert len({row[0] for row in plan_rows if row[team]}) == figures.num_planned

    # And the exported plan.csv: the same projects, hours and attainment, read back.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download plan.csv").click()
    csv_path = tmp_path / "plan.csv"
    download_info.value.save_as(csv_path)
    exported = read_plan_csv(csv_path.read_text(encoding="utf-8"))
    assert check_plan(cut, exported) == []
    from_csv = plan_metrics(cut, exported)
    assert f"{from_csv.num_planned:,}" == expected["Projects in the plan"]
    assert percent(from_csv.attainment_pct) == expected["Goal attainment"]
    marketing_rows = [
        a for a in exported.assignments if cut.team(a.team_id).department == "marketing"
    ]
    assert (
        sum(a.effort_hours for a in marketing_rows) == figures.department("marketing").planned_hours
    )


def test_deriving_a_child_keeps_its_box_open_and_names_it_after_the_picks(page, server):
    """Scenarios, "Derive a child with less or more capacity": picking "All of Marketing"
    snapped the box shut (the leader had to open it again for every pick), and inside it
    the child's name still read "· Sales 80 %", the first pick's.
    """
    page.goto(f"{server}/scenarios")
    page.get_by_role("heading", name="Scenarios", level=1).wait_for()
    settled(page)
    page.get_by_label("Name").fill("Derive walk")
    page.get_by_role("button", name="Save scenario").click()
    # The save's redraw says so: wait for that, not only for a running indicator that a
    # busy server may not have put up yet (the box below was then redrawn under the click).
    page.get_by_text(re.compile(r"Saved scenario #\d+: Derive walk")).wait_for()
    settled(page)
    page.get_by_text("A what-if built on this scenario: less or more capacity").click()
    whose = page.get_by_label("Whose capacity").first
    whose.wait_for()
    option = page.get_by_role("option", name="All of Marketing", exact=True)
    for attempt in range(4):  # a redraw while the list is open closes it: open it again
        whose.click()
        try:
            with rerun(page):  # the pick's run: the box and the button read after it
                option.click(timeout=10_000)  # a redraw under the click detaches it too
            break
        except sync_api.TimeoutError:
            if attempt == 3:
                raise
            settled(page)
    name = page.get_by_label("Its name")
    sync_api.expect(name).to_be_visible()
    sync_api.expect(name).to_have_value("Derive walk · Marketing 80 %")
    sync_api.expect(page.get_by_role("button", name="Plan and save the what-if")).to_be_visible()
    assert_no_error(page)


def test_minus_five_achieved_on_the_check_in_is_refused_not_read_as_five(page, server):
    """-5 typed in a goal's "Achieved so far" on the Check-in page: the grid's own minimum
    (0) would drop the minus sign and record 5 without a word, as it did on the Data and
    Constraints pages. The value reaches the page as typed, and the page refuses it."""
    # The first goal's Achieved so far.
    check_in_refuses(page, server, "Goals: KPI so far", 3, "-5", "cannot be negative")
    assert_no_error(page)


@pytest.mark.parametrize(
    ("right", "typed", "refusal"),
    [
        (2, "-5", "% done must be 0 to 100"),
        (2, "150", "% done must be 0 to 100"),
        (3, "-9", "Ends in week -9 is before the quarter's first week"),
        (3, "20", "Ends in week 20 is past the end of the 13-week quarter"),
        # The grid's step of 1 dropped the point: 8.5 read as week 85, "past the end".
        (3, "8.5", "Ends in week 8.5 is part-way through a week"),
    ],
)
def test_a_percent_done_or_end_week_out_of_range_on_the_check_in_is_refused_in_words(
    page, server, right, typed, refusal
):
    """A figure typed out of range in the projects table ("% done", "Ends in week") of a
    project in progress reaches the page as typed and is refused by name. The grid's own
    minimum and maximum dropped the minus of -5 (5 % done recorded) and of -9 (week 9, a
    valid end week), and clamped 150 % to 99 % and week 20 to 13, all without a word."""
    check_in_refuses(page, server, "Projects", right, typed, refusal)
    assert_no_error(page)


def test_a_check_in_typed_then_another_page_visited_is_still_there_on_return(page, server):
    """A VP Sales marked projects late on the Check-in page, looked at the Export page and
    came back: the table read the pre-fill again, the records gone without a word (Streamlit
    forgets a grid's edits when another page is drawn). They are kept for the return.

    The page is left once it has read the record (its notes say "7 % done"): the grid shows
    7 before the app has it, and beside another pytest the run it starts had not begun when
    the script read as settled, the sidebar's click stopped it, and 45.5 came back."""
    page.goto(f"{server}/checkin")
    page.get_by_role("heading", name="Check-in", level=1).wait_for()
    settled(page)
    row = record_seven_percent_done(page)
    go_to(page, "Export")
    go_to(page, "Check-in")
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    sync_api.expect(table.locator(f"#glide-cell-2-{row - 1}")).to_have_text("7")
    assert_no_error(page)


def test_a_check_in_figure_typed_then_another_page_clicked_at_once_is_kept(page, server):
    """A figure typed in a Check-in grid and another page clicked at once: the click stopped
    the run the edit started before the page kept its tables, and the figure was lost on
    return. The grid's own change is kept as it comes in, before the page's run."""
    page.goto(f"{server}/checkin")
    page.get_by_role("heading", name="Check-in", level=1).wait_for()
    settled(page)
    row = first_row_reading(page, 1, "in progress")
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    assert table.locator(f"#glide-cell-2-{row - 1}").inner_text().strip() != "7"
    editor = cell_editor(page, 30, 2, row=row)  # % done
    editor.fill("7")
    page.keyboard.press("Enter")
    # The click comes as soon as the edit's run has begun (a click that reaches a loaded
    # server before the edit does cannot be kept: see ``keep_edit`` in pages/checkin_editors.py).
    with contextlib.suppress(sync_api.TimeoutError):
        page.get_by_test_id("stStatusWidget").wait_for(timeout=5_000)
    export = page.get_by_test_id("stSidebarNav").get_by_text("Export", exact=True)
    heading = page.get_by_role("heading", name="Export", level=1)
    for _ in range(3):  # at once; again if the grid's redraw took the click
        export.click()
        with contextlib.suppress(sync_api.TimeoutError):
            heading.wait_for(timeout=10_000)
            break
    heading.wait_for()
    settled(page)
    go_to(page, "Check-in")
    table = page.get_by_test_id("stDataFrame").filter(visible=True).first
    sync_api.expect(table.locator(f"#glide-cell-2-{row - 1}")).to_have_text("7")
    assert_no_error(page)


def test_back_from_the_plan_to_scenarios_opens_the_tab_the_leader_left(page, server):
    """Compare open, the Plan, then Back: Streamlit's navigation drops the address's query
    (?scenarios-view=Compare) and the browser's Back gives the address the last word, so the
    page opened on Saved scenarios. It opens on the tab left, by Back or by the page list;
    a tab opened by a click since is the one kept; a link naming a tab opens that one."""
    open_tab = (
        "[...document.querySelectorAll('[role=tab][aria-selected=true]')]"
        ".map(tab => tab.textContent).join() === arg"
    )

    def open_then_back_from_the_plan(tab: str) -> None:
        with rerun(page, open_tab, tab):
            page.get_by_role("tab", name=tab).click()
        go_to(page, "Plan")
        page.go_back()
        page.get_by_role("heading", name="Scenarios", level=1).wait_for()
        settled(page, open_tab, tab)

    page.goto(f"{server}/scenarios")
    page.get_by_role("heading", name="Scenarios", level=1).wait_for()
    settled(page)
    open_then_back_from_the_plan("Compare")
    go_to(page, "Plan")
    go_to(page, "Scenarios")
    settled(page, open_tab, "Compare")
    open_then_back_from_the_plan("Capacity what-ifs")
    # A link that names a tab opens it: "Save it as a scenario" on Saved, where the save is.
    go_to(page, "Plan")
    page.get_by_role("link", name="Save it as a scenario and compare").click()
    page.get_by_role("heading", name="Scenarios", level=1).wait_for()
    settled(page, open_tab, "Saved scenarios")
    assert_no_error(page)
