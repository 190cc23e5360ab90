"""A figure typed in the Data page's tables reaches the loader as typed (AppTest).

The tables' figures are text: a number column's editor kept only what a number may hold,
so "1e12" was applied as 112 h and "lots" or "１０００" arrived as an empty cell. The
real-browser path is tests/app/test_browser_typed_figures.py. The Constraints page's goal
weights, read by the same loader, are text too.
"""

from __future__ import annotations

import pytest
from app_pages import PRIORITIES, assert_clean, grid_edit, open_routed, open_tab, type_own_capacity

from planner.core.editing import grid_column


def _typed(table: str, row: int, column: str, typed: str):
    """The Data page with ``typed`` in ``table``'s ``row`` (0: the first), ``column``,
    as the grid sends a cell edited as text, and Apply edits pressed."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    before = app.session_state["problem"]
    app.session_state[f"edit-{table}-0"] = grid_edit(edited={row: {column: typed}})
    app.run()
    app = next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    return app, before


@pytest.mark.parametrize(
    ("table", "column", "typed", "said"),
    [
        ("teams.csv", "capacity_hours", "１０００", "write it as 1000"),
        ("teams.csv", "capacity_hours", "lots", "'lots' is not a number."),
        ("projects.csv", "effort_hours", "1,00", "'1,00' is not a number"),
        ("goals.csv", "weight", "1e12", "exponent notation"),
        ("calendar.csv", "capacity_hours", "12.5.3", "'12.5.3' is not a number (it has 2 decimal"),
        ("projects.csv", "due_week", "１２", "write it as 12"),
    ],
)
def test_a_figure_typed_otherwise_is_refused_as_typed_naming_its_cell(table, column, typed, said):
    """Refused in the loader's words with the figure as typed, in its table, row and
    column; the data stays as it was and the draft stays to be fixed."""
    app, before = _typed(table, 0, column, typed)
    assert app.session_state["problem"] is before
    assert any("Your edits were not applied" in e.value for e in app.error)
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    (found,) = issues.to_dict("records")
    # The column as the grid heads it and as the file names it: "Own hours in the quarter
    # (capacity_hours)".
    assert (found["file"], found["row"]) == (table, "2"), found
    assert found["column"] == grid_column(table, column) and column in found["column"].casefold()
    assert said in found["problem"].replace("\\", ""), found
    assert typed in found["problem"], found
    assert any("Unapplied edits" in m for m in app.markdown.values)


def test_a_plain_figure_typed_applies_as_before():
    """Typed "1200" in SDR Team's capacity applies: 1,000 h → 1,200 h."""
    app, before = _typed("teams.csv", 0, "capacity_hours", "1200")
    after = app.session_state["problem"]
    assert after is not before and after.teams[0].capacity_hours == 1200
    assert not app.error


def test_the_grids_group_figures_as_every_page_and_read_a_grouped_edit_back_plain(tmp_path):
    """The Data page's grids showed "1400" where every other page shows "1,400". They
    group figures too; a grouped cell edited ("1,400" to "1,500") applies as 1500 h, the
    grid shows it grouped again, and the data written from it (the page's data download,
    a data folder) holds the plain figure a data file holds."""
    import io
    import zipfile

    from planner.core.loading import load_with_warnings
    from planner.core.writing import folder_zip

    app = open_routed("pages/data.py")
    assert_clean(app)
    teams = next(e for e in app.data_editor if e.key == "edit-teams.csv-0").value
    assert list(teams["capacity_hours"])[:2] == ["1,000", "1,400"], teams
    app, before = _typed("teams.csv", 1, "capacity_hours", "1,500")
    after = app.session_state["problem"]
    assert after is not before and after.teams[1].capacity_hours == 1500
    assert not app.error
    shown = next(e for e in app.data_editor if e.key and e.key.startswith("edit-teams.csv-"))
    assert list(shown.value["capacity_hours"])[1] == "1,500"
    with zipfile.ZipFile(io.BytesIO(folder_zip(after))) as archive:
        archive.extractall(tmp_path)
    written = (tmp_path / "teams.csv").read_text(encoding="utf-8")
    assert ",1500," in written and "1,500" not in written, written
    assert load_with_warnings(tmp_path).problem.teams[1].capacity_hours == 1500


def test_a_goal_weight_typed_as_a_word_is_refused_by_the_goal_s_name():
    """The Constraints page's goal weights are text too: "lots" arrived as an empty cell,
    read as the default weight 1 and applied without a word. It is refused as typed."""
    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("goal-weights-"))
    app.session_state[key] = grid_edit(edited={1: {"weight": "lots"}})
    app.run()
    assert_clean(app)
    said = [e.value.replace("\\", "") for e in app.error]
    assert said == [
        "Weight of Marketing-qualified leads: 'lots' is not a number. Write a plain decimal "
        "such as 1 (no thousands separators or decimal commas, no units, no exponents). "
        "Not applied; the weights stay."
    ], said
    assert [float(g.weight) for g in app.session_state["problem"].goals][1] == 2.0


def test_a_team_s_own_capacity_typed_in_full_width_digits_is_refused_with_the_figure():
    """The Constraints page's "Own %" is text too: "１２０" (an East Asian input method's
    digits) reached the page as 120 % and was planned; it is refused with what to write."""
    app = open_tab(open_routed("pages/constraints.py"), "Capacity")
    type_own_capacity(app, 0, "１２０")
    assert_clean(app)
    assert app.session_state["problem"].settings.capacity.multipliers == {}
    said = [e.value.replace("\\", "") for e in app.error]
    assert any(
        "own capacity %: '１２０' is not a number (it is written in full-width digits: "
        "write it as 120); use a number from 0 to 1000 %. It was not applied" in e
        for e in said
    ), said


def test_a_goal_weight_emptied_on_the_constraints_page_is_refused_not_set_to_1():
    """A CMO cleared a goal's weight, meaning "not decided" or 0: goals.csv reads an empty
    weight as 1, and the cell came back as 1 without a word. It is refused, by the goal's
    name, the weight in force kept."""
    app = open_tab(open_routed("pages/constraints.py"), PRIORITIES)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("goal-weights-"))
    app.session_state[key] = grid_edit(edited={1: {"weight": ""}})
    app.run()
    assert_clean(app)
    said = [e.value.replace("\\", "") for e in app.error]
    assert said == [
        "Weight of Marketing-qualified leads: it is empty. Type how much the goal matters (1 "
        "is the usual weight, 2 counts twice as much). Not applied; the weights stay."
    ], said
    assert [float(g.weight) for g in app.session_state["problem"].goals][1] == 2.0


def test_a_goal_weight_emptied_on_the_data_page_is_said_as_the_weight_1_it_counts_with():
    """On the Data page an empty weight is the file's default, 1: applied, and said with
    the edit, where the grid showed 1 again without a word."""
    app, before = _typed("goals.csv", 1, "weight", "")
    after = app.session_state["problem"]
    assert float(before.goals[1].weight) == 2.0 and float(after.goals[1].weight) == 1.0
    (said,) = [i.value.replace("\\", "") for i in app.info if "With your edits" in i.value]
    assert (
        "Goals, Marketing-qualified leads: its weight was empty, so it counts with the usual "
        "weight 1" in said
    ), said
