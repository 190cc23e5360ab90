"""What would N more hours of a team buy for a goal (planner.interfaces.goal_hours): the
Overview's button under "What would close the gap" and ``planner explain --goal
--extra-hours`` read one answer, re-planned with the team's hours raised."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from builders import SAMPLE, goal, project, settings, team
from builders import problem as make_problem

from planner.checker import check_plan
from planner.core.settings import CalendarSettings
from planner.core.writing import write_folder
from planner.interfaces.cli import main
from planner.interfaces.goal_gaps import goal_gaps
from planner.interfaces.goal_hours import (
    ELSEWHERE,
    MOST_HOURS,
    hours_answer,
    hours_offers,
    offer_for,
    typed_hours,
)
from planner.scenarios.capacity_gain import extra_hours
from planner.scenarios.metrics import goal_attainment
from planner.scenarios.odds import scenario_chances
from planner.scenarios.scenario import new_scenario
from planner.scenarios.storage import ScenarioStore
from planner.solving.solver import solve

#: A team whose id and name hold what a command line and a page must keep whole.
ODD_ID = 'ops=r&d "1"'
ODD_NAME = 'Ops, "R&D" & ünï <b>'


def tiny_quarter():
    """Four weeks, one goal of 100 leads. The team has 10 h a week: 'steady' (60 leads, 10 h
    a week all quarter) fills it, so 'burst' (50 leads, 10 h a week in weeks 3-4) is left out
    and the goal is 40 short. A sales team may run neither (awareness work is marketing's)."""
    return make_problem(
        [
            team(ODD_ID, capacity=40, name=ODD_NAME, skills={"seo": 2}),
            team("idle", "sales", capacity=40, name="Idle team"),
        ],
        [
            project("steady", effort=40, value=60, goal_id="leads"),
            project(
                "burst",
                effort=20,
                value=50,
                goal_id="leads",
                duration_weeks=2,
                earliest_week=3,
                due_week=4,
                required_skills={"seo": 1},
            ),
        ],
        goals=[goal("leads", 100, kpi="leads")],
        settings=settings(time_limit_s=2.0, calendar=CalendarSettings(weeks=4)),
    )


def tiny_solved():
    prob = tiny_quarter()
    result = solve(prob)
    assert result.plan is not None
    assert {u.project_id for u in result.plan.unassigned} == {"burst"}
    return prob, result


def test_the_hours_a_left_out_project_needs_in_its_weeks_bring_it_in_and_close_the_gap():
    """The box's offer for the team that could run 'burst': its 20 h, in weeks 3-4 (its
    window), re-planned: it comes in, the goal goes 60 -> 110 of 100, and the plan passes the
    checker."""
    prob, result = tiny_solved()
    gap = goal_gaps(prob, result.plan)["leads"]
    (offer,) = hours_offers(prob, gap)
    assert (offer.team_id, offer.hours, offer.weeks, offer.project_id) == (
        ODD_ID,
        Decimal(20),
        (3, 4),
        "burst",
    )
    assert offer.question == f"What would 20 more hours of {ODD_NAME} buy?"
    answer = hours_answer(prob, result, "leads", offer, time_limit_s=2.0)
    extra = answer.extra
    assert extra.result.plan is not None and not check_plan(extra.problem, extra.result.plan)
    # The hours went to weeks 3 and 4 alone: 10 h a week more there, the rest as it was.
    assert extra.problem.week_hours[ODD_ID] == (10, 10, 20, 20)
    assert [m.project_id for m in extra.added] == ["burst"]
    assert not extra.dropped and not extra.moved and not extra.stopped
    assert answer.closes and answer.goal_after.planned == 110
    assert answer.lines()[0] == (
        f"20 more hours of {ODD_NAME} in weeks 3-4: leads 60 → 110 leads of 100 "
        "(60.0 % → 110.0 %), the gap closed."
    )
    assert answer.lines()[1] == f"Comes in: 'burst' (burst), by {ODD_NAME}."


def test_hours_for_a_team_that_may_run_nothing_left_out_add_nothing_and_say_so():
    """More hours for a team no left-out project can use: the plan stays, the goal stays 40
    short, and the answer says both and why: it could run none of them (so the hours are
    spread over the quarter)."""
    prob, result = tiny_solved()
    gap = goal_gaps(prob, result.plan)["leads"]
    offer = offer_for(prob, gap, "idle", Decimal("80"))
    assert offer.weeks is None and offer.project_id is None
    answer = hours_answer(prob, result, "leads", offer, time_limit_s=2.0)
    assert not answer.closes
    assert answer.goal_after.planned == answer.goal_before.planned == 60
    assert answer.lines() == [
        "80 more hours of Idle team: leads 60 → 60 leads of 100 (60.0 % → 60.0 %), no nearer, "
        "still 40 leads short.",
        "No project comes in, goes out or moves: the plan stays as it is.",
        "Idle team could run none of the left-out projects feeding this goal: its hours "
        "cannot bring one in.",
    ]


def test_the_sample_s_mql_box_offers_demand_gen_the_google_ads_hours_in_its_weeks(
    solved_sample,
):
    """On the sample, MQLs' box offers Demand Gen the 280 h of 'Google Ads restructure' in
    weeks 1-4 (its first run, of 4 weeks in weeks 1-6): they bring it in and close the gap
    (unless the clock stopped the re-plan first); the re-plan passes the checker, and its
    figures are those the Scenarios page reads once it is saved (the goal's planned figure
    and chance)."""
    prob, _ = solved_sample
    result = solve(prob)
    gap = goal_gaps(prob, result.plan)["mqls"]
    offer = hours_offers(prob, gap)[0]
    assert (offer.team, offer.hours, offer.weeks, offer.project_id) == (
        "Demand Gen",
        Decimal(280),
        (1, 4),
        "LG-02",
    )
    answer = hours_answer(prob, result, "mqls", offer, time_limit_s=2.0)
    extra = answer.extra
    assert extra.result.plan is not None and not check_plan(extra.problem, extra.result.plan)
    lines = answer.lines()
    assert lines[0].startswith(
        "280 more hours of Demand Gen in weeks 1-4: Marketing-qualified leads 2,300 → "
    )
    assert lines[1].startswith("Chance of reaching its target: 3 % → ")
    if not extra.stopped:  # 280 h more in weeks 1-4 hold its 70 h a week
        assert "LG-02" in {m.project_id for m in extra.added} and answer.closes
        assert lines[0].endswith("the gap closed.")
    if answer.goal_after.planned <= answer.goal_before.planned:
        assert ELSEWHERE in lines  # the hours served other goals: said why
    scenario = new_scenario(extra.problem, extra.result, "Demand Gen +280 h", kept_close=0.0)
    saved = goal_attainment(scenario.problem, scenario.plan)["mqls"]
    assert saved.planned == answer.goal_after.planned
    # As a percentage and back on the Scenarios page's side: equal to a float's last bit.
    assert scenario_chances(scenario)["mqls"] == pytest.approx(answer.chance_after, abs=1e-12)


def test_a_saved_what_if_loads_back_with_its_hours_and_figures(tmp_path):
    """Saved as a scenario, the re-plan's inputs keep the hours (calendar rows of weeks 3-4)
    and the loaded plan reads the same goal figures."""
    prob, result = tiny_solved()
    offer = hours_offers(prob, goal_gaps(prob, result.plan)["leads"])[0]
    answer = hours_answer(prob, result, "leads", offer, time_limit_s=2.0)
    with ScenarioStore.open(tmp_path / "s.duckdb") as store:
        saved = store.save(new_scenario(answer.extra.problem, answer.extra.result, "More hours"))
        loaded = store.load(saved.scenario_id)
    assert loaded.problem.week_hours[ODD_ID] == (10, 10, 20, 20)
    assert goal_attainment(loaded.problem, loaded.plan)["leads"].planned == 110


@pytest.fixture
def tiny_folder(tmp_path):
    prob, _ = tiny_solved()
    folder = tmp_path / "tiny"
    write_folder(prob, folder)
    return folder


def test_the_command_line_answers_the_same_by_team_name_with_odd_characters(tiny_folder, capsys):
    """``--extra-hours NAME=HOURS`` by the team's name (commas, quotes, '&', an '=' in its
    id): the same answer as the function's, as text and as JSON."""
    args = ["explain", str(tiny_folder), "--goal", "leads", "--time-limit", "2"]
    assert main([*args, "--extra-hours", f"{ODD_NAME}=20"]) == 0
    out = capsys.readouterr().out
    assert f"What would 20 more hours of {ODD_NAME} buy?" in out
    assert "the gap closed." in out
    assert main([*args, "--extra-hours", f"{ODD_ID}=20", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)["extra_hours"]
    assert said["team_id"] == ODD_ID and said["weeks"] == [3, 4] and said["closes"] is True
    assert said["comes_in"] == ["burst"] and said["planned_after"] == 110


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("nobody=5", "no team has the id or name 'nobody'"),
        ("idle=0", "is not TEAM=HOURS"),
        ("idle=1.0001", "is not TEAM=HOURS"),
        ("=5", "is not TEAM=HOURS"),
        # A trillion hours was planned, in four weeks: past what a box on the Overview takes.
        ("idle=1e12", "at most 100,000"),
        ("idle=100000.001", "at most 100,000"),
    ],
)
def test_the_command_line_refuses_a_team_or_hours_it_cannot_read(extra, said, capsys):
    """An unknown team, hours not above 0 or past 3 decimals, no team: exit 2, the fix said,
    no traceback (refused before any plan is made)."""
    assert main(["explain", str(SAMPLE), "--goal", "mqls", "--extra-hours", extra]) == 2
    err = capsys.readouterr().err
    assert said in err and "Fix:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("typed", "name"),
    [(280.0, "+280 h"), (100_000.0, "+100,000 h"), (12.5, "+12.5 h"), (0.0015, "+0.002 h")],
)
def test_hours_typed_in_a_box_name_the_scenario_as_typed(typed, name):
    """The box's float as hours without an exponent: its 280 named a saved answer
    "Demand Gen +2.8E+2 h"; the button asks about the hours typed."""
    offer = offer_for(tiny_quarter(), None, "idle").with_hours(typed_hours(typed))
    assert offer.scenario_name == f"Idle team {name}"
    # The question says the hours typed, as the name does: 12.5 read "13 more hours".
    assert offer.question == f"What would {name[1:-2]} more hours of Idle team buy?"
    assert "E" not in str(offer.hours)


def test_more_hours_than_the_most_a_leader_may_ask_are_refused():
    """Past :data:`MOST_HOURS`, the re-plan is not made (the page and the command line stop
    there)."""
    prob, result = tiny_solved()
    with pytest.raises(ValueError, match="at most 100,000"):
        extra_hours(prob, result, "idle", MOST_HOURS + Decimal("0.001"))
