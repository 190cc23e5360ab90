"""What a spreadsheet holds beside a table's columns: a leader's notes, never read."""

from __future__ import annotations

from planner.core.errors import InputIssue, Severity, clipped
from planner.core.reading import column_letter
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


def hidden_rows(rows: list[list[str]], hidden: frozenset[int], where: str) -> list[InputIssue]:
    """One warning naming the rows with values that the spreadsheet hides (hidden, or
    filtered out): they are read and planned like the others. A leader who hid the teams
    that were dissolved saw them take projects, without a word."""
    found = sorted(n for n in hidden if n <= len(rows) and any(c.strip() for c in rows[n - 1]))
    if not found:
        return []
    if len(found) == 1:
        which = f"row {found[0]} is hidden"
    else:
        listed = ", ".join(str(n) for n in found[:10]) + (", ..." if len(found) > 10 else "")
        which = f"rows {listed} ({len(found):,} rows) are hidden"
    message = f"{which} in the spreadsheet (or filtered out), but read and planned like the rest."
    fix = "Delete the rows you do not mean to plan; unhide them (or clear the filter) to see them."
    return [InputIssue(where, found[0], None, message, fix, Severity.WARNING)]


def hidden_cells(rows: list[list[str]], hidden: Hidden | None, where: str) -> list[InputIssue]:
    """The warnings of a table's hidden rows (:func:`hidden_rows`) and of its hidden
    columns with a name on row 1: read like the rest, where a leader hid old values."""
    if hidden is None:
        return []
    issues = hidden_rows(rows, hidden.rows, where)
    header = rows[0] if rows else []
    named = [c for c in sorted(hidden.columns) if c <= len(header) and header[c - 1].strip()]
    if named:
        shown = ", ".join(f"{column_letter(c - 1)} ({clipped(header[c - 1])})" for c in named[:10])
        which = f"column {shown} is" if len(named) == 1 else f"columns {shown} are"
        message = f"{which} hidden in the spreadsheet, but read and planned like the rest."
        fix = "Delete the columns you do not mean to plan with; unhide them to see them."
        issues.append(InputIssue(where, 1, None, message, fix, Severity.WARNING))
    return issues
