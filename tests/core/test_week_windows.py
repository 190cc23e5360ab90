"""A project's weeks against its window (rule 11) and after its prerequisites (rule 12), as
the loader and the domain read them.

Every combination of ``duration_weeks``, ``earliest_week`` and ``due_week`` around the edges
of a 6-week quarter: what the loader says of each row (file, row, column, words, fix) and
whether the domain objects built directly accept it or say why not. Recorded in
``week_windows_recorded.json`` so that writing the window rule once changes nothing a
leader reads; ``python tests/core/test_week_windows.py`` writes it again after a
deliberate change (read its diff before committing it).
"""

from __future__ import annotations

import itertools
import json
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd

from planner.core.domain import Problem, Project, Team
from planner.core.errors import InvalidInputError
from planner.core.loading import build_problem
from planner.core.settings import CalendarSettings, Settings

RECORDED = Path(__file__).with_name("week_windows_recorded.json")
WEEKS = 6
#: Around every edge: empty, the first week, the middle, the last week, past the end.
EDGES = (None, 1, 3, 6, 7)
CASES = list(itertools.product(EDGES, EDGES, EDGES))  # duration, earliest, due


def cell(week: int | None) -> str:
    return "" if week is None else str(week)


def loader_words() -> list[str]:
    """Every problem the loader finds in one projects.csv holding each case as a row."""
    teams = pd.DataFrame(
        [["T1", "marketing", "600"]], columns=["team_id", "department", "capacity_hours"]
    )
    projects = pd.DataFrame(
        [
            [f"P{i}", "awareness", "10", cell(d), cell(e), cell(u)]
            for i, (d, e, u) in enumerate(CASES)
        ],
        columns=[
            "project_id",
            "stage",
            "effort_hours",
            "duration_weeks",
            "earliest_week",
            "due_week",
        ],
    )
    settings = Settings(calendar=CalendarSettings(weeks=WEEKS))
    try:
        build_problem({"teams.csv": teams, "projects.csv": projects}, settings)
    except InvalidInputError as error:
        return [str(issue) for issue in error.issues]
    return []


def domain_words() -> dict[str, str]:
    """Each case built as a Project in a Problem directly: 'ok', or the ValueError's words."""
    team = Team("T1", "T1", "marketing", Decimal(600))
    settings = Settings(calendar=CalendarSettings(weeks=WEEKS))
    said = {}
    for duration, earliest, due in CASES:
        try:
            project = Project(
                "P",
                "P",
                "awareness",
                Decimal(10),
                duration_weeks=duration,
                earliest_week=earliest,
                due_week=due,
            )
            Problem((team,), (project,), settings=settings)
            words = "ok"
        except ValueError as error:
            words = str(error)
        said[f"duration {duration}, earliest {earliest}, due {due}"] = words
    return said


def sequence_warnings() -> list[str]:
    """The loader's warnings on chains that end past their due week (rule 12): a chain of
    30 one-week projects in a 6-week quarter (its first starts in week 2; one in the middle
    has no duration and so breaks the chain; one is due early), more than it names one by
    one, and a project whose prerequisite comes later in the file."""
    teams = pd.DataFrame(
        [["T1", "marketing", "600"]], columns=["team_id", "department", "capacity_hours"]
    )
    rows = []
    for i in range(30):
        duration = "" if i == 8 else "1"
        earliest = "2" if i == 0 else ""
        due = "5" if i == 3 else ""
        after = f"P{i - 1}" if i else ""
        rows.append([f"P{i}", "awareness", "10", duration, earliest, due, after])
    rows.append(["Q", "awareness", "10", "3", "", "4", "R"])
    rows.append(["R", "awareness", "10", "2", "2", "", ""])
    columns = ["project_id", "stage", "effort_hours", "duration_weeks", "earliest_week"]
    projects = pd.DataFrame(rows, columns=[*columns, "due_week", "depends_on"])
    settings = Settings(calendar=CalendarSettings(weeks=WEEKS))
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects}, settings)
    return [
        str(issue) for issue in loaded.warnings if issue.column in ("due_week", "duration_weeks")
    ]


def record() -> dict[str, object]:
    return {"loader": loader_words(), "domain": domain_words(), "sequences": sequence_warnings()}


def test_windows_read_as_recorded():
    """The loader's words and the domain's verdict on each window, as recorded: the window
    rule is one rule however many places read it."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert record() == recorded


def test_the_record_holds_each_kind_of_window_problem():
    """The record is worth holding: it has runs longer than their window, windows that run
    backwards and weeks past the quarter, from both the loader and the domain."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    loader = "\n".join(recorded["loader"])
    assert "weeks do not fit between week" in loader
    assert "before it may start" in loader
    assert "The quarter has 6 weeks" in loader
    domain = set(recorded["domain"].values())
    assert {"ok"} < domain
    assert any("longer than its window" in words for words in domain)
    assert any("after due_week" in words for words in domain)
    assert any("is after week 6" in words for words in domain)
    sequences = "\n".join(recorded["sequences"])
    assert "can end in week" in sequences and "more projects (rows" in sequences


if __name__ == "__main__":
    RECORDED.write_text(json.dumps(record(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    sys.exit(0)


def test_a_mandatory_project_its_prerequisites_make_late_says_no_plan_can_be_made():
    """`planner validate` read "valid" with a warning that the project "cannot be planned",
    and `solve` then answered "No plan meets every rule": for a mandatory project the warning
    is the whole quarter's, and says so. An optional one keeps its words."""
    teams = pd.DataFrame(
        [["T1", "marketing", "600"]], columns=["team_id", "department", "capacity_hours"]
    )
    rows = [
        ["A", "awareness", "10", "4", "3", "", "", ""],
        ["B", "awareness", "10", "3", "", "5", "A", "true"],
        ["C", "awareness", "10", "3", "", "5", "A", ""],
    ]
    columns = ["project_id", "stage", "effort_hours", "duration_weeks", "earliest_week"]
    projects = pd.DataFrame(rows, columns=[*columns, "due_week", "depends_on", "mandatory"])
    settings = Settings(calendar=CalendarSettings(weeks=WEEKS))
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects}, settings)
    said = {w.row: w.message for w in loaded.warnings if w.column == "due_week"}
    assert set(said) == {3, 4}
    assert "it is mandatory, so no plan can be made until this is fixed" in said[3]
    assert "mandatory" not in said[4]


def test_a_week_written_with_zeros_or_a_sign_reads_as_its_number():
    """A week as a spreadsheet may write it ('02', '2.0', '2.000', '2.', '+2') reads as its
    number, as '2' does, with nothing said, in each week column: the plainest are read
    without the words for a bad cell being made, the rest as every number cell is, and the
    two agree."""
    teams = pd.DataFrame(
        [["T1", "marketing", "600"]], columns=["team_id", "department", "capacity_hours"]
    )
    written = [
        (two, two.replace("2", "3"), two.replace("2", "5"))
        for two in ("2", "02", "2.0", "2.000", "2.", "+2")
    ]
    rows = [[f"P{i}", "awareness", "10", *weeks] for i, weeks in enumerate(written)]
    columns = ["project_id", "stage", "effort_hours", "duration_weeks", "earliest_week"]
    projects = pd.DataFrame(rows, columns=[*columns, "due_week"])
    settings = Settings(calendar=CalendarSettings(weeks=WEEKS))
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects}, settings)
    read = {(p.duration_weeks, p.earliest_week, p.due_week) for p in loaded.problem.projects}
    assert read == {(2, 3, 5)}
    assert len(loaded.problem.projects) == len(written)
    assert list(loaded.warnings) == []
