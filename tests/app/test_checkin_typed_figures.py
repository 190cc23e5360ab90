"""A figure typed in the Check-in page's grids reaches the page as typed (AppTest).

Its "% done", "Ends in week", "Achieved so far" and "Hours used" were number grids: "1e12"
reached the page as 112, "１０" as 10, and "lots" or "1,000" broke the reading of the
tables. They are text now; what is not a plain decimal is refused in the words a data
file's cell is (planner.core.not_a_number.why_not_a_number), naming the grid, the row and the
column, and no check-in is read from the tables.
"""

from __future__ import annotations

import pytest
from app_pages import assert_clean, open_routed
from streamlit.testing.v1 import AppTest

from pages.ui import GROUPED_FIGURE

TABLES = "checkin-tables"


def _typed(table: str, column: str, typed: str) -> tuple[AppTest, str]:
    """The Check-in page with ``typed`` in ``column`` of ``table``'s first row (of the
    projects, the first in progress), and that row's id."""
    app = open_routed("pages/checkin.py")
    assert_clean(app)
    tables = app.session_state[TABLES]
    frame = tables[table].astype({column: object})
    if table == "projects":
        key = str(frame.loc[frame["status"] == "in progress", "project_id"].iloc[0])
    else:
        key = str(frame.iloc[0, 0])
    frame.loc[frame[frame.columns[0]] == key, column] = typed
    app.session_state[TABLES] = {**tables, table: frame}
    return app.run(), key


def _problems(app: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in app.error if "has problems" in e.value]


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("１０", "(it is written in full-width digits: write it as 10)"),
        ("lots", ""),
        ("12.5.3", ""),
        ("1e12", "(exponent notation such as 1e6 is not allowed)"),
    ],
)
def test_a_percent_done_not_a_plain_figure_is_refused_by_grid_project_and_column(typed, why):
    app, key = _typed("projects", "percent_done", typed)
    assert_clean(app)
    (said,) = _problems(app)
    assert "Projects table, " in said and f"({key}), % done: '{typed}' is not a number" in said
    assert f"is not a number {why}".rstrip() in said, said
    # What to type: a plain figure, or the one meant, said once.
    assert said.count(" write ") == 1, said
    # Nothing is read from the tables: no re-plan is offered.
    assert not [b for b in app.button if b.key == "checkin-replan-button"]


_GRIDS = [
    ("goals", "achieved", "Goals table, "),
    ("hours", "hours_used", "Hours used table, "),
    ("projects", "end_week", "Projects table, "),
]


@pytest.mark.parametrize(
    ("table", "column", "heading", "typed"),
    [(*grid, typed) for grid in _GRIDS for typed in ("１０", "lots", "1,5", "12.5.3")],
)
def test_the_other_grids_figures_are_refused_as_typed(table, column, heading, typed):
    app, key = _typed(table, column, typed)
    assert_clean(app)
    (said,) = _problems(app)
    shown = {"achieved": "Achieved so far", "hours_used": "Hours used", "end_week": "Ends in week"}
    assert f"{heading}" in said and f"({key}), {shown[column]}: '{typed}' is not a" in said, said
    assert not [b for b in app.button if b.key == "checkin-replan-button"]


def test_a_plain_figure_typed_as_text_is_read_as_before():
    """ "7" typed in "% done" of a project in progress is read: no problem is said."""
    app, _ = _typed("projects", "percent_done", "7")
    assert_clean(app)
    assert not _problems(app)


def test_a_kpi_achieved_typed_with_thousands_commas_is_read_and_reads_as_its_target():
    """ "Achieved so far" showed 9700000 beside a Target written 11,000,000, and a typed
    "9,700,000" was refused. Both columns write a figure as the pre-fill does, with the
    app's thousands separators, and "9,700,000" typed is read as 9,700,000."""
    import json

    app, _ = _typed("goals", "achieved", "9,700,000")
    assert_clean(app)
    assert not _problems(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("checkin-goals-"))
    columns = json.loads(editor.proto.columns)
    # Grouped as every page groups thousands ("plain" read 100000.00000000001).
    assert columns["target"]["type_config"]["format"] == GROUPED_FIGURE, columns["target"]
    assert any(b.key == "checkin-replan-button" for b in app.button)


