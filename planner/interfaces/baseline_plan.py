"""A baseline plan read back (``--baseline``): plan.csv, or the "Plan" sheet of a plan
workbook the planner wrote, its headers and statuses in words as
:mod:`planner.interfaces.exports` writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from planner.core.errors import InputIssue
from planner.core.plan_csv import NUMBER_COLUMNS, STATUS_FIX
from planner.interfaces.exports import PLAN_HEADERS, ROW_STATUS_WORDS


def read_plan_sheet(
    data: bytes, book: str, merged_down: list[InputIssue] | None = None
) -> tuple[str, str, int, dict[str, str]]:
    """plan.csv's text from a plan workbook's "Plan" sheet, where it was read, the sheet's
    row of headers, and each plan.csv column the sheet heads otherwise, with its header
    there ("effort_hours": "Hours"), for :func:`in_sheet_words`.

    A merge down a column gives each of its rows the first row's value, as the sheet shows
    it; ``merged_down``, when given, gets the warning that says so, naming the sheet, the
    cells, the column as the sheet heads it and the fix (a merge of A3:A4 made row 4
    AW-02's second row, and only "'AW-02' has 2 owners" was said).

    The sheet's headers and statuses are in words (``Team ID``, ``Left out``);
    plan.csv's own names are read as well, so that a plan.csv pasted into a
    workbook reads too. The headers are the first row naming both ids: a title
    a leader typed above the table (and the empty row under it) is not the plan.

    Raises
    ------
    InvalidInputError
        When ``data`` is not a readable workbook or has no "Plan" sheet.
    """

    from planner.core.errors import InvalidInputError
    from planner.core.identifiers import escaped
    from planner.core.plan_csv import GIVE_A_PLAN
    from planner.core.shared_words import joined
    from planner.core.workbook import read_sheet, sheet_label

    merges: list[InputIssue] = []
    rows = read_sheet(data, book, "Plan", merges)
    if rows is None:
        said = "the workbook has no Plan sheet, so it holds no plan."
        if read_sheet(data, book, "Summary") is not None and read_sheet(data, book, "Projects"):
            # comparison.xlsx (Summary, Goals, Teams, Projects), downloaded beside plan.xlsx.
            said = (
                "it is a comparison of two scenarios the planner wrote (scenarios compare "
                "--out, or the Scenarios page), not a plan: it has no Plan sheet."
            )
        elif renamed := _sheets_holding_a_plan(data, book):
            # Renamed in Excel ("Plan (2)", "Q3 plan"): the plan is there, under another name.
            # Two of them (last quarter's kept beside it): which one is the leader's to say.
            quoted = [f"'{escaped(title)}'" for title in renamed]
            if len(quoted) == 1:
                said = f"the workbook has no Plan sheet, but its sheet {quoted[0]} holds a plan."
                fix = f"Rename the sheet {quoted[0]} to Plan, and give the workbook again."
            else:
                said = f"the workbook has no Plan sheet; its sheets {joined(quoted)} each hold a "
                said += "plan."
                fix = "Rename the sheet of the plan to read to Plan, and give the workbook again."
            raise InvalidInputError([InputIssue(book, None, None, said, fix)])
        raise InvalidInputError([InputIssue(book, None, None, said, GIVE_A_PLAN)])
    text, at, words, headed = _in_plan_csv_words(rows)
    if merged_down is not None:
        merged_down += [_in_its_column(note, headed) for note in merges]
    return text, sheet_label(book, "Plan"), at + 1, words


def _in_plan_csv_words(rows: list[list[str]]) -> tuple[str, int, dict[str, str], list[str]]:
    """A plan sheet's ``rows`` as plan.csv's text, the index of its row of headers, each
    plan.csv column it heads otherwise with its header there, and that row as written."""
    import csv
    import io

    from planner.core.plan_csv import SHEET_STATUSES, neutralise

    columns = {words.lower(): column for column, words in PLAN_HEADERS.items()}
    named = [[columns.get(h.strip().lower(), h.strip().lower()) for h in row] for row in rows]
    at = next((i for i, row in enumerate(named) if {"project_id", "team_id"} <= set(row)), 0)
    header = [columns.get(h.strip().lower(), h) for h in rows[at]] if rows else []
    headed = rows[at] if rows else []
    words = {c: h.strip() for c, h in zip(header, headed, strict=True) if c != h.strip()}
    status_at = header.index("status") if "status" in header else None
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows[at + 1 :]:
        if not any(c.strip() for c in row):
            writer.writerow([])  # an empty row between plan rows: skipped, as in plan.csv
            continue
        cells = [
            c if i < len(header) and header[i] in NUMBER_COLUMNS else neutralise(c)
            for i, c in enumerate(row)
        ]
        if status_at is not None and status_at < len(cells):
            cells[status_at] = SHEET_STATUSES.get(row[status_at].strip().lower(), row[status_at])
        writer.writerow(cells)
    return out.getvalue(), at, words, headed


def _sheet_saved_as_csv(text: str) -> tuple[str, int, dict[str, str]] | None:
    """:func:`_in_plan_csv_words` of a plan workbook's Plan sheet saved as CSV ("Project
    ID", "Hours", "Planned"), which was refused as a plan "with the columns share, status
    but not project_id, team_id, effort_hours and value"; None for any other text."""
    import csv
    import io
    import itertools

    head = list(itertools.islice(csv.reader(io.StringIO(text[:65536])), 20))
    ids = {PLAN_HEADERS["project_id"].lower(), PLAN_HEADERS["team_id"].lower()}
    if not any(ids <= {h.strip().lower() for h in row} for row in head):
        return None
    rows = list(csv.reader(io.StringIO(text)))
    sheet, at, words, _ = _in_plan_csv_words(rows)
    return sheet, at, words


def _in_its_column(note: InputIssue, headed: list[str]) -> InputIssue:
    """A merge's warning with its column as the sheet heads it ("Project ID", not the
    lower case a data table's column is named in)."""
    from openpyxl.utils.cell import range_boundaries

    ref = note.message.removeprefix("cells ").split(" ", 1)[0]
    try:
        column = range_boundaries(ref)[0] - 1
    except ValueError:
        return note
    if column < len(headed) and headed[column].strip():
        return replace(note, column=headed[column].strip())
    return note


def in_sheet_words(issues: Iterable[InputIssue], words: Mapping[str, str]) -> list[InputIssue]:
    """Problems of a plan sheet's rows named by its headers (``words``, from
    :func:`read_plan_sheet`), not by plan.csv's.

    A date in the sheet's "Hours" was refused at "column effort_hours", a name the
    workbook never shows; a status typed over was told the plan.csv words to use.
    """
    import re

    if not words:
        return list(issues)
    # Only plan.csv's own names (project_id, effort_hours) in the texts: "share" and
    # "value" are words of a sentence too.
    named = re.compile("|".join(rf"\b{re.escape(c)}\b" for c in words if "_" in c) or "$^")

    def said(text: str) -> str:
        return named.sub(lambda m: f'"{words[m[0]]}"', text)

    out = []
    for i in issues:
        fix = i.fix
        if i.column == "status" and fix == STATUS_FIX and "status" in words:
            fix = f"Use {ROW_STATUS_WORDS['assigned']}, {ROW_STATUS_WORDS['pinned']} (with a "
            fix += f"team) or {ROW_STATUS_WORDS['unassigned']}."
        column = words.get(i.column, i.column) if i.column is not None else None
        out.append(replace(i, column=column, message=said(i.message), fix=said(fix)))
    return out


def _sheets_holding_a_plan(data: bytes, book: str) -> list[str]:
    """The titles of the sheets whose headers (in words or as plan.csv names them) are all
    the columns a plan must have: ids, share, hours, value and status. The data workbook's
    estimates and rules sheets name both ids too, and hold no plan."""
    import itertools

    from planner.core.errors import InvalidInputError
    from planner.core.plan_csv import REQUIRED_COLUMNS
    from planner.core.workbook import open_workbook, read_sheet

    workbook = open_workbook(data, book)
    try:
        titles = [sheet.title for sheet in workbook.worksheets]
    finally:
        workbook.close()
    columns = {words.lower(): column for column, words in PLAN_HEADERS.items()}
    holding = []
    for title in titles:
        try:
            rows = read_sheet(data, book, title) or []
        except InvalidInputError:  # a sheet of the leader's own showing #DIV/0!: not the plan
            continue
        named = ({columns.get(h.strip().lower(), h.strip().lower()) for h in row} for row in rows)
        if any(set(REQUIRED_COLUMNS) <= row for row in itertools.islice(named, 20)):
            holding.append(title)
    return holding


def baseline_text(
    path_text: str, merged_down: list[InputIssue] | None = None
) -> tuple[str, str, int, dict[str, str]]:
    """A baseline plan's plan.csv text, its name, the row of its headers (as a
    spreadsheet numbers it) and the columns it heads in words (:func:`in_sheet_words`):
    a plan.csv, or a plan workbook (whatever its name ends in; its merges down a column
    said in ``merged_down``, :func:`read_plan_sheet`)."""
    from planner.core.named_files import named_text, read_named_bytes

    data, name = read_named_bytes(path_text, "baseline plan")
    if data.startswith(b"PK\x03\x04"):
        return read_plan_sheet(data, name, merged_down)
    text = named_text(data, path_text, "baseline plan")
    if (sheet := _sheet_saved_as_csv(text)) is not None:
        return sheet[0], name, sheet[1] + 1, sheet[2]
    return text, name, 1, {}
