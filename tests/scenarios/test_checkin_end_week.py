"""A project in progress that will end in another week than planned (``end_week``).

A check-in kept each project in progress to its baseline's end week: one planned to
end in week 6 and half done at week 6 had one week for half its hours, and the re-plan
of the sample then read "No plan meets every rule". A leader now says "it will take
until week 9": its work left spreads over weeks 7-9.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from builders import problem, project, team, with_status

from planner.checker import check_plan
from planner.core.domain import Assignment, Plan, Problem
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_issues import checkin_issues
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml
from planner.scenarios.checkin_words import checkin_problem_lines
from planner.scenarios.on_plan import checkin_as_planned
from planner.scenarios.replan import replan
from planner.solving.solver import solve

D = Decimal
IN_PROGRESS = ProjectStatus.IN_PROGRESS
DATA = Path(__file__).resolve().parents[2] / "data"
HEAD = "weeks_elapsed = 6\nquarter_weeks = 13\n[projects]\n"


def _issues(entry: str) -> list[tuple[str | None, str, str]]:
    """The problems of a week-6 check-in with one project's entry."""
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(HEAD + entry + "\n", "week6.toml")
    assert all(i.file == "week6.toml" for i in info.value.errors)
    return [(i.column, i.message, i.fix) for i in info.value.errors]


def test_an_end_week_reads_and_writes_back():
    """``end_week = 9`` on a project in progress reads as week 9, and the TOML written
    for a saved re-plan's note keeps it."""
    checkin = parse_checkin(
        HEAD + '"a" = { status = "in_progress", percent_done = 50, end_week = 9 }\n'
    )
    assert checkin.progress("a") == ProjectProgress(IN_PROGRESS, D(50), 9)
    assert "end_week = 9" in checkin_to_toml(checkin)
    assert parse_checkin(checkin_to_toml(checkin)) == checkin


def test_an_end_week_written_as_text_or_a_part_week_is_refused_on_its_key():
    """'9' in quotes, 9.5 and true are no week: each is named on the project's end_week."""
    for written, shown in (("9.5", "9.5"), ("true", "true")):
        ((column, message, fix),) = _issues(
            f'"a" = {{ status = "in_progress", percent_done = 50, end_week = {written} }}'
        )
        assert column == "projects.a.end_week"
        assert message == f"{shown} is not a week number."
        assert "whole number" in fix and "end_week = 9" in fix


def test_an_end_week_in_quotes_is_told_to_lose_its_quotes():
    """`end_week = "9"` read "'9' is not a week number", where a quoted percent_done or
    weeks_elapsed says the quotes make it text and gives the line to write."""
    ((column, message, fix),) = _issues(
        '"a" = { status = "in_progress", percent_done = 50, end_week = "9" }'
    )
    assert column == "projects.a.end_week"
    assert message == (
        "'9' is in quotes, so it reads as text, not a week number: write it without the "
        "quotes (end_week = 9)."
    ), message
    assert "whole number" in fix and "end_week = 9" in fix


def test_an_end_week_not_after_the_weeks_elapsed_is_refused_with_the_weeks_to_give():
    """Week 6 at a week-6 check-in leaves no week for the work left."""
    ((column, message, fix),) = _issues(
        '"a" = { status = "in_progress", percent_done = 50, end_week = 6 }'
    )
    assert column == "projects.a.end_week"
    assert message == (
        "week 6 is not after the check-in's week 6: the work left of 'a' needs a week "
        "still to come."
    )
    assert fix == (
        "Write the week its work will end in, from week 7 to week 13; a project whose work "
        'is over is "done".'
    )


def test_an_end_week_past_the_quarter_is_refused_with_the_weeks_to_give():
    ((column, message, fix),) = _issues(
        '"a" = { status = "in_progress", percent_done = 50, end_week = 14 }'
    )
    assert column == "projects.a.end_week"
    assert message == "week 14 is past the end of the 13-week quarter."
    assert fix.startswith("Write the week its work will end in, from week 7 to week 13")


def test_an_end_week_before_week_one_is_refused():
    ((column, message, _),) = _issues(
        '"a" = { status = "in_progress", percent_done = 50, end_week = 0 }'
    )
    assert column == "projects.a.end_week"
    assert message == "week 0 is before the quarter's first week."


