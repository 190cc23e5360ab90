"""The Data page through AppTest: a broken upload is reported and changes nothing, a
valid one (CSV or workbook) replaces its table, an edit applies or is kept as a draft,
the exported data folder imports back unchanged.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pandas as pd
from app_pages import (
    PINS,
    assert_clean,
    delete_and_apply,
    grid_edit,
    open_tab,
    session_problem,
)
from app_sessions import load_chart_frame, open_page
from builders import macro_enabled

from planner.core.loading import GOALS, data_workbook, folder_zip, load_with_warnings
from planner.core.shown_figures import percent
from planner.core.workbook import XLSX_MIME
from planner.scenarios.metrics import result_metrics

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the app's pages/ sit next to app.py, outside the package
    sys.path.insert(0, str(ROOT))
from pages.common import fingerprint  # noqa: E402
from pages.data_refusal import EDITED_SINCE, LAST_APPLY  # noqa: E402
from pages.ui import md  # noqa: E402

BROKEN_TEAMS = (
    b"team_id,name,department,capacity_hours\nsdr,SDR Team,sales,lots\nbrand,Brand,finance,700\n"
)


def test_a_broken_csv_upload_is_reported_and_changes_nothing():
    """Bad cells are listed with file, row, column and fix; the session's data stays."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.file_uploader[0].set_value(("teams.csv", BROKEN_TEAMS, "text/csv")).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert session_problem(app) is before
    assert "not imported" in app.error[0].value
    assert "Row column" not in app.error[0].value  # its rows are the file's, not the grids'
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    assert {"file", "row", "column", "problem", "fix"} <= set(issues.columns)
    cells = set(zip(issues["file"], issues["row"], issues["column"], strict=True))
    assert ("teams.csv", "2", "capacity_hours") in cells
    assert ("teams.csv", "3", "department") in cells


def test_a_two_team_upload_shows_its_own_problems_first_and_the_rest_once_per_kind():
    """A leader replaces teams.csv with two teams: 36 rows of the other tables name teams it
    no longer has. The page led with all of them, one per line; it now leads with the new
    table's own problem, tells the rest once per file, and keeps every line a click away."""
    two_teams = (
        b"team_id,name,department,capacity_hours,skills\n"
        b"t1,Team One,sales,100,negotiation:3\nt2,Team Two,marketing,-5,seo:3\n"
    )
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.file_uploader[0].set_value(("teams.csv", two_teams, "text/csv")).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert session_problem(app) is before
    (error,) = app.error
    said = error.value.replace("\\", "")  # as it reads: the file names are escaped (md)
    assert "1 problem in the new teams.csv itself" in said
    assert "36 rows of the other tables do not match it" in said
    first, grouped, every = (df.value for df in app.dataframe if "fix" in df.value.columns)
    assert first.to_dict("records")[0]["file"] == "teams.csv" and len(first) == 1
    assert list(grouped["file"]) == ["estimates.csv", "rules.csv", "calendar.csv"]
    assert list(grouped["row"]) == ["2-16 (15 rows)", "2-7 (6 rows)", "2-16 (15 rows)"]
    assert grouped["problem"].iloc[0].startswith("15 rows like row 2: the team 'brand'")
    assert len(every) == 37


def test_after_an_upload_every_page_says_it_is_built_on_the_uploaded_file():
    """A leader who imports a team's lost week (calendar.csv) reads what the plan is built
    on above every page; it said "Built on the upload calendar.csv", which reads as a
    typo for the file they just gave it."""
    calendar = (ROOT / "data" / "sample" / "calendar.csv").read_bytes()
    app = open_page("pages/data.py")
    week_off = calendar.rstrip(b"\n") + b"\ndemand-gen,5,0\n"
    app.file_uploader[0].set_value(("calendar.csv", week_off, "text/csv")).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    basis = [c.value for c in app.caption if c.value.startswith("Built on ")]
    assert basis and basis[0].startswith("Built on the uploaded calendar"), basis  # markdown
    assert not any("the upload " in c.value for c in app.caption)


