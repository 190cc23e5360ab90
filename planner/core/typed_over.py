"""An id typed over with another row's id in the editors' tables (the Data page's grids).

A leader who changes AW-01's id to AW-02 in its cell has two rows of one id: the loader
names the later of the two ("row 3: the project_id 'AW-02' is already the id of row 2",
the row nobody touched when the edit was row 2), and what named the id that went reads
as missing ("the goal 'visitors' is not in goals.csv. Fix: Add goal 'visitors'", once per
project). :func:`typed_over` names the row edited and the row whose id it took;
:func:`follow_ons` are the loader's problems that only repeat it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from planner.core.errors import InputIssue
from planner.core.identifiers import identifier
from planner.core.tables import GOALS, PROJECTS, TEAMS

#: The tables whose rows are named by an id: (table, id column, what a row is).
_ID_TABLES = (
    (TEAMS, "team_id", "team"),
    (PROJECTS, "project_id", "project"),
    (GOALS, "goal_id", "goal"),
)


@dataclass(frozen=True)
class TypedOver:
    """A row whose id was changed to another row's: its problem and the id it lost."""

    issue: InputIssue
    table: str
    lost: str
    taken: str


def _id(cell: object) -> str:
    return identifier(cell) if isinstance(cell, str) else ""


def typed_over(
    before: Mapping[str, pd.DataFrame], after: Mapping[str, pd.DataFrame]
) -> list[TypedOver]:
    """Each row of ``after`` (an editor's table, its rows labelled as ``before``'s) whose id
    was changed to the id another row of the table still has, named at its row as the
    loader counts rows (the first of the table is row 2)."""
    found: list[TypedOver] = []
    for table, column, what in _ID_TABLES:
        edited, original = after.get(table), before.get(table)
        if edited is None or original is None or column not in edited:
            continue
        was = {label: _id(v) for label, v in original[column].items()}
        now = {label: _id(v) for label, v in edited[column].items()}
        many = Counter(now.values())
        labels = list(edited.index)
        names = dict(edited["name"].items()) if "name" in edited else {}
        for label, ident in now.items():
            old = was.get(label)
            if not old or not ident or old == ident or many[ident] < 2 or old in many:
                continue
            other = next((o for o, i in now.items() if i == ident and o != label), None)
            if other is None or was.get(other) != ident:
                continue
            name = names.get(other, "")
            shown = f" ('{name}')" if isinstance(name, str) and name.strip() else ""
            found.append(
                TypedOver(
                    InputIssue(
                        table,
                        labels.index(label) + 2,
                        column,
                        f"the {column} was changed from '{old}' to '{ident}', the id of row "
                        f"{labels.index(other) + 2}{shown}: two {what}s cannot share an id.",
                        f"Type '{old}' back, or give the {what} an id no other {what} has.",
                    ),
                    table,
                    old,
                    ident,
                )
            )
    return found


def follow_ons(issues: Iterable[InputIssue], over: list[TypedOver]) -> list[InputIssue]:
    """``issues`` without those :func:`typed_over` says already: the two rows of one id, and
    a reference to an id that went ("the goal 'visitors' is not in goals.csv")."""
    taken = {(o.table, o.taken) for o in over}
    lost = {o.lost for o in over}
    return [
        i
        for i in issues
        if not any(
            i.file == table and f"'{ident}' is already the id of row" in i.message
            for table, ident in taken
        )
        and not any(f"'{ident}' is not in " in i.message for ident in lost)
    ]


__all__ = ["TypedOver", "follow_ons", "typed_over"]
