"""Why a left-out project finds no week: the explanations of rules 10-12, in weeks.

A leader reads "Content is full in weeks 9-11 when the launch must run
(weeks 8-11)", not "capacity went elsewhere". For a project the plan leaves
out, :class:`WeekReasons` checks every team that may take it against the plan's
weekly load: when no start inside its window (after its prerequisites end)
leaves room in every week it would run, the reason names the weeks that are
full.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from fractions import Fraction

from planner.core.capacity import team_limit
from planner.core.dependency_graph import prerequisites_first
from planner.core.domain import DEPARTMENTS, SALES, Assignment, Plan, Problem, Project, Team
from planner.core.pairs import pair_hours, uncovered_skills
from planner.core.shared_words import plural
from planner.core.weeks import (
    earliest_start,
    run_weeks,
    start_after,
    week_limits,
    weekly_load,
    weeks_words,
)
from planner.explain.free_hours import JOINT_SHARE, team_need
from planner.explain.in_progress import in_progress_with
from planner.explain.sentences import join_names, project_name
from planner.explain.week_words import (
    a_week,
    apart,
    need_beside,
    no_room_words,
    own_hours_note,
    room_between,
    when_it_may_run,
)

#: The fix for work in progress its weeks left cannot hold: more weeks, to a later end
#: week than planned (the check-in's ``end_week``, the Check-in page's "Ends in week").
LATER_END = "let it end later (its end week at the check-in)"


#: Each team short of room by name: the weeks it has none, its share a week, its need in words.
_Full = dict[str, tuple[set[int], Fraction, str]]


def could_end_later(problem: Problem, project: Project) -> bool:
    """Whether work in progress has weeks of the quarter after its run left to end in."""
    return problem.duration(project) < problem.num_weeks - problem.window(project).start + 1


def earliest_ends(problem: Problem) -> dict[str, int]:
    """Project id -> the earliest week it can end, its prerequisites (rule 12) first.

    Without a plan: each starts as early as its window and its prerequisites' earliest
    ends allow. A project in progress at a check-in runs to its end week, so the work
    after it waits for that week.
    """
    ends: dict[str, int] = {}
    index = problem.project_index
    # A prerequisite met again on the way (a cycle, refused by the loader) counts as none.
    roots = [p.project_id for p in problem.projects]
    for pid in prerequisites_first(roots, lambda pid: problem.runs_after(index[pid])):
        project = index[pid]
        ends[pid] = earliest_start(problem, project, ends) + problem.duration(project) - 1
    return ends


class WeekReasons:
    """The plan's weekly load, to say when a left-out project could run, or why not.

    In exact hours, for words; the optimizer's :class:`~planner.optimizer.weeks.WeekRoom`
    keeps the same room in the model's whole units, for the searches.
    """

    def __init__(self, problem: Problem, plan: Plan) -> None:
        self.problem = problem
        self.plan = plan
        self.load = weekly_load(problem, plan)
        self.limits = {t.team_id: week_limits(problem, t.team_id) for t in problem.teams}
        self.ends = {a.project_id: a.end_week for a in plan.assignments if a.end_week is not None}
        self._free: dict[str, tuple[list[Fraction], list[float]]] = {}
        self._window_most: dict[tuple[str, int, int], Fraction] = {}
        #: Each project's soonest end in any plan (:func:`earliest_ends`), when asked.
        self._soonest: dict[str, int] | None = None
        #: Whether ``ends`` are each project's soonest in any plan, not this plan's.
        self._ends_soonest = False

    def earliest(self, project: Project) -> int:
        """The first week it may start: its earliest week, after prerequisites end (rule 12)."""
        return earliest_start(self.problem, project, self.ends)

    def free(self, team_id: str) -> tuple[list[Fraction], list[float]]:
        """The team's hours left in each week (week 1 first): its limit less its load,
        exact and as the nearest floats (to tell most weeks apart fast)."""
        room = self._free.get(team_id)
        if room is None:
            load, limits = self.load[team_id], self.limits[team_id]
            exact = [Fraction(limit) - used for limit, used in zip(limits, load, strict=True)]
            room = self._free[team_id] = (exact, [float(hours) for hours in exact])
        return room

    def _most(self, team_id: str, window: Sequence[int]) -> Fraction:
        """The team's most hours in one week of ``window`` (a run of weeks)."""
        key = (team_id, window[0], window[-1])
        most = self._window_most.get(key)
        if most is None:
            limits = self.limits[team_id]
            most = self._window_most[key] = max(limits[w - 1] for w in window)
        return most

    def _full_weeks(self, team: Team, per_week: Fraction, weeks: range) -> list[int]:
        """The weeks in ``weeks`` where the team has less than ``per_week`` left.

        Floats decide where they are far apart (each is the nearest float to an exact
        value, so a margin of a millionth of a percent cannot be crossed by rounding);
        the exact hours decide the rest.
        """
        exact, rough = self.free(team.team_id)
        need = float(per_week)
        margin = 1e-8 * max(1.0, abs(need))
        return [
            week
            for week in weeks
            if rough[week - 1] < need - margin
            or (rough[week - 1] <= need + margin and exact[week - 1] < per_week)
        ]

    def open_starts(self, project: Project, team: Team) -> set[int]:
        """The starts (after its prerequisites end) in which ``team`` has room for its share
        in every week the project would run."""
        problem = self.problem
        starts = problem.starts(project, self.earliest(project))
        if not starts:
            return set()
        duration = problem.duration(project)
        per_week = pair_hours(problem, project, team) / duration
        short = set(self._full_weeks(team, per_week, range(starts[0], starts[-1] + duration)))
        return {s for s in starts if short.isdisjoint(range(s, s + duration))}

    def fits(
        self, project: Project, teams: Sequence[Team], freed: Iterable[Assignment] = ()
    ) -> bool:
        """Whether one start (after its prerequisites end, in its window) leaves each of
        ``teams`` room for its share in every week the project would run, with the hours
        of the ``freed`` assignments given back: rules 10-12 for one way to bring it in."""
        return bool(self.fitting_starts(project, teams, freed))

    def fitting_starts(
        self, project: Project, teams: Sequence[Team], freed: Iterable[Assignment] = ()
    ) -> list[int]:
        """The starts of :meth:`fits`, earliest first."""
        problem = self.problem
        starts = set(problem.starts(project, self.earliest(project)))
        duration = problem.duration(project)
        freed = list(freed)
        for team in teams:
            if not starts:
                break
            room = list(self.free(team.team_id)[0])
            for a in freed:
                if a.team_id == team.team_id:
                    run = run_weeks(problem, a)
                    for week in run:
                        if 1 <= week <= len(room):
                            room[week - 1] += Fraction(a.effort_hours) / len(run)
            per_week = pair_hours(problem, project, team) / duration
            starts = {
                s for s in starts if all(room[w - 1] >= per_week for w in range(s, s + duration))
            }
        return sorted(starts)

    def too_late(self, project: Project, teams: Sequence[Team] = ()) -> str | None:
        """Why its prerequisites leave it no time before its due week, or ``None``.

        No team's room is the reason then: the quarter runs out, whoever takes it. When
        the prerequisite that ends last could end earlier, what that would do for the
        project on ``teams`` (the teams that may take it) is said too (:meth:`_earlier`).
        """
        problem = self.problem
        first = self.earliest(project)
        if problem.starts(project, first):
            return None
        duration, last = problem.duration(project), problem.window(project)[-1]
        # The prerequisite that ends last, by name: "week 14 at the earliest" read as a week
        # past a 13-week quarter, and did not say which prerequisite held it back.
        latest = self._holding_back(project, first)
        if latest is None:
            return (
                f"it must start after its prerequisites end (week {first} at the earliest) "
                f"and run {plural(duration, 'week')}, which does not end by its due week {last}"
            )
        reason = (
            f"its prerequisite {project_name(problem, latest)} ends in week {first - 1}, too "
            f"late for its {plural(duration, 'week')} to end by its due week {last}"
        )
        return reason + (self._chain(project) or self._earlier(project, latest, teams))

    def never_holds(self, project: Project, teams: Sequence[Team]) -> str | None:
        """Why no plan holds it, whatever else it plans, when its prerequisites could end
        in time: the teams' own weekly hours have no run for it even with nothing else
        planned and every prerequisite at its soonest end. ``None`` when some plan would
        have the weeks, or when the prerequisites cannot end in time (:meth:`too_late`).

        The sample's SLA dashboard read "its prerequisites end too late": its prerequisite
        could end by week 10, and Marketing Ops, the one marketing team able to take it,
        has 46 h a week for its 47 h share in every week.
        """
        if self._soonest is None:
            self._soonest = earliest_ends(self.problem)
        emptied = self._emptied(dict(self._soonest))
        emptied._ends_soonest = True
        if emptied.too_late(project, teams) is not None:
            return None
        return emptied.blocked(project, teams)

    def _holding_back(self, project: Project, first: int) -> str | None:
        """The prerequisite whose end makes ``first`` the project's first week (the last of
        them to end, by id on a tie), or ``None`` when none does."""
        return max(
            (p for p in self.problem.runs_after(project) if self.ends.get(p, 0) + 1 == first),
            key=lambda p: (self.ends[p], p),
            default=None,
        )

    def _chain(self, project: Project) -> str:
        """When no plan leaves ``project`` time after its prerequisites, whatever their
        weeks: the prerequisite that ends last at the soonest, and the fixes, in a sentence
        after the reason; "" when some plan would.

        "ends in week 13, too late for its 3 weeks" read as "run it earlier" where its own
        prerequisites let it end in week 12 at the soonest: the chain was longer than the
        quarter, and only its durations, windows or due week could change that. A
        prerequisite in progress at a check-in ends when the check-in says: "" then.
        """
        problem = self.problem
        if self._soonest is None:
            self._soonest = earliest_ends(problem)
        soonest = self._soonest
        after = problem.runs_after(project)
        first = start_after(problem.window(project).start, after, soonest)
        if not after or problem.starts(project, first):
            return ""
        late = max(after, key=lambda p: (soonest[p], p))
        if in_progress_with(problem, late):
            # Its end week is the check-in's record: the reason says it, and no duration or
            # earliest week of it can change that now.
            return ""
        before = problem.project(late)
        name, own = project_name(problem, late), project_name(problem, project.project_id)
        if problem.runs_after(before):
            why = "after its own prerequisites"
            fixes = (
                "shorten it or its prerequisites (duration_weeks), start them earlier "
                "(earliest_week)"
            )
        else:
            start = problem.window(before).start
            why = f"its {plural(problem.duration(before), 'week')} from week {start}"
            fixes = f"shorten it or {own} (duration_weeks)"
            if start > 1:
                fixes += ", start it earlier (earliest_week)"
        return (
            f". No plan ends {name} before week {soonest[late]}, {why}: {fixes}, or move the "
            f"due week of {own} later (due_week)"
        )

    def _earlier(self, project: Project, latest: str, teams: Sequence[Team]) -> str:
        """What an earlier run of the prerequisite ``latest`` would do for ``project``, in a
        sentence after the reason, or "" when it cannot end earlier in time for it.

        "'Customer health score in Gainsight' ends in week 5, too late" read as "move it
        back" to a VP Sales whose plan had moved it from weeks 1-4 to 2-5, where its team
        had no room for it any more. Each end early enough for ``project`` is tried, from
        the earliest: said is whether none fits its own teams' weeks in this plan (and
        which teams are full then), else whether ``project`` would fit on ``teams`` with
        it there, or what holds it back even then (the reason that binds).
        """
        problem = self.problem
        before = problem.project(latest)
        duration = problem.duration(before)
        runs = [a for a in self.plan.assignments if a.project_id == latest]
        ends = range(self.earliest(before) + duration - 1, self.ends[latest])
        in_time = [
            end
            for end in ends
            if problem.starts(project, earliest_start(problem, project, {**self.ends, latest: end}))
        ]
        if (
            not in_time
            or not teams
            or in_progress_with(problem, latest)
            or any(a.start_week is None or a.end_week is None for a in runs)
        ):
            return ""
        name = project_name(problem, latest)
        alone = [
            self._emptied({**self.ends, latest: end}).blocked(project, teams) for end in in_time
        ]
        if all(alone):
            # Its teams' own hours keep it out after any end in time: moving the
            # prerequisite earlier, for which the words below would ask, would not bring it in.
            return (
                f". Even with {name} ending by week {in_time[-1]} and nothing else planned, "
                f"{alone[-1]}"
            )
        full: set[tuple[str, int]] = set()
        room: list[tuple[range, WeekReasons]] = []
        for end in in_time:
            run = range(end - duration + 1, end + 1)
            moved = self._moved(latest, runs, end - self.ends[latest])
            # Weeks the move fills past a team's hours (and not already so in the plan).
            short = {
                (problem.team(a.team_id).name, week)
                for a in runs
                for week in run
                if moved.free(a.team_id)[0][week - 1]
                < min(Fraction(0), self.free(a.team_id)[0][week - 1])
            }
            if short:
                full |= short
            else:
                room.append((run, moved))
        if not room:
            who = join_names(sorted({team for team, _ in full}))
            weeks = weeks_words(week for _, week in full)
            return (
                f". To leave it time, {name} must end by week {in_time[-1]}, and {who} has no "
                f"room for it that early in this plan (full in {weeks})"
            )
        for run, moved in room:
            if moved.blocked(project, teams) is None:
                own = project_name(problem, project.project_id)
                return f". With {name} in {weeks_words(run)}, {own} would fit"
        run, moved = room[0]
        return f". Even with {name} in {weeks_words(run)}, {moved.blocked(project, teams)}"

    def _emptied(self, ends: dict[str, int]) -> WeekReasons:
        """The weeks of a plan holding nothing, its projects ending as ``ends`` says (a
        prerequisite moved, or each at its soonest): what the teams' own hours allow."""
        emptied = copy(self)
        emptied.load = {team_id: [Fraction(0)] * len(load) for team_id, load in self.load.items()}
        emptied._free = {}
        emptied.ends = ends
        return emptied

    def _moved(self, latest: str, runs: Sequence[Assignment], shift: int) -> WeekReasons:
        """This plan's weeks with the prerequisite ``latest`` (its assignments ``runs``)
        ``shift`` weeks later (earlier when negative); the rest of the plan as it is."""
        moved = copy(self)
        moved.load = dict(self.load)
        moved._free = {}
        moved.ends = {**self.ends, latest: self.ends[latest] + shift}
        for a in runs:
            if a.start_week is None or a.end_week is None:
                continue
            per_week = Fraction(a.effort_hours) / (a.end_week - a.start_week + 1)
            load = moved.load[a.team_id] = list(moved.load[a.team_id])
            for week in range(a.start_week, a.end_week + 1):
                load[week - 1] -= per_week
            for week in range(a.start_week + shift, a.end_week + shift + 1):
                load[week - 1] += per_week
        return moved

    def blocked(
        self, project: Project, teams: Sequence[Team], *, alone: bool = False
    ) -> str | None:
        """Why no team (or sales and marketing pair) in ``teams`` has a week for it.

        ``alone``: the teams' own share of a joint project, without a partner (one team
        asked about in place of its side's owner).
        ``None`` when some start has room on some team (or pair): then weeks
        are not why it is out.
        """
        if (too_late := self.too_late(project, teams)) is not None:
            return too_late
        #: Whether teams that hold no pair's skills were left out: "no sales team has a week"
        #: then speaks of the teams that could take it, not of every sales team.
        unpaired = False
        if project.joint and not alone:
            paired = paired_teams(project, teams)
            unpaired, teams = len(paired) < len(teams), paired
        starts = self.problem.starts(project, self.earliest(project))
        full: _Full = {}
        #: Teams whose own hours (not other work) hold their weekly share out of some of
        #: those weeks, with those hours in words, as said beside the share.
        most: dict[str, str] = {}
        sides = (
            [
                [t for t in teams if t.department == SALES],
                [t for t in teams if t.department != SALES],
            ]
            if project.joint and not alone
            else [list(teams)]
        )
        open_starts = [self._side_open(project, side, starts, full, most) for side in sides]
        if set.intersection(*open_starts) if open_starts else False:
            # Each side has a team with room in some run; a joint project's owners are one
            # pair that holds its skills together, and that pair's weeks must meet.
            if len(sides) == 2 and (unmet := self.never_meet(project, sides[0], sides[1])):
                return f"{unmet}{self._run_words(project, set())}"
            return None
        lead = ""
        #: Each shut side's teams with its department, when both sides are shut.
        grouped: list[tuple[str, set[str]]] = []
        if project.joint and len(sides) == 2:
            lead, full, grouped = _shut_sides(sides, open_starts, full, unpaired)
            if not lead and all(open_starts):
                # Each side has weeks with room, never the same ones: "Content has no room in
                # weeks 1-6 and AEs has no room in weeks 5-13" left the reader to see that.
                run = plural(self.problem.duration(project), "week")
                lead = (
                    "it needs a sales and a marketing owner in the same weeks, and no run of "
                    f"{run} has room on both sides: "
                )
        if not full:
            return None
        if lead:
            # The lead says the teams' hours are each one's share of the project: said again
            # after each team's hours, a reason of three teams ran to 140 words.
            full = {
                name: (weeks, per_week, need.replace(JOINT_SHARE, ""))
                for name, (weeks, per_week, need) in full.items()
            }
        held = self._held(project)
        if grouped:
            said = "; ".join(
                f"on the {department} side, "
                + no_room_words(
                    {n: item for n, item in full.items() if n in names},
                    most,
                    f"{department} team",
                    held,
                )
                for department, names in grouped
                if any(n in names for n in full)
            )
        else:
            said = no_room_words(full, most, "team", held)
        short = set().union(*(weeks for weeks, _, _ in full.values()))
        return f"{lead}{said}{self._run_words(project, short)}"

    def _held(self, project: Project) -> set[str]:
        """The names of the teams that hold ``project`` in the current plan (none without one)."""
        baseline = self.problem.baseline
        if baseline is None:
            return set()
        owners = baseline.owners.get(project.project_id, ())
        return {self.problem.team(t).name for t in owners if t in self.problem.team_index}

    def _run_words(self, project: Project, short: set[int]) -> str:
        """When the project runs, after the teams short of room (in the weeks ``short``): its
        weeks to choose from, or its fixed run; from the week after its prerequisites end
        when that is past its earliest week.

        The SLA dashboard read "no room ... in weeks 10-13, when it could run for 3 weeks
        within weeks 1-13": its prerequisite ends in week 9 at the soonest, so weeks 1-9
        were never its to choose, and weeks 10-13 are said once.
        """
        problem = self.problem
        first, window = self.earliest(project), problem.window(project)
        if first <= window.start or not problem.starts(project, first):
            return f", when it {when_it_may_run(problem, project)}"
        duration, span = problem.duration(project), range(first, window[-1] + 1)
        latest = self._holding_back(project, first)
        if latest is None:  # a first week past its window's start is a prerequisite's end
            return f", when it {when_it_may_run(problem, project)}"
        soonest = " at the soonest" if self._ends_soonest else ""
        name = project_name(problem, latest)
        after = f"once its prerequisite {name} ends (week {first - 1}{soonest})"
        if short == set(span):
            return f", the only weeks its {duration}-week run could take, {after}"
        if duration < len(span):
            return (
                f", when it could run for {plural(duration, 'week')} within "
                f"{weeks_words(span)}, {after}"
            )
        return f", when it could run only in {weeks_words(span)}, {after}"

    def never_meet(
        self, project: Project, sales: Sequence[Team], marketing: Sequence[Team]
    ) -> str | None:
        """Why no sales and marketing pair (of ``sales`` and ``marketing``) that holds the
        joint ``project``'s skills together has a run with room on both, in words; ``None``
        when one has, or when no pair holds them (said elsewhere).

        Sales had room in weeks 1-3 and 8-10, marketing too, and the sides' weeks met: but
        the pairs that hold its skills were AEs (weeks 1-3) with Content (weeks 8-10) and
        SDRs (weeks 8-10) with Demand Gen (weeks 1-3), and the project read as weighed and
        left out for "no start in weeks 1-13 has room for it on AEs, Content, SDRs and
        Demand Gen together".
        """
        pairs = [(s, m) for s in sales for m in marketing if not uncovered_skills(project, [s, m])]
        opened = {t.team_id: self.open_starts(project, t) for pair in pairs for t in pair}
        if not pairs or any(opened[s.team_id] & opened[m.team_id] for s, m in pairs):
            return None
        duration = self.problem.duration(project)

        def room(team: Team) -> str:
            weeks = {w for start in opened[team.team_id] for w in range(start, start + duration)}
            return f"only in {weeks_words(weeks)}" if weeks else "in no run of its weeks"

        said = [
            f"{s.name} has room for its share {room(s)} and {m.name} {room(m)}"
            for s, m in pairs[:2]
        ]
        more = len(pairs) - len(said)
        return (
            "it needs a sales and a marketing owner who hold its skills together, in the same "
            f"weeks, and no such pair has a run of {plural(duration, 'week')} with room on "
            f"both: {'; '.join(said)}" + (f" (and {plural(more, 'more pair')})" if more > 0 else "")
        )

    def _side_open(
        self,
        project: Project,
        side: Sequence[Team],
        starts: Sequence[int],
        full: _Full,
        most: dict[str, str],
    ) -> set[int]:
        """The ``starts`` in which some team of ``side`` has room for its share in every
        week the project would run; each team short in some week is added to ``full``
        (those weeks, its share a week and its need in words), and to ``most`` when its
        own hours cannot hold its share in some of those weeks (:meth:`_own_hours`), or in
        any week of the window."""
        problem = self.problem
        duration = problem.duration(project)
        window = problem.window(project)
        side_open: set[int] = set()
        for team in side:
            hours = pair_hours(problem, project, team)
            per_week = hours / duration
            # Each week is weighed once for the team; each start then takes its run's.
            runs = range(min(starts), max(starts) + duration) if starts else range(0)
            short = set(self._full_weeks(team, per_week, runs))
            blocked_weeks: set[int] = set()
            #: Whether some run has room on this team (a joint project's other side may not).
            team_open = False
            for start in starts:
                weeks = [w for w in range(start, start + duration) if w in short]
                if weeks:
                    blocked_weeks.update(weeks)
                else:
                    side_open.add(start)
                    team_open = True
            if blocked_weeks:
                top = self._most(team.team_id, window)
                shown = a_week(per_week)
                if per_week > top:
                    shown, had = apart(per_week, top)
                    most[team.name] = f"it has {had} a week at most"
                elif note := self._own_hours(team, per_week, blocked_weeks, starts, duration):
                    most[team.name] = note
                    shown = need_beside(per_week, self.limits[team.team_id], blocked_weeks)
                # A fixed run (one start) has no weeks to choose, and a team's own short
                # weeks that no start avoids are said already: the weeks without room say it.
                chosen = len(starts) > 1 and not team_open and team.name not in most
                if chosen and (roomy := room_between(set(runs) - short, duration)):
                    most[team.name] = roomy
                need = team_need(project, team, hours, shown)
                full.setdefault(team.name, (set(), per_week, need))[0].update(blocked_weeks)
        return side_open

    def _own_hours(
        self,
        team: Team,
        per_week: Fraction,
        blocked: set[int],
        starts: Sequence[int],
        duration: int,
    ) -> str:
        """The weeks of ``blocked`` the team's own hours cannot hold ``per_week`` in, whatever
        else it plans (away, a holiday, a short week of its calendar), in words; "" when
        other work alone fills them.

        "Content has no room for its 57 h a week in weeks 1-11" read as weeks full of other
        work where Content was away in weeks 9-11 and had 55 h a week in weeks 1-4: a leader
        dropped work to make room that no plan had.
        """
        limits = self.limits[team.team_id]
        said = own_hours_note(limits, per_week, blocked)
        if not said:
            return ""
        note = said.removeprefix(" (").removesuffix(")")
        own = {w for w in blocked if limits[w - 1] < per_week}
        if len(starts) > 1 and all(not own.isdisjoint(range(s, s + duration)) for s in starts):
            note += (
                f": no start in {weeks_words(starts)} avoids "
                f"{'that week' if len(own) == 1 else 'those weeks'}, whatever else it plans"
            )
        return note


