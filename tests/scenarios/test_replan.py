"""The one re-plan workflow (check-in CLI and page) and the one way to attach a baseline."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace

import pytest
from builders import goal, one_project_short, pin, problem, project, team, with_status

from planner.checker import check_plan, num_changes
from planner.core.domain import Assignment, Plan, Problem
from planner.core.settings import Weights
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.replan import Replan, replan
from planner.scenarios.replan_diff import ChangeKind
from planner.scenarios.rest_of_quarter import replan_problem, with_baseline
from planner.solving.solver import solve

D = Decimal


def owned(*pairs: tuple[str, str, float]) -> Plan:
    """A single-team plan: (project, team, hours)."""
    return Plan(tuple(Assignment(p, t, D(1), D(str(h)), D(0)) for p, t, h in pairs))


@pytest.fixture
def crowded() -> tuple[Problem, Plan]:
    """One team of 100 h holding four 1-point projects; four 10-point ones wait."""
    prob = problem(
        [team("m1")],
        [project(f"lo{i}", effort=25, value=1) for i in range(4)]
        + [project(f"hi{i}", effort=25, value=10) for i in range(4)],
    )
    return prob, owned(*((f"lo{i}", "m1", 25) for i in range(4)))


def test_with_baseline_attaches_the_budget_and_the_weight_and_skips_gone_projects():
    """Projects no longer in the data cannot move, so they are no part of rule 9."""
    prob = problem([team("m1")], [project("a")])
    base = owned(("a", "m1", 10), ("gone", "m1", 10))
    attached = with_baseline(prob, base, max_changes=2, stability_weight=3)
    assert attached.baseline is not None
    assert dict(attached.baseline.owners) == {"a": frozenset({"m1"})}
    assert attached.baseline.max_changes == 2
    assert attached.settings.weights.stability == 3


def test_with_baseline_keeps_the_settings_weight_unless_told():
    """``solve --baseline`` with a stability in settings.toml keeps that weight."""
    prob = problem([team("m1")], [project("a")])
    prob = prob.replace(settings=prob.settings.with_changes(weights=Weights(stability=2.5)))
    attached = with_baseline(prob, owned(("a", "m1", 10)))
    assert attached.settings.weights.stability == 2.5
    assert attached.baseline is not None and attached.baseline.max_changes is None


def test_replan_solves_the_rest_of_the_quarter_and_says_what_changed(crowded):
    """The workflow's figures are those of its steps, and the plan passes the checker."""
    prob, base = crowded
    outcome = replan(prob, base, CheckIn(), max_changes=2, stability_weight=0)
    rest = replan_problem(prob, base, CheckIn(), max_changes=2, stability_weight=0)
    assert outcome.problem == rest
    assert outcome.result.plan is not None
    assert check_plan(rest, outcome.result.plan) == []
    assert outcome.num_changes == num_changes(rest, outcome.result.plan) == 2
    assert outcome.diff is not None
    # The budget of 2 buys two swaps of a 1-point project for a 10-point one, no more:
    # a left-out baseline project is a change, an added one is not.
    left_out = outcome.diff.of_kind(ChangeKind.LEFT_OUT)
    added = outcome.diff.of_kind(ChangeKind.ADDED)
    assert len(left_out) == 2 and all(c.project_id.startswith("lo") for c in left_out)
    assert len(added) == 2 and all(c.project_id.startswith("hi") for c in added)
    # Value-only weights, stability 0: the objective is the two 10s and the two 1s kept.
    hi, lo = prob.project("hi0").value, prob.project("lo0").value
    assert outcome.result.objective == float(2 * hi + 2 * lo)
    assert outcome.fewest_changes is None


