"""The quarterly check-in: progress so far, and a re-plan that changes as little as it must.

Mid-quarter a leader records where things stand (a :class:`CheckIn`): each
project's status (not started, in progress with a share done, done, dropped),
each goal's KPI achieved so far, the weeks elapsed and, where known, the
hours each team has already used. This module holds that record, the share of
each project done by a week (:func:`done_shares`), the hours a team has left
(:func:`remaining_capacity`) and which projects leave the rest of the quarter
(:func:`removed_projects`: done, dropped, their window passed, or blocked by one
of those). Around it:

- :mod:`planner.scenarios.on_plan` pre-fills the check-in of a quarter that
  went to plan, and says what the plan had delivered by now;
- :mod:`planner.scenarios.checkin_goals` says, per goal, how far it is against
  its target and the time elapsed (met, on track or behind), and where it ends
  the quarter;
- :mod:`planner.scenarios.checkin_issues` says where a check-in does not fit
  the quarter's data and its baseline plan;
- :mod:`planner.scenarios.rest_of_quarter` turns the quarter's problem and its
  baseline plan into the problem of *the rest of the quarter*,
  :mod:`planner.scenarios.replan` solves it, and
  :mod:`planner.scenarios.replan_diff` lists what the re-plan changed;
- :mod:`planner.scenarios.checkin_toml` writes and reads a check-in as TOML.
"""

from __future__ import annotations

import enum
import math
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from planner.core.domain import ZERO, Plan, Problem, Project, Team
from planner.core.settings import QUARTER_WEEKS as SETTINGS_WEEKS
from planner.core.shared_words import are, plural
from planner.core.shown_figures import first_few
from planner.core.weeks import run_weeks

#: A quarter is thirteen weeks unless the check-in says otherwise.
QUARTER_WEEKS = Decimal(SETTINGS_WEEKS)
#: Hours, values and targets keep the three decimals the data folder allows.
PLACES = Decimal("0.001")
_HUNDRED = Decimal(100)
CHECKIN_FILE = "check-in"

#: How :func:`~planner.scenarios.replan_fit.week_short` says a team is away for the weeks
#: left by its calendar (a team that left mid-quarter), where no end week helps.
CALENDAR_AWAY = "(its calendar)"


class ProjectStatus(enum.StrEnum):
    """Where a project stands at the check-in."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class ProjectProgress:
    """One project's status; ``percent_done`` (0 to under 100) only when in progress.

    ``end_week``, only when in progress, is the week its work will end in, as the
    leader now sees it (``None``: as its baseline plan has it). A late project runs
    on to it: its remaining work spreads over the weeks from the check-in to it.
    """

    status: ProjectStatus = ProjectStatus.NOT_STARTED
    percent_done: Decimal = ZERO
    end_week: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", ProjectStatus(self.status))
        object.__setattr__(self, "percent_done", Decimal(self.percent_done))
        if not ZERO <= self.percent_done < _HUNDRED:
            raise ValueError("percent done must be at least 0 and under 100 (100 % is done)")
        if self.percent_done and self.status is not ProjectStatus.IN_PROGRESS:
            raise ValueError("only a project in progress has a percent done")
        if self.end_week is not None:
            if isinstance(self.end_week, bool) or not isinstance(self.end_week, int):
                raise ValueError("an end week is a whole week number")
            if self.status is not ProjectStatus.IN_PROGRESS:
                raise ValueError("only a project in progress has an end week")
            if self.end_week < 1:
                raise ValueError("an end week is week 1 or later")

    @property
    def remaining(self) -> Decimal:
        """The share of the project's work still to do (1 when not started)."""
        return 1 - self.percent_done / _HUNDRED


