"""Tests for planner.core.loading: reading a data folder into a valid Problem, every
problem said at once, and the warnings and checks across its files.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from loading_files import ESTIMATES_CSV, minimal_frames, write_files

import planner
from planner.core.domain import (
    Estimate,
    Goal,
    Project,
    Rule,
    RuleKind,
    Team,
)
from planner.core.errors import InputWarning, InvalidInputError, Severity
from planner.core.loading import (
    COLUMNS,
    RAW_FILES,
    REQUIRED_FILES,
    LoadResult,
    build_problem,
    load_with_warnings,
    write_folder,
)
from planner.core.settings import Settings

# -- the happy path ---------------------------------------------------------


def test_load_problem_reads_every_file_of_a_small_folder(tiny_folder: Path) -> None:
    """The folder a leader writes by hand must load into exactly the objects it describes."""
    result = load_with_warnings(tiny_folder)

    assert isinstance(result, LoadResult)
    problem = result.problem
    assert problem.teams == (
        Team("T1", "Brand", "marketing", Decimal(400), {"seo": 4, "content": 3}),
        Team(
            "T2", "Closers", "sales", Decimal(300), {"negotiation": 3}, ("closing", "retention"), 2
        ),
    )
    assert problem.projects[1] == Project(
        project_id="P2",
        name="Webinar series",
        stage="nurturing",
        effort_hours=Decimal("80.5"),
        value=Decimal(30),
        goal_id="G1",
        joint=True,
        sales_share=Decimal("0.4"),
        depends_on=("P1",),
    )
    assert problem.goals[0] == Goal(
        "G1", "More MQLs", Decimal(500), "MQLs", "marketing", Decimal(2)
    )
    assert problem.estimates == (Estimate("P1", "T1", Decimal(100), None),)
    assert problem.rules == (Rule("P3", "T2", RuleKind.PIN),)
    assert problem.settings == Settings()
    assert result.warnings == ()


def test_an_estimate_for_a_team_that_may_never_own_the_project_is_a_warning(
    tiny_folder: Path,
) -> None:
    """An estimate giving awareness work to a sales team was taken in silence, and the plan
    never used it: the leader believed the team's own hours were planned. Now a warning on
    the row; P2 (nurturing, both departments) keeps its sales team's estimate quietly."""
    (tiny_folder / "estimates.csv").write_text(
        ESTIMATES_CSV + "P1,T2,90,\nP2,T2,70,\n", encoding="utf-8"
    )
    loaded = load_with_warnings(tiny_folder)
    (warning,) = [w for w in loaded.warnings if w.file == "estimates.csv"]
    assert (warning.row, warning.column) == (3, "team_id")
    assert "gives awareness work to Marketing only, so it never owns 'P1'" in warning.message
    assert len(loaded.problem.estimates) == 3


def test_an_estimate_at_a_stage_no_department_owns_says_so_in_words(
    tiny_folder: Path,
) -> None:
    """With ``awareness = []`` in the stage policy the warning read "gives awareness work
    to no department only"."""
    (tiny_folder / "estimates.csv").write_text(ESTIMATES_CSV + "P1,T2,90,\n", encoding="utf-8")
    (tiny_folder / "settings.toml").write_text("[stages.owners]\nawareness = []\n", "utf-8")
    loaded = load_with_warnings(tiny_folder)
    (warning,) = [w for w in loaded.warnings if w.file == "estimates.csv" and w.row == 3]
    assert "the stage policy lets no department own awareness work, so it never owns 'P1'" in (
        warning.message
    )


def test_empty_cells_take_the_documented_defaults(tiny_folder: Path) -> None:
    """SPEC gives every optional column a default; an empty cell must mean exactly that."""
    problem = load_with_warnings(tiny_folder).problem

    t1 = problem.team("T1")
    assert t1.stages == ()
    assert t1.max_projects is None
    p3 = problem.project("P3")
    assert (p3.mandatory, p3.joint, p3.sales_share) == (False, False, Decimal("0.5"))
    g2 = problem.goal_index["G2"]
    assert (g2.owner, g2.weight) == ("shared", Decimal(1))


