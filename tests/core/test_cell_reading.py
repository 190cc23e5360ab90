"""How planner.core.loading reads a cell: skills, booleans, lists, stages, exact
decimals, headers, text that looks empty, unknown columns, the data editor's frames
and blank lines.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from loading_files import minimal_frames, write_files

from planner.core.errors import InvalidInputError, Severity
from planner.core.loading import (
    build_problem,
    load_with_warnings,
    read_csv_text,
    read_folder,
)

# -- syntax of cells --------------------------------------------------------


def test_skill_lists_are_trimmed_lower_cased_and_default_to_level_one() -> None:
    """Skills compare case-insensitively, so 'SEO' on a team must meet 'seo' on a project."""
    teams = pd.DataFrame(
        {
            "team_id": ["T1"],
            "department": ["marketing"],
            "capacity_hours": ["40"],
            "skills": ["  SEO : 4 ;Content Writing; ; events:2;"],
        }
    )

    team = build_problem(minimal_frames(**{"teams.csv": teams})).problem.teams[0]

    assert dict(team.skills) == {"seo": 4, "content writing": 1, "events": 2}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("Yes", True),
        ("1", True),
        (" false ", False),
        ("No", False),
        ("0", False),
        ("", False),
    ],
)
def test_booleans_accept_true_false_yes_no_one_zero_in_any_case(text: str, expected: bool) -> None:
    """Spreadsheets write booleans many ways; all the documented spellings must work."""
    projects = pd.DataFrame(
        {"project_id": ["P1"], "stage": ["awareness"], "effort_hours": ["10"], "mandatory": [text]}
    )

    problem = build_problem(minimal_frames(**{"projects.csv": projects})).problem

    assert problem.projects[0].mandatory is expected


def test_lists_are_semicolon_separated_trimmed_and_without_repeats() -> None:
    """`P1 ; ;P2; P1` is what a hurried leader types; it means depends on P1 and P2."""
    projects = pd.DataFrame(
        {
            "project_id": ["P1", "P2", "P3"],
            "stage": ["awareness"] * 3,
            "effort_hours": ["10"] * 3,
            "depends_on": ["", "", " P1 ; ;P2; P1"],
        }
    )

    problem = build_problem(minimal_frames(**{"projects.csv": projects})).problem

    assert problem.project("P3").depends_on == ("P1", "P2")


def test_stage_names_match_the_settings_ignoring_case() -> None:
    """'Awareness' typed in a sheet is the 'awareness' stage, stored as the settings spell it."""
    teams = pd.DataFrame(
        {
            "team_id": ["T1"],
            "department": ["marketing"],
            "capacity_hours": ["40"],
            "stages": ["Awareness; LEAD_GENERATION"],
        }
    )
    projects = pd.DataFrame({"project_id": ["P1"], "stage": [" Awareness "], "effort_hours": ["1"]})

    problem = build_problem(
        minimal_frames(**{"teams.csv": teams, "projects.csv": projects})
    ).problem

    assert problem.teams[0].stages == ("awareness", "lead_generation")
    assert problem.projects[0].stage == "awareness"


def test_numbers_are_read_as_exact_decimals() -> None:
    """0.1 + 0.2 hours must be exactly 0.3 hours, or capacity checks go wrong at the edge."""
    projects = pd.DataFrame(
        {
            "project_id": ["P1", "P2"],
            "stage": ["awareness"] * 2,
            "effort_hours": ["0.1", "0.2"],
            "value": ["1200.125", "1200.500"],
        }
    )

    problem = build_problem(minimal_frames(**{"projects.csv": projects})).problem

    p1, p2 = problem.projects
    assert p1.effort_hours + p2.effort_hours == Decimal("0.3")
    assert p1.value == Decimal("1200.125")
    assert p2.value == Decimal("1200.5")


def test_headers_ignore_case_and_surrounding_spaces() -> None:
    """Column names typed as ' Team_ID ' are the team_id column (SPEC)."""
    frame = read_csv_text(b" Team_ID ,DEPARTMENT,  capacity_hours\nT1,marketing,40\n", "teams.csv")

    assert list(frame.columns) == ["team_id", "department", "capacity_hours"]


def test_read_csv_text_keeps_na_none_and_null_as_text() -> None:
    """A team really called 'NA' must not become a missing value."""
    frame = read_csv_text(b"team_id,name\nT1,NA\nT2,None\nT3,null\n", "teams.csv")

    assert frame["name"].tolist() == ["NA", "None", "null"]


def test_unknown_columns_are_kept_in_the_tables_and_reported_as_warnings(tmp_path: Path) -> None:
    """A leader's own notes column must survive, but a typo in a real column must be flagged."""
    folder = write_files(
        tmp_path,
        {
            "teams.csv": "team_id,department,capacity_hours,notes\nT1,marketing,40,ask Ann\n",
            "projects.csv": "project_id,stage,effort_hours,efort\nP1,awareness,10,\n",
        },
    )

    tables = read_folder(folder)
    result = load_with_warnings(folder)

    assert tables["teams.csv"]["notes"].tolist() == ["ask Ann"]
    located = {(w.file, w.row, w.column) for w in result.warnings}
    assert located == {("teams.csv", 1, "notes"), ("projects.csv", 1, "efort")}
    assert all(w.severity is Severity.WARNING for w in result.warnings)
    typo = next(w for w in result.warnings if w.column == "efort")
    assert "Did you mean 'effort_hours'?" in typo.fix


