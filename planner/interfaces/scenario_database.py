"""The scenario database a ``planner scenarios`` command opens (``--db``, ``PLANNER_DB``
or the default place), refused by its name when it cannot be used, and the scenario the
command names in it. Opening the file itself is :mod:`planner.scenarios.database`'s."""

from __future__ import annotations

import argparse
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from planner.interfaces.scenario_args import shown
from planner.scenarios.storage_messages import (
    ELSEWHERE,
    ENV_VAR,
    MEMORY,
    database_path,
    db_path_too_long,
    db_slash_words,
    default_path,
    home_missing,
    home_said,
    no_home_words,
    unexpanded_variable,
)

if TYPE_CHECKING:
    from planner.scenarios.scenario import Scenario
    from planner.scenarios.storage import ScenarioStore


@contextmanager
def open_store(args: argparse.Namespace, *, create: bool = False) -> Iterator[ScenarioStore]:
    """The scenario database; only ``save`` (``create``) makes it where there is none.

    A mistyped ``--db`` made an empty database file (and its folders) there, and
    ``list`` said "No scenario is saved yet" as if all were well.
    """
    from planner.scenarios.database import StorageUnavailableError
    from planner.scenarios.storage import ScenarioNotFoundError, ScenarioStore

    if create and (args.db or database_path()) == MEMORY:
        # A database in memory ends with the command: "saved scenario 1", then gone.
        raise StorageUnavailableError(
            f"The scenario database is {MEMORY}, which lives only while one program runs: "
            f"this command's save would be gone when it ends. Fix: Set {ELSEWHERE} to a file "
            "to keep scenarios."
        )
    if create:
        refuse_missing_folder(args)
    if create or (missing := missing_database(args)) is None:
        with ScenarioStore.open(args.db) as store:
            yield store
        return
    try:  # an empty store in memory: every name is unknown, as in a new database
        with ScenarioStore.open(MEMORY) as store:
            yield store
    except ScenarioNotFoundError as exc:
        error = ScenarioNotFoundError(f"{exc} There is {no_database_at(missing, args)}")
        error.fix = "Check --db (or PLANNER_DB); planner scenarios save makes the database."
        raise error from None


def refuse_missing_folder(args: argparse.Namespace) -> None:
    """A database to be made (``--db``, or ``PLANNER_DB``) in a folder that does not exist is
    refused by its name, as ``--out`` is: `--db typo/x.duckdb` made the folder typo and
    saved there, where a mistyped folder was meant. The default place's folders are
    made (a first save on a new machine)."""
    from planner.core.errors import InputIssue, InvalidInputError
    from planner.core.output import file_in_the_way

    given = args.db or os.environ.get(ENV_VAR, "").strip()
    if not given:
        # The default place, whose folders are made only in a home folder that exists.
        refuse_no_home(args)
        return
    if given == MEMORY:
        return
    path = Path(given).expanduser()
    name = f"--db {shown(given)}" if args.db else f"{ENV_VAR}={shown(given)}"
    refuse_slash(args)
    folder = path.parent
    if _there(folder):
        return
    said, fix = file_in_the_way(path) or (
        f"its folder {shown(os.path.abspath(folder))} does not exist, and a database is not "
        "made in a folder that is not there (a mistyped folder would hold the scenarios).",
        "Create the folder first, or give a path in an existing one.",
    )
    raise InvalidInputError([InputIssue(name, None, None, said, fix)])


def refuse_no_home(args: argparse.Namespace) -> None:
    """The default database refused, by every command alike, when its home folder is
    empty or not there (:func:`home_missing`): `HOME= planner scenarios list` said "no
    scenario database at /.local/share/...", a place `scenarios save` refuses."""
    from planner.core.errors import InputIssue, InvalidInputError

    if args.db or os.environ.get(ENV_VAR, "").strip():
        return
    default = default_path().absolute()
    if (no_home := home_missing(default)) is not None:
        name, home = no_home
        said, fix = no_home_words(default, name, home)
        raise InvalidInputError([InputIssue(home_said(name, home), None, None, said, fix)])


def refuse_slash(args: argparse.Namespace) -> None:
    """``--db`` (or ``PLANNER_DB``) ending in a slash, refused by its name as a mistake in
    the command (exit 2) by every command: `--db scenarios/` made a database file named
    scenarios where a folder was meant, `--db c.duckdb/` read the file, and `list` said
    so as a database it could not use (exit 1) where `save` refused the argument. A path
    holding a variable nothing replaced (``$HOME/q3.duckdb``) is refused alike."""
    from planner.core.errors import InputIssue, InvalidInputError

    given = args.db or os.environ.get(ENV_VAR, "").strip()
    if not given or given == MEMORY:
        return
    flag = "--db" if args.db else f"{ENV_VAR}="
    if too_long := db_path_too_long(os.path.expanduser(given)):
        # Named without the path: it is thousands of characters.
        raise InvalidInputError([InputIssue(flag.rstrip("="), None, None, *too_long)])
    if slash := db_slash_words(os.path.expanduser(given), flag) or unexpanded_variable(given):
        name = f"--db {shown(given)}" if args.db else f"{ENV_VAR}={shown(given)}"
        raise InvalidInputError([InputIssue(name, None, None, *slash)])


def missing_database(args: argparse.Namespace) -> str | None:
    """The database file the command names, when there is none (never the in-memory one);
    the default one refused when there is no home folder for it (:func:`refuse_no_home`)."""
    refuse_no_home(args)
    refuse_slash(args)
    where = args.db or database_path()
    if where == MEMORY or _there(Path(where).expanduser()):
        return None  # a loop of links, or a folder that may not be opened: opening says it
    if os.sep == "/" and "\\" in str(where):
        return None  # DuckDB would open another file: opening refuses it, as save's does
    return str(where)


def _there(path: Path) -> bool:
    """Whether ``path`` is there, or may be (a loop of links, a folder on the way that
    may not be opened: not known to be missing)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        return exc.errno in (errno.ELOOP, errno.EACCES, errno.EPERM)
    return True


def no_database_at(missing: str, args: argparse.Namespace) -> str:
    """ "no scenario database at PATH." and, for a name no one means (a space pasted
    before it), what is odd about it and the name meant: "at  x.duckdb" hid the space."""
    from planner.core.typed_paths import odd_name

    odd = odd_name(missing)
    # A name looked for, not made: '-q3.duckdb' given as --db=-q3.duckdb was read as a name.
    if odd is None or odd.kind == "dash":
        return f"no scenario database at {shown(missing)}."
    # The reasons are said of a file the planner would make ("so the file would be listed
    # as a name it is not"); a space is said plainly here.
    reason = "has a space before or after it" if odd.kind == "space" else odd.reason
    said = f"no scenario database at '{shown(missing)}': the name {reason}."
    if odd.meant != missing and Path(odd.meant).expanduser().exists():
        flag = f"--db {shown(odd.meant)}" if args.db else f"PLANNER_DB={shown(odd.meant)}"
        said += f" There is one at {shown(odd.meant)}: give {flag}."
    return said


def load_scenario(store: ScenarioStore, name_or_id: str) -> Scenario:
    """The saved scenario named ``name_or_id`` (or with that id), whole."""
    return store.load(store.find(name_or_id).scenario_id)
