"""The Dantzig-Wolfe bound in weeks at 40 x 500: a box round the duals, fast pricing, a proof.

:func:`planner.optimizer.week_bound.week_bound` prices every team to CP-SAT's
proof in every round, so that each round's ``L(y)`` is a bound. At 40 x 500
that takes about 2 s a team (1.5-3 minutes a round), and the master stays on
the start plan: a team's new column can enter only with matching columns of the
teams on the other side of its joint projects, mandatory work and
prerequisites, so every pivot is degenerate and its duals say little. Here the
rounds and the proof are apart:

- *Rounds* price each team by a local search (:class:`TeamGreedy`, milliseconds a
  team, from the best of its master columns at those prices); when it finds
  nothing the master wants, CP-SAT hinted with its column, ``pricing_s`` a team
  and then four times as long, up to ``max_pricing_s``; with ``check_every`` k,
  every k-th round CP-SAT (``pricing_s`` a team, hinted) as well, for the team
  plans the local search cannot build (a prerequisite opening a run). The
  columns' values give ``L~(y)``, a *lower* estimate of ``L(y)`` (columns found,
  not the best ones proven), which only steers.
- *A box* (du Merle's stabilisation, BoxStep): each master row may be broken
  at a price ``centre +- width`` a unit, so the master's duals stay within
  ``width`` of the centre (the duals of the best ``L~`` so far, the LP's first)
  and the master leaves the start plan. The box widens when it holds the
  duals back and nothing enters. The master's value when no row is broken is a
  lower end of the Dantzig-Wolfe bound (``floor``); after the last round, the
  last pool's master is solved once more with breaking a row priced out of
  reach, so that the floor is the whole pool's.
- *The proof*: when the rounds end (the best ``L~`` within ``closed`` of the
  floor at the longest pricing, or out of rounds or time), ``L(y)`` at the
  centre, each team priced for ``final_pricing_s`` with CP-SAT's proven upper
  bound. That is a bound for any ``y`` whatever the rounds did (the module
  docstring of :mod:`planner.optimizer.week_bound`).

:mod:`planner.optimizer.week_bound_subgradient` is the other route to the same kind of
bound, with this module's team search (:class:`TeamGreedy`) and duals (:class:`DualPoint`).
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.cpsat import cp_solver
from planner.optimizer.week_bound import (
    PRICE_SCALE,
    Decomposition,
    Lagrangian,
    LocalRow,
    MasterLp,
    TeamBlocks,
    TeamPricing,
    decomposed,
    first_master,
    lp_duals,
)

log = logging.getLogger(__name__)

#: A column enters the master when its reduced cost is above this (points).
_ENTERS = 1e-6
#: A row broken at this price a unit (points): more than any column is worth.
_NO_BREAK = 1e4


@dataclass(frozen=True)
class StableBound:
    """The outcome. ``bound``: proven (no plan scores higher); ``estimate``: the best
    ``L~`` of the rounds (fast pricing, not a bound); ``master``: the best master LP
    with no row broken (a lower end of the Dantzig-Wolfe bound); ``proofs``: each proven
    ``L(y)`` computed, by where its duals came from."""

    bound: float
    estimate: float
    master: float
    rounds: int
    columns: int
    converged: bool
    seconds: float
    proof_seconds: float
    proofs: dict[str, float]
    trace: list[tuple[int, float, float, float]]
    #: The centre's duals (the proof's multipliers) and each team's column there.
    centre: np.ndarray | None = None
    columns_at_centre: dict[int, set[int]] | None = None
    #: Every column the master had at the end: (team, its columns), for another run's start.
    pool: list[tuple[int, set[int]]] | None = None


class _Collector(cp_model.CpSolverSolutionCallback):
    """The last ``keep`` solutions a search finds (each better than the one before)."""

    def __init__(self, own: Mapping[int, cp_model.IntVar], keep: int) -> None:
        super().__init__()
        self.own, self.keep = own, keep
        self.found: list[set[int]] = []

    def on_solution_callback(self) -> None:
        self.found.append({j for j, var in self.own.items() if self.boolean_value(var)})
        if len(self.found) > self.keep:
            self.found.pop(0)


def _short_pricing(
    pricing: TeamPricing, reduced: Mapping[int, float], seconds: float, hint: set[int], keep: int
) -> list[set[int]]:
    """Up to ``keep`` good columns of one team at ``reduced``, best last (CP-SAT, ``seconds``)."""
    weights = {j: math.ceil(reduced[j] * PRICE_SCALE) for j in pricing.variables}
    model = pricing.model.clone()
    own = {j: model.get_bool_var_from_proto_index(v.index) for j, v in pricing.vars.items()}
    for pair in pricing.droppable:
        if weights[pair] + max((weights[s] for s in pricing.starts[pair]), default=0) <= 0:
            model.add(own[pair] == 0)
    model.maximize(sum(w * own[j] for j, w in weights.items() if w))
    for j, var in own.items():
        model.add_hint(var, j in hint)
    solver = cp_solver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    collector = _Collector(own, keep)
    solver.solve(model, collector)
    return collector.found


#: A pair at one start week: (the pair's column, its start column or None).
_Item = tuple[int, int | None]


class TeamGreedy:
    """One team's pricing by local search: items are a pair at one start week, moves keep
    every row of the team's own (from a column that meets them all: the hint).

    Adds the best items by value per share of the team's limits, moves a pair to its best
    start, drops what is worth less than nothing, and tries each pair out for a refill.
    Milliseconds a team where CP-SAT needs seconds to find a first column at 40 x 500.

    A move to another start takes the pair out first, which can break a row that the old
    start alone held (a finish-to-start row within the team): the rows broken are kept in
    ``broken``, and only an item that mends them all fits, so no column returned breaks a
    row of the team's own.
    """

    def __init__(self, pricing: TeamPricing, rows: Sequence[LocalRow]) -> None:
        self.lower = [lo for _, _, lo, _ in rows]
        self.upper = [up for _, _, _, up in rows]
        self.touch: dict[int, list[tuple[int, int]]] = defaultdict(list)
        share: dict[int, float] = defaultdict(float)
        for r, (cols, coeffs, _, up) in enumerate(rows):
            for j, c in zip(cols, coeffs, strict=True):
                self.touch[j].append((r, c))
                if up and up > 0 and c > 0:
                    share[j] += c / up
        #: Each pair's items: (the pair, its start column or None).
        self.items: dict[int, list[_Item]] = {
            p: [(p, s) for s in starts] or [(p, None)] for p, starts in pricing.starts.items()
        }
        self.share = share

    def _cols(self, item: _Item) -> tuple[int, ...]:
        return item[:1] if item[1] is None else (item[0], item[1])

    def _outside(self, r: int, v: int) -> bool:
        lo, up = self.lower[r], self.upper[r]
        return (up is not None and v > up) or (lo is not None and v < lo)

    def _fits(self, act: list[int], broken: set[int], item: _Item, sign: int) -> bool:
        """Whether adding (``sign`` 1) or taking out (-1) ``item`` leaves no row broken:
        the rows it touches within their limits, and every row in ``broken`` among them."""
        delta: dict[int, int] = defaultdict(int)
        for j in self._cols(item):
            for r, c in self.touch[j]:
                delta[r] += sign * c
        if any(r not in delta for r in broken):
            return False
        return not any(self._outside(r, act[r] + d) for r, d in delta.items())

    def _apply(self, act: list[int], broken: set[int], item: _Item, sign: int) -> None:
        """``item`` added (``sign`` 1) or taken out (-1); ``broken`` kept to the rows
        outside their limits."""
        rows: set[int] = set()
        for j in self._cols(item):
            for r, c in self.touch[j]:
                act[r] += sign * c
                rows.add(r)
        for r in rows:
            if self._outside(r, act[r]):
                broken.add(r)
            else:
                broken.discard(r)

    def best(self, reduced: Mapping[int, float], hint: set[int]) -> set[int]:
        """A good column at ``reduced`` from ``hint`` (a column that meets the team's rows)."""
        value: dict[_Item, float] = {
            it: sum(reduced[j] for j in self._cols(it)) for its in self.items.values() for it in its
        }
        act = [0] * len(self.lower)
        chosen: dict[int, _Item] = {}
        for p, its in self.items.items():
            if p in hint:
                item = next((it for it in its if it[1] is None or it[1] in hint), its[0])
                chosen[p] = item
                for j in self._cols(item):
                    for r, c in self.touch[j]:
                        act[r] += c
        # The rows the start breaks (none from a hint that meets them all).
        broken = {r for r, v in enumerate(act) if self._outside(r, v)}
        order = sorted(
            (it for its in self.items.values() for it in its if value[it] > 0),
            key=lambda it: -value[it] / max(1e-9, sum(self.share[j] for j in self._cols(it))),
        )

        def fill(chosen: dict[int, _Item]) -> None:
            for it in order:
                if it[0] not in chosen and self._fits(act, broken, it, 1):
                    chosen[it[0]] = it
                    self._apply(act, broken, it, 1)

        for p, it in list(chosen.items()):  # worth less than nothing: out
            if value[it] < 0 and self._fits(act, broken, it, -1):
                del chosen[p]
                self._apply(act, broken, it, -1)
        fill(chosen)
        for _ in range(2):
            for p, it in list(chosen.items()):  # each pair to its best start that fits
                self._apply(act, broken, it, -1)  # may break rows the old start held
                best = it
                for other in self.items[p]:
                    if value[other] > value[best] and self._fits(act, broken, other, 1):
                        best = other
                self._apply(act, broken, best, 1)
                chosen[p] = best
            total = sum(value[it] for it in chosen.values())
            for p in list(chosen):  # each pair out, the rest refilled: kept when better
                if p not in chosen or not self._fits(act, broken, chosen[p], -1):
                    continue
                it = chosen[p]
                trial = dict(chosen)
                del trial[p]
                saved, saved_broken = list(act), set(broken)
                self._apply(act, broken, it, -1)
                banned = set(self.items[p])
                for other in order:
                    if (
                        other not in banned
                        and other[0] not in trial
                        and self._fits(act, broken, other, 1)
                    ):
                        trial[other[0]] = other
                        self._apply(act, broken, other, 1)
                gain = sum(value[x] for x in trial.values())
                if gain > total + 1e-9:
                    chosen, total = trial, gain
                else:
                    act[:] = saved
                    broken.clear()
                    broken.update(saved_broken)
        return {j for it in chosen.values() for j in self._cols(it)}


class DualPoint:
    """The Lagrangian's parts at duals ``y``: the constant and every column's reduced cost."""

    def __init__(self, blocks: TeamBlocks, upper: np.ndarray, lower: np.ndarray, y: np.ndarray):
        side = np.where(y > 0, upper, lower)
        self.y = np.where(np.isfinite(side) & (y != 0), y, 0.0)
        reduced = blocks.cost.copy()
        for j, items in blocks.entries.items():
            reduced[j] -= sum(self.y[k] * a for k, a in items)
        self.reduced = reduced
        used = self.y != 0
        self.constant = float(np.dot(self.y[used], side[used])) + sum(
            max(reduced[j] * blocks.lp.lower[j], reduced[j] * blocks.lp.upper[j])
            for j in blocks.aux
        )

    def value(self, column: set[int]) -> float:
        return float(sum(self.reduced[j] for j in column))


def stable_week_bound(
    problem: Problem,
    start: Sequence[Pair],
    starts: Mapping[str, int],
    *,
    pairs: tuple[Pair, ...] | None = None,
    time_limit_s: float = 900.0,
    max_rounds: int = 1000,
    pricing_s: float = 0.2,
    keep: int = 3,
    delta: float = 0.2,
    scale: float = 0.5,
    closed: float = 1e-3,
    final_pricing_s: float = 10.0,
    max_pricing_s: float | None = None,
    check_every: int = 0,
    relax: frozenset[str] = frozenset(),
    from_lp: bool = True,
    more_columns: Sequence[tuple[int, set[int]]] = (),
) -> StableBound:
    """A proven Dantzig-Wolfe / Lagrangian bound of a time-phased ``problem`` (module docstring).

    ``start`` and ``starts`` are a plan that meets every rule (the first columns);
    rounds run until the estimate closes to ``closed`` (relative) of the master, or
    ``max_rounds``, or ``time_limit_s`` (the proof comes after it:
    ``final_pricing_s`` a team, twice). ``more_columns``: more first columns (another
    run's :attr:`StableBound.pool` over the same ``pairs``: plans of one team's weeks
    meet its own rows whatever the master's rows are).
    """
    began = time.perf_counter()
    split = decomposed(problem, pairs, relax)
    master, first = first_master(
        split.lp, split.blocks, split.start_columns, split.pairs, start, starts
    )
    held = {(t, frozenset(c)) for t, c in master.pool}
    for t, column in more_columns:
        if (t, frozenset(column)) not in held:
            held.add((t, frozenset(column)))
            master.add(t, set(column))
    longest = final_pricing_s if max_pricing_s is None else max_pricing_s
    g = _Generation(split, master, first, pricing_s, keep, longest)
    if from_lp:
        g.start_at(lp_duals(split.lp, split.blocks.linking))
    box = _Box(master, delta, scale)
    if g.centre is not None:
        box.centre(g.centre.y)
    g.run(box, began, time_limit_s, max_rounds, closed, check_every)
    if g.rounds and box.solver is master.solver:
        # The last pool's own master, no row broken (at a price no column can pay): a lower
        # end of the Dantzig-Wolfe bound, wherever the box held the last round's duals.
        box.forbid()
        if master.solve() and box.outside() <= 1e-7:
            g.floor = max(g.floor, master.objective.Value())
            log.info("the last pool's master, no row broken: %.4f", master.objective.Value())
    proving = time.perf_counter()
    lagrangian = Lagrangian(split.blocks, split.pricing, g.at_centre, lambda: final_pricing_s)
    proofs: dict[str, float] = {}
    points = [("centre", g.centre), ("master", g.duals if g.outside <= 1e-7 else None)]
    for name, point in points:
        if point is not None:
            proofs[name], _ = lagrangian(point.y, final_pricing_s)
            log.info("proven L(y) at the %s's duals: %.4f", name, proofs[name])
    return StableBound(
        min(proofs.values(), default=math.inf),
        g.best,
        g.floor,
        g.rounds,
        len(master.pool),
        g.converged,
        time.perf_counter() - began,
        time.perf_counter() - proving,
        proofs,
        g.trace,
        None if g.centre is None else g.centre.y,
        g.at_centre,
        list(master.pool),
    )


class _Generation:
    """The rounds of :func:`stable_week_bound`'s column generation and what they keep: the
    master and each team's columns in it, the last column each team's pricing found, the
    centre (the duals of the best estimate ``best``, the box's centre) and each team's
    column there, the master's figures, and each team's pricing seconds."""

    def __init__(
        self,
        split: Decomposition,
        master: MasterLp,
        first: Mapping[int, set[int]],
        pricing_s: float,
        keep: int,
        longest: float,
    ) -> None:
        blocks, lp = split.blocks, split.lp
        self.blocks, self.pricing, self.master = blocks, split.pricing, master
        self.pricing_s, self.keep, self.longest = pricing_s, keep, longest
        self.upper = np.array([lp.row_upper[r] for r in blocks.linking], dtype=np.float64)
        self.lower = np.array([lp.row_lower[r] for r in blocks.linking], dtype=np.float64)
        self.last = {t: set(first[t]) for t in blocks.columns}
        self.at_centre = dict(self.last)  # each team's column at the centre: the proof's hints
        self.centre: DualPoint | None = None
        self.best = math.inf
        self.seen: set[tuple[int, frozenset[int]]] = {(t, frozenset(c)) for t, c in master.pool}
        #: Each team's columns in the master, as index arrays.
        self.pool: dict[int, list[np.ndarray]] = defaultdict(list)
        for t, column in master.pool:
            self.pool[t].append(np.fromiter(sorted(column), dtype=np.int64, count=len(column)))
        #: Whether this round's pricing is a check (``check_every``): CP-SAT at least
        #: ``pricing_s`` a team.
        self.checking = False
        #: Each team's pricing seconds: 0 (the greedy alone) first, then CP-SAT from
        #: ``pricing_s`` up to ``longest``.
        self.limit = 0.0
        self.greedy = {t: TeamGreedy(split.pricing[t], blocks.local[t]) for t in blocks.columns}
        self.rounds, self.value, self.floor = 0, math.nan, -math.inf
        self.converged, self.outside = False, math.inf
        self.duals: DualPoint | None = None
        self.trace: list[tuple[int, float, float, float]] = []

    def add(self, t: int, column: set[int]) -> None:
        """Team ``t``'s ``column`` into the master."""
        self.seen.add((t, frozenset(column)))
        self.pool[t].append(np.fromiter(sorted(column), dtype=np.int64, count=len(column)))
        self.master.add(t, column)

    def price(self, point: DualPoint) -> tuple[float, dict[int, list[set[int]]]]:
        """``L~`` at ``point`` and each team's columns found."""
        estimate = point.constant
        found: dict[int, list[set[int]]] = {}
        for t, columns in self.blocks.columns.items():
            reduced = {j: float(point.reduced[j]) for j in columns}
            # From the best of the team's columns so far at these prices: L~ is then never
            # below the master's own model of L, so the centre cannot run to duals where
            # the local search alone is poor.
            held = max(self.pool[t], key=lambda c: float(point.reduced[c].sum()))
            start = {int(j) for j in held}
            if point.value(self.last[t]) > point.value(start):
                start = self.last[t]
            column = self.greedy[t].best(reduced, start)
            found[t] = [column]
            seconds = self.limit or (self.pricing_s if self.checking else 0.0)
            if seconds > 0:
                found[t] += _short_pricing(self.pricing[t], reduced, seconds, column, self.keep)
            found[t].sort(key=point.value)
            self.last[t] = found[t][-1]
            estimate += point.value(found[t][-1])
        return estimate, found

    def escalate(self) -> bool:
        """Longer pricing when short pricing sees nothing more (its estimate starts anew)."""
        if self.limit >= self.longest:
            return False
        self.limit = min(self.longest, max(self.pricing_s, 4 * self.limit))
        self.best, self.centre = math.inf, None
        log.info("pricing %.2f s a team from here", self.limit)
        return True

    def start_at(self, y: np.ndarray) -> None:
        """The centre at duals ``y`` (the compact LP's), priced, its columns in the master."""
        self.centre = DualPoint(self.blocks, self.upper, self.lower, y)
        self.best, found = self.price(self.centre)
        self.at_centre = {t: columns[-1] for t, columns in found.items()}
        for t, columns in found.items():
            for column in columns:
                if (t, frozenset(column)) not in self.seen:
                    self.add(t, column)

    def run(
        self,
        box: _Box,
        began: float,
        time_limit_s: float,
        max_rounds: int,
        closed: float,
        check_every: int,
    ) -> None:
        """Rounds until the estimate closes to ``closed`` of the master's floor at the
        longest pricing, no column enters there, ``max_rounds`` or ``time_limit_s``
        from ``began``; the master's duals held in ``box``."""
        master = self.master
        while self.rounds < max_rounds and time.perf_counter() - began < time_limit_s:
            self.rounds += 1
            if not master.solve():
                log.info("the master LP failed after %d rounds: stopped", self.rounds)
                break
            self.value = value = master.objective.Value()
            self.outside = outside = box.outside()
            if outside <= 1e-7:  # the master's own rows all hold: a lower end of the bound
                self.floor = max(self.floor, value)
            floor = self.floor
            y = np.array([row.dual_value() for row in master.rows])
            self.duals = duals = DualPoint(self.blocks, self.upper, self.lower, y)
            pi = {t: row.dual_value() for t, row in master.convexity.items()}
            if math.isfinite(floor) and self.best - floor <= closed * max(1.0, abs(floor)):
                if self.escalate():
                    continue
                self.converged = True
                break
            self.checking = bool(check_every) and self.rounds % check_every == 0
            estimate, found = self.price(duals)
            serious = estimate < self.best - 1e-9
            if serious or self.centre is None:
                self.best, self.centre = min(self.best, estimate), duals
                self.at_centre = {t: columns[-1] for t, columns in found.items()}
                box.centre(duals.y)
            entering: list[tuple[int, set[int]]] = []
            for t, columns in found.items():
                for column in columns:
                    key = (t, frozenset(column))
                    if key not in self.seen and duals.value(column) - pi[t] > _ENTERS:
                        entering.append((t, column))
            self.trace.append((self.rounds, value, self.best, time.perf_counter() - began))
            log.info(
                "round %d: master %.4f (outside %.4f, floor %.4f), L~ %.4f, best %.4f%s, "
                "box %.3g, %d columns in, %d in all, %.0f s",
                self.rounds,
                value,
                outside,
                floor,
                estimate,
                self.best,
                " (moved)" if serious else "",
                box.size,
                len(entering),
                len(master.pool) + len(entering),
                time.perf_counter() - began,
            )
            if not entering:
                if outside > 1e-7:  # the box holds the duals back: a wider one round the best
                    box.widen()
                    continue
                if self.escalate():
                    box.centre(duals.y)
                    continue
                self.converged = True  # no column the master wants at the longest pricing
                break
            for t, column in entering:
                if (t, frozenset(column)) not in self.seen:
                    self.add(t, column)


class _Box:
    """A box round the centre's duals (du Merle / BoxStep): each master row may be broken
    at a price, ``centre +- (delta + scale x |centre|)`` a unit, so that the master's
    duals stay in that box and the master leaves a degenerate start plan."""

    def __init__(self, master: MasterLp, delta: float, scale: float) -> None:
        self.master, self.delta, self.scale = master, delta, scale
        self.y = np.zeros(len(master.rows))
        self.size = delta
        self._columns()

    def _columns(self) -> None:
        solver = self.solver = self.master.solver
        self.over: list[Any] = []
        self.under: list[Any] = []
        for row in self.master.rows:
            over, under = (
                solver.NumVar(0.0, solver.infinity(), ""),
                solver.NumVar(0.0, solver.infinity(), ""),
            )
            row.SetCoefficient(over, -1.0)
            row.SetCoefficient(under, 1.0)
            self.over.append(over)
            self.under.append(under)
        self._prices()

    def _prices(self) -> None:
        objective = self.master.objective
        width = self.size + self.scale * np.abs(self.y)
        for k, (over, under) in enumerate(zip(self.over, self.under, strict=True)):
            objective.SetCoefficient(over, float(-(self.y[k] + width[k])))
            objective.SetCoefficient(under, float(self.y[k] - width[k]))

    def centre(self, y: np.ndarray) -> None:
        self.y = np.array(y, dtype=np.float64)
        self._prices()

    def widen(self) -> None:
        self.size *= 2
        self.scale *= 2
        self._prices()

    def forbid(self) -> None:
        """Breaking a row priced out of reach: the master's own optimum where it is feasible."""
        self.size, self.scale = _NO_BREAK, 0.0
        self._prices()

    def outside(self) -> float:
        """How far the master's solution breaks its rows (0: it is the master's own)."""
        if self.master.solver is not self.solver:  # GLOP's model was built again
            self._columns()
            return math.inf
        return float(sum(v.solution_value() for v in (*self.over, *self.under)))
