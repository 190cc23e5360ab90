"""A plan close to a baseline plan that still scores at least a floor (the what-if start).

A what-if against the current plan wants the fewest projects moved or
dropped (what rule 9 counts) among the plans within a tolerance of the best
objective. CP-SAT, given that lexicographic objective and the free
re-solve's plan as a hint, rarely gets far from the hint in a few seconds
(measured on a generated M quarter, 5 % less marketing: 80 changes in,
79 out after 5 s). This heuristic walks from the other side:

1. *repair*: each team the change leaves short sheds the fewest of its
   baseline projects that cover what it lacks, the ones whose goals lose
   least among as few (:func:`_evicted`); every other project keeps its
   owners, the densest (objective per hour) first; a shed project goes back
   where room is left, else to the best team with room (a move), else out;
2. *fill*: the greedy adds projects the baseline left out (adds are free);
3. *local search without changes*: the warm start's insert, relocate and
   swap moves, but only those that change no baseline project (or bring
   one back);
4. *local search with changes*, only while the objective is below the
   floor: each step may change one more baseline project, best gain first.

The result is a plan over the eligible pairs; the caller checks it and
computes its exact objective.

In weeks those moves, weighed in quarter hours, may break rule 10: there
:func:`kept_in_weeks` keeps the current plan week by week instead.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from threading import Event

from planner.core.domain import Problem, Project
from planner.core.pairs import Pair
from planner.optimizer.exact_objective import plan_objective
from planner.optimizer.greedy import (
    Greedy,
    baseline_preference,
    forced_projects,
    greedy_plan,
    topological,
)
from planner.optimizer.local_search import LocalSearch, Move, room_for
from planner.optimizer.week_search import KICKS_FACTOR, WeekSearch

#: Rounds of "local search with changes" before giving up on reaching the floor; each
#: round halves the gain a change must bring, so the changes that pay most come first.
_MAX_ROUNDS = 8


def nearby_plan(
    problem: Problem,
    pairs: Sequence[Pair],
    baseline: Mapping[str, frozenset[str]],
    floor: float,
    *,
    time_limit_s: float,
    cancel: Event | None = None,
    shed_fewest: bool = True,
) -> tuple[list[Pair], float | None]:
    """A plan near ``baseline`` scoring at least ``floor``, if one is found in time.

    Parameters
    ----------
    problem
        The changed inputs.
    pairs
        Their eligible pairs.
    baseline
        The current plan: each project's owners (team ids).
    floor
        The objective to reach (exact units).
    time_limit_s, cancel
        Bound the local search.
    shed_fewest
        Each team the change leaves short sheds the fewest projects it can
        (:func:`_evicted`) before the rest is placed; else the baseline's projects
        are placed densest first and the least dense no longer fit, however many.
        The fewest may lose more objective (larger projects): 150 x 3,000, 5 % less
        sales, seed 2, 73 changes 9 short of the floor where the densest first
        reached it with 172.

    Returns
    -------
    tuple
        The plan's pairs and its exact objective (``None`` when it breaks a
        rule, e.g. leaves a mandatory project out). The objective may be
        below ``floor`` when no nearby plan reaching it was found in time.
    """
    deadline = time.perf_counter() + time_limit_s
    preference = [1.0 if p.team_id in baseline.get(p.project_id, ()) else 0.0 for p in pairs]
    g = Greedy(problem, pairs, preference)
    projects = problem.project_index
    g.in_order(forced_projects(problem))
    kept = [projects[p] for p in baseline if p in projects]
    kept.sort(key=lambda project: -_baseline_density(g, project, baseline))
    # The work the change leaves no room for goes last: the rest keeps its owners, and
    # each evicted project then takes what room is left (its own team's, else a move).
    evicted = _evicted(g, baseline) if shed_fewest else set()
    kept.sort(key=lambda project: project.project_id in evicted)
    g.in_order(topological(problem, kept, keep_order=True))
    g.best_first()
    search = _NearSearch(g, deadline, cancel, baseline)
    search.extra = 0
    search.run()
    chosen = g.plan()
    objective = plan_objective(problem, chosen)
    if objective is None:
        return chosen, objective
    per_change = (floor - objective) / 4
    for round_ in range(_MAX_ROUNDS):
        if objective is None or objective >= floor or search.should_stop():
            break
        # Late rounds also take moves that change two baseline projects (a relocation
        # that makes room, then a drop): a plan short of the floor by a hair gets there.
        search.extra = 1 if round_ < _MAX_ROUNDS // 2 else 2
        search.min_gain = per_change
        search.estimate = objective
        search.target = floor + 1e-6 * abs(floor)
        search.run()
        chosen = g.plan()
        objective = plan_objective(problem, chosen)
        per_change /= 2
    return chosen, objective


def _evicted(g: Greedy, baseline: Mapping[str, frozenset[str]]) -> set[str]:
    """The baseline projects to take off the teams that no longer hold their baseline work.

    On each team whose baseline work exceeds its room (hours or project slots, after
    pinned and mandatory work is placed), the fewest projects whose hours cover the
    excess, and among as few the ones worth least (:func:`_fewest_to_shed`). Projects
    others depend on are shed only when the rest cannot cover it: their dependents
    would go with them. Every other baseline project then fits where it is.

    The density order alone (every team's least dense work out first) took three small
    projects off a team where one larger one was enough: 29-33 changes for 17-20
    over-full teams on generated 40 x 500 quarters with 5 % less sales.
    """
    problem = g.problem
    projects = problem.project_index
    needed = set(problem.dependents)  # the projects others depend on
    on_team: dict[str, list[tuple[str, int]]] = {}
    base_rows: dict[str, list[int]] = {}
    for project_id, teams in baseline.items():
        if project_id not in projects:
            continue  # deleted since: no change of this plan
        rows = [r for r in g.by_project.get(project_id, []) if g.pairs[r].team_id in teams]
        if len(rows) != len(teams):
            continue  # a baseline owner is no longer possible: it changes anyway
        base_rows[project_id] = rows
        if project_id in g.chosen:
            continue  # placed already (pinned or mandatory work)
        for row in rows:
            on_team.setdefault(g.pairs[row].team_id, []).append((project_id, g.hours[row]))
    # What each goal's baseline work reaches past its target: shedding that much of it
    # costs no attainment (a goal at 104 % loses nothing to 3 % less of its work).
    past = {goal.goal_id: -float(goal.target) for goal in problem.goals}
    for project_id, rows in base_rows.items():
        goal_id = projects[project_id].goal_id
        if goal_id in past:
            past[goal_id] += sum(g.value[r] for r in rows)
    evicted: set[str] = set()
    for team_id, held in on_team.items():
        over = sum(hours for _, hours in held) - g.free[team_id]
        slots = g.slots[team_id]
        extra = 0 if slots is None else len(held) - slots
        if over <= 0 and extra <= 0:
            continue
        worth = [(p, hours, _loss(g, projects[p], base_rows[p], past)) for p, hours in held]
        shed = _fewest_to_shed([h for h in worth if h[0] not in needed], over, extra)
        if shed is None:
            shed = _fewest_to_shed(worth, over, extra) or [h[0] for h in held]
        for project_id in shed:
            goal_id = projects[project_id].goal_id
            if goal_id in past:
                past[goal_id] -= sum(g.value[r] for r in base_rows[project_id])
        evicted.update(shed)
    return evicted


def _loss(g: Greedy, project: Project, rows: list[int], past: Mapping[str, float]) -> float:
    """What taking ``project`` off its ``rows`` loses, its goal reaching ``past`` its
    target without it being lost first."""
    value = sum(g.value[r] for r in rows)
    loss = g.w_value * value + sum(g.w_fit * g.fit[r] + g.kept[r] for r in rows)
    goal = g.problem.goal_index.get(project.goal_id or "")
    if goal is not None and g.w_attainment:
        lost = max(0.0, value - max(past[goal.goal_id], 0.0))
        loss += g.attainment_points(goal, min(lost, float(goal.target)))
    return loss


def _fewest_to_shed(held: list[tuple[str, int, float]], over: int, extra: int) -> list[str] | None:
    """The fewest of ``held`` (project id, hours, loss) whose hours reach ``over`` and
    whose count reaches ``extra``, and among as few the least loss; ``None`` when all of
    them do not reach it.

    Every single project and pair is tried (a team sheds one or two on a 5-10 % cut);
    beyond, the largest first and the least loss per hour first, each without what the
    rest covers on its own.
    """

    def covers(items: Sequence[tuple[str, int, float]]) -> bool:
        return sum(h[1] for h in items) >= over and len(items) >= extra

    if not covers(held):
        return None
    options: list[list[tuple[str, int, float]]] = []
    for key in (
        lambda h: (-h[1], h[2]),
        lambda h: (h[2] / max(min(h[1], over), 1), -h[1]),
    ):
        cover: list[tuple[str, int, float]] = []
        for h in sorted(held, key=key):
            if covers(cover):
                break
            cover.append(h)
        for h in sorted(cover, key=lambda h: -h[2]):
            rest = [c for c in cover if c is not h]
            if covers(rest):
                cover = rest
        options.append(cover)
    if extra <= 2:
        options += [[h] for h in held if covers([h])]
        options += [[a, b] for i, a in enumerate(held) for b in held[i + 1 :] if covers([a, b])]
    best = min(options, key=lambda items: (len(items), sum(h[2] for h in items)))
    return [h[0] for h in best]


def _baseline_density(g: Greedy, project: Project, baseline: Mapping[str, frozenset[str]]) -> float:
    rows = [r for r in g.by_project.get(project.project_id, []) if g.preference[r]]
    if len(rows) != len(baseline[project.project_id]):
        return -1.0  # a baseline owner is no longer possible: it changes anyway
    if project.mandatory:
        return float("inf")
    hours = sum(g.hours[r] for r in rows)
    return g.gain(project, rows) / max(hours, 1)


class _NearSearch(LocalSearch):
    """The warm start's local search, counting the baseline projects each move changes.

    ``extra`` is how many more changes one move may cause (0: only moves that
    change nothing, or bring a project back to its baseline team). With
    ``extra`` > 0 the search stops once ``estimate`` (the objective, tracked
    from the moves' gains) reaches ``target``.
    """

    reassigns = False  # every change of owner here is counted against the budget

    def __init__(
        self,
        greedy: Greedy,
        deadline: float,
        cancel: Event | None,
        baseline: Mapping[str, frozenset[str]],
    ) -> None:
        super().__init__(greedy, deadline, cancel)
        self.base_row: dict[str, int] = {}
        for project_id, teams in baseline.items():
            rows = [
                r for r in greedy.by_project.get(project_id, []) if greedy.pairs[r].team_id in teams
            ]
            if len(rows) == 1 and len(teams) == 1:
                self.base_row[project_id] = rows[0]
        self.in_baseline = set(baseline)
        self.extra = 0
        self.min_gain = 0.0
        self.estimate = float("-inf")
        self.target = float("inf")

    def should_stop(self) -> bool:
        """As any search's, and, with ``extra`` > 0, once ``estimate`` reaches ``target``."""
        if self.extra > 0 and self.estimate >= self.target:
            return True
        return super().should_stop()

    def revert_cost(self, project_id: str, apply_within: float | None = None) -> float | None:
        """What putting ``project_id`` back on its baseline team costs in objective.

        Room is made by taking out projects the baseline did not have on that
        team (least worth per hour first). ``None`` when it cannot go back.
        With ``apply_within``, the move is made when it costs at most that.
        """
        g = self.g
        base = self.base_row[project_id]
        team_id = g.pairs[base].team_id
        current = g.chosen.get(project_id)
        if current is not None and len(current) != 1:
            return None
        cur = current[0] if current else None
        room = g.free[team_id]
        slots = g.slots[team_id]
        others = sorted(
            (
                other
                for other in self.on_team[team_id]
                if other in self.movable
                and other not in self.mandatory
                and self.base_row.get(other) != g.chosen[other][0]
            ),
            key=lambda other: self._worth_per_hour(other),
        )
        out: list[str] = []
        for other in others:
            if room_for(g.hours[base], room, slots):
                break
            room += g.hours[g.chosen[other][0]]
            slots = None if slots is None else slots + 1
            out.append(other)
        if not room_for(g.hours[base], room, slots):
            return None
        deltas = [(project_id, g.value[base] - (g.value[cur] if cur is not None else 0.0))]
        deltas += [(other, -g.value[g.chosen[other][0]]) for other in out]
        gain = self._change(deltas) + self._worth(base)
        gain -= (self._worth(cur) if cur is not None else 0.0) + sum(
            self._worth(g.chosen[other][0]) for other in out
        )
        cost = max(0.0, -gain)
        if apply_within is not None:
            if cost > apply_within:
                return None
            for other in out:
                self._drop(other)
            if cur is not None:
                self._drop(project_id)
            self._take(g.problem.project(project_id), base)
        return cost

    def _worth_per_hour(self, project_id: str) -> float:
        row = self.g.chosen[project_id][0]
        gain = self._change([(project_id, -self.g.value[row])]) - self._worth(row)
        return -gain / max(self.g.hours[row], 1)

    def _changed(self, project_id: str, row: int | None) -> int:
        """1 when ``project_id`` on ``row`` (None: not assigned) differs from the baseline."""
        if project_id not in self.in_baseline:
            return 0
        return int(row is None or self.base_row.get(project_id) != row)

    def _place(self, project: Project) -> bool:
        """The search's moves that assign ``project``, weighed by the baseline projects each
        changes: the fewest changes (at most ``extra``) first, then the best gain."""
        g = self.g
        pid = project.project_id
        best: tuple[int, Move] | None = None  # (changes it adds, move)

        def consider(changes: int, move: Move) -> None:
            nonlocal best
            if move.gain <= 1e-9 or changes > self.extra:
                return
            if changes > 0 and move.gain < self.min_gain * changes:
                return
            if best is None or (changes, -move.gain) < (best[0], -best[1].gain):
                best = (changes, move)

        before = self._changed(pid, None)
        for move in self._placing(project):
            changes = self._changed(pid, move.row) - before
            if move.other is not None:  # relocated (to ``alt``) or dropped (``alt`` None)
                held = g.chosen[move.other][0]
                changes += self._changed(move.other, move.alt) - self._changed(move.other, held)
            consider(changes, move)
        if best is None:
            return False
        move = best[1]
        self._carry_out(project, move)
        self.estimate += move.gain
        return True


def reverted_plan(
    problem: Problem,
    pairs: Sequence[Pair],
    baseline: Mapping[str, frozenset[str]],
    start: Sequence[Pair],
    floor: float,
    *,
    time_limit_s: float,
    cancel: Event | None = None,
) -> tuple[list[Pair], float | None]:
    """``start`` (a plan reaching ``floor``) with changed projects put back while it stays there.

    The other side of :func:`nearby_plan`: from the free re-solve's plan,
    each baseline project it moved or dropped goes back to its baseline team,
    cheapest first, making room by taking out projects the baseline did not
    have there, as long as the objective stays at or above ``floor``.

    Returns the plan's pairs and its exact objective (``None`` if it breaks a rule).
    """
    deadline = time.perf_counter() + time_limit_s
    g = Greedy(problem, pairs, None)
    row_of = {(p.project_id, p.team_id): r for r, p in enumerate(pairs)}
    owners: dict[str, list[int]] = {}
    for pair in start:
        owners.setdefault(pair.project_id, []).append(row_of[(pair.project_id, pair.team_id)])
    for project_id, rows in owners.items():
        g.take(problem.project(project_id), rows)
    search = _NearSearch(g, deadline, cancel, baseline)
    objective = plan_objective(problem, list(start))
    if objective is None:
        return list(start), None
    slack = objective - floor
    for _ in range(2):
        pending = [
            p
            for p, row in search.base_row.items()
            if p in search.movable and g.chosen.get(p) != [row]
        ]
        costs = [(cost, p) for p in pending if (cost := search.revert_cost(p)) is not None]
        costs.sort()
        applied = False
        for _cost, project_id in costs:
            if search.should_stop():
                break
            move = search.revert_cost(project_id, apply_within=slack)
            if move is not None:
                slack -= move
                applied = True
        if not applied:
            break
    chosen = g.plan()
    return chosen, plan_objective(problem, chosen)


def kept_in_weeks(
    problem: Problem,
    pairs: Sequence[Pair],
    *,
    improve_s: float,
    budget_s: float,
    cancel: Event | None = None,
) -> tuple[list[Pair], dict[str, int]]:
    """The current plan kept week by week where it still fits, filled, then improved.

    ``problem`` has a baseline (its owners and start weeks) and a stability
    weight. Each baseline project stays with its owners in the weeks the current
    plan runs it, best gain per hour first, where those weeks still have
    room (:meth:`~planner.optimizer.greedy.Greedy.run`'s ``kept_first``); the
    rest go to their owners in other weeks, else to another team, else out;
    the greedy then fills what room is left with the projects the baseline
    left out (adds are free), and the week search improves the plan until
    ``improve_s`` seconds from the call, weighing each change by the
    stability weight. So work on teams the change did not touch keeps its
    owners and its weeks: a marketing cut moves no sales-only project unless
    a joint project or a prerequisite it runs after has to.

    Returns the plan's pairs and each project's start week.
    """
    return greedy_plan(
        problem,
        pairs,
        baseline_preference(problem, pairs),
        improve_s=improve_s,
        budget_s=KICKS_FACTOR * budget_s,
        cancel=cancel,
        search=WeekSearch,
        kept_first=True,
    )