def test_a_workbook_without_its_teams_sheet_is_a_problem_of_the_workbook_with_no_row():
    """A leader's workbook lacks its teams sheet: the table names the workbook and the sheet
    to add (not a teams.csv they never had), and the row cell is empty, not "None"."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "projects"
    book.active.append(["project_id", "stage", "effort_hours"])
    book.active.append(["ads", "awareness", 40])
    data = io.BytesIO()
    book.save(data)
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.file_uploader[0].set_value(("quarter.xlsx", data.getvalue(), XLSX_MIME)).run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert session_problem(app) is before
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    rows = issues.to_dict("records")
    assert {"file": "quarter.xlsx", "row": "", "column": ""}.items() <= rows[0].items()
    assert rows[0]["problem"] == "the teams sheet is missing."
    assert not issues["row"].isna().any()


def test_a_valid_csv_upload_replaces_one_table(sample):
    """A teams.csv with one team fewer replaces the teams and keeps the other tables."""
    app = open_page("pages/data.py")
    teams = load_with_warnings(ROOT / "data" / "sample").problem
    frame = pd.read_csv(ROOT / "data" / "sample" / "teams.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["team_id"] == "sdr", "capacity_hours"] = "900"
    app.file_uploader[0].set_value(("teams.csv", frame.to_csv(index=False).encode(), "text/csv"))
    app.run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    problem = session_problem(app)
    assert str(problem.team("sdr").capacity_hours) == "900"
    assert problem.projects == teams.projects


def test_an_import_says_what_it_imported_and_how_the_headline_moved_until_the_next_change(
    sample,
):
    """A leader imports a projects.csv with two projects more: a toast and the "Built on"
    line were all that said what happened. A lasting line now counts the projects and says
    how goal attainment moved, in the figures the Overview prints, across a visit to
    another page, until the next change replaces it."""
    app = open_page("pages/data.py")
    before = app.session_state["plan_in_force"].result
    projects = (ROOT / "data" / "sample" / "projects.csv").read_text(encoding="utf-8")
    extra = "".join(
        f"NEW-{i},New webinar {i},pipeline,nurturing,10,50000,,,,,,,,,,\n" for i in (1, 2)
    )
    app.file_uploader[0].set_value(("projects.csv", (projects + extra).encode(), "text/csv"))
    app.run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    after = app.session_state["plan_in_force"].result
    was = result_metrics(sample, before).attainment_pct
    now = result_metrics(session_problem(app), after).attainment_pct
    expected = (
        f"Imported projects.csv: 51 → 53 projects; goal attainment {percent(was)} → {percent(now)}"
    )
    (said,) = [s.value for s in app.success]
    assert said.startswith(md(expected)), said
    app.switch_page("pages/plan.py").run()
    app.switch_page("pages/data.py").run()
    assert [s.value for s in app.success] == [said]
    app.session_state["edit-teams.csv-1"] = grid_edit(edited={0: {"capacity_hours": 500.0}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert not [s.value for s in app.success if "Imported" in s.value]


def test_exported_inputs_reimport_unchanged(sample):
    """The Export page's zip (folder_zip) uploaded on the Data page gives the same inputs."""
    app = open_page("pages/export.py")
    labels = [b.label for b in app.get("download_button")]
    assert labels == [
        "Download plan.csv",
        "Download plan.xlsx",
        "Download the inputs (zip)",
        "Download the inputs (Excel)",
    ]
    exported = folder_zip(session_problem(app))
    app.switch_page("pages/data.py").run()
    app.file_uploader[0].set_value(("goal-planner-data.zip", exported, "application/zip"))
    app.run()
    next(b for b in app.button if b.label == "Import the data folder").click().run()
    assert_clean(app)
    assert not app.error
    reimported = session_problem(app)
    assert reimported == sample
    assert fingerprint(reimported) == fingerprint(sample)


def test_a_data_edit_applies_and_stays_across_pages():
    """Edit a capacity, Apply: the problem changes, and the Plan page plans with it."""
    app = open_page("pages/data.py")
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": 500.0}})
    app.run()
    assert any("Unapplied edits" in m for m in app.markdown.values)
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    first = session_problem(app).teams[0]
    assert first.capacity_hours == 500
    app.switch_page("pages/plan.py").run()
    assert_clean(app)
    assert session_problem(app).teams[0].capacity_hours == 500
    load = load_chart_frame(app)
    assert load.loc[first.team_id, "capacity_hours"] == 500


