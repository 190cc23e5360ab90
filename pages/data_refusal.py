"""The Data page's edits refused on Apply: what was refused, and whether the grids still
show it.

A refusal names rows and cells of the tables as they were applied ("Not applied: Teams
(teams.csv), row 18 ..."). Once a grid changes (that row fixed or deleted) it is the last
Apply's, not the tables': said so, with Apply to check them again, where it stayed on
screen as the tables' until the next Apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd
import streamlit as st

from pages.ui import md
from planner.core.editing import grid_column
from planner.core.errors import InputIssue
from planner.core.shared_words import plural
from planner.core.table_rows import cell_text

#: The headline of edits refused on Apply.
NOT_APPLIED = "Your edits were not applied."
#: The headline of the last Apply's problems once the grids have changed since.
LAST_APPLY = "Found by your last Apply, before your latest edits."
#: Said by Apply in place of the refusal once the grids have changed since.
EDITED_SINCE = (
    "You have edited the tables since your last Apply was refused: the problems listed "
    "above the tables are of the tables as they were. Apply edits to check them as they are now."
)
#: The tables as they were when Apply refused them.
_REFUSED = "data_refused_tables"


def remember_refused(frames: Mapping[str, pd.DataFrame]) -> None:
    """Keep the edited tables Apply refused: the refusal is theirs."""
    st.session_state[_REFUSED] = dict(frames)


def forget_refused() -> None:
    """No refusal to keep: the edits were applied, discarded or undone."""
    st.session_state.pop(_REFUSED, None)


def edited_since(drafts: Mapping[str, pd.DataFrame]) -> bool:
    """Whether the grids' edits (``drafts``, as the grids now show them) differ from those
    Apply refused last: a row fixed, deleted or added, or a table's edits discarded."""
    refused = st.session_state.get(_REFUSED)
    if refused is None:
        return False
    return refused.keys() != drafts.keys() or any(not _same(refused[f], drafts[f]) for f in refused)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same rows and cells as a grid shows them (a grid drawn again from a draft may
    give its numbers back as other types: 500 for 500.0)."""
    if list(a.index) != list(b.index) or list(a.columns) != list(b.columns):
        return False
    return all(
        cell_text(x) == cell_text(y)
        for column in a.columns
        for x, y in zip(a[column], b[column], strict=True)
    )


def headline(refusal: str, drafts: Mapping[str, pd.DataFrame]) -> str:
    """The headline of the issues listed above the tables: a refusal's (``refusal`` is
    :data:`NOT_APPLIED`) is :data:`LAST_APPLY` once the grids have changed since."""
    return LAST_APPLY if refusal == NOT_APPLIED and edited_since(drafts) else refusal


def show_by_apply(
    errors: tuple[InputIssue, ...], drafts: Mapping[str, pd.DataFrame], titles: Mapping[str, str]
) -> None:
    """By the Apply button: the refusal's first problem, or, the grids edited since, that
    the problems listed are the last Apply's."""
    if edited_since(drafts):
        st.info(md(EDITED_SINCE), icon=":material/edit_note:")
    else:
        st.error(refused_here(errors, titles), icon=":material/error:")


def in_the_grids(issues: Iterable[InputIssue]) -> tuple[InputIssue, ...]:
    """Problems in cells typed in the grids, each column named as the grid heads it and as
    the file does ("Own hours in the quarter (capacity_hours)"): the edit is fixed in
    either."""
    return tuple(
        replace(i, column=grid_column(i.file, i.column)) if i.column else i for i in issues
    )


def refused_here(errors: tuple[InputIssue, ...], titles: Mapping[str, str]) -> str:
    """Edits refused on Apply, said by the button: the problems are listed above the tables,
    out of view where Apply is pressed (196 px above the window at 1024 x 768), and the
    page read as if Apply had done nothing. The first problem is named in full."""
    first = errors[0]
    where = ", ".join(
        [
            f"{titles[first.file]} ({first.file})" if first.file in titles else first.file,
            *([f"row {first.row}"] if first.row else []),
            *([first.column] if first.column else []),
        ]
    )
    said = f"{md(where)}: {md(first.message)} {md(first.fix)}"
    if len(errors) == 1:
        return f"**Not applied:** {said} It is listed above the tables too."
    found = plural(len(errors), "problem")
    return f"**Not applied:** {found}, listed above the tables; the first: {said}"