@dataclass(frozen=True)
class CheckIn:
    """Progress recorded mid-quarter.

    ``projects`` maps a project id to its progress (absent = not started);
    ``achieved`` a goal id to the KPI reached so far (absent = 0);
    ``hours_used`` a team id to the hours it has spent on planned projects
    (absent = its capacity times the share of the quarter elapsed).
    ``as_planned`` a goal id to the plan's figure its whole count, kept as pre-filled,
    stands for (the plan's 7.7 for 8; ``checkin_since.counted``), read from a file;
    ``recorded`` the count as written where ``achieved`` holds that figure.
    """

    weeks_elapsed: Decimal = ZERO
    quarter_weeks: Decimal = QUARTER_WEEKS
    projects: Mapping[str, ProjectProgress] = field(default_factory=dict)
    achieved: Mapping[str, Decimal] = field(default_factory=dict)
    hours_used: Mapping[str, Decimal] = field(default_factory=dict)
    note: str = ""
    as_planned: Mapping[str, Decimal] = field(default_factory=dict)
    recorded: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weeks_elapsed", Decimal(self.weeks_elapsed))
        object.__setattr__(self, "quarter_weeks", Decimal(self.quarter_weeks))
        object.__setattr__(self, "projects", dict(self.projects))
        object.__setattr__(self, "achieved", {k: Decimal(v) for k, v in self.achieved.items()})
        object.__setattr__(self, "hours_used", {k: Decimal(v) for k, v in self.hours_used.items()})
        object.__setattr__(self, "as_planned", {k: Decimal(v) for k, v in self.as_planned.items()})
        object.__setattr__(self, "recorded", {k: Decimal(v) for k, v in self.recorded.items()})
        if not self.quarter_weeks > 0:
            raise ValueError("the quarter must last more than 0 weeks")
        if not ZERO <= self.weeks_elapsed <= self.quarter_weeks:
            raise ValueError(f"weeks elapsed must be between 0 and {self.quarter_weeks}")
        if any(v < 0 for v in self.achieved.values()):
            raise ValueError("a KPI achieved is at least 0")
        if any(v < 0 for v in self.hours_used.values()):
            raise ValueError("hours used are at least 0")
        for project_id, progress in self.projects.items():
            end = progress.end_week
            if end is not None and not self.weeks_elapsed < end <= self.quarter_weeks:
                raise ValueError(
                    f"project {project_id} ends in week {end}: an end week comes after the "
                    f"weeks elapsed ({self.weeks_elapsed.normalize():f}) and by the quarter's "
                    f"last week ({self.quarter_weeks.normalize():f})"
                )

    @property
    def elapsed_share(self) -> Fraction:
        """The share of the quarter that is over (0 to 1)."""
        return Fraction(self.weeks_elapsed) / Fraction(self.quarter_weeks)

    def progress(self, project_id: str) -> ProjectProgress:
        """The project's recorded progress (not started when absent)."""
        return self.projects.get(project_id, ProjectProgress())

    def ids_with(self, *statuses: ProjectStatus) -> frozenset[str]:
        """The ids of the projects recorded with one of ``statuses``."""
        return frozenset(p for p, s in self.projects.items() if s.status in statuses)

    def other_quarter_length(self, problem: Problem) -> tuple[str, str] | None:
        """The problem and its fix when a quarter planned in weeks has another length here.

        The weeks elapsed are the plan's weeks: another length misreads the time gone
        (week 3 of 10 is 30 %, of the plan's 13 weeks 23 %).
        """
        if not problem.is_time_phased or self.quarter_weeks == problem.num_weeks:
            return None
        return (
            f"quarter_weeks is {self.quarter_weeks.normalize():f}, but the data plans a "
            f"{problem.num_weeks}-week quarter ([calendar] weeks).",
            f"Write quarter_weeks = {problem.num_weeks}, or leave it out.",
        )

    def part_week(self, problem: Problem) -> tuple[str, str] | None:
        """The problem and its fix when a quarter planned in weeks is checked in mid-week."""
        return part_week(problem, self.weeks_elapsed)

    def unfinished_at_the_end(self) -> str | None:
        """Why no re-plan exists when the quarter is over with work still in progress.

        A check-in at the quarter's last week leaves no week for the work left of
        a project in progress: no fix of hours or pins helps, only its status does.
        """
        if self.weeks_elapsed < self.quarter_weeks:
            return None
        running = sorted(self.ids_with(ProjectStatus.IN_PROGRESS))
        if not running:
            return None
        shown = first_few(running)
        week, weeks = self.weeks_elapsed.normalize(), self.quarter_weeks.normalize()
        return (
            f"The check-in is at the end of the quarter (week {week:f} of {weeks:f}), yet "
            f"{plural(len(running), 'project')} {are(len(running))} still in progress ({shown}), "
            f"with no week left for {'its' if len(running) == 1 else 'their'} work. Mark "
            f"{'it' if len(running) == 1 else 'each'} done, or dropped if it will not finish "
            "this quarter, or give the week you are in."
        )

    def why_no_replan(
        self,
        budget: int | None,
        fewest: int | None,
        unlocked: Collection[str],
        unlock_how: str,
        short_week: str | None = None,
    ) -> str | None:
        """What stops the re-plan, and the fix, when it found no plan (``None``: not known).

        In order: a change budget below the ``fewest`` changes that work; the quarter
        over with work in progress; projects in progress held by teams without the
        hours (``short_week``, when known, says which team's week is short:
        :func:`~planner.scenarios.replan_fit.week_short`). ``unlock_how`` says how to let a
        project in progress move, in the words of the page or the command line
        ('Tick "May move" for some in the Projects table').
        """
        if budget is not None and fewest is not None:
            return (
                f"A budget of {plural(budget, 'change')} is too small for this check-in: at "
                f"least {plural(fewest, 'project')} must change owner. Raise the change budget "
                f"to {fewest}, or let fewer projects in progress move."
            )
        if (over := self.unfinished_at_the_end()) is not None:
            return over
        if self.ids_with(ProjectStatus.IN_PROGRESS) - set(unlocked):
            # A week too short for the work in progress is named: "they need more hours
            # than their teams have left" read false beside a team with 525 h left for 328 h
            # of work (week 7, the off-site cut by the hours used, was the one short).
            if short_week is not None and CALENDAR_AWAY in short_week:
                # A team away for the weeks left: no end week nor hours used brings it back.
                return (
                    f"No plan keeps every project in progress with its team: {short_week}. "
                    f"{unlock_how} so another team may take them over, or give the team "
                    "hours in those weeks (its calendar)."
                )
            if short_week is not None:
                return (
                    f"No plan keeps every project in progress with its team: {short_week}. "
                    f"{unlock_how} so they may move, let them end later (their end weeks at "
                    "the check-in), or check the hours used."
                )
            # The reasons above say which: hours, a leader's rule or a skill (a forbid
            # added since read "they need more hours than their teams have left").
            return (
                "No plan keeps every project in progress with its team, for the reasons "
                f"above. {unlock_how} so they may move, or check the hours used and the "
                "rules."
            )
        return None


