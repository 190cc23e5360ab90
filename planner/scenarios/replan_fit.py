"""Whether the baseline's work still fits the hours the teams have left at a check-in.

Two readings a leader needs beside a re-plan: "If we carry on" is the baseline as it
was, which may no longer fit the hours left (:func:`carried_overruns`); and a re-plan
with no plan may be held by one week's hours, not the quarter's (:func:`week_short`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from fractions import Fraction

from planner.core.capacity import team_limit
from planner.core.domain import Plan, Problem
from planner.core.pairs import pair_hours
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import week_hours
from planner.core.weeks import week_limits, weekly_load, weeks_words
from planner.explain.sentences import join_names
from planner.scenarios.checkin import CALENDAR_AWAY


def carried_overruns(rest: Problem, carried: Plan) -> list[str]:
    """Teams the baseline carried on would load past their hours left, in words.

    ``rest`` is the re-plan's problem (the hours left) and ``carried`` the baseline at
    its remaining size (:func:`~planner.scenarios.replan.carried_baseline`):
    ``["Mid-Market AEs: 728 h of work for 525 h left"]``, most over first.
    """
    return [said for _, said in overrun_teams(rest, carried)]


def overrun_teams(rest: Problem, carried: Plan) -> list[tuple[str, str]]:
    """(team id, words) of each team :func:`carried_overruns` names, in its order."""
    load = carried.team_load()
    over = []
    for team in rest.teams:
        limit = Fraction(team_limit(rest, team))
        need = Fraction(load.get(team.team_id, 0))
        if need > limit:
            over.append((need - limit, team.name, need, limit, team.team_id))
    over.sort(key=lambda item: (-item[0], item[1]))
    said = [
        (team_id, f"{name}: {hours_text(need)} of work for {hours_text(left)} left")
        for _, name, need, left, team_id in over
    ]
    return said + _week_overruns(rest, carried, {team_id for team_id, _ in said})


def _week_overruns(rest: Problem, carried: Plan, said: set[str]) -> list[tuple[str, str]]:
    """Teams (not in ``said``, by id) whose weeks the baseline carried on loads past their
    hours, with the words.

    In weeks the quarter's total can hold the work while a week cannot: a project in
    progress that runs late keeps its team's hours in weeks the baseline had given to
    work not yet started. Each project runs where the baseline put it: a project in
    progress in the weeks it has left, one not started from the week the current plan
    started it. ``"Sales Engineering: 76 h of work in week 9 for 52 h"``.
    """
    baseline = rest.baseline
    if not rest.is_time_phased or baseline is None:
        return []
    runs = []
    for a in carried.assignments:
        project = rest.project(a.project_id)
        window, duration = rest.window(project), rest.duration(project)
        if a.project_id in baseline.under_way and len(window) == duration:
            first = window.start
        elif (start := baseline.starts.get(a.project_id)) is not None and (
            start in window and start + duration - 1 in window
        ):
            first = start
        else:
            continue  # no run of its own to carry on: it may move within its window
        runs.append(replace(a, start_week=first, end_week=first + duration - 1))
    load = weekly_load(rest, Plan(tuple(runs)))
    out = []
    for team in rest.teams:
        if team.team_id in said:
            continue
        limits = week_limits(rest, team.team_id)
        row = load.get(team.team_id, [])
        weeks = [w for w, (h, cap) in enumerate(zip(row, limits, strict=True), 1) if h > cap]
        if not weeks:
            continue
        worst = max(weeks, key=lambda w: row[w - 1] - limits[w - 1])
        out.append(
            (
                team.team_id,
                f"{team.name}: {week_hours(row[worst - 1])} of work in week {worst} for "
                f"{week_hours(limits[worst - 1])}"
                + (f" (more work than hours in {weeks_words(weeks)})" if len(weeks) > 1 else ""),
            )
        )
    return out


def week_short(rest: Problem, quarter: Problem | None = None) -> str | None:
    """The first week whose hours left cannot hold a team's work in progress, in words.

    At a check-in in weeks, a project in progress runs on in the weeks its baseline
    run had left, its hours spread evenly. "They need more hours than their teams have
    left" read false beside a team with 525 h left for 328 h of work: the week of an
    off-site, cut by the hours used, was the one short. ``None`` without weeks, or when
    no week of a team is short of its work in progress alone.

    ``quarter``: the quarter's own problem, whose calendar tells a team away for the weeks
    left (a team that left mid-quarter) from one whose hours used took its hours: "SDR Team
    has no hours left after the hours used ... or check the hours used" sent a VP to the
    hours used of a team the calendar had at 0 h from week 7.
    """
    baseline = rest.baseline
    if not rest.is_time_phased or baseline is None:
        return None
    load: dict[str, list[Fraction]] = {}
    parts: dict[str, list[tuple[str, range, Fraction]]] = defaultdict(list)
    for project_id in sorted(baseline.in_progress):
        if project_id not in rest.project_index:
            continue
        project = rest.project(project_id)
        window, duration = rest.window(project), rest.duration(project)
        if len(window) != duration:
            continue  # room to move within its window: not a fixed run
        for team_id in sorted(baseline.owners.get(project_id, ())):
            if team_id not in rest.team_index:
                continue
            per_week = pair_hours(rest, project, rest.team(team_id)) / duration
            row = load.setdefault(team_id, [Fraction(0)] * rest.num_weeks)
            for week in window:
                row[week - 1] += per_week
            parts[team_id].append((project.name, window, per_week))
    for team_id, row in sorted(load.items()):
        # No hours left at all (hours used of a whole quarter): "0 h in week 7" said less.
        if not any(week_limits(rest, team_id)) and any(row):
            if (away := _away_in(quarter, team_id, row)) is not None:
                return (
                    f"{rest.team(team_id).name} has 0 h in {away} {CALENDAR_AWAY}, but its "
                    f"projects in progress need {hours_text(sum(row, Fraction(0)))} there"
                )
            return (
                f"{rest.team(team_id).name} has no hours left after the hours used, but its "
                f"projects in progress need {hours_text(sum(row, Fraction(0)))}"
            )
    for week in range(1, rest.num_weeks + 1):
        for team_id, row in sorted(load.items()):
            limit = week_limits(rest, team_id)[week - 1]
            if row[week - 1] <= limit:
                continue
            team = rest.team(team_id)
            # A week's hours to a tenth, as the Plan page's weekly load says them: each part
            # rounded to a whole hour on its own read 27 h + 33 h + 34 h for "need 93 h".
            running = [
                f"'{name}' {week_hours(h)}" for name, weeks, h in parts[team_id] if week in weeks
            ]
            return (
                f"{team.name} has {week_hours(limit)} in week {week} (its hours there, cut by "
                f"the hours used), but its projects in progress need {week_hours(row[week - 1])} "
                f"that week ({join_names(running)})"
            )
    return None


def _away_in(quarter: Problem | None, team_id: str, row: list[Fraction]) -> str | None:
    """The weeks a team's work in progress runs in (``row``: its hours a week), in words,
    when the quarter's calendar gives the team 0 h in every one of them (``None``: it has
    hours in some, or the quarter is not known)."""
    if quarter is None or team_id not in quarter.team_index:
        return None
    weeks = [w for w, need in enumerate(row, 1) if need]
    own = quarter.week_hours[team_id]
    if not weeks or any(own[w - 1] for w in weeks if w <= len(own)):
        return None
    return weeks_words(weeks)
