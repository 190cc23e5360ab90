"""The settings a data folder is loaded with: settings.toml in the folder, a settings
path given, their stages, and their problems reported with the CSV files'.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from loading_files import minimal_frames, write_files

from planner.core.errors import InvalidInputError
from planner.core.loading import (
    build_problem,
    load_with_warnings,
)
from planner.core.settings import Settings, Weights

# -- settings ---------------------------------------------------------------


def test_settings_toml_in_the_folder_is_used(tiny_folder: Path) -> None:
    """A scenario's settings travel with its data folder."""
    (tiny_folder / "settings.toml").write_text("[weights]\nvalue = 1.0\n")

    problem = load_with_warnings(tiny_folder).problem

    assert problem.settings.weights.value == 1.0


def test_settings_path_overrides_the_folders_settings(tiny_folder: Path, tmp_path: Path) -> None:
    """`planner solve DATA --settings FILE` must use FILE, even if DATA has its own."""
    (tiny_folder / "settings.toml").write_text("[weights]\nvalue = 1.0\n")
    override = tmp_path / "what_if.toml"
    override.write_text("[weights]\nvalue = 2.0\n")

    problem = load_with_warnings(tiny_folder, settings_path=override).problem

    assert problem.settings.weights.value == 2.0


@pytest.mark.parametrize("folder_name", ["data", "sample"])
def test_settings_path_naming_a_folder_is_labelled_with_the_path_given(
    tiny_folder: Path, tmp_path: Path, folder_name: str
) -> None:
    """`--settings data` labelled the problem "data: ... is a folder": it read as a problem
    of the data folder itself. The label is the path as given, like a missing data folder's."""
    folder = tmp_path / "elsewhere" / folder_name
    folder.mkdir(parents=True)

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tiny_folder, settings_path=folder)

    (problem,) = caught.value.issues
    assert problem.file == str(folder)
    assert "is a folder, not a settings file" in problem.message
    assert problem.fix == "Give the path of a TOML file."


def test_stages_come_from_the_settings(tmp_path: Path) -> None:
    """A scenario with its own funnel must accept its own stage names."""
    folder = write_files(
        tmp_path,
        {
            "teams.csv": "team_id,department,capacity_hours\nT1,sales,40\n",
            "projects.csv": "project_id,stage,effort_hours\nP1,demo,10\n",
            "settings.toml": '[stages]\norder = ["demo"]\n',
        },
    )

    problem = load_with_warnings(folder).problem

    assert problem.projects[0].stage == "demo"


def test_settings_and_csv_problems_are_reported_together(tiny_folder: Path) -> None:
    """A leader fixing inputs wants one list, not one problem per run."""
    (tiny_folder / "settings.toml").write_text("[solve]\ntime_limit_s = -1\n")
    (tiny_folder / "goals.csv").write_text("goal_id,target\nG1,0\nG2,10\n")

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tiny_folder)

    located = {(i.file, i.row, i.column) for i in caught.value.errors}
    assert ("settings.toml", None, "solve.time_limit_s") in located
    assert ("goals.csv", 2, "target") in located


@pytest.mark.parametrize(
    ("settings_toml", "stage", "stage_error"),
    [
        ("[solve]\ntime_limit_s = 'fast'\n", "awarenes", True),
        ("[solve]\ntime_limit_s = 'fast'\n[stages]\norder = ['demo']\n", "demo", False),
        ("[solve]\ntime_limit_s = 'fast'\n[stages]\norder = ['demo']\n", "awareness", True),
    ],
)
def test_a_settings_mistake_elsewhere_does_not_hide_stage_checks(
    tmp_path: Path, settings_toml: str, stage: str, stage_error: bool
) -> None:
    """A typo in [solve] must neither hide a wrong stage name nor flag the file's own stages."""
    folder = write_files(
        tmp_path,
        {
            "teams.csv": "team_id,department,capacity_hours\nT1,sales,40\n",
            "projects.csv": f"project_id,stage,effort_hours\nP1,{stage},10\n",
            "settings.toml": settings_toml,
        },
    )

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    located = {(i.file, i.row, i.column) for i in caught.value.errors}
    assert ("settings.toml", None, "solve.time_limit_s") in located
    assert (("projects.csv", 2, "stage") in located) is stage_error


def test_explicit_settings_win_over_settings_text() -> None:
    """The app passes the scenario's Settings object; stale TOML text must not override it."""
    chosen = Settings(weights=Weights(value=3.0))

    problem = build_problem(minimal_frames(), chosen, settings_text="[weights]\nvalue = 1.0\n")

    assert problem.problem.settings == chosen


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_settings_path_typed_with_a_slash_after_it_is_named_with_the_slash(
    tiny_folder: Path, tmp_path: Path, kind: str
) -> None:
    """`--settings nope.toml/` read "nope.toml: there is no settings file at nope.toml", and a
    folder typed with its slash was named without it: the path named was not the one typed."""
    target = tmp_path / "set.toml"
    if kind == "folder":
        target.mkdir()
    typed = f"{target}/"

    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(tiny_folder, settings_path=typed)

    (problem,) = caught.value.issues
    assert problem.file == typed
    assert problem.message == (
        f"there is no settings file at {typed}."
        if kind == "missing"
        else "is a folder, not a settings file."
    )
