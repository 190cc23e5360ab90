"""Why the plan leaves a project out.

No eligible team, a missing prerequisite, prerequisites that end too late
or no week with room (in weeks), capacity that went to better work, no gain
for the goals, or a better plan the search did not prove away
(:class:`UnassignedKind`): which team could take it, what it would
displace, what that would do to the objective. Pure arithmetic over the
plan, so :func:`unassigned_reasons` runs on every solve.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from planner.core.domain import MARKETING, SALES, Assignment, Plan, Problem, Project, Team
from planner.core.pairs import pair_hours, uncovered_skills
from planner.core.shared_words import plural
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import percent
from planner.core.weeks import weeks_words
from planner.explain.free_hours import (
    covering,
    fit_decimals,
    free_shown,
    hours_to,
    row_free,
    team_need,
)
from planner.explain.held import HeldBy
from planner.explain.project_figures import project_value
from planner.explain.relaxation import RelaxableGroup
from planner.explain.rule_words import at_project_limit_words, prerequisites_left_out
from planner.explain.rules import eligible_teams, exclusions, has_pair, no_eligible_team
from planner.explain.scoring import Addition, Contribution, Scorer
from planner.explain.sentences import as_sentence, at_most, join_names, project_name
from planner.explain.weeks import WeekReasons
from planner.optimizer.formulation import Formulation, Group


class UnassignedKind(enum.StrEnum):
    NO_TEAM = "no eligible team"
    DEPENDENCY = "a prerequisite is out"
    CAPACITY = "capacity went to better work"
    NO_GAIN = "it would not move the goals"
    COSTS_MORE = "it adds less than it costs"
    BETTER_PLAN = "a better plan may exist"
    #: A rule the team-room words do not spell out (the formulation's rule group named).
    RULE = "a planning rule keeps it out"
    WEEKS = "no room in the weeks it would run"
    TOO_LATE = "its prerequisites end too late"
    #: No plan has a run of weeks for it, whatever else it plans (``WeekReasons.never_holds``).
    NO_WEEKS = "no plan has the weeks for it"
    #: A short reason: the time for weighing the options ran out (:meth:`_Unassigned.quick`).
    NOT_WEIGHED = "not weighed in the time allowed"


@dataclass(frozen=True)
class TeamOption:
    """One way to bring a left-out project into the plan.

    ``teams`` take it (one, or a sales and a marketing team for a joint
    project); ``displaced`` projects leave the plan to make room; ``change``
    is what that does to the objective, ``None`` when dropping
    lower-scoring work cannot make room; ``notes`` say it per team.
    """

    teams: tuple[str, ...]
    displaced: tuple[str, ...]
    change: Contribution | None
    notes: tuple[str, ...]
    #: What adding it, displacing nothing, would change (when there is no room).
    alone: Contribution | None = None

    def text(self) -> str:
        """The option in hours and names (no score arithmetic: see :meth:`details`)."""
        return "; ".join(self.notes)

    def details(self, problem: Problem) -> str:
        """The optimizer's arithmetic for this option, for a "details" view."""
        teams = join_names([problem.team(t).name for t in self.teams])
        if self.change is None:
            if self.alone is None:
                return f"{teams}: no room is found"
            return (
                f"{teams}: adding it would change the score by {self.alone.describe()}, "
                "but no room is found"
            )
        return f"{teams}: score {self.change.describe()}"


@dataclass(frozen=True)
class UnassignedExplanation:
    """Why the plan leaves a project out.

    ``reason`` is in hours, KPI units and names, as a leader reads it;
    ``details`` the optimizer's arithmetic behind it (objective terms), for
    a "details" view only.
    """

    project_id: str
    kind: UnassignedKind
    reason: str
    options: tuple[TeamOption, ...] = ()
    #: For a project no team may take: team id -> every reason that team may not.
    excluded: Mapping[str, str] = field(default_factory=dict)
    details: tuple[str, ...] = ()

    def text(self) -> str:
        return self.reason


@dataclass(frozen=True)
class _Side:
    """One team's part of bringing a project in."""

    add: Addition
    displaced: tuple[Assignment, ...]
    note: str
    possible: bool
    alone: Contribution | None  # what adding it, displacing nothing, would change


