"""The scenario database's file: opening it, sharing it, migrating it, transactions.

:class:`ScenarioFile` is the plumbing under
:class:`~planner.scenarios.storage.ScenarioStore`, which holds the scenarios' SQL. The
statements run here are the schema's own (:mod:`planner.scenarios.schema`) and the
transactions around the store's.

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
    a file that was replaced meanwhile. Changes take turns within a process
    (:data:`_CHANGING`): a save checks the names already saved, then writes, and
    two threads' transactions do not see each other's names until they commit.

When the file cannot be used
    A file that is not a DuckDB database, is damaged, belongs to another
    program, was written by a newer Goal Planner, or is held by another
    process raises :class:`StorageUnavailableError` with a message saying
    what to do. Such a file is never written to, let alone replaced.
"""

from __future__ import annotations

import errno
import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Self

import duckdb

from planner.core.identifiers import alike_by, escaped, name_key, undecodable
from planner.core.output import special_kind
from planner.core.typed_paths import odd_name
from planner.scenarios.file_turns import end_turn, take_turn
from planner.scenarios.schema import MIGRATIONS, SCHEMA_VERSION, not_ours
from planner.scenarios.statement_interrupts import ctrl_c_held, ctrl_c_said
from planner.scenarios.storage_messages import (
    ELSEWHERE,
    KEEP_WORKING,
    MEMORY,
    cut_short,
    cut_short_message,
    database_path,
    db_path_too_long,
    db_slash_words,
    describe,
    home_missing,
    home_said,
    is_locked,
    is_read_only,
    may_be_duckdb,
    may_not_write,
    no_home_words,
    told,
    unavailable_message,
    unexpanded_variable,
)

_A_FILE_PATH = f"Set {ELSEWHERE} to a file path."
#: A new connection, and why it may only read (``None`` when it may write).
_Opened = tuple[duckdb.DuckDBPyConnection, BaseException | None]
#: The longest file name (bytes) a Linux or macOS file system takes.
_NAME_MAX = 255

#: How long an operation waits for another process to let go of the file.
LOCK_WAIT_S = 5.0
#: The first and the longest pause between two tries to open a locked file.
_RETRY_FIRST_S = 0.01
_RETRY_MAX_S = 0.25
#: How many times :data:`LOCK_WAIT_S` an operation waits its turn behind other Goal
#: Planner processes (:func:`~planner.scenarios.file_turns.take_turn`): they let go as soon
#: as they are done.
_QUEUE_WAIT_FACTOR = 6

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


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class StorageError(Exception):
    """Saving or loading a scenario failed; the message says why and what to do."""


class StorageUnavailableError(StorageError):
    """The database cannot be used at all (locked, damaged, foreign, newer)."""


class ScenarioNotFoundError(StorageError):
    """No saved scenario has that name or id."""

    #: What to do, when the one of every unknown name does not fit (no database at all).
    fix: str = ""


class NameTakenError(StorageError):
    """Another saved scenario already has that name: ``holder``, its id and name as saved,
    when known (:func:`name_taken`)."""

    def __init__(
        self, message: str, holder: tuple[int, str] | None = None, alike: str = ""
    ) -> None:
        super().__init__(message)
        self.holder = holder
        #: How the name given differs from the holder's, when it does (:func:`name_taken`).
        self.alike = alike


class AmbiguousScenarioError(ScenarioNotFoundError):
    """The reference is one scenario's name and another scenario's id."""


#: Why a name is refused; :data:`NAME_TAKEN` adds what to do, as the app says it.
_NAME_TAKEN_WHY = (
    "Another saved scenario already has this name (names are compared as they read: "
    "without the spaces around them or characters nobody sees, whatever their case or "
    "width, so that no two saved names read as one)"
)
NAME_TAKEN = f"{_NAME_TAKEN_WHY}; choose a different one."


def name_alike(given: str, saved: str) -> str:
    """How ``given`` differs from ``saved``, a name of the same
    :func:`~planner.core.identifiers.id_key`: "" when they read the same
    (:func:`~planner.core.identifiers.name_key`), else its case or the form of its
    characters, as :func:`~planner.core.identifiers.alike_by` says it of ids."""
    if name_key(given) == name_key(saved):
        return ""
    by = alike_by(name_key(given), name_key(saved))  # the ids' words: 'ﬁ' is not 'fi'
    return "case" if by == "case" else by.replace("the form of their", "form of its", 1)


