"""The hard rules, written once: linear rows over the pair variables, tagged by rule group.

SPEC.md's hard rules become *data* here, and every optimizer reads that data:

- :mod:`planner.optimizer.cpsat` adds each row to the CP-SAT model;
- :mod:`planner.optimizer.lp_bound` adds each row to the LP relaxation;
- :mod:`planner.explain.relaxation` adds each row behind one assumption
  literal per rule group, to find which rules conflict;
- :mod:`planner.optimizer.greedy` reads the packing rows (capacity, project
  caps) for its room checks.
- :mod:`planner.optimizer.week_lns` builds rules 1, 5, 6 and 10 for its
  steps' sub-models with the same row functions (:func:`one_owner_row`,
  :func:`capacity_row`, :func:`max_projects_row`,
  :func:`~planner.optimizer.weeks.week_capacity_rows`), over its own columns.

Only the independent checker (:mod:`planner.checker`) writes the rules again,
on purpose, from SPEC.md alone.

A *column* is a variable with whole bounds: columns ``0 .. num_pairs - 1`` are
the pairs (1 when the pair's team owns the project), then come auxiliary
columns (a joint project's "both sides assigned", a baseline project's
"changed owner" and, on a time-phased problem, each pair's start columns:
1 when it starts in that week, built by :mod:`planner.optimizer.weeks`; on
the sample these are 443 of its 541 columns). A :class:`Row` is
``lower <= sum(coeffs[k] x col[cols[k]]) <= upper`` with whole coefficients
(hours are scaled by :attr:`Formulation.hour_scale`, the smallest power of ten
that makes every pair's hours whole), so every target keeps capacity exact.

Rules and where they are built (one method each, listed in :meth:`Formulation._build`):

1. one owner, or one sales + one marketing team  -> ``_one_owner_per_project``
2. mandatory projects are assigned                -> ``_mandatory_projects``
3. stage policy and team stages                  -> eligibility (no column), or
                                                     ``_excluded_pairs`` when asked
4. skills                                         -> eligibility; ``_joint_skill_cover``
5. capacity                                       -> ``_team_capacity``
6. max projects                                   -> ``_team_max_projects``
7. pins and forbids                               -> ``_pins``; forbids as rule 3
8. dependencies                                   -> ``_dependencies``
9. change budget against a baseline               -> ``_changed_owners``, ``_change_budget``
10-12. the quarter's weeks: weekly capacity, each -> ``_weeks`` (rows from
       project in its window, finish to start        :mod:`planner.optimizer.weeks`, only
                                                     when the problem is time-phased)

Adding a rule: a :class:`Kind`, one method here appending its rows, the
checker's function for it, and their tests (see docs/model.md).
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from planner.core.capacity import team_limit
from planner.core.domain import MARKETING, SALES, Problem, Project, Team
from planner.core.pairs import Pair, converted, each_new
from planner.optimizer.eligibility import eligible_pairs, forbidden, stage_policy, team_stages
from planner.optimizer.weeks import AddRow, StartColumns, add_week_rules


class Kind(enum.StrEnum):
    """A kind of rule group; a group is one rule about one thing (a team, a project...)."""

    ONE_OWNER = "one_owner"
    JOINT_SKILLS = "joint_skills"
    CHANGED = "changed"
    MANDATORY = "mandatory"
    CAPACITY = "capacity"
    MAX_PROJECTS = "max_projects"
    PIN = "pin"
    FORBID = "forbid"
    STAGE_POLICY = "stage_policy"
    TEAM_STAGE = "team_stage"
    DEPENDENCY = "dependency"
    CHANGE_BUDGET = "change_budget"
    WEEK_CAPACITY = "week_capacity"
    WINDOW = "window"
    SEQUENCE = "sequence"

    @property
    def relaxable(self) -> bool:
        """Whether leaders can change the rule (the others define what a plan is)."""
        return self not in _STRUCTURAL

    @property
    def amount(self) -> bool:
        """Whether the rule is a limit that can be raised (hours, projects, changes)."""
        return self in AMOUNT_KINDS


# The weekly rules stay hard in the explanations' relaxation for now: their
# words ("full in weeks 9-11") come from planner.explain's week reasons instead.
_STRUCTURAL = frozenset(
    {
        Kind.ONE_OWNER,
        Kind.JOINT_SKILLS,
        Kind.CHANGED,
        Kind.WEEK_CAPACITY,
        Kind.WINDOW,
        Kind.SEQUENCE,
    }
)
#: Limits relaxed by granting an amount rather than by dropping the rule.
AMOUNT_KINDS = (Kind.CAPACITY, Kind.MAX_PROJECTS, Kind.CHANGE_BUDGET)


@dataclass(frozen=True, order=True)
class Group:
    """One rule group: ``a`` and ``b`` say what it is about.

    ``MANDATORY`` / ``ONE_OWNER`` / ``CHANGED``: project ``a``; ``CAPACITY`` /
    ``MAX_PROJECTS``: team ``a``; ``PIN`` / ``FORBID``: project ``a``, team
    ``b``; ``STAGE_POLICY``: stage ``a``, department ``b``; ``TEAM_STAGE``:
    team ``a``, stage ``b``; ``DEPENDENCY``: project ``a`` needs ``b``;
    ``JOINT_SKILLS``: project ``a``, skill ``b``; ``CHANGE_BUDGET``: none;
    ``WEEK_CAPACITY``: team ``a``, week ``b``; ``WINDOW``: project ``a`` (``b``
    a start week for a joint project's same-start rows); ``SEQUENCE``: project
    ``a`` after ``b``.
    """

    kind: Kind
    a: str = ""
    b: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """``lower <= sum(coeffs[k] x column cols[k]) <= upper``; ``None`` is unbounded.

    Coefficients and bounds are whole numbers in units of ``1 / unit``
    (``unit`` is the hour scale for hour rows, else 1), so a float target can
    divide them back to hours for conditioning.
    """

    group: Group
    cols: Sequence[int]
    coeffs: Sequence[int]
    lower: int | None
    upper: int | None
    unit: int = 1

    def holds_at_zero(self) -> bool:
        """Whether all columns at 0 meet the row (decides a row without columns)."""
        return holds_at_zero(self.lower, self.upper)


def holds_at_zero(lower: int | None, upper: int | None) -> bool:
    """Whether 0 lies within ``lower .. upper`` (``None``: unbounded): a row whose columns
    are all 0 meets it (for a team's own rows, the empty column is allowed)."""
    return (lower is None or lower <= 0) and (upper is None or upper >= 0)


@dataclass(frozen=True, slots=True)
class Column:
    """An auxiliary column: a whole-number variable in ``lower .. upper`` (0/1 by default).

    Rows define it from the pair columns (e.g. a joint project's "assigned to
    both sides"); ``about`` is the project (or team) it belongs to.
    """

    name: str
    kind: Kind
    about: str
    lower: int = 0
    upper: int = 1


# -- rows of one rule, over any columns ----------------------------------------------
# The rules that a step's own model builds too (the neighbourhood search in weeks,
# planner.optimizer.week_lns, over the freed teams' start choices and the room the
# rest of the plan leaves them): each rule's row, and when it cannot bind, is here once.


def one_owner_row(project_id: str, cols: Sequence[int]) -> Row | None:
    """Rule 1 for a project with one owner: at most one of its ``cols`` (none for one column)."""
    if len(cols) <= 1:
        return None
    return Row(Group(Kind.ONE_OWNER, project_id), cols, [1] * len(cols), None, 1)


def capacity_row(
    team_id: str, cols: Sequence[int], hours: Sequence[int], limit: int, unit: int
) -> Row | None:
    """Rule 5 for one team: its ``hours`` within ``limit`` (none where every column fits)."""
    if not cols or sum(hours) <= limit:
        return None
    return Row(Group(Kind.CAPACITY, team_id), cols, hours, None, limit, unit)


def max_projects_row(team_id: str, cols: Sequence[int], cap: int | None) -> Row | None:
    """Rule 6 for one team: at most ``cap`` of its ``cols`` (none where every column fits)."""
    if cap is None or len(cols) <= cap:
        return None
    return Row(Group(Kind.MAX_PROJECTS, team_id), cols, [1] * len(cols), None, cap)


def week_rows_to(add: Callable[[Row | None], None]) -> AddRow:
    """An :data:`~planner.optimizer.weeks.AddRow` handing rules 10-12's rows to ``add``."""

    def add_row(
        kind: str,
        a: str,
        b: str,
        cols: Sequence[int],
        coeffs: Sequence[int],
        lower: int | None,
        upper: int | None,
        unit: int,
    ) -> None:
        add(Row(Group(Kind(kind), a, b), cols, coeffs, lower, upper, unit))

    return add_row


def decimal_scale(amounts: Iterable[Decimal]) -> int:
    """The smallest power of ten that turns every amount into a whole number."""
    places = 0
    for amount in set(amounts):
        exponent = amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            places = max(places, -exponent)
    return 10**places


@dataclass
class Formulation:
    """The hard rules of one problem as rows over the pair columns (and a few auxiliary ones).

    Build with :meth:`of` (the eligible pairs of every project, as the
    optimizer sees them) or :meth:`over` (any pairs and projects, e.g. the
    explanations' relaxation). ``rows`` is the list of rows in rule order.
    """

    problem: Problem
    pairs: tuple[Pair, ...]
    projects: tuple[Project, ...]
    #: The pairs' hours x ``hour_scale`` (whole numbers), one per pair column.
    hours: list[int]
    hour_scale: int
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    #: The auxiliary columns: a joint project's "assigned to both sides", a baseline
    #: project's "owners changed".
    joint: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    by_project: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_team: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    #: Rules 10-12's start columns: pair column -> {start week: column} (None: weeks
    #: do not matter, every project runs its whole window).
    starts: StartColumns | None = None

    # -- construction ---------------------------------------------------------

    @classmethod
    def of(
        cls, problem: Problem, pairs: tuple[Pair, ...] | None = None, *, weeks: bool = True
    ) -> Formulation:
        """The optimizer's formulation: every project over its eligible pairs.

        ``weeks=False`` leaves rules 10-12 out (no start columns): a relaxation
        whose LP bound costs a hundredth of the time-indexed one on time-phased
        data and is hardly weaker there (:func:`planner.optimizer.warm_start.warm_start`
        measures both).
        """
        pairs = eligible_pairs(problem) if pairs is None else pairs
        return cls.over(problem, pairs, weeks=weeks)

    @classmethod
    def over(
        cls,
        problem: Problem,
        pairs: tuple[Pair, ...],
        projects: Sequence[Project] | None = None,
        *,
        excluded_pairs: bool = False,
        weeks: bool = True,
    ) -> Formulation:
        """The rules over ``pairs`` for ``projects`` (default: all of the problem's).

        With ``excluded_pairs``, pairs that the stage policy, a team's stages
        or a forbid rule out get a row holding them at 0 (tagged by that rule),
        for models that may relax those rules. ``weeks=False`` leaves rules
        10-12 out (a relaxation when the problem is time-phased).
        """
        formulation = cls._empty(problem, pairs, projects)
        formulation._build(excluded_pairs, weeks)
        return formulation

    @classmethod
    def packing_only(cls, problem: Problem, pairs: tuple[Pair, ...]) -> Formulation:
        """Only the rows that cap the pair columns (rules 5 and 6), for a heuristic's room.

        Quick to build (one pass over the pairs), for a greedy that runs
        without the full formulation.
        """
        formulation = cls._empty(problem, pairs)
        formulation._index()
        formulation._team_capacity()
        formulation._team_max_projects()
        return formulation

    @classmethod
    def _empty(
        cls, problem: Problem, pairs: tuple[Pair, ...], projects: Sequence[Project] | None = None
    ) -> Formulation:
        """No rows yet: the pair columns and their hours in whole numbers."""
        efforts = [p.effort_hours for p in pairs]
        hour_scale = decimal_scale(each_new(efforts))
        return cls(
            problem=problem,
            pairs=pairs,
            projects=tuple(problem.projects if projects is None else projects),
            hours=converted(efforts, lambda hours: int(hours * hour_scale)),
            hour_scale=hour_scale,
        )

    @property
    def num_pairs(self) -> int:
        return len(self.pairs)

    @property
    def num_columns(self) -> int:
        return len(self.pairs) + len(self.columns)

    def _index(self) -> None:
        by_project, by_team = self.by_project, self.by_team
        rows: list[int] = []
        last = None
        for row, pair in enumerate(self.pairs):
            if pair.project_id is not last:  # a project's pairs come together: one look-up
                last = pair.project_id
                rows = by_project[last]
            rows.append(row)
            by_team[pair.team_id].append(row)

    def _build(self, excluded_pairs: bool, weeks: bool = True) -> None:
        self._index()
        if excluded_pairs:
            self._excluded_pairs()
        self._one_owner_per_project()
        self._mandatory_projects()
        self._joint_skill_cover()
        self._team_capacity()
        self._team_max_projects()
        self._pins()
        self._dependencies()
        self._changed_owners()
        self._change_budget()
        if weeks:
            self._weeks()

    # -- the rules ----------------------------------------------------------------

    def _excluded_pairs(self) -> None:
        """Rules 3 and 7 on pairs that are columns anyway: held at 0 (for relaxations)."""
        problem = self.problem
        for row, pair in enumerate(self.pairs):
            project, team = problem.project(pair.project_id), problem.team(pair.team_id)
            for group in exclusions(problem, project, team):
                self._add(group, [row], [1], None, 0)

    def _one_owner_per_project(self) -> None:
        """Rule 1: one team, or exactly one sales and one marketing team, or none."""
        for project in self.projects:
            group = Group(Kind.ONE_OWNER, project.project_id)
            rows = self.by_project.get(project.project_id, [])
            if not project.joint:
                self._append(one_owner_row(project.project_id, rows))
                continue
            both = self._column(f"joint[{project.project_id}]", Kind.ONE_OWNER, project.project_id)
            self.joint[project.project_id] = both
            for department in (SALES, MARKETING):
                side = [r for r in rows if self.pairs[r].department == department]
                self._add(group, [*side, both], [1] * len(side) + [-1], 0, 0)

    def _mandatory_projects(self) -> None:
        """Rule 2: every mandatory project is assigned."""
        for project in self.projects:
            if project.mandatory:
                cols = self.assigned(project.project_id)
                self._add(Group(Kind.MANDATORY, project.project_id), cols, [1] * len(cols), 1, 1)

    def _joint_skill_cover(self) -> None:
        """Rule 4 for joint projects: each skill is held at level by one of the two teams."""
        team = self.problem.team
        for project in self.projects:
            if not project.joint or not project.required_skills:
                continue
            rows = self.by_project.get(project.project_id, [])
            both = self.joint[project.project_id]
            for skill, level in project.required_skills.items():
                holders = [r for r in rows if team(self.pairs[r].team_id).holds(skill, level)]
                group = Group(Kind.JOINT_SKILLS, project.project_id, skill)
                self._add(group, [*holders, both], [1] * len(holders) + [-1], 0, None)

    def _team_capacity(self) -> None:
        """Rule 5: a team's planned hours stay within capacity x multiplier x utilisation."""
        for team in self.problem.teams:
            rows = self.by_team.get(team.team_id, [])
            hours = [self.hours[r] for r in rows]
            self._append(capacity_row(team.team_id, rows, hours, self.limit(team), self.hour_scale))

    def _team_max_projects(self) -> None:
        """Rule 6: a team owns at most ``max_projects`` projects."""
        for team in self.problem.teams:
            rows = self.by_team.get(team.team_id, [])
            self._append(max_projects_row(team.team_id, rows, team.max_projects))

    def _pins(self) -> None:
        """Rule 7: a pinned team owns its project (forbids are left out of the pairs)."""
        column = {(p.project_id, p.team_id): r for r, p in enumerate(self.pairs)}
        wanted = {p.project_id for p in self.projects}
        known = self.problem.project_index
        for project_id, team_id in sorted(self.problem.pins):
            if project_id in known and project_id not in wanted:
                continue  # a project this formulation leaves out
            row = column.get((project_id, team_id))
            cols = [] if row is None else [row]  # no column: the pin cannot hold
            self._add(Group(Kind.PIN, project_id, team_id), cols, [1] * len(cols), 1, 1)

    def _dependencies(self) -> None:
        """Rule 8: a project is assigned only if every project it depends on is."""
        for project in self.projects:
            cols = self.assigned(project.project_id)
            if not cols:
                continue  # never assigned: nothing to require
            for needed in project.depends_on:
                need = self.assigned(needed)
                group = Group(Kind.DEPENDENCY, project.project_id, needed)
                self._add(group, cols + need, [1] * len(cols) + [-1] * len(need), None, 0)

    def _changed_owners(self) -> None:
        """Rule 9's indicators: one column per baseline project, 1 when its owners differ.

        Built only when a rule or a term reads them (a change budget, or the
        stability weight).
        """
        baseline = self.problem.baseline
        if baseline is None:
            return
        if baseline.max_changes is None and not self.problem.settings.weights.stability:
            return
        wanted = {p.project_id for p in self.projects}
        for project_id, owners in baseline.owners.items():
            if project_id not in wanted:
                continue
            moved = self._column(f"changed[{project_id}]", Kind.CHANGED, project_id)
            self.changed[project_id] = moved
            group = Group(Kind.CHANGED, project_id)
            rows = self.by_project.get(project_id, [])
            for r in rows:
                if self.pairs[r].team_id in owners:  # moved >= 1 - x
                    self._add(group, [moved, r], [1, 1], 1, None)
                else:  # moved >= x
                    self._add(group, [moved, r], [1, -1], 0, None)
            if not owners <= {self.pairs[r].team_id for r in rows}:
                self._add(group, [moved], [1], 1, 1)  # a baseline owner is no longer possible

    def _change_budget(self) -> None:
        """Rule 9: at most ``max_changes`` baseline projects change owner."""
        baseline = self.problem.baseline
        if baseline is None or baseline.max_changes is None:
            return
        cols = list(self.changed.values())
        if len(cols) > baseline.max_changes:
            group = Group(Kind.CHANGE_BUDGET)
            self._add(group, cols, [1] * len(cols), None, baseline.max_changes)

    def _weeks(self) -> None:
        """Rules 10-12 (:mod:`planner.optimizer.weeks`), only when weeks matter."""
        if not self.problem.is_time_phased:
            return

        def new_column(project_id: str) -> int:
            return self._column("", Kind.WINDOW, project_id)

        self.starts = add_week_rules(
            self.problem,
            self.projects,
            self.pairs,
            self.hours,
            self.hour_scale,
            week_rows_to(self._append),
            new_column,
        )

    # -- reading --------------------------------------------------------------------

    def assigned(self, project_id: str) -> list[int]:
        """The columns whose sum is 1 when the project is assigned (0 otherwise)."""
        if project_id in self.joint:
            return [self.joint[project_id]]
        return list(self.by_project.get(project_id, ()))

    def limit(self, team: Team) -> int:
        """The team's capacity in the rows' units (hours x ``hour_scale``, rounded down)."""
        return math.floor(team_limit(self.problem, team) * self.hour_scale)

    def groups(self) -> dict[Group, list[Row]]:
        """The rows of each group, groups in the order they first appear."""
        out: dict[Group, list[Row]] = defaultdict(list)
        for row in self.rows:
            out[row.group].append(row)
        return out

    def team_room(self) -> tuple[dict[str, int], dict[str, int | None]]:
        """Each team's room as the packing rows (rules 5 and 6) give it, in their units.

        Hours: the capacity row's right-hand side (the same limit for a team
        whose row cannot bind, so that its load still reads). Projects: the
        project cap's right-hand side, ``None`` where no cap can bind.
        """
        hours = {t.team_id: self.limit(t) for t in self.problem.teams}
        projects: dict[str, int | None] = dict.fromkeys(hours)
        for row in self.rows:
            if row.group.kind is Kind.CAPACITY and row.upper is not None:
                hours[row.group.a] = row.upper
            elif row.group.kind is Kind.MAX_PROJECTS:
                projects[row.group.a] = row.upper
        return hours, projects

    def infeasible(self) -> list[Group]:
        """Groups with a row that no plan can meet because it has no columns to meet it with."""
        return [r.group for r in self.rows if not r.cols and not r.holds_at_zero()]

    # -- helpers --------------------------------------------------------------------

    def _column(self, name: str, kind: Kind, about: str, lower: int = 0, upper: int = 1) -> int:
        """A new auxiliary column; its index (after the pair columns)."""
        self.columns.append(Column(name, kind, about, lower, upper))
        return len(self.pairs) + len(self.columns) - 1

    def bounds(self, column: int) -> tuple[int, int]:
        """A column's bounds: 0/1 for a pair, its own for an auxiliary column."""
        if column < len(self.pairs):
            return 0, 1
        aux = self.columns[column - len(self.pairs)]
        return aux.lower, aux.upper

    def _add(
        self,
        group: Group,
        cols: Sequence[int],
        coeffs: Sequence[int],
        lower: int | None,
        upper: int | None,
        unit: int = 1,
    ) -> None:
        self._append(Row(group, cols, coeffs, lower, upper, unit))

    def _append(self, row: Row | None) -> None:
        if row is None or (not row.cols and row.holds_at_zero()):
            return  # cannot bind, or decided and met: nothing to add
        self.rows.append(row)


def exclusions(problem: Problem, project: Project, team: Team) -> list[Group]:
    """The rule groups (rules 3 and 7) that keep ``team`` off ``project`` on their own.

    Eligibility's own rule functions decide; joint work at a one-department
    stage needs no group of its own (the other department's stage policy
    group holds its pairs at 0, and rule 1 wants one of each).
    """
    groups = []
    if (policy := stage_policy(problem, project, team)) is not None:
        groups.append(Group(Kind.STAGE_POLICY, policy.stage, policy.department))
    if (stages := team_stages(problem, project, team)) is not None:
        groups.append(Group(Kind.TEAM_STAGE, stages.team_id, stages.stage))
    if (forbid := forbidden(problem, project, team)) is not None:
        groups.append(Group(Kind.FORBID, forbid.project_id, forbid.team_id))
    return groups