def part_week(problem: Problem, weeks_elapsed: Decimal) -> tuple[str, str] | None:
    """The problem and its fix when a check-in on a quarter planned in weeks is mid-week.

    The re-plan keeps weeks 1 to N as they happened and plans the weeks after:
    at week 6.5 it would plan all of week 7 on hours already half spent.
    """
    weeks = Decimal(weeks_elapsed)
    if not problem.is_time_phased or not weeks.is_finite() or weeks == weeks.to_integral_value():
        return None
    before = int(weeks.to_integral_value(ROUND_DOWN))
    return (
        f"week {weeks.normalize():f} is part-way through a week, but the data plans the "
        "quarter in whole weeks: the re-plan keeps the weeks gone as they happened and "
        "plans the weeks after.",
        f"Give week {before} (the last week over) or week {before + 1}.",
    )


def done_shares(
    problem: Problem,
    plan: Plan,
    weeks_elapsed: Decimal,
    quarter_weeks: Decimal = QUARTER_WEEKS,
    *,
    since: CheckIn | None = None,
) -> dict[str, Fraction]:
    """Project id -> the share (0 to 1) of the plan's part of it done after ``weeks_elapsed``.

    In a time-phased quarter a project is done by the share of its weeks
    elapsed (the plan's ``start_week`` .. ``end_week``; its window when the
    plan gives none). Otherwise its effort spreads evenly over
    the quarter, or over the rest of it after ``since``: the share of that
    time elapsed. Projects done or dropped at ``since`` are left out (their
    part is in ``since`` already). After ``since`` only the plan's weeks
    after it count: a plan of the whole quarter ran its projects' earlier
    weeks before ``since``, which ``since`` records already; a project in
    progress at ``since`` with an end week runs on to that week.
    """
    weeks = Fraction(weeks_elapsed)
    start = Fraction(0) if since is None else Fraction(since.weeks_elapsed)
    gone = set() if since is None else since.ids_with(ProjectStatus.DONE, ProjectStatus.DROPPED)
    shares: dict[str, Fraction] = {}
    for a in plan.assignments:
        if a.project_id in gone:
            continue
        # Without weeks that matter every project runs the whole quarter (or the rest
        # of it after ``since``), whatever weeks the plan writes down.
        first: int | None = None
        last: int | None = None
        timed = a.start_week is not None and a.end_week is not None
        if problem.is_time_phased and (timed or a.project_id in problem.project_index):
            run = run_weeks(problem, a)  # the plan's weeks, else the project's window
            first, last = max(run.start, math.floor(start) + 1), run.stop - 1  # after ``since``
            if since is not None and (late := since.progress(a.project_id).end_week):
                # The earlier check-in moved its end: it runs on to it, whichever plan this
                # is (the quarter's own plan, kept, still ends it where it was planned).
                last = late
        if first is not None and last is not None and since is not None and last < first:
            part = Fraction(1)  # the plan had finished it before the earlier check-in
        elif first is not None and last is not None and last >= first:
            part = (weeks - (first - 1)) / (last - first + 1)
        elif Fraction(quarter_weeks) > start:
            part = (weeks - start) / (Fraction(quarter_weeks) - start)
        else:
            part = Fraction(1)
        part = min(Fraction(1), max(Fraction(0), part))
        shares[a.project_id] = max(shares.get(a.project_id, Fraction(0)), part)
    return shares


