"""planner.interfaces.plan_filters: the Plan page's filters as its address asks for them."""

from __future__ import annotations

from builders import goal, problem, project, team

from planner.interfaces.plan_filters import (
    filter_offers,
    filter_values_meant,
    goal_filter_options,
    unknown_filter_values,
    unknown_filter_words,
)


def _quarter():
    return problem(
        [team("sdr", name="SDR", department="sales"), team("content", name="Content")],
        [project("p1", goal_id="leads"), project("p2")],
        goals=[goal("leads", 100, name="Leads")],
    )


def test_values_the_filters_offer_are_known_and_the_rest_are_named_once_in_filter_order():
    """A VP sent /plan?team=Field%20Events read every team's plan as if it were that team's:
    a value no filter offers is told apart from those it does, once, departments first, an
    empty value and a key no filter has asking for nothing."""
    prob = _quarter()
    asked = {
        "goal": ["Leads", "Pipeline"],
        "team": ["SDR", "Field Events", "Field Events", ""],
        "department": ["Sales", "Finance"],
        "stage": [],
        "colour": ["red"],
    }
    assert unknown_filter_values(prob, asked) == [
        ("department", "Finance"),
        ("team", "Field Events"),
        ("goal", "Pipeline"),
    ]
    assert unknown_filter_values(prob, {"team": ["SDR"], "goal": ["(no goal)"]}) == []


def test_the_goal_filter_offers_no_goal_only_when_a_project_has_none():
    """ "(no goal)" is a choice only where a project has no goal, so an address asking for it
    on data where every project has one is told it is unknown."""
    prob = _quarter()
    assert goal_filter_options(prob) == ["Leads", "(no goal)"]
    every_one = problem(
        [team("content")], [project("p1", goal_id="leads")], goals=[goal("leads", 9)]
    )
    assert "(no goal)" not in filter_offers(every_one)["goal"]
    assert unknown_filter_values(every_one, {"goal": ["(no goal)"]}) == [("goal", "(no goal)")]


def test_the_warning_names_three_unknown_values_and_counts_the_others():
    """One value is "it", several "them"; past three the others are counted, not listed."""
    assert unknown_filter_words([]) is None
    one = unknown_filter_words([("team", "Field Events")])
    assert one == (
        "This page's address asks for team 'Field Events', which these data do not have "
        "(renamed or removed since the address was copied?): the plan below is not filtered "
        "on it. Pick from the filters instead."
    )
    five = unknown_filter_words([("team", f"T{i}") for i in range(5)])
    assert five is not None
    assert "asks for team 'T0', team 'T1', team 'T2' and 2 others, which" in five
    assert "not filtered on them." in five


def test_an_id_or_other_capitals_in_the_address_are_told_as_the_filter_writes_them():
    """/plan?department=sales&team=sdr&stage=lead_generation, the ids the data files write
    (or 'sdr' for the label 'SDR'), read "which these data do not have (renamed or removed
    since the address was copied?)" of a department, team and stage the page had (attack
    round 33): each is told with the value its filter offers."""
    prob = _quarter()
    asked = {
        "department": ["sales"],
        "team": ["sdr", "CONTENT", "Field Events"],
        "stage": ["awareness"],
        "goal": ["leads"],
    }
    unknown = unknown_filter_values(prob, asked)
    meant = filter_values_meant(prob, unknown)
    assert meant == {
        ("department", "sales"): "Sales",
        ("team", "sdr"): "SDR",
        ("team", "CONTENT"): "Content",
        ("stage", "awareness"): "Awareness",
        ("goal", "leads"): "Leads",
    }
    assert ("team", "Field Events") not in meant
    words = unknown_filter_words(unknown[:2], meant)
    assert words == (
        "This page's address asks for department 'sales' (the filter's 'Sales') and team "
        "'sdr' (the filter's 'SDR'), which these data do not have as written: the plan below "
        "is not filtered on them. Pick from the filters instead."
    )