def paired_teams(project: Project, teams: Sequence[Team]) -> list[Team]:
    """The teams of ``teams`` that have a partner of the other department among them with
    whom they hold every skill the joint ``project`` needs (rule 4); all of them when that
    leaves a side empty (no team may take it then, which is said elsewhere).

    Content may take the sales and marketing SLA dashboard's marketing share by its stages,
    but no sales team holds the analytics level Content lacks: "Content has room for its
    share" read as a way in where there was none.
    """
    required = sorted(project.required_skills.items())

    def held(team: Team) -> frozenset[str]:
        return frozenset(skill for skill, level in required if team.holds(skill, level))

    every = frozenset(skill for skill, _ in required)
    sales = {held(t) for t in teams if t.department == SALES}
    others = {held(t) for t in teams if t.department != SALES}
    kept = [
        t
        for t in teams
        if any(held(t) | other == every for other in (others if t.department == SALES else sales))
    ]
    if not any(t.department == SALES for t in kept) or all(t.department == SALES for t in kept):
        return list(teams)
    return kept


def _shut_sides(
    sides: Sequence[Sequence[Team]],
    open_starts: Sequence[set[int]],
    full: _Full,
    unpaired: bool = False,
) -> tuple[str, _Full, list[tuple[str, set[str]]]]:
    """A joint project's side (sales, marketing) with no week at all is the reason, however
    roomy the other side is: the words leading the reason, the shut sides' teams of
    ``full``, and each side's team names with its department when both are shut.
    ``unpaired``: teams whose skills no partner completes are not among ``sides``."""
    shut = [
        (department, side)
        for department, side, opened in zip(DEPARTMENTS, sides, open_starts, strict=True)
        if side and not opened
    ]
    if not shut:
        return "", full, []
    able = " able to take it" if unpaired else ""
    if len(shut) == 1:
        who = f"no {shut[0][0]} team{able} has a week with room for its share"
    elif unpaired:
        who = "neither side has a team able to take it with a week of room for its share"
    else:
        who = "neither side has a week with room for its share"
    lead = f"it needs both a sales and a marketing owner, and {who}: "
    names = {t.name for _, side in shut for t in side}
    full = {name: item for name, item in full.items() if name in names}
    # Each side by its own teams: two sales teams "(and 4 more teams)" read as a sales
    # problem alone, with the marketing teams among the 4.
    grouped = [(d, {t.name for t in side}) for d, side in shut] if len(shut) == 2 else []
    return lead, full, grouped


def holds_alone(problem: Problem, project: Project, teams: Sequence[Team]) -> bool:
    """Whether ``teams`` could hold the project with nothing else planned: its hours within
    each team's quarter (rule 5) and, in weeks, a start whose weeks all have room (10-12).
    A re-plan on data where a team has fewer hours leaves out what it no longer holds: not
    to make way for the work it takes on instead."""
    if any(pair_hours(problem, project, t) > team_limit(problem, t) for t in teams):
        return False
    return not problem.is_time_phased or WeekReasons(problem, Plan(())).fits(project, teams)
