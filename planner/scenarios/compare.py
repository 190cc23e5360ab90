"""Compare two scenarios: projects that moved, team loads, goals, settings and inputs, and
which two plans a comparison opens on (:func:`default_pair`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from planner.core.capacity import team_limit
from planner.core.domain import Problem
from planner.core.shared_words import LEFT_OUT, plural
from planner.core.shown_figures import (
    capitalised,
    hours,
    percent,
    points,
    points_between,
    points_value,
)
from planner.core.weeks import week_limits, weeks_words
from planner.explain.assignment import why_not_teams
from planner.explain.scoring import Scorer
from planner.optimizer.eligibility import exclusion
from planner.scenarios.checkin import ProjectStatus
from planner.scenarios.id_renames import renamed_projects
from planner.scenarios.input_changes import data_changes, settings_changes
from planner.scenarios.met_goals import with_met_goals
from planner.scenarios.metrics import (
    GoalFigures,
    TeamFigures,
    as_decimal,
    goal_attainment,
    hours_adding_up,
    team_loads,
)
from planner.scenarios.out_of_plan import OutOfPlan, checkin_counts_words, out_of_plan
from planner.scenarios.plan_change import plan_change, planned_weeks
from planner.scenarios.replan_diff import gained_by_team
from planner.scenarios.scenario import Metrics, Scenario, ScenarioSummary


@dataclass(frozen=True)
class ProjectChange:
    """A project whose owners differ between scenario A and scenario B.

    ``kind`` is ``moved`` (owned in both, by different teams), ``added``
    (owned only in B), ``dropped`` (owned only in A) or ``rescheduled`` (the
    same owners, in other weeks). ``note`` says when the project is not in
    one scenario's inputs at all.
    """

    project_id: str
    name: str
    kind: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    note: str = ""
    #: The owners' team names (``before`` and ``after`` are team ids), in the same order.
    before_names: tuple[str, ...] = ()
    after_names: tuple[str, ...] = ()
    #: Why, in the plans' own words: a dropped project's reason for being left out of B,
    #: an added one's in A ("A left it out: ..."), a moved one's for not keeping A's owner
    #: in B (the Plan page's "Why not ..."); "" with no reason told.
    why: str = ""
    #: A rescheduled project's first and last weeks in A and in B (None otherwise).
    weeks_before: tuple[int, int] | None = None
    weeks_after: tuple[int, int] | None = None

    def owners_text(self, which: str) -> str:
        """The owners in A (``"before"``) or B (``"after"``) by name, or ``left out``; a
        rescheduled project's with its weeks (``Demand Gen, weeks 2-7``)."""
        names = self.before_names if which == "before" else self.after_names
        ids = self.before if which == "before" else self.after
        weeks = self.weeks_before if which == "before" else self.weeks_after
        owners = ", ".join(names or ids) or "left out"
        return (
            owners if weeks is None else f"{owners}, {weeks_words(range(weeks[0], weeks[1] + 1))}"
        )


@dataclass(frozen=True)
class TeamDelta:
    """A team's planned hours and utilisation in A and B (None: not in that scenario)."""

    team_id: str
    name: str
    department: str
    hours_a: Decimal | None
    hours_b: Decimal | None
    utilisation_a: float | None
    utilisation_b: float | None

    @property
    def delta_hours(self) -> Decimal:
        """B's hours less A's, exact: the one change every page, the command line and
        comparison.xlsx read, rounded once as they write it (1,120.5 h to 1,000.4 h is
        -120.1 h, "-120 h"), so that the workbook's change is its two columns' difference
        and `scenarios compare --json` says the same figure."""
        return (self.hours_b or Decimal(0)) - (self.hours_a or Decimal(0))


@dataclass(frozen=True)
class GoalDelta:
    """A goal's attainment (percent of target, uncapped) in A and B."""

    goal_id: str
    name: str
    percent_a: float | None
    percent_b: float | None

    @property
    def delta_points(self) -> float:
        """The change between the two percentages as every page shows them (85.6 % →
        85.9 % is 0.3, not the unrounded figures' 0.23), as the Compare tab's chart gives it."""
        return points_value(self.percent_a or 0.0, self.percent_b or 0.0) or 0.0


