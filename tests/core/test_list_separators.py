"""A list cell (a team's skills and stages, a project's required skills and prerequisites)
written with another separator or mark than the contract's ``;`` and ``:``: a comma, spaces,
a bar, ``=``, or the full-width colon and semicolon an East Asian input method types. Each
is refused at its cell with the list written as meant, never read as one unknown name.

Each case starts from a tiny valid folder (tests/bad_input_cases.py) and breaks one cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_cases import Case, assert_reported_at_its_cell, make_folder, row

from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings

TEAM = "T2,Closers,sales,300,negotiation:3,{stages},2"
PROJECT = "P3,Close deals,G2,closing,100,200000,{skills},,,,{depends}"
TEAM_SKILLS = "T1,Brand,marketing,400,{skills},,"

CASES = [
    Case(
        "stages with a comma",
        row("teams.csv", 3, TEAM.format(stages='"closing, retention"')),
        "teams.csv",
        3,
        "stages",
        "Separate stages with ';': closing; retention.",
    ),
    Case(
        "stages with a space",
        row("teams.csv", 3, TEAM.format(stages="closing retention")),
        "teams.csv",
        3,
        "stages",
        "it is 2 stages written as one",
    ),
    Case(
        "stages with a full-width semicolon",
        row("teams.csv", 3, TEAM.format(stages="closing\uff1bretention")),
        "teams.csv",
        3,
        "stages",
        "Separate stages with ';': closing; retention.",
    ),
    Case(
        "prerequisites with a space",
        row("projects.csv", 4, PROJECT.format(skills="", depends="P1 P2")),
        "projects.csv",
        4,
        "depends_on",
        "Separate project ids with ';': P1; P2.",
    ),
    Case(
        "prerequisites with a bar",
        row("projects.csv", 4, PROJECT.format(skills="", depends="P1|P2")),
        "projects.csv",
        4,
        "depends_on",
        "Separate project ids with ';': P1; P2.",
    ),
    Case(
        "prerequisites with a full-width semicolon",
        row("projects.csv", 4, PROJECT.format(skills="", depends="P1\uff1bP2")),
        "projects.csv",
        4,
        "depends_on",
        "Separate project ids with ';': P1; P2.",
    ),
    Case(
        "a required skill with a full-width colon",
        row("projects.csv", 4, PROJECT.format(skills="negotiation\uff1a2", depends="P2")),
        "projects.csv",
        4,
        "required_skills",
        "Write it as negotiation:2.",
    ),
    Case(
        "a required skill with '='",
        row("projects.csv", 4, PROJECT.format(skills="negotiation=2", depends="P2")),
        "projects.csv",
        4,
        "required_skills",
        "has '=' where a skill list has ':'",
    ),
    Case(
        "a team's skills with a full-width colon and semicolon",
        row("teams.csv", 2, TEAM_SKILLS.format(skills="seo\uff1a4\uff1bcontent:3")),
        "teams.csv",
        2,
        "skills",
        "Write it as seo:4; content:3.",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_list_written_with_another_separator_is_told_the_list_meant(
    tmp_path: Path, case: Case
) -> None:
    """'seo：4' read as a skill of that name at level 1 that no team has, and the folder
    validated: the project could never be assigned, and the team lost its skill, unsaid.
    'closing, retention' was "not a funnel stage" with the stages listed as the fix, where
    both are stages. Each is refused at its cell with the list to write."""
    assert_reported_at_its_cell(tmp_path, case)


def test_a_project_stage_written_as_two_is_not_told_to_list_them(tmp_path: Path) -> None:
    """A project is at one stage: 'closing, retention' there keeps the stages to choose
    from, not a list to write."""
    line = "P3,Close deals,G2,closing; retention,100,200000,,,,,P2"
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, row("projects.csv", 4, line)))

    [issue] = [i for i in caught.value.errors if i.column == "stage"]
    assert "Use one of the stages in settings" in issue.fix


def test_a_skill_name_holding_a_mark_of_its_own_is_still_a_name(tmp_path: Path) -> None:
    """Only a list that reads whole once the marks stand for ':' and ';' is refused: a
    skill named 'c=lang' with no level stays a skill of that name."""
    folder = make_folder(tmp_path, row("teams.csv", 2, TEAM_SKILLS.format(skills="c=lang:2")))

    problem = load_with_warnings(folder).problem

    assert problem.teams[0].skills == {"c=lang": 2}


@pytest.mark.parametrize(
    ("at", "column"),
    [
        (row("teams.csv", 3, TEAM.format(stages='"closing, closing"')), "stages"),
        (row("projects.csv", 4, PROJECT.format(skills="", depends='"P1, P1"')), "depends_on"),
    ],
)
def test_one_name_written_twice_is_not_told_it_is_a_list(tmp_path: Path, at, column) -> None:
    """'closing, closing' is one stage twice, not two written as one: it read "it is 1
    stages written as one", with "Separate stages with ';': closing." as the fix."""
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, at))

    [issue] = [i for i in caught.value.errors if i.column == column]
    assert "written as one" not in issue.message
    assert "Separate" not in issue.fix


