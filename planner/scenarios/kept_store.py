"""The session's unsaved work in the scenario database (:mod:`planner.scenarios.kept_work`),
with the current plan it was planned against.

The work's tables' rows go in the scenarios' input tables under an id no scenario has
(``UNSAVED_WORK_ID``), the rest in one row of ``unsaved_work``; its current plan's in one
row of ``unsaved_in_force``, its tables (unless they are the work's own), baseline and plan
rows under ``IN_FORCE_ID``. One per database, replaced whole by each change, in one
transaction: all of it, or nothing. :class:`~planner.scenarios.storage.ScenarioStore`
holds the scenarios themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

from planner.core.domain import Baseline, Problem, Result, Status
from planner.core.errors import InvalidInputError
from planner.core.settings_reading import parse_settings
from planner.scenarios import store_rows
from planner.scenarios.database import ScenarioFile, StorageError
from planner.scenarios.kept_work import KeptPlan, KeptWork, current_basis_label, current_source
from planner.scenarios.labels import DELETED_SINCE, SAVED_SCENARIO_PREFIX, saved_scenario_label
from planner.scenarios.row_conversion import plan_from_rows, plan_rows, utc_naive
from planner.scenarios.schema import (
    BASELINE_HEAD_COLUMNS,
    CHILD_TABLES,
    IN_FORCE_COLUMNS,
    IN_FORCE_ID,
    INPUT_TABLES,
    PLAN_COLUMNS,
    UNSAVED_WORK_COLUMNS,
    UNSAVED_WORK_ID,
)
from planner.scenarios.storage_messages import told
from planner.solving.service import fingerprint, tables_fingerprint

#: Check-in drafts kept longer than this many days are dropped (a browser that never came
#: back, a plan long replaced): a quarter's check-ins come weeks apart, and a month-old
#: draft is no check-in in progress.
DRAFT_DAYS = 30
#: The most check-in drafts one browser keeps (one per plan it checked in on): its newest.
DRAFTS_PER_BROWSER = 10
#: The fix said when the work kept cannot be read back.
_FIX = "Start from the data the app opened instead (that discards it)."
_INPUT_TABLES = tuple(table for table, _ in INPUT_TABLES.values())
#: How many of a head row's columns after its settings are its baseline's.
_HEAD = len(BASELINE_HEAD_COLUMNS)


class KeptWorkStore(ScenarioFile):
    """The unsaved work's part of the store."""

    def keep_work(
        self,
        problem: Problem,
        source: str,
        kept_at: datetime | None = None,
        in_force: KeptPlan | None = None,
        basis: tuple[str, str] | None = None,
        kept_by: str | None = None,
    ) -> str:
        """Keep ``problem`` (valid, applied inputs) as the database's unsaved work, with the
        current plan it was planned against, what it is built on (``basis``: its label
        and fingerprint) and the browser it was kept from (``kept_by``, its mark), in place of
        the work kept before: all of it, or nothing. Its fingerprint.

        One per database, as the scenarios are: the latest change of any session.

        Raises
        ------
        StorageError
            When the database cannot be written; the work kept before is as it was.
        """
        key, tables_key = fingerprint(problem), tables_fingerprint(problem)
        kept = utc_naive(kept_at or datetime.now(UTC))
        with self._cursor(write=True) as cur, self._transaction(cur):
            row = cur.execute(
                "SELECT tables_fingerprint FROM unsaved_work WHERE work_id = ?",
                [UNSAVED_WORK_ID],
            ).fetchone()
            # A setting changed, the tables as kept: their rows stay (a large quarter's
            # take a second or two to write).
            same_tables = row is not None and row[0] == tables_key
            store_rows.delete_rows(
                cur, UNSAVED_WORK_ID, ("scenario_baseline",) if same_tables else CHILD_TABLES
            )
            cur.execute("DELETE FROM unsaved_work WHERE work_id = ?", [UNSAVED_WORK_ID])
            cur.execute(
                f"INSERT INTO unsaved_work ({', '.join(UNSAVED_WORK_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(UNSAVED_WORK_COLUMNS))})",
                [
                    UNSAVED_WORK_ID,
                    kept,
                    source,
                    key,
                    tables_key,
                    problem.settings.to_toml(),
                    *_baseline_values(problem.baseline),
                    *(basis or (None, None)),
                    kept_by,
                ],
            )
            if not same_tables:
                store_rows.insert_tables(cur, UNSAVED_WORK_ID, problem)
            store_rows.insert_baseline(cur, UNSAVED_WORK_ID, problem)
            _keep_in_force(cur, in_force, tables_key)
        return key

    def kept_work(self) -> KeptWork | None:
        """The unsaved work kept (:meth:`keep_work`), exactly as it was kept; None if none.

        Raises
        ------
        StorageError
            When its inputs no longer validate or read back otherwise than kept, or its
            current plan no longer keeps every rule (a database edited by hand).
        """
        with self._cursor() as cur, self._transaction(cur):
            head = cur.execute(
                f"SELECT {', '.join(UNSAVED_WORK_COLUMNS[1:])} FROM unsaved_work WHERE work_id = ?",
                [UNSAVED_WORK_ID],
            ).fetchone()
            if head is None:
                return None
            frames, baseline_rows = store_rows.select_inputs(cur, UNSAVED_WORK_ID)
            in_force_rows = _select_in_force(cur, frames)
            kept_at, source, key, _, settings_toml, *rest = head
            baseline, (basis_label, basis_key, kept_by) = rest[:_HEAD], rest[_HEAD:]
            basis_label = _saved_as_now(cur, basis_label)
        problem, warnings = _problem(frames, settings_toml, baseline_rows, baseline, key)
        in_force = None if in_force_rows is None else _in_force(*in_force_rows)
        basis = None if basis_label is None else (current_basis_label(basis_label), basis_key)
        when = kept_at.replace(tzinfo=UTC)
        return KeptWork(
            problem, warnings, current_source(source), when, key, in_force, basis, kept_by
        )

    def discard_work(self, key: str | None = None) -> bool:
        """Drop the unsaved work kept: any, or only the one with fingerprint ``key`` (not
        another session's kept since). Whether some was dropped."""
        with self._cursor(write=True) as cur, self._transaction(cur):
            row = cur.execute(
                "SELECT fingerprint FROM unsaved_work WHERE work_id = ?", [UNSAVED_WORK_ID]
            ).fetchone()
            if row is None or (key is not None and row[0] != key):
                return False
            store_rows.delete_rows(cur, UNSAVED_WORK_ID, CHILD_TABLES)
            cur.execute("DELETE FROM unsaved_work WHERE work_id = ?", [UNSAVED_WORK_ID])
            _keep_in_force(cur, None, "")
        return True

    def keep_checkin_draft(
        self, key: str, draft: str, kept_by: str | None = None, *, now: datetime | None = None
    ) -> None:
        """Keep a check-in's records not saved yet (``draft``, text) for the plan checked in
        on (``key``), in place of those kept for it before, so that a reload of the tab finds
        them again; ``kept_by``: the browser's mark; ``now``: the time kept (UTC; default the
        clock's).

        The drafts stay few: in the same transaction, drafts kept more than
        :data:`DRAFT_DAYS` days before ``now`` are dropped, and of each browser's drafts
        (one per plan it checked in on) only its :data:`DRAFTS_PER_BROWSER` newest stay.

        Raises
        ------
        StorageError
            When the database cannot be written; the records kept before are as they were.
        """
        kept = utc_naive(now or datetime.now(UTC))
        with self._cursor(write=True) as cur, self._transaction(cur):
            cur.execute("DELETE FROM checkin_drafts WHERE draft_key = ?", [key])
            cur.execute(
                "INSERT INTO checkin_drafts (draft_key, kept_at, kept_by, draft) "
                "VALUES (?, ?, ?, ?)",
                [key, kept, kept_by, draft],
            )
            cur.execute(
                "DELETE FROM checkin_drafts WHERE kept_at < ?",
                [kept - timedelta(days=DRAFT_DAYS)],
            )
            cur.execute(
                "DELETE FROM checkin_drafts WHERE draft_key IN (SELECT draft_key FROM ("
                "SELECT draft_key, row_number() OVER (PARTITION BY coalesce(kept_by, '') "
                "ORDER BY draft_key = ? DESC, kept_at DESC, draft_key) AS newest "
                "FROM checkin_drafts) WHERE newest > ?)",
                [key, DRAFTS_PER_BROWSER],
            )

    def checkin_draft(self, key: str) -> tuple[str, datetime, str | None] | None:
        """The check-in records kept for the plan ``key`` (:meth:`keep_checkin_draft`): the
        text, when (UTC) and the browser's mark; ``None`` when none are kept."""
        with self._cursor() as cur, self._transaction(cur):
            row = cur.execute(
                "SELECT draft, kept_at, kept_by FROM checkin_drafts WHERE draft_key = ?", [key]
            ).fetchone()
        return None if row is None else (str(row[0]), row[1].replace(tzinfo=UTC), row[2])

    def discard_checkin_draft(self, key: str) -> bool:
        """Drop the check-in records kept for the plan ``key``: saved, or started again.
        Whether some were dropped."""
        with self._cursor(write=True) as cur, self._transaction(cur):
            return drop_checkin_draft(cur, key)


