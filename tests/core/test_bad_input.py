"""Bad input: every malformed data folder ends as one InvalidInputError that says where.

Each case starts from a tiny valid folder, breaks one thing, and checks that
the problem is reported at the file, row (header = row 1) and column a
leader would look at, with words that say what is wrong.
"""

from __future__ import annotations

import tracemalloc
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.domain import Problem
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.loading import (
    COLUMNS,
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    build_problem,
    load_problem,
    read_csv_text,
)

BASE: dict[str, list[str]] = {
    "teams.csv": [
        "team_id,name,department,capacity_hours,skills,stages,max_projects",
        "T1,Brand,marketing,400,seo:4; content:3,,",
        "T2,Closers,sales,300,negotiation:3,,2",
    ],
    "projects.csv": [
        "project_id,name,goal_id,stage,effort_hours,value,required_skills,mandatory,joint,"
        "sales_share,depends_on",
        "P1,Blog relaunch,G1,awareness,120,50,seo:3,true,false,,",
        "P2,Webinar series,G1,nurturing,80.5,30,,no,yes,0.4,P1",
        "P3,Close deals,G2,closing,100,200000,negotiation:2,,,,P2",
    ],
    "goals.csv": [
        "goal_id,name,kpi,target,owner,weight",
        "G1,More MQLs,MQLs,500,marketing,2",
        "G2,Pipeline,pipeline $,1000000,,",
    ],
    "estimates.csv": ["project_id,team_id,effort_hours,value", "P1,T1,100,"],
    "rules.csv": ["project_id,team_id,rule", "P3,T2,pin"],
}

Content = str | bytes | None  # None deletes the file


@dataclass(frozen=True)
class Case:
    """One broken folder and where its problem must be reported."""

    name: str
    files: dict[str, Content]
    file: str
    row: int | None
    column: str | None
    phrase: str


@dataclass(frozen=True)
class Tolerated:
    """An input that looks odd but is valid, and what it must load as."""

    name: str
    files: dict[str, Content]
    check: object = field(repr=False)  # Callable[[Problem], bool]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def row(file: str, number: int, line: str) -> dict[str, Content]:
    """The base file with spreadsheet row ``number`` replaced by ``line``."""
    lines = list(BASE[file])
    lines[number - 1] = line
    return {file: text(lines)}


def add(file: str, *lines: str) -> dict[str, Content]:
    """The base file with ``lines`` appended."""
    return {file: text([*BASE[file], *lines])}


def whole(file: str, content: Content) -> dict[str, Content]:
    return {file: content}


TEAM_HEADER = BASE["teams.csv"][0]
RANGE_HEADER = (
    "project_id,name,goal_id,stage,effort_hours,value,value_low,value_high,required_skills,"
    "mandatory,joint,sales_share,depends_on"
)
PROJECT_ROW = "P1,Blog relaunch,G1,awareness,{effort},50,seo:3,true,false,,"

