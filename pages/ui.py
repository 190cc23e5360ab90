"""Rendering helpers every page shares: status banners, editor columns (input problems:
``pages.issue_tables``).

Not a page: app.py routes only the pages in ``pages.common.PAGES``. Text from
the user (names, notes, file names) goes through :func:`md`, so it shows
exactly as typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from numbers import Real
from typing import Any, Literal, NoReturn

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from planner import InvalidInputError, Problem, Progress, Result, Status
from planner.core.domain import relative_gap
from planner.core.editing import column_specs
from planner.core.identifiers import markdown_literal
from planner.core.loading import data_workbook, folder_zip
from planner.core.settings import Weights
from planner.core.shared_words import plural
from planner.core.shown_figures import contribution, gap_percent, hours
from planner.core.status_words import status_sentence
from planner.core.workbook import XLSX_MIME
from planner.explain import for_reader
from planner.interfaces.vega import vega_lite_spec
from planner.solving.service import SolveJob


def md(text: str) -> str:
    """User text (names, notes, ids, file names) shown literally wherever Markdown is.

    The one helper for every caption, label, warning and title that shows
    user text: never Markdown, HTML, LaTeX or a Streamlit directive (see
    :func:`planner.core.identifiers.markdown_literal`).
    """
    return markdown_literal(text)


def md_lines(text: str) -> str:
    """User text of several lines (a scenario's note) shown literally, line by line.

    :func:`md` shows a line break as an escape (a name must never start a paragraph);
    a note typed on several lines, or a check-in's summary below the leader's words, reads
    as its lines instead, each still plain text.
    """
    return "  \n".join(md(line) for line in text.splitlines())


#: Key of the Constraints page's what-if line above its settings, shown only where the
#: results column (with its chart) stacks under the settings (the 50 rem rule below).
WHAT_IF_BESIDE_SETTINGS = "what-if-beside-settings"
#: The key of a row of links to other pages (the Overview's four): its columns keep each
#: link's words whole. Only that row: a column that merely holds a link among charts (the
#: Constraints page's results, "See the whole plan") kept its content's width and fell
#: under the settings at 1440 px.
PAGE_LINKS = "page-links"
#: The key of the unsaved work's offer (pages/kept.py): its line beside its two buttons
#: takes the room they leave, at least 16 rem; in a narrower window they go under it.
KEPT_WORK = "kept-work"

#: Side-by-side cards and charts wrap in a narrow window (a laptop at 1024 px with the
#: sidebar open) instead of squeezing: the four headline cards go two by two (they read
#: "85.6…", "4,39…"), and two charts side by side go one under the other (beside the odds
#: list the odds chart was its goal names and a dashed line, no bar). Each row is measured
#: as a container, so an open or closed sidebar counts; wide windows keep their rows. In a
#: column narrower still (Constraints' cards beside its controls on a 1280 px laptop read
#: "Projects in the …", "Marketing capa…"), the cards go one under the other. A button's
#: label wraps in a narrow column: cut, two downloads read "Download the curre…" alike.
#: At 1024 px and less the sidebar is narrower and the page's margins smaller: beside
#: the sidebar's 300 px and 80 px margins the Overview's goals table (nine columns) scrolled
#: sideways and the Plan's filters read "All departme…". A card's label wraps too: at 1024 px
#: Compare's "Utilisation, both departments (B)" read "Utilisation, both depart…".
#: A row of links to other pages (the Overview's four) keeps each link's words whole and
#: wraps: at 800 px each column was a quarter of the row and read "See the plan and". The
#: Plan's four filters go two by two in a row narrower than 44 rem ("All departm…" at 800 px).
#: Wrapped one under the other, a chart and what is beside it are 1 rem apart, as any two
#: blocks: the columns' 4 rem gap, meant for side by side, left some 90 px empty under the
#: Overview's odds legend at 1024 px.
#: A chart's toolbar offers Show data (its figures as a table, which a keyboard or a screen
#: reader can read), Download as PNG (for a deck) and Fullscreen (a timeline at 150 teams),
#: not Streamlit's "Copy Vega-Lite spec", a developer's tool it shows on localhost. Streamlit
#: has no setting for its charts' toolbar, and a spec's ``usermeta.embedOptions.actions``
#: does not reach the browser (Streamlit passes on only its theme, renderer and padding);
#: a button not displayed is no tab stop.
NARROW_LAYOUT_CSS = (
    """<style>
.st-key-PAGE_LINKS [data-testid="stColumn"] { min-width: fit-content; }
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMultiSelect"])
{ container-type: inline-size; }
@container (max-width: 44rem) {
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMultiSelect"])
  > [data-testid="stColumn"] { min-width: calc(50% - 1rem); }
}
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]),
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stVegaLiteChart"])
{ container-type: inline-size; }
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stVegaLiteChart"])
{ row-gap: 1rem; }
@container (max-width: 47rem) {
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])
  > [data-testid="stColumn"] { min-width: calc(50% - 1rem); }
}
@container (max-width: 24rem) {
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])
  > [data-testid="stColumn"] { min-width: 100%; }
}
@container (max-width: 50rem) {
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stVegaLiteChart"])
  > [data-testid="stColumn"] { min-width: 100%; }
}
.st-key-WHAT_IF { display: none; }
@container (max-width: 50rem) { .st-key-WHAT_IF { display: flex; } }
[class*="st-key-WHAT_IF"] { min-height: 12.75rem; }
.st-key-KEPT_WORK > [data-testid="stElementContainer"]:first-child { flex: 1 1 16rem; }
[data-testid="stMain"] button [data-testid="stMarkdownContainer"],
[data-testid="stMain"] button [data-testid="stMarkdownContainer"] p { white-space: normal; }
[data-testid="stMain"] [data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMain"] [data-testid="stMetricLabel"] .stMarkdownEllipsis p { white-space: normal; }
[data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"])
[data-testid="stElementToolbarButton"]:has(button[aria-label^="Copy Vega-Lite"])
{ display: none; }
@media (max-width: 1100px) {
  [data-testid="stSidebar"][data-collapsed="false"]
  { width: 14rem !important; min-width: 14rem !important; max-width: 14rem !important; }
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
}
</style>""".replace("WHAT_IF", WHAT_IF_BESIDE_SETTINGS)
    .replace("PAGE_LINKS", PAGE_LINKS)
    .replace("KEPT_WORK", KEPT_WORK)
)


def narrow_layout() -> None:
    """Every page's rows of cards and charts wrap in a narrow window (:data:`NARROW_LAYOUT_CSS`)."""
    st.html(NARROW_LAYOUT_CSS)


def show_chart(
    chart: Any, *, width: Literal["stretch", "content"] = "stretch", alt: str | None = None
) -> None:
    """Draw an Altair chart as ``st.altair_chart`` does, without re-checking its schema.

    Every run of a page would otherwise check each chart against the whole
    Vega-Lite schema again (see :mod:`planner.interfaces.vega`). ``chart`` may also be
    its spec already (``charts.team_load_spec``).
    """
    spec = chart if isinstance(chart, dict) else vega_lite_spec(chart)
    st.vega_lite_chart(spec=spec, width=width, alt=alt)


#: A number range in Markdown, "7-13" or escaped "7\-13": its hyphen, then its second number.
_RANGE = re.compile(r"(?<=\d)(\\?-)(?=\d)")


def keep_ranges(markdown: str) -> str:
    """``markdown`` with each number range ("weeks 7-13") kept on one line.

    A browser may break a line after any hyphen: at 1024 px an explanation read "weeks 7-"
    at the end of one line and "13" on the next. A word joiner (U+2060, invisible) after
    the hyphen forbids that break; the text reads as before.
    """
    return _RANGE.sub("\\1\u2060", markdown)


def wrapped_table(frame: pd.DataFrame, one_line: tuple[str, ...] = ()) -> None:
    """A small table whose cells wrap, so a long sentence or note reads in full.

    ``st.dataframe`` cuts long text at the column's width; ``st.table`` wraps it.
    Cells are Markdown in ``st.table``, so every text cell goes through :func:`md`.
    The ``one_line`` columns do not wrap: at 1024 px the Plan's left-out ids broke at
    their hyphen, "CL-" over "08".
    """
    shown = frame.copy()
    # Cell by cell: pandas 3 keeps text in ``str`` columns, not ``object`` ones.
    for column in shown.columns:
        if any(isinstance(v, str) for v in shown[column]):
            shown[column] = [keep_ranges(md(v)) if isinstance(v, str) else v for v in shown[column]]
    shown = shown.rename(columns=lambda c: md(str(c)))
    if not one_line:
        st.table(shown, hide_index=True)
        return
    # On the cell's paragraph: Streamlit's Markdown sets its own white-space inside the cell.
    positions = [list(frame.columns).index(c) for c in one_line]
    styled = shown.style.set_table_styles(
        [{"selector": f"td.col{i} p", "props": "white-space: nowrap"} for i in positions]
    )
    st.table(styled, hide_index=True)


#: A table row of one line (the grid's own height), and each further line of wrapped text.
_ROW_PX, _LINE_PX = 35, 20
#: ``st.dataframe`` wraps a cell's text only in rows taller than 4rem (64 px): two lines'
#: 55 px left the goal names cut as before.
_WRAPS_PX = 65


def wrapping_rows(*columns: tuple[Iterable[object], int], most: int = 12) -> int | None:
    """The row height (px) at which ``st.dataframe`` wraps its longest cell whole.

    Each column is its cells with the characters one line of it holds at 1280 px beside
    the open sidebar. ``st.dataframe`` cuts a cell at its column's edge ("Marketing Ops has
    no room for its 45 h a week in weeks 8-11,"), and wraps it when its rows are taller.
    None when every cell fits on one line: the grid's own height.
    """
    lines = max(
        (math.ceil(len(str(cell)) / per_line) for cells, per_line in columns for cell in cells),
        default=1,
    )
    return None if lines <= 1 else max(_WRAPS_PX, _ROW_PX + _LINE_PX * (min(lines, most) - 1))


def rows_height(rows: int, row_height: int | None) -> int | Literal["auto"]:
    """A table's height (px) that shows all its ``rows`` of ``row_height`` without a scroll
    bar of its own: ``"auto"`` stopped at some 400 px, three of the eight goals, their rows
    wrapped, behind the table's scroll bar. ``"auto"`` for rows of one line."""
    return "auto" if row_height is None else _ROW_PX + rows * row_height + 3


#: Session key: set while app.py runs the page, so that :func:`stop_page` ends the page alone.
_IN_RUN_PAGE = "_in_run_page"


class PageStopped(Exception):
    """Raised by :func:`stop_page`: the page ends there, app.py goes on after it."""


def stop_page() -> NoReturn:
    """End the page's run here, as ``st.stop`` would end it, but not app.py's.

    ``st.stop`` ends the whole script run: what app.py draws after the page (the unsaved
    work's offer after a reload, the sidebar's lines) was missing on the Check-in page,
    which stops until Re-plan is pressed. :func:`run_stoppable` catches this one; a page
    Streamlit runs on its own (before any session has run app.py) stops with ``st.stop``.
    """
    if st.session_state.get(_IN_RUN_PAGE):
        raise PageStopped
    st.stop()


def run_stoppable(run: Callable[[Any], None], page: Any) -> None:
    """``run(page)`` (app.py's :func:`pages.common.run_page`), the page free to end early
    with :func:`stop_page`."""
    st.session_state[_IN_RUN_PAGE] = True
    try:
        run(page)
    except PageStopped:
        pass
    finally:
        st.session_state[_IN_RUN_PAGE] = False


def with_hours(
    frame: pd.DataFrame, *columns: str, amounts: Mapping[str, Sequence[str]] | None = None
) -> Any:
    """The frame for ``st.dataframe`` with its hours columns read as every page writes
    hours ("340 h", "1,070 h", "7.5 h"; :func:`planner.core.shown_figures.hours`), and each
    column of ``amounts`` in its rows' units, one unit per row ("22,000 website visitors",
    "460 MQLs"; :func:`planner.core.shown_figures.contribution`: a project's value as the data
    gives it), as the Left out table and the Export read.

    The cells keep their numbers underneath, so a click on the heading sorts by size; give
    those columns no ``format`` in ``column_config`` (a format replaces this text).
    """

    def cell(value: object) -> str:
        return hours(float(value)) if isinstance(value, Real) else str(value)

    def in_unit(unit: str) -> Callable[[object], str]:
        return lambda value: (
            contribution(float(value), unit) if isinstance(value, Real) else str(value)
        )

    styler = frame.style.format({c: cell for c in columns if c in frame.columns})
    for column, units in (amounts or {}).items():
        for unit in dict.fromkeys(units):
            rows = frame.index[[u == unit for u in units]]
            styler = styler.format(in_unit(unit), subset=pd.IndexSlice[rows, [column]])
    return styler


def follow_default(key: str, default: str) -> None:
    """Let the text box ``key`` show ``default`` until the leader types a text of their own.

    A text box keeps the value of its first run: a suggested name such as "Q3 base ·
    Sales 80 %" stayed after the leader picked Marketing. Call it before the box, which
    then takes no ``value``.
    """
    last = f"{key}-default"
    if st.session_state.get(key) in (None, st.session_state.get(last)):
        st.session_state[key] = default
    st.session_state[last] = default


#: The sidebar's plan line while the current inputs have no plan yet (being made).
NO_PLAN_YET = "Plan: not made yet for these inputs (it is being made)"


def describe_status(
    result: Result,
    kept_close: float | None = None,
    weights: Weights | None = None,
    stopped: bool = False,
) -> str:
    """The result's status in one line (:func:`planner.core.status_words.status_sentence`);
    ``weights``, the weights in force, say what a distance to the best plan is measured on;
    ``stopped``, that the leader stopped the solve."""
    return status_sentence(
        result.status.value,
        result.runtime_s,
        result.gap,
        kept_close,
        weights,
        result.time_limit_s,
        stopped,
    )


def show_status(
    result: Result,
    kept_close: float | None = None,
    *,
    label: str = "Plan status",
    weights: Weights | None = None,
    stopped: bool = False,
) -> None:
    """The result's status as a coloured banner; reasons when there is no plan.

    ``label``: whose status it is, where another plan's is on the page too (the Check-in
    page's "Re-plan status", beside the sidebar's current plan); ``weights``: the weights
    the plan was made under (:func:`describe_status`); ``stopped``: the leader stopped it.
    """
    text = f"**{label}: {describe_status(result, kept_close, weights, stopped)}**"
    if result.status == Status.OPTIMAL:
        st.success(text, icon=":material/check_circle:")
    elif result.status == Status.FEASIBLE and stopped:
        st.warning(text, icon=":material/stop_circle:")
    elif result.status == Status.FEASIBLE and kept_close is not None:
        st.info(text, icon=":material/compare_arrows:")
    elif result.status == Status.FEASIBLE:
        st.warning(text, icon=":material/timer:")
    else:
        # The fixes name the Data page's tables, not the files' columns the CLI names.
        reasons = "\n".join(f"- {md(for_reader(reason, 'app'))}" for reason in result.reasons)
        st.error(f"{text}\n\n{reasons}", icon=":material/block:")


def progress_line(latest: Progress | None, best: Progress | None) -> str:
    """What the progress box says: the best plan so far as soon as there is one, and the wait.

    ``latest`` is the solver's latest report, ``best`` its latest report of a
    plan: a solve that waits for a free solver after its quick first plan
    still shows that plan.
    """
    waiting = ""
    if latest is not None and latest.waiting:
        # In a leader's words: "a free solver" and "the model" were the machinery's.
        ahead = f" ({plural(latest.ahead, 'plan')} ahead of this one)" if latest.ahead else ""
        waiting = f"Waiting its turn{ahead}: the app is making other plans…"
    if best is None:
        return waiting or "Making a quick first plan…"
    # In words a leader reads: how far from the best possible plan, not solver points
    # (the points are under the plan's Advanced detail).
    gap = relative_gap(best.objective, best.bound)
    close = (
        "how close it is to the best possible plan is not known yet"
        if best.bound != best.bound
        else f"within **{gap_percent(gap)}** of the best possible plan"
    )
    first = best.first_plan and best.num_solutions <= 1
    which = "quick first plan" if first else f"plan {best.num_solutions:d}"
    line = f"Best so far ({which}): {close}"
    if best.note:
        line = f"{md(best.note)} {line}"
    return f"{line}  \n{waiting}" if waiting else line


class ProgressBox:
    """The status box a page shows while CP-SAT works, with a button to stop it."""

    def __init__(
        self,
        key: str,
        job: SolveJob,
        stop: Callable[[str], None],
        slot: DeltaGenerator | None = None,
    ) -> None:
        """The box in ``slot`` (an ``st.empty()`` the page draws on every run), or in a new one."""
        self._job = job
        self._has_plan = False
        self._shown = ""
        self._bar_shown = ""
        self._slot = st.empty() if slot is None else slot
        with self._slot.container():
            self._status = st.status("Planning: looking for the best plan…", expanded=True)
            with self._status:
                self._bar = st.progress(0.0)
                self._line = st.empty()
                st.button(
                    "Stop and keep the best plan so far",
                    # The whole solve key: its first 16 characters are the inputs' alone,
                    # which a what-if against another plan in force shares (key@anchor).
                    key=f"stop-{key}",
                    on_click=stop,
                    args=(key,),
                )

    def update(self, elapsed: float) -> None:
        """Redraw what changed: the bar by the tenths of a second it reads, the line."""
        limit = max(self._job.time_limit_s, 1e-9)
        bar = f"{elapsed:.1f} s of at most {limit:g} s"
        if bar != self._bar_shown:
            # The page polls every 0.05 s and each poll sent the bar again, each a redraw
            # of the page in the browser, which shares the server's cores: what the bar
            # reads changes every other poll.
            self._bar_shown = bar
            self._bar.progress(min(elapsed / limit, 1.0), text=bar)
        best = self._job.best
        if best is not None and not self._has_plan:
            self._has_plan = True
            self._status.update(
                label="Planning: a plan is ready; looking for a better one…",
                state="running",
                expanded=True,
            )
        line = progress_line(self._job.progress, best)
        if line != self._shown:
            self._shown = line
            self._line.markdown(line)

    def done(
        self,
        result: Result,
        *,
        keep: bool,
        kept_close: float | None = None,
        weights: Weights | None = None,
        stopped: bool = False,
    ) -> None:
        """Collapse the box to a one-line summary, or remove it (the page shows the status).

        ``kept_close``, ``weights`` and ``stopped``: as :func:`show_status`'s, so that the
        box and the banner beside it say one status."""
        if not keep:
            self._slot.empty()
            return
        said = describe_status(result, kept_close, weights, stopped)
        self._status.update(
            label=said if stopped else f"Planned: {said}",
            state="complete" if result.status.has_plan else "error",
            expanded=False,
        )


#: A grid's figures grouped by thousands with a comma, as every page, the CLI and the exports
#: write them ("1,400"), whatever the browser's language: "localized" wrote "1.400" in a
#: German browser beside the typed columns' "1,400". sprintf's own comma, not the locale's;
#: 15 significant digits trim a float's noise (985.0000000000001 h reads 985).
GROUPED_FIGURE = "%,.15g"


def figure_column(label: str, **options: Any) -> Any:
    """A grid column of figures typed as text, right-aligned as figures are: a
    NumberColumn's editor keeps only what a number may hold before the app sees it ("1e12"
    became 112, applied without a word), so the page reads the text and refuses it."""
    return st.column_config.TextColumn(label, alignment="right", **options)


def column_config(
    file: str,
    problem: Problem,
    labels: Mapping[str, str] | None = None,
    widths: Mapping[str, str | int] | None = None,
) -> dict[str, Any]:
    """``st.data_editor`` columns for one data file, from planner's column schema.

    Headed in a leader's words with the unit ("Own hours in the quarter", "Effort (hours)"),
    the file's column name (``capacity_hours``) in the heading's help for whoever maps it to
    the file; ``labels`` overrides a heading (column -> heading); ``widths`` overrides the
    schema's width (each long name whole) where the table is narrow.
    """
    cc = st.column_config
    out: dict[str, Any] = {}
    for column, spec in column_specs(file, problem).items():
        name = (labels or {}).get(column, spec.heading)
        # Never the grid's ``required``: it holds back a new row until every required cell
        # is filled, so a pin with no team never reached the page (Apply stayed greyed, or
        # a complete row beside it applied and the half row vanished without a word).
        # Sent as typed, a half row is refused naming its row and column, as any edit is.
        help_text = spec.help
        if spec.required:
            help_text = f"{help_text.rstrip('.')}. Required." if help_text else "Required."
        if labels is None:  # the Data page's grids: the file's column, to map it
            in_file = f"In {file}: the column {column}."
            help_text = f"{help_text.rstrip('.')}. {in_file}" if help_text else in_file
        common: dict[str, Any] = {"help": help_text}
        if width := (widths or {}).get(column, spec.width):
            common["width"] = width
        common = {k: v for k, v in common.items() if v is not None}
        if spec.kind in ("number", "whole"):
            # Text, right-aligned as figures are, not a NumberColumn: its editor keeps only
            # what a number may hold before the app sees it ("1e12" became 112 h, applied
            # without a word; "１０００" and "lots" arrived empty; its minimum dropped the
            # minus of "-5"). Sent as typed, a figure is read and refused by the loader,
            # naming its row and column and what to write, as a data file's cell is.
            if spec.default is not None:
                common["default"] = f"{spec.default:g}"
            out[column] = figure_column(name, **common)
        elif spec.kind == "bool":
            out[column] = cc.CheckboxColumn(name, default=bool(spec.default), **common)
        elif spec.kind == "choice":
            extra: dict[str, Any] = {} if spec.default is None else {"default": spec.default}
            if spec.labels:
                shown = dict(spec.labels)
                extra["format_func"] = lambda v, shown=shown: shown.get(v, v)
            out[column] = cc.SelectboxColumn(name, options=spec.options, **common, **extra)
        else:
            out[column] = cc.TextColumn(name, **common)
    return out


#: The pages of a leader's round, as links: (file, label, icon).
NEXT_PAGES: dict[str, tuple[str, str, str]] = {
    "overview": ("pages/overview.py", "Read the goals and what to do next", ":material/dashboard:"),
    "plan": ("pages/plan.py", "See the plan and workload", ":material/assignment:"),
    "constraints": (
        "pages/constraints.py",
        "Try a what-if: capacity, rules, priorities",
        ":material/tune:",
    ),
    "scenarios": (
        "pages/scenarios.py",
        "Save it as a scenario and compare",
        ":material/compare_arrows:",
    ),
    "checkin": ("pages/checkin.py", "Mid-quarter: check in and re-plan", ":material/event_repeat:"),
    "export": ("pages/export.py", "Export the plan (CSV or Excel)", ":material/download:"),
}


#: The Scenarios page's tabs' key: the address's query names the tab open (``bind``).
SCENARIOS_VIEW = "scenarios-view"
#: The query of a link that opens the Scenarios page on its Compare tab.
COMPARE_TAB = {SCENARIOS_VIEW: "Compare"}
#: Where a page's link opens it unless told (:func:`show_next`): "Save it as a scenario and
#: compare" on Saved scenarios, where the save is, not on the tab the leader last left.
_OPENING = {"scenarios": {SCENARIOS_VIEW: "Saved scenarios"}}


def show_next(
    *pages: str,
    labels: Mapping[str, str] | None = None,
    opening: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """Where a leader goes from here, at the foot of a page: links to the next pages.

    ``labels`` says what a page does from here where its usual words would mislead (the
    Check-in page saves its re-plan itself: "Save it as a scenario" saved another plan).
    ``opening`` the query a page's link adds, to open it where the label says (the
    Scenarios page's Compare tab, whose tabs read it: ``bind="query-params"``).
    """
    st.markdown("**Next**")
    for page in pages:
        file, label, icon = NEXT_PAGES[page]
        st.page_link(
            file,
            label=(labels or {}).get(page, label),
            icon=icon,
            query_params=dict((opening or {}).get(page, _OPENING.get(page, {}))) or None,
        )


def data_downloads(problem: Problem, what: str, *, explained: bool = False) -> None:
    """Two buttons that download ``problem``'s data: its folder (zip) and its workbook.

    ``what`` names the data on the buttons ("the inputs"). ``explained``: each
    says that uploading it gives the same data back, and spans its column (the
    Data page, where they sit beside the upload). The files are built when a
    button is pressed, not at every run: at 150 teams x 3,000 projects the
    workbook alone takes seconds of the server's time.
    """
    zip_help, book_help = DATA_HELPS if explained else (None, None)
    width: Literal["stretch", "content"] = "stretch" if explained else "content"
    st.download_button(
        f"Download {what} (zip)",
        partial(folder_zip, problem),
        file_name="goal-planner-data.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",  # no rerun: it would lose the next file
        help=zip_help,
        width=width,
    )
    st.download_button(
        f"Download {what} (Excel)",
        partial(data_workbook, problem),
        file_name="goal-planner-data.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        on_click="ignore",
        help=book_help,
        width=width,
    )


def unmade_file(file_name: str, failure: InvalidInputError, instead: str) -> None:
    """Say, in a download button's place, why ``file_name`` could not be made (a server
    past its file size limit, a full temporary folder: :func:`planner.core.write_failures.
    scratch_failure`), with the fix for whoever runs the planner and ``instead``, what the
    leader can download meanwhile. Made on the click, the file failed in silence: the
    error reached the server's log only."""
    said = " ".join(str(issue) for issue in failure.errors)
    st.error(
        f"**{file_name} could not be made, so there is nothing to download.** "
        f"{instead} Ask whoever runs the planner to fix this, then open this page "
        f"again: {md(said)}",
        icon=":material/error:",
    )


def made_file_button(
    slot: DeltaGenerator, make: Callable[[], bytes], named: str, instead: str, **button: Any
) -> None:
    """Make a file as the page is drawn and offer it in ``slot``, the place its download
    button keeps (an ``st.empty()`` filled after the page's tables, so they show first);
    ``button``: :func:`st.download_button`'s label, file name, mime and the rest.

    Made on the click, a file the server could not make (past its file size limit, a full
    temporary folder) downloaded nothing: Streamlit said "Failed to generate file for
    download" for 5 s, the reason in the server's log only. Here the failure is said in the
    button's place (:func:`unmade_file`: ``named``, how the page names the file, and
    ``instead``, what the leader can download meanwhile). ``make`` should remember its
    file (:func:`pages.memo.remembered`) so that a rerun does not make it again; a
    failure is not remembered, so the next run tries again.
    """
    try:
        # Mid-sentence: "Making the re-plan's plan.xlsx ...".
        with slot, st.spinner(f"Making {named[:1].lower()}{named[1:]} ..."):
            made = make()
    except InvalidInputError as exc:
        with slot:
            unmade_file(named, exc, instead)
    else:
        slot.download_button(data=made, on_click="ignore", **button)  # no rerun: see above


#: What the data's zip and workbook buttons say of each (the Data page's, beside the upload).
DATA_HELPS = (
    "The six CSV files and settings.toml; upload it here to get the same data back.",
    "One sheet per table and a settings sheet; upload it here to get the same data back.",
)