def test_a_skill_no_team_has_is_warned_on_the_project_with_the_name_meant(tmp_path: Path) -> None:
    """'SEOO:3' (or 'seo 3', a level written after a space) read as a skill no team has and
    validated without a word; the project could never be assigned, and only explain said
    why. It is warned on its row now, with the skill meant; a level above every team's too."""
    line = "P1,Blog relaunch,G1,awareness,120,50,seoo:3,false,false,,"
    folder = make_folder(tmp_path, row("projects.csv", 2, line))

    warnings = load_with_warnings(folder).warnings

    [said] = [w for w in warnings if w.column == "required_skills"]
    assert (said.file, said.row) == ("projects.csv", 2)
    assert "no team has the skill 'seoo', so this project cannot be assigned" in said.message
    assert said.fix.startswith("Did you mean 'seo'?")


def test_a_level_above_every_teams_is_warned_and_a_mandatory_one_says_no_plan(
    tmp_path: Path,
) -> None:
    line = "P1,Blog relaunch,G1,awareness,120,50,seo:5,true,false,,"
    folder = make_folder(tmp_path, row("projects.csv", 2, line))

    [said] = [w for w in load_with_warnings(folder).warnings if w.column == "required_skills"]
    assert "no team has 'seo' at level 5 (the most is 4)" in said.message
    assert "no plan can be made" in said.message


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        (row("projects.csv", 4, "P3,Close deals,G2,Closing Deals,100,200000,,,,,P2"), "stage"),
        (row("teams.csv", 3, TEAM.format(stages="closing; Closing-Deals")), "stages"),
    ],
    ids=["a project's stage", "a team's stages"],
)
def test_a_stage_written_with_spaces_or_dashes_is_told_its_name(
    tmp_path: Path, changes, column: str
) -> None:
    """'lead generation' (as a leader says it) read "not a funnel stage" with every stage
    listed as the fix; the stage whose words it joins otherwise is named instead."""
    settings = '[stages]\norder = ["awareness", "nurturing", "closing_deals", "closing",\n'
    settings += '  "retention"]\n[stages.owners]\nclosing_deals = ["sales"]\n'
    folder = make_folder(tmp_path, {**changes, "settings.toml": settings})
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)

    [issue] = [i for i in caught.value.errors if i.column == column]
    assert issue.fix == "Write closing_deals: a stage's words are joined by '_'."


@pytest.mark.parametrize(
    "skills", [f"seo:{'9' * 5000}", f"seo:{'x' * 5000}", f"{'s' * 5000}:9", f":{'9' * 5000}"]
)
def test_a_skill_written_thousands_long_is_quoted_clipped(tmp_path: Path, skills: str) -> None:
    """A skill's level or name 5,000 characters long was quoted whole in its message."""
    at = row("teams.csv", 2, TEAM_SKILLS.format(skills=skills))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(make_folder(tmp_path, at))

    [issue] = [i for i in caught.value.errors if i.column == "skills"]
    assert len(issue.message) < 300 and "5,0" in issue.message, issue.message
