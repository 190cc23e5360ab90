"""The warm start: the LP relaxation rounded, then improved by local search."""

from __future__ import annotations

import threading
import time

import pytest
from builders import (
    VALUE_ONLY,
    SkippingClock,
    estimate,
    goal,
    problem,
    project,
    settings,
    team,
)

import planner.optimizer.lp_bound as lp_bound_module
from planner.core.generate import generate_instance, generate_problem
from planner.core.settings import Weights
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import greedy_pairs
from planner.optimizer.lp_bound import lp_bound
from planner.optimizer.warm_start import warm_start


def owners(pairs):
    return {p.project_id: p.team_id for p in pairs}


@pytest.mark.parametrize("seed", range(4))
def test_improved_plan_breaks_no_rule_and_never_scores_less(seed):
    """Local search only takes improving moves that keep every hard rule."""
    prob = generate_problem(10, 70, 6, seed)
    pairs = eligible_pairs(prob)
    preference = lp_bound(prob, pairs=pairs).values.tolist()
    for pref in (None, preference):
        plain = plan_objective(prob, greedy_pairs(prob, pairs, pref))
        improved = plan_objective(prob, greedy_pairs(prob, pairs, pref, improve_s=1))
        assert improved is not None and plain is not None
        assert improved >= plain - 1e-9


def test_local_search_relocates_a_project_to_make_room():
    """m1 holds 'small', which m2 could hold too; moving it lets 'big' (only m1 may) in."""
    prob = problem(
        [team("m1", capacity=10, skills={"seo": 3}), team("m2", capacity=5)],
        [
            project("small", effort=5, value=1),
            project("big", effort=10, value=5, required_skills={"seo": 3}),
        ],
    )
    pairs = eligible_pairs(prob)
    # Preferring small on m1 and big nowhere paints the greedy into the corner.
    preference = [1.0 if (p.project_id, p.team_id) == ("small", "m1") else 0.0 for p in pairs]
    assert owners(greedy_pairs(prob, pairs, preference)) == {"small": "m1"}
    assert owners(greedy_pairs(prob, pairs, preference, improve_s=1)) == {
        "small": "m2",
        "big": "m1",
    }


def test_local_search_swaps_out_work_on_a_goal_past_its_target():
    """Extra value on a reached goal is worth nothing; the hours go to the lagging goal."""
    weights = Weights(attainment=1, value=0, balance=0, fit=0, stability=0)
    prob = problem(
        [team("m1", capacity=10)],
        [
            project("done", effort=5, value=10, goal_id="g1"),
            project("surplus", effort=5, value=10, goal_id="g1"),
            project("lagging", effort=5, value=10, goal_id="g2"),
        ],
        goals=[goal("g1", 10), goal("g2", 10)],
        settings=settings(weights),
    )
    pairs = eligible_pairs(prob)
    preference = [0.0 if p.project_id == "lagging" else 1.0 for p in pairs]
    assert set(owners(greedy_pairs(prob, pairs, preference))) == {"done", "surplus"}
    improved = greedy_pairs(prob, pairs, preference, improve_s=1)
    assert "lagging" in owners(improved) and len(improved) == 2
    assert plan_objective(prob, improved) == pytest.approx(200)


def test_local_search_never_drops_a_mandatory_project():
    """A mandatory project stays in even when something worth more wants its hours."""
    prob = problem(
        [team("m1", capacity=10)],
        [project("must", effort=10, value=1, mandatory=True), project("rich", effort=10, value=9)],
        settings=settings(VALUE_ONLY),
    )
    pairs = eligible_pairs(prob)
    assert owners(greedy_pairs(prob, pairs, improve_s=1)) == {"must": "m1"}


