"""Saved scenarios in an embedded DuckDB file: the only module that reads and writes them.

Where the file lives
    ``$PLANNER_DB`` when set (``:memory:`` for a throw-away database), else
    ``$XDG_DATA_HOME/goal-planner/planner.duckdb``, i.e.
    ``~/.local/share/goal-planner/planner.duckdb`` on most systems
    (``%LOCALAPPDATA%\\goal-planner\\planner.duckdb`` on Windows). The file
    and its folder are created on first use; the default place's folders only in
    a home folder that exists (``$XDG_DATA_HOME`` when set, else ``$HOME``): a
    home that is not there is refused by its variable, and the first save says
    where the new database is.

How it is written
    Every value goes in as a parameter, never into the SQL text; table and
    column names are constants of this module and of
    :mod:`planner.scenarios.schema` (the tables and their migrations).
    Every change is one explicit
    transaction, so a save is all or nothing: a crash mid-save leaves the
    scenarios saved before it intact. The connection cannot read or write
    any other file (``enable_external_access = false``, locked) nor load
    extensions.

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
    TOML at the end of the scenario's note. The goals the check-in found met,
    which the re-plan leaves out, as the quarter has them and with the projects
    serving them (:mod:`planner.scenarios.met_goals`), so that its files read
    every goal of the quarter; and its plan as the Check-in page exported it
    (rest-of-quarter.csv's rows, done and dropped projects among them), which its
    plan.csv and plan.xlsx hold. The session's unsaved work and the current plan
    it was planned against are :mod:`planner.scenarios.kept_store`'s, in the same
    tables under ids no scenario has; the rows' SQL is
    :mod:`planner.scenarios.store_rows`'.

Opening the file, sharing it between processes, its migrations and the
transactions are :mod:`planner.scenarios.database`'s (:class:`ScenarioFile`, the
store's base); its errors and settings are re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import duckdb

from planner.core.domain import Baseline, Problem
from planner.core.errors import InvalidInputError
from planner.core.identifiers import id_key, name_key, undecodable, utf8_typed
from planner.core.settings_reading import parse_settings
from planner.core.typed_numbers import typed_figure
from planner.scenarios.checkin import CheckIn, ProjectStatus
from planner.scenarios.checkin_note import checkin_from_note
from planner.scenarios.database import (
    CONNECTION_CONFIG,
    LOCK_WAIT_S,
    AmbiguousScenarioError,
    NameTakenError,
    ScenarioNotFoundError,
    StorageError,
    StorageUnavailableError,
    name_alike,
    name_taken,
)
from planner.scenarios.kept_store import KeptWorkStore, drop_checkin_draft, drop_work_saved
from planner.scenarios.met_goals import MetGoal, met_goals_kept
from planner.scenarios.row_conversion import (
    checkin_from_rows,
    checkin_rows,
    copy_key,
    met_from_rows,
    met_rows,
    plan_from_rows,
    plan_rows,
    summary_from_row,
    utc_naive,
)
from planner.scenarios.scenario import (
    Scenario,
    ScenarioSummary,
    check_name,
    check_note,
    id_reference,
)
from planner.scenarios.schema import (
    CHECKIN_HEAD_COLUMNS,
    CHECKIN_PLAN_COLUMNS,
    CHECKIN_TABLES,
    CHILD_TABLES,
    MET_GOAL_TABLES,
    PLAN_COLUMNS,
)
from planner.scenarios.storage_messages import (
    ENV_VAR,
    database_path,
    default_path,
    told,
)
from planner.scenarios.store_rows import (
    baseline_from_rows,
    insert_inputs,
    insert_rows,
    select_inputs,
    select_rows,
    unlocked_told,
)

#: Re-exported: the store's errors and settings, where the file lives.


__all__ = [
    "CONNECTION_CONFIG",
    "ENV_VAR",
    "LOCK_WAIT_S",
    "AmbiguousScenarioError",
    "NameTakenError",
    "ScenarioNotFoundError",
    "ScenarioStore",
    "StorageError",
    "StorageUnavailableError",
    "database_path",
    "default_path",
]

_SUMMARY_COLUMNS = """s.scenario_id, s.name, s.note, s.created_at, s.parent_id, p.name,
    s.status, s.objective, s.bound, s.gap, s.solve_seconds, s.attainment_pct,
    s.utilisation_pct, s.num_assigned, s.num_unassigned, s.reasons, s.kept_close"""
_SUMMARY_FROM = "scenarios s LEFT JOIN scenarios p ON p.scenario_id = s.parent_id"
#: Each scenario's goals as (id, name, weight text), by id; NULL for a check-in's re-plan.
_GOAL_WEIGHTS = """CASE WHEN EXISTS (SELECT 1 FROM scenario_checkins c
    WHERE c.scenario_id = s.scenario_id) THEN NULL ELSE (SELECT list([g.goal_id, g.name,
    g.weight] ORDER BY g.goal_id) FROM scenario_goals g WHERE g.scenario_id = s.scenario_id)
    END"""
#: The scenarios table's columns, named: a column a migration adds goes at the end.
_SCENARIO_COLUMNS = """scenario_id, name, note, created_at, parent_id, settings_toml,
    has_baseline, baseline_max_changes, status, objective, bound, gap, solve_seconds,
    attainment_pct, utilisation_pct, num_assigned, num_unassigned, reasons, kept_close,
    copy_key"""


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


def _under_way(baseline: Baseline, checkin: CheckIn | None, told: bool = False) -> Baseline:
    """The baseline with the check-in's work in progress, as the re-plan made it.

    The projects the leader let move are stored (``told``, schema 13 on). In a re-plan
    saved before, the check-in's projects in progress that the re-plan's own pins
    hold (``in_progress``) are locked, the others read as let move: a leader's pin holds
    them, and lifting it frees them (solving the loaded inputs pins nothing again), so
    the fix never says to unlock them.
    """
    if checkin is None:
        return baseline
    under_way = frozenset(checkin.ids_with(ProjectStatus.IN_PROGRESS)) & set(baseline.owners)
    unlocked = baseline.unlocked if told else under_way - baseline.in_progress
    return replace(baseline, under_way=under_way, unlocked=unlocked & under_way)


def _loaded_baseline(scenario: Scenario) -> Baseline | None:
    """``scenario``'s baseline as loading it gives it back: its owners and locks, with its
    check-in's work under way (:func:`_under_way`); no weeks under way are stored."""
    baseline = scenario.problem.baseline
    if baseline is None:
        return None
    owners = dict(baseline.owners)
    kept, moving = baseline.in_progress & set(owners), baseline.unlocked & set(owners)
    stored = Baseline(owners, baseline.max_changes, kept, unlocked=moving)
    return _under_way(stored, scenario.checkin, told=True)


