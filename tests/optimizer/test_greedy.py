"""The greedy plan: CP-SAT's warm start and the benchmarks' baseline."""

from __future__ import annotations

import pytest
from builders import pin, problem, project, team

from planner.checker import check_plan
from planner.core.domain import Assignment, Plan, Unassigned
from planner.core.generate import generate_problem
from planner.core.pairs import Pair
from planner.core.settings import Weights
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.greedy import greedy_pairs, topological


def as_plan(prob, pairs: list[Pair]) -> Plan:
    chosen = {p.project_id for p in pairs}
    return Plan(
        tuple(Assignment(p.project_id, p.team_id, p.share, p.effort_hours, p.value) for p in pairs),
        tuple(Unassigned(p.project_id, "-") for p in prob.projects if p.project_id not in chosen),
    )


@pytest.mark.parametrize("seed", range(6))
def test_greedy_plan_breaks_no_rule_on_generated_quarters(seed):
    """A warm start that broke capacity or dependencies would mislead the solver."""
    prob = generate_problem(12, 80, 6, seed)
    pairs = greedy_pairs(prob, eligible_pairs(prob))
    violations = [v for v in check_plan(prob, as_plan(prob, pairs)) if v.rule != 2]
    assert violations == []
    assert len(pairs) > 20


def test_greedy_takes_the_densest_project_first():
    """With room for one of two, the greedy takes more value per hour."""
    prob = problem(
        [team("m1", capacity=10)],
        [project("big", effort=10, value=10), project("dense", effort=5, value=8)],
    )
    assert [p.project_id for p in greedy_pairs(prob, eligible_pairs(prob))] == ["dense"]


def test_greedy_places_mandatory_projects_before_valuable_ones():
    """Mandatory work is placed first so the warm start is feasible where it can be."""
    prob = problem(
        [team("m1", capacity=10)],
        [project("gem", effort=10, value=100), project("must", effort=10, value=0, mandatory=True)],
    )
    assert [p.project_id for p in greedy_pairs(prob, eligible_pairs(prob))] == ["must"]


def test_greedy_gives_pinned_work_its_team_before_mandatory_work_that_can_go_elsewhere():
    """A mandatory project listed first must not take the one team a pinned project may have.

    Placed in the data's order, "must" took a's hours and "pinned" was left out: a warm
    start that broke rule 7, so a generated L quarter in weeks (seed 3) had no first plan.
    """
    prob = problem(
        [team("a", capacity=10), team("b", capacity=10)],
        [project("must", effort=10, mandatory=True), project("pinned", effort=10)],
        rules=[pin("pinned", "a")],
    )
    pairs = greedy_pairs(prob, eligible_pairs(prob))
    assert {(p.project_id, p.team_id) for p in pairs} == {("pinned", "a"), ("must", "b")}
    assert check_plan(prob, as_plan(prob, pairs)) == []


def test_greedy_brings_a_prerequisite_for_a_valuable_follower():
    """A zero-value prerequisite is taken when a valuable project needs it."""
    prob = problem(
        [team("m1", capacity=30)],
        [
            project("base", effort=10, value=0),
            project("win", effort=10, value=50, depends_on=("base",)),
        ],
        settings=problem([], []).settings.with_changes(
            weights=Weights(attainment=0, value=1, balance=0, fit=0)
        ),
    )
    assert {p.project_id for p in greedy_pairs(prob, eligible_pairs(prob))} == {"base", "win"}


