"""Loading a data folder (CSV files and ``settings.toml``) into a validated Problem.

This module is the front door of the data contract; the work is split by step:

1. :mod:`planner.core.tables`: the contract as data (file names, columns,
   limits) and the raw tables.
2. :mod:`planner.core.reading` (:func:`read_folder`, :func:`read_zip`; one file:
   :mod:`planner.core.csv_text`'s :func:`read_csv_text`; :mod:`planner.core.workbook`
   for an ``.xlsx``) turns bytes into frames of raw text cells. It rejects what is
   not a comma-separated UTF-8 text table: other encodings, binary files,
   semicolons, ragged rows, duplicate or missing headers, oversized files.
3. :mod:`planner.core.cells` reads one cell: numbers, booleans, lists, skills.
4. *Building* (:func:`build_problem`, here; the row-by-row checks are
   :class:`~planner.core.table_builder.TableBuilder`'s) turns those frames, or frames
   edited in the app's data editor, into a :class:`~planner.core.domain.Problem`.
   It checks every cell and every reference and raises one
   :class:`~planner.core.errors.InvalidInputError` listing every problem
   found, each located as a spreadsheet user finds it: file, row (header =
   row 1), column, what is wrong and the fix.
5. :mod:`planner.core.writing` writes a problem back as the same files.

The names of steps 1, 2 and 5 that callers need are re-exported here (``__all__``), so
``from planner.core.loading import load_with_warnings, COLUMNS`` works whichever step has them.

Limits, so that a bad upload cannot exhaust memory or reach the solver as an
absurd number: at most :data:`MAX_ROWS` data rows and :data:`MAX_FILE_BYTES`
bytes per file; hours at most :data:`MAX_HOURS`, values and targets at most
:data:`MAX_VALUE`, goal weights at most :data:`MAX_WEIGHT`, ``max_projects``
at most :data:`MAX_COUNT`; numbers have at most :data:`MAX_DECIMALS`
decimals and are read exactly as :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from planner.core.cells import FILE_WORDS, MessageWords
from planner.core.csv_text import read_csv_text
from planner.core.domain import DEPARTMENTS, Problem
from planner.core.errors import InputIssue, InvalidInputError, Severity
from planner.core.file_kinds import os_reason
from planner.core.pipes import path_label
from planner.core.reading import (
    CHANGED_WHILE_READ,
    UNREADABLE_FIX,
    changed_while_read,
    collect_folder,
    collect_zip,
    read_folder,
    read_settings_file,
    read_zip,
    unreachable,
)
from planner.core.score_checks import aimless_settings, goalless_projects
from planner.core.settings import CapacitySettings, Settings
from planner.core.settings_reading import (
    multiplier_names,
    multipliers_despite,
    over_settings,
    parse_settings,
    stages_despite,
    unknown_multipliers,
)
from planner.core.slashes import slash_words
from planner.core.table_builder import TableBuilder
from planner.core.table_rows import tables_for_build
from planner.core.tables import (
    CALENDAR,
    COLUMNS,
    ESTIMATES,
    GOALS,
    MAX_CELLS,
    MAX_COUNT,
    MAX_DECIMALS,
    MAX_FILE_BYTES,
    MAX_HOURS,
    MAX_ROWS,
    MAX_SETTINGS_BYTES,
    MAX_VALUE,
    MAX_WEIGHT,
    MAX_ZIP_BYTES,
    MAX_ZIP_ENTRIES,
    PROJECTS,
    RAW_FILES,
    REQUIRED_COLUMNS,
    REQUIRED_FILES,
    RULES,
    SETTINGS_FILE,
    TEAMS,
    DataTables,
    LoadResult,
    issue,
    sorted_issues,
)
from planner.core.workbook import (
    on_sheets,
    read_workbook,
    reads_as_workbook,
)
from planner.core.workbook_size import MAX_WORKBOOK_BYTES
from planner.core.workbook_writing import data_workbook
from planner.core.writing import folder_zip, problem_to_frames, template_frames, write_folder

__all__ = [
    "CALENDAR",
    "COLUMNS",
    "ESTIMATES",
    "GOALS",
    "MAX_CELLS",
    "MAX_COUNT",
    "MAX_DECIMALS",
    "MAX_FILE_BYTES",
    "MAX_HOURS",
    "MAX_ROWS",
    "MAX_SETTINGS_BYTES",
    "MAX_VALUE",
    "MAX_WEIGHT",
    "MAX_ZIP_BYTES",
    "MAX_ZIP_ENTRIES",
    "PROJECTS",
    "RAW_FILES",
    "REQUIRED_COLUMNS",
    "REQUIRED_FILES",
    "RULES",
    "SETTINGS_FILE",
    "TEAMS",
    "DataTables",
    "LoadResult",
    "build_problem",
    "data_workbook",
    "folder_zip",
    "load_with_warnings",
    "load_workbook",
    "problem_to_frames",
    "read_csv_text",
    "read_folder",
    "read_zip",
    "template_frames",
    "write_folder",
]


def build_problem(
    tables: DataTables | Mapping[str, pd.DataFrame],
    settings: Settings | None = None,
    settings_text: str | None = None,
    *,
    words: MessageWords = FILE_WORDS,
    stored: bool = False,
) -> LoadResult:
    """Validate raw tables and build the problem they describe.

    Parameters
    ----------
    tables
        File name -> frame, as read by :func:`read_folder` or edited in the
        app (names may omit ``.csv``; cells may be text, numbers, booleans,
        ``None`` or NaN, and are read as the text the user sees).
    settings
        The scenario's settings. When ``None``, ``settings_text`` is parsed,
        else the tables' own ``settings.toml`` text, else the defaults.
    settings_text
        TOML text of the settings, used when ``settings`` is ``None``.
    words
        How the messages name files and columns: their own names unless a page that
        shows no file gives its own (:class:`~planner.core.cells.MessageWords`).
    stored
        The tables are a saved scenario's, validated when they were saved: a check added
        since that only words a name (a control character in it) warns, so that the
        scenario still loads.

    Returns
    -------
    LoadResult
        The problem and the warnings (unknown columns, stage-policy
        conflicts, ignored files...).

    Raises
    ------
    InvalidInputError
        Listing every error in every file (and the warnings), never only the
        first.
    """
    return _build(
        tables, settings, settings_text, SETTINGS_FILE, (), frozenset(), words=words, stored=stored
    )


def load_workbook(
    data: bytes,
    book: str = "workbook.xlsx",
    settings: Settings | None = None,
    settings_text: str | None = None,
    unless_sheet: bool = False,
    over: tuple[str, str | None] | None = None,
) -> LoadResult:
    """Read and validate an ``.xlsx`` workbook exactly as a data folder.

    Every problem names the sheet (``book.xlsx, sheet teams``), the row as
    the spreadsheet numbers it and the column. ``settings`` (or
    ``settings_text``) replaces the workbook's ``settings`` sheet, with
    ``unless_sheet`` only when it has none (an upload keeps the session's).
    ``over`` (``--settings``: a file's name and text) changes the sheet's settings.
    """
    tables, sheets = read_workbook(data, book)
    if unless_sheet and tables.settings_text is not None:
        settings, settings_text = None, None
    issues: list[InputIssue] = []
    file, settings_text, unreadable, named, despite = _over(
        tables, frozenset(), over, issues, settings_text
    )
    try:
        loaded = _build(
            tables, settings, settings_text, file, issues, unreadable, named, despite=despite
        )
    except InvalidInputError as exc:
        # A cell that shows an error or an uncalculated formula is named for that once,
        # not also as "not a number" or "empty".
        said = {(i.file, i.row, i.column) for i in tables.notes if i.row is not None}
        issues = [
            i
            for i in on_sheets(exc.issues, book, sheets)
            if i in tables.notes or (i.file, i.row, i.column) not in said
        ]
        raise InvalidInputError(issues) from None
    return LoadResult(loaded.problem, tuple(on_sheets(loaded.warnings, book, sheets)))


def data_signature(folder: str | Path) -> tuple[tuple[str, int, int], ...]:
    """What ``folder`` (a data folder, workbook or zip) holds now, cheaply: each file's name,
    size and modification time, for a cache of :func:`load_with_warnings` to tell an edited
    file from the one it read. A folder that cannot be listed gives ``()`` (the load says why).
    """
    path = Path(folder)
    try:
        entries = sorted(path.iterdir()) if path.is_dir() else [path]
    except OSError:
        return ()
    return tuple(_stat(entry) for entry in entries)


def _stat(entry: Path) -> tuple[str, int, int]:
    """A file's name, size and modification time; -1s for one that cannot be read (a
    dangling link beside the tables must not hide an edit of the others)."""
    try:
        st = entry.stat()
    except OSError:
        return entry.name, -1, -1
    return entry.name, st.st_size, st.st_mtime_ns


def load_with_warnings(
    folder: str | Path,
    settings_path: str | Path | None = None,
    *,
    settings: Settings | None = None,
) -> LoadResult:
    """Read and validate a data folder; the keys of ``settings_path`` change its settings.toml.

    Returns the problem with the warnings found on the way, as data
    (:class:`~planner.core.tables.LoadResult`): what the CLI and the app show.
    :func:`planner.load_problem`, the public one, returns the problem alone and
    issues the warnings as :class:`~planner.core.errors.InputWarning`.
    ``folder`` may also be an ``.xlsx`` workbook (``.xlsm`` too: its macros are never
    run) or a ``.zip`` of a data folder (SPEC "Command line"). ``settings``, when given,
    replaces the data's own settings whole (``settings_path`` is then not read). Problems in reading
    the files and in their contents are reported together in one
    :class:`~planner.core.errors.InvalidInputError`.
    """
    path = Path(folder)
    try:
        a_file = (reads_as_workbook(path) or path.suffix.lower() == ".zip") and path.is_file()
    except OSError as exc:  # a folder on its way that may not be opened
        raise unreachable(folder, exc) from None
    if a_file:
        return _load_file(path, settings_path, settings)
    tables, issues, unreadable = collect_folder(folder)
    if settings is not None:  # the data's own settings.toml is not used, nor its problems
        issues = [i for i in issues if i.file != SETTINGS_FILE]
        return _build(tables, settings, None, SETTINGS_FILE, issues, unreadable - {SETTINGS_FILE})
    over = None
    if settings_path is not None:
        path = Path(settings_path)
        name = path_label(path)
        issues = [i for i in issues if i.file != SETTINGS_FILE]  # reading it, not its keys
        over = (name, _read_settings(settings_path, name, issues))
    file, settings_text, unreadable, named, despite = _over(tables, unreadable, over, issues)
    return _build(tables, None, settings_text, file, issues, unreadable, named, despite=despite)


class Over(NamedTuple):
    """The settings a load reads: see :func:`_over`."""

    file: str
    text: str | None
    unreadable: frozenset[str]
    named: frozenset[str] | None
    despite: dict[str, float] | None = None


def _over(
    tables: DataTables,
    unreadable: frozenset[str],
    over: tuple[str, str | None] | None,
    issues: list[InputIssue],
    text: str | None = None,
) -> Over:
    """The settings file, its text, the unreadable files and the multipliers the
    settings file names: ``text`` (the data's own when ``None``; every multiplier is
    its own, ``None``), or a file's (``--settings``: name, text) over the data's own
    (:func:`over_settings`), whose other multipliers are settings.toml's; when either
    is wrong, the multipliers that still read, for their team ids to be checked."""
    if over is None:
        return Over(SETTINGS_FILE, text, unreadable, None)
    base = None if SETTINGS_FILE in unreadable else tables.settings_text
    text = over_settings(base, over[1], over[0], issues)
    named = multiplier_names(over[1] or "")
    if text is None:
        # Neither file's problems hide a team no data has, named in either.
        despite = multipliers_despite(base or "", over[1])
        return Over(over[0], "", unreadable | {SETTINGS_FILE}, named, despite)
    return Over(over[0], text, unreadable - {SETTINGS_FILE}, named)


def _read_settings(given: str | Path, name: str, issues: list[InputIssue]) -> str | None:
    """The ``--settings`` file's text, or ``None`` with its problem in ``issues``.

    ``set.toml/`` (a slash after a file's name) was read as set.toml, where ``--out
    plan.csv/`` and ``--db c.duckdb/`` are refused: a path ending in a slash names a folder.
    """
    if isinstance(given, str) and (slash := slash_words(given, "--settings")):
        issues.append(issue(given, None, None, *slash))
        return None
    return read_settings_file(Path(given), name, issues, typed=str(given))


def _load_file(
    path: Path, settings_path: str | Path | None, settings: Settings | None
) -> LoadResult:
    """A workbook or a zip named on the command line (``settings``: instead of its own)."""
    issues: list[InputIssue] = []
    over = None
    if settings is None and settings_path is not None:
        name = path_label(Path(settings_path))
        over = (name, _read_settings(settings_path, name, issues))
        if over[1] is None:
            raise InvalidInputError(issues)
    limit = MAX_WORKBOOK_BYTES if reads_as_workbook(path) else MAX_ZIP_BYTES
    try:
        listed = path.stat()
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            data = handle.read(limit + 1)
            after = os.fstat(handle.fileno())
    except OSError as exc:
        raise InvalidInputError(
            [
                InputIssue(
                    path.name,
                    None,
                    None,
                    f"the file cannot be read ({os_reason(exc)}).",
                    UNREADABLE_FIX,
                )
            ]
        ) from None
    if changed_while_read(listed, before, after, len(data), limit + 1):
        # As a data folder's files: a workbook being saved read "not a readable .xlsx
        # workbook" (its zip's end not yet written), a zip cut short "not a readable zip".
        raise InvalidInputError([InputIssue(path.name, None, None, *CHANGED_WHILE_READ)])
    if reads_as_workbook(path):
        return load_workbook(data, path.name, settings=settings, over=over)
    tables, read_issues, unreadable = collect_zip(data, path.name)
    if settings is not None:
        read_issues = [i for i in read_issues if i.file != SETTINGS_FILE]
        kept = unreadable - {SETTINGS_FILE}
        return _build(tables, settings, None, SETTINGS_FILE, read_issues, kept)
    file, text, unreadable, named, despite = _over(tables, unreadable, over, read_issues)
    return _build(tables, None, text, file, read_issues, unreadable, named, despite=despite)


def _check_multipliers(
    problem: Problem,
    settings_file: str,
    issues: list[InputIssue],
    *,
    report: bool,
    named: frozenset[str] | None = None,
) -> Problem:
    """Multipliers name a department or a team of the data (SPEC: unknown keys are errors).

    Settings read from a file report each unknown name with the closest known
    ones, under the file that holds it: ``settings_file`` when it names the
    multiplier (``named``: its multipliers, ``None`` for all), else the data's
    own settings.toml under a ``--settings`` file. Settings given as an object (the
    app's, after a team was deleted on the Data page) just lose the multipliers of
    teams that are gone.
    """
    known = [*DEPARTMENTS, *problem.team_index]
    multipliers = problem.settings.capacity.multipliers
    if all(name in known for name in multipliers):
        return problem
    if report:
        teams = [(t.team_id, t.name) for t in problem.teams]
        issues += unknown_multipliers(multipliers, teams, _holder(settings_file, named))
        return problem
    kept = {k: v for k, v in multipliers.items() if k in known}
    capacity = replace(problem.settings.capacity, multipliers=kept)
    return problem.replace(settings=replace(problem.settings, capacity=capacity))


def _holder(settings_file: str, named: frozenset[str] | None) -> Callable[[str], str]:
    """The settings file that names a multiplier: ``settings_file`` when it names it
    (``named``: its multipliers, ``None`` for all), else the data's own settings.toml."""
    return lambda name: settings_file if named is None or name in named else SETTINGS_FILE


def _build(
    tables: Mapping[str, pd.DataFrame],
    settings: Settings | None,
    settings_text: str | None,
    settings_file: str,
    read_issues: Iterable[InputIssue],
    unreadable: frozenset[str],
    named: frozenset[str] | None = None,
    *,
    words: MessageWords = FILE_WORDS,
    stored: bool = False,
    despite: dict[str, float] | None = None,
) -> LoadResult:
    issues = list(read_issues)
    if isinstance(tables, DataTables):
        issues += tables.notes
        if settings_text is None:
            settings_text = tables.settings_text
    stages_known = SETTINGS_FILE not in unreadable
    from_text = settings is None
    if settings is None:
        settings = Settings()
        if settings_text is not None and stages_known:
            try:
                settings = parse_settings(settings_text, settings_file)
            except InvalidInputError as exc:
                issues += exc.issues
                stages = stages_despite(settings_text, exc.issues)
                stages_known = stages is not None
                settings = Settings(stages=stages) if stages is not None else settings
                despite = multipliers_despite(settings_text)
        if despite:
            # The multipliers that read, for a team no data has to be named this round too.
            capacity = CapacitySettings(multipliers=despite)
            settings = replace(settings, capacity=capacity)
    frames, unusable = tables_for_build(tables, issues, stored=stored)
    builder = TableBuilder(settings, stages_known, unreadable | unusable, words, stored=stored)
    problem = builder.build(frames)
    issues += builder.issues
    if problem is not None:
        problem = _check_multipliers(problem, settings_file, issues, report=from_text, named=named)
        issues += goalless_projects(problem) + aimless_settings(problem.settings, settings_file)
    elif from_text and builder.teams_written is not None:
        # A team no data has was named only once the tables' problems were fixed: a
        # second round for the leader, where the team ids written answer it now.
        multipliers = settings.capacity.multipliers
        holder = _holder(settings_file, named)
        issues += unknown_multipliers(multipliers, builder.teams_written, holder)
    if problem is None or any(i.severity is Severity.ERROR for i in issues):
        raise InvalidInputError(sorted_issues(issues))
    warnings = tuple(i for i in sorted_issues(issues) if i.severity is Severity.WARNING)
    return LoadResult(problem, warnings)
