"""``plan.csv``: the plan as SPEC.md lays it out, written and read back.

One row per (project, team) pair, then one row per unassigned project with
an empty ``team_id``. Text a spreadsheet would run as a formula is
neutralised with a leading apostrophe (and restored on reading); numbers are
written as plain decimals and stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from planner.core.csv_text import column_letter, column_twice
from planner.core.domain import Assignment, AssignmentStatus, Plan, Problem, Unassigned
from planner.core.errors import InputIssue, InvalidInputError, clipped
from planner.core.identifiers import escaped, identifier, runs_as_formula
from planner.core.not_a_number import why_not_a_number
from planner.core.output import write_text_atomic
from planner.core.ranges import CALENDAR_WEEKS
from planner.core.table_rows import holds_a_note, repeats_the_header, totals_cell
from planner.core.tables import (
    COLUMNS as DATA_COLUMNS,
)
from planner.core.tables import (
    MAX_CELLS,
    MAX_HOURS,
    MAX_VALUE,
    PLAN_COLUMNS,
    other_separator,
    recognise_table,
    separator_line,
    too_many_cells,
)
from planner.core.typed_numbers import why_typed_otherwise, without_plus
from planner.core.week_inputs import WEEK_WITH_ITS_WORD, worded_week
from planner.core.weeks import run_weeks

COLUMNS = PLAN_COLUMNS
NUMBER_COLUMNS = ("share", "effort_hours", "value")
#: The columns a plan must have to be read.
REQUIRED_COLUMNS = ("project_id", "team_id", *NUMBER_COLUMNS, "status")
#: The fix for a file that holds no plan: the planner's own.
GIVE_A_PLAN = "Give the plan.csv or plan.xlsx the planner wrote (planner solve --out)."
WEEK_COLUMNS = ("start_week", "end_week")
#: The fix for a row whose status is no plan's, in plan.csv's words.
STATUS_FIX = "Use assigned, pinned (with a team) or unassigned."
#: plan.xlsx's words for plan.csv's statuses (its Plan sheet's Status column), read as them:
#: each of them, so that a sheet's rows read back as plan.csv writes them ("pinned", not
#: "Pinned"), and a re-plan's work in progress as kept.
SHEET_STATUSES = {
    "planned": "assigned",
    "pinned": "pinned",
    "left out": "unassigned",
    "in progress": "pinned",
}
#: A check-in's re-plan (rest-of-quarter.csv) keeps a row for each project the check-in
#: took out of the weeks left: done, or dropped by the leader. Read back as a baseline,
#: they are the past, not the plan: skipped.
PAST_STATUSES = ("done", "dropped")
#: rest-of-quarter.csv's column of what the check-in did to each row: done, dropped,
#: kept, moved, added, left out, ... (SPEC "The quarter's weeks").
CHECKIN_COLUMN = "at_checkin"


def neutralise(text: str) -> str:
    """Text that no spreadsheet runs as a formula; :func:`restore` undoes it."""
    return "'" + text if runs_as_formula(text) or _neutralised(text) else text


def restore(text: str) -> str:
    """The original text of a :func:`neutralise`-d cell."""
    return text[1:] if _neutralised(text) else text


def _neutralised(text: str) -> bool:
    """Whether ``text`` reads as :func:`neutralise` wrote it: an apostrophe before a
    formula or before another apostrophe (which it adds to, so that restoring is exact)."""
    rest = text[1:]
    return text.startswith("'") and (runs_as_formula(rest) or rest.startswith("'"))


def plain(number: Decimal) -> str:
    """A decimal as a spreadsheet reads it: no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def plan_csv_rows(problem: Problem, plan: Plan) -> list[dict[str, str]]:
    """The rows of ``plan.csv`` as text cells (numbers as plain decimals)."""
    rows = []
    for a in plan.assignments:
        project, team = problem.project(a.project_id), problem.team(a.team_id)
        run = run_weeks(problem, a)
        rows.append(
            {
                "project_id": a.project_id,
                "project_name": project.name,
                "goal_id": project.goal_id or "",
                "stage": project.stage,
                "team_id": a.team_id,
                "team_name": team.name,
                "department": team.department,
                "share": plain(a.share),
                "effort_hours": plain(a.effort_hours),
                "value": plain(a.value),
                "status": (
                    AssignmentStatus.PINNED if a.pinned else AssignmentStatus.ASSIGNED
                ).value,
                "reason": "",
                "start_week": str(run[0]),
                "end_week": str(run[-1]),
            }
        )
    for u in plan.unassigned:
        project = problem.project(u.project_id)
        rows.append(
            {
                "project_id": u.project_id,
                "project_name": project.name,
                "goal_id": project.goal_id or "",
                "stage": project.stage,
                "team_id": "",
                "team_name": "",
                "department": "",
                "share": "0",
                "effort_hours": "0",
                "value": "0",
                "status": AssignmentStatus.UNASSIGNED.value,
                "reason": u.reason,
                "start_week": "",
                "end_week": "",
            }
        )
    return rows


