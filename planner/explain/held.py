"""Which of the formulation's rule groups a change of a plan would break.

The left-out reasons (:mod:`planner.explain.unassigned`) weigh a project's options in
hours, project limits, pins, mandatory work and prerequisites; the formulation
(:mod:`planner.optimizer.formulation`) holds every hard rule, written once. An option
("add it to Brand, displacing Small") is a better plan only if it keeps every rule: here
it is checked against the formulation's own rows, so a rule the reasons do not spell
out (a change budget, or one added later) is named by its group rather than read as
"a better plan may exist" on a plan proven best.

Rules 10-12 (the weeks) are not checked here: their reasons are
:class:`~planner.explain.weeks.WeekReasons`' own, and the left-out reasons ask its
:meth:`~planner.explain.weeks.WeekReasons.fits` of an option these rows allow, so one no
week has room for reads with the week reason, not as a better plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from planner.core.domain import Plan, Problem
from planner.optimizer.formulation import Formulation, Group, Kind, Row


class HeldBy:
    """The formulation's rows (without rules 10-12) over one plan, to check changes of it."""

    def __init__(self, problem: Problem, plan: Plan, rules: Formulation | None = None) -> None:
        """``rules``: the problem's rules without rules 10-12 over its eligible pairs, when
        built already (a large quarter's warm start: 0.4-1.1 s at 150 x 3,000 in weeks)."""
        if rules is not None and rules.starts is not None:
            raise ValueError("HeldBy checks the rules without the weeks' start columns")
        self.formulation = f = Formulation.of(problem, weeks=False) if rules is None else rules
        self.column = {(p.project_id, p.team_id): c for c, p in enumerate(f.pairs)}
        self.rows_of: dict[int, list[Row]] = defaultdict(list)
        for row in f.rows:
            for c in row.cols:
                self.rows_of[c].append(row)
        #: Each project's auxiliary columns (a joint project's "both sides", "changed").
        self.aux: dict[str, list[int]] = defaultdict(list)
        for k, column in enumerate(f.columns):
            self.aux[column.about].append(f.num_pairs + k)
        values = {self.column[k]: 1 for k in plan_pairs(plan) if k in self.column}
        self.values = self._with_aux(values, {c.about for c in f.columns})

    def broken(
        self, added: Iterable[tuple[str, str]], removed: Iterable[tuple[str, str]]
    ) -> list[Group]:
        """The rule groups the plan breaks with the (project, team) pairs ``added`` and
        ``removed``, in rule order; empty when it keeps every rule (but the weeks')."""
        changed: dict[int, int] = {}
        projects = set()
        for pairs, value in ((removed, 0), (added, 1)):
            for project_id, team_id in pairs:
                projects.add(project_id)
                column = self.column.get((project_id, team_id))
                if column is None:
                    return []  # not a pair the rules know: nothing to say of it here
                changed[column] = value
        values = self._with_aux({**self.values, **changed}, projects)
        touched = {c for c in values if values.get(c, 0) != self.values.get(c, 0)}
        rows = {id(r): r for c in touched for r in self.rows_of.get(c, ())}
        groups = {r.group for r in rows.values() if not _holds(r, values)}
        return sorted(groups, key=lambda g: (_ORDER.index(g.kind), g.a, g.b))

    def _with_aux(self, values: Mapping[int, int], projects: Iterable[str]) -> dict[int, int]:
        """``values`` with each auxiliary column of ``projects`` at the least value its
        defining rows (those of its own rule) allow, as a solver would set it."""
        out = dict(values)
        f = self.formulation
        for project_id in projects:
            for column in self.aux.get(project_id, ()):
                aux = f.columns[column - f.num_pairs]
                defining = [r for r in self.rows_of[column] if r.group.kind is aux.kind]
                for value in range(aux.lower, aux.upper + 1):
                    out[column] = value
                    if all(_holds(r, out) for r in defining):
                        break
                else:
                    out[column] = aux.lower
        return out


#: The rule groups' kinds in rule order, as the formulation lists them.
_ORDER = list(Kind)


def plan_pairs(plan: Plan) -> list[tuple[str, str]]:
    return [(a.project_id, a.team_id) for a in plan.assignments]


def _holds(row: Row, values: Mapping[int, int]) -> bool:
    total = sum(k * values.get(c, 0) for c, k in zip(row.cols, row.coeffs, strict=True))
    return (row.lower is None or total >= row.lower) and (row.upper is None or total <= row.upper)
