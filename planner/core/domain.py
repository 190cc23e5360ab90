"""The planning domain: frozen, validated value objects named as in SPEC.md.

Quantities (hours, values, targets, shares) are `Decimal` so that inputs with
up to three decimals are handled exactly; relations are by id so every object
maps straight onto a CSV row, a data frame row and a DuckDB row.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from planner.core.settings import DEPARTMENTS, MARKETING, SALES, Settings

#: The order every page, chart and command shows the departments in: the funnel's.
DEPARTMENT_ORDER: tuple[str, ...] = (MARKETING, SALES)
GOAL_OWNERS: tuple[str, ...] = (SALES, MARKETING, "shared")

ZERO = Decimal(0)
ONE = Decimal(1)


def other_department(department: str) -> str:
    """The department a joint project pairs a ``department`` team with."""
    return MARKETING if department == SALES else SALES


def _skills(mapping: Mapping[str, int] | None) -> dict[str, int]:
    """Skill names compare case-insensitively after trimming (SPEC)."""
    return {name.strip().lower(): level for name, level in (mapping or {}).items()}


@dataclass(frozen=True)
class Team:
    """A sales or marketing team with a quarter's capacity.

    ``skills`` maps a normalised (trimmed, lower-case) skill name to a level
    1-5. ``stages`` empty means every stage its department may own.
    """

    team_id: str
    name: str
    department: str
    capacity_hours: Decimal
    skills: Mapping[str, int] = field(default_factory=lambda: _skills(None))
    stages: tuple[str, ...] = ()
    max_projects: int | None = None

    def __post_init__(self) -> None:
        if not self.team_id:
            raise ValueError("team_id must not be empty")
        if self.department not in DEPARTMENTS:
            raise ValueError(f"team {self.team_id}: unknown department {self.department!r}")
        if self.capacity_hours < 0:
            raise ValueError(f"team {self.team_id}: capacity_hours must be >= 0")
        if self.max_projects is not None and self.max_projects < 1:
            raise ValueError(f"team {self.team_id}: max_projects must be >= 1")
        if any(not 1 <= level <= 5 for level in self.skills.values()):
            raise ValueError(f"team {self.team_id}: skill levels are 1-5")
        object.__setattr__(self, "skills", _skills(self.skills))

    def level(self, skill: str) -> int:
        """The team's level in ``skill`` (0 when it does not have it)."""
        return self.skills.get(skill, 0)

    def holds(self, skill: str, level: int) -> bool:
        """Rule 4 for one skill: the team has ``skill`` at ``level`` or above.

        The optimizer, the explanations and the input checks all ask it here
        (tests/test_architecture.py keeps a level from being compared elsewhere);
        only the independent checker writes it again.
        """
        return self.level(skill) >= level

    def may_own(self, count: int) -> bool:
        """Rule 6: whether the team may own ``count`` projects (at most ``max_projects``).

        The take-back and the explanations' scorer ask it; the models write the cap
        as a row (``max_projects_row``).
        """
        return self.max_projects is None or count <= self.max_projects