def plan_csv_text(problem: Problem, plan: Plan) -> str:
    """The whole ``plan.csv`` as text, formula-like text neutralised."""
    return rows_csv_text(plan_csv_rows(problem, plan), COLUMNS)


def rows_csv_text(rows: Iterable[Mapping[str, str]], columns: Sequence[str]) -> str:
    """Rows of ``plan.csv`` (:func:`plan_csv_rows`, and any more ``columns`` after its own)
    as its text, formula-like text neutralised."""
    buffer = io.StringIO()
    # CRLF, so that a bare CR or LF inside a cell is quoted like the line breaks it is.
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: (v if k in NUMBER_COLUMNS or k in WEEK_COLUMNS else neutralise(v))
                for k, v in row.items()
            }
        )
    return buffer.getvalue()


def write_plan_csv(problem: Problem, plan: Plan, path: str | Path) -> None:
    """Write ``plan.csv`` (UTF-8) atomically: a crash never leaves half a file.

    Raises
    ------
    InvalidInputError
        When ``path`` cannot be written (see :func:`planner.core.output.write_atomic`).
    """
    write_text_atomic(path, plan_csv_text(problem, plan))


def read_plan_csv(text: str, file: str = "plan.csv", header_row: int = 1) -> Plan:
    """Read a ``plan.csv`` back into the plan it was written from.

    ``header_row``: the row its headers are in where it was read (a plan
    workbook's sheet may have a title above them), so that problems name the
    rows a spreadsheet shows.

    Raises
    ------
    InvalidInputError
        Naming the row and column of every cell that is not a plan's.
    """
    return read_plan_rows(text, file, header_row)[0]


def read_plan_rows(
    text: str, file: str, header_row: int
) -> tuple[Plan, dict[tuple[str, str], int]]:
    """The plan in ``text`` and the row of each (project, team) pair (team "" for a
    project left out), as a spreadsheet numbers them."""
    records = _csv_records(text, file)
    header, header_row = _plan_header(records, file, header_row)
    issues: list[InputIssue] = []
    assignments: list[Assignment] = []
    unassigned: list[Unassigned] = []
    rows_of: dict[tuple[str, str], int] = {}
    # A blank row, or one of commas only (a spreadsheet's cleared row), is no row.
    listed = [
        (number, cells)
        for number, cells in enumerate(records, start=header_row + 1)
        if any(cell.strip() for cell in cells)
    ]
    notes = _notes_below(listed)
    for number, cells in listed:
        if number in notes:
            issues.append(_note_row(file, number, header, cells))
            continue
        if (nul := _nul_cell(cells)) is not None:
            # As a data file's is: 'AW\x00-01' read as a project no longer in the data,
            # dropped from the current plan with a warning.
            issues.append(_nul_row(file, number, header[nul] if nul < len(header) else None))
            continue
        row = _cells(header, cells)
        if repeats_the_header(file, number, row, issues):
            # Two plans pasted into one: it read as a project 'project_id' whose share,
            # hours, value and weeks were each 'not a number'.
            continue
        if (total := totals_cell(row)) is not None:  # "Total" beside the summed hours
            issues.append(_totals_row(file, number, *total))
            continue
        if not row["project_id"]:
            issues.append(_no_project_id(file, number))
            continue
        weeks = _week_cells(row, file, number, issues)
        amounts = _number_cells(row, file, number, issues)
        if len(amounts) < len(NUMBER_COLUMNS):
            continue
        start, end = weeks.get("start_week"), weeks.get("end_week")
        if start is not None and end is not None and start > end:
            issues.append(_ends_before_start(file, number, start, end))
            continue
        # As a leader types it ("Assigned"), as plan.xlsx's statuses and a check-in's read;
        # plan.xlsx's own words ("Planned", "Left out") copied into a plan.csv were refused
        # "Use assigned, pinned ...", nothing saying "Planned" is assigned.
        status = row.get("status", "").lower()
        status = SHEET_STATUSES.get(" ".join(status.split()), status)
        # A row twice (pasted twice, or kept from an older plan) counts its hours and value
        # twice: the baseline's attainment read 22 points above the plan it was.
        key = (row["project_id"], row["team_id"] if status != AssignmentStatus.UNASSIGNED else "")
        if key in rows_of:
            issues.append(_twice(file, number, rows_of[key], key))
            continue
        rows_of[key] = number
        if status in PAST_STATUSES:
            continue  # rest-of-quarter.csv's work done or dropped at its check-in
        if status == AssignmentStatus.UNASSIGNED:
            unassigned.append(Unassigned(row["project_id"], row.get("reason", "")))
        elif status in (AssignmentStatus.ASSIGNED, AssignmentStatus.PINNED) and row["team_id"]:
            assignments.append(_assignment(row, amounts, weeks, status == AssignmentStatus.PINNED))
        else:
            issues.append(_not_a_plan_row(file, number, row))
    if issues:
        raise InvalidInputError(issues)
    return Plan(tuple(assignments), tuple(unassigned)), rows_of


