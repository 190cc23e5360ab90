"""What a second check-in takes back of the first, said by the command line and the page.

``planner checkin --since`` (:func:`since_issues`) and the Check-in page
(:func:`since_lines`) say one reading (:func:`read_since`), by one rule: a project done
stays done, work done, KPIs achieved and hours used only grow. Each thing taken back is
said by both, and nothing else is.
"""

from __future__ import annotations

from decimal import Decimal

from builders import goal, problem, project, team

from planner.core.errors import Severity
from planner.scenarios.checkin import CheckIn, ProjectProgress, ProjectStatus
from planner.scenarios.checkin_since import (
    read_since,
    since_issues,
    since_lines,
    with_end_weeks_since,
)

DONE = ProjectProgress(ProjectStatus.DONE)


def _going(percent: int) -> ProjectProgress:
    return ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(percent))


def test_each_figure_taken_back_is_said_by_the_command_line_and_the_page_alike():
    prob = problem(
        [team("m1", name="Content")],
        [project("a", name="Kit"), project("b", name="Webinar"), project("c", name="Ads")],
        goals=[goal("g", 100, name="Leads", kpi="leads")],
    )
    since = CheckIn(
        Decimal(6),
        projects={"a": DONE, "b": _going(60), "c": _going(20)},
        achieved={"g": Decimal(40)},
        hours_used={"m1": Decimal(300)},
    )
    now = CheckIn(
        Decimal(9),
        projects={"a": _going(90), "b": _going(50), "c": _going(30)},
        achieved={"g": Decimal(35)},
        hours_used={"m1": Decimal(250)},
    )
    read = read_since(since, now)
    issues = since_issues(read, "week6.toml", "week9.toml")
    errors = [(i.column, i.message) for i in issues if i.severity is Severity.ERROR]
    warnings = [(i.column, i.message) for i in issues if i.severity is Severity.WARNING]
    assert [column for column, _ in errors] == ["projects.a"]
    assert "'a' was done at week 6 (week6.toml), and reads in progress here" in errors[0][1]
    assert [column for column, _ in warnings] == [
        "projects.b.percent_done",
        "achieved.g",
        "hours_used.m1",
    ]
    assert "'b' is 50 % done, less than the 60 % at week 6" in warnings[0][1]
    assert "is 35, less than the 40 at week 6" in warnings[1][1]
    assert "is 250, less than the 300 at week 6" in warnings[2][1]

    checkin, undone, lower = since_lines(prob, read)
    assert checkin is None
    assert len(undone) == 1 and undone[0].startswith(
        "'Kit' (a) was done at the check-in of week 6 and reads in progress here"
    )
    assert [line.split(" less than ")[0] for line in lower] == [
        "'Webinar' (b) is 50 % done,",
        "Leads: 35 leads so far,",
        "Content: 250 h used,",
    ]


def test_a_second_check_in_that_only_adds_takes_nothing_back():
    prob = problem([team("m1")], [project("a"), project("b")], goals=[goal("g", 100)])
    since = CheckIn(Decimal(6), projects={"a": _going(20)}, achieved={"g": Decimal(40)})
    now = CheckIn(
        Decimal(9),
        projects={"a": DONE, "b": _going(10)},
        achieved={"g": Decimal(40)},
        hours_used={"m1": Decimal(10)},
    )
    read = read_since(since, now)
    assert since_issues(read, "week6.toml", "week9.toml") == []
    assert since_lines(prob, read) == (now, [], [])


def test_the_page_reads_a_check_in_on_the_re_plan_of_another_as_the_command_line_does():
    """The Check-in page's baseline the re-plan of a check-in at week 6: a week before it is
    refused by the week; a project done then and not now refuses the check-in, the figures
    lowered said beside it; else the end week the first check-in gave stands."""
    prob = problem([team("m1")], [project("a", name="Kit"), project("b")], goals=[goal("g", 100)])
    late = ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(40), end_week=11)
    since = CheckIn(Decimal(6), projects={"a": DONE, "b": late}, achieved={"g": Decimal(40)})

    early = CheckIn(Decimal(4), projects={"a": DONE})
    assert since_lines(prob, read_since(since, early)) == (
        None,
        [
            "This baseline is the re-plan of a check-in at week 6: the weeks elapsed must be "
            "at least 6."
        ],
        [],
    )

    (week,) = since_issues(read_since(since, early), "week6.toml", "week4.toml")
    assert (week.file, week.column) == ("week6.toml", "weeks_elapsed")
    assert week.message == "the earlier check-in is at week 6, after week 4."

    undoing = CheckIn(Decimal(9), projects={"b": _going(50)}, achieved={"g": Decimal(30)})
    checkin, refused, lower = since_lines(prob, read_since(since, undoing))
    assert checkin is None
    assert len(refused) == 1 and refused[0].startswith("'Kit' (a) was done at the check-in")
    assert len(lower) == 1 and lower[0].startswith("g: 30 so far, less than the 40 at")

    kept = CheckIn(Decimal(9), projects={"a": DONE, "b": _going(60)}, achieved={"g": Decimal(50)})
    checkin, refused, lower = since_lines(prob, read_since(since, kept))
    assert (refused, lower) == ([], [])
    assert checkin == with_end_weeks_since(since, kept)
    assert checkin is not None and checkin.progress("b").end_week == 11