#: Seconds :func:`unassigned_reasons` weighs options before giving short reasons (never
#: past a solve's limit). At 150 teams x 3,000 projects in weeks about 870 are left out,
#: about 1 ms each on a quiet machine: half a second left 700-800 of them unweighed.
UNASSIGNED_TIME_S = 2.0


#: With ``pace`` (the seconds finding the solve's eligible pairs took: the machine's speed
#: now), what follows the weighing, in units of that pace. Each short reason (per project
#: of the quarter's: 0.4-0.6 of the pace over the projects at 150 x 1,500, load 10-12), the
#: plan's check and score after the reasons (0.2-0.6), and building the rules a better
#: option is checked against (:class:`HeldBy`, 2-3; 2.5-5.0 s at load 12, built by the
#: first weighed reason that needed it, ran solves 2.5-5 s past their limit).
_SHORT_PER_PACE = 1.0
_AFTER_PER_PACE = 1.0
_HELD_PER_PACE = 4.0


class _OutOfTime(Exception):
    """A weighed reason needs the rules (:class:`HeldBy`) and there is no time to build them."""


#: Teams per side weighed for a left-out project (those with the most free hours).
_MAX_TEAMS = 6


#: Objective changes smaller than this are rounding, not a better plan.
_TOLERANCE = Fraction(1, 10_000)


