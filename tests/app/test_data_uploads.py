"""The Data page's upload, as a careless leader uses it: the wrong table chosen."""

from __future__ import annotations

from app_pages import assert_clean, grid_edit, open_routed
from app_server import ROOT


def test_teams_imported_as_projects_is_one_problem_saying_which_table_it_is():
    """A teams file whose name the page cannot place, imported with "This file is the table"
    set to Projects: the page listed nine problems (three columns missing, six unknown,
    "Did you mean 'depends_on'?"); it now says in one line that these are the teams
    table's columns and which choice to make, and the data stays as it was."""
    app = open_routed("pages/data.py")
    before = app.session_state["problem"]
    teams = (ROOT / "data" / "sample" / "teams.csv").read_bytes()
    # The page recognises it as teams; the leader sets the box to another table by mistake.
    app.file_uploader[0].set_value(("Q3 teams (final).csv", teams, "text/csv")).run()
    (box,) = [s for s in app.selectbox if s.label == "This file is the table"]
    box.set_value("projects.csv").run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert app.session_state["problem"] is before
    assert "not imported" in app.error[0].value
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    assert len(issues) == 1
    (row,) = issues.to_dict("records")
    assert "its columns are those of teams.csv" in row["problem"]
    assert "Choose Teams (teams.csv) in 'This file is the table'" in row["fix"]


def test_the_calendar_tab_says_how_to_write_a_team_that_starts_later():
    """A RevOps lead adding a team that starts in week 6 read "A week without a row gets
    capacity_hours / weeks", a formula, and nothing on how to write a late start. The
    Calendar tab now gives that case and says the rest in words."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    (said,) = [c.value for c in app.caption if c.value.startswith("A team's hours in one week")]
    assert "a team that starts in week 6 (a row for weeks 1-5 with 0 hours)" in said
    assert "capacity_hours / weeks" not in said


def test_the_projects_tab_names_the_week_and_range_columns():
    """The Projects tab's help listed effort, value, skills and dependencies but not the
    columns a RevOps lead looks for to time a project or give its impact a range; it now
    names duration_weeks, earliest_week, due_week, value_low and value_high."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    (said,) = [c.value for c in app.caption if c.value.startswith("Proposed projects")]
    for column in ("duration_weeks", "earliest_week", "due_week", "value_low", "value_high"):
        assert column in said


def _import_teams(app, name: str, hours: str):
    teams = (ROOT / "data" / "sample" / "teams.csv").read_text(encoding="utf-8")
    edited = teams.replace("sdr,SDR Team,sales,1000", f"sdr,SDR Team,sales,{hours}")
    app.file_uploader[0].set_value((name, edited.encode(), "text/csv")).run()
    return next(b for b in app.button if b.label.startswith("Import")).click().run()


def test_a_table_uploaded_twice_is_named_once_where_the_files_came_from():
    """teams.csv uploaded, then a corrected teams.csv: the sidebar and the kept work's offer
    read "Files loaded from the bundled sample quarter, teams.csv from uploaded teams.csv,
    teams.csv from uploaded teams.csv", the table the second replaced still named. The
    latest upload of a table replaces the earlier's mention; another table's stays."""
    app = _import_teams(open_routed("pages/data.py"), "teams.csv", "911")
    app = _import_teams(app, "teams (fixed).csv", "822")
    assert_clean(app)
    assert app.session_state["problem"].teams[0].capacity_hours == 822
    source = app.session_state["source"]
    assert source == "the bundled sample quarter, teams.csv from uploaded teams (fixed).csv"


def test_an_upload_named_with_edited_is_named_whole_and_an_edit_still_said():
    """Where the files came from was read back by searching its own words: a teams file
    named "teams, edited.csv" uploaded again as "teams (fixed).csv" read "the bundled
    sample quarter, edited.csv, teams.csv from uploaded teams (fixed).csv" (the earlier
    name cut at its ", edited"), and an edit applied after it went unsaid (the name's
    "edited" read as the edit). The uploads are kept as a list, each table's latest
    named whole."""
    app = _import_teams(open_routed("pages/data.py"), "teams, edited.csv", "911")
    assert_clean(app)
    first = "the bundled sample quarter, teams.csv from uploaded teams, edited.csv"
    assert app.session_state["source"] == first
    app = _import_teams(app, "teams (fixed).csv", "822")
    assert_clean(app)
    again = "the bundled sample quarter, teams.csv from uploaded teams (fixed).csv"
    assert app.session_state["source"] == again
    app = _import_teams(app, "teams, edited.csv", "733")
    assert app.session_state["source"] == first
    app.session_state[f"edit-teams.csv-{app.session_state['revision']}"] = grid_edit(
        edited={0: {"capacity_hours": "700"}}
    )
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert app.session_state["problem"].teams[0].capacity_hours == 700
    assert app.session_state["source"] == f"{first}, edited"


def test_a_csv_whose_header_says_nothing_is_taken_for_the_table_its_name_names():
    """An empty goals.csv and a rules.csv saved as UTF-16 (its header unreadable): "This
    file is the table" fell back to Teams, and the import said "teams.csv: the file is
    empty. Put the column names on row 1: team_id,name,department,..." of the leader's goals
    file. With no header to go by, the file's name decides: the problem names goals.csv
    and its columns, and the data stays as it was."""
    app = open_routed("pages/data.py")
    before = app.session_state["problem"]
    app.file_uploader[0].set_value(("goals.csv", b"", "text/csv")).run()
    (box,) = [s for s in app.selectbox if s.label == "This file is the table"]
    assert box.value == "goals.csv"
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert app.session_state["problem"] is before
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    (row,) = issues.to_dict("records")
    assert row["file"] == "goals.csv"
    assert "goal_id,name,kpi,target" in row["fix"]
    assert "team_id" not in row["fix"]


def test_an_upload_with_tbd_for_a_team_id_is_refused_at_its_cell_as_validate_does():
    """'TBD' for a team's id (no id yet) was read as a team 'TBD', and every estimate of the
    team it replaced asked "did you rename 'sdr' to 'TBD'?". The upload refuses it at its
    cell with what `planner validate` says, and the data stays as it was."""
    app = open_routed("pages/data.py")
    before = app.session_state["problem"]
    teams = (ROOT / "data" / "sample" / "teams.csv").read_text(encoding="utf-8")
    edited = teams.replace("sdr,SDR Team,", "TBD,SDR Team,")
    app.file_uploader[0].set_value(("teams.csv", edited.encode(), "text/csv")).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert app.session_state["problem"] is before
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    said = [r for r in issues.to_dict("records") if "'TBD' is no team_id" in r["problem"]]
    assert said and "Give the team a real id" in said[0]["fix"], issues.to_dict("records")
