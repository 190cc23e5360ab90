"""A data file's raw table as the rows the build reads, and what makes a row no row.

:func:`tables_for_build` turns each raw table (a CSV file, a workbook sheet, the
app's editors) into a :class:`~planner.core.cells.Table`: named columns (a column
with values but no name, or a name twice, is a problem), ids in NFC, a header
repeated below it or a totals row said and skipped, cells past the length cap
refused. :func:`cell_text` is a cell as a user sees it, whatever type gave it.
:mod:`planner.core.cells` then reads each cell of a row.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

from planner.core.cells import ID_COLUMNS, MAX_CELL_CHARS, Table
from planner.core.csv_text import check_duplicate_headers, column_letter, named_columns
from planner.core.errors import InputIssue, Severity, clipped
from planner.core.identifiers import IDENTIFIER_FIX, escaped, identifier, identifier_problem
from planner.core.tables import (
    MAX_ROWS,
    RAW_FILES,
    issue,
    normal_header,
)
from planner.core.writing import plain


def cell_text(value: object) -> str:
    """The text a user sees in a cell, whatever type the data editor gave it."""
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Decimal):
        if value.is_nan():
            return ""
        return plain(value) if value.is_finite() else str(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return ""
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if number.is_integer() and abs(number) < 2**53:
            return str(int(number))
        return plain(Decimal(repr(number)))
    return str(value)


def _file_key(name: object) -> str:
    key = str(name).strip().lower()
    return key if key.endswith(".csv") else f"{key}.csv"


def tables_for_build(
    tables: Mapping[str, pd.DataFrame], issues: list[InputIssue], *, stored: bool = False
) -> tuple[dict[str, Table], set[str]]:
    """Normalise frames into trimmed text tables; returns them and the unusable files.

    ``stored``: a saved scenario's tables, where a name holding a control character (saved
    before such names were refused) is warned of, not refused."""
    result: dict[str, Table] = {}
    unusable: set[str] = set()
    for name, frame in tables.items():
        if frame is None:
            continue
        file = _file_key(name)
        if file not in RAW_FILES:
            issues.append(
                issue(
                    str(name),
                    None,
                    None,
                    "this table is not one of Goal Planner's data files, so it is ignored.",
                    f"The data files are {', '.join(RAW_FILES)}.",
                    Severity.WARNING,
                )
            )
            continue
        if file in result or file in unusable:
            issues.append(issue(file, None, None, "the table is given twice.", "Give it once."))
            unusable.add(file)
            continue
        table = _table(file, frame, issues, stored)
        if table is None:
            unusable.add(file)
        else:
            result[file] = table
    for file in unusable:
        result.pop(file, None)
    return result, unusable


def _table(
    file: str, frame: pd.DataFrame, issues: list[InputIssue], stored: bool = False
) -> Table | None:
    if len(frame) > 2 * MAX_ROWS:
        issues.append(_too_many_rows(file, f"{len(frame):,} rows"))
        return None
    names = [normal_header(c) for c in frame.columns]
    cells = [
        [(v if type(v) is str else cell_text(v)).strip() for v in record]
        for record in frame.itertuples(False, None)
    ]
    # Empty rows between the data rows are not counted (they were, as data rows).
    if (filled := sum(1 for record in cells if any(record))) > MAX_ROWS:
        issues.append(_too_many_rows(file, f"{filled:,} rows with a value"))
        return None
    keep, unnamed = named_columns(names, cells)
    for index in unnamed:
        letter = column_letter(index)
        issues.append(
            issue(
                file,
                1,
                letter,
                f"column {letter} has values but no name.",
                "Name the column or delete it.",
            )
        )
    if not check_duplicate_headers([names[i] for i in keep], keep, file, issues) or unnamed:
        return None
    columns = tuple(names[i] for i in keep)
    # Ids in NFC: an id typed on two keyboards ("café" precomposed or not) is one id.
    # Names stay exactly as written.
    ids = [i for i in keep if names[i] in ID_COLUMNS]
    rows = tuple(
        (
            position + 2,
            {names[i]: identifier(record[i]) if i in ids else record[i] for i in keep},
        )
        for position, record in enumerate(cells)
        if any(record)
    )
    rows = tuple(r for r in rows if not repeats_the_header(file, *r, issues))
    rows = tuple(r for r in rows if not _adds_up_the_table(file, *r, issues))
    rows = _without_notes_below(file, rows, issues)
    if _too_long(file, rows, issues):
        return None  # nothing more is read from it: each check would go over every character
    for number, row in rows:
        for column in ID_COLUMNS.intersection(row):
            hidden = identifier_problem(row[column], column.replace("_", " "))
            if hidden is not None:
                issues.append(issue(file, number, column, hidden, IDENTIFIER_FIX))
        for column in _NAMES.intersection(row):
            if (problem := _control_in_name(row[column])) is not None:
                severity = Severity.WARNING if stored else Severity.ERROR
                issues.append(issue(file, number, column, *problem, severity))
        for column, text in row.items():
            if len(text) > MAX_CELL_CHARS:
                # Excel and LibreOffice cut such a cell (or refuse the file): plan.xlsx
                # and the exports would not round-trip.
                issues.append(
                    issue(
                        file,
                        number,
                        column,
                        f"the cell has {len(text):,} characters (from '{text[:28]}…'); a "
                        f"spreadsheet cell holds at most {MAX_CELL_CHARS:,}.",
                        "Shorten it.",
                    )
                )
    return Table(file, columns, rows)


#: The most characters of an id (and of each id or skill in a list, a stage)
#: and of a name or KPI: longer is no id or name anyone writes (3,000 team ids of 32,000
#: characters took minutes to check, character by character, for ones nobody can see).
MAX_ID_CHARS = 200
MAX_NAME_CHARS = 1_000
#: The columns of one id each, and those of a list of them (``a; b``). A department, an
#: owner or a rule is one of a few words, named as not one of them however long.
_ONE_ID = frozenset({"team_id", "project_id", "goal_id", "stage"})
_ID_LISTS = frozenset({"depends_on", "stages", "skills", "required_skills"})
_NAMES = frozenset({"name", "kpi"})
_LIST_ITEMS = re.compile(r"[^;,]+")


#: Characters that end a line or move the cursor (C0 and C1 controls, U+2028 and U+2029):
#: in a name or KPI they broke the line it stands on in tables, charts and the command line.
#: A tab and a line break (CR, LF; Alt+Enter in a spreadsheet cell) too: a name with one
#: was accepted and split its row of `planner validate`, the plan's table and a chart's
#: label, where a vertical tab was already refused.
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: The longest name quoted whole, as the example to retype.
_EXAMPLE_CHARS = 100
_CONTROL_WORDS = {
    "\t": "a tab (U+0009)",
    "\n": "a line break (U+000A)",
    "\r": "a carriage return (U+000D)",
    "\x0b": "a vertical tab (U+000B)",
    "\x0c": "a form feed (U+000C)",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


def _too_many_rows(file: str, counted: str) -> InputIssue:
    """The problem of a table past :data:`MAX_ROWS` rows, ``counted`` as it was."""
    return issue(
        file,
        None,
        None,
        f"the table has {counted}; at most {MAX_ROWS:,} are read.",
        "Remove rows you do not plan with.",
    )


def control_words(text: str, keep: str = "") -> list[str]:
    """Each control or line-separator character ``text`` holds, once, in words ("a vertical
    tab (U+000B)"), but those in ``keep`` (a note keeps its line breaks)."""
    found = [c for c in dict.fromkeys(_LINE_CONTROLS.findall(text)) if c not in keep]
    return [
        _CONTROL_WORDS.get(c)
        or f"the control character U+{ord(c):04X}"
        + (f" ({unicodedata.name(c)})" if unicodedata.name(c, "") else "")
        for c in found
    ]


def _control_in_name(text: str) -> tuple[str, str] | None:
    """The problem and fix of a name or KPI holding a control or line-separator character
    (a vertical tab from a Mac export, U+2028 from a web page, Alt+Enter in a cell): it was
    accepted, and broke the line of every table and sentence that showed it. None: it holds
    none."""
    if text.isascii() and text.isprintable():
        return None  # the usual name: no character to look at
    said = control_words(text)
    if not said:
        return None
    one_line = " ".join(_LINE_CONTROLS.sub(" ", text).split())
    them, breaks = ("it", "breaks") if len(said) == 1 else ("them", "break")
    example = f", e.g. '{escaped(one_line)}'" if 0 < len(one_line) <= _EXAMPLE_CHARS else ""
    return (
        f"'{escaped(clipped(text, _EXAMPLE_CHARS))}' holds {' and '.join(said)}, which "
        f"{breaks} the line it is shown on in tables, charts and plan.csv.",
        f"Retype it on one line without {them}{example}.",
    )


def _too_long(
    file: str, rows: Sequence[tuple[int, Mapping[str, str]]], issues: list[InputIssue]
) -> bool:
    """Whether a cell of ``rows`` holds an id or a name past :data:`MAX_ID_CHARS` or
    :data:`MAX_NAME_CHARS` (each appending its problem, naming file, row and column)."""
    found = False
    for number, row in rows:
        for column, text in row.items():
            if column in _NAMES and len(text) > MAX_NAME_CHARS:
                what, longest, cap = "a name", text, MAX_NAME_CHARS
            elif column in _ONE_ID and len(text) > MAX_ID_CHARS:
                what, longest, cap = "an id", text, MAX_ID_CHARS
            elif column in _ID_LISTS and len(text) > MAX_ID_CHARS:
                longest = max(_LIST_ITEMS.findall(text), key=len, default="").strip()
                if len(longest) <= MAX_ID_CHARS:
                    continue
                what, cap = "an id", MAX_ID_CHARS
            else:
                continue
            found = True
            shown = escaped(clipped(longest))  # its length inside the quotes: one kind
            fix = (
                "Shorten it: an id is a short code such as AW-02 (a name column holds the "
                "long name)."
                if what == "an id"
                else f"Shorten it to at most {cap:,} characters; a longer text belongs in "
                "a document, not in the plan."
            )
            said = f"'{shown}' is longer than {what} may be: at most {cap:,} characters."
            issues.append(issue(file, number, column, said, fix))
    return found


def repeats_the_header(
    file: str, number: int, row: Mapping[str, str], issues: list[InputIssue]
) -> bool:
    """Whether the row holds the column names again (appending its one problem if so).

    Two exports pasted into one file put their header mid-file: read as data, it
    was a team called 'team_id' with four errors, none saying it was a header.
    Two names at least, and every cell a column's name: a team named 'name' is data.
    """
    given: dict[str, str] = {}
    for column, text in row.items():
        if text:
            if (name := normal_header(text)) not in row:
                return False  # a cell no column's name: data (most rows stop at their first)
            given[column] = name
    if len(given) < 2:
        return False
    if all(column == text for column, text in given.items()):
        message = "the row repeats the column names of the header, as when two files are "
        message += "pasted into one."
        fix = f"Delete row {number}."
    else:
        message = "the row holds the column names again, in another order than the header's, "
        message += "as when two files are pasted into one."
        fix = (
            f"Delete row {number}, and check that the rows pasted under it give their cells "
            "in the header's order."
        )
    issues.append(issue(file, number, None, message, fix))
    return True


#: What a spreadsheet's totals row says in one of its cells ("Total", "Grand total:").
TOTAL_WORDS = frozenset({"total", "totals", "grand total", "subtotal", "sub-total", "sum"})


def totals_cell(row: Mapping[str, str]) -> tuple[str, str] | None:
    """The column and word of the cell that makes ``row`` a totals row a leader added under
    a table (a data sheet, or the plan kept in a spreadsheet), if one does: a word for a
    total, and beside it only figures and formulas, some cell left empty.

    A goal 'total' with its name and KPI is a goal, a team 'total' has whole calendar rows
    ("total,3,40"), and a project 'Total' (or named 'Totals') in a plan has its team, stage
    and status beside it: each is data, whatever its word.
    """
    if all(row.values()):
        return None  # no cell left empty: whatever its words, a row of data
    words = [(c, t.strip()) for c, t in row.items() if _total_word(t)]
    if not words:
        return None
    column, word = words[0]
    others = [t for c, t in row.items() if t and c != column]
    # A total's word alone, no figure beside it, was told "beside figures": a note.
    if (
        not others
        or len(others) == len(row) - 1
        or not all(t.startswith("=") or _figure(t) for t in others)
    ):
        return None
    return column, word


#: The words a labelled total starts or ends with ("Total awareness", "Awareness total",
#: "Subtotal: closing", "Sum of effort"), in a label of at most :data:`_LABEL_WORDS` words:
#: read as a project or a team, each was told to "Write the project's funnel stage".
_TOTAL_ENDS = frozenset({"total", "totals", "subtotal", "subtotals", "sub-total", "sum"})
_LABEL_WORDS = 4


def _total_word(text: str) -> bool:
    said = text.strip().rstrip(":").strip().lower()
    if said in TOTAL_WORDS:
        return True
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", said)
    return 1 < len(words) <= _LABEL_WORDS and (words[0] in _TOTAL_ENDS or words[-1] in _TOTAL_ENDS)


def _adds_up_the_table(
    file: str, number: int, row: Mapping[str, str], issues: list[InputIssue]
) -> bool:
    """Whether the row is a totals row (:func:`totals_cell`), appending its one problem if so.

    A leader sums a column under the data workbook's sheet: read as data it was a team
    asked for a department, or a ninth goal called 'Total', 0 % of its target "however
    the plan goes".
    """
    if (total := totals_cell(row)) is None:
        return False
    column, word = total
    message = f"the row reads '{word}' beside figures: it is a totals row added under the "
    message += "table, not data to plan with."
    issues.append(
        issue(
            file,
            number,
            column,
            message,
            f"Delete row {number}: the planner adds the figures up itself.",
        )
    )
    return True


#: The fewest words of a note: an id or a name typed alone is one or two.
_NOTE_WORDS = 3


def _without_notes_below(
    file: str, rows: tuple[tuple[int, dict[str, str]], ...], issues: list[InputIssue]
) -> tuple[tuple[int, dict[str, str]], ...]:
    """``rows`` without the notes a leader wrote under the table, past an empty row: each
    holds one cell of a few words ("Notes: hours from the HR sheet, 2 June"), and no row of
    data follows. Read as data, such a note was a team with its department and
    capacity_hours empty ("Fix: Write sales or marketing"); it is warned of and not read,
    as a value beside the table in a column with no name is."""
    end = len(rows)
    while end > 1 and holds_a_note(rows[end - 1][1].values()):
        end -= 1
    if end == len(rows):
        return rows  # no note
    under = rows[end][0] == rows[end - 1][0] + 1
    if under and not all(_short_label(row.values()) for _, row in rows[end:]):
        return rows  # right under the data: maybe a row begun, said as one
    for number, row in rows[end:]:
        column, text = next((c, t) for c, t in row.items() if t)
        issues.append(
            issue(
                file,
                number,
                column,
                f"the row holds only '{clipped(text, 60)}', under the table"
                f"{'' if under else ' past an empty row'}: it is taken as a note, not as data.",
                f"Nothing to do if it is a note (or move it off the table, or delete row "
                f"{number}); if it begins a row of data, fill in its other cells.",
                Severity.WARNING,
            )
        )
    return rows[:end]


def holds_a_note(cells: Iterable[str]) -> bool:
    """Whether a row of ``cells`` holds one cell, of a few words or plainly no id (:func:`
    _plainly_a_note`): a note, where it stands under a table past an empty row
    (:func:`_without_notes_below`; the plan's sheet too)."""
    filled = [t for t in cells if t.strip()]
    return len(filled) == 1 and (
        len(filled[0].split()) >= _NOTE_WORDS or _plainly_a_note(filled[0])
    )


def _short_label(cells: Iterable[str]) -> bool:
    """Whether a row of ``cells`` holds one cell of one or two words that is plainly no id
    ("Total", "source: RevOps"): a note even right under the data, where a longer text may
    be a name typed in the id's column, a row begun."""
    filled = [t for t in cells if t.strip()]
    return len(filled) == 1 and len(filled[0].split()) < _NOTE_WORDS and _plainly_a_note(filled[0])


#: The first words of a note or a total, never an id's ("Total", "Source RevOps").
_NOTE_STARTS = frozenset(
    {"total", "totals", "subtotal", "sum", "note", "notes", "nb", "n.b.", "source"}
    | {"sources", "updated", "comment", "comments", "remark", "remarks", "see"}
)
#: A label and its text ("source: RevOps", "Notes:"), a footnote's mark ("* draft",
#: "† estimates") or a remark in brackets ("(draft)").
_LABELLED = re.compile(r"[^:]*[^:\s]:(?:\s.*)?|[*†‡§].*|\(.*\)", re.DOTALL)


def _plainly_a_note(text: str) -> bool:
    """Whether ``text`` of one or two words is plainly no id: a label, a footnote's mark, a
    remark in brackets, or a note's or a total's first word. Read as a team, "source:
    RevOps" was told its department and hours were empty (attack round 36)."""
    words = text.split()
    return bool(_LABELLED.fullmatch(text.strip())) or words[0].lower() in _NOTE_STARTS


def _figure(text: str) -> bool:
    """Whether ``text`` is a figure as a spreadsheet shows one (1,039.5, 98 %, $5,000)."""
    try:
        Decimal(text.strip("$€£% ").replace(",", ""))
    except ArithmeticError:
        return False
    return True
