"""The quarter's weeks (SPEC rules 10-12): each rule alone, in the checker and the solver.

Tiny named problems: one marketing team ``m1`` with 130 h in a 13-week
quarter (10 h a week), unless a test says otherwise.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from builders import VALUE_ONLY, pin, problem, project, settings, team
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from strategies import brute_force_best_timed, time_phased_problems

from planner.checker import check_plan, objective_of
from planner.core.domain import Assignment, CalendarRow, Plan, Problem, Status, Unassigned
from planner.core.errors import InvalidInputError
from planner.core.generate import generate_problem
from planner.core.settings import CalendarSettings
from planner.core.settings_reading import parse_settings
from planner.core.weeks import week_ranges, weekly_load
from planner.solving.solver import solve

D = Decimal
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
#: The same quarter as round 1 had it: no calendar, no week columns.
ROUND_ONE = SAMPLE.parent / "sample-without-weeks"


def a(project_id: str, team_id: str, effort: float, start: int, end: int, share: str = "1"):
    """An assignment of a project worth 1 (the builders' default value), times the share."""
    return Assignment(project_id, team_id, D(share), D(str(effort)), D(share), False, start, end)


def rules_broken(prob: Problem, plan: Plan) -> set[int]:
    return {v.rule for v in check_plan(prob, plan)}


def holiday_week_3(**kw) -> Problem:
    """m1: 10 h a week, nothing in week 3 (a holiday); one 1-week project of 5 h."""
    return problem(
        [team("m1", capacity=130)],
        [project("x", effort=5, duration_weeks=1, **kw)],
        calendar=[CalendarRow("m1", 3, 3, D(0))],
    )


# -- settings and calendar ---------------------------------------------------------


def test_calendar_settings_default_to_a_13_week_quarter():
    """Every key is optional: a quarter has 13 weeks and no dates."""
    assert parse_settings("").calendar == CalendarSettings(weeks=13, first_monday=None)


def test_calendar_settings_read_weeks_and_first_monday_and_round_trip():
    """Scenarios store settings as TOML: the calendar comes back as it went."""
    s = parse_settings('[calendar]\nweeks = 12\nfirst_monday = "2027-01-04"\n')
    assert s.calendar == CalendarSettings(12, datetime.date(2027, 1, 4))
    assert s.calendar.monday(2) == datetime.date(2027, 1, 11)
    assert parse_settings(s.to_toml()) == s


def test_bad_calendar_settings_are_each_reported_with_a_fix():
    """Zero weeks and a Tuesday as week 1 are two problems, each with its fix."""
    with pytest.raises(InvalidInputError) as info:
        parse_settings('[calendar]\nweeks = 0\nfirst_monday = "2027-01-05"\nmonths = 3\n')
    assert {i.column for i in info.value.issues} == {
        "calendar.weeks",
        "calendar.first_monday",
        "calendar.months",
    }
    assert all(i.fix for i in info.value.issues)


def test_a_week_without_a_calendar_row_gets_its_share_of_the_quarter():
    """capacity_hours / weeks, exactly; the quarter is the sum of the weeks (rule 5)."""
    p = holiday_week_3()
    assert p.week_hours["m1"][1] == 10 and p.week_hours["m1"][2] == 0
    assert p.quarter_hours("m1") == 120
    plain = problem([team("m1", capacity=100)], [project("x")])
    assert sum(plain.week_hours["m1"]) == 100 and plain.quarter_hours("m1") == 100


def test_round_one_data_is_not_time_phased():
    """No duration, window or calendar: weeks say nothing, and no week variable is built."""
    assert not problem([team("m1")], [project("x"), project("y")]).is_time_phased
    assert holiday_week_3().is_time_phased
    assert problem([team("m1")], [project("x", due_week=10)]).is_time_phased


def test_two_whole_quarter_projects_in_sequence_keep_rule_12_and_solve():
    """Every project runs all 13 weeks (duration_weeks 13) and no calendar: weeks add no
    hours limit, but a prerequisite that runs all quarter leaves no week for the project
    after it (rule 12), so weeks matter. The solver took the quarter as one bucket, planned
    both and answered with an internal error (the checker's rule 12); it plans the first."""
    first = project("first", effort=10, value=5, duration_weeks=13)
    after = project("after", effort=10, value=5, duration_weeks=13, depends_on=("first",))
    p = problem([team("m1", capacity=100)], [first, after])
    assert p.is_time_phased
    result = solve(p)
    assert result.status is Status.OPTIMAL and check_plan(p, result.plan) == []
    assert set(result.plan.owners()) == {"first"}


# -- rule 10: weekly capacity -----------------------------------------------------


def test_checker_rule_10_allows_a_week_within_its_hours():
    """5 h in week 4 (10 h free) keeps rule 10."""
    assert check_plan(holiday_week_3(), Plan((a("x", "m1", 5, 4, 4),))) == []


def test_checker_rule_10_forbids_work_in_a_week_without_hours():
    """5 h in the holiday week breaks rule 10, though the quarter has room (rule 5 holds)."""
    assert rules_broken(holiday_week_3(), Plan((a("x", "m1", 5, 3, 3),))) == {10}


def test_checker_rule_10_reads_every_week_of_a_calendar_row():
    """A calendar row for weeks 3-4 with 0 h closes both weeks: 5 h in week 4 breaks rule 10.

    calendar.csv gives a holiday fortnight as one row; its last week is as closed
    as its first. Week 5 is open (10 h).
    """
    p = problem(
        [team("m1", capacity=130)],
        [project("x", effort=5, duration_weeks=1)],
        calendar=[CalendarRow("m1", 3, 4, D(0))],
    )
    assert rules_broken(p, Plan((a("x", "m1", 5, 4, 4),))) == {10}
    assert check_plan(p, Plan((a("x", "m1", 5, 5, 5),))) == []


def test_checker_rule_10_is_exact_on_an_even_spread():
    """100 h on a 100 h team over 13 weeks is exactly full every week: not over."""
    p = problem([team("m1", capacity=100)], [project("x", effort=100)])
    assert check_plan(p, Plan((a("x", "m1", 100, 1, 13),))) == []


def test_solver_keeps_rule_10_by_moving_work_off_the_holiday():
    """The only start that fits is not week 3: the solver picks one that does."""
    p = holiday_week_3(earliest_week=3, due_week=4)
    result = solve(p)
    (x,) = result.plan.assignments
    assert (x.start_week, x.end_week) == (4, 4)


def test_solver_leaves_out_a_project_no_week_can_hold():
    """15 h in one week is more than any week's 10 h: the project stays out."""
    p = problem([team("m1", capacity=130)], [project("x", effort=15, duration_weeks=1)])
    result = solve(p)
    assert result.status is Status.OPTIMAL and not result.plan.assignments


# -- rule 11: window and duration -------------------------------------------------


def test_checker_rule_11_allows_a_run_inside_the_window():
    """Weeks 5-6 of a 2-week project allowed in 4..8."""
    p = problem(
        [team("m1", capacity=130)], [project("x", duration_weeks=2, earliest_week=4, due_week=8)]
    )
    assert check_plan(p, Plan((a("x", "m1", 10, 5, 6),))) == []


@pytest.mark.parametrize(
    ("start", "end"), [(3, 4), (8, 9), (5, 7), (5, 5)], ids=["early", "late", "long", "short"]
)
def test_checker_rule_11_forbids_runs_outside_the_window_or_of_another_length(start, end):
    """Before earliest, after due, or not exactly ``duration_weeks`` long: rule 11."""
    p = problem(
        [team("m1", capacity=1300)],
        [project("x", duration_weeks=2, earliest_week=4, due_week=8)],
    )
    assert 11 in rules_broken(p, Plan((a("x", "m1", 10, start, end),)))


def test_checker_rule_11_forbids_joint_owners_running_different_weeks():
    """A joint project is one piece of work: both teams run it in the same weeks."""
    p = problem(
        [team("m1", capacity=1300), team("s1", "sales", capacity=1300)],
        [project("j", "nurturing", joint=True, duration_weeks=2)],
    )
    same = Plan((a("j", "m1", 5, 2, 3, "0.5"), a("j", "s1", 5, 2, 3, "0.5")))
    apart = Plan((a("j", "m1", 5, 2, 3, "0.5"), a("j", "s1", 5, 4, 5, "0.5")))
    assert check_plan(p, same) == []
    assert rules_broken(p, apart) == {11}


def test_solver_runs_a_project_inside_its_window_for_its_duration():
    """Due in week 5 with 3 weeks' duration: it starts in week 1, 2 or 3 and ends by 5."""
    p = problem(
        [team("m1", capacity=130)],
        [project("x", effort=9, duration_weeks=3, earliest_week=2, due_week=5)],
    )
    (x,) = solve(p).plan.assignments
    assert x.start_week >= 2 and x.end_week <= 5 and x.end_week - x.start_week == 2


def test_solver_runs_a_joint_project_in_the_same_weeks_on_both_sides():
    """The sales side's week 2 is a holiday: both sides move together past it."""
    p = problem(
        [team("m1", capacity=130), team("s1", "sales", capacity=130)],
        [project("j", "nurturing", effort=10, joint=True, duration_weeks=1, due_week=2)],
        calendar=[CalendarRow("s1", 1, 1, D(0))],
    )
    plan = solve(p).plan
    assert {(x.team_id, x.start_week) for x in plan.assignments} == {("m1", 2), ("s1", 2)}


# -- rule 12: finish to start -----------------------------------------------------


def chain(**kw) -> Problem:
    """Positioning (2 weeks) before the webinar series (3 weeks), both on m1."""
    return problem(
        [team("m1", capacity=1300)],
        [
            project("positioning", effort=10, duration_weeks=2),
            project("webinars", effort=10, duration_weeks=3, depends_on=("positioning",), **kw),
        ],
    )


def test_checker_rule_12_allows_a_start_after_the_prerequisite_ends():
    """Positioning weeks 1-2, webinars from week 3: finish to start holds."""
    plan = Plan((a("positioning", "m1", 10, 1, 2), a("webinars", "m1", 10, 3, 5)))
    assert check_plan(chain(), plan) == []


def test_checker_rule_12_forbids_a_start_before_the_prerequisite_ends():
    """Webinars in week 2 while positioning still runs: rule 12."""
    plan = Plan((a("positioning", "m1", 10, 1, 2), a("webinars", "m1", 10, 2, 4)))
    assert rules_broken(chain(), plan) == {12}


def test_rule_12_needs_both_durations_otherwise_rule_8_alone_applies():
    """A prerequisite that runs the whole quarter does not hold its dependant back."""
    p = problem(
        [team("m1", capacity=1300)],
        [project("base"), project("next", duration_weeks=2, depends_on=("base",))],
    )
    assert check_plan(p, Plan((a("base", "m1", 10, 1, 13), a("next", "m1", 10, 1, 2)))) == []


def test_solver_sequences_a_chain_that_only_fits_end_to_end():
    """2 + 3 weeks in a 5-week window: positioning 1-2, webinars 3-5, and nothing else."""
    p = chain(due_week=5)
    plan = solve(p).plan
    weeks = {x.project_id: (x.start_week, x.end_week) for x in plan.assignments}
    assert weeks == {"positioning": (1, 2), "webinars": (3, 5)}


# -- round 1 is unchanged -----------------------------------------------------------


def _round_one(p: Problem) -> Problem:
    projects = tuple(
        replace(x, duration_weeks=None, earliest_week=None, due_week=None) for x in p.projects
    )
    return p.replace(projects=projects, calendar=())


@pytest.mark.parametrize("seed", [1, 2])
def test_round_one_data_gives_the_plan_the_quarter_model_gave(monkeypatch, seed):
    """With weeks forced on, round-1 data gets the same optimum: rule 10 adds nothing to rule 5.

    So building week variables only for time-phased data loses nothing, and
    a plan without time columns is the plan it was.
    """
    p = generate_problem(4, 14, seed=seed).replace(settings=settings(VALUE_ONLY))
    quarter = solve(p)
    monkeypatch.setattr(Problem, "is_time_phased", property(lambda self: True))
    weekly = solve(p)
    assert quarter.status is weekly.status is Status.OPTIMAL
    assert quarter.objective == weekly.objective
    assert all((x.start_week, x.end_week) == (1, 13) for x in quarter.plan.assignments)


def test_round_one_sample_keeps_its_owners_and_objective(monkeypatch):
    """The round-1 sample (data/sample-without-weeks) is not time-phased, and forcing the
    weekly model on it changes nothing: the plan it gave before weeks existed."""
    from planner.core.loading import load_with_warnings

    p = load_with_warnings(ROUND_ONE).problem
    assert not p.is_time_phased and not p.calendar
    p = p.replace(settings=replace(p.settings, solve=replace(p.settings.solve, workers=1)))
    before = solve(p)
    monkeypatch.setattr(Problem, "is_time_phased", property(lambda self: True))
    after = solve(p)
    assert before.status is after.status is Status.OPTIMAL
    assert before.objective == pytest.approx(after.objective, abs=1e-9)
    # The round-1 figures data/README.md quotes: 37 of 51 projects in 41 assignment rows.
    assert before.objective == pytest.approx(1555.0545, abs=1e-4)
    assert len(before.plan.owners()) == 37 and len(before.plan.assignments) == 41
    assert all((x.start_week, x.end_week) == (1, 13) for x in before.plan.assignments)


# -- weekly load figures ------------------------------------------------------------


def test_weekly_load_spreads_each_owners_hours_evenly_over_its_weeks():
    """12 h over weeks 2-4 is 4 h a week; the figures add up to the plan's hours."""
    p = holiday_week_3()
    plan = Plan((a("x", "m1", 12, 2, 4),))
    load = weekly_load(p, plan)["m1"]
    assert load[:5] == [0, 4, 4, 4, 0] and sum(load) == 12


def test_weeks_read_as_a_leader_says_them():
    """A team full in weeks 9, 10, 11 and 13 is 'full in weeks 9-11 and 13'."""
    assert week_ranges([13, 9, 10, 11]) == "9-11 and 13"
    assert week_ranges([2]) == "2"


# -- every time-phased plan passes the checker; tiny ones are optimal -----------------


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(time_phased_problems(max_projects=4))
def test_every_time_phased_plan_passes_the_checker(prob):
    """Whatever the weeks, windows and calendar, a solved plan keeps rules 1-12."""
    result = solve(prob)
    if result.plan is not None:
        assert check_plan(prob, result.plan) == []
        assert result.objective == float(objective_of(prob, result.plan).total)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(time_phased_problems(max_projects=3))
def test_tiny_time_phased_optimum_equals_brute_force(prob):
    """Owners and start weeks together: the solver's optimum is the best of every plan."""
    best = brute_force_best_timed(prob)
    result = solve(prob)
    if best is None:
        assert result.status is Status.INFEASIBLE
    else:
        assert result.status is Status.OPTIMAL
        assert result.objective == pytest.approx(float(best), abs=1e-9)


def test_solved_time_phased_plan_round_trips_through_plan_csv():
    """start_week and end_week survive plan.csv, so a re-plan reads the weeks back."""
    from planner.core.plan_csv import plan_csv_text, read_plan_csv

    p = chain(due_week=5)
    plan = solve(p).plan
    assert read_plan_csv(plan_csv_text(p, plan)) == plan


def test_unassigned_rows_need_no_weeks():
    """An unassigned project has no weeks, and the checker asks for none."""
    p = holiday_week_3()
    assert check_plan(p, Plan((), (Unassigned("x", "-"),))) == []


# -- calendar.csv and the week columns, validated like every input -------------------


def _tables(projects_extra: str = "", calendar: str | None = None, weeks: int = 13):
    from planner.core.csv_text import read_csv_text

    frames = {
        "teams.csv": read_csv_text(
            b"team_id,department,capacity_hours\nm1,marketing,130\n", "teams.csv"
        ),
        "projects.csv": read_csv_text(
            (
                "project_id,stage,effort_hours,duration_weeks,earliest_week,due_week,depends_on\n"
                + projects_extra
            ).encode(),
            "projects.csv",
        ),
    }
    if calendar is not None:
        frames["calendar.csv"] = read_csv_text(
            ("team_id,week,capacity_hours\n" + calendar).encode(), "calendar.csv"
        )
    return frames


def test_calendar_csv_and_week_columns_load_into_the_problem():
    """A range row covers each of its weeks; the week columns become the project's."""
    from planner.core.loading import build_problem

    frames = _tables("x,awareness,10,2,3,9,\n", "m1,7-8,0\nm1,12,15\n")
    p = build_problem(frames).problem
    (x,) = p.projects
    assert (x.duration_weeks, x.earliest_week, x.due_week) == (2, 3, 9)
    assert p.week_hours["m1"][6:8] == (0, 0) and p.week_hours["m1"][11] == 15
    assert p.quarter_hours("m1") == 130 - 20 + 5


def test_problem_with_weeks_round_trips_through_the_data_folder(tmp_path):
    """Written and read back (calendar ranges included), the problem is the same."""
    from planner.core.loading import build_problem, problem_to_frames

    p = build_problem(_tables("x,awareness,10,2,3,9,\n", "m1,7-8,0\nm1,12,15\n")).problem
    assert build_problem(problem_to_frames(p), p.settings).problem == p


@pytest.mark.parametrize(
    ("projects", "calendar", "column"),
    [
        ("x,awareness,10,14,,,\n", "", "duration_weeks"),
        ("x,awareness,10,1.5,,,\n", "", "duration_weeks"),
        ("x,awareness,10,,0,,\n", "", "earliest_week"),
        ("x,awareness,10,,9,4,\n", "", "due_week"),
        ("x,awareness,10,6,1,4,\n", "", "duration_weeks"),
        ("x,awareness,10,,,,\n", "m1,eight,10\n", "week"),
        ("x,awareness,10,,,,\n", "m1,12-14,10\n", "week"),
        ("x,awareness,10,,,,\n", "m1,9-7,10\n", "week"),
        ("x,awareness,10,,,,\n", "m1,3,-5\n", "capacity_hours"),
        ("x,awareness,10,,,,\n", "zz,3,5\n", "team_id"),
        ("x,awareness,10,,,,\n", "m1,3-5,5\nm1,5,4\n", "week"),
    ],
    ids=[
        "longer-than-quarter",
        "not-whole",
        "week-zero",
        "due-before-earliest",
        "longer-than-window",
        "week-not-a-number",
        "range-past-quarter",
        "range-backwards",
        "negative-hours",
        "unknown-team",
        "overlapping-rows",
    ],
)
def test_bad_week_input_names_file_row_column_and_fix(projects, calendar, column):
    """Every bad week cell is reported like every other input: file, row, column, fix."""
    from planner.core.loading import build_problem

    with pytest.raises(InvalidInputError) as info:
        build_problem(_tables(projects, calendar))
    (problem_issue,) = [i for i in info.value.issues if i.severity.value == "error"]
    assert problem_issue.column == column and problem_issue.row is not None
    assert problem_issue.fix
    assert problem_issue.file == ("calendar.csv" if calendar else "projects.csv")


def test_a_chain_that_cannot_end_by_its_due_week_is_a_warning():
    """Finish to start can leave a project no week: the leader hears it on loading."""
    from planner.core.loading import build_problem

    frames = _tables("a,awareness,10,6,,,\nb,awareness,10,4,,8,a\n")
    result = build_problem(frames)
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (3, "due_week") and "week 10" in warning.message


def test_calendar_hours_of_a_team_with_0_h_in_teams_csv_are_a_warning():
    """A leader who sets a team's capacity_hours to 0 to take it out of the quarter would
    not expect its calendar rows to keep giving it hours: they count (a quarter is the sum
    of its weeks), so loading says so, on the calendar row, with both ways out."""
    from planner.core.csv_text import read_csv_text
    from planner.core.loading import build_problem

    frames = _tables("x,awareness,10,,,,\n", "m1,2,0\nm1,5,20\nm1,7-8,12.5\n")
    frames["teams.csv"] = read_csv_text(
        b"team_id,department,capacity_hours\nm1,marketing,0\n", "teams.csv"
    )
    result = build_problem(frames)
    assert result.problem.quarter_hours("m1") == 45  # the contract's arithmetic is kept
    warnings = [(w.file, w.row, w.column) for w in result.warnings]
    assert warnings == [
        ("calendar.csv", 3, "capacity_hours"),
        ("calendar.csv", 4, "capacity_hours"),
    ]
    assert "20 h in week 5" in result.warnings[0].message
    assert "12.5 h a week in weeks 7-8" in result.warnings[1].message
    assert "set this row's capacity_hours to 0" in result.warnings[0].fix
    frames["teams.csv"] = read_csv_text(
        b"team_id,department,capacity_hours\nm1,marketing,130\n", "teams.csv"
    )
    assert build_problem(frames).warnings == ()


# -- check-in at week N: the past stays, the weeks left are re-planned -------------------


def test_checkin_at_week_6_replans_only_the_weeks_left():
    """Weeks 1-6 get no new work; an in-progress project runs on for the weeks it had left;
    one whose window has passed leaves the re-plan with the reason in words."""
    from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus, removed_projects
    from planner.scenarios.rest_of_quarter import replan_problem

    quarter = problem(
        [team("m1", capacity=1300)],
        [
            project("early", effort=20, duration_weeks=2, due_week=4, value=2),
            project("long", effort=40, duration_weeks=8, value=3),
            project("late", effort=30, duration_weeks=3, earliest_week=8, value=4),
        ],
        calendar=[CalendarRow("m1", 10, 10, D(5))],
    )
    baseline = solve(quarter).plan
    runs = {a.project_id: (a.start_week, a.end_week) for a in baseline.assignments}
    checkin = CheckIn(
        weeks_elapsed=D(6),
        projects={"long": ProjectProgress(ProjectStatus.IN_PROGRESS, D(50))},
    )
    assert "early" in removed_projects(quarter, checkin)
    assert "window ended in week 4" in removed_projects(quarter, checkin)["early"]
    rest = replan_problem(quarter, baseline, checkin, max_changes=None, stability_weight=1.0)
    assert rest.week_hours["m1"][:6] == (0,) * 6 and rest.week_hours["m1"][9] == 5
    result = solve(rest)
    assert check_plan(rest, result.plan) == []
    load = weekly_load(rest, result.plan)["m1"]
    assert all(h == 0 for h in load[:6])
    long = next(a for a in result.plan.assignments if a.project_id == "long")
    assert (long.start_week, long.end_week) == (7, runs["long"][1])


def test_hours_used_at_a_checkin_shrink_the_weeks_left():
    """130 h in 13 weeks, 100 h used by week 6: weeks 7-13 share the 30 h left, not 70 h.

    A team that spent faster than the calendar has less room than its weeks
    say; the re-plan's weekly hours must add up to what it has left (each week
    30/7 h, rounded down to the data's thousandths, so never more than is left).
    """
    from planner.scenarios.checkin import CheckIn, to_places
    from planner.scenarios.rest_of_quarter import replan_problem

    quarter = problem([team("m1", capacity=130)], [project("x", effort=10, duration_weeks=2)])
    baseline = solve(quarter).plan
    checkin = CheckIn(weeks_elapsed=D(6), hours_used={"m1": D(100)})
    rest = replan_problem(quarter, baseline, checkin, max_changes=None, stability_weight=1.0)
    weeks_left = rest.week_hours["m1"][6:]
    assert len(weeks_left) == 7
    assert all(h == to_places(Fraction(30, 7), "ROUND_DOWN") for h in weeks_left)
    assert 30 - Decimal("0.007") < sum(weeks_left) <= 30
    assert rest.team("m1").capacity_hours == sum(weeks_left)


def test_explanations_speak_weeks():
    """A left-out project, and a mandatory one that no week can hold, are explained in weeks."""
    p = problem(
        [team("m1", capacity=130)],
        [project("launch", effort=30, duration_weeks=1, due_week=3, name="Launch")],
        calendar=[CalendarRow("m1", 1, 3, D(10))],
    )
    (left_out,) = solve(p).plan.unassigned
    assert left_out.reason == (
        "m1 has no room for its 30.0 h a week in weeks 1-3 (it has 10.0 h a week at most), "
        "when it must run for 1 week within weeks 1-3"
    )
    forced = p.replace(projects=(replace(p.projects[0], mandatory=True),))
    result = solve(forced)
    assert result.status is Status.INFEASIBLE
    assert any("'Launch' is mandatory, but m1 has no room" in r for r in result.reasons)


def test_a_mandatory_project_no_week_holds_is_said_first_with_the_edits_that_fit_it():
    """The weekly reason is the cause; it came after "These rules cannot all hold: 'Launch'
    (300 h) is mandatory", which says nothing a leader can act on, and gave no fix."""
    p = problem(
        [team("brand", capacity=1300, name="Brand")],
        [project("launch", effort=300, duration_weeks=2, mandatory=True, name="Launch")],
    )
    result = solve(p)
    assert result.status is Status.INFEASIBLE
    first = result.reasons[0]
    assert first.startswith("'Launch' is mandatory, but Brand has no room for its 150.0 h a week")
    assert "Give it more weeks (duration_weeks)" in first and "make it optional" in first


def test_a_pinned_project_no_week_of_its_team_holds_is_said_with_the_weeks_and_the_fix():
    """The sample with marketing at 70 %: its battlecards are pinned to Product Marketing,
    whose share needs 48 h a week by week 6 where the team has 43 h. The reason read
    "These rules cannot all hold: 'Competitive battlecards v2' is pinned to Product
    Marketing", one rule and no hours. It now leads with the team's weeks, as a mandatory
    project's does.
    """
    p = problem(
        [team("m1", capacity=130, name="Brand"), team("m2", capacity=1300, name="Content")],
        [project("launch", effort=30, duration_weeks=1, due_week=3, name="Launch")],
        rules=[pin("launch", "m1")],
        calendar=[CalendarRow("m1", 1, 3, D(10))],
    )
    result = solve(p)
    assert result.status is Status.INFEASIBLE
    first = result.reasons[0]
    assert first.startswith(
        "'Launch' is pinned to Brand, but Brand has no room for its 30.0 h a week in weeks 1-3"
    ), first
    assert "unpin it" in first and "Content" not in first


def test_sample_quarter_in_weeks_solves_to_a_checked_plan_with_weeks():
    """data/sample (the quarter the app opens on, the README's timeline) loads clean and
    solves to a plan that keeps rules 1-12, with the conference and the QBR programme
    (mandatory) in it."""
    from planner.core.loading import load_with_warnings

    loaded = load_with_warnings(SAMPLE)
    p = loaded.problem
    assert not loaded.warnings and p.is_time_phased and len(p.calendar) > 0
    result = solve(p)
    assert result.plan is not None and check_plan(p, result.plan) == []
    owned = result.plan.owners()
    assert {"AW-02", "RE-01"} <= set(owned)


def test_sample_leaves_the_press_launch_and_saastr_out_for_their_weeks_and_says_so_in_weeks():
    """data/README.md tells the sample's first open in weeks: Brand & Comms carries Elevate
    through the launch weeks, so the press launch (160 h in 3 weeks, weeks 4-6) has no room,
    and SaaStr (480 h in 9 weeks, by week 10) has none on Demand Gen; the reasons say so in
    hours a week and weeks, not "capacity went elsewhere"."""
    from planner.core.loading import load_with_warnings

    p = load_with_warnings(SAMPLE).problem
    result = solve(p)
    assert result.plan is not None
    reasons = {u.project_id: u.reason for u in result.plan.unassigned}
    owned = result.plan.owners()
    assert owned["AW-02"] == frozenset({"brand"})
    launch, saastr = p.project("AW-05"), p.project("LG-04")
    assert float(launch.effort_hours) / p.duration(launch) == pytest.approx(53.3, abs=0.1)
    assert reasons["AW-05"].startswith(
        "Brand & Comms has no room for its 53.3 h a week in weeks 4-6, when it must run"
    )
    assert float(saastr.effort_hours) / p.duration(saastr) == pytest.approx(53.3, abs=0.1)
    assert reasons["LG-04"].startswith("Demand Gen has no room for its 53.3 h a week in weeks")
    # Its follow-up SLA waits for it (finish to start), and says that instead.
    assert "Trade show presence at SaaStr Annual" in reasons["NU-06"]


@pytest.mark.parametrize("weeks", [1, 2])
def test_a_quarter_of_one_or_two_weeks_is_told_with_fixes_that_fit_it(tmp_path, weeks):
    """The sample squeezed into a 1- or 2-week quarter: the fixes said "write a number such
    as 4", "Check the units" and "a range such as 7-8", none of which such a quarter takes,
    and "weeks 1-1". Each fix now names the quarter's own weeks."""
    import shutil

    from planner.core.loading import load_with_warnings

    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    toml = folder / "settings.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("weeks = 13 ", f"weeks = {weeks} "))
    with pytest.raises(InvalidInputError) as caught:
        load_with_warnings(folder)
    fixes = {(i.file, i.column): i.fix for i in caught.value.issues}
    messages = " ".join(i.message for i in caught.value.issues)
    duration = fixes["projects.csv", "duration_weeks"]
    span = "1" if weeks == 1 else "1 to 2"
    assert f"The quarter has {weeks} week" in duration and f"write {span}," in duration
    assert "such as 4" not in duration and "Check the units" not in duration
    calendar = fixes["calendar.csv", "week"]
    assert "7-8" not in calendar and "1-1" not in calendar + messages
    assert ("range such as 1-2" in calendar) == (weeks == 2)


@pytest.mark.parametrize(
    ("projects", "column", "fix"),
    [
        (
            "x,awareness,10,,,wk10,\n",
            "due_week",
            "Write it as 10: due_week holds the number alone.",
        ),
        (
            "x,awareness,10,3 weeks,,,\n",
            "duration_weeks",
            "Write it as 3: duration_weeks holds the number alone.",
        ),
        (
            "x,awareness,10,,week 6,,\n",
            "earliest_week",
            "Write it as 6: earliest_week holds the number alone.",
        ),
        (
            "x,awareness,10,,,soon,\n",
            "due_week",
            "Write a whole number from 1 to 13 (weeks, without a unit), or leave it empty.",
        ),
    ],
    ids=["due-wk10", "duration-with-unit", "earliest-with-word", "due-in-words"],
)
def test_a_week_cell_that_is_not_a_number_is_told_to_write_a_week_number(projects, column, fix):
    """'wk10' in due_week was told "Write a plain decimal such as 4 (no thousands
    separators or decimal commas, ...)": words for money, not for a week. A week written
    with its word or letter ('wk10', '3 weeks', 'week 6') is told the number to write; any
    other text, a whole number of the quarter's weeks."""
    from planner.core.loading import build_problem

    with pytest.raises(InvalidInputError) as info:
        build_problem(_tables(projects))
    (issue,) = info.value.issues
    assert issue.column == column and "is not a number" in issue.message
    assert issue.fix == fix


def test_a_calendar_week_with_bad_hours_is_told_a_week_s_hours():
    """calendar.csv holds one week's hours, but a negative or wordy capacity_hours there
    was told "Write a number such as 480", a quarter's hours: a leader would copy it into
    a week. The example is now a week's hours."""
    from planner.core.loading import build_problem

    with pytest.raises(InvalidInputError) as info:
        build_problem(_tables("x,awareness,10,,,,\n", "m1,3,-5\nm1,4,forty\n"))
    fixes = [i.fix for i in info.value.issues]
    assert fixes == [
        "Write a number such as 40.",
        "Write a plain decimal such as 40 (no thousands separators or decimal commas, "
        "no units, no exponents).",
    ]


def test_a_chain_that_cannot_end_by_its_due_week_names_the_prerequisite_that_holds_it():
    """The warning said "after its prerequisites it can end in week 10 at the earliest"
    and left the leader to find which prerequisite: a project with three to look through
    had to be worked out by hand. It now names the one that ends last, and its week."""
    from planner.core.loading import build_problem

    frames = _tables("a,awareness,10,6,,,\nc,awareness,10,2,,,\nb,awareness,10,4,,8,c;a\n")
    (warning,) = build_problem(frames).warnings
    assert warning.message.startswith(
        "after its prerequisite 'a' (which ends in week 6 at the earliest) it can end in "
        "week 10 at the earliest, after its due week 8"
    ), warning.message


def test_a_chain_longer_than_the_quarter_says_the_quarter_ends_not_a_due_week_it_lacks():
    """A -> B -> C, five weeks each, in a 13-week quarter, C with no due week: the warning
    read "after its due week 13 ... Fix: Move due_week later", a due week C did not have and
    a fix the quarter's end allows no room for. It now says the quarter ends, on C's
    duration_weeks, with the fixes that can help."""
    from planner.core.loading import build_problem

    frames = _tables("a,awareness,10,5,,,\nb,awareness,10,5,,,a\nc,awareness,10,5,,,b\n")
    (warning,) = build_problem(frames).warnings
    assert (warning.row, warning.column) == (4, "duration_weeks")
    assert warning.message == (
        "after its prerequisite 'b' (which ends in week 10 at the earliest) it can end in "
        "week 15 at the earliest, after the quarter's last week (13), so it cannot be planned."
    ), warning.message
    assert warning.fix == (
        "Shorten it or its prerequisites (duration_weeks), or start them earlier "
        "(earliest_week): the quarter has 13 weeks."
    ), warning.fix
    assert "due_week" not in warning.message


def test_a_chain_past_a_one_week_quarter_says_one_week():
    """In a one-week quarter the same fix read "the quarter has 1 weeks."."""
    from planner.core.loading import build_problem

    frames = _tables("a,awareness,10,1,,,\nb,awareness,10,1,,,a\n")
    (warning,) = build_problem(frames, parse_settings("[calendar]\nweeks = 1\n")).warnings
    assert warning.fix.endswith("(earliest_week): the quarter has 1 week."), warning.fix


def test_a_mandatory_project_after_a_chain_past_the_quarter_says_no_plan_can_be_made():
    """D (mandatory, no weeks of its own) depends on C, which the chain A -> B -> C pushes
    past the quarter: `validate` read "valid" with a warning on C alone, and `solve` "No
    plan meets every rule". D now says it cannot be planned either, and that no plan can
    be made; an optional dependant says it cannot be planned, without the second part."""
    from planner.core.loading import build_problem

    frames = _tables(
        "a,awareness,10,5,,,\nb,awareness,10,5,,,a\nc,awareness,10,5,,,b\n"
        "d,awareness,10,,,,c\ne,awareness,10,,,,d\n"
    )
    frames["projects.csv"]["mandatory"] = ["", "", "", "true", ""]
    said = {w.row: w for w in build_problem(frames).warnings}
    assert set(said) == {4, 5, 6}, said
    d, e = said[5], said[6]
    assert d.column == e.column == "depends_on"
    assert d.message == (
        "it depends on 'c' (row 4), which cannot be planned, so it cannot be planned either; "
        "it is mandatory, so no plan can be made until this is fixed."
    ), d.message
    assert d.fix == "Shorten 'c' or its prerequisites, or take 'c' out of depends_on."
    assert e.message == (
        "it depends on 'd' (row 5), which cannot be planned, so it cannot be planned either."
    ), e.message