def drop_checkin_draft(cur: duckdb.DuckDBPyConnection, key: str) -> bool:
    """Inside the caller's transaction: drop the check-in records kept for the plan ``key``.
    Whether some were dropped. A save of the check-in drops them in its own transaction
    (:meth:`~planner.scenarios.storage.ScenarioStore.save`): dropped by the page after the
    save, a server stopped between the two left the records saved already to open on the
    reload, until their month was up."""
    found = cur.execute("SELECT count(*) FROM checkin_drafts WHERE draft_key = ?", [key]).fetchone()
    cur.execute("DELETE FROM checkin_drafts WHERE draft_key = ?", [key])
    return bool(found and found[0])


def drop_work_saved(cur: duckdb.DuckDBPyConnection, problem: Problem) -> None:
    """Inside a save's transaction: drop the unsaved work whose inputs are ``problem``'s,
    saved now (whichever session kept it). A server stopped between a save and its page
    dropping the work it kept offered the saved inputs as "Your unsaved work" on the
    reload; done in the save's transaction, the save and the drop land together or not at
    all."""
    row = cur.execute(
        "SELECT fingerprint FROM unsaved_work WHERE work_id = ?", [UNSAVED_WORK_ID]
    ).fetchone()
    if row is None or row[0] != fingerprint(problem):
        return
    store_rows.delete_rows(cur, UNSAVED_WORK_ID, CHILD_TABLES)
    cur.execute("DELETE FROM unsaved_work WHERE work_id = ?", [UNSAVED_WORK_ID])
    _keep_in_force(cur, None, "")


