"""A project left out by a rule the left-out reasons do not spell out reads so, not as
"a better plan may exist".

The team-room words (planner/explain/unassigned.py) know capacity (rule 5), a team's
project limit (rule 6), pins, mandatory work and prerequisites; the formulation
(planner/optimizer/formulation.py) holds every rule. A change budget of 0 (rule 9) keeps
the plan in force's small project on its team, so a bigger one stays out of a plan proven
best, and the reason read "a better plan may exist (this one is not proven best): ...
it would displace 'Small'". An option is weighed against the formulation's rows: one a
rule group forbids is no better plan, and the rule is named.
"""

from __future__ import annotations

from builders import goal, problem, project, settings, team

from planner.core.domain import Assignment, Plan, Status
from planner.core.settings import Weights
from planner.explain import UnassignedKind, explain_unassigned
from planner.scenarios.replan import with_baseline
from planner.solving.solver import solve


def test_a_project_the_change_budget_keeps_out_names_it_on_a_proven_plan():
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    quarter = problem(
        [team("brand", capacity=100, name="Brand")],
        [
            project("small", effort=100, value=10, goal_id="visits", name="Small"),
            project("big", effort=100, value=90, goal_id="visits", name="Big"),
        ],
        goals=[goal("visits", 100, name="Visitors")],
        settings=settings(weights),
    )
    in_force = Plan((Assignment("small", "brand", 1, 100, 10),))
    kept = with_baseline(quarter, in_force, max_changes=0, stability_weight=0)
    result = solve(kept)
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert set(result.plan.owners()) == {"small"}
    why = explain_unassigned(kept, result.plan, "big")
    assert "better plan may exist" not in why.reason
    assert why.kind is not UnassignedKind.BETTER_PLAN
    assert "at most 0 projects may change owner from the baseline" in why.reason, why.reason


def test_an_option_that_keeps_every_rule_still_reads_as_a_better_plan():
    """No budget: the plan that keeps Small over Big (not the best) is told so, as before."""
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    quarter = problem(
        [team("brand", capacity=100, name="Brand")],
        [
            project("small", effort=100, value=10, goal_id="visits", name="Small"),
            project("big", effort=100, value=90, goal_id="visits", name="Big"),
        ],
        goals=[goal("visits", 100, name="Visitors")],
        settings=settings(weights),
    )
    worse = Plan((Assignment("small", "brand", 1, 100, 10),))
    why = explain_unassigned(quarter, worse, "big")
    assert why.kind is UnassignedKind.BETTER_PLAN
    assert why.reason.startswith("a better plan may exist (this one is not proven best)")