def _assignment(
    row: dict[str, str], amounts: dict[str, Decimal], weeks: dict[str, int | None], pinned: bool
) -> Assignment:
    """The assignment a plan row reads as, its numbers and weeks read already."""
    return Assignment(
        project_id=row["project_id"],
        team_id=row["team_id"],
        share=amounts["share"],
        effort_hours=amounts["effort_hours"],
        value=amounts["value"],
        pinned=pinned,
        start_week=weeks.get("start_week"),
        end_week=weeks.get("end_week"),
    )


def _no_project_id(file: str, number: int) -> InputIssue:
    """A row with no project_id: read as a project "" no longer in the data, it said only
    "1 baseline project ... ignored: "."""
    return InputIssue(
        file,
        number,
        "project_id",
        "the project_id is empty.",
        "Write the project's id as the planner wrote it, or delete the row.",
    )


def _nul_cell(cells: list[str]) -> int | None:
    """The first of ``cells`` holding a NUL byte, which no text file holds, or None."""
    return next((i for i, cell in enumerate(cells) if "\x00" in cell), None)


def _nul_row(file: str, number: int, column: str | int | None) -> InputIssue:
    return InputIssue(
        file,
        number,
        column if isinstance(column, str) else None,
        "the row holds a NUL byte (\\x00), which no text file holds: the file is damaged "
        "or not CSV text.",
        _NUL_FIX,
    )


_NUL_FIX = "Use the plan.csv the planner wrote, or save it again as CSV UTF-8 (Comma delimited)."


def _cells(header: list[str], cells: list[str]) -> dict[str, str]:
    """One record's cells by column (a short record's missing cells empty): numbers and
    weeks trimmed, ids as the data files read them, text as it was written."""
    raw = dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=False))
    row = {
        k: v.strip() if k in NUMBER_COLUMNS or k in WEEK_COLUMNS else restore(v)
        for k, v in raw.items()
        if k
    }
    # Ids compare as the data files read them (trimmed, NFC): a plan kept in a
    # spreadsheet with "content " typed in was refused as a team not in teams.csv.
    for column in ("project_id", "team_id"):
        row[column] = identifier(row.get(column, ""))
    row["status"] = row.get("status", "").strip()
    return row


def _totals_row(file: str, number: int, column: str, word: str) -> InputIssue:
    # It read as a project asking for its share, hours and value ("Write the team's share
    # as the planner wrote it"), or for its id when "Total" stood one column over.
    return InputIssue(
        file,
        number,
        column,
        f"this row reads '{word}' and has no status: it is a totals row added under the "
        "plan, not one of its projects.",
        "Delete the row (or move the totals to a sheet or file of their own): the planner "
        "adds the plan up itself.",
    )


def _notes_below(listed: Sequence[tuple[int, list[str]]]) -> set[int]:
    """The rows of ``listed`` that are notes under the plan: past an empty row, one cell of
    a few words each, and no project after them (as a data table's, :func:`holds_a_note`)."""
    end = len(listed)
    while end > 1 and holds_a_note(listed[end - 1][1]):
        end -= 1
    if end == len(listed) or listed[end][0] == listed[end - 1][0] + 1:
        return set()
    return {number for number, _ in listed[end:]}


