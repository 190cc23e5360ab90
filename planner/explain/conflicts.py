"""Conflicts, and the cheap checks that find them by arithmetic alone.

A :class:`Conflict` is rules that cannot all hold, in words, with the fixes
that remove it. The checks here need no solver: a pin that cannot hold, a
project that must be assigned but that no team may take, one team's forced
hours or projects above its limit, one department's forced hours above
what its teams may plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.domain import MARKETING, SALES, Problem, Project, Team, other_department
from planner.core.pairs import pair_hours, uncovered_skills
from planner.core.shown_figures import capitalised, hours_value
from planner.core.shown_figures import hours as hours_text
from planner.core.skill_words import skill_missing
from planner.core.weeks import week_limits, weeks_words
from planner.explain.changes import (
    MAX_FIXES,
    AddCapacity,
    Change,
    DropDependency,
    DropPin,
    Fix,
    MakeOptional,
    RaiseMaxProjects,
    RaiseSkill,
    capacity_increase,
    restoring_utilisation,
    utilisation_behind,
)
from planner.explain.forced_weeks import room_for_work_in_progress, work_left
from planner.explain.free_hours import covering
from planner.explain.in_progress import in_progress, in_progress_with, pinned_to
from planner.explain.rule_words import project_limit_words
from planner.explain.rules import (
    Blocker,
    blockers_text,
    eligible_teams,
    forced_projects,
    has_pair,
    hours_over,
    no_eligible_team,
    pair_blockers,
)
from planner.explain.sentences import as_sentence, join_names, project_name
from planner.explain.week_words import apart
from planner.explain.weeks import LATER_END, could_end_later
from planner.optimizer.eligibility import exclusion

#: How a conflict found only once the first fixes are made opens.
EVEN_THEN = "Even then: "
#: The words a conflict's summary may open with that are not a name (a team's, a project's).
_OPENERS = ("This ", "These ", "Mandatory ")


@dataclass(frozen=True)
class Conflict:
    """Rules that cannot all hold, in words, with the fixes that remove the conflict.

    ``fix_texts`` are the fixes in words, cheapest first (rendered against
    the problem the conflict was found in).
    """

    summary: str
    fixes: tuple[Fix, ...]
    fix_texts: tuple[str, ...]
    project_ids: frozenset[str] = frozenset()
    team_ids: frozenset[str] = frozenset()
    #: Found only once the first fix of every earlier conflict was applied.
    later: bool = False

    def sentence(self, said: Mapping[tuple[Change, ...], str] | None = None) -> str:
        """The conflict and its fixes: "... Add 140 h to Demand Gen, or make 'X' optional."

        ``said`` maps fixes told once already (ahead of the conflicts) to the words
        that point back to them ("the change above").
        """
        summary = self.summary
        if self.later:
            # "Even then: this rule cannot hold", not "Even then: This rule ...": the
            # explainer's own openers go lower case after it, a name keeps its capital.
            if summary.startswith(_OPENERS):
                summary = summary[0].lower() + summary[1:]
            summary = EVEN_THEN + summary
        if not self.fix_texts:
            return as_sentence(summary)
        merged = self._merged(said or {})
        return f"{as_sentence(summary)} {as_sentence(', or '.join(merged))}"

    def _merged(self, said: Mapping[tuple[Change, ...], str]) -> list[str]:
        """Fix texts, with single "make 'X' optional" alternatives said once."""
        texts: list[str] = []
        optional: list[str] = []
        for fix, text in zip(self.fixes, self.fix_texts, strict=True):
            if fix.changes in said:
                texts.append(said[fix.changes])
                continue
            if len(fix.changes) == 1 and isinstance(fix.changes[0], MakeOptional):
                optional.append(text.removeprefix("make ").removesuffix(" optional"))
                if len(optional) > 1:
                    continue
            texts.append(text)
        if len(optional) > 1:
            first = texts.index(f"make {optional[0]} optional")
            texts[first] = f"make {' or '.join(optional)} optional"
        return texts


def make_conflict(
    problem: Problem,
    summary: str,
    fixes: Iterable[Fix],
    project_ids: Iterable[str] = (),
    team_ids: Iterable[str] = (),
) -> Conflict:
    """A conflict with its fixes said once each, confirmed ones first, then cheapest first."""
    unique: dict[tuple[Change, ...], Fix] = {}
    for fix in fixes:
        if fix.changes and fix.changes not in unique:
            unique[fix.changes] = fix
    ordered = sorted(unique.values(), key=lambda f: (not f.solves_all, f.cost))[:MAX_FIXES]
    return Conflict(
        summary,
        tuple(ordered),
        tuple(f.describe(problem) for f in ordered),
        frozenset(project_ids),
        frozenset(team_ids),
    )


class Facts:
    """What the cheap checks ask again and again about one problem, computed once."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.forced = forced_projects(problem)
        self.eligible = eligible_teams(problem, self.forced)
        self.pins: dict[str, list[str]] = defaultdict(list)
        for project_id, team_id in sorted(problem.pins):
            if project_id in problem.project_index and team_id in problem.team_index:
                self.pins[project_id].append(team_id)


