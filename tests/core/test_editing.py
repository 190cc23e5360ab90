"""The data tables as the app's editors show them, without Streamlit."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from planner.core.capacity import quarter_hours_shown
from planner.core.edit_followups import (
    follow_goal_edits,
    follow_project_edits,
    follow_team_edits,
    overridden_edits,
)
from planner.core.editing import (
    BOOL_COLUMNS,
    NUMBER_COLUMNS,
    WHOLE_COLUMNS,
    cells_as_text,
    column_specs,
    editable_frames,
    guessed_table,
    imported,
    rebuilt,
    templates_zip,
)
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.core.shown_figures import hours
from planner.core.tables import (
    CALENDAR,
    COLUMNS,
    ESTIMATES,
    GOALS,
    PROJECTS,
    RAW_FILES,
    RULES,
    TEAMS,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample():
    """The bundled sample quarter."""
    return load_with_warnings(SAMPLE).problem


def test_every_column_of_every_file_has_an_editor_schema(sample):
    """A column the loader reads but the editor does not describe would edit as bare text."""
    for file in RAW_FILES:
        assert tuple(column_specs(file, sample)) == COLUMNS[file]


def test_pick_lists_come_from_the_current_data(sample):
    """A goal or stage picked in the editor is one the data has, so a pick is always valid."""
    projects = column_specs("projects.csv", sample)
    assert projects["stage"].options == sample.settings.stages.order
    assert projects["goal_id"].options == tuple(g.goal_id for g in sample.goals)
    assert projects["mandatory"].kind == "bool"


def test_typed_columns_follow_the_schema():
    """Numbers edit as numbers, counts as whole numbers, flags as check boxes."""
    assert NUMBER_COLUMNS[TEAMS] == ("capacity_hours",)
    assert WHOLE_COLUMNS == {
        TEAMS: ("max_projects",),
        "projects.csv": ("duration_weeks", "earliest_week", "due_week"),
    }
    assert BOOL_COLUMNS == {"projects.csv": ("mandatory", "joint")}


def test_untouched_editor_tables_rebuild_the_same_problem(sample):
    """Opening the Data page and applying without an edit must change nothing. Its figures
    are grouped as every other page groups them ("1,400", where the grids alone wrote
    "1400"), and read back as the figures they are."""
    frames = editable_frames(sample)
    assert frames[TEAMS]["capacity_hours"].tolist()[:2] == ["1,000", "1,400"]
    assert "100,000" in frames[GOALS]["target"].tolist()
    again, _ = rebuilt(sample, frames)
    assert again == sample


def test_a_grouped_figure_edited_in_a_grid_is_read_and_written_back_plain(sample):
    """A leader edits "1,400" to "1,500" as the grid shows it: the team has 1500 h, and the
    data folder written from it holds the plain figure a data file holds."""
    from planner.core.writing import folder_zip

    teams = editable_frames(sample)[TEAMS].copy()
    teams.loc[1, "capacity_hours"] = "1,500"
    edited, _ = rebuilt(sample, {TEAMS: teams})
    assert edited.teams[1].capacity_hours == 1500
    with zipfile.ZipFile(io.BytesIO(folder_zip(edited))) as archive:
        written = archive.read(TEAMS).decode()
    assert ",1500," in written and "1,500" not in written, written
    assert editable_frames(edited)[TEAMS]["capacity_hours"].tolist()[1] == "1,500"


def test_a_csv_uploaded_for_one_table_is_read_as_a_file_with_no_thousands_commas(sample):
    """The grids read the app's own grouping; a file never did (SPEC: plain decimals), and a
    CSV uploaded for one table is read as the file it is."""
    teams = editable_frames(sample)[TEAMS].copy()
    teams.loc[1, "capacity_hours"] = "1,500"
    data = teams.to_csv(index=False).encode()
    with pytest.raises(InvalidInputError) as caught:
        imported(sample, "teams.csv", data, TEAMS)
    (error,) = [e for e in caught.value.errors if e.row == 3]
    assert error.column == "capacity_hours", error
    assert "'1,500' is not a number (it has a thousands separator)" in error.message, error


def test_an_invalid_edit_is_reported_with_its_row_and_column(sample):
    """An edit goes through the loader's validator: the message names the cell to fix."""
    teams = editable_frames(sample)[TEAMS].copy()
    teams.loc[0, "department"] = "finance"
    with pytest.raises(InvalidInputError) as caught:
        rebuilt(sample, {TEAMS: teams})
    assert any(i.row == 2 and i.column == "department" for i in caught.value.errors)