def test_replan_without_a_plan_says_how_large_a_budget_would_do():
    """A budget too small for the check-in: the answer is the budget that works."""
    prob = problem(
        [team("m1", capacity=100), team("m2", capacity=100)],
        [project("a", effort=60, mandatory=True), project("b", effort=60, mandatory=True)],
        rules=[pin("b", "m1")],
    )
    base = owned(("a", "m1", 60), ("b", "m2", 60))
    outcome = replan(prob, base, CheckIn(), max_changes=0, stability_weight=1)
    assert outcome.result.plan is None
    assert outcome.diff is None and outcome.num_changes is None
    assert outcome.fewest_changes == 2


def test_the_fewest_changes_after_a_re_plan_without_a_plan_get_what_is_left(monkeypatch):
    """A re-plan the clock ended without a plan (9.2 s of a 10 s limit on a fake clock):
    the count of the fewest changes after it runs in what is left of the one limit, less a
    search's overrun. It was handed a limit of its own, the whole 10 s again."""
    import planner.scenarios.replan as replan_module
    from planner.core.domain import Result, Status
    from planner.solving.deadline import MIN_STAGE_S

    now = [1000.0]
    monkeypatch.setattr(replan_module, "time", SimpleNamespace(perf_counter=lambda: now[0]))
    handed: list[float | None] = []

    def fewest(rest: Problem, *, time_limit_s: float | None = None) -> int:
        handed.append(time_limit_s)
        return 2

    def clock_ended(rest: Problem, *, after_s: float) -> Result:
        now[0] += 9.2
        return Result.without_plan(Status.NO_PLAN, 9.2, ("no plan was found in time",))

    monkeypatch.setattr(replan_module, "fewest_changes", fewest)
    prob = problem([team("m1", capacity=100)], [project("a", effort=60)])
    prob = prob.replace(
        settings=prob.settings.with_changes(solve=replace(prob.settings.solve, time_limit_s=10))
    )
    outcome = replan(
        prob,
        owned(("a", "m1", 60)),
        CheckIn(),
        max_changes=0,
        stability_weight=1,
        solve=clock_ended,
    )
    assert outcome.fewest_changes == 2
    assert handed and handed[0] is not None
    assert MIN_STAGE_S <= handed[0] <= 10 - 9.2


def test_replan_uses_the_solve_it_is_given():
    """The app passes its cached solve with progress; the workflow must not solve again."""
    prob = problem([team("m1")], [project("a", goal_id="g")], goals=[goal("g", 1)])
    calls = []

    def counted(rest: Problem, *, after_s: float):
        calls.append(rest)
        return solve(rest, _after_s=after_s)

    not_started = ProjectProgress(ProjectStatus.NOT_STARTED)
    checkin = CheckIn(weeks_elapsed=D(6), projects={"a": not_started})
    outcome = replan(prob, Plan(()), checkin, max_changes=None, stability_weight=1, solve=counted)
    assert calls == [outcome.problem]


def test_the_re_plan_s_solve_keeps_time_for_the_work_after_it(monkeypatch):
    """After its solve the re-plan weighs the baseline carried on, forecasts the quarter's end
    and says each change (the changes alone 0.2-0.75 s at 100 teams x 5,000 projects), none
    of it on the solve's clock: a re-plan given a limit ended past it. The solve it is given
    (the default one too) keeps seconds for that work, more for a larger rest of the
    quarter, and the carried baseline is weighed only with them kept."""
    import planner.scenarios.replan as replan_module
    import planner.solving.solver as solver_module
    from planner.solving.limits import replan_after_s

    small = problem([team("m1")], [project("a", goal_id="g")], goals=[goal("g", 1)])
    larger = problem(
        [team("m1")],
        [project(f"p{i}", goal_id="g") for i in range(40)],
        goals=[goal("g", 1)],
    )
    assert 0 < replan_after_s(small) < replan_after_s(larger)
    kept: list[float] = []
    carried: list[float] = []
    real_solve, real_carried = solver_module.solve, replan_module.carried_on_if_better

    def solve_kept(rest: Problem, **options):
        kept.append(options["_after_s"])
        return real_solve(rest, **options)

    def carried_kept(rest, result, started, after_s=0.0, rest_s=0.0):
        carried.append(after_s)
        assert rest_s > 0  # the rest of the quarter's seconds: this machine's pace
        return real_carried(rest, result, started, after_s, rest_s)

    monkeypatch.setattr(solver_module, "solve", solve_kept)
    monkeypatch.setattr(replan_module, "carried_on_if_better", carried_kept)
    checkin = CheckIn(weeks_elapsed=D(6), projects={})
    outcome = replan(larger, Plan(()), checkin, max_changes=None, stability_weight=1)
    assert kept == [replan_after_s(outcome.problem)] == carried


