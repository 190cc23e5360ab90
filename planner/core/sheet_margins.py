"""What a spreadsheet holds beside a table's columns: a leader's notes, never read."""

from __future__ import annotations

from planner.core.errors import InputIssue, Severity, clipped
from planner.core.reading import column_letter


def beside_the_table(rows: list[list[str]], where: str) -> list[InputIssue]:
    """A warning per column past the header's last name that holds a value (the first ten):
    it is not read. A value typed in H5 beside the teams went without a word, where a CSV
    file's column with values and no name is refused."""
    header = rows[0] if rows else []
    width = max((i + 1 for i, h in enumerate(header) if h.strip()), default=0)
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
