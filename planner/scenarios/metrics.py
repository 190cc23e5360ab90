"""The figures of a plan: one set of figures per plan, read everywhere.

A leader who reads "capacity 1,400 h" on one screen and "1,120 h" on the
next stops trusting the plan, so each figure is computed once, here
(:func:`plan_metrics`), and read everywhere else: the pages, the CLI, the
exports and a scenario's headline row (:mod:`planner.scenarios.scenario`).
This module is pure domain logic: it never touches the database and never
imports Streamlit.

* Projects are counted as projects and assignment rows as rows: a joint
  project is one project with two owners (two rows).
* "Capacity" is the capacity in force: a team's hours x its what-if
  multiplier x the max utilisation, what rule 5 lets the plan use. The
  base (the hours in teams.csv) is kept beside it.
* Utilisation is planned hours over the capacity in force.
* Hours are rounded as :func:`shown_hours` rounds them (whole hours from 10
  on), a total once: the plan's capacity and planned hours are their exact sums
  rounded once, and the departments' and teams' hours are rounded so that they
  add up to it (:func:`hours_adding_up`). Planned hours are plan.csv's
  ``effort_hours`` added up, as a spreadsheet summing the column reads them (a
  generated quarter's teams, each rounded on its own, read 33,223 h where
  plan.csv adds up to 33,219 h); capacity alike (the sample's sales teams, each
  rounded on its own, read 5,320 h where they add up to 5,319.1 h: the Sales
  card reads 5,319 h and its rows 984 + 1,325 + 1,041 + 788 + 1,181 h).
* Goal attainment is the planned contribution in the KPI's unit and as a
  percentage of the target (not capped, so overshooting shows); the
  overall figure is the goals' weighted mean with each goal capped at
  100 %, as the objective counts it.

The optimizer's objective, bound and gap are here too, never the headline.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from planner.core.capacity import team_limit, team_limit_shown
from planner.core.domain import (
    DEPARTMENT_ORDER,
    ZERO,
    Plan,
    Problem,
    Result,
    Status,
    capped_attainment,
)
from planner.core.machine_figures import percent_figure
from planner.core.rounded_parts import hours_adding_up as parts_hours_adding_up
from planner.core.shared_words import plural
from planner.core.shown_figures import hours_value
from planner.scenarios.checkin_goals import planned_value


def capacity_of(problem: Problem, team_id: str) -> Decimal:
    """A team's capacity in force in hours, as the headline and team load show it.

    Its quarter's weeks (calendar.csv's holidays and hires included) x its
    multiplier x max utilisation, exact; :func:`shown_capacity_of` is the figure
    shown (the sample's sales teams, shown and added up: 5,320 h, not teams.csv's
    5,500 h).
    """
    return as_decimal(team_limit(problem, problem.team(team_id)))


_Hours = TypeVar("_Hours", Decimal, Fraction)


def utilisation_pct(planned: _Hours, in_force: _Hours) -> float | None:
    """Planned hours over the capacity in force, in percent (``None``: no capacity): a
    team's, a department's and the plan's alike."""
    if in_force <= 0:
        return None
    return float(100 * planned / in_force)


def shown_hours(amount: Decimal | Fraction) -> Decimal:
    """Hours exactly as every page writes them (:func:`~planner.core.shown_figures.hours_value`).

    The one rounding of a team's hours: the team rows, the cards, the CLI and
    the exports read it, and add it up for a department or the plan.
    """
    return Decimal(repr(hours_value(amount)))


def hours_adding_up(teams: Sequence[TeamFigures]) -> tuple[TeamFigures, ...]:
    """``teams`` with their own, quarter's and planned hours as shown adding up to the plan's
    exact totals rounded once, department by department (plan.csv's ``effort_hours``
    summed), as their capacity in force does (:func:`team_limit_shown`).

    Each team's own rounding where those already add up (whole hours always do); where
    they do not (46.8 + 31.2 + 69.5 + ... h), the
    largest remainders take the steps, so each team reads within one step of its exact
    hours and its department's card is the sum of its rows.
    """
    base = _shown_adding_up(teams, [t.base_hours for t in teams])
    quarter = _shown_adding_up(teams, [t.quarter_hours for t in teams])
    planned = _shown_adding_up(teams, [t.planned_hours for t in teams])
    return tuple(
        replace(
            t,
            base_shown=t.base_shown if base is None else base[i],
            quarter_shown=t.quarter_shown if quarter is None else quarter[i],
            planned_shown=t.planned_shown if planned is None else planned[i],
        )
        for i, t in enumerate(teams)
    )


