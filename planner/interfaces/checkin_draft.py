"""A check-in's records not saved yet, as text to keep beside the scenarios and read back.

A VP Sales who typed ten rows of the Check-in page and reloaded the tab found the plan's
pre-fill again: Streamlit's session ends with the tab. The records the leader types (each
project's status, % done, end week and "May move", each goal's KPI so far, each team's
hours used) and the weeks elapsed are written as JSON text (:func:`draft_text`), kept in
the scenario database under the plan checked in on (:func:`draft_key`), and laid back
over that week's pre-fill on the next visit (:func:`tables_with_draft`), row by id, so
that a row the plan no longer has is passed over rather than misread.

A draft lives until its check-in is done with: the save of the check-in as a scenario
drops it in the same transaction (a reload then opens on the plan, not on records saved
already), and the page drops it when **Reset to the plan for this week** (or edits back
to the pre-fill) leaves nothing of the leader's. Drafts stay few: each keep drops drafts
kept more than 30 days before (``DRAFT_DAYS`` in :mod:`planner.scenarios.kept_store`: a
browser that never came back, a plan long replaced) and keeps a browser's 10 newest only
(``DRAFTS_PER_BROWSER``: one per plan it checked in on).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Per table: its id column and the columns the leader types in.
DRAFT_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "projects": ("project_id", ("status", "percent_done", "end_week", "unlock")),
    "goals": ("goal_id", ("achieved",)),
    "hours": ("team_id", ("hours_used",)),
}


@dataclass(frozen=True)
class CheckinDraft:
    """The records read back: the weeks elapsed they were typed for, and per table the
    typed cells of each row by its id."""

    weeks: float
    cells: dict[str, dict[str, dict[str, Any]]]


def draft_key(baseline_key: str, data_key: str, browser: str | None = None) -> str:
    """The plan checked in on: the baseline's choice (this session's plan or a saved
    scenario's id) and the fingerprint of its inputs, and the browser's mark (``None``: no
    mark); records typed for one plan never fill another's tables, nor one browser's
    records a colleague's."""
    return hashlib.sha256(f"{baseline_key}\n{data_key}\n{browser or ''}".encode()).hexdigest()


def _cell(value: Any) -> Any:
    """A grid's cell as JSON keeps it: text as typed, a tick as a tick, empty as null."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy's bool_
        return _cell(value.item())
    return str(value)


def draft_text(weeks: float, tables: dict[str, pd.DataFrame]) -> str:
    """The leader's records in ``tables`` (the grids as edited) for ``weeks`` elapsed, as
    the text :func:`read_draft` reads."""
    cells = {}
    for name, (id_column, columns) in DRAFT_COLUMNS.items():
        if name not in tables:
            continue
        frame = tables[name]
        kept = [c for c in columns if c in frame.columns]
        # A column at a time: a row at a time (``iterrows``), 10,000 rows took a second on
        # every run of the page (``bench/checkin_draft_reload.py``).
        ids = [str(row_id) for row_id in frame[id_column].tolist()]
        typed = [[_cell(value) for value in frame[c].tolist()] for c in kept]
        rows = zip(*typed, strict=True) if typed else [()] * len(ids)
        cells[name] = {
            row_id: dict(zip(kept, row, strict=True)) for row_id, row in zip(ids, rows, strict=True)
        }
    return json.dumps({"weeks": weeks, "cells": cells}, sort_keys=True, ensure_ascii=False)


def read_draft(text: str) -> CheckinDraft | None:
    """The records in ``text`` (:func:`draft_text`); ``None`` for text that is not such
    records (a database edited by hand): the tables then start from the plan."""
    try:
        found = json.loads(text)
        weeks, cells = float(found["weeks"]), found["cells"]
    except (ValueError, TypeError, KeyError, RecursionError):  # RecursionError: [[[[...]]]]
        return None
    # The page's box takes weeks from 0: NaN, infinite or negative weeks (text edited by
    # hand) stopped the Check-in page on a traceback.
    if not math.isfinite(weeks) or weeks < 0:
        return None
    if not isinstance(cells, dict) or not all(isinstance(v, dict) for v in cells.values()):
        return None
    return CheckinDraft(weeks, cells)


def _laid(column: str, value: Any) -> bool:
    """Whether ``value`` is a cell :func:`draft_text` writes for ``column``: a tick for
    "May move", text or empty for the others (a list, a number or a table in text edited by
    hand stopped the page on a traceback)."""
    if column == "unlock":
        return isinstance(value, bool)
    return value is None or isinstance(value, str)


def tables_with_draft(
    tables: dict[str, pd.DataFrame], draft: CheckinDraft
) -> dict[str, pd.DataFrame]:
    """``tables`` (the pre-fill for the draft's weeks) with the draft's records laid over
    them, row by id; rows and columns the draft lacks keep the pre-fill.

    A column at a time: laid a cell at a time (``frame.at``), a draft of 10,000 rows took
    about a second on every reload (``bench/checkin_draft_reload.py``)."""
    laid = dict(tables)
    for name, (id_column, columns) in DRAFT_COLUMNS.items():
        typed = draft.cells.get(name)
        if name not in tables or not isinstance(typed, dict):
            continue
        frame = tables[name].copy()
        ids = [str(row_id) for row_id in frame[id_column].tolist()]
        rows = [(row_id, row) for row_id, row in typed.items() if isinstance(row, dict)]
        for column in columns:
            if column not in frame.columns:
                continue
            cells = {
                row_id: row[column]
                for row_id, row in rows
                if column in row and _laid(column, row[column])
            }
            at = [n for n, row_id in enumerate(ids) if row_id in cells]
            if at:
                values = [cells[ids[n]] for n in at]
                frame.iloc[at, list(frame.columns).index(column)] = np.array(
                    values, dtype=bool if column == "unlock" else object
                )
        laid[name] = frame
    return laid
