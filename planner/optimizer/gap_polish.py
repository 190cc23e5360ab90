"""Shifts and swaps on a pure assignment's plan, in numpy: what HiGHS's plans leave.

HiGHS's plans on GAP instances at 2-9 s are often not at a local optimum: moving
one project to another team with room (a shift), or two projects between their
teams (a swap), gained 0.2-0.8 % of the cost on 20 x 100 and 20 x 200 in a few
milliseconds (bench/results.md, "GAP: two HiGHS"). :func:`polish` takes the best
such move until none gains; the set of planned projects stays the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from planner.core.capacity import team_limit
from planner.core.domain import Problem
from planner.core.pairs import Pair

#: A move must gain more than this (the plan's value is summed in floats here; the
#: checker's exact objective decides whether the polished plan is kept).
_MIN_GAIN = 1e-7


@dataclass
class Grid:
    """A one-owner plan as matrices: team ``i`` x project ``j`` (the plan's projects only).

    ``value`` and ``effort`` are ``-inf`` and ``inf`` where the pair is not
    eligible; ``at[j]`` is project ``j``'s team; ``by_cell`` gives the pair back.
    """

    value: np.ndarray
    effort: np.ndarray
    limit: np.ndarray
    at: np.ndarray
    by_cell: dict[tuple[int, int], Pair]

    def plan(self) -> list[Pair]:
        """The pairs of ``at``: one per project."""
        return [self.by_cell[int(self.at[j]), j] for j in range(len(self.at))]


def grid(problem: Problem, pairs: Sequence[Pair], chosen: Sequence[Pair]) -> Grid | None:
    """``chosen`` among ``pairs`` as a :class:`Grid`, or ``None``: no plan, a project
    owned twice (joint work), or a chosen pair outside ``pairs``."""
    owner = {p.project_id: p for p in chosen}
    if len(owner) != len(chosen) or not chosen:
        return None
    projects = sorted(owner)
    teams = {t.team_id: t for t in problem.teams}
    team_ids = sorted({p.team_id for p in pairs} | {p.team_id for p in chosen})
    col = {project_id: j for j, project_id in enumerate(projects)}
    row = {team_id: i for i, team_id in enumerate(team_ids)}
    m, n = len(team_ids), len(projects)
    value = np.full((m, n), -np.inf)
    effort = np.full((m, n), np.inf)
    by_cell: dict[tuple[int, int], Pair] = {}
    for pair in pairs:
        j = col.get(pair.project_id)
        if j is not None:
            i = row[pair.team_id]
            value[i, j], effort[i, j] = float(pair.value), float(pair.effort_hours)
            by_cell[i, j] = pair
    limit = np.array([float(team_limit(problem, teams[t])) for t in team_ids])
    at = np.array([row[owner[p].team_id] for p in projects])
    if any((at[j], j) not in by_cell for j in range(n)):
        return None
    return Grid(value, effort, limit, at, by_cell)


def polish(problem: Problem, pairs: Sequence[Pair], chosen: Sequence[Pair]) -> list[Pair]:
    """``chosen`` improved by shifts and swaps among ``pairs`` within each team's limit.

    Each project of ``chosen`` keeps one owner; a plan with a project owned twice
    (joint work) is returned as it is.
    """
    cells = grid(problem, pairs, chosen)
    if cells is None:
        return list(chosen)
    descend(cells.value, cells.effort, cells.limit, cells.at)
    return cells.plan()


def descend(value: np.ndarray, effort: np.ndarray, limit: np.ndarray, at: np.ndarray) -> None:
    """Best-improvement shifts and swaps on ``at`` (each column's row) until none gains."""
    m, n = value.shape
    cols = np.arange(n)
    load = np.zeros(m)
    np.add.at(load, at, effort[at, cols])
    for _ in range(m * n):
        here = value[at, cols]
        own = at[None, :] == np.arange(m)[:, None]
        fits = (load[:, None] + effort <= limit[:, None]) & ~own
        shift = np.where(fits, value - here[None, :], -np.inf)
        to, moved = np.unravel_index(int(np.argmax(shift)), shift.shape)
        a1, a2 = at[:, None], at[None, :]  # the owners of project j1 (rows), j2 (columns)
        gain = value[a1, cols[None, :]] + value[a2, cols[:, None]] - here[:, None] - here[None, :]
        first = load[a1] - effort[a1, cols[:, None]] + effort[a1, cols[None, :]] <= limit[a1]
        second = load[a2] - effort[a2, cols[None, :]] + effort[a2, cols[:, None]] <= limit[a2]
        swap = np.where(first & second & (a1 != a2), gain, -np.inf)
        j1, j2 = np.unravel_index(int(np.argmax(swap)), swap.shape)
        if max(shift[to, moved], swap[j1, j2]) <= _MIN_GAIN:
            return
        if shift[to, moved] >= swap[j1, j2]:
            load[at[moved]] -= effort[at[moved], moved]
            at[moved] = to
            load[to] += effort[to, moved]
        else:
            t1, t2 = at[j1], at[j2]
            load[t1] += effort[t1, j2] - effort[t1, j1]
            load[t2] += effort[t2, j1] - effort[t2, j2]
            at[j1], at[j2] = t2, t1


__all__ = ["Grid", "descend", "grid", "polish"]
