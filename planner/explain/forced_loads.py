"""Forced work over what one team or one department may plan, found by arithmetic alone.

Work is forced onto a team when it is pinned there, or when it must be planned
(mandatory, or needed by such work) and that team is the only one that may take it.
The checks: one team's forced hours or projects above its limit
(:func:`team_load_conflicts`), in some week above its week's hours
(:func:`forced_work_over_weeks`), and one department's forced hours above what its
teams may plan (:func:`department_overloads`, :func:`shortfall_fixes`). The other
cheap checks, and :class:`~planner.explain.conflicts.Conflict` itself, are
:mod:`planner.explain.conflicts`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.domain import MARKETING, SALES, Problem, Team
from planner.core.pairs import pair_hours
from planner.core.shown_figures import capitalised, hours_value
from planner.core.shown_figures import hours as hours_text
from planner.core.weeks import week_limits, weeks_words
from planner.explain.changes import (
    AddCapacity,
    Change,
    DropPin,
    Fix,
    MakeOptional,
    RaiseMaxProjects,
    capacity_increase,
    restoring_utilisation,
    utilisation_behind,
)
from planner.explain.conflicts import (
    Conflict,
    Facts,
    dependencies_dropped,
    make_conflict,
    other_teams,
)
from planner.explain.free_hours import covering
from planner.explain.in_progress import in_progress
from planner.explain.rule_words import project_limit_words
from planner.explain.rules import (
    hours_over,
)
from planner.explain.sentences import join_names, project_name
from planner.explain.week_words import apart
from planner.explain.weeks import LATER_END, could_end_later
from planner.optimizer.eligibility import exclusion


@dataclass(frozen=True)
class _Load:
    """A project that can only land on one team, with the hours it brings there."""

    project_id: str
    hours: Fraction
    pinned: bool


def _forced_loads(facts: Facts) -> dict[str, list[_Load]]:
    """Team id -> forced projects that only that team may carry (pinned, or sole option)."""
    problem = facts.problem
    loads: dict[str, list[_Load]] = defaultdict(list)
    for project_id in facts.forced:
        project = problem.project(project_id)
        pinned = facts.pins.get(project_id, [])
        eligible = facts.eligible[project_id]
        departments = (SALES, MARKETING) if project.joint else (None,)
        for department in departments:
            side = [t for t in eligible if department is None or t.department == department]
            side_pins = [
                t for t in pinned if department is None or problem.team(t).department == department
            ]
            if side_pins:
                team = problem.team(side_pins[0])
                loads[team.team_id].append(
                    _Load(project_id, pair_hours(problem, project, team), True)
                )
            elif len(side) == 1:
                team = side[0]
                loads[team.team_id].append(
                    _Load(project_id, pair_hours(problem, project, team), False)
                )
    return loads


def _carried(problem: Problem, loads: Sequence[_Load]) -> str:
    """What a team must carry, in words, as precise as its loads allow."""
    pinned = [x for x in loads if x.pinned]
    if any(in_progress(problem, x.project_id) for x in pinned):
        return "work in progress, pinned to it or that no other team may take"
    if len(pinned) == len(loads):
        return "projects pinned to it"
    if pinned:
        return "work pinned to it or that no other team may take"
    return "work no other team may take"


def _most_a_week(problem: Problem, loads: Sequence[_Load]) -> _Load:
    """The load with the most hours a week (the first of them on a tie)."""
    return max(loads, key=lambda x: x.hours / problem.duration(problem.project(x.project_id)))


def forced_work_over_weeks(facts: Facts) -> list[str]:
    """Teams whose forced work needs more hours in some week than the team has, in words.

    A proof before any search. The work is :func:`_forced_loads`'s: pinned to a team, or
    forced into the plan (mandatory, or needed by such work) with one team that may take
    it. Each such project runs, whatever its start, in the weeks between its latest start
    and the end of its earliest run (all of its window when it has no duration), so the
    team carries its hours a week there in every plan. The quarter's totals may fit, so
    the checks of hours alone pass; at 150 teams x 3,000 projects in weeks the search's
    model then took longer to build than any time limit ("no plan was found ... Raise the
    time limit", at 10 s as at 120 s). Work with no room on its own in one of those weeks
    is left to :func:`~planner.explain.forced_weeks.forced_work_said`, which says it of that
    project alone. Empty when the work fits (or the quarter has no weeks).
    """
    problem = facts.problem
    if not problem.is_time_phased:
        return []
    order = {p.project_id: i for i, p in enumerate(problem.projects)}
    out = []
    for team_id, loads in sorted(_forced_loads(facts).items()):
        team = problem.team(team_id)
        need = [Fraction(0)] * problem.num_weeks
        runs: list[tuple[_Load, range]] = []
        limits = week_limits(problem, team_id)
        for load in loads:
            project = problem.project(load.project_id)
            if exclusion(problem, project, team) is not None:
                continue  # a pin the rules refuse: said by the rule conflicts
            window, duration = problem.window(project), problem.duration(project)
            sure = range(window[-1] - duration + 1, window[0] + duration)
            if any(load.hours / duration > limits[week - 1] for week in sure):
                continue  # no room for it alone: said of it alone (forced_work_said)
            for week in sure:
                need[week - 1] += load.hours / duration
            if sure:
                runs.append((load, sure))
        short = [w for w, (n, most) in enumerate(zip(need, limits, strict=True), 1) if n > most]
        if not short:
            continue
        worst = max(short, key=lambda w: need[w - 1] - limits[w - 1])
        held, most = apart(need[worst - 1], limits[worst - 1])
        there = sorted(
            (load for load, sure in runs if worst in sure),
            key=lambda x: order[x.project_id],
        )
        named = join_names([project_name(problem, x.project_id) for x in there])
        pinned = [x for x in there if x.pinned]
        mandatory = [x for x in there if not x.pinned and problem.project(x.project_id).mandatory]
        changes: list[Change] = []
        if pinned:
            changes.append(DropPin(_most_a_week(problem, pinned).project_id, team_id))
        if mandatory:
            changes.append(MakeOptional(_most_a_week(problem, mandatory).project_id))
        # Work in progress runs from the week after the check-in to its end week: a wider
        # window is no fix for it, a later end week (the check-in's) is.
        baseline = problem.baseline
        running = [x for x in there if baseline is not None and x.project_id in baseline.under_way]
        fixes = [*(change.describe(problem) for change in changes)]
        if len(running) < len(there):
            fixes.append("give them wider windows (earliest_week to due_week)")
        if any(could_end_later(problem, problem.project(x.project_id)) for x in running):
            fixes.append(LATER_END.replace("let it", "let work in progress"))
        out.append(
            f"{team.name} cannot hold the {_carried(problem, there)} ({named}): whatever "
            f"their start weeks they all run in week {worst}, and need {held} of it, more "
            f"than the {most} "
            f"{team.name} can plan that week"
            + (f" (short in {weeks_words(short)})" if len(short) > 1 else "")
            + f". {capitalised(', '.join(fixes))}, or give {team.name} more hours in those "
            "weeks (calendar.csv)."
        )
    return out


def _greedy_relief(loads: Sequence[_Load], need: Fraction, pinned: bool) -> list[_Load]:
    """The fewest loads (largest first) whose hours cover ``need``."""
    candidates = [x for x in loads if x.pinned == pinned]
    single = [x for x in candidates if x.hours >= need]
    if single:
        return [min(single, key=lambda x: x.hours)]
    return covering(sorted(candidates, key=lambda x: -x.hours), need, lambda x: x.hours) or []


def _unpin(facts: Facts, loads: Sequence[_Load], team_id: str) -> Fix:
    """Unpin these projects from the team; a mandatory one no other team may take goes optional."""
    problem = facts.problem
    changes: list[Change] = [DropPin(x.project_id, team_id) for x in loads]
    team = problem.team(team_id)
    for x in loads:
        project = problem.project(x.project_id)
        if project.mandatory and not other_teams(facts, project, team):
            changes.append(MakeOptional(x.project_id))
    return Fix(tuple(changes))


def team_load_conflicts(facts: Facts) -> list[Conflict]:
    """One team must carry more hours (or projects) than it may."""
    problem, forced = facts.problem, facts.forced
    conflicts = []

    def note(x: _Load) -> str:
        if x.pinned:
            return ", in progress" if in_progress(problem, x.project_id) else ", pinned"
        if problem.project(x.project_id).mandatory:
            return ""
        return f", {forced[x.project_id]}"

    for team_id, loads in _forced_loads(facts).items():
        team = problem.team(team_id)
        listed = join_names(
            [
                f"{project_name(problem, x.project_id)} ({hours_text(x.hours)}{note(x)})"
                for x in loads
            ]
        )
        what = _carried(problem, loads)
        if (over_hours := _over_hours(facts, team, loads)) is not None:
            carry, room, fixes = over_hours
            said = f"{team.name} can plan {room} but must carry {carry} of {what}: {listed}"
            conflicts.append(_team_conflict(facts, team, said, fixes, loads))
        if team.max_projects is not None and len(loads) > team.max_projects:
            said = f"{project_limit_words(team)} but must take {len(loads)}, {what}: {listed}"
            fixes = _over_count(facts, team, loads, len(loads) - team.max_projects)
            conflicts.append(_team_conflict(facts, team, said, fixes, loads))
    return conflicts


def _team_conflict(
    facts: Facts, team: Team, said: str, fixes: list[Fix], loads: list[_Load]
) -> Conflict:
    """``team``'s conflict over its forced work ``loads``, said and with its fixes."""
    ids = [x.project_id for x in loads]
    return make_conflict(facts.problem, said, fixes, ids, [team.team_id])


def _mandatory(problem: Problem, loads: list[_Load]) -> list[_Load]:
    """The loads a leader could make optional: mandatory, not pinned or in progress."""
    return [x for x in loads if not x.pinned and problem.project(x.project_id).mandatory]


def _over_hours(facts: Facts, team: Team, loads: list[_Load]) -> tuple[str, str, list[Fix]] | None:
    """When the forced ``loads`` need more hours than ``team`` may plan: the hours they
    carry and the team's limit, in words, and the fixes; ``None`` when they fit."""
    problem, forced = facts.problem, facts.forced
    hours = sum((x.hours for x in loads), Fraction(0))
    limit = team_limit(problem, team)
    if hours <= limit:
        return None
    need = hours - limit
    fixes = []
    increase = capacity_increase(problem, team, need)
    restore = restoring_utilisation(problem, team, hours)
    if utilisation_behind(problem, team, hours) and restore is not None:
        # The leader's max utilisation first, not the hours it hides (at 10 %: x10).
        fixes.append(restore)
    elif increase is not None:
        fixes.append(Fix((AddCapacity(team.team_id, increase),)))
    unpin = _greedy_relief(loads, need, pinned=True)
    if unpin:
        fixes.append(_unpin(facts, unpin, team.team_id))
    drop = _greedy_relief(_mandatory(problem, loads), need, pinned=False)
    if drop:
        fixes.append(Fix(tuple(MakeOptional(x.project_id) for x in drop)))
    # Work forced only because other work needs it: dropping those needs frees its hours.
    needed = [x for x in loads if not x.pinned and not problem.project(x.project_id).mandatory]
    for x in sorted(needed, key=lambda x: x.hours):
        if x.hours >= need:
            fixes.append(dependencies_dropped(problem, forced, x.project_id))
            break
    # Every part is listed, each rounded: the total reads as their sum (320 + 187
    # + 228 = 735 h, not the exact 734.2 h), unless that would not read above the limit.
    # The limit as the team's row on the Plan page reads it (Demand Gen's 1,378.5 h
    # reads 1,378 h: its department's teams add up to their 4,390 h).
    room_shown = team_limit_shown(problem, team)
    shown = sum(hours_value(x.hours) for x in loads)
    if shown > room_shown:
        carry, room = hours_text(shown), hours_text(room_shown)
    else:
        carry, room = hours_over(hours, limit, room_shown)
    return carry, room, fixes


def _over_count(facts: Facts, team: Team, loads: list[_Load], extra: int) -> list[Fix]:
    """The fixes when the forced ``loads`` are ``extra`` projects more than ``team`` may
    own (rule 6): a higher limit, the fewest pins dropped, or the smallest mandatory
    projects made optional."""
    fixes = [Fix((RaiseMaxProjects(team.team_id, len(loads)),))]
    pinned = sorted((x for x in loads if x.pinned), key=lambda x: x.hours)
    if len(pinned) >= extra:
        fixes.append(_unpin(facts, pinned[:extra], team.team_id))
    mandatory = _mandatory(facts.problem, loads)
    if len(mandatory) >= extra:
        smallest = sorted(mandatory, key=lambda x: x.hours)[:extra]
        fixes.append(Fix(tuple(MakeOptional(x.project_id) for x in smallest)))
    return fixes


@dataclass(frozen=True)
class DepartmentLoad:
    department: str
    projects: dict[str, Fraction]  # project id -> least hours it brings to the department
    teams: tuple[str, ...]  # the department's teams that may take at least one of them
    need: Fraction
    limit: Fraction
    limit_shown: float  # the teams' limits as their rows read them, added up


def department_overloads(facts: Facts) -> list[DepartmentLoad]:
    """Departments whose forced projects need more hours than their teams may plan."""
    problem = facts.problem
    out = []
    for department in (SALES, MARKETING):
        projects: dict[str, Fraction] = {}
        helpers: set[str] = set()
        for project_id in facts.forced:
            project = problem.project(project_id)
            eligible = facts.eligible[project_id]
            pinned = [problem.team(t) for t in facts.pins.get(project_id, [])]
            if project.joint:
                side = [t for t in eligible if t.department == department]
                pinned = [t for t in pinned if t.department == department]
            else:
                if not eligible or any(t.department != department for t in eligible):
                    continue
                side = eligible
            options = pinned or side
            if not options:
                continue
            projects[project_id] = min(pair_hours(problem, project, t) for t in options)
            helpers.update(t.team_id for t in options)
        need = sum(projects.values(), Fraction(0))
        limit = sum((team_limit(problem, problem.team(t)) for t in helpers), Fraction(0))
        if need > limit and len(helpers) > 1:  # one team: the team's own check says it better
            ordered = tuple(t.team_id for t in problem.teams if t.team_id in helpers)
            shown = sum(team_limit_shown(problem, problem.team(t)) for t in ordered)
            out.append(
                DepartmentLoad(department, projects, ordered, need, limit, hours_value(shown))
            )
    return out


def shortfall_fixes(facts: Facts, overload: DepartmentLoad) -> list[Fix]:
    """The fewest mandatory projects (largest first) whose hours cover a department's shortfall."""
    problem = facts.problem
    candidates = [
        (project_id, hours)
        for project_id, hours in sorted(overload.projects.items(), key=lambda kv: -kv[1])
        if problem.project(project_id).mandatory and project_id not in facts.pins
    ]
    chosen = covering(candidates, overload.need - overload.limit, lambda kv: kv[1])
    if chosen is None:
        return []
    return [Fix(tuple(MakeOptional(project_id) for project_id, _ in chosen))]