class ScenarioStore(KeptWorkStore):
    """Saved scenarios in one DuckDB file; safe to share between threads and processes.

    Open with :meth:`open`; close with :meth:`close` or a ``with`` block (see
    :class:`~planner.scenarios.database.ScenarioFile`).
    """

    # -- writing -----------------------------------------------------------

    def save(
        self,
        scenario: Scenario,
        created_at: datetime | None = None,
        *,
        new_parent: Scenario | None = None,
        drop_draft: str | None = None,
    ) -> ScenarioSummary:
        """Save a scenario (and its check-in, if any) in one transaction: all of it, or nothing.

        The unsaved work kept with the same inputs (:meth:`keep_work`) is dropped in the
        same transaction: it is saved now; so are the check-in records kept under
        ``drop_draft`` (:meth:`keep_checkin_draft`), the check-in saved being theirs.

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
        drop_draft
            The key of the check-in records this save saves (none: no records dropped).

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
        with self._cursor(write=True) as cur, self._transaction(cur):
            # Its time once its turn to write has come: taken before, a save that waited
            # for another (10 command-line saves at once) was listed below the one it waited
            # for, though its id is the higher.
            created = utc_naive(created_at or datetime.now(UTC))
            parent_id = scenario.parent_id
            if new_parent is not None:
                parent_id = self._insert(cur, new_parent, created, new_parent.parent_id)
            scenario_id = self._insert(cur, scenario, created, parent_id)
            for saved in (scenario, new_parent):
                # Work kept with these inputs is saved now, if loading gives them back whole.
                if saved is not None and _loaded_baseline(saved) == saved.problem.baseline:
                    drop_work_saved(cur, saved.problem)
            if drop_draft is not None:
                drop_checkin_draft(cur, drop_draft)
        return self.summary(scenario_id)

    def _insert(
        self,
        cur: duckdb.DuckDBPyConnection,
        scenario: Scenario,
        created: datetime,
        parent_id: int | None,
    ) -> int:
        """Write one scenario inside the caller's transaction; its new id."""
        name, note = check_name(scenario.name), check_note(scenario.note)
        problem, metrics = scenario.problem, scenario.metrics
        baseline = problem.baseline
        if (taken := self._name_taken(cur, name)) is not None:
            raise taken
        row = cur.execute("SELECT nextval('scenario_ids')").fetchone()
        assert row is not None
        scenario_id = int(row[0])
        cur.execute(
            f"INSERT INTO scenarios ({_SCENARIO_COLUMNS}) VALUES ({', '.join('?' * 20)})",
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
                metrics.kept_close,
                None
                if scenario.plan is None
                else copy_key(problem, scenario.plan, scenario.checkin),
            ],
        )
        insert_inputs(cur, scenario_id, problem)
        if scenario.plan is not None:
            rows = plan_rows(scenario.plan)
            insert_rows(cur, "scenario_plan_rows", scenario_id, PLAN_COLUMNS, rows)
        if scenario.checkin is not None:
            head, tables = checkin_rows(scenario.checkin)
            names = ", ".join(f'"{c}"' for c in CHECKIN_HEAD_COLUMNS)
            cur.execute(
                f"INSERT INTO scenario_checkins (scenario_id, {names}) VALUES (?, ?, ?, ?)",
                [scenario_id, *head],
            )
            for table, columns in CHECKIN_TABLES.items():
                insert_rows(cur, table, scenario_id, columns, tables[table])
            exported = [
                tuple(row[c] for c in CHECKIN_PLAN_COLUMNS) for row in scenario.checkin_plan
            ]
            insert_rows(
                cur, "scenario_checkin_plan_rows", scenario_id, CHECKIN_PLAN_COLUMNS, exported
            )
        met = met_rows(scenario.met)
        for table, columns in MET_GOAL_TABLES.items():
            insert_rows(cur, table, scenario_id, columns, met[table])
        return scenario_id

    def rename(self, scenario_id: int, name: str, note: str | None = None) -> ScenarioSummary:
        """Give a saved scenario a new name (and, if given, a new note).

        Raises
        ------
        NameTakenError, ScenarioNotFoundError, ValueError
        """
        name = check_name(name)
        with self._cursor(write=True) as cur, self._transaction(cur):
            if (taken := self._name_taken(cur, name, other_than=scenario_id)) is not None:
                raise taken
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
        with self._cursor(write=True) as cur, self._transaction(cur):
            for table in CHILD_TABLES:
                cur.execute(f"DELETE FROM {table} WHERE scenario_id = ?", [scenario_id])
            cur.execute(
                "DELETE FROM scenarios WHERE scenario_id = ? RETURNING scenario_id", [scenario_id]
            )
            if cur.fetchone() is None:
                raise ScenarioNotFoundError(f"No saved scenario has id {scenario_id}.")

    # -- reading -----------------------------------------------------------

    def list(self) -> list[ScenarioSummary]:
        """Every saved scenario with its headline metrics and its goals' weights (none for
        a check-in's re-plan, weighed for the target left), newest first: one query."""
        with self._cursor() as cur:
            rows = cur.execute(
                f"SELECT {_SUMMARY_COLUMNS}, {_GOAL_WEIGHTS} FROM {_SUMMARY_FROM} "
                "ORDER BY s.created_at DESC, s.scenario_id DESC"
            ).fetchall()
        return [replace(summary_from_row(row[:-1]), goal_weights=_weights(row[-1])) for row in rows]

    def copies(self, key: str) -> tuple[tuple[ScenarioSummary, ...], tuple[ScenarioSummary, ...]]:
        """The saved scenarios whose copy key is ``key``
        (:func:`~planner.scenarios.row_conversion.copy_key`), and those that have none (saved
        before keys were stored, or without a plan), each newest first: one query."""
        with self._cursor() as cur:
            rows = cur.execute(
                f"SELECT {_SUMMARY_COLUMNS}, s.copy_key IS NULL FROM {_SUMMARY_FROM} "
                "WHERE s.copy_key = ? OR s.copy_key IS NULL "
                "ORDER BY s.created_at DESC, s.scenario_id DESC",
                [key],
            ).fetchall()
        keyed = tuple(summary_from_row(row[:-1]) for row in rows if not row[-1])
        return keyed, tuple(summary_from_row(row[:-1]) for row in rows if row[-1])

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
        name_or_id = utf8_typed(name_or_id)  # 'Café' typed under an ASCII locale
        text = name_or_id.strip()
        explicit_id = id_reference(text) is not None
        with self._cursor() as cur:
            by_name = None
            if not explicit_id and not undecodable(name_or_id):  # no saved name holds one
                by_name = _named(cur, name_or_id, text)
            by_id = None
            digits = text[1:].strip() if explicit_id else text
            if _is_whole(digits):
                by_id = cur.execute(
                    f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE s.scenario_id = ?",
                    [int(digits)],
                ).fetchone()
            row = by_name or by_id
            # Read with the lookup: a scenario saved meanwhile by another process, read
            # after it, had "No saved scenario is named 'n1'. Did you mean 'n1'?".
            names = _names_in(cur)
            if row is None:
                close = cur.execute(
                    "SELECT name FROM scenarios ORDER BY jaro_winkler_similarity(lower(name), "
                    "lower(?)) DESC LIMIT 3",
                    [name_or_id.encode("utf-8", "replace").decode("utf-8")],
                ).fetchall()
        if explicit_id and by_id is not None:
            # A name saved before '#2' was refused as a name: '#2' is then two scenarios.
            named = [i for i, n in names if name_key(n) == name_key(text) and i != by_id[0]]
            if named:
                raise AmbiguousScenarioError(
                    f"{name_or_id!r} is the id of scenario #{by_id[0]} ({by_id[1]!r}) and the "
                    f"name of scenario #{named[0]}. Write #{named[0]} for the one named so "
                    f"(and rename it: a name may not read as an id), or {by_id[1]!r}."
                )
        if by_name is not None and by_id is not None and by_name[0] != by_id[0]:
            raise AmbiguousScenarioError(
                f"{name_or_id!r} is the name of scenario #{by_name[0]} and the id of "
                f"scenario #{by_id[0]} ({by_id[1]!r}). Write #{by_name[0]} or #{by_id[0]} "
                "to say which."
            )
        if row is None:
            raise _not_found(name_or_id, text, close, names)
        return summary_from_row(row)

    def _name_taken(
        self, cur: duckdb.DuckDBPyConnection, name: str, other_than: int | None = None
    ) -> NameTakenError | None:
        """The error naming another scenario whose name reads the same (see ``id_key``: in
        another case or width too, as a reference finds it), or None when no other has one."""
        wanted = id_key(name)
        for scenario_id, existing in cur.execute(
            "SELECT scenario_id, name FROM scenarios ORDER BY scenario_id"
        ).fetchall():
            if id_key(existing) == wanted and scenario_id != other_than:
                holder = (int(scenario_id), str(existing))
                alike = name_alike(name, str(existing))
                return NameTakenError(name_taken(*holder, alike=alike), holder, alike)
        return None

    def _names(self) -> tuple[tuple[int, str], ...]:
        """Every saved scenario's id and name."""
        with self._cursor() as cur:
            return _names_in(cur)

    def refuse_taken_name(self, name: str) -> None:
        """Raise the :class:`NameTakenError` that :meth:`save` would, naming the saved
        scenario whose name reads the same, if one does (before a solve is spent on it)."""
        with self._cursor() as cur:
            if (taken := self._name_taken(cur, name)) is not None:
                raise taken

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
            frames, baseline_rows = select_inputs(cur, scenario_id)
            stored_plan = select_rows(cur, "scenario_plan_rows", PLAN_COLUMNS, scenario_id)
            names = ", ".join(f'"{c}"' for c in CHECKIN_HEAD_COLUMNS)
            checkin_head = cur.execute(
                f"SELECT {names} FROM scenario_checkins WHERE scenario_id = ?", [scenario_id]
            ).fetchone()
            checkin_tables = {
                table: select_rows(cur, table, columns, scenario_id)
                for table, columns in CHECKIN_TABLES.items()
            }
            met_tables = {
                table: select_rows(cur, table, columns, scenario_id)
                for table, columns in MET_GOAL_TABLES.items()
            }
            exported = select_rows(
                cur, "scenario_checkin_plan_rows", CHECKIN_PLAN_COLUMNS, scenario_id
            )
        summary = summary_from_row(head[:17])
        settings_toml, has_baseline, max_changes = head[17:]
        try:
            settings = parse_settings(settings_toml)
            problem = build_problem(frames, settings, stored=True).problem
            met = met_from_rows(met_tables)
        except (InvalidInputError, ValueError, ArithmeticError) as exc:
            raise _no_longer_valid(summary.name, exc) from None
        # A re-plan saved before check-ins had tables of their own carries it in its note.
        checkin = (
            checkin_from_note(summary.note)
            if checkin_head is None
            else checkin_from_rows(checkin_head, checkin_tables)
        )
        if has_baseline:
            baseline = baseline_from_rows(baseline_rows, max_changes)
            said = unlocked_told(baseline_rows)
            problem = problem.replace(baseline=_under_way(baseline, checkin, said))
        plan = plan_from_rows(stored_plan) if summary.metrics.status.has_plan else None
        # A check-in saved before its met goals were kept: its parent has them.
        parent = summary.parent_id
        met, unkept = met_goals_kept(problem, checkin, met, lambda: self._parent(parent))
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
            met=met,
            met_unkept=unkept,
            checkin_plan=tuple(
                dict(zip(CHECKIN_PLAN_COLUMNS, row, strict=True)) for row in exported
            ),
        )

    def _parent(self, parent_id: int | None) -> tuple[Problem, tuple[MetGoal, ...]] | None:
        try:
            parent = None if parent_id is None else self.load(parent_id)
        except ScenarioNotFoundError:
            return None
        return None if parent is None else (parent.problem, parent.met)

    def _refigure(self, cur: duckdb.DuckDBPyConnection, version: int) -> None:
        """The first release (schema 1) stored utilisation over the teams' own hours, not
        the capacity in force: a what-if at 80 % listed 74.1 % over a team table at 95-99 %.
        Its scenarios' headline figures are the ones every page computes from their plans."""
        if version == 1:
            _refigure_headlines(cur)

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