def test_missing_names_and_values_default_to_the_id_and_zero() -> None:
    """A project without a name is shown by its id, and without a value it counts 0."""
    projects = pd.DataFrame(
        {
            "project_id": ["P1"],
            "name": [""],
            "stage": ["awareness"],
            "effort_hours": ["10"],
            "value": [""],
        }
    )

    project = build_problem(minimal_frames(**{"projects.csv": projects})).problem.projects[0]

    assert project.name == "P1"
    assert project.value == Decimal(0)
    assert project.required_skills == {}
    assert project.depends_on == ()


def test_optional_files_may_be_absent(tmp_path: Path) -> None:
    """Only teams.csv and projects.csv are required; the rest default to empty."""
    folder = write_files(
        tmp_path,
        {
            "teams.csv": "team_id,department,capacity_hours\nT1,marketing,40\n",
            "projects.csv": "project_id,stage,effort_hours\nP1,awareness,10\n",
        },
    )

    problem = load_with_warnings(folder).problem

    assert (problem.goals, problem.estimates, problem.rules) == ((), (), ())
    assert set(REQUIRED_FILES) == {"teams.csv", "projects.csv"}


def test_optional_files_with_only_a_header_mean_no_rows(tmp_path: Path) -> None:
    """A template downloaded and left empty is a valid 'none of these'."""
    files: dict[str, str | bytes] = {name: ",".join(COLUMNS[name]) + "\n" for name in RAW_FILES}
    files["teams.csv"] = "team_id,department,capacity_hours\nT1,marketing,40\n"
    files["projects.csv"] = "project_id,stage,effort_hours\nP1,awareness,10\n"

    problem = load_with_warnings(write_files(tmp_path, files)).problem

    assert (problem.goals, problem.estimates, problem.rules) == ((), (), ())


# -- every error at once ------------------------------------------------------


def test_every_error_in_every_file_is_reported_at_once(tiny_folder: Path) -> None:
    """Fix-run-fix loops waste a leader's time: all problems come in one error."""
    (tiny_folder / "teams.csv").write_text(
        "team_id,department,capacity_hours\nT1,marketing,-1\nT2,sale,40\n"
    )
    (tiny_folder / "rules.csv").write_text("project_id,team_id,rule\nP3,T2,pin\nP9,T1,must\n")

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tiny_folder)

    located = [(i.file, i.row, i.column) for i in caught.value.errors]
    assert located == [
        ("teams.csv", 2, "capacity_hours"),
        ("teams.csv", 3, "department"),
        ("rules.csv", 3, "project_id"),
        ("rules.csv", 3, "rule"),
    ]
    assert "rules.csv, row 3, column rule: 'must' is not a rule." in str(caught.value)


def test_a_file_that_cannot_be_read_does_not_hide_problems_in_the_others(
    tiny_folder: Path,
) -> None:
    """A broken goals.csv must not stop projects.csv's problems from being listed."""
    (tiny_folder / "goals.csv").write_bytes(b"goal_id;target\nG1;5\n")
    (tiny_folder / "projects.csv").write_text(
        "project_id,goal_id,stage,effort_hours\nP1,G1,awareness,zero\n"
    )

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tiny_folder)

    located = [(i.file, i.row, i.column) for i in caught.value.errors]
    # no "goal G1 is not in goals.csv": the goals could not be read, so are not judged
    # A header that cannot be read comes first: every row below it waits on it.
    assert located == [
        ("goals.csv", 1, None),
        ("projects.csv", 2, "effort_hours"),
        ("rules.csv", 2, "project_id"),  # P3 is gone from projects.csv
    ]


# -- warnings ---------------------------------------------------------------


def test_a_team_stage_its_department_may_not_own_is_a_warning() -> None:
    """A sales team listing 'awareness' can never work there; the leader should know why."""
    teams = pd.DataFrame(
        {
            "team_id": ["T1"],
            "department": ["sales"],
            "capacity_hours": ["40"],
            "stages": ["awareness; closing"],
        }
    )

    result = build_problem(minimal_frames(**{"teams.csv": teams}))

    assert [(w.file, w.row, w.column) for w in result.warnings] == [("teams.csv", 2, "stages")]
    assert "awareness" in result.warnings[0].message


