"""Exchanges in weeks: planned projects out, a left-out one in, where the freed weeks hold it."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from builders import VALUE_ONLY, forbid, problem, settings, team
from builders import project as make_project
from test_week_lns import chosen, generated_weeks, week_searched

from planner.checker import check_plan
from planner.core.domain import CalendarRow, Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import Greedy
from planner.optimizer.week_search import WeekSearch
from planner.optimizer.week_swap import WeekSwaps
from planner.solving.plans import to_plan


def test_fits_without_is_releasing_them_and_asking_for_a_start():
    """Whether a project finds a start once one or two of the team's projects give their weeks
    back is what releasing them and asking the room for a start says; the room and the
    starts are as they were after."""
    prob = generated_weeks(4, teams=8, projects=80)
    greedy, search = week_searched(prob)
    weeks = greedy.weeks
    assert weeks is not None
    rng = random.Random(0)
    left_out = [p for p in prob.projects if p.project_id not in greedy.chosen]
    asked = answered_yes = 0
    for project in search.candidates():
        for row in search.rows[project.project_id]:
            team_id = search.team_of[row]
            mine = [q for q in search.on_team[team_id] if q in search.movable]
            for size in (1, 2):
                if len(mine) < size:
                    continue
                held = [greedy.chosen[q][0] for q in rng.sample(mine, size)]
                room = weeks.snapshot()
                said = weeks.fits_without(project, row, held)
                assert weeks.snapshot() == room
                for r in held:
                    weeks.release(greedy.pairs[r].project_id, [r])
                found = weeks.start_for(project, [row]) is not None
                weeks.restore(room)
                assert said == found, (project.project_id, row, held)
                asked += 1
                answered_yes += said
    assert left_out and asked > 50 and 0 < answered_yes < asked


def owners(greedy) -> list[tuple[str, str]]:
    return sorted((p.project_id, p.team_id) for p in chosen(greedy))


def swapped(seed: int) -> tuple[object, WeekSearch, WeekSwaps]:
    prob = generated_weeks(seed)
    greedy, search = week_searched(prob)
    swaps = WeekSwaps(search)
    swaps.run(10**9, deadline=float("inf"))
    return greedy, search, swaps


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exchanges_keep_every_rule_and_raise_the_plan(seed):
    """Each exchange is looked at in weeks before it is made and kept only when the search's
    score rises: the plan passes the checker (rules 1-12) and scores above the week search's."""
    prob = generated_weeks(seed)
    greedy, search = week_searched(prob)
    assert greedy.weeks is not None
    before = plan_objective(prob, chosen(greedy), dict(greedy.weeks.start))
    score = search.score()
    swaps = WeekSwaps(search)
    swaps.run(10**9, deadline=float("inf"))
    assert search.score() >= score - 1e-9
    assert check_plan(prob, to_plan(prob, chosen(greedy), greedy.weeks.start)) == []
    after = plan_objective(prob, chosen(greedy), dict(greedy.weeks.start))
    assert before is not None and after is not None
    assert after >= before - 1e-9
    assert (after > before + 1e-9) == (swaps.made > 0)


def test_an_exchange_brings_in_what_the_week_search_left_out():
    """The week search carries out only the swap that gains most and drops it when its weeks
    have no run; exchanges looked at in weeks first bring in projects it left out."""
    made = sum(swapped(seed)[2].made for seed in (3, 4, 6))
    assert made > 0


@pytest.mark.parametrize("seed", [1, 3])
def test_no_single_exchange_is_left_that_would_gain(seed):
    """After the passes, no left-out project gains by taking the place of one project of a
    team (which leaves the plan) where the weeks then hold it: tried for real, one by one."""
    greedy, search, _ = swapped(seed)
    weeks = greedy.weeks
    assert weeks is not None
    score = search.score()
    tried = 0
    for project in search.candidates():
        for row in search.rows[project.project_id]:
            team_id = search.team_of[row]
            for other in list(search.on_team[team_id]):
                if other not in search.movable or other in search.mandatory:
                    continue
                saved = search._save()
                search._drop(other)
                if greedy.fits(row):
                    tried += 1
                    search._take(project, row)
                    assert search.score() <= score + 1e-9, (project.project_id, other)
                search._restore(saved)
    assert tried > 0


def test_the_same_inputs_give_the_same_exchanges_and_work_bounds_them():
    """The passes count their work in exchanges weighed, not seconds: the same plan twice; with
    no work nothing moves."""
    first, _, swaps = swapped(6)
    again, _, _ = swapped(6)
    assert first.weeks is not None and again.weeks is not None
    assert owners(first) == owners(again)
    assert first.weeks.start == again.weeks.start
    assert swaps.made > 0
    prob = generated_weeks(6)
    greedy, search = week_searched(prob)
    plan = owners(greedy)
    idle = WeekSwaps(search)
    idle.run(0, deadline=float("inf"))
    assert idle.weighed == 0 and owners(greedy) == plan


