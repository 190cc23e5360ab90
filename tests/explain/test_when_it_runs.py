"""When an assigned project runs and why it starts then: the Plan page's "Why?" and
``planner explain`` on a project in weeks.

A RevOps lead reading that the SEO pillar pages are owned by Content could not tell
from the explanation when they run, nor why they start in week 8 and not week 1: the
answer said who and how much, never when. Each sentence is checked here against the
plan's weekly load, recomputed from the plan, not against the words' own arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import builders as b

from planner import solve
from planner.core.domain import CalendarRow, Problem
from planner.core.settings import CalendarSettings
from planner.core.weeks import week_limits, weekly_load
from planner.explain import explain_project
from planner.explain.start_week import when_it_runs


def _room_for(problem: Problem, plan, project_id: str, start: int) -> bool:
    """Whether every owner has room for its weekly share in each week of a run from
    ``start``, the project's own hours taken off its planned weeks first."""
    load = weekly_load(problem, plan)
    for a in (a for a in plan.assignments if a.project_id == project_id):
        assert a.start_week is not None and a.end_week is not None
        duration = a.end_week - a.start_week + 1
        per_week = Fraction(a.effort_hours) / duration
        limits = week_limits(problem, a.team_id)
        for week in range(start, start + duration):
            own = per_week if a.start_week <= week <= a.end_week else 0
            if load[a.team_id][week - 1] - own + per_week > limits[week - 1]:
                return False
    return True


def test_every_planned_project_in_weeks_says_when_it_runs_and_why_it_starts_then(
    solved_sample,
):
    """Each planned project with a duration says its weeks; a later start than its first
    possible week is either "cannot start sooner" (and truly no earlier run has room) or
    "would fit from week N too" (and that run truly has room)."""
    problem, plan = solved_sample
    result = solve(problem)
    timed = {a.project_id: a for a in plan.assignments if a.start_week is not None}
    said = 0
    for project in problem.projects:
        if project.duration_weeks is None or project.project_id not in timed:
            continue
        a = timed[project.project_id]
        why = explain_project(problem, result, project.project_id)
        (line,) = [line for line in why.lines if line.startswith("It runs in week")]
        span = f"{a.start_week}-{a.end_week}" if a.end_week != a.start_week else a.start_week
        assert f"It runs in week{'s' if a.end_week != a.start_week else ''} {span} " in line
        if "cannot start sooner" in line:
            first = problem.window(project).start
            assert a.start_week > first
            assert not any(
                _room_for(problem, plan, project.project_id, s) for s in range(first, a.start_week)
            ), line
        elif (fits := re.search(r"would fit from week (\d+) too", line)) is not None:
            assert _room_for(problem, plan, project.project_id, int(fits[1])), line
        said += 1
    assert said >= 10


def test_the_seo_pages_say_content_is_full_before_week_8(solved_sample):
    """The sample's SEO pillar pages (340 h in 6 weeks) run in weeks 8-13 because Content
    has no room for 57 h a week before: the line says so, in the words a leader uses. In
    weeks 1-4 Content has 44-55 h a week at all (calendar.csv), whatever else it plans:
    "no room in weeks 1-7" alone read as other work in the way there."""
    problem, _ = solved_sample
    why = explain_project(problem, solve(problem), "AW-01")
    assert why.lines[1] == (
        "It runs in weeks 8-13 (6 weeks; 56.7 h a week for Content); it cannot start sooner: "
        "Content has no room for it in weeks 1-7 (it has at most 55.0 h a week in weeks 1-4)."
    )
    limits = week_limits(problem, "content")
    assert max(limits[:4]) == 55 < Fraction(340, 6) <= min(limits[4:7])


def test_a_window_shorter_than_the_quarter_is_said_on_its_own(solved_sample):
    """A project that may run only in some weeks read "(5 weeks of weeks 6-13; ...)", a
    riddle; the weeks it may run in are said on their own, after its hours."""
    problem, plan = solved_sample
    windowed = [
        p
        for p in problem.projects
        if p.duration_weeks is not None
        and len(problem.window(p)) < problem.num_weeks
        and p.project_id in plan.owners()
    ]
    assert windowed
    for project in windowed:
        line = when_it_runs(problem, plan, project.project_id)
        assert line is not None and " of weeks " not in line, line
        weeks = list(problem.window(project))
        assert f"; it may run in weeks {weeks[0]}-{weeks[-1]})" in line, line


