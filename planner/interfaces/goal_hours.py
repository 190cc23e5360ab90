"""What would N more hours of a team buy for a goal short of its target: the Overview's
"What would N more hours of Demand Gen buy?" under "What would close the gap", and
``planner explain --goal GOAL_ID --extra-hours TEAM=HOURS``.

One answer for both (:func:`hours_answer`): the plan re-made on demand with the team's
hours raised (:func:`~planner.scenarios.capacity_gain.extra_hours`, against the current
plan as every what-if is), over the first weeks the goal's left-out project could run
when the quarter is in weeks. It says, in the goal's unit, the goal before and after, its chance
where projects have ranges of impact, the projects that come in, go out or move, whether
the gap closes and whether the clock stopped the re-plan. Its figures are those of the
plan it holds (:func:`~planner.scenarios.metrics.plan_metrics`,
:func:`~planner.core.uncertainty.goal_odds`), as the Plan and Scenarios pages read that
plan once saved as a scenario.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from planner.core.domain import Problem, Project, Result
from planner.core.shown_figures import (
    amount_shown,
    chance,
    goal_amount,
    goal_amount_value,
    goal_row_values,
    percent,
)
from planner.core.uncertainty import goal_odds
from planner.core.weeks import weeks_words
from planner.explain.sentences import join_names
from planner.interfaces.goal_gaps import SHOWN, GoalGap
from planner.scenarios.capacity_gain import MOST_EXTRA_HOURS, ExtraHours, extra_hours
from planner.scenarios.metrics import GoalFigures, plan_metrics
from planner.scenarios.relative import ProjectMove
from planner.solving.solver import ProgressCallback

#: Teams a goal's box offers more hours of (those of its first projects, first named first).
OFFERED = 3
#: Why the hours went to other goals than the one asked about, and how to hold them for it.
ELSEWHERE = (
    "The plan puts hours where they add most to goal attainment across the goals (each "
    "goal's % of its target, capped at 100 %, times its weight), so they may go to another "
    "goal: to hold a project for this one, pin it to the team (a pin in rules.csv, or on "
    "the Constraints page)."
)
#: Projects named in each of "Comes in", "Goes out" and "Moves" before "and N more".
NAMED = 5
#: The most hours a leader may ask about (the Overview's box and ``--extra-hours``).
MOST_HOURS = MOST_EXTRA_HOURS


def typed_hours(value: float) -> Decimal:
    """Hours typed in a box, to the thousandth of an hour and without an exponent: 280.0 is
    280, not ``Decimal('2.8E+2')`` (which named a saved scenario "Demand Gen +2.8E+2 h")."""
    exact = Decimal(str(round(value, 3))).normalize()
    return exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact


def exact_hours(hours: Decimal) -> str:
    """Hours as typed, every decimal kept and no exponent: "280", "12.5", "100,000"."""
    return format(hours.normalize(), ",f")


@dataclass(frozen=True)
class HoursOffer:
    """More hours for one team: ``hours`` (proposed from ``project_id``'s hours on the team,
    the first left-out project of the goal it could run; or typed), in ``weeks`` (first and
    last: the first weeks that project could run, in a quarter in weeks; None: the whole
    quarter)."""

    team_id: str
    team: str
    hours: Decimal
    project_id: str | None
    weeks: tuple[int, int] | None

    @property
    def more(self) -> str:
        """ "280 more hours of Demand Gen"."""
        return f"{_hours(self.hours, 'more ')} of {self.team}"

    @property
    def question(self) -> str:
        """The button: "What would 280 more hours of Demand Gen buy?"."""
        return f"What would {self.more} buy?"

    @property
    def scenario_name(self) -> str:
        """The name a saved answer is offered: "Demand Gen +280 h", the hours as typed."""
        return f"{self.team} +{exact_hours(self.hours)} h"

    def with_hours(self, hours: Decimal) -> HoursOffer:
        """The same offer with the hours a leader typed."""
        return HoursOffer(self.team_id, self.team, hours, self.project_id, self.weeks)


def _hours(hours: Decimal, more: str = "") -> str:
    """ "280 more hours", "1 more hour", "12.5 more hours": as a leader asks it, the hours
    as typed (12.5 read "13 more hours" beside a scenario named "+12.5 h")."""
    return f"{exact_hours(hours)} {more}{'hour' if hours == 1 else 'hours'}"


def team_hours(problem: Problem, project: Project, team_id: str) -> Decimal:
    """The hours ``project`` needs of ``team_id``: its estimate where estimates.csv gives
    one, the team's share of a joint project."""
    team = problem.team(team_id)
    return problem.pair_amounts(project, team_id)[0] * project.share(team.department)