@dataclass(frozen=True)
class Project:
    """Goal-oriented work at one funnel stage.

    ``value`` is the expected contribution to the goal's KPI in the KPI's
    unit. For a joint project, ``sales_share`` of the effort falls on the
    sales team and the rest on the marketing team. ``value_low`` and
    ``value_high`` bound the contribution when it is uncertain (SPEC
    "Uncertain impact"): the outcome is triangular with mode ``value``;
    ``None`` means the value itself, so a project without them is certain.
    """

    project_id: str
    name: str
    stage: str
    effort_hours: Decimal
    value: Decimal = ZERO
    goal_id: str | None = None
    required_skills: Mapping[str, int] = field(default_factory=lambda: _skills(None))
    mandatory: bool = False
    joint: bool = False
    sales_share: Decimal = Decimal("0.5")
    depends_on: tuple[str, ...] = ()
    value_low: Decimal | None = None
    value_high: Decimal | None = None
    #: Whole weeks it runs (None: its whole window, earliest_week .. due_week).
    duration_weeks: int | None = None
    #: First week it may start (None: week 1).
    earliest_week: int | None = None
    #: Last week it may run (None: the quarter's last week).
    due_week: int | None = None

    def __post_init__(self) -> None:
        if not self.project_id:
            raise ValueError("project_id must not be empty")
        if not self.low <= self.value <= self.high:
            raise ValueError(f"project {self.project_id}: value_low <= value <= value_high")
        if self.low < 0:
            raise ValueError(f"project {self.project_id}: value_low must be >= 0")
        for name in ("duration_weeks", "earliest_week", "due_week"):
            week = getattr(self, name)
            if week is not None and week < 1:
                raise ValueError(f"project {self.project_id}: {name} must be >= 1")
        # Whether its duration fits its window needs the quarter's last week: Problem checks it.
        if self.due_week is not None and (self.earliest_week or 1) > self.due_week:
            raise ValueError(f"project {self.project_id}: earliest_week is after due_week")
        if self.effort_hours <= 0:
            raise ValueError(f"project {self.project_id}: effort_hours must be > 0")
        if self.value < 0:
            raise ValueError(f"project {self.project_id}: value must be >= 0")
        if not ZERO < self.sales_share < ONE:
            raise ValueError(f"project {self.project_id}: sales_share must be in (0, 1)")
        if any(not 1 <= level <= 5 for level in self.required_skills.values()):
            raise ValueError(f"project {self.project_id}: skill levels are 1-5")
        object.__setattr__(self, "required_skills", _skills(self.required_skills))

    @property
    def low(self) -> Decimal:
        """The lowest contribution (the value itself when no range is given)."""
        return self.value if self.value_low is None else self.value_low

    @property
    def high(self) -> Decimal:
        """The highest contribution (the value itself when no range is given)."""
        return self.value if self.value_high is None else self.value_high

    @property
    def uncertain(self) -> bool:
        """Whether the contribution is a range rather than one number."""
        return self.low < self.high

    def share(self, department: str) -> Decimal:
        """The share of this project's effort and value carried by ``department``."""
        if not self.joint:
            return ONE
        return self.sales_share if department == SALES else ONE - self.sales_share

    def hours_for(self, department: str) -> Decimal:
        """The hours of ``department``'s share of this project (before a team's own estimate)."""
        return self.effort_hours * self.share(department)


@dataclass(frozen=True)
class Goal:
    """A quarterly stretch goal on one KPI."""

    goal_id: str
    name: str
    target: Decimal
    kpi: str = ""
    owner: str = "shared"
    weight: Decimal = ONE

    def __post_init__(self) -> None:
        if not self.goal_id:
            raise ValueError("goal_id must not be empty")
        if self.target <= 0:
            raise ValueError(f"goal {self.goal_id}: target must be > 0")
        if self.weight <= 0:
            raise ValueError(f"goal {self.goal_id}: weight must be > 0")
        if self.owner not in GOAL_OWNERS:
            raise ValueError(f"goal {self.goal_id}: owner must be one of {GOAL_OWNERS}")


_HUNDRED = Fraction(100)


def capped_attainment(reached: Fraction | Decimal, target: Fraction | Decimal) -> Fraction:
    """A goal's attainment in percent, counted to its target and no further: ``min(100, 100 x
    reached / target)``, exact (SPEC "Objective": each goal capped at 100 %).

    The explanations' exact scorer, the plan's weighted attainment (the Overview's card) and
    a check-in's forecast read it here; the optimizer's models write the cap as a bound on a
    column (:mod:`planner.optimizer.cpsat`, :mod:`planner.optimizer.lp_bound`), the checker
    on its own.
    """
    return min(_HUNDRED, 100 * Fraction(reached) / Fraction(target))


