"""Hours no team that may take a project has in the quarter, found at load time.

45658 hours (1 January 2025, as a spreadsheet stores a date typed in a column
formatted as dates) validated as hours, and the project was only left out, "no
team has the hours". :meth:`~planner.core.table_builder.TableBuilder._say_efforts_past_every_team`
warns of each one on its row: the teams' hours here (:func:`team_quarter_hours`), the
projects past every team that may take them (:func:`projects_past_every_team`) and the
words (:func:`past_every_team_words`). A mandatory project no team's weeks can hold
(:func:`mandatory_without_weeks`) stops every plan, and is said so at load time too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import partial

from planner.core.capacity import what_if_capacity
from planner.core.cells import clipped
from planner.core.domain import DEPARTMENTS, MARKETING, SALES, Problem, Project, Team
from planner.core.errors import InputIssue, Severity
from planner.core.pairs import may_take, pair_hours, takes_stage
from planner.core.shared_words import plural
from planner.core.shown_figures import hours, week_hours
from planner.core.tables import PROJECTS, issue
from planner.core.week_inputs import NO_PLAN_IF_MANDATORY
from planner.core.weeks import week_limits, weeks_words
from planner.core.writing import plain

#: Projects past every team's quarter warned of on their rows; the rest in one line.
PAST_EVERY_TEAM_BY_ROW = 10

#: The numbers a spreadsheet stores the dates of 2000-2099 as (days since 30 December 1899).
_EXCEL_DATES = range(36_526, 73_051)


def excel_date(value: Decimal) -> str | None:
    """The date a spreadsheet stores as ``value`` ("1 January 2025" for 45658), when it is
    a whole number of the dates of 2000-2099; else None."""
    if value != value.to_integral_value() or int(value) not in _EXCEL_DATES:
        return None
    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
    return f"{day.day} {day:%B %Y}"


def stored_as_date(hours: Decimal) -> str:
    """The sentence (with its leading space) saying ``hours`` is how a spreadsheet stores
    a date, when it is one (:func:`excel_date`); else ""."""
    date = excel_date(hours)
    if not date:
        return ""
    return (
        f" {plain(hours)} is also how a spreadsheet stores the date {date}: a column "
        "formatted as dates turns a date typed there into such a number."
    )


def team_quarter_hours(problem: Problem) -> dict[str, Fraction]:
    """Each team's hours in the quarter (teams.csv or its calendar.csv weeks), times its
    ``[capacity.multipliers]`` multiplier."""
    return {t.team_id: what_if_capacity(problem, t) for t in problem.teams}


def pinned_teams(problem: Problem) -> dict[str, list[str]]:
    """The teams each pinned project is pinned to, by project id."""
    pinned: dict[str, list[str]] = {}
    for project_id, team_id in sorted(problem.pins):
        pinned.setdefault(project_id, []).append(team_id)
    return pinned


@dataclass(frozen=True)
class PastEveryTeam:
    """A project whose hours on one team (``need``: the whole effort, or a joint project's
    share for ``department``) are more than the ``most_hours`` of ``largest``, the team with
    the most of the ``takers`` teams that may own it; ``estimated_too`` when estimates.csv
    holds other teams' hours for it (those teams are not among the takers)."""

    project: Project
    need: Decimal
    department: str | None
    most_hours: Fraction
    largest: str
    takers: int
    estimated_too: bool
    #: Where ``largest``'s hours are given (:func:`hours_given_in`), for the fix.
    given_in: str = "in teams.csv"
    #: The ``[capacity.multipliers]`` entry that scales them (``brand = 0.5``), or "".
    multiplier: str = ""


def hours_given_in(problem: Problem, team: Team) -> str:
    """Where a leader gives ``team`` more hours: teams.csv's capacity_hours, or its rows of
    calendar.csv when they give some of its weeks (all of them: teams.csv's figure then
    counts for nothing). Content's 944 h come from four calendar rows over all 13 weeks,
    and a project past them was told to give it the hours in teams.csv."""
    weeks = {w for row in problem.calendar if row.team_id == team.team_id for w in row.weeks}
    if not weeks:
        return "in teams.csv"
    if len(weeks) < problem.num_weeks:
        return "in teams.csv or in its rows of calendar.csv"
    return (
        "in its rows of calendar.csv (they give every week of its quarter, so its "
        "capacity_hours in teams.csv does not count)"
    )