@dataclass(frozen=True)
class Comparison:
    """Scenario B against scenario A: what moved, loads, goals and headline figures."""

    name_a: str
    name_b: str
    metrics_a: Metrics
    metrics_b: Metrics
    projects: tuple[ProjectChange, ...]
    teams: tuple[TeamDelta, ...]
    goals: tuple[GoalDelta, ...]
    settings_changes: tuple[str, ...] = ()
    input_changes: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: The data tables' differences in words (``Teams: 1 edited``); none beside a check-in,
    #: whose inputs are the rest of the quarter (``settings_changes`` says what it is).
    data_changes: tuple[str, ...] = ()
    #: When A and B weigh the goals differently: A's goal attainment weighed as B weighs
    #: them, the figure B's change is read against (None when the weights are the same).
    attainment_a_by_b: float | None = None
    #: Whether A or B is a check-in's re-plan: its teams' hours are the quarter's.
    checked_in: bool = False

    def team_hours_words(self) -> str | None:
        """What a check-in's team hours are, said beside them on the Compare tab, by
        ``planner scenarios compare`` and in comparison.xlsx (``None``: no check-in).

        They are the quarter's, as its goals are at the quarter's end: the hours used so far
        (spent, as recorded) plus the re-plan's. A project done by the plan and dropped at
        the check-in left the plan while Compare said no team's hours changed: its hours
        were spent before the check-in, and the words now say so.
        """
        if not self.checked_in:
            return None
        words = (
            "A check-in's team hours are the quarter's: each team's hours used so far (spent) "
            "plus its re-planned hours, as its goals are read at the quarter's end."
        )
        if out := self.changes(LEFT_OUT) + self.changes("dropped"):
            one = len(out) == 1
            words += (
                f" The {plural(len(out), 'project')} out of the plan keep"
                f"{'s' if one else ''} the hours {'it' if one else 'they'} used before the "
                "check-in; only the hours planned after it are gone."
            )
        return words

    def attainment_words(self) -> str | None:
        """Why B's change in goal attainment is read against another figure of A, or None."""
        if self.attainment_a_by_b is None:
            return None
        a, b = self.attainment_a_by_b, self.metrics_b.attainment_pct
        return (
            "A and B weigh the goals differently: weighed as B weighs them, A's goal "
            f"attainment is {percent(a)} ({percent(self.metrics_a.attainment_pct)} by its "
            f"own weights), so B's change is {points_between(a, b)}."
        )

    @property
    def attainment_change(self) -> str | None:
        """B's change in goal attainment, against A weighed as B weighs the goals."""
        change = self.attainment_change_points
        return None if change is None else points(change)

    @property
    def attainment_change_points(self) -> float | None:
        """:attr:`attainment_change` as a number of points (the figures as shown apart):
        the Compare tab, the text, comparison.xlsx and ``--json`` read this one figure."""
        a = self.metrics_a.attainment_pct
        a = a if self.attainment_a_by_b is None else self.attainment_a_by_b
        return points_value(a, self.metrics_b.attainment_pct)

    @property
    def delta_objective(self) -> float | None:
        a, b = self.metrics_a.objective, self.metrics_b.objective
        return None if a is None or b is None else b - a

    def changes(self, kind: str) -> tuple[ProjectChange, ...]:
        """The project changes of one kind: ``moved``, ``added``, ``left out`` (by B's plan),
        ``dropped`` (by a leader at a check-in) or ``rescheduled``."""
        return tuple(c for c in self.projects if c.kind == kind)


