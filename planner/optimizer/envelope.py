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

Each cut is found on the face where the LP's point lies: the options and pairs
the point has at 0 or 1 are held there, the hull is taken over the few it has
in part (an LP of tens of columns where the whole hull has thousands), and the
held ones are then lifted one by one (:func:`_lift`: the strongest coefficient
that keeps the inequality over every set of the enumeration). The right-hand
side is recomputed over every choice or packing at the end, so the cut holds
for every plan whatever the LP solver returned. A point whose answer is known
without its LP (a goal's face below the cap, :func:`_on_the_line`; a team's
used pairs that fit at once, :func:`_fits_at_once`) is not given one: the same
cuts, with fewer LPs.

Both are implied by the model (each holds for every plan, computed exactly in
whole numbers), so they change no plan's feasibility or objective: only the
bound CP-SAT's LP sees. They are not rules (the formulation and the checker
do not know them).

The solve adds both kinds, :data:`PROOF_ROUNDS` rounds, to every small quarter's
model before CP-SAT searches it (:mod:`planner.solving.proof`). Measured on the
16 S quarters of seeds 0-39 that CP-SAT does not prove in 0.1 units, from the
warm start, CPU seconds (2026-12-01, load 3-4): the goal cuts alone (2 rounds,
the solve's earlier choice) 0.51 s to separate in all and 4.42 s of CP-SAT
(worst 0.68 s); both kinds, 8 rounds, 1.17 s and 2.12 s (worst 0.31 s);
before the face and lifting, the packing cuts took 0.15-1.4 s a quarter to
separate (every maximal packing enumerated in Python, one LP over all of them)
and gave CP-SAT 3.54 s (worst 0.91 s). On S seed 1 the LP is 4.7 % above the
optimum; 8 rounds of both kinds leave 0.23 %, 20 rounds 0.006 % (the bound of
both hulls written out in full, ``bench/small_bound.py``). Deterministic:
fixed rounds and sizes, no clock.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from planner.optimizer.cpsat import RESOLUTION, PlanningModel
from planner.optimizer.formulation import Kind
from planner.optimizer.lp_bound import Lp, LpRelaxation, add_rows, glop, unit_request

#: Separation rounds: each solves the LP with the cuts so far and cuts its new point.
ROUNDS = 8
#: Rounds of cuts in the solve. Separating is CPU the solve spends before CP-SAT starts, and
#: CP-SAT's proof from each round's cuts does not shrink round by round (on S seed 2 it
#: takes 0.165, 0.108, 0.200, 0.096, 0.129 deterministic units with 0, 2, 4, 7 and 12
#: rounds' cuts). Separation and CP-SAT's CPU together on generated 10 x 50 quarters, from
#: the solve's own model (2026-12-04, in all / worst seed, s), seeds 0-39: 6 rounds 3.98 /
#: 0.40, 7 rounds 3.76 / 0.22, 8 rounds 4.14 / 0.36, 10 rounds 4.53 / 0.30, 12 rounds 4.45
#: / 0.27, 14 rounds 4.55 / 0.26; seeds 40-79: 6 rounds 4.14 / 0.35, 7 rounds 3.67 / 0.23,
#: 8 rounds 3.91 / 0.27, 10 rounds 4.33 / 0.40, 12 rounds 4.38 / 0.25, 14 rounds 4.65 /
#: 0.29. CP-SAT's work with 7 rounds' cuts: 0.91 and 0.93 units in all, at most 0.10 a
#: quarter (12 rounds: 0.83 and 0.76, at most 0.13). Earlier (2026-12-01, CP-SAT's own cuts
#: still on) 12 rounds had the better worst seed: 0.443 s end to end against 0.546 s for 8.
#: 6 and 8 rounds are worse than 7 on both samples: which cuts CP-SAT gets moves its search,
#: so measure both samples again when the cuts change.
PROOF_ROUNDS = 7
#: A goal's choices (products of each candidate's options) enumerated at most.
MAX_CHOICES = 1 << 14
#: A team's packings enumerated at most (every set of its pairs that fits).
MAX_PACKINGS = 20_000
#: A team with more packings than that: its pairs in a packing cut at most.
MAX_LIFTED = 14
#: An LP value above this is a used option or pair.
_SUPPORT = 1e-6
#: A point is cut off when the cut misses it by more than this share of its unit.
_TOLERANCE = 1e-4
#: How far (millionths of a target) a goal's point must be from being cut off for
#: :func:`_on_the_line` to answer without the LP: GLOP's error on that LP's value (a few
#: millions at most) is far below it.
_LINE_MARGIN = 10.0


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
    cols: tuple[int, ...]  # every option's pair columns
    choices: np.ndarray  # choice x option, booleans
    reached: np.ndarray  # the model's attainment of each choice, in millionths
    dense: np.ndarray  # ``choices`` in float64, for the products (:func:`_products`)
    parts: np.ndarray  # each option's millionths of the target


@dataclass(frozen=True)
class _Team:
    """One team's pair columns, their hours and its room (rules 5 and 6, the model's units)."""

    team_id: str
    cols: tuple[int, ...]
    hours: np.ndarray
    limit: int
    most: int
    #: Every packing of all the team's pairs when they are few (:data:`MAX_LIFTED`).
    every: np.ndarray | None = None
    #: ``every`` in float64, for the products (:func:`_products`).
    every_dense: np.ndarray | None = None

    def packings(self, items: np.ndarray, most: int | None = None) -> np.ndarray | None:
        """Every set of ``items`` (positions in ``cols``) that fits: rows over ``items``, booleans.

        Built item by item (a team's project cap keeps them to hundreds or
        thousands); ``None`` past ``most`` sets.
        """
        if self.every is not None and len(items) == len(self.cols):
            return self.every  # ``items`` are all the pairs, in order
        sets = np.zeros((1, len(items)), dtype=bool)
        loads = np.zeros(1, dtype=np.int64)
        counts = np.zeros(1, dtype=np.int64)
        for k, hours in enumerate(self.hours[items].tolist()):
            fits = (loads + hours <= self.limit) & (counts < self.most)
            grown = sets[fits]
            grown[:, k] = True
            sets = np.concatenate((sets, grown))
            loads = np.concatenate((loads, loads[fits] + hours))
            counts = np.concatenate((counts, counts[fits] + 1))
            if most is not None and len(sets) > most:
                return None
        return np.asfortranarray(sets)  # read a column at a time when lifting


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
        # Every choice as each group's position in its ``ids`` (0: none of its options).
        index = np.indices([len(ids) for ids in per_group]).reshape(len(per_group), -1)
        choices = np.zeros((index.shape[1], len(options)), dtype=bool)
        for positions, ids in zip(index, per_group, strict=True):
            for position, option in enumerate(ids[1:], start=1):
                choices[positions == position, option] = True
        choices = np.asfortranarray(choices)
        dense = choices.astype(np.float64)
        each = np.asarray(option_parts, dtype=np.int64)
        reached = np.minimum(RESOLUTION, _products(dense, each))
        pair_cols = tuple(c for option in options for c in option)
        out.append(_Goal(goal_id, tuple(options), pair_cols, choices, reached, dense, each))
    return out


def _teams(planning: PlanningModel) -> list[_Team]:
    """The teams whose packing rows (rules 5 and 6) can bind, with their room."""
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
        if len(cols) > 1:
            loads = np.asarray([formulation.hours[c] for c in cols], dtype=np.int64)
            most = projects[team_id]
            team = _Team(team_id, cols, loads, hours[team_id], len(cols) if most is None else most)
            every = team.packings(np.arange(len(cols)), MAX_PACKINGS)
            if every is not None:
                team = replace(team, every=every, every_dense=every.astype(np.float64))
            out.append(team)
    return out


def separate(
    planning: PlanningModel,
    rounds: int = ROUNDS,
    *,
    deadline: float = math.inf,
) -> list[Cut]:
    """The goal and packing cuts that cut off the LP's points.

    The LP is :mod:`planner.optimizer.lp_bound`'s relaxation (the same rows and
    terms), solved ``rounds`` times; each cut found is added to it, in its
    units, before the next round. No round starts after ``deadline``
    (``perf_counter`` time): the cuts found by then are returned.
    """
    goals = _goals(planning)
    teams = _teams(planning)
    if not goals and not teams:
        return []
    relaxation = LpRelaxation(planning.problem, planning.variables.pairs, planning.formulation)
    lp = relaxation.build()
    if relaxation.infeasible:
        return []
    cuts: list[Cut] = []
    # Each goal's and team's cuts are a function of the LP's point on its own columns: a
    # point met in an earlier round gets the answer it got then, without its LPs again.
    answers: dict[tuple[str, str, bytes], list[Cut]] = {}
    # Written once: each round appends its cuts' rows (the relaxation's own rows are most
    # of the request, its sampled goals' rows above all).
    request = lp.freeze().request()
    for _ in range(rounds):
        if time.perf_counter() > deadline:
            break
        response = glop(request, None)
        if not response.variable_value:
            break
        x = np.clip(np.asarray(response.variable_value, dtype=np.float64), 0.0, None)
        found = []
        for goal in goals:
            column = relaxation.reached.get(goal.goal_id)
            if column is not None:
                point = ("goal", goal.goal_id, x[[*goal.cols, column]].tobytes())
                if point not in answers:
                    answers[point] = _goal_cut(goal, x, x[column] * RESOLUTION / 100)
                found += answers[point]
        for team in teams:
            point = ("team", team.team_id, x[list(team.cols)].tobytes())
            if point not in answers:
                answers[point] = _packing_cut(team, x)
            found += answers[point]
        if not found:
            break
        written = len(lp.cols)
        for cut in found:
            _add_to_lp(lp, relaxation, cut)
        add_rows(request, lp, written)
        cuts += found
    return cuts


def _goal_cut(goal: _Goal, x: np.ndarray, reached: float) -> list[Cut]:
    """The envelope's cut at ``x`` when it lies below the LP's ``reached`` (millionths).

    The envelope is taken over the options ``x`` uses in part (the others fixed
    at 0 or 1: a few dozen choices where all can be thousands) and the fixed
    options are lifted (:func:`_lift`); the right-hand side is the exact
    maximum over every choice, so the cut holds for every plan.
    """
    at = np.array([min(1.0, float(x[list(cols)].sum())) for cols in goal.options])
    ones, zeros = at > 1 - _SUPPORT, at < _SUPPORT
    free = ~(ones | zeros)
    rows = _within(goal.choices, ones, zeros)
    if not rows.any():  # rounding left no choice on the face: no cut from this point
        return []
    choices, values = goal.choices[rows][:, free], goal.reached[rows]
    if _on_the_line(goal, at, values, reached):
        return []  # the LP below would find no cut: it is not solved
    # max values . lam : sum(lam) = 1, choices' lam = at (the envelope at ``at``);
    # its duals are the cut's right-hand side and per-option coefficients.
    lp_rows = [(list(range(len(values))), 1.0, 1.0)]
    for k, value in enumerate(at[free].tolist()):
        lp_rows.append((np.flatnonzero(choices[:, k]).tolist(), value, value))
    response = glop(unit_request([float(r) for r in values.tolist()], lp_rows), None)
    if not response.dual_value or response.objective_value >= reached - _TOLERANCE * RESOLUTION:
        return []
    duals = np.asarray(response.dual_value, dtype=np.float64)[1:]
    for sign in (1.0, -1.0):  # GLOP's dual sign convention for a maximisation
        coeffs = np.zeros(len(goal.options), dtype=np.int64)
        coeffs[free] = np.ceil(sign * duals - 1e-9).astype(np.int64)
        rhs = int((values - _products(choices, coeffs[free])).max())
        if rhs + float(coeffs @ at) < reached - _TOLERANCE * RESOLUTION:
            _lift(goal.choices, goal.reached, coeffs, rhs, ones, zeros, goal.dense)
            rhs = int((goal.reached - _products(goal.dense, coeffs)).max())  # every choice
            if rhs + float(coeffs @ at) < reached - _TOLERANCE * RESOLUTION:
                cols, per_pair = _spread(goal.options, coeffs)
                return [Cut(cols, per_pair, rhs, goal.goal_id)]
    return []


def _on_the_line(goal: _Goal, at: np.ndarray, values: np.ndarray, reached: float) -> bool:
    """Whether the envelope's LP at ``at`` would find no cut, known without solving it.

    When no choice on the face (``values``) reaches the cap, the attainment is
    linear there, and so is its envelope: the LP's value at ``at`` is the sum
    of the options' parts weighted by ``at``, whatever its solution. At least
    :data:`_LINE_MARGIN` above the cut-off, the LP would say no cut; this saves
    solving it (about a third of the goals' LPs on the 10 x 50 quarters).
    """
    if values.max() >= RESOLUTION:
        return False
    line = float(goal.parts[at > 1 - _SUPPORT].sum())
    fractional = (at >= _SUPPORT) & (at <= 1 - _SUPPORT)
    line += float(goal.parts[fractional] @ at[fractional])
    return line >= reached - _TOLERANCE * RESOLUTION + _LINE_MARGIN


def _fits_at_once(team: _Team, used: np.ndarray) -> bool:
    """Whether the team's pairs ``used`` (positions in ``cols``) make one packing together.

    A point whose used pairs all fit at once lies below that packing, inside
    the hull: its covering LP in :func:`_packing_cut` would find no cut, so it
    is not solved.
    """
    return int(team.hours[used].sum()) <= team.limit and len(used) <= team.most


def _products(sets: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``sets @ v`` for 0/1 ``sets`` (booleans, or the same in float64) and whole ``v``.

    Through BLAS in float64: several times faster than numpy's integer product,
    and exact, every partial sum being a whole number far below 2**53. ``sets``
    already in float64 (a goal's choices, a team's packings: a lift reads them
    three or four times) is not converted again.
    """
    dense = sets if sets.dtype == np.float64 else sets.astype(np.float64)
    return (dense @ v.astype(np.float64)).astype(np.int64)


def _within(sets: np.ndarray, ones: np.ndarray, zeros: np.ndarray) -> np.ndarray:
    """The rows of ``sets`` (booleans) with every ``ones`` column 1 and every ``zeros`` column 0."""
    return np.logical_and(sets[:, ones].all(axis=1), ~sets[:, zeros].any(axis=1))


def _lift(
    sets: np.ndarray,
    values: np.ndarray,
    coeffs: np.ndarray,
    rhs: int,
    ones: np.ndarray,
    zeros: np.ndarray,
    dense: np.ndarray | None = None,
) -> int:
    """Sequential lifting of ``values(T) - coeffs(T) <= rhs``, valid where ``ones``/``zeros`` hold.

    ``sets`` are the feasible sets (rows of booleans), ``values`` their values. Each
    column fixed at 1 is freed with the largest coefficient that keeps the
    inequality (the right-hand side moves with it), then each fixed at 0 with
    the smallest; ``coeffs`` is updated in place. Returns the right-hand side,
    valid over every row of ``sets``. ``dense`` is ``sets`` in float64, when at hand.
    """
    if dense is None:
        dense = sets.astype(np.float64)
    gap = values - _products(dense, coeffs)  # each set's side of the inequality, as it is lifted
    missing = int(ones.sum()) - _products(dense, ones)  # fixed-at-1 columns a set lacks
    extra = _products(dense, zeros)  # fixed-at-0 columns a set has
    for k in np.flatnonzero(ones):
        column = sets[:, k]
        missing -= ~column
        rows = (missing == 0) & (extra == 0) & ~column
        if rows.any():
            best = int(gap[rows].max())
            coeffs[k] = rhs - best
            gap -= column * coeffs[k]
            rhs = best
    for k in np.flatnonzero(zeros):
        column = sets[:, k]
        extra -= column
        rows = (missing == 0) & (extra == 0) & column
        if rows.any():
            coeffs[k] = int(gap[rows].max()) - rhs
            gap -= column * coeffs[k]
    return rhs


def _packing_cut(team: _Team, x: np.ndarray) -> list[Cut]:
    """A cut of the team's packings at ``x``, when ``x`` is outside their hull.

    The hull is taken over the pairs ``x`` uses in part (the others fixed at 0
    or 1), then the fixed pairs are lifted (:func:`_lift`); a team with more
    than :data:`MAX_LIFTED` pairs keeps 0 on the unused pairs past that number,
    which every plan meets. The right-hand side is exact over every packing.
    """
    at = np.clip(x[list(team.cols)], 0.0, 1.0)
    ones, zeros = at > 1 - _SUPPORT, at < _SUPPORT
    used = np.flatnonzero(~zeros)
    if not (~(ones | zeros)).any() or len(used) > MAX_LIFTED:
        return []  # a packing itself (within the hull), or too many pairs to enumerate
    if _fits_at_once(team, used):
        return []  # below the packing of every pair it uses, so within the hull: no LP
    if team.every is not None:
        ground = np.arange(len(team.cols))  # every pair, and its packings enumerated once
    else:
        ground = np.concatenate((used, np.flatnonzero(zeros)[: MAX_LIFTED - len(used)]))
    sets = team.packings(ground)
    assert sets is not None
    ones, zeros = ones[ground], zeros[ground]
    free = ~(ones | zeros)
    face = _within(sets, ones, zeros)
    if not face.any():  # rounding left no packing on the face: no cut from this point
        return []
    packings = sets[face][:, free]
    # The cut as values(T) - coeffs(T) <= rhs with values 0 and coeffs = -beta.
    coeffs = np.zeros(len(ground), dtype=np.int64)
    left_out = ~packings.any(axis=0)
    if left_out.any():
        # The held pairs leave no room for this one: x <= 0 holds on the face.
        coeffs[np.flatnonzero(free)[np.argmax(np.where(left_out, at[ground][free], -1.0))]] = -1
    else:
        # min sum(mu) : packings' mu cover ``at``; over 1, ``at`` is outside the hull and
        # the duals (beta >= 0) give beta . x <= 1 for every packing.
        rows = [
            (np.flatnonzero(packings[:, k]).tolist(), value, math.inf)
            for k, value in enumerate(at[ground][free].tolist())
        ]
        response = glop(unit_request([-1.0] * packings.shape[0], rows), None)
        if not response.dual_value or -response.objective_value <= 1.0 + _TOLERANCE:
            return []
        duals = np.abs(np.asarray(response.dual_value))
        coeffs[free] = -np.floor(duals * 1000 + 1e-9).astype(np.int64)
    rhs = int((-_products(packings, coeffs[free])).max())
    zero_values = np.zeros(len(sets), dtype=np.int64)
    dense = team.every_dense
    if dense is None or sets is not team.every:
        dense = sets.astype(np.float64)
    _lift(sets, zero_values, coeffs, rhs, ones, zeros, dense)
    beta = -coeffs
    rhs = int(_products(dense, beta).max())  # exact: every plan's pairs of ``ground`` are a packing
    if float(beta @ at[ground]) <= rhs * (1.0 + _TOLERANCE):
        return []
    keep = np.flatnonzero(beta)
    return [Cut(tuple(team.cols[ground[k]] for k in keep), tuple(int(beta[k]) for k in keep), rhs)]


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


def _add_to_lp(lp: Lp, relaxation: LpRelaxation, cut: Cut) -> None:
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


__all__ = [
    "MAX_CHOICES",
    "MAX_LIFTED",
    "MAX_PACKINGS",
    "PROOF_ROUNDS",
    "ROUNDS",
    "Cut",
    "add_cuts",
    "separate",
]
