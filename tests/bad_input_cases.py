"""The tiny valid data folder the bad-input tests break one thing of
(tests/core/test_bad_files.py, test_bad_cells.py, test_bad_ids.py, test_bad_input.py), the
cases they are written as, and the folder each case is written to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.loading import load_with_warnings

BASE: dict[str, list[str]] = {
    "teams.csv": [
        "team_id,name,department,capacity_hours,skills,stages,max_projects",
        "T1,Brand,marketing,400,seo:4; content:3,,",
        "T2,Closers,sales,300,negotiation:3,,2",
    ],
    "projects.csv": [
        "project_id,name,goal_id,stage,effort_hours,value,required_skills,mandatory,joint,"
        "sales_share,depends_on",
        "P1,Blog relaunch,G1,awareness,120,50,seo:3,true,false,,",
        "P2,Webinar series,G1,nurturing,80.5,30,,no,yes,0.4,P1",
        "P3,Close deals,G2,closing,100,200000,negotiation:2,,,,P2",
    ],
    "goals.csv": [
        "goal_id,name,kpi,target,owner,weight",
        "G1,More MQLs,MQLs,500,marketing,2",
        "G2,Pipeline,pipeline $,1000000,,",
    ],
    "estimates.csv": ["project_id,team_id,effort_hours,value", "P1,T1,100,"],
    "rules.csv": ["project_id,team_id,rule", "P3,T2,pin"],
}

Content = str | bytes | None  # None deletes the file


@dataclass(frozen=True)
class Case:
    """One broken folder and where its problem must be reported."""

    name: str
    files: dict[str, Content]
    file: str
    row: int | None
    column: str | None
    phrase: str


@dataclass(frozen=True)
class Tolerated:
    """An input that looks odd but is valid, and what it must load as."""

    name: str
    files: dict[str, Content]
    check: object = field(repr=False)  # Callable[[Problem], bool]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def row(file: str, number: int, line: str) -> dict[str, Content]:
    """The base file with spreadsheet row ``number`` replaced by ``line``."""
    lines = list(BASE[file])
    lines[number - 1] = line
    return {file: text(lines)}


def add(file: str, *lines: str) -> dict[str, Content]:
    """The base file with ``lines`` appended."""
    return {file: text([*BASE[file], *lines])}


def whole(file: str, content: Content) -> dict[str, Content]:
    return {file: content}


TEAM_HEADER = BASE["teams.csv"][0]
RANGE_HEADER = (
    "project_id,name,goal_id,stage,effort_hours,value,value_low,value_high,required_skills,"
    "mandatory,joint,sales_share,depends_on"
)
PROJECT_ROW = "P1,Blog relaunch,G1,awareness,{effort},50,seo:3,true,false,,"


def make_folder(root: Path, changes: dict[str, Content]) -> Path:
    folder = root / "data"
    folder.mkdir()
    files: dict[str, Content] = {name: text(lines) for name, lines in BASE.items()}
    files.update(changes)
    for name, content in files.items():
        if content is not None:
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
    return folder


def located(issues: tuple[InputIssue, ...]) -> list[tuple[str, int | None, str | None]]:
    return [(i.file, i.row, i.column) for i in issues]


def assert_reported_at_its_cell(root: Path, case: Case) -> None:
    """A leader fixes a file by going to a cell: ``case``'s folder is refused with an error
    at its file, row and column, saying its phrase and how to fix it."""
    folder = make_folder(root, case.files)

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    where = (case.file, case.row, case.column)
    matching = [i for i in caught.value.errors if (i.file, i.row, i.column) == where]
    assert matching, f"no error at {where}; got {located(caught.value.errors)}"
    assert any(case.phrase in f"{i.message} {i.fix}" for i in matching), [str(i) for i in matching]
    assert all(i.fix for i in matching), "every error says how to fix it"
