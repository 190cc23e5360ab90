"""The Data page's grids are headed in a leader's words, with units (AppTest).

A CMO read the files' own column names over the grids ("capacity_hours", "earliest_week",
"value_low") and bare figures. Each grid heads its columns as a leader says them, with the
unit where a figure has one, the file's column name in the heading's help (a RevOps lead
maps it to the file). A problem in a cell typed in a grid names both; an uploaded file's
problem names the file's column, where it is fixed.
"""

from __future__ import annotations

import json

from app_pages import assert_clean, grid_edit, open_routed

from planner.core.loading import RAW_FILES


def _columns(app, file: str) -> dict[str, dict]:
    editor = next(e for e in app.data_editor if e.key and e.key.startswith(f"edit-{file}-"))
    return {k: v for k, v in json.loads(editor.proto.columns).items() if not k.startswith("_")}


def test_the_grids_are_headed_in_a_leader_s_words_with_the_file_s_column_in_the_help():
    app = open_routed("pages/data.py")
    assert_clean(app)
    teams, projects = _columns(app, "teams.csv"), _columns(app, "projects.csv")
    # The name every other page gives the Teams table's hours ("Own hours (h, Teams
    # table)" on the Check-in page, the Plan page's team load, plan.xlsx), not "Capacity",
    # which the pages give the hours in force (the capacity % and the calendar applied).
    assert teams["capacity_hours"]["label"] == "Own hours in the quarter"
    assert "In teams.csv: the column capacity_hours." in teams["capacity_hours"]["help"]
    assert projects["duration_weeks"]["label"] == "Weeks it runs"
    assert projects["earliest_week"]["label"] == "Starts no earlier than week"
    assert projects["effort_hours"]["label"] == "Effort (hours)"
    assert "In projects.csv: the column value_low." in projects["value_low"]["help"]
    assert _columns(app, "calendar.csv")["capacity_hours"]["label"] == "Hours that week"
    # No heading of any grid is a file's column name, and each names its column in its help.
    for file in RAW_FILES:
        for column, config in _columns(app, file).items():
            assert "_" not in config["label"], (file, column, config["label"])
            assert f"the column {column}." in config["help"], (file, column)


#: The Projects tab's help, as a leader fills a project in: each group with its columns.
PROJECT_GROUPS = {
    "What": ("name", "goal_id", "stage", "mandatory"),
    "Who": ("required_skills", "joint", "sales_share"),
    "When": ("duration_weeks", "earliest_week", "due_week", "depends_on"),
    "How much": ("effort_hours", "value", "value_low", "value_high"),
}


def test_the_projects_help_groups_the_columns_as_a_leader_fills_a_project_in():
    """The Projects tab's help listed the columns in projects.csv's order: the goal and
    stage, then effort and value, skills, mandatory, joint, dependencies, and the weeks and
    value range last, as a file is read, not as a leader thinks of a project. It says them
    in four groups, what, who, when and how much, each column under its own group by the
    heading the grid gives it, and every column of the grid but its id is named."""
    from planner.core.editing import HEADINGS

    app = open_routed("pages/data.py")
    assert_clean(app)
    (said,) = [c.value for c in app.caption if c.value.startswith("Proposed projects")]
    starts = [said.find(f"**{group}:**") for group in PROJECT_GROUPS]
    assert -1 not in starts and starts == sorted(starts), said
    grouped = {column for columns in PROJECT_GROUPS.values() for column in columns}
    assert grouped == set(_columns(app, "projects.csv")) - {"project_id"}
    parts = [said[a:b] for a, b in zip(starts, [*starts[1:], len(said)], strict=True)]
    for part, columns in zip(parts, PROJECT_GROUPS.values(), strict=True):
        for column in columns:
            heading = HEADINGS["projects.csv"][column][0]
            assert heading.split()[-1].casefold() in part.casefold(), (heading, part)
            if column != "name":
                assert column in part, (column, part)


def test_the_projects_help_says_what_one_empty_end_of_the_range_is():
    """The help read "empty = certain" of the range, but a project with only one end of it
    filled is not certain: the empty end is its value, so with a lowest value alone it may
    fall short of its value and never beat it. The tab's help and each column's say so."""
    from decimal import Decimal

    from planner.core.domain import Project

    app = open_routed("pages/data.py")
    assert_clean(app)
    (said,) = [c.value for c in app.caption if c.value.startswith("Proposed projects")]
    assert "empty = certain" not in said and "both empty: certain" in said, said
    assert "one left empty is the Value itself" in said, said
    assert "a lowest alone: it may fall short of its value, never beat it" in said, said
    for column in ("value_low", "value_high"):
        assert (
            "empty = the value; both empty: certain"
            in _columns(app, "projects.csv")[column]["help"]
        )
    # What the planner does: the empty end is the value.
    low_only = Project("p", "P", "awareness", Decimal(10), Decimal(300), value_low=Decimal(200))
    assert (low_only.low, low_only.high) == (Decimal(200), Decimal(300))


def test_a_problem_in_a_typed_cell_names_the_heading_and_the_file_s_column():
    app = open_routed("pages/data.py")
    app.session_state["edit-teams.csv-0"] = grid_edit(edited={0: {"capacity_hours": "lots"}})
    app.run()
    app = next(b for b in app.button if b.label == "Apply edits").click().run()
    assert_clean(app)
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    (found,) = issues.to_dict("records")
    assert found["column"] == "Own hours in the quarter (capacity_hours)"


def test_a_problem_in_an_uploaded_file_names_the_file_s_column():
    app = open_routed("pages/data.py")
    teams = b"team_id,name,department,capacity_hours\nsdr,SDR Team,sales,lots\n"
    app.file_uploader[0].set_value(("teams.csv", teams, "text/csv")).run()
    app = next(b for b in app.button if b.label.startswith("Import")).click().run()
    assert_clean(app)
    issues = next(df.value for df in app.dataframe if "fix" in df.value.columns)
    assert "capacity_hours" in set(issues["column"])
    assert not [c for c in issues["column"] if "(" in c]


def test_the_columns_a_revops_lead_cannot_guess_say_what_they_do():
    """A RevOps lead hovered over "Owner", "Most projects", "Sales share" and an estimate's
    "Effort" and read only "In goals.csv: the column owner.": whether a marketing-owned goal
    took only marketing's projects, whether an empty cell meant none or no limit, which
    side a share of 0.7 went to. Each says what it does, and what an empty cell means."""
    app = open_routed("pages/data.py")
    assert_clean(app)
    said = {
        ("teams.csv", "department"): "Stage policy",
        ("teams.csv", "max_projects"): "empty = no limit",
        ("projects.csv", "mandatory"): "every plan must assign it",
        ("projects.csv", "sales_share"): "on the sales team",
        ("projects.csv", "effort_hours"): "the whole project",
        ("goals.csv", "owner"): "any team's projects still count towards it",
        ("goals.csv", "weight"): "empty = 1",
        ("goals.csv", "target"): "The quarter's number",
        ("estimates.csv", "effort_hours"): "empty = the project's effort",
        ("estimates.csv", "value"): "empty = the project's value",
        ("rules.csv", "rule"): "forbid: this team must not",
        ("calendar.csv", "capacity_hours"): "in each week of a range",
    }
    for (file, column), words in said.items():
        help_text = _columns(app, file)[column]["help"]
        assert words in help_text, (file, column, help_text)