def _baseline_values(baseline: Baseline | None) -> list[Any]:
    """A baseline's :data:`~planner.scenarios.schema.BASELINE_HEAD_COLUMNS`."""
    starts = sorted(baseline.starts.items()) if baseline is not None else []
    return [
        baseline is not None,
        None if baseline is None else baseline.max_changes,
        [] if baseline is None else sorted(baseline.under_way),
        [] if baseline is None else sorted(baseline.unlocked),
        [project_id for project_id, _ in starts],
        [week for _, week in starts],
    ]


def _problem(
    frames: Any,
    settings_toml: str,
    baseline_rows: Sequence[Sequence[Any]],
    baseline: Sequence[Any],
    key: str,
) -> tuple[Problem, Any]:
    """The inputs as kept, with their warnings; checked against their fingerprint."""
    from planner.core.loading import build_problem

    has_baseline, max_changes, under_way, unlocked, start_projects, start_weeks = baseline
    try:
        built = build_problem(frames, parse_settings(settings_toml), stored=True)
    except InvalidInputError as exc:
        raise StorageError(
            told(f"The unsaved work kept in the database no longer validates: {exc}", _FIX)
        ) from None
    problem = built.problem
    if has_baseline:
        found = replace(
            store_rows.baseline_from_rows(baseline_rows, max_changes),
            under_way=frozenset(under_way),
            unlocked=frozenset(unlocked),
            starts=dict(zip(start_projects, start_weeks, strict=True)),
        )
        problem = problem.replace(baseline=found)
    if fingerprint(problem) != key:
        raise StorageError(
            told(
                "The unsaved work kept in the database does not read back as it was kept "
                "(was the database edited by hand?).",
                _FIX,
            )
        )
    return problem, built.warnings