class _Unassigned:
    """Reasons for left-out projects, sharing one scorer over the plan."""

    def __init__(
        self,
        problem: Problem,
        plan: Plan,
        project_ids: Iterable[str],
        rules: Formulation | None = None,
    ) -> None:
        self.problem = problem
        self.scorer = Scorer(problem, plan)
        self._eligible = eligible_teams(problem, project_ids)
        self.weeks = WeekReasons(problem, plan) if problem.is_time_phased else None
        self.plan = plan
        self._held: HeldBy | None = None
        self._rules = rules
        #: Until when (a ``perf_counter`` time) the rules may still be built for a weighed
        #: reason; ``None``: whenever (:func:`unassigned_explanations` sets it).
        self.build_until: float | None = None

    def held_by(self, project: Project, option: TeamOption) -> list[Group]:
        """The formulation's rule groups the option breaks (none: it keeps every rule).

        Raises :class:`_OutOfTime` when the rules are still to build past ``build_until``.
        """
        if self._held is None:
            if self.build_until is not None and time.perf_counter() >= self.build_until:
                raise _OutOfTime
            self._held = HeldBy(self.problem, self.plan, self._rules)
        added = [(project.project_id, t) for t in option.teams]
        removed = [
            (a.project_id, a.team_id)
            for p in option.displaced
            for a in self.scorer.of_project.get(p, ())
        ]
        return self._held.broken(added, removed)

    def eligible(self, project: Project) -> list[Team]:
        if project.project_id not in self._eligible:
            self._eligible.update(eligible_teams(self.problem, [project.project_id]))
        return self._eligible[project.project_id]

    def explain(self, project_id: str) -> UnassignedExplanation:
        problem = self.problem
        project = problem.project(project_id)
        if not has_pair(project, self.eligible(project)):
            excluded = exclusions(problem, project_id)
            blocked = no_eligible_team(problem, project_id, excluded)
            return UnassignedExplanation(
                project_id,
                UnassignedKind.NO_TEAM,
                blocked or "no team may take it",
                excluded=excluded,
            )
        missing = prerequisites_left_out(project, self.scorer.owners)
        if missing:
            names = join_names([project_name(problem, d) for d in missing])
            verb = "is" if len(missing) == 1 else "are"
            return UnassignedExplanation(
                project_id,
                UnassignedKind.DEPENDENCY,
                f"it depends on {names}, which {verb} not in the plan",
            )
        if self.weeks is not None:
            too_late = self.weeks.too_late(project, self.eligible(project))
            if too_late is not None:
                # Ended sooner, its prerequisites would leave it time, and still no week
                # would hold it: that, not their end, is why it is out.
                never = self.weeks.never_holds(project, self.eligible(project))
                if never is not None:
                    return UnassignedExplanation(
                        project_id,
                        UnassignedKind.NO_WEEKS,
                        f"no plan has the weeks for it: {never}",
                    )
                return UnassignedExplanation(project_id, UnassignedKind.TOO_LATE, too_late)
            # A team at its limit of projects (rule 6) has no room whatever its weeks: the
            # weeks are said of the others, or the options say the limit. "SDR Team has no
            # room ... in week 8" read as a week to free on a team that owned its 4 projects.
            open_teams = [t for t in self.eligible(project) if not self.scorer.at_project_limit(t)]
            blocked = (
                self.weeks.blocked(project, open_teams) if has_pair(project, open_teams) else None
            )
            if blocked is not None:
                full = [t for t in self.eligible(project) if t not in open_teams]
                if full:
                    said = [at_project_limit_words(t.name, t) for t in full]
                    blocked += f"; {join_names(at_most(said, 2))}"
                return UnassignedExplanation(project_id, UnassignedKind.WEEKS, blocked)
        return self._verdict(project, *self._options(project))

    def quick(self, project_id: str) -> UnassignedExplanation:
        """A short reason, options not weighed: the teams that may take it and their room."""
        problem = self.problem
        project = problem.project(project_id)
        eligible = self.eligible(project)
        missing = prerequisites_left_out(project, self.scorer.owners)
        if not has_pair(project, eligible) or missing:
            return self.explain(project_id)
        # Weeks are not weighed here either: checking every start of every team is the
        # slow part, and the time is up (``planner explain`` says it in weeks).
        notes = [
            self._room(project, t, pair_hours(problem, project, t))
            for t in self._roomiest(eligible)[:2]
        ]
        # Not weighed against the plan, so it says only what was checked.
        return UnassignedExplanation(
            project_id,
            UnassignedKind.NOT_WEIGHED,
            "left out; the teams with most room: "
            + "; ".join(notes)
            # Read in the app and in plan.csv alike: both ways to the full reason, in words.
            + " (not weighed further in the time allowed: 'Explain a project' on the Plan "
            f"page, or planner explain with the id {project_id}, weighs it)",
        )

    # -- options ----------------------------------------------------------

    def _roomiest(self, teams: Iterable[Team]) -> list[Team]:
        """The teams, most free hours first."""
        rank = self.scorer.roomiest_rank
        return sorted(teams, key=lambda t: rank[t.team_id])

    def _free(self, team: Team) -> str:
        """The team's free hours as its row reads them (:func:`row_free`)."""
        return hours_text(row_free(self.problem, team, self.scorer.load[team.team_id]))

    def _room(self, project: Project, team: Team, hours: Fraction) -> str:
        """``Brand has 8 h free for its 220 h``, the project's own hours first.

        A team's own estimate differs from the hours a leader sees beside the
        project, so it is said beside them: ``for this project's 220 h (190 h
        for Demand Gen)``; a joint project's hours are the team's share.
        """
        exact = self.scorer.free(team.team_id)
        decimals = fit_decimals(exact, hours)
        free = free_shown(self.problem, team, exact, self.scorer.load[team.team_id], decimals)
        need = team_need(project, team, hours, decimals=decimals)
        return f"{team.name} has {free} free for {need}"

    def _side(self, project: Project, team: Team) -> _Side:
        """Adding the project to one team: what it brings, what must leave, or why it cannot."""
        s = self.scorer
        add = s.add(project, team)
        hours = add.hours
        free = s.free(team.team_id)
        room = self._room(project, team, hours)
        need_hours = hours - free
        need_slot = s.at_project_limit(team)
        if need_hours <= 0 and not need_slot:
            return _Side(add, (), f"{team.name} has room ({self._free(team)} free)", True, None)
        if need_slot and need_hours <= 0:
            room = at_project_limit_words(team.name, team)
        alone = s.delta([add], [])
        gain = alone.total
        lower = []
        for total, a in s.displaceable(team.team_id):
            if total >= gain:
                break
            lower.append(a)
        chosen = covering(
            sorted(lower, key=lambda a: (-a.effort_hours, a.project_id)),
            need_hours,
            lambda a: Fraction(a.effort_hours),
            at_least=1 if need_slot else 0,
        )
        if chosen is not None:
            dropped = join_names([project_name(self.problem, a.project_id) for a in chosen])
            return _Side(add, tuple(chosen), f"{room}: it would displace {dropped}", True, alone)
        if not lower:
            # At a check-in the re-plan holds work in progress with its team: say so.
            baseline = self.problem.baseline
            running = baseline.in_progress if baseline is not None else frozenset()
            on_team = s.on_team.get(team.team_id, [])
            held = "pinned, mandatory or in progress"
            if not any(a.project_id in running for a in on_team):
                held = "pinned or mandatory"
            more = "adds more to the goals" if self.problem.goals else "is of more value"
            rest = f"every project there {more} or is {held}"
        else:
            rest = "taking out the projects there that add less would not free enough room"
        return _Side(add, (), f"{room}, and {rest}", False, alone)

    def _shortlist(self, project: Project, teams: list[Team]) -> list[Team]:
        if len(teams) <= _MAX_TEAMS:
            return teams
        roomiest = self._roomiest(teams)
        keep = roomiest[:_MAX_TEAMS]
        if project.joint:
            for skill, level in project.required_skills.items():
                holder = next((t for t in roomiest if t.holds(skill, level)), None)
                if holder is not None and holder not in keep:
                    keep.append(holder)
        return keep

    def _options(self, project: Project) -> tuple[list[TeamOption], list[list[_Side]]]:
        """Every team (or pair) that could take it, best first, and each side's teams."""
        s = self.scorer
        eligible = self.eligible(project)
        sides: list[list[Team]] = (
            [
                [t for t in eligible if t.department == SALES],
                [t for t in eligible if t.department == MARKETING],
            ]
            if project.joint
            else [eligible]
        )
        # Many eligible teams (large companies): the ones with the most room say enough,
        # with, for a joint project, the roomiest holder of each skill it needs.
        every = sides
        sides = [self._shortlist(project, side) for side in sides]
        if project.joint and not any(
            not uncovered_skills(project, (a, b)) for a in sides[0] for b in sides[1]
        ):
            # The roomiest holders of each skill may pair with no one: a pair that covers
            # them all is weighed too ("no pair covers its skills" was false of it).
            pair = next(
                (
                    (a, b)
                    for a in self._roomiest(every[0])
                    for b in self._roomiest(every[1])
                    if not uncovered_skills(project, (a, b))
                ),
                None,
            )
            if pair is not None:
                sides = [[*s, t] if t not in s else s for s, t in zip(sides, pair, strict=True)]
        per_team = {t.team_id: self._side(project, t) for side in sides for t in side}
        combos: list[tuple[Team, ...]]
        if project.joint:
            combos = [
                (a, b) for a in sides[0] for b in sides[1] if not uncovered_skills(project, (a, b))
            ]
        else:
            combos = [(t,) for t in sides[0]]
        options = []
        for combo in combos:
            parts = [per_team[t.team_id] for t in combo]
            displaced: dict[tuple[str, str], Assignment] = {}
            for part in parts:
                for a in part.displaced:
                    for other in s.of_project[a.project_id]:
                        displaced[(other.project_id, other.team_id)] = other
            possible = all(p.possible for p in parts)
            if not possible:
                change = None
            elif len(parts) == 1 and parts[0].alone is not None and not displaced:
                change = parts[0].alone
            else:
                change = s.delta([p.add for p in parts], list(displaced.values()))
            options.append(
                TeamOption(
                    tuple(t.team_id for t in combo),
                    tuple(dict.fromkeys(p for p, _ in displaced)),
                    change,
                    tuple(p.note for p in parts),
                    parts[0].alone if len(parts) == 1 else None,
                )
            )
        options.sort(
            key=lambda o: (o.change is None, -(o.change.total if o.change else 0), o.teams)
        )
        return options, [[per_team[t.team_id] for t in side] for side in sides]

    def _verdict(
        self, project: Project, options: list[TeamOption], sides: list[list[_Side]]
    ) -> UnassignedExplanation:
        pid = project.project_id
        if not options:
            return UnassignedExplanation(
                pid,
                UnassignedKind.NO_TEAM,
                "no sales and marketing pair that may take it covers its skills together",
            )
        best = options[0]
        details = tuple(o.details(self.problem) for o in options[:3])
        if project.joint:
            side_full = self._side_without_room(project, options, sides)
            if side_full:
                reason = f"{side_full}. {as_sentence(self._adds(project))}"
                lever = self._lever(project, options)
                if lever:
                    reason += f" {lever}"
                return UnassignedExplanation(
                    pid, UnassignedKind.CAPACITY, reason, tuple(options), details=details
                )
            notes = dict.fromkeys(n for o in options[:2] for n in o.notes)
            shown = "; ".join(notes)
        else:
            shown = "; ".join(o.text() for o in options[:2])
        more = len(options) - 2
        if more > 0:
            shown += f" ({plural(more, 'more option')}, none better)"
        adds = self._adds(project)
        better = [o for o in options if o.change is not None and o.change.total > _TOLERANCE]
        held = [self.held_by(project, o) for o in better]
        # Rules 10-12 are the weeks' own (WeekReasons): an option that keeps every other rule
        # but has no start with room is no better plan either.
        shut = [
            o for o, g in zip(better, held, strict=True) if not g and not self._fits(project, o)
        ]
        if better and shut and all(g or o in shut for o, g in zip(better, held, strict=True)):
            kind = UnassignedKind.WEEKS
            reason = f"{adds}, but {self._week_words(project, shut)}"
            rules = self._rules_words([g for g in held if g])
            if rules:
                reason += f"; a planning rule keeps it out otherwise ({rules})"
            others = [o for o in options if o not in shut]
            notes = dict.fromkeys(n for o in others[:2] for n in o.notes)
            if notes:
                reason += f": {'; '.join(notes)}"
        elif better and all(held):
            # Each option that would score more breaks a rule the words above do not weigh
            # (a change budget, or a rule added since): named from the formulation's group.
            kind = UnassignedKind.RULE
            rules = self._rules_words(held[:1])
            reason = f"{adds}, but a planning rule keeps it out ({rules}): {shown}"
        elif better:
            # A plan proven best has no such option (explain/held.py): the search stopped,
            # on its time limit or a Stop, first. "(this one is not proven best)" was the
            # solver's word for it.
            kind = UnassignedKind.BETTER_PLAN
            reason = (
                "a better plan may exist: the planner stopped before it could rule out a "
                f"plan with this project: {adds}; {shown}"
            )
        elif best.change is not None and not best.displaced and _costs_more(best.change):
            # It does move the goals: a penalty (balance, stability) outweighs what it adds.
            kind = UnassignedKind.COSTS_MORE
            reason = f"{adds}, {_costs_more(best.change)}: {shown}"
        elif best.change is not None and not best.displaced:
            kind = UnassignedKind.NO_GAIN
            why = self._why_no_gain(project)
            reason = f"adding it would not move the goals{why}: {shown}"
        else:
            kind = UnassignedKind.CAPACITY
            # A quarter without goals plans by value: no goals for the work to do more for.
            towards = "that does more for the goals" if self.problem.goals else "of more value"
            reason = f"capacity went to work {towards}: {adds}; {shown}"
            lever = self._lever(project, options)
            if lever:
                reason += f". {lever}"
        return UnassignedExplanation(pid, kind, reason, tuple(options), details=details)

    def _rules_words(self, held: list[list[Group]]) -> str:
        """The formulation's rule groups in words, each once."""
        return "; ".join(
            dict.fromkeys(
                RelaxableGroup(g.kind, g.a, g.b).describe(self.problem)
                for groups in held
                for g in groups
            )
        )

    def _fits(self, project: Project, option: TeamOption) -> bool:
        """Whether the option has a start with room in every week it would run (rules
        10-12), the displaced projects' hours given back; always, in a quarter of no weeks."""
        if self.weeks is None:
            return True
        teams = [self.problem.team(t) for t in option.teams]
        freed = [a for p in option.displaced for a in self.scorer.of_project.get(p, ())]
        return self.weeks.fits(project, teams, freed)

    def _week_words(self, project: Project, shut: list[TeamOption]) -> str:
        """Why the weeks keep it from the options ``shut``, as the week reasons say it.

        Options that displace nothing are said together, over the plan's weeks; else the
        best one, over the plan without the projects it would displace.
        """
        assert self.weeks is not None
        problem = self.problem
        weeks, lead = self.weeks, ""
        options = [o for o in shut if not o.displaced] or shut[:1]
        if options[0].displaced:
            gone = set(options[0].displaced)
            rest = tuple(a for a in self.plan.assignments if a.project_id not in gone)
            weeks = WeekReasons(problem, replace(self.plan, assignments=rest))
            names = join_names([project_name(problem, p) for p in options[0].displaced])
            lead = f"even without {names}, "
        teams = [problem.team(t) for t in dict.fromkeys(t for o in options for t in o.teams)]
        # A joint project's sides each by their own teams: "no sales team has a week" would
        # speak of every sales team, where these are the ones its options weigh.
        sides = (
            [
                [t for t in teams if t.department == SALES],
                [t for t in teams if t.department != SALES],
            ]
            if project.joint
            else [teams]
        )
        said = "; ".join(
            words
            for side in sides
            if side and (words := weeks.blocked(project, side, alone=project.joint))
        )
        if not said and project.joint:  # each side has weeks, never the same on one pair
            said = weeks.never_meet(project, sides[0], sides[1]) or ""
        if not said:  # the teams' weeks fit apart, never together as one option
            said = (
                f"no start in {weeks_words(problem.window(project))} has room for it "
                f"on {join_names([t.name for t in teams])} together"
            )
        return lead + said

    def _adds(self, project: Project) -> str:
        """What the project would bring: its value, the teams' own estimates beside it.

        The project's own value first, as the table beside the reason shows it
        (``240 MQLs (280 if Brand & Comms does it)``), in the KPI's unit.
        """
        added = project_value(self.problem, project)
        goal = self.problem.goal_index.get(project.goal_id or "")
        if goal is None:
            return f"it would add a value of {added} (it serves no goal)"
        share = 100 * Fraction(project.value) / Fraction(goal.target)
        return f"it would add {added} to '{goal.name}' ({percent(share)} of its target)"

    def _side_without_room(
        self, project: Project, options: list[TeamOption], sides: list[list[_Side]]
    ) -> str:
        """For a joint project: the side (sales or marketing) where no team has room, first.

        Only teams of some pair that covers the skills count. Empty when every
        side has a team with room: then the options say it.
        """
        paired = {t for o in options for t in o.teams}
        full, open_ = [], []
        for department, every in zip((SALES, MARKETING), sides, strict=True):
            side = [part for part in every if part.add.team_id in paired]
            need = Fraction(project.hours_for(department))
            hours = hours_text(need)
            teams = self._roomiest(self.problem.team(part.add.team_id) for part in side)
            possible = {part.add.team_id for part in side if part.possible}
            if side and not possible:
                # As a "free for" line: hours that decide a fit read the shortfall there is.
                free = {t.team_id: self.scorer.free(t.team_id) for t in teams}
                places = {t.team_id: fit_decimals(free[t.team_id], need) for t in teams}
                shown = [d for d in places.values() if d is not None]
                hours = hours_to(need, max(shown)) if shown else hours
                load = self.scorer.load
                shown_free = {
                    t.team_id: free_shown(
                        self.problem, t, free[t.team_id], load[t.team_id], places[t.team_id]
                    )
                    for t in teams
                }
                # A team with the hours but at its limit of projects (rule 6): the limit
                # is why, not hours it has ("SDR has 392 h free" for a 221 h share).
                limited = {
                    t.team_id
                    for t in teams
                    if free[t.team_id] >= need and self.scorer.at_project_limit(t)
                }
                frees = [
                    at_project_limit_words(t.name, t)
                    if t.team_id in limited
                    else f"{t.name} has {shown_free[t.team_id]} free"
                    for t in teams
                ]
                room = "can take" if limited else "has room for"
                full.append(
                    f"no {department} team {room} its {hours} share "
                    f"({join_names(at_most(frees, 3))}), even by taking out work "
                    + ("that adds less to the goals" if self.problem.goals else "of less value")
                )
            else:
                roomy = [f"{t.name} ({self._free(t)} free)" for t in teams if t.team_id in possible]
                open_.append(f"{join_names(at_most(roomy, 3))} could take the {department} share")
        if not full:
            return ""
        return "; ".join(["it needs both a sales and a marketing owner", *full, *open_])

    def _shortfall(self, project: Project, option: TeamOption) -> dict[str, Fraction]:
        """Team name -> the hours it lacks to take its part of the option."""
        out = {}
        for team_id in option.teams:
            team = self.problem.team(team_id)
            short = pair_hours(self.problem, project, team) - self.scorer.free(team_id)
            if short > 0:
                out[team.name] = short
        return out

    def _lever(self, project: Project, options: list[TeamOption]) -> str:
        """What a leader could change to bring it in without taking anything out.

        The best option's, or when no option finds room, the one that lacks the fewest hours.
        """
        option = options[0]
        if option.change is None:
            option = min(options, key=lambda o: sum(self._shortfall(project, o).values()))
        short = self._shortfall(project, option)
        needs = [f"{hours_text(h)} more for {name}" for name, h in short.items()]
        if not needs:
            return ""
        return f"To bring it in without taking anything out: {join_names(needs)}"

    def _why_no_gain(self, project: Project) -> str:
        goal = self.problem.goal_index.get(project.goal_id or "")
        if goal is not None and self.scorer.reached[goal.goal_id] >= Fraction(goal.target):
            return f" (goal '{goal.name}' is already at 100 %)"
        if goal is None and not project.value:
            return " (it has no goal and no value)"
        return ""