def _shown_adding_up(
    teams: Sequence[TeamFigures], exact: Sequence[Decimal]
) -> list[Decimal] | None:
    """The teams' ``exact`` hours as shown, adding up to their departments' and the plan's
    exact sums rounded once (:func:`~planner.core.rounded_parts.hours_adding_up`); ``None`` where
    each team's own rounding already does."""
    shown = [Decimal(repr(x)) for x in parts_hours_adding_up([t.department for t in teams], exact)]
    if shown == [shown_hours(x) for x in exact]:
        return None
    return shown


def shown_capacity_of(problem: Problem, team_id: str) -> Decimal:
    """A team's capacity in force as its row shows it (:func:`team_limit_shown`)."""
    return Decimal(repr(team_limit_shown(problem, problem.team(team_id))))


def team_loads(problem: Problem, plan: Plan | None) -> dict[str, TeamFigures]:
    """Every team's figures under ``plan`` by team id: :func:`plan_metrics`'s, not a copy."""
    return {t.team_id: t for t in plan_metrics(problem, plan).teams}


def goal_attainment(problem: Problem, plan: Plan | None) -> dict[str, GoalFigures]:
    """Every goal's figures under ``plan`` by goal id: :func:`plan_metrics`'s, not a copy."""
    return {g.goal_id: g for g in plan_metrics(problem, plan).goals}


#: Goals whose planned attainment is at least this share of target count as met.
MET = 100.0


def as_decimal(amount: Fraction) -> Decimal:
    """Hours (or any figure) held exactly as a fraction, as the decimal the figures carry."""
    return Decimal(amount.numerator) / Decimal(amount.denominator)


@dataclass(frozen=True)
class GoalFigures:
    """How far a plan gets one goal.

    ``planned`` is in the KPI's unit (a joint project's value split by
    share, so the rows sum to it); ``percent`` is ``planned`` over
    ``target``, not capped.
    """

    goal_id: str
    name: str
    kpi: str
    owner: str
    weight: Decimal
    target: Decimal
    planned: Decimal
    percent: float
    num_projects: int
    num_planned: int

    @property
    def met(self) -> bool:
        """Whether the plan reaches the target (:data:`MET` % of it or more)."""
        return self.percent >= MET


@dataclass(frozen=True)
class TeamFigures:
    """A team's planned hours against its capacity in force.

    ``in_force_hours`` is the capacity in force (base x multiplier x max
    utilisation); ``base_hours`` teams.csv's ``capacity_hours``; ``quarter_hours`` the
    quarter's hours at 100 % (calendar.csv's weeks where given, before any
    what-if and max utilisation). ``utilisation_pct`` is ``None`` for a team
    with no capacity in force. The ``shown_*`` figures are the same hours as
    every page writes them (:func:`shown_hours`), the ones a department adds up:
    ``*_shown`` where a team's own rounding would not add up (:func:`hours_adding_up`).
    """

    team_id: str
    name: str
    department: str
    base_hours: Decimal
    in_force_hours: Decimal
    planned_hours: Decimal
    num_projects: int
    quarter_hours: Decimal
    planned_shown: Decimal | None = None
    in_force_shown: Decimal | None = None
    base_shown: Decimal | None = None
    quarter_shown: Decimal | None = None

    @property
    def free_hours(self) -> Decimal:
        """Capacity in force not planned, exact (negative when over it)."""
        return self.in_force_hours - self.planned_hours

    @property
    def shown_in_force(self) -> Decimal:
        """``in_force_hours`` as every page writes it (``in_force_shown`` where given)."""
        if self.in_force_shown is not None:
            return self.in_force_shown
        return shown_hours(self.in_force_hours)

    @property
    def shown_planned(self) -> Decimal:
        """``planned_hours`` as every page writes it (``planned_shown`` where given)."""
        if self.planned_shown is not None:
            return self.planned_shown
        return shown_hours(self.planned_hours)

    @property
    def shown_base(self) -> Decimal:
        """``base_hours`` as every page writes it (``base_shown`` where given)."""
        if self.base_shown is not None:
            return self.base_shown
        return shown_hours(self.base_hours)

    @property
    def shown_quarter(self) -> Decimal:
        """``quarter_hours`` as every page writes it (``quarter_shown`` where given)."""
        if self.quarter_shown is not None:
            return self.quarter_shown
        return shown_hours(self.quarter_hours)

    @property
    def shown_free(self) -> Decimal:
        """Capacity as shown minus planned as shown: the row reads as its own subtraction."""
        return self.shown_in_force - self.shown_planned

    @property
    def utilisation_pct(self) -> float | None:
        """Planned hours over capacity in force, in % (``None``: no capacity in force)."""
        return utilisation_pct(self.planned_hours, self.in_force_hours)

    @property
    def capacity_changed(self) -> bool:
        """Whether a what-if or the max utilisation makes the capacity differ from the base."""
        return self.in_force_hours != self.base_hours


