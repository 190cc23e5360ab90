"""What it would take to bring in a project the weeks keep out: more hours, or work taken out.

"Content has no room for its 40 h a week in weeks 1-10" said why the sample's benchmark
report is out; a leader's next questions, what it would take and what they would give up
for it, had no answer short of trying calendars and plans by hand. :func:`hours_to_fit`
answers the first (the fewest hours more, on one team or on a sales and marketing pair),
:func:`room_by_dropping` the second (the planned work whose weeks would make room, and the
goal attainment the swap would cost).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from planner.core.domain import SALES, Assignment, Plan, Problem, Project, Team, capped_attainment
from planner.core.pairs import pair_hours, pair_of, uncovered_skills
from planner.core.shown_figures import NO_PROGRESS_CHANGE, amount, percents_between
from planner.core.shown_figures import hours as hours_text
from planner.core.weeks import weeks_words
from planner.explain.held import HeldBy
from planner.explain.rule_words import prerequisites_left_out
from planner.explain.rules import eligible_teams
from planner.explain.scoring import Scorer
from planner.explain.sentences import join_names, project_name
from planner.explain.weeks import WeekReasons, paired_teams
from planner.optimizer.formulation import Kind

#: Teams per side weighed for a joint project's pairs (those with the most free hours).
_MAX_TEAMS = 6


@dataclass(frozen=True)
class HoursToFit:
    """The fewest hours more that let a left-out project run with nothing else moved: one
    team (the one needing fewest), or for a joint project one sales and marketing pair, one
    run of weeks, and the hours each short week lacks per team (teams short of none are
    not in ``short``)."""

    run: range
    short: Mapping[str, Mapping[int, Fraction]]
    #: The owners of that run: one team, or a joint project's sales and marketing pair.
    owners: tuple[str, ...] = ()

    def words(self, problem: Problem) -> str:
        """``It would fit beside everything planned with 194 h more for Content in weeks 3-10
        (up to 37 h in a week), for a run in weeks 3-10; a re-plan may give those hours to
        work that does more for the goals``, in whole hours rounded up, so that the hours
        said are enough; a joint project's two teams each with their own.

        Not "to bring it in": given those hours, a re-plan of the sample brought 13 of 16
        such projects in, and of three generated quarters 38 of 70; the rest went to work
        that did more for the goals.
        """
        parts = []
        for team_id, short in self.short.items():
            total = math.ceil(sum(short.values(), Fraction(0)))
            most = math.ceil(max(short.values()))
            each = f"{most:,d} h" if len(short) == 1 else f"up to {most:,d} h in a week"
            name = problem.team(team_id).name
            parts.append(f"{total:,d} h more for {name} in {weeks_words(short)} ({each})")
        # A joint project's partner with room already is named: the hours are for that pair.
        partners = [problem.team(t) for t in self.owners if t not in self.short]
        if partners and len(self.owners) > 1:
            parts[-1] += ", " + join_names(
                [f"with {t.name} as its {t.department} owner" for t in partners]
            )
        # A quarter without goals has no goals for other work to do more for.
        other = "work that does more for the goals" if problem.goals else "other work"
        return (
            f"It would fit beside everything planned with {join_names(parts)}, for a run in "
            f"{weeks_words(self.run)}; a re-plan may give those hours to {other}"
        )


def _owners(project: Project, teams: Sequence[Team]) -> list[tuple[Team, ...]]:
    """The ways to own ``project`` among ``teams`` (the ones that may take it): each team,
    or for a joint project each sales and marketing pair that holds its skills together."""
    if not project.joint:
        return [(t,) for t in teams]
    teams = paired_teams(project, teams)
    sales = [t for t in teams if t.department == SALES][:_MAX_TEAMS]
    others = [t for t in teams if t.department != SALES][:_MAX_TEAMS]
    return [(s, m) for s in sales for m in others if not uncovered_skills(project, [s, m])]


def hours_to_fit(
    problem: Problem, plan: Plan, project_id: str, held: HeldBy | None = None
) -> HoursToFit | None:
    """What more hours would let a left-out project in weeks run in this plan as it is, on
    the team (or, joint, the sales and marketing pair) and run needing fewest; ``None`` for
    one its prerequisites leave no time, or one that fits already (weeks are not why it is
    out).

    A joint project's hours were not said: its two teams' weeks must meet, and the hours
    that make them meet are each team's short weeks of one run.

    Only owners the plan's other rules allow beside everything planned are weighed (the
    formulation's rows, :class:`HeldBy`, but rule 5's quarter hours, which the hours given
    raise alike; ``held`` when built already): a generated quarter's project read "would
    fit beside everything planned with 5 h more for" a team already at its limit of 4
    projects. ``None`` too when a prerequisite is out of the plan.
    """
    project = problem.project(project_id)
    if not problem.is_time_phased or prerequisites_left_out(project, plan.owners()):
        return None
    held = HeldBy(problem, plan) if held is None else held
    room = WeekReasons(problem, plan)
    starts = problem.starts(project, room.earliest(project))
    duration = problem.duration(project)
    teams = _roomiest(Scorer(problem, plan), eligible_teams(problem, [project_id])[project_id])
    best: tuple[Fraction, int, tuple[str, ...], dict[str, dict[int, Fraction]]] | None = None
    for owners in _owners(project, teams):
        added = [(project_id, t.team_id) for t in owners]
        if any(g.kind is not Kind.CAPACITY for g in held.broken(added, [])):
            continue
        shares = [
            (t.team_id, pair_hours(problem, project, t) / duration, room.free(t.team_id)[0])
            for t in owners
        ]
        for start in starts:
            short = {
                team_id: {
                    w: per_week - free[w - 1]
                    for w in range(start, start + duration)
                    if free[w - 1] < per_week
                }
                for team_id, per_week, free in shares
            }
            total = sum((h for weeks in short.values() for h in weeks.values()), Fraction(0))
            key = (total, start, tuple(t.team_id for t in owners), short)
            if best is None or key[:3] < best[:3]:
                best = key
    if best is None or not best[0]:
        return None
    _, start, team_ids, short = best
    return HoursToFit(
        range(start, start + duration),
        {team: weeks for team, weeks in short.items() if weeks},
        team_ids,
    )


@dataclass(frozen=True)
class RoomByDropping:
    """The planned work whose weeks would make room for a left-out project on ``teams`` in
    ``run``, taken out of the plan, and the plan's goal attainment (the goals' weighted
    mean, as the Overview shows it) before and with the swap. ``dropped`` empty: no work
    that may be taken out makes room (``run`` empty, the attainments the plan's)."""

    teams: tuple[str, ...]
    run: range
    dropped: tuple[Assignment, ...]
    before: Fraction
    after: Fraction
    #: A quarter without goals: ``before`` and ``after`` are the plan's value in priority
    #: points (the sum of its projects' values), there being no goal attainment to cost.
    by_value: bool = False

    def words(self, problem: Problem) -> str:
        """``To make room on Content in weeks 3-10, the plan would take out 'Gated ebook' (300
        MQLs): goal attainment 85.6 % → 84.1 % with it in their place``; or that no work that
        may be taken out would make room."""
        teams = join_names([problem.team(t).name for t in self.teams])
        if not self.dropped:
            return (
                f"Taking out work planned on {teams} would not make room for it either: the "
                "work in its weeks that may be taken out (not pinned, mandatory or needed by "
                "other planned work) frees too few hours"
            )
        said: dict[str, str] = {}
        for a in self.dropped:
            goal = problem.goal_index.get(problem.project(a.project_id).goal_id or "")
            mine = [b for b in self.dropped if b.project_id == a.project_id]
            worth = sum((Fraction(b.value) for b in mine), Fraction(0))
            # Without a goal a value is a plain number, named: "Blog (value 3, 40 h)".
            worth_said = amount(worth, goal.kpi) if goal is not None else f"value {amount(worth)}"
            # Without goals, its hours beside its value: what the swap gives back.
            spent = (
                f", {hours_text(sum((b.effort_hours for b in mine), Decimal(0)))}"
                if self.by_value
                else ""
            )
            said.setdefault(
                a.project_id,
                f"{project_name(problem, a.project_id)} ({worth_said}{spent})",
            )
        place = "its place" if len(said) == 1 else "their place"
        if self.by_value:
            # A quarter without goals has no goal attainment: the value the plan holds.
            before, after = amount(self.before), amount(self.after)
            cost = (
                f"the plan's value {before} → {after}"
                if before != after
                else f"the plan's value stays {before}"
            )
        else:
            change = percents_between(self.before, self.after)
            # A swap worth under 0.05 points read "goal attainment 88.4 % → 88.4 %".
            cost = f"goal attainment {change}" if change else NO_PROGRESS_CHANGE
        return (
            f"To make room on {teams} in {weeks_words(self.run)}, the plan would take out "
            f"{join_names(list(said.values()))}: {cost} with it in {place}"
        )


def room_by_dropping(
    problem: Problem, plan: Plan, project_id: str, held: HeldBy | None = None
) -> RoomByDropping | None:
    """The work to drop that makes room for a left-out project in weeks, costing the least
    goal attainment, on the team (or pair) where that is least; ``None`` where weeks are
    not why it is out (it fits, its prerequisites leave it no time, no plan has its
    weeks). In a quarter without goals the cost is the plan's value (``by_value``).

    Work that may be taken out is the optimizer's own (:meth:`Scorer.displaceable`: not
    pinned, not mandatory, nothing planned depends on it) whose weeks meet the project's;
    the least costly first, until one run has room, then each not needed given back. The
    swap keeps every other rule (:class:`HeldBy`, ``held`` when built already) and the
    weeks' (:meth:`WeekReasons.fits`).
    """
    project = problem.project(project_id)
    total_weight = sum((Fraction(g.weight) for g in problem.goals), Fraction(0))
    if not problem.is_time_phased:
        return None
    # A quarter without goals (or none that matters) has no goal attainment to cost: the
    # swap is said in the plan's value, and the hours each project dropped gives back.
    by_value = total_weight <= 0
    weeks = WeekReasons(problem, plan)
    starts = problem.starts(project, weeks.earliest(project))
    scorer = Scorer(problem, plan)
    teams = _roomiest(scorer, eligible_teams(problem, [project_id])[project_id])
    owners = _owners(project, teams)
    if not starts or not owners or any(weeks.fits(project, o) for o in owners):
        return None
    span = range(starts[0], starts[-1] + problem.duration(project))
    held = HeldBy(problem, plan) if held is None else held
    planned_value = sum((Fraction(a.value) for a in plan.assignments), Fraction(0))
    before = planned_value if by_value else _attainment(problem, scorer.reached, total_weight)
    best: RoomByDropping | None = None
    #: Whether any work planned in its weeks may be taken out: with none, there is nothing
    #: to give up, and nothing is said.
    any_work = False
    for option in owners:
        work = _droppable(scorer, option, span)
        any_work = any_work or bool(work)
        found = _dropped(problem, scorer, weeks, held, project, option, work)
        if found is None:
            continue
        run, dropped = found
        reached = dict(scorer.reached)
        for a in dropped:
            goal_id = problem.project(a.project_id).goal_id
            if goal_id is not None:
                reached[goal_id] = reached.get(goal_id, Fraction(0)) - Fraction(a.value)
        if project.goal_id is not None:
            added = sum((Fraction(pair_of(problem, project, t).value) for t in option), Fraction())
            reached[project.goal_id] = reached.get(project.goal_id, Fraction(0)) + added
        if by_value:
            added = sum((Fraction(pair_of(problem, project, t).value) for t in option), Fraction())
            after = before - sum((Fraction(a.value) for a in dropped), Fraction(0)) + added
        else:
            after = _attainment(problem, reached, total_weight)
        ids = tuple(t.team_id for t in option)
        if best is None or (after, -len(dropped)) > (best.after, -len(best.dropped)):
            best = RoomByDropping(ids, run, dropped, before, after, by_value)
    if best is None and not any_work:
        return None
    if best is None:
        named = tuple(dict.fromkeys(t.team_id for o in owners for t in o))
        return RoomByDropping(named[:3], range(0), (), before, before, by_value)
    return best


def _roomiest(scorer: Scorer, teams: Sequence[Team]) -> list[Team]:
    rank = scorer.roomiest_rank
    return sorted(teams, key=lambda t: rank[t.team_id])


def _droppable(scorer: Scorer, option: tuple[Team, ...], span: range) -> list[str]:
    """The projects planned on ``option`` in the weeks of ``span`` the plan may drop, the
    least goal attainment first."""
    candidates: dict[str, Fraction] = {}
    for team in option:
        for _, a in scorer.displaceable(team.team_id):
            run = range(a.start_week or 0, (a.end_week or -1) + 1)
            if a.start_week is None or (run.start < span.stop and span.start < run.stop):
                candidates.setdefault(a.project_id, scorer.removal(a.project_id).attainment)
    return sorted(candidates, key=lambda p: (candidates[p], scorer.removal(p).total, p))


def _dropped(
    problem: Problem,
    scorer: Scorer,
    weeks: WeekReasons,
    held: HeldBy,
    project: Project,
    option: tuple[Team, ...],
    order: Sequence[str],
) -> tuple[range, tuple[Assignment, ...]] | None:
    """The run and the fewest, least costly of the projects ``order`` whose dropping makes
    room for ``project`` on ``option``; ``None`` when dropping all of them does not."""

    def runs(chosen: Sequence[str]) -> list[int]:
        freed = [a for p in chosen for a in scorer.of_project.get(p, ())]
        added = [(project.project_id, t.team_id) for t in option]
        if held.broken(added, [(a.project_id, a.team_id) for a in freed]):
            return []
        return weeks.fitting_starts(project, option, freed)

    chosen: list[str] = []
    for project_id in order:
        chosen.append(project_id)
        if runs(chosen):
            break
    else:
        return None
    for project_id in reversed(chosen[:-1]):
        fewer = [p for p in chosen if p != project_id]
        if runs(fewer):
            chosen = fewer
    start = runs(chosen)[0]
    dropped = tuple(a for p in chosen for a in scorer.of_project.get(p, ()))
    return range(start, start + problem.duration(project)), dropped


def _attainment(
    problem: Problem, reached: Mapping[str, Fraction], total_weight: Fraction
) -> Fraction:
    """The goals' weighted mean attainment, each capped at 100 % (as the Overview's card)."""
    return (
        sum(
            (
                Fraction(g.weight)
                * capped_attainment(reached.get(g.goal_id, Fraction(0)), g.target)
                for g in problem.goals
            ),
            Fraction(0),
        )
        / total_weight
    )
