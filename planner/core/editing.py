"""The data tables as an editor shows them: typed columns, their schema, templates, rebuilding.

The app's Data and Constraints pages edit the data files in tables. This
module says, for every column of every file, what kind of cell it holds and
its bounds, pick list and help (:func:`column_specs`); the page turns each
:class:`ColumnSpec` into its widget. Edited tables go back through the
loader's validator (:func:`rebuilt`), so an edit is checked exactly like a
data folder. Nothing here knows about Streamlit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from planner.core.cells import FILE_WORDS, GRID_WORDS, MessageWords
from planner.core.csv_text import read_csv_text
from planner.core.domain import DEPARTMENTS, GOAL_OWNERS, Problem, RuleKind
from planner.core.errors import InputIssue, InvalidInputError
from planner.core.file_kinds import a_plan_not_data
from planner.core.loading import build_problem, load_workbook
from planner.core.reading import read_zip
from planner.core.settings import Settings
from planner.core.shared_words import OWN_HOURS_LABEL, week_entry_words
from planner.core.shown_figures import figure_typed
from planner.core.table_rows import cell_text
from planner.core.tables import (
    CALENDAR,
    COLUMNS,
    ESTIMATES,
    GOALS,
    PROJECTS,
    RAW_FILES,
    REQUIRED_COLUMNS,
    RULES,
    SETTINGS_FILE,
    TEAMS,
    normal_header,
    recognise_table,
)
from planner.core.typed_numbers import ungrouped
from planner.core.typed_over import follow_ons, typed_over
from planner.core.workbook import DATA_WORKBOOK_SUFFIXES, reads_as_workbook
from planner.core.writing import problem_to_frames, template_frames, zip_bytes


@dataclass(frozen=True)
class ColumnSpec:
    """One editable column: its kind of cell, bounds, pick list and help.

    ``kind`` is ``text``, ``number`` (a decimal), ``whole`` (a whole
    number), ``bool`` (a check box) or ``choice`` (one of ``options``). A
    ``number`` or ``whole`` cell is edited as the text typed (:func:`editable_frames`);
    the loader reads it and holds it to its bounds.
    """

    name: str
    kind: str = "text"
    required: bool = False
    help: str | None = None
    options: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    default: str | float | bool | None = None
    #: The grid's column width: ``small``, ``medium``, ``large`` or pixels (:func:`fitted`).
    width: str | int | None = None
    #: How a pick list shows each option: an id with its name ("Brand & Comms (brand)").
    labels: Mapping[str, str] | None = None
    #: What a leader calls the column ("Capacity"), and its unit where a figure has one.
    label: str | None = None
    unit: str | None = None

    @property
    def heading(self) -> str:
        """The grid's heading: the leader's name with its unit, "Effort (hours)"; the
        file's column name (``effort_hours``) where none is given."""
        label = self.label or self.name
        return f"{label} ({self.unit})" if self.unit else label


#: Pixels a character of the grid's font takes, at most on average, and a cell's padding
#: with its edit mark; the widest column a laptop's grid gives one text (1280 px: ~820).
CHARACTER_PX, CELL_PADDING_PX, MOST_PX = 7.0, 40, 480


def fitted(texts: Iterable[str], least: int = 200, padding: int = CELL_PADDING_PX) -> int:
    """A column width, in pixels, that shows the longest of ``texts`` whole, up to
    :data:`MOST_PX` (at least ``least``; ``padding``: the cell's, with the edit mark).

    At 1280 x 720 the grids' "medium" column cut "Partner co-marketing with Snowflake, Hu"
    and the goals' "Grow website": a leader could not read which project a row was.
    """
    longest = max((len(t) for t in texts), default=0)
    return max(least, min(MOST_PX, round(longest * CHARACTER_PX + padding)))


def _hours(name: str, *, required: bool = False, help: str | None = None) -> ColumnSpec:
    return ColumnSpec(name, "number", required, help, min_value=0.0)


def _decimal(
    name: str,
    min_value: float,
    *,
    required: bool = False,
    help: str | None = None,
    default: float | None = None,
) -> ColumnSpec:
    """A decimal of at least ``min_value`` (a KPI amount, a target, a weight)."""
    return ColumnSpec(name, "number", required, help, min_value=min_value, default=default)


def _week(name: str, weeks: int, help: str) -> ColumnSpec:
    """A week of the quarter: a whole number from 1 to ``weeks``."""
    return ColumnSpec(name, "whole", help=help, min_value=1, max_value=weeks)


