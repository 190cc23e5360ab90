"""The warm start with weeks: the local search that checks each move week by week, and the
LP bound without the start columns."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from builders import VALUE_ONLY, forbid, pin, problem, project, settings, team

from planner.checker import check_plan
from planner.core.domain import CalendarRow, Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.formulation import Formulation
from planner.optimizer.greedy import Greedy, greedy_plan
from planner.optimizer.lp_bound import LpStatus, lp_bound
from planner.optimizer.warm_start import warm_start
from planner.optimizer.week_search import WeekSearch
from planner.optimizer.weeks import WeekRoom
from planner.solving.plans import to_plan

D = Decimal


def generated_weeks(seed: int) -> Problem:
    """A generated 6 x 40 quarter in weeks (durations, windows, a holiday week, off-sites)."""
    generated = generate_instance(6, 40, seed=seed)
    return with_weeks(generated, seed=seed).replace(settings=settings(VALUE_ONLY))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_week_search_plans_keep_every_rule_and_never_score_below_the_greedy(seed):
    """Every move is checked week by week, so the improved plan passes the checker (rules
    1-12) and is at least as good as the greedy it started from."""
    prob = generated_weeks(seed)
    assert prob.is_time_phased
    pairs = eligible_pairs(prob)
    alone, alone_starts = greedy_plan(prob, pairs)
    searched, starts = greedy_plan(prob, pairs, improve_s=2.0, budget_s=2.0, search=WeekSearch)
    assert check_plan(prob, to_plan(prob, searched, starts)) == []
    before = plan_objective(prob, alone, alone_starts)
    after = plan_objective(prob, searched, starts)
    assert before is not None and after is not None
    assert after >= before - 1e-9


def full_in_week_3() -> Problem:
    """m1 is full in week 3 (a pinned 1-week job); ``other`` (week 5) could move to m2.

    ``big`` needs m1's week 3 (m2 may not own it). Moving ``other`` to m2 frees m1's quarter hours
    but not week 3: a move the quarter search would take and weeks forbid.
    """
    return problem(
        [team("m1", capacity=130), team("m2", capacity=130)],
        [
            project("pinned", effort=10, duration_weeks=1, earliest_week=3, due_week=3),
            project("other", effort=10, duration_weeks=1, earliest_week=5, due_week=5),
            project("big", effort=10, value=5, duration_weeks=1, earliest_week=3, due_week=3),
        ],
        rules=[pin("pinned", "m1"), forbid("big", "m2")],
        calendar=[CalendarRow("m1", 1, 13, D(10)), CalendarRow("m2", 1, 13, D(10))],
    )


def test_a_move_that_finds_no_week_is_undone_whole():
    """The relocation frees hours in week 5, not week 3: the search puts ``other`` back
    where it was (same team, same week) and leaves ``big`` out, instead of failing."""
    prob = full_in_week_3()
    pairs = eligible_pairs(prob)
    greedy = Greedy(prob, pairs, None)
    row = {(p.project_id, p.team_id): i for i, p in enumerate(pairs)}
    for project_id, team_id in (("pinned", "m1"), ("other", "m1")):
        greedy.take(prob.project(project_id), [row[(project_id, team_id)]])
    # The quarter has room on m1 once ``other`` leaves; only the week says no.
    greedy.free["m1"] = greedy.hours[row[("big", "m1")]]
    search = WeekSearch(greedy, deadline=float("inf"))
    assert not search._place(prob.project("big"))
    assert greedy.chosen == {"pinned": [row[("pinned", "m1")]], "other": [row[("other", "m1")]]}
    assert greedy.weeks is not None and greedy.weeks.start == {"pinned": 3, "other": 5}


def test_lp_without_start_columns_bounds_every_plan_with_weeks(monkeypatch):
    """Leaving rules 10-12 out relaxes the LP: its bound is at least the time-indexed LP's
    and at least the best plan's. A small quarter's warm start reports the time-indexed
    bound (cheap there, and tighter); a large one's, the relaxed bound."""
    from planner.optimizer import warm_start as warm_start_module

    prob = generated_weeks(4)
    pairs = eligible_pairs(prob)
    relaxed = lp_bound(prob, formulation=Formulation.of(prob, pairs, weeks=False))
    indexed = lp_bound(prob, formulation=Formulation.of(prob, pairs))
    assert relaxed.status is indexed.status is LpStatus.OPTIMAL
    assert relaxed.bound is not None and indexed.bound is not None
    assert relaxed.bound >= indexed.bound - 1e-6
    warm = warm_start(prob, time_limit_s=5.0)
    assert warm.bound == pytest.approx(indexed.bound)
    assert warm.objective is not None and warm.objective <= indexed.bound + 1e-6
    # As if it were large: past the size for the LP with weeks in the warm start, and past
    # the size for HiGHS beside it (whose bound, when it answers in time, is the tighter one).
    monkeypatch.setattr(warm_start_module, "_WEEKS_LP_MAX_COLUMNS", 0)
    monkeypatch.setattr(warm_start_module, "_WEEKS_IPM_MAX_COLUMNS", 0)
    warm = warm_start(prob, time_limit_s=5.0)
    assert warm.bound == pytest.approx(relaxed.bound)
    assert warm.objective is not None and warm.objective <= relaxed.bound + 1e-6
    assert Formulation.of(prob, pairs, weeks=False).starts is None