def test_a_search_whose_time_is_up_is_not_set_up(monkeypatch):
    """Past the local search's deadline, and past the neighbourhoods' own, neither is set
    up: at 100 x 10,000 in weeks setting them up took 1.6 s past the deadline, which ran
    a 7 s solve to 8.7 s."""
    import time

    import planner.optimizer.greedy as greedy_module
    from planner.core.generate import generate_instance
    from planner.core.generate_weeks import with_weeks
    from planner.optimizer.eligibility import eligible_pairs
    from planner.optimizer.greedy import greedy_plan
    from planner.optimizer.week_search import WeekSearch

    set_up: list[str] = []

    class Search(WeekSearch):
        def __init__(self, *args, **kwargs):
            set_up.append("search")
            super().__init__(*args, **kwargs)

    class Neighbourhoods(greedy_module.WeekNeighbourhoods):
        def __init__(self, *args, **kwargs):
            set_up.append("neighbourhoods")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(greedy_module, "WeekNeighbourhoods", Neighbourhoods)
    p = with_weeks(generate_instance(6, 40, 8, 1), 1)
    pairs = eligible_pairs(p)
    # The deadline passes while the greedy builds its plan (a nanosecond after the call).
    plan, _ = greedy_plan(p, pairs, improve_s=1e-9, search=Search)
    assert plan and set_up == []
    # The local search has its time, the neighbourhoods' deadline is gone.
    late = time.perf_counter() - 1.0
    plan, _ = greedy_plan(
        p, pairs, improve_s=0.2, search=Search, neighbourhoods=1.0, neighbourhoods_until=late
    )
    assert plan and set_up == ["search"]


def test_prerequisites_come_first_in_a_chain_longer_than_the_recursion_limit():
    """A chain of 1,500 projects listed last-first (each after the one listed next) ended a
    solve with "RecursionError": the greedy put prerequisites first by recursion, one call
    a link. The walk is the loader's (``dependency_graph.prerequisites_first``), with no
    recursion."""
    chain = [
        project(f"P{i}", effort=1, value=1, depends_on=(f"P{i - 1}",) if i else ())
        for i in range(1500)
    ][::-1]
    prob = problem([team("m1", capacity=100_000)], chain)

    order = topological(prob, list(prob.projects))

    assert [p.project_id for p in order] == [f"P{i}" for i in range(1500)]


def test_prerequisites_come_first_in_the_order_they_are_listed():
    """Between prerequisites, the data's order (``depends_on``'s), as the greedy took them."""
    prob = problem(
        [team("m1", capacity=100)],
        [project("c", depends_on=("b", "a")), project("a"), project("b")],
    )

    assert [p.project_id for p in topological(prob, list(prob.projects))] == ["b", "a", "c"]
    kept = [prob.project("a"), prob.project("c")]
    assert [p.project_id for p in topological(prob, kept, keep_order=True)] == ["a", "c"]


def test_past_its_deadline_the_greedy_rounds_no_more_of_the_lps_choice():
    """The LP's whole projects were placed in one pass that never looked at the clock:
    at 150 x 1,500 on a busy machine (load 10) the greedy took 3.85 s, 2 s of it past its
    ``stop_at``, and the solve answered 1.8 s late. Past it, the pass stops as the best-first
    one does: the forced work is placed (the plan keeps every rule), the rest is left out.
    Before it, the LP's choice is rounded whole."""
    import time

    prob = problem(
        [team("m1", capacity=100), team("m2", capacity=100)],
        [project("must", effort=10, mandatory=True)]
        + [project(f"p{i}", effort=10, value=i + 1) for i in range(8)],
        rules=[pin("must", "m2")],
    )
    pairs = eligible_pairs(prob)
    preference = [1.0 if p.team_id == "m1" else 0.0 for p in pairs]
    on_time = greedy_pairs(prob, pairs, preference, stop_at=time.perf_counter() + 60.0)
    assert {(p.project_id, p.team_id) for p in on_time} == {("must", "m2")} | {
        (f"p{i}", "m1") for i in range(8)
    }
    late = greedy_pairs(prob, pairs, preference, stop_at=time.perf_counter() - 1.0)
    assert [(p.project_id, p.team_id) for p in late] == [("must", "m2")]
    assert check_plan(prob, as_plan(prob, late)) == []


