"""The rows of a scenario's inputs and plan in the store's tables, under one id: a saved
scenario's, the unsaved work's or its current plan's (:mod:`planner.scenarios.kept_store`).

Every cell is a parameter; table and column names are :mod:`planner.scenarios.schema`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from planner.core.domain import Baseline, Problem
from planner.scenarios.schema import BASELINE_COLUMNS, INPUT_TABLES

#: Rows per INSERT statement (parameters per statement stay in the thousands).
BATCH_ROWS = 200


def insert_rows(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    scenario_id: int,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Insert rows under ``scenario_id``, numbered in order, a batch per statement.

    Every cell is a parameter; the statement text holds only placeholders.
    """
    names = ", ".join(f'"{c}"' for c in columns)
    placeholders = "(" + ", ".join("?" * (len(columns) + 2)) + ")"
    for start in range(0, len(rows), BATCH_ROWS):
        batch = rows[start : start + BATCH_ROWS]
        values: list[Any] = []
        for offset, row in enumerate(batch):
            values += [scenario_id, start + offset, *row]
        cur.execute(
            f"INSERT INTO {table} (scenario_id, row_no, {names}) VALUES "
            + ", ".join([placeholders] * len(batch)),
            values,
        )


def insert_inputs(cur: duckdb.DuckDBPyConnection, scenario_id: int, problem: Problem) -> None:
    """Write a problem's tables and its baseline's owners under ``scenario_id``."""
    insert_tables(cur, scenario_id, problem)
    insert_baseline(cur, scenario_id, problem)


def insert_tables(cur: duckdb.DuckDBPyConnection, scenario_id: int, problem: Problem) -> None:
    """Write a problem's tables (as the data folder's text) under ``scenario_id``."""
    from planner.core.loading import problem_to_frames

    frames = problem_to_frames(problem)
    for file, (table, columns) in INPUT_TABLES.items():
        rows = list(frames[file][list(columns)].itertuples(index=False, name=None))
        insert_rows(cur, table, scenario_id, columns, rows)


def insert_baseline(cur: duckdb.DuckDBPyConnection, scenario_id: int, problem: Problem) -> None:
    """Write a problem's baseline's owners (if it has one) under ``scenario_id``."""
    baseline = problem.baseline
    if baseline is not None:
        rows = [
            (
                project_id,
                team_id,
                project_id in baseline.in_progress,
                project_id in baseline.unlocked,
            )
            for project_id, teams in baseline.owners.items()
            for team_id in sorted(teams)
        ]
        insert_rows(cur, "scenario_baseline", scenario_id, BASELINE_COLUMNS, rows)


def select_inputs(
    cur: duckdb.DuckDBPyConnection, scenario_id: int
) -> tuple[dict[str, pd.DataFrame], list[tuple[Any, ...]]]:
    """The tables (as the data folder's text) and baseline rows :func:`insert_inputs` wrote."""
    frames = {
        file: pd.DataFrame(
            select_rows(cur, table, columns, scenario_id), columns=list(columns), dtype=object
        )
        for file, (table, columns) in INPUT_TABLES.items()
    }
    return frames, select_rows(cur, "scenario_baseline", BASELINE_COLUMNS, scenario_id)


def baseline_from_rows(rows: Sequence[Sequence[Any]], max_changes: int | None) -> Baseline:
    """A baseline's owners, projects kept in progress and projects let move, from its
    stored rows (none let move in rows saved before they were stored: :func:`unlocked_told`)."""
    owners: dict[str, set[str]] = {}
    for project_id, team_id, *_ in rows:
        owners.setdefault(project_id, set()).add(team_id)
    running = frozenset(row[0] for row in rows if row[2])
    moving = frozenset(row[0] for row in rows if row[3])
    return Baseline(
        {k: frozenset(v) for k, v in owners.items()}, max_changes, running, unlocked=moving
    )


def unlocked_told(rows: Sequence[Sequence[Any]]) -> bool:
    """Whether stored baseline rows say which projects were let move (schema 13 on)."""
    return any(row[3] is not None for row in rows)


def delete_rows(cur: duckdb.DuckDBPyConnection, work_id: int, tables: Sequence[str]) -> None:
    """Delete the rows under ``work_id`` (the unsaved work's, or its current plan's) in
    ``tables``, inside the caller's transaction."""
    for table in tables:
        cur.execute(f"DELETE FROM {table} WHERE scenario_id = ?", [work_id])


def select_rows(
    cur: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], scenario_id: int
) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    return cur.execute(
        f"SELECT {names} FROM {table} WHERE scenario_id = ? ORDER BY row_no", [scenario_id]
    ).fetchall()