def two_runs_in_the_way() -> tuple[Problem, Greedy, dict[str, int]]:
    """One team with 10 hours a week; mandatory ``a`` and ``b`` (two weeks each, weeks 1-6)
    run in weeks 2-3 and 4-5, so weeks 1 and 6 are free: ``c`` (two weeks in weeks 1-6) has
    the quarter's hours and a slot but no run. Moving ``a`` alone or ``b`` alone opens none;
    moving both (to weeks 1-2 and 3-4, or 3-4 and 5-6...) does."""
    runs = {"earliest_week": 1, "due_week": 6, "duration_weeks": 2}
    prob = problem(
        [team("m1", capacity=130)],
        [
            make_project("a", effort=20, value=1, mandatory=True, **runs),
            make_project("b", effort=20, value=1, mandatory=True, **runs),
            make_project("c", effort=20, value=5, **runs),
        ],
        calendar=[CalendarRow("m1", 1, 13, Decimal(10))],
    )
    pairs = eligible_pairs(prob)
    greedy = Greedy(prob, pairs, None)
    row = {p.project_id: i for i, p in enumerate(pairs)}
    for project_id in ("a", "b"):
        greedy.take(prob.project(project_id), [row[project_id]])
    assert greedy.weeks is not None
    greedy.weeks.retime({"a": 2, "b": 4}, row)
    assert greedy.weeks.start == {"a": 2, "b": 4}
    return prob, greedy, row


def test_a_repack_moves_several_runs_in_time_to_open_one():
    """No run for ``c`` as the team's weeks are, nor with one of ``a`` and ``b`` moved; the
    re-pack moves both, and its starts keep every rule once carried out. The room is as it
    was after the look."""
    prob, greedy, row = two_runs_in_the_way()
    weeks = greedy.weeks
    assert weeks is not None
    c = prob.project("c")
    assert not weeks.fits_without(c, row["c"], [])
    for other in ("a", "b"):
        assert not weeks.fits_in_turn(c, row["c"], prob.project(other), row[other])
    room = weeks.snapshot()
    starts = weeks.repack(c, row["c"], [], [row["a"], row["b"]])
    assert weeks.snapshot() == room
    assert starts is not None and set(starts) == {"a", "b", "c"}
    assert starts["a"] != 2 and starts["b"] != 4  # both moved
    weeks.retime({p: starts[p] for p in ("a", "b")}, row)
    greedy.take(c, [row["c"]])
    assert weeks.start == starts
    assert check_plan(prob, to_plan(prob, chosen(greedy), weeks.start)) == []
    # Nothing to move: no run.
    weeks.restore(room)
    assert weeks.repack(c, row["c"], [], []) is None


def test_an_exchange_brings_in_a_project_by_moving_the_team_in_time():
    """The exchanges give ``c`` its run by moving ``a`` and ``b`` in time (all three in the
    plan, the checker passes); told not to move them in time, they leave it out."""
    for retiming in (True, False):
        prob, greedy, _ = two_runs_in_the_way()
        search = WeekSearch(greedy, deadline=float("inf"))
        swaps = WeekSwaps(search)
        swaps.retiming = retiming
        swaps.run(10**9, deadline=float("inf"))
        assert ("c" in greedy.chosen) is retiming
        assert swaps.retimed == int(retiming)
        assert greedy.weeks is not None
        assert check_plan(prob, to_plan(prob, chosen(greedy), greedy.weeks.start)) == []


@pytest.mark.parametrize("seed", [2, 5])
def test_a_repack_is_a_packing_of_the_team_weeks_and_leaves_the_room_as_it_was(seed):
    """On generated quarters in weeks, for left-out projects and random sets of a team's
    movable projects to move in time: every start the re-pack gives is one of the project's
    own, and all the runs at those starts fit the team's weekly hours; the room and the starts
    are the same after the look."""
    prob = generated_weeks(seed)
    greedy, search = week_searched(prob)
    weeks = greedy.weeks
    assert weeks is not None
    rng = random.Random(seed)
    asked = found = 0
    for project in search.candidates():
        for row in search.rows[project.project_id]:
            team_id = search.team_of[row]
            mine = sorted(
                greedy.chosen[q][0] for q in search.on_team[team_id] if q in search.movable
            )
            if not mine:
                continue
            held = rng.sample(mine, rng.randint(0, min(1, len(mine))))
            shifted = [r for r in mine if r not in held]
            room = weeks.snapshot()
            starts = weeks.repack(project, row, held, shifted)
            assert weeks.snapshot() == room
            asked += 1
            if starts is None:
                continue
            found += 1
            free = list(room[0][team_id])
            for r in (*held, *shifted):
                weeks._add(free, r, weeks.start[greedy.pairs[r].project_id], 1)
            for r in (row, *shifted):
                pid = greedy.pairs[r].project_id
                assert starts[pid] in prob.starts(prob.project(pid))
                weeks._add(free, r, starts[pid], -1)
            assert min(free) >= 0, (project.project_id, row)
    assert asked > 20 and found > 0