def test_every_grid_reads_the_app_s_own_thousands_commas_as_the_goals_grid_does():
    """The goals grid read "9,700,000" while Hours used, % done and Ends in week refused
    "1,000" ("it has a thousands separator"): one page, two rules. Each grid reads a comma
    every three digits as the figure written; one past its range is refused for that, in
    the range's words, not for its comma."""
    app, _ = _typed("hours", "hours_used", "1,000")
    assert_clean(app)
    assert not _problems(app), _problems(app)
    assert any(b.key == "checkin-replan-button" for b in app.button)
    app, _ = _typed("projects", "end_week", "1,000")
    assert_clean(app)
    said = " ".join(_problems(app))
    assert "Ends in week 1000 is past the end of the 13-week quarter" in said, said
    assert "is not a number" not in said
    app, _ = _typed("projects", "percent_done", "1,000")
    assert_clean(app)
    said = " ".join(_problems(app))
    assert "% done must be 0 to 100" in said and "is not a number" not in said, said


def test_a_figure_refused_says_the_figure_to_type_where_one_is_meant():
    """ "1,5" was refused with "write a plain figure, such as 40": the figure meant is
    1.5 (planner.core.typed_numbers.meant_figure), and the page says so."""
    app, _ = _typed("hours", "hours_used", "1,5")
    (said,) = _problems(app)
    assert "write 1.5 if that is the figure meant." in said, said
    app, _ = _typed("hours", "hours_used", "lots")
    (said,) = _problems(app)
    assert "write a plain figure, such as 40." in said, said


def test_the_hours_grid_writes_every_figure_as_its_pre_fill_does():
    """The Hours used grid pre-filled 596 and 1379 beside columns that showed "1,379", then
    pre-filled digits only beside a leader's typed "1,000": two formats in one column. The
    pre-fill, the capacity and the own hours are all grouped by thousands as every page
    writes hours ("plain" wrote 20 decimals, 985 h as 985.0000000000001)."""
    import json

    app = open_routed("pages/checkin.py")
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key and e.key.startswith("checkin-hours-"))
    columns = json.loads(editor.proto.columns)
    shown = [c for c in ("capacity_hours", "base_hours") if c in columns]
    assert "capacity_hours" in shown, columns
    for column in shown:
        assert columns[column]["type_config"]["format"] == GROUPED_FIGURE, columns[column]
    from planner.interfaces.checkin_tables import as_typed

    typed = as_typed(app.session_state[TABLES])
    hours = typed["hours"].assign(hours_used=["1379.5", *typed["hours"]["hours_used"][1:]])
    assert as_typed({"hours": hours})["hours"]["hours_used"].iloc[0] == "1,379.5"
    achieved = list(typed["goals"]["achieved"])
    assert "13,575" in achieved, achieved  # grouped, as a typed "13,575" reads


def test_every_figure_on_the_page_is_grouped_with_a_comma_whatever_the_browser_s_language():
    """Target and the capacities were written "localized": in a German browser they read
    "1.400" beside the typed columns' "1,400". Every grouped figure on the page has one
    format, a comma every three digits as the app writes figures, whatever the language."""
    import json

    app = open_routed("pages/checkin.py")
    assert_clean(app)
    grids = [*app.data_editor, *app.dataframe]
    formats = {
        name: column["type_config"]["format"]
        for grid in grids
        for name, column in json.loads(grid.proto.columns).items()
        if column.get("type_config", {}).get("format")
    }
    assert {"target", "capacity_hours"} <= set(formats), formats
    assert "localized" not in formats.values(), formats
    for name in ("target", "capacity_hours", "base_hours"):
        assert formats.get(name, GROUPED_FIGURE) == GROUPED_FIGURE, formats
    # A printf format with sprintf's own comma (the browser's language plays no part), and
    # a precision that trims a float's noise (985.0000000000001 h reads 985).
    assert GROUPED_FIGURE.startswith("%,.") and GROUPED_FIGURE.endswith("g"), GROUPED_FIGURE
