"""A row whose cells are in each other's columns, said in one error.

``pin,AW-01,sdr`` under project_id, team_id, rule read as three errors (no project
'pin', no team 'AW-01', no rule 'sdr') where one thing is wrong: the order. A table's
reader gives what each column takes (:class:`Fit`); :func:`said_swapped` tells the row
when exactly one other order makes every cell right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import permutations
from typing import NamedTuple

from planner.core.cells import Row
from planner.core.errors import clipped
from planner.core.shared_words import joined


class Fit(NamedTuple):
    """What one column takes: whether a cell fits it, and what such a cell is ("a team")."""

    fits: Callable[[str], bool]
    what: str


def said_swapped(row: Row, columns: Mapping[str, Fit]) -> bool:
    """Say in one error on ``row`` that its cells in ``columns`` look swapped, and True,
    when the row is wrong as written and exactly one other order of them makes every
    cell fit its column; else say nothing and return False (each cell is then told)."""
    names = list(columns)
    cells = [row.text(column) for column in names]
    if all(columns[c].fits(cell) for c, cell in zip(names, cells, strict=True)):
        return False
    orders = [
        order
        for order in permutations(cells)
        if all(columns[c].fits(cell) for c, cell in zip(names, order, strict=True))
    ]
    if len(orders) != 1:
        return False
    placed = list(zip(names, cells, orders[0], strict=True))
    moved = [(column, now) for column, was, now in placed if was != now]
    found = joined([f"'{clipped(now)}' is {columns[column].what}" for column, now in moved])
    written = joined([row.said(names[cells.index(now)]) for _, now in moved])
    under = joined([f"'{clipped(now)}' under {row.said(column)}" for column, _, now in placed])
    row.error(
        moved[0][0],
        f"these cells look swapped: {found}, but they are written under {written}.",
        f"Write {under}.",
    )
    return True