def test_an_end_week_of_nought_with_a_point_is_refused_as_before_week_one():
    """``end_week = -0.0`` was told "-0.0 is not a whole number ... Write end_week = 0": a
    fix the same file then refuses. Before the first week, whatever its point or sign."""
    for written in ("-0.0", "0.0", "-2.0"):
        ((column, message, fix),) = _issues(
            f'"a" = {{ status = "in_progress", percent_done = 50, end_week = {written} }}'
        )
        assert column == "projects.a.end_week"
        week = int(float(written))
        assert message == f"week {week} is before the quarter's first week.", message
        assert "end_week = 0" not in fix, fix


def test_an_end_week_on_a_project_not_in_progress_is_refused():
    """Only work in progress runs on to an end week: on a done project it would be lost."""
    ((column, message, fix),) = _issues('"a" = { status = "done", end_week = 9 }')
    assert column == "projects.a.end_week"
    assert message == "a project done has no end week: only work in progress runs on to one."
    assert fix == 'Leave out end_week, or set status = "in_progress".'


def test_end_weeks_at_the_quarters_end_are_said_once():
    """At week 13 of 13 no end week is right: one problem for them all."""
    text = "weeks_elapsed = 13\n[projects]\n" + "".join(
        f'"p{i}" = {{ status = "in_progress", percent_done = 50, end_week = 13 }}\n'
        for i in range(7)
    )
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(text)
    (issue,) = info.value.errors
    assert issue.column == "projects"
    assert "end of the quarter (week 13 of 13)" in issue.message
    assert "7 projects in progress (p0, p1, p2, p3, p4 and 2 more)" in issue.message


def test_a_check_in_past_the_quarter_is_said_once_on_its_weeks():
    """weeks_elapsed = 14 of 13 with work in progress read "week 14 is past the end of the
    13-week quarter", then "the check-in is at the end of the quarter (week 14 of 13), with
    no week left for the end week of ...": a week that does not exist, and a second fix
    (mark the work done) for a typo in the weeks. Only the weeks are named."""
    text = "weeks_elapsed = 14\nquarter_weeks = 13\n[projects]\n" + "".join(
        f'"p{i}" = {{ status = "in_progress", percent_done = 50, end_week = 13 }}\n'
        for i in range(3)
    )
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(text)
    (issue,) = info.value.errors
    assert issue.column == "weeks_elapsed"
    assert issue.message == "week 14 is past the end of the 13-week quarter."


@pytest.fixture
def late() -> tuple[Problem, Plan]:
    """One team of 10 h a week; 'a' (40 h, 4 weeks) planned in weeks 3-6, then 'b' (20 h,
    2 weeks, after 'a', due by week 10) in weeks 7-8."""
    prob = problem(
        [team("m1", capacity=130)],
        [
            project("a", effort=40, value=5, duration_weeks=4),
            project("b", effort=20, value=3, duration_weeks=2, depends_on=("a",), due_week=10),
        ],
    )
    plan = Plan(
        (
            Assignment("a", "m1", D(1), D(40), D(5), start_week=3, end_week=6),
            Assignment("b", "m1", D(1), D(20), D(3), start_week=7, end_week=8),
        )
    )
    return prob, plan


def _half_done_at_week_6(end_week: int | None) -> CheckIn:
    return CheckIn(D(6), projects={"a": ProjectProgress(IN_PROGRESS, D(50), end_week)})


def test_a_late_project_that_had_no_plan_runs_on_to_its_end_week(late):
    """Half of 'a' (20 h) is left at week 6. Kept to its planned end it had week 7 alone,
    20 h where the team has 10: no plan. Ending in week 8 it runs weeks 7-8 at 10 h a week,
    and 'b' follows it in weeks 9-10; the checker passes the re-plan."""
    prob, plan = late
    before = replan(prob, plan, _half_done_at_week_6(None), max_changes=None, stability_weight=1)
    assert before.result.plan is None
    outcome = replan(prob, plan, _half_done_at_week_6(8), max_changes=None, stability_weight=1)
    assert outcome.result.plan is not None
    runs = {a.project_id: (a.start_week, a.end_week) for a in outcome.result.plan.assignments}
    assert runs == {"a": (7, 8), "b": (9, 10)}
    assert check_plan(outcome.problem, outcome.result.plan) == []


