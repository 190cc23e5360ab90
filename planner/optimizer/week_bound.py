"""A bound for quarters in weeks that sees each team's weekly packing: Dantzig-Wolfe by team.

The LP relaxation (:mod:`planner.optimizer.lp_bound`) lets a team take a
fraction of a project's run and fill its weeks like water. Here each team's
part of a plan is one *column*: a set of its pairs, each with a start week,
that meets every row of the formulation about that team alone (its weekly
capacity, its quarter, its project cap, each pair's start). The master LP
mixes columns, one convex combination per team, under the rows that tie
teams together (one owner per project, mandatory work, dependencies, a joint
project's two sides, the goals' attainment and the peak utilisation).
Columns come from CP-SAT on one team at a time (the pricing problem).

The bound is Lagrangian: for the master's duals ``y`` of the linking rows,

    L(y) = sum_r y_r x side_r + max over the auxiliary columns' boxes
           + sum over teams of (CP-SAT's upper bound on the team's pricing problem)

which holds for any ``y`` and any stage of the column generation, because
each team's pricing bound is an upper bound on its best column, not the best
column found. The best ``L(y)`` over the rounds is the bound. It is at least
as tight as the LP with the weekly rows once the column generation converges
(Geoffrion), and usually much tighter on packing.

It takes minutes at 40 x 500 (40 pricing problems a round, tens of rounds),
so it is the benchmark's best bound (bench/weeks.py), not the solve's.

The rows that tie two teams' weeks, kept (``relax`` without ``"window"`` and
``"sequence"``). Write ``lambda_c`` for the master's weight of column ``c``
(one team's plan of its weeks), ``y_c[p, w]`` = 1 when ``c`` starts its pair of
project ``p`` in week ``w`` (the start column, or the pair column of a project
with one start), and ``side(p)`` for the pairs that say when ``p`` starts (its
sales pair when joint, else all its pairs). The master has, over the columns
of every team:

- *same start* (rule 11), for each joint project ``p`` and start week ``w``:
  ``sum_c lambda_c y_c[sales pair of p, w] - sum_c lambda_c y_c[marketing pair
  of p, w] = 0``: the share of sales-side columns starting ``p`` in ``w``
  equals the marketing side's;
- *finish to start* (rule 12), for each ``q`` that runs after ``p`` (both with
  durations, ``d`` = ``p``'s) and each start week ``t`` of ``q``:
  ``sum_c lambda_c sum_{pair in side(q), w <= t} y_c[pair, w] - sum_c lambda_c
  sum_{pair in side(p), w <= t - d} y_c[pair, w] <= 0``: the columns of every
  team that have ``q`` started by ``t`` weigh no more than those that have
  ``p`` ended before ``t``.

They are the compact rows of :mod:`planner.optimizer.weeks` with each start
column ``x_j`` replaced by ``sum_c lambda_c [j in c]``. Valid: an integer plan
meeting every rule gives each team ``t`` its part ``c_t`` (the pairs and start
columns it holds), with ``lambda = 1`` on ``c_t`` and 0 elsewhere; then
``sum_c lambda_c [j in c] = x_j``, the plan's own 0/1 value of column ``j``, so
each row above reads exactly as the compact row at the plan, which rule 11 or
12 makes hold (same start: both owners start ``p`` in one week, so both sums
are 1 in that week and 0 in the others; finish to start: ``q`` started by
``t`` means ``p`` started by ``t - d``). Each team's ``c_t`` meets that team's
own rows, so it is one of the columns the pricing may return, and the point is
in the master: no plan scores above the master's optimum. Their duals enter the
reduced cost of each (project, start week) column the rows hold, as every
linking row's do (:class:`Lagrangian`), so ``L(y)`` stays a bound. Left out
(the rounds of column generation at M in bench/results.md before "The rows
that tie two teams' weeks, kept"; the stored ``--rounds 0`` bounds keep them),
the master is a relaxation of this one and its value no lower.
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import ortools.linear_solver.linear_solver_pb2 as linear_solver_pb2
import ortools.linear_solver.pywraplp as pywraplp
from ortools.linear_solver.python import model_builder_helper as mbh
from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.cpsat import cp_solver
from planner.optimizer.eligibility import eligible_pairs
from planner.optimizer.formulation import Formulation, holds_at_zero
from planner.optimizer.lp_bound import Lp, LpRelaxation

log = logging.getLogger(__name__)

#: A row of one team's own: (columns, whole coefficients, lower, upper).
LocalRow = tuple[list[int], list[int], int | None, int | None]

#: Pricing objective coefficients are rounded up at this many per point (a valid bound).
PRICE_SCALE = 100_000
#: The bound and the master this close (relative) end the generation: the rest is rounding.
_CLOSED = 1e-5
#: A column enters the master when its reduced cost is above this (points).
_ENTERS = 1e-6


@dataclass(frozen=True)
class WeekBound:
    """The column generation's outcome.

    ``bound``: the best Lagrangian bound (no plan scores higher); ``master``:
    the last master LP's objective (a bound only when ``converged``);
    ``rounds`` and ``columns``: the work done; ``converged``: no team had a
    column with a positive reduced cost and every pricing problem was proven.
    """

    bound: float
    master: float
    rounds: int
    columns: int
    converged: bool
    seconds: float


class TeamPricing:
    """One team's pricing problem: its pairs and start columns, 0/1, under its own rows."""

    def __init__(
        self, variables: list[int], rows: list[LocalRow], starts: Mapping[int, Sequence[int]]
    ) -> None:
        self.variables = variables
        #: Whether the last :meth:`best` proved its column the best (not out of time).
        self.proven = False
        self.model = cp_model.CpModel()
        self.vars = {j: self.model.new_bool_var(f"v{j}") for j in variables}
        #: Pair column -> its start columns (none when it has one start).
        self.starts = starts
        touched: dict[int, list[LocalRow]] = defaultdict(list)
        for row in rows:
            cols, coeffs, lower, upper = row
            expr = sum(c * self.vars[j] for j, c in zip(cols, coeffs, strict=True))
            if lower is not None:
                self.model.add(expr >= lower)
            if upper is not None:
                self.model.add(expr <= upper)
            for j in cols:
                touched[j].append(row)
        #: Pairs that any column may leave out (and their starts): every row of theirs but
        #: their own start row holds when they go (packing rows only), so a pair worth
        #: nothing in every start week is left out of the search without losing a column.
        self.droppable = {
            pair
            for pair, own in starts.items()
            if all(
                _packing_without(row, {pair, *own}) or _start_row(row, pair, own)
                for j in (pair, *own)
                for row in touched[j]
            )
        }

    def best(
        self, reduced: Mapping[int, float], seconds: float, hint: set[int] | None
    ) -> tuple[float, set[int]]:
        """(An upper bound on the best column's value, the best column found)."""
        weights = {j: math.ceil(reduced[j] * PRICE_SCALE) for j in self.variables}
        model = self.model.clone()
        own = {j: model.get_bool_var_from_proto_index(v.index) for j, v in self.vars.items()}
        for pair in self.droppable:
            # Worth nothing however it starts: the best column without it is as good.
            if weights[pair] + max((weights[s] for s in self.starts[pair]), default=0) <= 0:
                model.add(own[pair] == 0)
        model.maximize(sum(w * own[j] for j, w in weights.items() if w))
        if hint is not None:
            for j, var in own.items():
                model.add_hint(var, j in hint)
        solver = cp_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        code = solver.solve(model)
        self.proven = code == cp_model.OPTIMAL
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # Out of time before a column: every positive weight taken is a bound.
            return sum(w for w in weights.values() if w > 0) / PRICE_SCALE, set(hint or ())
        chosen = {j for j, var in own.items() if solver.value(var)}
        return solver.best_objective_bound / PRICE_SCALE, chosen