def test_deleting_a_team_deletes_its_calendar_rows_and_rules_and_says_so():
    """Deleting a team on the Data page left its calendar rows, estimates and rules
    behind, and Apply failed on rows naming a team that no longer exists. They go with
    it now, and the page says what went.
    """
    app = open_page("pages/data.py")
    before = session_problem(app)
    index = [t.team_id for t in before.teams].index("sdr")
    delete_and_apply(app, "teams.csv", index)
    assert_clean(app)
    after = session_problem(app)
    assert "sdr" not in after.team_index and len(after.teams) == len(before.teams) - 1
    assert all(c.team_id != "sdr" for c in after.calendar)
    assert all(r.team_id != "sdr" for r in after.rules)
    assert all(e.team_id != "sdr" for e in after.estimates)
    assert not app.error
    said = " ".join(i.value for i in app.info)
    assert "Deleted team SDR Team" in said and "1 calendar row" in said, said


def test_an_invalid_edit_is_reported_and_kept_as_a_draft():
    """A negative capacity is listed with its row; the data and the draft both stay."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={1: {"capacity_hours": -5.0}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app) is before
    assert "not applied" in app.error[0].value
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    # The column as the grid heads it and as teams.csv names it.
    own_hours = "Own hours in the quarter (capacity_hours)"
    assert (issues["row"] == "3").any() and (issues["column"] == own_hours).any()
    assert any("Unapplied edits" in m for m in app.markdown.values)


def test_unapplied_edits_survive_a_visit_to_another_page():
    """A draft edit is still there, unapplied, after looking at the Plan page."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={2: {"capacity_hours": "321"}})
    app.run()
    app.switch_page("pages/plan.py").run()
    app.switch_page("pages/data.py").run()
    assert_clean(app)
    assert session_problem(app) is before
    assert any("Unapplied edits" in m for m in app.markdown.values)
    teams = next(e for e in app.data_editor if e.key == "edit-teams.csv-0").value
    assert teams.loc[4, "capacity_hours"] == "321"  # the third row: row 4, as in the file


def test_a_csv_upload_is_recognised_by_its_header_not_its_name(sample):
    """ "Q3 final (2).csv" with a goals header is offered as the goals table."""
    app = open_page("pages/data.py")
    goals = pd.read_csv(ROOT / "data" / "sample" / "goals.csv", dtype=str, keep_default_na=False)
    goals.loc[goals["goal_id"] == "mqls", "target"] = "2700"
    app.file_uploader[0].set_value(
        ("Q3 final (2).csv", goals.to_csv(index=False).encode(), "text/csv")
    )
    app.run()
    assert app.selectbox[0].value == GOALS
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert str(session_problem(app).goal_index["mqls"].target) == "2700"


def test_an_excel_workbook_upload_replaces_the_data(sample):
    """The Export page's workbook uploaded on the Data page gives the same inputs back."""
    app = open_page("pages/data.py")
    first = dataclasses.replace(sample.teams[0], capacity_hours=sample.teams[0].capacity_hours + 1)
    edited = sample.replace(teams=(first, *sample.teams[1:]))
    app.file_uploader[0].set_value(("quarter.xlsx", data_workbook(edited), XLSX_MIME))
    app.run()
    next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    assert not app.error
    assert session_problem(app) == edited


def test_a_macro_enabled_workbook_upload_replaces_the_data(sample):
    """An .xlsm (Excel with macros) was not offered by the uploader and, given, was read
    as one CSV table. It is taken as a whole data folder, as an .xlsx; macros never run."""
    app = open_page("pages/data.py")
    assert "xlsm" in app.file_uploader[0].proto.type or ".xlsm" in app.file_uploader[0].proto.type
    first = dataclasses.replace(sample.teams[0], capacity_hours=sample.teams[0].capacity_hours + 1)
    edited = sample.replace(teams=(first, *sample.teams[1:]))
    book = macro_enabled(data_workbook(edited))
    app.file_uploader[0].set_value(("quarter.xlsm", book, "application/vnd.ms-excel"))
    app.run()
    assert not app.selectbox, "a workbook is every table, not one to choose"
    next(b for b in app.button if b.label == "Import the data folder").click().run()
    assert_clean(app)
    assert not app.error
    assert session_problem(app) == edited