@pytest.mark.parametrize(
    ("file", "column", "meant"),
    [
        ("teams.csv", "notes", None),
        ("teams.csv", "stage", "stages"),
        ("projects.csv", "efort_hours", "effort_hours"),
        ("projects.csv", "notes", None),
        ("goals.csv", "comments", None),
    ],
)
def test_an_unknown_column_is_offered_only_a_known_one_alike(file, column, meant) -> None:
    """A teams.csv column 'notes' was offered "Did you mean 'stages'?" (difflib at 0.5): a
    leader's own notes are told they are ignored and how to have a column read."""
    from planner.core.column_names import unknown_columns
    from planner.core.loading import COLUMNS

    (said,) = unknown_columns(file, [*COLUMNS[file], column], COLUMNS[file])
    assert "kept but not used" in said.message
    if meant:
        assert said.fix.startswith(f"Did you mean '{meant}'? "), said.fix
    else:
        assert "Did you mean" not in said.fix, said.fix
        assert said.fix.startswith("Nothing to do if it holds your own notes; to have it read, ")


def test_frames_from_the_data_editor_are_read_as_the_text_the_user_sees() -> None:
    """The app's editor hands back ints, floats, bools, None and NaN; they mean what they show."""
    teams = pd.DataFrame(
        {
            "team_id": ["T1", "T2"],
            "department": ["marketing", "sales"],
            "capacity_hours": [400, 80.5],
            "max_projects": [None, 3.0],
        }
    )
    projects = pd.DataFrame(
        {
            "project_id": ["P1", None],
            "stage": ["awareness", None],
            "effort_hours": [12.25, math.nan],
            "value": [math.nan, None],
            "mandatory": [True, None],
        }
    )

    problem = build_problem({"teams": teams, "projects": projects}).problem

    assert [t.capacity_hours for t in problem.teams] == [Decimal(400), Decimal("80.5")]
    assert [t.max_projects for t in problem.teams] == [None, 3]
    (project,) = problem.projects  # the editor's empty new row is skipped
    assert (project.effort_hours, project.value, project.mandatory) == (
        Decimal("12.25"),
        Decimal(0),
        True,
    )


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    """Row numbers must match what the leader sees in the sheet, blank rows included."""
    folder = write_files(
        tmp_path,
        {
            "teams.csv": "team_id,department,capacity_hours\n\nT1,marketing,40\n,,\nT2,sales,x\n",
            "projects.csv": "project_id,stage,effort_hours\nP1,awareness,10\n",
        },
    )

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert [(i.file, i.row, i.column) for i in caught.value.errors] == [
        ("teams.csv", 5, "capacity_hours")
    ]