CASES = [
    # -- files ---------------------------------------------------------------
    Case("empty teams file", whole("teams.csv", ""), "teams.csv", None, None, "empty"),
    Case("empty optional file", whole("goals.csv", b""), "goals.csv", None, None, "empty"),
    Case(
        "teams header only",
        whole("teams.csv", TEAM_HEADER + "\n"),
        "teams.csv",
        None,
        None,
        "no teams",
    ),
    Case(
        "projects header only",
        whole("projects.csv", BASE["projects.csv"][0] + "\n"),
        "projects.csv",
        None,
        None,
        "no projects",
    ),
    Case("projects missing", whole("projects.csv", None), "projects.csv", None, None, "missing"),
    Case(
        "UTF-16",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-16")),
        "teams.csv",
        None,
        None,
        "UTF-16",
    ),
    # UTF-32 starts with UTF-16's byte-order mark: it read "saved as UTF-16 text".
    Case(
        "UTF-32",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-32")),
        "teams.csv",
        None,
        None,
        "the file is saved as UTF-32 text.",
    ),
    Case(
        "UTF-16 without BOM",
        whole("teams.csv", text(BASE["teams.csv"]).encode("utf-16-le")),
        "teams.csv",
        None,
        None,
        "UTF-16",
    ),
    Case(
        "cp1252",
        {"teams.csv": text([*BASE["teams.csv"][:2], "T2,Müller,sales,300,,,"]).encode("cp1252")},
        "teams.csv",
        3,
        "name",
        "not UTF-8",
    ),
    Case(
        "semicolon delimiter",
        whole("teams.csv", text([line.replace(",", ";") for line in BASE["teams.csv"]])),
        "teams.csv",
        1,
        None,
        "semicolons",
    ),
    Case(
        "binary file renamed .csv",
        whole("teams.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        "teams.csv",
        None,
        None,
        "binary",
    ),
    # A program's bytes hold many zeros: /bin/ls renamed teams.csv read "saved as UTF-16 text",
    # with the fix to save it as UTF-8.
    Case(
        "program renamed .csv",
        whole("teams.csv", b"\x7fELF\x02\x01\x01" + bytes([0x90, 0, 0xE8, 0, 0xFF, 0]) * 400),
        "teams.csv",
        None,
        None,
        "binary data",
    ),
    Case(
        "Excel workbook renamed .csv",
        whole("projects.csv", b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"),
        "projects.csv",
        None,
        None,
        "Excel",
    ),
    # -- headers -------------------------------------------------------------
    Case(
        "duplicate header",
        row("teams.csv", 1, TEAM_HEADER.replace("max_projects", " Name ")),
        "teams.csv",
        1,
        "name",
        "appears 2 times",
    ),
    Case(
        "missing required column",
        whole(
            "teams.csv",
            "team_id,name,department,skills\nT1,Brand,marketing,\nT2,Closers,sales,\n",
        ),
        "teams.csv",
        1,
        "capacity_hours",
        "required column",
    ),
    Case(
        "values under a missing header",
        whole(
            "rules.csv",
            "project_id,team_id,rule,\nP3,T2,pin,because\n",
        ),
        "rules.csv",
        1,
        "D",
        "no name",
    ),
    Case(
        "header row empty",
        whole("rules.csv", ",,\nP3,T2,pin\n"),
        "rules.csv",
        1,
        None,
        "header row is empty",
    ),
    # -- rows ----------------------------------------------------------------
    Case(
        "ragged row with an unquoted comma",
        row("teams.csv", 2, "T1,Brand, Inc,marketing,400,seo:4,,"),
        "teams.csv",
        2,
        None,
        "8 cells but the header has 7",
    ),
    Case(
        "ragged short row",
        row("teams.csv", 3, "T2,Closers,sales"),
        "teams.csv",
        3,
        None,
        "3 cells",
    ),
    Case(
        "quote never closed",
        row("teams.csv", 3, 'T2,"Closers,sales,300,,,2'),
        "teams.csv",
        3,
        None,
        "never closed",
    ),
    Case(
        "text after a closing quote",
        row("teams.csv", 2, 'T1,"Brand" Inc,marketing,400,,,'),
        "teams.csv",
        2,
        None,
        "after its closing quote",
    ),
    # -- numbers -------------------------------------------------------------
    Case(
        "decimal comma",
        row("projects.csv", 2, PROJECT_ROW.format(effort='"12,5"')),
        "projects.csv",
        2,
        "effort_hours",
        "decimal comma",
    ),
    Case(
        "thousands separator",
        row("projects.csv", 4, 'P3,Close deals,G2,closing,100,"200,000",,,,,P2'),
        "projects.csv",
        4,
        "value",
        "thousands separator",
    ),
    Case(
        "blank required number",
        row("teams.csv", 2, "T1,Brand,marketing,,,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "is empty",
    ),
    Case(
        "negative capacity",
        row("teams.csv", 2, "T1,Brand,marketing,-5,,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "at least 0",
    ),
    Case(
        "zero effort",
        row("projects.csv", 2, PROJECT_ROW.format(effort="0")),
        "projects.csv",
        2,
        "effort_hours",
        "more than 0",
    ),
    Case(
        "text for a number",
        row("projects.csv", 2, PROJECT_ROW.format(effort="a lot")),
        "projects.csv",
        2,
        "effort_hours",
        "'a lot' is not a number",
    ),
    Case(
        "infinity",
        row("teams.csv", 3, "T2,Closers,sales,inf,,,"),
        "teams.csv",
        3,
        "capacity_hours",
        "infinite",
    ),
    Case(
        "nan",
        row("goals.csv", 2, "G1,More MQLs,MQLs,NaN,marketing,2"),
        "goals.csv",
        2,
        "target",
        "not-a-number",
    ),
    Case(
        "1e309",
        row("projects.csv", 2, PROJECT_ROW.format(effort="1e309")),
        "projects.csv",
        2,
        "effort_hours",
        "exponent",
    ),
    Case(
        "absurdly large hours",
        row("teams.csv", 2, "T1,Brand,marketing,5000000000,,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "too large",
    ),
    Case(
        "more than three decimals",
        row("projects.csv", 2, PROJECT_ROW.format(effort="1.2345")),
        "projects.csv",
        2,
        "effort_hours",
        "more than 3 decimals",
    ),
    Case(
        "sales share of one",
        row("projects.csv", 3, "P2,Webinar series,G1,nurturing,80.5,30,,no,yes,1,P1"),
        "projects.csv",
        3,
        "sales_share",
        "less than 1",
    ),
    Case(
        "max_projects zero",
        row("teams.csv", 3, "T2,Closers,sales,300,,,0"),
        "teams.csv",
        3,
        "max_projects",
        "at least 1",
    ),
    Case(
        "max_projects not whole",
        row("teams.csv", 3, "T2,Closers,sales,300,,,2.5"),
        "teams.csv",
        3,
        "max_projects",
        "not a whole number",
    ),
    Case(
        "zero goal weight",
        row("goals.csv", 3, "G2,Pipeline,pipeline $,1000000,,0"),
        "goals.csv",
        3,
        "weight",
        "more than 0",
    ),
    # -- choices -------------------------------------------------------------
    Case(
        "unknown department",
        row("teams.csv", 2, "T1,Brand,marketting,400,,,"),
        "teams.csv",
        2,
        "department",
        "not a department",
    ),
    Case(
        "not a boolean",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,120,50,,maybe,false,,"),
        "projects.csv",
        2,
        "mandatory",
        "not true or false",
    ),
    Case(
        "unknown goal owner",
        row("goals.csv", 2, "G1,More MQLs,MQLs,500,ceo,2"),
        "goals.csv",
        2,
        "owner",
        "not a goal owner",
    ),
    Case(
        "unknown rule",
        row("rules.csv", 2, "P3,T2,must"),
        "rules.csv",
        2,
        "rule",
        "not a rule",
    ),
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
        "used twice (rows 2 and 3)",
    ),
    Case(
        "duplicate project id",
        row("projects.csv", 4, "P2,Close deals,G2,closing,100,5,,,,,"),
        "projects.csv",
        4,
        "project_id",
        "used twice",
    ),
    Case(
        "duplicate goal id",
        row("goals.csv", 3, "G1,Pipeline,pipeline $,1000000,,"),
        "goals.csv",
        3,
        "goal_id",
        "used twice",
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
    # -- skills --------------------------------------------------------------
    Case(
        "skills separated by commas",
        row("teams.csv", 2, 'T1,Brand,marketing,400,"seo:4, content:3",,'),
        "teams.csv",
        2,
        "skills",
        "uses ','",
    ),
    Case(
        "skill level out of range",
        row("teams.csv", 2, "T1,Brand,marketing,400,seo:7,,"),
        "teams.csv",
        2,
        "skills",
        "out of range",
    ),
    Case(
        # Named as the cell spells it (SPEC: skill names read as the data spells them):
        # "skill 'seo'" sent a RevOps lead looking for a lower-case name the sheet lacks.
        "skill level out of range, as spelled",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,120,50,SEO:6,,,,"),
        "projects.csv",
        2,
        "required_skills",
        "the level 6 of skill 'SEO' is out of range",
    ),
    Case(
        "skill level not a number, as spelled",
        row("teams.csv", 2, "T1,Brand,marketing,400,PR:high,,"),
        "teams.csv",
        2,
        "skills",
        "the level 'high' of skill 'PR' is not a whole number",
    ),
    Case(
        "skill level zero",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,120,50,seo:0,,,,"),
        "projects.csv",
        2,
        "required_skills",
        "out of range",
    ),
    Case(
        "skill level not a number",
        row("teams.csv", 2, "T1,Brand,marketing,400,seo:high,,"),
        "teams.csv",
        2,
        "skills",
        "not a whole number",
    ),
    Case(
        "skill without a name",
        row("teams.csv", 2, "T1,Brand,marketing,400,:3,,"),
        "teams.csv",
        2,
        "skills",
        "no skill name",
    ),
    Case(
        "skill listed twice",
        row("teams.csv", 2, "T1,Brand,marketing,400,seo:4; SEO :2,,"),
        "teams.csv",
        2,
        "skills",
        "'seo' is listed twice",
    ),
    # -- value ranges (SPEC "Uncertain impact") -------------------------------
    Case(
        "value_low above the value",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,60,80,,,,,"])},
        "projects.csv",
        2,
        "value_low",
        "above the project's value 50",
    ),
    Case(
        "value_high below the value",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,10,40,,,,,"])},
        "projects.csv",
        2,
        "value_high",
        "below the project's value 50",
    ),
    Case(
        "a range of impact without the value it is around",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,,60,80,,,,,"])},
        "projects.csv",
        2,
        "value",
        "Write the most likely value between 60 and 80",
    ),
    Case(
        "a week range a spreadsheet turned into a date",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,8-Jul,20"])},
        "calendar.csv",
        2,
        "week",
        "a spreadsheet turns a range typed as 7-8 into a date",
    ),
    Case(
        # A writer away for weeks 9-10, added under the row for 7-13: "ranges must not
        # overlap" left the leader to work out which rows to write instead.
        "a week range inside another row's weeks",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,7-13,85", "T1,9-10,45"])},
        "calendar.csv",
        3,
        "week",
        "already has week 9 on row 2 (weeks 7-13). To give weeks 9-10 their own hours, "
        "change row 2 to weeks 7-8 and add a row for weeks 11-13 with its hours",
    ),
    Case(
        "a week at the end of another row's weeks",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,7-13,85", "T1,13,0"])},
        "calendar.csv",
        3,
        "week",
        "To give week 13 its own hours, change row 2 to weeks 7-12:",
    ),
    Case(
        "a week range over all of another row's weeks",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,9,85", "T1,8-10,45"])},
        "calendar.csv",
        3,
        "week",
        "Delete row 2 or this row",
    ),
    Case(
        "hours a spreadsheet shows as a date",
        row("teams.csv", 2, "T1,Brand,marketing,1901-02-03,seo:4; content:3,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "it reads as a date",
    ),
    Case(
        # 8:00 typed for eight hours is a time of day to a spreadsheet: it read 'is not a
        # number.' with the fix to write a plain decimal, which 8:00 looked like.
        "hours a spreadsheet keeps as a time",
        row("teams.csv", 2, "T1,Brand,marketing,08:00:00,seo:4; content:3,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "it reads as a time",
    ),
    Case(
        "a title row above the header",
        {"teams.csv": text(["Our teams Q3,,,,,,", *BASE["teams.csv"]])},
        "teams.csv",
        1,
        None,
        "Delete row 1",
    ),
    Case(
        # It read 'column B has values but no name on the header row', once per column.
        "a title and an empty row above the header",
        {"teams.csv": text(["Our teams Q3,,,,,,", ",,,,,,", *BASE["teams.csv"]])},
        "teams.csv",
        1,
        None,
        "the column names are on row 3, under a title on row 1",
    ),
    Case(
        "negative value_low",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,-5,80,,,,,"])},
        "projects.csv",
        2,
        "value_low",
        "-5",
    ),
    Case(
        "two teams files whose names differ in case",
        {"Teams.csv": text(BASE["teams.csv"])},
        "teams.csv",
        None,
        None,
        "Keep one of them",
    ),
    Case(
        "a name longer than a spreadsheet cell holds",
        row("teams.csv", 2, "T1," + "B" * 40_000 + ",marketing,400,seo:4; content:3,,"),
        "teams.csv",
        2,
        "name",
        "at most 32,767",
    ),
    Case(
        "a 5,000-digit capacity",
        row("teams.csv", 2, "T1,Brand,marketing," + "9" * 5_000 + ",seo:4; content:3,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "5,000 characters' is too large",
    ),
    # -- settings ------------------------------------------------------------
    Case(
        "bad settings value",
        whole("settings.toml", "[solve]\ntime_limit_s = -1\n"),
        "settings.toml",
        None,
        "solve.time_limit_s",
        "out of range",
    ),
]

TOLERATED = [
    Tolerated(
        "a value range, and an empty side that means the value itself",
        {
            "projects.csv": text(
                [
                    RANGE_HEADER,
                    "P1,Blog,G1,awareness,120,50,20,90.5,,,,,",
                    "P2,Ads,G1,awareness,1,5,,9,,,,,",
                ]
            ),
            "estimates.csv": None,
            "rules.csv": None,
        },
        lambda p: (
            (p.projects[0].low, p.projects[0].high, p.projects[1].low)
            == (Decimal(20), Decimal("90.5"), Decimal(5))
        ),
    ),
    Tolerated(
        "byte-order mark",
        whole("teams.csv", b"\xef\xbb\xbf" + text(BASE["teams.csv"]).encode()),
        lambda p: p.teams[0].team_id == "T1",
    ),
    Tolerated(
        "quoted newline in a name",
        row("teams.csv", 2, 'T1,"Brand\nand Content",marketing,400,seo:4,,'),
        lambda p: p.teams[0].name == "Brand\nand Content" and p.teams[1].team_id == "T2",
    ),
    Tolerated(
        "names NA None null kept as text",
        {
            "teams.csv": text([TEAM_HEADER, "NA,None,marketing,400,,,", "T2,null,sales,3,,,"]),
            "estimates.csv": None,
            "rules.csv": None,
        },
        lambda p: [(t.team_id, t.name) for t in p.teams] == [("NA", "None"), ("T2", "null")],
    ),
    Tolerated(
        "padded and capitalised headers",
        row("rules.csv", 1, " Project_ID , TEAM_ID ,Rule "),
        lambda p: len(p.rules) == 1,
    ),
    Tolerated(
        "Windows line ends and trailing commas",
        whole("estimates.csv", b"project_id,team_id,effort_hours,value,,\r\nP1,T1,100,,,\r\n"),
        lambda p: p.estimates[0].effort_hours == Decimal(100),
    ),
    Tolerated(
        "blank lines between rows",
        whole("goals.csv", text([*BASE["goals.csv"][:2], "", ",,,,,", BASE["goals.csv"][2]])),
        lambda p: [g.goal_id for g in p.goals] == ["G1", "G2"],
    ),
    Tolerated(
        # pandas writes a week column with a blank cell as 8.0; duration_weeks took 6.0 already
        "calendar weeks written as 8.0 and 2.0-3.0",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,8.0,20", "T2,2.0-3.00,10"])},
        lambda p: (
            [(r.team_id, r.first_week, r.last_week) for r in p.calendar]
            == [("T1", 8, 8), ("T2", 2, 3)]
        ),
    ),
    Tolerated(
        "formula characters and quotes in names",
        row("teams.csv", 2, 'T1,"=SUM(A1) ""Brand"", Inc",marketing,400,,,'),
        lambda p: p.teams[0].name == '=SUM(A1) "Brand", Inc',
    ),
]


def make_folder(root: Path, changes: dict[str, Content]) -> Path:
    folder = root / "data"
    folder.mkdir()
    files: dict[str, Content] = {name: text(lines) for name, lines in BASE.items()}
    files.update(changes)
    for name, content in files.items():
        if content is not None:
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
    return folder


def located(issues: tuple[InputIssue, ...]) -> list[tuple[str, int | None, str | None]]:
    return [(i.file, i.row, i.column) for i in issues]


def test_the_matrix_has_at_least_forty_cases() -> None:
    """The bad-input contract is only as good as the cases that pin it down."""
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_at_its_file_row_and_column(tmp_path: Path, case: Case) -> None:
    """A leader fixes a file by going to a cell; the error must name that cell and the fix."""
    folder = make_folder(tmp_path, case.files)

    with pytest.raises(InvalidInputError) as caught:
        load_problem(folder)

    where = (case.file, case.row, case.column)
    matching = [i for i in caught.value.errors if (i.file, i.row, i.column) == where]
    assert matching, f"no error at {where}; got {located(caught.value.errors)}"
    assert any(case.phrase in f"{i.message} {i.fix}" for i in matching), [str(i) for i in matching]
    assert all(i.fix for i in matching), "every error says how to fix it"


@pytest.mark.parametrize("case", TOLERATED, ids=lambda c: c.name)
def test_odd_but_valid_input_loads(tmp_path: Path, case: Tolerated) -> None:
    """Exports from real spreadsheets carry BOMs, CRLF, quotes and blanks; none is an error."""
    folder = make_folder(tmp_path, case.files)

    problem = load_problem(folder).problem

    assert case.check(problem)  # type: ignore[operator]


def test_a_message_quotes_a_long_cell_in_part(tmp_path: Path) -> None:
    """A 100,000-character cell in the wrong column is quoted by its start, end and length:
    the message stays a line a leader can read, not the cell again (the app shows it too).
    """
    folder = make_folder(tmp_path, row("teams.csv", 2, "T1,Brand," + "x" * 100_000 + ",400,,,"))
    with pytest.raises(InvalidInputError) as caught:
        load_problem(folder)
    errors = caught.value.errors
    assert {i.column for i in errors} == {"department"}
    assert any("not a department" in i.message for i in errors)
    assert all("100,000 characters" in i.message and len(str(i)) < 300 for i in errors)


def test_a_file_over_the_row_cap_is_rejected_without_parsing_it_all(tmp_path: Path) -> None:
    """A runaway export must be refused quickly and in bounded memory, not freeze the app."""
    num_rows = 5 * MAX_ROWS
    folder = make_folder(tmp_path, {})
    with (folder / "teams.csv").open("w") as out:
        out.write("team_id,department,capacity_hours\n")
        out.writelines(f"T{i},sales,1\n" for i in range(num_rows))

    tracemalloc.start()
    try:
        with pytest.raises(InvalidInputError) as caught:
            load_problem(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert located(caught.value.errors) == [("teams.csv", None, None)]
    assert f"more than {MAX_ROWS:,} data rows" in caught.value.errors[0].message
    # Parsing all 500,000 rows would take well over 100 MB of Python objects.
    assert peak < 64 * 2**20


def test_a_file_of_columns_nobody_plans_with_is_refused_at_the_cell_cap(tmp_path: Path) -> None:
    """Rows x columns is what reading costs, not the bytes alone: a 6 MB teams.csv of
    1,000 columns x 3,000 rows of '1' is 3 million cells. Six such files zipped to 800 KB
    took the app 76 s and 2.1 GB to refuse; the file is now refused once its cells pass
    the cap, before the rest is read."""
    folder = make_folder(tmp_path, {})
    extra = 1_000 - len(TEAM_HEADER.split(","))
    with (folder / "teams.csv").open("w") as out:
        out.write(TEAM_HEADER + "," + ",".join(f"note{i}" for i in range(extra)) + "\n")
        ones = ",1" * extra
        out.writelines(f"T{i},Team {i},sales,1,,,{ones}\n" for i in range(3_000))

    tracemalloc.start()
    try:
        with pytest.raises(InvalidInputError) as caught:
            load_problem(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert located(caught.value.errors) == [("teams.csv", None, None)]
    (problem,) = caught.value.errors
    assert f"more than {MAX_CELLS:,} cells" in problem.message
    assert "1,000 columns" in problem.message
    assert "team_id, name, department" in problem.fix
    # The 3 million cells read whole take well over 200 MB of Python objects.
    assert peak < 64 * 2**20


def test_data_files_past_the_cell_cap_together_are_refused(tmp_path: Path) -> None:
    """The cap holds for the data files together: six files of 990,000 cells each, just
    under it one by one, zipped to 100 KB, took the Data page 9 s and 320 MB to refuse.
    The file in which the cells together pass it is named, and reading stops there."""
    folder = make_folder(tmp_path, {})
    extra = 600 - len(TEAM_HEADER.split(","))
    with (folder / "teams.csv").open("w") as out:
        out.write(TEAM_HEADER + "," + ",".join(f"note{i}" for i in range(extra)) + "\n")
        out.writelines(f"T{i},Team {i},sales,1,,,{',1' * extra}\n" for i in range(999))
    rules = (folder / "rules.csv").read_text().splitlines()
    extra = 600 - len(rules[0].split(","))
    with (folder / "rules.csv").open("w") as out:
        out.write(rules[0] + "," + ",".join(f"note{i}" for i in range(extra)) + "\n")
        out.writelines(f"{rules[1]}{',1' * extra}\n" for _ in range(999))

    with pytest.raises(InvalidInputError) as caught:
        load_problem(folder)

    past = [i for i in caught.value.errors if "cells" in i.message]
    assert located(tuple(past)) == [("teams.csv", None, None)]
    assert f"the data files hold more than {MAX_CELLS:,} cells together" in past[0].message


def test_a_file_over_the_size_cap_is_rejected_before_it_is_read(tmp_path: Path) -> None:
    """A multi-gigabyte file must be refused from its size alone."""
    folder = make_folder(tmp_path, {})
    with (folder / "projects.csv").open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk

    tracemalloc.start()
    try:
        with pytest.raises(InvalidInputError) as caught:
            load_problem(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert located(caught.value.errors) == [("projects.csv", None, None)]
    assert f"at most {MAX_FILE_BYTES:,} bytes" in caught.value.errors[0].message
    assert peak < MAX_FILE_BYTES // 8


def test_an_error_after_a_quoted_newline_names_the_spreadsheet_row(tmp_path: Path) -> None:
    """A name over two lines is still one spreadsheet row; later rows must not shift."""
    folder = make_folder(
        tmp_path,
        {
            "teams.csv": text(
                [TEAM_HEADER, 'T1,"Brand\nand Content",marketing,400,,,', "T2,Closers,sales,x,,,"]
            )
        },
    )

    with pytest.raises(InvalidInputError) as caught:
        load_problem(folder)

    assert located(caught.value.errors) == [("teams.csv", 3, "capacity_hours")]


def test_error_text_reads_as_file_row_column_problem_and_fix(tmp_path: Path) -> None:
    """The CLI prints str(issue); its shape is part of the contract leaders see. The fix
    gives the figure meant, exactly (it read "Write a plain decimal such as 120.5")."""
    folder = make_folder(tmp_path, row("projects.csv", 2, PROJECT_ROW.format(effort='"12,5"')))

    with pytest.raises(InvalidInputError) as caught:
        load_problem(folder)

    assert str(caught.value.errors[0]) == (
        "projects.csv, row 2, column effort_hours: '12,5' is not a number (it uses a decimal "
        "comma). Fix: Write it as 12.5."
    )


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
    same way, whichever file the reference stands in (estimates, rules or calendar)."""
    with pytest.raises(InvalidInputError) as caught:
        load_problem(make_folder(tmp_path, changes))

    [issue] = [i for i in caught.value.errors if (i.file, i.column) == (file, column)]
    assert issue.fix == f"Use a {column} from {fix} (ids are compared exactly)."


# -- fuzz: nothing but InvalidInputError ------------------------------------

CSV_ALPHABET = st.sampled_from([*'abT1P0.,;:"\n\r -e\t', "\x00", "é", "\ufeff", "\udc80"])


def projects_frame() -> pd.DataFrame:
    return pd.DataFrame({"project_id": ["P1"], "stage": ["awareness"], "effort_hours": ["1"]})


def only_invalid_input(run: object) -> None:
    try:
        run()  # type: ignore[operator]
    except InvalidInputError as exc:
        assert exc.issues
        assert all(isinstance(i, InputIssue) for i in exc.issues)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=300)
    | st.text(CSV_ALPHABET, max_size=200).map(lambda s: s.encode("utf-8", errors="surrogateescape"))
)
def test_any_bytes_end_as_a_frame_or_invalid_input(data: bytes) -> None:
    """No upload, however broken, may crash the app or the CLI with a traceback."""

    def run() -> None:
        teams = read_csv_text(data, "teams.csv")
        build_problem({"teams.csv": teams, "projects.csv": projects_frame()})

    only_invalid_input(run)


CELLS = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["1", "0", "-1", "1e3", "true", "sales", "awareness", "seo:9", "P1", " "]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


@st.composite
def edited_frames(draw: st.DrawFn) -> dict[str, pd.DataFrame]:
    """Frames as the data editor might hand them back: any columns, any cell types."""
    frames = {}
    for name, columns in COLUMNS.items():
        if name not in ("teams.csv", "projects.csv") and draw(st.booleans()):
            continue
        chosen = draw(st.lists(st.sampled_from([*columns, "extra", " "]), max_size=8))
        rows = draw(st.lists(st.lists(CELLS, min_size=len(chosen), max_size=len(chosen))))
        frames[name] = pd.DataFrame(rows, columns=chosen, dtype=object)
    return frames


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=edited_frames())
def test_any_edited_cells_end_as_a_problem_or_invalid_input(
    frames: dict[str, pd.DataFrame],
) -> None:
    """Whatever a leader types into the editor, validation answers in words, never a crash."""

    def run() -> None:
        result = build_problem(frames)
        assert isinstance(result.problem, Problem)

    only_invalid_input(run)


def test_a_header_with_a_character_nobody_can_see_is_shown_and_named(tmp_path: Path) -> None:
    """'name' followed by a zero-width space read "the column 'name' is not one Goal Planner
    knows ... Did you mean 'name'?" on the Data page: the two names looked the same. The
    character is shown as an escape and the fix says to retype it."""
    header, *rows = BASE["teams.csv"]
    folder = make_folder(
        tmp_path, {"teams.csv": text([header.replace(",name,", ",name\u200b,"), *rows])}
    )
    warnings = load_problem(folder).warnings
    (warning,) = [w for w in warnings if w.column == "name\\u200b"]
    assert "'name\\u200b' is not one Goal Planner knows" in warning.message
    assert warning.fix.startswith("Retype it as 'name': it holds a character nobody can see.")


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
        load_problem(folder)

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
        load_problem(folder)

    assert located(caught.value.errors) == [("goals.csv", 1, "goal_id")]
    assert "3 references to goals" in caught.value.errors[0].message