def test_the_data_tables_show_an_empty_cell_as_empty_not_none():
    """An empty max_projects or duration_weeks means the default, as in the CSV; the grid
    draws a missing value as "None" unless told otherwise, which a leader reads as a value.
    The figures are text (what is typed reaches the loader): empty is the CSV's empty cell."""
    app = open_page("pages/data.py")
    assert_clean(app)
    editors = [d for d in app.dataframe if "team_id" in d.value.columns or "stage" in d.value]
    teams = next(d.value for d in editors if "max_projects" in d.value.columns)
    assert (teams["max_projects"] == "").any() and not teams["max_projects"].isna().any()
    assert all(d.proto.HasField("placeholder") and d.proto.placeholder == "" for d in editors)


def test_deleting_a_pinned_project_deletes_its_pin_and_says_so():
    """Deleting a pinned project on the Data page was refused ("the project 'AW-02' is not
    in projects.csv", on a rules row the leader never touched), and the pin stayed on the
    Constraints page. The pin and the project's estimates go with it, and the page says so.
    """
    app = open_page("pages/data.py")
    before = session_problem(app)
    pinned = before.rules[0].project_id
    index = [p.project_id for p in before.projects].index(pinned)
    delete_and_apply(app, "projects.csv", index)
    assert_clean(app)
    assert not app.error
    after = session_problem(app)
    assert pinned not in after.project_index
    assert all(r.project_id != pinned for r in after.rules)
    said = " ".join(i.value for i in app.info)
    assert md(f"Deleted project {before.project(pinned).name} ({pinned})") in said, said
    open_tab(app.switch_page("pages/constraints.py").run(), PINS)
    assert_clean(app)
    rules = next(e for e in app.data_editor if e.key and e.key.startswith("rules-")).value
    assert pinned not in set(rules["project_id"])


def test_a_data_draft_never_undoes_a_pin_applied_on_the_constraints_page():
    """A rules edit left unapplied on the Data page, then a pin applied on the Constraints
    page: back on the Data page the Rules table showed the old draft without the new pin,
    and Apply dropped the pin without a word (the two pages disagreed). The stale draft is
    set aside, said, and the table shows the pin."""
    app = open_page("pages/data.py")
    app.session_state["edit-rules.csv-0"] = grid_edit(deleted=[len(session_problem(app).rules) - 1])
    app.run()
    assert any("Unapplied edits" in m for m in app.markdown.values)
    open_tab(app.switch_page("pages/constraints.py").run(), PINS)
    key = next(e.key for e in app.data_editor if e.key and e.key.startswith("rules-"))
    added = {"project_id": "CL-01", "team_id": "ent-ae", "rule": "pin"}
    app.session_state[key] = grid_edit(added=[added])
    app.run()
    next(b for b in app.button if b.label == "Apply pins and forbids").click().run()
    pinned = ("CL-01", "ent-ae")  # a team that may own it: another is refused
    assert pinned in {(r.project_id, r.team_id) for r in session_problem(app).rules}
    app.switch_page("pages/data.py").run()
    assert_clean(app)
    assert any("unapplied edits to Rules were set aside" in w.value for w in app.warning)
    shown = next(e for e in app.data_editor if e.key == "edit-rules.csv-0").value
    assert pinned in set(zip(shown["project_id"], shown["team_id"], strict=True))
    assert next(b for b in app.button if b.label == "Apply edits").disabled
    app.switch_page("pages/plan.py").run()
    assert pinned in {(r.project_id, r.team_id) for r in session_problem(app).rules}


def _in_order(node) -> list:
    """The elements under ``node`` in the order the page draws them."""
    children = getattr(node, "children", None)
    if not children:
        return [node]
    return [e for key in sorted(children) for e in _in_order(children[key])]