def test_the_rest_of_the_quarter_is_on_the_clock_of_the_re_plans_solve(monkeypatch):
    """Working out the rest of the quarter ran before the solve's clock started (a week-6
    check-in of 100 teams x 5,000 projects at a 3 s limit answered in 4.69 s). The solve
    the re-plan makes starts its clock when the leader asked: at the call, or ``asked_at``."""
    import time

    import planner.scenarios.replan as replan_module
    import planner.solving.solver as solver_module

    moments: dict[str, float | None] = {}
    real_rest, real_solve = replan_module.replan_problem, solver_module.solve

    def rest_of(*args, **kwargs):
        moments["rest"] = time.perf_counter()
        return real_rest(*args, **kwargs)

    def clocked(rest: Problem, **kwargs):
        moments["started"] = kwargs.get("started")
        return real_solve(rest, **kwargs)

    monkeypatch.setattr(replan_module, "replan_problem", rest_of)
    monkeypatch.setattr(solver_module, "solve", clocked)
    prob = problem([team("m1")], [project("a", goal_id="g")], goals=[goal("g", 1)])
    checkin = CheckIn(weeks_elapsed=D(6), projects={"a": ProjectProgress(ProjectStatus.DONE)})
    called = time.perf_counter()
    replan(prob, Plan(()), checkin, max_changes=None, stability_weight=1)
    started = moments["started"]
    assert started is not None and called <= started <= moments["rest"]
    asked = time.perf_counter() - 2.0
    outcome = replan(prob, Plan(()), checkin, max_changes=None, stability_weight=1, asked_at=asked)
    assert moments["started"] == asked
    assert outcome.result.runtime_s >= 2.0


def test_a_checkin_on_another_quarter_length_than_the_weeks_planned_is_refused():
    """quarter_weeks = 10 on a quarter planned in 13 weeks read week 3 as 30 % of the time
    gone (23 % in the plan's own weeks) and re-planned weeks 4-13 anyway. In weeks, the
    quarter is the data's: another length is an input problem naming quarter_weeks."""
    from pathlib import Path

    from planner.core.errors import InvalidInputError
    from planner.core.loading import load_with_warnings
    from planner.scenarios.checkin_issues import checkin_issues

    in_weeks = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    plan = solve(in_weeks).plan
    assert plan is not None
    wrong = CheckIn(weeks_elapsed=Decimal(3), quarter_weeks=Decimal(10))
    (issue,) = checkin_issues(in_weeks, plan, wrong)
    assert issue.column == "quarter_weeks" and "13" in issue.fix
    with pytest.raises(InvalidInputError):
        replan_problem(in_weeks, plan, wrong, max_changes=None, stability_weight=0.0)
    right = CheckIn(weeks_elapsed=Decimal(3), quarter_weeks=Decimal(13))
    assert checkin_issues(in_weeks, plan, right) == []