def _label(problem: Problem, project_id: str, forced: Mapping[str, str]) -> str:
    project = problem.project(project_id)
    if project.mandatory:
        return f"Mandatory project {project_name(problem, project_id)}"
    reason = forced.get(project_id, "")
    if reason == "it is pinned":
        if in_progress(problem, project_id):
            return f"Project in progress {project_name(problem, project_id)}"
        return f"Pinned project {project_name(problem, project_id)}"
    return f"{project_name(problem, project_id)} ({reason})"


def cheap_conflicts(facts: Facts) -> list[Conflict]:
    """Pins that cannot hold and forced projects no team may take: arithmetic alone."""
    conflicts, pinned = pin_conflicts(facts)
    conflicts += _unplaceable_conflicts(facts, pinned)
    return conflicts


def pin_conflicts(facts: Facts) -> tuple[list[Conflict], set[str]]:
    """Pins that cannot hold: two pins, or a pin another rule rules out."""
    problem = facts.problem
    conflicts = []
    reported: set[str] = set()
    for project_id, team_ids in facts.pins.items():
        project = problem.project(project_id)
        teams = [problem.team(t) for t in team_ids]
        too_many = len(teams) > 1 and (
            not project.joint or len(teams) > 2 or len({t.department for t in teams}) < len(teams)
        )
        if too_many:
            owners = "one team" if not project.joint else "one sales and one marketing team"
            fixes = [
                Fix(tuple(DropPin(project_id, o.team_id) for o in teams if o is not keep))
                for keep in teams
            ]
            if _taking_over_fails(problem, project, teams):
                # The leader's team has no room for the work left: unlocking it is never
                # enough. The unpin is, unless the team it is in progress with lacks room too.
                leaders, runners = _leaders_and_runners(problem, project_id, teams)
                dropped = teams if room_for_work_in_progress(problem, project, runners) else leaders
                fixes = [Fix(tuple(DropPin(project_id, o.team_id) for o in dropped))]
            conflicts.append(
                make_conflict(
                    problem,
                    _pinned_apart(problem, project, teams, owners),
                    fixes,
                    [project_id],
                    team_ids,
                )
            )
            reported.add(project_id)
            continue
        for team in teams:
            blockers = pair_blockers(problem, project, team)
            if not blockers:
                if len(teams) == 1 and (lacking := _no_partner(problem, project, team)):
                    fixes = [Fix((DropPin(project_id, team.team_id),))]
                    if project.mandatory and not _others(facts, project, team):
                        fixes = [Fix((DropPin(project_id, team.team_id), MakeOptional(project_id)))]
                    conflicts.append(
                        make_conflict(
                            problem,
                            f"{pinned_to(problem, project_id, team.name)}, but {lacking}",
                            fixes,
                            [project_id],
                            [team.team_id],
                        )
                    )
                    reported.add(project_id)
                continue
            lifted = _lifting(blockers)
            fixes = [lifted] if lifted is not None and _plausible(problem, team, lifted) else []
            if project.mandatory and not _others(facts, project, team):
                fixes.append(Fix((DropPin(project_id, team.team_id), MakeOptional(project_id))))
            else:
                fixes.append(Fix((DropPin(project_id, team.team_id),)))
            reasons = blockers_text(blockers)
            conflicts.append(
                make_conflict(
                    problem,
                    f"{pinned_to(problem, project_id, team.name)}, but {reasons}",
                    fixes,
                    [project_id],
                    [team.team_id],
                )
            )
            reported.add(project_id)
    return conflicts, reported


