"""Small CP-SAT models of a neighbourhood: only the freed pairs, the rest as constants.

A neighbourhood step of :mod:`planner.optimizer.lns` frees the pairs of a few
teams and keeps every other pair as the incumbent has it. Fixing those pairs'
domains in a copy of the whole model costs a copy and a presolve of every
constraint at each step (0.05-0.3 s at 40 x 500); here the step's model holds
only the freed pairs, the auxiliary variables that share a constraint with
them (goal attainment, peak utilisation, joint and moved indicators) and the
constraints those touch, each with the fixed pairs' contribution moved into
its bounds. A goal's attainment then reads "what the fixed teams already
reach, plus what the freed ones add".

Building a step costs in proportion to the free variables' entries, not to the
rows they touch: each row's sum at the incumbent is kept (:meth:`SubModels.keep`
updates it from the variables that changed), so a goal's or the peak's row,
which at 150 x 3,000 holds tens of thousands of fixed pairs, is never read
whole (64 ms a step there before, 31 ms now, CP-SAT's own search and loading
included in neither).

The reduction works on the CP-SAT model as written (linear and at-most-one
constraints, a linear objective), so every rule and objective term of
:class:`~planner.optimizer.cpsat.PlanningModel` is carried over without being
written again; a model with any other kind of constraint is not reduced
(:meth:`SubModels.of` returns ``None``) and the caller copies the whole model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1
#: Bounds at or beyond these are "no bound" (CP-SAT writes them as int64's extremes).
_FAR = 2**62


@dataclass(frozen=True)
class SubModel:
    """One neighbourhood's model; ``free[i]`` is the full model's variable of its variable i."""

    model: cp_model.CpModel
    free: np.ndarray
    #: Entries (variable x constraint) in the sub-model: what building it cost.
    size: int


class SubModels:
    """The whole model's constraints as arrays, ready to be cut down to a neighbourhood.

    Build with :meth:`of`; :meth:`values` is the full assignment the steps
    keep (the incumbent), :meth:`objective` reads its objective and
    :meth:`around` builds the model of one neighbourhood.
    """

    def __init__(
        self,
        model: cp_model.CpModel,
        pair_vars: np.ndarray,
        rows: list[tuple[np.ndarray, np.ndarray, list[int]]],
        drop_held: bool = False,
    ) -> None:
        #: Whether :meth:`around` leaves out the free pairs a packing row holds at 0.
        self.drop_held = drop_held
        proto = model.proto
        num_vars = len(proto.variables)
        # A pair variable is 0/1 (:func:`~planner.optimizer.cpsat.new_columns`): only the
        # others' domains are read (reading all 86,000 at 150 x 3,000 took 0.5-1.4 s).
        self._domains: list[list[int]] = [[0, 1]] * num_vars
        variables = proto.variables
        for var in np.setdiff1d(np.arange(num_vars), pair_vars).tolist():
            self._domains[var] = list(variables[var].domain)
        self._row_domains = [d for _, _, d in rows]
        # Rows with one interval, as arrays: a row left with one free 0/1 variable
        # becomes that variable's domain instead of a constraint (most of a project's
        # at-most-one rows when a few teams are free).
        self._simple = np.array([len(d) == 2 for d in self._row_domains], dtype=bool)
        self._row_lo = np.array([_clamp(d[0]) for d in self._row_domains], dtype=np.int64)
        self._row_hi = np.array([_clamp(d[-1]) for d in self._row_domains], dtype=np.int64)
        self._is_bool = np.array([d == [0, 1] for d in self._domains], dtype=bool)
        empty = np.zeros(0, dtype=np.int64)
        var_of = np.concatenate([v for v, _, _ in rows] or [empty])
        coeff_of = np.concatenate([c for _, c, _ in rows] or [empty])
        row_of = np.concatenate(
            [np.full(len(v), r, dtype=np.int64) for r, (v, _, _) in enumerate(rows)] or [empty]
        )
        self._num_rows = len(rows)
        is_pair = np.zeros(num_vars, dtype=bool)
        is_pair[pair_vars] = True
        # Incidence: for each variable, the constraints it is in and its coefficients
        # there (CSR over variables). A step reads only its free variables' entries: at
        # 150 x 3,000 a goal's or the peak's rows hold tens of thousands of fixed pairs.
        order = np.argsort(var_of, kind="stable")
        self._rows_of_var = row_of[order]
        self._coeffs_of_var = coeff_of[order]
        #: Each of those entries' place in the model (row by row, as written there).
        self._place_of_var = order
        self._var_start = np.searchsorted(var_of[order], np.arange(num_vars + 1))
        self._var_len = np.diff(self._var_start)
        # Each row's auxiliary (non-pair) variables (CSR over rows): what a free pair frees.
        aux = ~is_pair[var_of]
        self._aux_vars = var_of[aux]
        self._aux_start = np.searchsorted(row_of[aux], np.arange(len(rows) + 1))
        # Packing rows: pairs only, no negative coefficient, one interval (a project's one
        # owner, a team's capacity or project cap). A free pair that would overfill one
        # with the fixed pairs' part is 0 in every solution of the step.
        has_aux = np.zeros(len(rows), dtype=bool)
        has_aux[row_of[aux]] = True
        negative = np.zeros(len(rows), dtype=bool)
        negative[row_of[coeff_of < 0]] = True
        self._packing = self._simple & ~has_aux & ~negative
        objective = proto.objective
        self._obj_vars = np.array(list(objective.vars), dtype=np.int64)
        self._obj_coeffs = np.array(list(objective.coeffs), dtype=np.int64)
        self._obj_offset = float(objective.offset)
        self._obj_sign = -1 if objective.scaling_factor < 0 else 1
        values = np.array(list(proto.solution_hint.values), dtype=np.int64)
        hinted = np.array(list(proto.solution_hint.vars), dtype=np.int64)
        self._complete = len(hinted) == num_vars and bool(
            np.array_equal(np.sort(hinted), np.arange(num_vars))
        )
        self._values = np.zeros(num_vars, dtype=np.int64)
        if self._complete:
            self._values[hinted] = values
        #: Each row's activity (its sum) at the incumbent, kept up to date by :meth:`keep`.
        self._activity = np.zeros(len(rows), dtype=np.int64)
        np.add.at(self._activity, row_of, coeff_of * self._values[var_of])

    @classmethod
    def of(
        cls, model: cp_model.CpModel, pair_vars: Sequence[int], *, drop_held: bool = False
    ) -> SubModels | None:
        """The reducer of ``model`` hinted with a complete plan, or ``None`` when it cannot be.

        ``pair_vars`` are the pair variables' indices (0/1 variables). With ``drop_held`` a
        neighbourhood leaves out the free pairs that a packing row (pairs
        only, no negative coefficient, one interval) holds at 0 with the fixed
        pairs' part alone, e.g. a freed team's pair on a project a fixed team
        owns. ``None`` when the model
        has a constraint other than a plain linear or at-most-one one, or its
        hint does not give every variable a value.
        """
        proto = model.proto
        if proto.has_floating_point_objective() or not proto.has_objective():
            return None
        rows: list[tuple[np.ndarray, np.ndarray, list[int]]] = []
        for c in proto.constraints:
            if len(c.enforcement_literal):
                return None
            if c.has_linear():
                rows.append(
                    (
                        np.array(list(c.linear.vars), dtype=np.int64),
                        np.array(list(c.linear.coeffs), dtype=np.int64),
                        list(c.linear.domain),
                    )
                )
            elif c.has_at_most_one():
                literals = np.array(list(c.at_most_one.literals), dtype=np.int64)
                if (literals < 0).any():
                    return None  # a negated literal: not written by the planner's model
                rows.append((literals, np.ones(len(literals), dtype=np.int64), [0, 1]))
            else:
                return None
        if (np.array(list(proto.objective.vars), dtype=np.int64) < 0).any():
            return None
        reducer = cls(model, np.asarray(pair_vars, dtype=np.int64), rows, drop_held)
        return reducer if reducer._complete else None

    @property
    def values(self) -> np.ndarray:
        """The incumbent: a value per variable of the whole model (read only; see :meth:`keep`)."""
        return self._values

    def objective(self, values: np.ndarray | None = None) -> int:
        """The objective of ``values`` (default: the incumbent) as CP-SAT reports it."""
        values = self._values if values is None else values
        inner = int(self._obj_coeffs @ values[self._obj_vars]) + self._obj_offset
        return round(self._obj_sign * inner)

    def around(self, free_pairs: np.ndarray) -> SubModel:
        """The model with ``free_pairs`` (variable indices) free and every other pair fixed.

        Auxiliary variables are free when they share a constraint with a free
        variable (and so on, until no more join); the others keep the
        incumbent's values. The hint is the incumbent, so the model's first
        solution is as good as the incumbent. The cost grows with the free
        variables' entries, not with the rows they touch: a fixed pair's part
        of a row is read from the row's activity.
        """
        num_vars = len(self._domains)
        if self.drop_held:
            free_pairs = self._movable(np.asarray(free_pairs, dtype=np.int64))
        free = self._closure(free_pairs)
        free_vars = np.flatnonzero(free)
        index = np.full(num_vars, -1, dtype=np.int64)
        index[free_vars] = np.arange(len(free_vars))
        # The free variables' entries, grouped by row (each row's in variable order).
        entries = _ranges(self._var_start, free_vars)
        entry_var = np.repeat(free_vars, self._var_len[free_vars])
        entry_row = self._rows_of_var[entries]
        # In the model's own order (row by row, each row as written): the sub-model then
        # reads as the whole model with the fixed part moved out, and searches alike.
        order = np.argsort(self._place_of_var[entries])
        entry_row, free_var = entry_row[order], entry_var[order]
        free_coeff = self._coeffs_of_var[entries][order]
        rows, firsts, num_free = np.unique(entry_row, return_index=True, return_counts=True)
        mine = free_coeff * self._values[free_var]
        free_part = np.add.reduceat(mine, firsts) if len(rows) else mine
        fixed = self._activity[rows] - free_part
        # A simple row with one free 0/1 variable: which of its values the row allows.
        position = np.repeat(np.arange(len(rows)), num_free)
        single = (num_free == 1) & self._simple[rows]
        single_entry = single[position] & self._is_bool[free_var]
        at_row = position[single_entry]
        lo, hi, by = self._row_lo[rows[at_row]], self._row_hi[rows[at_row]], fixed[at_row]
        one = free_coeff[single_entry]
        zero_ok = (lo <= by) & (by <= hi)
        one_ok = (lo <= by + one) & (by + one <= hi)
        upper = np.ones(num_vars, dtype=bool)  # False: the variable must be 0
        lower = np.zeros(num_vars, dtype=bool)  # True: it must be 1
        upper[free_var[single_entry][zero_ok & ~one_ok]] = False
        lower[free_var[single_entry][one_ok & ~zero_ok]] = True
        dropped = np.zeros(len(rows), dtype=bool)
        dropped[at_row[zero_ok | one_ok]] = True
        model = cp_model.CpModel()
        proto = model.proto
        domains = self._domains
        for var in free_vars.tolist():
            domain = domains[var]
            if not upper[var] or lower[var]:
                domain = [int(lower[var]), int(upper[var])]
            proto.variables.add().domain.extend(domain)
        kept_vars = index[free_var].tolist()
        kept_coeffs = free_coeff.tolist()
        at = 0
        rows_left = zip(
            rows.tolist(), num_free.tolist(), fixed.tolist(), dropped.tolist(), strict=True
        )
        row_domains = self._row_domains
        for r, n, by, drop in rows_left:
            if not drop:
                linear = proto.constraints.add().linear
                linear.vars.extend(kept_vars[at : at + n])
                linear.coeffs.extend(kept_coeffs[at : at + n])
                linear.domain.extend(_shifted(row_domains[r], by))
            at += n
        in_objective = free[self._obj_vars]
        objective = proto.objective
        objective.vars.extend(index[self._obj_vars[in_objective]].tolist())
        objective.coeffs.extend(self._obj_coeffs[in_objective].tolist())
        objective.scaling_factor = float(self._obj_sign)
        hint = proto.solution_hint
        hint.vars.extend(range(len(free_vars)))
        hint.values.extend(self._values[free_vars].tolist())
        return SubModel(model, free_vars, len(kept_vars) + len(free_vars))

    def _closure(self, free_pairs: np.ndarray) -> np.ndarray:
        """Which variables are free (a mask): ``free_pairs``, and each auxiliary variable
        that shares a row with a free one, until no more join."""
        free = np.zeros(len(self._domains), dtype=bool)
        free[free_pairs] = True
        touched = np.zeros(self._num_rows, dtype=bool)
        frontier = np.asarray(free_pairs, dtype=np.int64)
        while len(frontier):
            rows = self._rows_of_var[_ranges(self._var_start, frontier)]
            rows = rows[~touched[rows]]
            touched[rows] = True
            if not len(rows):
                break
            joined = self._aux_vars[_ranges(self._aux_start, np.unique(rows))]
            joined = np.unique(joined[~free[joined]])
            free[joined] = True
            frontier = joined
        return free

    def _movable(self, pairs: np.ndarray) -> np.ndarray:
        """``pairs`` less those a packing row holds at 0 whatever the other free pairs do.

        E.g. a freed team's pair on a project that a fixed team owns: at 150 x
        3,000 most of a freed team's candidate pairs, which CP-SAT (without its
        presolve on a sub-model) would otherwise carry through the search.
        """
        entries = _ranges(self._var_start, pairs)
        entry_row = self._rows_of_var[entries]
        coeff = self._coeffs_of_var[entries]
        packing = self._packing[entry_row]
        entry_row, coeff = entry_row[packing], coeff[packing]
        entry_var = np.repeat(pairs, self._var_len[pairs])[packing]
        free_part = np.zeros(self._num_rows, dtype=np.int64)
        np.add.at(free_part, entry_row, coeff * self._values[entry_var])
        fixed = self._activity[entry_row] - free_part[entry_row]
        held = (fixed + coeff > self._row_hi[entry_row]) & (self._values[entry_var] == 0)
        return np.setdiff1d(pairs, entry_var[held])

    def take(self, sub: SubModel, solution: Sequence[int]) -> np.ndarray:
        """The full assignment with ``sub``'s variables set to ``solution`` (not kept yet)."""
        values = self._values.copy()
        values[sub.free] = np.asarray(solution, dtype=np.int64)[: len(sub.free)]
        return values

    def keep(self, values: np.ndarray) -> None:
        """Make ``values`` (e.g. from :meth:`take`) the incumbent; the rows' sums follow."""
        changed = np.flatnonzero(values != self._values)
        entries = _ranges(self._var_start, changed)
        delta = np.repeat(values[changed] - self._values[changed], self._var_len[changed])
        np.add.at(self._activity, self._rows_of_var[entries], self._coeffs_of_var[entries] * delta)
        self._values = values.copy()


def _ranges(start: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The entry indices of ``rows`` in a CSR layout with row starts ``start``, in order."""
    lengths = start[rows + 1] - start[rows]
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    # Each entry's index is its row's start plus its position within the row.
    firsts = np.repeat(start[rows] - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return firsts + np.arange(total, dtype=np.int64)


def _clamp(bound: int) -> int:
    return max(-_FAR, min(_FAR, bound))


def _shifted(domain: list[int], by: int) -> list[int]:
    """``domain`` (intervals as flat bounds) minus ``by``; unbounded ends stay unbounded."""
    out = []
    for bound in domain:
        if bound <= -_FAR:
            out.append(_INT64_MIN)
        elif bound >= _FAR:
            out.append(_INT64_MAX)
        else:
            out.append(max(-_FAR + 1, min(_FAR - 1, bound - by)))
    return out