def multiplier_entry(problem: Problem, team: Team) -> str:
    """The ``[capacity.multipliers]`` entry that scales ``team``'s hours (``brand = 0``,
    ``marketing = 0.1``), or "" when none does (or it is 1)."""
    multipliers = problem.settings.capacity.multipliers
    key = next((k for k in (team.team_id, team.department) if k in multipliers), None)
    if key is None or multipliers[key] == 1:
        return ""
    return f"{key} = {plain(Decimal(str(multipliers[key])))}"


def _of_department(department: str, team: Team) -> bool:
    return team.department == department


def _has_skill(skill: str, level: int, team: Team) -> bool:
    return team.holds(skill, level)


class _TeamBits:
    """Sets of teams as bits, the team with the most hours first: the lowest bit set of
    those that may take a project is the one with the most hours (a loop over each
    project's every team took 5 s at 10,000 projects, 0.4 s from the largest down)."""

    def __init__(self, problem: Problem, hours: Mapping[str, Fraction]) -> None:
        self.ranked = sorted(problem.teams, key=lambda t: (-hours[t.team_id], t.name))
        stages = {p.stage for p in problem.projects}
        self.stages = {s: self.of(partial(takes_stage, problem, s)) for s in stages}
        self.departments = {d: self.of(partial(_of_department, d)) for d in DEPARTMENTS}
        self._skilled: dict[tuple[str, int], int] = {}

    def of(self, keep: Callable[[Team], bool]) -> int:
        return sum(1 << i for i, t in enumerate(self.ranked) if keep(t))

    def skilled(self, skill: str, level: int) -> int:
        if (skill, level) not in self._skilled:
            self._skilled[(skill, level)] = self.of(partial(_has_skill, skill, level))
        return self._skilled[(skill, level)]

    def largest(self, teams: int) -> Team:
        return self.ranked[(teams & -teams).bit_length() - 1]


def _may_own(
    problem: Problem,
    project: Project,
    bits: _TeamBits,
    estimated: set[str],
    pins: Sequence[str] | None,
) -> int:
    """The teams without their own estimate that ``project``'s stage, skills (a single-team
    project's) and rules (``pins`` when it has pins or forbids, else None) allow, as bits."""
    may = bits.stages[project.stage]
    if estimated:
        may &= ~bits.of(lambda t: t.team_id in estimated)
    for skill, level in () if project.joint else project.required_skills.items():
        may &= bits.skilled(skill, level)
    if pins is not None:  # its own pins and forbids: the rule, team by team
        ranked = bits.ranked
        may = sum(
            1 << i
            for i, t in enumerate(ranked)
            if may >> i & 1 and may_take(problem, project, t, pins)
        )
    return may


def projects_past_every_team(
    problem: Problem, hours: Mapping[str, Fraction], pinned: Mapping[str, list[str]]
) -> list[PastEveryTeam]:
    """The projects whose hours on one team are more than any team that may own them has
    in the quarter (``hours``, :func:`team_quarter_hours`), in the projects' order.

    The teams that may own it are those its stage (the stage policy, the teams' own
    stages), its skills and its rules (pins, forbids) allow: compared with the largest
    team of any department, 2,000 hours of SEO work only Content (900 h) may do
    validated. A team with its own estimate (estimates.csv) is held to that instead; the
    project's hours are held to the other teams (45658 on a project one team had
    estimated validated, though every other team would carry it). A project no team may
    take at all is left to the stage, skill and rule checks."""
    estimated: dict[str, set[str]] = {}
    for e in problem.estimates:
        if e.effort_hours is not None:
            estimated.setdefault(e.project_id, set()).add(e.team_id)
    ruled = set(pinned) | {project_id for project_id, _ in problem.forbids}
    bits = _TeamBits(problem, hours)
    past = []
    for project in problem.projects:
        own = estimated.get(project.project_id, set())
        pins = pinned.get(project.project_id, ()) if project.project_id in ruled else None
        may = _may_own(problem, project, bits, own, pins)
        for department in (SALES, MARKETING) if project.joint else (None,):
            need = project.effort_hours * (project.share(department) if department else 1)
            takers = may & bits.departments[department] if department else may
            if not takers:
                continue
            largest = bits.largest(takers)
            if need > hours[largest.team_id]:
                most = hours[largest.team_id]
                count, estimated_too = takers.bit_count(), bool(own)
                past.append(
                    PastEveryTeam(
                        project,
                        need,
                        department,
                        most,
                        largest.name,
                        count,
                        estimated_too,
                        hours_given_in(problem, largest),
                        multiplier_entry(problem, largest),
                    )
                )
                break
    return past


