"""Why this team: the owner's share of the plan's score, the alternatives priced and
ranked, a pin named first, team-specific estimates.
"""

from __future__ import annotations

from builders import (
    estimate,
    forbid,
    pin,
    problem,
    project,
    settings,
    team,
)

from planner.checker import objective_of
from planner.core.domain import Plan
from planner.core.settings import Weights
from planner.explain import (
    AlternativeKind,
    explain_assignment,
    explain_project,
)
from planner.solving.solver import solve

# -- why this team ------------------------------------------------------------------------------


def test_why_this_team_splits_the_objective_and_prices_the_alternative():
    """The owner's fit beats the other team's: the alternative is lower by the fit bonus."""
    weights = Weights(attainment=0, value=1, balance=0, fit=1, stability=0)
    p = problem(
        [team("Content", skills={"seo": 5}), team("Brand", skills={"seo": 3})],
        [project("SEO", value=10, required_skills={"seo": 3})],
        settings=settings(weights),
    )
    result = solve(p)
    why = explain_assignment(p, result.plan, "SEO")
    assert why.team_ids == ("Content",)
    assert why.contribution.value == 10 and why.contribution.fit == 2
    best = why.alternatives[0]
    assert best.team_id == "Brand" and best.kind is AlternativeKind.LOWER
    assert best.change is not None and best.change.total == -2
    assert "Why not Brand: it could take it, but its skills fit the work less well" in why.text()
    assert "objective" not in why.text()
    assert any("Moving it to Brand: score −2.00" in line for line in why.details)


def test_the_details_of_an_owner_read_in_the_advanced_score_s_words():
    """Plan page, "Explain a project", "Details: the optimizer's arithmetic" read "Its share
    of the objective: +41.89 (attainment +42.31, fit +0.25, balance -0.66)": solver words
    and setting keys, where the Advanced panel above it reads the same numbers as "score",
    "points", "Goal attainment", "Skill fit" and "Workload balance".
    """
    weights = Weights(attainment=0, value=1, balance=1, fit=1, stability=0)
    p = problem(
        [team("Content", skills={"seo": 5}), team("Brand", skills={"seo": 3})],
        [project("SEO", value=10, required_skills={"seo": 3})],
        settings=settings(weights),
    )
    why = explain_project(p, solve(p), "SEO")
    details = " ".join(why.details)
    assert details.startswith("Its share: +")
    assert "Total value +10.00" in details and "Skill fit +2.00" in details
    assert "Workload balance −" in details
    for key in ("objective", "(value", ", fit", ", balance"):
        assert key not in details, key


def test_why_this_team_ranks_a_full_team_before_a_ruled_out_one():
    """The closest call first: a team without room, then a team a rule keeps off."""
    p = problem(
        [team("Brand", capacity=10), team("Content", capacity=5), team("PMM", skills={})],
        [project("Ads", value=5, required_skills={}), project("Press", value=1)],
        rules=[forbid("Ads", "PMM")],
    )
    result = solve(p)
    owner = next(iter(result.plan.owners()["Ads"]))
    why = explain_assignment(p, result.plan, "Ads")
    kinds = [a.kind for a in why.alternatives]
    assert kinds == sorted(kinds)
    assert any(a.team_id == "PMM" and "forbids" in a.reason for a in why.alternatives)
    assert owner not in [a.team_id for a in why.alternatives]


def test_why_this_team_says_an_equal_alternative_scores_the_same():
    """ "The objective would drop by 0" reads as a loss that is not there."""
    p = problem([team("Brand"), team("Content")], [project("Ads")])
    result = solve(p)
    why = explain_assignment(p, result.plan, "Ads")
    (alt,) = why.alternatives
    assert "drop by" not in alt.reason
    assert alt.reason.startswith("it could take it and the plan would be as good")


def test_why_this_team_of_a_pinned_project_names_the_pin_before_the_room():
    """The pin is why the other team does not own it, even when it is also full. After the
    pin, the room is the team's by name: "the project is pinned to Brand; besides, it has no
    room" left a leader asking whether "it" was the team or the project."""
    p = problem(
        [team("Brand"), team("Content", capacity=5)],
        [project("Ads")],
        rules=[pin("Ads", "Brand")],
    )
    result = solve(p)
    (alt,) = explain_assignment(p, result.plan, "Ads").alternatives
    assert alt.team_id == "Content"
    assert alt.reason == (
        "the project is pinned to Brand; besides, Content has 5 h free for the project's 10 h"
    )


def test_a_pinned_project_s_other_team_without_a_slot_is_named_after_the_pin():
    """As above, for a team at its limit of projects: the limit is the team's, by name."""
    p = problem(
        [team("Brand"), team("Content", max_projects=1)],
        [project("Ads"), project("Press", value=1)],
        rules=[pin("Ads", "Brand"), pin("Press", "Content")],
    )
    result = solve(p)
    (alt,) = explain_assignment(p, result.plan, "Ads").alternatives
    assert alt.reason == (
        "the project is pinned to Brand; besides, Content is at its limit of 1 project"
    )


def test_why_this_team_uses_team_specific_estimates():
    """A team that does the work in fewer hours: the hours shown are its own."""
    p = problem(
        [team("Brand", capacity=100), team("Content", capacity=100)],
        [project("Ads", effort=50, value=1)],
        estimates=[estimate("Ads", "Content", effort=20)],
    )
    result = solve(p)
    why = explain_assignment(p, result.plan, "Ads")
    assert why.lines[0].startswith("'Ads' is owned by")
    owner = why.team_ids[0]
    assert f"({'20' if owner == 'Content' else '50'} h)" in why.lines[0]


def test_each_sample_owner_s_contribution_is_what_the_plan_loses_without_it(sample_result):
    """What an assignment brings is, term by term, the checker's objective of the plan
    minus that of the plan without it, for every project of the sample's plan: the figures a
    leader reads beside an owner are the plan's own, not an estimate."""
    sample, result = sample_result
    before = objective_of(sample, result.plan).signed()
    for project_id in result.plan.owners():
        c = explain_assignment(sample, result.plan, project_id).contribution
        kept = tuple(a for a in result.plan.assignments if a.project_id != project_id)
        after = objective_of(sample, Plan(kept)).signed()
        assert {n: getattr(c, n) for n in before} == {n: before[n] - after[n] for n in before}
