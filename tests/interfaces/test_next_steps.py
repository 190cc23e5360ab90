"""planner.interfaces.next_steps: what the Overview tells a leader to do next, in words.

Most tests read the toy plan of tests/interfaces/conftest.py (no solver); the weeks
test solves the bundled sample with and without its weeks.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

from builders import team

from planner.core.domain import Assignment, Plan, Result, Status, Unassigned
from planner.core.loading import load_with_warnings
from planner.core.settings import CapacitySettings
from planner.core.shown_figures import amount, percent
from planner.interfaces.next_steps import next_steps
from planner.scenarios.metrics import plan_metrics
from planner.solving.solver import solve

DATA = Path(__file__).resolve().parents[2] / "data"


def _result(plan: Plan | None, status: Status = Status.OPTIMAL, gap: float | None = 0.0) -> Result:
    return Result(status, plan, 1.0 if plan else None, 1.0 if plan else None, gap, 0.1)


def test_next_steps_point_at_the_goal_furthest_from_target(toy, toy_plan):
    """The first step names the goal below target and how many of its projects wait."""
    steps = next_steps(toy, _result(toy_plan))
    assert "'Leads' is planned at 80.0 % of target" in steps[0]
    assert "1 of its projects is left out" in steps[0]
    assert steps[-1].startswith("When the plan looks right")


def test_next_steps_without_a_plan_say_what_to_relax(toy):
    """An infeasible result gets one step: relax a rule, then solve again."""
    steps = next_steps(toy, _result(None, Status.INFEASIBLE))
    assert len(steps) == 1
    assert "Constraints page" in steps[0]


def test_next_steps_without_a_plan_point_to_the_data_page_too(toy):
    """A mandatory project whose prerequisite ends too late for its due week has no plan;
    the fix is its weeks, on the Data page. The step named only the Constraints page (pins,
    mandatory work, capacity cuts), so a leader following it looked in the wrong place."""
    reason = (
        "'Field dinner series' is mandatory, but its prerequisite 'Trade show' ends in week "
        "9 at the earliest, too late for its 3 weeks to end by its due week 10."
    )
    infeasible = Result(Status.INFEASIBLE, None, None, None, None, 0.1, reasons=(reason,))
    (step,) = next_steps(toy, infeasible)
    assert "the status above says which and what to change" in step
    assert "change the weeks, hours or skills it names on the Data page" in step


def test_next_steps_at_a_low_max_utilisation_name_it_before_any_other_relaxing(toy, toy_plan):
    """At 10 % max utilisation the explanation says the cap is behind the conflicts: the
    Overview's step names that setting first, not only pins, mandatory work and capacity cuts.
    A plan whose teams are full under the cap asks to raise it before asking for hours."""
    capped = toy.replace(
        settings=toy.settings.with_changes(
            capacity=replace(toy.settings.capacity, max_utilization=0.1)
        )
    )
    reason = (
        "X needs 380 h, more than the 69 h Brand can plan (each team is planned up to 10 % of "
        "its hours)."
    )
    infeasible = Result(Status.INFEASIBLE, None, None, None, None, 0.1, reasons=(reason,))
    (step,) = next_steps(capped, infeasible)
    assert step.index("each team is planned up to 10 % of its hours") < step.index("pin")
    assert "raise that share on the Constraints page first" in step
    # Without the cap behind it, the step is as before.
    uncapped = toy.replace(
        settings=toy.settings.with_changes(
            capacity=replace(toy.settings.capacity, max_utilization=1.0)
        )
    )
    (plain,) = next_steps(uncapped, infeasible)
    assert "planned up to" not in plain
    full = [s for s in next_steps(capped, _result(toy_plan), limit=9) if "at capacity" in s]
    assert full and all("each team is planned up to 10 % of its hours" in s for s in full)


def test_next_steps_of_a_feasible_plan_suggest_more_time(toy, toy_plan):
    """A plan stopped by the time limit suggests a longer limit, with how far from the best
    it may be, written as every percentage is ("5.0 %"), without the solver's words, and
    measured on what the toy's weights count: the projects' value alone, not the goals."""
    steps = next_steps(toy, _result(toy_plan, Status.FEASIBLE, gap=0.05))
    assert (
        "within 5.0 % of it, measured on the projects' value in their KPI units" in steps[0]
        and "solver" not in steps[0]
    )
    assert "proven" not in steps[0]


def test_a_plan_stopped_before_any_bound_is_not_called_good_and_more_time_is_suggested(
    toy, toy_plan
):
    """At a 0.01 s limit the sample planned 6 of 51 projects (15 % of the goals) and no bound
    was known: the status said "Good: not proven best" and the next steps said nothing."""
    for time_phased in (False, True):
        problem = (
            toy.replace(projects=tuple(replace(p, duration_weeks=2) for p in toy.projects))
            if time_phased
            else toy
        )
        assert problem.is_time_phased is time_phased
        steps = next_steps(problem, _result(toy_plan, Status.FEASIBLE, gap=None))
        assert steps and "raise the time limit" in steps[0], steps
        assert "good" not in steps[0].lower() and "unknown" not in steps[0]
    # "good but not proven best" was the solver's: the status line's words, and what stopped.
    far = next_steps(toy, _result(toy_plan, Status.FEASIBLE, gap=0.2))[0]
    assert far.startswith(
        "The plan may be up to 20.0 % below the best possible plan (measured on the projects' "
        "value in their KPI units), as the"
    )
    near = next_steps(toy, _result(toy_plan, Status.FEASIBLE, gap=0.01))[0]
    assert near.startswith("The plan is close to the best possible (within 1.0 % of it, measured")
    assert not any("proven" in s for s in (far, near))


def test_next_steps_of_a_plan_kept_close_offer_the_free_re_plan_not_more_time(toy, toy_plan):
    """A what-if kept close to the current plan is short of the best by choice, not by time."""
    result = _result(toy_plan, Status.FEASIBLE, gap=0.004)
    steps = next_steps(toy, result, kept_close=True, from_scratch_pct=95.0)
    assert "Re-plan from scratch instead" in steps[0]
    assert not any("time limit" in step for step in steps)
    # In goal attainment, this plan's and the re-plan's, not the score's "0.4 %" (the
    # banner above says "within 0.5 %", the tolerance: two shares of a score).
    assert "for 90.0 % goal attainment; re-planned from scratch it would reach 95.0 %" in (steps[0])
    assert "0.4 %" not in steps[0]
    # The plan it stays close to is the one the status calls "the previous plan": "stays
    # close to the current plan" read, on the Overview of a CMO's off-site, as if the plan
    # shown were kept close to itself.
    assert steps[0].startswith("This plan stays close to the previous plan,"), steps[0]
    assert "current plan" not in steps[0]
    # Kept, the page offers no re-plan from scratch any more: nor does the step.
    kept = next_steps(toy, result, kept_close=True)
    assert not any("from scratch" in step or "time limit" in step for step in kept)


def test_next_steps_list_team_names_with_commas_so_each_team_reads_as_one(toy, toy_plan):
    """Generated and real teams are called "Demand Gen, NA East": joined with commas, two
    idle teams read as four ("Demand Gen, NA East, SDR Team, NA West have hours to spare")."""
    renamed = toy.replace(
        teams=(
            *(t for t in toy.teams if t.team_id != "brand"),
            team("brand", "marketing", 50, name="Brand, EMEA"),
            team("events", "marketing", 80, name="Events, NA West"),
        )
    )
    steps = next_steps(renamed, _result(toy_plan), limit=9)
    (idle,) = [s for s in steps if "hours to spare" in s]
    assert idle.startswith("Brand, EMEA and Events, NA West have hours to spare")


def test_next_steps_of_a_quarter_in_weeks_name_the_weeks_when_hours_are_free_and_work_waits():
    """In weeks, projects can wait while no team is full over the quarter: without a word
    on the weeks a leader reads the free hours as a broken plan. The sample's one full team
    is Demand Gen, and the step says so; give Demand Gen 10 % more hours and no team is full
    over the quarter while work still waits, and the step names the weeks. The same what-if
    without weeks has teams at capacity, and no such step."""
    from planner.scenarios.whatif import with_capacity

    sample = load_with_warnings(DATA / "sample").problem
    steps = next_steps(sample, solve(sample), limit=9)
    (full,) = [s for s in steps if s.startswith("Demand Gen is at capacity while")]
    # Demand Gen at 110 % buys little here (the what-if below): in weeks, no promise.
    assert "would let more work in" not in full and "capacity what-ifs" in full
    in_weeks = with_capacity(sample, "demand-gen", 1.1)
    result = solve(in_weeks)
    assert result.plan is not None and result.plan.unassigned
    steps = next_steps(in_weeks, result, limit=9)
    (weeks,) = [s for s in steps if s.startswith("No team is full over the whole quarter")]
    assert f"{len(result.plan.unassigned)} projects wait" in weeks
    assert "Plan page's Weeks section" in weeks
    # The Overview's reader edits the Data page's tabs: no file names, no "windows".
    assert "Data page's Projects tab" in weeks and "its Calendar tab" in weeks
    assert "calendar.csv" not in weeks and "windows" not in weeks
    plain = load_with_warnings(DATA / "sample-without-weeks").problem
    assert any("would let more work in" in s for s in next_steps(plain, solve(plain), limit=9))
    plain = with_capacity(plain, "demand-gen", 1.1)
    steps = next_steps(plain, solve(plain), limit=9)
    assert not any("No team is full" in s for s in steps)


def test_next_steps_of_a_quarter_in_weeks_do_not_promise_that_more_time_closes_the_gap(
    toy, toy_plan
):
    """In weeks the distance to "the best possible" is mostly the bound's: it counts a
    quarter's hours and cannot see how whole weeks pack (bench/results.md, "Weeks": at 150
    teams 8-9 % that no time limit closes). Telling a leader to raise the time limit there
    sends them waiting for a proof that does not come; without weeks it is the right step."""
    in_weeks = toy.replace(
        projects=tuple(replace(p, duration_weeks=2) for p in toy.projects),
    )
    assert in_weeks.is_time_phased and not toy.is_time_phased
    step = next_steps(in_weeks, _result(toy_plan, Status.FEASIBLE, 0.087))[0]
    assert "up to 8.7 % below the best possible plan" in step
    assert "time limit" in step and "changes the plan little" in step
    assert "raise the time limit" not in step
    plain = next_steps(toy, _result(toy_plan, Status.FEASIBLE, 0.087))[0]
    assert "raise the time limit on the Constraints page" in plain


def test_next_steps_without_a_plan_in_time_do_not_say_the_rules_conflict(toy):
    """A solve the clock ended with no plan is not an infeasible one: the status banner says
    "no plan found within the time limit", and telling the leader to relax a pin beside it
    would send them loosening rules that are fine."""
    (step,) = next_steps(toy, _result(None, Status.NO_PLAN))
    assert "raise the time limit" in step and "Relax" not in step
    (infeasible,) = next_steps(toy, _result(None, Status.INFEASIBLE))
    assert "Relax a pin" in infeasible


def test_a_team_at_capacity_is_given_more_hours_in_the_constraints_page_s_words():
    """The sample without weeks: "Demand Gen, Content and Marketing Ops are at capacity while
    14 projects wait: more capacity there (a multiplier on the Constraints page)". The page
    has no multiplier: a leader raises a team's "Own capacity %" or a department's capacity.
    """
    plain = load_with_warnings(DATA / "sample-without-weeks").problem
    steps = next_steps(plain, solve(plain), limit=9)
    (full,) = [s for s in steps if "at capacity while" in s]
    assert "multiplier" not in full
    assert "capacity % on the Constraints page" in full


def test_a_full_team_s_step_names_the_waiting_work_it_could_take():
    """The sample's Overview: "Demand Gen is at capacity while 18 projects wait". A CMO
    read it as 18 projects waiting for Demand Gen and went to ask for Demand Gen hours,
    while most of the 18 need skills or stages Demand Gen does not have (analyst relations,
    closing, retention). The step says which of them Demand Gen could take (the fourth,
    the event follow-up, is joint: Demand Gen could be its marketing side)."""
    sample = load_with_warnings(DATA / "sample").problem
    steps = next_steps(sample, solve(sample), limit=9)
    (full,) = [s for s in steps if s.startswith("Demand Gen is at capacity while")]
    assert full.startswith(
        "Demand Gen is at capacity while 18 projects wait; 4 of them match its skills, stages "
        "and rules, but it lacks the hours for them (Sponsored LinkedIn thought-leader "
        "ads; Google Ads restructure for "
        "high-intent keywords; Trade show presence at SaaStr Annual and 1 more). "
    ), full
    # "at capacity ... it could take 4 of them" read to a VP Sales as room for 4 more.
    assert "could take" not in full
    # "4 of them are work it has the skills, stages and rules for, if it had the hours"
    # read as a riddle.
    assert "are work it has" not in full
    # "work it may do, given the hours" did not say what keeps the other 14 away.
    assert "may do, given the hours" not in full


def _ranking(problem, team_id: str, attainment_gain: float, extra_hours: str):
    """A ranking of capacity what-ifs whose best team is ``team_id``, as the Scenarios page
    keeps it once the leader clicks "Rank the teams"."""
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.whatif import MarginalReport, MarginalValue, SweepPoint

    t = problem.team(team_id)
    best = MarginalValue(
        team_id, t.name, t.department, D(extra_hours), 1.5, attainment_gain, Status.OPTIMAL
    )
    base = SweepPoint(1.0, D(0), plan_metrics(problem, None))
    return MarginalReport(0.1, base, (best,))


def test_a_full_team_s_step_takes_the_scenarios_ranking_s_answer_on_where_hours_pay_most(
    toy, toy_plan
):
    """A CMO read "Demand Gen is at capacity while 18 projects wait" on the Overview and
    "Extra capacity pays most in Marketing Ops (+1.0 pts for 59 h)" on the Scenarios page:
    two answers to where to give hours. Once the ranking ran, the full teams' step names its
    answer and says why a full team is not always it; before, it says where to find it."""
    # AEs full at 80 h with no cap on utilisation (a cap is named before any hours).
    toy = toy.replace(
        teams=tuple(
            replace(t, capacity_hours=D(80)) if t.team_id == "aes" else t for t in toy.teams
        ),
        settings=toy.settings.with_changes(
            capacity=CapacitySettings(max_utilization=1.0, multipliers={"marketing": 1.5})
        ),
    )
    (full,) = [s for s in next_steps(toy, _result(toy_plan), limit=9) if "at capacity" in s]
    assert "Rank the teams" in full and "where extra hours pay most" in full
    full_ids = [t.team_id for t in toy.teams if t.name in full.split(" at capacity")[0]]
    other = next(t for t in toy.teams if t.team_id not in full_ids)
    ranking = _ranking(toy, other.team_id, 1.0, "59")
    steps = next_steps(toy, _result(toy_plan), limit=9, ranking=ranking)
    (full,) = [s for s in steps if "at capacity" in s]
    assert (
        f"Yet extra hours pay most in {other.name} (goal attainment +1.0 pts for 59 h more, "
        "the Scenarios page's ranking): being at capacity is not the same as where an extra "
        "hour buys most"
    ) in full, full
    assert "would let more work in" not in full
    # The ranking agrees with the full team: one sentence, no "yet".
    ranking = _ranking(toy, full_ids[0], 2.0, "20")
    steps = next_steps(toy, _result(toy_plan), limit=9, ranking=ranking)
    (full,) = [s for s in steps if "at capacity" in s]
    assert "Yet" not in full and "Extra hours pay most in" in full


def test_the_free_hours_in_all_are_the_teams_free_hours_as_shown_added_up():
    """A RevOps leader's quarter read "2,297 h free in all" on the Overview while its
    teams' free hours as the Plan page, plan.xlsx's Team load and ``planner explain`` write
    them (capacity as shown less planned as shown) add up to 2,298 h: the step added the
    exact hours. Here two teams of 100.4 h and 100.3 h, 10 h planned: their capacity reads
    201 h (200.7 h rounded once, 101 h and 100 h as the rows read it) and 191 h free as the
    rows read."""
    from builders import problem, project

    from planner.scenarios.metrics import plan_metrics

    quarter = problem(
        [team("a", capacity="100.4"), team("b", capacity="100.3")],
        [
            project("P1", effort=10, value=5, duration_weeks=2),
            project("P2", effort=10, value=5, duration_weeks=2, required_skills={"seo": 5}),
        ],
    )
    result = solve(quarter)
    assert result.plan is not None and len(result.plan.unassigned) == 1
    rows = sum(t.shown_free for t in plan_metrics(quarter, result.plan).teams)
    assert rows == 191
    (step,) = [s for s in next_steps(quarter, result, limit=9) if "free in all" in s]
    assert "(191 h free in all)" in step, step


def test_work_that_no_team_may_take_is_not_said_to_wait_for_room_in_its_weeks():
    """A RevOps leader's quarter: no team full, "yet 10 projects wait: a project needs its
    hours in the weeks it runs", while the Plan page said of one of the ten "No team may
    take it" (the skills its free tool needs). The step says how many no team may take;
    the weeks are the others' reason. When none of the waiting work has a team that may
    take it, the weeks are not its reason at all."""
    from builders import problem, project

    weeks = project("W1", effort=50, value=5, duration_weeks=2)  # 25 h a week: no room
    skills = project("S1", effort=10, value=5, duration_weeks=2, required_skills={"seo": 5})
    planned = project("P1", effort=10, value=5, duration_weeks=2)
    both = problem(
        [team("a", capacity="100.4"), team("b", capacity="100.3")], [planned, weeks, skills]
    )
    result = solve(both)
    assert result.plan is not None and len(result.plan.unassigned) == 2
    (step,) = [s for s in next_steps(both, result, limit=9) if "free in all" in s]
    assert "yet 2 projects wait. No team may take 1 of them (" in step, step
    assert "the other needs its hours in weeks without room" in step, step
    alone = problem([team("a", capacity="100.4")], [planned, skills])
    result = solve(alone)
    assert result.plan is not None and len(result.plan.unassigned) == 1
    (step,) = [s for s in next_steps(alone, result, limit=9) if "free in all" in s]
    assert step.endswith(
        "yet 1 project waits: no team may take it (the Plan page's Left out table says why)."
    ), step
    assert "weeks" not in step.split("free in all")[1], step


def test_next_steps_name_every_goal_below_target_not_only_the_three_furthest():
    """A VP Sales on the sample's Overview read "1 of 8 goals at target" above steps that
    named three goals: Churn saved (84.2 %, a sales goal) and three more below target were
    in no step, so the advice read as if the other goals were fine. The steps name the three
    furthest with their projects left out, then every other goal below target, each at its
    attainment and shortfall as the Goals table shows them, and still end with the export."""
    sample = load_with_warnings(DATA / "sample").problem
    result = solve(sample)
    assert result.plan is not None
    goals = plan_metrics(sample, result.plan).goals
    short = [g for g in goals if g.percent < 100]
    assert len(short) > 3
    steps = next_steps(sample, result)
    said = " ".join(steps)
    for goal in short:
        assert f"'{goal.name}' at {percent(goal.percent)}" in said or (
            f"'{goal.name}' is planned at {percent(goal.percent)}" in said
        ), goal.name
        assert amount(goal.target - goal.planned, goal.kpi) in said, goal.name
    assert steps[-1].startswith("When the plan looks right")


def _values(problem, gains: dict[str, tuple[str, float, float]]):
    """A ranking of capacity what-ifs: team id -> (extra hours, score gain, attainment pts),
    best first as ``marginal_values`` orders them."""
    from planner.scenarios.metrics import plan_metrics
    from planner.scenarios.whatif import MarginalReport, MarginalValue, SweepPoint

    values = tuple(
        MarginalValue(
            team_id,
            problem.team(team_id).name,
            problem.team(team_id).department,
            D(extra),
            gain,
            points,
            Status.OPTIMAL,
        )
        for team_id, (extra, gain, points) in gains.items()
    )
    return MarginalReport(0.1, SweepPoint(1.0, D(0), plan_metrics(problem, None)), values)


def _waiting_quarter():
    """Marketing (mops, dg) and sales (ae, cs) teams; two projects wait: a closing project
    of 150 h only the AEs may take, an awareness project of 40 h for marketing; Marketing
    Ops is full."""
    from builders import problem, project

    quarter = problem(
        [
            team("mops", capacity=100, name="Marketing Ops", stages=frozenset({"awareness"})),
            team("dg", capacity=300, name="Demand Gen", stages=frozenset({"awareness"})),
            team("ae", "sales", 200, name="AEs", stages=frozenset({"closing"})),
            team("cs", "sales", 100, name="Customer Success", stages=frozenset({"retention"})),
        ],
        [
            project("big", "closing", 150, 5, name="Big deal desk"),
            project("ads", "awareness", 40, 3, name="Ads"),
            project("own", "closing", 90, 5, name="Own deals"),
            project("brief", "awareness", 100, 2, name="Briefs"),
        ],
    )
    plan = Plan(
        (
            Assignment("own", "ae", D(1), D(90), D(5)),
            Assignment("brief", "mops", D(1), D(100), D(2)),
        ),
        (
            Unassigned("big", "capacity went to better work", "capacity went to better work"),
            Unassigned("ads", "capacity went to better work", "capacity went to better work"),
        ),
    )
    return quarter, plan


def test_the_ranking_says_each_department_s_best_team_or_why_none_of_its_teams_gains():
    """A VP Sales clicked "Rank the teams" and read only a chart: the sales teams' bars at 0
    with no word why. Each department gets a line: its team that gains most (and most per
    hour when another), or why none gains: here the AEs' waiting project needs 150 h, more
    than 10 % more (20 h) adds to their 110 h free, and no waiting project is Customer
    Success's to take."""
    from planner.interfaces.next_steps import ranking_lines

    quarter, plan = _waiting_quarter()
    ranking = _values(
        quarter,
        {
            "dg": ("30", 4.0, 1.0),
            "mops": ("10", 2.0, 0.6),
            "ae": ("20", 0.0, 0.0),
            "cs": ("10", 0.0, 0.0),
        },
    )
    marketing, sales = ranking_lines(quarter, plan, ranking)
    assert marketing == (
        "In Marketing, extra hours pay most in Demand Gen: goal attainment +1.0 pts for 30 h "
        "more; per hour, Marketing Ops gains most (goal attainment +0.6 pts for 10 h more)."
    )
    assert sales == (
        "No sales team gains from 10 % more: none of the projects left out is work Customer "
        "Success may do; the projects waiting for AEs each need more than 10 % adds to its "
        "free hours (Big deal desk needs 150 h, AEs would have 130 h)."
    ), sales
    # Beside the page's sentence on the best team, its department's line only for the
    # team that gains most per hour: the sales line stays.
    assert ranking_lines(quarter, plan, ranking, besides_best=True) == [marketing, sales]
    ranking = _values(quarter, {"dg": ("30", 4.0, 1.0), "ae": ("20", 0.0, 0.0)})
    assert ranking_lines(quarter, plan, ranking, besides_best=True) == [
        sales.replace("none of the projects left out is work Customer Success may do; ", "")
    ]


