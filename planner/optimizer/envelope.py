"""Valid inequalities that tighten a small quarter's relaxation: goals' caps and teams' packing.

Why a 10 x 50 quarter (about 115 pairs) needs a search to prove its optimum:
its LP relaxation is 1.5-11 % above the optimum (generated seeds 0-14). The LP
fills every goal to exactly 100 % and every team to exactly its hours, each
with a fraction of one project; a plan can do neither. Each structure alone is
tight enough; together they are not. Measured on S seeds 0-4, 8, 10 and 14:
replacing each goal's attainment by its concave envelope closes about half of
the distance, the convex hull of each team's packings closes the other half,
and both together leave 0.0-0.6 %.

Neither hull has a compact form, but on a small quarter both can be
enumerated: a goal has a handful of candidate projects, a team a few thousand
packings at most. :func:`separate` cuts the LP's point off each, round by
round (:data:`ROUNDS`), and returns the inequalities that did, in the CP-SAT
model's whole units:

- *goal cuts* ``reached[g] <= rhs + sum(coeffs x pair)``: for every choice of
  the goal's candidates ``T``, ``rhs + coeffs(T)`` is at least the model's own
  ``min(RESOLUTION, sum of parts(T))``, checked over every ``T``;
- *packing cuts* ``sum(coeffs x pair) <= rhs``: ``rhs`` is the largest
  ``coeffs(K)`` over every set ``K`` of the team's pairs that fits its hours
  (rule 5) and its project cap (rule 6).

Both are implied by the model (each holds for every plan, computed exactly in
whole numbers), so they change no plan's feasibility or objective: only the
bound CP-SAT's LP sees. They are not rules (the formulation and the checker
do not know them).

The solve uses the goal cuts alone, for :data:`PROOF_ROUNDS` rounds, on a small
quarter that CP-SAT does not prove in its first units (:mod:`planner.solving.proof`):
they take 0.03-0.13 s there and shorten CP-SAT's proof on every hard S seed
(0.26-1.42 units -> 0.15-0.64). Both kinds over :data:`ROUNDS` rounds are a
measuring tool (``bench/small_bound.py``): the packing cuts cost more to separate
(0.5-2.5 s) than they save. Deterministic: fixed rounds and sizes, no clock.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from planner.optimizer.cpsat import RESOLUTION, PlanningModel
from planner.optimizer.formulation import Kind
from planner.optimizer.lp_bound import _glop, _Lp, _Relaxation

#: Separation rounds: each solves the LP with the cuts so far and cuts its new point.
ROUNDS = 8
#: Rounds of goal cuts in the solve (S seeds 1, 2, 4, 8, 10: 2 rounds took 0.03-0.13 s and
#: cut CP-SAT's proof from 0.35, 0.79, 0.26, 0.29, 1.42 units to 0.28, 0.64, 0.15, 0.18, 0.50;
#: 8 rounds 0.08-0.53 s for 0.26, 0.75, 0.09, 0.14, 0.57).
PROOF_ROUNDS = 2
#: A goal's choices (products of each candidate's options) enumerated at most.
MAX_CHOICES = 1 << 14
#: A team's packings enumerated at most (maximal sets only).
MAX_PACKINGS = 20_000
#: A point is cut off when the cut misses it by more than this share of its unit.
_TOLERANCE = 1e-4


@dataclass(frozen=True)
class Cut:
    """``sum(coeffs[k] x pair cols[k]) <= rhs (+ reached[goal] when ``goal`` is set)``.

    A goal cut reads ``reached[goal] - sum(coeffs x pair) <= rhs``; a packing cut
    (``goal`` empty) ``sum(coeffs x pair) <= rhs``. Whole numbers, the model's units.
    """

    cols: tuple[int, ...]
    coeffs: tuple[int, ...]
    rhs: int
    goal: str = ""


@dataclass(frozen=True)
class _Goal:
    """One goal's candidates as options and every choice among them (rows of ``choices``)."""

    goal_id: str
    options: tuple[tuple[int, ...], ...]  # the pair columns of each option
    choices: np.ndarray  # choice x option, 0/1
    reached: np.ndarray  # the model's attainment of each choice, in millionths


@dataclass(frozen=True)
class _Team:
    """One team's pair columns and its maximal packings (rows of ``packings``)."""

    team_id: str
    cols: tuple[int, ...]
    packings: np.ndarray  # packing x pair, 0/1