def test_work_after_a_late_project_that_cannot_end_by_its_due_week_is_left_out_saying_why(late):
    """Ending in week 9, 'a' leaves 'b' weeks 10-11, past its due week 10: 'b' leaves the
    plan, and the reason names 'a' and its end week."""
    prob, plan = late
    outcome = replan(prob, plan, _half_done_at_week_6(9), max_changes=None, stability_weight=1)
    assert outcome.result.plan is not None
    assert [(a.project_id, a.end_week) for a in outcome.result.plan.assignments] == [("a", 9)]
    assert check_plan(outcome.problem, outcome.result.plan) == []
    (out,) = outcome.result.plan.unassigned
    assert out.reason == (
        "its prerequisite 'a' ends in week 9, too late for its 2 weeks to end by its due week 10"
    )


def test_mandatory_work_a_late_project_pushes_past_its_due_week_names_the_end_week(late):
    """The same with 'b' mandatory has no plan. It read "'b' (20 h) is mandatory. Make 'b'
    optional", naming neither 'a' nor its end week: now both, and the fixes."""
    prob, plan = late
    prob = prob.replace(projects=(prob.project("a"), replace(prob.project("b"), mandatory=True)))
    outcome = replan(prob, plan, _half_done_at_week_6(9), max_changes=None, stability_weight=1)
    assert outcome.result.plan is None
    assert outcome.result.reasons[0] == (
        "'b' is mandatory, but its prerequisite 'a' ends in week 9 at the earliest, too late "
        "for its 2 weeks to end by its due week 10. Give 'a' an earlier end week at the "
        "check-in, move the due week of 'b' later (due_week), or make it optional."
    )


def test_two_projects_in_progress_one_after_the_other_both_run_on(late):
    """'b' started after 'a' ended in the plan; both are in progress at week 6, 'a' late to
    week 8. Held one after the other (rule 12) 'b', already under way, could not run in
    its weeks left: both have started, and both run on."""
    prob, plan = late
    checkin = CheckIn(
        D(6),
        projects={
            "a": ProjectProgress(IN_PROGRESS, D(75), 8),
            "b": ProjectProgress(IN_PROGRESS, D(50), 8),
        },
    )
    prob = prob.replace(teams=(team("m1", capacity=260),))
    outcome = replan(prob, plan, checkin, max_changes=None, stability_weight=1)
    assert outcome.result.plan is not None
    runs = {a.project_id: (a.start_week, a.end_week) for a in outcome.result.plan.assignments}
    assert runs == {"a": (7, 8), "b": (7, 8)}
    assert check_plan(outcome.problem, outcome.result.plan) == []


def test_an_end_week_on_a_quarter_without_weeks_is_refused():
    """Without weeks every project's work left has the rest of the quarter: an end week
    could not be kept, and is refused naming the project, the key and the fix."""
    without = load_with_warnings(DATA / "sample-without-weeks").problem
    plan = solve(without).plan
    assert plan is not None and not without.is_time_phased
    running = sorted(plan.owners())[0]
    checkin = CheckIn(D(6), projects={running: ProjectProgress(IN_PROGRESS, D(40), 9)})
    (issue,) = checkin_issues(without, plan, checkin)
    assert issue.column == f"projects.{running}.end_week"
    assert "without weeks" in issue.message and "no end week can be kept" in issue.message
    assert issue.fix.startswith("Leave out end_week")
    # The Check-in page names where the weeks are set on its Data page, not files.
    (line,) = checkin_problem_lines(without, [issue])
    assert "Data page's Projects table" in line and "Calendar table" in line
    assert ".csv" not in line and "duration_weeks" not in line
    # And the pre-fill of such a quarter gives none.
    prefill = checkin_as_planned(without, plan, D(6))
    assert all(p.end_week is None for p in prefill.projects.values())


@pytest.fixture(scope="module")
def sample(solved_sample) -> tuple[Problem, Plan]:
    return solved_sample


