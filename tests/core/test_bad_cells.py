"""Bad cells: numbers, choices, skills, value ranges and settings each end as one
InvalidInputError that names the file, row and column; odd but valid cells load.

Each case starts from a tiny valid folder (tests/bad_input_cases.py) and breaks one
cell, or writes one the way real spreadsheets export it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from bad_input_cases import (
    BASE,
    PROJECT_ROW,
    RANGE_HEADER,
    TEAM_HEADER,
    Case,
    Tolerated,
    assert_reported_at_its_cell,
    make_folder,
    row,
    text,
    whole,
)

from planner.core.loading import (
    load_with_warnings,
)

CASES = [
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
    # Told "Write a plain decimal such as 3", as though 2.5 were taken (attack round 32).
    Case(
        "max_projects infinite",
        row("teams.csv", 3, "T2,Closers,sales,300,,,∞"),
        "teams.csv",
        3,
        "max_projects",
        "Write a whole number such as 3",
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
        "a boolean exported as 1.0",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,120,50,,1.0,false,,"),
        "projects.csv",
        2,
        "mandatory",
        "it is 1 written with a decimal point",
    ),
    Case(
        "a boolean ticked with a check mark",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,120,50,,\u2713,false,,"),
        "projects.csv",
        2,
        "mandatory",
        "a check mark: write true",
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
    Case(
        "skill listed three times",
        row("teams.csv", 2, "T1,Brand,marketing,400,seo:4; SEO :2; seo:1,,"),
        "teams.csv",
        2,
        "skills",
        "'seo' is listed 3 times",
    ),
    # -- value ranges (SPEC "Uncertain impact") -------------------------------
    Case(
        # Read "value_low 80 is above the value" and "value_high 10 is below it": one swap.
        "value_low and value_high the wrong way round",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,80,10,,,,,"])},
        "projects.csv",
        2,
        "value_low",
        "are the wrong way round: value_low is the worst case, at most the most likely value "
        "50, and value_high the best case, at least it. Write 10 in value_low and 80 in "
        "value_high.",
    ),
    Case(
        # Read only "percent signs are not allowed", with no figure to write.
        "value_high as a percent of the value",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,,150 %,,,,,"])},
        "projects.csv",
        2,
        "value_high",
        "'150 %' is a percent; value_high holds a figure in the value's unit (the best case), "
        "not a share of it. Write 75 (150 % of the value 50)",
    ),
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
        "a value_low with a k for thousands",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,10k,80,,,,,"])},
        "projects.csv",
        2,
        "value_low",
        "its k stands for thousands: write it as 10000",
    ),
    Case(
        "an effort kept as text by an apostrophe",
        row("projects.csv", 2, PROJECT_ROW.format(effort="'120")),
        "projects.csv",
        2,
        "effort_hours",
        "it starts with an apostrophe",
    ),
    Case(
        "a range of weeks written in earliest_week",
        {
            "projects.csv": text(
                [
                    "project_id,goal_id,stage,effort_hours,earliest_week,due_week",
                    "P1,G1,awareness,120,3-8,",
                    "P2,G1,awareness,80,,",
                    "P3,G2,closing,100,,",
                ]
            )
        },
        "projects.csv",
        2,
        "earliest_week",
        "Write 3 in earliest_week and 8 in due_week.",
    ),
    Case(
        # Read "'2-3' is not a number (it is a range ...)" with a plain decimal's fix, where
        # earliest_week and due_week were told what they hold (attack round 36).
        "a range of weeks written in duration_weeks",
        {
            "projects.csv": text(
                [
                    "project_id,goal_id,stage,effort_hours,duration_weeks",
                    "P1,G1,awareness,120,2-3",
                    "P2,G1,awareness,80,",
                    "P3,G2,closing,100,",
                ]
            )
        },
        "projects.csv",
        2,
        "duration_weeks",
        "duration_weeks holds one whole number of weeks, how long the project runs",
    ),
    Case(
        # Read only "'(200)' is not a number" with a plain decimal's fix (attack round 36).
        "an effort in brackets, as accounting writes a figure below 0",
        row("projects.csv", 2, PROJECT_ROW.format(effort='"(1,200)"')),
        "projects.csv",
        2,
        "effort_hours",
        "(1,200) is -1200 h, less than any effort_hours may be",
    ),
    Case(
        # "Write it as 1000.5" in a whole-number column, refused in turn (attack round 36).
        "a cap with a thousands separator and decimals",
        row("teams.csv", 3, 'T2,Closers,sales,300,negotiation:3,,"1,000.5"'),
        "teams.csv",
        3,
        "max_projects",
        "Write a whole number such as 3",
    ),
    Case(
        # Read "'-' is not a number. Fix: Write a whole number such as 3", where a leader
        # writes a dash for none and the empty cell is what says so (attack round 36).
        "a dash for none in an optional number cell",
        row("teams.csv", 3, "T2,Closers,sales,300,negotiation:3,,-"),
        "teams.csv",
        3,
        "max_projects",
        "Leave the cell empty (an empty cell takes its default)",
    ),
    Case(
        "a range of impact written in the value cell",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,10k-40k,,,,,,,"])},
        "projects.csv",
        2,
        "value",
        "Write 10000 in value_low and 40000 in value_high, and the most likely figure",
    ),
    Case(
        "a range of impact written in the value_high cell",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,50,,40 to 80,,,,,"])},
        "projects.csv",
        2,
        "value_high",
        "Write 40 in value_low and 80 in value_high.",
    ),
    Case(
        "a range of impact below 0 written in the value cell",
        {"projects.csv": text([RANGE_HEADER, "P1,Blog,G1,awareness,120,-10k--5k,,,,,,,"])},
        "projects.csv",
        2,
        "value",
        "-10000 is less than any value may be (at least 0): check the units",
    ),
    Case(
        "a value_low with a decimal comma before its k",
        {"projects.csv": text([RANGE_HEADER, 'P1,Blog,G1,awareness,120,5000,"1,5k",,,,,,'])},
        "projects.csv",
        2,
        "value_low",
        "its k stands for thousands and its comma for a decimal point: write it as 1500",
    ),
    Case(
        "a goal's target written as a range",
        row("goals.csv", 2, "G1,More MQLs,MQLs,2000-3000,marketing,2"),
        "goals.csv",
        2,
        "target",
        "'2000-3000' is not a number (it is a range, 2000 to 3000, where the cell holds one",
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
        "longer than a name may be: at most 1,000 characters",
    ),
    Case(
        "a note longer than a spreadsheet cell holds",
        whole("rules.csv", "project_id,team_id,rule,note\nP3,T2,pin," + "B" * 40_000 + "\n"),
        "rules.csv",
        2,
        "note",
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
    Case(
        "a share typed without its decimal point",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,10,50,seo:3,true,true,01,"),
        "projects.csv",
        2,
        "sales_share",
        "Write 0.1 if that is the share meant",
    ),
    Case(
        "two decimal points",
        row("projects.csv", 2, "P1,Blog relaunch,G1,awareness,10,50,seo:3,true,true,0.2.1,"),
        "projects.csv",
        2,
        "sales_share",
        "(it has 2 decimal points). Keep one decimal point: 0.21 or 0.2, whichever was meant",
    ),
    Case(
        "a point typed twice in hours",
        row("projects.csv", 2, PROJECT_ROW.format(effort="12..5")),
        "projects.csv",
        2,
        "effort_hours",
        "Keep one decimal point: 12.5,",
    ),
    Case(
        "a spreadsheet's error value exported as the cell",
        row("projects.csv", 2, PROJECT_ROW.format(effort="#REF!")),
        "projects.csv",
        2,
        "effort_hours",
        "(it is the error a spreadsheet shows for a formula that failed). Correct the formula",
    ),
    Case(
        "a formula kept as text",
        row("projects.csv", 2, PROJECT_ROW.format(effort="=1/0")),
        "projects.csv",
        2,
        "effort_hours",
        "(it is a formula kept as text, not its result). Save the file again",
    ),
    Case(
        "a calendar range without its last week",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,3-,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no last week). Write 3-13 for week 3 to the quarter's end, or 3",
    ),
    Case(
        "a calendar range without its first week",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,-5,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no first week). Write 1-5 for weeks 1 to 5, or 5.",
    ),
    Case(
        "a calendar range without its first week, typed -0",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,-0,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no first week, and week 0 is outside the quarter's weeks 1-13). Write a week",
    ),
    Case(
        "a calendar range without its first week, past the quarter",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,-20,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no first week, and week 20 is outside the quarter's weeks 1-13). Write a week",
    ),
    Case(
        "a calendar range from the quarter's last week without its last week",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,13-,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no last week). Write 13: it is the quarter's last week.",
    ),
    Case(
        "a calendar range with two dashes, backwards",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,5--3,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has a dash too many). Write it as 3-5.",
    ),
    Case(
        "a calendar range with two dashes",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,3--5,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has a dash too many). Write it as 3-5.",
    ),
    # Read only "not a week or a range of weeks" (attack round 32), and "8 to 7" (like
    # "8—7") was told to write 8-7, a range that runs backwards.
    Case(
        "a calendar range written with 'to', backwards",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,8 to 7,20"])},
        "calendar.csv",
        2,
        "week",
        "(its weeks are joined by 'to', not the '-' key: write it as 7-8)",
    ),
    # A range in words with an end left out read only "not a week or a range of weeks"
    # (attack round 33), where "7-" is told the range to write.
    Case(
        "a calendar range in words with no last week",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,7 to,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no last week). Write 7-13 for week 7 to the quarter's end, or 7 for that week.",
    ),
    Case(
        "a calendar range in words with no first week",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,to 8,20"])},
        "calendar.csv",
        2,
        "week",
        "(it has no first week). Write 1-8 for weeks 1 to 8, or 8.",
    ),
    Case(
        "a calendar range written with two dots",
        {"calendar.csv": text(["team_id,week,capacity_hours", "T1,7..8,20"])},
        "calendar.csv",
        2,
        "week",
        "(its weeks are joined by '..', not the '-' key: write it as 7-8)",
    ),
    Case(
        "a skill's level written as a word",
        row("teams.csv", 2, "T1,Brand,marketing,400,discovery: three,,"),
        "teams.csv",
        2,
        "skills",
        "of skill 'discovery' is not a whole number from 1 to 5. Write discovery:3.",
    ),
    Case(
        "calendar weeks listed in one cell",
        {"calendar.csv": text(["team_id,week,capacity_hours", 'T1,"7,8,9-13",20'])},
        "calendar.csv",
        2,
        "week",
        "(it lists 3 weeks or ranges: a row holds one). Write 7-13: the weeks run on, one range.",
    ),
    Case(
        "calendar weeks listed in one cell beside hours with a decimal comma",
        {"calendar.csv": text(["team_id,week,capacity_hours", 'T1,"7,9-13,14","20,5"'])},
        "calendar.csv",
        2,
        "week",
        "14 is outside the quarter's weeks 1-13). Give each week or range its own row, with "
        "its hours: T1,7,20.5; T1,9-13,20.5.",
    ),
    Case(
        "calendar weeks listed in one cell for a team typed in lower case",
        {"calendar.csv": text(["team_id,week,capacity_hours", 't1,"2; 4 - 5",1e1'])},
        "calendar.csv",
        2,
        "week",
        "its own row, with its hours: T1,2,10; T1,4-5,10.",
    ),
    Case(
        "calendar weeks listed in one cell beside hours nobody can read",
        {"calendar.csv": text(["team_id,week,capacity_hours", 'T1,"2,4",lots'])},
        "calendar.csv",
        2,
        "week",
        "T1,2,HOURS; T1,4,HOURS (HOURS: the week's hours, a plain decimal such as 40).",
    ),
    # -- names ---------------------------------------------------------------
    Case(
        "quoted line break in a name (Alt+Enter in a cell)",
        row("teams.csv", 2, 'T1,"Brand\nand Content",marketing,400,seo:4,,'),
        "teams.csv",
        2,
        "name",
        "holds a line break (U+000A)",
    ),
    Case(
        "tab in a name",
        row("teams.csv", 2, 'T1,"Brand\tand Content",marketing,400,seo:4,,'),
        "teams.csv",
        2,
        "name",
        "holds a tab (U+0009)",
    ),
    Case(
        # Said only "is not a number": a spreadsheet in German writes a million so.
        "dots between thousands",
        row("teams.csv", 2, "T1,Brand,marketing,1.000.000,,,"),
        "teams.csv",
        2,
        "capacity_hours",
        "dots between thousands, as a spreadsheet in German, French or Spanish writes them",
    ),
    Case(
        "a figure in hexadecimal",
        row("projects.csv", 2, PROJECT_ROW.format(effort="0x78")),
        "projects.csv",
        2,
        "effort_hours",
        "hexadecimal: write it as 120",
    ),
    Case(
        # A capacity sheet labels its weeks W5, W6: read only "not a week or a range".
        "a calendar week written with its letter",
        whole("calendar.csv", text(["team_id,week,capacity_hours", "T1,W5-W6,40"])),
        "calendar.csv",
        2,
        "week",
        "it writes the word week, or its letter, with the number: write it as 5-6",
    ),
    Case(
        "a due week written with its word",
        whole(
            "projects.csv",
            text(
                [BASE["projects.csv"][0] + ",due_week"]
                + [
                    line + ("," if n != 1 else ",week 12")
                    for n, line in enumerate(BASE["projects.csv"][1:], 1)
                ]
            ),
        ),
        "projects.csv",
        2,
        "due_week",
        "Write it as 12: due_week holds the number alone.",
    ),
    Case(
        # Told "write it as 27", then refused as outside the quarter: said at once.
        "a calendar week written with its letter past the quarter",
        whole("calendar.csv", text(["team_id,week,capacity_hours", "T1,W27,40"])),
        "calendar.csv",
        2,
        "week",
        "with the number; and week 27 is outside the quarter's weeks 1-13)",
    ),
    Case(
        "a due week written with its word past the quarter",
        whole(
            "projects.csv",
            text(
                [BASE["projects.csv"][0] + ",due_week"]
                + [
                    line + ("," if n != 1 else ",W27")
                    for n, line in enumerate(BASE["projects.csv"][1:], 1)
                ]
            ),
        ),
        "projects.csv",
        2,
        "due_week",
        "Write a whole number from 1 to 13: due_week holds the number alone.",
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
    Case(
        # TOML reads 1_0 as 10, and read 0x10 as 16 in settings.toml alone: a cell, a
        # settings sheet and a flag refuse both (one rule for numbers).
        "a setting with '_' between its digits",
        whole("settings.toml", "[solve]\nseed = 1_0\n"),
        "settings.toml",
        None,
        "solve.seed",
        "Write seed = 10.",
    ),
    Case(
        "a setting in hexadecimal",
        whole("settings.toml", '[capacity.multipliers]\n"T1" = 0x1\n'),
        "settings.toml",
        None,
        "capacity.multipliers.T1",
        "it is written in hexadecimal): write it as one (T1 = 1)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_at_its_file_row_and_column(tmp_path: Path, case: Case) -> None:
    """A leader fixes a file by going to a cell; the error must name that cell and the fix."""
    assert_reported_at_its_cell(tmp_path, case)


TOLERATED = [
    Tolerated(
        "an end-of-file mark (Ctrl-Z) after the last row, as DOS programs write",
        whole("teams.csv", text(BASE["teams.csv"]) + "\x1a"),
        lambda p: [t.team_id for t in p.teams] == ["T1", "T2"],
    ),
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
        "a goal whose only project is worth 0 to it (warned of, not refused)",
        row("projects.csv", 4, "P3,Close deals,G2,closing,100,0,negotiation:2,,,,P2"),
        lambda p: p.project("P3").value == 0 and [g.goal_id for g in p.goals] == ["G1", "G2"],
    ),
    Tolerated(
        "byte-order mark",
        whole("teams.csv", b"\xef\xbb\xbf" + text(BASE["teams.csv"]).encode()),
        lambda p: p.teams[0].team_id == "T1",
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
    Tolerated(
        # Each read "the row has 8 cells but the header has 7 columns" (a warning now).
        "a trailing comma on every data row, not on the header",
        whole("teams.csv", text([BASE["teams.csv"][0], *(f"{r}," for r in BASE["teams.csv"][1:])])),
        lambda p: [(t.team_id, t.max_projects) for t in p.teams] == [("T1", None), ("T2", 2)],
    ),
    Tolerated(
        # 'PROJECT_İD' lowered to 'project_i' and a combining dot: "project_id is missing".
        "a column name in capitals with a Turkish dotted capital I",
        {
            "projects.csv": text(
                ["PROJECT_İD" + BASE["projects.csv"][0][10:], *BASE["projects.csv"][1:]]
            )
        },
        lambda p: [x.project_id for x in p.projects] == ["P1", "P2", "P3"],
    ),
]


@pytest.mark.parametrize("case", TOLERATED, ids=lambda c: c.name)
def test_odd_but_valid_input_loads(tmp_path: Path, case: Tolerated) -> None:
    """Exports from real spreadsheets carry BOMs, CRLF, quotes and blanks; none is an error."""
    folder = make_folder(tmp_path, case.files)

    problem = load_with_warnings(folder).problem

    assert case.check(problem)  # type: ignore[operator]