def test_a_project_shifts_to_other_weeks_to_make_room_on_its_team():
    """Retiming, the time-wise twin of a relocation: mandatory ``a`` (weeks 3 or 4) holds
    m1's week 3, which ``b`` needs; ``a`` moves to week 4 and both are in the plan."""
    prob = problem(
        [team("m1", capacity=130)],
        [
            project("a", effort=10, mandatory=True, duration_weeks=1, earliest_week=3, due_week=4),
            project("b", effort=10, value=5, duration_weeks=1, earliest_week=3, due_week=3),
        ],
    )
    pairs = eligible_pairs(prob)
    greedy = Greedy(prob, pairs, None)
    greedy.take(prob.project("a"), [0])
    assert greedy.weeks is not None and greedy.weeks.start == {"a": 3}
    search = WeekSearch(greedy, deadline=float("inf"))
    assert search._place(prob.project("b"))
    assert greedy.weeks.start == {"a": 4, "b": 3}
    chosen = [pairs[r] for rows in greedy.chosen.values() for r in rows]
    assert check_plan(prob, to_plan(prob, chosen, greedy.weeks.start)) == []


@pytest.mark.parametrize("seed", [1, 2])
def test_the_room_says_a_project_fits_exactly_when_it_finds_a_start_week(seed):
    """The local search asks "does it fit?" hundreds of thousands of times (a run of free
    weeks, one pass); the answer must be the one the start-week choice gives, or a move
    would be tried that then finds no week, or one that would fit be missed. Checked for
    every pair, and for both owners of joint projects, over a partly filled quarter."""
    prob = generated_weeks(seed)
    greedy = Greedy(prob, eligible_pairs(prob), None)
    greedy.run(None, None, 0, None, WeekSearch)
    room = greedy.weeks
    assert room is not None and room.start
    checked = fitting = 0
    for asked_about in prob.projects:
        rows = greedy.by_project.get(asked_about.project_id, [])
        asked = [[row] for row in rows] + ([rows] if len(rows) == 2 else [])
        for owners in asked:
            found = room.start_for(asked_about, owners) is not None
            assert room.fits(asked_about, owners) is found
            checked += 1
            fitting += found
    assert 0 < fitting < checked


def same_room(greedy: Greedy) -> WeekRoom:
    """A new room for the greedy's pairs, set to its room's weeks and starts: it knows
    nothing from before, so it works every answer out afresh."""
    assert greedy.weeks is not None
    fresh = WeekRoom(greedy.problem, greedy.pairs, greedy.hours, greedy.hour_scale)
    fresh.restore(greedy.weeks.snapshot())
    return fresh


@pytest.mark.parametrize("seed", [1, 2])
def test_what_the_room_remembers_is_what_it_would_work_out_again(seed):
    """The room remembers each pair's "does it fit?" and start week until its team's weeks
    change (the searches ask again and again between moves): after every take, release and
    restore of a seeded walk, each answer is the one a room that remembers nothing gives."""
    prob = generated_weeks(seed)
    greedy = Greedy(prob, eligible_pairs(prob), None)
    greedy.run(None, None, 0, None, WeekSearch)
    room = greedy.weeks
    assert room is not None
    rng = random.Random(seed)
    saved = greedy.snapshot()
    for step in range(60):
        if step % 20 == 19:
            greedy.restore(saved)
        elif greedy.chosen and rng.random() < 0.5:
            greedy.release(rng.choice(sorted(greedy.chosen)))
        else:
            project = rng.choice(prob.projects)
            owners = greedy.owners(project)
            if owners is not None:
                greedy.take(project, owners)
        fresh = same_room(greedy)
        for row, pair in enumerate(greedy.pairs):
            asked = prob.project(pair.project_id)
            assert room.fits(asked, [row]) is fresh.fits(asked, [row]), (step, row)
            assert room.start_for(asked, [row]) == fresh.start_for(asked, [row]), (step, row)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_retime_looks_at_the_weeks_and_leaves_them_as_they_were(seed):
    """Whether a left-out project fits a team once one of the team's projects moves to other
    weeks: the answer of releasing that project, taking the left-out one and looking for a
    start for the moved one again, and the room (weeks and starts, in their order) as before."""
    prob = generated_weeks(seed)
    greedy = Greedy(prob, eligible_pairs(prob), None)
    greedy.run(None, None, 0, None, WeekSearch)
    room = greedy.weeks
    assert room is not None
    search = WeekSearch(greedy, deadline=float("inf"))
    before = room.snapshot()
    asked = found = 0
    for left_out in search.candidates():
        for row in greedy.by_project[left_out.project_id]:
            for other in sorted(search.on_team[greedy.pairs[row].team_id]):
                if other not in search.movable:
                    continue
                (held,) = greedy.chosen[other]
                moved = prob.project(other)
                fits = room.fits_in_turn(left_out, row, moved, held)
                assert room.snapshot() == before
                assert list(room.start) == list(before[1])
                look = same_room(greedy)
                look.release(other, [held])
                start = look.start_for(left_out, [row])
                if start is not None:
                    look.take(left_out, [row], start)
                expected = start is not None and look.start_for(moved, [held]) is not None
                assert fits is expected
                asked += 1
                found += fits
    assert asked > 0
