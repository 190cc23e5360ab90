"""Writing a problem back as the data folder's CSV files (a folder, a zip,
frames for the app's editors), so that loading it again gives an equal problem.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

import pandas as pd

from planner.core.domain import (
    Problem,
)
from planner.core.output import write_files_atomic
from planner.core.tables import (
    CALENDAR,
    COLUMNS,
    ESTIMATES,
    GOALS,
    PROJECTS,
    RAW_FILES,
    RULES,
    SETTINGS_FILE,
    TEAMS,
)


def template_frames() -> dict[str, pd.DataFrame]:
    """One empty frame per data file, with the file's columns in SPEC order."""
    return {file: text_frame([], COLUMNS[file]) for file in RAW_FILES}


def problem_to_frames(problem: Problem) -> dict[str, pd.DataFrame]:
    """The problem's canonical data tables: one frame of text cells per file.

    Numbers are plain decimals without trailing zeros, skills
    ``name:level; ...``, booleans ``true``/``false`` and lists ``;``-separated,
    so that ``build_problem(problem_to_frames(p), p.settings).problem == p``.
    The baseline plan is not part of the data folder.
    """
    teams = [
        [
            t.team_id,
            t.name,
            t.department,
            plain(t.capacity_hours),
            _skills_text(t.skills, problem.skill_names),
            "; ".join(t.stages),
            "" if t.max_projects is None else str(t.max_projects),
        ]
        for t in problem.teams
    ]
    projects = [
        [
            p.project_id,
            p.name,
            p.goal_id or "",
            p.stage,
            plain(p.effort_hours),
            plain(p.value),
            "" if p.value_low is None else plain(p.value_low),
            "" if p.value_high is None else plain(p.value_high),
            _skills_text(p.required_skills, problem.skill_names),
            bool_text(p.mandatory),
            bool_text(p.joint),
            plain(p.sales_share),
            "; ".join(p.depends_on),
            _week_text(p.duration_weeks),
            _week_text(p.earliest_week),
            _week_text(p.due_week),
        ]
        for p in problem.projects
    ]
    goals = [
        [g.goal_id, g.name, g.kpi, plain(g.target), g.owner, plain(g.weight)] for g in problem.goals
    ]
    estimates = [
        [
            e.project_id,
            e.team_id,
            "" if e.effort_hours is None else plain(e.effort_hours),
            "" if e.value is None else plain(e.value),
        ]
        for e in problem.estimates
    ]
    rules = [[r.project_id, r.team_id, r.rule.value] for r in problem.rules]
    calendar = [
        [
            c.team_id,
            week_cell(c.first_week, c.last_week),
            plain(c.capacity_hours),
        ]
        for c in problem.calendar
    ]
    rows = {
        TEAMS: teams,
        PROJECTS: projects,
        GOALS: goals,
        ESTIMATES: estimates,
        RULES: rules,
        CALENDAR: calendar,
    }
    return {file: text_frame(rows[file], COLUMNS[file]) for file in RAW_FILES}


def _week_text(week: int | None) -> str:
    return "" if week is None else str(week)


def write_folder(problem: Problem, folder: str | Path, *, replace: bool = True) -> None:
    """Write the problem as a data folder: the six CSV files and settings.toml.

    All or nothing (:func:`write_files_atomic`): each file goes to a temporary
    name, and only when all seven are on disk are they renamed into place, so a
    full disk or a crash never leaves part of a folder (one that a second try
    then refused as already holding data files), with the permissions a new file
    gets (a replaced file keeps its own). Without ``replace``, no file already
    there (or put there meanwhile) is replaced.
    """
    write_files_atomic(folder, _folder_files(problem), "OUT_DIR", replace=replace)


def folder_zip(problem: Problem) -> bytes:
    """The problem's data folder as zip bytes (files at the root, fixed timestamps)."""
    return zip_bytes(_folder_files(problem))


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """``files`` (name -> bytes) as a zip at its root, each with the same fixed timestamp:
    the same files make the same bytes (a plan.xlsx inside carries its own save time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _folder_files(problem: Problem) -> dict[str, bytes]:
    files = {name: _csv_bytes(frame) for name, frame in problem_to_frames(problem).items()}
    files[SETTINGS_FILE] = problem.settings.to_toml().encode("utf-8")
    return files


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    # CRLF as the line end makes the writer quote any cell holding \r or \n.
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False, name=None))
    return text.getvalue().encode("utf-8")


def text_frame(rows: list[list[str]], columns: Iterable[str]) -> pd.DataFrame:
    """A table of text cells as a frame of Python strings (``object``), as a file is read."""
    return pd.DataFrame(rows, columns=list(columns), dtype=object)


def week_cell(first: int, last: int) -> str:
    """calendar.csv's week cell for weeks ``first`` to ``last``: ``7``, or ``9-13``."""
    return str(first) if first == last else f"{first}-{last}"


def plain(number: Decimal) -> str:
    """A decimal as plain text: no exponent, no trailing zeros (``1200``, ``0.5``)."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _skills_text(skills: Mapping[str, int], names: Mapping[str, str]) -> str:
    """``name:level; ...``, each skill as the data spelled it (``names``)."""
    return "; ".join(f"{names.get(name, name)}:{level}" for name, level in skills.items())


def bool_text(flag: bool) -> str:
    """A flag as a data file writes it: ``true`` or ``false``."""
    return "true" if flag else "false"