@dataclass(frozen=True)
class DepartmentFigures:
    """A department's teams added up.

    ``shown_*``: the sum of its teams' hours as shown, the department's hours
    as every card, the CLI and the exports write them.
    """

    department: str
    num_teams: int
    base_hours: Decimal
    in_force_hours: Decimal
    planned_hours: Decimal
    shown_base_hours: Decimal
    shown_in_force_hours: Decimal
    shown_planned_hours: Decimal

    @property
    def utilisation_pct(self) -> float | None:
        """Its teams' planned hours over their capacity in force, in % (``None``: none)."""
        return utilisation_pct(self.planned_hours, self.in_force_hours)


@dataclass(frozen=True)
class PlanMetrics:
    """Every headline figure of one plan (or of a result with no plan).

    Counts: ``num_projects`` proposed, ``num_planned`` in the plan,
    ``num_left_out`` not in it, ``num_joint_planned`` of the planned ones
    joint, ``num_rows`` assignment rows (a joint project has two).
    """

    status: Status
    has_plan: bool
    num_projects: int
    num_planned: int
    num_left_out: int
    num_joint_planned: int
    num_rows: int
    num_mandatory: int
    goals: tuple[GoalFigures, ...]
    teams: tuple[TeamFigures, ...]
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0

    # -- goals ------------------------------------------------------------

    @property
    def attainment_pct(self) -> float | None:
        """The goals' weighted mean attainment, each capped at 100 % (``None``: no goals/plan)."""
        if not self.goals or not self.has_plan:
            return None
        total = sum((Fraction(g.weight) for g in self.goals), Fraction(0))
        if total <= 0:
            return None
        weighted = sum(
            (
                Fraction(g.weight) * capped_attainment(Fraction(g.planned), Fraction(g.target))
                for g in self.goals
            ),
            Fraction(0),
        )
        return float(weighted / total)

    @property
    def num_goals_met(self) -> int:
        """How many goals the plan meets (:attr:`GoalFigures.met`)."""
        return sum(1 for g in self.goals if g.met)

    def goal(self, goal_id: str) -> GoalFigures:
        """The figures of the goal ``goal_id`` (``StopIteration`` for an unknown id)."""
        return next(g for g in self.goals if g.goal_id == goal_id)

    # -- capacity ----------------------------------------------------------

    def team(self, team_id: str) -> TeamFigures:
        """The figures of the team ``team_id`` (``StopIteration`` for an unknown id)."""
        return next(t for t in self.teams if t.team_id == team_id)

    def department(self, department: str) -> DepartmentFigures:
        """The department's teams added up (all zero for a department with none)."""
        teams = [t for t in self.teams if t.department == department]
        return DepartmentFigures(
            department,
            len(teams),
            sum((t.base_hours for t in teams), Decimal(0)),
            sum((t.in_force_hours for t in teams), Decimal(0)),
            sum((t.planned_hours for t in teams), Decimal(0)),
            sum((t.shown_base for t in teams), Decimal(0)),
            sum((t.shown_in_force for t in teams), Decimal(0)),
            sum((t.shown_planned for t in teams), Decimal(0)),
        )

    def departments(self) -> tuple[DepartmentFigures, ...]:
        """Each department with teams, marketing first (as the cards)."""
        present = {t.department for t in self.teams}
        return tuple(self.department(d) for d in DEPARTMENT_ORDER if d in present)

    @property
    def in_force_hours(self) -> Decimal:
        """All teams' capacity in force."""
        return sum((t.in_force_hours for t in self.teams), Decimal(0))

    @property
    def base_hours(self) -> Decimal:
        """All teams' ``capacity_hours`` in teams.csv."""
        return sum((t.base_hours for t in self.teams), Decimal(0))

    @property
    def planned_hours(self) -> Decimal:
        """All teams' planned hours, exact."""
        return sum((t.planned_hours for t in self.teams), Decimal(0))

    @property
    def shown_in_force_hours(self) -> Decimal:
        """All teams' capacity in force as shown: the exact sum rounded once, which the teams'
        shown figures add up to (:func:`hours_adding_up`)."""
        return sum((t.shown_in_force for t in self.teams), Decimal(0))

    @property
    def shown_base_hours(self) -> Decimal:
        """All teams' ``capacity_hours`` as shown: the teams' shown figures added up."""
        return sum((t.shown_base for t in self.teams), Decimal(0))

    @property
    def shown_planned_hours(self) -> Decimal:
        """All planned hours as shown: plan.csv's ``effort_hours`` added up, rounded once
        (the teams' shown figures add up to it, :func:`hours_adding_up`)."""
        return sum((t.shown_planned for t in self.teams), Decimal(0))

    @property
    def utilisation_pct(self) -> float | None:
        """All planned hours over all capacity in force (``None``: no plan or no capacity)."""
        if not self.has_plan:
            return None
        return utilisation_pct(self.planned_hours, self.in_force_hours)

    # -- words ---------------------------------------------------------------

    def projects_text(self) -> str:
        """``31 of 40 projects in the plan (3 joint: 34 assignment rows)``."""
        text = f"{self.num_planned} of {plural(self.num_projects, 'project')} in the plan"
        if self.num_joint_planned:
            joint = "joint project" if self.num_joint_planned == 1 else "joint projects"
            text += (
                f" ({self.num_joint_planned} {joint} with two owners: "
                f"{self.num_rows} assignment rows)"
            )
        return text

    def to_json(self) -> dict[str, object]:
        """The figures as JSON-ready values (``planner solve --json``, exports)."""
        return {
            "num_projects": self.num_projects,
            "num_planned": self.num_planned,
            "num_left_out": self.num_left_out,
            "num_joint_planned": self.num_joint_planned,
            "num_assignment_rows": self.num_rows,
            "attainment_pct": _rounded(self.attainment_pct),
            "num_goals_met": self.num_goals_met,
            # Exact figures for machines; ``*_shown`` the hours as the text, the pages and
            # plan.xlsx write them: the plan's capacity is the exact sum rounded once
            # (9,709 h on the sample, 9,709.28 h exact) and its teams' shown hours add up to
            # it; its planned hours plan.csv's column added up and rounded once.
            "capacity_hours": float(self.in_force_hours),
            "base_capacity_hours": float(self.base_hours),
            "planned_hours": float(self.planned_hours),
            "capacity_hours_shown": float(self.shown_in_force_hours),
            "base_capacity_hours_shown": float(self.shown_base_hours),
            "planned_hours_shown": float(self.shown_planned_hours),
            "utilisation_pct": _rounded(self.utilisation_pct),
            "goals": [
                {
                    "goal_id": g.goal_id,
                    "name": g.name,
                    "kpi": g.kpi,
                    "target": float(g.target),
                    "planned": float(g.planned),
                    "attainment_pct": _rounded(g.percent),
                    "weight": float(g.weight),
                }
                for g in self.goals
            ],
            "teams": [
                {
                    "team_id": t.team_id,
                    "name": t.name,
                    "department": t.department,
                    "capacity_hours": float(t.in_force_hours),
                    "base_capacity_hours": float(t.base_hours),
                    "planned_hours": float(t.planned_hours),
                    "capacity_hours_shown": float(t.shown_in_force),
                    "base_capacity_hours_shown": float(t.shown_base),
                    "planned_hours_shown": float(t.shown_planned),
                    "utilisation_pct": _rounded(t.utilisation_pct),
                    "num_projects": t.num_projects,
                }
                for t in self.teams
            ],
            # Each department's hours as the app's cards and planner solve show them:
            # the sum of its teams' hours as shown (whole hours from 10 on), which is its
            # exact hours rounded once.
            "departments": [
                {
                    "department": d.department,
                    "num_teams": d.num_teams,
                    "capacity_hours_shown": float(d.shown_in_force_hours),
                    "base_capacity_hours_shown": float(d.shown_base_hours),
                    "planned_hours_shown": float(d.shown_planned_hours),
                    "utilisation_pct": _rounded(d.utilisation_pct),
                }
                for d in self.departments()
            ],
        }