def test_a_checkin_part_way_through_a_week_is_refused_only_on_a_quarter_in_weeks():
    """The re-plan keeps weeks 1..N as they happened: at week 6.5 it planned all of week
    7 on hours half gone. In weeks the check-in is at a whole week (an input problem naming
    weeks_elapsed and the weeks either side); a quarter without weeks keeps half weeks."""
    from pathlib import Path

    from planner.core.loading import load_with_warnings
    from planner.scenarios.checkin_issues import checkin_issues

    data = Path(__file__).resolve().parents[2] / "data"
    in_weeks = load_with_warnings(data / "sample").problem
    plan = solve(in_weeks).plan
    assert plan is not None
    (issue,) = checkin_issues(in_weeks, plan, CheckIn(weeks_elapsed=Decimal("6.5")))
    assert issue.column == "weeks_elapsed" and "week 6.5 is part-way" in issue.message
    assert issue.fix == "Give week 6 (the last week over) or week 7."
    assert checkin_issues(in_weeks, plan, CheckIn(weeks_elapsed=Decimal("6.0"))) == []
    without = load_with_warnings(data / "sample-without-weeks").problem
    assert checkin_issues(without, Plan(()), CheckIn(weeks_elapsed=Decimal("6.5"))) == []


def test_work_in_progress_that_its_weeks_cannot_hold_is_said_in_hours_a_week():
    """At week 6 of the sample, 'Free-trial signup flow optimisation' (260 h, weeks 1-8 with
    Marketing Ops) is 5 % done: 247 h left for its last 2 weeks, 124 h a week, where Marketing
    Ops has 46 h. The re-plan has no plan, and the reason said only "These rules cannot all
    hold: ... is in progress with Marketing Ops. Unlock ...": nothing a leader could weigh.
    It now says the hours a week against the team's, and the ways out.
    """
    from pathlib import Path

    from planner.core.loading import load_with_warnings

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    plan = solve(sample).plan
    assert plan is not None and plan.owners()["LG-09"] == {"mops"}
    late = ProjectProgress(ProjectStatus.IN_PROGRESS, D(5))
    checkin = CheckIn(weeks_elapsed=D(6), projects={"LG-09": late})
    outcome = replan(sample, plan, checkin, max_changes=None, stability_weight=1)
    assert outcome.result.plan is None
    said = [r for r in outcome.result.reasons if "a week" in r]
    assert said == [
        "'Free-trial signup flow optimisation' is in progress with Marketing Ops, but Marketing "
        "Ops has no room for its 123.5 h a week in weeks 7-13 (it has 46.2 h a week at most), when "
        "it must run for 2 weeks within weeks 7-13. Give Marketing Ops more hours in those weeks "
        "(calendar.csv), let it end later (its end week at the check-in), or let it move "
        "(--unlock LG-09) so that another team may take it over."
    ]
    assert not any("unpin" in r.lower() or "duration_weeks" in r for r in said)


def test_work_in_progress_its_weeks_cannot_hold_is_said_beside_a_conflict_known_before_search():
    """VP Sales at week 6: the user conference only 20 % done (Brand & Comms short of hours
    for it, a conflict found before any search) and the gated ebook 40 % done, 168 h left for
    its last week where Content has 85 h. The reasons read "Even then: These rules cannot all
    hold: 'Gated ebook ...' is in progress with Content. Unlock ...", never why; a conflict
    found by the search said the hours a week. Both paths say them.
    """
    from pathlib import Path

    from planner.core.loading import load_with_warnings

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    plan = solve(sample).plan
    assert plan is not None and plan.owners()["LG-03"] == {"content"}
    checkin = CheckIn(
        weeks_elapsed=D(6),
        projects={
            "AW-02": ProjectProgress(ProjectStatus.IN_PROGRESS, D(20)),
            "LG-03": ProjectProgress(ProjectStatus.IN_PROGRESS, D(40)),
            "LG-06": ProjectProgress(ProjectStatus.IN_PROGRESS, D("41.7")),
        },
    )
    outcome = replan(sample, plan, checkin, max_changes=3, stability_weight=5)
    assert outcome.result.plan is None
    assert any(r.startswith("Brand & Comms can plan") for r in outcome.result.reasons)
    said = [r for r in outcome.result.reasons if "Gated ebook" in r and "a week" in r]
    assert said == [
        "'Gated ebook: The CFO's guide to revenue forecasting' is in progress with Content, "
        "but Content has no room for its 168.0 h a week in weeks 7-13 (it has 85.0 h a week at "
        "most), when it must run for 1 week within weeks 7-13. Give Content more hours in those "
        "weeks (calendar.csv), let it end later (its end week at the check-in), or let it "
        "move (--unlock LG-03) so that another team may take it over."
    ]