def _refigure_headlines(cur: duckdb.DuckDBPyConnection) -> None:
    """Each planned scenario's stored headline figures as :func:`plan_metrics` computes
    them (one whose inputs no longer validate, or whose plan is not of them, is left:
    loading it says so)."""
    from planner.core.loading import build_problem
    from planner.scenarios.metrics import plan_metrics

    planned = cur.execute(
        "SELECT s.scenario_id, s.settings_toml FROM scenarios s WHERE EXISTS "
        "(SELECT 1 FROM scenario_plan_rows p WHERE p.scenario_id = s.scenario_id)"
    ).fetchall()
    for scenario_id, settings_toml in planned:
        frames, _ = select_inputs(cur, scenario_id)
        rows = select_rows(cur, "scenario_plan_rows", PLAN_COLUMNS, scenario_id)
        try:
            problem = build_problem(frames, parse_settings(settings_toml), stored=True).problem
            figures = plan_metrics(problem, plan_from_rows(rows))
        except (InvalidInputError, ValueError, ArithmeticError, LookupError):
            continue  # a plan not of its inputs (a file edited by hand)
        cur.execute(
            "UPDATE scenarios SET attainment_pct = ?, utilisation_pct = ?, num_assigned = ?, "
            "num_unassigned = ? WHERE scenario_id = ?",
            [
                figures.attainment_pct,
                figures.utilisation_pct,
                figures.num_planned,
                figures.num_left_out,
                scenario_id,
            ],
        )