#: Each file's columns in a leader's words: (name, unit), the unit where the name lacks it.
#: A CMO read the files' own column names over the Data page's grids ("capacity_hours",
#: "earliest_week", "value_low"); the file's name is in each heading's help, for a RevOps
#: lead mapping it to the file.
HEADINGS: Mapping[str, Mapping[str, tuple[str, str | None]]] = {
    TEAMS: {
        "team_id": ("Team id", None),
        "name": ("Name", None),
        "department": ("Department", None),
        # The name every page gives these hours (OWN_HOURS_LABEL): "Capacity" is the hours
        # in force, the capacity % and the calendar applied.
        "capacity_hours": (OWN_HOURS_LABEL, None),
        "skills": ("Skills", "name:level"),
        "stages": ("Funnel stages", None),
        "max_projects": ("Most projects", None),
    },
    PROJECTS: {
        "project_id": ("Project id", None),
        "name": ("Name", None),
        "goal_id": ("Goal", None),
        "stage": ("Funnel stage", None),
        "effort_hours": ("Effort", "hours"),
        "value": ("Value", "in the goal's KPI unit"),
        "value_low": ("Lowest likely value", None),
        "value_high": ("Highest likely value", None),
        "required_skills": ("Skills needed", "name:level"),
        "mandatory": ("Mandatory", None),
        "joint": ("Joint", "sales + marketing"),
        "sales_share": ("Sales share", "of the hours, 0-1"),
        "depends_on": ("Depends on", "project ids"),
        "duration_weeks": ("Weeks it runs", None),
        "earliest_week": ("Starts no earlier than week", None),
        "due_week": ("Done by week", None),
    },
    GOALS: {
        "goal_id": ("Goal id", None),
        "name": ("Name", None),
        "kpi": ("KPI", None),
        "target": ("Target", "in the KPI's unit"),
        "owner": ("Owner", None),
        "weight": ("Weight", None),
    },
    ESTIMATES: {
        "project_id": ("Project", None),
        "team_id": ("Team", None),
        "effort_hours": ("Effort", "hours"),
        "value": ("Value", "in the goal's KPI unit"),
    },
    RULES: {
        "project_id": ("Project", None),
        "team_id": ("Team", None),
        "rule": ("Rule", None),
    },
    CALENDAR: {
        "team_id": ("Team", None),
        "week": ("Week", None),
        "capacity_hours": ("Hours that week", None),
    },
}


def column_specs(file: str, problem: Problem) -> dict[str, ColumnSpec]:
    """The editor's columns for one data file; pick lists come from ``problem``'s data,
    headings from :data:`HEADINGS`."""
    words = HEADINGS[file]
    return {
        spec.name: replace(spec, label=words[spec.name][0], unit=words[spec.name][1])
        for spec in _COLUMNS[file](problem)
    }


def _team_columns(problem: Problem) -> tuple[ColumnSpec, ...]:
    return (
        ColumnSpec("team_id", required=True, help="Unique id"),
        ColumnSpec(
            "name",
            help="Display name (default: the id)",
            width=fitted((t.name for t in problem.teams), least=150),
        ),
        ColumnSpec(
            "department",
            "choice",
            required=True,
            options=DEPARTMENTS,
            help="Sales or marketing: the funnel stages it may own (the Constraints page's "
            "Stage policy)",
        ),
        _hours("capacity_hours", required=True, help="Hours for planned projects"),
        ColumnSpec(
            "skills",
            help="Each skill as name:level, levels 1-5, separated by semicolons: seo:4; content:3",
            width="large",
        ),
        ColumnSpec(
            "stages",
            help="The funnel stages it works on, separated by semicolons: awareness; nurturing "
            "(empty = every stage its department may own)",
        ),
        ColumnSpec(
            "max_projects",
            "whole",
            min_value=1,
            help="The most projects it may own in the quarter (empty = no limit)",
        ),
    )