def _no_partner(problem: Problem, project: Project, team: Team) -> str:
    """For a joint project pinned to ``team``: why no team of the other department may take
    it with ``team`` (the skills ``team`` lacks that no such team holds with it), or "".

    The sample's SLA dashboard pinned to Content read "This rule cannot hold: ... is pinned
    to Content. Unpin it": Content lacks analytics at level 3, and no sales team has it.
    """
    if not project.joint:
        return ""
    other = other_department(team.department)
    partners = [
        t for t in problem.teams if t.department == other and exclusion(problem, project, t) is None
    ]
    if not partners:
        return ""
    if any(not uncovered_skills(project, (team, p)) for p in partners):
        return ""
    lacks = uncovered_skills(project, (team,))
    absent = [(k, v) for k, v in lacks if not any(p.holds(k, v) for p in partners)]
    said = join_names(
        [skill_missing(problem.skill_name(k), v, team.level(k)) for k, v in absent or lacks]
    )
    held = "holds it" if len(absent or lacks) == 1 else "holds them" if absent else "holds them all"
    return f"it lacks {said}, and no {other} team that may take the {other} share {held}"


def _pinned_apart(problem: Problem, project: Project, teams: Sequence[Team], owners: str) -> str:
    """Pins to more teams than may own the project, in words.

    At a check-in, a leader's pin to one team and the work in progress with
    another read apart, with the hours a week the work has left and whether
    the pinned team has room for them: "'Trial flow' is pinned to Demand Gen,
    but it is in progress with Marketing Ops (130 h left: 65 h a week in
    weeks 7-8), and one team owns it"; "is in progress with Demand Gen and
    Marketing Ops" said of a pin the check-in never made.
    """
    project_id = project.project_id
    leaders, runners = _leaders_and_runners(problem, project_id, teams)
    if not leaders or not runners:
        names = join_names([t.name for t in teams])
        return f"{pinned_to(problem, project_id, names)}, but {owners} owns it"
    said = (
        f"{project_name(problem, project_id)} is pinned to "
        f"{join_names([t.name for t in leaders])}, but it is in progress with "
        f"{join_names([t.name for t in runners])} ({work_left(problem, project, runners)}), "
        f"and {owners} owns it"
    )
    room = _taking_over_fails(problem, project, teams)
    return f"{said}; {room}" if room is not None else said


def _leaders_and_runners(
    problem: Problem, project_id: str, teams: Sequence[Team]
) -> tuple[list[Team], list[Team]]:
    """The teams a leader pinned the project to, and those it is in progress with."""
    running = in_progress_with(problem, project_id)
    return (
        [t for t in teams if t.team_id not in running],
        [t for t in teams if t.team_id in running],
    )


def _taking_over_fails(problem: Problem, project: Project, teams: Sequence[Team]) -> str | None:
    """Why the teams a leader pinned work in progress to have no room for its weeks left."""
    leaders, runners = _leaders_and_runners(problem, project.project_id, teams)
    if not leaders or not runners:
        return None
    sides = {t.department for t in leaders}
    taking_over = [*leaders, *(t for t in runners if t.department not in sides)]
    return room_for_work_in_progress(problem, project, taking_over)


def _unplaceable_conflicts(facts: Facts, skip: set[str]) -> list[Conflict]:
    """Projects that must be assigned but that no team (or pair of teams) may take."""
    problem, forced = facts.problem, facts.forced
    conflicts = []
    for project_id in forced:
        project = problem.project(project_id)
        if project_id in skip or has_pair(project, facts.eligible[project_id]):
            continue
        blocked = no_eligible_team(problem, project_id)
        if blocked is None:
            continue
        fixes = list(_eligibility_fixes(problem, project))
        pins = facts.pins.get(project_id, [])  # pins to known teams only
        if pins:
            unpin: list[Change] = [DropPin(project_id, t) for t in pins]
            fixes.append(
                Fix((*unpin, MakeOptional(project_id)) if project.mandatory else tuple(unpin))
            )
        elif project.mandatory:
            fixes.append(Fix((MakeOptional(project_id),)))
        else:
            fixes.append(_drop_dependencies(problem, forced, project_id))
        conflicts.append(
            make_conflict(
                problem,
                f"{_label(problem, project_id, forced)} cannot be assigned: {blocked}",
                fixes,
                [project_id],
            )
        )
    return conflicts