def name_taken(scenario_id: int, name: str, *, with_advice: bool = True, alike: str = "") -> str:
    """:data:`NAME_TAKEN`, saying which saved scenario holds the name, as it was saved, and
    (``alike``, :func:`name_alike`) that it holds it in another case or width; without its
    advice (``with_advice=False``) for a caller that gives its own fix."""
    text = NAME_TAKEN if with_advice else f"{_NAME_TAKEN_WHY}."
    holder = f"Saved scenario #{scenario_id} ('{escaped(name)}')"
    if alike:
        text = text.replace("has this name", f"has this name, in another {alike}", 1)
    return text.replace("Another saved scenario", holder, 1)


# ---------------------------------------------------------------------------
# The file
# ---------------------------------------------------------------------------


#: One process-wide lock around opening a file and checking its schema, so
#: two stores of one process never migrate the same new file at once.
_OPENING = threading.Lock()

#: One process-wide lock around every change (a save, a rename, a delete), from the
#: check of the names saved to the commit. Processes already take turns (one at a time
#: opens the file); two sessions of one app server saving "Q3" and "Q3 " at once each
#: checked before the other committed, and both were saved.
_CHANGING = threading.RLock()  # re-entrant: a change made inside another waits on no one


def _unavailable(path: Path | str, error: BaseException) -> StorageUnavailableError:
    return StorageUnavailableError(unavailable_message(path, error))


def _refuse_backslash(target: Path) -> None:
    """A path longer than a file system takes (:func:`db_path_too_long`), or one DuckDB
    would read as another: it takes a backslash for a folder separator,
    so 'a\\b.duckdb' made a/b.duckdb, then read as "no longer there: it was deleted or
    moved while it was open" (every list after it: "No scenario is saved yet")."""
    if (too_long := db_path_too_long(str(target))) is not None:
        raise StorageUnavailableError(
            told(f"The scenario database's path {too_long[0]}", too_long[1])
        )
    if os.sep != "/" or "\\" not in str(target):
        return
    duck = escaped(str(target).replace("\\", "/"))
    raise StorageUnavailableError(
        told(
            f"{describe(escaped(str(target)))} cannot be used: its path holds a "
            "backslash ('\\'), which DuckDB reads as a folder separator, so it would "
            f"open {duck} instead (a Windows path, or a name typed with a backslash). "
            "Nothing was made.",
            f"Set {ELSEWHERE} to a path with '/' between its folders and no backslash "
            "in a name, e.g. scenarios.duckdb.",
        )
    )


def _as_written(path: str | Path) -> Path:
    """The absolute path ``path`` names; refused when its text cannot name the database
    (a trailing slash, a byte that is not UTF-8, a backslash, a variable not expanded)."""
    if isinstance(path, str) and (slash := db_slash_words(os.path.expanduser(path))):
        # PLANNER_DB=scenarios/ made a file named scenarios; c.duckdb/ read the file.
        said, fix = slash
        raise StorageUnavailableError(told(f"{describe(escaped(path))} {said}", fix))
    target = Path(path).expanduser().absolute()
    if bad := undecodable(str(target)):
        # DuckDB opens only UTF-8 paths: it ended in "std::bad_cast".
        raise StorageUnavailableError(
            told(
                f"{describe(escaped(str(target)))} cannot be opened: its path holds "
                f"{escaped(bad[0])}, a byte that is not UTF-8 (a folder named in "
                "another encoding, e.g. Latin-1).",
                f"Set {ELSEWHERE} to a path written in UTF-8.",
            )
        )
    _refuse_backslash(target)
    if (variable := unexpanded_variable(str(path))) is not None:
        raise StorageUnavailableError(
            told(f"{describe(escaped(str(target)))} {variable[0]}", variable[1])
        )
    return target