def _project_columns(problem: Problem) -> tuple[ColumnSpec, ...]:
    weeks = problem.num_weeks
    return (
        ColumnSpec(
            "project_id",
            required=True,
            help="Unique id: estimates, rules and Depends on name the project by it",
        ),
        ColumnSpec(
            "name",
            help="Display name (default: the id)",
            width=fitted(p.name for p in problem.projects),
        ),
        _pick("goal_id", ((g.goal_id, g.name) for g in problem.goals), required=False),
        ColumnSpec("stage", "choice", required=True, options=tuple(problem.settings.stages.order)),
        _hours(
            "effort_hours",
            required=True,
            help="Hours of work the whole project takes (a joint project's over both teams)",
        ),
        _decimal("value", 0.0, help="Contribution to the goal's KPI"),
        _decimal(
            "value_low",
            0.0,
            help="Lowest likely contribution (empty = the value; both empty: certain)",
        ),
        _decimal(
            "value_high",
            0.0,
            help="Highest likely contribution (empty = the value; both empty: certain)",
        ),
        ColumnSpec(
            "required_skills",
            help="Each skill as name:level, levels 1-5, separated by semicolons: seo:3; "
            "content:3 (empty = none)",
        ),
        ColumnSpec(
            "mandatory",
            "bool",
            default=False,
            help="Ticked: every plan must assign it; when no plan can, the pages say why",
        ),
        ColumnSpec("joint", "bool", default=False, help="Needs sales and marketing"),
        ColumnSpec(
            "sales_share",
            "number",
            min_value=0.001,
            max_value=0.999,
            help="A joint project's share of its hours on the sales team, between 0 and 1 "
            "(empty = 0.5, half each)",
        ),
        ColumnSpec(
            "depends_on",
            help="The ids of projects it needs in the plan too, separated by semicolons: "
            "AW-01; LG-02 (empty = none)",
        ),
        _week("duration_weeks", weeks, "Whole weeks it runs; empty = its whole window"),
        _week("earliest_week", weeks, "First week it may start (empty = week 1)"),
        _week("due_week", weeks, f"Last week it may run (empty = week {weeks})"),
    )


def _goal_columns(problem: Problem) -> tuple[ColumnSpec, ...]:
    return (
        ColumnSpec(
            "goal_id", required=True, help="Unique id: projects name the goal they serve by it"
        ),
        ColumnSpec(
            "name",
            help="Display name (default: the id)",
            width=fitted(g.name for g in problem.goals),
        ),
        ColumnSpec("kpi", help="The KPI and its unit, e.g. MQLs"),
        _decimal("target", 0.001, required=True, help="The quarter's number for the KPI"),
        # The department that answers for the goal, shown beside it: it does not limit
        # which teams' projects count towards it.
        ColumnSpec(
            "owner",
            "choice",
            options=GOAL_OWNERS,
            default="shared",
            help="The department that answers for it, shown with it on the Overview and in "
            "plan.xlsx; any team's projects still count towards it (empty = shared)",
        ),
        _decimal(
            "weight",
            0.001,
            default=1.0,
            help="How much the goal matters: 2 counts twice as much as 1 (empty = 1)",
        ),
    )


def _estimate_columns(problem: Problem) -> tuple[ColumnSpec, ...]:
    return (
        _pick("project_id", ((p.project_id, p.name) for p in problem.projects), cut=PICK_CHARS),
        # A team's name alone (its id where two share the name), as the rules grid: with the
        # Data page's Row column the grid hid 42 px of its Value column at 1024 x 768.
        _pick("team_id", ((t.team_id, t.name) for t in problem.teams), ids=False),
        _hours("effort_hours", help="This team's hours for it (empty = the project's effort)"),
        _decimal("value", 0.0, help="This team's value for it (empty = the project's value)"),
    )


def _rule_columns(problem: Problem) -> tuple[ColumnSpec, ...]:
    # The pins and forbids have the page's width (three columns): each name whole, an id
    # only where two share a name. "Annual user confere... (AW-02)" and "Brand & Comms
    # (brand)" cut names where there was room and put the file's ids before a CMO.
    return (
        _pick("project_id", ((p.project_id, p.name) for p in problem.projects), ids=False),
        _pick("team_id", ((t.team_id, t.name) for t in problem.teams), ids=False),
        ColumnSpec(
            "rule",
            "choice",
            required=True,
            options=tuple(k.value for k in RuleKind),
            default="pin",
            help="pin: this team must own the project; forbid: this team must not",
        ),
    )


def _calendar_columns(problem: Problem) -> tuple[ColumnSpec, ...]:
    weeks = problem.num_weeks
    return (
        _pick("team_id", ((t.team_id, t.name) for t in problem.teams)),
        ColumnSpec("week", required=True, help=week_entry_words(weeks)),
        _hours(
            "capacity_hours",
            required=True,
            help="The team's hours for planned projects in that week, or in each week of a "
            "range (a holiday: fewer; a hire: more)",
        ),
    )