def _rounded(x: float | None) -> float | None:
    # Six decimals: readable JSON, and whoever shows it with planner.core.shown_figures.percent
    # shows what the app shows (rounding to 2 first would round twice: 94.649 -> 94.7;
    # to the nearest six, a goal at 99.99999995 % of target read 100.0 % in planner
    # solve's text beside "0 of 1 goals at target"): kept on its side of the edge.
    return percent_figure(x)


#: The latest plans' figures, by the identity of their problem and plan (frozen values):
#: one run of the Constraints page after a capacity slider move asked for the same four
#: plans' figures 12 times (the cards, the team table, the load chart, the what-if's
#: summary and its goal and hours lines).
_FIGURES: list[tuple[Problem, Plan | None, PlanMetrics]] = []
_FIGURES_KEPT = 8  # plan_metrics' docstring says "eight"
_FIGURES_LOCK = threading.Lock()


def plan_metrics(problem: Problem, plan: Plan | None, result: Result | None = None) -> PlanMetrics:
    """The figures of ``plan`` for ``problem`` (``result`` adds status, objective and bound),
    as every page, the CLI and the exports show them: each goal's attainment
    (:class:`GoalFigures`), each team's load against its capacity in force
    (:class:`TeamFigures`); ``plan`` ``None``: nothing planned.

    Computed once while the same problem and plan objects are asked about again (the last
    eight pairs asked about are remembered): they never change, nor do the figures.
    """
    with _FIGURES_LOCK:
        known = [f for p, kept_plan, f in _FIGURES if p is problem and kept_plan is plan]
    if known:
        figures = known[0]
    else:  # outside the lock: other sessions' figures do not wait for these
        figures = _plan_metrics(problem, plan)
        with _FIGURES_LOCK:
            _FIGURES.append((problem, plan, figures))
            del _FIGURES[:-_FIGURES_KEPT]
    if result is None:
        return figures
    return replace(
        figures,
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        seconds=result.runtime_s,
    )