def _weeks(problem: Problem, project: Project | None) -> tuple[int, int] | None:
    """The weeks ``project``'s hours go to: its first run (from its earliest week, for its
    duration), so that they hold its hours a week wherever the team's other work is; its
    whole window when it follows a prerequisite (its first run may not be one it can take).
    Spread over a window of 6 weeks, the 280 h of a 4-week project (70 h a week) gave
    Demand Gen 46.7 h a week: too few for it in any week, and they went to other work."""
    if project is None or not problem.is_time_phased:
        return None
    window = problem.window(project)
    if problem.runs_after(project):
        return window[0], window[-1]
    return window[0], window[0] + problem.duration(project) - 1


def offer_for(
    problem: Problem, gap: GoalGap | None, team_id: str, hours: Decimal | None = None
) -> HoursOffer:
    """More hours for ``team_id`` toward ``gap``'s goal: over the weeks of the first of its
    left-out projects the team could run (its whole quarter when it could run none, or the
    goal is met), ``hours`` or, when None, the hours that project needs of it (whole hours,
    up; 40 h when there is no such project)."""
    name = problem.team(team_id).name
    found = None
    if gap is not None:  # the teams it names, by name, as its words do
        found = next((p for p in gap.projects if p.teams and name in p.teams), None)
    project = None if found is None else problem.project(found.project_id)
    if hours is None:
        need = Decimal(40) if project is None else team_hours(problem, project, team_id)
        hours = Decimal(max(1, math.ceil(need)))
    return HoursOffer(
        team_id,
        name,
        hours,
        None if project is None else project.project_id,
        _weeks(problem, project),
    )


def hours_offers(problem: Problem, gap: GoalGap) -> tuple[HoursOffer, ...]:
    """The teams a goal's box offers more hours of: those its first projects name (the
    first project's first), at most :data:`OFFERED`, each for the first of them it could run."""
    teams: list[str] = []
    for p in gap.projects[:SHOWN]:
        for name in p.teams or ():
            team_id = next(t.team_id for t in problem.teams if t.name == name)
            if team_id not in teams:
                teams.append(team_id)
    return tuple(offer_for(problem, gap, t) for t in teams[:OFFERED])


@dataclass(frozen=True)
class HoursAnswer:
    """What ``offer``'s hours buy for goal ``goal_id``: its figures before (the current
    plan's) and after (``extra``'s plan), each goal's chance where projects have ranges of
    impact (None otherwise), and the other goals the re-plan changes."""

    offer: HoursOffer
    goal_before: GoalFigures
    goal_after: GoalFigures
    chance_before: float | None
    chance_after: float | None
    extra: ExtraHours
    others: tuple[tuple[GoalFigures, GoalFigures], ...]

    @property
    def closes(self) -> bool:
        """Whether the plan with the hours reaches the goal's target."""
        return self.goal_after.met

    def _short(self, g: GoalFigures) -> str:
        shown = goal_row_values(g.target, goal_amount_value(g.planned, g.target))[1]
        return f"{amount_shown(shown, g.kpi)} short"

    def head(self) -> str:
        """ "280 more hours of Demand Gen in weeks 1-6: Marketing-qualified leads 2,300 →
        2,680 MQLs of 2,600 (88.5 % → 103.1 %), the gap closed." """
        o, was, now = self.offer, self.goal_before, self.goal_after
        where = "" if o.weeks is None else f" in {weeks_words(range(o.weeks[0], o.weeks[1] + 1))}"
        figures = (
            f"{goal_amount(was.planned, '', was.target)} → "
            f"{goal_amount(now.planned, now.kpi, now.target)} of "
            f"{goal_amount(now.target, '', now.target)} "
            f"({percent(was.percent)} → {percent(now.percent)})"
        )
        if was.met:
            verdict = "the target was reached already"
        elif now.met:
            verdict = "the gap closed"
        elif now.planned > was.planned:
            verdict = f"still {self._short(now)}: not enough on their own"
        elif now.planned == was.planned:
            verdict = f"no nearer, still {self._short(now)}"
        else:
            verdict = f"further from it, {self._short(now)}"
        return f"{o.more}{where}: {now.name} {figures}, {verdict}."

    def lines(self) -> list[str]:
        """The answer in a leader's words: the goal, its chance, the projects, the clock."""
        lines = [self.head()]
        now_gains = self.goal_after.planned > self.goal_before.planned
        if self.chance_before is not None and self.chance_after is not None:
            lines.append(
                f"Chance of reaching its target: {chance(self.chance_before)} → "
                f"{chance(self.chance_after)}."
            )
        e = self.extra
        came = _moves(e.added, "Comes in", lambda m: f", by {self._teams(m.after)}")
        went = _moves(e.dropped, "Goes out", lambda m: f", from {self._teams(m.before)}")
        moves = _moves(
            e.moved, "Moves", lambda m: f", {self._teams(m.before)} → {self._teams(m.after)}"
        )
        lines += [line for line in (came, went, moves) if line]
        if not (came or went or moves):
            lines.append("No project comes in, goes out or moves: the plan stays as it is.")
        o = self.offer
        if o.project_id is None and not self.goal_before.met and not now_gains:
            # Asked for a team none of the goal's left-out projects may go to ('no nearer'
            # said no more): why the hours cannot move it.
            lines.append(
                f"{o.team} could run none of the left-out projects feeding this goal: its "
                "hours cannot bring one in."
            )
        if o.project_id is not None and o.project_id not in {m.project_id for m in e.added}:
            name = e.problem.project(o.project_id).name
            reason = e.result.plan.left_out_reasons().get(o.project_id) if e.result.plan else None
            if reason and e.result.plan is not e.before:
                lines.append(f"'{name}' ({o.project_id}) stays out: {reason.rstrip('.')}.")
        if self.others:
            changed = [
                f"{now.name} {goal_amount(was.planned, '', was.target)} → "
                f"{goal_amount(now.planned, now.kpi, now.target)}"
                for was, now in self.others
            ]
            lines.append(f"Other goals: {'; '.join(changed)}.")
            if not now_gains:
                lines.append(ELSEWHERE)
        if e.stopped:
            lines.append(
                "Planning stopped at its time limit before it was sure of the best use of the "
                "hours: a longer time limit may find more."
            )
        return lines

    def _teams(self, team_ids: tuple[str, ...]) -> str:
        return join_names([self.extra.problem.team(t).name for t in team_ids]) or "no team"

    def as_json(self) -> dict[str, object]:
        """For ``--json``: the exact figures as numbers, every project named."""
        o, e, was, now = self.offer, self.extra, self.goal_before, self.goal_after
        return {
            "team_id": o.team_id,
            "team": o.team,
            "extra_hours": float(o.hours),
            "weeks": None if o.weeks is None else list(o.weeks),
            "for_project": o.project_id,
            "goal_id": now.goal_id,
            "kpi": now.kpi,
            "target": float(now.target),
            "planned_before": float(was.planned),
            "planned_after": float(now.planned),
            "attainment_before": was.percent,
            "attainment_after": now.percent,
            "chance_before": self.chance_before,
            "chance_after": self.chance_after,
            "closes": self.closes,
            "comes_in": [m.project_id for m in e.added],
            "goes_out": [m.project_id for m in e.dropped],
            "moves": [
                {"project_id": m.project_id, "from": list(m.before), "to": list(m.after)}
                for m in e.moved
            ],
            "status": e.result.status.value,
            "stopped_by_the_clock": e.stopped,
            "lines": self.lines(),
        }