#: Each data file's columns for the editor, in the file's order (:func:`column_specs`).
_COLUMNS: dict[str, Callable[[Problem], tuple[ColumnSpec, ...]]] = {
    TEAMS: _team_columns,
    PROJECTS: _project_columns,
    GOALS: _goal_columns,
    ESTIMATES: _estimate_columns,
    RULES: _rule_columns,
    CALENDAR: _calendar_columns,
}


def grid_column(file: str, column: str) -> str:
    """How a problem in a cell typed in ``file``'s grid names ``column``: the heading as
    the grid shows it, then the file's column: "Own hours in the quarter (capacity_hours)",
    "Effort (hours), effort_hours in the file"; "Weight" where the heading is the file's
    word; the column alone where the file has no such column."""
    words = HEADINGS.get(file, {}).get(column)
    if words is None:
        return column
    heading = ColumnSpec(column, label=words[0], unit=words[1]).heading
    if words[0].casefold() == column.casefold():
        return heading
    return f"{heading}, {column} in the file" if words[1] else f"{heading} ({column})"


#: A project's label in a pick list, at most: its name cut with "…" where long, its id
#: whole, as the Plan's timeline bars read ("Partner co-marketin… (LG-06)"). At 1280 x 720
#: the Teams' own estimates grid, as wide as the longest whole "name (id)" (62 characters),
#: hid Effort and Value.
PICK_CHARS = 26
#: A pick list column's narrowest width and its cells' padding (no edit mark in a cell).
PICK_LEAST_PX, PICK_PADDING_PX = 120, 20


def _pick(
    name: str,
    named: Iterable[tuple[str, str]],
    *,
    required: bool = True,
    cut: int | None = None,
    ids: bool = True,
) -> ColumnSpec:
    """A pick list of ids, each shown with its name: "P0072" alone means nothing to a
    leader; as wide as the longest "name (id)" (each at most ``cut`` characters: the
    name cut, the id whole). Without ``ids``, each name alone, with its id only where
    another shares the name."""
    labels = _named(named, cut) if ids else _names_told_apart(named)
    return ColumnSpec(
        name,
        "choice",
        required,
        options=tuple(labels),
        labels=labels,
        # A pick list's heading is short ("Project", "Team"): its cells need their own
        # padding only, not the room of a long heading's edit mark. At 1024 x 768 the Teams'
        # own estimates grid hid 32 px of its Value column.
        width=fitted(labels.values(), least=PICK_LEAST_PX, padding=PICK_PADDING_PX),
    )


def _named(pairs: Iterable[tuple[str, str]], cut: int | None = None) -> dict[str, str]:
    """Id -> "name (id)", or the id alone when the name is the id; with ``cut``, a name
    too long for ``cut`` characters with its id is cut with "…" (the id kept whole, so
    two names cut alike are still told apart)."""
    out = {}
    for i, name in pairs:
        tail = f" ({i})"
        room = len(name) if cut is None else max(cut - len(tail), 2)
        shown = name if len(name) <= room else name[: room - 1].rstrip() + "…"
        out[i] = i if name == i else shown + tail
    return out


