"""Eligible pairs, decided all at once, agree exactly with ``exclusion()`` pair by pair."""

from __future__ import annotations

from decimal import Decimal

import pytest
from builders import estimate, forbid, problem, project, settings, team

from planner.core.domain import Problem
from planner.core.gap_instances import generate_gap_problem
from planner.core.generate import generate_problem
from planner.core.pairs import Pair
from planner.core.settings import CapacitySettings, StageSettings
from planner.optimizer.eligibility import StagePolicy, eligible_pairs, exclusion


def one_by_one(prob: Problem) -> tuple[Pair, ...]:
    """The definition: every pair that ``exclusion`` lets through, project by project."""
    pairs = []
    for p in prob.projects:
        for t in prob.teams:
            if exclusion(prob, p, t) is None:
                effort, value = prob.pair_amounts(p, t.team_id)
                share = p.share(t.department)
                pairs.append(
                    Pair(
                        p.project_id, t.team_id, t.department, share, effort * share, value * share
                    )
                )
    return tuple(pairs)


def with_what_ifs(prob: Problem, seed: int) -> Problem:
    """Multipliers, a utilisation cap and an edited stage policy, varied by seed."""
    s = prob.settings
    teams = prob.teams
    multipliers = {"sales": (0.5, 0.9, 1.3)[seed % 3], teams[seed % len(teams)].team_id: 0.33}
    s = s.with_changes(
        capacity=CapacitySettings(
            max_utilization=(1.0, 0.77, 0.3)[seed % 3], multipliers=multipliers
        )
    )
    if seed % 2:
        owners = dict(s.stages.owners)
        owners["closing"] = ("sales", "marketing")
        owners["nurturing"] = ("sales",)
        s = s.with_changes(stages=StageSettings(order=s.stages.order, owners=owners))
    return prob.replace(settings=s)


@pytest.mark.parametrize("seed", range(8))
def test_eligible_pairs_equal_exclusion_pair_by_pair_on_generated_quarters(seed):
    """The vectorised masks are the rules: same pairs, same order, same hours and value."""
    prob = with_what_ifs(generate_problem(4 + 3 * seed, 20 + 15 * seed, 5, seed), seed)
    fast, slow = eligible_pairs(prob), one_by_one(prob)
    assert fast == slow
    assert [(p.effort_hours, p.value, p.share) for p in fast] == [
        (p.effort_hours, p.value, p.share) for p in slow
    ]


def test_eligible_pairs_equal_exclusion_on_a_gap_instance():
    """Every pair has its own estimate there: the per-pair path must agree too."""
    prob = generate_gap_problem(6, 30, seed=4)
    assert eligible_pairs(prob) == one_by_one(prob)


def test_capacity_cut_off_is_exact_at_the_last_thousandth():
    """A project of exactly the team's limit is eligible; a thousandth more is not."""
    prob = problem(
        [team("m1", capacity="10.001")],
        [project("fits", effort="10.001"), project("over", effort="10.002")],
    )
    assert [p.project_id for p in eligible_pairs(prob)] == ["fits"]


def test_capacity_cut_off_uses_the_exact_multiplier():
    """0.9 x 100 h is 90 h exactly, not 89.99999999999999 h as a float."""
    prob = problem(
        [team("m1", capacity=100)],
        [project("fits", effort=90), project("over", effort="90.001")],
        settings=settings(capacity=CapacitySettings(multipliers={"m1": 0.9})),
    )
    assert [p.project_id for p in eligible_pairs(prob)] == ["fits"]


def test_joint_project_share_counts_against_each_side():
    """A joint project's hours are split by its sales share before the capacity check."""
    prob = problem(
        [team("m1", capacity=6), team("s1", "sales", capacity=4)],
        [project("j", "nurturing", effort=10, joint=True, sales_share=Decimal("0.4"))],
    )
    pairs = eligible_pairs(prob)
    assert {(p.team_id, p.effort_hours) for p in pairs} == {("m1", Decimal(6)), ("s1", Decimal(4))}


def test_joint_project_skills_are_left_to_the_pair_of_teams():
    """One team alone need not hold every skill of a joint project (rule 4)."""
    prob = problem(
        [team("m1", skills={"seo": 3}), team("s1", "sales", skills={"demo": 3})],
        [project("j", "nurturing", joint=True, required_skills={"seo": 2, "demo": 2})],
    )
    assert {p.team_id for p in eligible_pairs(prob)} == {"m1", "s1"}


