"""Work that must be done in weeks and cannot be: why there is no plan, in weeks.

A pinned or mandatory project, or one in progress at a check-in, whose team has no run of
weeks for it inside its window is said before any search ("Content has no room for its
65 h a week in weeks 7-8, when it must run in each of weeks 7-8"), with the fix a leader
can make. The reasons for one team and one project are :class:`WeekReasons`'
(:mod:`planner.explain.weeks`); this module sums the work no plan can leave out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from planner.core.domain import MARKETING, SALES, Plan, Problem, Project, Team
from planner.core.identifiers import escaped
from planner.core.pairs import pair_hours
from planner.core.shared_words import plural
from planner.core.shown_figures import hours as hours_text
from planner.core.weeks import (
    week_limits,
    weeks_words,
)
from planner.explain.changes import RestoreUtilization
from planner.explain.in_progress import in_progress, locked, pinned_to
from planner.explain.places import let_move
from planner.explain.sentences import Sentence, join_names, one_change_fixes, project_name
from planner.explain.week_words import a_week
from planner.explain.weeks import LATER_END, WeekReasons, could_end_later, earliest_ends
from planner.optimizer.eligibility import exclusion

#: No hours (a quarter of no weeks).
_NONE = Fraction(0)


def forced_work_fits_no_week(problem: Problem) -> bool:
    """Whether a pinned project needs more hours a week than its team has in every week of
    its window, or a mandatory one more than each team that may take it (each side's, for
    joint work) has: a pass over the forced work, cheap enough to ask before every search.

    :func:`forced_work_said` says such work in words, but weighs every mandatory
    project's starts on every team (2 s at 100 teams x 10,000 projects), so it is asked
    only after this says some forced work cannot be held. A team's rules are asked only of
    the teams whose weeks would hold the project.
    """
    if not problem.is_time_phased:
        return False
    limits: dict[str, tuple[Fraction, ...]] = {}
    #: Each team's fewest and most hours in a week: most projects need less than the
    #: fewest, and no week is asked about.
    bounds: dict[str, tuple[Fraction, Fraction]] = {}

    def no_week(project: Project, team: Team) -> bool:
        need = pair_hours(problem, project, team) / problem.duration(project)
        weeks = limits.get(team.team_id)
        if weeks is None:
            weeks = limits[team.team_id] = week_limits(problem, team.team_id)
            bounds[team.team_id] = (min(weeks, default=_NONE), max(weeks, default=_NONE))
        least, most = bounds[team.team_id]
        if need <= least or need > most:
            return need > most
        return all(need > weeks[week - 1] for week in problem.window(project))

    for project_id, team_id in problem.pins:
        if no_week(problem.project(project_id), problem.team(team_id)):
            return True
    pinned = {project_id for project_id, _ in problem.pins}
    for project in problem.projects:
        if not project.mandatory or project.project_id in pinned:
            continue
        sides = (
            [[t for t in problem.teams if t.department == d] for d in (SALES, MARKETING)]
            if project.joint
            else [list(problem.teams)]
        )
        for side in sides:
            # Some team that may take it has a week for it: its weeks are not why it fails.
            held = any(
                not no_week(project, t) and exclusion(problem, project, t) is None for t in side
            )
            # No team that may take it at all is a rule conflict, said before this is asked.
            if not held and any(exclusion(problem, project, t) is None for t in side):
                return True
    return False


def pins_without_room(problem: Problem) -> dict[tuple[str, str], str]:
    """(project id, team id) -> why that pin's team has no run of weeks for its project in
    an empty plan ("'Elevate' is pinned to Brand & Comms, but Brand & Comms has no room for
    its 34.5 h a week in weeks 5-6 ..."), for pins of projects that are not mandatory (the
    loader says those on the project's row): `planner validate` read "valid" beside it,
    and `planner solve` found no plan."""
    if not problem.pins or not problem.is_time_phased:
        return {}
    room = WeekReasons(problem, Plan(()))
    said = {}
    for project_id, team_id in sorted(problem.pins):
        project, pinned = problem.project(project_id), problem.team(team_id)
        if project.mandatory or exclusion(problem, project, pinned) is not None:
            continue  # said on the project's row, or a rule conflict pin_issues says
        partners = _pin_partners(problem, project, pinned)
        blocked = room.blocked(project, [pinned, *partners])
        if blocked is not None:
            said[(project_id, team_id)] = (
                f"{pinned_to(problem, project_id, pinned.name)}, but {blocked}"
            )
    return said


def _pin_partners(problem: Problem, project: Project, pinned: Team) -> list[Team]:
    """The teams of the other department that may take a joint ``project``'s other side
    beside the team it is ``pinned`` to (none for a project of one team)."""
    if not project.joint:
        return []
    return [
        t
        for t in problem.teams
        if t.department != pinned.department and exclusion(problem, project, t) is None
    ]


def forced_work_said(problem: Problem) -> tuple[list[Sentence], frozenset[str]]:
    """Mandatory, pinned and in-progress projects that no week can hold even in an empty
    plan, in words, and the ids of the projects they name.

    Said beside the rule conflicts of an infeasible problem: "'Launch' is
    mandatory, but Brand has no room for its 53.3 h a week in weeks 4-6, when
    it must run in each of weeks 4-6"; at a check-in, work in progress that
    its team's weeks left cannot hold says so in hours a week too.
    """
    if not problem.is_time_phased:
        return [], frozenset()
    room = WeekReasons(problem, Plan(()))
    capped = _capped_alone(problem)
    mandatory = _mandatory_without_room(problem, room, capped)
    pinned = _pinned_without_room(problem, room, capped, {p for p, _ in mandatory})
    # A prerequisite that ends too late is said first, and beside a lack of room for the
    # same project: more hours alone would not let it be planned, a later due week might.
    late = after_late_prerequisites(problem)
    out: list[_Fixed | str] = [sentence for _, sentence in late]
    out.extend(fixed for _, fixed in (*mandatory, *pinned))
    named = {project.project_id for project, _ in late}
    named.update(project_id for project_id, _ in (*mandatory, *pinned))
    return _cap_said_once(problem, out), frozenset(named)


#: Whether the leader's own cap alone keeps a project out of its weeks on these teams.
_Capped = Callable[[Project, list[Team]], bool]


def _capped_alone(problem: Problem) -> _Capped:
    """Whether the leader's own cap alone keeps a project out of its weeks (under a max
    utilisation the leader set below 100 %: would the weeks hold it at 100 %?): its fix
    offers the max utilisation back first (:func:`_cap_said_once` words it)."""
    if problem.settings.capacity.max_utilization >= 1:
        return lambda project, teams: False
    restored = WeekReasons(RestoreUtilization().apply(problem), Plan(()))
    return lambda project, teams: restored.blocked(project, teams) is None


def _mandatory_without_room(
    problem: Problem, room: WeekReasons, capped: _Capped
) -> list[tuple[str, _Fixed]]:
    """Each mandatory project no team's weeks can hold in an empty plan, with its sentence."""
    out = []
    for project in problem.projects:
        if not project.mandatory:
            continue
        teams = [t for t in problem.teams if exclusion(problem, project, t) is None]
        blocked = room.blocked(project, teams) if teams else None
        if blocked is not None:
            fixed = _Fixed(
                f"'{project.name}' is mandatory, but {blocked}. ",
                capped(project, teams),
                _forced_fix(problem, project),
            )
            out.append((project.project_id, fixed))
    return out


