"""An id typed over with another row's id in the Data page's grids (attack round 30).

AW-01's id changed to AW-02 read "row 3: the project_id 'AW-02' is already the id of row
2", naming the row nobody touched; the goal 'visitors' changed to 'mqls' read eight
"the goal 'visitors' is not in goals.csv. Fix: Add goal 'visitors'" before the one that
said why, and a prerequisite so changed "the project 'NU-01' is not in projects.csv. Fix:
Add project 'NU-01'": the id was never meant to go. The edited row is named, with the
row whose id it took, and what follows from the lost id is not said beside it.
"""

from __future__ import annotations

import pytest
from builders import SAMPLE

from planner.core.editing import editable_frames, rebuilt
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings


@pytest.fixture(scope="module")
def sample():
    return load_with_warnings(SAMPLE).problem


def _refused(problem, file: str, column: str, old: str, new: str) -> list[str]:
    frame = editable_frames(problem)[file].copy()
    frame.loc[frame[column] == old, column] = new
    with pytest.raises(InvalidInputError) as caught:
        rebuilt(problem, {file: frame})
    return [str(i) for i in caught.value.errors]


def test_a_project_id_typed_over_with_the_next_row_s_names_the_row_edited(sample):
    said = _refused(sample, "projects.csv", "project_id", "AW-01", "AW-02")
    assert said == [
        "projects.csv, row 2, column project_id: the project_id was changed from 'AW-01' to "
        "'AW-02', the id of row 3 ('Annual user conference \"Elevate\", keynote & expo "
        "booth'): two projects cannot share an id. Fix: Type 'AW-01' back, or give the "
        "project an id no other project has."
    ], said


def test_a_goal_id_typed_over_is_said_once_not_as_its_projects_missing_goal(sample):
    said = _refused(sample, "goals.csv", "goal_id", "visitors", "mqls")
    assert len(said) == 1 and said[0].startswith(
        "goals.csv, row 2, column goal_id: the goal_id was changed from 'visitors' to 'mqls', "
        "the id of row 3"
    ), said


def test_a_prerequisite_typed_over_is_said_once(sample):
    said = _refused(sample, "projects.csv", "project_id", "NU-01", "AW-01")
    assert len(said) == 1 and "changed from 'NU-01' to 'AW-01', the id of row 2" in said[0], said


def test_two_ids_swapped_are_applied(sample):
    frame = editable_frames(sample)["teams.csv"].copy()
    frame.loc[0, "team_id"], frame.loc[1, "team_id"] = frame.loc[1, "team_id"], "sdr"
    problem, _ = rebuilt(sample, {"teams.csv": frame})
    assert {t.team_id for t in problem.teams} == {t.team_id for t in sample.teams}


def test_an_id_cleared_in_its_cell_is_said_at_its_row_only(sample):
    """sdr's id deleted from its cell read "team_id is empty. Fix: Write the team's id" on
    four rows of estimates, rules and calendar nobody touched: the empty id was taken for
    sdr's new name (its name was kept), and every row naming sdr followed it."""
    from planner.core.edit_followups import follow_team_edits

    frame = editable_frames(sample)["teams.csv"].copy()
    frame.loc[frame["team_id"] == "sdr", "team_id"] = None
    follow = follow_team_edits(sample, {"teams.csv": frame})
    with pytest.raises(InvalidInputError) as caught:
        rebuilt(sample, follow.frames)
    said = [(i.file, i.row, i.column, i.message) for i in caught.value.errors]
    assert said == [("teams.csv", 2, "team_id", "team_id is empty.")], said
