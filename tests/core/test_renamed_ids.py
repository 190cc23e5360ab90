"""A team or goal id renamed in its own file only: the references still use the old id.

RevOps renamed the team ``mid-market`` to ``mm-ae`` in teams.csv and left estimates.csv
and calendar.csv on ``mid-market``: each reference read "the team 'mid-market' is not in
teams.csv" and nothing said which team was meant. When exactly one id of the file is
referred to by nothing and the unknown id is the only one referred to, the message asks
"did you rename ...?"; when it could be one of several, it says nothing more.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from planner.core.builder import load_problem
from planner.core.errors import InvalidInputError

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def _copy(tmp_path: Path, **renames: dict[str, str]) -> Path:
    """The sample with, per file, each id written as another (``calendar={"a": "b"}``)."""
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    for stem, pairs in renames.items():
        path = folder / f"{stem}.csv"
        text = path.read_text("utf-8")
        for old, new in pairs.items():
            text = text.replace(f"{old},", f"{new},")
        path.write_text(text, "utf-8")
    return folder


def _issues(folder: Path, column: str) -> list:
    with pytest.raises(InvalidInputError) as caught:
        load_problem(folder)
    return [i for i in caught.value.issues if i.column == column]


def test_a_team_renamed_in_teams_only_is_asked_about_at_every_reference(tmp_path):
    old = {"mm-ae": "mid-market"}
    issues = _issues(_copy(tmp_path, calendar=old, estimates=old), "team_id")
    assert {i.file for i in issues} == {"calendar.csv", "estimates.csv"}
    for issue in issues:
        assert issue.message == (
            "the team 'mid-market' is not in teams.csv: did you rename 'mid-market' to "
            "'mm-ae'? Nothing refers to 'mm-ae'."
        ), issue.message
        assert issue.fix == ("Write 'mm-ae', or rename it back to 'mid-market' in teams.csv.")


def test_a_goal_renamed_in_goals_only_is_asked_about_too(tmp_path):
    issues = _issues(_copy(tmp_path, goals={"mqls": "mql"}), "goal_id")
    assert issues and all("did you rename 'mqls' to 'mql'?" in i.message for i in issues)


def test_no_question_when_the_old_id_could_be_one_of_two(tmp_path):
    """Two teams renamed: two ids unused and two unknown; which is which is a guess."""
    old = {"mm-ae": "mid-market", "sdr": "bdr"}
    issues = _issues(_copy(tmp_path, calendar=old, estimates=old), "team_id")
    assert issues and not any("rename" in i.message for i in issues)
    assert all(i.message.endswith("is not in teams.csv.") for i in issues)


def test_no_question_when_every_team_is_referred_to(tmp_path):
    """A typo in one calendar row, its team still in the other rows: nothing unused, so
    no rename; the typo is asked about as one ("did you mean")."""
    folder = _copy(tmp_path)
    calendar = folder / "calendar.csv"
    lines = calendar.read_text("utf-8").splitlines()
    lines[2] = lines[2].replace("mm-ae,", "mm-aee,")
    calendar.write_text("\n".join(lines) + "\n", "utf-8")
    (issue,) = _issues(folder, "team_id")
    assert issue.message == "the team 'mm-aee' is not in teams.csv: did you mean 'mm-ae'?"


def test_a_project_renamed_in_projects_only_is_asked_about_too(tmp_path):
    """Most projects are referred to by nothing (no estimate, rule or prerequisite), so
    "exactly one id written nowhere" never held for projects: 'AW-02' renamed 'AW-2' in
    projects.csv left rules.csv's pin reading "the project 'AW-02' is not in projects.csv"
    and no more. The one unused id spelled closest to it, closer than any other, is asked
    about."""
    (issue,) = _issues(_copy(tmp_path, projects={"AW-02": "AW-2"}), "project_id")
    assert issue.file == "rules.csv"
    assert issue.message == (
        "the project 'AW-02' is not in projects.csv: did you rename 'AW-02' to 'AW-2'? "
        "Nothing refers to 'AW-2'."
    )
    assert issue.fix == "Write 'AW-2', or rename it back to 'AW-02' in projects.csv."


def test_a_project_renamed_is_asked_about_in_depends_on_too(tmp_path):
    """A prerequisite still written by its old id is asked about as a rule's is."""
    folder = _copy(tmp_path)
    path = folder / "projects.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        if row["project_id"] == "AW-03":
            row["depends_on"] = "AW-07"
        if row["project_id"] == "AW-07":
            row["project_id"] = "AW-7"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (issue,) = _issues(folder, "depends_on")
    assert issue.message == (
        "the project 'AW-07' is not in projects.csv: did you rename 'AW-07' to 'AW-7'? "
        "Nothing refers to 'AW-7'."
    )


def test_no_question_when_two_projects_are_spelled_as_close(tmp_path):
    """'AW-02' renamed 'AW-12': 'AW-01' and 'AW-03', referred to by nothing either, are
    spelled as close to it; which was meant is a guess."""
    (issue,) = _issues(_copy(tmp_path, projects={"AW-02": "AW-12"}), "project_id")
    assert issue.message == "the project 'AW-02' is not in projects.csv."