def _moves(moves: tuple[ProjectMove, ...], label: str, teams: Callable[[ProjectMove], str]) -> str:
    """ "Comes in: 'Google Ads restructure' (LG-02) (Demand Gen)", at most :data:`NAMED`."""
    if not moves:
        return ""
    said = [f"'{m.name}' ({m.project_id}){teams(m)}" for m in moves[:NAMED]]
    more = f" and {len(moves) - NAMED:,} more" if len(moves) > NAMED else ""
    return f"{label}: {'; '.join(said)}{more}."


def hours_answer(
    problem: Problem,
    result: Result,
    goal_id: str,
    offer: HoursOffer,
    *,
    time_limit_s: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> HoursAnswer:
    """Re-plan ``problem`` with ``offer``'s hours (against ``result``'s plan, the current
    one) and say what they buy for goal ``goal_id``. ``time_limit_s``: for the re-plan
    (default: the settings').

    Raises
    ------
    ValueError
        As :func:`~planner.scenarios.capacity_gain.extra_hours` does, or for a goal not in
        the data.
    """
    if goal_id not in problem.goal_index:
        raise ValueError(f"no goal has the id {goal_id!r}")
    extra = extra_hours(
        problem,
        result,
        offer.team_id,
        offer.hours,
        weeks=offer.weeks,
        time_limit_s=time_limit_s,
        progress=progress,
        cancel=cancel,
    )
    assert result.plan is not None and extra.result.plan is not None
    before = {g.goal_id: g for g in plan_metrics(problem, result.plan).goals}
    after = {g.goal_id: g for g in plan_metrics(extra.problem, extra.result.plan).goals}
    odds_before = goal_odds(problem, result.plan)[goal_id]
    odds_after = goal_odds(extra.problem, extra.result.plan)[goal_id]
    uncertain = odds_before.uncertain or odds_after.uncertain
    others = tuple(
        (before[g], after[g])
        for g in before
        if g != goal_id
        and goal_amount_value(before[g].planned, before[g].target)
        != goal_amount_value(after[g].planned, after[g].target)
    )
    return HoursAnswer(
        offer,
        before[goal_id],
        after[goal_id],
        odds_before.probability if uncertain else None,
        odds_after.probability if uncertain else None,
        extra,
        others,
    )