def _note_row(file: str, number: int, header: list[str], cells: list[str]) -> InputIssue:
    # "Agreed at the offsite" two rows under the Plan sheet read as a project whose share,
    # hours and value were each "the cell is empty".
    index = next(i for i, cell in enumerate(cells) if cell.strip())
    return InputIssue(
        file,
        number,
        header[index] if index < len(header) and header[index] else None,
        f"the row holds only '{clipped(cells[index].strip(), 60)}', under the plan past an "
        "empty row: a note, not one of its projects.",
        f"Delete row {number}, or move the note to a sheet or file of its own: each row "
        "under the plan's header is read as one of its projects.",
    )


def _ends_before_start(file: str, number: int, start: int, end: int) -> InputIssue:
    return InputIssue(
        file,
        number,
        "end_week",
        f"the project ends in week {end}, before it starts (week {start}).",
        "Use the plan.csv the planner wrote, or make end_week the same as or "
        "later than start_week.",
    )


def _not_a_plan_row(file: str, number: int, row: Mapping[str, str]) -> InputIssue:
    return InputIssue(
        file,
        number,
        "status",
        f"'{row['status']}' with team '{row['team_id']}' is not a plan row.",
        STATUS_FIX,
    )


def _csv_records(text: str, file: str) -> Iterator[list[str]]:
    """Every record of ``text`` as CSV, blank ones too (each is a spreadsheet row)."""
    # Every record counts as a spreadsheet row, blank ones too (csv.DictReader skipped
    # them, so a row under a blank line was named one row too high).
    # newline="": line breaks as csv reads files, so a plan saved with a lone CR between
    # rows (Excel's "CSV (Macintosh)") reads, as the data files do.
    records: list[list[str]] = []
    cells = 0
    try:
        # Without the end-of-file mark (Ctrl-Z) DOS programs write after the last row.
        plain_text = text.lstrip("\ufeff").removesuffix("\x1a")
        for record in csv.reader(io.StringIO(plain_text, newline="")):
            cells += len(record)
            if cells > MAX_CELLS:  # the data files' cap: a file of notes' columns
                message = too_many_cells(file, len(record))[0]
                fix = "Keep only the plan's columns, or use the plan.csv the planner wrote."
                raise InvalidInputError([InputIssue(file, None, None, message, fix)])
            records.append(record)
        return iter(records)
    except csv.Error as exc:
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    None,
                    None,
                    f"cannot be read as CSV ({escaped(str(exc))}).",
                    "Save it again as CSV UTF-8 (Comma delimited), or use the plan.csv the "
                    "planner wrote.",
                )
            ]
        ) from None


def _plan_header(records: Iterator[list[str]], file: str, header_row: int) -> tuple[list[str], int]:
    """The plan's column names (trimmed, lower case) and the row they are in, read from
    ``records`` up to the first row that is not blank.

    Raises
    ------
    InvalidInputError
        When that row is not a plan's header: separated by semicolons, a plan column
        twice, none of the plan's columns, or a required one missing.
    """
    fieldnames: list[str] = []
    for fieldnames in records:
        if any(cell.strip() for cell in fieldnames):
            break
        header_row += 1
    if (nul := _nul_cell(fieldnames)) is not None:
        # Checked before the names: 'pro\x00ject_id' read "required column is missing".
        letter, name = column_letter(nul), escaped(clipped(fieldnames[nul].strip()))
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    header_row,
                    letter,
                    f"the column name '{name}' holds a NUL byte (\\x00), which no text file "
                    "holds: the file is damaged or not CSV text.",
                    _NUL_FIX,
                )
            ]
        )
    separated = separator_line(fieldnames, header_row) or other_separator(fieldnames, COLUMNS)
    if separated is not None:
        # A plan.csv opened in a European Excel and saved: not "6 columns are missing".
        raise InvalidInputError([InputIssue(file, header_row, None, *separated)])
    header = [h.strip().lower() for h in fieldnames]
    _check_plan_columns(header, file, header_row)
    return header, header_row