def test_the_templates_zip_holds_every_file_with_its_headers():
    """A leader starting from scratch gets every file with the right columns."""
    with zipfile.ZipFile(io.BytesIO(templates_zip())) as archive:
        names = set(archive.namelist())
        assert {*RAW_FILES, "settings.toml"} <= names
        teams = pd.read_csv(io.BytesIO(archive.read(TEAMS)))
    assert tuple(teams.columns) == COLUMNS[TEAMS]


def test_deleting_a_team_takes_its_calendar_estimates_rules_and_what_if_with_it(sample):
    """A team deleted on the Data page left its calendar rows, estimates and rules behind,
    and Apply then failed on four rows naming a team that no longer exists. They go with
    it, its capacity what-if too, and a note says what went.
    """
    capacity = replace(sample.settings.capacity, multipliers={"sdr": 0.9})
    sample = sample.replace(settings=replace(sample.settings, capacity=capacity))
    frames = editable_frames(sample)
    teams = frames[TEAMS]
    edited = teams[teams["team_id"] != "sdr"]
    follow = follow_team_edits(sample, {TEAMS: edited})
    assert "sdr" not in follow.settings.capacity.multipliers
    for table in (CALENDAR, ESTIMATES, RULES):
        assert "sdr" not in set(follow.frames[table]["team_id"])
    (note,) = follow.notes
    assert note == (
        "Deleted team SDR Team (sdr): 1 calendar row, 2 estimates, 1 rule (forbid QU-06) "
        "and its capacity what-if (90 %) went with it."
    )
    problem, _ = rebuilt(sample.replace(settings=follow.settings), follow.frames)
    assert "sdr" not in problem.team_index
    assert len(problem.calendar) == len(sample.calendar) - 1


def test_renaming_a_team_in_place_keeps_its_rows_under_the_new_id(sample):
    """Changing a team's id in its row is a rename, not a deletion: its calendar, estimates
    and rules follow the new id, and nothing is lost.
    """
    frames = editable_frames(sample)
    teams = frames[TEAMS].copy()
    teams.loc[teams["team_id"] == "content", "team_id"] = "content-studio"
    follow = follow_team_edits(sample, {TEAMS: teams})
    assert follow.notes == (
        "Renamed team content to content-studio: 4 calendar rows and 1 estimate follow the new id.",
    )
    problem, _ = rebuilt(sample, follow.frames)
    assert len(problem.calendar) == len(sample.calendar)
    assert {c.team_id for c in problem.calendar} >= {"content-studio"}


def test_untouched_teams_leave_the_other_tables_alone(sample):
    """Editing a capacity is not a deletion: no table changes, no note."""
    frames = editable_frames(sample)
    teams = frames[TEAMS].copy()
    teams.loc[0, "capacity_hours"] = 1.0
    follow = follow_team_edits(sample, {TEAMS: teams})
    assert follow.notes == () and set(follow.frames) == {TEAMS}


