"""What the AppTest page tests share: opening a routed page, and reading what it shows."""

from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow as pa
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from app_server import ROOT
from streamlit.testing.v1 import AppTest

from planner.core.domain import Problem


def routed_pages() -> tuple[str, ...]:
    """Every page the app routes to, in its order (``pages.common.PAGES``)."""
    import sys

    if str(ROOT) not in sys.path:  # pages/ sits next to app.py, outside the package
        sys.path.insert(0, str(ROOT))
    from pages.common import PAGES

    return tuple(file for file, _, _ in PAGES)


def open_routed(page: str, timeout: float = 90) -> AppTest:
    """The app (``app.py``, its navigation in place) opened straight on ``page``."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    app.switch_page(page)
    return app.run()


#: The optimizer's vocabulary and its score arithmetic: "Objective 529.6", "best bound",
#: "points", "attainment +29.23", "balance -4.29". A change in percentage points reads
#: "pts" (of a goal's target), never the optimizer's "points".
SCORE_WORDS = re.compile(
    r"objective|\bbound\b|\bpoints?\b|[+-]\d[\d,]*\.\d\d\b"
    r"|\b(attainment|balance|fit|value|stability) [+-]\d",
    re.IGNORECASE,
)

#: The Constraints page's settings tabs (the session key holding the open tab's label).
SETTINGS_TAB = "constraints_tab"
CAPACITY, STAGE_POLICY, PINS, PRIORITIES = (
    "Capacity",
    "Stage policy",
    "Pins and forbids",
    "Priorities and time limit",
)


def open_tab(app: AppTest, label: str) -> AppTest:
    """On the Constraints page, open the settings tab ``label``, as a leader's click does.

    The page draws only the open tab's settings, so a test opens a tab before it reads or
    sets what is in it. The choice is made twice at most: after :func:`open_routed`, whose
    first run goes through app.py while later runs ask for the page's file, every widget's
    id changes once, the tabs' included, and a choice made on the first id is dropped.
    """
    for _ in range(2):
        app.session_state[SETTINGS_TAB] = label
        app.run()
        if app.session_state[SETTINGS_TAB] == label:
            return app
    raise AssertionError(f"the {label!r} tab did not open")


#: The Vega-Lite schema Altair checks its charts against.
_SCHEMA = load_schema()


def button(app: AppTest, label: str):
    """The one button labelled ``label`` (fails when there is none or more than one)."""
    found = [b for b in app.button if b.label == label]
    assert len(found) == 1, f"{len(found)} buttons {label!r} among {[b.label for b in app.button]}"
    return found[0]


def unsaved_work_offers(app: AppTest) -> list[str]:
    """The unsaved work the page offers back, each as its line and, after it, the whole
    offer its tooltip holds (markdown's escapes taken out)."""
    return [
        f"{m.value} {m.help}".replace("\\", "")
        for m in app.markdown
        if "Your unsaved work from" in m.value
    ]


def session_problem(app: AppTest) -> Problem:
    """The inputs the session's pages show."""
    problem: Problem = app.session_state["problem"]
    return problem


def assert_clean(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def grid_edit(
    edited: dict[int, dict[str, object]] | None = None,
    added: list[dict[str, object]] | None = None,
    deleted: list[int] | None = None,
) -> dict[str, object]:
    """A data editor's state as the browser sends it: the rows ``edited`` (row number ->
    column -> value), the rows ``added`` and the row numbers ``deleted``."""
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}


def delete_and_apply(app: AppTest, table: str, index: int) -> AppTest:
    """On the Data page: delete row ``index`` of ``table``'s editor (as the grid's delete
    does), then press Apply edits."""
    app.session_state[f"edit-{table}-0"] = grid_edit(deleted=[index])
    app.run()
    return next(b for b in app.button if b.label == "Apply edits").click().run()


def content_contractor(app: AppTest) -> AppTest:
    """On the Data page: Content's weeks 7-12 at 125 h (a contractor; 85 h a week before)
    and week 13 at 85 h in the Calendar table, then Apply edits."""
    calendar = app.session_state["problem"].calendar
    (row,) = [i for i, c in enumerate(calendar) if c.team_id == "content" and c.first_week == 7]
    app.session_state["edit-calendar.csv-0"] = grid_edit(
        edited={row: {"week": "7-12", "capacity_hours": 125.0}},
        added=[{"team_id": "content", "week": "13", "capacity_hours": 85.0}],
    )
    app.run()
    return next(b for b in app.button if b.label == "Apply edits").click().run()


def type_own_capacity(app: AppTest, row: int, typed: object) -> str:
    """On the Constraints page's Capacity tab: ``typed`` in row ``row``'s "Own %" cell of
    the per-team table (as the grid sends it), then run the page. Returns the table's key
    the edit went to."""
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("cap-teams-"))
    app.session_state[key] = grid_edit(edited={row: {"multiplier": typed}})
    app.run()
    return key


