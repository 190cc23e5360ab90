"""The Excel template's hints: what each column takes, said where a leader types it.

A template of headers alone left a newcomer to guess the formats (``name:level``
skills, ``;`` lists, ``true``/``false``), and Excel made a calendar week ``5-8`` a
date. :func:`dress_template` gives each header a comment saying its format with an
example (SPEC "The data folder"), offers the few answers a column takes as a list
(data validation), asks number columns for numbers, and formats the calendar's week
column as text. None of it is a cell: the template loads back as the plain one does.
"""

from __future__ import annotations

from typing import Any

from planner.core.domain import DEPARTMENTS
from planner.core.settings import Settings
from planner.core.tables import CALENDAR, ESTIMATES, GOALS, PROJECTS, RULES, TEAMS

#: Who the comments are from, as Excel shows it above a comment's text.
AUTHOR = "Goal Planner"
#: Text, as Excel's number format names it: "5-8" typed in it stays "5-8".
TEXT_FORMAT = "@"
#: Columns whose cells are text whatever is typed: a week range Excel would read as a date.
TEXT_COLUMNS = {CALENDAR: ("week",)}

_ID = "Required. A unique id"
_A_TEAM = "Required. A team_id of the teams sheet, e.g. demand-gen."
_A_PROJECT = "Required. A project_id of the projects sheet, e.g. LG-01."
_BOOLEAN = "Optional. true or false (yes/no and 1/0 read too; empty = false)"

#: Each data sheet's column -> its comment: required or not, the format, an example.
HINTS: dict[str, dict[str, str]] = {
    TEAMS: {
        "team_id": f"{_ID}, e.g. demand-gen.",
        "name": "Optional. The name the pages show (empty = the id), e.g. Demand Gen.",
        "department": "Required. sales or marketing, e.g. marketing.",
        "capacity_hours": "Required. Hours for planned projects this quarter, a number of at "
        "least 0 (up to 3 decimals), e.g. 1200 or 1200.5.",
        "skills": "Optional. Skills as name:level (level 1 to 5; a name alone is level 1), "
        "separated by ;, e.g. seo:4; content:3; events:2",
        "stages": "Optional. The funnel stages it works on, separated by ;, e.g. awareness; "
        "lead_generation. Empty = every stage its department may own.",
        "max_projects": "Optional. At most this many projects, a whole number of at least 1, "
        "e.g. 4.",
    },
    PROJECTS: {
        "project_id": f"{_ID}, e.g. LG-01.",
        "name": "Optional. The name the pages show (empty = the id), e.g. Google Ads rebuild.",
        "goal_id": "Optional. The goal it serves, a goal_id of the goals sheet, e.g. mql.",
        "stage": "Required. Its funnel stage: " + ", ".join(Settings().stages.order) + "; "
        "e.g. lead_generation.",
        "effort_hours": "Required. Hours of work, a number above 0, e.g. 200.",
        "value": "Optional. What it adds to its goal's KPI, in the KPI's unit, at least 0 "
        "(empty = 0), e.g. 300.",
        "value_low": "Optional. The least it may add, for its goal's odds, e.g. 200.",
        "value_high": "Optional. The most it may add, for its goal's odds, e.g. 400.",
        "required_skills": "Optional. Minimum skill levels as name:level, separated by ;, "
        "e.g. paid_search:3; analytics:2",
        "mandatory": f"{_BOOLEAN}: it must be in the plan, e.g. true.",
        "joint": f"{_BOOLEAN}: it needs a sales and a marketing team, e.g. false.",
        "sales_share": "Optional. For a joint project, the sales team's share of its effort, "
        "between 0 and 1 (empty = 0.5), e.g. 0.3.",
        "depends_on": "Optional. The project_ids that must be in the plan for it, separated "
        "by ;, e.g. LG-01; LG-02",
        "duration_weeks": "Optional. The whole weeks it runs, 1 to the quarter's weeks "
        "(empty = all of its window), e.g. 4.",
        "earliest_week": "Optional. The first week it may start, a whole number (empty = 1), "
        "e.g. 3.",
        "due_week": "Optional. The last week it may run, a whole number (empty = the "
        "quarter's last), e.g. 9.",
    },
    GOALS: {
        "goal_id": f"{_ID}, e.g. mql.",
        "name": "Optional. The name the pages show, e.g. Marketing-qualified leads.",
        "kpi": "Optional. The KPI's name and unit, e.g. MQLs or pipeline $.",
        "target": "Required. The KPI to reach, a number above 0, e.g. 500.",
        "owner": "Optional. sales, marketing or shared (empty = shared), e.g. marketing.",
        "weight": "Optional. How much it matters beside the others, a number above 0 "
        "(empty = 1), e.g. 2.",
    },
    ESTIMATES: {
        "project_id": _A_PROJECT,
        "team_id": _A_TEAM,
        "effort_hours": "Optional. This team's hours for the project, a number above 0, e.g. 150.",
        "value": "Optional. What the project adds with this team, at least 0, e.g. 350.",
    },
    RULES: {
        "project_id": _A_PROJECT,
        "team_id": _A_TEAM,
        "rule": "Required. pin (this team must own it) or forbid (this team must not), e.g. pin.",
    },
    CALENDAR: {
        "team_id": _A_TEAM,
        "week": "Required. A week number, or a range of weeks written with a dash (text, "
        "not a date), e.g. 7 or 7-8.",
        "capacity_hours": "Required. The team's hours for planned projects in each of those "
        "weeks, at least 0 (0 = away), e.g. 20.",
    },
}
#: The settings sheet's two columns.
SETTINGS_HINTS = {
    "key": "A setting's name, e.g. capacity.max_utilization or stages.order.",
    "value": "Its value; a list separated by ;, e.g. 0.9 or awareness; lead_generation",
}