def test_follow_on_problems_of_a_replaced_table_are_told_once_per_file_and_kind():
    """Dozens of "team 'x' is not in teams.csv" lines hide the one problem of the upload itself.

    The replaced table's problems stay as they are, first;
    the rest group by file, column and kind, naming the rows and a few values.
    """
    from planner.core.errors import InputIssue, follow_on_groups

    fix = "Use a team_id from teams.csv."
    errors = [
        InputIssue("estimates.csv", r, "team_id", f"the team '{t}' is not in teams.csv.", fix)
        for r, t in [
            (2, "brand"),
            (3, "sdr"),
            (4, "brand"),
            (5, "cs"),
            (6, "se"),
            (7, "a"),
            (8, "b"),
        ]
    ]
    errors += [
        InputIssue("teams.csv", 3, "capacity_hours", "must be at least 0.", "Write 480."),
        InputIssue("rules.csv", 4, "team_id", "the team 'pmm' is not in teams.csv.", fix),
        InputIssue("rules.csv", 9, "team_id", "the team 'cs' is not in teams.csv.", fix),
        InputIssue("goals.csv", None, None, "the file is empty.", "Add a header."),
    ]
    roots, groups = follow_on_groups(errors, ["teams.csv"])
    assert [i.file for i in roots] == ["teams.csv"]
    estimates, rules, goals = groups
    assert (goals.file, goals.rows_text, goals.message) == ("goals.csv", "", "the file is empty.")
    assert estimates.rows_text == "2-8 (7 rows)"
    assert estimates.message == (
        "7 rows like row 2: the team 'brand' is not in teams.csv "
        "(also 'sdr', 'cs', 'se', 'a' and 1 more)."
    )
    assert rules.rows_text == "4, 9" and rules.fix == fix


def test_pick_lists_of_ids_show_each_name_beside_its_id():
    """The pins and forbids editor showed P0010 / M141: ids a leader cannot place. The pick
    lists of projects, teams and goals label each id with its name; the cell keeps the id.
    (The pins and forbids show the names alone: the test below the width test.)"""
    from planner.core.editing import column_specs

    problem = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    calendar = column_specs(CALENDAR, problem)
    assert calendar["team_id"].labels is not None
    assert calendar["team_id"].labels["sdr"] == "SDR Team (sdr)"
    estimates = column_specs(ESTIMATES, problem)
    assert estimates["project_id"].labels is not None
    assert estimates["project_id"].labels["AW-01"].endswith("(AW-01)")
    rules = column_specs(RULES, problem)
    assert rules["project_id"].labels is not None
    assert set(rules["project_id"].labels) == set(rules["project_id"].options)
    assert rules["team_id"].labels is not None and rules["team_id"].labels["sdr"] == "SDR Team"


