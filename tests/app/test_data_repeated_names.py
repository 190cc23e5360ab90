"""A scenario saved before names had to differ, edited on the Data page: its repeated names
are said once, each pair by its rows, with one click to tell them apart and apply."""

from __future__ import annotations

import dataclasses

from app_pages import assert_clean, button, grid_edit, session_problem
from app_sessions import open_page

from planner.core.domain import Problem

RENAME = "Tell them apart by their ids and apply"


def with_repeated_team_names(app) -> Problem:  # type: ignore[no-untyped-def]
    """The session's data as a scenario saved before: teams mm-ae and se named as the
    teams above them (rows 3 and 5 repeat rows 2 and 4), opened as new data."""
    teams = list(session_problem(app).teams)
    teams[1] = dataclasses.replace(teams[1], name=teams[0].name)
    teams[3] = dataclasses.replace(teams[3], name=teams[2].name)
    app.session_state["problem"] = session_problem(app).replace(teams=tuple(teams))
    app.session_state["revision"] = 1
    return app.session_state["problem"]


def warning_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(w.value for w in app.warning).replace("\\", "")


def test_an_edit_refused_for_names_repeated_before_says_them_once_with_their_rows():
    """Demand Gen's hours edited: refused for the two names the saved data repeated, each
    pair said in one message by its rows and ids, with the fix."""
    app = open_page("pages/data.py")
    before = with_repeated_team_names(app)
    app.session_state["edit-teams.csv-1"] = grid_edit(edited={5: {"capacity_hours": "1500"}})
    app.run()
    button(app, "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app) is before  # nothing saved from the refused edit
    said = warning_text(app)
    assert "2 names repeated" in said, said
    assert "Teams rows 2 and 3 are both 'SDR Team' (teams 'sdr' and 'mm-ae')" in said, said
    assert "Teams rows 4 and 5 are both 'Enterprise AEs' (teams 'ent-ae' and 'se')" in said
    assert "'SDR Team' becomes 'SDR Team (mm-ae)'" in said
    assert "The data was saved before names had to differ" in said
    assert button(app, RENAME)


def test_one_click_tells_the_names_apart_and_applies_the_edit_with_it():
    """The button renames each later row by its name and id, applies the leader's own edit
    with it, and says each rename in words."""
    app = open_page("pages/data.py")
    with_repeated_team_names(app)
    app.session_state["edit-teams.csv-1"] = grid_edit(edited={5: {"capacity_hours": "1500"}})
    app.run()
    button(app, "Apply edits").click().run()
    button(app, RENAME).click().run()
    assert_clean(app)
    teams = {t.team_id: t for t in session_problem(app).teams}
    assert teams["mm-ae"].name == "SDR Team (mm-ae)"
    assert teams["se"].name == "Enterprise AEs (se)"
    assert teams["sdr"].name == "SDR Team"
    assert teams["demand-gen"].capacity_hours == 1500
    said = " ".join(i.value for i in app.info).replace("\\", "")
    assert "Teams, row 3: renamed 'SDR Team' → 'SDR Team (mm-ae)'" in said, said
    assert "2 names repeated" not in warning_text(app)
    assert not [b for b in app.button if b.label == RENAME]


def test_an_edit_refused_for_its_own_problem_offers_no_rename():
    """Data without repeated names: a refusal says nothing of names."""
    app = open_page("pages/data.py")
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": "-5"}})
    app.run()
    button(app, "Apply edits").click().run()
    assert_clean(app)
    assert "repeated" not in warning_text(app)
    assert not [b for b in app.button if b.label == RENAME]


def test_a_name_repeated_by_the_edit_itself_is_not_said_to_be_the_saved_data_s():
    """Team mm-ae renamed 'SDR Team' in this edit: the pair is said with its fix, not blamed
    on data saved before names had to differ."""
    app = open_page("pages/data.py")
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={1: {"name": "SDR Team"}})
    app.run()
    button(app, "Apply edits").click().run()
    assert_clean(app)
    said = warning_text(app)
    assert "Teams rows 2 and 3 are both 'SDR Team' (teams 'sdr' and 'mm-ae')" in said, said
    assert "saved before" not in said