def test_warm_start_gives_a_valid_plan_below_its_lp_bound():
    """The solve reports the LP bound as its best bound: it must sit above the start plan."""
    prob = generate_problem(12, 90, 6, seed=5)
    warm = warm_start(prob, time_limit_s=5)
    assert warm.objective is not None and warm.bound is not None
    assert warm.objective <= warm.bound + 1e-6
    assert plan_objective(prob, warm.plan) == warm.objective
    assert warm.pairs == eligible_pairs(prob)


def test_a_warm_start_rounded_from_pdlp_gives_a_valid_plan_below_its_bound(monkeypatch):
    """At company scale the LP is PDLP's (lp_bound.py): its values are rounded like GLOP's,
    and its bound, the solve's best bound, sits above the plan."""
    prob = generate_problem(12, 90, 6, seed=5)
    monkeypatch.setattr(lp_bound_module, "_PDLP_MIN_COLUMNS", 1)
    rounded = []
    warm = warm_start(prob, time_limit_s=5, on_rounded=rounded.append)
    assert warm.objective is not None and warm.bound is not None
    assert warm.objective <= warm.bound + 1e-6
    assert plan_objective(prob, warm.plan) == warm.objective
    assert rounded and rounded[0].bound == warm.bound  # the LP's values were rounded first


def test_a_warm_start_no_search_can_follow_takes_the_time_up_to_the_deadline():
    """When the caller cannot search after it (a model too big for the time its share
    leaves), the warm start's plan is the answer: it works up to ``stop_at``, LP included,
    instead of stopping at its own share."""
    prob = generate_problem(10, 70, 6, seed=0)
    deadline = time.perf_counter() + 30
    share_only = warm_start(prob, time_limit_s=0.0, stop_at=deadline)
    assert share_only.bound is None  # no time for GLOP in a share of 0 s
    seen = []
    alone = warm_start(
        prob, time_limit_s=0.0, stop_at=deadline, alone=lambda pairs: seen.append(pairs) or True
    )
    assert alone.bound is not None and seen == [alone.pairs]
    assert alone.objective is not None and alone.objective <= alone.bound + 1e-6
    assert time.perf_counter() < deadline


def test_warm_start_with_no_time_still_gives_a_valid_plan():
    """However short the time, CP-SAT gets a start (the greedy's when GLOP cannot finish)."""
    prob = generate_problem(6, 30, 4, seed=1)
    warm = warm_start(prob, time_limit_s=0.0)
    assert warm.objective is not None


def test_cancelled_warm_start_skips_the_lp_and_the_local_search():
    """The leader's Stop button: no LP starts and no move is tried once cancel is set."""
    prob = generate_problem(10, 70, 6, seed=0)
    cancel = threading.Event()
    cancel.set()
    warm = warm_start(prob, time_limit_s=30, cancel=cancel)
    assert warm.bound is None
    assert owners(warm.plan) == owners(greedy_pairs(prob, eligible_pairs(prob)))


def test_local_search_swaps_two_projects_between_teams():
    """Each team does the other's project better: a swap finds it where no single move can."""
    prob = problem(
        [team("m1", capacity=10), team("m2", capacity=10)],
        [project("a", effort=10, value=1), project("b", effort=10, value=1)],
        estimates=[
            estimate("a", "m1", value=1),
            estimate("a", "m2", value=5),
            estimate("b", "m1", value=5),
            estimate("b", "m2", value=1),
        ],
        settings=settings(VALUE_ONLY),
    )
    pairs = eligible_pairs(prob)
    preference = [
        1.0 if (p.project_id, p.team_id) in {("a", "m1"), ("b", "m2")} else 0.0 for p in pairs
    ]
    assert owners(greedy_pairs(prob, pairs, preference)) == {"a": "m1", "b": "m2"}
    improved = greedy_pairs(prob, pairs, preference, improve_s=1)
    assert owners(improved) == {"a": "m2", "b": "m1"}
    assert plan_objective(prob, improved) == 10


