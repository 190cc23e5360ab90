"""What extra hours on one team would buy: a time-bounded re-solve.

It sits above the solver (it solves again), so it lives with the what-ifs,
not with the explanations, which the solver itself calls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from planner.core.domain import Problem, Result
from planner.core.text import hours as hours_text
from planner.explain.changes import AddCapacity
from planner.explain.common import join_names, project_name
from planner.solving.solver import solve


@dataclass(frozen=True)
class CapacityGain:
    """What extra hours on one team would buy, from a time-bounded re-solve."""

    team_id: str
    extra_hours: Decimal
    objective_before: float | None
    objective_after: float | None
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    status: str

    @property
    def gain(self) -> float | None:
        if self.objective_before is None or self.objective_after is None:
            return None
        return self.objective_after - self.objective_before

    def text(self, problem: Problem) -> str:
        team = problem.team(self.team_id).name
        head = f"+{hours_text(self.extra_hours)} for {team}"
        if self.gain is None:
            return f"{head}: no plan found within the time limit"
        parts = []
        if self.added:
            parts.append("brings in " + join_names([project_name(problem, p) for p in self.added]))
        if self.dropped:
            parts.append(
                "leaves out " + join_names([project_name(problem, p) for p in self.dropped])
            )
        if not parts:
            parts.append(
                "keeps the same projects with the work better spread"
                if self.gain > 1e-9
                else "changes nothing"
            )
        return f"{head} " + "; it ".join(parts)


def capacity_gain(
    problem: Problem,
    result: Result,
    team_id: str,
    *,
    extra_hours: Decimal | float | None = None,
    fraction: float = 0.1,
    time_limit_s: float = 2.0,
) -> CapacityGain:
    """Re-solve with more hours on one team and report what that buys.

    Parameters
    ----------
    extra_hours
        Capacity hours to add; default ``fraction`` of the team's capacity
        (rounded up to a whole hour).
    time_limit_s
        Bound for the re-solve.
    """
    team = problem.team(team_id)
    if extra_hours is None:
        extra = Decimal(math.ceil(team.capacity_hours * Decimal(str(fraction))))
    else:
        extra = Decimal(str(extra_hours))
    relaxed = AddCapacity(team_id, extra).apply(problem)
    after = solve(relaxed, time_limit_s=time_limit_s)
    before_owned = set(result.plan.owners()) if result.plan else set()
    after_owned = set(after.plan.owners()) if after.plan else set()
    order = [p.project_id for p in problem.projects]
    return CapacityGain(
        team_id,
        extra,
        result.objective,
        after.objective,
        tuple(p for p in order if p in after_owned - before_owned),
        tuple(p for p in order if p in before_owned - after_owned),
        after.status.value,
    )