def _choices(*words: str) -> tuple[str, ...]:
    return ("list", '"' + ",".join(words) + '"')


#: Each data sheet's column -> its validation: (type, operator, bound) for numbers,
#: ("list", formula) for the few answers a column takes. A list of stages or of
#: true/false only warns: settings may name other stages, and yes/no read too.
_AT_LEAST_0 = ("decimal", "greaterThanOrEqual", "0")
_ABOVE_0 = ("decimal", "greaterThan", "0")
_WEEK = ("whole", "greaterThanOrEqual", "1")
VALIDATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    TEAMS: {
        "department": _choices(*DEPARTMENTS),
        "capacity_hours": _AT_LEAST_0,
        "max_projects": ("whole", "greaterThanOrEqual", "1"),
    },
    PROJECTS: {
        "stage": _choices(*Settings().stages.order),
        "effort_hours": _ABOVE_0,
        "value": _AT_LEAST_0,
        "value_low": _AT_LEAST_0,
        "value_high": _AT_LEAST_0,
        "mandatory": _choices("true", "false"),
        "joint": _choices("true", "false"),
        "sales_share": ("decimal", "between", "0", "1"),
        "duration_weeks": _WEEK,
        "earliest_week": _WEEK,
        "due_week": _WEEK,
    },
    GOALS: {
        "target": _ABOVE_0,
        "owner": _choices(*DEPARTMENTS, "shared"),
        "weight": _ABOVE_0,
    },
    ESTIMATES: {"effort_hours": _ABOVE_0, "value": _AT_LEAST_0},
    RULES: {"rule": _choices("pin", "forbid")},
    CALENDAR: {"capacity_hours": _AT_LEAST_0},
}
#: Columns whose list only warns (another answer may still be right).
_WARN_ONLY = {"stage", "mandatory", "joint"}
#: The rows a validation covers: every row a sheet may have under its header.
_LAST_ROW = 1_048_576


def dress_template(workbook: Any, files: dict[str, str]) -> None:
    """Comment each header, validate each column and format the text columns of the
    template's sheets (``files``: sheet title -> the data file it holds; ``settings`` for
    the settings sheet)."""
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    for sheet in workbook.worksheets:
        file = files.get(sheet.title)
        hints = SETTINGS_HINTS if file == "settings" else HINTS.get(file or "", {})
        rules = VALIDATIONS.get(file or "", {})
        for cell in sheet[1]:
            column = str(cell.value)
            if column in hints:
                cell.comment = Comment(hints[column], AUTHOR, height=110, width=300)
            letter = cell.column_letter
            if column in TEXT_COLUMNS.get(file or "", ()):
                sheet.column_dimensions[letter].number_format = TEXT_FORMAT
            if column not in rules:
                continue
            kind, *formulas = rules[column]
            operator = None if kind == "list" else formulas.pop(0)
            validation = DataValidation(
                type=kind,
                operator=operator,
                formula1=formulas[0],
                formula2=formulas[1] if len(formulas) > 1 else None,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning" if column in _WARN_ONLY else "stop",
                errorTitle=column,
                error=hints.get(column, ""),
            )
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
            sheet.add_data_validation(validation)
