"""Making a problem in Python: from a data folder, or row by row in code.

Both go through the loader's validator
(:func:`~planner.core.loading.build_problem`), so a problem made in code is
checked exactly like a data folder: every problem reported at once, each
naming what was added, the column, what is wrong and the fix. Warnings
(an unknown column, a stage policy conflict...) are issued as
:class:`~planner.core.errors.InputWarning`.

>>> problem = (
...     ProblemBuilder()
...     .team("content", "marketing", capacity_hours=120)
...     .project("blog", "awareness", effort_hours=80, value=3)
...     .build()
... )
>>> [t.team_id for t in problem.teams]
['content']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

import pandas as pd

from planner.core import loading
from planner.core.domain import Problem
from planner.core.errors import InputIssue, InvalidInputError, warn_about
from planner.core.loading import COLUMNS, ESTIMATES, GOALS, PROJECTS, RULES, TEAMS
from planner.core.settings import Settings
from planner.core.table_rows import cell_text

#: A cell as the builder takes it: text as in a CSV cell, a number, a flag,
#: a list (``stages``, ``depends_on``), a skill mapping, or ``None`` (empty).
Cell = str | int | float | Decimal | bool | Mapping[str, int] | Iterable[str] | None

#: What each data file's rows are called in messages about them.
_KINDS = {TEAMS: "team", PROJECTS: "project", GOALS: "goal", ESTIMATES: "estimate", RULES: "rule"}


def load_problem(folder: str | Path, settings: Settings | str | Path | None = None) -> Problem:
    """Read and validate a data folder (SPEC "The data folder").

    Parameters
    ----------
    folder
        The folder that holds ``teams.csv``, ``projects.csv`` and the optional files,
        or an ``.xlsx`` workbook or ``.zip`` of such a folder.
    settings
        A :class:`~planner.core.settings.Settings` to use instead of the
        folder's ``settings.toml``, or the path of a TOML file whose keys
        change the folder's settings (a what-if file names only what it
        changes; the rest stays as the folder has it).

    Returns
    -------
    Problem
        The validated problem. Warnings (an unknown column, say) are issued through
        :mod:`warnings` as :class:`~planner.core.errors.InputWarning`, one per warning,
        each naming its file, row, column and fix; to get them as data, record them::

            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                problem = load_problem("data/sample")
            notes = [str(w.message) for w in caught if w.category is InputWarning]

    Raises
    ------
    InvalidInputError
        Listing every problem in every file, each with file, row, column and fix.
    """
    if isinstance(settings, Settings):
        loaded = loading.load_with_warnings(folder, settings=settings)
    else:
        loaded = loading.load_with_warnings(folder, settings)
    warn_about(loaded.warnings)
    return loaded.problem


class ProblemBuilder:
    """Make a problem in code, validated exactly as a data folder is.

    Each method adds one row of a data file, takes that file's columns
    (SPEC "The data folder") as arguments, and returns the builder, so calls
    chain. Cells may be given as the CSV would write them (``"seo:4;
    content:3"``) or as Python values (``{"seo": 4, "content": 3}``,
    ``["nurturing", "closing"]``, ``True``, ``Decimal("1.5")``); ``None``
    leaves the cell empty, which takes the default. Columns a later version
    adds to a file are taken as keyword arguments too.

    Nothing is checked until :meth:`build`, which reports every problem at once.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings
        self._rows: dict[str, list[dict[str, Cell]]] = {file: [] for file in _KINDS}

    def team(
        self,
        team_id: str,
        department: str,
        capacity_hours: Cell,
        *,
        name: str | None = None,
        skills: Cell = None,
        stages: Cell = None,
        max_projects: Cell = None,
        **columns: Cell,
    ) -> ProblemBuilder:
        """Add a team: ``department`` is ``sales`` or ``marketing``."""
        return self._add(
            TEAMS,
            team_id=team_id,
            name=name,
            department=department,
            capacity_hours=capacity_hours,
            skills=skills,
            stages=stages,
            max_projects=max_projects,
            **columns,
        )

    def project(
        self,
        project_id: str,
        stage: str,
        effort_hours: Cell,
        *,
        value: Cell = None,
        goal_id: str | None = None,
        name: str | None = None,
        required_skills: Cell = None,
        mandatory: Cell = None,
        joint: Cell = None,
        sales_share: Cell = None,
        depends_on: Cell = None,
        **columns: Cell,
    ) -> ProblemBuilder:
        """Add a project at a funnel stage, with its effort and value."""
        return self._add(
            PROJECTS,
            project_id=project_id,
            name=name,
            goal_id=goal_id,
            stage=stage,
            effort_hours=effort_hours,
            value=value,
            required_skills=required_skills,
            mandatory=mandatory,
            joint=joint,
            sales_share=sales_share,
            depends_on=depends_on,
            **columns,
        )

    def goal(
        self,
        goal_id: str,
        target: Cell,
        *,
        name: str | None = None,
        kpi: str | None = None,
        owner: str | None = None,
        weight: Cell = None,
        **columns: Cell,
    ) -> ProblemBuilder:
        """Add a goal: a KPI target, its owner and weight."""
        return self._add(
            GOALS,
            goal_id=goal_id,
            name=name,
            kpi=kpi,
            target=target,
            owner=owner,
            weight=weight,
            **columns,
        )

    def estimate(
        self,
        project_id: str,
        team_id: str,
        *,
        effort_hours: Cell = None,
        value: Cell = None,
        **columns: Cell,
    ) -> ProblemBuilder:
        """Add a team-specific estimate of a project's effort and/or value."""
        return self._add(
            ESTIMATES,
            project_id=project_id,
            team_id=team_id,
            effort_hours=effort_hours,
            value=value,
            **columns,
        )

    def pin(self, project_id: str, team_id: str) -> ProblemBuilder:
        """This team must own this project."""
        return self._add(RULES, project_id=project_id, team_id=team_id, rule="pin")

    def forbid(self, project_id: str, team_id: str) -> ProblemBuilder:
        """This team must not own this project."""
        return self._add(RULES, project_id=project_id, team_id=team_id, rule="forbid")

    def settings(self, settings: Settings) -> ProblemBuilder:
        """Use these settings (default: :class:`~planner.core.settings.Settings`'s defaults)."""
        self._settings = settings
        return self

    def build(self) -> Problem:
        """The problem, validated as a data folder is.

        Raises
        ------
        InvalidInputError
            Listing every problem, each naming the row as added (``team #2``),
            the column, what is wrong and the fix.
        """
        frames = {
            file: pd.DataFrame(
                [[_cell(row.get(c)) for c in COLUMNS[file]] for row in rows],
                columns=list(COLUMNS[file]),
                dtype=object,
            )
            for file, rows in self._rows.items()
            if rows or file in (TEAMS, PROJECTS)
        }
        try:
            loaded = loading.build_problem(frames, self._settings or Settings())
        except InvalidInputError as exc:
            raise InvalidInputError([self._located(i) for i in exc.issues]) from None
        warn_about([self._located(i) for i in loaded.warnings])
        return loaded.problem

    # -- helpers -----------------------------------------------------------

    def _add(self, file: str, **cells: Cell) -> ProblemBuilder:
        unknown = sorted(set(cells) - set(COLUMNS[file]))
        if unknown:
            raise TypeError(
                f"{_KINDS[file]}() has no column {', '.join(unknown)}; "
                f"{file} has {', '.join(COLUMNS[file])}"
            )
        self._rows[file].append(cells)
        return self

    @staticmethod
    def _located(issue: InputIssue) -> InputIssue:
        """The issue about the n-th row added, not a CSV file's row (header = row 1)."""
        kind = _KINDS.get(issue.file)
        if kind is None:
            return issue
        where = f"{kind} #{issue.row - 1}" if issue.row is not None else f"the {kind}s"
        return InputIssue(where, None, issue.column, issue.message, issue.fix, issue.severity)


def _cell(value: Cell) -> str:
    """A Python value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        # As the data editor writes a number (plain decimals): repr wrote 2.5e-05 and 1e+16,
        # refused as "exponent notation" the caller never typed. NaN stays an error.
        return repr(value) if math.isnan(value) else cell_text(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{name}:{level}" for name, level in value.items())
    return "; ".join(str(item) for item in value)