def compare(a: Scenario, b: Scenario) -> Comparison:
    """What changes from scenario ``a`` to scenario ``b``.

    Projects are matched by id, teams by id and goals by id, so scenarios
    with different inputs compare too: a project that exists in only one
    of them counts as added or dropped, with a note saying so.
    """
    # A check-in's inputs are the rest of the quarter: it says what it is, not which rows differ.
    checkin = _checkins(a, b)
    return Comparison(
        a.name,
        b.name,
        a.metrics,
        b.metrics,
        _project_changes(a, b),
        _team_deltas(a, b),
        _goal_deltas(a, b),
        settings_changes=checkin or settings_changes(a.problem, b.problem),
        input_changes={} if checkin else _input_changes(a.problem, b.problem),
        data_changes=() if checkin else data_changes(a.problem, b.problem),
        # A goal made to matter more: A by its own weights read as a loss what B gains (the
        # CMO's draft "-2.4 pts" beside the banner's "+3.7 pts"). Not beside a check-in,
        # whose weights are for the target left.
        attainment_a_by_b=None if checkin else _reweighed(a, b),
        checked_in=bool(checkin),
    )


def _reweighed(a: Scenario, b: Scenario) -> float | None:
    """A's goal attainment weighed as B weighs the goals, when the two weigh them apart."""
    if a.plan is None or b.plan is None:
        return None
    change = plan_change(a.problem, a.plan, b.problem, b.plan)
    return None if change.attainment_before_as_was is None else change.attainment_before


def _project_changes(a: Scenario, b: Scenario) -> tuple[ProjectChange, ...]:
    """The projects whose owners differ from ``a`` to ``b``: moved, added or dropped, with
    a note when one plan's inputs lack the project and why a plan left it out."""
    # A project whose id alone changed is one project, under B's id ("its id was ... in A").
    renamed = renamed_projects(a.problem, b.problem)
    old_id = {new: old for old, new in renamed.items()}
    owners_a = _under(renamed, a.plan.owners() if a.plan else {})
    owners_b = b.plan.owners() if b.plan else {}
    left_out_a = _under(renamed, a.plan.left_out_reasons() if a.plan else {})
    left_out_b = b.plan.left_out_reasons() if b.plan else {}
    # A check-in's re-plan no longer lists its done work: it stays with the teams that
    # did it (the other plan's owners), so getting a project done is not a change.
    owners_a = {**_done_owners(a, owners_b), **owners_a}
    owners_b = {**_done_owners(b, owners_a), **owners_b}
    projects_a = _under(renamed, a.problem.project_index)
    projects_b = b.problem.project_index
    # The same owners in other weeks is a change too ("which projects change owner or week",
    # a VP Sales asked of two drafts): not beside a check-in, whose re-plan starts at its week.
    checkin = a.checkin is not None or b.checkin is not None
    weeks_a, weeks_b = ({}, {}) if checkin else (_under(renamed, _weeks(a)), _weeks(b))
    gained = gained_by_team(owners_a, owners_b)
    changes = []
    scorer: Scorer | None = None  # B's plan's, made for the first move only
    for project_id in _ordered(list(projects_a) + list(projects_b)):
        before = owners_a.get(project_id, frozenset())
        after = owners_b.get(project_id, frozenset())
        was, now = weeks_a.get(project_id), weeks_b.get(project_id)
        rescheduled = before == after and was is not None and now is not None and was != now
        if before == after and not rescheduled:
            continue
        kind = (
            "rescheduled"
            if rescheduled
            else "moved"
            if before and after
            else ("added" if after else LEFT_OUT)
        )
        note = _note(a, b, project_id, old_id, projects_a, projects_b)
        if note == _DROPPED_AT_CHECKIN and kind == LEFT_OUT:
            # The leader's drop, the one thing "dropped" names: a plan leaving a project
            # out is "left out".
            kind = "dropped"
        project = projects_b.get(project_id) or projects_a[project_id]
        ids_a, ids_b = tuple(sorted(before)), tuple(sorted(after))
        # Not in one plan's inputs, or dropped by a leader: the note says why.
        why = ""
        if kind == LEFT_OUT and not note:
            why = _left_out_why(
                a.problem, b.problem, project_id, before, gained, left_out_b.get(project_id, "")
            )
        elif kind == "added" and not note and project_id in left_out_a:
            why = f"A left it out: {left_out_a[project_id]}"
        elif kind == "moved" and not note:
            if scorer is None and b.plan is not None:
                scorer = Scorer(b.problem, b.plan)
            why = "" if scorer is None else _why_moved(b, project_id, before - after, scorer)
        # Not beside a check-in, whose inputs carry the work done as edits of their own.
        if not note and not checkin and (edit := _edited_row(a.problem, b.problem, project_id)):
            why = f"{edit}. {why}" if why else edit
        changes.append(
            ProjectChange(
                project_id,
                project.name,
                kind,
                ids_a,
                ids_b,
                note,
                tuple(_team_name(a.problem, b.problem, t) for t in ids_a),
                tuple(_team_name(b.problem, a.problem, t) for t in ids_b),
                why,
                was if rescheduled else None,
                now if rescheduled else None,
            )
        )
    return tuple(changes)


