"""A what-if that leaves the current plan as good as it was moves nothing.

SPEC ("What-ifs against the current plan"): the current plan is a time-limited solve,
often a little under what a free re-plan finds with more time. A pin to the team a
project already has, or a goal's weight set to its own value, forces nothing, yet the
second stage moved up to 31 projects to reach a floor set under the free re-plan's score.
When the plan keeps every rule of the changed inputs, the change weighs plans as before,
the plan scores no less than it did and the free re-plan is a plan of the inputs before
too, the floor is lowered by the plan's shortfall there; a change that breaks one of its
rules still moves what it must.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner import load_problem, solve
from planner.core.domain import Plan, Problem, Rule, RuleKind
from planner.core.generate import generate_folder
from planner.scenarios.relative import same_scoring, solve_relative
from planner.scenarios.whatif import with_capacity

#: More hours for a team are no such change where the free re-plan uses them: Marketing at
#: 110 % on the sample leaves a project out to make way for two (test_relative_words.py).
NO_OPS = ("nothing", "pin", "own_weight")


def _quarter(root: Path, size: tuple[int, int], seed: int) -> tuple[Problem, Plan]:
    """A generated quarter in weeks and its plan from a short solve (the warm start's
    plan or little more: a free re-plan with seconds to search scores above it)."""
    generate_folder(root, size[0], size[1], 4, seed, weeks=True)
    problem = load_problem(root)
    current = solve(problem, time_limit_s=0.2)
    assert current.plan is not None
    return problem, current.plan


def _alone(plan: Plan, pick: int) -> tuple[str, str]:
    """A project the plan gives to one team, and that team."""
    owners = sorted((p, min(t)) for p, t in plan.owners().items() if len(t) == 1)
    return owners[pick % len(owners)]


def _no_op(problem: Problem, plan: Plan, kind: str, pick: int) -> Problem:
    """The what-if ``kind`` that forces nothing on ``plan``."""
    project_id, team_id = _alone(plan, pick)
    if kind == "pin":
        rules = tuple(r for r in problem.rules if r.project_id != project_id)
        return problem.replace(rules=(*rules, Rule(project_id, team_id, RuleKind.PIN)))
    if kind == "own_weight":
        goals = list(problem.goals)
        goal = goals[pick % len(goals)]
        # The slider set to the value it had, written another way (1 -> 1.00).
        goals[pick % len(goals)] = replace(goal, weight=Decimal(f"{goal.weight:.2f}"))
        return problem.replace(goals=tuple(goals))
    return problem


@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 40), kind=st.sampled_from(NO_OPS), pick=st.integers(0, 1000))
# The free re-plan scored 610.33 beside the current plan's 597.15 (2.2 % more): nothing
# changed, and 19 projects moved or were left out to reach 0.5 % under it.
@example(seed=0, kind="nothing", pick=0)
@example(seed=0, kind="pin", pick=3)
def test_a_what_if_that_forces_nothing_moves_nothing(
    tmp_path_factory: pytest.TempPathFactory, seed: int, kind: str, pick: int
) -> None:
    problem, plan = _quarter(tmp_path_factory.mktemp("quarter"), (16, 120), seed)
    changed = _no_op(problem, plan, kind, pick)
    found = solve_relative(changed, plan, time_limit_s=1.5, before=problem)
    assert found.result.plan is not None and found.result.objective is not None
    assert (found.moved, found.dropped) == ((), ())
    # As good as it was, or better where the change made room for work to be added.
    assert set(plan.owners().items()) <= set(found.result.plan.owners().items())


def test_a_change_that_breaks_a_rule_of_the_plan_still_moves_what_it_must(tmp_path: Path):
    """A forbid on the team that holds a project: it moves or is left out, as before."""
    problem, plan = _quarter(tmp_path, (16, 120), 0)
    project_id, team_id = _alone(plan, 3)
    rules = tuple(r for r in problem.rules if r.project_id != project_id)
    forbidden = problem.replace(rules=(*rules, Rule(project_id, team_id, RuleKind.FORBID)))
    found = solve_relative(forbidden, plan, time_limit_s=1.5, before=problem)
    assert found.result.plan is not None
    assert project_id in {m.project_id for m in found.moved + found.dropped}
    assert team_id not in found.result.plan.owners().get(project_id, frozenset())


def test_a_change_of_what_matters_is_no_change_that_leaves_the_plan_as_it_was(
    tmp_path: Path,
) -> None:
    """A goal's weight raised or a project's value changed raises the current plan's score
    too, yet asks for work to move: the floor stays under the free re-plan's score. Hours,
    pins and a weight written another way weigh plans as before."""
    generate_folder(tmp_path, 8, 40, 4, 1, weeks=True)
    problem = load_problem(tmp_path)
    goals = list(problem.goals)
    goals[0] = replace(goals[0], weight=2 * goals[0].weight)
    assert not same_scoring(problem, problem.replace(goals=tuple(goals)))
    projects = list(problem.projects)
    projects[0] = replace(projects[0], value=projects[0].value + 1)
    assert not same_scoring(problem, problem.replace(projects=tuple(projects)))
    weights = replace(problem.settings.weights, balance=0.5)
    raised = problem.replace(settings=problem.settings.with_changes(weights=weights))
    assert not same_scoring(problem, raised)
    goals = [replace(g, weight=Decimal(f"{g.weight:.3f}")) for g in problem.goals]
    assert same_scoring(problem, problem.replace(goals=tuple(goals)))
    assert same_scoring(problem, with_capacity(problem, "marketing", 1.5))
    assert same_scoring(problem, with_capacity(problem, "sales", 0.5))
