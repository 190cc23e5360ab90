"""planner.core.score_checks: inputs that load but that the objective would quietly ignore."""

from __future__ import annotations

import pandas as pd

from planner.core.loading import build_problem


def test_a_project_with_a_value_but_no_goal_under_a_zero_value_weight_is_a_warning():
    """goals.csv is optional, but with value weighted 0 a goal-less project never counts:
    the leader is told once, with the two fixes, instead of meeting an empty plan."""
    teams = pd.DataFrame({"team_id": ["t"], "department": ["marketing"], "capacity_hours": ["100"]})
    projects = pd.DataFrame(
        {"project_id": ["p1"], "stage": ["awareness"], "effort_hours": ["10"], "value": ["5"]}
    )
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects})
    (warning,) = loaded.warnings
    assert (warning.file, warning.column) == ("projects.csv", "goal_id")
    assert "set value = 1 under [weights]" in warning.fix
    weighted = build_problem(
        {"teams.csv": teams, "projects.csv": projects}, settings_text="[weights]\nvalue = 1\n"
    )
    assert weighted.warnings == ()


def test_weights_that_aim_at_nothing_are_a_warning_of_the_settings():
    """attainment, value and confidence all 0: no project adds to the score, so the plan is
    the mandatory and pinned work; a leader who zeroed them is told which keys to set."""
    teams = pd.DataFrame({"team_id": ["t"], "department": ["marketing"], "capacity_hours": ["9"]})
    projects = pd.DataFrame({"project_id": ["p"], "stage": ["awareness"], "effort_hours": ["1"]})
    tables = {"teams.csv": teams, "projects.csv": projects}
    loaded = build_problem(tables, settings_text="[weights]\nattainment = 0\n")
    (warning,) = loaded.warnings
    assert (warning.file, warning.column) == ("settings.toml", "weights.attainment")
    assert build_problem(tables).warnings == ()