def test_a_project_without_a_duration_says_nothing_of_weeks(solved_sample):
    """A project with no duration_weeks runs its whole window (round 1's meaning): there is
    no start to explain, so no line is added."""
    problem, _ = solved_sample
    why = explain_project(problem, solve(problem), "RE-01")
    assert not any(line.startswith("It runs in") for line in why.lines)


def test_a_project_after_its_prerequisite_says_it_starts_when_that_ends(solved_sample):
    """Finish to start: a follow-up that starts the week after its prerequisite ends says
    which prerequisite it waits for."""
    problem, plan = solved_sample
    ends = {a.project_id: a.end_week for a in plan.assignments if a.end_week is not None}
    starts = {a.project_id: a.start_week for a in plan.assignments if a.start_week is not None}
    waiting = [
        p
        for p in problem.projects
        if p.project_id in starts
        and any(ends.get(q, 0) + 1 == starts[p.project_id] for q in problem.runs_after(p))
    ]
    if not waiting:  # the sample may place none so; make one: QU-08 after QU-03, earlier
        project = problem.project("QU-03")
        problem = replace(
            problem,
            projects=tuple(
                replace(p, due_week=13, duration_weeks=3, depends_on=("QU-03",))
                if p.project_id == "QU-08"
                else replace(p, due_week=9)
                if p is project
                else p
                for p in problem.projects
            ),
        )
    result = solve(problem)
    assert result.plan is not None
    lines = [
        line
        for p in problem.projects
        if p.project_id in result.plan.owners()
        for line in explain_project(problem, result, p.project_id).lines
        if "from the week after its prerequisite" in line
    ]
    assert lines, "no project said it waits for its prerequisite"


def test_work_under_way_at_a_check_in_keeps_its_weeks_and_says_so(solved_sample):
    """A re-plan fixes the weeks left of work under way: no team's room chose its start,
    so the line says it kept its weeks rather than "cannot start sooner"."""
    from planner.core.domain import Baseline

    problem, plan = solved_sample
    owners = {a.project_id: frozenset({a.team_id}) for a in plan.assignments}
    replanned = problem.replace(baseline=Baseline(owners, under_way=frozenset({"AW-01"})))
    result = replace(solve(problem), plan=plan)
    why = explain_project(replanned, result, "AW-01")
    (line,) = [line for line in why.lines if line.startswith("It runs in")]
    assert line.endswith(": it was under way at the check-in, so it keeps its weeks.")
    assert "cannot start sooner" not in line


def test_a_later_start_after_weeks_away_says_the_team_was_away():
    """ "it cannot start sooner: m1 has no room for it in weeks 1-2" read as other work in
    the way where m1 was away in weeks 1-2: the weeks its own hours cannot hold the run
    are said as its hours."""
    quarter = b.problem(
        [b.team("m1", capacity=100)],
        [b.project("launch", effort=20, duration_weeks=2, value=1)],
        calendar=[
            CalendarRow("m1", 1, 2, Decimal(0)),
            CalendarRow("m1", 3, 3, Decimal(5)),
            CalendarRow("m1", 4, 6, Decimal(20)),
        ],
        settings=b.settings(calendar=CalendarSettings(weeks=6)),
    )
    result = solve(quarter)
    assert result.plan is not None and result.plan.owners() == {"launch": {"m1"}}
    (line,) = [line for line in explain_project(quarter, result, "launch").lines if "runs" in line]
    assert line == (
        "It runs in weeks 4-5 (2 weeks; 10.0 h a week for m1); it cannot start sooner: m1 has no "
        "room for it in weeks 1-3 (it has 0 h in weeks 1-2 and at most 5.0 h a week in week 3)."
    )
    assert week_limits(quarter, "m1")[:3] == (0, 0, 5)
