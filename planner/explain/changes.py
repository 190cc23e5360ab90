"""Changes: concrete edits of the inputs that relax one rule, and fixes made of them.

A :class:`Change` says itself in words (``describe``) and applies itself to
a problem (``apply``); a :class:`Fix` is the changes that together remove
one conflict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from planner.core.capacity import team_limit
from planner.core.domain import MARKETING, SALES, CalendarRow, Problem, RuleKind, Team
from planner.core.identifiers import escaped
from planner.core.settings import StageSettings
from planner.core.shared_words import PLANNED_UP_TO, department_words, plural, stage_words
from planner.core.shown_figures import hours as hours_text
from planner.core.shown_figures import share_percent
from planner.core.skill_words import skill_words
from planner.explain.in_progress import in_progress_with, locked
from planner.explain.places import let_move
from planner.explain.sentences import at_most, join_names, project_name

#: Fixes shown per conflict.
MAX_FIXES = 3


class Change:
    """One edit of the inputs that relaxes a rule; ``apply`` returns the edited problem.

    ``tier`` orders kinds of edits from cheap (a leader's own rule) to
    expensive (training a team in a new skill); ``size`` breaks ties.
    """

    tier: ClassVar[int] = 9

    def apply(self, problem: Problem) -> Problem:
        """``problem`` with this edit made (a new problem: problems are frozen)."""
        raise NotImplementedError

    def describe(self, problem: Problem) -> str:
        """The edit in a leader's words, as a fix's clause ("add 120 h to Brand")."""
        raise NotImplementedError

    @property
    def size(self) -> float:
        """How much the edit changes, within its ``tier`` (hours added, levels raised...)."""
        return 0.0


def _thousandths_up(hours: Fraction) -> Decimal:
    """Hours rounded up to the thousandth, as an input may write them."""
    return Decimal(math.ceil(hours * 1000)) / 1000


def _with_team(problem: Problem, team_id: str, **changes: object) -> Problem:
    teams = tuple(replace(t, **changes) if t.team_id == team_id else t for t in problem.teams)  # type: ignore[arg-type]
    return problem.replace(teams=teams)


def _with_project(problem: Problem, project_id: str, **changes: object) -> Problem:
    projects = tuple(
        replace(p, **changes) if p.project_id == project_id else p  # type: ignore[arg-type]
        for p in problem.projects
    )
    return problem.replace(projects=projects)


@dataclass(frozen=True)
class AddCapacity(Change):
    """Give a team ``hours`` more in its quarter, spread as its weeks are.

    Every week grows by the same share, calendar.csv's weeks too, so a holiday
    stays a holiday: teams.csv's ``capacity_hours`` alone would reach only the
    weeks calendar.csv leaves out (none, for a team whose every week it gives).
    A team with no hours at all gets ``hours / weeks`` in each week. A grown
    week is rounded up to the thousandth of an hour (SPEC: at most 3 decimals),
    so the quarter gains ``hours`` and at most a thousandth of an hour a week more.

    ``weeks`` (first, last): the hours go to those weeks alone, evenly (a contractor for the
    weeks a project could run), each written as a calendar.csv row of its own; the team's
    other weeks keep their hours.
    """

    team_id: str
    hours: Decimal
    weeks: tuple[int, int] | None = None
    tier: ClassVar[int] = 2

    def apply(self, problem: Problem) -> Problem:
        if self.weeks is not None:
            return self._in_weeks(problem, *self.weeks)
        quarter = problem.quarter_hours(self.team_id)
        team = problem.team(self.team_id)
        if quarter > 0:
            factor = (quarter + Fraction(self.hours)) / quarter

            def grown(hours: Decimal) -> Decimal:
                return _thousandths_up(Fraction(hours) * factor)

            capacity = grown(team.capacity_hours)
        else:
            each_week = Fraction(self.hours) / problem.num_weeks

            def grown(hours: Decimal) -> Decimal:
                return _thousandths_up(Fraction(hours) + each_week)

            # Weeks calendar.csv leaves out get capacity_hours / weeks: 0 here.
            capacity = team.capacity_hours + self.hours
        calendar = tuple(
            replace(row, capacity_hours=grown(row.capacity_hours))
            if row.team_id == self.team_id
            else row
            for row in problem.calendar
        )
        return _with_team(problem, self.team_id, capacity_hours=capacity).replace(calendar=calendar)

    def _in_weeks(self, problem: Problem, first: int, last: int) -> Problem:
        """``problem`` with ``hours`` spread evenly over weeks ``first .. last`` alone: a
        calendar.csv row for each, the team's rows over other weeks cut to those weeks."""
        span = range(first, last + 1)
        each = Fraction(self.hours) / len(span)
        own = problem.week_hours[self.team_id]
        rows: list[CalendarRow] = []
        for row in problem.calendar:
            if row.team_id != self.team_id:
                rows.append(row)
                continue
            if row.first_week < first:
                rows.append(replace(row, last_week=min(row.last_week, first - 1)))
            if row.last_week > last:
                rows.append(replace(row, first_week=max(row.first_week, last + 1)))
        rows += [CalendarRow(self.team_id, w, w, _thousandths_up(own[w - 1] + each)) for w in span]
        return problem.replace(calendar=tuple(rows))

    def describe(self, problem: Problem) -> str:
        return f"add {self.words(problem)}"

    def words(self, problem: Problem) -> str:
        """``2,819 h to Customer Success``, with what that is to plan under a what-if that
        plans a share of a team's own hours (``of which the plan may use 10 %: 282 h more to
        plan``; the share is the capacity % times the max utilisation): the hours a leader
        adds are teams.csv's and calendar.csv's, and "add 2,819 h" for a 282 h shortfall
        read as a mistake."""
        team = problem.team(self.team_id)
        said = f"{hours_text(self.hours)} to {team.name}"
        share = problem.settings.plannable_share(team.team_id, team.department)
        if 0 < share < 1:
            more = hours_text(Fraction(self.hours) * share)
            planned = share_percent(share)
            said += f" (its own hours, of which the plan may use {planned}: {more} more to plan)"
        return said

    @property
    def size(self) -> float:
        return float(self.hours)


@dataclass(frozen=True)
class RestoreMultiplier(Change):
    """Put a what-if capacity multiplier of 0 (a team's or a department's) back to 1."""

    name: str
    tier: ClassVar[int] = 1

    def apply(self, problem: Problem) -> Problem:
        s = problem.settings
        multipliers = {**s.capacity.multipliers, self.name: 1.0}
        return problem.replace(
            settings=s.with_changes(capacity=replace(s.capacity, multipliers=multipliers))
        )

    def describe(self, problem: Problem) -> str:
        if self.name in (SALES, MARKETING):
            whose = f"{department_words([self.name])}'s"
        else:
            whose = f"{problem.team(self.name).name}'s"
        return f"put {whose} capacity back to 100 % (this scenario sets it to 0 %)"


@dataclass(frozen=True)
class RestoreUtilization(Change):
    """Put the max utilisation the leader set below 100 % (0 %: no hour at all) back to 100 %."""

    tier: ClassVar[int] = 1

    def apply(self, problem: Problem) -> Problem:
        s = problem.settings
        return problem.replace(
            settings=s.with_changes(capacity=replace(s.capacity, max_utilization=1.0))
        )

    def describe(self, problem: Problem) -> str:
        return (
            "plan each team up to 100 % of its hours (this scenario has each team "
            f"{PLANNED_UP_TO} {utilisation_words(problem)})"
        )


def utilisation_words(problem: Problem) -> str:
    """The max utilisation in force as the Constraints page's slider reads it: ``10 %``."""
    return share_percent(problem.settings.capacity.max_utilization)


def utilisation_behind(problem: Problem, team: Team, hours: Fraction) -> bool:
    """Whether the max utilisation set below 100 % is behind ``team``'s shortfall for ``hours``.

    It is when putting it back to 100 % would give the team more than half the hours it
    lacks: the leader's own setting is then the thing to change first, not the team's
    hours (at 10 %, "add 3,111 h" for a 380 h project a 689 h team could carry). A cap
    that hides less (80 %, 20 h short of which 100 % gives 10 h) keeps the hours' fix.
    """
    if problem.settings.capacity.max_utilization >= 1:
        return False
    limit = team_limit(problem, team)
    if hours <= limit:
        return False
    gain = team_limit(RestoreUtilization().apply(problem), team) - limit
    return 2 * gain > hours - limit


def restoring_utilisation(problem: Problem, team: Team, hours: Fraction) -> Fix | None:
    """Max utilisation back to 100 %, and the hours ``team`` would still lack for ``hours``."""
    restored = RestoreUtilization().apply(problem)
    still = hours - team_limit(restored, team)
    if still <= 0:
        return Fix((RestoreUtilization(),))
    increase = capacity_increase(restored, team, still)
    if increase is None:
        return None
    return Fix((RestoreUtilization(), AddCapacity(team.team_id, increase)))


def zero_multiplier(problem: Problem, team: Team) -> str | None:
    """The multiplier entry (team id or department) that sets the team's capacity to 0, if any."""
    multipliers = problem.settings.capacity.multipliers
    name = team.team_id if team.team_id in multipliers else team.department
    return name if multipliers.get(name, 1.0) == 0 else None


@dataclass(frozen=True)
class RaiseMaxProjects(Change):
    """Let a team take ``to`` projects."""

    team_id: str
    to: int
    tier: ClassVar[int] = 2

    def apply(self, problem: Problem) -> Problem:
        return _with_team(problem, self.team_id, max_projects=self.to)

    def describe(self, problem: Problem) -> str:
        team = problem.team(self.team_id)
        return f"let {team.name} take {plural(self.to, 'project')} instead of {team.max_projects}"

    @property
    def size(self) -> float:
        return float(self.to)


@dataclass(frozen=True)
class RaiseChangeBudget(Change):
    """Let ``to`` projects change owner from the baseline plan."""

    to: int
    tier: ClassVar[int] = 2

    def apply(self, problem: Problem) -> Problem:
        baseline = problem.baseline
        assert baseline is not None
        return problem.replace(baseline=replace(baseline, max_changes=self.to))

    def describe(self, problem: Problem) -> str:
        now = problem.baseline.max_changes if problem.baseline else 0
        return f"allow {plural(self.to, 'project')} to change owner instead of {now}"

    @property
    def size(self) -> float:
        return float(self.to)


@dataclass(frozen=True)
class _DropRule(Change):
    """Remove a leader's rule of kind ``rule`` on a (project, team) pair."""

    project_id: str
    team_id: str
    rule: ClassVar[RuleKind]
    tier: ClassVar[int] = 1

    def apply(self, problem: Problem) -> Problem:
        rules = tuple(
            r
            for r in problem.rules
            if not (
                r.project_id == self.project_id
                and r.team_id == self.team_id
                and r.rule is self.rule
            )
        )
        return problem.replace(rules=rules)


@dataclass(frozen=True)
class DropPin(_DropRule):
    """Remove the ``pin`` of a project to a team."""

    rule: ClassVar[RuleKind] = RuleKind.PIN

    def describe(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        if self.team_id in in_progress_with(problem, self.project_id):
            name = project_name(problem, self.project_id)
            return f"{let_move(name, escaped(self.project_id))} so that {team} may hand it over"
        # A leader's pin of work in progress to the team it runs with hides the check-in's
        # lock: lifted alone, the re-plan keeps the work there all the same. (Where the
        # re-plan pins it itself, its unlock is a change of its own, said above.)
        hidden = locked(problem, self.project_id) and not in_progress_with(problem, self.project_id)
        both = f" and {let_move('it', escaped(self.project_id))}" if hidden else ""
        return f"unpin {project_name(problem, self.project_id)} from {team}{both}"


@dataclass(frozen=True)
class DropForbid(_DropRule):
    """Remove the ``forbid`` rule on a (project, team) pair."""

    rule: ClassVar[RuleKind] = RuleKind.FORBID

    def describe(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        return f"lift the rule that keeps {team} off {project_name(problem, self.project_id)}"


@dataclass(frozen=True)
class AddTeamStage(Change):
    """Add a stage to a team's ``stages`` list."""

    team_id: str
    stage: str
    tier: ClassVar[int] = 3

    def apply(self, problem: Problem) -> Problem:
        team = problem.team(self.team_id)
        return _with_team(problem, self.team_id, stages=(*team.stages, self.stage))

    def describe(self, problem: Problem) -> str:
        return f"let {problem.team(self.team_id).name} work on {stage_words(self.stage)}"


@dataclass(frozen=True)
class DropDependency(Change):
    """Remove one project from another's ``depends_on``."""

    project_id: str
    needed: str
    tier: ClassVar[int] = 3

    def apply(self, problem: Problem) -> Problem:
        project = problem.project(self.project_id)
        kept = tuple(d for d in project.depends_on if d != self.needed)
        return _with_project(problem, self.project_id, depends_on=kept)

    def describe(self, problem: Problem) -> str:
        project, needed = project_name(problem, self.project_id), project_name(problem, self.needed)
        return f"let {project} go ahead without {needed}"


@dataclass(frozen=True)
class MakeOptional(Change):
    """Make a mandatory project optional."""

    project_id: str
    tier: ClassVar[int] = 4

    def apply(self, problem: Problem) -> Problem:
        return _with_project(problem, self.project_id, mandatory=False)

    def describe(self, problem: Problem) -> str:
        return f"make {project_name(problem, self.project_id)} optional"


@dataclass(frozen=True)
class AllowStage(Change):
    """Let a department own work at a stage (the scenario's stage policy)."""

    stage: str
    department: str
    tier: ClassVar[int] = 5

    def apply(self, problem: Problem) -> Problem:
        stages = problem.settings.stages
        owners = dict(stages.owners)
        owners[self.stage] = (*owners.get(self.stage, ()), self.department)
        settings = problem.settings.with_changes(
            stages=StageSettings(order=stages.order, owners=owners)
        )
        return problem.replace(settings=settings)

    def describe(self, problem: Problem) -> str:
        department, stage = department_words([self.department]), stage_words(self.stage)
        return f"let {department} own {stage} work in the stage policy"


@dataclass(frozen=True)
class RaiseSkill(Change):
    """Give a team a skill at a level (training, a hire, a contractor)."""

    team_id: str
    skill: str
    level: int
    tier: ClassVar[int] = 6

    def apply(self, problem: Problem) -> Problem:
        team = problem.team(self.team_id)
        return _with_team(problem, self.team_id, skills={**team.skills, self.skill: self.level})

    def describe(self, problem: Problem) -> str:
        return f"give {problem.team(self.team_id).name} {self.skill_words(problem)}"

    def skill_words(self, problem: Problem) -> str:
        """The skill and level, without the team: ``events at level 2 (none now)``."""
        now = problem.team(self.team_id).level(self.skill)
        has = f"now {now}" if now else "none now"
        return f"{skill_words(problem.skill_name(self.skill))} at level {self.level} ({has})"

    @property
    def size(self) -> float:
        return float(self.level)


#: Changes that put a leader's setting back (said first in a fix).
_RESTORES = (RestoreUtilization, RestoreMultiplier)


@dataclass(frozen=True)
class Fix:
    """Changes that together remove a conflict.

    ``solves_all`` is true when the solver confirmed that this fix alone
    makes a plan possible.
    """

    changes: tuple[Change, ...]
    solves_all: bool = False

    def apply(self, problem: Problem) -> Problem:
        """``problem`` with every change of the fix made, in order."""
        for change in self.changes:
            problem = change.apply(problem)
        return problem

    @property
    def cost(self) -> tuple[int, float]:
        """Its changes' tiers, then sizes, added up: the fixes offered are ordered by it."""
        return (sum(c.tier for c in self.changes), sum(c.size for c in self.changes))

    def describe(self, problem: Problem) -> str:
        """The fix as one clause of a sentence, its changes joined in a leader's words."""
        match self.changes:
            case (DropPin() as pin, MakeOptional() as made) if pin.project_id == made.project_id:
                return f"{pin.describe(problem)} and make it optional"
        optional = [c for c in self.changes if isinstance(c, MakeOptional)]
        capacity = [c for c in self.changes if isinstance(c, AddCapacity)]
        # A setting put back first: the hours after it are those still missing at 100 %.
        restores = [c for c in self.changes if isinstance(c, _RESTORES)]
        rest = [
            c for c in self.changes if not isinstance(c, (MakeOptional, AddCapacity, *_RESTORES))
        ]
        parts = [c.describe(problem) for c in restores]
        # The hours to add are said as they plan once the settings are put back.
        restored = problem
        for change in restores:
            restored = change.apply(restored)
        if capacity:
            parts.append("add " + join_names([c.words(restored) for c in capacity]))
        # One team's skills together: "give Content events at level 2 (none now) and design
        # at level 3 (now 1)", not "give Content ... and give Content ...".
        skills: dict[str, list[RaiseSkill]] = {}
        for c in rest:
            if isinstance(c, RaiseSkill):
                skills.setdefault(c.team_id, []).append(c)
        said: set[str] = set()
        for c in rest:
            if not isinstance(c, RaiseSkill):
                parts.append(c.describe(problem))
            elif c.team_id not in said:
                said.add(c.team_id)
                team = problem.team(c.team_id).name
                levels = join_names([m.skill_words(problem) for m in skills[c.team_id]])
                parts.append(f"give {team} {levels}")
        if optional:
            names = at_most([project_name(problem, c.project_id) for c in optional], 5)
            parts.append("make " + join_names(names) + " optional")
        return " and ".join(parts)


def capacity_increase(problem: Problem, team: Team, extra: Fraction) -> Decimal | None:
    """Whole hours (:class:`AddCapacity`'s) that raise what ``team`` may plan by at least
    ``extra``; ``None`` when more hours raise nothing (a multiplier or max utilisation of 0).
    """
    factor = problem.settings.plannable_share(team.team_id, team.department)
    if factor <= 0 or extra <= 0:
        return None
    return Decimal(math.ceil(extra / factor))