def test_local_search_follows_an_ejection_chain_of_two_moves():
    """'big' needs m1; m1's mandatory 'x' can only go to m2, whose 'y' moves on to m3."""
    prob = problem(
        [
            team("m1", capacity=10, skills={"seo": 3, "pr": 1}),
            team("m2", capacity=10, skills={"pr": 1}),
            team("m3", capacity=10),
        ],
        [
            project("big", effort=10, value=5, required_skills={"seo": 3}),
            project("x", effort=10, value=1, required_skills={"pr": 1}, mandatory=True),
            project("y", effort=10, value=1),
        ],
        settings=settings(VALUE_ONLY),
    )
    pairs = eligible_pairs(prob)
    preference = [
        1.0 if (p.project_id, p.team_id) in {("x", "m1"), ("y", "m2")} else 0.0 for p in pairs
    ]
    assert owners(greedy_pairs(prob, pairs, preference)) == {"x": "m1", "y": "m2"}
    assert owners(greedy_pairs(prob, pairs, preference, improve_s=1)) == {
        "big": "m1",
        "x": "m2",
        "y": "m3",
    }


def test_a_re_pack_in_weeks_counts_only_when_it_took_a_step(monkeypatch):
    """The solve skips CP-SAT over the whole model after a re-packed warm start, so
    ``repacked`` must mean the neighbourhood search in weeks really ran: one stopped
    before its first step (its time already gone) leaves the plan to CP-SAT."""
    from planner.core.generate import generate_instance
    from planner.core.generate_weeks import with_weeks
    from planner.optimizer import warm_start as warm_start_module

    monkeypatch.setattr(warm_start_module, "_LNS_MIN_PAIRS", 0)  # as if it were large
    prob = with_weeks(generate_instance(8, 80, 8, 1), 1).replace(settings=settings(VALUE_ONLY))
    ran = warm_start(prob, time_limit_s=10.0, budget_s=7.5)
    assert ran.objective is not None and ran.repacked
    too_late = warm_start(prob, time_limit_s=10.0, budget_s=7.5, repack_s=0.0)
    assert too_late.objective is not None and not too_late.repacked


def test_the_lp_leaves_the_greedy_its_time_before_the_deadline(monkeypatch):
    """A short limit on a large quarter: GLOP stops in time for the greedy to build a plan.

    At 150 x 3,000 in weeks with a 5 s limit GLOP took the time the greedy needed, and
    the plan handed back held a fifth of the work (170 points, where 2,040 fit the time).
    """
    import time

    from planner.optimizer import warm_start as warm_start_module

    seen: list[float] = []
    real = warm_start_module.lp_bound

    def timed_lp(*args, **kwargs):
        seen.append(kwargs["time_limit_s"])
        return real(*args, **kwargs)

    def slow_pairs(problem):  # a slow machine: finding the pairs takes 0.2 s
        time.sleep(0.2)
        return eligible_pairs(problem)

    monkeypatch.setattr(warm_start_module, "lp_bound", timed_lp)
    monkeypatch.setattr(warm_start_module, "eligible_pairs", slow_pairs)
    # On such a machine the greedy needs 5 times that: 1 s of the 3 s left.
    monkeypatch.setattr(warm_start_module, "_GREEDY_PER_ELIGIBILITY", 5.0)
    prob = generate_problem(12, 90, 6, seed=5)
    called = time.perf_counter()
    warm = warm_start(prob, time_limit_s=30.0, stop_at=called + 3.0)
    assert warm.objective is not None
    # What the deadline leaves after finding the pairs (0.2 s) and the greedy's need (1 s).
    assert seen and max(seen) <= 3.0 - 0.2 - 1.0
    # Without a deadline the LP keeps its share of the time.
    seen.clear()
    warm_start(prob, time_limit_s=30.0)
    assert seen and min(seen) > 20.0


