"""A problem in a row added in a Data grid says what the row reads: a grid shows no Row
number beside a row typed in it, and "Teams, row 12" could not be found there."""

from __future__ import annotations

from app_pages import assert_clean, button, error_words, grid_edit
from app_sessions import open_page

KEY = "edit-teams.csv-0"


def issue_messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    return list(issues["problem"])


def test_a_refused_added_row_is_named_by_what_it_reads():
    """The added row's problem quotes its first cells, where the leader typed them; the
    note by the Apply button says it too."""
    app = open_page("pages/data.py")
    added = {"team_id": "events", "name": "Events", "department": "marketing"}
    app.session_state[KEY] = grid_edit(added=[{**added, "capacity_hours": "-5"}])
    app.run()
    button(app, "Apply edits").click().run()
    assert_clean(app)
    (message,) = issue_messages(app)
    assert message.startswith('The row you added (it reads "events", "Events", "marketing"): ')
    assert 'The row you added (it reads "events"' in error_words(app).replace("\\", "")


def test_a_refused_row_of_the_data_is_not_called_added():
    """A row the data had keeps its words: only rows typed in the grid are said added."""
    app = open_page("pages/data.py")
    app.session_state[KEY] = grid_edit(edited={0: {"capacity_hours": "-5"}})
    app.run()
    button(app, "Apply edits").click().run()
    assert_clean(app)
    (message,) = issue_messages(app)
    assert "you added" not in message


def test_an_added_row_left_without_its_id_is_named_by_its_other_cells():
    """The row typed with a name but no id: the loader says the id is empty, and the row is
    found by the name it reads."""
    app = open_page("pages/data.py")
    app.session_state[KEY] = grid_edit(
        added=[{"name": "Events", "department": "marketing", "capacity_hours": "40"}]
    )
    app.run()
    button(app, "Apply edits").click().run()
    assert_clean(app)
    messages = issue_messages(app)
    assert any(
        m.startswith('The row you added (it reads "Events", "marketing", "40")') for m in messages
    ), messages