def test_edits_refused_are_said_by_the_apply_button_too():
    """A RevOps lead typed -5 hours for a team and pressed Apply, under the grid: the
    refusal was drawn above the tables, out of view (196 px above a 1024 x 768 window),
    and the page read as if Apply had done nothing. The refusal is said by the button too,
    its first problem whole (table, row, column, fix), the data as it was."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": -5.0}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app) == before
    drawn = _in_order(app.main)
    (here,) = [e for e in app.error if e.value.startswith("**Not applied:**")]
    said = here.value.replace("\\", "")
    assert "Teams (teams.csv), row 2, Own hours in the quarter (capacity_hours):" in said, said
    assert "must be at least 0" in said and "Write a number such as" in said, said
    grids = [i for i, e in enumerate(drawn) if e.type == "dataframe"]
    assert grids and drawn.index(here) > max(grids)  # under the tables, by Apply
    # Applied once fixed, the line goes with the refusal.
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": 500.0}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert not [e for e in app.error if "Not applied" in e.value]


def _refused_now(app) -> list[str]:
    """The refusal's words as of the tables now: by Apply, and the headline of the list."""
    return [
        e.value
        for e in app.error
        if e.value.startswith("**Not applied:**") or "Your edits were not applied" in e.value
    ]


def test_a_refusal_is_said_as_the_last_apply_s_once_the_tables_change():
    """Apply refused a team's -5 hours ("Not applied: Teams (teams.csv), row 2 ..."); the
    RevOps lead fixed that row, or deleted it, and the refusal stayed by the button, as of
    the tables now, until the next Apply. Once a grid changes it says it was the last
    Apply's, and asks for another; with the grids as refused it stays as it was."""
    for fix in (grid_edit(edited={0: {"capacity_hours": 500.0}}), grid_edit(deleted=[0])):
        app = open_page("pages/data.py")
        app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": -5.0}})
        app.run()
        next(b for b in app.button if b.label == "Apply edits").click().run()
        assert len(_refused_now(app)) == 2
        app.run()  # nothing changed: the refusal is the tables' still
        assert len(_refused_now(app)) == 2
        app.session_state["edit-teams.csv-0"] = fix
        app.run()
        assert_clean(app)
        assert _refused_now(app) == []
        (then,) = [e.value for e in app.error if "problem" in e.value]
        assert then.startswith(f"**{md(LAST_APPLY)}**"), then
        (note,) = [i.value for i in app.info if i.value == md(EDITED_SINCE)]
        assert next(b for b in app.button if b.label == "Apply edits").disabled is False, note


def test_a_rules_row_repeating_another_is_said_as_counted_once_not_left_to_delete():
    """A rule added again on the Data page (Pipeline generation blitz forbidden to SDR Team,
    already row 5) and applied: the Rules table came back with six rows, and a warning
    stayed under the page's data, "rules.csv row 8: the same rule is already on row 5.
    Delete one of the two rows.", of a row no longer there. It is said with what the edit
    did, as done: the rule counts once."""
    app = open_page("pages/data.py")
    rules = session_problem(app).rules
    added = [{"project_id": "QU-06", "team_id": "sdr", "rule": "forbid"}]
    app.session_state["edit-rules.csv-0"] = grid_edit(added=added)
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app).rules == rules
    assert not [e.label for e in app.expander if "warning" in e.label]
    (said,) = [i.value.replace("\\", "") for i in app.info if "With your edits" in i.value]
    assert (
        "Rules, row 8: the same rule is already on row 5. It counts once, as the table now "
        "shows." in said
    ), said