#: The note on a project a check-in dropped.
_DROPPED_AT_CHECKIN = "dropped at the check-in"


def _note(
    a: Scenario,
    b: Scenario,
    project_id: str,
    old_id: Mapping[str, str],
    projects_a: Mapping[str, object],
    projects_b: Mapping[str, object],
) -> str:
    """What a changed project's row says of it beside its owners: dropped at a check-in,
    renamed from A, or missing from one side's inputs; "" when none of those."""
    if _dropped_at_checkin(a, old_id.get(project_id, project_id)) or _dropped_at_checkin(
        b, project_id
    ):
        return _DROPPED_AT_CHECKIN
    if project_id in old_id:
        return f"renamed: its id in A was {old_id[project_id]}"
    # The side, as the page's columns ("Owners in A") and the command line ("A: ...")
    # name it: a scenario's name read "not in Current plan's inputs".
    if project_id not in projects_a:
        return "not in A's inputs"
    if project_id not in projects_b:
        return "not in B's inputs"
    return ""


def _left_out_why(
    a: Problem,
    b: Problem,
    project_id: str,
    owners: frozenset[str],
    gained: Mapping[str, list[str]],
    reason: str,
) -> str:
    """Why B leaves out a project A had: the work its teams took on in B instead, then B's
    own reason. A Marketing Ops hire from week 6 left out a Demand Gen project with only
    "Demand Gen has no room for its 40.0 h a week ...": the room went to a project Demand
    Gen took on in B, as a check-in's re-plan says it ("it makes room for ..."). A team
    with fewer hours in B says so first: its room was not given up by choice.

    A project A's owner may no longer own in B (a leader forbade it, its skills or stage
    changed) did not make room by choice either: a CMO forbade Demand Gen its paid social
    and read "It makes room for 'Sponsored LinkedIn thought-leader ads'; no team may take it
    (Demand Gen: a leader's rule forbids it ...)". B's reason comes first, then where the
    room went."""
    taken = [p for t in sorted(owners) for p in gained.get(t, ()) if p in b.project_index]
    project = b.project_index.get(project_id)
    barred = project is not None and any(
        t in b.team_index and exclusion(b, project, b.team(t)) is not None for t in owners
    )
    parts = [reason] if reason and barred else []
    if taken:
        short = [t for t in sorted(owners) if _fewer_hours(a, b, t)]
        if short:
            teams = " and ".join(b.team(t).name for t in short)
            parts.append(f"{teams} {'has' if len(short) == 1 else 'have'} fewer hours in B")
        names = ", ".join(f"'{b.project(p).name}'" for p in dict.fromkeys(taken))
        by_choice = not short and not barred
        parts.append(f"it makes room for {names}" if by_choice else f"its room goes to {names}")
    if reason and not barred:
        parts.append(reason)
    return capitalised("; ".join(parts))