def edit_checkin(app: AppTest, table: str, key: str, column: str, value: object) -> AppTest:
    """On the Check-in page: set ``column`` of the row whose first cell is ``key`` in the
    check-in's ``table`` (as a leader's edit in its editor lands), then run the page."""
    tables = app.session_state["checkin-tables"]
    frame = tables[table]
    frame.loc[frame[frame.columns[0]] == key, column] = value
    app.session_state["checkin-tables"] = tables
    return app.run()


def type_in_checkin(app: AppTest, table: str, key: str, column: str, value: object) -> AppTest:
    """On the Check-in page: ``value`` typed into ``column`` of the row whose first cell is
    ``key`` in the ``table`` grid (its widget state, as the grid sends it), then run the
    page. Unlike :func:`edit_checkin`, the edit goes through the grid and its callback."""
    source = app.session_state["checkin-tables"][table]
    row = list(source[source.columns[0]]).index(key)
    version = app.session_state["checkin-editor-version"]
    app.session_state[f"checkin-{table}-{version}"] = grid_edit(edited={row: {column: value}})
    return app.run()


def apply_team_hours(app: AppTest, hours: float) -> AppTest:
    """On the Data page: the first team's capacity edited to ``hours``, then Apply edits."""
    revision = app.session_state["revision"]
    app.session_state[f"edit-teams.csv-{revision}"] = grid_edit(
        edited={0: {"capacity_hours": hours}}
    )
    app.run()
    return next(b for b in app.button if b.label == "Apply edits").click().run()


def chart_frames(app: AppTest) -> list[pd.DataFrame]:
    """The data behind each Vega-Lite chart on the page, in page order.

    Pages draw charts without Altair's schema check (``pages.ui.show_chart``),
    so each spec a page sent is checked against the Vega-Lite schema here.
    """
    frames = []
    for chart in app.get("vega_lite_chart"):
        validate_jsonschema(json.loads(chart.proto.spec), _SCHEMA)
        for dataset in chart.proto.datasets:
            frames.append(pa.ipc.open_stream(dataset.data.data).read_pandas())
    return frames


def failing_sheet_writer(monkeypatch, number: int, said: str) -> list[int]:
    """openpyxl's sheet writer fails with ``number`` (errno) and ``said``; the list counts
    its tries (a workbook the server cannot make: a file size limit, a full disk)."""
    from openpyxl.worksheet import _writer

    tries: list[int] = []

    def fail(self: object, *row: object) -> None:
        tries.append(1)
        raise OSError(number, said)

    # A workbook of cells writes its rows at the save, a write-only one row by row.
    monkeypatch.setattr(_writer.WorksheetWriter, "write_rows", fail)
    monkeypatch.setattr(_writer.WorksheetWriter, "write_row", fail)
    return tries


def error_words(app: AppTest) -> str:
    """The page's error boxes' words as read (their Markdown escapes taken out)."""
    return " ".join(re.sub(r"\\(.)", r"\1", e.value) for e in app.error)


def download_labels(app: AppTest) -> list[str]:
    return [b.proto.label for b in app.get("download_button")]