@dataclass(frozen=True)
class Estimate:
    """A team-specific effort and/or value for one (project, team) pair."""

    project_id: str
    team_id: str
    effort_hours: Decimal | None = None
    value: Decimal | None = None

    def __post_init__(self) -> None:
        if self.effort_hours is not None and self.effort_hours <= 0:
            raise ValueError(f"estimate {self.project_id}/{self.team_id}: effort must be > 0")
        if self.value is not None and self.value < 0:
            raise ValueError(f"estimate {self.project_id}/{self.team_id}: value must be >= 0")


@dataclass(frozen=True)
class CalendarRow:
    """One row of ``calendar.csv``: a team's hours in each week of ``first_week .. last_week``."""

    team_id: str
    first_week: int
    last_week: int
    capacity_hours: Decimal

    def __post_init__(self) -> None:
        if not 1 <= self.first_week <= self.last_week:
            raise ValueError(f"calendar {self.team_id}: weeks must be 1 <= first <= last")
        if self.capacity_hours < 0:
            raise ValueError(f"calendar {self.team_id}: capacity_hours must be >= 0")

    @property
    def weeks(self) -> range:
        return range(self.first_week, self.last_week + 1)


class RuleKind(enum.StrEnum):
    PIN = "pin"
    FORBID = "forbid"


@dataclass(frozen=True)
class Rule:
    """A leader's decision on one (project, team) pair."""

    project_id: str
    team_id: str
    rule: RuleKind


