"""The quarter's weeks of a plan: when each project runs and each team's load per week.

SPEC "The quarter's weeks": an assigned project runs ``duration`` consecutive
weeks inside ``earliest_week .. due_week``, and each owner's hours spread
evenly over those weeks. A plan from before weeks existed (no start week)
runs each project over its whole window, which is the whole quarter for
round-1 data. Figures are exact (``Fraction``); pages and exports read them
from here so that the same number reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from planner.core.domain import Assignment, Plan, Problem, Project
from planner.core.shared_words import joined


def run_weeks(problem: Problem, assignment: Assignment) -> range:
    """The weeks an assigned project runs (its whole window when the plan gives none)."""
    if assignment.start_week is not None and assignment.end_week is not None:
        return range(assignment.start_week, assignment.end_week + 1)
    return problem.window(problem.project(assignment.project_id))


def earliest_start(problem: Problem, project: Project, ends: Mapping[str, int]) -> int:
    """The first week a project may start: its earliest week, and after each prerequisite
    it runs after (rule 12) has ended.

    ``ends`` maps a project placed so far to its last week; a prerequisite not
    placed holds nothing back.
    """
    return start_after(problem.window(project).start, problem.runs_after(project), ends)


def start_after(first: int, prerequisites: Iterable[str], ends: Mapping[str, int]) -> int:
    """Rule 12: week ``first``, or the week after the last of ``prerequisites`` (by id) to
    end, when later. ``ends`` maps a project placed so far to its last week; a prerequisite
    not placed holds nothing back. The loader's check of due weeks reads it before there is
    a :class:`Problem`; :func:`earliest_start` after.
    """
    for needed in prerequisites:
        if needed in ends:
            first = max(first, ends[needed] + 1)
    return first


def week_limits(problem: Problem, team_id: str) -> tuple[Fraction, ...]:
    """A team's plannable hours in each week: its week's hours x multiplier x utilisation."""
    team = problem.team(team_id)
    factor = problem.settings.plannable_share(team_id, team.department)
    # A week without a calendar row holds the team's even share, the same object each
    # week: multiplied once (a greedy's set-up asks every team's weeks, 2,100 products at
    # 150 teams in 14 weeks).
    limits: list[Fraction] = []
    last: Fraction | None = None
    limit = factor
    for hours in problem.week_hours[team_id]:
        if hours is not last:
            last, limit = hours, hours * factor
        limits.append(limit)
    return tuple(limits)


def weekly_load(problem: Problem, plan: Plan) -> dict[str, list[Fraction]]:
    """Team id -> its planned hours in each week (week 1 first), for every team."""
    weeks = problem.num_weeks
    # Each run adds its weekly hours from its first week and takes them off after its last,
    # and each team's weeks are the running sum: two exact additions a project instead of
    # one a week (36,000 at 3,000 projects).
    steps = {t.team_id: [Fraction(0)] * (weeks + 1) for t in problem.teams}
    for a in plan.assignments:
        if a.team_id not in steps:
            continue
        span = run_weeks(problem, a)
        first, last = max(span.start, 1), min(span.stop - 1, weeks)
        if not span or first > last:
            continue
        per_week = Fraction(a.effort_hours) / len(span)
        row = steps[a.team_id]
        row[first - 1] += per_week
        row[last] -= per_week
    load = {}
    for team_id, row in steps.items():
        total, weekly = Fraction(0), []
        for step in row[:weeks]:
            total += step
            weekly.append(total)
        load[team_id] = weekly
    return load


@dataclass(frozen=True)
class TeamWeek:
    """One team's load in one week against what it may plan that week."""

    team_id: str
    week: int
    load: Fraction
    limit: Fraction

    @property
    def utilisation(self) -> float:
        """Load as a share of the week's limit (inf when the week has no hours but load)."""
        if self.limit == 0:
            return 0.0 if self.load == 0 else float("inf")
        return float(self.load / self.limit)


def team_weeks(problem: Problem, plan: Plan) -> list[TeamWeek]:
    """Every (team, week) with its load and limit, team by team, week by week."""
    load = weekly_load(problem, plan)
    out = []
    for team in problem.teams:
        limits = week_limits(problem, team.team_id)
        for week, (hours, limit) in enumerate(zip(load[team.team_id], limits, strict=True), 1):
            out.append(TeamWeek(team.team_id, week, hours, limit))
    return out


def week_ranges(weeks: list[int]) -> str:
    """``[9, 10, 11, 13]`` -> ``"9-11 and 13"``: weeks as a leader reads them."""
    parts: list[str] = []
    for week in sorted(set(weeks)):
        if parts and parts[-1].split("-")[-1] == str(week - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{week}"
        else:
            parts.append(str(week))
    return joined(parts)


def weeks_words(weeks: Iterable[int]) -> str:
    """``[5]`` -> ``"week 5"``, ``[9, 10, 11, 13]`` -> ``"weeks 9-11 and 13"``: weeks with
    their noun, as every sentence about weeks says them (:func:`week_ranges`)."""
    distinct = set(weeks)
    return f"{'week' if len(distinct) == 1 else 'weeks'} {week_ranges(sorted(distinct))}"


def weeks_after(elapsed: float, quarter: float) -> str | None:
    """The weeks a check-in at week ``elapsed`` re-plans: ``(6, 13)`` -> ``"7-13"``,
    ``(6, 13.5)`` -> ``"7-13.5"``; None when there is no whole week to start from (a
    check-in part way through a week, or in the quarter's last week)."""
    if float(elapsed).is_integer() and elapsed + 1 < quarter:
        return f"{int(elapsed) + 1}-{quarter:g}"
    return None
