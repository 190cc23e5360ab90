"""A near plan's needless moves taken back: each project returned to the current plan.

The second stage of a what-if (:mod:`planner.solving.near_current_plan`) keeps a plan
close to the current one, yet its searches end where they end: a project started in
another week for nothing, or moved to another team when its own still had room. A
leader reads each as the change's doing. Here every project the plan moves (another
team, another start week, or left out) is put back as the current plan has it, one at
a time, wherever that keeps every hard rule and

* for a project on another team or left out (a change rule 9 counts): the objective
  stays at or above the floor, as the fewest-changes aim allows;
* for a project started in another week: always, since weeks do not change the score.

Each step is checked incrementally (the weeks' hours, the projects a team holds, the
sequences, the windows, pins and joint skills) and the objective updated from its
parts, so that a large quarter's hundreds of moves take milliseconds; the caller
checks the plan once more with the independent checker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from fractions import Fraction

from planner.core.capacity import what_if_capacity
from planner.core.domain import Problem
from planner.core.pairs import Pair, uncovered_skills
from planner.core.weeks import start_after, week_limits
from planner.optimizer.local_search import pinned_teams, pins_allow
from planner.optimizer.objective import fit_points_of

__all__ = ["taken_back"]


class _Plan:
    """The plan being put back, with its loads and objective parts kept up to date."""

    def __init__(
        self,
        problem: Problem,
        chosen: Sequence[Pair],
        starts: Mapping[str, int],
        back: Sequence[Pair],
    ) -> None:
        self.problem = problem
        # Every pair's fit points at once: one call reads every project's skills.
        both = [*chosen, *back]
        points = fit_points_of(problem, both)
        self.fits = {(p.project_id, p.team_id): f for p, f in zip(both, points, strict=True)}
        self.pinned = pinned_teams(problem)
        self.owners: dict[str, list[Pair]] = defaultdict(list)
        for pair in chosen:
            self.owners[pair.project_id].append(pair)
        self.starts = dict(starts)
        self.load: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
        self.count: dict[str, int] = defaultdict(int)
        self.reached: dict[str, Fraction] = defaultdict(Fraction)
        self.hours: dict[str, Fraction] = defaultdict(Fraction)
        self.value = Fraction(0)
        self.fit = 0
        self.capacity: dict[str, float] = {}
        self.limits: dict[str, tuple[Fraction, ...]] = {}
        for project_id, pairs in self.owners.items():
            self._add(project_id, pairs, self.start(project_id), 1)

    def start(self, project_id: str) -> int:
        project = self.problem.project(project_id)
        return self.starts.get(project_id, self.problem.window(project)[0])

    def end(self, project_id: str, start: int) -> int:
        """The last week the project runs when it starts in week ``start`` (rule 11)."""
        return self.problem.run(self.problem.project(project_id), start).stop - 1

    def _add(self, project_id: str, pairs: Sequence[Pair], start: int, sign: int) -> None:
        problem = self.problem
        project = problem.project(project_id)
        weeks = problem.run(project, start)
        for pair in pairs:
            per_week = Fraction(pair.effort_hours) / len(weeks)
            for week in weeks:
                self.load[(pair.team_id, week)] += sign * per_week
            self.count[pair.team_id] += sign
            self.hours[pair.team_id] += sign * Fraction(pair.effort_hours)
            self.value += sign * Fraction(pair.value)
            if project.goal_id is not None:
                self.reached[project.goal_id] += sign * Fraction(pair.value)
            self.fit += sign * self.fits[(pair.project_id, pair.team_id)]

    def score(self, changes: int) -> float:
        """The objective from its parts, as :func:`~planner.checker.objective_of` adds them,
        in floats (called for every project put back: exact fractions over every team
        took 13 s at 150 x 1,500; the plan kept is scored exactly after)."""
        problem = self.problem
        w = problem.settings.weights
        attainment = 0.0
        for goal in problem.goals:
            percent = min(100.0, 100 * float(self.reached[goal.goal_id]) / float(goal.target))
            attainment += float(goal.weight) * percent
        peak = 0.0
        for team_id, used in self.hours.items():
            capacity = self.capacity.get(team_id)
            if capacity is None:
                capacity = float(what_if_capacity(problem, problem.team(team_id)))
                self.capacity[team_id] = capacity
            if capacity > 0 and used:
                peak = max(peak, 100 * float(used) / capacity)
        return (
            w.attainment * attainment
            + w.value * float(self.value)
            - w.balance * peak
            + w.fit * self.fit
            - w.stability * changes
        )

    def keeps_rules(self, project_id: str, pairs: Sequence[Pair], start: int) -> bool:
        """Whether the project may run on ``pairs`` from ``start``, the rest as it is
        (rules 1, 4, 6, 7, 8, 10-12; eligibility is the pairs' own)."""
        problem = self.problem
        project = problem.project(project_id)
        if start not in problem.starts(project):
            return False
        teams = {p.team_id for p in pairs}
        pinned = self.pinned.get(project_id)
        if pinned and not (pairs and all(pins_allow(problem, pinned, p) for p in pairs)):
            return False  # rule 7: each pinned team owns it (a joint project: on its side)
        if project.joint and uncovered_skills(project, [problem.team(t) for t in teams]):
            return False
        if not self._prerequisites_run(project_id, start):
            return False
        ends = {project_id: self.end(project_id, start)}
        for later in problem.dependents.get(project_id, ()):
            if later not in self.owners:
                continue
            first = self.start(later)
            if start_after(first, problem.runs_after(problem.project(later)), ends) > first:
                return False  # rule 12: a dependent in the plan starts before this one ends
        old = self.owners.get(project_id, [])
        self._add(project_id, old, self.start(project_id), -1)
        try:
            return self._fits(pairs, problem.run(project, start))
        finally:
            self._add(project_id, old, self.start(project_id), 1)

    def _prerequisites_run(self, project_id: str, start: int) -> bool:
        problem = self.problem
        project = problem.project(project_id)
        if any(needed not in self.owners for needed in project.depends_on):
            return False
        after = problem.runs_after(project)
        ends = {needed: self.end(needed, self.start(needed)) for needed in after}
        return start_after(start, after, ends) == start  # rule 12: each one has ended

    def _fits(self, pairs: Sequence[Pair], weeks: range) -> bool:
        problem = self.problem
        for pair in pairs:
            team = problem.team(pair.team_id)
            if not team.may_own(self.count[pair.team_id] + 1):
                return False
            limits = self._limits(pair.team_id)
            per_week = Fraction(pair.effort_hours) / len(weeks)
            for week in weeks:
                if self.load[(pair.team_id, week)] + per_week > limits[week - 1]:
                    return False
        return True

    def _limits(self, team_id: str) -> tuple[Fraction, ...]:
        """Rule 10's limit of each week of the team (:func:`~planner.core.weeks.week_limits`)."""
        if team_id not in self.limits:
            self.limits[team_id] = week_limits(self.problem, team_id)
        return self.limits[team_id]

    def put(self, project_id: str, pairs: Sequence[Pair], start: int) -> None:
        """Run the project on ``pairs`` from ``start`` (none: leave it out)."""
        old = self.owners.pop(project_id, [])
        self._add(project_id, old, self.start(project_id), -1)
        self.starts.pop(project_id, None)
        if pairs:
            self.owners[project_id] = list(pairs)
            self.starts[project_id] = start
            self._add(project_id, pairs, start, 1)


def taken_back(
    problem: Problem,
    pairs: Sequence[Pair],
    chosen: Sequence[Pair],
    starts: Mapping[str, int],
    floor: float,
) -> tuple[list[Pair], dict[str, int]] | None:
    """``chosen`` (from ``starts``) with the moves against ``problem.baseline`` that need
    not be taken back, or ``None`` when every move is needed.

    Parameters
    ----------
    problem
        The changed inputs, with ``baseline`` = the current plan's owners and starts.
    pairs
        Its eligible pairs: a project goes back only to pairs among them.
    chosen, starts
        The near plan: its pairs and each project's start week.
    floor
        The objective a plan with fewer changes must keep.
    """
    baseline = problem.baseline
    if baseline is None:
        return None
    row_of = {(p.project_id, p.team_id): p for p in pairs}
    counted = {p: t for p, t in baseline.owners.items() if p in problem.project_index}
    back_pairs = [
        pair for p, teams in counted.items() for t in teams if (pair := row_of.get((p, t)))
    ]
    plan = _Plan(problem, chosen, starts, back_pairs)
    changes = sum(
        1 for p, teams in counted.items() if {x.team_id for x in plan.owners.get(p, [])} != teams
    )
    # An uncertain goal's odds are not kept up to date here: moves between teams stay.
    owners_too = not problem.settings.weights.confidence
    done = False
    for _ in range(len(counted) + 1):  # each round puts back one project or more
        put_back = False
        for project_id, teams in counted.items():
            back = [row_of.get((project_id, t)) for t in sorted(teams)]
            now = plan.owners.get(project_id, [])
            same_teams = {p.team_id for p in now} == set(teams)
            start = baseline.starts.get(project_id)
            if start is None or not plan.problem.is_time_phased:
                start = plan.start(project_id) if same_teams else None
            if start is None:
                start = problem.window(problem.project(project_id))[0]
            if same_teams and (not now or plan.start(project_id) == start):
                continue
            if any(p is None for p in back) or (not same_teams and not owners_too):
                continue
            kept = [p for p in back if p is not None]
            if not plan.keeps_rules(project_id, kept, start):
                continue
            if not same_teams:
                before = plan.score(changes)
                old, old_start = plan.owners.get(project_id, []), plan.start(project_id)
                plan.put(project_id, kept, start)
                if plan.score(changes - 1) < min(floor, before):
                    plan.put(project_id, old, old_start)  # back as the near plan has it
                    continue
                changes -= 1
            else:
                plan.put(project_id, kept, start)
            put_back = done = True
        if not put_back:
            break
    if not done:
        return None
    chosen_now = [p for pairs_of in plan.owners.values() for p in pairs_of]
    return chosen_now, {p: plan.start(p) for p in plan.owners}