def _weights(rows: Sequence[Sequence[str]] | None) -> tuple[tuple[str, str, float], ...] | None:
    """The goals' weights as the list query gives them (text, as goals.csv has them)."""
    if rows is None:
        return None
    read = []
    for goal_id, name, weight in rows:
        try:
            read.append((goal_id, name, float(weight)))
        except ValueError:  # not a weight as goals.csv takes one: not weighed against others
            continue
    return tuple(read)


def _is_whole(text: str) -> bool:
    """ASCII digits that fit a scenario id (``str.isdigit`` also takes '¹', which int() refuses)."""
    return text.isascii() and text.isdigit() and len(text) < 19


def _named(cur: duckdb.DuckDBPyConnection, name_or_id: str, text: str) -> tuple[Any, ...] | None:
    """The summary row of the scenario named ``name_or_id`` as saved, else of the one
    scenario whose name reads as ``text`` does (``name_key``), else of the one it is in
    another case, width or Turkish i (``id_key``, as names are kept unique: 'café' is
    'Café'); ``None`` when none is. Several (names an older version saved side by side)
    are refused, listed to choose from."""
    row = cur.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE s.name = ?", [name_or_id]
    ).fetchone()
    if row is not None:
        return row
    saved = cur.execute("SELECT scenario_id, name FROM scenarios ORDER BY scenario_id").fetchall()
    alike = [(i, n) for i, n in saved if name_key(n) == name_key(text)]
    alike = alike or [(i, n) for i, n in saved if id_key(n) == id_key(text)]
    if len(alike) > 1:
        listed = ", ".join(f"#{i} ({n!r})" for i, n in alike)
        which = ", ".join(f"#{i}" for i, _ in alike[:-1]) + f" or #{alike[-1][0]}"
        raise AmbiguousScenarioError(
            f"{name_or_id!r} reads as the name of {len(alike)} scenarios: {listed}. "
            f"Write {which} to say which."
        )
    ids = [i for i, _ in alike]
    if not ids:
        return None
    return cur.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE s.scenario_id = ?", ids
    ).fetchone()