def _without(archive: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.namelist():
            if item != name:
                dst.writestr(item, src.read(item))
    return out.getvalue()


def test_an_upload_keeps_the_sessions_settings_unless_it_brings_its_own(sample):
    """A leader who set marketing to 80 % and uploads a zip or a workbook of data keeps the
    what-if, unless the upload has its own settings.toml or settings sheet; a CSV replaces
    its table alone. One rule for the Data page, in the core where a test can read it."""
    import openpyxl

    from planner.core.loading import data_workbook, folder_zip
    from planner.core.settings import CapacitySettings
    from planner.core.writing import problem_to_frames

    capacity = CapacitySettings(multipliers={"marketing": 0.8})
    session = sample.replace(settings=replace(sample.settings, capacity=capacity))
    archive = folder_zip(sample)  # the sample's own settings: no what-if
    bare = _without(archive, "settings.toml")
    assert imported(session, "q.zip", bare, TEAMS)[0].settings == session.settings
    assert imported(session, "q.zip", archive, TEAMS)[0].settings == sample.settings

    book = data_workbook(sample)
    assert imported(session, "q.xlsx", book, TEAMS)[0].settings == sample.settings
    opened = openpyxl.load_workbook(io.BytesIO(book))
    del opened["settings"]
    buffer = io.BytesIO()
    opened.save(buffer)
    assert imported(session, "Q.XLSX", buffer.getvalue(), TEAMS)[0].settings == session.settings

    teams = problem_to_frames(session)[TEAMS].head(len(session.teams))  # as a file holds it
    teams.loc[0, "name"] = "Renamed"
    csv = teams.to_csv(index=False).encode()
    after, _ = imported(session, "teams.csv", csv, TEAMS)
    assert after.teams[0].name == "Renamed" and after.settings == session.settings
    assert after.projects == session.projects

    with pytest.raises(InvalidInputError):
        imported(session, "teams.csv", b"team_id\n", TEAMS)


def test_an_edited_effort_or_value_an_estimate_overrides_is_named_with_its_team(sample):
    """AW-08's effort is Demand Gen's own 300 h (estimates.csv) whatever the project says;
    AW-01 has no estimate, so its edit counts as it is and needs no word."""
    projects = tuple(
        replace(p, effort_hours=p.effort_hours + 40) if p.project_id in ("AW-08", "AW-01") else p
        for p in sample.projects
    )
    (note,) = overridden_edits(sample, sample.replace(projects=projects))
    assert note.startswith("'Sponsored LinkedIn thought-leader ads': its effort is now ")
    owns = "(Demand Gen's 300 h, Teams' own estimates tab) still counts when that team owns it"
    assert owns in note
    assert overridden_edits(sample, sample) == ()


def test_deleting_a_project_takes_its_estimates_and_pins_with_it(sample):
    """A pinned project deleted on the Data page was refused on Apply: "the project 'AW-02'
    is not in projects.csv. Use a project_id from projects.csv", about a rule the leader
    never touched. Its estimates and pins and forbids go with it, as a team's do, and a
    note says what went; a project that another depends on still stops the Apply."""
    frames = editable_frames(sample)
    projects = frames[PROJECTS]
    pinned = next(r.project_id for r in sample.rules)
    edited, notes = follow_project_edits(
        sample, {PROJECTS: projects[projects["project_id"] != pinned]}
    )
    for table in (ESTIMATES, RULES):
        assert pinned not in set(edited.get(table, frames[table])["project_id"])
    (note,) = notes
    name = sample.project(pinned).name
    assert note.startswith(f"Deleted project {name} ({pinned}): ") and "went with it" in note
    assert "1 rule (pin " in note
    problem, _ = rebuilt(sample, edited)
    assert pinned not in problem.project_index
    assert len(problem.rules) == len(sample.rules) - 1
    needed = next(d for p in sample.projects for d in p.depends_on)
    edited, _ = follow_project_edits(sample, {PROJECTS: projects[projects["project_id"] != needed]})
    with pytest.raises(InvalidInputError) as raised:
        rebuilt(sample, edited)
    assert any(e.column == "depends_on" for e in raised.value.errors)


def test_renaming_a_project_in_place_keeps_its_rows_and_dependants_under_the_new_id(sample):
    """Changing a project's id in its row is a rename: its estimates, pins and forbids, and
    every depends_on naming it, follow the new id."""
    needed = next(d for p in sample.projects for d in p.depends_on)
    projects = editable_frames(sample)[PROJECTS].copy()
    projects.loc[projects["project_id"] == needed, "project_id"] = f"{needed}-new"
    edited, notes = follow_project_edits(sample, {PROJECTS: projects})
    assert notes[0].startswith(f"Renamed project {needed} to {needed}-new")
    problem, _ = rebuilt(sample, edited)
    assert needed not in problem.project_index
    assert any(f"{needed}-new" in p.depends_on for p in problem.projects)
    assert len(problem.estimates) == len(sample.estimates)
    assert len(problem.rules) == len(sample.rules)


def test_renaming_a_goal_id_takes_its_projects_with_it(sample):
    """A goal's id changed in place on the Data page ('visitors' to 'visitors2') was refused
    on Apply: "8 rows of the other tables do not match it", about projects the leader never
    touched, where a renamed team's or project's rows follow it. Its projects follow the new
    id, and a note says so; a goal deleted with its projects still naming it is refused."""
    frames = editable_frames(sample)
    goals = frames[GOALS].copy()
    old = goals.loc[0, "goal_id"]
    goals.loc[0, "goal_id"] = f"{old}2"
    count = sum(p.goal_id == old for p in sample.projects)
    edited, notes = follow_goal_edits(sample, {GOALS: goals})
    assert notes == (f"Renamed goal {old} to {old}2: {count} projects follow the new id.",)
    problem, _ = rebuilt(sample, edited)
    assert sum(p.goal_id == f"{old}2" for p in problem.projects) == count
    assert not any(p.goal_id == old for p in problem.projects)
    edited, notes = follow_goal_edits(sample, {GOALS: frames[GOALS].iloc[1:]})
    assert notes == ()
    with pytest.raises(InvalidInputError):
        rebuilt(sample, edited)


@pytest.mark.parametrize("chosen", ["projects.csv", "goals.csv", "calendar.csv"])
def test_a_table_uploaded_as_another_says_which_it_is_in_one_problem(chosen):
    """teams.csv imported as the projects table (the Data page's "This file is the table"
    left on the wrong one) read nine problems: three required columns missing and six
    "not one Goal Planner knows ... Did you mean 'depends_on'?", none saying the file was
    the teams table. One problem now says whose columns these are and what to choose."""
    problem = load_with_warnings(SAMPLE).problem
    data = (SAMPLE / "teams.csv").read_bytes()
    with pytest.raises(InvalidInputError) as caught:
        imported(problem, "Q3 teams (final).csv", data, chosen)
    (only,) = caught.value.issues
    assert only.file == chosen and only.row == 1
    assert "its columns are those of teams.csv" in only.message
    assert "Teams (teams.csv)" in only.fix and "This file is the table" in only.fix


def test_a_table_with_the_chosen_tables_columns_is_read_as_chosen():
    """An estimates file holds rules' key columns too: chosen as estimates, it is estimates."""
    problem = load_with_warnings(SAMPLE).problem
    data = (SAMPLE / "estimates.csv").read_bytes()
    new, _ = imported(problem, "estimates.csv", data, "estimates.csv")
    assert len(new.estimates) == len(problem.estimates)


def test_name_columns_are_wide_enough_for_the_longest_name_on_a_laptop(sample):
    """At 1280 x 720 the grids' "medium" pick list cut "Partner co-marketing with Snowflake,
    Hu" and the goal "Grow website": a leader could not read which project or goal a row
    was. Each name column (and each pick list of names) is as wide as its longest text, at
    7 px a character plus the cell's padding (a pick list's cells: 20 px, no edit mark;
    a typed name's: 40 px), within what a laptop's grid shows."""
    checks = [
        (RULES, "team_id", [t.name for t in sample.teams], 20),
        (RULES, "project_id", [p.name for p in sample.projects], 20),
        (PROJECTS, "name", [p.name for p in sample.projects], 40),
        (PROJECTS, "goal_id", [f"{g.name} ({g.goal_id})" for g in sample.goals], 20),
        (GOALS, "name", [g.name for g in sample.goals], 40),
        (TEAMS, "name", [t.name for t in sample.teams], 40),
    ]
    for file, column, texts, padding in checks:
        width = column_specs(file, sample)[column].width
        assert isinstance(width, int), (file, column, width)
        assert 7 * max(map(len, texts)) + padding <= width <= 480, (file, column, width)


def test_a_long_project_name_is_cut_in_its_pick_list_its_id_kept_whole(sample):
    """At 1280 x 720 the Teams' own estimates grid hid Effort and Value (218 px out of
    sight): its project column was as wide as the longest "name (id)", "Partner
    co-marketing with Snowflake, HubSpot and Slack (LG-06)", some 475 px. A project's
    label is its name cut with "…" where long, then its id whole (as the Plan's timeline
    bars read), and the column as wide as the longest label."""
    for file in (ESTIMATES,):
        spec = column_specs(file, sample)["project_id"]
        assert spec.labels is not None
        labels = spec.labels
        assert labels["LG-06"] == "Partner co-market… (LG-06)", labels["LG-06"]
        for project in sample.projects:
            label = labels[project.project_id]
            assert label.endswith(f" ({project.project_id})") and len(label) <= 26, label
            name = label.removesuffix(f" ({project.project_id})")
            assert name == project.name or (
                name.endswith("…") and project.name.startswith(name[:-1])
            ), label
        assert len(set(labels.values())) == len(labels)  # two cut alike still told apart
        assert spec.width == max(120, 7 * max(map(len, labels.values())) + 20), spec.width


def test_the_pins_and_forbids_name_projects_and_teams_whole_an_id_only_where_names_clash(
    sample,
):
    """Constraints, Pins and forbids (the page's width while its tab is open): it read
    "Annual user confere... (AW-02)" and "Brand & Comms (brand)", a name cut where there
    was room and the file's ids beside every name. Each reads its name whole; two teams
    or projects of the same name keep their ids, so the pick list still tells them apart."""
    specs = column_specs(RULES, sample)
    projects, teams = specs["project_id"].labels, specs["team_id"].labels
    assert projects == {p.project_id: p.name for p in sample.projects}, projects
    assert teams == {t.team_id: t.name for t in sample.teams}, teams
    twins = sample.replace(
        teams=tuple(
            replace(t, name="Demand Gen") if t.team_id == "content" else t for t in sample.teams
        )
    )
    teams = column_specs(RULES, twins)["team_id"].labels
    assert teams is not None
    assert teams["content"] == "Demand Gen (content)", teams
    assert teams["demand-gen"] == "Demand Gen (demand-gen)", teams
    assert teams["brand"] == "Brand & Comms", teams


@pytest.mark.parametrize(
    ("typed", "said", "fix"),
    [
        (
            "1e12",
            "'1e12' is not a number (exponent notation such as 1e6 is not allowed).",
            "1e12 is 1000000000000 h, more than any capacity_hours may be (at most "
            "1,000,000,000): "
            "check the units, and write a plain decimal such as 480.",
        ),
        ("1e3", "(exponent notation such as 1e6 is not allowed)", "Write it as 1000."),
        ("1'000", "'1'000' is not a number (it has a thousands separator).", "Write it as 1000."),
        ("1,00", "'1,00' is not a number (it uses a decimal comma).", "Write it as 1.00."),
        ("１０００", "(it is written in full-width digits: write it as 1000)", "Write it as 1000."),
        ("lots", "'lots' is not a number.", "Write a plain decimal such as 480"),
        (
            "12.5.3",
            "'12.5.3' is not a number (it has 2 decimal points).",
            "Keep one decimal point: 12.53 or 12.5, whichever was meant",
        ),
    ],
)
def test_a_figure_typed_otherwise_reaches_the_loader_as_typed(sample, typed, said, fix):
    """The tables' figures are text: "1e12" typed in a capacity reached the app as 112 h
    (a number editor's doing) and "lots" as an empty cell. What was typed is refused in
    the loader's words, naming teams.csv, the row and the column. A figure the leader
    plainly meant is the fix, exactly ("Write it as 1000"), not "Write a plain decimal
    such as 480"; one past what the column holds says so."""
    teams = editable_frames(sample)[TEAMS].copy()
    teams.loc[0, "capacity_hours"] = typed
    with pytest.raises(InvalidInputError) as caught:
        rebuilt(sample, {TEAMS: teams})
    (error,) = caught.value.errors
    assert (error.file, error.row, error.column) == (TEAMS, 2, "capacity_hours")
    assert said in error.message, error.message
    assert error.fix.startswith(fix), error.fix


def test_every_figure_column_is_edited_as_text(sample):
    """Every number and whole-number column of every table holds the data file's text."""
    frames = editable_frames(sample)
    for kind in (NUMBER_COLUMNS, WHOLE_COLUMNS):
        for file, columns in kind.items():
            for column in columns:
                cells = frames[file][column]
                assert all(isinstance(c, str) for c in cells), (file, column)
    teams = frames[TEAMS].copy()
    teams.loc[0, "capacity_hours"] = "1200"
    again, _ = rebuilt(sample, {TEAMS: teams})
    assert again.teams[0].capacity_hours == 1200


def test_a_problem_names_a_column_once_where_the_heading_is_the_file_s_word():
    """A problem in a typed cell names the column as the grid heads it and as the file does:
    "Own hours in the quarter (capacity_hours)"; where the two are one word, once: "Weight",
    not "Weight (weight)"."""
    from planner.core.editing import grid_column

    assert grid_column("teams.csv", "capacity_hours") == "Own hours in the quarter (capacity_hours)"
    assert grid_column("goals.csv", "weight") == "Weight"
    assert grid_column("goals.csv", "kpi") == "KPI"
    assert grid_column("projects.csv", "name") == "Name"
    assert grid_column("rules.csv", "rule") == "Rule"
    assert grid_column("settings.toml", "weight") == "weight"


def test_a_problem_names_a_heading_with_a_unit_exactly_as_the_grid_heads_it(sample):
    """A grid headed "Effort (hours)" was named "Effort (effort_hours)" in a problem: a
    heading no grid shows. The heading comes whole, then the file's column."""
    from planner.core.editing import HEADINGS, grid_column

    assert grid_column("projects.csv", "effort_hours") == "Effort (hours), effort_hours in the file"
    assert grid_column("projects.csv", "skills") == "skills"
    assert grid_column("teams.csv", "skills") == "Skills (name:level)"
    for file, words in HEADINGS.items():
        for column, spec in column_specs(file, sample).items():
            named = grid_column(file, column)
            assert named.startswith(spec.heading), (file, column, named)
            assert column in named.casefold(), (file, column, named)
        assert set(words) == set(column_specs(file, sample)), file


def test_an_edited_own_hours_the_calendar_replaces_is_said_with_the_quarter_in_force(sample):
    """Content's Calendar rows give every week its hours: its own 900 h raised to 1,200 h
    read "Content capacity 900 h → 1,200 h" with its quarter still 944 h and the plan
    unchanged. SDR Team's week 1 has a row: its other 12 weeks take the new hours."""
    raised = {"content": 1200, "sdr": 1300, "brand": 700}
    teams = tuple(
        replace(t, capacity_hours=Decimal(raised[t.team_id])) if t.team_id in raised else t
        for t in sample.teams
    )
    after = sample.replace(teams=teams)
    sdr, content = overridden_edits(sample, after)  # Brand & Comms' 700 h is unchanged
    assert after.quarter_hours("content") == sample.quarter_hours("content")
    assert content == (
        "Content: its own hours are now 1,200 h, but the Calendar tab gives every one of its "
        f"13 weeks its hours, so its quarter stays {hours(after.quarter_hours('content'))} and "
        "the plan does not change. Edit its Calendar rows to change its weeks."
    )
    assert sdr == (
        "SDR Team: its own hours are now 1,300 h, spread over the 12 weeks without a Calendar "
        f"row; 1 week keeps its Calendar hours, so its quarter goes from "
        f"{hours(quarter_hours_shown(sample, 'sdr'))} to "
        f"{hours(quarter_hours_shown(after, 'sdr'))}."
    )
    assert "from 984 h" in sdr  # 984.6 h, as the Plan page's SDR Team row reads it


@pytest.mark.parametrize(
    ("edit", "renamed"),
    [
        ({"project_id": "NEW-1"}, True),  # the id alone
        ({"project_id": "NEW-1", "name": "Another name"}, True),  # id and name together
        ({"project_id": "NEW-1", "effort_hours": "999"}, True),  # the same name: the same one
        ({"project_id": "NEW-1", "name": "Other", "effort_hours": "999"}, False),  # another
        ({"project_id": "NEW-1", "name": "Other", "stage": "retention"}, False),
    ],
)
def test_the_data_page_and_the_comparisons_read_an_id_change_by_one_rule(sample, edit, renamed):
    """The Data page moved a project's estimates and pins to any new id typed in its row,
    hours and all changed with it, where the Constraints page and Compare read the same
    edit as one project dropped and another added: pins passed to what the comparisons
    called a new project. One rule now: a new id under the same name, or the id and name
    together and nothing else, is a rename; anything more is a project deleted and
    another added."""
    from planner.scenarios.id_renames import renamed_projects

    projects = editable_frames(sample)[PROJECTS].copy()
    pinned = next(r.project_id for r in sample.rules)
    row = projects.index[projects["project_id"] == pinned][0]
    for column, value in edit.items():
        projects.loc[row, column] = value
    edited, notes = follow_project_edits(sample, {PROJECTS: projects})
    problem, _ = rebuilt(sample, edited)
    said = renamed_projects(sample, problem)
    assert said == ({pinned: "NEW-1"} if renamed else {}), said
    if renamed:
        assert notes[0].startswith(f"Renamed project {pinned} to NEW-1"), notes
        assert any(r.project_id == "NEW-1" for r in problem.rules)
    else:
        assert notes[0].startswith("Deleted project "), notes
        assert not any(r.project_id in (pinned, "NEW-1") for r in problem.rules)


def test_an_edited_own_hours_says_the_quarter_as_the_pages_show_it(sample):
    """Demand Gen's quarter is 1,378.5 h in the sample: the Plan and Constraints pages, the
    CLI and the exports show it as 1,378 h (the marketing teams' hours add up to the 4,390 h
    card), and the note under an edit of its own hours read "its quarter goes from 1,379 h":
    one figure, two numbers, on the pages a leader moves between."""
    from planner.core.capacity import team_limit_shown
    from planner.scenarios.metrics import plan_metrics

    shown = {t.team_id: t.shown_quarter for t in plan_metrics(sample, None).teams}
    assert hours(sample.quarter_hours("demand-gen")) == "1,379 h"  # its own rounding
    assert (
        shown["demand-gen"]
        == Decimal(1378)
        == Decimal(repr(team_limit_shown(sample, sample.team("demand-gen"))))
    )
    teams = tuple(
        replace(t, capacity_hours=Decimal(1600)) if t.team_id == "demand-gen" else t
        for t in sample.teams
    )
    after = sample.replace(teams=teams)
    shown_after = {t.team_id: t.shown_quarter for t in plan_metrics(after, None).teams}
    (note,) = overridden_edits(sample, after)
    assert note.endswith(
        f"so its quarter goes from {hours(shown['demand-gen'])} to "
        f"{hours(shown_after['demand-gen'])}."
    ), note
    assert "from 1,378 h" in note


@pytest.mark.parametrize(
    ("name", "data", "table"),
    [
        ("goals.csv", b"", "goals.csv"),
        ("Q3 goals (final).csv", b"", "goals.csv"),
        ("rules.csv", "project_id,team_id,rule\nAW-02,brand,pin\n".encode("utf-16"), "rules.csv"),
        ("calendar.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "calendar.csv"),
        ("team.csv", b"", "teams.csv"),
        # The header decides over the name; a name of two tables, or of none, names none.
        ("goals.csv", b"team_id,name,department,capacity_hours\n", "teams.csv"),
        ("teams and goals.csv", b"", None),
        ("export.csv", b"", None),
    ],
)
def test_a_csv_whose_header_says_nothing_is_taken_for_the_table_its_name_names(name, data, table):
    """An empty goals.csv was taken for the teams table (its import then asked for the teams'
    columns in the goals file): with no header to go by, the file's name decides."""
    assert guessed_table(data, name) == table


def test_a_grids_cells_are_kept_as_their_text_check_boxes_as_they_are():
    """A row added to a grid emptied of rows keeps its cells' own types: each is turned
    into the text a user sees, an empty cell None; a table already all text is the same
    table, and a check box stays a check box."""
    added = pd.DataFrame(
        {"team_id": ["content", "x"], "week": [3, None], "capacity_hours": [40.5, float("nan")]}
    )
    as_text = cells_as_text(added, "calendar.csv")
    assert as_text.to_dict("list") == {
        "team_id": ["content", "x"],
        "week": ["3", None],
        "capacity_hours": ["40.5", None],
    }
    assert as_text["week"].dtype == object and as_text["capacity_hours"].dtype == object
    projects = editable_frames(load_with_warnings(SAMPLE).problem)["projects.csv"]
    assert cells_as_text(projects, "projects.csv") is projects
    projects = projects.assign(effort_hours=range(len(projects)))
    assert cells_as_text(projects, "projects.csv")["mandatory"].dtype == "boolean"


def test_each_list_column_s_help_says_how_to_write_it_in_words(sample):
    """The Data page's tooltips for a list read "; -separated; empty = every allowed stage",
    "Project ids, ; -separated" and "name:level; …": a sign where a leader needs a word. Each
    says the items are separated by semicolons, with an example, and what empty means."""
    helps = {
        (file, column): column_specs(file, sample)[column].help or ""
        for file, column in (
            ("teams.csv", "skills"),
            ("teams.csv", "stages"),
            ("projects.csv", "required_skills"),
            ("projects.csv", "depends_on"),
        )
    }
    unclear = {
        where: help
        for where, help in helps.items()
        if "separated by semicolons: " not in help or "-separated" in help or "…" in help
    }
    assert unclear == {}
    assert all("empty = " in help for (_, c), help in helps.items() if c != "skills")