def test_a_joint_project_at_a_one_department_stage_is_a_warning() -> None:
    """A joint project at 'closing' needs a marketing team the policy never allows there."""
    projects = pd.DataFrame(
        {"project_id": ["P1"], "stage": ["closing"], "effort_hours": ["10"], "joint": ["yes"]}
    )

    result = build_problem(minimal_frames(**{"projects.csv": projects}))

    assert [(w.file, w.row, w.column) for w in result.warnings] == [("projects.csv", 2, "joint")]
    assert "only sales" in result.warnings[0].message


def test_ids_that_differ_only_in_case_stay_two_and_are_a_warning(tmp_path: Path) -> None:
    """'sdr' and 'SDR' as two teams (and 'P1' and 'p1' as two projects) were taken silently.
    Ids compare exactly (SPEC), so they stay two; a warning names the file, both rows and
    both ids, and how to make them one if that was a typo."""
    teams = pd.DataFrame(
        {
            "team_id": ["sdr", "T2", "SDR"],
            "department": ["sales"] * 3,
            "capacity_hours": ["40"] * 3,
        }
    )
    projects = pd.DataFrame(
        {"project_id": ["P1", "p1"], "stage": ["awareness"] * 2, "effort_hours": ["10"] * 2}
    )
    teams = pd.concat([teams, minimal_frames()["teams.csv"]], ignore_index=True)

    result = build_problem(minimal_frames(**{"teams.csv": teams, "projects.csv": projects}))

    assert {t.team_id for t in result.problem.teams} == {"sdr", "T2", "SDR", "T1"}
    assert {p.project_id for p in result.problem.projects} == {"P1", "p1"}
    located = [(w.file, w.row, w.column) for w in result.warnings]
    assert located == [("teams.csv", 4, "team_id"), ("projects.csv", 3, "project_id")]
    team = result.warnings[0]
    assert team.message == (
        "the team_id 'SDR' (row 4) and 'sdr' (row 2) differ only in case: they are two "
        "teams, as ids compare exactly."
    )
    assert "write its id the same way in both rows" in team.fix
    write_folder(result.problem, tmp_path / "q")
    with pytest.warns(InputWarning) as caught:
        planner.load_problem(tmp_path / "q")
    said = [str(w.message) for w in caught]
    assert len(said) == 2 and "'SDR' (row 4) and 'sdr' (row 2) differ only in case" in said[0]


def test_a_mandatory_project_may_depend_on_an_optional_one() -> None:
    """Depending on optional work is a normal plan shape, not an input error."""
    projects = pd.DataFrame(
        {
            "project_id": ["P1", "P2"],
            "stage": ["awareness"] * 2,
            "effort_hours": ["1", "1"],
            "mandatory": ["false", "true"],
            "depends_on": ["", "P1"],
        }
    )

    result = build_problem(minimal_frames(**{"projects.csv": projects}))

    assert result.problem.project("P2").depends_on == ("P1",)
    assert result.warnings == ()


def test_other_csv_files_in_the_folder_are_ignored_with_a_warning(tiny_folder: Path) -> None:
    """A leader's scratch sheet in the folder is harmless, but they should know it is unused."""
    (tiny_folder / "budget.csv").write_text("a,b\n1,2\n")
    (tiny_folder / "goals.xlsx").write_bytes(b"PK\x03\x04")

    result = load_with_warnings(tiny_folder)

    assert {(w.file, w.severity) for w in result.warnings} == {
        ("budget.csv", Severity.WARNING),
        ("goals.xlsx", Severity.WARNING),
    }