def _pinned_without_room(
    problem: Problem, room: WeekReasons, capped: _Capped, said: set[str]
) -> list[tuple[str, _Fixed]]:
    """Each pin whose team's weeks cannot hold its project in an empty plan, with its
    sentence: a leader's pin makes a project's team forced work too ("'Battlecards' is
    pinned to Product Marketing, but Product Marketing has no room for its 48 h a week
    ..."). ``said``: the projects said already (as mandatory), not said again unless
    in progress."""
    out = []
    named = set(said)
    for project_id, team_id in sorted(problem.pins):
        project, pinned = problem.project(project_id), problem.team(team_id)
        if exclusion(problem, project, pinned) is not None:
            continue  # a pin the rules refuse: said by the rule conflicts
        partners = _pin_partners(problem, project, pinned)
        blocked = room.blocked(project, [pinned, *partners])
        if blocked is None:
            continue
        who = _short_of_hours(room, project, pinned, partners)
        is_capped = capped(project, [pinned, *partners])
        fixed = _pinned_in_progress(problem, project, pinned, blocked, who, is_capped)
        if fixed is None and project_id not in named:
            # A mandatory project no team's weeks can hold was said above: its pin is not
            # said again (the same week twice, the second fix "unpin it" no help).
            fixed = _Fixed(
                f"{pinned_to(problem, project_id, pinned.name)}, but {blocked}. ",
                is_capped,
                f"{_more_weeks(problem, project)} {who} more hours in those weeks "
                "(calendar.csv), or unpin it.",
            )
        if fixed is not None:
            named.add(project_id)
            out.append((project_id, fixed))
    return out


