"""A short tabu search on a pure assignment's plan, allowed over the teams' limits.

Shifts and swaps (:mod:`planner.optimizer.gap_polish`) stop at the first plan
that no single move improves within every team's limit. Here each step takes the
best shift or swap even when it loses value, and a move may fill a team past its
limit at a price per hour over, a price that grows while some team is over and
falls while the plan fits (strategic oscillation, after Yagiura, Ibaraki and
Glover's tabu search for the GAP). A project may not go back to a team it left
for a few steps (the tabu list), unless that gives the best plan yet. The best
plan that keeps every limit is then polished by shifts and swaps. Every move is
scored in numpy at once: 2,000-2,800 steps a second at 10 teams x 100 projects
(1,000 shifts and 4,950 swaps a step) on a shared 2-core machine.

It ends on a number of steps, so the same plan gives the same result, unless a
deadline comes first (a machine so loaded that the steps would make the solve
late). The checker decides whether the result is kept (it is only scored here,
in floats; project caps are not its concern, the checker's rejection is).
Measured on GAP types D and E at 10 x 100 in bench/results.md ("GAP 10 x 100: a
tabu search after HiGHS").
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from planner.core.domain import Problem
from planner.core.pairs import Pair
from planner.optimizer.gap_polish import descend, grid

#: Steps of the search on each plan: HiGHS's plans at 10 x 100 gained within the
#: first 100 and never after 500 (bench/results.md).
TABU_STEPS = 200
#: A project may not go back to the team it left for this many steps, or one more.
TENURE = (7, 15)
#: The price of an hour over a team's limit is multiplied by this after each step that
#: leaves the team over, and by :data:`EASE` after each step where the plan fits.
RAISE = 1.05
EASE = 0.98
#: Loads are summed in floats: a team is over its limit by more than this.
_EPS = 1e-7


def tabu_polish(
    problem: Problem,
    pairs: Sequence[Pair],
    chosen: Sequence[Pair],
    steps: int = TABU_STEPS,
    seed: int = 0,
    until: float | None = None,
) -> list[Pair]:
    """``chosen`` after ``steps`` of the tabu search and then shifts and swaps.

    The same projects stay planned, one owner each; a plan with a project owned
    twice (joint work) or a pair outside ``pairs`` is returned as it is. The
    result is never worth less than ``chosen`` polished by shifts and swaps.
    """
    cells = grid(problem, pairs, chosen)
    if cells is None:
        return list(chosen)
    cells.at = oscillate(cells.value, cells.effort, cells.limit, cells.at, steps, seed, until)
    descend(cells.value, cells.effort, cells.limit, cells.at)
    return cells.plan()


def oscillate(
    value: np.ndarray,
    effort: np.ndarray,
    limit: np.ndarray,
    at: np.ndarray,
    steps: int,
    seed: int = 0,
    until: float | None = None,
) -> np.ndarray:
    """The best assignment within every limit that ``steps`` steps from ``at`` visit.

    ``value`` and ``effort`` are teams x projects (``-inf`` and ``inf`` where a
    pair is not eligible), ``limit`` each team's hours, ``at[j]`` project ``j``'s
    team. ``at`` itself is returned (a copy) when no better plan within the
    limits was seen, or when it is over a limit and none within them was. The
    search also ends at ``until`` (a ``time.perf_counter`` time), when given.
    """
    m, n = value.shape
    rng = np.random.default_rng(seed)
    ok = np.isfinite(value) & np.isfinite(effort)
    value = np.where(ok, value, 0.0)
    effort = np.where(ok, effort, 0.0)
    gap = _Gap(value, effort, limit, ok, np.arange(n), np.arange(m))
    pair_ok = np.triu(np.ones((n, n), dtype=bool), 1)
    at = at.copy()
    load = np.zeros(m)
    np.add.at(load, at, effort[at, gap.cols])
    worth = float(value[at, gap.cols].sum())
    best = worth if bool((load <= limit + _EPS).all()) else -np.inf
    best_at = at.copy()
    spread = float(value[ok].max() - value[ok].min()) if ok.any() else 1.0
    base = max(spread, 1.0) / max(float(effort[ok].mean()) if ok.any() else 1.0, 1e-9)
    price = np.full(m, base)
    tabu = np.zeros((m, n), dtype=np.int64)  # step until which project j may not join team i
    for step in range(1, steps + 1):
        if until is not None and time.perf_counter() >= until:
            break
        now = _Step(at, load, price, tabu, step, worth, best)
        score, gain = _shifts(gap, now)
        to, moved = np.unravel_index(int(np.argmax(score)), score.shape)
        score2, gain2 = _swaps(gap, now, pair_ok)
        j1, j2 = np.unravel_index(int(np.argmax(score2)), score2.shape)
        if max(score[to, moved], score2[j1, j2]) == -np.inf:
            break  # every move is tabu: nothing to do
        if score[to, moved] >= score2[j1, j2]:
            left = at[moved]
            worth += float(gain[to, moved])
            load[left] -= effort[left, moved]
            load[to] += effort[to, moved]
            at[moved] = to
            tabu[left, moved] = step + rng.integers(*TENURE, endpoint=True)
        else:
            a1, a2 = at[j1], at[j2]
            worth += float(gain2[j1, j2])
            load[a1] += effort[a1, j2] - effort[a1, j1]
            load[a2] += effort[a2, j1] - effort[a2, j2]
            at[j1], at[j2] = a2, a1
            tabu[a1, j1] = step + rng.integers(*TENURE, endpoint=True)
            tabu[a2, j2] = step + rng.integers(*TENURE, endpoint=True)
        beyond = load > limit + _EPS
        if beyond.any():
            price = np.where(beyond, price * RAISE, price)
        else:
            price = np.maximum(price * EASE, base * 1e-3)
            if worth > best + _EPS:
                best, best_at = worth, at.copy()
    return best_at.copy()


class _Gap(NamedTuple):
    """The assignment :func:`oscillate` searches: values and efforts (0 where a pair is not
    eligible, ``ok`` false), each team's limit, and the project and team indices."""

    value: np.ndarray
    effort: np.ndarray
    limit: np.ndarray
    ok: np.ndarray
    cols: np.ndarray
    rows: np.ndarray


