"""The check-in itself: what it may say, its TOML, and how its mistakes are named (a
figure, a typo far past the quarter, an id with a character nobody sees).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from builders import with_status
from checkin_cases import DONE, IN_PROGRESS, D, progress, replan

from planner.core.domain import Plan
from planner.core.errors import InvalidInputError
from planner.core.loading import load_with_warnings
from planner.scenarios.checkin import (
    CheckIn,
    ProjectProgress,
    ProjectStatus,
)
from planner.scenarios.checkin_toml import parse_checkin
from planner.scenarios.checkin_toml_writing import checkin_to_toml

# -- the check-in value object --------------------------------------------


def test_percent_done_of_100_is_rejected_because_that_project_is_done():
    """100 % in progress would leave 0 hours, which no project may have: it is "done"."""
    with pytest.raises(ValueError, match="done"):
        ProjectProgress(IN_PROGRESS, D(100))


def test_only_a_project_in_progress_has_a_percent_done():
    """A "not started, 40 % done" record is a typo; refusing it keeps the re-plan honest."""
    with pytest.raises(ValueError, match="in progress"):
        ProjectProgress(ProjectStatus.NOT_STARTED, D(40))


def test_weeks_elapsed_beyond_the_quarter_is_rejected():
    """Week 14 of a 13-week quarter would give teams negative capacity."""
    with pytest.raises(ValueError, match="weeks elapsed"):
        CheckIn(weeks_elapsed=D(14))


def test_checkin_round_trips_through_toml_with_awkward_ids():
    """The CLI reads and scenarios store a check-in as TOML; nothing may be lost."""
    checkin = CheckIn(
        D("6.5"),
        D(12),
        {'AW "01", ünï': progress(IN_PROGRESS, 37.5), "=cmd|x": progress(DONE)},
        {"mqls": D("600.125")},
        {"sdr": D(420)},
        note='half time, "tense"\nnext line',
    )
    assert parse_checkin(checkin_to_toml(checkin)) == checkin


def test_parse_checkin_reports_every_bad_key_at_once():
    """A leader fixes a hand-written check-in file in one pass, not one error at a time."""
    text = 'weeks_elapsed = "six"\n[projects]\nAW-01 = "finished"\n[achieved]\nmqls = "lots"\n'
    with pytest.raises(InvalidInputError) as caught:
        parse_checkin(text)
    assert {i.column for i in caught.value.issues} == {
        "weeks_elapsed",
        "projects.AW-01",
        "achieved.mqls",
    }


def test_a_bad_check_in_figure_is_named_on_its_own_key_in_words():
    """160 % done read "{'status': 'in_progress', 'percent_done': Decimal('160.0')} is not a
    project status ... Fix: Use one of not_started, ..." (Python's form and the wrong fix),
    and -5 MQLs named no goal: each problem now names its key and says what to write."""
    text = (
        "weeks_elapsed = 6\n[projects]\n"
        'AW-01 = { status = "in_progress", percent_done = 160 }\n'
        'AW-02 = { status = "done", percent_done = 40 }\n'
        "[achieved]\nmqls = -5\n[hours_used]\nsdr = -3\n"
    )
    with pytest.raises(InvalidInputError) as caught:
        parse_checkin(text)
    issues = {i.column: i for i in caught.value.issues}
    assert set(issues) == {
        "projects.AW-01.percent_done",
        "projects.AW-02.percent_done",
        "achieved.mqls",
        "hours_used.sdr",
    }
    assert all("Decimal" not in str(i) and "{" not in i.message for i in issues.values())
    assert "under 100" in issues["projects.AW-01.percent_done"].message
    assert 'status = "done"' in issues["projects.AW-01.percent_done"].fix
    assert 'status = "in_progress"' in issues["projects.AW-02.percent_done"].fix
    assert (
        issues["achieved.mqls"].message
        == "-5 is below 0: a KPI achieved so far cannot be negative."
    )


def test_weeks_elapsed_past_the_quarter_is_named_on_its_key_with_the_range():
    """It read "weeks elapsed must be between 0 and 13.0. Fix: Correct the numbers." with no
    key; it names weeks_elapsed, the quarter and what to write."""
    with pytest.raises(InvalidInputError) as caught:
        parse_checkin("weeks_elapsed = 20\nquarter_weeks = 13\n")
    (issue,) = caught.value.issues
    assert issue.column == "weeks_elapsed"
    assert issue.message == "week 20 is past the end of the 13-week quarter."
    assert issue.fix == "Write the weeks gone so far, from 0 to 13."


def test_a_kpi_achieved_beyond_a_hundred_times_its_target_is_a_typo_named_on_the_goal(relay):
    """999,999,999 typed for 99,999 was read as the goal met ten million times over: the
    forecast read 1,000,032.4 % and the re-plan ran. Now it is a problem of that key; a goal
    beaten a few times over is still taken as written."""
    prob, base = relay
    with pytest.raises(InvalidInputError) as caught:
        replan(prob, base, CheckIn(D(6), achieved={"g": D(1001)}))
    (issue,) = caught.value.issues
    assert issue.column == "achieved.g"
    assert "more than 100 times the target" in issue.message
    replan(prob, base, CheckIn(D(6), achieved={"g": D(1000)}))


def test_hours_used_beyond_twice_the_quarter_are_a_typo_named_on_the_team(relay):
    """99,999 h typed for 999 left the team no hours and the re-plan infeasible, explained
    by pins and skills; it is now a problem of that key, before any solve."""
    prob, base = relay
    with pytest.raises(InvalidInputError) as caught:
        replan(prob, base, CheckIn(D(6), hours_used={"m1": D(99_999), "m2": D(150)}))
    (issue,) = caught.value.issues
    assert issue.column == "hours_used.m1"
    assert "more than twice its whole quarter (100 h)" in issue.message


def test_a_checkin_at_the_quarters_end_with_work_in_progress_says_that_is_why():
    """At week 13 of 13 a project in progress has no week left: no hours or pins fix that
    (the explanation offered 'add 251 h to Brand & Comms'), only its status does."""
    running = CheckIn(
        weeks_elapsed=Decimal(13),
        quarter_weeks=Decimal("13.0"),
        projects={"AW-01": ProjectProgress(ProjectStatus.IN_PROGRESS, Decimal(30))},
    )
    why = running.unfinished_at_the_end()
    assert why is not None
    assert "week 13 of 13" in why and "AW-01" in why and "dropped" in why
    # One project: "no week left for its work. Mark it done" (was "their work", "each").
    assert "1 project is still in progress (AW-01), with no week left for its work. " in why
    assert "Mark it done, or dropped" in why
    assert replace(running, weeks_elapsed=Decimal(12)).unfinished_at_the_end() is None
    done = with_status(running, "AW-01", ProjectStatus.DONE)
    assert done.unfinished_at_the_end() is None


def test_a_checkin_nested_too_deeply_is_invalid_toml_not_an_internal_error():
    """A check-in file of lists nested 5,000 deep is a bad check-in, not a bug."""
    with pytest.raises(InvalidInputError) as info:
        parse_checkin("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (problem,) = info.value.issues
    assert problem.message == "not valid TOML (nested too deeply)."


def test_a_check_in_id_with_a_character_nobody_sees_is_said_to_hold_one():
    """A check-in file with `"AW-01\\u200b" = "done"`, `[achieved] "mqls\\u200b" = 5` and
    `[hours_used] "sdr\\u200b" = 5` (ids copied from a chat) read "project 'AW-01\\u200b'
    is not in the inputs. Fix: Remove it." three times: the fix would throw away the
    leader's record of a project done. Each now says the id holds a character nobody
    sees, names the id it hides, and asks to retype it; an id not in the data at all
    keeps "Remove it"."""
    from planner.scenarios.checkin_issues import checkin_issues

    sample = load_with_warnings(Path(__file__).resolve().parents[2] / "data" / "sample").problem
    text = (
        'weeks_elapsed = 6\n[projects]\n"AW-01\\u200b" = "done"\nNOPE-1 = "done"\n'
        '[achieved]\n"mqls\\u200b" = 5\n[hours_used]\n"sdr\\u200b" = 5\n'
    )
    issues = checkin_issues(sample, Plan(()), parse_checkin(text))
    by_column = {i.column: i for i in issues}
    for column, meant in (
        ("projects.AW-01\\u200b", "AW-01"),
        ("achieved.mqls\\u200b", "mqls"),
        ("hours_used.sdr\\u200b", "sdr"),
    ):
        found = by_column[column]
        assert "holds characters nobody can see: \\u200b (ZERO WIDTH SPACE)" in found.message
        assert f"'{meant}'" in found.fix and "Retype" in found.fix, found.fix
        assert "\u200b" not in found.message + found.fix + found.column
    assert by_column["projects.NOPE-1"].fix == "Remove it."


def test_the_projects_a_check_in_removes_come_in_the_data_s_order():
    """The done and dropped projects came in the order of a set, another on each run: the
    recorded check-in and the second check-in's template listed them anew every time."""
    from planner.scenarios.checkin import removed_projects

    problem = load_with_warnings(Path("data/sample")).problem
    ids = [p.project_id for p in problem.projects]
    ended = ids[::3]  # every third project, recorded in the reverse of the data's order
    statuses = [ProjectStatus.DONE, ProjectStatus.DROPPED]
    checkin = CheckIn(
        weeks_elapsed=D(1),
        projects={p: ProjectProgress(statuses[i % 2]) for i, p in enumerate(reversed(ended))},
    )
    removed = removed_projects(problem, checkin)
    assert set(ended) <= set(removed)
    assert list(removed) == [p for p in ids if p in removed]
