"""Saved scenarios in an embedded DuckDB file: the only module that runs SQL.

Where the file lives
    ``$PLANNER_DB`` when set (``:memory:`` for a throw-away database), else
    ``$XDG_DATA_HOME/goal-planner/planner.duckdb``, i.e.
    ``~/.local/share/goal-planner/planner.duckdb`` on most systems
    (``%LOCALAPPDATA%\\goal-planner\\planner.duckdb`` on Windows). The file
    and its folder are created on first use.

How it is written
    Every value goes in as a parameter, never into the SQL text; table and
    column names are constants of this module and of
    :mod:`planner.scenarios.schema` (the tables and their migrations).
    Every change is one explicit
    transaction, so a save is all or nothing: a crash mid-save leaves the
    scenarios saved before it intact. The connection cannot read or write
    any other file (``enable_external_access = false``, locked) nor load
    extensions.

Sharing the file
    DuckDB lets one process at a time open a file for writing. So a store
    opens the file for each operation (threads of one process that overlap
    share that connection, each on its own cursor) and closes it as soon as
    no operation is left: the app, the ``planner scenarios`` command and a
    second app server can all use the same file. An operation that finds the
    file held by another process retries with a growing, jittered pause for
    up to :data:`LOCK_WAIT_S` before it reports the file as in use. Opening
    costs a few milliseconds per operation (measured in
    ``docs/reliability.md``); the schema check on each opening also notices
    a file that was replaced meanwhile.

What is stored
    A scenario's input tables as real tables keyed by ``scenario_id``, one
    per data file, with the data folder's columns as text exactly as
    :func:`~planner.core.loading.problem_to_frames` writes them (plain decimals,
    ``name:level`` skills...). Text keeps every number exact whatever its
    decimals, and loading goes back through
    :func:`~planner.core.loading.build_problem`, the same validator as a data
    folder, so what comes out is a valid problem equal to what went in. The
    settings as TOML text, the plan's rows (numbers as exact decimal text)
    and the headline metrics as columns, so the list needs one query. A
    re-plan's check-in in tables of its own (a head row, then its projects,
    goals and teams); one saved before those tables existed is read from the
    TOML at the end of the scenario's note.

When the file cannot be used
    A file that is not a DuckDB database, is damaged, belongs to another
    program, was written by a newer Goal Planner, or is held by another
    process raises :class:`StorageUnavailableError` with a message saying
    what to do. Such a file is never written to, let alone replaced.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from planner.core.domain import Baseline
from planner.core.errors import InvalidInputError
from planner.core.settings import parse_settings
from planner.core.text import name_key
from planner.scenarios.checkin_toml import checkin_from_note
from planner.scenarios.metrics import Scenario, ScenarioSummary, check_name, check_note
from planner.scenarios.rows import (
    checkin_from_rows,
    checkin_rows,
    plan_from_rows,
    plan_rows,
    summary_from_row,
    utc_naive,
)
from planner.scenarios.schema import (
    BASELINE_COLUMNS,
    CHECKIN_TABLES,
    CHILD_TABLES,
    INPUT_TABLES,
    MIGRATIONS,
    PLAN_COLUMNS,
    SCHEMA_VERSION,
)
from planner.scenarios.storage_messages import (
    ELSEWHERE,
    ENV_VAR,  # noqa: F401  (re-exported: the variable that names the file)
    MEMORY,
    database_path,
    default_path,  # noqa: F401  (re-exported: where the store lives)
    describe,
    is_locked,
    may_be_duckdb,
    special_kind,
    unavailable_message,
)

#: How long an operation waits for another process to let go of the file.
LOCK_WAIT_S = 5.0
#: The first and the longest pause between two tries to open a locked file.
_RETRY_FIRST_S = 0.01
_RETRY_MAX_S = 0.25

#: DuckDB settings of every connection: no file but ours, no extensions.
CONNECTION_CONFIG: dict[str, str | bool | int] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    # Queries here are tiny; leave the cores to the solver.
    "threads": 1,
    "lock_configuration": True,
}

#: Rows per INSERT statement (parameters per statement stay in the thousands).
_BATCH_ROWS = 200

_SUMMARY_COLUMNS = """s.scenario_id, s.name, s.note, s.created_at, s.parent_id, p.name,
    s.status, s.objective, s.bound, s.gap, s.solve_seconds, s.attainment_pct,
    s.utilisation_pct, s.num_assigned, s.num_unassigned, s.reasons"""
_SUMMARY_FROM = "scenarios s LEFT JOIN scenarios p ON p.scenario_id = s.parent_id"


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class StorageError(Exception):
    """Saving or loading a scenario failed; the message says why and what to do."""


class StorageUnavailableError(StorageError):
    """The database cannot be used at all (locked, damaged, foreign, newer)."""


class ScenarioNotFoundError(StorageError):
    """No saved scenario has that name or id."""


class NameTakenError(StorageError):
    """Another saved scenario already has that name."""


class AmbiguousScenarioError(ScenarioNotFoundError):
    """The reference is one scenario's name and another scenario's id."""


_TAKEN = (
    "Another saved scenario already has this name (names are compared as they read: "
    "without the spaces around them or characters nobody sees); choose a different one."
)


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


#: One process-wide lock around opening a file and checking its schema, so
#: two stores of one process never migrate the same new file at once.
_OPENING = threading.Lock()


def _unavailable(path: Path | str, error: BaseException) -> StorageUnavailableError:
    return StorageUnavailableError(unavailable_message(path, error))


class ScenarioStore:
    """Saved scenarios in one DuckDB file; safe to share between threads and processes.

    Open with :meth:`open`; close with :meth:`close` or a ``with`` block.
    The file itself is only open while an operation runs (see the module
    docstring), except for the in-memory database, which lives as long as
    the store.
    """

    def __init__(self, path: Path | str, *, lock_wait_s: float = LOCK_WAIT_S) -> None:
        self.path = path
        self.lock_wait_s = lock_wait_s
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._closed = False
        self._lock = threading.Lock()

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, lock_wait_s: float = LOCK_WAIT_S
    ) -> ScenarioStore:
        """Open (creating on first use) the scenario database, and check it.

        Parameters
        ----------
        path
            The file; default :func:`database_path`.
        lock_wait_s
            How long each operation waits for another process to let go of
            the file before it gives up.

        Raises
        ------
        StorageUnavailableError
            When the file is held by another process for longer than
            ``lock_wait_s``, damaged, not a DuckDB file, another program's
            database, or from a newer version. The file is left untouched.
        """
        target: Path | str = database_path() if path is None else path
        if target != MEMORY:
            target = Path(target).expanduser().absolute()
            if target.is_dir():
                raise StorageUnavailableError(
                    f"{describe(target)} is a folder, not a file. Set {ELSEWHERE} to a file path."
                )
            if target.exists() and not target.is_file():
                raise StorageUnavailableError(
                    f"{describe(target)} is a {special_kind(target)}, not a file. Set "
                    f"{ELSEWHERE} to a file path."
                )
            if not may_be_duckdb(target):
                # DuckDB would open an existing CSV, Parquet or JSON file as a view in
                # an in-memory database: every save would vanish when the command ends.
                raise _unavailable(target, ValueError("not a valid DuckDB database"))
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _unavailable(target, exc) from None
        store = cls(target, lock_wait_s=lock_wait_s)
        if target == MEMORY:
            store._connection = store._connect()
            try:
                store._check_schema(store._connection)
            except BaseException:
                store._connection.close()
                raise
        else:
            # Open, check (creating the schema on first use) and let go of the file.
            with store._cursor():
                pass
        return store

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """A new connection; while another process holds the file, retry for a while."""
        deadline = time.monotonic() + self.lock_wait_s
        pause = _RETRY_FIRST_S
        while True:
            try:
                return duckdb.connect(str(self.path), config=dict(CONNECTION_CONFIG))
            except (duckdb.Error, OSError) as exc:
                left = deadline - time.monotonic()
                if not is_locked(exc) or left <= 0:
                    raise _unavailable(self.path, exc) from None
            # Jittered, so that two processes waiting for each other fall out of step; the
            # last try is at the deadline itself.
            time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
            pause = min(2 * pause, _RETRY_MAX_S)

    def _check_schema(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Check a fresh connection's schema (migrating it), in DuckDB's words if it fails."""
        cur = connection.cursor()
        try:
            self._migrate(cur)
        except duckdb.Error as exc:
            raise _unavailable(self.path, exc) from None
        finally:
            cur.close()

    def _migrate(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Bring the schema to :data:`SCHEMA_VERSION`, one transaction per step."""
        tables = {
            row[0]
            for row in cur.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
        }
        version = 0
        if "planner_schema" in tables:
            row = cur.execute("SELECT max(version) FROM planner_schema").fetchone()
            version = int(row[0]) if row and row[0] is not None else 0
        elif tables:
            raise StorageUnavailableError(
                f"{describe(self.path)} belongs to another program (it has tables but no "
                f"Goal Planner schema), so it was left as it is. Set {ELSEWHERE} to another "
                "file."
            )
        if version > SCHEMA_VERSION:
            raise StorageUnavailableError(
                f"{describe(self.path)} was written by a newer Goal Planner (schema "
                f"{version}; this one knows up to {SCHEMA_VERSION}). Upgrade Goal Planner "
                "to use it; it was left as it is."
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction(cur):
                for statement in MIGRATIONS[step]:
                    cur.execute(statement)
                cur.execute("DELETE FROM planner_schema")
                cur.execute("INSERT INTO planner_schema VALUES (?)", [step])

    def close(self) -> None:
        """Close the store; an operation still running finishes first."""
        with self._lock:
            self._closed = True
            if self._users == 0 and self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> ScenarioStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one operation, on the file opened for it.

        Operations of several threads that overlap share one connection; the
        last one to finish closes it, which lets go of the file.
        """
        with self._lock:
            if self._closed:
                raise StorageUnavailableError("The scenario database is closed.")
            if self._connection is None:
                with _OPENING:
                    connection = self._connect()
                    try:
                        self._check_schema(connection)
                    except BaseException:
                        connection.close()
                        raise
                self._connection = connection
            try:
                cursor = self._connection.cursor()
            except duckdb.Error as exc:
                self._let_go()
                raise _unavailable(self.path, exc) from None
            self._users += 1
        try:
            yield cursor
        except duckdb.ConstraintException as exc:
            raise self._constraint_error(exc) from None
        except duckdb.TransactionException as exc:
            if "constraint" in str(exc).lower():
                raise self._constraint_error(exc) from None
            if "conflict" not in str(exc).lower():
                # A commit that could not be written (a full disk, a file gone read-only)
                # is a TransactionException too: it is the file's problem, not a race.
                raise _unavailable(self.path, exc) from None
            raise StorageError(
                "Someone else changed the same scenario at the same moment; nothing was "
                "changed. Try again."
            ) from None
        except duckdb.Error as exc:
            raise _unavailable(self.path, exc) from None
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                self._let_go()

    def _let_go(self) -> None:
        """Close the file when no operation uses it (call with ``_lock`` held)."""
        if self._users or self._connection is None:
            return
        if self.path == MEMORY and not self._closed:
            return  # the in-memory database lives as long as the store
        connection, self._connection = self._connection, None
        connection.close()

    @staticmethod
    def _constraint_error(exc: duckdb.Error) -> StorageError:
        if "name" in str(exc) or "UNIQUE" in str(exc) or "duplicate" in str(exc).lower():
            return NameTakenError(_TAKEN)
        return StorageError(f"The scenario could not be saved: {exc}")

    @staticmethod
    @contextmanager
    def _transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
        cur.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            # When the transaction already failed, nothing was written anyway.
            with suppress(duckdb.Error):
                cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    # -- writing -----------------------------------------------------------

    def save(
        self,
        scenario: Scenario,
        created_at: datetime | None = None,
        *,
        new_parent: Scenario | None = None,
    ) -> ScenarioSummary:
        """Save a scenario (and its check-in, if any) in one transaction: all of it, or nothing.

        Parameters
        ----------
        scenario
            Its name must be unused; ``scenario_id`` and ``created_at`` are
            ignored (the store assigns them).
        created_at
            The creation time (default: now, UTC).
        new_parent
            A scenario to save first, in the same transaction, as
            ``scenario``'s parent (e.g. the session's plan a check-in was
            made against): both are saved, or neither.

        Returns
        -------
        ScenarioSummary
            The saved scenario's list row, with its new id.

        Raises
        ------
        NameTakenError
            When another scenario has that name.
        ValueError
            When the name is blank or too long, or the note too long.
        StorageError
            When the database cannot be written; nothing was saved.
        """
        created = utc_naive(created_at or datetime.now(UTC))
        with self._cursor() as cur, self._transaction(cur):
            parent_id = scenario.parent_id
            if new_parent is not None:
                parent_id = self._insert(cur, new_parent, created, new_parent.parent_id)
            scenario_id = self._insert(cur, scenario, created, parent_id)
        return self.summary(scenario_id)

    def _insert(
        self,
        cur: duckdb.DuckDBPyConnection,
        scenario: Scenario,
        created: datetime,
        parent_id: int | None,
    ) -> int:
        """Write one scenario inside the caller's transaction; its new id."""
        from planner.core.loading import problem_to_frames

        name, note = check_name(scenario.name), check_note(scenario.note)
        problem, metrics = scenario.problem, scenario.metrics
        frames = problem_to_frames(problem)
        baseline = problem.baseline
        if self._name_taken(cur, name):
            raise NameTakenError(_TAKEN)
        row = cur.execute("SELECT nextval('scenario_ids')").fetchone()
        assert row is not None
        scenario_id = int(row[0])
        cur.execute(
            "INSERT INTO scenarios VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                scenario_id,
                name,
                note,
                created,
                parent_id,
                problem.settings.to_toml(),
                baseline is not None,
                None if baseline is None else baseline.max_changes,
                metrics.status.value,
                metrics.objective,
                metrics.bound,
                metrics.gap,
                metrics.seconds,
                metrics.attainment_pct,
                metrics.utilisation_pct,
                metrics.num_assigned,
                metrics.num_unassigned,
                list(metrics.reasons),
            ],
        )
        for file, (table, columns) in INPUT_TABLES.items():
            rows = list(frames[file][list(columns)].itertuples(index=False, name=None))
            _insert_rows(cur, table, scenario_id, columns, rows)
        if scenario.plan is not None:
            rows = plan_rows(scenario.plan)
            _insert_rows(cur, "scenario_plan_rows", scenario_id, PLAN_COLUMNS, rows)
        if baseline is not None:
            rows = [
                (project_id, team_id, project_id in baseline.in_progress)
                for project_id, teams in baseline.owners.items()
                for team_id in sorted(teams)
            ]
            _insert_rows(cur, "scenario_baseline", scenario_id, BASELINE_COLUMNS, rows)
        if scenario.checkin is not None:
            head, tables = checkin_rows(scenario.checkin)
            cur.execute("INSERT INTO scenario_checkins VALUES (?, ?, ?, ?)", [scenario_id, *head])
            for table, columns in CHECKIN_TABLES.items():
                _insert_rows(cur, table, scenario_id, columns, tables[table])
        return scenario_id

    def rename(self, scenario_id: int, name: str, note: str | None = None) -> ScenarioSummary:
        """Give a saved scenario a new name (and, if given, a new note).

        Raises
        ------
        NameTakenError, ScenarioNotFoundError, ValueError
        """
        name = check_name(name)
        with self._cursor() as cur, self._transaction(cur):
            if self._name_taken(cur, name, other_than=scenario_id):
                raise NameTakenError(_TAKEN)
            if note is None:
                cur.execute(
                    "UPDATE scenarios SET name = ? WHERE scenario_id = ? RETURNING scenario_id",
                    [name, scenario_id],
                )
            else:
                cur.execute(
                    "UPDATE scenarios SET name = ?, note = ? WHERE scenario_id = ? "
                    "RETURNING scenario_id",
                    [name, check_note(note), scenario_id],
                )
            if cur.fetchone() is None:
                raise ScenarioNotFoundError(f"No saved scenario has id {scenario_id}.")
        return self.summary(scenario_id)

    def delete(self, scenario_id: int) -> None:
        """Delete a saved scenario and its tables; scenarios derived from it stay.

        Raises
        ------
        ScenarioNotFoundError
        """
        with self._cursor() as cur, self._transaction(cur):
            for table in CHILD_TABLES:
                cur.execute(f"DELETE FROM {table} WHERE scenario_id = ?", [scenario_id])
            cur.execute(
                "DELETE FROM scenarios WHERE scenario_id = ? RETURNING scenario_id", [scenario_id]
            )
            if cur.fetchone() is None:
                raise ScenarioNotFoundError(f"No saved scenario has id {scenario_id}.")

    # -- reading -----------------------------------------------------------

    def list(self) -> list[ScenarioSummary]:
        """Every saved scenario with its headline metrics, newest first."""
        with self._cursor() as cur:
            rows = cur.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} "
                "ORDER BY s.created_at DESC, s.scenario_id DESC"
            ).fetchall()
        return [summary_from_row(row) for row in rows]

    def summary(self, scenario_id: int) -> ScenarioSummary:
        """One saved scenario's list row.

        Raises
        ------
        ScenarioNotFoundError
        """
        with self._cursor() as cur:
            row = cur.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE s.scenario_id = ?",
                [scenario_id],
            ).fetchone()
        if row is None:
            raise ScenarioNotFoundError(f"No saved scenario has id {scenario_id}.")
        return summary_from_row(row)

    def find(self, name_or_id: str) -> ScenarioSummary:
        """The scenario with this name (compared as read, see ``name_key``), or with this id.

        ``#12`` always means the scenario with id 12. Plain ``12`` means the
        scenario named "12" or the one with id 12; when those are two
        different scenarios the reference is refused as ambiguous.

        Raises
        ------
        ScenarioNotFoundError
            Naming close matches, if any; :class:`AmbiguousScenarioError`
            when the text is one scenario's name and another's id.
        """
        text = name_or_id.strip()
        explicit_id = text.startswith("#") and _is_whole(text[1:].strip())
        with self._cursor() as cur:
            by_name = None
            if not explicit_id:
                by_name = cur.execute(
                    f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE s.name = ?",
                    [name_or_id],
                ).fetchone()
                if by_name is None:
                    ids = [
                        scenario_id
                        for scenario_id, name in cur.execute(
                            "SELECT scenario_id, name FROM scenarios"
                        ).fetchall()
                        if name_key(name) == name_key(text)
                    ]
                    if len(ids) == 1:
                        by_name = cur.execute(
                            f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} "
                            "WHERE s.scenario_id = ?",
                            ids,
                        ).fetchone()
            by_id = None
            digits = text[1:].strip() if explicit_id else text
            if _is_whole(digits):
                by_id = cur.execute(
                    f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE s.scenario_id = ?",
                    [int(digits)],
                ).fetchone()
            row = by_name or by_id
            if row is None:
                close = cur.execute(
                    "SELECT name FROM scenarios ORDER BY jaro_winkler_similarity(lower(name), "
                    "lower(?)) DESC LIMIT 3",
                    [name_or_id],
                ).fetchall()
        if by_name is not None and by_id is not None and by_name[0] != by_id[0]:
            raise AmbiguousScenarioError(
                f"{name_or_id!r} is the name of scenario #{by_name[0]} and the id of "
                f"scenario #{by_id[0]} ({by_id[1]!r}). Write #{by_name[0]} or #{by_id[0]} "
                "to say which."
            )
        if row is None:
            hint = (
                f" Saved scenarios include: {', '.join(repr(r[0]) for r in close)}."
                if close
                else " No scenario is saved yet."
            )
            raise ScenarioNotFoundError(
                f"No saved scenario is named or numbered {name_or_id!r}.{hint}"
            )
        return summary_from_row(row)

    def _name_taken(
        self, cur: duckdb.DuckDBPyConnection, name: str, other_than: int | None = None
    ) -> bool:
        """Whether another scenario has a name that reads the same (see ``name_key``)."""
        wanted = name_key(name)
        return any(
            name_key(existing) == wanted and scenario_id != other_than
            for scenario_id, existing in cur.execute(
                "SELECT scenario_id, name FROM scenarios"
            ).fetchall()
        )

    def has_name(self, name: str) -> bool:
        """Whether a saved scenario has a name that reads the same as this one."""
        with self._cursor() as cur:
            return self._name_taken(cur, name)

    def load(self, scenario_id: int) -> Scenario:
        """A saved scenario, whole: inputs, settings, plan and metrics.

        Raises
        ------
        ScenarioNotFoundError
        StorageError
            When the stored inputs no longer validate (a file edited by hand).
        """
        from planner.core.loading import build_problem

        # One read transaction, so a concurrent delete cannot leave half a scenario.
        with self._cursor() as cur, self._transaction(cur):
            head = cur.execute(
                f"SELECT {_SUMMARY_COLUMNS}, s.settings_toml, s.has_baseline, "
                f"s.baseline_max_changes FROM {_SUMMARY_FROM} WHERE s.scenario_id = ?",
                [scenario_id],
            ).fetchone()
            if head is None:
                raise ScenarioNotFoundError(f"No saved scenario has id {scenario_id}.")
            frames = {
                file: pd.DataFrame(
                    _select_rows(cur, table, columns, scenario_id),
                    columns=list(columns),
                    dtype=object,
                )
                for file, (table, columns) in INPUT_TABLES.items()
            }
            stored_plan = _select_rows(cur, "scenario_plan_rows", PLAN_COLUMNS, scenario_id)
            baseline_rows = _select_rows(cur, "scenario_baseline", BASELINE_COLUMNS, scenario_id)
            checkin_head = cur.execute(
                "SELECT weeks_elapsed, quarter_weeks, note FROM scenario_checkins "
                "WHERE scenario_id = ?",
                [scenario_id],
            ).fetchone()
            checkin_tables = {
                table: _select_rows(cur, table, columns, scenario_id)
                for table, columns in CHECKIN_TABLES.items()
            }
        summary = summary_from_row(head[:16])
        settings_toml, has_baseline, max_changes = head[16:]
        try:
            settings = parse_settings(settings_toml)
            problem = build_problem(frames, settings).problem
        except InvalidInputError as exc:
            raise StorageError(
                f"Scenario {summary.name!r} is stored with inputs that no longer validate "
                f"(was the database edited by hand?): {exc}"
            ) from None
        if has_baseline:
            owners: dict[str, set[str]] = {}
            for project_id, team_id, _ in baseline_rows:
                owners.setdefault(project_id, set()).add(team_id)
            running = frozenset(project_id for project_id, _, kept in baseline_rows if kept)
            problem = problem.replace(
                baseline=Baseline(
                    {k: frozenset(v) for k, v in owners.items()}, max_changes, running
                )
            )
        plan = plan_from_rows(stored_plan) if summary.metrics.status.has_plan else None
        # A re-plan saved before check-ins had tables of their own carries it in its note.
        checkin = (
            checkin_from_note(summary.note)
            if checkin_head is None
            else checkin_from_rows(checkin_head, checkin_tables)
        )
        return Scenario(
            name=summary.name,
            problem=problem,
            plan=plan,
            metrics=summary.metrics,
            note=summary.note,
            parent_id=summary.parent_id,
            scenario_id=summary.scenario_id,
            created_at=summary.created_at,
            checkin=checkin,
        )

    def count(self) -> int:
        """How many scenarios are saved."""
        with self._cursor() as cur:
            row = cur.execute("SELECT count(*) FROM scenarios").fetchone()
        return int(row[0]) if row else 0

    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._cursor() as cur:
            row = cur.execute("SELECT max(version) FROM planner_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def setting(self, name: str) -> str:
        """A DuckDB setting of this connection (e.g. ``enable_external_access``)."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT value FROM duckdb_settings() WHERE name = ?", [name]
            ).fetchone()
        if row is None:
            raise KeyError(name)
        return str(row[0])


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


def _insert_rows(
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
    for start in range(0, len(rows), _BATCH_ROWS):
        batch = rows[start : start + _BATCH_ROWS]
        values: list[Any] = []
        for offset, row in enumerate(batch):
            values += [scenario_id, start + offset, *row]
        cur.execute(
            f"INSERT INTO {table} (scenario_id, row_no, {names}) VALUES "
            + ", ".join([placeholders] * len(batch)),
            values,
        )


def _select_rows(
    cur: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], scenario_id: int
) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    return cur.execute(
        f"SELECT {names} FROM {table} WHERE scenario_id = ? ORDER BY row_no", [scenario_id]
    ).fetchall()


def _is_whole(text: str) -> bool:
    """ASCII digits that fit a scenario id (``str.isdigit`` also takes '¹', which int() refuses)."""
    return text.isascii() and text.isdigit() and len(text) < 19