def _refuse_not_a_file(target: Path) -> None:
    """Refused when ``target`` is there but is no file (a folder, a device), or a folder on
    its way may not be opened."""
    try:
        os.stat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            # A folder on the way that may not be opened (a server run as another
            # user with HOME left as it was): every page of the app ended in "This
            # app has encountered an error", the command line in Python's words.
            raise _unavailable(target, exc) from None
    if target.is_dir():
        raise StorageUnavailableError(
            told(f"{describe(target)} is a folder, not a file.", _A_FILE_PATH)
        )
    if target.exists() and not target.is_file():
        kind = special_kind(target.stat().st_mode)
        raise StorageUnavailableError(
            told(f"{describe(target)} is a {kind}, not a file.", _A_FILE_PATH)
        )


def _refuse_new_name(target: Path) -> None:
    """Refused when ``target`` is not there yet and no file can be made under its name
    (a line break in it, or too long beside DuckDB's .wal file)."""
    if not target.exists() and (odd := odd_name(target.name)):
        # A pasted line break or '--db -nan' (argparse takes it for a value).
        raise StorageUnavailableError(
            told(
                f"{describe(escaped(str(target)))} is not there yet, and a new file "
                f"is not made under its name: '{escaped(target.name)}' {odd.reason}.",
                f"Set {ELSEWHERE} to another name, e.g. scenarios.duckdb.",
            )
        )
    if not target.exists() and len(os.fsencode(target.name)) > _NAME_MAX - len(".wal"):
        # DuckDB made the file, then failed to make NAME.wal beside it ("File name too
        # long"), leaving a database file made by a save that saved nothing.
        raise StorageUnavailableError(
            told(
                f"{describe(escaped(str(target)))} is not there yet, and a new file is not "
                f"made under its name: it has {len(os.fsencode(target.name))} bytes, and "
                "DuckDB keeps beside it a file of the same name with .wal added, which no "
                f"file system takes past {_NAME_MAX} bytes. Nothing was made.",
                f"Set {ELSEWHERE} to a name of at most {_NAME_MAX - len('.wal')} bytes, e.g. "
                "scenarios.duckdb.",
            )
        )


def _file_to_open(path: str | Path) -> Path:
    """The database file ``path`` names, as an absolute path, its folder made; refused
    (:class:`StorageUnavailableError`, the file untouched) when it cannot be the scenario
    database: a path DuckDB cannot open, a folder or a device, a new file under an odd
    name, another kind of file, a home folder that is not there."""
    target = _as_written(path)
    _refuse_not_a_file(target)
    _refuse_new_name(target)
    if not may_be_duckdb(target):
        # DuckDB would open an existing CSV, Parquet or JSON file as a view in
        # an in-memory database: every save would vanish when the command ends.
        raise _unavailable(target, ValueError("not a valid DuckDB database"))
    if (no_home := home_missing(target)) is not None:
        problem, fix = no_home_words(target, *no_home)
        said = f"{home_said(*no_home)}: {problem} {KEEP_WORKING}"
        raise StorageUnavailableError(told(said, fix))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unavailable(target, exc) from None
    return target


