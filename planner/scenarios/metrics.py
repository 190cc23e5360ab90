"""A scenario and the figures of its plan: one set of figures per plan, read everywhere.

A :class:`Scenario` is a named snapshot of inputs, settings and the plan
they produced. This module is pure domain logic: it never touches the
database (:mod:`planner.scenarios.storage` saves and loads scenarios) and
never imports Streamlit.

A leader who reads "capacity 1,400 h" on one screen and "1,120 h" on the
next stops trusting the plan, so each figure is computed once, here, and
read everywhere else:

* Projects are counted as projects and assignment rows as rows: a joint
  project is one project with two owners (two rows).
* "Capacity" is the capacity in force: a team's hours x its what-if
  multiplier x the max utilisation, what rule 5 lets the plan use. The
  base (the hours in teams.csv) is kept beside it.
* Utilisation is planned hours over the capacity in force.
* Hours are shown per team as :func:`shown_hours` rounds them (whole hours
  from 10 on), and a department's or the plan's hours as shown are the sum of
  its teams' shown figures: the team rows a leader adds up give the card's
  total (the sample's sales teams read 985 + 1,325 + 1,041 + 788 + 1,181 h,
  and the Sales card 5,320 h, not the exact sum's 5,319 h).
* Goal attainment is the planned contribution in the KPI's unit and as a
  percentage of the target (not capped, so overshooting shows); the
  overall figure is the goals' weighted mean with each goal capped at
  100 %, as the objective counts it.

The optimizer's objective, bound and gap are here too, never the headline.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from planner.core.domain import DEPARTMENT_ORDER, ZERO, Plan, Problem, Result, Status
from planner.core.text import escaped, hours_value, name_key, plural, undecodable
from planner.optimizer.eligibility import team_limit
from planner.scenarios.checkin import (
    CheckIn,
    ProjectStatus,
    planned_value,
    quarter_attainment,
    quarter_forecast,
)
from planner.scenarios.met_goals import MetGoal, met_goals

#: Longest name a scenario may have (it is shown in lists and charts).
MAX_NAME_LENGTH = 200
#: Longest note a scenario may have.
MAX_NOTE_LENGTH = 10_000


# ---------------------------------------------------------------------------
# Value objects
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    """A scenario's headline figures, as listed and compared.

    ``attainment_pct`` is the goals' weighted mean attainment, each goal
    capped at 100 % as the objective counts it; ``utilisation_pct`` is all
    planned hours over all capacity in force. Both are ``None`` without a
    plan or without goals/capacity; so are the counts without a plan.
    ``kept_close`` is the tolerance of a what-if kept close to the plan in
    force (its distance from the best plan is a choice, not the clock's),
    ``None`` for any other solve.
    """

    status: Status
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    attainment_pct: float | None = None
    utilisation_pct: float | None = None
    num_assigned: int | None = None
    num_unassigned: int | None = None
    reasons: tuple[str, ...] = ()
    kept_close: float | None = None


@dataclass(frozen=True)
class ScenarioSummary:
    """One saved scenario as the list shows it: identity, lineage and metrics."""

    scenario_id: int
    name: str
    note: str
    created_at: datetime
    parent_id: int | None
    metrics: Metrics
    parent_name: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A named snapshot: inputs and settings (``problem``), the plan and its metrics.

    ``scenario_id`` and ``created_at`` are ``None`` until it is saved.
    ``plan`` is ``None`` when the solve found no plan (the metrics say why).
    ``checkin`` is the check-in a re-plan was made after (``None`` for any
    other scenario); ``problem`` is then the rest of the quarter, without ``met``.
    """

    name: str
    problem: Problem
    plan: Plan | None
    metrics: Metrics
    note: str = ""
    parent_id: int | None = None
    scenario_id: int | None = None
    created_at: datetime | None = None
    checkin: CheckIn | None = None
    met: tuple[MetGoal, ...] = ()

    def result(self) -> Result:
        """The saved solve's outcome: its plan and status, objective, bound, gap and time.

        Loading a scenario keeps this plan (e.g. a what-if kept close to the plan in
        force), never a fresh solve of its inputs, which may put projects elsewhere.
        """
        m = self.metrics
        return Result(
            m.status, self.plan, m.objective, m.bound, m.gap, m.seconds, reasons=m.reasons
        )

    def summary(self) -> ScenarioSummary:
        """The list row of a saved scenario."""
        if self.scenario_id is None or self.created_at is None:
            raise ValueError(f"scenario {self.name!r} is not saved yet")
        return ScenarioSummary(
            self.scenario_id, self.name, self.note, self.created_at, self.parent_id, self.metrics
        )


# ---------------------------------------------------------------------------
# Metrics of one plan
# ---------------------------------------------------------------------------


def check_name(name: str) -> str:
    """The name, exactly as given, if a scenario may be called that.

    Any text is kept exactly (quotes, commas, unicode, formula characters,
    SQL, control characters), but a name must show something.

    Raises
    ------
    ValueError
        When the name is blank or longer than :data:`MAX_NAME_LENGTH`.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError("A scenario needs a name. Fix: Type one that is not blank.")
    _check_utf8(name, "A scenario name")
    if not name_key(name):
        # A right-to-left mark or a zero-width space alone: a list row nobody can pick.
        raise ValueError(
            f"A scenario needs a name: {escaped(name)} holds only characters nobody sees. "
            "Fix: Type a name with letters or digits."
        )
    if (number := id_reference(name_key(name))) is not None:
        # "delete '#2'" deleted scenario 2, not the scenario the list showed named "#2".
        raise ValueError(
            f"A scenario may not be named {escaped(name.strip())}: #{number} always means the "
            f"scenario with id {number}, so this name could never be told apart from it. Fix: "
            f"Add a word, e.g. 'Plan {escaped(name.strip())}'."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"A scenario name has at most {MAX_NAME_LENGTH} characters (this one has "
            f"{len(name)}). Fix: Shorten it."
        )
    return name


def id_reference(text: str) -> int | None:
    """The scenario id ``text`` names as ``#12`` (spaces around it and after ``#`` allowed),
    or None. ASCII digits only (``str.isdigit`` also takes '¹', which int() refuses)."""
    text = text.strip()
    digits = text[1:].strip()
    if text.startswith("#") and digits.isascii() and digits.isdigit() and len(digits) < 19:
        return int(digits)
    return None


def derived_name(prefix: str, name: str) -> str:
    """``prefix`` + ``name`` as a scenario name, ``name`` cut (with "…") to fit its length.

    A name the leader typed at the full length made the name derived from it
    (a check-in's "Baseline of ...") too long to save, with a count that was
    not the one in the box.
    """
    whole = f"{prefix}{name}"
    if len(whole) <= MAX_NAME_LENGTH:
        return whole
    return f"{prefix}{name[: MAX_NAME_LENGTH - len(prefix) - 1].rstrip()}…"


def _check_utf8(text: str, what: str) -> None:
    """Refuse text holding bytes that are not UTF-8 (the database cannot store it)."""
    if bad := undecodable(text):
        raise ValueError(
            f"{what} cannot hold {escaped(text)}: {escaped(bad[0])} stands for a byte that is "
            "not UTF-8 text (a terminal or file in another encoding, e.g. Latin-1). Fix: "
            "Retype it in a terminal set to UTF-8."
        )


def check_note(note: str) -> str:
    """The note, exactly as given, if it is at most :data:`MAX_NOTE_LENGTH` long."""
    if not isinstance(note, str):
        raise ValueError("A note is text. Fix: Write the note as text.")
    _check_utf8(note, "A note")
    if len(note) > MAX_NOTE_LENGTH:
        raise ValueError(f"A note has at most {MAX_NOTE_LENGTH} characters. Fix: Shorten it.")
    return note


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
    """Hours exactly as every page writes them (:func:`~planner.core.text.hours_value`).

    The one rounding of a team's hours: the team rows, the cards, the CLI and
    the exports read it, and add it up for a department or the plan.
    """
    return Decimal(repr(hours_value(amount)))


def shown_capacity_of(problem: Problem, team_id: str) -> Decimal:
    """A team's capacity in force as shown (:func:`shown_hours` of :func:`capacity_of`)."""
    return shown_hours(capacity_of(problem, team_id))


def team_loads(problem: Problem, plan: Plan | None) -> dict[str, TeamFigures]:
    """Every team's figures under ``plan`` by team id: :func:`plan_metrics`'s, not a copy."""
    return {t.team_id: t for t in plan_metrics(problem, plan).teams}


def goal_attainment(problem: Problem, plan: Plan | None) -> dict[str, GoalFigures]:
    """Every goal's figures under ``plan`` by goal id: :func:`plan_metrics`'s, not a copy."""
    return {g.goal_id: g for g in plan_metrics(problem, plan).goals}


def headline_metrics(problem: Problem, result: Result) -> Metrics:
    """The figures a scenario list shows, as :func:`result_metrics` computes them."""
    plan = result.plan
    if plan is None:
        return Metrics(
            status=result.status,
            seconds=result.runtime_s,
            reasons=tuple(result.reasons),
        )
    figures = result_metrics(problem, result)
    return Metrics(
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        seconds=result.runtime_s,
        attainment_pct=figures.attainment_pct,
        utilisation_pct=figures.utilisation_pct,
        num_assigned=figures.num_planned,
        num_unassigned=figures.num_left_out,
        reasons=tuple(result.reasons),
    )


def new_scenario(
    problem: Problem,
    result: Result,
    name: str,
    note: str = "",
    parent_id: int | None = None,
    checkin: CheckIn | None = None,
    quarter: Problem | None = None,
    kept_close: float | None = None,
) -> Scenario:
    """A scenario to save: ``problem`` and the ``result`` of solving it.

    ``kept_close``: the tolerance when ``result`` is a what-if kept close to the
    plan in force (:func:`~planner.scenarios.relative.solve_relative`), so that it
    reads as one when loaded back.

    ``checkin`` when ``problem`` is the re-plan of a check-in (stored with it);
    ``quarter`` then is the quarter's own problem (its full targets), and the
    headline attainment is the quarter-end forecast (achieved so far plus what
    the re-plan adds), as the Check-in page heads it and as its parent's reads,
    not the re-plan's score on what was left of each target.

    Raises
    ------
    ValueError
        When the name is blank or too long, or the note too long.
    """
    metrics = replace(headline_metrics(problem, result), kept_close=kept_close)
    if checkin is not None and quarter is not None and result.plan is not None:
        metrics = quarter_end_metrics(quarter, checkin, result.plan, metrics)
    return Scenario(
        name=check_name(name),
        note=check_note(note),
        problem=problem,
        plan=result.plan,
        metrics=metrics,
        parent_id=parent_id,
        checkin=checkin,
        met=() if checkin is None or quarter is None else met_goals(quarter, problem),
    )


def replan_quarter_end(
    quarter: Problem, checkin: CheckIn, rest: Problem, result: Result
) -> Metrics:
    """A check-in's re-plan of ``rest`` read at the end of the ``quarter``: the figures that
    head its plan.xlsx Summary (``planner checkin --out .xlsx``, the Check-in page's download)
    as its saved scenario's and the page's "At quarter end" card do."""
    if result.plan is None:
        raise ValueError("a re-plan without a plan has no quarter end")
    return quarter_end_metrics(quarter, checkin, result.plan, headline_metrics(rest, result))


def quarter_end_metrics(
    quarter: Problem, checkin: CheckIn, plan: Plan, metrics: Metrics
) -> Metrics:
    """A check-in's re-plan ``metrics`` read at the end of the quarter, as its parent's are.

    The re-plan covers the rest of the quarter only (done work gone, capacity cut
    by the hours used). Its row beside its parent reads the whole quarter in
    every column: attainment is the quarter-end forecast; the projects in the
    plan are the done ones and the re-plan's (a dropped project is left out);
    utilisation is the hours used so far (the share of the quarter gone where a
    team's hours are not given, as the re-plan counts them) plus the re-plan's
    hours, over the quarter's capacity in force.
    """
    end = quarter_attainment(quarter, quarter_forecast(quarter, checkin, plan))
    in_plan = (checkin.ids_with(ProjectStatus.DONE) | set(plan.owners())) & set(
        quarter.project_index
    )
    planned = plan.team_load()
    capacity = used = Fraction(0)
    for team in quarter.teams:
        limit = team_limit(quarter, team)
        spent = checkin.hours_used.get(team.team_id)
        capacity += limit
        used += (limit * checkin.elapsed_share if spent is None else Fraction(spent)) + Fraction(
            planned.get(team.team_id, 0)
        )
    return replace(
        metrics,
        attainment_pct=metrics.attainment_pct if end is None else end.forecast,
        utilisation_pct=utilisation_pct(used, capacity),
        num_assigned=len(in_plan),
        num_unassigned=len(quarter.projects) - len(in_plan),
    )


# ---------------------------------------------------------------------------
# One set of figures per plan
# ---------------------------------------------------------------------------

#: Goals whose planned attainment is at least this share of target count as met.
MET = 100.0
_HUNDRED = Fraction(100)


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
        return self.percent >= MET

    @property
    def short_by(self) -> Decimal:
        """What is still missing to reach the target, in the KPI's unit (0 when met)."""
        return max(self.target - self.planned, Decimal(0))


@dataclass(frozen=True)
class TeamFigures:
    """A team's planned hours against its capacity in force.

    ``in_force_hours`` is the capacity in force (base x multiplier x max
    utilisation); ``base_hours`` teams.csv's ``capacity_hours``; ``quarter_hours`` the
    quarter's hours at 100 % (calendar.csv's weeks where given, before any
    what-if and max utilisation). ``utilisation_pct`` is ``None`` for a team
    with no capacity in force. The ``shown_*`` figures are the same hours as
    every page writes them (:func:`shown_hours`), the ones a department adds up.
    """

    team_id: str
    name: str
    department: str
    base_hours: Decimal
    in_force_hours: Decimal
    planned_hours: Decimal
    num_projects: int
    quarter_hours: Decimal

    @property
    def free_hours(self) -> Decimal:
        return self.in_force_hours - self.planned_hours

    @property
    def shown_in_force(self) -> Decimal:
        return shown_hours(self.in_force_hours)

    @property
    def shown_planned(self) -> Decimal:
        return shown_hours(self.planned_hours)

    @property
    def shown_base(self) -> Decimal:
        return shown_hours(self.base_hours)

    @property
    def shown_quarter(self) -> Decimal:
        return shown_hours(self.quarter_hours)

    @property
    def shown_free(self) -> Decimal:
        """Capacity as shown minus planned as shown: the row reads as its own subtraction."""
        return self.shown_in_force - self.shown_planned

    @property
    def utilisation_pct(self) -> float | None:
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
                Fraction(g.weight) * min(_HUNDRED, 100 * Fraction(g.planned) / Fraction(g.target))
                for g in self.goals
            ),
            Fraction(0),
        )
        return float(weighted / total)

    @property
    def num_goals_met(self) -> int:
        return sum(1 for g in self.goals if g.met)

    def goal(self, goal_id: str) -> GoalFigures:
        return next(g for g in self.goals if g.goal_id == goal_id)

    # -- capacity ----------------------------------------------------------

    def team(self, team_id: str) -> TeamFigures:
        return next(t for t in self.teams if t.team_id == team_id)

    def department(self, department: str) -> DepartmentFigures:
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
        return sum((t.base_hours for t in self.teams), Decimal(0))

    @property
    def planned_hours(self) -> Decimal:
        return sum((t.planned_hours for t in self.teams), Decimal(0))

    @property
    def shown_in_force_hours(self) -> Decimal:
        """All teams' capacity in force as shown: the sum of each team's shown figure."""
        return sum((t.shown_in_force for t in self.teams), Decimal(0))

    @property
    def shown_base_hours(self) -> Decimal:
        return sum((t.shown_base for t in self.teams), Decimal(0))

    @property
    def shown_planned_hours(self) -> Decimal:
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
            # plan.xlsx write them: the plan's are the sum of its teams' shown hours
            # (9,711 h on the sample, where the exact sum is 9,709.28 h).
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
            # the sum of its teams' hours as shown (whole hours from 10 on).
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
    # Six decimals: readable JSON, and whoever shows it with planner.core.text.percent
    # shows what the app shows (rounding to 2 first would round twice: 94.649 -> 94.7).
    return None if x is None else round(x, 6)


