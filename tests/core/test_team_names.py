"""Two teams (or projects, goals) with one name read as one on every page.

The load chart, the explain panel's owners and exclusions, and plan.xlsx show teams by
name: renaming team 'mm-ae' to "SDR Team" (another team's name) on the Data page was
applied without a word, and the two teams then read the same everywhere. A name repeated
in its file, as a leader reads it (case, width and surrounding spaces ignored), is refused
as a repeated id is, naming both rows; a scenario saved before the rule still loads, warned.
"""

from __future__ import annotations

import pytest
from builders import cli_said, sample_copy, set_cell, teams_folder

from planner.core.errors import InvalidInputError, Severity
from planner.core.loading import build_problem, load_with_warnings, read_folder


def refused(folder, file: str) -> list:
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)
    return [e for e in caught.value.errors if e.file == file]


@pytest.mark.parametrize(
    ("teams", "row", "column", "said"),
    [
        (["sdr,SDR Team,sales,100", "mm,SDR Team,sales,100"], 3, "name", "'sdr' (row 2)"),
        # Names as a reader sees them: spaces around, a no-break space, decomposed accents.
        (
            ["a,Caf\u00e9 crew,marketing,1", "b, Cafe\u0301\u00a0crew ,marketing,1"],
            3,
            "name",
            "'a' (row 2)",
        ),
        # A team without a name is shown by its id.
        (["sdr,,sales,100", "mm,sdr,sales,100"], 3, "name", "'sdr' (row 2)"),
        (["mm,sdr,sales,100", "sdr,,sales,100"], 3, "team_id", "'mm' (row 2)"),
    ],
)
def test_two_teams_with_one_name_are_refused_naming_both_rows(tmp_path, teams, row, column, said):
    folder = teams_folder(tmp_path, teams)
    (problem,) = refused(folder, "teams.csv")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.row, problem.column) == ("teams.csv", row, column)
    assert f"(row {row})" in problem.message and said in problem.message, problem.message
    assert problem.fix.startswith("Rename one of them")


def test_names_that_differ_in_case_are_refused_as_one_name(tmp_path):
    """'SDR team' and 'SDR Team' read as one team in every sentence (identifiers.id_key)."""
    folder = teams_folder(tmp_path, ["a,SDR team,sales,100", "b,SDR Team,sales,100"])
    (problem,) = refused(folder, "teams.csv")
    assert (problem.row, problem.column, problem.severity) == (3, "name", Severity.ERROR)
    assert "'SDR Team' (row 3) and 'SDR team' (team 'a', row 2) differ only in case" in (
        problem.message
    ), problem.message


def test_team_names_alike_in_case_or_width_are_refused_at_each_later_row(tmp_path):
    """'Content', 'content' and 'Ｃｏｎｔｅｎｔ' (typed in full-width mode)."""
    rows = ["c1,Content,marketing,100", "c2,content,marketing,100"]
    folder = teams_folder(
        tmp_path, [*rows, "c3,\uff23\uff4f\uff4e\uff54\uff45\uff4e\uff54,marketing,1"]
    )
    said = refused(folder, "teams.csv")
    assert [(e.row, e.column) for e in said] == [(3, "name"), (4, "name")]
    assert "differ only in case" in said[0].message
    assert "differ only in the form of their characters" in said[1].message
    assert "'Content' (team 'c1', row 2)" in said[1].message


def test_two_goals_with_one_name_are_refused_naming_both_rows(tmp_path):
    """Two goals called "Pipeline": the hours-by-goal chart counted both goals' hours under
    each of them."""
    folder = teams_folder(tmp_path, ["a,A,marketing,100", "b,B,sales,100"])
    (folder / "goals.csv").write_text("goal_id,name,target\ng1,Pipeline,10\ng2,PIPELINE ,20\n")
    (problem,) = [e for e in refused(folder, "goals.csv") if e.column == "name"]
    assert problem.row == 3
    assert "(row 3) and 'Pipeline' (goal 'g1', row 2) differ only in case" in problem.message


def test_two_projects_with_one_name_are_refused_naming_both_rows(tmp_path):
    folder = teams_folder(tmp_path, ["a,A,marketing,100"])
    (folder / "projects.csv").write_text(
        "project_id,name,stage,effort_hours\n"
        "p1,Webinar,awareness,10\np2,Blog,awareness,10\np3,Webinar ,awareness,10\n"
    )
    (problem,) = refused(folder, "projects.csv")
    assert (problem.row, problem.column) == (4, "name")
    assert "'Webinar' (row 4) is already the name of project 'p1' (row 2)" in problem.message


def test_teams_shown_by_ids_alike_are_warned_once_for_their_ids(tmp_path):
    """Two teams without names, 'sdr' and 'SDR', are shown by their ids: the ids' warning
    says it, and no error for their names."""
    folder = teams_folder(tmp_path, ["sdr,,sales,100", "SDR,,sales,100"])
    said = [w for w in load_with_warnings(folder).warnings if w.file == "teams.csv"]
    assert [(w.row, w.column) for w in said] == [(3, "team_id")], said


def test_a_saved_scenario_with_one_name_twice_still_loads_warned(tmp_path):
    """A scenario saved before the rule is read back (``stored``): warned, not refused."""
    folder = teams_folder(tmp_path, ["sdr,SDR Team,sales,100", "mm,SDR Team,sales,100"])
    loaded = build_problem(read_folder(folder), stored=True)
    assert [t.name for t in loaded.problem.teams] == ["SDR Team", "SDR Team"]
    (problem,) = [w for w in loaded.warnings if w.file == "teams.csv"]
    assert (problem.row, problem.column, problem.severity) == (3, "name", Severity.WARNING)
    assert "team 'sdr' (row 2)" in problem.message


def test_validate_exits_2_naming_both_rows_of_a_repeated_team_name(tmp_path, capsys):
    """SPEC: a repeated name is refused as a repeated id is, so `validate` exits 2."""
    data = sample_copy(tmp_path)
    set_cell(data / "teams.csv", 3, "name", "SDR Team")  # mm-ae, beside sdr's "SDR Team"
    code, err = cli_said(["validate", str(data)], capsys)
    assert code == 2, err
    assert (
        "error: teams.csv, row 3, column name: the name 'SDR Team' (row 3) is already the "
        "name of team 'sdr' (row 2)"
    ) in err, err
    assert "Fix: Rename one of them" in err