class _Step(NamedTuple):
    """The search at one step: each project's team, each team's load and price of an hour
    over, the tabu list, the step, the plan's value and the best value within the limits."""

    at: np.ndarray
    load: np.ndarray
    price: np.ndarray
    tabu: np.ndarray
    step: int
    worth: float
    best: float


def _shifts(gap: _Gap, now: _Step) -> tuple[np.ndarray, np.ndarray]:
    """Every shift (project j from its team ``at[j]`` to team i) scored, teams x projects,
    ``-inf`` where not allowed (tabu, unless it gives the best plan yet within the limits),
    and what each adds to the plan's value."""
    value, effort, limit, cols = gap.value, gap.effort, gap.limit, gap.cols
    at, load, price = now.at, now.load, now.price
    here = value[at, cols]
    over = np.maximum(load - limit, 0.0)
    total = float(over.sum())
    into = np.maximum(load[:, None] + effort - limit[:, None], 0.0) - over[:, None]
    out = np.maximum(load[at] - effort[at, cols] - limit[at], 0.0) - over[at]
    gain = value - here[None, :]
    score = gain - price[:, None] * into - (price[at] * out)[None, :]
    fits = total + into + out[None, :] <= _EPS
    free = (now.tabu < now.step) | (fits & (now.worth + gain > now.best + _EPS))
    score = np.where(gap.ok & (at[None, :] != gap.rows[:, None]) & free, score, -np.inf)
    return score, gain


def _swaps(gap: _Gap, now: _Step, pair_ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every swap (project j1, rows, into j2's team; j2, columns, into j1's) scored,
    projects x projects, ``-inf`` where not allowed (``pair_ok``: each pair once), and what
    each adds to the plan's value."""
    value, effort, limit, cols, ok = gap.value, gap.effort, gap.limit, gap.cols, gap.ok
    at, load, price, tabu, step = now.at, now.load, now.price, now.tabu, now.step
    here = value[at, cols]
    over = np.maximum(load - limit, 0.0)
    total = float(over.sum())
    t1, t2 = at[:, None], at[None, :]
    gain2 = value[t1, cols[None, :]] + value[t2, cols[:, None]] - here[:, None] - here[None, :]
    d1 = load[t1] - effort[t1, cols[:, None]] + effort[t1, cols[None, :]]
    d2 = load[t2] - effort[t2, cols[None, :]] + effort[t2, cols[:, None]]
    d1 = np.maximum(d1 - limit[t1], 0.0) - over[t1]
    d2 = np.maximum(d2 - limit[t2], 0.0) - over[t2]
    score2 = gain2 - price[t1] * d1 - price[t2] * d2
    fits2 = total + d1 + d2 <= _EPS
    free2 = (tabu[t2, cols[:, None]] < step) & (tabu[t1, cols[None, :]] < step)
    free2 |= fits2 & (now.worth + gain2 > now.best + _EPS)
    allowed = pair_ok & (t1 != t2) & ok[t2, cols[:, None]] & ok[t1, cols[None, :]] & free2
    return np.where(allowed, score2, -np.inf), gain2


__all__ = ["TABU_STEPS", "oscillate", "tabu_polish"]