def test_the_overview_s_capacity_step_has_a_line_for_the_other_department_too():
    """The Overview's step on full teams named Marketing's best team alone while the sales
    teams had projects waiting too: a line for sales, in the ranking's words."""
    quarter, plan = _waiting_quarter()
    ranking = _values(quarter, {"dg": ("30", 4.0, 1.0), "ae": ("20", 0.0, 0.0)})
    steps = next_steps(quarter, _result(plan), limit=9, ranking=ranking)
    (full,) = [s for s in steps if "at capacity" in s]
    assert "pay most in Demand Gen" in full
    # In the full teams' step, where the line without the ranking stands (below).
    assert full.endswith(
        " No sales team gains from 10 % more: the projects waiting for AEs each need more "
        "than 10 % adds to its free hours (Big deal desk needs 150 h, AEs would have 130 h) "
        "(the Scenarios page's ranking)."
    ), steps


def test_the_other_department_is_named_before_the_ranking_has_run_too():
    """The Overview's line on the other department appeared only after "Rank the teams" had
    run on the Scenarios page: the same Overview read otherwise after a click elsewhere.
    Before the ranking it says what the plan knows, the waiting work the sales teams may
    do, in the full teams' step (one step: the Export step stays within the limit)."""
    quarter, plan = _waiting_quarter()
    steps = next_steps(quarter, _result(plan), limit=9)
    (full,) = [s for s in steps if "at capacity" in s]
    assert full.endswith(
        " Sales teams may do 1 of the waiting projects too (Big deal desk): the ranking says "
        "whether more hours there pay."
    ), full
    assert len(steps) == len(next_steps(quarter, _result(plan), limit=9, ranking=None))
    # No line for a department whose teams may do none of the waiting work.
    teams = [
        replace(t, stages=frozenset({"retention"})) if t.team_id == "ae" else t
        for t in quarter.teams
    ]
    alone = quarter.replace(teams=tuple(teams))
    (full,) = [s for s in next_steps(alone, _result(plan), limit=9) if "at capacity" in s]
    assert "Sales teams" not in full, full


