"""Problems in the input as every page shows them: a table per kind, its rows as the grids
number them, and what follows from each.

Not a page: app.py routes only the pages in ``pages.common.PAGES``. Text from the user
goes through :func:`pages.ui.md`, so it shows exactly as typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from pages.ui import md
from planner.core.errors import InputIssue, IssueGroup, follow_on_groups
from planner.core.shared_words import plural
from planner.core.table_rows import cell_text

#: The columns of a table of input problems, in pixels: 765 in all, the page's width in a
#: 1,024-pixel window, so that "how to fix it" is not cut off at the table's right edge.
_ISSUE_COLUMNS: dict[str, Any] = {
    "file": st.column_config.TextColumn("file", width=95),
    "row": st.column_config.TextColumn(
        "row", help="As a spreadsheet numbers it; empty for the whole file", width=45
    ),
    "column": st.column_config.TextColumn("column", width=95),
    "problem": st.column_config.TextColumn("what is wrong", width=220),
    "fix": st.column_config.TextColumn("how to fix it", width=310),
}
#: A name's character at the grid's 14 px font, at most (a "w" or an "_"; 6.6 px on average),
#: and the narrowest the fix column gets to leave a long name room.
_NAME_CHAR_PX, _LEAST_FIX_PX = 7.5, 220
#: A wrapped line of a problem table's cell: its pixels, and the most lines a row gets.
_LINE_PX, _MOST_LINES = 20, 10
#: The grid wraps a cell's text only in rows taller than 4rem (64 px): a row of two lines
#: at 54 px stayed one line, cut off.
_LEAST_WRAPPING_ROW_PX = 66


def issue_table(frame: pd.DataFrame, config: Mapping[str, Any]) -> None:
    """A table of input problems whose rows are tall enough for the messages to wrap.

    One line a row cut "value_low 250 is above the project's value 200. Make value_low
    at most 200 (the most likely value), or leave it empty" to "value_low 250 is above
    the proje" and "Make value_low at most 200 (the most likely value), or l": the fix
    was a hover away, which a leader does not know to do.
    """
    config = _names_fitted(frame, config)
    lines = 1
    for column in ("problem", "fix"):
        # About 7 pixels a character, less the cell's padding; a tenth more for the
        # words that wrap early.
        chars = max(1, (int(config[column]["width"]) - 16) // 7)
        for text in frame[column]:
            lines = max(lines, math.ceil(len(str(text)) * 1.1 / chars))
    lines = min(lines, _MOST_LINES)
    st.dataframe(
        frame,
        hide_index=True,
        column_config=config,
        row_height=None if lines == 1 else max(_LEAST_WRAPPING_ROW_PX, 14 + _LINE_PX * lines),
    )


def _names_fitted(frame: pd.DataFrame, config: Mapping[str, Any]) -> Mapping[str, Any]:
    """``config`` with the file and column columns as wide as their longest name, the room
    taken from the fix (down to :data:`_LEAST_FIX_PX`): a name is one word to find in the
    file, and a wrapped row broke it ("duration_wee" over "ks" at 95 px)."""
    fitted, room = dict(config), int(config["fix"]["width"]) - _LEAST_FIX_PX
    for column in ("file", "column"):
        longest = max((len(str(text)) for text in frame[column]), default=0)
        wider = min(room, math.ceil(16 + _NAME_CHAR_PX * longest) - int(config[column]["width"]))
        if wider > 0:
            fitted[column] = {**config[column], "width": int(config[column]["width"]) + wider}
            room -= wider
    taken = int(config["fix"]["width"]) - _LEAST_FIX_PX - room
    if taken:
        fitted["fix"] = {**config["fix"], "width": int(config["fix"]["width"]) - taken}
    return fitted


def issues_frame(issues: Iterable[InputIssue]) -> pd.DataFrame:
    """Input problems as a table: file, row, column, what is wrong, how to fix it.

    The row is text, empty for a problem of the whole file: a number column
    shows a missing row as "None", which reads as if the row were called that.
    """
    return pd.DataFrame(
        [
            {
                "file": i.file,
                "row": "" if i.row is None else str(i.row),
                "column": i.column or "",
                "problem": i.message,
                "fix": i.fix,
            }
            for i in issues
        ],
        columns=["file", "row", "column", "problem", "fix"],
    )


def _follow_ons_frame(groups: Iterable[IssueGroup]) -> pd.DataFrame:
    """Grouped problems of the other tables, one row per file, column and kind."""
    return pd.DataFrame(
        [
            {
                "file": g.file,
                "row": g.rows_text,
                "column": g.column or "",
                "problem": g.message,
                "fix": g.fix,
            }
            for g in groups
        ],
        columns=["file", "row", "column", "problem", "fix"],
    )


def rows_as_labelled(
    issues: Iterable[InputIssue],
    tables: Mapping[str, pd.DataFrame],
    originals: Mapping[str, pd.DataFrame] | None = None,
) -> tuple[InputIssue, ...]:
    """Problems found in edited ``tables``, each row named by its row's index label, as a
    spreadsheet numbers rows (label 0 is row 2), in the issue's row and in its words.

    The loader counts a table's rows from 2 as it reads them: a row deleted in a grid
    took its number with it and the rows below moved up one ("row 5" read "row 4"), where
    the grid's labels, and the row numbers it shows from them, keep theirs.

    With ``originals`` (the tables before the edits), a problem in a row added in a grid
    also says what the row reads: a grid shows no Row number beside a row typed in it
    until it is drawn again, and "Teams, row 12" could not be found there."""

    def labelled(file: str, row: int) -> int:
        table = tables.get(file)
        if table is None or not 0 <= row - 2 < len(table):
            return row
        return int(table.index[row - 2]) + 2

    def words(file: str, text: str) -> str:
        return re.sub(r"\b(rows?) (\d+)\b", lambda m: f"{m[1]} {labelled(file, int(m[2]))}", text)

    def message(issue: InputIssue) -> str:
        said = words(issue.file, issue.message)
        added = _added_row(issue, tables, originals or {})
        return f"{ADDED_ROW} ({added}): {said}" if added else said

    return tuple(
        replace(
            i,
            row=None if i.row is None else labelled(i.file, i.row),
            message=message(i),
            fix=words(i.file, i.fix),
        )
        if i.file in tables
        else i
        for i in issues
    )


#: How many of an added row's cells name it in a problem's words.
_ADDED_CELLS = 3
#: The words before a problem in a row added in a grid, and what that row reads.
ADDED_ROW = "The row you added"
_ADDED_SAID = re.compile(rf"{ADDED_ROW} \((?:it reads .*?|its cells are empty)\): ")


def added_row_said(message: str) -> tuple[str, str]:
    """A problem's words split into what names a row added in a grid (its first cells, as
    :func:`rows_as_labelled` says them; empty for a row the data had) and the problem."""
    found = _ADDED_SAID.match(message)
    return (found[0], message[found.end() :]) if found else ("", message)


def _added_row(
    issue: InputIssue, tables: Mapping[str, pd.DataFrame], originals: Mapping[str, pd.DataFrame]
) -> str:
    """What the row ``issue`` names reads, its first filled cells quoted, if it is a row
    added to ``tables`` (not among ``originals``' rows); else empty."""
    table, original = tables.get(issue.file), originals.get(issue.file)
    if table is None or original is None or issue.row is None:
        return ""
    if not 0 <= issue.row - 2 < len(table) or table.index[issue.row - 2] in original.index:
        return ""
    cells = [cell_text(v).strip() for v in table.iloc[issue.row - 2]]
    filled = [f'"{c}"' for c in cells if c][:_ADDED_CELLS]
    return f"it reads {', '.join(filled)}" if filled else "its cells are empty"


def show_issues(
    errors: Iterable[InputIssue],
    warnings: Iterable[InputIssue] = (),
    headline: str = "Nothing was changed.",
    replaced: Iterable[str] = (),
    *,
    on_screen: bool = False,
    also: str = "",
) -> None:
    """Errors (which block) and warnings (which do not), each located in its file.

    ``also``: said after how rows are numbered (where the page shows those numbers).

    ``on_screen``: the problems name a table on the page (its name in place of the file),
    its rows counted as the table shows them, not as a spreadsheet does.

    With ``replaced`` (the tables an upload or an edit replaced), those tables'
    own problems come first and the rest of the data's follow-on problems (rows
    naming a team the new table lacks...) are told once per kind, every one of
    them a click away.
    """
    errors, warnings = list(errors), list(warnings)
    replaced = tuple(replaced)
    roots, groups = follow_on_groups(errors, replaced)
    if replaced and groups and len(groups) < len(errors) - len(roots):
        _show_follow_ons(errors, roots, groups, headline, replaced)
        errors = []
    config = _ISSUE_COLUMNS
    rows = (
        "Rows are numbered as in a spreadsheet (the header is row 1, a table's first row is row 2)."
    )
    if on_screen:
        config = {**config, "file": st.column_config.TextColumn("table", width=95)}
        rows = "Rows are counted as the table above shows them (its first row is row 1)."
    rows = f"{rows} {also}".strip()
    if errors:
        found = plural(len(errors), "problem")
        them = "it" if len(errors) == 1 else "them"
        st.error(
            f"**{md(headline)}** {found} in the data: fix {them} and try again. {rows}",
            icon=":material/error:",
        )
        issue_table(issues_frame(errors), config)
    if warnings:
        warned = plural(len(warnings), "warning")
        with st.expander(f"{warned}: the data was read, but have a look"):
            issue_table(issues_frame(warnings), config)


def _show_follow_ons(
    errors: list[InputIssue],
    roots: tuple[InputIssue, ...],
    groups: tuple[IssueGroup, ...],
    headline: str,
    replaced: tuple[str, ...],
) -> None:
    """The replaced tables' own problems, then the others' told once per kind."""
    new = " and ".join(f"the new {md(name)}" for name in replaced)
    num_rows = sum(max(len(g.rows), 1) for g in groups)
    one = len(replaced) == 1
    own = (
        f"{plural(len(roots), 'problem')} in {new} {'itself' if one else 'themselves'} "
        "(below), and "
        if roots
        else f"{new[0].upper()}{new[1:]} {'reads' if one else 'read'} well, but "
    )
    rows = plural(num_rows, "row")
    match = f"{'does' if num_rows == 1 else 'do'} not match {'it' if one else 'them'}"
    st.error(
        f"**{md(headline)}** {own}{rows} of the other tables {match}. "
        f"Keep in {new} what those rows name, or upload the whole data folder (a .zip or an "
        ".xlsx workbook) so every table changes together. Rows are numbered as in a "
        "spreadsheet (the header is row 1).",
        icon=":material/error:",
    )
    if roots:
        issue_table(issues_frame(roots), _ISSUE_COLUMNS)
    st.caption(f"The other tables: {len(groups)} kinds of problem")
    # The grouped problem names the rows and values: the wide column is what is wrong.
    wide = {
        **_ISSUE_COLUMNS,
        "problem": st.column_config.TextColumn("what is wrong", width=310),
        "fix": st.column_config.TextColumn("how to fix it", width=220),
    }
    issue_table(_follow_ons_frame(groups), wide)
    with st.expander(f"Every problem, one per row ({len(errors)})"):
        issue_table(issues_frame(errors), _ISSUE_COLUMNS)