def _packing_without(row: LocalRow, gone: set[int]) -> bool:
    """Whether taking the columns ``gone`` out of any solution keeps ``row`` (a <= row)."""
    cols, coeffs, lower, _ = row
    if lower is not None and (lower > 0 or any(c < 0 for c in coeffs)):
        return False  # the rest of the row could fall below its lower side
    return all(c >= 0 for j, c in zip(cols, coeffs, strict=True) if j in gone)


def _start_row(row: LocalRow, pair: int, starts: Sequence[int]) -> bool:
    """Whether ``row`` is the pair's own start row (its starts sum to the pair: all go together)."""
    cols, _, lower, upper = row
    return lower == 0 and upper == 0 and set(cols) == {pair, *starts}


@dataclass(frozen=True)
class Decomposition:
    """A time-phased problem's LP with weeks split by team, as every bound here starts
    from it: the eligible pairs, each pair's start columns, the compact LP, its team
    blocks and each team's pricing problem."""

    pairs: tuple[Pair, ...]
    start_columns: Mapping[int, Mapping[int, int]]
    lp: Lp
    blocks: TeamBlocks
    pricing: dict[int, TeamPricing]


def decomposed(
    problem: Problem, pairs: tuple[Pair, ...] | None = None, relax: frozenset[str] = frozenset()
) -> Decomposition:
    """``problem``'s rules with weeks over ``pairs`` (default: the eligible ones) as an LP
    split by team, the linking rows of the kinds in ``relax`` left out."""
    pairs = eligible_pairs(problem) if pairs is None else pairs
    formulation = Formulation.of(problem, pairs, weeks=True)
    assert formulation.starts is not None
    start_columns = formulation.starts.starts
    lp = LpRelaxation(problem, pairs, formulation).build()
    blocks = team_blocks(problem, pairs, formulation, lp, relax)
    pricing = pricing_problems(blocks, start_columns, len(pairs))
    return Decomposition(pairs, start_columns, lp, blocks, pricing)


