"""The Data page's drafts reopened after a visit to another page, edited again."""

from __future__ import annotations

from app_pages import assert_clean, grid_edit, session_problem
from app_sessions import open_page

from planner.core.loading import RAW_FILES

KEY = "edit-teams.csv-0"


def teams_grid(app):  # type: ignore[no-untyped-def]
    return next(e for e in app.data_editor if e.key == KEY).value


def test_a_reopened_draft_with_a_row_deleted_keeps_it_through_the_next_edit():
    """A leader deletes a team, looks at the Plan, comes back and edits another cell: the
    grid began again from the tables the plan uses on that edit, the deleted team back
    and the draft gone without a word (in a browser, every edit of it too)."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state[KEY] = grid_edit(deleted=[1])  # mm-ae, row 3
    app.run()
    app.switch_page("pages/plan.py").run()
    app.switch_page("pages/data.py").run()
    assert "mm-ae" not in set(teams_grid(app)["team_id"])
    app.session_state[KEY] = grid_edit(edited={0: {"capacity_hours": "999"}})
    app.run()
    assert_clean(app)
    assert session_problem(app) is before
    assert any("Unapplied edits" in m for m in app.markdown.values)
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    teams = {t.team_id: t for t in session_problem(app).teams}
    assert "mm-ae" not in teams
    assert teams["sdr"].capacity_hours == 999


def test_every_grid_says_how_its_rows_are_deleted_and_added():
    """The narrow column left of Row is empty until a row is pointed at: it is where a row
    is ticked to be deleted, said under each table's own help."""
    app = open_page("pages/data.py")
    said = [c.value for c in app.caption if "tick the box left of their Row number" in c.value]
    assert len(said) == len(RAW_FILES)  # one a table, with its own help
    assert all("empty row at the foot of the table" in text for text in said)


def test_a_refused_row_added_in_a_grid_shows_the_number_the_problem_names():
    """A row added in a grid has no Row number until the grid is drawn again: a refusal
    named "Teams, row 12" and the grid's new row had no 12 beside it."""
    app = open_page("pages/data.py")
    added = {"team_id": "events", "name": "Events", "department": "marketing"}
    app.session_state[KEY] = grid_edit(added=[{**added, "capacity_hours": "-5"}])
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    assert list(issues["row"]) == ["12"], issues  # ten teams in rows 2-11
    teams = teams_grid(app)
    assert teams.loc[12, "team_id"] == "events"
    assert teams.loc[12, "capacity_hours"] == "-5"
    # The draft stays, and the grid goes on from it.
    app.session_state[KEY] = grid_edit(edited={10: {"capacity_hours": "40"}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert {t.team_id: t.capacity_hours for t in session_problem(app).teams}["events"] == 40


def test_a_row_added_and_left_empty_is_no_edit():
    """A click on a grid's empty last row adds a row: left empty, it read as an unapplied
    edit, and Apply said "Edits applied" and marked the data edited, nothing changed."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state[KEY] = grid_edit(added=[{}, {"team_id": None, "name": " "}])
    app.run()
    assert_clean(app)
    assert any("No unapplied edits" in m for m in app.markdown.values)
    assert next(b for b in app.button if b.label == "Apply edits").proto.disabled
    assert session_problem(app) is before


def test_a_row_added_to_an_emptied_grid_is_drawn_again_as_text():
    """Every calendar row deleted, the grid drawn again from that draft holds no rows, and
    Streamlit keeps a row added there with its cells' own types (a figure, not its text):
    drawn again after a visit to the Plan, the grid's text columns refused the figure and
    the page showed "This app has encountered an error" (found by the page fuzzer)."""
    key = "edit-calendar.csv-0"
    app = open_page("pages/data.py")
    rows = len(session_problem(app).calendar)
    app.session_state[key] = grid_edit(deleted=list(range(rows)))
    app.run()
    app.switch_page("pages/plan.py").run()
    app.switch_page("pages/data.py").run()
    added = {"team_id": "content", "week": 3, "capacity_hours": 40}
    app.session_state[key] = grid_edit(added=[added])
    app.run()
    app.switch_page("pages/plan.py").run()
    app.switch_page("pages/data.py").run()
    assert_clean(app)
    grid = next(e for e in app.data_editor if e.key == key).value
    assert grid.to_dict("records") == [{"team_id": "content", "week": "3", "capacity_hours": "40"}]
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    (row,) = session_problem(app).calendar
    assert (row.team_id, row.first_week, row.capacity_hours) == ("content", 3, 40)