def test_a_team_whose_extra_hours_do_not_make_room_in_weeks_says_them_a_week(solved_sample):
    """The sample's ranking read "Channel partner deal registration program needs 37.5 h a
    week for 8 weeks; Enterprise AEs would get 104 h more over the quarter": 104 h beside
    37.5 h read as room enough. The extra hours a week (10 % of its fullest week, 84.6 h)
    stand beside the need a week."""
    from planner.interfaces.next_steps import department_line

    problem, plan = solved_sample
    ranking = _values(problem, {"ent-ae": ("104.0769", 0.0, 0.0)})
    line = department_line(problem, plan, ranking, "sales")
    assert line is not None
    assert (
        "Enterprise AEs would get 104 h more over the quarter, at most 8.5 h in a week)" in line
    ), line


def test_a_week_without_hours_that_keeps_work_out_is_the_overview_s_reason(solved_sample):
    """Demand Gen at 0 h in week 8 (an off-site) on the sample: the Overview read "No team
    is full over the whole quarter ..., yet 21 projects wait" and sent a CMO to the full
    weeks, where each left-out row said the week-8 off-site was why. The step names the
    week and the waiting projects whose every run would cross it, as many as the rows
    that say so."""
    from planner.core.domain import CalendarRow
    from planner.core.shared_words import plural
    from planner.explain.unassigned import unassigned_reasons
    from planner.scenarios.relative import solve_relative

    problem, plan = solved_sample
    off = problem.replace(calendar=(*problem.calendar, CalendarRow("demand-gen", 8, 8, D(0))))
    result = solve_relative(off, plan, time_limit_s=10.0).result
    assert result.plan is not None
    (step,) = [s for s in next_steps(off, result, kept_close=True) if "No team is full" in s]
    crossing = [
        why
        for why in unassigned_reasons(off, result.plan).values()
        if "Demand Gen has no room" in why and "(it has 0 h in week 8: no start in" in why
    ]
    assert crossing, "the off-site keeps work out"
    assert (
        "wait: Demand Gen has no hours in week 8, which every run of "
        f"{plural(len(crossing), 'waiting project')} on Demand Gen would cross ("
    ) in step, step