def week_bound(
    problem: Problem,
    start: Sequence[Pair],
    starts: Mapping[str, int],
    *,
    pairs: tuple[Pair, ...] | None = None,
    time_limit_s: float = 600.0,
    max_rounds: int = 200,
    pricing_s: float = 2.0,
    smoothing: float = 0.7,
    from_lp: bool = False,
    relax: frozenset[str] = frozenset(),
    final_pricing_s: float | None = None,
) -> WeekBound:
    """The Dantzig-Wolfe bound of a time-phased ``problem`` (see the module's docstring).

    ``start`` and ``starts`` are a plan that meets every rule (its pairs and
    start weeks): its teams' parts are the first columns, so the master is
    feasible from the first round. Each team's pricing problem gets
    ``pricing_s`` a round; with ``final_pricing_s`` the best duals are priced
    once more at the end with that much a team (tighter where the rounds' ran
    out of time). ``relax`` names kinds of linking rows left out (a relaxation).
    """
    began = time.perf_counter()
    split = decomposed(problem, pairs, relax)
    pairs, start_columns, lp, blocks = split.pairs, split.start_columns, split.lp, split.blocks
    master, first = first_master(lp, blocks, start_columns, pairs, start, starts)

    pricing_now = pricing_s

    def pricing_limit() -> float:
        return min(pricing_now, max(0.1, time_limit_s - (time.perf_counter() - began)))

    pricing = split.pricing
    lagrangian = Lagrangian(blocks, pricing, {t: first[t] for t in blocks.columns}, pricing_limit)
    generation = _ColumnGeneration(master, lagrangian, smoothing)
    if from_lp:  # the compact LP's duals: a first bound no looser than the LP's own
        generation.start_at(lp_duals(lp, blocks.linking))
    while generation.rounds < max_rounds and time.perf_counter() - began < time_limit_s:
        if generation.round():
            continue
        if not generation.unproven:
            break
        # No column entered, but a team's pricing ran out of time before it proved that
        # none would: not the end of the generation (pricing of 10 ms a team, a loaded
        # machine's 0.2 s, stopped the rounds after 5 of 16 with 29 s of 30 left, the bound
        # 34 % above the LP's), but a round priced again with twice the time.
        pricing_now *= 2
    if final_pricing_s and generation.center is not None and not generation.converged:
        generation.price_again(final_pricing_s)
    seconds = time.perf_counter() - began
    return WeekBound(
        generation.best,
        generation.value,
        generation.rounds,
        len(master.pool),
        generation.converged,
        seconds,
    )