def _pinned_in_progress(
    problem: Problem, project: Project, pinned: Team, blocked: str, who: str, capped: bool
) -> _Fixed | None:
    """The sentence of pinned work in progress its team's weeks cannot hold (``blocked``
    says why), with what it needs: hours (from ``who``), a later end week, or another
    team; ``None`` for work not in progress."""
    project_id = project.project_id
    if in_progress(problem, project_id):
        # Work under way keeps its weeks: what it needs is hours, more weeks to the
        # end week the leader gives it at the check-in, or another team.
        later = f", {LATER_END}" if could_end_later(problem, project) else ""
        return _Fixed(
            f"{pinned_to(problem, project_id, pinned.name)}, but {blocked}. ",
            capped,
            f" {who} more hours in those weeks (calendar.csv){later}, or "
            f"{let_move('it', escaped(project_id))} so that another team may take it "
            "over.",
        )
    if problem.baseline and project_id in problem.baseline.under_way:
        # In progress, held by a leader's pin: its weeks left are fixed (a wider window
        # cannot help); a later end week, room in the team's weeks or another team can.
        where = (
            ", where it is in progress"
            if pinned.team_id in problem.baseline.owners.get(project_id, ())
            else ""
        )
        lift = f" and {let_move('it', escaped(project_id))}" if locked(problem, project_id) else ""
        later = f", {LATER_END}" if could_end_later(problem, project) else ""
        return _Fixed(
            f"{pinned_to(problem, project_id, pinned.name)}{where}, but {blocked}. ",
            capped,
            f" {who} more hours in those weeks (calendar.csv){later}, or unpin "
            f"it{lift} so that another team may take it over.",
        )
    return None


def after_late_prerequisites(problem: Problem) -> list[tuple[Project, str]]:
    """Work that must be in the plan but cannot end by its due week after its prerequisites.

    At a check-in a prerequisite running late to a later end week pushes the work after it
    (rule 12) past its due week; "'b' is mandatory. Make 'b' optional" named neither the
    prerequisite nor its end week. Each sentence names both, and the fixes. Mandatory work
    and a leader's pins (work in progress is not held after a prerequisite in progress).
    """
    if not problem.is_time_phased or not any(problem.runs_after(p) for p in problem.projects):
        return []
    ends = earliest_ends(problem)
    out = []
    for project in problem.projects:
        after, pid = problem.runs_after(project), project.project_id
        teams = [problem.team(t).name for p, t in sorted(problem.pins) if p == pid]
        forced = project.mandatory or (teams and not in_progress(problem, pid))
        if not after or not forced or ends[pid] <= problem.window(project)[-1]:
            continue
        late = max(after, key=lambda p: ends[p])
        before, name = project_name(problem, late), project_name(problem, pid)
        if problem.baseline is not None and late in problem.baseline.under_way:
            earlier = f"Give {before} an earlier end week at the check-in"
        else:
            earlier = f"Start {before} earlier or shorten it (earliest_week, duration_weeks)"
        how = "is mandatory" if project.mandatory else f"is pinned to {join_names(teams)}"
        out.append(
            (
                project,
                f"{name} {how}, but its prerequisite {before} ends in week {ends[late]} at "
                f"the earliest, too late for its {plural(problem.duration(project), 'week')} "
                f"to end by its due week {problem.window(project)[-1]}. {earlier}, move the "
                f"due week of {name} later (due_week), or "
                + ("make it optional." if project.mandatory else "unpin it."),
            )
        )
    return out


def _short_of_hours(
    room: WeekReasons, project: Project, pinned: Team, partners: Sequence[Team]
) -> str:
    """Whose weeks need more hours for a pinned project: the pinned team, or, for a joint
    project its pinned team has a run of weeks for, the other department's teams (a
    sales team's share had no week while the sample's battlecards were pinned to Product
    Marketing, and the fix said to give Product Marketing hours)."""
    if not project.joint or not partners or not room.open_starts(project, pinned):
        return pinned.name
    if len(partners) == 1:
        return partners[0].name
    return f"a {partners[0].department} team"  # the reason before names the teams short