def past_every_team_words(past: PastEveryTeam) -> tuple[str, str]:
    """The warning on the project's effort_hours, and its fix."""
    hours_typed = past.project.effort_hours
    department = past.department
    kind = f"{department} " if department else ""
    # A joint project's cell is the whole effort: the share past the teams is said.
    needs = (
        f"{plain(hours_typed)} hours puts {plain(past.need)} h on its {department} team "
        "(its share as a joint project), more"
        if department
        else f"{plain(hours_typed)} hours is more"
    )
    allowed = "its stage, skills and rules allow"
    if past.estimated_too:  # estimates.csv holds other teams' hours for it
        allowed += " without an estimate in estimates.csv"
    largest, most = clipped(past.largest), float(past.most_hours)
    # A what-if multiplier scales the hours said: "with 94 h", of 944, read as the data's.
    scaled = f" under {past.multiplier} in [capacity.multipliers]" if past.multiplier else ""
    among = (
        f"the one team {allowed} is {largest}, with {hours(most)}{scaled}"
        if past.takers == 1
        else f"the most: {largest}, {hours(most)}{scaled}, of the {past.takers:,} {kind}teams "
        f"{allowed}"
    )
    who = "only a team with an estimate" if past.estimated_too else "no team"
    # A mandatory project no team can take stops every plan: `validate` read "valid".
    forced = NO_PLAN_IF_MANDATORY if past.project.mandatory and not past.estimated_too else ""
    message = (
        f"{needs} than any {kind}team that may take this project has in the quarter "
        f"({among}), so {who} can take it{forced}.{stored_as_date(hours_typed)}"
    )
    given = past.given_in
    # Where the hours come from is said of the largest team: it is named when others may.
    own = given != "in teams.csv" or past.multiplier
    whom = "that team" if past.takers == 1 else largest if own else "one of those teams"
    if past.multiplier.endswith(" = 0"):  # hours given anywhere else count for nothing
        given = f"(now {past.multiplier} in [capacity.multipliers] takes them all away: raise it)"
    elif past.multiplier:
        given += f", or raise {past.multiplier} in [capacity.multipliers]"
    fix = (
        f"Write the hours the project takes (format the column as numbers), or give {whom} "
        f"the hours {given}" + (" or an estimate in estimates.csv." if past.estimated_too else ".")
    )
    return message, fix


def past_every_team_beyond_rows(count: int, scaled: bool = False) -> InputIssue:
    """The one line for the ``count`` projects past every team not warned of on their rows
    (``scaled``: ``[capacity.multipliers]`` scales some team's hours, a what-if that may be
    what takes them past: "marketing = 0.1" read "Check the units of effort_hours")."""
    return issue(
        PROJECTS,
        None,
        "effort_hours",
        f"{count:,} more projects need more hours than any team that may take them has in "
        "the quarter" + (" under [capacity.multipliers]." if scaled else "."),
        "Check the units of effort_hours: hours for the whole project"
        + (", and the multipliers in [capacity.multipliers]." if scaled else "."),
        Severity.WARNING,
    )


@dataclass(frozen=True)
class NoWeeks:
    """A mandatory project whose ``need`` hours a week (its ``department``'s share for a
    joint one) no team that may take it has in ``duration`` weeks running inside its
    window: ``most`` is the most any of them (``takers``; ``largest`` the one) has in a
    week there."""

    project: Project
    need: Fraction
    department: str | None
    most: Fraction
    largest: str
    takers: int
    #: The weeks of its window ``largest`` has fewer hours than ``need`` in.
    short_weeks: tuple[int, ...] = ()
    #: The most ``largest`` has in one of those weeks.
    most_short: Fraction = Fraction(0)


def _runs(limits: Sequence[Fraction], starts: range, duration: int, need: Fraction) -> bool:
    """Whether some start of ``starts`` has ``need`` hours in each of its ``duration`` weeks."""
    return any(all(limits[w - 1] >= need for w in range(s, s + duration)) for s in starts)