def test_a_project_in_progress_is_explained_as_in_progress_not_as_a_leaders_pin():
    """A re-plan keeps each project in progress with its team by a pin the leader never
    made: when the team has too few hours left, the reason read "'a' is pinned to M1 ...
    Unpin 'a' from M1". The leader pinned nothing; the project is in progress, and the
    fix is to let another team take it over (the page's Unlock, the CLI's --unlock).
    A leader's own pin still reads as a pin.
    """
    prob = problem(
        [team("m1", capacity=100), team("m2", capacity=100)],
        [project("a", effort=90), project("b", effort=90)],
        rules=[pin("b", "m2")],
    )
    base = owned(("a", "m1", 90), ("b", "m2", 90))
    half = ProjectProgress(ProjectStatus.IN_PROGRESS, D(10))
    checkin = CheckIn(
        weeks_elapsed=D(6),
        projects={"a": half, "b": half},
        hours_used={"m1": D(95), "m2": D(95)},
    )
    outcome = replan(prob, base, checkin, max_changes=None, stability_weight=1)
    assert outcome.result.plan is None
    text = " ".join(outcome.result.reasons)
    assert "'a' is in progress with m1" in text
    assert "let 'a' move (--unlock a)" in text.lower()
    assert "'a' is pinned" not in text and "Unpin 'a'" not in text
    # The leader's own pin on b is a pin.
    assert "'b' is pinned to m2" in text