@dataclass(frozen=True)
class TeamBlocks:
    """The formulation's LP split by team: Dantzig-Wolfe's blocks and the rows that link them.

    Each column belongs to a team (a pair and its start columns) or to the
    master (auxiliary columns and the objective's own). A row all of whose
    columns are one team's is that team's own; every other row links teams,
    but for the kinds the caller relaxes, which are left out.
    """

    lp: Lp
    cost: np.ndarray
    #: Each LP column's team (its index in ``problem.teams``), -1 for the master's own.
    team_of: list[int]
    #: Each team's own rows, in whole numbers as the formulation writes them.
    local: dict[int, list[LocalRow]]
    #: The LP rows that link teams, in order (the master's rows).
    linking: list[int]
    #: Per column: its (position in ``linking``, coefficient) entries.
    entries: dict[int, list[tuple[int, float]]]
    #: Each team's columns.
    columns: dict[int, list[int]]
    #: The master's own columns (auxiliary ones and the objective's).
    aux: list[int]


def team_blocks(
    problem: Problem,
    pairs: Sequence[Pair],
    formulation: Formulation,
    lp: Lp,
    relax: frozenset[str],
) -> TeamBlocks:
    """The blocks of ``lp`` (``formulation``'s LP relaxation over ``pairs``), less ``relax``."""
    num = len(lp.lower)
    team_of = [-1] * num
    teams = {t.team_id: i for i, t in enumerate(problem.teams)}
    for row, pair in enumerate(pairs):
        team_of[row] = teams[pair.team_id]
    assert formulation.starts is not None
    for row, columns in formulation.starts.starts.items():
        for column in columns.values():
            team_of[column] = team_of[row]

    # LP rows: the formulation's (non-empty) rows first, in order, then the objective's.
    formulation_rows = [r for r in formulation.rows if r.cols]
    local: dict[int, list[LocalRow]] = defaultdict(list)
    linking: list[int] = []
    for r, cols in enumerate(lp.cols):
        owners = {team_of[j] for j in cols}
        if len(owners) == 1 and -1 not in owners:
            assert r < len(formulation_rows), "an objective row within one team"
            kept = formulation_rows[r]
            local[owners.pop()].append((list(kept.cols), list(kept.coeffs), kept.lower, kept.upper))
        elif r < len(formulation_rows) and formulation_rows[r].group.kind in relax:
            continue  # left out: a relaxation, so the bound still holds
        else:
            linking.append(r)
    entries: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for k, r in enumerate(linking):
        for j, a in zip(lp.cols[r], lp.coeffs[r], strict=True):
            entries[j].append((k, a))
    block: dict[int, list[int]] = defaultdict(list)
    for j, t in enumerate(team_of):
        if t >= 0:
            block[t].append(j)
    aux = [j for j in range(num) if team_of[j] < 0]
    cost = np.asarray(lp.objective, dtype=np.float64)
    return TeamBlocks(lp, cost, team_of, local, linking, entries, block, aux)