def _teams_of(bits: _TeamBits, teams: int) -> Iterator[Team]:
    """The teams of the bits ``teams``, the one with the most hours first."""
    while teams:
        lowest = teams & -teams
        yield bits.ranked[lowest.bit_length() - 1]
        teams ^= lowest


def mandatory_without_weeks(problem: Problem, skip: Collection[str] = ()) -> list[NoWeeks]:
    """The mandatory projects no team that may take them (stage, skills, rules) has the
    hours a week for in any run of their weeks (rule 10: the week's hours x multiplier x
    max utilisation), in the projects' order; ``skip``: project ids said otherwise.

    A mandatory project in weeks 7-13, where its only team is away (0 h), read "valid",
    and `planner solve` found no plan ("Brand & Comms has no room for its 40.0 h a week").
    """
    if not problem.is_time_phased:
        return []
    limits: dict[str, tuple[Fraction, ...]] = {}
    pinned = pinned_teams(problem)
    ruled = set(pinned) | {project_id for project_id, _ in problem.forbids}
    # The teams that may take each project as bits, the team with the most hours first:
    # 500 teams asked one by one took 0.8 s at 10,000 projects.
    bits = _TeamBits(problem, team_quarter_hours(problem))
    out = []
    for project in problem.projects:
        if not project.mandatory or project.project_id in skip:
            continue
        window, duration = problem.window(project), problem.duration(project)
        starts = problem.starts(project)
        pins = pinned.get(project.project_id, ()) if project.project_id in ruled else None
        may = _may_own(problem, project, bits, set(), pins)
        for department in (SALES, MARKETING) if project.joint else (None,):
            side = may & bits.departments[department] if department else may
            if not side:
                continue  # no team may take it at all: the rule checks say so
            best: tuple[Fraction, Team] | None = None
            for team in _teams_of(bits, side):
                weeks = limits.get(team.team_id)
                if weeks is None:
                    weeks = limits[team.team_id] = week_limits(problem, team.team_id)
                need = pair_hours(problem, project, team) / duration
                if _runs(weeks, starts, duration, need):
                    break
                most = max((weeks[w - 1] for w in window), default=Fraction(0))
                if best is None or most > best[0]:
                    best = (most, team)
            else:
                assert best is not None
                team = best[1]
                need = pair_hours(problem, project, team) / duration
                takers = side.bit_count()
                weeks = limits[team.team_id]
                short = tuple(w for w in window if weeks[w - 1] < need)
                most_short = max((weeks[w - 1] for w in short), default=Fraction(0))
                out.append(
                    NoWeeks(
                        project, need, department, best[0], team.name, takers, short, most_short
                    )
                )
                break
    return out


def no_weeks_words(problem: Problem, short: NoWeeks) -> tuple[str, str]:
    """The warning on a mandatory project no team's weeks can hold, and its fix."""
    project = short.project
    window, duration = problem.window(project), problem.duration(project)
    kind = f"{short.department} " if short.department else ""
    share = " (its share as a joint project)" if short.department else ""
    who = (
        f"{clipped(short.largest)}, the one {kind}team its stage, skills and rules allow, has"
        if short.takers == 1
        else f"{clipped(short.largest)}, the most of the {short.takers:,} {kind}teams its "
        "stage, skills and rules allow, has"
    )
    need, weeks = week_hours(short.need), weeks_words(window)
    if short.most < short.need:
        has = f"{who} {week_hours(short.most)} a week at most there"
    else:  # some weeks hold it, never enough of them in a row
        has = (
            f"{who} {week_hours(short.most_short)} a week at most in "
            f"{weeks_words(short.short_weeks)}, so no {duration} weeks running there hold it"
        )
    message = (
        f"it needs {need} a week{share} for {plural(duration, 'week')} within {weeks}, and "
        f"{has}{NO_PLAN_IF_MANDATORY}."
    )
    more = (
        ""
        if duration == len(window) == problem.num_weeks
        else "Give it more weeks (duration_weeks) or a wider window (earliest_week to "
        "due_week), give "
    )
    fix = (
        f"{more or 'Give '}its team more hours in those weeks (calendar.csv), or make it optional."
    )
    return message, fix