def remaining_capacity(team: Team, checkin: CheckIn, in_force: Fraction = Fraction(1)) -> Decimal:
    """Hours the team has left: capacity minus hours used, or the share of time left.

    ``in_force`` is the team's multiplier x max utilisation: hours used are
    hours of planned work, taken from the capacity in force, so they count
    ``1 / in_force`` of ``capacity_hours`` (:func:`used_of_capacity`).
    """
    if checkin.elapsed_share >= 1:
        # The quarter is over: hours a team did not use are not hours it still has (a
        # check-in at week 13 of 13 with hours used below capacity planned the rest of every
        # project in progress, and new ones, after the quarter's end).
        left = Fraction(0)
    elif team.team_id in checkin.hours_used:
        left = Fraction(team.capacity_hours) - used_of_capacity(team, checkin, in_force)
    else:
        left = Fraction(team.capacity_hours) * (1 - checkin.elapsed_share)
    return to_places(left, ROUND_DOWN) if left > 0 else ZERO


def used_of_capacity(team: Team, checkin: CheckIn, in_force: Fraction) -> Fraction:
    """The team's hours used, in ``capacity_hours`` (before multiplier and utilisation)."""
    used = Fraction(checkin.hours_used[team.team_id])
    return used / in_force if in_force > 0 else used


def to_places(amount: Fraction, rounding: str) -> Decimal:
    """A fraction as a decimal with the data folder's three places."""
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(
        PLACES, rounding=rounding
    )


def weeks_past(problem: Problem, checkin: CheckIn) -> int:
    """Whole weeks of the quarter that are over (0 when weeks do not matter)."""
    if not problem.is_time_phased:
        return 0
    return min(int(checkin.weeks_elapsed), problem.num_weeks - 1)


def _window_passed(problem: Problem, project: Project, past: int) -> str | None:
    """Why a project not started can no longer run in the weeks left (None: it can)."""
    window = problem.window(project)
    first = max(window[0], past + 1)
    if first > window[-1]:
        return f"its window ended in week {window[-1]}"
    if project.duration_weeks is not None and not problem.starts(project, first):
        # The weeks themselves, so that a leader sees the arithmetic: it was not started.
        ends = problem.run(project, first)[-1]
        return (
            f"not started by week {past}: its {plural(project.duration_weeks, 'week')} from week "
            f"{first} would end in week {ends}, after its due week {window[-1]}"
        )
    return None


def removed_projects(problem: Problem, checkin: CheckIn) -> dict[str, str]:
    """Project id -> why the re-plan leaves it out: done, dropped, its window has passed,
    or blocked by one of those; in the data's order."""
    removed = {p: "done" for p in checkin.ids_with(ProjectStatus.DONE)}
    removed.update({p: "dropped" for p in checkin.ids_with(ProjectStatus.DROPPED)})
    dropped = set(checkin.ids_with(ProjectStatus.DROPPED))
    past = weeks_past(problem, checkin)
    # At the quarter's end ``past`` stops a week short (the model keeps one week): the
    # window's words read "not started by week 12: its 6 weeks from week 13 ...".
    over = checkin.weeks_elapsed >= problem.num_weeks
    for project in problem.projects:
        pid = project.project_id
        if (
            past
            and pid not in removed
            and checkin.progress(pid).status is ProjectStatus.NOT_STARTED
        ):
            why = (
                "not started, with no week of the quarter left"
                if over
                else _window_passed(problem, project, past)
            )
            if why is not None:
                removed[pid] = why
                dropped.add(pid)
    # A project blocked by a blocked project is blocked too: one pass along the links from
    # each dropped project (a pass over every project per link of a chain took minutes
    # for a chain of 20,000).
    dependents = problem.dependents
    queue = deque(p.project_id for p in problem.projects if p.project_id in dropped)
    while queue:
        blocker = queue.popleft()
        for pid in dependents.get(blocker, ()):
            if pid in removed or checkin.progress(pid).status is not ProjectStatus.NOT_STARTED:
                continue
            removed[pid] = f"blocked: it depends on '{blocker}', which was dropped"
            queue.append(pid)
    # In the data's order: the check-in's statuses are sets, whose order changes from one
    # run to the next (the second check-in's template listed the done projects so).
    return {
        p.project_id: removed[p.project_id] for p in problem.projects if p.project_id in removed
    }