#: The penalties that can outweigh what a project adds: the weight a leader would lower.
_PENALTIES = {
    "balance": ("workload balance", "[weights] balance"),
    "stability": ("stability (it moves work off the baseline)", "[weights] stability"),
}


def _costs_more(change: Contribution) -> str:
    """Why a project that adds to the goals (or value) stays out, when a penalty outweighs it.

    Empty when it adds nothing: then "it would not move the goals" is the reason.
    """
    gain = change.attainment + change.value + change.confidence
    costs = [k for k in _PENALTIES if getattr(change, k) < 0]
    if gain <= 0 or not costs:
        return ""
    what = join_names([_PENALTIES[k][0] for k in costs])
    weights = join_names([_PENALTIES[k][1] for k in costs])
    return f"too little to outweigh the {what} it would cost (a lower {weights} takes it)"


def explain_unassigned(problem: Problem, plan: Plan, project_id: str) -> UnassignedExplanation:
    """Why the plan leaves ``project_id`` out: no team, a prerequisite, or better work."""
    return _Unassigned(problem, plan, [project_id]).explain(project_id)


def unassigned_reasons(
    problem: Problem, plan: Plan, *, time_limit_s: float | None = None, until: float | None = None
) -> dict[str, str]:
    """Project id -> why the plan leaves it out, for every project it leaves out.

    The words of :func:`unassigned_explanations` (which see).
    """
    found = unassigned_explanations(problem, plan, time_limit_s=time_limit_s, until=until)
    return {project_id: why.text() for project_id, why in found.items()}