def test_the_sample_s_account_mapping_late_to_week_13_is_re_planned(sample):
    """The sample's enterprise account mapping (260 h, Enterprise AEs) was planned to end
    in week 6. Half done at week 6 (the hours used 130 h short of the plan's), it had
    week 7 alone for 130 h: no plan. Given week 13 to end in, it runs weeks 7-13."""
    prob, plan = sample
    assert {a.end_week for a in plan.assignments if a.project_id == "QU-07"} == {6}
    as_planned = checkin_as_planned(prob, plan, D(6), typed=True)
    hours = dict(as_planned.hours_used)
    hours["ent-ae"] -= 130
    projects = dict(as_planned.projects)
    projects["QU-07"] = ProjectProgress(IN_PROGRESS, D(50))
    checkin = CheckIn(D(6), D(13), projects, as_planned.achieved, hours)
    kept = replan(prob, plan, checkin, max_changes=None, stability_weight=5)
    assert kept.result.plan is None
    projects["QU-07"] = ProjectProgress(IN_PROGRESS, D(50), 13)
    late = replan(
        prob,
        plan,
        CheckIn(D(6), D(13), projects, as_planned.achieved, hours),
        max_changes=None,
        stability_weight=5,
    )
    assert late.result.plan is not None
    (mapping,) = [a for a in late.result.plan.assignments if a.project_id == "QU-07"]
    assert (mapping.team_id, mapping.start_week, mapping.end_week) == ("ent-ae", 7, 13)
    assert check_plan(late.problem, late.result.plan) == []


def test_the_pre_fill_gives_each_project_in_progress_its_planned_end_week(sample):
    """The week a leader changes for a project running late, where it is written: the
    plan's own end week, so that the pre-fill re-planned unchanged is the plan."""
    prob, plan = sample
    ends = {a.project_id: a.end_week for a in plan.assignments}
    prefill = checkin_as_planned(prob, plan, D(6), typed=True)
    running = prefill.ids_with(IN_PROGRESS)
    assert running
    assert {p: prefill.progress(p).end_week for p in running} == {p: ends[p] for p in running}


def test_an_end_week_at_week_zero_is_kept(late):
    """Before the quarter starts (week 0) nothing is cut, but work already in progress
    still ends in the week the leader gives it: 'a' in weeks 1-4, not 3-6."""
    prob, plan = late
    checkin = CheckIn(D(0), projects={"a": ProjectProgress(IN_PROGRESS, D(0), 4)})
    outcome = replan(prob, plan, checkin, max_changes=None, stability_weight=1)
    assert outcome.result.plan is not None
    runs = {a.project_id: (a.start_week, a.end_week) for a in outcome.result.plan.assignments}
    assert runs["a"] == (1, 4)
    assert check_plan(outcome.problem, outcome.result.plan) == []


def test_work_in_progress_a_leader_pinned_is_offered_a_later_end_week(sample):
    """The sample's QBR program (RE-01) is pinned to Customer Success by a leader and runs
    the whole quarter. Said to end in week 9, its work left does not fit Customer
    Success's weeks 7-9 beside the team's other work in progress. The reason offered
    "wider windows (earliest_week to due_week)", which work in progress does not have:
    its weeks run from the check-in to its end week, so a later end week is the fix."""
    prob, plan = sample
    as_planned = checkin_as_planned(prob, plan, D(6), typed=True)
    percent = as_planned.progress("RE-01").percent_done
    checkin = with_status(as_planned, "RE-01", IN_PROGRESS, float(percent), end_week=9)
    outcome = replan(prob, plan, checkin, max_changes=None, stability_weight=5)
    assert outcome.result.plan is None
    (said,) = [r for r in outcome.result.reasons if r.startswith("Customer Success cannot hold")]
    assert "let work in progress end later (its end week at the check-in)" in said
    assert "wider windows" not in said


def test_an_end_week_with_a_decimal_point_is_refused_as_settings_refuse_weeks():
    """``end_week = 9.0`` read as week 9, where settings.toml's ``[calendar] weeks = 13.0``
    is refused as not a whole number: a week in a TOML file is written without a decimal
    point, in the check-in as in the settings, and the fix gives the week as written."""
    for written, week in (("9.0", "9"), ("1e1", "10"), ("9.000", "9")):
        ((column, message, fix),) = _issues(
            f'"a" = {{ status = "in_progress", percent_done = 50, end_week = {written} }}'
        )
        assert column == "projects.a.end_week"
        if "e" in written:  # said as written, as settings.toml says seed = 1e3
            assert message == (
                f"{written} is written with an exponent: a week is a whole number written "
                "without one."
            )
        else:
            assert message == f"{D(written)} is not a whole number: a week has no decimal point."
        assert fix == f"Write end_week = {week}."


