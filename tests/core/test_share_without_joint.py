"""A sales_share typed on a project not marked joint is said, not dropped.

`P1,nurturing,10,5,,0.3` (joint left empty) validated and was planned on one team
carrying all 10 h, without a word: a leader meant a shared project and forgot `joint`.
"""

from __future__ import annotations

import pytest

from planner.core.errors import InputIssue, InvalidInputError
from planner.core.loading import load_with_warnings

TEAMS = "team_id,department,capacity_hours\nm1,marketing,100\ns1,sales,100\n"


def _warnings(tmp_path, joint: str, share: str) -> list[tuple[int | None, str | None, str]]:
    (tmp_path / "teams.csv").write_text(TEAMS, encoding="utf-8")
    projects = "project_id,stage,effort_hours,value,joint,sales_share\n"
    projects += f"P1,nurturing,10,5,{joint},{share}\n"
    (tmp_path / "projects.csv").write_text(projects, encoding="utf-8")
    loaded = load_with_warnings(tmp_path)
    mine = [w for w in loaded.warnings if w.column == "sales_share"]  # not "no goal"
    return [(w.row, w.column, w.message + " " + w.fix) for w in mine]


def test_a_share_on_a_project_that_is_not_joint_is_a_warning_with_the_fix(tmp_path):
    ((row, column, text),) = _warnings(tmp_path, "", "0.3")
    assert (row, column) == (2, "sales_share")
    assert "0.3" in text and "not joint" in text and "Set joint to true" in text


@pytest.mark.parametrize(("joint", "share"), [("true", "0.3"), ("", "0.5"), ("false", "")])
def test_a_joint_share_or_the_default_says_nothing(tmp_path, joint, share):
    """The planner's own files write 0.5 on every project: no warning for those."""
    assert _warnings(tmp_path, joint, share) == []


def _refused(tmp_path, share: str) -> InputIssue:
    """The one problem a joint project's sales_share of ``share`` is refused with."""
    (tmp_path / "teams.csv").write_text(TEAMS, encoding="utf-8")
    projects = "project_id,stage,effort_hours,value,joint,sales_share\n"
    projects += f"P1,nurturing,10,5,true,{share}\n"
    (tmp_path / "projects.csv").write_text(projects, encoding="utf-8")
    with pytest.raises(InvalidInputError) as raised:
        load_with_warnings(tmp_path)
    (problem,) = raised.value.errors
    assert (problem.row, problem.column) == (2, "sales_share")
    return problem


@pytest.mark.parametrize(
    ("share", "said", "fix"),
    [
        ("60", "sales_share must be less than 1, not 60", "Write 0.6 for 60 %"),
        ("60%", "'60%' is not a number", "Write 0.6 for 60 %"),
        ("37.5 %", "'37.5 %' is not a number", "Write 0.375 for 37.5 %"),
        ('"0,6"', "'0,6' is not a number", "Write 0.6, with a decimal point"),
    ],
)
def test_a_share_typed_as_a_percentage_is_told_the_share_to_write(tmp_path, share, said, fix):
    """A joint project's sales_share typed 60 (or "60%") read "Check the units; write a
    number such as 0.4": the leader's own 60 % nowhere in the fix. Now the share meant."""
    problem = _refused(tmp_path, share)
    assert said in problem.message and problem.fix.startswith(fix), problem


@pytest.mark.parametrize("share", ["100", "100%", '"1,0"'])
def test_a_whole_share_is_not_told_to_write_a_share_refused_too(tmp_path, share):
    """A joint project's sales_share of 100 (or "100%") was told "Write 1 for 100 %", and 1
    is refused in its turn ("must be less than 1"): a leader went round in a circle. A
    share below 1 is what the fix now asks for."""
    problem = _refused(tmp_path, share)
    assert "Write 1 " not in problem.fix and "Write 1," not in problem.fix, problem.fix
    assert "0.4" in problem.fix, problem.fix
