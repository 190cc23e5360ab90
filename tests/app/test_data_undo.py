"""The Data page's "Undo the last Apply": the grids keep no history (Ctrl+Z does nothing in
them), and an edit applied by mistake had no way back but typing it in again."""

from __future__ import annotations

from app_pages import assert_clean, button, delete_and_apply, grid_edit, session_problem
from app_sessions import open_page

UNDO = "Undo the last Apply"


def info_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(i.value for i in app.info).replace("\\", "")


def test_undo_puts_back_a_deleted_team_its_rows_and_its_plan():
    """A team deleted by mistake takes its calendar rows, estimates and rules with it: the
    undo puts back the very data before the Apply, and the Overview reads as before it."""
    app = open_page()
    figures = [m.value for m in app.metric]
    app.switch_page("pages/data.py").run()
    before = session_problem(app)
    assert button(app, UNDO).proto.disabled  # nothing applied yet
    delete_and_apply(app, "teams.csv", 1)  # mm-ae, with its rules
    assert_clean(app)
    assert "mm-ae" not in {t.team_id for t in session_problem(app).teams}
    assert not button(app, UNDO).proto.disabled
    removed = "Teams: 1 removed ('Mid-Market AEs')"
    assert f"Takes back your last Apply ({removed}" in button(app, UNDO).proto.help.replace(
        "\\", ""
    )
    button(app, UNDO).click().run()
    assert_clean(app)
    assert session_problem(app) is before
    said = info_text(app)
    assert f"Last Apply undone, its changes taken back ({removed}" in said, said
    assert "Files loaded from the bundled sample" in " ".join(c.value for c in app.caption)
    assert button(app, UNDO).proto.disabled  # one Apply, undone once
    app.switch_page("pages/overview.py").run()
    assert [m.value for m in app.metric] == figures


def test_two_applies_are_undone_one_at_a_time():
    """Each undo takes back one Apply, the latest first."""
    app = open_page("pages/data.py")
    first = session_problem(app)
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": "999"}})
    app.run()
    button(app, "Apply edits").click().run()
    second = session_problem(app)
    app.session_state["edit-teams.csv-1"] = grid_edit(edited={0: {"capacity_hours": "111"}})
    app.run()
    button(app, "Apply edits").click().run()
    assert session_problem(app).teams[0].capacity_hours == 111
    said = info_text(app)
    assert (
        "Your last Apply: Teams, row 2 (sdr, SDR Team): Own hours in the quarter "
        "(capacity_hours) '999' → '111'." in said
    ), said
    button(app, UNDO).click().run()
    assert session_problem(app) is second
    assert "Undo again" in info_text(app)
    button(app, UNDO).click().run()
    assert session_problem(app) is first
    assert button(app, UNDO).proto.disabled


def test_undo_waits_for_unapplied_edits():
    """An undo draws every table again from the data before the Apply: with edits not yet
    applied it is off, and says to apply or discard them first, not dropping them unsaid."""
    app = open_page("pages/data.py")
    delete_and_apply(app, "teams.csv", 1)
    app.session_state["edit-teams.csv-1"] = grid_edit(edited={0: {"capacity_hours": "5"}})
    app.run()
    undo = button(app, UNDO)
    assert undo.proto.disabled
    assert "Apply or discard your unapplied edits first" in undo.proto.help


def test_data_changed_elsewhere_since_is_not_undone():
    """An Apply is undone only while its data is the session's: once another page changed
    the data (a pin on the Constraints page, an upload), the undo is off, or it would throw
    that change away unsaid."""
    app = open_page("pages/data.py")
    delete_and_apply(app, "teams.csv", 1)
    assert not button(app, UNDO).proto.disabled
    app.switch_page("pages/constraints.py").run()
    app.session_state["problem"] = session_problem(app).replace()  # as a pin set there
    app.switch_page("pages/data.py").run()
    assert button(app, UNDO).proto.disabled