def _trial_flow_pinned_and_replanned(
    team_id: str, percent_done: int, unlocked: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The reasons a week-6 re-plan of the sample has no plan, the trial flow (LG-09, in the
    plan with Marketing Ops) in progress at ``percent_done`` % and pinned by a leader to
    ``team_id``."""
    return _trial_flow_replan(team_id, percent_done, unlocked)[0].result.reasons


def _trial_flow_replan(
    team_id: str, percent_done: int, unlocked: tuple[str, ...] = ()
) -> tuple[Replan, CheckIn]:
    """:func:`_trial_flow_pinned_and_replanned`'s re-plan, and its check-in."""
    from pathlib import Path

    from planner.core.domain import Rule, RuleKind
    from planner.core.loading import load_with_warnings

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    plan = solve(sample).plan
    assert plan is not None and plan.owners()["LG-09"] == {"mops"}
    pinned = sample.replace(rules=(*sample.rules, Rule("LG-09", team_id, RuleKind.PIN)))
    progress = ProjectProgress(ProjectStatus.IN_PROGRESS, D(percent_done))
    checkin = CheckIn(weeks_elapsed=D(6), projects={"LG-09": progress})
    outcome = replan(pinned, plan, checkin, max_changes=None, stability_weight=1, unlocked=unlocked)
    assert outcome.result.plan is None
    return outcome, checkin


def test_a_leaders_pin_against_work_in_progress_says_the_hours_a_week_left_in_its_weeks():
    """A leader pins the trial flow to Demand Gen while the check-in says it is in progress
    with Marketing Ops. The reason read "'...' is in progress with Demand Gen and Marketing
    Ops, but one team owns it": a pin the check-in never made, and no hours or weeks. It now
    tells the leader's pin from the work in progress and says what is left, in hours a week
    and the weeks it runs in; Demand Gen has room, so handing it over is the fix.
    """
    reasons = _trial_flow_pinned_and_replanned("demand-gen", 50)
    assert reasons[0] == (
        "'Free-trial signup flow optimisation' is pinned to Demand Gen, but it is in progress "
        "with Marketing Ops (130 h left: 65.0 h a week for 2 weeks within weeks 7-13), and one "
        "team owns it. Let 'Free-trial signup flow optimisation' move (--unlock LG-09) so that "
        "Marketing Ops may hand it over."
    )


@pytest.mark.parametrize("unlocked", [(), ("LG-09",)], ids=["locked", "unlocked"])
def test_a_pin_to_the_team_a_project_is_in_progress_with_asks_for_room_not_more_weeks(unlocked):
    """A leader pins the trial flow to Marketing Ops, the team it is in progress with, and at
    5 % done it needs 124 h a week in weeks 7-13 where the team has 46 h. The advice read
    "Give it more weeks (duration_weeks) or a wider window (earliest_week to due_week)":
    work under way keeps its weeks, and its window is already the rest of the quarter. It
    says what helps: hours in Marketing Ops' weeks, a later end week at the check-in (its
    247 h over weeks 7-13 are 35 h a week), or the pin (and the lock) lifted so that
    another team may take it over.
    """
    reasons = _trial_flow_pinned_and_replanned("mops", 5, unlocked)
    said = [r for r in reasons if "a week" in r]
    lift = "unpin it" if unlocked else "unpin it and let it move (--unlock LG-09)"
    assert said == [
        "'Free-trial signup flow optimisation' is pinned to Marketing Ops, where it is in "
        "progress, but Marketing Ops has no room for its 123.5 h a week in weeks 7-13 (it has "
        "46.2 h a week at most), when it must run for 2 weeks within weeks 7-13. Give Marketing "
        "Ops more hours in those weeks (calendar.csv), let it end later (its end week at the "
        f"check-in), or {lift} so that another team may take it over."
    ]


@pytest.mark.parametrize("unlocked", [(), ("LG-09",)], ids=["locked", "unlocked"])
def test_the_rule_conflict_of_a_pin_holding_work_in_progress_says_unlock_where_it_must(unlocked):
    """The trial flow, pinned to Marketing Ops where it is in progress, with no room left:
    the second reason, "These rules cannot all hold: ... Unpin ... from Marketing Ops",
    left the lock out while the first said "unpin it and unlock it"; made to say it too, it
    still said the first reason's fix again, for the same one project and team. It is said
    once, with its hours a week, and says to unlock it where it must: not once the leader
    has unlocked it."""
    reasons = _trial_flow_pinned_and_replanned("mops", 5, unlocked)
    said = [r for r in reasons if "'Free-trial signup flow optimisation'" in r]
    lift = "unpin it" if unlocked else "unpin it and let it move (--unlock LG-09)"
    assert len(said) == 1, reasons
    assert f"or {lift} so that another team may take it over." in said[0]
    assert not [r for r in reasons if "rules cannot all hold" in r], reasons


@pytest.mark.parametrize("unlocked", [(), ("LG-09",)], ids=["locked", "unlocked"])
def test_a_loaded_re_plan_whose_leaders_pin_holds_work_in_progress_says_what_it_said(
    tmp_path, unlocked
):
    """Saved and loaded again, the re-plan above is solved as it was made: the trial flow
    in progress stays locked unless the leader let it move ("May move", --unlock), which
    the scenario keeps (schema 13). Its advice is the re-plan's own: "unpin it and let it
    move (--unlock LG-09)" while locked, "unpin it" alone once let move (before, a loaded
    re-plan read every project the leader had pinned as let move)."""
    from planner.scenarios.scenario import new_scenario
    from planner.scenarios.storage import ScenarioStore

    outcome, checkin = _trial_flow_replan("mops", 5, unlocked)
    scenario = new_scenario(outcome.problem, outcome.result, "week 6", checkin=checkin)
    with ScenarioStore.open(tmp_path / "planner.duckdb") as store:
        loaded = store.load(store.save(scenario).scenario_id)
    reasons = [r for r in solve(loaded.problem).reasons if "a week" in r]
    lift = "unpin it" if unlocked else "unpin it and let it move (--unlock LG-09)"
    assert reasons == [r for r in outcome.result.reasons if "a week" in r]
    assert reasons == [
        "'Free-trial signup flow optimisation' is pinned to Marketing Ops, where it is in "
        "progress, but Marketing Ops has no room for its 123.5 h a week in weeks 7-13 (it has "
        "46.2 h a week at most), when it must run for 2 weeks within weeks 7-13. Give Marketing "
        "Ops more hours in those weeks (calendar.csv), let it end later (its end week at the "
        f"check-in), or {lift} so that another team may take it over."
    ]
    assert any("--unlock" in r for r in reasons) == (not unlocked), reasons


def test_a_leaders_pin_to_a_team_with_no_room_for_work_in_progress_says_its_weeks():
    """At 5 % done the trial flow has 124 h a week left, more than Demand Gen (108 h) or
    Marketing Ops (46 h) has in any week left: unlocking it for Demand Gen, the old first
    advice, could not make a plan. The reason says Demand Gen's weeks, and that both the
    leader's pin and the lock must go.
    """
    reasons = _trial_flow_pinned_and_replanned("demand-gen", 5)
    assert reasons[0] == (
        "'Free-trial signup flow optimisation' is pinned to Demand Gen, but it is in progress "
        "with Marketing Ops (247 h left: 123.5 h a week for 2 weeks within weeks 7-13), and one "
        "team owns it; Demand Gen has no room for its 123.5 h a week in weeks 7-13 (it has "
        "107.7 h a week at most), when it must run for 2 weeks within weeks 7-13. Unpin "
        "'Free-trial signup flow optimisation' from Demand Gen and let 'Free-trial signup flow "
        "optimisation' move (--unlock LG-09) so that Marketing Ops may hand it over."
    )
    assert len(reasons) == 1


def test_a_checkin_at_the_quarters_end_plans_no_work_after_it(crowded):
    """A quarter not in weeks, checked in at week 13 of 13 with hours used below capacity:
    the re-plan planned the rest of a project in progress, and new projects, in the hours
    left, after the quarter's end, and forecast their value for it. With no time left no
    team has hours left: in progress, there is no plan, and the check-in says why; done,
    nothing is added."""
    prob, base = crowded
    running = CheckIn(
        weeks_elapsed=D(13),
        quarter_weeks=D(13),
        projects={"lo0": ProjectProgress(ProjectStatus.IN_PROGRESS, D(40))},
        hours_used={"m1": D(30)},
    )
    outcome = replan(prob, base, running, max_changes=None, stability_weight=0)
    assert outcome.result.plan is None
    assert running.why_no_replan(None, None, (), "Unlock some") == (running.unfinished_at_the_end())
    finished = with_status(running, "lo0", ProjectStatus.DONE)
    outcome = replan(prob, base, finished, max_changes=None, stability_weight=0)
    assert outcome.result.plan is not None
    assert outcome.result.plan.assignments == ()
    # A week before the end, the 70 h left are the team's to plan.
    earlier = replace(running, weeks_elapsed=D(12))
    outcome = replan(prob, base, earlier, max_changes=None, stability_weight=0)
    assert outcome.result.plan is not None
    assert {a.project_id for a in outcome.result.plan.assignments} >= {"lo0"}


def test_a_re_plan_ending_on_the_clock_below_carrying_on_keeps_the_plan_in_force():
    """A search that ends on the clock with less than the baseline carried on gives way to it.

    A check-in that went to plan, on 200 teams x 6,000 projects at load 9, was re-planned
    with 551 changes to 94.5 % at quarter end beside "the baseline carried on: 94.9 %":
    changing nothing scored more and moved nothing. Here the search stops on the re-plan
    of the sample in weeks less one project nothing needs: the current plan is kept.
    """
    from pathlib import Path

    from planner.core.domain import Result
    from planner.core.loading import load_with_warnings
    from planner.core.settings import SolveSettings
    from planner.scenarios.on_plan import checkin_as_planned

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    prob = sample.replace(
        settings=replace(sample.settings, solve=SolveSettings(time_limit_s=5.0, workers=1))
    )
    plan = solve(prob).plan
    assert plan is not None
    checkin = checkin_as_planned(prob, plan, Decimal(6))

    def on_the_clock(rest: Problem, *, after_s: float) -> Result:
        real = solve(rest, _after_s=after_s)
        assert real.plan is not None and rest.baseline is not None
        return one_project_short(rest, real)

    outcome = replan(prob, plan, checkin, max_changes=None, stability_weight=5, solve=on_the_clock)
    assert outcome.result.plan is not None
    assert check_plan(outcome.problem, outcome.result.plan) == []
    assert outcome.num_changes == 0
    assert outcome.projected_after == outcome.projected_before


def test_the_baseline_carried_on_is_not_weighed_past_the_solves_limit(monkeypatch):
    """Weighing the current plan after a search that ended on the clock runs the checker
    over it twice: re-planning a 200 x 6,000 plan against itself with a 10 s limit answered
    in 17.5 s. With no time left for it, the search's plan stands (the warm start tried the
    current plan first); with time, the current plan is kept when it scores more."""
    import time

    import planner.solving.limits as limits_module
    from planner.scenarios.replan import carried_on_if_better

    quarter = problem(
        [team("a", capacity=10), team("b", capacity=10)],
        [project("p1", effort=10, value=5), project("p2", effort=10, value=5)],
    )
    solved = solve(quarter)
    assert solved.plan is not None and len(solved.plan.assignments) == 2
    rest = with_baseline(quarter, solved.plan, stability_weight=5)
    ended = one_project_short(rest, solved)
    limit = rest.settings.solve.time_limit_s

    kept = carried_on_if_better(rest, ended, time.perf_counter())
    assert kept is not None and kept.plan is not None and len(kept.plan.assignments) == 2

    monkeypatch.setattr(limits_module, "preparing_s", lambda problem: 0.6)
    at_the_limit = time.perf_counter() - limit
    assert carried_on_if_better(rest, ended, at_the_limit) is None
    # With 1 s of the limit left, it fits; not when the re-plan's work after it needs that.
    second_left = time.perf_counter() - limit + 1.0
    assert carried_on_if_better(rest, ended, second_left) is not None
    assert carried_on_if_better(rest, ended, second_left, after_s=1.0) is None
    # ... nor when this machine, busy now, took 0.6 s for the rest of the quarter.
    assert carried_on_if_better(rest, ended, second_left, rest_s=0.6) is None


def test_mandatory_work_under_way_is_told_a_later_end_week_not_more_weeks_or_a_window():
    """The trial flow made mandatory, 5 % done at week 6 and let move: no team has room for
    its 124 h a week, and the advice read "Give it more weeks (duration_weeks) or a wider
    window (earliest_week to due_week)": work under way keeps its weeks left, and neither
    column of the data moves them. What a leader can do there is said instead: hours in
    those weeks, a later end week at the check-in, or making it optional."""
    from dataclasses import replace as replaced
    from pathlib import Path

    from planner.core.loading import load_with_warnings

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    plan = solve(sample).plan
    assert plan is not None
    forced = sample.replace(
        projects=tuple(
            replaced(p, mandatory=True) if p.project_id == "LG-09" else p for p in sample.projects
        )
    )
    checkin = CheckIn(
        weeks_elapsed=D(6), projects={"LG-09": ProjectProgress(ProjectStatus.IN_PROGRESS, D(5))}
    )
    outcome = replan(
        forced, plan, checkin, max_changes=None, stability_weight=1, unlocked=("LG-09",)
    )
    assert outcome.result.plan is None
    (said,) = [r for r in outcome.result.reasons if "is mandatory" in r]
    assert "more weeks" not in said and "wider window" not in said, said
    assert "duration_weeks" not in said and "due_week" not in said, said
    assert said.endswith(
        "Give its team more hours in those weeks (calendar.csv), let it end later (its end "
        "week at the check-in), or make it optional."
    ), said
