"""Names two rows of one table share as a leader reads them, and the names that tell them apart.

Two teams (projects, goals) of one name read as one on every page, chart and export, and
the loader refuses them. A scenario saved before that rule still opens (its tables are
warned, :mod:`planner.core.table_builder`), but any edit of its tables on the Data page was
then refused, a problem listed per repeated row, until each was renamed by hand. This
module finds the repeats in the editor's tables (:func:`planner.core.editing.editable_frames`)
and names each later row by its name and id, "SDR Team (mm-ae)". Nothing here knows
about Streamlit.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import pandas as pd

from planner.core.identifiers import id_key
from planner.core.table_rows import cell_text
from planner.core.tables import GOALS, PROJECTS, TEAMS

#: The tables whose rows are named, each with its id column and what a row is.
NAMED_TABLES = {
    TEAMS: ("team_id", "team"),
    PROJECTS: ("project_id", "project"),
    GOALS: ("goal_id", "goal"),
}


@dataclass(frozen=True)
class RepeatedName:
    """A row whose name an earlier row of its table already has (as a leader reads it).

    ``label`` and ``first_label`` are the rows' index labels in their table (label 0 is
    row 2, as a spreadsheet numbers it); ``renamed`` is the name that tells it apart."""

    file: str
    what: str
    label: Hashable
    row_id: str
    name: str
    first_label: Hashable
    first_id: str
    renamed: str

    @property
    def row(self) -> int:
        """The row as the file and the grids number it."""
        return int(self.label) + 2  # type: ignore[call-overload]

    @property
    def first_row(self) -> int:
        return int(self.first_label) + 2  # type: ignore[call-overload]


def repeated_names(frames: Mapping[str, pd.DataFrame]) -> tuple[RepeatedName, ...]:
    """Every row of ``frames``' teams, projects and goals whose name an earlier row has.

    Names are compared as the loader does for a near repeat (case, width and surrounding
    spaces ignored); a row without a name or an id is the loader's to refuse, not here."""
    found: list[RepeatedName] = []
    for file, (id_column, what) in NAMED_TABLES.items():
        frame = frames.get(file)
        if frame is None or "name" not in frame.columns or id_column not in frame.columns:
            continue
        ids = {cell_text(v).strip() for v in frame[id_column]}
        first: dict[str, tuple[Hashable, str]] = {}
        for label, row_id, name in zip(frame.index, frame[id_column], frame["name"], strict=True):
            row_id, name = cell_text(row_id).strip(), cell_text(name).strip()
            if not row_id or not name:
                continue
            key = id_key(name)
            if key not in first:
                first[key] = (label, row_id)
                continue
            first_label, first_id = first[key]
            found.append(
                RepeatedName(
                    file, what, label, row_id, name, first_label, first_id,
                    _told_apart(name, row_id, ids, first),
                )
            )  # fmt: skip
    return tuple(found)


def _told_apart(name: str, row_id: str, ids: set[str], taken: Mapping[str, object]) -> str:
    """``name`` with its row's id after it, unless another row has that name already."""
    renamed = f"{name} ({row_id})"
    number = 2
    while id_key(renamed) in taken or renamed in ids:
        renamed, number = f"{name} ({row_id} {number})", number + 1
    return renamed


def renamed_frames(
    frames: Mapping[str, pd.DataFrame], repeats: tuple[RepeatedName, ...]
) -> dict[str, pd.DataFrame]:
    """The tables of ``frames`` that ``repeats`` name, each repeated row renamed."""
    out: dict[str, pd.DataFrame] = {}
    for repeat in repeats:
        frame = out.setdefault(repeat.file, frames[repeat.file].copy())
        frame.loc[repeat.label, "name"] = repeat.renamed
    return out
