"""Two teams with one name read as one team on every page.

The load chart, the explain panel's owners and exclusions, and plan.xlsx show
teams by name: two sales teams both called "SDR Team" were drawn on one row of
the load chart, and the explain panel kept only one of their reasons. Names need not be
unique by SPEC (and a scenario saved with two such teams must load), so it is a warning at
the second row.
"""

from __future__ import annotations

import pytest
from builders import teams_folder

from planner.core.errors import Severity
from planner.core.loading import load_with_warnings


@pytest.mark.parametrize(
    ("teams", "row", "column", "said"),
    [
        (["sdr,SDR Team,sales,100", "mm,SDR Team,sales,100"], 3, "name", "'sdr' (row 2)"),
        # Names as a reader sees them: spaces around, a no-break space, decomposed accents.
        (
            ["a,Caf\u00e9 crew,marketing,1", "b, Cafe\u0301\u00a0crew ,marketing,1"],
            3,
            "name",
            "row 2",
        ),
        # A team without a name is shown by its id.
        (["sdr,,sales,100", "mm,sdr,sales,100"], 3, "name", "'sdr' (row 2)"),
        (["mm,sdr,sales,100", "sdr,,sales,100"], 3, "team_id", "'mm' (row 2)"),
    ],
)
def test_two_teams_with_one_name_are_warned_at_the_second(tmp_path, teams, row, column, said):
    folder = teams_folder(tmp_path, teams)
    (problem,) = [w for w in load_with_warnings(folder).warnings if w.file == "teams.csv"]
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.row, problem.column) == ("teams.csv", row, column)
    assert said in problem.message
    assert "its own name" in problem.fix


def test_names_that_differ_in_case_are_two_teams_and_warned(tmp_path):
    """'SDR team' and 'SDR Team' are two teams as written, but every sentence names a team
    by its name, so they read as one: warned as ids alike in case are (text.id_key)."""
    folder = teams_folder(tmp_path, ["a,SDR team,sales,100", "b,SDR Team,sales,100"])
    loaded = load_with_warnings(folder)
    assert [t.name for t in loaded.problem.teams] == ["SDR team", "SDR Team"]
    (problem,) = [w for w in loaded.warnings if w.file == "teams.csv"]
    assert (problem.row, problem.column, problem.severity) == (3, "name", Severity.WARNING)
    assert "'SDR Team' (row 3) and 'SDR team' (team 'a', row 2) differ only in case" in (
        problem.message
    ), problem.message
    assert "names that differ by more than case" in problem.fix


def test_team_names_alike_in_case_or_width_are_warned_at_each_later_row(tmp_path):
    """'Content', 'content' and 'Ｃｏｎｔｅｎｔ' (typed in full-width mode): no word said."""
    rows = ["c1,Content,marketing,100", "c2,content,marketing,100"]
    folder = teams_folder(
        tmp_path, [*rows, "c3,\uff23\uff4f\uff4e\uff54\uff45\uff4e\uff54,marketing,1"]
    )
    said = [w for w in load_with_warnings(folder).warnings if w.file == "teams.csv"]
    assert [(w.row, w.column) for w in said] == [(3, "name"), (4, "name")]
    assert "differ only in case" in said[0].message
    assert "differ only in the form of their characters" in said[1].message
    assert "'Content' (team 'c1', row 2)" in said[1].message


def test_goal_names_alike_in_case_are_warned(tmp_path):
    folder = teams_folder(tmp_path, ["a,A,marketing,100", "b,B,sales,100"])
    (folder / "goals.csv").write_text("goal_id,name,target\ng1,Pipeline,10\ng2,PIPELINE,20\n")
    (problem,) = [
        w
        for w in load_with_warnings(folder).warnings
        if w.file == "goals.csv" and w.column == "name"
    ]
    assert problem.row == 3 and "differ only in case" in problem.message


def test_two_goals_with_one_name_are_warned_at_the_second(tmp_path):
    """Two goals called "Pipeline": the hours-by-goal chart counted both goals' hours under
    each of them."""
    folder = teams_folder(tmp_path, ["a,A,marketing,100", "b,B,sales,100"])
    (folder / "goals.csv").write_text("goal_id,name,target\ng1,Pipeline,10\ng2,Pipeline ,20\n")
    warnings = load_with_warnings(folder).warnings  # (and two goals no project serves)
    (problem,) = [w for w in warnings if w.file == "goals.csv" and w.column == "name"]
    assert (problem.file, problem.row, problem.column) == ("goals.csv", 3, "name")
    assert "goal 'g1' (row 2)" in problem.message


def test_teams_shown_by_ids_alike_are_warned_once_for_their_ids(tmp_path):
    """Two teams without names, 'sdr' and 'SDR', are shown by their ids: the ids' warning
    says it, and no second one for their names."""
    folder = teams_folder(tmp_path, ["sdr,,sales,100", "SDR,,sales,100"])
    said = [w for w in load_with_warnings(folder).warnings if w.file == "teams.csv"]
    assert [(w.row, w.column) for w in said] == [(3, "team_id")], said