def unassigned_explanations(
    problem: Problem,
    plan: Plan,
    *,
    time_limit_s: float | None = None,
    until: float | None = None,
    rules: Formulation | None = None,
    pace: float | None = None,
) -> dict[str, UnassignedExplanation]:
    """Project id -> why the plan leaves it out (its kind and words), for every one.

    One pass over the plan for all of them; it runs on every solve, so it
    keeps to ``time_limit_s`` (default :data:`UNASSIGNED_TIME_S`, read at the
    call): projects left when the time is up get a short reason (the teams
    that may take it and their free hours; :attr:`UnassignedKind.NOT_WEIGHED`)
    instead of the weighed one (what it would displace and what it would add).
    ``until`` (a ``perf_counter`` time, such as a solve's limit) ends the weighing
    earlier when it comes first. ``rules``: the problem's rules without rules 10-12 over
    its eligible pairs, when built already (the warm start's), for :class:`HeldBy`.

    ``pace`` (with ``until``): the seconds finding the solve's eligible pairs took, the
    machine's speed now. The weighing then stops in time for the short reasons of the
    projects still waiting and the plan's check after them to end by ``until``, and the
    rules a better option is checked against are built only while that leaves their time
    too (a project whose weighing needs them past it gets the short reason).
    """
    limit = UNASSIGNED_TIME_S if time_limit_s is None else time_limit_s
    deadline = time.perf_counter() + limit
    ends = deadline if until is None else until
    owned = plan.owners()
    left = [p.project_id for p in problem.projects if p.project_id not in owned]
    explainer = _Unassigned(problem, plan, left, rules)
    short_s = after_s = 0.0
    if until is not None and pace is not None:
        short_s = _SHORT_PER_PACE * pace / max(1, len(problem.projects))
        after_s = _AFTER_PER_PACE * pace
        explainer.build_until = until - after_s - len(left) * short_s - _HELD_PER_PACE * pace
    found: dict[str, UnassignedExplanation] = {}
    for done, project_id in enumerate(left):
        now = time.perf_counter()
        if now < deadline and now + (len(left) - done) * short_s + after_s < ends:
            try:
                found[project_id] = explainer.explain(project_id)
                continue
            except _OutOfTime:
                pass
        found[project_id] = explainer.quick(project_id)
    return found