def _forced_fix(problem: Problem, project: Project) -> str:
    """The fix after "Give" for mandatory work its weeks cannot hold. Work under way at a
    check-in keeps its weeks left: more weeks (duration_weeks) or a wider window cannot
    move them, a later end week at the check-in can (when the quarter has weeks after)."""
    if problem.baseline is not None and project.project_id in problem.baseline.under_way:
        later = f", {LATER_END}" if could_end_later(problem, project) else ""
        return f" its team more hours in those weeks (calendar.csv){later}, or make it optional."
    return (
        f"{_more_weeks(problem, project)} its team more hours in those weeks "
        "(calendar.csv), or make it optional."
    )


def _more_weeks(problem: Problem, project: Project) -> str:
    """The start of a fix after "Give" for forced work its weeks cannot hold: more weeks
    or a wider window, then "give" again for the hours; nothing when the project already
    runs every week of the quarter (neither can help: "Give its team more hours ...")."""
    if problem.duration(project) == len(problem.window(project)) == problem.num_weeks:
        return ""
    return " it more weeks (duration_weeks) or a wider window (earliest_week to due_week), give"


@dataclass(frozen=True)
class _Fixed:
    """A sentence of forced work its weeks cannot hold, around the first word of its fix:
    ``before`` "Give" ``after``, or, when the leader's own cap alone keeps the project out
    (``capped``), the max utilisation offered back ahead of that word
    (:func:`_cap_said_once` chooses how)."""

    before: str
    capped: bool
    after: str

    def said(self, cap: str) -> str:
        """The sentence, ``cap`` ahead of its fix where it offers the cap back."""
        if not self.capped:
            return f"{self.before}Give{self.after}"
        return f"{self.before}{cap}give{self.after}"


def _cap_said_once(problem: Problem, sentences: list[_Fixed | str]) -> list[Sentence]:
    """The max utilisation back to 100 % offered once, ahead, when several sentences offer it.

    At 60 % four weeks' conflicts each read "Put the max utilisation of each team back to
    100 % (this scenario sets it to 60 %), or give it more weeks ..."; as the rule
    conflicts do, one change that fixes several is said once, and each points at it.
    """
    words = RestoreUtilization().describe(problem)
    offering = sum(1 for s in sentences if isinstance(s, _Fixed) and s.capped)
    out: list[Sentence] = []
    if offering < 2:
        cap = f"{words[:1].upper()}{words[1:]}, or "
    else:
        cap = "The change above, or "
        if offering < len(sentences):
            out.append(one_change_fixes(f"{offering} of the week conflicts", words))
        else:
            out.append(one_change_fixes(f"the {offering} week conflicts", words))
    return [*out, *(s.said(cap) if isinstance(s, _Fixed) else s for s in sentences)]


def work_left(problem: Problem, project: Project, teams: Sequence[Team]) -> str:
    """Work in progress left on its team(s): ``130 h left: 65 h a week in weeks 7-8``.

    At a check-in a project in progress keeps its weeks, so a pin of it to
    another team is weighed in hours a week; a quarter without weeks says
    its hours left (``130 h left``).
    """
    hours = [(team, pair_hours(problem, project, team)) for team in teams]
    total = sum((h for _, h in hours), Fraction(0)) if hours else Fraction(project.effort_hours)
    left = f"{hours_text(total)} left"
    if not problem.is_time_phased or not hours:
        return left
    duration = problem.duration(project)
    window = list(problem.window(project))
    span = (
        f"in {weeks_words(window)}"
        if duration == len(window)
        else f"for {plural(duration, 'week')} within {weeks_words(window)}"
    )
    if len(hours) == 1:
        return f"{left}: {a_week(hours[0][1] / duration)} a week {span}"
    each = " and ".join(f"{a_week(h / duration)} a week on {t.name}" for t, h in hours)
    return f"{left}: {each} {span}"


def room_for_work_in_progress(
    problem: Problem, project: Project, teams: Sequence[Team]
) -> str | None:
    """Why ``teams`` could not take over a project in progress in its weeks left, or ``None``.

    ``"Demand Gen has no room for its 65 h a week in weeks 7-8, when it must run in each of
    weeks 7-8"``: a leader who pinned it there learns that taking it over fails too.
    """
    if not problem.is_time_phased or not teams:
        return None
    return WeekReasons(problem, Plan(())).blocked(project, teams)
