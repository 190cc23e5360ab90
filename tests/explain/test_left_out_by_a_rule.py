"""A project left out by a rule the left-out reasons do not spell out reads so, not as
"a better plan may exist".

The team-room words (planner/explain/unassigned.py) know capacity (rule 5), a team's
project limit (rule 6), pins, mandatory work and prerequisites; the formulation
(planner/optimizer/formulation.py) holds every rule. A change budget of 0 (rule 9) keeps
the current plan's small project on its team, so a bigger one stays out of a plan proven
best, and the reason read "a better plan may exist (this one is not proven best): ...
it would displace 'Small'". An option is weighed against the formulation's rows: one a
rule group forbids is no better plan, and the rule is named.
"""

from __future__ import annotations

from dataclasses import replace

from builders import goal, pin, problem, project, settings, team

from planner.core.domain import Assignment, Plan, Problem, Status
from planner.core.settings import Weights
from planner.explain import UnassignedKind, explain_unassigned
from planner.scenarios.rest_of_quarter import with_baseline
from planner.solving.solver import solve


def _small_or_big() -> Problem:
    """Brand has room for one of Small and Big; Big does more for the one goal."""
    return problem(
        [team("brand", capacity=100, name="Brand")],
        [
            project("small", effort=100, value=10, goal_id="visits", name="Small"),
            project("big", effort=100, value=90, goal_id="visits", name="Big"),
        ],
        goals=[goal("visits", 100, name="Visitors")],
        settings=settings(Weights(attainment=1, value=0, balance=0, fit=0, stability=0)),
    )


def test_a_project_the_change_budget_keeps_out_names_it_on_a_proven_plan():
    quarter = _small_or_big()
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
    quarter = _small_or_big()
    worse = Plan((Assignment("small", "brand", 1, 100, 10),))
    why = explain_unassigned(quarter, worse, "big")
    assert why.kind is UnassignedKind.BETTER_PLAN
    assert why.reason.startswith(
        "a better plan may exist: the planner stopped before it could rule out a plan with "
        "this project: "
    ), why.reason


def _weeks_quarter():
    """A small quarter in weeks: Brand may own one project and keeps its better one; Demand
    Gen has 1,000 h free over the quarter but none in weeks 1-3, when 'Press launch' must
    run. Its weeks (rule 10, in its window: rule 11) keep the launch out of a plan proven
    best."""
    return problem(
        [
            team("brand", capacity=1300, name="Brand", max_projects=1),
            team("dg", capacity=1300, name="Demand Gen"),
        ],
        [
            project("keep", effort=100, value=90, name="Brand book"),
            project("busy", effort=300, value=50, duration_weeks=3, due_week=3, name="Webinar"),
            project("launch", effort=30, value=20, duration_weeks=1, due_week=3, name="Press"),
        ],
        rules=[pin("keep", "brand"), pin("busy", "dg")],
    )


def test_a_project_the_weeks_keep_out_of_a_proven_plan_reads_with_the_week_reason():
    """Rules 10-12 are the weeks' own: Demand Gen has the quarter's hours for the launch, so
    the option read as a better plan ("a better plan may exist (this one is not proven
    best): ... Demand Gen has room (1,000 h free)") on a plan proven best. The weeks say
    why: Demand Gen has no room in weeks 1-3."""
    quarter = _weeks_quarter()
    result = solve(quarter)
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert set(result.plan.owners()) == {"keep", "busy"}
    why = explain_unassigned(quarter, result.plan, "launch")
    assert why.kind is UnassignedKind.WEEKS, why.reason
    assert "better plan may exist" not in why.reason
    assert "Demand Gen has no room for its 30.0 h a week in weeks 1-3" in why.reason, why.reason
    assert "Demand Gen has room" not in why.reason, why.reason


def test_an_option_the_weeks_allow_still_reads_as_a_better_plan():
    """With Demand Gen's Webinar out, the launch has weeks 1-3: the plan that leaves it out
    is not the best, and is told so."""
    quarter = _weeks_quarter().replace(rules=(pin("keep", "brand"),))
    worse = Plan((Assignment("keep", "brand", 1, 100, 90),))
    why = explain_unassigned(quarter, worse, "launch")
    assert why.kind is UnassignedKind.BETTER_PLAN
    assert why.reason.startswith(
        "a better plan may exist: the planner stopped before it could rule out a plan with "
        "this project: "
    ), why.reason


def test_the_weeks_of_an_option_that_displaces_work_are_weighed_without_that_work():
    """Demand Gen at its limit of 2 projects: the launch would displace 'Small' (weeks 6-10),
    which frees no hour of weeks 1-3. Said over the plan without it."""
    quarter = _weeks_quarter()
    dg = replace(quarter.team("dg"), max_projects=2)
    small = project("small", effort=50, value=5, duration_weeks=5, earliest_week=6, name="Small")
    quarter = quarter.replace(
        teams=(quarter.team("brand"), dg), projects=(*quarter.projects, small)
    )
    result = solve(quarter)
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert set(result.plan.owners()) == {"keep", "busy", "small"}
    why = explain_unassigned(quarter, result.plan, "launch")
    assert why.kind is UnassignedKind.WEEKS, why.reason
    assert (
        "but even without 'Small', Demand Gen has no room for its 30.0 h a week in weeks 1-3"
        in why.reason
    ), why.reason


def test_a_joint_project_the_weeks_keep_out_names_the_teams_weighed_not_every_team():
    """The sales side's words spoke of every sales team ("no sales team has a week with
    room for its share") where only the teams of its options were weighed: here 'SDR Team'
    has weeks 1-3 free, but with Brand no pair covers the demo skill. The teams weighed are
    named, no more."""
    quarter = problem(
        [
            team("ae", "sales", capacity=1300, name="AEs", skills={"demo": 1}),
            team("sdr", "sales", capacity=1300, name="SDR Team"),
            team("brand", capacity=1300, name="Brand", skills={"copy": 1}),
        ],
        [
            project("busy", "closing", effort=300, value=50, duration_weeks=3, due_week=3),
            project(
                "abm",
                "nurturing",
                effort=40,
                value=20,
                joint=True,
                duration_weeks=1,
                due_week=3,
                required_skills={"demo": 1, "copy": 1},
            ),
        ],
        rules=[pin("busy", "ae")],
    )
    result = solve(quarter)
    assert result.status is Status.OPTIMAL and result.plan is not None
    assert set(result.plan.owners()) == {"busy"}
    why = explain_unassigned(quarter, result.plan, "abm")
    assert why.kind is UnassignedKind.WEEKS, why.reason
    # SDR Team has room but no pair's skills: the sales side is the teams able to take it.
    assert "no sales team has" not in why.reason, why.reason
    assert why.reason == (
        "it needs both a sales and a marketing owner, and no sales team able to take it has a "
        "week with room for its share: AEs has no room for its 20.0 h a week in weeks 1-3, "
        "when it must run for 1 week within weeks 1-3"
    )
