"""ProblemBuilder and the public load_problem: a problem made in code is checked like a folder."""

from __future__ import annotations

import warnings
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner import InputWarning, InvalidInputError, ProblemBuilder, Settings, load_problem
from planner.checker import check_plan
from planner.core import loading
from planner.core.settings import Weights
from planner.core.workbook_writing import data_workbook
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def two_teams() -> ProblemBuilder:
    """One marketing and one sales team: just enough for any stage."""
    return (
        ProblemBuilder()
        .team("content", "marketing", capacity_hours=120, skills={"seo": 4})
        .team("ae", "sales", capacity_hours=160)
    )


def test_builder_makes_the_problem_a_data_folder_with_the_same_rows_would():
    """Same validator, same problem: a builder is one more way to write the data folder,
    with the same warnings (a value with no goal counts for nothing at these weights)."""
    builder = (
        two_teams()
        .goal("mqls", 500, kpi="MQLs", weight=2)
        .project("blog", "awareness", 80, value=300, goal_id="mqls", required_skills="seo:3")
        .project("deal", "closing", Decimal("100.5"), value=200, depends_on=["blog"])
        .estimate("deal", "ae", effort_hours=90)
        .pin("blog", "content")
    )
    with pytest.warns(InputWarning, match=r"1 project has a value but no goal \(deal\)"):
        built = builder.build()
    assert built.team("content").skills == {"seo": 4}
    assert built.project("blog").required_skills == {"seo": 3}
    assert built.project("deal").effort_hours == Decimal("100.5")
    assert built.project("deal").depends_on == ("blog",)
    assert built.goal_index["mqls"].weight == 2
    assert built.estimate_index["deal", "ae"].effort_hours == 90
    assert built.pins == {("blog", "content")}
    again = loading.build_problem(loading.problem_to_frames(built), built.settings).problem
    assert again == built


def test_builder_reports_every_problem_naming_the_row_as_added():
    """A script's author finds the bad call: ``team #2``, the column, and the fix."""
    with pytest.raises(InvalidInputError) as caught:
        (
            ProblemBuilder()
            .team("t", "sales", -5)
            .team("u", "ops", "lots")
            .project("p", "nowhere", 0)
            .build()
        )
    where = {(i.file, i.column) for i in caught.value.errors}
    assert ("team #1", "capacity_hours") in where
    assert ("team #2", "department") in where
    assert ("team #2", "capacity_hours") in where
    assert ("project #1", "stage") in where
    assert ("project #1", "effort_hours") in where
    assert all(i.fix for i in caught.value.errors)


def test_builder_reads_a_float_as_the_number_it_is_never_as_exponent_notation():
    """A script passes 2.5e-05 or 1e16 as Python floats: the problem named is the number's own
    (too many decimals, too large), as the Data page's editor says it; it read "exponent
    notation such as 1e6 is not allowed", which the caller never wrote. 1200.0 is 1200."""
    with pytest.raises(InvalidInputError) as caught:
        two_teams().project("a", "awareness", 2.5e-05).project("b", "awareness", 1e16).build()
    words = [i.message for i in caught.value.errors]
    assert words == [
        "'0.000025' has more than 3 decimals.",
        "'10,000,000,000,000,000' is too large for effort_hours (at most 1,000,000,000).",
    ]
    built = two_teams().project("c", "awareness", 1200.0).build()
    assert built.project("c").effort_hours == 1200


def test_builder_rejects_a_column_the_file_does_not_have_at_once():
    """A typo in a keyword fails where it is written, not as a warning at build time."""
    with pytest.raises(TypeError, match="capacity"):
        ProblemBuilder().team("t", "sales", 10, capacity=5)


def test_builder_needs_teams_and_projects_like_a_folder():
    """An empty builder is an empty data folder: invalid, with a message, not a crash."""
    with pytest.raises(InvalidInputError):
        ProblemBuilder().build()


def test_builder_problem_solves_and_passes_the_checker():
    """The point of building a problem: solve it, and the plan holds every rule."""
    problem = (
        two_teams()
        .project("blog", "awareness", 80, value=3, required_skills={"seo": 3})
        .project("deal", "closing", 100, value=2)
        .settings(Settings(weights=Weights(attainment=0, value=1, balance=0, fit=0)))
        .build()
    )
    result = solve(problem)
    assert result.plan is not None and check_plan(problem, result.plan) == []
    assert result.objective == 5


def test_load_problem_returns_the_problem_and_warns_through_warnings(tmp_path):
    """A Python user gets a Problem; warnings reach them the Python way, never silently."""
    for file in SAMPLE.iterdir():
        (tmp_path / file.name).write_bytes(file.read_bytes())
    teams = (tmp_path / "teams.csv").read_text(encoding="utf-8").splitlines()
    rows = [teams[0] + ",colour"] + [line + ",blue" for line in teams[1:]]
    (tmp_path / "teams.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.warns(InputWarning, match="colour"):
        problem = load_problem(tmp_path)
    assert problem == loading.load_with_warnings(tmp_path).problem


def test_load_problem_takes_settings_as_an_object_or_a_file(tmp_path):
    """Settings in code replace the folder's settings.toml; a file changes the keys it names
    (the rest, here the quarter's first Monday, stays as the folder has it)."""
    custom = Settings(weights=Weights(balance=0.5))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        assert load_problem(SAMPLE, custom).settings == custom
        path = tmp_path / "s.toml"
        path.write_text(custom.to_toml(), encoding="utf-8")
        from_file = load_problem(SAMPLE, path).settings
    assert "first_monday" not in custom.to_toml()
    own = load_problem(SAMPLE).settings.calendar
    assert from_file == replace(custom, calendar=own) and own.first_monday is not None


def test_load_problem_takes_settings_as_an_object_for_a_workbook_or_a_zip(tmp_path):
    """`load_problem("q.zip", Settings())` said "is a file, not a folder. Fix: Give the
    folder ... (or an .xlsx workbook, or a .zip of the folder)": what it was given. A
    workbook or zip loads with settings in code as a folder does, and they replace its own."""
    sample = load_problem(SAMPLE)
    custom = Settings(weights=Weights(balance=0.5))
    (tmp_path / "q.zip").write_bytes(loading.folder_zip(sample))
    (tmp_path / "q.xlsx").write_bytes(data_workbook(sample))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        for name in ("q.zip", "q.xlsx"):
            problem = load_problem(tmp_path / name, custom)
            assert problem.settings == custom
            assert problem.projects == sample.projects and problem.teams == sample.teams
