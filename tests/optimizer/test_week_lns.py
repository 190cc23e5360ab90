"""The large neighbourhood search in weeks: CP-SAT re-packs a few teams' weeks at a time."""

from __future__ import annotations

import pytest
from builders import VALUE_ONLY, settings

from planner.checker import check_plan
from planner.core.domain import Problem
from planner.core.generate import generate_instance
from planner.core.generate_weeks import with_weeks
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import Greedy, greedy_plan
from planner.optimizer.week_lns import WeekNeighbourhoods
from planner.optimizer.week_search import WeekSearch
from planner.solving.plans import to_plan


def generated_weeks(seed: int, teams: int = 8, projects: int = 80) -> Problem:
    """A generated quarter in weeks (durations, windows, a holiday week, off-sites)."""
    generated = generate_instance(teams, projects, seed=seed)
    return with_weeks(generated, seed=seed).replace(settings=settings(VALUE_ONLY))


def week_searched(prob: Problem) -> tuple[Greedy, WeekSearch]:
    """The greedy's plan and its week search (a few kicks), before any neighbourhood."""
    greedy = Greedy(prob, eligible_pairs(prob), None)
    greedy.run(None, None, 0, None, WeekSearch)
    search = WeekSearch(greedy, deadline=float("inf"), kicks=4)
    search.run()
    assert greedy.weeks is not None
    return greedy, search


def searched(prob: Problem, work: float) -> tuple[Greedy, WeekSearch, WeekNeighbourhoods]:
    """The greedy, its week search (a few kicks) and then ``work`` units of neighbourhoods."""
    greedy, search = week_searched(prob)
    neighbourhoods = WeekNeighbourhoods(search)
    neighbourhoods.run(work, deadline=float("inf"))
    return greedy, search, neighbourhoods


def chosen(greedy: Greedy) -> list:
    return [greedy.pairs[r] for rows in greedy.chosen.values() for r in rows]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_repacked_plans_keep_every_rule_and_never_score_below_the_week_search(seed):
    """Each step's plan is CP-SAT's answer to the freed teams' weekly rows, quarter hours and
    project caps; a step that does not gain is undone. So the plan passes the checker
    (rules 1-12) and scores at least what the week search left."""
    prob = generated_weeks(seed)
    greedy, search = week_searched(prob)
    assert greedy.weeks is not None
    before = plan_objective(prob, chosen(greedy), dict(greedy.weeks.start))
    score = search.score()
    neighbourhoods = WeekNeighbourhoods(search)
    neighbourhoods.run(0.3, deadline=float("inf"))
    assert neighbourhoods.steps > 0
    assert search.score() >= score - 1e-9
    plan = to_plan(prob, chosen(greedy), greedy.weeks.start)
    assert check_plan(prob, plan) == []
    after = plan_objective(prob, chosen(greedy), dict(greedy.weeks.start))
    assert before is not None and after is not None
    assert after >= before - 1e-9


def test_some_step_gains_where_the_week_search_stopped():
    """Moving several projects in time at once finds plans the week search's one- and
    two-project moves do not: on these generated quarters at least one step is kept."""
    gained = 0
    for seed in (1, 2, 3):
        _, _, neighbourhoods = searched(generated_weeks(seed), 0.3)
        gained += neighbourhoods.improved
    assert gained > 0


def test_tied_projects_keep_their_owners_and_move_only_in_time_within_their_sequence():
    """Projects with a dependency or a pin keep their owner and stay in the plan; joint ones
    stay where they are. A step may move a tied project to other weeks (gathering a team's
    free weeks into runs), so long as it still starts after its prerequisites end and ends
    before its dependents start (rule 12): the plan passes the checker. On these quarters
    some tied project moves."""
    moved = 0
    for seed in (1, 2, 3):
        prob = generated_weeks(seed)
        greedy, search = week_searched(prob)
        assert greedy.weeks is not None
        tied = {p.project_id for p in prob.projects} - search.movable
        joint = {p.project_id for p in prob.projects if p.joint}
        assert tied
        owners = {pid: rows for pid, rows in greedy.chosen.items() if pid in tied}
        starts = {pid: greedy.weeks.start.get(pid) for pid in owners}
        WeekNeighbourhoods(search).run(0.5, deadline=float("inf"))
        assert {pid: rows for pid, rows in greedy.chosen.items() if pid in tied} == owners
        for pid in owners.keys() & joint:
            assert greedy.weeks.start.get(pid) == starts[pid]
        moved += sum(greedy.weeks.start.get(pid) != start for pid, start in starts.items())
        assert check_plan(prob, to_plan(prob, chosen(greedy), greedy.weeks.start)) == []
        mandatory = {p.project_id for p in prob.projects if p.mandatory}
        assert mandatory <= set(greedy.chosen)
    assert moved > 0


