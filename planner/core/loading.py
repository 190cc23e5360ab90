"""Loading a data folder (CSV files and ``settings.toml``) into a validated Problem.

This module is the front door of the data contract; the work is split by step:

1. :mod:`planner.core.tables`: the contract as data (file names, columns,
   limits) and the raw tables.
2. :mod:`planner.core.reading` (:func:`read_csv_text`, :func:`read_folder`, :func:`read_zip`;
   :mod:`planner.core.workbook` for an ``.xlsx``) turns bytes into frames of raw text
   cells. It rejects what is not a comma-separated UTF-8 text table: other encodings,
   binary files, semicolons, ragged rows, duplicate or missing headers, oversized files.
3. :mod:`planner.core.cells` reads one cell: numbers, booleans, lists, skills.
4. *Building* (:func:`build_problem`, here) turns those frames, or frames
   edited in the app's data editor, into a :class:`~planner.core.domain.Problem`.
   It checks every cell and every reference and raises one
   :class:`~planner.core.errors.InvalidInputError` listing every problem
   found, each located as a spreadsheet user finds it: file, row (header =
   row 1), column, what is wrong and the fix.
5. :mod:`planner.core.writing` writes a problem back as the same files.

The names of steps 1, 2 and 5 that callers need are re-exported here (``__all__``), so
``from planner.core.loading import load_problem, COLUMNS`` works whichever step has them.

Limits, so that a bad upload cannot exhaust memory or reach the solver as an
absurd number: at most :data:`MAX_ROWS` data rows and :data:`MAX_FILE_BYTES`
bytes per file; hours at most :data:`MAX_HOURS`, values and targets at most
:data:`MAX_VALUE`, goal weights at most :data:`MAX_WEIGHT`, ``max_projects``
at most :data:`MAX_COUNT`; numbers have at most :data:`MAX_DECIMALS`
decimals and are read exactly as :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TypeVar

import pandas as pd

from planner.core.cells import (
    CAPACITY,
    EFFORT,
    PROJECT_CAP,
    SHARE,
    TARGET,
    VALUE,
    WEIGHT,
    Ids,
    Row,
    Table,
    clipped,
    tables_for_build,
    unknown_columns,
)
from planner.core.decision_inputs import DecisionInputs
from planner.core.domain import (
    DEPARTMENTS,
    GOAL_OWNERS,
    MARKETING,
    SALES,
    Goal,
    Problem,
    Project,
    Team,
)
from planner.core.errors import InputIssue, InvalidInputError, Severity
from planner.core.graph import dependency_cycles
from planner.core.reading import (
    collect_folder,
    collect_zip,
    read_csv_text,
    read_folder,
    read_settings_file,
    read_zip,
)
from planner.core.score_checks import aimless_settings, goalless_projects
from planner.core.settings import (
    Settings,
    multiplier_names,
    over_settings,
    parse_settings,
    stages_despite,
)
from planner.core.tables import (
    CALENDAR,
    COLUMNS,
    ESTIMATES,
    GOALS,
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
from planner.core.text import escaped
from planner.core.week_inputs import WeekInputs
from planner.core.workbook import (
    MAX_WORKBOOK_BYTES,
    data_workbook,
    is_workbook,
    on_sheets,
    read_workbook,
)
from planner.core.writing import (
    folder_zip,
    plain,
    problem_to_frames,
    template_frames,
    write_folder,
)

__all__ = [
    "CALENDAR",
    "COLUMNS",
    "ESTIMATES",
    "GOALS",
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
    "load_problem",
    "load_workbook",
    "problem_to_frames",
    "read_csv_text",
    "read_folder",
    "read_zip",
    "template_frames",
    "write_folder",
]

_T = TypeVar("_T")


def build_problem(
    tables: DataTables | Mapping[str, pd.DataFrame],
    settings: Settings | None = None,
    settings_text: str | None = None,
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
    return _build(tables, settings, settings_text, SETTINGS_FILE, (), frozenset())


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
    file, settings_text, unreadable, named = _over(tables, frozenset(), over, issues, settings_text)
    try:
        loaded = _build(tables, settings, settings_text, file, issues, unreadable, named)
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


def load_problem(folder: str | Path, settings_path: str | Path | None = None) -> LoadResult:
    """Read and validate a data folder; the keys of ``settings_path`` change its settings.toml.

    ``folder`` may also be an ``.xlsx`` workbook or a ``.zip`` of a data
    folder (SPEC "Command line"). Problems in reading the files and in their
    contents are reported together in one
    :class:`~planner.core.errors.InvalidInputError`.
    """
    path = Path(folder)
    if path.suffix.lower() in (".xlsx", ".zip") and path.is_file():
        return _load_file(path, settings_path)
    tables, issues, unreadable = collect_folder(folder)
    over = None
    if settings_path is not None:
        path = Path(settings_path)
        name = path.name or str(path)
        issues = [i for i in issues if i.file != SETTINGS_FILE]  # reading it, not its keys
        over = (name, read_settings_file(path, name, issues))
    settings_file, settings_text, unreadable, named = _over(tables, unreadable, over, issues)
    return _build(tables, None, settings_text, settings_file, issues, unreadable, named)


def _over(
    tables: DataTables,
    unreadable: frozenset[str],
    over: tuple[str, str | None] | None,
    issues: list[InputIssue],
    text: str | None = None,
) -> tuple[str, str | None, frozenset[str], frozenset[str] | None]:
    """The settings file, its text, the unreadable files and the multipliers the
    settings file names: ``text`` (the data's own when ``None``; every multiplier is
    its own, ``None``), or a file's (``--settings``: name, text) over the data's own
    (:func:`over_settings`), whose other multipliers are settings.toml's."""
    if over is None:
        return SETTINGS_FILE, text, unreadable, None
    base = None if SETTINGS_FILE in unreadable else tables.settings_text
    text = over_settings(base, over[1], over[0], issues)
    if text is None:
        return over[0], "", unreadable | {SETTINGS_FILE}, None
    return over[0], text, unreadable - {SETTINGS_FILE}, multiplier_names(over[1] or "")