def _check_plan_columns(header: list[str], file: str, header_row: int) -> None:
    """Raises :class:`InvalidInputError` unless ``header`` (the names in row ``header_row``,
    trimmed, lower case) is a plan's: no plan column twice, not another file's columns,
    every required one there."""
    twice = [c for c in COLUMNS if header.count(c) > 1]
    if twice:
        # A column of the leader's own named like one of the plan's ("Team_ID " for notes)
        # silently took the plan's place: the later of the two was read.
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    header_row,
                    c,
                    column_twice(c, [i for i, h in enumerate(header) if h == c]),
                    "Keep the planner's and rename or delete the others; column names ignore "
                    "case and surrounding spaces.",
                )
                for c in twice
            ]
        )
    if not set(header) & set(COLUMNS):
        # Another file given as the plan (settings.toml, a check-in, projects.csv's
        # neighbour): not six "required column is missing" or "separated by semicolons".
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    header_row,
                    None,
                    "this is not a plan: its first row has none of plan.csv's columns "
                    f"({', '.join(REQUIRED_COLUMNS)})."
                    if header
                    else "the file is empty: it holds no plan.",
                    GIVE_A_PLAN,
                )
            ]
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    data_file = recognise_table(header) if missing else None
    if data_file is not None and _is_that_table(set(header), data_file):
        # teams.csv picked for plan.csv read as five "required column is missing".
        table = data_file.removesuffix(".csv")
        message = f"this is the data's {table} table ({data_file}), not a plan."
        raise InvalidInputError([InputIssue(file, header_row, None, message, GIVE_A_PLAN)])
    if len(missing) > 1:
        # A plan made by hand with project_id,team_id only read as "the data's estimates
        # table": it is a plan short of columns, told which and what a plan has.
        has = [c for c in REQUIRED_COLUMNS if c in header]
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    header_row,
                    None,
                    f"this plan has the columns {', '.join(has)} but not "
                    f"{_listed(missing)}; a plan file needs {_listed(REQUIRED_COLUMNS)} "
                    "(start_week and end_week too in a plan in weeks).",
                    f"{GIVE_A_PLAN[:-1]}, or add the columns {_listed(missing)} "
                    "(share 1 for a project one team does alone, status assigned).",
                )
            ]
        )
    if missing:
        raise InvalidInputError(
            [
                InputIssue(
                    file,
                    header_row,
                    c,
                    "required column is missing.",
                    "Use a plan.csv written by the planner.",
                )
                for c in missing
            ]
        )


def _is_that_table(header: set[str], data_file: str) -> bool:
    """Whether a header short of a plan's columns is ``data_file``'s: all its columns a
    data file has, and one a plan has not or every column of the data file (estimates.csv
    has only columns a plan has too: project_id,team_id alone is a plan cut short)."""
    own = set(DATA_COLUMNS[data_file])
    return header & set(COLUMNS) <= own and (bool(header - set(COLUMNS)) or own <= header)


def _listed(columns: Iterable[str]) -> str:
    """Column names as a sentence lists them: ``share, value and status``."""
    names = list(columns)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _week_cells(
    row: dict[str, str], file: str, number: int, issues: list[InputIssue]
) -> dict[str, int | None]:
    """A plan row's start and end week (``None`` where empty); a cell that is not a week
    number is added to ``issues`` and left out."""
    weeks: dict[str, int | None] = {}
    for column in WEEK_COLUMNS:
        text = row.get(column, "")
        if not text:
            weeks[column] = None  # a plan.csv from before weeks: the whole window
        elif (week := _week_number(text)) is not None:
            weeks[column] = week
        elif (worded := worded_week(text)) is not None:
            # 'wk 8' read "Write a whole week number such as 3", where the data files
            # say the number to write.
            issues.append(
                InputIssue(
                    file,
                    number,
                    column,
                    f"'{clipped(text)}' is not a week number ({WEEK_WITH_ITS_WORD}).",
                    f"Write it as {worded}: {column} holds the number alone.",
                )
            )
        else:
            issues.append(
                InputIssue(
                    file,
                    number,
                    column,
                    _not_a_week(text),
                    "Write a whole week number such as 3, or leave it empty.",
                )
            )
    return weeks


def _number_cells(
    row: dict[str, str], file: str, number: int, issues: list[InputIssue]
) -> dict[str, Decimal]:
    """A plan row's share, hours and value; a cell that is not a plan's number is added to
    ``issues`` and left out."""
    amounts: dict[str, Decimal] = {}
    for column in NUMBER_COLUMNS:
        cell = row.get(column, "")
        why = _number_problem(column, cell)
        if why is None:
            amounts[column] = Decimal(cell)
        else:
            issues.append(InputIssue(file, number, column, why, _NUMBER_FIX[column]))
    return amounts


