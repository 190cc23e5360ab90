"""Large neighbourhood search in weeks: CP-SAT re-plans a few teams' quarters, week by week.

The week search (:mod:`planner.optimizer.week_search`) moves one or two
projects at a time, each to the start week that leaves most room. On a
generated 40 x 500 quarter in weeks its plans leave 10-20 % of most teams'
weeks unused while valuable projects stay out: the free hours are scattered
over weeks that no single project's run fits. Packing a team's weeks anew
takes moving several projects in time at once, which this search does.

Each step frees a few teams (one that could take a left-out project, and
teams sharing candidate projects with it): every movable project they own
leaves the plan, and CP-SAT (one worker, a deterministic work limit) picks
which of those and of the left-out projects they take, by which team and
from which week, so as to gain most. Their projects tied by a dependency or
a pin keep their team and may move in time, between the end of their
prerequisites and the start of their dependents (as those are); joint
projects and the other teams' plans stay as they are, so every rule the
week search keeps holds (quarter hours and project caps, weekly hours,
windows, durations and finish to start). A step that does not gain is undone.
Moving tied projects in time as well gained 1.3 points on generated 40 x 500
quarters in weeks (3 units, seeds 0-4: 1,586.4 against 1,585.2 mean).

Before the steps and after them, exchanges (:mod:`planner.optimizer.week_swap`)
put left-out projects in place of one or two planned ones where the freed
weeks hold them: the steps free a few teams at a time, the exchanges look at
every team.

The steps' work is counted in CP-SAT's deterministic time and the teams
are drawn from a fixed seed, so the same inputs and budget give the same plan.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from threading import Event
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from planner.optimizer.cpsat import add_row, cp_solver
from planner.optimizer.formulation import (
    Row,
    capacity_row,
    max_projects_row,
    one_owner_row,
    week_rows_to,
)
from planner.optimizer.lns import pick_teams, rows_by_team, team_neighbours
from planner.optimizer.week_swap import WeekSwaps
from planner.optimizer.weeks import WeekLoads, add_run, week_capacity_rows

weighted_sum = cp_model.LinearExpr.weighted_sum

if TYPE_CHECKING:
    from planner.core.domain import Project
    from planner.optimizer.local_search import LocalSearch

#: CP-SAT's deterministic work limit for one step. Short steps, more of them: with 3 units
#: on generated 40 x 500 quarters in weeks (seeds 0-4) 0.025 gave a mean of 1,585.2, 0.05
#: 1,584.1, 0.1 1,582.5 and 0.0125 1,584.3.
STEP_WORK = 0.025
#: What a step costs besides CP-SAT's own count (building the sub-model in Python,
#: measured about 0.02-0.05 s at 40 x 500 with 3 teams), in the same units.
_STEP_OVERHEAD = 0.02
#: Teams freed per step: the first, and the bounds of the adaptive size.
_FIRST_TEAMS = 2
_MIN_TEAMS = 1
_MAX_TEAMS = 4
#: A step proven optimal in less than this share of its limit frees one team more next time.
_GROW_BELOW = 0.5
#: Exchanges weighed (:mod:`planner.optimizer.week_swap`) before the steps and again
#: after them, at most: twice the most a generated 40 x 500 quarter in weeks took to
#: the end (195,000 over both, seeds 0-4), a bound for larger quarters.
SWAP_WORK = 400_000
#: Objective coefficients are scaled by this and rounded for CP-SAT (its score is only
#: a guide: a step is kept when the exact-in-floats score of the search improves).
_POINTS = 1_000_000
#: Goal values in CP-SAT: hundredths.
_VALUE = 100


@dataclass
class _Columns:
    """A sub-problem's columns as they are made: the model, each column's variable and
    pair row, each (project, pair row, start week)'s variable, each freed team's columns
    and weekly loads, the columns' worth beside attainment, each goal's KPI columns, and
    each column's hint (1: where its project runs now), in the order made: one batch into
    the model, as ``model.add_hint`` would add them one by one."""

    model: cp_model.CpModel
    columns: list[cp_model.IntVar] = field(default_factory=list)
    pair_of: list[int] = field(default_factory=list)
    choice: dict[tuple[str, int, int], cp_model.IntVar] = field(default_factory=dict)
    team_columns: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    loads: WeekLoads = field(default_factory=dict)
    by_goal: dict[str, list[tuple[cp_model.IntVar, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    objective: list[tuple[cp_model.IntVar, int]] = field(default_factory=list)
    hints: list[int] = field(default_factory=list)
    hinted: list[int] = field(default_factory=list)


class WeekNeighbourhoods:
    """Re-plans a few teams at a time over the state of a week search's greedy.

    The search's ``movable`` and ``mandatory`` hold here too: only movable
    projects leave the plan or join it, and a mandatory one that leaves it
    comes back (by one of the freed teams); a step is kept when the search's
    score (attainment, value and fit) improves.
    """

    def __init__(self, search: LocalSearch) -> None:
        g = search.g
        assert g.weeks is not None, "the search in weeks has a week room"
        self.g = g
        self.weeks = g.weeks
        self.movable = search.movable
        self.mandatory = search.mandatory
        #: The search whose score a step must raise and whose left-out projects it brings in.
        self.search = search
        self.by_team = rows_by_team(g.pairs)
        self.teams = sorted(self.by_team)
        self.neighbours = team_neighbours(g.pairs, self.by_team)
        self.goal_of = search.goal_of
        problem = g.problem
        #: Projects tied by a dependency or a pin keep their owner but may move in time.
        self.shiftable = {
            p.project_id
            for p in problem.projects
            if p.project_id not in self.movable and not p.joint and len(problem.starts(p)) > 1
        }
        #: Each project's dependents (the projects that name it in ``depends_on``).
        self.after = problem.dependents
        self.steps = 0
        self.improved = 0
        self.work = 0.0
        #: Exchanges made before the steps and after them, and exchanges weighed.
        self.swapped = [0, 0]
        self.weighed = 0
        #: Of those exchanges, the ones made with the team's other projects moved in time.
        self.retimed = 0
        #: And the ones made as chains (a project going out taking another team's place).
        self.chained = 0

    def run(self, work: float, deadline: float, cancel: Event | None = None, seed: int = 0) -> None:
        """Exchanges (:mod:`planner.optimizer.week_swap`), then steps until ``work``
        (deterministic units) is spent, ``deadline`` or ``cancel``, then exchanges again."""
        self.swapped[0] = self._swap(deadline, cancel)
        self._steps(work, deadline, cancel, seed)
        self.swapped[1] = self._swap(deadline, cancel)

    def _swap(self, deadline: float, cancel: Event | None) -> int:
        """Exchanges of planned and left-out projects until none gains; how many were made."""
        swaps = WeekSwaps(self.search)
        swaps.run(SWAP_WORK, deadline, cancel)
        self.weighed += swaps.weighed
        self.retimed += swaps.retimed
        self.chained += swaps.chained
        return swaps.made

    def _steps(self, work: float, deadline: float, cancel: Event | None, seed: int) -> None:
        rng = random.Random(seed)
        size = _FIRST_TEAMS
        while self.work < work and time.perf_counter() < deadline and len(self.teams) > 1:
            if cancel is not None and cancel.is_set():
                return
            wanted = self.search.candidates()  # once a step: the plan does not change in between
            free = self._teams(size, rng, wanted)
            limit = min(STEP_WORK, work - self.work)
            code, took = self._step(free, limit, deadline, wanted)
            self.steps += 1
            self.work += took + _STEP_OVERHEAD
            if code == cp_model.OPTIMAL and took < _GROW_BELOW * limit:
                size = min(_MAX_TEAMS, size + 1)
            elif code != cp_model.OPTIMAL:
                size = max(_MIN_TEAMS, size - 1)

    # -- one step -------------------------------------------------------------------

    def _teams(self, size: int, rng: random.Random, wanted: list[Project]) -> set[str]:
        """A team that could take a left-out project that would gain, and its neighbours.

        Drawn among the owners of every such project, not only of the best few:
        those are often one goal's, owned by a handful of teams of one department
        (sales teams on generated 40 x 500 quarters), and steps among those alone
        stopped gaining while a marketing goal stayed at half its target.
        """
        g = self.g
        rows = self.search.rows
        owners = sorted({g.pairs[r].team_id for p in wanted for r in rows[p.project_id]})
        first = rng.choice(owners or self.teams)
        return pick_teams([first], self.neighbours, min(size, len(self.teams)), rng)

    def _step(
        self, free: set[str], limit: float, deadline: float, wanted: list[Project]
    ) -> tuple[cp_model.CpSolverStatus, float]:
        """Re-plan the ``free`` teams (``wanted``: the left-out projects that would gain);
        CP-SAT's status and the work it took."""
        g = self.g
        weeks = self.weeks
        before = self.search.score()
        saved = g.snapshot()
        held = {
            pid: (rows[0], weeks.start[pid])
            for pid, rows in g.chosen.items()
            if pid in self.movable and len(rows) == 1 and g.pairs[rows[0]].team_id in free
        }
        shifted = self._shifted(free)
        projects = list(held) + list(shifted)
        projects += [
            p.project_id
            for p in wanted
            if any(g.pairs[r].team_id in free for r in self.search.rows[p.project_id])
        ]
        for pid, (row, _) in held.items():
            self._release(pid, row)
        for pid, (row, _, _) in shifted.items():
            self._release(pid, row)
        model, choice = self._model(projects, free, held, shifted)
        solver = cp_solver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = 0
        params.max_deterministic_time = max(0.001, limit)
        params.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
        params.log_to_stdout = False
        code = solver.solve(model)
        took = solver.response_proto.deterministic_time
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for (pid, row, start), var in choice.items():
                if solver.value(var):
                    self._assign(pid, row, start)
            if self.search.score() > before + 1e-9:
                self.improved += 1
                return code, took
        g.restore(saved)
        return code, took

    def _shifted(self, free: set[str]) -> dict[str, tuple[int, int, list[int]]]:
        """The ``free`` teams' tied projects that may move in time: id -> (row, start, starts).

        Rule 12 holds whatever start each takes among its ``starts``: after its
        prerequisites end and before its dependents start, as they are now.
        Of two projects tied to each other only the first moves (both moving
        could cross), so each one's neighbours stay where they are.
        """
        g, weeks, problem = self.g, self.weeks, self.g.problem
        shifted: dict[str, tuple[int, int, list[int]]] = {}
        for pid, rows in g.chosen.items():
            if pid not in self.shiftable or len(rows) != 1:
                continue
            (row,) = rows
            project = problem.project(pid)
            tied = [*project.depends_on, *self.after.get(pid, ())]
            if g.pairs[row].team_id not in free or any(t in shifted for t in tied):
                continue
            latest = problem.num_weeks
            for later in self.after.get(pid, ()):
                if later in weeks.start and pid in problem.runs_after(problem.project(later)):
                    latest = min(latest, weeks.start[later] - weeks.duration[row])
            starts = [s for s in problem.starts(project, weeks.earliest(project)) if s <= latest]
            if len(starts) > 1:
                shifted[pid] = (row, weeks.start[pid], starts)
        return shifted

    def _model(
        self,
        projects: Sequence[str],
        free: set[str],
        held: dict[str, tuple[int, int]],
        shifted: dict[str, tuple[int, int, list[int]]] | None = None,
    ) -> tuple[cp_model.CpModel, dict[tuple[str, int, int], cp_model.IntVar]]:
        """The sub-problem: which freed team runs which project from which week.

        One 0/1 column per (project, pair, start week). Rules 1, 5, 6 and 10
        come from the formulation's own rows (:func:`one_owner_row`,
        :func:`capacity_row`, :func:`max_projects_row`, :func:`week_capacity_rows`)
        over these columns, with the room the rest of the plan leaves each
        freed team (the greedy's free hours, project slots and free weekly
        hours). A held mandatory project and a ``shifted`` one (it stays with
        its team and in the plan; only its start may change, among the starts
        given) take exactly one column.
        """
        shifted = shifted or {}
        g = self.g
        model = cp_model.CpModel()
        made = _Columns(model)
        was = {pid: (row, start) for pid, (row, start, _) in shifted.items()} | held

        def add(row: Row | None) -> None:
            if row is not None:
                add_row(model, row, made.columns)

        for pid in projects:
            mine = self._columns_of(made, pid, free, shifted, was)
            if not mine:
                continue
            if (pid in self.mandatory and pid in held) or pid in shifted:
                model.add_exactly_one([made.columns[c] for c in mine])
            else:
                add(one_owner_row(pid, mine))
        for team_id, cols in made.team_columns.items():
            hours = [g.hours[made.pair_of[c]] for c in cols]
            add(capacity_row(team_id, cols, hours, g.free[team_id], g.hour_scale))
            add(max_projects_row(team_id, cols, g.slots[team_id]))

        week_capacity_rows(made.loads, self.weeks.free, self.weeks.unit, week_rows_to(add))
        model.proto.solution_hint.vars.extend(made.hints)
        model.proto.solution_hint.values.extend(made.hinted)
        objective = made.objective
        objective += self._attainment(model, made.by_goal, was)
        model.maximize(weighted_sum([v for v, _ in objective], [c for _, c in objective]))
        return model, made.choice

    def _columns_of(
        self,
        made: _Columns,
        pid: str,
        free: set[str],
        shifted: dict[str, tuple[int, int, list[int]]],
        was: dict[str, tuple[int, int]],
    ) -> list[int]:
        """``pid``'s columns, one a (pair on a freed team, start week), added to ``made``
        with their loads, worth and hints (1 where it runs now, ``was``); their indices."""
        g, weeks = self.g, self.weeks
        project = g.problem.project(pid)
        mine: list[int] = []
        rows = [shifted[pid][0]] if pid in shifted else self.search.rows[pid]
        for row in rows:
            team_id = g.pairs[row].team_id
            if team_id not in free:
                continue
            duration = weeks.duration[row]
            starts = shifted[pid][2] if pid in shifted else g.problem.starts(project)
            for start in starts:
                var = made.model.new_bool_var("")
                column = len(made.columns)
                made.columns.append(var)
                made.pair_of.append(row)
                made.choice[(pid, row, start)] = var
                mine.append(column)
                made.team_columns[team_id].append(column)
                add_run(made.loads, team_id, column, start, duration, weeks.per_week[row])
                worth = round(_POINTS * (g.w_value * g.value[row] + g.w_fit * g.fit[row]))
                if worth:
                    made.objective.append((var, worth))
                goal = self.goal_of[pid]
                if goal is not None and g.w_attainment:
                    made.by_goal[goal.goal_id].append((var, round(_VALUE * g.value[row])))
                made.hints.append(var.index)
                made.hinted.append(1 if was.get(pid) == (row, start) else 0)
        return mine

    def _attainment(
        self,
        model: cp_model.CpModel,
        by_goal: dict[str, list[tuple[cp_model.IntVar, int]]],
        was: dict[str, tuple[int, int]],
    ) -> list[tuple[cp_model.IntVar, int]]:
        """Each goal's attainment term: the value its freed projects add, up to its headroom.

        ``was``: where the step's projects were (project id -> (pair row, start)),
        for the hints.
        """
        g = self.g
        held_value: dict[str, int] = defaultdict(int)
        for pid, (row, _) in was.items():
            goal = self.goal_of[pid]
            if goal is not None:
                held_value[goal.goal_id] += round(_VALUE * g.value[row])
        attainment: list[tuple[cp_model.IntVar, int]] = []
        for goal_id, terms in by_goal.items():
            goal = g.problem.goal_index[goal_id]
            room = max(0, int(_VALUE * g.headroom[goal_id]))
            reached = model.new_int_var(0, room, "")
            model.add(reached <= weighted_sum([v for v, _ in terms], [c for _, c in terms]))
            per_value = g.attainment_points(goal, 1.0) / _VALUE
            attainment.append((reached, round(_POINTS * per_value)))
            model.add_hint(reached, min(room, held_value[goal_id]))
        return attainment

    # -- the greedy's state ---------------------------------------------------------

    def _release(self, pid: str, row: int) -> None:
        assert self.g.chosen[pid] == [row], "the search re-plans single-owner projects"
        self.g.release(pid)

    def _assign(self, pid: str, row: int, start: int) -> None:
        self.g.take(self.g.problem.project(pid), [row], start)