def test_forbid_and_estimate_are_applied_pair_by_pair():
    """A forbid removes one pair; an estimate changes one pair's hours and value."""
    prob = problem(
        [team("m1", capacity=20), team("m2", capacity=20)],
        [project("a", effort=30), project("b", effort=5)],
        rules=[forbid("b", "m2")],
        estimates=[estimate("a", "m1", effort=15, value=9)],
    )
    pairs = {(p.project_id, p.team_id): p for p in eligible_pairs(prob)}
    assert set(pairs) == {("a", "m1"), ("b", "m1")}
    assert (pairs[("a", "m1")].effort_hours, pairs[("a", "m1")].value) == (15, 9)


def test_problem_without_projects_or_teams_has_no_pairs():
    """Empty inputs are valid and give no pairs, not an error."""
    assert eligible_pairs(problem([team("m1")], [])) == ()


def test_a_stage_policy_exclusion_names_the_stage_the_team_s_department_and_the_owners():
    """What the explanations word (tests/explain/test_pair_words.py holds the words)."""
    p = problem(
        [team("AEs", department="sales"), team("Brand")],
        [project("lg", "lead_generation")],
    )
    why = exclusion(p, p.project("lg"), p.team("AEs"))
    assert why == StagePolicy("lead_generation", "sales", ("marketing",))


def test_a_team_s_limit_is_the_sum_of_its_week_limits():
    """The quarter's limit and the weeks' limits share the share of its hours a team may
    plan (multiplier x max utilisation)."""
    from fractions import Fraction
    from pathlib import Path

    from planner.core.capacity import team_limit
    from planner.core.loading import load_with_warnings
    from planner.core.weeks import week_limits

    data = Path(__file__).resolve().parents[2] / "data"
    prob = with_what_ifs(load_with_warnings(data / "sample").problem, 1)
    for t in prob.teams:
        assert team_limit(prob, t) == sum(week_limits(prob, t.team_id), Fraction(0)), t.team_id


@pytest.mark.parametrize("folder", ["sample", "sample-without-weeks"])
def test_the_capacity_a_fix_adds_lifts_the_limit_by_what_it_claims(folder):
    """ "Add 100 h to SDR Team" must give SDR Team the hours it lacks, calendar or not.

    On the sample, whose calendar.csv gives one of 13 weeks (or all of them) for each team,
    added ``capacity_hours`` counted only in the other weeks: the fix lifted SDR Team by
    92.3 h of the 100 h it said, and Content, whose every week calendar.csv gives, by
    nothing. The hours now spread over every week, so each team gets a fix that lifts
    what it may plan by what the fix says, and an hour less would not.
    """
    from fractions import Fraction
    from pathlib import Path

    from planner.core.capacity import team_limit
    from planner.core.loading import load_with_warnings
    from planner.explain.changes import AddCapacity, capacity_increase

    data = Path(__file__).resolve().parents[2] / "data"
    prob = with_what_ifs(load_with_warnings(data / folder).problem, 1)
    extra = Fraction(101, 7)
    for t in prob.teams:
        more = capacity_increase(prob, t, extra)
        assert more is not None, t.team_id
        gain = team_limit(AddCapacity(t.team_id, more).apply(prob), t) - team_limit(prob, t)
        less = AddCapacity(t.team_id, more - 1).apply(prob)
        assert gain >= extra > team_limit(less, t) - team_limit(prob, t), t.team_id


def test_a_skill_is_uncovered_when_no_team_holds_it_at_the_level_one_rule_for_one_and_two():
    """Rule 4 once: a single team's missing skills and a joint pair's uncovered ones."""
    from planner.core.pairs import uncovered_skills
    from planner.optimizer.eligibility import MissingSkills, missing_skills

    needs = {"seo": 3, "events": 2, "pr": 1}
    joint = project("j", "nurturing", joint=True, required_skills=needs)
    ae = team("AE", department="sales", skills={"seo": 3})
    brand = team("Brand", skills={"events": 1, "pr": 2})
    assert uncovered_skills(joint, [ae, brand]) == (("events", 2),)
    assert uncovered_skills(joint, [ae]) == (("events", 2), ("pr", 1))
    assert uncovered_skills(joint, []) == (("events", 2), ("pr", 1), ("seo", 3))
    single = project("s", required_skills=needs)
    p = problem([ae, brand], [joint, single])
    assert missing_skills(p, single, brand) == MissingSkills(
        "Brand", (("events", 2, 1), ("seo", 3, 0))
    )
    assert missing_skills(p, joint, brand) is None  # the pair covers a joint project's skills
