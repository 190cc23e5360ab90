"""Generalized assignment (GAP) benchmark instances as the literature defines them.

The GAP: assign every job ``j`` to one agent ``i`` at cost ``c[i][j]``, using
``a[i][j]`` of the agent's capacity ``b[i]``; minimise the total cost. The
hard types that the GAP literature benchmarks on are, for ``m`` agents and
``n`` jobs:

* type D (Martello and Toth; OR-Library's gapd, Chu and Beasley 1997):
  ``a`` uniform in 1..100, ``c = 111 - a + e`` with ``e`` uniform in -10..10,
  ``b[i] = 0.8 * sum_j a[i][j] / m``;
* type E (Laguna, Kelly, Gonzalez-Velarde and Glover 1995; the type E set of
  Yagiura, Ibaraki and Glover 2004): ``a = 1 - 10 ln(u)``,
  ``c = 1000 / a - 10 u'`` with ``u``, ``u'`` uniform in (0, 1],
  ``b[i] = 0.8 * sum_j a[i][j] / m``.

Numbers are truncated to whole numbers, as in the published instance files.
Both types are minimisation problems (maximising them instead is trivial).
The planner maximises, so :func:`gap_to_problem` turns an instance into a
problem with ``value = offset - cost`` per pair, every job mandatory and only
the ``value`` weight on: the best plan is then the cheapest assignment, and
``cost = n * offset - objective``.

Unlike :func:`planner.core.gap_instances.generate_gap_problem` (OR-Library's
style, made tighter, with a witness), nothing is raised
to guarantee feasibility: at ``0.8`` tightness these types are feasible in
practice (every seed the benchmarks use is).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from planner.core.domain import Problem
from planner.core.gap_instances import GAP_STAGE as STAGE
from planner.core.gap_instances import gap_problem

GAP_KINDS = ("D", "E")


@dataclass(frozen=True)
class GapInstance:
    """A GAP instance in the literature's terms (agents x jobs matrices), minimising cost."""

    kind: str
    seed: int
    cost: tuple[tuple[int, ...], ...]  # cost[i][j]: agent i, job j
    effort: tuple[tuple[int, ...], ...]  # a[i][j]
    capacity: tuple[int, ...]  # b[i]

    @property
    def num_agents(self) -> int:
        return len(self.capacity)

    @property
    def num_jobs(self) -> int:
        return len(self.cost[0]) if self.cost else 0

    @property
    def offset(self) -> int:
        """The smallest whole number that keeps every ``value = offset - cost`` at least 0."""
        return max(max(row) for row in self.cost) if self.cost else 0

    @property
    def name(self) -> str:
        return f"{self.kind}{self.num_agents}x{self.num_jobs}s{self.seed}"


def gap_instance(kind: str, num_agents: int, num_jobs: int, seed: int = 0) -> GapInstance:
    """A type D or type E GAP instance, drawn from ``random.Random(seed)``.

    Parameters
    ----------
    kind
        ``"D"`` or ``"E"`` (see the module's docstring for the definitions).
    num_agents, num_jobs
        ``m`` >= 1 and ``n`` >= 1.
    seed
        Seed for ``random.Random``; the same arguments give the same instance.
    """
    if kind not in GAP_KINDS:
        raise ValueError(f"kind must be one of {GAP_KINDS}, not {kind!r}")
    if num_agents < 1 or num_jobs < 1:
        raise ValueError("an instance needs at least one agent and one job")
    rng = random.Random(f"gap-{kind}-{num_agents}-{num_jobs}-{seed}")
    cost: list[tuple[int, ...]] = []
    effort: list[tuple[int, ...]] = []
    for _ in range(num_agents):
        if kind == "D":
            a = [rng.randint(1, 100) for _ in range(num_jobs)]
            c = [111 - x + rng.randint(-10, 10) for x in a]
        else:
            # 1 - random() lies in (0, 1], so the logarithm is finite.
            a = [int(1 - 10 * math.log(1 - rng.random())) for _ in range(num_jobs)]
            c = [int(1000 / x - 10 * (1 - rng.random())) for x in a]
        effort.append(tuple(a))
        cost.append(tuple(c))
    capacity = tuple(int(0.8 * sum(row) / num_agents) for row in effort)
    return GapInstance(kind, seed, tuple(cost), tuple(effort), capacity)


def gap_to_problem(instance: GapInstance) -> Problem:
    """The instance as a planning problem whose best plan is the cheapest assignment.

    Teams are the agents (capacity ``b``), projects the jobs (all mandatory,
    one stage that every team owns, no skills or goals); every pair has an
    estimate with effort ``a`` and ``value = offset - c``; only the ``value``
    weight is on.
    """
    offset = instance.offset
    value = [[offset - c for c in row] for row in instance.cost]
    return gap_problem(instance.capacity, instance.effort, value)


__all__ = ["GAP_KINDS", "STAGE", "GapInstance", "gap_instance", "gap_to_problem"]