def test_a_value_high_far_beyond_the_value_is_warned_about_as_a_likely_typo(tmp_path: Path):
    """value_high 999,999,999,999 on a 22,000-visitor project (extra digits) passed
    silently and made the goal '100 % sure', typically 292 billion visitors. A range
    over 100 times the most likely value is named as a likely typo; it is still read."""
    folder = write_files(
        tmp_path,
        {
            "teams.csv": "team_id,department,capacity_hours\nT1,marketing,40\n",
            "projects.csv": (
                "project_id,stage,effort_hours,value,value_low,value_high\n"
                "P1,awareness,10,22000,10000,999999999999\n"
                "P2,awareness,10,100,50,10000\n"
            ),
        },
    )

    result = load_with_warnings(folder)

    (warning,) = [w for w in result.warnings if w.column == "value_high"]
    assert (warning.file, warning.row) == ("projects.csv", 2)
    assert "45,454,545 times" in warning.message and "22000" in warning.message
    assert result.problem.project("P1").value_high == Decimal(999999999999)


def test_a_folder_named_like_a_data_file_is_not_told_about_links(tiny_folder: Path):
    """A folder called settings.toml was told 'a link must point to a file': there is no
    link. The fix names the file to put in its place."""
    (tiny_folder / "settings.toml").unlink(missing_ok=True)
    (tiny_folder / "settings.toml").mkdir()

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tiny_folder)

    (problem,) = [i for i in caught.value.issues if i.file == "settings.toml"]
    assert "is a folder, not a file" in problem.message
    assert problem.fix == "Put the settings.toml file itself in its place."


def test_a_workbook_inside_a_data_folder_is_named_as_not_read(tiny_folder: Path):
    """A quarter.xlsx saved beside the CSV files was ignored without a word: a leader who
    edited the workbook saw the plan of the old CSVs. It is a warning naming the file."""
    (tiny_folder / "quarter.xlsx").write_bytes(b"PK\x03\x04")

    result = load_with_warnings(tiny_folder)

    (note,) = [w for w in result.warnings if w.file == "quarter.xlsx"]
    assert "is not read" in note.message and "workbook itself" in note.fix


def test_a_long_chain_of_prerequisites_listed_last_first_loads():
    """5,000 projects in weeks, each after the next one down the file: the check that each
    can end by its due week went one call deeper per link and stopped with 'internal error
    (RecursionError: maximum recursion depth exceeded)'. It loads, with the warnings for
    the projects the chain pushes past the quarter."""
    n = 5_000
    projects = pd.DataFrame(
        {
            "project_id": [f"p{i}" for i in range(n)],
            "stage": "awareness",
            "effort_hours": "1",
            "value": "1",
            "duration_weeks": "1",
            "depends_on": [f"p{i + 1}" if i < n - 1 else "" for i in range(n)],
        }
    )
    teams = pd.DataFrame(
        {"team_id": ["m1"], "department": ["marketing"], "capacity_hours": ["100"]}
    )
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects})
    assert loaded.problem is not None and len(loaded.problem.projects) == n
    # The first ten of the 4,987 projects the chain pushes past week 13 are named; the
    # others together (one line each gave 19,988 lines, 4.9 MB, for a chain of 20,000).
    late = [w for w in loaded.warnings if w.column in ("due_week", "duration_weeks")]
    assert len(late) == 11 and all(w.row is not None for w in late)
    assert late[-1].message.startswith("4,977 more projects (rows ")


def test_a_mandatory_project_past_the_first_ten_late_ones_is_said_to_stop_every_plan():
    """Twelve projects a chain of prerequisites makes late, the last one mandatory: the
    first ten are named, each mandatory one with "no plan can be made"; the twelfth was
    only counted in "2 more projects ... cannot be planned", and `validate` read valid
    beside a quarter with no plan. The count names it as mandatory, by its row."""
    n = 25
    projects = pd.DataFrame(
        {
            "project_id": [f"p{i}" for i in range(n)],
            "stage": "awareness",
            "effort_hours": "1",
            "value": "1",
            "duration_weeks": "1",
            "mandatory": ["true" if i == 11 else "false" for i in range(n)],
            "depends_on": [f"p{i + 1}" if i < n - 1 else "" for i in range(n)],
        }
    )
    teams = pd.DataFrame(
        {"team_id": ["m1"], "department": ["marketing"], "capacity_hours": ["100"]}
    )
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects})
    late = [w for w in loaded.warnings if w.column == "due_week"]
    assert late[-1].message.startswith("2 more projects (rows ")
    assert late[-1].message.endswith(
        "Row 13 (p11) is mandatory, so no plan can be made until this is fixed."
    )


