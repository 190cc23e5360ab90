"""estimates.csv and rules.csv as the loader checks them (planner/core/decision_inputs.py)."""

from __future__ import annotations

from planner.core.loading import load_with_warnings


def test_a_team_value_for_a_project_valued_0_with_a_range_is_warned_about(tmp_path):
    """A project of value 0 with a range of impact 0-10 and a team's value of 5 in
    estimates.csv: the plan read "plans 10 of 10 visitors: certain to reach it (none of
    the projects planned for it has a range of impact)" without a word, the range
    dropped: a team's value scales the range by its ratio to the project's, and there
    is none to 0. The estimate's row now says so, with the fix."""
    (tmp_path / "teams.csv").write_text("team_id,department,capacity_hours\nbrand,marketing,10\n")
    (tmp_path / "goals.csv").write_text("goal_id,target\ng,10\n")
    (tmp_path / "projects.csv").write_text(
        "project_id,goal_id,stage,effort_hours,value,value_low,value_high\n"
        "P1,g,awareness,1,0,0,10\nP2,g,awareness,1,4,2,8\n"
    )
    (tmp_path / "estimates.csv").write_text(
        "project_id,team_id,effort_hours,value\nP1,brand,,5\nP2,brand,,6\n"
    )
    warnings = load_with_warnings(tmp_path).warnings
    said = [w for w in warnings if w.file == "estimates.csv"]
    assert [(w.row, w.column) for w in said] == [(2, "value")], warnings
    assert "range of impact (0 to 10) around a value of 0" in said[0].message
    assert "count it as certain" in said[0].message
    assert "most likely value in projects.csv" in said[0].fix