class ScenarioFile:
    """The scenario database's file, opened for each operation; safe to share between
    threads and processes.

    Open with :meth:`open`; close with :meth:`close` or a ``with`` block.
    The file itself is only open while an operation runs (see the module
    docstring), except for the in-memory database, which lives as long as
    the store.
    """

    def __init__(self, path: Path | str, *, lock_wait_s: float = LOCK_WAIT_S) -> None:
        self.path = path
        self.lock_wait_s = lock_wait_s
        self._connection: duckdb.DuckDBPyConnection | None = None
        #: Why the open connection may only read (the file's own error), or None.
        self._read_only: BaseException | None = None
        self._users = 0
        #: The file whose turn the open connection holds
        #: (:func:`~planner.scenarios.file_turns.take_turn`), or "".
        self._turn = ""
        #: The file's (device, inode) when it was last opened: another file in its place
        #: (deleted, moved, restored over it) is not read as this one (:meth:`_still_there`).
        self._identity: tuple[int, int] | None = None
        self._closed = False
        self._lock = threading.Lock()
        #: Whether another program held the file through the whole of the last wait: it is
        #: then tried once per operation, not waited for, until it opens
        #: (:meth:`_connect_in_turn`).
        self._held = False
        #: Whether this store made the file's schema: the file was new (or empty). Of three
        #: saves that found no database and started at once, one made it; the others said
        #: "in a new scenario database" too.
        self.made = False

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, lock_wait_s: float = LOCK_WAIT_S) -> Self:
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
            target = _file_to_open(target)
        store = cls(target, lock_wait_s=lock_wait_s)
        if target == MEMORY:
            store._connection, _ = store._connect()
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

    def _connect(self, *, write: bool = True) -> _Opened:
        """A new connection, and why it may only read (``None`` when it may write).

        While another process holds the file, retry for a while. A file that
        exists but may not be written (a read-only disk, no write permission)
        is opened to read: listing and loading need no more.
        """
        self._still_there()
        if self.path != MEMORY and not may_be_duckdb(Path(self.path)):
            # Another program's file written over this one in place (cp keeps the file):
            # DuckDB took a SQLite file for an extension's and refused to load one, which
            # read as a permission problem. Said as open() says it.
            raise _unavailable(self.path, ValueError("not a valid DuckDB database"))
        turn = "" if self.path == MEMORY else os.path.realpath(self.path)
        queued = bool(turn) and take_turn(
            turn, time.monotonic() + _QUEUE_WAIT_FACTOR * self.lock_wait_s
        )
        try:
            connected = self._connect_in_turn(write=write)
            if self.path != MEMORY:
                try:
                    found = os.stat(self.path)
                except FileNotFoundError:
                    connected[0].close()  # deleted as it was opened: said as any file gone
                    raise self._gone() from None
                except OSError:
                    found = None  # not known which file it is: not checked, as before
                if found is not None:
                    self._identity = (found.st_dev, found.st_ino)
                self._refuse_cut_short(connected[0])
        except BaseException:
            if queued:
                end_turn(turn)
            raise
        self._turn = turn if queued else ""
        return connected

    def _refuse_cut_short(self, connection: duckdb.DuckDBPyConnection) -> None:
        """Refuse a file too short for the blocks its database uses, closing ``connection``:
        checked once DuckDB holds the file (no other process is writing it), before this
        connection has written anything."""
        try:
            found = connection.execute(
                "SELECT block_size, used_blocks FROM pragma_database_size()"
                " WHERE database_name = current_database()"
            ).fetchone()
        except duckdb.Error:
            return  # said by the first query that needs the file, as before
        if found is None:
            return
        if (short := cut_short(Path(self.path), *found)) is not None:
            connection.close()
            raise StorageUnavailableError(cut_short_message(self.path, *short))

    def _still_there(self) -> None:
        """Refuse a file other than the one opened before: the app keeps a store for every
        session, and a database deleted under it was made again empty at the next save (the
        list showed none of the scenarios, without a word); another moved in over it was
        read under the ids the page showed."""
        if self._identity is None or self.path == MEMORY:
            return
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            raise self._gone() from None
        except OSError:
            return  # said in DuckDB's words by the connection, as before
        if (found.st_dev, found.st_ino) != self._identity:
            raise StorageUnavailableError(
                told(
                    f"{describe(escaped(str(self.path)))} was replaced by another file while "
                    "it was open, so nothing was read from it or changed in it.",
                    "Try again to use the file now there, or put the one you had back.",
                )
            )

    def _gone(self) -> StorageUnavailableError:
        """The file deleted or moved while the app had it open, in words."""
        return StorageUnavailableError(
            told(
                f"{describe(escaped(str(self.path)))} is no longer there: it was deleted "
                "or moved while it was open. Nothing was changed.",
                "Put the file back (from where it was moved, or a backup) to keep its "
                "scenarios; trying again starts a new, empty one there.",
            )
        )

    def _connect_in_turn(self, *, write: bool = True) -> _Opened:
        """:meth:`_connect` in this process's turn; to read, beside programs that only read."""
        # A file held through the whole of the last wait is tried once: the app's pages,
        # already saying it is in use, waited the whole wait again at every rerun.
        held = self._held
        deadline = time.monotonic() + (0.0 if held else self.lock_wait_s)
        pause = _RETRY_FIRST_S
        while True:
            try:
                connected = duckdb.connect(str(self.path), config=dict(CONNECTION_CONFIG))
            except (duckdb.Error, OSError) as exc:
                if is_read_only(exc) and self.path != MEMORY and Path(self.path).is_file():
                    self._held = False
                    if (reader := self._connect_shared()) is None:
                        raise _unavailable(self.path, exc) from None
                    return reader, exc
                left = deadline - time.monotonic()
                if not is_locked(exc):
                    raise _unavailable(self.path, exc) from None
                if not write and (shared := self._connect_shared()) is not None:
                    self._held = False
                    return shared, exc
                if left <= 0:
                    self._held = True
                    waited = None if held else self.lock_wait_s
                    said = unavailable_message(self.path, exc, waited_s=waited)
                    raise StorageUnavailableError(said) from None
            else:
                self._held = False
                return connected, None
            # Jittered, so that two processes waiting for each other fall out of step; the
            # last try is at the deadline itself.
            time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
            pause = min(2 * pause, _RETRY_MAX_S)

    def _connect_shared(self) -> duckdb.DuckDBPyConnection | None:
        """The file opened to read (beside programs that only read it); ``None`` if refused."""
        try:
            return duckdb.connect(str(self.path), read_only=True, config=dict(CONNECTION_CONFIG))
        except (duckdb.Error, OSError):
            return None

    def _check_schema(
        self, connection: duckdb.DuckDBPyConnection, read_only: BaseException | None = None
    ) -> None:
        """Check a fresh connection's schema (migrating it), in DuckDB's words if it fails.

        ``read_only``: why the connection may only read; its file is then read as it
        is, or refused when it needs a migration.
        """
        cur = connection.cursor()
        try:
            self._migrate(cur, read_only)
        except duckdb.Error as exc:
            raise _unavailable(self.path, exc) from None
        finally:
            cur.close()

    def _migrate(
        self, cur: duckdb.DuckDBPyConnection, read_only: BaseException | None = None
    ) -> None:
        """Bring the schema to :data:`SCHEMA_VERSION` in one transaction: all of it, or nothing."""
        tables = {
            row[0]
            for row in cur.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                " UNION SELECT view_name FROM duckdb_views()"
                " WHERE database_name = current_database() AND NOT internal"
            ).fetchall()
        }
        version = 0
        if "planner_schema" in tables:
            version = self._version(cur)
        elif tables:
            raise StorageUnavailableError(
                told(
                    f"{describe(self.path)} belongs to another program (it has tables but no "
                    "Goal Planner schema), so it was left as it is.",
                    f"Set {ELSEWHERE} to another file.",
                )
            )
        if version > SCHEMA_VERSION:
            raise StorageUnavailableError(
                # In what to do: "schema 16" told a leader nothing; the numbers stay a detail.
                told(
                    f"{describe(self.path)} was saved by a newer version of Goal Planner, "
                    "which this version cannot read, so it was left as it is (its file format "
                    f"is {version}; this version reads up to {SCHEMA_VERSION}).",
                    "Update Goal Planner to the version that saved it to open these "
                    f"scenarios, or set {ELSEWHERE} to another file to save scenarios with "
                    "this version.",
                )
            )
        found = cur.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE database_name = current_database()"
        ).fetchall()
        if (lacks := not_ours({(str(t), str(c)) for t, c in found}, version)) is not None:
            raise self._not_ours(lacks)
        if read_only is not None and version < SCHEMA_VERSION:
            raise StorageUnavailableError(may_not_write(self.path, read_only, older=True))
        if version == SCHEMA_VERSION:
            return
        # One transaction for every step and the figures computed again: a step that fails
        # (a full disk, a kill) leaves the file at its own version, to be upgraded whole
        # when opened again, never at a step between whose figures are left as they were.
        with self._transaction(cur):
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[step]:
                    cur.execute(statement)
            if version > 0:
                self._refigure(cur, version)
            cur.execute("DELETE FROM planner_schema")
            cur.execute("INSERT INTO planner_schema VALUES (?)", [SCHEMA_VERSION])
        self.made = self.made or version == 0

    def _version(self, cur: duckdb.DuckDBPyConnection) -> int:
        """The schema number ``planner_schema`` holds, or refused as another program's file:
        a column of another name or type read in DuckDB's words or ended in Python's
        ("invalid literal for int()", "KeyError: -2"), and the app failed on every page."""
        try:
            row = cur.execute("SELECT max(version) FROM planner_schema").fetchone()
        except duckdb.Error:
            row = None
        version = row[0] if row else None
        if type(version) is not int or version < 1:
            raise self._not_ours("its planner_schema table holds no schema number")
        return version

    def _not_ours(self, why: str) -> StorageUnavailableError:
        return StorageUnavailableError(
            told(
                f"{describe(self.path)} is not a Goal Planner database ({why}): it belongs to "
                "another program, or it is damaged, so it was left as it is.",
                f"Set {ELSEWHERE} to another file, or move this one aside to start a new one "
                "there.",
            )
        )

    def _refigure(self, cur: duckdb.DuckDBPyConnection, version: int) -> None:
        """Rows a file of schema ``version`` stored otherwise than this code computes them,
        computed again in the upgrade's transaction (all of it, or nothing)."""

    @contextmanager
    def held(self) -> Iterator[None]:
        """The file kept open for the operations inside, so that no other process opens it
        between them: a check that nothing like a scenario is saved, then its save. Two
        `planner scenarios save` of the same inputs under two names, each checking before
        the other saved, saved both."""
        with self._cursor():
            yield

    def close(self) -> None:
        """Close the store; an operation still running finishes first."""
        with self._lock:
            self._closed = True
            if self._users == 0 and self._connection is not None:
                self._connection.close()
                self._connection = None
                self._end_turn()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------

    @contextmanager
    def _cursor(self, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one operation, on the file opened for it.

        Operations of several threads that overlap share one connection; the
        last one to finish closes it, which lets go of the file. An operation
        that ``write``s on a file that may only be read is refused at once,
        saying why and what to do. Operations that ``write`` take turns
        (:data:`_CHANGING`) until they are done.
        """
        with _CHANGING if write else nullcontext(), self._operation(write=write) as cursor:
            yield cursor

    @contextmanager
    def _operation(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """:meth:`_cursor`, whether or not it is a change's turn."""
        with self._lock:
            if self._closed:
                raise StorageUnavailableError(
                    told("The scenario database is closed.", "Open it again to use it.")
                )
            if self._connection is None:
                with _OPENING, ctrl_c_said():
                    connection, read_only = self._connect(write=write)
                    try:
                        self._check_schema(connection, read_only)
                    except BaseException:
                        connection.close()
                        raise
                self._connection, self._read_only = connection, read_only
            if write and self._read_only is not None:
                refused = self._read_only
                self._let_go()
                raise StorageUnavailableError(may_not_write(self.path, refused))
            try:
                cursor = self._connection.cursor()
            except duckdb.Error as exc:
                self._let_go()
                raise _unavailable(self.path, exc) from None
            self._users += 1
        try:
            with ctrl_c_said():
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
                told(
                    "Someone else changed the same scenario at the same moment; nothing was "
                    "changed.",
                    "Try again.",
                )
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
        self._end_turn()

    def _end_turn(self) -> None:
        """Let the next Goal Planner process have the file (after closing the connection)."""
        if self._turn:
            turn, self._turn = self._turn, ""
            end_turn(turn)

    @staticmethod
    def _constraint_error(exc: duckdb.Error) -> StorageError:
        if "name" in str(exc) or "UNIQUE" in str(exc) or "duplicate" in str(exc).lower():
            return NameTakenError(NAME_TAKEN)
        return StorageError(
            told(
                f"The scenario could not be saved: {exc}. Nothing was changed.",
                f"Try again; if it fails again, set {ELSEWHERE} to a new file and save there.",
            )
        )

    @staticmethod
    @contextmanager
    def _transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
        """One transaction: committed whole, or rolled back (a Ctrl-C in it too)."""
        with ctrl_c_held() as pressed:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield
                if pressed():
                    raise KeyboardInterrupt
            except BaseException:
                # When the transaction already failed, nothing was written anyway.
                with suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")