def test_an_end_week_or_percent_done_of_another_kind_is_said_in_words():
    """``end_week = { x = 1 }`` read "{'x': 1} is not a week number" (the entry's Python
    form), and ``percent_done = 1e308`` "is larger than the planner reads (at most
    1,000,000,000,000)", a limit that is no percent's: each is said in the file's words."""
    ((_, message, _),) = _issues(
        '"a" = { status = "in_progress", percent_done = 5, end_week = { x = 1 } }'
    )
    assert message == "a table is not a week number."
    entry = '"a" = { status = "in_progress", percent_done = 5, end_week = [9] }'
    ((_, message, _),) = _issues(entry)
    assert message == "a list is not a week number."
    ((column, message, fix),) = _issues('"a" = { status = "in_progress", percent_done = 1e308 }')
    assert column == "projects.a.percent_done"
    assert "at least 0 and under 100" in message and "1,000,000,000,000" not in message
    assert fix.startswith("Write 0 or more and under 100")
    ((_, message, _),) = _issues('"a" = { status = "in_progress", percent_done = { x = 1 } }')
    assert message == "a table is not a number."


def test_end_weeks_past_a_quarter_shorter_than_the_datas_name_the_quarter_once():
    """A check-in with quarter_weeks = 12 on the data's 13-week quarter: every end week 13
    was refused on its own ("week 13 is past the end of the 12-week quarter ... from week
    7 to week 12"), eleven lines whose fix was wrong. The quarter's length is the one
    problem, said once on quarter_weeks with the data's weeks."""
    text = HEAD.replace("quarter_weeks = 13", "quarter_weeks = 12")
    text += '"a" = { status = "in_progress", percent_done = 5, end_week = 13 }\n'
    text += '"b" = { status = "in_progress", percent_done = 5, end_week = 13 }\n'
    with pytest.raises(InvalidInputError) as info:
        parse_checkin(text, "week6.toml", D(13))
    ((column, message, fix),) = [(i.column, i.message, i.fix) for i in info.value.errors]
    assert column == "quarter_weeks"
    assert message == (
        "quarter_weeks is 12, but the data plans a 13-week quarter, and 2 projects in "
        "progress end in week 13 (a, b)."
    )
    assert fix == "Write quarter_weeks = 13, or leave it out."


def test_work_in_progress_at_the_quarters_end_is_not_planned_into_the_week_gone(late):
    """At week 13 of 13 with 'a' 90 % done, the re-plan put its 4 h left in week 13, a
    week already over, wrote a plan and forecast its value ("+2,200 from the re-plan"
    beside "no weeks are left in the quarter: nothing is re-planned"). As in a quarter not
    in weeks, no week is left: no plan, and the check-in says why."""
    prob, plan = late
    running = CheckIn(D(13), projects={"a": ProjectProgress(IN_PROGRESS, D(90))})
    outcome = replan(prob, plan, running, max_changes=None, stability_weight=1)
    assert outcome.result.plan is None
    assert running.why_no_replan(None, None, (), "Unlock some") == running.unfinished_at_the_end()
    # Done, the quarter's end re-plans nothing, and a week before it the work has a week.
    done = with_status(running, "a", ProjectStatus.DONE)
    finished = replan(prob, plan, done, max_changes=None, stability_weight=1)
    assert finished.result.plan is not None
    assert [a for a in finished.result.plan.assignments if a.project_id == "a"] == []
    earlier = replace(running, weeks_elapsed=D(12))
    kept = replan(prob, plan, earlier, max_changes=None, stability_weight=1)
    assert kept.result.plan is not None
    assert {(a.project_id, a.start_week) for a in kept.result.plan.assignments} >= {("a", 13)}


def test_an_end_week_too_long_to_print_is_called_a_week_number_of_its_digits():
    """``end_week = 9999...9`` (29 digits) read "week a number of 29 digits is past the end
    of the quarter"; 1e20 still reads as written."""
    for written, said in (
        ("9" * 29, "a week number of 29 digits is past the end of the quarter."),
        ("-" + "9" * 29, "a week number of 29 digits is before the quarter's first week."),
        ("1e20", "week 1e20 is past the end of the quarter."),
    ):
        ((column, message, _fix),) = _issues(
            f'"a" = {{ status = "in_progress", percent_done = 50, end_week = {written} }}'
        )
        assert column == "projects.a.end_week"
        assert message == said, message