def _lifting(blockers: Sequence[Blocker]) -> Fix | None:
    """The edits that lift every blocker (``None`` when there are none or one has no edit)."""
    changes = [b.change for b in blockers if b.change is not None]
    return Fix(tuple(changes)) if blockers and len(changes) == len(blockers) else None


def _foreign(problem: Problem, team: Team, skill: str) -> bool:
    """Whether ``skill`` is the other department's craft: none of the team's own holds it.

    Training a sales team in a skill only marketing has (or the reverse) is
    not advice a leader can act on; the other department's teams are.
    """
    holders = {t.department for t in problem.teams if t.holds(skill, 1)}
    return bool(holders) and team.department not in holders


def _plausible(problem: Problem, team: Team, fix: Fix) -> bool:
    """Whether a fix that lets ``team`` take a project trains it in no other department's craft."""
    return not any(
        isinstance(c, RaiseSkill) and _foreign(problem, team, c.skill) for c in fix.changes
    )


def _pair_fixes(problem: Problem, project: Project, teams: Iterable[Team]) -> list[Fix]:
    """For each team, the edits that would let it take the project; cheapest first."""
    fixes = [
        fix
        for team in teams
        if (fix := _lifting(pair_blockers(problem, project, team))) is not None
        and _plausible(problem, team, fix)
    ]
    return sorted(fixes, key=lambda f: f.cost)


def _eligibility_fixes(problem: Problem, project: Project) -> list[Fix]:
    """Edits that give a project with no eligible team (or pair) one; cheapest first."""
    if not project.joint:
        return _pair_fixes(problem, project, problem.teams)[:2]
    eligible = [t for t in problem.teams if exclusion(problem, project, t) is None]
    fixes: list[Fix] = []
    missing_side = False
    for department in (SALES, MARKETING):
        if not any(t.department == department for t in eligible):
            missing_side = True
            side = [t for t in problem.teams if t.department == department]
            fixes += _pair_fixes(problem, project, side)[:2]
    if missing_side:
        return fixes
    raises: list[Change] = []
    for skill, level in uncovered_skills(project, eligible):
        own = [t for t in eligible if not _foreign(problem, t, skill)] or eligible
        best = max(own, key=lambda t: t.level(skill))
        raises.append(RaiseSkill(best.team_id, skill, level))
    return [Fix(tuple(raises))] if raises else []


def _drop_dependencies(problem: Problem, forced: Mapping[str, str], project_id: str) -> Fix:
    """Let every project that must be assigned go ahead without ``project_id``."""
    return Fix(
        tuple(
            DropDependency(p.project_id, project_id)
            for p in problem.projects
            if project_id in p.depends_on and p.project_id in forced
        )
    )


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


def _others(facts: Facts, project: Project, team: Team) -> list[Team]:
    """Teams other than ``team`` that may take its place on the project once it is unpinned.

    Any department the stage policy allows; for a joint project, only ``team``'s
    own side, since the other side keeps its owner.
    """
    return [
        t
        for t in facts.eligible[project.project_id]
        if t.team_id != team.team_id and (not project.joint or t.department == team.department)
    ]


def _unpin(facts: Facts, loads: Sequence[_Load], team_id: str) -> Fix:
    """Unpin these projects from the team; a mandatory one no other team may take goes optional."""
    problem = facts.problem
    changes: list[Change] = [DropPin(x.project_id, team_id) for x in loads]
    team = problem.team(team_id)
    for x in loads:
        project = problem.project(x.project_id)
        if project.mandatory and not _others(facts, project, team):
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
            fixes.append(_drop_dependencies(problem, forced, x.project_id))
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