@dataclass(frozen=True)
class Baseline:
    """A plan to stay close to when re-planning.

    ``owners`` maps each project that the baseline assigned to its set of
    team ids. ``max_changes`` (rule 9) bounds how many of those projects may
    end with a different set of owners (moved or dropped); ``None`` means no
    hard budget, only the ``stability`` weight. ``in_progress`` are the
    projects in progress at a check-in that the re-plan keeps with their
    team(s) by a pin of its own, not a leader's: explanations call them in
    progress, and the fix is to unlock them, not to unpin them. ``under_way``
    are all the projects in progress at the check-in, however they are held
    (the re-plan's pin, a leader's pin to the same team, or none when
    unlocked): their weeks left are fixed, so more weeks or a wider window
    does not help them; ``unlocked`` those of them a leader let move.
    """

    owners: Mapping[str, frozenset[str]]
    max_changes: int | None = None
    in_progress: frozenset[str] = frozenset()
    under_way: frozenset[str] = frozenset()
    unlocked: frozenset[str] = frozenset()
    #: Project id -> the week it starts in the current plan (plans in weeks): where a
    #: re-plan's first plan tries it first. Only a hint to the search, no rule (a saved
    #: re-plan does not store it), so two baselines with the same owners compare equal.
    starts: Mapping[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.max_changes is not None and self.max_changes < 0:
            raise ValueError("max_changes must be >= 0")
        object.__setattr__(self, "owners", dict(self.owners))
        object.__setattr__(self, "starts", dict(self.starts))


def week_window(earliest_week: int | None, due_week: int | None, weeks: int) -> range:
    """Rule 11: the weeks a project may run in, ``earliest_week .. due_week`` of a
    ``weeks``-week quarter (from week 1, to the last week, when not given). A duration
    longer than this range does not fit it; the loader and :class:`Problem` both ask it.
    """
    return range(earliest_week or 1, (due_week or weeks) + 1)


def finish_to_start(project: Project, projects: Mapping[str, Project]) -> tuple[str, ...]:
    """Rule 12: the prerequisites ``project`` starts after, by id (in ``depends_on``'s order).

    Those of its ``depends_on`` (among ``projects``) that have a duration, when it
    has one too; otherwise rule 8 alone ties them (both in the plan, in any weeks).
    """
    if project.duration_weeks is None:
        return ()
    return tuple(
        needed
        for needed in project.depends_on
        if (before := projects.get(needed)) is not None and before.duration_weeks is not None
    )


@dataclass(frozen=True)
class Problem:
    """Everything one solve needs: the data folder's tables and the settings.

    Frozen, like every domain object, with the tables related by id as in the
    CSV files; :meth:`replace` gives a changed copy. Make one with
    :func:`planner.load_problem` or :class:`planner.ProblemBuilder`, which
    validate it as SPEC's data folder is validated and say every problem at
    once; the constructors check only each row's own fields and that the
    weeks fit the quarter (a ``ValueError`` at the first).
    """

    teams: tuple[Team, ...]
    projects: tuple[Project, ...]
    goals: tuple[Goal, ...] = ()
    estimates: tuple[Estimate, ...] = ()
    rules: tuple[Rule, ...] = ()
    settings: Settings = field(default_factory=Settings)
    baseline: Baseline | None = None
    calendar: tuple[CalendarRow, ...] = ()
    #: Skills as the data spells them ("PR" for the rules' "pr"), where that is not the
    #: trimmed lower case they compare in: what a leader reads (:meth:`skill_name`) and
    #: what the data files are written back with. No rule reads it.
    skill_names: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        weeks = self.settings.calendar.weeks
        for p in self.projects:
            for name in ("duration_weeks", "earliest_week", "due_week"):
                week = getattr(p, name)
                if week is not None and week > weeks:
                    raise ValueError(f"project {p.project_id}: {name} {week} is after week {weeks}")
            if p.duration_weeks is not None and p.duration_weeks > len(self.window(p)):
                raise ValueError(
                    f"project {p.project_id}: duration_weeks is longer than its window"
                )
        for row in self.calendar:
            if row.last_week > weeks:
                raise ValueError(f"calendar {row.team_id}: week {row.last_week} > {weeks}")

    @property
    def num_weeks(self) -> int:
        """Weeks in the quarter (``[calendar] weeks``)."""
        return self.settings.calendar.weeks

    def window(self, project: Project) -> range:
        """The weeks a project may run in: ``earliest_week .. due_week`` (:func:`week_window`)."""
        return week_window(project.earliest_week, project.due_week, self.num_weeks)

    def duration(self, project: Project) -> int:
        """Weeks the project runs: its ``duration_weeks``, else its whole window."""
        if project.duration_weeks is not None:
            return project.duration_weeks
        return len(self.window(project))

    def starts(self, project: Project, earliest: int = 1) -> range:
        """The weeks the project may start in (from week ``earliest`` on) and still end by
        its due week (rule 11)."""
        window = self.window(project)
        return range(max(window.start, earliest), window.stop - self.duration(project) + 1)

    def run(self, project: Project, start: int) -> range:
        """The weeks the project runs when it starts in week ``start`` (rule 11)."""
        return range(start, start + self.duration(project))

    def runs_after(self, project: Project) -> tuple[str, ...]:
        """Rule 12: the prerequisites the project starts after (:func:`finish_to_start`)."""
        return self._runs_after.get(project.project_id, ())

    @cached_property
    def _runs_after(self) -> Mapping[str, tuple[str, ...]]:
        # Cached: the week searches ask it for every start they try.
        index = self.project_index
        return {p.project_id: after for p in self.projects if (after := finish_to_start(p, index))}

    @cached_property
    def is_time_phased(self) -> bool:
        """Whether weeks matter: a calendar, a project shorter than the quarter, or a
        finish-to-start sequence (rule 12: both projects have a duration).

        Without any, every project runs the whole quarter with its effort spread
        evenly, so the weekly rules say no more than the quarter's. Two projects given
        the whole quarter as their duration, one after the other, cannot both run.
        """
        weeks = self.num_weeks
        if self.calendar or any(self.duration(p) < weeks for p in self.projects):
            return True
        return bool(self._runs_after)

    @cached_property
    def week_hours(self) -> Mapping[str, tuple[Fraction, ...]]:
        """Team id -> its hours in each week (week 1 first), before multipliers.

        A week that ``calendar.csv`` leaves out gets ``capacity_hours / weeks``.
        """
        weeks = self.num_weeks
        given: dict[str, dict[int, Fraction]] = {}
        for row in self.calendar:
            for week in row.weeks:
                given.setdefault(row.team_id, {})[week] = Fraction(row.capacity_hours)
        out = {}
        for t in self.teams:
            even = Fraction(t.capacity_hours) / weeks
            own = given.get(t.team_id, {})
            out[t.team_id] = tuple(own.get(w, even) for w in range(1, weeks + 1))
        return out

    def quarter_hours(self, team_id: str) -> Fraction:
        """A team's hours for the quarter: the sum of its weeks (``capacity_hours``
        when calendar.csv has no row for it)."""
        # Summed once per team: a capacity what-if on the sample asked it 270 times (every
        # team's limit, the eligible pairs, the explanations, the figures), 13 fractions each.
        found = self._quarter_hours.get(team_id)
        if found is None:
            if team_id not in self._calendar_teams:
                found = Fraction(self.team(team_id).capacity_hours)
            else:
                found = sum(self.week_hours[team_id], Fraction(0))
            self._quarter_hours[team_id] = found
        return found

    @cached_property
    def _quarter_hours(self) -> dict[str, Fraction]:
        return {}

    @cached_property
    def _calendar_teams(self) -> frozenset[str]:
        return frozenset(row.team_id for row in self.calendar)

    def team(self, team_id: str) -> Team:
        """The team ``team_id`` (``KeyError`` for an unknown id)."""
        return self.team_index[team_id]

    def skill_name(self, skill: str) -> str:
        """``skill`` (a key of a team's ``skills`` or a project's ``required_skills``) as the
        data spells it: ``PR`` where teams.csv writes ``PR:4``; the key itself otherwise."""
        return self.skill_names.get(skill, skill)

    def project(self, project_id: str) -> Project:
        """The project ``project_id`` (``KeyError`` for an unknown id)."""
        return self.project_index[project_id]

    # Indexes are computed once per problem: the problem never changes.
    @cached_property
    def team_index(self) -> Mapping[str, Team]:
        return {t.team_id: t for t in self.teams}

    @cached_property
    def project_index(self) -> Mapping[str, Project]:
        return {p.project_id: p for p in self.projects}

    @cached_property
    def dependents(self) -> Mapping[str, tuple[str, ...]]:
        """Project id -> the projects that name it in their ``depends_on``, in the data's
        order (absent when none does): rule 8 read from the prerequisite's side."""
        found: dict[str, list[str]] = {}
        for project in self.projects:
            for needed in project.depends_on:
                found.setdefault(needed, []).append(project.project_id)
        return {needed: tuple(ids) for needed, ids in found.items()}

    @cached_property
    def team_order(self) -> tuple[str, ...]:
        """Team ids grouped by department (marketing first: it works the top of the funnel),
        in file order within each: the one order of teams in every chart, table and sheet,
        so a team sits in the same place on the load chart, the timeline and plan.xlsx."""
        rank = {d: i for i, d in enumerate(DEPARTMENT_ORDER)}
        ordered = sorted(
            enumerate(self.teams), key=lambda it: (rank.get(it[1].department, len(rank)), it[0])
        )
        return tuple(t.team_id for _, t in ordered)

    @cached_property
    def goal_index(self) -> Mapping[str, Goal]:
        return {g.goal_id: g for g in self.goals}

    @cached_property
    def estimate_index(self) -> Mapping[tuple[str, str], Estimate]:
        return {(e.project_id, e.team_id): e for e in self.estimates}

    @cached_property
    def pins(self) -> frozenset[tuple[str, str]]:
        """(project_id, team_id) pairs that a ``pin`` rule fixes."""
        return frozenset((r.project_id, r.team_id) for r in self.rules if r.rule is RuleKind.PIN)

    @cached_property
    def forbids(self) -> frozenset[tuple[str, str]]:
        """(project_id, team_id) pairs that a ``forbid`` rule rules out."""
        return frozenset((r.project_id, r.team_id) for r in self.rules if r.rule is RuleKind.FORBID)

    def pair_amounts(self, project: Project, team_id: str) -> tuple[Decimal, Decimal]:
        """The (effort, value) of ``project`` on a team before its share: the team's own
        estimate (estimates.csv) where it gives one, else the project's."""
        effort, value = project.effort_hours, project.value
        estimate = self.estimate_index.get((project.project_id, team_id))
        if estimate is not None:
            if estimate.effort_hours is not None:
                effort = estimate.effort_hours
            if estimate.value is not None:
                value = estimate.value
        return effort, value

    def replace(self, **changes: object) -> Problem:
        """A copy with some fields changed (the problem itself never changes)."""
        return replace(self, **changes)  # type: ignore[arg-type]


class Status(enum.StrEnum):
    """What a solve produced (SPEC "Objective").

    ``OPTIMAL``: a plan proven best; ``FEASIBLE``: a plan that keeps every hard
    rule, not proven best (:attr:`Result.gap` says how far it may be);
    ``INFEASIBLE``: no plan can keep every hard rule; ``NO_PLAN``: no plan found
    (the time ran out, or the solve was stopped, before a first one). Without a
    plan, :attr:`Result.reasons` says why in words.
    """

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    NO_PLAN = "no plan found"

    @property
    def has_plan(self) -> bool:
        """Whether the result holds a plan (optimal or feasible)."""
        return self in (Status.OPTIMAL, Status.FEASIBLE)


class AssignmentStatus(enum.StrEnum):
    """plan.csv's ``status`` codes (SPEC "Plan output"), every export's and page's too."""

    ASSIGNED = "assigned"
    PINNED = "pinned"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class Assignment:
    """One (project, team) pair of a plan: the team's share, hours and value.

    ``share`` is 1 for a project one team owns; a joint project has two rows, the sales
    team's ``sales_share`` and the marketing team's the rest. ``effort_hours`` and
    ``value`` are this team's: the project's (or the team's own estimate in
    ``estimates.csv``) times ``share``, so each column sums to the plan's. ``pinned``:
    kept on this team by a pin, or as work in progress a check-in's re-plan carries on
    (plan.csv's ``status`` ``pinned``).
    """

    project_id: str
    team_id: str
    share: Decimal
    effort_hours: Decimal
    value: Decimal
    pinned: bool = False
    #: First and last week it runs (None: its whole window, as in a plan without weeks).
    start_week: int | None = None
    end_week: int | None = None


@dataclass(frozen=True)
class Unassigned:
    """A project the plan leaves out, with the reason in words.

    ``reason`` is what plan.csv's ``reason`` column and the Plan page say ("Brand & Comms
    has no room for its 40.0 h a week in weeks 7-13, ..."); ``kind`` the kind of reason
    ("no room in the weeks it would run").
    """

    project_id: str
    reason: str
    #: What kind of reason, in words (``planner.explain.UnassignedKind``'s value): "" when
    #: not known (a plan read from a file). Not compared: the same plan read back is equal.
    kind: str = field(default="", compare=False)


@dataclass(frozen=True)
class Plan:
    """Who owns which project, and every unassigned project with its reason.

    ``assignments``: one :class:`Assignment` per (project, team) pair, iterated by
    ``for a in plan``; ``unassigned``: one :class:`Unassigned` per project left out.
    A solved plan has every project of its problem in exactly one of the two.
    """

    assignments: tuple[Assignment, ...]
    unassigned: tuple[Unassigned, ...] = ()

    def owners(self) -> dict[str, frozenset[str]]:
        """Project id -> the set of teams that own it (assigned projects only)."""
        result: dict[str, set[str]] = {}
        for a in self.assignments:
            result.setdefault(a.project_id, set()).add(a.team_id)
        return {p: frozenset(ts) for p, ts in result.items()}

    def left_out_reasons(self) -> dict[str, str]:
        """Project id -> why the plan leaves it out, for the projects with a reason told."""
        return {u.project_id: u.reason.strip() for u in self.unassigned if u.reason.strip()}

    def team_load(self) -> dict[str, Decimal]:
        """Team id -> planned hours (teams with no project are absent)."""
        load: dict[str, Decimal] = {}
        for a in self.assignments:
            load[a.team_id] = load.get(a.team_id, ZERO) + a.effort_hours
        return load

    def __iter__(self) -> Iterator[Assignment]:
        return iter(self.assignments)


@dataclass(frozen=True)
class ObjectiveBreakdown:
    """One plan's objective, term by term, each already multiplied by its weight.

    The penalties (``balance``: the busiest team's utilisation; ``stability``: the
    changes) are held as the sizes SPEC names, at least 0; :meth:`signed` gives every
    term as it counts in the total. A change between two plans' scores is
    :class:`planner.explain.scoring.Contribution` (``Contribution.between``).
    """

    attainment: Fraction = Fraction(0)
    value: Fraction = Fraction(0)
    balance: Fraction = Fraction(0)
    fit: Fraction = Fraction(0)
    stability: Fraction = Fraction(0)
    confidence: Fraction = Fraction(0)

    @property
    def total(self) -> Fraction:
        return sum(self.signed().values(), Fraction(0))

    def signed(self) -> dict[str, Fraction]:
        """Each term as it counts in the total, by name: the penalties negative."""
        return {
            "attainment": self.attainment,
            "value": self.value,
            "balance": -self.balance,
            "fit": self.fit,
            "stability": -self.stability,
            "confidence": self.confidence,
        }


def relative_gap(objective: float, bound: float) -> float:
    """Relative distance from a plan's objective to the best bound (0 = proven best)."""
    if bound == objective:
        return 0.0
    return abs(bound - objective) / max(abs(bound), 1e-9)


@dataclass(frozen=True)
class Result:
    """The outcome of one solve.

    ``objective`` is recomputed from the plan in exact arithmetic by the
    independent checker, and ``breakdown`` is the same figure term by term;
    ``bound`` is the solver's proven best bound and ``gap`` their relative
    distance (0 when proven optimal). ``reasons`` explains an infeasible or
    empty result in words, and notes what a plan is short of (the quick first
    plan, not searched, when no solver was free for it).
    """

    status: Status
    plan: Plan | None
    objective: float | None
    bound: float | None
    gap: float | None
    runtime_s: float
    breakdown: ObjectiveBreakdown | None = None
    reasons: tuple[str, ...] = ()
    num_variables: int = 0
    #: The solver's own (scaled, rounded) objective, for tests of the model's exactness.
    solver_objective: Fraction | None = None
    #: The first reason as it reads on a line of its own (a sweep's row), where its builder
    #: wrote another form for that: "One change fixes the 3 conflicts in the way of a plan:
    #: ..." for "... the 3 conflicts below: ..." (``planner.explain.sentences.Ahead``); empty
    #: when the first reason reads the same alone (:meth:`first_reason_alone`).
    first_alone: str = ""
    #: The seconds the solve was given (the settings' ``solve.time_limit_s`` or
    #: ``--time-limit``), said beside a plan the clock may have stopped: an app solve and a
    #: CLI solve of one quarter stopped at 10 s and 20 s read 91.0 % and 95.0 % with nothing
    #: to say why. ``None`` where it is not known (a result made elsewhere than ``solve``).
    time_limit_s: float | None = None

    @classmethod
    def without_plan(
        cls, status: Status, runtime_s: float, reasons: tuple[str, ...], num_variables: int = 0
    ) -> Result:
        """An infeasible or "no plan found" result, with the reasons in words."""
        return cls(
            status, None, None, None, None, runtime_s, reasons=reasons, num_variables=num_variables
        )

    def first_reason_alone(self) -> str:
        """The first reason, as it reads on a line of its own ("" without reasons)."""
        return self.first_alone or (self.reasons[0] if self.reasons else "")

    def summary(self) -> dict[str, object]:
        """The headline figures as plain JSON-ready values."""
        assigned = len(self.plan.owners()) if self.plan else 0
        unassigned = len(self.plan.unassigned) if self.plan else 0
        return {
            "status": self.status.value,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.runtime_s, 3),
            "time_limit_s": self.time_limit_s,
            "num_assigned": assigned,
            "num_unassigned": unassigned,
            "num_variables": self.num_variables,
            "reasons": list(self.reasons),
        }