def _goals(planning: PlanningModel) -> list[_Goal]:
    """The goals whose choices can be enumerated, from the model's own attainment parts."""
    pairs = planning.variables.pairs
    out = []
    for goal_id, rows, parts in planning.attainment_parts():
        # One option per (project, side, part): pairs of one project exclude each other
        # (rule 1), and so do a joint project's pairs on one side.
        groups: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for row, part in zip(rows, parts, strict=True):
            pair = pairs[row]
            side = pair.department if planning.problem.project(pair.project_id).joint else ""
            groups[(pair.project_id, side)][part].append(row)
        options: list[tuple[int, ...]] = []
        option_parts: list[int] = []
        per_group: list[list[int | None]] = []
        for by_part in groups.values():
            ids: list[int | None] = [None]
            for part, cols in by_part.items():
                ids.append(len(options))
                options.append(tuple(cols))
                option_parts.append(part)
            per_group.append(ids)
        if math.prod(len(ids) for ids in per_group) > MAX_CHOICES:
            continue
        combos = list(itertools.product(*per_group))
        choices = np.zeros((len(combos), len(options)), dtype=np.int64)
        for i, combo in enumerate(combos):
            for option in combo:
                if option is not None:
                    choices[i, option] = 1
        reached = np.minimum(RESOLUTION, choices @ np.asarray(option_parts, dtype=np.int64))
        out.append(_Goal(goal_id, tuple(options), choices, reached))
    return out


def _teams(planning: PlanningModel) -> list[_Team]:
    """The teams whose packing rows bind and whose maximal packings can be enumerated."""
    formulation = planning.formulation
    hours, projects = formulation.team_room()
    binding = {
        row.group.a
        for row in formulation.rows
        if row.group.kind in (Kind.CAPACITY, Kind.MAX_PROJECTS)
    }
    out = []
    for team_id in sorted(binding):
        cols = tuple(formulation.by_team.get(team_id, ()))
        found = _packings([formulation.hours[c] for c in cols], hours[team_id], projects[team_id])
        if found is not None and len(found) > 1:
            packings = np.zeros((len(found), len(cols)), dtype=np.int64)
            for i, members in enumerate(found):
                packings[i, members] = 1
            out.append(_Team(team_id, cols, packings))
    return out


def _packings(hours: Sequence[int], limit: int, most: int | None) -> list[list[int]] | None:
    """Every maximal set of items within ``limit`` hours and ``most`` items; ``None``: too many."""
    most = len(hours) if most is None else most
    found: list[list[int]] = []
    chosen: list[int] = []

    def grow(i: int, used: int) -> bool:
        if i == len(hours):
            room = len(chosen) < most
            taken = set(chosen)
            if not any(room and used + hours[j] <= limit for j in range(i) if j not in taken):
                found.append(list(chosen))
            return len(found) <= MAX_PACKINGS
        if len(chosen) < most and used + hours[i] <= limit:
            chosen.append(i)
            more = grow(i + 1, used + hours[i])
            chosen.pop()
            if not more:
                return False
        return grow(i + 1, used)

    return found if grow(0, 0) else None


def separate(planning: PlanningModel, rounds: int = ROUNDS, *, packing: bool = True) -> list[Cut]:
    """The goal (and with ``packing`` the packing) cuts that cut off the LP's points.

    The LP is :mod:`planner.optimizer.lp_bound`'s relaxation (the same rows and
    terms), solved ``rounds`` times; each cut found is added to it, in its
    units, before the next round.
    """
    goals = _goals(planning)
    teams = _teams(planning) if packing else []
    if not goals and not teams:
        return []
    relaxation = _Relaxation(planning.problem, planning.variables.pairs, planning.formulation)
    lp = relaxation.build()
    if relaxation.infeasible:
        return []
    cuts: list[Cut] = []
    for _ in range(rounds):
        response = _glop(lp.freeze().request(), None)
        if not response.variable_value:
            break
        x = np.clip(np.asarray(response.variable_value, dtype=np.float64), 0.0, None)
        found = []
        for goal in goals:
            column = relaxation.reached.get(goal.goal_id)
            if column is not None:
                found += _goal_cut(goal, x, x[column] * RESOLUTION / 100)
        for team in teams:
            found += _packing_cut(team, x)
        if not found:
            break
        for cut in found:
            _add_to_lp(lp, relaxation, cut)
        cuts += found
    return cuts