def test_no_lp_when_the_deadline_leaves_it_no_time(monkeypatch):
    """When the greedy's own need takes all the time to the deadline, GLOP is not started."""
    import time

    from planner.optimizer import warm_start as warm_start_module

    prob = generate_problem(12, 90, 6, seed=5)
    monkeypatch.setattr(warm_start_module, "_GREEDY_PER_ELIGIBILITY", 1e9)
    warm = warm_start(prob, time_limit_s=30.0, stop_at=time.perf_counter() + 5.0)
    assert warm.bound is None and warm.objective is not None


#: A limit no machine's load reaches on these small quarters: the searches end on their
#: work budget (``budget_s``), so each plan is the same on a busy machine. With 0.5 s, at
#: load 5-7 the clock cut one of them short and a start week read 9 where the plan had 1.
LOAD_FREE_S = 30.0


@pytest.mark.parametrize("weeks", [False, True])
def test_a_baseline_that_still_fits_is_kept_whole_with_its_weeks(weeks):
    """A re-plan against a plan that still fits, where a move costs more than any project
    adds, starts from it: no project moves.

    The baseline here is another plan of the same inputs (one that weighs only value),
    so the greedy's own order would place many projects elsewhere. At company scale
    (150 x 3,000 in weeks) a check-in on track moved 377 projects, since CP-SAT does
    not bring them back from such a start in its seconds.
    """
    from dataclasses import replace as replaced

    from planner.core.domain import Baseline
    from planner.core.generate_weeks import with_weeks

    generated = generate_instance(10, 80, 6, 1)
    prob = with_weeks(generated, 1) if weeks else generated.problem
    other = prob.replace(
        settings=prob.settings.with_changes(
            weights=Weights(attainment=0, value=1, balance=0, fit=0, stability=0)
        )
    )
    before = warm_start(other, time_limit_s=LOAD_FREE_S, budget_s=0.5)
    owners_before: dict[str, set[str]] = {}
    for pair in before.plan:
        owners_before.setdefault(pair.project_id, set()).add(pair.team_id)
    baseline = Baseline(
        {p: frozenset(t) for p, t in owners_before.items()}, starts=dict(before.starts)
    )
    anchored = prob.replace(
        baseline=baseline,
        settings=prob.settings.with_changes(
            weights=replaced(prob.settings.weights, stability=1000.0)
        ),
    )
    free = warm_start(prob, time_limit_s=LOAD_FREE_S, budget_s=0.5)
    assert {p.project_id for p in free.plan} != set(owners_before)  # another plan

    kept = warm_start(anchored, time_limit_s=LOAD_FREE_S, budget_s=0.5)
    owners_after: dict[str, set[str]] = {}
    for pair in kept.plan:
        owners_after.setdefault(pair.project_id, set()).add(pair.team_id)
    assert {p: owners_after.get(p) for p in owners_before} == owners_before
    if weeks:
        assert {p: kept.starts[p] for p in owners_before} == dict(before.starts)


@pytest.mark.parametrize("weeks", [False, True])
def test_the_local_search_ends_by_the_solves_deadline_not_its_own_share(monkeypatch, weeks):
    """Past ``stop_at`` (the solve's deadline less the time kept to check the plan) no local
    search runs, however long the warm start's own share of the limit.

    With only its share, 100 x 10,000 in weeks at a 7 s limit searched 5.2 s where the
    deadline left 1.2 s, and the plan's checking ran the answer to 9.9 s.
    """
    import time

    import planner.optimizer.warm_start as module
    from planner.core.generate_weeks import with_weeks

    searched: list[float] = []
    greedy_plan = module.greedy_plan

    def recorded(*args, **kwargs):
        searched.append(kwargs["improve_s"])
        return greedy_plan(*args, **kwargs)

    monkeypatch.setattr(module, "greedy_plan", recorded)
    p = with_weeks(generate_instance(6, 40, 8, 1), 1) if weeks else generate_problem(6, 40, seed=1)
    warm = warm_start(p, time_limit_s=60.0, stop_at=time.perf_counter() - 1.0)
    assert searched and all(s == 0.0 for s in searched)
    assert warm.plan  # the greedy's plan all the same (forced work first, then what fits)
    searched.clear()
    warm_start(p, time_limit_s=60.0, stop_at=time.perf_counter() + 0.3)
    assert searched and all(s <= 0.3 for s in searched)