def _edited_row(a: Problem, b: Problem, project_id: str) -> str:
    """A project whose own row B's inputs edited, as the first words of its Why: "Its row
    is edited in B (runs 6 → 4 weeks, starts no earlier than week 1 → 3, done by week 13 →
    9)". A CMO read SEO pillar pages left out because "it makes room for 'Customer story
    video series'; Content has no room for its 85.0 h a week", not that its weeks had been
    squeezed from 6 to 4 on the Data page; a rescheduled project read nothing at all.
    "" when its row is the same (or it is in one side only)."""
    was, now = a.project_index.get(project_id), b.project_index.get(project_id)
    if was is None or now is None or was == now:
        return ""
    window_a, window_b = a.window(was), b.window(now)
    pairs = (
        ("effort", hours(was.effort_hours), hours(now.effort_hours)),
        (
            "runs",
            plural(was.duration_weeks, "week") if was.duration_weeks else "its whole window",
            plural(now.duration_weeks, "week") if now.duration_weeks else "its whole window",
        ),
        ("starts no earlier than week", window_a.start, window_b.start),
        ("done by week", window_a.stop - 1, window_b.stop - 1),
    )
    said = [f"{what} {old} → {new}" for what, old, new in pairs if old != new]
    return f"Its row is edited in B ({', '.join(said)})" if said else "Its row is edited in B"


def _fewer_hours(a: Problem, b: Problem, team_id: str) -> bool:
    """Whether ``team_id`` may plan fewer hours in ``b`` than in ``a``: in some week, or over
    the quarter (a team only one has is not compared)."""
    if team_id not in a.team_index or team_id not in b.team_index:
        return False
    if team_limit(b, b.team(team_id)) < team_limit(a, a.team(team_id)):
        return True
    if a.num_weeks != b.num_weeks:
        return False
    return any(
        after < before
        for before, after in zip(week_limits(a, team_id), week_limits(b, team_id), strict=True)
    )


def _why_moved(b: Scenario, project_id: str, left: frozenset[str], scorer: Scorer) -> str:
    """Why B's plan does not keep a moved project with A's owners, in the Plan page's words
    ("Why not Demand Gen: it has 12 h free for its 40 h"): a move had no Why where
    every dropped and added project had one."""
    if b.plan is None or project_id not in scorer.of_project:
        return ""  # done at a check-in: its owners are the other plan's
    known = [t for t in sorted(left) if t in b.problem.team_index]
    whys = why_not_teams(b.problem, b.plan, project_id, known, scorer)
    reasons = [
        f"why not {b.problem.team(t).name} in B: {whys[t]}"
        if t in whys
        else f"{t} is not in B's inputs"
        for t in sorted(left)
        if t in whys or t not in b.problem.team_index
    ]
    return capitalised("; ".join(reasons))


_V = TypeVar("_V")


def _under(renamed: Mapping[str, str], by_id: Mapping[str, _V]) -> dict[str, _V]:
    """``by_id`` with each renamed project under its new id."""
    return {renamed.get(k, k): v for k, v in by_id.items()}


def _weeks(scenario: Scenario) -> dict[str, tuple[int, int]]:
    """Each assigned project's first and last week in the scenario's plan (time-phased)."""
    return planned_weeks(scenario.plan)


def _team_deltas(a: Scenario, b: Scenario) -> tuple[TeamDelta, ...]:
    """Each team's planned hours and utilisation in ``a`` and in ``b`` (``None``: not there)."""
    loads_a = _quarter_loads(a)
    loads_b = _quarter_loads(b)
    teams = []
    for team_id in _ordered(list(loads_a) + list(loads_b)):
        la, lb = loads_a.get(team_id), loads_b.get(team_id)
        ref = lb or la
        assert ref is not None
        teams.append(
            TeamDelta(
                team_id,
                ref.name,
                ref.department,
                la.planned_hours if la else None,
                lb.planned_hours if lb else None,
                la.utilisation_pct if la else None,
                lb.utilisation_pct if lb else None,
            )
        )
    return tuple(teams)