def _load_file(path: Path, settings_path: str | Path | None) -> LoadResult:
    """A workbook or a zip named on the command line."""
    issues: list[InputIssue] = []
    over = None
    if settings_path is not None:
        name = Path(settings_path).name
        over = (name, read_settings_file(Path(settings_path), name, issues))
        if over[1] is None:
            raise InvalidInputError(issues)
    limit = MAX_WORKBOOK_BYTES if is_workbook(path) else MAX_ZIP_BYTES
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InvalidInputError(
            [InputIssue(path.name, None, None, f"the file cannot be read ({exc}).", "")]
        ) from None
    if is_workbook(path):
        return load_workbook(data, path.name, over=over)
    tables, read_issues, unreadable = collect_zip(data)
    settings_file, text, unreadable, named = _over(tables, unreadable, over, read_issues)
    return _build(tables, None, text, settings_file, read_issues, unreadable, named)


#: value_high beyond this many times the value is warned about as a likely typo.
_TYPO_RANGE = 100


class _Builder(WeekInputs, DecisionInputs):
    """Checks every table against the contract and builds the domain objects.

    One method per file, then one per cross-file rule; each appends to
    ``issues`` and none stops at the first problem.
    """

    def __init__(self, settings: Settings, stages_known: bool, unreadable: Iterable[str]) -> None:
        self.settings = settings
        self.stages_known = stages_known
        self.unreadable = frozenset(unreadable)
        self.issues: list[InputIssue] = []
        order = settings.stages.order
        self.stage_names = {s.lower(): s for s in reversed(order)} | {s: s for s in order}
        # What later checks need to know of rows, even of rows with other errors.
        self.team_department: dict[str, str] = {}
        self.team_capacity: dict[str, Decimal] = {}
        self.project_joint: dict[str, bool] = {}
        self.project_stage: dict[str, str] = {}
        self.goals_present = False

    def build(self, tables: Mapping[str, Table]) -> Problem | None:
        for file in REQUIRED_FILES:
            if file not in tables and file not in self.unreadable:
                self.issues.append(
                    issue(
                        file,
                        None,
                        None,
                        f"{file} is missing.",
                        f"Add {file} with the columns {', '.join(COLUMNS[file])}.",
                    )
                )
        for table in tables.values():
            self._check_columns(table)
        self.goals_present = GOALS in tables
        team_ids = self._ids(tables, TEAMS, "team_id")
        project_ids = self._ids(tables, PROJECTS, "project_id")
        goal_ids = self._ids(tables, GOALS, "goal_id")

        teams = self._teams(tables.get(TEAMS))
        goals = self._goals(tables.get(GOALS))
        projects = self._projects(tables.get(PROJECTS), goal_ids)
        estimates = self._estimates(tables.get(ESTIMATES), project_ids, team_ids)
        rules = self._rules(tables.get(RULES), project_ids, team_ids)
        calendar = self._calendar(tables.get(CALENDAR), team_ids)
        if any(i.severity is Severity.ERROR for i in self.issues):
            return None
        return Problem(
            teams=tuple(teams),
            projects=tuple(projects),
            goals=tuple(goals),
            estimates=tuple(estimates),
            rules=tuple(rules),
            settings=self.settings,
            calendar=tuple(calendar),
        )

    # -- structure --------------------------------------------------------

    def _check_columns(self, table: Table) -> None:
        known = COLUMNS[table.file]
        missing = [c for c in REQUIRED_COLUMNS[table.file] if c not in table.columns]
        below = {v.strip().lower() for v in table.rows[0][1].values()} if table.rows else set()
        if len(missing) == len(REQUIRED_COLUMNS[table.file]) and below & set(missing):
            # A title above the header ("Q3 teams"): one problem, not one per column.
            self.issues.append(
                issue(
                    table.file,
                    1,
                    None,
                    "the column names are on row 2, under a title on row 1; the first row "
                    "must be the header.",
                    "Delete row 1 so that the column names are the first row.",
                )
            )
            return
        for column in missing:
            self.issues.append(
                issue(
                    table.file,
                    1,
                    column,
                    f"the required column '{column}' is missing.",
                    f"Add a {column} column to the header row (columns: {', '.join(known)}).",
                )
            )
        self.issues += unknown_columns(table.file, table.columns, known)
        if not table.rows and table.file in REQUIRED_FILES:
            what = "teams" if table.file == TEAMS else "projects"
            self.issues.append(
                issue(
                    table.file,
                    None,
                    None,
                    f"there are no {what}: the file has no data rows.",
                    f"Add one row per {what[:-1]} below the header.",
                )
            )

    def _ids(self, tables: Mapping[str, Table], file: str, column: str) -> Ids | None:
        """Every id written in a file, or None when references into it can't be checked."""
        if file in self.unreadable or (file in REQUIRED_FILES and file not in tables):
            return None
        table = tables.get(file)
        if table is None:
            return Ids()
        return Ids(cells[column] for _, cells in table.rows if cells.get(column))

    def _rows(self, table: Table | None) -> Iterator[Row]:
        if table is None:
            return
        for number, cells in table.rows:
            yield Row(table.file, number, cells, self.issues)

    def _identifier(self, row: Row, column: str, seen: dict[str, int], what: str) -> str | None:
        value = row.required(column, f"Give every {what} an id.")
        if value is None:
            return None
        if value in seen:
            row.error(
                column,
                f"the {column} '{value}' is used twice (rows {seen[value]} and {row.number}).",
                f"Give each {what} its own id.",
            )
        else:
            seen[value] = row.number
        return value

    def _stage(self, row: Row, column: str, text: str) -> str | None:
        if not self.stages_known:
            return text
        stage = self.stage_names.get(text) or self.stage_names.get(text.lower())
        if stage is None:
            row.error(
                column,
                f"'{clipped(text)}' is not a funnel stage.",
                f"Use one of the stages in settings: {', '.join(self.settings.stages.order)}.",
            )
        return stage

    @staticmethod
    def _make(row: Row, make: Callable[[], _T]) -> _T | None:
        # A safety net: the row checks should have caught what the domain rejects.
        try:
            return make()
        except (ValueError, TypeError) as exc:
            row.error(None, f"the row is not valid ({exc}).", "Check the row's values.")
            return None

    # -- one method per file -------------------------------------------------

    def _teams(self, table: Table | None) -> list[Team]:
        teams: list[Team] = []
        seen: dict[str, int] = {}
        for row in self._rows(table):
            team_id = self._identifier(row, "team_id", seen, "team")
            department = row.choice("department", DEPARTMENTS, None, "a department")
            if team_id is not None and department is not None:
                self.team_department.setdefault(team_id, department)
            capacity = row.decimal("capacity_hours", CAPACITY, None, required=True)
            if team_id is not None and capacity is not None:
                self.team_capacity.setdefault(team_id, capacity)
            skills = row.skills("skills")
            stages = self._team_stages(row, department)
            max_projects = row.whole("max_projects", PROJECT_CAP)
            if not row.ok:
                continue
            assert team_id is not None and department is not None
            assert capacity is not None and skills is not None
            team = self._make(
                row,
                partial(
                    Team,
                    team_id=team_id,
                    name=row.text("name") or team_id,
                    department=department,
                    capacity_hours=capacity,
                    skills=skills,
                    stages=stages,
                    max_projects=max_projects,
                ),
            )
            if team is not None:
                teams.append(team)
        return teams

    def _team_stages(self, row: Row, department: str | None) -> tuple[str, ...]:
        stages: list[str] = []
        for item in row.items("stages"):
            stage = self._stage(row, "stages", item)
            if stage is None or stage in stages:
                continue
            stages.append(stage)
            owners = self.settings.stages.owners.get(stage, ())
            if self.stages_known and department is not None and department not in owners:
                row.warn(
                    "stages",
                    f"the stage policy does not let {department} teams own '{stage}' work, "
                    "so this team takes none there.",
                    "Remove the stage from the team's list, or change [stages.owners] in settings.",
                )
        return tuple(stages)

    def _goals(self, table: Table | None) -> list[Goal]:
        goals: list[Goal] = []
        seen: dict[str, int] = {}
        for row in self._rows(table):
            goal_id = self._identifier(row, "goal_id", seen, "goal")
            target = row.decimal("target", TARGET, None, required=True)
            owner = row.choice("owner", GOAL_OWNERS, "shared", "a goal owner")
            weight = row.decimal("weight", WEIGHT, Decimal(1))
            if not row.ok:
                continue
            assert goal_id is not None and target is not None
            assert owner is not None and weight is not None
            goal = self._make(
                row,
                partial(
                    Goal,
                    goal_id=goal_id,
                    name=row.text("name") or goal_id,
                    target=target,
                    kpi=row.text("kpi"),
                    owner=owner,
                    weight=weight,
                ),
            )
            if goal is not None:
                goals.append(goal)
        return goals

    def _projects(self, table: Table | None, goal_ids: Ids | None) -> list[Project]:
        seen: dict[str, int] = {}
        pending: list[tuple[Row, str | None, tuple[str, ...], Project | None]] = []
        for row in self._rows(table):
            project_id = self._identifier(row, "project_id", seen, "project")
            if project_id is not None and ";" in project_id:
                row.error(
                    "project_id",
                    f"the project_id '{project_id}' contains ';', which separates the ids "
                    "in depends_on lists.",
                    "Remove the ';' from the id.",
                )
            goal_id = row.text("goal_id") or None
            if goal_id is not None and goal_ids is not None and goal_id not in goal_ids:
                fix = f"Add goal '{goal_id}' to goals.csv, or leave goal_id empty."
                file = GOALS if self.goals_present else f"{GOALS} (there is no {GOALS})"
                row.error("goal_id", *goal_ids.unknown("goal", goal_id, file, fix))
            stage_text = row.required("stage", "Write the project's funnel stage.")
            stage = self._stage(row, "stage", stage_text) if stage_text else None
            if project_id is not None and stage is not None:
                self.project_stage.setdefault(project_id, stage)
            effort = row.decimal("effort_hours", EFFORT, None, required=True)
            value = row.decimal("value", VALUE, Decimal(0))
            low, high = self._value_range(row, value)
            skills = row.skills("required_skills")
            mandatory = row.boolean("mandatory", False)
            joint = row.boolean("joint", False)
            if project_id is not None and joint is not None:
                self.project_joint.setdefault(project_id, joint)
            share = row.decimal("sales_share", SHARE, Decimal("0.5"))
            if stage is not None and joint is not None:
                self._check_stage_policy(row, stage, joint)
            depends_on = row.items("depends_on")
            duration, earliest, due = self._weeks(row)
            project = None
            if row.ok:
                assert project_id is not None and stage is not None and effort is not None
                assert value is not None and skills is not None and share is not None
                assert mandatory is not None and joint is not None
                project = self._make(
                    row,
                    partial(
                        Project,
                        project_id=project_id,
                        name=row.text("name") or project_id,
                        goal_id=goal_id,
                        stage=stage,
                        effort_hours=effort,
                        value=value,
                        value_low=low,
                        value_high=high,
                        required_skills=skills,
                        mandatory=mandatory,
                        joint=joint,
                        sales_share=share,
                        depends_on=depends_on,
                        duration_weeks=duration,
                        earliest_week=earliest,
                        due_week=due,
                    ),
                )
            pending.append((row, project_id, depends_on, project))
        self._check_dependencies([(row, pid, deps) for row, pid, deps, _ in pending])
        projects = [p for row, _, _, p in pending if row.ok and p is not None]
        self._check_sequences(projects, {pid: row for row, pid, _, _ in pending if pid})
        return projects

    @staticmethod
    def _value_range(row: Row, value: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
        """value_low <= value <= value_high (SPEC "Uncertain impact"); empty = the value."""
        low = row.decimal("value_low", VALUE, None)
        high = row.decimal("value_high", VALUE, None)
        if value is None:
            return low, high
        given = [name for name, v in (("value_low", low), ("value_high", high)) if v]
        if not row.text("value").strip() and given:
            # An empty value is 0; "value_low 100 is above the project's value 0" sent
            # leaders to empty value_low when the missing number is the value itself.
            between = (
                f" between {plain(low)} and {plain(high)}"
                if low is not None and high is not None
                else ""
            )
            row.error(
                "value",
                f"value is empty, but {' and '.join(given)} "
                f"give{'s' * (len(given) == 1)} a range of impact.",
                f"Write the most likely value{between}, or empty {' and '.join(given)} too.",
            )
            return low, high
        if low is not None and low > value:
            row.error(
                "value_low",
                f"value_low {plain(low)} is above the project's value {plain(value)}.",
                f"Make value_low at most {plain(value)} (the most likely value), or leave it "
                "empty.",
            )
        if high is not None and high < value:
            row.error(
                "value_high",
                f"value_high {plain(high)} is below the project's value {plain(value)}.",
                f"Make value_high at least {plain(value)} (the most likely value), or leave it "
                "empty.",
            )
        elif high is not None and value > 0 and high > _TYPO_RANGE * value:
            # Extra digits in the best case make the goal look certain on every chart.
            row.warn(
                "value_high",
                f"value_high {plain(high)} is {high / value:,.0f} times the project's most "
                f"likely value {plain(value)}: the odds count that outcome as possible.",
                "Check it for extra digits; a best case is rarely over 10 times the most "
                "likely value.",
            )
        return low, high

    def _check_stage_policy(self, row: Row, stage: str, joint: bool) -> None:
        if not self.stages_known:
            return
        owners = set(self.settings.stages.owners.get(stage, ())) & {SALES, MARKETING}
        if not owners:
            row.warn(
                "stage",
                f"the stage policy lets no department own '{stage}' work, so this project "
                "cannot be assigned.",
                "Give the stage an owner in [stages.owners] of the settings, or change the stage.",
            )
        elif joint and len(owners) < 2:
            (only,) = owners
            row.warn(
                "joint",
                f"the project is joint (it needs a sales and a marketing team) but the stage "
                f"policy lets only {only} own '{stage}' work, so it cannot be assigned.",
                "Make it not joint, move it to a stage both departments may own, or change "
                "[stages.owners] in the settings.",
            )

    def _check_dependencies(self, pending: list[tuple[Row, str | None, tuple[str, ...]]]) -> None:
        """depends_on ids exist, no project depends on itself, no cycles."""
        rows: dict[str, Row] = {}
        for row, project_id, _ in pending:
            if project_id is not None:
                rows.setdefault(project_id, row)
        graph: dict[str, list[str]] = {}
        known = Ids(rows)
        for row, project_id, depends_on in pending:
            for dep in depends_on:
                if dep == project_id:
                    row.error(
                        "depends_on",
                        f"the project depends on itself ('{dep}').",
                        "Remove its own id from depends_on.",
                    )
                elif dep not in rows:
                    parts = [p.strip() for p in dep.split(",")]
                    fix = (
                        "Separate project ids with ';', e.g. P1; P2."
                        if len(parts) > 1 and all(p in rows for p in parts)
                        else f"Add project '{dep}' to projects.csv, or remove it from depends_on."
                    )
                    row.error("depends_on", *known.unknown("project", dep, PROJECTS, fix))
                elif project_id is not None and rows[project_id] is row:
                    graph.setdefault(project_id, []).append(dep)
        for cycle in dependency_cycles(graph, order=list(rows)):
            rows[cycle[0]].error(
                "depends_on",
                f"projects depend on each other in a cycle: {' -> '.join([*cycle, cycle[0]])}.",
                "Remove one of these dependencies.",
            )


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
    unknown = [name for name in multipliers if name not in known]
    if not unknown:
        return problem
    if report:
        for name in unknown:
            close = difflib.get_close_matches(name, known, n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            holder = settings_file if named is None or name in named else SETTINGS_FILE
            issues.append(
                issue(
                    holder,
                    None,
                    f"capacity.multipliers.{escaped(name)}",
                    f"no department or team is called '{escaped(name)}'.",
                    f"Use sales, marketing or a team_id of teams.csv.{hint}",
                )
            )
        return problem
    kept = {k: v for k, v in multipliers.items() if k in known}
    capacity = replace(problem.settings.capacity, multipliers=kept)
    return problem.replace(settings=replace(problem.settings, capacity=capacity))


def _build(
    tables: Mapping[str, pd.DataFrame],
    settings: Settings | None,
    settings_text: str | None,
    settings_file: str,
    read_issues: Iterable[InputIssue],
    unreadable: frozenset[str],
    named: frozenset[str] | None = None,
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
    frames, unusable = tables_for_build(tables, issues)
    builder = _Builder(settings, stages_known, unreadable | unusable)
    problem = builder.build(frames)
    issues += builder.issues
    if problem is not None:
        problem = _check_multipliers(problem, settings_file, issues, report=from_text, named=named)
        issues += goalless_projects(problem) + aimless_settings(problem.settings)
    if problem is None or any(i.severity is Severity.ERROR for i in issues):
        raise InvalidInputError(sorted_issues(issues))
    warnings = tuple(i for i in sorted_issues(issues) if i.severity is Severity.WARNING)
    return LoadResult(problem, warnings)