def test_past_the_solves_deadline_no_other_start_is_rounded(monkeypatch):
    """With a plan that keeps every rule in hand past ``stop_at``, the other starts (here
    the greedy's own order) are not rounded: a check-in at 100 x 10,000 in weeks rounded a
    second start after its deadline, 3.4 s past it. The one rounded is the current plan's:
    re-planning a 200 x 6,000 plan against itself at 10 s rounded only the LP's order and
    ended at 7.8 % goal attainment with 3,926 changes, where keeping the plan scored 94.9 %."""
    import time

    import planner.optimizer.warm_start as module
    from planner.core.domain import Baseline

    rounded: list[object] = []
    greedy_plan = module.greedy_plan

    def recorded(*args, **kwargs):
        rounded.append(args[2])  # the preference
        return greedy_plan(*args, **kwargs)

    monkeypatch.setattr(module, "greedy_plan", recorded)
    p = generate_problem(6, 40, seed=1)
    first = warm_start(p, time_limit_s=0.0)
    owners: dict[str, set[str]] = {}
    for pair in first.plan:
        owners.setdefault(pair.project_id, set()).add(pair.team_id)
    anchored = p.replace(baseline=Baseline({k: frozenset(v) for k, v in owners.items()}))
    rounded.clear()
    warm_start(anchored, time_limit_s=0.0, stop_at=time.perf_counter() + 60.0)
    assert len(rounded) == 2  # the current plan's, then the greedy's own order
    assert rounded[0] is not None and rounded[1] is None
    rounded.clear()
    late = warm_start(anchored, time_limit_s=0.0, stop_at=time.perf_counter() - 1.0)
    assert len(rounded) == 1 and late.objective is not None
    assert rounded[0] is not None  # the current plan's preference (the greedy's is None)
    assert {(q.project_id, q.team_id) for q in late.plan} >= {
        (project_id, team_id) for project_id, teams in owners.items() for team_id in teams
    }


def test_a_plan_is_weighed_at_the_checkers_objective_only_when_it_keeps_every_rule():
    """``plan_objective`` weighs the warm start's plans and a plan carried over from the
    one in force (a what-if's, a check-in's) before either is kept."""
    from planner.core.pairs import pair_of

    quarter = problem(
        [team("a", capacity=10), team("b", capacity=10)],
        [project("p1", effort=10, value=5), project("p2", effort=10, value=3)],
    )

    def on(*owners: tuple[str, str]):
        return [pair_of(quarter, quarter.project(p), quarter.team(t)) for p, t in owners]

    assert plan_objective(quarter, on(("p1", "a"), ("p2", "b"))) == 8
    assert plan_objective(quarter, on(("p2", "b"))) == 3  # p1 left out scores nothing
    assert plan_objective(quarter, on(("p1", "a"), ("p2", "a"))) is None  # 20 h on 10 h


def test_the_greedy_stops_in_time_for_its_plans_check_by_the_deadline(monkeypatch):
    """The greedy and its local search stop sooner than ``stop_at`` by a share of the time
    finding the eligible pairs took: checking their plan comes after them and ends by it
    (200 x 6,000 at 12 s answered in 12.9-15.3 s, the check all past the deadline)."""
    import time

    import planner.optimizer.warm_start as module

    slow_pairs = module.eligible_pairs

    def slow(problem_):
        time.sleep(0.5)  # a machine this slow at finding them is as slow at checking
        return slow_pairs(problem_)

    stops: list[float] = []
    greedy_plan = module.greedy_plan

    def recorded(*args, **kwargs):
        stops.append(kwargs["stop_at"])
        return greedy_plan(*args, **kwargs)

    monkeypatch.setattr(module, "eligible_pairs", slow)
    monkeypatch.setattr(module, "greedy_plan", recorded)
    deadline = time.perf_counter() + 60.0
    warm_start(generate_problem(6, 40, seed=1), time_limit_s=0.0, stop_at=deadline)
    assert stops and all(s <= deadline - 0.2 for s in stops)