def _goal_deltas(a: Scenario, b: Scenario) -> tuple[GoalDelta, ...]:
    """Each goal's attainment in ``a`` and in ``b`` (``None``: not there)."""
    goals_a, goals_b = _goal_percents(a), _goal_percents(b)
    # A check-in's goals met by then too, as its quarter's end reads them.
    goals = [g for s in (a, b) for g in with_met_goals(s.problem, s.met).goals]
    goal_names = {g.goal_id: g.name for g in goals}
    return tuple(
        GoalDelta(goal_id, goal_names[goal_id], goals_a.get(goal_id), goals_b.get(goal_id))
        for goal_id in _ordered([g.goal_id for g in goals])
    )


def _checkins(*scenarios: Scenario) -> tuple[str, ...]:
    """What a check-in's re-plan is, in place of its inputs' differences.

    Its inputs are the rest of the quarter (hours and targets left, done work gone, the
    stability weight set), so every team, target and most projects differ by construction.
    """
    out = []
    # The projects out of the plan named as the saved note names them (the plan it was
    # saved on holds the names of those the re-plan no longer has).
    names = {p.project_id: p.name for s in reversed(scenarios) for p in s.problem.projects}
    for s in scenarios:
        if s.checkin is None:
            continue
        # At the quarter's last week nothing is re-planned: it is how the quarter ended.
        what = (
            "records how the quarter ended, at"
            if s.checkin.elapsed_share >= 1
            else "re-plans the rest of the quarter after"
        )
        out.append(
            f"{s.name} {what} a check-in at week "
            f"{float(s.checkin.weeks_elapsed):g} of {float(s.checkin.quarter_weeks):g} "
            f"({checkin_counts_words(s.checkin, _left_out_of(s, scenarios), names)})"
        )
    return tuple(out)


def _left_out_of(checkin: Scenario, scenarios: Iterable[Scenario]) -> OutOfPlan | None:
    """The projects of the plan a check-in was saved on that its re-plan no longer plans,
    when that plan is one of those compared (``None``: it is not, so none can be counted),
    as its saved note counts them: "1 left out by the re-plan, 1 dropped by you"."""
    assert checkin.checkin is not None
    for parent in scenarios:
        saved_on = parent.scenario_id is not None and parent.scenario_id == checkin.parent_id
        if saved_on and parent.plan is not None and checkin.plan is not None:
            return out_of_plan(parent.plan, checkin.plan, checkin.checkin)
    return None


