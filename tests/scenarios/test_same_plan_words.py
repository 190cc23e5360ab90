""" "A re-plan from scratch gives this same plan" was said when only the owners and the
score matched: with marketing at 95 % on the sample, the free re-plan starts 5 projects in
other weeks, and a leader read "this same plan" literally. The sentence says what is the
same (the owners and goal attainment) and what is not (the weeks), built once
(:func:`~planner.scenarios.free_replan_words.same_plan_words`) for the Constraints page,
``solve --baseline`` and ``scenarios save --parent``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from planner.core.domain import Problem
from planner.core.loading import load_with_warnings
from planner.interfaces.cli import main
from planner.scenarios.free_replan_words import same_plan_words
from planner.scenarios.plan_change import rescheduled_runs
from planner.scenarios.relative import RelativeResult, solve_relative
from planner.solving.solver import solve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SAID = (
    "A re-plan from scratch gives the same owners and goal attainment, "
    "but would start 4 projects in other weeks: "
    "Comparison landing pages vs. top 3 competitors (weeks 8-13 → weeks 7-12); "
    "Account-based plays for the top 200 target accounts (weeks 2-13 → weeks 1-12); "
    "Enterprise account mapping, top 100 (weeks 2-6 → weeks 1-5) and 1 more."
)


@pytest.fixture(scope="module")
def marketing_95(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("settings") / "marketing-95.toml"
    path.write_text("[capacity.multipliers]\nmarketing = 0.95\n")
    return path


@pytest.fixture(scope="module")
def problem(marketing_95) -> Problem:
    return load_with_warnings(SAMPLE, marketing_95).problem


@pytest.fixture(scope="module")
def relative(marketing_95) -> RelativeResult:
    base = load_with_warnings(SAMPLE).problem
    plan = solve(base).plan
    assert plan is not None
    return solve_relative(load_with_warnings(SAMPLE, marketing_95).problem, plan)


def test_the_sentence_names_what_is_the_same_and_the_weeks_that_differ(relative, problem):
    """ "but would start 2 projects in other weeks" left a VP Sales asking which two: they
    are named, as the what-if line names its changes, with their weeks before and after."""
    assert relative.free_gives_this_plan and relative.free_rescheduled == 5
    assert same_plan_words(problem, relative) == SAID
    # One project in other weeks: named, no "and N more".
    free = relative.free.plan
    assert free is not None
    one = replace(
        relative,
        free=replace(
            relative.free,
            plan=replace(free, assignments=tuple(_kept_weeks(relative, "QU-07"))),
        ),
    )
    assert same_plan_words(problem, one) == (
        "A re-plan from scratch gives the same owners and goal attainment, "
        "but would start 1 project in other weeks: "
        "Enterprise account mapping, top 100 (weeks 2-6 → weeks 1-5)."
    )
    # The free re-plan in the kept plan's weeks: nothing more to say.
    same_weeks = replace(free, assignments=tuple(_kept_weeks(relative, None)))
    assert same_plan_words(
        problem, replace(relative, free=replace(relative.free, plan=same_weeks))
    ) == ("A re-plan from scratch gives the same owners and goal attainment.")


def test_it_counts_against_the_plan_kept_not_the_plan_in_force(relative, problem):
    """The sentence stands beside the plan the what-if keeps ("Keep this plan"), the plan
    the leader last saw: a project that plan already starts in other weeks, the way the
    re-plan from scratch does, is no difference between the two. At marketing 95 % the
    kept plan and the free one both move the SOC 2 response kit (CL-04) from weeks 1-4 to
    weeks 5-8; counted against the current plan, it made "5 projects" of 4."""
    kept, free = relative.result.plan, relative.free.plan
    assert kept is not None and free is not None
    moved = ((1, 4), (5, 8))
    assert rescheduled_runs(relative.in_force, kept, problem)["CL-04"] == moved
    assert rescheduled_runs(relative.in_force, free, problem)["CL-04"] == moved
    differ = rescheduled_runs(kept, free, problem)
    assert "CL-04" not in differ and len(differ) == 4
    assert f"would start {len(differ)} projects in other weeks" in same_plan_words(
        problem, relative
    )
    # Only CL-04 moved: the free plan in the kept plan's weeks says nothing of weeks, where
    # against the current plan it named CL-04 (weeks 1-4 → weeks 5-8).
    same_weeks = replace(free, assignments=tuple(_kept_weeks(relative, None)))
    assert same_plan_words(
        problem, replace(relative, free=replace(relative.free, plan=same_weeks))
    ) == ("A re-plan from scratch gives the same owners and goal attainment.")


def _kept_weeks(relative: RelativeResult, project_id: str | None):
    """The free re-plan's assignments, each in the kept plan's weeks but ``project_id``'s."""
    assert relative.result.plan is not None
    was = {a.project_id: a for a in relative.result.plan.assignments}
    assert relative.free.plan is not None
    for a in relative.free.plan.assignments:
        if a.project_id != project_id and a.project_id in was:
            a = replace(
                a, start_week=was[a.project_id].start_week, end_week=was[a.project_id].end_week
            )
        yield a