#: The most weeks a plan's quarter may have (a year's).
MAX_WEEKS = int(CALENDAR_WEEKS.high)


def _not_a_week(text: str) -> str:
    """Why a plan's week cell is refused: 99999999999999999999 is a whole number, past every
    quarter ("is not a week number" was said of it), 0 before the first week."""
    whole, _, zeros = text.strip().partition(".")
    if whole.isascii() and whole.isdigit() and not zeros.strip("0"):
        # Not int(whole): a cell of 5,000 digits is past Python's limit for one (ValueError).
        if not whole.strip("0"):
            return f"week '{clipped(text)}' is before the quarter's first week (week 1)."
        return f"week '{clipped(text)}' is past the end of any quarter (at most {MAX_WEEKS} weeks)."
    return f"'{clipped(text)}' is not a week number{why_typed_otherwise(text)}."


def _week_number(text: str) -> int | None:
    """A week as a spreadsheet or pandas writes it: ``8``, or ``8.0`` (pandas reads a
    column of numbers with empty cells as floats and writes them so), as the data
    files read a week; ``None`` for anything else. Zeros in front count for nothing:
    ``00003`` is week 3, as ``0003`` is (it read "past the end of any quarter"); ``+3``
    is week 3, as every number cell reads a leading '+'."""
    whole, _, zeros = without_plus(text).partition(".")
    digits = whole.lstrip("0") or "0"
    if not (whole.isascii() and whole.isdigit() and len(digits) <= 4) or zeros.strip("0"):
        return None
    return int(digits) if int(digits) >= 1 else None


def _twice(file: str, number: int, first: int, key: tuple[str, str]) -> InputIssue:
    project_id, team_id = key
    whose = f"with team '{team_id}'" if team_id else "left out"
    return InputIssue(
        file,
        number,
        "project_id",
        f"project '{project_id}' {whose} is on row {first} too: its hours and value would "
        "count twice.",
        "Delete one of the two rows, or use the plan.csv the planner wrote.",
    )


#: The most each number of a plan row can be: a share is at most 1, hours and values
#: at most what the loader reads.
_MOST = {"share": Decimal(1), "effort_hours": MAX_HOURS, "value": MAX_VALUE}
_NUMBER_FIX = {
    "share": "Write the team's share as the planner wrote it: 1, or between 0 and 1 for a "
    "joint project.",
    "effort_hours": "Write the hours as the planner wrote them, a plain decimal such as 120.5.",
    "value": "Write the value as the planner wrote it, a plain decimal such as 2500.",
}


def _number_problem(column: str, cell: str) -> str | None:
    """Why ``cell`` cannot be the ``column`` of a plan row, or None."""
    if not cell.strip():
        return "the cell is empty."
    # Decimal reads '٣٤٠' and '3_40'; the data files do not, and say the figure to write.
    if not cell.isascii() or "_" in cell:
        return f"'{escaped(cell)}' is not a number{why_not_a_number(cell)}."
    try:
        number = Decimal(cell)
    except InvalidOperation:
        # Said as the data files say it: a date (a spreadsheet's format), a time, "1,200".
        return f"'{escaped(cell)}' is not a number{why_not_a_number(cell)}."
    if not number.is_finite():
        return (
            f"'{escaped(cell)}' is not a number (infinite and not-a-number values are not allowed)."
        )
    if number < 0 or number > _MOST[column]:
        return f"{escaped(cell)} is outside 0 to {_MOST[column]:,} for {column}."
    return None


def known_projects(problem: Problem, plan: Plan) -> tuple[Plan, list[str]]:
    """``plan`` without the projects that are not in ``problem``, and their ids.

    A baseline written before a project was deleted from the data still
    re-plans: the project is left out (the caller says so), never looked up.
    """
    known = problem.project_index
    ids = {a.project_id for a in plan.assignments} | {u.project_id for u in plan.unassigned}
    gone = sorted(ids - set(known))
    if not gone:
        return plan, []
    kept = Plan(
        tuple(a for a in plan.assignments if a.project_id in known),
        tuple(u for u in plan.unassigned if u.project_id in known),
    )
    return kept, gone
