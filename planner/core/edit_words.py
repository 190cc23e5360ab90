"""What an edit of the Data page's tables changed, cell by cell, in a leader's words.

The tables are :func:`planner.core.editing.editable_frames`' (every cell as text, rows by
their index label: label 0 is row 2). An applied edit was said as "Teams: 1 edited", which
team and which figure left to the reader; here each changed cell is said with its row, its
column as the grid heads it and its value before and after, each row added or deleted by
what it reads. Nothing here knows about Streamlit.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import pandas as pd

from planner.core.editing import grid_column
from planner.core.table_rows import cell_text
from planner.core.words import plural

#: Changes said one by one; the rest counted.
SHOWN = 6
#: Cells that name a row added or deleted.
_ROW_CELLS = 2


def _row(frame: pd.DataFrame, label: Hashable) -> str:
    """Row ``label`` of ``frame`` as the grid numbers it, with its first filled cells."""
    cells = [cell_text(v).strip() for v in frame.loc[[label]].iloc[0]]
    filled = [c for c in cells if c][:_ROW_CELLS]
    number = int(label) + 2  # type: ignore[call-overload]
    return f"row {number} ({', '.join(filled)})" if filled else f"row {number}"


def _value(text: str) -> str:
    return f"'{text}'" if text else "empty"


def edit_words(
    before: Mapping[str, pd.DataFrame],
    after: Mapping[str, pd.DataFrame],
    titles: Mapping[str, str],
) -> tuple[str, ...]:
    """Each change from ``before`` to ``after`` (the tables edited), in words, the first
    :data:`SHOWN` of them and how many more: "Teams, row 2 (sdr, SDR Team): Own hours in
    the quarter (capacity_hours) '1000' → '999'"."""
    said: list[str] = []
    for file, edited in after.items():
        original = before.get(file)
        if original is None:
            continue
        title = titles.get(file, file)
        for label in original.index.difference(edited.index, sort=False):
            said.append(f"{title}, {_row(original, label)}: deleted")
        for label in edited.index.difference(original.index, sort=False):
            said.append(f"{title}, {_row(edited, label)}: added")
        for label in edited.index.intersection(original.index, sort=False):
            for column in edited.columns.intersection(original.columns, sort=False):
                was = cell_text(original.at[label, column]).strip()
                now = cell_text(edited.at[label, column]).strip()
                if was != now:
                    where = f"{title}, {_row(original, label)}: {grid_column(file, column)}"
                    said.append(f"{where} {_value(was)} → {_value(now)}")
    if len(said) > SHOWN:
        return (*said[:SHOWN], f"and {plural(len(said) - SHOWN, 'more change')}")
    return tuple(said)
