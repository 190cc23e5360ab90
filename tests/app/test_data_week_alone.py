"""A calendar row for one week changes that week only, and the Data page says so where a
leader types it (AppTest).

A VP Sales gave the SDR Team an off-site "from week 6" by typing 6 in the Calendar grid's
Week column: the row is right to change week 6 alone, but nothing on the page said so
(the column's help read "A week 1-13, or a range such as 7-8"), and the message after
Apply read "week 6 of SDR Team (76.9 h → 0 h a week)", as of a run of weeks.
"""

from __future__ import annotations

import json

from app_pages import assert_clean, grid_edit, open_routed, session_problem

from planner.core.domain import CalendarRow


def test_a_week_typed_alone_is_said_to_change_that_week_only_where_it_is_typed():
    """The Week column's help, the Calendar tab's caption and the message after Apply each
    say a single week changes that week only, and how to write "from week 6 on"."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    editor = next(e for e in app.data_editor if e.key == "edit-calendar.csv-0")
    week = json.loads(editor.proto.columns)["week"]
    assert week["help"].startswith(
        "A week 1-13, or a range such as 7-8. One week changes that week only: from week 6 "
        "to the quarter's end is 6-13."
    ), week["help"]
    captions = [c.value for c in app.caption]
    assert any(
        "a row for one week changes that week only (week 6 alone: 6; from week 6 on: 6-13)" in c
        for c in captions
    ), captions
    app.session_state["edit-calendar.csv-0"] = grid_edit(
        added=[{"team_id": "sdr", "week": "6", "capacity_hours": 0.0}]
    )
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert CalendarRow("sdr", 6, 6, 0) in session_problem(app).calendar  # week 6 alone
    said = " ".join(i.value for i in app.info).replace("\\", "")
    assert "Calendar: week 6 of SDR Team (76.9 h → 0 h, that week only)" in said, said
    assert "0 h a week" not in said