#: The latest plans' figures, by the identity of their problem and plan (frozen values):
#: one run of the Constraints page after a capacity slider move asked for the same four
#: plans' figures 12 times (the cards, the team table, the load chart, the what-if's
#: summary and its goal and hours lines).
_FIGURES: list[tuple[Problem, Plan | None, PlanMetrics]] = []
_FIGURES_KEPT = 8
_FIGURES_LOCK = threading.Lock()


def plan_metrics(problem: Problem, plan: Plan | None, result: Result | None = None) -> PlanMetrics:
    """The figures of ``plan`` for ``problem`` (``result`` adds status, objective and bound),
    as every page, the CLI and the exports show them: each goal's attainment
    (:class:`GoalFigures`), each team's load against its capacity in force
    (:class:`TeamFigures`); ``plan`` ``None``: nothing planned.

    Computed once while the same problem and plan objects are asked about (the latest
    :data:`_FIGURES_KEPT`): they never change, nor do the figures.
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
    teams = tuple(
        TeamFigures(
            t.team_id,
            t.name,
            t.department,
            t.capacity_hours,
            as_decimal(team_limit(problem, t)),
            hours.get(t.team_id, ZERO),
            rows_per_team[t.team_id],
            as_decimal(problem.quarter_hours(t.team_id)),
        )
        for t in map(problem.team, problem.team_order)  # marketing first, as the charts
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


def now() -> datetime:
    """The current time in UTC (a scenario's creation time)."""
    return datetime.now(UTC)