def first_master(
    lp: Lp,
    blocks: TeamBlocks,
    start_columns: Mapping[int, Mapping[int, int]],
    pairs: Sequence[Pair],
    start: Sequence[Pair],
    starts: Mapping[str, int],
) -> tuple[MasterLp, dict[int, set[int]]]:
    """The master LP over the plan's own columns (:func:`first_columns`, returned too), so
    that it is feasible from the first round, and each team's empty column where its own
    rows allow it."""
    master = MasterLp(
        lp, blocks.linking, blocks.entries, blocks.aux, blocks.cost, list(blocks.columns)
    )
    first = first_columns(blocks, start_columns, pairs, start, starts)
    for t in blocks.columns:
        master.add(t, first[t])
        if all(holds_at_zero(lower, upper) for _, _, lower, upper in blocks.local[t]):
            master.add(t, set())  # the empty column, where the team's own rows allow it
    return master, first


def first_columns(
    blocks: TeamBlocks,
    start_columns: Mapping[int, Mapping[int, int]],
    pairs: Sequence[Pair],
    start: Sequence[Pair],
    starts: Mapping[str, int],
) -> dict[int, set[int]]:
    """Each team's part of the start plan (its pairs and their start columns) as a column."""
    chosen_rows = {(p.project_id, p.team_id) for p in start}
    first: dict[int, set[int]] = defaultdict(set)
    for row, pair in enumerate(pairs):
        if (pair.project_id, pair.team_id) not in chosen_rows:
            continue
        first[blocks.team_of[row]].add(row)
        weeks = start_columns.get(row, {})
        started = weeks.get(starts.get(pair.project_id, -1))
        if started is not None and started != row:
            first[blocks.team_of[row]].add(started)
    return first


def pricing_problems(
    blocks: TeamBlocks, start_columns: Mapping[int, Mapping[int, int]], num_pairs: int
) -> dict[int, TeamPricing]:
    """Each team's pricing problem over its columns and its own rows."""
    return {
        t: TeamPricing(
            columns,
            blocks.local[t],
            {
                row: [c for c in start_columns[row].values() if c != row]
                for row in columns
                if row < num_pairs
            },
        )
        for t, columns in blocks.columns.items()
    }


#: Each team's (pricing bound, best column found), as :class:`Lagrangian` prices them.
_Priced = dict[int, tuple[float, set[int]]]


class Lagrangian:
    """``L(y)`` for any multipliers ``y`` of the linking rows (the module's docstring).

    Each team's pricing problem is hinted with the last column it found.
    ``pricing_limit`` gives each pricing problem's seconds, asked anew for each team.
    """

    def __init__(
        self,
        blocks: TeamBlocks,
        pricing: Mapping[int, TeamPricing],
        first: Mapping[int, set[int]],
        pricing_limit: Callable[[], float],
    ) -> None:
        self.blocks = blocks
        self.pricing = pricing
        self.last = dict(first)
        self.pricing_limit = pricing_limit
        lp, linking = blocks.lp, blocks.linking
        self.upper_side = np.array([lp.row_upper[r] for r in linking], dtype=np.float64)
        self.lower_side = np.array([lp.row_lower[r] for r in linking], dtype=np.float64)

    def __call__(self, y: np.ndarray, seconds: float | None = None) -> tuple[float, _Priced]:
        """L(y) and each team's (pricing bound, best column); ``seconds`` a team, when given.

        A multiplier that prices an infinite side (a wrong sign, GLOP's tolerance) is
        taken as 0 before the reduced costs, so that L(y) is a bound for every ``y``.
        """
        blocks = self.blocks
        side = np.where(y > 0, self.upper_side, self.lower_side)
        y = np.where(np.isfinite(side) & (y != 0), y, 0.0)
        reduced = blocks.cost.copy()
        for j, items in blocks.entries.items():
            reduced[j] -= sum(y[k] * a for k, a in items)
        bound = float(np.dot(y[y != 0], side[y != 0]))
        for j in blocks.aux:
            bound += max(reduced[j] * blocks.lp.lower[j], reduced[j] * blocks.lp.upper[j])
        priced = {}
        for t, columns in blocks.columns.items():
            limit = seconds or self.pricing_limit()
            priced[t] = self.pricing[t].best(
                {j: float(reduced[j]) for j in columns}, limit, self.last[t]
            )
            self.last[t] = priced[t][1]
            bound += priced[t][0]
        return bound, priced