def _plan_key(rows: Sequence[Sequence[Any]]) -> str:
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def _keep_in_force(
    cur: duckdb.DuckDBPyConnection, in_force: KeptPlan | None, work_tables: str
) -> None:
    """Keep the work's current plan (none: drop the one kept), inside the caller's
    transaction. Its tables' rows are written only when they are not the work's and not
    already there; its plan's only when the plan changed."""
    before = cur.execute(
        "SELECT tables_fingerprint, shares_tables, plan_key FROM unsaved_in_force "
        "WHERE work_id = ?",
        [IN_FORCE_ID],
    ).fetchone()
    if in_force is None or in_force.result.plan is None:
        store_rows.delete_rows(cur, IN_FORCE_ID, CHILD_TABLES)
        cur.execute("DELETE FROM unsaved_in_force WHERE work_id = ?", [IN_FORCE_ID])
        return
    problem, result = in_force.problem, in_force.result
    assert result.plan is not None
    tables_key, rows = tables_fingerprint(problem), plan_rows(result.plan)
    plan_key, shares = _plan_key(rows), tables_key == work_tables
    own_tables = before is not None and not before[1] and before[0] == tables_key
    same_plan = before is not None and before[2] == plan_key
    dropped = [
        "scenario_baseline",
        *(() if same_plan else ("scenario_plan_rows",)),
        *(() if own_tables and not shares else _INPUT_TABLES),
    ]
    store_rows.delete_rows(cur, IN_FORCE_ID, dropped)
    cur.execute("DELETE FROM unsaved_in_force WHERE work_id = ?", [IN_FORCE_ID])
    cur.execute(
        f"INSERT INTO unsaved_in_force ({', '.join(IN_FORCE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(IN_FORCE_COLUMNS))})",
        [
            IN_FORCE_ID,
            fingerprint(problem),
            tables_key,
            shares,
            plan_key,
            problem.settings.to_toml(),
            *_baseline_values(problem.baseline),
            result.status.value,
            result.objective,
            result.bound,
            result.gap,
            result.runtime_s,
            list(result.reasons),
            in_force.kept_close,
        ],
    )
    if not shares and not own_tables:
        store_rows.insert_tables(cur, IN_FORCE_ID, problem)
    store_rows.insert_baseline(cur, IN_FORCE_ID, problem)
    if not same_plan:
        store_rows.insert_rows(cur, "scenario_plan_rows", IN_FORCE_ID, PLAN_COLUMNS, rows)


def _select_in_force(cur: duckdb.DuckDBPyConnection, work_frames: Any) -> tuple[Any, ...] | None:
    """The current plan's row, tables (the work's when it shares them), baseline rows and
    plan rows; None when none is kept."""
    head = cur.execute(
        f"SELECT {', '.join(IN_FORCE_COLUMNS[1:])} FROM unsaved_in_force WHERE work_id = ?",
        [IN_FORCE_ID],
    ).fetchone()
    if head is None:
        return None
    frames, baseline_rows = store_rows.select_inputs(cur, IN_FORCE_ID)
    shares = head[2]
    stored = store_rows.select_rows(cur, "scenario_plan_rows", PLAN_COLUMNS, IN_FORCE_ID)
    return head, work_frames if shares else frames, baseline_rows, stored


def _in_force(
    head: Sequence[Any], frames: Any, baseline_rows: Sequence[Sequence[Any]], stored: Any
) -> KeptPlan:
    """The current plan as kept, its plan checked again against every rule."""
    from planner.checker import check_plan, objective_of

    key, _, _, _, settings_toml, *rest = head
    baseline, (status, objective, bound, gap, seconds, reasons, kept_close) = (
        rest[:_HEAD],
        rest[_HEAD:],
    )
    problem, _ = _problem(frames, settings_toml, baseline_rows, baseline, key)
    plan = plan_from_rows(stored)
    if check_plan(problem, plan):
        raise StorageError(
            told(
                "The current plan kept with the unsaved work no longer keeps every rule "
                "(was the database edited by hand?).",
                _FIX,
            )
        )
    result = Result(
        Status(status),
        plan,
        objective,
        bound,
        gap,
        seconds,
        breakdown=objective_of(problem, plan),
        reasons=tuple(reasons),
    )
    return KeptPlan(problem, result, kept_close)


def _saved_as_now(cur: Any, label: str | None) -> str | None:
    """A basis label naming a saved scenario ("the saved scenario #1 Q3") as that scenario is
    now: under its name now when another process renamed it, or deleted since. A reload
    offered "The saved scenario #1 Q3 was open here ... it stays saved on the Scenarios
    page" of a scenario another process had deleted."""
    if (
        label is None
        or not label.startswith(SAVED_SCENARIO_PREFIX)
        or label.endswith(DELETED_SINCE)
    ):
        return label
    number = label[len(SAVED_SCENARIO_PREFIX) :].partition(" ")[0]
    if not number.isdigit():
        return label
    row = cur.execute("SELECT name FROM scenarios WHERE scenario_id = ?", [int(number)]).fetchone()
    return label + DELETED_SINCE if row is None else saved_scenario_label(int(number), row[0])