def test_a_warm_start_in_weeks_no_search_can_follow_ends_with_the_re_pack(monkeypatch):
    """In weeks, a warm start whose plan is the answer works up to the re-pack's end (two
    finishing reserves before the limit), not up to ``stop_at``: finishing a plan in weeks
    took 4 s at 150 x 3,000 under load, past one reserve, and a 30 s solve answered at
    31.8 s. Without weeks it still works up to ``stop_at``."""
    from planner.core.generate_weeks import with_weeks
    from planner.optimizer import warm_start as warm_start_module

    given: list[float] = []
    real = warm_start_module._warm_start

    def spied(*args, **kwargs):
        given.append(kwargs["time_limit_s"])
        return real(*args, **kwargs)

    monkeypatch.setattr(warm_start_module, "_warm_start", spied)
    in_weeks = with_weeks(generate_instance(6, 30, 4, 0), 0)
    without = generate_problem(6, 30, 4, seed=0)
    for prob in (in_weeks, without):
        warm_start(
            prob,
            time_limit_s=0.0,
            stop_at=time.perf_counter() + 30,
            repack_s=1.0,
            budget_s=0.0,
            alone=lambda pairs: True,
        )
    assert given[0] == pytest.approx(1.0)  # in weeks: the re-pack's end
    assert given[1] > 25  # without weeks: up to stop_at, as before


def test_on_a_slow_machine_the_warm_start_stops_in_time_for_the_plan_to_be_finished(monkeypatch):
    """Finishing the warm start's plan (translating, explaining, checking it) grows with the
    machine's load, not with the limit: at 150 x 1,500 beside two busy loops (load 10-12)
    it took 1.3-3.3 s where a 5 s limit kept 0.75 s, and solves answered up to 3.6 s late.
    With ``reserved_s`` (what the caller keeps), the greedy stops in time for twice the
    eligible pairs' seconds; on a fast machine, where that is less than what is kept, its
    deadline is as before.
    """
    import time

    from planner.optimizer import warm_start as warm_start_module

    stops: list[float] = []
    greedy_plan = warm_start_module.greedy_plan

    def recorded(*args, **kwargs):
        stops.append(kwargs["stop_at"])
        return greedy_plan(*args, **kwargs)

    pairs_s = [0.0]

    def slow_pairs(problem):  # a busy machine: finding the pairs takes pairs_s[0] longer
        time.sleep(pairs_s[0])
        return eligible_pairs(problem)

    monkeypatch.setattr(warm_start_module, "greedy_plan", recorded)
    monkeypatch.setattr(warm_start_module, "eligible_pairs", slow_pairs)
    prob = generate_problem(12, 90, 6, seed=5)

    pairs_s[0] = 0.5
    deadline = time.perf_counter() + 30.0
    warm = warm_start(prob, time_limit_s=30.0, stop_at=deadline, reserved_s=0.25)
    assert warm.objective is not None and warm.eligibility_s is not None
    assert warm.eligibility_s >= 0.5
    # Twice the pairs' seconds (1 s and more) kept, of which the caller kept 0.25 s, and
    # the check of each start's plan (0.6 times them) as before.
    assert stops and max(stops) <= deadline - (2 * warm.eligibility_s - 0.25) - 0.3 + 1e-9

    stops.clear()
    pairs_s[0] = 0.0
    deadline = time.perf_counter() + 30.0
    warm = warm_start(prob, time_limit_s=30.0, stop_at=deadline, reserved_s=25.0)
    assert warm.eligibility_s is not None
    # A fast machine: the caller's own reserve covers finishing; only the check is kept.
    assert stops and min(stops) == pytest.approx(deadline - 0.6 * warm.eligibility_s)