def test_the_same_inputs_and_work_give_the_same_plan():
    """The work is CP-SAT's deterministic time and the teams come from a fixed seed, so two
    runs give the same owners and the same start weeks (same inputs, same plan)."""
    prob = generated_weeks(3)
    first, _, _ = searched(prob, 0.2)
    second, _, _ = searched(prob, 0.2)
    assert first.chosen == second.chosen
    assert first.weeks is not None and second.weeks is not None
    assert first.weeks.start == second.weeks.start


def test_greedy_plan_runs_the_neighbourhoods_after_the_week_search(monkeypatch):
    """``neighbourhoods`` work in greedy_plan: the week search keeps part of the time and
    the kicks, the neighbourhoods the rest (after it, on the work asked for), and the plan
    keeps every rule."""
    calls: list[tuple[str, float | None]] = []
    search_run, lns_run = WeekSearch.run, WeekNeighbourhoods.run

    def searching(self):
        calls.append(("week search", None))
        search_run(self)

    def repacking(self, work, deadline, cancel=None, seed=0):
        calls.append(("neighbourhoods", work))
        lns_run(self, work, deadline, cancel, seed)

    monkeypatch.setattr(WeekSearch, "run", searching)
    monkeypatch.setattr(WeekNeighbourhoods, "run", repacking)
    prob = generated_weeks(1)
    pairs = eligible_pairs(prob)
    plan, starts = greedy_plan(
        prob, pairs, improve_s=30.0, budget_s=2.0, search=WeekSearch, neighbourhoods=0.2
    )
    assert calls == [("week search", None), ("neighbourhoods", 0.2)]
    assert check_plan(prob, to_plan(prob, plan, starts)) == []
    assert plan_objective(prob, plan, starts) is not None


def test_the_warm_start_repacks_only_with_budget_for_it(monkeypatch):
    """The neighbourhood search runs in the time the week search leaves; with a short budget
    it would end on the clock, not on its work (the plan would depend on the machine's load),
    so below :data:`_LNS_MIN_BUDGET_S` the warm start leaves it out; above, it runs and the
    plan keeps every rule."""
    from planner.optimizer import warm_start as warm_start_module
    from planner.optimizer.warm_start import warm_start

    calls: list[float] = []
    original = WeekNeighbourhoods.run

    def recording(self, work, deadline, cancel=None, seed=0):
        calls.append(work)
        original(self, work, deadline, cancel, seed)

    monkeypatch.setattr(WeekNeighbourhoods, "run", recording)
    monkeypatch.setattr(warm_start_module, "_LNS_MIN_PAIRS", 0)  # as if it were large
    monkeypatch.setattr(warm_start_module, "_LNS_MIN_BUDGET_S", 1.0)  # and had a long limit
    prob = generated_weeks(1)
    warm_start(prob, time_limit_s=0.5, budget_s=0.5)
    assert calls == []
    warm = warm_start(prob, time_limit_s=30.0, budget_s=1.0)
    assert calls and all(work > 0 for work in calls)
    assert warm.objective is not None
    plan = to_plan(prob, warm.plan, warm.starts)
    assert check_plan(prob, plan) == []


def test_a_step_may_free_the_owners_of_any_left_out_project_that_would_gain():
    """The first team of a step is drawn among the owners of every left-out project that
    would gain, not only the best few: those can be one goal's, owned by a handful of teams
    of one department, while another department's goal stays short. Over many draws every
    such owner comes up."""
    import random

    prob = generated_weeks(2, teams=10, projects=150)
    _, search, neighbourhoods = searched(prob, 0.0)
    g = search.g
    wanted = search.candidates()
    assert len(wanted) > 20
    owners = {g.pairs[r].team_id for p in wanted for r in g.by_project[p.project_id]}
    best = {g.pairs[r].team_id for p in wanted[:20] for r in g.by_project[p.project_id]}
    assert best < owners  # some owners own none of the best 20
    rng = random.Random(0)
    drawn: set[str] = set()
    for _ in range(400):
        drawn |= neighbourhoods._teams(1, rng, wanted)
    assert drawn == owners
