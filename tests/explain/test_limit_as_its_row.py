"""A team's hours in an explanation read as its row on the Plan page reads them.

The sample's Demand Gen may plan 1,378.51 h: its row reads 1,378 h (its department's
teams add up to their 4,390 h, core.capacity.team_limit_shown). An explanation that
rounds the limit on its own says "1,379 h" for the same team.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from builders import SAMPLE, forbid, problem, project, team
from no_plan_checks import infeasible

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.loading import load_with_warnings
from planner.explain import explain_project, infeasibility_reasons
from planner.solving.solver import solve

#: An hours figure of Demand Gen's: "the 1,378 h Demand Gen can plan", "Demand Gen can
#: plan 1,378 h", "Demand Gen has 1,340 of 1,378 h planned".
DEMAND_GEN_HOURS = re.compile(
    r"([\d,.]+ h) Demand Gen can plan|Demand Gen can plan ([\d,.]+ h)"
    r"|Demand Gen has [\d,.]+ of ([\d,.]+ h)"
)


def demand_gen_limits(words: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in DEMAND_GEN_HOURS.finditer(words)}


def sample_with(folder: Path, estimates: dict[str, str], rules: str = "") -> Path:
    """The sample with Demand Gen's estimates for some projects changed (and rules added)."""
    data = folder / "quarter"
    shutil.copytree(SAMPLE, data)
    lines = (data / "estimates.csv").read_text().splitlines()
    for i, line in enumerate(lines):
        project_id, _, rest = line.partition(",")
        if project_id in estimates and rest.startswith("demand-gen,"):
            value = rest.split(",")[2]
            lines[i] = f"{project_id},demand-gen,{estimates[project_id]},{value}"
    (data / "estimates.csv").write_text("\n".join(lines) + "\n")
    if rules:
        (data / "rules.csv").write_text((data / "rules.csv").read_text() + rules)
    return data


@pytest.fixture(scope="module")
def sample_problem():
    return load_with_warnings(SAMPLE).problem


def test_the_samples_demand_gen_limit_rounds_apart_from_its_row(sample_problem):
    """The case the tests below stand on: 1,378.51 h, alone 1,379 h, its row 1,378 h."""
    demand_gen = sample_problem.team("demand-gen")
    assert round(float(team_limit(sample_problem, demand_gen)), 1) == 1378.5
    assert team_limit_shown(sample_problem, demand_gen) == 1378


def test_no_explanation_of_the_sample_reads_demand_gen_other_than_its_row(sample_result):
    sample, result = sample_result
    said: set[str] = set()
    for p in sample.projects:
        why = explain_project(sample, result, p.project_id)
        said |= demand_gen_limits(" ".join([why.figures or "", *why.lines]))
    assert said == {"1,378 h"}


def test_a_project_too_big_for_demand_gen_says_the_hours_its_row_reads(tmp_path):
    """'it needs 1,400 h, more than the 1,378 h Demand Gen can plan', not 1,379 h."""
    p = load_with_warnings(sample_with(tmp_path, {"LG-01": "1400"})).problem
    why = explain_project(p, solve(p), "LG-01")
    words = " ".join([why.figures or "", *why.lines])
    assert "it needs 1,400 h, more than the 1,378 h Demand Gen can plan" in words, words
    assert demand_gen_limits(words) == {"1,378 h"}


def test_pinned_work_over_demand_gens_hours_says_the_hours_its_row_reads(tmp_path):
    data = sample_with(
        tmp_path,
        {"LG-01": "700", "AW-08": "700"},
        "LG-01,demand-gen,pin\nAW-08,demand-gen,pin\n",
    )
    words = " ".join(infeasibility_reasons(load_with_warnings(data).problem))
    assert "Demand Gen can plan 1,378 h but must carry 1,400 h" in words, words
    assert demand_gen_limits(words) == {"1,378 h"}


def test_a_department_short_of_hours_says_its_teams_rows_added_up():
    """Three teams of 100.4 h read 101, 100 and 100 h (301 h together); the two that may
    take the work can plan the 200 h their rows read, not their 200.8 h rounded."""
    teams = [team(t, capacity="100.4") for t in ("Ops", "Brand", "Content")]
    projects = [project(f"m{i}", effort=60, mandatory=True) for i in range(4)]
    p = problem(
        [*teams, team("AEs", "sales", 900)],
        projects,
        rules=tuple(forbid(f"m{i}", "Ops") for i in range(4)),
    )
    assert [team_limit_shown(p, t) for t in teams] == [101, 100, 100]
    text = infeasible(p).text()
    assert "(Brand and Content) can plan only 200 h" in text, text