def _plan_metrics(problem: Problem, plan: Plan | None) -> PlanMetrics:
    owners = plan.owners() if plan is not None else {}
    hours = plan.team_load() if plan is not None else {}
    rows_per_team: dict[str, int] = defaultdict(int)
    planned = planned_value(problem, plan) if plan is not None else {}
    planned_projects: dict[str, set[str]] = defaultdict(set)
    for a in plan.assignments if plan is not None else ():
        rows_per_team[a.team_id] += 1
        goal_id = problem.project(a.project_id).goal_id
        if goal_id is not None:
            planned_projects[goal_id].add(a.project_id)
    proposed: dict[str, int] = defaultdict(int)
    for p in problem.projects:
        if p.goal_id is not None:
            proposed[p.goal_id] += 1
    goals = tuple(
        GoalFigures(
            g.goal_id,
            g.name,
            g.kpi,
            g.owner,
            g.weight,
            g.target,
            planned.get(g.goal_id, ZERO),
            float(100 * planned.get(g.goal_id, ZERO) / g.target) if g.target > 0 else 0.0,
            proposed[g.goal_id],
            len(planned_projects[g.goal_id]),
        )
        for g in problem.goals
    )
    teams = hours_adding_up(
        [
            TeamFigures(
                t.team_id,
                t.name,
                t.department,
                t.capacity_hours,
                as_decimal(team_limit(problem, t)),
                hours.get(t.team_id, ZERO),
                rows_per_team[t.team_id],
                as_decimal(problem.quarter_hours(t.team_id)),
                in_force_shown=Decimal(repr(team_limit_shown(problem, t))),
            )
            for t in map(problem.team, problem.team_order)  # marketing first, as the charts
        ]
    )
    return PlanMetrics(
        status=Status.FEASIBLE,
        has_plan=plan is not None,
        num_projects=len(problem.projects),
        num_planned=len(owners),
        num_left_out=len(problem.projects) - len(owners),
        num_joint_planned=sum(1 for p in owners if problem.project(p).joint),
        num_rows=len(plan.assignments) if plan is not None else 0,
        num_mandatory=sum(1 for p in problem.projects if p.mandatory),
        goals=goals,
        teams=teams,
    )


def result_metrics(problem: Problem, result: Result) -> PlanMetrics:
    """The figures of a solve's result."""
    return plan_metrics(problem, result.plan, result)
