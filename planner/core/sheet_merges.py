"""Merged cells on a data sheet: a merge down one column read as each row's value, any other
merge refused (read by :mod:`planner.core.workbook`)."""

from __future__ import annotations

from collections.abc import Iterable

from planner.core.csv_text import column_letter
from planner.core.errors import InputIssue, Severity


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unmerged(rows: list[list[str]], merged: Iterable[str], where: str) -> list[InputIssue]:
    """Merged cells made plain: a merge down one column gives every row its value.

    A leader who merges "marketing" over three teams means each of them is
    marketing (said in a warning); a merge across columns or in the header row
    has no one meaning, so it is an error.
    """
    from openpyxl.utils.cell import range_boundaries

    notes: list[InputIssue] = []
    for ref in merged:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
        if first_row > len(rows):
            continue  # formatting below the data
        header = rows[0] if rows else []
        named = header[first_col - 1].strip().lower() if first_col - 1 < len(header) else ""
        column = named or column_letter(first_col - 1)
        if first_row == 1 or first_col != last_col:
            notes.append(
                InputIssue(
                    where,
                    first_row,
                    None if first_col != last_col else column,
                    f"cells {ref} are merged; "
                    + (
                        "each column needs its own name in row 1."
                        if first_row == 1
                        else "each column's value needs a cell of its own."
                    ),
                    "Unmerge them (Home > Merge & Center) and write each value in its cell.",
                )
            )
            continue
        top = rows[first_row - 1]
        value = top[first_col - 1] if first_col - 1 < len(top) else ""
        for below in rows[first_row : min(last_row, len(rows))]:
            if first_col - 1 < len(below):
                below[first_col - 1] = value
        notes.append(
            InputIssue(
                where,
                first_row,
                column,
                f"cells {ref} are merged; "
                + (
                    f"row {last_row} takes"
                    if last_row == first_row + 1
                    else f"rows {first_row + 1}-{last_row} take"
                )
                + f" the value of row {first_row} ('{_short(value)}').",
                "Unmerge them and write the value in each row, to be sure of what is read.",
                Severity.WARNING,
            )
        )
    return notes