@pytest.mark.parametrize("seed", range(3))
def test_the_greedy_s_set_up_reads_each_pair_as_the_definitions_do(seed):
    """Each pair's hours, value, project and fit points, and each team's weekly room, are
    the definitions' figures pair by pair, though the set-up works each out once per project
    (joint work and a team's own estimate give a project's pairs different amounts)."""
    from fractions import Fraction
    from math import floor

    from planner.core.generate import generate_instance
    from planner.core.generate_weeks import with_weeks
    from planner.core.weeks import week_limits
    from planner.optimizer.greedy import Greedy

    prob = with_weeks(generate_instance(12, 120, 8, seed), seed)
    pairs = eligible_pairs(prob)
    assert {p.department for p in pairs} == {"sales", "marketing"}
    assert any(p.share != 1 for p in pairs) and prob.estimates  # joint work, own estimates
    greedy = Greedy(prob, pairs, None)
    scale = greedy.hour_scale
    assert greedy.hours == [int(p.effort_hours * scale) for p in pairs]
    hours = zip(greedy.hours, pairs, strict=True)
    assert all(Fraction(h, scale) == p.effort_hours for h, p in hours)
    assert greedy.value == [float(p.value) for p in pairs]
    assert greedy.project_of == [prob.project(p.project_id) for p in pairs]
    assert dict(greedy.by_project) == {
        project_id: [r for r, p in enumerate(pairs) if p.project_id == project_id]
        for project_id in dict.fromkeys(p.project_id for p in pairs)
    }
    levels = {t.team_id: t for t in prob.teams}
    fit = [
        sum(
            levels[p.team_id].level(s) - lvl
            for s, lvl in prob.project(p.project_id).required_skills.items()
            if lvl > 0 and levels[p.team_id].level(s) >= lvl
        )
        + (prob.project(p.project_id).stage in levels[p.team_id].stages)
        for p in pairs
    ]
    assert greedy.fit == fit
    weeks = greedy.weeks
    assert weeks is not None
    assert weeks.duration == [prob.duration(prob.project(p.project_id)) for p in pairs]
    lcm = weeks.unit // scale
    runs = zip(greedy.hours, weeks.duration, strict=True)
    assert weeks.per_week == [h * lcm // d for h, d in runs]
    assert weeks.free == {
        t.team_id: [floor(limit * weeks.unit) for limit in week_limits(prob, t.team_id)]
        for t in prob.teams
    }
    assert all(
        week_limits(prob, t.team_id)
        == tuple(h * prob.settings.plannable_share(t.team_id, t.department) for h in hours)
        for t in prob.teams
        for hours in [prob.week_hours[t.team_id]]
    )


def test_the_current_plan_first_still_places_all_the_forced_work_the_greedy_alone_places():
    """A check-in's re-plan rounds the current plan first. Its owners' rank put a joint
    project pinned on its sales side (its marketing side free) on Brand, whose room the
    work pinned to Brand alone needed; placed again fewest owners first, the mandatory
    launch went to its current team, Content, and took the joint project's other way in.
    The greedy's own order places all of it (the joint project on the roomier Content), so
    the current plan's start broke a pin and lost to a start that moved 24 projects of 163
    on a 25-team quarter. Forced work the preferred owners leave out is placed as the
    greedy's own order places it."""
    from planner.core.domain import Baseline
    from planner.optimizer.greedy import baseline_preference

    p = problem(
        [
            team("sales", "sales", capacity=100),
            team("brand", capacity=10, skills={"events": 1}),
            team("ops", capacity=15, skills={"launch": 1}),
            team("content", capacity=20, skills={"events": 1, "launch": 1}),
        ],
        [
            project("launch", effort=15, mandatory=True, required_skills={"launch": 1}),
            project("joint", "nurturing", effort=20, joint=True, required_skills={"events": 1}),
            project("pinned", effort=10),
        ],
        rules=[pin("joint", "sales"), pin("pinned", "brand")],
    )
    p = p.replace(
        baseline=Baseline(
            {
                "launch": frozenset({"content"}),
                "joint": frozenset({"sales", "brand"}),
                "pinned": frozenset({"brand"}),
            }
        )
    )
    pairs = eligible_pairs(p)
    alone = greedy_pairs(p, pairs)
    assert {q.project_id for q in alone} == {"launch", "joint", "pinned"}
    kept = greedy_pairs(p, pairs, baseline_preference(p, pairs))
    assert {q.project_id for q in kept} == {"launch", "joint", "pinned"}
    plan = Plan(
        tuple(Assignment(q.project_id, q.team_id, q.share, q.effort_hours, q.value) for q in kept)
    )
    assert check_plan(p, plan) == []
