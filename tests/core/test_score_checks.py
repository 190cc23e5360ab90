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
    # In a leader's words: "count as priority points" named the planner's unit.
    assert "points" not in f"{warning.message} {warning.fix}"
    assert "value counts toward the plan even without a goal" in warning.fix
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


def test_weights_that_aim_at_nothing_name_the_settings_file_given(tmp_path):
    """`solve --settings what-if.toml` with every aim at 0 was warned of "settings.toml, key
    weights.attainment", a file the leader had not touched: it names the file given."""
    from pathlib import Path

    from planner.core.loading import load_with_warnings

    what_if = tmp_path / "what-if.toml"
    what_if.write_text("[weights]\nattainment = 0\n", encoding="utf-8")
    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    loaded = load_with_warnings(sample, what_if)
    (warning,) = [w for w in loaded.warnings if w.column == "weights.attainment"]
    assert warning.file == "what-if.toml"


def _goal_tables(target: str, values: list[str]) -> dict[str, pd.DataFrame]:
    teams = pd.DataFrame({"team_id": ["t"], "department": ["marketing"], "capacity_hours": ["99"]})
    goals = pd.DataFrame({"goal_id": ["visitors"], "kpi": ["website visitors"], "target": [target]})
    projects = pd.DataFrame(
        {
            "project_id": [f"p{i}" for i in range(len(values))],
            "goal_id": ["visitors"] * len(values),
            "stage": ["awareness"] * len(values),
            "effort_hours": ["10"] * len(values),
            "value": values,
        }
    )
    return {"teams.csv": teams, "goals.csv": goals, "projects.csv": projects}


def test_a_target_every_project_passes_a_hundred_times_over_is_a_warning_to_check_units():
    """A website-visitors target typed as 100 (meaning thousands) beside projects of 8,000 and
    22,000 visitors loaded without a word, and every page then read "24,000 of 100 website
    visitors (24,000.0 %)": the goal was met by any one project and weighed nothing in the
    plan. The leader is told at load time, with the goal, the figures and the fix."""
    loaded = build_problem(_goal_tables("100", ["22000", "8000", "0"]))
    (warning,) = loaded.warnings
    assert (warning.file, warning.row, warning.column) == ("goals.csv", 2, "target")
    assert "target of 100 website visitors" in warning.message
    assert "each of its 2 projects with a value brings at least 8,000" in warning.message
    assert "80 times the target" in warning.message
    assert "same unit" in warning.fix


def test_a_target_within_reach_of_its_projects_scale_says_nothing():
    """A stretch goal a project brings a good share of, or even twice over, is no mistake."""
    assert build_problem(_goal_tables("100000", ["22000", "8000"])).warnings == ()
    assert build_problem(_goal_tables("4000", ["22000", "8000"])).warnings == ()


def test_one_project_worth_fifty_targets_is_a_warning_on_its_value():
    """One project's value typed with extra zeros (999,999,999,999 visitors beside a target of
    100,000) read "1,000,000,024.0 %" on every page without a word at load time. Its row is
    named, and only it: the goal's other projects are in scale."""
    loaded = build_problem(_goal_tables("100000", ["22000", "8000", "999999999999"]))
    (warning,) = loaded.warnings
    assert (warning.file, warning.row, warning.column) == ("projects.csv", 4, "value")
    assert "project 'p2' alone brings 999,999,999,999 website visitors" in warning.message
    assert "9,999,999 times the target of its goal 'visitors'" in warning.message
    assert "extra digits" in warning.fix


def test_a_goal_no_project_serves_is_a_warning_on_its_row_naming_the_fix(tmp_path):
    """goals.csv ahead of projects.csv (a goal added, its projects not yet) loaded without a
    word; every page then read "0 of 10 deals (0.0 %) ... nothing in the plan adds to it"
    and the weighted attainment fell (85.6 % to 80.7 % on the sample). The goal's row is
    warned of at load, naming the goal and the fix; a goal with a project is not."""
    from pathlib import Path

    from planner.core.loading import load_with_warnings

    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    assert not [w for w in load_with_warnings(sample).warnings if w.file == "goals.csv"]
    folder = tmp_path / "q3"
    folder.mkdir()
    for path in sample.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    goals = folder / "goals.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8") + "partner_deals,Partner deals,deals,10,sales,1\n",
        encoding="utf-8",
    )
    row = len(goals.read_text(encoding="utf-8").splitlines())
    (warning,) = [w for w in load_with_warnings(folder).warnings if w.file == "goals.csv"]
    assert (warning.row, warning.column) == (row, "goal_id")
    assert "goal 'partner_deals' (Partner deals) has no project" in warning.message
    assert "0 of 10 deals however the plan goes" in warning.message
    assert "goal_id column of projects.csv" in warning.fix
    assert "delete this row" in warning.fix


def test_goals_no_project_serves_are_warned_of_ten_by_row_then_in_one_line():
    """Fifty goals and one project: ten rows named, then one line for the rest, not fifty."""
    teams = pd.DataFrame({"team_id": ["t"], "department": ["marketing"], "capacity_hours": ["9"]})
    projects = pd.DataFrame(
        {
            "project_id": ["p"],
            "goal_id": ["g0"],
            "stage": ["awareness"],
            "effort_hours": ["1"],
            "value": ["1"],
        }
    )
    goals = pd.DataFrame({"goal_id": [f"g{i}" for i in range(50)], "target": ["5"] * 50})
    loaded = build_problem({"teams.csv": teams, "projects.csv": projects, "goals.csv": goals})
    rows = [w for w in loaded.warnings if w.file == "goals.csv"]
    assert [w.row for w in rows if w.row is not None] == list(range(3, 13))
    (rest,) = [w for w in rows if w.row is None]
    assert rest.message.startswith("39 more goals have no project (g11, g12, g13")


def test_a_goal_whose_every_project_is_worth_nothing_to_it_is_warned_of_on_its_row(tmp_path):
    """A goal whose projects all have value 0 (a column cleared, values still to come)
    loaded without a word, where a goal no project names is warned of; every page read
    "nothing in the plan adds to it". One team's estimated value is enough to move it."""
    from bad_input_cases import add, make_folder, row

    from planner.core.loading import load_with_warnings

    worthless = row("projects.csv", 4, "P3,Close deals,G2,closing,100,0,negotiation:2,,,,P2")
    (warning,) = [
        w
        for w in load_with_warnings(make_folder(tmp_path, worthless)).warnings
        if w.file == "goals.csv"
    ]
    assert (warning.row, warning.column) == (3, "goal_id")
    assert warning.message == (
        "goal 'G2' (Pipeline) cannot move: its project in projects.csv (P3) adds 0 pipeline $ "
        "to it (value 0 or empty, and no team's estimate more), so it reads 0 of 1,000,000 "
        "pipeline $ however the plan goes, and lowers the plan's weighted goal attainment."
    )
    assert "value column" in warning.fix

    estimated = {**worthless, **add("estimates.csv", "P3,T2,,5000")}
    (tmp_path / "again").mkdir()
    loaded = load_with_warnings(make_folder(tmp_path / "again", estimated))
    assert not [w for w in loaded.warnings if w.file == "goals.csv"]
