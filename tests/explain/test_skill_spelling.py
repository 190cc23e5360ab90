"""A skill reads as the data spells it: "PR at level 4", where teams.csv writes "PR:4".

Skills compare in trimmed lower case (SPEC), and the explanations wrote that key: a
leader who typed "PR" read "it lacks pr at level 4 (has none)" and "give Content pr at
level 4", the skill as an id. The data's first spelling is kept beside the key
(:attr:`~planner.core.domain.Problem.skill_names`), for the words and for the data
written back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.core.loading import build_problem, load_with_warnings, problem_to_frames
from planner.interfaces.plan_frames import project_details
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def spelled(tmp_path_factory):
    """The sample (teams.csv writes Brand & Comms's "PR:4") with one project's "Pr:4"."""
    folder = tmp_path_factory.mktemp("spelled") / "data"
    shutil.copytree(SAMPLE, folder)
    assert "PR:4;" in (folder / "teams.csv").read_text(encoding="utf-8")
    projects = folder / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    assert "PR:4; copywriting:2" in text
    projects.write_text(text.replace("PR:4; copywriting:2", "Pr:4; copywriting:2"), "utf-8")
    return load_with_warnings(folder).problem


def test_a_skill_reads_as_the_data_first_spells_it(spelled):
    assert spelled.skill_name("pr") == "PR"
    assert spelled.skill_name("events") == "events"  # written so: the key itself
    details = " · ".join(project_details(spelled, "AW-05"))
    assert "PR at level 4" in details, details


def test_a_team_lacking_it_reads_it_so_with_its_fix(spelled):
    """A pin on a team without the skill: the rule conflict names it as the data does."""
    from planner.core.domain import Rule, RuleKind

    pinned = spelled.replace(rules=(*spelled.rules, Rule("AW-05", "content", RuleKind.PIN)))
    reasons = " ".join(solve(pinned).reasons)
    assert "it lacks PR at level 4 (has none)" in reasons, reasons
    assert "give Content PR at level 4 (none now)" in reasons, reasons
    assert "pr at level" not in reasons


def test_no_team_with_the_skill_reads_it_so(spelled):
    from dataclasses import replace

    aw05 = spelled.project("AW-05")
    harder = replace(aw05, required_skills={"pr": 5}, mandatory=True)
    p = spelled.replace(projects=tuple(harder if x is aw05 else x for x in spelled.projects))
    reasons = " ".join(solve(p).reasons)
    assert "PR at level 5" in reasons, reasons
    assert "pr at level" not in reasons


def test_the_data_written_back_keeps_its_spelling(spelled):
    """The Data page's tables, a saved scenario and the exports are written from the
    problem: the data's "PR" comes back as "PR", and reads back so."""
    frames = problem_to_frames(spelled)
    assert "PR:4" in " ".join(frames["teams.csv"]["skills"])
    assert "PR:4; copywriting:2" in " ".join(frames["projects.csv"]["required_skills"])
    again = build_problem(frames, spelled.settings).problem
    assert again == spelled
    assert again.skill_name("pr") == "PR"