def test_a_refused_row_is_named_by_the_number_its_grid_shows():
    """A RevOps lead read "estimates.csv, row 3" under the tables and found no row numbers
    in the grids, nor whether the count began at 1 or 2; with a row deleted above it, the
    loader's count no longer matched the table's either. Each grid numbers its rows as the
    file and a spreadsheet do (the first row is row 2), and a refusal names that number,
    the rows deleted above it kept out of the count."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    editor = next(e for e in app.data_editor if e.key == "edit-estimates.csv-0")
    assert list(editor.value.index[:3]) == [2, 3, 4]
    assert json.loads(editor.proto.columns)["_index"]["label"] == "Row"
    # The grid's third row (row 4) made negative, its first (row 2) deleted.
    app.session_state["edit-estimates.csv-0"] = grid_edit(
        edited={2: {"effort_hours": -5.0}}, deleted=[0]
    )
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app) is before
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    assert list(issues["row"]) == ["4"], issues
    (listed,) = [e.value for e in app.error if "Your edits were not applied" in e.value]
    assert "The tables below show each row's number in their Row column." in listed
    (here,) = [e for e in app.error if e.value.startswith("**Not applied:**")]
    said = here.value.replace("\\", "")  # as it reads: escaped for Markdown (md)
    assert "(estimates.csv), row 4, Effort (hours)" in said, said


def test_discard_edits_says_what_it_drops_and_that_it_did():
    """ "Discard" under the grids did not say what it dropped (the applied edits too? the
    upload?) and, pressed, changed the tables without a word. It is "Discard edits", its
    help says applied edits and uploads stay, and it says it discarded them."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": "321"}})
    app.run()
    (discard,) = [b for b in app.button if b.label.startswith("Discard")]
    assert discard.label == "Discard edits" and not discard.disabled
    assert "Edits already applied, and uploads, stay." in discard.help, discard.help
    discard.click().run()
    assert_clean(app)
    assert session_problem(app) == before
    assert [t.value for t in app.toast] == [
        "Unapplied edits discarded: the tables show the data the plan uses."
    ]
    assert any(m.startswith("No unapplied edits") for m in app.markdown.values)


def test_a_zip_without_settings_says_the_settings_in_force_stay(sample):
    """A RevOps lead uploaded next quarter's folder, zipped without settings.toml: the
    session's settings (its weeks, stage policy, capacity what-ifs, weights) stayed, and
    the import line said only the tables' counts. It says the settings in force stay; a
    zip with its own settings says nothing of the kind."""
    import io
    import zipfile

    whole = folder_zip(sample)
    with zipfile.ZipFile(io.BytesIO(whole)) as src:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for name in src.namelist():
                if not name.endswith("settings.toml"):
                    dst.writestr(name, src.read(name))
    for data, says in ((out.getvalue(), True), (whole, False)):
        app = open_page("pages/data.py")
        app.file_uploader[0].set_value(("next.zip", data, "application/zip")).run()
        next(b for b in app.button if b.label.startswith("Import")).click().run()
        assert_clean(app)
        (said,) = [s.value.replace("\\", "") for s in app.success]
        assert said.startswith("Imported next.zip"), said
        assert (
            "next.zip has no settings of its own: the settings in force stay (the quarter's "
            "weeks, the stage policy, capacity and weights, the time limit)." in said
        ) is says, said


def test_own_hours_the_calendar_replaces_are_said_beside_the_plan_that_did_not_move():
    """Content's own hours raised from 900 h to 1,200 h: the page read "Content capacity
    900 h → 1,200 h: no project changes", while its Calendar rows give every week its hours
    and the plan used 944 h before and after. It says so, where the edit was made."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    index = [t.team_id for t in before.teams].index("content")
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={index: {"capacity_hours": "1200"}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    after = session_problem(app)
    assert after.quarter_hours("content") == before.quarter_hours("content")
    said = [w.value.replace("\\", "") for w in app.warning]
    assert any(
        "Content: its own hours are now 1,200 h, but the Calendar tab gives every one of its "
        "13 weeks its hours" in w
        for w in said
    ), said


def test_renaming_a_team_to_another_team_s_name_is_refused_naming_both_rows():
    """Team 'mm-ae' renamed "sdr team " (team 'sdr' is "SDR Team") was applied without a
    word, and the two teams read the same on every page, chart and export."""
    app = open_page("pages/data.py")
    before = session_problem(app)
    index = [t.team_id for t in before.teams].index("mm-ae")
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={index: {"name": "sdr team "}})
    app.run()
    next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    assert session_problem(app) is before
    assert "not applied" in app.error[0].value
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    (said,) = [r for _, r in issues.iterrows() if "(team 'sdr', row 2)" in r["problem"]]
    assert (said["file"], said["row"], said["column"]) == ("teams.csv", str(index + 2), "Name")
    assert f"(row {index + 2})" in said["problem"] and "differ only in case" in said["problem"]
    assert said["fix"].startswith("Rename one of them")