def _goal_cut(goal: _Goal, x: np.ndarray, reached: float) -> list[Cut]:
    """The envelope's cut at ``x`` when it lies below the LP's ``reached`` (millionths)."""
    at = np.array([min(1.0, float(x[list(cols)].sum())) for cols in goal.options])
    # max reached . lam : sum(lam) = 1, choices' lam = at (the envelope at ``at``);
    # its duals are the cut's right-hand side and per-option coefficients.
    lp = _Lp()
    lam = [lp.var(0.0, 1.0, float(r)) for r in goal.reached]
    lp.constrain(lam, [1.0] * len(lam), 1.0, 1.0)
    for k in range(len(goal.options)):
        members = np.flatnonzero(goal.choices[:, k])
        lp.constrain([lam[i] for i in members], [1.0] * len(members), at[k], at[k])
    response = _glop(lp.freeze().request(), None)
    if not response.dual_value or response.objective_value >= reached - _TOLERANCE * RESOLUTION:
        return []
    duals = np.asarray(response.dual_value, dtype=np.float64)[1:]
    best: Cut | None = None
    for sign in (1.0, -1.0):  # GLOP's dual sign convention for a maximisation
        coeffs = np.ceil(sign * duals - 1e-9).astype(np.int64)
        rhs = int((goal.reached - goal.choices @ coeffs).max())  # exact: holds for every choice
        if rhs + float(coeffs @ at) < reached - _TOLERANCE * RESOLUTION:
            cols, per_pair = _spread(goal.options, coeffs)
            best = Cut(cols, per_pair, rhs, goal.goal_id)
            break
    return [] if best is None else [best]


def _packing_cut(team: _Team, x: np.ndarray) -> list[Cut]:
    """A facet-like cut of the team's packings at ``x``, when ``x`` is outside their hull."""
    at = np.clip(x[list(team.cols)], 0.0, 1.0)
    # min sum(mu) : packings' mu cover ``at``; over 1, ``at`` is outside the hull and the
    # duals (beta >= 0) give beta . x <= 1 for every packing.
    lp = _Lp()
    mu = [lp.var(0.0, 1.0, -1.0) for _ in range(team.packings.shape[0])]
    for k in range(len(team.cols)):
        members = np.flatnonzero(team.packings[:, k])
        lp.constrain([mu[i] for i in members], [1.0] * len(members), float(at[k]), math.inf)
    response = _glop(lp.freeze().request(), None)
    if not response.dual_value or -response.objective_value <= 1.0 + _TOLERANCE:
        return []
    coeffs = np.floor(np.abs(np.asarray(response.dual_value)) * 1000 + 1e-9).astype(np.int64)
    rhs = int((team.packings @ coeffs).max())  # exact: every packing meets it
    if float(coeffs @ at) <= rhs * (1.0 + _TOLERANCE):
        return []
    keep = np.flatnonzero(coeffs)
    return [Cut(tuple(team.cols[k] for k in keep), tuple(int(coeffs[k]) for k in keep), rhs)]


def _spread(
    options: Sequence[Sequence[int]], coeffs: np.ndarray
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Each option's coefficient on each of its pair columns (zeros left out)."""
    cols: list[int] = []
    per_pair: list[int] = []
    for option, coeff in zip(options, coeffs.tolist(), strict=True):
        if coeff:
            cols += option
            per_pair += [coeff] * len(option)
    return tuple(cols), tuple(per_pair)


def _add_to_lp(lp: _Lp, relaxation: _Relaxation, cut: Cut) -> None:
    """The cut in the LP's units (attainment in percentage points) for the next round."""
    x = relaxation.x
    coeffs = [float(c) for c in cut.coeffs]
    if cut.goal:
        scale = RESOLUTION / 100
        cols = [relaxation.reached[cut.goal], *(x[c] for c in cut.cols)]
        lp.constrain(cols, [1.0, *(-c / scale for c in coeffs)], -math.inf, cut.rhs / scale)
    else:
        lp.constrain([x[c] for c in cut.cols], coeffs, -math.inf, float(cut.rhs))


def add_cuts(planning: PlanningModel, cuts: Sequence[Cut]) -> None:
    """Add ``cuts`` to the CP-SAT model (they hold for every plan: no plan is lost)."""
    columns = planning.variables.columns
    reached = planning.reached_variables()
    for cut in cuts:
        expr = cp_model.LinearExpr.weighted_sum([columns[c] for c in cut.cols], cut.coeffs)
        if cut.goal:
            planning.model.add(reached[cut.goal] - expr <= cut.rhs)
        else:
            planning.model.add(expr <= cut.rhs)


__all__ = ["MAX_CHOICES", "MAX_PACKINGS", "PROOF_ROUNDS", "ROUNDS", "Cut", "add_cuts", "separate"]