def _done_owners(
    scenario: Scenario, others: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """The projects done at ``scenario``'s check-in, with the owners ``others`` gives them."""
    if scenario.checkin is None:
        return {}
    done = scenario.checkin.ids_with(ProjectStatus.DONE)
    return {p: owners for p, owners in others.items() if p in done}


def _dropped_at_checkin(scenario: Scenario, project_id: str) -> bool:
    checkin = scenario.checkin
    return checkin is not None and checkin.progress(project_id).status is ProjectStatus.DROPPED


def _quarter_loads(scenario: Scenario) -> dict[str, TeamFigures]:
    """Each team's planned hours under the scenario, over the quarter.

    A check-in's re-plan plans the rest of the quarter on what is left of each
    team's capacity: its teams read at the quarter's end instead, the hours used
    so far (the share of the quarter gone where not given, as the re-plan counts
    them) plus the re-plan's, over what was left plus those hours. The hours as shown are
    those quarter-end figures' (:func:`hours_adding_up`), never the re-plan's rounded ones.
    """
    loads = team_loads(scenario.problem, scenario.plan)
    checkin = scenario.checkin
    if checkin is None or scenario.plan is None:
        return loads
    share = checkin.elapsed_share
    out = {}
    for team_id, load in loads.items():  # in the loads' order, as every page lists teams
        team = scenario.problem.team(team_id)
        left = Fraction(team_limit(scenario.problem, team))
        given = checkin.hours_used.get(team.team_id)
        if given is not None:
            used = Fraction(given)
        else:
            used = left * share / (1 - share) if share < 1 else Fraction(0)
        capacity = left + used
        hours = Fraction(load.planned_hours) + used
        out[team.team_id] = replace(
            load,
            planned_hours=as_decimal(hours),
            in_force_hours=as_decimal(capacity),
            planned_shown=None,
            in_force_shown=None,
        )
    return {t.team_id: t for t in hours_adding_up(list(out.values()))}


def _goal_percents(scenario: Scenario) -> dict[str, float]:
    """Each goal's percent of target under the scenario's plan (uncapped), at the quarter's
    end (:func:`quarter_end_goals`)."""
    return {goal_id: g.percent for goal_id, g in quarter_end_goals(scenario).items()}


def quarter_end_goals(scenario: Scenario) -> dict[str, GoalFigures]:
    """Each goal's figures under the scenario's plan, at the quarter's end.

    A check-in's re-plan aims at what was left of each target: its goals read at the
    quarter's end instead, the KPI achieved so far plus the re-plan's over the full target
    (what was left plus what was achieved), as the Check-in page, Compare and the
    scenario's headline have them. A goal met before the check-in, which its re-plan left
    out, reads where the quarter has it, with its full target (``scenario.met``).
    """
    if scenario.plan is None:
        return {}
    checkin = scenario.checkin
    if checkin is None:
        return goal_attainment(scenario.problem, scenario.plan)
    reached = goal_attainment(with_met_goals(scenario.problem, scenario.met), scenario.plan)
    met = {m.goal.goal_id for m in scenario.met}
    out = {}
    for goal_id, g in reached.items():
        achieved = checkin.achieved.get(goal_id, Decimal(0))
        full = g.target if goal_id in met else g.target + achieved
        planned = g.planned + achieved
        percent = float(100 * Fraction(planned) / Fraction(full))
        out[goal_id] = replace(g, target=full, planned=planned, percent=percent)
    return out


def _team_name(first: Problem, second: Problem, team_id: str) -> str:
    for problem in (first, second):
        if team_id in problem.team_index:
            return problem.team(team_id).name
    return team_id


def _ordered(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _input_changes(a: Problem, b: Problem) -> dict[str, tuple[int, int]]:
    """Per table, how many rows only A has and how many only B has (edited rows count in both)."""
    from planner.core.loading import problem_to_frames

    frames_a, frames_b = problem_to_frames(a), problem_to_frames(b)
    out = {}
    for file, frame_a in frames_a.items():
        rows_a = set(frame_a.itertuples(index=False, name=None))
        rows_b = set(frames_b[file].itertuples(index=False, name=None))
        if rows_a != rows_b:
            out[file] = (len(rows_a - rows_b), len(rows_b - rows_a))
    return out


def default_pair(
    options: Sequence[int], summaries: Sequence[ScenarioSummary], same: int | None
) -> tuple[int, int]:
    """Where a comparison's two pickers start, A (before) and B (after), as indices into
    ``options``: the current plan (0) first, the plan started from (-1) if offered, then the
    saved scenarios newest first, as ``summaries`` lists them; ``same`` is the saved
    scenario the current plan is, if any. ``options`` has two plans at least, and another
    than the current plan's own saved twin."""
    saved = [i for i in options if i > 0]
    others = [i for i in saved if i != same]
    # Before: the newest saved scenario, or the first one when the current plan is the
    # newest saved (comparing a scenario with itself says nothing).
    newest_or_base = (others[0] if same is None else others[-1]) if others else options[1]
    before, after = options.index(newest_or_base), 0
    # A child saved from the current plan (a check-in's re-plan) reads forward in time:
    # the current plan before, the child after (the check-in read as "before").
    kin = next((s.scenario_id for s in summaries if same and s.parent_id == same), None)
    if kin is not None:
        before, after = 0, options.index(kin)
    # The current plan not saved this session (the app opened again): the newest saved
    # scenario beside its parent, forward in time. The check-in's re-plan read "A
    # (before)" against the current plan, the quarter backwards, as "+0.7 pts".
    newest = summaries[0] if summaries else None
    if same is None and newest is not None and newest.parent_id in saved:
        before, after = options.index(newest.parent_id), options.index(newest.scenario_id)
    return before, after
