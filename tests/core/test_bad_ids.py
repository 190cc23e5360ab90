"""Bad ids and references: a blank, repeated or unknown id, or a reference written by
name or in another case, ends as one InvalidInputError that names the cell and the id
meant; a missing id column is told before the references it holds back.

Each case starts from a tiny valid folder (tests/bad_input_cases.py) and breaks one id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_cases import (
    Case,
    Content,
    add,
    assert_reported_at_its_cell,
    located,
    make_folder,
    row,
    text,
    whole,
)

from planner.core.errors import InvalidInputError
from planner.core.loading import (
    load_with_warnings,
)

CASES = [
    # -- ids -----------------------------------------------------------------
    Case(
        "blank id",
        row("teams.csv", 3, " ,Closers,sales,300,,,"),
        "teams.csv",
        3,
        "team_id",
        "is empty",
    ),
    Case(
        "duplicate team id",
        row("teams.csv", 3, "T1 ,Closers,sales,300,,,"),
        "teams.csv",
        3,
        "team_id",
        "is already the id of row 2.",
    ),
    Case(
        "duplicate project id",
        row("projects.csv", 4, "P2,Close deals,G2,closing,100,5,,,,,"),
        "projects.csv",
        4,
        "project_id",
        "is already the id of row",
    ),
    Case(
        "duplicate goal id",
        row("goals.csv", 3, "G1,Pipeline,pipeline $,1000000,,"),
        "goals.csv",
        3,
        "goal_id",
        "is already the id of row",
    ),
    # A name repeated in its file (as a leader reads it: case and surrounding spaces
    # ignored) shows two teams, projects or goals as one on every page and export.
    Case(
        "repeated team name",
        row("teams.csv", 3, "T2, Brand ,sales,300,negotiation:3,,2"),
        "teams.csv",
        3,
        "name",
        "is already the name of team 'T1' (row 2)",
    ),
    Case(
        "repeated project name",
        row("projects.csv", 3, "P2,blog relaunch,G1,nurturing,80.5,30,,no,yes,0.4,P1"),
        "projects.csv",
        3,
        "name",
        "(project 'P1', row 2) differ only in case",
    ),
    Case(
        "repeated goal name",
        row("goals.csv", 3, "G2,MORE MQLS,pipeline $,1000000,,"),
        "goals.csv",
        3,
        "name",
        "Rename one of them",
    ),
    # -- references ------------------------------------------------------------
    Case(
        "unknown goal",
        row("projects.csv", 4, "P3,Close deals,G9,closing,100,5,,,,,P2"),
        "projects.csv",
        4,
        "goal_id",
        "'G9' is not in goals.csv",
    ),
    # A team, project or goal written by its name (as a spreadsheet user names them) names
    # its id: "the team 'Closers' is not in teams.csv. Use a team_id from teams.csv" left
    # the leader to find which id 'Closers' has.
    Case(
        "team by its name",
        row("rules.csv", 2, "P3,Closers,pin"),
        "rules.csv",
        2,
        "team_id",
        "'Closers' is the name of the team 'T2', and a reference names it by its id. Write 'T2'.",
    ),
    Case(
        "project by its name",
        row("estimates.csv", 2, "Blog relaunch,T1,100,"),
        "estimates.csv",
        2,
        "project_id",
        "'Blog relaunch' is the name of the project 'P1'",
    ),
    # A prerequisite written by its name got "Add project 'Webinar series' to projects.csv":
    # depends_on names it through the same words as the other columns.
    Case(
        "dependency by its name",
        row("projects.csv", 4, "P3,Close deals,G2,closing,100,5,,,,,Webinar series"),
        "projects.csv",
        4,
        "depends_on",
        "'Webinar series' is the name of the project 'P2', and a reference names it by its "
        "id. Write 'P2'.",
    ),
    Case(
        "goal by its name",
        row("projects.csv", 4, "P3,Close deals,pipeline,closing,100,5,,,,,P2"),
        "projects.csv",
        4,
        "goal_id",
        "'pipeline' is the name of the goal 'G2'",
    ),
    # An id in another case names the id the file has ("add goal 'g1' to goals.csv" made a
    # second goal; the fix is to write it as the file does).
    Case(
        "goal in another case",
        row("projects.csv", 4, "P3,Close deals,g2,closing,100,5,,,,,P2"),
        "projects.csv",
        4,
        "goal_id",
        "which has 'G2': ids are compared exactly, upper and lower case too. Write 'G2'.",
    ),
    Case(
        "dependency in another case",
        row("projects.csv", 4, "P3,Close deals,G2,closing,100,5,,,,,p2"),
        "projects.csv",
        4,
        "depends_on",
        "the project 'p2' is not in projects.csv, which has 'P2'",
    ),
    Case(
        "rule's project in another case",
        row("rules.csv", 2, "p3,T2,pin"),
        "rules.csv",
        2,
        "project_id",
        "Write 'P3'.",
    ),
    Case(
        "estimate's team in another case",
        row("estimates.csv", 2, "P1,t1,100,"),
        "estimates.csv",
        2,
        "team_id",
        "the team 't1' is not in teams.csv, which has 'T1'",
    ),
    Case(
        "calendar's team in another case",
        whole("calendar.csv", "team_id,week,capacity_hours\nt2,1-13,20\n"),
        "calendar.csv",
        2,
        "team_id",
        "Write 'T2'.",
    ),
    Case(
        "goal given but no goals.csv",
        whole("goals.csv", None),
        "projects.csv",
        2,
        "goal_id",
        "goals.csv (goals.csv is missing)",
    ),
    Case(
        "unknown project stage",
        row("projects.csv", 2, "P1,Blog relaunch,G1,brand,120,50,,,,,"),
        "projects.csv",
        2,
        "stage",
        "'brand' is not a funnel stage",
    ),
    Case(
        "unknown team stage",
        row("teams.csv", 2, "T1,Brand,marketing,400,,awareness; buzz,"),
        "teams.csv",
        2,
        "stages",
        "'buzz' is not a funnel stage",
    ),
    Case(
        "unknown team in estimates",
        add("estimates.csv", "P2,T9,10,"),
        "estimates.csv",
        3,
        "team_id",
        "'T9' is not in teams.csv",
    ),
    Case(
        "unknown project in estimates",
        row("estimates.csv", 2, "P9,T1,100,"),
        "estimates.csv",
        2,
        "project_id",
        "'P9' is not in projects.csv",
    ),
    Case(
        "unknown team in rules",
        row("rules.csv", 2, "P3,t2,pin"),
        "rules.csv",
        2,
        "team_id",
        "'t2' is not in teams.csv",
    ),
    Case(
        "unknown project in rules",
        add("rules.csv", "P4,T1,forbid"),
        "rules.csv",
        3,
        "project_id",
        "'P4' is not in projects.csv",
    ),
    Case(
        "unknown project in depends_on",
        row("projects.csv", 4, "P3,Close deals,G2,closing,100,5,,,,,P2; P7"),
        "projects.csv",
        4,
        "depends_on",
        "'P7' is not in projects.csv",
    ),
    Case(
        "depends_on separated by commas",
        row("projects.csv", 4, 'P3,Close deals,G2,closing,100,5,,,,,"P1, P2"'),
        "projects.csv",
        4,
        "depends_on",
        "'P1, P2' is not in projects.csv",
    ),
    Case(
        "self dependency",
        row("projects.csv", 3, "P2,Webinar series,G1,nurturing,80.5,30,,no,yes,0.4,P2"),
        "projects.csv",
        3,
        "depends_on",
        "depends on itself",
    ),
    Case(
        "dependency cycle",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,120,50,,true,false,,P3"),
        "projects.csv",
        2,
        "depends_on",
        "cycle: P1 -> P3 -> P2 -> P1",
    ),
    Case(
        "duplicate estimate pair",
        add("estimates.csv", "P1,T1,,20"),
        "estimates.csv",
        3,
        "team_id",
        "already have an estimate on row 2",
    ),
    Case(
        "pin and forbid on the same pair",
        add("rules.csv", "P3,T2,Forbid"),
        "rules.csv",
        3,
        "rule",
        "both pinned and forbidden",
    ),
    Case(
        "two pins on a single-team project",
        add("rules.csv", "P3,T1,pin"),
        "rules.csv",
        3,
        "team_id",
        "pinned to more than one team",
    ),
    Case(
        "two sales pins on a joint project",
        {
            **add("teams.csv", "T3,Hunters,sales,100,,,"),
            **add("rules.csv", "P2,T2,pin", "P2,T3,pin"),
        },
        "rules.csv",
        4,
        "team_id",
        "exactly one sales team and one marketing team",
    ),
    Case(
        "a rule's cells in the wrong order",
        row("rules.csv", 2, "pin,P3,T2"),
        "rules.csv",
        2,
        "project_id",
        "Write 'P3' under project_id, 'T2' under team_id and 'pin' under rule.",
    ),
    Case(
        "an estimate's project and team swapped",
        row("estimates.csv", 2, "T1,P1,100,"),
        "estimates.csv",
        2,
        "project_id",
        "these cells look swapped: 'P1' is a project and 'T1' is a team",
    ),
    Case(
        "a team's name and department swapped",
        row("teams.csv", 2, "T1,marketing,Brand,400,seo:4; content:3,,"),
        "teams.csv",
        2,
        "name",
        "Write 'Brand' under name and 'marketing' under department.",
    ),
    Case(
        "a calendar row's team and weeks swapped",
        {"calendar.csv": text(["team_id,week,capacity_hours", "1-13,T1,20"])},
        "calendar.csv",
        2,
        "team_id",
        "Write 'T1' under team_id, '1-13' under week and '20' under capacity_hours.",
    ),
    # An unknown id spelled close to one of its file's is asked about, whichever file
    # the id belongs to: a goal's went without, where a team's in a baseline plan, a
    # multiplier's and a check-in's were asked.
    Case(
        "a goal id one letter off",
        row("projects.csv", 2, "P1,Blog relaunch,G11,awareness,120,50,seo:3,true,false,,"),
        "projects.csv",
        2,
        "goal_id",
        "did you mean 'G1'? Write 'G1' if that is the one meant; otherwise add goal",
    ),
    Case(
        "a team id one letter off",
        add("estimates.csv", "P2,T11,10,"),
        "estimates.csv",
        3,
        "team_id",
        "did you mean 'T1'? Write 'T1' if that is the one meant; otherwise use a team_id",
    ),
    # goals.csv of its header only: one problem, as with no goals.csv, not one per project.
    Case(
        "goals of their header only",
        whole("goals.csv", "goal_id,name,kpi,target,owner,weight\n"),
        "projects.csv",
        2,
        "goal_id",
        "the goal 'G1' is not in goals.csv (it has no goals, only its header). 2 more rows "
        "name a goal too (2 goals: G1, G2). Add a row to goals.csv for each goal",
    ),
    Case(
        "a prerequisite one letter off",
        row("projects.csv", 3, "P2,Webinar series,G1,nurturing,80.5,30,,no,yes,0.4,P11"),
        "projects.csv",
        3,
        "depends_on",
        "did you mean 'P1'? Write 'P1' if that is the one meant; otherwise add project",
    ),
    # An id whose number is written with other leading zeros: the id meant, asked.
    Case(
        "a team id without its leading zeros",
        {
            **add("teams.csv", "007,Field,sales,100,,,"),
            **add("rules.csv", "P2,7,forbid"),
            **add("estimates.csv", "P2,007,10,"),
        },
        "rules.csv",
        3,
        "team_id",
        "the team '7' is not in teams.csv: did you mean '007'?",
    ),
    Case(
        "a prerequisite without its leading zero beside a longer number",
        {
            **add(
                "projects.csv",
                "AW-02,Ads,G1,awareness,10,5,,,,,",
                "AW-20,Blog,G1,awareness,10,5,,,,,",
                "AW-4,Talk,G1,awareness,10,5,,,,,AW-2",
            ),
            **add("estimates.csv", "AW-02,T1,5,", "AW-20,T1,5,"),
        },
        "projects.csv",
        7,
        "depends_on",
        "did you mean 'AW-02'?",
    ),
    # "No id yet" written as one: refused where an id is required, with the id to write.
    Case(
        "TBD as a team's own id",
        row("teams.csv", 3, "TBD,Closers,sales,300,negotiation:3,,2"),
        "teams.csv",
        3,
        "team_id",
        "'TBD' is no team_id: it reads as none, or not known yet, and every team needs an id "
        "of its own. Give the team a real id",
    ),
    Case(
        "N/A as a project's own id",
        row("projects.csv", 4, "N/A,Close deals,G2,closing,100,200000,negotiation:2,,,,P2"),
        "projects.csv",
        4,
        "project_id",
        "'N/A' is no project_id",
    ),
    Case(
        "a dash as a goal's own id",
        row("goals.csv", 3, "-,Pipeline,pipeline $,1000000,,"),
        "goals.csv",
        3,
        "goal_id",
        "'-' is no goal_id",
    ),
    Case(
        "a question mark as an estimate's team",
        add("estimates.csv", "P2,?,10,"),
        "estimates.csv",
        3,
        "team_id",
        "'?' is no team_id: it reads as none, or not known yet, and this row belongs to one "
        "team. Write the team_id of a team in teams.csv, or delete the row",
    ),
    Case(
        "none as a rule's project",
        add("rules.csv", "none,T1,forbid"),
        "rules.csv",
        3,
        "project_id",
        "'none' is no project_id",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_at_its_file_row_and_column(tmp_path: Path, case: Case) -> None:
    """A leader fixes a file by going to a cell; the error must name that cell and the fix."""
    assert_reported_at_its_cell(tmp_path, case)


@pytest.mark.parametrize(
    ("changes", "file", "column", "fix"),
    [
        (add("estimates.csv", "P2,T9,10,"), "estimates.csv", "team_id", "teams.csv"),
        (row("rules.csv", 2, "P9,T2,pin"), "rules.csv", "project_id", "projects.csv"),
        (
            {"calendar.csv": text(["team_id,week,capacity_hours", "T9,1-13,20"])},
            "calendar.csv",
            "team_id",
            "teams.csv",
        ),
    ],
    ids=["estimate's team", "rule's project", "calendar's team"],
)
def test_an_unknown_id_is_fixed_by_one_from_its_file(
    tmp_path: Path, changes: dict[str, Content], file: str, column: str, fix: str
) -> None:
    """Every file that names a team or project by id words the fix for an unknown one the
    same way, whichever file the reference stands in (estimates, rules or calendar), with
    the row's deletion for one gone: a team removed from teams.csv and its calendar rows
    kept read only "Use a team_id from teams.csv" (attack round 30)."""
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, changes))

    [issue] = [i for i in caught.value.errors if (i.file, i.column) == (file, column)]
    what = column.removesuffix("_id")
    assert issue.fix == (
        f"Use a {column} from {fix} (ids are compared exactly), or delete the row if that "
        f"{what} is gone."
    )


def test_a_missing_id_column_is_told_first_without_the_references_it_breaks(
    tmp_path: Path,
) -> None:
    """teams.csv without its team_id column left every estimate, rule and calendar row in
    error for naming an "unknown" team: follow-ons of the one column to add, and in goals'
    case told before it (projects.csv is read first). The missing column comes first, says
    how many references it holds back, and a problem of its own elsewhere is still told.
    """
    teams = "name,department,capacity_hours\nBrand,marketing,400\nClosers,sales,300\n"
    broken_row = "P1,Blog relaunch,G1,awareness,-5,50,seo:3,true,false,,"
    folder = make_folder(tmp_path, {"teams.csv": teams, **row("projects.csv", 2, broken_row)})

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    errors = caught.value.errors
    assert located(errors) == [("teams.csv", 1, "team_id"), ("projects.csv", 2, "effort_hours")]
    assert errors[0].message == (
        "the required column 'team_id' is missing. 2 references to teams elsewhere in the "
        "data are held back: checked once it is there."
    )


def test_a_missing_goal_id_column_comes_before_the_projects_that_name_goals(
    tmp_path: Path,
) -> None:
    """goals.csv without goal_id: the three projects naming G1 and G2 are not told at all,
    and the one error is the column to add."""
    goals = "name,kpi,target\nMore MQLs,MQLs,500\nPipeline,pipeline $,1000000\n"
    folder = make_folder(tmp_path, {"goals.csv": goals})

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert located(caught.value.errors) == [("goals.csv", 1, "goal_id")]
    assert "3 references to goals" in caught.value.errors[0].message


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("pin,P3,T2", "team_id, rule and project_id"),
        ("T2,pin,P3", "rule, project_id and team_id"),
        ("T2,P3,pin", "team_id and project_id"),
        ("P3,pin,T2", "rule and team_id"),
    ],
)
def test_a_rule_row_in_the_wrong_order_is_one_error_saying_so(
    tmp_path: Path, line: str, written: str
) -> None:
    """``pin,P3,T2`` under project_id, team_id, rule read as three errors (no project 'pin',
    no team 'P3', no rule 'T2') where the one mistake is the order: one error says the
    cells look swapped, where each was written, and where each goes."""
    folder = make_folder(tmp_path, row("rules.csv", 2, line))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    (only,) = caught.value.errors
    assert (only.file, only.row) == ("rules.csv", 2)
    assert f"but they are written under {written}." in only.message
    assert only.fix == "Write 'P3' under project_id, 'T2' under team_id and 'pin' under rule."


def test_a_rule_row_no_order_makes_right_keeps_its_errors_cell_by_cell(tmp_path: Path) -> None:
    """Only an order that makes every cell right is offered: a row with an unknown team
    beside a project and a rule in the wrong columns is told cell by cell."""
    folder = make_folder(tmp_path, row("rules.csv", 2, "pin,P3,T9"))

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    assert {i.column for i in caught.value.errors} == {"project_id", "team_id", "rule"}
    assert not any("swapped" in i.message for i in caught.value.errors)


def test_a_calendar_row_of_two_figures_either_way_round_is_told_cell_by_cell(
    tmp_path: Path,
) -> None:
    """'20' under week and '3' under capacity_hours may be hours of week 20 in a longer
    quarter as well as a swap: with the team in its place, the week is told as it is."""
    calendar = {"calendar.csv": text(["team_id,week,capacity_hours", "T1,20,3"])}
    folder = make_folder(tmp_path, calendar)

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    (only,) = caught.value.errors
    assert only.column == "week" and "outside the quarter" in only.message, only