def test_a_project_too_long_for_a_one_week_window_is_told_one_week():
    """A 2-week project allowed only week 5 read 'Shorten it to at most 1 weeks'."""
    projects = pd.DataFrame(
        {
            "project_id": ["p1"],
            "stage": "awareness",
            "effort_hours": ["1"],
            "value": ["1"],
            "duration_weeks": ["2"],
            "earliest_week": ["5"],
            "due_week": ["5"],
        }
    )
    teams = pd.DataFrame(
        {"team_id": ["m1"], "department": ["marketing"], "capacity_hours": ["100"]}
    )
    with pytest.raises(InvalidInputError) as refused:
        build_problem({"teams.csv": teams, "projects.csv": projects})
    (issue,) = [e for e in refused.value.issues if e.column == "duration_weeks"]
    assert issue.fix.startswith("Shorten it to at most 1 week, or widen")


def test_the_data_signature_tells_an_edited_file_from_the_one_read(tiny_folder: Path) -> None:
    """The app caches a load by it: a file edited (or added) since must change it."""
    from planner.core.loading import data_signature

    before = data_signature(tiny_folder)
    assert {name for name, _, _ in before} >= {"teams.csv", "projects.csv"}
    teams = tiny_folder / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data_signature(tiny_folder) != before
    (tiny_folder / "old.csv").symlink_to(tiny_folder / "gone.csv")
    edited = data_signature(tiny_folder)
    teams.write_text(teams.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data_signature(tiny_folder) != edited
    assert data_signature(tiny_folder / "missing") == (("missing", -1, -1),)
    assert data_signature(teams)[0][0] == "teams.csv"


def test_a_mandatory_joint_project_at_a_one_department_stage_says_no_plan_can_be_made():
    """A joint project at a stage only marketing may own is "cannot be assigned"; mandatory,
    validate read "valid" beside it while solve found no plan. The warning says so."""
    teams = pd.DataFrame(
        [["T1", "marketing", "600"], ["T2", "sales", "600"]],
        columns=["team_id", "department", "capacity_hours"],
    )
    projects = pd.DataFrame(
        [["A", "awareness", "10", "true", "true"], ["B", "awareness", "10", "true", ""]],
        columns=["project_id", "stage", "effort_hours", "joint", "mandatory"],
    )
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects})
    said = {w.row: w.message for w in loaded.warnings if w.column == "joint"}
    assert set(said) == {2, 3}
    assert "it is mandatory, so no plan can be made until this is fixed" in said[2]
    assert "mandatory" not in said[3]


def test_a_week_column_typed_with_a_space_says_its_weeks_are_not_read(tmp_path) -> None:
    """A projects sheet with 'due week' (a space, as Excel users type it) for due_week loaded
    with "the column 'due week' is not one Goal Planner knows; it is kept but not used": true,
    but it did not say that every project's due week was therefore empty, so the plan ran
    each one as late as the quarter's end. It says so now; a column beside its known one
    ('efort' beside effort_hours) keeps the plain words."""
    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "sample", folder)
    projects = folder / "projects.csv"
    projects.write_text(projects.read_text().replace(",due_week", ",due week", 1))
    (typo,) = [w for w in load_with_warnings(folder).warnings if w.column == "due week"]
    assert "No column is named due_week, so due_week is empty on every row." in typo.message
    assert "Did you mean 'due_week'?" in typo.fix
    lines = projects.read_text().replace(",due week", ",due_week", 1).splitlines()
    projects.write_text("\n".join([lines[0] + ",dew_week", *(f"{x}," for x in lines[1:])]) + "\n")
    (beside,) = [w for w in load_with_warnings(folder).warnings if w.column == "dew_week"]
    assert "No column is named" not in beside.message