def test_a_ranking_where_nothing_was_planned_says_why_not_that_no_team_gains():
    """ "Rank the teams" on 150 teams x 3,000 projects at the app's smallest time limit
    (0.01 s) read "No sales team gains from 10 % more. No marketing team gains from 10 %
    more.": nothing had been planned, neither the current inputs nor any team's extra hours,
    as `scenarios marginal` says ("no plan was searched: ... Raise the time limit"). The
    ranking says that, not that no team gains."""
    from planner.interfaces.next_steps import ranking_lines

    quarter, _ = _waiting_quarter()
    why = "no plan was searched: 4 teams x 2 projects take about 3 s. Raise the time limit."
    ranking = _values(quarter, {"dg": ("30", 0.0, 0.0), "ae": ("20", 0.0, 0.0)})
    ranking = replace(
        ranking,
        base=replace(
            ranking.base, reason=why, metrics=replace(ranking.base.metrics, status=Status.NO_PLAN)
        ),
        values=tuple(
            replace(v, gain=None, attainment_gain=None, status=Status.NO_PLAN)
            for v in ranking.values
        ),
    )
    (line,) = ranking_lines(quarter, None, ranking)
    assert "team gains" not in line
    assert line == (
        "No team could be ranked: neither the current inputs nor any team's extra hours got "
        f"a plan ({why[:-1]})."
    ), line
