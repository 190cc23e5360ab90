"""A proven Lagrangian bound of a quarter in weeks by subgradient steps: the other route
to :mod:`planner.optimizer.week_bound_stable`'s kind of bound.

Every row that ties teams is dualized (a joint project's same start and finish to start
too, which the master must keep or leave out), the multipliers moved by subgradient
steps from the LP with weeks' duals, each step priced by CP-SAT per team (short,
hinted), and ``L(y)`` proven (longer) at the steps of lowest estimate. Offline, for the
benchmarks (``bench/weeks.py --subgradient``), not part of a solve.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.week_bound import (
    TeamBlocks,
    TeamPricing,
    decomposed,
    first_columns,
    lp_duals,
)
from planner.optimizer.week_bound_stable import DualPoint, TeamGreedy

log = logging.getLogger(__name__)


#: Added to every proven ``L(y)``: the floating-point sums of its constant part (points).
_MARGIN = 1e-3


@dataclass(frozen=True)
class SubgradientBound:
    """The outcome of :func:`subgradient_week_bound`. ``bound``: the best proven ``L(y)``
    (no plan scores higher); ``first``: proven ``L`` at the first multipliers (the LP's
    duals) with the proof's limit; ``estimate``: the best ``L~`` of the steps (columns
    found, a lower estimate of ``L``, not a bound); ``proofs``: each proven ``L(y)``, by
    step (-1: the first multipliers); ``trace``: per step (step, ``L~``, the short
    pricing's proven ``L``, the step size, seconds so far)."""

    bound: float
    first: float
    estimate: float
    steps: int
    seconds: float
    proof_seconds: float
    proofs: dict[int, float]
    trace: list[tuple[int, float, float, float, float]]
    #: The multipliers of ``bound``.
    centre: np.ndarray | None = None


class _Evaluation:
    """``L(y)`` with every linking row of the formulation dualized (``relax`` empty: a
    joint project's same-start rows and finish-to-start rows between teams too).

    ``L(y) = constant(y) + sum over teams of max over the team's columns of the
    reduced-cost value``; with each team's maximum replaced by CP-SAT's proven upper
    bound on it (:meth:`TeamPricing.best`: the bound whatever its status), it is an upper
    bound on every plan's score for any ``y`` whose signs match the rows' finite sides
    (:class:`DualPoint` zeroes any other), plus :data:`_MARGIN`.
    """

    def __init__(
        self, blocks: TeamBlocks, pricing: Mapping[int, TeamPricing], local_search: bool = False
    ) -> None:
        self.blocks, self.pricing = blocks, pricing
        #: Each team's local search (:class:`TeamGreedy`), CP-SAT's first column when better.
        self.greedy = (
            {t: TeamGreedy(pricing[t], blocks.local[t]) for t in blocks.columns}
            if local_search
            else None
        )
        lp = blocks.lp
        self.upper = np.array([lp.row_upper[r] for r in blocks.linking], dtype=np.float64)
        self.lower = np.array([lp.row_lower[r] for r in blocks.linking], dtype=np.float64)
        #: Each linking row's largest coefficient (its unit: the steps' metric).
        self.scale = np.array(
            [max((abs(a) for a in lp.coeffs[r]), default=1.0) or 1.0 for r in blocks.linking],
            dtype=np.float64,
        )

    def __call__(
        self, y: np.ndarray, seconds: float, hints: dict[int, set[int]]
    ) -> tuple[DualPoint, float, float, dict[int, set[int]]]:
        """(The point, proven ``L(y)``, ``L~(y)``, each team's column); ``hints`` updated."""
        point = DualPoint(self.blocks, self.upper, self.lower, y)
        proven = found = point.constant
        columns: dict[int, set[int]] = {}
        for t, cols in self.blocks.columns.items():
            reduced = {j: float(point.reduced[j]) for j in cols}
            hint = hints[t]
            if self.greedy is not None:  # CP-SAT from the local search's column, if better
                local = self.greedy[t].best(reduced, hint)
                if point.value(local) > point.value(hint):
                    hint = local
            upper, column = self.pricing[t].best(reduced, seconds, hint)
            if point.value(hint) > point.value(column):
                column = hint
            proven += upper
            found += point.value(column)
            columns[t] = hints[t] = column
        return point, proven + _MARGIN, found, columns

    def subgradient(self, point: DualPoint, columns: Mapping[int, set[int]]) -> np.ndarray:
        """``side - A x`` at the columns found (and the auxiliary columns at their best end):
        the direction in which ``L~`` grows, each row's side as ``y``'s sign picks it (a row
        broken beyond either side: that side)."""
        blocks = self.blocks
        activity = np.zeros(len(blocks.linking))
        for column in columns.values():
            for j in column:
                for k, a in blocks.entries.get(j, ()):
                    activity[k] += a
        for j in blocks.aux:
            lp = blocks.lp
            x = lp.upper[j] if point.reduced[j] > 0 else lp.lower[j]
            for k, a in blocks.entries.get(j, ()):
                activity[k] += a * x
        side = np.where(point.y > 0, self.upper, self.lower)
        side = np.where(activity > self.upper, self.upper, side)
        side = np.where(activity < self.lower, self.lower, side)
        # y == 0 with the activity inside the row's sides: no pull either way.
        inside = (point.y == 0) & (activity <= self.upper) & (activity >= self.lower)
        side = np.where(inside, activity, side)
        return np.asarray(side - activity, dtype=np.float64)

    def project(self, y: np.ndarray) -> np.ndarray:
        """``y`` with each multiplier of a row without an upper side <= 0, without a lower >= 0."""
        y = np.where(np.isfinite(self.upper), y, np.minimum(y, 0.0))
        return np.asarray(np.where(np.isfinite(self.lower), y, np.maximum(y, 0.0)))


def subgradient_week_bound(
    problem: Problem,
    start: Sequence[Pair],
    starts: Mapping[str, int],
    *,
    target: float,
    pairs: tuple[Pair, ...] | None = None,
    time_limit_s: float = 600.0,
    max_steps: int = 1000,
    pricing_s: float = 0.3,
    final_pricing_s: float = 5.0,
    proofs: int = 2,
    step: float = 1.0,
    patience: int = 3,
    first: np.ndarray | None = None,
    prove_first: bool = True,
    scaled: bool = False,
    local_search: bool = False,
    deflection: float = 1.0,
) -> SubgradientBound:
    """A proven Lagrangian bound of a time-phased ``problem``: every linking row dualized
    (joint same-start and finish-to-start rows too: a subgradient does not stall on them as
    the master does), multipliers moved by subgradient steps from the LP with weeks' duals
    (or ``first``), each team priced by CP-SAT hinted with its last column
    (``pricing_s`` a team), Polyak's step ``step x (L~ - target) / |g|^2`` towards
    ``target`` (a plan's score: below the Lagrangian's minimum), ``step`` halved after
    ``patience`` steps without a better ``L~``. Each step's short pricing gives a proven
    ``L`` too (loose); at the end the ``proofs`` steps with the lowest ``L~`` and the first
    multipliers (unless not ``prove_first``) are priced for ``final_pricing_s`` a team: the
    bound is the lowest proven. ``start`` and ``starts``: a plan meeting every rule (the
    first hints). ``scaled``: each row's step in its own unit (divided by the square of
    its largest coefficient); ``local_search``: each team's CP-SAT hinted with the local
    search's column (:class:`TeamGreedy`) where it beats the last one; ``deflection`` below 1:
    each direction that much of the new subgradient, the rest the last direction's.
    """
    began = time.perf_counter()
    split = decomposed(problem, pairs)
    pairs, lp, blocks, pricing = split.pairs, split.lp, split.blocks, split.pricing
    evaluate = _Evaluation(blocks, pricing, local_search)
    hints = first_columns(blocks, split.start_columns, pairs, start, starts)
    hints = {t: set(hints.get(t, set())) for t in blocks.columns}
    y = evaluate.project(lp_duals(lp, blocks.linking) if first is None else np.asarray(first))
    y0 = y.copy()
    walk = _Walk(best_y=y0)
    rule = _StepRule(target, step, patience, deflection, scaled)
    walk.run(evaluate, y, hints, rule, pricing_s, max_steps, began, time_limit_s)
    best_proven, best_y = walk.best_proven, walk.best_y
    proving = time.perf_counter()
    first_point = (y0, hints) if prove_first else None
    proofs_at = _final_proofs(evaluate, walk.seen, first_point, proofs, final_pricing_s)
    for value, at in proofs_at.values():
        if value < best_proven:
            best_proven, best_y = value, at
    proven_at = {k: value for k, (value, _) in proofs_at.items()}
    return SubgradientBound(
        best_proven,
        proven_at.get(-1, math.nan),
        walk.best_found,
        walk.steps,
        time.perf_counter() - began,
        time.perf_counter() - proving,
        proven_at,
        walk.trace,
        best_y,
    )


@dataclass(frozen=True)
class _StepRule:
    """How the steps move: Polyak's step ``step x (L~ - target) / |g|^2``, ``step`` halved
    after ``patience`` steps without a better ``L~``; ``deflection`` below 1: each direction
    that much of the new subgradient, the rest the last direction's; ``scaled``: each row
    in its own unit (:func:`_direction`)."""

    target: float
    step: float
    patience: int
    deflection: float
    scaled: bool


@dataclass
class _Walk:
    """The subgradient steps as they went: the best proven ``L`` and its multipliers, the
    best ``L~``, each step's (``L~``, step, multipliers, columns) and the trace."""

    best_y: np.ndarray
    best_proven: float = math.inf
    best_found: float = math.inf
    steps: int = 0
    seen: list[tuple[float, int, np.ndarray, dict[int, set[int]]]] = field(default_factory=list)
    trace: list[tuple[int, float, float, float, float]] = field(default_factory=list)

    def run(
        self,
        evaluate: _Evaluation,
        y: np.ndarray,
        hints: dict[int, set[int]],
        rule: _StepRule,
        pricing_s: float,
        max_steps: int,
        began: float,
        time_limit_s: float,
    ) -> None:
        """Step from ``y`` (each team priced ``pricing_s``, hinted with ``hints``) until
        ``max_steps`` steps, ``time_limit_s`` seconds from ``began``, or a step of size 0."""
        step, since = rule.step, 0
        previous: np.ndarray | None = None
        while self.steps < max_steps and time.perf_counter() - began < time_limit_s:
            point, proven, found, columns = evaluate(y, pricing_s, hints)
            if proven < self.best_proven:
                self.best_proven, self.best_y = proven, point.y
            self.seen.append((found, self.steps, point.y, dict(columns)))
            if found < self.best_found - 1e-6:
                self.best_found, since = found, 0
            else:
                since += 1
                if since >= rule.patience:
                    step, since = step / 2, 0
            g = evaluate.subgradient(point, columns)
            if rule.deflection < 1.0 and previous is not None:  # the volume algorithm's average
                g = rule.deflection * g + (1.0 - rule.deflection) * previous
            previous = g
            g, norm = _direction(evaluate, g, rule.scaled)
            size = step * max(found - rule.target, 0.0) / norm if norm > 1e-12 else 0.0
            self.trace.append((self.steps, found, proven, size, time.perf_counter() - began))
            log.info(
                "step %d: L~ %.4f, proven %.4f (best %.4f), |g| %.3g, step %.4g (x %.3g), %.0f s",
                self.steps,
                found,
                proven,
                self.best_proven,
                math.sqrt(norm),
                size,
                step,
                time.perf_counter() - began,
            )
            self.steps += 1
            if size <= 0.0:
                break  # a column plan meeting every row at the target: nothing to move
            y = evaluate.project(point.y - size * g)


def _direction(evaluate: _Evaluation, g: np.ndarray, scaled: bool) -> tuple[np.ndarray, float]:
    """The step's direction from the subgradient ``g`` and its squared norm; ``scaled``:
    each row in its own unit (a diagonal metric)."""
    if scaled:
        g = g / evaluate.scale**2
        return g, float(np.dot(g * evaluate.scale, g * evaluate.scale))
    return g, float(np.dot(g, g))


def _final_proofs(
    evaluate: _Evaluation,
    seen: Sequence[tuple[float, int, np.ndarray, Mapping[int, set[int]]]],
    first: tuple[np.ndarray, Mapping[int, set[int]]] | None,
    proofs: int,
    seconds: float,
) -> dict[int, tuple[float, np.ndarray]]:
    """The Lagrangian proven with each team priced for ``seconds``, at the first
    multipliers (``first``, with their hints: step -1; ``None``: not again) and at the
    ``proofs`` steps of ``seen`` (L~, step, multipliers, columns) with the lowest L~:
    step -> (proven L, its multipliers), in that order."""
    chosen = [(-1, *first)] if first is not None else []
    # Step 0 is at the first multipliers: proven above, or (not prove_first) already known.
    lowest = sorted(seen, key=lambda s: s[0])
    chosen += [(k, at, cols) for _, k, at, cols in [s for s in lowest if s[1] != 0][:proofs]]
    proven: dict[int, tuple[float, np.ndarray]] = {}
    for k, at, cols in chosen:
        _, value, _, _ = evaluate(at, seconds, {t: set(c) for t, c in cols.items()})
        log.info("proven L(y) at step %d's multipliers: %.4f", k, value)
        proven[k] = (value, at)
    return proven
