"""What a spreadsheet holds beside a table's columns: a leader's notes, never read."""

from __future__ import annotations

from planner.core.csv_text import column_letter
from planner.core.errors import InputIssue, Severity, clipped
from planner.core.tables import COLUMNS
from planner.core.workbook_scan import Hidden


def beside_the_table(rows: list[list[str]], where: str) -> list[InputIssue]:
    """A warning per column past the header's last name that holds a value (the first ten):
    it is not read. A value typed in H5 beside the teams went without a word, where a CSV
    file's column with values and no name is refused."""
    header = rows[0] if rows else []
    width = max((i + 1 for i, h in enumerate(header) if h.strip()), default=0)
    if width <= 1 and any(len([c for c in row if c.strip()]) > 1 for row in rows[1:4]):
        # A title on row 1 ('Q3 teams') with the header under it: the table is not beside
        # itself, and the title is said once where the columns are checked.
        return []
    found: dict[int, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        for index in range(width, len(row)):
            if row[index].strip() and index not in found and len(found) < 10:
                found[index] = number
    return [
        InputIssue(
            where,
            number,
            column_letter(index),
            f"a value ('{clipped(rows[number - 1][index])}') is beside the table, in a "
            "column with no name on row 1, so it is not read.",
            "Name the column on row 1 if it belongs to the table, or move the value off it.",
            Severity.WARNING,
        )
        for index, number in sorted(found.items())
    ]


#: A table's id column and what its hidden rows still do, singular and plural.
_HIDDEN_IDS = {
    "teams.csv": ("team_id", "team", "teams", "can be given projects"),
    "projects.csv": ("project_id", "project", "projects", "can be planned"),
    "goals.csv": ("goal_id", "goal", "goals", "can be planned for"),
}


def hidden_rows(
    rows: list[list[str]], hidden: frozenset[int], where: str, file: str = ""
) -> list[InputIssue]:
    """One warning naming the rows with values that the spreadsheet hides (hidden, or
    filtered out), by id, and saying plainly that they are planned like the others. A
    leader who hid the teams that were dissolved saw them take projects, without a word.

    They are planned on purpose: SPEC reads a workbook as the data folder of CSV files
    saved from it, and a saved CSV keeps hidden and filtered-out rows.
    """
    found = sorted(n for n in hidden if n <= len(rows) and any(c.strip() for c in rows[n - 1]))
    if not found:
        return []
    one = len(found) == 1
    more = ", ..." if len(found) > 10 else ""
    listed = ", ".join(str(n) for n in found[:10]) + more
    header = [h.strip().lower() for h in rows[0]]
    column, noun, nouns, does = _HIDDEN_IDS.get(file, ("", "", "", ""))
    ids = ""
    if column and column in header:
        # Only the ids written: an empty one read "row 3 (team ) ... team  can be given projects".
        at = header.index(column)
        values = [
            clipped(rows[n - 1][at].strip())
            for n in found[:10]
            if at < len(rows[n - 1]) and rows[n - 1][at].strip()
        ]
        if values:
            ids = f"{noun if len(values) == 1 and not more else nouns} {', '.join(values)}{more}"
    counted = f"{len(found):,} rows" if more else ""
    told = f" ({counted}{': ' if counted and ids else ''}{ids})" if counted or ids else ""
    them = "it" if one else "them"
    which = f"row {listed}{told} is" if one else f"rows {listed}{told} are"
    still = (
        f"{ids} {does}"
        if ids
        else f"{'its' if one else 'their'} values count like the visible rows'"
    )
    message = (
        f"{which} hidden in the spreadsheet (or filtered out), but the planner still reads "
        f"{them}: {still}; a CSV file saved from this sheet keeps {them} too."
    )
    rows_word = "the row" if one else "the rows"
    fix = (
        f"To leave {them} out of the plan, delete {rows_word}: hiding or filtering {them} does "
        f"not. Unhide {them} (or clear the filter) to see {them}."
    )
    return [InputIssue(where, found[0], None, message, fix, Severity.WARNING)]


def hidden_cells(
    rows: list[list[str]], hidden: Hidden | None, where: str, file: str = ""
) -> list[InputIssue]:
    """The warnings of a table's hidden rows (:func:`hidden_rows`) and of its hidden
    columns named as one of the table's (``file``'s) columns: still used, where a leader
    hid old values. A hidden column of the leader's own ('notes') is not used, as the
    unknown column's warning says: "its values are used like a visible column's" beside
    "it is kept but not used" said both of it."""
    if hidden is None:
        return []
    issues = hidden_rows(rows, hidden.rows, where, file)
    header = rows[0] if rows else []
    known = COLUMNS.get(file)
    named = [
        c
        for c in sorted(hidden.columns)
        if c <= len(header)
        and header[c - 1].strip()
        and (known is None or header[c - 1].strip().lower() in known)
    ]
    if named:
        shown = ", ".join(f"{column_letter(c - 1)} ({clipped(header[c - 1])})" for c in named[:10])
        one = len(named) == 1
        it, its = ("it", "its") if one else ("them", "their")
        which = f"column {shown} is" if one else f"columns {shown} are"
        message = (
            f"{which} hidden in the spreadsheet, but the planner still reads {it}: {its} "
            f"values are used like a visible column's; a CSV file saved from this sheet keeps "
            f"{it} too."
        )
        fix = (
            f"To plan without {it}, delete the column{'' if one else 's'}: hiding {it} does "
            f"not. Unhide {it} to see {it}."
        )
        issues.append(InputIssue(where, 1, None, message, fix, Severity.WARNING))
    return issues