def a_chain_in_the_way() -> tuple[Problem, Greedy]:
    """Two teams with weeks for one quarter-long project each: ``b`` (6) on m1, ``d`` (1) on
    m2. ``c`` (5) only m1 may own; ``b`` could move to m2, which has no room while ``d`` is
    there, and is worth more than ``c``."""
    quarter = {"earliest_week": 1, "due_week": 13, "duration_weeks": 13}
    prob = problem(
        [team("m1", capacity=130), team("m2", capacity=130)],
        [
            make_project("b", effort=130, value=6, **quarter),
            make_project("c", effort=130, value=5, **quarter),
            make_project("d", effort=130, value=1, **quarter),
        ],
        rules=[forbid("c", "m2")],
        calendar=[CalendarRow(t, 1, 13, Decimal(10)) for t in ("m1", "m2")],
    )
    pairs = eligible_pairs(prob)
    greedy = Greedy(prob, pairs, None)
    row = {(p.project_id, p.team_id): i for i, p in enumerate(pairs)}
    greedy.take(prob.project("b"), [row[("b", "m1")]])
    greedy.take(prob.project("d"), [row[("d", "m2")]])
    return prob, greedy


def test_a_chain_moves_the_project_going_out_to_a_team_that_gives_up_one_of_its_own():
    """``c`` comes in on m1 in place of ``b``, which takes m2's place from ``d`` (value 11, the
    best plan); without chains ``b`` could only leave the plan, which loses, and the plan
    stays as it was (value 7)."""
    for chains, owners_after, value in (
        (True, {"c": "m1", "b": "m2"}, 11),
        (False, {"b": "m1", "d": "m2"}, 7),
    ):
        prob, greedy = a_chain_in_the_way()
        search = WeekSearch(greedy, deadline=float("inf"))
        swaps = WeekSwaps(search)
        swaps.chains = chains
        swaps.run(10**9, deadline=float("inf"))
        assert {p.project_id: p.team_id for p in chosen(greedy)} == owners_after
        assert swaps.chained == int(chains)
        assert greedy.weeks is not None
        plan = chosen(greedy)
        assert check_plan(prob, to_plan(prob, plan, greedy.weeks.start)) == []
        assert plan_objective(prob, plan, dict(greedy.weeks.start)) == pytest.approx(value)


def test_chains_are_made_on_generated_quarters():
    """Past one exchange's reach: on generated quarters in weeks some left-out project comes in
    by a chain (the plans keep every rule: the exchanges' test above runs them too)."""
    assert sum(swapped(seed)[2].chained for seed in (1, 3, 4, 6)) > 0


@pytest.mark.parametrize(("seed", "attainment"), [(1, True), (4, True), (3, False)])
def test_exchanges_bounded_below_the_best_are_not_weighed_and_the_plan_is_the_same(
    seed, attainment
):
    """An exchange whose gain is bounded below the best one found (its goals' terms rise by no
    more than their points a unit times the value added; dropping a project never raises
    one) is left unweighed: to the end of the passes the same exchanges, fewer weighed."""
    runs = []
    for bounded in (True, False):
        generated = generate_instance(20, 200, seed=seed)
        prob = with_weeks(generated, seed=seed)
        if not attainment:
            prob = prob.replace(settings=settings(VALUE_ONLY))
        greedy, search = week_searched(prob)
        swaps = WeekSwaps(search)
        swaps.bounded = bounded
        swaps.run(10**9, deadline=float("inf"))
        assert greedy.weeks is not None
        made = (swaps.made, swaps.chained)
        runs.append((owners(greedy), dict(greedy.weeks.start), made, swaps.weighed))
    (plan, starts, made, weighed), (full_plan, full_starts, full_made, full_weighed) = runs
    assert made[1] > 0 and made == full_made
    assert plan == full_plan and starts == full_starts
    assert weighed < full_weighed


def test_a_second_run_reads_the_plan_as_it_is_then():
    """The ways out each team has are kept while no exchange is made, not from one run to the
    next: a plan changed between two runs (as the steps between the passes change it) is read
    again, as a new set of passes reads it."""
    greedy, search, swaps = swapped(3)
    assert swaps._outs_of  # the last pass read the teams' ways out, and made no exchange
    moved = 0
    for pid in sorted(greedy.chosen):
        if pid not in search.movable:
            continue
        (held,) = greedy.chosen[pid]
        saved = search._save()
        search._drop(pid)
        rows = [r for r in search.rows[pid] if r != held and greedy.fits(r)]
        if (
            rows
            and greedy.weeks is not None
            and greedy.weeks.start_for(greedy.problem.project(pid), rows[:1]) is not None
        ):
            search._take(greedy.problem.project(pid), rows[0])
            moved += 1
        else:
            search._restore(saved)
        if moved == 6:
            break
    assert moved
    saved = search._save()
    fresh = WeekSwaps(search)
    fresh.run(10**9, deadline=float("inf"))
    expected = owners(greedy)
    search._restore(saved)
    swaps.run(10**9, deadline=float("inf"))
    assert owners(greedy) == expected