class _ColumnGeneration:
    """The rounds: the master LP solved, its duals priced (smoothed towards the best so
    far), the columns the master wants added; the best ``L(y)`` kept as :attr:`best`."""

    def __init__(self, master: MasterLp, lagrangian: Lagrangian, smoothing: float) -> None:
        self.master = master
        self.lagrangian = lagrangian
        self.smoothing = smoothing
        self.best = math.inf
        #: The duals of the best bound so far (the smoothing's centre).
        self.center: np.ndarray | None = None
        #: The last master LP's objective, and its duals.
        self.value = math.nan
        self.last_duals: np.ndarray | None = None
        self.converged = False
        #: The last round ended with no column entering, and a team's pricing out of time.
        self.unproven = False
        self.rounds = 0

    def start_at(self, y: np.ndarray) -> None:
        """The first bound and columns from ``y`` (the compact LP's duals)."""
        self.center = y
        self.best, priced = self.lagrangian(y)
        for t, (_, chosen) in priced.items():
            self.master.add(t, chosen)
        log.debug("from the LP's duals: bound %.4f", self.best)

    def round(self) -> bool:
        """One round; whether another may follow (the master solved and still wants columns)."""
        master = self.master
        self.rounds += 1
        self.unproven = False
        if not master.solve():
            log.debug("the master LP failed after %d rounds: stopped", self.rounds)
            return False
        self.value = value = master.objective.Value()
        if self._closed():
            self.converged = True
            return False
        # Read before any column is added: a changed model has no duals.
        y = np.array([row.dual_value() for row in master.rows])
        self.last_duals = y
        pi = {t: row.dual_value() for t, row in master.convexity.items()}
        entering, priced = self._entering(y, pi)
        if self.center is None:
            self.center = y
        log.debug(
            "round %d: master %.4f, bound %.4f, %d columns",
            self.rounds,
            value,
            self.best,
            len(master.pool),
        )
        if not entering:
            # Nothing the master wants: the rest between the bound and it is rounding.
            self.converged = self._closed() or all(
                upper - pi[t] <= _ENTERS for t, (upper, _) in priced.items()
            )
            pricing = self.lagrangian.pricing
            self.unproven = not self.converged and not all(pricing[t].proven for t in priced)
            return False
        for t, chosen in entering:
            master.add(t, chosen)
        return True

    def _entering(
        self, y: np.ndarray, pi: Mapping[int, float]
    ) -> tuple[list[tuple[int, set[int]]], _Priced]:
        """The columns with a positive reduced cost at the master's duals ``y`` (``pi``:
        the convexity rows'), and the teams' pricing as last done.

        Wentges smoothing: price between the best duals so far and the master's; when
        that finds no column the master wants (a mis-price), price at the master's.
        """
        cost, entries, center = (
            self.lagrangian.blocks.cost,
            self.lagrangian.blocks.entries,
            self.center,
        )
        entering: list[tuple[int, set[int]]] = []
        priced: _Priced = {}
        for alpha in (self.smoothing, 0.0) if center is not None and self.smoothing else (0.0,):
            point = y if center is None or not alpha else alpha * center + (1 - alpha) * y
            bound, priced = self.lagrangian(point)
            if bound < self.best:
                self.best, self.center = bound, point
            for t, (_, chosen) in priced.items():
                gain = sum(cost[j] for j in chosen) - sum(
                    y[k] * a for j in chosen for k, a in entries[j]
                )
                if gain - pi[t] > _ENTERS:
                    entering.append((t, chosen))
            if entering:
                break
        return entering, priced

    def price_again(self, seconds: float) -> None:
        """The best duals (and the master's last) priced once more with ``seconds`` a team:
        time for CP-SAT to prove each team's best column, where the rounds' short pricing
        ran out of time and left its bounds loose."""
        assert self.center is not None
        points = [self.center] if self.last_duals is None else [self.center, self.last_duals]
        for point in points:
            bound, _ = self.lagrangian(point, seconds)
            log.debug("duals priced for %.1f s a team: bound %.4f", seconds, bound)
            self.best = min(self.best, bound)

    def _closed(self) -> bool:
        return self.best - self.value <= _CLOSED * max(1.0, abs(self.value))