def _names_told_apart(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Id -> its name, whole; "name (id)" where two share the name, so a pick list still
    tells them apart (and its id alone where the name is empty)."""
    pairs = list(pairs)
    counts = Counter(name.casefold() for _, name in pairs)
    return {
        i: name if name and counts[name.casefold()] == 1 else (f"{name} ({i})" if name else i)
        for i, name in pairs
    }


def _columns_of_kind(kind: str) -> dict[str, tuple[str, ...]]:
    empty = Problem((), ())
    out = {}
    for file in (TEAMS, PROJECTS, GOALS, ESTIMATES, RULES, CALENDAR):
        names = tuple(n for n, s in column_specs(file, empty).items() if s.kind == kind)
        if names:
            out[file] = names
    return out


#: Decimal columns per file (edited as the text typed, read by the loader as a cell is).
NUMBER_COLUMNS: Mapping[str, tuple[str, ...]] = _columns_of_kind("number")
#: Whole-number columns per file (edited as text too).
WHOLE_COLUMNS: Mapping[str, tuple[str, ...]] = _columns_of_kind("whole")
#: Check-box columns per file.
BOOL_COLUMNS: Mapping[str, tuple[str, ...]] = _columns_of_kind("bool")


def editable_frames(problem: Problem) -> dict[str, pd.DataFrame]:
    """The problem's tables for an editor: check boxes as booleans, every other cell,
    figures too, as the text a data file holds ("1000", "61.5", "" for empty).

    A figure is edited as text, not as a number: a grid's number editor keeps only what a
    number may hold, so "1e12" typed became 112 and was applied without a word, and
    "１０００" or "lots" arrived empty. As text, what was typed reaches the loader, whose
    message names its row and column and what to write. :func:`rebuilt` reads these
    back, so an untouched table gives the same problem.

    Figures are grouped by thousands as every other page, the CLI and the exports write
    them ("1,400"; the grids alone wrote "1400"), and :func:`rebuilt` reads that grouping
    back as the figure written, as the Check-in page's grids read a typed "1,000".
    """
    frames = problem_to_frames(problem)
    for file, frame in frames.items():
        frame = frame.copy()
        for column in BOOL_COLUMNS.get(file, ()):
            frame[column] = frame[column].map({"true": True, "false": False}).astype("boolean")
        for column in _figure_columns(file):
            frame[column] = (
                frame[column].map(lambda v: figure_typed(v) if isinstance(v, str) else v)
            ).astype(object)  # text as typed, as the other columns: not pandas' str
        frames[file] = frame
    return frames


def _figure_columns(file: str) -> tuple[str, ...]:
    """``file``'s figures, edited as text (:data:`NUMBER_COLUMNS`, :data:`WHOLE_COLUMNS`)."""
    return (*NUMBER_COLUMNS.get(file, ()), *WHOLE_COLUMNS.get(file, ()))


def _ungrouped_figures(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``frames`` with each figure written with the app's thousands commas ("1,400", as
    :func:`editable_frames` shows it or a leader types it) as the plain decimal a file
    holds; any other cell as typed, for the loader to read or refuse ("1,5", "1'000")."""
    out = {}
    for file, frame in frames.items():
        columns = [c for c in _figure_columns(file) if c in frame.columns]
        if columns:
            frame = frame.copy()
            for column in columns:
                frame[column] = (
                    frame[column].map(lambda v: ungrouped(v.strip()) if isinstance(v, str) else v)
                ).astype(object)
        out[file] = frame
    return out


def templates_zip() -> bytes:
    """A zip of empty data files (headers only) and the default settings, to fill in."""
    files = {file: frame.to_csv(index=False).encode() for file, frame in template_frames().items()}
    return zip_bytes({**files, SETTINGS_FILE: Settings().to_toml().encode()})


def rebuilt(
    problem: Problem,
    frames: Mapping[str, pd.DataFrame],
    *,
    words: MessageWords | None = None,
    grids: bool = True,
) -> tuple[Problem, tuple[InputIssue, ...]]:
    """``problem`` with some data tables replaced, validated; keeps settings and baseline.

    Returns the new problem and the warnings found, their messages in ``words``
    (:class:`~planner.core.cells.MessageWords`; by default the grids' own,
    :data:`~planner.core.cells.GRID_WORDS`, and a file's for ``grids=False``).
    ``grids``: the tables are the editors' (:func:`editable_frames`), whose figures may be
    grouped by thousands ("1,400"); ``False`` for a file's, read as a file is (SPEC: plain
    decimals only).

    Raises
    ------
    planner.core.errors.InvalidInputError
        Listing every problem in the new tables.
    """
    if words is None:
        words = GRID_WORDS if grids else FILE_WORDS
    tables = problem_to_frames(problem)
    tables.update(_ungrouped_figures(frames) if grids else frames)
    # An id typed over with another row's: the row edited named, not what follows from it.
    over = typed_over(editable_frames(problem), frames) if grids else []
    try:
        loaded = build_problem(tables, settings=problem.settings, words=words)
    except InvalidInputError as exc:
        if not over:
            raise
        raise InvalidInputError([o.issue for o in over] + follow_ons(exc.issues, over)) from None
    return loaded.problem.replace(baseline=problem.baseline), loaded.warnings


#: Uploads that hold every table: a zip of a data folder, or a workbook.
WHOLE_DATA_SUFFIXES = (".zip", *DATA_WORKBOOK_SUFFIXES)


def imported(
    problem: Problem, name: str, data: bytes, table: str
) -> tuple[Problem, tuple[InputIssue, ...]]:
    """``problem`` after an upload named ``name``, validated, and the warnings found.

    A ``.zip`` of a data folder or a workbook (``.xlsx``, ``.xlsm``) replaces every table,
    and keeps ``problem``'s settings unless it brings its own (settings.toml, a
    settings sheet); any other file is one CSV, ``table``, in place of that
    table alone (:func:`rebuilt`).

    Raises
    ------
    planner.core.errors.InvalidInputError
        Listing every problem of the upload; ``problem`` stays as it was.
    """
    lower = name.lower()
    if lower.endswith(".zip"):
        tables = read_zip(data, name)
        own = tables.settings_text is not None
        loaded = build_problem(tables, settings=None if own else problem.settings)
    elif reads_as_workbook(lower):
        loaded = load_workbook(data, name, settings=problem.settings, unless_sheet=True)
    elif (plan := a_plan_not_data(name, data, uploaded=True)) is not None:
        raise InvalidInputError([plan])
    else:
        frame = read_csv_text(data, table)
        if (other := _another_table(frame, table)) is not None:
            raise InvalidInputError([other])
        return rebuilt(problem, {table: frame}, grids=False)
    return loaded.problem, loaded.warnings


def _another_table(frame: pd.DataFrame, table: str) -> InputIssue | None:
    """The problem of a CSV imported as ``table`` whose columns are another table's, or None.

    teams.csv imported as the projects table read nine problems (three columns missing,
    six unknown, "Did you mean 'depends_on'?"), none saying whose columns these were.
    """
    columns = {normal_header(c) for c in frame.columns}
    other = recognise_table(frame.columns)
    if other is None or other == table or set(REQUIRED_COLUMNS[table]) <= columns:
        return None
    title = f"{other.removesuffix('.csv').capitalize()} ({other})"
    shown = ", ".join(c for c in COLUMNS[other] if c in columns)
    return InputIssue(
        table,
        1,
        None,
        f"the file was imported as {table}, but its columns are those of {other} ({shown}).",
        f"Choose {title} in 'This file is the table' and import it again, or upload the "
        f"{table} file.",
    )


def without_empty_new_rows(edited: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    """``edited`` without the rows added in its grid and left empty, as a data file's empty
    line is read: a click on the grid's empty last row adds one, and the page said
    "Unapplied edits", and Apply "Edits applied", for no change at all."""
    added = edited[~edited.index.isin(original.index)]
    if added.empty:
        return edited
    empty = [label for label, row in added.iterrows() if not any(cell_text(v).strip() for v in row)]
    return edited.drop(index=empty) if empty else edited


def cells_as_text(edited: pd.DataFrame, file: str) -> pd.DataFrame:
    """``edited`` (a grid's table of ``file``) with every cell but a check box's as the text
    a user sees in it (:func:`~planner.core.table_rows.cell_text`), an empty one as None.

    A grid emptied of its rows keeps a row added there with its cells' own types (a figure,
    not its text): a draft drawn again from it had a column of numbers under a text column,
    which the grid refuses, and the page stopped with an error. A column already all text
    is kept as it is."""
    out = edited
    for column in edited.columns:
        if column in BOOL_COLUMNS.get(file, ()):
            continue
        values = edited[column]
        if values.dtype == object:
            if all(isinstance(v, str) or v is None for v in values):
                continue
        elif pd.api.types.is_string_dtype(values.dtype):
            continue
        if out is edited:
            out = edited.copy()
        # An empty cell (None, NaN, pandas' NA) has no text: None, as the grid gives it.
        texts = [v if isinstance(v, str) else cell_text(v) or None for v in values]
        out[column] = pd.Series(texts, index=values.index, dtype=object)
    return out


def guessed_table(data: bytes, name: str) -> str | None:
    """The table an uploaded CSV is, recognised by its header row, not its name ("Q3 teams
    (final).csv"); when the header says nothing (the file empty, binary or UTF-16, its
    columns no table's), the one table its name names ("goals.csv", "Q3 goals (final).csv");
    else ``None``.

    An empty goals.csv was taken for the teams table, and its import said "teams.csv: the
    file is empty. Put the column names on row 1: team_id,name,..." of the leader's goals.
    """
    try:
        found = recognise_table(read_csv_text(data, name).columns)
    except InvalidInputError:
        found = None
    return found or _table_named(name)


def _table_named(name: str) -> str | None:
    """The one table whose word ("goals", "goal") is a word of the file's ``name``, or None."""
    words = set(re.findall(r"[a-z]+", name.lower().removesuffix(".csv")))
    named = [
        table
        for table in RAW_FILES
        if {table.removesuffix(".csv"), table.removesuffix(".csv").removesuffix("s")} & words
    ]
    return named[0] if len(named) == 1 else None