def test_solve_and_scenarios_save_say_it_in_the_same_words(marketing_95, tmp_path, db, capsys):
    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan)]) == 0
    capsys.readouterr()
    cut = ["--settings", str(marketing_95)]
    assert (
        main(
            ["solve", str(SAMPLE), *cut, "--baseline", str(plan), "--out", str(tmp_path / "c.csv")]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"\n{SAID}\n" in out and "same plan" not in out
    assert main(["scenarios", "save", str(SAMPLE), "--name", "base"]) == 0
    assert main(["scenarios", "save", str(SAMPLE), *cut, "--name", "cut", "--parent", "base"]) == 0
    out = capsys.readouterr().out
    assert f"\n{SAID}\n" in out and "same plan" not in out


def test_solve_json_says_which_plan_each_count_is_against(marketing_95, tmp_path, capsys):
    """``solve --json`` gave ``free.num_rescheduled`` 5 (against the current plan) beside
    ``free.same_plan_words`` naming 4 (against the plan kept): a script read one figure
    for two counts. ``num_rescheduled`` stays the re-plan from scratch against the current plan,
    as ``num_changes``, ``num_added`` and ``words`` count it; the sentence's own
    count is ``same_plan_num_rescheduled``, against the plan kept."""
    import json

    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan)]) == 0
    capsys.readouterr()
    args = ["solve", str(SAMPLE), "--settings", str(marketing_95), "--baseline", str(plan)]
    assert main([*args, "--out", str(tmp_path / "c.csv"), "--json"]) == 0
    free = json.loads(capsys.readouterr().out)["free"]
    assert free["same_plan"] and free["same_plan_words"] == SAID
    assert free["same_plan_num_rescheduled"] == 4  # "would start 4 projects in other weeks"
    assert free["num_rescheduled"] == 5  # CL-04 too, which the kept plan moves as well


def test_solve_json_words_are_the_sentence_the_text_prints(marketing_95, tmp_path, capsys):
    """With marketing at 95 % the kept plan is proven the best (optimal), and the text
    printed "A re-plan from scratch gives the same owners ..." while ``free.words`` read
    "Re-planned from scratch, the plan would start 5 projects in other weeks for goal
    attainment of ... within 0.5 % of the best plan ...": a script read of a plan short of
    the best what the leader read as the best. ``words`` is the sentence the text prints,
    built once for both."""
    import json

    plan = tmp_path / "plan.csv"
    assert main(["solve", str(SAMPLE), "--out", str(plan)]) == 0
    capsys.readouterr()
    args = ["solve", str(SAMPLE), "--settings", str(marketing_95), "--baseline", str(plan)]
    assert main([*args, "--out", str(tmp_path / "c.csv")]) == 0
    text = capsys.readouterr().out
    assert main([*args, "--out", str(tmp_path / "c.csv"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "optimal" and out["free"]["same_plan"]
    assert out["free"]["words"] == SAID and f"\n{SAID}\n" in text
    assert "within" not in out["free"]["words"]