def test_on_a_slow_machine_no_lp_starts_that_its_time_cannot_build_and_solve(monkeypatch):
    """Building the LP (its rules, rows and GLOP's request) cannot stop, and on a busy
    machine took 1.5-2.5 times as long as finding the eligible pairs (150 x 1,500, load
    8-10): GLOP was given 1 s and the LP took 3.1 s, the greedy's time with it, and the
    solve answered 1.8 s late. Where what is left of the LP's share is less than four times
    the pairs' seconds (the build, and as long again for GLOP), no LP starts; on a fast
    machine it does. The seconds are not waited: the warm start's clock is moved on."""
    from planner.optimizer import warm_start as warm_start_module

    clock = SkippingClock()
    pairs_s = [0.0]

    def slow_pairs(problem_):
        clock.skip(pairs_s[0])
        return eligible_pairs(problem_)

    built: list[float] = []
    real = warm_start_module.lp_bound

    def recorded(*args, **kwargs):
        built.append(kwargs["time_limit_s"])
        return real(*args, **kwargs)

    monkeypatch.setattr(warm_start_module, "time", clock)
    monkeypatch.setattr(warm_start_module, "eligible_pairs", slow_pairs)
    monkeypatch.setattr(warm_start_module, "lp_bound", recorded)
    prob = generate_problem(12, 90, 6, seed=5)
    pairs_s[0] = 0.1  # the LP's 2.4 s of a 3 s warm start hold four times 0.1 s
    fast = warm_start(prob, time_limit_s=3.0)
    assert built and fast.bound is not None
    built.clear()
    pairs_s[0] = 1.0  # 1.4 s left of them: less than four times 1 s
    slow = warm_start(prob, time_limit_s=3.0)
    assert built == [] and slow.bound is None
    assert slow.objective is not None and plan_objective(prob, slow.plan) == slow.objective


def test_past_the_deadline_a_later_starts_plan_is_not_checked(monkeypatch):
    """Each start's plan is checked and scored after its greedy (0.3-1.2 s at 150 x 1,500
    on a busy machine), and that check could not stop: a second start begun before
    ``stop_at`` whose greedy ended past it was checked all past it. With the first start's
    checked plan in hand, the later start is dropped unchecked and the first plan kept; a
    plan is never kept unchecked. The clock is moved on by hand, not waited."""
    from planner.core.generate_weeks import with_weeks
    from planner.optimizer import warm_start as warm_start_module

    clock = SkippingClock()
    real_greedy, real_check = warm_start_module.greedy_plan, warm_start_module.checked_objective
    rounded: list[object] = []
    checked: list[list] = []

    def greedy(*args, **kwargs):
        rounded.append(args[2])
        chosen = real_greedy(*args, **kwargs)
        if len(rounded) == 2:
            clock.skip(100.0)  # the second start's greedy ends past the deadline
        return chosen

    def check(problem_, chosen, starts=None):
        checked.append(chosen)
        return real_check(problem_, chosen, starts)

    monkeypatch.setattr(warm_start_module, "time", clock)
    monkeypatch.setattr(warm_start_module, "greedy_plan", greedy)
    monkeypatch.setattr(warm_start_module, "checked_objective", check)
    monkeypatch.setattr(warm_start_module, "_LNS_MIN_PAIRS", 10**9)  # no re-pack here
    prob = with_weeks(generate_instance(6, 40, 8, 1), 1)  # small: two starts
    warm = warm_start(prob, time_limit_s=5.0, stop_at=clock.perf_counter() + 50.0)
    assert len(rounded) == 2 and rounded[0] is not None and rounded[1] is None
    assert len(checked) == 1  # the LP's rounding only
    assert warm.objective is not None
    assert warm.objective == plan_objective(prob, warm.plan, warm.starts)
    assert {(q.project_id, q.team_id) for q in warm.plan} == {
        (q.project_id, q.team_id) for q in checked[0]
    }
