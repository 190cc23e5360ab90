"""The projects every plan must assign, in words: the optimizer's forced work, said.

``planner.explain.rules.forced_projects`` reads the forced set (rules 2, 7 and 8) from
the optimizer's one writing of it and adds only the words; the words name, for each
prerequisite, a forced project that needs it.
"""

from __future__ import annotations

from builders import pin, problem, project, team
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import every_plan, small_problems

from planner.checker import check_plan
from planner.explain.rules import forced_projects


@st.composite
def pinned_problems(draw):
    """A small problem, with a pin about half the time."""
    prob = draw(small_problems(max_projects=4))
    if draw(st.booleans()):
        p = draw(st.sampled_from(prob.projects))
        t = draw(st.sampled_from(prob.teams))
        prob = prob.replace(rules=(pin(p.project_id, t.team_id),))
    return prob


# 45 quarters with a valid plan (some 60 drawn: three in four have one).
@settings(max_examples=45, deadline=None)
@given(pinned_problems())
def test_the_forced_projects_are_those_every_plan_assigns(prob):
    """A leader told "it must be assigned" of a project some valid plan leaves out, or
    not told it of one every plan holds, would read a conflict wrongly: the set said is
    the projects every plan the checker accepts assigns (rules 2, 7 and 8 alone force
    work in these quarters, which have no baseline). A quarter without a valid plan is
    drawn again: a strategy drawing none would fail here, not pass on nothing."""
    plans = [owners for owners, plan in every_plan(prob) if not check_plan(prob, plan)]
    assume(plans)
    always = set.intersection(*(set(owners) for owners in plans))
    assert set(forced_projects(prob)) == always


def test_a_prerequisite_is_said_by_the_forced_project_that_needs_it():
    """'launch' is mandatory and needs 'brief', which needs 'research': each prerequisite
    names the project it is there for, the mandatory one as mandatory."""
    prob = problem(
        [team("m1", capacity=100)],
        [
            project("research", name="Research"),
            project("brief", name="Brief", depends_on=("research",)),
            project("launch", name="Launch", depends_on=("brief",), mandatory=True),
            project("ads", name="Ads", depends_on=("research",)),
        ],
    )
    assert forced_projects(prob) == {
        "launch": "it is mandatory",
        "brief": "mandatory 'Launch' depends on it",
        "research": "'Brief', which must be assigned, depends on it",
    }


def test_a_pinned_project_and_its_prerequisite_are_forced():
    """A pin forces its project and what it depends on, never the projects beside it."""
    prob = problem(
        [team("m1", capacity=100)],
        [project("a", name="A"), project("b", name="B", depends_on=("a",)), project("c")],
        rules=[pin("b", "m1")],
    )
    assert forced_projects(prob) == {
        "b": "it is pinned",
        "a": "'B', which must be assigned, depends on it",
    }