class MasterLp:
    """The master LP: the linking rows, the auxiliary columns and one convex mix per team."""

    def __init__(
        self,
        lp: Lp,
        linking: Sequence[int],
        entries: Mapping[int, list[tuple[int, float]]],
        aux: Sequence[int],
        cost: np.ndarray,
        teams: Sequence[int],
    ) -> None:
        self.lp, self.linking, self.entries, self.aux, self.cost = lp, linking, entries, aux, cost
        self.teams = teams
        #: Every column added, to build the LP again when GLOP fails on its warm start.
        self.pool: list[tuple[int, set[int]]] = []
        self._build()

    def _build(self) -> None:
        lp = self.lp
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        inf = self.solver.infinity()
        self.rows = []
        for r in self.linking:
            lower = lp.row_lower[r] if math.isfinite(lp.row_lower[r]) else -inf
            upper = lp.row_upper[r] if math.isfinite(lp.row_upper[r]) else inf
            self.rows.append(self.solver.Constraint(lower, upper))
        self.objective = self.solver.Objective()
        self.objective.SetMaximization()
        for j in self.aux:
            var = self.solver.NumVar(lp.lower[j], lp.upper[j], f"a{j}")
            self.objective.SetCoefficient(var, float(self.cost[j]))
            for k, a in self.entries.get(j, ()):
                self.rows[k].SetCoefficient(var, a)
        self.convexity = {t: self.solver.Constraint(1.0, 1.0) for t in self.teams}
        for t, chosen in self.pool:
            self._column(t, chosen)

    def add(self, t: int, chosen: set[int]) -> None:
        self.pool.append((t, chosen))
        self._column(t, chosen)

    def _column(self, t: int, chosen: set[int]) -> None:
        var = self.solver.NumVar(0.0, 1.0, "")
        self.objective.SetCoefficient(var, float(sum(self.cost[j] for j in chosen)))
        coeffs: dict[int, float] = defaultdict(float)
        for j in chosen:
            for k, a in self.entries.get(j, ()):
                coeffs[k] += a
        for k, a in coeffs.items():
            if a:
                self.rows[k].SetCoefficient(var, a)
        self.convexity[t].SetCoefficient(var, 1.0)

    def solve(self) -> bool:
        """Whether GLOP solved it (once more from scratch when its warm start fails)."""
        if self.solver.Solve() == pywraplp.Solver.OPTIMAL:
            return True
        self._build()
        return bool(self.solver.Solve() == pywraplp.Solver.OPTIMAL)


def lp_duals(lp: Lp, linking: Sequence[int]) -> np.ndarray:
    """The compact LP's duals of the linking rows, signed as :func:`week_bound` prices them."""
    matrix = lp.freeze()
    request = matrix.request()
    answer = mbh.ModelSolverHelper("glop").solve_serialized_request(request.SerializeToString())
    response = linear_solver_pb2.MPSolutionResponse()
    response.ParseFromString(answer)
    duals = np.asarray(response.dual_value, dtype=np.float64)
    if matrix.lagrangian_bound(-duals) < matrix.lagrangian_bound(duals):
        duals = -duals
    return duals[np.asarray(linking, dtype=np.int64)]