def _no_longer_valid(name: str, error: Exception) -> StorageError:
    """The error of a scenario whose stored inputs no longer validate, and the fix."""
    return StorageError(
        told(
            f"Scenario {name!r} is stored with inputs that no longer validate "
            f"(was the database edited by hand?): {error}",
            "Save it again from its data folder, or delete it: planner scenarios "
            "delete NAME_OR_ID --yes.",
        )
    )


def _names_in(cur: duckdb.DuckDBPyConnection) -> tuple[tuple[int, str], ...]:
    """Every saved scenario's id and name, as ``cur`` reads them."""
    return tuple(
        (int(i), str(n))
        for i, n in cur.execute("SELECT scenario_id, name FROM scenarios").fetchall()
    )


def _not_found(
    name_or_id: str,
    text: str,
    close: Sequence[tuple[Any, ...]],
    names: Sequence[tuple[int, str]],
) -> ScenarioNotFoundError:
    """No scenario is ``name_or_id`` (``text`` trimmed) among ``names``: said with the one
    meant when it was typed otherwise, else the ``close`` names saved."""
    hint = (
        f" Saved scenarios include: {', '.join(repr(r[0]) for r in close)}."
        if close
        else " No scenario is saved yet."
    )
    # Typed in full-width or another case ('ＳＡＭＥ', '#１'): the one meant, by name.
    alike = [n for _, n in names if id_key(n) == id_key(text)]
    if alike:
        hint = f" Did you mean {alike[0]!r}?"
    elif typed := typed_figure(text.removeprefix("#")):
        mark = "#" if text.startswith("#") else ""
        hint = f" ({typed[0]}: write it as {mark}{typed[1]})."
    said = f"No saved scenario is named or numbered {name_or_id!r}.{hint}"
    return ScenarioNotFoundError(said)
